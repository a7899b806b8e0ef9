//! 情報提供ネットワークシステム (the exchange network; 番号法第19条第8号, 第21条の2, 第23条;
//! outside-world §3.1, §3.4): the rules of agencies asking each other for a person's data
//! without the number. What kinds of agency there are, the data items and their layouts (副本),
//! the permission table, the messages (a request, its answer, the copy it carries) in the text
//! forms the signatures cover, and the record each party keeps (第23条). Pure: keys, times and
//! storage belong to the app. docs/design/exchange.md sets out every choice made here.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::FieldError;
use crate::agency_code::{AgencyCode, AgencyUnit};

/// 機関の種別: what kind of agency, or part of one, a unit is. The permission table is written
/// in kinds, as the law's table is (市町村長, 教育委員会, …); a unit is one agency of a kind.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum UnitKind {
    /// 市町村長: the mayor's offices of a municipality (首長部局).
    MunicipalityMayor,
    /// 教育委員会: a municipality's board of education, which the law treats apart.
    BoardOfEducation,
    /// 日本年金機構: the pension service.
    PensionService,
    /// 情報提供等記録開示システム (マイナポータル): the resident's own portal, which asks for a
    /// person's data only for that person.
    Portal,
}

crate::codes!(UnitKind {
    MunicipalityMayor => "municipality-mayor",
    BoardOfEducation => "board-of-education",
    PensionService => "pension-service",
    Portal => "portal",
});

/// 利用特定個人情報の項目: a data set a provider holds copies of (副本) and others may ask for.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum DataItem {
    /// 住民票関係情報: the person's household as the register holds it, beyond the four items
    /// (which travel over 住基ネット instead; outside-world §3.1).
    ResidentHousehold,
    /// 地方税関係情報: the person's taxable income and the municipal tax on it.
    LocalTax,
    /// 児童手当関係情報: whether the person receives the child allowance, for how many children.
    ChildAllowance,
}

crate::codes!(DataItem {
    ResidentHousehold => "resident-household",
    LocalTax => "local-tax",
    ChildAllowance => "child-allowance",
});

/// What a field of a copy holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FieldKind {
    /// Text of at most this many characters, no control characters.
    Text(usize),
    /// A count, 0–99.
    Count,
    /// An amount in yen, 0–999,999,999,999.
    Yen,
    /// A year (課税年度), 1900–2200.
    Year,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// `yes` or `no`.
    YesNo,
    /// One of these codes.
    OneOf(&'static [&'static str]),
}

/// One field of a data item's layout.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Field {
    /// Its key in the copy's text and in CSV headers.
    pub key: &'static str,
    /// Its name in Japanese, as the standard layouts name such fields.
    pub label: &'static str,
    /// What it holds.
    pub kind: FieldKind,
}

const fn field(key: &'static str, label: &'static str, kind: FieldKind) -> Field {
    Field { key, label, kind }
}

/// 住民票関係情報. **Choice**: the fields of the standard layouts (特定個人情報データ標準レイアウト,
/// outside-world §3.1) are not in our facts; these are the household items a procedure asks for.
const RESIDENT_HOUSEHOLD: &[Field] = &[
    field("relationship", "世帯主との続柄", FieldKind::Text(20)),
    field("head-name", "世帯主の氏名", FieldKind::Text(100)),
    field("household-size", "世帯員の数", FieldKind::Count),
    field("resident-since", "住民となった年月日", FieldKind::Date),
];

/// 地方税関係情報 (個人住民税). **Choice**, as above.
const LOCAL_TAX: &[Field] = &[
    field("fiscal-year", "課税年度", FieldKind::Year),
    field("total-income", "総所得金額等", FieldKind::Yen),
    field("taxable-income", "課税標準額", FieldKind::Yen),
    field("income-levy", "所得割額", FieldKind::Yen),
    field("per-capita-levy", "均等割額", FieldKind::Yen),
    field("dependants", "扶養親族の数", FieldKind::Count),
    field("non-taxable", "非課税", FieldKind::YesNo),
];

/// 児童手当関係情報. **Choice**, as above.
const CHILD_ALLOWANCE: &[Field] = &[
    field(
        "status",
        "受給状況",
        FieldKind::OneOf(&["paying", "suspended", "ended"]),
    ),
    field("children", "支給対象児童の数", FieldKind::Count),
    field("monthly-amount", "支給月額", FieldKind::Yen),
    field("since", "支給開始年月日", FieldKind::Date),
];

