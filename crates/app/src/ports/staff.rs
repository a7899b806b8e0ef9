//! The storage of staff and the other principals, their credentials, and the deployment's
//! settings.

use async_trait::async_trait;
use mynumber_core::{CredentialId, MunicipalityCode, Role, StaffId};

use crate::StoreError;

/// Whether a staff account is a person's, or the local operator's at the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffKind {
    /// The local operator, created at setup, whose credential lives in the data directory.
    Operator,
    /// A staff member, authenticated by a token handed to them.
    Staff,
}

mynumber_core::codes!(StaffKind {
    Operator => "operator",
    Staff => "staff",
});

/// A staff member as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffRow {
    /// Internal id.
    pub id: StaffId,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Municipality acted for; `None` is national scope.
    pub municipality: Option<MunicipalityCode>,
    /// A person's account or the local operator's.
    pub kind: StaffKind,
    /// Who created it (the ledger's name of the principal; `None`: setup).
    pub created_by: Option<String>,
    /// When created (µs).
    pub created_at_us: i64,
    /// When disabled (µs); `None` while active.
    pub disabled_at_us: Option<i64>,
}

/// A credential (bearer token) as stored: its hash, never the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialRow {
    /// Its id.
    pub id: CredentialId,
    /// Whose.
    pub staff: StaffId,
    /// SHA-256 of the token, hex.
    pub hash: String,
    /// What it is for (`first token`, `rotated`, a device name).
    pub label: String,
    /// When issued (µs).
    pub issued_at_us: i64,
    /// When it stops working (µs).
    pub expires_at_us: i64,
    /// When revoked (µs); `None` while not.
    pub revoked_at_us: Option<i64>,
    /// The credential that issued it (`None`: setup).
    pub issued_by: Option<CredentialId>,
}

/// A staff member's browser sign-in (ログイン): login name, password hash and TOTP key.
#[derive(Clone, PartialEq, Eq)]
pub struct LoginRow {
    /// Whose.
    pub staff: StaffId,
    /// The login name (lower case, unique).
    pub login: String,
    /// Argon2id, PHC string.
    pub password_hash: String,
    /// The TOTP key.
    pub totp_secret: Vec<u8>,
    /// The last TOTP step accepted (a code is taken once).
    pub totp_last_step: Option<i64>,
    /// Failed sign-ins since the last success (or the last lock's end).
    pub failures: i64,
    /// Locked until then (µs), after too many failures.
    pub locked_until_us: Option<i64>,
    /// The token that enrolled it: sessions act with its authority.
    pub enrolled_by: CredentialId,
    /// When enrolled (µs).
    pub enrolled_at_us: i64,
}

impl std::fmt::Debug for LoginRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRow")
            .field("staff", &self.staff)
            .field("login", &self.login)
            .field("failures", &self.failures)
            .finish_non_exhaustive()
    }
}

/// An enrolment awaiting its first code; the login it replaces keeps working until then.
#[derive(Clone, PartialEq, Eq)]
pub struct EnrolmentRow {
    /// Names it to the browser (random).
    pub id: String,
    /// Whose.
    pub staff: StaffId,
    /// The login name chosen.
    pub login: String,
    /// Argon2id, PHC string.
    pub password_hash: String,
    /// The TOTP key drawn.
    pub totp_secret: Vec<u8>,
    /// The token it was started with.
    pub enrolled_by: CredentialId,
    /// When started (µs).
    pub started_at_us: i64,
}

impl std::fmt::Debug for EnrolmentRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrolmentRow")
            .field("staff", &self.staff)
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// A passkey (WebAuthn credential) registered as a staff member's second factor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasskeyRow {
    /// The credential id the authenticator chose.
    pub id: Vec<u8>,
    /// Whose.
    pub staff: StaffId,
    /// The name its owner gave it ("office laptop").
    pub name: String,
    /// The ES256 public key, a SEC1 uncompressed P-256 point.
    pub public_key: Vec<u8>,
    /// The authenticator's signature counter last seen (0 when it keeps none).
    pub sign_count: i64,
    /// When registered (µs).
    pub created_at_us: i64,
    /// When last used to sign in (µs).
    pub last_used_at_us: Option<i64>,
}

/// A TOTP key as kept, and whose it is: a login's, or a pending enrolment's.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpKeyRow {
    /// The enrolment's id; `None` for the staff member's login.
    pub enrolment: Option<String>,
    /// Whose.
    pub staff: StaffId,
    /// The key as stored (sealed, or plain in a row written before sealing).
    pub key: Vec<u8>,
}

