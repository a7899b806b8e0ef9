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
                errors.push(FieldError::new("name", "problem-give-name-caller-says"));
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
            Ok(a) if address_key(&a).block.is_empty() => {
                errors.push(FieldError::new(
                    "address",
                    "problem-give-town-block-numbers",
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
        // The reading counts only when it is whole: a foreign resident registered with the
        // family name's reading alone is matched by the Latin name or the alias, never by the
        // family name said alone.
        let whole = name.family_kana().is_some()
            && (name.given_kana().is_some() || name.given().is_empty());
        let kana = whole.then(|| {
            fold(&format!(
                "{}{}",
                name.family_kana().unwrap_or_default(),
                name.given_kana().unwrap_or_default()
            ))
        });
        let exact = [kana, name.latin().map(fold), name.alias().map(fold)]
            .into_iter()
            .flatten()
            .any(|key| !key.is_empty() && key == stated);
        exact
            || name
                .latin()
                .is_some_and(|latin| words(latin) == words(&self.name))
    }

    fn address_matches(&self, record: &ResidentRecord) -> bool {
        address_key(record.address().rest()).stated_by(&address_key(&self.address))
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

/// A part of an address's town and block as people say it: a word (a town's name, or the
/// direction between two numbers in Hokkaido's 条 addresses) or a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressToken {
    /// Letters: a town's name, or 西 in 北1条西2丁目.
    Word(String),
    /// A block number, without leading zeros (kanji numerals read: 十二 → 12).
    Number(String),
}

/// An address's town and block numbers (`address_key`): what a caller's statement is compared
/// with, the building and room left out.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AddressKey {
    /// The town's name: every word before the first number, joined (a caller's may begin with
    /// the prefecture, the city or the ward).
    pub town: String,
    /// The numbers from the first on, with the words between them.
    pub block: Vec<AddressToken>,
}

impl AddressKey {
    /// Whether a caller's statement names this (a record's) town and block: the same numbers in
    /// the same order, and the same town, or the town after the names of the prefecture, city or
    /// ward (`東京都新宿区西新宿` for `西新宿`; but `西新宿` is not `新宿`). A record without a town or
    /// without a number is never matched by a statement: the caller is sent to the counter.
    pub fn stated_by(&self, stated: &AddressKey) -> bool {
        if self.town.is_empty() || self.block.is_empty() || stated.block != self.block {
            return false;
        }
        match stated.town.strip_suffix(self.town.as_str()) {
            Some("") => true,
            Some(before) => {
                before.ends_with(['都', '道', '府', '県', '市', '区', '町', '村', '郡'])
            }
            None => false,
        }
    }
}

/// What separates the parts of a town and block, longest first: 丁目, 番地, 番, 号, 条, 線,
/// 地割 (Iwate), の and ノ, a hyphen, a space; and 第 before a number.
const MARKERS: [&str; 12] = [
    "丁目", "番地", "地割", "番", "号", "条", "線", "の", "ノ", "-", " ", "第",
];

/// Kanji numerals, as house numbers write them.
const KANJI_NUMERALS: [char; 13] = [
    '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千',
];

/// An address's town and block numbers, folded the way people say them: NFKC (full-width
/// digits as ASCII), every kind of hyphen alike, kanji numerals read as numbers where a block
/// number stands (before 丁目, 番, 号, …: 二丁目 is 2, but 八丁堀 and 三軒茶屋 are names), and
/// the building and room left out: the block ends at 号, at a space after a number, or at a
/// name after a number (katakana or Latin letters, or two kanji or more: 都庁ハイツ, 第一本庁舎).
///
/// **Choice** (docs/design/call-center.md): a building or room is never compared, because
/// callers rarely say them as the register wrote them; what stands before the first number is
/// the town.
pub fn address_key(text: &str) -> AddressKey {
    use unicode_normalization::UnicodeNormalization;
    let mut chars: Vec<char> = Vec::new();
    for c in text.nfkc().flat_map(char::to_lowercase) {
        let c = match c {
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '﹣' => '-',
            // ー after a digit is a hyphen typed in kana; elsewhere, part of a name.
            'ー' if chars.last().is_some_and(char::is_ascii_digit) => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        chars.push(c);
    }
    let mut tokens: Vec<AddressToken> = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, tokens: &mut Vec<AddressToken>| {
        if !word.is_empty() {
            tokens.push(AddressToken::Word(std::mem::take(word)));
        }
    };
    let numbered =
        |tokens: &[AddressToken]| tokens.iter().any(|t| matches!(t, AddressToken::Number(_)));
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let rest = chars.get(i..).unwrap_or_default();
        if c.is_ascii_digit() {
            let run: String = rest.iter().take_while(|c| c.is_ascii_digit()).collect();
            flush(&mut word, &mut tokens);
            i += run.len();
            let trimmed = run.trim_start_matches('0');
            tokens.push(AddressToken::Number(
                if trimmed.is_empty() { "0" } else { trimmed }.to_owned(),
            ));
            continue;
        }
        let numeral: Vec<char> = rest
            .iter()
            .copied()
            .take_while(|c| KANJI_NUMERALS.contains(c))
            .collect();
        if !numeral.is_empty() {
            let after = rest.get(numeral.len()..).unwrap_or_default();
            if (after.is_empty() || marker(after).is_some())
                && let Some(n) = kanji_number(&numeral)
            {
                flush(&mut word, &mut tokens);
                tokens.push(AddressToken::Number(n.to_string()));
                i += numeral.len();
                continue;
            }
        }
        if let Some(len) = marker(rest) {
            let was_number =
                matches!(tokens.last(), Some(AddressToken::Number(_))) && word.is_empty();
            flush(&mut word, &mut tokens);
            // 号, or a space after a number, ends the block: a building follows.
            if was_number && (c == '号' || c == ' ') {
                break;
            }
            i += len;
            continue;
        }
        // After a number, a name that is not one kanji (西 in 北1条西2丁目) is a building.
        if numbered(&tokens) && (!is_kanji(c) || (word.chars().count() == 1 && is_kanji(c))) {
            word.clear();
            break;
        }
        word.push(c);
        i += 1;
    }
    // A building name of one kanji after the last number is no part of the block either.
    if numbered(&tokens) {
        word.clear();
    }
    flush(&mut word, &mut tokens);
    while matches!(tokens.last(), Some(AddressToken::Word(_))) && numbered(&tokens) {
        tokens.pop();
    }
    let first_number = tokens
        .iter()
        .position(|t| matches!(t, AddressToken::Number(_)))
        .unwrap_or(tokens.len());
    let (town, block) = tokens.split_at(first_number);
    AddressKey {
        town: town
            .iter()
            .filter_map(|t| match t {
                AddressToken::Word(w) => Some(w.as_str()),
                AddressToken::Number(_) => None,
            })
            .collect(),
        block: block.to_vec(),
    }
}

/// The length (in characters) of the marker `rest` begins with, if any.
fn marker(rest: &[char]) -> Option<usize> {
    MARKERS.iter().find_map(|m| {
        let len = m.chars().count();
        rest.get(..len)
            .is_some_and(|head| head.iter().copied().eq(m.chars()))
            .then_some(len)
    })
}

fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// A kanji numeral's value: 十二 → 12, 二十三 → 23, 百五 → 105, or digit by digit (二〇三 →
/// 203) when it has no 十, 百 or 千. `None` when it is not a number (十十).
fn kanji_number(numeral: &[char]) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|k| k == c)
            .and_then(|d| u32::try_from(d).ok())
    };
    if numeral.iter().all(|c| digit(*c).is_some()) {
        return numeral
            .iter()
            .try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(digit(*c)?));
    }
    let (mut total, mut current, mut last_unit) = (0u32, None::<u32>, u32::MAX);
    for c in numeral {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            c => {
                if current.is_some() {
                    return None;
                }
                current = digit(*c);
                continue;
            }
        };
        if unit >= last_unit {
            return None;
        }
        last_unit = unit;
        total += current.take().unwrap_or(1) * unit;
    }
    Some(total + current.unwrap_or(0))
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
        return Err(
            FieldError::new("police_report", "problem-police-report").arg("max", POLICE_REPORT_MAX)
        );
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

    fn key(town: &str, block: &[&str]) -> AddressKey {
        AddressKey {
            town: town.to_owned(),
            block: block
                .iter()
                .map(|t| {
                    if t.chars().all(|c| c.is_ascii_digit()) {
                        AddressToken::Number((*t).to_owned())
                    } else {
                        AddressToken::Word((*t).to_owned())
                    }
                })
                .collect(),
        }
    }

    /// Known answers: the town and block numbers, however they are said; kanji numerals read
    /// only where a block number stands; the building and room left out.
    #[test]
    fn an_address_is_keyed_by_its_town_and_block_numbers() {
        for (said, town, block) in [
            ("西新宿2丁目8番1号", "西新宿", &["2", "8", "1"][..]),
            (
                "西新宿２丁目８番１号　都庁ハイツ101",
                "西新宿",
                &["2", "8", "1"],
            ),
            ("西新宿二丁目八番一号", "西新宿", &["2", "8", "1"]),
            ("西新宿2-8-1 101号室", "西新宿", &["2", "8", "1"]),
            ("西新宿2-8-1都庁ハイツ101", "西新宿", &["2", "8", "1"]),
            ("西新宿2-8-1都庁第一本庁舎5階", "西新宿", &["2", "8", "1"]),
            ("西新宿 2ー8ー1", "西新宿", &["2", "8", "1"]),
            ("新宿区西新宿2−8−1", "新宿区西新宿", &["2", "8", "1"]),
            ("本町三丁目十二番五号", "本町", &["3", "12", "5"]),
            ("本町三丁目十八番一号", "本町", &["3", "18", "1"]),
            ("大字上野二十三番地", "大字上野", &["23"]),
            ("大字上野二十五番地", "大字上野", &["25"]),
            ("八丁堀1-2-3", "八丁堀", &["1", "2", "3"]),
            ("三軒茶屋1-2-3", "三軒茶屋", &["1", "2", "3"]),
            ("九段北1丁目2番", "九段北", &["1", "2"]),
            ("北1条西2丁目3番地", "北", &["1", "西", "2", "3"]),
            ("第5地割10番地", "", &["5", "10"]),
            ("丸の内1丁目1番地", "丸内", &["1", "1"]),
            ("1番地", "", &["1"]),
            ("大字上野", "大字上野", &[]),
            ("   ", "", &[]),
        ] {
            assert_eq!(address_key(said), key(town, block), "{said}");
        }
    }

    /// Which statements name a record's address: the same numbers, and the same town or the
    /// town after the names of the prefecture, city or ward; never a record without a town.
    #[test]
    fn a_statement_names_an_address_only_when_town_and_numbers_agree() {
        for (record, said, expected) in [
            ("西新宿2丁目8番1号", "東京都新宿区西新宿2-8-1", true),
            ("西新宿二丁目八番一号", "西新宿2丁目8番1号", true),
            ("西新宿二丁目八番一号", "西新宿2丁目", false),
            ("新宿2丁目8番1号", "西新宿2-8-1", false),
            ("上野1-2-3", "東上野1-2-3", false),
            ("本町三丁目十二番五号", "本町3-18-1", false),
            ("八丁堀1-2-3", "八丁堀1-2-3", true),
            ("八丁堀1-2-3", "8", false),
            ("北1条西2丁目3番地", "札幌市中央区北1条西2丁目3", true),
            ("北1条西2丁目3番地", "北1条東2丁目3", false),
            ("1番地", "西新宿1番地", false),
            ("大字上野", "大字上野", false),
        ] {
            assert_eq!(
                address_key(record).stated_by(&address_key(said)),
                expected,
                "{record} / {said}"
            );
        }
        assert_eq!(kanji_number(&['十', '十']), None);
        assert_eq!(kanji_number(&['二', '〇', '三']), Some(203));
        assert_eq!(kanji_number(&['百', '五']), Some(105));
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
            ("ヤマダ タロウ", "1980-01-15", "東京都", "新宿2-8-1", false),
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
        let Err(Invalid(errors)) = Claim::new(" ・ ", "1980-02-30", "Atlantis", "大字上野")
        else {
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