impl DataItem {
    /// The item's fields, in the order its copy's text and its CSV carry them.
    pub fn layout(self) -> &'static [Field] {
        match self {
            Self::ResidentHousehold => RESIDENT_HOUSEHOLD,
            Self::LocalTax => LOCAL_TAX,
            Self::ChildAllowance => CHILD_ALLOWANCE,
        }
    }

    /// Its name in Japanese.
    pub fn label(self) -> &'static str {
        match self {
            Self::ResidentHousehold => "住民票関係情報",
            Self::LocalTax => "地方税関係情報",
            Self::ChildAllowance => "児童手当関係情報",
        }
    }
}

/// Whether `value` is a valid value of a field of `kind`; `None` if so, else the problem key.
fn check_value(kind: FieldKind, value: &str) -> Option<&'static str> {
    let digits = |max: usize| {
        !value.is_empty() && value.len() <= max && value.bytes().all(|b| b.is_ascii_digit())
    };
    let ok = match kind {
        FieldKind::Text(max) => {
            !value.is_empty()
                && value.chars().count() <= max
                && !value.chars().any(char::is_control)
                && value.trim() == value
        }
        FieldKind::Count => digits(2),
        FieldKind::Yen => digits(12),
        FieldKind::Year => digits(4) && (1900..=2200).contains(&value.parse::<u32>().unwrap_or(0)),
        FieldKind::Date => value.len() == 10 && value.parse::<jiff::civil::Date>().is_ok(),
        FieldKind::YesNo => matches!(value, "yes" | "no"),
        FieldKind::OneOf(codes) => codes.contains(&value),
    };
    (!ok).then_some(match kind {
        FieldKind::Text(_) => "problem-copy-text",
        FieldKind::Count | FieldKind::Yen | FieldKind::Year => "problem-copy-number",
        FieldKind::Date => "problem-date-form",
        FieldKind::YesNo | FieldKind::OneOf(_) => "problem-copy-code",
    })
}

/// 副本: one person's copy of one data item, as the provider's intermediate server holds it and
/// as the answer carries it (encrypted to the requester). Every field of the item's layout, in
/// its order.
#[derive(Clone, PartialEq, Eq)]
pub struct CopyValues {
    item: DataItem,
    values: Vec<String>,
}

/// Not the values: a copy is personal data.
impl fmt::Debug for CopyValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CopyValues")
            .field("item", &self.item)
            .finish_non_exhaustive()
    }
}

/// The first line of a copy's text.
pub const COPY_HEADER: &str = "mynumber-copy-v1";

impl CopyValues {
    /// A copy from `(key, value)` pairs in any order: every field of the layout once, each valid
    /// for its kind. Every problem is named on its field (`value` names the CSV column or the
    /// JSON member).
    pub fn new(item: DataItem, pairs: &[(&str, &str)]) -> Result<Self, Vec<FieldError>> {
        // More fields than the layout has is refused as such, before each is named: a copy of
        // a million unknown fields is one problem, not a million (found in review).
        if pairs.len() > item.layout().len() * 2 {
            return Err(vec![
                FieldError::new("fields", "problem-copy-fields-too-many")
                    .arg("max", item.layout().len() as i64),
            ]);
        }
        let mut problems = Vec::new();
        for (key, _) in pairs {
            if !item.layout().iter().any(|f| f.key == *key) {
                problems.push(
                    FieldError::new("fields", "problem-copy-field-unknown")
                        .arg("field", (*key).to_owned())
                        .arg("item", item.code()),
                );
            }
        }
        let mut values = Vec::with_capacity(item.layout().len());
        for f in item.layout() {
            let given: Vec<&str> = pairs
                .iter()
                .filter(|(k, _)| *k == f.key)
                .map(|(_, v)| *v)
                .collect();
            match given.as_slice() {
                [value] => match check_value(f.kind, value) {
                    None => values.push((*value).to_owned()),
                    Some(key) => problems.push(FieldError::new(f.key, key).arg("given", *value)),
                },
                [] => problems.push(FieldError::new(f.key, "problem-required")),
                _ => problems.push(FieldError::new(f.key, "problem-copy-field-twice")),
            }
        }
        if problems.is_empty() {
            Ok(Self { item, values })
        } else {
            Err(problems)
        }
    }

