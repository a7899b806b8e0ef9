//! コンビニ交付 over HTTP (issue 13, docs/design/kiosk.md): the administrators' doors that
//! register a chain's terminals, and the terminals' own doors, whose every request is a compact
//! JWS signed by the terminal's key (`application/jose`). The guard reads and checks the
//! signature before the handler; the handler gets the terminal and the signed request.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mynumber_app::{AppError, KioskSessionRow, TerminalRow};
use mynumber_core::terminal::Envelope;
use mynumber_core::{Action, Principal, TerminalId};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::organisations::{EcJwk, jwk_point, organisation_id};
use crate::{ApiError, AppJson, AppPath, AppState, Authenticated, Problem};

/// A terminal's signed request may be this large (a card's certificate and signature, in
/// base64, inside a JWS).
const KIOSK_LIMIT: usize = mynumber_pki::jose::MAX_JWS;

/// Register a terminal under a chain.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TerminalRequest {
    /// The chain's code for the shop the terminal stands in.
    #[schema(example = "012345")]
    pub shop_code: String,
    /// The shop's name.
    #[schema(example = "新宿西口店")]
    pub shop_name: String,
    /// The terminal's public key (P-256, ES256).
    pub jwk: EcJwk,
}

/// Suspend, resume or retire a terminal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TerminalEventRequest {
    /// suspend, resume or retire (final).
    #[schema(example = "suspend")]
    pub event: String,
}

/// A terminal as registered.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TerminalBody {
    /// Its id: the `kid` of its signed requests.
    pub terminal_id: String,
    /// Its chain.
    pub organisation_id: String,
    /// The shop's code.
    pub shop_code: String,
    /// The shop's name.
    pub shop_name: String,
    /// active, suspended or retired.
    pub status: String,
    /// When registered.
    pub registered_at: String,
}

impl From<&TerminalRow> for TerminalBody {
    fn from(t: &TerminalRow) -> Self {
        Self {
            terminal_id: t.id.to_hex(),
            organisation_id: t.organisation.to_hex(),
            shop_code: t.shop.code.clone(),
            shop_name: t.shop.name.clone(),
            status: t.status.code().to_owned(),
            registered_at: crate::staff::time(t.registered_at_us),
        }
    }
}

/// A chain's terminals.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TerminalsBody {
    /// In the order they were registered.
    pub terminals: Vec<TerminalBody>,
}

