//! JSON Web Signatures in compact form (RFC 7515) with ES256 (RFC 7518 §3.4: ECDSA P-256 with
//! SHA-256, the signature as R‖S, 64 bytes): the split of a compact JWS into its parts and the
//! check of its signature with a P-256 public key. The JSON of the header and the claims is
//! read by the caller (only the API knows JSON); this module sees bytes.
//!
//! Pure but for the nonce of a signature made here: the key and the token are arguments.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED, ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair,
    UnparsedPublicKey,
};

/// Why a compact JWS was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JoseError {
    /// Not three base64url parts separated by dots, or not base64url.
    #[error("malformed JWS: {0}")]
    Malformed(&'static str),
    /// The key is not a P-256 point (65 bytes, uncompressed, on the curve).
    #[error("the key is not a P-256 public key")]
    Key,
    /// The signature does not verify with the key.
    #[error("the signature does not verify")]
    Signature,
}

/// A compact JWS, split: the decoded header and payload, the bytes the signature covers
/// (`BASE64URL(header) . BASE64URL(payload)`), and the decoded signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompactJws {
    /// The protected header's JSON bytes.
    pub header: Vec<u8>,
    /// The payload's bytes (the claims' JSON for a JWT).
    pub payload: Vec<u8>,
    /// The signing input, ASCII.
    pub signing_input: Vec<u8>,
    /// The signature's bytes.
    pub signature: Vec<u8>,
}

/// The longest token accepted, in bytes: a client assertion or an ID token is well under it.
pub const MAX_JWS: usize = 8 * 1024;

/// Splits a compact JWS (`h.p.s`). Base64url without padding only (RFC 7515 §2).
pub fn split(token: &str) -> Result<CompactJws, JoseError> {
    if token.len() > MAX_JWS {
        return Err(JoseError::Malformed("too long"));
    }
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JoseError::Malformed("not three parts"));
    };
    if h.is_empty() || s.is_empty() {
        return Err(JoseError::Malformed("an empty header or signature"));
    }
    Ok(CompactJws {
        header: base64url_decode(h).ok_or(JoseError::Malformed("header"))?,
        payload: base64url_decode(p).ok_or(JoseError::Malformed("payload"))?,
        signing_input: format!("{h}.{p}").into_bytes(),
        signature: base64url_decode(s).ok_or(JoseError::Malformed("signature"))?,
    })
}

/// Checks an ES256 signature (R‖S) over `jws.signing_input` with `public_key`, a SEC1
/// uncompressed P-256 point (65 bytes, `04 ‖ X ‖ Y`).
pub fn verify_es256(jws: &CompactJws, public_key: &[u8]) -> Result<(), JoseError> {
    if public_key.len() != 65 || public_key[0] != 4 {
        return Err(JoseError::Key);
    }
    if jws.signature.len() != 64 {
        return Err(JoseError::Signature);
    }
    UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, public_key)
        .verify(&jws.signing_input, &jws.signature)
        .map_err(|_| JoseError::Signature)
}

/// Whether `point` is a P-256 public key (uncompressed, on the curve): checked by verifying a
/// signature that cannot be right, which parses the point first.
pub fn is_p256_point(point: &[u8]) -> bool {
    if point.len() != 65 || point[0] != 4 {
        return false;
    }
    // aws-lc-rs parses the point before the signature; a point off the curve and a wrong
    // signature give the same error, so the point is parsed as a key of its own instead.
    aws_lc_rs::signature::ParsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point).is_ok()
}

/// The point of a JWK's `x` and `y` (base64url, 32 bytes each): `04 ‖ X ‖ Y`.
pub fn p256_point(x: &str, y: &str) -> Result<Vec<u8>, JoseError> {
    let x = base64url_decode(x).ok_or(JoseError::Key)?;
    let y = base64url_decode(y).ok_or(JoseError::Key)?;
    if x.len() != 32 || y.len() != 32 {
        return Err(JoseError::Key);
    }
    let mut point = Vec::with_capacity(65);
    point.push(4);
    point.extend_from_slice(&x);
    point.extend_from_slice(&y);
    if !is_p256_point(&point) {
        return Err(JoseError::Key);
    }
    Ok(point)
}

/// Base64url without padding (RFC 4648 §5), as JOSE writes it.
pub fn base64url_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decodes base64url without padding; `None` for any other character, padding, or a length
/// no encoding has.
pub fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = s.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        let full = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&full[..chunk.len() - 1]);
        // Bits beyond the last byte must be zero (a canonical encoding).
        let spare = match chunk.len() {
            2 => n & 0xFFFF,
            3 => n & 0xFF,
            _ => 0,
        };
        if spare != 0 {
            return None;
        }
    }
    Some(out)
}

