//! Passkeys (WebAuthn) as staff sign-in's second factor, beside TOTP (issue 11,
//! docs/design/web.md): a signed-in staff member registers one, lists and removes theirs, and
//! signs in with password and passkey. The cryptographic checks are `mynumber_pki::webauthn`'s;
//! this module keeps the challenges and the credentials.
//!
//! A challenge is made by the server and signed by it (HMAC-SHA256 under a key derived from the
//! deployment's sealing secret for this use), with its purpose and expiry inside: the page that
//! shows it writes nothing, and a challenge is taken once, when it is answered
//! (`staff_passkey_challenges`), so an answer cannot be replayed.

use aws_lc_rs::{hkdf, hmac};
use mynumber_core::{FieldError, Principal, StaffId};
use mynumber_pki::webauthn::{self, ClientData, Expected};

use crate::ledger::append;
use crate::{App, AppError, PasskeyRow};

/// How long a challenge may be answered (µs): five minutes, WebAuthn's recommended ceremony
/// timeout for user verification (§15.1) being at most ten.
pub(crate) const CHALLENGE_US: i64 = 5 * 60 * 1_000_000;

/// A staff member's passkeys are at most this many (a spare, a phone, a laptop, …).
pub const MAX_PASSKEYS: usize = 10;

/// What a challenge is for: signing in, or registering a passkey to one staff member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChallengeFor {
    /// A sign-in (the staff member is not known until the password is checked).
    SignIn,
    /// A new passkey of this staff member.
    Register(StaffId),
}

impl ChallengeFor {
    fn label(self) -> String {
        match self {
            Self::SignIn => "sign-in".to_owned(),
            Self::Register(staff) => format!("register:{}", staff.to_hex()),
        }
    }
}

/// The client data as the browser sent it, its JSON read by the caller (only the API knows
/// JSON): its fields and its exact bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PasskeyClientData {
    /// `type`.
    pub kind: String,
    /// `challenge`, decoded.
    pub challenge: Vec<u8>,
    /// `origin`.
    pub origin: String,
    /// `crossOrigin`.
    pub cross_origin: bool,
    /// The JSON's bytes.
    pub json: Vec<u8>,
}

impl std::fmt::Debug for PasskeyRegistration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasskeyRegistration")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl PasskeyClientData {
    fn fields(&self) -> ClientData<'_> {
        ClientData {
            kind: &self.kind,
            challenge: &self.challenge,
            origin: &self.origin,
            cross_origin: self.cross_origin,
            json: &self.json,
        }
    }
}

/// Where the ceremony happened: the page's origin and the relying party's id (its host), as the
/// server that served the page knows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PasskeyOrigin {
    /// `https://desk.example.jp` (scheme, host, port).
    pub origin: String,
    /// `desk.example.jp`.
    pub rp_id: String,
}

/// A new passkey as the browser sent it (`navigator.credentials.create`), with its owner's
/// password typed again.
#[derive(Clone)]
pub struct PasskeyRegistration {
    /// The name its owner gives it.
    pub name: String,
    /// The login's password: a session alone (a browser left signed in) adds no lasting factor.
    pub password: String,
    /// The client data.
    pub client: PasskeyClientData,
    /// The attestation object (CBOR).
    pub attestation_object: Vec<u8>,
    /// Where.
    pub at: PasskeyOrigin,
}

/// A sign-in's answer from a passkey (`navigator.credentials.get`); the default is an answer
/// that could not be read, which every check refuses.
#[derive(Clone, Debug, Default)]
pub struct PasskeyAssertion {
    /// The credential's id.
    pub credential_id: Vec<u8>,
    /// The client data.
    pub client: PasskeyClientData,
    /// The authenticator data.
    pub authenticator_data: Vec<u8>,
    /// The ECDSA signature (DER).
    pub signature: Vec<u8>,
    /// Where.
    pub at: PasskeyOrigin,
}

/// A passkey that signed in: the challenge to take once and the counter to keep.
pub(crate) struct PasskeyPassed {
    pub nonce: Vec<u8>,
    pub id: Vec<u8>,
    pub sign_count: i64,
}

