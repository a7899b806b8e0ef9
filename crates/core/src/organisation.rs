//! 事業者 (organisations) outside the municipalities: who may collect an Individual Number, for
//! which registered purpose, with which identity check (本人確認), and for how long it may be
//! kept (番号法 第9条, 第14–16条, 第19条, 第20条; facts §8, outside-world §2.1–§2.2).
//!
//! The rules are decided here, once; the store keeps what they accept, the app applies them in
//! one transaction, and the policy (`policy.rs`) decides who may ask at all.

use std::fmt;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::resident::Invalid;
use crate::text::clean;
use crate::{CorporateNumber, FieldError};

/// 事業者の区分: what the law lets an organisation do.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum OrgRole {
    /// 個人番号利用事務実施者: an agency that uses numbers for its own procedures (番号法第9条
    /// 第1項・第2項).
    NumberUsing,
    /// 個人番号関係事務実施者: an employer, bank or insurer that records numbers only to report
    /// them to agencies (番号法第9条第4項: withholding slips, social-insurance filings).
    NumberRelated,
    /// 署名検証者: verifies signatures made with the signature certificate (公的個人認証法
    /// 第17条).
    SignatureVerifier,
    /// 利用者証明検証者: verifies log-ins with the user-authentication certificate (公的個人
    /// 認証法第36条).
    AuthenticationVerifier,
    /// プラットフォーム事業者: a certified verifier that verifies for other businesses
    /// (サービスプロバイダ), which are registered as verifiers through it.
    Platform,
    /// A kiosk operator: a convenience-store chain whose multi-copy machines print
    /// certificates (コンビニ交付, outside-world §4.2); its terminals are registered under it.
    KioskOperator,
}

crate::codes!(OrgRole {
    NumberUsing => "number-using",
    NumberRelated => "number-related",
    SignatureVerifier => "signature-verifier",
    AuthenticationVerifier => "authentication-verifier",
    Platform => "platform",
    KioskOperator => "kiosk-operator",
});

impl OrgRole {
    /// Whether the role collects Individual Numbers (and so registers purposes).
    pub fn collects_numbers(self) -> bool {
        matches!(self, Self::NumberUsing | Self::NumberRelated)
    }

    /// Whether the role verifies JPKI certificates (and so may do it through a platform).
    pub fn verifies(self) -> bool {
        matches!(self, Self::SignatureVerifier | Self::AuthenticationVerifier)
    }
}

/// Where an organisation's registration stands.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OrgStatus {
    /// It may act.
    Active,
    /// Held by an administrator: nothing it sends is accepted until it is resumed.
    Suspended,
    /// Ended for good; its corporate number may be registered again as a new organisation.
    Revoked,
}

crate::codes!(OrgStatus {
    Active => "active",
    Suspended => "suspended",
    Revoked => "revoked",
});

/// What an administrator does to a registration.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OrgEvent {
    /// Hold it.
    Suspend,
    /// Lift the hold.
    Resume,
    /// End it.
    Revoke,
}

crate::codes!(OrgEvent {
    Suspend => "suspend",
    Resume => "resume",
    Revoke => "revoke",
});

impl OrgStatus {
    /// The status after `event`, or why it cannot happen: a revocation is final, and a hold is
    /// only lifted from a held registration.
    pub fn after(self, event: OrgEvent) -> Result<Self, FieldError> {
        let refuse = || {
            FieldError::new("event", "problem-organisation-event")
                .arg("event", event.code())
                .arg("status", self.code())
        };
        match (self, event) {
            (Self::Active, OrgEvent::Suspend) => Ok(Self::Suspended),
            (Self::Suspended, OrgEvent::Resume) => Ok(Self::Active),
            (Self::Active | Self::Suspended, OrgEvent::Revoke) => Ok(Self::Revoked),
            _ => Err(refuse()),
        }
    }
}

/// An organisation as an administrator registers it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Registration {
    /// 法人番号 (checked).
    pub corporate_number: CorporateNumber,
    /// Its name as registered (商号又は名称), e.g. 株式会社サンプル商事.
    pub name: String,
    /// Its roles, sorted, at least one, each once.
    pub roles: Vec<OrgRole>,
}

