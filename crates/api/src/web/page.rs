//! What every desk page shares: the reader's language, the catalog's words, the header's
//! staff member and language switch, the error summary, and the error pages.

use askama::Template;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use mynumber_app::AppError;
use mynumber_core::Principal;
use mynumber_i18n::{Arg, Catalog, DESK_LANGUAGES, desk_catalog};

use super::{LANG_COOKIE, cookie};

/// The staff screens' language: one of the desk catalogs' tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Lang(pub &'static str);

impl Lang {
    /// The language chosen with the switch (its cookie), else the browser's first desk language
    /// in `Accept-Language`, else Japanese.
    pub(crate) fn of(headers: &HeaderMap) -> Self {
        if let Some(tag) = cookie(headers, LANG_COOKIE).and_then(Self::known) {
            return Self(tag);
        }
        let accepted = headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        // Quality values are ignored: the list is in the order the browser prefers.
        accepted
            .split(',')
            .filter_map(|item| item.split(';').next())
            .filter_map(|tag| tag.trim().split('-').next())
            .find_map(Self::known)
            .map_or(Self("ja"), Self)
    }

    /// The desk tag for `tag`, if the desk is written in it.
    pub(crate) fn known(tag: &str) -> Option<&'static str> {
        DESK_LANGUAGES
            .iter()
            .copied()
            .find(|t| t.eq_ignore_ascii_case(tag.trim()))
    }
}

/// Words from the desk catalog of one language.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Labels(&'static Catalog);

impl Labels {
    pub(crate) fn new(lang: Lang) -> Self {
        Self(desk_catalog(lang.0))
    }

    /// A message without placeholders.
    pub(crate) fn t(&self, key: &str) -> String {
        self.0.text(key)
    }

    /// A message with one text placeholder.
    pub(crate) fn with(&self, key: &str, name: &str, value: &str) -> String {
        self.0.format(key, &[(name, Arg::Text(value))])
    }

    /// A message with text placeholders.
    pub(crate) fn args(&self, key: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(k, v)| (*k, Arg::Text(v))).collect();
        self.0.format(key, &args)
    }

    /// A message with one number placeholder (plurals).
    pub(crate) fn count(&self, key: &str, n: i64) -> String {
        self.0.format(key, &[("count", Arg::Number(n))])
    }

    /// A calendar date as the reader writes it (2026年12月3日, 3 Dec 2026).
    pub(crate) fn date(&self, d: jiff::civil::Date) -> String {
        self.0.format(
            "date",
            &[
                ("year", Arg::Number(d.year().into())),
                ("month", Arg::Number(d.month().into())),
                ("day", Arg::Number(d.day().into())),
            ],
        )
    }

    /// A date of birth as the reader writes it, with the Japanese era (和暦) beside a Japanese
    /// national's (1990年1月15日（平成2年）), as the clerk finds it on their documents; a foreign
    /// resident's is Gregorian only, as theirs are (docs/design/documents.md).
    pub(crate) fn birth_date(&self, d: jiff::civil::Date, national: bool) -> String {
        let date = self.date(d);
        match mynumber_core::dates::era_of(d) {
            Some((era, year)) if national => self.0.format(
                "date-with-era",
                &[
                    ("date", Arg::Text(&date)),
                    ("era", Arg::Number(era.into())),
                    ("year", Arg::Number(year.into())),
                ],
            ),
            _ => date,
        }
    }

    /// A moment (µs) in Japan time, as the reader writes it; never a raw ISO timestamp.
    pub(crate) fn moment(&self, at_us: i64) -> String {
        moment_in(self.0, at_us)
    }
}

/// A moment (µs) in Japan time, in the words of any catalog with a `date-time` message.
pub(crate) fn moment_in(c: &Catalog, at_us: i64) -> String {
    let Ok(t) = jiff::Timestamp::from_microsecond(at_us) else {
        return String::new();
    };
    let dt = jiff::tz::offset(9).to_datetime(t);
    let minute = format!("{:02}", dt.minute());
    c.format(
        "date-time",
        &[
            ("year", Arg::Number(dt.year().into())),
            ("month", Arg::Number(dt.month().into())),
            ("day", Arg::Number(dt.day().into())),
            ("hour", Arg::Number(dt.hour().into())),
            ("minute", Arg::Text(&minute)),
        ],
    )
}

