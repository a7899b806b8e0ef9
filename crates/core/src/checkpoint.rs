//! Signed checkpoints over the ledger's partition heads.
//!
//! A hash chain shows that entries were not edited in place, but someone who can write the
//! database could rewrite a partition from the edited entry onward and recompute every hash.
//! A checkpoint is a statement of every partition's head (sequence number and hash) at one
//! moment, signed with Ed25519 by a key kept outside the database. Whoever keeps a copy can later
//! prove that nothing up to those heads was changed or removed (architecture.md, "Ledger").
//!
//! The text form is meant to be kept by auditors, printed or mailed:
//!
//! ```text
//! mynumber ledger checkpoint v1
//! at 1795000000000000
//! key 3f2a…
//! head 131041 1000000 9c1f…
//! head national 3 77ab…
//! signature 5e0b…
//! ```
//!
//! The signature covers every line before `signature`, newlines included.

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use hex::FromHex;

const HEADER: &str = "mynumber ledger checkpoint v1";

/// The Ed25519 key that signs checkpoints. `Debug` shows only its id.
#[derive(Clone)]
pub struct LedgerSigningKey(SigningKey);

/// The public half, which auditors use to verify checkpoints.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct LedgerPublicKey(VerifyingKey);

/// One partition's head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// Partition.
    pub partition: String,
    /// Sequence number of its last entry.
    pub seq: i64,
    /// Hash of its last entry.
    pub hash: [u8; 32],
}

/// A signed checkpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedCheckpoint {
    at_us: i64,
    key_id: String,
    heads: Vec<Head>,
    signature: [u8; 64],
}

/// Why a checkpoint text was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckpointError {
    /// The text is not a checkpoint.
    #[error("not a mynumber ledger checkpoint: {0}")]
    Malformed(String),
    /// It was signed with another key than this deployment's.
    #[error("the checkpoint was signed with key {found}, not this deployment's key {expected}")]
    OtherKey {
        /// This deployment's key id.
        expected: String,
        /// The checkpoint's.
        found: String,
    },
    /// The signature does not verify: the text was altered.
    #[error("the checkpoint's signature does not verify: its text was altered")]
    BadSignature,
}

impl LedgerSigningKey {
    /// Wraps 32 secret bytes (drawn by the shell from the OS CSPRNG).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(SigningKey::from_bytes(&bytes))
    }

    /// The public key.
    pub fn public(&self) -> LedgerPublicKey {
        LedgerPublicKey(self.0.verifying_key())
    }

    /// Signs the heads as of `at_us`.
    pub fn sign(&self, at_us: i64, mut heads: Vec<Head>) -> SignedCheckpoint {
        heads.sort_by(|a, b| a.partition.cmp(&b.partition));
        let key_id = self.public().id();
        let statement = statement(at_us, &key_id, &heads);
        let signature = self.0.sign(statement.as_bytes()).to_bytes();
        SignedCheckpoint {
            at_us,
            key_id,
            heads,
            signature,
        }
    }
}

impl LedgerSigningKey {
    /// Signs another statement of the ledger's (an access history's receipt, `history.rs`):
    /// its own first line keeps it from ever reading as a checkpoint.
    pub(crate) fn sign_statement(&self, statement: &str) -> [u8; 64] {
        self.0.sign(statement.as_bytes()).to_bytes()
    }
}

impl LedgerPublicKey {
    /// Whether `signature` is this key's over `statement`.
    pub(crate) fn verifies(&self, statement: &str, signature: &[u8; 64]) -> bool {
        self.0
            .verify_strict(statement.as_bytes(), &Signature::from_bytes(signature))
            .is_ok()
    }
}

/// An Ed25519 public key from 64 hex digits (shared by the ledger and document keys).
pub(crate) fn parse_public_key(s: &str) -> Option<VerifyingKey> {
    VerifyingKey::from_bytes(&<[u8; 32]>::from_hex(s.trim()).ok()?).ok()
}

/// A key's id: the first 8 bytes of SHA-256 over the public key, in hex.
pub(crate) fn key_id(key: &VerifyingKey) -> String {
    let d = Sha256::digest(key.to_bytes());
    hex::encode(&d[..8])
}

impl fmt::Debug for LedgerSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LedgerSigningKey")
            .field("id", &self.public().id())
            .finish_non_exhaustive()
    }
}

impl LedgerPublicKey {
    /// Parses 64 hex digits.
    pub fn from_hex(s: &str) -> Option<Self> {
        parse_public_key(s).map(Self)
    }

    /// 64 hex digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0.to_bytes())
    }

    /// The key id: the first 8 bytes of SHA-256 over the public key, in hex.
    pub fn id(&self) -> String {
        key_id(&self.0)
    }
}

impl fmt::Debug for LedgerPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LedgerPublicKey({})", self.to_hex())
    }
}

fn statement(at_us: i64, key_id: &str, heads: &[Head]) -> String {
    let mut s = format!("{HEADER}\nat {at_us}\nkey {key_id}\n");
    for h in heads {
        s.push_str(&format!(
            "head {} {} {}\n",
            h.partition,
            h.seq,
            hex::encode(h.hash)
        ));
    }
    s
}

