//! `POST /api/v1/residents/import`: a register file uploaded as CSV, imported as a recorded job,
//! the same as `mynumber resident import` (one driver, `App::import_csv`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use mynumber_app::import_file::{FileEncoding, Layout};
use mynumber_app::{ImportFailure, ImportOptions, ImportSource, ImportStart, Pass, Quiet};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::FieldProblem;
use crate::{ApiError, AppQuery, AppState, Authenticated, Problem};
use mynumber_core::FieldError;

/// How an upload is imported.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImportQuery {
    /// `new` (default): each row gets a new 住民票コード and number, and a notification letter.
    /// `existing` (移行): each row keeps the `resident_code` and `individual_number` its
    /// person holds; no letter is queued.
    pub layout: Option<String>,
    /// The file's name (required): the job is found by it, within the uploader's partition
    /// (their municipality, or national). An upload under the name of a stopped import, edited
    /// only after the lines it wrote, continues that import; the name of a file imported
    /// completely, changed since, is refused (its people are in already).
    pub name: Option<String>,
    /// Start although another import stopped before it finished (this file holds other people).
    pub new_import: Option<bool>,
}

/// A finished import.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ImportResponse {
    /// The import job.
    pub import: i64,
    /// `fresh`, `resumed` (the same file again after a stop: the rows written are skipped) or
    /// `edited` (the stopped import's file, edited after the lines it wrote).
    pub start: &'static str,
    /// Residents imported by earlier uploads of this import.
    pub residents_before: u64,
    /// Residents imported by this upload.
    pub imported: u64,
}

/// An upload, read once per pass from memory.
struct Upload {
    /// `upload:`, the uploader's partition and the name given.
    name: String,
    bytes: Bytes,
}

impl ImportSource for Upload {
    fn name(&self) -> &str {
        &self.name
    }
    fn open(&self, _pass: Pass) -> std::io::Result<Box<dyn std::io::Read + Send>> {
        Ok(Box::new(std::io::Cursor::new(self.bytes.clone())))
    }
}

/// The encoding the Content-Type names: `text/csv`, with `charset=utf-8` or `shift_jis` (also
/// `windows-31j`, `cp932`); without one, it is told from the bytes.
fn encoding(headers: &HeaderMap) -> Result<Option<FileEncoding>, ApiError> {
    let unsupported = || {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            "send the register file as text/csv (charset=utf-8 or charset=shift_jis)",
        )
    };
    let value = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(unsupported)?;
    let mut parts = value.split(';').map(str::trim);
    if !parts
        .next()
        .is_some_and(|t| t.eq_ignore_ascii_case("text/csv"))
    {
        return Err(unsupported());
    }
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_ascii_lowercase())
    });
    match charset.as_deref() {
        None => Ok(None),
        Some(c) => FileEncoding::parse(c)
            .map(Some)
            .ok_or_else(|| ApiError::field("charset", "problem-charset")),
    }
}

/// Import a register file (CSV, the columns of the README) as one recorded job; with
/// `layout=existing`, a municipality's register moved in from its previous system (移行),
/// each resident keeping the code and number they hold. Each batch of rows is one transaction.
/// A bad row stops the import with its line; the batches written before stay, and the same
/// file uploaded again resumes after them, registering nobody twice.
#[utoipa::path(post, path = "/api/v1/residents/import", tag = "residents",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The register file: UTF-8, or Shift_JIS (CP932) with charset=shift_jis or told from its bytes"),
    responses(
        (status = 201, description = "Imported", body = ImportResponse),
        (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, description = "This file was imported before, or another import stopped unfinished", body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem),
        (status = 422, description = "The file, its header or rows are refused; `errors` names each bad row by `line`", body = Problem)),
    security(("bearer" = [])))]
