//! 個人番号 (Individual Number, "My Number"): 12 digits, the last a statutory check digit.
//!
//! Format and check digit: 番号法施行令第8条 and 総務省令第85号第5条 (facts §1.1, §1.2).

use std::fmt;

use crate::NumberError;
use crate::digits::{all_ascii_digits, collect_digits, values};

/// Weights of the check-digit formula over the 11-digit base, left to right.
///
/// The ordinance counts P(n) from the rightmost digit with Q(n) = n + 1 for n ≤ 6 and
/// Q(n) = n − 5 for 7 ≤ n ≤ 11; read left to right that is 6,5,4,3,2,7,6,5,4,3,2.
const WEIGHTS: [u32; 11] = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// 個人番号 (Individual Number): a valid 12-digit number with its check digit.
///
/// The only way to build one is [`IndividualNumber::parse`] (or derivation), so a value of this
/// type always carries a correct check digit. `Debug` and `Display` show the masked form
/// (`**** **** 9018`); the whole number is available only through the `expose_` methods, which
/// makes every place that reveals it easy to find.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndividualNumber([u8; 12]);

impl IndividualNumber {
    /// Parses a number typed by a person: ASCII or full-width digits, optionally separated by
    /// spaces or hyphens. Leading zeros are significant and kept.
    pub fn parse(input: &str) -> Result<Self, NumberError> {
        // Fast path for the canonical form used by files and APIs.
        let bytes = input.as_bytes();
        if bytes.len() == 12 && all_ascii_digits(bytes) {
            let mut d = [0u8; 12];
            d.copy_from_slice(bytes);
            return Self::from_ascii_digits(d);
        }
        let mut d = [0u8; 12];
        let count = collect_digits(input, &mut d)?;
        if count == 0 {
            return Err(NumberError::Empty);
        }
        if count != 12 {
            return Err(NumberError::InvalidLength {
                expected: 12,
                found: count,
            });
        }
        Self::from_ascii_digits(d)
    }

    /// Whether `input` is a valid Individual Number in any accepted form.
    pub fn is_valid(input: &str) -> bool {
        Self::parse(input).is_ok()
    }

    /// Builds the number from an 11-digit base by appending the check digit.
    ///
    /// `base` must be below 10^11; larger values return `None`.
    pub fn from_base(base: u64) -> Option<Self> {
        if base >= 100_000_000_000 {
            return None;
        }
        let mut d = [b'0'; 12];
        let mut rest = base;
        for slot in d[..11].iter_mut().rev() {
            *slot = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        let mut base_digits = [0u8; 11];
        base_digits.copy_from_slice(&d[..11]);
        d[11] = b'0' + check_digit(&base_digits);
        Some(Self(d))
    }

    /// The 12 digits, e.g. `123456789018`. Reveals the number: use only where the law needs it.
    pub fn expose_digits(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The printed 4-4-4 form, e.g. `1234 5678 9018`. Reveals the number.
    pub fn expose_formatted(&self) -> String {
        let s = self.expose_digits();
        format!("{} {} {}", &s[0..4], &s[4..8], &s[8..12])
    }

    /// The masked form, `**** **** 9018`: only the last four digits, for a person to recognise
    /// which number is meant. The last digit is the check digit, so three digits of information
    /// are shown.
    pub fn masked(&self) -> String {
        format!("**** **** {}", &self.expose_digits()[8..12])
    }

    fn from_ascii_digits(d: [u8; 12]) -> Result<Self, NumberError> {
        let mut base = [0u8; 11];
        base.copy_from_slice(&d[..11]);
        if check_digit(&base) != d[11] - b'0' {
            return Err(NumberError::CheckDigitMismatch);
        }
        Ok(Self(d))
    }
}

/// The check digit (検査用数字) of an 11-digit base given as ASCII digits.
///
/// 総務省令第85号第5条: S = Σ P(n)·Q(n); r = S mod 11; the digit is 11 − r, or 0 when r ≤ 1.
pub fn check_digit(base: &[u8; 11]) -> u8 {
    let v = values(base);
    let mut sum = 0u32;
    for i in 0..11 {
        sum += v[i] * WEIGHTS[i];
    }
    let r = sum % 11;
    if r <= 1 { 0 } else { (11 - r) as u8 }
}

impl fmt::Debug for IndividualNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IndividualNumber")
            .field(&self.masked())
            .finish()
    }
}

