//! 個人番号カードコールセンター (the lost-card line): what a caller says about themselves, whether
//! exactly one record answers to it, and what a call ends in (issue 11; facts §7,
//! outside-world §4.5; the choices are in docs/design/call-center.md).
//!
//! The operator never browses the register. They type what the caller states (a name in kana or
//! Latin letters, the date of birth, the address) and the system answers only whether one
//! record matches all three, and the state of that person's card. A serial is not needed: a
//! caller who lost their card rarely knows it.

use jiff::civil::Date;

use crate::search::fold;
use crate::{FieldError, Invalid, Prefecture, ResidentRecord};

/// The languages of the national line (outside-world §4.5, §5.2: Japanese, and English,
/// Chinese, Korean, Spanish and Portuguese on the foreign-language line), as the catalogs of
/// the operator's scripts and of the caller's next steps are named.
pub const CALL_LANGUAGES: [&str; 6] = ["ja", "en", "zh-Hans", "ko", "es", "pt-BR"];

/// The longest a police report's receipt number (受理番号) may be. **Choice**: prefectural
/// police write them in different forms (digits with hyphens, a station's prefix); 30
/// characters of digits, Latin letters, hyphens and spaces hold every form seen.
pub const POLICE_REPORT_MAX: usize = 30;

/// Who is calling, as they say (the record of the call keeps it).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Caller {
    /// 本人: the holder.
    Holder,
    /// 家族: a member of the holder's family.
    Family,
    /// 法定代理人: a legal representative (a parent of a minor, an adult guardian).
    Representative,
}

crate::codes!(Caller {
    Holder => "holder",
    Family => "family",
    Representative => "representative",
});

/// What a call ended in, as its record keeps it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Outcome {
    /// No record answers to what the caller stated.
    NotFound,
    /// More than one record answers: nothing is shown, the caller is asked to go to their
    /// municipality (two records with one name, birth date and address are twins, or an error
    /// in the register; an operator must not guess between them).
    Ambiguous,
    /// One record answers; nothing was suspended (yet).
    Identified,
    /// The card was suspended on this call.
    Suspended,
}

crate::codes!(Outcome {
    NotFound => "not-found",
    Ambiguous => "ambiguous",
    Identified => "identified",
    Suspended => "suspended",
});

/// What the caller states: a name in kana or Latin letters, the date of birth, and the address
/// (prefecture, then the rest as they say it).
#[derive(Clone, PartialEq, Eq)]
pub struct Claim {
    name: String,
    birth_date: Date,
    prefecture: Prefecture,
    address: String,
}

impl std::fmt::Debug for Claim {
    // What a caller says about themselves is personal data: never in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Claim").finish_non_exhaustive()
    }
}

impl Claim {
    /// Checks what the operator typed: every field is needed, and a field is named when it is
    /// wrong (`name`, `birth_date`, `prefecture`, `address`).
    pub fn new(
        name: &str,
        birth_date: &str,
        prefecture: &str,
        address: &str,
    ) -> Result<Self, Invalid> {
        let mut errors = Vec::new();
        let name = match crate::text::clean("name", name, 100) {
            Ok(n) if fold(&n).is_empty() => {
                errors.push(FieldError::new(
                    "name",
                    "give the name as the caller says it",
                ));
                String::new()
            }
            Ok(n) => n,
            Err(e) => {
                errors.push(e);
                String::new()
            }
        };
        let birth = crate::parse_date("birth_date", birth_date).map_err(|e| errors.push(e));
        let prefecture = Prefecture::parse(prefecture).map_err(|e| errors.push(e));
        let address = match crate::text::clean("address", address, 200) {
            Ok(a) if address_key(&a).is_empty() => {
                errors.push(FieldError::new(
                    "address",
                    "give the town and the block numbers as the caller says them",
                ));
                String::new()
            }
            Ok(a) => a,
            Err(e) => {
                errors.push(e);
                String::new()
            }
        };
        match (birth, prefecture) {
            (Ok(birth_date), Ok(prefecture)) if errors.is_empty() => Ok(Self {
                name,
                birth_date,
                prefecture,
                address,
            }),
            _ => Err(Invalid(errors)),
        }
    }

    /// The name as stated, for the search that finds the candidates (by its folded prefix).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The date of birth stated.
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// Whether `record` answers to the claim: the same date of birth and prefecture, the name
    /// equal to its reading, its Latin name (in any order of its words) or its alias, once
    /// folded as a search folds it; and the address's town and block numbers
    /// ([`address_key`]) the end of what the caller said, so that a caller who names their
    /// city first, or leaves out the building, still matches, and one with another block
    /// number does not.
    pub fn matches(&self, record: &ResidentRecord) -> bool {
        record.birth_date() == self.birth_date
            && record.address().prefecture() == self.prefecture
            && self.name_matches(record)
            && self.address_matches(record)
    }

