//! A fixture built end to end.

use std::path::Path;

use crate::support::{links, main_of, portal_copy, run_loa, tree, Site};

fn built() -> Site {
    let site = Site::fixture("basic");
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    site
}

#[test]
fn builds_every_kind_of_page() {
    let site = built();
    let files: Vec<String> = tree(&site.dir.join("public"))
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for expected in [
        "index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "anh/tgpl.png",
        "bai-viet/index.html",
        "bai-viet/trang/2/index.html",
        "bai-viet/tro-giup-phap-ly/index.html",
        "bai-viet/nop-don/index.html",
        "bai-viet/ma-tuy/index.html",
        "chuyen-muc/index.html",
        "chuyen-muc/phap-luat/index.html",
        "chuyen-muc/ma-tuy/index.html",
        "the/index.html",
        "the/tgpl/index.html",
        "the/quyen/index.html",
        "the/thanh-nien/index.html",
        "gioi-thieu/index.html",
    ] {
        assert!(
            files.contains(&expected.to_string()),
            "{expected} missing from {files:#?}"
        );
    }
    assert!(
        !files.iter().any(|f| f.contains("nhap")),
        "draft was published: {files:#?}"
    );
    assert!(!files.contains(&"bai-viet/trang/3/index.html".to_string()));
}

