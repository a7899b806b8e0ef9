//! The ledger's hash chain: each entry commits to the one before it, per partition.
//!
//! Entries refer to people by internal id only; an Individual Number is never part of an entry.
//! Partitions (one per municipality, plus `national`) keep writers in different municipalities
//! from waiting on each other. Verification recomputes every hash and names the first entry
//! that was altered, removed or reordered, including by a direct edit in the database.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::PersonId;

/// The partition for actions not tied to a municipality (staff management by the national
/// administrator).
pub const NATIONAL_PARTITION: &str = "national";

/// The `prev_hash` of the first entry of every partition.
pub const GENESIS: [u8; 32] = [0; 32];

/// What one ledger entry records.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct EntryContent {
    /// Partition (municipality code or `national`).
    pub partition: String,
    /// 1-based position in the partition.
    pub seq: i64,
    /// When, in microseconds since the Unix epoch (UTC).
    pub at_us: i64,
    /// Who: a staff id, or `system` for the server itself.
    pub actor: String,
    /// What: a procedure or access code (`birth`, `number-read`, …).
    pub action: String,
    /// Which person, by internal id.
    pub person: Option<PersonId>,
    /// For which lawful purpose, where a number was read.
    pub purpose: Option<String>,
    /// Further non-identifying detail (`version=3`).
    pub detail: String,
}

/// An entry as stored: content, the previous entry's hash and its own.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct StoredEntry {
    /// The content.
    pub content: EntryContent,
    /// Hash of the previous entry in the partition ([`GENESIS`] for the first).
    pub prev_hash: [u8; 32],
    /// This entry's hash.
    pub hash: [u8; 32],
}

impl EntryContent {
    /// The entry's hash given the previous one: SHA-256 over a length-prefixed encoding of every
    /// field, so no two different entries encode alike.
    pub fn hash(&self, prev: &[u8; 32]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(b"mynumber/ledger/v1\0");
        h.update(prev);
        let mut field = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_be_bytes());
            h.update(bytes);
        };
        field(self.partition.as_bytes());
        field(&self.seq.to_be_bytes());
        field(&self.at_us.to_be_bytes());
        field(self.actor.as_bytes());
        field(self.action.as_bytes());
        field(
            self.person
                .map(|p| p.to_hex())
                .unwrap_or_default()
                .as_bytes(),
        );
        field(self.purpose.as_deref().unwrap_or_default().as_bytes());
        field(self.detail.as_bytes());
        h.finalize().into()
    }

    /// Chains this content after `prev` (the partition head, or [`GENESIS`]).
    pub fn seal(self, prev: [u8; 32]) -> StoredEntry {
        let hash = self.hash(&prev);
        StoredEntry {
            content: self,
            prev_hash: prev,
            hash,
        }
    }
}

/// The first fault found in a partition's chain.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Break {
    /// The entry's content no longer matches its hash: it was edited.
    Altered {
        /// Partition.
        partition: String,
        /// The edited entry.
        seq: i64,
    },
    /// The chain does not link: an entry before this one was removed, or entries were swapped.
    Unlinked {
        /// Partition.
        partition: String,
        /// The first entry whose `prev_hash` is not its predecessor's hash.
        seq: i64,
    },
    /// Sequence numbers skip or repeat: entries were removed or reordered.
    Sequence {
        /// Partition.
        partition: String,
        /// The sequence number expected.
        expected: i64,
        /// The one found.
        found: i64,
    },
    /// The chain disagrees with a signed checkpoint: the partition was rewritten (every hash
    /// recomputed) or shortened since the checkpoint was made.
    Checkpoint {
        /// Partition.
        partition: String,
        /// The checkpoint's head for it.
        seq: i64,
    },
    /// The partition's recorded head does not match its last entry: entries at the end were
    /// removed, or the head was tampered with.
    Head {
        /// Partition.
        partition: String,
        /// The head's sequence number.
        head_seq: i64,
        /// The last entry present.
        last_seq: i64,
    },
    /// The partition has entries but no head: its head row was removed (which would otherwise
    /// hide the whole partition from a verification that starts from the heads).
    MissingHead {
        /// Partition.
        partition: String,
        /// The last entry present.
        last_seq: i64,
    },
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Altered { partition, seq } => write!(
                f,
                "partition {partition}, entry {seq}: content altered (its hash no longer matches)"
            ),
            Self::Unlinked { partition, seq } => write!(
                f,
                "partition {partition}, entry {seq}: does not link to the entry before it (removed or reordered)"
            ),
            Self::Sequence {
                partition,
                expected,
                found,
            } => write!(
                f,
                "partition {partition}: expected entry {expected}, found entry {found} (removed or reordered)"
            ),
            Self::Checkpoint { partition, seq } => write!(
                f,
                "partition {partition}, entry {seq}: differs from the signed checkpoint (the chain was rewritten or shortened since)"
            ),
            Self::Head {
                partition,
                head_seq,
                last_seq,
            } => write!(
                f,
                "partition {partition}: head says {head_seq} entries, chain ends at {last_seq} (entries removed at the end or head altered)"
            ),
            Self::MissingHead {
                partition,
                last_seq,
            } => write!(
                f,
                "partition {partition}: {last_seq} entries but no head (the head was removed)"
            ),
        }
    }
}

