//! The certificate authority's storage: the authorities, issued certificates and their status,
//! status revisions and published CRLs.

use async_trait::async_trait;

use mynumber_core::PersonId;
use mynumber_core::certificate::CertificateStatus;

use crate::StoreError;

/// An issued certificate as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateRow {
    /// The serial number, hex.
    pub serial: String,
    /// `signature` or `authentication`.
    pub hierarchy: String,
    /// The holder.
    pub person: PersonId,
    /// Good, on hold or revoked.
    pub status: CertificateStatus,
    /// The RFC 5280 reason name, once revoked or held.
    pub reason: Option<String>,
    /// When it was revoked or held (µs).
    pub revoked_at_us: Option<i64>,
    /// Its notAfter (µs).
    pub not_after_us: i64,
    /// When it was issued (µs).
    pub issued_at_us: i64,
    /// The certificate, DER.
    pub der: Vec<u8>,
}

/// A published CRL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrlRow {
    /// `signature` or `authentication`.
    pub hierarchy: String,
    /// Its CRL number.
    pub number: i64,
    /// The hierarchy's status revision it reflects.
    pub revision: i64,
    /// Its thisUpdate (µs).
    pub this_update_us: i64,
    /// Its nextUpdate (µs).
    pub next_update_us: i64,
    /// The CRL, DER.
    pub der: Vec<u8>,
}

/// Reads the authorities and certificates.
#[async_trait]
pub trait CertificatesRead: Send {
    /// A hierarchy's authority: its certificate (DER) and sealed key.
    async fn authority(
        &mut self,
        hierarchy: &str,
    ) -> Result<Option<(Vec<u8>, Vec<u8>)>, StoreError>;
    /// A certificate by serial (hex).
    async fn certificate(&mut self, serial: &str) -> Result<Option<CertificateRow>, StoreError>;
    /// A person's certificates, newest first.
    async fn certificates_of(
        &mut self,
        person: PersonId,
    ) -> Result<Vec<CertificateRow>, StoreError>;
    /// The revoked and held certificates of a hierarchy that have not expired by `at_us`
    /// (what its CRL lists: RFC 5280 §3.3 lets an entry go once the certificate expires).
    async fn revoked_certificates(
        &mut self,
        hierarchy: &str,
        at_us: i64,
    ) -> Result<Vec<CertificateRow>, StoreError>;
    /// A hierarchy's status revision (0 before any change).
    async fn certificate_revision(&mut self, hierarchy: &str) -> Result<i64, StoreError>;
    /// The CRL last published for a hierarchy.
    async fn latest_crl(&mut self, hierarchy: &str) -> Result<Option<CrlRow>, StoreError>;
}

/// Writes the authorities and certificates.
#[async_trait]
pub trait CertificatesWrite: Send {
    /// Installs an authority unless one exists; returns whether this one was installed.
    async fn insert_authority(
        &mut self,
        hierarchy: &str,
        certificate: &[u8],
        sealed_key: &[u8],
        at_us: i64,
    ) -> Result<bool, StoreError>;
    /// Records an issued certificate.
    async fn insert_certificate(&mut self, row: &CertificateRow) -> Result<(), StoreError>;
    /// Moves a certificate from `from` to `to` status with a reason and its time (both cleared
    /// by passing `None`); returns whether it moved (false: its status was no longer `from`).
    async fn set_certificate_status(
        &mut self,
        serial: &str,
        from: CertificateStatus,
        to: CertificateStatus,
        reason: Option<&str>,
        at_us: Option<i64>,
    ) -> Result<bool, StoreError>;
    /// Increments and returns a hierarchy's status revision (at every revocation, hold and
    /// release).
    async fn bump_certificate_revision(&mut self, hierarchy: &str) -> Result<i64, StoreError>;
    /// Publishes `row` in place of the CRL numbered `replacing` (`None`: the first one);
    /// returns false when another server published first.
    async fn publish_crl(
        &mut self,
        row: &CrlRow,
        replacing: Option<i64>,
    ) -> Result<bool, StoreError>;
}
