//! Electronic certificates (公的個人認証, facts §3): the two authorities, issuing a card's
//! certificates for the public keys the card generated, revocation on request and automatically
//! when the registry changes, and the hold and release that follow a card's suspension and
//! resumption (facts §3.3). What relying parties read (CRLs, OCSP) is in `revocation_info`.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use jiff::Timestamp;
use mynumber_core::certificate::{
    CertificateEvent, CertificateRefused, CertificateStatus, signature_certificate_allowed,
};
use mynumber_core::dates::renewal_opens;
use mynumber_core::{Action, Principal};
use mynumber_core::{
    FieldError, PersonId, RecordStatus, Refused, RemovalReason, Resident, ResidentCode,
    ResidentRecord,
};
use mynumber_pki::{
    Authority, BasicFour, Hierarchy, Holder, KeyPair, PkiConfig, Reason, Responder, end_of_day_jst,
    last_valid_day, opaque_common_name, serial_bytes,
};

use crate::access::{authorize, current_scope, found, read};
use crate::ledger::{Record, append};
use crate::load;
use crate::{App, AppError, CertificateRow, Tx};

/// Makes a private key (PKCS#8) with the machine's randomness: the shell's key generator (OCSP
/// responder keys, card key pairs).
pub type KeyMaker = Arc<dyn Fn() -> Result<Vec<u8>, String> + Send + Sync>;

/// A cached OCSP answer: the status revision it reflects, until when it may be reused, and the
/// signed response.
pub(crate) type CachedAnswer = (i64, i64, Arc<Vec<u8>>);

/// The authorities' certificates (DER), by hierarchy.
pub(crate) type Anchors = HashMap<&'static str, Arc<Vec<u8>>>;

/// A key remembered until a time (µs): its id and its PKCS#8.
pub(crate) type CachedKey = (i64, String, Arc<Vec<u8>>);

/// The authority's settings: profile configuration and the secret that seals CA keys.
#[derive(Clone)]
pub struct PkiSettings {
    /// URLs, organization and policy OIDs.
    pub config: PkiConfig,
    /// Seals the CA keys at rest (at least 16 bytes).
    pub secret: Arc<Vec<u8>>,
    /// Generates each process's OCSP responder key.
    pub responder_key: KeyMaker,
    /// Unsealed authorities, loaded once.
    pub(crate) loaded: Arc<RwLock<HashMap<&'static str, Arc<Authority>>>>,
    /// OCSP responders, one per authority, created on first use.
    pub(crate) responders: Arc<RwLock<HashMap<&'static str, Arc<Responder>>>>,
    /// Signed answers to nonce-less requests, by request bytes.
    pub(crate) answers: Arc<RwLock<HashMap<Vec<u8>, CachedAnswer>>>,
    /// The OpenID provider's keys, unsealed once (by purpose and key id).
    pub(crate) provider_keys: Arc<RwLock<HashMap<String, Arc<Vec<u8>>>>>,
    /// The authorities' certificates (DER), read once, as [`PkiSettings::loaded`] is: the
    /// check of every card's certificate needs them.
    pub(crate) anchors: Arc<RwLock<Anchors>>,
    /// The ID token signing key in force (kid, PKCS#8) and until when (µs) it is used without
    /// asking the database again.
    pub(crate) signing_key: Arc<RwLock<Option<CachedKey>>>,
}

impl PkiSettings {
    /// Settings with nothing loaded yet.
    pub fn new(config: PkiConfig, secret: Vec<u8>, responder_key: KeyMaker) -> Self {
        Self {
            config,
            secret: Arc::new(secret),
            responder_key,
            loaded: Arc::default(),
            responders: Arc::default(),
            answers: Arc::default(),
            provider_keys: Arc::default(),
            anchors: Arc::default(),
            signing_key: Arc::default(),
        }
    }
}

impl std::fmt::Debug for PkiSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PkiSettings")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

pub(crate) fn pki(e: mynumber_pki::PkiError) -> AppError {
    match e {
        mynumber_pki::PkiError::PublicKey(why) => {
            FieldError::new("public_key", "problem-public-key")
                .arg("detail", why)
                .into()
        }
        other => AppError::Unavailable(format!("certificate authority: {other}")),
    }
}

