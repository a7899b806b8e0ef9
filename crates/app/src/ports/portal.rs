//! The resident's portal's storage (issue 14, docs/design/portal.md): log-ins with the card
//! and browser sessions.

use async_trait::async_trait;
use mynumber_core::PersonId;

use crate::StoreError;

/// A portal log-in as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalLoginRow {
    /// Its id (32 hex digits).
    pub id: String,
    /// The challenge the card signs (64 hex digits).
    pub challenge: String,
    /// SHA-256 of the secret of the browser that began it.
    pub browser_hash: String,
    /// `waiting`, `authenticated` or `used`.
    pub status: String,
    /// Whose, once the card answered.
    pub person: Option<PersonId>,
    /// When begun (µs).
    pub created_at_us: i64,
    /// When its time runs out (µs).
    pub expires_at_us: i64,
}

/// A portal session as stored: never the token, its SHA-256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalSessionRow {
    /// SHA-256 of the cookie's token, hex.
    pub hash: String,
    /// Whose.
    pub person: PersonId,
    /// When it began (µs).
    pub created_at_us: i64,
    /// When it was last used (µs).
    pub seen_at_us: i64,
    /// When it ends at the latest (µs).
    pub expires_at_us: i64,
}

/// A notice in the portal (お知らせ).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalNoticeRow {
    /// Its id (32 hex digits).
    pub id: String,
    /// To whom.
    pub person: PersonId,
    /// `agency`, `card-expiry` or `certificate-expiry`.
    pub kind: String,
    /// What it is about, once per person (`card:SERIAL:DATE`, or the agency's own id).
    pub reference: String,
    /// The sending unit's name, for an agency's.
    pub sender: String,
    /// An agency's title (empty for the portal's own).
    pub title: String,
    /// An agency's text (empty for the portal's own).
    pub body: String,
    /// For the portal's own: the date it is about.
    pub detail: String,
    /// When it arrived (µs).
    pub created_at_us: i64,
    /// When the person opened it (µs), if they have.
    pub read_at_us: Option<i64>,
}

/// Reading the portal's log-ins and sessions.
#[async_trait]
pub trait PortalRead {
    /// The log-in `id`.
    async fn portal_login(&mut self, id: &str) -> Result<Option<PortalLoginRow>, StoreError>;
    /// The session whose token hashes to `hash`.
    async fn portal_session(&mut self, hash: &str) -> Result<Option<PortalSessionRow>, StoreError>;
    /// A person's notices, newest first, at most `limit`.
    async fn portal_notices(
        &mut self,
        person: PersonId,
        limit: i64,
    ) -> Result<Vec<PortalNoticeRow>, StoreError>;
}

/// Writing the portal's log-ins and sessions.
#[async_trait]
pub trait PortalWrite {
    /// Keeps a new log-in, forgetting those that ran out before `forget_before_us`.
    async fn insert_portal_login(
        &mut self,
        row: &PortalLoginRow,
        forget_before_us: i64,
    ) -> Result<(), StoreError>;
    /// Moves a log-in from `from` to `to` (with whose it is); whether it was at `from`.
    async fn move_portal_login(
        &mut self,
        id: &str,
        from: &str,
        to: &str,
        person: Option<PersonId>,
    ) -> Result<bool, StoreError>;
    /// Keeps a new session, forgetting those that ended before `forget_before_us`.
    async fn insert_portal_session(
        &mut self,
        row: &PortalSessionRow,
        forget_before_us: i64,
    ) -> Result<(), StoreError>;
    /// Notes that a session was used at `at_us`.
    async fn touch_portal_session(&mut self, hash: &str, at_us: i64) -> Result<(), StoreError>;
    /// Keeps a notice unless the person has one of the same reference; whether it was new.
    async fn insert_portal_notice(&mut self, row: &PortalNoticeRow) -> Result<bool, StoreError>;
    /// Marks the person's notice `id` read at `at_us` (if it was not); whether it is theirs.
    async fn read_portal_notice(
        &mut self,
        person: PersonId,
        id: &str,
        at_us: i64,
    ) -> Result<bool, StoreError>;
    /// Ends a session; whether there was one.
    async fn end_portal_session(&mut self, hash: &str) -> Result<bool, StoreError>;
    /// Ends every session of `person` (their card suspended or ended: whoever logged in with
    /// it is logged out); how many.
    async fn end_portal_sessions_of(&mut self, person: PersonId) -> Result<u64, StoreError>;
}
