//! CA private keys: sealed at rest with AES-256-GCM under a key stretched from the operator's
//! secret (PBKDF2-HMAC-SHA256), opened once at start, and used only through rcgen's
//! `SigningKey` trait, which an HSM-backed signer can implement instead.

use std::num::NonZeroU32;

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::pbkdf2;

use crate::PkiError;

/// The sealed format's header, also authenticated as associated data.
const HEADER: &[u8] = b"mynumber-sealed-key-v1\n";
/// OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.3 s once per start.
const ITERATIONS: u32 = 600_000;

fn stretch(secret: &[u8], salt: &[u8; 16]) -> [u8; 32] {
    let mut key = [0u8; 32];
    let iterations = NonZeroU32::new(ITERATIONS).unwrap_or(NonZeroU32::MIN);
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        iterations,
        salt,
        secret,
        &mut key,
    );
    key
}

/// Seals a PKCS#8 private key: header, salt, nonce, ciphertext with tag. The salt and nonce
/// are the caller's fresh random bytes (this crate draws no randomness).
pub fn seal(
    pkcs8: &[u8],
    secret: &[u8],
    salt: [u8; 16],
    nonce: [u8; 12],
) -> Result<Vec<u8>, PkiError> {
    if secret.len() < 16 {
        return Err(PkiError::WeakSecret);
    }
    let key = LessSafeKey::new(
        UnboundKey::new(&AES_256_GCM, &stretch(secret, &salt))
            .map_err(|_| PkiError::Crypto("aes key"))?,
    );
    let mut body = pkcs8.to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(HEADER),
        &mut body,
    )
    .map_err(|_| PkiError::Crypto("sealing"))?;
    let mut out = Vec::with_capacity(HEADER.len() + 28 + body.len());
    out.extend_from_slice(HEADER);
    out.extend_from_slice(&salt);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&body);
    Ok(out)
}

/// Opens a sealed key; a wrong secret or a damaged file is [`PkiError::Unseal`].
pub fn unseal(sealed: &[u8], secret: &[u8]) -> Result<Vec<u8>, PkiError> {
    let rest = sealed.strip_prefix(HEADER).ok_or(PkiError::Unseal)?;
    if rest.len() < 28 + 16 {
        return Err(PkiError::Unseal);
    }
    let (salt, rest) = rest.split_at(16);
    let (nonce, body) = rest.split_at(12);
    let mut salt_arr = [0u8; 16];
    salt_arr.copy_from_slice(salt);
    let mut nonce_arr = [0u8; 12];
    nonce_arr.copy_from_slice(nonce);
    let key = LessSafeKey::new(
        UnboundKey::new(&AES_256_GCM, &stretch(secret, &salt_arr))
            .map_err(|_| PkiError::Crypto("aes key"))?,
    );
    let mut buf = body.to_vec();
    let plain = key
        .open_in_place(
            Nonce::assume_unique_for_key(nonce_arr),
            Aad::from(HEADER),
            &mut buf,
        )
        .map_err(|_| PkiError::Unseal)?;
    Ok(plain.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_and_unseal_round_trip_and_refuse_a_wrong_secret() {
        let secret = b"operator secret of enough length";
        let sealed = seal(b"pkcs8 bytes", secret, [1; 16], [2; 12]).unwrap();
        assert!(sealed.starts_with(HEADER));
        assert!(
            !sealed.windows(11).any(|w| w == b"pkcs8 bytes"),
            "plaintext leaked"
        );
        assert_eq!(unseal(&sealed, secret).unwrap(), b"pkcs8 bytes");
        assert!(matches!(
            unseal(&sealed, b"another secret of length"),
            Err(PkiError::Unseal)
        ));
        let mut damaged = sealed.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert!(matches!(unseal(&damaged, secret), Err(PkiError::Unseal)));
        assert!(matches!(
            seal(b"k", b"short", [1; 16], [2; 12]),
            Err(PkiError::WeakSecret)
        ));
    }
}
