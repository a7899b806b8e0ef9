//! Writing and verifying the ledger from use cases.

use std::collections::{BTreeMap, BTreeSet};

use mynumber_core::checkpoint::{Head, LedgerPublicKey, SignedCheckpoint};
use mynumber_core::ledger::{ChainVerifier, EntryContent};
use mynumber_core::{Action, Break, Decision, MunicipalityCode, PersonId, Principal, Subject};

use crate::access::authorize;
use crate::{App, AppError, Tx};

pub use mynumber_core::ledger::StoredEntry;

/// One thing to record, before it is sealed into its partition's chain.
#[derive(Clone, Debug)]
pub(crate) struct Record {
    pub partition: String,
    pub action: &'static str,
    pub person: Option<PersonId>,
    pub purpose: Option<String>,
    pub detail: String,
}

impl Record {
    /// An entry of the national partition, about no person: an act of the authorities or of
    /// an organisation outside the municipalities.
    pub(crate) fn national(action: &'static str, detail: String) -> Self {
        Self {
            partition: mynumber_core::ledger::NATIONAL_PARTITION.to_owned(),
            action,
            person: None,
            purpose: None,
            detail,
        }
    }

    /// An entry about `person`, in the partition of the municipality that holds their current
    /// record: where the resident's history reads it.
    pub(crate) async fn on_person(
        tx: &mut dyn crate::ReadTx,
        person: PersonId,
        action: &'static str,
        detail: String,
    ) -> Result<Self, AppError> {
        let v = crate::load::current_version(tx, person).await?;
        Ok(Self {
            partition: v.resident.record.municipality().as_str().to_owned(),
            action,
            person: Some(person),
            purpose: None,
            detail,
        })
    }
}

/// The result of a full verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerReport {
    /// Partitions verified.
    pub partitions: usize,
    /// Entries verified.
    pub entries: i64,
    /// Signed checkpoints the chains were held to.
    pub checkpoints: usize,
    /// The first fault, if any.
    pub fault: Option<Break>,
}

/// Seals `records` into their partitions' chains within `tx`. Partitions are locked in sorted
/// order so that two transactions touching the same partitions cannot deadlock.
pub(crate) async fn append(
    tx: &mut dyn Tx,
    actor: &str,
    at_us: i64,
    records: Vec<Record>,
) -> Result<(), AppError> {
    let mut by_partition: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    for r in records {
        by_partition.entry(r.partition.clone()).or_default().push(r);
    }
    for (partition, records) in by_partition {
        let (mut seq, mut prev) = tx.lock_ledger_head(&partition).await?;
        let mut sealed = Vec::with_capacity(records.len());
        for r in records {
            seq += 1;
            let entry = EntryContent {
                partition: partition.clone(),
                seq,
                at_us,
                actor: actor.to_owned(),
                action: r.action.to_owned(),
                person: r.person,
                purpose: r.purpose,
                detail: r.detail,
            }
            .seal(prev);
            prev = entry.hash;
            sealed.push(entry);
        }
        tx.append_ledger(&sealed).await?;
    }
    Ok(())
}

/// Group commit of the readings that use cases record after reading (a search): callers whose
/// records arrive while another's are being written have theirs written together, next, in one
/// transaction. On SQLite every commit empties the page cache of each other connection (its
/// next read starts cold), and one writer at a time holds the database: a commit per search
/// made the searches queue (docs/performance.md, "Name search at 1,000,000 residents").
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    /// Records waiting for a writer, each with who waits for it.
    waiting: std::sync::Mutex<Vec<Waiting>>,
    /// Held by the caller who writes; the next one to take it writes all that waits.
    writer: tokio::sync::Mutex<()>,
}

#[derive(Debug)]
struct Waiting {
    actor: String,
    records: Vec<Record>,
    done: tokio::sync::oneshot::Sender<Result<(), String>>,
}

