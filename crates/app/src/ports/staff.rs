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
}