impl std::fmt::Debug for TotpKeyRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpKeyRow")
            .field("enrolment", &self.enrolment)
            .field("staff", &self.staff)
            .finish_non_exhaustive()
    }
}

/// What a failed sign-in left: the failures counted and the lock, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoginFailures {
    /// Failures in a row.
    pub failures: i64,
    /// Locked until then (µs).
    pub locked_until_us: Option<i64>,
}

/// A browser session: only the SHA-256 of its cookie is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    /// Its id (in the ledger; not secret).
    pub id: String,
    /// Whose.
    pub staff: StaffId,
    /// SHA-256 of the cookie, hex.
    pub hash: String,
    /// The credential it acts with: the token that enrolled the login.
    pub credential: CredentialId,
    /// When signed in (µs).
    pub issued_at_us: i64,
    /// The last request (µs), kept to the minute.
    pub last_used_at_us: i64,
    /// When it ended (µs); `None` while open.
    pub ended_at_us: Option<i64>,
}

/// Reads staff, principals and settings.
#[async_trait]
pub trait StaffRead: Send {
    /// The credential with this token hash, and its staff member.
    async fn credential_by_hash(
        &mut self,
        hash: &str,
    ) -> Result<Option<(CredentialRow, StaffRow)>, StoreError>;
    /// A credential by id.
    async fn credential(&mut self, id: CredentialId) -> Result<Option<CredentialRow>, StoreError>;
    /// A staff member's credentials, newest first.
    async fn credentials_of(&mut self, staff: StaffId) -> Result<Vec<CredentialRow>, StoreError>;
    /// A staff member by id.
    async fn staff(&mut self, id: StaffId) -> Result<Option<StaffRow>, StoreError>;
    /// Staff of one municipality (`None`: everyone), oldest first.
    async fn staff_list(
        &mut self,
        municipality: Option<MunicipalityCode>,
    ) -> Result<Vec<StaffRow>, StoreError>;
    /// How many staff exist.
    async fn count_staff(&mut self) -> Result<i64, StoreError>;
    /// A deployment setting.
    async fn setting(&mut self, name: &str) -> Result<Option<String>, StoreError>;
    /// The browser sign-in with this login name, and its staff member.
    async fn login_by_name(
        &mut self,
        login: &str,
    ) -> Result<Option<(LoginRow, StaffRow)>, StoreError>;
    /// A staff member's browser sign-in.
    async fn login_of(&mut self, staff: StaffId) -> Result<Option<LoginRow>, StoreError>;
    /// The enrolment with this id.
    async fn enrolment(&mut self, id: &str) -> Result<Option<EnrolmentRow>, StoreError>;
    /// Whether another staff member's enrolment started at or after `since_us` chose `login`.
    async fn login_pending_elsewhere(
        &mut self,
        login: &str,
        staff: StaffId,
        since_us: i64,
    ) -> Result<bool, StoreError>;
    /// A staff member's passkeys, oldest first.
    async fn passkeys_of(&mut self, staff: StaffId) -> Result<Vec<PasskeyRow>, StoreError>;
    /// The passkey with this credential id.
    async fn passkey(&mut self, id: &[u8]) -> Result<Option<PasskeyRow>, StoreError>;
    /// Every login's and pending enrolment's TOTP key (staff are thousands at most).
    async fn totp_keys(&mut self) -> Result<Vec<TotpKeyRow>, StoreError>;
    /// Up to `limit` open sessions to end: last used at or before `idle_before_us`, issued at
    /// or before `issued_before_us`, or of a disabled staff member; with their staff member.
    async fn stale_sessions(
        &mut self,
        idle_before_us: i64,
        issued_before_us: i64,
        limit: i64,
    ) -> Result<Vec<(SessionRow, StaffRow)>, StoreError>;
    /// The session with this cookie hash, and its staff member.
    async fn session_by_hash(
        &mut self,
        hash: &str,
    ) -> Result<Option<(SessionRow, StaffRow)>, StoreError>;
}

