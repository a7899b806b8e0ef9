//! Notification letters (個人番号通知書, facts §5): queued when a number is issued, printed in
//! batches for the print shop, and followed through delivery, return, hand-over and
//! destruction, each step in the ledger. A letter is never printed twice.

use mynumber_core::notice::{NoticeEvent, NoticeRefused, NoticeStatus, retention_passed};
use mynumber_core::{Action, Principal, RecordStatus, Subject};
use mynumber_core::{ApplicationId, MunicipalityCode, NoticeId, PersonId, Refused};
use mynumber_render::{NoticeLetter, render_notices};

use crate::access::{authorize, current_scope};
use crate::documents::printed_person;
use crate::ledger::{Record, append};
use crate::load;
use crate::ports::NoticeBatchRow;
use crate::{App, AppError, NoticeRow, Tx};

/// A rendered print batch, not yet marked as sent.
#[derive(Debug)]
pub struct NoticeBatch {
    /// The batch's name (also its file name stem): municipality, date and the id of its first
    /// letter, so it is unique however many batches one run prints.
    pub id: String,
    /// The municipality mailing it.
    pub municipality: MunicipalityCode,
    /// The letters in it, in print order, with the application id printed on each form.
    pub letters: Vec<(NoticeId, PersonId, ApplicationId)>,
    /// The PDF: each letter followed by its application form.
    pub pdf: Vec<u8>,
}

impl From<NoticeRefused> for AppError {
    fn from(r: NoticeRefused) -> Self {
        AppError::Refused(Refused {
            state: format!("{} notification letter", r.status.code()),
            procedure: r.event.action(),
            reason: r.to_string(),
        })
    }
}

/// The letter to a person at their address today: `printed` is the municipality's name, the
/// issue date and the application id of the enclosed form.
async fn letter_to(
    tx: &mut dyn crate::ReadTx,
    person: PersonId,
    number: mynumber_core::IndividualNumber,
    printed: (&str, jiff::civil::Date, ApplicationId),
) -> Result<NoticeLetter, AppError> {
    let (municipality, issue_date, application_id) = printed;
    let version = load::current_version(tx, person).await?;
    Ok(NoticeLetter {
        language: version.resident.record.language().tag().to_owned(),
        person: printed_person(tx, &version.resident.record).await?,
        number,
        municipality: municipality.to_owned(),
        issue_date,
        application_id,
    })
}

/// Whether the person's record is still this municipality's to write to: someone who moved
/// away, died or left Japan is another's to read (policy, 除票), and gets no letter from here.
async fn still_kept(
    tx: &mut dyn crate::ReadTx,
    person: PersonId,
    municipality: MunicipalityCode,
) -> Result<bool, AppError> {
    let version = load::current_version(tx, person).await?;
    Ok(version.resident.record.municipality() == municipality
        && matches!(version.resident.status, RecordStatus::Active))
}

impl App {
    /// Queues one letter for each `(person, municipality, generation)` just issued a number.
    pub(crate) async fn queue_notices(
        &self,
        tx: &mut dyn Tx,
        targets: &[(PersonId, MunicipalityCode, u32)],
        now: i64,
    ) -> Result<Vec<NoticeId>, AppError> {
        let rows: Vec<NoticeRow> = targets
            .iter()
            .map(|(person, municipality, generation)| NoticeRow {
                id: NoticeId::time_ordered(self.now_ms(), self.random_bytes()),
                person: *person,
                municipality: *municipality,
                generation: *generation,
                application_id: None,
                status: NoticeStatus::Queued,
                queued_at_us: now,
                batch: None,
                sent_at_us: None,
                outcome_at_us: None,
            })
            .collect();
        tx.insert_notices(&rows).await?;
        Ok(rows.into_iter().map(|r| r.id).collect())
    }

    pub(crate) fn new_application_id(&self, municipality: MunicipalityCode) -> ApplicationId {
        loop {
            if let Some(id) = ApplicationId::from_random(municipality, self.random_bytes()) {
                return id;
            }
        }
    }

    /// Marks a person's letters still waiting for the printer as superseded (their number is
    /// being replaced), with ledger records.
    pub(crate) async fn supersede_notices(
        &self,
        tx: &mut dyn Tx,
        person: PersonId,
        now: i64,
    ) -> Result<Vec<Record>, AppError> {
        let queued = tx.queued_notices_of(person).await?;
        let ids: Vec<NoticeId> = queued.iter().map(|n| n.id).collect();
        tx.move_notices(
            &ids,
            NoticeStatus::Queued,
            NoticeStatus::Superseded,
            None,
            now,
        )
        .await?;
        Ok(queued
            .iter()
            .map(|n| Record {
                partition: n.municipality.as_str().to_owned(),
                action: NoticeEvent::Superseded.action(),
                person: Some(n.person),
                purpose: None,
                detail: format!("notice={}", n.id),
            })
            .collect())
    }

