//! Internal identifiers: random, meaningless, never shown outside the system's own records.

use std::fmt;

/// Lower-case hex of `bytes`, without a `format!` per byte (ids are encoded for every row
/// written, so this is on the bulk-import path).
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0xf) as usize] as char);
    }
    s
}

macro_rules! opaque_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name([u8; 16]);

        impl $name {
            /// Builds an id from 16 random bytes drawn by the caller.
            pub fn from_random(bytes: [u8; 16]) -> Self {
                Self(bytes)
            }

            /// Builds a time-ordered id: 48 bits of creation time (ms since the epoch) then 80
            /// random bits, as UUIDv7 does. Ids made later sort later, so database B-tree
            /// inserts land at the right edge instead of on a random page (docs/performance.md).
            /// The creation time is in the record and the ledger anyway; the id carries nothing
            /// about the person.
            pub fn time_ordered(unix_ms: u64, random: [u8; 10]) -> Self {
                let mut b = [0u8; 16];
                b[..6].copy_from_slice(&unix_ms.to_be_bytes()[2..]);
                b[6..].copy_from_slice(&random);
                Self(b)
            }

            /// Parses the 32-hex-digit stored form.
            pub fn parse(s: &str) -> Option<Self> {
                let b = s.as_bytes();
                if b.len() != 32 {
                    return None;
                }
                let mut out = [0u8; 16];
                for (i, slot) in out.iter_mut().enumerate() {
                    let hi = (b[2 * i] as char).to_digit(16)?;
                    let lo = (b[2 * i + 1] as char).to_digit(16)?;
                    *slot = (hi * 16 + lo) as u8;
                }
                Some(Self(out))
            }

            /// The 32-hex-digit stored form.
            pub fn to_hex(&self) -> String {
                crate::ids::hex(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.to_hex())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.to_hex())
            }
        }
    };
}

opaque_id!(
    /// A person's internal id: the ledger and every table refer to people by it, never by number.
    /// It never leaves the system.
    PersonId
);
opaque_id!(
    /// 世帯 (household) id.
    HouseholdId
);
opaque_id!(
    /// A staff member's id.
    StaffId
);
opaque_id!(
    /// A number change request's id.
    NumberChangeId
);
opaque_id!(
    /// A queued or mailed notification letter's id.
    NoticeId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_ordered_ids_sort_by_time_and_round_trip() {
        let a = PersonId::time_ordered(1_700_000_000_000, [0xff; 10]);
        let b = PersonId::time_ordered(1_700_000_000_001, [0x00; 10]);
        assert!(a < b);
        assert!(a.to_hex() < b.to_hex());
        assert_eq!(PersonId::parse(&a.to_hex()), Some(a));
        assert_eq!(a.to_hex(), "018bcfe56800ffffffffffffffffffff");
        assert_eq!(PersonId::parse("not hex"), None);
    }
}
