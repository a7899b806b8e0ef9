//! コンビニ交付's kiosks as principals (issue 13, docs/design/kiosk.md): a national
//! administrator registers a chain's terminals with their shops and keys, suspends, resumes and
//! retires them; a terminal's signed request is authenticated here; and a kiosk session begins
//! with a challenge the card signs after its PIN, checked with the certificate's status at that
//! moment.

use jiff::Timestamp;
use mynumber_core::organisation::{OrgRole, OrgStatus};
use mynumber_core::terminal::{
    self, Envelope, PRINT_WINDOW_S, SESSION_STEP_S, Shop, TerminalEvent, TerminalStatus,
};
use mynumber_core::{
    Action, FieldError, Invalid, OrganisationId, Principal, Refused, Subject, TerminalId,
};
use mynumber_pki::Hierarchy;
use mynumber_pki::jose::{CompactJws, is_p256_point, verify_es256};

use mynumber_core::card::CardKind;
use mynumber_core::certificate::CertificateStatus;
use mynumber_core::kiosk::{
    self, KioskDocument, KioskOption, KioskRequest, Order, RuleTable, Whose,
};
use mynumber_core::{MunicipalityCode, RecordStatus, RemovalReason};
use mynumber_render::RecordKind;

use crate::access::authorize;
use crate::ledger::{Record, append};
use crate::load;
use crate::revocation_info::Verdict;
use crate::{
    App, AppError, CertificateRow, KioskIssue, KioskSessionRow, KioskSessionStatus, SettlementRow,
    TerminalRow,
};

fn national(action: &'static str, detail: String) -> Record {
    Record {
        partition: mynumber_core::ledger::NATIONAL_PARTITION.to_owned(),
        action,
        person: None,
        purpose: None,
        detail,
    }
}

fn invalid(e: FieldError) -> AppError {
    AppError::Invalid(Invalid(vec![e]))
}

/// A kiosk session the card has not signed for, or one whose step was not the request's: the
/// terminal is told, never what it was about.
fn session_refused(reason: &str) -> AppError {
    AppError::Refused(Refused {
        state: "kiosk session".into(),
        procedure: "kiosk",
        reason: reason.into(),
    })
}

