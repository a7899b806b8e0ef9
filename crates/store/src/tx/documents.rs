//! Letters, issued documents and card notices in SQL.

use async_trait::async_trait;
use mynumber_app::ports::{BatchLetter, NoticeBatchRow};
use mynumber_app::ports::{DocumentsRead, DocumentsWrite};
use mynumber_app::{CardNoticeRow, DocumentRow, NoticeRow, StoreError};
use mynumber_core::document::VerificationCode;
use mynumber_core::notice::NoticeStatus;
use mynumber_core::{ApplicationId, IndividualNumber, MunicipalityCode, NoticeId, PersonId};
use sqlx::AssertSqlSafe;

use crate::db;
use crate::rows::{NOTICE_COLUMNS, Val, decode_document, decode_notice, person_id};
use crate::sql::query;

use super::{MAX_ROWS, SqlTx, opt};

#[async_trait]
impl DocumentsRead for SqlTx {
    async fn document(
        &mut self,
        code: &VerificationCode,
    ) -> Result<Option<DocumentRow>, StoreError> {
        query(
            "SELECT code, kind, person_id, municipality_code, issued_at_us, issued_by, digest, \
             summary FROM documents WHERE code = $1",
        )
        .bind(code.as_str().to_owned())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?
        .as_ref()
        .map(decode_document)
        .transpose()
    }

    async fn notice_by_application_id(
        &mut self,
        id: &ApplicationId,
    ) -> Result<Option<NoticeRow>, StoreError> {
        let sql = format!("SELECT {NOTICE_COLUMNS} FROM notices WHERE application_id = $1");
        query(AssertSqlSafe(sql))
            .bind(id.as_str().to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .as_ref()
            .map(decode_notice)
            .transpose()
    }

    async fn notices_in(
        &mut self,
        status: NoticeStatus,
        municipality: Option<MunicipalityCode>,
        limit: i64,
    ) -> Result<Vec<NoticeRow>, StoreError> {
        let sql = format!(
            "SELECT {NOTICE_COLUMNS} FROM notices WHERE status = $1 \
             AND ($2 = '' OR municipality_code = $2) ORDER BY id LIMIT $3"
        );
        query(AssertSqlSafe(sql))
            .bind(status.code())
            .bind(opt(municipality.map(|m| m.as_str().to_owned())))
            .bind(limit)
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_notice)
            .collect()
    }

    async fn count_notices(
        &mut self,
        status: NoticeStatus,
        municipality: Option<MunicipalityCode>,
    ) -> Result<i64, StoreError> {
        let row = query(
            "SELECT COUNT(*) FROM notices WHERE status = $1 AND ($2 = '' OR municipality_code = $2)",
        )
        .bind(status.code())
        .bind(opt(municipality.map(|m| m.as_str().to_owned())))
        .fetch_one(&mut self.tx)
        .await
        .map_err(db)?;
        row.try_get::<i64, _>(0).map_err(db)
    }

    async fn queued_notices(
        &mut self,
        municipality: MunicipalityCode,
        limit: i64,
    ) -> Result<Vec<NoticeRow>, StoreError> {
        self.notices_in(NoticeStatus::Queued, Some(municipality), limit)
            .await
    }

    async fn notice_batches(
        &mut self,
        municipality: MunicipalityCode,
        limit: i64,
    ) -> Result<Vec<NoticeBatchRow>, StoreError> {
        // On the partial index (municipality_code, batch): only printed letters are read.
        query(
            "SELECT t.batch AS batch, MIN(t.sent_at_us) AS sent_at_us, COUNT(*) AS letters, \
             SUM(CASE WHEN t.status = 'sent' THEN 1 ELSE 0 END) AS still_out, \
             SUM(CASE WHEN t.status = 'sent' AND t.reprinted_at_us IS NULL \
             AND n.number IS NOT NULL THEN 1 ELSE 0 END) AS reprintable \
             FROM notices t LEFT JOIN individual_numbers n ON n.person_id = t.person_id \
             AND n.generation = t.generation AND n.status = 'current' \
             WHERE t.municipality_code = $1 AND t.batch IS NOT NULL \
             GROUP BY t.batch ORDER BY MIN(t.sent_at_us) DESC, t.batch DESC LIMIT $2",
        )
        .bind(municipality.as_str().to_owned())
        .bind(limit.clamp(0, 1000))
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?
        .iter()
        .map(|r| {
            Ok(NoticeBatchRow {
                batch: r.try_get("batch").map_err(db)?,
                sent_at_us: r
                    .try_get::<Option<i64>, _>("sent_at_us")
                    .map_err(db)?
                    .unwrap_or(0),
                letters: r.try_get("letters").map_err(db)?,
                out: r
                    .try_get::<Option<i64>, _>("still_out")
                    .map_err(db)?
                    .unwrap_or(0),
                reprintable: r
                    .try_get::<Option<i64>, _>("reprintable")
                    .map_err(db)?
                    .unwrap_or(0),
            })
        })
        .collect()
    }