/// Register a kiosk terminal under a chain in force with the kiosk-operator role (national
/// administrators).
#[utoipa::path(post, path = "/api/v1/organisations/{organisation_id}/terminals", tag = "kiosks",
    params(("organisation_id" = String, Path, description = "The chain's id")),
    request_body = TerminalRequest,
    responses((status = 201, body = TerminalBody), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn register(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    AppJson(req): AppJson<TerminalRequest>,
) -> Result<(StatusCode, Json<TerminalBody>), ApiError> {
    let id = organisation_id(&id)?;
    let point = jwk_point(&req.jwk)?;
    let row = state
        .app
        .register_terminal(&principal, id, &req.shop_code, &req.shop_name, &point)
        .await?;
    Ok((StatusCode::CREATED, Json(TerminalBody::from(&row))))
}

/// A chain's terminals (national administrators and auditors).
#[utoipa::path(get, path = "/api/v1/organisations/{organisation_id}/terminals", tag = "kiosks",
    params(("organisation_id" = String, Path, description = "The chain's id")),
    responses((status = 200, body = TerminalsBody), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
) -> Result<Json<TerminalsBody>, ApiError> {
    let rows = state
        .app
        .terminals(&principal, organisation_id(&id)?)
        .await?;
    Ok(Json(TerminalsBody {
        terminals: rows.iter().map(TerminalBody::from).collect(),
    }))
}

/// Suspend, resume or retire a terminal (national administrators).
#[utoipa::path(post, path = "/api/v1/terminals/{terminal_id}/events", tag = "kiosks",
    params(("terminal_id" = String, Path, description = "The terminal's id")),
    request_body = TerminalEventRequest,
    responses((status = 200, body = TerminalBody), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn event(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    AppJson(req): AppJson<TerminalEventRequest>,
) -> Result<Json<TerminalBody>, ApiError> {
    let id = TerminalId::parse(id.trim())
        .ok_or_else(|| ApiError::field("terminal_id", "problem-hex-id"))?;
    let row = state
        .app
        .change_terminal(&principal, id, &req.event)
        .await?;
    Ok(Json(TerminalBody::from(&row)))
}

/// A terminal's request, once its signature was checked: the terminal, and what it asked.
#[derive(Clone, Debug)]
pub(crate) struct KioskCall {
    pub(crate) terminal: TerminalRow,
    pub(crate) request: Value,
}

/// The envelope and request of a signed request's header and payload; `None` when either is
/// not what a terminal sends.
pub(crate) fn read_envelope(header: &[u8], payload: &[u8]) -> Option<(Envelope, Value)> {
    let h: Value = serde_json::from_slice(header).ok()?;
    let p: Value = serde_json::from_slice(payload).ok()?;
    // A header with `crit` names extensions nobody here understands (RFC 7515 §4.1.11).
    if h.get("crit").is_some() {
        return None;
    }
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let envelope = Envelope {
        alg: text(&h, "alg")?,
        typ: text(&h, "typ")?,
        kid: text(&h, "kid")?,
        terminal: text(&p, "terminal")?,
        shop: text(&p, "shop")?,
        method: text(&p, "htm")?,
        path: text(&p, "htu")?,
        iat: p.get("iat").and_then(Value::as_i64)?,
    };
    let request = p.get("request").cloned().unwrap_or(Value::Null);
    request.is_object().then_some((envelope, request))
}

fn unsigned() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        "Authentication required",
        "send the request as a compact JWS signed by a registered terminal's key (application/jose)",
    )
}

/// The guard of a terminal's door: the body is a compact JWS, its envelope names this door,
/// the terminal is in service and its key signed it (`App::authenticate_terminal`), and the
/// policy lets a terminal do the door's action. The terminal and its request ride on to the
/// handler.
pub(crate) async fn kiosk_guard(
    State((state, action)): State<(AppState, Action)>,
    req: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = req.into_parts();
    let jose = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/jose"));
    let Ok(bytes) = axum::body::to_bytes(body, KIOSK_LIMIT).await else {
        return unsigned().into_response();
    };
    let signed = std::str::from_utf8(&bytes)
        .ok()
        .filter(|_| jose)
        .and_then(|t| mynumber_pki::jose::split(t.trim()).ok())
        .and_then(|jws| read_envelope(&jws.header, &jws.payload).map(|e| (jws, e)));
    let Some((jws, (envelope, request))) = signed else {
        return unsigned().into_response();
    };
    // A refused signature of a named terminal is recorded, so refusals are throttled per
    // client as refused bearer tokens are: a flood of bad signatures is not a flood of ledger
    // writes.
    let client = crate::doors::client_address(&state, &parts.extensions, &parts.headers);
    if let Some(wait) = state.throttle.blocked(client) {
        return crate::doors::too_many(wait).into_response();
    }
    let terminal = match state
        .app
        .authenticate_terminal(&jws, &envelope, parts.method.as_str(), parts.uri.path())
        .await
    {
        Ok(t) => t,
        Err(AppError::Unauthenticated) => {
            state.throttle.failed(client);
            tracing::warn!(client = ?client, "a kiosk terminal's request was refused");
            return unsigned().into_response();
        }
        Err(e) => return ApiError::from(e).into_response(),
    };
    if let Err(e) = state
        .app
        .permit(&Principal::Kiosk(terminal.id), action)
        .await
    {
        return ApiError::from(e).into_response();
    }
    parts.extensions.insert(KioskCall { terminal, request });
    next.run(Request::from_parts(parts, axum::body::Body::empty()))
        .await
}

