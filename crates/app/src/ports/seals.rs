//! The seal register (印鑑登録, issue 13, docs/design/kiosk.md): a municipality's register of
//! seals beside the resident register, one in force per resident.

use async_trait::async_trait;
use mynumber_core::seal::{ImpressionSize, SealEnd, SealStatus};
use mynumber_core::{MunicipalityCode, PersonId};

use crate::StoreError;

/// A seal registration as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct SealRow {
    /// Its id (32 hex digits).
    pub id: String,
    /// Whose seal.
    pub person: PersonId,
    /// The municipality that registered it.
    pub municipality: MunicipalityCode,
    /// The number on the registration card (印鑑登録証), which a kiosk or the counter is
    /// shown instead of the seal itself.
    pub card_number: String,
    /// The impression, as the counter's scanner cropped it (a PNG).
    pub impression: Vec<u8>,
    /// Its size.
    pub size: ImpressionSize,
    /// When registered (µs).
    pub registered_at_us: i64,
    /// Who registered it (the ledger's name of the principal).
    pub registered_by: String,
    /// Where it stands.
    pub status: SealStatus,
    /// When it ended (µs), if it has.
    pub ended_at_us: Option<i64>,
}

impl std::fmt::Debug for SealRow {
    /// Without the impression: a seal's image is kept for the certificate, not for logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealRow")
            .field("id", &self.id)
            .field("municipality", &self.municipality)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// Reading the seal register.
#[async_trait]
pub trait SealsRead {
    /// The person's seal in force, if any.
    async fn seal_in_force(&mut self, person: PersonId) -> Result<Option<SealRow>, StoreError>;
    /// The registration whose card bears `card_number`, in force or ended.
    async fn seal_by_card(&mut self, card_number: &str) -> Result<Option<SealRow>, StoreError>;
}

/// Writing the seal register.
#[async_trait]
pub trait SealsWrite {
    /// Registers a seal. [`StoreError::Conflict`] when the person has one in force already, or
    /// the card number is taken.
    async fn insert_seal(&mut self, row: &SealRow) -> Result<(), StoreError>;
    /// Ends the registration `id` if it is in force; whether it was.
    async fn end_seal(&mut self, id: &str, end: SealEnd, at_us: i64) -> Result<bool, StoreError>;
}