impl From<CertificateRefused> for AppError {
    fn from(r: CertificateRefused) -> Self {
        AppError::Refused(Refused {
            state: format!("{} certificate", r.status.code()),
            procedure: r.event.action(),
            reason: r.to_string(),
        })
    }
}

/// A certificate issued outside card production: an administrator's audited exception.
#[derive(Clone, Debug)]
pub struct CertificateException {
    /// Which certificate.
    pub hierarchy: Hierarchy,
    /// A PKCS#10 certification request (DER), signed with the key to certify.
    pub request: Vec<u8>,
    /// Why the exception: recorded in the ledger.
    pub reason: String,
    /// The resident's card the certificate goes on, if any.
    pub card_serial: Option<String>,
    /// Without a card: the date the certificate must not outlive.
    pub card_expiry: Option<jiff::civil::Date>,
}

/// The reason an exception states: required, one line, and carrying no number (the ledger
/// never holds one).
fn exception_reason(reason: &str) -> Result<String, AppError> {
    let reason = reason.trim();
    let mut run = 0;
    let mut longest = 0;
    for c in reason.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if reason.is_empty()
        || reason.chars().count() > 200
        || reason.chars().any(|c| c.is_control() || c == '"')
        || longest >= 8
    {
        return Err(FieldError::new("reason", "problem-required-why-exception-most").into());
    }
    Ok(reason.to_owned())
}

/// What happens to all of a holder's certificates at once.
#[derive(Clone, Copy, Debug)]
enum HolderEvent {
    /// The card is suspended.
    Suspend,
    /// The card resumes.
    Resume,
    /// The card ended (or another reason): everything is revoked.
    RevokeAll(Reason),
}

/// The reasons a clerk may give for revoking one certificate; the others follow from the
/// registry and the card.
const REQUESTABLE: [Reason; 3] = [
    Reason::PrivilegeWithdrawn,
    Reason::KeyCompromise,
    Reason::Unspecified,
];

/// The name as the signature certificate and the card carry it (facts §3.2, §10): one rule,
/// [`ResidentRecord::name_on_card`].
pub(crate) fn certificate_name(record: &ResidentRecord) -> String {
    record.name_on_card()
}

/// 基本4情報 differ between two versions.
fn basic_four_changed(old: &ResidentRecord, new: &ResidentRecord) -> bool {
    certificate_name(old) != certificate_name(new)
        || old.sex() != new.sex()
        || old.birth_date() != new.birth_date()
        || old.address() != new.address()
}

