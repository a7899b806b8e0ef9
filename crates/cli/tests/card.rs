//! The virtual card with real smart-card tools: attached to a private pcscd through
//! vsmartcard-vpcd, read and used by OpenSC's own tools, its signatures checked by openssl
//! (interop.md §1, §5).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::signature::KeyPair as _;
use mynumber_card::{CardData, KeySlot, PinState};
use mynumber_core::pin::PinKind;
use mynumber_pki::{Authority, BasicFour, Hierarchy, Holder, PkiConfig};

use common::{bin, text, tmp};

fn key() -> (Vec<u8>, Vec<u8>) {
    let k = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
    let pkcs8 = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&k)
        .unwrap()
        .as_ref()
        .to_vec();
    let spki = AsDer::<aws_lc_rs::encoding::PublicKeyX509Der>::as_der(k.public_key())
        .unwrap()
        .as_ref()
        .to_vec();
    (pkcs8, spki)
}

/// A card certified by fresh authorities, PINs 1234 and ABC123, written to `path`.
fn make_card(path: &Path) -> CardData {
    let config = PkiConfig::with_url("http://127.0.0.1:8080");
    let now = jiff::Timestamp::now();
    let until = now + jiff::SignedDuration::from_hours(24 * 365);
    let ca = |h| {
        Authority::create(
            h,
            &config,
            mynumber_pki::KeyPair::try_from(key().0.as_slice()).unwrap(),
            [3; 16],
            now,
            10,
        )
        .unwrap()
    };
    let (sign_ca, auth_ca) = (ca(Hierarchy::Signature), ca(Hierarchy::Authentication));
    let (sign_key, sign_spki) = key();
    let (auth_key, auth_spki) = key();
    let holder = Holder::Signature {
        four: BasicFour {
            name: "山田\u{3000}太郎".into(),
            sex: mynumber_core::Sex::Male,
            birth_date: jiff::civil::date(1990, 5, 1),
            address: "東京都新宿区西新宿2-8-1".into(),
        },
        locality: "131041".into(),
        common_name: "K7QM2XRT13104261201A".into(),
    };
    let mut data = CardData {
        serial: "000000000000042".into(),
        signature: Some(KeySlot {
            private_key: sign_key,
            certificate: sign_ca
                .issue(&config, &holder, &sign_spki, [9; 16], now, until)
                .unwrap(),
            ca_certificate: sign_ca.certificate().to_vec(),
        }),
        authentication: Some(KeySlot {
            private_key: auth_key,
            certificate: auth_ca
                .issue(
                    &config,
                    &Holder::Authentication {
                        common_name: "ABCDEFGH13104261201A".into(),
                    },
                    &auth_spki,
                    [10; 16],
                    now,
                    until,
                )
                .unwrap(),
            ca_certificate: auth_ca.certificate().to_vec(),
        }),
        pins: Vec::new(),
    };
    for (kind, pin) in [
        (PinKind::Signature, "ABC123"),
        (PinKind::Authentication, "1234"),
    ] {
        data.set_pin(kind, PinState::new(pin, [7; 16], kind.max_tries()));
    }
    std::fs::write(path, data.to_file()).unwrap();
    data
}

/// A private pcscd whose vpcd slots listen on a free port pair; stopped when dropped.
struct Pcscd {
    child: Child,
    port: u16,
}

impl Drop for Pcscd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The smart-card stack is installed (pcscd, vsmartcard-vpcd, OpenSC); without it the test
/// skips loudly, unless CI requires the oracles.
fn have_stack() -> bool {
    let present = Path::new(VPCD_DRIVER).exists()
        && pkcs11_module().is_some()
        && [
            "pcscd",
            "opensc-tool",
            "pkcs15-tool",
            "pkcs15-crypt",
            "pkcs11-tool",
            "openssl",
        ]
        .iter()
        .all(|t| Command::new(t).arg("--help").output().is_ok());
    if !present {
        assert!(
            std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "the smart-card stack is required: apt-get install pcscd vsmartcard-vpcd opensc opensc-pkcs11"
        );
        eprintln!("SKIPPED: pcscd, vsmartcard-vpcd or OpenSC is not installed");
    }
    present
}

const VPCD_DRIVER: &str = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";

fn pkcs11_module() -> Option<PathBuf> {
    std::fs::read_dir("/usr/lib")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("opensc-pkcs11.so"))
        .find(|p| p.exists())
}

