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
    card_login_signing(data, card, url, pin, "")
}

/// The same, with the signature password for a log-in that carries a document to sign.
fn card_login_signing(
    data: &Path,
    card: &Path,
    url: &str,
    pin: &str,
    password: &str,
) -> (bool, String) {
    let out = bin()
        .args(["--data-dir", data.to_str().unwrap()])
        .args(["card", "login", card.to_str().unwrap(), "--url", url])
        .env("MYNUMBER_CARD_PIN", pin)
        .env("MYNUMBER_SIGNATURE_PASSWORD", password)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!("{}{}", text(&out.stdout), text(&out.stderr)),
    )
}

/// A resident with a card from the register (user-authentication PIN 1234, signature password
/// ABC123) and a relying party registered as 署名検証者 and 利用者証明検証者, with its P-256 key
/// (`x`, `y`) and the redirection URI; the server's port chosen, not yet started.
struct World {
    data: PathBuf,
    card: PathBuf,
    serial: String,
    birth: String,
    client: String,
    port: u16,
    issuer: String,
}

fn world(dir: &Path, x: &str, y: &str, redirect: &str) -> World {
    let data = dir.join("data");
    let csv = sample(dir, 5, 11);
    ok(&data, &["resident", "import", csv.to_str().unwrap()]);
    ok(&data, &["municipality", "name", "131041", "新宿区"]);
    let data_args = ["--data-dir", data.to_str().unwrap()];
    let (code, _) = common::adult(&data_args);
    let birth = export(&data_args, None)
        .into_iter()
        .find(|r| r.contains(&code))
        .map(|r| r[6].clone())
        .unwrap();
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
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let issuer = format!("http://127.0.0.1:{port}/api/realms/main");
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
            "--role",
            "signature-verifier",
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
            x,
            "--y",
            y,
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
    World {
        data,
        card,
        serial,
        birth,
        client,
        port,
        issuer,
    }
}

