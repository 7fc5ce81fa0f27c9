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
    // Dates read as English readers write them.
    let page = site.read("public/bai-viet/ma-tuy/index.html");
    assert!(page.contains("26 June 2026"), "{page}");
    assert!(!page.contains("tháng 6 năm 2026"), "{page}");

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

/// Slugs in other scripts (issue 22, point 5): an article titled in Khmer
/// lives at a folder of Khmer letters (browsers show them, and send them
/// percent-encoded), lists link to it, its explicit slug may be Khmer too,
/// and the sitemap and QR codes carry the address percent-encoded.
#[test]
fn khmer_titles_keep_their_letters_in_addresses() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/tro-giup-km.md",
        "---\ntitle: ជំនួយផ្លូវច្បាប់ ឥតគិតថ្លៃ\ndate: 2026-01-02\n---\n::: {lang=km}\nជំនួយផ្លូវច្បាប់ឥតគិតថ្លៃ។\n:::\n",
    );
    site.write(
        "content/bai-viet/ជំនួយ.md",
        "---\ntitle: ជំនួយ\ndate: 2030-01-03\nslug: ជំនួយ-ច្បាប់\n---\nChữ.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The file name gives the first slug; the second is written.
    assert!(site.exists("public/bai-viet/tro-giup-km/index.html"));
    let page = site.read("public/bai-viet/ជំនួយ-ច្បាប់/index.html");
    assert!(page.contains("<h1>ជំនួយ</h1>"), "{page}");
    let list = site.read("public/bai-viet/index.html");
    assert!(list.contains("href=\"../bai-viet/ជំនួយ-ច្បាប់/\""), "{list}");
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://mau.example/bai-viet/%E1%9E%87%E1%9F%86%E1%9E%93%E1%9E%BD%E1%9E%99-"
        ),
        "{sitemap}"
    );
    assert!(!sitemap.contains("ជំនួយ"), "{sitemap}");
    // A title alone, in Khmer, makes a Khmer slug when the file name has none.
    site.write(
        "content/bai-viet/ឥតគិតថ្លៃ.md",
        "---\ntitle: ឥតគិតថ្លៃ\ndate: 2026-01-04\n---\nChữ.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(site.exists("public/bai-viet/ឥតគិតថ្លៃ/index.html"));
}

/// A unit of the registry may carry its English name, shown on its page
/// marked as English (issue 22, point 3).
#[test]
fn units_carry_their_english_names() {
    let site = Site::fixture("basic");
    site.write(
        "content/don-vi.yaml",
        "- id: cong-an-xa-mau\n  name: Công an xã Mẫu\n  name_en: Mau Commune Police\n  level: xa\n- id: tram-y-te\n  name: Trạm Y tế xã Mẫu\n  level: xa\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/don-vi/cong-an-xa-mau/index.html");
    assert!(
        page.contains(
            "<h1>Công an xã Mẫu</h1>\n<p class=\"name-en\" lang=\"en\">Mau Commune Police</p>"
        ),
        "{page}"
    );
    let other = site.read("public/don-vi/tram-y-te/index.html");
    assert!(!other.contains("name-en"), "{other}");
}