impl fmt::Display for IndividualNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    use super::*;

    fn check(input: &str, expect: Expect) {
        let actual = match IndividualNumber::parse(input) {
            Ok(n) => format!("ok {}", n.expose_digits()),
            Err(e) => format!("error: {e}"),
        };
        expect.assert_eq(&actual);
    }

    /// Known answers from facts §1.2: the five computed examples and the published vectors.
    #[test]
    fn known_answer_vectors_validate() {
        for n in [
            "987654321093",
            "314159265352",
            "271828182840", // r = 1 → check digit 0
            "135791357910", // r = 0 → check digit 0
            "246813579005",
            "123456789018",
            "621498320257",
            "111111111118",
            "548836529885",
            "983205673214",
        ] {
            assert!(IndividualNumber::is_valid(n), "{n} should be valid");
            let last = n.as_bytes()[11] - b'0';
            let bumped = format!("{}{}", &n[..11], (last + 1) % 10);
            assert!(
                !IndividualNumber::is_valid(&bumped),
                "{bumped} should be invalid"
            );
        }
    }

    #[test]
    fn parsing_reports_what_is_wrong() {
        check("123456789018", expect!["ok 123456789018"]);
        check("1234 5678 9018", expect!["ok 123456789018"]);
        check("1234-5678-9018", expect!["ok 123456789018"]);
        check("１２３４　５６７８　９０１８", expect!["ok 123456789018"]);
        check("1234－5678－9018", expect!["ok 123456789018"]);
        check(
            "012345678906",
            expect!["error: the check digit does not match"],
        );
        check(
            "123456789019",
            expect!["error: the check digit does not match"],
        );
        check(
            "12345678901",
            expect!["error: expected 12 digits, found 11"],
        );
        check(
            "1234567890180",
            expect!["error: expected 12 digits, found 13"],
        );
        check("", expect!["error: no digits were given"]);
        check("  -  ", expect!["error: no digits were given"]);
        check(
            "12345678901a",
            expect!["error: character 'a' at position 12 is not a digit, space or hyphen"],
        );
        check(
            "1234.5678.9018",
            expect!["error: character '.' at position 5 is not a digit, space or hyphen"],
        );
    }

    #[test]
    fn leading_zeros_are_kept() {
        let n = IndividualNumber::from_base(1).unwrap();
        assert_eq!(n.expose_digits().len(), 12);
        assert!(n.expose_digits().starts_with("0000000000"));
        assert_eq!(IndividualNumber::parse(n.expose_digits()).unwrap(), n);
    }

    #[test]
    fn debug_and_display_are_masked() {
        let n = IndividualNumber::parse("123456789018").unwrap();
        expect![[r#"IndividualNumber("**** **** 9018")"#]].assert_eq(&format!("{n:?}"));
        expect!["**** **** 9018"].assert_eq(&n.to_string());
        expect!["1234 5678 9018"].assert_eq(&n.expose_formatted());
        assert!(!format!("{n:?}{n}").contains("12345678"));
    }

    #[test]
    fn from_base_rejects_out_of_range() {
        assert!(IndividualNumber::from_base(100_000_000_000).is_none());
        assert_eq!(
            IndividualNumber::from_base(12_345_678_901)
                .unwrap()
                .expose_digits(),
            "123456789018"
        );
    }

    proptest! {
        #[test]
        fn every_base_gets_a_valid_number(base in 0u64..100_000_000_000) {
            let n = IndividualNumber::from_base(base).unwrap();
            prop_assert_eq!(IndividualNumber::parse(n.expose_digits()).unwrap(), n);
            prop_assert_eq!(IndividualNumber::parse(&n.expose_formatted()).unwrap(), n);
        }

        /// Every single-digit substitution is detected, except between remainders 0 and 1, which
        /// both give check digit 0 (facts §1.2, error-detection note).
        #[test]
        fn single_digit_changes_are_detected(
            base in 0u64..100_000_000_000, pos in 0usize..12, delta in 1u8..10,
        ) {
            let n = IndividualNumber::from_base(base).unwrap();
            let mut d = n.0;
            d[pos] = b'0' + (d[pos] - b'0' + delta) % 10;
            let changed = std::str::from_utf8(&d).unwrap().to_owned();
            let accepted = IndividualNumber::is_valid(&changed);
            if accepted {
                // The only blind spot: both the original and the changed base have r ∈ {0, 1}.
                prop_assert!(pos < 11);
                let r = |digits: &[u8]| {
                    digits[..11].iter().zip(WEIGHTS).map(|(c, w)| (c - b'0') as u32 * w).sum::<u32>() % 11
                };
                prop_assert!(r(&n.0) <= 1 && r(&d) <= 1, "undetected change outside the 0/1 case");
            }
        }
    }
}
