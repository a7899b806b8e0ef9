//! Ports: what the use cases need from the outside world (storage, clock, randomness).
//!
//! Storage is split by context, one module each, every one a pair of traits: what it reads and
//! what it writes. [`ReadTx`] is the sum of the reads, [`Tx`] of everything; a use case that only
//! reads opens a [`ReadTx`] and cannot write by mistake. The store implements them once for
//! SQLite and PostgreSQL; the shell supplies [`Clock`] and [`Random`]. Only this crate begins and
//! commits transactions.

use async_trait::async_trait;
use jiff::civil::Date;

mod cards;
mod certificates;
mod documents;
mod exchange;
mod kiosks;
mod ledger;
mod numbers;
mod oidc;
mod organisations;
mod portal;
mod registry;
mod seals;
mod staff;

pub use cards::{CallRow, CardApplicationRow, CardRow, CardsRead, CardsWrite, DueCertificate};
pub use certificates::{CertificateRow, CertificatesRead, CertificatesWrite, CrlRow};
pub use documents::{
    BatchLetter, CardNoticeRow, DocumentRow, DocumentsRead, DocumentsWrite, NoticeBatchRow,
    NoticeRow,
};
pub use exchange::{CopyRow, ExchangeRead, ExchangeWrite, RecordsOf, UnitRow};
pub use kiosks::{
    KioskIssue, KioskSessionRow, KioskSessionStatus, KiosksRead, KiosksWrite, SettlementRow,
    TerminalRow,
};
pub use ledger::{LedgerRead, LedgerWrite};
pub use numbers::{NumberChangeRow, NumberRow, NumbersRead, NumbersWrite};
pub use oidc::{
    OidcClientRow, OidcLoginRow, OidcRead, OidcTokenRow, OidcWrite, ProviderKeyRow,
    SignTransactionRow,
};
pub use organisations::{
    CollectionRow, OrganisationKeyRow, OrganisationRow, OrganisationsRead, OrganisationsWrite,
    PurposeRow,
};
pub use portal::{
    AppGrantRow, PortalLoginRow, PortalNoticeRow, PortalRead, PortalSessionRow, PortalWrite,
    RefreshTokenRow,
};
pub use registry::{
    CurrentRow, ImportBatchRow, ImportHouseholdRow, ImportJobRow, PersonRow, RegistryRead,
    RegistryWrite, SearchQuery, VersionRow,
};
pub use seals::{SealRow, SealsRead, SealsWrite};
pub use staff::{
    CredentialRow, EnrolmentRow, LoginFailures, LoginRow, PasskeyRow, SessionRow, StaffKind,
    StaffRead, StaffRow, StaffWrite, TotpKeyRow,
};

/// A storage failure. Constraint violations are told apart because use cases recover from them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another transaction changed the row first (optimistic concurrency); the caller may retry.
    #[error("concurrent update of {0}")]
    Conflict(&'static str),
    /// The stored data could not be read back into domain types (corruption or manual edits).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The database failed (connection, I/O, SQL).
    #[error("database error: {0}")]
    Database(String),
}

/// Opens transactions.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// A transaction that will write (on SQLite it takes the write lock at once, so two writers
    /// never deadlock upgrading a read lock).
    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError>;
    /// A transaction that only reads.
    async fn begin_read(&self) -> Result<Box<dyn ReadTx>, StoreError>;
    /// A transaction that only reads, for a few point lookups on a request's hot path (a
    /// token, a session, a log-in's state): on embedded SQLite it runs in place on the task's
    /// thread, as writes do, instead of a trip to a connection's thread per statement. Never
    /// for a long read (a search, an export, a listing), which would hold the task's thread.
    async fn begin_lookup(&self) -> Result<Box<dyn ReadTx>, StoreError> {
        self.begin_read().await
    }
    /// Which backend, for messages: `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;
    /// Closes every connection, waiting for transactions in progress (SQLite then checkpoints
    /// its write-ahead log into the database file).
    async fn close(&self);
    /// After a bulk load: brings the query planner's statistics of the register up to date, so
    /// that searches right after a migration plan on the rows now there.
    async fn refresh_statistics(&self) -> Result<(), StoreError>;
}

/// A transaction that only reads: the sum of every context's reads. Dropping it ends it.
pub trait ReadTx:
    RegistryRead
    + NumbersRead
    + LedgerRead
    + DocumentsRead
    + CertificatesRead
    + CardsRead
    + StaffRead
    + OrganisationsRead
    + OidcRead
    + SealsRead
    + KiosksRead
    + ExchangeRead
    + PortalRead
    + Send
{
}

impl<T> ReadTx for T where
    T: RegistryRead
        + NumbersRead
        + LedgerRead
        + DocumentsRead
        + CertificatesRead
        + CardsRead
        + StaffRead
        + OrganisationsRead
        + OidcRead
        + SealsRead
        + KiosksRead
        + ExchangeRead
        + PortalRead
        + Send
{
}

/// One transaction that may write: every context's reads and writes. Dropping it without
/// [`Tx::commit`] rolls everything back.
#[async_trait]
pub trait Tx:
    ReadTx
    + RegistryWrite
    + NumbersWrite
    + LedgerWrite
    + DocumentsWrite
    + CertificatesWrite
    + CardsWrite
    + StaffWrite
    + OrganisationsWrite
    + OidcWrite
    + SealsWrite
    + KiosksWrite
    + ExchangeWrite
    + PortalWrite
{
    /// Commits.
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// The time, for use cases. The resident register runs on Japan time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Now, in microseconds since the Unix epoch.
    fn now_us(&self) -> i64;
    /// Today's date in Japan (Asia/Tokyo).
    fn today(&self) -> Date;
}

/// Randomness, for ids, codes and tokens.
pub trait Random: Send + Sync + std::fmt::Debug {
    /// Fills `buf` with cryptographically secure random bytes.
    fn fill(&self, buf: &mut [u8]);
}
