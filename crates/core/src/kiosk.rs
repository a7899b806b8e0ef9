//! コンビニ交付 (certificates at convenience-store kiosks): which documents a municipality
//! offers there, to whom, for how much and when, decided once, here (issue 13; outside-world
//! §4.1; the choices are in docs/design/kiosk.md).
//!
//! Each municipality has its own [`RuleTable`]: the fees and exclusions differ from one city to
//! the next (outside-world §4.1, "model them per municipality"). [`decide`] is the only place a
//! kiosk request is allowed or refused; the centre asks it with the instant of the request, so
//! the rule is the same for every terminal and every clock.

use jiff::civil::Date;

use crate::card::CardKind;
use crate::dates::{age_on, japan_time_of};
use crate::{FieldError, MunicipalityCode};

/// A document the kiosk prints (the register holds what they show).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum KioskDocument {
    /// 住民票の写し: a copy of one's resident record, or one's household's.
    ResidentRecordCopy,
    /// 住民票記載事項証明書: a certificate of items the resident record holds.
    ResidentRecordItems,
    /// 印鑑登録証明書: the certificate of one's registered seal (self only).
    SealCertificate,
}

crate::codes!(KioskDocument {
    ResidentRecordCopy => "resident-record-copy",
    ResidentRecordItems => "resident-record-items",
    SealCertificate => "seal-certificate",
});

impl KioskDocument {
    /// Whether it is made from the resident record (住民票), which a household with a pending
    /// move-out does not get at a kiosk (outside-world §4.1).
    pub fn is_resident_record(self) -> bool {
        matches!(self, Self::ResidentRecordCopy | Self::ResidentRecordItems)
    }
}

/// Whose document a resident may ask for at a kiosk.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum WhoMayAsk {
    /// 本人のみ: the card holder's own.
    Oneself,
    /// 本人または同一世帯員: the holder's, or a member's of the holder's household.
    Household,
}

crate::codes!(WhoMayAsk {
    Oneself => "oneself",
    Household => "household",
});

/// Whose document is asked for, as the register sees it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Whose {
    /// The card holder's own.
    Own,
    /// Another member of the holder's household.
    Household,
    /// Someone outside the holder's household.
    Other,
}

/// One document a municipality offers at kiosks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DocumentRule {
    /// The document.
    pub document: KioskDocument,
    /// Whose may be asked for.
    pub who: WhoMayAsk,
    /// 手数料: the fee for one copy, in yen.
    pub fee_yen: u32,
}

/// A day of the year (month, day) on which kiosks do not issue.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct MonthDay {
    /// 1–12.
    pub month: i8,
    /// 1–31.
    pub day: i8,
}

/// A maintenance window, in instants (µs since the epoch): from `starts_us`, until before
/// `ends_us`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Window {
    /// Its first instant.
    pub starts_us: i64,
    /// The first instant after it.
    pub ends_us: i64,
}

/// Minutes after midnight in Japan (UTC+9, no daylight saving time).
pub type MinuteOfDay = u16;

/// 06:30, when kiosks begin issuing (outside-world §4.1).
pub const OPENS: MinuteOfDay = 6 * 60 + 30;

/// 23:00, when they stop: the last request is at 22:59 (outside-world §4.1).
pub const CLOSES: MinuteOfDay = 23 * 60;

/// 12/29–1/3, the year-end and new-year days on which no kiosk issues (outside-world §4.1).
pub const YEAR_END: [MonthDay; 6] = [
    MonthDay { month: 12, day: 29 },
    MonthDay { month: 12, day: 30 },
    MonthDay { month: 12, day: 31 },
    MonthDay { month: 1, day: 1 },
    MonthDay { month: 1, day: 2 },
    MonthDay { month: 1, day: 3 },
];

/// The fee of one copy by default, in yen: the typical kiosk fee of each of the three
/// documents (outside-world §4.1). A municipality sets its own in its table.
pub const STANDARD_FEE_YEN: u32 = 200;

/// The most copies of one document in one request. **Choice** (no source gives a limit):
/// ten, as a bound on one resident's session at a shared machine; docs/design/kiosk.md.
pub const MAX_COPIES: u8 = 10;