    fn name_matches(&self, record: &ResidentRecord) -> bool {
        let stated = fold(&self.name);
        let name = record.name();
        let kana = fold(&format!(
            "{}{}",
            name.family_kana().unwrap_or_default(),
            name.given_kana().unwrap_or_default()
        ));
        let exact = [Some(kana), name.latin().map(fold), name.alias().map(fold)]
            .into_iter()
            .flatten()
            .any(|key| !key.is_empty() && key == stated);
        exact
            || name
                .latin()
                .is_some_and(|latin| words(latin) == words(&self.name))
    }

    fn address_matches(&self, record: &ResidentRecord) -> bool {
        let kept = address_key(record.address().rest());
        !kept.is_empty() && address_key(&self.address).ends_with(&kept)
    }
}

/// A Latin name's words, each folded, in order: `NGUYEN Van An` and `Van An Nguyen` are the
/// same words.
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words
}

/// An address's town and block numbers, folded the way people say them: full-width digits as
/// ASCII, 丁目, 番地, 番, 号 and の (and every kind of hyphen) as `-`, spaces dropped, and
/// everything after the block numbers (a building, a room) left out:
/// `西新宿２丁目８番１号　都庁ハイツ101` → `西新宿2-8-1`.
///
/// **Choice** (docs/design/call-center.md): a room number after the building is left out too,
/// since the building's name separates it from the block numbers; kanji numerals (二丁目) are
/// read as digits up to 十 (a town's 丁目 rarely goes higher).
pub fn address_key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let normal: String = text.nfkc().collect();
    let mut out = String::new();
    let mut chars = normal.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '丁' if next == Some('目') => {
                chars.next();
                out.push('-');
            }
            '番' if next == Some('地') => {
                chars.next();
                out.push('-');
            }
            '番' | '号' | 'の' | 'ノ' | '-' | '‐' | '‑' | '–' | '—' | '−' | 'ー' | '―' =>
            {
                // ー after a digit is a hyphen typed in kana; after a letter, part of a name.
                if c != 'ー' || out.ends_with(|d: char| d.is_ascii_digit()) {
                    out.push('-');
                } else {
                    out.push(c);
                }
            }
            // A space ends a run of digits (`1 101号室`), and is dropped below.
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => match kanji_digit(c) {
                Some(d) if next.is_some_and(|n| n == '丁' || kanji_digit(n).is_some()) => {
                    out.push_str(&d.to_string());
                }
                _ => out.extend(c.to_lowercase()),
            },
        }
    }
    // Hyphens run together where a caller said 2丁目-8: one is enough.
    let mut key = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '-' && key.ends_with('-')) {
            key.push(c);
        }
    }
    // Up to the end of the last run of digits and hyphens that follows the town's name.
    let end = key
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())
        .find(|&i| {
            // The first digit run's end: the next character is neither a digit nor a hyphen
            // followed by a digit.
            let rest = &key[i..];
            let mut r = rest.chars();
            match r.next() {
                None => true,
                Some(d) if d.is_ascii_digit() => false,
                Some('-') => !r.next().is_some_and(|d| d.is_ascii_digit()),
                Some(_) => true,
            }
        });
    let kept = end.map_or(key.as_str(), |end| &key[..end]);
    kept.chars()
        .filter(|c| *c != ' ')
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

/// 一 to 十 as their numbers (十 as 10 only on its own: 十一 is rare in a town's 丁目).
fn kanji_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九十"
        .chars()
        .position(|k| k == c)
        .and_then(|i| u32::try_from(i).ok())
}

/// The police report's receipt number, if the caller has one: trimmed, or `None` when blank.
pub fn police_report(text: &str) -> Result<Option<String>, FieldError> {
    let s: String = {
        use unicode_normalization::UnicodeNormalization;
        text.trim().nfkc().collect()
    };
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > POLICE_REPORT_MAX
        || !s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
    {
        return Err(FieldError::new(
            "police_report",
            format!(
                "give the receipt number (受理番号) as the police wrote it: up to {POLICE_REPORT_MAX} digits, letters and hyphens"
            ),
        ));
    }
    Ok(Some(s))
}

