//! The statements' one way to a transaction: sqlx for PostgreSQL and SQLite's reads, and for a
//! SQLite write (or lookup) a connection of this crate's own, called in place.
//!
//! Why two ways: sqlx runs each SQLite connection on a thread of its own and hands every
//! statement there and back (a channel, a futex wake each way). With SQLite's one writer, the
//! writer's turn was held through each of those trips: about 90 µs a statement on this
//! machine's two cores, against ~10 µs of SQL, and the turn was busy all the time
//! (docs/performance.md, "where the writer's turn goes"). A write transaction now holds the
//! writer's connection itself (opened by this crate with rusqlite over the same SQLite
//! library) and runs each statement on the task's own thread: no trip, no wake. Its
//! statements are short and WAL commits at `synchronous=NORMAL` do not sync, so they do not
//! hold the thread longer than a trip did. The exceptions are named: a long statement
//! ([`Query::long`]) hands the thread's other tasks on first, and the write lock another
//! process holds is waited for by the store with the task's own sleeps ([`Begun::Busy`]).

use std::borrow::Cow;
use std::sync::Arc;

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use sqlx::any::AnyRow;
use sqlx::{Any, AssertSqlSafe, Transaction};
use tokio::sync::OwnedMutexGuard;

use crate::rows::Val;

/// SQLite's writer connection (none on PostgreSQL, and once the store is closed), and how to
/// open it again: a connection whose transaction could not be rolled back is closed (which
/// rolls it back) and replaced at the next write.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    conn: Option<rusqlite::Connection>,
    /// The file and the pragmas, while the store is open.
    reopen: Option<(std::path::PathBuf, String)>,
}

impl Writer {
    /// The writer of the file at `path`. It never waits for the write lock in SQLite's busy
    /// handler (`busy_timeout=0`), which would sleep on the task's thread: [`LiteTx::write`]
    /// answers busy, and the store retries after a sleep of the task's own.
    pub(crate) fn open(path: std::path::PathBuf, pragmas: &str) -> Result<Self, SqlError> {
        let pragmas = format!("{pragmas} PRAGMA busy_timeout=0;");
        Ok(Self {
            conn: Some(open(&path, &pragmas)?),
            reopen: Some((path, pragmas)),
        })
    }

    /// Closes it for good.
    pub(crate) fn close(&mut self) {
        self.conn = None;
        self.reopen = None;
    }

    /// The connection, opened again if it was closed after a failed rollback.
    fn connection(&mut self) -> Result<&rusqlite::Connection, SqlError> {
        if self.conn.is_none()
            && let Some((path, pragmas)) = &self.reopen
        {
            self.conn = Some(open(path, pragmas)?);
        }
        self.conn.as_ref().ok_or(SqlError::Closed)
    }
}

/// What [`LiteTx::write`] found.
pub(crate) enum Begun {
    /// The transaction, with the write lock.
    Tx(LiteTx),
    /// Another process holds the write lock: the turn, handed back to try again.
    Busy(OwnedMutexGuard<Writer>),
}

/// Prepared statements kept on each of this crate's connections: every statement the store
/// writes with, and the chunk shapes of bulk inserts.
const CACHED_STATEMENTS: usize = 512;

/// Why a statement failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SqlError {
    /// Through sqlx.
    #[error("{0}")]
    Sqlx(#[from] sqlx::Error),
    /// On a connection of this crate's.
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A column that is not there, or not of the type asked for.
    #[error("{0}")]
    Column(String),
    /// The store was closed.
    #[error("the store is closed")]
    Closed,
    /// `fetch_one` found nothing.
    #[error("no rows returned by a query that expected to return at least one row")]
    NoRow,
}

impl SqlError {
    /// Whether a unique key (or primary key) refused the row.
    pub(crate) fn is_unique_violation(&self) -> bool {
        match self {
            Self::Sqlx(sqlx::Error::Database(d)) => d.is_unique_violation(),
            Self::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.extended_code,
                rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            ),
            _ => false,
        }
    }
}