impl App {
    /// Installs an authority for `hierarchy` from a freshly generated key (PKCS#8 DER), unless
    /// one exists already (another server may have won the race). Returns whether it was new.
    pub async fn install_authority(
        &self,
        hierarchy: Hierarchy,
        key_pkcs8: &[u8],
    ) -> Result<bool, AppError> {
        let mut tx = self.store.begin().await?;
        if tx.authority(hierarchy.code()).await?.is_some() {
            return Ok(false);
        }
        let key = KeyPair::try_from(key_pkcs8).map_err(|e| AppError::Unavailable(e.to_string()))?;
        let now = Timestamp::from_microsecond(self.clock.now_us()).unwrap_or(Timestamp::UNIX_EPOCH);
        let authority = Authority::create(
            hierarchy,
            &self.pki.config,
            key,
            self.random_bytes(),
            now,
            20,
        )
        .map_err(pki)?;
        let sealed = mynumber_pki::seal(
            key_pkcs8,
            &self.pki.secret,
            self.random_bytes(),
            self.random_bytes(),
        )
        .map_err(pki)?;
        let installed = tx
            .insert_authority(
                hierarchy.code(),
                authority.certificate(),
                &sealed,
                self.clock.now_us(),
            )
            .await?;
        if !installed {
            // Another server installed its authority between our check and our insert: keep
            // that one, and record nothing.
            return Ok(false);
        }
        let record = Record {
            partition: format!("pki-{}", hierarchy.code()),
            action: "authority-installed",
            person: None,
            purpose: None,
            detail: format!("hierarchy={}", hierarchy.code()),
        };
        append(tx.as_mut(), "system", self.clock.now_us(), vec![record]).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Whether `hierarchy` has an authority.
    pub async fn has_authority(&self, hierarchy: Hierarchy) -> Result<bool, AppError> {
        let mut tx = self.store.begin_read().await?;
        Ok(tx.authority(hierarchy.code()).await?.is_some())
    }

    /// The unsealed authority, loaded once per process.
    pub(crate) async fn authority(
        &self,
        tx: &mut dyn crate::ports::ReadTx,
        hierarchy: Hierarchy,
    ) -> Result<Arc<Authority>, AppError> {
        if let Some(a) = self
            .pki
            .loaded
            .read()
            .ok()
            .and_then(|m| m.get(hierarchy.code()).cloned())
        {
            return Ok(a);
        }
        let (cert, sealed) = tx.authority(hierarchy.code()).await?.ok_or_else(|| {
            AppError::Unavailable(format!(
                "the {} certificate authority is not installed (it is created when the server first starts)",
                hierarchy.code()
            ))
        })?;
        let pkcs8 = mynumber_pki::unseal(&sealed, &self.pki.secret).map_err(pki)?;
        let key = KeyPair::try_from(pkcs8.as_slice())
            .map_err(|e| AppError::Unavailable(e.to_string()))?;
        let authority = Arc::new(Authority::load(hierarchy, cert, key).map_err(pki)?);
        if let Ok(mut m) = self.pki.loaded.write() {
            m.insert(hierarchy.code(), authority.clone());
        }
        Ok(authority)
    }

    /// The authority's certificate (DER): the trust anchor relying parties install.
    pub async fn authority_certificate(&self, hierarchy: Hierarchy) -> Result<Vec<u8>, AppError> {
        let mut tx = self.store.begin_read().await?;
        tx.authority(hierarchy.code())
            .await?
            .map(|(cert, _)| cert)
            .ok_or(AppError::NotFound("certificate authority"))
    }

    /// Certifies a key outside card production: an administrator's audited exception (card
    /// production certifies the card's keys as it makes them). The request must prove
    /// possession of the private key (PKCS#10, signed with it), the exception says why, and a
    /// card of the resident not yet ended may be named, whose expiry the certificate never
    /// outlives (or `card_expiry`). Valid to the 5th birthday after issuance; it supersedes the
    /// holder's previous one of that kind, which may be renewed from three months before it
    /// expires (facts §2.2).
    pub async fn issue_certificate(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        exception: &CertificateException,
    ) -> Result<CertificateRow, AppError> {
        self.permit(principal, Action::IssueCertificateException)
            .await?;
        let hierarchy = exception.hierarchy;
        let reason = exception_reason(&exception.reason)?;
        let proven = mynumber_pki::ProvenKey::from_request(&exception.request).map_err(|e| {
            FieldError::new("request", "problem-request").arg("detail", e.to_string())
        })?;
        let today = self.clock.today();
        let now_us = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let load::Current {
            person,
            version: current,
        } = found!(
            self,
            tx,
            principal,
            Action::IssueCertificateException,
            load::current(tx.as_mut(), code)
        );
        let record = &current.resident.record;
        authorize!(
            self,
            tx,
            principal,
            Action::IssueCertificateException,
            &current_scope(person.id, record.municipality()),
            "resident"
        );
        // The card the certificate goes on: this resident's, not ended.
        let card = match exception.card_serial.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(serial) => Some(
                tx.card(serial)
                    .await?
                    .filter(|c| {
                        c.person == person.id
                            && !matches!(c.status, mynumber_core::card::CardStatus::Ended(_))
                    })
                    .ok_or_else(|| FieldError::new("card_serial", "problem-card-resident-use"))?,
            ),
        };
        let card_expiry = card.as_ref().map(|c| c.expiry).or(exception.card_expiry);
        if current.resident.status != RecordStatus::Active {
            return Err(
                FieldError::new("resident", "problem-certificates-issued-resident-active").into(),
            );
        }
        if hierarchy == Hierarchy::Signature
            && !signature_certificate_allowed(record.birth_date(), today)
        {
            return Err(
                FieldError::new("hierarchy", "problem-signature-certificate-issued-child").into(),
            );
        }
        // Renewal window, and the certificates this one supersedes. While the card is suspended
        // (a certificate on hold) nothing new is issued: resumption comes first.
        let held: Vec<CertificateRow> = tx.certificates_of(person.id).await?;
        if let Some(h) = held.iter().find(|c| c.status == CertificateStatus::Hold) {
            return Err(AppError::Refused(Refused {
                state: "suspended (a certificate on hold)".to_owned(),
                procedure: "certificate-issued",
                reason: format!(
                    "the holder's {} certificate {} is on hold; resume it before issuing another",
                    h.hierarchy, h.serial
                ),
            }));
        }
        let previous: Vec<CertificateRow> = held
            .into_iter()
            .filter(|c| c.hierarchy == hierarchy.code() && c.status == CertificateStatus::Good)
            .collect();
        for p in &previous {
            let last_day = Timestamp::from_microsecond(p.not_after_us)
                .map(|t| {
                    t.to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
                        .date()
                })
                .unwrap_or(today);
            let opens = renewal_opens(last_day);
            if today < opens {
                return Err(
                    FieldError::new("hierarchy", "problem-holder-certificate-in-force")
                        .arg("hierarchy", hierarchy.code())
                        .arg("until", last_day)
                        .arg("opens", opens)
                        .into(),
                );
            }
        }
        let (row, mut issued) = self
            .certify_in(
                tx.as_mut(),
                person.id,
                record,
                hierarchy,
                &proven,
                last_valid_day(record.birth_date(), today, card_expiry),
            )
            .await?;
        issued.detail.push_str(&format!(" exception=\"{reason}\""));
        // The card's file keeps the certificates it was made with (writing one onto the card is
        // the counter's, with the card present): the exception names the card and ends with it.
        if let Some(card) = &card {
            issued.detail.push_str(&format!(" card={}", card.serial));
        }
        let mut records = Vec::new();
        for p in &previous {
            records.push(
                self.move_certificate(
                    tx.as_mut(),
                    p,
                    CertificateEvent::Revoke,
                    Reason::Superseded,
                    now_us,
                )
                .await?,
            );
        }
        records.push(issued);
        append(tx.as_mut(), &principal.ledger_name(), now_us, records).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// The whole address as certificates and cards carry it: prefecture, municipality, the
    /// rest. An unrecorded municipality name is refused rather than left out of a signed
    /// address.
    pub(crate) async fn written_address(
        &self,
        tx: &mut dyn Tx,
        record: &ResidentRecord,
    ) -> Result<String, AppError> {
        let place = self.municipality_name_in(tx, record.municipality()).await?;
        let address = record.address();
        Ok(format!(
            "{}{}{}",
            address.prefecture().name(),
            place,
            address.rest()
        ))
    }

    /// Certifies `key` for the holder of `record` inside a transaction, valid to the end of
    /// `last_day` (Japan), recorded in the register; returns the certificate and its ledger
    /// record. Supersedes nothing: the caller decides what the new certificate replaces, and
    /// its validity, by the rules of `mynumber_core::certificate` and facts §2.2.
    pub(crate) async fn certify_in(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        record: &ResidentRecord,
        hierarchy: Hierarchy,
        key: &mynumber_pki::ProvenKey,
        last_day: jiff::civil::Date,
    ) -> Result<(CertificateRow, Record), AppError> {
        let today = self.clock.today();
        let now_us = self.clock.now_us();
        let now = Timestamp::from_microsecond(now_us).unwrap_or(Timestamp::UNIX_EPOCH);
        let authority = self.authority(tx, hierarchy).await?;
        let municipality = record.municipality();
        let common_name = opaque_common_name(self.random_bytes(), municipality, today);
        let holder = match hierarchy {
            Hierarchy::Signature => Holder::Signature {
                four: BasicFour {
                    name: certificate_name(record),
                    sex: record.sex(),
                    birth_date: record.birth_date(),
                    address: self.written_address(tx, record).await?,
                },
                locality: municipality.as_str().to_owned(),
                common_name,
            },
            Hierarchy::Authentication => Holder::Authentication { common_name },
        };
        let not_after = end_of_day_jst(last_day);
        let serial_seed: [u8; 16] = self.random_bytes();
        let der = authority
            .issue(&self.pki.config, &holder, key, serial_seed, now, not_after)
            .map_err(pki)?;
        let row = CertificateRow {
            serial: hex::encode(serial_bytes(serial_seed)),
            hierarchy: hierarchy.code().to_owned(),
            person,
            status: CertificateStatus::Good,
            reason: None,
            revoked_at_us: None,
            not_after_us: not_after.as_microsecond(),
            issued_at_us: now_us,
            der,
        };
        tx.insert_certificate(&row).await?;
        let record = Record {
            partition: municipality.as_str().to_owned(),
            action: "certificate-issued",
            person: Some(person),
            purpose: None,
            detail: format!(
                "hierarchy={} serial={} until={last_day}",
                hierarchy.code(),
                row.serial
            ),
        };
        Ok((row, record))
    }

    /// Revokes a certificate on the holder's request (privilegeWithdrawn), for key compromise,
    /// or ex officio (unspecified).
    pub async fn revoke_certificate(
        &self,
        principal: &Principal,
        serial: &str,
        reason: Reason,
    ) -> Result<CertificateRow, AppError> {
        self.permit(principal, Action::ManageCertificates).await?;
        if !REQUESTABLE.contains(&reason) {
            return Err(
                FieldError::new("reason", "problem-privilegewithdrawn-holder-s-request").into(),
            );
        }
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let serial = serial.trim().to_ascii_lowercase();
        let row = tx
            .certificate(&serial)
            .await?
            .ok_or(AppError::NotFound("certificate"))?;
        let holder = load::current_version(tx.as_mut(), row.person).await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageCertificates,
            &current_scope(row.person, holder.resident.record.municipality()),
            "certificate"
        );
        let record = self
            .move_certificate(tx.as_mut(), &row, CertificateEvent::Revoke, reason, now)
            .await?;
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        let row = tx
            .certificate(&serial)
            .await?
            .ok_or(AppError::NotFound("certificate"))?;
        tx.commit().await?;
        Ok(row)
    }

