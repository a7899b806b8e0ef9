//! Card applications and cards in SQL.

use async_trait::async_trait;
use jiff::civil::Date;
use mynumber_app::ports::{CardsRead, CardsWrite};
use mynumber_app::{CallRow, CardApplicationRow, CardRow, DueCertificate, StoreError};
use mynumber_core::card::CardStatus;
use mynumber_core::{MunicipalityCode, PersonId, StaffId};
use sqlx::AssertSqlSafe;

use crate::db;
use crate::rows::{
    CALL_COLUMNS, CARD_APPLICATION_COLUMNS, CARD_COLUMNS, decode_call, decode_card,
    decode_card_application,
};
use crate::sql::query;

use super::SqlTx;

#[async_trait]
impl CardsRead for SqlTx {
    async fn card_application(
        &mut self,
        id: &str,
    ) -> Result<Option<CardApplicationRow>, StoreError> {
        let sql = format!(
            "SELECT {CARD_APPLICATION_COLUMNS}, photo FROM card_applications WHERE id = $1"
        );
        query(AssertSqlSafe(sql))
            .bind(id.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .as_ref()
            .map(|r| decode_card_application(r, true))
            .transpose()
    }

    async fn card_applications_of(
        &mut self,
        person: PersonId,
    ) -> Result<Vec<CardApplicationRow>, StoreError> {
        let sql = format!(
            "SELECT {CARD_APPLICATION_COLUMNS} FROM card_applications WHERE person_id = $1 \
             ORDER BY received_at_us DESC, id DESC"
        );
        query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(|r| decode_card_application(r, false))
            .collect()
    }

    async fn card(&mut self, serial: &str) -> Result<Option<CardRow>, StoreError> {
        let sql = format!("SELECT {CARD_COLUMNS} FROM cards WHERE serial = $1");
        query(AssertSqlSafe(sql))
            .bind(serial.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .as_ref()
            .map(decode_card)
            .transpose()
    }

    async fn cards_of(&mut self, person: PersonId) -> Result<Vec<CardRow>, StoreError> {
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM cards WHERE person_id = $1 \
             ORDER BY produced_at_us DESC, serial DESC"
        );
        query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_card)
            .collect()
    }

    async fn cards_expiring_before(
        &mut self,
        day: Date,
        limit: i64,
    ) -> Result<Vec<CardRow>, StoreError> {
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM cards WHERE status IN ('produced', 'active', 'suspended') \
             AND expiry < $1 ORDER BY expiry, serial LIMIT $2"
        );
        query(AssertSqlSafe(sql))
            .bind(day.to_string())
            .bind(limit)
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_card)
            .collect()
    }

    async fn cards_not_continued_by(
        &mut self,
        day: Date,
        limit: i64,
    ) -> Result<Vec<CardRow>, StoreError> {
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM cards WHERE status IN ('active', 'suspended') \
             AND continue_by < $1 ORDER BY continue_by, serial LIMIT $2"
        );
        query(AssertSqlSafe(sql))
            .bind(day.to_string())
            .bind(limit)
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_card)
            .collect()
    }

    async fn certificates_due_for_renewal_notice(
        &mut self,
        municipality: MunicipalityCode,
        after: (i64, &str),
        before_us: i64,
        limit: i64,
    ) -> Result<Vec<DueCertificate>, StoreError> {
        let rows = query(
            "SELECT c.serial AS certificate, c.hierarchy, c.not_after_us, k.serial AS card \
             FROM certificates c JOIN cards k \
             ON k.signature_certificate = c.serial OR k.authentication_certificate = c.serial \
             WHERE c.status = 'good' AND k.status = 'active' AND k.municipality_code = $1 \
             AND c.not_after_us < $2 \
             AND (c.not_after_us > $3 OR (c.not_after_us = $3 AND c.serial > $4)) \
             AND NOT EXISTS (SELECT 1 FROM certificate_notices n \
             WHERE n.certificate_serial = c.serial) \
             ORDER BY c.not_after_us, c.serial LIMIT $5",
        )
        .bind(municipality.as_str().to_owned())
        .bind(before_us)
        .bind(after.0)
        .bind(after.1.to_owned())
        .bind(limit)
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok(DueCertificate {
                    serial: r.try_get("certificate").map_err(db)?,
                    hierarchy: r.try_get("hierarchy").map_err(db)?,
                    not_after_us: r.try_get("not_after_us").map_err(db)?,
                    card_serial: r.try_get("card").map_err(db)?,
                })
            })
            .collect()
    }

    async fn cards_due_for_renewal_notice(
        &mut self,
        municipality: MunicipalityCode,
        after: (Date, &str),
        before: Date,
        limit: i64,
    ) -> Result<Vec<CardRow>, StoreError> {
        // Dates are ISO text, so text order is date order.
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM cards c WHERE c.status = 'active' AND c.expiry < $1 \
             AND (c.expiry > $2 OR (c.expiry = $2 AND c.serial > $3)) \
             AND c.municipality_code = $4 AND NOT EXISTS (SELECT 1 FROM card_notices n \
             WHERE n.card_serial = c.serial AND n.kind = 'renewal') \
             ORDER BY c.expiry, c.serial LIMIT $5"
        );
        query(AssertSqlSafe(sql))
            .bind(before.to_string())
            .bind(after.0.to_string())
            .bind(after.1.to_owned())
            .bind(municipality.as_str().to_owned())
            .bind(limit)
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_card)
            .collect()
    }

    async fn unmatched_calls_since(
        &mut self,
        operator: StaffId,
        since_us: i64,
    ) -> Result<i64, StoreError> {
        query(
            "SELECT COUNT(*) FROM call_records WHERE operator_id = $1 AND opened_at_us >= $2 \
             AND outcome IN ('not-found', 'ambiguous')",
        )
        .bind(operator.to_hex())
        .bind(since_us)
        .fetch_one(&mut self.tx)
        .await
        .map_err(db)?
        .try_get::<i64, _>(0)
        .map_err(db)
    }

    async fn call(&mut self, id: &str) -> Result<Option<CallRow>, StoreError> {
        let sql = format!("SELECT {CALL_COLUMNS} FROM call_records WHERE id = $1");
        query(AssertSqlSafe(sql))
            .bind(id.to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .as_ref()
            .map(decode_call)
            .transpose()
    }
}

