//! 住民票 (resident record): who a resident is, where they live, and the validation of each field.
//!
//! Fields follow 住民基本台帳法第7条 (items of the resident record) and, for foreign residents,
//! 第30条の45 (nationality, status of residence, period of stay, residence card number).
//! Validation returns every problem at once, so a clerk fixes a form in one pass.

use std::fmt;

use jiff::civil::Date;

use crate::countries::COUNTRIES;
use crate::text::{clean, optional};
use crate::{Address, FieldError, HouseholdId, MunicipalityCode, Prefecture};

/// Every problem found in one record, in field order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub Vec<FieldError>);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Invalid {}

/// 性別 (sex) by JIS X 0303 code. The resident register records 1 (male) or 2 (female).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Sex {
    /// 女 (JIS X 0303 code 2).
    Female,
    /// 男 (JIS X 0303 code 1).
    Male,
}

impl Sex {
    /// Parses a JIS X 0303 code (`1`, `2`) or the words `male`/`female`/`男`/`女`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "1" | "male" | "m" | "男" => Ok(Self::Male),
            "2" | "female" | "f" | "女" => Ok(Self::Female),
            "0" | "9" => Err(FieldError::new("sex", "problem-jis-x-0303-codes")),
            other => {
                Err(FieldError::new("sex", "problem-sex-unknown")
                    .arg("given", format!("{other:?}")))
            }
        }
    }

    /// The JIS X 0303 code.
    pub fn code(self) -> u8 {
        match self {
            Self::Female => 2,
            Self::Male => 1,
        }
    }
}

/// 続柄 (relationship to the head of household).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Relationship {
    /// 子.
    Child,
    /// 子の配偶者.
    ChildInLaw,
    /// 同居人 (lives in the household, not a relative).
    Cohabitant,
    /// 孫.
    Grandchild,
    /// 祖父母.
    Grandparent,
    /// 世帯主 (head of household).
    Head,
    /// その他の親族.
    OtherRelative,
    /// 父母.
    Parent,
    /// 兄弟姉妹.
    Sibling,
    /// 妻・夫 (including a spouse by common-law marriage, 未届).
    Spouse,
}

crate::codes!(Relationship {
    Child => "child",
    ChildInLaw => "child-in-law",
    Cohabitant => "cohabitant",
    Grandchild => "grandchild",
    Grandparent => "grandparent",
    Head => "head",
    OtherRelative => "other-relative",
    Parent => "parent",
    Sibling => "sibling",
    Spouse => "spouse",
});

/// A resident's preferred language: chooses the second language of every document they receive.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Language(&'static str);

/// Supported language tags (BCP 47), one per message catalog in `crates/i18n/locales`;
/// `ja-x-easy` is やさしい日本語 (easy Japanese).
pub use mynumber_i18n::LANGUAGES;

impl Language {
    /// Japanese, the default.
    pub const JAPANESE: Self = Self("ja");

    /// Parses a supported tag, case-insensitively; common aliases (`zh-CN`, `tl`, `pt`) map to
    /// their supported tag and an empty value means Japanese.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim();
        if s.is_empty() {
            return Ok(Self::JAPANESE);
        }
        let alias = match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans-cn" => Some("zh-Hans"),
            "tl" | "fil-ph" => Some("fil"),
            "pt" => Some("pt-BR"),
            "ja-jp" => Some("ja"),
            _ => None,
        };
        if let Some(tag) = alias {
            return Ok(Self(
                LANGUAGES
                    .iter()
                    .copied()
                    .find(|t| *t == tag)
                    .unwrap_or("ja"),
            ));
        }
        LANGUAGES
            .iter()
            .find(|t| t.eq_ignore_ascii_case(s))
            .map(|t| Self(t))
            .ok_or_else(|| {
                FieldError::new("preferred_language", "problem-language-unknown")
                    .arg("given", format!("{s:?}"))
                    .arg("codes", LANGUAGES.join(", "))
            })
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        self.0
    }
}

