//! Organisations handlers (issue 12, docs/design/organisations.md): an administrator of
//! national scope registers organisations with their roles and purposes, suspends, resumes and
//! revokes them; administrators and auditors of national scope read them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mynumber_app::{OrganisationRow, OrganisationView, PurposeInput, PurposeRow};
use mynumber_core::OrganisationId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::staff::time;
use crate::{ApiError, AppJson, AppPath, AppState, Authenticated, Problem};

/// Register an organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrganisationRequest {
    /// 法人番号: 13 digits, the check digit first.
    #[schema(example = "5835678256246")]
    pub corporate_number: String,
    /// Its registered name (商号又は名称).
    #[schema(example = "株式会社サンプル商事")]
    pub name: String,
    /// One or more of number-using, number-related, signature-verifier,
    /// authentication-verifier, platform.
    #[schema(example = json!(["number-related"]))]
    pub roles: Vec<String>,
}

/// Register a purpose for an organisation whose roles collect numbers.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PurposeRequest {
    /// A code, kebab case, never reused by the organisation.
    #[schema(example = "withholding-slip")]
    pub code: String,
    /// The affair (事務).
    #[schema(example = "源泉徴収票作成事務")]
    pub affair: String,
    /// The law it is done under.
    #[schema(example = "所得税法第226条")]
    pub basis: String,
    /// The items it may receive besides the number: name, address, birthdate, gender.
    #[schema(example = json!(["name", "address"]))]
    #[serde(default)]
    pub items: Vec<String>,
    /// Years a number may be kept after the affair ends (1–10).
    #[schema(example = 7)]
    pub retention_years: u32,
}

/// Suspend, resume or revoke.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventRequest {
    /// suspend, resume or revoke (final).
    #[schema(example = "suspend")]
    pub event: String,
}

/// A public key in JWK form (RFC 7517): an EC key on P-256, the one kind accepted.
#[derive(Deserialize, ToSchema)]
pub(crate) struct EcJwk {
    /// EC.
    #[schema(example = "EC")]
    pub kty: String,
    /// P-256.
    #[schema(example = "P-256")]
    pub crv: String,
    /// The point's x, base64url (32 bytes).
    pub x: String,
    /// The point's y, base64url (32 bytes).
    pub y: String,
    /// A key id; the request's `kid` wins when both are given.
    #[serde(default)]
    pub kid: Option<String>,
    /// ES256 if given.
    #[serde(default)]
    pub alg: Option<String>,
    /// sig if given.
    #[serde(default, rename = "use")]
    pub use_: Option<String>,
    /// Never given: a JWK with its private part is refused (the organisation keeps its key;
    /// one sent here must be taken as disclosed).
    #[serde(default)]
    pub d: Option<String>,
}

/// Never the private part, should one have been sent.
impl std::fmt::Debug for EcJwk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EcJwk")
            .field("kty", &self.kty)
            .field("crv", &self.crv)
            .field("kid", &self.kid)
            .field("private", &self.d.is_some())
            .finish_non_exhaustive()
    }
}

/// Register a public key an organisation signs its assertions with.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyRequest {
    /// The key id its assertions name in their header (`kid`).
    #[schema(example = "2026-12")]
    #[serde(default)]
    pub kid: Option<String>,
    /// The public key.
    pub jwk: EcJwk,
}

/// A key as registered.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct KeyBody {
    /// Its key id.
    pub kid: String,
    /// When registered (RFC 3339).
    pub registered_at: String,
    /// When revoked (RFC 3339), if it was.
    pub revoked_at: Option<String>,
}

/// A purpose as registered.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PurposeBody {
    /// Its code.
    pub code: String,
    /// The affair.
    pub affair: String,
    /// The law.
    pub basis: String,
    /// The items it may receive, the number among them.
    pub items: Vec<String>,
    /// Years kept after the affair ends.
    pub retention_years: u8,
    /// When registered (RFC 3339).
    pub registered_at: String,
    /// When withdrawn (RFC 3339), if it was.
    pub withdrawn_at: Option<String>,
}

/// An organisation as registered.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OrganisationBody {
    /// Its id (32 hex digits).
    pub organisation_id: String,
    /// 法人番号.
    pub corporate_number: String,
    /// Its name.
    pub name: String,
    /// Its roles.
    pub roles: Vec<String>,
    /// active, suspended or revoked.
    pub status: String,
    /// When registered (RFC 3339).
    pub registered_at: String,
    /// When its status last changed (RFC 3339).
    pub status_at: String,
    /// Its purposes (only when one organisation is read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<PurposeBody>>,
}