    /// The item.
    pub fn item(&self) -> DataItem {
        self.item
    }

    /// Each field with its value, in the layout's order.
    pub fn fields(&self) -> impl Iterator<Item = (&'static Field, &str)> {
        self.item
            .layout()
            .iter()
            .zip(self.values.iter().map(String::as_str))
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields().find(|(f, _)| f.key == key).map(|(_, v)| v)
    }

    /// The text the answer encrypts: the header, `item: …`, then `key: value` per field.
    pub fn to_text(&self) -> String {
        let mut out = format!("{COPY_HEADER}\nitem: {}\n", self.item.code());
        for (f, v) in self.fields() {
            out.push_str(f.key);
            out.push_str(": ");
            out.push_str(v);
            out.push('\n');
        }
        out
    }

    /// Reads a copy's text back, strictly: exactly what [`CopyValues::to_text`] writes.
    pub fn parse(text: &str) -> Option<Self> {
        let mut lines = Lines::new(text, COPY_HEADER)?;
        let item = DataItem::parse(lines.value("item")?)?;
        let mut pairs = Vec::with_capacity(item.layout().len());
        for f in item.layout() {
            pairs.push((f.key, lines.value(f.key)?));
        }
        lines.end()?;
        Self::new(item, &pairs).ok()
    }
}

/// Reads `key: value` lines in a fixed order after a header line, each ending in `\n`.
struct Lines<'a> {
    rest: &'a str,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, header: &str) -> Option<Self> {
        let rest = text.strip_prefix(header)?.strip_prefix('\n')?;
        Some(Self { rest })
    }

    fn value(&mut self, key: &str) -> Option<&'a str> {
        let (line, rest) = self.rest.split_once('\n')?;
        self.rest = rest;
        let value = line.strip_prefix(key)?.strip_prefix(": ")?;
        (!value.is_empty() && !value.chars().any(char::is_control)).then_some(value)
    }

    /// The `id` … `item` lines a request and its answer both begin with.
    fn head(&mut self) -> Option<(RequestId, AgencyUnit, AgencyUnit, String, DataItem)> {
        Some((
            RequestId::parse(self.value("id")?)?,
            AgencyUnit::parse(self.value("requester")?)?,
            AgencyUnit::parse(self.value("provider")?)?,
            Some(self.value("procedure")?)
                .filter(|p| is_procedure(p))?
                .to_owned(),
            DataItem::parse(self.value("item")?)?,
        ))
    }

    fn end(self) -> Option<()> {
        self.rest.is_empty().then_some(())
    }
}

/// One row of the permission table.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Permission {
    /// The procedure's code (`child-allowance`).
    pub procedure: String,
    /// The affair, as the law words it (児童手当法による児童手当の支給に関する事務).
    pub affair: String,
    /// Who may ask.
    pub requester: UnitKind,
    /// Whom.
    pub provider: UnitKind,
    /// For what.
    pub item: DataItem,
}

/// The permission table: the (procedure, requester, provider, item) rows the network lets
/// through, and nothing else (番号法第19条第8号; outside-world §3.4 item 3).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PermissionTable {
    rows: Vec<Permission>,
}

/// The table this system ships, as text: `crates/core/data/exchange-permissions.tsv`.
pub const STANDARD_TABLE: &str = include_str!("../data/exchange-permissions.tsv");

