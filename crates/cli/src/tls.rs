//! A local TLS certificate for `serve --tls-local`: self-signed for localhost, kept owner-only
//! in the data directory's keys.

use std::path::Path;

use anyhow::{Context, Result};
use mynumber_api::TlsFiles;

use crate::files;

/// Makes a self-signed certificate for `localhost`, 127.0.0.1 and ::1 in `dir` unless one is
/// there, for a demo or a test over HTTPS on this machine. Browsers warn about it: a real
/// deployment brings a certificate from its own or a public CA.
pub(crate) fn local_certificate(dir: &Path) -> Result<TlsFiles> {
    let files = TlsFiles {
        cert: dir.join("tls-local.crt"),
        key: dir.join("tls-local.key"),
    };
    if files.cert.exists() && files.key.exists() {
        return Ok(files);
    }
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("creating {}", dir.display()))?;
    }
    let names = vec![
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "::1".to_owned(),
    ];
    let certified =
        rcgen::generate_simple_self_signed(names).context("making a local TLS certificate")?;
    files::write_private(&files.key, certified.signing_key.serialize_pem().as_bytes())?;
    files::write_private(&files.cert, certified.cert.pem().as_bytes())?;
    Ok(files)
}