impl App {
    /// Registers a kiosk terminal under a chain in force (an organisation with the
    /// kiosk-operator role), standing in `shop`, with its P-256 public key. National
    /// administrators only.
    pub async fn register_terminal(
        &self,
        principal: &Principal,
        organisation: OrganisationId,
        shop_code: &str,
        shop_name: &str,
        public_key: &[u8],
    ) -> Result<TerminalRow, AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let shop = Shop::new(shop_code, shop_name);
        let key_ok = is_p256_point(public_key);
        let shop = match (shop, key_ok) {
            (Ok(shop), true) => shop,
            (shop, key_ok) => {
                let mut problems = shop.err().map(|i| i.0).unwrap_or_default();
                if !key_ok {
                    problems.push(FieldError::new("public_key", "problem-key-p256"));
                }
                return Err(AppError::Invalid(Invalid(problems)));
            }
        };
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let chain = tx
            .organisation(organisation)
            .await?
            .ok_or(AppError::NotFound("organisation"))?;
        if chain.status != OrgStatus::Active || !chain.roles.contains(&OrgRole::KioskOperator) {
            return Err(invalid(FieldError::new(
                "organisation",
                "problem-terminal-chain",
            )));
        }
        let now = self.clock.now_us();
        let row = TerminalRow {
            id: TerminalId::time_ordered(self.now_ms(), self.random_bytes()),
            organisation,
            shop,
            public_key: public_key.to_vec(),
            status: TerminalStatus::Active,
            registered_at_us: now,
            changed_at_us: now,
        };
        tx.insert_terminal(&row).await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![national(
                "terminal-registered",
                format!(
                    "terminal={} organisation={} shop={}",
                    row.id, organisation, row.shop.code
                ),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    /// A chain's terminals. National administrators and auditors.
    pub async fn terminals(
        &self,
        principal: &Principal,
        organisation: OrganisationId,
    ) -> Result<Vec<TerminalRow>, AppError> {
        self.permit(principal, Action::ReadOrganisations).await?;
        let mut tx = self.store.begin_read().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ReadOrganisations,
            &Subject::Everything,
            "organisation"
        );
        if tx.organisation(organisation).await?.is_none() {
            return Err(AppError::NotFound("organisation"));
        }
        Ok(tx.terminals_of(organisation).await?)
    }

    /// Suspends, resumes or retires a terminal (`event`); retiring is final.
    pub async fn change_terminal(
        &self,
        principal: &Principal,
        id: TerminalId,
        event: &str,
    ) -> Result<TerminalRow, AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let event = TerminalEvent::parse_field("event", event).map_err(invalid)?;
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let mut row = tx
            .terminal(id)
            .await?
            .ok_or(AppError::NotFound("terminal"))?;
        let Some(to) = row.status.after(event) else {
            return Err(invalid(
                FieldError::new("event", "problem-terminal-event").arg("status", row.status.code()),
            ));
        };
        let now = self.clock.now_us();
        if !tx.update_terminal_status(id, row.status, to, now).await? {
            return Err(AppError::Conflict);
        }
        row.status = to;
        row.changed_at_us = now;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![national(
                "terminal-changed",
                format!("terminal={id} event={} status={}", event.code(), to.code()),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Authenticates a terminal's signed request arriving at `method` `path`: the terminal it
    /// names is registered and in service, under a chain in force; its envelope meets the rules
    /// (`terminal::check_envelope`); and its key signed it. Returns the terminal. A refusal of a
    /// known terminal's request is recorded; the terminal is told only that it was refused.
    pub async fn authenticate_terminal(
        &self,
        jws: &CompactJws,
        envelope: &Envelope,
        method: &str,
        path: &str,
    ) -> Result<TerminalRow, AppError> {
        let Some(id) = TerminalId::parse(&envelope.kid) else {
            return Err(AppError::Unauthenticated);
        };
        let (terminal, chain) = {
            let mut tx = self.store.begin_lookup().await?;
            let Some(terminal) = tx.terminal(id).await? else {
                return Err(AppError::Unauthenticated);
            };
            let chain = tx.organisation(terminal.organisation).await?;
            (terminal, chain)
        };
        let now = self.clock.now_us();
        let refusal = if terminal.status != TerminalStatus::Active {
            Some(terminal.status.code())
        } else if chain.is_none_or(|c| {
            c.status != OrgStatus::Active || !c.roles.contains(&OrgRole::KioskOperator)
        }) {
            Some("chain-not-in-force")
        } else if let Err(e) = terminal::check_envelope(
            envelope,
            id,
            &terminal.shop.code,
            method,
            path,
            now.div_euclid(1_000_000),
        ) {
            Some(e.code())
        } else if verify_es256(jws, &terminal.public_key).is_err() {
            Some("signature")
        } else {
            None
        };
        if let Some(reason) = refusal {
            let mut tx = self.store.begin().await?;
            append(
                tx.as_mut(),
                &Principal::Kiosk(id).ledger_name(),
                now,
                vec![national(
                    "kiosk-request-refused",
                    format!("terminal={id} reason={reason} method={method}"),
                )],
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::Unauthenticated);
        }
        Ok(terminal)
    }

    /// Begins a kiosk session on `terminal`: a fresh challenge for the card to sign after its
    /// PIN. Nothing about a resident is known yet.
    pub async fn start_kiosk_session(
        &self,
        terminal: &TerminalRow,
    ) -> Result<KioskSessionRow, AppError> {
        let principal = Principal::Kiosk(terminal.id);
        self.permit(&principal, Action::RunKioskSession).await?;
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            &principal,
            Action::RunKioskSession,
            &Subject::Terminal(terminal.id),
            "kiosk session"
        );
        let now = self.clock.now_us();
        let row = KioskSessionRow {
            id: hex::encode(self.random_bytes::<16>()),
            terminal: terminal.id,
            shop_code: terminal.shop.code.clone(),
            challenge: self.random_bytes::<32>().to_vec(),
            status: KioskSessionStatus::Challenged,
            step: 1,
            person: None,
            certificate_serial: None,
            order: None,
            issued: None,
            print_failures: 0,
            printed_at_us: None,
            started_at_us: now,
            expires_at_us: now + SESSION_STEP_S * 1_000_000,
            changed_at_us: now,
        };
        tx.insert_kiosk_session(&row).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// The card's answer to a session's challenge: its signature with the user-authentication
    /// certificate, after the resident typed the PIN on the kiosk (the card counts the tries
    /// and locks after three). The signature, the chain and the certificate's status are
    /// checked now: a card suspended a minute ago is refused. The resident becomes known, and
    /// the refusal or the log-in is recorded on them.
    pub async fn answer_kiosk_challenge(
        &self,
        terminal: &TerminalRow,
        session: &str,
        step: i64,
        certificate: &[u8],
        signature: &[u8],
    ) -> Result<KioskSessionRow, AppError> {
        let principal = Principal::Kiosk(terminal.id);
        self.permit(&principal, Action::RunKioskSession).await?;
        let now = self.clock.now_us();
        let at = Timestamp::from_microsecond(now).unwrap_or(Timestamp::UNIX_EPOCH);
        let row = self.kiosk_session_at(terminal, session, step, now).await?;
        if row.status != KioskSessionStatus::Challenged {
            return Err(session_refused("the card has answered already"));
        }
        let message = terminal::challenge_message(&row.id, &hex::encode(&row.challenge));
        mynumber_pki::verify_with_certificate(certificate, &message, signature)
            .map_err(AppError::NotVerified)?;
        let check = self.check_certificate(certificate, at).await?;
        let serial = hex::encode(&check.certificate.serial);
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            &principal,
            Action::RunKioskSession,
            &Subject::Terminal(terminal.id),
            "kiosk session"
        );
        let cert: Option<CertificateRow> = tx.certificate(&serial).await?;
        let verdict = match (&cert, check.verdict) {
            (_, v) if v != Verdict::Valid => v.to_string(),
            _ if check.hierarchy != Some(Hierarchy::Authentication) => {
                "not a user-authentication certificate".to_owned()
            }
            (None, _) => Verdict::NotInRegister.to_string(),
            (Some(_), _) => String::new(),
        };
        let detail = format!(
            "session={} terminal={} shop={} certificate={serial}",
            row.id, terminal.id, row.shop_code
        );
        if !verdict.is_empty() {
            if let Some(c) = &cert {
                let record = Record::on_person(
                    tx.as_mut(),
                    c.person,
                    "kiosk-card-refused",
                    format!("{detail} verdict={verdict}"),
                )
                .await?;
                append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
                tx.commit().await?;
            }
            return Err(AppError::Refused(Refused {
                state: "certificate".into(),
                procedure: "kiosk",
                reason: verdict,
            }));
        }
        let Some(cert) = cert else {
            return Err(session_refused("the certificate is not in the register"));
        };
        let next = KioskSessionRow {
            status: KioskSessionStatus::Authenticated,
            step: step + 1,
            person: Some(cert.person),
            certificate_serial: Some(serial),
            expires_at_us: now + SESSION_STEP_S * 1_000_000,
            changed_at_us: now,
            ..row
        };
        if !tx.update_kiosk_session(&next, step).await? {
            return Err(session_refused("the session moved on"));
        }
        let record =
            Record::on_person(tx.as_mut(), cert.person, "kiosk-card-accepted", detail).await?;
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(next)
    }

    /// The resident's order at a kiosk: the document, its options and copies, decided by the
    /// municipality's rule table at this moment (`kiosk::decide`: hours, closed days, whose,
    /// age, a pending move-out, a seal registered, copies). Returns the session with the quote;
    /// the resident may choose again until they pay.
    pub async fn order_at_kiosk(
        &self,
        terminal: &TerminalRow,
        session: &str,
        step: i64,
        order: &Order,
    ) -> Result<KioskSessionRow, AppError> {
        let principal = Principal::Kiosk(terminal.id);
        self.permit(&principal, Action::RunKioskSession).await?;
        let now = self.clock.now_us();
        let row = self.kiosk_session_at(terminal, session, step, now).await?;
        let (Some(person), Some(serial)) = (row.person, row.certificate_serial.clone()) else {
            return Err(session_refused("the card has not answered"));
        };
        if !matches!(
            row.status,
            KioskSessionStatus::Authenticated | KioskSessionStatus::Ordered
        ) {
            return Err(session_refused("the session is not choosing"));
        }
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            &principal,
            Action::RunKioskSession,
            &Subject::Terminal(terminal.id),
            "kiosk session"
        );
        let current = load::current_version(tx.as_mut(), person).await?;
        let record = &current.resident.record;
        let today = self.clock.today();
        // The holder's own move-out filed, or a member's: no 住民票 at a kiosk.
        let move_out_pending = matches!(
            current.resident.status,
            RecordStatus::Removed { reason: RemovalReason::MovedOut, on, .. } if on > today
        ) || tx.household_moving_out(record.household(), today).await?;
        let card = tx
            .cards_of(person)
            .await?
            .into_iter()
            .find(|c| c.authentication_certificate.as_deref() == Some(serial.as_str()));
        let holder_resident = match current.resident.status {
            RecordStatus::Active => true,
            RecordStatus::Removed {
                reason: RemovalReason::MovedOut,
                on,
                ..
            } => on > today,
            RecordStatus::Removed { .. } => false,
        };
        let request = KioskRequest {
            document: order.document,
            at_us: now,
            card: card.map_or(CardKind::Standard, |c| c.kind),
            holder_birth: record.birth_date(),
            holder_resident,
            whose: Whose::Own,
            move_out_pending,
            seal_registered: tx.seal_in_force(person).await?.is_some(),
            copies: order.copies,
        };
        let municipality = record.municipality();
        let table = rules_in(tx.as_mut(), municipality).await?;
        let detail = format!(
            "session={} terminal={} document={} options={} copies={}",
            row.id,
            terminal.id,
            order.document.code(),
            order
                .options
                .iter()
                .map(|o| o.code())
                .collect::<Vec<_>>()
                .join(","),
            order.copies
        );
        // What the register told the kiosk, granted or refused, is recorded on the person.
        let quote = match kiosk::decide(&table, &request) {
            Ok(quote) => quote,
            Err(refusal) => {
                let record = Record {
                    partition: municipality.as_str().to_owned(),
                    action: "kiosk-order-refused",
                    person: Some(person),
                    purpose: None,
                    detail: format!("{detail} reason={}", refusal.code()),
                };
                append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
                tx.commit().await?;
                return Err(AppError::from(refusal.problem()));
            }
        };
        let next = KioskSessionRow {
            status: KioskSessionStatus::Ordered,
            step: step + 1,
            order: Some((order.clone(), quote)),
            expires_at_us: now + SESSION_STEP_S * 1_000_000,
            changed_at_us: now,
            ..row
        };
        if !tx.update_kiosk_session(&next, step).await? {
            return Err(session_refused("the session moved on"));
        }
        let record = Record {
            partition: municipality.as_str().to_owned(),
            action: "kiosk-ordered",
            person: Some(person),
            purpose: None,
            detail: format!("{detail} yen={}", quote.total_yen),
        };
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(next)
    }

    /// The resident paid at the kiosk: `paid_yen` must be the quote's total. The document is
    /// issued now (rendered, signed, registered, and each number printed recorded as a read at
    /// the resident's own request) and handed to the terminal to print; it is kept until the
    /// print is confirmed, so that a failed print is sent again. Returns the session with it.
    pub async fn pay_at_kiosk(
        &self,
        terminal: &TerminalRow,
        session: &str,
        step: i64,
        paid_yen: i64,
    ) -> Result<KioskSessionRow, AppError> {
        let principal = Principal::Kiosk(terminal.id);
        self.permit(&principal, Action::RunKioskSession).await?;
        let now = self.clock.now_us();
        let row = self.kiosk_session_at(terminal, session, step, now).await?;
        let (Some(person), Some((order, quote))) = (row.person, row.order.clone()) else {
            return Err(session_refused("nothing was ordered"));
        };
        if row.status != KioskSessionStatus::Ordered {
            return Err(session_refused("the session is not waiting for payment"));
        }
        if paid_yen != i64::from(quote.total_yen) {
            return Err(AppError::from(
                FieldError::new("paid_yen", "problem-kiosk-paid").arg("yen", quote.total_yen),
            ));
        }
        let kind = match order.document {
            KioskDocument::ResidentRecordCopy => Some(RecordKind::Copy),
            KioskDocument::ResidentRecordItems => Some(RecordKind::RecordedMatters),
            KioskDocument::SealCertificate => None,
        };
        let mut items: Vec<&'static str> = Vec::new();
        if order.has(KioskOption::Household) {
            items.push("household");
        }
        if order.has(KioskOption::Householder) {
            items.push("householder");
        }
        if order.has(KioskOption::Number) {
            items.push("individual-number");
        }
        let fonts = self.fonts()?;
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            &principal,
            Action::RunKioskSession,
            &Subject::Terminal(terminal.id),
            "kiosk session"
        );
        // The card's certificate is checked again: a card suspended since it answered (the call
        // center, at any hour) pays for nothing.
        let serial = row.certificate_serial.clone().unwrap_or_default();
        let in_force = tx.certificate(&serial).await?.is_some_and(|c| {
            c.person == person && c.status == CertificateStatus::Good && c.not_after_us > now
        });
        if !in_force {
            let record = Record::on_person(
                tx.as_mut(),
                person,
                "kiosk-card-refused",
                format!(
                    "session={} terminal={} certificate={serial} at=payment",
                    row.id, terminal.id
                ),
            )
            .await?;
            append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
            tx.commit().await?;
            return Err(AppError::Refused(Refused {
                state: "certificate".into(),
                procedure: "kiosk",
                reason: "the card's certificate is no longer in force".into(),
            }));
        }
        let code = tx
            .person_by_id(person)
            .await?
            .ok_or(AppError::NotFound("resident"))?
            .resident_code;
        let history = load::history(tx.as_mut(), &code).await?;
        let current = history.current().clone();
        let municipality = current.resident.record.municipality();
        // The number is printed at the resident's own request (住民基本台帳法第12条第5項),
        // their identity proved by the card and its PIN.
        let basis = order
            .has(KioskOption::Number)
            .then_some(("own-request", "my-number-card-pin"));
        let (issued, mut records) = match kind {
            Some(kind) => {
                self.compose_record(
                    tx.as_mut(),
                    &fonts,
                    history,
                    &current,
                    kind,
                    &items,
                    basis,
                    &principal.ledger_name(),
                    // The kiosk prints on plain A4: a copy shows 「複写」, and the back carries
                    // the front, sealed.
                    true,
                    now,
                )
                .await?
            }
            None => {
                // The seal in force now: one ended since the order is not certified.
                let Some(seal) = tx.seal_in_force(person).await? else {
                    return Err(AppError::from(kiosk::Refusal::NoSeal.problem()));
                };
                self.compose_seal_certificate(
                    tx.as_mut(),
                    &fonts,
                    &seal,
                    &principal.ledger_name(),
                    now,
                )
                .await?
            }
        };
        let next = KioskSessionRow {
            status: KioskSessionStatus::Paid,
            step: step + 1,
            issued: Some(KioskIssue {
                municipality,
                document_code: issued.code.as_str().to_owned(),
                pdf: issued.pdf,
                paid_at_us: now,
            }),
            expires_at_us: now + PRINT_WINDOW_S * 1_000_000,
            changed_at_us: now,
            ..row
        };
        if !tx.update_kiosk_session(&next, step).await? {
            return Err(session_refused("the session moved on"));
        }
        records.push(Record {
            partition: municipality.as_str().to_owned(),
            action: "kiosk-paid",
            person: Some(person),
            purpose: None,
            detail: format!(
                "session={} terminal={} document={} copies={} yen={}",
                next.id, terminal.id, issued.code, quote.copies, quote.total_yen
            ),
        });
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(next)
    }

