//! The import file's layout (its columns, the header check, a record as an [`ImportRow`]) and a
//! reader that bounds how long one record may be: outside bytes, parsed before anything is
//! validated, so kept here where the fuzz targets reach them.

use std::io::{self, Read};

use mynumber_core::{CarriedIdentity, FieldError, ForeignInput, NameInput, ResidentInput};

use crate::ImportRow;

/// The import columns, in export order (documented in the README).
pub const COLUMNS: [&str; 18] = [
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "latin_name",
    "alias",
    "birth_date",
    "sex",
    "nationality",
    "residence_card_number",
    "status_of_residence",
    "period_of_stay_until",
    "prefecture",
    "municipality_code",
    "address",
    "household",
    "relationship",
    "preferred_language",
];

/// Columns that may be left out of the header (their values are then empty).
const OPTIONAL: [&str; 8] = [
    "family_name_kana",
    "given_name_kana",
    "latin_name",
    "alias",
    "nationality",
    "residence_card_number",
    "status_of_residence",
    "period_of_stay_until",
];

/// The longest record accepted, in bytes. A register row is a few hundred bytes; a record
/// longer than this is a broken file (an unclosed quote) or an attack, and reading it whole
/// would hold it in memory (issue 9: a 200 MB field took 624 MB).
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

/// What the file's people get: new codes and numbers, or those they hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Each row gets a new 住民票コード and number (and a notification letter). An export's
    /// `resident_code` column is accepted and ignored; an `individual_number` column is refused.
    New,
    /// 移行 (`--existing`): each row carries the `resident_code` and `individual_number` its
    /// person holds, and keeps them; no letter is queued.
    Existing,
}

/// Where each column is in a file with this header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// The position of each of [`COLUMNS`], if present.
    pub index: Vec<Option<usize>>,
    /// The positions of `resident_code` and `individual_number` ([`Layout::Existing`]).
    pub carried: Option<(usize, usize)>,
}

/// Where each of [`COLUMNS`] is in a file with this header, or why the header is refused.
pub fn column_index<'a>(
    header: impl IntoIterator<Item = &'a str>,
    layout: Layout,
) -> Result<Columns, FieldError> {
    let names: Vec<&str> = header.into_iter().map(str::trim).collect();
    let position = |name: &str| names.iter().position(|n| *n == name);
    let problem = |key: &'static str| FieldError::new("header", key);
    let carried = match layout {
        Layout::New if names.contains(&"individual_number") => {
            return Err(problem("problem-import-number-column"));
        }
        Layout::New => None,
        Layout::Existing => match (position("resident_code"), position("individual_number")) {
            (Some(code), Some(number)) => Some((code, number)),
            _ => return Err(problem("problem-import-existing-columns")),
        },
    };
    if let Some((at, unknown)) = names
        .iter()
        .enumerate()
        .find(|(_, n)| !COLUMNS.contains(n) && **n != "resident_code" && **n != "individual_number")
    {
        // A file without its header row puts a resident's data here, a name or a number: only
        // a cell that reads as a column name is repeated (an error message is not a place for
        // personal data).
        let named = unknown.len() <= 40
            && unknown.chars().any(|c| c.is_ascii_lowercase())
            && unknown.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        return Err(if named {
            problem("problem-import-unknown-column")
                .arg("given", format!("{unknown:?}"))
                .arg("codes", COLUMNS.join(", "))
        } else {
            problem("problem-import-not-a-column")
                .arg("position", at + 1)
                .arg("codes", COLUMNS.join(", "))
        });
    }
    if let Some(twice) = names
        .iter()
        .enumerate()
        .find(|(i, n)| names[..*i].contains(n))
    {
        return Err(problem("problem-import-column-twice").arg("given", format!("{:?}", twice.1)));
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| !OPTIONAL.contains(c) && !names.contains(c))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(problem("problem-import-columns-missing").arg("codes", missing.join(", ")));
    }
    Ok(Columns {
        index: COLUMNS.iter().map(|c| position(c)).collect(),
        carried,
    })
}

