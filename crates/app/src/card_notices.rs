//! The notices of a card's life, as PDFs in Japanese and the holder's language: the pick-up
//! notice (交付通知書) for a produced card, and the expiry notices (有効期限通知書) printed in
//! batches for the cards whose renewal window is about to open, each with a new application
//! form (facts §2.7–2.8), and the certificate expiry notices (電子証明書有効期限通知書) for
//! certificates that expire before their card (issue 10).

use mynumber_core::card::CardStatus;
use mynumber_core::dates::renewal_opens;
use mynumber_core::{Action, Principal, Subject};
use mynumber_core::{ApplicationId, MunicipalityCode, PersonId};
use mynumber_render::{
    CertificateRenewalNotice, IssueNotice, RenewalNotice, render_certificate_renewal_notices,
    render_issue_notices, render_renewal_notices,
};

use crate::access::{authorize, current_scope};
use crate::documents::printed_person;
use crate::ledger::{Record, append};
use crate::load;
use crate::{App, AppError, CardNoticeRow};

/// Days a produced card waits at the municipality, as printed on its pick-up notice. The facts
/// give no period; municipalities print about three months.
pub const PICK_UP_DAYS: i64 = 90;

/// How long before its renewal window opens an expiry notice goes out: it should arrive as
/// the window opens, about three months before the expiry (facts §2.8).
const RENEWAL_NOTICE_LEAD_DAYS: i64 = 14;

/// The window of an expiry notice printed `today`: what is due has its renewal window open by
/// the first day returned (`renewal_opens(expiry) <= due_by`). Month arithmetic does not
/// invert, so the store is asked for what ends before the second day, a month more than
/// needed, and the rule is applied in the app, in expiry order.
fn due_window(today: jiff::civil::Date) -> (jiff::civil::Date, jiff::civil::Date) {
    let due_by = today
        .checked_add(jiff::Span::new().days(RENEWAL_NOTICE_LEAD_DAYS))
        .unwrap_or(today);
    let horizon = due_by
        .checked_add(jiff::Span::new().months(4))
        .unwrap_or(due_by);
    (due_by, horizon)
}

/// A batch of expiry notices, rendered and not yet marked printed.
#[derive(Clone, Debug)]
pub struct RenewalBatch {
    /// The batch's name: municipality, date and its first card.
    pub id: String,
    /// The municipality mailing it.
    pub municipality: MunicipalityCode,
    /// The cards, in print order, with each holder and the enclosed form's application ID.
    pub notices: Vec<(String, PersonId, ApplicationId)>,
    /// The PDF: each notice followed by its application form.
    pub pdf: Vec<u8>,
}

/// A batch of certificate expiry notices, rendered and not yet marked printed.
#[derive(Clone, Debug)]
pub struct CertificateRenewalBatch {
    /// The batch's name: municipality, date and its first card.
    pub id: String,
    /// The municipality mailing it.
    pub municipality: MunicipalityCode,
    /// Each notice: the card, its holder and the certificates it announces (serials).
    pub notices: Vec<(String, PersonId, Vec<String>)>,
    /// The PDF, a page a notice.
    pub pdf: Vec<u8>,
}

impl App {
    /// The pick-up notice of a produced card (PDF), recorded in the ledger.
    pub async fn card_issue_notice(
        &self,
        principal: &Principal,
        serial: &str,
    ) -> Result<Vec<u8>, AppError> {
        self.permit(principal, Action::PrintCardNotices).await?;
        let fonts = self.fonts()?;
        let today = self.clock.today();
        let mut tx = self.store.begin_read().await?;
        let card = tx
            .card(serial.trim())
            .await?
            .ok_or(AppError::NotFound("card"))?;
        authorize!(
            self,
            tx,
            principal,
            Action::PrintCardNotices,
            &current_scope(card.person, card.municipality),
            "card"
        );
        if card.status != CardStatus::Produced {
            return Err(AppError::Refused(mynumber_core::Refused {
                state: format!("{} card", card.status.code()),
                procedure: "card-issue-notice-printed",
                reason: "a pick-up notice is printed only for a card waiting to be picked up"
                    .to_owned(),
            }));
        }
        let version = load::current_version(tx.as_mut(), card.person).await?;
        let record = &version.resident.record;
        let notice = IssueNotice {
            language: record.language().tag().to_owned(),
            person: printed_person(tx.as_mut(), record).await?,
            municipality: self
                .municipality_name_in(tx.as_mut(), card.municipality)
                .await?,
            issue_date: today,
            pick_up_by: today
                .checked_add(jiff::Span::new().days(PICK_UP_DAYS))
                .unwrap_or(today),
            card_expiry: card.expiry,
            card_serial: card.serial.clone(),
            signature_certificate: card.signature_certificate.is_some(),
            face_recognition: card.kind == mynumber_core::card::CardKind::FaceRecognition,
        };
        drop(tx);
        let pdf =
            render_issue_notices(&fonts, &[notice]).map_err(|e| AppError::Render(e.to_string()))?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        // Rendered outside the writing transaction: the card must still be waiting.
        match tx.card(&card.serial).await? {
            Some(now_card) if now_card.status == CardStatus::Produced => {}
            _ => return Err(AppError::Conflict),
        }
        let row = CardNoticeRow {
            id: hex::encode(self.random_bytes::<16>()),
            kind: "issue",
            card_serial: card.serial.clone(),
            person: card.person,
            municipality: card.municipality,
            application_id: None,
            printed_at_us: now,
        };
        if !tx.insert_card_notices(std::slice::from_ref(&row)).await? {
            return Err(AppError::Conflict);
        }
        let record = Record {
            partition: card.municipality.as_str().to_owned(),
            action: "card-issue-notice-printed",
            person: Some(card.person),
            purpose: None,
            detail: format!("card={} notice={}", card.serial, row.id),
        };
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(pdf)
    }