/// Names the residence card and municipal files use that CLDR words otherwise (CLDR's own names
/// are in [`COUNTRIES`]): a choice recorded in docs/design/migration.md.
const JAPANESE_ALIASES: &[(&str, &str)] = &[
    ("無国籍", "XX"),
    ("米国", "US"),
    ("アメリカ", "US"),
    ("英国", "GB"),
    ("大韓民国", "KR"),
    ("中華人民共和国", "CN"),
    ("香港", "HK"),
    ("マカオ", "MO"),
    ("ミャンマー", "MM"),
    ("ロシア連邦", "RU"),
    ("ベトナム社会主義共和国", "VN"),
    ("フィリピン共和国", "PH"),
    ("ブラジル連邦共和国", "BR"),
    ("ネパール連邦民主共和国", "NP"),
    ("インドネシア共和国", "ID"),
];

/// 国籍・地域 (nationality or region) as an ISO 3166-1 alpha-2 code; `XX` is stateless.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Nationality([u8; 2]);

impl Nationality {
    /// Parses an ISO 3166-1 alpha-2 or alpha-3 code (any case), or a country's Japanese name as
    /// residence cards and municipal files write it (ベトナム, 中国, 米国; 無国籍 for stateless).
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let given = input.trim();
        let s = given.to_ascii_uppercase();
        let found = match s.len() {
            2 if s == "XX" => Some("XX"),
            2 => COUNTRIES.iter().find(|c| c.0 == s).map(|c| c.0),
            3 => COUNTRIES.iter().find(|c| c.1 == s).map(|c| c.0),
            _ => None,
        }
        .or_else(|| {
            COUNTRIES
                .iter()
                .find(|c| c.2 == given)
                .map(|c| c.0)
                .or_else(|| JAPANESE_ALIASES.iter().find(|a| a.0 == given).map(|a| a.1))
        });
        if let Some(code) = found
            && let [a, b] = *code.as_bytes()
        {
            return Ok(Self([a, b]));
        }
        Err(
            FieldError::new("nationality", "problem-nationality-unknown")
                .arg("given", format!("{given:?}")),
        )
    }

    /// The Japanese name, as the 住民票 prints it (無国籍 for stateless).
    pub fn japanese_name(&self) -> &'static str {
        let code = self.code();
        COUNTRIES
            .iter()
            .find(|c| c.0 == code)
            .map_or("無国籍", |c| c.2)
    }

    /// The code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// Japan.
    pub fn is_japan(&self) -> bool {
        &self.0 == b"JP"
    }
}

/// 在留資格 (status of residence) of a foreign resident with a resident record
/// (住民基本台帳法第30条の45: mid-to-long-term residents, special permanent residents, temporary
/// refuge and provisional stay permits, and transitional stays after birth or loss of nationality).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct StatusOfResidence(&'static str);

/// The statuses a resident record can carry, as kebab-case codes with the Japanese name.
/// 外交, 公用 and 短期滞在 are absent: their holders get no resident record.
pub const STATUSES_OF_RESIDENCE: [(&str, &str); 33] = [
    ("artist", "芸術"),
    ("business-manager", "経営・管理"),
    ("cultural-activities", "文化活動"),
    ("dependent", "家族滞在"),
    ("designated-activities", "特定活動"),
    (
        "engineer-humanities-international",
        "技術・人文知識・国際業務",
    ),
    ("entertainer", "興行"),
    ("highly-skilled-professional-i", "高度専門職1号"),
    ("highly-skilled-professional-ii", "高度専門職2号"),
    ("instructor", "教育"),
    ("intra-company-transferee", "企業内転勤"),
    ("journalist", "報道"),
    ("legal-accounting-services", "法律・会計業務"),
    ("long-term-resident", "定住者"),
    ("medical-services", "医療"),
    ("nursing-care", "介護"),
    ("permanent-resident", "永住者"),
    ("professor", "教授"),
    ("provisional-stay", "仮滞在"),
    ("religious-activities", "宗教"),
    ("researcher", "研究"),
    ("skilled-labor", "技能"),
    ("special-permanent-resident", "特別永住者"),
    ("specified-skilled-worker-i", "特定技能1号"),
    ("specified-skilled-worker-ii", "特定技能2号"),
    ("spouse-of-japanese-national", "日本人の配偶者等"),
    ("spouse-of-permanent-resident", "永住者の配偶者等"),
    ("student", "留学"),
    ("technical-intern-training", "技能実習"),
    ("temporary-refuge", "一時庇護"),
    ("trainee", "研修"),
    ("transitional-stay-birth", "出生による経過滞在"),
    (
        "transitional-stay-loss-of-nationality",
        "国籍喪失による経過滞在",
    ),
];

