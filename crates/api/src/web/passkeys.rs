//! Passkeys at the desk (WebAuthn): a signed-in staff member's list of passkeys, registering
//! one and removing one (`/desk/passkeys`), and what the sign-in page needs to offer one
//! instead of a code. The browser's side is `web/static/passkey.js` (WebAuthn is a script API:
//! without JavaScript the page says so and TOTP remains); the checks are the app's
//! (`App::add_passkey`, `App::sign_in_with_passkey`) and `mynumber_pki::webauthn`'s. This
//! module reads the client data's JSON (only the API knows JSON) and the origin the page was
//! served from.

use askama::Template;
use axum::Extension;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use mynumber_app::{
    AppError, ChallengeFor, PasskeyAssertion, PasskeyClientData, PasskeyOrigin, PasskeyRegistration,
};
use mynumber_core::Action;
use serde::Deserialize;

use super::page::{Page, render};
use super::{DeskContext, Lang};
use crate::AppState;
use crate::doors::{Access, Doors};

const PATH: &str = "/desk/passkeys";

/// Adds the passkeys' doors: one's own passkeys only.
pub(crate) fn routes(doors: Doors) -> Doors {
    use axum::http::Method as M;
    let own = Access::Desk(Action::OwnCredentials);
    doors
        .door(M::GET, PATH, own, get(passkeys_page))
        .door(M::POST, PATH, own, post(add))
        .door(M::POST, "/desk/passkeys/remove", own, post(remove))
}

/// One passkey as listed.
struct PasskeyLine {
    id: String,
    short: String,
    name: String,
    created: String,
    last_used: String,
}

#[derive(Template)]
#[template(path = "passkeys.html")]
struct PasskeysPage {
    page: Page,
    passkeys: Vec<PasskeyLine>,
    name: String,
    /// The registration's options for the script.
    challenge: String,
    rp_id: String,
    user_id: String,
    user_name: String,
}

#[derive(Deserialize, Default)]
pub(super) struct AddForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    client_data: String,
    #[serde(default)]
    attestation: String,
}

#[derive(Deserialize, Default)]
pub(super) struct RemoveForm {
    #[serde(default)]
    id: String,
}

async fn passkeys_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
) -> Response {
    let page = Page::new(Lang::of(&headers), "desk-passkeys-title", PATH, Some(&ctx));
    view(&state, &headers, &ctx, page, String::new(), StatusCode::OK).await
}

async fn view(
    state: &AppState,
    headers: &HeaderMap,
    ctx: &DeskContext,
    mut page: Page,
    name: String,
    status: StatusCode,
) -> Response {
    page.section = "home";
    let lang = Lang(page.lang);
    let Some(staff) = ctx.principal.staff() else {
        return super::page::app_error(lang, Some(ctx), &AppError::Unauthenticated);
    };
    let listed = match state.app.passkeys(&ctx.principal).await {
        Ok(p) => p,
        Err(e) => return super::page::app_error(lang, Some(ctx), &e),
    };
    let challenge = match state
        .app
        .passkey_challenge(ChallengeFor::Register(staff.id))
    {
        Ok(c) => c,
        Err(e) => return super::page::app_error(lang, Some(ctx), &e),
    };
    let l = page.l;
    let passkeys = listed
        .iter()
        .map(|p| PasskeyLine {
            id: hex::encode(&p.id),
            short: mynumber_app::short_id(&p.id),
            name: p.name.clone(),
            created: l.moment(p.created_at_us),
            last_used: p
                .last_used_at_us
                .map(|at| l.moment(at))
                .unwrap_or_else(|| l.t("desk-passkey-never")),
        })
        .collect();
    render(
        status,
        &PasskeysPage {
            passkeys,
            name,
            challenge: b64url(&challenge),
            rp_id: rp_id(headers),
            user_id: b64url(staff.id.to_hex().as_bytes()),
            user_name: staff.name.clone(),
            page,
        },
    )
}

