//! 個人番号カード (the My Number Card) in the register: how it is applied for, the states it
//! goes through from production to its end, and the rules each step follows (facts §2, §7, §10).
//! Pure: dates are arguments.

use std::fmt;

use jiff::civil::Date;

use crate::FieldError;
use crate::dates::{age_on, nth_birthday_after};

/// How an application arrived (facts §2.5).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Channel {
    /// At the municipal counter (申請時来庁方式).
    Counter,
    /// The paper form and photo by mail.
    Mail,
    /// Online, with the application ID (PC or smartphone).
    Online,
    /// A street photo booth reading the form's QR code.
    PhotoBooth,
}

crate::codes!(Channel {
    Counter => "counter",
    Mail => "mail",
    Online => "online",
    PhotoBooth => "photo-booth",
});

impl Channel {
    /// Whether the application comes with the form's 23-digit application ID: every channel
    /// but the counter, where the clerk identifies the person directly.
    pub fn needs_application_id(self) -> bool {
        self != Self::Counter
    }
}

/// Why a card is applied for (facts §2.4, §2.7). A re-issue names its cause, and the fee and
/// the rest follow from it, not from the clerk's choice (issue 10).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Reason {
    /// The person's first card: free.
    First,
    /// Renewal from three months before the card expires: free.
    Renewal,
    /// 紛失: the card was lost (its loss reported, so it has ended). The holder's reason: a fee.
    Lost,
    /// 破損: damaged or broken by the holder. The holder's reason: a fee.
    Damaged,
    /// 盗難: stolen (the police report's number kept). Not the holder's fault: free.
    Stolen,
    /// Lost or destroyed in a disaster (災害). Not the holder's fault: free.
    Disaster,
    /// 追記欄 full: free, and the card in use works until the new one is collected.
    AdditionsFull,
    /// The Individual Number changed (番号法第7条第2項): free.
    NumberChanged,
    /// The 住民票コード changed: free.
    ResidentCodeChanged,
    /// An error of the municipality or J-LIS, such as a chip that failed through no fault of
    /// the holder's: free.
    IssuerError,
    /// A re-issue with a fee, recorded before causes were (read from old rows only).
    Reissue,
    /// A free re-issue, recorded before causes were (read from old rows only).
    ReissueFree,
}

crate::codes!(Reason {
    First => "first",
    Renewal => "renewal",
    Lost => "lost",
    Damaged => "damaged",
    Stolen => "stolen",
    Disaster => "disaster",
    AdditionsFull => "additions-full",
    NumberChanged => "number-changed",
    ResidentCodeChanged => "resident-code-changed",
    IssuerError => "issuer-error",
    Reissue => "reissue",
    ReissueFree => "reissue-free",
});

impl Reason {
    /// The reasons an application may give, for messages: every one but the two kept for old
    /// rows.
    pub const ON_INPUT: &'static str = "first, renewal, lost, damaged, stolen, disaster, \
        additions-full, number-changed, resident-code-changed or issuer-error";

    /// Parses a reason an application gives (the fee follows from it); the codes of old rows
    /// (`reissue`, `reissue-free`), which let the clerk choose the fee, are refused.
    pub fn parse_input(code: &str) -> Result<Self, FieldError> {
        match Self::parse(code.trim()) {
            Some(Self::Reissue | Self::ReissueFree) | None => {
                Err(FieldError::new("reason", "problem-card-reason").arg("codes", Self::ON_INPUT))
            }
            Some(r) => Ok(r),
        }
    }

    /// Whether it is a re-issue (the person has had a card).
    pub fn is_reissue(self) -> bool {
        !matches!(self, Self::First | Self::Renewal)
    }

    /// Whether the holder pays: a loss or damage of their own (facts §2.4).
    pub fn holder_pays(self) -> bool {
        matches!(self, Self::Lost | Self::Damaged | Self::Reissue)
    }

