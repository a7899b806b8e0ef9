//! The resident's own histories (マイナポータル, issue 14; docs/design/portal.md): who read their
//! record and number and did what with it, from the ledger (アクセス記録), with a receipt signed
//! with the ledger's key that lets them prove later what the history said; the exchanges about
//! them from the network's 第23条 records (やりとり履歴), those the provider marked 不開示
//! hidden and counted; and the check of a receipt kept from before, which anyone may ask.

use mynumber_core::exchange::{ExchangeRecord, Keeper};
use mynumber_core::history::{HistoryReceipt, ReceiptEntry, ReceiptError};
use mynumber_core::ledger::StoredEntry;
use mynumber_core::{Action, PersonId, Principal};

use crate::access::{authorize, current_scope};
use crate::ledger::{Record, append};
use crate::ports::RecordsOf;
use crate::{App, AppError};

/// The most entries an access history shows, and a receipt carries.
pub const HISTORY_SHOWN: i64 = 2_000;

/// The most exchange records the history shows.
pub const EXCHANGES_SHOWN: i64 = 500;

/// The exchanges about a resident, as they may see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeHistory {
    /// Those shown, newest first.
    pub shown: Vec<ExchangeRecord>,
    /// How many the providers marked not to be disclosed (不開示), counted but not shown.
    pub hidden: usize,
}

/// What a receipt's check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptCheck {
    /// The receipt, its signature verified with this system's ledger key.
    pub receipt: HistoryReceipt,
    /// The entries and heads it names that the ledger no longer holds as they were:
    /// (partition, place in the chain). Empty: the history it states is still there, unchanged.
    pub altered: Vec<(String, i64)>,
}

fn resident(principal: &Principal, action: Action) -> Result<PersonId, AppError> {
    match principal {
        Principal::Resident(p) => Ok(*p),
        _ => Err(AppError::Denied(mynumber_core::Denied::Principal {
            kind: principal.kind(),
            action,
        })),
    }
}

impl App {
    /// The resident's access history: the ledger's entries about them, newest first. Reading
    /// it is itself recorded (`access-history-read`).
    pub async fn my_access_history(
        &self,
        principal: &Principal,
    ) -> Result<Vec<StoredEntry>, AppError> {
        let (entries, _) = self.own_history(principal, "access-history-read").await?;
        Ok(entries)
    }

    /// A receipt of the resident's access history, signed with the ledger's key: every entry
    /// about them (up to [`HISTORY_SHOWN`]) by its place and hash, and the heads of their
    /// partitions now. Its issue is recorded (`access-history-receipt`).
    pub async fn history_receipt(&self, principal: &Principal) -> Result<HistoryReceipt, AppError> {
        let (entries, heads) = self
            .own_history(principal, "access-history-receipt")
            .await?;
        let person = resident(principal, Action::ReadOwnHistory)?;
        Ok(self.ledger_key.sign_history(
            person,
            self.clock.now_us(),
            entries.iter().map(ReceiptEntry::of).collect(),
            heads,
        ))
    }

    /// The resident's entries and their partitions' heads, read and recorded in one
    /// transaction.
    async fn own_history(
        &self,
        principal: &Principal,
        action: &'static str,
    ) -> Result<(Vec<StoredEntry>, Vec<mynumber_core::checkpoint::Head>), AppError> {
        self.permit(principal, Action::ReadOwnHistory).await?;
        let person = resident(principal, Action::ReadOwnHistory)?;
        let mut tx = self.store.begin().await?;
        let current = crate::load::current_version(tx.as_mut(), person).await?;
        let municipality = current.resident.record.municipality();
        authorize!(
            self,
            tx,
            principal,
            Action::ReadOwnHistory,
            &current_scope(person, municipality),
            "resident"
        );
        let entries = tx.ledger_entries_of(person, HISTORY_SHOWN).await?;
        let partitions: Vec<&str> = entries
            .iter()
            .map(|e| e.content.partition.as_str())
            .collect();
        let heads = tx
            .ledger_heads()
            .await?
            .into_iter()
            .filter(|(p, _, _)| partitions.contains(&p.as_str()))
            .map(|(partition, seq, hash)| mynumber_core::checkpoint::Head {
                partition,
                seq,
                hash,
            })
            .collect();
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            vec![Record {
                partition: municipality.as_str().to_owned(),
                action,
                person: Some(person),
                purpose: None,
                detail: format!("entries={}", entries.len()),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok((entries, heads))
    }

    /// The exchanges about the resident (the network's records), newest first; those the
    /// provider marked 不開示 are counted, not shown.
    pub async fn my_exchange_history(
        &self,
        principal: &Principal,
    ) -> Result<ExchangeHistory, AppError> {
        self.permit(principal, Action::ReadOwnHistory).await?;
        let person = resident(principal, Action::ReadOwnHistory)?;
        let mut tx = self.store.begin().await?;
        let current = crate::load::current_version(tx.as_mut(), person).await?;
        let municipality = current.resident.record.municipality();
        authorize!(
            self,
            tx,
            principal,
            Action::ReadOwnHistory,
            &current_scope(person, municipality),
            "resident"
        );
        let records = tx
            .exchange_records(
                &RecordsOf::Subject(Keeper::Network, person.to_hex()),
                EXCHANGES_SHOWN,
            )
            .await?;
        let (hidden, shown): (Vec<_>, Vec<_>) = records.into_iter().partition(|r| r.non_disclosure);
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            vec![Record {
                partition: municipality.as_str().to_owned(),
                action: "exchange-history-read",
                person: Some(person),
                purpose: None,
                detail: format!("shown={} hidden={}", shown.len(), hidden.len()),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(ExchangeHistory {
            shown,
            hidden: hidden.len(),
        })
    }

    /// Checks a receipt kept from before (public: whoever holds one may ask): the signature is
    /// this system's ledger key's, and every entry and head it names is still in the ledger
    /// with the same hash, its content still hashing to it. Anything else is named.
    pub async fn check_history_receipt(&self, text: &str) -> Result<ReceiptCheck, AppError> {
        let receipt = HistoryReceipt::parse(text).map_err(receipt_problem)?;
        receipt
            .verify(&self.ledger_key.public())
            .map_err(receipt_problem)?;
        let mut read = self.store.begin_read().await?;
        let mut altered = Vec::new();
        let places = receipt
            .entries
            .iter()
            .map(|e| (e.partition.as_str(), e.seq, e.hash))
            .chain(
                receipt
                    .heads
                    .iter()
                    .map(|h| (h.partition.as_str(), h.seq, h.hash)),
            );
        for (partition, seq, hash) in places {
            let intact = read
                .ledger_entry(partition, seq)
                .await?
                .is_some_and(|e| e.hash == hash && e.content.hash(&e.prev_hash) == hash);
            if !intact && !altered.iter().any(|(p, s)| p == partition && *s == seq) {
                altered.push((partition.to_owned(), seq));
            }
        }
        Ok(ReceiptCheck { receipt, altered })
    }
}

fn receipt_problem(e: ReceiptError) -> AppError {
    let key = match e {
        ReceiptError::Malformed => "problem-receipt-malformed",
        ReceiptError::Signature => "problem-receipt-signature",
    };
    AppError::Invalid(mynumber_core::Invalid(vec![
        mynumber_core::FieldError::new("receipt", key),
    ]))
}
