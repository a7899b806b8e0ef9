//! Ports: what the use cases need from the outside world (storage, clock, randomness).
//!
//! The store implements [`Store`] and [`Tx`] once for SQLite and PostgreSQL; the shell supplies
//! [`Clock`] and [`Random`]. Only this crate begins and commits transactions.

use async_trait::async_trait;
use jiff::civil::Date;
use mynumber_core::card::{CardKind, CardStatus, Channel, Reason};
use mynumber_core::certificate::CertificateStatus;
use mynumber_core::document::VerificationCode;
use mynumber_core::ledger::StoredEntry;
use mynumber_core::notice::NoticeStatus;
use mynumber_core::number_change::{ChangeRequest, ChangeStatus};
use mynumber_core::{
    ApplicationId, HouseholdId, IndividualNumber, MunicipalityCode, NoticeId, NumberChangeId,
    PersonId, Resident, ResidentCode, Role, StaffId,
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

/// A row of the number registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberRow {
    /// The number.
    pub number: IndividualNumber,
    /// Whose.
    pub person: PersonId,
    /// 0 first, +1 per statutory change.
    pub generation: u32,
    /// Collision attempt that produced it.
    pub attempt: u32,
    /// Derivation key id.
    pub key_id: String,
    /// When (µs).
    pub issued_at_us: i64,
}

/// A number change request as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberChangeRow {
    /// Its id.
    pub id: NumberChangeId,
    /// Whose number.
    pub person: PersonId,
    /// Ground, reason and evidence.
    pub request: ChangeRequest,
    /// Where it stands.
    pub status: ChangeStatus,
    /// Who recorded it.
    pub requested_by: StaffId,
    /// When (µs).
    pub requested_at_us: i64,
    /// Who decided it, and when.
    pub decided: Option<(StaffId, i64)>,
}

/// A notification letter as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeRow {
    /// Its id (time-ordered: the print queue's order).
    pub id: NoticeId,
    /// To whom.
    pub person: PersonId,
    /// The municipality that mails it.
    pub municipality: MunicipalityCode,
    /// The number generation it notifies.
    pub generation: u32,
    /// The 申請書ID of the enclosed form, drawn when the form is printed (it is tied to the
    /// name and address printed on it, facts §2.5); also the letter's reference.
    pub application_id: Option<ApplicationId>,
    /// Where it stands.
    pub status: NoticeStatus,
    /// When it was queued (µs).
    pub queued_at_us: i64,
    /// The print batch it went out in.
    pub batch: Option<String>,
    /// When it was printed (µs).
    pub sent_at_us: Option<i64>,
    /// When its last outcome was recorded (µs).
    pub outcome_at_us: Option<i64>,
}

/// An issued document as stored: enough to confirm it, never its Individual Number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentRow {
    /// The verification code printed on it.
    pub code: VerificationCode,
    /// `resident-record-copy` or `recorded-matters`.
    pub kind: String,
    /// Whose record.
    pub person: PersonId,
    /// The issuing municipality.
    pub municipality: MunicipalityCode,
    /// When (µs).
    pub issued_at_us: i64,
    /// Staff id of the issuing clerk.
    pub issued_by: String,
    /// SHA-256 of the PDF as rendered.
    pub digest: [u8; 32],
    /// What the verification page shows: `key<TAB>value` lines (labels are catalog keys).
    pub summary: String,
}

/// An issued certificate as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateRow {
    /// The serial number, hex.
    pub serial: String,
    /// `signature` or `authentication`.
    pub hierarchy: String,
    /// The holder.
    pub person: PersonId,
    /// Good, on hold or revoked.
    pub status: CertificateStatus,
    /// The RFC 5280 reason name, once revoked or held.
    pub reason: Option<String>,
    /// When it was revoked or held (µs).
    pub revoked_at_us: Option<i64>,
    /// Its notAfter (µs).
    pub not_after_us: i64,
    /// When it was issued (µs).
    pub issued_at_us: i64,
    /// The certificate, DER.
    pub der: Vec<u8>,
}

