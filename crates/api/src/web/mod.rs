//! The staff screens (issue 11, docs/design/web.md): server-rendered HTML from askama templates
//! checked at compile time, on the same use cases as the JSON API. Every screen works without
//! JavaScript; every word comes from the desk catalogs (`mynumber-i18n`, `locales/desk/`).
//!
//! A desk door ([`crate::Access::Desk`]) authenticates the browser session's cookie instead of a
//! bearer token, asks the policy about the door's action, and on every POST checks the origin
//! and the form's CSRF token before the handler runs. The session cookie is `Secure`,
//! `HttpOnly`, `SameSite=Strict` and host-only (`__Host-`); the CSRF token is derived from it, so
//! nothing else is stored.

mod call;
mod card_counter;
mod cards;
mod checkpoints;
mod desk;
mod fonts;
mod letters;
pub(crate) mod login;
pub(crate) mod multipart;
mod number_change;
mod page;
mod passkeys;
pub(crate) mod portal;
pub(crate) mod public;
mod seals;
mod transfer_in;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use mynumber_core::{Action, Principal};
use sha2::{Digest, Sha256};

use crate::AppState;

/// Adds the staff desks' doors: the clerk's and the call center's.
pub(crate) fn routes(doors: crate::doors::Doors) -> crate::doors::Doors {
    let doors = desk::routes(doors);
    let doors = call::routes(doors);
    let doors = number_change::routes(doors);
    let doors = cards::routes(doors);
    let doors = card_counter::routes(doors);
    let doors = seals::routes(doors);
    let doors = letters::routes(doors);
    let doors = transfer_in::routes(doors);
    let doors = passkeys::routes(doors);
    checkpoints::routes(doors)
}
pub(crate) use page::{DeskContext, Lang};

/// The session cookie. `__Host-`: only ever set by this host, over a secure channel, for `/`
/// (RFC 6265bis §4.1.3.2). Browsers treat loopback as secure, so it also works on the default
/// plain-HTTP loopback listener.
pub(crate) const SESSION_COOKIE: &str = "__Host-mn_session";

/// Before sign-in, the forms' CSRF token is a random value in this cookie (double submit).
pub(crate) const FORM_COOKIE: &str = "__Host-mn_form";

/// The language chosen with the switch.
pub(crate) const LANG_COOKIE: &str = "mn_lang";

/// The largest desk form (the search, sign-in and enrolment forms are far smaller).
const FORM_LIMIT: usize = 64 * 1024;

/// The largest signed-in form with a file: a card application's photo (at most 7 MiB,
/// `mynumber_core::photo::MAX_BYTES`) and its fields.
const UPLOAD_LIMIT: usize = 8 * 1024 * 1024;

/// The parts of a signed-in `multipart/form-data` form, parsed once by the guard (which needs
/// its CSRF field) and handed to the handler.
#[derive(Clone, Debug)]
pub(crate) struct Upload(pub std::sync::Arc<Vec<multipart::Part>>);

/// A cookie's value from the request.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

/// A QR code as inline SVG (for a page; without its XML declaration, which does not belong
/// inside HTML).
pub(crate) fn qr_svg(text: &str) -> String {
    let svg = qrcode::QrCode::new(text.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(200, 200)
                .dark_color(qrcode::render::svg::Color("#000000"))
                .light_color(qrcode::render::svg::Color("#ffffff"))
                .build()
        })
        .unwrap_or_default();
    svg.split_once("?>")
        .map_or(svg.clone(), |(_, rest)| rest.trim().to_owned())
}

/// The CSRF token of a signed-in form: a digest of the session cookie, so that only a page
/// this server rendered for that browser carries it (the cookie itself is HttpOnly).
pub(crate) fn csrf_of(session_cookie: &str) -> String {
    hex::encode(Sha256::digest(
        format!("mynumber-csrf:{session_cookie}").as_bytes(),
    ))
}

/// A CSRF token's form: 64 hex digits.
fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Equal in constant time (a token compared byte by byte leaks its prefix through timing).
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A `Set-Cookie` value: host-only, whole site, secure, script-proof, same-site only.
pub(crate) fn set_cookie(name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let age = max_age
        .map(|s| format!("; Max-Age={s}"))
        .unwrap_or_default();
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Secure; HttpOnly; SameSite=Strict{age}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("invalid=1; Max-Age=0"))
}

/// Whether a POST comes from a page of this host. A browser says so in `Sec-Fetch-Site`
/// (Fetch Metadata); one that predates it names the page's origin in `Origin`, except that
/// under this server's `Referrer-Policy: no-referrer` a form post's origin is `null`. A request
/// with neither is no browser's cross-site post. The CSRF token is checked besides, always.
pub(crate) fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None | Some("null") => true,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            origin
                .split_once("://")
                .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host))
        }
    }
}

