//! あなたの情報 (the resident's portal, マイナポータル; issue 14, docs/design/portal.md): log-in
//! with the card (the same authentication app as a relying party's log-in, its own challenge),
//! then the resident's record, household, cards and certificates; the exchanges about them
//! (やりとり履歴), 不開示 ones counted and not shown; who handled their record (アクセス記録) with
//! a signed receipt to download and the check of one kept from before. In the ten languages
//! of the public pages. No Individual Number is used to log in, and none is shown.
//!
//! A page behind the log-in has `Access::Portal(action)`: `portal_guard` takes the session's
//! cookie, asks the policy, and hands the page its `Principal::Resident`; without a session,
//! the browser is sent to the portal's first page.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use mynumber_app::AppError;
use mynumber_core::card::CardStatus;
use mynumber_core::certificate::CertificateStatus;
use mynumber_core::exchange::FieldKind;
use mynumber_core::{Action, Principal};
use mynumber_i18n::{Arg, Catalog};
use serde::Deserialize;
use serde_json::json;

use super::public::{Frame, LangQuery, language, plain, ruby, send};
use super::{cookie, same_origin, set_cookie};
use crate::AppState;
use crate::staff::time;

/// The portal session's cookie: `__Host-`, so that no other host (a sibling subdomain) can
/// plant one (found in review).
pub(crate) const PORTAL_COOKIE: &str = "__Host-mn_portal";

/// The cookie that binds a portal log-in to its browser (`__Host-` likewise: a planted one
/// would let another person's log-in be finished in this browser).
fn login_cookie(id: &str) -> String {
    format!("__Host-mn_portal_login_{id}")
}

/// What the pages behind the log-in get from the guard: the CSRF token of their forms.
#[derive(Clone)]
pub(crate) struct PortalContext {
    csrf: String,
}

/// The guard of a page behind the log-in: a session in force, and the policy's leave.
pub(crate) async fn portal_guard(
    State((state, action)): State<(AppState, Action)>,
    mut req: Request,
    next: Next,
) -> Response {
    if req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|site| matches!(site, "same-site" | "cross-site"))
        || (req.method() == Method::POST && !same_origin(req.headers()))
    {
        return StatusCode::FORBIDDEN.into_response();
    }
    let Some(token) = cookie(req.headers(), PORTAL_COOKIE).map(str::to_owned) else {
        return Redirect::to("/portal").into_response();
    };
    let principal = match state.app.portal_principal(&token).await {
        Ok(p) => p,
        Err(_) => {
            let mut r = Redirect::to("/portal?ended=1").into_response();
            r.headers_mut()
                .append(header::SET_COOKIE, set_cookie(PORTAL_COOKIE, "", Some(0)));
            return r;
        }
    };
    if state.app.permit(&principal, action).await.is_err() {
        return StatusCode::FORBIDDEN.into_response();
    }
    // A POST carries the token of the page it came from, as the desk's forms do: the cookie's
    // SameSite=Strict alone is not relied on.
    let csrf = super::csrf_of(&token);
    if req.method() == Method::POST {
        let lang = super::Lang::of(req.headers());
        req = match super::checked_post(req, Some(&csrf), true, lang).await {
            Ok(r) => r,
            Err(refused) => return refused,
        };
    }
    req.extensions_mut().insert(PortalContext { csrf });
    req.extensions_mut().insert(principal);
    let mut response = next.run(req).await;
    // Personal data: never kept in the browser's cache.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The portal's navigation, for the pages behind the log-in, with the forms' CSRF token.
struct Nav {
    current: &'static str,
    csrf: String,
}

#[derive(Template)]
#[template(path = "portal_home.html")]
struct LandingPage {
    f: Frame,
    ended: bool,
    logged_out: bool,
    suspended: bool,
}

#[derive(Deserialize, Default)]
pub(crate) struct PortalQuery {
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    ended: Option<String>,
    #[serde(default)]
    out: Option<String>,
    #[serde(default)]
    suspended: Option<String>,
    #[serde(default)]
    letters: Option<String>,
}

