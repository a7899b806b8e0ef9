//! The back of a print on plain paper (スクランブル画像, outside-world §4.3): the front's content as
//! printed, in a text form of its own, and how its sealed bytes are cut into QR symbols and put
//! together again from a scan. The sealing itself (signature, then encryption) is the app's;
//! the choices are in docs/design/kiosk.md.
//!
//! Anyone holding the paper may scan its back and have the inquiry page (証明書復号画像表示) show the
//! front as issued, to compare with the front in hand: a changed character on the front shows,
//! and a back that was changed or made up does not open.

use std::collections::BTreeMap;

use crate::FieldError;

/// The first line of a front's text: its format and version.
pub const FRONT_HEADER: &str = "mynumber-front-v1";

/// The first bytes of every symbol of a back: which format the rest is in.
pub const SYMBOL_MAGIC: &[u8; 4] = b"MNB1";

/// The most symbols a back carries: 12, three across and four down on an A4 page. **Choice**:
/// a symbol of [`SYMBOL_DATA`] bytes is about version 20 at level M, 97 modules: 0.5 mm each in
/// a 55 mm square, about six pixels at 300 dpi.
pub const MAX_SYMBOLS: usize = 12;

/// The sealed bytes in one symbol, after its 14-byte header.
pub const SYMBOL_DATA: usize = 560;

const SYMBOL_HEADER: usize = 4 + 8 + 1 + 1;

/// The most sections a front's text may hold (a household of 63, with the document's own).
const MAX_SECTIONS: usize = 64;
/// The most rows in one section.
const MAX_ROWS: usize = 64;
/// The longest value, in characters.
const MAX_VALUE: usize = 1_024;

/// One item as printed: its label's catalog key (`field-name`) and its value, or that it was
/// printed but is not carried on the back.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FrontRow {
    /// The label's message key, e.g. `field-address`.
    pub key: String,
    /// The value exactly as printed in Japanese (more lines joined by " / "); empty when
    /// withheld.
    pub value: String,
    /// Printed on the front but not carried by the back: the Individual Number and the
    /// resident record code. **Choice**: the inquiry page is open to anyone holding the
    /// paper, and it never shows a number (printing or showing a number is reading it).
    pub withheld: bool,
}

/// The items a back never carries, whatever the front prints: the Individual Number and the
/// resident record code. The renderer's rows with these keys are withheld by construction
/// ([`FrontRow::shown`]), and a front's text that carries one is refused ([`Front::parse`]).
pub const NEVER_CARRIED: [&str; 2] = ["field-individual-number", "field-resident-code"];

impl FrontRow {
    /// An item shown on the inquiry page as printed; withheld instead when its key is one of
    /// [`NEVER_CARRIED`].
    pub fn shown(key: &str, value: &str) -> Self {
        if NEVER_CARRIED.contains(&key) {
            return Self::withheld(key);
        }
        Self {
            key: key.to_owned(),
            value: value.to_owned(),
            withheld: false,
        }
    }

    /// An item printed on the front but not carried by the back.
    pub fn withheld(key: &str) -> Self {
        Self {
            key: key.to_owned(),
            value: String::new(),
            withheld: true,
        }
    }
}

/// A print's front as the back carries it.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Front {
    /// The title's message key, e.g. `record-title-copy`.
    pub title_key: String,
    /// The verification code printed on the front.
    pub code: String,
    /// The issuing municipality, as printed (新宿区).
    pub municipality: String,
    /// The issue date as printed in Japanese.
    pub issued: String,
    /// The front's blocks in order: one per person listed, each its rows.
    pub sections: Vec<Vec<FrontRow>>,
}

/// Escapes a value for one field of a line: tabs, line breaks and backslashes.
fn escape(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(field: &str) -> Option<String> {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        // A raw tab or carriage return is never written (`escape`): what parses must be what
        // writes (found by fuzzing: a tab inside a header's value).
        if c == '\t' || c == '\r' {
            return None;
        }
        if c == '\\' {
            out.push(match chars.next()? {
                '\\' => '\\',
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                _ => return None,
            });
        } else {
            out.push(c);
        }
    }
    (out.chars().count() <= MAX_VALUE).then_some(out)
}

