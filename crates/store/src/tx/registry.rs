//! The resident register in SQL: persons, record versions, households, municipality names.

use async_trait::async_trait;
use mynumber_app::ports::{RegistryRead, RegistryWrite};
use mynumber_app::{
    CurrentRow, ImportBatchRow, ImportHouseholdRow, ImportJobRow, PersonRow, SearchQuery,
    StoreError, VersionRow,
};
use mynumber_core::{HouseholdId, MunicipalityCode, PersonId, ResidentCode};
use sqlx::AssertSqlSafe;

use crate::rows::{
    IMPORT_JOB_COLUMNS, SEARCH_KEY_COLUMNS, VERSION_COLUMN_COUNT, VERSION_COLUMNS, Val,
    decode_current, decode_import_batch, decode_import_household, decode_import_job, decode_person,
    decode_version, search_key_values, search_term_values, version_columns_qualified,
    version_values,
};
use crate::sql::query;
use crate::{Backend, db, unique_conflict};

use super::{SqlTx, current_select, missing, opt};

#[async_trait]
impl RegistryRead for SqlTx {
    async fn stays_ended_before(
        &mut self,
        day: jiff::civil::Date,
        after: (jiff::civil::Date, PersonId),
        limit: i64,
    ) -> Result<Vec<(PersonId, jiff::civil::Date)>, StoreError> {
        // Dates are ISO text, so text order is date order.
        let rows = query(
            "SELECT v.person_id, v.period_of_stay_until FROM resident_versions v \
             WHERE v.period_of_stay_until IS NOT NULL AND v.period_of_stay_until < $1 \
             AND v.status = 'active' \
             AND (v.period_of_stay_until > $2 \
             OR (v.period_of_stay_until = $2 AND v.person_id > $3)) \
             AND v.version = (SELECT MAX(w.version) FROM resident_versions w \
             WHERE w.person_id = v.person_id) \
             ORDER BY v.period_of_stay_until, v.person_id LIMIT $4",
        )
        .bind(day.to_string())
        .bind(after.0.to_string())
        .bind(after.1.to_hex())
        .bind(limit)
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                let person: String = r.try_get("person_id").map_err(db)?;
                let until: String = r.try_get("period_of_stay_until").map_err(db)?;
                Ok((
                    crate::rows::person_id(&person)?,
                    until
                        .parse()
                        .map_err(|_| StoreError::Corrupt("period_of_stay_until".into()))?,
                ))
            })
            .collect()
    }

    async fn household(&mut self, id: HouseholdId) -> Result<Option<MunicipalityCode>, StoreError> {
        let row = query("SELECT municipality_code FROM households WHERE id = $1")
            .bind(id.to_hex())
            .fetch_optional(&mut self.tx)
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
        query("SELECT id, resident_code, current_version FROM persons WHERE resident_code = $1")
            .bind(code.digits().to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .as_ref()
            .map(decode_person)
            .transpose()
    }

    async fn person_by_id(&mut self, id: PersonId) -> Result<Option<PersonRow>, StoreError> {
        query("SELECT id, resident_code, current_version FROM persons WHERE id = $1")
            .bind(id.to_hex())
            .fetch_optional(&mut self.tx)
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
        query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_all(&mut self.tx)
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
        query(AssertSqlSafe(sql))
            .bind(person.to_hex())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?
            .as_ref()
            .map(decode_version)
            .transpose()
    }

    async fn search(&mut self, query: &SearchQuery) -> Result<Vec<CurrentRow>, StoreError> {
        // A name is searched by its folded key, as a prefix: a range of `search_terms`.
        let key = mynumber_core::search::fold(&query.name);
        if key.is_empty() && !query.name.trim().is_empty() {
            // Only spaces and punctuation: no name folds to a key that begins with nothing.
            return Ok(Vec::new());
        }
        let end = mynumber_core::search::prefix_end(&key);
        let columns = format!(
            "p.id, p.resident_code, p.current_version, {}",
            version_columns_qualified()
        );
        // Each shape of search has a text of its own, its parameters only the values it
        // compares: no `$4 = '' OR …` to switch a filter off, and the LIMIT a number in the
        // text. SQLite (3.47 on) plans with the value bound to a LIMIT parameter, so it
        // prepared the statement anew each time one was bound: 10 % of a loaded server's
        // time (docs/performance.md). The limit is at most SEARCH_LIMIT_MAX + 1 and callers
        // keep to a few (the desk and the call center ask for 20), so there are few texts,
        // each prepared once per connection. On PostgreSQL each page is read in a snapshot of
        // its own: a record changed between pages may be left out of that answer, as it would
        // be by a search a moment earlier.
        let municipality = query.municipality.map(|m| m.as_str().to_owned());
        let limit = usize::try_from(query.limit).unwrap_or(0);
        let mut found = Vec::with_capacity(limit);
        let mut seen = std::collections::HashSet::with_capacity(limit);
        if let Some(born) = query.birth_date {
            // By date of birth: its index, and the name (if any) checked on the day's few rows.
            let mut args: Vec<Val> = Vec::new();
            let mut param = |v: Val| {
                args.push(v);
                format!("${}", args.len())
            };
            let mut sql = format!(
                "SELECT {columns} FROM persons p JOIN resident_versions v \
                 ON v.person_id = p.id AND v.version = p.current_version \
                 WHERE v.birth_date = {} AND v.status = 'active'",
                param(born.to_string().into())
            );
            if let Some(m) = municipality {
                sql.push_str(&format!(" AND v.municipality_code = {}", param(m.into())));
            }
            if !key.is_empty() {
                let (from, to) = (param(key.into()), param(end.into()));
                sql.push_str(&format!(
                    " AND (v.name_key >= {from} AND v.name_key < {to} \
                     OR v.kana_key >= {from} AND v.kana_key < {to} \
                     OR v.latin_key >= {from} AND v.latin_key < {to} \
                     OR v.alias_key >= {from} AND v.alias_key < {to})"
                ));
            }
            sql.push_str(&format!(
                " ORDER BY v.family_name_kana, v.given_name_kana, v.family_name, v.given_name, \
                 p.resident_code LIMIT {}",
                query.limit.max(0)
            ));
            let rows = crate::sql::query(AssertSqlSafe(sql))
                .bind_all(args)
                .fetch_all(&mut self.tx)
                .await
                .map_err(db)?;
            for row in &rows {
                let current = decode_current(row)?;
                if seen.insert(current.person.id) {
                    found.push(current);
                }
            }
        } else if !key.is_empty() {
            // By name alone: the index in key order, joined to current versions, a page at a
            // time after where the last page ended ($3, $4: its term and person). A person may
            // match by two terms (a name and an alias), so a page can hold fewer people than
            // rows; most pages hold as many, and one page is then enough. Asking for four rows
            // a person at once made the search read four times the rows it showed: each row
            // is two index probes into a page cache that any write elsewhere empties
            // (docs/performance.md).
            let sql = format!(
                "SELECT {columns}, t.term AS search_term FROM search_terms t \
                 JOIN persons p ON p.id = t.person_id AND p.current_version = t.version \
                 JOIN resident_versions v ON v.person_id = p.id AND v.version = p.current_version \
                 WHERE t.term >= $1 AND t.term < $2 AND (t.term, t.person_id) > ($3, $4) \
                 AND v.status = 'active'{} ORDER BY t.term, t.person_id LIMIT {}",
                if municipality.is_some() {
                    " AND v.municipality_code = $5"
                } else {
                    ""
                },
                query.limit.max(0)
            );
            // The first page starts after (key, ''): every row of the range, as no person id is
            // empty. PostgreSQL starts an index scan at the row comparison's bound rather than
            // the stronger `term >= $1`: after ('', '') it walked every term before the key,
            // 600,000 entries for タナカ at a million residents, 23 ms against 0.4 ms
            // (EXPLAIN ANALYZE, docs/performance.md).
            let mut after = (key.clone(), String::new());
            let mut from = key;
            while found.len() < limit {
                let args = [
                    Val::from(from.as_str()),
                    end.as_str().into(),
                    after.0.as_str().into(),
                    after.1.as_str().into(),
                ];
                let args = args
                    .into_iter()
                    .chain(municipality.as_deref().map(Val::from));
                let rows = crate::sql::query(AssertSqlSafe(sql.clone()))
                    .bind_all(args)
                    .fetch_all(&mut self.tx)
                    .await
                    .map_err(db)?;
                for row in &rows {
                    let current = decode_current(row)?;
                    if found.len() < limit && seen.insert(current.person.id) {
                        found.push(current);
                    }
                }
                match rows.last() {
                    Some(last) if rows.len() >= limit => {
                        let term: String = last.try_get("search_term").map_err(db)?;
                        let person: String = last.try_get("id").map_err(db)?;
                        from.clone_from(&term);
                        after = (term, person);
                    }
                    // A short page: the range has no more.
                    _ => break,
                }
            }
        }
        found.sort_by(|a, b| {
            let name = |r: &CurrentRow| {
                let n = r.version.resident.record.name();
                (
                    n.family_kana().map(str::to_owned),
                    n.given_kana().map(str::to_owned),
                    n.family().to_owned(),
                    n.given().to_owned(),
                    r.person.resident_code.to_string(),
                )
            };
            name(a).cmp(&name(b))
        });
        Ok(found)
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
        query(AssertSqlSafe(sql))
            .bind(opt(after.map(|p| p.to_hex())))
            .bind(opt(municipality.map(|m| m.as_str().to_owned())))
            .bind(limit)
            .fetch_all(&mut self.tx)
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
        query(AssertSqlSafe(sql))
            .bind(household.to_hex())
            .fetch_all(&mut self.tx)
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
        let row = query("SELECT name FROM municipalities WHERE code = $1")
            .bind(code.as_str().to_owned())
            .fetch_optional(&mut self.tx)
            .await
            .map_err(db)?;
        row.map(|r| r.try_get::<String, _>(0).map_err(db))
            .transpose()
    }

    async fn import_job_by_digest(
        &mut self,
        digest: &[u8; 32],
    ) -> Result<Option<ImportJobRow>, StoreError> {
        let row = query(AssertSqlSafe(format!(
            "SELECT {IMPORT_JOB_COLUMNS} FROM import_jobs WHERE digest = $1"
        )))
        .bind(hex::encode(digest))
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?;
        row.as_ref().map(decode_import_job).transpose()
    }

    async fn unfinished_imports(&mut self, scope: &str) -> Result<Vec<ImportJobRow>, StoreError> {
        let rows = query(AssertSqlSafe(format!(
            "SELECT {IMPORT_JOB_COLUMNS} FROM import_jobs \
             WHERE scope = $1 AND finished_at_us IS NULL ORDER BY started_at_us DESC"
        )))
        .bind(scope.to_owned())
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter().map(decode_import_job).collect()
    }

    async fn finished_import_by_name(
        &mut self,
        scope: &str,
        name: &str,
    ) -> Result<Option<ImportJobRow>, StoreError> {
        let row = query(AssertSqlSafe(format!(
            "SELECT {IMPORT_JOB_COLUMNS} FROM import_jobs \
             WHERE scope = $1 AND file_name = $2 AND finished_at_us IS NOT NULL \
             ORDER BY started_at_us DESC LIMIT 1"
        )))
        .bind(scope.to_owned())
        .bind(name.to_owned())
        .fetch_optional(&mut self.tx)
        .await
        .map_err(db)?;
        row.as_ref().map(decode_import_job).transpose()
    }

    async fn import_batches(&mut self, job: i64) -> Result<Vec<ImportBatchRow>, StoreError> {
        let rows = query(
            "SELECT job, first_line, last_line, rows_written, digest FROM import_batches \
             WHERE job = $1 ORDER BY first_line",
        )
        .bind(job)
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter().map(decode_import_batch).collect()
    }

    async fn import_households(&mut self, job: i64) -> Result<Vec<ImportHouseholdRow>, StoreError> {
        let rows = query(
            "SELECT label, household_id, municipality_code, has_head FROM import_households \
             WHERE job = $1",
        )
        .bind(job)
        .fetch_all(&mut self.tx)
        .await
        .map_err(db)?;
        rows.iter().map(decode_import_household).collect()
    }
}