/// One municipality's rules for kiosks.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RuleTable {
    /// The municipality whose documents these are.
    pub municipality: MunicipalityCode,
    /// The documents it offers; one not listed is not issued at kiosks.
    pub documents: Vec<DocumentRule>,
    /// From when requests are taken, each day.
    pub opens: MinuteOfDay,
    /// Until before when.
    pub closes: MinuteOfDay,
    /// Days of no issue, every year.
    pub closed_days: Vec<MonthDay>,
    /// Maintenance windows.
    pub maintenance: Vec<Window>,
    /// The age below which a card holder is refused, where the municipality excludes minors
    /// ("some cities exclude under-15s", outside-world §4.1).
    pub minimum_age: Option<i16>,
    /// The most copies of one document in one request.
    pub max_copies: u8,
}

impl RuleTable {
    /// The common rules (outside-world §4.1): the three documents at [`STANDARD_FEE_YEN`]
    /// (the seal's certificate for oneself only, the resident record's for the household),
    /// 06:30–23:00, closed 12/29–1/3, no maintenance window, no age limit.
    pub fn standard(municipality: MunicipalityCode) -> Self {
        let rule = |document, who| DocumentRule {
            document,
            who,
            fee_yen: STANDARD_FEE_YEN,
        };
        Self {
            municipality,
            documents: vec![
                rule(KioskDocument::ResidentRecordCopy, WhoMayAsk::Household),
                rule(KioskDocument::ResidentRecordItems, WhoMayAsk::Household),
                rule(KioskDocument::SealCertificate, WhoMayAsk::Oneself),
            ],
            opens: OPENS,
            closes: CLOSES,
            closed_days: YEAR_END.to_vec(),
            maintenance: Vec::new(),
            minimum_age: None,
            max_copies: MAX_COPIES,
        }
    }

    /// The rule of `document`, if the municipality offers it.
    pub fn rule(&self, document: KioskDocument) -> Option<&DocumentRule> {
        self.documents.iter().find(|r| r.document == document)
    }

