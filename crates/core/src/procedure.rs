//! 届出 (procedures) on a resident record: each appends a new version, none overwrites one.
//!
//! Registration (出生, 転入, a foreign resident's first registration), 転居 (address change in the
//! municipality), 転入 of a registered person from another municipality, name change, period of
//! stay change, 転出 (domestic or abroad) and death. A removed record stays as history (除票).

use std::fmt;

use jiff::civil::Date;

use crate::resident::{validate_foreign, validate_name};
use crate::{
    Address, ForeignInput, HouseholdId, IndividualNumber, Invalid, MunicipalityCode, NameInput,
    Relationship, ResidentCode, ResidentRecord,
};

/// How a new person enters the register.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Registration {
    /// 出生届.
    Birth,
    /// A foreign resident's first registration on entering Japan (住民基本台帳法第30条の46).
    ForeignFirstRegistration,
    /// A load of residents from a file, each given a new resident record code and number (a
    /// register started afresh, or test data).
    Import,
    /// 転入届 from abroad (国外からの転入), or of a person with no record anywhere in this system.
    /// A person returning with the code and number they held keeps them ([`CarriedIdentity`]);
    /// one who never had them is given new ones. For express issuance it is a new registration
    /// (facts §2.7: "persons moving in from abroad").
    MoveIn,
    /// 転入届 with the 転出証明書 of a municipality outside this deployment: a move within Japan.
    /// The certificate carries the person's resident record code and number, which they keep
    /// ([`CarriedIdentity`], required). The person was a resident before, so for express
    /// issuance it is not a new registration (facts §2.7, issue 10).
    MoveInWithCertificate,
    /// 移行: a municipality's existing register moved in from its previous system, each resident
    /// keeping the resident record code and number they hold ([`CarriedIdentity`]).
    Migration,
}

crate::codes!(Registration {
    Birth => "birth",
    ForeignFirstRegistration => "foreign-first-registration",
    Import => "import",
    MoveIn => "move-in",
    MoveInWithCertificate => "move-in-with-certificate",
    Migration => "migration",
});

/// The 住民票コード and 個人番号 a person already holds, carried into this register instead of
/// new ones: from the previous system's register (移行), or from the 転出証明書 of a municipality
/// outside this deployment. A number is for life: moving does not change it (facts §1.3), so
/// these are recorded as given, never drawn again.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CarriedIdentity {
    /// 住民票コード, checked for form only (its official check digit is not public).
    pub resident_code: ResidentCode,
    /// 個人番号, check digit checked.
    pub number: IndividualNumber,
}

impl fmt::Debug for CarriedIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Printing a number is reading it: `IndividualNumber`'s own Debug masks it.
        f.debug_struct("CarriedIdentity")
            .field("resident_code", &self.resident_code)
            .field("number", &self.number)
            .finish()
    }
}

impl CarriedIdentity {
    /// Checks the two as typed or read from a file. The errors never repeat the number.
    pub fn parse(resident_code: &str, number: &str) -> Result<Self, Invalid> {
        let code = ResidentCode::parse(resident_code)
            .map_err(|e| crate::FieldError::from_number("resident_code", &e));
        let number = IndividualNumber::parse(number)
            .map_err(|e| crate::FieldError::from_number("individual_number", &e));
        match (code, number) {
            (Ok(resident_code), Ok(number)) => Ok(Self {
                resident_code,
                number,
            }),
            (code, number) => Err(Invalid(
                [code.err(), number.err()].into_iter().flatten().collect(),
            )),
        }
    }
}

/// Where a person who moves out goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Destination {
    /// 国外転出.
    Abroad,
    /// 転出 to another municipality in Japan: the 転出届 states it (住民基本台帳法第24条), and
    /// only that municipality records the transfer-in.
    Domestic {
        /// The municipality moved to.
        to: MunicipalityCode,
        /// 特例転出 (住民基本台帳法第24条の2): filed with the My Number Card instead of taking a
        /// paper 転出証明書; the transfer-in then needs the card presented (特例転入).
        with_card: bool,
    },
}

/// Why a record was removed (除票).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RemovalReason {
    /// 死亡.
    Died,
    /// 国外転出.
    MovedAbroad,
    /// 転出 within Japan.
    MovedOut,
    /// 職権消除: a foreign resident's period of stay ended with no extension granted, the
    /// 特例期間 included (issue 10; facts §10).
    StayEnded,
}

