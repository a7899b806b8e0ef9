//! Cross-checks against independent implementations: python-stdnum (`stdnum.jp.in_`,
//! `stdnum.jp.cn`, `stdnum.damm`) for the check digits, and Python's own `hmac` for the derivation.
//!
//! Uses `$MYNUMBER_PYTHON` (default `python3`). Without python-stdnum the test skips loudly,
//! unless `MYNUMBER_REQUIRE_ORACLES=1` (CI), where it fails.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

use std::io::Write;
use std::process::{Command, Stdio};

use mynumber_core::{
    CorporateNumber, DerivationInput, DerivationKey, IndividualNumber, ResidentCode,
};

const SCRIPT: &str = r#"
import sys, hmac, hashlib
from stdnum.jp import in_, cn
from stdnum import damm
out = []
for line in sys.stdin:
    kind, value = line.split()
    if kind == "in":
        out.append("1" if in_.is_valid(value) else "0")
    elif kind == "cn":
        out.append("1" if cn.is_valid(value) else "0")
    elif kind == "damm":
        out.append(damm.calc_check_digit(value))
    else:  # derive: code,generation,attempt with key 0x07 * 32
        code, gen, attempt = value.split(",")
        msg = b"mynumber/individual-number/v1\0" + code.encode() + int(gen).to_bytes(4, "big") + int(attempt).to_bytes(4, "big")
        d = hmac.new(bytes([7] * 32), msg, hashlib.sha256).digest()
        space = 10 ** 11
        limit = 2 ** 64 - 1 - (2 ** 64 - 1) % space
        base = next(v % space for v in (int.from_bytes(d[i:i + 8], "big") for i in range(0, 32, 8)) if v < limit)
        b = "%011d" % base
        out.append(b + in_.calc_check_digit(b))
print("\n".join(out))
"#;

