//! 個人番号の変更 (statutory change of an Individual Number), 番号法第7条第2項 (facts §6).
//!
//! A number is changed only when it has leaked and may be misused: on the person's request,
//! backed by material showing why (施行令第3条第3項), or ex officio by the mayor. A second staff
//! member approves what the first recorded, so no single clerk can re-number a person. The old
//! number becomes a former number (従前の個人番号) and is never issued again.

use std::fmt;

use crate::{FieldError, Invalid, StaffId};

/// Why the change is made.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ChangeGround {
    /// 職権: the mayor acts without a request (e.g. a notification delivered to the wrong
    /// address, a number printed on a document by mistake).
    ExOfficio,
    /// 本人の請求: the person asks, with material showing the leak.
    PersonRequest,
}

crate::codes!(ChangeGround {
    ExOfficio => "ex-officio",
    PersonRequest => "person-request",
});

/// Where a change request stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ChangeStatus {
    /// Approved: the new number was issued.
    Approved,
    /// Refused by the second staff member.
    Rejected,
    /// Recorded, awaiting a second staff member.
    Requested,
}

crate::codes!(ChangeStatus {
    Approved => "approved",
    Rejected => "rejected",
    Requested => "requested",
});

/// A request as recorded, validated.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ChangeRequest {
    ground: ChangeGround,
    reason: String,
    evidence: Option<String>,
}

/// A decision the request's state or the actor does not allow.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum DecisionRefused {
    /// The request was already decided.
    AlreadyDecided(ChangeStatus),
    /// The staff member who recorded the request may not also decide it.
    SameStaff,
    /// The decider acts with a credential that passed through the requester's hands: the
    /// requester created the account, or issued the token or one it descends from, and so may
    /// hold it. Four eyes need a second person, not a second account.
    ControlledByRequester,
    /// The decider's account was created by the requester after the request: a second
    /// account made for the purpose, whoever issued its token since.
    CreatedByRequester,
}

/// Who decides a number change, as the four-eyes rule sees them.
#[derive(Clone, Copy, Debug)]
pub struct Decider<'a> {
    /// The staff member.
    pub id: StaffId,
    /// Every staff member whose credential lies on the chain that issued the one presented,
    /// the decider's own first.
    pub lineage: &'a [StaffId],
    /// Whether the requester created the decider's account after the request.
    pub created_by_requester_since: bool,
}

impl fmt::Display for DecisionRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AlreadyDecided(s) => write!(f, "the number change request is already {}", s.code()),
            Self::SameStaff => f.write_str(
                "the staff member who recorded a number change request may not decide it; a second staff member must",
            ),
            Self::CreatedByRequester => f.write_str(
                "the deciding staff member's account was created by the requester after the request; a second person must decide",
            ),
            Self::ControlledByRequester => f.write_str(
                "the deciding staff member's token was issued through the requester's, so the requester may hold it; a second person must decide, with a token another administrator issued",
            ),
        }
    }
}

impl ChangeStatus {
    /// Checks that `decider` may decide a request in this state recorded by `requester`.
    /// `lineage` is every staff member whose credential lies on the chain that issued the
    /// decider's (番号法第7条第2項 asks for a decision, and two staff members make it one only
    /// if they are two people).
    pub fn check_decision(
        self,
        requester: StaffId,
        decider: &Decider<'_>,
    ) -> Result<(), DecisionRefused> {
        let Decider {
            id: decider,
            lineage,
            created_by_requester_since,
        } = *decider;
        if self != Self::Requested {
            return Err(DecisionRefused::AlreadyDecided(self));
        }
        if requester == decider {
            return Err(DecisionRefused::SameStaff);
        }
        if created_by_requester_since {
            return Err(DecisionRefused::CreatedByRequester);
        }
        if lineage.contains(&requester) {
            return Err(DecisionRefused::ControlledByRequester);
        }
        Ok(())
    }
}

impl ChangeRequest {
    /// Validates a request: the reason (the leak and the risk of misuse) is always required;
    /// a person's request also needs the evidence offered (施行令第3条第3項).
    pub fn validate(ground: &str, reason: &str, evidence: Option<&str>) -> Result<Self, Invalid> {
        let mut errors = Vec::new();
        let ground = ChangeGround::parse_field("ground", ground)
            .map_err(|e| errors.push(e))
            .ok();
        let reason = crate::text::clean("reason", reason, 1000)
            .map_err(|e| errors.push(e))
            .ok()
            .unwrap_or_default();
        if reason.is_empty() && !errors.iter().any(|e| e.field == "reason") {
            errors.push(FieldError::new(
                "reason",
                "problem-required-how-number-leaked",
            ));
        }
        let evidence = crate::text::optional("evidence", evidence, 1000)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        if ground == Some(ChangeGround::PersonRequest) && evidence.is_none() {
            errors.push(FieldError::new(
                "evidence",
                "problem-required-person-s-request",
            ));
        }
        match ground {
            Some(ground) if errors.is_empty() => Ok(Self {
                ground,
                reason,
                evidence,
            }),
            _ => Err(Invalid(errors)),
        }
    }

    /// Rebuilds a stored request (validated when it was recorded).
    pub fn from_stored(ground: ChangeGround, reason: String, evidence: Option<String>) -> Self {
        Self {
            ground,
            reason,
            evidence,
        }
    }

    /// The ground.
    pub fn ground(&self) -> ChangeGround {
        self.ground
    }
    /// The reason.
    pub fn reason(&self) -> &str {
        &self.reason
    }
    /// The evidence offered.
    pub fn evidence(&self) -> Option<&str> {
        self.evidence.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;

    #[test]
    fn requests_need_a_reason_and_a_person_needs_evidence() {
        assert!(ChangeRequest::validate("ex-officio", "通知書の誤送付", None).is_ok());
        expect!["evidence: is required for a person's request: the material offered to show the leak (施行令第3条第3項)"]
            .assert_eq(&ChangeRequest::validate("person-request", "勤務先からの漏えい", None).unwrap_err().to_string());
        expect!["ground: must be one of: ex-officio, person-request; reason: is required: how the number leaked and why misuse is feared (番号法第7条第2項)"]
            .assert_eq(&ChangeRequest::validate("whim", " ", None).unwrap_err().to_string());
    }

    #[test]
    fn a_second_staff_member_decides_once() {
        let a = StaffId::from_random([1; 16]);
        let b = StaffId::from_random([2; 16]);
        fn d(id: StaffId, lineage: &[StaffId]) -> Decider<'_> {
            Decider {
                id,
                lineage,
                created_by_requester_since: false,
            }
        }
        assert_eq!(
            ChangeStatus::Requested.check_decision(a, &d(a, &[a])),
            Err(DecisionRefused::SameStaff)
        );
        assert!(
            ChangeStatus::Requested
                .check_decision(a, &d(b, &[b]))
                .is_ok()
        );
        // b's token was issued by a (or by someone a issued one to): a may hold it.
        assert_eq!(
            ChangeStatus::Requested.check_decision(a, &d(b, &[b, a])),
            Err(DecisionRefused::ControlledByRequester)
        );
        // An account the requester made after the request, whatever its token's history.
        assert_eq!(
            ChangeStatus::Requested.check_decision(
                a,
                &Decider {
                    id: b,
                    lineage: &[b],
                    created_by_requester_since: true
                }
            ),
            Err(DecisionRefused::CreatedByRequester)
        );
        assert_eq!(
            ChangeStatus::Approved
                .check_decision(a, &d(b, &[b]))
                .unwrap_err()
                .to_string(),
            "the number change request is already approved"
        );
    }
}