crate::codes!(RemovalReason {
    Died => "died",
    MovedAbroad => "moved-abroad",
    MovedOut => "moved-out",
    StayEnded => "stay-ended",
});

/// How long past the period of stay an application to extend it keeps the person lawfully
/// resident while it awaits a decision: the 特例期間 of 出入国管理及び難民認定法第20条第6項,
/// until the decision or two months after the period's end, whichever comes first (facts §10).
pub const SPECIAL_PERIOD_MONTHS: i8 = 2;

/// The day a foreign resident's record is removed ex officio (職権消除) because the period of
/// stay ended (issue 10; facts §10), if it ended by `today`: the day after the period of stay;
/// with an application to extend it filed within the period, the day after the 特例期間.
/// `None` while the stay, or its special period, runs.
pub fn stay_lapsed(foreign: &crate::ForeignStatus, today: Date) -> Option<Date> {
    let last = stay_reaches(foreign)?;
    (today > last).then(|| last.tomorrow().unwrap_or(last))
}

/// The last day a foreign resident may stay as recorded: the end of the period of stay, or,
/// with an application to extend it filed within the period, of the 特例期間 after it (at the
/// latest; a decision may end it sooner, and is recorded as a new period). `None` for an
/// indefinite status.
pub fn stay_reaches(foreign: &crate::ForeignStatus) -> Option<Date> {
    let until = foreign.period_of_stay_until()?;
    Some(match foreign.extension_applied_on() {
        Some(applied) if applied <= until => until
            .checked_add(jiff::Span::new().months(SPECIAL_PERIOD_MONTHS))
            .unwrap_or(until),
        _ => until,
    })
}

/// Whether a record is current or history.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RecordStatus {
    /// The person lives in the municipality.
    Active,
    /// 除票: removed on `on` for `reason`.
    Removed {
        /// Why.
        reason: RemovalReason,
        /// Effective date.
        on: Date,
        /// For a move-out within Japan: where to (`None` on records from before the
        /// destination was kept), and whether it was the special move-out with the card.
        moved_to: Option<MovedTo>,
    },
}

/// How many days before its planned date (転出予定日) a move-out may be filed (issue 10).
/// **Choice** (docs/design/registry.md): the facts give no bound; municipal counters take the
/// 転出届 about two weeks ahead, and a longer lead would leave a record removed long before
/// its holder leaves.
pub const MOVE_OUT_FILED_AHEAD_DAYS: i64 = 14;

/// Where a domestic move-out (転出) went, as filed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MovedTo {
    /// The municipality moved to.
    pub municipality: MunicipalityCode,
    /// 特例転出: filed with the card (住民基本台帳法第24条の2).
    pub with_card: bool,
}

/// A procedure on an existing record, with the data it brings.
#[derive(Clone, Debug)]
pub enum Change {
    /// 転居: a new address in the same municipality.
    AddressChange {
        /// The new address.
        address: Address,
        /// The household the person joins (or the same one).
        household: HouseholdId,
        /// 続柄 in that household.
        relationship: Relationship,
    },
    /// 死亡.
    Death,
    /// 転出: leaving the municipality.
    MoveOut(Destination),
    /// A new name (marriage, adoption, a foreign resident's new name or alias).
    NameChange(NameInput),
    /// The language the person wants their letters in, set by the person (issue 14's portal
    /// action). Not a 住民票 item (住民基本台帳法第7条 lists none): the register keeps it so
    /// that every letter's second language follows it, and a new version keeps when it changed.
    LanguageChange(crate::Language),
    /// 在留期間更新 or 在留資格変更: a new status and period of stay.
    PeriodOfStayChange(ForeignInput),
    /// 在留期間更新等の申請: an application to extend the stay or change the status was filed
    /// within the period of stay; the 特例期間 follows while it awaits a decision.
    StayExtensionApplied,
    /// 職権消除: the period of stay ended, its special period included (`stay_lapsed`).
    StayEnded,
    /// 転入 of a person already registered in another municipality, or back from abroad.
    TransferIn {
        /// The address in the new municipality.
        address: Address,
        /// The household joined there.
        household: HouseholdId,
        /// 続柄 in that household.
        relationship: Relationship,
        /// Whether the person presented their My Number Card (checked by the caller against
        /// the register): a special move-out (特例転出) is completed only with it (特例転入).
        card_presented: bool,
    },
}

