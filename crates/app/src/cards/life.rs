//! The rest of a card's life: suspension at any hour, its end (lost, returned, replaced, voided,
//! expired) with its certificates, a foreign resident's extension, the cards a registry change
//! ends, and the continuation a transfer-in starts (継続利用).

use mynumber_core::card::{CardEvent, CardStatus, EndReason, continuation_deadline};
use mynumber_core::{Action, Principal};
use mynumber_core::{FieldError, PersonId, RecordStatus, RemovalReason, Resident};
use mynumber_pki::Reason as RevocationReason;

use crate::ledger::{Record, append};
use crate::{App, AppError, CardRow, Tx};

use super::card_for;

/// The cards a batch ends.
#[derive(Clone, Copy, Debug)]
enum Due {
    /// Past their expiry.
    Expired,
    /// Not continued within 90 days of their holder's transfer-in.
    NotContinued,
}

impl App {
    /// Suspends a card (一時停止) at any hour, by a call-center operator or at the counter: its
    /// user-authentication certificate goes on hold and its signature certificate is revoked
    /// (facts §3.3, §7).
    pub async fn suspend_card(
        &self,
        principal: &Principal,
        serial: &str,
    ) -> Result<CardRow, AppError> {
        self.permit(principal, Action::SuspendCard).await?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut card = card_for!(self, tx, principal, Action::SuspendCard, serial);
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
        // Whoever logged in to the portal with the card is logged out with its suspension: a
        // lost card's finder loses what its log-in gave (found in review).
        tx.end_portal_sessions_of(card.person).await?;
        // And the apps it gave the person's information to.
        records
            .extend(crate::self_information::end_app_grants(tx.as_mut(), card.person, now).await?);
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(card)
    }

    /// Ends a card, revoking its certificates: reported lost and abolished (廃止; for key
    /// compromise, since the card may be in other hands), or returned (返納).
    pub async fn end_card(
        &self,
        principal: &Principal,
        serial: &str,
        reason: EndReason,
    ) -> Result<CardRow, AppError> {
        self.permit(principal, Action::EndCard).await?;
        if !matches!(reason, EndReason::Abolished | EndReason::Returned) {
            return Err(FieldError::new("reason", "problem-clerk-ends-card-abolished").into());
        }
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut card = card_for!(self, tx, principal, Action::EndCard, serial);
        let mut records = self
            .end_card_in(tx.as_mut(), &mut card, reason, String::new(), now)
            .await?;
        tx.end_portal_sessions_of(card.person).await?;
        records
            .extend(crate::self_information::end_app_grants(tx.as_mut(), card.person, now).await?);
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
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
    /// waiting, as returned; so does a foreign national's move abroad (facts §10). A Japanese
    /// national's move abroad voids them, unless the procedure to keep the card abroad
    /// (国外転出者向け) was done with it (`keeps_card_abroad`).
    pub(crate) async fn end_cards_on_change(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        new: &Resident,
        keeps_card_abroad: bool,
        now: i64,
    ) -> Result<Vec<Record>, AppError> {
        let end = match new.status {
            RecordStatus::Removed {
                reason: RemovalReason::Died,
                ..
            } => Some(EndReason::Returned),
            // The stay ended: the card is void (facts §10).
            RecordStatus::Removed {
                reason: RemovalReason::StayEnded,
                ..
            } => Some(EndReason::Voided),
            RecordStatus::Removed {
                reason: RemovalReason::MovedAbroad,
                ..
            } => match (new.record.foreign().is_some(), keeps_card_abroad) {
                (true, _) => Some(EndReason::Returned),
                (false, false) => Some(EndReason::Voided),
                (false, true) => None,
            },
            _ => None,
        };
        match end {
            Some(reason) => self.end_cards_in(tx, person, reason, now).await,
            None => Ok(Vec::new()),
        }
    }

    /// A transfer-in's effect on the person's cards in use, inside its transaction (facts
    /// §2.8): filed within its deadlines, each card has 90 days from the filing to be brought
    /// in for its continuation (`continue_by`); filed late, each is void at once, with its
    /// certificates. A card waiting to be picked up is not touched: it is handed over where it
    /// was made, and continued after.
    pub(crate) async fn cards_on_transfer_in(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        late: bool,
        now: i64,
    ) -> Result<Vec<Record>, AppError> {
        // Filed today: the transfer-in is recorded in this transaction.
        let filed_on = self.clock.today();
        let mut records = Vec::new();
        for mut card in tx.cards_of(person).await? {
            if !card.status.in_use() {
                continue;
            }
            if late {
                records.extend(
                    self.end_card_in(
                        tx,
                        &mut card,
                        EndReason::Voided,
                        "transfer-in=late".to_owned(),
                        now,
                    )
                    .await?,
                );
                continue;
            }
            let from = card.status;
            card.continue_by = Some(continuation_deadline(filed_on));
            card.changed_at_us = now;
            if !tx.update_card(&card, from).await? {
                return Err(AppError::Conflict);
            }
        }
        Ok(records)
    }

    /// Voids the cards whose continuation after a transfer-in was not made in time (facts
    /// §2.8), with their certificates, in batches; returns how many (run with the expiry).
    pub async fn void_cards_not_continued(&self, principal: &Principal) -> Result<usize, AppError> {
        self.permit(principal, Action::ExpireCards).await?;
        self.end_due_cards(principal, Due::NotContinued).await
    }

    /// Ends the cards `due` names, with their certificates, in batches of 500, each batch one
    /// transaction; returns how many.
    async fn end_due_cards(&self, principal: &Principal, due: Due) -> Result<usize, AppError> {
        let today = self.clock.today();
        let mut total = 0;
        loop {
            let now = self.clock.now_us();
            let mut tx = self.store.begin().await?;
            let cards = match due {
                Due::Expired => tx.cards_expiring_before(today, 500).await?,
                Due::NotContinued => tx.cards_not_continued_by(today, 500).await?,
            };
            if cards.is_empty() {
                return Ok(total);
            }
            let mut records = Vec::new();
            for mut card in cards {
                let (reason, detail) = match due {
                    Due::Expired => (EndReason::Expired, format!("expiry={}", card.expiry)),
                    Due::NotContinued => {
                        let by = card.continue_by.take().map(|d| d.to_string());
                        (
                            EndReason::Voided,
                            format!("continuation-due={}", by.unwrap_or_default()),
                        )
                    }
                };
                records.extend(
                    self.end_card_in(tx.as_mut(), &mut card, reason, detail, now)
                        .await?,
                );
                total += 1;
            }
            append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
            tx.commit().await?;
        }
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

    /// Ends the cards whose expiry has passed, with their certificates, in batches; returns how
    /// many (the server runs this hourly).
    pub async fn expire_cards(&self, principal: &Principal) -> Result<usize, AppError> {
        self.permit(principal, Action::ExpireCards).await?;
        self.end_due_cards(principal, Due::Expired).await
    }
}