/// A language the letters can be in, named in itself (each catalog's `meta-language-name`).
struct LetterLanguage {
    tag: &'static str,
    name: String,
    selected: bool,
}

/// One labelled value.
struct Row {
    label: String,
    value: String,
}

struct CardView {
    serial: String,
    expiry: String,
    status: String,
    /// In use: it may be suspended from here.
    active: bool,
}

struct CertificateView {
    kind: String,
    status: String,
    until: String,
}

#[derive(Template)]
#[template(path = "portal_info.html")]
struct InfoPage {
    f: Frame,
    nav: Nav,
    suspended: bool,
    letters: Vec<LetterLanguage>,
    letters_set: bool,
    record: Vec<Row>,
    household: Vec<Row>,
    cards: Vec<CardView>,
    certificates: Vec<CertificateView>,
}

/// The portal's first page: with a session, the resident's information; without, what the
/// portal is and the log-in.
pub(crate) async fn home(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PortalQuery>,
) -> Response {
    let c = language(&headers, q.lang.as_deref());
    let session = match cookie(&headers, PORTAL_COOKIE) {
        Some(token) => state
            .app
            .portal_principal(token)
            .await
            .ok()
            .map(|p| (p, super::csrf_of(token))),
        None => None,
    };
    let Some((principal, csrf)) = session else {
        let page = LandingPage {
            f: Frame::new(c, "portal-title", "/portal"),
            ended: q.ended.is_some(),
            logged_out: q.out.is_some(),
            suspended: q.suspended.is_some(),
        };
        return send(
            page.render(),
            q.lang.as_deref(),
            c,
            StatusCode::OK,
            "no-store",
        );
    };
    let info = match state.app.my_information(&principal).await {
        Ok(i) => i,
        Err(e) => return failed(c, &e),
    };
    let f = Frame::new(c, "portal-nav-info", "/portal");
    let r = &info.current.resident.record;
    let address = r.address();
    let record = vec![
        Row {
            label: named(c, "field-", "name"),
            value: r.name_on_card(),
        },
        Row {
            label: named(c, "field-", "birth-date"),
            value: r.birth_date().to_string(),
        },
        Row {
            label: named(c, "field-", "address"),
            value: format!(
                "{}{}{}",
                address.prefecture().name(),
                info.municipality_name.as_deref().unwrap_or_default(),
                address.rest()
            ),
        },
    ];
    let household = info
        .household
        .iter()
        .map(|m| {
            let member = &m.version.resident.record;
            Row {
                label: member.name_on_card(),
                value: named(c, "relationship-", member.relationship().code()),
            }
        })
        .collect();
    let cards = info
        .cards
        .iter()
        .map(|card| CardView {
            serial: card.serial.clone(),
            active: card.status == CardStatus::Active,
            expiry: card.expiry.to_string(),
            status: f.h(match card.status {
                CardStatus::Active => "portal-card-active",
                CardStatus::Produced => "portal-card-produced",
                CardStatus::Suspended => "portal-card-suspended",
                CardStatus::Ended(_) => "portal-card-ended",
            }),
        })
        .collect();
    let certificates = info
        .certificates
        .iter()
        .map(|cert| CertificateView {
            kind: f.h(if cert.hierarchy == "signature" {
                "portal-certificate-signature"
            } else {
                "portal-certificate-authentication"
            }),
            status: f.h(match cert.status {
                CertificateStatus::Good => "portal-certificate-good",
                CertificateStatus::Hold => "portal-certificate-held",
                CertificateStatus::Revoked => "portal-certificate-revoked",
            }),
            until: time(cert.not_after_us)
                .get(..10)
                .unwrap_or_default()
                .to_owned(),
        })
        .collect();
    let page = InfoPage {
        f,
        nav: Nav {
            current: "info",
            csrf,
        },
        suspended: q.suspended.is_some(),
        letters: mynumber_i18n::LANGUAGES
            .iter()
            .map(|tag| LetterLanguage {
                tag,
                name: mynumber_i18n::catalog(tag).text("meta-language-name"),
                selected: r.language().tag() == *tag,
            })
            .collect(),
        letters_set: q.letters.is_some(),
        record,
        household,
        cards,
        certificates,
    };
    let mut r = send(
        page.render(),
        q.lang.as_deref(),
        c,
        StatusCode::OK,
        "no-store",
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn failed(c: &'static Catalog, e: &AppError) -> Response {
    tracing::error!(error = %e, "a portal page failed");
    let f = Frame::new(c, "portal-title", "/portal");
    let page = LoginPage::message(f, plain(&c.text("login-failed")));
    send(
        page.render(),
        None,
        c,
        StatusCode::INTERNAL_SERVER_ERROR,
        "no-store",
    )
}

/// Begins a log-in with the card, bound to this browser by a cookie, and sends the browser
/// to its page.
pub(crate) async fn begin(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    if !same_origin(&headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let begun = match state.app.begin_portal_login().await {
        Ok(b) => b,
        Err(e) => return failed(language(&headers, None), &e),
    };
    // The language as one of ours, never the raw parameter, into the redirect.
    let lang = q
        .lang()
        .map(|l| format!("?lang={}", language(&headers, Some(l)).tag()))
        .unwrap_or_default();
    let mut r = Redirect::to(&format!("/portal/login/{}{lang}", begun.login)).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            &login_cookie(&begun.login),
            &begun.browser,
            Some(mynumber_app::PORTAL_LOGIN_S),
        ),
    );
    r
}

#[derive(Template)]
#[template(path = "portal_login.html")]
struct LoginPage {
    f: Frame,
    state: &'static str,
    path: String,
    page_url: String,
    confirmation: String,
    qr_svg: String,
    qr_label: String,
    message: String,
}

impl LoginPage {
    fn message(f: Frame, message: String) -> Self {
        Self {
            f,
            state: "message",
            path: String::new(),
            page_url: String::new(),
            confirmation: String::new(),
            qr_svg: String::new(),
            qr_label: String::new(),
            message,
        }
    }
}

/// A log-in's page: the confirmation number and the app's command while the card is awaited;
/// then, in the browser that began it, the step into the portal.
pub(crate) async fn login_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = language(&headers, q.lang());
    let path = format!("/portal/login/{id}");
    let f = Frame::new(c, "portal-login-button", &path);
    let secret = cookie(&headers, &login_cookie(&id)).map(str::to_owned);
    let say = |f: Frame, key: &str, status: StatusCode| {
        send(
            LoginPage::message(f, ruby(&c.text(key))).render(),
            q.lang(),
            c,
            status,
            "no-store",
        )
    };
    let view = match state.app.portal_login_view(&id, secret.as_deref()).await {
        Ok(v) => v,
        Err(AppError::NotFound(_)) => return say(f, "login-not-found", StatusCode::NOT_FOUND),
        Err(e) => return failed(c, &e),
    };
    if view.over {
        return say(f, "login-expired", StatusCode::OK);
    }
    if !view.own_browser {
        return say(f, "login-other-browser", StatusCode::OK);
    }
    let page_url = format!("{}{path}", state.app.public_url());
    let page = LoginPage {
        state: if view.authenticated {
            "authenticated"
        } else {
            "waiting"
        },
        qr_label: plain(&c.text("login-qr-label")),
        qr_svg: super::qr_svg(&page_url),
        confirmation: view.confirmation,
        page_url,
        path,
        message: String::new(),
        f,
    };
    send(page.render(), q.lang(), c, StatusCode::OK, "no-store")
}

