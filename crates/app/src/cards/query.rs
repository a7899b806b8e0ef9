//! Reading a resident's cards and applications.

use mynumber_core::{Actor, Permission, ResidentCode};

use crate::{App, AppError, CardApplicationRow, CardRow};

impl App {
    /// A resident's cards and applications, newest first.
    pub async fn cards(
        &self,
        actor: &Actor,
        code: &ResidentCode,
    ) -> Result<(Vec<CardRow>, Vec<CardApplicationRow>), AppError> {
        actor.authorize(Permission::ReadRecords, None)?;
        let mut tx = self.store.begin_read().await?;
        let person = tx
            .person_by_code(code)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        Ok((
            tx.cards_of(person.id).await?,
            tx.card_applications_of(person.id).await?,
        ))
    }
}
