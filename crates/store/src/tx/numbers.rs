//! The number registry in SQL: every number ever issued, and number change requests.

use async_trait::async_trait;
use mynumber_app::ports::{NumbersRead, NumbersWrite};
use mynumber_app::{NumberChangeRow, NumberRow, StoreError};
use mynumber_core::number_change::{ChangeGround, ChangeRequest, ChangeStatus};
use mynumber_core::{IndividualNumber, MunicipalityCode, NumberChangeId, PersonId, StaffId};
use sqlx::AssertSqlSafe;

use crate::db;
use crate::rows::person_id;
use crate::sql::query;

use super::{SqlTx, missing};

#[async_trait]
impl NumbersRead for SqlTx {
    async fn person_by_number(
        &mut self,
        number: &IndividualNumber,
    ) -> Result<Option<(PersonId, bool)>, StoreError> {
        let row = query("SELECT person_id, status FROM individual_numbers WHERE number = $1")
            .bind(number.expose_digits().to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.map(|r| {
            let id: String = r.try_get(0).map_err(db)?;
            let status: String = r.try_get(1).map_err(db)?;
            Ok((person_id(&id)?, status == "current"))
        })
        .transpose()
    }

    async fn current_number(
        &mut self,
        person: PersonId,
    ) -> Result<Option<IndividualNumber>, StoreError> {
        Ok(self.current_numbers(&[person]).await?.pop().map(|(_, n)| n))
    }

    async fn current_numbers(
        &mut self,
        people: &[PersonId],
    ) -> Result<Vec<(PersonId, IndividualNumber)>, StoreError> {
        let mut out = Vec::with_capacity(people.len());
        for chunk in people.chunks(1000) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT person_id, number FROM individual_numbers WHERE status = 'current' AND person_id IN ({})",
                placeholders.join(", ")
            );
            let mut q = query(AssertSqlSafe(sql));
            for p in chunk {
                q = q.bind(p.to_hex());
            }
            for r in q.fetch_all(&mut self.tx).await.map_err(db)? {
                let id: String = r.try_get(0).map_err(db)?;
                let number: String = r.try_get(1).map_err(db)?;
                let number = IndividualNumber::parse(&number)
                    .map_err(|e| StoreError::Corrupt(format!("stored Individual Number: {e}")))?;
                out.push((person_id(&id)?, number));
            }
        }
        Ok(out)
    }

    async fn number_change(
        &mut self,
        id: NumberChangeId,
    ) -> Result<Option<NumberChangeRow>, StoreError> {
        let row = query(
            "SELECT person_id, ground, reason, evidence, status, requested_by, requested_at_us, \
             decided_by, decided_at_us FROM number_changes WHERE id = $1",
        )
        .bind(id.to_hex())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?;
        let Some(r) = row else { return Ok(None) };
        let corrupt = |what: &str| StoreError::Corrupt(format!("number change {what}"));
        let text = |i: usize| r.try_get::<String, _>(i).map_err(db);
        let staff = |s: String| StaffId::parse(&s).ok_or_else(|| corrupt("staff id"));
        let ground = ChangeGround::parse(&text(1)?).ok_or_else(|| corrupt("ground"))?;
        let decided_by: Option<String> = r.try_get(7).map_err(db)?;
        let decided_at: Option<i64> = r.try_get(8).map_err(db)?;
        Ok(Some(NumberChangeRow {
            id,
            person: person_id(&text(0)?)?,
            request: ChangeRequest::from_stored(ground, text(2)?, r.try_get(3).map_err(db)?),
            status: ChangeStatus::parse(&text(4)?).ok_or_else(|| corrupt("status"))?,
            requested_by: staff(text(5)?)?,
            requested_at_us: r.try_get(6).map_err(db)?,
            decided: match (decided_by, decided_at) {
                (Some(by), Some(at)) => Some((staff(by)?, at)),
                _ => None,
            },
        }))
    }

    async fn pending_number_changes(
        &mut self,
        municipality: Option<MunicipalityCode>,
        limit: i64,
    ) -> Result<Vec<NumberChangeId>, StoreError> {
        // Requests are few (a number changes only after a leak): no index on the status.
        let rows = query(
            "SELECT c.id FROM number_changes c JOIN persons p ON p.id = c.person_id \
             JOIN resident_versions v ON v.person_id = p.id AND v.version = p.current_version \
             WHERE c.status = 'requested' AND ($1 = '' OR v.municipality_code = $1) \
             ORDER BY c.requested_at_us, c.id LIMIT $2",
        )
        .bind(
            municipality
                .map(|m| m.as_str().to_owned())
                .unwrap_or_default(),
        )
        .bind(limit)
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                let id: String = r.try_get(0).map_err(db)?;
                NumberChangeId::parse(&id)
                    .ok_or_else(|| StoreError::Corrupt("number change id".to_owned()))
            })
            .collect()
    }
}

#[async_trait]
impl NumbersWrite for SqlTx {
    async fn insert_numbers(&mut self, rows: &[NumberRow]) -> Result<Vec<usize>, StoreError> {
        let keys: Vec<String> = rows
            .iter()
            .map(|r| r.number.expose_digits().to_owned())
            .collect();
        let values = rows
            .iter()
            .map(|r| {
                vec![
                    r.number.expose_digits().into(),
                    r.person.to_hex().into(),
                    i64::from(r.generation).into(),
                    i64::from(r.attempt).into(),
                    r.key_id.as_str().into(),
                    "current".into(),
                    r.issued_at_us.into(),
                ]
            })
            .collect();
        let returned = self
            .insert_many(
                "individual_numbers (number, person_id, generation, attempt, key_id, status, issued_at_us)",
                7,
                values,
                "ON CONFLICT (number) DO NOTHING RETURNING number",
            )
            .await?;
        missing(&keys, &returned)
    }

    async fn insert_number_change(&mut self, row: &NumberChangeRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO number_changes (id, person_id, ground, reason, evidence, status, \
             requested_by, requested_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(row.id.to_hex())
        .bind(row.person.to_hex())
        .bind(row.request.ground().code())
        .bind(row.request.reason().to_owned())
        .bind(row.request.evidence().map(str::to_owned))
        .bind(row.status.code())
        .bind(row.requested_by.to_hex())
        .bind(row.requested_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn decide_number_change(
        &mut self,
        id: NumberChangeId,
        status: ChangeStatus,
        by: StaffId,
        at_us: i64,
    ) -> Result<(), StoreError> {
        let done = query(
            "UPDATE number_changes SET status = $1, decided_by = $2, decided_at_us = $3 \
             WHERE id = $4 AND status = 'requested'",
        )
        .bind(status.code())
        .bind(by.to_hex())
        .bind(at_us)
        .bind(id.to_hex())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Conflict("number change request"))
        }
    }

    async fn retire_current_number(
        &mut self,
        person: PersonId,
        at_us: i64,
    ) -> Result<Option<u32>, StoreError> {
        let row = query(
            "UPDATE individual_numbers SET status = 'retired', retired_at_us = $1 \
             WHERE person_id = $2 AND status = 'current' RETURNING generation",
        )
        .bind(at_us)
        .bind(person.to_hex())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?;
        row.map(|r| {
            let g: i64 = r.try_get(0).map_err(db)?;
            u32::try_from(g).map_err(|_| StoreError::Corrupt("number generation".into()))
        })
        .transpose()
    }
}
