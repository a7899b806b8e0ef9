//! mynumber-store: the app's storage ports implemented with sqlx, on SQLite or PostgreSQL.
//!
//! One implementation serves both databases: the SQL is the common dialect (`$N` placeholders,
//! `ON CONFLICT … DO NOTHING RETURNING`), dates are ISO text and instants are BIGINT
//! microseconds because sqlx's `Any` driver decodes only integers, floats, text and bytes.
//! Statements run through sqlx, except a SQLite write transaction's, which run in place on the
//! writer's own connection (`sql.rs`). Only this crate knows SQL.

mod migrate;
mod rows;
mod sql;
mod tx;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use mynumber_app::ports::ReadTx;
use mynumber_app::{Store, StoreError, Tx};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, AssertSqlSafe, Executor};
use tokio::sync::Mutex;

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
    /// SQLite has one writer at a time: this connection, which write transactions run on in
    /// place (`sql::Conn::Lite`; none on PostgreSQL). Writers of this process queue for it
    /// here, first come first served, instead of in SQLite's busy handler, which sleeps up to
    /// 100 ms between tries and so turned a short queue into long tail latencies
    /// (docs/performance.md). Other processes still meet `busy_timeout`.
    writer: Arc<Mutex<sql::Writer>>,
    /// SQLite's connections for lookups (`Store::begin_lookup`), run in place as the writer's
    /// are; `None` on PostgreSQL.
    readers: Option<Arc<sql::Readers>>,
    /// When the short-lived rows were last forgotten.
    sweeps: Arc<tx::Sweeps>,
}

/// How long another process's writer waits for the write lock (SQLite's `busy_timeout`).
const BUSY_TIMEOUT_MS: u32 = 10_000;

/// How long a writer waits for its turn, like SQLite's `busy_timeout`.
const WRITER_WAIT: Duration = Duration::from_secs(10);

/// How long a writer sleeps before trying again for the write lock another process holds.
const WRITER_RETRY: Duration = Duration::from_millis(2);

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
    /// A server: many short transactions at once, for as long as it runs. SQLite copies its
    /// WAL into the database file from a task of its own, four times a second, instead of in the
    /// commit that happens to fill the WAL's thousandth page: that commit fsynced the file
    /// while every request behind it waited (docs/performance.md).
    Server,
}

/// How often a server's SQLite WAL is copied into the database file. Each turn's copy and sync
/// slows the commits beside it; four short turns a second slow them less than one long one:
/// the search page's p99 at one connection went from 3.9–7.0 ms to 3.2–3.8 ms, at four from
/// 11–25 ms to 8–17 ms (A/B, docs/performance.md).
const WAL_CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

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
        // The writer and the lookups open SQLite's file by its name: an in-memory database
        // would be another one for each of them.
        if backend == Backend::Sqlite
            && (config.url.contains(":memory:") || config.url.contains("mode=memory"))
        {
            return Err(StoreError::Database(
                "an in-memory SQLite database is not supported: name a file".to_owned(),
            ));
        }
        let options = AnyConnectOptions::from_str(&config.url).map_err(db)?;
        let workload = config.workload;
        let pool = AnyPoolOptions::new()
            .max_connections(config.max_connections.max(1))
            .acquire_timeout(Duration::from_secs(30))
            // No ping before each acquisition on SQLite: it is one more trip to the
            // connection's worker thread at the start of every transaction, a write's
            // included, with the writer's turn held (45 µs of 165, docs/performance.md); an
            // embedded database's connection does not drop away. PostgreSQL's may (a restart),
            // so its pool still asks.
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(AssertSqlSafe(sqlite_pragmas(workload)))
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(db)?;
        // The pool's first connection has made the file (`mode=rwc`) and set it to WAL.
        let (writer, readers) = match backend {
            Backend::Sqlite => {
                let path = sqlx::sqlite::SqliteConnectOptions::from_str(&config.url)
                    .map_err(db)?
                    .get_filename()
                    .to_owned();
                pool.acquire().await.map_err(db)?;
                let pragmas = sqlite_pragmas(workload);
                let readers =
                    sql::Readers::new(path.clone(), &pragmas, config.max_connections as usize);
                let writer = sql::Writer::open(path, &pragmas).map_err(db)?;
                (writer, Some(Arc::new(readers)))
            }
            Backend::Postgres => (sql::Writer::default(), None),
        };
        let store = Self {
            pool,
            backend,
            writer: Arc::new(Mutex::new(writer)),
            readers,
            sweeps: Arc::default(),
        };
        migrate::run(&store).await?;
        migrate::search_keys(&store).await?;
        if backend == Backend::Sqlite && workload == Workload::Server {
            tokio::spawn(checkpoint_wal(store.pool.clone(), store.writer.clone()));
        }
        Ok(store)
    }

    /// The backend.
    pub fn backend_kind(&self) -> Backend {
        self.backend
    }
}