    /// Renders the next batch of up to `size` queued letters of a municipality, or `None` when
    /// the queue is empty. Nothing is marked: call [`App::mark_notice_batch_sent`] once the PDF
    /// is safely written, so that a failure in between leaves the letters queued.
    pub async fn prepare_notice_batch(
        &self,
        principal: &Principal,
        municipality: MunicipalityCode,
        size: usize,
    ) -> Result<Option<NoticeBatch>, AppError> {
        self.permit(principal, Action::PrintNotices).await?;
        authorize!(
            self,
            (),
            principal,
            Action::PrintNotices,
            &Subject::Municipality(municipality),
            "municipality"
        );
        let fonts = self.fonts()?;
        let mut tx = self.store.begin_read().await?;
        let limit = i64::try_from(size.max(1)).unwrap_or(500);
        let queued = tx.queued_notices(municipality, limit).await?;
        if queued.is_empty() {
            return Ok(None);
        }
        let name = self.municipality_name_in(tx.as_mut(), municipality).await?;
        let today = self.clock.today();
        let mut letters = Vec::with_capacity(queued.len());
        let mut members = Vec::with_capacity(queued.len());
        for notice in &queued {
            let number = tx
                .current_number(notice.person)
                .await?
                .ok_or(AppError::NotFound("Individual Number"))?;
            let application_id = self.new_application_id(municipality);
            let printed = (name.as_str(), today, application_id);
            letters.push(letter_to(tx.as_mut(), notice.person, number, printed).await?);
            members.push((notice.id, notice.person, application_id));
        }
        drop(tx);
        let pdf = render_notices(&fonts, &letters).map_err(|e| AppError::Render(e.to_string()))?;
        let id = format!(
            "{}-{}-{}",
            municipality.as_str(),
            today.strftime("%Y%m%d"),
            queued[0].id.to_hex()
        );
        Ok(Some(NoticeBatch {
            id,
            municipality,
            letters: members,
            pdf,
        }))
    }

