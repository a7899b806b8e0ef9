//! New certificates on a card in use, at the counter (issue 10): the key pairs made in the
//! card's chip with the holder's PIN, certified, and written back; the certificates they
//! replace revoked as superseded. Covers a move or a name change (which revoked the signature
//! certificate), renewal, the 15th birthday, certificates declined at application, and a
//! foreign resident's extended card.

use jiff::civil::Date;
use mynumber_card::{CardData, Chip, JPKI_AID, KeySource, PinState, Power, Sw};
use mynumber_core::card::{CardEvent, CardKind, check_identity};
use mynumber_core::certificate::{CertificateStatus, InForce, Issuance, new_certificate_on_card};
use mynumber_core::dates::japan_date_of;
use mynumber_core::{Action, FieldError, Invalid, Principal, RecordStatus};
use mynumber_pki::{Hierarchy, ProvenKey, Reason as RevocationReason};

use crate::access::{authorize, current_scope, found};
use crate::ledger::append;
use crate::load;
use crate::{App, AppError, CertificateRow};

use super::terminal::{ChipRefused, command, on_chip, send, verify_pin};
use super::{CardCertification, CardWithFile, documents_detail};

/// Has the chip make a new key pair for `hierarchy`, the holder's `pin` verified, and prove
/// it holds the private key: the chip signs a certification request for the new public key
/// (RFC 2986), which the authority checks like any other (`ProvenKey::from_request`). This is
/// the counter terminal's side of the JPKI application's commands.
fn generate(chip: &mut Chip, hierarchy: Hierarchy, pin: &str) -> Result<ProvenKey, ChipRefused> {
    let (_, kind, key_file, pin_file) = on_chip(hierarchy);
    let step = |what| move |sw| ChipRefused::Status(what, sw);
    verify_pin(chip, &JPKI_AID, pin_file, kind, pin)?;
    send(chip, &command([0x00, 0xA4, 0x02, 0x0C], &key_file, false))
        .map_err(step("select the key"))?;
    let template = send(chip, &command([0x00, 0x47, 0x80, 0x00], &[], true))
        .map_err(step("generate the key pair"))?;
    let malformed = || ChipRefused::Status("read the public key", Sw::WRONG_DATA);
    let (modulus, exponent) =
        mynumber_card::parse_public_key_template(&template).ok_or_else(malformed)?;
    let spki = mynumber_pki::rsa_public_key_info(modulus, exponent).map_err(|_| malformed())?;
    let info = mynumber_pki::request_info(&spki).map_err(|_| malformed())?;
    // sha256WithRSAEncryption: the DigestInfo of the request's signed part (RFC 8017 §9.2).
    let mut digest_info = vec![
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20,
    ];
    digest_info
        .extend_from_slice(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &info).as_ref());
    let signature = send(chip, &command([0x80, 0x2A, 0x00, 0x80], &digest_info, true))
        .map_err(step("sign the certification request"))?;
    let request = mynumber_pki::request(&info, &signature).map_err(|_| malformed())?;
    ProvenKey::from_request(&request).map_err(|_| malformed())
}

/// The PIN as the card takes it: the signature password in capitals, as client software sends
/// it (facts §2.3).
fn entered(hierarchy: Hierarchy, pin: &str) -> String {
    match hierarchy {
        Hierarchy::Signature => pin.to_ascii_uppercase(),
        Hierarchy::Authentication => pin.to_owned(),
    }
}

/// The day in Japan of an instant in µs (today for one out of range).
fn day_of(at_us: i64, today: Date) -> Date {
    japan_date_of(at_us).unwrap_or(today)
}

