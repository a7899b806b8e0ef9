//! 申請書ID (card application ID): the 23 digits printed on the card application form and in its
//! QR code, with which a resident applies online (facts §2.5).
//!
//! The official structure is not public, so this one is ours (docs/design/documents.md):
//! the 6-digit local-government code of the issuing municipality (with its own check digit),
//! 16 random digits, and a Damm check digit over the 22 before it. Damm catches every single-digit
//! error and every swap of adjacent digits, the two mistakes people make typing a long number.
//! The random part makes an ID impossible to guess from another one.

use crate::digits::collect_digits;
use crate::{MunicipalityCode, NumberError};

/// Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004), the table
/// python-stdnum's `stdnum.damm` also uses.
const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/// The Damm check digit of ASCII digits.
pub fn damm_check_digit(digits: &[u8]) -> u8 {
    digits.iter().fold(0u8, |interim, d| {
        DAMM[usize::from(interim)][usize::from(d.wrapping_sub(b'0') % 10)]
    })
}

/// How many random digits an ID carries.
const SERIAL_DIGITS: u32 = 16;
const SERIAL_SPACE: u64 = 10u64.pow(SERIAL_DIGITS);

/// 申請書ID: municipality code (6) + random serial (16) + Damm check digit (1).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApplicationId([u8; 23]);

impl ApplicationId {
    /// The ID for `municipality` with a serial drawn from 8 random bytes, or `None` for the few
    /// byte values that would bias the serial (draw again).
    pub fn from_random(municipality: MunicipalityCode, bytes: [u8; 8]) -> Option<Self> {
        let value = u64::from_be_bytes(bytes);
        let limit = u64::MAX - u64::MAX % SERIAL_SPACE;
        (value < limit).then(|| Self::new(municipality, value % SERIAL_SPACE))
    }

    fn new(municipality: MunicipalityCode, serial: u64) -> Self {
        let mut digits = [b'0'; 23];
        digits[..6].copy_from_slice(municipality.as_str().as_bytes());
        let serial = format!("{serial:016}");
        digits[6..22].copy_from_slice(serial.as_bytes());
        digits[22] = b'0' + damm_check_digit(&digits[..22]);
        Self(digits)
    }

    /// Parses 23 digits (full-width digits, spaces and hyphens allowed), checking both the
    /// municipality code's check digit and the ID's own.
    pub fn parse(input: &str) -> Result<Self, NumberError> {
        let mut digits = [0u8; 23];
        let found = collect_digits(input, &mut digits)?;
        match found {
            0 => return Err(NumberError::Empty),
            23 => {}
            _ => {
                return Err(NumberError::InvalidLength {
                    expected: 23,
                    found,
                });
            }
        }
        if damm_check_digit(&digits) != 0 {
            return Err(NumberError::CheckDigitMismatch);
        }
        let code = std::str::from_utf8(&digits[..6]).unwrap_or_default();
        MunicipalityCode::parse(code).map_err(|_| NumberError::CheckDigitMismatch)?;
        Ok(Self(digits))
    }

    /// The municipality that printed the form.
    pub fn municipality(&self) -> MunicipalityCode {
        let code = std::str::from_utf8(&self.0[..6]).unwrap_or_default();
        // Both constructors validated these six digits.
        MunicipalityCode::parse(code).unwrap_or_else(|_| unreachable_code())
    }

    /// The 23 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The digits in groups of four for print (`1310 4112 3456 7890 1234 567`).
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(28);
        for (i, d) in self.as_str().chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(d);
        }
        out
    }
}

#[cold]
fn unreachable_code() -> MunicipalityCode {
    MunicipalityCode::parse("131016").unwrap_or_else(|_| unreachable_code())
}

impl std::fmt::Display for ApplicationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for ApplicationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApplicationId({})", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn shinjuku() -> MunicipalityCode {
        MunicipalityCode::parse("131041").unwrap()
    }

    #[test]
    fn damm_known_answers() {
        // Damm's worked example: 572 → check digit 4.
        assert_eq!(damm_check_digit(b"572"), 4);
        assert_eq!(damm_check_digit(b"5724"), 0);
        assert_eq!(damm_check_digit(b""), 0);
    }

    #[test]
    fn an_id_has_the_municipality_the_serial_and_a_check_digit() {
        let id = ApplicationId::new(shinjuku(), 1234_5678_9012_3456);
        assert_eq!(&id.as_str()[..22], "1310411234567890123456");
        assert_eq!(id.as_str().len(), 23);
        assert_eq!(id.municipality(), shinjuku());
        assert_eq!(ApplicationId::parse(&id.grouped()), Ok(id));
        assert_eq!(id.grouped().len(), 23 + 5);
    }

    #[test]
    fn parse_reports_what_is_wrong() {
        assert_eq!(ApplicationId::parse(""), Err(NumberError::Empty));
        assert_eq!(
            ApplicationId::parse("1234"),
            Err(NumberError::InvalidLength {
                expected: 23,
                found: 4
            })
        );
        // A valid Damm digit over a municipality code with a wrong check digit.
        let mut bad = *b"1310421234567890123456_";
        bad[22] = b'0' + damm_check_digit(&bad[..22]);
        let bad = std::str::from_utf8(&bad).unwrap();
        assert_eq!(
            ApplicationId::parse(bad),
            Err(NumberError::CheckDigitMismatch)
        );
    }

    #[test]
    fn biased_draws_are_refused() {
        assert_eq!(ApplicationId::from_random(shinjuku(), [0xFF; 8]), None);
        assert!(ApplicationId::from_random(shinjuku(), [0x12; 8]).is_some());
    }

    proptest! {
        #[test]
        fn every_single_digit_error_and_adjacent_swap_is_caught(
            serial in 0u64..SERIAL_SPACE, pos in 0usize..23, delta in 1u8..10
        ) {
            let id = ApplicationId::new(shinjuku(), serial);
            let mut typo = id.as_str().as_bytes().to_vec();
            typo[pos] = b'0' + (typo[pos] - b'0' + delta) % 10;
            prop_assert!(ApplicationId::parse(std::str::from_utf8(&typo).unwrap()).is_err());
            if pos < 22 && typo[pos] != typo[pos + 1] {
                let mut swapped = id.as_str().as_bytes().to_vec();
                swapped.swap(pos, pos + 1);
                if swapped != id.as_str().as_bytes() {
                    prop_assert!(ApplicationId::parse(std::str::from_utf8(&swapped).unwrap()).is_err());
                }
            }
        }
    }
}