pub(crate) async fn import(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    AppQuery(q): AppQuery<ImportQuery>,
    request: Request,
) -> Result<(StatusCode, Json<ImportResponse>), ApiError> {
    // Everything that needs no body is checked before the body is read.
    let encoding = encoding(request.headers())?;
    let layout = match q.layout.as_deref().map(str::trim) {
        None | Some("new") => Layout::New,
        Some("existing") => Layout::Existing,
        Some(_) => return Err(ApiError::field("layout", "problem-import-layout")),
    };
    // The name finds the job again: without one, a re-saved copy of a file imported before
    // would look new and register its people twice. Scoped to the uploader's partition, so
    // that two municipalities' files of one name never meet.
    let name = match q.name.as_deref().map(str::trim) {
        Some(n)
            if !n.is_empty() && n.chars().count() <= 200 && !n.chars().any(char::is_control) =>
        {
            format!("upload:{}:{n}", principal.partition())
        }
        _ => {
            return Err(ApiError::field("name", "problem-import-name"));
        }
    };
    // One upload at a time: each is held in memory (up to IMPORT_LIMIT) and keeps the writer
    // busy; another waits for its turn rather than doubling both.
    let turn = IMPORTING.acquire().await.map_err(|_| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Temporarily unavailable",
            "the server is stopping",
        )
    })?;
    let body = Bytes::from_request(request, &state).await.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body-too-large",
                "Body too large",
                format!(
                    "a register file is limited to {} MiB; send a larger register as several \
                     files, each split between households",
                    crate::IMPORT_LIMIT >> 20
                ),
            )
        } else {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed-body",
                "Malformed body",
                "the body could not be read",
            )
        }
    })?;
    let options = ImportOptions {
        batch: mynumber_app::IMPORT_BATCH,
        new_import: q.new_import.unwrap_or(false),
        layout,
        encoding,
    };
    let upload = Upload { name, bytes: body };
    // The job runs to its end in a task of its own: if the request's time limit cuts the
    // answer, the job is not cut with it (uploading the same file again then says how it
    // ended).
    let app = state.app.clone();
    let job = tokio::spawn(async move {
        let done = app.import_csv(&principal, &upload, options, &Quiet).await;
        drop(turn);
        done
    });
    let done = job.await.map_err(|e| {
        tracing::error!(error = %e, "an import task failed");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal error",
            "the server failed; the error is logged",
        )
    })?;
    match done {
        Ok(done) => Ok((
            StatusCode::CREATED,
            Json(ImportResponse {
                import: done.job,
                start: match done.start {
                    ImportStart::Fresh => "fresh",
                    ImportStart::Resumed => "resumed",
                    ImportStart::Edited => "edited",
                },
                residents_before: done.before,
                imported: done.imported,
            }),
        )),
        Err(e) => Err(failure(e)),
    }
}

/// The turn of the one upload imported at a time.
static IMPORTING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

/// A stopped import as a problem: the rows by line, the rest in the detail.
fn failure(e: ImportFailure) -> ApiError {
    let detail = e.to_string();
    match e {
        ImportFailure::App(e) | ImportFailure::Write { error: e, .. } => {
            ApiError::from(e).with_detail(detail)
        }
        // An upload is read from memory; a failure to read it is the server's.
        ImportFailure::Io(e) => {
            tracing::error!(error = %e, "reading an upload");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "the server failed; the error is logged",
            )
        }
        ImportFailure::NotText => ApiError::field("body", "problem-import-not-text"),
        ImportFailure::Header(why) => ApiError::invalid(&why),
        ImportFailure::Changed { .. } => ApiError::new(
            StatusCode::CONFLICT,
            "import-changed",
            "Import changed",
            detail,
        ),
        ImportFailure::Unreadable { .. } => {
            ApiError::invalid(&FieldError::new("body", "problem-unreadable").arg("detail", detail))
        }
        ImportFailure::Rows { bad, .. } => ApiError::rows(
            detail,
            bad.into_iter()
                .flat_map(|(line, invalid)| {
                    invalid
                        .0
                        .into_iter()
                        .map(move |f| FieldProblem::of(&f, Some(line)))
                })
                .collect(),
        ),
    }
}
