//! mynumber-api: the HTTP interface. JSON API with an OpenAPI document and a reference page,
//! RFC 9457 problems for every error, bearer tokens for staff, and a landing page.
//!
//! Only this crate knows HTTP. Individual Numbers travel only in request and response bodies,
//! never in URLs, so access logs cannot capture them.

mod admin;
mod cards;
mod certificates;
mod collections;
mod documents;
mod doors;
mod dto;
mod error;
mod exchange;
mod extract;
#[doc(hidden)]
pub mod fuzzing;
mod hardening;
mod imports;
mod kiosks;
mod number_changes;
mod oauth;
mod oidc;
mod organisations;
mod residents;
mod seals;
mod serve;
mod signing;
mod staff;
mod web;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{Json, Router};
use doors::Doors;
use mynumber_app::App;
use mynumber_core::Action;
use tower_http::trace::TraceLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

pub use doors::{Access, Door, Throttle};
pub use error::{ApiError, FieldProblem, Problem};
pub use extract::{AppJson, AppPath, AppQuery, Authenticated};
pub use hardening::{Limits, harden};
pub use oidc::{AppChallenge, app_answer, problem_text, read_app_challenge};
pub use serve::{TlsError, TlsFiles, acceptor, serve};

/// Request bodies above this many bytes are refused with 413.
pub const BODY_LIMIT: usize = 64 * 1024;

/// A document file sent for verification may be this large (a copy of the resident record with
/// a large household is a few hundred kilobytes).
pub const DOCUMENT_LIMIT: usize = 4 * 1024 * 1024;
/// The largest scan of a print's back taken (`mynumber_app::MAX_SCAN_MIB`).
pub const SCAN_LIMIT: usize = mynumber_app::MAX_SCAN_MIB * 1024 * 1024;

/// Signatures the verification service checks at once; one more is answered 503 at once. Taken
/// once the caller is known and its body read, so that a slow upload holds no place.
pub const VERIFY_AT_ONCE: usize = 4;

/// A card application (a photo of up to 7 MB, base64) or a card file may be this large.
pub const CARD_LIMIT: usize = 10 * 1024 * 1024;

/// A register file uploaded for import may be this large (about 1.5 million rows of the
/// README's columns); a larger register is sent in several files, each split between
/// households.
pub const IMPORT_LIMIT: usize = 256 * 1024 * 1024;

/// What every handler gets.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The use cases.
    pub app: App,
    /// Failed authentications per client.
    pub throttle: Throttle,
    /// The server sits behind a proxy on this host (`--plain-http-behind-proxy`): the client
    /// is the address the proxy appended last to `X-Forwarded-For`, not the proxy itself.
    pub behind_proxy: bool,
}