    /// What is wrong with a table a municipality sets, each on its field: hours within the
    /// day and opening before closing; real closed days; maintenance windows that end after
    /// they start; an age limit of 0–20; 1–[`MAX_COPIES`] copies; each document once, at a fee
    /// of at most [`MAX_FEE_YEN`], and the seal's certificate for the holder only (a seal is
    /// one's own: facts, issue 13).
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.opens >= self.closes || self.closes > DAY_END {
            out.push(FieldError::new("hours", "problem-kiosk-rules-hours"));
        }
        let real =
            |d: &MonthDay| (1..=12).contains(&d.month) && Date::new(2024, d.month, d.day).is_ok();
        if !self.closed_days.iter().all(real) || self.closed_days.len() > 366 {
            out.push(FieldError::new(
                "closed_days",
                "problem-kiosk-rules-closed-days",
            ));
        }
        if self.maintenance.len() > MAX_WINDOWS
            || self.maintenance.iter().any(|w| w.ends_us <= w.starts_us)
        {
            out.push(FieldError::new(
                "maintenance",
                "problem-kiosk-rules-maintenance",
            ));
        }
        if self.minimum_age.is_some_and(|a| !(0..=20).contains(&a)) {
            out.push(FieldError::new("minimum_age", "problem-kiosk-rules-age"));
        }
        if !(1..=MAX_COPIES).contains(&self.max_copies) {
            out.push(
                FieldError::new("max_copies", "problem-kiosk-rules-copies")
                    .arg("max", i64::from(MAX_COPIES)),
            );
        }
        let mut seen = Vec::new();
        for rule in &self.documents {
            if seen.contains(&rule.document)
                || rule.fee_yen > MAX_FEE_YEN
                || (rule.document == KioskDocument::SealCertificate
                    && rule.who != WhoMayAsk::Oneself)
            {
                out.push(
                    FieldError::new("documents", "problem-kiosk-rules-document")
                        .arg("document", rule.document.code())
                        .arg("max", i64::from(MAX_FEE_YEN)),
                );
            }
            seen.push(rule.document);
        }
        out
    }

    /// The table as text, one rule a line (the form it is stored in: docs/design/kiosk.md).
    pub fn to_text(&self) -> String {
        let hm = |m: MinuteOfDay| format!("{:02}:{:02}", m / 60, m % 60);
        let mut out = format!(
            "{RULES_HEADER}\nhours\t{}\t{}\n",
            hm(self.opens),
            hm(self.closes)
        );
        let days: Vec<String> = self
            .closed_days
            .iter()
            .map(|d| format!("{:02}-{:02}", d.month, d.day))
            .collect();
        out.push_str(&format!("closed\t{}\n", days.join(",")));
        for w in &self.maintenance {
            out.push_str(&format!("maintenance\t{}\t{}\n", w.starts_us, w.ends_us));
        }
        if let Some(age) = self.minimum_age {
            out.push_str(&format!("minimum-age\t{age}\n"));
        }
        out.push_str(&format!("max-copies\t{}\n", self.max_copies));
        for r in &self.documents {
            out.push_str(&format!(
                "document\t{}\t{}\t{}\n",
                r.document.code(),
                r.who.code(),
                r.fee_yen
            ));
        }
        out
    }

    /// Reads a table's text for `municipality`; `None` unless it is what [`RuleTable::to_text`]
    /// writes.
    pub fn parse(municipality: MunicipalityCode, text: &str) -> Option<Self> {
        let mut lines = text.strip_suffix('\n')?.split('\n');
        if lines.next()? != RULES_HEADER {
            return None;
        }
        let minute = |s: &str| -> Option<MinuteOfDay> {
            let (h, m) = s.split_once(':')?;
            let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
            (h <= 24 && m < 60 && h * 60 + m <= DAY_END).then_some(h * 60 + m)
        };
        let mut table = Self {
            municipality,
            documents: Vec::new(),
            opens: OPENS,
            closes: CLOSES,
            closed_days: Vec::new(),
            maintenance: Vec::new(),
            minimum_age: None,
            max_copies: MAX_COPIES,
        };
        let mut hours = false;
        for line in lines {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["hours", o, c] if !hours => {
                    table.opens = minute(o)?;
                    table.closes = minute(c)?;
                    hours = true;
                }
                ["closed", days] => {
                    for d in days.split(',').filter(|d| !d.is_empty()) {
                        let (m, d) = d.split_once('-')?;
                        table.closed_days.push(MonthDay {
                            month: m.parse().ok()?,
                            day: d.parse().ok()?,
                        });
                    }
                }
                ["maintenance", a, b] if table.maintenance.len() < MAX_WINDOWS => {
                    table.maintenance.push(Window {
                        starts_us: a.parse().ok()?,
                        ends_us: b.parse().ok()?,
                    });
                }
                ["minimum-age", a] => table.minimum_age = Some(a.parse().ok()?),
                ["max-copies", n] => table.max_copies = n.parse().ok()?,
                ["document", d, w, fee] if table.documents.len() < 3 => {
                    table.documents.push(DocumentRule {
                        document: KioskDocument::parse(d)?,
                        who: WhoMayAsk::parse(w)?,
                        fee_yen: fee.parse().ok()?,
                    });
                }
                _ => return None,
            }
        }
        hours.then_some(table)
    }
}

/// The first line of a rule table's text: its format and version.
pub const RULES_HEADER: &str = "mynumber-kiosk-rules-v1";

/// The end of the day, 24:00: a table open until then closes at midnight.
pub const DAY_END: MinuteOfDay = 24 * 60;

/// The highest fee a table may set, in yen. **Choice**: a bound against a slip of the
/// keyboard; the kiosk fees of outside-world §4.1 are 200–450 yen.
pub const MAX_FEE_YEN: u32 = 10_000;

/// The most maintenance windows a table holds at once. **Choice**: a year of monthly windows
/// with room to spare.
pub const MAX_WINDOWS: usize = 50;

