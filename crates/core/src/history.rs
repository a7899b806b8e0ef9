//! アクセス記録の証明 (an access history's receipt; issue 14, docs/design/portal.md): what the
//! ledger recorded about one person, as the portal shows it, signed with the ledger's key so
//! that the person can later prove what the history said. Each entry is named by its place in
//! its partition's chain and its hash, and each partition's head at that moment is stated:
//! the hash chain commits every head to every entry before it, so a history rewritten
//! afterwards (an entry removed, altered, or the chain recomputed from any point) no longer
//! holds the receipt's hashes, and the receipt's signature shows the system said otherwise
//! before. The text is line-based and signed as a checkpoint is (every line before
//! `signature`), so that openssl can check it with the published key.
//!
//! ```text
//! mynumber access history v1
//! person 0190…
//! at 1795000000000000
//! key 3f2a…
//! complete yes
//! entry 131041 17 1795000000000000 9c1f… number-read 5e0b… tax
//! head 131041 52 77ab…
//! signature 5e0b…
//! ```

use hex::FromHex;

use crate::PersonId;
use crate::checkpoint::{Head, LedgerPublicKey, LedgerSigningKey};
use crate::ledger::StoredEntry;

const HEADER: &str = "mynumber access history v1";

/// One entry as a receipt names it: where it is in the chain, when, what, by whom, for which
/// purpose, and its hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptEntry {
    /// Its partition.
    pub partition: String,
    /// Its place in the partition.
    pub seq: i64,
    /// When (µs).
    pub at_us: i64,
    /// Its hash.
    pub hash: [u8; 32],
    /// What was done (`number-read`, `card-login-authenticated`, …).
    pub action: String,
    /// Who, as the ledger names them.
    pub actor: String,
    /// The lawful purpose, where one was given.
    pub purpose: Option<String>,
}

impl ReceiptEntry {
    /// The entry as the ledger stores it.
    pub fn of(e: &StoredEntry) -> Self {
        Self {
            partition: e.content.partition.clone(),
            seq: e.content.seq,
            at_us: e.content.at_us,
            hash: e.hash,
            action: e.content.action.clone(),
            actor: e.content.actor.clone(),
            purpose: e.content.purpose.clone(),
        }
    }
}

/// A signed receipt of one person's access history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryReceipt {
    /// Whose history.
    pub person: PersonId,
    /// When it was made (µs).
    pub at_us: i64,
    /// The id of the ledger key that signed it.
    pub key_id: String,
    /// Whether it names every entry about the person: `false` when the history was longer
    /// than a receipt carries, or an entry could not be carried (found in review: a receipt
    /// that leaves entries out says so).
    pub complete: bool,
    /// The entries, oldest first.
    pub entries: Vec<ReceiptEntry>,
    /// The heads of the partitions the entries are in, at that moment, by partition.
    pub heads: Vec<Head>,
    signature: [u8; 64],
}

/// Why a receipt's text was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    /// Not a receipt's text as this system writes it.
    #[error("this is not an access history receipt of this system")]
    Malformed,
    /// Another key signed it, or the text was changed after it was signed.
    #[error("the receipt's signature does not verify with this system's ledger key")]
    Signature,
}

/// A token of a line: something the ledger writes without spaces.
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.len() <= 100 && s.bytes().all(|b| b.is_ascii_graphic())
}