impl StatusOfResidence {
    /// Parses a kebab-case code or the Japanese name.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim();
        STATUSES_OF_RESIDENCE
            .iter()
            .find(|(code, ja)| *code == s || *ja == s)
            .map(|(code, _)| Self(code))
            .ok_or_else(|| {
                FieldError::new("status_of_residence", "problem-status-unknown")
                    .arg("given", format!("{s:?}"))
            })
    }

    /// The kebab-case code.
    pub fn code(self) -> &'static str {
        self.0
    }

    /// Whether the status has no period of stay (永住者, 特別永住者, 高度専門職2号; facts §10).
    pub fn is_indefinite(self) -> bool {
        matches!(
            self.0,
            "permanent-resident" | "special-permanent-resident" | "highly-skilled-professional-ii"
        )
    }

    /// Whether holders carry a residence card or special permanent resident certificate; permit
    /// holders and transitional stays do not.
    pub fn has_card(self) -> bool {
        !matches!(
            self.0,
            "provisional-stay"
                | "temporary-refuge"
                | "transitional-stay-birth"
                | "transitional-stay-loss-of-nationality"
        )
    }
}

/// 在留カード番号 (residence card number) or 特別永住者証明書番号: 2 letters, 8 digits, 2 letters.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct ResidenceCardNumber(String);

impl ResidenceCardNumber {
    /// Parses `AB12345678CD` (case-insensitive; stored upper case).
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim().to_ascii_uppercase();
        let b = s.as_bytes();
        let ok = b.len() == 12
            && b[..2].iter().all(u8::is_ascii_uppercase)
            && b[2..10].iter().all(u8::is_ascii_digit)
            && b[10..].iter().all(u8::is_ascii_uppercase);
        if ok {
            Ok(Self(s))
        } else {
            Err(FieldError::new(
                "residence_card_number",
                "problem-2-letters-8-digits",
            ))
        }
    }

    /// The 12 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a foreign resident's record adds (住民基本台帳法第30条の45).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ForeignStatus {
    nationality: Nationality,
    residence_card_number: Option<ResidenceCardNumber>,
    status: StatusOfResidence,
    period_of_stay_until: Option<Date>,
    extension_applied_on: Option<Date>,
}

impl ForeignStatus {
    /// 在留期間更新等の申請中: the day an application to extend or change the status was
    /// filed, while it awaits a decision (the 特例期間, issue 10; facts §10).
    pub fn extension_applied_on(&self) -> Option<Date> {
        self.extension_applied_on
    }
    /// 国籍・地域.
    pub fn nationality(&self) -> Nationality {
        self.nationality
    }
    /// 在留カード番号, where the status carries a card.
    pub fn residence_card_number(&self) -> Option<&ResidenceCardNumber> {
        self.residence_card_number.as_ref()
    }
    /// 在留資格.
    pub fn status(&self) -> StatusOfResidence {
        self.status
    }
    /// 在留期間の満了日, absent for indefinite statuses.
    pub fn period_of_stay_until(&self) -> Option<Date> {
        self.period_of_stay_until
    }
}

/// 氏名 (name) with its readings, Latin spelling and a foreign resident's 通称 (registered alias).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Name {
    family: String,
    given: String,
    family_kana: Option<String>,
    given_kana: Option<String>,
    latin: Option<String>,
    alias: Option<String>,
}

impl Name {
    /// 氏 (family name) as registered: kanji for Japanese nationals, as on the residence card
    /// for foreign residents.
    pub fn family(&self) -> &str {
        &self.family
    }
    /// 名 (given name); may be empty for a foreign resident with a single name.
    pub fn given(&self) -> &str {
        &self.given
    }
    /// 氏のフリガナ (katakana reading).
    pub fn family_kana(&self) -> Option<&str> {
        self.family_kana.as_deref()
    }
    /// 名のフリガナ.
    pub fn given_kana(&self) -> Option<&str> {
        self.given_kana.as_deref()
    }
    /// The name in Latin letters (required for foreign residents, as on the residence card).
    pub fn latin(&self) -> Option<&str> {
        self.latin.as_deref()
    }
    /// 通称 (registered alias), foreign residents only.
    pub fn alias(&self) -> Option<&str> {
        self.alias.as_deref()
    }

