//! Cleaning free text fields: trimmed, no control characters, no invisible or
//! direction-changing characters, bounded length.

use crate::FieldError;

/// Whether `c` is invisible or changes how the text around it is displayed: bidirectional
/// embeddings, overrides and isolates; zero-width spaces and joiners; invisible separators,
/// fillers and tags. A name or address holding one prints on a PDF and shows on the verify page
/// differently from what it holds (issue 9, hole 13; Unicode TR #36 §2 and UTS #39). The
/// ideographic space (U+3000) and ideographic variation selectors (U+E0100–U+E01EF, for the
/// 異体字 of registered names) are visible in effect and allowed.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                      // soft hyphen
            | '\u{034F}'                // combining grapheme joiner
            | '\u{061C}'                // Arabic letter mark
            | '\u{115F}'..='\u{1160}'   // Hangul choseong/jungseong fillers
            | '\u{17B4}'..='\u{17B5}'   // Khmer inherent vowels
            | '\u{180B}'..='\u{180F}'   // Mongolian free variation selectors and vowel separator
            | '\u{200B}'..='\u{200F}'   // zero-width space, non-joiner, joiner; LRM, RLM
            | '\u{2028}'..='\u{202E}'   // line and paragraph separators; embeddings, overrides
            | '\u{2060}'..='\u{206F}'   // word joiner, invisible operators, isolates, deprecated
            | '\u{2800}'                // braille blank
            | '\u{3164}'                // Hangul filler
            | '\u{FE00}'..='\u{FE0F}'   // variation selectors (emoji and text presentation)
            | '\u{FEFF}'                // zero-width no-break space (byte-order mark)
            | '\u{FFA0}'                // halfwidth Hangul filler
            | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation
            | '\u{1D173}'..='\u{1D17A}' // musical formatting
            | '\u{E0000}'..='\u{E007F}' // tags
    )
}

/// Trims `input` and rejects control characters, invisible and direction-changing characters,
/// and texts longer than `max` characters.
pub fn clean(field: &'static str, input: &str, max: usize) -> Result<String, FieldError> {
    let s = input.trim();
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Err(FieldError::new(field, "problem-text-control")
            .arg("character", format!("U+{:04X}", c as u32)));
    }
    if let Some(c) = s.chars().find(|c| invisible(*c)) {
        return Err(FieldError::new(field, "problem-text-invisible")
            .arg("character", format!("U+{:04X}", c as u32)));
    }
    let n = s.chars().count();
    if n > max {
        return Err(FieldError::new(field, "problem-text-length")
            .arg("length", n)
            .arg("max", max));
    }
    Ok(s.chars().map(windows_form).collect())
}

/// The six characters that Shift_JIS text maps to Unicode in two ways, JIS's and Windows'
/// (CP932), are held in Windows' form, so that a name typed on a Mac (〜, U+301C) and the same
/// name from an Excel file (～, U+FF5E) are one text, and every text of the register can be
/// written back in CP932 (docs/design/migration.md). Pairs: JIS X 0208 via Unicode's JIS0208
/// mapping, and Microsoft's cp932 table, for the bytes 0x8160, 0x8161, 0x817C, 0x8191, 0x8192
/// and 0x81CA.
fn windows_form(c: char) -> char {
    match c {
        '\u{301C}' => '\u{FF5E}', // 〜 WAVE DASH → ～ FULLWIDTH TILDE
        '\u{2016}' => '\u{2225}', // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
        '\u{2212}' => '\u{FF0D}', // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
        '\u{00A2}' => '\u{FFE0}', // ¢ → ￠
        '\u{00A3}' => '\u{FFE1}', // £ → ￡
        '\u{00AC}' => '\u{FFE2}', // ¬ → ￢
        other => other,
    }
}

/// Like [`clean`], but an empty result is `None`.
pub(crate) fn optional(
    field: &'static str,
    input: Option<&str>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    match input {
        None => Ok(None),
        Some(s) => clean(field, s, max).map(|s| (!s.is_empty()).then_some(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jis_and_windows_forms_are_one_text() {
        assert_eq!(
            clean("address", "1丁目〜3番 −2", 100).unwrap(),
            "1丁目～3番 －2"
        );
        assert_eq!(
            clean("address", "1丁目～3番 －2", 100).unwrap(),
            "1丁目～3番 －2"
        );
        assert_eq!(clean("address", "‖¢£¬＼", 100).unwrap(), "∥￠￡￢＼");
        // Other text is untouched: a Latin hyphen, a backslash, an ideographic space.
        assert_eq!(
            clean("latin_name", "Smith-Jones\\\u{3000}Jr", 100).unwrap(),
            "Smith-Jones\\\u{3000}Jr"
        );
    }

    #[test]
    fn invisible_and_direction_changing_characters_are_refused() {
        for (text, refused) in [
            ("山田", None),
            ("山田\u{3000}太郎", None),
            // 葛 with an ideographic variation selector, as registered names use.
            ("\u{845B}\u{E0100}城", None),
            ("Nguyễn Văn An", None),
            ("abc\u{202E}fed", Some(0x202E)),
            ("ab\u{2066}c\u{2069}", Some(0x2066)),
            ("山\u{200B}田", Some(0x200B)),
            ("山\u{200D}田", Some(0x200D)),
            ("\u{FEFF}山田", Some(0xFEFF)),
            ("a\u{00AD}b", Some(0xAD)),
            ("a\u{2028}b", Some(0x2028)),
            ("a\u{3164}b", Some(0x3164)),
            ("a\u{E0041}b", Some(0xE0041)),
            ("a\u{061C}b", Some(0x61C)),
        ] {
            let got = clean("family_name", text, 100);
            match refused {
                None => assert!(got.is_ok(), "{text:?}: {got:?}"),
                Some(c) => {
                    let e = got.unwrap_err();
                    assert!(e.problem().contains(&format!("U+{c:04X}")), "{text:?}: {e}");
                }
            }
        }
    }
}