/// Yen with a thousands separator (1,000), as every language the pages speak writes it.
pub(crate) fn format_yen(yen: impl Into<i64>) -> String {
    let yen: i64 = yen.into();
    let digits = yen.unsigned_abs().to_string();
    let mut out = String::from(if yen < 0 { "-" } else { "" });
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn yen_read_as_people_write_them() {
        assert_eq!(super::format_yen(800), "800");
        assert_eq!(super::format_yen(1_000), "1,000");
        assert_eq!(super::format_yen(1_234_567), "1,234,567");
        assert_eq!(super::format_yen(-1_000_i64), "-1,000");
    }

    #[test]
    fn a_national_s_date_of_birth_carries_its_era_and_a_foreign_resident_s_does_not() {
        use super::{Labels, Lang};
        let (ja, en) = (Labels::new(Lang("ja")), Labels::new(Lang("en")));
        let d = |y, m, d| jiff::civil::date(y, m, d);
        assert_eq!(
            ja.birth_date(d(1990, 1, 15), true),
            "1990年1月15日（平成2年）"
        );
        assert_eq!(
            ja.birth_date(d(2019, 5, 1), true),
            "2019年5月1日（令和元年）"
        );
        assert_eq!(
            ja.birth_date(d(1989, 1, 7), true),
            "1989年1月7日（昭和64年）"
        );
        assert_eq!(ja.birth_date(d(1990, 1, 15), false), "1990年1月15日");
        assert_eq!(
            en.birth_date(d(1990, 1, 15), true),
            "15 Jan 1990 (Heisei 2)"
        );
        assert_eq!(en.birth_date(d(1990, 1, 15), false), "15 Jan 1990");
    }
}

/// What a signed-in desk request carries (the door's guard puts it in the extensions).
#[derive(Clone)]
pub(crate) struct DeskContext {
    /// Who acts.
    pub principal: Principal,
    /// The token the page's forms carry.
    pub csrf: String,
    /// The session cookie (to sign out).
    pub cookie: String,
}

impl std::fmt::Debug for DeskContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeskContext")
            .field("principal", &self.principal)
            .finish_non_exhaustive()
    }
}

/// A link of the language switch.
#[derive(Clone, Debug)]
pub(crate) struct LanguageLink {
    pub tag: &'static str,
    pub name: String,
    pub href: String,
    pub current: bool,
}

/// The signed-in staff member, as the header shows them.
#[derive(Clone, Debug)]
pub(crate) struct StaffLabel {
    pub label: String,
}

/// An item of the navigation: shown only to staff whom the policy lets do its action (the
/// door asks again).
#[derive(Clone, Debug)]
pub(crate) struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub section: &'static str,
}

/// A problem with one field: the field's id (for the summary's link) and what is wrong.
#[derive(Clone, Debug)]
pub(crate) struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// The frame of every desk page.
#[derive(Clone, Debug)]
pub(crate) struct Page {
    pub lang: &'static str,
    pub l: Labels,
    pub title: String,
    pub csrf: String,
    pub staff: Option<StaffLabel>,
    pub nav: Vec<NavItem>,
    pub languages: Vec<LanguageLink>,
    /// Which navigation item is current (`home`, `search`, or empty).
    pub section: &'static str,
    pub errors: Vec<FieldProblem>,
    pub notice: Option<String>,
}

impl Page {
    /// A page titled by `title_key`, at `path` (for the language switch to come back to).
    pub(crate) fn new(lang: Lang, title_key: &str, path: &str, ctx: Option<&DeskContext>) -> Self {
        let l = Labels::new(lang);
        let back = if path.starts_with("/desk") && !path.contains("//") {
            path
        } else {
            "/desk"
        };
        let languages = DESK_LANGUAGES
            .iter()
            .map(|tag| LanguageLink {
                tag,
                name: desk_catalog(tag).name(),
                href: format!("/desk/language?to={tag}&back={back}"),
                current: *tag == lang.0,
            })
            .collect();
        let staff = ctx.and_then(|c| c.principal.staff()).map(|s| StaffLabel {
            label: l.0.format(
                "desk-signed-in-as",
                &[
                    ("name", Arg::Text(&s.name)),
                    ("role", Arg::Text(&l.t(&format!("role-{}", s.role.code())))),
                ],
            ),
        });
        let nav = ctx
            .map(|c| {
                use mynumber_core::Action as A;
                [
                    ("/desk", "desk-nav-home", "home", A::OwnCredentials),
                    (
                        "/desk/residents",
                        "desk-nav-search",
                        "search",
                        A::SearchRecords,
                    ),
                    (
                        "/desk/residents/new",
                        "desk-nav-register",
                        "register",
                        A::RegisterResident,
                    ),
                    (
                        "/desk/number-changes",
                        "desk-nav-number-changes",
                        "number-changes",
                        A::DecideNumberChange,
                    ),
                    ("/desk/calls", "desk-nav-calls", "calls", A::IdentifyCaller),
                    (
                        "/desk/letters",
                        "desk-nav-letters",
                        "letters",
                        A::ReadNotices,
                    ),
                    ("/desk/ledger", "desk-nav-ledger", "ledger", A::ReadLedger),
                    (
                        "/desk/checkpoints",
                        "desk-nav-checkpoints",
                        "checkpoints",
                        A::ReadCheckpoint,
                    ),
                ]
                .into_iter()
                .filter(|(_, _, _, action)| mynumber_core::permits(&c.principal, *action).is_ok())
                .map(|(href, key, section, _)| NavItem {
                    href,
                    label: l.t(key),
                    section,
                })
                .collect()
            })
            .unwrap_or_default();
        Self {
            lang: lang.0,
            nav,
            title: l.t(title_key),
            l,
            csrf: ctx.map(|c| c.csrf.clone()).unwrap_or_default(),
            staff,
            languages,
            section: "",
            errors: Vec::new(),
            notice: None,
        }
    }