/// The row on `line` whose fields `field(i)` gives (by position in the file), laid out by
/// `columns` from [`column_index`]. Only the carried code and number are checked here, so that
/// the row never holds a number as raw text.
pub fn to_row<'a>(
    field: impl Fn(usize) -> Option<&'a str>,
    columns: &Columns,
    line: u64,
) -> ImportRow {
    let at = |position: usize| field(position).unwrap_or_default().trim();
    let get = |col: usize| -> String {
        columns
            .index
            .get(col)
            .copied()
            .flatten()
            .map(at)
            .unwrap_or_default()
            .to_owned()
    };
    let opt = |col: usize| Some(get(col)).filter(|s| !s.is_empty());
    let nationality = get(8);
    let foreign = (!nationality.is_empty() && !nationality.eq_ignore_ascii_case("JP")).then(|| {
        ForeignInput {
            nationality,
            residence_card_number: opt(9),
            status_of_residence: get(10),
            period_of_stay_until: opt(11),
        }
    });
    ImportRow {
        line,
        carried: columns
            .carried
            .map(|(code, number)| CarriedIdentity::parse(at(code), at(number))),
        household: get(15),
        input: ResidentInput {
            name: NameInput {
                family: get(0),
                given: get(1),
                family_kana: opt(2),
                given_kana: opt(3),
                latin: opt(4),
                alias: opt(5),
            },
            birth_date: get(6),
            sex: get(7),
            prefecture: get(12),
            municipality_code: get(13),
            address: get(14),
            relationship: get(16),
            preferred_language: get(17),
            foreign,
        },
    }
}

/// A record's fields in [`COLUMNS`] order, for export (and the sample generator).
pub fn fields(input: &ResidentInput, household: &str) -> [String; 18] {
    let n = &input.name;
    let f = input.foreign.as_ref();
    let o = |s: Option<&String>| s.cloned().unwrap_or_default();
    [
        n.family.clone(),
        n.given.clone(),
        o(n.family_kana.as_ref()),
        o(n.given_kana.as_ref()),
        o(n.latin.as_ref()),
        o(n.alias.as_ref()),
        input.birth_date.clone(),
        input.sex.clone(),
        f.map(|f| f.nationality.clone()).unwrap_or_default(),
        o(f.and_then(|f| f.residence_card_number.as_ref())),
        f.map(|f| f.status_of_residence.clone()).unwrap_or_default(),
        o(f.and_then(|f| f.period_of_stay_until.as_ref())),
        input.prefecture.clone(),
        input.municipality_code.clone(),
        input.address.clone(),
        household.to_owned(),
        input.relationship.clone(),
        input.preferred_language.clone(),
    ]
}

/// The text encoding of an import file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileEncoding {
    /// UTF-8 (Excel's "CSV UTF-8"; a byte-order mark is allowed).
    Utf8,
    /// Shift_JIS as Windows writes it (CP932, Windows-31J): Excel's default CSV in Japan, and
    /// what most municipal systems export.
    Cp932,
}

impl FileEncoding {
    /// `utf-8` or `cp932` (also `shift_jis`, `sjis`, `windows-31j`), any case.
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Self::Utf8),
            "cp932" | "shift_jis" | "shift-jis" | "sjis" | "windows-31j" | "ms932" => {
                Some(Self::Cp932)
            }
            _ => None,
        }
    }
}

/// Whether `src` continues validly under `decoder` (`last`: it ends the input). The text
/// itself is decoded into `scratch` and dropped.
fn decodes(
    decoder: &mut encoding_rs::Decoder,
    mut src: &[u8],
    last: bool,
    scratch: &mut [u8],
) -> bool {
    loop {
        let (result, read, _) = decoder.decode_to_utf8_without_replacement(src, scratch, last);
        src = src.get(read..).unwrap_or_default();
        match result {
            encoding_rs::DecoderResult::InputEmpty => return true,
            encoding_rs::DecoderResult::OutputFull => {}
            encoding_rs::DecoderResult::Malformed(..) => return false,
        }
    }
}

