//! `tid` format: `&str` -> [`Tid`] (13 base32-sortable characters), and a generator of new
//! TIDs from the system clock.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::string_format::{string_format_traits, SyntaxError};
use crate::StringFormat;

/// Digit value = index; string order equals numeric order.
const ALPHABET: &[u8; 32] = b"234567abcdefghijklmnopqrstuvwxyz";
const LEN: usize = 13;
const CLOCK_ID_BITS: u32 = 10;
const MAX_MICROS: u64 = (1 << 53) - 1;

/// A timestamp identifier such as `3jzfcijpj2z2a`: a 64-bit integer (53 bits of
/// microseconds since the UNIX epoch, 10 bits of clock id) in base32-sortable form.
///
/// Stored as its 13 ASCII bytes, so it is `Copy` and never allocates.
#[derive(Clone, Copy)]
pub struct Tid([u8; LEN]);

impl Tid {
    /// Checks `s` without allocating; the hot path for validators.
    pub fn validate(s: &str) -> Result<(), SyntaxError> {
        check(s)
    }

    /// Parses and validates `s`.
    pub fn new(s: &str) -> Result<Self, SyntaxError> {
        s.parse()
    }

    /// The 13-character string.
    pub fn as_str(&self) -> &str {
        // Only ever built from ALPHABET bytes, so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The TID for an integer (every `u64` has a 13-character form).
    pub fn from_u64(value: u64) -> Tid {
        let mut out = [b'2'; LEN];
        let mut v = value;
        for slot in out.iter_mut().rev() {
            *slot = ALPHABET.get((v & 31) as usize).copied().unwrap_or(b'2');
            v >>= 5;
        }
        Tid(out)
    }

    /// The TID from a timestamp (microseconds since the UNIX epoch, < 2^53) and a clock id
    /// (< 1024); `None` when either is out of range.
    pub fn from_parts(timestamp_micros: u64, clock_id: u16) -> Option<Tid> {
        if timestamp_micros > MAX_MICROS || u32::from(clock_id) >= 1 << CLOCK_ID_BITS {
            return None;
        }
        Some(Tid::from_u64(
            (timestamp_micros << CLOCK_ID_BITS) | u64::from(clock_id),
        ))
    }

    /// The integer value.
    pub fn as_u64(&self) -> u64 {
        self.0.iter().fold(0u64, |acc, &c| {
            (acc << 5) | u64::from(digit(c).unwrap_or(0))
        })
    }

    /// Microseconds since the UNIX epoch (bits 62..10); untrusted in received data.
    pub fn timestamp_micros(&self) -> u64 {
        (self.as_u64() >> CLOCK_ID_BITS) & MAX_MICROS
    }

    /// The 10-bit clock identifier (bits 9..0).
    pub fn clock_id(&self) -> u16 {
        (self.as_u64() & ((1 << CLOCK_ID_BITS) - 1)) as u16
    }

    /// A new TID from the system clock: strictly greater than every TID this process made
    /// before, even within one microsecond or when the clock steps backwards.
    pub fn now() -> Tid {
        // The last timestamp handed out, shared by all threads; a compare-exchange loop
        // bumps it by at least one microsecond per TID, so values never repeat.
        static LAST_MICROS: AtomicU64 = AtomicU64::new(0);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(MAX_MICROS))
            .min(MAX_MICROS);
        let mut last = LAST_MICROS.load(Ordering::Relaxed);
        let micros = loop {
            // At the (year 2255) end of the 53-bit range we would rather repeat than wrap.
            let next = now.max(last.saturating_add(1)).min(MAX_MICROS);
            match LAST_MICROS.compare_exchange_weak(last, next, Ordering::AcqRel, Ordering::Relaxed)
            {
                Ok(_) => break next,
                Err(current) => last = current,
            }
        };
        Tid::from_u64((micros << CLOCK_ID_BITS) | u64::from(process_clock_id()))
    }

    fn from_checked_str(s: &str) -> Self {
        let mut out = [b'2'; LEN];
        for (slot, c) in out.iter_mut().zip(s.bytes()) {
            *slot = c;
        }
        Tid(out)
    }

