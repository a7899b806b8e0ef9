//! Deriving an Individual Number from a resident record code (番号法第8条第2項, facts §1.3).
//!
//! The statute asks for a number converted from the 住民票コード that differs from every current
//! and former number and shows no regularity from which the code could be recovered. We use a
//! keyed one-way function, not a permutation: even the key holder cannot invert it except by
//! trying every code. See docs/design/numbers.md.
//!
//! `base = HMAC-SHA-256(K, label ‖ code ‖ generation ‖ attempt)`, reduced to 11 digits by
//! rejection sampling (no modulo bias), then the statutory check digit. The caller inserts the
//! result into the registry of every number ever issued and, on a collision, tries `attempt + 1`.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::{IndividualNumber, ResidentCode};

/// Domain separation: a different purpose for the same key can never produce the same input.
const LABEL: &[u8] = b"mynumber/individual-number/v1\0";

/// 10^11: the number of 11-digit bases.
const BASE_SPACE: u64 = 100_000_000_000;

/// The secret number-derivation key `K` (256 bits). `Debug` shows only its key id.
#[derive(Clone)]
pub struct DerivationKey {
    bytes: [u8; 32],
}

/// Identifies a [`DerivationKey`] without revealing it: the first 8 bytes of a hash of the key,
/// in hex. Stored beside every issued number so a key rotation can be audited.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct KeyId(String);

/// One derivation: which resident, which statutory generation, which collision attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DerivationInput {
    /// 住民票コード of the person.
    pub resident_code: ResidentCode,
    /// 0 for the first number; +1 at each statutory change (番号法第7条第2項).
    pub generation: u32,
    /// 0 first; +1 after each collision with a number already in the registry.
    pub attempt: u32,
}

impl DerivationKey {
    /// Wraps 32 secret bytes (created from OS randomness by the shell, or supplied by the operator).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self { bytes }
    }

    /// This key's id.
    pub fn id(&self) -> KeyId {
        let digest = Sha256::new()
            .chain_update(b"mynumber/key-id/v1\0")
            .chain_update(self.bytes)
            .finalize();
        KeyId(hex::encode(&digest[..8]))
    }

    /// Derives the number for `input`, or `None` in the (≈10^-33) case that no 8-byte window of
    /// the digest falls below the rejection limit; the caller then moves on to `attempt + 1`,
    /// exactly as after a collision.
    pub fn derive(&self, input: DerivationInput) -> Option<IndividualNumber> {
        // HMAC accepts keys of any length, so this cannot fail for 32 bytes.
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.bytes).ok()?;
        mac.update(LABEL);
        mac.update(input.resident_code.digits().as_bytes());
        mac.update(&input.generation.to_be_bytes());
        mac.update(&input.attempt.to_be_bytes());
        let digest = mac.finalize().into_bytes();
        let limit = u64::MAX - u64::MAX % BASE_SPACE;
        digest
            .chunks_exact(8)
            .filter_map(|chunk| chunk.try_into().ok().map(u64::from_be_bytes))
            .find(|v| *v < limit)
            .and_then(|v| IndividualNumber::from_base(v % BASE_SPACE))
    }
}

impl fmt::Debug for DerivationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DerivationKey")
            .field("id", &self.id())
            .finish_non_exhaustive()
    }
}

impl KeyId {
    /// The id as stored (16 hex digits).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Rebuilds a stored key id.
    pub fn from_stored(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use expect_test::expect;
    use proptest::prelude::*;

    use super::*;

    fn input(code: u64, generation: u32, attempt: u32) -> DerivationInput {
        DerivationInput {
            resident_code: ResidentCode::from_body(code).unwrap(),
            generation,
            attempt,
        }
    }

    /// Pins the derivation: a change here would re-key every number ever issued.
    #[test]
    fn known_answers_with_a_fixed_test_key() {
        let key = DerivationKey::from_bytes([7; 32]);
        let n = |c, g, a| {
            key.derive(input(c, g, a))
                .unwrap()
                .expose_digits()
                .to_owned()
        };
        expect!["5766cba1552f0850"].assert_eq(key.id().as_str());
        expect!["864154631962"].assert_eq(&n(1_234_567_890, 0, 0));
        expect!["910487164271"].assert_eq(&n(1_234_567_890, 1, 0));
        expect!["672543941644"].assert_eq(&n(1_234_567_890, 0, 1));
        expect![[r#"DerivationKey { id: KeyId("5766cba1552f0850"), .. }"#]]
            .assert_eq(&format!("{key:?}"));
    }

    #[test]
    fn different_keys_give_unrelated_numbers() {
        let a = DerivationKey::from_bytes([1; 32]);
        let b = DerivationKey::from_bytes([2; 32]);
        let same = (0..1000)
            .filter(|c| a.derive(input(*c, 0, 0)) == b.derive(input(*c, 0, 0)))
            .count();
        assert_eq!(same, 0);
    }

    #[test]
    fn consecutive_codes_spread_over_the_whole_space() {
        let key = DerivationKey::from_bytes([3; 32]);
        let numbers: HashSet<_> = (0..20_000)
            .map(|c| key.derive(input(c, 0, 0)).unwrap())
            .collect();
        assert_eq!(
            numbers.len(),
            20_000,
            "no collisions expected in 2·10^4 of 10^11"
        );
        // Leading digits should be spread evenly: each of 0..9 close to 2 000 times.
        let mut first = [0usize; 10];
        for n in &numbers {
            first[(n.expose_digits().as_bytes()[0] - b'0') as usize] += 1;
        }
        assert!(first.iter().all(|c| (1700..2300).contains(c)), "{first:?}");
    }

    proptest! {
        #[test]
        fn every_derived_number_validates(code in 0u64..10_000_000_000, g in 0u32..4, a in 0u32..4) {
            let key = DerivationKey::from_bytes([9; 32]);
            let n = key.derive(input(code, g, a)).unwrap();
            prop_assert_eq!(IndividualNumber::parse(n.expose_digits()).unwrap(), n);
        }
    }
}
