//! Issue 9 at the command line: every command that changes or reveals data acts as a named
//! person (hole 12), and files holding numbers and personal data are owner-only whatever
//! existed before (hole 7).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::{bin, have, sample, text, tmp};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn sql(db: &Path, query: &str) -> String {
    let out = Command::new("sqlite3").arg(db).arg(query).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn issue_9_commands_act_as_a_named_person_and_files_are_owner_only() {
    if !have("sqlite3") {
        return;
    }
    let dir = tmp("trust");
    let csv = sample(&dir, 30, 11);
    let data = dir.join("data");
    let d = ["--data-dir", data.to_str().unwrap()];
    let ok = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = bin();
        c.args(d).args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        out
    };
    let out = ok(
        &["resident", "import", csv.to_str().unwrap()],
        &[("MYNUMBER_OPERATOR_NAME", "新宿 運用者")],
    );
    assert!(
        text(&out.stderr).contains("created the local operator \"新宿 運用者\""),
        "{}",
        text(&out.stderr)
    );
    let token_file = data.join("keys/operator.token");
    assert_eq!(mode(&token_file), 0o600);

    // Hole 12: the ledger names the operator, never the all-zero id of an anonymous
    // administrator.
    let me = text(&ok(&["staff", "me"], &[]).stdout);
    assert!(
        me.contains("新宿 運用者") && me.contains("operator"),
        "{me}"
    );
    let operator_id = me.split('\t').next().unwrap().to_owned();
    let db = data.join("registry.db");
    let actors = sql(&db, "SELECT DISTINCT actor FROM ledger_entries");
    assert!(!actors.contains(&"0".repeat(32)), "{actors}");
    assert!(actors.contains(&operator_id), "{actors}");
    let imports = sql(
        &db,
        "SELECT COUNT(*) FROM ledger_entries WHERE action = 'import' AND actor = (SELECT id FROM staff WHERE kind = 'operator')",
    );
    assert_eq!(imports.trim(), "30");

    // A staff member's token, from a file: the ledger names them.
    let clerk_token = dir.join("clerk.token");
    ok(
        &[
            "staff",
            "add",
            "--name",
            "新宿 太郎",
            "--role",
            "registry-clerk",
            "--municipality",
            "131041",
            "--out",
            clerk_token.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(mode(&clerk_token), 0o600);
    let export = dir.join("export.csv");
    // An export file that existed world-readable is owner-only once written.
    std::fs::write(&export, "old").unwrap();
    std::fs::set_permissions(&export, std::fs::Permissions::from_mode(0o644)).unwrap();
    ok(
        &[
            "resident",
            "export",
            "--purpose",
            "tax",
            "--out",
            export.to_str().unwrap(),
        ],
        &[("MYNUMBER_TOKEN_FILE", clerk_token.to_str().unwrap())],
    );
    assert_eq!(mode(&export), 0o600);
    let clerk_reads = sql(
        &db,
        "SELECT COUNT(*) FROM ledger_entries WHERE action = 'number-read' AND actor = (SELECT id FROM staff WHERE name = '新宿 太郎')",
    );
    assert_eq!(clerk_reads.trim(), "30");

    // A call-center operator may not export: refused, and the refusal recorded.
    let cc_token = dir.join("cc.token");
    ok(
        &[
            "staff",
            "add",
            "--name",
            "コール 花子",
            "--role",
            "call-center-operator",
            "--out",
            cc_token.to_str().unwrap(),
        ],
        &[],
    );
    let cc = std::fs::read_to_string(&cc_token).unwrap();
    let out = bin()
        .args(d)
        .args(["resident", "export"])
        .env("MYNUMBER_TOKEN", cc.trim())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("the call-center-operator role may not export-records"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        sql(
            &db,
            "SELECT COUNT(*) FROM ledger_entries WHERE action = 'access-denied'"
        )
        .trim(),
        "1"
    );
    // A token that was never issued is refused.
    let out = bin()
        .args(d)
        .args(["resident", "export"])
        .env("MYNUMBER_TOKEN", format!("mn_{}", "ab".repeat(32)))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("was refused"));

    // Hole 7: a data directory left world-readable by an earlier version is owner-only again
    // at the next start.
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    ok(&["ledger", "verify"], &[]);
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&db), 0o600);
    // Everything the binary created in it is owner-only.
    for entry in std::fs::read_dir(&data).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            assert_eq!(mode(&p) & 0o077, 0, "{}", p.display());
        }
    }
}