/// A session as a terminal sees it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct KioskSessionBody {
    /// The session's id.
    pub session: String,
    /// The step the terminal's next request names.
    pub step: i64,
    /// challenged (the card has not answered) or authenticated.
    pub status: String,
    /// The challenge the card signs, base64url, with the session's id, as
    /// `mynumber-kiosk-v1\n{session}\n{challenge in hex}\n`.
    pub challenge: String,
    /// When the session times out unless the next step comes first.
    pub expires_at: String,
    /// The resident's order and its fee, once chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<OrderBody>,
    /// Once paid and until the print is confirmed: the document to print.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printout: Option<PrintoutBody>,
    /// Prints reported failed (never charged).
    pub print_failures: i64,
}

/// The document a paid session prints, `copies` times.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PrintoutBody {
    /// Its verification code.
    pub document_code: String,
    /// The signed PDF, base64.
    pub pdf: String,
}

/// An order as the rule table priced it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OrderBody {
    /// resident-record-copy, resident-record-items or seal-certificate.
    pub document: String,
    /// The options chosen: household, householder, number.
    pub options: Vec<String>,
    /// Copies.
    pub copies: u8,
    /// One copy's fee, in yen.
    pub fee_yen_each: u32,
    /// The whole, in yen: what the kiosk collects.
    pub total_yen: u32,
}

impl From<&KioskSessionRow> for KioskSessionBody {
    fn from(s: &KioskSessionRow) -> Self {
        Self {
            session: s.id.clone(),
            step: s.step,
            status: s.status.code().to_owned(),
            challenge: mynumber_pki::jose::base64url_encode(&s.challenge),
            expires_at: crate::staff::time(s.expires_at_us),
            order: s.order.as_ref().map(|(o, q)| OrderBody {
                document: o.document.code().to_owned(),
                options: o.options.iter().map(|x| x.code().to_owned()).collect(),
                copies: q.copies,
                fee_yen_each: q.fee_yen_each,
                total_yen: q.total_yen,
            }),
            printout: s
                .issued
                .as_ref()
                .filter(|_| s.status == mynumber_app::KioskSessionStatus::Paid)
                .map(|i| PrintoutBody {
                    document_code: i.document_code.clone(),
                    pdf: mynumber_pki::base64_encode(&i.pdf),
                }),
            print_failures: s.print_failures,
        }
    }
}

/// The resident's choice: the request inside a terminal's signed body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrderRequest {
    /// The session's step.
    pub step: i64,
    /// resident-record-copy (住民票の写し), resident-record-items (住民票記載事項証明書) or
    /// seal-certificate (印鑑登録証明書).
    #[schema(example = "resident-record-copy")]
    pub document: String,
    /// For a 住民票: household (世帯全員), householder (世帯主・続柄), number (個人番号).
    #[serde(default)]
    pub options: Vec<String>,
    /// Copies.
    #[schema(example = 1)]
    pub copies: i64,
}

/// The card's answer: the request inside a terminal's signed body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CardAnswerRequest {
    /// The session's step, as the last answer gave it.
    pub step: i64,
    /// The user-authentication certificate read from the card, DER in base64.
    pub certificate: String,
    /// The card's signature over the challenge message, base64.
    pub signature: String,
}

fn request<T: serde::de::DeserializeOwned>(call: &KioskCall) -> Result<T, ApiError> {
    serde_json::from_value(call.request.clone()).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-input",
            "Invalid input",
            crate::error::redact_values(&e.to_string()),
        )
    })
}

/// Begin a session (the terminal's signed request, with an empty `request`): the challenge
/// the card will sign after its PIN.
#[utoipa::path(post, path = "/api/kiosk/v1/sessions", tag = "kiosks",
    request_body(content = String, content_type = "application/jose", description = "A compact JWS by the terminal's key"),
    responses((status = 201, body = KioskSessionBody), (status = 401, body = Problem)))]