impl Recorder {
    /// Records `records` of `actor` and returns once they are committed, with those of every
    /// caller waiting at the same time. Either all of one transaction's records are kept or
    /// none is, and then each of its callers gets the error: nothing is half-written, and no
    /// caller goes on to show what it read unrecorded.
    pub(crate) async fn record(
        &self,
        store: &dyn crate::ports::Store,
        clock: &dyn crate::ports::Clock,
        actor: String,
        records: Vec<Record>,
    ) -> Result<(), AppError> {
        let (done, written) = tokio::sync::oneshot::channel();
        self.lock_waiting().push(Waiting {
            actor,
            records,
            done,
        });
        {
            // The lock is fair: whoever holds it next writes what waits, ours included unless
            // an earlier writer took it. A caller that gives up (its request dropped) leaves
            // its records to the next writer, which keeps them: over-recording is harmless.
            let _turn = self.writer.lock().await;
            let batch = std::mem::take(&mut *self.lock_waiting());
            if !batch.is_empty() {
                let result = Self::write(store, clock, &batch)
                    .await
                    .map_err(|e| e.to_string());
                for w in batch {
                    let _ = w.done.send(result.clone());
                }
            }
        }
        match written.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(AppError::Store(crate::ports::StoreError::Database(e))),
            Err(_) => Err(AppError::Store(crate::ports::StoreError::Database(
                "the readings were not recorded".to_owned(),
            ))),
        }
    }

    async fn write(
        store: &dyn crate::ports::Store,
        clock: &dyn crate::ports::Clock,
        batch: &[Waiting],
    ) -> Result<(), AppError> {
        let mut tx = store.begin().await?;
        let now = clock.now_us();
        for w in batch {
            append(tx.as_mut(), &w.actor, now, w.records.clone()).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    fn lock_waiting(&self) -> std::sync::MutexGuard<'_, Vec<Waiting>> {
        // A panic elsewhere cannot leave the list half-changed: push and take are single steps.
        self.waiting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl App {
    /// Verifies every partition's chain from genesis to its head, and against every signed
    /// checkpoint: those given (an auditor's copies, a witness's store) and those the database
    /// keeps. The partitions come from the entries, the heads and every checkpoint, so that
    /// removing a partition's head, or the whole partition, does not hide it. Each checkpoint's
    /// signature is checked first (this deployment's key).
    pub async fn verify_ledger(
        &self,
        principal: &Principal,
        given: &[SignedCheckpoint],
    ) -> Result<LedgerReport, AppError> {
        self.permit(principal, Action::ReadLedger).await?;
        let key = self.ledger_key.public();
        let mut tx = self.store.begin_read().await?;
        let mut checkpoints = given.to_vec();
        for text in tx.checkpoints().await? {
            checkpoints.push(SignedCheckpoint::parse(&text).map_err(AppError::Checkpoint)?);
        }
        for c in &checkpoints {
            c.verify(&key).map_err(AppError::Checkpoint)?;
        }
        // Staff of a municipality verify their own partition and see no other's head.
        let allowed = |partition: &str| {
            matches!(
                mynumber_core::decide(principal, Action::ReadLedger, &partition_subject(partition)),
                Decision::Allow(_)
            )
        };
        let heads: BTreeMap<String, (i64, [u8; 32])> = tx
            .ledger_heads()
            .await?
            .into_iter()
            .map(|(p, seq, hash)| (p, (seq, hash)))
            .collect();
        let mut pins: BTreeMap<String, Vec<(i64, [u8; 32])>> = BTreeMap::new();
        for c in &checkpoints {
            for h in c.heads() {
                pins.entry(h.partition.clone())
                    .or_default()
                    .push((h.seq, h.hash));
            }
        }
        let partitions: BTreeSet<String> = heads
            .keys()
            .cloned()
            .chain(tx.ledger_partitions().await?)
            .chain(pins.keys().cloned())
            .filter(|p| allowed(p))
            .collect();
        let mut report = LedgerReport {
            partitions: partitions.len(),
            entries: 0,
            checkpoints: checkpoints.len(),
            fault: None,
        };
        for partition in partitions {
            let mut verifier = ChainVerifier::new(&partition);
            for (seq, hash) in pins.remove(&partition).unwrap_or_default() {
                verifier.pin(seq, hash);
            }
            let mut after = 0;
            loop {
                let page = tx.ledger_entries(&partition, after, 10_000).await?;
                let Some(last) = page.last() else { break };
                after = last.content.seq;
                for e in &page {
                    if let Err(b) = verifier.push(e) {
                        report.fault = Some(b);
                        return Ok(report);
                    }
                }
            }
            let finished = match heads.get(&partition) {
                Some((seq, hash)) => verifier.finish(*seq, hash),
                None => verifier.finish_without_head(),
            };
            match finished {
                Ok(n) => report.entries += n,
                Err(b) => {
                    report.fault = Some(b);
                    return Ok(report);
                }
            }
        }
        Ok(report)
    }

    /// Signs the current partition heads and keeps the checkpoint; hand its text to auditors.
    pub async fn create_checkpoint(
        &self,
        principal: &Principal,
    ) -> Result<SignedCheckpoint, AppError> {
        self.permit(principal, Action::SignCheckpoint).await?;
        let mut tx = self.store.begin().await?;
        let heads = tx
            .ledger_heads()
            .await?
            .into_iter()
            .map(|(partition, seq, hash)| Head {
                partition,
                seq,
                hash,
            })
            .collect();
        let checkpoint = self.ledger_key.sign(self.clock.now_us(), heads);
        tx.insert_checkpoint(checkpoint.at_us(), &checkpoint.to_text())
            .await?;
        tx.commit().await?;
        Ok(checkpoint)
    }

    /// The newest checkpoint kept, if any.
    pub async fn latest_checkpoint(
        &self,
        principal: &Principal,
    ) -> Result<Option<SignedCheckpoint>, AppError> {
        // A checkpoint holds every partition's head: national staff only (the policy).
        self.permit(principal, Action::ReadCheckpoint).await?;
        let mut tx = self.store.begin_read().await?;
        tx.latest_checkpoint()
            .await?
            .map(|text| SignedCheckpoint::parse(&text).map_err(AppError::Checkpoint))
            .transpose()
    }

    /// The public key that verifies this deployment's checkpoints.
    pub fn ledger_public_key(&self) -> LedgerPublicKey {
        self.ledger_key.public()
    }

    /// A page of one partition's entries after `after`.
    pub async fn ledger_entries(
        &self,
        principal: &Principal,
        partition: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<StoredEntry>, AppError> {
        self.permit_partition(principal, partition).await?;
        let mut tx = self.store.begin_read().await?;
        Ok(tx
            .ledger_entries(partition, after, limit.clamp(1, 1000))
            .await?)
    }

    /// A page of a partition's entries, newest first: those before `before` (all, when
    /// `None`), at most `limit`, for an auditor reading the ledger back from its end.
    pub async fn ledger_entries_before(
        &self,
        principal: &Principal,
        partition: &str,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<StoredEntry>, AppError> {
        self.permit_partition(principal, partition).await?;
        let limit = limit.clamp(1, 1000);
        let mut tx = self.store.begin_read().await?;
        let end = match before {
            Some(before) => before,
            None => tx
                .ledger_heads()
                .await?
                .into_iter()
                .find(|(p, _, _)| p == partition)
                .map_or(0, |(_, seq, _)| seq + 1),
        };
        let after = (end - 1 - limit).max(0);
        let mut entries = tx.ledger_entries(partition, after, limit).await?;
        entries.retain(|e| e.content.seq < end);
        entries.reverse();
        Ok(entries)
    }

    /// The display names of the staff among `actors` (ledger actor names), for an auditor
    /// reading entries of a partition they may read: who acted is part of the record they
    /// audit. Actors that are not staff (`system`, `anonymous`, a resident) are left out.
    pub async fn actor_names(
        &self,
        principal: &Principal,
        partition: &str,
        actors: &[String],
    ) -> Result<std::collections::HashMap<String, String>, AppError> {
        self.permit_partition(principal, partition).await?;
        let mut tx = self.store.begin_read().await?;
        let mut names = std::collections::HashMap::new();
        for actor in actors {
            if names.contains_key(actor) {
                continue;
            }
            if let Some(id) = mynumber_core::StaffId::parse(actor)
                && let Some(staff) = tx.staff(id).await?
            {
                names.insert(actor.clone(), staff.name);
            }
        }
        Ok(names)
    }

    /// Whether the policy lets `principal` read `partition` of the ledger; a refusal is
    /// recorded.
    async fn permit_partition(
        &self,
        principal: &Principal,
        partition: &str,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::ReadLedger).await?;
        authorize!(
            self,
            (),
            principal,
            Action::ReadLedger,
            &partition_subject(partition),
            "partition"
        );
        Ok(())
    }
}

/// The policy's subject for a partition: a municipality's, or one of no municipality.
fn partition_subject(partition: &str) -> Subject {
    Subject::Partition(MunicipalityCode::parse(partition).ok())
}
