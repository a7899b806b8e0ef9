//! The lost-card line (個人番号カードコールセンター): a caller found from what they state, and
//! their card suspended on the same call, each call recorded (issue 11; facts §7,
//! outside-world §4.5; docs/design/call-center.md).

use std::collections::HashSet;

use jiff::civil::Date;
use mynumber_core::call::{CALL_LANGUAGES, Caller, Claim, Outcome, identify, police_report};
use mynumber_core::card::{CardEvent, CardStatus};
use mynumber_core::{Action, FieldError, Principal, StaffId, Subject};

use crate::access::{authorize, current_scope, found, read};
use crate::ledger::{Record, append};
use crate::load;
use crate::{App, AppError, CallRow, SearchQuery};

/// How long after the caller was found their card may be suspended on the call: a call left
/// open on a screen is not a warrant for later. **Choice** (docs/design/call-center.md).
pub const CALL_OPEN_MINUTES: i64 = 30;

/// How many checks that matched nobody (or several) an operator may make in an hour.
/// **Choice** (docs/design/call-center.md): a caller misremembers now and then; twenty misses
/// in an hour is probing.
pub const UNMATCHED_CALLS_PER_HOUR: i64 = 20;

/// The most records one stated name and birth date may bring up to compare (per word of the
/// name). In a register of 120 million, one birth date holds about 3,300 people; a name's
/// prefix narrows them to a handful.
const CANDIDATES: i64 = 200;

/// A call as the operator's screen shows it: never the caller's record, only the state of the
/// cards of the one record that answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The call's id (hex).
    pub id: String,
    /// The language of the call.
    pub language: &'static str,
    /// Who called, as they said.
    pub caller: Caller,
    /// What it ended in (so far).
    pub outcome: Outcome,
    /// The cards of the record that answered, newest first (none when none or several did).
    pub cards: Vec<CallCard>,
    /// When the caller was looked up (µs).
    pub opened_at_us: i64,
    /// When the call was closed (µs).
    pub closed_at_us: Option<i64>,
}

/// One card of the caller, as much as the operator needs: whether it can be suspended (not
/// its kind: a face-recognition card hints at the holder's health).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallCard {
    /// Where it stands.
    pub status: CardStatus,
    /// Its expiry, so the caller can tell an old card from the new one.
    pub expiry: Date,
}

