//! A small HTTP/1.1 client for the authentication app (`card login`): one request per
//! connection, over TCP for the loopback or TLS (rustls) with the system's roots or a CA file
//! given, so that the app needs no HTTP stack of its own.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName, pem::PemObject};
use tokio_rustls::rustls::{self, RootCertStore};

/// The system's trusted roots (Debian's ca-certificates).
const SYSTEM_ROOTS: &str = "/etc/ssl/certs/ca-certificates.crt";
/// The longest answer read (bytes).
const MAX_ANSWER: u64 = 1024 * 1024;

/// A URL split for a request.
struct Target {
    tls: bool,
    host: String,
    port: u16,
    path: String,
}

fn target(url: &str) -> Result<Target> {
    let (tls, rest) = if let Some(r) = url.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = url.strip_prefix("http://") {
        (false, r)
    } else {
        bail!("{url:?} is not an http:// or https:// URL");
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => match p.parse() {
            Ok(port) => (h.to_owned(), port),
            Err(_) => (authority.to_owned(), if tls { 443 } else { 80 }),
        },
        _ => (authority.to_owned(), if tls { 443 } else { 80 }),
    };
    if host.is_empty() {
        bail!("{url:?} names no host");
    }
    Ok(Target {
        tls,
        host,
        port,
        path: if path.is_empty() {
            "/".into()
        } else {
            path.into()
        },
    })
}

fn tls_config(ca_file: Option<&Path>) -> Result<rustls::ClientConfig> {
    let mut roots = RootCertStore::empty();
    let file = ca_file.unwrap_or(Path::new(SYSTEM_ROOTS));
    let certs = CertificateDer::pem_file_iter(file)
        .with_context(|| format!("reading trusted certificates from {}", file.display()))?;
    for cert in certs {
        let cert = cert.with_context(|| format!("reading {}", file.display()))?;
        // A root the TLS stack cannot use is skipped, as every client does.
        let _ = roots.add(cert);
    }
    Ok(rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .context("TLS versions")?
    .with_root_certificates(roots)
    .with_no_client_auth())
}

async fn exchange<S: AsyncRead + AsyncWrite + Unpin>(mut s: S, request: &[u8]) -> Result<Vec<u8>> {
    s.write_all(request).await?;
    s.flush().await?;
    let mut all = Vec::new();
    (&mut s).take(MAX_ANSWER).read_to_end(&mut all).await?;
    Ok(all)
}

/// Decodes a chunked body (RFC 9112 §7.1).
fn unchunk(mut body: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = body
            .windows(2)
            .position(|w| w == b"\r\n")
            .context("a chunk without its size line")?;
        let size_text = std::str::from_utf8(&body[..line_end])?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .context("a chunk size that is not hex")?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if body.len() < size + 2 {
            bail!("a chunk shorter than its size");
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size + 2..];
    }
}

/// Sends one request; the status code and the body.
pub(crate) async fn request(
    method: &str,
    url: &str,
    body: Option<(&str, &[u8])>,
    ca_file: Option<&Path>,
) -> Result<(u16, Vec<u8>)> {
    let t = target(url)?;
    let host_header = if (t.tls && t.port == 443) || (!t.tls && t.port == 80) {
        t.host.clone()
    } else {
        format!("{}:{}", t.host, t.port)
    };
    let mut head = format!(
        "{method} {} HTTP/1.1\r\nHost: {host_header}\r\nAccept: application/json\r\n\
         User-Agent: mynumber-card-login\r\nConnection: close\r\n",
        t.path
    );
    if let Some((content_type, bytes)) = body {
        head.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            bytes.len()
        ));
    }
    head.push_str("\r\n");
    let mut request = head.into_bytes();
    if let Some((_, bytes)) = body {
        request.extend_from_slice(bytes);
    }
    let connect_host = t
        .host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let tcp = TcpStream::connect((connect_host.as_str(), t.port))
        .await
        .with_context(|| format!("connecting to {}:{}", t.host, t.port))?;
    let all = if t.tls {
        let name = ServerName::try_from(connect_host.clone())
            .with_context(|| format!("{:?} is not a server name", t.host))?;
        let tls = TlsConnector::from(Arc::new(tls_config(ca_file)?))
            .connect(name, tcp)
            .await
            .with_context(|| format!("TLS with {}", t.host))?;
        exchange(tls, &request).await?
    } else {
        exchange(tcp, &request).await?
    };
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .context("the server's answer has no end of headers")?;
    let head = String::from_utf8_lossy(&all[..split]);
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .context("the server's answer has no status")?;
    let body = &all[split + 4..];
    let chunked = head.lines().any(|l| {
        l.to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked")
    });
    Ok((
        status,
        if chunked {
            unchunk(body)?
        } else {
            body.to_vec()
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_host_port_and_path() {
        let t = target("https://id.example/api/x").unwrap();
        assert!(t.tls);
        assert_eq!(
            (t.host.as_str(), t.port, t.path.as_str()),
            ("id.example", 443, "/api/x")
        );
        let t = target("http://127.0.0.1:8080").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.path.as_str()),
            ("127.0.0.1", 8080, "/")
        );
        let t = target("http://[::1]:9/p").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("[::1]", 9));
        assert!(target("ftp://x/").is_err());
        assert!(target("http:///p").is_err());
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            unchunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(unchunk(b"zz\r\n").is_err());
        assert!(unchunk(b"5\r\nab").is_err());
    }
}
