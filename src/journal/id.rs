//! Entry ids: the UTC instant of `created`, then a random part.
//! Starting with UTC keeps ids sorting in time order even when the local clock
//! jumps for daylight saving; the random part keeps two saves in one second apart
//! and gives people a short handle to type.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, FixedOffset, Utc};

/// Letters and digits that are hard to misread when typed from a screen.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
pub const RANDOM_LEN: usize = 6;

static DRAWS: AtomicU64 = AtomicU64::new(0);

/// A new id for an entry created at `created`.
pub fn new_id(created: &DateTime<FixedOffset>) -> String {
    format!(
        "{}-{}",
        created.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ"),
        random_part()
    )
}

fn random_part() -> String {
    let draw = DRAWS.fetch_add(1, Ordering::Relaxed);
    // Test seam: the first draw of a process can be fixed, so a test can force a
    // clash with a file already on disk. Later draws are random again, which is
    // exactly what the clash handling relies on.
    if draw == 0
        && let Ok(fixed) = std::env::var("TEND_TEST_RANDOM")
    {
        return fixed;
    }
    // std's RandomState is seeded from the OS per process; hashing the time,
    // pid and a counter through it is random enough for a clash-avoiding suffix
    // without another crate.
    let mut h = RandomState::new().build_hasher();
    h.write_u64(draw);
    h.write_u32(std::process::id());
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    let mut x = h.finish();
    let mut s = String::with_capacity(RANDOM_LEN);
    for _ in 0..RANDOM_LEN {
        s.push(ALPHABET[(x % ALPHABET.len() as u64) as usize] as char);
        x /= ALPHABET.len() as u64;
    }
    s
}

/// An id is safe to use as a file name: no separators, no dots, nothing odd.
pub fn is_valid(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The part after the instant: what people type as a short handle.
pub fn handle(id: &str) -> &str {
    id.rsplit_once('-').map(|(_, r)| r).unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_start_with_the_utc_instant() {
        let t = DateTime::parse_from_rfc3339("2026-11-26T00:30:00+01:00").unwrap();
        let id = new_id(&t);
        assert!(id.starts_with("20261125T233000Z-"), "{id}");
        assert!(is_valid(&id));
        assert_eq!(handle(&id).len(), RANDOM_LEN);
    }

    #[test]
    fn unsafe_ids_are_refused() {
        for bad in ["", "../x", "a/b", "a.b", "a b"] {
            assert!(!is_valid(bad), "{bad}");
        }
    }
}