impl App {
    /// Opens a call: finds the one current record that answers to what the caller stated, on
    /// the operator's whole scope (a national operator: every municipality), and records the
    /// call. Only a record that answers is read, and its reading is recorded; the others the
    /// search compared are never shown.
    pub async fn open_call(
        &self,
        principal: &Principal,
        language: &str,
        caller: &str,
        claim: &Claim,
    ) -> Result<Call, AppError> {
        self.permit(principal, Action::IdentifyCaller).await?;
        let mut errors = Vec::new();
        let language = CALL_LANGUAGES
            .iter()
            .copied()
            .find(|l| *l == language.trim());
        if language.is_none() {
            errors.push(
                FieldError::new("language", "problem-one-of")
                    .arg("codes", CALL_LANGUAGES.join(", ")),
            );
        }
        let caller = Caller::parse_field("caller", caller).map_err(|e| errors.push(e));
        let (Some(language), Ok(caller)) = (language, caller) else {
            return Err(AppError::Invalid(mynumber_core::Invalid(errors)));
        };
        let operator = operator(principal)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        // Checks that match nobody are how a register is probed (every birth date for a known
        // name and address): an operator gets a bounded number an hour, and hitting the bound
        // is in the ledger for the auditors.
        let unmatched = tx
            .unmatched_calls_since(operator, now - 3_600_000_000)
            .await?;
        if unmatched >= UNMATCHED_CALLS_PER_HOUR {
            append(
                tx.as_mut(),
                &principal.ledger_name(),
                now,
                vec![Record {
                    partition: principal.partition(),
                    action: "card-call-limited",
                    person: None,
                    purpose: None,
                    detail: format!("unmatched-last-hour={unmatched}"),
                }],
            )
            .await?;
            tx.commit().await?;
            return Err(FieldError::new("call", "problem-call-limited")
                .arg("count", unmatched)
                .into());
        }
        let municipality = principal.municipality();
        let scope = municipality.map_or(Subject::Everything, Subject::Municipality);
        authorize!(
            self,
            tx,
            principal,
            Action::IdentifyCaller,
            &scope,
            "resident"
        );
        // The stated name as a whole, and each of its words (a Latin name said in another
        // order), each with the date of birth: the candidates the claim is compared with.
        let mut names = vec![claim.name().to_owned()];
        for word in claim.name().split_whitespace() {
            // A word of one letter finds too much to be worth a search; four words are more
            // than any name has.
            if names.len() < 5
                && mynumber_core::search::fold(word).chars().count() >= 2
                && !names.iter().any(|n| n == word)
            {
                names.push(word.to_owned());
            }
        }
        let mut candidates = Vec::new();
        let mut seen = HashSet::new();
        for name in names {
            let query = SearchQuery {
                name,
                birth_date: Some(claim.birth_date()),
                municipality,
                limit: CANDIDATES,
            };
            for row in tx.search(&query).await? {
                if seen.insert(row.person.id) {
                    candidates.push(row);
                }
            }
        }
        let id = hex::encode(self.random_bytes::<16>());
        let found = identify(claim, &candidates, |r| &r.version.resident.record);
        let (person, outcome, cards, mut records) = match found {
            Ok(row) => {
                let kept_by = row.version.resident.record.municipality();
                authorize!(
                    self,
                    tx,
                    principal,
                    Action::IdentifyCaller,
                    &current_scope(row.person.id, kept_by),
                    "resident"
                );
                let cards = tx.cards_of(row.person.id).await?;
                let reading = read(
                    row.person.id,
                    kept_by,
                    "card-status",
                    &format!("via=call call={id}"),
                );
                (
                    Some((row.person.id, kept_by)),
                    Outcome::Identified,
                    cards,
                    vec![reading],
                )
            }
            Err(outcome) => {
                // Several records answered: none is shown, but each was matched against what
                // a caller said, and its person may ask who did that.
                let matched = candidates
                    .iter()
                    .filter(|r| claim.matches(&r.version.resident.record))
                    .map(|r| {
                        read(
                            r.person.id,
                            r.version.resident.record.municipality(),
                            "identity-match",
                            &format!("via=call call={id}"),
                        )
                    })
                    .collect();
                (None, outcome, Vec::new(), matched)
            }
        };
        records.push(Record {
            partition: person.map_or_else(|| principal.partition(), |(_, m)| m.as_str().to_owned()),
            action: "card-call",
            person: person.map(|(p, _)| p),
            purpose: None,
            detail: format!(
                "call={id} outcome={} language={language} caller={}",
                outcome.code(),
                caller.code()
            ),
        });
        let row = CallRow {
            id,
            operator,
            language: language.to_owned(),
            caller,
            person: person.map(|(p, _)| p),
            outcome,
            police_report: None,
            card_serial: None,
            opened_at_us: now,
            closed_at_us: None,
        };
        tx.insert_call(&row).await?;
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(view(&row, language, &cards))
    }

