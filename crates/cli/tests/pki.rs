//! The certificate authority end to end, as relying parties see it: a running server answers
//! `openssl ocsp -url` (POST) and GET requests for good, held-then-released, revoked and unknown
//! certificates while the CLI suspends, resumes and revokes them; its CRLs work with
//! `openssl verify -crl_check`; and `mynumber cert verify` and `openssl cms -verify` agree on
//! a CMS signature made with the card's key.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{export, get, have, run, sample, serve, text, tmp};

fn openssl(dir: &Path, args: &[&str]) -> Output {
    Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// An openssl run's stdout and stderr together.
fn said(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

struct Deployment {
    dir: PathBuf,
    data: Vec<String>,
}

impl Deployment {
    /// Runs `mynumber` on the deployment; asserts it succeeded.
    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", said(&out));
        out
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = self.data.iter().map(String::as_str).collect();
        all.extend_from_slice(args);
        run(&all, None)
    }

    /// Asks the responder at `addr` about `cert` (issued under `ca`) with openssl's client,
    /// which POSTs; returns what openssl printed, after checking the response verified.
    fn ocsp(&self, addr: &str, ca: &str, cert: &str, nonce: bool) -> String {
        let url = format!("http://{addr}/pki/ocsp");
        let mut args = vec![
            "ocsp",
            "-issuer",
            ca,
            "-cert",
            cert,
            "-url",
            &url,
            "-CAfile",
            ca,
            "-resp_text",
        ];
        if !nonce {
            args.push("-no_nonce");
        }
        let out = said(&openssl(&self.dir, &args));
        assert!(out.contains("Response verify OK"), "{out}");
        out
    }
}

/// The status line openssl prints for `cert` (`good`, `revoked`, `unknown`).
fn status_of<'a>(out: &'a str, cert: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{cert}: ")))
        .unwrap_or_else(|| panic!("no status for {cert} in {out}"))
        .trim()
}