/// Two adjacent free ports (vpcd's two slots).
fn free_ports() -> u16 {
    for _ in 0..50 {
        let a = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = a.local_addr().unwrap().port();
        if port < 65_000 && TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
    panic!("no two adjacent free ports");
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn start_pcscd(dir: &Path) -> Pcscd {
    let port = free_ports();
    let conf = dir.join("reader.conf.d");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("vpcd"),
        format!(
            "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:0x{port:04X}\nLIBPATH {VPCD_DRIVER}\nCHANNELID 0x{port:04X}\n"
        ),
    )
    .unwrap();
    let log = dir.join("pcscd.log");
    let child = Command::new("pcscd")
        .args(["--foreground", "--debug", "--config"])
        .arg(&conf)
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut pcscd = Pcscd { child, port };
    wait_for("pcscd", || {
        if let Ok(Some(status)) = pcscd.child.try_wait() {
            panic!(
                "pcscd stopped ({status}); is another pcscd running? It must be stopped: the \
                 test needs its own vpcd port.\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        std::fs::read_to_string(&log).is_ok_and(|l| l.contains("daemon ready"))
    });
    pcscd
}

/// Runs an OpenSC tool (or openssl) with the JPKI-only configuration that resets the card on
/// disconnect (interop.md §1.3); returns stdout and stderr together, and the status.
fn tool(dir: &Path, program: &str, args: &[&str]) -> (String, bool) {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("OPENSC_CONF", dir.join("opensc.conf"))
        .output()
        .unwrap();
    (
        format!("{}{}", text(&out.stdout), text(&out.stderr)),
        out.status.success(),
    )
}

fn public_key_pem(dir: &Path, cert_der: &[u8], name: &str) -> PathBuf {
    let cert = dir.join(format!("{name}.pem"));
    std::fs::write(&cert, mynumber_pki::to_pem("CERTIFICATE", cert_der)).unwrap();
    let (key, ok) = tool(
        dir,
        "openssl",
        &["x509", "-in", cert.to_str().unwrap(), "-pubkey", "-noout"],
    );
    assert!(ok, "{key}");
    let path = dir.join(format!("{name}.pub"));
    std::fs::write(&path, key).unwrap();
    path
}

fn openssl_verifies(dir: &Path, public: &Path, signature: &str) -> bool {
    let (out, _) = tool(
        dir,
        "openssl",
        &[
            "dgst",
            "-sha256",
            "-verify",
            public.to_str().unwrap(),
            "-signature",
            signature,
            "msg.txt",
        ],
    );
    out.contains("Verified OK")
}

#[test]
fn opensc_reads_the_virtual_card_signs_with_it_and_locks_its_pin() {
    if !have_stack() {
        return;
    }
    let dir = tmp("card-opensc");
    std::fs::write(
        dir.join("opensc.conf"),
        "app default {\n  card_drivers = jpki;\n  reader_driver pcsc { disconnect_action = reset; }\n}\n",
    )
    .unwrap();
    let file = dir.join("card.mnc");
    let card = make_card(&file);
    let pcscd = start_pcscd(&dir);
    let mut attached = bin()
        .args(["card", "attach"])
        .arg(&file)
        .args(["--reader", &format!("127.0.0.1:{}", pcscd.port)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the card in the reader", || {
        tool(&dir, "opensc-tool", &["-r", "0", "-a"])
            .0
            .contains("3b:e0:00:ff:81:31:fe:45:14")
    });

    // OpenSC binds its JPKI driver and lists the four certificates and two PINs.
    let (name, _) = tool(&dir, "opensc-tool", &["-r", "0", "-n"]);
    assert_eq!(name.lines().last(), Some("jpki"), "{name}");
    let (list, ok) = tool(&dir, "pkcs15-tool", &["--list-certificates"]);
    assert!(ok, "{list}");
    for label in [
        "[User Authentication Certificate]",
        "[Digital Signature Certificate]",
        "[User Authentication Certificate CA]",
        "[Digital Signature Certificate CA]",
    ] {
        assert!(list.contains(label), "{label} not in {list}");
    }
    let (pins, ok) = tool(&dir, "pkcs15-tool", &["--list-pins"]);
    assert!(ok, "{pins}");
    let tries: Vec<&str> = pins
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Tries left     : "))
        .collect();
    assert_eq!(tries, ["3", "5"], "{pins}");

    // The certificates read back byte for byte as issued.
    let auth = card.authentication.as_ref().unwrap();
    let sign = card.signature.as_ref().unwrap();
    for (id, want) in [
        ("01", &auth.certificate),
        ("03", &auth.ca_certificate),
        ("04", &sign.ca_certificate),
    ] {
        let (pem, ok) = tool(&dir, "pkcs15-tool", &["--read-certificate", id]);
        assert!(ok, "{pem}");
        assert_eq!(
            mynumber_pki::from_pem("CERTIFICATE", &pem).as_ref(),
            Some(want),
            "certificate {id}"
        );
    }
    let module = pkcs11_module().unwrap();
    let module = module.to_str().unwrap();
    let (slots, _) = tool(&dir, "pkcs11-tool", &["--module", module, "-L"]);
    assert!(slots.contains("JPKI (User Authentication PIN)"), "{slots}");
    assert!(slots.contains("JPKI (Digital Signature PIN)"), "{slots}");
    // The signature certificate only with its password.
    let (out, ok) = tool(
        &dir,
        "pkcs11-tool",
        &[
            "--module",
            module,
            "--slot-index",
            "1",
            "--login",
            "--pin",
            "ABC123",
            "--read-object",
            "--type",
            "cert",
            "--id",
            "02",
            "-o",
            "sign.der",
        ],
    );
    assert!(ok, "{out}");
    assert_eq!(
        &std::fs::read(dir.join("sign.der")).unwrap(),
        &sign.certificate
    );

    // Each key signs after its own PIN; openssl verifies against the certificate.
    std::fs::write(dir.join("msg.txt"), "確定申告 2026\n").unwrap();
    let (_, ok) = tool(
        &dir,
        "openssl",
        &[
            "dgst",
            "-sha256",
            "-binary",
            "-out",
            "msg.sha256",
            "msg.txt",
        ],
    );
    assert!(ok);
    let auth_pub = public_key_pem(&dir, &auth.certificate, "auth");
    let sign_pub = public_key_pem(&dir, &sign.certificate, "sign");
    for (key, pin, out, public) in [
        ("01", "1234", "auth.sig", &auth_pub),
        ("02", "ABC123", "sign.sig", &sign_pub),
    ] {
        let (said, ok) = tool(
            &dir,
            "pkcs15-crypt",
            &[
                "--sign",
                "--key",
                key,
                "--sha-256",
                "--pkcs1",
                "--pin",
                pin,
                "--input",
                "msg.sha256",
                "--output",
                out,
            ],
        );
        assert!(ok, "{said}");
        assert!(openssl_verifies(&dir, public, out), "key {key}");
    }
    assert!(
        !openssl_verifies(&dir, &sign_pub, "auth.sig"),
        "the keys differ"
    );
    let (said, ok) = tool(
        &dir,
        "pkcs11-tool",
        &[
            "--module",
            module,
            "--slot-index",
            "0",
            "--login",
            "--pin",
            "1234",
            "--sign",
            "--id",
            "01",
            "-m",
            "SHA256-RSA-PKCS",
            "-i",
            "msg.txt",
            "-o",
            "p11.sig",
        ],
    );
    assert!(ok, "{said}");
    assert!(openssl_verifies(&dir, &auth_pub, "p11.sig"));

    // Three wrong PINs lock it; then even the right one is refused, and the lock is in the
    // card file.
    for _ in 0..3 {
        let (said, ok) = tool(
            &dir,
            "pkcs11-tool",
            &[
                "--module",
                module,
                "--slot-index",
                "0",
                "--login",
                "--pin",
                "9999",
                "-O",
            ],
        );
        assert!(!ok);
        assert!(said.contains("CKR_PIN_INCORRECT"), "{said}");
    }
    let (said, ok) = tool(
        &dir,
        "pkcs11-tool",
        &[
            "--module",
            module,
            "--slot-index",
            "0",
            "--login",
            "--pin",
            "1234",
            "-O",
        ],
    );
    assert!(!ok, "a locked PIN is refused even when right: {said}");
    let (pins, _) = tool(&dir, "pkcs15-tool", &["--list-pins"]);
    let tries: Vec<&str> = pins
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Tries left     : "))
        .collect();
    assert_eq!(tries, ["0", "5"], "{pins}");
    let kept = CardData::from_file(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(kept.pin(PinKind::Authentication).unwrap().tries_left(), 0);
    let shown = bin().args(["card", "show"]).arg(&file).output().unwrap();
    assert!(
        text(&shown.stdout).contains("PIN authentication: 0 of 3 tries left (locked)"),
        "{}",
        text(&shown.stdout)
    );
    let _ = attached.kill();
    let _ = attached.wait();
    drop(pcscd);
}
