//! Nothing escapes, nothing is lost: raw HTML cleaned, output escaped, a
//! strict Content-Security-Policy, builds killed or run at once.

use std::time::{Duration, Instant};

use crate::support::{tree, Site};

#[test]
fn raw_html_in_markdown_is_cleaned_and_reported() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/doc-hai.md",
        "---\ntitle: Bài có mã lạ\ndate: 2026-01-01\n---\n\nĐoạn <b>đậm</b> và <abbr title=\"trợ giúp pháp lý\">TGPL</abbr>.\n\n<script>alert('x')</script>\n\n<img src=\"/anh/tgpl.png\" alt=\"ảnh\" onerror=\"alert(1)\">\n\n<a href=\"javascript:alert(1)\">bấm</a>.\n\n<form action=\"https://evil.example/\"><input name=\"p\"></form>\n\n<iframe src=\"https://video.example/\"></iframe>\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = site.read("public/bai-viet/doc-hai/index.html");
    let main = crate::support::main_of(&html);
    for bad in [
        "<script",
        "alert(",
        "onerror",
        "javascript:",
        "<form",
        "<iframe",
        "evil.example",
    ] {
        assert!(!main.contains(bad), "{bad} survived:\n{main}");
    }
    assert!(main.contains("<b>đậm</b>"), "{main}");
    assert!(
        main.contains("<abbr title=\"trợ giúp pháp lý\">TGPL</abbr>"),
        "{main}"
    );
    assert!(main.contains("alt=\"ảnh\""), "{main}");
    assert!(
        out.stderr.contains(
            "content/bai-viet/doc-hai.md:8:1: cảnh báo: mã HTML có thẻ <script> đã bị loại bỏ"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("content/bai-viet/doc-hai.md:12:"),
        "{}",
        out.stderr
    );
}

#[test]
fn trusted_sites_may_keep_raw_html() {
    let site = Site::fixture("basic");
    let config = site.read("site.yaml") + "allow_raw_html: true\n";
    site.write("site.yaml", config);
    site.write(
        "content/bai-viet/nhung.md",
        "---\ntitle: Video\ndate: 2026-01-01\n---\n\n<iframe src=\"https://video.example.vn/tgpl\" title=\"Video\"></iframe>\n",
    );
    assert_eq!(site.loa(&["build"]).code, 0);
    assert!(site
        .read("public/bai-viet/nhung/index.html")
        .contains("<iframe"));
}

#[test]
fn what_templates_print_is_escaped() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/tieu-de.md",
        "---\ntitle: \"<script>alert('x')</script> & \\\"trích\\\"\"\ndate: 2026-08-01\nsummary: \"<img src=x onerror=alert(1)>\"\ntags: [\"<b>thẻ</b>\"]\n---\n\nNội dung.\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for page in [
        "public/bai-viet/tieu-de/index.html",
        "public/index.html",
        "public/bai-viet/index.html",
    ] {
        let html = site.read(page);
        // Minified, text inside <title> and quoted attributes may hold "<"
        // as it is (it cannot open a tag there); everywhere else it must not.
        assert_eq!(html.matches("<title>").count(), 1, "{page}");
        assert_eq!(html.matches("</title>").count(), 1, "{page}");
        let outside = markup_outside_text(&html);
        for bad in ["<script>", "<img src=x", "<b>thẻ"] {
            assert!(!outside.contains(bad), "{page}: {bad}");
        }
    }
    // Not minified, Tera's escaping shows as it is.
    assert_eq!(site.loa(&["build", "--no-minify"]).code, 0);
    let html = site.read("public/bai-viet/tieu-de/index.html");
    assert!(
        !html.contains("<script>alert") && !html.contains("<img src=x") && !html.contains("<b>thẻ")
    );
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
    );
    let feed = site.read("public/feed.xml");
    roxmltree::Document::parse(&feed).expect("feed stays well-formed");
    assert!(feed.contains(
        "<title>&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;trích&quot;</title>"
    ));
}

