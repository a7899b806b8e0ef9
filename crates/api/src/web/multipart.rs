//! `multipart/form-data` (RFC 7578 over RFC 2046 §5.1): the desk's forms that carry a file (a
//! card application's photo, a card file at pick-up) without JavaScript. A small parser of
//! outside bytes, fuzzed (`fuzz/fuzz_targets/desk_requests.rs`): it never panics, and refuses
//! what it does not understand rather than guessing.

use memchr::memmem;

/// The most parts one form may have (the card forms have about a dozen fields).
const MAX_PARTS: usize = 64;

/// One field of a form: its name, the file's name if it is a file, and its bytes.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub data: Vec<u8>,
}

impl std::fmt::Debug for Part {
    // A part may be a photo or a card file: its bytes stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Part")
            .field("name", &self.name)
            .field("filename", &self.filename)
            .field("bytes", &self.data.len())
            .finish()
    }
}

/// Why a body is not a form this parser takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// The content type is not `multipart/form-data` with a boundary.
    NotMultipart,
    /// The body does not follow the boundaries and headers RFC 2046 describes.
    Malformed,
    /// More than [`MAX_PARTS`] parts.
    TooManyParts,
}

/// The boundary of a `multipart/form-data` content type, if it is one.
pub(crate) fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = params(content_type)?;
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.into_iter().find_map(|(key, value)| {
        // RFC 2046 §5.1.1: 1 to 70 characters.
        (key == "boundary" && (1..=70).contains(&value.len())).then_some(value)
    })
}

/// A header value's first item and its parameters (`kind; key=value; key="a;b"`): split on
/// the semicolons outside quotes, a quoted value unquoted (RFC 9110 §5.6.4 quoted-string, with
/// its backslash escapes), keys in lower case. `None` for a quote left open.
fn params(value: &str) -> Option<(String, Vec<(String, String)>)> {
    // Each item: its text outside quotes, and what was inside them.
    let mut items: Vec<(String, Option<String>)> = vec![(String::new(), None)];
    let (mut quoted, mut escaped) = (false, false);
    for c in value.chars() {
        let (text, inside) = items.last_mut()?;
        if escaped {
            inside.get_or_insert_with(String::new).push(c);
            escaped = false;
        } else if quoted && c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
            inside.get_or_insert_with(String::new);
        } else if quoted {
            inside.get_or_insert_with(String::new).push(c);
        } else if c == ';' {
            items.push((String::new(), None));
        } else {
            text.push(c);
        }
    }
    if quoted || escaped {
        return None;
    }
    let mut items = items.into_iter();
    let kind = items.next()?.0.trim().to_owned();
    let params = items
        .filter_map(|(text, inside)| {
            let (key, bare) = text.split_once('=')?;
            let value = inside.unwrap_or_else(|| bare.trim().to_owned());
            Some((key.trim().to_ascii_lowercase(), value))
        })
        .collect();
    Some((kind, params))
}

/// The parts of `body`, in order.
pub(crate) fn parse(content_type: &str, body: &[u8]) -> Result<Vec<Part>, Refused> {
    let boundary = boundary(content_type).ok_or(Refused::NotMultipart)?;
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let next_delimiter = format!("\r\n--{boundary}");
    let finder = memmem::Finder::new(next_delimiter.as_bytes());
    // The first delimiter opens the body (a preamble before it is ignored).
    let start = if body.starts_with(delimiter) {
        0
    } else {
        finder.find(body).ok_or(Refused::Malformed)? + 2
    };
    let mut rest = body
        .get(start + delimiter.len()..)
        .ok_or(Refused::Malformed)?;
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        // Transport padding (spaces and tabs) may follow a delimiter before its line break.
        let skip = rest
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        rest = rest
            .get(skip..)
            .and_then(|r| r.strip_prefix(b"\r\n"))
            .ok_or(Refused::Malformed)?;
        let header_end = memmem::find(rest, b"\r\n\r\n").ok_or(Refused::Malformed)?;
        let headers = rest.get(..header_end).ok_or(Refused::Malformed)?;
        let after_headers = rest.get(header_end + 4..).ok_or(Refused::Malformed)?;
        let data_end = finder.find(after_headers).ok_or(Refused::Malformed)?;
        let (name, filename) = disposition(headers)?;
        if parts.len() == MAX_PARTS {
            return Err(Refused::TooManyParts);
        }
        parts.push(Part {
            name,
            filename,
            data: after_headers.get(..data_end).unwrap_or_default().to_vec(),
        });
        rest = after_headers
            .get(data_end + next_delimiter.len()..)
            .ok_or(Refused::Malformed)?;
    }
}

