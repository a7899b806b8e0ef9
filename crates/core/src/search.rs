//! 検索キー (search keys): a name folded the way a clerk's search expects, so that a prefix of
//! the folded query finds the folded name in an index (issue 11; docs/design/registry.md).
//!
//! One fold serves every script, so a query need not say what it is:
//! - width and compatibility forms: NFKC (ｶﾀｶﾅ → カタカナ, ＡＢＣ → ABC);
//! - kana: hiragana as katakana, small kana as large (ッ → ツ), voicing marks dropped
//!   (ガ → カ, パ → ハ, ヴ → ウ); the long-vowel mark ー is kept;
//! - Latin: lower case, diacritics dropped (Nguyễn → nguyen, đ → d);
//! - kanji: the old and variant forms common in names as their usual form ([`VARIANTS`]);
//! - anything that is not a letter, a digit or ー (spaces, ・, hyphens, apostrophes) is dropped.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::ResidentRecord;

/// Old and variant kanji (旧字体, 異体字) common in family names, with the form a clerk types.
/// **Choice** (docs/design/registry.md): a short list of pairs that name registers treat as one
/// name in practice; the registry keeps the form registered, only the search folds it.
pub const VARIANTS: &[(char, char)] = &[
    ('髙', '高'),
    ('﨑', '崎'),
    ('嵜', '崎'),
    ('邊', '辺'),
    ('邉', '辺'),
    ('濱', '浜'),
    ('濵', '浜'),
    ('齋', '斎'),
    ('齊', '斉'),
    ('澤', '沢'),
    ('櫻', '桜'),
    ('廣', '広'),
    ('國', '国'),
    ('德', '徳'),
    ('惠', '恵'),
    ('眞', '真'),
    ('實', '実'),
    ('榮', '栄'),
    ('藏', '蔵'),
    ('冨', '富'),
    ('嶋', '島'),
    ('嶌', '島'),
    ('峯', '峰'),
    ('桒', '桑'),
];

/// Small kana and their large forms (katakana; hiragana is folded to katakana first).
const SMALL_KANA: &[(char, char)] = &[
    ('ァ', 'ア'),
    ('ィ', 'イ'),
    ('ゥ', 'ウ'),
    ('ェ', 'エ'),
    ('ォ', 'オ'),
    ('ッ', 'ツ'),
    ('ャ', 'ヤ'),
    ('ュ', 'ユ'),
    ('ョ', 'ヨ'),
    ('ヮ', 'ワ'),
    ('ヵ', 'カ'),
    ('ヶ', 'ケ'),
];

/// The combining voiced and semi-voiced sound marks (゙ ゚), which NFD splits off ガ and パ.
const VOICING: [char; 2] = ['\u{3099}', '\u{309A}'];

/// Folds `text` into its search key.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        let c = hiragana_as_katakana(c);
        let c = VARIANTS
            .iter()
            .find(|(variant, _)| *variant == c)
            .map_or(c, |(_, usual)| *usual);
        // NFD splits voicing marks and Latin diacritics off their letters; both are dropped.
        for d in std::iter::once(c).nfd() {
            if VOICING.contains(&d) || is_combining_mark(d) {
                continue;
            }
            let d = SMALL_KANA
                .iter()
                .find(|(small, _)| *small == d)
                .map_or(d, |(_, large)| *large);
            let d = match d {
                // Vietnamese đ has no decomposition.
                'đ' | 'Đ' => 'd',
                _ => d,
            };
            if d.is_alphanumeric() || d == 'ー' {
                out.extend(d.to_lowercase());
            }
        }
    }
    out
}

pub(crate) fn hiragana_as_katakana(c: char) -> char {
    match c {
        'ぁ'..='ゖ' | 'ゝ' | 'ゞ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        _ => c,
    }
}

/// A record's search keys: its name, its reading, its Latin name and its alias, folded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchKeys {
    /// 氏名: family then given name.
    pub name: String,
    /// フリガナ: family then given reading; empty when the record has none.
    pub kana: String,
    /// The Latin name, if any.
    pub latin: Option<String>,
    /// 通称, if any.
    pub alias: Option<String>,
}

impl SearchKeys {
    /// The keys of a record.
    pub fn of(record: &ResidentRecord) -> Self {
        let name = record.name();
        let both = |a: &str, b: &str| fold(&format!("{a}{b}"));
        Self {
            name: both(name.family(), name.given()),
            kana: both(
                name.family_kana().unwrap_or_default(),
                name.given_kana().unwrap_or_default(),
            ),
            latin: name.latin().map(fold).filter(|k| !k.is_empty()),
            alias: name.alias().map(fold).filter(|k| !k.is_empty()),
        }
    }
}

/// The keys that begin with `prefix` are those from `prefix` up to [`prefix_end`] (exclusive),
/// in byte order: an index range, the same on every database.
pub fn prefix_end(prefix: &str) -> String {
    // U+10FFFF sorts after every character a key holds, in UTF-8 byte order too.
    format!("{prefix}\u{10FFFF}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known answers: each pair folds alike, as a clerk expects of a search.
    #[test]
    fn a_query_finds_the_name_however_it_is_typed() {
        for (typed, registered) in [
            // Kana: hiragana or katakana, full or half width, small or large, voiced or not.
            ("やまだ", "ヤマダ"),
            ("ﾔﾏﾀﾞ", "ヤマダ"),
            ("ヤマタ", "ヤマダ"),
            ("きっかわ", "キツカワ"),
            ("シヨウジ", "ショウジ"),
            ("ハハ", "パパ"),
            ("ウイルソン", "ヴィルソン"),
            ("すずき　いちろう", "スズキイチロウ"),
            ("ジョン・スミス", "ジョンスミス"),
            // Latin: case, spaces, diacritics, width, punctuation.
            ("nguyen van an", "NGUYỄN VĂN AN"),
            ("tran", "TRẦN"),
            ("dang", "ĐẶNG"),
            ("obrien", "O'BRIEN"),
            ("ＳＭＩＴＨ", "smith"),
            ("wangfang", "WANG FANG"),
            // Kanji: the usual form finds the old or variant one.
            ("高橋", "髙橋"),
            ("山崎", "山﨑"),
            ("渡辺", "渡邉"),
            ("斎藤", "齋藤"),
        ] {
            assert_eq!(fold(typed), fold(registered), "{typed} / {registered}");
        }
    }

    /// And what must stay apart, stays apart.
    #[test]
    fn different_names_keep_different_keys() {
        for (a, b) in [
            ("ヤマダ", "ヤマタニ"),
            ("スズキ", "スズキー"),
            ("山田", "山口"),
            ("smith", "smyth"),
            ("斉藤", "斎藤"),
        ] {
            assert_ne!(fold(a), fold(b), "{a} / {b}");
        }
        assert_eq!(fold("やまだ"), "ヤマタ");
        assert_eq!(fold("Nguyễn Văn An"), "nguyenvanan");
        assert_eq!(fold(" ・- '"), "");
    }

    #[test]
    fn a_prefix_range_holds_its_keys_and_no_other() {
        let keys = ["ヤマ", "ヤマタ", "ヤマタタロウ", "ヤミ", "ヤ"];
        let (from, to) = ("ヤマ", prefix_end("ヤマ"));
        let inside: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| *k >= from && **k < *to)
            .collect();
        assert_eq!(inside, ["ヤマ", "ヤマタ", "ヤマタタロウ"]);
    }
}