impl App {
    /// Issues, renews or re-issues certificates on a card in use, at the counter with the
    /// holder and identity checked (issue 10). For each certificate asked for, the rule of
    /// `mynumber_core::certificate::new_certificate_on_card` decides whether and until when;
    /// the chip makes the key pair with the holder's PIN (a certificate the card never had
    /// takes the PIN the holder chooses now); the register certifies the key the chip proved
    /// it holds, writes the certificate to the card, and revokes the one it replaces as
    /// `superseded`. A PIN the card refuses ends the procedure with [`AppError::WrongPin`],
    /// which carries the card file with the try counted. Returns the card file.
    pub async fn certify_card(
        &self,
        principal: &Principal,
        serial: &str,
        request: CardCertification,
    ) -> Result<CardWithFile, AppError> {
        self.permit(principal, Action::CertifyCard).await?;
        check_identity(&request.documents)?;
        let wanted = wanted(&request)?;
        let today = self.clock.today();
        let now = self.clock.now_us();
        // The key pairs the chip will take, made before the writing transaction
        // (docs/performance.md: RSA key generation held every other writer back).
        let mut keys = self.new_card_keys(wanted.len()).await?;
        let mut tx = self.store.begin().await?;
        // The card is the holder's current municipality's to certify, as to amend: a former
        // one finds none, and a card not yet continued after a move is continued first.
        let mut card = found!(
            self,
            tx,
            principal,
            Action::CertifyCard,
            self.card_in(tx.as_mut(), serial)
        );
        let current = load::current_version(tx.as_mut(), card.person).await?;
        authorize!(
            self,
            tx,
            principal,
            Action::CertifyCard,
            &current_scope(card.person, current.resident.record.municipality()),
            "card"
        );
        card.status.after(CardEvent::Certify)?;
        if card.kind == CardKind::FaceRecognition {
            return Err(
                FieldError::new("certificates", "problem-face-recognition-card-carries").into(),
            );
        }
        if current.resident.status != RecordStatus::Active {
            return Err(
                FieldError::new("resident", "problem-certificates-issued-resident-active").into(),
            );
        }
        if card.continue_by.is_some() || card.municipality != current.resident.record.municipality()
        {
            return Err(FieldError::new("card", "problem-holder-moved-here-card").into());
        }
        let record = &current.resident.record;
        let on_card = self.card_certificates(tx.as_mut(), &card).await?;
        // What each certificate wanted gets, and the one it replaces; every refusal at once.
        let mut plans: Vec<(Hierarchy, &str, Issuance, Option<CertificateRow>)> = Vec::new();
        let mut problems = Vec::new();
        for (hierarchy, pin) in wanted {
            let replaced = on_card
                .iter()
                .find(|c| c.hierarchy == hierarchy.code() && c.status != CertificateStatus::Revoked)
                .cloned();
            let in_force = replaced
                .as_ref()
                .map(|c| InForce {
                    issued_on: day_of(c.issued_at_us, today),
                    last_day: day_of(c.not_after_us, today),
                })
                .filter(|c| c.last_day >= today);
            match new_certificate_on_card(
                hierarchy == Hierarchy::Signature,
                record.birth_date(),
                today,
                card.expiry,
                in_force,
            ) {
                Ok(issuance) => plans.push((hierarchy, pin, issuance, replaced)),
                Err(e) => problems.push(e),
            }
        }
        if !problems.is_empty() {
            return Err(Invalid(problems).into());
        }
        let (data, held): (CardData, _) = self.card_file_of(&card, &request.card_file)?;
        // First the PINs the card holds, each checked and counted by the card: a wrong one
        // ends here, and the card file handed back carries only the counted try.
        let mut check = Chip::new(data);
        check.power(Power::On);
        // As the issuer: the PIN of a pair the card lacks (declined at application) is there.
        check.open_issuer_session(Box::new(|| None));
        for (hierarchy, pin, _, _) in &plans {
            let (_, kind, _, pin_file) = on_chip(*hierarchy);
            if check.data().pin(kind).is_some()
                && let Err(refused) = verify_pin(
                    &mut check,
                    &JPKI_AID,
                    pin_file,
                    kind,
                    &entered(*hierarchy, pin),
                )
            {
                drop(tx);
                return Err(self.refused_by_card(&mut check, refused, held));
            }
        }
        let mut data = check.data().clone();
        // A certificate the card never had: the holder's chosen PIN is set first, as at
        // pick-up (facts §2.3).
        for (hierarchy, pin, _, _) in &plans {
            let (_, kind, _, _) = on_chip(*hierarchy);
            if data.pin(kind).is_none() {
                let stored = kind.check(pin)?;
                data.set_pin(
                    kind,
                    PinState::new(&stored, self.random_bytes(), kind.max_tries()),
                );
            }
        }
        let make = self.cards.keys.clone();
        let source: KeySource = Box::new(move || keys.pop().or_else(|| make().ok()));
        let mut chip = Chip::new(data);
        chip.power(Power::On);
        chip.open_issuer_session(source);
        let mut proven = Vec::new();
        for (hierarchy, pin, _, _) in &plans {
            // Every PIN is right by now: anything the card refuses is the card's failure, and
            // the file handed in stays as it was.
            match generate(&mut chip, *hierarchy, &entered(*hierarchy, pin)) {
                Ok(key) => proven.push(key),
                Err(ChipRefused::Status(what, sw)) => {
                    return Err(AppError::Unavailable(format!(
                        "the card did not {what}: it answered {:02X} {:02X}",
                        sw.0, sw.1
                    )));
                }
                Err(ChipRefused::Pin(kind, _)) => {
                    return Err(AppError::Unavailable(format!(
                        "the card refused the {} PIN it had accepted",
                        kind.code()
                    )));
                }
            }
        }
        let mut records = Vec::new();
        let mut issued = Vec::new();
        for ((hierarchy, _, issuance, replaced), key) in plans.into_iter().zip(proven) {
            let (row, mut rec) = self
                .certify_in(
                    tx.as_mut(),
                    card.person,
                    record,
                    hierarchy,
                    &key,
                    issuance.last_day,
                )
                .await?;
            rec.detail.push_str(&format!(
                " why={} card={}",
                issuance.why.code(),
                card.serial
            ));
            records.push(rec);
            if let Some(old) = replaced {
                records.extend(
                    self.revoke_in(tx.as_mut(), vec![old], RevocationReason::Superseded, now)
                        .await?
                        .into_iter()
                        .map(|(_, r)| r),
                );
            }
            let ca = self
                .authority(tx.as_mut(), hierarchy)
                .await?
                .certificate()
                .to_vec();
            let (pair, _, _, _) = on_chip(hierarchy);
            chip.install_certificate(pair, row.der.clone(), ca)
                .map_err(|sw| {
                    AppError::Unavailable(format!(
                        "the card did not take its certificate: it answered {:02X} {:02X}",
                        sw.0, sw.1
                    ))
                })?;
            match hierarchy {
                Hierarchy::Signature => card.signature_certificate = Some(row.serial.clone()),
                Hierarchy::Authentication => {
                    card.authentication_certificate = Some(row.serial.clone());
                }
            }
            issued.push(format!("{}:{}", hierarchy.code(), issuance.why.code()));
        }
        records.insert(
            0,
            self.step_in(
                tx.as_mut(),
                &mut card,
                CardEvent::Certify,
                format!(
                    "identity={} certificates={}",
                    documents_detail(&request.documents),
                    issued.join(",")
                ),
                now,
            )
            .await?,
        );
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        let sealed = self.seal_card(chip.data())?;
        tx.commit().await?;
        Ok(CardWithFile {
            card,
            card_file: self.hand_out(chip.data(), sealed, Some(held)),
        })
    }
}