/// The pragmas of every SQLite connection for `workload`, the writer's included.
fn sqlite_pragmas(workload: Workload) -> String {
    // WAL lets readers run beside the writer; busy_timeout makes a second process wait for
    // the write lock instead of failing at once. The indexes have random keys (ids, codes,
    // numbers), so a page cache far above the 2 MB default keeps inserts off the read
    // syscalls (docs/performance.md).
    let mut pragmas = format!(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; \
         PRAGMA busy_timeout={BUSY_TIMEOUT_MS}; PRAGMA foreign_keys=ON; \
         PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
    );
    match workload {
        // One writer alone: memory-mapped reads spare it the read syscalls. A server maps
        // nothing: in WAL mode a connection that finds the database changed since its last
        // read unmaps the whole file and faults it back in page by page, and with a write
        // every few searches that was 45 % of a server's time (docs/performance.md).
        // Checkpoint (copy the WAL into the database) only every 200,000 pages instead of
        // every 1,000: a page dirtied by many batches is then written once, not once per
        // batch (docs/performance.md). The store's close at the end checkpoints the rest.
        // A bulk load touches every index of the register at random places: a page cache of
        // 256 MiB holds their working set at a million residents (docs/performance.md).
        Workload::BulkLoad => pragmas.push_str(
            " PRAGMA mmap_size=1073741824; PRAGMA wal_autocheckpoint=200000; \
             PRAGMA cache_size=-262144;",
        ),
        // Checkpoints are the server's own task (`checkpoint_wal`); a WAL that grew past the
        // size it restarts at is cut back to it. Pages are SQLite's default 4 KiB: no
        // migration sets page_size.
        Workload::Server => pragmas.push_str(&format!(
            " PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit={};",
            WAL_RESTART_FRAMES * 4096
        )),
        Workload::Command => {}
    }
    pragmas
}

