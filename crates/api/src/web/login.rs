//! The resident's pages of a log-in with the card (issue 12, docs/design/oidc.md): the
//! authorization endpoint the relying party sends the browser to, the page that shows who asks
//! for what and follows the authentication app's progress, and the consent. In the resident's
//! language among the ten (the switch, then the relying party's `ui_locales`, then the
//! browser's). Nothing personal is shown: the items are named, not their values.
//!
//! The log-in is bound to the browser that began it by a cookie scoped to its page: the
//! consent is taken only from that browser (OIDC Core §3.1.2.3; RFC 6819 §4.4.1.8).

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mynumber_app::AppError;
use mynumber_core::exchange::DataItem;
use mynumber_core::oidc::{AuthorizationParams, LoginStatus, RequestError, Scope, with_query};
use mynumber_i18n::{Catalog, LANGUAGES};
use serde::Deserialize;

use super::cookie;
use super::public::{Frame, language, send};
use crate::AppState;
use crate::oidc::REALM;

/// The page of a log-in.
fn login_path(id: &str) -> String {
    format!("{REALM}/protocol/openid-connect/login/{id}")
}

/// The cookie that binds a log-in to its browser.
fn cookie_name(id: &str) -> String {
    format!("mn_login_{id}")
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    f: Frame,
    /// `waiting`, `consent` or `message`.
    state: &'static str,
    path: String,
    page_url: String,
    asks: String,
    items: Vec<String>,
    /// The agencies' data sets asked for (自己情報取得API): scope and label, each ticked or
    /// unticked by the resident at the consent.
    self_items: Vec<(&'static str, String)>,
    self_legend: String,
    confirmation: String,
    qr_svg: String,
    qr_label: String,
    consent_text: String,
    message: String,
}

impl LoginPage {
    fn message(f: Frame, path: String, message: String) -> Self {
        Self {
            f,
            state: "message",
            path,
            page_url: String::new(),
            asks: String::new(),
            items: Vec::new(),
            self_items: Vec::new(),
            self_legend: String::new(),
            confirmation: String::new(),
            qr_svg: String::new(),
            qr_label: String::new(),
            consent_text: String::new(),
            message,
        }
    }
}

fn item_key(scope: Scope) -> &'static str {
    match scope {
        Scope::Name => "login-item-name",
        Scope::Address => "login-item-address",
        Scope::Birthdate => "login-item-birthdate",
        Scope::Gender => "login-item-gender",
        Scope::Sign => "login-item-sign",
        Scope::LatestFour => "login-item-latest-four",
        Scope::Openid => "login-item-openid",
        Scope::SelfInformation(item) => match item {
            DataItem::ResidentHousehold => "login-item-self-resident-household",
            DataItem::LocalTax => "login-item-self-local-tax",
            DataItem::ChildAllowance => "login-item-self-child-allowance",
        },
    }
}

/// The parameters of an authorization request, each at most once (OIDC Core §3.1.2.1: a
/// parameter given twice is an error).
pub(crate) fn params(pairs: &[(String, String)]) -> Result<AuthorizationParams, &'static str> {
    let mut p = AuthorizationParams::default();
    for (k, v) in pairs {
        let slot = match k.as_str() {
            "response_type" => &mut p.response_type,
            "client_id" => &mut p.client_id,
            "redirect_uri" => &mut p.redirect_uri,
            "scope" => &mut p.scope,
            "state" => &mut p.state,
            "nonce" => &mut p.nonce,
            "code_challenge" => &mut p.code_challenge,
            "code_challenge_method" => &mut p.code_challenge_method,
            "prompt" => &mut p.prompt,
            "max_age" => &mut p.max_age,
            "acr_values" => &mut p.acr_values,
            "ui_locales" => &mut p.ui_locales,
            "claims_locales" => &mut p.claims_locales,
            "response_mode" => &mut p.response_mode,
            "request" => &mut p.request,
            "request_uri" => &mut p.request_uri,
            "registration" => &mut p.registration,
            "sign_transaction_id" => &mut p.sign_transaction_id,
            // Unknown parameters are ignored (OIDC Core §3.1.2.1).
            _ => continue,
        };
        if slot.is_some() {
            return Err("a parameter is given more than once");
        }
        *slot = Some(v.clone());
    }
    Ok(p)
}

