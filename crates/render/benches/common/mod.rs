//! What the renderer's benchmarks share: the Debian fonts, or a skip naming the package.

use mynumber_render::{DEBIAN_FONT_FILES, FontFile, FontFiles, Fonts};

/// The system's fonts; `None` (skipped loudly) when a package is missing.
pub(crate) fn fonts() -> Option<Fonts> {
    let mut files = Vec::new();
    for (path, package) in DEBIAN_FONT_FILES {
        match std::fs::read(path) {
            Ok(bytes) => files.push(FontFile::new(bytes, path)),
            Err(e) => {
                eprintln!("SKIPPED: {path}: {e} (apt-get install {package})");
                return None;
            }
        }
    }
    Some(Fonts::new(&FontFiles::from_ordered(files.try_into().unwrap())).unwrap())
}
