//! 住民票コード (resident record code): 10 random digits and a check digit.
//!
//! 住民基本台帳法施行規則第1条 fixes the shape (facts §1.5); the official check-digit formula is
//! not public, so this project defines its own (docs/design/numbers.md): the modulus-11 scheme of
//! the Individual Number, with weights 2,3,4,5,6,7,2,3,4,5 from the rightmost body digit.

use std::fmt;

use crate::NumberError;
use crate::digits::{collect_digits, values};

/// Weights over the 10-digit body, left to right (2,3,4,5,6,7,2,3,4,5 counted from the right).
const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// 10^10: the number of distinct bodies.
pub(crate) const BODY_SPACE: u64 = 10_000_000_000;

/// 住民票コード (resident record code): 11 digits. Those this system issues end in a check
/// digit by this project's formula; those carried in from another system are kept as given.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResidentCode([u8; 11]);

impl ResidentCode {
    /// Parses 11 digits (ASCII or full-width, optionally with spaces or hyphens), checking
    /// their form only. The register holds codes issued elsewhere too: residents migrated from a
    /// municipality's previous system, or moved in from outside this deployment, keep the codes
    /// they hold (a code changes only at its holder's request, facts §1.5), and the official
    /// check-digit formula is not public (facts §1.5: [NF]), so a code's last digit cannot be
    /// checked unless this system issued it (docs/design/numbers.md). A typing slip finds no
    /// one.
    pub fn parse(input: &str) -> Result<Self, NumberError> {
        let mut d = [0u8; 11];
        let count = collect_digits(input, &mut d)?;
        if count == 0 {
            return Err(NumberError::Empty);
        }
        if count != 11 {
            return Err(NumberError::InvalidLength {
                expected: 11,
                found: count,
            });
        }
        Ok(Self(d))
    }

    /// Parses a code this system issued: the form, then this project's check digit.
    pub fn parse_issued(input: &str) -> Result<Self, NumberError> {
        let code = Self::parse(input)?;
        if !code.has_our_check_digit() {
            return Err(NumberError::CheckDigitMismatch);
        }
        Ok(code)
    }

    /// Whether the last digit is this project's check digit over the first ten (true of every
    /// code this system issued; of a code carried in from elsewhere, only by chance).
    pub fn has_our_check_digit(&self) -> bool {
        let mut body = [0u8; 10];
        body.copy_from_slice(&self.0[..10]);
        check_digit(&body) == self.0[10] - b'0'
    }

    /// Builds a code from a body below 10^10 (the caller draws it uniformly at random).
    pub fn from_body(body: u64) -> Option<Self> {
        if body >= BODY_SPACE {
            return None;
        }
        let mut d = [b'0'; 11];
        let mut rest = body;
        for slot in d[..10].iter_mut().rev() {
            *slot = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        let mut b = [0u8; 10];
        b.copy_from_slice(&d[..10]);
        d[10] = b'0' + check_digit(&b);
        Some(Self(d))
    }

    /// Turns 8 uniformly random bytes into a body without modulo bias, or `None` (probability
    /// below 10^-9) when the caller must draw again.
    pub fn body_from_random(bytes: [u8; 8]) -> Option<u64> {
        let limit = u64::MAX - u64::MAX % BODY_SPACE;
        let v = u64::from_be_bytes(bytes);
        (v < limit).then_some(v % BODY_SPACE)
    }

    /// The 11 digits.
    pub fn digits(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// The check digit of a 10-digit body given as ASCII digits: S = Σ P·Q, r = S mod 11, digit =
/// 11 − r or 0 when r ≤ 1.
pub fn check_digit(body: &[u8; 10]) -> u8 {
    let v = values(body);
    let sum: u32 = v.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    let r = sum % 11;
    if r <= 1 { 0 } else { (11 - r) as u8 }
}

impl fmt::Debug for ResidentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ResidentCode").field(&self.digits()).finish()
    }
}

impl fmt::Display for ResidentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.digits())
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn known_answers_of_our_formula() {
        // 1234567890: 5+8+9+8+35+36+35+32+27+0 = 195, 195 mod 11 = 8, check digit 3.
        expect!["12345678903"].assert_eq(ResidentCode::from_body(1_234_567_890).unwrap().digits());
        expect!["00000000000"].assert_eq(ResidentCode::from_body(0).unwrap().digits());
        assert!(ResidentCode::parse_issued("12345678903").is_ok());
        expect!["the check digit does not match"].assert_eq(
            &ResidentCode::parse_issued("12345678904")
                .unwrap_err()
                .to_string(),
        );
        // A code carried in from another system is checked for form only.
        let carried = ResidentCode::parse("12345678904").unwrap();
        assert!(!carried.has_our_check_digit());
        expect!["expected 11 digits, found 10"]
            .assert_eq(&ResidentCode::parse("1234567890").unwrap_err().to_string());
        expect!["expected 11 digits, found 12"]
            .assert_eq(&ResidentCode::parse("123456789012").unwrap_err().to_string());
    }

    #[test]
    fn random_bodies_reject_the_biased_tail() {
        assert_eq!(ResidentCode::body_from_random([0; 8]), Some(0));
        assert_eq!(ResidentCode::body_from_random([0xff; 8]), None);
    }

    proptest! {
        /// The public check-digit functions take any bytes without a panic (they once
        /// overflowed on digit values given instead of ASCII digits).
        #[test]
        fn check_digits_never_panic(
            ten in proptest::array::uniform10(any::<u8>()),
            eleven in proptest::array::uniform11(any::<u8>()),
            twelve in proptest::array::uniform12(any::<u8>()),
        ) {
            prop_assert!(crate::check_digits::resident_code(&ten) <= 10);
            prop_assert!(crate::check_digits::individual(&eleven) <= 10);
            let _ = crate::check_digits::corporate(&twelve);
        }

        #[test]
        fn codes_round_trip_and_catch_single_digit_changes(
            body in 0u64..BODY_SPACE, pos in 0usize..11, delta in 1u8..10,
        ) {
            let code = ResidentCode::from_body(body).unwrap();
            prop_assert_eq!(ResidentCode::parse_issued(code.digits()).unwrap(), code);
            let mut d = code.0;
            d[pos] = b'0' + (d[pos] - b'0' + delta) % 10;
            let changed = std::str::from_utf8(&d).unwrap().to_owned();
            if ResidentCode::parse_issued(&changed).is_ok() {
                // As for the Individual Number, only a move between remainders 0 and 1 escapes.
                prop_assert!(pos < 10);
                prop_assert_eq!(check_digit(&d[..10].try_into().unwrap()), 0);
                prop_assert_eq!(code.0[10], b'0');
            }
        }
    }
}
