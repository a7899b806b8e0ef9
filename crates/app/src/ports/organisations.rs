//! The registry of organisations outside the municipalities (relying parties, employers,
//! agencies) and the purposes they registered (docs/design/organisations.md).

use async_trait::async_trait;
use jiff::civil::Date;
use mynumber_core::organisation::IdentityCheck;
use mynumber_core::organisation::{OrgRole, OrgStatus, PurposeRegistration};
use mynumber_core::{CorporateNumber, OrganisationId, PersonId};

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

/// A number an organisation collected, as stored: never the number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CollectionRow {
    /// Its id (32 hex digits).
    pub id: String,
    /// Who collected it.
    pub organisation: OrganisationId,
    /// Whose number.
    pub person: PersonId,
    /// For which registered purpose (its code).
    pub purpose: String,
    /// How the person and the number were checked.
    pub method: IdentityCheck,
    /// When (µs).
    pub collected_at_us: i64,
    /// When the affair ended (退職, the end of a contract), once reported.
    pub ended_on: Option<Date>,
    /// The last day the number may be kept, once the affair ended.
    pub keep_until: Option<Date>,
    /// When the organisation reported it deleted (µs).
    pub deleted_at_us: Option<i64>,
}

/// An organisation's public key as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationKeyRow {
    /// Whose.
    pub organisation: OrganisationId,
    /// The key id its assertions name (`kid`).
    pub kid: String,
    /// The P-256 point, SEC1 uncompressed (65 bytes).
    pub public_key: Vec<u8>,
    /// When registered (µs).
    pub registered_at_us: i64,
    /// When revoked (µs); `None` while in force.
    pub revoked_at_us: Option<i64>,
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
    /// An organisation's keys, revoked ones too, by key id.
    async fn organisation_keys(
        &mut self,
        id: OrganisationId,
    ) -> Result<Vec<OrganisationKeyRow>, StoreError>;
    /// The organisation and key an access token (by its hash) was issued for, while it is
    /// valid at `now_us`.
    async fn organisation_token(
        &mut self,
        hash: &str,
        now_us: i64,
    ) -> Result<Option<(OrganisationId, String)>, StoreError>;
    /// A collection by id.
    async fn collection(&mut self, id: &str) -> Result<Option<CollectionRow>, StoreError>;
    /// The プラットフォーム事業者 an organisation is registered through, if any.
    async fn organisation_platform(
        &mut self,
        organisation: OrganisationId,
    ) -> Result<Option<OrganisationId>, StoreError>;
    /// Until when (µs) a resident's consent to 最新基本4情報提供 for an organisation runs, if
    /// they gave one.
    async fn latest_four_consent(
        &mut self,
        person: mynumber_core::PersonId,
        organisation: OrganisationId,
    ) -> Result<Option<i64>, StoreError>;
    /// A resident's consents to 最新基本4情報提供: (organisation, granted at µs, until µs), by
    /// organisation.
    async fn latest_four_consents_of(
        &mut self,
        person: mynumber_core::PersonId,
    ) -> Result<Vec<(OrganisationId, i64, i64)>, StoreError>;
    /// How many of an organisation's collections matched no one in an hour (hours since the
    /// epoch).
    async fn collection_misses(
        &mut self,
        organisation: OrganisationId,
        hour: i64,
    ) -> Result<i64, StoreError>;
    /// An organisation's collections not yet deleted whose keeping ended before `today`,
    /// oldest first, at most `limit`.
    async fn collections_due(
        &mut self,
        organisation: OrganisationId,
        today: Date,
        limit: i64,
    ) -> Result<Vec<CollectionRow>, StoreError>;
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
    /// Registers a key; [`StoreError::Conflict`] if the organisation has that key id already.
    async fn insert_organisation_key(&mut self, row: &OrganisationKeyRow)
    -> Result<(), StoreError>;
    /// Revokes a key in force, and every token issued under it; `false` if none was in force.
    async fn revoke_organisation_key(
        &mut self,
        id: OrganisationId,
        kid: &str,
        at_us: i64,
    ) -> Result<bool, StoreError>;
    /// Takes an assertion's id once: `false` if it was taken before (a replay). Ids whose
    /// assertions expired before `now_us` are forgotten first.
    async fn take_assertion(
        &mut self,
        id: OrganisationId,
        jti: &str,
        expires_at_us: i64,
        now_us: i64,
    ) -> Result<bool, StoreError>;
    /// Records an access token by its hash, forgetting those ended more than a day before.
    async fn insert_organisation_token(
        &mut self,
        hash: &str,
        id: OrganisationId,
        kid: &str,
        issued_at_us: i64,
        expires_at_us: i64,
    ) -> Result<(), StoreError>;
    /// Records a collection.
    async fn insert_collection(&mut self, row: &CollectionRow) -> Result<(), StoreError>;
    /// Ends a resident's consent to 最新基本4情報提供 for an organisation; whether there was one.
    async fn withdraw_latest_four_consent(
        &mut self,
        person: mynumber_core::PersonId,
        organisation: OrganisationId,
    ) -> Result<bool, StoreError>;
    /// Records (or renews) a resident's consent to 最新基本4情報提供 for an organisation.
    async fn put_latest_four_consent(
        &mut self,
        person: mynumber_core::PersonId,
        organisation: OrganisationId,
        granted_at_us: i64,
        expires_at_us: i64,
    ) -> Result<(), StoreError>;
    /// Registers (or replaces, or with `None` ends) the platform an organisation goes through.
    async fn put_organisation_platform(
        &mut self,
        organisation: OrganisationId,
        platform: Option<OrganisationId>,
        at_us: i64,
    ) -> Result<(), StoreError>;
    /// Counts one collection that matched no one in `hour`, forgetting the counts of hours a
    /// day before it.
    async fn add_collection_miss(
        &mut self,
        organisation: OrganisationId,
        hour: i64,
    ) -> Result<(), StoreError>;
    /// Records the end of a collection's affair and the last day to keep; `false` if it ended
    /// already or was deleted.
    async fn end_collection(
        &mut self,
        id: &str,
        ended_on: Date,
        keep_until: Date,
    ) -> Result<bool, StoreError>;
    /// Marks a collection deleted; `false` if it was already.
    async fn delete_collection(&mut self, id: &str, at_us: i64) -> Result<bool, StoreError>;
    /// Withdraws a purpose in force; `false` if there was none of that code in force.
    async fn withdraw_purpose(
        &mut self,
        id: OrganisationId,
        code: &str,
        at_us: i64,
    ) -> Result<bool, StoreError>;
}
