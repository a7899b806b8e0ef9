//! One transaction: the app's storage ports in SQL, one file per context.

mod cards;
mod certificates;
mod documents;
mod ledger;
mod numbers;
mod oidc;
mod organisations;
mod registry;
mod staff;

use async_trait::async_trait;
use mynumber_app::{StoreError, Tx};
use sqlx::any::AnyRow;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};
use tokio::sync::OwnedSemaphorePermit;

use crate::rows::{Val, version_columns_qualified};
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
            let q = bind_all(sqlx::query(AssertSqlSafe(sql)), chunk.into_iter().flatten());
            out.extend(
                q.fetch_all(&mut *self.tx)
                    .await
                    .map_err(crate::unique_conflict("a unique key"))?,
            );
        }
        Ok(out)
    }
}

/// `q` with `values` bound in order.
fn bind_all<'q>(
    mut q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>,
    values: impl IntoIterator<Item = Val>,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
    for v in values {
        q = match v {
            Val::Int(i) => q.bind(i),
            Val::Null => q.bind(Option::<String>::None),
            Val::NullInt => q.bind(Option::<i64>::None),
            Val::Text(s) => q.bind(s),
        };
    }
    q
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
}
