//! Reading a resident's cards and applications.

use mynumber_core::{Permission, ResidentCode, StaffMember};

use crate::load;
use crate::{App, AppError, CardApplicationRow, CardRow};

impl App {
    /// A resident's cards and applications, newest first.
    pub async fn cards(
        &self,
        actor: &StaffMember,
        code: &ResidentCode,
    ) -> Result<(Vec<CardRow>, Vec<CardApplicationRow>), AppError> {
        actor.authorize(Permission::ReadRecords, None)?;
        let mut tx = self.store.begin_read().await?;
        let person = load::person(tx.as_mut(), code).await?;
        Ok((
            tx.cards_of(person.id).await?,
            tx.card_applications_of(person.id).await?,
        ))
    }
}