    /// Suspends the card in use of the caller found on an open call of this operator's, with
    /// its certificates (the authentication certificate on hold, the signature certificate
    /// revoked, facts §7), and closes the call with the police report's receipt number if the
    /// caller gave one. One transaction.
    pub async fn suspend_on_call(
        &self,
        principal: &Principal,
        call_id: &str,
        police: &str,
    ) -> Result<Call, AppError> {
        self.permit(principal, Action::SuspendCard).await?;
        let police = police_report(police)?;
        let operator = operator(principal)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let mut call = own_call(tx.as_mut(), operator, call_id).await?;
        let language = call_language(&call);
        // Closed already (a second click, another tab): nothing more to do on it.
        if call.closed_at_us.is_some() {
            return Err(AppError::Conflict);
        }
        let Some(person) = call.person.filter(|_| call.outcome == Outcome::Identified) else {
            return Err(FieldError::new("call", "problem-caller-was-identified-call").into());
        };
        if now - call.opened_at_us > CALL_OPEN_MINUTES * 60_000_000 {
            return Err(FieldError::new("call", "problem-call-expired")
                .arg("minutes", CALL_OPEN_MINUTES)
                .into());
        }
        let version = found!(
            self,
            tx,
            principal,
            Action::SuspendCard,
            load::current_version(tx.as_mut(), person)
        );
        let kept_by = version.resident.record.municipality();
        authorize!(
            self,
            tx,
            principal,
            Action::SuspendCard,
            &current_scope(person, kept_by),
            "card"
        );
        let mut cards = tx.cards_of(person).await?;
        let mut records = Vec::new();
        let mut suspended = None;
        for card in cards.iter_mut().filter(|c| c.status == CardStatus::Active) {
            records.push(
                self.step_in(
                    tx.as_mut(),
                    card,
                    CardEvent::Suspend,
                    format!("call={}", call.id),
                    now,
                )
                .await?,
            );
            let certs = self.card_certificates(tx.as_mut(), card).await?;
            records.extend(
                self.suspend_in(tx.as_mut(), certs, now)
                    .await?
                    .into_iter()
                    .map(|(_, r)| r),
            );
            suspended.get_or_insert_with(|| card.serial.clone());
        }
        if suspended.is_none() {
            return Err(FieldError::new("card", "problem-caller-card-use-suspended").into());
        }
        call.outcome = Outcome::Suspended;
        call.police_report = police;
        call.card_serial = suspended;
        call.closed_at_us = Some(now);
        if !tx.close_call(&call).await? {
            return Err(AppError::Conflict);
        }
        records.push(Record {
            partition: kept_by.as_str().to_owned(),
            action: "card-call",
            person: Some(person),
            purpose: None,
            // Whether a police report was given, not its number: the call's record keeps that.
            detail: format!(
                "call={} outcome=suspended police_report={}",
                call.id,
                if call.police_report.is_some() {
                    "given"
                } else {
                    "none"
                }
            ),
        });
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(view(&call, language, &cards))
    }

    /// One of this operator's calls, for its next-steps sheet: what it ended in and its
    /// language, nothing of the record (so nothing is read).
    pub async fn call(&self, principal: &Principal, call_id: &str) -> Result<Call, AppError> {
        self.permit(principal, Action::IdentifyCaller).await?;
        let operator = operator(principal)?;
        let mut tx = self.store.begin_read().await?;
        let row = match tx.call(call_id.trim()).await? {
            Some(row) if row.operator == operator => row,
            _ => return Err(AppError::NotFound("call")),
        };
        Ok(view(&row, call_language(&row), &[]))
    }
}

/// The staff member taking the call.
fn operator(principal: &Principal) -> Result<StaffId, AppError> {
    principal
        .staff()
        .map(|s| s.id)
        .ok_or(AppError::Unauthenticated)
}

/// A call of this operator's: another's is as missing as one that does not exist.
async fn own_call(
    tx: &mut dyn crate::Tx,
    operator: StaffId,
    id: &str,
) -> Result<CallRow, AppError> {
    match tx.call(id.trim()).await? {
        Some(row) if row.operator == operator => Ok(row),
        _ => Err(AppError::NotFound("call")),
    }
}

fn call_language(row: &CallRow) -> &'static str {
    CALL_LANGUAGES
        .iter()
        .copied()
        .find(|l| *l == row.language)
        .unwrap_or("ja")
}

fn view(row: &CallRow, language: &'static str, cards: &[crate::CardRow]) -> Call {
    Call {
        id: row.id.clone(),
        language,
        caller: row.caller,
        outcome: row.outcome,
        cards: cards
            .iter()
            .map(|c| CallCard {
                status: c.status,
                expiry: c.expiry,
            })
            .collect(),
        opened_at_us: row.opened_at_us,
        closed_at_us: row.closed_at_us,
    }
}
