//! One error type for every HTTP response that is not a success: RFC 9457 problem details.
//!
//! Each app error maps to a status and a stable `code` clients can branch on. Internal errors get
//! a generic body; their cause is logged, never sent. No message carries an Individual Number.
//!
//! Besides the stable code and the English `detail`, every problem carries a `message` in the
//! caller's language (`Accept-Language`, among the ten the residents' catalogs speak; Japanese
//! when none is asked for), and every field problem the field's message (issue 11): a person
//! reading a program's error sees words, not a code. Japanese and English come from the desk
//! catalogs, which have every problem; the other eight from the residents' catalogs, which have
//! every `api-error-…` and the problems the public API raises. A field problem those lack is
//! told in English, which a reader of the eight more likely reads than Japanese.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mynumber_app::AppError;
use mynumber_core::FieldError;
use serde::Serialize;
use utoipa::ToSchema;

tokio::task_local! {
    /// The language the request's reader asked for, while its handler runs.
    static READER: &'static str;
}

/// Runs the request with its reader's language at hand, for the problems it may end in: the
/// first of `Accept-Language` the residents' catalogs speak, else Japanese.
pub(crate) async fn with_reader(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let accepted = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let reader = mynumber_i18n::accepted_language(accepted).unwrap_or("ja");
    READER.scope(reader, next.run(req)).await
}

/// The catalog a problem's words come from: the desk's for Japanese and English (it has every
/// problem), else the residents' in the reader's language.
fn words_for(reader: &str) -> &'static mynumber_i18n::Catalog {
    if mynumber_i18n::DESK_LANGUAGES.contains(&reader) {
        mynumber_i18n::desk_catalog(reader)
    } else {
        mynumber_i18n::catalog(reader)
    }
}

/// A message of the reader's catalog, or the English desk's when theirs lacks it (then `true`).
fn told(
    reader: &str,
    key: &str,
    tell: impl Fn(&mynumber_i18n::Catalog) -> String,
) -> (String, bool) {
    let words = words_for(reader);
    if words.keys().iter().any(|k| k == key) {
        (tell(words), false)
    } else {
        (tell(mynumber_i18n::desk_catalog("en")), true)
    }
}

/// An RFC 9457 problem.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type: `/problems/{code}`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the problem type.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong in this occurrence.
    pub detail: String,
    /// The stable machine-readable code (`invalid-input`, `not-found`, …).
    pub code: String,
    /// What went wrong, for a person, in the language `Accept-Language` asked for (any of the
    /// residents' ten; Japanese when none).
    pub message: String,
    /// For `invalid-input`: every field problem.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// For `wrong-pin`: the tries left before the PIN locks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tries_left: Option<u8>,
    /// For `wrong-pin`: the card file with the try counted, base64. The card counted the try,
    /// so the copy sent no longer opens: hand this one back to the holder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_file: Option<String>,
}

/// One invalid field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field, as named in the request body.
    pub field: String,
    /// What is wrong with it.
    pub problem: String,
    /// What to do about it, for a person, in the language `Accept-Language` asked for.
    pub message: String,
    /// For an uploaded file: the line of the row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Whether `message` is in English because the reader's catalog lacks it (for the
    /// response's `Content-Language`).
    #[serde(skip)]
    pub(crate) english: bool,
}

impl FieldProblem {
    /// A use case's field problem, told in English (`problem`) and in the language of the
    /// request being answered (`message`); `line` for a row of an uploaded file.
    pub(crate) fn of(e: &FieldError, line: Option<u64>) -> Self {
        let reader = READER.try_with(|tag| *tag).unwrap_or("ja");
        let (message, english) = told(reader, e.key, |c| e.message(c));
        Self {
            field: e.field.to_owned(),
            problem: e.problem(),
            message,
            line,
            english,
        }
    }
}

