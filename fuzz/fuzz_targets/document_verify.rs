//! Documents sent to the verify page: any file is either a genuine signed document of this key
//! or refused, and a verification code parses or not.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mynumber_core::document::{DocumentPublicKey, DocumentSigningKey, VerificationCode};

fn key() -> &'static DocumentPublicKey {
    static KEY: OnceLock<DocumentPublicKey> = OnceLock::new();
    KEY.get_or_init(|| DocumentSigningKey::from_bytes([9; 32]).public())
}

fuzz_target!(|data: &[u8]| {
    let _ = key().verify(data);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = VerificationCode::parse(s);
    }
});
