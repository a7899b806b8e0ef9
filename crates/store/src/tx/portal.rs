//! The resident's portal in SQL (migrations 39–41): log-ins with the card and browser
//! sessions, each forgotten by the writes that add more once past its time; notices; apps'
//! grants to the 自己情報取得API and their refresh tokens.

use async_trait::async_trait;
use mynumber_app::StoreError;
use mynumber_app::ports::{
    AppGrantRow, PortalLoginRow, PortalNoticeRow, PortalRead, PortalSessionRow, PortalWrite,
    RefreshTokenRow,
};
use mynumber_core::{OrganisationId, PersonId};

use super::SqlTx;
use crate::db;
use crate::rows::{corrupt, int, opt_int, opt_text, person_id, text};
use crate::sql::{Row, query};

fn decode_login(row: &Row) -> Result<PortalLoginRow, StoreError> {
    Ok(PortalLoginRow {
        id: text(row, "id")?,
        challenge: text(row, "challenge")?,
        browser_hash: text(row, "browser_hash")?,
        status: text(row, "status")?,
        person: opt_text(row, "person_id")?
            .map(|p| person_id(&p))
            .transpose()?,
        created_at_us: int(row, "created_at_us")?,
        expires_at_us: int(row, "expires_at_us")?,
    })
}

const GRANT_COLUMNS: &str = "id, organisation_id, person_id, items, login_id, granted_at_us, \
     expires_at_us, withdrawn_at_us";

fn decode_grant(row: &Row) -> Result<AppGrantRow, StoreError> {
    Ok(AppGrantRow {
        id: text(row, "id")?,
        organisation: OrganisationId::parse(&text(row, "organisation_id")?)
            .ok_or_else(|| corrupt("an app grant's organisation id"))?,
        person: person_id(&text(row, "person_id")?)?,
        items: text(row, "items")?,
        login: text(row, "login_id")?,
        granted_at_us: int(row, "granted_at_us")?,
        expires_at_us: int(row, "expires_at_us")?,
        withdrawn_at_us: opt_int(row, "withdrawn_at_us")?,
    })
}

#[async_trait]
impl PortalRead for SqlTx {
    async fn app_grant(
        &mut self,
        organisation: OrganisationId,
        person: PersonId,
    ) -> Result<Option<AppGrantRow>, StoreError> {
        query(sqlx::AssertSqlSafe(format!(
            "SELECT {GRANT_COLUMNS} FROM app_grants WHERE organisation_id = $1 AND person_id = $2"
        )))
        .bind(organisation.to_hex())
        .bind(person.to_hex())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .map(|r| decode_grant(&r))
        .transpose()
    }