/// A message key: lowercase ASCII letters, digits and hyphens.
fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Front {
    /// The front as text: a header line, then one line per field, tab-separated.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(256 + 64 * self.sections.len() * 8);
        out.push_str(FRONT_HEADER);
        out.push('\n');
        for (name, value) in [
            ("title", &self.title_key),
            ("code", &self.code),
            ("municipality", &self.municipality),
            ("issued", &self.issued),
        ] {
            out.push_str(name);
            out.push('\t');
            escape(value, &mut out);
            out.push('\n');
        }
        for section in &self.sections {
            out.push_str("section\n");
            for row in section {
                if row.withheld {
                    out.push_str("withheld\t");
                    out.push_str(&row.key);
                } else {
                    out.push_str("row\t");
                    out.push_str(&row.key);
                    out.push('\t');
                    escape(&row.value, &mut out);
                }
                out.push('\n');
            }
        }
        out
    }

    /// Reads a front's text; `None` unless it is exactly what [`Front::to_text`] writes,
    /// within the limits.
    pub fn parse(text: &str) -> Option<Self> {
        let mut lines = text.strip_suffix('\n')?.split('\n');
        if lines.next()? != FRONT_HEADER {
            return None;
        }
        let mut header = |name: &str| -> Option<String> {
            let (n, v) = lines.next()?.split_once('\t')?;
            if n != name {
                return None;
            }
            unescape(v)
        };
        let title_key = header("title")?;
        let code = header("code")?;
        let municipality = header("municipality")?;
        let issued = header("issued")?;
        if !is_key(&title_key) {
            return None;
        }
        let mut sections: Vec<Vec<FrontRow>> = Vec::new();
        for line in lines {
            let mut fields = line.split('\t');
            let row = match (fields.next()?, fields.next(), fields.next(), fields.next()) {
                ("section", None, None, None) => {
                    if sections.len() == MAX_SECTIONS {
                        return None;
                    }
                    sections.push(Vec::new());
                    continue;
                }
                ("row", Some(key), Some(value), None)
                    if is_key(key) && !NEVER_CARRIED.contains(&key) =>
                {
                    FrontRow {
                        key: key.to_owned(),
                        value: unescape(value)?,
                        withheld: false,
                    }
                }
                ("withheld", Some(key), None, None) if is_key(key) => FrontRow::withheld(key),
                _ => return None,
            };
            let section = sections.last_mut()?;
            if section.len() == MAX_ROWS {
                return None;
            }
            section.push(row);
        }
        Some(Self {
            title_key,
            code,
            municipality,
            issued,
            sections,
        })
    }
}

/// Why a scan's symbols do not make a back.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BackProblem {
    /// No symbol of a back was found in the image.
    NoSymbols,
    /// Only the front's QR code (the verification URL) was found: the front was scanned.
    FrontSide,
    /// Some of the back's symbols could not be read (folded, cut off, or too coarse a scan).
    Incomplete {
        /// Symbols read.
        found: usize,
        /// Symbols the back has.
        count: usize,
    },
    /// Symbols of two different backs in one image.
    Mixed,
    /// The symbols were read but do not open with this system's key, or their signature does
    /// not match: altered, or not made by this system.
    Tampered,
}

impl BackProblem {
    /// The problem a reader is shown, on the field `scan`.
    pub fn problem(self) -> FieldError {
        let field = |key: &'static str| FieldError::new("scan", key);
        match self {
            Self::NoSymbols => field("problem-back-no-symbols"),
            Self::FrontSide => field("problem-back-front-side"),
            Self::Incomplete { found, count } => field("problem-back-incomplete")
                .arg("found", found.to_string())
                .arg("count", count.to_string()),
            Self::Mixed => field("problem-back-mixed"),
            Self::Tampered => field("problem-back-tampered"),
        }
    }

