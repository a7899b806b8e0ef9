//! Loading what a use case acts on: a resident by code with their current version or their
//! whole history, and a person's current version. A missing one is `NotFound("resident")`
//! everywhere, so no use case words it differently.

use mynumber_core::{PersonId, ResidentCode};

use crate::ports::ReadTx;
use crate::{AppError, PersonRow, VersionRow};

/// A resident and the current version of their record.
#[derive(Clone, Debug)]
pub(crate) struct Current {
    /// The person.
    pub person: PersonRow,
    /// Their newest version.
    pub version: VersionRow,
}

/// A resident and every version of their record, oldest first (the last is current).
#[derive(Clone, Debug)]
pub(crate) struct History {
    /// The person.
    pub person: PersonRow,
    /// Every version, oldest first.
    pub versions: Vec<VersionRow>,
}

impl History {
    /// The current version.
    pub(crate) fn current(&self) -> &VersionRow {
        // A person is written with their first version in one transaction, so the list is
        // never empty; `load_history` refuses an empty one.
        &self.versions[self.versions.len() - 1]
    }
}

/// The person a resident record code names.
pub(crate) async fn person(
    tx: &mut dyn ReadTx,
    code: &ResidentCode,
) -> Result<PersonRow, AppError> {
    tx.person_by_code(code)
        .await?
        .ok_or(AppError::NotFound("resident"))
}

/// A person's current version.
pub(crate) async fn current_version(
    tx: &mut dyn ReadTx,
    person: PersonId,
) -> Result<VersionRow, AppError> {
    tx.current_version(person)
        .await?
        .ok_or(AppError::NotFound("resident"))
}

/// The resident a code names, with their current version.
pub(crate) async fn current(tx: &mut dyn ReadTx, code: &ResidentCode) -> Result<Current, AppError> {
    let person = person(tx, code).await?;
    let version = current_version(tx, person.id).await?;
    Ok(Current { person, version })
}

/// The resident a code names, with their whole history.
pub(crate) async fn history(tx: &mut dyn ReadTx, code: &ResidentCode) -> Result<History, AppError> {
    let person = person(tx, code).await?;
    let versions = tx.versions(person.id).await?;
    if versions.is_empty() {
        return Err(AppError::NotFound("resident"));
    }
    Ok(History { person, versions })
}