/// What a kiosk asks, as the centre knows it at the moment of asking.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct KioskRequest {
    /// The document.
    pub document: KioskDocument,
    /// When it is asked (µs since the epoch).
    pub at_us: i64,
    /// The kind of the card inserted.
    pub card: CardKind,
    /// The card holder's date of birth.
    pub holder_birth: Date,
    /// Whether the holder lives in the municipality now: an active record, or one whose
    /// move-out is filed for a later day (a 転出予定者 still lives there). A removed record, a
    /// 除票, is never issued at a kiosk.
    pub holder_resident: bool,
    /// Whose document.
    pub whose: Whose,
    /// Whether the household of the person whose document it is has a 転出予定者 (a move-out
    /// notified and not yet completed).
    pub move_out_pending: bool,
    /// Whether the person whose document it is has a seal registered in force (for the seal's
    /// certificate).
    pub seal_registered: bool,
    /// How many copies.
    pub copies: u8,
}

/// What a request costs, once allowed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Quote {
    /// One copy's fee, in yen.
    pub fee_yen_each: u32,
    /// Copies.
    pub copies: u8,
    /// The whole, in yen.
    pub total_yen: u32,
}

/// Why a kiosk request is refused. Each has a stable code, for the kiosk's screen (through the
/// catalogs) and the ledger.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Refusal {
    /// 顔認証マイナンバーカード: no PIN and no certificate to sign with (outside-world §4.1;
    /// facts §2.1).
    FaceRecognitionCard,
    /// Before the day's opening or from its closing.
    OutsideHours,
    /// One of the municipality's closed days (12/29–1/3 by default).
    ClosedDay,
    /// A maintenance window.
    Maintenance,
    /// The municipality does not issue this document at kiosks.
    NotOffered,
    /// Only the holder's own may be asked for.
    NotOwn,
    /// Only the holder's or their household's may be asked for.
    NotHousehold,
    /// The holder is under the municipality's age limit.
    UnderAge,
    /// The household has a pending move-out (転出予定者).
    MoveOutPending,
    /// No copy, or more than the table allows.
    Copies,
    /// A seal's certificate, and no seal is registered (印鑑登録).
    NoSeal,
    /// The holder no longer lives in the municipality (moved out, moved abroad, died): their
    /// record is a 除票, issued at the counter only.
    NotResident,
}

crate::codes!(Refusal {
    FaceRecognitionCard => "face-recognition-card",
    OutsideHours => "outside-hours",
    ClosedDay => "closed-day",
    Maintenance => "maintenance",
    NotOffered => "not-offered",
    NotOwn => "not-own",
    NotHousehold => "not-household",
    UnderAge => "under-age",
    MoveOutPending => "move-out-pending",
    Copies => "copies",
    NoSeal => "no-seal",
    NotResident => "not-resident",
});

impl Refusal {
    /// The problem the kiosk's screen is shown, on the field `order`.
    pub fn problem(self) -> crate::FieldError {
        crate::FieldError::new(
            "order",
            match self {
                Self::FaceRecognitionCard => "problem-kiosk-face-recognition-card",
                Self::OutsideHours => "problem-kiosk-outside-hours",
                Self::ClosedDay => "problem-kiosk-closed-day",
                Self::Maintenance => "problem-kiosk-maintenance",
                Self::NotOffered => "problem-kiosk-not-offered",
                Self::NotOwn => "problem-kiosk-not-own",
                Self::NotHousehold => "problem-kiosk-not-household",
                Self::UnderAge => "problem-kiosk-under-age",
                Self::MoveOutPending => "problem-kiosk-move-out-pending",
                Self::Copies => "problem-kiosk-copies",
                Self::NoSeal => "problem-kiosk-no-seal",
                Self::NotResident => "problem-kiosk-not-resident",
            },
        )
    }
}

/// What a resident may choose on a 住民票 at a kiosk (outside-world §4.1: 本籍・筆頭者, 世帯主・
/// 続柄 and the number, each on or off). 本籍 is not offered: the register of this system does
/// not hold the 戸籍 (docs/design/kiosk.md).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum KioskOption {
    /// 世帯全員: the whole household on the copy, not only the holder.
    Household,
    /// 世帯主・続柄: the head of household and each person's relationship to them.
    Householder,
    /// 個人番号: printed only at the person's own request; printing it is reading it.
    Number,
}

