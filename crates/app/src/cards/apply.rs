//! 交付申請: receiving a card application, with its photo, application ID and fee.

use mynumber_core::card::{
    ADDITIONS_LINES, CardKind, Reason, express_allowed, fee_yen, photo_required,
};
use mynumber_core::dates::renewal_opens;
use mynumber_core::{Action, Principal};
use mynumber_core::{ApplicationId, FieldError, Invalid, RecordStatus, ResidentCode};

use crate::access::{authorize, current_scope, found};
use crate::ledger::{Record, append};
use crate::load;
use crate::{App, AppError, CardApplicationRow};

use super::CardApplication;

impl App {
    /// Receives a card application (交付申請) and records its fee. Refused, with the reason,
    /// when the record is not active, the application ID is not this person's current form
    /// (one printed for a name or address since changed is void, facts §2.5), the photo fails
    /// facts §2.6, express issuance is not allowed, or the reason does not fit the cards the
    /// person has.
    pub async fn apply_for_card(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        input: CardApplication,
    ) -> Result<CardApplicationRow, AppError> {
        self.permit(principal, Action::ApplyCard).await?;
        let today = self.clock.today();
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let history = found!(
            self,
            tx,
            principal,
            Action::ApplyCard,
            load::history(tx.as_mut(), code)
        );
        authorize!(
            self,
            tx,
            principal,
            Action::ApplyCard,
            &current_scope(
                history.person.id,
                history.current().resident.record.municipality()
            ),
            "resident"
        );
        let (person, versions, current) = (&history.person, &history.versions, history.current());
        let record = &current.resident.record;
        if current.resident.status != RecordStatus::Active {
            return Err(FieldError::new("resident", "problem-card-issued-resident-active").into());
        }
        let mut problems = Vec::new();
        // The form's application ID: this person's, and printed for the name and address the
        // record still has.
        let application_id = match (&input.application_id, input.channel.needs_application_id()) {
            (None, true) => {
                problems.push(
                    FieldError::new("application_id", "problem-application-id-needed")
                        .arg("channel", input.channel.code()),
                );
                None
            }
            (None, false) => None,
            (Some(text), _) => match ApplicationId::parse(text) {
                Err(e) => {
                    problems.push(FieldError::from_number("application_id", &e));
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
                                    "problem-form-was-printed-name",
                                ));
                            }
                        }
                        _ => problems.push(FieldError::new(
                            "application_id",
                            "problem-application-id-form-issued",
                        )),
                    }
                    Some(id)
                }
            },
        };
        // The photo: none for a child under 1 (facts §2.1), checked otherwise.
        let under_one = !photo_required(record.birth_date(), today);
        let photo = match (&input.photo, under_one) {
            (Some(_), true) => {
                problems.push(FieldError::new("photo", "problem-child-under-1-gets"));
                None
            }
            (None, true) => None,
            (None, false) => {
                problems.push(FieldError::new("photo", "problem-required-jpeg-face-photo"));
                None
            }
            (Some(bytes), false) => match mynumber_core::photo::check(bytes, input.channel) {
                Ok(_) => Some(bytes.clone()),
                Err(Invalid(p)) => {
                    problems.extend(p);
                    None
                }
            },
        };
        // Express issuance counts a new registration, not a transfer-in (facts §2.7).
        let became_resident = mynumber_core::newly_registered(
            versions
                .iter()
                .map(|v| (v.procedure.as_str(), v.effective_on)),
        );
        let with_certificates = input.with_certificates && input.kind == CardKind::Standard;
        if input.with_certificates && input.kind == CardKind::FaceRecognition {
            problems.push(FieldError::new(
                "with_certificates",
                "problem-face-recognition-no-certificates",
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
                "problem-application-resident-already-waiting",
            ));
        }
        match (input.reason, in_use) {
            (Reason::Renewal, Some(card)) => {
                let opens = renewal_opens(card.expiry);
                if today < opens {
                    problems.push(
                        FieldError::new("reason", "problem-card-renewal-early")
                            .arg("serial", card.serial.to_string())
                            .arg("until", card.expiry)
                            .arg("opens", opens),
                    );
                }
            }
            (Reason::Renewal, None) => {
                problems.push(FieldError::new("reason", "problem-there-card-use-renew"))
            }
            // The free re-issue for a full 追記欄 (facts §2.4) is earned by the card in use: its
            // lines are counted as the counter writes them (`amend_card`).
            (Reason::AdditionsFull, Some(card)) if card.additions < ADDITIONS_LINES => {
                problems.push(
                    FieldError::new("reason", "problem-additions-not-full")
                        .arg("serial", card.serial.to_string())
                        .arg("used", card.additions)
                        .arg("lines", ADDITIONS_LINES),
                );
            }
            (Reason::AdditionsFull, None) if !cards.is_empty() => problems.push(FieldError::new(
                "reason",
                "problem-full-additions-field-card",
            )),
            // A full 追記欄, a changed number or code, damage or a chip failure: the card in use
            // works on until the new one is collected, and is replaced then.
            (r, Some(_)) if r.is_reissue() && !r.needs_card_ended() => {}
            (_, Some(card)) => problems.push(
                FieldError::new("reason", "problem-card-still-in-use")
                    .arg("serial", card.serial.to_string())
                    .arg("status", card.status.code()),
            ),
            (Reason::First, None) if !cards.is_empty() => problems.push(FieldError::new(
                "reason",
                "problem-resident-had-card-before",
            )),
            (r, None) if r.is_reissue() && cards.is_empty() => {
                problems.push(FieldError::new("reason", "problem-resident-never-had-card"));
            }
            _ => {}
        }
        // The day the last card ended: a re-issue's express window runs from it (facts §2.7).
        let last_ended = cards
            .iter()
            .filter(|c| !c.status.in_use() && c.status.end_reason().is_some())
            .map(|c| c.changed_at_us)
            .max()
            .and_then(mynumber_core::dates::japan_date_of);
        if input.express
            && let Err(e) = express_allowed(
                input.reason,
                record.birth_date(),
                became_resident,
                last_ended.filter(|_| in_use.is_none()),
                today,
            )
        {
            problems.push(e);
        }
        if !problems.is_empty() {
            return Err(Invalid(problems).into());
        }
        let row = CardApplicationRow {
            id: hex::encode(self.random_bytes::<16>()),
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
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(row)
    }
}
