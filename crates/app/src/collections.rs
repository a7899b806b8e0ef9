//! Numbers collected by organisations (番号法第14–16条, 第19条, 第20条; docs/design/
//! organisations.md): an organisation records that it collected a person's number for a purpose
//! it registered, after the identity check; reports the end of the affair; and is told which
//! numbers it must now delete, and reports them deleted. The ledger names the organisation, the
//! person's internal id, the purpose and the method, never the number.

use jiff::civil::Date;
use mynumber_core::organisation::{IdentityCheck, MAX_UNMATCHED_PER_HOUR, OrgStatus, name_matches};
use mynumber_core::{
    Action, Denied, FieldError, IndividualNumber, Invalid, OrganisationId, Principal, RecordStatus,
    Refused, Subject,
};

use crate::access::authorize;
use crate::ledger::{Record, append};
use crate::load;
use crate::{App, AppError, CollectionRow};

/// The most collections one deletion report lists.
pub const DELETIONS_LISTED: i64 = 500;

/// What an organisation gives when it records a collection, as text from its request.
#[derive(Clone, Default)]
pub struct CollectCommand<'a> {
    /// The registered purpose's code.
    pub purpose: &'a str,
    /// The number as the document or the chip showed it.
    pub individual_number: &'a str,
    /// The name as the identity document shows it.
    pub name: &'a str,
    /// The date of birth as the identity document shows it (YYYY-MM-DD).
    pub birth_date: &'a str,
    /// `card-chip`, `card-face` or `documents`.
    pub method: &'a str,
    /// With `documents`: what showed the number.
    pub number_document: &'a str,
    /// With `documents`: what showed the person.
    pub identity_document: &'a str,
}

/// Never the number, the name or the birth date.
impl std::fmt::Debug for CollectCommand<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CollectCommand")
            .field("purpose", &self.purpose)
            .field("method", &self.method)
            .finish_non_exhaustive()
    }
}

/// The organisation a principal acts for.
pub(crate) fn organisation_of(
    principal: &Principal,
    action: Action,
) -> Result<OrganisationId, AppError> {
    match principal {
        Principal::RelyingParty(id) | Principal::Agency(id) => Ok(*id),
        _ => Err(AppError::Denied(Denied::Principal {
            kind: principal.kind(),
            action,
        })),
    }
}

fn date(field: &'static str, given: &str) -> Result<Date, FieldError> {
    given
        .trim()
        .parse()
        .map_err(|_| FieldError::new(field, "problem-date-form").arg("given", given.trim()))
}

