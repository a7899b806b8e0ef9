//! Staff and their credentials: the first administrator and the local operator at setup,
//! adding staff, authenticating tokens, issuing, rotating, revoking and listing tokens, and
//! disabling staff. Each step is in the ledger, in the acting administrator's partition and in
//! the partition of the staff member it concerns, so that an administrator's own acts stay in
//! view of the auditors of both.
//!
//! A token is 32 random bytes shown once; only its SHA-256 is stored, so a copy of the database
//! does not let anyone act as staff. Every token expires, and records the credential that
//! issued it: whoever held that one may have seen this one (the four-eyes rule follows the
//! chain, `number_change.rs`).

use mynumber_core::{
    Action, CredentialId, FieldError, MunicipalityCode, Principal, Role, StaffId, StaffMember,
    Subject,
};
use sha2::{Digest, Sha256};

use crate::access::authorize;
use crate::ledger::{Record, append};
use crate::{App, AppError, CredentialRow, StaffKind, StaffRow, Tx};

/// How long tokens live.
#[derive(Clone, Copy, Debug)]
pub struct CredentialSettings {
    /// Days a token is valid when no shorter time is asked for.
    pub token_days: u32,
}

/// The longest a token may live, whatever is asked for.
pub const MAX_TOKEN_DAYS: u32 = 366;

/// A token just issued: shown once, never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// The credential's id (listed, revocable; not secret).
    pub id: CredentialId,
    /// The bearer token.
    pub token: String,
    /// When it stops working (µs).
    pub expires_at_us: i64,
}

impl std::fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedToken")
            .field("id", &self.id)
            .field("token", &"<redacted>")
            .field("expires_at_us", &self.expires_at_us)
            .finish()
    }
}

/// A staff member just created, with the token to hand over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStaff {
    /// The staff member.
    pub member: StaffMember,
    /// Their first token.
    pub token: IssuedToken,
}

/// A staff member as listed: the account and its credentials (never a token).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffListing {
    /// The account.
    pub staff: StaffRow,
    /// Its credentials, newest first.
    pub credentials: Vec<CredentialRow>,
}

/// The SHA-256 of a token, hex, as stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Why a token did not authenticate: logged, never told to the caller (who gets the same 401
/// for each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rejected {
    Disabled,
    Expired,
    Malformed,
    Revoked,
    Unknown,
}

impl Rejected {
    fn code(self) -> &'static str {
        match self {
            Self::Disabled => "disabled",
            Self::Expired => "expired",
            Self::Malformed => "malformed",
            Self::Revoked => "revoked",
            Self::Unknown => "unknown",
        }
    }
}

impl App {
    /// Binds the database to this server's number-derivation key on first start, and refuses a
    /// different key afterwards: numbers derived under two keys would still be unique, but a
    /// person could no longer be re-derived and the key in use would be a matter of chance.
    pub async fn bind_derivation_key(&self) -> Result<(), AppError> {
        let given = self.key.id().as_str().to_owned();
        let mut tx = self.store.begin().await?;
        if tx.insert_setting("number_key_id", &given).await? {
            tx.commit().await?;
            return Ok(());
        }
        match tx.setting("number_key_id").await? {
            Some(expected) if expected != given => Err(AppError::WrongKey { expected, given }),
            _ => Ok(()),
        }
    }

    /// Creates the first administrator (national scope) once per deployment, at the first
    /// start of the server.
    pub async fn bootstrap_administrator(&self) -> Result<Option<NewStaff>, AppError> {
        let mut tx = self.store.begin().await?;
        let id = StaffId::from_random(self.random_bytes());
        if !tx
            .insert_setting("first_administrator", &id.to_hex())
            .await?
        {
            return Ok(None);
        }
        let created = self
            .create_staff(
                tx.as_mut(),
                None,
                (id, "administrator", Role::Administrator, None),
                StaffKind::Staff,
            )
            .await?;
        tx.commit().await?;
        Ok(Some(created))
    }

