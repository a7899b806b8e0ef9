//! Kiosk terminals and their sessions in SQL (コンビニ交付, migration 36).

use async_trait::async_trait;
use jiff::civil::Date;
use mynumber_app::ports::{KiosksRead, KiosksWrite};
use mynumber_app::{
    KioskIssue, KioskSessionRow, KioskSessionStatus, SettlementRow, StoreError, TerminalRow,
};
use mynumber_core::kiosk::{KioskDocument, KioskOption, Order, Quote};
use mynumber_core::terminal::{Shop, TerminalStatus};
use mynumber_core::{HouseholdId, MunicipalityCode, OrganisationId, TerminalId};

use super::SqlTx;
use crate::rows::{corrupt, int, opt_int, opt_text, person_id, text, unhex};
use crate::sql::{Row, query};
use crate::{db, unique_conflict};
use sqlx::AssertSqlSafe;

const TERMINAL_COLUMNS: &str = "id, organisation_id, shop_code, shop_name, public_key, status, \
     registered_at_us, changed_at_us";

const SESSION_COLUMNS: &str = "id, terminal_id, shop_code, challenge, status, step, person_id, \
     certificate_serial, document, options, copies, fee_yen_each, total_yen, municipality_code, \
     document_code, pdf, paid_at_us, print_failures, printed_at_us, started_at_us, \
     expires_at_us, changed_at_us";

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

/// A session's order and quote from its columns: all set, or none.
fn decode_order(row: &Row) -> Result<Option<(Order, Quote)>, StoreError> {
    let Some(document) = opt_text(row, "document")? else {
        return Ok(None);
    };
    let bad = || corrupt("kiosk session order");
    let document = KioskDocument::parse(&document).ok_or_else(bad)?;
    let options = opt_text(row, "options")?
        .unwrap_or_default()
        .split(',')
        .filter(|o| !o.is_empty())
        .map(|o| KioskOption::parse(o).ok_or_else(bad))
        .collect::<Result<Vec<_>, _>>()?;
    let small = |col: &str| -> Result<i64, StoreError> { opt_int(row, col)?.ok_or_else(bad) };
    let copies = u8::try_from(small("copies")?).map_err(|_| bad())?;
    let each = u32::try_from(small("fee_yen_each")?).map_err(|_| bad())?;
    let total = u32::try_from(small("total_yen")?).map_err(|_| bad())?;
    Ok(Some((
        Order {
            document,
            options,
            copies,
        },
        Quote {
            fee_yen_each: each,
            copies,
            total_yen: total,
        },
    )))
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
        order: decode_order(row)?,
        issued: match opt_text(row, "document_code")? {
            None => None,
            Some(document_code) => Some(KioskIssue {
                municipality: MunicipalityCode::parse(
                    &opt_text(row, "municipality_code")?.unwrap_or_default(),
                )
                .map_err(|_| corrupt("kiosk session municipality"))?,
                document_code,
                pdf: row
                    .try_get::<Option<Vec<u8>>, _>("pdf")
                    .map_err(|e| corrupt(format!("kiosk session pdf: {e}")))?
                    .unwrap_or_default(),
                paid_at_us: opt_int(row, "paid_at_us")?
                    .ok_or_else(|| corrupt("kiosk session paid_at_us"))?,
            }),
        },
        print_failures: int(row, "print_failures")?,
        printed_at_us: opt_int(row, "printed_at_us")?,
        started_at_us: int(row, "started_at_us")?,
        expires_at_us: int(row, "expires_at_us")?,
        changed_at_us: int(row, "changed_at_us")?,
    })
}

fn order_document(row: &KioskSessionRow) -> Option<String> {
    row.order
        .as_ref()
        .map(|(o, _)| o.document.code().to_owned())
}

fn order_options(row: &KioskSessionRow) -> Option<String> {
    row.order.as_ref().map(|(o, _)| {
        o.options
            .iter()
            .map(|x| x.code())
            .collect::<Vec<_>>()
            .join(",")
    })
}