pub(crate) async fn start(
    State(state): State<AppState>,
    axum::Extension(call): axum::Extension<KioskCall>,
) -> Result<(StatusCode, Json<KioskSessionBody>), ApiError> {
    let row = state.app.start_kiosk_session(&call.terminal).await?;
    Ok((StatusCode::CREATED, Json(KioskSessionBody::from(&row))))
}

/// The resident's order: the document, its options and copies, priced by the municipality's
/// rule table at this moment (or refused with the rule broken, on the field `order`).
#[utoipa::path(post, path = "/api/kiosk/v1/sessions/{session_id}/order", tag = "kiosks",
    params(("session_id" = String, Path, description = "The session's id")),
    request_body(content = String, content_type = "application/jose", description = "A compact JWS by the terminal's key whose `request` is an OrderRequest"),
    responses((status = 200, body = KioskSessionBody), (status = 401, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn order(
    State(state): State<AppState>,
    axum::Extension(call): axum::Extension<KioskCall>,
    AppPath(session): AppPath<String>,
) -> Result<Json<KioskSessionBody>, ApiError> {
    let req: OrderRequest = request(&call)?;
    let options: Vec<&str> = req.options.iter().map(String::as_str).collect();
    let order = mynumber_core::kiosk::Order::new(&req.document, &options, req.copies)
        .map_err(|i| ApiError::from(AppError::Invalid(i)))?;
    let row = state
        .app
        .order_at_kiosk(&call.terminal, &session, req.step, &order)
        .await?;
    Ok(Json(KioskSessionBody::from(&row)))
}

/// Payment at the kiosk: the request inside a terminal's signed body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PaymentRequest {
    /// The session's step.
    pub step: i64,
    /// What the kiosk collected, in yen: the order's total.
    #[schema(example = 200)]
    pub paid_yen: i64,
}

/// The kiosk's report after printing.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PrintedRequest {
    /// The session's step.
    pub step: i64,
    /// Whether every copy printed; `false` sends nothing to the settlement and lets the kiosk
    /// ask for the document again.
    pub printed: bool,
}

/// A request naming only the session's step.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StepRequest {
    /// The session's step.
    pub step: i64,
}

/// The resident paid: the document is issued, signed, and handed over to print.
#[utoipa::path(post, path = "/api/kiosk/v1/sessions/{session_id}/payment", tag = "kiosks",
    params(("session_id" = String, Path, description = "The session's id")),
    request_body(content = String, content_type = "application/jose", description = "A compact JWS by the terminal's key whose `request` is a PaymentRequest"),
    responses((status = 200, body = KioskSessionBody), (status = 401, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
        (status = 503, body = Problem)))]
pub(crate) async fn payment(
    State(state): State<AppState>,
    axum::Extension(call): axum::Extension<KioskCall>,
    AppPath(session): AppPath<String>,
) -> Result<Json<KioskSessionBody>, ApiError> {
    let req: PaymentRequest = request(&call)?;
    let row = state
        .app
        .pay_at_kiosk(&call.terminal, &session, req.step, req.paid_yen)
        .await?;
    Ok(Json(KioskSessionBody::from(&row)))
}