/// A resident record version's content and status.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Resident {
    /// The record's items.
    pub record: ResidentRecord,
    /// Active or removed.
    pub status: RecordStatus,
}

/// A procedure the record's state does not allow.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Refused {
    /// The record's state, e.g. `removed (died on 2025-01-01)`.
    pub state: String,
    /// The procedure refused.
    pub procedure: &'static str,
    /// Why, in a sentence.
    pub reason: String,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} refused: the record is {}; {}",
            self.procedure, self.state, self.reason
        )
    }
}

/// A change that could not be applied: invalid data, or not allowed in the current state.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum ChangeError {
    /// The data is invalid.
    Invalid(Invalid),
    /// The state does not allow it.
    Refused(Refused),
}

/// 住民となった日 (the day the person became a resident of the municipality they live in now):
/// the effective date of the newest version that began that residence, a birth, a move-in, a
/// foreign resident's first registration or a transfer-in. `history` is every version's
/// procedure code and effective date, oldest first. `None` when the history does not show it:
/// a record loaded from a file (`import`, `migration`) carries no such date, and printing the
/// day of the load instead would certify something false.
pub fn became_resident<'a>(history: impl IntoIterator<Item = (&'a str, Date)>) -> Option<Date> {
    history
        .into_iter()
        .filter(|(procedure, _)| {
            matches!(
                Registration::parse(procedure),
                Some(
                    Registration::Birth
                        | Registration::ForeignFirstRegistration
                        | Registration::MoveIn
                        | Registration::MoveInWithCertificate
                )
            ) || *procedure == "transfer-in"
        })
        .map(|(_, on)| on)
        .last()
}

/// A deadline a transfer-in (転入届) was filed after. facts §2.8: the move-in is filed within
/// 14 days of moving in, and within 30 days of the planned move-out date. A late filing is
/// still recorded, as at a real counter, and flagged for the municipality to follow up
/// (issue 10); it is never refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Overdue {
    /// Filed more than 14 days after moving in.
    FiledAfter14Days,
    /// Filed more than 30 days after the move-out date.
    FiledAfter30DaysFromMoveOut,
}

crate::codes!(Overdue {
    FiledAfter14Days => "filed-after-14-days",
    FiledAfter30DaysFromMoveOut => "filed-after-30-days-from-move-out",
});

/// The deadlines a transfer-in that took effect (moving in) on `moved_in_on`, filed on
/// `filed_on`, missed; `moved_out_on` is the move-out's date where the register has it.
pub fn transfer_in_overdue(
    moved_out_on: Option<Date>,
    moved_in_on: Date,
    filed_on: Date,
) -> Vec<Overdue> {
    let after = |day: Date, days: i64| {
        day.checked_add(jiff::Span::new().days(days))
            .is_ok_and(|limit| filed_on > limit)
    };
    let mut out = Vec::new();
    if after(moved_in_on, 14) {
        out.push(Overdue::FiledAfter14Days);
    }
    if moved_out_on.is_some_and(|d| after(d, 30)) {
        out.push(Overdue::FiledAfter30DaysFromMoveOut);
    }
    out
}

/// The day a person newly became a resident in the sense of express issuance (facts §2.7:
/// "persons moving in from abroad", "newly registered" foreign residents, "persons newly
/// registered for other reasons"): a birth, a foreign resident's first registration or a
/// move-in from abroad. A transfer-in between municipalities is not one, whether the person's
/// record was in this system (`transfer-in`) or came with a 転出証明書
/// (`move-in-with-certificate`), issue 10: the person was a resident of Japan before, with a
/// card process of their own. `history` as for
/// [`became_resident`].
pub fn newly_registered<'a>(history: impl IntoIterator<Item = (&'a str, Date)>) -> Option<Date> {
    history
        .into_iter()
        .filter(|(procedure, _)| {
            matches!(
                Registration::parse(procedure),
                Some(
                    Registration::Birth
                        | Registration::ForeignFirstRegistration
                        | Registration::MoveIn
                )
            )
        })
        .map(|(_, on)| on)
        .last()
}

