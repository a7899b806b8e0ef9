//! The resident's portal (あなたの情報, マイナポータル; issue 14, docs/design/portal.md): the
//! log-in with the card and its sessions; the resident's record, the agencies' data about them
//! fetched through the network under the portal's own code, their notices (お知らせ), their
//! consents to the latest four items; who read their record and number and did what with it,
//! from the ledger (アクセス記録), with a receipt signed with the ledger's key that lets them
//! prove later what the history said, and the check of a receipt kept from before, which anyone
//! may ask; and the exchanges about them from the network's 第23条 records (やりとり履歴), those
//! the provider marked 不開示 hidden and counted.

use mynumber_core::exchange::{ExchangeRecord, Keeper};
use mynumber_core::history::{HistoryReceipt, ReceiptEntry, ReceiptError};
use mynumber_core::ledger::StoredEntry;
use mynumber_core::{Action, PersonId, Principal};

use crate::access::{authorize, current_scope};
use crate::ledger::{Record, append};
use crate::ports::RecordsOf;
use crate::{App, AppError};

/// The most entries an access history shows, and a receipt carries.
pub const HISTORY_SHOWN: i64 = 2_000;

/// The most exchange records the history shows.
pub const EXCHANGES_SHOWN: i64 = 500;

/// The exchanges about a resident, as they may see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeHistory {
    /// Those shown, newest first.
    pub shown: Vec<ExchangeRecord>,
    /// How many the providers marked not to be disclosed (不開示), counted but not shown.
    pub hidden: usize,
}

/// What a receipt's check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptCheck {
    /// The receipt, its signature verified with this system's ledger key.
    pub receipt: HistoryReceipt,
    /// The entries and heads it names that the ledger no longer holds as they were:
    /// (partition, place in the chain). Empty: the history it states is still there, unchanged.
    pub altered: Vec<(String, i64)>,
}

fn resident(principal: &Principal, action: Action) -> Result<PersonId, AppError> {
    match principal {
        Principal::Resident(p) => Ok(*p),
        _ => Err(AppError::Denied(mynumber_core::Denied::Principal {
            kind: principal.kind(),
            action,
        })),
    }
}

/// Records something the resident did with their own record, in the partition of the
/// municipality that keeps it (where their access history reads it).
pub(crate) async fn on_self(
    tx: &mut dyn crate::Tx,
    principal: &Principal,
    person: PersonId,
    municipality: mynumber_core::MunicipalityCode,
    action: &'static str,
    detail: String,
    at_us: i64,
) -> Result<(), AppError> {
    append(
        tx,
        &principal.ledger_name(),
        at_us,
        vec![Record {
            partition: municipality.as_str().to_owned(),
            action,
            person: Some(person),
            purpose: None,
            detail,
        }],
    )
    .await
}

impl App {
    /// A write transaction on the resident's own record, which the policy lets them `action`
    /// (a resident is only ever their own subject); the record's current version.
    pub(crate) async fn own_record(
        &self,
        principal: &Principal,
        action: Action,
    ) -> Result<(Box<dyn crate::Tx>, PersonId, crate::VersionRow), AppError> {
        self.permit(principal, action).await?;
        let person = resident(principal, action)?;
        let mut tx = self.store.begin().await?;
        let current = crate::load::current_version(tx.as_mut(), person).await?;
        let municipality = current.resident.record.municipality();
        authorize!(
            self,
            tx,
            principal,
            action,
            &current_scope(person, municipality),
            "resident"
        );
        Ok((tx, person, current))
    }

    /// The resident's access history: the ledger's entries about them, newest first. Reading
    /// it is itself recorded (`access-history-read`).
    pub async fn my_access_history(
        &self,
        principal: &Principal,
    ) -> Result<Vec<StoredEntry>, AppError> {
        let (entries, _) = self.own_history(principal, "access-history-read").await?;
        Ok(entries)
    }

