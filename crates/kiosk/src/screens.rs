//! The kiosk's touch screens (issue 13; docs/design/kiosk.md): one resident at a time, from the
//! language to the certificate in hand. Large targets, every choice a button, no free text;
//! the PIN from an on-screen pad; every screen after the first goes back to the start when
//! nothing is touched for `idle` seconds, with a warning twenty seconds before that a touch
//! dismisses (`web/idle.js`, WCAG 2.2.1), and the server ends a stale session on its own. The
//! screens need no script to work, and stand on the shared web foundation (the design tokens
//! and the desk's style sheet, with the kiosk's own sizes).

use std::path::PathBuf;
use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use mynumber_i18n::{Arg, Catalog, kiosk_catalog, kiosk_catalogs};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::Mutex;

use crate::card::{self, CardError, Pcsc};
use crate::centre::{Centre, CentreError};

/// The documents a resident may choose, as the centre names them.
const DOCUMENTS: [&str; 3] = [
    "resident-record-copy",
    "resident-record-items",
    "seal-certificate",
];
/// The options of a 住民票, as the centre names them.
const OPTIONS: [&str; 3] = ["household", "householder", "number"];
/// The most copies one order may ask (the centre's limit: core::kiosk).
const MAX_COPIES: u8 = 10;

/// The kiosk: its centre, its reader, where it prints, and the one session it serves.
pub(crate) struct Kiosk {
    pub(crate) centre: Centre,
    /// A part of the reader's name to use; the first reader with a card when `None`.
    pub(crate) reader: Option<String>,
    /// Where a print goes: the printer's spool (a directory the printer service watches).
    pub(crate) print_dir: PathBuf,
    /// Seconds without a touch before a session ends.
    pub(crate) idle: u64,
    pub(crate) session: Mutex<Session>,
}

/// What the resident has done so far. Dropped whole at the end, at a cancel and at a timeout:
/// nothing of one resident stays for the next.
#[derive(Default)]
pub(crate) struct Session {
    lang: Option<&'static str>,
    certificate: Option<Vec<u8>>,
    pin: String,
    centre: Option<String>,
    step: i64,
    document: Option<&'static str>,
    options: Vec<&'static str>,
    copies: u8,
    total_yen: Option<u32>,
    printout: Option<(String, Vec<u8>)>,
    printed: Option<String>,
    message: Option<String>,
    /// When the resident last did something.
    touched: Option<std::time::Instant>,
}

impl Session {
    fn catalog(&self) -> &'static Catalog {
        kiosk_catalog(self.lang.unwrap_or("ja"))
    }

    /// A fresh session in the same language (a cancel keeps the resident's language).
    fn reset(&mut self) {
        *self = Self {
            lang: self.lang,
            ..Self::default()
        };
    }
}

/// What every screen shares.
struct Frame {
    lang: &'static str,
    c: &'static Catalog,
    title: String,
    idle: Option<u64>,
    step: Option<u8>,
    message: Option<String>,
    cancel: bool,
}

impl Frame {
    fn t(&self, key: &str) -> String {
        self.c.text(key)
    }

    fn t_with(&self, key: &str, name: &str, value: &str) -> String {
        self.c.format(key, &[(name, Arg::Text(value))])
    }
}

fn frame(kiosk: &Kiosk, s: &mut Session, title_key: &str, step: Option<u8>, cancel: bool) -> Frame {
    let c = s.catalog();
    Frame {
        lang: c.tag(),
        c,
        title: c.text(title_key),
        idle: step.map(|_| kiosk.idle),
        step,
        message: s.message.take(),
        cancel,
    }
}