#[test]
fn relying_parties_follow_certificates_through_ocsp_crls_and_signatures() {
    if !have("openssl") {
        return;
    }
    let dir = tmp("pki");
    let csv = sample(&dir, 5, 11);
    let data = dir.join("data");
    let d = Deployment {
        data: vec!["--data-dir".into(), data.to_str().unwrap().into()],
        dir: dir.clone(),
    };
    d.ok(&["resident", "import", csv.to_str().unwrap()]);
    let data_args: Vec<&str> = d.data.iter().map(String::as_str).collect();
    let adult = export(&data_args, None)
        .into_iter()
        .find(|r| r[6].as_str() < "2005-01-01")
        .expect("an adult in the sample");
    let code = adult.last().unwrap().clone();
    for args in [
        &["genrsa", "-out", "card.key", "2048"][..],
        &[
            "req", "-new", "-key", "card.key", "-subj", "/CN=card", "-out", "card.csr",
        ],
    ] {
        let out = openssl(&dir, args);
        assert!(out.status.success(), "{}", said(&out));
    }
    let issue = |kind: &str| {
        let out = d.ok(&[
            "cert",
            "issue",
            &code,
            "--kind",
            kind,
            "--request",
            dir.join("card.csr").to_str().unwrap(),
            "--reason",
            "a card production fault",
            "--out",
            dir.join(format!("{kind}.pem")).to_str().unwrap(),
        ]);
        text(&out.stderr)
            .trim()
            .rsplit(' ')
            .next()
            .unwrap()
            .to_owned()
    };
    // The signature certificate's address holds the municipality's name: refused until it is
    // recorded.
    let refused = d.run(&[
        "cert",
        "issue",
        &code,
        "--kind",
        "signature",
        "--request",
        dir.join("card.csr").to_str().unwrap(),
        "--reason",
        "a card production fault",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("mynumber municipality name 131041"),
        "{}",
        said(&refused)
    );
    d.ok(&["municipality", "name", "131041", "新宿区"]);
    let sign_serial = issue("signature");
    let auth_serial = issue("authentication");
    for kind in ["signature", "authentication"] {
        d.ok(&[
            "cert",
            "ca",
            "--kind",
            kind,
            "--out",
            dir.join(format!("{kind}-ca.pem")).to_str().unwrap(),
        ]);
    }
    // A CMS signature made with the card's key while the certificate is good.
    std::fs::write(dir.join("doc.txt"), "確定申告書").unwrap();
    let signed = openssl(
        &dir,
        &[
            "cms",
            "-sign",
            "-signer",
            "signature.pem",
            "-inkey",
            "card.key",
            "-in",
            "doc.txt",
            "-binary",
            "-md",
            "sha256",
            "-nodetach",
            "-outform",
            "DER",
            "-out",
            "doc.p7s",
        ],
    );
    assert!(signed.status.success(), "{}", said(&signed));

    let server = serve(&data);
    let addr = server.addr.clone();

    // Good, with and without a nonce; a serial the authority never issued is unknown.
    for nonce in [true, false] {
        let out = d.ocsp(&addr, "signature-ca.pem", "signature.pem", nonce);
        assert_eq!(status_of(&out, "signature.pem"), "good", "{out}");
        assert!(!out.contains("WARNING"), "{out}");
    }
    let out = d.ocsp(&addr, "authentication-ca.pem", "authentication.pem", false);
    assert_eq!(status_of(&out, "authentication.pem"), "good");
    let url = format!("http://{addr}/pki/ocsp");
    let unknown = said(&openssl(
        &dir,
        &[
            "ocsp",
            "-issuer",
            "signature-ca.pem",
            "-serial",
            "0x4242424242",
            "-url",
            &url,
            "-CAfile",
            "signature-ca.pem",
        ],
    ));
    assert!(unknown.contains("Response verify OK"), "{unknown}");
    assert_eq!(status_of(&unknown, "0x4242424242"), "unknown", "{unknown}");

    // GET (RFC 6960 appendix A.1): the same request, base64 in the path.
    let req = openssl(
        &dir,
        &[
            "ocsp",
            "-issuer",
            "signature-ca.pem",
            "-cert",
            "signature.pem",
            "-no_nonce",
            "-reqout",
            "req.der",
        ],
    );
    assert!(req.status.success(), "{}", said(&req));
    let b64 = mynumber_pki::to_pem("X", &std::fs::read(dir.join("req.der")).unwrap())
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<String>();
    let path = format!(
        "/pki/ocsp/{}",
        b64.replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D")
    );
    let ask_by_get = |file: &str| {
        let (status, body) = get(&addr, &path);
        assert!(status.contains("200"), "{status}");
        std::fs::write(dir.join(file), body).unwrap();
        said(&openssl(
            &dir,
            &[
                "ocsp",
                "-respin",
                file,
                "-issuer",
                "signature-ca.pem",
                "-cert",
                "signature.pem",
                "-CAfile",
                "signature-ca.pem",
                "-resp_text",
            ],
        ))
    };
    let out = ask_by_get("get1.der");
    assert!(out.contains("Response verify OK"), "{out}");
    assert_eq!(status_of(&out, "signature.pem"), "good", "{out}");

    // The signature checks out while the certificate is good, by us and by openssl, and the
    // holder's four items are read from the certificate.
    let verified = d.ok(&["cert", "verify", dir.join("doc.p7s").to_str().unwrap()]);
    let report = text(&verified.stdout);
    assert!(report.contains("signature: intact"), "{report}");
    // The signature carries its own content: another document given beside it is not set
    // aside, it is refused as not what was signed.
    std::fs::write(dir.join("other.txt"), "別の書類").unwrap();
    let other = d.run(&[
        "cert",
        "verify",
        dir.join("doc.p7s").to_str().unwrap(),
        "--content",
        dir.join("other.txt").to_str().unwrap(),
    ]);
    assert!(
        text(&other.stdout).contains("altered after signing"),
        "{}",
        text(&other.stdout)
    );
    assert!(
        report.contains(&format!("name: {}\u{3000}{}", adult[0], adult[1])),
        "{report}"
    );
    assert!(
        report.contains(&format!("date of birth: {}", adult[6])),
        "{report}"
    );
    assert!(report.contains("authority: signature"), "{report}");
    assert!(report.contains("address: 東京都新宿区"), "{report}");
    assert!(
        report.lines().last().unwrap().ends_with(": valid"),
        "{report}"
    );
    let cms = openssl(
        &dir,
        &[
            "cms",
            "-verify",
            "-CAfile",
            "signature-ca.pem",
            "-inform",
            "DER",
            "-in",
            "doc.p7s",
            "-out",
            "/dev/null",
        ],
    );
    assert!(cms.status.success(), "{}", said(&cms));

    // Suspension, recorded by the CLI while the server runs: the authentication certificate
    // is held, the signature certificate revoked. The cached nonce-less answers move at once.
    let before_suspension = jiff::Timestamp::now();
    d.ok(&["cert", "suspend", &code]);
    let listed = text(&d.ok(&["cert", "list", &code]).stdout);
    assert!(
        listed.contains(&format!("{sign_serial}\tsignature\trevoked\tunspecified")),
        "{listed}"
    );
    assert!(
        listed.contains(&format!(
            "{auth_serial}\tauthentication\thold\tcertificateHold"
        )),
        "{listed}"
    );
    let out = d.ocsp(&addr, "authentication-ca.pem", "authentication.pem", false);
    assert_eq!(status_of(&out, "authentication.pem"), "revoked", "{out}");
    assert!(out.contains("Reason: certificateHold"), "{out}");
    let out = d.ocsp(&addr, "signature-ca.pem", "signature.pem", false);
    assert_eq!(status_of(&out, "signature.pem"), "revoked", "{out}");
    let out = ask_by_get("get2.der");
    assert_eq!(status_of(&out, "signature.pem"), "revoked", "{out}");

    // The CRLs over HTTP say the same to openssl verify.
    let crl_check = |kind: &str| {
        let (status, der) = get(&addr, &format!("/pki/{kind}/crl"));
        assert!(status.contains("200"), "{status}");
        std::fs::write(dir.join(format!("{kind}.crl")), der).unwrap();
        openssl(
            &dir,
            &[
                "verify",
                "-crl_check",
                "-CAfile",
                &format!("{kind}-ca.pem"),
                "-CRLfile",
                &format!("{kind}.crl"),
                &format!("{kind}.pem"),
            ],
        )
    };
    let held = crl_check("authentication");
    assert!(!held.status.success());
    assert!(
        said(&held).contains("certificate revoked"),
        "{}",
        said(&held)
    );

    // Our check and openssl's agree that the signature can no longer be relied on.
    let refused = d.run(&["cert", "verify", dir.join("doc.p7s").to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "{}", said(&refused));
    assert!(
        text(&refused.stdout).contains("not valid: revoked at"),
        "{}",
        said(&refused)
    );
    let (_, der) = get(&addr, "/pki/signature/crl");
    std::fs::write(dir.join("signature.crl"), der).unwrap();
    let crl = openssl(
        &dir,
        &[
            "crl",
            "-inform",
            "DER",
            "-in",
            "signature.crl",
            "-out",
            "signature-crl.pem",
        ],
    );
    assert!(crl.status.success(), "{}", said(&crl));
    let bundle = format!(
        "{}{}",
        std::fs::read_to_string(dir.join("signature-ca.pem")).unwrap(),
        std::fs::read_to_string(dir.join("signature-crl.pem")).unwrap()
    );
    std::fs::write(dir.join("signature-ca+crl.pem"), bundle).unwrap();
    let cms = openssl(
        &dir,
        &[
            "cms",
            "-verify",
            "-crl_check",
            "-CAfile",
            "signature-ca+crl.pem",
            "-inform",
            "DER",
            "-in",
            "doc.p7s",
            "-out",
            "/dev/null",
        ],
    );
    assert!(!cms.status.success());
    assert!(said(&cms).contains("certificate revoked"), "{}", said(&cms));

    // Resumption lifts the hold.
    d.ok(&["cert", "resume", &code]);
    let out = d.ocsp(&addr, "authentication-ca.pem", "authentication.pem", false);
    assert_eq!(status_of(&out, "authentication.pem"), "good", "{out}");
    let released = crl_check("authentication");
    assert!(released.status.success(), "{}", said(&released));
    let auth = d.ok(&[
        "cert",
        "verify",
        dir.join("authentication.pem").to_str().unwrap(),
    ]);
    assert!(text(&auth.stdout).contains(": valid"), "{}", said(&auth));
    assert!(!text(&auth.stdout).contains("name:"), "nothing personal");

    // Revoked for key compromise, with the reason.
    d.ok(&["cert", "revoke", &auth_serial, "--reason", "keyCompromise"]);
    let out = d.ocsp(&addr, "authentication-ca.pem", "authentication.pem", true);
    assert_eq!(status_of(&out, "authentication.pem"), "revoked", "{out}");
    assert!(out.contains("Reason: keyCompromise"), "{out}");

    // Expired: after its last day, openssl and cert verify both say so.
    let late = openssl(
        &dir,
        &[
            "verify",
            "-attime",
            "2208988800",
            "-CAfile",
            "signature-ca.pem",
            "signature.pem",
        ],
    );
    assert!(
        said(&late).contains("certificate has expired"),
        "{}",
        said(&late)
    );
    let expired = d.run(&[
        "cert",
        "verify",
        dir.join("authentication.pem").to_str().unwrap(),
        "--at",
        "2040-01-01",
    ]);
    assert_eq!(expired.status.code(), Some(1));
    assert!(
        text(&expired.stdout).contains("not valid: it had expired"),
        "{}",
        said(&expired)
    );
    // Before it was revoked, it was valid.
    let before = d.ok(&[
        "cert",
        "verify",
        dir.join("signature.pem").to_str().unwrap(),
        "--at",
        &before_suspension.to_string(),
    ]);
    assert!(
        text(&before.stdout).contains(": valid"),
        "{}",
        said(&before)
    );
    // Someone else's certificate is not ours; garbage is refused with the reason.
    let stranger = openssl(
        &dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "x.key",
            "-subj",
            "/CN=stranger",
            "-days",
            "1",
            "-out",
            "stranger.pem",
        ],
    );
    assert!(stranger.status.success(), "{}", said(&stranger));
    let out = d.run(&["cert", "verify", dir.join("stranger.pem").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("not issued by this system"),
        "{}",
        said(&out)
    );
    std::fs::write(dir.join("junk.bin"), b"junk").unwrap();
    let out = d.run(&["cert", "verify", dir.join("junk.bin").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("signature: not valid: not a CMS signature"),
        "{}",
        said(&out)
    );
    drop(server);
}