/// A transaction's connection.
pub(crate) enum Conn {
    /// Through sqlx: PostgreSQL, and SQLite's read-only transactions.
    Pool(Transaction<'static, Any>),
    /// A SQLite transaction on a connection of this crate's, called in place: the writer's,
    /// or a lookup's.
    Lite(LiteTx),
}

/// See [`Conn::Lite`]. Begun when made; rolled back when dropped uncommitted.
pub(crate) struct LiteTx {
    handle: Handle,
    open: bool,
}

/// Whose connection a [`LiteTx`] runs on.
enum Handle {
    /// The writer's: holding the guard is holding the writer's turn.
    Writer(OwnedMutexGuard<Writer>),
    /// A lookup's, lent by [`Readers`].
    Reader(Lease),
}

impl LiteTx {
    /// A write transaction on the writer's connection, whose turn `turn` holds. IMMEDIATE
    /// takes the write lock now: two deferred transactions that both read and then write
    /// would otherwise deadlock on the upgrade, and busy_timeout can't help.
    pub(crate) fn write(mut turn: OwnedMutexGuard<Writer>) -> Result<Begun, SqlError> {
        let conn = turn.connection()?;
        match conn.execute_batch("BEGIN IMMEDIATE") {
            Ok(()) => Ok(Begun::Tx(Self {
                handle: Handle::Writer(turn),
                open: true,
            })),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => {
                Ok(Begun::Busy(turn))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// A read-only transaction on a lookup's connection.
    pub(crate) fn read(lease: Lease) -> Result<Self, SqlError> {
        let mut tx = Self {
            handle: Handle::Reader(lease),
            open: false,
        };
        tx.connection()?.execute_batch("BEGIN")?;
        tx.open = true;
        Ok(tx)
    }

    fn connection(&self) -> Result<&rusqlite::Connection, SqlError> {
        match &self.handle {
            Handle::Writer(w) => w.conn.as_ref(),
            Handle::Reader(r) => r.conn.as_ref(),
        }
        .ok_or(SqlError::Closed)
    }

    /// Commits; a failed commit is rolled back (by the drop).
    pub(crate) fn commit(mut self) -> Result<(), SqlError> {
        self.connection()?.execute_batch("COMMIT")?;
        self.open = false;
        Ok(())
    }

    /// Whether this is the writer's (a bulk insert then yields between its chunks).
    pub(crate) fn is_writer(&self) -> bool {
        matches!(self.handle, Handle::Writer(_))
    }
}

impl Drop for LiteTx {
    fn drop(&mut self) {
        if self.open
            && let Ok(conn) = self.connection()
            && !conn.is_autocommit()
            && let Err(e) = conn.execute_batch("ROLLBACK")
        {
            // A connection in doubt is closed, which rolls its transaction back: a lookup's is
            // not lent again, the writer's is opened anew at the next write.
            tracing::error!(error = %e, "a SQLite transaction could not be rolled back");
            match &mut self.handle {
                Handle::Reader(lease) => lease.conn = None,
                Handle::Writer(w) => w.conn = None,
            }
        }
    }
}

/// Opens a connection of this crate's to the SQLite file `path`, with `pragmas`.
pub(crate) fn open(
    path: &std::path::Path,
    pragmas: &str,
) -> Result<rusqlite::Connection, SqlError> {
    use rusqlite::OpenFlags;
    let conn = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.execute_batch(pragmas)?;
    conn.set_prepared_statement_cache_capacity(CACHED_STATEMENTS);
    Ok(conn)
}

/// Connections for lookups: read-only transactions of a few point reads on a request's hot
/// path (a token, a session, a log-in), run in place like the writer's statements. Long reads
/// (a search, an export) stay on sqlx's threads, where they do not hold a task's thread.
/// Connections are opened as needed, up to the pool's size, and kept.
#[derive(Debug)]
pub(crate) struct Readers {
    path: std::path::PathBuf,
    pragmas: String,
    idle: std::sync::Mutex<Vec<rusqlite::Connection>>,
    permits: Arc<tokio::sync::Semaphore>,
}

/// A lookup's connection, lent until dropped.
pub(crate) struct Lease {
    conn: Option<rusqlite::Connection>,
    home: Arc<Readers>,
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl Readers {
    /// At most `max` connections to `path`, each with `pragmas` and made read-only.
    pub(crate) fn new(path: std::path::PathBuf, pragmas: &str, max: usize) -> Self {
        Self {
            path,
            // A lookup reads a few pages of small tables: 8 MiB of page cache, not a writer's.
            pragmas: format!("{pragmas} PRAGMA cache_size=-8192; PRAGMA query_only=1;"),
            idle: std::sync::Mutex::default(),
            permits: Arc::new(tokio::sync::Semaphore::new(max.max(1))),
        }
    }

    /// A connection, when one is free.
    pub(crate) async fn lease(self: &Arc<Self>) -> Result<Lease, SqlError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| SqlError::Closed)?;
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let conn = match idle {
            Some(conn) => conn,
            None => open(&self.path, &self.pragmas)?,
        };
        Ok(Lease {
            conn: Some(conn),
            home: self.clone(),
            _permit: permit,
        })
    }

    /// Closes the idle connections and lends no more.
    pub(crate) fn close(&self) {
        self.permits.close();
        if let Ok(mut idle) = self.idle.lock() {
            idle.clear();
        }
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take()
            && !self.home.permits.is_closed()
            && let Ok(mut idle) = self.home.idle.lock()
        {
            idle.push(conn);
        }
    }
}

/// A statement with its values, run by one of [`Query::execute`], [`Query::fetch_one`],
/// [`Query::fetch_optional`] and [`Query::fetch_all`].
#[must_use = "a statement does nothing until it is run"]
pub(crate) struct Query {
    sql: Cow<'static, str>,
    values: Vec<Val>,
    /// See [`Query::long`].
    long: bool,
}

/// SQL text, as audited by its caller (`&'static str`, or wrapped in [`AssertSqlSafe`]).
pub(crate) trait SqlText {
    fn text(self) -> Cow<'static, str>;
}

impl SqlText for &'static str {
    fn text(self) -> Cow<'static, str> {
        Cow::Borrowed(self)
    }
}

impl SqlText for AssertSqlSafe<String> {
    fn text(self) -> Cow<'static, str> {
        Cow::Owned(self.0)
    }
}

