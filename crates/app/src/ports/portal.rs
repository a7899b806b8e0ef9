//! The resident's portal's storage (issue 14, docs/design/portal.md): log-ins with the card,
//! browser sessions, notices, and the grants apps hold to the 自己情報取得API with their refresh
//! tokens.

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

/// What a resident let an app read (自己情報取得API): one standing grant per app and person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppGrantRow {
    /// Its id (32 hex digits); a new consent gets a new one, which ends the refresh tokens of
    /// the one it replaces.
    pub id: String,
    /// The app (a relying party).
    pub organisation: mynumber_core::OrganisationId,
    /// Whose information.
    pub person: PersonId,
    /// The granted scopes, space-separated (`self:local-tax …`).
    pub items: String,
    /// The log-in the consent was given at.
    pub login: String,
    /// When given (µs).
    pub granted_at_us: i64,
    /// When it runs out (µs).
    pub expires_at_us: i64,
    /// When the resident withdrew it (µs), if they did.
    pub withdrawn_at_us: Option<i64>,
}

impl AppGrantRow {
    /// Whether it is in force at `now_us`.
    pub fn in_force(&self, now_us: i64) -> bool {
        self.withdrawn_at_us.is_none() && now_us < self.expires_at_us
    }
}

/// A refresh token of a grant as stored: never the token, its SHA-256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefreshTokenRow {
    /// SHA-256 of the token, hex.
    pub hash: String,
    /// The grant it keeps.
    pub grant: String,
    /// When it runs out (µs).
    pub expires_at_us: i64,
    /// When it was used (µs): each is used once.
    pub used_at_us: Option<i64>,
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
    /// The grant `organisation` holds to `person`'s information, in force or not.
    async fn app_grant(
        &mut self,
        organisation: mynumber_core::OrganisationId,
        person: PersonId,
    ) -> Result<Option<AppGrantRow>, StoreError>;
    /// The grant `id`, in force or not.
    async fn app_grant_by_id(&mut self, id: &str) -> Result<Option<AppGrantRow>, StoreError>;
    /// Every grant to `person`'s information, in force or not, newest first.
    async fn app_grants_of(&mut self, person: PersonId) -> Result<Vec<AppGrantRow>, StoreError>;
    /// The refresh token whose hash is `hash`.
    async fn refresh_token(&mut self, hash: &str) -> Result<Option<RefreshTokenRow>, StoreError>;
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
    /// Keeps a grant, replacing the one the same app held to the same person.
    async fn put_app_grant(&mut self, row: &AppGrantRow) -> Result<(), StoreError>;
    /// Withdraws `person`'s grant `id` at `at_us`; whether it was theirs and in force.
    async fn withdraw_app_grant(
        &mut self,
        person: PersonId,
        id: &str,
        at_us: i64,
    ) -> Result<bool, StoreError>;
    /// Withdraws every grant of `person` in force at `at_us`, their refresh tokens with them
    /// (the card they were given with is suspended or ended); how many.
    async fn withdraw_app_grants_of(
        &mut self,
        person: PersonId,
        at_us: i64,
    ) -> Result<u64, StoreError>;
    /// Keeps a new refresh token, forgetting those that ran out before `forget_before_us`.
    async fn insert_refresh_token(
        &mut self,
        row: &RefreshTokenRow,
        forget_before_us: i64,
    ) -> Result<(), StoreError>;
    /// Ends every refresh token of the grant `grant` (one was used twice); how many.
    async fn end_refresh_tokens(&mut self, grant: &str) -> Result<u64, StoreError>;
    /// Marks a refresh token used at `at_us`; whether it was unused.
    async fn use_refresh_token(&mut self, hash: &str, at_us: i64) -> Result<bool, StoreError>;
}