/// A card application as stored (交付申請).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardApplicationRow {
    /// Internal id (hex).
    pub id: String,
    /// The applicant.
    pub person: PersonId,
    /// The municipality that received it.
    pub municipality: MunicipalityCode,
    /// How it arrived.
    pub channel: Channel,
    /// Why.
    pub reason: Reason,
    /// The form's 23-digit application ID (all channels but the counter).
    pub application_id: Option<ApplicationId>,
    /// Standard or face-recognition.
    pub kind: CardKind,
    /// Whether the certificates are to be issued.
    pub with_certificates: bool,
    /// Express issuance (特急発行).
    pub express: bool,
    /// The fee charged, yen.
    pub fee_yen: i64,
    /// The face photo (JPEG), absent for a child under 1.
    pub photo: Option<Vec<u8>>,
    /// The day it was made (the expiry rule counts the age on this day).
    pub applied_on: Date,
    /// When it was recorded (µs).
    pub received_at_us: i64,
    /// The card produced from it.
    pub card_serial: Option<String>,
}

/// A card as the register keeps it (never its keys).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardRow {
    /// The card's serial number.
    pub serial: String,
    /// The holder.
    pub person: PersonId,
    /// The application it was made from.
    pub application: String,
    /// The issuing municipality.
    pub municipality: MunicipalityCode,
    /// Standard or face-recognition.
    pub kind: CardKind,
    /// Where it stands.
    pub status: CardStatus,
    /// Its expiry date.
    pub expiry: Date,
    /// How far an extension may reach (the birthday rule alone).
    pub birthday_limit: Date,
    /// When it was produced (µs).
    pub produced_at_us: i64,
    /// When its status or expiry last changed (µs).
    pub changed_at_us: i64,
    /// The signature certificate on it (serial, hex).
    pub signature_certificate: Option<String>,
    /// The user-authentication certificate on it (serial, hex).
    pub authentication_certificate: Option<String>,
}

/// A printed card notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardNoticeRow {
    /// Its id (hex).
    pub id: String,
    /// `issue` (交付通知書) or `renewal` (有効期限通知書).
    pub kind: &'static str,
    /// The card.
    pub card_serial: String,
    /// The holder.
    pub person: PersonId,
    /// The municipality that printed it.
    pub municipality: MunicipalityCode,
    /// The enclosed form's application ID (an expiry notice).
    pub application_id: Option<ApplicationId>,
    /// When it was printed (µs).
    pub printed_at_us: i64,
}

/// A published CRL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrlRow {
    /// `signature` or `authentication`.
    pub hierarchy: String,
    /// Its CRL number.
    pub number: i64,
    /// The hierarchy's status revision it reflects.
    pub revision: i64,
    /// Its thisUpdate (µs).
    pub this_update_us: i64,
    /// Its nextUpdate (µs).
    pub next_update_us: i64,
    /// The CRL, DER.
    pub der: Vec<u8>,
}

/// A staff member as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffRow {
    /// Internal id.
    pub id: StaffId,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Municipality acted for; `None` is national scope.
    pub municipality: Option<MunicipalityCode>,
    /// SHA-256 of the bearer token, hex.
    pub token_hash: String,
    /// When created (µs).
    pub created_at_us: i64,
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

/// Opens transactions.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// A transaction that will write (on SQLite it takes the write lock at once, so two writers
    /// never deadlock upgrading a read lock).
    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError>;
    /// A transaction that only reads.
    async fn begin_read(&self) -> Result<Box<dyn Tx>, StoreError>;
    /// Which backend, for messages: `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;
    /// Closes every connection, waiting for transactions in progress (SQLite then checkpoints
    /// its write-ahead log into the database file).
    async fn close(&self);
}

/// One transaction. Dropping it without [`Tx::commit`] rolls everything back.
#[async_trait]
pub trait Tx: Send {
    /// Commits.
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;