impl SqlText for AssertSqlSafe<&'static str> {
    fn text(self) -> Cow<'static, str> {
        Cow::Borrowed(self.0)
    }
}

/// A statement.
pub(crate) fn query(sql: impl SqlText) -> Query {
    Query {
        sql: sql.text(),
        values: Vec::new(),
        long: false,
    }
}

/// What a statement changed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Done {
    rows: u64,
}

impl Done {
    /// Rows inserted, updated or deleted.
    pub(crate) fn rows_affected(self) -> u64 {
        self.rows
    }
}

impl Query {
    /// Binds the next `$N` (or `?`).
    pub(crate) fn bind(mut self, value: impl Into<Val>) -> Self {
        self.values.push(value.into());
        self
    }

    /// Marks it as long (milliseconds or more: a bulk insert's chunk, a whole import's
    /// index). Run in place, it first hands the thread's other tasks to another thread
    /// (`block_in_place`), so that they do not wait behind it.
    pub(crate) fn long(mut self, long: bool) -> Self {
        self.long = long;
        self
    }

    /// Binds each of `values` in turn.
    pub(crate) fn bind_all(mut self, values: impl IntoIterator<Item = Val>) -> Self {
        self.values.extend(values);
        self
    }

    fn sqlx(self) -> sqlx::query::Query<'static, Any, sqlx::any::AnyArguments> {
        let mut q = sqlx::query(AssertSqlSafe(self.sql));
        for v in self.values {
            q = match v {
                Val::Int(i) => q.bind(i),
                Val::Null => q.bind(Option::<String>::None),
                Val::NullInt => q.bind(Option::<i64>::None),
                Val::Text(s) => q.bind(s),
                Val::Bytes(b) => q.bind(b),
                Val::NullBytes => q.bind(Option::<Vec<u8>>::None),
            };
        }
        q
    }

    /// Runs it, for what it changed.
    pub(crate) async fn execute(self, conn: &mut Conn) -> Result<Done, SqlError> {
        match conn {
            Conn::Pool(tx) => Ok(Done {
                rows: self.sqlx().execute(&mut **tx).await?.rows_affected(),
            }),
            Conn::Lite(w) => {
                let c = w.connection()?;
                self.on_writer(c, |_| Ok(true))?;
                Ok(Done { rows: c.changes() })
            }
        }
    }

    /// Runs it, for its rows.
    pub(crate) async fn fetch_all(self, conn: &mut Conn) -> Result<Vec<Row>, SqlError> {
        match conn {
            Conn::Pool(tx) => Ok(self
                .sqlx()
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(Row::Pool)
                .collect()),
            Conn::Lite(w) => {
                let mut rows = Vec::new();
                self.on_writer(w.connection()?, |r| {
                    rows.push(Row::Writer(r));
                    Ok(true)
                })?;
                Ok(rows)
            }
        }
    }

    /// Runs it, for its first row if any.
    pub(crate) async fn fetch_optional(self, conn: &mut Conn) -> Result<Option<Row>, SqlError> {
        match conn {
            Conn::Pool(tx) => Ok(self.sqlx().fetch_optional(&mut **tx).await?.map(Row::Pool)),
            Conn::Lite(w) => {
                let mut first = None;
                self.on_writer(w.connection()?, |r| {
                    first = Some(Row::Writer(r));
                    Ok(false)
                })?;
                Ok(first)
            }
        }
    }

    /// Runs it, for its first row; none is an error.
    pub(crate) async fn fetch_one(self, conn: &mut Conn) -> Result<Row, SqlError> {
        self.fetch_optional(conn).await?.ok_or(SqlError::NoRow)
    }

    /// Runs it on the writer's connection, handing each row to `each` while it answers `true`
    /// (an `UPDATE … RETURNING` has made all its changes by its first row). Parameters
    /// named `$N` take the Nth value wherever they stand (and however often); anonymous ones
    /// (`?`) take the value of their position.
    fn on_writer(
        self,
        conn: &rusqlite::Connection,
        each: impl FnMut(LiteRow) -> Result<bool, SqlError>,
    ) -> Result<(), SqlError> {
        let multi_thread = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        if self.long && multi_thread {
            tokio::task::block_in_place(|| self.run(conn, each))
        } else {
            self.run(conn, each)
        }
    }

    fn run(
        self,
        conn: &rusqlite::Connection,
        mut each: impl FnMut(LiteRow) -> Result<bool, SqlError>,
    ) -> Result<(), SqlError> {
        let mut stmt = conn.prepare_cached(&self.sql)?;
        for i in 1..=stmt.parameter_count() {
            let n = match stmt.parameter_name(i) {
                Some(name) => name
                    .strip_prefix('$')
                    .and_then(|n| n.parse::<usize>().ok())
                    .ok_or_else(|| SqlError::Column(format!("unexpected parameter {name}")))?,
                None => i,
            };
            let value = n
                .checked_sub(1)
                .and_then(|k| self.values.get(k))
                .ok_or_else(|| SqlError::Column(format!("no value for parameter {n}")))?;
            stmt.raw_bind_parameter(i, value)?;
        }
        let names: Arc<[String]> = stmt.column_names().into_iter().map(str::to_owned).collect();
        let width = names.len();
        let mut rows = stmt.raw_query();
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(row.get::<_, Value>(i)?);
            }
            if !each(LiteRow {
                names: names.clone(),
                values,
            })? {
                break;
            }
        }
        Ok(())
    }
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Val::Int(i) => ValueRef::Integer(*i),
            Val::Null | Val::NullInt | Val::NullBytes => ValueRef::Null,
            Val::Text(s) => ValueRef::Text(s.as_bytes()),
            Val::Bytes(b) => ValueRef::Blob(b),
        }))
    }
}

