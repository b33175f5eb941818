//! FNV-1a, the one non-random hash in tend. It is defined by its constants,
//! so a value is the same on every Rust release and every machine: the index
//! stores digests made with it. It is also fast on short keys; a summary
//! hashes every word of every entry in its period, where SipHash's
//! protection against chosen keys buys nothing for a person's own words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A map hashed with FNV, for keys people typed.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The published FNV-1a 64-bit test values: if these change, so does
    /// every digest stored in an index.
    #[test]
    fn matches_the_published_values() {
        let of = |s: &str| {
            let mut h = Fnv::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(of(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(of("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(of("foobar"), 0x8594_4171_f739_67e8);
    }
}
