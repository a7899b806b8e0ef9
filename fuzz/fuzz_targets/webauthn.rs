//! Passkeys' bytes from outside: an attestation object and authenticator data, as a browser
//! sends them at registration and at sign-in (CBOR, authenticator data, COSE keys).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mynumber_pki::webauthn::parse_for_fuzzing(data);
});
