//! The card brought to the counter after its holder's record changed (issue 10; facts §2.8,
//! §10): the chip's text and face applications rewritten to the record with the 住基 PIN, a
//! line in the 追記欄, and, after a transfer-in, the continuation (継続利用) that keeps the card
//! valid and hands it to the new municipality; and a foreign resident's card extended to a new
//! period of stay, the same way.

use mynumber_card::{Chip, JUKI_AID, Power};
use mynumber_core::card::{ADDITIONS_LINES, CardEvent, IdentityDocument, check_identity};
use mynumber_core::pin::PinKind;
use mynumber_core::{Action, FieldError, Principal, RecordStatus, Refused};

use crate::access::{authorize, current_scope, found};
use crate::certificates::certificate_name;
use crate::ledger::append;
use crate::load;
use crate::{App, AppError};

use super::terminal::verify_pin;
use super::{CardWithFile, documents_detail};

/// What the holder brings to have the card follow the record.
#[derive(Clone)]
pub struct CardAmendment {
    /// The identity documents shown.
    pub documents: Vec<IdentityDocument>,
    /// The 住基 PIN (住民基本台帳用暗証番号), which the card checks and counts; none for a
    /// face-recognition card, which has no PINs.
    pub pin: Option<String>,
    /// The card file.
    pub card_file: Vec<u8>,
}

impl std::fmt::Debug for CardAmendment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardAmendment")
            .field("documents", &self.documents)
            .finish_non_exhaustive()
    }
}

/// The two steps at the counter that rewrite the chip to the record.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Step {
    /// After a move or a name change, or the continuation after a transfer-in.
    Amend,
    /// A foreign resident's card extended to the new end of the stay.
    Extend,
}

impl Step {
    fn action(self) -> Action {
        match self {
            Self::Amend => Action::AmendCard,
            Self::Extend => Action::ExtendCard,
        }
    }

    fn event(self) -> CardEvent {
        match self {
            Self::Amend => CardEvent::Amend,
            Self::Extend => CardEvent::Extend,
        }
    }

    fn procedure(self) -> &'static str {
        match self {
            Self::Amend => "card-amended",
            Self::Extend => "card-extended",
        }
    }
}

/// The card's new expiry on an extension (facts §10): the end of the recorded period of stay,
/// or of its 特例期間 while an application to extend it is pending (特例期間延長), never past
/// the birthday rule computed at production.
fn extended_expiry(
    card: &crate::CardRow,
    record: &mynumber_core::ResidentRecord,
) -> Result<jiff::civil::Date, AppError> {
    let Some(stay) = record.foreign().and_then(mynumber_core::stay_reaches) else {
        return Err(FieldError::new("card", "problem-card-foreign-resident-fixed").into());
    };
    let new_expiry = stay.min(card.birthday_limit);
    if new_expiry <= card.expiry {
        return Err(FieldError::new("card", "problem-card-nothing-to-extend")
            .arg("until", card.expiry)
            .arg("stay", stay)
            .into());
    }
    Ok(new_expiry)
}

impl App {
    /// Rewrites the card to its holder's record at the counter (issue 10; facts §2.8): after a
    /// move within the municipality or a name change, and after a transfer-in, where it is the
    /// continuation (継続利用) due within 90 days of the filing. The holder shows identity and
    /// enters the 住基 PIN, which the card checks. The text and face applications get the
    /// record's name and address, signed anew; the 追記欄 gets a line; a continued card passes
    /// to the new municipality. It is the new municipality's to do: the card is authorized
    /// against the holder's record where it is now.
    pub async fn amend_card(
        &self,
        principal: &Principal,
        serial: &str,
        amendment: CardAmendment,
    ) -> Result<CardWithFile, AppError> {
        self.rewrite_card(principal, serial, amendment, Step::Amend)
            .await
    }

    /// Extends a foreign resident's card after a new period of stay is recorded, or through
    /// the 特例期間 while an application to extend the stay is pending (facts §10): the holder
    /// comes with an identity document and enters the 住基 PIN, as for an amendment. The chip's
    /// face application gets the new expiry, the 追記欄 a line. Certificates that ended with
    /// the old expiry are issued anew on the card (`certify_card`).
    pub async fn extend_card(
        &self,
        principal: &Principal,
        serial: &str,
        amendment: CardAmendment,
    ) -> Result<CardWithFile, AppError> {
        self.rewrite_card(principal, serial, amendment, Step::Extend)
            .await
    }