    /// A receipt of the resident's access history, signed with the ledger's key: every entry
    /// about them (up to [`HISTORY_SHOWN`]) by its place and hash, and the heads of their
    /// partitions now. Its issue is recorded (`access-history-receipt`).
    pub async fn history_receipt(&self, principal: &Principal) -> Result<HistoryReceipt, AppError> {
        let (entries, heads) = self
            .own_history(principal, "access-history-receipt")
            .await?;
        let person = resident(principal, Action::ReadOwnHistory)?;
        // Only entries whose content still hashes to their stored hash are certified: a row
        // altered in place is left out, and the receipt says it is not complete.
        let given = entries.len();
        let intact: Vec<ReceiptEntry> = entries
            .iter()
            .filter(|e| e.content.hash(&e.prev_hash) == e.hash)
            .map(ReceiptEntry::of)
            .collect();
        let complete = given < HISTORY_SHOWN as usize && intact.len() == given;
        Ok(self
            .ledger_key
            .sign_history(person, self.clock.now_us(), complete, intact, heads))
    }

    /// The resident's entries and their partitions' heads, read and recorded in one
    /// transaction.
    async fn own_history(
        &self,
        principal: &Principal,
        action: &'static str,
    ) -> Result<(Vec<StoredEntry>, Vec<mynumber_core::checkpoint::Head>), AppError> {
        let (mut tx, person, current) = self.own_record(principal, Action::ReadOwnHistory).await?;
        let municipality = current.resident.record.municipality();
        let entries = tx.ledger_entries_of(person, HISTORY_SHOWN).await?;
        let partitions: Vec<&str> = entries
            .iter()
            .map(|e| e.content.partition.as_str())
            .collect();
        let heads = tx
            .ledger_heads()
            .await?
            .into_iter()
            .filter(|(p, _, _)| partitions.contains(&p.as_str()))
            .map(|(partition, seq, hash)| mynumber_core::checkpoint::Head {
                partition,
                seq,
                hash,
            })
            .collect();
        on_self(
            tx.as_mut(),
            principal,
            person,
            municipality,
            action,
            format!("entries={}", entries.len()),
            self.clock.now_us(),
        )
        .await?;
        tx.commit().await?;
        Ok((entries, heads))
    }

    /// The exchanges about the resident (the network's records), newest first; those the
    /// provider marked 不開示 are counted, not shown.
    pub async fn my_exchange_history(
        &self,
        principal: &Principal,
    ) -> Result<ExchangeHistory, AppError> {
        let (mut tx, person, current) = self.own_record(principal, Action::ReadOwnHistory).await?;
        let municipality = current.resident.record.municipality();
        let records = tx
            .exchange_records(
                &RecordsOf::Subject(Keeper::Network, person.to_hex()),
                EXCHANGES_SHOWN,
            )
            .await?;
        let (hidden, shown): (Vec<_>, Vec<_>) = records.into_iter().partition(|r| r.non_disclosure);
        on_self(
            tx.as_mut(),
            principal,
            person,
            municipality,
            "exchange-history-read",
            format!("shown={} hidden={}", shown.len(), hidden.len()),
            self.clock.now_us(),
        )
        .await?;
        tx.commit().await?;
        Ok(ExchangeHistory {
            shown,
            hidden: hidden.len(),
        })
    }

    /// Checks a receipt kept from before (public: whoever holds one may ask): the signature is
    /// this system's ledger key's, and every entry and head it names is still in the ledger
    /// with the same hash, its content still hashing to it. Anything else is named.
    pub async fn check_history_receipt(&self, text: &str) -> Result<ReceiptCheck, AppError> {
        let receipt = HistoryReceipt::parse(text).map_err(receipt_problem)?;
        receipt
            .verify(&self.ledger_key.public())
            .map_err(receipt_problem)?;
        let mut read = self.store.begin_read().await?;
        let mut altered = Vec::new();
        let places = receipt
            .entries
            .iter()
            .map(|e| (e.partition.as_str(), e.seq, e.hash))
            .chain(
                receipt
                    .heads
                    .iter()
                    .map(|h| (h.partition.as_str(), h.seq, h.hash)),
            );
        for (partition, seq, hash) in places {
            let intact = read
                .ledger_entry(partition, seq)
                .await?
                .is_some_and(|e| e.hash == hash && e.content.hash(&e.prev_hash) == hash);
            if !intact && !altered.iter().any(|(p, s)| p == partition && *s == seq) {
                altered.push((partition.to_owned(), seq));
            }
        }
        Ok(ReceiptCheck { receipt, altered })
    }
}