/// The longest name accepted (the 法人番号公表サイト's names fit in 150 characters).
pub const NAME_MAX: usize = 150;

impl Registration {
    /// Checks a registration: the corporate number, a name, one or more known roles. Every
    /// problem is named at once.
    pub fn new(corporate_number: &str, name: &str, roles: &[&str]) -> Result<Self, Invalid> {
        let mut problems = Vec::new();
        let number = CorporateNumber::parse(corporate_number)
            .map_err(|e| problems.push(FieldError::from_number("corporate_number", &e)))
            .ok();
        let name = match clean("name", name, NAME_MAX) {
            Ok(n) if n.is_empty() => {
                problems.push(FieldError::new("name", "problem-organisation-name"));
                None
            }
            Ok(n) => Some(n),
            Err(e) => {
                problems.push(e);
                None
            }
        };
        let mut parsed = Vec::new();
        for role in roles {
            match OrgRole::parse_field("roles", role) {
                Ok(r) => parsed.push(r),
                Err(e) => problems.push(e),
            }
        }
        parsed.sort();
        parsed.dedup();
        if roles.is_empty() {
            let codes: Vec<&str> = OrgRole::ALL.iter().map(|r| r.code()).collect();
            problems
                .push(FieldError::new("roles", "problem-one-of").arg("codes", codes.join(", ")));
        }
        match (number, name, problems.is_empty()) {
            (Some(corporate_number), Some(name), true) => Ok(Self {
                corporate_number,
                name,
                roles: parsed,
            }),
            _ => Err(Invalid(problems)),
        }
    }
}

/// A data item an organisation may receive for a purpose (the four items and the number).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum DataItem {
    /// 個人番号.
    Number,
    /// 氏名.
    Name,
    /// 住所.
    Address,
    /// 生年月日.
    BirthDate,
    /// 性別.
    Gender,
}

crate::codes!(DataItem {
    Number => "number",
    Name => "name",
    Address => "address",
    BirthDate => "birthdate",
    Gender => "gender",
});

/// The longest retention an administrator may register, in years after the affair ends.
/// **Choice** (docs/design/organisations.md): the facts name no period per document (facts
/// §8.2 [NF]); the longest statutory keeping of tax records is seven years, so ten bounds it.
pub const RETENTION_YEARS_MAX: u8 = 10;

/// The most collections of one organisation that may match no one in an hour; past it, its
/// collections wait for the next hour. A choice (organisations.md): an employer's clerk who
/// mistypes makes a few; trying numbers against names in bulk makes many, and each attempt
/// tells whether the number is that person's.
pub const MAX_UNMATCHED_PER_HOUR: i64 = 30;

/// A purpose registered for an organisation (利用目的の特定, 番号法第9条; facts §8.2): the
/// affair it does, the law it does it under, the items it may receive, and how long after the
/// affair ends a collected number may be kept.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PurposeRegistration {
    /// A stable code, kebab case (`withholding-slip`).
    pub code: String,
    /// The affair's name (源泉徴収票作成事務).
    pub affair: String,
    /// The law it is done under (所得税法第226条).
    pub basis: String,
    /// The items it may receive, sorted, each once; the number always among them.
    pub items: Vec<DataItem>,
    /// Years after the affair ends (退職, 契約終了) that a number may still be kept.
    pub retention_years: u8,
}

