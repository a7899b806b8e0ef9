//! One table per enum of stable codes: the kebab-case names the API, the CLI, storage and the
//! ledger use, from which `ALL`, `code()`, `parse()` and `parse_field()` are all derived.

/// Declares the stable codes of a fieldless enum in one table and derives from it:
/// `ALL` (every value, in the table's order), `code()`, `parse()` (white space around the code
/// is ignored) and `parse_field()`, whose error names the field and lists every code. The error
/// does not repeat what was given: a field may have been sent something it should never hold
/// (an Individual Number in the wrong place), and errors are logged and shown.
///
/// A code written twice, or a variant missing from the table, does not compile: `code()` is a
/// `match` over the variants and `parse()` one over the codes.
#[macro_export]
macro_rules! codes {
    ($ty:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the order of its code table.
            pub const ALL: [Self; [$($code),+].len()] = [$(Self::$variant),+];

            /// The stable code used in the API, the CLI, storage and the ledger.
            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),+
                }
            }

            /// Parses a code, ignoring white space around it.
            pub fn parse(s: &str) -> Option<Self> {
                match s.trim() {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// Parses a code given in `field`; the error lists every code.
            pub fn parse_field(
                field: &'static str,
                s: &str,
            ) -> Result<Self, $crate::FieldError> {
                Self::parse(s).ok_or_else(|| {
                    $crate::FieldError::new(field, "problem-one-of")
                        .arg("codes", [$($code),+].join(", "))
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::Role;

    #[test]
    fn one_table_gives_every_direction() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse(" auditor\n"), Some(Role::Auditor));
        assert_eq!(Role::parse("Auditor"), None);
        let e = Role::parse_field("role", "123456789018").unwrap_err();
        assert_eq!(e.field, "role");
        assert_eq!(
            e.problem(),
            "must be one of: administrator, auditor, call-center-operator, registry-clerk"
        );
    }
}
