//! One transaction: the app's `Tx` port in SQL.

use async_trait::async_trait;
use jiff::civil::Date;
use mynumber_app::{
    CardApplicationRow, CardNoticeRow, CardRow, CertificateRow, CrlRow, CurrentRow, DocumentRow,
    NoticeRow, NumberChangeRow, NumberRow, PersonRow, SearchQuery, StaffRow, StoreError, Tx,
    VersionRow,
};
use mynumber_core::card::CardStatus;
use mynumber_core::certificate::CertificateStatus;
use mynumber_core::document::VerificationCode;
use mynumber_core::ledger::{GENESIS, StoredEntry, hex, parse_hex};
use mynumber_core::notice::NoticeStatus;
use mynumber_core::number_change::{ChangeGround, ChangeRequest, ChangeStatus};
use mynumber_core::{
    ApplicationId, HouseholdId, IndividualNumber, MunicipalityCode, NoticeId, NumberChangeId,
    PersonId, ResidentCode, Role, StaffId,
};
use sqlx::any::AnyRow;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};
use tokio::sync::OwnedSemaphorePermit;

use crate::rows::{
    CARD_APPLICATION_COLUMNS, CARD_COLUMNS, CERTIFICATE_COLUMNS, LEDGER_COLUMNS, NOTICE_COLUMNS,
    VERSION_COLUMN_COUNT, VERSION_COLUMNS, Val, decode_card, decode_card_application,
    decode_certificate, decode_crl, decode_current, decode_document, decode_ledger, decode_notice,
    decode_person, decode_version, int, ledger_values, person_id, unhex, version_columns_qualified,
    version_values,
};
use crate::{Backend, db};

/// Bind parameters per statement: below SQLite's 32 766 and PostgreSQL's 65 535.
const MAX_PARAMS: usize = 30_000;

/// Rows per multi-row INSERT. Full chunks share one SQL text, so the prepared statement is
/// cached and reused (measured in docs/performance.md).
const MAX_ROWS: usize = 500;

pub(crate) struct SqlTx {
    tx: Transaction<'static, Any>,
    backend: Backend,
    /// A SQLite writer's turn, given back when the transaction commits or rolls back (after
    /// `tx`, since fields drop in order).
    _turn: Option<OwnedSemaphorePermit>,
}

impl SqlTx {
    pub(crate) fn new(
        tx: Transaction<'static, Any>,
        backend: Backend,
        turn: Option<OwnedSemaphorePermit>,
    ) -> Self {
        Self {
            tx,
            backend,
            _turn: turn,
        }
    }

    /// `INSERT INTO {head} VALUES (…), (…) {tail}` in chunks; returns the rows any `RETURNING`
    /// clause produced.
    async fn insert_many(
        &mut self,
        head: &str,
        columns: usize,
        rows: Vec<Vec<Val>>,
        tail: &str,
    ) -> Result<Vec<AnyRow>, StoreError> {
        let mut out = Vec::new();
        let per = (MAX_PARAMS / columns).clamp(1, MAX_ROWS);
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Vec<Val>> = rows.by_ref().take(per).collect();
            let mut sql =
                String::with_capacity(head.len() + chunk.len() * columns * 5 + tail.len());
            sql.push_str("INSERT INTO ");
            sql.push_str(head);
            sql.push_str(" VALUES ");
            let mut n = 0;
            for (i, _) in chunk.iter().enumerate() {
                sql.push_str(if i == 0 { "(" } else { ", (" });
                for c in 0..columns {
                    n += 1;
                    if c > 0 {
                        sql.push_str(", ");
                    }
                    // sqlx-sqlite resolves each `$N` with sqlite3_bind_parameter_name, which
                    // walks a list: quadratic in the parameter count. Anonymous `?` parameters
                    // bind in order without it (docs/performance.md: 4.8k → see there).
                    if self.backend == Backend::Sqlite {
                        sql.push('?');
                    } else {
                        sql.push('$');
                        sql.push_str(&n.to_string());
                    }
                }
                sql.push(')');
            }
            sql.push(' ');
            sql.push_str(tail);
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for v in chunk.into_iter().flatten() {
                q = match v {
                    Val::Int(i) => q.bind(i),
                    Val::Null => q.bind(Option::<String>::None),
                    Val::Text(s) => q.bind(s),
                };
            }
            out.extend(q.fetch_all(&mut *self.tx).await.map_err(db)?);
        }
        Ok(out)
    }
}

