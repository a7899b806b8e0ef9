//! Electronic certificates (公的個人認証, facts §3): the two authorities, issuing a card's
//! certificates for the public keys the card generated, revocation on request and automatically
//! when the registry changes (facts §3.3), and each hierarchy's CRL.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use jiff::Timestamp;
use mynumber_core::{
    Actor, FieldError, Permission, PersonId, RecordStatus, RemovalReason, Resident, ResidentCode,
    ResidentRecord,
};
use mynumber_pki::{
    Authority, BasicFour, Hierarchy, Holder, KeyPair, PkiConfig, Reason, Revoked, end_of_day_jst,
    last_valid_day, opaque_common_name, renewal_opens, serial_bytes,
};

use crate::ledger::{Record, append};
use crate::{App, AppError, CertificateRow, Tx};

/// The authority's settings: profile configuration and the secret that seals CA keys.
#[derive(Clone)]
pub struct PkiSettings {
    /// URLs, organization and policy OIDs.
    pub config: PkiConfig,
    /// Seals the CA keys at rest (at least 16 bytes).
    pub secret: Arc<Vec<u8>>,
    /// Unsealed authorities, loaded once.
    pub(crate) loaded: Arc<RwLock<HashMap<&'static str, Arc<Authority>>>>,
}

impl PkiSettings {
    /// Settings with nothing loaded yet.
    pub fn new(config: PkiConfig, secret: Vec<u8>) -> Self {
        Self {
            config,
            secret: Arc::new(secret),
            loaded: Arc::default(),
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

fn pki(e: mynumber_pki::PkiError) -> AppError {
    match e {
        mynumber_pki::PkiError::PublicKey(why) => FieldError::new("public_key", why).into(),
        other => AppError::Unavailable(format!("certificate authority: {other}")),
    }
}

fn serial_hex(serial: &[u8]) -> String {
    serial.iter().map(|b| format!("{b:02x}")).collect()
}

/// The name as the signature certificate carries it: family and given name separated by an
/// ideographic space (facts §3.2).
fn certificate_name(record: &ResidentRecord) -> String {
    let name = record.name();
    if name.given().is_empty() {
        name.family().to_owned()
    } else {
        format!("{}\u{3000}{}", name.family(), name.given())
    }
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
    async fn authority(
        &self,
        tx: &mut dyn Tx,
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

    /// Certifies a public key the card generated (DER SubjectPublicKeyInfo, RSA-2048) for a
    /// resident. Valid to the 5th birthday after issuance and never beyond `card_expiry`; a new
    /// certificate supersedes the holder's previous one of that kind, which may be renewed from
    /// three months before it expires (facts §2.2).
    pub async fn issue_certificate(
        &self,
        actor: &Actor,
        code: &ResidentCode,
        hierarchy: Hierarchy,
        public_key: &[u8],
        card_expiry: Option<jiff::civil::Date>,
    ) -> Result<CertificateRow, AppError> {
        actor.authorize(Permission::WriteRecords, None)?;
        let today = self.clock.today();
        let now_us = self.clock.now_us();
        let now = Timestamp::from_microsecond(now_us).unwrap_or(Timestamp::UNIX_EPOCH);
        let mut tx = self.store.begin().await?;
        let person = tx
            .person_by_code(code)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        let current = tx
            .current_version(person.id)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        let record = &current.resident.record;
        actor.authorize(Permission::WriteRecords, Some(record.municipality()))?;
        if current.resident.status != RecordStatus::Active {
            return Err(FieldError::new(
                "resident",
                "certificates are issued only to a resident with an active record",
            )
            .into());
        }
        if hierarchy == Hierarchy::Signature && age_on(record.birth_date(), today) < 15 {
            return Err(FieldError::new(
                "hierarchy",
                "a signature certificate is not issued to a child under 15 (facts §3.1); issue the user-authentication certificate",
            )
            .into());
        }
        // Renewal window, and the certificates this one supersedes.
        let previous: Vec<CertificateRow> = tx
            .certificates_of(person.id)
            .await?
            .into_iter()
            .filter(|c| c.hierarchy == hierarchy.code() && c.status == "good")
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
                return Err(FieldError::new(
                    "hierarchy",
                    format!(
                        "the holder's {} certificate is valid until {last_day}; it can be renewed from {opens}",
                        hierarchy.code()
                    ),
                )
                .into());
            }
        }
        let authority = self.authority(tx.as_mut(), hierarchy).await?;
        let municipality = record.municipality();
        let common_name = opaque_common_name(self.random_bytes(), municipality, today);
        let holder = match hierarchy {
            Hierarchy::Signature => {
                let place = tx
                    .municipality_name(municipality)
                    .await?
                    .unwrap_or_default();
                let address = record.address();
                Holder::Signature {
                    four: BasicFour {
                        name: certificate_name(record),
                        sex: record.sex(),
                        birth_date: record.birth_date(),
                        address: format!(
                            "{}{}{}",
                            address.prefecture().name(),
                            place,
                            address.rest()
                        ),
                    },
                    locality: municipality.as_str().to_owned(),
                    common_name,
                }
            }
            Hierarchy::Authentication => Holder::Authentication { common_name },
        };
        let last_day = last_valid_day(record.birth_date(), today, card_expiry);
        let not_after = end_of_day_jst(last_day);
        let serial_seed: [u8; 16] = self.random_bytes();
        let der = authority
            .issue(
                &self.pki.config,
                &holder,
                public_key,
                serial_seed,
                now,
                not_after,
            )
            .map_err(pki)?;
        let row = CertificateRow {
            serial: serial_hex(&serial_bytes(serial_seed)),
            hierarchy: hierarchy.code().to_owned(),
            person: person.id,
            status: "good".to_owned(),
            reason: None,
            revoked_at_us: None,
            not_after_us: not_after.as_microsecond(),
            issued_at_us: now_us,
            der,
        };
        tx.insert_certificate(&row).await?;
        let mut records = Vec::new();
        for p in &previous {
            records.extend(
                self.revoke_in(tx.as_mut(), p, Reason::Superseded, now_us)
                    .await?,
            );
        }
        records.push(Record {
            partition: municipality.as_str().to_owned(),
            action: "certificate-issued",
            person: Some(person.id),
            purpose: None,
            detail: format!(
                "hierarchy={} serial={} until={last_day}",
                hierarchy.code(),
                row.serial
            ),
        });
        append(tx.as_mut(), &actor.id.to_hex(), now_us, records).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Revokes a certificate on the holder's request or for key compromise.
    pub async fn revoke_certificate(
        &self,
        actor: &Actor,
        serial: &str,
        reason: Reason,
    ) -> Result<CertificateRow, AppError> {
        actor.authorize(Permission::WriteRecords, None)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let serial = serial.trim().to_ascii_lowercase();
        let mut row = tx
            .certificate(&serial)
            .await?
            .ok_or(AppError::NotFound("certificate"))?;
        let current = tx
            .current_version(row.person)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        actor.authorize(
            Permission::WriteRecords,
            Some(current.resident.record.municipality()),
        )?;
        if row.status == "revoked" {
            return Err(AppError::Refused(mynumber_core::Refused {
                state: "revoked certificate".to_owned(),
                procedure: "revocation",
                reason: "the certificate is already revoked".to_owned(),
            }));
        }
        let records = self.revoke_in(tx.as_mut(), &row, reason, now).await?;
        append(tx.as_mut(), &actor.id.to_hex(), now, records).await?;
        tx.commit().await?;
        row.status = "revoked".to_owned();
        row.reason = Some(reason.code().to_owned());
        row.revoked_at_us = Some(now);
        Ok(row)
    }

    /// Revokes one certificate inside a transaction: status, CRL number, ledger record.
    async fn revoke_in(
        &self,
        tx: &mut dyn Tx,
        row: &CertificateRow,
        reason: Reason,
        now: i64,
    ) -> Result<Vec<Record>, AppError> {
        let to = if reason == Reason::CertificateHold {
            "hold"
        } else {
            "revoked"
        };
        if !tx
            .set_certificate_status(&row.serial, &row.status, to, Some(reason.code()), Some(now))
            .await?
        {
            return Err(AppError::Conflict);
        }
        tx.next_crl_number(&row.hierarchy).await?;
        let partition = match tx.current_version(row.person).await? {
            Some(v) => v.resident.record.municipality().as_str().to_owned(),
            None => format!("pki-{}", row.hierarchy),
        };
        Ok(vec![Record {
            partition,
            action: if to == "hold" {
                "certificate-held"
            } else {
                "certificate-revoked"
            },
            person: Some(row.person),
            purpose: None,
            detail: format!(
                "hierarchy={} serial={} reason={}",
                row.hierarchy,
                row.serial,
                reason.code()
            ),
        }])
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
                reason: RemovalReason::Died,
                ..
            } => (
                &["signature", "authentication"],
                Reason::CessationOfOperation,
            ),
            RecordStatus::Removed {
                reason: RemovalReason::MovedAbroad,
                ..
            } => (&["signature"], Reason::CessationOfOperation),
            _ if basic_four_changed(&old.record, &new.record) => {
                (&["signature"], Reason::AffiliationChanged)
            }
            _ => return Ok(Vec::new()),
        };
        let mut records = Vec::new();
        for cert in tx.certificates_of(person).await? {
            if kinds.contains(&cert.hierarchy.as_str()) && cert.status != "revoked" {
                records.extend(self.revoke_in(tx, &cert, reason, now).await?);
            }
        }
        Ok(records)
    }

    /// A hierarchy's CRL (DER), signed now and valid for a day. The `crl_numbers` counter
    /// counts revocations (a change marker for caches), not CRLs.
    pub async fn crl(&self, hierarchy: Hierarchy) -> Result<Vec<u8>, AppError> {
        let mut tx = self.store.begin_read().await?;
        let authority = self.authority(tx.as_mut(), hierarchy).await?;
        let revoked = tx
            .revoked_certificates(hierarchy.code())
            .await?
            .into_iter()
            .map(|c| Revoked {
                serial: parse_serial(&c.serial),
                at: c
                    .revoked_at_us
                    .and_then(|us| Timestamp::from_microsecond(us).ok())
                    .unwrap_or(Timestamp::UNIX_EPOCH),
                reason: c
                    .reason
                    .as_deref()
                    .and_then(Reason::parse)
                    .unwrap_or(Reason::Unspecified),
            })
            .collect::<Vec<_>>();
        let now = Timestamp::from_microsecond(self.clock.now_us()).unwrap_or(Timestamp::UNIX_EPOCH);
        // RFC 5280 §5.2.3 wants CRL numbers that increase with every CRL issued. Each request
        // signs a fresh CRL, so its number is its issue time in seconds: monotonic across
        // servers sharing a clock, and equal only for CRLs signed in the same second, which
        // then say the same thing.
        let number = u64::try_from(now.as_second()).unwrap_or(0);
        authority
            .crl(
                &revoked,
                number,
                now,
                now + jiff::SignedDuration::from_hours(24),
            )
            .map_err(pki)
    }

    /// A resident's certificates, newest first.
    pub async fn certificates(
        &self,
        actor: &Actor,
        code: &ResidentCode,
    ) -> Result<Vec<CertificateRow>, AppError> {
        actor.authorize(Permission::ReadRecords, None)?;
        let mut tx = self.store.begin_read().await?;
        let person = tx
            .person_by_code(code)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        Ok(tx.certificates_of(person.id).await?)
    }
}

fn parse_serial(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .filter_map(|i| {
            hex.get(i..i + 2)
                .and_then(|b| u8::from_str_radix(b, 16).ok())
        })
        .collect()
}

/// Age in whole years on `day` (attained at the end of the day before the birthday).
fn age_on(birth: jiff::civil::Date, day: jiff::civil::Date) -> i16 {
    let mut age = day.year() - birth.year();
    let birthday = jiff::civil::Date::new(day.year(), birth.month(), birth.day())
        .unwrap_or_else(|_| jiff::civil::date(day.year(), 3, 1));
    if day.tomorrow().unwrap_or(day) < birthday {
        age -= 1;
    }
    age
}
