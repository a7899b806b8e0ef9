//! The registry of organisations outside the municipalities (relying parties, employers,
//! agencies) and the purposes they registered (docs/design/organisations.md).

use async_trait::async_trait;
use mynumber_core::organisation::{OrgRole, OrgStatus, PurposeRegistration};
use mynumber_core::{CorporateNumber, OrganisationId};

use crate::StoreError;

/// An organisation as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationRow {
    /// Its id.
    pub id: OrganisationId,
    /// 法人番号 (public).
    pub corporate_number: CorporateNumber,
    /// Its registered name.
    pub name: String,
    /// Its roles, sorted, each once.
    pub roles: Vec<OrgRole>,
    /// Where its registration stands.
    pub status: OrgStatus,
    /// Who registered it (the ledger's name of the principal).
    pub registered_by: String,
    /// When (µs).
    pub registered_at_us: i64,
    /// When its status last changed (µs; the registration itself at first).
    pub status_at_us: i64,
}

/// A purpose as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurposeRow {
    /// Whose.
    pub organisation: OrganisationId,
    /// The purpose as registered.
    pub purpose: PurposeRegistration,
    /// When registered (µs).
    pub registered_at_us: i64,
    /// When withdrawn (µs); `None` while in force.
    pub withdrawn_at_us: Option<i64>,
}

/// Reads the registry of organisations.
#[async_trait]
pub trait OrganisationsRead: Send {
    /// An organisation by id.
    async fn organisation(
        &mut self,
        id: OrganisationId,
    ) -> Result<Option<OrganisationRow>, StoreError>;
    /// The registration in force (active or suspended) for a corporate number.
    async fn organisation_in_force(
        &mut self,
        corporate_number: &CorporateNumber,
    ) -> Result<Option<OrganisationRow>, StoreError>;
    /// Organisations by name, then id, at most `limit`.
    async fn organisations(&mut self, limit: i64) -> Result<Vec<OrganisationRow>, StoreError>;
    /// An organisation's purposes, withdrawn ones too, by code.
    async fn purposes(&mut self, id: OrganisationId) -> Result<Vec<PurposeRow>, StoreError>;
}

/// Writes the registry of organisations.
#[async_trait]
pub trait OrganisationsWrite: Send {
    /// Registers an organisation; [`StoreError::Conflict`] if another registration of its
    /// corporate number is in force.
    async fn insert_organisation(&mut self, row: &OrganisationRow) -> Result<(), StoreError>;
    /// Moves an organisation from `from` to `to`; [`StoreError::Conflict`] if its status is no
    /// longer `from`.
    async fn set_organisation_status(
        &mut self,
        id: OrganisationId,
        from: OrgStatus,
        to: OrgStatus,
        at_us: i64,
    ) -> Result<(), StoreError>;
    /// Registers a purpose; [`StoreError::Conflict`] if the organisation has one of that code
    /// already (in force or withdrawn: a code is never reused for another purpose).
    async fn insert_purpose(&mut self, row: &PurposeRow) -> Result<(), StoreError>;
    /// Withdraws a purpose in force; `false` if there was none of that code in force.
    async fn withdraw_purpose(
        &mut self,
        id: OrganisationId,
        code: &str,
        at_us: i64,
    ) -> Result<bool, StoreError>;
}