    /// The name as the card carries it ([`ResidentRecord::name_on_card`]); `foreign`: the
    /// holder is a foreign resident, whose Latin name is shown beside a name in other letters.
    fn on_card(&self, foreign: bool) -> String {
        let mut out = self.family.clone();
        if !self.given.is_empty() {
            out.push('\u{3000}');
            out.push_str(&self.given);
        }
        if foreign
            && let Some(latin) = self.latin.as_deref().filter(|l| !l.is_empty())
            && !out.chars().all(latin_or_common)
        {
            out.push('\u{3000}');
            out.push_str(latin);
        }
        if let Some(alias) = self.alias.as_deref().filter(|a| !a.is_empty()) {
            out.push('（');
            out.push_str(&alias.replace(' ', "\u{3000}"));
            out.push('）');
        }
        out
    }
}

/// A letter of the Latin script (Basic Latin to Latin Extended-B, Latin Extended Additional,
/// combining diacritics, full-width forms), or punctuation and spaces any script uses.
fn latin_or_common(c: char) -> bool {
    matches!(c,
        '\u{0000}'..='\u{024F}'
        | '\u{0300}'..='\u{036F}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2000}'..='\u{206F}'
        | '\u{3000}'
        | '\u{FF01}'..='\u{FF5E}')
}

/// The raw name fields as typed, before validation.
#[derive(Clone, Debug, Default)]
pub struct NameInput {
    /// 氏.
    pub family: String,
    /// 名.
    pub given: String,
    /// 氏のフリガナ.
    pub family_kana: Option<String>,
    /// 名のフリガナ.
    pub given_kana: Option<String>,
    /// Latin letters.
    pub latin: Option<String>,
    /// 通称.
    pub alias: Option<String>,
}

/// The raw foreign-resident fields as typed.
#[derive(Clone, Debug, Default)]
pub struct ForeignInput {
    /// 国籍・地域.
    pub nationality: String,
    /// 在留カード番号.
    pub residence_card_number: Option<String>,
    /// 在留資格.
    pub status_of_residence: String,
    /// 在留期間の満了日 (YYYY-MM-DD).
    pub period_of_stay_until: Option<String>,
}

/// A whole record as typed (form, JSON body or CSV row), before validation.
#[derive(Clone, Debug, Default)]
pub struct ResidentInput {
    /// Name fields.
    pub name: NameInput,
    /// 生年月日 (YYYY-MM-DD).
    pub birth_date: String,
    /// 性別.
    pub sex: String,
    /// 都道府県.
    pub prefecture: String,
    /// 全国地方公共団体コード.
    pub municipality_code: String,
    /// The rest of the address.
    pub address: String,
    /// 続柄.
    pub relationship: String,
    /// Preferred language tag.
    pub preferred_language: String,
    /// Present for foreign residents (a nationality other than JP).
    pub foreign: Option<ForeignInput>,
}

/// 住民票 content: one version of a resident's record.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ResidentRecord {
    name: Name,
    birth_date: Date,
    sex: Sex,
    address: Address,
    household: HouseholdId,
    relationship: Relationship,
    language: Language,
    foreign: Option<ForeignStatus>,
}

/// A foreign resident's status as stored: nationality, residence card number, status of
/// residence, the end of the period of stay, and the day an application to extend it was filed.
pub type StoredForeign = (
    Nationality,
    Option<ResidenceCardNumber>,
    StatusOfResidence,
    Option<Date>,
    Option<Date>,
);

impl ResidentRecord {
    /// Validates typed input as of `today`, placing the person in `household`.
    pub fn validate(
        input: &ResidentInput,
        household: HouseholdId,
        today: Date,
    ) -> Result<Self, Invalid> {
        let mut errors = Vec::new();
        let foreign = match &input.foreign {
            Some(f) if !f.nationality.trim().eq_ignore_ascii_case("JP") => {
                keep(validate_foreign(f, today), &mut errors)
            }
            _ => None,
        };
        let is_foreign = input
            .foreign
            .as_ref()
            .is_some_and(|f| !f.nationality.trim().eq_ignore_ascii_case("JP"));
        let name = keep(validate_name(&input.name, is_foreign), &mut errors);
        let birth_date = keep(validate_birth_date(&input.birth_date, today), &mut errors);
        let sex = keep(Sex::parse(&input.sex).map_err(|e| vec![e]), &mut errors);
        let address = keep(
            validate_address(&input.prefecture, &input.municipality_code, &input.address),
            &mut errors,
        );
        let relationship = keep(
            Relationship::parse_field("relationship", &input.relationship).map_err(|e| vec![e]),
            &mut errors,
        );
        let language = keep(
            Language::parse(&input.preferred_language).map_err(|e| vec![e]),
            &mut errors,
        );
        match (name, birth_date, sex, address, relationship, language) {
            (
                Some(name),
                Some(birth_date),
                Some(sex),
                Some(address),
                Some(relationship),
                Some(language),
            ) if errors.is_empty() => Ok(Self {
                name,
                birth_date,
                sex,
                address,
                household,
                relationship,
                language,
                foreign,
            }),
            _ => Err(Invalid(errors)),
        }
    }

