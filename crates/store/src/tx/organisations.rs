//! The registry of organisations in SQL: organisations and the purposes they registered.

use async_trait::async_trait;
use jiff::civil::Date;
use mynumber_app::ports::{OrganisationsRead, OrganisationsWrite};
use mynumber_app::{CollectionRow, OrganisationKeyRow, OrganisationRow, PurposeRow, StoreError};
use mynumber_core::organisation::{
    DataItem, IdentityCheck, OrgRole, OrgStatus, PurposeRegistration,
};
use mynumber_core::{CorporateNumber, OrganisationId};
use sqlx::AssertSqlSafe;

use super::{SWEEP_EVERY_US, SqlTx};
use crate::rows::{corrupt, int, opt_int, opt_text, person_id, text};
use crate::sql::{Row, query};
use crate::{db, unique_conflict};

const ORGANISATION_COLUMNS: &str = "id, corporate_number, name, roles, status, registered_by, \
     registered_at_us, status_at_us";

const PURPOSE_COLUMNS: &str = "organisation_id, code, affair, basis, items, retention_years, \
     registered_at_us, withdrawn_at_us";

/// Codes joined by commas (roles, items): sorted and each once, as the core keeps them.
fn joined<T: Copy>(values: &[T], code: impl Fn(T) -> &'static str) -> String {
    values
        .iter()
        .map(|v| code(*v))
        .collect::<Vec<_>>()
        .join(",")
}

fn split<T>(s: &str, parse: impl Fn(&str) -> Option<T>, what: &str) -> Result<Vec<T>, StoreError> {
    s.split(',')
        .filter(|c| !c.is_empty())
        .map(|c| parse(c).ok_or_else(|| corrupt(format!("{what} {c:?}"))))
        .collect()
}

const COLLECTION_COLUMNS: &str = "id, organisation_id, person_id, purpose_code, method, \
     collected_at_us, ended_on, keep_until, deleted_at_us";

fn opt_date(row: &Row, col: &str) -> Result<Option<Date>, StoreError> {
    opt_text(row, col)?
        .map(|d| {
            d.parse()
                .map_err(|_| corrupt(format!("{col} is not a date")))
        })
        .transpose()
}

fn decode_collection(row: &Row) -> Result<CollectionRow, StoreError> {
    Ok(CollectionRow {
        id: text(row, "id")?,
        organisation: organisation_id(&text(row, "organisation_id")?)?,
        person: person_id(&text(row, "person_id")?)?,
        purpose: text(row, "purpose_code")?,
        method: IdentityCheck::from_code(&text(row, "method")?)
            .ok_or_else(|| corrupt("collection method"))?,
        collected_at_us: int(row, "collected_at_us")?,
        ended_on: opt_date(row, "ended_on")?,
        keep_until: opt_date(row, "keep_until")?,
        deleted_at_us: opt_int(row, "deleted_at_us")?,
    })
}

pub(crate) fn organisation_id(s: &str) -> Result<OrganisationId, StoreError> {
    OrganisationId::parse(s).ok_or_else(|| corrupt("organisation id"))
}

fn decode_organisation(row: &Row) -> Result<OrganisationRow, StoreError> {
    Ok(OrganisationRow {
        id: organisation_id(&text(row, "id")?)?,
        corporate_number: CorporateNumber::parse(&text(row, "corporate_number")?)
            .map_err(|_| corrupt("corporate_number"))?,
        name: text(row, "name")?,
        roles: split(&text(row, "roles")?, OrgRole::parse, "role")?,
        status: OrgStatus::parse(&text(row, "status")?)
            .ok_or_else(|| corrupt("organisation status"))?,
        registered_by: text(row, "registered_by")?,
        registered_at_us: int(row, "registered_at_us")?,
        status_at_us: int(row, "status_at_us")?,
    })
}

