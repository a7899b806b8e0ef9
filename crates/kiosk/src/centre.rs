//! The certificate-issuing centre, as this terminal talks to it: every request a compact JWS
//! signed with the terminal's P-256 key (`typ kiosk+jwt`), naming the terminal, the shop, the
//! method and path it is for and when it was made (docs/design/kiosk.md); one HTTP/1.1 exchange
//! each, over plain HTTP to a centre on the kiosk's private network (HTTPS is left out: see
//! docs/design/kiosk.md).

use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The longest the centre may take to answer one request.
const TIMEOUT: Duration = Duration::from_secs(30);
/// The largest answer read: a household's signed PDF in base64 is well under 16 MiB.
const MAX_ANSWER: u64 = 16 * 1024 * 1024;

/// Why the centre did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CentreError {
    /// No answer (down, unreachable, too slow, or an answer that is not HTTP).
    #[error("the centre did not answer: {0}")]
    Unreachable(String),
    /// The centre refused, saying why: its problem's message in the kiosk's language.
    #[error("the centre refused ({status}): {message}")]
    Refused {
        /// The HTTP status.
        status: u16,
        /// What the centre said, for the resident.
        message: String,
    },
}

/// The terminal and the centre it belongs to.
pub(crate) struct Centre {
    /// `http://host:port`, no trailing slash.
    base: String,
    /// The terminal's id, as registered.
    terminal: String,
    /// The shop's code, as registered.
    shop: String,
    /// The terminal's private key (PKCS#8 DER, P-256).
    key: Vec<u8>,
}

impl std::fmt::Debug for Centre {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Centre")
            .field("base", &self.base)
            .field("terminal", &self.terminal)
            .field("shop", &self.shop)
            .finish_non_exhaustive()
    }
}

impl Centre {
    pub(crate) fn new(base: &str, terminal: &str, shop: &str, key: Vec<u8>) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
            terminal: terminal.to_owned(),
            shop: shop.to_owned(),
            key,
        }
    }

    /// POSTs `request` to `path`, signed; the answer's JSON, or why not. `language` asks the
    /// centre for its messages in the resident's language.
    pub(crate) async fn post(
        &self,
        path: &str,
        request: Value,
        language: &str,
    ) -> Result<Value, CentreError> {
        let header = json!({"alg": "ES256", "typ": "kiosk+jwt", "kid": self.terminal});
        let payload = json!({
            "terminal": self.terminal,
            "shop": self.shop,
            "htm": "POST",
            "htu": path,
            "iat": jiff::Timestamp::now().as_second(),
            "request": request,
        });
        let jws = mynumber_pki::jose::sign_es256(
            &self.key,
            header.to_string().as_bytes(),
            payload.to_string().as_bytes(),
        )
        .map_err(|e| CentreError::Unreachable(format!("signing: {e:?}")))?;
        let (status, body) = tokio::time::timeout(
            TIMEOUT,
            exchange(&self.base, path, language, jws.as_bytes()),
        )
        .await
        .map_err(|_| CentreError::Unreachable("no answer in 30 s".into()))??;
        let value: Value = serde_json::from_slice(&body).map_err(|_| {
            CentreError::Unreachable(format!("an answer that is not JSON ({status})"))
        })?;
        if (200..300).contains(&status) {
            return Ok(value);
        }
        // A problem (RFC 9457) with field problems: the first one's message, else its detail.
        let message = value["errors"][0]["message"]
            .as_str()
            .or_else(|| value["detail"].as_str())
            .unwrap_or_default()
            .to_owned();
        Err(CentreError::Refused { status, message })
    }
}

/// One HTTP/1.1 POST on a fresh connection: the status and the body.
async fn exchange(
    base: &str,
    path: &str,
    language: &str,
    body: &[u8],
) -> Result<(u16, Vec<u8>), CentreError> {
    let down = |e: std::io::Error| CentreError::Unreachable(e.to_string());
    let host = base
        .strip_prefix("http://")
        .ok_or_else(|| CentreError::Unreachable("the centre's URL is not http://".into()))?;
    let mut stream = tokio::net::TcpStream::connect(host).await.map_err(down)?;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/jose\r\nAccept: application/json\r\nAccept-Language: {language}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.map_err(down)?;
    stream.write_all(body).await.map_err(down)?;
    let mut raw = Vec::new();
    stream
        .take(MAX_ANSWER)
        .read_to_end(&mut raw)
        .await
        .map_err(down)?;
    let bad = || CentreError::Unreachable("an answer that is not HTTP/1.1".into());
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(bad)?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|_| bad())?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    let chunked = head.lines().any(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("transfer-encoding:") && l.contains("chunked")
    });
    let body = &raw[split + 4..];
    let body = if chunked {
        dechunk(body).ok_or_else(bad)?
    } else {
        body.to_vec()
    };
    Ok((status, body))
}

/// A chunked body (RFC 9112 §7.1) put together.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line = body.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&body[..line]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        body = &body[line + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::dechunk;

    #[test]
    fn a_chunked_body_is_put_together_and_a_short_one_refused() {
        assert_eq!(
            dechunk(b"4\r\n{\"a\"\r\n3;x=1\r\n:1}\r\n0\r\n\r\n").as_deref(),
            Some(b"{\"a\":1}".as_slice())
        );
        assert_eq!(dechunk(b"ff\r\nshort"), None);
        assert_eq!(dechunk(b"zz\r\n"), None);
    }
}