    /// Rebuilds a record from storage, where it was validated when written.
    #[allow(
        clippy::too_many_arguments,
        reason = "a flat row, converted in one place"
    )]
    pub fn from_stored(
        name: NameInput,
        birth_date: Date,
        sex: Sex,
        address: Address,
        household: HouseholdId,
        relationship: Relationship,
        language: Language,
        foreign: Option<StoredForeign>,
    ) -> Self {
        Self {
            name: Name {
                family: name.family,
                given: name.given,
                family_kana: name.family_kana,
                given_kana: name.given_kana,
                latin: name.latin,
                alias: name.alias,
            },
            birth_date,
            sex,
            address,
            household,
            relationship,
            language,
            foreign: foreign.map(
                |(nationality, card, status, until, applied)| ForeignStatus {
                    nationality,
                    residence_card_number: card,
                    status,
                    period_of_stay_until: until,
                    extension_applied_on: applied,
                },
            ),
        }
    }

    /// 氏名.
    pub fn name(&self) -> &Name {
        &self.name
    }
    /// The name as the card carries it: on its face, in its chip's text and face applications
    /// and in the signature certificate's name (OID 1.2.392.200149.8.5.5.1, facts §3.2).
    /// Family and given name are separated by an ideographic space. A foreign resident's card
    /// shows the alphabetic and the kanji name where both exist, and a registered 通称 as well
    /// (facts §10).
    ///
    /// **Choice** (facts §10 says what is shown, not how the chip or the certificate writes it,
    /// [NF]; `docs/design/card.md`): one string carries all three, in the order of the card
    /// face. A foreign resident's name registered in other letters than Latin (kanji, say) is
    /// followed by the Latin name after an ideographic space; a name registered in Latin
    /// letters, with their diacritics as Vietnamese writes them, is not repeated. An alias
    /// follows in full-width parentheses, its spaces ideographic: `王　芳　WANG FANG（山田　芳子）`.
    pub fn name_on_card(&self) -> String {
        self.name.on_card(self.foreign.is_some())
    }
    /// 生年月日.
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }
    /// 性別.
    pub fn sex(&self) -> Sex {
        self.sex
    }
    /// 住所.
    pub fn address(&self) -> &Address {
        &self.address
    }
    /// The municipality the record belongs to (that of the address).
    pub fn municipality(&self) -> MunicipalityCode {
        self.address.municipality()
    }
    /// 世帯.
    pub fn household(&self) -> HouseholdId {
        self.household
    }
    /// 続柄.
    pub fn relationship(&self) -> Relationship {
        self.relationship
    }
    /// Preferred language.
    pub fn language(&self) -> Language {
        self.language
    }
    /// Foreign-resident items, if any.
    pub fn foreign(&self) -> Option<&ForeignStatus> {
        self.foreign.as_ref()
    }

    /// The record in its input form: what, typed into a form or a CSV row, validates to it
    /// again (export and the API's responses use it).
    pub fn to_input(&self) -> ResidentInput {
        let n = self.name();
        let s = |v: Option<&str>| v.map(str::to_owned);
        ResidentInput {
            name: NameInput {
                family: n.family().to_owned(),
                given: n.given().to_owned(),
                family_kana: s(n.family_kana()),
                given_kana: s(n.given_kana()),
                latin: s(n.latin()),
                alias: s(n.alias()),
            },
            birth_date: self.birth_date().to_string(),
            sex: self.sex().code().to_string(),
            prefecture: self.address().prefecture().name().to_owned(),
            municipality_code: self.municipality().as_str().to_owned(),
            address: self.address().rest().to_owned(),
            relationship: self.relationship().code().to_owned(),
            preferred_language: self.language().tag().to_owned(),
            foreign: self.foreign().map(|f| ForeignInput {
                nationality: f.nationality().code().to_owned(),
                residence_card_number: f.residence_card_number().map(|c| c.as_str().to_owned()),
                status_of_residence: f.status().code().to_owned(),
                period_of_stay_until: f.period_of_stay_until().map(|d| d.to_string()),
            }),
        }
    }

    pub(crate) fn set_address(
        &mut self,
        address: Address,
        household: HouseholdId,
        relationship: Relationship,
    ) {
        self.address = address;
        self.household = household;
        self.relationship = relationship;
    }

    pub(crate) fn set_language(&mut self, language: Language) {
        self.language = language;
    }

    pub(crate) fn set_name(&mut self, name: Name) {
        self.name = name;
    }

    pub(crate) fn set_foreign_status(&mut self, status: ForeignStatus) {
        self.foreign = Some(status);
    }

    /// Records an application to extend the stay, filed on `on` (the 特例期間 follows).
    pub(crate) fn set_extension_applied(&mut self, on: Date) {
        if let Some(f) = self.foreign.as_mut() {
            f.extension_applied_on = Some(on);
        }
    }
}