#[test]
fn authlib_logs_in_with_the_card_and_verifies_the_id_token() {
    let Some(py) = authlib() else { return };
    let dir = tmp("oidc-authlib");
    // The relying party's own key, made by Authlib.
    let redirect = "http://127.0.0.1:9/callback";
    let key_file = dir.join("rp-key.json");
    let xy: Value =
        serde_json::from_str(&python(&py, &["key", key_file.to_str().unwrap()])).unwrap();
    let World {
        data,
        card,
        serial,
        birth,
        client,
        port,
        issuer,
    } = world(
        &dir,
        xy["x"].as_str().unwrap(),
        xy["y"].as_str().unwrap(),
        redirect,
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

    // A document signed with the card (docs/design/signing.md), as CMS: the relying party
    // starts a sign-transaction with its organisation token, the resident logs in with
    // `openid sign` and signs with the signature password, and the result comes back as a JWE
    // that joserfc opens with the relying party's key only.
    let document = dir.join("contract.txt");
    std::fs::write(&document, "契約書: 2026-12-05 に合意しました。\n").unwrap();
    let signed = |format: &str| -> (Value, PathBuf) {
        let state = dir.join(format!("sign-{format}.json"));
        let login = python(
            &py,
            &[
                "sign-start",
                &issuer,
                &client,
                key_file.to_str().unwrap(),
                redirect,
                state.to_str().unwrap(),
                format,
                document.to_str().unwrap(),
            ],
        );
        let (done, said) = card_login_signing(&data, &card, login.trim(), "1234", "abc123");
        assert!(done, "{said}");
        // The holder is shown the document's own digest, as CMS too (not that of the
        // signed attributes the card signs).
        let digest = hex::encode(aws_lc_rs::digest::digest(
            &aws_lc_rs::digest::SHA256,
            &std::fs::read(&document).unwrap(),
        ));
        assert!(
            said.contains(&format!("It asks you to sign a document: SHA-256 {digest}")),
            "{said}"
        );
        let out = dir.join(format!("signed-{format}"));
        let finished: Value = serde_json::from_str(&python(
            &py,
            &[
                "sign-finish",
                state.to_str().unwrap(),
                out.to_str().unwrap(),
            ],
        ))
        .unwrap();
        assert_eq!(finished["result"]["format"], format, "{finished}");
        assert_eq!(finished["result"]["stranger_opened"], false, "{finished}");
        (finished, out)
    };
    let (_, cms_dir) = signed("cms");
    let ca = dir.join("signature-ca.pem");
    ok(
        &data,
        &[
            "cert",
            "ca",
            "--kind",
            "signature",
            "--out",
            ca.to_str().unwrap(),
        ],
    );
    // openssl, independently: the detached CMS signature over the document, chained to the
    // signature authority.
    let cms = cms_dir.join("cms.der");
    let openssl = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
        .arg(&cms)
        .arg("-content")
        .arg(&document)
        .arg("-CAfile")
        .arg(&ca)
        .args(["-out", "/dev/null"])
        .output()
        .unwrap();
    assert!(
        openssl.status.success(),
        "openssl cms -verify: {}{}",
        text(&openssl.stdout),
        text(&openssl.stderr)
    );
    assert!(text(&openssl.stderr).contains("Verification successful"));
    // …and the same signature over another document is refused.
    let forged = dir.join("forged.txt");
    std::fs::write(&forged, "契約書: 改ざん\n").unwrap();
    let refused = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
        .arg(&cms)
        .arg("-content")
        .arg(&forged)
        .arg("-CAfile")
        .arg(&ca)
        .args(["-out", "/dev/null"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    // mynumber cert verify: intact, and the certificate valid with the four items.
    let checked = ok(
        &data,
        &[
            "cert",
            "verify",
            cms.to_str().unwrap(),
            "--content",
            document.to_str().unwrap(),
        ],
    );
    assert!(checked.contains("signature: intact"), "{checked}");
    assert!(checked.contains(": valid"), "{checked}");
    assert!(
        checked.contains(&format!("date of birth: {birth}")),
        "{checked}"
    );

    // Raw: the card's PKCS#1 signature over the document's DigestInfo, which openssl checks
    // as an ordinary RSA-SHA256 signature of the document.
    let (_, raw_dir) = signed("raw");
    let public = dir.join("sign-public.pem");
    let extracted = Command::new("openssl")
        .args(["x509", "-inform", "DER", "-noout", "-pubkey", "-in"])
        .arg(raw_dir.join("certificate.der"))
        .output()
        .unwrap();
    assert!(extracted.status.success());
    std::fs::write(&public, &extracted.stdout).unwrap();
    let dgst = Command::new("openssl")
        .args(["dgst", "-sha256", "-verify"])
        .arg(&public)
        .arg("-signature")
        .arg(raw_dir.join("signature.der"))
        .arg(&document)
        .output()
        .unwrap();
    assert!(
        dgst.status.success(),
        "{}{}",
        text(&dgst.stdout),
        text(&dgst.stderr)
    );

    // The verification service, for the 署名検証者: valid at signing and now, with the items.
    let verify = || -> Value {
        serde_json::from_str(&python(
            &py,
            &[
                "verify",
                &issuer,
                &client,
                key_file.to_str().unwrap(),
                cms.to_str().unwrap(),
                document.to_str().unwrap(),
            ],
        ))
        .unwrap()
    };
    let report = verify();
    assert_eq!(report["status"], 200, "{report}");
    assert_eq!(report["body"]["status_at_signing"], "valid", "{report}");
    // The CMS says when it was signed; the report says that the signature says so.
    assert_eq!(report["body"]["signed_at_source"], "signature", "{report}");
    assert_eq!(report["body"]["status_now"], "valid", "{report}");
    assert_eq!(report["body"]["signature_certificate"], true, "{report}");
    assert_eq!(
        report["body"]["four"]["birthdate"],
        birth.as_str(),
        "{report}"
    );

    // 最新基本4情報提供 (docs/design/signing.md): refused until the resident consents at a
    // log-in with `latest_four`; then the items the register holds now, for the holder of the
    // signature certificate the relying party kept.
    let signer = raw_dir.join("certificate.der");
    let latest = || -> Value {
        serde_json::from_str(&python(
            &py,
            &[
                "latest-four",
                &issuer,
                &client,
                key_file.to_str().unwrap(),
                signer.to_str().unwrap(),
            ],
        ))
        .unwrap()
    };
    let before = latest();
    assert_eq!(before["status"], 409, "{before}");
    let state = dir.join("latest-four.json");
    let login = python(
        &py,
        &[
            "start",
            &issuer,
            &client,
            key_file.to_str().unwrap(),
            redirect,
            state.to_str().unwrap(),
            "openid latest_four",
        ],
    );
    let (done, said) = card_login(&data, &card, login.trim(), "1234");
    assert!(done && said.contains("latest_four"), "{said}");
    let consented: Value =
        serde_json::from_str(&python(&py, &["finish", state.to_str().unwrap()])).unwrap();
    assert!(consented["claims"]["sub"].is_string(), "{consented}");
    let after = latest();
    assert_eq!(after["status"], 200, "{after}");
    assert_eq!(after["body"]["changed"], false, "{after}");
    assert_eq!(after["body"]["certificate_status"], "valid", "{after}");
    assert_eq!(
        after["body"]["four"]["birthdate"],
        birth.as_str(),
        "{after}"
    );

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
    // The signature made before the suspension: valid when it was made; now its certificate
    // is revoked (a suspended card's signature certificate is revoked, its user-authentication
    // certificate held: docs/design/card.md).
    let report = verify();
    assert_eq!(report["body"]["status_at_signing"], "valid", "{report}");
    assert_eq!(report["body"]["status_now"], "revoked", "{report}");

    // The log-ins are in the ledger on the resident, and the chain holds.
    let verified = ok(&data, &["ledger", "verify"]);
    assert!(verified.contains("every chain intact"), "{verified}");
}

/// 自己情報取得API with Authlib as the app (docs/design/portal.md): it asks for two of the
/// agencies' data sets, the resident leaves one ticked on the consent page; the granted one
/// reads (no agency holds a copy in this world: an empty list), the other is 403
/// `insufficient_scope` naming its scope (RFC 6750 §3.1); Authlib's refresh gives a new access
/// token and a new refresh token, the first used again is `invalid_grant` and takes the new
/// one with it (RFC 9700 §4.14.2).
#[test]
fn authlib_reads_only_what_the_resident_granted_and_refreshes_once() {
    let Some(py) = authlib() else { return };
    let dir = tmp("oidc-self-information");
    let redirect = "http://127.0.0.1:9/callback";
    let key_file = dir.join("app-key.json");
    let xy: Value =
        serde_json::from_str(&python(&py, &["key", key_file.to_str().unwrap()])).unwrap();
    let w = world(
        &dir,
        xy["x"].as_str().unwrap(),
        xy["y"].as_str().unwrap(),
        redirect,
    );
    let _server = serve(&w.data, w.port);
    let state = dir.join("self.json");
    let login = python(
        &py,
        &[
            "start",
            &w.issuer,
            &w.client,
            key_file.to_str().unwrap(),
            redirect,
            state.to_str().unwrap(),
            "openid self:local-tax self:child-allowance",
        ],
    );
    let (done, said) = card_login(&w.data, &w.card, login.trim(), "1234");
    assert!(done, "{said}");
    let out: Value = serde_json::from_str(&python(
        &py,
        &["self-finish", state.to_str().unwrap(), "local-tax"],
    ))
    .unwrap();
    assert_eq!(out["scope"], "openid self:local-tax", "{out}");
    assert_eq!(out["has_refresh"], true, "{out}");
    let tax = &out["reads"]["local-tax"];
    assert_eq!(tax["status"], 200, "{out}");
    assert_eq!(tax["body"]["item"], "local-tax", "{out}");
    assert_eq!(tax["body"]["sets"], serde_json::json!([]), "{out}");
    let child = &out["reads"]["child-allowance"];
    assert_eq!(child["status"], 403, "{out}");
    assert_eq!(child["body"]["error"], "insufficient_scope", "{out}");
    assert_eq!(
        child["www_authenticate"],
        "Bearer error=\"insufficient_scope\", scope=\"self:child-allowance\"",
        "{out}"
    );
    assert_eq!(out["renewed_scope"], "self:local-tax", "{out}");
    assert_eq!(out["renewed_differs"], true, "{out}");
    assert_eq!(out["after_refresh"]["status"], 200, "{out}");
    assert_eq!(out["again"]["first"], "invalid_grant", "{out}");
    assert_eq!(out["again"]["second"], "invalid_grant", "{out}");
    let verified = ok(&w.data, &["ledger", "verify"]);
    assert!(verified.contains("every chain intact"), "{verified}");
}

/// An HTTP answer: the status, the headers (lowercase names) and the body.
type Reply = (u16, Vec<(String, String)>, Vec<u8>);

/// One HTTP/1.1 exchange over a fresh loopback connection (the server is plain HTTP here).
/// Chunked bodies are joined.
fn exchange(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> std::io::Result<Reply> {
    use std::io::{Read, Write};
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| std::io::Error::other(format!("not http: {url}")))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let mut stream = std::net::TcpStream::connect(host)?;
    let mut head = format!(
        "{method} /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no header end"))?;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        let mut joined = Vec::new();
        let mut at = 0;
        while let Some(end) = body[at..].windows(2).position(|w| w == b"\r\n") {
            let size =
                usize::from_str_radix(String::from_utf8_lossy(&body[at..at + end]).trim(), 16)
                    .map_err(std::io::Error::other)?;
            if size == 0 {
                break;
            }
            let start = at + end + 2;
            joined.extend_from_slice(&body[start..start + size]);
            at = start + size + 2;
        }
        body = joined;
    }
    Ok((status, headers, body))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} in {headers:?}"))
}

