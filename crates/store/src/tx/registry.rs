//! The resident register in SQL: persons, record versions, households, municipality names.

use async_trait::async_trait;
use mynumber_app::ports::{RegistryRead, RegistryWrite};
use mynumber_app::{CurrentRow, PersonRow, SearchQuery, StoreError, VersionRow};
use mynumber_core::{HouseholdId, MunicipalityCode, PersonId, ResidentCode};
use sqlx::{AssertSqlSafe, Row};

use crate::db;
use crate::rows::{
    VERSION_COLUMN_COUNT, VERSION_COLUMNS, decode_current, decode_person, decode_version,
    version_values,
};

use super::{SqlTx, current_select, missing, opt};

#[async_trait]
impl RegistryRead for SqlTx {
    async fn household(&mut self, id: HouseholdId) -> Result<Option<MunicipalityCode>, StoreError> {
        let row = sqlx::query("SELECT municipality_code FROM households WHERE id = $1")
            .bind(id.to_hex())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?;
        row.map(|r| {
            let s: String = r.try_get(0).map_err(db)?;
            MunicipalityCode::parse(&s).map_err(|e| StoreError::Corrupt(e.to_string()))
        })
        .transpose()
    }

    async fn person_by_code(
        &mut self,
        code: &ResidentCode,
    ) -> Result<Option<PersonRow>, StoreError> {
        sqlx::query(
            "SELECT id, resident_code, current_version FROM persons WHERE resident_code = $1",
        )
        .bind(code.digits().to_owned())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(db)?
        .as_ref()
        .map(decode_person)
        .transpose()
    }

    async fn person_by_id(&mut self, id: PersonId) -> Result<Option<PersonRow>, StoreError> {
        sqlx::query("SELECT id, resident_code, current_version FROM persons WHERE id = $1")
            .bind(id.to_hex())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?
            .as_ref()
            .map(decode_person)
            .transpose()
    }

    async fn versions(&mut self, person: PersonId) -> Result<Vec<VersionRow>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM resident_versions WHERE person_id = $1 ORDER BY version"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_version)
            .collect()
    }

    async fn current_version(
        &mut self,
        person: PersonId,
    ) -> Result<Option<VersionRow>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM resident_versions WHERE person_id = $1 \
             ORDER BY version DESC LIMIT 1"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?
            .as_ref()
            .map(decode_version)
            .transpose()
    }

    async fn search(&mut self, query: &SearchQuery) -> Result<Vec<CurrentRow>, StoreError> {
        let escaped = query
            .name
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let sql = format!(
            "{} WHERE v.status = 'active' \
             AND ($1 = '' OR v.family_name LIKE $2 ESCAPE '\\' OR v.family_name_kana LIKE $2 ESCAPE '\\' \
                  OR v.latin_name LIKE $3 ESCAPE '\\' OR v.alias LIKE $2 ESCAPE '\\') \
             AND ($4 = '' OR v.birth_date = $4) AND ($5 = '' OR v.municipality_code = $5) \
             ORDER BY v.family_name_kana, v.family_name, p.resident_code LIMIT $6",
            current_select()
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(query.name.clone())
            .bind(format!("{escaped}%"))
            .bind(format!("{}%", escaped.to_ascii_uppercase()))
            .bind(opt(query.birth_date.map(|d| d.to_string())))
            .bind(opt(query.municipality.map(|m| m.as_str().to_owned())))
            .bind(query.limit)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_current)
            .collect()
    }

    async fn current_page(
        &mut self,
        after: Option<PersonId>,
        municipality: Option<MunicipalityCode>,
        limit: i64,
    ) -> Result<Vec<CurrentRow>, StoreError> {
        let sql = format!(
            "{} WHERE v.status = 'active' AND p.id > $1 AND ($2 = '' OR v.municipality_code = $2) \
             ORDER BY p.id LIMIT $3",
            current_select()
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(opt(after.map(|p| p.to_hex())))
            .bind(opt(municipality.map(|m| m.as_str().to_owned())))
            .bind(limit)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_current)
            .collect()
    }

    async fn household_members(
        &mut self,
        household: HouseholdId,
    ) -> Result<Vec<CurrentRow>, StoreError> {
        let sql = format!(
            "{} WHERE v.status = 'active' AND v.household_id = $1 ORDER BY v.birth_date, p.id",
            current_select()
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(household.to_hex())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_current)
            .collect()
    }

    async fn municipality_name(
        &mut self,
        code: MunicipalityCode,
    ) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT name FROM municipalities WHERE code = $1")
            .bind(code.as_str().to_owned())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?;
        row.map(|r| r.try_get::<String, _>(0).map_err(db))
            .transpose()
    }
}

#[async_trait]
impl RegistryWrite for SqlTx {
    async fn insert_persons(
        &mut self,
        rows: &[PersonRow],
        at_us: i64,
    ) -> Result<Vec<usize>, StoreError> {
        let keys: Vec<String> = rows
            .iter()
            .map(|r| r.resident_code.digits().to_owned())
            .collect();
        let values = rows
            .iter()
            .map(|r| {
                vec![
                    r.id.to_hex().into(),
                    r.resident_code.digits().into(),
                    r.current_version.into(),
                    at_us.into(),
                ]
            })
            .collect();
        let returned = self
            .insert_many(
                "persons (id, resident_code, current_version, created_at_us)",
                4,
                values,
                "ON CONFLICT (resident_code) DO NOTHING RETURNING resident_code",
            )
            .await?;
        missing(&keys, &returned)
    }

    async fn insert_versions(&mut self, rows: &[VersionRow]) -> Result<(), StoreError> {
        for r in rows.iter().filter(|r| r.version > 1) {
            let updated = sqlx::query(
                "UPDATE persons SET current_version = $1 WHERE id = $2 AND current_version = $3",
            )
            .bind(r.version)
            .bind(r.person.to_hex())
            .bind(r.version - 1)
            .execute(&mut *self.tx)
            .await
            .map_err(db)?;
            if updated.rows_affected() != 1 {
                return Err(StoreError::Conflict("resident record"));
            }
        }
        let values = rows.iter().map(version_values).collect();
        let head = format!("resident_versions ({VERSION_COLUMNS})");
        self.insert_many(&head, VERSION_COLUMN_COUNT, values, "")
            .await?;
        Ok(())
    }

    async fn insert_households(
        &mut self,
        rows: &[(HouseholdId, MunicipalityCode)],
        at_us: i64,
    ) -> Result<(), StoreError> {
        let values = rows
            .iter()
            .map(|(id, m)| vec![id.to_hex().into(), m.as_str().into(), at_us.into()])
            .collect();
        self.insert_many(
            "households (id, municipality_code, created_at_us)",
            3,
            values,
            "",
        )
        .await?;
        Ok(())
    }

    async fn set_municipality_name(
        &mut self,
        code: MunicipalityCode,
        name: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO municipalities (code, name) VALUES ($1, $2) \
             ON CONFLICT (code) DO UPDATE SET name = excluded.name",
        )
        .bind(code.as_str().to_owned())
        .bind(name.to_owned())
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }
}
