//! What the signing service (issue 12; docs/design/signing.md) needs of PKCS#1 and CMS: the
//! DigestInfo a relying party hands over or the card signs (RFC 8017 §9.2), the check of a
//! card's signature over one, and a detached CMS SignedData (RFC 5652 §5) built around a
//! signature the card made over its signed attributes. Pure: the time and the signature are
//! arguments.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier,
    SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use jiff::Timestamp;
use x509_cert::attr::Attribute;
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::VerifyError;
use crate::verify::{
    CONTENT_TYPE, MESSAGE_DIGEST, RSA, SHA256, SHA384, SHA512, SIGNED_DATA, SIGNING_TIME, parse,
    rsa_algorithm,
};

/// id-data (RFC 5652 §4): the content type of what a relying party signs.
const DATA: &str = "1.2.840.113549.1.7.1";

/// A digest algorithm a DigestInfo may name: the SHA-2 family (SHA-1 is refused).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DigestAlgorithm {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl DigestAlgorithm {
    /// The DER prefix of a DigestInfo with this algorithm and NULL parameters, up to the
    /// digest's bytes (RFC 8017 §9.2, note 1).
    fn prefix(self) -> &'static [u8] {
        match self {
            Self::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            Self::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            Self::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }

    /// The digest's length in bytes.
    pub fn digest_len(self) -> usize {
        match self {
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }

    fn oid(self) -> &'static str {
        match self {
            Self::Sha256 => SHA256,
            Self::Sha384 => SHA384,
            Self::Sha512 => SHA512,
        }
    }

    fn aws(self) -> &'static aws_lc_rs::digest::Algorithm {
        match self {
            Self::Sha256 => &aws_lc_rs::digest::SHA256,
            Self::Sha384 => &aws_lc_rs::digest::SHA384,
            Self::Sha512 => &aws_lc_rs::digest::SHA512,
        }
    }

    /// Its name, for people.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
            Self::Sha512 => "SHA-512",
        }
    }
}

/// A DigestInfo (RFC 8017 §9.2): a digest and the algorithm that made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestInfo {
    /// The algorithm.
    pub algorithm: DigestAlgorithm,
    /// The digest.
    pub digest: Vec<u8>,
}

impl DigestInfo {
    /// A SHA-256 digest, wrapped.
    pub fn sha256(digest: &[u8]) -> Result<Self, VerifyError> {
        if digest.len() != 32 {
            return Err(VerifyError::NotDigest(format!(
                "a SHA-256 digest is 32 bytes, not {}",
                digest.len()
            )));
        }
        Ok(Self {
            algorithm: DigestAlgorithm::Sha256,
            digest: digest.to_vec(),
        })
    }

    /// The DigestInfo of `message`'s SHA-256.
    pub fn sha256_of(message: &[u8]) -> Self {
        Self {
            algorithm: DigestAlgorithm::Sha256,
            digest: aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, message)
                .as_ref()
                .to_vec(),
        }
    }

    /// Reads a DER DigestInfo. Only the DER encoding with NULL parameters is accepted (what
    /// RFC 8017 §9.2 writes, and what a card pads): anything else could be signed but never
    /// verified the same way twice.
    pub fn parse(der: &[u8]) -> Result<Self, VerifyError> {
        for algorithm in [
            DigestAlgorithm::Sha256,
            DigestAlgorithm::Sha384,
            DigestAlgorithm::Sha512,
        ] {
            if let Some(digest) = der.strip_prefix(algorithm.prefix())
                && digest.len() == algorithm.digest_len()
            {
                return Ok(Self {
                    algorithm,
                    digest: digest.to_vec(),
                });
            }
        }
        Err(VerifyError::NotDigest(
            "not a DER DigestInfo of SHA-256, SHA-384 or SHA-512 with NULL parameters".into(),
        ))
    }

    /// Its DER.
    pub fn to_der(&self) -> Vec<u8> {
        let mut out = self.algorithm.prefix().to_vec();
        out.extend_from_slice(&self.digest);
        out
    }
}

/// Checks a PKCS#1 v1.5 signature (RFC 8017 §8.2) over a DigestInfo (DER) with the RSA key of
/// the certificate `cert` (DER): what a card's key makes of a digest it was handed.
pub fn verify_digest_info(
    cert: &[u8],
    digest_info: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let info = DigestInfo::parse(digest_info)?;
    let cert = parse(cert)?;
    let key = cert
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let digest = aws_lc_rs::digest::Digest::import_less_safe(&info.digest, info.algorithm.aws())
        .map_err(|_| VerifyError::NotDigest("the digest's length".into()))?;
    aws_lc_rs::signature::UnparsedPublicKey::new(rsa_algorithm(info.algorithm.oid())?, key)
        .verify_digest(&digest, signature)
        .map_err(|_| VerifyError::BadSignature)
}