/// Whether `s` is a procedure's code: lowercase ASCII letters, digits and hyphens, 1–64.
pub fn is_procedure(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl PermissionTable {
    /// The table this system ships. Were it ever unreadable (a test proves it is not), the
    /// network would let nothing through rather than something it cannot read.
    pub fn standard() -> Self {
        Self::parse(STANDARD_TABLE).unwrap_or(Self { rows: Vec::new() })
    }

    /// Reads a table: `#` lines are comments; each other line is five tab-separated fields.
    /// Every broken line is named by its number.
    pub fn parse(text: &str) -> Result<Self, Vec<String>> {
        let mut rows: Vec<Permission> = Vec::new();
        let mut problems = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            let [procedure, affair, requester, provider, item] = cells.as_slice() else {
                problems.push(format!("line {n}: not five tab-separated fields"));
                continue;
            };
            let row = (
                is_procedure(procedure).then_some(*procedure),
                (!affair.trim().is_empty()).then_some(*affair),
                UnitKind::parse(requester),
                UnitKind::parse(provider),
                DataItem::parse(item),
            );
            let (Some(procedure), Some(affair), Some(requester), Some(provider), Some(item)) = row
            else {
                problems.push(format!("line {n}: a field is not what its column holds"));
                continue;
            };
            let row = Permission {
                procedure: procedure.to_owned(),
                affair: affair.to_owned(),
                requester,
                provider,
                item,
            };
            if rows.iter().any(|r| {
                (&r.procedure, r.requester, r.provider, r.item)
                    == (&row.procedure, row.requester, row.provider, row.item)
            }) {
                problems.push(format!("line {n}: the same row twice"));
            } else if rows
                .iter()
                .any(|r| r.procedure == row.procedure && r.affair != row.affair)
            {
                problems.push(format!("line {n}: one procedure, two affairs"));
            } else {
                rows.push(row);
            }
        }
        if problems.is_empty() {
            Ok(Self { rows })
        } else {
            Err(problems)
        }
    }

    /// Its rows, in the table's order.
    pub fn rows(&self) -> &[Permission] {
        &self.rows
    }

    /// Whether the table lets `requester` ask `provider` for `item` for `procedure`.
    pub fn permits(
        &self,
        procedure: &str,
        requester: UnitKind,
        provider: UnitKind,
        item: DataItem,
    ) -> bool {
        self.rows.iter().any(|r| {
            r.procedure == procedure
                && r.requester == requester
                && r.provider == provider
                && r.item == item
        })
    }

    /// Every procedure named, once each, in the table's order.
    pub fn procedures(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !out.contains(&r.procedure.as_str()) {
                out.push(&r.procedure);
            }
        }
        out
    }

    /// The affair of `procedure`, if the table names it.
    pub fn affair(&self, procedure: &str) -> Option<&str> {
        self.rows
            .iter()
            .find(|r| r.procedure == procedure)
            .map(|r| r.affair.as_str())
    }
}

/// A request's id, chosen by the requester: 32 lowercase hex digits (128 bits).
#[derive(Clone, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct RequestId(String);

