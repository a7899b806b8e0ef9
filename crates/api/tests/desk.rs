//! The staff screens over HTTP without a browser (the browser tests are `tests/browser/`):
//! enrolment, sign-in with password and TOTP, the session's cookie and CSRF checks, the policy
//! per role, sign-out, refusals and the lock, each in the ledger; and every word of every
//! template in the catalogs.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod common;

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{Server, server};
use http_body_util::BodyExt;
use mynumber_core::sign_in::hotp;
use tower::ServiceExt;

/// A browser's cookie jar and what it last saw.
struct Browser<'a> {
    server: &'a Server,
    cookies: HashMap<String, String>,
    lang: &'static str,
}

struct Page {
    status: StatusCode,
    location: Option<String>,
    cache: Option<String>,
    html: String,
}

impl Page {
    /// The value of the first form field named `name`.
    fn field(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self
            .html
            .find(&marker)
            .unwrap_or_else(|| panic!("no {name} in {}", self.html))
            + marker.len();
        let end = self.html[start..].find('"').unwrap();
        self.html[start..start + end].to_owned()
    }

    /// The text of the element with `id`.
    fn by_id(&self, id: &str) -> String {
        let marker = format!("id=\"{id}\"");
        let at = self
            .html
            .find(&marker)
            .unwrap_or_else(|| panic!("no #{id}"));
        let start = at + self.html[at..].find('>').unwrap() + 1;
        let end = start + self.html[start..].find('<').unwrap();
        self.html[start..end].to_owned()
    }
}

impl<'a> Browser<'a> {
    fn new(server: &'a Server, lang: &'static str) -> Self {
        Self {
            server,
            cookies: HashMap::new(),
            lang,
        }
    }

    async fn request(&mut self, method: Method, uri: &str, form: Option<&[(&str, &str)]>) -> Page {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "desk.test")
            .header(header::ACCEPT_LANGUAGE, self.lang);
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header(header::COOKIE, jar.join("; "));
        }
        let body = match form {
            Some(fields) => {
                req = req
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ORIGIN, "http://desk.test");
                let mut s = form_urlencoded::Serializer::new(String::new());
                for (k, v) in fields {
                    s.append_pair(k, v);
                }
                Body::from(s.finish())
            }
            None => Body::empty(),
        };
        let res = self
            .server
            .router
            .clone()
            .oneshot(req.body(body).unwrap())
            .await
            .unwrap();
        for set in res.headers().get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            let pair = set.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            if set.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
            if k.starts_with("__Host-") {
                assert!(
                    set.contains("Secure")
                        && set.contains("HttpOnly")
                        && set.contains("SameSite=Strict")
                        && set.contains("Path=/")
                        && !set.contains("Domain"),
                    "{set}"
                );
            }
        }
        let status = res.status();
        let location = res
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        let cache = res
            .headers()
            .get(header::CACHE_CONTROL)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Page {
            status,
            location,
            cache,
            html: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    async fn get(&mut self, uri: &str) -> Page {
        self.request(Method::GET, uri, None).await
    }

    async fn post(&mut self, uri: &str, form: &[(&str, &str)]) -> Page {
        self.request(Method::POST, uri, Some(form)).await
    }

    /// A `multipart/form-data` post, as a browser sends a form with a file: each field a
    /// (name, file name if a file, bytes).
    async fn upload(&mut self, uri: &str, fields: &[(&str, Option<&str>, &[u8])]) -> Page {
        let boundary = "----DeskTestBoundary7MA4YWxk";
        let mut body = Vec::new();
        for (name, filename, data) in fields {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let disposition = match filename {
                Some(f) => format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                ),
                None => format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"),
            };
            body.extend_from_slice(disposition.as_bytes());
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let jar: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let req = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::HOST, "desk.test")
            .header(header::ACCEPT_LANGUAGE, self.lang)
            .header(header::ORIGIN, "http://desk.test")
            .header(header::COOKIE, jar.join("; "))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        let res = self.server.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let cache = res
            .headers()
            .get(header::CACHE_CONTROL)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Page {
            status,
            location: None,
            cache,
            html: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }
}

/// Owned multipart fields as `Browser::upload` takes them.
fn parts<'a>(
    fields: &'a [(&'a str, Option<&'a str>, Vec<u8>)],
) -> Vec<(&'a str, Option<&'a str>, &'a [u8])> {
    fields
        .iter()
        .map(|(k, n, v)| (*k, *n, v.as_slice()))
        .collect()
}

/// The card file a page hands over in its download link.
fn card_file_of(page: &Page) -> Vec<u8> {
    let href = page
        .html
        .split("href=\"data:application/octet-stream;base64,")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no card file in {}", page.html));
    mynumber_pki::base64_decode(href).unwrap()
}

/// The card file a form keeps for its next submission, if it keeps one.
fn kept_file_of(page: &Page) -> Option<Vec<u8>> {
    let value = page
        .html
        .split("name=\"card_file_kept\" value=\"")
        .nth(1)?
        .split('"')
        .next()?;
    mynumber_pki::base64_decode(value)
}

/// The code an authenticator app shows `offset` steps from now.
fn code(secret: &[u8], offset: i64) -> String {
    let now = jiff::Timestamp::now().as_second();
    let step = u64::try_from(now / 30 + offset).unwrap();
    format!("{:06}", hotp(secret, step))
}

