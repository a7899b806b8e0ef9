//! Helpers shared by the binary's end-to-end tests: running `mynumber`, scratch directories,
//! sample files, exports, a server on a free port, and skipping (or, in CI, failing) when an
//! oracle tool is missing.
#![allow(dead_code, reason = "each test file uses some of the helpers")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub(crate) fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mynumber"));
    c.env("RUST_LOG", "error");
    c
}

pub(crate) fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mynumber-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub(crate) fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.unwrap_or("").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub(crate) fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub(crate) fn sample(dir: &Path, count: usize, seed: u64) -> PathBuf {
    let path = dir.join(format!("sample-{seed}.csv"));
    let out = run(
        &[
            "resident",
            "sample",
            "--count",
            &count.to_string(),
            "--seed",
            &seed.to_string(),
            "--out",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    path
}

pub(crate) fn export(data: &[&str], purpose: Option<&str>) -> Vec<Vec<String>> {
    let mut args = data.to_vec();
    args.extend(["resident", "export"]);
    if let Some(p) = purpose {
        args.extend(["--purpose", p]);
    }
    let out = run(&args, None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// An adult of the register (born before 2005): their resident record code and number.
pub(crate) fn adult(data: &[&str]) -> (String, String) {
    let adult = export(data, None)
        .into_iter()
        .find(|r| r[6].as_str() < "2005-01-01")
        .expect("an adult in the sample");
    let code = adult.last().unwrap().clone();
    let number = export(data, Some("tax"))
        .into_iter()
        .find(|r| r.contains(&code))
        .and_then(|r| {
            r.into_iter()
                .find(|v| v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit()))
        })
        .expect("the adult's number");
    (code, number)
}

/// Whether an external tool is installed; without it the check skips loudly, unless CI
/// requires the oracles.
pub(crate) fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "{tool} is required (apt-get install poppler-utils zbar-tools)"
        );
        eprintln!("SKIPPED: {tool} is not installed");
    }
    found
}

/// A server on a free loopback port, killed when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn serve(data: &Path) -> Server {
    serve_with(data, &[])
}

/// A server on a free port of loopback whose public URL is that address: the pages' URLs (a
/// log-in's, which the authentication app checks against what it signs) are the ones the
/// test reaches.
#[allow(dead_code)] // not every test binary logs in
pub(crate) fn serve_public(data: &Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let listen = format!("127.0.0.1:{port}");
    start(data, &["--public-url", &url], &listen, &[])
}

/// A server with `extra` arguments to `serve` (HTTP or HTTPS: `addr` is host and port).
pub(crate) fn serve_with(data: &Path, extra: &[&str]) -> Server {
    start(data, &[], "127.0.0.1:0", extra)
}

fn start(data: &Path, global: &[&str], listen: &str, extra: &[&str]) -> Server {
    let mut child = bin()
        .args(["--data-dir", data.to_str().unwrap()])
        .args(global)
        .args(["serve", "--listen", listen, "--checkpoint-minutes", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("server exited early").unwrap();
        if let Some(rest) = line
            .split("serving on http://")
            .nth(1)
            .or_else(|| line.split("serving on https://").nth(1))
        {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    Server { child, addr }
}

/// POST of a JSON body with a bearer token over a plain socket: the status line and the body.
#[allow(dead_code)] // not every test binary posts
pub(crate) fn post(addr: &str, path: &str, token: &str, body: &str) -> (String, Vec<u8>) {
    exchange(
        addr,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

/// Sends one HTTP/1.1 request and reads the answer to the end: its status line and its body.
fn exchange(addr: &str, request: &str) -> (String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let split = all.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = text(&all[..split]);
    (
        head.lines().next().unwrap().to_owned(),
        all[split + 4..].to_vec(),
    )
}

/// GET over a plain socket: the status line and the body.
pub(crate) fn get(addr: &str, path: &str) -> (String, Vec<u8>) {
    exchange(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
}