/// Verifies one partition's entries, fed in sequence order.
#[derive(Debug)]
pub struct ChainVerifier {
    partition: String,
    next_seq: i64,
    prev: [u8; 32],
    /// Heads signed checkpoints recorded for this partition: entry `seq` must have the hash.
    pins: std::collections::BTreeMap<i64, [u8; 32]>,
}

impl ChainVerifier {
    /// Starts verifying `partition` from its genesis.
    pub fn new(partition: &str) -> Self {
        Self {
            partition: partition.to_owned(),
            next_seq: 1,
            prev: GENESIS,
            pins: std::collections::BTreeMap::new(),
        }
    }

    /// Also holds the chain to a signed checkpoint's head for this partition: entry `seq` must
    /// have exactly `hash`. Any number of checkpoints may pin one chain.
    pub fn with_checkpoint(mut self, seq: i64, hash: [u8; 32]) -> Self {
        self.pin(seq, hash);
        self
    }

    /// Adds a checkpoint's head for this partition. Two checkpoints that disagree about one
    /// entry are both kept in mind: the chain cannot match both, so it is reported.
    pub fn pin(&mut self, seq: i64, hash: [u8; 32]) {
        match self.pins.get(&seq) {
            Some(h) if *h != hash => {
                // A hash no entry has: the disagreement surfaces at `seq`.
                self.pins.insert(seq, [0xff; 32]);
            }
            _ => {
                self.pins.insert(seq, hash);
            }
        }
    }

    /// Checks the next entry.
    pub fn push(&mut self, entry: &StoredEntry) -> Result<(), Break> {
        let partition = || self.partition.clone();
        if entry.content.seq != self.next_seq {
            return Err(Break::Sequence {
                partition: partition(),
                expected: self.next_seq,
                found: entry.content.seq,
            });
        }
        if entry.content.hash(&entry.prev_hash) != entry.hash {
            return Err(Break::Altered {
                partition: partition(),
                seq: entry.content.seq,
            });
        }
        if entry.prev_hash != self.prev {
            return Err(Break::Unlinked {
                partition: partition(),
                seq: entry.content.seq,
            });
        }
        if let Some(hash) = self.pins.get(&entry.content.seq)
            && *hash != entry.hash
        {
            return Err(Break::Checkpoint {
                partition: partition(),
                seq: entry.content.seq,
            });
        }
        self.prev = entry.hash;
        self.next_seq += 1;
        Ok(())
    }

    /// Checks a partition whose head row is missing: any entry at all (or a checkpoint that
    /// saw one) means the head was removed.
    pub fn finish_without_head(self) -> Result<i64, Break> {
        let last = self.next_seq - 1;
        if last > 0 {
            return Err(Break::MissingHead {
                partition: self.partition,
                last_seq: last,
            });
        }
        self.finish(0, &GENESIS)
    }