/// The `csrf` field of a form body.
fn form_csrf(body: &[u8]) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned())
}

/// Checks a POST's origin and CSRF field against `expected`, and gives the request back with
/// its body, or the page that refuses it.
pub(crate) async fn checked_post(
    req: Request,
    expected: Option<&str>,
    allow_upload: bool,
    lang: Lang,
) -> Result<Request, Response> {
    let (mut parts, body) = req.into_parts();
    let refused = || page::refusal(lang, StatusCode::FORBIDDEN, "desk-error-csrf");
    if !same_origin(&parts.headers) {
        return Err(refused());
    }
    // A form with a file only once signed in (`allow_upload`: the desk guard's doors, never the
    // public forms, whose token is a cookie any client may set).
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let upload = allow_upload && multipart::boundary(&content_type).is_some();
    let limit = if upload { UPLOAD_LIMIT } else { FORM_LIMIT };
    let Ok(bytes) = to_bytes(body, limit).await else {
        return Err(page::refusal(
            lang,
            StatusCode::PAYLOAD_TOO_LARGE,
            "desk-error-too-large",
        ));
    };
    let token = if upload {
        let Ok(form) = multipart::parse(&content_type, &bytes) else {
            return Err(page::refusal(
                lang,
                StatusCode::BAD_REQUEST,
                "desk-error-form",
            ));
        };
        let token = Some(multipart::text(&form, "csrf").to_owned());
        parts.extensions.insert(Upload(std::sync::Arc::new(form)));
        token
    } else {
        form_csrf(&bytes)
    };
    let ok = match (expected, token) {
        // Both 64 hex digits: an empty cookie and an empty field are not a match.
        (Some(want), Some(got)) => well_formed(want) && same(want, &got),
        _ => false,
    };
    if !ok {
        return Err(refused());
    }
    // An upload's parts travel in the extensions; its raw bytes are not kept twice.
    let body = if parts.extensions.get::<Upload>().is_some() {
        Body::empty()
    } else {
        Body::from(bytes)
    };
    Ok(Request::from_parts(parts, body))
}

/// The guard of a desk door: a session, the policy's leave for the door's action, and on a
/// POST the origin and CSRF checks. Without a session the browser is sent to sign in.
pub(crate) async fn desk_guard(
    State((state, action)): State<(AppState, Action)>,
    req: Request,
    next: Next,
) -> Response {
    let lang = Lang::of(req.headers());
    // A page of a sibling site (same-site) or another site (cross-site) may not open a desk
    // page either, not even by GET: opening a record records a read.
    if req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|site| matches!(site, "same-site" | "cross-site"))
    {
        return page::refusal(lang, StatusCode::FORBIDDEN, "desk-error-csrf");
    }
    let Some(value) = cookie(req.headers(), SESSION_COOKIE).map(str::to_owned) else {
        return Redirect::to("/desk/sign-in").into_response();
    };
    let session = match state.app.session(&value).await {
        Ok(s) => s,
        Err(mynumber_app::AppError::Unauthenticated) => {
            let mut r = Redirect::to("/desk/sign-in?ended=1").into_response();
            r.headers_mut()
                .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", Some(0)));
            return r;
        }
        Err(e) => return page::app_error(lang, None, &e),
    };
    let csrf = csrf_of(&value);
    let ctx = DeskContext {
        principal: session.principal.clone(),
        csrf: csrf.clone(),
        cookie: value,
    };
    if let Err(e) = state.app.permit(&session.principal, action).await {
        return page::app_error(lang, Some(&ctx), &e);
    }
    let mut req = if req.method() == Method::POST {
        match checked_post(req, Some(&csrf), true, lang).await {
            Ok(r) => r,
            Err(refused) => return refused,
        }
    } else {
        req
    };
    req.extensions_mut().insert(ctx);
    req.extensions_mut().insert::<Principal>(session.principal);
    let mut response = next.run(req).await;
    // A signed-in page shows personal data: never kept in the browser's cache, so the back
    // button after sign-out or a shared machine shows nothing.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The guard of a public desk form (sign-in, enrolment): on a POST, the origin and the
/// double-submit CSRF cookie.
pub(crate) async fn form_guard(req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let lang = Lang::of(req.headers());
    let expected = cookie(req.headers(), FORM_COOKIE).map(str::to_owned);
    match checked_post(req, expected.as_deref(), false, lang).await {
        Ok(req) => next.run(req).await,
        Err(refused) => refused,
    }
}

