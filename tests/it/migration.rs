//! Content copied in from Hugo and Jekyll sites (issue 21): what their file
//! names mean is kept.

use crate::support::Site;

#[test]
fn jekyll_names_give_date_and_slug_and_hugo_bundles_their_folder() {
    let site = Site::fixture("basic");
    // Jekyll: the date and the slug in the name; no `date` in front matter.
    site.write(
        "content/bai-viet/2017-09-22-ngay-hoi-phap-luat.md",
        "---\ntitle: Ngày hội pháp luật\nlayout: post\n---\nChữ.\n",
    );
    // A date in front matter wins over the name's, as in Jekyll.
    site.write(
        "content/bai-viet/2018-01-01-tu-van.md",
        "---\ntitle: Tư vấn\ndate: 2018-03-05\n---\nChữ.\n",
    );
    // Hugo page bundles: each `index.md` is its folder.
    site.write(
        "content/bai-viet/cai-nghien/index.md",
        "---\ntitle: Cai nghiện\ndate: 2026-01-02\n---\nChữ.\n",
    );
    site.write(
        "content/bai-viet/sau-cai/index.md",
        "---\ntitle: Sau cai nghiện\ndate: 2026-01-03\n---\nChữ.\n",
    );
    // Translations and section pages: not published, said once.
    site.write(
        "content/bai-viet/cai-nghien/index.en.md",
        "---\ntitle: Drug treatment\ndate: 2026-01-02\n---\nText.\n",
    );
    site.write(
        "content/bai-viet/tu-van.en.md",
        "---\ntitle: Counselling\ndate: 2026-01-02\n---\nText.\n",
    );
    site.write(
        "content/bai-viet/_index.md",
        "---\ntitle: Tin tức\n---\nMục tin.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/bai-viet/ngay-hoi-phap-luat/index.html");
    assert!(page.contains("datetime=\"2017-09-22"), "{page}");
    let page = site.read("public/bai-viet/tu-van/index.html");
    assert!(page.contains("datetime=\"2018-03-05"), "{page}");
    assert!(site
        .read("public/bai-viet/cai-nghien/index.html")
        .contains("Cai nghiện"));
    assert!(site
        .read("public/bai-viet/sau-cai/index.html")
        .contains("Sau cai nghiện"));
    assert!(!site.exists("public/bai-viet/index/index.html"));
    assert!(!site
        .read("public/bai-viet/index.html")
        .contains("Drug treatment"));
    assert_eq!(
        out.stderr
            .matches("chưa được đăng: trang chưa có ngôn ngữ đó")
            .count(),
        1,
        "one warning for all translations: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains("content/bai-viet/cai-nghien/index.en.md: cảnh báo: 2 bản dịch (tệp như `ten-bai.en.md`, ngôn ngữ: en) chưa được đăng"),
        "{}",
        out.stderr
    );
    // The top section's title names the list; its text introduces it.
    let list = site.read("public/bai-viet/index.html");
    assert!(list.contains("<h1>Tin tức</h1>"), "{list}");
    assert!(
        list.contains("<div class=\"prose section-intro\"><p>Mục tin.</p>"),
        "{list}"
    );
}

/// Hugo's sections (`_index.md` in a folder of the articles): the title is
/// the category of the articles in the folder that name none, the text
/// introduces that category's page, and its pictures are published beside
/// that page (issue 21, point 1).
#[test]
fn sections_become_categories_with_their_text() {
    let site = Site::fixture("basic");
    let png = site.read_bytes("static/anh/tgpl.png");
    site.write("content/bai-viet/su-kien/banner.png", &png);
    site.write(
        "content/bai-viet/su-kien/_index.md",
        "---\ntitle: Sự kiện tại xã\n---\nCác hoạt động tuyên truyền pháp luật.\n\n![Băng rôn](banner.png)\n",
    );
    site.write(
        "content/bai-viet/su-kien/ngay-hoi.md",
        "---\ntitle: Ngày hội\ndate: 2026-01-02\n---\nChữ.\n",
    );
    site.write(
        "content/bai-viet/su-kien/2026/to-chuc.md",
        "---\ntitle: Tổ chức\ndate: 2026-01-03\n---\nChữ.\n",
    );
    // Its own category wins.
    site.write(
        "content/bai-viet/su-kien/rieng.md",
        "---\ntitle: Riêng\ndate: 2026-01-04\ncategories: [Pháp luật]\n---\nChữ.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !out.stderr.contains("không được dùng đến"),
        "{}",
        out.stderr
    );
    let page = site.read("public/chuyen-muc/su-kien-tai-xa/index.html");
    assert!(
        page.contains("Ngày hội") && page.contains("Tổ chức"),
        "{page}"
    );
    assert!(!page.contains(">Riêng<"), "{page}");
    assert!(
        page.contains(
            "<div class=\"prose section-intro\"><p>Các hoạt động tuyên truyền pháp luật.</p>"
        ),
        "{page}"
    );
    assert!(
        page.contains("src=\"../../chuyen-muc/su-kien-tai-xa/banner.png\""),
        "{page}"
    );
    assert!(site.exists("public/chuyen-muc/su-kien-tai-xa/banner.png"));
    let article = site.read("public/bai-viet/ngay-hoi/index.html");
    assert!(article.contains("Sự kiện tại xã"), "{article}");
}