    async fn batch_letters(
        &mut self,
        municipality: MunicipalityCode,
        batch: &str,
    ) -> Result<Vec<BatchLetter>, StoreError> {
        // Each column named as itself: SQLite promises no name for `t.id` otherwise.
        let columns: Vec<String> = NOTICE_COLUMNS
            .split(',')
            .map(|c| format!("t.{0} AS {0}", c.trim()))
            .collect();
        let sql = format!(
            "SELECT {}, n.number AS notified_number, \
             CASE WHEN t.reprinted_at_us IS NULL THEN 0 ELSE 1 END AS reprinted FROM notices t \
             LEFT JOIN individual_numbers n ON n.person_id = t.person_id \
             AND n.generation = t.generation AND n.status = 'current' \
             WHERE t.municipality_code = $1 AND t.batch = $2 ORDER BY t.id",
            columns.join(", ")
        );
        query(AssertSqlSafe(sql))
            .bind(municipality.as_str().to_owned())
            .bind(batch.to_owned())
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(|r| {
                let number = r
                    .try_get::<Option<String>, _>("notified_number")
                    .map_err(db)?
                    .map(|n| {
                        IndividualNumber::parse(&n).map_err(|e| {
                            StoreError::Corrupt(format!("stored Individual Number: {e}"))
                        })
                    })
                    .transpose()?;
                Ok(BatchLetter {
                    notice: decode_notice(r)?,
                    number,
                    reprinted: r.try_get::<i64, _>("reprinted").map_err(db)? != 0,
                })
            })
            .collect()
    }

    async fn queued_notices_of(&mut self, person: PersonId) -> Result<Vec<NoticeRow>, StoreError> {
        let sql = format!(
            "SELECT {NOTICE_COLUMNS} FROM notices WHERE person_id = $1 AND status = 'queued' \
             ORDER BY id"
        );
        query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_all(&mut self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_notice)
            .collect()
    }

    async fn form_by_application_id(
        &mut self,
        id: &ApplicationId,
    ) -> Result<Option<(PersonId, i64)>, StoreError> {
        let row = query(
            "SELECT person_id, sent_at_us AS printed FROM notices \
             WHERE application_id = $1 AND sent_at_us IS NOT NULL \
             UNION ALL SELECT person_id, printed_at_us AS printed FROM card_notices \
             WHERE application_id = $1",
        )
        .bind(id.as_str().to_owned())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?;
        row.map(|r| {
            let person: String = r.try_get(0).map_err(db)?;
            let printed: i64 = r.try_get(1).map_err(db)?;
            Ok((person_id(&person)?, printed))
        })
        .transpose()
    }
}