impl App {
    /// Records that the organisation collected a person's number for a purpose it registered,
    /// checked by `method`. The number, the name and the date of birth must be one resident's
    /// (番号確認 and 身元確認 against the register); a mismatch is refused with one message
    /// whatever part differs, and the attempt is recorded without a person.
    pub async fn collect_number(
        &self,
        principal: &Principal,
        command: &CollectCommand<'_>,
    ) -> Result<CollectionRow, AppError> {
        self.permit(principal, Action::CollectNumber).await?;
        let me = organisation_of(principal, Action::CollectNumber)?;
        let mut problems = Vec::new();
        let number = IndividualNumber::parse(command.individual_number)
            .map_err(|e| problems.push(FieldError::from_number("individual_number", &e)))
            .ok();
        let birth = date("birth_date", command.birth_date)
            .map_err(|e| problems.push(e))
            .ok();
        if command.name.trim().is_empty() {
            problems.push(FieldError::new("name", "problem-organisation-name"));
        }
        let method = IdentityCheck::parse(
            command.method,
            command.number_document,
            command.identity_document,
        )
        .map_err(|e| problems.extend(e.0))
        .ok();
        let (Some(number), Some(birth), Some(method), true) =
            (number, birth, method, problems.is_empty())
        else {
            return Err(AppError::Invalid(Invalid(problems)));
        };
        let purpose = command.purpose.trim();
        let mut tx = self.store.begin().await?;
        let org = tx
            .organisation(me)
            .await?
            .ok_or(AppError::NotFound("organisation"))?;
        let in_force = tx
            .purposes(me)
            .await?
            .into_iter()
            .any(|p| p.purpose.code == purpose && p.withdrawn_at_us.is_none());
        let registered = org.status == OrgStatus::Active
            && org.roles.iter().any(|r| r.collects_numbers())
            && in_force;
        authorize!(
            self,
            tx,
            principal,
            Action::CollectNumber,
            &Subject::Purpose {
                organisation: me,
                registered
            },
            "purpose"
        );
        let now = self.clock.now_us();
        let hour = now.div_euclid(3_600_000_000);
        if tx.collection_misses(me, hour).await? >= MAX_UNMATCHED_PER_HOUR {
            append(
                tx.as_mut(),
                &principal.ledger_name(),
                now,
                vec![Record {
                    partition: mynumber_core::ledger::NATIONAL_PARTITION.to_owned(),
                    action: "number-collection-held",
                    person: None,
                    purpose: Some(purpose.to_owned()),
                    detail: format!("organisation={me} reason=unmatched-limit"),
                }],
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::Refused(Refused {
                state: "too many unmatched collections this hour".into(),
                procedure: "collect-number",
                reason: format!(
                    "more than {MAX_UNMATCHED_PER_HOUR} collections of this organisation matched \
                     no one this hour; try again after the hour"
                ),
            }));
        }
        let found = match tx.person_by_number(&number).await? {
            Some((person, true)) => {
                let v = load::current_version(tx.as_mut(), person).await?;
                let r = &v.resident;
                let matches = matches!(r.status, RecordStatus::Active)
                    && r.record.birth_date() == birth
                    && name_matches(r.record.name(), command.name);
                matches.then_some((person, r.record.municipality()))
            }
            _ => None,
        };
        let Some((person, municipality)) = found else {
            // A number that is no one's, retired, or another person's than the documents show:
            // one answer, and the attempt on record (no person: the number names nobody here),
            // and counted against the hour's limit.
            tx.add_collection_miss(me, hour).await?;
            append(
                tx.as_mut(),
                &principal.ledger_name(),
                now,
                vec![Record {
                    partition: mynumber_core::ledger::NATIONAL_PARTITION.to_owned(),
                    action: "number-collection-unmatched",
                    person: None,
                    purpose: Some(purpose.to_owned()),
                    detail: format!("organisation={me} method={method}"),
                }],
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::Invalid(Invalid(vec![FieldError::new(
                "individual_number",
                "problem-collection-mismatch",
            )])));
        };
        let mut id = [0u8; 16];
        self.random.fill(&mut id);
        let row = CollectionRow {
            id: hex::encode(id),
            organisation: me,
            person,
            purpose: purpose.to_owned(),
            method,
            collected_at_us: now,
            ended_on: None,
            keep_until: None,
            deleted_at_us: None,
        };
        tx.insert_collection(&row).await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record {
                partition: municipality.as_str().to_owned(),
                action: "number-collected",
                person: Some(person),
                purpose: Some(purpose.to_owned()),
                detail: format!("organisation={me} method={method} collection={}", row.id),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Records the end of a collection's affair (退職, the end of a contract) on `ended_on`,
    /// from which its purpose's keeping period runs. Not before the collection, not after today.
    pub async fn end_collection(
        &self,
        principal: &Principal,
        id: &str,
        ended_on: &str,
    ) -> Result<CollectionRow, AppError> {
        self.permit(principal, Action::ManageCollections).await?;
        let ended = date("ended_on", ended_on).map_err(|e| AppError::Invalid(Invalid(vec![e])))?;
        let mut tx = self.store.begin().await?;
        let mut row = tx
            .collection(id.trim())
            .await?
            .ok_or(AppError::NotFound("collection"))?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageCollections,
            &Subject::Organisation(row.organisation),
            "collection"
        );
        let collected = mynumber_core::dates::japan_date_of(row.collected_at_us);
        let today = self.clock.today();
        if collected.is_some_and(|c| ended < c) || ended > today {
            return Err(AppError::Invalid(Invalid(vec![
                FieldError::new("ended_on", "problem-collection-ended-on")
                    .arg("from", collected.unwrap_or(today))
                    .arg("to", today),
            ])));
        }
        let purpose = tx
            .purposes(row.organisation)
            .await?
            .into_iter()
            .find(|p| p.purpose.code == row.purpose)
            .ok_or(AppError::NotFound("purpose"))?;
        let keep_until = purpose.purpose.keep_until(ended);
        if !tx.end_collection(&row.id, ended, keep_until).await? {
            return Err(AppError::Invalid(Invalid(vec![FieldError::new(
                "collection",
                "problem-collection-ended",
            )])));
        }
        let v = load::current_version(tx.as_mut(), row.person).await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            vec![Record {
                partition: v.resident.record.municipality().as_str().to_owned(),
                action: "collection-ended",
                person: Some(row.person),
                purpose: Some(row.purpose.clone()),
                detail: format!(
                    "organisation={} collection={} ended_on={ended} keep_until={keep_until}",
                    row.organisation, row.id
                ),
            }],
        )
        .await?;
        tx.commit().await?;
        row.ended_on = Some(ended);
        row.keep_until = Some(keep_until);
        Ok(row)
    }

    /// The organisation's collections it must now delete: their keeping ended before today,
    /// and no deletion was reported. Oldest first.
    pub async fn deletions_due(
        &self,
        principal: &Principal,
    ) -> Result<Vec<CollectionRow>, AppError> {
        self.permit(principal, Action::ManageCollections).await?;
        let me = organisation_of(principal, Action::ManageCollections)?;
        let mut tx = self.store.begin_read().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageCollections,
            &Subject::Organisation(me),
            "organisation"
        );
        Ok(tx
            .collections_due(me, self.clock.today(), DELETIONS_LISTED)
            .await?)
    }

    /// Records that the organisation deleted a collected number (at any time: a number no
    /// longer needed is deleted promptly, facts §8.2).
    pub async fn record_deletion(&self, principal: &Principal, id: &str) -> Result<(), AppError> {
        self.permit(principal, Action::ManageCollections).await?;
        let mut tx = self.store.begin().await?;
        let row = tx
            .collection(id.trim())
            .await?
            .ok_or(AppError::NotFound("collection"))?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageCollections,
            &Subject::Organisation(row.organisation),
            "collection"
        );
        let now = self.clock.now_us();
        if !tx.delete_collection(&row.id, now).await? {
            return Err(AppError::Invalid(Invalid(vec![FieldError::new(
                "collection",
                "problem-collection-deleted",
            )])));
        }
        let v = load::current_version(tx.as_mut(), row.person).await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record {
                partition: v.resident.record.municipality().as_str().to_owned(),
                action: "number-deleted",
                person: Some(row.person),
                purpose: Some(row.purpose.clone()),
                detail: format!("organisation={} collection={}", row.organisation, row.id),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