/// The first of the relying party's `ui_locales` the catalogs have.
fn asked_language(ui_locales: &str) -> Option<&'static str> {
    ui_locales.split(' ').find_map(|tag| {
        LANGUAGES
            .iter()
            .copied()
            .find(|t| t.eq_ignore_ascii_case(tag))
            .or_else(|| mynumber_i18n::accepted_language(tag))
    })
}

fn redirect(location: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn page(c: &'static Catalog, p: LoginPage, chosen: Option<&str>, status: StatusCode) -> Response {
    send(p.render(), chosen, c, status, "no-store")
}

/// A page that says one thing (`key` of the catalogs).
fn say(
    c: &'static Catalog,
    f: Frame,
    path: String,
    key: &str,
    chosen: Option<&str>,
    status: StatusCode,
) -> Response {
    let message = f.h(key);
    page(c, LoginPage::message(f, path, message), chosen, status)
}

/// The authorization endpoint (GET or POST, OIDC Core §3.1.2.1): checks the request, begins
/// the log-in and sends the browser to its page; a request that names no registered client or
/// redirection URI is told to the resident, any other fault to the relying party.
pub(crate) async fn authorize(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let pairs: Vec<(String, String)> = query
        .as_deref()
        .and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default();
    authorize_with(&state, &headers, &pairs).await
}

/// The authorization endpoint by POST: the parameters as a form body.
pub(crate) async fn authorize_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let pairs = body.map(|Form(p)| p).unwrap_or_default();
    authorize_with(&state, &headers, &pairs).await
}

