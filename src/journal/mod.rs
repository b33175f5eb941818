//! The journal on disk: entries, their ids, the one writer, the one loader,
//! and drafts of check-ins in progress.

pub mod draft;
pub mod entry;
pub mod facts;
pub mod id;
pub mod index;
pub mod load;
pub mod settings;
pub mod state;
pub mod store;
pub mod trash;

pub use entry::{Answer, Entry, Value};
pub use store::Journal;
