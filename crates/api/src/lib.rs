//! mynumber-api: the HTTP interface. JSON API with an OpenAPI document and a reference page,
//! RFC 9457 problems for every error, bearer tokens for staff, and a landing page.
//!
//! Only this crate knows HTTP. Individual Numbers travel only in request and response bodies,
//! never in URLs, so access logs cannot capture them.

mod admin;
mod cards;
mod certificates;
mod documents;
mod dto;
mod error;
mod extract;
mod number_changes;
mod residents;

use axum::extract::DefaultBodyLimit;
use axum::response::Html;
use axum::routing::{get, post};
use axum::{Json, Router};
use mynumber_app::App;
use tower_http::trace::TraceLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

pub use error::{ApiError, FieldProblem, Problem};
pub use extract::{AppJson, AppPath, AppQuery, Authenticated};

/// Request bodies above this many bytes are refused with 413.
pub const BODY_LIMIT: usize = 64 * 1024;

/// A document file sent for verification may be this large (a copy of the resident record with
/// a large household is a few hundred kilobytes).
pub const DOCUMENT_LIMIT: usize = 4 * 1024 * 1024;

/// A card application (a photo of up to 7 MB, base64) or a card file may be this large.
pub const CARD_LIMIT: usize = 10 * 1024 * 1024;

/// What every handler gets.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The use cases.
    pub app: App,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "mynumber",
        description = "An open implementation of Japan's Individual Number (マイナンバー) system: the resident registry, number issuance and the ledger. Staff authenticate with bearer tokens; errors are RFC 9457 problems; Individual Numbers never appear in URLs.",
        license(name = "Apache-2.0")
    ),
    paths(
        residents::register, residents::get, residents::procedure, residents::search,
        residents::read_number, residents::lookup,
        admin::add_staff, admin::verify, admin::entries, admin::public_key,
        admin::latest_checkpoint, admin::create_checkpoint,
        number_changes::request, number_changes::approve, number_changes::reject,
        documents::issue, documents::by_code, documents::verify, documents::public_key,
        documents::outcome, documents::list, documents::name_municipality,
        certificates::issue, certificates::list, certificates::revoke, certificates::ca,
        certificates::crl, certificates::ocsp_post, certificates::ocsp_get, certificates::suspend,
        certificates::resume, certificates::revoke_all,
        cards::apply, cards::list, cards::produce, cards::hand_over, cards::suspend, cards::resume,
        cards::reset_pin, cards::end, cards::extend, cards::issue_notice,
    ),
    modifiers(&BearerAuth, &ProblemResponses),
    tags(
        (name = "residents", description = "住民基本台帳: registration, procedures, look-ups"),
        (name = "numbers", description = "個人番号: reading and looking up numbers for a lawful purpose"),
        (name = "staff", description = "Staff and their tokens"),
        (name = "ledger", description = "The tamper-evident ledger"),
        (name = "certificates", description = "公的個人認証: signature and user-authentication certificates, CRLs, OCSP"),
        (name = "cards", description = "個人番号カード: applications, production, pick-up, suspension, resumption, loss, return"),
        (name = "documents", description = "住民票の写し and notification letters: issuing, verifying, delivery outcomes"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Declares the problem responses every operation can give, so the document matches the
/// server: error bodies are `application/problem+json`; operations with a body can answer 400,
/// 413, 415 and 422; authenticated ones 401 and 403; every one 500.
struct ProblemResponses;

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        const PROBLEM: &str = "application/problem+json";
        let problem = |description: &str| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        PROBLEM,
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("Problem")))
                            .build(),
                    )
                    .build(),
            )
        };
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
            ];
            for op in operations.into_iter().flatten() {
                let responses = &mut op.responses.responses;
                for (status, response) in responses.iter_mut() {
                    if let (false, RefOr::T(r)) = (status.starts_with('2'), response)
                        && let Some(c) = r.content.shift_remove("application/json")
                    {
                        r.content.insert(PROBLEM.to_owned(), c);
                    }
                }
                let mut common =
                    vec![("500", "Internal error (logged; the body says nothing more)")];
                if op.security.is_some() {
                    common.push(("401", "No valid staff token"));
                    common.push(("403", "The role or municipality does not allow this"));
                }
                if op.parameters.as_ref().is_some_and(|p| !p.is_empty()) {
                    common.push(("422", "Invalid path or query parameter"));
                }
                if op.request_body.is_some() {
                    common.push(("400", "Malformed JSON body"));
                    common.push(("413", "Body larger than the limit"));
                    common.push(("415", "Body not sent as application/json"));
                    common.push(("422", "Invalid input: every bad field is listed"));
                }
                for (status, description) in common {
                    responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem(description));
                }
            }
        }
    }
}