    /// Checks the recorded head against the last entry; returns the number of entries.
    pub fn finish(self, head_seq: i64, head_hash: &[u8; 32]) -> Result<i64, Break> {
        let last = self.next_seq - 1;
        if let Some((&seq, _)) = self.pins.iter().next_back()
            && seq > last
        {
            return Err(Break::Checkpoint {
                partition: self.partition,
                seq,
            });
        }
        if head_seq != last || *head_hash != self.prev {
            return Err(Break::Head {
                partition: self.partition,
                head_seq,
                last_seq: last,
            });
        }
        Ok(last)
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;

    fn chain(n: i64) -> Vec<StoredEntry> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|seq| {
                let e = EntryContent {
                    partition: "131041".into(),
                    seq,
                    at_us: 1_700_000_000_000_000 + seq,
                    actor: "staff".into(),
                    action: "birth".into(),
                    person: Some(PersonId::from_random([seq as u8; 16])),
                    purpose: None,
                    detail: "version=1".to_string(),
                }
                .seal(prev);
                prev = e.hash;
                e
            })
            .collect()
    }

    fn verify(entries: &[StoredEntry], head: (i64, [u8; 32])) -> String {
        let mut v = ChainVerifier::new("131041");
        for e in entries {
            if let Err(b) = v.push(e) {
                return b.to_string();
            }
        }
        match v.finish(head.0, &head.1) {
            Ok(n) => format!("ok, {n} entries"),
            Err(b) => b.to_string(),
        }
    }

    /// A partition rewritten from an edited entry onward (every hash recomputed) passes the
    /// chain check alone; a signed checkpoint's head catches it.
    #[test]
    fn a_rewritten_chain_is_caught_by_a_checkpoint() {
        let c = chain(5);
        let (seq, hash) = (3, c[2].hash);
        let mut rewritten = c.clone();
        let mut prev = GENESIS;
        rewritten[1].content.action = "death".into();
        for e in &mut rewritten {
            e.prev_hash = prev;
            e.hash = e.content.hash(&prev);
            prev = e.hash;
        }
        let head = (5, rewritten[4].hash);
        expect!["ok, 5 entries"].assert_eq(&verify(&rewritten, head));
        let mut v = ChainVerifier::new("131041").with_checkpoint(seq, hash);
        let fault = rewritten.iter().find_map(|e| v.push(e).err()).unwrap();
        expect!["partition 131041, entry 3: differs from the signed checkpoint (the chain was rewritten or shortened since)"]
            .assert_eq(&fault.to_string());
        // Shortened below the checkpoint: caught at the end.
        let mut v = ChainVerifier::new("131041").with_checkpoint(seq, hash);
        for e in &c[..2] {
            v.push(e).unwrap();
        }
        assert!(matches!(
            v.finish(2, &c[1].hash),
            Err(Break::Checkpoint { seq: 3, .. })
        ));
    }

    #[test]
    fn tampering_is_named() {
        let c = chain(5);
        let head = (5, c[4].hash);
        expect!["ok, 5 entries"].assert_eq(&verify(&c, head));

        let mut edited = c.clone();
        edited[2].content.action = "death".into();
        expect!["partition 131041, entry 3: content altered (its hash no longer matches)"]
            .assert_eq(&verify(&edited, head));

        let mut removed = c.clone();
        removed.remove(1);
        expect!["partition 131041: expected entry 2, found entry 3 (removed or reordered)"]
            .assert_eq(&verify(&removed, head));

        // Removed and renumbered: the sequence looks right, but the chain does not link.
        let mut renumbered = c.clone();
        renumbered.remove(1);
        for (i, e) in renumbered.iter_mut().enumerate() {
            e.content.seq = i as i64 + 1;
            e.hash = e.content.hash(&e.prev_hash);
        }
        expect![
            "partition 131041, entry 2: does not link to the entry before it (removed or reordered)"
        ]
        .assert_eq(&verify(&renumbered, (4, renumbered[3].hash)));

        let mut swapped = c.clone();
        swapped.swap(1, 2);
        expect!["partition 131041: expected entry 2, found entry 3 (removed or reordered)"]
            .assert_eq(&verify(&swapped, head));

        expect!["partition 131041: head says 5 entries, chain ends at 4 (entries removed at the end or head altered)"]
            .assert_eq(&verify(&c[..4], head));
    }
}