/// Enrols `token`'s holder as `login` through the screens; returns the TOTP key.
async fn enrol(b: &mut Browser<'_>, token: &str, login: &str, password: &str) -> Vec<u8> {
    let form = b.get("/desk/enrol").await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = form.field("csrf");
    let app = b
        .post(
            "/desk/enrol",
            &[
                ("csrf", &csrf),
                ("token", token),
                ("login", login),
                ("password", password),
            ],
        )
        .await;
    assert_eq!(app.status, StatusCode::OK, "{}", app.html);
    assert!(app.html.contains("<svg"), "a QR code is shown");
    let secret = mynumber_test_support::base32_decode(&app.by_id("totp-key"));
    assert_eq!(secret.len(), 20);
    let enrolment = app.field("enrolment");
    // A wrong code: the same page again, with the problem beside the field.
    let wrong = b
        .post(
            "/desk/enrol/confirm",
            &[
                ("csrf", &csrf),
                ("enrolment", &enrolment),
                ("code", "000000x"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.html.contains("aria-invalid=\"true\""));
    let done = b
        .post(
            "/desk/enrol/confirm",
            &[
                ("csrf", &csrf),
                ("enrolment", &enrolment),
                ("code", &code(&secret, 0)),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(done.location.as_deref(), Some("/desk/sign-in?enrolled=1"));
    secret
}

async fn sign_in(b: &mut Browser<'_>, login: &str, password: &str, code: &str) -> Page {
    let form = b.get("/desk/sign-in").await;
    let csrf = form.field("csrf");
    b.post(
        "/desk/sign-in",
        &[
            ("csrf", &csrf),
            ("login", login),
            ("password", password),
            ("code", code),
        ],
    )
    .await
}

async fn ledger_entries(s: &Server, partition: &str) -> Vec<mynumber_core::ledger::EntryContent> {
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    s.app
        .ledger_entries(&admin, partition, 0, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.content)
        .collect()
}

async fn ledger_actions(s: &Server, partition: &str) -> Vec<String> {
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    s.app
        .ledger_entries(&admin, partition, 0, 1000)
        .await
        .unwrap()
        .iter()
        .map(|e| format!("{} {}", e.content.action, e.content.detail))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_enrols_signs_in_finds_a_resident_reads_the_record_and_signs_out() {
    let s = server("desk-flow").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    let clerk = s
        .app
        .add_staff(&admin, "田中 花子", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let registered = s
        .app
        .register(
            &admin,
            mynumber_app::RegisterCommand {
                kind: mynumber_core::Registration::MoveIn,
                input: common_resident(),
                household: mynumber_app::HouseholdChoice::New,
                effective_on: None,
                carried: None,
            },
        )
        .await
        .unwrap();
    let mut b = Browser::new(&s, "ja,en;q=0.8");
    let secret = enrol(
        &mut b,
        &clerk.token.token,
        "tanaka.h",
        "correct horse battery",
    )
    .await;
    let signed_in = sign_in(
        &mut b,
        "tanaka.h",
        "correct horse battery",
        &code(&secret, 1),
    )
    .await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.html
    );
    assert_eq!(signed_in.location.as_deref(), Some("/desk"));
    assert!(b.cookies.contains_key("__Host-mn_session"));

    let home = b.get("/desk").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.html.contains("<html lang=\"ja\">"),
        "Accept-Language chose Japanese"
    );
    assert!(
        home.html.contains("田中 花子(住民記録担当)"),
        "{}",
        home.html
    );
    let csrf = home.field("csrf");

    // The search: kana typed in hiragana finds the katakana reading.
    let found = b
        .post(
            "/desk/residents",
            &[("csrf", &csrf), ("name", "やまだ"), ("birth", "")],
        )
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.html);
    let code_digits = registered.resident_code.digits().to_owned();
    assert!(
        found
            .html
            .contains(&format!("/desk/residents/{code_digits}")),
        "{}",
        found.html
    );
    assert!(
        found.html.contains("1990年1月15日（平成2年）"),
        "a Japanese national's date of birth as a Japanese reader writes it, with its era"
    );
    // A bad date: told beside the field and in the summary, nothing searched.
    let bad = b
        .post(
            "/desk/residents",
            &[("csrf", &csrf), ("name", ""), ("birth", "1990-02-30")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("error-summary") && bad.html.contains("href=\"#birth\""));
    assert!(bad.html.contains("id=\"birth-error\""));

    // The record, with its history, in English after the switch.
    let switched = b
        .get(&format!(
            "/desk/language?to=en&back=/desk/residents/{code_digits}"
        ))
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(
        switched.location.as_deref(),
        Some(format!("/desk/residents/{code_digits}").as_str())
    );
    let record = b.get(&format!("/desk/residents/{code_digits}")).await;
    assert_eq!(record.status, StatusCode::OK, "{}", record.html);
    assert!(record.html.contains("<html lang=\"en\">"));
    assert!(record.html.contains("15 Jan 1990") && record.html.contains("Move-in"));
    assert!(record.html.contains("JST"), "times in Japan time");
    assert!(
        !record.html.contains("T0") && !record.html.contains("Z<"),
        "no ISO timestamps"
    );
    // Never the number on the record.
    let number = s
        .app
        .read_number(&admin, &registered.resident_code, "tax")
        .await
        .unwrap();
    assert!(!record.html.contains(number.expose_digits()));
    assert!(!record.html.contains(&number.expose_formatted()));

    // A copy of the resident record: refused while the municipality has no name to print
    // (told so, in the reader's words); then the signed PDF, handed over as a download; an
    // item the law does not know is refused beside the items.
    let document_uri = format!("/desk/residents/{code_digits}/resident-record");
    let unnamed = b
        .post(
            &document_uri,
            &[("csrf", &record.field("csrf")), ("kind", "copy")],
        )
        .await;
    assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unnamed.html.contains("no name to print on documents"),
        "{}",
        unnamed.html
    );
    s.app
        .set_municipality_name(
            &admin,
            mynumber_core::MunicipalityCode::parse("131041").unwrap(),
            "新宿区",
        )
        .await
        .unwrap();
    let pdf = b
        .post(
            &format!("/desk/residents/{code_digits}/resident-record"),
            &[
                ("csrf", &record.field("csrf")),
                ("kind", "copy"),
                ("item", "householder"),
                ("item", "resident-code"),
            ],
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.html);
    assert!(pdf.html.starts_with("%PDF-"));
    assert_eq!(pdf.cache.as_deref(), Some("no-store"));
    let odd = b
        .post(
            &format!("/desk/residents/{code_digits}/resident-record"),
            &[("csrf", &record.field("csrf")), ("item", "blood-type")],
        )
        .await;
    assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", odd.html);
    assert!(odd.html.contains("href=\"#items\""));
    // The number on the copy, at the person's own request: not without the identity documents
    // checked; with them, the reading recorded with its basis.
    let unchecked = b
        .post(
            &format!("/desk/residents/{code_digits}/resident-record"),
            &[
                ("csrf", &record.field("csrf")),
                ("kind", "copy"),
                ("item", "individual-number"),
                ("number_document", "health-insurance"),
            ],
        )
        .await;
    assert_eq!(
        unchecked.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        unchecked.html
    );
    assert!(
        unchecked.html.contains("href=\"#number_documents\""),
        "{}",
        unchecked.html
    );
    let with_number = b
        .post(
            &format!("/desk/residents/{code_digits}/resident-record"),
            &[
                ("csrf", &record.field("csrf")),
                ("kind", "copy"),
                ("item", "individual-number"),
                ("number_document", "passport"),
            ],
        )
        .await;
    assert_eq!(with_number.status, StatusCode::OK, "{}", with_number.html);
    assert!(with_number.html.starts_with("%PDF-"));
    let actions = ledger_actions(&s, "131041").await.join("\n");
    assert!(
        actions.contains("basis=own-request identity=passport"),
        "{actions}"
    );

    // The number: only with a purpose, recorded, masked until opened, never cached.
    let csrf_record = record.field("csrf");
    let number_uri = format!("/desk/residents/{code_digits}/number");
    let none = b.post(&number_uri, &[("csrf", &csrf_record)]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.html.contains("href=\"#purpose\""), "{}", none.html);
    let read = b
        .post(&number_uri, &[("csrf", &csrf_record), ("purpose", "tax")])
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.html);
    assert_eq!(read.cache.as_deref(), Some("no-store"));
    assert!(read.html.contains(&number.masked()), "{}", read.html);
    assert!(read.html.contains("<details class=\"reveal\">"));
    assert!(read.html.contains(&number.expose_formatted()));
    assert!(read.html.contains("Shown for Tax"), "{}", read.html);

    // A post without its token, or from another site: refused, nothing done.
    let forged = b.post("/desk/residents", &[("name", "やまだ")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let out = b
        .post("/desk/sign-out", &[("csrf", "0".repeat(64).as_str())])
        .await;
    assert_eq!(out.status, StatusCode::FORBIDDEN);

    // Sign-out ends the session: the same cookie no longer opens a page.
    let kept = b.cookies.clone();
    let out = b.post("/desk/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(!b.cookies.contains_key("__Host-mn_session"));
    b.cookies = kept;
    let after = b.get("/desk").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.location.as_deref(), Some("/desk/sign-in?ended=1"));

    let ledger = ledger_actions(&s, "131041").await;
    for action in [
        "sign-in-enrolment-started",
        "sign-in-enrolled",
        "signed-in",
        "signed-out",
    ] {
        assert!(
            ledger.iter().any(|e| e.starts_with(action)),
            "no {action} in {ledger:?}"
        );
    }
    // The search, the record and the number were read as the clerk, and recorded as such;
    // the number itself is nowhere in the ledger.
    let clerk_id = clerk.member.id.to_hex();
    let by_clerk: Vec<String> = ledger_entries(&s, "131041")
        .await
        .into_iter()
        .filter(|e| e.actor == clerk_id)
        .map(|e| format!("{} {}", e.action, e.detail))
        .collect();
    assert!(
        by_clerk.iter().any(|e| e.starts_with("record-read")),
        "{by_clerk:?}"
    );
    assert!(
        by_clerk.iter().any(|e| e.starts_with("number-read")),
        "{by_clerk:?}"
    );
    assert!(ledger.iter().all(|e| !e.contains(number.expose_digits())));
}

fn common_resident() -> mynumber_core::ResidentInput {
    mynumber_core::ResidentInput {
        name: mynumber_core::NameInput {
            family: "山田".into(),
            given: "太郎".into(),
            family_kana: Some("ヤマダ".into()),
            given_kana: Some("タロウ".into()),
            ..Default::default()
        },
        birth_date: "1990-01-15".into(),
        sex: "1".into(),
        prefecture: "東京都".into(),
        municipality_code: "131041".into(),
        address: "西新宿2丁目8番1号".into(),
        relationship: "head".into(),
        preferred_language: "ja".into(),
        foreign: None,
    }
}

/// Japanese text is set in Noto Sans JP on any machine: every page links the font's style
/// sheet before the design tokens, which name the family first; each slice it names is served
/// from the binary as WOFF2, cached; an unknown slice is not found.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_bring_their_japanese_font() {
    let s = server("desk-font").await;
    let mut b = Browser::new(&s, "ja");
    for uri in ["/", "/desk/sign-in"] {
        let page = b.get(uri).await;
        let font = page
            .html
            .find("href=\"/static/noto-sans-jp.css\"")
            .expect(uri);
        let tokens = page
            .html
            .find("href=\"/static/dads-tokens.css\"")
            .expect(uri);
        assert!(font < tokens, "{uri}: the font's faces come first");
    }
    let tokens = b.get("/static/dads-tokens.css").await;
    assert!(tokens.html.contains("--font-family-sans: 'Noto Sans JP'"));
    let css = b.get("/static/noto-sans-jp.css").await;
    assert_eq!(css.status, StatusCode::OK);
    let urls: Vec<&str> = css
        .html
        .split("url(")
        .skip(1)
        .map(|rest| &rest[..rest.find(')').unwrap()])
        .collect();
    // 120 slices of Japanese, then Cyrillic, Vietnamese, Latin Extended and Latin.
    assert_eq!(urls.len(), 124);
    assert_eq!(
        css.html.matches("font-family: 'Noto Sans JP';").count(),
        124
    );
    for url in [
        "/static/fonts/noto-sans-jp-latin.woff2",
        "/static/fonts/noto-sans-jp-vietnamese.woff2",
    ] {
        assert!(urls.contains(&url), "{url}");
    }
    for url in urls {
        let slice = b.get(url).await;
        assert_eq!(slice.status, StatusCode::OK, "{url}");
        assert!(slice.html.starts_with("wOF2"), "{url} is WOFF2");
        assert_eq!(slice.cache.as_deref(), Some("public, max-age=604800"));
    }
    for missing in [
        "/static/fonts/noto-sans-jp-999.woff2",
        "/static/fonts/..%2Fdesk.css",
        "/static/fonts/",
    ] {
        assert_eq!(
            b.get(missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_are_recorded_the_same_to_the_browser_and_lock_after_five() {
    let s = server("desk-refusals").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    let clerk = s
        .app
        .add_staff(&admin, "鈴木", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let mut b = Browser::new(&s, "en");
    // Enrolment checks: a wrong token, a bad login name, a short password.
    let form = b.get("/desk/enrol").await;
    let csrf = form.field("csrf");
    let wrong = b
        .post(
            "/desk/enrol",
            &[
                ("csrf", &csrf),
                ("token", "mn_nope"),
                ("login", "suzuki"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.html.contains("The token is wrong"), "{}", wrong.html);
    let bad = b
        .post(
            "/desk/enrol",
            &[
                ("csrf", &csrf),
                ("token", &clerk.token.token),
                ("login", "1x"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("href=\"#login\""), "{}", bad.html);
    let secret = enrol(
        &mut b,
        &clerk.token.token,
        "suzuki",
        "correct horse battery",
    )
    .await;

    // Wrong password, wrong code, unknown login: one message for all three.
    let good = code(&secret, 1);
    for (login, password, code) in [
        ("suzuki", "wrong horse battery", good.as_str()),
        ("suzuki", "correct horse battery", "123456"),
        ("nobody", "correct horse battery", good.as_str()),
    ] {
        let r = sign_in(&mut b, login, password, code).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.html
                .contains("The login name, password or code is wrong."),
            "{}",
            r.html
        );
    }
    // Three more failures lock the login, even against the right password and code.
    for _ in 0..3 {
        sign_in(&mut b, "suzuki", "wrong horse battery", &good).await;
    }
    let locked = sign_in(&mut b, "suzuki", "correct horse battery", &good).await;
    assert_eq!(locked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        locked.html.contains("cannot be used until"),
        "{}",
        locked.html
    );

    let ledger = ledger_actions(&s, "131041").await;
    let refused: Vec<&String> = ledger
        .iter()
        .filter(|e| e.starts_with("sign-in-refused"))
        .collect();
    assert!(
        refused.iter().any(|e| e.contains("reason=password")),
        "{refused:?}"
    );
    assert!(
        refused.iter().any(|e| e.contains("reason=code")),
        "{refused:?}"
    );
    assert!(
        refused.iter().any(|e| e.contains("reason=locked")),
        "{refused:?}"
    );
    let national = ledger_actions(&s, mynumber_core::ledger::NATIONAL_PARTITION).await;
    let unknown: Vec<&String> = national
        .iter()
        .filter(|e| e.contains("unknown-login"))
        .collect();
    assert_eq!(unknown.len(), 1, "{national:?}");
    assert!(
        !unknown[0].contains("nobody"),
        "a typed login name is not recorded"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_sees_the_screens_the_policy_allows() {
    let s = server("desk-roles").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    use StatusCode as S;
    // (role, the search, a number's reading, the letters, the checkpoints), all national staff.
    for (i, (role, search, number_read, letters, checkpoints)) in [
        ("registry-clerk", S::OK, S::NOT_FOUND, S::OK, S::FORBIDDEN),
        ("auditor", S::OK, S::FORBIDDEN, S::OK, S::OK),
        (
            "call-center-operator",
            S::FORBIDDEN,
            S::FORBIDDEN,
            S::FORBIDDEN,
            S::FORBIDDEN,
        ),
        ("administrator", S::OK, S::NOT_FOUND, S::OK, S::OK),
    ]
    .into_iter()
    .enumerate()
    {
        let made = s.app.add_staff(&admin, role, role, None).await.unwrap();
        let mut b = Browser::new(&s, "ja");
        let login = format!("staff{i}");
        let secret = enrol(&mut b, &made.token.token, &login, "correct horse battery").await;
        let r = sign_in(&mut b, &login, "correct horse battery", &code(&secret, 1)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{role}: {}", r.html);
        assert_eq!(b.get("/desk").await.status, StatusCode::OK, "{role}");
        let page = b.get("/desk/residents").await;
        assert_eq!(page.status, search, "{role}");
        assert_eq!(page.cache.as_deref(), Some("no-store"), "{role}");
        // Reading a number: the door asks the policy before anything else (a clerk then learns
        // that no such resident exists; the others are refused).
        let csrf = b.get("/desk").await.field("csrf");
        let number = b
            .post(
                "/desk/residents/12345678901/number",
                &[("csrf", &csrf), ("purpose", "tax")],
            )
            .await;
        assert_eq!(number.status, number_read, "{role}: {}", number.html);
        assert_eq!(b.get("/desk/letters").await.status, letters, "{role}");
        let checkpoint = b.get("/desk/checkpoints").await;
        assert_eq!(
            checkpoint.status, checkpoints,
            "{role}: {}",
            checkpoint.html
        );
        // The navigation offers what the policy allows, and nothing else.
        let home = b.get("/desk").await.html;
        assert_eq!(
            home.contains("href=\"/desk/residents\""),
            search == S::OK,
            "{role}: {home}"
        );
        if search == StatusCode::FORBIDDEN {
            assert!(page.html.contains("役割"), "{}", page.html);
        }
    }
}

/// Every message a template or the screens' code asks for is in the desk catalog, and so is every
/// code a screen turns into words (roles, procedures, sexes, relationships).
#[test]
fn every_word_of_every_screen_is_in_the_catalogs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("web/templates");
    let ja = mynumber_i18n::desk_japanese();
    let mut keys = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in text.split("l.t(\"").skip(1) {
            keys.push(part.split('"').next().unwrap().to_owned());
        }
    }
    assert!(keys.len() > 40, "only {} keys found", keys.len());
    for role in [
        "administrator",
        "auditor",
        "call-center-operator",
        "registry-clerk",
    ] {
        keys.push(format!("role-{role}"));
    }
    for procedure in [
        "birth",
        "foreign-first-registration",
        "import",
        "move-in",
        "move-in-with-certificate",
        "migration",
        "address-change",
        "death",
        "move-abroad",
        "move-out",
        "name-change",
        "period-of-stay-change",
        "stay-ended",
        "stay-extension-applied",
        "transfer-in",
    ] {
        keys.push(format!("procedure-{procedure}"));
    }
    for relationship in mynumber_core::Relationship::ALL {
        keys.push(format!("relationship-{}", relationship.code()));
    }
    for caller in mynumber_core::call::Caller::ALL {
        keys.push(format!("desk-caller-{}", caller.code()));
    }
    for card in ["active", "produced", "suspended", "expired", "ended"] {
        keys.push(format!("desk-card-{card}"));
    }
    use mynumber_core::card::{CardKind, IdentityDocument, Reason};
    use mynumber_core::number_change::{ChangeGround, ChangeStatus};
    for kind in CardKind::ALL {
        keys.push(format!("desk-card-kind-{}", kind.code()));
    }
    for reason in Reason::ALL {
        keys.push(format!("desk-card-reason-{}", reason.code()));
    }
    for document in IdentityDocument::ALL {
        keys.push(format!("desk-id-document-{}", document.code()));
    }
    for pin in mynumber_core::pin::PinKind::ALL {
        keys.push(format!("desk-pin-{}", pin.code()));
        keys.push(format!("desk-pin-{}-hint", pin.code()));
    }
    for ground in ChangeGround::ALL {
        keys.push(format!("desk-ground-{}", ground.code()));
    }
    for status in ChangeStatus::ALL {
        keys.push(format!("desk-change-status-{}", status.code()));
    }
    // The statuses of residence: each in the catalog, in Japanese as the core's table has it.
    for (code, japanese) in mynumber_core::STATUSES_OF_RESIDENCE {
        let key = format!("desk-sor-{code}");
        assert_eq!(ja.text(&key), japanese, "{key}");
        keys.push(key);
    }
    for end in ["abolished", "returned"] {
        for key in ["ended", "end-title", "end-lead", "end-button"] {
            keys.push(format!("desk-card-{key}-{end}"));
        }
    }
    // And every key the Rust code names whole: `l.t("desk-…")`, `page.problem(field, "…")`, …
    // (a key built with `format!` ends in `-` or holds a `{` and is listed above instead).
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut from_code = 0;
    for dir in [src.clone(), src.join("web")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for prefix in ["\"desk-", "\"field-", "\"problem-"] {
                for (at, _) in text.match_indices(prefix) {
                    let rest = &text[at + 1..];
                    let end = rest
                        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                        .unwrap_or(rest.len());
                    let key = &rest[..end];
                    if rest[end..].starts_with('"') && !key.ends_with('-') {
                        keys.push(key.to_owned());
                        from_code += 1;
                    }
                }
            }
        }
    }
    assert!(from_code > 100, "only {from_code} keys found in the code");
    for key in keys {
        assert!(
            ja.keys().contains(&key),
            "{key} is not in locales/desk/ja.ftl"
        );
    }
}

/// The registration form: problems beside each field in the reader's language, nothing written;
/// then a move-in into the household of a resident named by code, a foreign resident's first
/// registration, and the new records found by the search.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_registers_residents_through_the_form() {
    let s = server("desk-register").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    let clerk = s
        .app
        .add_staff(&admin, "窓口 一郎", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let mut b = Browser::new(&s, "ja");
    let secret = enrol(
        &mut b,
        &clerk.token.token,
        "madoguchi",
        "correct horse battery",
    )
    .await;
    sign_in(
        &mut b,
        "madoguchi",
        "correct horse battery",
        &code(&secret, 1),
    )
    .await;
    let form = b.get("/desk/residents/new").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.html);
    assert!(
        form.html.contains("value=\"131041\""),
        "the clerk's municipality is filled in"
    );
    let csrf = form.field("csrf");

    // Wrong on purpose: no kana for a Japanese national, a date that does not exist, no sex.
    let bad = b
        .post(
            "/desk/residents/new",
            &[
                ("csrf", &csrf),
                ("procedure", "move-in"),
                ("family_name", "佐藤"),
                ("given_name", "花子"),
                ("birth_date", "1990-02-30"),
                ("prefecture", "東京都"),
                ("municipality_code", "131041"),
                ("address", "西新宿2丁目8番1号"),
                ("relationship", "head"),
                ("preferred_language", "ja"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.html);
    for field in ["family_name_kana", "birth_date", "sex"] {
        assert!(
            bad.html.contains(&format!("href=\"#{field}\"")),
            "{field} in the summary: {}",
            bad.html
        );
    }
    // The use case's own problem with the field, in the page's language.
    assert!(
        bad.html
            .contains("は YYYY-MM-DD 形式の日付ではありません。"),
        "{}",
        bad.html
    );
    assert!(
        !bad.html.contains(" is "),
        "no English prose on a Japanese page"
    );
    assert!(bad.html.contains("value=\"佐藤\""), "what was typed stays");
    let none = b
        .post(
            "/desk/residents",
            &[("csrf", &csrf), ("name", "さとう"), ("birth", "")],
        )
        .await;
    assert!(
        none.html.contains("該当する住民はいません"),
        "nothing was written"
    );

    // A head of household, then a child joining the household by the head's code.
    let head = b
        .post(
            "/desk/residents/new",
            &[
                ("csrf", &csrf),
                ("procedure", "move-in"),
                ("family_name", "佐藤"),
                ("given_name", "花子"),
                ("family_name_kana", "サトウ"),
                ("given_name_kana", "ハナコ"),
                ("birth_date", "1990-02-28"),
                ("sex", "2"),
                ("prefecture", "東京都"),
                ("municipality_code", "131041"),
                ("address", "西新宿2丁目8番1号"),
                ("relationship", "head"),
                ("preferred_language", "ja"),
            ],
        )
        .await;
    assert_eq!(head.status, StatusCode::SEE_OTHER, "{}", head.html);
    let location = head.location.clone().unwrap();
    assert!(location.ends_with("?registered=1"), "{location}");
    let record = b.get(&location).await;
    assert!(record.html.contains("記載しました"), "{}", record.html);
    let head_code = location
        .trim_start_matches("/desk/residents/")
        .trim_end_matches("?registered=1")
        .to_owned();
    let child = b
        .post(
            "/desk/residents/new",
            &[
                ("csrf", &csrf),
                ("procedure", "birth"),
                ("family_name", "佐藤"),
                ("given_name", "蓮"),
                ("family_name_kana", "サトウ"),
                ("given_name_kana", "レン"),
                ("birth_date", "2026-11-20"),
                ("sex", "1"),
                ("prefecture", "東京都"),
                ("municipality_code", "131041"),
                ("address", "西新宿2丁目8番1号"),
                ("household_member", &head_code),
                ("relationship", "child"),
                ("preferred_language", "ja"),
            ],
        )
        .await;
    assert_eq!(child.status, StatusCode::SEE_OTHER, "{}", child.html);
    let child_record = b.get(child.location.as_deref().unwrap()).await;
    assert!(child_record.html.contains("出生") && child_record.html.contains("子"));
    assert!(
        child_record.html.contains("2026年11月20日（令和8年）"),
        "a national's date of birth with its era"
    );
    // The household: the head first, then the child, each a link to their record.
    let household = b
        .get(&format!("/desk/residents/{head_code}/household"))
        .await;
    assert_eq!(household.status, StatusCode::OK, "{}", household.html);
    let head_at = household
        .html
        .find("ハナコ")
        .or_else(|| household.html.find("花子"))
        .unwrap();
    let child_at = household.html.find("蓮").unwrap();
    assert!(head_at < child_at, "the head first: {}", household.html);
    assert!(household.html.contains("世帯主") && household.html.contains(">子<"));

    // A foreign resident's first registration, with the items of a foreign resident.
    let foreign = b
        .post(
            "/desk/residents/new",
            &[
                ("csrf", &csrf),
                ("procedure", "foreign-first-registration"),
                ("family_name", "NGUYEN"),
                ("given_name", "VAN AN"),
                ("latin_name", "NGUYEN VAN AN"),
                ("birth_date", "1995-05-05"),
                ("sex", "1"),
                ("prefecture", "東京都"),
                ("municipality_code", "131041"),
                ("address", "大久保1丁目1番1号"),
                ("relationship", "head"),
                ("preferred_language", "vi"),
                ("nationality", "VN"),
                ("residence_card_number", "AB12345678CD"),
                ("status_of_residence", "student"),
                ("period_of_stay_until", "2028-03-31"),
            ],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::SEE_OTHER, "{}", foreign.html);
    let found = b
        .post(
            "/desk/residents",
            &[("csrf", &csrf), ("name", "nguyen"), ("birth", "")],
        )
        .await;
    assert!(found.html.contains("NGUYEN"), "{}", found.html);
    // The foreign resident's stay: a new period of stay from the residence card, then an
    // application to extend it; a Japanese resident's record offers neither.
    let nguyen = found
        .html
        .split("<th scope=\"row\"><a href=\"/desk/residents/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let nguyen_page = b.get(&format!("/desk/residents/{nguyen}")).await;
    assert!(nguyen_page.html.contains("?kind=period-of-stay-change"));
    assert!(
        nguyen_page.html.contains("<dd>留学</dd>")
            && nguyen_page.html.contains("<dd>ベトナム（VN）</dd>"),
        "the status of residence in words: {}",
        nguyen_page.html
    );
    let stay_form = b
        .get(&format!(
            "/desk/residents/{nguyen}/procedure?kind=period-of-stay-change"
        ))
        .await;
    assert_eq!(stay_form.status, StatusCode::OK, "{}", stay_form.html);
    assert!(
        stay_form.html.contains("value=\"AB12345678CD\""),
        "the card's number is filled in"
    );
    let stayed = b
        .post(
            &format!("/desk/residents/{nguyen}/procedure"),
            &[
                ("csrf", &csrf),
                ("kind", "period-of-stay-change"),
                ("nationality", "VN"),
                ("residence_card_number", "AB12345678CD"),
                ("status_of_residence", "student"),
                ("period_of_stay_until", "2030-03-31"),
            ],
        )
        .await;
    assert_eq!(stayed.status, StatusCode::SEE_OTHER, "{}", stayed.html);
    let applied = b
        .post(
            &format!("/desk/residents/{nguyen}/procedure"),
            &[("csrf", &csrf), ("kind", "stay-extension-applied")],
        )
        .await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER, "{}", applied.html);
    let history = b.get(&format!("/desk/residents/{nguyen}")).await;
    assert!(history.html.contains("在留期間の変更") && history.html.contains("在留期間更新の申請"));
    let found = b
        .post(
            "/desk/residents",
            &[("csrf", &csrf), ("name", "さとう"), ("birth", "")],
        )
        .await;
    assert!(found.html.contains("2人が該当します"), "{}", found.html);

    // Changes to the head's record: a move within the municipality, a new name (found by it,
    // no longer by the old one), then a move-out refused without its destination and recorded
    // with it; the removed record offers no more changes.
    let record_uri = format!("/desk/residents/{head_code}");
    let procedure_uri = format!("{record_uri}/procedure");
    let page = b.get(&record_uri).await;
    assert!(page.html.contains("?kind=address-change"), "{}", page.html);
    assert!(
        !page.html.contains("?kind=period-of-stay-change"),
        "not for a Japanese national"
    );
    let move_form = b.get(&format!("{procedure_uri}?kind=address-change")).await;
    assert_eq!(move_form.status, StatusCode::OK, "{}", move_form.html);
    assert!(
        move_form.html.contains("value=\"東京都\""),
        "the current address is filled in"
    );
    let moved = b
        .post(
            &procedure_uri,
            &[
                ("csrf", &csrf),
                ("kind", "address-change"),
                ("prefecture", "東京都"),
                ("municipality_code", "131041"),
                ("address", "北新宿1丁目1番1号"),
                ("relationship", "head"),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.html);
    let renamed = b
        .post(
            &procedure_uri,
            &[
                ("csrf", &csrf),
                ("kind", "name-change"),
                ("family_name", "鈴木"),
                ("given_name", "花子"),
                ("family_name_kana", "スズキ"),
                ("given_name_kana", "ハナコ"),
            ],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.html);
    let record = b.get(renamed.location.as_deref().unwrap()).await;
    assert!(record.html.contains("異動を記録しました"));
    assert!(record.html.contains("北新宿1丁目1番1号") && record.html.contains("氏名の変更"));
    let found = b
        .post(
            "/desk/residents",
            &[("csrf", &csrf), ("name", "すずきは"), ("birth", "")],
        )
        .await;
    assert!(found.html.contains(&head_code), "{}", found.html);
    let no_destination = b
        .post(&procedure_uri, &[("csrf", &csrf), ("kind", "move-out")])
        .await;
    assert_eq!(
        no_destination.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        no_destination.html
    );
    assert!(
        no_destination
            .html
            .contains("href=\"#destination_municipality_code\""),
        "{}",
        no_destination.html
    );
    let out = b
        .post(
            &procedure_uri,
            &[
                ("csrf", &csrf),
                ("kind", "move-out"),
                ("destination_municipality_code", "271004"),
            ],
        )
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.html);
    let removed = b.get(&record_uri).await;
    assert!(removed.html.contains("消除") && removed.html.contains("転出"));
    assert!(
        !removed.html.contains("?kind=address-change"),
        "no changes to a removed record"
    );

    // The transfer-in (住民基本台帳法第22条) is the municipality moved to's: the desk moved out
    // of cannot take the record back in, whatever address it types.
    let transfer = b.get("/desk/residents/new").await;
    assert!(transfer.html.contains("href=\"/desk/transfer-in\""));
    let own = b
        .post(
            "/desk/transfer-in",
            &[
                ("csrf", &csrf),
                ("resident_code", &head_code),
                ("prefecture", "東京都"),
                ("municipality_code", "131041"),
                ("address", "北新宿1丁目1番1号"),
                ("relationship", "head"),
            ],
        )
        .await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", own.html);
    assert!(
        own.html.contains("href=\"#resident_code\"")
            && own.html.contains("この内容で転入を記載できません"),
        "{}",
        own.html
    );
    // A third municipality's clerk naming the municipality moved to is answered as if the
    // record did not exist (not "refused"): that would tell where the person went.
    let sapporo = s
        .app
        .add_staff(&admin, "札幌 四郎", "registry-clerk", Some("011002"))
        .await
        .unwrap();
    let sapporo = s.app.authenticate(&sapporo.token.token).await.unwrap();
    let elsewhere = s
        .app
        .change(
            &sapporo,
            &mynumber_core::ResidentCode::parse(&head_code).unwrap(),
            mynumber_app::ChangeCommand::TransferIn {
                prefecture: "大阪府".into(),
                municipality_code: "271004".into(),
                address: "中央区大手前2丁目1番22号".into(),
                household: mynumber_app::HouseholdChoice::New,
                relationship: "head".into(),
                card_serial: None,
            },
            None,
        )
        .await;
    assert!(
        matches!(elsewhere, Err(mynumber_app::AppError::NotFound("resident"))),
        "{elsewhere:?}"
    );
    // At the desk of the municipality moved to: a code that cannot be one, a code with no
    // record awaiting it, then the record taken in, with its code and history kept.
    let osaka = s
        .app
        .add_staff(&admin, "大阪 二郎", "registry-clerk", Some("271004"))
        .await
        .unwrap();
    let mut o = Browser::new(&s, "ja");
    let secret = enrol(&mut o, &osaka.token.token, "osaka", "correct horse battery").await;
    sign_in(&mut o, "osaka", "correct horse battery", &code(&secret, 1)).await;
    let form = o.get("/desk/transfer-in").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.html);
    assert!(
        form.html.contains("value=\"271004\""),
        "the clerk's municipality is filled in"
    );
    let csrf = form.field("csrf");
    let take_in = |code: &str| -> Vec<(&'static str, String)> {
        vec![
            ("csrf", csrf.clone()),
            ("resident_code", code.to_owned()),
            ("prefecture", "大阪府".to_owned()),
            ("municipality_code", "271004".to_owned()),
            ("address", "中央区大手前2丁目1番22号".to_owned()),
            ("relationship", "head".to_owned()),
        ]
    };
    for (bad, expected) in [
        ("123", "住民票コードは11けたの数字です"),
        (nguyen.as_str(), "転入を待っている記録はありません"),
    ] {
        let fields = take_in(bad);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = o.post("/desk/transfer-in", &fields).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.html
        );
        assert!(
            refused.html.contains("href=\"#resident_code\"") && refused.html.contains(expected),
            "{bad}: {}",
            refused.html
        );
        assert!(
            refused.html.contains("中央区大手前2丁目1番22号"),
            "what was typed stays"
        );
    }
    let fields = take_in(&head_code);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let taken = o.post("/desk/transfer-in", &fields).await;
    assert_eq!(taken.status, StatusCode::SEE_OTHER, "{}", taken.html);
    assert_eq!(
        taken.location.as_deref(),
        Some(format!("/desk/residents/{head_code}?recorded=1").as_str())
    );
    let record = o.get(taken.location.as_deref().unwrap()).await;
    assert!(
        record.html.contains("中央区大手前2丁目1番22号")
            && record.html.contains("転入(消除された記録への記載)")
            && record.html.contains("?kind=address-change"),
        "{}",
        record.html
    );

    // A death (死亡) at the first desk, of the child left in Shinjuku: the record is removed and
    // offers no more changes; the household is left without them.
    let csrf = b.get("/desk").await.field("csrf");
    let child_uri = child
        .location
        .as_deref()
        .unwrap()
        .trim_end_matches("?registered=1")
        .to_owned();
    let died = b
        .post(
            &format!("{child_uri}/procedure"),
            &[
                ("csrf", &csrf),
                ("kind", "death"),
                ("effective_date", "2026-11-30"),
            ],
        )
        .await;
    assert_eq!(died.status, StatusCode::SEE_OTHER, "{}", died.html);
    let removed = b.get(&child_uri).await;
    assert!(
        removed.html.contains("消除") && removed.html.contains("死亡"),
        "{}",
        removed.html
    );
    assert!(!removed.html.contains("?kind=address-change"));
    // Leaving Japan (国外転出), with the date typed: the record is removed as of that day (a
    // return from abroad is a transfer-in, at any municipality); a foreign resident's dates stay
    // Gregorian.
    let abroad = b
        .post(
            &format!("/desk/residents/{nguyen}/procedure"),
            &[
                ("csrf", &csrf),
                ("kind", "move-abroad"),
                ("effective_date", "2026-12-01"),
            ],
        )
        .await;
    assert_eq!(abroad.status, StatusCode::SEE_OTHER, "{}", abroad.html);
    let gone = b.get(&format!("/desk/residents/{nguyen}")).await;
    assert!(
        gone.html.contains("消除") && gone.html.contains("国外転出"),
        "{}",
        gone.html
    );
    assert!(gone.html.contains("1995年5月5日") && !gone.html.contains("1995年5月5日（"));
    assert!(
        !gone.html.contains("?kind=period-of-stay-change"),
        "no changes to a removed record"
    );
}

/// The auditor's screen: the ledger of their municipality newest first, a clerk's reading of a
/// number highlighted with its purpose, and the verification; the navigation offers each role
/// only what the policy allows it, and a clerk is refused the ledger.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_auditor_reads_back_who_read_a_number_and_verifies_the_ledger() {
    let s = server("desk-audit").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    let registered = s
        .app
        .register(
            &admin,
            mynumber_app::RegisterCommand {
                kind: mynumber_core::Registration::MoveIn,
                input: common_resident(),
                household: mynumber_app::HouseholdChoice::New,
                effective_on: None,
                carried: None,
            },
        )
        .await
        .unwrap();
    let clerk = s
        .app
        .add_staff(&admin, "窓口", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let auditor = s
        .app
        .add_staff(&admin, "監査", "auditor", Some("131041"))
        .await
        .unwrap();
    let mut c = Browser::new(&s, "ja");
    let key = enrol(
        &mut c,
        &clerk.token.token,
        "madoguchi",
        "correct horse battery",
    )
    .await;
    sign_in(&mut c, "madoguchi", "correct horse battery", &code(&key, 1)).await;
    let home = c.get("/desk").await;
    assert!(home.html.contains("href=\"/desk/residents/new\""));
    assert!(
        !home.html.contains("href=\"/desk/ledger\""),
        "a clerk is not offered the ledger"
    );
    assert_eq!(c.get("/desk/ledger").await.status, StatusCode::FORBIDDEN);
    let digits = registered.resident_code.digits().to_owned();
    let read = c
        .post(
            &format!("/desk/residents/{digits}/number"),
            &[("csrf", &home.field("csrf")), ("purpose", "tax")],
        )
        .await;
    assert_eq!(read.status, StatusCode::OK);

    let mut a = Browser::new(&s, "ja");
    let key = enrol(
        &mut a,
        &auditor.token.token,
        "kansa",
        "correct horse battery",
    )
    .await;
    sign_in(&mut a, "kansa", "correct horse battery", &code(&key, 1)).await;
    let home = a.get("/desk").await;
    assert!(home.html.contains("href=\"/desk/ledger\""));
    assert!(
        !home.html.contains("href=\"/desk/residents/new\""),
        "an auditor registers nobody"
    );
    let ledger = a.get("/desk/ledger").await;
    assert_eq!(ledger.status, StatusCode::OK, "{}", ledger.html);
    let highlighted = ledger
        .html
        .split("<tr class=\"highlight\">")
        .nth(1)
        .expect("a reading of a number is highlighted");
    let row = highlighted.split("</tr>").next().unwrap();
    assert!(row.contains("number-read") && row.contains("税"), "{row}");
    assert!(
        row.contains(&clerk.member.id.to_hex()),
        "who read it: {row}"
    );
    assert!(row.contains("窓口 ("), "by name too: {row}");
    assert!(
        !ledger.html.contains(
            &s.app
                .read_number(&admin, &registered.resident_code, "tax")
                .await
                .unwrap()
                .expose_formatted()
        )
    );
    let verified = a
        .post("/desk/ledger/verify", &[("csrf", &ledger.field("csrf"))])
        .await;
    assert_eq!(verified.status, StatusCode::OK);
    assert!(verified.html.contains("検証しました"), "{}", verified.html);
}

/// A card handed over to the resident `code`, as the counter does it.
async fn card_in_hand(
    s: &Server,
    admin: &mynumber_core::Principal,
    code: &mynumber_core::ResidentCode,
) -> String {
    use mynumber_app::{CardApplication, HandOver};
    use mynumber_core::card::{CardKind, Channel, IdentityDocument, Reason};
    use mynumber_core::pin::PinKind;
    let application = s
        .app
        .apply_for_card(
            admin,
            code,
            CardApplication {
                channel: Channel::Counter,
                reason: Reason::First,
                application_id: None,
                photo: Some(mynumber_app::demo::portrait(2)),
                kind: CardKind::Standard,
                with_certificates: true,
                express: false,
            },
        )
        .await
        .unwrap();
    let produced = s.app.produce_card(admin, &application.id).await.unwrap();
    let serial = produced.card.serial.clone();
    s.app
        .hand_over_card(
            admin,
            &serial,
            HandOver {
                documents: vec![IdentityDocument::Passport],
                pins: PinKind::ALL
                    .into_iter()
                    .map(|k| {
                        let pin = if k == PinKind::Signature {
                            "ABC123"
                        } else {
                            "1234"
                        };
                        (k, pin.to_owned())
                    })
                    .collect(),
                card_file: produced.card_file,
            },
        )
        .await
        .unwrap();
    serial
}

/// The call-center desk: an operator of the national line signs in, checks what a caller
/// states (a near miss first), suspends the card once the caller agreed, and shows the caller's
/// next steps in the language of the call. The operator sees no record: no name, no address,
/// no resident code is on any of the call's pages. A missing confirmation is named beside its
/// box; the call is recorded, and so is the reading of the card's state.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_suspends_a_lost_card_on_a_call() {
    let s = server("desk-call").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    let registered = s
        .app
        .register(
            &admin,
            mynumber_app::RegisterCommand {
                kind: mynumber_core::Registration::MoveIn,
                input: common_resident(),
                household: mynumber_app::HouseholdChoice::New,
                effective_on: None,
                carried: None,
            },
        )
        .await
        .unwrap();
    s.app
        .set_municipality_name(
            &admin,
            mynumber_core::MunicipalityCode::parse("131041").unwrap(),
            "新宿区",
        )
        .await
        .unwrap();
    let serial = card_in_hand(&s, &admin, &registered.resident_code).await;
    let operator = s
        .app
        .add_staff(&admin, "受付 一郎", "call-center-operator", None)
        .await
        .unwrap();
    let mut b = Browser::new(&s, "ja");
    let secret = enrol(
        &mut b,
        &operator.token.token,
        "uketsuke",
        "correct horse battery",
    )
    .await;
    let r = sign_in(
        &mut b,
        "uketsuke",
        "correct horse battery",
        &code(&secret, 1),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    // The operator's navigation: home and the calls, nothing of the register.
    let home = b.get("/desk").await;
    assert!(home.html.contains("href=\"/desk/calls\""), "{}", home.html);
    assert!(!home.html.contains("href=\"/desk/residents\""));

    // The script follows the language of the call.
    let form = b.get("/desk/calls?language=es").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.cache.as_deref(), Some("no-store"));
    assert!(form.html.contains("lang=\"es\""), "{}", form.html);
    assert!(
        form.html
            .contains("Dígame, por favor, la fecha de nacimiento.")
    );
    let csrf = form.field("csrf");
    let call = |name: &'static str, address: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("language", "es".to_owned()),
            ("caller", "holder".to_owned()),
            ("name", name.to_owned()),
            ("birth", "1990-01-15".to_owned()),
            ("prefecture", "東京都".to_owned()),
            ("address", address.to_owned()),
        ]
    };
    // Every field missing: each named beside its field and in the summary.
    let empty = [("csrf", csrf.clone()), ("language", "es".to_owned())];
    let fields: Vec<(&str, &str)> = empty.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let bad = b.post("/desk/calls", &fields).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for id in ["caller", "name", "birth", "prefecture", "address"] {
        assert!(
            bad.html.contains(&format!("href=\"#{id}\"")),
            "{id}: {}",
            bad.html
        );
    }
    // A near miss: no record, nothing shown but that.
    let miss = call("ヤマダ タロウ", "西新宿2-8-3");
    let fields: Vec<(&str, &str)> = miss.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let missed = b.post("/desk/calls", &fields).await;
    assert_eq!(missed.status, StatusCode::OK);
    assert!(
        missed.html.contains("一致する記録はありません"),
        "{}",
        missed.html
    );
    assert!(
        missed.html.contains("No hay ningún registro"),
        "the script in the call's language"
    );
    // The caller's words: one record, the state of its card, and nothing else of it.
    let hit = call("やまだ たろう", "新宿区西新宿二丁目8番1号");
    let fields: Vec<(&str, &str)> = hit.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let found = b.post("/desk/calls", &fields).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.html);
    assert!(
        found.html.contains("一致する記録が1件あります"),
        "{}",
        found.html
    );
    assert!(found.html.contains("利用中"));
    let action = found
        .html
        .split("action=\"/desk/calls/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert!(action.ends_with("/suspend"), "{action}");
    let call_id = action.trim_end_matches("/suspend").to_owned();
    for shown in [
        "山田",
        "太郎",
        registered.resident_code.digits(),
        serial.as_str(),
    ] {
        assert!(
            !found.html.contains(shown),
            "{shown} is on the operator's screen"
        );
    }
    // Not confirmed: the box is named, nothing is suspended.
    let uri = format!("/desk/calls/{call_id}/suspend");
    let unconfirmed = b
        .post(
            &uri,
            &[("csrf", &csrf), ("language", "es"), ("police_report", "")],
        )
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unconfirmed.html.contains("href=\"#confirmed\""),
        "{}",
        unconfirmed.html
    );
    let (cards, _) = s
        .app
        .cards(&admin, &registered.resident_code)
        .await
        .unwrap();
    assert_eq!(cards[0].status, mynumber_core::card::CardStatus::Active);
    let done = b
        .post(
            &uri,
            &[
                ("csrf", &csrf),
                ("language", "es"),
                ("police_report", "1234-56"),
                ("confirmed", "1"),
            ],
        )
        .await;
    // Post, then redirect: the call's own page says what it ended in, and shows it again on a
    // reload without suspending twice.
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(
        done.location.as_deref(),
        Some(format!("/desk/calls/{call_id}").as_str())
    );
    let outcome = b.get(&format!("/desk/calls/{call_id}")).await;
    assert_eq!(outcome.status, StatusCode::OK, "{}", outcome.html);
    assert!(
        outcome.html.contains("カードを一時停止しました"),
        "{}",
        outcome.html
    );
    assert!(outcome.html.contains("La tarjeta está suspendida."));
    assert!(
        !outcome.html.contains("/suspend\""),
        "no second suspension is offered"
    );
    let (cards, _) = s
        .app
        .cards(&admin, &registered.resident_code)
        .await
        .unwrap();
    assert_eq!(cards[0].status, mynumber_core::card::CardStatus::Suspended);
    // The caller's next steps in Spanish, with the fee the counter charges.
    let sheet = b.get(&format!("/desk/calls/{call_id}/next-steps")).await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(
        sheet.html.contains("<article class=\"sheet\" lang=\"es\">"),
        "{}",
        sheet.html
    );
    assert!(sheet.html.contains("Si encuentra la tarjeta"));
    assert!(sheet.html.contains("1,000 yenes"));
    assert!(sheet.html.contains(&call_id[..4].to_uppercase()));
    // Another operator cannot open this call's sheet.
    let other = s
        .app
        .add_staff(&admin, "受付 二郎", "call-center-operator", None)
        .await
        .unwrap();
    let mut b2 = Browser::new(&s, "en");
    let secret2 = enrol(
        &mut b2,
        &other.token.token,
        "uketsuke2",
        "correct horse battery",
    )
    .await;
    sign_in(
        &mut b2,
        "uketsuke2",
        "correct horse battery",
        &code(&secret2, 1),
    )
    .await;
    for uri in [
        format!("/desk/calls/{call_id}/next-steps"),
        format!("/desk/calls/{call_id}"),
    ] {
        assert_eq!(b2.get(&uri).await.status, StatusCode::NOT_FOUND, "{uri}");
    }
    // The ledger: the reading of the card's state, the call, the suspension.
    let actions = ledger_actions(&s, "131041").await.join("\n");
    assert!(
        actions.contains(&format!(
            "record-read what=card-status via=call call={call_id}"
        )),
        "{actions}"
    );
    assert!(actions.contains(&format!(
        "card-call call={call_id} outcome=suspended police_report=given"
    )));
    assert!(actions.contains(&format!("card-suspended card={serial} call={call_id}")));
    assert!(!actions.contains("1234-56"));
}

/// The four-eyes number change at the desk: one clerk records the request from the record
/// (problems beside the fields first), cannot decide it themselves, and a second clerk finds it
/// among the requests waiting, reads it and approves it; the number changes, and each step is in
/// the ledger.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clerks_change_a_leaked_number() {
    let s = server("desk-number-change").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    let registered = s
        .app
        .register(
            &admin,
            mynumber_app::RegisterCommand {
                kind: mynumber_core::Registration::MoveIn,
                input: common_resident(),
                household: mynumber_app::HouseholdChoice::New,
                effective_on: None,
                carried: None,
            },
        )
        .await
        .unwrap();
    let rc = registered.resident_code.digits().to_owned();
    let before = s
        .app
        .read_number(&admin, &registered.resident_code, "tax")
        .await
        .unwrap();
    let mut clerks = Vec::new();
    for (i, name) in ["窓口 一郎", "窓口 二郎"].into_iter().enumerate() {
        let made = s
            .app
            .add_staff(&admin, name, "registry-clerk", Some("131041"))
            .await
            .unwrap();
        let mut b = Browser::new(&s, "ja");
        let login = format!("clerk{i}");
        let secret = enrol(&mut b, &made.token.token, &login, "correct horse battery").await;
        let r = sign_in(&mut b, &login, "correct horse battery", &code(&secret, 1)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
        clerks.push(b);
    }
    let (first, second) = clerks.split_at_mut(1);
    let (a, b) = (&mut first[0], &mut second[0]);

    // From the record: the link, then the form; nothing typed, each problem named.
    let record = a.get(&format!("/desk/residents/{rc}")).await;
    assert!(
        record
            .html
            .contains(&format!("/desk/residents/{rc}/number-change"))
    );
    let uri = format!("/desk/residents/{rc}/number-change");
    let form = a.get(&uri).await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = form.field("csrf");
    let bad = a
        .post(
            &uri,
            &[
                ("csrf", &csrf),
                ("ground", "person-request"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for id in ["reason", "evidence"] {
        assert!(
            bad.html.contains(&format!("href=\"#{id}\"")),
            "{id}: {}",
            bad.html
        );
    }
    let done = a
        .post(
            &uri,
            &[
                ("csrf", &csrf),
                ("ground", "ex-officio"),
                ("reason", "通知書の誤送付により第三者に知られた"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.html);
    assert!(done.html.contains("番号変更の依頼を記録しました"));

    // The requester may not decide it: the core refuses, the page says why.
    let list = a.get("/desk/number-changes").await;
    assert!(list.html.contains("あなたが依頼したもの"), "{}", list.html);
    let id = list
        .html
        .split("href=\"/desk/number-changes/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let decision = format!("/desk/number-changes/{id}/decision");
    let refused = a
        .post(&decision, &[("csrf", &csrf), ("decision", "approve")])
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.html
    );
    assert!(refused.html.contains("別の職員が判断する必要があります"));

    // The second clerk: the request among those waiting, read, then approved.
    let list = b.get("/desk/number-changes").await;
    assert!(
        list.html.contains("承認を待っている依頼が1件あります"),
        "{}",
        list.html
    );
    assert!(list.html.contains("山田"));
    let page = b.get(&format!("/desk/number-changes/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("通知書の誤送付"));
    let csrf_b = page.field("csrf");
    let none = b.post(&decision, &[("csrf", &csrf_b)]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.html.contains("href=\"#decision\""));
    let approved = b
        .post(&decision, &[("csrf", &csrf_b), ("decision", "approve")])
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.html);
    assert!(
        approved.html.contains("新しい個人番号を付番し"),
        "{}",
        approved.html
    );
    assert!(
        !approved.html.contains("name=\"decision\""),
        "decided: no form"
    );
    // Decided once: a second decision is told so.
    let again = b
        .post(&decision, &[("csrf", &csrf_b), ("decision", "reject")])
        .await;
    assert_ne!(again.status, StatusCode::OK);
    let after = s
        .app
        .read_number(&admin, &registered.resident_code, "tax")
        .await
        .unwrap();
    assert_ne!(before.expose_digits(), after.expose_digits());
    let actions = ledger_actions(&s, "131041").await.join("\n");
    assert!(
        actions.contains(&format!("number-change-requested request={id}")),
        "{actions}"
    );
    assert!(actions.contains(&format!("number-changed request={id}")));
    assert!(actions.contains(&format!(
        "record-read what=record via=number-changes request={id}"
    )));
    assert!(!actions.contains(before.expose_digits()));
    assert!(
        b.get("/desk/number-changes")
            .await
            .html
            .contains("承認を待っている依頼はありません")
    );
}

/// The card at the counter, in the browser: an application with its photo uploaded (a bad
/// photo named beside its field first), production handing the card file over as a download,
/// the pick-up notice as a PDF, the hand-over with the identity documents, the card file
/// uploaded back and the PINs typed at the PIN pad (problems named first), then suspension and
/// the card's end; each step in the ledger.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_takes_a_card_from_application_to_its_end() {
    let s = server("desk-cards").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    s.app
        .set_municipality_name(
            &admin,
            mynumber_core::MunicipalityCode::parse("131041").unwrap(),
            "新宿区",
        )
        .await
        .unwrap();
    let registered = s
        .app
        .register(
            &admin,
            mynumber_app::RegisterCommand {
                kind: mynumber_core::Registration::MoveIn,
                input: common_resident(),
                household: mynumber_app::HouseholdChoice::New,
                effective_on: None,
                carried: None,
            },
        )
        .await
        .unwrap();
    let rc = registered.resident_code.digits().to_owned();
    let clerk = s
        .app
        .add_staff(&admin, "窓口 三郎", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let mut b = Browser::new(&s, "ja");
    let secret = enrol(
        &mut b,
        &clerk.token.token,
        "madoguchi",
        "correct horse battery",
    )
    .await;
    sign_in(
        &mut b,
        "madoguchi",
        "correct horse battery",
        &code(&secret, 1),
    )
    .await;

    let record = b.get(&format!("/desk/residents/{rc}")).await;
    assert!(record.html.contains(&format!("/desk/residents/{rc}/cards")));
    let cards_uri = format!("/desk/residents/{rc}/cards");
    let cards = b.get(&cards_uri).await;
    assert_eq!(cards.status, StatusCode::OK);
    assert!(cards.html.contains("カードはありません"));
    let csrf = cards.field("csrf");

    // The application: a photo that is not a JPEG is named beside its field.
    let apply_uri = format!("/desk/residents/{rc}/cards/apply");
    assert_eq!(b.get(&apply_uri).await.status, StatusCode::OK);
    let bad = b
        .upload(
            &apply_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("reason", None, b"first"),
                ("kind", None, b"standard"),
                ("with_certificates", None, b"1"),
                ("photo", Some("face.jpg"), b"not a photo"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.html);
    assert!(bad.html.contains("href=\"#photo\""), "{}", bad.html);
    // Without the page's token, nothing is taken.
    let forged = b
        .upload(
            &apply_uri,
            &[("csrf", None, b"0"), ("reason", None, b"first")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let photo = mynumber_app::demo::portrait(5);
    let applied = b
        .upload(
            &apply_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("reason", None, b"first"),
                ("kind", None, b"standard"),
                ("with_certificates", None, b"1"),
                ("photo", Some("face.jpg"), &photo),
            ],
        )
        .await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.html);
    assert!(
        applied.html.contains("交付申請を受け付けました(手数料0円)"),
        "{}",
        applied.html
    );

    // Production: the card file comes back in the page, never kept by the server.
    let production = applied
        .html
        .split("action=\"/desk/card-applications/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let produced = b
        .post(
            &format!("/desk/card-applications/{production}"),
            &[("csrf", &csrf), ("resident", &rc)],
        )
        .await;
    assert_eq!(produced.status, StatusCode::OK, "{}", produced.html);
    assert_eq!(produced.cache.as_deref(), Some("no-store"));
    let file = card_file_of(&produced);
    let cards = b.get(&cards_uri).await;
    assert!(cards.html.contains("交付前"));
    let serial = cards
        .html
        .split("action=\"/desk/cards/")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap()
        .to_owned();

    // The pick-up notice, a PDF.
    let notice = b
        .request(
            Method::POST,
            &format!("/desk/cards/{serial}/notice"),
            Some(&[("csrf", &csrf)]),
        )
        .await;
    assert_eq!(notice.status, StatusCode::OK, "{}", notice.html);
    assert!(notice.html.starts_with("%PDF-"));

    // The hand-over: nothing chosen, each problem named; then the documents, the file and the
    // PINs, and the card file with the PINs set comes back.
    let hand_over = format!("/desk/cards/{serial}/hand-over");
    // A serial that is not one is no card (it would go into the form's action).
    let odd = b
        .get("/desk/cards/..%2Fcards%2F1%2Fresume%3F/hand-over")
        .await;
    assert_eq!(odd.status, StatusCode::NOT_FOUND);
    let pad = b.get(&format!("{hand_over}?resident={rc}")).await;
    assert_eq!(pad.status, StatusCode::OK);
    assert!(pad.html.contains("暗証番号パッド"));
    let empty = b
        .upload(
            &hand_over,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("resident", None, rc.as_bytes()),
            ],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.html.contains("href=\"#card_file\""), "{}", empty.html);
    let weak = b
        .upload(
            &hand_over,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("document", None, b"passport"),
                ("card_file", Some("card.mnc"), &file),
                ("pin-signature", None, b"abc"),
                ("pin-authentication", None, b"1234"),
                ("pin-resident-registry", None, b"1234"),
                ("pin-text-input", None, b"1234"),
            ],
        )
        .await;
    assert_eq!(
        weak.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        weak.html
    );
    assert!(weak.html.contains("href=\"#pins\""), "{}", weak.html);
    let handed = b
        .upload(
            &hand_over,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("resident", None, rc.as_bytes()),
                ("document", None, b"passport"),
                ("card_file", Some("card.mnc"), &file),
                ("pin-signature", None, b"ABC123"),
                ("pin-authentication", None, b"1234"),
                ("pin-resident-registry", None, b"1234"),
                ("pin-text-input", None, b"1234"),
            ],
        )
        .await;
    assert_eq!(handed.status, StatusCode::OK, "{}", handed.html);
    assert!(handed.html.contains("カードを交付しました"));
    assert_ne!(
        card_file_of(&handed),
        file,
        "the PINs are set in the new file"
    );
    assert!(b.get(&cards_uri).await.html.contains("利用中"));

    // Suspension, then the end (reported lost): each step in the ledger.
    let suspended = b
        .post(
            &format!("/desk/cards/{serial}/suspend"),
            &[("csrf", &csrf), ("resident", &rc)],
        )
        .await;
    assert_eq!(suspended.status, StatusCode::OK, "{}", suspended.html);
    assert!(suspended.html.contains("一時停止しました"));
    // Found again: the suspension lifted in person, with a second document besides the card.
    let resume = format!("/desk/cards/{serial}/resume");
    let cards = b.get(&cards_uri).await;
    assert!(cards.html.contains(&format!("{resume}?resident={rc}")));
    assert_eq!(
        b.get(&format!("{resume}?resident={rc}")).await.status,
        StatusCode::OK
    );
    let in_hand = card_file_of(&handed);
    let alone = b
        .upload(
            &resume,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("document", None, b"my-number-card"),
                ("card_file", Some("card.mnc"), &in_hand),
            ],
        )
        .await;
    assert_eq!(
        alone.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        alone.html
    );
    assert!(alone.html.contains("href=\"#documents\""));
    let resumed = b
        .upload(
            &resume,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("resident", None, rc.as_bytes()),
                ("document", None, b"my-number-card"),
                ("document", None, b"drivers-licence"),
                ("card_file", Some("card.mnc"), &in_hand),
            ],
        )
        .await;
    assert_eq!(resumed.status, StatusCode::OK, "{}", resumed.html);
    assert!(resumed.html.contains("一時停止を解除しました"));
    assert_ne!(
        card_file_of(&resumed),
        in_hand,
        "a new signature key on the card"
    );
    let cards = b.get(&cards_uri).await;
    assert!(cards.html.contains("利用中"));

    // The steps on a card in use. A PIN reset sent empty names each missing thing.
    let pin_reset = format!("/desk/cards/{serial}/pin-reset");
    let certify = format!("/desk/cards/{serial}/certificates");
    let amend = format!("/desk/cards/{serial}/amendment");
    for step in [&pin_reset, &certify, &amend] {
        let link = format!("{step}?resident={rc}");
        assert!(cards.html.contains(&link), "{link}: {}", cards.html);
        let form = b.get(&link).await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.html);
        assert!(form.html.contains("暗証番号パッド"));
    }
    let empty = b
        .upload(&pin_reset, &[("csrf", None, csrf.as_bytes())])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["card_file", "pin_kind"] {
        assert!(
            empty.html.contains(&format!("href=\"#{field}\"")),
            "{field}: {}",
            empty.html
        );
    }
    // A document the form does not offer: each box of the group in error is marked and
    // described by the error.
    let unknown = b
        .upload(
            &pin_reset,
            &[("csrf", None, csrf.as_bytes()), ("document", None, b"visa")],
        )
        .await;
    assert!(
        unknown.html.contains("href=\"#documents\"")
            && unknown.html.contains(
                "value=\"passport\" aria-invalid=\"true\" aria-describedby=\"documents-error\""
            ),
        "{}",
        unknown.html
    );
    // Certificates still in force are not renewed early: said beside the choice.
    let in_hand = card_file_of(&resumed);
    let early = b
        .upload(
            &certify,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("document", None, b"passport"),
                ("card_file", Some("card.mnc"), &in_hand),
                ("certificate", None, b"authentication"),
                ("pin-authentication", None, b"1234"),
            ],
        )
        .await;
    assert_eq!(
        early.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        early.html
    );
    assert!(
        early.html.contains("href=\"#certificates\"")
            && early.html.contains("利用者証明用電子証明書: 今の証明書は")
            && early.html.contains(
                "value=\"authentication\" checked aria-invalid=\"true\" aria-describedby=\"certificates-error\""
            ),
        "{}",
        early.html
    );
    // After a change of name, the card is amended. A wrong 住基 PIN first: the card counts the
    // try, and the form comes back with the card file that holds the count; the copy handed in
    // no longer opens.
    let renamed = b
        .post(
            &format!("/desk/residents/{rc}/procedure"),
            &[
                ("csrf", &csrf),
                ("kind", "name-change"),
                ("family_name", "鈴木"),
                ("given_name", "太郎"),
                ("family_name_kana", "スズキ"),
                ("given_name_kana", "タロウ"),
            ],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.html);
    let amend_with = |file: &[u8], pin: &[u8]| {
        vec![
            ("csrf", None, csrf.as_bytes().to_vec()),
            ("resident", None, rc.as_bytes().to_vec()),
            ("document", None, b"passport".to_vec()),
            ("card_file", Some("card.mnc"), file.to_vec()),
            ("pin", None, pin.to_vec()),
        ]
    };
    let fields = amend_with(&in_hand, b"9999");
    let wrong = b.upload(&amend, &parts(&fields)).await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.html
    );
    assert!(
        wrong
            .html
            .contains("住民基本台帳用の暗証番号が違います。あと2回"),
        "{}",
        wrong.html
    );
    let counted = card_file_of(&wrong);
    assert_ne!(counted, in_hand, "the try is counted in the file");
    // The form keeps that file for the next try, as the card stays in the reader.
    assert_eq!(kept_file_of(&wrong).as_deref(), Some(counted.as_slice()));
    // The copy handed in, chosen again, is refused as the old copy it is, and not kept.
    let stale = b.upload(&amend, &parts(&fields)).await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        stale.html.contains("href=\"#card_file\"") && stale.html.contains("古い写しです"),
        "{}",
        stale.html
    );
    assert_eq!(kept_file_of(&stale), None);
    // The kept file, with no file chosen (a browser sends an empty part): the next try is
    // counted from the first.
    let mut fields = amend_with(&[], b"9998");
    fields[3].1 = Some("");
    let kept = mynumber_pki::base64_encode(&counted);
    fields.push(("card_file_kept", None, kept.into_bytes()));
    let again = b.upload(&amend, &parts(&fields)).await;
    assert!(
        again.html.contains("あと1回間違えるとロックされます"),
        "{}",
        again.html
    );
    let counted = card_file_of(&again);
    assert_eq!(kept_file_of(&again).as_deref(), Some(counted.as_slice()));
    // The old copy chosen beside the file the form carries: refused, and the carried file
    // stays, with its download link.
    let mut fields = amend_with(&in_hand, b"9997");
    let kept = mynumber_pki::base64_encode(&counted);
    fields.push(("card_file_kept", None, kept.into_bytes()));
    let beside = b.upload(&amend, &parts(&fields)).await;
    assert!(beside.html.contains("古い写しです"), "{}", beside.html);
    assert_eq!(kept_file_of(&beside).as_deref(), Some(counted.as_slice()));
    assert_eq!(card_file_of(&beside), counted);
    // The PIN reset, with the file that holds the count; then the amendment with the new PIN.
    let reset = b
        .upload(
            &pin_reset,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("resident", None, rc.as_bytes()),
                ("document", None, b"passport"),
                ("card_file", Some("card.mnc"), &counted),
                ("pin_kind", None, b"resident-registry"),
                ("pin", None, b"5678"),
            ],
        )
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.html);
    assert!(reset.html.contains("暗証番号を再設定しました"));
    let fields = amend_with(&card_file_of(&reset), b"5678");
    let amended = b.upload(&amend, &parts(&fields)).await;
    assert_eq!(amended.status, StatusCode::OK, "{}", amended.html);
    assert!(amended.html.contains("カードの記載を住民票に合わせました"));
    // Once more: the card already shows the record, said beside the card file.
    let fields = amend_with(&card_file_of(&amended), b"5678");
    let same = b.upload(&amend, &parts(&fields)).await;
    assert_eq!(
        same.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        same.html
    );
    assert!(
        same.html.contains("href=\"#card_file\"")
            && same.html.contains("すでに記録どおりの氏名と住所"),
        "{}",
        same.html
    );
    // Ending the card is never one click: the list links to a confirmation, and the form sent
    // without the box ticked changes nothing.
    let cards = b.get(&cards_uri).await;
    let end_uri = format!("/desk/cards/{serial}/end?resident={rc}&amp;reason=abolished");
    assert!(cards.html.contains(&end_uri), "{}", cards.html);
    let confirm = b
        .get(&format!(
            "/desk/cards/{serial}/end?resident={rc}&reason=abolished"
        ))
        .await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.html);
    assert!(confirm.html.contains("取り消せません"), "{}", confirm.html);
    let unconfirmed = b
        .post(
            &format!("/desk/cards/{serial}/end"),
            &[("csrf", &csrf), ("resident", &rc), ("reason", "abolished")],
        )
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unconfirmed.html.contains("href=\"#confirmed\""),
        "{}",
        unconfirmed.html
    );
    assert!(
        b.get(&cards_uri).await.html.contains("利用中"),
        "nothing was ended"
    );
    let ended = b
        .post(
            &format!("/desk/cards/{serial}/end"),
            &[
                ("csrf", &csrf),
                ("resident", &rc),
                ("reason", "abolished"),
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.html);
    assert!(b.get(&cards_uri).await.html.contains("廃止・返納"));
    // The card is lost after all: a re-issue (再交付) names its cause, and the holder's cause
    // carries the fee the core decides (800 yen the card, 200 the certificates).
    let csrf = b.get(&cards_uri).await.field("csrf");
    let reissued = b
        .upload(
            &apply_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("reason", None, b"lost"),
                ("kind", None, b"standard"),
                ("with_certificates", None, b"1"),
                ("photo", Some("face.jpg"), &photo),
            ],
        )
        .await;
    assert_eq!(reissued.status, StatusCode::OK, "{}", reissued.html);
    assert!(
        reissued
            .html
            .contains("交付申請を受け付けました(手数料1,000円)"),
        "{}",
        reissued.html
    );
    let actions = ledger_actions(&s, "131041").await.join("\n");
    for action in [
        "card-applied",
        "card-produced",
        "card-handed-over",
        "card-suspended",
        "card-resumed",
        "card-pin-reset",
        "card-amended",
        "card-abolished",
        "reason=lost kind=standard certificates=true express=false fee=1000",
        "record-read what=cards",
    ] {
        assert!(actions.contains(action), "{action}: {actions}");
    }
}

/// The public pages in all ten languages: the language chosen with the switch is remembered,
/// the browser's `Accept-Language` is the first guess, やさしい日本語 carries furigana, and the
/// verification page says plainly when a code names nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_pages_speak_every_residents_language() {
    let s = server("public-pages").await;
    for c in mynumber_i18n::catalogs() {
        let mut b = Browser::new(&s, "ja");
        let page = b.get(&format!("/?lang={}", c.tag())).await;
        assert_eq!(page.status, StatusCode::OK, "{}", c.tag());
        assert!(page.html.contains(&format!("<html lang=\"{}\">", c.tag())));
        let lead = c.text("public-notice-title");
        if c.tag() != "ja-x-easy" {
            assert!(page.html.contains(&lead), "{}: {lead}", c.tag());
        }
        // Remembered: the next page without `lang` is in the same language.
        assert_eq!(
            b.cookies.get("mn_public_lang").map(String::as_str),
            Some(c.tag())
        );
        let verify = b.get("/verify?code=AAAA-AAAA-AAAA-AAAA").await;
        assert_eq!(verify.status, StatusCode::NOT_FOUND);
        assert!(
            verify
                .html
                .contains(&format!("<html lang=\"{}\">", c.tag()))
        );
        assert!(
            verify.html.contains(&c.text("verify-unknown")),
            "{}",
            c.tag()
        );
        // A code that cannot be one is said so, in the same language, not "unknown".
        let mistyped = b.get("/verify?code=K7QM-2XRT").await;
        assert_eq!(mistyped.status, StatusCode::UNPROCESSABLE_ENTITY);
        let told = c.text("problem-verification-code-16-letters");
        assert!(mistyped.html.contains(&told), "{}: {told}", c.tag());
    }
    // An unknown language is not remembered; a document's page is never cached.
    let mut unknown = Browser::new(&s, "ja");
    unknown.get("/?lang=xx").await;
    assert!(!unknown.cookies.contains_key("mn_public_lang"));
    let verify = unknown.get("/verify?code=AAAA-AAAA-AAAA-AAAA").await;
    assert_eq!(verify.cache.as_deref(), Some("no-store"));
    // A public form takes no upload: a multipart body is refused before it is read as one.
    let sign_in_page = unknown.get("/desk/sign-in").await;
    let csrf = sign_in_page.field("csrf");
    let upload = unknown
        .upload(
            "/desk/sign-in",
            &[("csrf", None, csrf.as_bytes()), ("login", None, b"x")],
        )
        .await;
    assert_eq!(upload.status, StatusCode::FORBIDDEN);
    let mut easy = Browser::new(&s, "ja");
    let page = easy.get("/?lang=ja-x-easy").await;
    assert!(
        page.html.contains("<ruby>番号<rt>ばんごう</rt></ruby>"),
        "{}",
        page.html
    );
    assert!(!page.html.contains("[["));
    // The browser's languages, in order, when nothing was chosen.
    let mut korean = Browser::new(&s, "fr-FR, ko;q=0.9, en;q=0.8");
    assert!(korean.get("/").await.html.contains("<html lang=\"ko\">"));
    let mut portuguese = Browser::new(&s, "pt-PT");
    assert!(
        portuguese
            .get("/")
            .await
            .html
            .contains("<html lang=\"pt-BR\">")
    );
}

