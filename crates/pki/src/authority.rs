//! An issuing authority: its self-signed certificate (the trust anchor relying parties install)
//! and its signer; issuing end-entity certificates for public keys it is given, and CRLs.

use jiff::Timestamp;
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CrlDistributionPoint,
    CustomExtension, DistinguishedName, DnType, IsCa, Issuer, KeyIdMethod, KeyPair,
    KeyUsagePurpose, RevocationReason, RevokedCertParams, SanType, SerialNumber,
    SubjectPublicKeyInfo,
};
use time::OffsetDateTime;

use crate::der::{oid, parse_oid, seq, tlv};
use crate::possession::ProvenKey;
use crate::profile::{BasicFour, Hierarchy, JPKI_SAN_ARC};
use crate::{PkiConfig, PkiError};

/// Who an end-entity certificate is for.
#[derive(Clone, Debug)]
pub enum Holder {
    /// A signature certificate: the four basic items and the municipality (as the locality).
    Signature {
        /// 基本4情報.
        four: BasicFour,
        /// The locality printed in the subject (the municipality's code).
        locality: String,
        /// The opaque common name.
        common_name: String,
    },
    /// A user-authentication certificate: an opaque common name and nothing else.
    Authentication {
        /// The opaque common name.
        common_name: String,
    },
}

/// Why a certificate is on the CRL (RFC 5280 §5.3.1).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Reason {
    /// unspecified (0): e.g. a change of the holder's recorded items.
    Unspecified,
    /// keyCompromise (1).
    KeyCompromise,
    /// affiliationChanged (3): the holder's recorded items changed.
    AffiliationChanged,
    /// superseded (4): renewed.
    Superseded,
    /// cessationOfOperation (5): the card was returned or voided, or the holder left or died.
    CessationOfOperation,
    /// certificateHold (6): the card is suspended; lifted when it resumes.
    CertificateHold,
    /// privilegeWithdrawn (9): revoked on the holder's request.
    PrivilegeWithdrawn,
}

mynumber_core::codes!(Reason {
    Unspecified => "unspecified",
    KeyCompromise => "keyCompromise",
    AffiliationChanged => "affiliationChanged",
    Superseded => "superseded",
    CessationOfOperation => "cessationOfOperation",
    CertificateHold => "certificateHold",
    PrivilegeWithdrawn => "privilegeWithdrawn",
});

impl Reason {
    fn rcgen(self) -> RevocationReason {
        match self {
            Self::Unspecified => RevocationReason::Unspecified,
            Self::KeyCompromise => RevocationReason::KeyCompromise,
            Self::AffiliationChanged => RevocationReason::AffiliationChanged,
            Self::Superseded => RevocationReason::Superseded,
            Self::CessationOfOperation => RevocationReason::CessationOfOperation,
            Self::CertificateHold => RevocationReason::CertificateHold,
            Self::PrivilegeWithdrawn => RevocationReason::PrivilegeWithdrawn,
        }
    }
}

/// A CRL entry.
#[derive(Clone, Debug)]
pub struct Revoked {
    /// The certificate's serial number (big-endian, positive).
    pub serial: Vec<u8>,
    /// When.
    pub at: Timestamp,
    /// Why.
    pub reason: Reason,
}

/// An authority ready to sign.
pub struct Authority {
    hierarchy: Hierarchy,
    cert_der: Vec<u8>,
    issuer: Issuer<'static, KeyPair>,
}

impl std::fmt::Debug for Authority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authority")
            .field("hierarchy", &self.hierarchy)
            .finish_non_exhaustive()
    }
}

pub(crate) fn offset(t: Timestamp) -> Result<OffsetDateTime, PkiError> {
    OffsetDateTime::from_unix_timestamp(t.as_second()).map_err(|_| PkiError::Time)
}