impl RequestId {
    /// Reads an id; `None` unless it is 32 lowercase hex digits.
    pub fn parse(s: &str) -> Option<Self> {
        (s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
            .then(|| Self(s.to_owned()))
    }

    /// From 16 random bytes.
    pub fn from_random(bytes: [u8; 16]) -> Self {
        Self(hex::encode(bytes))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The first line of a request's text.
pub const REQUEST_HEADER: &str = "mynumber-exchange-request-v1";

/// How far a request's time may stand from the network's clock, either way (seconds): a
/// request is answered once (its id is kept), and only while it is fresh.
pub const REQUEST_WINDOW_S: i64 = 300;

/// 情報照会: what a requester signs and sends to the network. The code is the requester's own
/// for the person; the network puts the provider's in its place.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ExchangeRequest {
    /// The requester's id for it.
    pub id: RequestId,
    /// Who asks.
    pub requester: AgencyUnit,
    /// Whom.
    pub provider: AgencyUnit,
    /// For which procedure (the table's code).
    pub procedure: String,
    /// For which item.
    pub item: DataItem,
    /// About whom: the requester's code.
    pub code: AgencyCode,
    /// When it was made (Unix seconds).
    pub requested_at_s: i64,
}

impl ExchangeRequest {
    /// The text the requester signs.
    pub fn to_text(&self) -> String {
        format!(
            "{REQUEST_HEADER}\nid: {}\nrequester: {}\nprovider: {}\nprocedure: {}\nitem: {}\n\
             code: {}\nrequested-at: {}\n",
            self.id.as_str(),
            self.requester.as_str(),
            self.provider.as_str(),
            self.procedure,
            self.item.code(),
            self.code.expose(),
            self.requested_at_s,
        )
    }

    /// Reads a request's text, strictly: exactly what [`ExchangeRequest::to_text`] writes.
    pub fn parse(text: &str) -> Option<Self> {
        let mut l = Lines::new(text, REQUEST_HEADER)?;
        let (id, requester, provider, procedure, item) = l.head()?;
        let request = Self {
            id,
            requester,
            provider,
            procedure,
            item,
            code: AgencyCode::parse(l.value("code")?)?,
            requested_at_s: seconds(l.value("requested-at")?)?,
        };
        l.end()?;
        (request.to_text() == text).then_some(request)
    }

    /// Whether it was made within [`REQUEST_WINDOW_S`] of `now_s`.
    pub fn is_fresh(&self, now_s: i64) -> bool {
        (now_s - REQUEST_WINDOW_S..=now_s + REQUEST_WINDOW_S).contains(&self.requested_at_s)
    }
}

/// Unix seconds, written as digits without sign or leading zeros.
fn seconds(s: &str) -> Option<i64> {
    let canonical = s == "0" || (!s.starts_with('0') && s.len() <= 12);
    (canonical && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The request hash: SHA-256 of the compact JWS the requester sent, in lowercase hex. The
/// provider signs it into its answer, so the requester can prove which answer came back for
/// which question (in the manner of X-Road's `X-Road-Request-Hash`; outside-world §3.3).
pub fn request_hash(request_jws: &str) -> String {
    hex::encode(Sha256::digest(request_jws.as_bytes()))
}

/// What the provider found.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Outcome {
    /// The copy, encrypted to the requester.
    Provided,
    /// The provider holds no copy of the item for the person (該当なし).
    NotFound,
}

crate::codes!(Outcome {
    Provided => "provided",
    NotFound => "not-found",
});

/// The first line of an answer's text.
pub const ANSWER_HEADER: &str = "mynumber-exchange-answer-v1";

/// 情報提供: what the provider's intermediate server signs and the network hands back.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ExchangeAnswer {
    /// The request's id.
    pub id: RequestId,
    /// Who asked.
    pub requester: AgencyUnit,
    /// Who answers.
    pub provider: AgencyUnit,
    /// The procedure.
    pub procedure: String,
    /// The item.
    pub item: DataItem,
    /// [`request_hash`] of the request as it arrived.
    pub request_hash: String,
    /// When the request was made (Unix seconds, as it said).
    pub requested_at_s: i64,
    /// When the provider answered (Unix seconds).
    pub answered_at_s: i64,
    /// What was found.
    pub outcome: Outcome,
    /// 不開示: the provider marked the copy as not to be shown to the person in their history
    /// (個人情報保護法第78条; 番号法第23条).
    pub non_disclosure: bool,
    /// The copy's text, encrypted to the requester's key (a compact JWE), when provided.
    pub payload: Option<String>,
}

impl ExchangeAnswer {
    /// The text the provider signs.
    pub fn to_text(&self) -> String {
        format!(
            "{ANSWER_HEADER}\nid: {}\nrequester: {}\nprovider: {}\nprocedure: {}\nitem: {}\n\
             request-hash: {}\nrequested-at: {}\nanswered-at: {}\noutcome: {}\n\
             non-disclosure: {}\npayload: {}\n",
            self.id.as_str(),
            self.requester.as_str(),
            self.provider.as_str(),
            self.procedure,
            self.item.code(),
            self.request_hash,
            self.requested_at_s,
            self.answered_at_s,
            self.outcome.code(),
            if self.non_disclosure { "yes" } else { "no" },
            self.payload.as_deref().unwrap_or("-"),
        )
    }

    /// Reads an answer's text, strictly: exactly what [`ExchangeAnswer::to_text`] writes.
    pub fn parse(text: &str) -> Option<Self> {
        let mut l = Lines::new(text, ANSWER_HEADER)?;
        let (id, requester, provider, procedure, item) = l.head()?;
        let answer = Self {
            id,
            requester,
            provider,
            procedure,
            item,
            request_hash: Some(l.value("request-hash")?)
                .filter(|h| {
                    h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
                })?
                .to_owned(),
            requested_at_s: seconds(l.value("requested-at")?)?,
            answered_at_s: seconds(l.value("answered-at")?)?,
            outcome: Outcome::parse(l.value("outcome")?)?,
            non_disclosure: match l.value("non-disclosure")? {
                "yes" => true,
                "no" => false,
                _ => return None,
            },
            payload: match l.value("payload")? {
                "-" => None,
                jwe if jwe
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)) =>
                {
                    Some(jwe.to_owned())
                }
                _ => return None,
            },
        };
        l.end()?;
        let consistent = (answer.outcome == Outcome::Provided) == answer.payload.is_some();
        (consistent && answer.to_text() == text).then_some(answer)
    }

