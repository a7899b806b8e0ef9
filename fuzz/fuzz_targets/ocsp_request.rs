//! OCSP requests as relying parties send them: parsed, checked against the responder, answered.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mynumber_pki::{Authority, Hierarchy, KeyPair, ParsedRequest, PkiConfig, Responder, Status};

fn responder() -> &'static Responder {
    static RESPONDER: OnceLock<Responder> = OnceLock::new();
    RESPONDER.get_or_init(|| {
        let now: jiff::Timestamp = "2026-12-01T03:00:00Z".parse().expect("a time");
        let config = PkiConfig::with_url("http://127.0.0.1:8080");
        let key = || KeyPair::generate_for(&mynumber_pki::PKCS_ECDSA_P256_SHA256).expect("a key");
        let ca = Authority::create(Hierarchy::Signature, &config, key(), [3; 16], now, 10)
            .expect("an authority");
        Responder::new(&ca, &config, key(), [4; 16], now, 30).expect("a responder")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(request) = ParsedRequest::parse(data) else {
        return;
    };
    let _ = request.has_nonce();
    let responder = responder();
    if responder.answers(&request) {
        let now: jiff::Timestamp = "2026-12-02T03:00:00Z".parse().expect("a time");
        let _ = responder.respond(
            &request,
            |_| Status::Good,
            now,
            now + jiff::SignedDuration::from_hours(1),
        );
    }
});
