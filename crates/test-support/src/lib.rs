//! Test support: a throwaway PostgreSQL server for the suites that need one, and decoders
//! written apart from the code under test.
//!
//! Tests that need PostgreSQL call [`postgres_database`]. It uses `TEST_PG_URL`'s server when set,
//! and otherwise starts a private server (initdb + postgres on a free loopback port, as the
//! `postgres` user when running as root, because initdb refuses root). A watchdog stops the
//! server and removes its files when the test process exits. When PostgreSQL is not installed the
//! suite skips loudly, unless `MYNUMBER_REQUIRE_POSTGRES=1` (CI), where it fails instead.

#![allow(
    clippy::panic,
    reason = "test support fails the calling test by panicking"
)]

pub mod prints;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// RFC 4648 base32 (an authenticator app's key), decoded here apart from the server's encoder.
///
/// # Panics
/// On a character outside the base32 alphabet.
pub fn base32_decode(text: &str) -> Vec<u8> {
    let (mut out, mut buffer, mut bits) = (Vec::new(), 0u64, 0);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => panic!("not base32: {c}"),
        };
        buffer = (buffer << 5) | u64::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

/// A running PostgreSQL server reachable on loopback.
#[derive(Debug, Clone)]
pub struct PgServer {
    /// Host.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Superuser name.
    pub user: String,
    bin: PathBuf,
}

/// A fresh, empty database on the shared test server, or `None` (after a loud message) when
/// PostgreSQL is unavailable and not required.
///
/// # Panics
/// When `MYNUMBER_REQUIRE_POSTGRES=1` and no server can be had, or creating the database fails.
pub fn postgres_database(prefix: &str) -> Option<String> {
    let server = server()?;
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "{}_{}_{}",
        prefix.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    server.psql("postgres", &format!("CREATE DATABASE {name}"));
    Some(server.url(&name))
}

/// The shared server, started on first use.
pub fn server() -> Option<&'static PgServer> {
    static SERVER: OnceLock<Option<PgServer>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let required = std::env::var("MYNUMBER_REQUIRE_POSTGRES").as_deref() == Ok("1");
            match start() {
                Ok(s) => Some(s),
                Err(why) if required => {
                    panic!("PostgreSQL is required (MYNUMBER_REQUIRE_POSTGRES=1) but: {why}")
                }
                Err(why) => {
                    eprintln!(
                        "\n=== SKIPPING PostgreSQL tests: {why}. Install PostgreSQL or set TEST_PG_URL; CI sets MYNUMBER_REQUIRE_POSTGRES=1 to make this a failure. ===\n"
                    );
                    None
                }
            }
        })
        .as_ref()
}

impl PgServer {
    /// The URL of database `db`.
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgres://{}@{}:{}/{}",
            self.user, self.host, self.port, db
        )
    }

    /// Runs one SQL command with `psql` against database `db`.
    ///
    /// # Panics
    /// When the command fails.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let out = Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"])
            .args([
                "-h",
                &self.host,
                "-p",
                &self.port.to_string(),
                "-U",
                &self.user,
                "-d",
                db,
            ])
            .args(["-c", sql])
            .output()
            .unwrap_or_else(|e| panic!("running psql: {e}"));
        assert!(
            out.status.success(),
            "psql {sql:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

fn start() -> Result<PgServer, String> {
    if let Ok(url) = std::env::var("TEST_PG_URL") {
        return from_url(&url);
    }
    let bin = find_bin().ok_or("no PostgreSQL server binaries (initdb, postgres) were found")?;
    let dir = std::env::temp_dir().join(format!("mynumber-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let as_root = is_root();
    if as_root {
        use std::os::unix::fs::PermissionsExt;
        // initdb runs its checks with `> /dev/null` as the postgres user; a /dev/null replaced by
        // a root-only file (a program renaming its output over it) fails that with an obscure
        // message, so name the cause.
        if let Ok(meta) = std::fs::metadata("/dev/null")
            && meta.is_file()
            && meta.permissions().mode() & 0o002 == 0
        {
            return Err(
                "/dev/null has been replaced by a regular file other users cannot write, \
                        so the postgres user's shell cannot start; recreate it with \
                        `rm /dev/null && mknod -m 666 /dev/null c 1 3`"
                    .to_owned(),
            );
        }
        run(Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&dir))?;
    }
    let port = free_port()?;
    let data = dir.join("data");
    let initdb = format!(
        "{} -D {} -U app --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync",
        bin.join("initdb").display(),
        data.display()
    );
    run(&mut as_postgres(as_root, &initdb))?;
    // The watchdog runs the server and stops it once this test process is gone.
    let script = format!(
        "{pg} -D {data} -p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off \
         -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 > {dir}/log 2>&1 & \
         PG=$!; while [ -d /proc/{parent} ] && kill -0 $PG 2>/dev/null; do sleep 1; done; \
         kill -INT $PG 2>/dev/null; wait $PG; rm -rf {dir}",
        pg = bin.join("postgres").display(),
        data = data.display(),
        dir = dir.display(),
        parent = std::process::id(),
    );
    as_postgres(as_root, &script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting postgres: {e}"))?;
    let server = PgServer {
        host: "127.0.0.1".into(),
        port,
        user: "app".into(),
        bin,
    };
    wait_ready(&server, &dir)?;
    Ok(server)
}

fn from_url(url: &str) -> Result<PgServer, String> {
    // postgres://user@host:port/db
    let rest = url
        .strip_prefix("postgres://")
        .ok_or("TEST_PG_URL must start with postgres://")?;
    let (user, rest) = rest.split_once('@').ok_or("TEST_PG_URL needs user@host")?;
    let (hostport, _) = rest.split_once('/').unwrap_or((rest, ""));
    let (host, port) = hostport.split_once(':').unwrap_or((hostport, "5432"));
    Ok(PgServer {
        host: host.into(),
        port: port.parse().map_err(|_| "bad port in TEST_PG_URL")?,
        user: user.into(),
        bin: find_bin().unwrap_or_else(|| PathBuf::from("/usr/bin")),
    })
}

fn find_bin() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .collect();
    candidates.sort();
    candidates.reverse();
    candidates.push(PathBuf::from("/usr/local/bin"));
    candidates.push(PathBuf::from("/usr/bin"));
    candidates
        .into_iter()
        .find(|d| {
            d.join("initdb").exists() && d.join("postgres").exists() && d.join("psql").exists()
        })
        .or_else(|| {
            let d = PathBuf::from("/usr/local/bin");
            (d.join("initdb").exists() && Path::new("/usr/bin/psql").exists()).then_some(d)
        })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn as_postgres(as_root: bool, script: &str) -> Command {
    if as_root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--", "sh", "-c", script]);
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", script]);
        c
    }
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("finding a free port: {e}"))?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

fn wait_ready(server: &PgServer, dir: &Path) -> Result<(), String> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        let ok = Command::new(server.bin.join("psql"))
            .args([
                "-X",
                "-q",
                "-At",
                "-h",
                &server.host,
                "-p",
                &server.port.to_string(),
            ])
            .args(["-U", &server.user, "-d", "postgres", "-c", "SELECT 1"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if ok {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
    Err(format!(
        "postgres did not become ready within 30 s; log:\n{log}"
    ))
}