impl App {
    /// A fresh challenge for `purpose`: 16 random bytes, its expiry and the server's MAC over
    /// both and the purpose (40 bytes). Nothing is written.
    pub fn passkey_challenge(&self, purpose: ChallengeFor) -> Result<Vec<u8>, AppError> {
        let nonce: [u8; 16] = self.random_bytes();
        let expires = (self.clock.now_us() + CHALLENGE_US).to_be_bytes();
        let mac = self.challenge_mac(purpose, &nonce, &expires)?;
        Ok([&nonce[..], &expires, &mac].concat())
    }

    /// The challenge's nonce, if this server made it for `purpose` and it has not expired.
    pub(crate) fn open_challenge(
        &self,
        challenge: &[u8],
        purpose: ChallengeFor,
        now: i64,
    ) -> Option<Vec<u8>> {
        if challenge.len() != 40 {
            return None;
        }
        let (nonce, rest) = challenge.split_at(16);
        let (expires, mac) = rest.split_at(8);
        let expected = self.challenge_mac(purpose, nonce, expires).ok()?;
        let fresh = i64::from_be_bytes(expires.try_into().ok()?) >= now;
        // The MAC compared in constant time.
        let same = aws_lc_rs::constant_time::verify_slices_are_equal(mac, &expected).is_ok();
        (same && fresh).then(|| nonce.to_vec())
    }