/// What the HTML cleaner and the pages' security policy left of a blog's
/// Markdown keeps its meaning: column alignment (as classes, since inline
/// styles are refused) with or without raw HTML beside it, and an image's
/// alt text broken over two lines (issue 21, point 3).
#[test]
fn table_alignment_and_alt_text_keep_their_meaning() {
    let site = Site::fixture("basic");
    site.write("static/anh/can-bo.png", b"\x89PNG\r\n\x1a\n");
    let body = "Bảng: Số buổi\n\n| Thôn | Buổi | Ghi chú |\n|:--|--:|:-:|\n| 1 | 12 | x |\n\n![Cán bộ\ntư pháp](/anh/can-bo.png)\n";
    site.write(
        "content/bai-viet/a.md",
        format!("---\ntitle: A\ndate: 2026-01-01\n---\n{body}"),
    );
    site.write(
        "content/bai-viet/b.md",
        format!("---\ntitle: B\ndate: 2026-01-01\n---\n<b>Đậm</b>\n\n{body}"),
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for page in [
        "public/bai-viet/a/index.html",
        "public/bai-viet/b/index.html",
    ] {
        let html = site.read(page);
        for cell in [
            "<th class=\"text-left\">",
            "<th class=\"text-right\">",
            "<td class=\"text-center\">",
        ] {
            assert!(html.contains(cell), "{page}: {cell}");
        }
        assert!(!html.contains("style=\"text-align"), "{page}");
        assert!(html.contains("alt=\"Cán bộ tư pháp\""), "{page}");
    }
    assert!(site
        .read("public/bai-viet/b/index.html")
        .contains("<b>Đậm</b>"));
}

/// Whatever the HTML cleaner removes is said, at its line: a video, an
/// iframe, a style or on… attribute (issue 21, point 3).
#[test]
fn what_the_html_cleaner_removes_is_reported() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/a.md",
        "---\ntitle: A\ndate: 2026-01-01\n---\nĐoạn đầu.\n\n<video src=\"/phim.mp4\" controls></video>\n\n<p style=\"color: red\" title=\"Ghi chú\">Chữ đỏ</p>\n\n<iframe src=\"https://ban-do.example/\"></iframe>\n\n<b onclick=\"x()\">Đậm</b> và <abbr title=\"trợ giúp pháp lý\">TGPL</abbr>\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for expected in [
        "content/bai-viet/a.md:7:1: cảnh báo: mã HTML có thẻ <video> đã bị loại bỏ",
        "content/bai-viet/a.md:9:1: cảnh báo: mã HTML có thuộc tính style của <p> đã bị loại bỏ",
        "content/bai-viet/a.md:11:1: cảnh báo: mã HTML có thẻ <iframe> đã bị loại bỏ",
        "content/bai-viet/a.md:13:1: cảnh báo: mã HTML có thuộc tính sự kiện (onclick, onload…) đã bị loại bỏ",
    ] {
        assert!(out.stderr.contains(expected), "{expected}\n{}", out.stderr);
    }
    // What it keeps is not reported: title, abbr.
    assert!(!out.stderr.contains("title của"), "{}", out.stderr);
    assert!(!out.stderr.contains("<abbr>"), "{}", out.stderr);
    let page = site.read("public/bai-viet/a/index.html");
    assert!(!page.contains("<video") && !page.contains("style=\"color"));
}

/// The share image under the names Hugo themes and Jekyll give it.
#[test]
fn cover_thumbnail_and_featured_image_are_the_share_image() {
    let site = Site::fixture("basic");
    site.write("static/anh/a.png", b"\x89PNG\r\n\x1a\n");
    site.write(
        "content/bai-viet/cover.md",
        "---\ntitle: Bìa\ndate: 2026-01-01\ncover:\n  image: /anh/a.png\n  alt: Buổi tư vấn pháp luật\n---\nChữ.\n",
    );
    site.write(
        "content/bai-viet/thumb.md",
        "---\ntitle: Ảnh nhỏ\ndate: 2026-01-01\nthumbnail: /anh/a.png\nimage_alt: Cán bộ tư pháp\n---\nChữ.\n",
    );
    site.write(
        "content/bai-viet/featured.md",
        "---\ntitle: Ảnh nổi bật\ndate: 2026-01-01\nfeaturedImage: /anh/a.png\nimage_alt: Hội trường\n---\nChữ.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for (page, alt) in [
        ("cover", "Buổi tư vấn pháp luật"),
        ("thumb", "Cán bộ tư pháp"),
        ("featured", "Hội trường"),
    ] {
        let html = site.read(&format!("public/bai-viet/{page}/index.html"));
        assert!(
            html.contains("property=\"og:image\" content=\"https://mau.example/anh/a.png\""),
            "{page}: {html}"
        );
        assert!(html.contains(&format!("alt=\"{alt}\"")), "{page}");
    }
    assert!(
        !out.stderr.contains("không được dùng đến"),
        "{}",
        out.stderr
    );
}

/// Hugo's TOML (`+++`) and JSON front matter build as YAML does, and their
/// mistakes are located on the file's own lines (issue 21, point 1).
#[test]
fn toml_and_json_front_matter_build() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/toml.md",
        "+++\ntitle = \"Tư vấn pháp luật miễn phí\"\ndate = 2026-03-05T08:00:00+07:00\ntags = [\"tư vấn\", \"pháp luật\"]\ncategories = \"Trợ giúp pháp lý\"\ndraft = false\n+++\nChữ **đậm**.\n",
    );
    site.write(
        "content/bai-viet/json.md",
        "{\n  \"title\": \"Hỏi đáp\",\n  \"date\": \"2026-03-06\",\n  \"tags\": [\"hỏi đáp\"]\n}\nChữ.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/bai-viet/toml/index.html");
    assert!(
        page.contains("<h1>Tư vấn pháp luật miễn phí</h1>"),
        "{page}"
    );
    assert!(page.contains("datetime=\"2026-03-05"), "{page}");
    assert!(page.contains("<strong>đậm</strong>"), "{page}");
    assert!(site.exists("public/the/tu-van/index.html"));
    assert!(site.exists("public/chuyen-muc/tro-giup-phap-ly/index.html"));
    assert!(site
        .read("public/bai-viet/json/index.html")
        .contains("<h1>Hỏi đáp</h1>"));
    // A mistake: the line and column in the file, and one in a value.
    site.write(
        "content/bai-viet/toml.md",
        "+++\ntitle = \"A\"\ndate = \n+++\nChữ.\n",
    );
    site.write(
        "content/bai-viet/json.md",
        "{\n  \"title\": \"B\",\n  \"date\": \"2026-02-30\"\n}\nChữ.\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/bai-viet/toml.md:3:8: lỗi: phần thông tin TOML không hợp lệ ở đây"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("content/bai-viet/json.md:3:"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("2026-02-30"), "{}", out.stderr);
}