/// The third independent relying party: the `openidconnect` crate (ramosbugs/openidconnect-rs).
/// Discovery, the authorization URL with PKCE and a nonce, the card's log-in, consent, the code
/// for tokens (with a `private_key_jwt` assertion the crate sends as extra parameters: it has no
/// such client authentication of its own), the ID token verified by the crate with the JWKS
/// (issuer, audience, nonce, expiry, ES256 signature, `at_hash`), and userinfo for the same
/// subject.
#[test]
fn the_openidconnect_crate_logs_in_with_the_card_and_verifies_the_id_token() {
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
    use openidconnect::core::{
        CoreAuthenticationFlow, CoreClient, CoreJwsSigningAlgorithm, CoreProviderMetadata,
        CoreUserInfoClaims,
    };
    use openidconnect::{
        AccessTokenHash, AuthorizationCode, ClientId, CsrfToken, IssuerUrl, Nonce,
        OAuth2TokenResponse, PkceCodeChallenge, RedirectUrl, Scope, TokenResponse,
    };

    let dir = tmp("oidc-openidconnect");
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap();
    let (x, y) = mynumber_pki::jose::jwk_coordinates(key.public_key().as_ref()).unwrap();
    let redirect = "http://127.0.0.1:9/callback";
    let w = world(&dir, &x, &y, redirect);
    let _server = serve(&w.data, w.port);

    // The crate's HTTP client: ours, over the loopback, never following redirects.
    let http = |req: openidconnect::HttpRequest| -> std::io::Result<openidconnect::HttpResponse> {
        let headers: Vec<(String, String)> = req
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        let (status, got, body) = exchange(
            req.method().as_str(),
            &req.uri().to_string(),
            &headers,
            req.body(),
        )?;
        let mut response = openidconnect::http::Response::builder().status(status);
        for (k, v) in got {
            response = response.header(k, v);
        }
        response.body(body).map_err(std::io::Error::other)
    };

    let issuer = IssuerUrl::new(w.issuer.clone()).unwrap();
    let meta = CoreProviderMetadata::discover(&issuer, &http).unwrap();
    let token_url = meta.token_endpoint().unwrap().to_string();
    let client = CoreClient::from_provider_metadata(meta, ClientId::new(w.client.clone()), None)
        .set_redirect_uri(RedirectUrl::new(redirect.into()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("name".into()))
        .add_scope(Scope::new("birthdate".into()))
        .set_pkce_challenge(challenge)
        .url();

    // The browser: the request, the page and its cookie; the app; the consent.
    let (status, headers, _) = exchange("GET", url.as_str(), &[], b"").unwrap();
    assert_eq!(status, 303);
    let login = format!(
        "http://127.0.0.1:{}{}",
        w.port,
        header(&headers, "location")
    );
    let cookie = header(&headers, "set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let (done, said) = card_login(&w.data, &w.card, &login, "1234");
    assert!(done, "{said}");
    let (status, headers, body) = exchange(
        "POST",
        &login,
        &[
            ("Cookie".into(), cookie),
            (
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
        ],
        b"decision=agree",
    )
    .unwrap();
    assert_eq!(status, 303, "{}", text(&body));
    let back = header(&headers, "location");
    assert!(back.starts_with(redirect), "{back}");
    let param = |name: &str| {
        back.split(['?', '&'])
            .find_map(|p| p.strip_prefix(&format!("{name}=")))
            .unwrap()
            .to_owned()
    };
    assert_eq!(&param("state"), csrf.secret());

    // private_key_jwt (RFC 7523 §2.2), signed ES256 with the relying party's key.
    let now = jiff::Timestamp::now().as_second();
    let b64 = mynumber_pki::jose::base64url_encode;
    let input = format!(
        "{}.{}",
        b64(br#"{"alg":"ES256","kid":"rp1","typ":"JWT"}"#),
        b64(serde_json::json!({
            "iss": w.client, "sub": w.client, "aud": token_url,
            "jti": format!("oidc-rs-{now}"), "iat": now, "exp": now + 60,
        })
        .to_string()
        .as_bytes())
    );
    let signature = key.sign(&rng, input.as_bytes()).unwrap();
    let assertion = format!("{input}.{}", b64(signature.as_ref()));
    let tokens = client
        .exchange_code(AuthorizationCode::new(param("code")))
        .unwrap()
        .set_pkce_verifier(verifier)
        .add_extra_param(
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        )
        .add_extra_param("client_assertion", assertion)
        .request(&http)
        .unwrap();

    // The crate verifies the ID token itself: ES256 with the JWKS, iss, aud, exp, nonce.
    let verifier = client
        .id_token_verifier()
        .set_allowed_algs(vec![CoreJwsSigningAlgorithm::EcdsaP256Sha256]);
    let id_token = tokens.id_token().unwrap();
    let claims = id_token.claims(&verifier, &nonce).unwrap();
    let at_hash = AccessTokenHash::from_token(
        tokens.access_token(),
        id_token.signing_alg().unwrap(),
        id_token.signing_key(&verifier).unwrap(),
    )
    .unwrap();
    assert_eq!(claims.access_token_hash(), Some(&at_hash));
    assert_eq!(claims.subject().len(), 64);
    // A nonce of another request is refused.
    assert!(
        id_token
            .claims(&verifier, &Nonce::new("another".into()))
            .is_err()
    );

    let info: CoreUserInfoClaims = client
        .user_info(
            tokens.access_token().clone(),
            Some(claims.subject().clone()),
        )
        .unwrap()
        .request(&http)
        .unwrap();
    assert_eq!(info.subject(), claims.subject());
    let birthday = info.birthdate().unwrap().to_string();
    assert_eq!(birthday, w.birth);
    assert!(info.name().is_some());
    // Only what was consented: no address.
    assert!(info.address().is_none());
    let _ = &w.serial;
}
