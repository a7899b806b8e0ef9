//! 個人番号カード: the use cases of a card's life (facts §2, §7, §10). Application with its
//! photo and application ID, production (a serial, the card's own key pairs, certificates for
//! them, the expiry), pick-up (identity checked, PINs set, handed over), suspension at any hour,
//! resumption in person, loss, return, PIN reset, a foreign resident's extension, and expiry.
//! Each is one transaction with its ledger entries. The card's keys go only into the card file
//! that production returns: the register keeps none.

use jiff::civil::Date;
use mynumber_card::{CardData, CardInfo, Holder, KeySlot, PinState};
use mynumber_core::card::{
    CardEvent, CardKind, CardRefused, CardStatus, Channel, EndReason, IdentityDocument, Reason,
    birthday_limit, card_expiry, check_identity, express_allowed, fee_yen,
};
use mynumber_core::dates::{age_on, era_of, renewal_opens};
use mynumber_core::pin::PinKind;
use mynumber_core::{
    Actor, ApplicationId, FieldError, Invalid, Permission, PersonId, RecordStatus, Refused,
    RemovalReason, Resident, ResidentCode,
};
use mynumber_pki::{Hierarchy, Reason as RevocationReason};

use crate::certificates::certificate_name;
use crate::ledger::{Record, append};
use crate::{App, AppError, CardApplicationRow, CardRow, CertificateRow, KeyMaker, Tx};

/// What card production needs from the shell: RSA-2048 key pairs (PKCS#8) for the cards, made
/// with the machine's randomness (docs/design/card.md).
#[derive(Clone)]
pub struct CardSettings {
    /// Makes one card key pair.
    pub keys: KeyMaker,
}

impl std::fmt::Debug for CardSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardSettings").finish_non_exhaustive()
    }
}

/// A card application as the clerk or the online service hands it in.
#[derive(Clone, Debug)]
pub struct CardApplication {
    /// How it arrived.
    pub channel: Channel,
    /// Why.
    pub reason: Reason,
    /// The form's application ID (required for every channel but the counter).
    pub application_id: Option<String>,
    /// The face photo, JPEG (not needed for a child under 1).
    pub photo: Option<Vec<u8>>,
    /// Standard or face-recognition.
    pub kind: CardKind,
    /// Whether the certificates are wanted.
    pub with_certificates: bool,
    /// Express issuance.
    pub express: bool,
}

/// What the holder brings and chooses at the counter.
#[derive(Clone)]
pub struct HandOver {
    /// The identity documents shown.
    pub documents: Vec<IdentityDocument>,
    /// The PINs chosen (every PIN of a standard card; none for a face-recognition card).
    pub pins: Vec<(PinKind, String)>,
    /// The card file, as produced.
    pub card_file: Vec<u8>,
}

impl std::fmt::Debug for HandOver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HandOver")
            .field("documents", &self.documents)
            .finish_non_exhaustive()
    }
}

/// A card and its card file: what production and the steps at the counter hand back.
#[derive(Clone)]
pub struct CardWithFile {
    /// The card in the register.
    pub card: CardRow,
    /// The card file (its keys inside): give it to the holder; it is not kept.
    pub card_file: Vec<u8>,
}

impl std::fmt::Debug for CardWithFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardWithFile")
            .field("card", &self.card)
            .finish_non_exhaustive()
    }
}