/// Finishes a log-in in the browser that began it: the session's cookie, and the portal.
pub(crate) async fn finish(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !same_origin(&headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let Some(secret) = cookie(&headers, &login_cookie(&id)).map(str::to_owned) else {
        return Redirect::to(&format!("/portal/login/{id}")).into_response();
    };
    match state.app.finish_portal_login(&id, &secret).await {
        Ok(token) => {
            let mut r = Redirect::to("/portal").into_response();
            r.headers_mut()
                .append(header::SET_COOKIE, set_cookie(PORTAL_COOKIE, &token, None));
            r.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(&login_cookie(&id), "", Some(0)),
            );
            r
        }
        Err(_) => Redirect::to(&format!("/portal/login/{id}")).into_response(),
    }
}

/// Where a portal log-in stands, for its page's script (nothing personal).
pub(crate) async fn login_status(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    let status = match state.app.portal_login_view(&id, None).await {
        Ok(v) if v.over => "expired",
        Ok(v) if v.authenticated => "authenticated",
        Ok(_) => "waiting",
        Err(_) => "not-found",
    };
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "status": status })),
    )
        .into_response()
}

/// What the authentication app signs for a portal log-in (the same shape as a relying
/// party's log-in's, so that the same app answers both).
pub(crate) async fn card_challenge(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, crate::ApiError> {
    let c = state.app.portal_login_challenge(&id).await?;
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({
            "message": mynumber_pki::jose::base64url_encode(&c.message),
            "client_name": c.client_name,
            "scopes": ["openid"],
            "confirmation": c.confirmation,
            "expires_at": time(c.expires_at_us),
        })),
    )
        .into_response())
}