fn decode_purpose(row: &Row) -> Result<PurposeRow, StoreError> {
    Ok(PurposeRow {
        organisation: organisation_id(&text(row, "organisation_id")?)?,
        purpose: PurposeRegistration {
            code: text(row, "code")?,
            affair: text(row, "affair")?,
            basis: text(row, "basis")?,
            items: split(&text(row, "items")?, DataItem::parse, "data item")?,
            retention_years: u8::try_from(int(row, "retention_years")?)
                .map_err(|_| corrupt("retention_years"))?,
        },
        registered_at_us: int(row, "registered_at_us")?,
        withdrawn_at_us: opt_int(row, "withdrawn_at_us")?,
    })
}

#[async_trait]
impl OrganisationsRead for SqlTx {
    async fn organisation_platform(
        &mut self,
        organisation: OrganisationId,
    ) -> Result<Option<OrganisationId>, StoreError> {
        let row =
            query("SELECT platform_id FROM organisation_platforms WHERE organisation_id = $1")
                .bind(organisation.to_hex())
                .fetch_optional(&mut self.tx)
                .await
                .map_err(db)?;
        row.map(|r| organisation_id(&text(&r, "platform_id")?))
            .transpose()
    }

    async fn latest_four_consents_of(
        &mut self,
        person: mynumber_core::PersonId,
    ) -> Result<Vec<(OrganisationId, i64, i64)>, StoreError> {
        let rows = query(
            "SELECT organisation_id, granted_at_us, expires_at_us FROM latest_four_consents \
             WHERE person_id = $1 ORDER BY organisation_id",
        )
        .bind(person.to_hex())
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok((
                    OrganisationId::parse(&text(r, "organisation_id")?)
                        .ok_or_else(|| corrupt("consent organisation"))?,
                    int(r, "granted_at_us")?,
                    int(r, "expires_at_us")?,
                ))
            })
            .collect()
    }

    async fn latest_four_consent(
        &mut self,
        person: mynumber_core::PersonId,
        organisation: OrganisationId,
    ) -> Result<Option<i64>, StoreError> {
        let row = query(
            "SELECT expires_at_us FROM latest_four_consents WHERE person_id = $1 \
             AND organisation_id = $2",
        )
        .bind(person.to_hex())
        .bind(organisation.to_hex())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?;
        row.map(|r| r.try_get::<i64, _>(0).map_err(db)).transpose()
    }

    async fn collection_misses(
        &mut self,
        organisation: OrganisationId,
        hour: i64,
    ) -> Result<i64, StoreError> {
        let row =
            query("SELECT misses FROM collection_misses WHERE organisation_id = $1 AND hour = $2")
                .bind(organisation.to_hex())
                .bind(hour)
                .fetch_optional(&mut self.tx)
                .await
                .map_err(db)?;
        row.map(|r| int(&r, "misses"))
            .transpose()
            .map(|m| m.unwrap_or(0))
    }

    async fn organisation(
        &mut self,
        id: OrganisationId,
    ) -> Result<Option<OrganisationRow>, StoreError> {
        let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations WHERE id = $1");
        query(AssertSqlSafe(sql))
            .bind(id.to_hex())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .map(|r| decode_organisation(&r))
            .transpose()
    }

    async fn organisation_in_force(
        &mut self,
        corporate_number: &CorporateNumber,
    ) -> Result<Option<OrganisationRow>, StoreError> {
        let sql = format!(
            "SELECT {ORGANISATION_COLUMNS} FROM organisations \
             WHERE corporate_number = $1 AND status <> 'revoked'"
        );
        query(AssertSqlSafe(sql))
            .bind(corporate_number.digits().to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .map(|r| decode_organisation(&r))
            .transpose()
    }

    async fn organisations(&mut self, limit: i64) -> Result<Vec<OrganisationRow>, StoreError> {
        let sql =
            format!("SELECT {ORGANISATION_COLUMNS} FROM organisations ORDER BY name, id LIMIT $1");
        query(AssertSqlSafe(sql))
            .bind(limit)
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_organisation)
            .collect()
    }

    async fn purposes(&mut self, id: OrganisationId) -> Result<Vec<PurposeRow>, StoreError> {
        let sql = format!(
            "SELECT {PURPOSE_COLUMNS} FROM organisation_purposes \
             WHERE organisation_id = $1 ORDER BY code"
        );
        query(AssertSqlSafe(sql))
            .bind(id.to_hex())
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_purpose)
            .collect()
    }

    async fn organisation_keys(
        &mut self,
        id: OrganisationId,
    ) -> Result<Vec<OrganisationKeyRow>, StoreError> {
        let rows = query(
            "SELECT organisation_id, kid, public_key, registered_at_us, revoked_at_us \
             FROM organisation_keys WHERE organisation_id = $1 ORDER BY kid",
        )
        .bind(id.to_hex())
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok(OrganisationKeyRow {
                    organisation: organisation_id(&text(r, "organisation_id")?)?,
                    kid: text(r, "kid")?,
                    public_key: crate::rows::unhex(&text(r, "public_key")?)?,
                    registered_at_us: int(r, "registered_at_us")?,
                    revoked_at_us: opt_int(r, "revoked_at_us")?,
                })
            })
            .collect()
    }

    async fn organisation_token(
        &mut self,
        hash: &str,
        now_us: i64,
    ) -> Result<Option<(OrganisationId, String)>, StoreError> {
        let row = query(
            "SELECT organisation_id, kid FROM organisation_tokens \
             WHERE hash = $1 AND expires_at_us > $2",
        )
        .bind(hash.to_owned())
        .bind(now_us)
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?;
        row.map(|r| {
            Ok((
                organisation_id(&text(&r, "organisation_id")?)?,
                text(&r, "kid")?,
            ))
        })
        .transpose()
    }

    async fn collection(&mut self, id: &str) -> Result<Option<CollectionRow>, StoreError> {
        let sql = format!("SELECT {COLLECTION_COLUMNS} FROM number_collections WHERE id = $1");
        query(AssertSqlSafe(sql))
            .bind(id.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .map(|r| decode_collection(&r))
            .transpose()
    }

    async fn collections_due(
        &mut self,
        organisation: OrganisationId,
        today: Date,
        limit: i64,
    ) -> Result<Vec<CollectionRow>, StoreError> {
        let sql = format!(
            "SELECT {COLLECTION_COLUMNS} FROM number_collections \
             WHERE organisation_id = $1 AND deleted_at_us IS NULL AND keep_until < $2 \
             ORDER BY keep_until, id LIMIT $3"
        );
        query(AssertSqlSafe(sql))
            .bind(organisation.to_hex())
            .bind(today.to_string())
            .bind(limit)
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_collection)
            .collect()
    }
}