/// The HTML with the content of <title> and of quoted attribute values
/// blanked out: what remains is what a browser reads as markup.
fn markup_outside_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<title>") {
        out.push_str(&rest[..start + 7]);
        let end = rest[start..]
            .find("</title>")
            .map_or(rest.len(), |e| start + e);
        rest = &rest[end..];
    }
    out.push_str(rest);
    let mut cleaned = String::with_capacity(out.len());
    let mut quote: Option<char> = None;
    let mut in_tag = false;
    for c in out.chars() {
        match (in_tag, quote, c) {
            (true, None, '"' | '\'') => {
                quote = Some(c);
                cleaned.push(c);
            }
            (true, Some(q), c) if c == q => {
                quote = None;
                cleaned.push(c);
            }
            (true, Some(_), _) => {}
            (_, None, '<') => {
                in_tag = true;
                cleaned.push(c);
            }
            (true, None, '>') => {
                in_tag = false;
                cleaned.push(c);
            }
            _ => cleaned.push(c),
        }
    }
    cleaned
}

#[test]
fn every_page_has_a_strict_csp_and_needs_no_inline_code() {
    let site = Site::fixture("basic");
    assert_eq!(site.loa(&["build"]).code, 0);
    let mut pages = 0;
    for (path, bytes) in tree(&site.dir.join("public")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert!(
            html.contains("http-equiv=Content-Security-Policy")
                && html.contains("default-src 'self'"),
            "{path}: no CSP"
        );
        assert!(
            html.contains("script-src 'self'") && html.contains("object-src 'none'"),
            "{path}"
        );
        // Scripts come from the site's own files, never inline.
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..html[i..].find('>').map_or(html.len(), |e| i + e)];
            assert!(tag.contains(" src="), "{path}: an inline script");
        }
        assert!(!html.contains(" style="), "{path}: an inline style");
        assert!(!html.contains("<style"), "{path}: a style element");
        let without_namespaces = html.replace("http://www.w3.org/2000/svg", "");
        assert!(
            !without_namespaces.contains("http://") && !html.contains("src=https://"),
            "{path}: a third-party resource"
        );
        pages += 1;
    }
    assert!(pages > 10);
}

/// A site big enough that a build takes a while to kill in the middle.
fn big_site(articles: usize) -> Site {
    let site = Site::fixture("basic");
    for i in 0..articles {
        site.write(
            &format!("content/bai-viet/loat/bai-{i:04}.md"),
            format!(
                "---\ntitle: Bài số {i}\ndate: 2025-{:02}-{:02}\ntags: [the-{}]\ncategory: Mục {}\n---\n\n## Phần một\n\n{}\n\n## Phần hai\n\n| a | b |\n|---|---|\n| {i} | x |\n",
                i % 12 + 1,
                i % 28 + 1,
                i % 17,
                i % 5,
                "Người dân được trợ giúp pháp lý miễn phí khi thuộc diện được trợ giúp. ".repeat(30)
            ),
        );
    }
    site
}

