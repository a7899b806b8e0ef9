//! 印鑑登録 at the counter (issue 13, docs/design/kiosk.md): registering a resident's seal with
//! identity checked, changing it (改印), ending it (廃止, 亡失), reading it, and ending it with
//! the residence; each one transaction with its ledger entries.

use mynumber_core::card::{IdentityDocument, check_identity};
use mynumber_core::seal::{self, CardNumber, SealApplication, SealEnd, SealStatus};
use mynumber_core::{
    Action, FieldError, PersonId, Principal, RecordStatus, Resident, ResidentCode,
};

use crate::access::{authorize, current_scope, found, read};
use crate::ledger::{Record, append};
use crate::load;
use crate::{App, AppError, SealRow, Tx};

/// What the counter takes to register a seal.
#[derive(Clone, PartialEq, Eq)]
pub struct SealRegistration {
    /// The identity documents shown (one with a photo, or two without: facts §2.7).
    pub documents: Vec<IdentityDocument>,
    /// Whether the clerk found the applicant to be an adult ward (成年被後見人): the register
    /// of residents does not record it, so the counter states it.
    pub adult_ward: bool,
    /// The impression, as the counter's scanner cropped it: a PNG with its resolution.
    pub impression: Vec<u8>,
}

impl std::fmt::Debug for SealRegistration {
    /// Without the impression's bytes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealRegistration")
            .field("documents", &self.documents)
            .field("adult_ward", &self.adult_ward)
            .field("impression_bytes", &self.impression.len())
            .finish()
    }
}

/// How many times a fresh card number is drawn before giving up: with a billion numbers, a
/// second draw is already rare.
const CARD_NUMBER_DRAWS: usize = 8;

/// The resident `code` names, for `action` by `principal`: their person, current version and
/// municipality, authorized against the record where it is kept; a missing record and one out
/// of scope answer alike (`found!`, `authorize!`).
macro_rules! holder {
    ($app:expr, $tx:expr, $principal:expr, $action:expr, $code:expr) => {{
        let load::Current { person, version } = found!(
            $app,
            $tx,
            $principal,
            $action,
            load::current($tx.as_mut(), $code)
        );
        let municipality = version.resident.record.municipality();
        authorize!(
            $app,
            $tx,
            $principal,
            $action,
            &current_scope(person.id, municipality),
            "resident"
        );
        (person, version, municipality)
    }};
}

impl App {
    /// Registers a seal (印鑑登録) for the resident `code` names: identity checked, the
    /// applicant and the impression checked (`seal::check`), a card number drawn. Refused when
    /// the resident has a seal in force: that is a change ([`App::change_seal`]).
    pub async fn register_seal(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        registration: &SealRegistration,
    ) -> Result<SealRow, AppError> {
        self.register_or_change(principal, code, registration, false)
            .await
    }

    /// Changes a seal (改印): the registration in force ends as changed and the new impression
    /// is registered with a new card number, in one transaction. Refused when none is in force.
    pub async fn change_seal(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        registration: &SealRegistration,
    ) -> Result<SealRow, AppError> {
        self.register_or_change(principal, code, registration, true)
            .await
    }

