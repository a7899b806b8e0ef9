//! 失効情報 (revocation information, facts §3.4): what relying parties read about the
//! certificates. Each hierarchy's CRL, published once per change and shared by every server of
//! the deployment, the OCSP responder (RFC 6960) with its cache of signed answers, and the
//! check of a certificate or a CMS signature against the authorities and the register.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use mynumber_core::certificate::CertificateStatus;
use mynumber_pki::{
    Hierarchy, Inspected, KeyPair, ParsedRequest, Reason, Responder, Revoked, SignedContent,
    Status, malformed_response, unauthorized_response,
};

use crate::certificates::pki;
use crate::{App, AppError, CertificateRow, CrlRow};

/// How long a CRL is valid (its nextUpdate).
const CRL_VALIDITY_US: i64 = 24 * HOUR_US;
/// How long a published CRL is served before a fresh one replaces it, even without a change:
/// relying parties then always get one valid for at least 23 more hours.
const CRL_REFRESH_US: i64 = HOUR_US;
/// How long a relying party may keep an OCSP answer (its nextUpdate).
const OCSP_VALIDITY_US: i64 = HOUR_US;
/// How long this process reuses a signed answer to a nonce-less request while no status
/// changes: the answers it serves are always valid for at least 50 more minutes.
const OCSP_REUSE_US: i64 = 10 * 60 * 1_000_000;
/// Cached answers kept at most (about 1 KB each; the cache starts over when full).
const OCSP_CACHE_LIMIT: usize = 20_000;
/// How long a responder's certificate is valid; it is replaced a day before it ends.
const RESPONDER_DAYS: i64 = 30;
const HOUR_US: i64 = 3_600_000_000;

/// The time of a stored microsecond count.
pub(crate) fn timestamp(us: i64) -> Timestamp {
    Timestamp::from_microsecond(us).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// When and why a stored certificate was revoked or held; `None` while it is good.
fn revocation(c: &CertificateRow) -> Option<(Timestamp, Reason)> {
    match c.status {
        CertificateStatus::Good => None,
        CertificateStatus::Hold | CertificateStatus::Revoked => Some((
            timestamp(c.revoked_at_us.unwrap_or(0)),
            c.reason
                .as_deref()
                .and_then(Reason::parse)
                .unwrap_or(Reason::Unspecified),
        )),
    }
}

/// The status OCSP reports for a stored certificate.
fn status_of(c: &CertificateRow) -> Status {
    revocation(c).map_or(Status::Good, |(at, reason)| Status::Revoked { at, reason })
}

/// What a certificate's check found, at the time asked about.
#[derive(Clone, Debug)]
pub struct CertificateCheck {
    /// What the certificate says.
    pub certificate: Inspected,
    /// The authority that signed it, if one of ours did.
    pub hierarchy: Option<Hierarchy>,
    /// The time checked at.
    pub at: Timestamp,
    /// The conclusion.
    pub verdict: Verdict,
}

/// Whether a certificate could be relied on at a time, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Issued here, within its validity, neither revoked nor held at the time.
    Valid,
    /// Not signed by either of this system's authorities.
    NotIssuedHere,
    /// Before its notBefore.
    NotYetValid,
    /// After its notAfter.
    Expired,
    /// Signed by an authority's key but absent from the register: never trust it.
    NotInRegister,
    /// On hold (the card suspended) since a time.
    OnHold {
        /// Since when.
        since: Timestamp,
    },
    /// Revoked at a time, for a reason.
    Revoked {
        /// When.
        at: Timestamp,
        /// Why.
        reason: Reason,
    },
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Valid => write!(f, "valid"),
            Self::NotIssuedHere => write!(
                f,
                "not valid: it was not issued by this system's certificate authorities"
            ),
            Self::NotYetValid => write!(f, "not valid: its validity had not begun"),
            Self::Expired => write!(f, "not valid: it had expired"),
            Self::NotInRegister => write!(
                f,
                "not valid: it carries an authority's signature but is not in the register"
            ),
            Self::OnHold { since } => write!(
                f,
                "not valid: on hold since {since:.0} (the card is suspended)"
            ),
            Self::Revoked { at, reason } => {
                write!(f, "not valid: revoked at {at:.0} ({})", reason.code())
            }
        }
    }
}

