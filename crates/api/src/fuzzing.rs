//! Entry points for the fuzz targets (`fuzz/`): every JSON body the API reads, decoded as its
//! handler would, and the message a refusal would carry; and what the staff screens read from a
//! request (cookies, languages, forms). Not part of the API.

use serde::de::DeserializeOwned;

/// Decodes `bytes` as every request body and query type; a body that fails must fail without a
/// panic and with a message that quotes no Individual Number.
pub fn json_bodies(bytes: &[u8]) {
    use crate::{cards, certificates, documents, dto, number_changes, staff};
    body::<cards::ApplicationRequest>(bytes);
    body::<cards::HandOverRequest>(bytes);
    body::<cards::ResumeRequest>(bytes);
    body::<cards::CertifyRequest>(bytes);
    body::<cards::AmendRequest>(bytes);
    body::<cards::PinResetRequest>(bytes);
    body::<cards::EndRequest>(bytes);
    body::<certificates::IssueRequest>(bytes);
    body::<certificates::RevokeRequest>(bytes);
    body::<documents::ResidentRecordRequest>(bytes);
    body::<documents::OutcomeRequest>(bytes);
    body::<documents::MunicipalityNameBody>(bytes);
    body::<dto::ProcedureRequest>(bytes);
    body::<dto::SearchRequest>(bytes);
    body::<dto::PurposeRequest>(bytes);
    body::<dto::NumberLookupRequest>(bytes);
    body::<number_changes::NumberChangeRequestBody>(bytes);
    body::<staff::StaffRequest>(bytes);
    body::<staff::TokenRequest>(bytes);
    body::<crate::organisations::OrganisationRequest>(bytes);
    body::<crate::organisations::PurposeRequest>(bytes);
    body::<crate::organisations::EventRequest>(bytes);
    body::<crate::organisations::KeyRequest>(bytes);
    body::<crate::collections::CollectRequest>(bytes);
    body::<crate::collections::EndRequest>(bytes);
    body::<crate::seals::SealRequest>(bytes);
    body::<crate::seals::SealEndRequest>(bytes);
    body::<crate::kiosks::TerminalRequest>(bytes);
    body::<crate::kiosks::TerminalEventRequest>(bytes);
    body::<crate::kiosks::CardAnswerRequest>(bytes);
    body::<crate::kiosks::OrderRequest>(bytes);
    body::<crate::kiosks::PaymentRequest>(bytes);
    body::<crate::kiosks::PrintedRequest>(bytes);
    body::<crate::kiosks::StepRequest>(bytes);
    body::<crate::exchange::UnitRequest>(bytes);
    body::<crate::exchange::CodesRequest>(bytes);
    body::<crate::exchange::CopiesRequest>(bytes);
    body::<crate::exchange::NoticeRequest>(bytes);
    // An exchange request's header, as its door reads it.
    let _ = crate::exchange::request_kid(bytes);
    // A municipality's rule table, read and checked as the door does.
    if let (Ok(rules), Ok(code)) = (
        serde_json::from_slice::<crate::kiosks::KioskRulesBody>(bytes),
        mynumber_core::MunicipalityCode::parse("131041"),
    ) && let Ok(table) = rules.to_table(code)
    {
        let _ = table.problems();
    }
    // A terminal's signed request, as its guard reads it (the signature is checked later).
    if let Ok(jws) = std::str::from_utf8(bytes)
        .map_err(|_| ())
        .and_then(|t| mynumber_pki::jose::split(t).map_err(|_| ()))
    {
        let _ = crate::kiosks::read_envelope(&jws.header, &jws.payload);
    }
    let _ = crate::kiosks::read_envelope(bytes, bytes);
    crate::oauth::fuzz_token(bytes);
    body::<crate::oidc::CardAnswer>(bytes);
    body::<crate::organisations::ClientRequest>(bytes);
    body::<crate::organisations::PlatformRequest>(bytes);
    crate::oidc::fuzz_oidc(bytes);
    body::<crate::signing::SignTransactionRequest>(bytes);
    body::<crate::signing::VerifyRequest>(bytes);
    body::<crate::signing::LatestFourRequest>(bytes);
    // A registration's resident, as the handler turns it into the core's input and validates it.
    if let Some(r) = body::<dto::RegisterRequest>(bytes) {
        let input = r.resident.into_input();
        let today = jiff::civil::date(2026, 12, 3);
        let _ = mynumber_core::ResidentRecord::validate(
            &input,
            mynumber_core::HouseholdId::from_random([1; 16]),
            today,
        );
    }
}

/// Reads `bytes` as the staff screens read a request: cookies, `Accept-Language`, the origin
/// headers and every form body (see `web::fuzz_desk`).
pub fn desk_requests(bytes: &[u8]) {
    crate::web::fuzz_desk(bytes);
}

fn body<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    match serde_json::from_slice::<T>(bytes) {
        Ok(v) => Some(v),
        Err(e) => {
            let message = crate::error::redact_values(&e.to_string());
            assert!(
                !has_digit_run(&message, 12),
                "a refusal quotes 12 digits: {message}"
            );
            None
        }
    }
}

fn has_digit_run(s: &str, n: usize) -> bool {
    let mut run = 0;
    for c in s.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run >= n {
            return true;
        }
    }
    false
}