impl Registration {
    /// Checks that the registration kind fits the record: a birth is registered with the birth
    /// date as its effective date; a foreign resident's first registration needs foreign items;
    /// a migration carries the person's code and number, a move-in may, and the others issue new
    /// ones (a newborn or a first registration has none to carry).
    pub fn check(
        self,
        record: &ResidentRecord,
        effective: Date,
        carried: Option<&CarriedIdentity>,
    ) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        match (self, carried.is_some()) {
            (Self::Migration, false) => errors.push(crate::FieldError::new(
                "individual_number",
                "problem-migration-keeps-each-resident",
            )),
            (Self::MoveInWithCertificate, false) => errors.push(crate::FieldError::new(
                "individual_number",
                "problem-move-move-out-certificate",
            )),
            (Self::Birth | Self::ForeignFirstRegistration | Self::Import, true) => errors.push(
                crate::FieldError::new("individual_number", "problem-number-not-carried")
                    .arg("procedure", self.code()),
            ),
            _ => {}
        }
        match self {
            Self::Birth if record.birth_date() != effective => errors.push(crate::FieldError::new(
                "effective_date",
                "problem-birth-registered-birth-date",
            )),
            Self::ForeignFirstRegistration if record.foreign().is_none() => errors.push(
                crate::FieldError::new("nationality", "problem-foreign-resident-s-first"),
            ),
            _ => {}
        }
        if effective < record.birth_date() {
            errors.push(crate::FieldError::new(
                "effective_date",
                "problem-before-birth-date",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Invalid(errors))
        }
    }
}

impl Change {
    /// The procedure code used in versions and the ledger.
    pub fn code(&self) -> &'static str {
        match self {
            Self::AddressChange { .. } => "address-change",
            Self::Death => "death",
            Self::MoveOut(Destination::Abroad) => "move-abroad",
            Self::MoveOut(Destination::Domestic { .. }) => "move-out",
            Self::NameChange(_) => "name-change",
            Self::LanguageChange(_) => "language-change",
            Self::PeriodOfStayChange(_) => "period-of-stay-change",
            Self::StayEnded => "stay-ended",
            Self::StayExtensionApplied => "stay-extension-applied",
            Self::TransferIn { .. } => "transfer-in",
        }
    }

    /// The municipality whose staff may carry out this change on `current`: the new one for a
    /// transfer-in (the exception the law makes), otherwise the record's own.
    pub fn acting_municipality(&self, current: &Resident) -> MunicipalityCode {
        match self {
            Self::TransferIn { address, .. } => address.municipality(),
            _ => current.record.municipality(),
        }
    }
}

impl Resident {
    /// Whether `municipality` may take this record in by a transfer-in (転入, 住民基本台帳法
    /// 第22条): it was removed by a move-out to that municipality (or by one that named no
    /// destination, before destinations were kept), or by a move abroad. Any other
    /// municipality is answered as if the record did not exist: a refused transfer-in must not
    /// tell it whether the person died, where they went, or that the code is in use.
    pub fn awaits_transfer_in(&self, municipality: MunicipalityCode) -> bool {
        match &self.status {
            RecordStatus::Removed {
                reason: RemovalReason::MovedAbroad,
                ..
            } => true,
            RecordStatus::Removed {
                reason: RemovalReason::MovedOut,
                moved_to,
                ..
            } => moved_to
                .as_ref()
                .is_none_or(|to| to.municipality == municipality),
            _ => false,
        }
    }

