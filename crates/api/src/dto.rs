//! The wire format: request and response bodies, converted by hand from and to domain types.
//!
//! Domain types never derive `Serialize`; this module is the only place that decides what a
//! client sees. The internal person id never appears here.

use jiff::Timestamp;
use mynumber_app::{CurrentRow, ResidentView, VersionRow};
use mynumber_core::{ForeignInput, NameInput, RecordStatus, ResidentInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A resident's items as a clerk enters them.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResidentBody {
    /// 氏 (family name).
    #[schema(example = "山田")]
    pub family_name: String,
    /// 名 (given name); may be empty for a foreign resident with one name.
    #[schema(example = "太郎")]
    #[serde(default)]
    pub given_name: String,
    /// 氏のフリガナ (katakana); required for Japanese nationals.
    #[schema(example = "ヤマダ")]
    pub family_name_kana: Option<String>,
    /// 名のフリガナ (katakana); required for Japanese nationals.
    #[schema(example = "タロウ")]
    pub given_name_kana: Option<String>,
    /// The name in Latin letters; required for foreign residents.
    pub latin_name: Option<String>,
    /// 通称 (registered alias), foreign residents only.
    pub alias: Option<String>,
    /// 生年月日, YYYY-MM-DD.
    #[schema(example = "1990-01-15")]
    pub birth_date: String,
    /// 性別 by JIS X 0303: 1 male, 2 female.
    #[schema(example = "1")]
    pub sex: String,
    /// 都道府県 by name or JIS X 0401 code.
    #[schema(example = "東京都")]
    pub prefecture: String,
    /// 全国地方公共団体コード (6 digits with check digit).
    #[schema(example = "131041")]
    pub municipality_code: String,
    /// The rest of the address.
    #[schema(example = "西新宿2丁目8番1号")]
    pub address: String,
    /// 続柄: head, spouse, child, parent, grandchild, grandparent, sibling, child-in-law,
    /// other-relative, cohabitant.
    #[schema(example = "head")]
    pub relationship: String,
    /// Preferred language (BCP 47): ja, ja-x-easy, en, zh-Hans, ko, vi, fil, ne, pt-BR, id.
    #[serde(default)]
    pub preferred_language: String,
    /// Foreign-resident items; omit for Japanese nationals.
    pub foreign: Option<ForeignBody>,
}

/// A foreign resident's items (住民基本台帳法第30条の45).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ForeignBody {
    /// ISO 3166-1 alpha-2 (XX: stateless).
    #[schema(example = "VN")]
    pub nationality: String,
    /// 在留カード番号: 2 letters, 8 digits, 2 letters.
    #[schema(example = "AB12345678CD")]
    pub residence_card_number: Option<String>,
    /// 在留資格 code, e.g. student, permanent-resident.
    #[schema(example = "student")]
    pub status_of_residence: String,
    /// 在留期間の満了日, YYYY-MM-DD; omit for indefinite statuses.
    pub period_of_stay_until: Option<String>,
}

/// Register a new resident.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegisterRequest {
    /// birth, move-in (from abroad), move-in-with-certificate (from a municipality outside this
    /// deployment, with its 転出証明書) or foreign-first-registration.
    #[schema(example = "move-in")]
    pub procedure: String,
    /// 異動日, YYYY-MM-DD; defaults to the birth date for a birth, otherwise today.
    pub effective_date: Option<String>,
    /// Join this existing household (not as its head); omit to start a new household.
    pub household_id: Option<String>,
    /// The items.
    pub resident: ResidentBody,
    /// The resident record code and number the person keeps: required for
    /// move-in-with-certificate (as on its 転出証明書); for a move-in from abroad, those of a
    /// person returning who held them (omit to issue new ones).
    pub carried: Option<CarriedBody>,
}

/// The 住民票コード and 個人番号 a person already holds. (`Debug` masks the number.)
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CarriedBody {
    /// 11 digits, as on the 転出証明書 (checked for form only).
    #[schema(example = "50000000001")]
    pub resident_code: String,
    /// 12 digits (the check digit is checked).
    pub individual_number: String,
}