/// The P-256 point of a public JWK for ES256 signatures: a private key or a key of another
/// kind is named as such; a point off the curve is left to the use case (empty).
pub(crate) fn jwk_point(jwk: &EcJwk) -> Result<Vec<u8>, ApiError> {
    if jwk.d.is_some() {
        return Err(ApiError::field("jwk", "problem-key-private"));
    }
    let kind_ok = jwk.kty == "EC"
        && jwk.crv == "P-256"
        && jwk.alg.as_deref().is_none_or(|a| a == "ES256")
        && jwk.use_.as_deref().is_none_or(|u| u == "sig");
    if kind_ok {
        Ok(mynumber_pki::jose::p256_point(&jwk.x, &jwk.y).unwrap_or_default())
    } else {
        Err(ApiError::field("jwk", "problem-key-p256"))
    }
}

pub(crate) fn organisation_id(s: &str) -> Result<OrganisationId, ApiError> {
    OrganisationId::parse(s.trim())
        .ok_or_else(|| ApiError::field("organisation_id", "problem-hex-id"))
}

impl From<&PurposeRow> for PurposeBody {
    fn from(p: &PurposeRow) -> Self {
        Self {
            code: p.purpose.code.clone(),
            affair: p.purpose.affair.clone(),
            basis: p.purpose.basis.clone(),
            items: p
                .purpose
                .items
                .iter()
                .map(|i| i.code().to_owned())
                .collect(),
            retention_years: p.purpose.retention_years,
            registered_at: time(p.registered_at_us),
            withdrawn_at: p.withdrawn_at_us.map(time),
        }
    }
}

impl From<&OrganisationRow> for OrganisationBody {
    fn from(o: &OrganisationRow) -> Self {
        Self {
            organisation_id: o.id.to_hex(),
            corporate_number: o.corporate_number.digits().to_owned(),
            name: o.name.clone(),
            roles: o.roles.iter().map(|r| r.code().to_owned()).collect(),
            status: o.status.code().to_owned(),
            registered_at: time(o.registered_at_us),
            status_at: time(o.status_at_us),
            purposes: None,
        }
    }
}

impl From<&OrganisationView> for OrganisationBody {
    fn from(v: &OrganisationView) -> Self {
        Self {
            purposes: Some(v.purposes.iter().map(PurposeBody::from).collect()),
            ..Self::from(&v.organisation)
        }
    }
}