#[async_trait]
impl OrganisationsWrite for SqlTx {
    async fn withdraw_latest_four_consent(
        &mut self,
        person: mynumber_core::PersonId,
        organisation: OrganisationId,
    ) -> Result<bool, StoreError> {
        let done =
            query("DELETE FROM latest_four_consents WHERE person_id = $1 AND organisation_id = $2")
                .bind(person.to_hex())
                .bind(organisation.to_hex())
                .execute(&mut self.tx)
                .await
                .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn put_latest_four_consent(
        &mut self,
        person: mynumber_core::PersonId,
        organisation: OrganisationId,
        granted_at_us: i64,
        expires_at_us: i64,
    ) -> Result<(), StoreError> {
        query(
            "INSERT INTO latest_four_consents (person_id, organisation_id, granted_at_us, \
             expires_at_us) VALUES ($1, $2, $3, $4) ON CONFLICT (person_id, organisation_id) \
             DO UPDATE SET granted_at_us = excluded.granted_at_us, \
             expires_at_us = excluded.expires_at_us",
        )
        .bind(person.to_hex())
        .bind(organisation.to_hex())
        .bind(granted_at_us)
        .bind(expires_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn put_organisation_platform(
        &mut self,
        organisation: OrganisationId,
        platform: Option<OrganisationId>,
        at_us: i64,
    ) -> Result<(), StoreError> {
        match platform {
            None => {
                query("DELETE FROM organisation_platforms WHERE organisation_id = $1")
                    .bind(organisation.to_hex())
                    .execute(&mut self.tx)
                    .await
                    .map_err(db)?;
            }
            Some(platform) => {
                query(
                    "INSERT INTO organisation_platforms (organisation_id, platform_id, \
                     registered_at_us) VALUES ($1, $2, $3) ON CONFLICT (organisation_id) DO \
                     UPDATE SET platform_id = excluded.platform_id, \
                     registered_at_us = excluded.registered_at_us",
                )
                .bind(organisation.to_hex())
                .bind(platform.to_hex())
                .bind(at_us)
                .execute(&mut self.tx)
                .await
                .map_err(db)?;
            }
        }
        Ok(())
    }

    async fn add_collection_miss(
        &mut self,
        organisation: OrganisationId,
        hour: i64,
    ) -> Result<(), StoreError> {
        // Hours, not microseconds: swept once the hour turns.
        self.sweep(
            |s| &s.collection_misses,
            1,
            "DELETE FROM collection_misses WHERE hour < $1",
            hour - 24,
        )
        .await?;
        query(
            "INSERT INTO collection_misses (organisation_id, hour, misses) VALUES ($1, $2, 1) \
             ON CONFLICT (organisation_id, hour) \
             DO UPDATE SET misses = collection_misses.misses + 1",
        )
        .bind(organisation.to_hex())
        .bind(hour)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn insert_organisation(&mut self, row: &OrganisationRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO organisations (id, corporate_number, name, roles, status, \
             registered_by, registered_at_us, status_at_us) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(row.id.to_hex())
        .bind(row.corporate_number.digits().to_owned())
        .bind(row.name.clone())
        .bind(joined(&row.roles, OrgRole::code))
        .bind(row.status.code())
        .bind(row.registered_by.clone())
        .bind(row.registered_at_us)
        .bind(row.status_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("organisation in force"))?;
        Ok(())
    }

    async fn set_organisation_status(
        &mut self,
        id: OrganisationId,
        from: OrgStatus,
        to: OrgStatus,
        at_us: i64,
    ) -> Result<(), StoreError> {
        let done = query(
            "UPDATE organisations SET status = $1, status_at_us = $2 \
             WHERE id = $3 AND status = $4",
        )
        .bind(to.code())
        .bind(at_us)
        .bind(id.to_hex())
        .bind(from.code())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Conflict("organisation status"))
        }
    }

    async fn insert_purpose(&mut self, row: &PurposeRow) -> Result<(), StoreError> {
        let p = &row.purpose;
        query(
            "INSERT INTO organisation_purposes (organisation_id, code, affair, basis, items, \
             retention_years, registered_at_us, withdrawn_at_us) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(row.organisation.to_hex())
        .bind(p.code.clone())
        .bind(p.affair.clone())
        .bind(p.basis.clone())
        .bind(joined(&p.items, DataItem::code))
        .bind(i64::from(p.retention_years))
        .bind(row.registered_at_us)
        .bind(row.withdrawn_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("purpose code"))?;
        Ok(())
    }

    async fn insert_organisation_key(
        &mut self,
        row: &OrganisationKeyRow,
    ) -> Result<(), StoreError> {
        query(
            "INSERT INTO organisation_keys (organisation_id, kid, public_key, registered_at_us, \
             revoked_at_us) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(row.organisation.to_hex())
        .bind(row.kid.clone())
        .bind(hex::encode(&row.public_key))
        .bind(row.registered_at_us)
        .bind(row.revoked_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("key id"))?;
        Ok(())
    }

    async fn revoke_organisation_key(
        &mut self,
        id: OrganisationId,
        kid: &str,
        at_us: i64,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE organisation_keys SET revoked_at_us = $1 \
             WHERE organisation_id = $2 AND kid = $3 AND revoked_at_us IS NULL",
        )
        .bind(at_us)
        .bind(id.to_hex())
        .bind(kid.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        query(
            "UPDATE organisation_tokens SET expires_at_us = $1 \
             WHERE organisation_id = $2 AND kid = $3 AND expires_at_us > $1",
        )
        .bind(at_us)
        .bind(id.to_hex())
        .bind(kid.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn take_assertion(
        &mut self,
        id: OrganisationId,
        jti: &str,
        expires_at_us: i64,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        self.sweep(
            |s| &s.assertions,
            SWEEP_EVERY_US,
            "DELETE FROM organisation_assertions WHERE expires_at_us < $1",
            now_us,
        )
        .await?;
        // ON CONFLICT: a replay is an answer, not an error (an error would end the
        // transaction on PostgreSQL).
        let taken = query(
            "INSERT INTO organisation_assertions (organisation_id, jti, expires_at_us) \
             VALUES ($1, $2, $3) ON CONFLICT (organisation_id, jti) DO NOTHING",
        )
        .bind(id.to_hex())
        .bind(jti.to_owned())
        .bind(expires_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(taken.rows_affected() == 1)
    }

    async fn insert_organisation_token(
        &mut self,
        hash: &str,
        id: OrganisationId,
        kid: &str,
        issued_at_us: i64,
        expires_at_us: i64,
    ) -> Result<(), StoreError> {
        // Ended more than a day ago: nothing asks about it any more (docs/design/organisations.md).
        self.sweep(
            |s| &s.organisation_tokens,
            SWEEP_EVERY_US,
            "DELETE FROM organisation_tokens WHERE expires_at_us < $1",
            issued_at_us - 24 * 3_600_000_000,
        )
        .await?;
        query(
            "INSERT INTO organisation_tokens (hash, organisation_id, kid, issued_at_us, \
             expires_at_us) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash.to_owned())
        .bind(id.to_hex())
        .bind(kid.to_owned())
        .bind(issued_at_us)
        .bind(expires_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn insert_collection(&mut self, row: &CollectionRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO number_collections (id, organisation_id, person_id, purpose_code, \
             method, collected_at_us, ended_on, keep_until, deleted_at_us) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(row.id.clone())
        .bind(row.organisation.to_hex())
        .bind(row.person.to_hex())
        .bind(row.purpose.clone())
        .bind(row.method.code())
        .bind(row.collected_at_us)
        .bind(row.ended_on.map(|d| d.to_string()))
        .bind(row.keep_until.map(|d| d.to_string()))
        .bind(row.deleted_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn end_collection(
        &mut self,
        id: &str,
        ended_on: Date,
        keep_until: Date,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE number_collections SET ended_on = $1, keep_until = $2 \
             WHERE id = $3 AND ended_on IS NULL AND deleted_at_us IS NULL",
        )
        .bind(ended_on.to_string())
        .bind(keep_until.to_string())
        .bind(id.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn delete_collection(&mut self, id: &str, at_us: i64) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE number_collections SET deleted_at_us = $1 \
             WHERE id = $2 AND deleted_at_us IS NULL",
        )
        .bind(at_us)
        .bind(id.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn withdraw_purpose(
        &mut self,
        id: OrganisationId,
        code: &str,
        at_us: i64,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE organisation_purposes SET withdrawn_at_us = $1 \
             WHERE organisation_id = $2 AND code = $3 AND withdrawn_at_us IS NULL",
        )
        .bind(at_us)
        .bind(id.to_hex())
        .bind(code.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