    /// Whether the card in use must have ended first: a lost or stolen card is reported, and
    /// ends, before its re-issue (facts §7). For the other causes the card in use is replaced
    /// when the new one is collected.
    pub fn needs_card_ended(self) -> bool {
        matches!(
            self,
            Self::Lost | Self::Stolen | Self::Reissue | Self::ReissueFree
        )
    }
}

/// The fee in yen (facts §2.4): a re-issue for the holder's own reasons (loss, damage) costs
/// 800 yen for the card and 200 for the certificates, express issuance 1,800 and 200;
/// everything else is free.
pub fn fee_yen(reason: Reason, express: bool, with_certificates: bool) -> u32 {
    if reason.holder_pays() {
        let card = if express { 1_800 } else { 800 };
        card + if with_certificates { 200 } else { 0 }
    } else {
        0
    }
}

/// Whether an application needs a face photo: every applicant but a child under 1, whose card
/// has none (facts §2.1).
pub fn photo_required(birth: Date, applied_on: Date) -> bool {
    age_on(birth, applied_on) >= 1
}

/// Whether express issuance (特急発行) may be chosen (facts §2.7): a child under 1; a first card
/// within 30 days of becoming a resident (`became_resident`, `None` when the record does not
/// show it, [`crate::became_resident`]); a re-issue for any of the causes facts §2.7 lists
/// (loss, damage, a chip failure, a full 追記欄, a changed number or code), within 30 days of
/// the event where the register knows its day (`since`: the day the last card ended);
/// never a renewal.
pub fn express_allowed(
    reason: Reason,
    birth: Date,
    became_resident: Option<Date>,
    since: Option<Date>,
    today: Date,
) -> Result<(), FieldError> {
    let window = today.checked_sub(jiff::Span::new().days(30)).ok();
    let recent = |day: Option<Date>| window.is_some_and(|w| day.is_some_and(|d| d >= w));
    match reason {
        Reason::First if age_on(birth, today) < 1 || recent(became_resident) => Ok(()),
        Reason::First => Err(FieldError::new(
            "express",
            "problem-express-issuance-first-card",
        )),
        Reason::Renewal => Err(FieldError::new(
            "express",
            "problem-express-issuance-offered-renewal",
        )),
        _ if since.is_none() || recent(since) => Ok(()),
        _ => Err(match since {
            Some(day) => {
                FieldError::new("express", "problem-express-reissue-late").arg("date", day)
            }
            None => FieldError::new("express", "problem-express-reissue-late-undated"),
        }),
    }
}

/// What kind of card.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum CardKind {
    /// 顔認証マイナンバーカード: no PINs and no certificates; used as an ID by face recognition
    /// or a visual check only (facts §2.1).
    FaceRecognition,
    /// A card with its PINs and, from 15, both certificates.
    Standard,
}

crate::codes!(CardKind {
    FaceRecognition => "face-recognition",
    Standard => "standard",
});

/// How a card's life ended.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum EndReason {
    /// 廃止: reported lost (or otherwise abolished); a found card is never reactivated
    /// (facts §7).
    Abolished,
    /// 有効期限切れ: past its expiry.
    Expired,
    /// Replaced by a new card handed over (renewal or re-issue).
    Replaced,
    /// 返納: returned, on moving abroad or death.
    Returned,
    /// 失効: voided, e.g. by a number change (facts §6).
    Voided,
}

crate::codes!(EndReason {
    Abolished => "abolished",
    Expired => "expired",
    Replaced => "replaced",
    Returned => "returned",
    Voided => "voided",
});

/// Where a card stands.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum CardStatus {
    /// Handed over and in use.
    Active,
    /// Its life is over; nothing more happens to it.
    Ended(EndReason),
    /// Made, and waiting at the municipality to be picked up.
    Produced,
    /// 一時停止: suspended (lost, perhaps found again); resumed only in person.
    Suspended,
}

