//! Asking the policy and recording its answer. Every use case names its action and subject
//! and asks [`App::decide`] through [`authorize!`]; a refusal ends the use case's transaction
//! without keeping anything, is recorded in a transaction of its own, and becomes the error.
//! Reads of personal data are recorded with [`read`], in the transaction that reads, or (for
//! a search, which must not queue behind writers) by [`App::record`] before anything is shown.

use mynumber_core::{
    Action, Decision, Denied, Extent, MunicipalityCode, PersonId, Principal, RecordScope, Subject,
};

use crate::ledger::{Record, append};
use crate::load::History;
use crate::{App, AppError, VersionRow};

/// A refusal on its way to the ledger and the caller.
#[derive(Clone, Debug)]
pub(crate) struct Refusal {
    pub(crate) denied: Denied,
    action: Action,
    actor: String,
    partition: String,
    /// Whose record was asked for, and where it is kept: the refusal is recorded there too,
    /// so that the person's municipality (and the person, in the portal) sees the attempt.
    person: Option<(PersonId, MunicipalityCode)>,
    /// What a refusal for being out of scope answers as: exactly what a missing one answers.
    missing: &'static str,
    /// Whether the subject was a record, present or missing: then being out of scope answers
    /// as not found.
    record: bool,
}

impl Refusal {
    /// Answers as a missing record when out of scope, though the subject was not a record:
    /// where naming it would tell something about a person (a transfer-in awaited elsewhere).
    pub(crate) fn answered_as_missing(mut self) -> Self {
        self.record = true;
        self
    }
}

/// Asks the policy whether `$principal` may do `$action` to `$subject`. On a refusal the
/// transaction `$tx` is dropped (nothing it did is kept), the attempt is recorded, and the
/// use case returns the error; otherwise the macro gives the [`Extent`] allowed. `$missing`
/// names the subject as a not-found answer would (`"resident"`): a subject out of the
/// principal's scope answers exactly as a missing one.
macro_rules! authorize {
    ($app:expr, $tx:expr, $principal:expr, $action:expr, $subject:expr, $missing:expr) => {
        match $app.decide($principal, $action, $subject, $missing) {
            Ok(extent) => extent,
            Err(refusal) => return Err($app.refuse($tx, refusal).await),
        }
    };
}
pub(crate) use authorize;

impl App {
    /// The policy's decision, as a result.
    pub(crate) fn decide(
        &self,
        principal: &Principal,
        action: Action,
        subject: &Subject,
        missing: &'static str,
    ) -> Result<Extent, Refusal> {
        match mynumber_core::decide(principal, action, subject) {
            Decision::Allow(extent) => Ok(extent),
            Decision::Deny(denied) => Err(Refusal {
                denied,
                action,
                actor: principal.ledger_name(),
                partition: principal.partition(),
                person: match subject {
                    Subject::Record(r) => Some((r.person, r.current)),
                    _ => None,
                },
                missing,
                record: matches!(subject, Subject::Record(_) | Subject::Missing),
            }),
        }
    }

    /// Whether `principal` may do `action` at all, asked before anything is loaded (by the use
    /// cases, and by the HTTP doors before a body is read), so that a
    /// principal refused by role learns nothing from whether the subject exists. A refusal is
    /// recorded.
    pub async fn permit(&self, principal: &Principal, action: Action) -> Result<(), AppError> {
        match mynumber_core::permits(principal, action) {
            Ok(()) => Ok(()),
            Err(denied) => Err(self
                .refuse(
                    (),
                    Refusal {
                        denied,
                        action,
                        actor: principal.ledger_name(),
                        partition: principal.partition(),
                        person: None,
                        missing: "resource",
                        record: false,
                    },
                )
                .await),
        }
    }

    /// Records `reads` in a write transaction of their own (shared with other callers' at the
    /// same moment: `ledger::Recorder`), for a use case that read in a read-only one: the
    /// caller returns what it read only once this has committed, so nothing is shown
    /// unrecorded.
    pub(crate) async fn record(
        &self,
        principal: &Principal,
        reads: Vec<Record>,
    ) -> Result<(), AppError> {
        if reads.is_empty() {
            return Ok(());
        }
        self.recorder
            .record(
                self.store.as_ref(),
                self.clock.as_ref(),
                principal.ledger_name(),
                reads,
            )
            .await
    }

