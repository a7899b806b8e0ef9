//! DER from outside: certificates handed in to check, CMS signatures, PKCS#10 requests,
//! DigestInfos to sign and raw signatures over them, signed attributes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mynumber_pki::inspect(data);
    let _ = mynumber_pki::verify_signature(data, None);
    let _ = mynumber_pki::ProvenKey::from_request(data);
    let _ = mynumber_pki::DigestInfo::parse(data);
    if data.len() > 2 {
        let (a, b) = data.split_at(data.len() / 2);
        let _ = mynumber_pki::issued_by(a, b);
        let _ = mynumber_pki::verify_signature(a, Some(b));
        let _ = mynumber_pki::verify_digest_info(a, b, b);
        let _ = mynumber_pki::detached_signed_data(a, b, a, &[b]);
    }
});