fn keep<T>(r: Result<T, Vec<FieldError>>, errors: &mut Vec<FieldError>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(mut e) => {
            errors.append(&mut e);
            None
        }
    }
}

/// Validates the name fields; `is_foreign` relaxes the reading and allows 通称.
pub fn validate_name(input: &NameInput, is_foreign: bool) -> Result<Name, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut take = |r: Result<Option<String>, FieldError>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let family = take(clean("family_name", &input.family, 100).map(Some)).unwrap_or_default();
    let given = take(clean("given_name", &input.given, 100).map(Some)).unwrap_or_default();
    let family_kana = take(kana("family_name_kana", input.family_kana.as_deref()));
    let given_kana = take(kana("given_name_kana", input.given_kana.as_deref()));
    let latin = take(latin_name(input.latin.as_deref()));
    let alias = take(optional("alias", input.alias.as_deref(), 100));
    if family.is_empty() {
        errors.push(FieldError::new("family_name", "problem-required"));
    }
    if !is_foreign {
        if given.is_empty() {
            errors.push(FieldError::new("given_name", "problem-required"));
        }
        if family_kana.is_none() && !errors.iter().any(|e| e.field == "family_name_kana") {
            errors.push(FieldError::new(
                "family_name_kana",
                "problem-required-katakana-reading",
            ));
        }
        if given_kana.is_none() && !errors.iter().any(|e| e.field == "given_name_kana") {
            errors.push(FieldError::new(
                "given_name_kana",
                "problem-required-katakana-reading",
            ));
        }
        if alias.is_some() {
            errors.push(FieldError::new(
                "alias",
                "problem-registered-alias-recorded-foreign",
            ));
        }
    } else if latin.is_none() && !errors.iter().any(|e| e.field == "latin_name") {
        errors.push(FieldError::new(
            "latin_name",
            "problem-required-foreign-resident-name",
        ));
    }
    if errors.is_empty() {
        Ok(Name {
            family,
            given,
            family_kana,
            given_kana,
            latin,
            alias,
        })
    } else {
        Err(errors)
    }
}

fn kana(field: &'static str, input: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(s) = optional(field, input, 100)? else {
        return Ok(None);
    };
    // Katakana block U+30A0..U+30FF (including ・ and ー), plus spaces between parts.
    if let Some(c) = s
        .chars()
        .find(|c| !matches!(c, '\u{30A1}'..='\u{30FF}' | ' ' | '\u{3000}'))
    {
        let key = if matches!(c, '\u{3041}'..='\u{3096}') {
            "problem-katakana-hiragana"
        } else {
            "problem-katakana"
        };
        return Err(FieldError::new(field, key).arg("character", format!("{c:?}")));
    }
    Ok(Some(s))
}

fn latin_name(input: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(s) = optional("latin_name", input, 150)? else {
        return Ok(None);
    };
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.' | ',')))
    {
        return Err(FieldError::new("latin_name", "problem-latin-character")
            .arg("character", format!("{c:?}")));
    }
    Ok(Some(s.to_ascii_uppercase()))
}