    /// Adds a field's problem (a catalog key), shown beside the field and in the summary.
    pub(crate) fn problem(&mut self, field: &str, key: &str) {
        let message = self.l.t(key);
        self.problem_text(field, message);
    }

    /// Adds a field's problem in words already formatted.
    pub(crate) fn problem_text(&mut self, field: &str, message: String) {
        self.errors.push(FieldProblem {
            field: field.to_owned(),
            message,
        });
    }

    /// Adds a use case's problem with `field` in the reader's words: the field's own message
    /// (`field-{field}`) when the catalog has one, else a general one. Once per field.
    pub(crate) fn field_problem(&mut self, field: &str) {
        if self.error_for(field).is_some() {
            return;
        }
        let key = format!("field-{field}");
        let text = self.l.t(&key);
        let message = if text == key {
            self.l.t("field-invalid")
        } else {
            text
        };
        self.problem_text(field, message);
    }

    /// Adds a use case's problem, in the reader's words, beside the form's `field` (the form's
    /// name for it). Once per field.
    pub(crate) fn field_error(&mut self, field: &str, e: &mynumber_core::FieldError) {
        if self.error_for(field).is_some() {
            return;
        }
        let message = e.message(self.l.0);
        self.problem_text(field, message);
    }

    /// The summary's count of problems.
    pub(crate) fn count_message(&self) -> String {
        self.l
            .count("desk-error-summary-count", self.errors.len() as i64)
    }

    /// The problem with a field, if any.
    pub(crate) fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    message: String,
}

/// Renders a template, or the plain failure page if it cannot be (never a panic).
pub(crate) fn render<T: Template>(status: StatusCode, template: &T) -> Response {
    match template.render() {
        // No desk page is kept in the browser's cache: a record, a number, an enrolment's key
        // must not come back with the back button on a shared counter machine.
        Ok(html) => (
            status,
            [(axum::http::header::CACHE_CONTROL, "no-store")],
            Html(html),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a desk page failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// A page that refuses, with one message.
pub(crate) fn refusal(lang: Lang, status: StatusCode, key: &str) -> Response {
    let page = Page::new(lang, "desk-error-title", "/desk", None);
    let message = page.l.t(key);
    render(status, &ErrorPage { page, message })
}

/// A PDF the browser saves under `name`, never kept in a cache (it carries personal data).
pub(crate) fn pdf_attachment(name: &str, pdf: Vec<u8>) -> Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    // The names are the server's own (batch ids, verification codes); kept to a safe alphabet
    // all the same, so that no quote or separator can reach the header.
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        pdf,
    )
        .into_response()
}

/// The page for a use case's failure: refused, missing, a conflict, or our fault (logged).
pub(crate) fn app_error(lang: Lang, ctx: Option<&DeskContext>, e: &AppError) -> Response {
    let (status, key) = match e {
        AppError::Denied(_) => (StatusCode::FORBIDDEN, "desk-error-denied"),
        AppError::NotFound(_) => (StatusCode::NOT_FOUND, "desk-error-not-found"),
        AppError::Conflict => (StatusCode::CONFLICT, "desk-error-conflict"),
        AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "desk-sign-in-ended"),
        other => {
            tracing::error!(error = %other, "a desk request failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "desk-error-internal")
        }
    };
    let page = Page::new(lang, "desk-error-title", "/desk", ctx);
    let message = page.l.t(key);
    render(status, &ErrorPage { page, message })
}
