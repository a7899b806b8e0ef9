//! The number registry's storage: every Individual Number ever issued, and the requests to change
//! one (番号法第7条第2項).

use async_trait::async_trait;

use mynumber_core::number_change::{ChangeRequest, ChangeStatus};
use mynumber_core::{IndividualNumber, MunicipalityCode, NumberChangeId, PersonId, StaffId};

use crate::StoreError;

/// A row of the number registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberRow {
    /// The number.
    pub number: IndividualNumber,
    /// Whose.
    pub person: PersonId,
    /// 0 first, +1 per statutory change.
    pub generation: u32,
    /// Collision attempt that produced it.
    pub attempt: u32,
    /// Derivation key id.
    pub key_id: String,
    /// When (µs).
    pub issued_at_us: i64,
}

/// A number change request as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberChangeRow {
    /// Its id.
    pub id: NumberChangeId,
    /// Whose number.
    pub person: PersonId,
    /// Ground, reason and evidence.
    pub request: ChangeRequest,
    /// Where it stands.
    pub status: ChangeStatus,
    /// Who recorded it.
    pub requested_by: StaffId,
    /// When (µs).
    pub requested_at_us: i64,
    /// Who decided it, and when.
    pub decided: Option<(StaffId, i64)>,
}

/// Reads the number registry.
#[async_trait]
pub trait NumbersRead: Send {
    /// The person a number was issued to, and whether it is current (`false`: retired).
    async fn person_by_number(
        &mut self,
        number: &IndividualNumber,
    ) -> Result<Option<(PersonId, bool)>, StoreError>;
    /// The person's current number.
    async fn current_number(
        &mut self,
        person: PersonId,
    ) -> Result<Option<IndividualNumber>, StoreError>;
    /// Current numbers of several people.
    async fn current_numbers(
        &mut self,
        people: &[PersonId],
    ) -> Result<Vec<(PersonId, IndividualNumber)>, StoreError>;
    /// A number change request by id.
    async fn number_change(
        &mut self,
        id: NumberChangeId,
    ) -> Result<Option<NumberChangeRow>, StoreError>;
    /// The requests awaiting a decision about residents whose current record a municipality
    /// keeps (`None`: every municipality), oldest first, at most `limit`.
    async fn pending_number_changes(
        &mut self,
        municipality: Option<MunicipalityCode>,
        limit: i64,
    ) -> Result<Vec<NumberChangeId>, StoreError>;
}

/// Writes the number registry.
#[async_trait]
pub trait NumbersWrite: Send {
    /// Inserts numbers; returns the indexes of those already in the registry (never reissued).
    async fn insert_numbers(&mut self, rows: &[NumberRow]) -> Result<Vec<usize>, StoreError>;
    /// Records a number change request.
    async fn insert_number_change(&mut self, row: &NumberChangeRow) -> Result<(), StoreError>;
    /// Moves a request from `requested` to `status`; [`StoreError::Conflict`] if another
    /// decision came first.
    async fn decide_number_change(
        &mut self,
        id: NumberChangeId,
        status: ChangeStatus,
        by: StaffId,
        at_us: i64,
    ) -> Result<(), StoreError>;
    /// Retires the person's current number (it stays in the registry, never reissued) and
    /// returns its generation.
    async fn retire_current_number(
        &mut self,
        person: PersonId,
        at_us: i64,
    ) -> Result<Option<u32>, StoreError>;
}