impl PurposeRegistration {
    /// Checks a purpose; every problem is named at once.
    pub fn new(
        code: &str,
        affair: &str,
        basis: &str,
        items: &[&str],
        retention_years: &str,
    ) -> Result<Self, Invalid> {
        let mut problems = Vec::new();
        let code = code.trim();
        let code_ok = !code.is_empty()
            && code.len() <= 64
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !code.starts_with('-');
        if !code_ok {
            problems.push(FieldError::new("code", "problem-purpose-code"));
        }
        let mut text = |field: &'static str, value: &str, max: usize| match clean(field, value, max)
        {
            Ok(t) if t.is_empty() => {
                problems.push(FieldError::new(field, "problem-purpose-text"));
                String::new()
            }
            Ok(t) => t,
            Err(e) => {
                problems.push(e);
                String::new()
            }
        };
        let affair = text("affair", affair, 100);
        let basis = text("basis", basis, 200);
        let mut parsed = vec![DataItem::Number];
        for item in items {
            match DataItem::parse_field("items", item) {
                Ok(i) => parsed.push(i),
                Err(e) => problems.push(e),
            }
        }
        parsed.sort();
        parsed.dedup();
        let years = retention_years.trim().parse::<u8>().ok();
        let years = match years {
            Some(y) if (1..=RETENTION_YEARS_MAX).contains(&y) => y,
            _ => {
                problems.push(
                    FieldError::new("retention_years", "problem-purpose-retention")
                        .arg("max", RETENTION_YEARS_MAX),
                );
                0
            }
        };
        if problems.is_empty() {
            Ok(Self {
                code: code.to_owned(),
                affair,
                basis,
                items: parsed,
                retention_years: years,
            })
        } else {
            Err(Invalid(problems))
        }
    }

    /// The last day a number collected for this purpose may be kept, once the affair ended on
    /// `ended_on`: the same day `retention_years` later (29 February → 28 February). After it,
    /// deletion is due (facts §8.2: "delete promptly once no longer needed").
    pub fn keep_until(&self, ended_on: Date) -> Date {
        ended_on
            .checked_add(i64::from(self.retention_years).years())
            .unwrap_or(Date::MAX)
    }
}

/// 番号確認 documents other than the card: what shows the number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum NumberDocument {
    /// 通知カード, while its items still match the register (facts §8.2).
    NotificationCard,
    /// 個人番号通知書. **Choice** (docs/design/organisations.md): the issue names the letter; the
    /// facts name the 通知カード and the 住民票; it is recorded as what was shown.
    NotificationLetter,
    /// 住民票の写し with the number printed (facts §8.2).
    ResidentRecord,
}

crate::codes!(NumberDocument {
    NotificationCard => "notification-card",
    NotificationLetter => "notification-letter",
    ResidentRecord => "resident-record",
});

/// 身元確認 documents (番号法施行規則第1条; facts §8.2): one with a photo, or two without.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum IdentityDocument {
    /// 運転免許証.
    DrivingLicence,
    /// 運転経歴証明書 (issued on or after 2012-04-01).
    DrivingHistory,
    /// 旅券.
    Passport,
    /// 身体障害者手帳.
    PhysicalDisability,
    /// 精神障害者保健福祉手帳.
    MentalDisability,
    /// 療育手帳.
    Rehabilitation,
    /// 在留カード.
    ResidenceCard,
    /// 特別永住者証明書.
    SpecialPermanentResident,
    /// Another official document with a photo.
    OtherPhoto,
    /// Two official documents without a photo.
    TwoWithoutPhoto,
}

crate::codes!(IdentityDocument {
    DrivingLicence => "driving-licence",
    DrivingHistory => "driving-history",
    Passport => "passport",
    PhysicalDisability => "physical-disability",
    MentalDisability => "mental-disability",
    Rehabilitation => "rehabilitation",
    ResidenceCard => "residence-card",
    SpecialPermanentResident => "special-permanent-resident",
    OtherPhoto => "other-photo",
    TwoWithoutPhoto => "two-without-photo",
});

/// 本人確認 (番号法第16条): how the organisation checked both the number and the person.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum IdentityCheck {
    /// The card alone, its chip read with the 4-digit PIN (the number from the 券面事項入力補助
    /// AP): both checks at once.
    CardChip,
    /// The card alone, its face read and its photo compared with the person.
    CardFace,
    /// A document that shows the number, and documents that show the person.
    Documents(NumberDocument, IdentityDocument),
}