    /// What a card's suspension (一時停止, facts §7) does to its certificates, as one use case:
    /// the user-authentication certificate goes on hold (certificateHold) and the signature
    /// certificate is revoked (facts §3.3). Returns the certificates changed.
    pub async fn suspend_certificates(
        &self,
        principal: &Principal,
        code: &ResidentCode,
    ) -> Result<Vec<CertificateRow>, AppError> {
        self.holder_certificates_event(principal, code, HolderEvent::Suspend)
            .await
    }

    /// What a card's resumption does: the hold on the user-authentication certificate is
    /// lifted. The revoked signature certificate stays revoked; a new one is issued.
    pub async fn resume_certificates(
        &self,
        principal: &Principal,
        code: &ResidentCode,
    ) -> Result<Vec<CertificateRow>, AppError> {
        self.holder_certificates_event(principal, code, HolderEvent::Resume)
            .await
    }

    /// Revokes every certificate a holder has, good or on hold, as the end of a card does
    /// (voided, returned or expired: cessationOfOperation, facts §3.3), or for another reason a
    /// clerk may give. Returns the certificates revoked.
    pub async fn revoke_holder_certificates(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        reason: Reason,
    ) -> Result<Vec<CertificateRow>, AppError> {
        if reason != Reason::CessationOfOperation && !REQUESTABLE.contains(&reason) {
            return Err(FieldError::new(
                "reason",
                "problem-cessationofoperation-card-voided-returned",
            )
            .into());
        }
        self.holder_certificates_event(principal, code, HolderEvent::RevokeAll(reason))
            .await
    }