/// Which of `candidates` answer to `claim`: exactly one is the caller; none or several end the
/// call without showing anything.
pub fn identify<'a, T>(
    claim: &Claim,
    candidates: &'a [T],
    record: impl Fn(&T) -> &ResidentRecord,
) -> Result<&'a T, Outcome> {
    let mut matching = candidates.iter().filter(|c| claim.matches(record(c)));
    match (matching.next(), matching.next()) {
        (Some(one), None) => Ok(one),
        (None, _) => Err(Outcome::NotFound),
        (Some(_), Some(_)) => Err(Outcome::Ambiguous),
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::{HouseholdId, NameInput, ResidentInput};

    fn resident(address: &str, latin: Option<&str>) -> ResidentRecord {
        let input = ResidentInput {
            name: NameInput {
                family: "山田".into(),
                given: "太郎".into(),
                family_kana: Some("ヤマダ".into()),
                given_kana: Some("タロウ".into()),
                latin: latin.map(str::to_owned),
                ..Default::default()
            },
            birth_date: "1980-01-15".into(),
            sex: "1".into(),
            prefecture: "東京都".into(),
            municipality_code: "131041".into(),
            address: address.into(),
            relationship: "head".into(),
            preferred_language: "ja".into(),
            foreign: None,
        };
        ResidentRecord::validate(&input, HouseholdId::from_random([1; 16]), date(2026, 12, 4))
            .unwrap()
    }

    /// Known answers: the town and block numbers, however they are said.
    #[test]
    fn an_address_is_keyed_by_its_town_and_block_numbers() {
        for (said, key) in [
            ("西新宿2丁目8番1号", "西新宿2-8-1"),
            ("西新宿２丁目８番１号　都庁ハイツ101", "西新宿2-8-1"),
            ("西新宿二丁目8番1号", "西新宿2-8-1"),
            ("西新宿2-8-1 101号室", "西新宿2-8-1"),
            ("西新宿 2ー8ー1", "西新宿2-8-1"),
            ("新宿区西新宿2−8−1", "新宿区西新宿2-8-1"),
            ("西新宿2丁目-8-1", "西新宿2-8-1"),
            ("丸の内1丁目1番地", "丸-内1-1"),
            ("大字上野", "大字上野"),
            ("三軒茶屋1-2-3", "三軒茶屋1-2-3"),
            ("   ", ""),
        ] {
            assert_eq!(address_key(said), key, "{said}");
        }
    }

    /// Whether a claim matches a record: every line changes one thing from a match.
    #[test]
    fn a_claim_matches_only_the_record_it_describes() {
        let record = resident("西新宿2丁目8番1号　都庁ハイツ101", Some("YAMADA Taro"));
        for (name, birth, prefecture, address, expected) in [
            (
                "ヤマダ タロウ",
                "1980-01-15",
                "東京都",
                "新宿区西新宿2-8-1",
                true,
            ),
            (
                "やまだたろう",
                "1980-01-15",
                "東京",
                "西新宿二丁目8番1号",
                true,
            ),
            ("Taro Yamada", "1980-01-15", "13", "西新宿2-8-1", true),
            (
                "YAMADA TARO",
                "1980-01-15",
                "東京都",
                "西新宿2-8-1 101号室",
                true,
            ),
            // The name must be the whole reading, not a prefix of it, and not the kanji.
            ("ヤマダ", "1980-01-15", "東京都", "西新宿2-8-1", false),
            ("山田太郎", "1980-01-15", "東京都", "西新宿2-8-1", false),
            (
                "ヤマダ ジロウ",
                "1980-01-15",
                "東京都",
                "西新宿2-8-1",
                false,
            ),
            (
                "ヤマダ タロウ",
                "1980-01-16",
                "東京都",
                "西新宿2-8-1",
                false,
            ),
            (
                "ヤマダ タロウ",
                "1980-01-15",
                "大阪府",
                "西新宿2-8-1",
                false,
            ),
            (
                "ヤマダ タロウ",
                "1980-01-15",
                "東京都",
                "西新宿2-8-2",
                false,
            ),
            ("ヤマダ タロウ", "1980-01-15", "東京都", "西新宿2-8", false),
            ("ヤマダ タロウ", "1980-01-15", "東京都", "2-8-1", false),
        ] {
            let claim = Claim::new(name, birth, prefecture, address).unwrap();
            assert_eq!(
                claim.matches(&record),
                expected,
                "{name} {birth} {prefecture} {address}"
            );
        }
    }

    #[test]
    fn a_claim_names_every_field_it_cannot_take() {
        let Err(Invalid(errors)) = Claim::new(" ・ ", "1980-02-30", "Atlantis", "　－ ") else {
            panic!("accepted");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "birth_date", "prefecture", "address"]);
        // And what a caller says about themselves stays out of logs.
        let claim = Claim::new("ヤマダ", "1980-01-15", "東京都", "西新宿2-8-1").unwrap();
        assert_eq!(format!("{claim:?}"), "Claim { .. }");
    }

    #[test]
    fn one_match_identifies_and_none_or_two_do_not() {
        let claim = Claim::new("ヤマダタロウ", "1980-01-15", "東京都", "西新宿2-8-1").unwrap();
        let here = resident("西新宿2丁目8番1号", None);
        let elsewhere = resident("西新宿2丁目8番3号", None);
        fn id(r: &ResidentRecord) -> &ResidentRecord {
            r
        }
        assert_eq!(
            identify(&claim, &[elsewhere.clone(), here.clone()], id),
            Ok(&here)
        );
        assert_eq!(
            identify(&claim, std::slice::from_ref(&elsewhere), id),
            Err(Outcome::NotFound)
        );
        assert_eq!(
            identify(&claim, &[here.clone(), here], id),
            Err(Outcome::Ambiguous)
        );
    }

    #[test]
    fn a_police_report_number_is_kept_as_written_or_refused() {
        assert_eq!(police_report("  "), Ok(None));
        assert_eq!(police_report("第１２３４－５号").ok(), None);
        assert_eq!(
            police_report("１２３４-５６"),
            Ok(Some("1234-56".to_owned()))
        );
        assert_eq!(police_report("A12 3456"), Ok(Some("A12 3456".to_owned())));
        assert!(police_report(&"1".repeat(31)).is_err());
        assert!(police_report("1234\n5").is_err());
    }
}