fn statement(
    person: PersonId,
    at_us: i64,
    key_id: &str,
    complete: bool,
    entries: &[ReceiptEntry],
    heads: &[Head],
) -> String {
    let mut s = format!(
        "{HEADER}\nperson {}\nat {at_us}\nkey {key_id}\ncomplete {}\n",
        person.to_hex(),
        if complete { "yes" } else { "no" }
    );
    for e in entries {
        s.push_str(&format!(
            "entry {} {} {} {} {} {} {}\n",
            e.partition,
            e.seq,
            e.at_us,
            hex::encode(e.hash),
            e.action,
            e.actor,
            e.purpose.as_deref().unwrap_or("-")
        ));
    }
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

impl LedgerSigningKey {
    /// Signs `person`'s history as of `at_us`: the entries (any order; written oldest first)
    /// and the heads of their partitions (written by partition); `complete` is whether the
    /// caller gave every entry about the person. Entries with a field the text cannot carry (a
    /// space, a control character) are the ledger's own words and never have one; such an
    /// entry is left out rather than written ambiguously, and the receipt says it is not
    /// complete.
    pub fn sign_history(
        &self,
        person: PersonId,
        at_us: i64,
        complete: bool,
        mut entries: Vec<ReceiptEntry>,
        mut heads: Vec<Head>,
    ) -> HistoryReceipt {
        let given = entries.len();
        entries.retain(|e| {
            is_token(&e.partition)
                && is_token(&e.action)
                && is_token(&e.actor)
                && e.purpose.as_deref().is_none_or(is_token)
        });
        let complete = complete && entries.len() == given;
        entries.sort_by(|a, b| (a.at_us, &a.partition, a.seq).cmp(&(b.at_us, &b.partition, b.seq)));
        heads.retain(|h| is_token(&h.partition));
        heads.sort_by(|a, b| a.partition.cmp(&b.partition));
        let key_id = self.public().id();
        let signature = self.sign_statement(&statement(
            person, at_us, &key_id, complete, &entries, &heads,
        ));
        HistoryReceipt {
            person,
            at_us,
            key_id,
            complete,
            entries,
            heads,
            signature,
        }
    }
}

impl HistoryReceipt {
    /// The text to keep.
    pub fn to_text(&self) -> String {
        let mut s = self.statement();
        s.push_str("signature ");
        s.push_str(&hex::encode(self.signature));
        s.push('\n');
        s
    }

    /// The bytes the signature covers (every line before `signature`), for a check with
    /// another tool.
    pub fn statement(&self) -> String {
        statement(
            self.person,
            self.at_us,
            &self.key_id,
            self.complete,
            &self.entries,
            &self.heads,
        )
    }

    /// The signature's 64 bytes.
    pub fn signature(&self) -> [u8; 64] {
        self.signature
    }

    /// Reads a receipt's text, strictly: exactly what [`HistoryReceipt::to_text`] writes. The
    /// signature is checked by [`HistoryReceipt::verify`].
    pub fn parse(text: &str) -> Result<Self, ReceiptError> {
        let bad = ReceiptError::Malformed;
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err(bad);
        }
        let mut field = |name: &str| -> Result<&str, ReceiptError> {
            lines
                .next()
                .and_then(|l| l.strip_prefix(name))
                .and_then(|l| l.strip_prefix(' '))
                .ok_or(bad)
        };
        let person = PersonId::parse(field("person")?).ok_or(bad)?;
        let at_us = field("at")?.parse().map_err(|_| bad)?;
        let key_id = field("key")?.to_owned();
        let complete = match field("complete")? {
            "yes" => true,
            "no" => false,
            _ => return Err(bad),
        };
        let (mut entries, mut heads) = (Vec::new(), Vec::new());
        let mut signature = None;
        for line in lines {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["entry", partition, seq, at, hash, action, actor, purpose] => {
                    entries.push(ReceiptEntry {
                        partition: (*partition).to_owned(),
                        seq: seq.parse().map_err(|_| bad)?,
                        at_us: at.parse().map_err(|_| bad)?,
                        hash: <[u8; 32]>::from_hex(hash).map_err(|_| bad)?,
                        action: (*action).to_owned(),
                        actor: (*actor).to_owned(),
                        purpose: (*purpose != "-").then(|| (*purpose).to_owned()),
                    });
                }
                ["head", partition, seq, hash] => heads.push(Head {
                    partition: (*partition).to_owned(),
                    seq: seq.parse().map_err(|_| bad)?,
                    hash: <[u8; 32]>::from_hex(hash).map_err(|_| bad)?,
                }),
                ["signature", sig] if signature.is_none() => {
                    signature = Some(<[u8; 64]>::from_hex(sig).map_err(|_| bad)?);
                }
                _ => return Err(bad),
            }
        }
        let receipt = Self {
            person,
            at_us,
            key_id,
            complete,
            entries,
            heads,
            signature: signature.ok_or(bad)?,
        };
        if receipt.to_text() == text {
            Ok(receipt)
        } else {
            Err(bad)
        }
    }

    /// Checks that `key` signed exactly this receipt.
    pub fn verify(&self, key: &LedgerPublicKey) -> Result<(), ReceiptError> {
        if self.key_id == key.id() && key.verifies(&self.statement(), &self.signature) {
            Ok(())
        } else {
            Err(ReceiptError::Signature)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(partition: &str, seq: i64, at: i64, action: &str) -> ReceiptEntry {
        ReceiptEntry {
            partition: partition.into(),
            seq,
            at_us: at,
            hash: [seq as u8; 32],
            action: action.into(),
            actor: "0123456789abcdef0123456789abcdef".into(),
            purpose: (action == "number-read").then(|| "tax".into()),
        }
    }

    #[test]
    fn a_receipt_reads_back_and_verifies_only_as_signed() {
        let key = LedgerSigningKey::from_bytes([6; 32]);
        let person = PersonId::from_random([3; 16]);
        let receipt = key.sign_history(
            person,
            1_795_000_000_000_000,
            true,
            vec![
                entry("131041", 9, 20, "number-read"),
                entry("131041", 4, 10, "birth"),
                entry("national", 2, 15, "card-login-authenticated"),
                ReceiptEntry {
                    actor: "has space".into(),
                    ..entry("131041", 5, 11, "x")
                },
            ],
            vec![
                Head {
                    partition: "national".into(),
                    seq: 3,
                    hash: [9; 32],
                },
                Head {
                    partition: "131041".into(),
                    seq: 12,
                    hash: [8; 32],
                },
            ],
        );
        let text = receipt.to_text();
        assert!(text.starts_with("mynumber access history v1\nperson "));
        // Oldest first; the entry the text cannot carry is left out; heads by partition.
        let seqs: Vec<i64> = receipt.entries.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, [4, 2, 9]);
        assert!(!receipt.complete, "an entry was left out, and it says so");
        assert!(text.contains("\ncomplete no\n"));
        assert_eq!(receipt.heads[0].partition, "131041");
        let back = HistoryReceipt::parse(&text).unwrap();
        assert_eq!(back, receipt);
        assert_eq!(back.verify(&key.public()), Ok(()));
        // Another key, one entry dropped, a time changed: refused.
        let other = LedgerSigningKey::from_bytes([7; 32]);
        assert_eq!(back.verify(&other.public()), Err(ReceiptError::Signature));
        let dropped: String = text
            .lines()
            .filter(|l| !l.contains(" birth "))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(
            HistoryReceipt::parse(&dropped)
                .unwrap()
                .verify(&key.public()),
            Err(ReceiptError::Signature)
        );
        assert_eq!(
            HistoryReceipt::parse(&text.replace("at 1795000000000000", "at 1795000000000001"))
                .unwrap()
                .verify(&key.public()),
            Err(ReceiptError::Signature)
        );
        // Not a receipt: refused as such.
        assert_eq!(
            HistoryReceipt::parse(&text.replacen("v1", "v2", 1)),
            Err(ReceiptError::Malformed)
        );
        assert_eq!(
            HistoryReceipt::parse(&format!("{text}extra\n")),
            Err(ReceiptError::Malformed)
        );
    }
}
