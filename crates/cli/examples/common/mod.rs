//! What the load drivers share (`login_load`, `kiosk_load`): one HTTP/1.1 exchange on a fresh
//! loopback connection with its time, a signature with the card's user-authentication key
//! through the chip's own commands, and the report of times.
#![allow(dead_code, reason = "each load driver uses a part of what they share")]

use std::time::{Duration, Instant};

use mynumber_card::Chip;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// An HTTP answer: status, headers (lowercase names), body.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name}: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One HTTP/1.1 exchange on a fresh loopback connection, and how long it took.
pub(crate) async fn call(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (Reply, Duration) {
    let started = Instant::now();
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let mut stream = tokio::net::TcpStream::connect(host).await.expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    let mut head = format!(
        "{method} /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let mut request = head.into_bytes();
    request.extend_from_slice(body);
    stream.write_all(&request).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let took = started.elapsed();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header's end");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    (
        Reply {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        },
        took,
    )
}

pub(crate) fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(body)))
}

/// DigestInfo of SHA-256 (RFC 8017 §9.2 note 1) over `message`, as the app sends it.
pub(crate) fn digest_info(message: &[u8]) -> Vec<u8> {
    mynumber_pki::DigestInfo::sha256_of(message).to_der()
}

/// Signs with the card's user-authentication key through the chip: select the JPKI
/// application, verify the PIN, select the key, compute the signature; then read nothing more
/// (the certificate was read once).
pub(crate) fn card_sign(chip: &mut Chip, message: &[u8]) -> Vec<u8> {
    let mut send = |apdu: Vec<u8>| {
        let r = chip.transmit(&apdu);
        assert_eq!(r[r.len() - 2..], [0x90, 0x00], "{apdu:02X?}");
        r[..r.len() - 2].to_vec()
    };
    send(
        [
            &[0x00, 0xA4, 0x04, 0x0C, 0x0A][..],
            &mynumber_card::JPKI_AID,
        ]
        .concat(),
    );
    send(vec![0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x18]);
    send(vec![0x00, 0x20, 0x00, 0x80, 0x04, b'1', b'2', b'3', b'4']);
    send(vec![0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x17]);
    let info = digest_info(message);
    let mut apdu = vec![
        0x80,
        0x2A,
        0x00,
        0x80,
        u8::try_from(info.len()).expect("a SHA-256 DigestInfo is 51 bytes"),
    ];
    apdu.extend_from_slice(&info);
    apdu.push(0x00);
    send(apdu)
}

/// The `p` quantile of sorted times, in milliseconds.
pub(crate) fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

pub(crate) fn report(name: &str, mut times: Vec<Duration>, elapsed: Duration) {
    times.sort();
    println!(
        "{name}: {} in {:.1} s = {:.0}/s; server time p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms",
        times.len(),
        elapsed.as_secs_f64(),
        times.len() as f64 / elapsed.as_secs_f64(),
        percentile(&times, 0.5),
        percentile(&times, 0.9),
        percentile(&times, 0.99),
    );
}