    fn from_checked_string(s: String) -> Self {
        Tid::from_checked_str(&s)
    }
}

/// A random clock id, fixed for the life of the process, so that TIDs minted by several
/// processes in the same microsecond still differ. `RandomState` is seeded from the OS's
/// randomness, which is all we need for 10 bits, without another dependency.
fn process_clock_id() -> u16 {
    static CLOCK_ID: OnceLock<u16> = OnceLock::new();
    *CLOCK_ID.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u32(std::process::id());
        (hasher.finish() & ((1 << CLOCK_ID_BITS) - 1)) as u16
    })
}

fn digit(c: u8) -> Option<u8> {
    match c {
        b'2'..=b'7' => Some(c - b'2'),
        b'a'..=b'z' => Some(c - b'a' + 6),
        _ => None,
    }
}

pub(crate) fn check(s: &str) -> Result<(), SyntaxError> {
    let err = |offset, reason| SyntaxError::at(StringFormat::Tid, offset, reason);
    let bytes = s.as_bytes();
    if bytes.len() != LEN {
        return Err(SyntaxError::whole(
            StringFormat::Tid,
            "TID must be exactly 13 characters",
        ));
    }
    for (i, &c) in bytes.iter().enumerate() {
        match digit(c) {
            // The first character carries the top 4 bits only.
            Some(d) if i == 0 && d >= 16 => {
                return Err(err(
                    0,
                    "TID's first character must be one of `234567abcdefghij`",
                ))
            }
            Some(_) => {}
            None if c.is_ascii_uppercase() => return Err(err(i, "TID must be lowercase")),
            None => {
                return Err(err(
                    i,
                    "TID may only contain the base32-sortable characters `234567a-z`",
                ))
            }
        }
    }
    Ok(())
}

string_format_traits!(Tid, "a TID string");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax() {
        for ok in [
            "3jzfcijpj2z2a",
            "7777777777777",
            "3zzzzzzzzzzzz",
            "2222222222222",
            "jzzzzzzzzzzzz",
        ] {
            assert!(Tid::validate(ok).is_ok(), "{ok}");
        }
        for bad in [
            "3jzfcijpj2z21",
            "0000000000000",
            "3JZFCIJPJ2Z2A",
            "3jzfcijpj2z2",
            "3jzfcijpj2z2aa",
            "3jzf-cij-pj2z-2a",
            "zzzzzzzzzzzzz",
            "kjzfcijpj2z2a",
            "3jzfcijpj2z2é",
        ] {
            assert!(Tid::validate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn integer_round_trip() {
        assert_eq!(Tid::from_u64(0).as_str(), "2222222222222");
        assert_eq!(Tid::from_u64(u64::MAX).as_str(), "jzzzzzzzzzzzz");
        let t: Tid = "3jzfcijpj2z2a".parse().unwrap();
        assert_eq!(Tid::from_u64(t.as_u64()), t);
        let t = Tid::from_parts(1_700_000_000_000_000, 513).unwrap();
        assert_eq!(t.timestamp_micros(), 1_700_000_000_000_000);
        assert_eq!(t.clock_id(), 513);
        assert!(Tid::from_parts(1 << 53, 0).is_none());
        assert!(Tid::from_parts(0, 1024).is_none());
    }

    #[test]
    fn now_is_strictly_increasing() {
        let mut prev = Tid::now();
        for _ in 0..10_000 {
            let next = Tid::now();
            assert!(next > prev, "{prev} then {next}");
            assert!(Tid::validate(next.as_str()).is_ok());
            assert_eq!(next.clock_id(), prev.clock_id());
            prev = next;
        }
        let now_micros = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_micros() as u64;
        assert!(prev.timestamp_micros().abs_diff(now_micros) < 60_000_000);
    }

    #[test]
    fn now_across_threads_never_repeats() {
        let handles: Vec<_> = (0..4)
            .map(|_| std::thread::spawn(|| (0..2000).map(|_| Tid::now()).collect::<Vec<_>>()))
            .collect();
        let mut all: Vec<Tid> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