fn oid(s: &str) -> Result<ObjectIdentifier, VerifyError> {
    ObjectIdentifier::new(s).map_err(|e| VerifyError::NotSignature(e.to_string()))
}

fn bad(e: der::Error) -> VerifyError {
    VerifyError::NotSignature(e.to_string())
}

/// The signed attributes (RFC 5652 §5.3, §11) of a detached CMS signature over content whose
/// SHA-256 is `content_digest`: its content type (id-data), the signing time, and the
/// digest. Returned as the DER of the SET OF, which is what the signature covers (§5.4).
pub fn signed_attributes(
    content_digest: &[u8],
    signing_time: Timestamp,
) -> Result<Vec<u8>, VerifyError> {
    if content_digest.len() != 32 {
        return Err(VerifyError::NotDigest(format!(
            "a SHA-256 digest is 32 bytes, not {}",
            content_digest.len()
        )));
    }
    let seconds = u64::try_from(signing_time.as_second())
        .map_err(|_| VerifyError::NotSignature("a signing time before 1970".into()))?;
    // RFC 5652 §11.3: UTCTime through 2049, GeneralizedTime after; x509-cert chooses so.
    let time = x509_cert::time::Time::try_from(
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds),
    )
    .map_err(bad)?;
    let attribute = |id: &str, value: Any| -> Result<Attribute, VerifyError> {
        Ok(Attribute {
            oid: oid(id)?,
            values: SetOfVec::try_from(vec![value]).map_err(bad)?,
        })
    };
    let attrs: SignedAttributes = SetOfVec::try_from(vec![
        attribute(CONTENT_TYPE, Any::encode_from(&oid(DATA)?).map_err(bad)?)?,
        attribute(SIGNING_TIME, Any::encode_from(&time).map_err(bad)?)?,
        attribute(
            MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(content_digest).map_err(bad)?).map_err(bad)?,
        )?,
    ])
    .map_err(bad)?;
    attrs.to_der().map_err(bad)
}

/// The signed attributes of a detached signature as the card's holder must see them before
/// signing: the document's digest and the signing time written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedAttributesRead {
    /// The messageDigest: the SHA-256 of the document.
    pub content_digest: Vec<u8>,
    /// The signingTime.
    pub signing_time: Option<Timestamp>,
}

/// Reads signed attributes (the DER of the SET OF, as [`signed_attributes`] writes them), as
/// strictly as they are written: the content type id-data and the digest, each once and
/// single-valued, at most one signing time, and nothing else (RFC 5652 §5.3, §11), so that
/// what the holder is shown is all the card signs.
pub fn read_signed_attributes(der: &[u8]) -> Result<SignedAttributesRead, VerifyError> {
    let attrs = SignedAttributes::from_der(der).map_err(bad)?;
    let mut seen = Vec::new();
    for attr in attrs.iter() {
        let id = attr.oid.to_string();
        let known = [CONTENT_TYPE, MESSAGE_DIGEST, SIGNING_TIME].contains(&id.as_str());
        if !known || seen.contains(&id) || attr.values.len() != 1 {
            return Err(VerifyError::NotSignature(format!(
                "the signed attributes hold an unexpected or repeated attribute {id}"
            )));
        }
        if id == CONTENT_TYPE
            && attr
                .values
                .iter()
                .next()
                .and_then(|v| v.decode_as::<ObjectIdentifier>().ok())
                != Some(oid(DATA)?)
        {
            return Err(VerifyError::NotSignature(
                "the signed attributes' content type is not id-data".into(),
            ));
        }
        seen.push(id);
    }
    let read = crate::verify::read_attributes(&attrs);
    match (read.has_content_type, read.message_digest) {
        (true, Some(content_digest)) => Ok(SignedAttributesRead {
            content_digest,
            signing_time: read.signing_time,
        }),
        _ => Err(VerifyError::NotSignature(
            "the signed attributes lack the content type or the digest (RFC 5652 §5.3)".into(),
        )),
    }
}

