//! 暗証番号 (the card's PINs, facts §2.3): which PINs a My Number Card has, the form each must
//! take, and how many wrong tries lock it. The card enforces the counters; the counter at
//! pick-up and PIN reset checks the form before the card is written.

use crate::FieldError;

/// A PIN of the card.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum PinKind {
    /// 利用者証明用電子証明書の暗証番号: 4 digits, 3 tries (JPKI-AP EF 0018).
    Authentication,
    /// 住民基本台帳用暗証番号 (shown as 個人番号カード用): 4 digits, 3 tries.
    ResidentRegistry,
    /// 署名用電子証明書の暗証番号 (the signature password): 6–16 of A–Z and 0–9 with at least
    /// one letter and one digit, 5 tries (JPKI-AP EF 001B).
    Signature,
    /// 券面事項入力補助用暗証番号: 4 digits, 3 tries (券面事項入力補助AP EF 0011).
    TextInput,
}

crate::codes!(PinKind {
    Signature => "signature",
    Authentication => "authentication",
    ResidentRegistry => "resident-registry",
    TextInput => "text-input",
});

impl PinKind {
    /// Wrong tries before the PIN locks (facts §2.3).
    pub fn max_tries(self) -> u8 {
        match self {
            Self::Signature => 5,
            Self::Authentication | Self::ResidentRegistry | Self::TextInput => 3,
        }
    }

    /// Checks a new PIN's form and returns it as the card stores it: the signature password
    /// upper-cased, as client software does with lowercase input (facts §2.3). The message
    /// never repeats the PIN.
    pub fn check(self, pin: &str) -> Result<String, FieldError> {
        let field = match self {
            Self::Authentication => "authentication_pin",
            Self::ResidentRegistry => "resident_registry_pin",
            Self::Signature => "signature_password",
            Self::TextInput => "text_input_pin",
        };
        match self {
            Self::Signature => {
                let pin = pin.to_ascii_uppercase();
                let len = pin.chars().count();
                if !(6..=16).contains(&len) {
                    return Err(
                        FieldError::new(field, "problem-signature-pin-length").arg("length", len)
                    );
                }
                if !pin
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                {
                    return Err(FieldError::new(field, "problem-may-hold-letters-z"));
                }
                if !pin.chars().any(|c| c.is_ascii_uppercase())
                    || !pin.chars().any(|c| c.is_ascii_digit())
                {
                    return Err(FieldError::new(field, "problem-hold-least-letter-least"));
                }
                Ok(pin)
            }
            Self::Authentication | Self::ResidentRegistry | Self::TextInput => {
                if pin.len() != 4 || !pin.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(FieldError::new(field, "problem-exactly-4-digits"));
                }
                Ok(pin.to_owned())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: PinKind, pin: &str) -> String {
        match kind.check(pin) {
            Ok(stored) => format!("ok {stored}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_forms_of_facts_2_3() {
        use PinKind::*;
        let cases = [
            (Signature, "ABC123", "ok ABC123"),
            (Signature, "abc123", "ok ABC123"),
            (Signature, "A1B2C3D4E5F6G7H8", "ok A1B2C3D4E5F6G7H8"),
            (
                Signature,
                "AB123",
                "signature_password: must be 6 to 16 characters, not 5",
            ),
            (
                Signature,
                "A1B2C3D4E5F6G7H8I",
                "signature_password: must be 6 to 16 characters, not 17",
            ),
            (
                Signature,
                "ABCDEF",
                "signature_password: must hold at least one letter and at least one digit",
            ),
            (
                Signature,
                "123456",
                "signature_password: must hold at least one letter and at least one digit",
            ),
            (
                Signature,
                "ABC-123",
                "signature_password: may hold only the letters A to Z and the digits 0 to 9",
            ),
            (
                Signature,
                "ＡＢＣ１２３",
                "signature_password: may hold only the letters A to Z and the digits 0 to 9",
            ),
            (Authentication, "1234", "ok 1234"),
            (Authentication, "0000", "ok 0000"),
            (
                Authentication,
                "123",
                "authentication_pin: must be exactly 4 digits",
            ),
            (
                TextInput,
                "12a4",
                "text_input_pin: must be exactly 4 digits",
            ),
            (
                ResidentRegistry,
                "１２３４",
                "resident_registry_pin: must be exactly 4 digits",
            ),
        ];
        for (kind, pin, want) in cases {
            assert_eq!(check(kind, pin), want, "{kind:?} {pin:?}");
        }
    }

    #[test]
    fn tries_and_codes() {
        assert_eq!(PinKind::Signature.max_tries(), 5);
        for k in PinKind::ALL {
            assert_eq!(PinKind::parse(k.code()), Some(k));
            if k != PinKind::Signature {
                assert_eq!(k.max_tries(), 3);
            }
        }
    }
}
