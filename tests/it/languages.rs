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

/// A site in Vietnamese, English and Tày (issue 22): translations named as
/// Hugo names them are published under each language's prefix, with the
/// interface text of their language (Tày falls back to Vietnamese, said
/// once), `<html lang>`, `hreflang` links both ways with `x-default`, a
/// language switch naming each language in itself, a feed and a search
/// index per language and sitemap alternates; plans stay Vietnamese.
#[test]
fn a_site_in_three_languages() {
    let site = Site::fixture("basic");
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        format!("{config}languages:\n  - code: en\n    name: English\n    title: Mau Commune portal\n  - code: tyz\n    name: Tày\n"),
    );
    site.write(
        "content/bai-viet/tro-giup-phap-ly.en.md",
        "---\ntitle: Free legal aid\ndate: 2026-04-12\n---\nLegal aid is free for eligible people in Đông Hòa. See [about the commune](@/trang/gioi-thieu.en.md) and [the Vietnamese page](/bai-viet/tro-giup-phap-ly/).\n",
    );
    site.write(
        "content/bai-viet/tro-giup-phap-ly.tyz.md",
        "---\ntitle: Pá pó\ndate: 2026-04-12\n---\n::: {lang=tyz}\nPá pó mì slương.\n:::\n",
    );
    site.write(
        "content/trang/gioi-thieu.en.md",
        "---\ntitle: About the commune\n---\nThe commune.\n",
    );
    // A page bundle and its translation share its picture.
    let png = site.read_bytes("static/anh/tgpl.png");
    site.write("content/bai-viet/ngay-hoi/anh.png", &png);
    site.write(
        "content/bai-viet/ngay-hoi/index.md",
        "---\ntitle: Ngày hội\ndate: 2026-04-13\nimage: anh.png\nimage_alt: Quang cảnh\n---\n![Quang cảnh](anh.png)\n",
    );
    site.write(
        "content/bai-viet/ngay-hoi/index.en.md",
        "---\ntitle: Law Day\ndate: 2026-04-13\nimage: anh.png\nimage_alt: The scene\n---\n![The scene](anh.png)\n",
    );
    site.write(
        "content/bai-viet/khong-goc.en.md",
        "---\ntitle: Orphan\ndate: 2026-04-12\n---\nText.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr
            .matches("chưa có chữ giao diện cho ngôn ngữ `tyz`")
            .count(),
        1,
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("content/bai-viet/khong-goc.en.md: cảnh báo: bản dịch (English) không có bài gốc đã đăng `bai-viet/khong-goc.md`"),
        "{}",
        out.stderr
    );
    // Pages of each language, under its prefix; no plans in other languages.
    for path in [
        "public/en/index.html",
        "public/en/bai-viet/tro-giup-phap-ly/index.html",
        "public/en/bai-viet/khong-goc/index.html",
        "public/en/gioi-thieu/index.html",
        "public/en/tim-kiem/index.html",
        "public/en/feed.xml",
        "public/tyz/bai-viet/tro-giup-phap-ly/index.html",
    ] {
        assert!(site.exists(path), "{path}");
    }
    assert!(!site.exists("public/en/ke-hoach"));
    let bundle = site.read("public/en/bai-viet/ngay-hoi/index.html");
    assert!(
        bundle.contains("<img src=\"../../../bai-viet/ngay-hoi/anh.png\" alt=\"The scene\""),
        "{bundle}"
    );
    assert!(
        bundle.contains("og:image\" content=\"https://mau.example/bai-viet/ngay-hoi/anh.png\""),
        "{bundle}"
    );
    assert!(!site.exists("public/en/sitemap.xml") && !site.exists("public/en/404.html"));
    let en = site.read("public/en/bai-viet/tro-giup-phap-ly/index.html");
    let vi = site.read("public/bai-viet/tro-giup-phap-ly/index.html");
    let tyz = site.read("public/tyz/bai-viet/tro-giup-phap-ly/index.html");
    assert!(en.contains("<html lang=\"en\">") && en.contains("Skip to main content"));
    // Links in a translation: to another translation by its file, to any
    // page of the site by its address.
    assert!(
        en.contains("<a href=\"../../../en/gioi-thieu/\">about the commune</a>"),
        "{en}"
    );
    assert!(
        en.contains("<a href=\"../../../bai-viet/tro-giup-phap-ly/\">the Vietnamese page</a>"),
        "{en}"
    );
    assert!(tyz.contains("<html lang=\"tyz\">") && tyz.contains("Chuyển đến nội dung chính"));
    for page in [&en, &vi, &tyz] {
        for (lang, url) in [
            ("vi", "https://mau.example/bai-viet/tro-giup-phap-ly/"),
            (
                "x-default",
                "https://mau.example/bai-viet/tro-giup-phap-ly/",
            ),
            ("en", "https://mau.example/en/bai-viet/tro-giup-phap-ly/"),
            ("tyz", "https://mau.example/tyz/bai-viet/tro-giup-phap-ly/"),
        ] {
            let link = format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{url}\">");
            assert!(page.contains(&link), "{link}: {page}");
        }
    }
    assert!(
        vi.contains("<li><span aria-current=\"page\" lang=\"vi\">Tiếng Việt</span></li><li><a href=\"../../en/bai-viet/tro-giup-phap-ly/\" hreflang=\"en\" lang=\"en\">English</a></li><li><a href=\"../../tyz/bai-viet/tro-giup-phap-ly/\" hreflang=\"tyz\" lang=\"tyz\">Tày</a></li>"),
        "{vi}"
    );
    assert!(
        en.contains("<span aria-current=\"page\" lang=\"en\">English</span>"),
        "{en}"
    );
    // A page with no translation has no switch; the homes and lists have one.
    let other = site.read("public/bai-viet/ma-tuy/index.html");
    assert!(
        !other.contains("class=\"languages\"") && !other.contains("hreflang"),
        "{other}"
    );
    assert!(site
        .read("public/en/index.html")
        .contains("hreflang=\"vi\" href=\"https://mau.example/\""));
    let orphan = site.read("public/en/bai-viet/khong-goc/index.html");
    assert!(!orphan.contains("hreflang"), "{orphan}");
    // A feed per language.
    let feed = site.read("public/en/feed.xml");
    assert!(
        feed.contains("xml:lang=\"en\"") && feed.contains("Free legal aid"),
        "{feed}"
    );
    assert!(
        feed.contains("<link href=\"https://mau.example/en/feed.xml\" rel=\"self\""),
        "{feed}"
    );
    assert!(!site.read("public/feed.xml").contains("Free legal aid"));
    // A search index per language.
    let index_words = |dir: &str| -> String {
        walkdir::WalkDir::new(site.dir.join(dir))
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    };
    let en_index = index_words("public/en/tim-kiem");
    assert!(en_index.contains("legal"), "{en_index}");
    // English keeps đ; Vietnamese folds it.
    assert!(en_index.contains("\"đong\""), "{en_index}");
    assert!(!en_index.contains("\"dong\""), "{en_index}");
    assert!(!index_words("public/tim-kiem").contains("\"legal\""));
    // The sitemap lists every language's version, with its alternates.
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains("<loc>https://mau.example/en/bai-viet/tro-giup-phap-ly/</loc><xhtml:link rel=\"alternate\" hreflang=\"vi\""), "{sitemap}");
    assert!(
        sitemap.contains("<loc>https://mau.example/en/gioi-thieu/</loc>"),
        "{sitemap}"
    );
}

