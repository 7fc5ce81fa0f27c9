//! Languages (issue 22): interface text per language.

use crate::support::Site;

/// A site in English gets the English interface text the default theme
/// ships and `<html lang="en">`; a language the theme has no text for
/// falls back to Vietnamese, with a warning saying how to add it.
#[test]
fn a_site_language_chooses_the_interface_text() {
    let site = Site::fixture("basic");
    let config = site.read("site.yaml");
    site.write("site.yaml", format!("{config}language: en\n"));
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let home = site.read("public/index.html");
    assert!(home.contains("<html lang=\"en\">"), "{home}");
    assert!(home.contains("Skip to main content"), "{home}");
    assert!(!home.contains("Chuyển đến nội dung chính"), "{home}");

    site.write("site.yaml", format!("{config}language: tyz\n"));
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("site.yaml: cảnh báo: giao diện `default` chưa có chữ giao diện cho ngôn ngữ `tyz` (tệp strings.tyz.yaml)"),
        "{}",
        out.stderr
    );
    let home = site.read("public/index.html");
    assert!(home.contains("<html lang=\"tyz\">"), "{home}");
    assert!(home.contains("Chuyển đến nội dung chính"), "{home}");
}