/// A step in a card's life.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum CardEvent {
    /// The chip rewritten to the record at the counter, and a line added to the 追記欄: after
    /// a move (the continuation, 継続利用, after a transfer-in) or a name change (issue 10).
    Amend,
    /// New certificates, their key pairs made in the chip, at the counter (issue 10).
    Certify,
    /// Its life ends.
    End(EndReason),
    /// A foreign resident's card is extended after a new period of stay.
    Extend,
    /// Picked up: identity checked, PINs set, handed over.
    HandOver,
    /// A PIN reset at the counter.
    ResetPin,
    /// Resumed in person.
    Resume,
    /// Suspended, at any hour.
    Suspend,
}

impl CardEvent {
    /// The ledger action.
    pub fn action(self) -> &'static str {
        match self {
            Self::Amend => "card-amended",
            Self::Certify => "card-certified",
            Self::End(EndReason::Abolished) => "card-abolished",
            Self::End(EndReason::Expired) => "card-expired",
            Self::End(EndReason::Replaced) => "card-replaced",
            Self::End(EndReason::Returned) => "card-returned",
            Self::End(EndReason::Voided) => "card-voided",
            Self::Extend => "card-extended",
            Self::HandOver => "card-handed-over",
            Self::ResetPin => "card-pin-reset",
            Self::Resume => "card-resumed",
            Self::Suspend => "card-suspended",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Self::Amend => "amended",
            Self::Certify => "given new certificates",
            Self::End(EndReason::Abolished) => "abolished",
            Self::End(EndReason::Expired) => "expired",
            Self::End(EndReason::Replaced) => "replaced",
            Self::End(EndReason::Returned) => "returned",
            Self::End(EndReason::Voided) => "voided",
            Self::Extend => "extended",
            Self::HandOver => "handed over",
            Self::ResetPin => "given a new PIN",
            Self::Resume => "resumed",
            Self::Suspend => "suspended",
        }
    }
}

/// A step the card's state does not allow; it names both.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CardRefused {
    /// The card's state.
    pub status: CardStatus,
    /// The step refused.
    pub event: CardEvent,
}

impl fmt::Display for CardRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match (self.status, self.event) {
            (CardStatus::Ended(r), _) => {
                return write!(
                    f,
                    "a card that has ended ({}) cannot be {}: apply for a new card",
                    r.code(),
                    self.event.verb()
                );
            }
            (CardStatus::Produced, _) => "it has not been handed over yet",
            (CardStatus::Active, CardEvent::Resume) => "it is not suspended",
            (CardStatus::Active, _) => "it is in use already",
            (CardStatus::Suspended, CardEvent::Suspend) => "it is suspended already",
            (CardStatus::Suspended, _) => "it is suspended; resume it at the counter first",
        };
        let code = self.status.code();
        let article = if code.starts_with('a') { "an" } else { "a" };
        write!(
            f,
            "{article} {code} card cannot be {}: {why}",
            self.event.verb()
        )
    }
}

