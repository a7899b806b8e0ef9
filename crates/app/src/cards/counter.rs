//! What happens at the counter with the holder present and identity checked: the hand-over
//! (交付) with the PINs chosen, resumption after a suspension, and a PIN reset.

use mynumber_card::{CardData, PinState};
use mynumber_core::card::{CardEvent, CardKind, EndReason, IdentityDocument, check_identity};
use mynumber_core::pin::PinKind;
use mynumber_core::{Action, Principal};
use mynumber_core::{FieldError, Invalid};
use mynumber_pki::{Hierarchy, Reason as RevocationReason};

use crate::ledger::append;
use crate::load;
use crate::{App, AppError};

use super::{CardWithFile, HandOver, documents_detail};

use super::card_for;

impl App {
    /// Hands a produced card over at the counter (交付): identity checked (facts §2.7), the
    /// PINs the holder chose written to the card (facts §2.3; none on a face-recognition card),
    /// and any earlier card of the holder ends as replaced, its certificates revoked. Returns
    /// the card file with its PINs set.
    pub async fn hand_over_card(
        &self,
        principal: &Principal,
        serial: &str,
        hand_over: HandOver,
    ) -> Result<CardWithFile, AppError> {
        self.permit(principal, Action::HandOverCard).await?;
        check_identity(&hand_over.documents)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut card = card_for!(self, tx, principal, Action::HandOverCard, serial);
        let (mut data, held) = self.card_file_of(&card, &hand_over.card_file)?;
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
                problems.push(
                    FieldError::new("pins", "problem-pin-not-on-card").arg("pin", kind.code()),
                );
            }
        }
        for kind in &needed {
            match hand_over.pins.iter().find(|(k, _)| k == kind) {
                None => problems
                    .push(FieldError::new("pins", "problem-pin-missing").arg("pin", kind.code())),
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
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        let sealed = self.seal_card(&data)?;
        tx.commit().await?;
        Ok(CardWithFile {
            card,
            card_file: self.hand_out(&data, sealed, Some(held)),
        })
    }

    /// Resumes a suspended card, only in person with identity checked (facts §7): the hold is
    /// lifted, and the signature certificate, revoked at the suspension, is issued anew for a
    /// new key pair written to the card. Returns the card file.
    pub async fn resume_card(
        &self,
        principal: &Principal,
        serial: &str,
        documents: &[IdentityDocument],
        card_file: &[u8],
    ) -> Result<CardWithFile, AppError> {
        self.permit(principal, Action::ResumeCard).await?;
        mynumber_core::card::check_resumption_identity(documents)?;
        let now = self.clock.now_us();
        // The new signature key, made before the writing transaction (a card file that does
        // not parse is refused below).
        let wanted = CardData::open(card_file, self.cards.element.as_ref())
            .is_ok_and(|d| d.signature.is_some());
        let mut keys = self.new_card_keys(usize::from(wanted)).await?;
        let mut tx = self.store.begin().await?;
        let mut card = card_for!(self, tx, principal, Action::ResumeCard, serial);
        let (mut data, held) = self.card_file_of(&card, card_file)?;
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
            let current = load::current_version(tx.as_mut(), card.person).await?;
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
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        let sealed = self.seal_card(&data)?;
        tx.commit().await?;
        Ok(CardWithFile {
            card,
            card_file: self.hand_out(&data, sealed, Some(held)),
        })
    }

    /// Resets a PIN at the counter (初期化・再設定), with identity checked: the new PIN is
    /// written to the card with every try available. The ledger names the PIN, never its
    /// value. Returns the card file.
    pub async fn reset_card_pin(
        &self,
        principal: &Principal,
        serial: &str,
        documents: &[IdentityDocument],
        kind: PinKind,
        pin: &str,
        card_file: &[u8],
    ) -> Result<CardWithFile, AppError> {
        self.permit(principal, Action::ResetCardPin).await?;
        check_identity(documents)?;
        let stored = kind.check(pin)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut card = card_for!(self, tx, principal, Action::ResetCardPin, serial);
        let (mut data, held) = self.card_file_of(&card, card_file)?;
        if data.pin(kind).is_none() {
            return Err(FieldError::new("kind", "problem-card-has-no-pin")
                .arg("pin", kind.code())
                .into());
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
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        let sealed = self.seal_card(&data)?;
        tx.commit().await?;
        Ok(CardWithFile {
            card,
            card_file: self.hand_out(&data, sealed, Some(held)),
        })
    }
}
