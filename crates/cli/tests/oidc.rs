//! Log-in with the card end to end (issue 12, docs/design/oidc.md): a real server, a card from
//! the register, the authentication app (`mynumber card login`) signing through the chip's own
//! commands, and Authlib, an independent OpenID Connect client, as the relying party. It
//! verifies the ID token with the JWKS itself, reads userinfo, and sees a code refused when
//! used twice; a second log-in gets the same pairwise subject; a suspended card is refused.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{bin, export, run, sample, text, tmp};
use serde_json::Value;

/// The Python with Authlib (the oracle venv of scripts/test), or `None` to skip.
fn authlib() -> Option<String> {
    let py = std::env::var("MYNUMBER_PYTHON").unwrap_or_else(|_| "python3".into());
    let found = Command::new(&py)
        .args(["-c", "import authlib, requests"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "Authlib is required (scripts/test installs it in target/oracle-venv)"
        );
        eprintln!("SKIPPED: Authlib is not installed");
        return None;
    }
    Some(py)
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rp/authlib_rp.py")
}

fn python(py: &str, args: &[&str]) -> String {
    let out = Command::new(py).arg(script()).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "authlib_rp.py {args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn ok_in(data: &Path, args: &[&str], stdin: &str) -> String {
    let mut all = vec!["--data-dir", data.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = run(&all, Some(stdin));
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn ok(data: &Path, args: &[&str]) -> String {
    ok_in(data, args, "")
}

/// A server listening on `port` whose public URL is its own address.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(data: &Path, port: u16) -> Server {
    let mut child = bin()
        .args(["--data-dir", data.to_str().unwrap()])
        .args(["--public-url", &format!("http://127.0.0.1:{port}")])
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args(["--checkpoint-minutes", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        let line = lines.next().expect("server exited early").unwrap();
        if line.contains("serving on") {
            break;
        }
    }
    Server(child)
}

/// The app's log-in with the card file and its PIN: its output, and whether it succeeded.
fn card_login(data: &Path, card: &Path, url: &str, pin: &str) -> (bool, String) {
    let out = bin()
        .args(["--data-dir", data.to_str().unwrap()])
        .args(["card", "login", card.to_str().unwrap(), "--url", url])
        .env("MYNUMBER_CARD_PIN", pin)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!("{}{}", text(&out.stdout), text(&out.stderr)),
    )
}

#[test]
fn authlib_logs_in_with_the_card_and_verifies_the_id_token() {
    let Some(py) = authlib() else { return };
    let dir = tmp("oidc-authlib");
    let data = dir.join("data");
    let csv = sample(&dir, 5, 11);
    ok(&data, &["resident", "import", csv.to_str().unwrap()]);
    ok(&data, &["municipality", "name", "131041", "新宿区"]);
    let data_args = ["--data-dir", data.to_str().unwrap()];
    let (code, _) = common::adult(&data_args);
    let birth = export(&data_args, None)
        .into_iter()
        .find(|r| r.contains(&code))
        .map(|r| r[6].clone())
        .unwrap();

    // A card from the register, its user-authentication PIN 1234.
    let photo = dir.join("photo.jpg");
    std::fs::write(&photo, mynumber_app::demo::portrait(3)).unwrap();
    let applied = ok(
        &data,
        &["card", "apply", &code, "--photo", photo.to_str().unwrap()],
    );
    let application = applied.split_whitespace().nth(1).unwrap().to_owned();
    let card = dir.join("card.mnc");
    let produced = ok(
        &data,
        &[
            "card",
            "produce",
            &application,
            "--out",
            card.to_str().unwrap(),
        ],
    );
    let serial = produced.split_whitespace().nth(1).unwrap().to_owned();
    ok_in(
        &data,
        &[
            "card",
            "hand-over",
            &serial,
            "--card",
            card.to_str().unwrap(),
            "--identity",
            "passport",
        ],
        "1234\nabc123\n",
    );

    // The relying party: registered, with its own key (made by Authlib) and its redirection URI.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let issuer = format!("http://127.0.0.1:{port}/api/realms/main");
    let redirect = "http://127.0.0.1:9/callback";
    let key_file = dir.join("rp-key.json");
    let xy: Value =
        serde_json::from_str(&python(&py, &["key", key_file.to_str().unwrap()])).unwrap();
    let registered = ok(
        &data,
        &[
            "organisation",
            "register",
            "--corporate-number",
            "5835678256246",
            "--name",
            "株式会社サンプル認証",
            "--role",
            "authentication-verifier",
        ],
    );
    let client = registered.split('\t').next().unwrap().to_owned();
    ok(
        &data,
        &[
            "organisation",
            "key",
            &client,
            "--kid",
            "rp1",
            "--x",
            xy["x"].as_str().unwrap(),
            "--y",
            xy["y"].as_str().unwrap(),
        ],
    );
    ok(
        &data,
        &[
            "organisation",
            "client",
            &client,
            "--redirect-uri",
            redirect,
        ],
    );
    let _server = serve(&data, port);

    let log_in = |name: &str| -> Value {
        let state = dir.join(format!("{name}.json"));
        let login = python(
            &py,
            &[
                "start",
                &issuer,
                &client,
                key_file.to_str().unwrap(),
                redirect,
                state.to_str().unwrap(),
                "openid name address birthdate gender",
            ],
        );
        let (done, said) = card_login(&data, &card, login.trim(), "1234");
        assert!(done, "{said}");
        assert!(said.contains("株式会社サンプル認証 asks"), "{said}");
        assert!(said.contains("name, address, birthdate, gender"), "{said}");
        serde_json::from_str(&python(&py, &["finish", state.to_str().unwrap()])).unwrap()
    };
    let first = log_in("first");
    let sub = first["claims"]["sub"].as_str().unwrap().to_owned();
    assert_eq!(sub.len(), 64, "{first}");
    assert_eq!(first["claims"]["acr"], "aal3", "{first}");
    assert_eq!(first["userinfo"]["birthdate"], birth.as_str(), "{first}");
    assert!(
        first["userinfo"]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty()),
        "{first}"
    );
    assert!(
        first["userinfo"]["address"]["formatted"]
            .as_str()
            .is_some_and(|a| a.starts_with("東京都新宿区")),
        "{first}"
    );
    assert!(
        matches!(
            first["userinfo"]["gender"].as_str(),
            Some("male" | "female")
        ),
        "{first}"
    );
    // The code a second time: refused, and the access token of its first use ended.
    assert_eq!(first["reuse"], "invalid_grant", "{first}");
    assert_eq!(first["userinfo_after_reuse"], 401, "{first}");

    // The same resident at the same relying party: the same pairwise subject.
    let second = log_in("second");
    assert_eq!(second["claims"]["sub"].as_str(), Some(sub.as_str()));

    // A wrong PIN: the card refuses, and nothing is sent.
    let state = dir.join("third.json");
    let login = python(
        &py,
        &[
            "start",
            &issuer,
            &client,
            key_file.to_str().unwrap(),
            redirect,
            state.to_str().unwrap(),
            "openid",
        ],
    );
    let (done, said) = card_login(&data, &card, login.trim(), "9999");
    assert!(!done && said.contains("wrong PIN"), "{said}");
    // Suspended a moment ago: the certificate is on hold, and the provider refuses it.
    ok(&data, &["card", "suspend", &serial]);
    let (done, said) = card_login(&data, &card, login.trim(), "1234");
    assert!(!done, "{said}");
    assert!(said.contains("on hold"), "{said}");

    // The log-ins are in the ledger on the resident, and the chain holds.
    let verified = ok(&data, &["ledger", "verify"]);
    assert!(verified.contains("every chain intact"), "{verified}");
}