/// Hugo's `<!--more-->`: the text before it is the article's summary.
#[test]
fn the_more_divider_makes_the_summary() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/tom-tat.md",
        "---\ntitle: Có đoạn tóm tắt\ndate: 2026-01-01\n---\nĐoạn một nói về trợ giúp pháp lý.\n\nĐoạn hai cũng thuộc phần tóm tắt.\n\n<!--more-->\n\nĐoạn ba chỉ có trong bài.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !out.stderr.contains("tom-tat.md"),
        "no warning: {}",
        out.stderr
    );
    let page = site.read("public/bai-viet/tom-tat/index.html");
    assert!(
        page.contains("<meta name=\"description\" content=\"Đoạn một nói về trợ giúp pháp lý. Đoạn hai cũng thuộc phần tóm tắt.\""),
        "{page}"
    );
    let list = site.read("public/bai-viet/trang/2/index.html");
    assert!(
        list.contains("Đoạn hai cũng thuộc phần tóm tắt.") && !list.contains("Đoạn ba"),
        "{list}"
    );
    assert!(page.contains("Đoạn ba chỉ có trong bài.") && !page.contains("more-->"));
}

/// Old addresses (Hugo's `aliases` and `url`, Jekyll's `permalink`) become
/// pages that send readers on; they may not take a page's place.
#[test]
fn old_addresses_send_readers_on() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/chuyen.md",
        "---\ntitle: Bài đã chuyển\ndate: 2026-01-01\naliases: [/2017/09/22/bai-cu/, /tin/bai-cu.html, /2021/05/ngày-hội/, /2021/05/ng%C3%A0y-l%E1%BB%85/]\nurl: https://blog-cu.example/tin-tuc/bai-cu\n---\nChữ.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Addresses with letters, written or percent-encoded, are folders of
    // those letters (what a server looks for).
    assert!(site.exists("public/2021/05/ngày-hội/index.html"));
    assert!(site.exists("public/2021/05/ngày-lễ/index.html"));
    for (path, back) in [
        (
            "public/2017/09/22/bai-cu/index.html",
            "../../../../bai-viet/chuyen/",
        ),
        ("public/tin/bai-cu.html", "../bai-viet/chuyen/"),
        ("public/tin-tuc/bai-cu/index.html", "../../bai-viet/chuyen/"),
    ] {
        let html = site.read(path);
        assert!(
            html.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={back}\">"
            )),
            "{path}: {html}"
        );
        assert!(
            html.contains("<link rel=\"canonical\" href=\"https://mau.example/bai-viet/chuyen/\">"),
            "{html}"
        );
        assert!(
            html.contains(&format!("<a href=\"{back}\">Bài đã chuyển</a>")),
            "{html}"
        );
    }
    assert!(
        !site.read("public/sitemap.xml").contains("bai-cu"),
        "old addresses are not in the sitemap"
    );
    // An old address where a page of the site is, or a Jekyll pattern: errors.
    site.write(
        "content/bai-viet/trung.md",
        "---\ntitle: Trùng\ndate: 2026-01-02\naliases:\n  - /bai-viet/chuyen/\npermalink: /:year/:title/\n---\nChữ.\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("content/bai-viet/trung.md:5:5: lỗi: địa chỉ cũ `/bai-viet/chuyen/` trùng với bài `Bài đã chuyển`"), "{}", out.stderr);
    assert!(out.stderr.contains("content/bai-viet/trung.md:6:12: lỗi: địa chỉ cũ `/:year/:title/` là mẫu đường dẫn của Jekyll"), "{}", out.stderr);
}

