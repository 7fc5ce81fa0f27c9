//! The bundled portal at the repository root is a site too.

use crate::support::{portal_copy, run_loa};

#[test]
fn bundled_portal_checks_without_errors() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = run_loa(std::path::Path::new(root), &["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("Kiểm tra xong: 0 lỗi"),
        "{}",
        out.stderr
    );
}

#[test]
fn bundled_portal_builds_with_at_least_eight_articles() {
    let dir = portal_copy();
    let out = run_loa(&dir, &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let articles = std::fs::read_dir(dir.join("public/bai-viet"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .filter(|e| e.as_ref().unwrap().file_name() != "trang")
        .count();
    assert!(articles >= 8, "{articles} articles");
    for page in ["gioi-thieu/index.html", "lien-he/index.html"] {
        assert!(dir.join("public").join(page).is_file(), "{page}");
    }
}