impl std::fmt::Debug for CarriedBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CarriedBody")
            .field("resident_code", &self.resident_code)
            .field("individual_number", &MASKED)
            .finish()
    }
}

/// A registration's result. The Individual Number is not returned: it reaches the resident by
/// notification, and staff read it only with a lawful purpose.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RegisteredResponse {
    /// 住民票コード.
    pub resident_code: String,
    /// 世帯 id.
    pub household_id: String,
}

/// A procedure on an existing record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "procedure", rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum ProcedureRequest {
    /// 転居: a new address in the same municipality.
    AddressChange {
        /// 異動日.
        effective_date: Option<String>,
        /// 都道府県.
        prefecture: String,
        /// Local-government code.
        municipality_code: String,
        /// The rest of the address.
        address: String,
        /// Existing household to join; omit to start one (then relationship is head).
        household_id: Option<String>,
        /// 続柄.
        relationship: String,
    },
    /// 死亡.
    Death {
        /// Date of death.
        effective_date: Option<String>,
    },
    /// 在留期間更新等の申請: an application to extend the period of stay was filed within it;
    /// the record stays through the 特例期間 (two months past the period) while it awaits a
    /// decision, recorded with period-of-stay-change once granted.
    StayExtensionApplied {
        /// The day it was filed.
        effective_date: Option<String>,
    },
    /// 国外転出.
    MoveAbroad {
        /// 異動日: for the procedure to keep the card, the planned day of departure, after
        /// today.
        effective_date: Option<String>,
        /// 国外転出者向け: a Japanese national keeps the My Number Card abroad, filed with the
        /// card before the day of departure; without it the card is void (facts §10).
        with_card: Option<bool>,
    },
    /// 転出 to another municipality in Japan.
    MoveOut {
        /// 異動日.
        effective_date: Option<String>,
        /// The local-government code of the municipality moved to (required: the 転出届
        /// states it, and only that municipality records the transfer-in).
        destination_municipality_code: Option<String>,
        /// 特例転出: filed with the person's My Number Card (住民基本台帳法第24条の2); the
        /// transfer-in then needs the card presented.
        with_card: Option<bool>,
    },
    /// A new name.
    NameChange {
        /// 異動日.
        effective_date: Option<String>,
        /// 氏.
        family_name: String,
        /// 名.
        #[serde(default)]
        given_name: String,
        /// 氏のフリガナ.
        family_name_kana: Option<String>,
        /// 名のフリガナ.
        given_name_kana: Option<String>,
        /// Latin letters.
        latin_name: Option<String>,
        /// 通称.
        alias: Option<String>,
    },
    /// The language the person wants their letters in.
    LanguageChange {
        /// 異動日.
        effective_date: Option<String>,
        /// A BCP 47 tag of a catalog (`ja`, `en`, `zh-Hans`, …).
        preferred_language: String,
    },
    /// A new status of residence and period of stay.
    PeriodOfStayChange {
        /// 異動日.
        effective_date: Option<String>,
        /// The new items.
        foreign: ForeignBody,
    },
    /// 転入 of a person registered elsewhere (recorded by the receiving municipality).
    TransferIn {
        /// 異動日.
        effective_date: Option<String>,
        /// 都道府県.
        prefecture: String,
        /// Local-government code.
        municipality_code: String,
        /// The rest of the address.
        address: String,
        /// Existing household to join; omit to start one.
        household_id: Option<String>,
        /// 続柄.
        relationship: String,
        /// The serial of the My Number Card the person presented (required after a special
        /// move-out, 特例転入).
        card_serial: Option<String>,
    },
}

/// Search current records.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchRequest {
    /// Prefix of the name, its reading (hiragana or katakana), the Latin name or the alias.
    /// Width, case, spaces, small kana and voicing marks do not matter, nor the old forms of
    /// common name kanji (髙 for 高).
    #[serde(default)]
    pub name: String,
    /// Date of birth, YYYY-MM-DD.
    pub birth_date: Option<String>,
    /// Records to show, 1 to 100; 20 unless given. Each one shown is recorded as read.
    #[schema(example = 20)]
    pub limit: Option<usize>,
}