    /// Inserts people whose resident codes are new; returns the indexes of those whose code was
    /// already taken (nothing is written for them).
    async fn insert_persons(
        &mut self,
        rows: &[PersonRow],
        at_us: i64,
    ) -> Result<Vec<usize>, StoreError>;
    /// Inserts numbers; returns the indexes of those already in the registry (never reissued).
    async fn insert_numbers(&mut self, rows: &[NumberRow]) -> Result<Vec<usize>, StoreError>;
    /// Appends versions and moves each person's current version to it. Fails with
    /// [`StoreError::Conflict`] if a person's current version is not `version - 1`.
    async fn insert_versions(&mut self, rows: &[VersionRow]) -> Result<(), StoreError>;
    /// Creates households.
    async fn insert_households(
        &mut self,
        rows: &[(HouseholdId, MunicipalityCode)],
        at_us: i64,
    ) -> Result<(), StoreError>;
    /// The municipality of a household, if it exists.
    async fn household(&mut self, id: HouseholdId) -> Result<Option<MunicipalityCode>, StoreError>;

    /// A person by resident record code.
    async fn person_by_code(
        &mut self,
        code: &ResidentCode,
    ) -> Result<Option<PersonRow>, StoreError>;
    /// A person by internal id.
    async fn person_by_id(&mut self, id: PersonId) -> Result<Option<PersonRow>, StoreError>;
    /// The person a number was issued to, and whether it is current (`false`: retired).
    async fn person_by_number(
        &mut self,
        number: &IndividualNumber,
    ) -> Result<Option<(PersonId, bool)>, StoreError>;
    /// The person's current number.
    async fn current_number(
        &mut self,
        person: PersonId,
    ) -> Result<Option<IndividualNumber>, StoreError>;
    /// Every version of a person, oldest first.
    async fn versions(&mut self, person: PersonId) -> Result<Vec<VersionRow>, StoreError>;
    /// The newest version of a person.
    async fn current_version(&mut self, person: PersonId)
    -> Result<Option<VersionRow>, StoreError>;
    /// Clerk search over current versions.
    async fn search(&mut self, query: &SearchQuery) -> Result<Vec<CurrentRow>, StoreError>;
    /// A page of current records in person-id order after `after`, for export.
    async fn current_page(
        &mut self,
        after: Option<PersonId>,
        municipality: Option<MunicipalityCode>,
        limit: i64,
    ) -> Result<Vec<CurrentRow>, StoreError>;
    /// Current numbers of several people.
    async fn current_numbers(
        &mut self,
        people: &[PersonId],
    ) -> Result<Vec<(PersonId, IndividualNumber)>, StoreError>;

    /// A deployment setting.
    async fn setting(&mut self, name: &str) -> Result<Option<String>, StoreError>;
    /// Sets a setting unless it is set already; returns whether it was set now.
    async fn insert_setting(&mut self, name: &str, value: &str) -> Result<bool, StoreError>;

    /// Records a number change request.
    async fn insert_number_change(&mut self, row: &NumberChangeRow) -> Result<(), StoreError>;
    /// A number change request by id.
    async fn number_change(
        &mut self,
        id: NumberChangeId,
    ) -> Result<Option<NumberChangeRow>, StoreError>;
    /// Moves a request from `requested` to `status`; [`StoreError::Conflict`] if another
    /// decision came first.
    async fn decide_number_change(
        &mut self,
        id: NumberChangeId,
        status: ChangeStatus,
        by: StaffId,
        at_us: i64,
    ) -> Result<(), StoreError>;
    /// Retires the person's current number (it stays in the registry, never reissued) and
    /// returns its generation.
    async fn retire_current_number(
        &mut self,
        person: PersonId,
        at_us: i64,
    ) -> Result<Option<u32>, StoreError>;

    /// Inserts a staff member.
    async fn insert_staff(&mut self, row: &StaffRow) -> Result<(), StoreError>;
    /// The staff member holding a token (by its hash).
    async fn staff_by_token_hash(&mut self, hash: &str) -> Result<Option<StaffRow>, StoreError>;
    /// How many staff exist.
    async fn count_staff(&mut self) -> Result<i64, StoreError>;