/// Parses an ISO date field.
pub fn parse_date(field: &'static str, input: &str) -> Result<Date, FieldError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(FieldError::new(field, "problem-required-yyyy-mm-dd"));
    }
    s.parse::<Date>()
        .map_err(|_| FieldError::new(field, "problem-date-form").arg("given", format!("{s:?}")))
}

fn validate_birth_date(input: &str, today: Date) -> Result<Date, Vec<FieldError>> {
    let d = parse_date("birth_date", input).map_err(|e| vec![e])?;
    if d > today {
        return Err(vec![FieldError::new("birth_date", "problem-future")]);
    }
    if d.year() < today.year() - 130 {
        return Err(vec![FieldError::new(
            "birth_date",
            "problem-more-than-130-years",
        )]);
    }
    Ok(d)
}

/// Validates prefecture, municipality code and the rest together.
pub fn validate_address(
    prefecture: &str,
    municipality: &str,
    rest: &str,
) -> Result<Address, Vec<FieldError>> {
    let p = Prefecture::parse(prefecture);
    let m = MunicipalityCode::parse(municipality);
    match (p, m) {
        (Ok(p), Ok(m)) => Address::new(p, m, rest).map_err(|e| vec![e]),
        (p, m) => Err([p.err(), m.err()].into_iter().flatten().collect()),
    }
}