    /// Applies `change`, effective on `on`, as of `today`; returns the next version.
    pub fn apply(&self, change: Change, on: Date, today: Date) -> Result<Self, ChangeError> {
        let procedure = change.code();
        let refuse = |reason: &str| {
            ChangeError::Refused(Refused {
                state: self.state_text(),
                procedure,
                reason: reason.to_owned(),
            })
        };
        // A 転出届 is filed before the move, with its planned date (転出予定日); nothing else
        // is recorded ahead of its day.
        let ahead = if matches!(change, Change::MoveOut(_)) {
            MOVE_OUT_FILED_AHEAD_DAYS
        } else {
            0
        };
        if today
            .checked_add(jiff::Span::new().days(ahead))
            .is_ok_and(|latest| on > latest)
        {
            let problem = if ahead > 0 {
                crate::FieldError::new("effective_date", "problem-move-out-ahead")
                    .arg("days", ahead)
            } else {
                crate::FieldError::new("effective_date", "problem-future")
            };
            return Err(ChangeError::Invalid(Invalid(vec![problem])));
        }
        if on < self.record.birth_date() {
            return Err(ChangeError::Invalid(Invalid(vec![crate::FieldError::new(
                "effective_date",
                "problem-before-birth-date",
            )])));
        }
        let mut next = self.clone();
        match (self.status, change) {
            (
                RecordStatus::Removed {
                    reason: RemovalReason::Died,
                    ..
                },
                _,
            ) => {
                return Err(refuse(
                    "a deceased person's record takes no further procedures",
                ));
            }
            // 転入 (住民基本台帳法第22条) follows the person's 転出 (第24条): from abroad, or to
            // this municipality as the move-out stated. The special move-out with the card
            // (第24条の2) is completed only with the card presented (特例転入).
            (
                RecordStatus::Removed {
                    reason,
                    moved_to,
                    on: moved_out_on,
                },
                Change::TransferIn {
                    address,
                    household,
                    relationship,
                    card_presented,
                },
            ) => {
                // Moving in comes after moving out, also after a move-out filed ahead.
                if reason == RemovalReason::MovedOut && on < moved_out_on {
                    return Err(ChangeError::Invalid(Invalid(vec![
                        crate::FieldError::new("effective_date", "problem-before-move-out")
                            .arg("date", moved_out_on),
                    ])));
                }
                match (reason, moved_to) {
                    (RemovalReason::MovedOut, Some(to))
                        if to.municipality != address.municipality() =>
                    {
                        return Err(refuse(&format!(
                            "the move-out (転出届) was to municipality {}; only that municipality records the transfer-in (住民基本台帳法第22条)",
                            to.municipality
                        )));
                    }
                    (RemovalReason::MovedOut, Some(to)) if to.with_card && !card_presented => {
                        return Err(refuse(
                            "the move-out was the special move-out with the card (特例転出, 住民基本台帳法第24条の2); the transfer-in needs the card presented (特例転入)",
                        ));
                    }
                    _ => {}
                }
                next.record.set_address(address, household, relationship);
                next.status = RecordStatus::Active;
            }
            (RecordStatus::Removed { .. }, _) => {
                return Err(refuse("only a transfer-in (転入) can follow a move-out"));
            }
            (RecordStatus::Active, Change::TransferIn { .. }) => {
                return Err(refuse(
                    "a transfer-in (転入) follows the person's move-out (転出届, 住民基本台帳法第24条) from the municipality keeping the record; that municipality records it first",
                ));
            }
            (
                RecordStatus::Active,
                Change::AddressChange {
                    address,
                    household,
                    relationship,
                },
            ) => {
                if address.municipality() != self.record.municipality() {
                    return Err(refuse(
                        "the new address is in another municipality; that municipality records a transfer-in (転入)",
                    ));
                }
                next.record.set_address(address, household, relationship);
            }
            (RecordStatus::Active, Change::NameChange(input)) => {
                let name = validate_name(&input, self.record.foreign().is_some())
                    .map_err(|e| ChangeError::Invalid(Invalid(e)))?;
                next.record.set_name(name);
            }
            (RecordStatus::Active, Change::LanguageChange(language)) => {
                next.record.set_language(language);
            }
            (RecordStatus::Active, Change::PeriodOfStayChange(input)) => {
                let Some(current) = self.record.foreign() else {
                    return Err(refuse(
                        "only a foreign resident's record has a period of stay",
                    ));
                };
                if !input
                    .nationality
                    .trim()
                    .eq_ignore_ascii_case(current.nationality().code())
                {
                    return Err(ChangeError::Invalid(Invalid(vec![crate::FieldError::new(
                        "nationality",
                        "problem-differs-from-record-change",
                    )])));
                }
                let status = validate_foreign(&input, today)
                    .map_err(|e| ChangeError::Invalid(Invalid(e)))?;
                next.record.set_foreign_status(status);
            }
            (RecordStatus::Active, Change::MoveOut(destination)) => {
                let (reason, moved_to) = match destination {
                    Destination::Abroad => (RemovalReason::MovedAbroad, None),
                    Destination::Domestic { to, .. } if to == self.record.municipality() => {
                        return Err(refuse(
                            "the destination is this same municipality; record an address change (転居) instead",
                        ));
                    }
                    Destination::Domestic { to, with_card } => (
                        RemovalReason::MovedOut,
                        Some(MovedTo {
                            municipality: to,
                            with_card,
                        }),
                    ),
                };
                next.status = RecordStatus::Removed {
                    reason,
                    on,
                    moved_to,
                };
            }
            (RecordStatus::Active, Change::StayExtensionApplied) => {
                match self.record.foreign().and_then(|f| f.period_of_stay_until()) {
                    None => {
                        return Err(refuse(
                            "only a foreign resident with a fixed period of stay applies to extend it",
                        ));
                    }
                    Some(until) if on > until => {
                        return Err(refuse(&format!(
                            "the period of stay ended on {until}; an application filed after it brings no special period"
                        )));
                    }
                    Some(_) => next.record.set_extension_applied(on),
                }
            }
            (RecordStatus::Active, Change::StayEnded) => {
                if self
                    .record
                    .foreign()
                    .is_none_or(|f| stay_lapsed(f, today).is_none())
                {
                    return Err(refuse(
                        "the period of stay, or its special period, has not ended",
                    ));
                }
                next.status = RecordStatus::Removed {
                    reason: RemovalReason::StayEnded,
                    on,
                    moved_to: None,
                };
            }
            (RecordStatus::Active, Change::Death) => {
                next.status = RecordStatus::Removed {
                    reason: RemovalReason::Died,
                    on,
                    moved_to: None,
                };
            }
        }
        Ok(next)
    }