    /// Locks a partition's head (creating it at genesis) and returns its `(seq, hash)`.
    async fn lock_ledger_head(&mut self, partition: &str) -> Result<(i64, [u8; 32]), StoreError>;
    /// Appends sealed entries and sets the partition head to the last of them.
    async fn append_ledger(&mut self, entries: &[StoredEntry]) -> Result<(), StoreError>;
    /// Every partition with its head.
    async fn ledger_heads(&mut self) -> Result<Vec<(String, i64, [u8; 32])>, StoreError>;
    /// A partition's entries with `seq > after`, in order, at most `limit`.
    async fn ledger_entries(
        &mut self,
        partition: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<StoredEntry>, StoreError>;
    /// Stores a signed checkpoint's text.
    async fn insert_checkpoint(&mut self, at_us: i64, text: &str) -> Result<(), StoreError>;
    /// The newest stored checkpoint's text.
    async fn latest_checkpoint(&mut self) -> Result<Option<String>, StoreError>;

    /// Queues letters.
    async fn insert_notices(&mut self, rows: &[NoticeRow]) -> Result<(), StoreError>;
    /// Marks queued letters sent in `batch`, each with the application id printed on its form;
    /// returns how many were still queued. An application id already used is a
    /// [`StoreError::Conflict`].
    async fn mark_notices_sent(
        &mut self,
        letters: &[(NoticeId, ApplicationId)],
        batch: &str,
        at_us: i64,
    ) -> Result<u64, StoreError>;
    /// A person's queued letters, which are about to be superseded.
    async fn queued_notices_of(&mut self, person: PersonId) -> Result<Vec<NoticeRow>, StoreError>;
    /// The oldest queued letters of a municipality.
    async fn queued_notices(
        &mut self,
        municipality: MunicipalityCode,
        limit: i64,
    ) -> Result<Vec<NoticeRow>, StoreError>;
    /// Moves letters from `from` to `to` (setting `batch` and the sent or outcome time);
    /// returns how many were in `from`.
    async fn move_notices(
        &mut self,
        ids: &[NoticeId],
        from: NoticeStatus,
        to: NoticeStatus,
        batch: Option<&str>,
        at_us: i64,
    ) -> Result<u64, StoreError>;
    /// A letter by its application id.
    async fn notice_by_application_id(
        &mut self,
        id: &ApplicationId,
    ) -> Result<Option<NoticeRow>, StoreError>;
    /// Letters in one status (of one municipality, if given), oldest first.
    async fn notices_in(
        &mut self,
        status: NoticeStatus,
        municipality: Option<MunicipalityCode>,
        limit: i64,
    ) -> Result<Vec<NoticeRow>, StoreError>;

    /// How many letters are in one status (of one municipality, if given).
    async fn count_notices(
        &mut self,
        status: NoticeStatus,
        municipality: Option<MunicipalityCode>,
    ) -> Result<i64, StoreError>;

    /// Sets a municipality's printed name.
    async fn set_municipality_name(
        &mut self,
        code: MunicipalityCode,
        name: &str,
    ) -> Result<(), StoreError>;
    /// A municipality's printed name.
    async fn municipality_name(
        &mut self,
        code: MunicipalityCode,
    ) -> Result<Option<String>, StoreError>;

    /// Records an issued document.
    async fn insert_document(&mut self, row: &DocumentRow) -> Result<(), StoreError>;
    /// An issued document by its verification code.
    async fn document(
        &mut self,
        code: &VerificationCode,
    ) -> Result<Option<DocumentRow>, StoreError>;
    /// A hierarchy's authority: its certificate (DER) and sealed key.
    async fn authority(
        &mut self,
        hierarchy: &str,
    ) -> Result<Option<(Vec<u8>, Vec<u8>)>, StoreError>;
    /// Installs an authority unless one exists; returns whether this one was installed.
    async fn insert_authority(
        &mut self,
        hierarchy: &str,
        certificate: &[u8],
        sealed_key: &[u8],
        at_us: i64,
    ) -> Result<bool, StoreError>;
    /// Records an issued certificate.
    async fn insert_certificate(&mut self, row: &CertificateRow) -> Result<(), StoreError>;
    /// A certificate by serial (hex).
    async fn certificate(&mut self, serial: &str) -> Result<Option<CertificateRow>, StoreError>;
    /// A person's certificates, newest first.
    async fn certificates_of(
        &mut self,
        person: PersonId,
    ) -> Result<Vec<CertificateRow>, StoreError>;
    /// Moves a certificate from `from` to `to` status with a reason and its time (both cleared
    /// by passing `None`); returns whether it moved (false: its status was no longer `from`).
    async fn set_certificate_status(
        &mut self,
        serial: &str,
        from: CertificateStatus,
        to: CertificateStatus,
        reason: Option<&str>,
        at_us: Option<i64>,
    ) -> Result<bool, StoreError>;
    /// The revoked and held certificates of a hierarchy that have not expired by `at_us`
    /// (what its CRL lists: RFC 5280 §3.3 lets an entry go once the certificate expires).
    async fn revoked_certificates(
        &mut self,
        hierarchy: &str,
        at_us: i64,
    ) -> Result<Vec<CertificateRow>, StoreError>;
    /// Increments and returns a hierarchy's status revision (at every revocation, hold and
    /// release).
    async fn bump_certificate_revision(&mut self, hierarchy: &str) -> Result<i64, StoreError>;
    /// A hierarchy's status revision (0 before any change).
    async fn certificate_revision(&mut self, hierarchy: &str) -> Result<i64, StoreError>;
    /// The CRL last published for a hierarchy.
    async fn latest_crl(&mut self, hierarchy: &str) -> Result<Option<CrlRow>, StoreError>;
    /// Publishes `row` in place of the CRL numbered `replacing` (`None`: the first one);
    /// returns false when another server published first.
    async fn publish_crl(
        &mut self,
        row: &CrlRow,
        replacing: Option<i64>,
    ) -> Result<bool, StoreError>;

    /// Records a card application.
    async fn insert_card_application(&mut self, row: &CardApplicationRow)
    -> Result<(), StoreError>;
    /// A card application by id.
    async fn card_application(
        &mut self,
        id: &str,
    ) -> Result<Option<CardApplicationRow>, StoreError>;
    /// A person's card applications, newest first (without their photos).
    async fn card_applications_of(
        &mut self,
        person: PersonId,
    ) -> Result<Vec<CardApplicationRow>, StoreError>;
    /// Links an application to the card made from it; false if it already has one.
    async fn set_application_card(&mut self, id: &str, serial: &str) -> Result<bool, StoreError>;
    /// Records a new card; false when the serial exists (draw another).
    async fn insert_card(&mut self, row: &CardRow) -> Result<bool, StoreError>;
    /// A card by serial.
    async fn card(&mut self, serial: &str) -> Result<Option<CardRow>, StoreError>;
    /// A person's cards, newest first.
    async fn cards_of(&mut self, person: PersonId) -> Result<Vec<CardRow>, StoreError>;
    /// Writes a card's status, expiry and certificates if it still has status `from`; returns
    /// whether it did.
    async fn update_card(&mut self, row: &CardRow, from: CardStatus) -> Result<bool, StoreError>;
    /// Cards not yet ended whose expiry is before `day`, soonest first, at most `limit`.
    async fn cards_expiring_before(
        &mut self,
        day: Date,
        limit: i64,
    ) -> Result<Vec<CardRow>, StoreError>;

    /// Records printed card notices; false (writing none) when a card already has its expiry
    /// notice or an application ID is taken.
    async fn insert_card_notices(&mut self, rows: &[CardNoticeRow]) -> Result<bool, StoreError>;
    /// Active cards of a municipality expiring before `before` that have no expiry notice yet,
    /// in (expiry, serial) order after `after` (a card expiring on `after.0` with a serial
    /// greater than `after.1`, or later), at most `limit`.
    async fn cards_due_for_renewal_notice(
        &mut self,
        municipality: MunicipalityCode,
        after: (Date, &str),
        before: Date,
        limit: i64,
    ) -> Result<Vec<CardRow>, StoreError>;
    /// The application form an application ID was printed on (with a notification letter or an
    /// expiry notice): whose it is and when it was printed (µs).
    async fn form_by_application_id(
        &mut self,
        id: &ApplicationId,
    ) -> Result<Option<(PersonId, i64)>, StoreError>;

    /// The current, active records of a household's members.
    async fn household_members(
        &mut self,
        household: HouseholdId,
    ) -> Result<Vec<CurrentRow>, StoreError>;
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