    async fn rewrite_card(
        &self,
        principal: &Principal,
        serial: &str,
        amendment: CardAmendment,
        step: Step,
    ) -> Result<CardWithFile, AppError> {
        let action = step.action();
        self.permit(principal, action).await?;
        check_identity(&amendment.documents)?;
        let today = self.clock.today();
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut card = found!(
            self,
            tx,
            principal,
            action,
            self.card_in(tx.as_mut(), serial)
        );
        let current = load::current_version(tx.as_mut(), card.person).await?;
        let record = &current.resident.record;
        authorize!(
            self,
            tx,
            principal,
            action,
            &current_scope(card.person, record.municipality()),
            "card"
        );
        card.status.after(step.event())?;
        if current.resident.status != RecordStatus::Active {
            return Err(FieldError::new("resident", "problem-card-follows-active-record").into());
        }
        if let Some(by) = card.continue_by
            && today > by
        {
            return Err(AppError::Refused(Refused {
                state: "active card".to_owned(),
                procedure: step.procedure(),
                reason: format!(
                    "its continuation after the move was due by {by}: the card is void and a new one is applied for"
                ),
            }));
        }
        let (mut data, held) = self.card_file_of(&card, &amendment.card_file)?;
        let name = certificate_name(record);
        let address =
            mynumber_pki::full_width_digits(&self.written_address(tx.as_mut(), record).await?);
        let Some(info) = data.info.clone() else {
            return Err(FieldError::new("card_file", "problem-card-text-application").into());
        };
        let continued = card.continue_by.is_some();
        let extension = match step {
            Step::Extend => Some(extended_expiry(&card, record)?),
            Step::Amend => None,
        };
        if step == Step::Amend
            && !continued
            && info.name_and_address() == Some((name.clone(), address.clone()))
        {
            return Err(FieldError::new("card", "problem-card-already-shows-record").into());
        }
        // The 住基 PIN, checked by the card (a face-recognition card has none).
        if data.pin(PinKind::ResidentRegistry).is_some() {
            let Some(pin) = amendment.pin.as_deref() else {
                return Err(FieldError::new("pin", "problem-resident-registry-pin-missing").into());
            };
            let mut chip = Chip::new(data);
            chip.power(Power::On);
            if let Err(refused) = verify_pin(
                &mut chip,
                &JUKI_AID,
                [0x00, 0x1C],
                PinKind::ResidentRegistry,
                pin,
            ) {
                drop(tx);
                return Err(self.refused_by_card(&mut chip, refused, held));
            }
            data = chip.data().clone();
        } else if amendment.pin.is_some() {
            return Err(FieldError::new("pin", "problem-card-resident-registry-pin").into());
        }
        let key = self.documents.signing_key.clone();
        data.info = Some(
            info.amended(
                &name,
                &address,
                extension
                    .map(|d| d.strftime("%Y%m%d").to_string())
                    .as_deref(),
                &|b| key.sign_card_data(b).to_vec(),
            )
            .ok_or_else(|| {
                AppError::Unavailable("the card's text application does not parse".into())
            })?,
        );
        // The 追記欄 takes a line; a full one is kept full, and the holder gets a free re-issue
        // (facts §2.4), the card working on until the new one is collected.
        let full = card.additions >= ADDITIONS_LINES;
        card.additions = card.additions.saturating_add(1).min(ADDITIONS_LINES);
        let from = card.municipality;
        if continued {
            card.municipality = record.municipality();
            card.continue_by = None;
        }
        let mut detail = match extension {
            Some(to) => {
                let from = std::mem::replace(&mut card.expiry, to);
                format!("from={from} to={to} ")
            }
            None => String::new(),
        };
        detail.push_str(&format!(
            "identity={} additions={}",
            documents_detail(&amendment.documents),
            if full {
                "full".to_owned()
            } else {
                format!("{}/{ADDITIONS_LINES}", card.additions)
            }
        ));
        if continued {
            detail.push_str(&format!(" continued-from={from}"));
        }
        let record = self
            .step_in(tx.as_mut(), &mut card, step.event(), detail, now)
            .await?;
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        let sealed = self.seal_card(&data)?;
        tx.commit().await?;
        Ok(CardWithFile {
            card,
            card_file: self.hand_out(&data, sealed, Some(held)),
        })
    }
}