/// Tells a file's encoding from all its bytes: UTF-8 when every byte sequence is UTF-8 (a
/// Shift_JIS file with any Japanese text in it practically never is), otherwise CP932 when it
/// decodes as CP932 throughout. Fed in chunks, as the file's digest is computed.
pub struct EncodingSniffer {
    utf8: Option<encoding_rs::Decoder>,
    cp932: Option<encoding_rs::Decoder>,
    scratch: Vec<u8>,
}

impl std::fmt::Debug for EncodingSniffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EncodingSniffer")
            .field("utf8", &self.utf8.is_some())
            .field("cp932", &self.cp932.is_some())
            .finish()
    }
}

impl Default for EncodingSniffer {
    fn default() -> Self {
        Self {
            utf8: Some(encoding_rs::UTF_8.new_decoder_with_bom_removal()),
            cp932: Some(encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling()),
            scratch: vec![0; 64 * 1024],
        }
    }
}

impl EncodingSniffer {
    /// Takes the next bytes of the file.
    pub fn update(&mut self, bytes: &[u8]) {
        for slot in [&mut self.utf8, &mut self.cp932] {
            if let Some(d) = slot
                && !decodes(d, bytes, false, &mut self.scratch)
            {
                *slot = None;
            }
        }
    }

    /// The encoding, once every byte was given; `None` when the file is neither.
    pub fn finish(mut self) -> Option<FileEncoding> {
        let mut ends = |slot: Option<encoding_rs::Decoder>| {
            slot.is_some_and(|mut d| decodes(&mut d, &[], true, &mut self.scratch))
        };
        if ends(self.utf8.take()) {
            Some(FileEncoding::Utf8)
        } else if ends(self.cp932.take()) {
            Some(FileEncoding::Cp932)
        } else {
            None
        }
    }
}

/// A reader of a CP932 file as UTF-8 text. Windows' table (that of the WHATWG Encoding
/// Standard's Shift_JIS) is used, so 0x8160 reads as U+FF5E ～ as Excel wrote it; the core folds
/// the JIS forms of the characters the two tables disagree on into these (`text::clean`).
pub struct Cp932Reader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    done: bool,
    /// Bytes decoded so far, for the error message.
    offset: u64,
}

impl<R> std::fmt::Debug for Cp932Reader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cp932Reader")
            .field("offset", &self.offset)
            .finish()
    }
}

impl<R: Read> Cp932Reader<R> {
    /// Decodes `inner`.
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            decoder: encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling(),
            input: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            eof: false,
            done: false,
            offset: 0,
        }
    }
}

impl<R: Read> Read for Cp932Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.done || out.is_empty() {
                return Ok(0);
            }
            if self.start == self.end && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.eof = n == 0;
                (self.start, self.end) = (0, n);
            }
            let src = self.input.get(self.start..self.end).unwrap_or_default();
            let (result, read, written) = self
                .decoder
                .decode_to_utf8_without_replacement(src, out, self.eof);
            self.start += read;
            self.offset += read as u64;
            match result {
                encoding_rs::DecoderResult::Malformed(..) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!(
                            "byte {} is not CP932 (Shift_JIS) text; give the file's encoding \
                             with --encoding",
                            self.offset
                        ),
                    ));
                }
                encoding_rs::DecoderResult::InputEmpty if self.eof => self.done = true,
                encoding_rs::DecoderResult::InputEmpty => {}
                encoding_rs::DecoderResult::OutputFull if written == 0 => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "a read buffer too small for one decoded character",
                    ));
                }
                encoding_rs::DecoderResult::OutputFull => {}
            }
            if written > 0 {
                return Ok(written);
            }
        }
    }
}

/// Where a CSV reader is within a record, as csv-core reads RFC 4180 (a quote opens a quoted
/// field only at the field's start; `""` inside one is a quote; a record ends at `\n` or `\r`
/// outside quotes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the field's end, or the first of `""`.
    QuoteInQuoted,
}