/// Shortcodes and Liquid tags: each that Hugo and Jekyll sites use
/// becomes what it means on the built page, the site's own are Tera
/// templates, any other is an error at its place, never text on the page
/// (issue 21, point 2).
#[test]
fn shortcodes_become_markdown_or_errors_never_text() {
    let site = Site::fixture("basic");
    site.write("static/anh/a.png", b"\x89PNG\r\n\x1a\n");
    site.write(
        "templates/shortcodes/luu-y.html",
        "<aside class=\"luu-y\"><strong>{{ tieu_de }}</strong> {{ body }}</aside>",
    );
    site.write(
        "content/bai-viet/2017-09-22-tu-van.md",
        "---\ntitle: Tư vấn\n---\n## Điều kiện\n\nChữ.\n",
    );
    site.write(
        "content/bai-viet/cai-nghien/index.md",
        "---\ntitle: Cai nghiện\ndate: 2026-01-01\n---\nChữ.\n",
    );
    site.write(
        "content/bai-viet/hugo.md",
        concat!(
            "---\ntitle: Hugo\ndate: 2026-01-01\nauthor: Tổ tư vấn\n---\n",
            "{{< figure src=\"/anh/a.png\" alt=\"Buổi tư vấn\" caption=\"Tư vấn tại thôn 3\" >}}\n\n",
            "Xem {{< youtube w7Ft2ymGmfc >}}, {{< vimeo 55073825 >}} và {{< gist spf13 7896402 >}}.\n\n",
            "[Điều kiện]({{< ref \"2017-09-22-tu-van.md#dieu-kien\" >}}), [cai nghiện]({{< relref \"/posts/cai-nghien\" >}}).\n\n",
            "Người viết: {{< param author >}}.\n\n",
            "{{< highlight go >}}\nfmt.Println(\"{{ x }}\")\n{{< /highlight >}}\n\n",
            "{{< luu-y tieu_de=\"Lưu ý\" >}}\nTrợ giúp pháp lý miễn phí.\n{{< /luu-y >}}\n\n",
            "```\n{{< figure src=\"x\" >}}\n```\n",
        ),
    );
    site.write(
        "content/bai-viet/jekyll.md",
        concat!(
            "---\ntitle: Jekyll\ndate: 2026-01-01\n---\n",
            "{% include image.html url=\"/anh/a.png\" description=\"Buổi tư vấn\" %}\n\n",
            "[Bài trước]({% post_url 2017-09-22-tu-van %}) và [trang]({% link _pages/gioi-thieu.md %}).\n\n",
            "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n",
            "{% raw %}Viết {{ page.title }} trong mẫu.{% endraw %} Trang {{ site.title }}.\n",
        ),
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/bai-viet/hugo/index.html");
    for expected in [
        "alt=\"Buổi tư vấn\"",
        "<em>Tư vấn tại thôn 3</em>",
        "href=\"https://www.youtube.com/watch?v=w7Ft2ymGmfc\"",
        "href=\"https://vimeo.com/55073825\"",
        "href=\"https://gist.github.com/spf13/7896402\"",
        "href=\"../../bai-viet/tu-van/#dieu-kien\"",
        "href=\"../../bai-viet/cai-nghien/\"",
        "Người viết: Tổ tư vấn.",
        "<code class=\"language-go\">fmt.Println(\"{{ x }}\")",
        "<aside class=\"luu-y\"><strong>Lưu ý</strong> Trợ giúp pháp lý miễn phí.</aside>",
        "<code>{{&lt; figure src=\"x\" &gt;}}",
    ] {
        assert!(page.contains(expected), "{expected}: {page}");
    }
    let page = site.read("public/bai-viet/jekyll/index.html");
    for expected in [
        "alt=\"Buổi tư vấn\"",
        "href=\"../../bai-viet/tu-van/\"",
        "href=\"../../gioi-thieu/\"",
        "<code class=\"language-ruby\">puts 1",
        "Viết {{ page.title }} trong mẫu.",
        "Trang Xã Mẫu.",
    ] {
        assert!(page.contains(expected), "{expected}: {page}");
    }
    // No tag is left as text (the Hugo page's one is in its code block).
    assert!(!page.contains("{%"), "{page}");
    let hugo = site.read("public/bai-viet/hugo/index.html");
    assert_eq!(hugo.matches("{{&lt;").count(), 1, "{hugo}");

    site.write(
        "content/bai-viet/jekyll.md",
        "---\ntitle: Jekyll\ndate: 2026-01-01\n---\nĐoạn.\n\n{% include note.html %} {{< tweet 1 >}} [x]({{< ref \"khong-co.md\" >}})\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for expected in [
        "content/bai-viet/jekyll.md:7:1: lỗi: thẻ Liquid `{% include note.html %}` của Jekyll chưa được loa hỗ trợ",
        "content/bai-viet/jekyll.md:7:25: lỗi: shortcode `tweet` của Hugo chưa được loa hỗ trợ",
    ] {
        assert!(out.stderr.contains(expected), "{expected}: {}", out.stderr);
    }
    // A `ref` to no article is an error at its place when the pages are made.
    site.write(
        "content/bai-viet/jekyll.md",
        "---\ntitle: Jekyll\ndate: 2026-01-01\n---\nĐoạn [x]({{< ref \"khong-co.md\" >}}).\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/bai-viet/jekyll.md:5:6: lỗi: liên kết tới `khong-co.md` (thẻ `ref`, `link` hoặc `post_url`) không tìm thấy"),
        "{}",
        out.stderr
    );
}

/// A Hugo page bundle's images and files are published in its article's
/// folder, whatever its slug, and the relative paths in it (text, links,
/// front matter) lead there; a draft bundle's files are not published
/// (issue 21, point 1).
#[test]
fn page_bundles_publish_their_files_beside_the_article() {
    let site = Site::fixture("basic");
    let png = site.read_bytes("static/anh/tgpl.png");
    site.write("content/bai-viet/ngay-hoi/anh.png", &png);
    site.write("content/bai-viet/ngay-hoi/hinh/nho.png", &png);
    site.write("content/bai-viet/ngay-hoi/mau-don.pdf", "%PDF-1.4\n");
    site.write(
        "content/bai-viet/ngay-hoi/index.md",
        "---\ntitle: Ngày hội\ndate: 2026-01-02\nslug: ngay-hoi-phap-luat\nimage: anh.png\nimage_alt: Ngày hội\n---\n![Quang cảnh](anh.png)\n\n![Hình nhỏ](./hinh/nho.png)\n\n[Tải mẫu đơn](mau-don.pdf)\n",
    );
    site.write("content/bai-viet/nhap/anh.png", &png);
    site.write(
        "content/bai-viet/nhap/index.md",
        "---\ntitle: Bản nháp\ndate: 2026-01-02\ndraft: true\n---\n![Ảnh](anh.png)\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !out.stderr.contains("không được dùng đến"),
        "{}",
        out.stderr
    );
    for file in ["anh.png", "hinh/nho.png", "mau-don.pdf"] {
        assert!(
            site.exists(&format!("public/bai-viet/ngay-hoi-phap-luat/{file}")),
            "{file}"
        );
    }
    assert!(!site.exists("public/bai-viet/nhap/anh.png"));
    let page = site.read("public/bai-viet/ngay-hoi-phap-luat/index.html");
    assert!(
        page.contains("<img src=\"../../bai-viet/ngay-hoi-phap-luat/anh.png\" alt=\"Quang cảnh\""),
        "{page}"
    );
    assert!(
        page.contains("width=\"")
            && page.contains("../../bai-viet/ngay-hoi-phap-luat/hinh/nho.png")
    );
    assert!(page.contains("href=\"../../bai-viet/ngay-hoi-phap-luat/mau-don.pdf\""));
    // The lead and share image is the bundle's.
    assert!(
        page.contains(
            "<figure class=\"lead-image\"><img src=\"../../bai-viet/ngay-hoi-phap-luat/anh.png\""
        ),
        "{page}"
    );
    assert!(
        page.contains("og:image\" content=\"https://")
            && page.contains("/bai-viet/ngay-hoi-phap-luat/anh.png\">"),
        "{page}"
    );

    // A missing file of the bundle is an error at its line.
    site.write(
        "content/bai-viet/ngay-hoi/index.md",
        "---\ntitle: Ngày hội\ndate: 2026-01-02\n---\nChữ.\n\n![Quang cảnh](mat.png)\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/bai-viet/ngay-hoi/index.md:7:1: lỗi: ảnh `mat.png` không có trong thư mục của bài (content/bai-viet/ngay-hoi/)"),
        "{}",
        out.stderr
    );
}