    /// Ends `tx` without keeping anything, records the refusal in a transaction of its own, and
    /// returns the error the caller sees. Should recording fail, the caller still gets the
    /// refusal (and the failure is logged): a refusal is never turned into success.
    pub(crate) async fn refuse<T: Send>(&self, tx: T, refusal: Refusal) -> AppError {
        drop(tx);
        let detail = format!(
            "action={} reason={}",
            refusal.action.code(),
            refusal.denied.code()
        );
        let mut records = vec![Record {
            partition: refusal.partition.clone(),
            action: "access-denied",
            person: None,
            purpose: None,
            detail: detail.clone(),
        }];
        if let Some((person, municipality)) = refusal.person {
            records.push(Record {
                partition: municipality.as_str().to_owned(),
                action: "access-refused",
                person: Some(person),
                purpose: None,
                detail,
            });
        }
        let written = async {
            let mut tx = self.store.begin().await?;
            append(tx.as_mut(), &refusal.actor, self.clock.now_us(), records).await?;
            tx.commit().await?;
            Ok::<_, AppError>(())
        }
        .await;
        if let Err(e) = written {
            tracing::error!(error = %e, "recording a refusal failed");
        }
        match refusal.denied {
            // A record out of scope answers exactly as a missing one.
            Denied::OutOfScope { .. } if refusal.record => AppError::NotFound(refusal.missing),
            denied => AppError::Denied(denied),
        }
    }
}

/// Loads what a use case acts on; if it is missing, the answer is the one a record out of the
/// principal's scope would get, with the same ledger entry (`App::missing`). Use it for every
/// subject a principal names, so that the ledger is no oracle either.
macro_rules! found {
    ($app:expr, $tx:expr, $principal:expr, $action:expr, $load:expr) => {{
        let loaded = $load.await;
        match loaded {
            Err($crate::AppError::NotFound(missing)) => {
                return Err($app.missing($tx, $principal, $action, missing).await);
            }
            other => other?,
        }
    }};
}
pub(crate) use found;

impl App {
    /// What asking for a missing subject answers: for a principal whose scope is one
    /// municipality, the refusal a record held elsewhere gets, recorded the same way in their
    /// own partition; for one of national scope, not found.
    pub(crate) async fn missing<T: Send>(
        &self,
        tx: T,
        principal: &Principal,
        action: Action,
        missing: &'static str,
    ) -> AppError {
        match self.decide(principal, action, &Subject::Missing, missing) {
            Ok(_) => AppError::NotFound(missing),
            Err(refusal) => self.refuse(tx, refusal).await,
        }
    }
}

/// The scope of a record for the policy: whose, where it is kept now, and every municipality
/// that recorded a version of it.
pub(crate) fn record_scope(history: &History) -> Subject {
    let mut recorded_by: Vec<MunicipalityCode> = Vec::new();
    for v in &history.versions {
        let m = v.resident.record.municipality();
        if !recorded_by.contains(&m) {
            recorded_by.push(m);
        }
    }
    Subject::Record(RecordScope {
        person: history.person.id,
        current: history.current().resident.record.municipality(),
        recorded_by,
    })
}

/// The scope of a record known by its current municipality (no history loaded): enough for
/// every action but reading the history.
pub(crate) fn current_scope(person: PersonId, current: MunicipalityCode) -> Subject {
    Subject::Record(RecordScope {
        person,
        current,
        recorded_by: vec![current],
    })
}

/// The versions an extent lets a principal see: all, or those one municipality recorded.
pub(crate) fn visible(versions: Vec<VersionRow>, extent: Extent) -> Vec<VersionRow> {
    match extent {
        Extent::Whole => versions,
        Extent::RecordedBy(m) => versions
            .into_iter()
            .filter(|v| v.resident.record.municipality() == m)
            .collect(),
    }
}

/// The ledger record of reading a person's data: `what` was read (`record`, `cards`,
/// `certificates`, …), in the partition of the municipality whose data it is.
pub(crate) fn read(
    person: PersonId,
    municipality: MunicipalityCode,
    what: &str,
    detail: &str,
) -> Record {
    Record {
        partition: municipality.as_str().to_owned(),
        action: "record-read",
        person: Some(person),
        purpose: None,
        detail: if detail.is_empty() {
            format!("what={what}")
        } else {
            format!("what={what} {detail}")
        },
    }
}
