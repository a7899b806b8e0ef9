//! JOSE from outside: a compact JWS (a client's signed assertion, later an ID token presented
//! back), its base64url parts, and a JWK's coordinates.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mynumber_pki::jose::parse_for_fuzzing(data);
});