/// A reader of CSV bytes that fails once one record (quoted newlines belong to the record)
/// runs longer than a bound, so that no field is ever held whole past it. It follows the
/// quotes as the CSV reader does: a quote in the middle of an unquoted field is a character,
/// and cannot put the two out of step (a review found that a bound counting every quote could
/// be walked around that way).
#[derive(Debug)]
pub struct RecordLimit<R> {
    inner: R,
    max: usize,
    at: At,
    length: usize,
    /// The line the current record began on.
    line: u64,
    lines: u64,
}

impl<R: Read> RecordLimit<R> {
    /// Bounds records read from `inner` to `max` bytes.
    pub fn new(inner: R, max: usize) -> Self {
        Self {
            inner,
            max,
            at: At::FieldStart,
            length: 0,
            line: 1,
            lines: 1,
        }
    }

    /// Takes one byte; true when it ends a record.
    fn step(&mut self, b: u8) -> bool {
        let (next, ends) = match (self.at, b) {
            (At::Quoted, b'"') => (At::QuoteInQuoted, false),
            (At::Quoted, _) => (At::Quoted, false),
            (At::QuoteInQuoted, b'"') => (At::Quoted, false),
            (At::FieldStart, b'"') => (At::Quoted, false),
            (_, b',') => (At::FieldStart, false),
            (_, b'\n' | b'\r') => (At::FieldStart, true),
            (_, _) => (At::Unquoted, false),
        };
        self.at = next;
        ends
    }
}