/// A compact JWS signed ES256 with a P-256 key (PKCS#8 DER): `header` and `payload` are the
/// JSON bytes the caller wrote. ECDSA draws a fresh nonce from the operating system (through
/// aws-lc), the one randomness of this module.
pub fn sign_es256(pkcs8: &[u8], header: &[u8], payload: &[u8]) -> Result<String, JoseError> {
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8)
        .map_err(|_| JoseError::Key)?;
    let input = format!("{}.{}", base64url_encode(header), base64url_encode(payload));
    let signature = key
        .sign(&SystemRandom::new(), input.as_bytes())
        .map_err(|_| JoseError::Signature)?;
    Ok(format!("{input}.{}", base64url_encode(signature.as_ref())))
}

/// The public point (`04 ‖ X ‖ Y`) of a P-256 private key (PKCS#8 DER), for a JWK.
pub fn es256_public_point(pkcs8: &[u8]) -> Result<Vec<u8>, JoseError> {
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8)
        .map_err(|_| JoseError::Key)?;
    Ok(key.public_key().as_ref().to_vec())
}

/// A JWK's `x` and `y` for a P-256 point (`04 ‖ X ‖ Y`).
pub fn jwk_coordinates(point: &[u8]) -> Option<(String, String)> {
    if point.len() != 65 || point[0] != 4 {
        return None;
    }
    Some((
        base64url_encode(&point[1..33]),
        base64url_encode(&point[33..]),
    ))
}

/// The S256 code challenge of a PKCE code verifier (RFC 7636 §4.2):
/// `BASE64URL(SHA256(ASCII(verifier)))`.
pub fn pkce_s256(verifier: &str) -> String {
    base64url_encode(
        aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes()).as_ref(),
    )
}

/// Half of a SHA-256 hash, base64url: an ID token's `at_hash` (OIDC Core §3.1.3.6) for ES256.
pub fn half_sha256(value: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, value.as_bytes());
    base64url_encode(&digest.as_ref()[..16])
}

/// The Concat KDF of ECDH-ES (RFC 7518 §4.6.2, NIST SP 800-56A §5.8.1) with SHA-256: the
/// content key of `bits` bits from the shared secret `z`, for the algorithm `alg` (the `enc`
/// value in direct key agreement) and the parties' `apu` and `apv`.
pub fn concat_kdf(z: &[u8], alg: &str, apu: &[u8], apv: &[u8], bits: u32) -> Vec<u8> {
    let field = |out: &mut Vec<u8>, bytes: &[u8]| {
        out.extend_from_slice(&u32::try_from(bytes.len()).unwrap_or(0).to_be_bytes());
        out.extend_from_slice(bytes);
    };
    let mut key = Vec::new();
    let wanted = usize::try_from(bits / 8).unwrap_or(0);
    let mut round: u32 = 1;
    while key.len() < wanted {
        let mut input = round.to_be_bytes().to_vec();
        input.extend_from_slice(z);
        field(&mut input, alg.as_bytes());
        field(&mut input, apu);
        field(&mut input, apv);
        input.extend_from_slice(&bits.to_be_bytes());
        key.extend_from_slice(
            aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &input).as_ref(),
        );
        round += 1;
    }
    key.truncate(wanted);
    key
}

/// A compact JWE (RFC 7516 §7.1) to the holder of a P-256 key: ECDH-ES direct key agreement
/// (RFC 7518 §4.6) with the ephemeral private key `ephemeral` (32 random bytes the caller
/// drew), then A256GCM (§5.3) with the 96-bit `iv`. `header` writes the protected header's
/// JSON from the ephemeral key's `x` and `y` (it must carry `alg` `ECDH-ES`, `enc` `A256GCM`
/// and the `epk`); it is the authenticated data. No `apu` or `apv`.
pub fn encrypt_ecdh_es_a256gcm(
    recipient: &[u8],
    ephemeral: &[u8; 32],
    iv: &[u8; 12],
    header: &dyn Fn(&str, &str) -> Vec<u8>,
    plaintext: &[u8],
) -> Result<String, JoseError> {
    use aws_lc_rs::{aead, agreement};
    if !is_p256_point(recipient) {
        return Err(JoseError::Key);
    }
    let private = agreement::PrivateKey::from_private_key(&agreement::ECDH_P256, ephemeral)
        .map_err(|_| JoseError::Key)?;
    let public = private.compute_public_key().map_err(|_| JoseError::Key)?;
    let (x, y) = jwk_coordinates(public.as_ref()).ok_or(JoseError::Key)?;
    let key = agreement::agree(
        &private,
        agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, recipient),
        JoseError::Key,
        |z| Ok(concat_kdf(z, "A256GCM", b"", b"", 256)),
    )?;
    let protected = base64url_encode(&header(&x, &y));
    let sealing = aead::LessSafeKey::new(
        aead::UnboundKey::new(&aead::AES_256_GCM, &key).map_err(|_| JoseError::Key)?,
    );
    let mut body = plaintext.to_vec();
    let tag = sealing
        .seal_in_place_separate_tag(
            aead::Nonce::assume_unique_for_key(*iv),
            aead::Aad::from(protected.as_bytes()),
            &mut body,
        )
        .map_err(|_| JoseError::Key)?;
    Ok(format!(
        "{protected}..{}.{}.{}",
        base64url_encode(iv),
        base64url_encode(&body),
        base64url_encode(tag.as_ref())
    ))
}