/// The card's answer to a portal log-in's challenge.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CardAnswer {
    certificate: String,
    signature: String,
}

/// The card's answer: its user-authentication certificate and signature, base64url.
pub(crate) async fn card_answer(
    State(state): State<AppState>,
    Path(id): Path<String>,
    crate::AppJson(answer): crate::AppJson<CardAnswer>,
) -> Result<StatusCode, crate::ApiError> {
    let decode = |field: &'static str, v: &str| {
        mynumber_pki::jose::base64url_decode(v)
            .ok_or_else(|| crate::ApiError::field(field, "problem-base64url"))
    };
    let certificate = decode("certificate", &answer.certificate)?;
    let signature = decode("signature", &answer.signature)?;
    state
        .app
        .answer_portal_challenge(&id, &certificate, &signature)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The log-out form: its CSRF token.
#[derive(Deserialize)]
pub(crate) struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

/// Logs out: the session ends, recorded on the resident.
pub(crate) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<LogoutForm>,
) -> Response {
    if !same_origin(&headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    // Only the page's own form ends the session (its CSRF token); without a session there is
    // nothing to end.
    if let Some(token) = cookie(&headers, PORTAL_COOKIE)
        && super::same(&super::csrf_of(token), &form.csrf)
        && let Err(e) = state.app.end_portal_session(token).await
    {
        tracing::error!(error = %e, "ending a portal session failed");
    }
    let mut r = Redirect::to("/portal?out=1").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(PORTAL_COOKIE, "", Some(0)));
    r
}

struct ExchangeView {
    when: String,
    requester: String,
    provider: String,
    procedure: String,
    item: String,
    outcome: String,
}

#[derive(Template)]
#[template(path = "portal_exchanges.html")]
struct ExchangesPage {
    f: Frame,
    nav: Nav,
    rows: Vec<ExchangeView>,
    hidden: String,
}

/// A key of the portal's words for a code, or the code itself where there is none.
fn named(c: &Catalog, prefix: &str, code: &str) -> String {
    let key = format!("{prefix}{code}");
    c.try_format(&key, &[])
        .map_or_else(|| ruby(code), |t| ruby(&t))
}