/// TeX math copied in from a blog is kept as written and drawn as MathML
/// (no script); a formula that cannot be read is shown as written with a
/// warning at its place (issue 21, point 3).
#[test]
fn math_is_kept_and_drawn_as_mathml() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/cong-thuc.md",
        "---\ntitle: Công thức\ndate: 2026-01-01\n---\nĐộ lệch $\\sigma_1^*$ và $a < b$.\n\n$$\n\\begin{aligned} x &= \\frac{1}{2} \\\\ y &= 2 \\end{aligned}\n$$\n\nLỗi $\\khongco{x}$ ở đây.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/bai-viet/cong-thuc/index.html");
    assert!(page.contains("<math display=\"inline\">"), "{page}");
    assert!(page.contains("<mi>σ</mi>"), "{page}");
    assert!(
        page.contains("<annotation encoding=\"application/x-tex\">\\sigma_1^*</annotation>"),
        "{page}"
    );
    assert!(page.contains("<mo>&lt;</mo>"), "{page}");
    assert!(
        page.contains("<code class=\"math\">\\khongco{x}</code>"),
        "{page}"
    );
    assert!(
        out.stderr.contains(
            "content/bai-viet/cong-thuc.md:11:5: cảnh báo: công thức `\\khongco{x}` không đọc được"
        ),
        "{}",
        out.stderr
    );
    // The display formula: `\\` is a new line in TeX, not an escaped `\`.
    assert!(page.contains("display=\"block\""), "{page}");
    assert!(page.contains("<mtable"), "{page}");
    assert!(page.contains("\\frac{1}{2} \\\\ y &amp;= 2"), "{page}");
}

/// Hugo's `weight` puts an article first in lists, `expiryDate` stops
/// publishing it (said to the clerk), categories and tags may be one
/// string, and theme keys (`layout`, `toc`, `type`) are not reported as
/// unknown (issue 21, point 1).
#[test]
fn weight_expiry_and_theme_keys() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/ghim.md",
        "---\ntitle: Bài ghim\ndate: 2020-01-01\nweight: 1\ncategories: Pháp luật\ntags: quyền\nlayout: post\ntype: posts\ntoc: true\nShowToc: true\n---\nChữ.\n",
    );
    site.write(
        "content/bai-viet/het-han.md",
        "---\ntitle: Thông báo cũ\ndate: 2026-01-01\nexpiryDate: 2026-02-01\n---\nChữ.\n",
    );
    site.write(
        "content/bai-viet/con-han.md",
        "+++\ntitle = \"Thông báo còn hạn\"\ndate = 2026-01-01\nexpiryDate = 2099-02-01T00:00:00+07:00\n+++\nChữ.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!site.exists("public/bai-viet/het-han/index.html"));
    assert!(site.exists("public/bai-viet/con-han/index.html"));
    assert!(
        out.stderr.contains("content/bai-viet/het-han.md: cảnh báo: bài đã hết hạn đăng (expiryDate: 01/02/2026) nên không được đăng"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("không được dùng đến"),
        "{}",
        out.stderr
    );
    // The oldest article, weighted, heads the first page of the list (two
    // articles to a page in this site).
    let list = crate::support::main_of(&site.read("public/bai-viet/index.html")).to_string();
    let pinned = list.find("Bài ghim").expect("on the first page");
    if let Some(newest) = list.find("Thông báo còn hạn") {
        assert!(pinned < newest, "{list}");
    }
    let page = site.read("public/bai-viet/ghim/index.html");
    assert!(
        page.contains("Pháp luật") && page.contains("quyền"),
        "{page}"
    );
    // Drafts preview shows what is expired.
    let out = site.loa(&["build", "--drafts"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(site.exists("public/bai-viet/het-han/index.html"));
}

/// An EXIF block (big-endian TIFF) with an orientation and a GPS
/// directory holding a latitude reference.
fn exif_with_location(orientation: u16) -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
    t.extend_from_slice(&2u16.to_be_bytes());
    // Orientation, SHORT, 1.
    t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    // GPSInfo, LONG, 1, at offset 38.
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    // GPS directory: GPSLatitudeRef, ASCII, 2, "N".
    t.extend_from_slice(&1u16.to_be_bytes());
    t.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    t
}

/// Photos for slow networks (issue 21, point 4): a several-MB PNG and a
/// camera JPEG (turned, with its location) get WebP versions with JPEG
/// fallbacks named in `<picture>`/`srcset` with `sizes` and the shown
/// size, none a phone takes over 250 KB; the original is published
/// without its location but still upright; a second build encodes nothing.
#[test]
fn photos_get_small_versions_for_phones() {
    use img_parts::{ImageEXIF, ImageICC};
    let site = Site::fixture("basic");
    let png = crate::support::photo_bytes(3000, 2000, image::ImageFormat::Png);
    assert!(png.len() > 3_000_000, "several MB: {}", png.len());
    site.write("static/anh/hoi-nghi.png", &png);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&crate::support::photo(1600, 1000))
        .unwrap();
    let mut camera = img_parts::jpeg::Jpeg::from_bytes(jpeg.into()).unwrap();
    camera.set_exif(Some(exif_with_location(6).into()));
    let camera = camera.encoder().bytes().to_vec();
    site.write("content/bai-viet/tu-van/tu-van.jpg", &camera);
    site.write(
        "content/bai-viet/tu-van/index.md",
        "---\ntitle: Tư vấn\ndate: 2026-01-02\nimage: tu-van.jpg\nimage_alt: Buổi tư vấn\n---\n![Hội nghị](/anh/hoi-nghi.png)\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Ảnh cho điện thoại: 12 tệp mới, 0 tệp dùng lại"),
        "{}",
        out.stderr
    );
    let page = site.read("public/bai-viet/tu-van/index.html");
    let checksum = format!("{:08x}", crc32fast::hash(&png));
    let webp = |w: u32| format!("../../anh/hoi-nghi.{checksum}.{w}.webp {w}w");
    assert!(
        page.contains(&format!(
            "<picture><source type=\"image/webp\" srcset=\"{}, {}, {}\" sizes=\"(min-width: 46rem) 44rem, calc(100vw - 2rem)\">",
            webp(480),
            webp(800),
            webp(1200)
        )),
        "{page}"
    );
    assert!(
        page.contains(&format!("<img src=\"../../anh/hoi-nghi.{checksum}.1200.jpg\" srcset=\"../../anh/hoi-nghi.{checksum}.480.jpg 480w,")),
        "{page}"
    );
    assert!(
        page.contains("alt=\"Hội nghị\" width=\"3000\" height=\"2000\""),
        "{page}"
    );
    // The camera's photo: shown upright, 1000 wide and 1600 high.
    assert!(
        page.contains("alt=\"Buổi tư vấn\" width=\"1000\" height=\"1600\""),
        "{page}"
    );
    for w in [480, 800, 1200] {
        let path = format!("public/anh/hoi-nghi.{checksum}.{w}.webp");
        let bytes = site.read_bytes(&path);
        assert!(bytes.len() <= 250 * 1024, "{path}: {} bytes", bytes.len());
        let size = imagesize::blob_size(&bytes).unwrap();
        assert_eq!((size.width, size.height), (w as usize, w as usize * 2 / 3));
        assert!(site.exists(&format!("public/anh/hoi-nghi.{checksum}.{w}.jpg")));
    }
    let turned: Vec<String> = std::fs::read_dir(site.dir.join("public/bai-viet/tu-van"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".webp"))
        .collect();
    assert_eq!(turned.len(), 3, "{turned:?}");
    for name in &turned {
        let bytes = site.read_bytes(&format!("public/bai-viet/tu-van/{name}"));
        let size = imagesize::blob_size(&bytes).unwrap();
        assert!(size.height > size.width, "{name} upright: {size:?}");
    }
    // The original: location gone, turn kept.
    let published = img_parts::jpeg::Jpeg::from_bytes(
        site.read_bytes("public/bai-viet/tu-van/tu-van.jpg").into(),
    )
    .unwrap();
    let exif = published.exif().expect("the turn is kept");
    assert!(
        !exif.windows(2).any(|w| w == [0x88, 0x25]),
        "no GPS: {exif:?}"
    );
    assert!(exif.windows(2).any(|w| w == [0x01, 0x12]));
    assert!(published.icc_profile().is_none());

    // Again: nothing encoded.
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Ảnh cho điện thoại: 0 tệp mới, 12 tệp dùng lại"),
        "{}",
        out.stderr
    );
    assert!(site.exists(&format!("public/anh/hoi-nghi.{checksum}.480.webp")));
    assert!(site.exists("public/anh/hoi-nghi.png"));

    // A site that keeps its originals to itself publishes only the versions.
    let config = site.read("site.yaml");
    site.write("site.yaml", format!("{config}photo_originals: false\n"));
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!site.exists("public/anh/hoi-nghi.png"));
    assert!(!site.exists("public/bai-viet/tu-van/tu-van.jpg"));
    assert!(site.exists(&format!("public/anh/hoi-nghi.{checksum}.1200.webp")));
}