    /// Renders the next batch of up to `size` expiry notices of a municipality: active,
    /// unexpired cards whose renewal window opens within two weeks and that have had none. A
    /// foreign resident whose card ends with the period of stay gets none (facts §2.8). Nothing is marked: call
    /// [`App::mark_renewal_batch_sent`] once the PDF is safely written.
    pub async fn prepare_renewal_batch(
        &self,
        principal: &Principal,
        municipality: MunicipalityCode,
        size: usize,
    ) -> Result<Option<RenewalBatch>, AppError> {
        self.permit(principal, Action::PrintCardNotices).await?;
        authorize!(
            self,
            (),
            principal,
            Action::PrintCardNotices,
            &Subject::Municipality(municipality),
            "municipality"
        );
        let fonts = self.fonts()?;
        let today = self.clock.today();
        let (due_by, horizon) = due_window(today);
        let size = size.max(1);
        let page = i64::try_from(size).unwrap_or(500);
        let mut tx = self.store.begin_read().await?;
        let name = self.municipality_name_in(tx.as_mut(), municipality).await?;
        let mut notices = Vec::with_capacity(size);
        let mut members = Vec::with_capacity(size);
        // Expired cards get none (the hourly expiry ends them); cards skipped for the stay
        // rule stay due, so page past them rather than letting them fill every batch.
        let mut after = (today, String::new());
        'pages: loop {
            let page = tx
                .cards_due_for_renewal_notice(municipality, (after.0, &after.1), horizon, page)
                .await?;
            let Some(last) = page.last() else { break };
            after = (last.expiry, last.serial.clone());
            for card in page {
                if notices.len() == size || renewal_opens(card.expiry) > due_by {
                    break 'pages;
                }
                let version = load::current_version(tx.as_mut(), card.person).await?;
                let record = &version.resident.record;
                let stay = record.foreign().and_then(|f| f.period_of_stay_until());
                if stay == Some(card.expiry) {
                    continue;
                }
                let application_id = self.new_application_id(municipality);
                notices.push(RenewalNotice {
                    language: record.language().tag().to_owned(),
                    person: printed_person(tx.as_mut(), record).await?,
                    municipality: name.clone(),
                    issue_date: today,
                    card_expiry: card.expiry,
                    renewal_opens: renewal_opens(card.expiry),
                    application_id,
                });
                members.push((card.serial, card.person, application_id));
            }
        }
        drop(tx);
        if notices.is_empty() {
            return Ok(None);
        }
        let pdf = render_renewal_notices(&fonts, &notices)
            .map_err(|e| AppError::Render(e.to_string()))?;
        let id = format!(
            "renewal-{}-{}-{}",
            municipality.as_str(),
            today.strftime("%Y%m%d"),
            members[0].0
        );
        Ok(Some(RenewalBatch {
            id,
            municipality,
            notices: members,
            pdf,
        }))
    }

    /// Marks a printed batch of expiry notices: each card's notice and its form's application
    /// ID are recorded, with a ledger record. Fails with [`AppError::Conflict`] (changing
    /// nothing) if a card got its notice meanwhile.
    pub async fn mark_renewal_batch_sent(
        &self,
        principal: &Principal,
        batch: &RenewalBatch,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::PrintCardNotices).await?;
        authorize!(
            self,
            (),
            principal,
            Action::PrintCardNotices,
            &Subject::Municipality(batch.municipality),
            "municipality"
        );
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let rows: Vec<CardNoticeRow> = batch
            .notices
            .iter()
            .map(|(serial, person, application_id)| CardNoticeRow {
                id: hex::encode(self.random_bytes::<16>()),
                kind: "renewal",
                card_serial: serial.clone(),
                person: *person,
                municipality: batch.municipality,
                application_id: Some(*application_id),
                printed_at_us: now,
            })
            .collect();
        if !tx.insert_card_notices(&rows).await? {
            return Err(AppError::Conflict);
        }
        let records = rows
            .iter()
            .map(|r| Record {
                partition: batch.municipality.as_str().to_owned(),
                action: "card-renewal-notice-printed",
                person: Some(r.person),
                purpose: None,
                detail: format!("card={} batch={}", r.card_serial, batch.id),
            })
            .collect();
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Renders the next batch of up to `size` certificate expiry notices of a municipality
    /// (issue 10; facts §2.8): good certificates on active cards whose renewal window opens
    /// within two weeks, that end before their card does (a certificate ending with its card
    /// is announced by the card's notice) and have had none. A card's certificates due
    /// together share one notice. Nothing is marked: call
    /// [`App::mark_certificate_renewal_batch_sent`] once the PDF is safely written.
    pub async fn prepare_certificate_renewal_batch(
        &self,
        principal: &Principal,
        municipality: MunicipalityCode,
        size: usize,
    ) -> Result<Option<CertificateRenewalBatch>, AppError> {
        self.permit(principal, Action::PrintCardNotices).await?;
        authorize!(
            self,
            (),
            principal,
            Action::PrintCardNotices,
            &Subject::Municipality(municipality),
            "municipality"
        );
        let fonts = self.fonts()?;
        let today = self.clock.today();
        let (due_by, horizon) = due_window(today);
        let day_end = |d: jiff::civil::Date| mynumber_pki::end_of_day_jst(d).as_microsecond();
        let size = size.max(1);
        let page = i64::try_from(size).unwrap_or(500);
        let mut tx = self.store.begin_read().await?;
        let name = self.municipality_name_in(tx.as_mut(), municipality).await?;
        let mut notices: Vec<CertificateRenewalNotice> = Vec::with_capacity(size);
        let mut members: Vec<(String, PersonId, Vec<String>)> = Vec::with_capacity(size);
        // Expired certificates get none; start after the end of yesterday.
        let start = today.yesterday().map_or(0, day_end);
        let mut after = (start, String::new());
        'pages: loop {
            let page = tx
                .certificates_due_for_renewal_notice(
                    municipality,
                    (after.0, &after.1),
                    day_end(horizon),
                    page,
                )
                .await?;
            let Some(last) = page.last() else { break };
            after = (last.not_after_us, last.serial.clone());
            for due in page {
                let Some(last_day) = mynumber_core::dates::japan_date_of(due.not_after_us) else {
                    continue;
                };
                if renewal_opens(last_day) > due_by {
                    break 'pages;
                }
                let Some(card) = tx.card(&due.card_serial).await? else {
                    continue;
                };
                if card.expiry <= last_day {
                    continue;
                }
                let signature = due.hierarchy == "signature";
                // A card's second certificate joins its notice.
                if let Some(i) = members.iter().position(|(s, _, _)| *s == card.serial) {
                    let notice = &mut notices[i];
                    if signature {
                        notice.signature_expiry = Some(last_day);
                    } else {
                        notice.authentication_expiry = Some(last_day);
                    }
                    notice.renewal_opens = notice.renewal_opens.min(renewal_opens(last_day));
                    members[i].2.push(due.serial);
                    continue;
                }
                if notices.len() == size {
                    break 'pages;
                }
                let version = load::current_version(tx.as_mut(), card.person).await?;
                let record = &version.resident.record;
                notices.push(CertificateRenewalNotice {
                    language: record.language().tag().to_owned(),
                    person: printed_person(tx.as_mut(), record).await?,
                    municipality: name.clone(),
                    issue_date: today,
                    signature_expiry: signature.then_some(last_day),
                    authentication_expiry: (!signature).then_some(last_day),
                    renewal_opens: renewal_opens(last_day),
                });
                members.push((card.serial, card.person, vec![due.serial]));
            }
        }
        drop(tx);
        if notices.is_empty() {
            return Ok(None);
        }
        let pdf = render_certificate_renewal_notices(&fonts, &notices)
            .map_err(|e| AppError::Render(e.to_string()))?;
        let id = format!(
            "certificates-{}-{}-{}",
            municipality.as_str(),
            today.strftime("%Y%m%d"),
            members[0].0
        );
        Ok(Some(CertificateRenewalBatch {
            id,
            municipality,
            notices: members,
            pdf,
        }))
    }

    /// Marks a printed batch of certificate expiry notices, with a ledger record each. Fails
    /// with [`AppError::Conflict`] (changing nothing) if a certificate got its notice meanwhile.
    pub async fn mark_certificate_renewal_batch_sent(
        &self,
        principal: &Principal,
        batch: &CertificateRenewalBatch,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::PrintCardNotices).await?;
        authorize!(
            self,
            (),
            principal,
            Action::PrintCardNotices,
            &Subject::Municipality(batch.municipality),
            "municipality"
        );
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let rows: Vec<_> = batch
            .notices
            .iter()
            .flat_map(|(card, person, certificates)| {
                certificates
                    .iter()
                    .map(|c| (c.clone(), card.clone(), *person, batch.municipality, now))
            })
            .collect();
        if !tx.insert_certificate_notices(&rows).await? {
            return Err(AppError::Conflict);
        }
        let records = batch
            .notices
            .iter()
            .map(|(card, person, certificates)| Record {
                partition: batch.municipality.as_str().to_owned(),
                action: "certificate-renewal-notice-printed",
                person: Some(*person),
                purpose: None,
                detail: format!(
                    "card={card} certificates={} batch={}",
                    certificates.join(","),
                    batch.id
                ),
            })
            .collect();
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(())
    }
}