/// やりとり履歴: the exchanges about the resident.
pub(crate) async fn exchanges(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Extension(ctx): axum::Extension<PortalContext>,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = language(&headers, q.lang());
    let history = match state.app.my_exchange_history(&principal).await {
        Ok(h) => h,
        Err(e) => return failed(c, &e),
    };
    let f = Frame::new(c, "portal-nav-exchanges", "/portal/exchanges");
    // The agencies by the names they were registered with (public), else by the network's.
    let units = state.app.agency_units().await.unwrap_or_default();
    let name = |unit: &mynumber_core::agency_code::AgencyUnit| unit_name(c, &units, unit.as_str());
    let rows = history
        .shown
        .iter()
        .map(|r| ExchangeView {
            when: local_time(r.answered_at_us),
            requester: name(&r.requester),
            provider: name(&r.provider),
            procedure: named(c, "portal-procedure-", &r.procedure),
            item: named(c, "portal-item-", r.item.code()),
            outcome: named(c, "portal-outcome-", r.outcome.code()),
        })
        .collect();
    let hidden = if history.hidden > 0 {
        ruby(&c.format(
            "portal-exchanges-hidden",
            &[("count", Arg::Number(history.hidden as i64))],
        ))
    } else {
        String::new()
    };
    let page = ExchangesPage {
        f,
        nav: Nav {
            current: "exchanges",
            csrf: ctx.csrf,
        },
        rows,
        hidden,
    };
    send(page.render(), q.lang(), c, StatusCode::OK, "no-store")
}