impl SignedCheckpoint {
    /// When it was made (µs since the epoch).
    pub fn at_us(&self) -> i64 {
        self.at_us
    }

    /// The heads, by partition.
    pub fn heads(&self) -> &[Head] {
        &self.heads
    }

    /// The id of the key that signed it.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The text to keep.
    pub fn to_text(&self) -> String {
        let mut s = statement(self.at_us, &self.key_id, &self.heads);
        s.push_str("signature ");
        s.push_str(&hex::encode(self.signature));
        s.push('\n');
        s
    }

    /// Parses the text form (the signature is checked by [`SignedCheckpoint::verify`]).
    pub fn parse(text: &str) -> Result<Self, CheckpointError> {
        let bad = |why: &str| CheckpointError::Malformed(why.to_owned());
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err(bad(
                "the first line must be `mynumber ledger checkpoint v1`",
            ));
        }
        let at_us = lines
            .next()
            .and_then(|l| l.strip_prefix("at "))
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| bad("the second line must be `at <microseconds>`"))?;
        let key_id = lines
            .next()
            .and_then(|l| l.strip_prefix("key "))
            .ok_or_else(|| bad("the third line must be `key <id>`"))?
            .to_owned();
        let mut heads = Vec::new();
        for line in lines.by_ref() {
            if let Some(sig) = line.strip_prefix("signature ") {
                let bytes =
                    parse_sig(sig).ok_or_else(|| bad("the signature is not 128 hex digits"))?;
                return Ok(Self {
                    at_us,
                    key_id,
                    heads,
                    signature: bytes,
                });
            }
            let mut parts = line.strip_prefix("head ").unwrap_or_default().split(' ');
            let (Some(partition), Some(seq), Some(hash), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(bad("a head line must be `head <partition> <seq> <hash>`"));
            };
            heads.push(Head {
                partition: partition.to_owned(),
                seq: seq
                    .parse()
                    .map_err(|_| bad("a head's sequence number is not a number"))?,
                hash: <[u8; 32]>::from_hex(hash)
                    .ok()
                    .ok_or_else(|| bad("a head's hash is not 64 hex digits"))?,
            });
        }
        Err(bad("the signature line is missing"))
    }

    /// Checks that `key` signed exactly this checkpoint.
    pub fn verify(&self, key: &LedgerPublicKey) -> Result<(), CheckpointError> {
        if self.key_id != key.id() {
            return Err(CheckpointError::OtherKey {
                expected: key.id(),
                found: self.key_id.clone(),
            });
        }
        let statement = statement(self.at_us, &self.key_id, &self.heads);
        key.0
            .verify_strict(
                statement.as_bytes(),
                &Signature::from_bytes(&self.signature),
            )
            .map_err(|_| CheckpointError::BadSignature)
    }
}

fn parse_sig(s: &str) -> Option<[u8; 64]> {
    <[u8; 64]>::from_hex(s.trim()).ok()
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;

    fn heads() -> Vec<Head> {
        vec![
            Head {
                partition: "national".into(),
                seq: 3,
                hash: [7; 32],
            },
            Head {
                partition: "131041".into(),
                seq: 10,
                hash: [9; 32],
            },
        ]
    }

    #[test]
    fn a_checkpoint_round_trips_and_verifies() {
        let key = LedgerSigningKey::from_bytes([1; 32]);
        let c = key.sign(1_795_000_000_000_000, heads());
        let text = c.to_text();
        let parsed = SignedCheckpoint::parse(&text).unwrap();
        assert_eq!(parsed, c);
        parsed.verify(&key.public()).unwrap();
        assert_eq!(
            parsed.heads()[0].partition,
            "131041",
            "heads are sorted by partition"
        );
        expect![[r#"LedgerSigningKey { id: "34750f98bd59fcfc", .. }"#]]
            .assert_eq(&format!("{key:?}"));
    }

    #[test]
    fn altered_or_foreign_checkpoints_are_refused() {
        let key = LedgerSigningKey::from_bytes([1; 32]);
        let text = key.sign(1, heads()).to_text();
        let altered = text.replace("head 131041 10 ", "head 131041 9 ");
        assert_eq!(
            SignedCheckpoint::parse(&altered)
                .unwrap()
                .verify(&key.public()),
            Err(CheckpointError::BadSignature)
        );
        let other = LedgerSigningKey::from_bytes([2; 32]);
        let err = SignedCheckpoint::parse(&text)
            .unwrap()
            .verify(&other.public())
            .unwrap_err();
        assert!(matches!(err, CheckpointError::OtherKey { .. }), "{err}");
        // Forging with one's own key does not help: the key id is checked first, and a key id
        // rewritten to ours breaks the signature.
        let forged = other
            .sign(1, heads())
            .to_text()
            .replace(&other.public().id(), &key.public().id());
        assert_eq!(
            SignedCheckpoint::parse(&forged)
                .unwrap()
                .verify(&key.public()),
            Err(CheckpointError::BadSignature)
        );
        assert!(SignedCheckpoint::parse("hello").is_err());
        assert!(SignedCheckpoint::parse(&text.replace("signature", "signatur")).is_err());
    }
}
