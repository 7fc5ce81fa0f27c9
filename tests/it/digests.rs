//! The output, file by file, compared with a committed list of digests:
//! a change to the render stage that is meant to keep every page the same
//! (a redesign, a speed-up) is checked to the byte.
//!
//! When a change is meant to change the output, run
//! `LOA_BLESS=1 cargo test digests` and say in the commit why each listed
//! file changed.

use std::fmt::Write as _;
use std::path::Path;

use crate::support::{portal_copy, tree, Site};

/// "Today" for every build here, so that plan statuses and current
/// campaigns are fixed: 2026-11-22.
const TODAY: &str = "1795305600";

/// FNV-1a, 64 bits: stable across Rust versions, unlike `DefaultHasher`.
fn fnv(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Builds the site in `dir` with `args` and lists every output file with
/// its size and digest.
fn digests(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("build")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", TODAY)
        .output()
        .expect("the loa binary should start");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut list = String::new();
    for (path, bytes) in tree(&dir.join("public")) {
        let _ = writeln!(list, "{:016x} {:>8} {path}", fnv(&bytes), bytes.len());
    }
    list
}

/// Compares with `tests/digests/<name>.txt`, or writes it with `LOA_BLESS=1`.
fn compare(name: &str, actual: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/digests")
        .join(format!("{name}.txt"));
    if std::env::var_os("LOA_BLESS").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e} (LOA_BLESS=1 writes it)", file.display()));
    if expected != actual {
        let old: std::collections::BTreeSet<&str> = expected.lines().collect();
        let new: std::collections::BTreeSet<&str> = actual.lines().collect();
        let gone: Vec<&&str> = old.difference(&new).take(20).collect();
        let came: Vec<&&str> = new.difference(&old).take(20).collect();
        panic!(
            "the output of {name} changed ({} lines differ)\nbefore: {gone:#?}\nnow: {came:#?}\n\
             if the change is meant, LOA_BLESS=1 cargo test digests, and say why in the commit",
            old.symmetric_difference(&new).count()
        );
    }
}

#[test]
fn bundled_portal_output_is_unchanged() {
    let dir = portal_copy();
    compare("portal", &digests(&dir, &[]));
}

#[test]
fn bundled_portal_offline_and_unminified_output_is_unchanged() {
    let dir = portal_copy();
    compare(
        "portal-offline-unminified",
        &digests(&dir, &["--offline", "--no-minify"]),
    );
}

#[test]
fn fixture_output_is_unchanged() {
    let site = Site::fixture("basic");
    compare("basic", &digests(&site.dir, &[]));
    let site = Site::fixture("basic");
    compare(
        "basic-subpath",
        &digests(&site.dir, &["--base-url", "https://xa.example/cong/"]),
    );
}