fn ca_name(hierarchy: Hierarchy, config: &PkiConfig) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "JP");
    dn.push(DnType::OrganizationName, config.organization.clone());
    dn.push(DnType::OrganizationalUnitName, hierarchy.unit());
    dn
}

/// certificatePolicies with one policy OID (RFC 5280 §4.2.1.4).
fn policies(policy: &str) -> Result<CustomExtension, PkiError> {
    let arcs =
        parse_oid(policy).ok_or_else(|| PkiError::Config(format!("{policy:?} is not an OID")))?;
    Ok(CustomExtension::from_oid_content(
        &[2, 5, 29, 32],
        seq(&[seq(&[oid(&arcs)])]),
    ))
}

/// authorityInfoAccess with the OCSP responder's URL (RFC 5280 §4.2.2.1).
fn ocsp_access(url: &str) -> CustomExtension {
    let access = seq(&[
        oid(&[1, 3, 6, 1, 5, 5, 7, 48, 1]),
        tlv(0x86, url.as_bytes()),
    ]);
    CustomExtension::from_oid_content(&[1, 3, 6, 1, 5, 5, 7, 1, 1], seq(&[access]))
}

impl Authority {
    /// A new authority with a self-signed certificate valid `years` from `now`.
    pub fn create(
        hierarchy: Hierarchy,
        config: &PkiConfig,
        key: KeyPair,
        serial: [u8; 16],
        now: Timestamp,
        years: i64,
    ) -> Result<Self, PkiError> {
        let mut params = CertificateParams::default();
        params.distinguished_name = ca_name(hierarchy, config);
        params.serial_number = Some(positive_serial(serial));
        params.not_before = offset(now)?;
        params.not_after = offset(now)? + time::Duration::days(365 * years + years / 4);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.key_identifier_method = KeyIdMethod::Sha256;
        let cert = params.self_signed(&key).map_err(PkiError::from)?;
        Ok(Self {
            hierarchy,
            cert_der: cert.der().to_vec(),
            issuer: Issuer::new(params, key),
        })
    }

    /// An authority from its stored certificate and its (unsealed) key.
    pub fn load(hierarchy: Hierarchy, cert_der: Vec<u8>, key: KeyPair) -> Result<Self, PkiError> {
        let issuer =
            Issuer::from_ca_cert_der(&cert_der.clone().into(), key).map_err(PkiError::from)?;
        Ok(Self {
            hierarchy,
            cert_der,
            issuer,
        })
    }

    /// Which hierarchy.
    pub fn hierarchy(&self) -> Hierarchy {
        self.hierarchy
    }

    /// The authority's certificate (DER): the trust anchor.
    pub fn certificate(&self) -> &[u8] {
        &self.cert_der
    }

