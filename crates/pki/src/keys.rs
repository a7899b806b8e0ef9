//! CA private keys: sealed at rest with AES-256-GCM under a key stretched from the operator's
//! secret (PBKDF2-HMAC-SHA256), opened once at start, and used only through rcgen's
//! `SigningKey` trait, which an HSM-backed signer can implement instead. Small secrets of
//! other purposes (a staff member's TOTP key) are sealed under a key derived from the same
//! secret for that purpose alone ([`SecretSealer`]).

use std::num::NonZeroU32;

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::{hkdf, pbkdf2};

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

/// The header of a small secret sealed by [`SecretSealer`]; with the row's own label, the
/// associated data.
const SECRET_HEADER: &[u8] = b"mynumber-sealed-secret-v1\n";

/// Seals small secrets at rest, each bound to the row it belongs to: AES-256-GCM under a key
/// derived from the deployment's sealing secret with HKDF-SHA256 (RFC 5869) for one purpose,
/// so that a key of one purpose opens nothing of another. The secret is already high-entropy
/// (32 random bytes), so HKDF, not a password stretch, is the derivation; it costs
/// microseconds, and each seal takes a fresh 96-bit nonce from the caller.
///
/// Sealed form: header, nonce (12), ciphertext with its 16-byte tag.
pub struct SecretSealer {
    key: LessSafeKey,
}

impl std::fmt::Debug for SecretSealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretSealer(..)")
    }
}

impl SecretSealer {
    /// The sealer of `purpose` under the deployment's sealing `secret` (at least 16 bytes).
    pub fn derive(secret: &[u8], purpose: &[u8]) -> Result<Self, PkiError> {
        if secret.len() < 16 {
            return Err(PkiError::WeakSecret);
        }
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, SECRET_HEADER).extract(secret);
        let info = [purpose];
        let okm = prk
            .expand(&info, &AES_256_GCM)
            .map_err(|_| PkiError::Crypto("hkdf"))?;
        Ok(Self {
            key: LessSafeKey::new(UnboundKey::from(okm)),
        })
    }

    /// Seals `plain` for the row `label` names (e.g. `staff-totp:<id>`): opened under another
    /// label, it fails, so a sealed value copied to another row is useless there.
    pub fn seal(&self, plain: &[u8], label: &[u8], nonce: [u8; 12]) -> Result<Vec<u8>, PkiError> {
        let mut body = plain.to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from([SECRET_HEADER, label].concat()),
                &mut body,
            )
            .map_err(|_| PkiError::Crypto("sealing"))?;
        Ok([SECRET_HEADER, &nonce, &body].concat())
    }

    /// Opens what [`Self::seal`] sealed for `label`; anything else is [`PkiError::Unseal`].
    pub fn open(&self, sealed: &[u8], label: &[u8]) -> Result<Vec<u8>, PkiError> {
        let rest = sealed.strip_prefix(SECRET_HEADER).ok_or(PkiError::Unseal)?;
        if rest.len() < 12 + 16 {
            return Err(PkiError::Unseal);
        }
        let (nonce, body) = rest.split_at(12);
        let mut nonce_arr = [0u8; 12];
        nonce_arr.copy_from_slice(nonce);
        let mut buf = body.to_vec();
        let plain = self
            .key
            .open_in_place(
                Nonce::assume_unique_for_key(nonce_arr),
                Aad::from([SECRET_HEADER, label].concat()),
                &mut buf,
            )
            .map_err(|_| PkiError::Unseal)?;
        Ok(plain.to_vec())
    }

    /// Whether `bytes` are in the sealed form (rows written before sealing are not).
    pub fn is_sealed(bytes: &[u8]) -> bool {
        bytes.starts_with(SECRET_HEADER)
    }
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

    /// A known answer computed apart from this code, with Python's `cryptography` (OpenSSL):
    /// `HKDF(SHA256, 32, salt=b"mynumber-sealed-secret-v1\n", info=b"purpose")` over 32 bytes
    /// of 0x07, then `AESGCM(key).encrypt(bytes(range(12)), b"20 bytes of totp key",
    /// b"mynumber-sealed-secret-v1\nstaff-totp:1")`.
    #[test]
    fn a_sealed_secret_matches_an_independent_implementation() {
        let sealer = SecretSealer::derive(&[7; 32], b"purpose").unwrap();
        let nonce: [u8; 12] = core::array::from_fn(|i| i as u8);
        let sealed = sealer
            .seal(b"20 bytes of totp key", b"staff-totp:1", nonce)
            .unwrap();
        let body = &sealed[SECRET_HEADER.len() + 12..];
        assert_eq!(hex(body), KNOWN_ANSWER);
        assert_eq!(
            sealer.open(&sealed, b"staff-totp:1").unwrap(),
            b"20 bytes of totp key"
        );
    }

    const KNOWN_ANSWER: &str =
        "b012a22e2ca293040574bc8bdb483294714127f70dbcd4b975b0b572d1af0bb751d70068";

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn a_sealed_secret_opens_only_for_its_row_purpose_and_secret() {
        let sealer = SecretSealer::derive(b"a deployment's sealing secret", b"totp").unwrap();
        let sealed = sealer.seal(b"key", b"row:1", [9; 12]).unwrap();
        assert!(SecretSealer::is_sealed(&sealed));
        assert!(!SecretSealer::is_sealed(b"key"));
        assert_eq!(sealer.open(&sealed, b"row:1").unwrap(), b"key");
        assert!(matches!(
            sealer.open(&sealed, b"row:2"),
            Err(PkiError::Unseal)
        ));
        let other_purpose = SecretSealer::derive(b"a deployment's sealing secret", b"ca").unwrap();
        assert!(matches!(
            other_purpose.open(&sealed, b"row:1"),
            Err(PkiError::Unseal)
        ));
        let other_secret =
            SecretSealer::derive(b"another sealing secret of length", b"totp").unwrap();
        assert!(matches!(
            other_secret.open(&sealed, b"row:1"),
            Err(PkiError::Unseal)
        ));
        let mut damaged = sealed.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert!(matches!(
            sealer.open(&damaged, b"row:1"),
            Err(PkiError::Unseal)
        ));
        assert!(matches!(
            sealer.open(&sealed[..30], b"row:1"),
            Err(PkiError::Unseal)
        ));
        assert!(matches!(
            SecretSealer::derive(b"short", b"totp"),
            Err(PkiError::WeakSecret)
        ));
    }
}
