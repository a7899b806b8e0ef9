//! mynumber-render: the documents a resident receives, as PDF, from view models.
//!
//! The 個人番号通知書 (notification letter) with its 交付申請書 (card application form), the
//! 住民票の写し / 住民票記載事項証明書 (copy of the resident record, certificate of recorded matters),
//! and the card's 交付通知書 (pick-up notice) and 有効期限通知書 (expiry notice, with a new form).
//! Every document is in Japanese and, below each Japanese text, in the resident's preferred
//! language from the message catalogs. Fonts come in as bytes ([`FontFiles`]); nothing here reads
//! the clock or the file system, so the same view model always renders the same bytes.

mod card_notice;
mod fonts;
mod layout;
mod notice;
mod record;
pub mod scan;
mod seal_certificate;
mod text;

use jiff::civil::Date;
use mynumber_core::{ApplicationId, IndividualNumber, Relationship, ResidentCode, Sex};
use thiserror::Error;

pub use card_notice::{
    render_certificate_renewal_notices, render_issue_notices, render_renewal_notices,
};
pub use fonts::{DEBIAN_FONT_FILES, FontFile, FontFiles, Fonts, Weight};
pub use notice::render_notices;
pub use record::{SealBack, render_record, render_record_with_back};
pub use seal_certificate::{SealCertificate, render_seal_certificate};

/// Why a document could not be rendered.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum RenderError {
    /// A font file is not the font expected (corrupt, or another file at that path).
    #[error("{origin} is not a usable {expected} font; reinstall the Debian package {package}")]
    BadFont {
        /// Where the bytes came from.
        origin: String,
        /// The face that was expected.
        expected: &'static str,
        /// The Debian package that provides it.
        package: &'static str,
    },
    /// No installed face has a character the document needs.
    #[error(
        "no installed font has the character U+{:04X}; {font} (Debian package {package}) lacks it, so it would print as an empty box",
        u32::from(*character)
    )]
    MissingGlyph {
        /// The character.
        character: char,
        /// The face tried first.
        font: &'static str,
        /// Its Debian package.
        package: &'static str,
    },
    /// The QR code could not be built (the data is too long).
    #[error("the QR code cannot hold {0} bytes")]
    QrCode(usize),
    /// A print's back could not be sealed (the caller's sealing failed, or the front is too
    /// long for one back).
    #[error("the print's back could not be made: {0}")]
    Back(String),
    /// The PDF writer failed.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// Who a document is about, as printed.
#[derive(Clone, Debug)]
pub struct PrintedPerson {
    /// 氏名 as registered.
    pub name: String,
    /// フリガナ.
    pub name_kana: Option<String>,
    /// The name in Latin letters (foreign residents).
    pub latin_name: Option<String>,
    /// 通称.
    pub alias: Option<String>,
    /// 生年月日.
    pub birth_date: Date,
    /// 性別.
    pub sex: Sex,
    /// The whole address: prefecture, municipality and the rest.
    pub address: String,
}

/// One 個人番号通知書 and the application form sent with it.
#[derive(Clone, Debug)]
pub struct NoticeLetter {
    /// The resident's preferred language (the second language of the letter).
    pub language: String,
    /// The addressee.
    pub person: PrintedPerson,
    /// The number being notified (masked in `Debug`).
    pub number: IndividualNumber,
    /// The issuing municipality's name, e.g. 新宿区.
    pub municipality: String,
    /// The date printed as the issue date.
    pub issue_date: Date,
    /// The 申請書ID of the enclosed form.
    pub application_id: ApplicationId,
}

/// 個人番号カード交付通知書: the card is waiting at the municipality (facts §2.7).
#[derive(Clone, Debug)]
pub struct IssueNotice {
    /// The holder's preferred language.
    pub language: String,
    /// The addressee.
    pub person: PrintedPerson,
    /// The issuing municipality's name.
    pub municipality: String,
    /// The date printed on it.
    pub issue_date: Date,
    /// The last day to pick the card up.
    pub pick_up_by: Date,
    /// The card's expiry.
    pub card_expiry: Date,
    /// The card's serial number.
    pub card_serial: String,
    /// Whether the card has the signature certificate (its password is to be decided).
    pub signature_certificate: bool,
    /// A face-recognition card: no PINs to decide.
    pub face_recognition: bool,
}

