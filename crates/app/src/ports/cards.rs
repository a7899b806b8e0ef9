//! The cards' storage: applications (交付申請) and the cards made from them.

use async_trait::async_trait;

use jiff::civil::Date;
use mynumber_core::call::{Caller, Outcome};
use mynumber_core::card::{CardKind, CardStatus, Channel, Reason};
use mynumber_core::{ApplicationId, MunicipalityCode, PersonId, StaffId};

use crate::StoreError;

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

/// A call on the lost-card line (個人番号カードコールセンター), as its record keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallRow {
    /// Random id (hex): the operator's screen names the call by it.
    pub id: String,
    /// Who took the call.
    pub operator: StaffId,
    /// The language of the call (one of `mynumber_core::call::CALL_LANGUAGES`).
    pub language: String,
    /// Who called, as they said.
    pub caller: Caller,
    /// Whose record answered (`None`: none, or several).
    pub person: Option<PersonId>,
    /// What the call ended in (so far).
    pub outcome: Outcome,
    /// The police report's receipt number (受理番号), if the caller had one.
    pub police_report: Option<String>,
    /// The card suspended on the call.
    pub card_serial: Option<String>,
    /// When the operator looked the caller up (µs).
    pub opened_at_us: i64,
    /// When the call was closed: its card suspended (µs).
    pub closed_at_us: Option<i64>,
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
    /// 継続利用: the last day it may be brought to the municipality its holder moved to
    /// (`None`: no continuation pending, facts §2.8).
    pub continue_by: Option<Date>,
    /// Lines of its 追記欄 (additions field) used.
    pub additions: u8,
    /// The signature certificate on it (serial, hex).
    pub signature_certificate: Option<String>,
    /// The user-authentication certificate on it (serial, hex).
    pub authentication_certificate: Option<String>,
}

/// A certificate on an active card, due for its expiry notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueCertificate {
    /// Its serial (hex).
    pub serial: String,
    /// `signature` or `authentication`.
    pub hierarchy: String,
    /// Its notAfter (µs).
    pub not_after_us: i64,
    /// The card it is on.
    pub card_serial: String,
}

/// Reads card applications and cards.
#[async_trait]
pub trait CardsRead: Send {
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
    /// A card by serial.
    async fn card(&mut self, serial: &str) -> Result<Option<CardRow>, StoreError>;
    /// A person's cards, newest first.
    async fn cards_of(&mut self, person: PersonId) -> Result<Vec<CardRow>, StoreError>;
    /// Cards not yet ended whose expiry is before `day`, soonest first, at most `limit`.
    async fn cards_expiring_before(
        &mut self,
        day: Date,
        limit: i64,
    ) -> Result<Vec<CardRow>, StoreError>;
    /// Cards in use whose continuation was due before `day` and not made (継続利用), soonest
    /// first, at most `limit`.
    async fn cards_not_continued_by(
        &mut self,
        day: Date,
        limit: i64,
    ) -> Result<Vec<CardRow>, StoreError>;
    /// Good certificates on active cards of a municipality whose notAfter is before
    /// `before_us` and that have no expiry notice yet, in (notAfter, serial) order after
    /// `after`, at most `limit`: each certificate's serial, hierarchy, notAfter and card.
    async fn certificates_due_for_renewal_notice(
        &mut self,
        municipality: MunicipalityCode,
        after: (i64, &str),
        before_us: i64,
        limit: i64,
    ) -> Result<Vec<DueCertificate>, StoreError>;
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
    /// A call on the lost-card line.
    async fn call(&mut self, id: &str) -> Result<Option<CallRow>, StoreError>;
    /// How many calls an operator opened since `since_us` that matched nobody, or several.
    async fn unmatched_calls_since(
        &mut self,
        operator: StaffId,
        since_us: i64,
    ) -> Result<i64, StoreError>;
}

/// Writes card applications and cards.
#[async_trait]
pub trait CardsWrite: Send {
    /// Records a card application.
    async fn insert_card_application(&mut self, row: &CardApplicationRow)
    -> Result<(), StoreError>;
    /// Links an application to the card made from it; false if it already has one.
    async fn set_application_card(&mut self, id: &str, serial: &str) -> Result<bool, StoreError>;
    /// Records a new card; false when the serial exists (draw another).
    async fn insert_card(&mut self, row: &CardRow) -> Result<bool, StoreError>;
    /// Writes a card's status, expiry and certificates if it still has status `from`; returns
    /// whether it did.
    async fn update_card(&mut self, row: &CardRow, from: CardStatus) -> Result<bool, StoreError>;
    /// Records printed certificate expiry notices: (certificate, card, holder, municipality,
    /// when); false (nothing written by this call's later rows) if a certificate has one.
    async fn insert_certificate_notices(
        &mut self,
        rows: &[(String, String, PersonId, MunicipalityCode, i64)],
    ) -> Result<bool, StoreError>;
    /// Records a call on the lost-card line.
    async fn insert_call(&mut self, row: &CallRow) -> Result<(), StoreError>;
    /// Closes an open call with its outcome, police report and card; false if it was closed
    /// already (two clicks, two tabs).
    async fn close_call(&mut self, row: &CallRow) -> Result<bool, StoreError>;
}