    /// What the kiosk reports after printing: printed (the fee is settled and the session is
    /// over; the document is no longer kept), or failed (not charged; the same document is sent
    /// again by [`App::kiosk_document`] within the session).
    pub async fn kiosk_printed(
        &self,
        terminal: &TerminalRow,
        session: &str,
        step: i64,
        printed: bool,
    ) -> Result<KioskSessionRow, AppError> {
        let principal = Principal::Kiosk(terminal.id);
        self.permit(&principal, Action::RunKioskSession).await?;
        let now = self.clock.now_us();
        let row = self.kiosk_session_at(terminal, session, step, now).await?;
        let (Some(person), Some(issue), Some((_, quote))) =
            (row.person, row.issued.clone(), row.order.clone())
        else {
            return Err(session_refused("nothing was paid"));
        };
        if row.status != KioskSessionStatus::Paid {
            return Err(session_refused("the session is not printing"));
        }
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            &principal,
            Action::RunKioskSession,
            &Subject::Terminal(terminal.id),
            "kiosk session"
        );
        let next = if printed {
            KioskSessionRow {
                status: KioskSessionStatus::Printed,
                step: step + 1,
                issued: Some(KioskIssue {
                    pdf: Vec::new(),
                    ..issue.clone()
                }),
                printed_at_us: Some(now),
                changed_at_us: now,
                ..row.clone()
            }
        } else {
            KioskSessionRow {
                step: step + 1,
                print_failures: row.print_failures + 1,
                expires_at_us: now + PRINT_WINDOW_S * 1_000_000,
                changed_at_us: now,
                ..row.clone()
            }
        };
        if !tx.update_kiosk_session(&next, step).await? {
            return Err(session_refused("the session moved on"));
        }
        let organisation = terminal.organisation;
        let record = Record {
            partition: issue.municipality.as_str().to_owned(),
            action: if printed {
                "kiosk-printed"
            } else {
                "kiosk-print-failed"
            },
            person: Some(person),
            purpose: None,
            detail: if printed {
                format!(
                    "session={} terminal={} chain={organisation} document={} copies={} yen={}",
                    row.id, terminal.id, issue.document_code, quote.copies, quote.total_yen
                )
            } else {
                format!(
                    "session={} terminal={} document={} failures={}",
                    row.id, terminal.id, issue.document_code, next.print_failures
                )
            },
        };
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(next)
    }

    /// The document a paid session issued, sent again after a failed print (the same signed
    /// PDF: never a second document, never a second fee). It moves the session on a step (a
    /// replayed request finds it past) and renews the print's window.
    pub async fn kiosk_document(
        &self,
        terminal: &TerminalRow,
        session: &str,
        step: i64,
    ) -> Result<KioskSessionRow, AppError> {
        let principal = Principal::Kiosk(terminal.id);
        self.permit(&principal, Action::RunKioskSession).await?;
        let now = self.clock.now_us();
        let row = self.kiosk_session_at(terminal, session, step, now).await?;
        if row.status != KioskSessionStatus::Paid || row.issued.is_none() {
            return Err(session_refused("no document waits to be printed"));
        }
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            &principal,
            Action::RunKioskSession,
            &Subject::Terminal(terminal.id),
            "kiosk session"
        );
        let next = KioskSessionRow {
            step: step + 1,
            expires_at_us: now + PRINT_WINDOW_S * 1_000_000,
            changed_at_us: now,
            ..row
        };
        if !tx.update_kiosk_session(&next, step).await? {
            return Err(session_refused("the session moved on"));
        }
        tx.commit().await?;
        Ok(next)
    }

    /// Ends the kiosk sessions past their time that nobody came back to (a card forgotten, a
    /// resident who walked away, a print never reported): each ends, the document a paid one
    /// kept is dropped, and a paid one is recorded as never settled (`kiosk-unprinted`: the
    /// kiosk refunds). The server's hourly tick runs it; returns how many ended.
    pub async fn end_idle_kiosk_sessions(&self, principal: &Principal) -> Result<usize, AppError> {
        const BATCH: i64 = 500;
        self.permit(principal, Action::SweepSessions).await?;
        let mut ended = 0;
        loop {
            let now = self.clock.now_us();
            let mut tx = self.store.begin().await?;
            let idle = tx.idle_kiosk_sessions(now, BATCH).await?;
            if idle.is_empty() {
                return Ok(ended);
            }
            let mut records = Vec::new();
            for row in idle {
                let unprinted = row.status == KioskSessionStatus::Paid;
                let next = KioskSessionRow {
                    status: KioskSessionStatus::Ended,
                    issued: row.issued.clone().map(|i| KioskIssue {
                        pdf: Vec::new(),
                        ..i
                    }),
                    changed_at_us: now,
                    ..row.clone()
                };
                if !tx.update_kiosk_session(&next, row.step).await? {
                    continue;
                }
                ended += 1;
                if let (true, Some(person), Some(issue)) = (unprinted, row.person, &row.issued) {
                    records.push(Record {
                        partition: issue.municipality.as_str().to_owned(),
                        action: "kiosk-unprinted",
                        person: Some(person),
                        purpose: None,
                        detail: format!(
                            "session={} terminal={} document={} failures={}",
                            row.id, row.terminal, issue.document_code, row.print_failures
                        ),
                    });
                }
            }
            append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
            tx.commit().await?;
        }
    }

    /// A day's settlement (Japan time): what each chain's terminals printed for each
    /// municipality, sessions, copies and fees; only confirmed prints count. National
    /// auditors and administrators.
    pub async fn kiosk_settlement(
        &self,
        principal: &Principal,
        day: jiff::civil::Date,
    ) -> Result<Vec<SettlementRow>, AppError> {
        self.permit(principal, Action::ReadOrganisations).await?;
        let mut tx = self.store.begin_read().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ReadOrganisations,
            &Subject::Everything,
            "settlement"
        );
        let (from, to) = mynumber_core::dates::japan_day_us(day).ok_or_else(|| {
            AppError::from(
                FieldError::new("date", "problem-date-form").arg("given", day.to_string()),
            )
        })?;
        Ok(tx.kiosk_settlement(from, to).await?)
    }

    /// The session `id` of `terminal`, at `step`, not timed out; else refused alike, so that a
    /// terminal learns nothing about another's sessions.
    async fn kiosk_session_at(
        &self,
        terminal: &TerminalRow,
        id: &str,
        step: i64,
        now: i64,
    ) -> Result<KioskSessionRow, AppError> {
        let mut tx = self.store.begin_lookup().await?;
        let row = tx
            .kiosk_session(id)
            .await?
            .filter(|r| r.terminal == terminal.id)
            .ok_or(AppError::NotFound("kiosk session"))?;
        if row.status == KioskSessionStatus::Ended || row.expires_at_us <= now {
            return Err(session_refused("the session has ended"));
        }
        if row.step != step {
            return Err(session_refused("the step is not the session's"));
        }
        Ok(row)
    }
}

