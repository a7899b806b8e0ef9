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

/// rsaEncryption (RFC 8017 A.1).
const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";

/// The DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) of an RSA public key given by its modulus
/// and public exponent (big-endian), as a card's GENERATE ASYMMETRIC KEY PAIR answers them.
pub fn rsa_public_key_info(modulus: &[u8], exponent: &[u8]) -> Result<Vec<u8>, VerifyError> {
    let bad = |e: der::Error| VerifyError::NotRequest(format!("public key: {e}"));
    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1)
    let mut body = Vec::new();
    for value in [modulus, exponent] {
        der::asn1::UintRef::new(value)
            .and_then(|v| v.encode_to_vec(&mut body))
            .map_err(bad)?;
    }
    let rsa_public_key = der::asn1::AnyRef::new(der::Tag::Sequence, &body)
        .and_then(|any| any.to_der())
        .map_err(bad)?;
    let info = SubjectPublicKeyInfoOwned {
        algorithm: x509_cert::spki::AlgorithmIdentifierOwned {
            oid: der::asn1::ObjectIdentifier::new_unwrap(RSA_ENCRYPTION),
            parameters: Some(der::asn1::Any::null()),
        },
        subject_public_key: der::asn1::BitString::from_bytes(&rsa_public_key).map_err(bad)?,
    };
    info.to_der().map_err(bad)
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

#[cfg(test)]
mod tests {
    use aws_lc_rs::encoding::AsDer;
    use aws_lc_rs::signature::KeyPair as _;

    use super::*;

    #[test]
    fn a_public_key_from_its_modulus_and_exponent_is_the_one_aws_lc_encodes() {
        let key = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
        let public = key.public_key();
        let want = AsDer::<aws_lc_rs::encoding::PublicKeyX509Der>::as_der(public).unwrap();
        let got = rsa_public_key_info(
            public.modulus().big_endian_without_leading_zero(),
            public.exponent().big_endian_without_leading_zero(),
        )
        .unwrap();
        assert_eq!(got, want.as_ref());
        // A request signed with the key over this public key is proof of possession.
        let info = request_info(&got).unwrap();
        let mut signature = vec![0; key.public_modulus_len()];
        key.sign(
            &aws_lc_rs::signature::RSA_PKCS1_SHA256,
            &aws_lc_rs::rand::SystemRandom::new(),
            &info,
            &mut signature,
        )
        .unwrap();
        let proven = ProvenKey::from_request(&request(&info, &signature).unwrap()).unwrap();
        assert_eq!(proven.public_key_der(), got.as_slice());
    }
}
