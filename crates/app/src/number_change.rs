//! Changing an Individual Number (番号法第7条第2項): record a request, decide it with a second
//! staff member, and on approval retire the old number and issue the next generation, all with
//! their ledger entries in one transaction.

use mynumber_core::number_change::{ChangeRequest, ChangeStatus, Decider, DecisionRefused};
use mynumber_core::{Action, Principal, Subject};
use mynumber_core::{
    MunicipalityCode, NumberChangeId, RecordStatus, Refused, RemovalReason, ResidentCode,
};

use crate::access::{authorize, current_scope, found, read};
use crate::ledger::{Record, append};
use crate::load;
use crate::{App, AppError, NumberChangeRow, StoreError, VersionRow};

/// A request awaiting its second person, with the record it is about (for the decision).
#[derive(Clone, Debug)]
pub struct PendingNumberChange {
    /// The request.
    pub request: NumberChangeRow,
    /// Whose number: their resident record code.
    pub resident_code: ResidentCode,
    /// Their current record.
    pub current: VersionRow,
}

/// The most requests one list of pending requests shows (a number changes only after a leak;
/// a municipality rarely has more than a few at once).
pub const PENDING_NUMBER_CHANGES: i64 = 50;

impl App {
    /// The requests awaiting a decision within the principal's scope, oldest first, each with
    /// the record it is about; each record shown is a reading, recorded.
    pub async fn pending_number_changes(
        &self,
        principal: &Principal,
    ) -> Result<Vec<PendingNumberChange>, AppError> {
        self.permit(principal, Action::DecideNumberChange).await?;
        let mut tx = self.store.begin().await?;
        let municipality = principal.municipality();
        let subject = municipality.map_or(Subject::Everything, Subject::Municipality);
        authorize!(
            self,
            tx,
            principal,
            Action::DecideNumberChange,
            &subject,
            "number change request"
        );
        let ids = tx
            .pending_number_changes(municipality, PENDING_NUMBER_CHANGES)
            .await?;
        let mut pending = Vec::with_capacity(ids.len());
        let mut reads = Vec::with_capacity(ids.len());
        for id in ids {
            let (request, resident_code, current) =
                self.change_with_record(tx.as_mut(), id).await?;
            reads.push(read(
                request.person,
                current.resident.record.municipality(),
                "record",
                &format!("via=number-changes request={id}"),
            ));
            pending.push(PendingNumberChange {
                request,
                resident_code,
                current,
            });
        }
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            reads,
        )
        .await?;
        tx.commit().await?;
        Ok(pending)
    }

    /// One request with the record it is about, for its decision; the reading is recorded.
    pub async fn number_change_request(
        &self,
        principal: &Principal,
        id: NumberChangeId,
    ) -> Result<PendingNumberChange, AppError> {
        self.permit(principal, Action::DecideNumberChange).await?;
        let mut tx = self.store.begin().await?;
        let (request, resident_code, current) = found!(
            self,
            tx,
            principal,
            Action::DecideNumberChange,
            self.change_with_record(tx.as_mut(), id)
        );
        let municipality = current.resident.record.municipality();
        authorize!(
            self,
            tx,
            principal,
            Action::DecideNumberChange,
            &current_scope(request.person, municipality),
            "number change request"
        );
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            vec![read(
                request.person,
                municipality,
                "record",
                &format!("via=number-changes request={id}"),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(PendingNumberChange {
            request,
            resident_code,
            current,
        })
    }

    /// A request, its person's code and current version.
    async fn change_with_record(
        &self,
        tx: &mut dyn crate::Tx,
        id: NumberChangeId,
    ) -> Result<(NumberChangeRow, ResidentCode, VersionRow), AppError> {
        let request = tx
            .number_change(id)
            .await?
            .ok_or(AppError::NotFound("number change request"))?;
        let person = tx
            .person_by_id(request.person)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        let current = load::current_version(tx, request.person).await?;
        Ok((request, person.resident_code, current))
    }

    /// Records a request to change a resident's number, on the person's request (with the
    /// evidence offered) or ex officio. Nothing changes until a second staff member approves.
    pub async fn request_number_change(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        ground: &str,
        reason: &str,
        evidence: Option<&str>,
    ) -> Result<NumberChangeRow, AppError> {
        self.permit(principal, Action::RequestNumberChange).await?;
        let request = ChangeRequest::validate(ground, reason, evidence)?;
        // Only staff carry the permission (policy), so only staff get this far.
        let Some(staff) = principal.staff() else {
            return Err(AppError::Unauthenticated);
        };
        let mut tx = self.store.begin().await?;
        let person = found!(
            self,
            tx,
            principal,
            Action::RequestNumberChange,
            load::person(tx.as_mut(), code)
        );
        let current = load::current_version(tx.as_mut(), person.id).await?;
        let municipality = current.resident.record.municipality();
        authorize!(
            self,
            tx,
            principal,
            Action::RequestNumberChange,
            &current_scope(person.id, municipality),
            "resident"
        );
        let municipality = changeable(&current)?;
        let now = self.clock.now_us();
        let row = NumberChangeRow {
            id: NumberChangeId::time_ordered(self.now_ms(), self.random_bytes()),
            person: person.id,
            request,
            status: ChangeStatus::Requested,
            requested_by: staff.id,
            requested_at_us: now,
            decided: None,
        };
        tx.insert_number_change(&row).await?;
        let record = Record {
            partition: municipality,
            action: "number-change-requested",
            person: Some(person.id),
            purpose: None,
            detail: format!("request={} ground={}", row.id, row.request.ground().code()),
        };
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Approves or rejects a request. Approval retires the current number (it stays in the
    /// registry and is never issued again) and issues the next generation's number.
    pub async fn decide_number_change(
        &self,
        principal: &Principal,
        id: NumberChangeId,
        approve: bool,
    ) -> Result<NumberChangeRow, AppError> {
        self.permit(principal, Action::DecideNumberChange).await?;
        // Only staff carry the permission (policy), so only staff get this far.
        let Some(staff) = principal.staff() else {
            return Err(AppError::Unauthenticated);
        };
        let mut tx = self.store.begin().await?;
        let mut row = tx
            .number_change(id)
            .await?
            .ok_or(AppError::NotFound("number change request"))?;
        let current = load::current_version(tx.as_mut(), row.person).await?;
        authorize!(
            self,
            tx,
            principal,
            Action::DecideNumberChange,
            &current_scope(row.person, current.resident.record.municipality()),
            "number change request"
        );
        let municipality = changeable(&current)?;
        // Four eyes are two people: not the requester, not an account the requester made for
        // the purpose, and not one acting with a token that passed through the requester's
        // hands.
        let lineage = match staff.credential {
            Some(credential) => self.credential_lineage(tx.as_mut(), credential).await?,
            None => vec![staff.id],
        };
        // A staff member's name in the ledger (and in `created_by`) is their id.
        let requester = row.requested_by.to_hex();
        let created_by_requester_since = tx.staff(staff.id).await?.is_some_and(|me| {
            me.created_by.as_deref() == Some(requester.as_str())
                && me.created_at_us > row.requested_at_us
        });
        row.status
            .check_decision(
                row.requested_by,
                &Decider {
                    id: staff.id,
                    lineage: &lineage,
                    created_by_requester_since,
                },
            )
            .map_err(|refused| {
                AppError::Refused(Refused {
                    state: format!("{} number change request", row.status.code()),
                    procedure: if approve { "approval" } else { "rejection" },
                    reason: match refused {
                        DecisionRefused::SameStaff => {
                            "a second staff member must decide it".to_owned()
                        }
                        other => other.to_string(),
                    },
                })
            })?;
        let now = self.clock.now_us();
        let status = if approve {
            ChangeStatus::Approved
        } else {
            ChangeStatus::Rejected
        };
        tx.decide_number_change(id, status, staff.id, now)
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => AppError::Conflict,
                other => AppError::Store(other),
            })?;
        let mut detail = format!("request={id}");
        let mut superseded = Vec::new();
        if approve {
            let person = tx
                .person_by_id(row.person)
                .await?
                .ok_or(AppError::NotFound("resident"))?;
            let retired = tx
                .retire_current_number(row.person, now)
                .await?
                .ok_or(AppError::NotFound("Individual Number"))?;
            let generation = retired + 1;
            self.issue_numbers(
                tx.as_mut(),
                &[(row.person, person.resident_code, generation)],
                now,
            )
            .await?;
            detail.push_str(&format!(" number-generation={generation}"));
            // A letter for the old number that has not gone to the printer never will; the
            // new number gets its own letter (facts §6).
            superseded = self.supersede_notices(tx.as_mut(), row.person, now).await?;
            let code = MunicipalityCode::parse(&municipality)?;
            let notice = self
                .queue_notices(tx.as_mut(), &[(row.person, code, generation)], now)
                .await?;
            for id in notice {
                detail.push_str(&format!(" notice={id}"));
            }
            // The card carries the old number: it becomes void, with its certificates
            // (facts §6); a free re-issue follows.
            superseded.extend(
                self.end_cards_in(
                    tx.as_mut(),
                    row.person,
                    mynumber_core::card::EndReason::Voided,
                    now,
                )
                .await?,
            );
        }
        let record = Record {
            partition: municipality,
            action: if approve {
                "number-changed"
            } else {
                "number-change-rejected"
            },
            person: Some(row.person),
            purpose: None,
            detail,
        };
        superseded.push(record);
        append(tx.as_mut(), &principal.ledger_name(), now, superseded).await?;
        tx.commit().await?;
        row.status = status;
        row.decided = Some((staff.id, now));
        Ok(row)
    }
}

/// The municipality whose register changes a person's number: theirs. A deceased person's
/// number is not changed.
fn changeable(current: &VersionRow) -> Result<String, AppError> {
    if let RecordStatus::Removed {
        reason: RemovalReason::Died,
        on,
        ..
    } = current.resident.status
    {
        return Err(AppError::Refused(Refused {
            state: format!("removed (died on {on})"),
            procedure: "number-change",
            reason: "a deceased person's number is not changed".to_owned(),
        }));
    }
    Ok(current.resident.record.municipality().as_str().to_owned())
}
