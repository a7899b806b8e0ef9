//! Kiosk terminals and their sessions in SQL (コンビニ交付, migration 36).

use async_trait::async_trait;
use mynumber_app::ports::{KiosksRead, KiosksWrite};
use mynumber_app::{KioskSessionRow, KioskSessionStatus, StoreError, TerminalRow};
use mynumber_core::terminal::{Shop, TerminalStatus};
use mynumber_core::{OrganisationId, TerminalId};

use super::SqlTx;
use crate::rows::{corrupt, int, opt_text, person_id, text, unhex};
use crate::sql::{Row, query};
use crate::{db, unique_conflict};
use sqlx::AssertSqlSafe;

const TERMINAL_COLUMNS: &str = "id, organisation_id, shop_code, shop_name, public_key, status, \
     registered_at_us, changed_at_us";

const SESSION_COLUMNS: &str = "id, terminal_id, shop_code, challenge, status, step, person_id, \
     certificate_serial, started_at_us, expires_at_us, changed_at_us";

fn terminal_id(s: &str) -> Result<TerminalId, StoreError> {
    TerminalId::parse(s).ok_or_else(|| corrupt("terminal id"))
}

fn decode_terminal(row: &Row) -> Result<TerminalRow, StoreError> {
    Ok(TerminalRow {
        id: terminal_id(&text(row, "id")?)?,
        organisation: OrganisationId::parse(&text(row, "organisation_id")?)
            .ok_or_else(|| corrupt("terminal organisation"))?,
        shop: Shop {
            code: text(row, "shop_code")?,
            name: text(row, "shop_name")?,
        },
        public_key: unhex(&text(row, "public_key")?)?,
        status: TerminalStatus::parse(&text(row, "status")?)
            .ok_or_else(|| corrupt("terminal status"))?,
        registered_at_us: int(row, "registered_at_us")?,
        changed_at_us: int(row, "changed_at_us")?,
    })
}

fn decode_session(row: &Row) -> Result<KioskSessionRow, StoreError> {
    Ok(KioskSessionRow {
        id: text(row, "id")?,
        terminal: terminal_id(&text(row, "terminal_id")?)?,
        shop_code: text(row, "shop_code")?,
        challenge: unhex(&text(row, "challenge")?)?,
        status: KioskSessionStatus::parse(&text(row, "status")?)
            .ok_or_else(|| corrupt("kiosk session status"))?,
        step: int(row, "step")?,
        person: opt_text(row, "person_id")?
            .map(|p| person_id(&p))
            .transpose()?,
        certificate_serial: opt_text(row, "certificate_serial")?,
        started_at_us: int(row, "started_at_us")?,
        expires_at_us: int(row, "expires_at_us")?,
        changed_at_us: int(row, "changed_at_us")?,
    })
}

#[async_trait]
impl KiosksRead for SqlTx {
    async fn terminal(&mut self, id: TerminalId) -> Result<Option<TerminalRow>, StoreError> {
        query(AssertSqlSafe(format!(
            "SELECT {TERMINAL_COLUMNS} FROM kiosk_terminals WHERE id = $1"
        )))
        .bind(id.to_hex())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .map(|r| decode_terminal(&r))
        .transpose()
    }

    async fn terminals_of(
        &mut self,
        organisation: OrganisationId,
    ) -> Result<Vec<TerminalRow>, StoreError> {
        query(AssertSqlSafe(format!(
            "SELECT {TERMINAL_COLUMNS} FROM kiosk_terminals WHERE organisation_id = $1 \
             ORDER BY registered_at_us, id"
        )))
        .bind(organisation.to_hex())
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?
        .iter()
        .map(decode_terminal)
        .collect()
    }

    async fn kiosk_session(&mut self, id: &str) -> Result<Option<KioskSessionRow>, StoreError> {
        query(AssertSqlSafe(format!(
            "SELECT {SESSION_COLUMNS} FROM kiosk_sessions WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .map(|r| decode_session(&r))
        .transpose()
    }
}

#[async_trait]
impl KiosksWrite for SqlTx {
    async fn insert_terminal(&mut self, row: &TerminalRow) -> Result<(), StoreError> {
        query(AssertSqlSafe(format!(
            "INSERT INTO kiosk_terminals ({TERMINAL_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )))
        .bind(row.id.to_hex())
        .bind(row.organisation.to_hex())
        .bind(row.shop.code.as_str())
        .bind(row.shop.name.as_str())
        .bind(hex::encode(&row.public_key))
        .bind(row.status.code())
        .bind(row.registered_at_us)
        .bind(row.changed_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("a terminal id"))?;
        Ok(())
    }

    async fn update_terminal_status(
        &mut self,
        id: TerminalId,
        from: TerminalStatus,
        to: TerminalStatus,
        at_us: i64,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE kiosk_terminals SET status = $1, changed_at_us = $2 \
             WHERE id = $3 AND status = $4",
        )
        .bind(to.code())
        .bind(at_us)
        .bind(id.to_hex())
        .bind(from.code())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_kiosk_session(&mut self, row: &KioskSessionRow) -> Result<(), StoreError> {
        query(AssertSqlSafe(format!(
            "INSERT INTO kiosk_sessions ({SESSION_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        )))
        .bind(row.id.as_str())
        .bind(row.terminal.to_hex())
        .bind(row.shop_code.as_str())
        .bind(hex::encode(&row.challenge))
        .bind(row.status.code())
        .bind(row.step)
        .bind(row.person.map(|p| p.to_hex()))
        .bind(row.certificate_serial.clone())
        .bind(row.started_at_us)
        .bind(row.expires_at_us)
        .bind(row.changed_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("a kiosk session id"))?;
        Ok(())
    }

    async fn update_kiosk_session(
        &mut self,
        row: &KioskSessionRow,
        from_step: i64,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE kiosk_sessions SET status = $1, step = $2, person_id = $3, \
             certificate_serial = $4, expires_at_us = $5, changed_at_us = $6 \
             WHERE id = $7 AND step = $8",
        )
        .bind(row.status.code())
        .bind(row.step)
        .bind(row.person.map(|p| p.to_hex()))
        .bind(row.certificate_serial.clone())
        .bind(row.expires_at_us)
        .bind(row.changed_at_us)
        .bind(row.id.as_str())
        .bind(from_step)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