    fn challenge_mac(
        &self,
        purpose: ChallengeFor,
        nonce: &[u8],
        expires: &[u8],
    ) -> Result<[u8; 16], AppError> {
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, b"mynumber passkey challenges")
            .extract(&self.pki.secret);
        let info = [b"v1".as_slice()];
        let key = hmac::Key::from(
            prk.expand(&info, hmac::HMAC_SHA256)
                .map_err(|_| AppError::Unavailable("the passkey challenges' key".to_owned()))?,
        );
        let tag = hmac::sign(
            &key,
            &[purpose.label().as_bytes(), b"\n", nonce, expires].concat(),
        );
        let mut out = [0u8; 16];
        out.copy_from_slice(&tag.as_ref()[..16]);
        Ok(out)
    }

    /// One's own passkeys, oldest first.
    pub async fn passkeys(&self, principal: &Principal) -> Result<Vec<PasskeyRow>, AppError> {
        let staff = self.own_staff_id(principal).await?;
        let mut tx = self.store.begin_read().await?;
        Ok(tx.passkeys_of(staff).await?)
    }

    /// Registers a passkey to oneself, from the browser's answer to a challenge made for it.
    /// Recorded (`passkey-added`, with the credential id's first bytes, not its name).
    pub async fn add_passkey(
        &self,
        principal: &Principal,
        new: PasskeyRegistration,
    ) -> Result<PasskeyRow, AppError> {
        let staff = self.own_staff_id(principal).await?;
        let now = self.clock.now_us();
        let name = new.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
            return Err(FieldError::new("name", "problem-passkey-name").into());
        }
        // The password again, checked before anything else is (Argon2, outside a transaction);
        // a wrong one counts toward the login's lock, as at sign-in.
        let login = self.store.begin_read().await?.login_of(staff).await?;
        let Some(login) = login else {
            return Err(FieldError::new("password", "problem-passkey-password").into());
        };
        let locked = login.locked_until_us.is_some_and(|until| until > now);
        let password_ok = !locked
            && crate::sign_in::verify_password(
                crate::sign_in::normalized(&new.password),
                login.password_hash.clone(),
            )
            .await;
        if !password_ok {
            let mut tx = self.store.begin().await?;
            if !locked {
                tx.login_failed(
                    staff,
                    now,
                    mynumber_core::sign_in::LOCKOUT_FAILURES,
                    now + mynumber_core::sign_in::LOCKOUT_SECONDS * 1_000_000,
                )
                .await?;
            }
            recorded(tx.as_mut(), principal, "passkey-refused", None, now).await?;
            tx.commit().await?;
            return Err(FieldError::new("password", "problem-passkey-password").into());
        }
        let Some(nonce) =
            self.open_challenge(&new.client.challenge, ChallengeFor::Register(staff), now)
        else {
            return Err(FieldError::new("passkey", "problem-passkey-challenge").into());
        };
        let created = webauthn::verify_registration(
            &new.client.fields(),
            &new.attestation_object,
            &Expected {
                challenge: &new.client.challenge,
                origin: &new.at.origin,
                rp_id: &new.at.rp_id,
            },
        )
        .map_err(|e| {
            tracing::warn!(%staff, error = %e, "a passkey was refused at registration");
            FieldError::new("passkey", "problem-passkey-refused")
        })?;
        let row = PasskeyRow {
            id: created.id,
            staff,
            name,
            public_key: created.public_key,
            sign_count: i64::from(created.sign_count),
            created_at_us: now,
            last_used_at_us: None,
        };
        let mut tx = self.store.begin().await?;
        if !tx.take_challenge(&nonce, now, now - CHALLENGE_US).await? {
            return Err(FieldError::new("passkey", "problem-passkey-challenge").into());
        }
        if tx.passkeys_of(staff).await?.len() >= MAX_PASSKEYS {
            return Err(FieldError::new("passkey", "problem-passkey-too-many")
                .arg("max", MAX_PASSKEYS)
                .into());
        }
        tx.insert_passkey(&row).await.map_err(|e| match e {
            crate::StoreError::Conflict(_) => {
                FieldError::new("passkey", "problem-passkey-registered").into()
            }
            other => AppError::Store(other),
        })?;
        recorded(tx.as_mut(), principal, "passkey-added", Some(&row.id), now).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Removes one of one's own passkeys (by its credential id, hex); recorded.
    pub async fn remove_passkey(&self, principal: &Principal, id: &str) -> Result<(), AppError> {
        let staff = self.own_staff_id(principal).await?;
        let id = hex::decode(id.trim()).map_err(|_| AppError::NotFound("passkey"))?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        if !tx.delete_passkey(staff, &id).await? {
            return Err(AppError::NotFound("passkey"));
        }
        recorded(tx.as_mut(), principal, "passkey-removed", Some(&id), now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Checks a sign-in's passkey answer for `staff` (no writing): the credential is theirs,
    /// the challenge this server's and fresh, the signature good, and the counter, when the
    /// authenticator keeps one, moved on (a counter that did not may be a cloned key).
    pub(crate) fn check_passkey(
        &self,
        staff: StaffId,
        passkey: Option<&PasskeyRow>,
        answer: &PasskeyAssertion,
        now: i64,
    ) -> Option<PasskeyPassed> {
        let passkey = passkey.filter(|p| p.staff == staff && p.id == answer.credential_id)?;
        let nonce = self.open_challenge(&answer.client.challenge, ChallengeFor::SignIn, now)?;
        let count = webauthn::verify_assertion(
            &answer.client.fields(),
            &answer.authenticator_data,
            &answer.signature,
            &passkey.public_key,
            &Expected {
                challenge: &answer.client.challenge,
                origin: &answer.at.origin,
                rp_id: &answer.at.rp_id,
            },
        )
        .map_err(|e| tracing::warn!(%staff, error = %e, "a passkey's answer was refused"))
        .ok()?;
        let count = i64::from(count);
        if (count > 0 || passkey.sign_count > 0) && count <= passkey.sign_count {
            tracing::warn!(%staff, "a passkey's counter went back: refused, it may be a copy");
            return None;
        }
        Some(PasskeyPassed {
            nonce,
            id: passkey.id.clone(),
            sign_count: count,
        })
    }
}

/// Records a change to one's passkeys in one's partition: the credential id's first bytes, not
/// the name typed.
async fn recorded(
    tx: &mut dyn crate::Tx,
    principal: &Principal,
    action: &'static str,
    id: Option<&[u8]>,
    now: i64,
) -> Result<(), AppError> {
    let staff = principal.staff();
    let detail = match id {
        Some(id) => format!("passkey={}", short_id(id)),
        None => "reason=password".to_owned(),
    };
    append(
        tx,
        &principal.ledger_name(),
        now,
        vec![crate::sign_in::record_in(
            staff.and_then(|s| s.municipality),
            action,
            format!(
                "staff={} {detail}",
                staff.map(|s| s.id.to_hex()).unwrap_or_default()
            ),
        )],
    )
    .await
}

/// A credential id's first bytes, hex: names it in the ledger and on screen.
pub fn short_id(id: &[u8]) -> String {
    hex::encode(&id[..id.len().min(6)])
}