crate::codes!(KioskOption {
    Household => "household",
    Householder => "householder",
    Number => "number",
});

/// A resident's order at a kiosk, as checked before the rules: the document, its options,
/// the copies.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Order {
    /// The document.
    pub document: KioskDocument,
    /// The options chosen, each once, in order.
    pub options: Vec<KioskOption>,
    /// Copies (the rule table bounds them).
    pub copies: u8,
}

impl Order {
    /// Checks an order as a kiosk sent it: a known document, options it takes (the seal's
    /// certificate takes none), copies a number. Every problem at once.
    pub fn new(document: &str, options: &[&str], copies: i64) -> Result<Self, crate::Invalid> {
        let mut problems = Vec::new();
        let document = KioskDocument::parse_field("document", document)
            .map_err(|e| problems.push(e))
            .ok();
        let mut chosen = Vec::new();
        for o in options {
            match KioskOption::parse_field("options", o) {
                Ok(o) => chosen.push(o),
                Err(e) => problems.push(e),
            }
        }
        chosen.sort();
        chosen.dedup();
        if document == Some(KioskDocument::SealCertificate) && !chosen.is_empty() {
            problems.push(crate::FieldError::new(
                "options",
                "problem-kiosk-seal-options",
            ));
        }
        // The table bounds the copies; here only that it is a count at all.
        let copies = u8::try_from(copies).unwrap_or(0);
        match document {
            Some(document) if problems.is_empty() => Ok(Self {
                document,
                options: chosen,
                copies,
            }),
            _ => Err(crate::Invalid(problems)),
        }
    }

    /// Whether `option` was chosen.
    pub fn has(&self, option: KioskOption) -> bool {
        self.options.contains(&option)
    }
}