/// A municipality's rule table for kiosks: the one it set, else the standard one.
async fn rules_in(
    tx: &mut dyn crate::ports::ReadTx,
    municipality: MunicipalityCode,
) -> Result<RuleTable, AppError> {
    match tx.kiosk_rules(municipality).await? {
        None => Ok(RuleTable::standard(municipality)),
        Some(text) => RuleTable::parse(municipality, &text).ok_or_else(|| {
            AppError::Unavailable(format!(
                "the kiosk rule table of {} is unreadable",
                municipality.as_str()
            ))
        }),
    }
}

impl App {
    /// A municipality's rule table for kiosks (its documents, fees, hours, closed days): the
    /// one it set, else the standard one. Public: a resident may read what a kiosk charges
    /// and when it issues.
    pub async fn kiosk_rules(
        &self,
        principal: &Principal,
        municipality: MunicipalityCode,
    ) -> Result<RuleTable, AppError> {
        self.permit(principal, Action::ReadPublic).await?;
        let mut tx = self.store.begin_read().await?;
        rules_in(tx.as_mut(), municipality).await
    }

    /// Sets a municipality's rule table for kiosks, checked (`RuleTable::problems`), and
    /// records it in the municipality's partition (`kiosk-rules-set`, with the table's text).
    pub async fn set_kiosk_rules(
        &self,
        principal: &Principal,
        table: &RuleTable,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::SetKioskRules).await?;
        authorize!(
            self,
            (),
            principal,
            Action::SetKioskRules,
            &Subject::Municipality(table.municipality),
            "municipality"
        );
        let problems = table.problems();
        if !problems.is_empty() {
            return Err(AppError::Invalid(mynumber_core::Invalid(problems)));
        }
        let text = table.to_text();
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        tx.set_kiosk_rules(table.municipality, &text, now, &principal.ledger_name())
            .await?;
        let record = Record {
            partition: table.municipality.as_str().to_owned(),
            action: "kiosk-rules-set",
            person: None,
            purpose: None,
            detail: text.lines().skip(1).collect::<Vec<_>>().join(" | "),
        };
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await.map_err(AppError::from)
    }
}