/// A row read on the writer's connection.
pub(crate) struct LiteRow {
    names: Arc<[String]>,
    values: Vec<Value>,
}

/// A row of a statement's answer.
pub(crate) enum Row {
    /// Through sqlx.
    Pool(AnyRow),
    /// On the writer's connection.
    Writer(LiteRow),
}

impl Row {
    /// Column `index` (a position or a name) as a `T`.
    pub(crate) fn try_get<'r, T, I>(&'r self, index: I) -> Result<T, SqlError>
    where
        T: sqlx::Decode<'r, Any> + sqlx::Type<Any> + FromLite,
        I: sqlx::ColumnIndex<AnyRow> + LiteIndex,
    {
        match self {
            Row::Pool(row) => Ok(sqlx::Row::try_get(row, index)?),
            Row::Writer(row) => {
                let i = index.position(&row.names)?;
                let value = row
                    .values
                    .get(i)
                    .ok_or_else(|| SqlError::Column(format!("no column {i}")))?;
                T::from_lite(value).map_err(|e| {
                    let name = row.names.get(i).map_or("?", String::as_str);
                    SqlError::Column(format!("column {name}: {e}"))
                })
            }
        }
    }
}

/// Where a column is: its position, or its name.
pub(crate) trait LiteIndex {
    fn position(&self, names: &[String]) -> Result<usize, SqlError>;
}

