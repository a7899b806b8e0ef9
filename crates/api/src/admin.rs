//! Ledger handlers: verifying, reading partitions, checkpoints and the key that signs them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{ApiError, AppPath, AppQuery, AppState, Authenticated, Problem};

/// The ledger verification result.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LedgerReportBody {
    /// Whether every chain is intact.
    pub ok: bool,
    /// Partitions checked.
    pub partitions: usize,
    /// Entries checked.
    pub entries: i64,
    /// The first fault found, naming the partition and entry.
    pub fault: Option<String>,
}

/// Paging through a partition.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct LedgerPage {
    /// Entries with a sequence number above this.
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// At most this many (1–1000, default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
}

/// One ledger entry.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LedgerEntryBody {
    /// Partition.
    pub partition: String,
    /// Sequence number.
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Staff id, or `system`.
    pub actor: String,
    /// What.
    pub action: String,
    /// The person's internal id, if any.
    pub person: Option<String>,
    /// Lawful purpose, for number access.
    pub purpose: Option<String>,
    /// Detail.
    pub detail: String,
    /// Previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// Verify every ledger partition's hash chain (auditors and administrators).
#[utoipa::path(get, path = "/api/v1/ledger/verify", tag = "ledger",
    responses((status = 200, body = LedgerReportBody), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn verify(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
) -> Result<Json<LedgerReportBody>, ApiError> {
    let r = state.app.verify_ledger(&principal, &[]).await?;
    Ok(Json(LedgerReportBody {
        ok: r.fault.is_none(),
        partitions: r.partitions,
        entries: r.entries,
        fault: r.fault.map(|f| f.to_string()),
    }))
}

/// Read a partition's entries in order.
#[utoipa::path(get, path = "/api/v1/ledger/{partition}", tag = "ledger",
    params(("partition" = String, Path, description = "A municipality code, or national"), LedgerPage),
    responses((status = 200, body = [LedgerEntryBody]), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn entries(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppPath(partition): AppPath<String>,
    AppQuery(page): AppQuery<LedgerPage>,
) -> Result<Json<Vec<LedgerEntryBody>>, ApiError> {
    let limit = page.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::field("limit", "problem-ledger-limit"));
    }
    if page.after.is_some_and(|a| a < 0) {
        return Err(ApiError::field("after", "problem-negative"));
    }
    let rows = state
        .app
        .ledger_entries(&principal, &partition, page.after.unwrap_or(0), limit)
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|e| LedgerEntryBody {
                at: Timestamp::from_microsecond(e.content.at_us)
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
                partition: e.content.partition,
                seq: e.content.seq,
                actor: e.content.actor,
                action: e.content.action,
                person: e.content.person.map(|p| p.to_hex()),
                purpose: e.content.purpose,
                detail: e.content.detail,
                prev_hash: hex::encode(e.prev_hash),
                hash: hex::encode(e.hash),
            })
            .collect(),
    ))
}

/// The key that verifies this deployment's ledger checkpoints.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PublicKeyBody {
    /// Key id (first 8 bytes of SHA-256 over the key), as named in checkpoints.
    pub key_id: String,
    /// Ed25519 public key, 64 hex digits.
    pub public_key: String,
}

/// The public key that verifies checkpoints. Public: anyone holding a checkpoint may check it.
#[utoipa::path(get, path = "/api/v1/ledger/public-key", tag = "ledger",
    responses((status = 200, body = PublicKeyBody)))]
pub(crate) async fn public_key(State(state): State<AppState>) -> Json<PublicKeyBody> {
    let key = state.app.ledger_public_key();
    Json(PublicKeyBody {
        key_id: key.id(),
        public_key: key.to_hex(),
    })
}

/// The newest signed checkpoint, as text to keep (auditors and administrators).
#[utoipa::path(get, path = "/api/v1/ledger/checkpoints/latest", tag = "ledger",
    responses((status = 200, description = "The checkpoint's text", body = String, content_type = "text/plain"),
        (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn latest_checkpoint(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
) -> Result<(StatusCode, String), ApiError> {
    let c = state
        .app
        .latest_checkpoint(&principal)
        .await?
        .ok_or(mynumber_app::AppError::NotFound("checkpoint"))?;
    Ok((StatusCode::OK, c.to_text()))
}

/// Sign the current partition heads now.
#[utoipa::path(post, path = "/api/v1/ledger/checkpoints", tag = "ledger",
    responses((status = 201, description = "The new checkpoint's text", body = String, content_type = "text/plain")),
    security(("bearer" = [])))]
pub(crate) async fn create_checkpoint(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
) -> Result<(StatusCode, String), ApiError> {
    let c = state.app.create_checkpoint(&principal).await?;
    Ok((StatusCode::CREATED, c.to_text()))
}
