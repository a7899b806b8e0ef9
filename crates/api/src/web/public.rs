//! The public pages (issue 11): the landing page that explains My Number to residents, and the
//! verification page for documents, in all ten languages a resident may prefer, on the same
//! design tokens as the desks. やさしい日本語 carries furigana: its catalog marks a kanji's reading
//! as `[[漢字|かんじ]]`, which becomes `<ruby>` here (and nowhere else: letters and PDFs never use
//! these messages).
//!
//! The language is the one chosen with the switch (`?lang=`, then remembered in a cookie), else
//! the browser's first language the catalogs have, else Japanese.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use mynumber_core::card::{Reason, fee_yen};
use mynumber_i18n::{Arg, Catalog, LANGUAGES, catalog};
use serde::Deserialize;

use super::page::format_yen;
use super::{cookie, set_cookie};
use crate::AppState;

/// The public pages' remembered language.
const PUBLIC_LANG_COOKIE: &str = "mn_public_lang";

/// The reader's language among the residents' catalogs.
pub(crate) fn language(headers: &HeaderMap, chosen: Option<&str>) -> &'static Catalog {
    let known = |tag: &str| {
        LANGUAGES
            .iter()
            .copied()
            .find(|t| t.eq_ignore_ascii_case(tag.trim()))
    };
    if let Some(tag) = chosen.and_then(known) {
        return catalog(tag);
    }
    if let Some(tag) = cookie(headers, PUBLIC_LANG_COOKIE).and_then(known) {
        return catalog(tag);
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    mynumber_i18n::accepted_language(accepted).map_or_else(|| catalog("ja"), catalog)
}

