//! Checking what a relying party is handed: a certificate (who it names, when it is valid,
//! whether an authority's key signed it) and a CMS signature made with one (RFC 5652 §5.4,
//! §5.6). Pure: the caller supplies the trust anchors, and the time to check at and the
//! certificate's revocation status are the caller's too.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::OctetString;
use der::{Decode, Encode};
use jiff::Timestamp;
use mynumber_core::Sex;
use x509_cert::Certificate;
use x509_cert::ext::pkix::name::{GeneralName, OtherName};
use x509_cert::ext::pkix::{SubjectAltName, SubjectKeyIdentifier};

use crate::profile::BasicFour;

/// Why a certificate or signature does not check out.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The bytes are not a DER certificate.
    #[error("not an X.509 certificate: {0}")]
    NotCertificate(String),
    /// The bytes are not a DER CMS SignedData.
    #[error("not a CMS signature (SignedData): {0}")]
    NotSignature(String),
    /// The certificate was not signed by any of the given authorities.
    #[error("the certificate was not issued by this system's authorities")]
    UnknownIssuer,
    /// An algorithm this system does not accept.
    #[error("unsupported algorithm {0}")]
    Algorithm(String),
    /// The CMS signature does not carry the certificate that made it.
    #[error("the signature does not include its signer's certificate")]
    NoSignerCertificate,
    /// The signed content is missing: a detached signature without its content.
    #[error("the signature is detached: give the signed content too")]
    NoContent,
    /// The content's digest differs from the one signed: the content was altered.
    #[error("the content does not match the signature: it was altered after signing")]
    DigestMismatch,
    /// The signature value does not verify under the signer's public key.
    #[error("the signature value does not verify with the signer's public key")]
    BadSignature,
    /// The bytes are not a DigestInfo (or a digest) this system signs.
    #[error("not a digest to sign: {0}")]
    NotDigest(String),
    /// The bytes are not a well-formed PKCS#10 certification request (or a part of one).
    #[error("not a certification request (PKCS#10): {0}")]
    NotRequest(String),
}

/// What a certificate says, read back from its DER.
#[derive(Clone, Debug)]
pub struct Inspected {
    /// The serial number (big-endian, as encoded).
    pub serial: Vec<u8>,
    /// The subject, RFC 4514 style.
    pub subject: String,
    /// The issuer, RFC 4514 style.
    pub issuer: String,
    /// notBefore.
    pub not_before: Timestamp,
    /// notAfter.
    pub not_after: Timestamp,
    /// 基本4情報, when the certificate carries them (a signature certificate, facts §3.2).
    pub four: Option<BasicFour>,
}

/// A verified CMS signature.
#[derive(Clone, Debug)]
pub struct SignedContent {
    /// The signer's certificate (DER).
    pub signer: Vec<u8>,
    /// The signingTime attribute, when present.
    pub signing_time: Option<Timestamp>,
    /// The content that was signed.
    pub content: Vec<u8>,
}

pub(crate) const SHA1: &str = "1.3.14.3.2.26";
pub(crate) const SHA256: &str = "2.16.840.1.101.3.4.2.1";
pub(crate) const SHA384: &str = "2.16.840.1.101.3.4.2.2";
pub(crate) const SHA512: &str = "2.16.840.1.101.3.4.2.3";
pub(crate) const RSA: &str = "1.2.840.113549.1.1.1";
const RSA_SHA256: &str = "1.2.840.113549.1.1.11";
const RSA_SHA384: &str = "1.2.840.113549.1.1.12";
const RSA_SHA512: &str = "1.2.840.113549.1.1.13";
pub(crate) const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
pub(crate) const CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
pub(crate) const MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
pub(crate) const SIGNING_TIME: &str = "1.2.840.113549.1.9.5";

fn timestamp(t: &x509_cert::time::Time) -> Timestamp {
    let secs = t.to_unix_duration().as_secs();
    Timestamp::from_second(i64::try_from(secs).unwrap_or(i64::MAX)).unwrap_or(Timestamp::MAX)
}

pub(crate) fn parse(der: &[u8]) -> Result<Certificate, VerifyError> {
    Certificate::from_der(der).map_err(|e| VerifyError::NotCertificate(e.to_string()))
}

/// Reads a certificate.
pub fn inspect(der: &[u8]) -> Result<Inspected, VerifyError> {
    let cert = parse(der)?;
    let tbs = &cert.tbs_certificate;
    Ok(Inspected {
        serial: tbs.serial_number.as_bytes().to_vec(),
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        not_before: timestamp(&tbs.validity.not_before),
        not_after: timestamp(&tbs.validity.not_after),
        four: four_of(&cert),
    })
}