#[async_trait]
impl DocumentsWrite for SqlTx {
    async fn insert_document(&mut self, row: &DocumentRow) -> Result<(), StoreError> {
        query(
            "INSERT INTO documents (code, kind, person_id, municipality_code, issued_at_us, \
             issued_by, digest, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(row.code.as_str().to_owned())
        .bind(row.kind.clone())
        .bind(row.person.to_hex())
        .bind(row.municipality.as_str().to_owned())
        .bind(row.issued_at_us)
        .bind(row.issued_by.clone())
        .bind(hex::encode(row.digest))
        .bind(row.summary.clone())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn insert_notices(&mut self, rows: &[NoticeRow]) -> Result<(), StoreError> {
        let values = rows
            .iter()
            .map(|r| {
                vec![
                    Val::Text(r.id.to_hex()),
                    Val::Text(r.person.to_hex()),
                    Val::Text(r.municipality.as_str().to_owned()),
                    Val::Int(i64::from(r.generation)),
                    Val::Text(r.status.code().to_owned()),
                    Val::Int(r.queued_at_us),
                ]
            })
            .collect();
        self.insert_many(
            "notices (id, person_id, municipality_code, generation, status, queued_at_us)",
            6,
            values,
            "",
        )
        .await?;
        Ok(())
    }

    async fn mark_notices_sent(
        &mut self,
        letters: &[(NoticeId, ApplicationId)],
        batch: &str,
        at_us: i64,
    ) -> Result<u64, StoreError> {
        let mut moved = 0;
        for (id, application_id) in letters {
            let done = query(
                // An application ID is unique across both kinds of form: one drawn again
                // leaves the letter queued, and the batch is a conflict.
                "UPDATE notices SET status = 'sent', application_id = $1, batch = $2, \
                 sent_at_us = $3 WHERE id = $4 AND status = 'queued' \
                 AND NOT EXISTS (SELECT 1 FROM card_notices WHERE application_id = $1)",
            )
            .bind(application_id.as_str().to_owned())
            .bind(batch.to_owned())
            .bind(at_us)
            .bind(id.to_hex())
            .execute(&mut self.tx)
            .await
            .map_err(|e| match e {
                e if e.is_unique_violation() => StoreError::Conflict("application id"),
                other => db(other),
            })?;
            moved += done.rows_affected();
        }
        Ok(moved)
    }

    async fn mark_notices_reprinted(
        &mut self,
        ids: &[NoticeId],
        at_us: i64,
    ) -> Result<u64, StoreError> {
        let mut marked = 0;
        for id in ids {
            let done = query(
                "UPDATE notices SET reprinted_at_us = $1 WHERE id = $2 AND status = 'sent' \
                 AND reprinted_at_us IS NULL AND EXISTS (SELECT 1 FROM individual_numbers n \
                 WHERE n.person_id = notices.person_id AND n.generation = notices.generation \
                 AND n.status = 'current')",
            )
            .bind(at_us)
            .bind(id.to_hex())
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
            marked += done.rows_affected();
        }
        Ok(marked)
    }

    async fn move_notices(
        &mut self,
        ids: &[NoticeId],
        from: NoticeStatus,
        to: NoticeStatus,
        batch: Option<&str>,
        at_us: i64,
    ) -> Result<u64, StoreError> {
        let time_column = if to == NoticeStatus::Sent {
            "sent_at_us"
        } else {
            "outcome_at_us"
        };
        let mut moved = 0;
        for chunk in ids.chunks(MAX_ROWS) {
            let mut sql = format!(
                "UPDATE notices SET status = $1, {time_column} = $2, batch = COALESCE($3, batch) \
                 WHERE status = $4 AND id IN ("
            );
            for i in 0..chunk.len() {
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push('$');
                sql.push_str(&(i + 5).to_string());
            }
            sql.push(')');
            let mut q = query(AssertSqlSafe(sql))
                .bind(to.code())
                .bind(at_us)
                .bind(batch.map(str::to_owned))
                .bind(from.code());
            for id in chunk {
                q = q.bind(id.to_hex());
            }
            moved += q.execute(&mut self.tx).await.map_err(db)?.rows_affected();
        }
        Ok(moved)
    }

    async fn insert_card_notices(&mut self, rows: &[CardNoticeRow]) -> Result<bool, StoreError> {
        for row in rows {
            let done = query(
                // An application ID is unique across both kinds of form.
                "INSERT INTO card_notices (id, kind, card_serial, person_id, municipality_code, \
                 application_id, printed_at_us) SELECT $1, $2, $3, $4, $5, $6, $7 \
                 WHERE NOT EXISTS (SELECT 1 FROM notices WHERE application_id = $6) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(row.id.clone())
            .bind(row.kind)
            .bind(row.card_serial.clone())
            .bind(row.person.to_hex())
            .bind(row.municipality.as_str().to_owned())
            .bind(row.application_id.map(|a| a.as_str().to_owned()))
            .bind(row.printed_at_us)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
            if done.rows_affected() != 1 {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