    /// Creates the local operator: a named administrator of national scope whose credential the
    /// command line keeps in the data directory, so that every command that changes or reveals
    /// data acts as a named person in the ledger. One per database: `None` when it exists
    /// already. Otherwise anyone who could point a fresh data directory at a shared database
    /// would make themselves a national administrator that no one created; another machine
    /// acts with a staff token instead.
    pub async fn create_operator(&self, name: &str) -> Result<Option<NewStaff>, AppError> {
        let name = staff_name(name)?;
        let mut tx = self.store.begin().await?;
        let id = StaffId::from_random(self.random_bytes());
        // The setting makes two first commands at once agree (one insert wins); the list
        // catches a database whose operator predates the setting.
        if tx
            .staff_list(None)
            .await?
            .iter()
            .any(|s| s.kind == StaffKind::Operator)
            || !tx.insert_setting("local_operator", &id.to_hex()).await?
        {
            return Ok(None);
        }
        let created = self
            .create_staff(
                tx.as_mut(),
                None,
                (id, &name, Role::Administrator, None),
                StaffKind::Operator,
            )
            .await?;
        tx.commit().await?;
        Ok(Some(created))
    }

    /// Adds a staff member. Only administrators may; a municipal administrator adds staff of
    /// their own municipality only.
    pub async fn add_staff(
        &self,
        principal: &Principal,
        name: &str,
        role: &str,
        municipality: Option<&str>,
    ) -> Result<NewStaff, AppError> {
        self.permit(principal, Action::AddStaff).await?;
        let name = staff_name(name)?;
        let role = Role::parse_field("role", role)?;
        let municipality = match municipality.map(str::trim) {
            None | Some("") => None,
            Some(m) => Some(MunicipalityCode::parse(m)?),
        };
        authorize!(
            self,
            (),
            principal,
            Action::AddStaff,
            &Subject::Staff {
                id: None,
                municipality
            },
            "staff"
        );
        let mut tx = self.store.begin().await?;
        let id = StaffId::from_random(self.random_bytes());
        let created = self
            .create_staff(
                tx.as_mut(),
                Some(principal),
                (id, &name, role, municipality),
                StaffKind::Staff,
            )
            .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// The principal a bearer token belongs to. An unknown, expired or revoked token, or one
    /// of a disabled staff member, is refused alike; the reason is logged (never the token).
    pub async fn authenticate(&self, token: &str) -> Result<Principal, AppError> {
        if token.starts_with(crate::ORGANISATION_TOKEN_PREFIX) {
            return self.authenticate_organisation(token).await;
        }
        if token.starts_with(crate::LOGIN_TOKEN_PREFIX) {
            return self.authenticate_login_token(token).await;
        }
        match self.check_token(token).await? {
            Ok(principal) => Ok(principal),
            Err((reason, credential)) => {
                tracing::warn!(
                    reason = reason.code(),
                    credential = credential.map(|c| c.to_hex()),
                    "authentication refused"
                );
                Err(AppError::Unauthenticated)
            }
        }
    }

    async fn check_token(
        &self,
        token: &str,
    ) -> Result<Result<Principal, (Rejected, Option<CredentialId>)>, AppError> {
        if !token.starts_with("mn_") || token.len() != 67 {
            return Ok(Err((Rejected::Malformed, None)));
        }
        let mut tx = self.store.begin_lookup().await?;
        let Some((credential, staff)) = tx.credential_by_hash(&token_hash(token)).await? else {
            return Ok(Err((Rejected::Unknown, None)));
        };
        let now = self.clock.now_us();
        let refused = if credential.revoked_at_us.is_some() {
            Some(Rejected::Revoked)
        } else if credential.expires_at_us <= now {
            Some(Rejected::Expired)
        } else if staff.disabled_at_us.is_some() {
            Some(Rejected::Disabled)
        } else {
            None
        };
        if let Some(reason) = refused {
            return Ok(Err((reason, Some(credential.id))));
        }
        let member = StaffMember {
            id: staff.id,
            name: staff.name,
            role: staff.role,
            municipality: staff.municipality,
            credential: Some(credential.id),
        };
        Ok(Ok(match staff.kind {
            StaffKind::Operator => Principal::Operator(member),
            StaffKind::Staff => Principal::Staff(member),
        }))
    }

    /// Staff of the principal's municipality (everyone, for national administrators), with
    /// their credentials; never a token.
    pub async fn staff_list(&self, principal: &Principal) -> Result<Vec<StaffListing>, AppError> {
        self.permit(principal, Action::ListStaff).await?;
        let municipality = principal.municipality();
        authorize!(
            self,
            (),
            principal,
            Action::ListStaff,
            &Subject::Staff {
                id: None,
                municipality
            },
            "staff"
        );
        let mut tx = self.store.begin_read().await?;
        let mut out = Vec::new();
        for staff in tx.staff_list(municipality).await? {
            let credentials = tx.credentials_of(staff.id).await?;
            out.push(StaffListing { staff, credentials });
        }
        Ok(out)
    }

    /// The principal's own account and credentials.
    pub async fn own_credentials(&self, principal: &Principal) -> Result<StaffListing, AppError> {
        let id = self.own_staff_id(principal).await?;
        let mut tx = self.store.begin_read().await?;
        let staff = tx.staff(id).await?.ok_or(AppError::NotFound("staff"))?;
        let credentials = tx.credentials_of(id).await?;
        Ok(StaffListing { staff, credentials })
    }

    /// Disables (`enabled: false`) or enables a staff member: a disabled member's tokens stop
    /// working at once and work again when enabled (unless expired or revoked meanwhile). An
    /// administrator does not disable themselves: another one must.
    pub async fn set_staff_enabled(
        &self,
        principal: &Principal,
        id: StaffId,
        enabled: bool,
    ) -> Result<StaffRow, AppError> {
        self.permit(principal, Action::DisableStaff).await?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let target = tx.staff(id).await?.ok_or(AppError::NotFound("staff"))?;
        authorize!(
            self,
            tx,
            principal,
            Action::DisableStaff,
            &Subject::Staff {
                id: Some(id),
                municipality: target.municipality
            },
            "staff"
        );
        if principal.staff().is_some_and(|s| s.id == id) {
            return Err(FieldError::new(
                "staff_id",
                "problem-administrator-does-disable-themselves",
            )
            .into());
        }
        if !tx.set_staff_disabled(id, (!enabled).then_some(now)).await? {
            return Err(FieldError::new(
                "staff_id",
                if enabled {
                    "problem-staff-not-disabled"
                } else {
                    "problem-staff-disabled-already"
                },
            )
            .into());
        }
        let action = if enabled {
            "staff-enabled"
        } else {
            "staff-disabled"
        };
        let records = staff_records(principal, &target, action, format!("staff={id}"));
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        let row = tx.staff(id).await?.ok_or(AppError::NotFound("staff"))?;
        tx.commit().await?;
        Ok(row)
    }

    /// Issues a new token to a staff member (an administrator for someone in their scope), valid
    /// for `days` (default: the deployment's setting; at most [`MAX_TOKEN_DAYS`]). The token is
    /// shown once.
    pub async fn issue_token(
        &self,
        principal: &Principal,
        id: StaffId,
        label: &str,
        days: Option<u32>,
    ) -> Result<IssuedToken, AppError> {
        self.permit(principal, Action::IssueToken).await?;
        let label = token_label(label)?;
        let days = self.token_days(days)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let target = tx.staff(id).await?.ok_or(AppError::NotFound("staff"))?;
        authorize!(
            self,
            tx,
            principal,
            Action::IssueToken,
            &Subject::Staff {
                id: Some(id),
                municipality: target.municipality
            },
            "staff"
        );
        let issuer = principal.staff().and_then(|s| s.credential);
        let token = self
            .insert_token(tx.as_mut(), id, &label, days, issuer, now)
            .await?;
        let records = staff_records(
            principal,
            &target,
            "credential-issued",
            format!("staff={id} credential={} days={days}", token.id),
        );
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Revokes one of a staff member's tokens (an administrator for someone in their scope, or
    /// anyone for their own).
    pub async fn revoke_token(
        &self,
        principal: &Principal,
        id: StaffId,
        credential: CredentialId,
    ) -> Result<CredentialRow, AppError> {
        let own = principal.staff().is_some_and(|s| s.id == id);
        let action = if own {
            Action::OwnCredentials
        } else {
            Action::RevokeToken
        };
        self.permit(principal, action).await?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let target = tx.staff(id).await?.ok_or(AppError::NotFound("staff"))?;
        authorize!(
            self,
            tx,
            principal,
            action,
            &Subject::Staff {
                id: Some(id),
                municipality: target.municipality
            },
            "staff"
        );
        let row = tx
            .credential(credential)
            .await?
            .filter(|c| c.staff == id)
            .ok_or(AppError::NotFound("credential"))?;
        if !tx.revoke_credential(credential, now).await? {
            return Err(FieldError::new("credential_id", "problem-revoked-already").into());
        }
        // A browser sign-in enrolled with the token goes with it, and so do its sessions: a
        // token revoked because it leaked must not leave a login its finder enrolled.
        let logins = tx.drop_logins_enrolled_by(credential).await?;
        let sessions = tx
            .end_sessions_of(id, Some(credential), now, "token-revoked")
            .await?;
        let records = staff_records(
            principal,
            &target,
            "credential-revoked",
            format!(
                "staff={id} credential={credential} sign-ins-removed={logins} sessions-ended={}",
                sessions.len()
            ),
        );
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(CredentialRow {
            revoked_at_us: Some(now),
            ..row
        })
    }

    /// Rotates the principal's own token: a new one, and the one presented revoked, in one
    /// transaction.
    pub async fn rotate_token(
        &self,
        principal: &Principal,
        days: Option<u32>,
    ) -> Result<IssuedToken, AppError> {
        let id = self.own_staff_id(principal).await?;
        let current = principal
            .staff()
            .and_then(|s| s.credential)
            .ok_or(AppError::Unauthenticated)?;
        let days = self.token_days(days)?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let target = tx.staff(id).await?.ok_or(AppError::NotFound("staff"))?;
        let token = self
            .insert_token(tx.as_mut(), id, "rotated", days, Some(current), now)
            .await?;
        if !tx.revoke_credential(current, now).await? {
            return Err(AppError::Conflict);
        }
        // A routine rotation keeps the browser sign-in the old token enrolled, and its sessions.
        tx.move_logins(current, token.id).await?;
        let records = staff_records(
            principal,
            &target,
            "credential-rotated",
            format!("staff={id} credential={} revoked={current}", token.id),
        );
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The staff members whose credentials lie on the chain that issued `credential`, itself
    /// first: whoever held any of them may have seen this one.
    pub(crate) async fn credential_lineage(
        &self,
        tx: &mut dyn crate::ReadTx,
        credential: CredentialId,
    ) -> Result<Vec<StaffId>, AppError> {
        let mut out: Vec<StaffId> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut next = Some(credential);
        // To the root, however long: a bound would let whoever rotates a token past it hide
        // who issued the first one (found by review: 64 rotations made an administrator's
        // second account pass the four-eyes rule). A corrupted cycle ends at a credential seen.
        while let Some(id) = next {
            if !seen.insert(id) {
                break;
            }
            let Some(row) = tx.credential(id).await? else {
                break;
            };
            if !out.contains(&row.staff) {
                out.push(row.staff);
            }
            next = row.issued_by;
        }
        Ok(out)
    }

    /// The principal's own staff id, after the policy allows acting on one's own credentials.
    pub(crate) async fn own_staff_id(&self, principal: &Principal) -> Result<StaffId, AppError> {
        let Some(staff) = principal.staff() else {
            return Err(self
                .permit(principal, Action::OwnCredentials)
                .await
                .err()
                .unwrap_or(AppError::Unauthenticated));
        };
        authorize!(
            self,
            (),
            principal,
            Action::OwnCredentials,
            &Subject::Staff {
                id: Some(staff.id),
                municipality: staff.municipality
            },
            "staff"
        );
        Ok(staff.id)
    }

    fn token_days(&self, days: Option<u32>) -> Result<u32, AppError> {
        match days {
            None => Ok(self.credentials.token_days.clamp(1, MAX_TOKEN_DAYS)),
            Some(d) if (1..=MAX_TOKEN_DAYS).contains(&d) => Ok(d),
            Some(_) => Err(FieldError::new("days", "problem-token-days")
                .arg("max", MAX_TOKEN_DAYS)
                .into()),
        }
    }

    async fn insert_token(
        &self,
        tx: &mut dyn Tx,
        staff: StaffId,
        label: &str,
        days: u32,
        issued_by: Option<CredentialId>,
        now: i64,
    ) -> Result<IssuedToken, AppError> {
        let secret: [u8; 32] = self.random_bytes();
        let token = format!("mn_{}", hex::encode(secret));
        let row = CredentialRow {
            id: CredentialId::from_random(self.random_bytes()),
            staff,
            hash: token_hash(&token),
            label: label.to_owned(),
            issued_at_us: now,
            expires_at_us: now.saturating_add(i64::from(days) * 86_400_000_000),
            revoked_at_us: None,
            issued_by,
        };
        tx.insert_credential(&row).await?;
        Ok(IssuedToken {
            id: row.id,
            token,
            expires_at_us: row.expires_at_us,
        })
    }

    async fn create_staff(
        &self,
        tx: &mut dyn Tx,
        by: Option<&Principal>,
        (id, name, role, municipality): (StaffId, &str, Role, Option<MunicipalityCode>),
        kind: StaffKind,
    ) -> Result<NewStaff, AppError> {
        let now = self.clock.now_us();
        let row = StaffRow {
            id,
            name: name.to_owned(),
            role,
            municipality,
            kind,
            created_by: by.map(Principal::ledger_name),
            created_at_us: now,
            disabled_at_us: None,
        };
        tx.insert_staff(&row).await?;
        let issuer = by.and_then(|p| p.staff()).and_then(|s| s.credential);
        let days = self.token_days(None)?;
        let token = self
            .insert_token(tx, id, "first token", days, issuer, now)
            .await?;
        let detail = format!(
            "staff={id} role={} kind={} credential={}",
            role.code(),
            kind.code(),
            token.id
        );
        let records = match by {
            Some(p) => staff_records(p, &row, "staff-created", detail),
            None => vec![Record {
                partition: partition_of(&row),
                action: "staff-created",
                person: None,
                purpose: None,
                detail,
            }],
        };
        let actor = by.map_or_else(|| "system".to_owned(), Principal::ledger_name);
        append(tx, &actor, now, records).await?;
        Ok(NewStaff {
            member: StaffMember {
                id,
                name: row.name,
                role,
                municipality,
                credential: Some(token.id),
            },
            token,
        })
    }
}

fn partition_of(staff: &StaffRow) -> String {
    staff
        .municipality
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| mynumber_core::ledger::NATIONAL_PARTITION.to_owned())
}

/// The ledger records of an act on a staff member: in the acting principal's partition, and
/// in the staff member's when it is another one.
fn staff_records(
    principal: &Principal,
    target: &StaffRow,
    action: &'static str,
    detail: String,
) -> Vec<Record> {
    let mine = principal.partition();
    let theirs = partition_of(target);
    let record = |partition: String| Record {
        partition,
        action,
        person: None,
        purpose: None,
        detail: detail.clone(),
    };
    if mine == theirs {
        vec![record(mine)]
    } else {
        vec![record(mine), record(theirs)]
    }
}

/// A staff member's name, shown in listings and the ledger: the names' rule (no invisible or
/// direction-changing characters).
fn staff_name(name: &str) -> Result<String, AppError> {
    let name = mynumber_core::clean_text("name", name, 100)?;
    if name.is_empty() {
        return Err(FieldError::new("name", "problem-required-most-100-characters").into());
    }
    Ok(name)
}

fn token_label(label: &str) -> Result<String, AppError> {
    let label = mynumber_core::clean_text("label", label, 60)?;
    Ok(if label.is_empty() {
        "token".to_owned()
    } else {
        label
    })
}