impl CardStatus {
    /// The stored code; an ended card's is `ended`, with its reason stored beside it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Ended(_) => "ended",
            Self::Produced => "produced",
            Self::Suspended => "suspended",
        }
    }

    /// Parses a stored code and end reason.
    pub fn parse(code: &str, reason: Option<&str>) -> Option<Self> {
        match (code, reason) {
            ("active", None) => Some(Self::Active),
            ("produced", None) => Some(Self::Produced),
            ("suspended", None) => Some(Self::Suspended),
            ("ended", Some(r)) => EndReason::parse(r).map(Self::Ended),
            _ => None,
        }
    }

    /// The end reason, for an ended card.
    pub fn end_reason(self) -> Option<EndReason> {
        match self {
            Self::Ended(r) => Some(r),
            _ => None,
        }
    }

    /// Whether the card can be used (its certificates may be good).
    pub fn in_use(self) -> bool {
        matches!(self, Self::Active | Self::Suspended)
    }

    /// The state after `event`, or why it cannot happen.
    pub fn after(self, event: CardEvent) -> Result<Self, CardRefused> {
        use CardEvent as E;
        use CardStatus as S;
        let refused = Err(CardRefused {
            status: self,
            event,
        });
        match (self, event) {
            (S::Ended(_), _) => refused,
            (S::Produced, E::HandOver) => Ok(S::Active),
            // A card never picked up can be destroyed, but not lost or replaced.
            (
                S::Produced,
                E::End(r @ (EndReason::Expired | EndReason::Returned | EndReason::Voided)),
            ) => Ok(S::Ended(r)),
            (S::Active, E::Suspend) => Ok(S::Suspended),
            (S::Active, E::Amend | E::Certify | E::Extend | E::ResetPin) => Ok(S::Active),
            (S::Suspended, E::Resume) => Ok(S::Active),
            (S::Active | S::Suspended, E::End(r)) => Ok(S::Ended(r)),
            _ => refused,
        }
    }
}

/// Days within which a card is brought to the new municipality after a transfer-in, for its
/// continuation (継続利用, facts §2.8); later, it is void.
pub const CONTINUATION_DAYS: i64 = 90;

/// The last day a card may be continued after a transfer-in filed on `filed_on`: the 90th day
/// after the filing. **Choice** (docs/design/card.md): the facts say "within 90 days of the
/// move-in filing"; the day of filing is not counted, as 民法第140条 counts periods.
pub fn continuation_deadline(filed_on: Date) -> Date {
    filed_on
        .checked_add(jiff::Span::new().days(CONTINUATION_DAYS))
        .unwrap_or(filed_on)
}

/// Lines of the 追記欄 (the additions field on the back of the card) a card holds before it is
/// full. **Choice** (docs/design/card.md, facts [NF]): the facts name the field and the free
/// re-issue once it is full (§2.4) but not its size; four lines are assumed.
pub const ADDITIONS_LINES: u8 = 4;

/// The card's expiry (facts §2.2): the 10th birthday after issuance for someone 18 or over on
/// the day they applied, the 5th for someone younger; and for a foreign resident with a fixed
/// period of stay, the end of that period if it comes first.
pub fn card_expiry(
    birth: Date,
    applied_on: Date,
    produced_on: Date,
    stay_until: Option<Date>,
) -> Date {
    let rule = birthday_limit(birth, applied_on, produced_on);
    match stay_until {
        Some(stay) if stay < rule => stay,
        _ => rule,
    }
}

/// The birthday limit alone: how far an extension may ever reach (facts §10).
pub fn birthday_limit(birth: Date, applied_on: Date, produced_on: Date) -> Date {
    let n = if age_on(birth, applied_on) >= 18 {
        10
    } else {
        5
    };
    nth_birthday_after(birth, produced_on, n)
}

/// A document shown to prove who one is (facts §2.7).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum IdentityDocument {
    /// 身体障害者手帳 or another disability certificate (A: with photo).
    DisabilityCertificate,
    /// 運転免許証 (A).
    DriversLicence,
    /// 社員証 (B: no photo needed).
    EmployeeCard,
    /// 健康保険証 or 資格確認書 (B).
    HealthInsurance,
    /// The holder's current My Number Card (A).
    MyNumberCard,
    /// 旅券 (A).
    Passport,
    /// 年金手帳 or a pension certificate (B).
    PensionBook,
    /// 在留カード (A).
    ResidenceCard,
    /// 特別永住者証明書 (A).
    SpecialPermanentResidentCertificate,
    /// 学生証 (B).
    StudentCard,
}