#[test]
fn a_killed_build_leaves_the_previous_output_complete() {
    let site = big_site(400);
    assert_eq!(site.loa(&["build", "--quiet"]).code, 0);
    let before = tree(&site.dir.join("public"));
    // The next build would write different output.
    site.write(
        "content/bai-viet/moi.md",
        "---\ntitle: Bài mới\ndate: 2026-09-09\n---\nMới.\n",
    );
    let started = Instant::now();
    assert_eq!(site.loa(&["build", "--quiet", "--out", "du-kien"]).code, 0);
    let build_time = started.elapsed();
    let after = tree(&site.dir.join("du-kien"));
    assert_ne!(before, after);

    for step in 0..12u32 {
        let delay = build_time * step / 10;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["build", "--quiet"])
            .current_dir(&site.dir)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = tree(&site.dir.join("public"));
        assert!(
            now == before || now == after,
            "after a kill at {delay:?} the output is neither the old nor the new site"
        );
    }
    // The next build finishes and cleans up what the killed ones left.
    assert_eq!(site.loa(&["build", "--quiet"]).code, 0);
    assert_eq!(tree(&site.dir.join("public")), after);
    let leftovers = crate::support::leftovers(&site.dir);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn builds_at_the_same_time_do_not_corrupt_each_other() {
    let site = big_site(150);
    assert_eq!(site.loa(&["build", "--quiet", "--out", "du-kien"]).code, 0);
    let expected = tree(&site.dir.join("du-kien"));
    let children: Vec<_> = (0..3)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
                .args(["build", "--quiet"])
                .current_dir(&site.dir)
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(tree(&site.dir.join("public")), expected);
    let leftovers = crate::support::leftovers(&site.dir);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn output_does_not_depend_on_the_order_files_were_created() {
    let names = ["c.md", "a.md", "b.md", "d.md"];
    let build = |order: &[&str]| {
        let site = Site::fixture("basic");
        for (i, name) in order.iter().enumerate() {
            // Same content whatever the order; the same date makes ordering rely on the tie-break.
            let _ = i;
            site.write(
                &format!("content/bai-viet/{name}"),
                format!("---\ntitle: Bài {name}\ndate: 2026-03-03\ntags: [chung]\n---\nx\n"),
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(site.loa(&["build"]).code, 0);
        tree(&site.dir.join("public"))
    };
    let forward = build(&names);
    let mut reversed = names;
    reversed.reverse();
    assert_eq!(forward, build(&reversed));
}

#[test]
fn word_processor_mistakes_get_their_own_message() {
    let site = Site::fixture("basic");
    assert_eq!(site.loa(&["build"]).code, 0);
    site.write(
        "content/bai-viet/word.md",
        "—\ntitle: Bài từ Word\ndate: 2026-01-01\n—\nNội dung.\n",
    );
    site.write(
        "content/bai-viet/web.md",
        "---\ntitle: Bài chép từ web\ndate: 2026-01-01\ntags:\n\u{a0}\u{a0}- a\n---\nx\n",
    );
    site.write("content/bai-viet/ban-goc.docx", b"PK\x03\x04");
    site.write("content/bai-viet/ghi-chu.md.txt", "---\ntitle: x\n---\n");
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn symlink_loops_and_huge_files_are_errors_not_hangs() {
    let site = Site::fixture("basic");
    assert_eq!(site.loa(&["build"]).code, 0);
    let before = tree(&site.dir.join("public"));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("vong.md", site.dir.join("content/bai-viet/vong.md")).unwrap();
        std::os::unix::fs::symlink("..", site.dir.join("content/bai-viet/len-tren")).unwrap();
    }
    let huge = "a".repeat(9 * 1024 * 1024);
    site.write(
        "content/bai-viet/rat-lon.md",
        format!("---\ntitle: Lớn\ndate: 2026-01-01\n---\n{huge}"),
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/bai-viet/rat-lon.md: lỗi: tệp quá lớn (9 MB)"),
        "{}",
        out.stderr
    );
    #[cfg(unix)]
    {
        assert!(
            out.stderr
                .contains("content/bai-viet/vong.md: lỗi: liên kết tượng trưng này hỏng"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("content/bai-viet/len-tren: lỗi: liên kết tượng trưng này trỏ ngược về thư mục chứa nó (vòng lặp)"), "{}", out.stderr);
    }
    assert_eq!(tree(&site.dir.join("public")), before);
}

/// Symbolic links: followed while they stay inside the site folder (to a
/// file or a folder); one that leads outside is an error naming it, in
/// `check` and `build`, and nothing it leads to is published (issue 20).
#[cfg(unix)]
#[test]
fn links_out_of_the_site_folder_publish_nothing() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("basic");
    site.write("static/tai-lieu/mau-don.txt", "Mẫu đơn");
    site.write("static/that.txt", "Tệp thật");
    let outside = crate::support::fresh_dir();
    std::fs::write(outside.join("id_rsa"), "KHÓA BÍ MẬT").unwrap();
    std::fs::create_dir_all(outside.join("thu-muc")).unwrap();
    std::fs::write(outside.join("thu-muc/bi-mat.txt"), "BÍ MẬT").unwrap();
    // Inside the site: a file and a folder, followed.
    symlink("that.txt", site.dir.join("static/ban-sao.txt")).unwrap();
    symlink("tai-lieu", site.dir.join("static/mau")).unwrap();
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(site.read("public/ban-sao.txt"), "Tệp thật");
    assert_eq!(site.read("public/mau/mau-don.txt"), "Mẫu đơn");
    let before = tree(&site.dir.join("public"));
    // Outside it: in static/, content/ and the theme.
    symlink(outside.join("id_rsa"), site.dir.join("static/s.txt")).unwrap();
    symlink(outside.join("thu-muc"), site.dir.join("static/ngoai")).unwrap();
    symlink(
        outside.join("thu-muc"),
        site.dir.join("content/bai-viet/ngoai"),
    )
    .unwrap();
    std::fs::create_dir_all(site.dir.join("templates")).unwrap();
    symlink(outside.join("id_rsa"), site.dir.join("templates/404.html")).unwrap();
    for command in ["check", "build"] {
        let out = site.loa(&[command]);
        assert_eq!(out.code, 1, "{command}: {}", out.stderr);
        for link in [
            "static/s.txt",
            "static/ngoai",
            "content/bai-viet/ngoai",
            "templates/404.html",
        ] {
            assert!(
                out.stderr.contains(&format!(
                    "{link}: lỗi: liên kết tượng trưng này trỏ ra ngoài thư mục trang web"
                )),
                "{command}, {link}: {}",
                out.stderr
            );
        }
        assert!(
            !out.stderr.contains("bi-mat.txt"),
            "nothing below the outside folder is read: {}",
            out.stderr
        );
    }
    // The failed build left the previous output, which never held them.
    assert_eq!(tree(&site.dir.join("public")), before);
    let published: Vec<String> = tree(&site.dir.join("public"))
        .into_iter()
        .filter(|(_, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            text.contains("BÍ MẬT") || text.contains("KHÓA BÍ MẬT")
        })
        .map(|(path, _)| path)
        .collect();
    assert!(published.is_empty(), "{published:?}");
}

/// An article titled like a spreadsheet formula reaches the plan's report
/// CSV as text, not as a formula Excel or LibreOffice would run.
#[test]
fn a_formula_in_a_title_is_text_in_the_report_csv() {
    let dir = crate::support::portal_copy();
    let path = dir.join("content/bai-viet/tro-giup-phap-ly-la-gi.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let evil = "=HYPERLINK(\"http://evil.example\",\"bấm\")";
    let text = text.replacen(
        "title: Trợ giúp pháp lý là gì? Người dân có phải trả tiền không?",
        &format!("title: '{evil}'"),
        1,
    );
    std::fs::write(&path, text).unwrap();
    let out = crate::support::run_loa(&dir, &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut found = false;
    for (file, bytes) in tree(&dir.join("public")) {
        if !file.ends_with(".csv") {
            continue;
        }
        let csv = String::from_utf8(bytes).unwrap();
        for field in csv.split([',', '\n']) {
            let field = field.trim_end_matches('\r');
            assert!(
                !field.starts_with(['=', '+', '@']),
                "{file}: a field a spreadsheet runs: {field}"
            );
        }
        if csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\"") {
            found = true;
        }
    }
    assert!(found, "the title is in a report CSV, neutralised");
}

/// Every link and image of every page leads somewhere: a Markdown link to a
/// page that does not exist, a root-relative one, raw HTML and a front-matter
/// image that is not in static/ are errors at their line, with the nearest
/// page or file; a Windows path is an error that says how to write it.
#[test]
fn no_link_escapes_the_check() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/lien-ket.md",
        "---\ntitle: Liên kết\ndate: 2026-03-01\nimage: /anh/khong-co.jpg\nimage_alt: Ảnh\n---\n\nXem [trang](../khong-co/), [gốc](/ke-hoach/khong-co/) và <a href=\"/tai-lieu/x.pdf\">tệp</a>.\n\n[Ngoài](../../../ngoai/)\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for expected in [
        "content/bai-viet/lien-ket.md:8:",
        "`/bai-viet/khong-co/`",
        "content/bai-viet/lien-ket.md:8:34: lỗi: liên kết tới `/ke-hoach/khong-co/`",
        "content/bai-viet/lien-ket.md:4:8: lỗi: liên kết tới `/anh/khong-co.jpg`",
        "tai-lieu/x.pdf",
        "khong-co.jpg",
    ] {
        assert!(out.stderr.contains(expected), "{expected}: {}", out.stderr);
    }
    assert!(out.stderr.contains("có phải ý bạn là"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/bai-viet/lien-ket.md:10:9: lỗi: liên kết `../../../ngoai/`")
            && out.stderr.contains("ra ngoài thư mục của trang web"),
        "{}",
        out.stderr
    );

    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/windows.md",
        "---\ntitle: Ảnh Windows\ndate: 2026-03-01\nimage: C:\\Users\\can-bo\\anh.jpg\nimage_alt: Ảnh\n---\n\nNội dung.\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/bai-viet/windows.md:4:8: lỗi:")
            && out.stderr.contains("static/"),
        "{}",
        out.stderr
    );
}

/// Names and values a file system or a format cannot hold are errors in
/// `check` as in `build`; control characters are removed with a warning
/// and never reach a page or the terminal (issue 20, point 7).
#[test]
fn what_files_and_formats_cannot_hold_is_caught_by_check() {
    let site = Site::fixture("basic");
    let long = "a".repeat(300);
    site.write(
        "content/bai-viet/dai.md",
        format!("---\ntitle: Dài\ndate: 2026-01-01\nslug: {long}\n---\nChữ.\n"),
    );
    let tag = "thẻ rất dài ".repeat(30);
    site.write(
        "content/bai-viet/the.md",
        format!("---\ntitle: Thẻ\ndate: 2026-01-01\ntags: [\"{tag}\"]\n---\nChữ.\n"),
    );
    site.write(
        "content/bai-viet/truoc.md",
        "---\ntitle: Trước\ndate: -0001-01-01\n---\nChữ.\n",
    );
    site.write(
        "content/bai-viet/sau.md",
        "---\ntitle: Sau\ndate: 9999-12-31T23:59:59-12:00\n---\nChữ.\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for expected in [
        "content/bai-viet/dai.md:4:7: lỗi: `slug` dài 300 byte, quá 200 byte",
        "content/bai-viet/the.md: cảnh báo: thẻ `thẻ rất dài",
        "content/bai-viet/truoc.md:3:7: lỗi:",
        "content/bai-viet/sau.md:3:7: lỗi:",
        "ngoài khoảng 1000–9999",
    ] {
        assert!(out.stderr.contains(expected), "{expected}: {}", out.stderr);
    }
    std::fs::remove_file(site.dir.join("content/bai-viet/dai.md")).unwrap();
    std::fs::remove_file(site.dir.join("content/bai-viet/truoc.md")).unwrap();
    std::fs::remove_file(site.dir.join("content/bai-viet/sau.md")).unwrap();
    // Raw ESC and BEL in a title, and an ESC written as a YAML escape.
    site.write(
        "content/bai-viet/dieu-khien.md",
        "---\ntitle: Tiêu \u{1b}[31mđề\u{7}\ndate: 2026-01-01\nsummary: \"Tóm\\e[2Jtắt\"\n---\nChữ \u{1b}[0m.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "content/bai-viet/dieu-khien.md:2:13: cảnh báo: tệp có 3 ký tự điều khiển vô hình"
        ),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains('\u{1b}'),
        "no ESC reaches the terminal"
    );
    let page = site.read("public/bai-viet/dieu-khien/index.html");
    assert!(page.contains("Tiêu [31mđề"), "{page}");
    assert!(
        !page.contains('\u{1b}') && !page.contains('\u{7}'),
        "no control character on the page"
    );
    // The long tag's page has a name the file system holds.
    let tags = std::fs::read_dir(site.dir.join("public/the")).unwrap();
    for entry in tags {
        assert!(entry.unwrap().file_name().len() <= 200);
    }
}

/// Inputs that used to stall a build (issue 20, point 5): what they give is
/// checked here; their time and memory are measured by
/// bench/pathological.sh.
#[test]
fn inputs_built_to_stall_a_build_give_their_result() {
    let site = Site::fixture("basic");
    // Identical headings: each its own id, numbered in order.
    let headings: String = (0..5000).map(|_| "## Mục\n\nChữ.\n\n").collect();
    site.write(
        "content/bai-viet/muc.md",
        format!("---\ntitle: Mục\ndate: 2026-01-01\n---\n{headings}"),
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/bai-viet/muc/index.html");
    assert!(page.contains("<h2 id=\"muc\">") && page.contains("<h2 id=\"muc-1\">"));
    assert!(page.contains("<h2 id=\"muc-4999\">") && !page.contains("id=\"muc-5000\""));
    std::fs::remove_file(site.dir.join("content/bai-viet/muc.md")).unwrap();
    // Thousands of tags pasted on one article: the first 30, with a warning
    // (every page that lists the article carries its tags).
    let tags: Vec<String> = (0..3000).map(|i| format!("thẻ {i}")).collect();
    site.write(
        "content/bai-viet/nhieu-the.md",
        format!(
            "---\ntitle: Nhiều thẻ\ndate: 2026-01-01\ntags: [{}]\n---\nChữ.\n",
            tags.join(", ")
        ),
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/bai-viet/nhieu-the.md:4:7: cảnh báo: `tags` có 3000 mục; loa chỉ dùng 30 mục đầu"),
        "{}",
        out.stderr
    );
    assert!(
        site.exists("public/the/the-29/index.html") && !site.exists("public/the/the-30/index.html")
    );
    std::fs::remove_file(site.dir.join("content/bai-viet/nhieu-the.md")).unwrap();
    // Raw HTML nested deeper than any article needs: an error at its line.
    let deep = format!("{}chữ{}", "<div>".repeat(5000), "</div>".repeat(5000));
    site.write(
        "content/bai-viet/sau.md",
        format!("---\ntitle: Sâu\ndate: 2026-01-01\n---\nĐoạn đầu.\n\n{deep}\n"),
    );
    // A table with more cells than a page can show.
    let row = format!("|{}|\n", vec!["ô"; 300].join("|"));
    let rule = format!("|{}|\n", vec!["-"; 300].join("|"));
    let table = format!("Bảng: Rộng\n\n{row}{rule}{}", row.repeat(100));
    site.write(
        "content/bai-viet/bang.md",
        format!("---\ntitle: Bảng\ndate: 2026-01-01\n---\n{table}"),
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/bai-viet/sau.md:7:1: lỗi: mã HTML lồng nhau quá sâu (hơn 100 tầng"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("content/bai-viet/bang.md:")
            && out
                .stderr
                .contains("lỗi: bảng quá lớn: bài có hơn 20000 ô bảng"),
        "{}",
        out.stderr
    );
}
