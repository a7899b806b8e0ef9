//! 個人番号カード: the use cases of a card's life (facts §2, §7, §10). Application with its
//! photo and application ID, production (a serial, the card's own key pairs, certificates for
//! them, the expiry), pick-up (identity checked, PINs set, handed over), suspension at any hour,
//! resumption in person, loss, return, PIN reset, a foreign resident's extension, and expiry.
//! Each is one transaction with its ledger entries. The card's keys go only into the card file
//! that production returns: the register keeps none.

mod amend;
mod apply;
mod call;
mod certify;
mod counter;
mod life;
mod produce;
mod query;
mod terminal;

use std::sync::Arc;

use mynumber_card::{CardData, CardFileError, ElementError, KeySlot, Sealed, SecureElement};
use mynumber_core::card::{CardEvent, CardKind, CardRefused, Channel, IdentityDocument, Reason};
use mynumber_core::pin::PinKind;
use mynumber_core::{FieldError, Refused};

pub use amend::CardAmendment;
pub use call::{CALL_OPEN_MINUTES, Call, CallCard, UNMATCHED_CALLS_PER_HOUR};

use crate::ledger::Record;
use crate::{App, AppError, CardRow, CertificateRow, KeyMaker, Tx};

/// What card production needs from the shell: RSA-2048 key pairs (PKCS#8) for the cards, made
/// with the machine's randomness, and the secure element that seals card files
/// (docs/design/card.md).
#[derive(Clone)]
pub struct CardSettings {
    /// Makes one card key pair.
    pub keys: KeyMaker,
    /// Seals and opens card files, and keeps their generations.
    pub element: Arc<dyn SecureElement>,
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

/// What the holder brings to have certificates issued on their card at the counter (issue
/// 10): after a move or a name change, at renewal, from 15, when declined at application, or
/// after the card was extended.
#[derive(Clone)]
pub struct CardCertification {
    /// The identity documents shown.
    pub documents: Vec<IdentityDocument>,
    /// The certificates wanted.
    pub hierarchies: Vec<mynumber_pki::Hierarchy>,
    /// The PIN of each certificate wanted: the one the card holds, which the card checks and
    /// counts; or, for a certificate the card never had, the one the holder chooses now.
    pub pins: Vec<(PinKind, String)>,
    /// The card file.
    pub card_file: Vec<u8>,
}

impl std::fmt::Debug for CardCertification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardCertification")
            .field("documents", &self.documents)
            .field("hierarchies", &self.hierarchies)
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

pub(crate) fn documents_detail(documents: &[IdentityDocument]) -> String {
    documents
        .iter()
        .map(|d| d.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// The card `serial` names, for `action` by `principal`: loaded, and authorized against its
/// holder's record where it is kept now (after a transfer-in, by the new municipality: a
/// former one acts on the card no more, issue 9 hole 9). A card that does not exist and one out
/// of scope answer alike, and leave the same ledger entry (`found!`, `authorize!`).
macro_rules! card_for {
    ($app:expr, $tx:expr, $principal:expr, $action:expr, $serial:expr) => {{
        let card = $crate::access::found!(
            $app,
            $tx,
            $principal,
            $action,
            $app.card_in($tx.as_mut(), $serial)
        );
        let kept_by = $crate::load::current_version($tx.as_mut(), card.person)
            .await?
            .resident
            .record
            .municipality();
        $crate::access::authorize!(
            $app,
            $tx,
            $principal,
            $action,
            &$crate::access::current_scope(card.person, kept_by),
            "card"
        );
        card
    }};
}
pub(crate) use card_for;

impl App {
    /// A card by serial, in a transaction.
    async fn card_in(&self, tx: &mut dyn Tx, serial: &str) -> Result<CardRow, AppError> {
        tx.card(serial.trim())
            .await?
            .ok_or(AppError::NotFound("card"))
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

    /// Opens a card file handed in, through the secure element, and checks that it is this
    /// card's (its serial and certificates). An older copy than the newest handed out is
    /// refused. The card is held from here until the next file is handed out
    /// ([`App::hand_out`], [`App::refused_by_card`]): a second request with a copy of the same
    /// file meanwhile is refused as a conflict, so that two requests never both test a PIN
    /// against one count of tries (each would hand back a file with one try counted).
    fn card_file_of(&self, card: &CardRow, file: &[u8]) -> Result<(CardData, Held), AppError> {
        let held = match self.cards.element.hold(&card.serial) {
            Ok(guard) => Held { _guard: guard },
            Err(ElementError::InUse(_)) => return Err(AppError::Conflict),
            Err(e) => return Err(file_error(e.into())),
        };
        let data = CardData::open(file, self.cards.element.as_ref()).map_err(file_error)?;
        let serial_of = |slot: &Option<KeySlot>| {
            slot.as_ref()
                .and_then(|s| mynumber_pki::inspect(&s.certificate).ok())
                .map(|c| hex::encode(&c.serial))
        };
        if data.serial != card.serial
            || serial_of(&data.signature) != card.signature_certificate
            || serial_of(&data.authentication) != card.authentication_certificate
        {
            return Err(FieldError::new("card_file", "problem-card-file-other")
                .arg("serial", card.serial.to_string())
                .into());
        }
        Ok((data, held))
    }

    /// The card file to hand out, sealed before the transaction commits so that a failing
    /// key store changes nothing.
    fn seal_card(&self, data: &CardData) -> Result<Sealed, AppError> {
        data.seal(self.cards.element.as_ref()).map_err(file_error)
    }

    /// Hands out a sealed card file once its transaction committed: the element learns its
    /// generation, and older copies stop opening. If that fails, the file still opens (it is
    /// newer than the element knows) and teaches the element when it comes back. Only then is
    /// the card let go (`held`; `None` for a card just made, of which no file is out yet).
    fn hand_out(&self, data: &CardData, sealed: Sealed, held: Option<Held>) -> Vec<u8> {
        if let Err(e) = self.cards.element.advance(&data.serial, sealed.generation) {
            tracing::warn!(error = %e, card = %data.serial, "the card key store did not record the card file's generation");
        }
        drop(held);
        sealed.bytes
    }
}

/// A card held by this server ([`SecureElement::hold`]) from opening the file handed in to
/// handing out the next; let go when dropped.
pub(super) struct Held {
    _guard: Box<dyn Send>,
}

/// A card file that cannot be used: the element's own failure is the deployment's; anything
/// else is the file's, said of the `card_file` field.
fn file_error(e: CardFileError) -> AppError {
    match e {
        CardFileError::Element(ElementError::Failed(m)) => {
            AppError::Unavailable(format!("the card key store failed: {m}"))
        }
        CardFileError::Element(ElementError::InUse(_)) => AppError::Conflict,
        CardFileError::Element(ElementError::NoKey(serial)) => {
            FieldError::new("card_file", "problem-card-file-no-key")
                .arg("serial", serial)
                .into()
        }
        CardFileError::RolledBack { .. } => {
            FieldError::new("card_file", "problem-card-file-stale").into()
        }
        CardFileError::Element(ElementError::Unsealable) => {
            FieldError::new("card_file", "problem-card-file-damaged").into()
        }
        CardFileError::Element(e) => AppError::Unavailable(format!("the card key store: {e}")),
        // Not a card file, a version not read here, damaged or malformed.
        _ => FieldError::new("card_file", "problem-card-file-damaged").into(),
    }
}