    /// Marks a printed batch's letters as sent, with a ledger record for each. Fails with
    /// [`AppError::Conflict`] (changing nothing) if any letter left the queue meanwhile, e.g.
    /// because its number changed: discard that PDF and prepare the batch again.
    pub async fn mark_notice_batch_sent(
        &self,
        principal: &Principal,
        batch: &NoticeBatch,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::PrintNotices).await?;
        authorize!(
            self,
            (),
            principal,
            Action::PrintNotices,
            &Subject::Municipality(batch.municipality),
            "municipality"
        );
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let letters: Vec<(NoticeId, ApplicationId)> =
            batch.letters.iter().map(|(id, _, a)| (*id, *a)).collect();
        // A letter that left the queue (its number changed), or an application id drawn twice
        // (odds 1 in 10^16): refuse the whole batch; the caller renders it again.
        let moved = tx
            .mark_notices_sent(&letters, &batch.id, now)
            .await
            .map_err(|e| match e {
                crate::StoreError::Conflict(_) => AppError::Conflict,
                other => AppError::Store(other),
            })?;
        if moved != letters.len() as u64 {
            return Err(AppError::Conflict);
        }
        let records = batch
            .letters
            .iter()
            .map(|(id, person, _)| Record {
                partition: batch.municipality.as_str().to_owned(),
                action: NoticeEvent::Printed.action(),
                person: Some(*person),
                purpose: None,
                detail: format!("notice={id} batch={}", batch.id),
            })
            .collect();
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Prints the next batch of up to `size` queued letters of a municipality and marks them
    /// sent, for a caller that hands the PDF on at once (the desk's download): `None` when the
    /// queue is empty. A letter that leaves the queue while the batch renders (its number
    /// changed) makes the batch render again, up to three times. Should the PDF be lost on its
    /// way, [`App::reprint_notice_batch`] prints the batch again.
    pub async fn print_notice_batch(
        &self,
        principal: &Principal,
        municipality: MunicipalityCode,
        size: usize,
    ) -> Result<Option<NoticeBatch>, AppError> {
        let mut tries = 0;
        loop {
            let Some(batch) = self
                .prepare_notice_batch(principal, municipality, size)
                .await?
            else {
                return Ok(None);
            };
            match self.mark_notice_batch_sent(principal, &batch).await {
                Ok(()) => return Ok(Some(batch)),
                Err(AppError::Conflict) if tries < 2 => tries += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// A municipality's print batches, newest first, with how many of each are still out.
    pub async fn notice_batches(
        &self,
        principal: &Principal,
        municipality: MunicipalityCode,
        limit: i64,
    ) -> Result<Vec<NoticeBatchRow>, AppError> {
        self.permit(principal, Action::ReadNotices).await?;
        authorize!(
            self,
            (),
            principal,
            Action::ReadNotices,
            &Subject::Municipality(municipality),
            "municipality"
        );
        let mut tx = self.store.begin_read().await?;
        // Days in Japan time, both from the clock's instant.
        let today = mynumber_core::dates::japan_date_of(self.clock.now_us());
        let mut rows = tx.notice_batches(municipality, limit).await?;
        // A batch is printed again only on the day it was first printed.
        for row in &mut rows {
            if today.is_none() || mynumber_core::dates::japan_date_of(row.sent_at_us) != today {
                row.reprintable = 0;
            }
        }
        Ok(rows)
    }

    /// Prints a batch again, for a print run whose PDF was lost on its way: on the day it was
    /// first printed, its letters that are still out (mailed, no outcome yet), not printed again
    /// before, notifying the person's current number, and addressed to a person whose record is
    /// still this municipality's, each with the application id and issue date it was first
    /// printed with. A letter is printed again at most once (`mark_notices_reprinted`, checked
    /// again in the transaction that records it), and each reprint is a `notice-reprinted`
    /// ledger entry, committed before the PDF is handed out: printing a number is reading it.
    pub async fn reprint_notice_batch(
        &self,
        principal: &Principal,
        municipality: MunicipalityCode,
        batch: &str,
    ) -> Result<NoticeBatch, AppError> {
        self.permit(principal, Action::PrintNotices).await?;
        authorize!(
            self,
            (),
            principal,
            Action::PrintNotices,
            &Subject::Municipality(municipality),
            "municipality"
        );
        let fonts = self.fonts()?;
        let refuse = |reason: &str| {
            AppError::Refused(Refused {
                state: "printed batch".to_owned(),
                procedure: "notice-reprinted",
                reason: reason.to_owned(),
            })
        };
        // Read and render outside the writer's lock (a batch may take seconds to render); the
        // letters are marked and the ledger records committed before the PDF is handed out.
        let mut tx = self.store.begin_read().await?;
        let all = tx.batch_letters(municipality, batch).await?;
        let Some(first) = all.first() else {
            return Err(AppError::NotFound("print batch"));
        };
        // Days in Japan time, both from the clock's instant.
        let today = mynumber_core::dates::japan_date_of(self.clock.now_us());
        let printed_on = first
            .notice
            .sent_at_us
            .and_then(mynumber_core::dates::japan_date_of);
        if today.is_none() || printed_on != today {
            return Err(refuse(
                "a batch is printed again only on the day it was first printed",
            ));
        }
        let name = self.municipality_name_in(tx.as_mut(), municipality).await?;
        let mut letters = Vec::new();
        let mut members = Vec::new();
        let mut records = Vec::new();
        for letter in all {
            let n = letter.notice;
            let (NoticeStatus::Sent, Some(number), Some(application_id), Some(sent), false) = (
                n.status,
                letter.number,
                n.application_id,
                n.sent_at_us,
                letter.reprinted,
            ) else {
                continue;
            };
            if !still_kept(tx.as_mut(), n.person, municipality).await? {
                continue;
            }
            let first_printed =
                mynumber_core::dates::japan_date_of(sent).unwrap_or_else(|| self.clock.today());
            let printed = (name.as_str(), first_printed, application_id);
            letters.push(letter_to(tx.as_mut(), n.person, number, printed).await?);
            members.push((n.id, n.person, application_id));
            records.push(Record {
                partition: municipality.as_str().to_owned(),
                action: "notice-reprinted",
                person: Some(n.person),
                purpose: None,
                detail: format!("notice={} batch={batch}", n.id),
            });
        }
        drop(tx);
        if letters.is_empty() {
            return Err(refuse(
                "none of its letters may be printed again: each came back, reached the \
                 resident, notifies a number since changed, was printed again already, or is \
                 addressed to someone this municipality no longer keeps",
            ));
        }
        let pdf = render_notices(&fonts, &letters).map_err(|e| AppError::Render(e.to_string()))?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let ids: Vec<NoticeId> = members.iter().map(|(id, _, _)| *id).collect();
        // Whatever changed while the batch rendered (an outcome, a number change, another
        // reprint, a move, a death) makes the whole reprint a conflict: nothing is marked or
        // handed out.
        if tx.mark_notices_reprinted(&ids, now).await? != ids.len() as u64 {
            return Err(AppError::Conflict);
        }
        for (_, person, _) in &members {
            if !still_kept(tx.as_mut(), *person, municipality).await? {
                return Err(AppError::Conflict);
            }
        }
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(NoticeBatch {
            id: batch.to_owned(),
            municipality,
            letters: members,
            pdf,
        })
    }

    /// Records what happened to a mailed letter, found by the 申請書ID printed on it:
    /// `delivered`, `returned` (held at the municipality) or `handed-over` (in person).
    pub async fn record_notice_outcome(
        &self,
        principal: &Principal,
        application_id: &ApplicationId,
        event: NoticeEvent,
    ) -> Result<NoticeRow, AppError> {
        self.permit(principal, Action::PrintNotices).await?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut notice = tx
            .notice_by_application_id(application_id)
            .await?
            .ok_or(AppError::NotFound("notification letter"))?;
        authorize!(
            self,
            tx,
            principal,
            Action::PrintNotices,
            &current_scope(notice.person, notice.municipality),
            "notification letter"
        );
        let to = notice.status.after(event)?;
        let moved = tx
            .move_notices(&[notice.id], notice.status, to, None, now)
            .await?;
        if moved != 1 {
            return Err(AppError::Conflict);
        }
        let record = Record {
            partition: notice.municipality.as_str().to_owned(),
            action: event.action(),
            person: Some(notice.person),
            purpose: None,
            detail: format!("notice={}", notice.id),
        };
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        notice.status = to;
        notice.outcome_at_us = Some(now);
        Ok(notice)
    }

    /// Destroys returned letters held longer than the retention period (the deployment's
    /// `notice_retention_days`); returns how many.
    pub async fn destroy_expired_notices(&self, principal: &Principal) -> Result<usize, AppError> {
        self.permit(principal, Action::DestroyNotices).await?;
        let municipality = principal.municipality();
        authorize!(
            self,
            (),
            principal,
            Action::DestroyNotices,
            &municipality.map_or(Subject::Everything, Subject::Municipality),
            "municipality"
        );
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let held = tx
            .notices_in(NoticeStatus::Returned, municipality, i64::MAX)
            .await?;
        let expired: Vec<&NoticeRow> = held
            .iter()
            .filter(|n| {
                n.outcome_at_us.is_some_and(|at| {
                    retention_passed(at, self.documents.notice_retention_days, now)
                })
            })
            .collect();
        let ids: Vec<NoticeId> = expired.iter().map(|n| n.id).collect();
        let moved = tx
            .move_notices(
                &ids,
                NoticeStatus::Returned,
                NoticeStatus::Destroyed,
                None,
                now,
            )
            .await?;
        if moved != ids.len() as u64 {
            return Err(AppError::Conflict);
        }
        let records = expired
            .iter()
            .map(|n| Record {
                partition: n.municipality.as_str().to_owned(),
                action: NoticeEvent::Destroyed.action(),
                person: Some(n.person),
                purpose: None,
                detail: format!(
                    "notice={} retention-days={}",
                    n.id, self.documents.notice_retention_days
                ),
            })
            .collect();
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(ids.len())
    }

    /// How many letters of a municipality wait for the printer.
    pub async fn queued_notice_count(
        &self,
        principal: &Principal,
        municipality: MunicipalityCode,
    ) -> Result<i64, AppError> {
        self.permit(principal, Action::ReadNotices).await?;
        authorize!(
            self,
            (),
            principal,
            Action::ReadNotices,
            &Subject::Municipality(municipality),
            "municipality"
        );
        let mut tx = self.store.begin_read().await?;
        Ok(tx
            .count_notices(NoticeStatus::Queued, Some(municipality))
            .await?)
    }

    /// Letters in one status, oldest first (a clerk's list of letters held at the counter).
    pub async fn notices(
        &self,
        principal: &Principal,
        status: NoticeStatus,
        limit: i64,
    ) -> Result<Vec<NoticeRow>, AppError> {
        self.permit(principal, Action::ReadNotices).await?;
        let municipality = principal.municipality();
        authorize!(
            self,
            (),
            principal,
            Action::ReadNotices,
            &municipality.map_or(Subject::Everything, Subject::Municipality),
            "municipality"
        );
        let mut tx = self.store.begin_read().await?;
        Ok(tx.notices_in(status, municipality, limit).await?)
    }
}