fn order_number(row: &KioskSessionRow, f: impl Fn(&Order, &Quote) -> i64) -> Option<i64> {
    row.order.as_ref().map(|(o, q)| f(o, q))
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

    async fn idle_kiosk_sessions(
        &mut self,
        now_us: i64,
        limit: i64,
    ) -> Result<Vec<KioskSessionRow>, StoreError> {
        query(AssertSqlSafe(format!(
            "SELECT {SESSION_COLUMNS} FROM kiosk_sessions \
             WHERE status NOT IN ('printed', 'ended') AND expires_at_us <= $1 \
             ORDER BY expires_at_us LIMIT $2"
        )))
        .bind(now_us)
        .bind(limit)
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?
        .iter()
        .map(decode_session)
        .collect()
    }

    async fn kiosk_settlement(
        &mut self,
        from_us: i64,
        to_us: i64,
    ) -> Result<Vec<SettlementRow>, StoreError> {
        let rows = query(
            "SELECT s.municipality_code, t.organisation_id, COUNT(*) AS sessions, \
             CAST(SUM(s.copies) AS BIGINT) AS copies, CAST(SUM(s.total_yen) AS BIGINT) AS yen \
             FROM kiosk_sessions s JOIN kiosk_terminals t ON t.id = s.terminal_id \
             WHERE s.printed_at_us >= $1 AND s.printed_at_us < $2 \
             GROUP BY s.municipality_code, t.organisation_id \
             ORDER BY s.municipality_code, t.organisation_id",
        )
        .bind(from_us)
        .bind(to_us)
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok(SettlementRow {
                    municipality: MunicipalityCode::parse(&text(r, "municipality_code")?)
                        .map_err(|_| corrupt("settlement municipality"))?,
                    organisation: OrganisationId::parse(&text(r, "organisation_id")?)
                        .ok_or_else(|| corrupt("settlement organisation"))?,
                    sessions: int(r, "sessions")?,
                    copies: int(r, "copies")?,
                    yen: int(r, "yen")?,
                })
            })
            .collect()
    }

    async fn household_moving_out(
        &mut self,
        household: HouseholdId,
        today: Date,
    ) -> Result<bool, StoreError> {
        // Dates are stored as ISO text, which orders as the dates do.
        let found = query(
            "SELECT 1 AS one FROM persons p JOIN resident_versions v \
             ON v.person_id = p.id AND v.version = p.current_version \
             WHERE v.household_id = $1 AND v.status = 'removed' \
             AND v.removal_reason = 'moved-out' AND v.removed_on > $2 LIMIT 1",
        )
        .bind(household.to_hex())
        .bind(today.to_string())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(found.is_some())
    }

    async fn kiosk_rules(
        &mut self,
        municipality: MunicipalityCode,
    ) -> Result<Option<String>, StoreError> {
        query("SELECT rules FROM kiosk_rule_tables WHERE municipality_code = $1")
            .bind(municipality.as_str().to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .map(|r| r.try_get::<String, _>("rules").map_err(db))
            .transpose()
    }
}

#[async_trait]
impl KiosksWrite for SqlTx {
    async fn set_kiosk_rules(
        &mut self,
        municipality: MunicipalityCode,
        rules: &str,
        at_us: i64,
        by: &str,
    ) -> Result<(), StoreError> {
        query(
            "INSERT INTO kiosk_rule_tables (municipality_code, rules, changed_at_us, changed_by) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (municipality_code) DO UPDATE SET \
             rules = excluded.rules, changed_at_us = excluded.changed_at_us, \
             changed_by = excluded.changed_by",
        )
        .bind(municipality.as_str().to_owned())
        .bind(rules.to_owned())
        .bind(at_us)
        .bind(by.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

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
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
             $17, $18, $19, $20, $21, $22)"
        )))
        .bind(row.id.as_str())
        .bind(row.terminal.to_hex())
        .bind(row.shop_code.as_str())
        .bind(hex::encode(&row.challenge))
        .bind(row.status.code())
        .bind(row.step)
        .bind(row.person.map(|p| p.to_hex()))
        .bind(row.certificate_serial.clone())
        .bind(order_document(row))
        .bind(order_options(row))
        .bind(order_number(row, |_, q| q.copies.into()))
        .bind(order_number(row, |_, q| q.fee_yen_each.into()))
        .bind(order_number(row, |_, q| q.total_yen.into()))
        .bind(
            row.issued
                .as_ref()
                .map(|i| i.municipality.as_str().to_owned()),
        )
        .bind(row.issued.as_ref().map(|i| i.document_code.clone()))
        .bind(row.issued.as_ref().map(|i| i.pdf.clone()))
        .bind(row.issued.as_ref().map(|i| i.paid_at_us))
        .bind(row.print_failures)
        .bind(row.printed_at_us)
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
             certificate_serial = $4, document = $9, options = $10, copies = $11, \
             fee_yen_each = $12, total_yen = $13, municipality_code = $14, document_code = $15, \
             pdf = $16, paid_at_us = $17, print_failures = $18, printed_at_us = $19, \
             expires_at_us = $5, changed_at_us = $6 \
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
        .bind(order_document(row))
        .bind(order_options(row))
        .bind(order_number(row, |_, q| q.copies.into()))
        .bind(order_number(row, |_, q| q.fee_yen_each.into()))
        .bind(order_number(row, |_, q| q.total_yen.into()))
        .bind(
            row.issued
                .as_ref()
                .map(|i| i.municipality.as_str().to_owned()),
        )
        .bind(row.issued.as_ref().map(|i| i.document_code.clone()))
        .bind(row.issued.as_ref().map(|i| i.pdf.clone()))
        .bind(row.issued.as_ref().map(|i| i.paid_at_us))
        .bind(row.print_failures)
        .bind(row.printed_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