/// Search results.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SearchResponse {
    /// At most `limit` current records, by reading.
    pub results: Vec<ResidentSummary>,
    /// More records match than were shown: narrow the search.
    pub more: bool,
}

/// One current record in a list.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ResidentSummary {
    /// 住民票コード.
    pub resident_code: String,
    /// The current version.
    pub current: VersionBody,
}

/// A lawful purpose for reading an Individual Number.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PurposeRequest {
    /// social-security, tax, disaster-response (or one configured).
    #[schema(example = "tax")]
    pub purpose: String,
}

/// Find the resident an Individual Number belongs to. (`Debug` masks the number.)
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NumberLookupRequest {
    /// The number (12 digits; spaces and hyphens allowed).
    pub individual_number: String,
    /// The lawful purpose.
    #[schema(example = "tax")]
    pub purpose: String,
}

impl std::fmt::Debug for NumberLookupRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NumberLookupRequest")
            .field("individual_number", &MASKED)
            .field("purpose", &self.purpose)
            .finish()
    }
}

/// A revealed Individual Number; the reading is in the ledger. (`Debug` masks the number.)
#[derive(Serialize, ToSchema)]
pub(crate) struct NumberResponse {
    /// 12 digits.
    pub individual_number: String,
    /// As printed: `1234 5678 9018`.
    pub formatted: String,
    /// The purpose recorded.
    pub purpose: String,
}

impl std::fmt::Debug for NumberResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NumberResponse")
            .field("individual_number", &MASKED)
            .field("formatted", &MASKED)
            .field("purpose", &self.purpose)
            .finish()
    }
}

/// `Debug` that names the type and shows only the `shown` fields: PINs, tokens and card files
/// (which hold private keys) never reach a log through `{:?}` (issue 9, hole 13).
macro_rules! debug_showing {
    ($ty:ident { $($shown:ident),* }) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($shown), &self.$shown))*
                    .finish_non_exhaustive()
            }
        }
    };
}
pub(crate) use debug_showing;

/// What `Debug` shows for a raw Individual Number: printing a number is reading it.
const MASKED: &str = "************";

/// A record with its whole history.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ResidentResponse {
    /// 住民票コード.
    pub resident_code: String,
    /// The newest version.
    pub current: VersionBody,
    /// Every version, oldest first (the last is `current`).
    pub history: Vec<VersionBody>,
}

/// One version of a record.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub(crate) struct VersionBody {
    /// 1, 2, …
    pub version: i64,
    /// The procedure that produced it.
    pub procedure: String,
    /// 異動日.
    pub effective_date: String,
    /// When it was recorded (RFC 3339, UTC).
    pub recorded_at: String,
    /// active or removed (除票).
    pub status: String,
    /// died, moved-out or moved-abroad.
    pub removal_reason: Option<String>,
    /// The items.
    pub resident: ResidentBody,
    /// 世帯 id.
    pub household_id: String,
    /// Deadlines a move-in or transfer-in was filed after, for the municipality to follow up
    /// (never a refusal): `filed-after-14-days` (of moving in), and for a transfer-in
    /// `filed-after-30-days-from-move-out`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overdue: Vec<String>,
}

impl ResidentBody {
    /// The core's input form.
    pub(crate) fn into_input(self) -> ResidentInput {
        ResidentInput {
            name: NameInput {
                family: self.family_name,
                given: self.given_name,
                family_kana: self.family_name_kana,
                given_kana: self.given_name_kana,
                latin: self.latin_name,
                alias: self.alias,
            },
            birth_date: self.birth_date,
            sex: self.sex,
            prefecture: self.prefecture,
            municipality_code: self.municipality_code,
            address: self.address,
            relationship: self.relationship,
            preferred_language: self.preferred_language,
            foreign: self.foreign.map(ForeignBody::into_input),
        }
    }
}