    /// Certifies `key` (generated on the card: the private key never passes through here, and
    /// its holder proved possession of it) for `holder`, valid from `not_before` to
    /// `not_after`.
    pub fn issue(
        &self,
        config: &PkiConfig,
        holder: &Holder,
        key: &ProvenKey,
        serial: [u8; 16],
        not_before: Timestamp,
        not_after: Timestamp,
    ) -> Result<Vec<u8>, PkiError> {
        let public_key = key.public_key_der();
        let spki = SubjectPublicKeyInfo::from_der(public_key)
            .map_err(|e| PkiError::PublicKey(e.to_string()))?;
        if !public_key_is_rsa_2048(public_key) {
            return Err(PkiError::PublicKey(
                "the public key must be RSA-2048 (facts §3.2)".into(),
            ));
        }
        let mut params = CertificateParams::default();
        params.serial_number = Some(positive_serial(serial));
        params.not_before = offset(not_before)?;
        params.not_after = offset(not_after)?;
        params.use_authority_key_identifier_extension = true;
        params.key_identifier_method = KeyIdMethod::Sha256;
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CountryName, "JP");
        let (policy, usages) = match holder {
            Holder::Signature {
                four,
                locality,
                common_name,
            } => {
                dn.push(DnType::LocalityName, locality.clone());
                dn.push(DnType::CommonName, common_name.clone());
                params.subject_alt_names = four
                    .other_names()
                    .into_iter()
                    .map(|(last, value)| {
                        let mut arc = JPKI_SAN_ARC.to_vec();
                        if let Some(l) = arc.last_mut() {
                            *l = last;
                        }
                        SanType::OtherName((arc, value.into()))
                    })
                    .collect();
                (
                    &config.signature_policy,
                    vec![
                        KeyUsagePurpose::DigitalSignature,
                        KeyUsagePurpose::ContentCommitment,
                    ],
                )
            }
            Holder::Authentication { common_name } => {
                dn.push(DnType::CommonName, common_name.clone());
                (
                    &config.authentication_policy,
                    vec![KeyUsagePurpose::DigitalSignature],
                )
            }
        };
        params.distinguished_name = dn;
        params.key_usages = usages;
        params.crl_distribution_points = vec![CrlDistributionPoint {
            uris: vec![config.crl_url(self.hierarchy)],
        }];
        params.custom_extensions = vec![policies(policy)?, ocsp_access(&config.ocsp_url())];
        let cert = params
            .signed_by(&spki, &self.issuer)
            .map_err(PkiError::from)?;
        Ok(cert.der().to_vec())
    }

    /// Signs certificate parameters for a key of the authority's own services (the OCSP
    /// responder).
    pub(crate) fn sign_params(
        &self,
        params: &CertificateParams,
        key: &KeyPair,
    ) -> Result<Vec<u8>, PkiError> {
        Ok(params
            .signed_by(key, &self.issuer)
            .map_err(PkiError::from)?
            .der()
            .to_vec())
    }

    /// A CRL listing `revoked`, numbered `number`, valid until `next_update`.
    pub fn crl(
        &self,
        revoked: &[Revoked],
        number: u64,
        this_update: Timestamp,
        next_update: Timestamp,
    ) -> Result<Vec<u8>, PkiError> {
        let revoked_certs = revoked
            .iter()
            .map(|r| {
                Ok(RevokedCertParams {
                    serial_number: SerialNumber::from_slice(&r.serial),
                    revocation_time: offset(r.at)?,
                    reason_code: Some(r.reason.rcgen()),
                    invalidity_date: None,
                })
            })
            .collect::<Result<Vec<_>, PkiError>>()?;
        let params = CertificateRevocationListParams {
            this_update: offset(this_update)?,
            next_update: offset(next_update)?,
            crl_number: SerialNumber::from(number),
            issuing_distribution_point: None,
            revoked_certs,
            key_identifier_method: KeyIdMethod::Sha256,
        };
        let crl = params.signed_by(&self.issuer).map_err(PkiError::from)?;
        Ok(crl.der().to_vec())
    }
}

/// A serial number from 16 random bytes, made positive and without a leading zero byte, as
/// RFC 5280 §4.1.2.2 requires.
pub fn positive_serial(mut bytes: [u8; 16]) -> SerialNumber {
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    SerialNumber::from_slice(&bytes)
}

/// The serial number as it goes into the certificate, for storage.
pub fn serial_bytes(bytes: [u8; 16]) -> Vec<u8> {
    positive_serial(bytes).as_ref().to_vec()
}

/// Whether a SubjectPublicKeyInfo holds an RSA key with a 2048-bit modulus.
fn public_key_is_rsa_2048(spki: &[u8]) -> bool {
    // rsaEncryption OID, then a BIT STRING wrapping SEQUENCE { INTEGER n, INTEGER e }; a 2048-bit
    // modulus is 256 bytes (257 with the leading zero of a positive INTEGER).
    let rsa = oid(&[1, 2, 840, 113_549, 1, 1, 1]);
    spki.windows(rsa.len()).any(|w| w == rsa.as_slice())
        && spki.windows(4).any(|w| w == [0x02, 0x82, 0x01, 0x01])
}