/// The vendored design tokens, the web font's style sheet, the desk's style sheet and its
/// scripts (passkeys, forms sent once, the log-in page following the app): compiled in, cached
/// for a day.
pub(crate) async fn static_file(
    axum::extract::Path(name): axum::extract::Path<String>,
) -> Response {
    let (body, kind): (&'static str, &str) = match name.as_str() {
        "dads-tokens.css" => (
            include_str!("../../web/static/dads-tokens.css"),
            "text/css; charset=utf-8",
        ),
        "desk.css" => (
            include_str!("../../web/static/desk.css"),
            "text/css; charset=utf-8",
        ),
        "passkey.js" => (
            include_str!("../../web/static/passkey.js"),
            "text/javascript; charset=utf-8",
        ),
        "once.js" => (
            include_str!("../../web/static/once.js"),
            "text/javascript; charset=utf-8",
        ),
        "login-follow.js" => (
            include_str!("../../web/static/login-follow.js"),
            "text/javascript; charset=utf-8",
        ),
        "noto-sans-jp.css" => (
            include_str!("../../web/static/noto-sans-jp.css"),
            "text/css; charset=utf-8",
        ),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}

/// A slice of the web font Noto Sans JP (`fonts::FONTS`), cached for a week: a browser fetches
/// only the slices whose unicode-range a page's characters fall in.
pub(crate) async fn font_file(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    let Some((_, body)) = fonts::FONTS.iter().find(|(file, _)| *file == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "font/woff2"),
            (header::CACHE_CONTROL, "public, max-age=604800"),
        ],
        *body,
    )
        .into_response()
}

/// Everything the desk reads from a request's bytes before a use case does (for the fuzz
/// target, through `fuzzing::desk_requests`): the first line is taken as the `Cookie` and
/// `Accept-Language` header value, the rest as a form body. Nothing may panic.
pub(crate) fn fuzz_desk(bytes: &[u8]) {
    let (head, body) = match bytes.iter().position(|b| *b == b'\n') {
        Some(at) => bytes.split_at(at),
        None => (bytes, &[][..]),
    };
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_bytes(head) {
        headers.insert(header::COOKIE, value.clone());
        headers.insert(header::ACCEPT_LANGUAGE, value.clone());
        headers.insert(header::ORIGIN, value.clone());
        headers.insert("sec-fetch-site", value);
    }
    let _ = cookie(&headers, SESSION_COOKIE);
    let _ = Lang::of(&headers);
    let _ = mynumber_i18n::accepted_language(&String::from_utf8_lossy(head));
    let _ = same_origin(&headers);
    let csrf = form_csrf(body);
    if let Some(c) = &csrf {
        let _ = well_formed(c) && same(c, &csrf_of("mns_x"));
    }
    desk::decode_forms(body);
    passkeys::decode_forms(body);
    transfer_in::decode_forms(body);
    // The first line is also a content type: a multipart body with the boundary it names.
    let content_type = String::from_utf8_lossy(head);
    if let Ok(parts) = multipart::parse(&content_type, body) {
        let _ = multipart::text(&parts, "csrf");
        let _ = multipart::texts(&parts, "document");
        let _ = mynumber_core::pin::PinKind::parse(multipart::text(&parts, "pin_kind"));
        for c in multipart::texts(&parts, "certificate") {
            let _ = mynumber_pki::Hierarchy::parse(c);
        }
        let _ = multipart::file(&parts, "photo")
            .map(|p| mynumber_core::photo::check(p, mynumber_core::card::Channel::Counter));
    }
    let _ = multipart::parse("multipart/form-data; boundary=x", body);
    let text = String::from_utf8_lossy(body);
    let _ = mynumber_core::sign_in::check_totp(b"12345678901234567890", &text, 59, None);
    let _ = mynumber_core::sign_in::login_name("login", &text);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A POST is taken as the desk's own only when the browser says so (Fetch Metadata), or,
    /// from a browser without it, when its origin is this host's or withheld; anything
    /// cross-site or same-site but another origin is refused (the CSRF token is checked too).
    #[test]
    fn only_a_post_from_this_host_s_pages_is_taken() {
        let cases: [(&[(&str, &str)], bool); 10] = [
            (&[("sec-fetch-site", "same-origin")], true),
            (&[("sec-fetch-site", "none")], true),
            (&[("sec-fetch-site", "same-site")], false),
            (&[("sec-fetch-site", "cross-site")], false),
            // Fetch Metadata wins over an origin that looks right.
            (
                &[
                    ("sec-fetch-site", "cross-site"),
                    ("origin", "https://desk.test"),
                ],
                false,
            ),
            (&[("origin", "https://desk.test")], true),
            (&[("origin", "https://DESK.test")], true),
            (&[("origin", "https://evil.test")], false),
            (&[("origin", "https://desk.test.evil.test")], false),
            (&[("origin", "null")], true),
        ];
        for (sent, taken) in cases {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_static("desk.test"));
            for (name, value) in sent {
                headers.insert(*name, HeaderValue::from_str(value).unwrap());
            }
            assert_eq!(same_origin(&headers), taken, "{sent:?}");
        }
        // No header at all: no browser's cross-site post.
        assert!(same_origin(&HeaderMap::new()));
    }
}