impl From<ResidentInput> for ResidentBody {
    fn from(i: ResidentInput) -> Self {
        Self {
            family_name: i.name.family,
            given_name: i.name.given,
            family_name_kana: i.name.family_kana,
            given_name_kana: i.name.given_kana,
            latin_name: i.name.latin,
            alias: i.name.alias,
            birth_date: i.birth_date,
            sex: i.sex,
            prefecture: i.prefecture,
            municipality_code: i.municipality_code,
            address: i.address,
            relationship: i.relationship,
            preferred_language: i.preferred_language,
            foreign: i.foreign.map(|f| ForeignBody {
                nationality: f.nationality,
                residence_card_number: f.residence_card_number,
                status_of_residence: f.status_of_residence,
                period_of_stay_until: f.period_of_stay_until,
            }),
        }
    }
}

impl ForeignBody {
    /// The core's input form.
    pub(crate) fn into_input(self) -> ForeignInput {
        ForeignInput {
            nationality: self.nationality,
            residence_card_number: self.residence_card_number,
            status_of_residence: self.status_of_residence,
            period_of_stay_until: self.period_of_stay_until,
        }
    }
}

impl From<&VersionRow> for VersionBody {
    fn from(v: &VersionRow) -> Self {
        let r = &v.resident.record;
        let (status, removal_reason) = match v.resident.status {
            RecordStatus::Active => ("active", None),
            RecordStatus::Removed { reason, .. } => ("removed", Some(reason.code().to_owned())),
        };
        Self {
            version: v.version,
            procedure: v.procedure.clone(),
            effective_date: v.effective_on.to_string(),
            recorded_at: Timestamp::from_microsecond(v.recorded_at_us)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            status: status.to_owned(),
            removal_reason,
            household_id: r.household().to_hex(),
            overdue: Vec::new(),
            resident: ResidentBody::from(r.to_input()),
        }
    }
}

impl ResidentResponse {
    /// The response for a record; `None` for a record without versions (never stored so).
    pub(crate) fn from_view(v: &ResidentView) -> Option<Self> {
        // Each version with the deadlines it missed, judged against the version before it.
        let history: Vec<VersionBody> = v
            .versions
            .iter()
            .enumerate()
            .map(|(i, version)| {
                let mut body = VersionBody::from(version);
                let before = i.checked_sub(1).and_then(|b| v.versions.get(b));
                body.overdue = mynumber_app::overdue_flags(before, version)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                body
            })
            .collect();
        let current = history.last()?.clone();
        Some(Self {
            resident_code: v.person.resident_code.digits().to_owned(),
            current,
            history,
        })
    }
}

impl From<&CurrentRow> for ResidentSummary {
    fn from(r: &CurrentRow) -> Self {
        Self {
            resident_code: r.person.resident_code.digits().to_owned(),
            current: VersionBody::from(&r.version),
        }
    }
}

#[cfg(test)]
mod debug_tests {
    use super::*;

    /// A raw number in an API type never reaches a log through `{:?}` (issue 9, hole 13).
    #[test]
    fn types_carrying_a_raw_number_mask_it_in_debug() {
        let digits = "123456789018";
        let request = NumberLookupRequest {
            individual_number: digits.into(),
            purpose: "tax".into(),
        };
        let response = NumberResponse {
            individual_number: digits.into(),
            formatted: "1234 5678 9018".into(),
            purpose: "tax".into(),
        };
        for shown in [format!("{request:?}"), format!("{response:?}")] {
            assert!(!shown.contains(digits), "{shown}");
            assert!(!shown.contains("9018"), "{shown}");
            assert!(shown.contains("tax"), "{shown}");
        }
    }

    /// Nor do PINs, tokens or card files.
    #[test]
    fn types_carrying_secrets_hide_them_in_debug() {
        let token = crate::staff::TokenResponse {
            token: "mn_secret".into(),
            credential_id: "c1".into(),
            expires_at: "2027-01-01T00:00:00Z".into(),
        };
        let reset = crate::cards::PinResetRequest {
            identity_documents: vec!["passport".into()],
            kind: "authentication".into(),
            pin: "4821".into(),
            card_file: "TU5DQVJE".into(),
        };
        let shown = format!("{token:?} {reset:?}");
        for secret in ["mn_secret", "4821", "TU5DQVJE"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(
            shown.contains("c1") && shown.contains("passport"),
            "{shown}"
        );
    }
}
