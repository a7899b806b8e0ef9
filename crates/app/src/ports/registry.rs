//! The registry's storage: persons, their record versions, households, and the names of
//! municipalities printed on what they issue.

use async_trait::async_trait;

use jiff::civil::Date;
use mynumber_core::{HouseholdId, MunicipalityCode, PersonId, Resident, ResidentCode};

use crate::StoreError;

/// Where a person's record stands: the newest version number and its municipality.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRow {
    /// Internal id.
    pub id: PersonId,
    /// 住民票コード.
    pub resident_code: ResidentCode,
    /// The newest version.
    pub current_version: i64,
}

/// One stored version of a resident record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionRow {
    /// Whose.
    pub person: PersonId,
    /// 1, 2, …
    pub version: i64,
    /// The procedure that produced it (`birth`, `address-change`, …).
    pub procedure: String,
    /// 異動日: when the event took effect.
    pub effective_on: Date,
    /// When it was recorded (µs since the epoch).
    pub recorded_at_us: i64,
    /// Staff id of the clerk who recorded it.
    pub actor: String,
    /// Content and status.
    pub resident: Resident,
}

/// A clerk's search: by name (any of kanji, kana or Latin, prefix match) and date of birth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    /// Family name, its reading or a Latin name; matched as a prefix.
    pub name: String,
    /// Date of birth, if known.
    pub birth_date: Option<Date>,
    /// Limit the search to one municipality's current residents.
    pub municipality: Option<MunicipalityCode>,
    /// At most this many results.
    pub limit: i64,
}

/// The current version of a person together with their code, for listings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentRow {
    /// Person row.
    pub person: PersonRow,
    /// Their newest version.
    pub version: VersionRow,
}

/// An import, recorded so that a crashed one resumes where it stopped and no row is ever
/// registered twice: bound to the file's digest (and name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportJobRow {
    /// Its number (each row it registers is marked with it and the row's line).
    pub number: i64,
    /// SHA-256 of the file.
    pub digest: [u8; 32],
    /// The file's name, as given.
    pub file_name: String,
    /// When it started (µs).
    pub started_at_us: i64,
    /// Who started it (the ledger's name).
    pub started_by: String,
    /// The office it belongs to: its starter's ledger partition (a municipality's code, or
    /// `national`). Only that office finds it again, resumes it, or is held back by it.
    pub scope: String,
    /// How it counts its file's lines: 1 as the csv reader did (before 2026-12-04), or
    /// [`crate::LINE_COUNT`].
    pub line_count: i64,
    /// When its last batch was written (µs); `None` while unfinished.
    pub finished_at_us: Option<i64>,
}

/// A batch of an import, written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportBatchRow {
    /// The import.
    pub job: i64,
    /// Its first line in the file.
    pub first_line: i64,
    /// Its last line.
    pub last_line: i64,
    /// Residents registered.
    pub rows: i64,
    /// SHA-256 of its records as read: an edited file must keep them as they were.
    pub digest: [u8; 32],
}

/// A household an import created, by its label in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportHouseholdRow {
    /// The label.
    pub label: String,
    /// The household.
    pub household: HouseholdId,
    /// Its municipality.
    pub municipality: MunicipalityCode,
    /// Whether it has its head yet.
    pub has_head: bool,
}

