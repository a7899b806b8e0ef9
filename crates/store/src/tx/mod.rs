//! One transaction: the app's storage ports in SQL, one file per context.

mod cards;
mod certificates;
mod documents;
mod exchange;
mod kiosks;
mod ledger;
mod numbers;
mod oidc;
mod organisations;
mod portal;
mod registry;
mod seals;
mod staff;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use async_trait::async_trait;
use mynumber_app::{StoreError, Tx};
use sqlx::AssertSqlSafe;

use crate::rows::{Val, version_columns_qualified};
use crate::sql::{Conn, Row, query};
use crate::{Backend, db};

/// Bind parameters per statement: below SQLite's 32 766 and PostgreSQL's 65 535.
const MAX_PARAMS: usize = 30_000;

/// Rows per multi-row INSERT. Full chunks share one SQL text, so the prepared statement is
/// cached and reused (measured in docs/performance.md).
const MAX_ROWS: usize = 500;

/// Rows past which a multi-row INSERT is a long statement (`sql::Query::long`): a bulk load's
/// chunk of 100 rows and more takes milliseconds, a use case's few rows microseconds.
const LONG_ROWS: usize = 100;

/// Rows that live minutes (log-ins, codes' tokens, assertions' ids, sign-transactions) are
/// forgotten by the writes that add more, once their time is past. Not at every write: every
/// statement is a trip to SQLite's worker thread, and at a hundred log-ins a second the
/// sweeps were a tenth of the statements (docs/performance.md). Each kind is swept when its
/// threshold has moved on by [`SWEEP_EVERY_US`] since this process last swept it; the rows
/// are read with their expiry checked anyway, so one kept a little longer changes nothing.
#[derive(Debug, Default)]
pub(crate) struct Sweeps {
    logins: AtomicI64,
    sign_transactions: AtomicI64,
    oidc_tokens: AtomicI64,
    assertions: AtomicI64,
    organisation_tokens: AtomicI64,
    collection_misses: AtomicI64,
}

/// How far a sweep's threshold moves (in the callers' clock) before the next.
pub(crate) const SWEEP_EVERY_US: i64 = 1_000_000;

impl Sweeps {
    /// Whether the rows before `threshold` are to be forgotten now, noting it if so.
    fn due(last: &AtomicI64, threshold: i64, every: i64) -> bool {
        let before = last.load(Ordering::Relaxed);
        threshold.saturating_sub(before) >= every
            && last
                .compare_exchange(before, threshold, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
    }
}

pub(crate) struct SqlTx {
    /// The connection, in its transaction; on SQLite's writer it holds the writer's turn
    /// until the transaction commits or rolls back.
    tx: Conn,
    backend: Backend,
    sweeps: Arc<Sweeps>,
}

impl SqlTx {
    pub(crate) fn new(tx: Conn, backend: Backend, sweeps: Arc<Sweeps>) -> Self {
        Self {
            tx,
            backend,
            sweeps,
        }
    }

    /// Runs `sql`, a DELETE of the rows below its `$1`, with `threshold`, if a sweep is due.
    async fn sweep(
        &mut self,
        kind: fn(&Sweeps) -> &AtomicI64,
        every: i64,
        sql: &'static str,
        threshold: i64,
    ) -> Result<(), StoreError> {
        if Sweeps::due(kind(&self.sweeps), threshold, every) {
            query(sql)
                .bind(threshold)
                .execute(&mut self.tx)
                .await
                .map_err(db)?;
        }
        Ok(())
    }

    /// `INSERT INTO {head} VALUES (…), (…) {tail}` in chunks; returns the rows any `RETURNING`
    /// clause produced.
    async fn insert_many(
        &mut self,
        head: &str,
        columns: usize,
        rows: Vec<Vec<Val>>,
        tail: &str,
    ) -> Result<Vec<Row>, StoreError> {
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
            let long = chunk.len() >= LONG_ROWS;
            let q = query(AssertSqlSafe(sql))
                .long(long)
                .bind_all(chunk.into_iter().flatten());
            out.extend(
                q.fetch_all(&mut self.tx)
                    .await
                    .map_err(crate::unique_conflict("a unique key"))?,
            );
            // On SQLite's writer a chunk runs on this task's thread without a pause: a bulk
            // load lets the thread's other tasks in between chunks.
            if let Conn::Lite(tx) = &self.tx
                && tx.is_writer()
            {
                tokio::task::yield_now().await;
            }
        }
        Ok(out)
    }
}

/// Indexes of `keys` that are absent from `returned` (rows not inserted because of a conflict).
fn missing(keys: &[String], returned: &[Row]) -> Result<Vec<usize>, StoreError> {
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
        match self.tx {
            Conn::Pool(tx) => tx.commit().await.map_err(db),
            Conn::Lite(tx) => tx.commit().map_err(db),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sweep_is_due_once_its_threshold_has_moved_on() {
        let last = AtomicI64::new(0);
        // The first write of a process sweeps.
        assert!(Sweeps::due(&last, 5_000_000, SWEEP_EVERY_US));
        // Not again within the interval, nor for a threshold gone back.
        assert!(!Sweeps::due(&last, 5_999_999, SWEEP_EVERY_US));
        assert!(!Sweeps::due(&last, 1, SWEEP_EVERY_US));
        // Then once more.
        assert!(Sweeps::due(&last, 6_000_000, SWEEP_EVERY_US));
        assert!(!Sweeps::due(&last, 6_000_000, SWEEP_EVERY_US));
        // Hours: every turn of the hour.
        let hours = AtomicI64::new(0);
        assert!(Sweeps::due(&hours, 491_000, 1));
        assert!(!Sweeps::due(&hours, 491_000, 1));
        assert!(Sweeps::due(&hours, 491_001, 1));
    }
}