/// Whether `table` lets the kiosk issue `request`, and for how much. The card first (a face
/// card cannot have signed anything), then the time, then whether the holder lives here, the
/// document, whose it is, the
/// holder's age, the household, and the copies: the first rule broken is the answer.
pub fn decide(table: &RuleTable, request: &KioskRequest) -> Result<Quote, Refusal> {
    if request.card == CardKind::FaceRecognition {
        return Err(Refusal::FaceRecognitionCard);
    }
    if table
        .maintenance
        .iter()
        .any(|w| w.starts_us <= request.at_us && request.at_us < w.ends_us)
    {
        return Err(Refusal::Maintenance);
    }
    let Some(at) = japan_time_of(request.at_us) else {
        return Err(Refusal::OutsideHours);
    };
    let today = MonthDay {
        month: at.month(),
        day: at.day(),
    };
    if table.closed_days.contains(&today) {
        return Err(Refusal::ClosedDay);
    }
    let minute = MinuteOfDay::try_from(i32::from(at.hour()) * 60 + i32::from(at.minute()))
        .map_err(|_| Refusal::OutsideHours)?;
    if minute < table.opens || minute >= table.closes {
        return Err(Refusal::OutsideHours);
    }
    if !request.holder_resident {
        return Err(Refusal::NotResident);
    }
    let rule = table.rule(request.document).ok_or(Refusal::NotOffered)?;
    match (rule.who, request.whose) {
        (_, Whose::Own) | (WhoMayAsk::Household, Whose::Household) => {}
        (WhoMayAsk::Oneself, _) => return Err(Refusal::NotOwn),
        (WhoMayAsk::Household, Whose::Other) => return Err(Refusal::NotHousehold),
    }
    if let Some(minimum) = table.minimum_age
        && age_on(request.holder_birth, at.date()) < minimum
    {
        return Err(Refusal::UnderAge);
    }
    if request.document.is_resident_record() && request.move_out_pending {
        return Err(Refusal::MoveOutPending);
    }
    if request.document == KioskDocument::SealCertificate && !request.seal_registered {
        return Err(Refusal::NoSeal);
    }
    if request.copies == 0 || request.copies > table.max_copies {
        return Err(Refusal::Copies);
    }
    Ok(Quote {
        fee_yen_each: rule.fee_yen,
        copies: request.copies,
        total_yen: rule.fee_yen.saturating_mul(u32::from(request.copies)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_table_reads_back_as_written_and_nothing_else_reads() {
        let code = MunicipalityCode::parse("131041").unwrap();
        let mut table = RuleTable::standard(code);
        assert_eq!(
            RuleTable::parse(code, &table.to_text()),
            Some(table.clone())
        );
        assert!(table.to_text().starts_with(
            "mynumber-kiosk-rules-v1\nhours\t06:30\t23:00\nclosed\t12-29,12-30,12-31,01-01,01-02,01-03\n"
        ));
        table.opens = 0;
        table.closes = DAY_END;
        table.closed_days.clear();
        table.minimum_age = Some(15);
        table.maintenance.push(Window {
            starts_us: 10,
            ends_us: 20,
        });
        table.documents[0].fee_yen = 300;
        assert!(table.problems().is_empty());
        let text = table.to_text();
        assert!(text.contains("hours\t00:00\t24:00\nclosed\t\n"));
        assert_eq!(RuleTable::parse(code, &text), Some(table));
        for bad in [
            text.replace("v1", "v2"),
            text.replace("24:00", "24:01"),
            text.replace("hours\t00:00\t24:00\n", ""),
            text.replace("household", "anyone"),
            format!("{text}document\tresident-record-copy\thousehold\t1\n"),
            format!("{text}colour\tred\n"),
            text.trim_end().to_owned(),
        ] {
            assert_eq!(RuleTable::parse(code, &bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_table_s_problems_are_named_on_their_fields() {
        let code = MunicipalityCode::parse("131041").unwrap();
        let mut table = RuleTable::standard(code);
        assert!(table.problems().is_empty());
        table.opens = CLOSES;
        table.closed_days.push(MonthDay { month: 2, day: 30 });
        table.maintenance.push(Window {
            starts_us: 20,
            ends_us: 20,
        });
        table.minimum_age = Some(21);
        table.max_copies = 0;
        table.documents[2].who = WhoMayAsk::Household;
        table.documents[0].fee_yen = MAX_FEE_YEN + 1;
        let fields: Vec<&str> = table.problems().iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "hours",
                "closed_days",
                "maintenance",
                "minimum_age",
                "max_copies",
                "documents",
                "documents"
            ]
        );
        // Open all day: 00:00 to 24:00, the last request at 23:59.
        let mut open = RuleTable::standard(code);
        open.opens = 0;
        open.closes = DAY_END;
        assert!(open.problems().is_empty());
    }
    use jiff::civil::date;

    /// µs of a time in Japan.
    fn jst(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> i64 {
        jiff::tz::offset(9)
            .to_timestamp(date(y, mo, d).at(h, mi, 0, 0))
            .unwrap()
            .as_microsecond()
    }

    fn table() -> RuleTable {
        RuleTable::standard(MunicipalityCode::parse("131016").unwrap())
    }

    fn request(at_us: i64) -> KioskRequest {
        KioskRequest {
            document: KioskDocument::ResidentRecordCopy,
            at_us,
            card: CardKind::Standard,
            holder_birth: date(1990, 4, 1),
            holder_resident: true,
            whose: Whose::Own,
            move_out_pending: false,
            seal_registered: true,
            copies: 1,
        }
    }

    /// Every boundary of the day and the year (issue 13: 06:29 / 06:30 / 22:59 / 23:00 JST,
    /// 12/28 and 12/29), and the new year's last closed day and first open one.
    #[test]
    fn the_hours_and_the_closed_days_at_their_boundaries() {
        let cases: [(&str, i64, Result<u32, Refusal>); 11] = [
            ("06:29", jst(2026, 12, 1, 6, 29), Err(Refusal::OutsideHours)),
            ("06:30", jst(2026, 12, 1, 6, 30), Ok(200)),
            ("22:59", jst(2026, 12, 1, 22, 59), Ok(200)),
            ("23:00", jst(2026, 12, 1, 23, 0), Err(Refusal::OutsideHours)),
            ("00:00", jst(2026, 12, 2, 0, 0), Err(Refusal::OutsideHours)),
            ("12/28 22:59", jst(2026, 12, 28, 22, 59), Ok(200)),
            // 06:30 JST is 21:30 UTC on 12/28: the day is Japan's.
            (
                "12/29 06:30",
                jst(2026, 12, 29, 6, 30),
                Err(Refusal::ClosedDay),
            ),
            (
                "12/31 12:00",
                jst(2026, 12, 31, 12, 0),
                Err(Refusal::ClosedDay),
            ),
            ("1/1 12:00", jst(2027, 1, 1, 12, 0), Err(Refusal::ClosedDay)),
            (
                "1/3 22:59",
                jst(2027, 1, 3, 22, 59),
                Err(Refusal::ClosedDay),
            ),
            ("1/4 06:30", jst(2027, 1, 4, 6, 30), Ok(200)),
        ];
        for (name, at, expected) in cases {
            let got = decide(&table(), &request(at)).map(|q| q.total_yen);
            assert_eq!(got, expected, "{name}");
        }
    }

    #[test]
    fn a_maintenance_window_holds_from_its_start_until_before_its_end() {
        let mut t = table();
        let (from, to) = (jst(2026, 12, 6, 20, 0), jst(2026, 12, 6, 22, 0));
        t.maintenance.push(Window {
            starts_us: from,
            ends_us: to,
        });
        for (at, expected) in [
            (from - 1, Ok(200)),
            (from, Err(Refusal::Maintenance)),
            (to - 1, Err(Refusal::Maintenance)),
            (to, Ok(200)),
        ] {
            assert_eq!(decide(&t, &request(at)).map(|q| q.total_yen), expected);
        }
    }

    /// Who may ask for what, the card, the household's move-out, the age limit and the
    /// copies, in the order `decide` checks them.
    #[test]
    fn each_rule_refuses_with_its_own_reason() {
        let noon = jst(2026, 12, 1, 12, 0);
        let base = request(noon);
        let seal = KioskRequest {
            document: KioskDocument::SealCertificate,
            ..base
        };
        let standard = table();
        let minors = RuleTable {
            minimum_age: Some(15),
            ..table()
        };
        let no_seal = RuleTable {
            documents: table()
                .documents
                .into_iter()
                .filter(|r| r.document != KioskDocument::SealCertificate)
                .collect(),
            ..table()
        };
        let born = |birth: Date| KioskRequest {
            holder_birth: birth,
            ..base
        };
        let cases: Vec<(&str, &RuleTable, KioskRequest, Result<u32, Refusal>)> = vec![
            ("own record", &standard, base, Ok(200)),
            (
                "a face card, even in hours",
                &standard,
                KioskRequest {
                    card: CardKind::FaceRecognition,
                    ..base
                },
                Err(Refusal::FaceRecognitionCard),
            ),
            (
                "a household member's record",
                &standard,
                KioskRequest {
                    whose: Whose::Household,
                    ..base
                },
                Ok(200),
            ),
            (
                "someone else's record",
                &standard,
                KioskRequest {
                    whose: Whose::Other,
                    ..base
                },
                Err(Refusal::NotHousehold),
            ),
            ("own seal", &standard, seal, Ok(200)),
            (
                "a household member's seal",
                &standard,
                KioskRequest {
                    whose: Whose::Household,
                    ..seal
                },
                Err(Refusal::NotOwn),
            ),
            (
                "a seal where none is offered",
                &no_seal,
                seal,
                Err(Refusal::NotOffered),
            ),
            (
                "a record with a move-out pending",
                &standard,
                KioskRequest {
                    move_out_pending: true,
                    ..base
                },
                Err(Refusal::MoveOutPending),
            ),
            (
                "the items' certificate with a move-out pending",
                &standard,
                KioskRequest {
                    document: KioskDocument::ResidentRecordItems,
                    move_out_pending: true,
                    ..base
                },
                Err(Refusal::MoveOutPending),
            ),
            (
                "a seal with a move-out pending",
                &standard,
                KioskRequest {
                    move_out_pending: true,
                    ..seal
                },
                Ok(200),
            ),
            // An age is attained at the end of the day before the birthday: born 2011-12-02,
            // 15 on 2026-12-01.
            (
                "14, where under-15s are refused",
                &minors,
                born(date(2011, 12, 3)),
                Err(Refusal::UnderAge),
            ),
            ("15 that day", &minors, born(date(2011, 12, 2)), Ok(200)),
            (
                "14, where no age is set",
                &standard,
                born(date(2011, 12, 3)),
                Ok(200),
            ),
            (
                "no copy",
                &standard,
                KioskRequest { copies: 0, ..base },
                Err(Refusal::Copies),
            ),
            (
                "ten copies",
                &standard,
                KioskRequest { copies: 10, ..base },
                Ok(2000),
            ),
            (
                "eleven copies",
                &standard,
                KioskRequest { copies: 11, ..base },
                Err(Refusal::Copies),
            ),
        ];
        for (name, t, r, expected) in cases {
            assert_eq!(decide(t, &r).map(|q| q.total_yen), expected, "{name}");
        }
    }

    #[test]
    fn a_municipality_s_own_fee_is_charged_for_each_copy() {
        let mut t = table();
        t.documents[0].fee_yen = 150;
        let q = decide(
            &t,
            &KioskRequest {
                copies: 3,
                ..request(jst(2026, 12, 1, 12, 0))
            },
        )
        .unwrap();
        assert_eq!((q.fee_yen_each, q.copies, q.total_yen), (150, 3, 450));
    }

    /// A seal's certificate needs a seal in force; the copies are checked after it.
    #[test]
    fn a_seal_certificate_needs_a_registered_seal() {
        let at = jst(2026, 12, 7, 10, 0);
        let ask = |seal_registered, copies| {
            decide(
                &table(),
                &KioskRequest {
                    document: KioskDocument::SealCertificate,
                    seal_registered,
                    copies,
                    ..request(at)
                },
            )
        };
        assert_eq!(ask(false, 1), Err(Refusal::NoSeal));
        assert_eq!(ask(false, 0), Err(Refusal::NoSeal));
        assert_eq!(ask(true, 0), Err(Refusal::Copies));
        assert_eq!(ask(true, 3).map(|q| q.total_yen), Ok(600));
        // A former resident's 除票 is not issued at a kiosk, whatever the document; the hours
        // come first.
        for document in KioskDocument::ALL {
            let gone = KioskRequest {
                document,
                holder_resident: false,
                ..request(at)
            };
            assert_eq!(decide(&table(), &gone), Err(Refusal::NotResident));
            let late = KioskRequest {
                at_us: jst(2026, 12, 7, 23, 0),
                ..gone
            };
            assert_eq!(decide(&table(), &late), Err(Refusal::OutsideHours));
        }
        // A 住民票 does not ask about seals.
        let copy = KioskRequest {
            seal_registered: false,
            ..request(at)
        };
        assert!(decide(&table(), &copy).is_ok());
    }

    #[test]
    fn an_order_names_a_document_its_options_and_copies() {
        let order = Order::new(
            "resident-record-copy",
            &["number", "household", "number"],
            2,
        )
        .unwrap();
        assert_eq!(order.options, [KioskOption::Household, KioskOption::Number]);
        assert!(order.has(KioskOption::Number) && !order.has(KioskOption::Householder));
        assert_eq!(order.copies, 2);
        // Out of range is kept as no copy, which the table refuses.
        assert_eq!(Order::new("seal-certificate", &[], 300).unwrap().copies, 0);
        assert_eq!(Order::new("seal-certificate", &[], -1).unwrap().copies, 0);
        let fields = |d: &str, o: &[&str]| -> Vec<&'static str> {
            Order::new(d, o, 1)
                .unwrap_err()
                .0
                .iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields("tax-certificate", &[]), ["document"]);
        assert_eq!(fields("seal-certificate", &["number"]), ["options"]);
        assert_eq!(fields("resident-record-copy", &["domicile"]), ["options"]);
        assert_eq!(fields("x", &["y"]), ["document", "options"]);
    }
}