#[async_trait]
impl CardsWrite for SqlTx {
    async fn insert_card_application(
        &mut self,
        row: &CardApplicationRow,
    ) -> Result<(), StoreError> {
        query(
            "INSERT INTO card_applications (id, person_id, municipality_code, channel, reason, \
             application_id, kind, with_certificates, express, fee_yen, photo, applied_on, \
             received_at_us, card_serial, cause) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )
        .bind(row.id.clone())
        .bind(row.person.to_hex())
        .bind(row.municipality.as_str().to_owned())
        .bind(row.channel.code())
        .bind(crate::rows::reason_class(row.reason))
        .bind(row.application_id.map(|a| a.as_str().to_owned()))
        .bind(row.kind.code())
        .bind(i64::from(row.with_certificates))
        .bind(i64::from(row.express))
        .bind(row.fee_yen)
        .bind(row.photo.clone())
        .bind(row.applied_on.to_string())
        .bind(row.received_at_us)
        .bind(row.card_serial.clone())
        .bind(row.reason.is_reissue().then(|| row.reason.code()))
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn set_application_card(&mut self, id: &str, serial: &str) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE card_applications SET card_serial = $1 WHERE id = $2 AND card_serial IS NULL",
        )
        .bind(serial.to_owned())
        .bind(id.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_card(&mut self, row: &CardRow) -> Result<bool, StoreError> {
        let done = query(
            "INSERT INTO cards (serial, person_id, application, municipality_code, kind, status, \
             end_reason, expiry, birthday_limit, produced_at_us, changed_at_us, \
             signature_certificate, authentication_certificate, continue_by, additions) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             ON CONFLICT (serial) DO NOTHING",
        )
        .bind(row.serial.clone())
        .bind(row.person.to_hex())
        .bind(row.application.clone())
        .bind(row.municipality.as_str().to_owned())
        .bind(row.kind.code())
        .bind(row.status.code())
        .bind(row.status.end_reason().map(|r| r.code()))
        .bind(row.expiry.to_string())
        .bind(row.birthday_limit.to_string())
        .bind(row.produced_at_us)
        .bind(row.changed_at_us)
        .bind(row.signature_certificate.clone())
        .bind(row.authentication_certificate.clone())
        .bind(row.continue_by.map(|d| d.to_string()))
        .bind(i64::from(row.additions))
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_certificate_notices(
        &mut self,
        rows: &[(String, String, PersonId, MunicipalityCode, i64)],
    ) -> Result<bool, StoreError> {
        for (certificate, card, person, municipality, at) in rows {
            let done = query(
                "INSERT INTO certificate_notices (certificate_serial, card_serial, person_id, \
                 municipality_code, printed_at_us) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(certificate.clone())
            .bind(card.clone())
            .bind(person.to_hex())
            .bind(municipality.as_str().to_owned())
            .bind(*at)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
            if done.rows_affected() != 1 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    async fn update_card(&mut self, row: &CardRow, from: CardStatus) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE cards SET status = $1, end_reason = $2, expiry = $3, changed_at_us = $4, \
             signature_certificate = $5, authentication_certificate = $6, \
             municipality_code = $7, continue_by = $8, additions = $9 \
             WHERE serial = $10 AND status = $11",
        )
        .bind(row.status.code())
        .bind(row.status.end_reason().map(|r| r.code()))
        .bind(row.expiry.to_string())
        .bind(row.changed_at_us)
        .bind(row.signature_certificate.clone())
        .bind(row.authentication_certificate.clone())
        .bind(row.municipality.as_str().to_owned())
        .bind(row.continue_by.map(|d| d.to_string()))
        .bind(i64::from(row.additions))
        .bind(row.serial.clone())
        .bind(from.code())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_call(&mut self, row: &CallRow) -> Result<(), StoreError> {
        let sql = format!(
            "INSERT INTO call_records ({CALL_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        );
        query(AssertSqlSafe(sql))
            .bind(row.id.clone())
            .bind(row.operator.to_hex())
            .bind(row.language.clone())
            .bind(row.caller.code())
            .bind(row.person.map(|p| p.to_hex()))
            .bind(row.outcome.code())
            .bind(row.police_report.clone())
            .bind(row.card_serial.clone())
            .bind(row.opened_at_us)
            .bind(row.closed_at_us)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn close_call(&mut self, row: &CallRow) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE call_records SET outcome = $1, police_report = $2, card_serial = $3, \
             closed_at_us = $4 WHERE id = $5 AND closed_at_us IS NULL",
        )
        .bind(row.outcome.code())
        .bind(row.police_report.clone())
        .bind(row.card_serial.clone())
        .bind(row.closed_at_us)
        .bind(row.id.clone())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
