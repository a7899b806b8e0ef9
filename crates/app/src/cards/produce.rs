//! Producing a card: its serial, its own key pairs and their certificates, the text and face
//! applications, the expiry. The keys go only into the card file returned.

use jiff::civil::Date;
use mynumber_card::{CardData, CardInfo, Holder, KeySlot};
use mynumber_core::card::{CardStatus, birthday_limit, card_expiry};
use mynumber_core::certificate::signature_certificate_allowed;
use mynumber_core::dates::era_of;
use mynumber_core::{Action, Principal};
use mynumber_core::{FieldError, PersonId, RecordStatus, Refused};
use mynumber_pki::Hierarchy;

use crate::access::{authorize, current_scope};
use crate::certificates::certificate_name;
use crate::ledger::{Record, append};
use crate::load;
use crate::{App, AppError, CardRow, CertificateRow, Tx};

use super::CardWithFile;

impl App {
    /// Produces the card for an application: a serial, the card's own key pairs (made here and
    /// put only into the card file), certificates for them (the signature certificate from 15,
    /// facts §3.1), and the expiry (facts §2.2). The card waits at the municipality for its
    /// holder; the card file returned goes with it.
    pub async fn produce_card(
        &self,
        principal: &Principal,
        application: &str,
    ) -> Result<CardWithFile, AppError> {
        self.permit(principal, Action::ProduceCard).await?;
        let today = self.clock.today();
        let now = self.clock.now_us();
        let mut keys = {
            let mut read = self.store.begin_read().await?;
            // Refused early, before the costly keys: another municipality's application, and
            // one produced already (both refused again inside the transaction).
            let found = read.card_application(application.trim()).await?;
            if let Some(app) = &found {
                authorize!(
                    self,
                    read,
                    principal,
                    Action::ProduceCard,
                    &current_scope(app.person, app.municipality),
                    "card application"
                );
            }
            let wanted = match found {
                Some(app) if app.with_certificates && app.card_serial.is_none() => {
                    match read.current_version(app.person).await? {
                        Some(v)
                            if signature_certificate_allowed(
                                v.resident.record.birth_date(),
                                today,
                            ) =>
                        {
                            2
                        }
                        Some(_) => 1,
                        None => 0,
                    }
                }
                _ => 0,
            };
            drop(read);
            self.new_card_keys(wanted).await?
        };
        let mut tx = self.store.begin().await?;
        let app = tx
            .card_application(application.trim())
            .await?
            .ok_or(AppError::NotFound("card application"))?;
        authorize!(
            self,
            tx,
            principal,
            Action::ProduceCard,
            &current_scope(app.person, app.municipality),
            "card application"
        );
        if let Some(serial) = &app.card_serial {
            return Err(AppError::Refused(Refused {
                state: "produced card application".to_owned(),
                procedure: "card-produced",
                reason: format!("card {serial} was produced for it already"),
            }));
        }
        let current = load::current_version(tx.as_mut(), app.person).await?;
        if current.resident.status != RecordStatus::Active {
            return Err(FieldError::new("resident", "problem-resident-s-record-longer").into());
        }
        let record = &current.resident.record;
        let stay = record.foreign().and_then(|f| f.period_of_stay_until());
        let expiry = card_expiry(record.birth_date(), app.applied_on, today, stay);
        let limit = birthday_limit(record.birth_date(), app.applied_on, today);
        let mut records = Vec::new();
        // The text and face applications (facts §4.4–4.5): the number, the four items and
        // the face, signed by this system. Writing the number to the card is a reading of it,
        // and is recorded as one.
        let number = tx
            .current_number(app.person)
            .await?
            .ok_or(AppError::NotFound("Individual Number"))?;
        let birth = record.birth_date();
        let birth_era = era_of(birth).map_or_else(
            || "000000".to_owned(),
            |(_, year)| format!("{:02}{:02}{:02}", year % 100, birth.month(), birth.day()),
        );
        let security = u16::from_be_bytes(self.random_bytes()) % 10_000;
        let holder = Holder {
            number: number.expose_digits().to_owned(),
            name: certificate_name(record),
            address: mynumber_pki::full_width_digits(
                &self.written_address(tx.as_mut(), record).await?,
            ),
            birth: format!("{:04}{:02}{:02}", birth.year(), birth.month(), birth.day()),
            birth_era,
            sex: char::from(b'0' + record.sex().code()),
            expiry: format!(
                "{:04}{:02}{:02}",
                expiry.year(),
                expiry.month(),
                expiry.day()
            ),
            security_code: format!("{security:04}"),
            municipality: app.municipality.as_str()[..5].to_owned(),
            photo: app.photo.clone(),
        };
        let key = self.documents.signing_key.clone();
        let info = CardInfo::build(&holder, &|bytes| key.sign_card_data(bytes).to_vec());
        let mut data = CardData {
            serial: String::new(),
            signature: None,
            authentication: None,
            pins: Vec::new(),
            info: Some(info),
        };
        let mut certs = (None, None);
        if app.with_certificates {
            let wanted: &[Hierarchy] = if signature_certificate_allowed(record.birth_date(), today)
            {
                &[Hierarchy::Signature, Hierarchy::Authentication]
            } else {
                &[Hierarchy::Authentication]
            };
            for hierarchy in wanted {
                let pkcs8 = self.take_card_key(&mut keys)?;
                let (slot, cert, rec) = self
                    .card_key_pair(tx.as_mut(), app.person, record, *hierarchy, expiry, pkcs8)
                    .await?;
                records.push(rec);
                match hierarchy {
                    Hierarchy::Signature => {
                        data.signature = Some(slot);
                        certs.0 = Some(cert.serial);
                    }
                    Hierarchy::Authentication => {
                        data.authentication = Some(slot);
                        certs.1 = Some(cert.serial);
                    }
                }
            }
        }
        // A 15-digit serial; a collision with an earlier card draws again.
        let mut row = CardRow {
            serial: String::new(),
            person: app.person,
            application: app.id.clone(),
            municipality: app.municipality,
            kind: app.kind,
            status: CardStatus::Produced,
            expiry,
            birthday_limit: limit,
            produced_at_us: now,
            changed_at_us: now,
            continue_by: None,
            additions: 0,
            signature_certificate: certs.0,
            authentication_certificate: certs.1,
        };
        loop {
            let n = u64::from_be_bytes(self.random_bytes()) % 1_000_000_000_000_000;
            row.serial = format!("{n:015}");
            if tx.insert_card(&row).await? {
                break;
            }
        }
        data.serial = row.serial.clone();
        if !tx.set_application_card(&app.id, &row.serial).await? {
            return Err(AppError::Conflict);
        }
        records.push(Record {
            partition: app.municipality.as_str().to_owned(),
            action: "number-read",
            person: Some(app.person),
            purpose: Some("card-issuance".to_owned()),
            detail: format!("card={}", row.serial),
        });
        records.push(Record {
            partition: app.municipality.as_str().to_owned(),
            action: "card-produced",
            person: Some(app.person),
            purpose: None,
            detail: format!(
                "card={} application={} kind={} expiry={expiry}",
                row.serial,
                app.id,
                app.kind.code()
            ),
        });
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        let sealed = self.seal_card(&data)?;
        tx.commit().await?;
        Ok(CardWithFile {
            card: row,
            // A card just made: no file of it is out to race with.
            card_file: self.hand_out(&data, sealed, None),
        })
    }

