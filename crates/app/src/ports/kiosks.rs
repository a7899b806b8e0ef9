//! Kiosk terminals and their sessions (コンビニ交付, issue 13, docs/design/kiosk.md).

use async_trait::async_trait;
use jiff::civil::Date;
use mynumber_core::kiosk::{Order, Quote};
use mynumber_core::terminal::{Shop, TerminalStatus};
use mynumber_core::{HouseholdId, MunicipalityCode, OrganisationId, PersonId, TerminalId};

use crate::StoreError;

/// A kiosk terminal as registered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerminalRow {
    /// Its id: the `kid` of its signed requests.
    pub id: TerminalId,
    /// Its chain (an organisation with the kiosk-operator role).
    pub organisation: OrganisationId,
    /// The shop it stands in.
    pub shop: Shop,
    /// Its P-256 public key, SEC1 uncompressed (65 bytes).
    pub public_key: Vec<u8>,
    /// Where its registration stands.
    pub status: TerminalStatus,
    /// When registered (µs).
    pub registered_at_us: i64,
    /// When its status last changed (µs).
    pub changed_at_us: i64,
}

/// Where a kiosk session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KioskSessionStatus {
    /// The card's challenge is out; no resident is known yet.
    Challenged,
    /// The card signed the challenge with a certificate in force: the resident is known.
    Authenticated,
    /// The resident chose a document and the fee was quoted; it may be chosen again.
    Ordered,
    /// Paid at the kiosk: the document is issued and being printed; a failed print may be
    /// sent again.
    Paid,
    /// The print was confirmed: the fee is settled. The session is over.
    Printed,
    /// Over: finished, abandoned or timed out.
    Ended,
}

mynumber_core::codes!(KioskSessionStatus {
    Challenged => "challenged",
    Authenticated => "authenticated",
    Ordered => "ordered",
    Paid => "paid",
    Printed => "printed",
    Ended => "ended",
});

/// A kiosk session as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KioskSessionRow {
    /// Its id (32 hex digits).
    pub id: String,
    /// The terminal it runs on.
    pub terminal: TerminalId,
    /// The shop the terminal stood in when it began.
    pub shop_code: String,
    /// The challenge the card signs (32 random bytes).
    pub challenge: Vec<u8>,
    /// Where it stands.
    pub status: KioskSessionStatus,
    /// The step the terminal's signed requests have reached: each request names the next one.
    pub step: i64,
    /// The resident, once the card signed.
    pub person: Option<PersonId>,
    /// The user-authentication certificate the card signed with (hex serial), once it did.
    pub certificate_serial: Option<String>,
    /// The order and its quote, once the resident chose.
    pub order: Option<(Order, Quote)>,
    /// The document issued at payment, once paid.
    pub issued: Option<KioskIssue>,
    /// Prints the kiosk reported failed (each sent again, never charged).
    pub print_failures: i64,
    /// When the print was confirmed (µs): the moment the fee counts in the settlement.
    pub printed_at_us: Option<i64>,
    /// When it began (µs).
    pub started_at_us: i64,
    /// When it times out (µs).
    pub expires_at_us: i64,
    /// When it last moved (µs).
    pub changed_at_us: i64,
}

/// The document a kiosk session issued at payment.
#[derive(Clone, PartialEq, Eq)]
pub struct KioskIssue {
    /// The municipality that issued it (whose register it certifies, and whose fee it is).
    pub municipality: MunicipalityCode,
    /// Its verification code.
    pub document_code: String,
    /// The signed PDF, kept until the print is confirmed so that a failed print is sent again.
    pub pdf: Vec<u8>,
    /// When paid (µs).
    pub paid_at_us: i64,
}

impl std::fmt::Debug for KioskIssue {
    /// Without the PDF: it carries the resident's record.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KioskIssue")
            .field("municipality", &self.municipality)
            .field("document_code", &self.document_code)
            .field("paid_at_us", &self.paid_at_us)
            .finish_non_exhaustive()
    }
}

/// One line of a day's settlement: what one chain's terminals printed for one municipality.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettlementRow {
    /// The municipality whose documents they were.
    pub municipality: MunicipalityCode,
    /// The chain.
    pub organisation: OrganisationId,
    /// Sessions printed.
    pub sessions: i64,
    /// Copies printed.
    pub copies: i64,
    /// Fees, in yen.
    pub yen: i64,
}

/// Reading the kiosk registry and sessions.
#[async_trait]
pub trait KiosksRead {
    /// A terminal by id.
    async fn terminal(&mut self, id: TerminalId) -> Result<Option<TerminalRow>, StoreError>;
    /// A chain's terminals, in the order they were registered.
    async fn terminals_of(
        &mut self,
        organisation: OrganisationId,
    ) -> Result<Vec<TerminalRow>, StoreError>;
    /// A session by id.
    async fn kiosk_session(&mut self, id: &str) -> Result<Option<KioskSessionRow>, StoreError>;
    /// Sessions past their time (`expires_at_us <= now_us`) that are neither printed nor ended,
    /// at most `limit`.
    async fn idle_kiosk_sessions(
        &mut self,
        now_us: i64,
        limit: i64,
    ) -> Result<Vec<KioskSessionRow>, StoreError>;
    /// What was printed from `from_us` until before `to_us`, by municipality and chain, in that
    /// order.
    async fn kiosk_settlement(
        &mut self,
        from_us: i64,
        to_us: i64,
    ) -> Result<Vec<SettlementRow>, StoreError>;
    /// Whether a member of `household` has a move-out filed that takes effect after `today`
    /// (転出予定者): its record removed as moved out, on a later day.
    async fn household_moving_out(
        &mut self,
        household: HouseholdId,
        today: Date,
    ) -> Result<bool, StoreError>;
    /// A municipality's rule table for kiosks, as stored (`RuleTable::to_text`), if it set
    /// one.
    async fn kiosk_rules(
        &mut self,
        municipality: MunicipalityCode,
    ) -> Result<Option<String>, StoreError>;
}

/// Writing the kiosk registry and sessions.
#[async_trait]
pub trait KiosksWrite {
    /// Registers a terminal.
    async fn insert_terminal(&mut self, row: &TerminalRow) -> Result<(), StoreError>;
    /// Moves a terminal from `from` to `to`; whether it stood at `from`.
    async fn update_terminal_status(
        &mut self,
        id: TerminalId,
        from: TerminalStatus,
        to: TerminalStatus,
        at_us: i64,
    ) -> Result<bool, StoreError>;
    /// Begins a session.
    async fn insert_kiosk_session(&mut self, row: &KioskSessionRow) -> Result<(), StoreError>;
    /// Writes a session's new state if it still stands at step `from_step`; whether it did (a
    /// replayed or concurrent request finds it moved on).
    async fn update_kiosk_session(
        &mut self,
        row: &KioskSessionRow,
        from_step: i64,
    ) -> Result<bool, StoreError>;
    /// Sets (or replaces) a municipality's rule table for kiosks.
    async fn set_kiosk_rules(
        &mut self,
        municipality: MunicipalityCode,
        rules: &str,
        at_us: i64,
        by: &str,
    ) -> Result<(), StoreError>;
}
