//! Reading a resident's cards and applications.

use mynumber_core::{Action, Principal, ResidentCode};

use crate::access::{authorize, current_scope, found, read};
use crate::ledger::append;
use crate::load;
use crate::{App, AppError, CardApplicationRow, CardRow};

impl App {
    /// A resident's cards and applications, newest first, and the reading in the ledger.
    pub async fn cards(
        &self,
        principal: &Principal,
        code: &ResidentCode,
    ) -> Result<(Vec<CardRow>, Vec<CardApplicationRow>), AppError> {
        self.permit(principal, Action::ReadRecord).await?;
        let mut tx = self.store.begin().await?;
        let load::Current { person, version } = found!(
            self,
            tx,
            principal,
            Action::ReadRecord,
            load::current(tx.as_mut(), code)
        );
        let municipality = version.resident.record.municipality();
        authorize!(
            self,
            tx,
            principal,
            Action::ReadRecord,
            &current_scope(person.id, municipality),
            "resident"
        );
        let cards = tx.cards_of(person.id).await?;
        let applications = tx.card_applications_of(person.id).await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            self.clock.now_us(),
            vec![read(person.id, municipality, "cards", "")],
        )
        .await?;
        tx.commit().await?;
        Ok((cards, applications))
    }
}