impl AppState {
    /// The state for `app`, with no failures counted yet.
    pub fn new(app: App) -> Self {
        Self {
            app,
            throttle: Throttle::default(),
            behind_proxy: false,
        }
    }
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
        residents::read_number, residents::lookup, imports::import,
        staff::add, staff::list, staff::me, staff::rotate, staff::issue_token,
        staff::revoke_token, staff::disable, staff::enable,
        admin::verify, admin::entries, admin::public_key,
        admin::latest_checkpoint, admin::create_checkpoint,
        number_changes::request, number_changes::approve, number_changes::reject,
        documents::issue, documents::by_code, documents::verify, documents::verify_back, documents::public_key,
        documents::outcome, documents::list, documents::name_municipality,
        certificates::issue, certificates::list, certificates::revoke, certificates::ca,
        certificates::crl, certificates::ocsp_post, certificates::ocsp_get, certificates::suspend,
        certificates::resume, certificates::revoke_all,
        cards::apply, cards::list, cards::produce, cards::hand_over, cards::suspend, cards::resume, cards::certify, cards::amend,
        cards::reset_pin, cards::end, cards::extend, cards::issue_notice,
        organisations::register, organisations::list, organisations::get, organisations::event,
        organisations::add_purpose, organisations::withdraw_purpose, organisations::add_key,
        organisations::put_client, organisations::put_platform,
        organisations::revoke_key, collections::collect, collections::end, collections::due,
        collections::deletion,
        signing::start, signing::result, signing::verify, signing::latest_four,
        seals::register, seals::change, seals::end, seals::get, seals::impression,
        kiosks::register, kiosks::list, kiosks::event, kiosks::start, kiosks::card, kiosks::order, kiosks::payment, kiosks::printed,
        kiosks::document, kiosks::settlement, kiosks::rules, kiosks::set_rules,
        exchange::register_unit, exchange::units, exchange::permissions, exchange::items,
        exchange::codes, exchange::put_copies, exchange::put_copies_csv, exchange::request,
        exchange::records, exchange::check_receipt, exchange::send_notice,
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
        (name = "organisations", description = "事業者: organisations outside the municipalities, their roles and lawful purposes"),
        (name = "kiosks", description = "コンビニ交付: kiosk terminals registered under their chains, and their signed sessions"),
        (name = "seals", description = "印鑑登録: the seal register, its registration cards, changes and ends"),
        (name = "signing", description = "署名: residents sign with the card for 署名検証者, and their signatures are verified"),
        (name = "exchange", description = "情報提供ネットワークシステム: agencies' units and codes, copies on their intermediate servers, signed exchanges under the permission table, and the 第23条 records"),
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
                    common.push((
                        "429",
                        "Too many refused tokens from this client; see Retry-After",
                    ));
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
    build(state).0
}