/// A P-256 signing key from its private scalar (32 bytes, big-endian, 0 < d < n), as a key
/// derived rather than drawn is made: the scalar is checked by computing its public point.
pub fn es256_key_from_scalar(scalar: &[u8; 32]) -> Result<EcdsaKeyPair, JoseError> {
    let private = aws_lc_rs::agreement::PrivateKey::from_private_key(
        &aws_lc_rs::agreement::ECDH_P256,
        scalar,
    )
    .map_err(|_| JoseError::Key)?;
    let public = private.compute_public_key().map_err(|_| JoseError::Key)?;
    EcdsaKeyPair::from_private_key_and_public_key(
        &ECDSA_P256_SHA256_FIXED_SIGNING,
        scalar,
        public.as_ref(),
    )
    .map_err(|_| JoseError::Key)
}

/// A compact JWS signed ES256 with a key already loaded (`es256_key_from_scalar`), for a
/// signer that signs often: the key is parsed once, not per signature.
pub fn sign_es256_with(
    key: &EcdsaKeyPair,
    header: &[u8],
    payload: &[u8],
) -> Result<String, JoseError> {
    let input = format!("{}.{}", base64url_encode(header), base64url_encode(payload));
    let signature = key
        .sign(&SystemRandom::new(), input.as_bytes())
        .map_err(|_| JoseError::Signature)?;
    Ok(format!("{input}.{}", base64url_encode(signature.as_ref())))
}

/// Opens a compact JWE made by [`encrypt_ecdh_es_a256gcm`] (or any ECDH-ES + A256GCM JWE
/// without `apu`/`apv`) with the recipient's private scalar. `epk` reads the ephemeral public
/// point (`04 ‖ X ‖ Y`) from the protected header's JSON bytes, which the caller parses.
pub fn decrypt_ecdh_es_a256gcm(
    private: &[u8; 32],
    jwe: &str,
    epk: &dyn Fn(&[u8]) -> Option<Vec<u8>>,
) -> Result<Vec<u8>, JoseError> {
    use aws_lc_rs::{aead, agreement};
    let mut parts = jwe.split('.');
    let (Some(protected), Some(""), Some(iv), Some(body), Some(tag), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(JoseError::Malformed("not a direct-agreement JWE"));
    };
    let header = base64url_decode(protected).ok_or(JoseError::Malformed("header"))?;
    let point = epk(&header).ok_or(JoseError::Key)?;
    let iv: [u8; 12] = base64url_decode(iv)
        .and_then(|v| v.try_into().ok())
        .ok_or(JoseError::Malformed("iv"))?;
    let mut sealed = base64url_decode(body).ok_or(JoseError::Malformed("ciphertext"))?;
    sealed.extend(base64url_decode(tag).ok_or(JoseError::Malformed("tag"))?);
    let private = agreement::PrivateKey::from_private_key(&agreement::ECDH_P256, private)
        .map_err(|_| JoseError::Key)?;
    let key = agreement::agree(
        &private,
        agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, &point),
        JoseError::Key,
        |z| Ok(concat_kdf(z, "A256GCM", b"", b"", 256)),
    )?;
    let opening = aead::LessSafeKey::new(
        aead::UnboundKey::new(&aead::AES_256_GCM, &key).map_err(|_| JoseError::Key)?,
    );
    let plain = opening
        .open_in_place(
            aead::Nonce::assume_unique_for_key(iv),
            aead::Aad::from(protected.as_bytes()),
            &mut sealed,
        )
        .map_err(|_| JoseError::Signature)?;
    Ok(plain.to_vec())
}