/// Registers the passkey the browser made.
async fn add(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Form(form): Form<AddForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(lang, "desk-passkeys-title", PATH, Some(&ctx));
    let client = client_data(&form.client_data);
    let attestation = b64url_decode(&form.attestation);
    let (Some(client), Some(attestation)) = (client, attestation) else {
        page.problem("passkey", "desk-passkey-not-made");
        return view(
            &state,
            &headers,
            &ctx,
            page,
            form.name,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let new = PasskeyRegistration {
        name: form.name.clone(),
        password: form.password.clone(),
        at: origin(&headers, &client.origin),
        client,
        attestation_object: attestation,
    };
    match state.app.add_passkey(&ctx.principal, new).await {
        Ok(_) => Redirect::to(&format!("{PATH}?added=1")).into_response(),
        Err(AppError::Invalid(invalid)) => {
            for e in &invalid.0 {
                let field = match e.field {
                    "name" | "password" => e.field,
                    _ => "passkey",
                };
                page.field_error(field, e);
            }
            view(
                &state,
                &headers,
                &ctx,
                page,
                form.name,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

async fn remove(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Form(form): Form<RemoveForm>,
) -> Response {
    let lang = Lang::of(&headers);
    match state.app.remove_passkey(&ctx.principal, &form.id).await {
        Ok(()) => Redirect::to(&format!("{PATH}?removed=1")).into_response(),
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// What the sign-in page offers a passkey with: a fresh sign-in challenge and the relying
/// party's id.
pub(super) fn sign_in_prompt(state: &AppState, headers: &HeaderMap) -> (String, String) {
    let challenge = state
        .app
        .passkey_challenge(ChallengeFor::SignIn)
        .map(|c| b64url(&c))
        .unwrap_or_default();
    (challenge, rp_id(headers))
}

/// A sign-in form's passkey answer, when the script filled one in.
pub(super) fn assertion(
    headers: &HeaderMap,
    credential_id: &str,
    client_data_field: &str,
    authenticator_data: &str,
    signature: &str,
) -> Option<PasskeyAssertion> {
    let client = client_data(client_data_field)?;
    Some(PasskeyAssertion {
        credential_id: b64url_decode(credential_id)?,
        at: origin(headers, &client.origin),
        client,
        authenticator_data: b64url_decode(authenticator_data)?,
        signature: b64url_decode(signature)?,
    })
}

/// The `CollectedClientData` JSON (WebAuthn §5.8.1), base64url in the form.
#[derive(Deserialize)]
struct ClientDataJson {
    #[serde(rename = "type")]
    kind: String,
    challenge: String,
    origin: String,
    #[serde(rename = "crossOrigin", default)]
    cross_origin: bool,
}

fn client_data(field: &str) -> Option<PasskeyClientData> {
    let json = b64url_decode(field)?;
    let parsed: ClientDataJson = serde_json::from_slice(&json).ok()?;
    Some(PasskeyClientData {
        kind: parsed.kind,
        challenge: b64url_decode(&parsed.challenge)?,
        origin: parsed.origin,
        cross_origin: parsed.cross_origin,
        json,
    })
}

/// The host the page was asked for, without its port: the relying party's id.
fn rp_id(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // `[::1]:8080` keeps its brackets; `desk.example.jp:8443` loses its port.
    match host.find(']') {
        Some(end) => &host[..=end],
        None => host.split(':').next().unwrap_or_default(),
    }
    .to_ascii_lowercase()
}

/// The origin the ceremony must have happened on: the page's, as this server was asked for it
/// (`Host`), over HTTPS, or over plain HTTP on loopback only (`localhost`, where browsers allow
/// WebAuthn). The client data's own origin is taken only when it names that host; otherwise
/// the HTTPS origin is expected, and the check refuses it.
fn origin(headers: &HeaderMap, client_origin: &str) -> PasskeyOrigin {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let rp_id = rp_id(headers);
    let plain = format!("http://{host}");
    let origin = if client_origin == plain && rp_id == "localhost" {
        plain
    } else {
        format!("https://{host}")
    };
    PasskeyOrigin { origin, rp_id }
}

/// Base64url without padding (RFC 4648 §5), as WebAuthn writes binary values.
fn b64url(bytes: &[u8]) -> String {
    mynumber_pki::base64_encode(bytes)
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_")
}

fn b64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if text.is_empty() || text.len() > 16_384 || text.contains(['+', '/', '=']) {
        return None;
    }
    let mut standard = text.replace('-', "+").replace('_', "/");
    while !standard.len().is_multiple_of(4) {
        standard.push('=');
    }
    mynumber_pki::base64_decode(&standard)
}

/// The forms' decoding, for the fuzzer.
pub(super) fn decode_forms(bytes: &[u8]) {
    if let Ok(f) = serde_urlencoded::from_bytes::<AddForm>(bytes) {
        let _ = client_data(&f.client_data);
        let _ = b64url_decode(&f.attestation);
    }
    let _ = serde_urlencoded::from_bytes::<RemoveForm>(bytes);
    let headers = HeaderMap::new();
    let _ = assertion(&headers, "", &String::from_utf8_lossy(bytes), "", "");
}