/// Validates the foreign-resident items as of `today`.
pub fn validate_foreign(
    input: &ForeignInput,
    today: Date,
) -> Result<ForeignStatus, Vec<FieldError>> {
    let mut errors = Vec::new();
    let nationality = Nationality::parse(&input.nationality)
        .map_err(|e| errors.push(e))
        .ok();
    let status = StatusOfResidence::parse(&input.status_of_residence)
        .map_err(|e| errors.push(e))
        .ok();
    let card = match input.residence_card_number.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => ResidenceCardNumber::parse(s)
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let until = match input.period_of_stay_until.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => match parse_date("period_of_stay_until", s) {
            Ok(d) if d < today => {
                errors.push(FieldError::new(
                    "period_of_stay_until",
                    "problem-already-passed-resident-record",
                ));
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    if let Some(status) = status {
        if status.has_card()
            && card.is_none()
            && !errors.iter().any(|e| e.field == "residence_card_number")
        {
            errors.push(
                FieldError::new("residence_card_number", "problem-card-number-required")
                    .arg("status", status.code()),
            );
        }
        if !status.is_indefinite()
            && until.is_none()
            && !errors.iter().any(|e| e.field == "period_of_stay_until")
        {
            errors.push(
                FieldError::new("period_of_stay_until", "problem-stay-required")
                    .arg("status", status.code()),
            );
        }
        if status.is_indefinite() && until.is_some() {
            errors.push(
                FieldError::new("period_of_stay_until", "problem-stay-not-applicable")
                    .arg("status", status.code()),
            );
        }
    }
    match (nationality, status) {
        (Some(nationality), Some(status)) if errors.is_empty() => Ok(ForeignStatus {
            nationality,
            residence_card_number: card,
            status,
            period_of_stay_until: until,
            extension_applied_on: None,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn nationality_is_read_as_alpha_2_alpha_3_or_its_japanese_name() {
        for (given, code) in [
            ("VN", "VN"),
            ("vn", "VN"),
            ("VNM", "VN"),
            ("vnm", "VN"),
            ("ベトナム", "VN"),
            (" 中国 ", "CN"),
            ("CHN", "CN"),
            ("韓国", "KR"),
            ("大韓民国", "KR"),
            ("米国", "US"),
            ("アメリカ合衆国", "US"),
            ("USA", "US"),
            ("フィリピン", "PH"),
            ("ブラジル", "BR"),
            ("ネパール", "NP"),
            ("台湾", "TW"),
            ("香港", "HK"),
            ("XX", "XX"),
            ("無国籍", "XX"),
        ] {
            assert_eq!(
                Nationality::parse(given).map(|n| n.code().to_owned()),
                Ok(code.to_owned()),
                "{given}"
            );
        }
        for bad in [
            "",
            "V",
            "ZZ",
            "ZZZ",
            "VNMX",
            "ベトナム国",
            "朝鮮",
            "Vietnam",
        ] {
            let e = Nationality::parse(bad).unwrap_err();
            assert_eq!(e.field, "nationality", "{bad}");
        }
        assert_eq!(
            Nationality::parse("VNM").unwrap().japanese_name(),
            "ベトナム"
        );
        assert_eq!(Nationality::parse("XX").unwrap().japanese_name(), "無国籍");
        // Every alpha-2 and alpha-3 code and Japanese name of the table reads back to its row.
        for (a2, a3, ja) in COUNTRIES {
            for form in [a2, a3, ja] {
                assert_eq!(Nationality::parse(form).unwrap().code(), *a2, "{form}");
            }
        }
    }

    #[test]
    fn a_record_round_trips_through_its_input_form() {
        let input = ResidentInput {
            name: NameInput {
                family: "NGUYEN".into(),
                given: "VAN AN".into(),
                latin: Some("Nguyen Van An".into()),
                alias: Some("山田 安".into()),
                ..NameInput::default()
            },
            birth_date: "2001-04-01".into(),
            sex: "male".into(),
            prefecture: "13".into(),
            municipality_code: "131041".into(),
            address: " 西新宿2丁目8番1号 ".into(),
            relationship: "head".into(),
            preferred_language: "zh-CN".into(),
            foreign: Some(ForeignInput {
                nationality: "vn".into(),
                residence_card_number: Some("ab12345678cd".into()),
                status_of_residence: "留学".into(),
                period_of_stay_until: Some("2028-03-31".into()),
            }),
        };
        let household = HouseholdId::from_random([1; 16]);
        let today = date(2026, 11, 25);
        let record = ResidentRecord::validate(&input, household, today).unwrap();
        let normalised = record.to_input();
        assert_eq!(normalised.sex, "1");
        assert_eq!(normalised.prefecture, "東京都");
        assert_eq!(normalised.preferred_language, "zh-Hans");
        assert_eq!(normalised.name.latin.as_deref(), Some("NGUYEN VAN AN"));
        assert_eq!(
            ResidentRecord::validate(&normalised, household, today).unwrap(),
            record
        );
    }

    /// The name on the card and in the signature certificate: a foreign resident's Latin name
    /// beside a name in other letters, never repeated, and the alias in parentheses (facts §10);
    /// a Japanese national's name alone.
    #[test]
    fn the_name_on_the_card_carries_the_latin_name_and_the_alias() {
        let today = date(2026, 11, 25);
        let household = HouseholdId::from_random([1; 16]);
        let record = |family: &str, given: &str, latin: Option<&str>, alias: Option<&str>| {
            let foreign = latin.is_some();
            let input = ResidentInput {
                name: NameInput {
                    family: family.into(),
                    given: given.into(),
                    family_kana: (!foreign).then(|| "ヤマダ".into()),
                    given_kana: (!foreign).then(|| "ハナコ".into()),
                    latin: latin.map(Into::into),
                    alias: alias.map(Into::into),
                },
                birth_date: "1990-04-01".into(),
                sex: "female".into(),
                prefecture: "13".into(),
                municipality_code: "131041".into(),
                address: "西新宿2丁目8番1号".into(),
                relationship: "head".into(),
                preferred_language: "ja".into(),
                foreign: foreign.then(|| ForeignInput {
                    nationality: "CN".into(),
                    residence_card_number: Some("AB12345678CD".into()),
                    status_of_residence: "永住者".into(),
                    period_of_stay_until: None,
                }),
            };
            ResidentRecord::validate(&input, household, today)
                .unwrap()
                .name_on_card()
        };
        for (got, want) in [
            (record("山田", "花子", None, None), "山田\u{3000}花子"),
            (
                record("王", "芳", Some("WANG FANG"), None),
                "王\u{3000}芳\u{3000}WANG FANG",
            ),
            (
                record("王", "芳", Some("WANG FANG"), Some("山田 芳子")),
                "王\u{3000}芳\u{3000}WANG FANG（山田\u{3000}芳子）",
            ),
            (
                record("NGUYEN", "VAN AN", Some("NGUYEN VAN AN"), Some("山田 安")),
                "NGUYEN\u{3000}VAN AN（山田\u{3000}安）",
            ),
            (record("GARCÍA", "", Some("GARCIA"), None), "GARCÍA"),
            (
                record("NGUYỄN", "VĂN AN", Some("NGUYEN VAN AN"), None),
                "NGUYỄN\u{3000}VĂN AN",
            ),
        ] {
            assert_eq!(got, want);
        }
    }
}
