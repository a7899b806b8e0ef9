//! mynumber-pki: the JPKI-style authority's pure part. Certificate profiles for the signature
//! and user-authentication certificates (facts §3), their validity (facts §2.2), CRLs, the OCSP
//! responder, checking certificates and CMS signatures, and the sealing of CA keys at rest.
//!
//! Signing goes through rcgen's `SigningKey` trait (a software RSA key here; an HSM can
//! implement the same trait). Time, serial numbers and the salts of sealed keys are arguments:
//! nothing here reads the clock or draws randomness.

mod authority;
mod der;
pub mod jose;
mod keys;
mod ocsp;
mod pem;
mod possession;
mod profile;
mod signing;
mod verify;
pub mod webauthn;

pub use authority::{Authority, Holder, Reason, Revoked, positive_serial, serial_bytes};
pub use keys::{SecretSealer, seal, unseal};
pub use ocsp::{
    MAX_REQUESTS, ParsedRequest, Responder, Status, malformed_response, unauthorized_response,
};
pub use pem::{base64_decode, base64_encode, from_pem, to_pem};
pub use possession::{ProvenKey, request, request_info, rsa_public_key_info};
pub use profile::{
    BasicFour, Hierarchy, JPKI_SAN_ARC, birth_value, end_of_day_jst, full_width_digits,
    last_valid_day, opaque_common_name,
};
pub use rcgen::{KeyPair, PKCS_ECDSA_P256_SHA256, PKCS_RSA_SHA256, RsaKeySize};
pub use signing::{
    DigestAlgorithm, DigestInfo, SignedAttributesRead, detached_signed_data,
    read_signed_attributes, signed_attributes, verify_digest_info,
};
pub use verify::{
    Inspected, SignedContent, VerifyError, inspect, issued_by, verify_signature,
    verify_with_certificate,
};

/// A key pair's public key as a DER SubjectPublicKeyInfo (what the authority certifies).
pub fn public_key_der(key: &KeyPair) -> Vec<u8> {
    rcgen::PublicKeyData::subject_public_key_info(key)
}

/// Why a PKI operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PkiError {
    /// The secret that seals CA keys is too short.
    #[error("the CA key secret must be at least 16 bytes")]
    WeakSecret,
    /// A sealed key could not be opened: wrong secret, or a damaged file.
    #[error("the CA key could not be unsealed: wrong secret, or the sealed key is damaged")]
    Unseal,
    /// The public key to certify is unusable.
    #[error("public key: {0}")]
    PublicKey(String),
    /// Configuration (e.g. a policy OID) is invalid.
    #[error("PKI configuration: {0}")]
    Config(String),
    /// A time outside what certificates can express.
    #[error("a time outside the range certificates can carry")]
    Time,
    /// The crypto library failed.
    #[error("crypto failure: {0}")]
    Crypto(&'static str),
    /// rcgen refused to build or sign.
    #[error("certificate building failed: {0}")]
    Build(String),
}

impl From<rcgen::Error> for PkiError {
    fn from(e: rcgen::Error) -> Self {
        Self::Build(e.to_string())
    }
}

/// What the deployment configures.
#[derive(Clone, Debug)]
pub struct PkiConfig {
    /// The public base URL (for the CRL distribution point and OCSP access).
    pub public_url: String,
    /// The CA's organization name.
    pub organization: String,
    /// The signature certificate's policy OID.
    pub signature_policy: String,
    /// The user-authentication certificate's policy OID.
    pub authentication_policy: String,
}

impl PkiConfig {
    /// Defaults: the JPKI **test** policy OID for signatures (facts §3.2) and, by analogy, `.0.30`
    /// for authentication; production deployments configure their own.
    pub fn with_url(public_url: &str) -> Self {
        Self {
            public_url: public_url.trim_end_matches('/').to_owned(),
            organization: "JPKI-MYNUMBER".to_owned(),
            signature_policy: "1.2.392.200149.8.5.1.0.20".to_owned(),
            authentication_policy: "1.2.392.200149.8.5.1.0.30".to_owned(),
        }
    }

    /// Refuses a configuration that could not be written into a certificate: a policy that
    /// is not a dotted OID.
    pub fn check(&self) -> Result<(), PkiError> {
        for (what, policy) in [
            ("signature", &self.signature_policy),
            ("authentication", &self.authentication_policy),
        ] {
            if der::parse_oid(policy).is_none() {
                return Err(PkiError::Config(format!(
                    "the {what} certificate policy {policy:?} is not an OID (e.g. 1.2.392.200149.8.5.1.1.20)"
                )));
            }
        }
        Ok(())
    }

    /// Where a hierarchy's CRL is published.
    pub fn crl_url(&self, hierarchy: Hierarchy) -> String {
        format!("{}/pki/{}/crl", self.public_url, hierarchy.code())
    }

    /// The OCSP responder.
    pub fn ocsp_url(&self) -> String {
        format!("{}/pki/ocsp", self.public_url)
    }
}