/// Writes a Hugo blog as its authors would: TOML, YAML and JSON front
/// matter, a page bundle with its picture, shortcodes, math, a raw video,
/// a translation, a section page, a page of its own, a static picture and
/// a shortcode of its own, with `permalinks` by date.
fn hugo_blog(dir: &std::path::Path) {
    let write = |rel: &str, bytes: &[u8]| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    write(
        "config.toml",
        b"baseURL = \"https://blog.example/\"\ntitle = \"Blog t\xc6\xb0 ph\xc3\xa1p x\xc3\xa3\"\n[permalinks]\nposts = \"/:year/:month/:filename/\"\n[markup.goldmark.renderer]\nunsafe = true\n",
    );
    write("layouts/_default/single.html", b"{{ .Content }}");
    write(
        "layouts/_default/list.html",
        b"{{ range .Pages }}{{ .Title }}{{ end }}",
    );
    write(
        "layouts/shortcodes/note.html",
        b"<aside>{{ .Inner }}</aside>",
    );
    let png = crate::support::photo_bytes(64, 32, image::ImageFormat::Png);
    write("static/images/banner.png", &png);
    write("content/posts/cai-nghien/anh.png", &png);
    write(
        "content/posts/tro-giup-phap-ly.md",
        "+++\ntitle = \"Trợ giúp pháp lý miễn phí\"\ndate = 2024-03-05T08:00:00+07:00\ntags = [\"trợ giúp pháp lý\"]\ncategories = [\"Pháp luật\"]\n+++\nNgười thuộc diện được trợ giúp pháp lý không phải trả tiền.\n<!--more-->\n{{< figure src=\"/images/banner.png\" alt=\"Băng rôn tuyên truyền\" caption=\"Băng rôn tại nhà văn hóa\" >}}\n\nXem thêm [bài về cai nghiện]({{< ref \"cai-nghien\" >}}).\n\nTỷ lệ $p = \\frac{a}{b}$ được tính theo quý.\n\n{{< highlight bash >}}\necho \"xin chào\"\n{{< /highlight >}}\n".as_bytes(),
    );
    write(
        "content/posts/cai-nghien/index.md",
        "---\ntitle: Cai nghiện tự nguyện tại gia đình\ndate: 2024-04-10\ntags: cai nghiện\ncategories:\n  - Phòng, chống ma túy\naliases:\n  - /tin-cu/cai-nghien/\ncover:\n  image: anh.png\n  alt: Cán bộ tư vấn cho gia đình\n---\n![Buổi tư vấn\ntại nhà](anh.png)\n\nXem video: {{< youtube w7Ft2ymGmfc >}}\n\n<video src=\"/video/a.mp4\" controls></video>\n".as_bytes(),
    );
    write(
        "content/posts/ngay-hoi.md",
        "{\n  \"title\": \"Ngày Pháp luật Việt Nam\",\n  \"date\": \"2024-11-09\",\n  \"slug\": \"ngay-phap-luat\"\n}\nNgày 9 tháng 11 hằng năm là Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam.\n".as_bytes(),
    );
    write(
        "content/posts/ngay-hoi.en.md",
        b"---\ntitle: Vietnam Law Day\ndate: 2024-11-09\n---\nText.\n",
    );
    write(
        "content/posts/_index.md",
        "---\ntitle: Tin tức\n---\n".as_bytes(),
    );
    write(
        "content/about.md",
        "---\ntitle: Giới thiệu\n---\nTrang của tổ tư pháp xã.\n".as_bytes(),
    );
}