/// The whole HTTP interface and the list of its doors, each with the access it requires: built
/// by the same calls, so a route cannot exist without its policy.
pub fn build(state: AppState) -> (Router, Vec<Door>) {
    use Action as A;
    use axum::http::Method as M;
    use axum::routing::put;
    let p = Access::Policy;
    let public = Access::Public;
    let card_body = DefaultBodyLimit::max(CARD_LIMIT);
    let api_doors = Doors::new(state)
        // 住民基本台帳 and numbers.
        .door(
            M::POST,
            "/api/v1/residents",
            p(A::RegisterResident),
            post(residents::register),
        )
        .door(
            M::POST,
            "/api/v1/residents/import",
            p(A::ImportRecords),
            post(imports::import).layer(DefaultBodyLimit::max(IMPORT_LIMIT)),
        )
        .door(
            M::POST,
            "/api/v1/residents/search",
            p(A::SearchRecords),
            post(residents::search),
        )
        .door(
            M::GET,
            "/api/v1/residents/{resident_code}",
            p(A::ReadRecord),
            get(residents::get),
        )
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/procedures",
            p(A::RecordProcedure),
            post(residents::procedure),
        )
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/individual-number",
            p(A::ReadNumber),
            post(residents::read_number),
        )
        .door(
            M::POST,
            "/api/v1/individual-numbers/lookup",
            p(A::LookupNumber),
            post(residents::lookup),
        )
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/number-changes",
            p(A::RequestNumberChange),
            post(number_changes::request),
        )
        .door(
            M::POST,
            "/api/v1/number-changes/{id}/approve",
            p(A::DecideNumberChange),
            post(number_changes::approve),
        )
        .door(
            M::POST,
            "/api/v1/number-changes/{id}/reject",
            p(A::DecideNumberChange),
            post(number_changes::reject),
        )
        // コンビニ交付: the chains' terminals, and the terminals' own signed doors.
        .door(
            M::POST,
            "/api/v1/organisations/{organisation_id}/terminals",
            p(A::ManageOrganisations),
            post(kiosks::register),
        )
        .door(
            M::GET,
            "/api/v1/organisations/{organisation_id}/terminals",
            p(A::ReadOrganisations),
            get(kiosks::list),
        )
        .door(
            M::POST,
            "/api/v1/terminals/{terminal_id}/events",
            p(A::ManageOrganisations),
            post(kiosks::event),
        )
        .door(
            M::POST,
            "/api/kiosk/v1/sessions",
            Access::Kiosk(A::RunKioskSession),
            post(kiosks::start),
        )
        .door(
            M::POST,
            "/api/kiosk/v1/sessions/{session_id}/card",
            Access::Kiosk(A::RunKioskSession),
            post(kiosks::card),
        )
        .door(
            M::POST,
            "/api/kiosk/v1/sessions/{session_id}/order",
            Access::Kiosk(A::RunKioskSession),
            post(kiosks::order),
        )
        .door(
            M::POST,
            "/api/kiosk/v1/sessions/{session_id}/payment",
            Access::Kiosk(A::RunKioskSession),
            post(kiosks::payment),
        )
        .door(
            M::POST,
            "/api/kiosk/v1/sessions/{session_id}/printed",
            Access::Kiosk(A::RunKioskSession),
            post(kiosks::printed),
        )
        .door(
            M::POST,
            "/api/kiosk/v1/sessions/{session_id}/document",
            Access::Kiosk(A::RunKioskSession),
            post(kiosks::document),
        )
        .door(
            M::GET,
            "/api/v1/kiosk-settlements/{date}",
            p(A::ReadOrganisations),
            get(kiosks::settlement),
        )
        // 印鑑登録.
        .door(
            M::GET,
            "/api/v1/residents/{resident_code}/seal",
            p(A::ReadRecord),
            get(seals::get),
        )
        .door(
            M::GET,
            "/api/v1/residents/{resident_code}/seal/impression",
            p(A::ReadRecord),
            get(seals::impression),
        )
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/seal",
            p(A::RegisterSeal),
            post(seals::register).layer(DefaultBodyLimit::max(seals::SEAL_LIMIT)),
        )
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/seal/change",
            p(A::RegisterSeal),
            post(seals::change).layer(DefaultBodyLimit::max(seals::SEAL_LIMIT)),
        )
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/seal/end",
            p(A::EndSeal),
            post(seals::end),
        )
        // Staff and their credentials. Revoking a token is open to every staff member at the
        // door (their own); the use case asks the policy about anyone else's.
        .door(M::GET, "/api/v1/staff", p(A::ListStaff), get(staff::list))
        .door(M::POST, "/api/v1/staff", p(A::AddStaff), post(staff::add))
        .door(
            M::GET,
            "/api/v1/staff/me",
            p(A::OwnCredentials),
            get(staff::me),
        )
        .door(
            M::POST,
            "/api/v1/staff/me/rotate",
            p(A::OwnCredentials),
            post(staff::rotate),
        )
        .door(
            M::POST,
            "/api/v1/staff/{staff_id}/tokens",
            p(A::IssueToken),
            post(staff::issue_token),
        )
        .door(
            M::POST,
            "/api/v1/staff/{staff_id}/tokens/{credential_id}/revoke",
            p(A::OwnCredentials),
            post(staff::revoke_token),
        )
        .door(
            M::POST,
            "/api/v1/staff/{staff_id}/disable",
            p(A::DisableStaff),
            post(staff::disable),
        )
        .door(
            M::POST,
            "/api/v1/staff/{staff_id}/enable",
            p(A::DisableStaff),
            post(staff::enable),
        )
        // The ledger.
        .door(
            M::GET,
            "/api/v1/ledger/verify",
            p(A::ReadLedger),
            get(admin::verify),
        )
        .door(
            M::GET,
            "/api/v1/ledger/{partition}",
            p(A::ReadLedger),
            get(admin::entries),
        )
        .door(
            M::GET,
            "/api/v1/ledger/public-key",
            public,
            get(admin::public_key),
        )
        .door(
            M::POST,
            "/api/v1/ledger/checkpoints",
            p(A::SignCheckpoint),
            post(admin::create_checkpoint),
        )
        .door(
            M::GET,
            "/api/v1/ledger/checkpoints/latest",
            p(A::ReadCheckpoint),
            get(admin::latest_checkpoint),
        )
        // Documents and letters.
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/resident-record",
            p(A::IssueResidentRecord),
            post(documents::issue),
        )
        .door(
            M::GET,
            "/api/v1/documents/public-key",
            public,
            get(documents::public_key),
        )
        .door(
            M::POST,
            "/api/v1/documents/verify",
            public,
            post(documents::verify).layer(DefaultBodyLimit::max(DOCUMENT_LIMIT)),
        )
        .door(
            M::POST,
            "/api/v1/documents/verify-back",
            public,
            post(documents::verify_back).layer(DefaultBodyLimit::max(SCAN_LIMIT)),
        )
        .door(
            M::GET,
            "/api/v1/documents/{code}",
            public,
            get(documents::by_code),
        )
        .door(
            M::GET,
            "/api/v1/notices",
            p(A::ReadNotices),
            get(documents::list),
        )
        .door(
            M::POST,
            "/api/v1/notices/{application_id}/outcome",
            p(A::PrintNotices),
            post(documents::outcome),
        )
        .door(
            M::PUT,
            "/api/v1/municipalities/{municipality_code}/name",
            p(A::NameMunicipality),
            put(documents::name_municipality),
        )
        .door(
            M::PUT,
            "/api/v1/municipalities/{municipality_code}/kiosk-rules",
            p(A::SetKioskRules),
            put(kiosks::set_rules),
        )
        .door(
            M::GET,
            "/api/v1/municipalities/{municipality_code}/kiosk-rules",
            public,
            get(kiosks::rules),
        )
        // Organisations and their purposes (issue 12).
        .door(
            M::GET,
            "/api/v1/organisations",
            p(A::ReadOrganisations),
            get(organisations::list),
        )
        .door(
            M::POST,
            "/api/v1/organisations",
            p(A::ManageOrganisations),
            post(organisations::register),
        )
        .door(
            M::GET,
            "/api/v1/organisations/{organisation_id}",
            p(A::ReadOrganisations),
            get(organisations::get),
        )
        .door(
            M::POST,
            "/api/v1/organisations/{organisation_id}/events",
            p(A::ManageOrganisations),
            post(organisations::event),
        )
        .door(
            M::POST,
            "/api/v1/organisations/{organisation_id}/purposes",
            p(A::ManageOrganisations),
            post(organisations::add_purpose),
        )
        .door(
            M::POST,
            "/api/v1/organisations/{organisation_id}/purposes/{purpose}/withdraw",
            p(A::ManageOrganisations),
            post(organisations::withdraw_purpose),
        )
        .door(
            M::POST,
            "/api/v1/organisations/{organisation_id}/keys",
            p(A::ManageOrganisations),
            post(organisations::add_key),
        )
        .door(
            M::PUT,
            "/api/v1/organisations/{organisation_id}/client",
            p(A::ManageOrganisations),
            put(organisations::put_client),
        )
        .door(
            M::PUT,
            "/api/v1/organisations/{organisation_id}/platform",
            p(A::ManageOrganisations),
            put(organisations::put_platform),
        )
        .door(
            M::POST,
            "/api/v1/organisations/{organisation_id}/keys/{kid}/revoke",
            p(A::ManageOrganisations),
            post(organisations::revoke_key),
        )
        // An organisation's own doors: its token (RFC 7523), its collections.
        .door(M::POST, "/api/v1/oauth/token", public, post(oauth::token))
        .door(
            M::POST,
            "/api/v1/collections",
            p(A::CollectNumber),
            post(collections::collect),
        )
        .door(
            M::GET,
            "/api/v1/collections/due",
            p(A::ManageCollections),
            get(collections::due),
        )
        .door(
            M::POST,
            "/api/v1/collections/{collection_id}/end",
            p(A::ManageCollections),
            post(collections::end),
        )
        .door(
            M::POST,
            "/api/v1/collections/{collection_id}/deletion",
            p(A::ManageCollections),
            post(collections::deletion),
        )
        // The exchange network (docs/design/exchange.md): units registered by an
        // administrator; the table, the items and the units' keys public; the rest an
        // agency's own acts.
        .door(
            M::POST,
            "/api/v1/organisations/{organisation_id}/units",
            p(A::ManageOrganisations),
            post(exchange::register_unit),
        )
        .door(
            M::GET,
            "/api/v1/exchange/units",
            public,
            get(exchange::units),
        )
        .door(
            M::GET,
            "/api/v1/exchange/permissions",
            public,
            get(exchange::permissions),
        )
        .door(
            M::GET,
            "/api/v1/exchange/items",
            public,
            get(exchange::items),
        )
        .door(
            M::POST,
            "/api/v1/exchange/codes",
            p(A::ObtainAgencyCodes),
            post(exchange::codes),
        )
        .door(
            M::PUT,
            "/api/v1/exchange/copies",
            p(A::ManageCopies),
            put(exchange::put_copies).layer(DefaultBodyLimit::max(exchange::COPIES_LIMIT)),
        )
        .door(
            M::PUT,
            "/api/v1/exchange/copies.csv",
            p(A::ManageCopies),
            put(exchange::put_copies_csv).layer(DefaultBodyLimit::max(exchange::COPIES_LIMIT)),
        )
        .door(
            M::POST,
            "/api/v1/exchange/requests",
            p(A::RequestExchange),
            post(exchange::request).layer(DefaultBodyLimit::max(exchange::REQUEST_LIMIT)),
        )
        .door(
            M::POST,
            "/api/v1/exchange/notices",
            p(A::SendNotice),
            post(exchange::send_notice),
        )
        .door(
            M::POST,
            "/api/v1/history-receipts/check",
            public,
            post(exchange::check_receipt).layer(DefaultBodyLimit::max(exchange::RECEIPT_LIMIT)),
        )
        .door(
            M::GET,
            "/api/v1/exchange/records",
            p(A::ReadExchangeRecords),
            get(exchange::records),
        )
        // Log-in with the card: the OpenID Connect provider (docs/design/oidc.md), on the
        // Agency's paths. The browser's and the app's doors are public: a log-in's id is
        // unguessable, and the card's signature is what proves the resident.
        .door(
            M::GET,
            "/.well-known/openid-configuration",
            public,
            get(oidc::discovery),
        )
        .door(
            M::GET,
            "/api/realms/main/.well-known/openid-configuration",
            public,
            get(oidc::discovery),
        )
        .door(
            M::GET,
            "/api/realms/main/protocol/openid-connect/certs",
            public,
            get(oidc::certs),
        )
        .door(
            M::GET,
            "/api/realms/main/protocol/openid-connect/auth",
            public,
            get(web::login::authorize),
        )
        .door(
            M::POST,
            "/api/realms/main/protocol/openid-connect/auth",
            public,
            post(web::login::authorize_post),
        )
        .door(
            M::GET,
            "/api/realms/main/protocol/openid-connect/login/{login_id}",
            public,
            get(web::login::show),
        )
        .door(
            M::POST,
            "/api/realms/main/protocol/openid-connect/login/{login_id}",
            public,
            post(web::login::decide),
        )
        .door(
            M::GET,
            "/api/realms/main/protocol/openid-connect/login/{login_id}/status",
            public,
            get(web::login::status),
        )
        .door(
            M::GET,
            "/api/realms/main/protocol/openid-connect/login/{login_id}/card",
            public,
            get(oidc::card_challenge),
        )
        .door(
            M::POST,
            "/api/realms/main/protocol/openid-connect/login/{login_id}/card",
            public,
            post(oidc::card_answer).layer(card_body),
        )
        .door(
            M::POST,
            "/api/realms/main/protocol/openid-connect/token",
            public,
            post(oidc::token),
        )
        .door(
            M::GET,
            "/api/realms/main/protocol/openid-connect/userinfo",
            p(A::ReadConsentedItems),
            get(oidc::userinfo),
        )
        .door(
            M::POST,
            "/api/realms/main/protocol/openid-connect/userinfo",
            p(A::ReadConsentedItems),
            post(oidc::userinfo),
        )
        // 自己情報取得API (docs/design/portal.md): an app reads what the resident granted it.
        .door(
            M::GET,
            "/api/v1/self-information/{item}",
            p(A::ReadSelfInformation),
            get(oidc::self_information),
        )
        // Signing with the card (docs/design/signing.md): the Agency's paths for the
        // transaction and its result; ours for the verification service.
        .door(
            M::POST,
            "/api/sign-transactions",
            p(A::RequestSignature),
            post(signing::start),
        )
        .door(
            M::GET,
            "/api/sign-transactions/{sign_transaction_id}/result",
            p(A::ReadSignature),
            get(signing::result),
        )
        .door(
            M::POST,
            "/api/v1/signatures/verify",
            p(A::VerifySignature),
            // A CMS and its content are copied a few times on the way (the body, the JSON,
            // base64, the check): a smaller bound than the card's; the handler checks a few at
            // once (signing::VERIFYING).
            post(signing::verify).layer(DefaultBodyLimit::max(DOCUMENT_LIMIT)),
        )
        .door(
            M::POST,
            "/api/v1/latest-four",
            p(A::ReadLatestFour),
            post(signing::latest_four),
        )
        .door(
            M::GET,
            "/api/realms/main/protocol/openid-connect/logout",
            public,
            get(web::login::logout),
        )
        // Certificates.
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/certificates",
            p(A::IssueCertificateException),
            post(certificates::issue),
        )
        .door(
            M::GET,
            "/api/v1/residents/{resident_code}/certificates",
            p(A::ReadRecord),
            get(certificates::list),
        )
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/certificates/suspend",
            p(A::ManageCertificates),
            post(certificates::suspend),
        )
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/certificates/resume",
            p(A::ManageCertificates),
            post(certificates::resume),
        )
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/certificates/revoke",
            p(A::ManageCertificates),
            post(certificates::revoke_all),
        )
        .door(
            M::POST,
            "/api/v1/certificates/{serial}/revoke",
            p(A::ManageCertificates),
            post(certificates::revoke),
        )
        // Cards.
        .door(
            M::POST,
            "/api/v1/residents/{resident_code}/card-applications",
            p(A::ApplyCard),
            post(cards::apply).layer(card_body),
        )
        .door(
            M::GET,
            "/api/v1/residents/{resident_code}/cards",
            p(A::ReadRecord),
            get(cards::list),
        )
        .door(
            M::POST,
            "/api/v1/card-applications/{id}/production",
            p(A::ProduceCard),
            post(cards::produce),
        )
        .door(
            M::POST,
            "/api/v1/cards/{serial}/hand-over",
            p(A::HandOverCard),
            post(cards::hand_over).layer(card_body),
        )
        .door(
            M::POST,
            "/api/v1/cards/{serial}/suspend",
            p(A::SuspendCard),
            post(cards::suspend),
        )
        .door(
            M::POST,
            "/api/v1/cards/{serial}/resume",
            p(A::ResumeCard),
            post(cards::resume).layer(card_body),
        )
        .door(
            M::POST,
            "/api/v1/cards/{serial}/amendment",
            p(A::AmendCard),
            post(cards::amend).layer(card_body),
        )
        .door(
            M::POST,
            "/api/v1/cards/{serial}/certificates",
            p(A::CertifyCard),
            post(cards::certify).layer(card_body),
        )
        .door(
            M::POST,
            "/api/v1/cards/{serial}/pin-reset",
            p(A::ResetCardPin),
            post(cards::reset_pin).layer(card_body),
        )
        .door(
            M::POST,
            "/api/v1/cards/{serial}/end",
            p(A::EndCard),
            post(cards::end),
        )
        .door(
            M::POST,
            "/api/v1/cards/{serial}/extension",
            p(A::ExtendCard),
            post(cards::extend).layer(card_body),
        )
        .door(
            M::POST,
            "/api/v1/cards/{serial}/issue-notice",
            p(A::PrintCardNotices),
            post(cards::issue_notice),
        )
        // What relying parties and anyone holding a document need.
        .door(M::GET, "/pki/{kind}/ca", public, get(certificates::ca))
        .door(M::GET, "/pki/{kind}/crl", public, get(certificates::crl))
        .door(M::POST, "/pki/ocsp", public, post(certificates::ocsp_post))
        .door(
            M::GET,
            "/pki/ocsp/{*request}",
            public,
            get(certificates::ocsp_get),
        )
        .door(M::GET, "/verify", public, get(web::public::verify))
        .door(M::GET, "/verify/{code}", public, get(web::public::verify))
        .door(
            M::POST,
            "/verify/back",
            public,
            post(web::public::verify_back).layer(DefaultBodyLimit::max(SCAN_LIMIT + 64 * 1024)),
        )
        // The resident's portal (docs/design/portal.md): its first page and the log-in with
        // the card are public (the log-in's id is unguessable and bound to its browser); the
        // rest needs the portal's session.
        .door(M::GET, "/portal", public, get(web::portal::home))
        .door(M::POST, "/portal/login", public, post(web::portal::begin))
        .door(
            M::GET,
            "/portal/login/{login_id}",
            public,
            get(web::portal::login_page),
        )
        .door(
            M::POST,
            "/portal/login/{login_id}",
            public,
            post(web::portal::finish),
        )
        .door(
            M::GET,
            "/portal/login/{login_id}/status",
            public,
            get(web::portal::login_status),
        )
        .door(
            M::GET,
            "/portal/login/{login_id}/card",
            public,
            get(web::portal::card_challenge),
        )
        .door(
            M::POST,
            "/portal/login/{login_id}/card",
            public,
            post(web::portal::card_answer),
        )
        .door(M::POST, "/portal/logout", public, post(web::portal::logout))
        .door(
            M::POST,
            "/portal/card/suspend",
            Access::Portal(A::SuspendCard),
            post(web::portal::suspend),
        )
        .door(
            M::GET,
            "/portal/notices",
            Access::Portal(A::ReadOwnHistory),
            get(web::portal::notices),
        )
        .door(
            M::GET,
            "/portal/notices/{notice_id}",
            Access::Portal(A::ReadOwnHistory),
            get(web::portal::notice),
        )
        .door(
            M::GET,
            "/portal/consents",
            Access::Portal(A::ReadOwnHistory),
            get(web::portal::consents),
        )
        .door(
            M::POST,
            "/portal/consents/withdraw",
            Access::Portal(A::ManageOwnChoices),
            post(web::portal::withdraw),
        )
        .door(
            M::POST,
            "/portal/apps/withdraw",
            Access::Portal(A::ManageOwnChoices),
            post(web::portal::withdraw_app),
        )
        .door(
            M::POST,
            "/portal/letters",
            Access::Portal(A::ManageOwnChoices),
            post(web::portal::letters),
        )
        .door(
            M::GET,
            "/portal/data",
            Access::Portal(A::ReadOwnHistory),
            get(web::portal::data),
        )
        .door(
            M::GET,
            "/portal/exchanges",
            Access::Portal(A::ReadOwnHistory),
            get(web::portal::exchanges),
        )
        .door(
            M::GET,
            "/portal/access",
            Access::Portal(A::ReadOwnHistory),
            get(web::portal::access),
        )
        .door(
            M::GET,
            "/portal/access/receipt",
            Access::Portal(A::ReadOwnHistory),
            get(web::portal::receipt),
        )
        .door(
            M::POST,
            "/portal/access/check",
            Access::Portal(A::ReadOwnHistory),
            post(web::portal::check)
                .layer(DefaultBodyLimit::max(exchange::RECEIPT_LIMIT + 64 * 1024)),
        )
        .door(
            M::GET,
            "/api/openapi.json",
            public,
            get(|| async { Json(openapi()) }),
        )
        .door(M::GET, "/healthz", public, get(|| async { "ok" }))
        .door(M::GET, "/", public, get(web::public::home))
        .door(M::GET, "/developers", public, get(web::public::developers))
        .public_elsewhere(M::GET, "/api/docs/{*rest}");
    // The staff screens (web/): their doors go through the same list and the same policy.
    let (api, doors) = web::routes(api_doors).finish();
    let router = Router::new()
        .merge(SwaggerUi::new("/api/docs"))
        .merge(api)
        .fallback(|| async { ApiError::no_route() })
        // Every problem speaks its reader's language (error.rs).
        .layer(axum::middleware::from_fn(error::with_reader))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TraceLayer::new_for_http());
    (router, doors)
}