impl IdentityCheck {
    /// Parses the three form fields: `method` (`card-chip`, `card-face` or `documents`), and
    /// for documents, which showed the number and which the person.
    pub fn parse(
        method: &str,
        number_document: &str,
        identity_document: &str,
    ) -> Result<Self, Invalid> {
        match method.trim() {
            "card-chip" => Ok(Self::CardChip),
            "card-face" => Ok(Self::CardFace),
            "documents" => {
                let number = NumberDocument::parse_field("number_document", number_document);
                let identity =
                    IdentityDocument::parse_field("identity_document", identity_document);
                match (number, identity) {
                    (Ok(n), Ok(i)) => Ok(Self::Documents(n, i)),
                    (n, i) => Err(Invalid([n.err(), i.err()].into_iter().flatten().collect())),
                }
            }
            _ => Err(Invalid(vec![
                FieldError::new("method", "problem-one-of")
                    .arg("codes", "card-chip, card-face, documents"),
            ])),
        }
    }

    /// The stable code the ledger and the store keep: `card-chip`, `card-face`, or
    /// `documents:{number}+{identity}`.
    pub fn code(self) -> String {
        match self {
            Self::CardChip => "card-chip".to_owned(),
            Self::CardFace => "card-face".to_owned(),
            Self::Documents(n, i) => format!("documents:{}+{}", n.code(), i.code()),
        }
    }

    /// Reads back [`IdentityCheck::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "card-chip" => Some(Self::CardChip),
            "card-face" => Some(Self::CardFace),
            _ => {
                let (n, i) = code.strip_prefix("documents:")?.split_once('+')?;
                Some(Self::Documents(
                    NumberDocument::parse(n)?,
                    IdentityDocument::parse(i)?,
                ))
            }
        }
    }
}