fn receipt_problem(e: ReceiptError) -> AppError {
    let key = match e {
        ReceiptError::Malformed => "problem-receipt-malformed",
        ReceiptError::Signature => "problem-receipt-signature",
    };
    AppError::Invalid(mynumber_core::Invalid(vec![
        mynumber_core::FieldError::new("receipt", key),
    ]))
}

/// How long a portal log-in waits for the card (**choice**, as a relying party's log-in).
pub const PORTAL_LOGIN_S: i64 = 600;
/// A portal session ends after this long without use (**choice**, docs/design/portal.md).
pub const PORTAL_IDLE_S: i64 = 15 * 60;
/// A portal session ends this long after the log-in whatever its use (**choice**).
pub const PORTAL_SESSION_S: i64 = 2 * 60 * 60;

/// A portal log-in as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalLoginView {
    /// The code the page and the app both show.
    pub confirmation: String,
    /// Whether the card has answered.
    pub authenticated: bool,
    /// Whether its time ran out (or it was used).
    pub over: bool,
    /// Whether this browser began it.
    pub own_browser: bool,
}

/// What the card signs for a portal log-in: its own first line, so that a signature for it
/// proves nothing for a relying party's log-in, nor the reverse.
pub fn portal_challenge_message(base: &str, login: &str, challenge: &str) -> Vec<u8> {
    format!("mynumber-portal-login-v1\n{base}/portal\n{login}\n{challenge}\n").into_bytes()
}

impl App {
    /// The server's public address (scheme, host, port): the base of the pages' URLs.
    pub fn public_url(&self) -> &str {
        &self.documents.public_url
    }

    /// Begins a log-in to the portal: an unguessable id, a fresh challenge for the card, and
    /// the secret that binds it to this browser.
    pub async fn begin_portal_login(&self) -> Result<crate::Begun, AppError> {
        let now = self.clock.now_us();
        let id = hex::encode(self.random_bytes::<16>());
        let browser = hex::encode(self.random_bytes::<32>());
        let row = crate::ports::PortalLoginRow {
            id: id.clone(),
            challenge: hex::encode(self.random_bytes::<32>()),
            browser_hash: crate::staff::token_hash(&browser),
            status: "waiting".into(),
            person: None,
            created_at_us: now,
            expires_at_us: now + PORTAL_LOGIN_S * 1_000_000,
        };
        let mut tx = self.store.begin().await?;
        tx.insert_portal_login(&row, now).await?;
        tx.commit().await?;
        Ok(crate::Begun { login: id, browser })
    }

    async fn portal_login_row(&self, id: &str) -> Result<crate::ports::PortalLoginRow, AppError> {
        let mut tx = self.store.begin_lookup().await?;
        tx.portal_login(id)
            .await?
            .ok_or(AppError::NotFound("log-in"))
    }

    /// A portal log-in as its page shows it; `browser` is the cookie's secret, if sent.
    pub async fn portal_login_view(
        &self,
        id: &str,
        browser: Option<&str>,
    ) -> Result<PortalLoginView, AppError> {
        let row = self.portal_login_row(id).await?;
        let now = self.clock.now_us();
        Ok(PortalLoginView {
            confirmation: crate::oidc::confirmation(&row.id),
            authenticated: row.status == "authenticated",
            over: row.status == "used" || row.expires_at_us <= now,
            own_browser: browser.is_some_and(|b| crate::staff::token_hash(b) == row.browser_hash),
        })
    }

    /// What the authentication app signs for a portal log-in still waiting for the card.
    pub async fn portal_login_challenge(&self, id: &str) -> Result<crate::CardChallenge, AppError> {
        let row = self.portal_login_row(id).await?;
        if row.status != "waiting" || row.expires_at_us <= self.clock.now_us() {
            return Err(AppError::NotFound("log-in"));
        }
        Ok(crate::CardChallenge {
            message: portal_challenge_message(&self.documents.public_url, &row.id, &row.challenge),
            client_name: "あなたの情報 (mynumber)".into(),
            scopes: mynumber_core::oidc::Scopes::parse("openid"),
            confirmation: crate::oidc::confirmation(&row.id),
            expires_at_us: row.expires_at_us,
            sign: None,
        })
    }

