//! 情報提供用個人識別符号 (機関別符号, 番号法第21条の2; outside-world §3.1): the code by which an
//! agency, and each part of an agency the law treats apart (the mayor's offices and the board of
//! education, say), knows a person on the exchange network, derived from the 住民票コード with a
//! key only the network holds. It is never the number nor the resident code, cannot be turned
//! back into either, and two agencies' codes for one person cannot be linked without the key.
//!
//! `code = Crockford-base32₅₂(HMAC-SHA-256(K, label ‖ resident code ‖ 0 ‖ unit))`: the 256 bits
//! of the MAC as one big-endian number written in 52 base-32 digits. The construction and its
//! test vectors are published (docs/design/exchange.md), as Austria publishes its bPK's; CI
//! reproduces the vectors with Python's `hmac`. How the real network derives its codes is not
//! public (outside-world §3.1): this is a **choice**.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::ResidentCode;

/// Domain separation from every other use of a key.
const LABEL: &[u8] = b"mynumber/agency-code/v1\0";

/// Crockford's base-32 alphabet: no I, L, O or U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The code's length: 52 base-32 digits hold the MAC's 256 bits (and four leading zero bits).
pub const CODE_LENGTH: usize = 52;

/// The exchange network's secret (情報提供ネットワークシステム's key, 256 bits). `Debug` shows
/// nothing of it.
#[derive(Clone)]
pub struct ExchangeKey {
    bytes: [u8; 32],
}

impl ExchangeKey {
    /// Wraps 32 secret bytes (drawn by the shell from the OS, or supplied by the operator).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self { bytes }
    }
}

impl fmt::Debug for ExchangeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ExchangeKey(..)")
    }
}

/// An agency, or a part of one that the law treats apart, as the network names it: lowercase
/// ASCII letters, digits, `-`, `.` and `/`, 1–64 characters (e.g. `131041/mayor`,
/// `131041/board-of-education`).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct AgencyUnit(String);

impl AgencyUnit {
    /// Reads a unit's name; `None` unless it is in the form above.
    pub fn parse(name: &str) -> Option<Self> {
        let ok = (1..=64).contains(&name.len())
            && name.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'/')
            });
        ok.then(|| Self(name.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// 機関別符号: one person's code at one agency unit. `Debug` shows only its first four digits:
/// a code names a person at an agency, and stays out of logs like a number.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgencyCode(String);

impl AgencyCode {
    /// The code's 52 digits.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Reads a code as an agency sends it back; `None` unless it is 52 Crockford digits
    /// (uppercase) whose first holds no more than the four-bit headroom allows.
    pub fn parse(code: &str) -> Option<Self> {
        let ok = code.len() == CODE_LENGTH
            && code.bytes().all(|b| ALPHABET.contains(&b))
            && code
                .as_bytes()
                .first()
                .is_some_and(|b| *b == b'0' || *b == b'1');
        ok.then(|| Self(code.to_owned()))
    }
}

impl fmt::Debug for AgencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AgencyCode({}…)", self.0.get(..4).unwrap_or_default())
    }
}

/// The MAC's 256 bits as one big-endian number in 52 base-32 digits.
fn base32(digest: &[u8; 32]) -> String {
    let mut out = String::with_capacity(CODE_LENGTH);
    // 260 bits: four zero bits, then the digest; five at a time from the top.
    for i in 0..CODE_LENGTH {
        let mut digit = 0usize;
        for j in 0..5 {
            let bit = i * 5 + j;
            let value = if bit < 4 {
                0
            } else {
                let k = bit - 4;
                usize::from((digest[k / 8] >> (7 - k % 8)) & 1)
            };
            digit = (digit << 1) | value;
        }
        out.push(char::from(ALPHABET[digit]));
    }
    out
}