    /// A short code for the ledger and logs.
    pub fn code(self) -> &'static str {
        match self {
            Self::NoSymbols => "no-symbols",
            Self::FrontSide => "front-side",
            Self::Incomplete { .. } => "incomplete",
            Self::Mixed => "mixed",
            Self::Tampered => "tampered",
        }
    }
}

/// Cuts sealed bytes into symbols of at most [`SYMBOL_DATA`] bytes each, every one headed by
/// the magic, the back's `id`, its index and the count. `None` when more than [`MAX_SYMBOLS`]
/// would be needed.
pub fn split(sealed: &[u8], id: [u8; 8]) -> Option<Vec<Vec<u8>>> {
    let chunks: Vec<&[u8]> = sealed.chunks(SYMBOL_DATA).collect();
    let count = u8::try_from(chunks.len()).ok()?;
    if chunks.is_empty() || chunks.len() > MAX_SYMBOLS {
        return None;
    }
    Some(
        chunks
            .iter()
            .zip(0u8..)
            .map(|(chunk, index)| {
                let mut symbol = Vec::with_capacity(SYMBOL_HEADER + chunk.len());
                symbol.extend_from_slice(SYMBOL_MAGIC);
                symbol.extend_from_slice(&id);
                symbol.push(index);
                symbol.push(count);
                symbol.extend_from_slice(chunk);
                symbol
            })
            .collect(),
    )
}

/// A back put together: its id (which the sealing binds) and the sealed bytes.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Joined {
    /// The back's id, from every symbol's header.
    pub id: [u8; 8],
    /// The sealed bytes, in order.
    pub sealed: Vec<u8>,
}