impl App {
    /// Checks a certificate (DER) at `at`: which of this system's authorities signed it, its
    /// validity period, and its status in the register at that time. A certificate revoked
    /// later was valid then; a hold since lifted leaves no mark.
    pub async fn check_certificate(
        &self,
        der: &[u8],
        at: Timestamp,
    ) -> Result<CertificateCheck, AppError> {
        let certificate = mynumber_pki::inspect(der).map_err(AppError::NotVerified)?;
        let mut tx = self.store.begin_lookup().await?;
        let mut hierarchy = None;
        for h in Hierarchy::ALL {
            if let Some(ca) = self.anchor(tx.as_mut(), h).await?
                && mynumber_pki::issued_by(der, &ca).map_err(AppError::NotVerified)?
            {
                hierarchy = Some(h);
                break;
            }
        }
        let verdict = match hierarchy {
            None => Verdict::NotIssuedHere,
            Some(_) if at < certificate.not_before => Verdict::NotYetValid,
            Some(_) if at > certificate.not_after => Verdict::Expired,
            Some(_) => match tx.certificate(&hex::encode(&certificate.serial)).await? {
                None => Verdict::NotInRegister,
                Some(row) => match (row.status, revocation(&row)) {
                    (CertificateStatus::Hold, Some((since, _))) if since <= at => {
                        Verdict::OnHold { since }
                    }
                    (CertificateStatus::Revoked, Some((when, reason))) if when <= at => {
                        Verdict::Revoked { at: when, reason }
                    }
                    _ => Verdict::Valid,
                },
            },
        };
        Ok(CertificateCheck {
            certificate,
            hierarchy,
            at,
            verdict,
        })
    }

    /// An authority's certificate, read once per process as the authority itself is
    /// ([`App::authority`]); `None` while it is not installed.
    async fn anchor(
        &self,
        tx: &mut dyn crate::ports::ReadTx,
        hierarchy: Hierarchy,
    ) -> Result<Option<Arc<Vec<u8>>>, AppError> {
        if let Some(ca) = self
            .pki
            .anchors
            .read()
            .ok()
            .and_then(|m| m.get(hierarchy.code()).cloned())
        {
            return Ok(Some(ca));
        }
        let Some((ca, _)) = tx.authority(hierarchy.code()).await? else {
            return Ok(None);
        };
        let ca = Arc::new(ca);
        if let Ok(mut m) = self.pki.anchors.write() {
            m.insert(hierarchy.code(), ca.clone());
        }
        Ok(Some(ca))
    }

    /// Checks a CMS signature (DER; `detached` is the content of a detached one): the
    /// signature over its content, then its signer's certificate at `at`.
    pub async fn check_signature(
        &self,
        der: &[u8],
        detached: Option<&[u8]>,
        at: Timestamp,
    ) -> Result<(SignedContent, CertificateCheck), AppError> {
        let signed =
            mynumber_pki::verify_signature(der, detached).map_err(AppError::NotVerified)?;
        let check = self.check_certificate(&signed.signer, at).await?;
        Ok((signed, check))
    }

    /// A hierarchy's current CRL (DER). The published one is served while no certificate's
    /// status has changed and it is less than an hour old; otherwise a new one is signed,
    /// numbered one above the last (RFC 5280 §5.2.3), valid for a day, and published for every
    /// server. A published CRL is derived from the certificates' statuses, whose every change
    /// is in the ledger; it has no ledger entry of its own.
    pub async fn crl(&self, hierarchy: Hierarchy) -> Result<Vec<u8>, AppError> {
        let code = hierarchy.code();
        let now_us = self.clock.now_us();
        let fresh = |latest: &Option<CrlRow>, revision: i64| {
            latest
                .as_ref()
                .filter(|l| l.revision == revision && now_us < l.this_update_us + CRL_REFRESH_US)
                .map(|l| l.der.clone())
        };
        {
            let mut tx = self.store.begin_read().await?;
            let revision = tx.certificate_revision(code).await?;
            if let Some(der) = fresh(&tx.latest_crl(code).await?, revision) {
                return Ok(der);
            }
        }
        let mut tx = self.store.begin().await?;
        let revision = tx.certificate_revision(code).await?;
        let latest = tx.latest_crl(code).await?;
        if let Some(der) = fresh(&latest, revision) {
            return Ok(der);
        }
        let authority = self.authority(tx.as_mut(), hierarchy).await?;
        let revoked = tx
            .revoked_certificates(code, now_us)
            .await?
            .iter()
            .filter_map(|c| {
                revocation(c).map(|(at, reason)| Revoked {
                    serial: hex::decode(&c.serial).unwrap_or_default(),
                    at,
                    reason,
                })
            })
            .collect::<Vec<_>>();
        let number = latest.as_ref().map_or(1, |l| l.number + 1);
        let der = authority
            .crl(
                &revoked,
                u64::try_from(number).unwrap_or(1),
                timestamp(now_us),
                timestamp(now_us + CRL_VALIDITY_US),
            )
            .map_err(pki)?;
        let row = CrlRow {
            hierarchy: code.to_owned(),
            number,
            revision,
            this_update_us: now_us,
            next_update_us: now_us + CRL_VALIDITY_US,
            der,
        };
        if tx
            .publish_crl(&row, latest.as_ref().map(|l| l.number))
            .await?
        {
            tx.commit().await?;
            return Ok(row.der);
        }
        // Another server published first: serve its CRL.
        drop(tx);
        let mut tx = self.store.begin_read().await?;
        tx.latest_crl(code)
            .await?
            .map(|l| l.der)
            .ok_or(AppError::Conflict)
    }