crate::codes!(IdentityDocument {
    DisabilityCertificate => "disability-certificate",
    DriversLicence => "drivers-licence",
    EmployeeCard => "employee-card",
    HealthInsurance => "health-insurance",
    MyNumberCard => "my-number-card",
    Passport => "passport",
    PensionBook => "pension-book",
    ResidenceCard => "residence-card",
    SpecialPermanentResidentCertificate => "special-permanent-resident-certificate",
    StudentCard => "student-card",
});

impl IdentityDocument {
    /// An "A" document: issued by a public body, with a photo.
    pub fn with_photo(self) -> bool {
        matches!(
            self,
            Self::DisabilityCertificate
                | Self::DriversLicence
                | Self::MyNumberCard
                | Self::Passport
                | Self::ResidenceCard
                | Self::SpecialPermanentResidentCertificate
        )
    }
}

/// Checks the documents shown at the counter: one with a photo, or two different ones without
/// (facts §2.7).
pub fn check_identity(documents: &[IdentityDocument]) -> Result<(), FieldError> {
    if documents.iter().any(|d| d.with_photo()) {
        return Ok(());
    }
    let mut without: Vec<IdentityDocument> = documents.to_vec();
    without.sort_by_key(|d| d.code());
    without.dedup();
    if without.len() >= 2 {
        Ok(())
    } else {
        Err(FieldError::new(
            "identity_documents",
            "problem-show-photo-document-issued",
        ))
    }
}