/// The kiosk's report after printing: printed (settled; the session ends) or failed (not
/// charged; the document may be asked for again).
#[utoipa::path(post, path = "/api/kiosk/v1/sessions/{session_id}/printed", tag = "kiosks",
    params(("session_id" = String, Path, description = "The session's id")),
    request_body(content = String, content_type = "application/jose", description = "A compact JWS by the terminal's key whose `request` is a PrintedRequest"),
    responses((status = 200, body = KioskSessionBody), (status = 401, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn printed(
    State(state): State<AppState>,
    axum::Extension(call): axum::Extension<KioskCall>,
    AppPath(session): AppPath<String>,
) -> Result<Json<KioskSessionBody>, ApiError> {
    let req: PrintedRequest = request(&call)?;
    let row = state
        .app
        .kiosk_printed(&call.terminal, &session, req.step, req.printed)
        .await?;
    Ok(Json(KioskSessionBody::from(&row)))
}

/// The paid session's document again, after a failed print: the same signed PDF.
#[utoipa::path(post, path = "/api/kiosk/v1/sessions/{session_id}/document", tag = "kiosks",
    params(("session_id" = String, Path, description = "The session's id")),
    request_body(content = String, content_type = "application/jose", description = "A compact JWS by the terminal's key whose `request` is a StepRequest"),
    responses((status = 200, body = KioskSessionBody), (status = 401, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn document(
    State(state): State<AppState>,
    axum::Extension(call): axum::Extension<KioskCall>,
    AppPath(session): AppPath<String>,
) -> Result<Json<KioskSessionBody>, ApiError> {
    let req: StepRequest = request(&call)?;
    let row = state
        .app
        .kiosk_document(&call.terminal, &session, req.step)
        .await?;
    Ok(Json(KioskSessionBody::from(&row)))
}

/// One line of a day's settlement.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SettlementLine {
    /// The municipality whose documents were printed.
    pub municipality_code: String,
    /// The chain whose terminals printed them.
    pub organisation_id: String,
    /// Sessions printed.
    pub sessions: i64,
    /// Copies printed.
    pub copies: i64,
    /// Fees, in yen.
    pub yen: i64,
}

/// A day's settlement.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SettlementBody {
    /// The day (Japan time).
    pub date: String,
    /// By municipality, then chain.
    pub lines: Vec<SettlementLine>,
    /// The day's sessions, copies and fees in all.
    pub sessions: i64,
    /// Copies in all.
    pub copies: i64,
    /// Fees in all, in yen.
    pub yen: i64,
}

/// A day's kiosk settlement (Japan time): printed sessions, copies and fees by municipality
/// and chain; only confirmed prints count (national auditors and administrators).
#[utoipa::path(get, path = "/api/v1/kiosk-settlements/{date}", tag = "kiosks",
    params(("date" = String, Path, description = "YYYY-MM-DD, Japan time")),
    responses((status = 200, body = SettlementBody), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn settlement(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(date): AppPath<String>,
) -> Result<Json<SettlementBody>, ApiError> {
    let day: jiff::civil::Date = date.trim().parse().map_err(|_| {
        ApiError::invalid(
            &mynumber_core::FieldError::new("date", "problem-date-form")
                .arg("given", format!("{date:?}")),
        )
    })?;
    let rows = state.app.kiosk_settlement(&principal, day).await?;
    Ok(Json(SettlementBody {
        date: day.to_string(),
        sessions: rows.iter().map(|r| r.sessions).sum(),
        copies: rows.iter().map(|r| r.copies).sum(),
        yen: rows.iter().map(|r| r.yen).sum(),
        lines: rows
            .iter()
            .map(|r| SettlementLine {
                municipality_code: r.municipality.as_str().to_owned(),
                organisation_id: r.organisation.to_hex(),
                sessions: r.sessions,
                copies: r.copies,
                yen: r.yen,
            })
            .collect(),
    }))
}

/// The card's answer to the session's challenge: its signature with the user-authentication
/// certificate, checked with the certificate's status now.
#[utoipa::path(post, path = "/api/kiosk/v1/sessions/{session_id}/card", tag = "kiosks",
    params(("session_id" = String, Path, description = "The session's id")),
    request_body(content = String, content_type = "application/jose", description = "A compact JWS by the terminal's key whose `request` is a CardAnswerRequest"),
    responses((status = 200, body = KioskSessionBody), (status = 401, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "The certificate is not in force, or the session moved on", body = Problem)))]
pub(crate) async fn card(
    State(state): State<AppState>,
    axum::Extension(call): axum::Extension<KioskCall>,
    AppPath(session): AppPath<String>,
) -> Result<Json<KioskSessionBody>, ApiError> {
    let answer: CardAnswerRequest = request(&call)?;
    let certificate = mynumber_pki::base64_decode(&answer.certificate)
        .ok_or_else(|| ApiError::field("certificate", "problem-base64"))?;
    let signature = mynumber_pki::base64_decode(&answer.signature)
        .ok_or_else(|| ApiError::field("signature", "problem-base64"))?;
    let row = state
        .app
        .answer_kiosk_challenge(
            &call.terminal,
            &session,
            answer.step,
            &certificate,
            &signature,
        )
        .await?;
    Ok(Json(KioskSessionBody::from(&row)))
}

/// A maintenance window of a municipality's kiosks.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WindowBody {
    /// Its first instant (RFC 3339).
    #[schema(example = "2027-01-10T01:00:00+09:00")]
    pub starts_at: String,
    /// The first instant after it (RFC 3339).
    #[schema(example = "2027-01-10T05:00:00+09:00")]
    pub ends_at: String,
}