/// An error on its way to becoming a response.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    title: &'static str,
    detail: String,
    errors: Vec<FieldProblem>,
    headers: Vec<(header::HeaderName, HeaderValue)>,
    /// A refused PIN's tries left and card file (base64); boxed, as it is rare and large.
    wrong_pin: Option<Box<(u8, String)>>,
}

impl ApiError {
    /// A problem with the given status, code, title and detail.
    pub fn new(
        status: StatusCode,
        code: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            status,
            code,
            title,
            detail: detail.into(),
            errors: Vec::new(),
            headers: Vec::new(),
            wrong_pin: None,
        }
    }

    /// Adds a header to the response (`Retry-After`, say).
    pub fn with_header(mut self, name: header::HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// 404 for a path that names nothing.
    pub fn no_route() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Not found",
            "no resource at this path",
        )
    }

    /// 405 for a method the path does not accept.
    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Method not allowed",
            "this path does not accept this method; see the Allow header",
        )
    }

    /// 422 for one invalid field of a request: a desk catalog key (`problem-…`) with no
    /// arguments, told in English in `problem` and in the reader's language in `message`.
    pub fn field(field: &'static str, key: &'static str) -> Self {
        Self::invalid(&FieldError::new(field, key))
    }

    /// 422 for one field problem of the use cases, in English for programs (`problem`) and
    /// in the reader's language (`message`).
    pub fn invalid(e: &FieldError) -> Self {
        let mut err = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-input",
            "Invalid input",
            e.to_string(),
        );
        err.errors.push(FieldProblem::of(e, None));
        err
    }

    /// 422 for the rows of an uploaded file, each problem with its line.
    pub(crate) fn rows(detail: String, errors: Vec<FieldProblem>) -> Self {
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-input",
            "Invalid input",
            detail,
        );
        e.errors = errors;
        e
    }

    /// The same problem, told in more words; a server error keeps its generic body (its cause
    /// is logged, never sent).
    pub(crate) fn with_detail(mut self, detail: String) -> Self {
        if self.status.is_client_error() {
            self.detail = detail;
        }
        self
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        use StatusCode as S;
        match e {
            AppError::Conflict => {
                Self::new(S::CONFLICT, "conflict", "Concurrent update", e.to_string())
            }
            AppError::Denied(d) => Self::new(S::FORBIDDEN, "forbidden", "Forbidden", d.to_string()),
            AppError::Invalid(invalid) => {
                let mut err = Self::new(
                    S::UNPROCESSABLE_ENTITY,
                    "invalid-input",
                    "Invalid input",
                    invalid.to_string(),
                );
                err.errors = invalid
                    .0
                    .iter()
                    .map(|f| FieldProblem::of(f, None))
                    .collect();
                err
            }
            AppError::NotFound(what) => Self::new(
                S::NOT_FOUND,
                "not-found",
                "Not found",
                format!("{what} not found"),
            ),
            AppError::NumberNotCurrent => Self::new(
                S::GONE,
                "number-not-current",
                "Individual Number no longer valid",
                "this Individual Number was changed and is no longer valid",
            ),
            AppError::Refused(r) => Self::new(
                S::CONFLICT,
                "procedure-refused",
                "Procedure refused",
                r.to_string(),
            ),
            AppError::ImportedBefore(why) => {
                Self::new(S::CONFLICT, "imported-before", "Imported before", why)
            }
            AppError::Document(d) => Self::new(
                S::UNPROCESSABLE_ENTITY,
                "document-not-genuine",
                "Document not genuine",
                d.to_string(),
            ),
            AppError::NotVerified(why) => Self::new(
                S::UNPROCESSABLE_ENTITY,
                "not-verified",
                "Certificate or signature not verified",
                why.to_string(),
            ),
            AppError::Render(why) => Self::new(
                S::UNPROCESSABLE_ENTITY,
                "render-failed",
                "Document cannot be printed",
                why,
            ),
            AppError::Unavailable(why) => Self::new(
                S::SERVICE_UNAVAILABLE,
                "unavailable",
                "Temporarily unavailable",
                why,
            ),
            AppError::WrongPin(w) => {
                let mut err = Self::new(
                    S::UNPROCESSABLE_ENTITY,
                    "wrong-pin",
                    "Wrong PIN",
                    w.to_string(),
                );
                err.wrong_pin = Some(Box::new((
                    w.tries_left,
                    mynumber_pki::base64_encode(&w.card_file),
                )));
                err
            }
            AppError::Unauthenticated => Self::new(
                S::UNAUTHORIZED,
                "unauthenticated",
                "Authentication required",
                "send a staff token as Authorization: Bearer mn_…",
            ),
            other => {
                // The cause stays in the server's log; the client learns only that it failed.
                tracing::error!(error = %other, "internal error");
                Self::new(
                    S::INTERNAL_SERVER_ERROR,
                    "internal-error",
                    "Internal error",
                    "the server failed; the error is logged",
                )
            }
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        use StatusCode as S;
        match r {
            JsonRejection::MissingJsonContentType(_) => Self::new(
                S::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "send the body as Content-Type: application/json",
            ),
            JsonRejection::BytesRejection(b) if b.status() == S::PAYLOAD_TOO_LARGE => Self::new(
                S::PAYLOAD_TOO_LARGE,
                "body-too-large",
                "Body too large",
                format!("request bodies are limited to {} bytes", crate::BODY_LIMIT),
            ),
            JsonRejection::JsonDataError(e) => Self::new(
                S::UNPROCESSABLE_ENTITY,
                "invalid-body",
                "Invalid body",
                redact_values(&e.body_text()),
            ),
            // A syntax error names the path it reached, keys as sent included.
            other => Self::new(
                S::BAD_REQUEST,
                "malformed-body",
                "Malformed body",
                redact_values(&other.body_text()),
            ),
        }
    }
}