    async fn register_or_change(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        registration: &SealRegistration,
        change: bool,
    ) -> Result<SealRow, AppError> {
        self.permit(principal, Action::RegisterSeal).await?;
        check_identity(&registration.documents)?;
        let size = seal::png_size(&registration.impression).map_err(|p| p.problem())?;
        let mut tx = self.store.begin().await?;
        let (person, current, municipality) =
            holder!(self, tx, principal, Action::RegisterSeal, code);
        let in_force = tx.seal_in_force(person.id).await?;
        if change && in_force.is_none() {
            return Err(FieldError::new("seal", "problem-seal-none-in-force").into());
        }
        seal::check(&SealApplication {
            birth: current.resident.record.birth_date(),
            on: self.clock.today(),
            adult_ward: registration.adult_ward,
            resident_here: current.resident.status == RecordStatus::Active,
            // A change ends the registration in force first.
            registered_already: in_force.is_some() && !change,
            size,
        })
        .map_err(|r| r.problem())?;
        let now = self.clock.now_us();
        let mut records = Vec::new();
        if let Some(old) = in_force.as_ref().filter(|_| change) {
            records.push(self.end_in(tx.as_mut(), old, SealEnd::Changed, now).await?);
        }
        let card_number = self.free_card_number(tx.as_mut()).await?;
        let row = SealRow {
            id: hex::encode(self.random_bytes::<16>()),
            person: person.id,
            municipality,
            card_number: card_number.as_str().to_owned(),
            impression: registration.impression.clone(),
            size,
            registered_at_us: now,
            registered_by: principal.ledger_name(),
            status: SealStatus::Registered,
            ended_at_us: None,
        };
        tx.insert_seal(&row).await?;
        records.push(Record {
            partition: municipality.as_str().to_owned(),
            action: if change {
                "seal-changed"
            } else {
                "seal-registered"
            },
            person: Some(person.id),
            purpose: None,
            detail: format!(
                "seal={} size-um={}x{} identity={}{}",
                row.id,
                size.width_um,
                size.height_um,
                crate::cards::documents_detail(&registration.documents),
                if registration.adult_ward {
                    " adult-ward"
                } else {
                    ""
                }
            ),
        });
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// A card number no registration bears yet. Checked before the insert, since PostgreSQL
    /// ends a transaction at a failed statement (the unique index is the backstop).
    async fn free_card_number(&self, tx: &mut dyn Tx) -> Result<CardNumber, AppError> {
        for _ in 0..CARD_NUMBER_DRAWS {
            let number = CardNumber::from_random(u64::from_be_bytes(self.random_bytes()));
            if tx.seal_by_card(number.as_str()).await?.is_none() {
                return Ok(number);
            }
        }
        Err(AppError::Conflict)
    }

    /// Ends the resident's registration in force at the counter: abolished (廃止届, with the
    /// card returned or not) or lost (亡失届), identity checked either way. Returns it ended.
    pub async fn end_seal(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        end: SealEnd,
        documents: &[IdentityDocument],
    ) -> Result<SealRow, AppError> {
        self.permit(principal, Action::EndSeal).await?;
        if !matches!(end, SealEnd::Abolished | SealEnd::Lost) {
            // A change registers the new seal (`change_seal`); the end of residence follows
            // the record (`end_seals_with_residence`).
            return Err(FieldError::new("reason", "problem-seal-end-reason").into());
        }
        check_identity(documents)?;
        let mut tx = self.store.begin().await?;
        let (person, _, _) = holder!(self, tx, principal, Action::EndSeal, code);
        let Some(mut row) = tx.seal_in_force(person.id).await? else {
            return Err(FieldError::new("seal", "problem-seal-none-in-force").into());
        };
        let now = self.clock.now_us();
        let mut record = self.end_in(tx.as_mut(), &row, end, now).await?;
        record.detail = format!(
            "{} identity={}",
            record.detail,
            crate::cards::documents_detail(documents)
        );
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        row.status = SealStatus::Ended(end);
        row.ended_at_us = Some(now);
        Ok(row)
    }

    /// The resident's seal in force, if any, for the counter; the reading is recorded.
    pub async fn seal(
        &self,
        principal: &Principal,
        code: &ResidentCode,
    ) -> Result<Option<SealRow>, AppError> {
        self.permit(principal, Action::ReadRecord).await?;
        let mut tx = self.store.begin().await?;
        let (person, _, municipality) = holder!(self, tx, principal, Action::ReadRecord, code);
        let row = tx.seal_in_force(person.id).await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            vec![read(person.id, municipality, "seal", "")],
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Ends a registration inside a transaction, and the ledger record saying so.
    async fn end_in(
        &self,
        tx: &mut dyn Tx,
        row: &SealRow,
        end: SealEnd,
        now: i64,
    ) -> Result<Record, AppError> {
        if !tx.end_seal(&row.id, end, now).await? {
            // Ended by another request since it was read.
            return Err(AppError::Conflict);
        }
        Ok(Record {
            partition: row.municipality.as_str().to_owned(),
            action: "seal-ended",
            person: Some(row.person),
            purpose: None,
            detail: format!("seal={} reason={}", row.id, end.code()),
        })
    }

    /// Ends the person's registration when the record as it now stands no longer keeps them a
    /// resident of its municipality (`seal::lapses`): in the transaction that changed the
    /// record, so that no certificate is issued for a seal whose owner left.
    pub(crate) async fn end_seals_with_residence(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        now_record: &Resident,
        now: i64,
    ) -> Result<Vec<Record>, AppError> {
        let Some(row) = tx.seal_in_force(person).await? else {
            return Ok(Vec::new());
        };
        if !seal::lapses(row.municipality, now_record) {
            return Ok(Vec::new());
        }
        Ok(vec![
            self.end_in(tx, &row, SealEnd::NoLongerResident, now)
                .await?,
        ])
    }
}