#[async_trait]
impl RegistryWrite for SqlTx {
    async fn insert_persons(
        &mut self,
        rows: &[PersonRow],
        imported: Option<&[i64]>,
        at_us: i64,
    ) -> Result<Vec<usize>, StoreError> {
        let keys: Vec<String> = rows
            .iter()
            .map(|r| r.resident_code.digits().to_owned())
            .collect();
        let values = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    r.id.to_hex().into(),
                    r.resident_code.digits().into(),
                    r.current_version.into(),
                    at_us.into(),
                    imported
                        .and_then(|refs| refs.get(i))
                        .map_or(Val::NullInt, |r| Val::Int(*r)),
                ]
            })
            .collect();
        // Only a taken resident code is skipped (and redrawn by the caller); a taken import
        // reference fails the statement: that row was registered by an import already.
        let returned = self
            .insert_many(
                "persons (id, resident_code, current_version, created_at_us, import_ref)",
                5,
                values,
                "ON CONFLICT (resident_code) DO NOTHING RETURNING resident_code",
            )
            .await?;
        missing(&keys, &returned)
    }

    async fn insert_import_job(&mut self, row: &ImportJobRow) -> Result<bool, StoreError> {
        let done = query(
            "INSERT INTO import_jobs (number, digest, file_name, started_at_us, started_by, \
             scope, line_count, finished_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT DO NOTHING",
        )
        .bind(row.number)
        .bind(hex::encode(row.digest))
        .bind(row.file_name.clone())
        .bind(row.started_at_us)
        .bind(row.started_by.clone())
        .bind(row.scope.clone())
        .bind(row.line_count)
        .bind(row.finished_at_us)
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_import_digest(&mut self, job: i64, digest: &[u8; 32]) -> Result<(), StoreError> {
        let done = query(
            "UPDATE import_jobs SET digest = $1 WHERE number = $2 AND finished_at_us IS NULL",
        )
        .bind(hex::encode(digest))
        .bind(job)
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("import file"))?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Conflict("import"))
        }
    }

    async fn record_import_batch(
        &mut self,
        batch: &ImportBatchRow,
        households: &[ImportHouseholdRow],
    ) -> Result<(), StoreError> {
        query(
            "INSERT INTO import_batches (job, first_line, last_line, rows_written, digest) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(batch.job)
        .bind(batch.first_line)
        .bind(batch.last_line)
        .bind(batch.rows)
        .bind(hex::encode(batch.digest))
        .execute(&mut self.tx)
        .await
        .map_err(unique_conflict("import batch"))?;
        // One statement for the batch's households (a statement each made the import 40 %
        // slower: every statement is a round trip to SQLite's worker thread).
        let values = households
            .iter()
            .map(|h| {
                vec![
                    Val::Int(batch.job),
                    h.label.as_str().into(),
                    h.household.to_hex().into(),
                    h.municipality.as_str().into(),
                    Val::Int(i64::from(h.has_head)),
                ]
            })
            .collect();
        self.insert_many(
            "import_households (job, label, household_id, municipality_code, has_head)",
            5,
            values,
            "ON CONFLICT (job, label) DO UPDATE SET has_head = excluded.has_head",
        )
        .await?;
        Ok(())
    }

    async fn finish_import_job(&mut self, job: i64, at_us: i64) -> Result<(), StoreError> {
        query("UPDATE import_jobs SET finished_at_us = $1 WHERE number = $2")
            .bind(at_us)
            .bind(job)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn insert_versions(&mut self, rows: &[VersionRow]) -> Result<(), StoreError> {
        for r in rows.iter().filter(|r| r.version > 1) {
            let updated = query(
                "UPDATE persons SET current_version = $1 WHERE id = $2 AND current_version = $3",
            )
            .bind(r.version)
            .bind(r.person.to_hex())
            .bind(r.version - 1)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
            if updated.rows_affected() != 1 {
                return Err(StoreError::Conflict("resident record"));
            }
        }
        let values = rows
            .iter()
            .map(|r| {
                let mut values = version_values(r);
                values.extend(search_key_values(&r.resident.record));
                values
            })
            .collect();
        let head = format!("resident_versions ({VERSION_COLUMNS}, {SEARCH_KEY_COLUMNS})");
        self.insert_many(&head, VERSION_COLUMN_COUNT + 4, values, "")
            .await?;
        Ok(())
    }

    async fn index_versions(&mut self, rows: &[VersionRow]) -> Result<(), StoreError> {
        let values: Vec<Vec<Val>> = rows.iter().flat_map(search_term_values).collect();
        self.insert_many(
            "search_terms (term, person_id, version)",
            3,
            values,
            "ON CONFLICT DO NOTHING",
        )
        .await?;
        Ok(())
    }

    async fn index_import(&mut self, job: i64) -> Result<u64, StoreError> {
        // The job's persons are the range of their `import_ref` (job << 32 | line), and an
        // import registers only first versions: one pass over them, each version's four keys
        // unfolded by a join with four constant rows (SQLite has no LATERAL), a key equal to an
        // earlier one of the same version left out (so no DISTINCT and no ON CONFLICT: an
        // ephemeral B-tree took 25 s at 1,000,000 residents on SQLite, and PostgreSQL's
        // speculative insertion a third more). The job's persons are new, so none of their terms
        // exists yet. Measured in docs/performance.md.
        let terms = "SELECT term, person_id, version FROM (SELECT CASE n.k \
             WHEN 1 THEN v.name_key \
             WHEN 2 THEN CASE WHEN v.kana_key = v.name_key THEN NULL ELSE v.kana_key END \
             WHEN 3 THEN CASE WHEN v.latin_key IN (v.name_key, v.kana_key) THEN NULL \
                 ELSE v.latin_key END \
             ELSE CASE WHEN v.alias_key IN (v.name_key, v.kana_key, v.latin_key) THEN NULL \
                 ELSE v.alias_key END END AS term, \
             v.person_id, v.version FROM persons p \
             JOIN resident_versions v ON v.person_id = p.id AND v.version = 1 \
             CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS n \
             WHERE p.import_ref >= $1 AND p.import_ref < $2) AS keys WHERE term <> ''";
        // PostgreSQL, into an empty index (a migration): the terms first, then the index built
        // over them by one sort; a B-tree insert per term took three times as long.
        let rebuild = self.backend == Backend::Postgres
            && query("SELECT 1 FROM search_terms LIMIT 1")
                .fetch_optional(&mut self.tx)
                .await
                .map_err(db)?
                .is_none();
        if rebuild {
            for sql in [
                "SET LOCAL maintenance_work_mem = '512MB'",
                "ALTER TABLE search_terms DROP CONSTRAINT search_terms_pkey",
            ] {
                query(sql).execute(&mut self.tx).await.map_err(db)?;
            }
        }
        let sql = format!("INSERT INTO search_terms (term, person_id, version) {terms}");
        let from = job
            .checked_shl(32)
            .ok_or(StoreError::Conflict("import job"))?;
        let to = (job + 1)
            .checked_shl(32)
            .ok_or(StoreError::Conflict("import job"))?;
        let done = query(AssertSqlSafe(sql))
            .long(true)
            .bind(from)
            .bind(to)
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        if rebuild {
            query(
                "ALTER TABLE search_terms ADD CONSTRAINT search_terms_pkey \
                 PRIMARY KEY (term, person_id, version)",
            )
            .execute(&mut self.tx)
            .await
            .map_err(db)?;
        }
        if self.backend == Backend::Postgres {
            // The planner's picture of the index it was just given: planned on an empty
            // search_terms, a name search scanned it whole (2 s at 1,000,000 residents).
            query("ANALYZE search_terms")
                .execute(&mut self.tx)
                .await
                .map_err(db)?;
        }
        Ok(done.rows_affected())
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
        query(
            "INSERT INTO municipalities (code, name) VALUES ($1, $2) \
             ON CONFLICT (code) DO UPDATE SET name = excluded.name",
        )
        .bind(code.as_str().to_owned())
        .bind(name.to_owned())
        .execute(&mut self.tx)
        .await
        .map_err(db)?;
        Ok(())
    }
}
