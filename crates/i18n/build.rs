//! Embeds every catalog in `locales/` so that adding a language is adding one `.ftl` file.
#![allow(
    clippy::panic,
    reason = "a build script reports a broken catalog directory by failing the build"
)]

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // The directory cargo gives this run, not the one the script was compiled in: a second
    // checkout sharing the target directory reuses the compiled script.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR")
        .unwrap_or_else(|e| panic!("cargo sets CARGO_MANIFEST_DIR for build scripts: {e}"));
    let root = Path::new(&manifest_dir).join("locales");
    let mut out = String::new();
    // Residents' catalogs: every language a resident may prefer.
    embed(&root, "", "LANGUAGES", "SOURCES", &mut out);
    // Staff screens (the clerk's and the call center's desks): Japanese and English (issue 11).
    embed(
        &root.join("desk"),
        "desk/",
        "DESK_LANGUAGES",
        "DESK_SOURCES",
        &mut out,
    );
    // The lost-card line's scripts and the caller's next steps: the national line's languages
    // (outside-world §4.5), which are not all a resident's catalog languages (Spanish).
    embed(
        &root.join("call"),
        "call/",
        "CALL_LANGUAGES",
        "CALL_SOURCES",
        &mut out,
    );
    // The kiosk's screens: the languages convenience-store kiosks offer (issue 13), which are
    // not all a resident's catalog languages (Spanish).
    embed(
        &root.join("kiosk"),
        "kiosk/",
        "KIOSK_LANGUAGES",
        "KIOSK_SOURCES",
        &mut out,
    );
    let path = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("catalogs.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Appends the tags and sources of one directory of catalogs, Japanese first.
fn embed(dir: &Path, sub: &str, tags_name: &str, sources_name: &str, out: &mut String) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut tags: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            name.strip_suffix(".ftl").map(str::to_owned)
        })
        .collect();
    for tag in &tags {
        assert!(
            !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "catalog file name {tag:?}.ftl is not a BCP 47 tag"
        );
        println!(
            "cargo:rerun-if-changed={}",
            dir.join(format!("{tag}.ftl")).display()
        );
    }
    // Japanese is the source language and comes first; the rest in a stable order.
    tags.sort_by_key(|t| (t != "ja", t.clone()));
    assert!(
        tags.first().is_some_and(|t| t == "ja"),
        "{}/ja.ftl is missing",
        dir.display()
    );
    let _ = writeln!(out, "/// Supported language tags (BCP 47), Japanese first.");
    let _ = writeln!(out, "pub const {tags_name}: [&str; {}] = [", tags.len());
    for tag in &tags {
        let _ = writeln!(out, "    {tag:?},");
    }
    let _ = writeln!(
        out,
        "];\n\nstatic {sources_name}: [&str; {tags_name}.len()] = ["
    );
    for tag in &tags {
        let _ = writeln!(
            out,
            "    include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/locales/{sub}{tag}.ftl\")),"
        );
    }
    out.push_str("];\n");
}