/// One document a municipality offers at kiosks.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentRuleBody {
    /// resident-record-copy, resident-record-items or seal-certificate.
    #[schema(example = "resident-record-copy")]
    pub document: String,
    /// Whose may be asked for: oneself, or household (the seal's certificate: oneself only).
    #[schema(example = "household")]
    pub who: String,
    /// The fee for one copy, in yen.
    #[schema(example = 200)]
    pub fee_yen: u32,
}

/// A municipality's rule table for kiosks (docs/design/kiosk.md).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct KioskRulesBody {
    /// From when requests are taken each day, Japan time (HH:MM).
    #[schema(example = "06:30")]
    pub opens: String,
    /// Until before when (HH:MM; 24:00 for the whole day).
    #[schema(example = "23:00")]
    pub closes: String,
    /// Days of no issue every year (MM-DD).
    #[schema(example = json!(["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"]))]
    pub closed_days: Vec<String>,
    /// Maintenance windows.
    #[serde(default)]
    pub maintenance: Vec<WindowBody>,
    /// Card holders younger than this are refused, if the municipality excludes minors.
    #[serde(default)]
    pub minimum_age: Option<i16>,
    /// The most copies of one document in one request (1–10).
    #[schema(example = 10)]
    pub max_copies: u8,
    /// The documents offered; one not listed is not issued at kiosks.
    pub documents: Vec<DocumentRuleBody>,
}

impl KioskRulesBody {
    fn from_table(t: &mynumber_core::kiosk::RuleTable) -> Self {
        let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        Self {
            opens: hm(t.opens),
            closes: hm(t.closes),
            closed_days: t
                .closed_days
                .iter()
                .map(|d| format!("{:02}-{:02}", d.month, d.day))
                .collect(),
            maintenance: t
                .maintenance
                .iter()
                .map(|w| WindowBody {
                    starts_at: crate::staff::time(w.starts_us),
                    ends_at: crate::staff::time(w.ends_us),
                })
                .collect(),
            minimum_age: t.minimum_age,
            max_copies: t.max_copies,
            documents: t
                .documents
                .iter()
                .map(|d| DocumentRuleBody {
                    document: d.document.code().to_owned(),
                    who: d.who.code().to_owned(),
                    fee_yen: d.fee_yen,
                })
                .collect(),
        }
    }