    async fn holder_certificates_event(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        event: HolderEvent,
    ) -> Result<Vec<CertificateRow>, AppError> {
        self.permit(principal, Action::ManageCertificates).await?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let load::Current {
            person,
            version: current,
        } = found!(
            self,
            tx,
            principal,
            Action::ManageCertificates,
            load::current(tx.as_mut(), code)
        );
        authorize!(
            self,
            tx,
            principal,
            Action::ManageCertificates,
            &current_scope(person.id, current.resident.record.municipality()),
            "resident"
        );
        let certs = tx.certificates_of(person.id).await?;
        let records = match event {
            HolderEvent::Suspend => self.suspend_in(tx.as_mut(), certs, now).await?,
            HolderEvent::Resume => self.resume_in(tx.as_mut(), certs, now).await?,
            HolderEvent::RevokeAll(reason) => {
                self.revoke_in(tx.as_mut(), certs, reason, now).await?
            }
        };
        if records.is_empty() {
            let (state, procedure, reason) = match event {
                HolderEvent::Suspend => (
                    "without a certificate in use",
                    "certificates-suspended",
                    "the holder has no good certificate to suspend",
                ),
                HolderEvent::Resume => (
                    "without a certificate on hold",
                    "certificates-resumed",
                    "the holder has no certificate on hold to release",
                ),
                HolderEvent::RevokeAll(_) => (
                    "without a certificate to revoke",
                    "certificates-revoked",
                    "every certificate of the holder is already revoked",
                ),
            };
            return Err(AppError::Refused(Refused {
                state: state.to_owned(),
                procedure,
                reason: reason.to_owned(),
            }));
        }
        let changed: Vec<String> = records.iter().map(|(serial, _)| serial.clone()).collect();
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            records.into_iter().map(|(_, r)| r).collect(),
        )
        .await?;
        let rows = tx
            .certificates_of(person.id)
            .await?
            .into_iter()
            .filter(|c| changed.contains(&c.serial))
            .collect();
        tx.commit().await?;
        Ok(rows)
    }

    /// Suspension's effect on `certs` inside a transaction (a holder's, or one card's).
    pub(crate) async fn suspend_in(
        &self,
        tx: &mut dyn Tx,
        certs: Vec<CertificateRow>,
        now: i64,
    ) -> Result<Vec<(String, Record)>, AppError> {
        let mut records = Vec::new();
        for cert in certs {
            if cert.status != CertificateStatus::Good {
                continue;
            }
            // No reason code is known for the signature certificate revoked at a suspension
            // (facts §3.3 [U]); unspecified says nothing the authority does not know.
            let (event, reason) = match Hierarchy::parse(&cert.hierarchy) {
                Some(Hierarchy::Authentication) => {
                    (CertificateEvent::Hold, Reason::CertificateHold)
                }
                _ => (CertificateEvent::Revoke, Reason::Unspecified),
            };
            let record = self.move_certificate(tx, &cert, event, reason, now).await?;
            records.push((cert.serial, record));
        }
        Ok(records)
    }

    /// Revokes those of `certs` not yet revoked, inside a transaction.
    pub(crate) async fn revoke_in(
        &self,
        tx: &mut dyn Tx,
        certs: Vec<CertificateRow>,
        reason: Reason,
        now: i64,
    ) -> Result<Vec<(String, Record)>, AppError> {
        let mut records = Vec::new();
        for cert in certs {
            if cert.status != CertificateStatus::Revoked {
                let record = self
                    .move_certificate(tx, &cert, CertificateEvent::Revoke, reason, now)
                    .await?;
                records.push((cert.serial, record));
            }
        }
        Ok(records)
    }

    /// Resumption's effect inside a transaction: those of `certs` on hold are released.
    pub(crate) async fn resume_in(
        &self,
        tx: &mut dyn Tx,
        certs: Vec<CertificateRow>,
        now: i64,
    ) -> Result<Vec<(String, Record)>, AppError> {
        let mut records = Vec::new();
        for cert in certs {
            if cert.status == CertificateStatus::Hold {
                let record = self
                    .move_certificate(
                        tx,
                        &cert,
                        CertificateEvent::Release,
                        Reason::CertificateHold,
                        now,
                    )
                    .await?;
                records.push((cert.serial, record));
            }
        }
        Ok(records)
    }

    /// Moves one certificate by `event` inside a transaction: its status (refused by the core
    /// when the status does not allow it), the hierarchy's status revision, and the ledger
    /// record. A release clears the reason and time; the others record `reason` at `now`.
    async fn move_certificate(
        &self,
        tx: &mut dyn Tx,
        row: &CertificateRow,
        event: CertificateEvent,
        reason: Reason,
        now: i64,
    ) -> Result<Record, AppError> {
        let to = row.status.after(event)?;
        let (stored_reason, at) = match to {
            CertificateStatus::Good => (None, None),
            CertificateStatus::Hold | CertificateStatus::Revoked => {
                (Some(reason.code()), Some(now))
            }
        };
        if !tx
            .set_certificate_status(&row.serial, row.status, to, stored_reason, at)
            .await?
        {
            return Err(AppError::Conflict);
        }
        tx.bump_certificate_revision(&row.hierarchy).await?;
        let partition = match tx.current_version(row.person).await? {
            Some(v) => v.resident.record.municipality().as_str().to_owned(),
            None => format!("pki-{}", row.hierarchy),
        };
        Ok(Record {
            partition,
            action: event.action(),
            person: Some(row.person),
            purpose: None,
            detail: format!(
                "hierarchy={} serial={} reason={}",
                row.hierarchy,
                row.serial,
                reason.code()
            ),
        })
    }

    /// The automatic revocations a registry change causes (facts §3.3), in its transaction:
    /// a change of name, sex, date of birth or address, or a move abroad, revokes the signature
    /// certificate; death revokes both.
    pub(crate) async fn revoke_on_change(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        old: &Resident,
        new: &Resident,
        now: i64,
    ) -> Result<Vec<Record>, AppError> {
        let (kinds, reason): (&[&str], Reason) = match new.status {
            RecordStatus::Removed {
                reason: RemovalReason::Died | RemovalReason::StayEnded,
                ..
            } => (
                &["signature", "authentication"],
                Reason::CessationOfOperation,
            ),
            RecordStatus::Removed {
                reason: RemovalReason::MovedAbroad,
                ..
            } => (&["signature"], Reason::CessationOfOperation),
            // A move within Japan revokes the signature certificate when the move-out is filed
            // (転出届), not at the transfer-in: the address it certifies is no longer the
            // person's, and relying parties must not get `good` for a removed record (issue 10;
            // municipal pages, e.g. 市原市, say so). The authentication certificate, which
            // carries no address, stays with the card.
            RecordStatus::Removed {
                reason: RemovalReason::MovedOut,
                ..
            } => (&["signature"], Reason::AffiliationChanged),
            _ if basic_four_changed(&old.record, &new.record) => {
                (&["signature"], Reason::AffiliationChanged)
            }
            _ => return Ok(Vec::new()),
        };
        let certs = tx
            .certificates_of(person)
            .await?
            .into_iter()
            .filter(|c| kinds.contains(&c.hierarchy.as_str()))
            .collect();
        Ok(self
            .revoke_in(tx, certs, reason, now)
            .await?
            .into_iter()
            .map(|(_, record)| record)
            .collect())
    }

    /// A resident's certificates, newest first.
    pub async fn certificates(
        &self,
        principal: &Principal,
        code: &ResidentCode,
    ) -> Result<Vec<CertificateRow>, AppError> {
        self.permit(principal, Action::ReadRecord).await?;
        let mut tx = self.store.begin().await?;
        let load::Current { person, version } = found!(
            self,
            tx,
            principal,
            Action::ReadRecord,
            load::current(tx.as_mut(), code)
        );
        let municipality = version.resident.record.municipality();
        authorize!(
            self,
            tx,
            principal,
            Action::ReadRecord,
            &current_scope(person.id, municipality),
            "resident"
        );
        let certificates = tx.certificates_of(person.id).await?;
        // The signature certificate carries the holder's name, sex, date of birth and address.
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            vec![read(person.id, municipality, "certificates", "")],
        )
        .await?;
        tx.commit().await?;
        Ok(certificates)
    }
}
