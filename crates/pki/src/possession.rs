//! Proof of possession: the authority certifies only a key whose holder showed they hold its
//! private half, never a public key someone merely has a copy of (issue 9, hole 10).
//!
//! The proof is a PKCS#10 certification request (RFC 2986 §4.2), which is signed with the
//! private key of the public key it carries; or, at card production, the key pair itself in
//! hand. [`ProvenKey`] can be made only these two ways, and issuing takes one.

use der::{Decode, Encode};
use x509_cert::request::{CertReq, CertReqInfo};
use x509_cert::spki::SubjectPublicKeyInfoOwned;

use crate::VerifyError;

/// sha256WithRSAEncryption (RFC 8017 A.2.4).
const RSA_SHA256: &str = "1.2.840.113549.1.1.11";

/// A public key whose holder proved possession of its private key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvenKey {
    spki: Vec<u8>,
}

impl ProvenKey {
    /// From a PKCS#10 certification request (DER): its signature, sha256WithRSAEncryption,
    /// must verify with the key it carries.
    pub fn from_request(der: &[u8]) -> Result<Self, VerifyError> {
        let request =
            CertReq::from_der(der).map_err(|e| VerifyError::NotRequest(format!("request: {e}")))?;
        if request.algorithm.oid.to_string() != RSA_SHA256 {
            return Err(VerifyError::Algorithm(format!(
                "{} (a request must be signed sha256WithRSAEncryption)",
                request.algorithm.oid
            )));
        }
        let signed = request
            .info
            .to_der()
            .map_err(|e| VerifyError::NotRequest(format!("request: {e}")))?;
        let signature = request
            .signature
            .as_bytes()
            .ok_or_else(|| VerifyError::NotRequest("request signature".into()))?;
        let key = request.info.public_key.subject_public_key.raw_bytes();
        aws_lc_rs::signature::UnparsedPublicKey::new(
            &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
            key,
        )
        .verify(&signed, signature)
        .map_err(|_| VerifyError::BadSignature)?;
        let spki = request
            .info
            .public_key
            .to_der()
            .map_err(|e| VerifyError::NotRequest(format!("request key: {e}")))?;
        Ok(Self { spki })
    }

    /// From a key pair in hand: the card's key made at production, whose holding is the proof.
    pub fn from_key_pair(key: &rcgen::KeyPair) -> Self {
        Self {
            spki: crate::public_key_der(key),
        }
    }

    /// The public key, as a DER SubjectPublicKeyInfo.
    pub fn public_key_der(&self) -> &[u8] {
        &self.spki
    }
}

/// The part of a certification request the key signs, for `spki` (a DER
/// SubjectPublicKeyInfo), with an empty subject: the authority writes the subject itself.
pub fn request_info(spki: &[u8]) -> Result<Vec<u8>, VerifyError> {
    let info = CertReqInfo {
        version: x509_cert::request::Version::V1,
        subject: x509_cert::name::Name::default(),
        public_key: SubjectPublicKeyInfoOwned::from_der(spki)
            .map_err(|e| VerifyError::NotRequest(format!("public key: {e}")))?,
        attributes: Default::default(),
    };
    info.to_der()
        .map_err(|e| VerifyError::NotRequest(format!("request: {e}")))
}

/// A certification request (DER) from its signed part and a sha256WithRSAEncryption
/// signature over it (as a card's COMPUTE DIGITAL SIGNATURE makes one).
pub fn request(info: &[u8], signature: &[u8]) -> Result<Vec<u8>, VerifyError> {
    let request = CertReq {
        info: CertReqInfo::from_der(info)
            .map_err(|e| VerifyError::NotRequest(format!("request: {e}")))?,
        algorithm: x509_cert::spki::AlgorithmIdentifierOwned {
            oid: der::asn1::ObjectIdentifier::new_unwrap(RSA_SHA256),
            parameters: Some(der::asn1::Any::null()),
        },
        signature: der::asn1::BitString::from_bytes(signature)
            .map_err(|e| VerifyError::NotRequest(format!("signature: {e}")))?,
    };
    request
        .to_der()
        .map_err(|e| VerifyError::NotRequest(format!("request: {e}")))
}
