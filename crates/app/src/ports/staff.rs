//! The storage of staff and the other principals, with the deployment's settings.

use async_trait::async_trait;

use mynumber_core::{MunicipalityCode, Role, StaffId};

use crate::StoreError;

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
    /// SHA-256 of the bearer token, hex.
    pub token_hash: String,
    /// When created (µs).
    pub created_at_us: i64,
}

/// Reads staff, principals and settings.
#[async_trait]
pub trait StaffRead: Send {
    /// The staff member holding a token (by its hash).
    async fn staff_by_token_hash(&mut self, hash: &str) -> Result<Option<StaffRow>, StoreError>;
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
    /// Sets a setting unless it is set already; returns whether it was set now.
    async fn insert_setting(&mut self, name: &str, value: &str) -> Result<bool, StoreError>;
}