/// The four basic items from the JPKI subjectAltName otherName values, read by OID (their
/// order differs between cards, facts §3.2).
fn four_of(cert: &Certificate) -> Option<BasicFour> {
    let (_, san) = cert
        .tbs_certificate
        .get::<SubjectAltName>()
        .ok()
        .flatten()?;
    let mut values: [Option<String>; 7] = Default::default();
    for name in &san.0 {
        let GeneralName::OtherName(OtherName { type_id, value }) = name else {
            continue;
        };
        let id = type_id.to_string();
        let Some(last) = id.strip_prefix("1.2.392.200149.8.5.5.") else {
            continue;
        };
        let Ok(i @ 1..=6) = last.parse::<usize>() else {
            continue;
        };
        // The value is [0] EXPLICIT UTF8String; `value` is the string inside.
        let text = value.decode_as::<der::asn1::Utf8StringRef<'_>>().ok()?;
        values[i] = Some(text.as_str().to_owned());
    }
    let birth = values[4].as_deref()?;
    let sex = match values[3].as_deref()? {
        "1" => Sex::Male,
        "2" => Sex::Female,
        _ => return None,
    };
    Some(BasicFour {
        name: values[1].clone()?,
        sex,
        birth_date: birth_from_value(birth)?,
        address: values[5].clone()?,
    })
}

/// The date of an `EYYYYMMDD` birth value (facts §3.2): the era digit, then the Gregorian date.
fn birth_from_value(v: &str) -> Option<jiff::civil::Date> {
    let digits = v.get(1..)?;
    if v.len() != 9 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = digits.get(0..4)?.parse().ok()?;
    let month = digits.get(4..6)?.parse().ok()?;
    let day = digits.get(6..8)?.parse().ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

/// The verification algorithm for an RSA signature made with `digest` (an OID).
pub(crate) fn rsa_algorithm(
    digest: &str,
) -> Result<&'static aws_lc_rs::signature::RsaParameters, VerifyError> {
    use aws_lc_rs::signature as s;
    match digest {
        SHA256 => Ok(&s::RSA_PKCS1_2048_8192_SHA256),
        SHA384 => Ok(&s::RSA_PKCS1_2048_8192_SHA384),
        SHA512 => Ok(&s::RSA_PKCS1_2048_8192_SHA512),
        SHA1 => Err(VerifyError::Algorithm(
            "SHA-1 (signatures must use SHA-256 or stronger)".into(),
        )),
        other => Err(VerifyError::Algorithm(other.into())),
    }
}

/// The digest an RSA signature algorithm OID names.
fn digest_of_signature_algorithm(oid: &str) -> Result<&'static str, VerifyError> {
    match oid {
        RSA_SHA256 => Ok(SHA256),
        RSA_SHA384 => Ok(SHA384),
        RSA_SHA512 => Ok(SHA512),
        other => Err(VerifyError::Algorithm(other.into())),
    }
}

fn rsa_verify(
    cert: &Certificate,
    digest: &str,
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let key = cert
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    aws_lc_rs::signature::UnparsedPublicKey::new(rsa_algorithm(digest)?, key)
        .verify(message, signature)
        .map_err(|_| VerifyError::BadSignature)
}

/// Checks a PKCS#1 v1.5 signature with SHA-256 (RFC 8017 §8.2), as a card's key makes one, over
/// `message` with the RSA key of the certificate `cert` (DER).
pub fn verify_with_certificate(
    cert: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    rsa_verify(&parse(cert)?, SHA256, message, signature)
}

/// Whether the authority whose certificate is `issuer` signed `cert`.
pub fn issued_by(cert: &[u8], issuer: &[u8]) -> Result<bool, VerifyError> {
    let cert = parse(cert)?;
    let issuer = parse(issuer)?;
    if cert.tbs_certificate.issuer != issuer.tbs_certificate.subject {
        return Ok(false);
    }
    let digest = digest_of_signature_algorithm(&cert.signature_algorithm.oid.to_string())?;
    let tbs = cert
        .tbs_certificate
        .to_der()
        .map_err(|e| VerifyError::NotCertificate(e.to_string()))?;
    let signature = cert.signature.raw_bytes();
    match rsa_verify(&issuer, digest, &tbs, signature) {
        Ok(()) => Ok(true),
        Err(VerifyError::BadSignature) => Ok(false),
        Err(e) => Err(e),
    }
}

fn digest(oid: &str, data: &[u8]) -> Result<Vec<u8>, VerifyError> {
    use aws_lc_rs::digest as d;
    let alg = match oid {
        SHA256 => &d::SHA256,
        SHA384 => &d::SHA384,
        SHA512 => &d::SHA512,
        SHA1 => {
            return Err(VerifyError::Algorithm(
                "SHA-1 (signatures must use SHA-256 or stronger)".into(),
            ));
        }
        other => return Err(VerifyError::Algorithm(other.into())),
    };
    Ok(d::digest(alg, data).as_ref().to_vec())
}

