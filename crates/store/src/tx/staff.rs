//! Staff, principals and deployment settings in SQL.

use async_trait::async_trait;
use mynumber_app::ports::{StaffRead, StaffWrite};
use mynumber_app::{StaffRow, StoreError};
use mynumber_core::{MunicipalityCode, Role, StaffId};
use sqlx::Row;

use crate::db;
use crate::rows::int;

use super::SqlTx;

#[async_trait]
impl StaffRead for SqlTx {
    async fn staff_by_token_hash(&mut self, hash: &str) -> Result<Option<StaffRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, name, role, municipality_code, token_hash, created_at_us FROM staff WHERE token_hash = $1",
        )
        .bind(hash.to_owned())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(db)?;
        let Some(r) = row else { return Ok(None) };
        let corrupt = |what: &str| StoreError::Corrupt(format!("staff {what}"));
        let id: String = r.try_get("id").map_err(db)?;
        let role: String = r.try_get("role").map_err(db)?;
        let municipality: Option<String> = r.try_get("municipality_code").map_err(db)?;
        Ok(Some(StaffRow {
            id: StaffId::parse(&id).ok_or_else(|| corrupt("id"))?,
            name: r.try_get("name").map_err(db)?,
            role: Role::parse(&role).ok_or_else(|| corrupt("role"))?,
            municipality: municipality
                .map(|m| MunicipalityCode::parse(&m).map_err(|_| corrupt("municipality")))
                .transpose()?,
            token_hash: r.try_get("token_hash").map_err(db)?,
            created_at_us: int(&r, "created_at_us")?,
        }))
    }

    async fn count_staff(&mut self) -> Result<i64, StoreError> {
        let r = sqlx::query("SELECT COUNT(*) FROM staff")
            .fetch_one(&mut *self.tx)
            .await
            .map_err(db)?;
        r.try_get::<i64, _>(0).map_err(db)
    }

    async fn setting(&mut self, name: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT value FROM settings WHERE name = $1")
            .bind(name.to_owned())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?;
        row.map(|r| r.try_get::<String, _>(0).map_err(db))
            .transpose()
    }
}

#[async_trait]
impl StaffWrite for SqlTx {
    async fn insert_staff(&mut self, row: &StaffRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO staff (id, name, role, municipality_code, token_hash, created_at_us) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(row.id.to_hex())
        .bind(row.name.clone())
        .bind(row.role.code())
        .bind(row.municipality.map(|m| m.as_str().to_owned()))
        .bind(row.token_hash.clone())
        .bind(row.created_at_us)
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn insert_setting(&mut self, name: &str, value: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name.to_owned())
        .bind(value.to_owned())
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
