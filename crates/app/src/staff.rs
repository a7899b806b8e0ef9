//! Staff use cases: the first administrator, adding staff, authenticating bearer tokens.
//!
//! A token is 32 random bytes shown once; only its SHA-256 is stored, so a copy of the database
//! does not let anyone act as staff.

use mynumber_core::{Action, Principal, Subject};
use mynumber_core::{FieldError, MunicipalityCode, Role, StaffId, StaffMember};
use sha2::{Digest, Sha256};

use crate::access::authorize;
use crate::ledger::{Record, append};
use crate::{App, AppError, StaffRow};

/// A staff member just created, with the token to hand over (shown once, never stored).
#[derive(Clone, PartialEq, Eq)]
pub struct NewStaff {
    /// The staff member.
    pub actor: StaffMember,
    /// The bearer token.
    pub token: String,
}

impl std::fmt::Debug for NewStaff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewStaff")
            .field("actor", &self.actor)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// The SHA-256 of a token, hex, as stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
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

    /// Creates the first administrator (national scope) if no staff exist yet.
    pub async fn bootstrap_administrator(&self) -> Result<Option<NewStaff>, AppError> {
        let mut tx = self.store.begin().await?;
        if tx.count_staff().await? > 0 {
            return Ok(None);
        }
        let created = self
            .create_staff(
                tx.as_mut(),
                "system",
                "administrator",
                Role::Administrator,
                None,
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
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err(FieldError::new("name", "is required (at most 100 characters)").into());
        }
        let role = Role::parse(role).ok_or_else(|| {
            FieldError::new(
                "role",
                "must be one of: administrator, auditor, call-center-operator, registry-clerk",
            )
        })?;
        let municipality = match municipality.map(str::trim) {
            None | Some("") => None,
            Some(m) => Some(MunicipalityCode::parse(m)?),
        };
        // A municipal administrator adds staff of their own municipality only.
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
        let created = self
            .create_staff(
                tx.as_mut(),
                &principal.ledger_name(),
                name,
                role,
                municipality,
            )
            .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// The staff member a bearer token belongs to.
    pub async fn authenticate(&self, token: &str) -> Result<Principal, AppError> {
        if !token.starts_with("mn_") || token.len() != 67 {
            return Err(AppError::Unauthenticated);
        }
        let mut tx = self.store.begin_read().await?;
        let row = tx
            .staff_by_token_hash(&token_hash(token))
            .await?
            .ok_or(AppError::Unauthenticated)?;
        Ok(Principal::Staff(StaffMember {
            id: row.id,
            name: row.name,
            role: row.role,
            municipality: row.municipality,
        }))
    }

    async fn create_staff(
        &self,
        tx: &mut dyn crate::Tx,
        by: &str,
        name: &str,
        role: Role,
        municipality: Option<MunicipalityCode>,
    ) -> Result<NewStaff, AppError> {
        let secret: [u8; 32] = self.random_bytes();
        let token = format!("mn_{}", hex::encode(secret));
        let now = self.clock.now_us();
        let actor = StaffMember {
            id: StaffId::from_random(self.random_bytes()),
            name: name.to_owned(),
            role,
            municipality,
        };
        tx.insert_staff(&StaffRow {
            id: actor.id,
            name: actor.name.clone(),
            role,
            municipality,
            token_hash: token_hash(&token),
            created_at_us: now,
        })
        .await?;
        let record = Record {
            partition: Principal::Staff(actor.clone()).partition(),
            action: "staff-created",
            person: None,
            purpose: None,
            detail: format!("staff={} role={}", actor.id, role.code()),
        };
        append(tx, by, now, vec![record]).await?;
        Ok(NewStaff { actor, token })
    }
}