/// Notification letters at the desk: the queue's count, the letters by status (never their
/// addressee), a delivery outcome recorded by the application ID on the letter (a mistyped or
/// unknown ID named beside the field, an outcome the letter's status does not allow refused),
/// each outcome in the ledger.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_follows_notification_letters() {
    let s = server("desk-letters").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    let shinjuku = mynumber_core::MunicipalityCode::parse("131041").unwrap();
    for _ in 0..2 {
        s.app
            .register(
                &admin,
                mynumber_app::RegisterCommand {
                    kind: mynumber_core::Registration::MoveIn,
                    input: common_resident(),
                    household: mynumber_app::HouseholdChoice::New,
                    effective_on: None,
                    carried: None,
                },
            )
            .await
            .unwrap();
    }
    let clerk = s
        .app
        .add_staff(&admin, "通知 一郎", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let mut b = Browser::new(&s, "ja");
    let secret = enrol(
        &mut b,
        &clerk.token.token,
        "tsuchi",
        "correct horse battery",
    )
    .await;
    sign_in(&mut b, "tsuchi", "correct horse battery", &code(&secret, 1)).await;
    let queued = b.get("/desk/letters?status=queued").await;
    assert_eq!(queued.status, StatusCode::OK);
    assert!(
        queued.html.contains("印刷を待っている通知書が2通あります"),
        "{}",
        queued.html
    );
    assert!(!queued.html.contains("山田"), "no addressee on the list");
    assert!(
        queued
            .html
            .contains("この市区町村の印刷単位はまだありません")
    );
    let csrf = queued.field("csrf");
    // A print run of no size, or too many: named beside the field, nothing printed.
    for size in ["", "0", "501", "十"] {
        let bad = b
            .post("/desk/letters/print", &[("csrf", &csrf), ("size", size)])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{size}");
        assert!(bad.html.contains("href=\"#size\""), "{}", bad.html);
        assert!(
            bad.html.contains("id=\"error-summary\" autofocus"),
            "the summary takes the focus"
        );
        assert!(bad.html.contains("1から500までの数字で入力してください"));
    }
    // A municipality with no name to print: the print run's problem, shown at the top of the
    // print section (not beside the size, which was right), nothing printed.
    let unnamed = b
        .post("/desk/letters/print", &[("csrf", &csrf), ("size", "10")])
        .await;
    assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unnamed.html.contains("href=\"#print\""), "{}", unnamed.html);
    assert!(!unnamed.html.contains("href=\"#size\""), "{}", unnamed.html);
    assert!(unnamed.html.contains("id=\"print-error\""));
    assert!(unnamed.html.contains("証明書に印字する名称がありません"));
    assert!(
        unnamed
            .html
            .contains("name=\"size\" type=\"text\" value=\"10\""),
        "the size is kept"
    );
    assert_eq!(
        s.app.queued_notice_count(&admin, shinjuku).await.unwrap(),
        2
    );
    s.app
        .set_municipality_name(&admin, shinjuku, "新宿区")
        .await
        .unwrap();
    // The print run: the PDF is the answer, and its letters are sent.
    let pdf = b
        .post("/desk/letters/print", &[("csrf", &csrf), ("size", "10")])
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.html.starts_with("%PDF-"));
    assert_eq!(pdf.cache.as_deref(), Some("no-store"));
    assert_eq!(
        s.app.queued_notice_count(&admin, shinjuku).await.unwrap(),
        0
    );
    let empty = b
        .post("/desk/letters/print", &[("csrf", &csrf), ("size", "10")])
        .await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(
        empty.html.contains("何も印刷していません"),
        "{}",
        empty.html
    );
    let batch = &s.app.notice_batches(&admin, shinjuku, 10).await.unwrap()[0];
    assert_eq!((batch.letters, batch.out), (2, 2));
    let sent = b.get("/desk/letters?status=sent").await;
    assert!(sent.html.contains(&batch.batch), "the batch is listed");
    let first = s
        .app
        .notices(&admin, mynumber_core::notice::NoticeStatus::Sent, 10)
        .await
        .unwrap()[0]
        .application_id
        .unwrap();
    assert!(sent.html.contains(&first.grouped()), "{}", sent.html);
    // A batch printed again: the PDF, and the reprint in the ledger; an unknown one is named.
    let again = b
        .post(
            "/desk/letters/reprint",
            &[("csrf", &csrf), ("batch", &batch.batch)],
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.html.starts_with("%PDF-"));
    let unknown = b
        .post(
            "/desk/letters/reprint",
            &[("csrf", &csrf), ("batch", "131041-20260101-00")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(
        unknown.html.contains("href=\"#batches\""),
        "{}",
        unknown.html
    );
    assert!(
        unknown
            .html
            .contains("その印刷単位は、この市区町村にはありません")
    );
    let actions = ledger_actions(&s, "131041").await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.starts_with("notice-sent"))
            .count(),
        2
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.starts_with("notice-reprinted"))
            .count(),
        2
    );
    let csrf = sent.field("csrf");
    // A mistyped ID, an unknown one, no outcome: each named.
    let bad = b
        .post(
            "/desk/letters/outcome",
            &[("csrf", &csrf), ("application_id", "1234"), ("outcome", "")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.html.contains("href=\"#application_id\"") && bad.html.contains("href=\"#outcome\"")
    );
    let unknown = mynumber_core::ApplicationId::from_random(shinjuku, [7; 8]).unwrap();
    let missing = b
        .post(
            "/desk/letters/outcome",
            &[
                ("csrf", &csrf),
                ("application_id", &unknown.grouped()),
                ("outcome", "returned"),
            ],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.html);
    // Handed over before it came back: refused; returned, then handed over: recorded.
    let early = b
        .post(
            "/desk/letters/outcome",
            &[
                ("csrf", &csrf),
                ("application_id", first.as_str()),
                ("outcome", "handed-over"),
            ],
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.html);
    for (outcome, shown) in [
        ("returned", "返戻(窓口で保管中)"),
        ("handed-over", "窓口で交付済み"),
    ] {
        let done = b
            .post(
                "/desk/letters/outcome",
                &[
                    ("csrf", &csrf),
                    ("application_id", &first.grouped()),
                    ("outcome", outcome),
                ],
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.html);
        assert!(done.html.contains(shown), "{shown}: {}", done.html);
    }
    let destroyed = b.post("/desk/letters/destroy", &[("csrf", &csrf)]).await;
    assert_eq!(destroyed.status, StatusCode::OK);
    assert!(
        destroyed
            .html
            .contains("保管期間を過ぎた通知書はありませんでした")
    );
    let actions = ledger_actions(&s, "131041").await.join("\n");
    assert!(
        actions.contains("notice-returned") && actions.contains("notice-handed-over"),
        "{actions}"
    );
}

