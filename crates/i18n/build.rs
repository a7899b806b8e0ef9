//! Embeds every catalog in `locales/` so that adding a language is adding one `.ftl` file.
#![allow(
    clippy::panic,
    reason = "a build script reports a broken catalog directory by failing the build"
)]

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut tags: Vec<String> = std::fs::read_dir(&dir)
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
        "locales/ja.ftl is missing"
    );

    let mut out = String::from("/// Supported language tags (BCP 47), Japanese first.\n");
    let _ = writeln!(out, "pub const LANGUAGES: [&str; {}] = [", tags.len());
    for tag in &tags {
        let _ = writeln!(out, "    {tag:?},");
    }
    out.push_str("];\n\nstatic SOURCES: [&str; LANGUAGES.len()] = [\n");
    for tag in &tags {
        let _ = writeln!(
            out,
            "    include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/locales/{tag}.ftl\")),"
        );
    }
    out.push_str("];\n");
    let path = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("catalogs.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