/// A message as HTML: escaped, with やさしい日本語's `[[漢字|よみ]]` as ruby.
pub(crate) fn ruby(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        let (before, after) = rest.split_at(start);
        out.push_str(&escape(before));
        let inner = &after[2..];
        match inner.find("]]") {
            Some(end) => {
                let marked = &inner[..end];
                match marked.split_once('|') {
                    Some((base, reading)) => {
                        out.push_str("<ruby>");
                        out.push_str(&escape(base));
                        out.push_str("<rt>");
                        out.push_str(&escape(reading));
                        out.push_str("</rt></ruby>");
                    }
                    None => out.push_str(&escape(marked)),
                }
                rest = &inner[end + 2..];
            }
            None => {
                out.push_str(&escape(after));
                rest = "";
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

/// The text of a message without its readings (for titles and attributes).
pub(crate) fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..];
        match inner.find("]]") {
            Some(end) => {
                let marked = &inner[..end];
                out.push_str(marked.split_once('|').map_or(marked, |(base, _)| base));
                rest = &inner[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text as HTML, escaped.
pub(crate) fn escape_html(text: &str) -> String {
    escape(text)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link of the language switch.
pub(crate) struct LanguageLink {
    pub(crate) tag: &'static str,
    pub(crate) name: String,
    pub(crate) href: String,
    pub(crate) current: bool,
}

/// What every public page shares: its language, title and the switch.
pub(crate) struct Frame {
    pub(crate) lang: &'static str,
    pub(crate) c: &'static Catalog,
    pub(crate) title: String,
    pub(crate) languages: Vec<LanguageLink>,
}

impl Frame {
    pub(crate) fn new(c: &'static Catalog, title_key: &str, path: &str) -> Self {
        let languages = LANGUAGES
            .iter()
            .map(|tag| LanguageLink {
                tag,
                name: catalog(tag).name(),
                href: format!("{path}?lang={tag}"),
                current: *tag == c.tag(),
            })
            .collect();
        Self {
            lang: c.tag(),
            c,
            title: plain(&c.text(title_key)),
            languages,
        }
    }

    /// A message as HTML (ruby for やさしい日本語).
    pub(crate) fn h(&self, key: &str) -> String {
        ruby(&self.c.text(key))
    }

    /// A message with one argument, as HTML.
    pub(crate) fn h_with(&self, key: &str, name: &str, value: &str) -> String {
        ruby(&self.c.format(key, &[(name, Arg::Text(value))]))
    }
}

/// One section of the landing page.
struct Section {
    id: &'static str,
    title: String,
    paragraphs: Vec<String>,
}

#[derive(Template)]
#[template(path = "public_home.html")]
struct HomePage {
    f: Frame,
    lead: String,
    sections: Vec<Section>,
}

#[derive(Deserialize, Default)]
pub(crate) struct LangQuery {
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    code: Option<String>,
}

impl LangQuery {
    /// The language chosen with the switch, if one.
    pub(crate) fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }
}

/// Sends a page, remembering a language chosen with the switch.
pub(crate) fn send(
    html: Result<String, askama::Error>,
    chosen: Option<&str>,
    c: &Catalog,
    status: StatusCode,
    cache: &'static str,
) -> Response {
    let Ok(html) = html else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    let mut r = (status, Html(html)).into_response();
    // Remembered only when the choice was a language of ours.
    if chosen.is_some_and(|tag| tag.trim().eq_ignore_ascii_case(c.tag())) {
        r.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(PUBLIC_LANG_COOKIE, c.tag(), Some(365 * 24 * 3600)),
        );
    }
    r.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    r
}

/// The landing page: what My Number is, the notification, the card and how to apply, a lost
/// card, checking a document, and the staff's doors.
pub(crate) async fn home(headers: HeaderMap, Query(q): Query<LangQuery>) -> Response {
    let c = language(&headers, q.lang.as_deref());
    let f = Frame::new(c, "public-home-title", "/");
    let fee = format_yen(fee_yen(Reason::Lost, false, true));
    let sections = vec![
        Section {
            id: "notice",
            title: f.h("public-notice-title"),
            paragraphs: vec![f.h("public-notice-text")],
        },
        Section {
            id: "card",
            title: f.h("public-card-title"),
            paragraphs: vec![f.h("public-card-text")],
        },
        Section {
            id: "apply",
            title: f.h("public-apply-title"),
            paragraphs: vec![f.h("public-apply-text")],
        },
        Section {
            id: "lost",
            title: f.h("public-lost-title"),
            paragraphs: vec![
                f.h("public-lost-text"),
                f.h("public-lost-phone"),
                f.h("public-lost-phone-foreign"),
                f.h_with("public-lost-next", "fee", &fee),
            ],
        },
    ];
    let page = HomePage {
        lead: f.h("public-home-lead"),
        sections,
        f,
    };
    send(
        page.render(),
        q.lang.as_deref(),
        c,
        StatusCode::OK,
        "private, max-age=300",
    )
}

#[derive(Template)]
#[template(path = "public_developers.html")]
struct DevelopersPage {
    f: Frame,
    register: String,
    endpoints: Vec<(&'static str, String)>,
    example: String,
    sign: String,
}

/// The relying parties' page (issue 12): how to register, this deployment's endpoints, and a
/// working example with its issuer filled in (docs/design/oidc.md, signing.md).
pub(crate) async fn developers(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = language(&headers, q.lang.as_deref());
    let f = Frame::new(c, "dev-title", "/developers");
    let issuer = state.app.issuer();
    let base = issuer.trim_end_matches("/api/realms/main").to_owned();
    let oidc = format!("{issuer}/protocol/openid-connect");
    let endpoints = vec![
        ("issuer", issuer.clone()),
        (
            "discovery",
            format!("{issuer}/.well-known/openid-configuration"),
        ),
        ("authorization", format!("{oidc}/auth")),
        ("token", format!("{oidc}/token")),
        ("userinfo", format!("{oidc}/userinfo")),
        ("jwks", format!("{oidc}/certs")),
        ("end_session", format!("{oidc}/logout")),
        ("organisation token", format!("{base}/api/v1/oauth/token")),
        ("sign-transactions", format!("{base}/api/sign-transactions")),
        (
            "signature verification",
            format!("{base}/api/v1/signatures/verify"),
        ),
    ];
    let page = DevelopersPage {
        register: DEV_REGISTER.to_owned(),
        endpoints,
        example: DEV_EXAMPLE.replace("{issuer}", &issuer),
        sign: DEV_SIGN
            .replace("{base}", &base)
            .replace("{issuer}", &issuer),
        f,
    };
    send(
        page.render(),
        q.lang.as_deref(),
        c,
        StatusCode::OK,
        "private, max-age=300",
    )
}

/// What an administrator runs for a relying party (README, docs/design/organisations.md).
const DEV_REGISTER: &str = "mynumber organisation register --corporate-number 5835678256246 \\
    --name 株式会社サンプル認証 --role authentication-verifier --role signature-verifier
mynumber organisation key ORGANISATION_ID --kid rp1 --x X --y Y
mynumber organisation client ORGANISATION_ID --redirect-uri https://rp.example/callback";

/// The example relying party: the same calls as crates/cli/tests/rp/authlib_rp.py, which CI
/// runs against a real server.
const DEV_EXAMPLE: &str = r#"# pip install authlib requests
import json, requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from joserfc.jwk import ECKey

ISSUER = "{issuer}"
CLIENT_ID = "ORGANISATION_ID"
REDIRECT_URI = "https://rp.example/callback"
key = ECKey.import_key(json.load(open("rp-key.json")))  # the private key of rp1

meta = requests.get(ISSUER + "/.well-known/openid-configuration").json()
rp = OAuth2Session(CLIENT_ID, key, scope="openid name birthdate",
                   redirect_uri=REDIRECT_URI, code_challenge_method="S256",
                   token_endpoint_auth_method=PrivateKeyJWT(meta["token_endpoint"], alg="ES256"))
verifier, nonce = generate_token(48), generate_token(20)
url, state = rp.create_authorization_url(meta["authorization_endpoint"],
                                         code_verifier=verifier, nonce=nonce)
print("Send the browser to", url)
callback = input("The URL the browser came back to: ")
token = rp.fetch_token(meta["token_endpoint"], authorization_response=callback,
                       code_verifier=verifier)
jwks = JsonWebKey.import_key_set(requests.get(meta["jwks_uri"]).json())
claims = jwt.decode(token["id_token"], jwks, claims_options={
    "iss": {"essential": True, "value": ISSUER},
    "aud": {"essential": True, "value": CLIENT_ID},
    "nonce": {"essential": True, "value": nonce}})
claims.validate()
print(claims["sub"], rp.get(meta["userinfo_endpoint"]).json())"#;

/// Starting a sign-transaction and collecting its result.
const DEV_SIGN: &str = r#"# 1. the organisation's token (client credentials, private_key_jwt), then:
curl -H "Authorization: Bearer $ORGANISATION_TOKEN" -H 'Content-Type: application/json'   -d "{"digest": "$(openssl dgst -sha256 -binary contract.pdf | base64)", "format": "cms"}"   {base}/api/sign-transactions
# 2. log in with scope "openid sign" and sign_transaction_id=THE_ID (as above)
# 3. with the log-in's access token: a JWE (ECDH-ES, A256GCM) to your key
curl -H "Authorization: Bearer $ACCESS_TOKEN" {base}/api/sign-transactions/THE_ID/result
# 4. the CMS inside verifies with the signature authority's certificate
openssl cms -verify -binary -inform DER -in signed.p7s -content contract.pdf -CAfile signature-ca.pem"#;

/// A document as the verification page shows it.
struct Verified {
    code: String,
    issuer: String,
    issued: String,
    persons: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "public_verify.html")]
struct VerifyPage {
    f: Frame,
    code: String,
    /// `Some(Ok)`: found; `Some(Err)`: no such document; `None`: nothing asked yet.
    result: Option<Result<Verified, String>>,
}

/// The public verification page: a form for the code, and what a code names. Dates are the
/// reader's (Japan time), never a raw timestamp.
pub(crate) async fn verify(
    State(state): State<AppState>,
    headers: HeaderMap,
    code: Option<Path<String>>,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = language(&headers, q.lang.as_deref());
    let f = Frame::new(c, "verify-title", "/verify");
    let code = code
        .map(|Path(code)| code)
        .or(q.code)
        .unwrap_or_default()
        .trim()
        .chars()
        .take(64)
        .collect::<String>();
    let (result, status) = if code.is_empty() {
        (None, StatusCode::OK)
    } else {
        match state.app.document_by_code(&code).await {
            Ok(row) => {
                let doc = crate::documents::DocumentBody::from(&row);
                let issued = jiff::Timestamp::from_microsecond(row.issued_at_us)
                    .map(|t| jiff::tz::offset(9).to_datetime(t).date())
                    .map(|d| c.date(d.year(), d.month(), d.day()))
                    .unwrap_or_default();
                (
                    Some(Ok(Verified {
                        code: doc.code,
                        issuer: doc.municipality,
                        issued,
                        persons: doc
                            .persons
                            .iter()
                            .map(|p| (p.name.clone(), birth(c, &p.birth_date)))
                            .collect(),
                    })),
                    StatusCode::OK,
                )
            }
            Err(mynumber_app::AppError::NotFound(_)) => {
                (Some(Err(f.h("verify-unknown"))), StatusCode::NOT_FOUND)
            }
            // A code that cannot be one is said so (the residents' catalogs have that problem),
            // not "unknown": the reader may have mistyped it.
            Err(mynumber_app::AppError::Invalid(_)) => (
                Some(Err(f.h("problem-verification-code-16-letters"))),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(e) => {
                tracing::error!(error = %e, "a document could not be looked up");
                (
                    Some(Err(f.h("api-error-internal-error"))),
                    StatusCode::INTERNAL_SERVER_ERROR,
                )
            }
        }
    };
    // A document's names and birth dates stay in no cache.
    let cache = if code.is_empty() {
        "private, max-age=300"
    } else {
        "no-store"
    };
    let page = VerifyPage { f, code, result };
    send(page.render(), q.lang.as_deref(), c, status, cache)
}

#[derive(Template)]
#[template(path = "public_verify_back.html")]
struct VerifyBackPage {
    f: Frame,
    /// `Ok`: the front as issued (labels as HTML); `Err`: why the scan was refused.
    result: Result<crate::documents::FrontBody, String>,
}

/// 証明書復号画像表示 (issue 13): a scan of a print's back, uploaded from the verification page,
/// and the front it carries, for the reader to compare with the paper in hand. Refusals say
/// what was wrong with the scan, in the reader's language.
pub(crate) async fn verify_back(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    body: axum::body::Bytes,
) -> Response {
    use mynumber_app::AppError;
    let c = language(&headers, q.lang.as_deref());
    let f = Frame::new(c, "public-back-title", "/verify");
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let scan = super::multipart::parse(content_type, &body)
        .ok()
        .and_then(|parts| super::multipart::file(&parts, "scan").map(<[u8]>::to_vec));
    let (result, status) = match scan {
        None => (
            Err(f.h("problem-back-format")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Some(scan) => match state.app.read_back(scan).await {
            Ok(opened) => {
                let mut view = crate::documents::FrontBody::of(&opened.front, c);
                for row in view.sections.iter_mut().flatten() {
                    row.label = ruby(&row.label);
                }
                (Ok(view), StatusCode::OK)
            }
            Err(AppError::Invalid(invalid)) => (
                Err(invalid
                    .0
                    .first()
                    .map_or_else(|| f.h("problem-back-tampered"), |e| ruby(&e.message(c)))),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(AppError::NotFound(_)) => (Err(f.h("verify-unknown")), StatusCode::NOT_FOUND),
            // Every reader busy for a while (a flood of uploads): try again.
            Err(AppError::Unavailable(_)) => (
                Err(f.h("api-error-unavailable")),
                StatusCode::SERVICE_UNAVAILABLE,
            ),
            Err(e) => {
                tracing::error!(error = %e, "a scan of a back could not be read");
                (
                    Err(f.h("api-error-internal-error")),
                    StatusCode::INTERNAL_SERVER_ERROR,
                )
            }
        },
    };
    // A front's names and addresses stay in no cache.
    send(
        VerifyBackPage { f, result }.render(),
        q.lang.as_deref(),
        c,
        status,
        "no-store",
    )
}

/// A date of birth (YYYY-MM-DD) as the reader writes dates.
fn birth(c: &Catalog, iso: &str) -> String {
    iso.parse::<jiff::civil::Date>()
        .map(|d| c.date(d.year(), d.month(), d.day()))
        .unwrap_or_else(|_| iso.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_become_ruby_and_everything_else_is_escaped() {
        assert_eq!(
            ruby("[[番号|ばんごう]]は<b>"),
            "<ruby>番号<rt>ばんごう</rt></ruby>は&lt;b&gt;"
        );
        assert_eq!(ruby("[[<x>|y]]"), "<ruby>&lt;x&gt;<rt>y</rt></ruby>");
        assert_eq!(ruby("a [[b"), "a [[b");
        assert_eq!(ruby("[[only]]"), "only");
        assert_eq!(plain("[[番号|ばんごう]]です"), "番号です");
        assert_eq!(plain("x [[y"), "x [[y");
    }

    #[test]
    fn the_language_is_the_choice_then_the_cookie_then_the_browser() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("fr, pt-PT;q=0.8, en;q=0.5"),
        );
        assert_eq!(language(&h, None).tag(), "pt-BR", "by weight, then order");
        assert_eq!(language(&h, Some("vi")).tag(), "vi");
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("mn_public_lang=ne"),
        );
        assert_eq!(language(&h, None).tag(), "ne");
        assert_eq!(language(&HeaderMap::new(), Some("xx")).tag(), "ja");
        let mut zh = HeaderMap::new();
        zh.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("zh-CN,zh;q=0.9"),
        );
        assert_eq!(language(&zh, None).tag(), "zh-Hans");
    }
}
