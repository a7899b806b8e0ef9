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
                self.0.iter().map(|b| format!("{b:02x}")).collect()
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