impl ExchangeKey {
    /// The person's code at `unit`.
    pub fn code(&self, resident: &ResidentCode, unit: &AgencyUnit) -> AgencyCode {
        // HMAC pads a key shorter than SHA-256's block with zeros (RFC 2104 §2): the padded
        // array is the same key, in the fixed size that cannot be refused.
        let mut key = [0u8; 64];
        key[..32].copy_from_slice(&self.bytes);
        let mut mac = <Hmac<Sha256> as KeyInit>::new(&key.into());
        mac.update(LABEL);
        mac.update(resident.digits().as_bytes());
        mac.update(&[0]);
        mac.update(unit.as_str().as_bytes());
        let digest: [u8; 32] = mac.finalize().into_bytes().into();
        AgencyCode(base32(&digest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resident(body: u64) -> ResidentCode {
        ResidentCode::from_body(body).unwrap()
    }

    /// The published vectors (docs/design/exchange.md): key 0x07 × 32; the resident codes are
    /// 12345678903, 98765432103 and 10000000014.
    const VECTORS: [(u64, &str, &str); 4] = [
        (
            1_234_567_890,
            "131041/mayor",
            "0N568Y0GJ2D080R7SJKG57J6AXA60GY3ZV4BA0H6YEMS6029FH6Y",
        ),
        (
            1_234_567_890,
            "131041/board-of-education",
            "11R1VF9DAYV4M4GNP33VEGN9QE5B5HAMR72Z607X6YXE083EFHJQ",
        ),
        (
            9_876_543_210,
            "131041/mayor",
            "1AYCRPCW4TPNF72HMCYA9QCRP1S2Y7GQCWK7NAQ90AV7A2CJGWKW",
        ),
        (
            1_000_000_001,
            "mhlw/pension",
            "0E1CY5K0RGP9T47KMFYF3THHMQ39KXTTKMEQFH6QXXHJBT2PCSGM",
        ),
    ];

    #[test]
    fn the_published_vectors() {
        let key = ExchangeKey::from_bytes([7; 32]);
        for (body, unit, want) in VECTORS {
            let code = key.code(&resident(body), &AgencyUnit::parse(unit).unwrap());
            assert_eq!(code.expose(), want, "{body} at {unit}");
        }
    }

    #[test]
    fn a_code_is_neither_number_nor_resident_code_and_differs_by_unit_and_key() {
        let key = ExchangeKey::from_bytes([7; 32]);
        let person = resident(1_234_567_890);
        let mayor = AgencyUnit::parse("131041/mayor").unwrap();
        let board = AgencyUnit::parse("131041/board-of-education").unwrap();
        let a = key.code(&person, &mayor);
        assert_eq!(a.expose().len(), CODE_LENGTH);
        assert!(!a.expose().contains(person.digits()));
        assert_ne!(a, key.code(&person, &board));
        assert_ne!(a, ExchangeKey::from_bytes([8; 32]).code(&person, &mayor));
        assert_eq!(
            a,
            key.code(&person, &mayor),
            "the same person, the same code"
        );
        assert_eq!(AgencyCode::parse(a.expose()), Some(a.clone()));
        assert_eq!(
            format!("{a:?}"),
            format!("AgencyCode({}…)", &a.expose()[..4])
        );
        assert_eq!(format!("{key:?}"), "ExchangeKey(..)");
        for bad in ["", "131041/Mayor", "a b", &"x".repeat(65)] {
            assert_eq!(AgencyUnit::parse(bad), None, "{bad:?}");
        }
        for bad in [
            &a.expose()[1..],
            &a.expose().to_lowercase(),
            &format!("Z{}", &a.expose()[1..]),
        ] {
            assert_eq!(AgencyCode::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn base32_is_the_digest_as_a_big_endian_number() {
        let mut d = [0u8; 32];
        assert_eq!(base32(&d), "0".repeat(52));
        d[31] = 1;
        assert_eq!(base32(&d), format!("{}1", "0".repeat(51)));
        d = [0xFF; 32];
        // 2^256 − 1: four zero bits and a one, then all ones: "1" then 51 "Z".
        assert_eq!(base32(&d), format!("1{}", "Z".repeat(51)));
    }
}
