//! Internal identifiers: random, meaningless, never shown outside the system's own records.

use std::fmt;

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
                <[u8; 16] as hex::FromHex>::from_hex(s).ok().map(Self)
            }

            /// The 32-hex-digit stored form.
            pub fn to_hex(&self) -> String {
                hex::encode(self.0)
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
    /// A staff member's credential (a bearer token) by id: never the token itself.
    CredentialId
);
opaque_id!(
    /// A number change request's id.
    NumberChangeId
);
opaque_id!(
    /// A queued or mailed notification letter's id.
    NoticeId
);
opaque_id!(
    /// An organisation's id (a relying party, an employer, an agency): never its corporate
    /// number, which is public and may be registered again after a revocation.
    OrganisationId
);
opaque_id!(
    /// A kiosk terminal's id (コンビニ交付's multi-copy machine): the `kid` its signed requests
    /// name.
    TerminalId
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
