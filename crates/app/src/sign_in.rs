//! Staff sign-in for browsers (issue 11, docs/design/web.md): enrolling a login (a login name, a
//! password and a TOTP key) with a token one holds, signing in with all three, the session a
//! browser then carries, and signing out. Every sign-in, refusal, enrolment and sign-out is in
//! the ledger, in the staff member's partition.
//!
//! A session cookie is 32 random bytes shown once to the browser; only its SHA-256 is stored,
//! as with tokens. A TOTP key is stored sealed (AES-256-GCM under a key derived from the
//! deployment's sealing secret for this purpose alone, bound to its staff member): a copy of
//! the database alone signs no one in. The session acts with the authority of the token that enrolled the login,
//! so the four-eyes rule (`number_change.rs`) still sees who could have handed it over.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use mynumber_core::sign_in::{
    LOCKOUT_FAILURES, LOCKOUT_SECONDS, PASSWORD_MAX_CHARS, SessionEnd, TOTP_SECRET_BYTES,
    check_password, check_totp, login_name, otpauth_uri, session_end,
};
use mynumber_core::{Action, FieldError, Invalid, Principal, StaffMember, Subject};

use crate::access::authorize;
use crate::ledger::{Record, append};
use crate::passkeys::{PasskeyAssertion, PasskeyPassed};
use crate::staff::token_hash;
use crate::{App, AppError, EnrolmentRow, LoginRow, SessionRow, StaffKind, StaffRow, TotpKeyRow};

/// How long an enrolment waits for its first code (µs): ten minutes.
const ENROLMENT_US: i64 = 10 * 60 * 1_000_000;

/// A session's last request is written at most this often (µs): a page view is then a read,
/// and the idle timeout is exact to the minute.
const TOUCH_US: i64 = 60 * 1_000_000;

/// The cookie's prefix: tells a session cookie from a token in a log line or a leak report.
const COOKIE_PREFIX: &str = "mns_";

/// The second factor given at sign-in.
enum SecondFactor<'a> {
    /// A TOTP code.
    Code(&'a str),
    /// A passkey's answer.
    Passkey(&'a PasskeyAssertion),
}

impl SecondFactor<'_> {
    /// How the ledger names it (and a refusal's reason when it failed).
    fn code(&self) -> &'static str {
        match self {
            Self::Code(_) => "code",
            Self::Passkey(_) => "passkey",
        }
    }
}

/// A second factor that passed its check.
enum Passed {
    /// The TOTP step of the code.
    Step(i64),
    /// A passkey.
    Passkey(PasskeyPassed),
}

/// An enrolment awaiting its first code: the key to put in an authenticator app.
#[derive(Clone, PartialEq, Eq)]
pub struct Enrolment {
    /// Names the enrolment to the browser (a hidden field), until the code confirms it.
    pub id: String,
    /// The login name chosen.
    pub login: String,
    /// The key, base32, for typing into an app.
    pub secret_base32: String,
    /// The `otpauth://` URI, for a QR code.
    pub uri: String,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enrolment")
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// A session just opened: the cookie is shown once, to the browser.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// The cookie's value.
    pub cookie: String,
    /// Who signed in.
    pub member: StaffMember,
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("member", &self.member)
            .finish_non_exhaustive()
    }
}

/// A browser session, authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// Its id (as in the ledger).
    pub id: String,
    /// Who acts.
    pub principal: Principal,
}

/// Why a sign-in was refused. The screen says the same for each ("the login name, password or
/// code is wrong") except a lock, so that no one learns which part was right; the ledger and
/// the log say which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInRefused {
    /// Wrong login name, password or code.
    Wrong,
    /// Too many failures: locked until then (µs).
    Locked(i64),
}