impl fmt::Display for IdentityCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// One name written for comparison: NFKC, without spaces, hiragana as katakana, Latin letters
/// in upper case. Not the search's fold: voicing marks and small kana count here, since the
/// name on an identity document is compared, not looked up.
fn comparable(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(crate::search::hiragana_as_katakana)
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether `given` (the name as an identity document shows it) is the record's name: in kanji,
/// in its reading, in Latin letters, or the registered alias (通称), spacing, width, case and
/// the kana script aside (番号確認: the number shown belongs to the person before us).
pub fn name_matches(name: &crate::Name, given: &str) -> bool {
    let given = comparable(given);
    if given.is_empty() {
        return false;
    }
    let kana = match (name.family_kana(), name.given_kana()) {
        (Some(f), g) => Some(format!("{f}{}", g.unwrap_or(""))),
        _ => None,
    };
    [
        Some(format!("{}{}", name.family(), name.given())),
        kana,
        name.latin().map(str::to_owned),
        name.alias().map(str::to_owned),
    ]
    .into_iter()
    .flatten()
    .any(|n| comparable(&n) == given)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn keys(e: &Invalid) -> Vec<(&str, &str)> {
        e.0.iter().map(|p| (p.field, p.key)).collect()
    }

    #[test]
    fn a_registration_is_checked_whole() {
        // 5835678256246: python-stdnum's doctest (facts §1.4).
        let r = Registration::new(
            "5835678256246",
            " 株式会社サンプル商事 ",
            &[
                "number-related",
                "authentication-verifier",
                "number-related",
            ],
        )
        .unwrap();
        assert_eq!(r.name, "株式会社サンプル商事");
        assert_eq!(
            r.roles,
            vec![OrgRole::NumberRelated, OrgRole::AuthenticationVerifier]
        );
        let e = Registration::new("5835678256247", "", &["employer"]).unwrap_err();
        assert_eq!(
            keys(&e),
            vec![
                ("corporate_number", "problem-number-check-digit"),
                ("name", "problem-organisation-name"),
                ("roles", "problem-one-of"),
            ]
        );
        let e = Registration::new("5835678256246", "名\u{7}", &[]).unwrap_err();
        assert_eq!(
            keys(&e),
            vec![
                ("name", "problem-text-control"),
                ("roles", "problem-one-of")
            ]
        );
        assert!(
            Registration::new("5835678256246", &"名".repeat(NAME_MAX + 1), &["platform"]).is_err()
        );
    }

    #[test]
    fn a_revocation_is_final_and_a_hold_is_lifted_only_when_held() {
        use OrgEvent as E;
        use OrgStatus as S;
        let table = [
            (S::Active, E::Suspend, Some(S::Suspended)),
            (S::Active, E::Resume, None),
            (S::Active, E::Revoke, Some(S::Revoked)),
            (S::Suspended, E::Suspend, None),
            (S::Suspended, E::Resume, Some(S::Active)),
            (S::Suspended, E::Revoke, Some(S::Revoked)),
            (S::Revoked, E::Suspend, None),
            (S::Revoked, E::Resume, None),
            (S::Revoked, E::Revoke, None),
        ];
        for (from, event, to) in table {
            assert_eq!(from.after(event).ok(), to, "{from:?} {event:?}");
        }
    }

    #[test]
    fn a_purpose_always_receives_the_number_and_is_kept_a_bounded_time() {
        let p = PurposeRegistration::new(
            "withholding-slip",
            "源泉徴収票作成事務",
            "所得税法第226条",
            &["name", "address", "name"],
            "7",
        )
        .unwrap();
        assert_eq!(
            p.items,
            vec![DataItem::Number, DataItem::Name, DataItem::Address]
        );
        assert_eq!(p.keep_until(date(2026, 3, 31)), date(2033, 3, 31));
        // The 29th of February: the same day of a year without one is the 28th.
        assert_eq!(p.keep_until(date(2028, 2, 29)), date(2035, 2, 28));
        for (code, years, field) in [
            ("Withholding", "7", "code"),
            ("-x", "7", "code"),
            ("", "7", "code"),
            ("ok", "0", "retention_years"),
            ("ok", "11", "retention_years"),
            ("ok", "七", "retention_years"),
        ] {
            let e = PurposeRegistration::new(code, "事務", "法", &[], years).unwrap_err();
            assert_eq!(e.0.len(), 1, "{code} {years}");
            assert_eq!(e.0[0].field, field);
        }
        let e = PurposeRegistration::new("ok", " ", "", &["blood-type"], "1").unwrap_err();
        assert_eq!(
            keys(&e),
            vec![
                ("affair", "problem-purpose-text"),
                ("basis", "problem-purpose-text"),
                ("items", "problem-one-of"),
            ]
        );
    }

    #[test]
    fn an_identity_check_is_the_card_or_documents_for_both_halves() {
        assert_eq!(
            IdentityCheck::parse("card-chip", "", "").unwrap(),
            IdentityCheck::CardChip
        );
        let docs = IdentityCheck::parse("documents", "notification-letter", "passport").unwrap();
        assert_eq!(docs.code(), "documents:notification-letter+passport");
        for check in [
            IdentityCheck::CardChip,
            IdentityCheck::CardFace,
            docs,
            IdentityCheck::Documents(
                NumberDocument::ResidentRecord,
                IdentityDocument::TwoWithoutPhoto,
            ),
        ] {
            assert_eq!(IdentityCheck::from_code(&check.code()), Some(check));
        }
        let e = IdentityCheck::parse("documents", "", "library-card").unwrap_err();
        assert_eq!(
            keys(&e),
            vec![
                ("number_document", "problem-one-of"),
                ("identity_document", "problem-one-of"),
            ]
        );
        let e = IdentityCheck::parse("trust-me", "", "").unwrap_err();
        assert_eq!(keys(&e), vec![("method", "problem-one-of")]);
        for bad in ["documents:", "documents:passport", "documents:x+y", "card"] {
            assert_eq!(IdentityCheck::from_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_name_matches_as_written_on_a_document_not_as_searched() {
        let name = crate::resident::validate_name(
            &crate::NameInput {
                family: "山田".into(),
                given: "太郎".into(),
                family_kana: Some("ヤマダ".into()),
                given_kana: Some("タロウ".into()),
                latin: Some("Yamada Taro".into()),
                ..Default::default()
            },
            false,
        )
        .unwrap();
        for given in [
            "山田 太郎",
            "山田　太郎",
            "やまだ たろう",
            "ﾔﾏﾀﾞ ﾀﾛｳ",
            "YAMADA TARO",
            "yamada taro",
        ] {
            assert!(name_matches(&name, given), "{given}");
        }
        // The search would find these; a document check does not accept them.
        for given in ["山田", "ヤマタ タロウ", "山田 太", "", "  "] {
            assert!(!name_matches(&name, given), "{given:?}");
        }
    }
}