fn page(html: Result<String, askama::Error>) -> Response {
    match html {
        Ok(html) => {
            let mut r = Html(html).into_response();
            // A resident's screens stay in no cache, and no other site frames them.
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                ),
            );
            r
        }
        Err(e) => {
            tracing::error!(error = %e, "a screen could not be rendered");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

fn go(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// A language button.
struct Language {
    tag: &'static str,
    name: String,
}

#[derive(Template)]
#[template(path = "welcome.html")]
struct Welcome {
    f: Frame,
    languages: Vec<Language>,
}

#[derive(Template)]
#[template(path = "card.html")]
struct CardScreen {
    f: Frame,
}

#[derive(Template)]
#[template(path = "pin.html")]
struct PinScreen {
    f: Frame,
    /// One entry per digit: entered or not.
    dots: Vec<bool>,
    entered: String,
    digits: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentScreen {
    f: Frame,
    documents: Vec<(&'static str, String)>,
}

/// An option's row: its code, its name, and whether it is chosen.
struct OptionRow {
    code: &'static str,
    name: String,
    on: bool,
}

#[derive(Template)]
#[template(path = "options.html")]
struct OptionsScreen {
    f: Frame,
    document: String,
    options: Vec<OptionRow>,
    copies: u8,
    more: bool,
    fewer: bool,
}

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmScreen {
    f: Frame,
    document: String,
    options: Vec<String>,
    copies: u8,
    yen: String,
    number: bool,
}

#[derive(Template)]
#[template(path = "pay.html")]
struct PayScreen {
    f: Frame,
    yen: String,
}

#[derive(Template)]
#[template(path = "done.html")]
struct DoneScreen {
    f: Frame,
    code: String,
}

#[derive(Template)]
#[template(path = "timeout.html")]
struct TimeoutScreen {
    f: Frame,
}

type Shared = Arc<Kiosk>;

/// The kiosk's routes.
pub(crate) fn router(kiosk: Kiosk) -> Router {
    let state = Arc::new(kiosk);
    Router::new()
        .route("/", get(welcome))
        .route("/language", post(language))
        .route("/start", post(start))
        .route("/card", get(card_screen).post(card_placed))
        .route("/pin", get(pin_screen).post(pin_key))
        .route("/document", get(document_screen).post(document_chosen))
        .route("/options", get(options_screen).post(options_changed))
        .route("/confirm", get(confirm_screen))
        .route("/pay", get(pay_screen).post(paid))
        .route("/done", get(done_screen))
        .route("/finish", post(finish))
        .route("/cancel", post(cancel))
        .route("/timeout", get(timeout))
        .route("/static/{file}", get(static_file))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            idle_guard,
        ))
        .layer(axum::middleware::from_fn(same_origin))
        .with_state(state)
}

/// Refuses a POST another site's page sent (the kiosk's browser shows only these screens,
/// but a form elsewhere must not drive them: the browser's `Sec-Fetch-Site` says so), and any
/// request to a name other than loopback's.
async fn same_origin(req: Request, next: Next) -> Response {
    // A browser says where a request comes from; one that does not say is not the kiosk's.
    let cross = req.method() == axum::http::Method::POST
        && !req
            .headers()
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == "same-origin" || v == "none");
    // Loopback names only: a page on another name resolving here (DNS rebinding) is refused.
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    let local = matches!(name, "127.0.0.1" | "localhost" | "[::1]");
    if cross || !local {
        return (
            StatusCode::FORBIDDEN,
            "only the kiosk's own screens may ask",
        )
            .into_response();
    }
    next.run(req).await
}

async fn static_file(Path(file): Path<String>) -> Response {
    let (body, kind) = match file.as_str() {
        "dads-tokens.css" => (
            include_str!("../../api/web/static/dads-tokens.css"),
            "text/css; charset=utf-8",
        ),
        "desk.css" => (
            include_str!("../../api/web/static/desk.css"),
            "text/css; charset=utf-8",
        ),
        "kiosk.css" => (include_str!("../web/kiosk.css"), "text/css; charset=utf-8"),
        "idle.js" => (
            include_str!("../web/idle.js"),
            "text/javascript; charset=utf-8",
        ),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Ends a session nobody touched for the idle time (the screen's own timer may not have run:
/// a browser without scripts, a screen left on a page): the next request starts over.
async fn idle_guard(State(k): State<Shared>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let open =
        matches!(path, "/" | "/timeout" | "/language" | "/start") || path.starts_with("/static/");
    if !open {
        let mut s = k.session.lock().await;
        let now = std::time::Instant::now();
        let stale = s
            .touched
            .is_some_and(|t| now.duration_since(t).as_secs() > k.idle);
        s.touched = Some(now);
        if stale {
            drop(s);
            return go("/timeout");
        }
    }
    next.run(req).await
}

async fn welcome(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    let f = frame(&k, &mut s, "kiosk-choose-language", None, false);
    let languages = kiosk_catalogs()
        .iter()
        .map(|c| Language {
            tag: c.tag(),
            name: c.name(),
        })
        .collect();
    page(Welcome { f, languages }.render())
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
}

async fn language(State(k): State<Shared>, Form(form): Form<LanguageForm>) -> Response {
    let mut s = k.session.lock().await;
    s.lang = kiosk_catalogs()
        .iter()
        .map(|c| c.tag())
        .find(|t| *t == form.lang);
    go("/")
}

async fn start(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    s.reset();
    go("/card")
}

async fn card_screen(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    let f = frame(&k, &mut s, "kiosk-insert-card", Some(1), true);
    page(CardScreen { f }.render())
}

/// Runs a card operation off the async workers (PC/SC blocks).
async fn with_card<T: Send + 'static>(
    k: &Kiosk,
    op: impl FnOnce(&mut Pcsc) -> Result<T, CardError> + Send + 'static,
) -> Result<T, CardError> {
    let reader = k.reader.clone();
    tokio::task::spawn_blocking(move || {
        let mut card = Pcsc::connect(reader.as_deref())?;
        op(&mut card)
    })
    .await
    .map_err(|e| CardError::Reader(e.to_string()))?
}

async fn card_placed(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    let read = with_card(&k, |c| {
        Ok((card::authentication_certificate(c)?, card::pin_tries(c)?))
    })
    .await;
    match read {
        // A PIN locked before: nothing to type.
        Ok((_, 0)) => {
            s.message = Some(s.catalog().text("kiosk-pin-blocked"));
            go("/card")
        }
        Ok((certificate, _)) => {
            s.certificate = Some(certificate);
            s.pin.clear();
            go("/pin")
        }
        Err(e) => {
            tracing::info!(error = %e, "no card read");
            s.message = Some(s.catalog().text("kiosk-no-card"));
            go("/card")
        }
    }
}

async fn pin_screen(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    if s.certificate.is_none() {
        return go("/");
    }
    let entered = s.pin.len();
    let f = frame(&k, &mut s, "kiosk-pin-title", Some(2), true);
    let text = f.c.format(
        "kiosk-pin-entered",
        &[("count", Arg::Number(entered as i64))],
    );
    page(
        PinScreen {
            f,
            dots: (0..4).map(|i| i < entered).collect(),
            entered: text,
            digits: vec!["1", "2", "3", "4", "5", "6", "7", "8", "9"],
        }
        .render(),
    )
}

#[derive(Deserialize)]
struct KeyForm {
    key: String,
}

/// What the centre said, for the resident: its message, or that it cannot serve now.
fn told(s: &Session, e: &CentreError) -> String {
    match e {
        CentreError::Refused { message, .. } if !message.is_empty() => s
            .catalog()
            .format("kiosk-refused", &[("reason", Arg::Text(message))]),
        e => {
            tracing::warn!(error = %e, "the centre did not serve");
            s.catalog().text("kiosk-unavailable")
        }
    }
}

async fn pin_key(State(k): State<Shared>, Form(form): Form<KeyForm>) -> Response {
    let mut s = k.session.lock().await;
    let Some(certificate) = s.certificate.clone() else {
        return go("/");
    };
    match form.key.as_str() {
        d if d.len() == 1 && d.bytes().all(|b| b.is_ascii_digit()) => {
            if s.pin.len() < 4 {
                s.pin.push_str(d);
            }
            return go("/pin");
        }
        "delete" => {
            s.pin.pop();
            return go("/pin");
        }
        "ok" if s.pin.len() == 4 => {}
        _ => return go("/pin"),
    }
    let pin = std::mem::take(&mut s.pin);
    let lang = s.catalog().tag();
    // A session at the centre, and its challenge signed by the card after its PIN.
    let started = match k
        .centre
        .post("/api/kiosk/v1/sessions", json!({}), lang)
        .await
    {
        Ok(v) => v,
        Err(e) => {
            s.message = Some(told(&s, &e));
            return go("/pin");
        }
    };
    // The id goes into the path of the next requests: a session id's characters only.
    let (Some(id), Some(challenge)) = (
        started["session"]
            .as_str()
            .filter(|id| {
                (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric())
            })
            .map(str::to_owned),
        started["challenge"]
            .as_str()
            .and_then(mynumber_pki::jose::base64url_decode),
    ) else {
        s.message = Some(s.catalog().text("kiosk-unavailable"));
        return go("/pin");
    };
    let message = mynumber_core::terminal::challenge_message(&id, &hex::encode(&challenge));
    let signed = with_card(&k, move |c| card::sign(c, &pin, &message)).await;
    let signature = match signed {
        Ok(signature) => signature,
        Err(CardError::WrongPin(tries)) => {
            s.message = Some(s.catalog().format(
                "kiosk-pin-wrong",
                &[("tries", Arg::Number(i64::from(tries)))],
            ));
            return go("/pin");
        }
        Err(CardError::Blocked) => {
            let text = s.catalog().text("kiosk-pin-blocked");
            s.reset();
            s.message = Some(text);
            return go("/card");
        }
        Err(e) => {
            tracing::info!(error = %e, "the card did not sign");
            s.message = Some(s.catalog().text("kiosk-no-card"));
            s.certificate = None;
            return go("/card");
        }
    };
    let answer = json!({
        "step": started["step"].as_i64().unwrap_or(1),
        "certificate": mynumber_pki::base64_encode(&certificate),
        "signature": mynumber_pki::base64_encode(&signature),
    });
    match k
        .centre
        .post(&format!("/api/kiosk/v1/sessions/{id}/card"), answer, lang)
        .await
    {
        Ok(v) => {
            s.step = v["step"].as_i64().unwrap_or(2);
            s.centre = Some(id);
            go("/document")
        }
        Err(e) => {
            let text = told(&s, &e);
            s.reset();
            s.message = Some(text);
            go("/card")
        }
    }
}

async fn document_screen(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    if s.centre.is_none() {
        return go("/");
    }
    let f = frame(&k, &mut s, "kiosk-document-title", Some(3), true);
    let documents = DOCUMENTS
        .iter()
        .map(|d| (*d, f.t(&format!("kiosk-document-{d}"))))
        .collect();
    page(DocumentScreen { f, documents }.render())
}

#[derive(Deserialize)]
struct DocumentForm {
    document: String,
}

async fn document_chosen(State(k): State<Shared>, Form(form): Form<DocumentForm>) -> Response {
    let mut s = k.session.lock().await;
    if s.centre.is_none() {
        return go("/");
    }
    let Some(document) = DOCUMENTS.iter().copied().find(|d| *d == form.document) else {
        return go("/document");
    };
    s.document = Some(document);
    s.options.clear();
    s.copies = 1;
    s.total_yen = None;
    go("/options")
}

async fn options_screen(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    let Some(document) = s.document else {
        return go("/");
    };
    let chosen = s.options.clone();
    let copies = s.copies;
    let f = frame(&k, &mut s, "kiosk-options-title", Some(4), true);
    let options = if document == "seal-certificate" {
        Vec::new()
    } else {
        OPTIONS
            .iter()
            .map(|o| OptionRow {
                code: o,
                name: f.t(&format!("kiosk-option-{o}")),
                on: chosen.contains(o),
            })
            .collect()
    };
    page(
        OptionsScreen {
            document: f.t(&format!("kiosk-document-{document}")),
            f,
            options,
            copies,
            more: copies < MAX_COPIES,
            fewer: copies > 1,
        }
        .render(),
    )
}

#[derive(Deserialize)]
struct OptionsForm {
    action: String,
}

async fn options_changed(State(k): State<Shared>, Form(form): Form<OptionsForm>) -> Response {
    let mut s = k.session.lock().await;
    let (Some(document), Some(id)) = (s.document, s.centre.clone()) else {
        return go("/");
    };
    // Any change drops the quote: what is paid and printed is what the centre priced last.
    if form.action != "next" {
        s.total_yen = None;
    }
    match form.action.as_str() {
        "more" => s.copies = (s.copies + 1).min(MAX_COPIES),
        "fewer" => s.copies = s.copies.saturating_sub(1).max(1),
        "next" => {
            let order = json!({
                "step": s.step,
                "document": document,
                "options": s.options,
                "copies": s.copies,
            });
            let lang = s.catalog().tag();
            return match k
                .centre
                .post(&format!("/api/kiosk/v1/sessions/{id}/order"), order, lang)
                .await
            {
                Ok(v) => {
                    s.step = v["step"].as_i64().unwrap_or(s.step + 1);
                    s.total_yen = v["order"]["total_yen"]
                        .as_u64()
                        .and_then(|y| u32::try_from(y).ok());
                    // The copies printed are the centre's, as it priced them.
                    s.copies = v["order"]["copies"]
                        .as_u64()
                        .and_then(|c| u8::try_from(c).ok())
                        .filter(|c| (1..=MAX_COPIES).contains(c))
                        .unwrap_or(s.copies);
                    go("/confirm")
                }
                Err(e) => {
                    s.message = Some(told(&s, &e));
                    go("/options")
                }
            };
        }
        toggle => {
            if let Some(option) = toggle
                .strip_prefix("toggle-")
                .and_then(|o| OPTIONS.iter().copied().find(|x| *x == o))
            {
                if let Some(at) = s.options.iter().position(|o| *o == option) {
                    s.options.remove(at);
                } else {
                    s.options.push(option);
                }
            }
        }
    }
    go("/options")
}

fn yen(c: &Catalog, yen: u32) -> String {
    // Thousands separated as the fee is written on the counter's price list.
    let digits = yen.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    c.format("kiosk-yen", &[("yen", Arg::Text(&grouped))])
}

async fn confirm_screen(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    let (Some(document), Some(total)) = (s.document, s.total_yen) else {
        // Changed since it was priced: back to the choice.
        return go(if s.document.is_some() {
            "/options"
        } else {
            "/"
        });
    };
    let chosen = s.options.clone();
    let copies = s.copies;
    let f = frame(&k, &mut s, "kiosk-confirm-title", Some(4), true);
    page(
        ConfirmScreen {
            document: f.t(&format!("kiosk-document-{document}")),
            options: chosen
                .iter()
                .map(|o| f.t(&format!("kiosk-option-{o}")))
                .collect(),
            copies,
            yen: yen(f.c, total),
            number: chosen.contains(&"number"),
            f,
        }
        .render(),
    )
}

async fn pay_screen(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    let Some(total) = s.total_yen else {
        return go(if s.document.is_some() {
            "/options"
        } else {
            "/"
        });
    };
    let f = frame(&k, &mut s, "kiosk-pay-title", Some(5), true);
    let yen = yen(f.c, total);
    page(PayScreen { f, yen }.render())
}

/// The document the centre sent to print: its code and its PDF (either empty when absent).
/// The code names the spool's file: only a verification code's letters, digits and hyphens
/// (never a path), whatever the centre answered.
fn printout(v: &serde_json::Value) -> (String, Vec<u8>) {
    let code = v["printout"]["document_code"]
        .as_str()
        .filter(|c| {
            (1..=32).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        .unwrap_or_default();
    let pdf = v["printout"]["pdf"]
        .as_str()
        .and_then(mynumber_pki::base64_decode)
        .unwrap_or_default();
    (code.to_owned(), pdf)
}

/// Writes the document to the printer's spool; the print's name says its code and copies.
fn print(dir: &std::path::Path, code: &str, copies: u8, pdf: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let name = format!("{code}-x{copies}.pdf");
    let partial = dir.join(format!(".{name}.part"));
    std::fs::write(&partial, pdf)?;
    // Renamed whole: the printer service never picks up half a file.
    std::fs::rename(&partial, dir.join(name))
}

async fn paid(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    let (Some(total), Some(id)) = (s.total_yen, s.centre.clone()) else {
        return go("/");
    };
    let lang = s.catalog().tag();
    let at = |step: &str| format!("/api/kiosk/v1/sessions/{id}/{step}");
    if s.printout.is_none() {
        let payment = json!({"step": s.step, "paid_yen": total});
        match k.centre.post(&at("payment"), payment, lang).await {
            Ok(v) => {
                s.step = v["step"].as_i64().unwrap_or(s.step + 1);
                s.printout = Some(printout(&v));
            }
            Err(e) => {
                s.message = Some(told(&s, &e));
                return go("/pay");
            }
        }
    } else {
        // A print that failed: the same document again.
        match k
            .centre
            .post(&at("document"), json!({"step": s.step}), lang)
            .await
        {
            Ok(v) => {
                s.step = v["step"].as_i64().unwrap_or(s.step + 1);
                s.printout = Some(printout(&v));
            }
            Err(e) => {
                s.message = Some(told(&s, &e));
                return go("/pay");
            }
        }
    }
    let Some((code, pdf)) = s.printout.clone() else {
        return go("/pay");
    };
    let ok =
        !code.is_empty() && !pdf.is_empty() && print(&k.print_dir, &code, s.copies, &pdf).is_ok();
    let report = json!({"step": s.step, "printed": ok});
    match k.centre.post(&at("printed"), report, lang).await {
        Ok(v) => s.step = v["step"].as_i64().unwrap_or(s.step + 1),
        Err(e) => tracing::warn!(error = %e, "the print's report was not taken"),
    }
    if ok {
        s.printed = Some(code);
        go("/done")
    } else {
        s.message = Some(s.catalog().text("kiosk-print-failed"));
        go("/pay")
    }
}

async fn done_screen(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    let Some(code) = s.printed.clone() else {
        return go("/");
    };
    let f = frame(&k, &mut s, "kiosk-done-title", Some(5), false);
    page(DoneScreen { f, code }.render())
}

async fn finish(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    *s = Session::default();
    go("/")
}

async fn cancel(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    s.reset();
    go("/")
}

async fn timeout(State(k): State<Shared>) -> Response {
    let mut s = k.session.lock().await;
    let lang = s.lang;
    *s = Session::default();
    s.lang = lang;
    let f = frame(&k, &mut s, "kiosk-timeout", None, false);
    // The next resident starts in Japanese.
    s.lang = None;
    page(TimeoutScreen { f }.render())
}
