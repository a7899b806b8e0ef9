//! The ledger's storage: the partitions' hash chains, their heads, and signed checkpoints.

use async_trait::async_trait;

use mynumber_core::PersonId;
use mynumber_core::ledger::StoredEntry;

use crate::StoreError;

/// Reads the ledger.
#[async_trait]
pub trait LedgerRead: Send {
    /// Every partition with its head.
    async fn ledger_heads(&mut self) -> Result<Vec<(String, i64, [u8; 32])>, StoreError>;
    /// A partition's entries with `seq > after`, in order, at most `limit`.
    async fn ledger_entries(
        &mut self,
        partition: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<StoredEntry>, StoreError>;
    /// The newest stored checkpoint's text.
    async fn latest_checkpoint(&mut self) -> Result<Option<String>, StoreError>;
    /// Every stored checkpoint's text, oldest first.
    async fn checkpoints(&mut self) -> Result<Vec<String>, StoreError>;
    /// Every partition that has entries, whether or not its head row is still there.
    async fn ledger_partitions(&mut self) -> Result<Vec<String>, StoreError>;
    /// The entries about `person`, newest first, at most `limit` (the portal's access history).
    async fn ledger_entries_of(
        &mut self,
        person: PersonId,
        limit: i64,
    ) -> Result<Vec<StoredEntry>, StoreError>;
    /// The entry at `seq` of `partition`, if there is one.
    async fn ledger_entry(
        &mut self,
        partition: &str,
        seq: i64,
    ) -> Result<Option<StoredEntry>, StoreError>;
}

/// Appends to the ledger.
#[async_trait]
pub trait LedgerWrite: Send {
    /// Locks a partition's head (creating it at genesis) and returns its `(seq, hash)`.
    async fn lock_ledger_head(&mut self, partition: &str) -> Result<(i64, [u8; 32]), StoreError>;
    /// Appends sealed entries and sets the partition head to the last of them.
    async fn append_ledger(&mut self, entries: &[StoredEntry]) -> Result<(), StoreError>;
    /// Stores a signed checkpoint's text.
    async fn insert_checkpoint(&mut self, at_us: i64, text: &str) -> Result<(), StoreError>;
}