impl LiteIndex for usize {
    fn position(&self, names: &[String]) -> Result<usize, SqlError> {
        (*self < names.len())
            .then_some(*self)
            .ok_or_else(|| SqlError::Column(format!("no column {self}")))
    }
}

impl LiteIndex for &str {
    fn position(&self, names: &[String]) -> Result<usize, SqlError> {
        names
            .iter()
            .position(|n| n == self)
            .ok_or_else(|| SqlError::Column(format!("no column {self}")))
    }
}

/// A Rust value from a SQLite value. As sqlx's SQLite decoding does (`sqlite3_value_text`,
/// `sqlite3_value_int64`), text is read from an integer and an integer from text; a NULL only
/// into an `Option`.
pub(crate) trait FromLite: Sized {
    fn from_lite(value: &Value) -> Result<Self, String>;
}

impl FromLite for i64 {
    fn from_lite(value: &Value) -> Result<Self, String> {
        match value {
            Value::Integer(i) => Ok(*i),
            Value::Text(s) => s.trim().parse().map_err(|_| "not an integer".to_owned()),
            other => Err(format!(
                "an integer expected, {:?} found",
                other.data_type()
            )),
        }
    }
}

impl FromLite for String {
    fn from_lite(value: &Value) -> Result<Self, String> {
        match value {
            Value::Text(s) => Ok(s.clone()),
            Value::Integer(i) => Ok(i.to_string()),
            other => Err(format!("text expected, {:?} found", other.data_type())),
        }
    }
}

impl FromLite for Vec<u8> {
    fn from_lite(value: &Value) -> Result<Self, String> {
        match value {
            Value::Blob(b) => Ok(b.clone()),
            Value::Text(s) => Ok(s.as_bytes().to_vec()),
            other => Err(format!("bytes expected, {:?} found", other.data_type())),
        }
    }
}

impl<T: FromLite> FromLite for Option<T> {
    fn from_lite(value: &Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            v => T::from_lite(v).map(Some),
        }
    }
}