/// Signed checkpoints for national auditors: none at first, then one signed from the screen,
/// with every partition's head and its text to keep; an auditor of one municipality is
/// refused by the policy (a checkpoint holds every partition's head).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_national_auditor_signs_a_checkpoint() {
    let s = server("desk-checkpoints").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    let national = s
        .app
        .add_staff(&admin, "監査 全国", "auditor", None)
        .await
        .unwrap();
    let local = s
        .app
        .add_staff(&admin, "監査 新宿", "auditor", Some("131041"))
        .await
        .unwrap();
    let mut b = Browser::new(&s, "ja");
    let secret = enrol(
        &mut b,
        &national.token.token,
        "kansa.zenkoku",
        "correct horse battery",
    )
    .await;
    sign_in(
        &mut b,
        "kansa.zenkoku",
        "correct horse battery",
        &code(&secret, 1),
    )
    .await;
    let home = b.get("/desk").await;
    assert!(home.html.contains("href=\"/desk/checkpoints\""));
    let page = b.get("/desk/checkpoints").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.html.contains("まだチェックポイントはありません"),
        "{}",
        page.html
    );
    let signed = b
        .post("/desk/checkpoints", &[("csrf", &page.field("csrf"))])
        .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.html);
    assert!(signed.html.contains("チェックポイントに署名しました"));
    assert!(
        signed.html.contains("<th scope=\"row\">national</th>"),
        "{}",
        signed.html
    );
    let newest = s.app.latest_checkpoint(&admin).await.unwrap().unwrap();
    assert!(signed.html.contains(newest.key_id()));
    let mut l = Browser::new(&s, "ja");
    let secret = enrol(
        &mut l,
        &local.token.token,
        "kansa.shinjuku",
        "correct horse battery",
    )
    .await;
    sign_in(
        &mut l,
        "kansa.shinjuku",
        "correct horse battery",
        &code(&secret, 1),
    )
    .await;
    assert!(
        !l.get("/desk")
            .await
            .html
            .contains("href=\"/desk/checkpoints\"")
    );
    assert_eq!(
        l.get("/desk/checkpoints").await.status,
        StatusCode::FORBIDDEN
    );
}