/// 個人番号カード有効期限通知書 with a new 交付申請書 (facts §2.8).
#[derive(Clone, Debug)]
pub struct RenewalNotice {
    /// The holder's preferred language.
    pub language: String,
    /// The addressee (as the enclosed form is printed for).
    pub person: PrintedPerson,
    /// The issuing municipality's name.
    pub municipality: String,
    /// The date printed on it.
    pub issue_date: Date,
    /// The card's expiry.
    pub card_expiry: Date,
    /// The first day a renewal may be applied for.
    pub renewal_opens: Date,
    /// The 申請書ID of the enclosed form.
    pub application_id: ApplicationId,
}

/// A 電子証明書有効期限通知書: the certificates on a card expire before the card does (issue
/// 10; facts §2.8). They are renewed at the counter, with the card: no form is enclosed.
#[derive(Clone, Debug)]
pub struct CertificateRenewalNotice {
    /// The holder's preferred language.
    pub language: String,
    /// The addressee.
    pub person: PrintedPerson,
    /// The municipality's name.
    pub municipality: String,
    /// The date printed on it.
    pub issue_date: Date,
    /// The signature certificate's last day, if it is one of those expiring.
    pub signature_expiry: Option<Date>,
    /// The user-authentication certificate's last day, if it is one of those expiring.
    pub authentication_expiry: Option<Date>,
    /// The first day they may be renewed.
    pub renewal_opens: Date,
}

/// 住民票の写し or 住民票記載事項証明書.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RecordKind {
    /// 住民票の写し: a copy of the record with the items asked for.
    Copy,
    /// 住民票記載事項証明書: a certificate that the items shown are recorded.
    RecordedMatters,
}

/// A foreign resident's status lines.
#[derive(Clone, Debug)]
pub struct PrintedForeign {
    /// 国籍・地域 as the 住民票 prints it: the Japanese name (ベトナム).
    pub nationality: String,
    /// 在留資格 in Japanese, its legal designation.
    pub status: String,
    /// 在留期間の満了日.
    pub period_until: Option<Date>,
}

/// One person on a resident-record document. `None` items were not asked for and are left out.
#[derive(Clone, Debug)]
pub struct RecordEntry {
    /// Name, birth date, sex and address.
    pub person: PrintedPerson,
    /// 続柄.
    pub relationship: Option<Relationship>,
    /// 世帯主 (name of the head of household).
    pub householder: Option<String>,
    /// 個人番号, only when the person asked for it.
    pub number: Option<IndividualNumber>,
    /// 住民票コード, only when asked for.
    pub resident_code: Option<ResidentCode>,
    /// 前住所.
    pub previous_address: Option<String>,
    /// 住民となった日.
    pub became_resident: Option<Date>,
    /// Foreign residents' items.
    pub foreign: Option<PrintedForeign>,
}

/// A resident-record document ready to print.
#[derive(Clone, Debug)]
pub struct RecordDocument {
    /// Copy or certificate of recorded matters.
    pub kind: RecordKind,
    /// The requester's preferred language.
    pub language: String,
    /// The people shown: the person, then (if asked) the other household members.
    pub entries: Vec<RecordEntry>,
    /// Whether the record is a 除票 (removed record).
    pub removed: bool,
    /// The issuing municipality's name.
    pub municipality: String,
    /// The issue date.
    pub issue_date: Date,
    /// The verification code printed on the document.
    pub verification_code: String,
    /// Where anyone can check it; the QR code carries this URL with the code.
    pub verify_url: String,
    /// Whether the page carries the latent copy mark (a print on plain paper: the kiosk's).
    pub copy_mark: bool,
}

/// The word a copy of a print on plain paper shows (「複写」, outside-world §4.3: a copy of a
/// kiosk's certificate shows it). A security feature printed in Japanese on every print, not a
/// message of the reader's language.
pub const COPY_MARK_WORD: &str = "複写";

/// Where the copy mark's word stands on the page, in points from the top-left: its left, top,
/// width and height (the font's size), for checks that look for it.
pub fn copy_mark_area(fonts: &Fonts) -> Result<[f32; 4], RenderError> {
    let writer = text::Writer::new(fonts);
    let (x, baseline) = layout::copy_mark_origin(&writer, COPY_MARK_WORD)?;
    let width = writer.width(
        COPY_MARK_WORD,
        mynumber_i18n::Script::Japanese,
        fonts::Weight::Bold,
        layout::COPY_MARK_SIZE,
    )?;
    Ok([
        x,
        baseline - layout::COPY_MARK_SIZE * 0.88,
        width,
        layout::COPY_MARK_SIZE,
    ])
}