fn python() -> Option<String> {
    let py = std::env::var("MYNUMBER_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&py)
        .args(["-c", "import stdnum.jp.in_"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok {
        return Some(py);
    }
    if std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() == Ok("1") {
        panic!(
            "python-stdnum is required (MYNUMBER_REQUIRE_ORACLES=1) but `{py} -c 'import stdnum'` failed"
        );
    }
    eprintln!(
        "\n=== SKIPPING the python-stdnum cross-check: install it with `pip install python-stdnum` ===\n"
    );
    None
}

fn ask(py: &str, lines: &[String]) -> Vec<String> {
    ask_with(py, SCRIPT, lines)
}

/// Runs `script` with `lines` on its standard input; its output's lines.
fn ask_with(py: &str, script: &str, lines: &[String]) -> Vec<String> {
    let mut child = Command::new(py)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = lines.join("\n") + "\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// SplitMix64, so the sample is the same on every run.
fn numbers(seed: u64, n: usize, digits: u32) -> Vec<String> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            format!(
                "{:0width$}",
                (z ^ (z >> 31)) % 10u64.pow(digits),
                width = digits as usize
            )
        })
        .collect()
}

#[test]
fn check_digits_agree_with_python_stdnum() {
    let Some(py) = python() else { return };
    // Random 12-digit strings are valid about one time in ten; add as many valid ones.
    let mut individual = numbers(1, 10_000, 12);
    individual.extend(numbers(2, 10_000, 11).iter().map(|b| {
        IndividualNumber::from_base(b.parse().unwrap())
            .unwrap()
            .expose_digits()
            .to_owned()
    }));
    let corporate = numbers(3, 10_000, 13);
    let mut lines: Vec<String> = individual.iter().map(|n| format!("in {n}")).collect();
    lines.extend(corporate.iter().map(|n| format!("cn {n}")));
    let answers = ask(&py, &lines);
    assert_eq!(answers.len(), lines.len());
    let mut valid = 0;
    for (n, a) in individual.iter().chain(&corporate).zip(&answers) {
        let ours = if n.len() == 12 {
            IndividualNumber::is_valid(n)
        } else {
            CorporateNumber::is_valid(n)
        };
        assert_eq!(
            ours,
            a == "1",
            "disagreement on a synthetic number of length {}",
            n.len()
        );
        valid += usize::from(ours);
    }
    assert!(
        valid > 11_000,
        "the sample must hold many valid numbers, got {valid}"
    );
}

#[test]
fn derivation_agrees_with_an_independent_hmac() {
    let Some(py) = python() else { return };
    let key = DerivationKey::from_bytes([7; 32]);
    let inputs: Vec<DerivationInput> = numbers(4, 500, 10)
        .iter()
        .enumerate()
        .map(|(i, b)| DerivationInput {
            resident_code: ResidentCode::from_body(b.parse().unwrap()).unwrap(),
            generation: (i % 3) as u32,
            attempt: (i % 2) as u32,
        })
        .collect();
    let lines: Vec<String> = inputs
        .iter()
        .map(|i| format!("derive {},{},{}", i.resident_code, i.generation, i.attempt))
        .collect();
    let answers = ask(&py, &lines);
    for (input, theirs) in inputs.iter().zip(answers) {
        assert_eq!(key.derive(*input).unwrap().expose_digits(), theirs);
    }
}

#[test]
fn application_id_check_digits_agree_with_python_stdnum_damm() {
    let Some(py) = python() else { return };
    let bodies = numbers(5, 5_000, 16);
    let lines: Vec<String> = bodies.iter().map(|b| format!("damm 131041{b}")).collect();
    let answers = ask(&py, &lines);
    assert_eq!(answers.len(), lines.len());
    for (body, theirs) in bodies.iter().zip(answers) {
        let digits = format!("131041{body}");
        let ours = mynumber_core::check_digits::damm(digits.as_bytes());
        assert_eq!(ours.to_string(), theirs, "Damm digit of {digits}");
        let id = format!("{digits}{ours}");
        assert!(mynumber_core::ApplicationId::parse(&id).is_ok());
    }
}

/// 機関別符号 (issue 14, docs/design/exchange.md): Python's own `hmac` and its big integers
/// reproduce the published derivation on synthetic resident codes and agency units.
#[test]
fn python_s_hmac_derives_the_same_agency_codes() {
    use mynumber_core::agency_code::{AgencyUnit, ExchangeKey};
    const AGENCY_SCRIPT: &str = r#"
import sys, hmac, hashlib
A = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
for line in sys.stdin:
    rc, unit = line.split()
    d = hmac.new(bytes([7] * 32), b"mynumber/agency-code/v1\0" + rc.encode() + b"\0" + unit.encode(), hashlib.sha256).digest()
    n, s = int.from_bytes(d, "big"), ""
    for _ in range(52):
        s, n = A[n % 32] + s, n // 32
    print(s)
"#;
    let Some(py) = python() else { return };
    let key = ExchangeKey::from_bytes([7; 32]);
    let units = [
        "131041/mayor",
        "131041/board-of-education",
        "mhlw/pension",
        "nta",
    ];
    let mut lines = Vec::new();
    let mut ours = Vec::new();
    for body in (1_000_000_000u64..1_000_000_000 + 250).map(|b| b * 7 % 9_999_999_999 + 1) {
        let rc = ResidentCode::from_body(body).unwrap();
        for unit in units {
            lines.push(format!("{} {unit}", rc.digits()));
            ours.push(
                key.code(&rc, &AgencyUnit::parse(unit).unwrap())
                    .expose()
                    .to_owned(),
            );
        }
    }
    let theirs = ask_with(&py, AGENCY_SCRIPT, &lines);
    assert_eq!(theirs.len(), 1_000);
    assert_eq!(theirs, ours);
}

/// An access history's receipt verifies with OpenSSL's own Ed25519 (`openssl pkeyutl -verify
/// -rawin`) and the ledger's public key as a PEM, over exactly the lines before `signature`;
/// the same bytes with one entry removed do not.
#[test]
fn openssl_verifies_an_access_history_receipt() {
    use mynumber_core::PersonId;
    use mynumber_core::checkpoint::{Head, LedgerSigningKey};
    use mynumber_core::history::{HistoryReceipt, ReceiptEntry};
    let Ok(version) = Command::new("openssl").arg("version").output() else {
        assert!(
            std::env::var("MYNUMBER_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "openssl is required (MYNUMBER_REQUIRE_ORACLES=1)"
        );
        eprintln!("\n=== SKIPPING the openssl cross-check: openssl is missing ===\n");
        return;
    };
    assert!(version.status.success());
    let key = LedgerSigningKey::from_bytes([0x42; 32]);
    let entry = |seq: i64, action: &str| ReceiptEntry {
        partition: "131041".into(),
        seq,
        at_us: 1_795_000_000_000_000 + seq,
        hash: [seq as u8; 32],
        action: action.into(),
        actor: "0123456789abcdef0123456789abcdef".into(),
        purpose: Some("tax".into()),
    };
    let receipt = key.sign_history(
        PersonId::from_random([5; 16]),
        1_795_000_001_000_000,
        true,
        vec![entry(3, "number-read"), entry(7, "record-read")],
        vec![Head {
            partition: "131041".into(),
            seq: 9,
            hash: [9; 32],
        }],
    );
    let text = receipt.to_text();
    assert_eq!(HistoryReceipt::parse(&text).unwrap(), receipt);
    let dir = std::env::temp_dir().join(format!("mynumber-receipt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // SubjectPublicKeyInfo of an Ed25519 key (RFC 8410 §4): a fixed prefix and the 32 bytes.
    let mut spki = hex::decode("302a300506032b6570032100").unwrap();
    spki.extend(hex::decode(key.public().to_hex()).unwrap());
    std::fs::write(dir.join("pub.der"), &spki).unwrap();
    std::fs::write(dir.join("sig"), receipt.signature()).unwrap();
    let verify = |statement: &str| {
        std::fs::write(dir.join("statement"), statement).unwrap();
        Command::new("openssl")
            .args(["pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-rawin"])
            .arg("-inkey")
            .arg(dir.join("pub.der"))
            .arg("-in")
            .arg(dir.join("statement"))
            .arg("-sigfile")
            .arg(dir.join("sig"))
            .output()
            .unwrap()
    };
    let statement = text.split("signature ").next().unwrap();
    assert_eq!(statement, receipt.statement());
    let ok = verify(statement);
    assert!(
        ok.status.success(),
        "{}{}",
        String::from_utf8_lossy(&ok.stdout),
        String::from_utf8_lossy(&ok.stderr)
    );
    let without: String = statement
        .lines()
        .filter(|l| !l.contains("record-read"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!verify(&without).status.success());
    std::fs::remove_dir_all(&dir).unwrap();
}