async fn authorize_with(
    state: &AppState,
    headers: &HeaderMap,
    pairs: &[(String, String)],
) -> Response {
    let asked = pairs
        .iter()
        .find(|(k, _)| k == "ui_locales")
        .and_then(|(_, v)| asked_language(v));
    let c = language(headers, asked);
    let path = format!("{REALM}/protocol/openid-connect/auth");
    let f = Frame::new(c, "login-title", &path);
    let p = match params(pairs) {
        Ok(p) => p,
        Err(_) => {
            // Whether the client and redirection URI are good is not yet known: shown here.
            return say(
                c,
                f,
                path,
                "login-bad-request",
                None,
                StatusCode::BAD_REQUEST,
            );
        }
    };
    match state.app.begin_login(&p).await {
        Ok(Ok(begun)) => {
            let mut r = redirect(&login_path(&begun.login));
            let cookie = format!(
                "{}={}; Path={}; Secure; HttpOnly; SameSite=Lax; Max-Age={}",
                cookie_name(&begun.login),
                begun.browser,
                login_path(&begun.login),
                mynumber_core::oidc::LOGIN_S
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            r
        }
        Ok(Err(RequestError::Redirect {
            redirect_uri,
            state: rp_state,
            error,
            description,
        })) => {
            let iss = state.app.issuer();
            let mut params = vec![("error", error), ("error_description", description)];
            if let Some(s) = rp_state.as_deref() {
                params.push(("state", s));
            }
            params.push(("iss", &iss));
            redirect(&with_query(&redirect_uri, &params))
        }
        Ok(Err(RequestError::UnknownClient | RequestError::RedirectUri)) => say(
            c,
            f,
            path,
            "login-bad-client",
            None,
            StatusCode::BAD_REQUEST,
        ),
        Err(e) => {
            tracing::error!(error = %e, "authorization failed");
            say(
                c,
                f,
                path,
                "login-failed",
                None,
                StatusCode::INTERNAL_SERVER_ERROR,
            )
        }
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct PageQuery {
    #[serde(default)]
    lang: Option<String>,
}

/// A log-in's page: what is asked and the card's step while it waits, then the consent.
pub(crate) async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let path = login_path(&id);
    let secret = cookie(&headers, &cookie_name(&id)).map(str::to_owned);
    let view = state.app.login_view(&id, secret.as_deref()).await;
    let asked = view
        .as_ref()
        .ok()
        .and_then(|v| asked_language(&v.ui_locale));
    let c = language(&headers, q.lang.as_deref().or(asked));
    let f = Frame::new(c, "login-title", &path);
    let view = match view {
        Ok(v) => v,
        Err(AppError::NotFound(_)) => {
            return say(
                c,
                f,
                path,
                "login-not-found",
                q.lang.as_deref(),
                StatusCode::NOT_FOUND,
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "log-in page failed");
            return say(
                c,
                f,
                path,
                "login-failed",
                q.lang.as_deref(),
                StatusCode::INTERNAL_SERVER_ERROR,
            );
        }
    };
    let (kind, message_key) = match view.status {
        None => ("message", "login-expired"),
        // Finished is finished in any browser (the binding cookie is gone by then).
        Some(LoginStatus::Consented | LoginStatus::Redeemed | LoginStatus::Declined) => {
            ("message", "login-finished")
        }
        Some(_) if !view.own_browser => ("message", "login-other-browser"),
        Some(LoginStatus::Waiting) => ("waiting", ""),
        Some(LoginStatus::Authenticated) => ("consent", ""),
    };
    if kind == "message" {
        return say(c, f, path, message_key, q.lang.as_deref(), StatusCode::OK);
    }
    let page_url = format!("{}/protocol/openid-connect/login/{id}", state.app.issuer());
    let items: Vec<String> = view
        .scopes
        .iter()
        .filter(|s| *s != Scope::Openid && !matches!(s, Scope::SelfInformation(_)))
        .map(|s| f.h(item_key(s)))
        .collect();
    let self_items = view
        .scopes
        .self_items()
        .map(|i| {
            let scope = Scope::SelfInformation(i);
            (scope.code(), f.h(item_key(scope)))
        })
        .collect();
    let p = LoginPage {
        state: kind,
        asks: f.h_with("login-asks", "client", &view.client_name),
        consent_text: f.h_with("login-consent-text", "client", &view.client_name),
        qr_label: super::public::plain(&c.text("login-qr-label")),
        qr_svg: super::qr_svg(&page_url),
        confirmation: view.confirmation,
        items,
        self_items,
        self_legend: f.h_with("login-self-legend", "client", &view.client_name),
        page_url,
        path: path.clone(),
        message: String::new(),
        f,
    };
    page(c, p, q.lang.as_deref(), StatusCode::OK)
}

/// Where a log-in stands, for its page's script, which follows the authentication app
/// (public like the page: the id is unguessable, and the answer says nothing personal).
pub(crate) async fn status(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let (code, body) = match state.app.login_view(&id, None).await {
        Ok(v) => (
            StatusCode::OK,
            v.status.map_or("expired", |s| s.code()).to_owned(),
        ),
        Err(AppError::NotFound(_)) => (StatusCode::NOT_FOUND, "not-found".to_owned()),
        Err(e) => {
            tracing::error!(error = %e, "log-in status failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "failed".to_owned())
        }
    };
    (
        code,
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(serde_json::json!({ "status": body })),
    )
        .into_response()
}

/// The consent form: `decision` (agree or decline) and one `item` per data set of the
/// agencies' left ticked.
#[derive(Default)]
pub(crate) struct Decision {
    decision: String,
    ticked: Vec<DataItem>,
}

impl Decision {
    fn read(body: &[u8]) -> Self {
        let mut d = Self::default();
        for (key, value) in form_urlencoded::parse(body) {
            match key.as_ref() {
                "decision" => d.decision = value.into_owned(),
                "item" => {
                    if let Some(Scope::SelfInformation(item)) = Scope::parse(&value) {
                        d.ticked.push(item);
                    }
                }
                _ => {}
            }
        }
        d
    }
}

/// The resident's consent or refusal, from the browser that began the log-in.
pub(crate) async fn decide(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let path = login_path(&id);
    let c = language(&headers, None);
    let f = Frame::new(c, "login-title", &path);
    let secret = cookie(&headers, &cookie_name(&id)).map(str::to_owned);
    let form = Decision::read(&body);
    let decision = form.decision;
    let (Some(secret), true, true) = (
        secret,
        super::same_origin(&headers),
        matches!(decision.as_str(), "agree" | "decline"),
    ) else {
        // Not a form this server's page sent from the browser that began the log-in.
        return say(
            c,
            f,
            path,
            "login-other-browser",
            None,
            StatusCode::BAD_REQUEST,
        );
    };
    match state
        .app
        .decide_login(
            &id,
            &secret,
            decision == "agree",
            // The boxes the page sent ticked, and nothing else: a form without them grants no
            // data set (found in review).
            Some(form.ticked.as_slice()),
        )
        .await
    {
        Ok(target) => {
            let mut r = redirect(&target);
            // The binding has done its work.
            if let Ok(v) = HeaderValue::from_str(&format!(
                "{}=; Path={path}; Secure; HttpOnly; SameSite=Lax; Max-Age=0",
                cookie_name(&id)
            )) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            r
        }
        Err(AppError::NotFound(_)) => {
            say(c, f, path, "login-not-found", None, StatusCode::NOT_FOUND)
        }
        Err(AppError::Unauthenticated) => {
            // The log-in is another browser's: its state does not let this one go on.
            say(
                c,
                f,
                path,
                "login-other-browser",
                None,
                StatusCode::CONFLICT,
            )
        }
        Err(AppError::Refused(_) | AppError::Conflict) => {
            say(c, f, path, "login-finished", None, StatusCode::CONFLICT)
        }
        Err(e) => {
            tracing::error!(error = %e, "consent failed");
            say(
                c,
                f,
                path,
                "login-failed",
                None,
                StatusCode::INTERNAL_SERVER_ERROR,
            )
        }
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct LogoutQuery {
    #[serde(default)]
    id_token_hint: Option<String>,
    #[serde(default)]
    post_logout_redirect_uri: Option<String>,
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    ui_locales: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

/// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2). Every log-in here uses the
/// card anew, so there is no session to end: the browser goes back to the relying party's
/// registered logout URI (with its `state`), or is told it is logged out.
pub(crate) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LogoutQuery>,
) -> Response {
    let path = format!("{REALM}/protocol/openid-connect/logout");
    let asked = q.ui_locales.as_deref().and_then(asked_language);
    let c = language(&headers, q.lang.as_deref().or(asked));
    let f = Frame::new(c, "login-title", &path);
    let hint = q
        .id_token_hint
        .as_deref()
        .and_then(|h| mynumber_pki::jose::split(h).ok());
    // The client is the one named, else the hint's audience.
    let client = q.client_id.clone().or_else(|| {
        hint.as_ref()
            .and_then(|h| serde_json::from_slice::<serde_json::Value>(&h.payload).ok())
            .and_then(|v| v.get("aud").and_then(|a| a.as_str()).map(str::to_owned))
    });
    if let (Some(uri), Some(client)) = (q.post_logout_redirect_uri.as_deref(), client) {
        match state
            .app
            .logout_allowed(&client, uri, hint.as_ref(), q.id_token_hint.is_some())
            .await
        {
            Ok(true) => {
                let target = match q.state.as_deref() {
                    Some(s) => with_query(uri, &[("state", s)]),
                    None => uri.to_owned(),
                };
                return redirect(&target);
            }
            Ok(false) => {
                return say(
                    c,
                    f,
                    path,
                    "login-bad-client",
                    None,
                    StatusCode::BAD_REQUEST,
                );
            }
            Err(e) => {
                tracing::error!(error = %e, "logout failed");
                return say(
                    c,
                    f,
                    path,
                    "login-failed",
                    None,
                    StatusCode::INTERNAL_SERVER_ERROR,
                );
            }
        }
    }
    if q.post_logout_redirect_uri.is_some() {
        return say(
            c,
            f,
            path,
            "login-bad-client",
            None,
            StatusCode::BAD_REQUEST,
        );
    }
    say(
        c,
        f,
        path,
        "login-logged-out",
        q.lang.as_deref(),
        StatusCode::OK,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parameter_given_twice_is_refused_and_unknown_ones_ignored() {
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        let p = params(&[pair("scope", "openid"), pair("foo", "bar")]).unwrap();
        assert_eq!(p.scope.as_deref(), Some("openid"));
        assert!(params(&[pair("state", "a"), pair("state", "b")]).is_err());
    }

    #[test]
    fn ui_locales_pick_the_first_language_the_catalogs_have() {
        assert_eq!(asked_language("de en ja"), Some("en"));
        assert_eq!(asked_language("ko-KR"), Some("ko"));
        assert_eq!(asked_language("de"), None);
    }
}