/// 印鑑登録 at the counter (issue 13): a clerk registers a seal through the form (each problem
/// beside its field), sees it with its card number, changes it, and reports it lost; the
/// resident's record links to it, and every step is in the ledger.
#[tokio::test]
async fn a_clerk_registers_changes_and_ends_a_seal() {
    let s = server("desk-seals").await;
    let admin = s.app.authenticate(&s.admin).await.unwrap();
    let registered = s
        .app
        .register(
            &admin,
            mynumber_app::RegisterCommand {
                kind: mynumber_core::Registration::MoveIn,
                input: common_resident(),
                household: mynumber_app::HouseholdChoice::New,
                effective_on: None,
                carried: None,
            },
        )
        .await
        .unwrap();
    let rc = registered.resident_code.digits().to_owned();
    let clerk = s
        .app
        .add_staff(&admin, "窓口 四郎", "registry-clerk", Some("131041"))
        .await
        .unwrap();
    let mut b = Browser::new(&s, "ja");
    let secret = enrol(&mut b, &clerk.token.token, "inkan", "correct horse battery").await;
    sign_in(&mut b, "inkan", "correct horse battery", &code(&secret, 1)).await;

    let record = b.get(&format!("/desk/residents/{rc}")).await;
    let seal_uri = format!("/desk/residents/{rc}/seal");
    assert!(record.html.contains(&seal_uri), "{}", record.html);
    let seal = b.get(&seal_uri).await;
    assert_eq!(seal.status, StatusCode::OK);
    assert!(
        seal.html.contains("登録されている印鑑はありません"),
        "{}",
        seal.html
    );
    let register_uri = format!("{seal_uri}/register");
    let form = b.get(&register_uri).await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = form.field("csrf");

    // No file, then a file too small: the problem beside its field, the documents kept.
    let bad = b
        .upload(
            &register_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("document", None, b"passport"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("impression-error"), "{}", bad.html);
    assert!(
        bad.html.contains("value=\"passport\" checked"),
        "{}",
        bad.html
    );
    let small = mynumber_app::demo::seal_impression(1, 7);
    let bad = b
        .upload(
            &register_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("document", None, b"passport"),
                ("impression", Some("seal.png"), &small),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("一辺8mmの正方形に収まる"), "{}", bad.html);
    // An adult ward: refused, the box still ticked.
    let png = mynumber_app::demo::seal_impression(1, 15);
    let bad = b
        .upload(
            &register_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("document", None, b"passport"),
                ("adult_ward", None, b"1"),
                ("impression", Some("seal.png"), &png),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("seal-error"), "{}", bad.html);
    assert!(
        bad.html.contains("name=\"adult_ward\" value=\"1\" checked"),
        "{}",
        bad.html
    );

    let done = b
        .upload(
            &register_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("document", None, b"passport"),
                ("impression", Some("seal.png"), &png),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.html);
    let row = s
        .app
        .seal(&admin, &registered.resident_code)
        .await
        .unwrap()
        .unwrap();
    assert!(done.html.contains(&row.card_number), "{}", done.html);
    let seal = b.get(&seal_uri).await;
    assert!(seal.html.contains(&row.card_number));
    assert!(seal.html.contains("横14.9mm × 縦14.9mm"), "{}", seal.html);
    assert!(seal.html.contains("data:image/png;base64,"));

    // 改印, then the loss: confirmation first.
    let change = b.get(&format!("{register_uri}?change=1")).await;
    assert!(change.html.contains("name=\"change\" value=\"1\""));
    let other = mynumber_app::demo::seal_impression(2, 18);
    let done = b
        .upload(
            &register_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("change", None, b"1"),
                ("document", None, b"drivers-licence"),
                ("impression", Some("seal.png"), &other),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.html);
    assert!(done.html.contains("改印しました"), "{}", done.html);
    let end_uri = format!("{seal_uri}/end");
    assert_eq!(
        b.get(&format!("{end_uri}?reason=changed")).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        b.get(&format!("{end_uri}?reason=lost")).await.status,
        StatusCode::OK
    );
    let unconfirmed = b
        .upload(
            &end_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("reason", None, b"lost"),
                ("document", None, b"passport"),
            ],
        )
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.html.contains("confirmed-error"));
    let ended = b
        .upload(
            &end_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("reason", None, b"lost"),
                ("document", None, b"passport"),
                ("confirmed", None, b"1"),
            ],
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.html);
    assert!(ended.html.contains("亡失の届出"), "{}", ended.html);
    // Nothing left to end: said beside the confirmation.
    let again = b
        .upload(
            &end_uri,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("reason", None, b"abolished"),
                ("document", None, b"passport"),
                ("confirmed", None, b"1"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again.html.contains("登録されている印鑑がありません"),
        "{}",
        again.html
    );

    let actions: Vec<String> = ledger_actions(&s, "131041")
        .await
        .into_iter()
        .filter(|a| a.starts_with("seal-"))
        .collect();
    let first_words: Vec<&str> = actions
        .iter()
        .map(|a| a.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        first_words,
        [
            "seal-registered",
            "seal-ended",
            "seal-changed",
            "seal-ended"
        ],
        "{actions:?}"
    );
    assert!(
        actions[3].ends_with("reason=lost identity=passport"),
        "{actions:?}"
    );
}