    /// Whether this answers `request`, sent as `request_jws`: the same id, parties, procedure
    /// and item, and the hash of exactly those bytes. What a requester checks on every answer.
    pub fn answers(&self, request: &ExchangeRequest, request_jws: &str) -> bool {
        self.id == request.id
            && self.requester == request.requester
            && self.provider == request.provider
            && self.procedure == request.procedure
            && self.item == request.item
            && self.requested_at_s == request.requested_at_s
            && self.request_hash == request_hash(request_jws)
    }
}

/// Who keeps a 第23条 record: each exchange is recorded three times.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum Keeper {
    /// 情報照会者: the requester's intermediate server.
    Requester,
    /// 情報提供者: the provider's intermediate server.
    Provider,
    /// 情報提供ネットワークシステム.
    Network,
}

crate::codes!(Keeper {
    Requester => "requester",
    Provider => "provider",
    Network => "network",
});

/// 情報提供等の記録 (番号法第23条): what each party records of one exchange. The statutory
/// items are both parties, the request's and the answer's times, the item, and the
/// non-disclosure flag; the procedure, the request's id and hash and the outcome tie the three
/// records to one exchange. `subject` is whom it is about as the keeper knows them: the
/// requester's code, the provider's code, or (at the network) the person's internal id.
#[derive(Clone, PartialEq, Eq)]
pub struct ExchangeRecord {
    /// Who keeps it.
    pub keeper: Keeper,
    /// The request's id.
    pub request_id: RequestId,
    /// 情報照会者.
    pub requester: AgencyUnit,
    /// 情報提供者.
    pub provider: AgencyUnit,
    /// The procedure.
    pub procedure: String,
    /// 利用特定個人情報の項目.
    pub item: DataItem,
    /// Whom, as the keeper knows them.
    pub subject: String,
    /// 照会の日時 (µs).
    pub requested_at_us: i64,
    /// 提供の日時 (µs).
    pub answered_at_us: i64,
    /// What was found.
    pub outcome: Outcome,
    /// 不開示.
    pub non_disclosure: bool,
    /// [`request_hash`].
    pub request_hash: String,
}

/// Whom it is about shows only its first four characters: a code names a person at an agency.
impl fmt::Debug for ExchangeRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExchangeRecord")
            .field("keeper", &self.keeper)
            .field("request_id", &self.request_id)
            .field("requester", &self.requester)
            .field("provider", &self.provider)
            .field("procedure", &self.procedure)
            .field("item", &self.item)
            .field(
                "subject",
                &format_args!("{}…", self.subject.get(..4).unwrap_or_default()),
            )
            .field("outcome", &self.outcome)
            .field("non_disclosure", &self.non_disclosure)
            .finish_non_exhaustive()
    }
}

/// Why three records of one exchange do not agree.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Disagreement {
    /// Not one record from each keeper.
    Keepers,
    /// A statutory item, or what ties them together, differs between them (named).
    Differs(&'static str),
}