/// The identity check for resuming a suspended card (一時停止解除, facts §7): the found card is
/// presented, and a second identity document besides it. The card itself cannot be that
/// document: whoever found a lost card holds it. **Choice** (docs/design/card.md): the documents
/// besides the card must pass [`check_identity`] on their own, as for any counter procedure.
pub fn check_resumption_identity(documents: &[IdentityDocument]) -> Result<(), FieldError> {
    let besides: Vec<IdentityDocument> = documents
        .iter()
        .copied()
        .filter(|d| *d != IdentityDocument::MyNumberCard)
        .collect();
    check_identity(&besides)
        .map_err(|_| FieldError::new("identity_documents", "problem-resuming-card-needs-found"))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn resumption_needs_a_document_besides_the_found_card() {
        use IdentityDocument as D;
        for (documents, ok) in [
            (vec![D::MyNumberCard], false),
            (vec![D::MyNumberCard, D::HealthInsurance], false),
            (vec![D::MyNumberCard, D::DriversLicence], true),
            (vec![D::Passport], true),
            (vec![D::HealthInsurance, D::PensionBook], true),
            (
                vec![D::MyNumberCard, D::HealthInsurance, D::PensionBook],
                true,
            ),
            (vec![], false),
        ] {
            assert_eq!(
                check_resumption_identity(&documents).is_ok(),
                ok,
                "{documents:?}"
            );
        }
        // The ordinary check takes the card alone, as when a holder shows it for a PIN reset.
        assert!(check_identity(&[D::MyNumberCard]).is_ok());
    }

    #[test]
    fn a_card_is_continued_within_90_days_of_the_transfer_in() {
        use jiff::civil::date;
        assert_eq!(continuation_deadline(date(2026, 12, 1)), date(2027, 3, 1));
        assert_eq!(continuation_deadline(date(2027, 12, 31)), date(2028, 3, 30));
    }

    #[test]
    fn the_whole_transition_table() {
        use CardEvent as E;
        use CardStatus as S;
        let statuses = [
            S::Produced,
            S::Active,
            S::Suspended,
            S::Ended(EndReason::Abolished),
        ];
        let mut events = vec![
            E::Amend,
            E::Certify,
            E::Extend,
            E::HandOver,
            E::ResetPin,
            E::Resume,
            E::Suspend,
        ];
        events.extend(EndReason::ALL.map(E::End));
        let mut table = String::new();
        for s in statuses {
            for e in &events {
                let to = match s.after(*e) {
                    Ok(to) => format!("{to:?}"),
                    Err(_) => "-".to_owned(),
                };
                table.push_str(&format!("{s:?} + {e:?} = {to}\n"));
            }
        }
        expect_test::expect![[r#"
            Produced + Amend = -
            Produced + Certify = -
            Produced + Extend = -
            Produced + HandOver = Active
            Produced + ResetPin = -
            Produced + Resume = -
            Produced + Suspend = -
            Produced + End(Abolished) = -
            Produced + End(Expired) = Ended(Expired)
            Produced + End(Replaced) = -
            Produced + End(Returned) = Ended(Returned)
            Produced + End(Voided) = Ended(Voided)
            Active + Amend = Active
            Active + Certify = Active
            Active + Extend = Active
            Active + HandOver = -
            Active + ResetPin = Active
            Active + Resume = -
            Active + Suspend = Suspended
            Active + End(Abolished) = Ended(Abolished)
            Active + End(Expired) = Ended(Expired)
            Active + End(Replaced) = Ended(Replaced)
            Active + End(Returned) = Ended(Returned)
            Active + End(Voided) = Ended(Voided)
            Suspended + Amend = -
            Suspended + Certify = -
            Suspended + Extend = -
            Suspended + HandOver = -
            Suspended + ResetPin = -
            Suspended + Resume = Active
            Suspended + Suspend = -
            Suspended + End(Abolished) = Ended(Abolished)
            Suspended + End(Expired) = Ended(Expired)
            Suspended + End(Replaced) = Ended(Replaced)
            Suspended + End(Returned) = Ended(Returned)
            Suspended + End(Voided) = Ended(Voided)
            Ended(Abolished) + Amend = -
            Ended(Abolished) + Certify = -
            Ended(Abolished) + Extend = -
            Ended(Abolished) + HandOver = -
            Ended(Abolished) + ResetPin = -
            Ended(Abolished) + Resume = -
            Ended(Abolished) + Suspend = -
            Ended(Abolished) + End(Abolished) = -
            Ended(Abolished) + End(Expired) = -
            Ended(Abolished) + End(Replaced) = -
            Ended(Abolished) + End(Returned) = -
            Ended(Abolished) + End(Voided) = -
        "#]]
        .assert_eq(&table);
    }

    #[test]
    fn refusals_name_the_state_and_the_step() {
        let msg = |s: CardStatus, e| s.after(e).unwrap_err().to_string();
        assert_eq!(
            msg(CardStatus::Suspended, CardEvent::ResetPin),
            "a suspended card cannot be given a new PIN: it is suspended; resume it at the counter first"
        );
        assert_eq!(
            msg(CardStatus::Active, CardEvent::Resume),
            "an active card cannot be resumed: it is not suspended"
        );
        assert_eq!(
            msg(CardStatus::Ended(EndReason::Abolished), CardEvent::Resume),
            "a card that has ended (abolished) cannot be resumed: apply for a new card"
        );
        assert_eq!(
            msg(CardStatus::Produced, CardEvent::Suspend),
            "a produced card cannot be suspended: it has not been handed over yet"
        );
        for s in [
            CardStatus::Active,
            CardStatus::Produced,
            CardStatus::Suspended,
            CardStatus::Ended(EndReason::Voided),
        ] {
            assert_eq!(
                CardStatus::parse(s.code(), s.end_reason().map(EndReason::code)),
                Some(s)
            );
        }
    }

    #[test]
    fn expiry_follows_facts_2_2_and_10() {
        // An adult: the 10th birthday after issuance.
        assert_eq!(
            card_expiry(
                date(1990, 2, 17),
                date(2026, 11, 1),
                date(2026, 12, 1),
                None
            ),
            date(2036, 2, 17)
        );
        // 17 on the day of application: the 5th, even if 18 when the card is made.
        assert_eq!(
            card_expiry(
                date(2009, 11, 20),
                date(2026, 11, 1),
                date(2026, 12, 1),
                None
            ),
            date(2031, 11, 20)
        );
        assert_eq!(
            card_expiry(
                date(2008, 11, 1),
                date(2026, 11, 1),
                date(2026, 12, 1),
                None
            ),
            date(2036, 11, 1)
        );
        // A foreign resident whose period of stay ends first; or later than the birthday rule.
        assert_eq!(
            card_expiry(
                date(1995, 7, 7),
                date(2026, 11, 1),
                date(2026, 12, 1),
                Some(date(2028, 3, 31))
            ),
            date(2028, 3, 31)
        );
        assert_eq!(
            card_expiry(
                date(1995, 7, 7),
                date(2026, 11, 1),
                date(2026, 12, 1),
                Some(date(2040, 3, 31))
            ),
            date(2036, 7, 7)
        );
        assert_eq!(
            birthday_limit(date(1995, 7, 7), date(2026, 11, 1), date(2026, 12, 1)),
            date(2036, 7, 7)
        );
    }

    #[test]
    fn fees_express_and_identity() {
        // The fee follows from the reason (facts §2.4).
        for (reason, fee) in [
            (Reason::First, 0),
            (Reason::Renewal, 0),
            (Reason::Lost, 1_000),
            (Reason::Damaged, 1_000),
            (Reason::Stolen, 0),
            (Reason::Disaster, 0),
            (Reason::AdditionsFull, 0),
            (Reason::NumberChanged, 0),
            (Reason::ResidentCodeChanged, 0),
            (Reason::IssuerError, 0),
        ] {
            assert_eq!(fee_yen(reason, false, true), fee, "{reason:?}");
            assert_eq!(Reason::parse_input(reason.code()), Ok(reason));
        }
        assert_eq!(fee_yen(Reason::Lost, false, false), 800);
        assert_eq!(fee_yen(Reason::Damaged, true, true), 2_000);
        assert_eq!(fee_yen(Reason::Lost, true, false), 1_800);
        assert_eq!(fee_yen(Reason::AdditionsFull, true, true), 0);
        // Old rows still read; an application may not choose its fee with them.
        assert_eq!(fee_yen(Reason::Reissue, false, true), 1_000);
        assert_eq!(fee_yen(Reason::ReissueFree, true, true), 0);
        for old in ["reissue", "reissue-free", "whatever"] {
            assert!(
                Reason::parse_input(old)
                    .unwrap_err()
                    .problem()
                    .contains("names its cause")
            );
        }
        let today = date(2026, 12, 1);
        let adult = date(1990, 1, 1);
        for (reason, birth, became, since, ok) in [
            (
                Reason::First,
                date(2026, 6, 1),
                Some(date(2026, 6, 1)),
                None,
                true,
            ),
            (Reason::First, adult, Some(date(2026, 11, 20)), None, true),
            (Reason::First, adult, Some(date(2020, 1, 1)), None, false),
            (Reason::Renewal, adult, Some(date(2020, 1, 1)), None, false),
            (Reason::Lost, adult, None, Some(date(2026, 11, 1)), true),
            (Reason::Lost, adult, None, Some(date(2026, 10, 31)), false),
            (Reason::Damaged, adult, None, None, true),
            (Reason::AdditionsFull, adult, None, None, true),
            (Reason::NumberChanged, adult, None, None, true),
        ] {
            assert_eq!(
                express_allowed(reason, birth, became, since, today).is_ok(),
                ok,
                "{reason:?} {since:?}"
            );
        }
        use IdentityDocument as D;
        assert!(check_identity(&[D::Passport]).is_ok());
        assert!(check_identity(&[D::HealthInsurance, D::PensionBook]).is_ok());
        assert!(check_identity(&[D::HealthInsurance]).is_err());
        assert!(check_identity(&[D::HealthInsurance, D::HealthInsurance]).is_err());
        assert!(check_identity(&[]).is_err());
        for d in D::ALL {
            assert_eq!(D::parse(d.code()), Some(d));
        }
    }
}