/// Register an organisation (administrators of national scope).
#[utoipa::path(post, path = "/api/v1/organisations", tag = "organisations",
    request_body = OrganisationRequest,
    responses((status = 201, body = OrganisationBody), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn register(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppJson(req): AppJson<OrganisationRequest>,
) -> Result<(StatusCode, Json<OrganisationBody>), ApiError> {
    let roles: Vec<&str> = req.roles.iter().map(String::as_str).collect();
    let row = state
        .app
        .register_organisation(&principal, &req.corporate_number, &req.name, &roles)
        .await?;
    Ok((StatusCode::CREATED, Json(OrganisationBody::from(&row))))
}

/// List the organisations registered, by name (administrators and auditors of national scope).
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations",
    responses((status = 200, body = [OrganisationBody]), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
) -> Result<Json<Vec<OrganisationBody>>, ApiError> {
    let rows = state.app.organisations(&principal).await?;
    Ok(Json(rows.iter().map(OrganisationBody::from).collect()))
}

/// One organisation with its purposes.
#[utoipa::path(get, path = "/api/v1/organisations/{organisation_id}", tag = "organisations",
    params(("organisation_id" = String, Path, description = "Organisation id")),
    responses((status = 200, body = OrganisationBody), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn get(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
) -> Result<Json<OrganisationBody>, ApiError> {
    let view = state
        .app
        .organisation(&principal, organisation_id(&id)?)
        .await?;
    Ok(Json(OrganisationBody::from(&view)))
}

/// Suspend, resume or revoke an organisation; a revocation is final.
#[utoipa::path(post, path = "/api/v1/organisations/{organisation_id}/events", tag = "organisations",
    params(("organisation_id" = String, Path, description = "Organisation id")),
    request_body = EventRequest,
    responses((status = 200, body = OrganisationBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn event(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    AppJson(req): AppJson<EventRequest>,
) -> Result<Json<OrganisationBody>, ApiError> {
    let row = state
        .app
        .change_organisation(&principal, organisation_id(&id)?, &req.event)
        .await?;
    Ok(Json(OrganisationBody::from(&row)))
}

/// Register a purpose.
#[utoipa::path(post, path = "/api/v1/organisations/{organisation_id}/purposes", tag = "organisations",
    params(("organisation_id" = String, Path, description = "Organisation id")),
    request_body = PurposeRequest,
    responses((status = 201, body = PurposeBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn add_purpose(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    AppJson(req): AppJson<PurposeRequest>,
) -> Result<(StatusCode, Json<PurposeBody>), ApiError> {
    let years = req.retention_years.to_string();
    let input = PurposeInput {
        code: &req.code,
        affair: &req.affair,
        basis: &req.basis,
        items: req.items.iter().map(String::as_str).collect(),
        retention_years: &years,
    };
    let row = state
        .app
        .register_purpose(&principal, organisation_id(&id)?, &input)
        .await?;
    Ok((StatusCode::CREATED, Json(PurposeBody::from(&row))))
}

/// Withdraw a purpose: nothing more is collected for it.
#[utoipa::path(post, path = "/api/v1/organisations/{organisation_id}/purposes/{purpose}/withdraw", tag = "organisations",
    params(("organisation_id" = String, Path, description = "Organisation id"),
        ("purpose" = String, Path, description = "The purpose's code")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn withdraw_purpose(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath((id, code)): AppPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .withdraw_purpose(&principal, organisation_id(&id)?, &code)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Register a public key for an organisation (ES256, a JWK on P-256).
#[utoipa::path(post, path = "/api/v1/organisations/{organisation_id}/keys", tag = "organisations",
    params(("organisation_id" = String, Path, description = "Organisation id")),
    request_body = KeyRequest,
    responses((status = 201, body = KeyBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn add_key(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    AppJson(req): AppJson<KeyRequest>,
) -> Result<(StatusCode, Json<KeyBody>), ApiError> {
    let id = organisation_id(&id)?;
    let jwk = &req.jwk;
    let point = jwk_point(jwk)?;
    let kid = req
        .kid
        .as_deref()
        .or(jwk.kid.as_deref())
        .unwrap_or_default();
    let row = state
        .app
        .register_organisation_key(&principal, id, kid, &point)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(KeyBody {
            kid: row.kid,
            registered_at: time(row.registered_at_us),
            revoked_at: None,
        }),
    ))
}

/// Revoke a key: every token issued under it ends at once.
#[utoipa::path(post, path = "/api/v1/organisations/{organisation_id}/keys/{kid}/revoke", tag = "organisations",
    params(("organisation_id" = String, Path, description = "Organisation id"),
        ("kid" = String, Path, description = "The key id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn revoke_key(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath((id, kid)): AppPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .revoke_organisation_key(&principal, organisation_id(&id)?, &kid)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Register an organisation as a relying party of log-in with the card.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClientRequest {
    /// Where codes may be sent, each matched exactly: https, or http on the loopback.
    #[schema(example = json!(["https://rp.example/callback"]))]
    pub redirect_uris: Vec<String>,
    /// Where the browser may return after logging out.
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
}

/// A relying party's client registration.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ClientBody {
    /// The client id: the organisation's id.
    pub client_id: String,
    /// The redirection URIs.
    pub redirect_uris: Vec<String>,
    /// The logout URIs.
    pub post_logout_redirect_uris: Vec<String>,
    /// The issuer the relying party discovers the provider at.
    pub issuer: String,
}

/// Register (or replace) an organisation's client registration for log-in with the card
/// (docs/design/oidc.md).
#[utoipa::path(put, path = "/api/v1/organisations/{organisation_id}/client", tag = "organisations",
    params(("organisation_id" = String, Path, description = "Organisation id")),
    request_body = ClientRequest,
    responses((status = 200, body = ClientBody), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn put_client(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    AppJson(req): AppJson<ClientRequest>,
) -> Result<Json<ClientBody>, ApiError> {
    let row = state
        .app
        .register_oidc_client(
            &principal,
            organisation_id(&id)?,
            req.redirect_uris,
            req.post_logout_redirect_uris,
        )
        .await?;
    Ok(Json(ClientBody {
        client_id: row.organisation.to_hex(),
        redirect_uris: row.redirect_uris,
        post_logout_redirect_uris: row.logout_uris,
        issuer: state.app.issuer(),
    }))
}

/// Register the プラットフォーム事業者 an organisation verifies signatures through.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlatformRequest {
    /// The platform operator's organisation id; `null` ends the relation.
    pub platform_id: Option<String>,
}

/// Register (or end) the platform operator an organisation (a サービスプロバイダ) goes
/// through: the platform may then verify signatures for it (docs/design/signing.md).
#[utoipa::path(put, path = "/api/v1/organisations/{organisation_id}/platform", tag = "organisations",
    params(("organisation_id" = String, Path, description = "Organisation id")),
    request_body = PlatformRequest,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn put_platform(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(id): AppPath<String>,
    AppJson(req): AppJson<PlatformRequest>,
) -> Result<StatusCode, ApiError> {
    let platform = req
        .platform_id
        .as_deref()
        .map(|p| {
            OrganisationId::parse(p.trim())
                .ok_or_else(|| ApiError::field("platform_id", "problem-hex-id"))
        })
        .transpose()?;
    state
        .app
        .set_organisation_platform(&principal, organisation_id(&id)?, platform)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