/// The fuzz target's entry: any bytes, as a token.
pub fn parse_for_fuzzing(bytes: &[u8]) {
    if let Ok(token) = std::str::from_utf8(bytes) {
        if let Ok(jws) = split(token) {
            let _ = verify_es256(&jws, &[4; 65]);
        }
        let _ = base64url_decode(token);
        if let Some((x, y)) = token.split_once('.') {
            let _ = p256_point(x, y);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};

    #[test]
    fn the_rfc_7518_appendix_c_key_agreement() {
        use aws_lc_rs::agreement;
        let d = base64url_decode("0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo").expect("d");
        let bob = p256_point(
            "weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
            "e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck",
        )
        .expect("point");
        let alice =
            agreement::PrivateKey::from_private_key(&agreement::ECDH_P256, &d).expect("key");
        let key = agreement::agree(
            &alice,
            agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, &bob),
            (),
            |z| Ok(concat_kdf(z, "A128GCM", b"Alice", b"Bob", 128)),
        )
        .expect("agree");
        assert_eq!(base64url_encode(&key), "VqqN6vgjbSBcIijNcacQGg");
    }

    #[test]
    fn a_jwe_opens_with_the_recipients_key_and_only_with_it() {
        use aws_lc_rs::{aead, agreement};
        let rng = SystemRandom::new();
        let recipient = agreement::PrivateKey::generate(&agreement::ECDH_P256).expect("recipient");
        let point = recipient.compute_public_key().expect("public");
        let header = |x: &str, y: &str| {
            format!(
                r#"{{"alg":"ECDH-ES","enc":"A256GCM","epk":{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}"}}}}"#
            )
            .into_bytes()
        };
        let mut e = [0u8; 32];
        aws_lc_rs::rand::SecureRandom::fill(&rng, &mut e).expect("rng");
        let jwe =
            encrypt_ecdh_es_a256gcm(point.as_ref(), &e, &[3; 12], &header, b"secret").expect("jwe");
        let parts: Vec<&str> = jwe.split('.').collect();
        assert_eq!(parts.len(), 5);
        assert_eq!(parts[1], "", "direct agreement has no encrypted key");
        let protected = base64url_decode(parts[0]).expect("header");
        let text = String::from_utf8(protected).expect("utf-8");
        let x = text
            .split("\"x\":\"")
            .nth(1)
            .and_then(|r| r.split('"').next());
        let y = text
            .split("\"y\":\"")
            .nth(1)
            .and_then(|r| r.split('"').next());
        let epk = p256_point(x.expect("x"), y.expect("y")).expect("epk");
        let open = |private: &agreement::PrivateKey| -> Option<Vec<u8>> {
            let key = agreement::agree(
                private,
                agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, &epk),
                (),
                |z| Ok(concat_kdf(z, "A256GCM", b"", b"", 256)),
            )
            .ok()?;
            let k = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_256_GCM, &key).ok()?);
            let mut body = base64url_decode(parts[3])?;
            body.extend(base64url_decode(parts[4])?);
            let iv: [u8; 12] = base64url_decode(parts[2])?.try_into().ok()?;
            k.open_in_place(
                aead::Nonce::assume_unique_for_key(iv),
                aead::Aad::from(parts[0].as_bytes()),
                &mut body,
            )
            .ok()
            .map(|b| b.to_vec())
        };
        assert_eq!(open(&recipient).as_deref(), Some(&b"secret"[..]));
        let stranger = agreement::PrivateKey::generate(&agreement::ECDH_P256).expect("other");
        assert_eq!(open(&stranger), None);
        assert_eq!(
            encrypt_ecdh_es_a256gcm(&[4; 65], &e, &[3; 12], &header, b"x"),
            Err(JoseError::Key)
        );
    }

    #[test]
    fn a_derived_key_signs_and_a_jwe_opens_only_as_sent() {
        use aws_lc_rs::agreement;
        let key = es256_key_from_scalar(&[0x11; 32]).expect("a scalar below n");
        assert!(es256_key_from_scalar(&[0; 32]).is_err(), "zero is no key");
        assert!(
            es256_key_from_scalar(&[0xFF; 32]).is_err(),
            "above n is no key"
        );
        let jws = sign_es256_with(&key, b"{}", b"payload").expect("signed");
        let split = split(&jws).expect("compact");
        assert_eq!(verify_es256(&split, key.public_key().as_ref()), Ok(()));
        let recipient = [0x22; 32];
        let point = agreement::PrivateKey::from_private_key(&agreement::ECDH_P256, &recipient)
            .expect("private")
            .compute_public_key()
            .expect("public");
        let header = |x: &str, y: &str| format!("{x}|{y}").into_bytes();
        let epk = |h: &[u8]| {
            let text = std::str::from_utf8(h).ok()?;
            let (x, y) = text.split_once('|')?;
            p256_point(x, y).ok()
        };
        let jwe = encrypt_ecdh_es_a256gcm(point.as_ref(), &[0x33; 32], &[3; 12], &header, b"copy")
            .expect("jwe");
        assert_eq!(
            decrypt_ecdh_es_a256gcm(&recipient, &jwe, &epk).as_deref(),
            Ok(&b"copy"[..])
        );
        assert!(decrypt_ecdh_es_a256gcm(&[0x44; 32], &jwe, &epk).is_err());
        // Any change to the ciphertext or the header: refused.
        let mut parts: Vec<String> = jwe.split('.').map(str::to_owned).collect();
        parts[3] = base64url_encode(b"cop!");
        assert!(decrypt_ecdh_es_a256gcm(&recipient, &parts.join("."), &epk).is_err());
        assert!(decrypt_ecdh_es_a256gcm(&recipient, "a.b.c.d.e", &epk).is_err());
    }

    #[test]
    fn base64url_known_answers_rfc4648() {
        // RFC 4648 §10, without padding, and the URL alphabet's two letters.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(plain.as_bytes()), encoded);
            assert_eq!(base64url_decode(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        for bad in ["Zg==", "Z", "Zh", "Zm+v", "Zm/v", "Zm9v!"] {
            assert_eq!(base64url_decode(bad), None, "{bad}");
        }
    }

    /// RFC 7636 Appendix B: the example verifier and its S256 challenge.
    #[test]
    fn the_rfc_7636_pkce_example() {
        assert_eq!(
            pkce_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn what_it_signs_verifies_with_its_point_and_nothing_else() {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let token = sign_es256(pkcs8.as_ref(), br#"{"alg":"ES256"}"#, br#"{"a":1}"#).unwrap();
        let point = es256_public_point(pkcs8.as_ref()).unwrap();
        let jws = split(&token).unwrap();
        assert_eq!(jws.payload, br#"{"a":1}"#);
        verify_es256(&jws, &point).unwrap();
        let (x, y) = jwk_coordinates(&point).unwrap();
        assert_eq!(p256_point(&x, &y).unwrap(), point);
        let mut tampered = jws.clone();
        tampered.signing_input.push(b'x');
        assert_eq!(verify_es256(&tampered, &point), Err(JoseError::Signature));
        assert_eq!(sign_es256(b"not a key", b"{}", b"{}"), Err(JoseError::Key));
    }

    /// RFC 7515 Appendix A.3: the ES256 example, its key and signature.
    #[test]
    fn the_rfc_7515_es256_example_verifies() {
        let token = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
        let key = p256_point(
            "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
            "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
        )
        .unwrap();
        let jws = split(token).unwrap();
        assert_eq!(jws.header, br#"{"alg":"ES256"}"#);
        verify_es256(&jws, &key).unwrap();
        // One byte of the payload changed: refused.
        let mut tampered = jws.clone();
        tampered.signing_input[30] ^= 1;
        assert_eq!(verify_es256(&tampered, &key), Err(JoseError::Signature));
    }

    #[test]
    fn a_token_signed_here_verifies_and_malformed_ones_are_named() {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let pair =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap();
        let input = format!(
            "{}.{}",
            base64url_encode(br#"{"alg":"ES256"}"#),
            base64url_encode(br#"{"sub":"x"}"#)
        );
        let sig = pair.sign(&rng, input.as_bytes()).unwrap();
        let token = format!("{input}.{}", base64url_encode(sig.as_ref()));
        let point = pair.public_key().as_ref().to_vec();
        verify_es256(&split(&token).unwrap(), &point).unwrap();
        // Another key: refused.
        let other = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let other =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, other.as_ref()).unwrap();
        assert_eq!(
            verify_es256(&split(&token).unwrap(), other.public_key().as_ref()),
            Err(JoseError::Signature)
        );
        for bad in ["a.b", "a.b.c.d", ".e30.c2ln", "e30.e30.", "e30.e30.*"] {
            assert!(matches!(split(bad), Err(JoseError::Malformed(_))), "{bad}");
        }
        assert!(split(&"a".repeat(MAX_JWS + 1)).is_err());
        // A point off the curve is no key.
        assert!(!is_p256_point(&[4; 65]));
        assert!(is_p256_point(&point));
        assert_eq!(p256_point("AA", "AA"), Err(JoseError::Key));
    }
}
