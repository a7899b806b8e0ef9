//! mynumber-store: the app's storage ports implemented with sqlx, on SQLite or PostgreSQL.
//!
//! One implementation serves both databases through sqlx's `Any` driver: the SQL is the common
//! dialect (`$N` placeholders, `ON CONFLICT … DO NOTHING RETURNING`), dates are ISO text and
//! instants are BIGINT microseconds because `Any` decodes only integers, floats, text and bytes.
//! Only this crate knows SQL.

mod migrate;
mod rows;
mod tx;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use mynumber_app::ports::ReadTx;
use mynumber_app::{Store, StoreError, Tx};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use tokio::sync::Semaphore;

pub use migrate::MIGRATIONS;

/// Which database a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// PostgreSQL (`postgres://` or `postgresql://`).
    Postgres,
    /// SQLite (`sqlite:`).
    Sqlite,
}

/// The sqlx store.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time. Writers of this process queue here, first come first
    /// served, instead of in SQLite's busy handler, which sleeps up to 100 ms between tries and
    /// so turned a short queue into long tail latencies (docs/performance.md). Other processes
    /// still meet `busy_timeout`.
    writer: Arc<Semaphore>,
}

/// How long a writer waits for its turn, like SQLite's `busy_timeout`.
const WRITER_WAIT: Duration = Duration::from_secs(10);

/// Options for connecting. No `Default`: the URL must be chosen.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// `sqlite://PATH?mode=rwc` or `postgres://USER@HOST:PORT/DB`.
    pub url: String,
    /// Pool size.
    pub max_connections: u32,
    /// What the connections are for, which SQLite is tuned to.
    pub workload: Workload,
}

/// What a store's connections are for. PostgreSQL is tuned by its own server; SQLite, embedded,
/// is tuned here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// A command or a test: a few transactions, then the process ends.
    Command,
    /// One long bulk load: a single writer that checkpoints the WAL rarely.
    BulkLoad,
}

impl Backend {
    /// The backend a URL names, if it is one of ours.
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else {
            None
        }
    }
}

impl SqlStore {
    /// Connects and brings the schema up to date.
    pub async fn connect(config: &StoreConfig) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(&config.url).ok_or_else(|| {
            StoreError::Database(
                "the database URL must start with sqlite: or postgres://".to_owned(),
            )
        })?;
        let options = AnyConnectOptions::from_str(&config.url).map_err(db)?;
        let workload = config.workload;
        let pool = AnyPoolOptions::new()
            .max_connections(config.max_connections.max(1))
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; busy_timeout makes a second
                        // process wait for the write lock instead of failing at once. The
                        // indexes have random keys (ids, codes, numbers), so a page cache far
                        // above the 2 MB default keeps inserts off the read syscalls
                        // (docs/performance.md).
                        conn.execute(
                            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; \
                             PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; \
                             PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;",
                        )
                        .await?;
                        if workload == Workload::BulkLoad {
                            // One writer alone: memory-mapped reads spare it the read
                            // syscalls. A server maps nothing: in WAL mode a connection that
                            // finds the database changed since its last read unmaps the whole
                            // file and faults it back in page by page, and with a write every
                            // few searches that was 45 % of a server's time (docs/performance.md).
                            conn.execute("PRAGMA mmap_size=1073741824;").await?;
                            // Checkpoint (copy the WAL into the database) only every 200,000
                            // pages instead of every 1,000: a page dirtied by many batches is
                            // then written once, not once per batch (docs/performance.md).
                            // The pool's close at the end checkpoints the rest.
                            // A bulk load touches every index of the register at random
                            // places: a page cache of 256 MiB holds their working set at a
                            // million residents (docs/performance.md).
                            conn.execute(
                                "PRAGMA wal_autocheckpoint=200000; PRAGMA cache_size=-262144;",
                            )
                            .await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(db)?;
        let store = Self {
            pool,
            backend,
            writer: Arc::new(Semaphore::new(1)),
        };
        migrate::run(&store).await?;
        migrate::search_keys(&store).await?;
        Ok(store)
    }

    /// The backend.
    pub fn backend_kind(&self) -> Backend {
        self.backend
    }
}

#[async_trait]
impl Store for SqlStore {
    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError> {
        let (tx, turn) = match self.backend {
            // IMMEDIATE takes the write lock now: two deferred transactions that both read and
            // then write would otherwise deadlock on the upgrade, and busy_timeout can't help.
            Backend::Sqlite => {
                let turn = tokio::time::timeout(WRITER_WAIT, self.writer.clone().acquire_owned())
                    .await
                    .map_err(|_| {
                        StoreError::Database(
                            "the database is busy: another write took more than 10 s".to_owned(),
                        )
                    })?
                    .map_err(|e| StoreError::Database(e.to_string()))?;
                (self.pool.begin_with("BEGIN IMMEDIATE").await, Some(turn))
            }
            Backend::Postgres => (self.pool.begin().await, None),
        };
        Ok(Box::new(tx::SqlTx::new(
            tx.map_err(db)?,
            self.backend,
            turn,
        )))
    }

    async fn begin_read(&self) -> Result<Box<dyn ReadTx>, StoreError> {
        let tx = self.pool.begin().await.map_err(db)?;
        Ok(Box::new(tx::SqlTx::new(tx, self.backend, None)))
    }

    async fn close(&self) {
        self.pool.close().await;
    }

    async fn refresh_statistics(&self) -> Result<(), StoreError> {
        match self.backend {
            // PostgreSQL plans on statistics that autovacuum gathers only some time after a
            // load; until then a name search after a migration of 1,000,000 residents planned
            // bitmap scans of every match and ran 8 times slower (docs/performance.md). The
            // manual says so too ("Populating a Database": run ANALYZE afterwards).
            Backend::Postgres => sqlx::query(
                "ANALYZE persons, resident_versions, individual_numbers, households, ledger_entries",
            )
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(db),
            // SQLite's planner takes the key indexes without statistics (measured, same place).
            Backend::Sqlite => Ok(()),
        }
    }

    fn backend(&self) -> &'static str {
        match self.backend {
            Backend::Postgres => "postgres",
            Backend::Sqlite => "sqlite",
        }
    }
}

pub(crate) fn db(e: sqlx::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

/// Maps a unique-key violation to [`StoreError::Conflict`] naming `what`, anything else as
/// [`db`] does.
pub(crate) fn unique_conflict(what: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |e| match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict(what),
        e => db(e),
    }
}