    /// This process's OCSP responder for `hierarchy`, or `None` when its authority is not
    /// installed. Created on first use, and again a day before its certificate expires.
    async fn responder(
        &self,
        tx: &mut dyn crate::ports::ReadTx,
        hierarchy: Hierarchy,
    ) -> Result<Option<Arc<Responder>>, AppError> {
        let now = timestamp(self.clock.now_us());
        let day = jiff::SignedDuration::from_hours(24);
        if let Some(r) = self
            .pki
            .responders
            .read()
            .ok()
            .and_then(|m| m.get(hierarchy.code()).cloned())
            .filter(|r| now + day < r.not_after())
        {
            return Ok(Some(r));
        }
        if tx.authority(hierarchy.code()).await?.is_none() {
            return Ok(None);
        }
        let authority = self.authority(tx, hierarchy).await?;
        let pkcs8 = (self.pki.responder_key)().map_err(AppError::Unavailable)?;
        let key = KeyPair::try_from(pkcs8.as_slice())
            .map_err(|e| AppError::Unavailable(format!("the OCSP responder key: {e}")))?;
        let responder = Arc::new(
            Responder::new(
                &authority,
                &self.pki.config,
                key,
                self.random_bytes(),
                now,
                RESPONDER_DAYS,
            )
            .map_err(pki)?,
        );
        if let Ok(mut m) = self.pki.responders.write() {
            m.insert(hierarchy.code(), responder.clone());
        }
        Ok(Some(responder))
    }

    /// Answers an OCSP request (DER) with a signed OCSP response (DER), RFC 6960: good,
    /// revoked with its time and reason (a hold is revoked with certificateHold), or unknown.
    /// Bytes that are not a request get malformedRequest, and a request about another
    /// authority unauthorized. An answer to a request without a nonce is reused until a
    /// certificate of its hierarchy changes status or ten minutes pass; with a nonce, every
    /// answer is signed afresh.
    pub async fn ocsp(&self, request: &[u8]) -> Result<Vec<u8>, AppError> {
        let Some(parsed) = ParsedRequest::parse(request) else {
            return Ok(malformed_response());
        };
        let mut tx = self.store.begin_lookup().await?;
        let mut chosen = None;
        for hierarchy in Hierarchy::ALL {
            if let Some(responder) = self.responder(tx.as_mut(), hierarchy).await?
                && responder.answers(&parsed)
            {
                chosen = Some((hierarchy, responder));
                break;
            }
        }
        let Some((hierarchy, responder)) = chosen else {
            return Ok(unauthorized_response());
        };
        let now_us = self.clock.now_us();
        let revision = tx.certificate_revision(hierarchy.code()).await?;
        let cacheable = !parsed.has_nonce();
        if cacheable {
            let hit = self.pki.answers.read().ok().and_then(|m| {
                m.get(request)
                    .filter(|(rev, reuse_until, _)| *rev == revision && now_us < *reuse_until)
                    .map(|(_, _, bytes)| bytes.clone())
            });
            if let Some(bytes) = hit {
                return Ok(bytes.as_ref().clone());
            }
        }
        let mut statuses = HashMap::new();
        for serial in parsed.serials() {
            let status = match tx.certificate(&hex::encode(&serial)).await? {
                Some(c) if c.hierarchy == hierarchy.code() => status_of(&c),
                _ => Status::Unknown,
            };
            statuses.insert(serial, status);
        }
        drop(tx);
        let bytes = responder
            .respond(
                &parsed,
                |serial| statuses.get(serial).copied().unwrap_or(Status::Unknown),
                timestamp(now_us),
                timestamp(now_us + OCSP_VALIDITY_US),
            )
            .map_err(pki)?;
        // An unknown certificate may be issued at any moment without a status change, so only
        // answers about known certificates are reused.
        let known = statuses.values().all(|s| *s != Status::Unknown);
        if cacheable
            && known
            && let Ok(mut m) = self.pki.answers.write()
        {
            if m.len() >= OCSP_CACHE_LIMIT {
                m.clear();
            }
            m.insert(
                request.to_vec(),
                (revision, now_us + OCSP_REUSE_US, Arc::new(bytes.clone())),
            );
        }
        Ok(bytes)
    }
}