impl App {
    /// Enrols (or re-enrols) the token holder's browser sign-in: checks the login name and
    /// password, hashes the password (argon2id) and draws a TOTP key, to be confirmed with a
    /// code from the app within ten minutes ([`App::confirm_enrolment`]). A login enrolled
    /// before keeps working until then; the local operator works at the command line and has
    /// none.
    pub async fn begin_enrolment(
        &self,
        principal: &Principal,
        login: &str,
        password: &str,
        issuer: &str,
    ) -> Result<Enrolment, AppError> {
        self.permit(principal, Action::OwnCredentials).await?;
        let Principal::Staff(member) = principal else {
            return Err(AppError::Denied(mynumber_core::Denied::Principal {
                kind: principal.kind(),
                action: Action::OwnCredentials,
            }));
        };
        let credential = member.credential.ok_or(AppError::Unauthenticated)?;
        authorize!(
            self,
            (),
            principal,
            Action::OwnCredentials,
            &Subject::Staff {
                id: Some(member.id),
                municipality: member.municipality
            },
            "staff"
        );
        let password = normalized(password);
        let mut problems = Vec::new();
        let login = login_name("login", login)
            .map_err(|e| problems.push(e))
            .ok();
        if let Some(login) = &login
            && let Err(e) = check_password("password", &password, login)
        {
            problems.push(e);
        }
        let Some(login) = login.filter(|_| problems.is_empty()) else {
            return Err(AppError::Invalid(Invalid(problems)));
        };
        let now = self.clock.now_us();
        let taken = || -> AppError { FieldError::new("login", "problem-login-taken").into() };
        // Refused before the hash is computed: a name in use costs nothing to find out.
        {
            let mut tx = self.store.begin_read().await?;
            if tx
                .login_by_name(&login)
                .await?
                .is_some_and(|(other, _)| other.staff != member.id)
                || tx
                    .login_pending_elsewhere(&login, member.id, now - ENROLMENT_US)
                    .await?
            {
                return Err(taken());
            }
        }
        let salt: [u8; 16] = self.random_bytes();
        let password_hash = hash_password(password, salt).await?;
        let secret: [u8; TOTP_SECRET_BYTES] = self.random_bytes();
        let row = EnrolmentRow {
            id: hex::encode(self.random_bytes::<16>()),
            staff: member.id,
            login: login.clone(),
            password_hash,
            totp_secret: self.seal_totp(member.id, &secret)?,
            enrolled_by: credential,
            started_at_us: now,
        };
        let mut tx = self.store.begin().await?;
        tx.put_enrolment(&row).await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![staff_record(
                member,
                "sign-in-enrolment-started",
                format!("staff={} login={login} credential={credential}", member.id),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(enrolment_of(&row, &secret, issuer))
    }

    /// Confirms an enrolment with the first code from the authenticator app: the login it
    /// replaces (if any) and that login's sessions end, and the new one signs in from now on.
    pub async fn confirm_enrolment(&self, enrolment: &str, code: &str) -> Result<(), AppError> {
        let now = self.clock.now_us();
        let ended = || -> AppError { FieldError::new("code", "problem-enrolment-ended").into() };
        let mut tx = self.store.begin().await?;
        let Some(row) = tx.enrolment(enrolment).await? else {
            return Err(ended());
        };
        if now - row.started_at_us > ENROLMENT_US {
            return Err(ended());
        }
        let staff = tx
            .staff(row.staff)
            .await?
            .ok_or(AppError::NotFound("staff"))?;
        let token = tx.credential(row.enrolled_by).await?;
        if staff.disabled_at_us.is_some()
            || token.is_none_or(|t| t.revoked_at_us.is_some() || t.expires_at_us <= now)
        {
            return Err(ended());
        }
        let secret = self.open_totp(row.staff, &row.totp_secret)?;
        let Some(step) = check_totp(&secret, code, now / 1_000_000, None) else {
            return Err(FieldError::new("code", "problem-totp-code").into());
        };
        let login = LoginRow {
            staff: row.staff,
            login: row.login.clone(),
            password_hash: row.password_hash.clone(),
            totp_secret: row.totp_secret.clone(),
            totp_last_step: Some(step),
            failures: 0,
            locked_until_us: None,
            enrolled_by: row.enrolled_by,
            enrolled_at_us: now,
        };
        tx.put_login(&login).await.map_err(|e| match e {
            crate::StoreError::Conflict(_) => {
                FieldError::new("login", "problem-login-taken").into()
            }
            other => AppError::Store(other),
        })?;
        tx.delete_enrolment(&row.id).await?;
        // The password and key changed: whatever was signed in with the old ones ends.
        let closed = tx
            .end_sessions_of(staff.id, None, now, "re-enrolled")
            .await?;
        // And the passkeys registered under the old login: it may have been someone else's.
        let passkeys = tx.delete_passkeys_of(staff.id).await?;
        append(
            tx.as_mut(),
            &staff.id.to_hex(),
            now,
            vec![record_of(
                &staff,
                "sign-in-enrolled",
                format!(
                    "staff={} login={} sessions-ended={} passkeys-removed={passkeys}",
                    staff.id,
                    row.login,
                    closed.len()
                ),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Signs a staff member in with login name, password and code, and opens a session.
    /// Refusals are recorded; after [`LOCKOUT_FAILURES`] in a row the login is locked for
    /// [`LOCKOUT_SECONDS`]. The password is checked outside any transaction (Argon2 takes tens
    /// of milliseconds, which must not hold the database's write lock); the counts are then
    /// written in one statement each, so concurrent attempts all count and a code is taken once.
    pub async fn sign_in(
        &self,
        login: &str,
        password: &str,
        code: &str,
    ) -> Result<Result<SignedIn, SignInRefused>, AppError> {
        self.sign_in_with(login, password, SecondFactor::Code(code))
            .await
    }

    /// Signs a staff member in with login name, password and one of their passkeys (its answer
    /// to a sign-in challenge), as [`Self::sign_in`] does with a code.
    pub async fn sign_in_with_passkey(
        &self,
        login: &str,
        password: &str,
        answer: &PasskeyAssertion,
    ) -> Result<Result<SignedIn, SignInRefused>, AppError> {
        self.sign_in_with(login, password, SecondFactor::Passkey(answer))
            .await
    }

    async fn sign_in_with(
        &self,
        login: &str,
        password: &str,
        second: SecondFactor<'_>,
    ) -> Result<Result<SignedIn, SignInRefused>, AppError> {
        let now = self.clock.now_us();
        let login = login.trim().to_ascii_lowercase();
        let password = normalized(password);
        // The login and the token behind it, read together before the slow check.
        let found = if login.is_empty() || login.len() > 32 {
            None
        } else {
            let mut tx = self.store.begin_read().await?;
            match tx.login_by_name(&login).await? {
                Some((row, staff)) => {
                    let token = tx.credential(row.enrolled_by).await?;
                    let passkey = match &second {
                        SecondFactor::Passkey(answer) => tx.passkey(&answer.credential_id).await?,
                        SecondFactor::Code(_) => None,
                    };
                    Some((row, staff, token, passkey))
                }
                None => None,
            }
        };
        let Some((row, staff, token, passkey)) = found else {
            // As long as a known login's check, so that timing does not tell logins apart.
            let _ = verify_password(password, DUMMY_HASH.to_owned()).await;
            // The typed name is not recorded: it may be a password typed in the wrong field.
            let mut tx = self.store.begin().await?;
            append(
                tx.as_mut(),
                "anonymous",
                now,
                vec![Record {
                    partition: mynumber_core::ledger::NATIONAL_PARTITION.to_owned(),
                    action: "sign-in-refused",
                    person: None,
                    purpose: None,
                    detail: "reason=unknown-login".to_owned(),
                }],
            )
            .await?;
            tx.commit().await?;
            return Ok(Err(SignInRefused::Wrong));
        };
        let locked = row.locked_until_us.filter(|until| *until > now);
        // A locked login is not checked at all: a guess during the lock learns nothing.
        let password_ok = locked.is_none()
            && password.chars().count() <= PASSWORD_MAX_CHARS
            && verify_password(password, row.password_hash.clone()).await;
        let passed = match &second {
            SecondFactor::Code(code) => {
                let secret = self.open_totp(staff.id, &row.totp_secret)?;
                check_totp(&secret, code, now / 1_000_000, row.totp_last_step).map(Passed::Step)
            }
            SecondFactor::Passkey(answer) => self
                .check_passkey(staff.id, passkey.as_ref(), answer, now)
                .map(Passed::Passkey),
        };
        let reason = if locked.is_some() {
            Some("locked")
        } else if staff.disabled_at_us.is_some() {
            Some("disabled")
        } else if staff.kind != StaffKind::Staff {
            Some("operator")
        } else if token.is_none_or(|t| t.revoked_at_us.is_some()) {
            Some("token-revoked")
        } else if !password_ok {
            Some("password")
        } else if passed.is_none() {
            Some(second.code())
        } else {
            None
        };
        let mut tx = self.store.begin().await?;
        let accepted = match (reason, &passed) {
            (None, Some(Passed::Step(step))) => {
                tx.login_succeeded(staff.id, Some(*step), now).await?
            }
            // The challenge is taken once, in the transaction that opens the session.
            (None, Some(Passed::Passkey(p))) => {
                tx.take_challenge(&p.nonce, now, now - crate::passkeys::CHALLENGE_US)
                    .await?
                    && tx.login_succeeded(staff.id, None, now).await?
                    && tx.passkey_used(&p.id, p.sign_count, now).await?
            }
            _ => false,
        };
        if !accepted {
            // Counted unless already locked (a lock is not lengthened by guesses during it).
            let (failures, until) = match locked {
                Some(until) => (row.failures, Some(until)),
                None => {
                    let counted = tx
                        .login_failed(
                            staff.id,
                            now,
                            LOCKOUT_FAILURES,
                            now + LOCKOUT_SECONDS * 1_000_000,
                        )
                        .await?;
                    (counted.failures, counted.locked_until_us)
                }
            };
            // No reason: the code or challenge was right but taken a moment ago by another
            // sign-in (or the login locked meanwhile).
            let reason = reason.unwrap_or(match second {
                SecondFactor::Code(_) => "code-replayed",
                SecondFactor::Passkey(_) => "passkey-replayed",
            });
            append(
                tx.as_mut(),
                "anonymous",
                now,
                vec![record_of(
                    &staff,
                    "sign-in-refused",
                    format!("staff={} reason={reason} failures={failures}", staff.id),
                )],
            )
            .await?;
            tx.commit().await?;
            tracing::warn!(staff = %staff.id, reason, "a sign-in was refused");
            return Ok(Err(match until {
                Some(until) if until > now => SignInRefused::Locked(until),
                _ => SignInRefused::Wrong,
            }));
        }
        let cookie = format!("{COOKIE_PREFIX}{}", hex::encode(self.random_bytes::<32>()));
        let session = SessionRow {
            id: hex::encode(self.random_bytes::<16>()),
            staff: staff.id,
            hash: token_hash(&cookie),
            credential: row.enrolled_by,
            issued_at_us: now,
            last_used_at_us: now,
            ended_at_us: None,
        };
        tx.insert_session(&session).await?;
        append(
            tx.as_mut(),
            &staff.id.to_hex(),
            now,
            vec![record_of(
                &staff,
                "signed-in",
                format!(
                    "staff={} session={} factor={}{}",
                    staff.id,
                    session.id,
                    second.code(),
                    match &passed {
                        Some(Passed::Passkey(p)) => {
                            format!(" passkey={}", crate::passkeys::short_id(&p.id))
                        }
                        _ => String::new(),
                    }
                ),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(SignedIn {
            cookie,
            member: member_of(&staff, row.enrolled_by),
        }))
    }

    /// The session a browser's cookie names, if it still holds: not ended, not idle for
    /// [`mynumber_core::sign_in::SESSION_IDLE_SECONDS`], not older than
    /// [`mynumber_core::sign_in::SESSION_MAX_SECONDS`], its staff member a person's account and
    /// not disabled. A session found idle, too old or of a disabled member is ended and
    /// recorded (so that re-enabling the member does not revive it).
    pub async fn session(&self, cookie: &str) -> Result<Session, AppError> {
        if !cookie.starts_with(COOKIE_PREFIX) || cookie.len() != COOKIE_PREFIX.len() + 64 {
            return Err(AppError::Unauthenticated);
        }
        let now = self.clock.now_us();
        let hash = token_hash(cookie);
        let found = self
            .store
            .begin_lookup()
            .await?
            .session_by_hash(&hash)
            .await?;
        let Some((session, staff)) = found else {
            return Err(AppError::Unauthenticated);
        };
        if session.ended_at_us.is_some() || staff.kind != StaffKind::Staff {
            return Err(AppError::Unauthenticated);
        }
        let ended = if staff.disabled_at_us.is_some() {
            Some("disabled")
        } else {
            session_end(session.issued_at_us, session.last_used_at_us, now).map(|end| match end {
                SessionEnd::Idle => "idle",
                SessionEnd::Expired => "expired",
            })
        };
        if ended.is_some() || now - session.last_used_at_us >= TOUCH_US {
            let mut tx = self.store.begin().await?;
            if let Some(reason) = ended {
                end_recorded(tx.as_mut(), &staff, &session.id, reason, "system", now).await?;
                tx.commit().await?;
                return Err(AppError::Unauthenticated);
            }
            tx.touch_session(&session.id, now).await?;
            tx.commit().await?;
        }
        Ok(Session {
            id: session.id,
            principal: Principal::Staff(member_of(&staff, session.credential)),
        })
    }

    /// Ends the sessions whose cookie never came back: left idle past the idle timeout, past
    /// their length, or of a staff member since disabled; each recorded as it ends, with its
    /// reason, as if its cookie had come back now. Run by the server on its maintenance tick;
    /// returns how many it ended. A batch at a time, each its own transaction.
    pub async fn sweep_sessions(&self, principal: &Principal) -> Result<usize, AppError> {
        const BATCH: usize = 500;
        self.permit(principal, Action::SweepSessions).await?;
        let actor = principal.ledger_name();
        let mut ended = 0;
        loop {
            let now = self.clock.now_us();
            let mut tx = self.store.begin().await?;
            let before = ended;
            let stale = tx
                .stale_sessions(
                    now - mynumber_core::sign_in::SESSION_IDLE_SECONDS * 1_000_000,
                    now - mynumber_core::sign_in::SESSION_MAX_SECONDS * 1_000_000,
                    BATCH as i64,
                )
                .await?;
            for (session, staff) in &stale {
                // The same rule as a cookie that comes back (`session`), decided by the core.
                let reason = if staff.disabled_at_us.is_some() {
                    "disabled"
                } else {
                    match session_end(session.issued_at_us, session.last_used_at_us, now) {
                        Some(SessionEnd::Expired) => "expired",
                        Some(SessionEnd::Idle) => "idle",
                        None => continue,
                    }
                };
                if end_recorded(tx.as_mut(), staff, &session.id, reason, &actor, now).await? {
                    ended += 1;
                }
            }
            tx.commit().await?;
            // A batch that ended nothing would come back the same: stop there too.
            if stale.len() < BATCH || ended == before {
                return Ok(ended);
            }
        }
    }

    /// Ends the session a cookie names (signing out); recorded.
    pub async fn sign_out(&self, cookie: &str) -> Result<(), AppError> {
        let session = self.session(cookie).await?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let staff_id = session.principal.staff().map(|s| s.id);
        let Some(staff) = (match staff_id {
            Some(id) => tx.staff(id).await?,
            None => None,
        }) else {
            return Err(AppError::Unauthenticated);
        };
        end_recorded(
            tx.as_mut(),
            &staff,
            &session.id,
            "signed-out",
            &staff.id.to_hex(),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The enrolment awaiting its first code under this id, to show its key again (after a
    /// wrong code); `None` when there is none or it has ended.
    pub async fn pending_enrolment(
        &self,
        enrolment: &str,
        issuer: &str,
    ) -> Result<Option<Enrolment>, AppError> {
        let now = self.clock.now_us();
        let mut tx = self.store.begin_read().await?;
        let Some(row) = tx
            .enrolment(enrolment)
            .await?
            .filter(|row| now - row.started_at_us <= ENROLMENT_US)
        else {
            return Ok(None);
        };
        let secret = self.open_totp(row.staff, &row.totp_secret)?;
        Ok(Some(enrolment_of(&row, &secret, issuer)))
    }

    /// Seals the TOTP keys stored before keys were sealed, at start (every server of one
    /// database shares the sealing secret); returns how many it sealed. Idempotent.
    pub async fn seal_totp_keys(&self) -> Result<usize, AppError> {
        // Read first: every command starts here, and once all keys are sealed none needs the
        // writers' lock. Each write is a compare-and-swap on the key read, so a re-enrolment
        // in between is kept.
        let plain: Vec<TotpKeyRow> = self
            .store
            .begin_read()
            .await?
            .totp_keys()
            .await?
            .into_iter()
            .filter(|row| !mynumber_pki::SecretSealer::is_sealed(&row.key))
            .collect();
        if plain.is_empty() {
            return Ok(0);
        }
        let mut tx = self.store.begin().await?;
        let mut sealed = 0;
        for row in &plain {
            let key = self.seal_totp(row.staff, &row.key)?;
            if tx.set_totp_key(row, &key).await? {
                sealed += 1;
            }
        }
        tx.commit().await?;
        Ok(sealed)
    }

    /// The sealer of staff TOTP keys, derived from the deployment's sealing secret (the one the
    /// CA keys are sealed with) for this purpose alone.
    fn totp_sealer(&self) -> Result<mynumber_pki::SecretSealer, AppError> {
        mynumber_pki::SecretSealer::derive(&self.pki.secret, b"staff TOTP keys")
            .map_err(|e| AppError::Unavailable(format!("the TOTP keys' sealer: {e}")))
    }

    /// A staff member's TOTP key sealed for their row.
    fn seal_totp(&self, staff: mynumber_core::StaffId, key: &[u8]) -> Result<Vec<u8>, AppError> {
        self.totp_sealer()?
            .seal(key, totp_label(staff).as_bytes(), self.random_bytes())
            .map_err(|e| AppError::Unavailable(format!("sealing a TOTP key: {e}")))
    }

    /// A staff member's TOTP key opened. One that does not open (another deployment's sealing
    /// secret, a row copied from another staff member, or damage) makes sign-in unavailable,
    /// not a wrong code: the staff member could do nothing about it.
    fn open_totp(&self, staff: mynumber_core::StaffId, sealed: &[u8]) -> Result<Vec<u8>, AppError> {
        self.totp_sealer()?
            .open(sealed, totp_label(staff).as_bytes())
            .map_err(|_| {
                AppError::Unavailable(
                    "a staff TOTP key does not open with this deployment's sealing secret (--ca-secret-file)"
                        .to_owned(),
                )
            })
    }

    /// 32 random bytes, hex: a token for a form before sign-in (double-submit CSRF).
    pub fn fresh_token(&self) -> String {
        hex::encode(self.random_bytes::<32>())
    }
}

/// Ends a session if it is open, and records that it ended and why (`signed-out`, `idle`,
/// `expired`, `disabled`) in the staff member's partition; returns whether it was open.
async fn end_recorded(
    tx: &mut dyn crate::Tx,
    staff: &StaffRow,
    session: &str,
    reason: &str,
    actor: &str,
    now: i64,
) -> Result<bool, AppError> {
    let open = tx.end_session(session, now, reason).await?;
    if open {
        append(
            tx,
            actor,
            now,
            vec![record_of(
                staff,
                "signed-out",
                format!("staff={} session={session} reason={reason}", staff.id),
            )],
        )
        .await?;
    }
    Ok(open)
}

/// A password as typed, in one Unicode form (NFKC): typed with an input method in full-width
/// mode, "ｐａｓｓ" is "pass" (NIST SP 800-63B §5.1.1.2 asks for normalisation).
pub(crate) fn normalized(password: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    password.nfkc().collect()
}

/// The label a staff member's TOTP key is sealed under: the same for their enrolment and their
/// login, so the sealed key moves from one to the other as it is.
fn totp_label(staff: mynumber_core::StaffId) -> String {
    format!("staff-totp:{}", staff.to_hex())
}

fn enrolment_of(row: &EnrolmentRow, secret: &[u8], issuer: &str) -> Enrolment {
    Enrolment {
        id: row.id.clone(),
        uri: otpauth_uri(issuer, &row.login, secret),
        secret_base32: mynumber_core::sign_in::base32(secret),
        login: row.login.clone(),
    }
}

/// An argon2id hash of a password no one has, to spend the same time on an unknown login.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$W0mhTr4z8oMcEFMqi1vJH9uf0DuOa2X1hO1aMNvG0tU";

/// Argon2id with the default parameters (RFC 9106's second recommended option scaled to OWASP's
/// minimum, 19 MiB and 2 passes), off the async workers: about 25 ms of one core.
async fn hash_password(password: String, salt: [u8; 16]) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password_with_salt(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| AppError::Store(crate::StoreError::Database(format!("hashing: {e}"))))?
    .map_err(|e| AppError::Store(crate::StoreError::Database(format!("hashing: {e}"))))
}

pub(crate) async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

fn member_of(staff: &StaffRow, credential: mynumber_core::CredentialId) -> StaffMember {
    StaffMember {
        id: staff.id,
        name: staff.name.clone(),
        role: staff.role,
        municipality: staff.municipality,
        credential: Some(credential),
    }
}

/// A ledger record in a staff member's partition (their municipality's, or the national one).
pub(crate) fn record_in(
    municipality: Option<mynumber_core::MunicipalityCode>,
    action: &'static str,
    detail: String,
) -> Record {
    Record {
        partition: municipality
            .map(|m| m.as_str().to_owned())
            .unwrap_or_else(|| mynumber_core::ledger::NATIONAL_PARTITION.to_owned()),
        action,
        person: None,
        purpose: None,
        detail,
    }
}

fn record_of(staff: &StaffRow, action: &'static str, detail: String) -> Record {
    record_in(staff.municipality, action, detail)
}

fn staff_record(member: &StaffMember, action: &'static str, detail: String) -> Record {
    record_in(member.municipality, action, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash an unknown login is checked against parses and is checked at the default cost,
    /// else the time spent would tell unknown logins from known ones.
    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let parsed = argon2::PasswordHash::new(DUMMY_HASH).unwrap();
        let params = argon2::Params::try_from(&parsed).unwrap();
        let default = argon2::Params::default();
        assert_eq!(
            (params.m_cost(), params.t_cost(), params.p_cost()),
            (default.m_cost(), default.t_cost(), default.p_cost())
        );
        assert!(
            Argon2::default()
                .verify_password(b"anything", DUMMY_HASH)
                .is_err()
        );
    }

    /// A password is stored as argon2id (RFC 9106) at the default cost, salted, and checks
    /// only with itself.
    #[tokio::test]
    async fn a_password_is_stored_as_argon2id() {
        let hash = hash_password("correct horse".to_owned(), [7; 16])
            .await
            .unwrap();
        let parsed = argon2::PasswordHash::new(&hash).unwrap();
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        let params = argon2::Params::try_from(&parsed).unwrap();
        let default = argon2::Params::default();
        assert_eq!(
            (params.m_cost(), params.t_cost(), params.p_cost()),
            (default.m_cost(), default.t_cost(), default.p_cost())
        );
        assert!(verify_password("correct horse".to_owned(), hash.clone()).await);
        assert!(!verify_password("correct horsf".to_owned(), hash.clone()).await);
        // Another salt, another hash.
        let other = hash_password("correct horse".to_owned(), [8; 16])
            .await
            .unwrap();
        assert_ne!(other, hash);
    }

    #[test]
    fn passwords_are_compared_in_one_unicode_form() {
        assert_eq!(normalized("ｐａｓｓ　ｗｏｒｄ１２"), "pass word12");
        assert_eq!(normalized("パスワード"), "パスワード");
    }
}