/// A time as Japan's clock shows it, to the minute.
fn local_time(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .ok()
        .map(|t| {
            jiff::tz::offset(9)
                .to_datetime(t)
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

struct AccessView {
    when: String,
    who: String,
    action: String,
    purpose: String,
    place: String,
}

#[derive(Template)]
#[template(path = "portal_access.html")]
struct AccessPage {
    f: Frame,
    nav: Nav,
    rows: Vec<AccessView>,
    check: String,
    check_ok: bool,
}

/// Who an entry's actor is, in the reader's words.
fn who(c: &Catalog, actor: &str) -> String {
    let key = match actor.split_once(':').map_or(actor, |(kind, _)| kind) {
        "agency" => "portal-who-agency",
        "relying-party" => "portal-who-relying-party",
        "resident" => "portal-who-resident",
        "kiosk" => "portal-who-kiosk",
        "system" => "portal-who-system",
        _ => "portal-who-staff",
    };
    ruby(&c.text(key))
}

async fn access_page(
    state: &AppState,
    c: &'static Catalog,
    principal: &Principal,
    csrf: &str,
    lang: Option<&str>,
    check: (String, bool),
    status: StatusCode,
) -> Response {
    let entries = match state.app.my_access_history(principal).await {
        Ok(e) => e,
        Err(e) => return failed(c, &e),
    };
    let f = Frame::new(c, "portal-nav-access", "/portal/access");
    let rows = entries
        .iter()
        .map(|e| AccessView {
            when: local_time(e.content.at_us),
            who: who(c, &e.content.actor),
            action: c
                .try_format(&format!("portal-action-{}", e.content.action), &[])
                .map_or_else(
                    || {
                        ruby(&c.format(
                            "portal-action-other",
                            &[("code", Arg::Text(&e.content.action))],
                        ))
                    },
                    |t| ruby(&t),
                ),
            purpose: e.content.purpose.clone().unwrap_or_default(),
            place: e.content.partition.clone(),
        })
        .collect();
    let page = AccessPage {
        f,
        nav: Nav {
            current: "access",
            csrf: csrf.to_owned(),
        },
        rows,
        check: check.0,
        check_ok: check.1,
    };
    send(page.render(), lang, c, status, "no-store")
}

/// アクセス記録: who handled the resident's record, from the ledger.
pub(crate) async fn access(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Extension(ctx): axum::Extension<PortalContext>,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = language(&headers, q.lang());
    access_page(
        &state,
        c,
        &principal,
        &ctx.csrf,
        q.lang(),
        (String::new(), false),
        StatusCode::OK,
    )
    .await
}

/// The receipt of the access history, signed with the ledger's key, as a file to keep.
pub(crate) async fn receipt(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
) -> Response {
    match state.app.history_receipt(&principal).await {
        Ok(r) => (
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"access-history-receipt.txt\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            r.to_text(),
        )
            .into_response(),
        Err(e) => failed(language(&headers, None), &e),
    }
}

/// Checks a receipt kept from before, uploaded as a file.
pub(crate) async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Extension(ctx): axum::Extension<PortalContext>,
    Query(q): Query<LangQuery>,
    upload: Option<axum::Extension<super::Upload>>,
) -> Response {
    let c = language(&headers, q.lang());
    // The guard read the form (and its CSRF token); the file is among its parts.
    let text = upload.and_then(|axum::Extension(super::Upload(parts))| {
        super::multipart::file(&parts, "receipt")
            .and_then(|b| std::str::from_utf8(b).ok())
            .map(str::to_owned)
    });
    let (message, ok, status) = match text {
        None => (
            ruby(&c.text("portal-check-invalid")),
            false,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Some(text) => match state.app.check_history_receipt(&text).await {
            Ok(check) if check.altered.is_empty() => (
                ruby(&c.format(
                    "portal-check-intact",
                    &[("count", Arg::Number(check.receipt.entries.len() as i64))],
                )),
                true,
                StatusCode::OK,
            ),
            Ok(check) => (
                ruby(&c.format(
                    "portal-check-altered",
                    &[("count", Arg::Number(check.altered.len() as i64))],
                )),
                false,
                StatusCode::OK,
            ),
            Err(AppError::Invalid(_)) => (
                ruby(&c.text("portal-check-invalid")),
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(e) => return failed(c, &e),
        },
    };
    access_page(
        &state,
        c,
        &principal,
        &ctx.csrf,
        q.lang(),
        (message, ok),
        status,
    )
    .await
}

/// Which card to suspend.
#[derive(Deserialize)]
pub(crate) struct SuspendForm {
    serial: String,
}

/// Suspends the resident's own card at once, at any hour (a lost card): the card's
/// certificates are held too, as when the call center suspends it; resumed only in person.
pub(crate) async fn suspend(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Form(form): axum::Form<SuspendForm>,
) -> Response {
    match state.app.suspend_card(&principal, form.serial.trim()).await {
        Ok(_) => Redirect::to("/portal?suspended=1").into_response(),
        Err(e) => failed(language(&headers, None), &e),
    }
}

/// The language chosen for the letters.
#[derive(Deserialize)]
pub(crate) struct LettersForm {
    language: String,
}

/// Sets the language of the resident's letters: a new version of their record when it changed.
pub(crate) async fn letters(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Form(form): axum::Form<LettersForm>,
) -> Response {
    match state
        .app
        .choose_letter_language(&principal, &form.language)
        .await
    {
        Ok(_) => {
            let lang = q
                .lang()
                .map(|l| format!("&lang={}", language(&headers, Some(l)).tag()))
                .unwrap_or_default();
            Redirect::to(&format!("/portal?letters=1{lang}")).into_response()
        }
        Err(e) => failed(language(&headers, q.lang()), &e),
    }
}

/// Which app's grant to withdraw.
#[derive(Deserialize)]
pub(crate) struct AppWithdrawForm {
    grant: String,
}

/// Withdraws an app's grant at once.
pub(crate) async fn withdraw_app(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Form(form): axum::Form<AppWithdrawForm>,
) -> Response {
    match state.app.withdraw_app_grant(&principal, &form.grant).await {
        Ok(()) | Err(AppError::NotFound(_)) => {
            Redirect::to("/portal/consents?withdrawn=1").into_response()
        }
        Err(e) => failed(language(&headers, None), &e),
    }
}

struct HeldView {
    item: String,
    provider: String,
    fields: Vec<Row>,
}

#[derive(Template)]
#[template(path = "portal_data.html")]
struct DataPage {
    f: Frame,
    nav: Nav,
    sets: Vec<HeldView>,
}

/// 自己情報: the data sets the agencies hold about the resident, fetched through the network
/// under the portal's own code (each fetch recorded as an exchange).
pub(crate) async fn data(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Extension(ctx): axum::Extension<PortalContext>,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = language(&headers, q.lang());
    let held = match state.app.my_held_data(&principal).await {
        Ok(h) => h,
        Err(e) => return failed(c, &e),
    };
    let f = Frame::new(c, "portal-nav-data", "/portal/data");
    let sets = held
        .iter()
        .map(|h| HeldView {
            item: named(c, "portal-item-", h.copy.item().code()),
            provider: h.provider_name.clone(),
            fields: h
                .copy
                .fields()
                .map(|(field, value)| Row {
                    label: named(c, "portal-field-", field.key),
                    value: match field.kind {
                        FieldKind::YesNo | FieldKind::OneOf(_) => c
                            .try_format(&format!("portal-value-{value}"), &[])
                            .map_or_else(|| value.to_owned(), |t| plain(&t)),
                        _ => value.to_owned(),
                    },
                })
                .collect(),
        })
        .collect();
    let page = DataPage {
        f,
        nav: Nav {
            current: "data",
            csrf: ctx.csrf,
        },
        sets,
    };
    send(page.render(), q.lang(), c, StatusCode::OK, "no-store")
}

struct NoticeView {
    id: String,
    when: String,
    title: String,
    from: String,
    unread: bool,
}

#[derive(Template)]
#[template(path = "portal_notices.html")]
struct NoticesPage {
    f: Frame,
    nav: Nav,
    notices: Vec<NoticeView>,
    unread: String,
}

/// A notice's title and text in the reader's words: an agency's as it wrote them, the
/// portal's own from the catalog with its date.
fn notice_text(c: &Catalog, n: &mynumber_app::PortalNoticeRow) -> (String, String) {
    match n.kind.as_str() {
        "agency" => (
            super::public::escape_html(&n.title),
            super::public::escape_html(&n.body),
        ),
        kind => (
            ruby(&c.text(&format!("portal-notice-{kind}"))),
            ruby(&c.format(
                &format!("portal-notice-{kind}-text"),
                &[("date", Arg::Text(&n.detail))],
            )),
        ),
    }
}

/// A unit by the name it was registered with (public), else by the network's; the portal's
/// own unit as the portal.
fn unit_name(c: &Catalog, units: &[mynumber_app::PublishedUnit], unit: &str) -> String {
    if unit == mynumber_app::PORTAL_UNIT {
        return plain(&c.text("portal-title"));
    }
    units
        .iter()
        .find(|u| u.unit.name.as_str() == unit)
        .map_or_else(|| unit.to_owned(), |u| u.unit.display_name.clone())
}

/// Who a notice is from: the agency's registered name, or the portal itself.
fn notice_sender(
    c: &Catalog,
    units: &[mynumber_app::PublishedUnit],
    n: &mynumber_app::PortalNoticeRow,
) -> String {
    if n.kind == "agency" {
        unit_name(c, units, &n.sender)
    } else {
        plain(&c.text("portal-title"))
    }
}

/// お知らせ: the resident's notices, unread ones marked.
pub(crate) async fn notices(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Extension(ctx): axum::Extension<PortalContext>,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = language(&headers, q.lang());
    let list = match state.app.my_notices(&principal).await {
        Ok(n) => n,
        Err(e) => return failed(c, &e),
    };
    // The units' names read once for the list, not once a notice.
    let units = state.app.agency_units().await.unwrap_or_default();
    let notices: Vec<NoticeView> = list
        .iter()
        .map(|n| NoticeView {
            id: n.id.clone(),
            when: local_time(n.created_at_us),
            title: notice_text(c, n).0,
            from: notice_sender(c, &units, n),
            unread: n.read_at_us.is_none(),
        })
        .collect();
    let unread = notices.iter().filter(|n| n.unread).count();
    let page = NoticesPage {
        f: Frame::new(c, "portal-nav-notices", "/portal/notices"),
        nav: Nav {
            current: "notices",
            csrf: ctx.csrf,
        },
        unread: ruby(&c.format(
            "portal-notices-unread",
            &[("count", Arg::Number(unread as i64))],
        )),
        notices,
    };
    send(page.render(), q.lang(), c, StatusCode::OK, "no-store")
}

#[derive(Template)]
#[template(path = "portal_notice.html")]
struct NoticePage {
    f: Frame,
    nav: Nav,
    title: String,
    from: String,
    when: String,
    paragraphs: Vec<String>,
}

/// One notice, opened (and so read).
pub(crate) async fn notice(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Extension(ctx): axum::Extension<PortalContext>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = language(&headers, q.lang());
    let n = match state.app.read_notice(&principal, &id).await {
        Ok(n) => n,
        Err(AppError::NotFound(_)) => return Redirect::to("/portal/notices").into_response(),
        Err(e) => return failed(c, &e),
    };
    let (title, text) = notice_text(c, &n);
    let page = NoticePage {
        f: Frame::new(c, "portal-nav-notices", &format!("/portal/notices/{id}")),
        nav: Nav {
            current: "notices",
            csrf: ctx.csrf,
        },
        from: notice_sender(c, &state.app.agency_units().await.unwrap_or_default(), &n),
        when: local_time(n.created_at_us),
        paragraphs: text.split('\n').map(str::to_owned).collect(),
        title,
    };
    send(page.render(), q.lang(), c, StatusCode::OK, "no-store")
}

struct ConsentRow {
    organisation: String,
    name: String,
    until: String,
}

/// An app's standing grant, as the consents page lists it.
struct AppRow {
    id: String,
    name: String,
    items: String,
    until: String,
}

#[derive(Template)]
#[template(path = "portal_consents.html")]
struct ConsentsPage {
    f: Frame,
    nav: Nav,
    consents: Vec<ConsentRow>,
    apps: Vec<AppRow>,
    withdrawn: bool,
}

#[derive(Deserialize, Default)]
pub(crate) struct ConsentsQuery {
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    withdrawn: Option<String>,
}

/// The consents the resident gave businesses to receive their latest four items, each with
/// its withdrawal.
pub(crate) async fn consents(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Extension(ctx): axum::Extension<PortalContext>,
    Query(q): Query<ConsentsQuery>,
) -> Response {
    let c = language(&headers, q.lang.as_deref());
    let list = match state.app.my_consents(&principal).await {
        Ok(l) => l,
        Err(e) => return failed(c, &e),
    };
    let apps = match state.app.my_app_grants(&principal).await {
        Ok(a) => a,
        Err(e) => return failed(c, &e),
    };
    let day = |us: i64| local_time(us).get(..10).unwrap_or_default().to_owned();
    let page = ConsentsPage {
        f: Frame::new(c, "portal-nav-consents", "/portal/consents"),
        nav: Nav {
            current: "consents",
            csrf: ctx.csrf,
        },
        consents: list
            .into_iter()
            .map(|v| ConsentRow {
                organisation: v.organisation.to_hex(),
                name: v.name,
                until: day(v.expires_at_us),
            })
            .collect(),
        apps: apps
            .into_iter()
            .map(|g| AppRow {
                items: g
                    .items
                    .iter()
                    .map(|i| named(c, "portal-item-", i.code()))
                    .collect::<Vec<_>>()
                    .join("、"),
                id: g.id,
                name: g.name,
                until: day(g.expires_at_us),
            })
            .collect(),
        withdrawn: q.withdrawn.is_some(),
    };
    send(
        page.render(),
        q.lang.as_deref(),
        c,
        StatusCode::OK,
        "no-store",
    )
}

/// Which consent to withdraw.
#[derive(Deserialize)]
pub(crate) struct WithdrawForm {
    organisation: String,
}

/// Withdraws a consent at once.
pub(crate) async fn withdraw(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Extension(principal): axum::Extension<Principal>,
    axum::Form(form): axum::Form<WithdrawForm>,
) -> Response {
    match state
        .app
        .withdraw_consent(&principal, &form.organisation)
        .await
    {
        Ok(()) | Err(AppError::NotFound(_)) => {
            Redirect::to("/portal/consents?withdrawn=1").into_response()
        }
        Err(e) => failed(language(&headers, None), &e),
    }
}