/// A whole Hugo blog moves in with no hand edit (issue 21, tests): built
/// by Hugo itself to learn every address its readers have, imported with
/// `loa import hugo`, built by loa: every post, page and old address Hugo
/// published answers on the loa site (the post, or a page sending readers
/// to it), and what was left is said.
#[test]
fn a_hugo_blog_moves_in_with_no_hand_edit() {
    let work = crate::support::fresh_dir();
    let old = work.join("blog");
    hugo_blog(&old);
    let hugo = std::process::Command::new("hugo")
        .args(["--quiet", "-s"])
        .arg(&old)
        .arg("-d")
        .arg(work.join("hugo-public"))
        .output()
        .expect("hugo should be installed (apt-get install hugo), as .ci/run does");
    assert!(
        hugo.status.success(),
        "{}",
        String::from_utf8_lossy(&hugo.stderr)
    );
    let site = work.join("site");
    let out = crate::support::run_loa(&work, &["init", "site"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = crate::support::run_loa(&site, &["import", "hugo", old.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for said in [
        "Đã chép từ trang Hugo",
        "4 bài viết và 1 mục (`_index.md`: tên mục là chuyên mục của các bài trong mục) vào content/bai-viet/, 1 trang vào content/trang/, 2 ảnh và tệp; 3 bài được thêm địa chỉ cũ",
        "- layouts/shortcodes/note.html: shortcode riêng của trang cũ (mẫu Go): viết lại thành mẫu Tera templates/shortcodes/note.html",
        "`loa check`: không có lỗi",
    ] {
        assert!(out.stderr.contains(said), "{said}: {}", out.stderr);
    }
    let out = crate::support::run_loa(&site, &["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Every post and page Hugo published has an answer at its address.
    let hugo_pages: Vec<String> = walkdir::WalkDir::new(work.join("hugo-public"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.file_name().is_some_and(|n| n == "index.html"))
        .map(|p| {
            p.strip_prefix(work.join("hugo-public"))
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| !p.starts_with("tags/") && !p.starts_with("categories/") && p.contains('/'))
        .filter(|p| p != "posts/index.html")
        .collect();
    assert_eq!(hugo_pages.len(), 5, "{hugo_pages:?}");
    for page in &hugo_pages {
        let answer = site.join("public").join(page);
        assert!(
            answer.exists(),
            "{page} published by Hugo has no answer in loa"
        );
    }
    let moved = std::fs::read_to_string(site.join("public/2024/11/ngay-hoi/index.html")).unwrap();
    assert!(moved.contains("bai-viet/ngay-phap-luat/"), "{moved}");
    let post =
        std::fs::read_to_string(site.join("public/bai-viet/tro-giup-phap-ly/index.html")).unwrap();
    for shown in [
        "alt=\"Băng rôn tuyên truyền\"",
        "<em>Băng rôn tại nhà văn hóa</em>",
        "href=\"../../bai-viet/cai-nghien/\"",
        "<math display=\"inline\">",
        "<code class=\"language-bash\">echo \"xin chào\"",
    ] {
        assert!(post.contains(shown), "{shown}: {post}");
    }
    let bundle =
        std::fs::read_to_string(site.join("public/bai-viet/cai-nghien/index.html")).unwrap();
    assert!(bundle.contains("alt=\"Buổi tư vấn tại nhà\""), "{bundle}");
    assert!(bundle.contains("href=\"https://www.youtube.com/watch?v=w7Ft2ymGmfc\""));
    assert!(site.join("public/bai-viet/cai-nghien/anh.png").exists());
    // Importing again keeps what is there.
    let out = crate::support::run_loa(&site, &["import", "hugo", old.to_str().unwrap()]);
    assert!(
        out.stderr
            .contains("Giữ nguyên 8 tệp đã có (chép đè bằng --force)"),
        "{}",
        out.stderr
    );
    // The section's title names the list of articles.
    let list = std::fs::read_to_string(site.join("public/bai-viet/index.html")).unwrap();
    assert!(list.contains("<h1>Tin tức</h1>"), "{list}");
}

/// A Jekyll blog moves in with no hand edit: dated posts (one `.markdown`),
/// Liquid includes, links and values, a page, assets served at their path;
/// its old addresses (Jekyll's default `date` style) answer on the loa site.
#[test]
fn a_jekyll_blog_moves_in_with_no_hand_edit() {
    let work = crate::support::fresh_dir();
    let old = work.join("blog");
    let write = |rel: &str, text: &[u8]| {
        let path = old.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "_config.yml",
        "title: Blog tư pháp\nurl: https://blog.example\n".as_bytes(),
    );
    let png = crate::support::photo_bytes(64, 32, image::ImageFormat::Png);
    write("assets/img/tu-van.png", &png);
    write(
        "_includes/image.html",
        b"<figure><img src=\"{{ include.url }}\"></figure>",
    );
    write("_layouts/post.html", b"{{ content }}");
    write("Gemfile", b"source \"https://rubygems.org\"\n");
    write(
        "_posts/2017-09-22-ngay-hoi.markdown",
        "---\nlayout: post\ntitle: Ngày hội pháp luật\ncategories: tin\n---\n{% include image.html url=\"/assets/img/tu-van.png\" description=\"Buổi tư vấn\" %}\n\nXem [bài sau]({% post_url 2018-01-02-tu-van %}) và [giới thiệu]({% link about.md %}).\n".as_bytes(),
    );
    write(
        "_posts/2018-01-02-tu-van.md",
        "---\nlayout: post\ntitle: Tư vấn pháp luật\n---\n![Ảnh]({{ site.baseurl }}/assets/img/tu-van.png)\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n".as_bytes(),
    );
    write(
        "about.md",
        "---\nlayout: page\ntitle: Giới thiệu\n---\nTrang {{ site.title }}.\n".as_bytes(),
    );
    write("index.md", b"---\nlayout: home\n---\n");
    let site = work.join("site");
    assert_eq!(crate::support::run_loa(&work, &["init", "site"]).code, 0);
    let out = crate::support::run_loa(&site, &["import", "jekyll", old.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for said in [
        "2 bài viết vào content/bai-viet/, 1 trang vào content/trang/, 1 ảnh và tệp; 3 bài được thêm địa chỉ cũ",
        "- _includes/image.html: tệp `include` của trang cũ (Liquid)",
        "- _layouts/: giao diện của Jekyll",
        "`loa check`: không có lỗi",
    ] {
        assert!(out.stderr.contains(said), "{said}: {}", out.stderr);
    }
    let out = crate::support::run_loa(&site, &["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let public = site.join("public");
    for old_address in [
        "tin/2017/09/22/ngay-hoi.html",
        "2018/01/02/tu-van.html",
        "about.html",
    ] {
        assert!(public.join(old_address).exists(), "{old_address}");
    }
    let post = std::fs::read_to_string(public.join("bai-viet/ngay-hoi/index.html")).unwrap();
    assert!(
        post.contains("src=\"../../assets/img/tu-van.png\" alt=\"Buổi tư vấn\""),
        "{post}"
    );
    assert!(post.contains("href=\"../../bai-viet/tu-van/\""), "{post}");
    assert!(post.contains("href=\"../../about/\""), "{post}");
    let post = std::fs::read_to_string(public.join("bai-viet/tu-van/index.html")).unwrap();
    assert!(
        post.contains("<code class=\"language-ruby\">puts 1"),
        "{post}"
    );
    let page = std::fs::read_to_string(public.join("about/index.html")).unwrap();
    assert!(page.contains("Trang "), "{page}");
}

/// A passage in another language carries its `lang`, so a screen reader
/// reads a Tày verse with Tày rules (issue 22, point 2, in part).
#[test]
fn passages_in_another_language_carry_their_lang() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/loi-chao.md",
        "---\ntitle: Lời chào\ndate: 2026-01-02\n---\nBà con người Tày chào nhau:\n\n::: {lang=tyz}\nPá pó mì slương.\n\nKhửn mà.\n:::\n\nHay ngắn gọn [Khửn mà]{lang=tyz} khi gặp.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/bai-viet/loi-chao/index.html");
    assert!(
        page.contains("<div lang=\"tyz\">\n<p>Pá pó mì slương.</p>\n<p>Khửn mà.</p>\n</div>"),
        "{page}"
    );
    assert!(
        page.contains("Hay ngắn gọn <span lang=\"tyz\">Khửn mà</span> khi gặp."),
        "{page}"
    );
    site.write(
        "content/bai-viet/loi-chao.md",
        "---\ntitle: Lời chào\ndate: 2026-01-02\n---\n::: {lang=tày}\nPá pó.\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("content/bai-viet/loi-chao.md:5:1: lỗi: `tày` không phải mã ngôn ngữ"),
        "{}",
        out.stderr
    );
}

/// A damaged photo is published as it is, with a warning; one whose header
/// claims 30,000 × 30,000 pixels (a decompression bomb) is an error in
/// words, found without holding the picture in memory (issue 21, point 4).
#[test]
fn damaged_and_oversized_photos_are_reported_in_words() {
    let site = Site::fixture("basic");
    let mut noise = vec![0u8; 200_000];
    let mut seed = 7u32;
    for b in noise.iter_mut() {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        *b = seed as u8;
    }
    site.write("static/anh/hong.jpg", &noise);
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        let mut both = kind.to_vec();
        both.extend_from_slice(data);
        c.extend_from_slice(&crc32fast::hash(&both).to_be_bytes());
        c
    };
    let mut header = 30_000u32.to_be_bytes().to_vec();
    header.extend_from_slice(&30_000u32.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
    bomb.extend(chunk(b"IHDR", &header));
    let mut zipped = Vec::new();
    {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(&mut zipped, flate2::Compression::default());
        z.write_all(&vec![0u8; 100_000]).unwrap();
        z.finish().unwrap();
    }
    bomb.extend(chunk(b"IDAT", &zipped));
    bomb.extend(chunk(b"IEND", b""));
    site.write("static/anh/bom.png", &bomb);
    site.write(
        "content/bai-viet/bom.md",
        "---\ntitle: Ảnh\ndate: 2026-01-01\n---\n![Ảnh lớn](/anh/bom.png)\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("static/anh/hong.jpg: cảnh báo: không đọc được ảnh"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("static/anh/bom.png: lỗi: không tạo được bản nhỏ của ảnh:"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("Error"),
        "{}",
        out.stderr
    );
}

/// A site that allows video players (`video_embeds: true`) shows Hugo's
/// `youtube` and `vimeo` in their frames, without cookies or tracking, and
/// its pages' security policy allows those two players and no other;
/// without it, a link and no frame (issue 21, point 2).
#[test]
fn video_players_only_where_the_site_allows_them() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/video.md",
        "---\ntitle: Video\ndate: 2026-01-01\n---\nXem {{< youtube id=\"w7Ft2ymGmfc\" title=`Trợ giúp \"pháp lý\"` >}} và {{< vimeo 55073825 >}}.\n\n<b>Đậm</b>\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/bai-viet/video/index.html");
    assert!(
        !page.contains("<iframe") && !page.contains("frame-src"),
        "{page}"
    );
    let config = site.read("site.yaml");
    site.write("site.yaml", format!("{config}video_embeds: true\n"));
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/bai-viet/video/index.html");
    assert!(
        page.contains("<iframe class=\"video\" src=\"https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc\" title=\"Trợ giúp &quot;pháp lý&quot;\" loading=\"lazy\""),
        "{page}"
    );
    assert!(
        page.contains("src=\"https://player.vimeo.com/video/55073825?dnt=1\""),
        "{page}"
    );
    assert!(
        page.contains("default-src 'self'; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; img-src"),
        "{page}"
    );
    assert!(!page.contains('\u{E000}'), "{page}");
    assert!(
        page.contains("<meta name=\"description\" content=\"Xem Trợ giúp &quot;pháp lý&quot; và Xem video trên Vimeo.\">"),
        "{page}"
    );
}
