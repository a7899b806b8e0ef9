//! Staff, their credentials, the other principals and deployment settings in SQL.

use async_trait::async_trait;
use mynumber_app::ports::{StaffRead, StaffWrite};
use mynumber_app::{CredentialRow, StaffKind, StaffRow, StoreError};
use mynumber_core::{CredentialId, MunicipalityCode, Role, StaffId};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::db;
use crate::rows::int;

use super::SqlTx;

const STAFF_COLUMNS: &str = "s.id, s.name, s.role, s.municipality_code, s.kind, s.created_by, s.created_at_us, s.disabled_at_us";

const CREDENTIAL_COLUMNS: &str = "c.id AS credential_id, c.staff_id, c.hash, c.label, \
     c.issued_at_us, c.expires_at_us, c.revoked_at_us, c.issued_by";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("staff {what}"))
}

fn decode_staff(r: &AnyRow) -> Result<StaffRow, StoreError> {
    let id: String = r.try_get("id").map_err(db)?;
    let role: String = r.try_get("role").map_err(db)?;
    let kind: String = r.try_get("kind").map_err(db)?;
    let municipality: Option<String> = r.try_get("municipality_code").map_err(db)?;
    Ok(StaffRow {
        id: StaffId::parse(&id).ok_or_else(|| corrupt("id"))?,
        name: r.try_get("name").map_err(db)?,
        role: Role::parse(&role).ok_or_else(|| corrupt("role"))?,
        municipality: municipality
            .map(|m| MunicipalityCode::parse(&m).map_err(|_| corrupt("municipality")))
            .transpose()?,
        kind: StaffKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
        created_by: r.try_get("created_by").map_err(db)?,
        created_at_us: int(r, "created_at_us")?,
        disabled_at_us: r.try_get("disabled_at_us").map_err(db)?,
    })
}

fn decode_credential(r: &AnyRow) -> Result<CredentialRow, StoreError> {
    let id: String = r.try_get("credential_id").map_err(db)?;
    let staff: String = r.try_get("staff_id").map_err(db)?;
    let issued_by: Option<String> = r.try_get("issued_by").map_err(db)?;
    Ok(CredentialRow {
        id: CredentialId::parse(&id).ok_or_else(|| corrupt("credential id"))?,
        staff: StaffId::parse(&staff).ok_or_else(|| corrupt("credential staff"))?,
        hash: r.try_get("hash").map_err(db)?,
        label: r.try_get("label").map_err(db)?,
        issued_at_us: int(r, "issued_at_us")?,
        expires_at_us: int(r, "expires_at_us")?,
        revoked_at_us: r.try_get("revoked_at_us").map_err(db)?,
        issued_by: issued_by
            .map(|i| CredentialId::parse(&i).ok_or_else(|| corrupt("credential issuer")))
            .transpose()?,
    })
}

#[async_trait]
impl StaffRead for SqlTx {
    async fn credential_by_hash(
        &mut self,
        hash: &str,
    ) -> Result<Option<(CredentialRow, StaffRow)>, StoreError> {
        let sql = format!(
            "SELECT {CREDENTIAL_COLUMNS}, {STAFF_COLUMNS} FROM staff_credentials c \
             JOIN staff s ON s.id = c.staff_id WHERE c.hash = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(hash.to_owned())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?;
        row.map(|r| Ok((decode_credential(&r)?, decode_staff(&r)?)))
            .transpose()
    }

    async fn credential(&mut self, id: CredentialId) -> Result<Option<CredentialRow>, StoreError> {
        let sql = format!("SELECT {CREDENTIAL_COLUMNS} FROM staff_credentials c WHERE c.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_hex())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?;
        row.as_ref().map(decode_credential).transpose()
    }

    async fn credentials_of(&mut self, staff: StaffId) -> Result<Vec<CredentialRow>, StoreError> {
        let sql = format!(
            "SELECT {CREDENTIAL_COLUMNS} FROM staff_credentials c WHERE c.staff_id = $1 \
             ORDER BY c.issued_at_us DESC, c.id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(staff.to_hex())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_credential)
            .collect()
    }

    async fn staff(&mut self, id: StaffId) -> Result<Option<StaffRow>, StoreError> {
        let sql = format!("SELECT {STAFF_COLUMNS} FROM staff s WHERE s.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_hex())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?;
        row.as_ref().map(decode_staff).transpose()
    }

    async fn staff_list(
        &mut self,
        municipality: Option<MunicipalityCode>,
    ) -> Result<Vec<StaffRow>, StoreError> {
        let rows = match municipality {
            Some(m) => {
                let sql = format!(
                    "SELECT {STAFF_COLUMNS} FROM staff s WHERE s.municipality_code = $1 \
                     ORDER BY s.created_at_us, s.id"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(m.as_str().to_owned())
                    .fetch_all(&mut *self.tx)
                    .await
            }
            None => {
                let sql =
                    format!("SELECT {STAFF_COLUMNS} FROM staff s ORDER BY s.created_at_us, s.id");
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&mut *self.tx)
                    .await
            }
        }
        .map_err(db)?;
        rows.iter().map(decode_staff).collect()
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
        // `token_hash` predates credentials (migration 10): a unique placeholder fills it.
        sqlx::query(
            "INSERT INTO staff (id, name, role, municipality_code, token_hash, created_at_us, \
             kind, created_by, disabled_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(row.id.to_hex())
        .bind(row.name.clone())
        .bind(row.role.code())
        .bind(row.municipality.map(|m| m.as_str().to_owned()))
        .bind(format!("credentials:{}", row.id.to_hex()))
        .bind(row.created_at_us)
        .bind(row.kind.code())
        .bind(row.created_by.clone())
        .bind(row.disabled_at_us)
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn insert_credential(&mut self, row: &CredentialRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO staff_credentials (id, staff_id, hash, label, issued_at_us, \
             expires_at_us, revoked_at_us, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(row.id.to_hex())
        .bind(row.staff.to_hex())
        .bind(row.hash.clone())
        .bind(row.label.clone())
        .bind(row.issued_at_us)
        .bind(row.expires_at_us)
        .bind(row.revoked_at_us)
        .bind(row.issued_by.map(|i| i.to_hex()))
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn revoke_credential(
        &mut self,
        id: CredentialId,
        at_us: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE staff_credentials SET revoked_at_us = $1 WHERE id = $2 AND revoked_at_us IS NULL",
        )
        .bind(at_us)
        .bind(id.to_hex())
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_staff_disabled(
        &mut self,
        id: StaffId,
        at_us: Option<i64>,
    ) -> Result<bool, StoreError> {
        let sql = if at_us.is_some() {
            "UPDATE staff SET disabled_at_us = $1 WHERE id = $2 AND disabled_at_us IS NULL"
        } else {
            "UPDATE staff SET disabled_at_us = $1 WHERE id = $2 AND disabled_at_us IS NOT NULL"
        };
        let done = sqlx::query(sql)
            .bind(at_us)
            .bind(id.to_hex())
            .execute(&mut *self.tx)
            .await
            .map_err(db)?;
        Ok(done.rows_affected() == 1)
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
