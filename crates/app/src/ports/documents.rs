//! The storage of what is printed: notification letters and their delivery, issued documents,
//! and the card notices with the application forms they enclose.

use async_trait::async_trait;

use mynumber_core::document::VerificationCode;
use mynumber_core::notice::NoticeStatus;
use mynumber_core::{ApplicationId, IndividualNumber, MunicipalityCode, NoticeId, PersonId};

use crate::StoreError;

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

/// A print batch of notification letters, as the desk lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeBatchRow {
    /// The batch's name (`municipality-date-first letter`).
    pub batch: String,
    /// When it was printed (µs).
    pub sent_at_us: i64,
    /// The letters in it.
    pub letters: i64,
    /// Those still out: mailed, with no outcome recorded yet.
    pub out: i64,
    /// Those that may be printed again: still out, not printed again yet, and notifying the
    /// person's current number.
    pub reprintable: i64,
}

/// A letter of a print batch, with the number it notified while that number is still the
/// person's current one (masked in `Debug`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchLetter {
    /// The letter.
    pub notice: NoticeRow,
    /// The number of the letter's generation, if it is still current; `None` once changed.
    pub number: Option<IndividualNumber>,
    /// Whether it was printed again already (a letter is printed again at most once).
    pub reprinted: bool,
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

/// Reads letters, documents and notices.
#[async_trait]
pub trait DocumentsRead: Send {
    /// An issued document by its verification code.
    async fn document(
        &mut self,
        code: &VerificationCode,
    ) -> Result<Option<DocumentRow>, StoreError>;
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
    /// The oldest queued letters of a municipality.
    async fn queued_notices(
        &mut self,
        municipality: MunicipalityCode,
        limit: i64,
    ) -> Result<Vec<NoticeRow>, StoreError>;
    /// A municipality's print batches, newest first.
    async fn notice_batches(
        &mut self,
        municipality: MunicipalityCode,
        limit: i64,
    ) -> Result<Vec<NoticeBatchRow>, StoreError>;
    /// The letters of one batch of a municipality, in print order, each with its number while
    /// that is still current.
    async fn batch_letters(
        &mut self,
        municipality: MunicipalityCode,
        batch: &str,
    ) -> Result<Vec<BatchLetter>, StoreError>;
    /// A person's queued letters, which are about to be superseded.
    async fn queued_notices_of(&mut self, person: PersonId) -> Result<Vec<NoticeRow>, StoreError>;
    /// The application form an application ID was printed on (with a notification letter or an
    /// expiry notice): whose it is and when it was printed (µs).
    async fn form_by_application_id(
        &mut self,
        id: &ApplicationId,
    ) -> Result<Option<(PersonId, i64)>, StoreError>;
}

/// Writes letters, documents and notices.
#[async_trait]
pub trait DocumentsWrite: Send {
    /// Records an issued document.
    async fn insert_document(&mut self, row: &DocumentRow) -> Result<(), StoreError>;
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
    /// Marks letters printed again, each only while it is still out, not printed again before,
    /// and notifying its person's current number; returns how many were marked.
    async fn mark_notices_reprinted(
        &mut self,
        ids: &[NoticeId],
        at_us: i64,
    ) -> Result<u64, StoreError>;
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
    /// Records printed card notices; false (writing none) when a card already has its expiry
    /// notice or an application ID is taken.
    async fn insert_card_notices(&mut self, rows: &[CardNoticeRow]) -> Result<bool, StoreError>;
}