/// A detached CMS SignedData (RFC 5652 §5.1), DER: one signer, identified by issuer and
/// serial, SHA-256 with RSA (PKCS#1 v1.5) over `signed_attrs` (the DER of
/// [`signed_attributes`]), carrying the signer's certificate and `chain` (the issuing
/// authority's), so that `openssl cms -verify` needs only the trust anchor.
pub fn detached_signed_data(
    signed_attrs: &[u8],
    signature: &[u8],
    signer: &[u8],
    chain: &[&[u8]],
) -> Result<Vec<u8>, VerifyError> {
    let attrs = SignedAttributes::from_der(signed_attrs).map_err(bad)?;
    let cert = parse(signer)?;
    let sha256 = AlgorithmIdentifierOwned {
        oid: oid(SHA256)?,
        // RFC 5754 §2: the parameters of SHA-2 are absent.
        parameters: None,
    };
    let info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: oid(RSA)?,
            parameters: Some(Any::null()),
        },
        signature: OctetString::new(signature).map_err(bad)?,
        unsigned_attrs: None,
    };
    let mut certificates = vec![CertificateChoices::Certificate(cert)];
    for c in chain {
        certificates.push(CertificateChoices::Certificate(parse(c)?));
    }
    let data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256]).map_err(bad)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: oid(DATA)?,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certificates).map_err(bad)?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![info]).map_err(bad)?),
    };
    ContentInfo {
        content_type: oid(SIGNED_DATA)?,
        content: Any::encode_from(&data).map_err(bad)?,
    }
    .to_der()
    .map_err(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_infos_round_trip_and_strangers_are_refused() {
        let d = DigestInfo::sha256_of(b"abc");
        // FIPS 180-2's known answer for "abc".
        assert_eq!(
            hex(&d.digest),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(DigestInfo::parse(&d.to_der()), Ok(d.clone()));
        assert_eq!(d.to_der().len(), 51);
        let long = DigestInfo {
            algorithm: DigestAlgorithm::Sha512,
            digest: vec![7; 64],
        };
        assert_eq!(DigestInfo::parse(&long.to_der()), Ok(long));
        let mut short = d.to_der();
        short.pop();
        assert!(DigestInfo::parse(&short).is_err());
        let mut extra = d.to_der();
        extra.push(0);
        assert!(DigestInfo::parse(&extra).is_err());
        // SHA-1's DigestInfo is refused.
        let mut sha1 = vec![
            0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
            0x14,
        ];
        sha1.extend_from_slice(&[1; 20]);
        assert!(DigestInfo::parse(&sha1).is_err());
        assert!(DigestInfo::sha256(&[0; 31]).is_err());
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn signed_attributes_carry_the_digest_and_reject_other_lengths() {
        let at = Timestamp::from_second(1_780_000_000).expect("time");
        let der = signed_attributes(&[9; 32], at).expect("attributes");
        let attrs = SignedAttributes::from_der(&der).expect("decodes");
        assert_eq!(attrs.len(), 3);
        // The SET OF is tagged 0x31 (the signature covers it so, RFC 5652 §5.4).
        assert_eq!(der[0], 0x31);
        assert!(signed_attributes(&[9; 20], at).is_err());
        // What the holder is shown is what was written in.
        assert_eq!(
            read_signed_attributes(&der),
            Ok(SignedAttributesRead {
                content_digest: vec![9; 32],
                signing_time: Some(at),
            })
        );
        // A DigestInfo is not signed attributes; nor is an empty SET OF.
        assert!(read_signed_attributes(&DigestInfo::sha256_of(b"x").to_der()).is_err());
        assert!(read_signed_attributes(&[0x31, 0x00]).is_err());
        // Two digests, a stranger attribute, or another content type: refused, not read.
        let attribute = |id: &str, value: Any| Attribute {
            oid: oid(id).expect("oid"),
            values: SetOfVec::try_from(vec![value]).expect("set"),
        };
        let digest =
            |d: &[u8]| Any::encode_from(&OctetString::new(d).expect("octets")).expect("any");
        let data = Any::encode_from(&oid(DATA).expect("oid")).expect("any");
        for set in [
            vec![
                attribute(CONTENT_TYPE, data.clone()),
                attribute(MESSAGE_DIGEST, digest(&[9; 32])),
                attribute(MESSAGE_DIGEST, digest(&[8; 32])),
            ],
            vec![
                attribute(CONTENT_TYPE, data.clone()),
                attribute(MESSAGE_DIGEST, digest(&[9; 32])),
                attribute("1.2.840.113549.1.9.52", data.clone()),
            ],
            vec![
                attribute(
                    CONTENT_TYPE,
                    Any::encode_from(&oid(SIGNED_DATA).expect("oid")).expect("any"),
                ),
                attribute(MESSAGE_DIGEST, digest(&[9; 32])),
            ],
        ] {
            let der = SignedAttributes::try_from(set)
                .expect("set of")
                .to_der()
                .expect("der");
            assert!(read_signed_attributes(&der).is_err());
        }
    }
}