/// Indexes of `keys` that are absent from `returned` (rows not inserted because of a conflict).
fn missing(keys: &[String], returned: &[AnyRow]) -> Result<Vec<usize>, StoreError> {
    let got: std::collections::HashSet<String> = returned
        .iter()
        .map(|r| r.try_get::<String, _>(0).map_err(db))
        .collect::<Result<_, _>>()?;
    Ok(keys
        .iter()
        .enumerate()
        .filter(|(_, k)| !got.contains(*k))
        .map(|(i, _)| i)
        .collect())
}

fn current_select() -> String {
    format!(
        "SELECT p.id, p.resident_code, p.current_version, {} FROM persons p \
         JOIN resident_versions v ON v.person_id = p.id AND v.version = p.current_version",
        version_columns_qualified()
    )
}

fn opt(s: Option<String>) -> String {
    s.unwrap_or_default()
}

#[async_trait]
impl Tx for SqlTx {
    async fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit().await.map_err(db)
    }

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

    async fn insert_numbers(&mut self, rows: &[NumberRow]) -> Result<Vec<usize>, StoreError> {
        let keys: Vec<String> = rows
            .iter()
            .map(|r| r.number.expose_digits().to_owned())
            .collect();
        let values = rows
            .iter()
            .map(|r| {
                vec![
                    r.number.expose_digits().into(),
                    r.person.to_hex().into(),
                    i64::from(r.generation).into(),
                    i64::from(r.attempt).into(),
                    r.key_id.as_str().into(),
                    "current".into(),
                    r.issued_at_us.into(),
                ]
            })
            .collect();
        let returned = self
            .insert_many(
                "individual_numbers (number, person_id, generation, attempt, key_id, status, issued_at_us)",
                7,
                values,
                "ON CONFLICT (number) DO NOTHING RETURNING number",
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

    async fn person_by_number(
        &mut self,
        number: &IndividualNumber,
    ) -> Result<Option<(PersonId, bool)>, StoreError> {
        let row = sqlx::query("SELECT person_id, status FROM individual_numbers WHERE number = $1")
            .bind(number.expose_digits().to_owned())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?;
        row.map(|r| {
            let id: String = r.try_get(0).map_err(db)?;
            let status: String = r.try_get(1).map_err(db)?;
            Ok((person_id(&id)?, status == "current"))
        })
        .transpose()
    }

    async fn current_number(
        &mut self,
        person: PersonId,
    ) -> Result<Option<IndividualNumber>, StoreError> {
        Ok(self.current_numbers(&[person]).await?.pop().map(|(_, n)| n))
    }

    async fn current_numbers(
        &mut self,
        people: &[PersonId],
    ) -> Result<Vec<(PersonId, IndividualNumber)>, StoreError> {
        let mut out = Vec::with_capacity(people.len());
        for chunk in people.chunks(1000) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT person_id, number FROM individual_numbers WHERE status = 'current' AND person_id IN ({})",
                placeholders.join(", ")
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for p in chunk {
                q = q.bind(p.to_hex());
            }
            for r in q.fetch_all(&mut *self.tx).await.map_err(db)? {
                let id: String = r.try_get(0).map_err(db)?;
                let number: String = r.try_get(1).map_err(db)?;
                let number = IndividualNumber::parse(&number)
                    .map_err(|e| StoreError::Corrupt(format!("stored Individual Number: {e}")))?;
                out.push((person_id(&id)?, number));
            }
        }
        Ok(out)
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

    async fn setting(&mut self, name: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT value FROM settings WHERE name = $1")
            .bind(name.to_owned())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?;
        row.map(|r| r.try_get::<String, _>(0).map_err(db))
            .transpose()
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

    async fn insert_number_change(&mut self, row: &NumberChangeRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO number_changes (id, person_id, ground, reason, evidence, status, \
             requested_by, requested_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(row.id.to_hex())
        .bind(row.person.to_hex())
        .bind(row.request.ground().code())
        .bind(row.request.reason().to_owned())
        .bind(row.request.evidence().map(str::to_owned))
        .bind(row.status.code())
        .bind(row.requested_by.to_hex())
        .bind(row.requested_at_us)
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn number_change(
        &mut self,
        id: NumberChangeId,
    ) -> Result<Option<NumberChangeRow>, StoreError> {
        let row = sqlx::query(
            "SELECT person_id, ground, reason, evidence, status, requested_by, requested_at_us, \
             decided_by, decided_at_us FROM number_changes WHERE id = $1",
        )
        .bind(id.to_hex())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(db)?;
        let Some(r) = row else { return Ok(None) };
        let corrupt = |what: &str| StoreError::Corrupt(format!("number change {what}"));
        let text = |i: usize| r.try_get::<String, _>(i).map_err(db);
        let staff = |s: String| StaffId::parse(&s).ok_or_else(|| corrupt("staff id"));
        let ground = ChangeGround::parse(&text(1)?).map_err(|_| corrupt("ground"))?;
        let decided_by: Option<String> = r.try_get(7).map_err(db)?;
        let decided_at: Option<i64> = r.try_get(8).map_err(db)?;
        Ok(Some(NumberChangeRow {
            id,
            person: person_id(&text(0)?)?,
            request: ChangeRequest::from_stored(ground, text(2)?, r.try_get(3).map_err(db)?),
            status: ChangeStatus::parse(&text(4)?).ok_or_else(|| corrupt("status"))?,
            requested_by: staff(text(5)?)?,
            requested_at_us: r.try_get(6).map_err(db)?,
            decided: match (decided_by, decided_at) {
                (Some(by), Some(at)) => Some((staff(by)?, at)),
                _ => None,
            },
        }))
    }

    async fn decide_number_change(
        &mut self,
        id: NumberChangeId,
        status: ChangeStatus,
        by: StaffId,
        at_us: i64,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE number_changes SET status = $1, decided_by = $2, decided_at_us = $3 \
             WHERE id = $4 AND status = 'requested'",
        )
        .bind(status.code())
        .bind(by.to_hex())
        .bind(at_us)
        .bind(id.to_hex())
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Conflict("number change request"))
        }
    }

    async fn retire_current_number(
        &mut self,
        person: PersonId,
        at_us: i64,
    ) -> Result<Option<u32>, StoreError> {
        let row = sqlx::query(
            "UPDATE individual_numbers SET status = 'retired', retired_at_us = $1 \
             WHERE person_id = $2 AND status = 'current' RETURNING generation",
        )
        .bind(at_us)
        .bind(person.to_hex())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(db)?;
        row.map(|r| {
            let g: i64 = r.try_get(0).map_err(db)?;
            u32::try_from(g).map_err(|_| StoreError::Corrupt("number generation".into()))
        })
        .transpose()
    }

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

    async fn lock_ledger_head(&mut self, partition: &str) -> Result<(i64, [u8; 32]), StoreError> {
        sqlx::query(
            "INSERT INTO ledger_heads (partition_key, seq, hash) VALUES ($1, 0, $2) \
             ON CONFLICT (partition_key) DO NOTHING",
        )
        .bind(partition.to_owned())
        .bind(hex(&GENESIS))
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        // A no-op UPDATE takes the row lock on PostgreSQL (and is portable, unlike FOR UPDATE):
        // writers to one partition queue here, writers to others never wait.
        let r = sqlx::query(
            "UPDATE ledger_heads SET seq = seq WHERE partition_key = $1 RETURNING seq, hash",
        )
        .bind(partition.to_owned())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(db)?;
        let seq: i64 = r.try_get(0).map_err(db)?;
        let hash: String = r.try_get(1).map_err(db)?;
        let hash =
            parse_hex(&hash).ok_or_else(|| StoreError::Corrupt("ledger head hash".into()))?;
        Ok((seq, hash))
    }

    async fn append_ledger(&mut self, entries: &[StoredEntry]) -> Result<(), StoreError> {
        let Some(last) = entries.last() else {
            return Ok(());
        };
        let values = entries.iter().map(ledger_values).collect();
        let head = format!("ledger_entries ({LEDGER_COLUMNS})");
        self.insert_many(&head, 10, values, "").await?;
        sqlx::query("UPDATE ledger_heads SET seq = $1, hash = $2 WHERE partition_key = $3")
            .bind(last.content.seq)
            .bind(hex(&last.hash))
            .bind(last.content.partition.clone())
            .execute(&mut *self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn ledger_heads(&mut self) -> Result<Vec<(String, i64, [u8; 32])>, StoreError> {
        sqlx::query("SELECT partition_key, seq, hash FROM ledger_heads ORDER BY partition_key")
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(|r| {
                let hash: String = r.try_get(2).map_err(db)?;
                Ok((
                    r.try_get(0).map_err(db)?,
                    r.try_get(1).map_err(db)?,
                    parse_hex(&hash)
                        .ok_or_else(|| StoreError::Corrupt("ledger head hash".into()))?,
                ))
            })
            .collect()
    }

    async fn ledger_entries(
        &mut self,
        partition: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<StoredEntry>, StoreError> {
        let sql = format!(
            "SELECT {LEDGER_COLUMNS} FROM ledger_entries WHERE partition_key = $1 AND seq > $2 \
             ORDER BY seq LIMIT $3"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(partition.to_owned())
            .bind(after)
            .bind(limit)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_ledger)
            .collect()
    }

    async fn insert_checkpoint(&mut self, at_us: i64, text: &str) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO ledger_checkpoints (at_us, text) VALUES ($1, $2)")
            .bind(at_us)
            .bind(text.to_owned())
            .execute(&mut *self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn latest_checkpoint(&mut self) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT text FROM ledger_checkpoints ORDER BY at_us DESC LIMIT 1")
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?;
        row.map(|r| r.try_get::<String, _>(0).map_err(db))
            .transpose()
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
            let done = sqlx::query(
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
            .execute(&mut *self.tx)
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_unique_violation() => {
                    StoreError::Conflict("application id")
                }
                other => db(other),
            })?;
            moved += done.rows_affected();
        }
        Ok(moved)
    }

    async fn queued_notices_of(&mut self, person: PersonId) -> Result<Vec<NoticeRow>, StoreError> {
        let sql = format!(
            "SELECT {NOTICE_COLUMNS} FROM notices WHERE person_id = $1 AND status = 'queued' \
             ORDER BY id"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_notice)
            .collect()
    }

    async fn queued_notices(
        &mut self,
        municipality: MunicipalityCode,
        limit: i64,
    ) -> Result<Vec<NoticeRow>, StoreError> {
        self.notices_in(NoticeStatus::Queued, Some(municipality), limit)
            .await
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
            let mut q = sqlx::query(AssertSqlSafe(sql))
                .bind(to.code())
                .bind(at_us)
                .bind(batch.map(str::to_owned))
                .bind(from.code());
            for id in chunk {
                q = q.bind(id.to_hex());
            }
            moved += q.execute(&mut *self.tx).await.map_err(db)?.rows_affected();
        }
        Ok(moved)
    }

    async fn notice_by_application_id(
        &mut self,
        id: &ApplicationId,
    ) -> Result<Option<NoticeRow>, StoreError> {
        let sql = format!("SELECT {NOTICE_COLUMNS} FROM notices WHERE application_id = $1");
        sqlx::query(AssertSqlSafe(sql))
            .bind(id.as_str().to_owned())
            .fetch_optional(&mut *self.tx)
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
        sqlx::query(AssertSqlSafe(sql))
            .bind(status.code())
            .bind(opt(municipality.map(|m| m.as_str().to_owned())))
            .bind(limit)
            .fetch_all(&mut *self.tx)
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
        let row = sqlx::query(
            "SELECT COUNT(*) FROM notices WHERE status = $1 AND ($2 = '' OR municipality_code = $2)",
        )
        .bind(status.code())
        .bind(opt(municipality.map(|m| m.as_str().to_owned())))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(db)?;
        row.try_get::<i64, _>(0).map_err(db)
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

    async fn insert_document(&mut self, row: &DocumentRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO documents (code, kind, person_id, municipality_code, issued_at_us, \
             issued_by, digest, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(row.code.as_str().to_owned())
        .bind(row.kind.clone())
        .bind(row.person.to_hex())
        .bind(row.municipality.as_str().to_owned())
        .bind(row.issued_at_us)
        .bind(row.issued_by.clone())
        .bind(hex(&row.digest))
        .bind(row.summary.clone())
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn document(
        &mut self,
        code: &VerificationCode,
    ) -> Result<Option<DocumentRow>, StoreError> {
        sqlx::query(
            "SELECT code, kind, person_id, municipality_code, issued_at_us, issued_by, digest, \
             summary FROM documents WHERE code = $1",
        )
        .bind(code.as_str().to_owned())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(db)?
        .as_ref()
        .map(decode_document)
        .transpose()
    }

    async fn authority(
        &mut self,
        hierarchy: &str,
    ) -> Result<Option<(Vec<u8>, Vec<u8>)>, StoreError> {
        let row =
            sqlx::query("SELECT certificate, sealed_key FROM authorities WHERE hierarchy = $1")
                .bind(hierarchy.to_owned())
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(db)?;
        row.map(|r| {
            let cert: String = r.try_get(0).map_err(db)?;
            let key: String = r.try_get(1).map_err(db)?;
            Ok((unhex(&cert)?, unhex(&key)?))
        })
        .transpose()
    }

    async fn insert_authority(
        &mut self,
        hierarchy: &str,
        certificate: &[u8],
        sealed_key: &[u8],
        at_us: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO authorities (hierarchy, certificate, sealed_key, created_at_us) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (hierarchy) DO NOTHING",
        )
        .bind(hierarchy.to_owned())
        .bind(crate::rows::to_hex(certificate))
        .bind(crate::rows::to_hex(sealed_key))
        .bind(at_us)
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_certificate(&mut self, row: &CertificateRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO certificates (serial, hierarchy, person_id, status, reason, revoked_at_us, \
             not_after_us, issued_at_us, certificate) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(row.serial.clone())
        .bind(row.hierarchy.clone())
        .bind(row.person.to_hex())
        .bind(row.status.code())
        .bind(row.reason.clone())
        .bind(row.revoked_at_us)
        .bind(row.not_after_us)
        .bind(row.issued_at_us)
        .bind(crate::rows::to_hex(&row.der))
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn certificate(&mut self, serial: &str) -> Result<Option<CertificateRow>, StoreError> {
        let sql = format!("SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE serial = $1");
        sqlx::query(AssertSqlSafe(sql))
            .bind(serial.to_owned())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?
            .as_ref()
            .map(decode_certificate)
            .transpose()
    }

    async fn certificates_of(
        &mut self,
        person: PersonId,
    ) -> Result<Vec<CertificateRow>, StoreError> {
        let sql = format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE person_id = $1 \
             ORDER BY issued_at_us DESC"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_certificate)
            .collect()
    }

    async fn set_certificate_status(
        &mut self,
        serial: &str,
        from: CertificateStatus,
        to: CertificateStatus,
        reason: Option<&str>,
        at_us: Option<i64>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE certificates SET status = $1, reason = $2, revoked_at_us = $3 \
             WHERE serial = $4 AND status = $5",
        )
        .bind(to.code())
        .bind(reason.map(str::to_owned))
        .bind(at_us)
        .bind(serial.to_owned())
        .bind(from.code())
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn revoked_certificates(
        &mut self,
        hierarchy: &str,
        at_us: i64,
    ) -> Result<Vec<CertificateRow>, StoreError> {
        let sql = format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE hierarchy = $1 \
             AND status IN ('revoked', 'hold') AND not_after_us >= $2 ORDER BY serial"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(hierarchy.to_owned())
            .bind(at_us)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_certificate)
            .collect()
    }

    async fn bump_certificate_revision(&mut self, hierarchy: &str) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO certificate_revisions (hierarchy, revision) VALUES ($1, 1) \
             ON CONFLICT (hierarchy) DO UPDATE SET revision = certificate_revisions.revision + 1 \
             RETURNING revision",
        )
        .bind(hierarchy.to_owned())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(db)?;
        row.try_get::<i64, _>(0).map_err(db)
    }

    async fn certificate_revision(&mut self, hierarchy: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT revision FROM certificate_revisions WHERE hierarchy = $1")
            .bind(hierarchy.to_owned())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(db)?;
        Ok(match row {
            Some(r) => r.try_get::<i64, _>(0).map_err(db)?,
            None => 0,
        })
    }

    async fn latest_crl(&mut self, hierarchy: &str) -> Result<Option<CrlRow>, StoreError> {
        sqlx::query(
            "SELECT hierarchy, number, revision, this_update_us, next_update_us, crl \
             FROM crls WHERE hierarchy = $1",
        )
        .bind(hierarchy.to_owned())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(db)?
        .as_ref()
        .map(decode_crl)
        .transpose()
    }

    async fn publish_crl(
        &mut self,
        row: &CrlRow,
        replacing: Option<i64>,
    ) -> Result<bool, StoreError> {
        let done = match replacing {
            None => sqlx::query(
                "INSERT INTO crls (hierarchy, number, revision, this_update_us, next_update_us, crl) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hierarchy) DO NOTHING",
            )
            .bind(row.hierarchy.clone())
            .bind(row.number)
            .bind(row.revision)
            .bind(row.this_update_us)
            .bind(row.next_update_us)
            .bind(crate::rows::to_hex(&row.der))
            .execute(&mut *self.tx)
            .await,
            Some(previous) => sqlx::query(
                "UPDATE crls SET number = $1, revision = $2, this_update_us = $3, \
                 next_update_us = $4, crl = $5 WHERE hierarchy = $6 AND number = $7",
            )
            .bind(row.number)
            .bind(row.revision)
            .bind(row.this_update_us)
            .bind(row.next_update_us)
            .bind(crate::rows::to_hex(&row.der))
            .bind(row.hierarchy.clone())
            .bind(previous)
            .execute(&mut *self.tx)
            .await,
        }
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_card_application(
        &mut self,
        row: &CardApplicationRow,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO card_applications (id, person_id, municipality_code, channel, reason, \
             application_id, kind, with_certificates, express, fee_yen, photo, applied_on, \
             received_at_us, card_serial) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(row.id.clone())
        .bind(row.person.to_hex())
        .bind(row.municipality.as_str().to_owned())
        .bind(row.channel.code())
        .bind(row.reason.code())
        .bind(row.application_id.map(|a| a.as_str().to_owned()))
        .bind(row.kind.code())
        .bind(i64::from(row.with_certificates))
        .bind(i64::from(row.express))
        .bind(row.fee_yen)
        .bind(row.photo.clone())
        .bind(row.applied_on.to_string())
        .bind(row.received_at_us)
        .bind(row.card_serial.clone())
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn card_application(
        &mut self,
        id: &str,
    ) -> Result<Option<CardApplicationRow>, StoreError> {
        let sql = format!(
            "SELECT {CARD_APPLICATION_COLUMNS}, photo FROM card_applications WHERE id = $1"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(id.to_owned())
            .fetch_optional(&mut *self.tx)
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
        sqlx::query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(|r| decode_card_application(r, false))
            .collect()
    }

    async fn set_application_card(&mut self, id: &str, serial: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE card_applications SET card_serial = $1 WHERE id = $2 AND card_serial IS NULL",
        )
        .bind(serial.to_owned())
        .bind(id.to_owned())
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_card(&mut self, row: &CardRow) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO cards (serial, person_id, application, municipality_code, kind, status, \
             end_reason, expiry, birthday_limit, produced_at_us, changed_at_us, \
             signature_certificate, authentication_certificate) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
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
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn card(&mut self, serial: &str) -> Result<Option<CardRow>, StoreError> {
        let sql = format!("SELECT {CARD_COLUMNS} FROM cards WHERE serial = $1");
        sqlx::query(AssertSqlSafe(sql))
            .bind(serial.to_owned())
            .fetch_optional(&mut *self.tx)
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
        sqlx::query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_card)
            .collect()
    }

    async fn update_card(&mut self, row: &CardRow, from: CardStatus) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE cards SET status = $1, end_reason = $2, expiry = $3, changed_at_us = $4, \
             signature_certificate = $5, authentication_certificate = $6 \
             WHERE serial = $7 AND status = $8",
        )
        .bind(row.status.code())
        .bind(row.status.end_reason().map(|r| r.code()))
        .bind(row.expiry.to_string())
        .bind(row.changed_at_us)
        .bind(row.signature_certificate.clone())
        .bind(row.authentication_certificate.clone())
        .bind(row.serial.clone())
        .bind(from.code())
        .execute(&mut *self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
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
        sqlx::query(AssertSqlSafe(sql))
            .bind(day.to_string())
            .bind(limit)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_card)
            .collect()
    }

    async fn insert_card_notices(&mut self, rows: &[CardNoticeRow]) -> Result<bool, StoreError> {
        for row in rows {
            let done = sqlx::query(
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
            .execute(&mut *self.tx)
            .await
            .map_err(db)?;
            if done.rows_affected() != 1 {
                return Ok(false);
            }
        }
        Ok(true)
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
        sqlx::query(AssertSqlSafe(sql))
            .bind(before.to_string())
            .bind(after.0.to_string())
            .bind(after.1.to_owned())
            .bind(municipality.as_str().to_owned())
            .bind(limit)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db)?
            .iter()
            .map(decode_card)
            .collect()
    }

    async fn form_by_application_id(
        &mut self,
        id: &ApplicationId,
    ) -> Result<Option<(PersonId, i64)>, StoreError> {
        let row = sqlx::query(
            "SELECT person_id, sent_at_us AS printed FROM notices \
             WHERE application_id = $1 AND sent_at_us IS NOT NULL \
             UNION ALL SELECT person_id, printed_at_us AS printed FROM card_notices \
             WHERE application_id = $1",
        )
        .bind(id.as_str().to_owned())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(db)?;
        row.map(|r| {
            let person: String = r.try_get(0).map_err(db)?;
            let printed: i64 = r.try_get(1).map_err(db)?;
            Ok((person_id(&person)?, printed))
        })
        .transpose()
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
}