/// serde quotes what it could not read: between backticks (`invalid type: integer
/// `123456789018`, expected a string`) or, for a string, in double quotes with escapes
/// (`invalid type: string "123456789018", expected a sequence`). An Individual Number sent in
/// the wrong type or the wrong field would come back in the error, and into logs. Anything
/// quoted that holds a digit is replaced by `…`; field and type names stay, so the message
/// still says what was wrong. (The double-quoted case was found by the `json_bodies` fuzz
/// target.)
pub(crate) fn redact_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        if c != '`' && c != '"' {
            out.push(c);
            continue;
        }
        // A quoted segment, to its closing quote (a backslash escapes inside double quotes).
        let mut quoted = String::new();
        let mut closed = false;
        while let Some(q) = chars.next() {
            if q == c {
                closed = true;
                break;
            }
            quoted.push(q);
            if c == '"'
                && q == '\\'
                && let Some(escaped) = chars.next()
            {
                quoted.push(escaped);
            }
        }
        out.push(c);
        if quoted.chars().any(char::is_numeric) {
            out.push('…');
        } else {
            out.push_str(&quoted);
        }
        if closed {
            out.push(c);
        }
    }
    redact_digit_runs(&out)
}

/// Replaces every run of 8 or more digits (single spaces or hyphens between them allowed) by
/// `…`: a value serde quotes in a way the quote scan misreads (a backtick inside a variant
/// name, found by the `json_bodies` fuzz target) still cannot carry a number out. Line and
/// column numbers are shorter.
fn redact_digit_runs(message: &str) -> String {
    let chars: Vec<char> = message.chars().collect();
    let mut out = String::with_capacity(message.len());
    let mut i = 0;
    while i < chars.len() {
        // Full-width digits and the separators the number forms accept count too (a Japanese
        // input method types ０-９ by default).
        if !chars[i].is_numeric() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (mut end, mut digits) = (i, 0);
        while end < chars.len() {
            if chars[end].is_numeric() {
                digits += 1;
                end += 1;
            } else if matches!(
                chars[end],
                ' ' | '-' | '\u{3000}' | '\u{FF0D}' | '\u{2010}' | '\u{2212}'
            ) && chars.get(end + 1).is_some_and(|c| c.is_numeric())
            {
                end += 1;
            } else {
                break;
            }
        }
        if digits >= 8 {
            out.push('…');
        } else {
            out.extend(&chars[i..end]);
        }
        i = end;
    }
    out
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status;
        let unauthenticated = status == StatusCode::UNAUTHORIZED;
        let reader = READER.try_with(|tag| *tag).unwrap_or("ja");
        let words = words_for(reader);
        let mut errors = self.errors;
        // A problem the API found itself (a path, a query, a body's encoding) gets the field's
        // general message, which only the desk catalogs have (the residents' `field-…` are
        // labels): in English for a reader of the other eight.
        let general = if mynumber_i18n::DESK_LANGUAGES.contains(&reader) {
            mynumber_i18n::desk_catalog(reader)
        } else {
            mynumber_i18n::desk_catalog("en")
        };
        for e in errors.iter_mut().filter(|e| e.message.is_empty()) {
            let key = format!("field-{}", e.field);
            let text = general.text(&key);
            e.message = if text == key {
                general.text("field-invalid")
            } else {
                text
            };
            e.english = general.tag() != reader;
        }
        // The language of the words sent: the reader's, and English too where a field's message
        // fell back to it.
        let language = if errors.iter().any(|e| e.english) {
            format!("{}, en", words.tag())
        } else {
            words.tag().to_owned()
        };
        let body = Problem {
            kind: format!("/problems/{}", self.code),
            title: self.title.to_owned(),
            status: status.as_u16(),
            detail: self.detail,
            code: self.code.to_owned(),
            message: words.text(&format!("api-error-{}", self.code)),
            errors,
            tries_left: self.wrong_pin.as_ref().map(|w| w.0),
            card_file: self.wrong_pin.map(|w| w.1),
        };
        let mut res = (status, Json(body)).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Ok(tag) = HeaderValue::from_str(&language) {
            res.headers_mut().insert(header::CONTENT_LANGUAGE, tag);
        }
        if unauthenticated {
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        for (name, value) in self.headers {
            res.headers_mut().insert(name, value);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::redact_values;

    #[test]
    fn a_value_serde_quotes_never_comes_back() {
        let m = "Failed to deserialize the JSON body into the target type: number: invalid type: integer `123456789018`, expected a string at line 1 column 24";
        assert_eq!(
            redact_values(m),
            "Failed to deserialize the JSON body into the target type: number: invalid type: integer `…`, expected a string at line 1 column 24"
        );
        let m = "unknown field `shoe_size`, expected one of `kind`, `items`";
        assert_eq!(redact_values(m), m);
        assert_eq!(redact_values("`1234 5678 9018`"), "`…`");
        assert_eq!(
            redact_values(r#"invalid type: string "123456789018", expected a sequence"#),
            r#"invalid type: string "…", expected a sequence"#
        );
        assert_eq!(
            redact_values(r#"invalid type: string "a\"b 1234-5678-9018", expected x"#),
            r#"invalid type: string "…", expected x"#
        );
        assert_eq!(
            redact_values("unknown variant ``123456789018u`, expected x at line 1 column 24"),
            // The scan pairs the quotes wrongly here; what it over-hides is harmless.
            "unknown variant ``…u`…"
        );
        assert_eq!(
            redact_values("unknown field `１２３４５６７８９０１８`"),
            "unknown field `…`"
        );
        assert_eq!(
            redact_values("x: 1234\u{3000}5678\u{3000}9018: expected value at line 1 column 2"),
            "x: …: expected value at line 1 column 2"
        );
        // An unclosed quote still hides what follows it.
        assert_eq!(redact_values("string \"123456789018"), "string \"…");
        assert_eq!(
            redact_values(r#"unknown variant "moved", expected"#),
            r#"unknown variant "moved", expected"#
        );
    }
}
