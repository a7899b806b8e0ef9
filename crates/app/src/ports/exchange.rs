//! The exchange network's storage (issue 14, docs/design/exchange.md): the agency units, the
//! codes the network issued, each unit's intermediate server's copies (副本), and the 第23条
//! records kept by requester, provider and network.

use async_trait::async_trait;
use mynumber_core::agency_code::{AgencyCode, AgencyUnit};
use mynumber_core::exchange::{CopyValues, DataItem, ExchangeRecord, Keeper, RequestId, UnitKind};
use mynumber_core::{OrganisationId, PersonId};

use crate::StoreError;

/// An agency unit as registered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitRow {
    /// Its name on the network (`131041/mayor`).
    pub name: AgencyUnit,
    /// The organisation it belongs to (an agency, `number-using`).
    pub organisation: OrganisationId,
    /// Its kind, as the permission table names kinds.
    pub kind: UnitKind,
    /// Its name for people (新宿区長).
    pub display_name: String,
    /// The P-256 point (`04 ‖ X ‖ Y`) answers to it are encrypted to.
    pub encryption_key: Vec<u8>,
    /// When registered (µs).
    pub registered_at_us: i64,
}

/// One copy (副本) on a unit's intermediate server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyRow {
    /// The providing unit.
    pub unit: AgencyUnit,
    /// The unit's code for the person.
    pub code: AgencyCode,
    /// The item and its values.
    pub copy: CopyValues,
    /// 不開示: not to be shown to the person in their history.
    pub non_disclosure: bool,
    /// When registered or last replaced (µs).
    pub updated_at_us: i64,
}

/// Which records to list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordsOf {
    /// A keeper's records about one subject (a code, or at the network a person's id).
    Subject(Keeper, String),
    /// A keeper's records of this unit: as the requester keeps them, those it asked in; as
    /// the provider keeps them, those it answered in; as the network keeps them, either.
    Unit(Keeper, AgencyUnit),
    /// Every keeper's record of one request.
    Request(AgencyUnit, RequestId),
}

/// Reading the exchange network.
#[async_trait]
pub trait ExchangeRead {
    /// The unit named `name`.
    async fn agency_unit(&mut self, name: &AgencyUnit) -> Result<Option<UnitRow>, StoreError>;
    /// Every unit, or one organisation's, by name.
    async fn agency_units(
        &mut self,
        organisation: Option<OrganisationId>,
    ) -> Result<Vec<UnitRow>, StoreError>;
    /// Whose `code` at `unit` is, as the network issued it.
    async fn person_by_agency_code(
        &mut self,
        unit: &AgencyUnit,
        code: &AgencyCode,
    ) -> Result<Option<PersonId>, StoreError>;
    /// The units the network issued a code for `person` to.
    async fn units_with_code(&mut self, person: PersonId) -> Result<Vec<AgencyUnit>, StoreError>;
    /// The copy of `item` that `unit` holds under `code`.
    async fn exchange_copy(
        &mut self,
        unit: &AgencyUnit,
        item: DataItem,
        code: &AgencyCode,
    ) -> Result<Option<CopyRow>, StoreError>;
    /// Records, newest answer first, at most `limit`.
    async fn exchange_records(
        &mut self,
        of: &RecordsOf,
        limit: i64,
    ) -> Result<Vec<ExchangeRecord>, StoreError>;
}

/// Writing the exchange network.
#[async_trait]
pub trait ExchangeWrite {
    /// Registers a unit; `false` when the name is taken.
    async fn insert_agency_unit(&mut self, row: &UnitRow) -> Result<bool, StoreError>;
    /// Keeps the codes issued: (unit, code, whose). A code issued before is kept as it was.
    async fn insert_agency_codes(
        &mut self,
        rows: &[(AgencyUnit, AgencyCode, PersonId)],
        at_us: i64,
    ) -> Result<(), StoreError>;
    /// Registers copies, replacing any of the same unit, item and code.
    async fn put_copies(&mut self, rows: &[CopyRow]) -> Result<(), StoreError>;
    /// Writes one exchange's records. [`StoreError::Conflict`] when the requester's id was
    /// used before (a replay).
    async fn insert_exchange_records(&mut self, rows: &[ExchangeRecord]) -> Result<(), StoreError>;
}