/// Verifies a CMS SignedData (DER) with one signer: the signer's certificate from the
/// message, the content's digest against the signed messageDigest attribute, and the RSA
/// signature over the signed attributes (RFC 5652 §5.4). `detached` is the content of a
/// detached signature; given with one that carries its own, the two must be the same bytes.
/// Whether the signer's certificate is trustworthy is the caller's next question.
pub fn verify_signature(der: &[u8], detached: Option<&[u8]>) -> Result<SignedContent, VerifyError> {
    let not = |e: der::Error| VerifyError::NotSignature(e.to_string());
    let info = ContentInfo::from_der(der).map_err(not)?;
    if info.content_type.to_string() != SIGNED_DATA {
        return Err(VerifyError::NotSignature(format!(
            "the content type is {}, not signedData",
            info.content_type
        )));
    }
    let signed: SignedData = info.content.decode_as().map_err(not)?;
    let content = match (&signed.encap_content_info.econtent, detached) {
        (Some(any), given) => {
            let carried = OctetString::from_der(&any.to_der().map_err(not)?)
                .map_err(not)?
                .as_bytes()
                .to_vec();
            // Content given beside a signature that carries its own is the content the caller
            // means: it must be what was signed, never silently set aside.
            if given.is_some_and(|g| g != carried.as_slice()) {
                return Err(VerifyError::DigestMismatch);
            }
            carried
        }
        (None, Some(d)) => d.to_vec(),
        (None, None) => return Err(VerifyError::NoContent),
    };
    let signer = match signed.signer_infos.0.as_slice() {
        [one] => one,
        [] => return Err(VerifyError::NotSignature("it has no signer".into())),
        _ => {
            return Err(VerifyError::NotSignature(
                "it has several signers; one is expected".into(),
            ));
        }
    };
    let certs: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()),
            cms::cert::CertificateChoices::Other(_) => None,
        })
        .collect();
    let cert = certs
        .into_iter()
        .find(|c| match &signer.sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => {
                c.tbs_certificate.issuer == id.issuer
                    && c.tbs_certificate.serial_number == id.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => c
                .tbs_certificate
                .get::<SubjectKeyIdentifier>()
                .ok()
                .flatten()
                .is_some_and(|(_, k)| k == *ski),
        })
        .ok_or(VerifyError::NoSignerCertificate)?;
    let digest_oid = signer.digest_alg.oid.to_string();
    let content_digest = digest(&digest_oid, &content)?;
    let sig_oid = signer.signature_algorithm.oid.to_string();
    if sig_oid != RSA && digest_of_signature_algorithm(&sig_oid)? != digest_oid {
        return Err(VerifyError::Algorithm(format!(
            "{sig_oid} with digest {digest_oid}"
        )));
    }
    let mut signing_time = None;
    let message = match &signer.signed_attrs {
        Some(attrs) => {
            let read = read_attributes(attrs);
            signing_time = read.signing_time;
            if !read.has_content_type {
                return Err(VerifyError::NotSignature(
                    "its signed attributes lack the content type (RFC 5652 §5.3)".into(),
                ));
            }
            if read.message_digest.as_deref() != Some(content_digest.as_slice()) {
                return Err(VerifyError::DigestMismatch);
            }
            // The signature covers the attributes' DER with the SET OF tag (RFC 5652 §5.4).
            attrs.to_der().map_err(not)?
        }
        None => content.clone(),
    };
    rsa_verify(&cert, &digest_oid, &message, signer.signature.as_bytes())?;
    Ok(SignedContent {
        signer: cert.to_der().map_err(not)?,
        signing_time,
        content,
    })
}

/// What a CMS signature's signed attributes say (RFC 5652 §11): the content's digest, whether
/// the content type is there, and the signing time.
pub(crate) struct AttributesRead {
    pub(crate) message_digest: Option<Vec<u8>>,
    pub(crate) has_content_type: bool,
    pub(crate) signing_time: Option<Timestamp>,
}

pub(crate) fn read_attributes(attrs: &cms::signed_data::SignedAttributes) -> AttributesRead {
    let mut read = AttributesRead {
        message_digest: None,
        has_content_type: false,
        signing_time: None,
    };
    for attr in attrs.iter() {
        let value = attr.values.iter().next();
        match attr.oid.to_string().as_str() {
            MESSAGE_DIGEST => {
                read.message_digest = value
                    .and_then(|v| v.decode_as::<OctetString>().ok())
                    .map(|d| d.as_bytes().to_vec());
            }
            CONTENT_TYPE => read.has_content_type = true,
            SIGNING_TIME => {
                read.signing_time = value
                    .and_then(|v| {
                        v.to_der()
                            .ok()
                            .and_then(|d| x509_cert::time::Time::from_der(&d).ok())
                    })
                    .map(|t| timestamp(&t));
            }
            _ => {}
        }
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_values_read_back() {
        assert_eq!(
            birth_from_value("419900501"),
            Some(jiff::civil::date(1990, 5, 1))
        );
        assert_eq!(
            birth_from_value("520200229"),
            Some(jiff::civil::date(2020, 2, 29))
        );
        assert_eq!(birth_from_value("520210229"), None);
        assert_eq!(birth_from_value("41990050"), None);
        assert_eq!(birth_from_value("4199005x1"), None);
        // Round trip with the writer.
        let d = jiff::civil::date(1926, 12, 25);
        assert_eq!(birth_from_value(&crate::birth_value(d)), Some(d));
    }

    #[test]
    fn garbage_is_neither_a_certificate_nor_a_signature() {
        assert!(matches!(
            inspect(b"junk"),
            Err(VerifyError::NotCertificate(_))
        ));
        assert!(matches!(
            verify_signature(b"junk", None),
            Err(VerifyError::NotSignature(_))
        ));
    }
}