/// The certificates asked for, each with its PIN: at least one, none twice, and a PIN for
/// each and for nothing else.
fn wanted(request: &CardCertification) -> Result<Vec<(Hierarchy, &str)>, AppError> {
    let mut problems = Vec::new();
    let mut out: Vec<(Hierarchy, &str)> = Vec::new();
    if request.hierarchies.is_empty() {
        problems.push(FieldError::new(
            "certificates",
            "problem-name-least-signature-authentication",
        ));
    }
    for hierarchy in &request.hierarchies {
        if out.iter().any(|(h, _)| h == hierarchy) {
            problems.push(
                FieldError::new("certificates", "problem-certificate-twice")
                    .arg("hierarchy", hierarchy.code()),
            );
            continue;
        }
        let (_, kind, _, _) = on_chip(*hierarchy);
        match request.pins.iter().find(|(k, _)| *k == kind) {
            Some((_, pin)) => out.push((*hierarchy, pin.as_str())),
            None => problems
                .push(FieldError::new("pins", "problem-pin-missing").arg("pin", kind.code())),
        }
    }
    for (kind, _) in &request.pins {
        if !request.hierarchies.iter().any(|h| on_chip(*h).1 == *kind) {
            problems
                .push(FieldError::new("pins", "problem-pin-not-needed").arg("pin", kind.code()));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Invalid(problems).into())
    }
}