/// Writes staff, principals and settings.
#[async_trait]
pub trait StaffWrite: Send {
    /// Inserts a staff member.
    async fn insert_staff(&mut self, row: &StaffRow) -> Result<(), StoreError>;
    /// Inserts a credential.
    async fn insert_credential(&mut self, row: &CredentialRow) -> Result<(), StoreError>;
    /// Revokes a credential not yet revoked; returns whether it was.
    async fn revoke_credential(&mut self, id: CredentialId, at_us: i64)
    -> Result<bool, StoreError>;
    /// Disables (`Some(at)`) or enables (`None`) a staff member; returns whether it changed.
    async fn set_staff_disabled(
        &mut self,
        id: StaffId,
        at_us: Option<i64>,
    ) -> Result<bool, StoreError>;
    /// Sets a setting unless it is set already; returns whether it was set now.
    async fn insert_setting(&mut self, name: &str, value: &str) -> Result<bool, StoreError>;
    /// Starts an enrolment, replacing the staff member's pending one if any.
    async fn put_enrolment(&mut self, row: &EnrolmentRow) -> Result<(), StoreError>;
    /// Forgets an enrolment.
    async fn delete_enrolment(&mut self, id: &str) -> Result<(), StoreError>;
    /// Writes a staff member's browser sign-in, replacing theirs if any. Fails with
    /// [`StoreError::Conflict`] when another staff member has the login name.
    async fn put_login(&mut self, row: &LoginRow) -> Result<(), StoreError>;
    /// Registers a passkey; [`StoreError::Conflict`] when its credential id is registered.
    async fn insert_passkey(&mut self, row: &PasskeyRow) -> Result<(), StoreError>;
    /// Forgets a staff member's passkey; returns whether there was one.
    async fn delete_passkey(&mut self, staff: StaffId, id: &[u8]) -> Result<bool, StoreError>;
    /// Records a sign-in with a passkey: its counter and when, only if the counter moved on
    /// (or both are 0) and the passkey is still there; returns whether it was.
    async fn passkey_used(
        &mut self,
        id: &[u8],
        sign_count: i64,
        at_us: i64,
    ) -> Result<bool, StoreError>;
    /// Forgets every passkey of a staff member (their login was replaced); returns how many.
    async fn delete_passkeys_of(&mut self, staff: StaffId) -> Result<u64, StoreError>;
    /// Takes a challenge once: whether it was not taken before. Forgets the challenges taken
    /// before `forget_before_us` (they have expired, so cannot come back).
    async fn take_challenge(
        &mut self,
        nonce: &[u8],
        at_us: i64,
        forget_before_us: i64,
    ) -> Result<bool, StoreError>;
    /// Replaces the TOTP key of the login or enrolment `row` names with `key`, if it still holds
    /// `row.key` (a re-enrolment meanwhile is kept); returns whether it did.
    async fn set_totp_key(&mut self, row: &TotpKeyRow, key: &[u8]) -> Result<bool, StoreError>;
    /// Counts a failed sign-in in one statement (concurrent failures all count): a lock that
    /// has ended starts the count again; `lock_after` failures lock until `lock_until_us`.
    async fn login_failed(
        &mut self,
        staff: StaffId,
        now_us: i64,
        lock_after: i64,
        lock_until_us: i64,
    ) -> Result<LoginFailures, StoreError>;
    /// Records a sign-in, with the TOTP `step` when a code was the second factor: only if no
    /// later or equal step was taken and the login is not locked (checked in the statement, so
    /// two sign-ins with one code cannot both succeed); returns whether it was.
    async fn login_succeeded(
        &mut self,
        staff: StaffId,
        step: Option<i64>,
        now_us: i64,
    ) -> Result<bool, StoreError>;
    /// Forgets the sign-ins a token enrolled (it was revoked), their passkeys and their pending
    /// enrolments.
    async fn drop_logins_enrolled_by(
        &mut self,
        credential: CredentialId,
    ) -> Result<u64, StoreError>;
    /// Moves the sign-ins, enrolments and open sessions of a rotated token to its successor.
    async fn move_logins(&mut self, from: CredentialId, to: CredentialId)
    -> Result<(), StoreError>;
    /// Opens a session.
    async fn insert_session(&mut self, row: &SessionRow) -> Result<(), StoreError>;
    /// Records a session's latest request.
    async fn touch_session(&mut self, id: &str, at_us: i64) -> Result<(), StoreError>;
    /// Ends an open session; returns whether it was open.
    async fn end_session(&mut self, id: &str, at_us: i64, reason: &str)
    -> Result<bool, StoreError>;
    /// Ends the open sessions of a staff member (`credential`: only those acting with it);
    /// returns the ids ended.
    async fn end_sessions_of(
        &mut self,
        staff: StaffId,
        credential: Option<CredentialId>,
        at_us: i64,
        reason: &str,
    ) -> Result<Vec<String>, StoreError>;
}