/// Checks that `records` are one exchange recorded by each keeper once, agreeing on everything
/// but whom each knows the person as.
pub fn agree(records: &[ExchangeRecord]) -> Result<(), Disagreement> {
    let mut keepers: Vec<Keeper> = records.iter().map(|r| r.keeper).collect();
    keepers.sort();
    if keepers != [Keeper::Requester, Keeper::Provider, Keeper::Network] {
        return Err(Disagreement::Keepers);
    }
    let first = &records[0];
    for r in &records[1..] {
        let checks: [(&'static str, bool); 10] = [
            ("request-id", r.request_id == first.request_id),
            ("requester", r.requester == first.requester),
            ("provider", r.provider == first.provider),
            ("procedure", r.procedure == first.procedure),
            ("item", r.item == first.item),
            ("requested-at", r.requested_at_us == first.requested_at_us),
            ("answered-at", r.answered_at_us == first.answered_at_us),
            ("outcome", r.outcome == first.outcome),
            ("non-disclosure", r.non_disclosure == first.non_disclosure),
            ("request-hash", r.request_hash == first.request_hash),
        ];
        if let Some((name, _)) = checks.iter().find(|(_, same)| !same) {
            return Err(Disagreement::Differs(name));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ResidentCode;
    use crate::agency_code::ExchangeKey;

    fn unit(s: &str) -> AgencyUnit {
        AgencyUnit::parse(s).unwrap()
    }

    fn request() -> ExchangeRequest {
        let key = ExchangeKey::from_bytes([7; 32]);
        let code = ResidentCode::parse("12345678903").unwrap();
        ExchangeRequest {
            id: RequestId::from_random([0xAB; 16]),
            requester: unit("131041/board-of-education"),
            provider: unit("131016/mayor"),
            procedure: "school-expense-aid".into(),
            item: DataItem::LocalTax,
            code: key.code(&code, &unit("131041/board-of-education")),
            requested_at_s: 1_780_000_000,
        }
    }

    #[test]
    fn the_shipped_table_reads_whole() {
        let table = PermissionTable::parse(STANDARD_TABLE).unwrap();
        assert_eq!(table.rows().len(), 12);
        assert_eq!(PermissionTable::standard(), table);
        assert_eq!(
            table.procedures(),
            [
                "child-allowance",
                "national-health-insurance",
                "school-expense-aid",
                "national-pension",
                "self-disclosure"
            ]
        );
        assert!(table.permits(
            "school-expense-aid",
            UnitKind::BoardOfEducation,
            UnitKind::MunicipalityMayor,
            DataItem::ChildAllowance
        ));
        // The same combination under another procedure, or turned around, is not allowed.
        assert!(!table.permits(
            "child-allowance",
            UnitKind::BoardOfEducation,
            UnitKind::MunicipalityMayor,
            DataItem::ChildAllowance
        ));
        assert!(!table.permits(
            "school-expense-aid",
            UnitKind::MunicipalityMayor,
            UnitKind::BoardOfEducation,
            DataItem::LocalTax
        ));
    }

    #[test]
    fn a_broken_table_names_each_broken_line() {
        let text = "# c\nchild-allowance\tA\tportal\tportal\tlocal-tax\nx\ty\n\
                    child-allowance\tA\tportal\tportal\tlocal-tax\n\
                    child-allowance\tB\tportal\tportal\tchild-allowance\n\
                    Bad\tA\tportal\tportal\tlocal-tax\n";
        assert_eq!(
            PermissionTable::parse(text).unwrap_err(),
            [
                "line 3: not five tab-separated fields",
                "line 4: the same row twice",
                "line 5: one procedure, two affairs",
                "line 6: a field is not what its column holds",
            ]
        );
    }

    #[test]
    fn a_request_reads_back_exactly() {
        let r = request();
        let text = r.to_text();
        assert_eq!(ExchangeRequest::parse(&text), Some(r.clone()));
        // One byte more or less anywhere, a key out of order, a time with a leading zero.
        assert!(ExchangeRequest::parse(&text[..text.len() - 1]).is_none());
        assert!(ExchangeRequest::parse(&format!("{text}\n")).is_none());
        assert!(
            ExchangeRequest::parse(&text.replace("requested-at: 1", "requested-at: 01")).is_none()
        );
        assert!(
            ExchangeRequest::parse(&text.replace("item: local-tax", "item: pension")).is_none()
        );
        assert!(r.is_fresh(1_780_000_000 + 300));
        assert!(!r.is_fresh(1_780_000_000 + 301));
        assert!(!r.is_fresh(1_780_000_000 - 301));
    }

    fn answer(r: &ExchangeRequest, jws: &str) -> ExchangeAnswer {
        ExchangeAnswer {
            id: r.id.clone(),
            requester: r.requester.clone(),
            provider: r.provider.clone(),
            procedure: r.procedure.clone(),
            item: r.item,
            request_hash: request_hash(jws),
            requested_at_s: r.requested_at_s,
            answered_at_s: r.requested_at_s + 1,
            outcome: Outcome::Provided,
            non_disclosure: false,
            payload: Some("eyJhbGciOiJFQ0RILUVTIn0..aXY.Y2lwaGVy.dGFn".into()),
        }
    }

    #[test]
    fn an_answer_is_tied_to_the_very_request() {
        let r = request();
        let jws = "header.payload.signature";
        let a = answer(&r, jws);
        let text = a.to_text();
        assert_eq!(ExchangeAnswer::parse(&text), Some(a.clone()));
        assert!(a.answers(&r, jws));
        // Another request's bytes, another id, another item: not this question's answer.
        assert!(!a.answers(&r, "header.payload.signaturf"));
        let mut other = r.clone();
        other.item = DataItem::ResidentHousehold;
        assert!(!a.answers(&other, jws));
        // Provided without a payload, or not found with one, is no answer.
        assert!(
            ExchangeAnswer::parse(&text.replace("outcome: provided", "outcome: not-found"))
                .is_none()
        );
        let mut none = a.clone();
        none.payload = None;
        assert!(ExchangeAnswer::parse(&none.to_text()).is_none());
        none.outcome = Outcome::NotFound;
        assert_eq!(ExchangeAnswer::parse(&none.to_text()), Some(none));
    }

    #[test]
    fn a_copy_is_checked_field_by_field() {
        let copy = CopyValues::new(
            DataItem::LocalTax,
            &[
                ("fiscal-year", "2026"),
                ("total-income", "4200000"),
                ("taxable-income", "2800000"),
                ("income-levy", "168000"),
                ("per-capita-levy", "5000"),
                ("dependants", "2"),
                ("non-taxable", "no"),
            ],
        )
        .unwrap();
        assert_eq!(CopyValues::parse(&copy.to_text()), Some(copy.clone()));
        assert_eq!(copy.get("income-levy"), Some("168000"));
        assert!(!format!("{copy:?}").contains("168000"));
        let problems = CopyValues::new(
            DataItem::LocalTax,
            &[
                ("fiscal-year", "1800"),
                ("total-income", "-1"),
                ("taxable-income", "2800000"),
                ("income-levy", "168000"),
                ("per-capita-levy", "5000"),
                ("non-taxable", "maybe"),
                ("colour", "blue"),
            ],
        )
        .unwrap_err();
        let keys: Vec<(&str, &str)> = problems.iter().map(|p| (p.field, p.key)).collect();
        assert_eq!(
            keys,
            [
                ("fields", "problem-copy-field-unknown"),
                ("fiscal-year", "problem-copy-number"),
                ("total-income", "problem-copy-number"),
                ("dependants", "problem-required"),
                ("non-taxable", "problem-copy-code"),
            ]
        );
        let text = CopyValues::new(
            DataItem::ResidentHousehold,
            &[
                ("relationship", "子"),
                ("head-name", "渋谷 花子"),
                ("household-size", "3"),
                ("resident-since", "2019-04-01"),
            ],
        )
        .unwrap()
        .to_text();
        assert!(CopyValues::parse(&text.replace("渋谷 花子", "渋谷\u{7}花子")).is_none());
        assert!(CopyValues::parse(&text.replace("2019-04-01", "2019-02-30")).is_none());
    }

    #[test]
    fn three_records_agree_or_say_what_differs() {
        let r = request();
        let record = |keeper, subject: &str| ExchangeRecord {
            keeper,
            request_id: r.id.clone(),
            requester: r.requester.clone(),
            provider: r.provider.clone(),
            procedure: r.procedure.clone(),
            item: r.item,
            subject: subject.into(),
            requested_at_us: 1,
            answered_at_us: 2,
            outcome: Outcome::Provided,
            non_disclosure: true,
            request_hash: request_hash("x"),
        };
        let mut three = vec![
            record(Keeper::Network, "person"),
            record(Keeper::Requester, "code-a"),
            record(Keeper::Provider, "code-b"),
        ];
        assert_eq!(agree(&three), Ok(()));
        three[2].non_disclosure = false;
        assert_eq!(agree(&three), Err(Disagreement::Differs("non-disclosure")));
        three[2] = record(Keeper::Requester, "code-b");
        assert_eq!(agree(&three), Err(Disagreement::Keepers));
        assert_eq!(agree(&three[..2]), Err(Disagreement::Keepers));
    }
}