    /// The card's answer to a portal log-in's challenge: checked as a relying party's log-in's
    /// is (`App::check_card_answer`, `App::card_holder`); the log-in is then the holder's,
    /// recorded on them (`portal-card-authenticated`).
    pub async fn answer_portal_challenge(
        &self,
        id: &str,
        certificate: &[u8],
        signature: &[u8],
    ) -> Result<(), AppError> {
        let row = self.portal_login_row(id).await?;
        let now = self.clock.now_us();
        if row.status != "waiting" || row.expires_at_us <= now {
            return Err(AppError::NotFound("log-in"));
        }
        let at = jiff::Timestamp::from_microsecond(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let message = portal_challenge_message(&self.documents.public_url, &row.id, &row.challenge);
        let (check, serial) = self
            .check_card_answer(&message, certificate, signature, at)
            .await?;
        let tx = self.store.begin().await?;
        let (mut tx, person) = self.card_holder(tx, &check, &serial, "portal", now).await?;
        let principal = Principal::Resident(person);
        let current = crate::load::current_version(tx.as_mut(), person).await?;
        let municipality = current.resident.record.municipality();
        authorize!(
            self,
            tx,
            &principal,
            Action::ReadOwnHistory,
            &current_scope(person, municipality),
            "resident"
        );
        if !tx
            .move_portal_login(&row.id, "waiting", "authenticated", Some(person))
            .await?
        {
            return Err(AppError::Conflict);
        }
        on_self(
            tx.as_mut(),
            &principal,
            person,
            municipality,
            "portal-card-authenticated",
            format!("login={} certificate={serial}", row.id),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Finishes a portal log-in in the browser that began it, once the card has answered: a
    /// session begins (its token returned once; only its hash is kept), recorded on the
    /// resident (`portal-signed-in`).
    pub async fn finish_portal_login(&self, id: &str, browser: &str) -> Result<String, AppError> {
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let row = tx
            .portal_login(id)
            .await?
            .ok_or(AppError::NotFound("log-in"))?;
        if crate::staff::token_hash(browser) != row.browser_hash {
            return Err(AppError::Unauthenticated);
        }
        let Some(person) = row.person.filter(|_| row.status == "authenticated") else {
            return Err(AppError::NotFound("log-in"));
        };
        if row.expires_at_us <= now
            || !tx
                .move_portal_login(id, "authenticated", "used", None)
                .await?
        {
            return Err(AppError::NotFound("log-in"));
        }
        let token = hex::encode(self.random_bytes::<32>());
        tx.insert_portal_session(
            &crate::ports::PortalSessionRow {
                hash: crate::staff::token_hash(&token),
                person,
                created_at_us: now,
                seen_at_us: now,
                expires_at_us: now + PORTAL_SESSION_S * 1_000_000,
            },
            now,
        )
        .await?;
        let record = Record::on_person(
            tx.as_mut(),
            person,
            "portal-signed-in",
            format!("login={id}"),
        )
        .await?;
        append(
            tx.as_mut(),
            &Principal::Resident(person).ledger_name(),
            now,
            vec![record],
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The resident a portal session's token stands for, while it is neither idle past
    /// [`PORTAL_IDLE_S`] nor older than [`PORTAL_SESSION_S`]; each use moves its idle limit
    /// on (written at most once a minute).
    pub async fn portal_principal(&self, token: &str) -> Result<Principal, AppError> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AppError::Unauthenticated);
        }
        let hash = crate::staff::token_hash(token);
        let now = self.clock.now_us();
        let session = {
            let mut tx = self.store.begin_lookup().await?;
            tx.portal_session(&hash).await?
        }
        .ok_or(AppError::Unauthenticated)?;
        if session.expires_at_us <= now || session.seen_at_us + PORTAL_IDLE_S * 1_000_000 <= now {
            return Err(AppError::Unauthenticated);
        }
        if now - session.seen_at_us >= 60_000_000 {
            let mut tx = self.store.begin().await?;
            tx.touch_portal_session(&hash, now).await?;
            tx.commit().await?;
        }
        Ok(Principal::Resident(session.person))
    }

    /// Ends a portal session (logging out), recorded on the resident.
    pub async fn end_portal_session(&self, token: &str) -> Result<(), AppError> {
        let hash = crate::staff::token_hash(token);
        let mut tx = self.store.begin().await?;
        let Some(session) = tx.portal_session(&hash).await? else {
            return Ok(());
        };
        tx.end_portal_session(&hash).await?;
        let record = Record::on_person(
            tx.as_mut(),
            session.person,
            "portal-signed-out",
            String::new(),
        )
        .await?;
        append(
            tx.as_mut(),
            &Principal::Resident(session.person).ledger_name(),
            self.clock.now_us(),
            vec![record],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The resident's own information: their current record, their household's members (name
    /// and relationship), their cards and their certificates. Reading it is recorded
    /// (`own-record-read`).
    pub async fn my_information(&self, principal: &Principal) -> Result<MyInformation, AppError> {
        let (mut tx, person, current) = self.own_record(principal, Action::ReadRecord).await?;
        let municipality = current.resident.record.municipality();
        let household = tx
            .household_members(current.resident.record.household())
            .await?;
        let municipality_name = tx.municipality_name(municipality).await?;
        let cards = tx.cards_of(person).await?;
        let certificates = tx.certificates_of(person).await?;
        on_self(
            tx.as_mut(),
            principal,
            person,
            municipality,
            "own-record-read",
            String::new(),
            self.clock.now_us(),
        )
        .await?;
        tx.commit().await?;
        Ok(MyInformation {
            current,
            municipality_name,
            household,
            cards,
            certificates,
        })
    }
}

/// The resident's own information, as the portal shows it.
#[derive(Clone, Debug)]
pub struct MyInformation {
    /// The current version of their record.
    pub current: crate::VersionRow,
    /// The name of the municipality that keeps it, as registered.
    pub municipality_name: Option<String>,
    /// Their household's members.
    pub household: Vec<crate::CurrentRow>,
    /// Their cards.
    pub cards: Vec<crate::CardRow>,
    /// Their certificates.
    pub certificates: Vec<crate::CertificateRow>,
}

/// The portal's own unit on the exchange network: the system's, never an agency's
/// (docs/design/portal.md). Its code for a person is derived like any unit's.
pub const PORTAL_UNIT: &str = "portal";

/// One data set an agency holds about the resident, as the portal fetched it through the
/// network.
#[derive(Clone, Debug)]
pub struct HeldData {
    /// The providing unit.
    pub provider: mynumber_core::agency_code::AgencyUnit,
    /// Its registered name.
    pub provider_name: String,
    /// The item and its values.
    pub copy: mynumber_core::exchange::CopyValues,
}

impl App {
    /// 自己情報: the data sets the agencies hold about the resident, fetched through the
    /// network as the table's `self-disclosure` rows allow, under the portal's own code: for
    /// each unit the network issued the person a code for, each item the table lets the portal
    /// ask that unit's kind for. Each fetch is an exchange like any other: the network finds
    /// the person by the portal's code and derives the provider's, the provider's copy is
    /// looked up under it, and the requester's, the provider's and the network's records are
    /// written, so it shows in the exchange history. Copies the provider marked 不開示 are
    /// recorded as asked but not shown. **Choice:** the portal and the intermediate servers
    /// run in this process, so the copy is not sealed to the portal's key on the way.
    pub async fn my_held_data(&self, principal: &Principal) -> Result<Vec<HeldData>, AppError> {
        let (mut tx, person, _) = self.own_record(principal, Action::ReadOwnHistory).await?;
        let held = self.held_data_in(tx.as_mut(), person, None).await?;
        tx.commit().await?;
        Ok(held)
    }

    /// The data sets the agencies hold about `person` (only `only`, if given), fetched through
    /// the network under the portal's code as [`App::my_held_data`] tells, the three records
    /// of each fetch written in `tx`.
    pub(crate) async fn held_data_in(
        &self,
        tx: &mut dyn crate::Tx,
        person: PersonId,
        only: Option<mynumber_core::exchange::DataItem>,
    ) -> Result<Vec<HeldData>, AppError> {
        use mynumber_core::agency_code::AgencyUnit;
        use mynumber_core::exchange::{ExchangeRecord, Keeper, Outcome, RequestId, UnitKind};
        let resident = tx
            .person_by_id(person)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        let portal = AgencyUnit::parse(PORTAL_UNIT).ok_or(AppError::NotFound("unit"))?;
        let key = &self.network.settings.key;
        let portal_code = key.code(&resident.resident_code, &portal);
        let table = &self.network.settings.table;
        let now = self.clock.now_us();
        let mut held = Vec::new();
        let mut records = Vec::new();
        for name in tx.units_with_code(person).await? {
            let Some(unit) = tx.agency_unit(&name).await? else {
                continue;
            };
            for row in table.rows().iter().filter(|r| {
                r.procedure == "self-disclosure"
                    && r.requester == UnitKind::Portal
                    && r.provider == unit.kind
                    && only.is_none_or(|item| item == r.item)
            }) {
                let code = key.code(&resident.resident_code, &unit.name);
                let copy = tx.exchange_copy(&unit.name, row.item, &code).await?;
                let id = RequestId::from_random(self.random_bytes());
                let outcome = if copy.is_some() {
                    Outcome::Provided
                } else {
                    Outcome::NotFound
                };
                let non_disclosure = copy.as_ref().is_some_and(|c| c.non_disclosure);
                let hash = mynumber_core::exchange::request_hash(&format!(
                    "{PORTAL_UNIT}\n{}\n{}\n{}",
                    id.as_str(),
                    unit.name.as_str(),
                    row.item.code()
                ));
                for (keeper, subject) in [
                    (Keeper::Requester, portal_code.expose().to_owned()),
                    (Keeper::Provider, code.expose().to_owned()),
                    (Keeper::Network, person.to_hex()),
                ] {
                    records.push(ExchangeRecord {
                        keeper,
                        request_id: id.clone(),
                        requester: portal.clone(),
                        provider: unit.name.clone(),
                        procedure: row.procedure.clone(),
                        item: row.item,
                        subject,
                        requested_at_us: now,
                        answered_at_us: now,
                        outcome,
                        non_disclosure,
                        request_hash: hash.clone(),
                    });
                }
                if let Some(c) = copy.filter(|c| !c.non_disclosure) {
                    held.push(HeldData {
                        provider: unit.name.clone(),
                        provider_name: unit.display_name.clone(),
                        copy: c.copy,
                    });
                }
            }
        }
        for three in records.chunks(3) {
            tx.insert_exchange_records(three).await?;
        }
        Ok(held)
    }
}

/// The most notices the portal lists.
pub const NOTICES_SHOWN: i64 = 200;

/// How long an agency's notice's text may be (characters).
pub const NOTICE_BODY_MAX: usize = 2000;

impl App {
    /// お知らせ: an agency sends a notice to the person its unit knows by `code`, to their
    /// portal. The title and text are the agency's (one line of at most 100 characters; at
    /// most 2,000, in lines). Recorded on the person (`agency-notice-sent`), who sees who wrote.
    pub async fn send_notice(
        &self,
        principal: &Principal,
        unit: &str,
        code: &str,
        title: &str,
        body: &str,
    ) -> Result<String, AppError> {
        use mynumber_core::agency_code::AgencyCode;
        use mynumber_core::{FieldError, Invalid};
        self.permit(principal, Action::SendNotice).await?;
        let mut problems = Vec::new();
        let code = AgencyCode::parse(code.trim());
        if code.is_none() {
            problems.push(FieldError::new("code", "problem-exchange-code-form").arg("row", 1));
        }
        let title = mynumber_core::clean_text("title", title, 100)
            .map_err(|e| problems.push(e))
            .ok()
            .filter(|t| !t.is_empty());
        if title.is_none() && problems.iter().all(|p| p.field != "title") {
            problems.push(FieldError::new("title", "problem-required"));
        }
        // The text in lines, each cleaned as any text is (no control characters but the line
        // breaks between them).
        let lines: Result<Vec<String>, FieldError> = body
            .lines()
            .map(|l| mynumber_core::clean_text("body", l, NOTICE_BODY_MAX))
            .collect();
        let body = match lines {
            Ok(lines) if !lines.join("").is_empty() => {
                let text = lines.join("\n");
                if text.chars().count() > NOTICE_BODY_MAX {
                    problems.push(
                        FieldError::new("body", "problem-text-length")
                            .arg("length", text.chars().count() as i64)
                            .arg("max", NOTICE_BODY_MAX as i64),
                    );
                }
                Some(text)
            }
            Ok(_) => {
                problems.push(FieldError::new("body", "problem-required"));
                None
            }
            Err(e) => {
                problems.push(e);
                None
            }
        };
        let (Some(code), Some(title), Some(body), true) = (code, title, body, problems.is_empty())
        else {
            return Err(AppError::Invalid(Invalid(problems)));
        };
        let (mut tx, unit) = self.own_unit(principal, Action::SendNotice, unit).await?;
        let person = tx
            .person_by_agency_code(&unit.name, &code)
            .await?
            .ok_or_else(|| {
                AppError::Invalid(Invalid(vec![FieldError::new(
                    "code",
                    "problem-exchange-code-unknown",
                )]))
            })?;
        let now = self.clock.now_us();
        let id = hex::encode(self.random_bytes::<16>());
        tx.insert_portal_notice(&crate::ports::PortalNoticeRow {
            id: id.clone(),
            person,
            kind: "agency".into(),
            reference: format!("agency:{id}"),
            sender: unit.name.as_str().to_owned(),
            title,
            body,
            detail: String::new(),
            created_at_us: now,
            read_at_us: None,
        })
        .await?;
        let record = Record::on_person(
            tx.as_mut(),
            person,
            "agency-notice-sent",
            format!("unit={} notice={id}", unit.name.as_str()),
        )
        .await?;
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The resident's notices, newest first: the agencies', and the portal's own about a card
    /// or certificate whose renewal window is open (three months before the expiry, facts §2.2),
    /// each made once. Reading them is recorded (`portal-notices-read`).
    pub async fn my_notices(
        &self,
        principal: &Principal,
    ) -> Result<Vec<crate::ports::PortalNoticeRow>, AppError> {
        use mynumber_core::card::CardStatus;
        use mynumber_core::certificate::CertificateStatus;
        use mynumber_core::dates::renewal_opens;
        let (mut tx, person, current) = self.own_record(principal, Action::ReadOwnHistory).await?;
        let today = self.clock.today();
        let now = self.clock.now_us();
        let mut due: Vec<(&'static str, String, String)> = Vec::new();
        for card in tx.cards_of(person).await? {
            if card.status == CardStatus::Active && renewal_opens(card.expiry) <= today {
                due.push((
                    "card-expiry",
                    format!("card:{}:{}", card.serial, card.expiry),
                    card.expiry.to_string(),
                ));
            }
        }
        for cert in tx.certificates_of(person).await? {
            let last = jiff::Timestamp::from_microsecond(cert.not_after_us)
                .map(|t| jiff::tz::offset(9).to_datetime(t).date());
            if let Ok(last) = last
                && cert.status == CertificateStatus::Good
                && renewal_opens(last) <= today
            {
                due.push((
                    "certificate-expiry",
                    format!("certificate:{}", cert.serial),
                    last.to_string(),
                ));
            }
        }
        for (kind, reference, detail) in due {
            tx.insert_portal_notice(&crate::ports::PortalNoticeRow {
                id: hex::encode(self.random_bytes::<16>()),
                person,
                kind: kind.into(),
                reference,
                sender: String::new(),
                title: String::new(),
                body: String::new(),
                detail,
                created_at_us: now,
                read_at_us: None,
            })
            .await?;
        }
        let notices = tx.portal_notices(person, NOTICES_SHOWN).await?;
        on_self(
            tx.as_mut(),
            principal,
            person,
            current.resident.record.municipality(),
            "portal-notices-read",
            format!("notices={}", notices.len()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(notices)
    }

    /// Opens one of the resident's notices: marked read (once), and given.
    pub async fn read_notice(
        &self,
        principal: &Principal,
        id: &str,
    ) -> Result<crate::ports::PortalNoticeRow, AppError> {
        let (mut tx, person, _) = self.own_record(principal, Action::ReadOwnHistory).await?;
        let now = self.clock.now_us();
        if !tx.read_portal_notice(person, id, now).await? {
            return Err(AppError::NotFound("notice"));
        }
        let notice = tx
            .portal_notices(person, NOTICES_SHOWN)
            .await?
            .into_iter()
            .find(|n| n.id == id)
            .ok_or(AppError::NotFound("notice"))?;
        tx.commit().await?;
        Ok(notice)
    }
}

/// A resident's consent to 最新基本4情報提供, as the portal lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentView {
    /// The 署名検証者.
    pub organisation: mynumber_core::OrganisationId,
    /// Its registered name.
    pub name: String,
    /// When given (µs).
    pub granted_at_us: i64,
    /// Until when it runs (µs).
    pub expires_at_us: i64,
}

impl App {
    /// The resident's consents to 最新基本4情報提供 (given at a log-in with the card, a year
    /// each; docs/design/signing.md) still running.
    pub async fn my_consents(&self, principal: &Principal) -> Result<Vec<ConsentView>, AppError> {
        let (mut tx, person, _) = self.own_record(principal, Action::ReadOwnHistory).await?;
        let now = self.clock.now_us();
        let mut out = Vec::new();
        for (organisation, granted_at_us, expires_at_us) in
            tx.latest_four_consents_of(person).await?
        {
            if expires_at_us <= now {
                continue;
            }
            let name = tx
                .organisation(organisation)
                .await?
                .map(|o| o.name)
                .unwrap_or_default();
            out.push(ConsentView {
                organisation,
                name,
                granted_at_us,
                expires_at_us,
            });
        }
        drop(tx);
        Ok(out)
    }

    /// Withdraws the resident's consent to 最新基本4情報提供 for an organisation, at once:
    /// it receives their latest four items no more. Recorded on them.
    pub async fn withdraw_consent(
        &self,
        principal: &Principal,
        organisation: &str,
    ) -> Result<(), AppError> {
        let organisation = mynumber_core::OrganisationId::parse(organisation.trim())
            .ok_or(AppError::NotFound("consent"))?;
        let (mut tx, person, current) =
            self.own_record(principal, Action::ManageOwnChoices).await?;
        if !tx
            .withdraw_latest_four_consent(person, organisation)
            .await?
        {
            return Err(AppError::NotFound("consent"));
        }
        on_self(
            tx.as_mut(),
            principal,
            person,
            current.resident.record.municipality(),
            "latest-four-withdrawn",
            format!("organisation={organisation}"),
            self.clock.now_us(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

impl App {
    /// The language the resident wants their letters in, chosen in the portal: a new version
    /// of their record (`language-change`, the core's procedure), recorded on them. Every letter
    /// printed after it takes its second language from it. `false`: the letters already were
    /// in that language, and nothing is written.
    pub async fn choose_letter_language(
        &self,
        principal: &Principal,
        tag: &str,
    ) -> Result<bool, AppError> {
        let language = mynumber_core::Language::parse(tag)?;
        let (mut tx, person, current) =
            self.own_record(principal, Action::ManageOwnChoices).await?;
        let today = self.clock.today();
        let change = mynumber_core::Change::LanguageChange(language);
        let procedure = change.code();
        let next = current.resident.apply(change, today, today)?;
        if next == current.resident {
            return Ok(false);
        }
        let now = self.clock.now_us();
        let version = crate::VersionRow {
            person,
            version: current.version + 1,
            procedure: procedure.to_owned(),
            effective_on: today,
            recorded_at_us: now,
            actor: principal.ledger_name(),
            resident: next,
        };
        crate::registry::insert_version(tx.as_mut(), &version).await?;
        on_self(
            tx.as_mut(),
            principal,
            person,
            current.resident.record.municipality(),
            procedure,
            format!("version={} language={}", version.version, language.tag()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