/// The OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The whole HTTP interface.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/v1/residents", post(residents::register))
        .route("/api/v1/residents/search", post(residents::search))
        .route("/api/v1/residents/{resident_code}", get(residents::get))
        .route(
            "/api/v1/residents/{resident_code}/procedures",
            post(residents::procedure),
        )
        .route(
            "/api/v1/residents/{resident_code}/individual-number",
            post(residents::read_number),
        )
        .route("/api/v1/individual-numbers/lookup", post(residents::lookup))
        .route(
            "/api/v1/residents/{resident_code}/number-changes",
            post(number_changes::request),
        )
        .route(
            "/api/v1/number-changes/{id}/approve",
            post(number_changes::approve),
        )
        .route(
            "/api/v1/number-changes/{id}/reject",
            post(number_changes::reject),
        )
        .route("/api/v1/staff", post(admin::add_staff))
        .route("/api/v1/ledger/verify", get(admin::verify))
        .route("/api/v1/ledger/{partition}", get(admin::entries))
        .route("/api/v1/ledger/public-key", get(admin::public_key))
        .route("/api/v1/ledger/checkpoints", post(admin::create_checkpoint))
        .route(
            "/api/v1/ledger/checkpoints/latest",
            get(admin::latest_checkpoint),
        )
        .route(
            "/api/v1/residents/{resident_code}/resident-record",
            post(documents::issue),
        )
        .route("/api/v1/documents/public-key", get(documents::public_key))
        .route(
            "/api/v1/documents/verify",
            post(documents::verify).layer(DefaultBodyLimit::max(DOCUMENT_LIMIT)),
        )
        .route("/api/v1/documents/{code}", get(documents::by_code))
        .route("/api/v1/notices", get(documents::list))
        .route(
            "/api/v1/notices/{application_id}/outcome",
            post(documents::outcome),
        )
        .route(
            "/api/v1/municipalities/{municipality_code}/name",
            axum::routing::put(documents::name_municipality),
        )
        .route(
            "/api/v1/residents/{resident_code}/certificates",
            post(certificates::issue).get(certificates::list),
        )
        .route(
            "/api/v1/residents/{resident_code}/certificates/suspend",
            post(certificates::suspend),
        )
        .route(
            "/api/v1/residents/{resident_code}/certificates/resume",
            post(certificates::resume),
        )
        .route(
            "/api/v1/residents/{resident_code}/certificates/revoke",
            post(certificates::revoke_all),
        )
        .route(
            "/api/v1/certificates/{serial}/revoke",
            post(certificates::revoke),
        )
        .route(
            "/api/v1/residents/{resident_code}/card-applications",
            post(cards::apply).layer(DefaultBodyLimit::max(CARD_LIMIT)),
        )
        .route("/api/v1/residents/{resident_code}/cards", get(cards::list))
        .route(
            "/api/v1/card-applications/{id}/production",
            post(cards::produce),
        )
        .route(
            "/api/v1/cards/{serial}/hand-over",
            post(cards::hand_over).layer(DefaultBodyLimit::max(CARD_LIMIT)),
        )
        .route("/api/v1/cards/{serial}/suspend", post(cards::suspend))
        .route(
            "/api/v1/cards/{serial}/resume",
            post(cards::resume).layer(DefaultBodyLimit::max(CARD_LIMIT)),
        )
        .route(
            "/api/v1/cards/{serial}/pin-reset",
            post(cards::reset_pin).layer(DefaultBodyLimit::max(CARD_LIMIT)),
        )
        .route("/api/v1/cards/{serial}/end", post(cards::end))
        .route("/api/v1/cards/{serial}/extension", post(cards::extend))
        .route(
            "/api/v1/cards/{serial}/issue-notice",
            post(cards::issue_notice),
        )
        .route("/pki/{kind}/ca", get(certificates::ca))
        .route("/pki/{kind}/crl", get(certificates::crl))
        .route("/pki/ocsp", post(certificates::ocsp_post))
        .route("/pki/ocsp/{*request}", get(certificates::ocsp_get))
        .route("/verify", get(documents::page))
        .route("/verify/{code}", get(documents::page))
        .route("/api/openapi.json", get(|| async { Json(openapi()) }))
        .route("/healthz", get(|| async { "ok" }))
        .route("/", get(landing))
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .with_state(state);
    Router::new()
        .merge(SwaggerUi::new("/api/docs"))
        .merge(api)
        .fallback(|| async { ApiError::no_route() })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TraceLayer::new_for_http())
}

async fn landing() -> Html<&'static str> {
    Html(include_str!("landing.html"))
}