    fn state_text(&self) -> String {
        match self.status {
            RecordStatus::Active => "active".to_owned(),
            RecordStatus::Removed { reason, on, .. } => {
                format!("removed ({} on {on})", reason.code())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    /// 特例転出 is completed only with the card presented, and only by the municipality moved
    /// to (住民基本台帳法第22条, 第24条の2).
    #[test]
    fn a_special_move_out_is_completed_with_the_card() {
        use crate::{Address, HouseholdId, MunicipalityCode, ResidentInput};
        let input = ResidentInput {
            name: crate::NameInput {
                family: "山田".into(),
                given: "太郎".into(),
                family_kana: Some("ヤマダ".into()),
                given_kana: Some("タロウ".into()),
                ..Default::default()
            },
            birth_date: "1980-01-15".into(),
            sex: "1".into(),
            prefecture: "東京都".into(),
            municipality_code: "131041".into(),
            address: "西新宿2丁目8番1号".into(),
            relationship: "head".into(),
            preferred_language: "ja".into(),
            foreign: None,
        };
        let today = date(2026, 11, 25);
        let record =
            ResidentRecord::validate(&input, HouseholdId::from_random([1; 16]), today).unwrap();
        let active = Resident {
            record,
            status: RecordStatus::Active,
        };
        let osaka = MunicipalityCode::parse("271004").unwrap();
        let out = active
            .apply(
                Change::MoveOut(Destination::Domestic {
                    to: osaka,
                    with_card: true,
                }),
                today,
                today,
            )
            .unwrap();
        let address =
            |m: &str| crate::validate_address("大阪府", m, "北区梅田1丁目1番1号").unwrap();
        let transfer = |a: Address, card_presented| Change::TransferIn {
            address: a,
            household: HouseholdId::from_random([2; 16]),
            relationship: Relationship::Head,
            card_presented,
        };
        let err = out
            .apply(transfer(address("271004"), false), today, today)
            .unwrap_err();
        assert!(format!("{err:?}").contains("特例転入"), "{err:?}");
        let err = out
            .apply(transfer(address("271217"), true), today, today)
            .unwrap_err();
        assert!(
            format!("{err:?}").contains("was to municipality 271004"),
            "{err:?}"
        );
        let back = out
            .apply(transfer(address("271004"), true), today, today)
            .unwrap();
        assert_eq!(back.status, RecordStatus::Active);
        assert_eq!(back.record.municipality(), osaka);
    }

    /// A 転出届 may be filed up to 14 days before its planned date (issue 10); nothing else
    /// ahead of its day; and the transfer-in comes after the planned date.
    #[test]
    fn a_move_out_is_filed_ahead_of_its_date() {
        use crate::{HouseholdId, MunicipalityCode, ResidentInput};
        let input = ResidentInput {
            name: crate::NameInput {
                family: "山田".into(),
                given: "太郎".into(),
                family_kana: Some("ヤマダ".into()),
                given_kana: Some("タロウ".into()),
                ..Default::default()
            },
            birth_date: "1980-01-15".into(),
            sex: "1".into(),
            prefecture: "東京都".into(),
            municipality_code: "131041".into(),
            address: "西新宿2丁目8番1号".into(),
            relationship: "head".into(),
            preferred_language: "ja".into(),
            foreign: None,
        };
        let today = date(2026, 11, 25);
        let active = Resident {
            record: ResidentRecord::validate(&input, HouseholdId::from_random([1; 16]), today)
                .unwrap(),
            status: RecordStatus::Active,
        };
        let osaka = MunicipalityCode::parse("271004").unwrap();
        let move_out = || {
            Change::MoveOut(Destination::Domestic {
                to: osaka,
                with_card: false,
            })
        };
        let problem = |e: ChangeError| match e {
            ChangeError::Invalid(i) => i.to_string(),
            ChangeError::Refused(r) => r.to_string(),
        };
        assert_eq!(
            problem(
                active
                    .apply(move_out(), date(2026, 12, 10), today)
                    .unwrap_err()
            ),
            "effective_date: is more than 14 days ahead: a move-out is filed at most 14 days before its planned date"
        );
        let planned = date(2026, 12, 9);
        let out = active.apply(move_out(), planned, today).unwrap();
        assert!(matches!(out.status, RecordStatus::Removed { on, .. } if on == planned));
        let rename = Change::NameChange(crate::NameInput {
            family: "佐藤".into(),
            given: "太郎".into(),
            ..Default::default()
        });
        assert_eq!(
            problem(active.apply(rename, date(2026, 11, 26), today).unwrap_err()),
            "effective_date: is in the future"
        );
        let transfer = || Change::TransferIn {
            address: crate::validate_address("大阪府", "271004", "北区梅田1丁目1番1号").unwrap(),
            household: HouseholdId::from_random([2; 16]),
            relationship: Relationship::Head,
            card_presented: false,
        };
        let later = date(2026, 12, 9);
        assert_eq!(
            problem(out.apply(transfer(), date(2026, 12, 8), later).unwrap_err()),
            "effective_date: is before the move-out date, 2026-12-09"
        );
        assert!(out.apply(transfer(), planned, later).is_ok());
    }

    /// 職権消除 and the 特例期間 (issue 10; facts §10): a record goes the day after the period
    /// of stay, or, with an application filed within the period, the day after two months
    /// past it.
    #[test]
    fn a_stay_lapses_after_its_period_or_its_special_period() {
        let foreign = |until: Date, applied: Option<Date>| {
            let record = ResidentRecord::from_stored(
                crate::NameInput {
                    family: "NGUYEN".into(),
                    given: "AN".into(),
                    ..Default::default()
                },
                date(2000, 1, 1),
                crate::Sex::Male,
                crate::validate_address("東京都", "131041", "西新宿2丁目8番1号").unwrap(),
                crate::HouseholdId::from_random([1; 16]),
                Relationship::Head,
                crate::Language::parse("vi").unwrap(),
                Some((
                    crate::Nationality::parse("VN").unwrap(),
                    None,
                    crate::StatusOfResidence::parse("student").unwrap(),
                    Some(until),
                    applied,
                )),
            );
            Resident {
                record,
                status: RecordStatus::Active,
            }
        };
        let until = date(2028, 3, 31);
        let lapsed = |r: &Resident, today| stay_lapsed(r.record.foreign().unwrap(), today);
        let plain = foreign(until, None);
        assert_eq!(lapsed(&plain, until), None);
        assert_eq!(lapsed(&plain, date(2028, 4, 1)), Some(date(2028, 4, 1)));
        // An application within the period: two months more.
        let applied = plain
            .apply(
                Change::StayExtensionApplied,
                date(2028, 3, 20),
                date(2028, 3, 20),
            )
            .unwrap();
        assert_eq!(
            applied.record.foreign().unwrap().extension_applied_on(),
            Some(date(2028, 3, 20))
        );
        assert_eq!(lapsed(&applied, date(2028, 5, 31)), None);
        assert_eq!(lapsed(&applied, date(2028, 6, 1)), Some(date(2028, 6, 1)));
        // Filed after the period: no special period.
        let err = plain
            .apply(
                Change::StayExtensionApplied,
                date(2028, 4, 1),
                date(2028, 4, 1),
            )
            .unwrap_err();
        assert!(
            format!("{err:?}").contains("brings no special period"),
            "{err:?}"
        );
        // Removal only once lapsed.
        assert!(
            applied
                .apply(Change::StayEnded, date(2028, 4, 1), date(2028, 4, 1))
                .is_err()
        );
        let removed = applied
            .apply(Change::StayEnded, date(2028, 6, 1), date(2028, 6, 1))
            .unwrap();
        assert!(matches!(
            removed.status,
            RecordStatus::Removed {
                reason: RemovalReason::StayEnded,
                ..
            }
        ));
        // Filed on the period's last day: still within it.
        assert!(
            foreign(until, None)
                .apply(Change::StayExtensionApplied, until, until)
                .is_ok()
        );
    }

    #[test]
    fn became_resident_is_the_newest_start_of_residence() {
        let d = |m| date(2020, m, 1);
        let check = |h: &[(&str, Date)]| became_resident(h.iter().copied());
        assert_eq!(
            check(&[("birth", d(1)), ("address-change", d(2))]),
            Some(d(1))
        );
        // Moved out and back: the transfer-in starts the residence again.
        assert_eq!(
            check(&[
                ("move-in", d(1)),
                ("move-out", d(2)),
                ("transfer-in", d(3)),
                ("name-change", d(4)),
            ]),
            Some(d(3))
        );
        // An imported record does not say when the person arrived.
        assert_eq!(check(&[("import", d(1)), ("address-change", d(2))]), None);
        assert_eq!(check(&[("migration", d(1))]), None);
    }

    /// A late transfer-in is flagged against each deadline of facts §2.8, at the boundary.
    #[test]
    fn a_late_transfer_in_is_flagged_not_refused() {
        use Overdue::*;
        let out = date(2026, 11, 1);
        let moved_in = date(2026, 11, 10);
        for (filed, flags) in [
            (date(2026, 11, 24), vec![]),
            (date(2026, 11, 25), vec![FiledAfter14Days]),
            (date(2026, 12, 1), vec![FiledAfter14Days]),
            (
                date(2026, 12, 2),
                vec![FiledAfter14Days, FiledAfter30DaysFromMoveOut],
            ),
        ] {
            assert_eq!(
                transfer_in_overdue(Some(out), moved_in, filed),
                flags,
                "{filed}"
            );
        }
        assert_eq!(
            transfer_in_overdue(None, moved_in, date(2026, 11, 24)),
            vec![]
        );
    }

    /// For express issuance a transfer-in is not a new registration (facts §2.7, issue 10),
    /// though it starts the residence a 住民票 prints.
    #[test]
    fn a_transfer_in_is_not_a_new_registration() {
        let d = |m| date(2020, m, 1);
        let h = [("birth", d(1)), ("move-out", d(2)), ("transfer-in", d(3))];
        assert_eq!(became_resident(h.iter().copied()), Some(d(3)));
        assert_eq!(newly_registered(h.iter().copied()), Some(d(1)));
        let h = [
            ("foreign-first-registration", d(5)),
            ("address-change", d(6)),
        ];
        assert_eq!(newly_registered(h.iter().copied()), Some(d(5)));
        assert_eq!(newly_registered([("migration", d(1))]), None);
        // A move-in from abroad is one; a move-in with another municipality's 転出証明書 is a
        // move within Japan, though it starts the residence here.
        assert_eq!(newly_registered([("move-in", d(7))]), Some(d(7)));
        let h = [("move-in-with-certificate", d(8))];
        assert_eq!(newly_registered(h.iter().copied()), None);
        assert_eq!(became_resident(h.iter().copied()), Some(d(8)));
    }
}
