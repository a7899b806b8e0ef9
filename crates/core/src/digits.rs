//! Normalising typed-in number strings: full-width digits, spaces and hyphens.
//!
//! Residents and clerks copy numbers from cards, letters and spreadsheets, so input arrives with
//! group separators ("1234 5678 9018", "1234-5678-9018") and in full-width form ("１２３４…"),
//! which Japanese input methods produce by default. Everything else is rejected with its position,
//! so the error tells the user which character to fix.

use crate::NumberError;

/// Collects the digits of `input` into `out` (ASCII `b'0'..=b'9'`), skipping separators.
///
/// Returns how many digits were seen; digits beyond `N` are counted but not stored so the length
/// error can report the real count.
pub(crate) fn collect_digits<const N: usize>(
    input: &str,
    out: &mut [u8; N],
) -> Result<usize, NumberError> {
    let mut count = 0usize;
    for (index, ch) in input.chars().enumerate() {
        let digit = match ch {
            '0'..='9' => ch as u8,
            // U+FF10..U+FF19 FULLWIDTH DIGIT ZERO..NINE.
            '\u{FF10}'..='\u{FF19}' => b'0' + (ch as u32 - 0xFF10) as u8,
            c if is_separator(c) => continue,
            other => {
                return Err(NumberError::InvalidCharacter {
                    character: other,
                    position: index + 1,
                });
            }
        };
        if count < N {
            out[count] = digit;
        }
        count += 1;
    }
    Ok(count)
}

/// Separators accepted between digit groups.
///
/// ASCII space and hyphen, the ideographic space (U+3000), the full-width hyphen-minus (U+FF0D),
/// the hyphen (U+2010) and the minus sign (U+2212): the characters Japanese keyboards and word
/// processors put between digit groups.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '\u{3000}' | '\u{FF0D}' | '\u{2010}' | '\u{2212}'
    )
}

/// Returns the numeric values (0..=9) of ASCII digits. Another byte gives a meaningless value,
/// never a panic: the check-digit functions built on this are public (a test passing digit
/// values instead of ASCII found the overflow).
#[inline]
pub(crate) fn values<const N: usize>(ascii: &[u8; N]) -> [u32; N] {
    let mut v = [0u32; N];
    let mut i = 0;
    while i < N {
        v[i] = ascii[i].wrapping_sub(b'0') as u32;
        i += 1;
    }
    v
}

/// Whether every byte is an ASCII digit.
#[inline]
pub(crate) fn all_ascii_digits(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_digit)
}
