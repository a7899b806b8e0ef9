//! The seal register (印鑑登録) in SQL: one registration in force per resident, kept by a
//! partial unique index (migration 35).

use async_trait::async_trait;
use mynumber_app::ports::{SealsRead, SealsWrite};
use mynumber_app::{SealRow, StoreError};
use mynumber_core::MunicipalityCode;
use mynumber_core::seal::{ImpressionSize, SealEnd, SealStatus};

use super::SqlTx;
use crate::rows::{corrupt, int, opt_int, person_id, text};
use crate::sql::{Row, query};
use crate::{db, unique_conflict};
use sqlx::AssertSqlSafe;

const SEAL_COLUMNS: &str = "id, person_id, municipality_code, card_number, impression, width_um, \
     height_um, registered_at_us, registered_by, status, ended_at_us";

fn decode_seal(row: &Row) -> Result<SealRow, StoreError> {
    let status = SealStatus::parse(&text(row, "status")?).ok_or_else(|| corrupt("seal status"))?;
    let micrometres = |col: &str| {
        int(row, col).and_then(|v| u32::try_from(v).map_err(|_| corrupt(format!("seal {col}"))))
    };
    Ok(SealRow {
        id: text(row, "id")?,
        person: person_id(&text(row, "person_id")?)?,
        municipality: MunicipalityCode::parse(&text(row, "municipality_code")?)
            .map_err(|_| corrupt("seal municipality"))?,
        card_number: text(row, "card_number")?,
        impression: row
            .try_get::<Vec<u8>, _>("impression")
            .map_err(|e| corrupt(format!("seal impression: {e}")))?,
        size: ImpressionSize {
            width_um: micrometres("width_um")?,
            height_um: micrometres("height_um")?,
        },
        registered_at_us: int(row, "registered_at_us")?,
        registered_by: text(row, "registered_by")?,
        status,
        ended_at_us: opt_int(row, "ended_at_us")?,
    })
}

#[async_trait]
impl SealsRead for SqlTx {
    async fn seal_in_force(
        &mut self,
        person: mynumber_core::PersonId,
    ) -> Result<Option<SealRow>, StoreError> {
        query(AssertSqlSafe(format!(
            "SELECT {SEAL_COLUMNS} FROM seal_registrations \
             WHERE person_id = $1 AND status = 'registered'"
        )))
        .bind(person.to_hex())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .map(|r| decode_seal(&r))
        .transpose()
    }

    async fn seal_by_card(&mut self, card_number: &str) -> Result<Option<SealRow>, StoreError> {
        query(AssertSqlSafe(format!(
            "SELECT {SEAL_COLUMNS} FROM seal_registrations WHERE card_number = $1"
        )))
        .bind(card_number)
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .map(|r| decode_seal(&r))
        .transpose()
    }
}

#[async_trait]
impl SealsWrite for SqlTx {
    async fn insert_seal(&mut self, row: &SealRow) -> Result<(), StoreError> {
        query(AssertSqlSafe(format!(
            "INSERT INTO seal_registrations ({SEAL_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        )))
        .bind(row.id.as_str())
        .bind(row.person.to_hex())
        .bind(row.municipality.as_str())
        .bind(row.card_number.as_str())
        .bind(row.impression.clone())
        .bind(i64::from(row.size.width_um))
        .bind(i64::from(row.size.height_um))
        .bind(row.registered_at_us)
        .bind(row.registered_by.as_str())
        .bind(row.status.code())
        .bind(row.ended_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict(
            "a seal in force, or the registration card's number",
        ))?;
        Ok(())
    }

    async fn end_seal(&mut self, id: &str, end: SealEnd, at_us: i64) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE seal_registrations SET status = $1, ended_at_us = $2 \
             WHERE id = $3 AND status = 'registered'",
        )
        .bind(end.code())
        .bind(at_us)
        .bind(id)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