/// The field's name and file name from a part's `Content-Disposition: form-data` header.
fn disposition(headers: &[u8]) -> Result<(String, Option<String>), Refused> {
    let headers = std::str::from_utf8(headers).map_err(|_| Refused::Malformed)?;
    let value = headers
        .split("\r\n")
        .find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case("content-disposition")
                .then_some(value)
        })
        .ok_or(Refused::Malformed)?;
    let (kind, params) = params(value).ok_or(Refused::Malformed)?;
    if !kind.eq_ignore_ascii_case("form-data") {
        return Err(Refused::Malformed);
    }
    let (mut name, mut filename) = (None, None);
    for (key, value) in params {
        match key.as_str() {
            "name" => name = Some(value),
            "filename" => filename = Some(value),
            _ => {}
        }
    }
    Ok((name.ok_or(Refused::Malformed)?, filename))
}

/// The text of the first part named `name` (empty if none, or not UTF-8).
pub(crate) fn text<'a>(parts: &'a [Part], name: &str) -> &'a str {
    parts
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| std::str::from_utf8(&p.data).ok())
        .unwrap_or_default()
}

/// The texts of every part named `name` (a group of check boxes).
pub(crate) fn texts<'a>(parts: &'a [Part], name: &str) -> Vec<&'a str> {
    parts
        .iter()
        .filter(|p| p.name == name)
        .filter_map(|p| std::str::from_utf8(&p.data).ok())
        .collect()
}

/// The bytes of the file part named `name`, if one was chosen (a browser sends an empty part
/// with an empty file name when none was).
pub(crate) fn file<'a>(parts: &'a [Part], name: &str) -> Option<&'a [u8]> {
    parts
        .iter()
        .find(|p| p.name == name && p.filename.as_deref().is_some_and(|f| !f.is_empty()))
        .map(|p| p.data.as_slice())
        .filter(|d| !d.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPE: &str = "multipart/form-data; boundary=----WebKitFormBoundaryX3";

    fn body(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, filename, data) in parts {
            out.extend_from_slice(b"------WebKitFormBoundaryX3\r\n");
            match filename {
                Some(f) => out.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
                ),
                None => out.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"------WebKitFormBoundaryX3--\r\n");
        out
    }

    #[test]
    fn a_browsers_form_is_read_back_field_by_field() {
        let photo: &[u8] = b"\xff\xd8\r\n--not the boundary\r\n\xff\xd9";
        let parts = parse(
            TYPE,
            &body(&[
                ("csrf", None, b"ab"),
                ("photo", Some("face.jpg"), photo),
                ("document", None, b"passport"),
                ("document", None, b"health-insurance"),
                ("card_file", Some(""), b""),
            ]),
        )
        .unwrap();
        assert_eq!(text(&parts, "csrf"), "ab");
        assert_eq!(file(&parts, "photo"), Some(photo));
        assert_eq!(texts(&parts, "document"), ["passport", "health-insurance"]);
        assert_eq!(file(&parts, "card_file"), None, "no file chosen");
        assert_eq!(text(&parts, "missing"), "");
        assert_eq!(
            boundary("multipart/form-data; boundary=\"a b\""),
            Some("a b".into())
        );
        assert_eq!(boundary("application/x-www-form-urlencoded"), None);
        // Semicolons and escaped quotes inside quotes belong to the value.
        assert_eq!(
            boundary("multipart/form-data; boundary=\"a;b\"; charset=utf-8"),
            Some("a;b".into())
        );
        assert_eq!(boundary("multipart/form-data; boundary=\"open"), None);
        let named = body(&[("card_file", Some("my;card \\\"1\\\".mnc"), b"x")]);
        let parts = parse(TYPE, &named).unwrap();
        assert_eq!(parts[0].filename.as_deref(), Some("my;card \"1\".mnc"));
        assert_eq!(file(&parts, "card_file"), Some(&b"x"[..]));
    }

    #[test]
    fn what_is_not_a_form_is_refused() {
        let good = body(&[("a", None, b"1")]);
        assert_eq!(parse("text/plain", &good), Err(Refused::NotMultipart));
        for bad in [
            &b""[..],
            b"------WebKitFormBoundaryX3",
            b"------WebKitFormBoundaryX3\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",
            b"------WebKitFormBoundaryX3\r\nX: y\r\n\r\n1\r\n------WebKitFormBoundaryX3--",
            b"------WebKitFormBoundaryX3\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n------WebKitFormBoundaryX3--",
        ] {
            assert_eq!(parse(TYPE, bad), Err(Refused::Malformed), "{bad:?}");
        }
        let many: Vec<(&str, Option<&str>, &[u8])> =
            (0..=MAX_PARTS).map(|_| ("a", None, &b"1"[..])).collect();
        assert_eq!(parse(TYPE, &body(&many)), Err(Refused::TooManyParts));
        // Truncated anywhere: refused or read, never a panic.
        for cut in 0..good.len() {
            let _ = parse(TYPE, &good[..cut]);
        }
    }
}
