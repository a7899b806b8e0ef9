//! `serve` over HTTPS, its security headers, its time limit on requests, and its refusal to
//! serve plain HTTP to the network (issue 9: HTTPS).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use common::{bin, have, serve_with, text, tmp};

/// `curl` trusting only the server's local certificate: the status and headers, then the body.
fn curl(cacert: &std::path::Path, url: &str) -> (String, String) {
    let out = Command::new("curl")
        .args(["-sS", "--max-time", "20", "-D", "-", "--cacert"])
        .arg(cacert)
        .arg(url)
        .output()
        .unwrap();
    assert!(out.status.success(), "curl {url}: {}", text(&out.stderr));
    let all = text(&out.stdout);
    let (head, body) = all.split_once("\r\n\r\n").unwrap();
    (head.to_lowercase(), body.to_owned())
}

#[test]
fn https_with_a_local_certificate_and_the_security_headers() {
    if !have("curl") {
        return;
    }
    let dir = tmp("https");
    let data = dir.join("data");
    let server = serve_with(&data, &["--tls-local"]);
    let port = server.addr.rsplit(':').next().unwrap();
    let cacert = data.join("keys/tls-local.crt");
    // A client that opens a connection and says nothing holds no one else up.
    let _silent = TcpStream::connect(&server.addr).unwrap();
    // The certificate names localhost: curl checks it against the name and our file only.
    let (head, body) = curl(&cacert, &format!("https://localhost:{port}/healthz"));
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert_eq!(body, "ok");
    // No HSTS for a local self-signed certificate: browsers would remember it for localhost.
    assert!(!head.contains("strict-transport-security"), "{head}");
    for header in [
        "x-content-type-options: nosniff",
        "x-frame-options: deny",
        "referrer-policy: no-referrer",
        "content-security-policy: default-src 'none'; frame-ancestors 'none'; sandbox",
    ] {
        assert!(head.contains(header), "{header:?} not in {head}");
    }
    let (head, body) = curl(&cacert, &format!("https://localhost:{port}/"));
    assert!(body.contains("/api/docs/"));
    assert!(
        head.contains("content-security-policy: default-src 'self';"),
        "{head}"
    );
    assert!(head.contains("frame-ancestors 'none'"), "{head}");
    // Plain HTTP on the TLS port gets no answer.
    let mut plain = TcpStream::connect(&server.addr).unwrap();
    plain
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    plain
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut got = Vec::new();
    let _ = plain.read_to_end(&mut got);
    assert!(!text(&got).contains("200 OK"), "{}", text(&got));
    drop(server);

    // The same certificate given as a deployment's own: HSTS.
    let key = data.join("keys/tls-local.key");
    let server = serve_with(
        &data,
        &[
            "--tls-cert",
            cacert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
    );
    let port = server.addr.rsplit(':').next().unwrap();
    let (head, _) = curl(&cacert, &format!("https://localhost:{port}/healthz"));
    assert!(
        head.contains("strict-transport-security: max-age=63072000; includesubdomains"),
        "{head}"
    );
}

#[test]
fn plain_http_is_not_served_to_the_network_and_slow_requests_time_out() {
    let dir = tmp("plain");
    let data = dir.join("data");
    let out = bin()
        .args(["--data-dir", data.to_str().unwrap()])
        .args(["serve", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("refusing to serve plain HTTP"), "{err}");
    assert!(err.contains("--tls-cert"), "{err}");

    let server = serve_with(&data, &["--request-timeout-seconds", "1"]);
    // A body promised and never sent: the request is answered 408 after its time limit
    // instead of holding its place forever.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(
        b"POST /pki/ocsp HTTP/1.1\r\nHost: x\r\nContent-Type: application/ocsp-request\r\n\
          Content-Length: 100\r\n\r\n0",
    )
    .unwrap();
    let mut got = vec![0u8; 4096];
    let n = s.read(&mut got).unwrap();
    let answer = text(&got[..n]);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    // Over plain HTTP on loopback the security headers are there, HSTS is not.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut got = String::new();
    s.read_to_string(&mut got).unwrap();
    let got = got.to_lowercase();
    assert!(got.contains("x-content-type-options: nosniff"), "{got}");
    assert!(!got.contains("strict-transport-security"), "{got}");
}

/// Review of issue 9: headers sent a byte at a time (slowloris) held a connection for ever, as
/// axum's own server sets no header deadline. Now a request's headers must arrive within 10 s,
/// and a connection that sends none is closed too.
#[test]
fn a_request_whose_headers_never_end_is_dropped() {
    let dir = tmp("slowloris");
    let server = serve_with(&dir.join("data"), &[]);
    for opening in [&b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "[..], b""] {
        let mut s = TcpStream::connect(&server.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
        s.write_all(opening).unwrap();
        let mut got = Vec::new();
        // The server closes the connection (answering at most a 408); a read that times out
        // instead fails here.
        let read = s.read_to_end(&mut got);
        assert!(read.is_ok(), "{read:?}");
        let answer = text(&got);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "{answer}"
        );
    }
    // The server still answers.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut got = String::new();
    s.read_to_string(&mut got).unwrap();
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");
}

/// Review of issue 9: one address could hold every TLS handshake place (256) for the
/// handshake's 10 s by opening connections and sending nothing. Now an address has 16 at most;
/// the next is closed at once, and everyone else is served.
#[test]
fn one_address_cannot_hold_every_handshake() {
    if !have("curl") {
        return;
    }
    let dir = tmp("handshakes");
    let data = dir.join("data");
    let server = serve_with(&data, &["--tls-local"]);
    let port = server.addr.rsplit(':').next().unwrap();
    let cacert = data.join("keys/tls-local.crt");
    let silent: Vec<TcpStream> = (0..16)
        .map(|_| TcpStream::connect(&server.addr).unwrap())
        .collect();
    // The server counts a connection once it accepts it: give it the moment it needs.
    std::thread::sleep(Duration::from_millis(500));
    let mut one_more = TcpStream::connect(&server.addr).unwrap();
    one_more
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut got = Vec::new();
    let read = one_more.read_to_end(&mut got);
    assert!(
        matches!(read, Ok(0)),
        "the 17th silent connection is closed at once, not held: {read:?}"
    );
    // Another address is served meanwhile (127.0.0.2 is loopback too) ...
    let out = Command::new("curl")
        .args([
            "-sS",
            "--max-time",
            "20",
            "--interface",
            "127.0.0.2",
            "--cacert",
        ])
        .arg(&cacert)
        .arg(format!("https://localhost:{port}/healthz"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ok");
    // ... and this one again once its silent connections are gone.
    drop(silent);
    std::thread::sleep(Duration::from_millis(500));
    let (head, body) = curl(&cacert, &format!("https://localhost:{port}/healthz"));
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert_eq!(body, "ok");
}