/// Puts the symbols read from a scan back together. Symbols that are not a back's are ignored
/// (a URL, say); the same symbol read twice is taken once (a sheet scanned with its neighbour).
pub fn join(symbols: &[Vec<u8>]) -> Result<Joined, BackProblem> {
    let mut id: Option<[u8; 8]> = None;
    let mut count = 0usize;
    let mut parts: BTreeMap<u8, &[u8]> = BTreeMap::new();
    let mut other = false;
    for symbol in symbols {
        let Some(rest) = symbol.strip_prefix(SYMBOL_MAGIC.as_slice()) else {
            other = true;
            continue;
        };
        if rest.len() < SYMBOL_HEADER - SYMBOL_MAGIC.len() + 1 {
            continue;
        }
        let (head, data) = rest.split_at(10);
        let mut this = [0u8; 8];
        this.copy_from_slice(&head[..8]);
        let (index, n) = (head[8], usize::from(head[9]));
        if n == 0 || n > MAX_SYMBOLS || usize::from(index) >= n {
            continue;
        }
        match id {
            None => {
                id = Some(this);
                count = n;
            }
            Some(seen) if seen != this || count != n => return Err(BackProblem::Mixed),
            Some(_) => {}
        }
        if let Some(before) = parts.insert(index, data)
            && before != data
        {
            return Err(BackProblem::Tampered);
        }
    }
    let Some(id) = id else {
        return Err(if other {
            BackProblem::FrontSide
        } else {
            BackProblem::NoSymbols
        });
    };
    if parts.len() != count {
        return Err(BackProblem::Incomplete {
            found: parts.len(),
            count,
        });
    }
    Ok(Joined {
        id,
        sealed: parts.values().flat_map(|d| d.iter().copied()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn sample() -> Front {
        Front {
            title_key: "record-title-copy".into(),
            code: "K7QM-2XRT-9B4D-HW3P".into(),
            municipality: "新宿区".into(),
            issued: "令和8年12月6日".into(),
            sections: vec![vec![
                FrontRow::shown("field-name", "山田 太郎 / ヤマダ タロウ"),
                FrontRow::shown("field-address", "東京都新宿区西新宿二丁目8番1号\t\\"),
                FrontRow::shown("field-individual-number", "1234 5678 9018"),
            ]],
        }
    }

    #[test]
    fn a_front_reads_back_as_written() {
        let front = sample();
        let text = front.to_text();
        assert!(text.starts_with("mynumber-front-v1\ntitle\trecord-title-copy\n"));
        assert!(text.contains("row\tfield-address\t東京都新宿区西新宿二丁目8番1号\\t\\\\\n"));
        assert!(text.contains("withheld\tfield-individual-number\n"));
        assert_eq!(Front::parse(&text), Some(front));
    }

    #[test]
    fn anything_but_the_exact_form_is_refused() {
        let text = sample().to_text();
        for bad in [
            text.replace("mynumber-front-v1", "mynumber-front-v2"),
            text.trim_end().to_owned(),
            text.replace("section\n", ""),
            text.replace("row\tfield-name", "row\tField Name"),
            text.replace("withheld\tfield-individual-number", "withheld\tx\ty"),
            text.replace("\\t", "\\q"),
            format!("{text}row\tfield-sex\n\textra\n"),
            text.replace("code\t", "kode\t"),
            text.replace("issued\t令和8年12月6日", "issued\t令和8年\t12月6日"),
            text.replace("issued\t令和8年12月6日", "issued\t令和8年\r12月6日"),
            // A number is never carried, even by a back made with the key.
            text.replace(
                "withheld\tfield-individual-number",
                "row\tfield-individual-number\t1234 5678 9018",
            ),
        ] {
            assert_eq!(Front::parse(&bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sealed_bytes_survive_the_symbols_in_any_order_and_twice() {
        let sealed: Vec<u8> = (0..2_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut symbols = split(&sealed, *b"backid01").unwrap();
        assert_eq!(symbols.len(), 4);
        assert!(
            symbols
                .iter()
                .all(|s| s.len() <= SYMBOL_HEADER + SYMBOL_DATA)
        );
        symbols.reverse();
        symbols.push(symbols[1].clone());
        symbols.push(b"https://example.org/verify/K7QM".to_vec());
        let joined = join(&symbols).unwrap();
        assert_eq!(joined.id, *b"backid01");
        assert_eq!(joined.sealed, sealed);
    }

    #[test]
    fn a_missing_mixed_or_foreign_symbol_is_named() {
        let sealed = vec![9u8; 1_500];
        let symbols = split(&sealed, *b"backid01").unwrap();
        assert_eq!(
            join(&symbols[..2]),
            Err(BackProblem::Incomplete { found: 2, count: 3 })
        );
        let other = split(&sealed, *b"backid02").unwrap();
        assert_eq!(
            join(&[symbols[0].clone(), other[1].clone()]),
            Err(BackProblem::Mixed)
        );
        assert_eq!(
            join(&[b"https://example.org/verify/K7QM".to_vec()]),
            Err(BackProblem::FrontSide)
        );
        assert_eq!(join(&[]), Err(BackProblem::NoSymbols));
        let mut changed = symbols[0].clone();
        changed[20] ^= 1;
        assert_eq!(
            join(&[symbols[0].clone(), changed]),
            Err(BackProblem::Tampered)
        );
        assert_eq!(
            split(&vec![0u8; SYMBOL_DATA * MAX_SYMBOLS + 1], [0; 8]),
            None
        );
        assert_eq!(split(&[], [0; 8]), None);
    }

    proptest! {
        #[test]
        fn any_front_text_round_trips(
            values in prop::collection::vec("[^\u{0}]{0,40}", 0..8),
            code in "[A-Z0-9-]{0,20}",
        ) {
            let front = Front {
                title_key: "record-title-matters".into(),
                code,
                municipality: "区".into(),
                issued: "2026年12月6日".into(),
                sections: vec![values.iter().map(|v| FrontRow::shown("field-name", v)).collect()],
            };
            prop_assert_eq!(Front::parse(&front.to_text()), Some(front));
        }

        #[test]
        fn parse_and_join_never_panic(text in "\\PC{0,300}", bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let _ = Front::parse(&text);
            let _ = join(&[bytes.clone(), [SYMBOL_MAGIC.as_slice(), &bytes].concat()]);
        }
    }
}