/// The starter of `loa init` shows how to add a language: its commented
/// lines, uncommented, and one translation beside its page publish the page
/// in English (issue 22, point 4).
#[test]
fn the_starter_shows_how_to_add_a_language() {
    let work = crate::support::fresh_dir();
    assert_eq!(crate::support::run_loa(&work, &["init", "site"]).code, 0);
    let dir = work.join("site");
    let config = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(
        config.contains("# languages:\n#   - code: en\n#     name: English\n"),
        "{config}"
    );
    let config = config
        .replace("# languages:", "languages:")
        .replace("#   - code: en", "  - code: en")
        .replace("#     name: English", "    name: English");
    std::fs::write(dir.join("site.yaml"), config).unwrap();
    std::fs::write(
        dir.join("content/trang/gioi-thieu.en.md"),
        "---\ntitle: About the commune\n---\nThe People's Committee of the commune.\n",
    )
    .unwrap();
    let out = crate::support::run_loa(&dir, &["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = std::fs::read_to_string(dir.join("public/en/gioi-thieu/index.html")).unwrap();
    assert!(page.contains("<html lang=\"en\">") && page.contains("About the commune"));
    assert!(page.contains("hreflang=\"vi\""), "{page}");
}

/// The bundled portal has the basic information in English that Decree
/// 42/2022 asks of a state portal (issue 22, point 4): home, about the
/// commune (its bodies, from its own plan), contact (the office's details
/// in English, nothing still to be filled in shown) and one outreach
/// article, each linked both ways to its Vietnamese page.
#[test]
fn the_bundled_portal_speaks_english_too() {
    let dir = crate::support::portal_copy();
    let out = crate::support::run_loa(&dir, &["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let read = |p: &str| std::fs::read_to_string(dir.join("public").join(p)).unwrap();
    for (en, vi) in [
        ("en/index.html", "https://thanhmien.example/"),
        (
            "en/gioi-thieu/index.html",
            "https://thanhmien.example/gioi-thieu/",
        ),
        (
            "en/lien-he/index.html",
            "https://thanhmien.example/lien-he/",
        ),
        (
            "en/bai-viet/tro-giup-phap-ly-la-gi/index.html",
            "https://thanhmien.example/bai-viet/tro-giup-phap-ly-la-gi/",
        ),
    ] {
        let page = read(en);
        assert!(page.contains("<html lang=\"en\">"), "{en}");
        assert!(
            page.contains(&format!(
                "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{vi}\">"
            )),
            "{en}: {page}"
        );
        assert!(!page.contains("Cần điền"), "{en} shows a placeholder");
    }
    let about = read("en/gioi-thieu/index.html");
    assert!(
        about.contains("Vice Chairman <strong>Lê Anh Tuấn</strong>"),
        "{about}"
    );
    assert!(
        about.contains("href=\"../../ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/\""),
        "{about}"
    );
    let contact = read("en/lien-he/index.html");
    assert!(
        contact.contains("People&#39;s Committee of Thanh Mien Commune")
            || contact.contains("People's Committee of Thanh Mien Commune"),
        "{contact}"
    );
    assert!(
        contact.contains("State Legal Aid Centre of Hai Phong City"),
        "{contact}"
    );
    let article = read("bai-viet/tro-giup-phap-ly-la-gi/index.html");
    assert!(
        article.contains("hreflang=\"en\" href=\"https://thanhmien.example/en/bai-viet/tro-giup-phap-ly-la-gi/\""),
        "{article}"
    );
}

/// A language's prefix may be chosen, and a site may give its own words
/// for the interface in a language (`strings.en.yaml` in its folder), key
/// by key over the theme's; a key the theme has not is warned about; a
/// prefix that is a section of the site is an error (issue 22, point 1).
#[test]
fn prefixes_and_the_sites_own_words() {
    let site = Site::fixture("basic");
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        format!("{config}languages:\n  - code: en\n    name: English\n    prefix: english\n"),
    );
    site.write(
        "content/bai-viet/tro-giup-phap-ly.en.md",
        "---\ntitle: Free legal aid\ndate: 2026-04-12\n---\nText.\n",
    );
    site.write(
        "strings.en.yaml",
        "skip_to_content: Go to the content\nskip_to_contnet: typo\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/english/bai-viet/tro-giup-phap-ly/index.html");
    assert!(page.contains("Go to the content"), "{page}");
    assert!(
        page.contains("Search"),
        "the theme's other English words stay: {page}"
    );
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    assert!(
        out.stderr.contains(
            "strings.en.yaml:2:18: cảnh báo: khóa `skip_to_contnet` không có trong chữ giao diện"
        ),
        "{}",
        out.stderr
    );
    site.write(
        "site.yaml",
        format!("{config}languages:\n  - code: en\n    name: English\n    prefix: bai-viet\n"),
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("đường dẫn `/bai-viet/` của ngôn ngữ `en` trùng với một mục của trang"),
        "{}",
        out.stderr
    );
}

/// A translation named otherwise names its original with `translation_of`
/// and keeps its own address (issue 22, point 2).
#[test]
fn translation_of_pairs_files_named_otherwise() {
    let site = Site::fixture("basic");
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        format!("{config}languages:\n  - code: en\n    name: English\n"),
    );
    site.write(
        "content/bai-viet/free-legal-aid.en.md",
        "---\ntitle: Free legal aid\ndate: 2026-04-12\ntranslation_of: bai-viet/tro-giup-phap-ly.md\n---\nText.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("không có bài gốc"), "{}", out.stderr);
    let en = site.read("public/en/bai-viet/free-legal-aid/index.html");
    assert!(
        en.contains("<link rel=\"alternate\" hreflang=\"vi\" href=\"https://mau.example/bai-viet/tro-giup-phap-ly/\">"),
        "{en}"
    );
    let vi = site.read("public/bai-viet/tro-giup-phap-ly/index.html");
    assert!(
        vi.contains("hreflang=\"en\" href=\"https://mau.example/en/bai-viet/free-legal-aid/\""),
        "{vi}"
    );
}