/// Reads the resident register.
#[async_trait]
pub trait RegistryRead: Send {
    /// The municipality of a household, if it exists.
    async fn household(&mut self, id: HouseholdId) -> Result<Option<MunicipalityCode>, StoreError>;
    /// A person by resident record code.
    async fn person_by_code(
        &mut self,
        code: &ResidentCode,
    ) -> Result<Option<PersonRow>, StoreError>;
    /// A person by internal id.
    async fn person_by_id(&mut self, id: PersonId) -> Result<Option<PersonRow>, StoreError>;
    /// Every version of a person, oldest first.
    async fn versions(&mut self, person: PersonId) -> Result<Vec<VersionRow>, StoreError>;
    /// The newest version of a person.
    async fn current_version(&mut self, person: PersonId)
    -> Result<Option<VersionRow>, StoreError>;
    /// Active records whose current version's period of stay ended before `day`, in
    /// (period of stay, person) order after `after`, at most `limit`: each person and the
    /// period's end (candidates for 職権消除; the special period is decided by the caller).
    async fn stays_ended_before(
        &mut self,
        day: jiff::civil::Date,
        after: (jiff::civil::Date, PersonId),
        limit: i64,
    ) -> Result<Vec<(PersonId, jiff::civil::Date)>, StoreError>;
    /// Clerk search over current versions.
    async fn search(&mut self, query: &SearchQuery) -> Result<Vec<CurrentRow>, StoreError>;
    /// A page of current records in person-id order after `after`, for export.
    async fn current_page(
        &mut self,
        after: Option<PersonId>,
        municipality: Option<MunicipalityCode>,
        limit: i64,
    ) -> Result<Vec<CurrentRow>, StoreError>;
    /// The current, active records of a household's members.
    async fn household_members(
        &mut self,
        household: HouseholdId,
    ) -> Result<Vec<CurrentRow>, StoreError>;
    /// The import of a file with this digest, finished or not.
    async fn import_job_by_digest(
        &mut self,
        digest: &[u8; 32],
    ) -> Result<Option<ImportJobRow>, StoreError>;
    /// Every unfinished import of an office (`scope`), newest first.
    async fn unfinished_imports(&mut self, scope: &str) -> Result<Vec<ImportJobRow>, StoreError>;
    /// An office's newest finished import of a file of this name.
    async fn finished_import_by_name(
        &mut self,
        scope: &str,
        name: &str,
    ) -> Result<Option<ImportJobRow>, StoreError>;
    /// An import's written batches, in line order.
    async fn import_batches(&mut self, job: i64) -> Result<Vec<ImportBatchRow>, StoreError>;
    /// The households an import created.
    async fn import_households(&mut self, job: i64) -> Result<Vec<ImportHouseholdRow>, StoreError>;
    /// A municipality's printed name.
    async fn municipality_name(
        &mut self,
        code: MunicipalityCode,
    ) -> Result<Option<String>, StoreError>;
}

/// Writes the resident register.
#[async_trait]
pub trait RegistryWrite: Send {
    /// Inserts people whose resident codes are new; returns the indexes of those whose code was
    /// already taken (nothing is written for them). `imported` marks each row with its import
    /// and line (unique: a row an import registered before fails the statement, and the
    /// transaction with it).
    async fn insert_persons(
        &mut self,
        rows: &[PersonRow],
        imported: Option<&[i64]>,
        at_us: i64,
    ) -> Result<Vec<usize>, StoreError>;
    /// Records a new import; false when its digest or number is taken.
    async fn insert_import_job(&mut self, row: &ImportJobRow) -> Result<bool, StoreError>;
    /// Binds an unfinished import to an edited file's digest.
    async fn set_import_digest(&mut self, job: i64, digest: &[u8; 32]) -> Result<(), StoreError>;
    /// Records a written batch and the households it created or completed.
    async fn record_import_batch(
        &mut self,
        batch: &ImportBatchRow,
        households: &[ImportHouseholdRow],
    ) -> Result<(), StoreError>;
    /// Marks an import finished.
    async fn finish_import_job(&mut self, job: i64, at_us: i64) -> Result<(), StoreError>;
    /// Appends versions and moves each person's current version to it. Fails with
    /// [`StoreError::Conflict`] if a person's current version is not `version - 1`.
    async fn insert_versions(&mut self, rows: &[VersionRow]) -> Result<(), StoreError>;
    /// Makes versions findable by name: writes their search terms
    /// ([`mynumber_core::search::SearchKeys`]).
    async fn index_versions(&mut self, rows: &[VersionRow]) -> Result<(), StoreError>;
    /// Makes the first versions an import job registered findable by name, in one pass in key
    /// order; returns how many terms it wrote.
    async fn index_import(&mut self, job: i64) -> Result<u64, StoreError>;
    /// Creates households.
    async fn insert_households(
        &mut self,
        rows: &[(HouseholdId, MunicipalityCode)],
        at_us: i64,
    ) -> Result<(), StoreError>;
    /// Sets a municipality's printed name.
    async fn set_municipality_name(
        &mut self,
        code: MunicipalityCode,
        name: &str,
    ) -> Result<(), StoreError>;
}