    async fn app_grant_by_id(&mut self, id: &str) -> Result<Option<AppGrantRow>, StoreError> {
        query(sqlx::AssertSqlSafe(format!(
            "SELECT {GRANT_COLUMNS} FROM app_grants WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .map(|r| decode_grant(&r))
        .transpose()
    }

    async fn app_grants_of(&mut self, person: PersonId) -> Result<Vec<AppGrantRow>, StoreError> {
        let rows = query(sqlx::AssertSqlSafe(format!(
            "SELECT {GRANT_COLUMNS} FROM app_grants WHERE person_id = $1 \
             ORDER BY granted_at_us DESC, id"
        )))
        .bind(person.to_hex())
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter().map(decode_grant).collect()
    }

    async fn refresh_token(&mut self, hash: &str) -> Result<Option<RefreshTokenRow>, StoreError> {
        query(
            "SELECT hash, grant_id, expires_at_us, used_at_us FROM app_refresh_tokens \
             WHERE hash = $1",
        )
        .bind(hash)
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .map(|r| {
            Ok(RefreshTokenRow {
                hash: text(&r, "hash")?,
                grant: text(&r, "grant_id")?,
                expires_at_us: int(&r, "expires_at_us")?,
                used_at_us: opt_int(&r, "used_at_us")?,
            })
        })
        .transpose()
    }

    async fn portal_notices(
        &mut self,
        person: PersonId,
        limit: i64,
    ) -> Result<Vec<PortalNoticeRow>, StoreError> {
        let rows = query(sqlx::AssertSqlSafe(format!(
            "SELECT {NOTICE_COLUMNS} FROM portal_notices WHERE person_id = $1 \
             ORDER BY created_at_us DESC, id LIMIT $2"
        )))
        .bind(person.to_hex())
        .bind(limit)
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok(PortalNoticeRow {
                    id: text(r, "id")?,
                    person: person_id(&text(r, "person_id")?)?,
                    kind: text(r, "kind")?,
                    reference: text(r, "reference")?,
                    sender: text(r, "sender")?,
                    title: text(r, "title")?,
                    body: text(r, "body")?,
                    detail: text(r, "detail")?,
                    created_at_us: int(r, "created_at_us")?,
                    read_at_us: opt_int(r, "read_at_us")?,
                })
            })
            .collect()
    }

    async fn portal_login(&mut self, id: &str) -> Result<Option<PortalLoginRow>, StoreError> {
        query(
            "SELECT id, challenge, browser_hash, status, person_id, created_at_us, expires_at_us \
             FROM portal_logins WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .map(|r| decode_login(&r))
        .transpose()
    }

    async fn portal_session(&mut self, hash: &str) -> Result<Option<PortalSessionRow>, StoreError> {
        let Some(row) = query(
            "SELECT hash, person_id, created_at_us, seen_at_us, expires_at_us \
             FROM portal_sessions WHERE hash = $1",
        )
        .bind(hash)
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        else {
            return Ok(None);
        };
        Ok(Some(PortalSessionRow {
            hash: text(&row, "hash")?,
            person: person_id(&text(&row, "person_id")?)?,
            created_at_us: int(&row, "created_at_us")?,
            seen_at_us: int(&row, "seen_at_us")?,
            expires_at_us: int(&row, "expires_at_us")?,
        }))
    }
}

const NOTICE_COLUMNS: &str = "id, person_id, kind, reference, sender, title, body, detail, \
     created_at_us, read_at_us";

#[async_trait]
impl PortalWrite for SqlTx {
    async fn put_app_grant(&mut self, row: &AppGrantRow) -> Result<(), StoreError> {
        // The grant it replaces takes its refresh tokens with it.
        query(
            "DELETE FROM app_refresh_tokens WHERE grant_id IN \
             (SELECT id FROM app_grants WHERE organisation_id = $1 AND person_id = $2)",
        )
        .bind(row.organisation.to_hex())
        .bind(row.person.to_hex())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        query("DELETE FROM app_grants WHERE organisation_id = $1 AND person_id = $2")
            .bind(row.organisation.to_hex())
            .bind(row.person.to_hex())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO app_grants ({GRANT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )))
        .bind(row.id.as_str())
        .bind(row.organisation.to_hex())
        .bind(row.person.to_hex())
        .bind(row.items.as_str())
        .bind(row.login.as_str())
        .bind(row.granted_at_us)
        .bind(row.expires_at_us)
        .bind(row.withdrawn_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn withdraw_app_grant(
        &mut self,
        person: PersonId,
        id: &str,
        at_us: i64,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE app_grants SET withdrawn_at_us = $1 \
             WHERE id = $2 AND person_id = $3 AND withdrawn_at_us IS NULL AND expires_at_us > $1",
        )
        .bind(at_us)
        .bind(id)
        .bind(person.to_hex())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        self.end_refresh_tokens(id).await?;
        Ok(true)
    }

    async fn withdraw_app_grants_of(
        &mut self,
        person: PersonId,
        at_us: i64,
    ) -> Result<u64, StoreError> {
        query(
            "DELETE FROM app_refresh_tokens WHERE grant_id IN \
             (SELECT id FROM app_grants WHERE person_id = $1)",
        )
        .bind(person.to_hex())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        let done = query(
            "UPDATE app_grants SET withdrawn_at_us = $1 \
             WHERE person_id = $2 AND withdrawn_at_us IS NULL AND expires_at_us > $1",
        )
        .bind(at_us)
        .bind(person.to_hex())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected())
    }

    async fn insert_refresh_token(
        &mut self,
        row: &RefreshTokenRow,
        forget_before_us: i64,
    ) -> Result<(), StoreError> {
        query("DELETE FROM app_refresh_tokens WHERE expires_at_us < $1")
            .bind(forget_before_us)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        query(
            "INSERT INTO app_refresh_tokens (hash, grant_id, expires_at_us, used_at_us) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(row.hash.as_str())
        .bind(row.grant.as_str())
        .bind(row.expires_at_us)
        .bind(row.used_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn end_refresh_tokens(&mut self, grant: &str) -> Result<u64, StoreError> {
        let done = query("DELETE FROM app_refresh_tokens WHERE grant_id = $1")
            .bind(grant)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(done.rows_affected())
    }

    async fn use_refresh_token(&mut self, hash: &str, at_us: i64) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE app_refresh_tokens SET used_at_us = $1 WHERE hash = $2 AND used_at_us IS NULL",
        )
        .bind(at_us)
        .bind(hash)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_portal_notice(&mut self, row: &PortalNoticeRow) -> Result<bool, StoreError> {
        let done = query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO portal_notices ({NOTICE_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING"
        )))
        .bind(row.id.as_str())
        .bind(row.person.to_hex())
        .bind(row.kind.as_str())
        .bind(row.reference.as_str())
        .bind(row.sender.as_str())
        .bind(row.title.as_str())
        .bind(row.body.as_str())
        .bind(row.detail.as_str())
        .bind(row.created_at_us)
        .bind(row.read_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn read_portal_notice(
        &mut self,
        person: PersonId,
        id: &str,
        at_us: i64,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE portal_notices SET read_at_us = COALESCE(read_at_us, $1) \
             WHERE id = $2 AND person_id = $3",
        )
        .bind(at_us)
        .bind(id)
        .bind(person.to_hex())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_portal_login(
        &mut self,
        row: &PortalLoginRow,
        forget_before_us: i64,
    ) -> Result<(), StoreError> {
        query("DELETE FROM portal_logins WHERE expires_at_us < $1")
            .bind(forget_before_us)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        query(
            "INSERT INTO portal_logins (id, challenge, browser_hash, status, person_id, \
             created_at_us, expires_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(row.id.as_str())
        .bind(row.challenge.as_str())
        .bind(row.browser_hash.as_str())
        .bind(row.status.as_str())
        .bind(row.person.map(|p| p.to_hex()))
        .bind(row.created_at_us)
        .bind(row.expires_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn move_portal_login(
        &mut self,
        id: &str,
        from: &str,
        to: &str,
        person: Option<PersonId>,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE portal_logins SET status = $1, person_id = COALESCE($2, person_id) \
             WHERE id = $3 AND status = $4",
        )
        .bind(to)
        .bind(person.map(|p| p.to_hex()))
        .bind(id)
        .bind(from)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_portal_session(
        &mut self,
        row: &PortalSessionRow,
        forget_before_us: i64,
    ) -> Result<(), StoreError> {
        query("DELETE FROM portal_sessions WHERE expires_at_us < $1")
            .bind(forget_before_us)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        query(
            "INSERT INTO portal_sessions (hash, person_id, created_at_us, seen_at_us, \
             expires_at_us) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(row.hash.as_str())
        .bind(row.person.to_hex())
        .bind(row.created_at_us)
        .bind(row.seen_at_us)
        .bind(row.expires_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn touch_portal_session(&mut self, hash: &str, at_us: i64) -> Result<(), StoreError> {
        query("UPDATE portal_sessions SET seen_at_us = $1 WHERE hash = $2")
            .bind(at_us)
            .bind(hash)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn end_portal_sessions_of(&mut self, person: PersonId) -> Result<u64, StoreError> {
        let done = query("DELETE FROM portal_sessions WHERE person_id = $1")
            .bind(person.to_hex())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(done.rows_affected())
    }

    async fn end_portal_session(&mut self, hash: &str) -> Result<bool, StoreError> {
        let done = query("DELETE FROM portal_sessions WHERE hash = $1")
            .bind(hash)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