impl<R: Read> Read for RecordLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in buf.iter().take(n) {
            if b == b'\n' {
                self.lines += 1;
            }
            if self.step(b) {
                self.length = 0;
                self.line = self.lines;
                continue;
            }
            self.length += 1;
            if self.length > self.max {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "the record beginning on line {} is longer than {} KiB (an unclosed quote?); \
                         nothing after it was read",
                        self.line,
                        self.max / 1024
                    ),
                ));
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], max: usize) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        RecordLimit::new(bytes, max).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn records_up_to_the_bound_pass_and_longer_ones_fail_naming_their_line() {
        assert!(read_all(b"abcd\nefgh\n", 4).is_ok());
        let e = read_all(b"abcd\nefghi\n", 4).unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        // Newlines inside quotes belong to the record.
        let e = read_all(b"a\n\"b\nc\nd\"\n", 5).unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(read_all(b"a\n\"b\"\"c\"\n\"d\"\n", 8).is_ok());
        // A quote inside an unquoted field is a character: it cannot put the bound out of step
        // with the reader (quoted newlines after it still count).
        let e = read_all(b"a\"b,\"x\ny\nz\nw\"\n", 8).unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        assert!(read_all(b"a\"b,c\nd\n", 8).is_ok());
        // A bare CR ends a record, as the reader takes it.
        assert!(read_all(b"abcd\refgh\r", 4).is_ok());
        // An unclosed quote runs to the bound, not to the end of memory.
        let mut big = b"x,\"".to_vec();
        big.extend(std::iter::repeat_n(b'y', 100_000));
        assert!(read_all(&big, MAX_RECORD_BYTES).is_err());
    }

    /// Bytes as Windows' Excel writes them (CP932), checked against Python's `cp932` codec:
    /// `"山田,〜－＼\n".encode("cp932")` (the ～ and － typed as Windows maps them).
    const CP932_SAMPLE: &[u8] = b"\x8eR\x93c,\x81\x60\x81\x7c\x81\x5f\n";

    fn decode(bytes: &[u8]) -> io::Result<String> {
        let mut out = String::new();
        // A small buffer too: a character split across reads must come out whole.
        let mut reader = io::BufReader::with_capacity(5, Cp932Reader::new(bytes));
        reader.read_to_string(&mut out)?;
        Ok(out)
    }

    #[test]
    fn cp932_reads_as_windows_wrote_it() {
        assert_eq!(
            decode(CP932_SAMPLE).unwrap(),
            "山田,\u{FF5E}\u{FF0D}\u{FF3C}\n"
        );
        assert_eq!(decode(b"").unwrap(), "");
        let e = decode(b"ok,\x81").unwrap_err();
        assert!(e.to_string().contains("not CP932"), "{e}");
        assert_eq!(FileEncoding::parse("Shift_JIS"), Some(FileEncoding::Cp932));
        assert_eq!(FileEncoding::parse("UTF-8"), Some(FileEncoding::Utf8));
        assert_eq!(FileEncoding::parse("latin1"), None);
    }

    #[test]
    fn the_encoding_is_told_from_every_byte() {
        let sniff = |chunks: &[&[u8]]| {
            let mut s = EncodingSniffer::default();
            for c in chunks {
                s.update(c);
            }
            s.finish()
        };
        let utf8 = "山田,太郎\n".as_bytes();
        assert_eq!(sniff(&[utf8]), Some(FileEncoding::Utf8));
        // A UTF-8 character split between two chunks is still UTF-8.
        assert_eq!(sniff(&[&utf8[..1], &utf8[1..]]), Some(FileEncoding::Utf8));
        assert_eq!(sniff(&[b"\xef\xbb\xbfa,b\n"]), Some(FileEncoding::Utf8));
        assert_eq!(sniff(&[b"ascii,only\n"]), Some(FileEncoding::Utf8));
        assert_eq!(sniff(&[CP932_SAMPLE]), Some(FileEncoding::Cp932));
        assert_eq!(
            sniff(&[&CP932_SAMPLE[..1], &CP932_SAMPLE[1..]]),
            Some(FileEncoding::Cp932)
        );
        // Neither: a lone lead byte at the end, a byte no table has.
        assert_eq!(sniff(&[b"a,\x81"]), None);
        assert_eq!(sniff(&[b"a,\xa0\xff\x80"]), None);
    }

    #[test]
    fn the_header_is_checked() {
        let new = Layout::New;
        assert_eq!(column_index(COLUMNS, new).unwrap().carried, None);
        let with_number: Vec<&str> = COLUMNS
            .iter()
            .copied()
            .chain(["individual_number"])
            .collect();
        let e = column_index(with_number.clone(), new)
            .unwrap_err()
            .problem();
        assert!(
            e.contains("individual_number") && e.contains("--existing"),
            "{e}"
        );
        let twice: Vec<&str> = COLUMNS.iter().copied().chain(["alias"]).collect();
        assert!(
            column_index(twice, new)
                .unwrap_err()
                .problem()
                .contains("twice")
        );
        let e = column_index(["family_name", "given_name"], new)
            .unwrap_err()
            .problem();
        assert!(e.contains("birth_date"), "{e}");
        // A migration needs both carried columns, wherever they are.
        let e = column_index(with_number.clone(), Layout::Existing)
            .unwrap_err()
            .problem();
        assert!(e.contains("resident_code"), "{e}");
        let both: Vec<&str> = ["resident_code"].into_iter().chain(with_number).collect();
        let columns = column_index(both, Layout::Existing).unwrap();
        assert_eq!(columns.carried, Some((0, COLUMNS.len() + 1)));
        assert_eq!(columns.index[0], Some(1));
    }

    #[test]
    fn a_carried_row_holds_its_code_and_number_checked_and_never_as_text() {
        let mut header = vec!["resident_code", "individual_number"];
        header.extend(COLUMNS);
        let columns = column_index(header, Layout::Existing).unwrap();
        // Synthetic: a number whose check digit holds (facts §1.2 vector), and one off by one.
        let mut fields = vec!["12345678904".to_owned(), "123456789018".to_owned()];
        fields.extend(COLUMNS.iter().map(|c| format!("{c}-value")));
        let row = to_row(|i| fields.get(i).map(String::as_str), &columns, 7);
        let carried = row.carried.clone().unwrap().unwrap();
        assert_eq!(carried.resident_code.digits(), "12345678904");
        assert_eq!(row.input.name.family, "family_name-value");
        assert!(!format!("{row:?}").contains("123456789018"));
        fields[1] = "123456789017".to_owned();
        let row = to_row(|i| fields.get(i).map(String::as_str), &columns, 7);
        let e = row.carried.unwrap().unwrap_err();
        assert_eq!(e.0[0].field, "individual_number");
        assert!(!e.0[0].to_string().contains("12345678901"), "{e:?}");
    }
}