/// A server's SQLite WAL checkpoints (see [`Workload::Server`]). Ends when the pool closes
/// (whose last connection checkpoints the rest).
async fn checkpoint_wal(pool: AnyPool, writer: Arc<Mutex<sql::Writer>>) {
    let mut every = tokio::time::interval(WAL_CHECKPOINT_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // After a forced restart that a long reader (an export, a ledger verification, another
    // process) kept from finishing, the next waits: retrying at every turn would hold the
    // writers four times a second for as long as that reader reads.
    let mut back_off = WAL_RESTART_BACK_OFF;
    let mut force_from = tokio::time::Instant::now();
    let mut warned = false;
    loop {
        every.tick().await;
        if pool.is_closed() {
            return;
        }
        let may_force = tokio::time::Instant::now() >= force_from;
        match checkpoint_once(&pool, &writer, may_force, WAL_RESTART_FRAMES).await {
            Ok(Turn::Restarted) => {
                back_off = WAL_RESTART_BACK_OFF;
                warned = false;
            }
            // Not a restart (none due, or backing off): the back-off keeps its length.
            Ok(Turn::Copied) => warned = false,
            Ok(Turn::ReadersStayed) => {
                tracing::info!(
                    back_off_s = back_off.as_secs(),
                    "the WAL could not start over: a reader stayed in it; trying again later"
                );
                force_from = tokio::time::Instant::now() + back_off;
                back_off = (back_off * 2).min(WAL_RESTART_BACK_OFF_MAX);
            }
            Err(e) => {
                if pool.is_closed() {
                    return;
                }
                // The WAL only grows until a later turn succeeds; nothing is lost. Told once
                // until a turn succeeds, not at every turn.
                if !warned {
                    tracing::warn!(error = %e, "a WAL checkpoint failed; the next turns try again");
                    warned = true;
                }
            }
        }
    }
}

/// What a checkpoint turn did.
enum Turn {
    /// Copied what it could; the WAL was short enough, or a restart was not due.
    Copied,
    /// The WAL starts over at the next write.
    Restarted,
    /// A reader stayed in the WAL longer than [`WAL_RESTART_WAIT`]; the writers went on.
    ReadersStayed,
}

/// The first wait after a forced restart that readers kept from finishing; it doubles up to
/// [`WAL_RESTART_BACK_OFF_MAX`].
const WAL_RESTART_BACK_OFF: Duration = Duration::from_secs(30);

/// The longest wait between forced restarts that readers keep from finishing.
const WAL_RESTART_BACK_OFF_MAX: Duration = Duration::from_secs(600);

/// WAL frames (pages) past which a checkpoint holds the writers back to start the WAL over:
/// 1 GiB of 4 KiB pages. A WAL starts over by itself only when its writer finds every page
/// copied and no reader in it, which a server written to every few milliseconds never is; so
/// this bounds it, and the file is kept at this size to be written over (`journal_size_limit`)
/// rather than cut and grown again. A long WAL costs readers little: they look a page up only
/// among the frames written since the last checkpoint. A forced restart held the writers
/// 40–450 ms on this machine's disk (the RESTART checkpoint's own time), so it is rare by
/// design: every 30 s or so under searching without a pause, hours apart at a counter's pace
/// (docs/performance.md).
const WAL_RESTART_FRAMES: i64 = 262_144;

/// Pages a PASSIVE pass may still find to copy for the writers to be held back for the rest:
/// the database file syncs at about 25 µs a page here, so a few milliseconds
/// (docs/performance.md).
const WAL_RESTART_REMAINDER: i64 = 256;

/// PASSIVE passes before the writers are held back whatever is left.
const WAL_PASSES: usize = 4;

/// How long this process's writers are held back, at most, while the readers still in the
/// WAL finish, so that it can start over.
const WAL_RESTART_WAIT: Duration = Duration::from_millis(50);

/// One turn. A PASSIVE checkpoint copies the WAL's pages into the database file and syncs it
/// while readers and the writer go on. It cannot start the WAL over while any reader is in
/// it, and a busy server's readers never all pause at once: the WAL grew to 3 GB in minutes
/// of searching (docs/performance.md). So when the WAL is long, passes repeat until the
/// pages written during the last are few; then the turn holds this process's writers back
/// (their mutex), copies those, and asks for a RESTART every half millisecond until the
/// readers have left the WAL, for at most [`WAL_RESTART_WAIT`]: the next writer then writes
/// from its start. SQLite's own busy handler would sleep up to 100 ms between tries with the
/// writers held. `may_force` is false while a restart that readers kept from finishing is
/// backing off (see [`checkpoint_wal`]); `restart_frames` is [`WAL_RESTART_FRAMES`] but in
/// tests.
async fn checkpoint_once(
    pool: &AnyPool,
    writer: &Mutex<sql::Writer>,
    may_force: bool,
    restart_frames: i64,
) -> Result<Turn, sqlx::Error> {
    use sqlx::Row as _;
    let mut conn = pool.acquire().await?;
    let started = std::time::Instant::now();
    let mut copied_before = 0;
    let mut passes = 0;
    for pass in 0..WAL_PASSES {
        passes = pass + 1;
        let passive = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(&mut *conn)
            .await?;
        let (frames, copied): (i64, i64) = (passive.try_get(1)?, passive.try_get(2)?);
        if pass == 0 && (frames <= restart_frames || !may_force) {
            return Ok(Turn::Copied);
        }
        if copied - copied_before <= WAL_RESTART_REMAINDER {
            break;
        }
        copied_before = copied;
    }
    let passive_ms = started.elapsed().as_millis();
    // The pool's connection is kept, then the turn taken: writers use no pool connection
    // (they run on the writer's own), so holding one while waiting for the turn keeps no
    // writer waiting, and the turn is never held while waiting for the pool.
    let _turn = writer.lock().await;
    let held = std::time::Instant::now();
    let mut tries = 0;
    // The busy handler would sleep with the writers held. The connection goes back to the
    // pool only with its busy_timeout set back; one whose setting is in doubt is closed.
    if let Err(e) = conn.execute("PRAGMA busy_timeout=0").await {
        conn.close_on_drop();
        return Err(e);
    }
    let until = tokio::time::Instant::now() + WAL_RESTART_WAIT;
    let restarted = loop {
        tries += 1;
        let restart = sqlx::query("PRAGMA wal_checkpoint(RESTART)")
            .fetch_one(&mut *conn)
            .await;
        match restart.and_then(|row| row.try_get::<i64, _>(0)) {
            Ok(0) => break Ok(Turn::Restarted),
            Ok(_) if tokio::time::Instant::now() < until => {
                tokio::time::sleep(Duration::from_micros(500)).await;
            }
            // Still busy at the deadline: the writers go on.
            Ok(_) => break Ok(Turn::ReadersStayed),
            Err(e) => break Err(e),
        }
    };
    let held = held.elapsed();
    let restore = AssertSqlSafe(format!("PRAGMA busy_timeout={BUSY_TIMEOUT_MS}"));
    if let Err(e) = conn.execute(restore).await {
        conn.close_on_drop();
        return Err(e);
    }
    tracing::debug!(
        passes,
        copied_before,
        passive_ms,
        tries,
        held_ms = held.as_millis(),
        restarted = matches!(restarted, Ok(Turn::Restarted)),
        "a forced WAL restart"
    );
    restarted
}

#[async_trait]
impl Store for SqlStore {
    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError> {
        let tx = match self.backend {
            Backend::Sqlite => {
                let busy = || {
                    StoreError::Database(
                        "the database is busy: another write took more than 10 s".to_owned(),
                    )
                };
                let until = tokio::time::Instant::now() + WRITER_WAIT;
                let mut turn = tokio::time::timeout_at(until, self.writer.clone().lock_owned())
                    .await
                    .map_err(|_| busy())?;
                // Another process's write: the turn is kept and the task sleeps (never
                // SQLite's busy handler, which would sleep on this thread).
                loop {
                    match sql::LiteTx::write(turn).map_err(db)? {
                        sql::Begun::Tx(tx) => break sql::Conn::Lite(tx),
                        sql::Begun::Busy(_) if tokio::time::Instant::now() >= until => {
                            return Err(busy());
                        }
                        sql::Begun::Busy(held) => {
                            turn = held;
                            tokio::time::sleep(WRITER_RETRY).await;
                        }
                    }
                }
            }
            Backend::Postgres => sql::Conn::Pool(self.pool.begin().await.map_err(db)?),
        };
        Ok(Box::new(tx::SqlTx::new(
            tx,
            self.backend,
            self.sweeps.clone(),
        )))
    }

    async fn begin_read(&self) -> Result<Box<dyn ReadTx>, StoreError> {
        let tx = self.pool.begin().await.map_err(db)?;
        Ok(Box::new(tx::SqlTx::new(
            sql::Conn::Pool(tx),
            self.backend,
            self.sweeps.clone(),
        )))
    }

    async fn begin_lookup(&self) -> Result<Box<dyn ReadTx>, StoreError> {
        let Some(readers) = &self.readers else {
            return self.begin_read().await;
        };
        let lease = readers.lease().await.map_err(db)?;
        Ok(Box::new(tx::SqlTx::new(
            sql::Conn::Lite(sql::LiteTx::read(lease).map_err(db)?),
            self.backend,
            self.sweeps.clone(),
        )))
    }

    async fn close(&self) {
        // The writer and the lookups' connections first (after the write in progress, if
        // any): the pool's last connection to close is then the database's last, which
        // checkpoints the WAL into the file.
        self.writer.lock().await.close();
        if let Some(readers) = &self.readers {
            readers.close();
        }
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

pub(crate) fn db(e: impl Into<sql::SqlError>) -> StoreError {
    StoreError::Database(e.into().to_string())
}

/// Maps a unique-key violation to [`StoreError::Conflict`] naming `what`, anything else as
/// [`db`] does.
pub(crate) fn unique_conflict(what: &'static str) -> impl Fn(sql::SqlError) -> StoreError {
    move |e| match e {
        e if e.is_unique_violation() => StoreError::Conflict(what),
        e => db(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Row as _;

    /// A pool on a fresh SQLite file in WAL mode that never checkpoints by itself, as a
    /// server's; the file is removed when the guard drops.
    async fn wal_pool() -> (AnyPool, Removed) {
        sqlx::any::install_default_drivers();
        let path = std::env::temp_dir().join(format!(
            "mynumber-wal-{}-{}.db",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let pool = AnyPoolOptions::new()
            .max_connections(3)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute(AssertSqlSafe(format!(
                        "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; \
                         PRAGMA busy_timeout={BUSY_TIMEOUT_MS};"
                    )))
                    .await?;
                    Ok(())
                })
            })
            .connect(&format!("sqlite://{}?mode=rwc", path.display()))
            .await
            .unwrap();
        pool.execute("CREATE TABLE t (x BLOB)").await.unwrap();
        (pool, Removed(path))
    }

    struct Removed(std::path::PathBuf);
    impl Drop for Removed {
        fn drop(&mut self) {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
            }
        }
    }

    /// Another process's write: the store's writer waits its turn (the write lock) with the
    /// task's own sleeps, not SQLite's busy handler, and begins once the lock is let go.
    #[tokio::test]
    async fn a_write_waits_for_another_process_s_write() {
        let (pool, removed) = wal_pool().await;
        pool.close().await;
        let store = SqlStore::connect(&StoreConfig {
            url: format!("sqlite://{}?mode=rwc", removed.0.display()),
            max_connections: 2,
            workload: Workload::Command,
        })
        .await
        .unwrap();
        let other = rusqlite::Connection::open(&removed.0).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        let held = std::time::Instant::now();
        let release = async move {
            tokio::time::sleep(Duration::from_millis(150)).await;
            other.execute_batch("COMMIT").unwrap();
        };
        let (tx, ()) = tokio::join!(store.begin(), release);
        assert!(tx.is_ok(), "the write did not wait: {:?}", tx.err());
        assert!(held.elapsed() >= Duration::from_millis(150));
        drop(tx);
        store.close().await;
    }

    /// The writer and the lookups open the file by its name, so an in-memory database is
    /// refused with a reason rather than split into several.
    #[tokio::test]
    async fn an_in_memory_database_is_refused() {
        for url in ["sqlite::memory:", "sqlite://x.db?mode=memory"] {
            let refused = SqlStore::connect(&StoreConfig {
                url: url.to_owned(),
                max_connections: 1,
                workload: Workload::Command,
            })
            .await;
            assert!(
                matches!(&refused, Err(StoreError::Database(m)) if m.contains("in-memory")),
                "{url}: {refused:?}"
            );
        }
    }

    /// Writes `rows` rows of a page each.
    async fn write(pool: &AnyPool, rows: usize) {
        for i in 0..rows {
            sqlx::query("INSERT INTO t VALUES (zeroblob(4000 + ?))")
                .bind(i as i64)
                .execute(pool)
                .await
                .unwrap();
        }
    }

    /// The WAL's length in frames (a PASSIVE checkpoint's second column).
    async fn frames(pool: &AnyPool) -> i64 {
        sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(pool)
            .await
            .unwrap()
            .get(1)
    }

    /// The forced restart (it runs only past 1 GiB in a server, so here past 16 frames): not
    /// before the bound nor while backing off; with a reader in the WAL it lets the writers go
    /// after its wait; once the reader leaves, the WAL starts over at the next write.
    #[tokio::test]
    async fn a_long_wal_starts_over_once_its_readers_leave() {
        let (pool, _removed) = wal_pool().await;
        let writer = Mutex::new(sql::Writer::default());
        write(&pool, 40).await;
        // A reader in the middle of a transaction, in the WAL.
        let mut reader = pool.acquire().await.unwrap();
        reader.execute("BEGIN").await.unwrap();
        let seen: i64 = sqlx::query("SELECT COUNT(*) FROM t")
            .fetch_one(&mut *reader)
            .await
            .unwrap()
            .get(0);
        assert_eq!(seen, 40);
        write(&pool, 40).await;
        let long = frames(&pool).await;
        assert!(long > 80, "{long} frames");

        // Not due: under the bound, or backing off.
        let turn = checkpoint_once(&pool, &writer, true, 1_000_000).await;
        assert!(matches!(turn, Ok(Turn::Copied)));
        let turn = checkpoint_once(&pool, &writer, false, 16).await;
        assert!(matches!(turn, Ok(Turn::Copied)));
        // Due, with the reader still in: the writers are let go, the WAL goes on.
        let turn = checkpoint_once(&pool, &writer, true, 16).await;
        assert!(matches!(turn, Ok(Turn::ReadersStayed)));
        assert!(writer.try_lock().is_ok(), "the writers were not let go");
        write(&pool, 1).await;
        assert!(
            frames(&pool).await > long,
            "the WAL started over under a reader"
        );

        // The reader leaves: the WAL starts over, and the next write is at its start.
        reader.execute("COMMIT").await.unwrap();
        drop(reader);
        let turn = checkpoint_once(&pool, &writer, true, 16).await;
        assert!(matches!(turn, Ok(Turn::Restarted)));
        assert!(writer.try_lock().is_ok(), "the writers were not let go");
        write(&pool, 1).await;
        let after = frames(&pool).await;
        assert!(after < 16, "{after} frames after the restart");
        // Nothing was lost.
        let rows: i64 = sqlx::query("SELECT COUNT(*) FROM t")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0);
        assert_eq!(rows, 82);
        // The connection that restarted went back with its busy timeout restored: each of
        // the pool's connections, taken at once, has it.
        let mut taken = Vec::new();
        for _ in 0..3 {
            let mut conn = pool.acquire().await.unwrap();
            let timeout: i64 = sqlx::query("PRAGMA busy_timeout")
                .fetch_one(&mut *conn)
                .await
                .unwrap()
                .get(0);
            assert_eq!(timeout, i64::from(BUSY_TIMEOUT_MS));
            taken.push(conn);
        }
    }
}