    /// A new key pair for a card and its certificate (valid no longer than the card).
    pub(super) async fn card_key_pair(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        record: &mynumber_core::ResidentRecord,
        hierarchy: Hierarchy,
        expiry: Date,
        pkcs8: Vec<u8>,
    ) -> Result<(KeySlot, CertificateRow, Record), AppError> {
        let key = mynumber_pki::KeyPair::try_from(pkcs8.as_slice())
            .map_err(|e| AppError::Unavailable(format!("the card key: {e}")))?;
        // The key pair in hand is the proof of possession: it was made for this card, here.
        let proven = mynumber_pki::ProvenKey::from_key_pair(&key);
        let (cert, rec) = self
            .certify_in(
                tx,
                person,
                record,
                hierarchy,
                &proven,
                mynumber_pki::last_valid_day(record.birth_date(), self.clock.today(), Some(expiry)),
            )
            .await?;
        let ca = self.authority(tx, hierarchy).await?.certificate().to_vec();
        Ok((
            KeySlot {
                private_key: pkcs8,
                certificate: cert.der.clone(),
                ca_certificate: ca,
            },
            cert,
            rec,
        ))
    }

    /// `n` new card key pairs. RSA key generation takes about a hundred milliseconds a key, so
    /// it happens before the writing transaction (on SQLite, one held open that long would
    /// hold every other writer of the register back) and on a blocking thread (so that it
    /// does not hold back the requests sharing the async worker).
    pub(super) async fn new_card_keys(&self, n: usize) -> Result<Vec<Vec<u8>>, AppError> {
        if n == 0 {
            return Ok(Vec::new());
        }
        let make = self.cards.keys.clone();
        tokio::task::spawn_blocking(move || {
            (0..n).map(|_| make()).collect::<Result<Vec<_>, String>>()
        })
        .await
        .map_err(|e| AppError::Unavailable(format!("the card key maker failed: {e}")))?
        .map_err(AppError::Unavailable)
    }

    /// One of the keys made before the transaction; should the record have changed meanwhile
    /// (a 15th birthday at midnight), one made now.
    pub(super) fn take_card_key(&self, keys: &mut Vec<Vec<u8>>) -> Result<Vec<u8>, AppError> {
        match keys.pop() {
            Some(key) => Ok(key),
            None => (self.cards.keys)().map_err(AppError::Unavailable),
        }
    }
}