    /// The table this body describes, or every field that cannot be read.
    pub(crate) fn to_table(
        &self,
        municipality: mynumber_core::MunicipalityCode,
    ) -> Result<mynumber_core::kiosk::RuleTable, Vec<mynumber_core::FieldError>> {
        use mynumber_core::FieldError;
        use mynumber_core::kiosk::{
            DocumentRule, KioskDocument, MonthDay, RuleTable, WhoMayAsk, Window,
        };
        let mut problems = Vec::new();
        let minute = |s: &str| -> Option<u16> {
            let (h, m) = s.trim().split_once(':')?;
            let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
            (h <= 24 && m < 60).then_some(h * 60 + m)
        };
        let (opens, closes) = match (minute(&self.opens), minute(&self.closes)) {
            (Some(o), Some(c)) => (o, c),
            _ => {
                problems.push(FieldError::new("hours", "problem-kiosk-rules-hours"));
                (0, 0)
            }
        };
        let closed_days: Option<Vec<MonthDay>> = self
            .closed_days
            .iter()
            .map(|d| {
                let (m, d) = d.trim().split_once('-')?;
                Some(MonthDay {
                    month: m.parse().ok()?,
                    day: d.parse().ok()?,
                })
            })
            .collect();
        let maintenance: Option<Vec<Window>> = self
            .maintenance
            .iter()
            .map(|w| {
                let at = |s: &str| s.trim().parse::<jiff::Timestamp>().ok();
                Some(Window {
                    starts_us: at(&w.starts_at)?.as_microsecond(),
                    ends_us: at(&w.ends_at)?.as_microsecond(),
                })
            })
            .collect();
        let documents: Option<Vec<DocumentRule>> = self
            .documents
            .iter()
            .map(|d| {
                Some(DocumentRule {
                    document: KioskDocument::parse(d.document.trim())?,
                    who: WhoMayAsk::parse(d.who.trim())?,
                    fee_yen: d.fee_yen,
                })
            })
            .collect();
        if closed_days.is_none() {
            problems.push(FieldError::new(
                "closed_days",
                "problem-kiosk-rules-closed-days",
            ));
        }
        if maintenance.is_none() {
            problems.push(FieldError::new(
                "maintenance",
                "problem-kiosk-rules-maintenance",
            ));
        }
        if documents.is_none() || self.documents.len() > 3 {
            problems.push(
                FieldError::new("documents", "problem-kiosk-rules-document")
                    .arg("document", "?")
                    .arg("max", i64::from(mynumber_core::kiosk::MAX_FEE_YEN)),
            );
        }
        match (closed_days, maintenance, documents) {
            (Some(closed_days), Some(maintenance), Some(documents)) if problems.is_empty() => {
                Ok(RuleTable {
                    municipality,
                    documents,
                    opens,
                    closes,
                    closed_days,
                    maintenance,
                    minimum_age: self.minimum_age,
                    max_copies: self.max_copies,
                })
            }
            _ => Err(problems),
        }
    }
}

/// A municipality's rule table for kiosks: the one it set, else the standard one (public:
/// what a kiosk charges and when it issues).
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality_code}/kiosk-rules", tag = "kiosks",
    params(("municipality_code" = String, Path, description = "6-digit local-government code")),
    responses((status = 200, body = KioskRulesBody), (status = 422, body = Problem)))]
pub(crate) async fn rules(
    State(state): State<AppState>,
    AppPath(municipality_code): AppPath<String>,
) -> Result<Json<KioskRulesBody>, ApiError> {
    let code = mynumber_core::MunicipalityCode::parse(&municipality_code)
        .map_err(|e| ApiError::invalid(&e))?;
    let table = state.app.kiosk_rules(&Principal::Anonymous, code).await?;
    Ok(Json(KioskRulesBody::from_table(&table)))
}

/// Set a municipality's rule table for kiosks: the documents and fees, whose they may be, the
/// hours, the closed days, maintenance windows, an age limit, the copies (an administrator of
/// that municipality). Recorded in the ledger.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality_code}/kiosk-rules", tag = "kiosks",
    params(("municipality_code" = String, Path, description = "6-digit local-government code")),
    request_body = KioskRulesBody,
    responses((status = 200, body = KioskRulesBody), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn set_rules(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(municipality_code): AppPath<String>,
    AppJson(req): AppJson<KioskRulesBody>,
) -> Result<Json<KioskRulesBody>, ApiError> {
    let code = mynumber_core::MunicipalityCode::parse(&municipality_code)
        .map_err(|e| ApiError::invalid(&e))?;
    let table = req
        .to_table(code)
        .map_err(|p| ApiError::from(AppError::Invalid(mynumber_core::Invalid(p))))?;
    state.app.set_kiosk_rules(&principal, &table).await?;
    Ok(Json(KioskRulesBody::from_table(&table)))
}