#[test]
fn drafts_flag_publishes_drafts() {
    let site = Site::fixture("basic");
    let out = site.loa(&["build", "--drafts"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(site.exists("public/bai-viet/nhap/index.html"));
}

#[test]
fn every_internal_link_points_at_a_file_that_exists() {
    let site = built();
    let checked = assert_links_resolve(&site.dir.join("public"), false);
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn offline_copy_links_name_their_files() {
    let site = Site::fixture("basic");
    let out = site.loa(&["build", "--offline"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let checked = assert_links_resolve(&site.dir.join("public"), true);
    assert!(checked > 100, "only {checked} links checked");
    let html = site.read("public/bai-viet/ma-tuy/index.html");
    assert!(
        html.contains("href=\"../../bai-viet/index.html\""),
        "{html}"
    );
}

/// Checks every relative `href`/`src` of every page (but the 404 page, which
/// links from the base path): it stays inside the site and names an existing
/// file, and its `#anchor` exists there. With `files_only`, a link must name
/// the file itself, as a browser opening pages from disk needs.
fn assert_links_resolve(public: &Path, files_only: bool) -> usize {
    let mut checked = 0;
    for (path, bytes) in tree(public) {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let page_dir = Path::new(&path).parent().unwrap().to_path_buf();
        for link in links(&html) {
            if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with('#')
            {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{path}: absolute internal link {link}"
            );
            let (target, anchor) = match link.split_once('#') {
                Some((t, a)) => (t.to_string(), Some(a.to_string())),
                None => (link.clone(), None),
            };
            let folder = target.ends_with('/') || target.is_empty() || target == ".";
            assert!(!(files_only && folder), "{path}: {link} names a folder");
            let mut resolved = public.join(&page_dir).join(&target);
            if folder {
                resolved = resolved.join("index.html");
            }
            let resolved = normalize(&resolved);
            assert!(
                resolved.starts_with(public),
                "{path}: {link} leaves the site"
            );
            assert!(
                resolved.is_file(),
                "{path}: {link} → {} missing",
                resolved.display()
            );
            if let Some(anchor) = anchor {
                let target_html = std::fs::read_to_string(&resolved).unwrap();
                assert!(
                    target_html.contains(&format!("id={anchor}"))
                        || target_html.contains(&format!("id=\"{anchor}\"")),
                    "{path}: anchor #{anchor} missing in {}",
                    resolved.display()
                );
            }
            checked += 1;
        }
    }
    checked
}

fn normalize(path: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn article_page_shows_its_parts() {
    let site = built();
    let html = site.read("public/bai-viet/tro-giup-phap-ly/index.html");
    let main = main_of(&html);
    assert!(
        main.contains("<h1>Trợ giúp pháp lý miễn phí</h1>"),
        "{main}"
    );
    assert!(
        main.contains("Chủ nhật, ngày 12 tháng 4 năm 2026"),
        "{main}"
    );
    assert!(main.contains("ngày 1 tháng 5 năm 2026"), "{main}");
    assert!(main.contains("Thời gian đọc khoảng 1 phút"), "{main}");
    // Heading ids from Vietnamese text, duplicates numbered.
    assert!(
        main.contains("id=\"doi-tuong\">") && main.contains("id=\"doi-tuong-1\">"),
        "{main}"
    );
    // @/ link with anchor resolved relative to the page.
    assert!(
        main.contains("href=\"../../bai-viet/nop-don/#ho-so-gom-gi\""),
        "{main}"
    );
    // Site path made relative.
    assert!(main.contains("href=\"../../anh/tgpl.png\""), "{main}");
    assert!(
        main.contains("<table>") && main.contains("<del>gạch</del>"),
        "{main}"
    );
    assert!(main.contains("footnote-definition"), "{main}");
    assert!(
        main.contains("alt=\"Người dân nhận tư vấn pháp luật\""),
        "{main}"
    );
    assert!(main.contains("https://law.example/11-2017"), "{main}");
    // Head: canonical, Open Graph with full image URL.
    assert!(
        html.contains("href=\"https://mau.example/bai-viet/tro-giup-phap-ly/\" rel=canonical"),
        "{html}"
    );
    assert!(
        html.contains("content=\"https://mau.example/anh/tgpl.png\" property=og:image"),
        "{html}"
    );
    assert!(html.contains("<html lang=vi>"), "{html}");
    // Breadcrumbs: home › articles › category.
    assert!(
        html.contains("<a href=\"../../chuyen-muc/phap-luat/\">Pháp luật</a>"),
        "{html}"
    );
}

#[test]
fn summary_falls_back_to_first_paragraph() {
    let site = built();
    let html = site.read("public/bai-viet/nop-don/index.html");
    assert!(
        html.contains(
            "content=\"Đoạn mở đầu của bài nộp đơn, dùng làm tóm tắt.\" name=description"
        ),
        "{html}"
    );
}

#[test]
fn list_is_paginated_with_relative_links() {
    let site = built();
    let first = site.read("public/bai-viet/index.html");
    let second = site.read("public/bai-viet/trang/2/index.html");
    // Newest first: ma-tuy (26/6), nop-don (20/4) | tro-giup-phap-ly (12/4).
    let a = first.find("ma-tuy/").unwrap();
    let b = first.find("nop-don/").unwrap();
    assert!(a < b);
    assert!(!main_of(&first).contains("tro-giup-phap-ly/"));
    assert!(
        main_of(&second).contains("href=\"../../../bai-viet/tro-giup-phap-ly/\""),
        "{second}"
    );
    assert!(
        first.contains("href=\"../bai-viet/trang/2/\" rel=next"),
        "{first}"
    );
    assert!(
        second.contains("href=\"../../../bai-viet/\" rel=prev"),
        "{second}"
    );
}

#[test]
fn menu_marks_current_section_and_keeps_external_links() {
    let site = built();
    let html = site.read("public/bai-viet/ma-tuy/index.html");
    assert!(
        html.contains("<a href=\"../../bai-viet/\" aria-current=\"page\">Bài viết</a>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"https://moj.example/\">Bộ Tư pháp"),
        "{html}"
    );
    assert!(
        html.contains("href=\"../../gioi-thieu/\">Giới thiệu"),
        "{html}"
    );
}

#[test]
fn feed_is_valid_atom_with_full_urls() {
    let site = built();
    let xml = site.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed.xml is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 3);
    let first = entries[0];
    let text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(text(first, "title"), "Phòng, chống ma túy");
    assert_eq!(text(first, "id"), "https://mau.example/bai-viet/ma-tuy/");
    assert_eq!(text(first, "published"), "2026-06-26T00:00:00+07:00");
    assert_eq!(text(root, "updated"), "2026-06-26T00:00:00+07:00");
    let content = entries[2]
        .children()
        .find(|n| n.has_tag_name("content"))
        .unwrap();
    assert_eq!(content.attribute("type"), Some("html"));
    assert!(content.text().unwrap().contains("<h2 id=\"doi-tuong\">"));
}

#[test]
fn feed_holds_the_twenty_newest() {
    let site = Site::fixture("basic");
    for day in 1..=25 {
        site.write(
            &format!("content/bai-viet/tin-{day}.md"),
            format!("---\ntitle: Tin {day}\ndate: 2025-01-{day:02}\n---\nx\n"),
        );
    }
    assert_eq!(site.loa(&["build"]).code, 0);
    let xml = site.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|n| n.has_tag_name("title"))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    assert_eq!(titles.len(), 20);
    assert_eq!(titles[3], "Tin 25");
    assert_eq!(titles[19], "Tin 9");
}

#[test]
fn sitemap_lists_pages_with_full_urls() {
    let site = built();
    let xml = site.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is well-formed XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://mau.example/"));
    assert!(locs.contains(&"https://mau.example/bai-viet/tro-giup-phap-ly/"));
    assert!(locs.contains(&"https://mau.example/gioi-thieu/"));
    assert!(!locs.iter().any(|l| l.contains("404")));
    assert!(xml.contains(
        "<loc>https://mau.example/bai-viet/tro-giup-phap-ly/</loc><lastmod>2026-05-01</lastmod>"
    ));
    assert!(site
        .read("public/robots.txt")
        .contains("Sitemap: https://mau.example/sitemap.xml"));
}

#[test]
fn sub_path_changes_only_full_urls() {
    let root_site = built();
    let sub = Site::fixture("basic");
    let out = sub.loa(&["build", "--base-url", "https://mau.example/portal"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The QR code holds the full URL, so it differs too; the rest is the same.
    let without_qr = |html: String| match (html.find("<aside"), html.find("</aside>")) {
        (Some(start), Some(end)) => format!("{}{}", &html[..start], &html[end..]),
        _ => html,
    };
    let a = without_qr(root_site.read("public/bai-viet/ma-tuy/index.html"));
    let b = without_qr(sub.read("public/bai-viet/ma-tuy/index.html"));
    assert_eq!(
        a.replace("https://mau.example/", "https://mau.example/portal/"),
        b
    );
    // The 404 page is served at any depth, so it links from the base path.
    let not_found = sub.read("public/404.html");
    assert!(not_found.contains("href=\"/portal/style."), "{not_found}");
}

#[test]
fn builds_are_byte_identical_whatever_the_thread_count() {
    let a = built();
    let b = Site::fixture("basic");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("build")
        .current_dir(&b.dir)
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(tree(&a.dir.join("public")), tree(&b.dir.join("public")));
}

#[test]
fn no_minify_keeps_readable_html() {
    let site = Site::fixture("basic");
    assert_eq!(site.loa(&["build", "--no-minify"]).code, 0);
    let html = site.read("public/index.html");
    assert!(html.contains("<html lang=\"vi\">"), "{html}");
    assert!(html.contains("</head>"));
}

#[test]
fn site_templates_override_the_theme() {
    let site = Site::fixture("basic");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>Riêng của xã</p>{% endblock content %}",
    );
    assert_eq!(site.loa(&["build"]).code, 0);
    assert!(site.read("public/404.html").contains("Riêng của xã"));
}

#[test]
fn a_theme_that_escapes_or_filters_the_article_html_gets_what_it_asked_for() {
    let site = Site::fixture("basic");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}<pre class=\"raw\">{{ article.content }}</pre><p class=\"plain\">{{ article.content | striptags | truncate(length=20) }}</p><div class=\"real\">{{ article.content | safe }}</div>{% endblock content %}",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = site.read("public/bai-viet/tro-giup-phap-ly/index.html");
    // Escaped: the body's tags shown as text, not a slot.
    assert!(
        html.contains("<pre class=raw>&lt;h2 id=&quot;doi-tuong&quot;&gt;Đối tượng&lt;/h2&gt;"),
        "{html}"
    );
    assert!(html.contains("<p class=plain>Đối tượng"), "{html}");
    assert!(
        html.contains("<div class=real><h2 id=\"doi-tuong\">Đối tượng</h2>"),
        "{html}"
    );
    assert!(!html.contains("loa-body"), "{html}");
}

#[test]
fn input_in_nfd_crlf_and_bom_is_normalized() {
    use unicode_normalization::UnicodeNormalization;
    let site = Site::fixture("basic");
    let text: String =
        "---\r\ntitle: Cai nghiện ma túy\r\ndate: 2026-01-02\r\n---\r\nĐường dây nóng\r\n"
            .nfd()
            .collect();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(text.as_bytes());
    site.write("content/bai-viet/cai-nghien.md", bytes);
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = site.read("public/bai-viet/cai-nghien/index.html");
    assert!(html.contains("<h1>Cai nghiện ma túy</h1>"), "{html}");
    assert!(html.contains("Đường dây nóng"));
}

#[test]
fn output_folder_of_other_content_is_refused() {
    let site = Site::fixture("basic");
    site.write("mine/ghi-chu.txt", "của tôi");
    let out = site.loa(&["build", "--out", "mine"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("không do loa tạo"), "{}", out.stderr);
    assert_eq!(site.read("mine/ghi-chu.txt"), "của tôi");
    let out = site.loa(&["build", "--out", "content/x"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("nằm trong content/"), "{}", out.stderr);
    let out = site.loa(&["build", "--out", "."]);
    assert_eq!(out.code, 1);
    assert!(site.exists("site.yaml"));
}

#[test]
fn rebuild_replaces_previous_output_and_leaves_no_staging() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/tam.md",
        "---\ntitle: Tạm\ndate: 2026-01-01\n---\n",
    );
    assert_eq!(site.loa(&["build"]).code, 0);
    assert!(site.exists("public/bai-viet/tam/index.html"));
    std::fs::remove_file(site.dir.join("content/bai-viet/tam.md")).unwrap();
    assert_eq!(site.loa(&["build"]).code, 0);
    assert!(!site.exists("public/bai-viet/tam/index.html"));
    let leftovers = crate::support::leftovers(&site.dir);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn pages_over_the_budget_are_named() {
    let site = Site::fixture("basic");
    let config = site.read("site.yaml") + "page_budget_kb: 10\n";
    site.write("site.yaml", config);
    let words: String = (0..3000).map(|i| format!("từ{i} ")).collect();
    site.write(
        "content/bai-viet/dai.md",
        format!("---\ntitle: Bài rất dài\ndate: 2026-01-01\n---\n{words}\n"),
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/bai-viet/dai.md: cảnh báo: trang bai-viet/dai/index.html nặng"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr
            .contains("content/bai-viet/ma-tuy.md: cảnh báo: trang"),
        "{}",
        out.stderr
    );
}

#[test]
fn images_need_alt_text_and_get_their_size() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/anh.md",
        "---\ntitle: Ảnh\ndate: 2026-01-01\n---\n\n![Người dân được tư vấn](/anh/tgpl.png \"Tư vấn\")\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = site.read("public/bai-viet/anh/index.html");
    assert!(
        html.contains("<img src=\"../../anh/tgpl.png\" alt=\"Người dân được tư vấn\" title=\"Tư vấn\" width=\"64\" height=\"36\" loading=\"lazy\" decoding=\"async\">"),
        "{html}"
    );
    // A text alternative is not a summary.
    assert!(
        !html.contains("content=\"Người dân được tư vấn\" name=description"),
        "{html}"
    );
    let lead = site.read("public/bai-viet/tro-giup-phap-ly/index.html");
    assert!(
        lead.contains("height=\"36\"") && lead.contains("width=\"64\""),
        "{lead}"
    );

    site.write("content/bai-viet/anh.md", "---\ntitle: Ảnh\ndate: 2026-01-01\n---\n\nChữ ![](/anh/tgpl.png) và ![Sơ đồ](/anh/khong-co.png)\n");
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "content/bai-viet/anh.md:6:5: lỗi: ảnh `/anh/tgpl.png` không có lời mô tả (alt)"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("content/bai-viet/anh.md:6:27: lỗi: ảnh `/anh/khong-co.png` không có trong thư mục static/"), "{}", out.stderr);
}

/// Output files by path.
type Files = std::collections::BTreeMap<String, Vec<u8>>;

/// The site in `dir` built without minifying (its HTML pages) and with
/// (every file by path).
fn built_plain_and_minified(dir: &Path) -> (Files, Files) {
    let plain = run_loa(dir, &["build", "--no-minify", "--out", "plain"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    let built = run_loa(dir, &["build", "--out", "built"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let pages = tree(&dir.join("plain"))
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .collect();
    (pages, tree(&dir.join("built")).into_iter().collect())
}

/// The default theme's templates are minified once, when the theme is
/// compiled: every page must still be what minifying it whole gives. Both
/// are compared minified again keeping end tags (which the pages from
/// minified templates keep, and minify-html cannot put back).
#[test]
fn pages_from_templates_minified_ahead_equal_pages_minified_whole() {
    let dir = portal_copy();
    let (plain, built_files) = built_plain_and_minified(&dir);
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    let again = |bytes: &[u8]| minify_html::minify(bytes, &cfg);
    let mut compared = 0;
    for (path, bytes) in plain {
        let page = &built_files[&path];
        let page_text = String::from_utf8_lossy(page);
        let head = page_text.split("<main").next().unwrap();
        assert!(!head.contains('\n'), "{path} was not minified");
        assert!(
            again(page) == again(&bytes),
            "{path} differs from the page minified whole:\n{}\n{}",
            String::from_utf8_lossy(&again(page)),
            String::from_utf8_lossy(&again(&bytes))
        );
        compared += 1;
    }
    assert!(compared > 100, "only {compared} pages compared");
}

/// A theme whose templates cannot be minified ahead (here a Tera tag in an
/// HTML comment) has each page minified whole as it is rendered.
#[test]
fn pages_of_a_theme_not_minified_ahead_are_minified_whole() {
    let dir = portal_copy();
    let base = std::fs::read_to_string(dir.join("themes/default/templates/base.html")).unwrap();
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(
        dir.join("templates/base.html"),
        format!("<!-- {{{{ page.title }}}} -->\n{base}"),
    )
    .unwrap();
    let (plain, built_files) = built_plain_and_minified(&dir);
    let mut compared = 0;
    for (path, bytes) in plain {
        let whole = loa::render::minify(&bytes);
        assert!(
            built_files[&path] == whole,
            "{path} differs from the page minified whole"
        );
        compared += 1;
    }
    assert!(compared > 100, "only {compared} pages compared");
}

#[test]
fn footer_names_the_issuer_or_else_the_site() {
    let site = Site::fixture("basic");
    assert_eq!(site.loa(&["build"]).code, 0);
    let html = site.read("public/index.html");
    assert!(
        html.contains("<p class=issuer-name>Ủy ban nhân dân xã Mẫu</p>"),
        "{html}"
    );
    let yaml = site
        .read("site.yaml")
        .replace("  name: Ủy ban nhân dân xã Mẫu\n", "");
    site.write("site.yaml", yaml);
    site.loa(&["build"]);
    let html = site.read("public/index.html");
    assert!(html.contains("<p class=issuer-name>Xã Mẫu</p>"), "{html}");
}