impl From<CardRefused> for AppError {
    fn from(r: CardRefused) -> Self {
        let state = match r.status.end_reason() {
            Some(reason) => format!("ended ({}) card", reason.code()),
            None => format!("{} card", r.status.code()),
        };
        AppError::Refused(Refused {
            state,
            procedure: r.event.action(),
            reason: r.to_string(),
        })
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn documents_detail(documents: &[IdentityDocument]) -> String {
    documents
        .iter()
        .map(|d| d.code())
        .collect::<Vec<_>>()
        .join(",")
}

impl App {
    /// Receives a card application (交付申請) and records its fee. Refused, with the reason,
    /// when the record is not active, the application ID is not this person's current form
    /// (one printed for a name or address since changed is void, facts §2.5), the photo fails
    /// facts §2.6, express issuance is not allowed, or the reason does not fit the cards the
    /// person has.
    pub async fn apply_for_card(
        &self,
        actor: &Actor,
        code: &ResidentCode,
        input: CardApplication,
    ) -> Result<CardApplicationRow, AppError> {
        actor.authorize(Permission::WriteRecords, None)?;
        let today = self.clock.today();
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let person = tx
            .person_by_code(code)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        let versions = tx.versions(person.id).await?;
        let current = versions.last().ok_or(AppError::NotFound("resident"))?;
        let record = &current.resident.record;
        actor.authorize(Permission::WriteRecords, Some(record.municipality()))?;
        if current.resident.status != RecordStatus::Active {
            return Err(FieldError::new(
                "resident",
                "a card is issued only to a resident with an active record",
            )
            .into());
        }
        let mut problems = Vec::new();
        // The form's application ID: this person's, and printed for the name and address the
        // record still has.
        let application_id = match (&input.application_id, input.channel.needs_application_id()) {
            (None, true) => {
                problems.push(FieldError::new(
                    "application_id",
                    format!(
                        "a {} application needs the 23-digit application ID printed on the form",
                        input.channel.code()
                    ),
                ));
                None
            }
            (None, false) => None,
            (Some(text), _) => match ApplicationId::parse(text) {
                Err(e) => {
                    problems.push(FieldError::new("application_id", e.to_string()));
                    None
                }
                Ok(id) => {
                    // Printed with a notification letter or an expiry notice.
                    match tx.form_by_application_id(&id).await? {
                        Some((holder, printed)) if holder == person.id => {
                            let then = versions
                                .iter()
                                .rev()
                                .find(|v| v.recorded_at_us <= printed)
                                .unwrap_or(current);
                            let was = &then.resident.record;
                            if was.name() != record.name() || was.address() != record.address() {
                                problems.push(FieldError::new(
                                    "application_id",
                                    "the form was printed for a name or address that has since changed, so it can no longer be used; ask the municipality for a new form (facts §2.5)",
                                ));
                            }
                        }
                        _ => problems.push(FieldError::new(
                            "application_id",
                            "is not the application ID of a form issued to this resident",
                        )),
                    }
                    Some(id)
                }
            },
        };
        // The photo: none for a child under 1 (facts §2.1), checked otherwise.
        let under_one = age_on(record.birth_date(), today) < 1;
        let photo = match (&input.photo, under_one) {
            (Some(_), true) => {
                problems.push(FieldError::new(
                    "photo",
                    "a child under 1 gets a card without a photo; send none",
                ));
                None
            }
            (None, true) => None,
            (None, false) => {
                problems.push(FieldError::new(
                    "photo",
                    "is required: a JPEG face photo (facts §2.6)",
                ));
                None
            }
            (Some(bytes), false) => match mynumber_core::photo::check(bytes) {
                Ok(_) => Some(bytes.clone()),
                Err(Invalid(p)) => {
                    problems.extend(p);
                    None
                }
            },
        };
        let became_resident = versions
            .iter()
            .rev()
            .find(|v| {
                matches!(
                    v.procedure.as_str(),
                    "birth" | "move-in" | "foreign-first-registration" | "transfer-in"
                )
            })
            .map_or(current.effective_on, |v| v.effective_on);
        if input.express
            && let Err(e) =
                express_allowed(input.reason, record.birth_date(), became_resident, today)
        {
            problems.push(e);
        }
        let with_certificates = input.with_certificates && input.kind == CardKind::Standard;
        if input.with_certificates && input.kind == CardKind::FaceRecognition {
            problems.push(FieldError::new(
                "with_certificates",
                "a face-recognition card carries no certificates (facts §2.1)",
            ));
        }
        // The reason must fit the cards the person has.
        let cards = tx.cards_of(person.id).await?;
        let in_use = cards.iter().find(|c| c.status.in_use());
        let pending = tx
            .card_applications_of(person.id)
            .await?
            .into_iter()
            .any(|a| a.card_serial.is_none());
        if pending {
            problems.push(FieldError::new(
                "reason",
                "an application of this resident is already waiting for its card",
            ));
        }
        match (input.reason, in_use) {
            (Reason::Renewal, Some(card)) => {
                let opens = renewal_opens(card.expiry);
                if today < opens {
                    problems.push(FieldError::new(
                        "reason",
                        format!(
                            "card {} is valid until {}; it can be renewed from {opens}",
                            card.serial, card.expiry
                        ),
                    ));
                }
            }
            (Reason::Renewal, None) => problems.push(FieldError::new(
                "reason",
                "there is no card in use to renew; apply for a first card or a re-issue",
            )),
            (_, Some(card)) => problems.push(FieldError::new(
                "reason",
                format!(
                    "card {} is still in use ({}); renew it from three months before it expires, or report it lost first",
                    card.serial,
                    card.status.code()
                ),
            )),
            (Reason::First, None) if !cards.is_empty() => problems.push(FieldError::new(
                "reason",
                "this resident has had a card before: apply for a re-issue",
            )),
            (Reason::Reissue | Reason::ReissueFree, None) if cards.is_empty() => {
                problems.push(FieldError::new(
                    "reason",
                    "this resident has never had a card: apply for a first card",
                ));
            }
            _ => {}
        }
        if !problems.is_empty() {
            return Err(Invalid(problems).into());
        }
        let row = CardApplicationRow {
            id: hex(&self.random_bytes::<16>()),
            person: person.id,
            municipality: record.municipality(),
            channel: input.channel,
            reason: input.reason,
            application_id,
            kind: input.kind,
            with_certificates,
            express: input.express,
            fee_yen: i64::from(fee_yen(input.reason, input.express, with_certificates)),
            photo,
            applied_on: today,
            received_at_us: now,
            card_serial: None,
        };
        tx.insert_card_application(&row).await?;
        let record = Record {
            partition: row.municipality.as_str().to_owned(),
            action: "card-applied",
            person: Some(person.id),
            purpose: None,
            detail: format!(
                "application={} channel={} reason={} kind={} certificates={} express={} fee={}",
                row.id,
                row.channel.code(),
                row.reason.code(),
                row.kind.code(),
                row.with_certificates,
                row.express,
                row.fee_yen
            ),
        };
        append(tx.as_mut(), &actor.id.to_hex(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Produces the card for an application: a serial, the card's own key pairs (made here and
    /// put only into the card file), certificates for them (the signature certificate from 15,
    /// facts §3.1), and the expiry (facts §2.2). The card waits at the municipality for its
    /// holder; the card file returned goes with it.
    pub async fn produce_card(
        &self,
        actor: &Actor,
        application: &str,
    ) -> Result<CardWithFile, AppError> {
        actor.authorize(Permission::WriteRecords, None)?;
        let today = self.clock.today();
        let now = self.clock.now_us();
        let mut keys = {
            let mut read = self.store.begin_read().await?;
            // Refused early, before the costly keys: another municipality's application, and
            // one produced already (both refused again inside the transaction).
            let found = read.card_application(application.trim()).await?;
            if let Some(app) = &found {
                actor.authorize(Permission::WriteRecords, Some(app.municipality))?;
            }
            let wanted = match found {
                Some(app) if app.with_certificates && app.card_serial.is_none() => {
                    match read.current_version(app.person).await? {
                        Some(v) if age_on(v.resident.record.birth_date(), today) >= 15 => 2,
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
        actor.authorize(Permission::WriteRecords, Some(app.municipality))?;
        if let Some(serial) = &app.card_serial {
            return Err(AppError::Refused(Refused {
                state: "produced card application".to_owned(),
                procedure: "card-produced",
                reason: format!("card {serial} was produced for it already"),
            }));
        }
        let current = tx
            .current_version(app.person)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        if current.resident.status != RecordStatus::Active {
            return Err(FieldError::new(
                "resident",
                "the resident's record is no longer active; the card is not produced",
            )
            .into());
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
            let wanted: &[Hierarchy] = if age_on(record.birth_date(), today) >= 15 {
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
        append(tx.as_mut(), &actor.id.to_hex(), now, records).await?;
        tx.commit().await?;
        Ok(CardWithFile {
            card: row,
            card_file: data.to_file(),
        })
    }

    /// A new key pair for a card and its certificate (valid no longer than the card).
    async fn card_key_pair(
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
        let public = mynumber_pki::public_key_der(&key);
        let (cert, rec) = self
            .certify_in(tx, person, record, hierarchy, &public, Some(expiry))
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
    async fn new_card_keys(&self, n: usize) -> Result<Vec<Vec<u8>>, AppError> {
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
    fn take_card_key(&self, keys: &mut Vec<Vec<u8>>) -> Result<Vec<u8>, AppError> {
        match keys.pop() {
            Some(key) => Ok(key),
            None => (self.cards.keys)().map_err(AppError::Unavailable),
        }
    }

    /// The card, once the actor may act on it, in a transaction.
    async fn card_in(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        permission: Permission,
        serial: &str,
    ) -> Result<CardRow, AppError> {
        let card = tx
            .card(serial.trim())
            .await?
            .ok_or(AppError::NotFound("card"))?;
        actor.authorize(permission, Some(card.municipality))?;
        Ok(card)
    }

    /// Moves a card by `event` inside a transaction and writes its ledger record.
    async fn step_in(
        &self,
        tx: &mut dyn Tx,
        card: &mut CardRow,
        event: CardEvent,
        detail: String,
        now: i64,
    ) -> Result<Record, AppError> {
        let from = card.status;
        card.status = from.after(event)?;
        card.changed_at_us = now;
        if !tx.update_card(card, from).await? {
            return Err(AppError::Conflict);
        }
        Ok(Record {
            partition: card.municipality.as_str().to_owned(),
            action: event.action(),
            person: Some(card.person),
            purpose: None,
            detail: format!("card={} {detail}", card.serial)
                .trim_end()
                .to_owned(),
        })
    }

    /// The certificates on a card.
    async fn card_certificates(
        &self,
        tx: &mut dyn Tx,
        card: &CardRow,
    ) -> Result<Vec<CertificateRow>, AppError> {
        let mut out = Vec::new();
        for serial in [
            &card.signature_certificate,
            &card.authentication_certificate,
        ]
        .into_iter()
        .flatten()
        {
            if let Some(c) = tx.certificate(serial).await? {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// Checks that a card file is this card's (its serial and certificates).
    fn card_file_of(card: &CardRow, file: &[u8]) -> Result<CardData, AppError> {
        let data =
            CardData::from_file(file).map_err(|e| FieldError::new("card_file", e.to_string()))?;
        let serial_of = |slot: &Option<KeySlot>| {
            slot.as_ref()
                .and_then(|s| mynumber_pki::inspect(&s.certificate).ok())
                .map(|c| hex(&c.serial))
        };
        if data.serial != card.serial
            || serial_of(&data.signature) != card.signature_certificate
            || serial_of(&data.authentication) != card.authentication_certificate
        {
            return Err(FieldError::new(
                "card_file",
                format!("is not the file of card {}", card.serial),
            )
            .into());
        }
        Ok(data)
    }

    /// Hands a produced card over at the counter (交付): identity checked (facts §2.7), the
    /// PINs the holder chose written to the card (facts §2.3; none on a face-recognition card),
    /// and any earlier card of the holder ends as replaced, its certificates revoked. Returns
    /// the card file with its PINs set.
    pub async fn hand_over_card(
        &self,
        actor: &Actor,
        serial: &str,
        hand_over: HandOver,
    ) -> Result<CardWithFile, AppError> {
        actor.authorize(Permission::WriteRecords, None)?;
        check_identity(&hand_over.documents)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut card = self
            .card_in(tx.as_mut(), actor, Permission::WriteRecords, serial)
            .await?;
        let mut data = Self::card_file_of(&card, &hand_over.card_file)?;
        // Which PINs the card needs, and their form.
        let needed: Vec<PinKind> = match card.kind {
            CardKind::FaceRecognition => Vec::new(),
            CardKind::Standard => PinKind::ALL
                .into_iter()
                .filter(|k| *k != PinKind::Signature || data.signature.is_some())
                .collect(),
        };
        let mut problems = Vec::new();
        for (kind, _) in &hand_over.pins {
            if !needed.contains(kind) {
                problems.push(FieldError::new(
                    "pins",
                    format!("this card has no {} PIN to set", kind.code()),
                ));
            }
        }
        for kind in &needed {
            match hand_over.pins.iter().find(|(k, _)| k == kind) {
                None => problems.push(FieldError::new(
                    "pins",
                    format!("the {} PIN is missing", kind.code()),
                )),
                Some((_, pin)) => match kind.check(pin) {
                    Ok(stored) => data.set_pin(
                        *kind,
                        PinState::new(&stored, self.random_bytes(), kind.max_tries()),
                    ),
                    Err(e) => problems.push(e),
                },
            }
        }
        if !problems.is_empty() {
            return Err(Invalid(problems).into());
        }
        let mut records = vec![
            self.step_in(
                tx.as_mut(),
                &mut card,
                CardEvent::HandOver,
                format!("identity={}", documents_detail(&hand_over.documents)),
                now,
            )
            .await?,
        ];
        // The card it replaces (a renewal, or a re-issue of a card not yet ended).
        for mut old in tx.cards_of(card.person).await? {
            if old.serial != card.serial && old.status.in_use() {
                let certs = self.card_certificates(tx.as_mut(), &old).await?;
                records.extend(
                    self.revoke_in(tx.as_mut(), certs, RevocationReason::Superseded, now)
                        .await?
                        .into_iter()
                        .map(|(_, r)| r),
                );
                records.push(
                    self.step_in(
                        tx.as_mut(),
                        &mut old,
                        CardEvent::End(EndReason::Replaced),
                        format!("by={}", card.serial),
                        now,
                    )
                    .await?,
                );
            }
        }
        append(tx.as_mut(), &actor.id.to_hex(), now, records).await?;
        tx.commit().await?;
        Ok(CardWithFile {
            card,
            card_file: data.to_file(),
        })
    }

    /// Suspends a card (一時停止) at any hour, by a call-center operator or at the counter: its
    /// user-authentication certificate goes on hold and its signature certificate is revoked
    /// (facts §3.3, §7).
    pub async fn suspend_card(&self, actor: &Actor, serial: &str) -> Result<CardRow, AppError> {
        actor.authorize(Permission::SuspendCards, None)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut card = self
            .card_in(tx.as_mut(), actor, Permission::SuspendCards, serial)
            .await?;
        let mut records = vec![
            self.step_in(
                tx.as_mut(),
                &mut card,
                CardEvent::Suspend,
                String::new(),
                now,
            )
            .await?,
        ];
        let certs = self.card_certificates(tx.as_mut(), &card).await?;
        records.extend(
            self.suspend_in(tx.as_mut(), certs, now)
                .await?
                .into_iter()
                .map(|(_, r)| r),
        );
        append(tx.as_mut(), &actor.id.to_hex(), now, records).await?;
        tx.commit().await?;
        Ok(card)
    }

    /// Resumes a suspended card, only in person with identity checked (facts §7): the hold is
    /// lifted, and the signature certificate, revoked at the suspension, is issued anew for a
    /// new key pair written to the card. Returns the card file.
    pub async fn resume_card(
        &self,
        actor: &Actor,
        serial: &str,
        documents: &[IdentityDocument],
        card_file: &[u8],
    ) -> Result<CardWithFile, AppError> {
        actor.authorize(Permission::WriteRecords, None)?;
        check_identity(documents)?;
        let now = self.clock.now_us();
        // The new signature key, made before the writing transaction (a card file that does
        // not parse is refused below).
        let wanted = CardData::from_file(card_file).is_ok_and(|d| d.signature.is_some());
        let mut keys = self.new_card_keys(usize::from(wanted)).await?;
        let mut tx = self.store.begin().await?;
        let mut card = self
            .card_in(tx.as_mut(), actor, Permission::WriteRecords, serial)
            .await?;
        let mut data = Self::card_file_of(&card, card_file)?;
        let mut records = vec![
            self.step_in(
                tx.as_mut(),
                &mut card,
                CardEvent::Resume,
                format!("identity={}", documents_detail(documents)),
                now,
            )
            .await?,
        ];
        let certs = self.card_certificates(tx.as_mut(), &card).await?;
        records.extend(
            self.resume_in(tx.as_mut(), certs, now)
                .await?
                .into_iter()
                .map(|(_, r)| r),
        );
        if data.signature.is_some() {
            let current = tx
                .current_version(card.person)
                .await?
                .ok_or(AppError::NotFound("resident"))?;
            let (slot, cert, rec) = self
                .card_key_pair(
                    tx.as_mut(),
                    card.person,
                    &current.resident.record,
                    Hierarchy::Signature,
                    card.expiry,
                    self.take_card_key(&mut keys)?,
                )
                .await?;
            data.signature = Some(slot);
            card.signature_certificate = Some(cert.serial);
            if !tx.update_card(&card, card.status).await? {
                return Err(AppError::Conflict);
            }
            records.push(rec);
        }
        append(tx.as_mut(), &actor.id.to_hex(), now, records).await?;
        tx.commit().await?;
        Ok(CardWithFile {
            card,
            card_file: data.to_file(),
        })
    }

    /// Ends a card, revoking its certificates: reported lost and abolished (廃止; for key
    /// compromise, since the card may be in other hands), or returned (返納).
    pub async fn end_card(
        &self,
        actor: &Actor,
        serial: &str,
        reason: EndReason,
    ) -> Result<CardRow, AppError> {
        actor.authorize(Permission::WriteRecords, None)?;
        if !matches!(reason, EndReason::Abolished | EndReason::Returned) {
            return Err(FieldError::new(
                "reason",
                "a clerk ends a card as abolished (lost) or returned; expiry and replacement follow by themselves",
            )
            .into());
        }
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut card = self
            .card_in(tx.as_mut(), actor, Permission::WriteRecords, serial)
            .await?;
        let records = self
            .end_card_in(tx.as_mut(), &mut card, reason, String::new(), now)
            .await?;
        append(tx.as_mut(), &actor.id.to_hex(), now, records).await?;
        tx.commit().await?;
        Ok(card)
    }

    /// Ends one card inside a transaction, revoking what is left of its certificates.
    async fn end_card_in(
        &self,
        tx: &mut dyn Tx,
        card: &mut CardRow,
        reason: EndReason,
        detail: String,
        now: i64,
    ) -> Result<Vec<Record>, AppError> {
        let mut records = vec![
            self.step_in(tx, card, CardEvent::End(reason), detail, now)
                .await?,
        ];
        let why = match reason {
            EndReason::Abolished => RevocationReason::KeyCompromise,
            EndReason::Replaced => RevocationReason::Superseded,
            EndReason::Expired | EndReason::Returned | EndReason::Voided => {
                RevocationReason::CessationOfOperation
            }
        };
        let certs = self.card_certificates(tx, card).await?;
        records.extend(
            self.revoke_in(tx, certs, why, now)
                .await?
                .into_iter()
                .map(|(_, r)| r),
        );
        Ok(records)
    }

    /// The cards a registry change ends, in its transaction: death ends every card in use or
    /// waiting; a foreign national's move abroad too (facts §10: only Japanese nationals keep
    /// their card abroad).
    pub(crate) async fn end_cards_on_change(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        new: &Resident,
        now: i64,
    ) -> Result<Vec<Record>, AppError> {
        let ends = match new.status {
            RecordStatus::Removed {
                reason: RemovalReason::Died,
                ..
            } => true,
            RecordStatus::Removed {
                reason: RemovalReason::MovedAbroad,
                ..
            } => new.record.foreign().is_some(),
            _ => false,
        };
        if !ends {
            return Ok(Vec::new());
        }
        self.end_cards_in(tx, person, EndReason::Returned, now)
            .await
    }

    /// Ends every card of a person not yet ended, inside a transaction (the number change voids
    /// them, facts §6).
    pub(crate) async fn end_cards_in(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        reason: EndReason,
        now: i64,
    ) -> Result<Vec<Record>, AppError> {
        let mut records = Vec::new();
        for mut card in tx.cards_of(person).await? {
            if matches!(card.status, CardStatus::Ended(_)) {
                continue;
            }
            records.extend(
                self.end_card_in(tx, &mut card, reason, String::new(), now)
                    .await?,
            );
        }
        Ok(records)
    }

    /// Resets a PIN at the counter (初期化・再設定), with identity checked: the new PIN is
    /// written to the card with every try available. The ledger names the PIN, never its
    /// value. Returns the card file.
    pub async fn reset_card_pin(
        &self,
        actor: &Actor,
        serial: &str,
        documents: &[IdentityDocument],
        kind: PinKind,
        pin: &str,
        card_file: &[u8],
    ) -> Result<CardWithFile, AppError> {
        actor.authorize(Permission::WriteRecords, None)?;
        check_identity(documents)?;
        let stored = kind.check(pin)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut card = self
            .card_in(tx.as_mut(), actor, Permission::WriteRecords, serial)
            .await?;
        let mut data = Self::card_file_of(&card, card_file)?;
        if data.pin(kind).is_none() {
            return Err(
                FieldError::new("kind", format!("this card has no {} PIN", kind.code())).into(),
            );
        }
        let record = self
            .step_in(
                tx.as_mut(),
                &mut card,
                CardEvent::ResetPin,
                format!(
                    "pin={} identity={}",
                    kind.code(),
                    documents_detail(documents)
                ),
                now,
            )
            .await?;
        data.set_pin(
            kind,
            PinState::new(&stored, self.random_bytes(), kind.max_tries()),
        );
        append(tx.as_mut(), &actor.id.to_hex(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(CardWithFile {
            card,
            card_file: data.to_file(),
        })
    }

    /// Extends a foreign resident's card after a new period of stay is recorded (facts §10):
    /// to the end of the new period, never past the birthday rule.
    pub async fn extend_card(&self, actor: &Actor, serial: &str) -> Result<CardRow, AppError> {
        actor.authorize(Permission::WriteRecords, None)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut card = self
            .card_in(tx.as_mut(), actor, Permission::WriteRecords, serial)
            .await?;
        let current = tx
            .current_version(card.person)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        let Some(stay) = current
            .resident
            .record
            .foreign()
            .and_then(|f| f.period_of_stay_until())
        else {
            return Err(FieldError::new(
                "card",
                "only the card of a foreign resident with a fixed period of stay is extended",
            )
            .into());
        };
        let new_expiry = stay.min(card.birthday_limit);
        if new_expiry <= card.expiry {
            return Err(FieldError::new(
                "card",
                format!(
                    "the card is valid until {}; the period of stay recorded ends {stay}, so there is nothing to extend (record the new period of stay first)",
                    card.expiry
                ),
            )
            .into());
        }
        let old = card.expiry;
        card.expiry = new_expiry;
        let record = self
            .step_in(
                tx.as_mut(),
                &mut card,
                CardEvent::Extend,
                format!("from={old} to={new_expiry}"),
                now,
            )
            .await?;
        append(tx.as_mut(), &actor.id.to_hex(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(card)
    }

    /// Ends the cards whose expiry has passed, with their certificates, in batches; returns how
    /// many (the server runs this hourly).
    pub async fn expire_cards(&self, actor: &Actor) -> Result<usize, AppError> {
        actor.authorize(Permission::WriteRecords, None)?;
        let today = self.clock.today();
        let mut total = 0;
        loop {
            let now = self.clock.now_us();
            let mut tx = self.store.begin().await?;
            let due = tx.cards_expiring_before(today, 500).await?;
            if due.is_empty() {
                return Ok(total);
            }
            let mut records = Vec::new();
            for mut card in due {
                let expiry = card.expiry;
                records.extend(
                    self.end_card_in(
                        tx.as_mut(),
                        &mut card,
                        EndReason::Expired,
                        format!("expiry={expiry}"),
                        now,
                    )
                    .await?,
                );
                total += 1;
            }
            append(tx.as_mut(), &actor.id.to_hex(), now, records).await?;
            tx.commit().await?;
        }
    }

    /// A resident's cards and applications, newest first.
    pub async fn cards(
        &self,
        actor: &Actor,
        code: &ResidentCode,
    ) -> Result<(Vec<CardRow>, Vec<CardApplicationRow>), AppError> {
        actor.authorize(Permission::ReadRecords, None)?;
        let mut tx = self.store.begin_read().await?;
        let person = tx
            .person_by_code(code)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        Ok((
            tx.cards_of(person.id).await?,
            tx.card_applications_of(person.id).await?,
        ))
    }
}
