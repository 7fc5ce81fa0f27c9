//! Each bad input: exit 1, a message naming file, line and column in plain
//! words, no panic, and the previous output untouched.

use crate::support::{tree, Outcome, Site};

/// Builds the good fixture, applies `breakage`, builds again, and checks
/// that the build failed cleanly and left the first output as it was.
fn broken(breakage: impl FnOnce(&Site)) -> Outcome {
    let site = Site::fixture("basic");
    assert_eq!(site.loa(&["build"]).code, 0);
    let before = tree(&site.dir.join("public"));
    breakage(&site);
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 1, "expected exit 1:\n{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(
        out.stderr.contains("vẫn giữ nguyên bản trước"),
        "{}",
        out.stderr
    );
    assert_eq!(
        tree(&site.dir.join("public")),
        before,
        "previous output changed"
    );
    let check = site.loa(&["check"]);
    assert_eq!(
        check.code, 1,
        "check must report the same problem:\n{}",
        check.stderr
    );
    out
}

#[test]
fn tab_in_front_matter_names_line_and_column() {
    let out = broken(|s| {
        s.write(
            "content/bai-viet/a.md",
            "---\ntitle: A\ndate: 2026-01-01\ntags:\n\t- x\n---\n",
        );
    });
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn all_errors_of_all_files_are_reported_in_one_run() {
    let out = broken(|s| {
        s.write(
            "content/bai-viet/a.md",
            "---\nsummary: x\ndate: 2026-02-30\n---\n",
        );
        s.write(
            "content/bai-viet/b.md",
            "---\ntitle: \"B\ndate: 2026-01-01\n---\n",
        );
    });
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn legacy_vietnamese_encoding_is_named() {
    let out = broken(|s| {
        s.write(
            "content/bai-viet/cu.md",
            b"---\ntitle: Thanh Mi\xD6n\ndate: 2026-01-01\n---\n",
        );
    });
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn binary_and_empty_files_are_errors() {
    let out = broken(|s| {
        s.write("content/bai-viet/anh.md", b"\x89PNG\r\n\x1a\n\0\0\0IHDR");
        s.write("content/bai-viet/trong.md", "");
    });
    assert!(
        out.stderr
            .contains("content/bai-viet/anh.md: lỗi: tệp chứa dữ liệu nhị phân"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("content/bai-viet/trong.md:1:1: lỗi: tệp trống"),
        "{}",
        out.stderr
    );
}

#[test]
fn duplicate_slugs_name_both_files() {
    let out = broken(|s| {
        s.write(
            "content/bai-viet/2026/ma-tuy.md",
            "---\ntitle: B\ndate: 2026-01-01\n---\n",
        );
    });
    assert!(
        out.stderr.contains("content/bai-viet/ma-tuy.md: lỗi: đường dẫn `ma-tuy` đã được dùng cho content/bai-viet/2026/ma-tuy.md"),
        "{}",
        out.stderr
    );
}

#[test]
fn slug_that_leaves_the_output_folder_is_refused() {
    for slug in ["../../etc", "/tmp/x", "C:\\x", "a\\u0000b"] {
        let out = broken(|s| {
            s.write(
                "content/bai-viet/x.md",
                format!("---\ntitle: X\ndate: 2026-01-01\nslug: '{slug}'\n---\n"),
            );
        });
        assert!(
            out.stderr
                .contains("content/bai-viet/x.md:4:7: lỗi: `slug:"),
            "{slug}: {}",
            out.stderr
        );
    }
}

#[test]
fn broken_content_links_and_anchors_are_reported() {
    let out = broken(|s| {
        s.write(
            "content/bai-viet/x.md",
            "---\ntitle: X\ndate: 2026-01-01\n---\n\nXem [bài](@/bai-viet/khong-co.md).\n\nVà [mục](@/bai-viet/2026/nop-don.md#ho-so-gom).\n",
        );
    });
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn template_syntax_error_names_the_template() {
    let out = broken(|s| {
        s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}\n");
    });
    assert!(
        out.stderr.contains("templates/page.html:4:1: lỗi"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("lỗi cú pháp khuôn mẫu Tera"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_template_variable_names_template_line_and_column_once() {
    let out = broken(|s| {
        s.write(
            "templates/article.html",
            "{% extends \"base.html\" %}\n{% block content %}<h1>{{ article.tittle }}</h1>{% endblock content %}\n",
        );
    });
    assert!(
        out.stderr.contains("templates/article.html:2:27: lỗi: khuôn mẫu dùng biến `article.tittle` nhưng dữ liệu của trang không có biến này (gặp khi dựng trang từ content/bai-viet/"),
        "{}",
        out.stderr
    );
    // Three articles use the template; the mistake is reported once.
    assert_eq!(
        out.stderr.matches("article.tittle").count(),
        1,
        "{}",
        out.stderr
    );
}

#[test]
fn bad_site_yaml_is_located() {
    let out = broken(|s| {
        let text = s
            .read("site.yaml")
            .replace("articles_per_page: 2", "articles_per_page: hai");
        s.write("site.yaml", text);
    });
    assert!(
        out.stderr
            .contains("site.yaml:16:20: lỗi: khóa `articles_per_page`: giá trị có kiểu sai"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_front_matter_key_is_a_warning_with_suggestion() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/x.md",
        "---\ntitle: X\ndate: 2026-01-01\nsumary: y\n---\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/bai-viet/x.md:4:9: cảnh báo: khóa `sumary` không được dùng đến"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("có phải ý bạn là `summary`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn static_file_colliding_with_a_page_is_an_error() {
    let out = broken(|s| {
        s.write("static/feed.xml", "<x/>");
    });
    assert!(
        out.stderr
            .contains("static/feed.xml: lỗi: tệp tĩnh trùng với trang loa tạo ra"),
        "{}",
        out.stderr
    );
}

/// A date typed with a two-digit year is an error that gives the year in
/// full (it was published as the year 26); dates written the Vietnamese
/// ways build.
#[test]
fn a_two_digit_year_is_an_error_and_vietnamese_dates_are_read() {
    let out = broken(|s| {
        s.write(
            "content/bai-viet/a.md",
            "---\ntitle: A\ndate: 31/12/26\n---\nNội dung.\n",
        );
    });
    assert!(
        out.stderr
            .contains("content/bai-viet/a.md:3:7: lỗi: `date`: `31/12/26` ghi năm bằng hai chữ số"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("`31/12/2026`"), "{}", out.stderr);
    let site = Site::fixture("basic");
    for (name, date) in [
        ("a", "31.12.2026"),
        ("b", "31-12-2026"),
        ("c", "ngày 31 tháng 12 năm 2026"),
    ] {
        site.write(
            &format!("content/bai-viet/{name}.md"),
            format!("---\ntitle: Bài {name}\ndate: {date}\n---\nNội dung.\n"),
        );
    }
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for name in ["a", "b", "c"] {
        let html = site.read(&format!("public/bai-viet/{name}/index.html"));
        assert!(html.contains("datetime=\"2026-12-31\""), "{name}");
    }
}

/// A Markdown link to anything but the web, e-mail, a telephone or the
/// site is an error at its line and column; an inline image may be data.
#[test]
fn markdown_links_to_other_schemes_are_errors() {
    let out = broken(|s| {
        s.write(
            "content/bai-viet/a.md",
            "---\ntitle: A\ndate: 2026-01-01\n---\nBấm [vào đây](javascript:alert(2)) hoặc [tải](ftp://tep.example/a.pdf).\n\n![Ảnh](data:image/png;base64,iVBORw0KGgo=) [Gọi](tel:113) [Thư](mailto:a@b.example)\n",
        );
    });
    assert!(
        out.stderr.contains(
            "content/bai-viet/a.md:5:5: lỗi: liên kết `javascript:alert(2)` không phải địa chỉ web"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("content/bai-viet/a.md:5:41: lỗi: liên kết `ftp://tep.example/a.pdf`"),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.matches("không phải địa chỉ web").count(),
        2,
        "{}",
        out.stderr
    );
}

/// A `javascript:` (or `data:`, `vbscript:`) address is never made a link:
/// an error names the file, line and column, in front matter sources, the
/// legal document registry and the menu of site.yaml.
#[test]
fn script_addresses_are_errors_wherever_a_link_is_made() {
    let out = broken(|s| {
        s.write(
            "content/bai-viet/a.md",
            "---\ntitle: A\ndate: 2026-01-01\nsources:\n  - title: Nguồn\n    url: javascript:alert(1)\n---\nNội dung.\n",
        );
    });
    assert!(
        out.stderr.contains(
            "content/bai-viet/a.md:6:10: lỗi: `sources`: `javascript:alert(1)` không được làm liên kết"
        ),
        "{}",
        out.stderr
    );
    let out = broken(|s| {
        let config = s.read("site.yaml").replace(
            "url: https://moj.example/",
            "url: \"java\\tscript:alert(1)\"",
        );
        s.write("site.yaml", config);
    });
    assert!(out.stderr.contains("site.yaml:"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`menu`: `java\tscript:alert(1)` không được làm liên kết"),
        "{}",
        out.stderr
    );
    let out = broken(|s| {
        s.write(
            "content/van-ban.yaml",
            "- number: 11/2017/QH14\n  kind: Luật\n  title: Trợ giúp pháp lý\n  url: data:text/html,<script>alert(1)</script>\n",
        );
    });
    assert!(
        out.stderr
            .contains("content/van-ban.yaml:4:8: lỗi: `url`: `data:text/html,<script>alert(1)</script>` không được làm liên kết"),
        "{}",
        out.stderr
    );
}

/// An event that ends before it starts, and a date that is year 10000 in
/// the site's time zone, are errors (the feed and calendars would carry
/// them).
#[test]
fn an_event_ending_before_it_starts_and_a_year_past_9999_are_errors() {
    let out = broken(|s| {
        let text = s
            .read("content/chien-dich/ngay-phap-luat.md")
            .replace("time: \"07:30-09:00\"", "time: \"20:00-19:00\"");
        s.write("content/chien-dich/ngay-phap-luat.md", text);
    });
    assert!(
        out.stderr
            .contains("giờ kết thúc không sau giờ bắt đầu (`20:00-19:00`)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("content/chien-dich/ngay-phap-luat.md:10:"),
        "{}",
        out.stderr
    );
    let out = broken(|s| {
        s.write(
            "content/bai-viet/a.md",
            "---\ntitle: A\ndate: 9999-12-31T23:59:59-12:00\n---\nNội dung.\n",
        );
    });
    assert!(
        out.stderr
            .contains("content/bai-viet/a.md:3:7: lỗi: `date`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("năm 10000"), "{}", out.stderr);
}
