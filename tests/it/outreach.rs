//! Outreach tied to plans: articles that implement plan tasks.

use crate::support::Site;

const PLAN: &str = "issuer: {name: UBND xã Mẫu, level: xa}\ntitle: Kế hoạch truyền thông\nbody:\n  - number: II.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n      - number: \"1.\"\n        text: Đăng tin, bài trên Cổng thông tin.\n        lead: Văn phòng\n        timeframe: Năm 2026\n      - number: \"2.\"\n        text: Phát thanh.\n        timeframe: Năm 2026\n";

#[test]
fn articles_tied_to_tasks_show_on_both_pages() {
    let site = Site::fixture("basic");
    site.write("content/ke-hoach/truyen-thong.yaml", PLAN);
    site.write(
        "content/bai-viet/tin.md",
        "---\ntitle: Tin về trợ giúp pháp lý\ndate: 2026-03-01\nimplements: [truyen-thong#muc-ii-1]\n---\nNội dung.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let plan = site.read("public/ke-hoach/truyen-thong/index.html");
    assert!(plan.contains("<p class=\"doc-published\">Bài viết thực hiện nhiệm vụ này: <a href=\"../../bai-viet/tin/\">Tin về trợ giúp pháp lý</a></p>"), "{plan}");
    assert!(plan.contains("<td data-label=\"Bài đã đăng\"><ul class=\"compact\"><li><a href=\"../../bai-viet/tin/\">Tin về trợ giúp pháp lý</a></li></ul></td>"), "{plan}");
    assert!(
        plan.contains("<td data-label=\"Bài đã đăng\">Chưa có bài</td>"),
        "task 2 has nothing yet: {plan}"
    );
    let article = site.read("public/bai-viet/tin/index.html");
    assert!(article.contains("href=\"../../ke-hoach/truyen-thong/#muc-ii-1\">II.1. Đăng tin, bài trên Cổng thông tin. – Kế hoạch truyền thông</a>"), "{article}");
}

#[test]
fn unknown_task_reference_is_an_error_with_line_and_suggestion() {
    let site = Site::fixture("basic");
    site.write("content/ke-hoach/truyen-thong.yaml", PLAN);
    site.write(
        "content/bai-viet/tin.md",
        "---\ntitle: Tin\ndate: 2026-03-01\nimplements:\n  - truyen-thong#muc-ii-3\n  - khong-co#muc-i\n---\nNội dung.\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn loudspeaker_texts_are_plain_and_read_aloud() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/loa.md",
        "---\ntitle: Tháng hành động\ndate: 2026-06-01\n---\n\n## Ngày **26/6**\n\nNgười thuộc diện [TGPL](@/bai-viet/tro-giup-phap-ly.md) được giúp *miễn phí*; trên 80% người dân biết.\n\n| Việc | Ngày |\n|---|---|\n| Mít tinh | 26/6/2026 |\n\n![Ảnh lễ mít tinh](/anh/tgpl.png)\n\nDòng một\ncòn  tiếp\u{a0}nữa `mã  số`  \nhết.\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = site.read("public/bai-viet/loa/loa.txt");
    // UTF-8 with a byte-order mark: read right when a server sends no charset.
    let text = text
        .strip_prefix('\u{feff}')
        .expect("loa.txt starts with a byte-order mark")
        .to_string();
    for markup in ["*", "#", "[", "](", "<", ">", "|", "@/", "`"] {
        assert!(!text.contains(markup), "{markup} in:\n{text}");
    }
    assert!(
        text.starts_with(
            "THỜI LƯỢNG ĐỌC: KHOẢNG 1 PHÚT\n\nTháng hành động\n\nBài đăng ngày 1 tháng 6 năm 2026."
        ),
        "{text}"
    );
    assert!(text.contains("\n\nNgày 26 tháng 6\n\n"), "{text}");
    assert!(text.contains("Người thuộc diện trợ giúp pháp lý được giúp miễn phí; trên 80 phần trăm người dân biết."), "{text}");
    assert!(
        text.contains("Mít tinh, ngày 26 tháng 6 năm 2026"),
        "{text}"
    );
    assert!(!text.contains("TGPL") && !text.contains("Ảnh lễ"), "{text}");
    // Line breaks and runs of spaces, in text and code, read as one space.
    assert!(
        text.contains("\n\nDòng một còn tiếp nữa mã số hết.\n\n"),
        "{text}"
    );
    let page = site.read("public/bai-viet/loa/index.html");
    assert!(
        page.contains("href=loa.txt"),
        "the article links its loudspeaker text"
    );
    // Campaigns have one too, with their events.
    let campaign = site.read("public/chien-dich/ngay-phap-luat/loa.txt");
    assert!(campaign.starts_with('\u{feff}'));
    assert!(campaign.contains("Mít tinh, tư vấn pháp luật; giải đáp, Thứ Hai, ngày 9 tháng 11 năm 2026, lúc 7 giờ 30, tại Hội trường UBND xã, thôn Đông.") || campaign.contains("lúc 7 giờ 30, tại Hội trường Ủy ban nhân dân xã, thôn Đông."), "{campaign}");
}

#[test]
fn implementation_report_lists_what_was_published_per_task_and_year() {
    let site = Site::fixture("basic");
    site.write("content/ke-hoach/truyen-thong.yaml", PLAN);
    site.write("content/bai-viet/tin-1.md", "---\ntitle: Tin năm 2025\ndate: 2025-12-30\nimplements: [truyen-thong#muc-ii-1]\n---\nA.\n");
    site.write("content/bai-viet/tin-2.md", "---\ntitle: Tin năm 2026, số 2\ndate: 2026-02-01\nimplements: [truyen-thong#muc-ii-1]\n---\nB.\n");
    site.write(
        "content/chien-dich/cd.md",
        "---\ntitle: Chiến dịch phát thanh\nstart: 2026-05-01\nend: 2026-05-31\ntasks: [truyen-thong#muc-ii-1]\n---\nC.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = site.read("public/ke-hoach/truyen-thong/bao-cao/index.html");
    let year_2026 = html
        .find("<h3>Năm 2026: 2</h3>")
        .expect("two publications in 2026");
    let year_2025 = html.find("<h3>Năm 2025: 1</h3>").expect("one in 2025");
    assert!(year_2026 < year_2025, "newest year first");
    assert!(html.contains("Chiến dịch: <a href=\"../../../chien-dich/cd/\">Chiến dịch phát thanh</a> (01/05/2026)"), "{html}");
    assert!(
        html.contains("class=\"report-task report-empty\""),
        "task 2 is marked as having nothing"
    );
    assert!(html.contains("Chưa có bài viết hay chiến dịch nào"));

    let csv = std::fs::read(
        site.dir
            .join("public/ke-hoach/truyen-thong/bao-cao/bao-cao.csv"),
    )
    .unwrap();
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + 3 + 1, "{text}");
    assert!(lines[1].starts_with("II.1.,Đăng tin, bài trên Cổng thông tin.,Văn phòng,2025,Bài viết,Tin năm 2025,30/12/2025,https://mau.example/bai-viet/tin-1/,3") || lines[1].contains("\"Đăng tin, bài trên Cổng thông tin.\""), "{text}");
    assert!(
        lines[2].contains(",\"Tin năm 2026, số 2\",01/02/2026,"),
        "{text}"
    );
    assert!(lines[4].starts_with("II.2.,Phát thanh.,,,,,,,0"), "{text}");

    let summary = site.read("public/ke-hoach/bao-cao/index.html");
    assert!(
        summary.contains("<td>2</td>\n      <td>1</td>"),
        "2 tasks, 1 with publications: {summary}"
    );
    assert!(summary.contains("2025: 1; 2026: 2"), "{summary}");
}

/// Reads the QR code in an HTML page back to the text it holds: the SVG's
/// path is drawn into a bitmap, 4 pixels per module, and decoded.
fn decode_qr(html: &str) -> String {
    // Minified, attribute order and case may change (HTML fixes SVG's case).
    let svg = html
        .match_indices("<svg")
        .map(|(i, _)| &html[i..i + html[i..].find("</svg>").unwrap()])
        .find(|s| {
            s[..s.find('>').unwrap()].contains("class=qr")
                || s[..s.find('>').unwrap()].contains("class=\"qr\"")
        })
        .expect("a QR code");
    let lower = svg.to_lowercase();
    let at = lower.find("viewbox=\"0 0 ").unwrap() + "viewbox=\"0 0 ".len();
    let view_box = svg[at..].split('"').next().unwrap();
    let size: usize = view_box.split(' ').next().unwrap().parse().unwrap();
    let d = svg
        .split(" d=\"")
        .nth(1)
        .or_else(|| svg.split(" d=").nth(1))
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let dark = loa::render::qr::drawn(d, size).expect("a path of one line per row");
    let scale = 4;
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(size * scale, size * scale, |x, y| {
            if dark[(y / scale) * size + x / scale] {
                0
            } else {
                255
            }
        });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("a readable QR code").1
}

#[test]
fn articles_and_campaigns_carry_a_qr_code_of_their_full_url() {
    let site = Site::fixture("basic");
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let article = site.read("public/bai-viet/tro-giup-phap-ly/index.html");
    assert_eq!(
        decode_qr(&article),
        "https://mau.example/bai-viet/tro-giup-phap-ly/"
    );
    let campaign = site.read("public/chien-dich/ngay-phap-luat/index.html");
    assert_eq!(
        decode_qr(&campaign),
        "https://mau.example/chien-dich/ngay-phap-luat/"
    );
    // Under a sub-path the code follows base_url.
    let out = site.loa(&["build", "--base-url", "https://cong.example/xa-mau/"]);
    assert_eq!(out.code, 0);
    let article = site.read("public/bai-viet/tro-giup-phap-ly/index.html");
    assert_eq!(
        decode_qr(&article),
        "https://cong.example/xa-mau/bai-viet/tro-giup-phap-ly/"
    );
}

#[test]
fn every_campaign_has_a_one_page_poster_pointing_at_the_campaign() {
    let site = Site::fixture("basic");
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let campaign = site.read("public/chien-dich/ngay-phap-luat/index.html");
    assert!(
        campaign.contains("href=\"../../chien-dich/ngay-phap-luat/ap-phich/\""),
        "{campaign}"
    );
    let poster = site.read("public/chien-dich/ngay-phap-luat/ap-phich/index.html");
    let main = crate::support::main_of(&poster);
    // The campaign's title, dates and messages, big; the QR code opens the
    // campaign page (not the poster) and so does the canonical link.
    let title = campaign
        .split("<h1>")
        .nth(1)
        .and_then(|s| s.split("</h1>").next())
        .unwrap();
    assert!(main.contains(&format!("<h1>{title}</h1>")), "{main}");
    assert!(main.contains("<ul class=\"poster-messages\""), "{main}");
    assert!(main.contains("<time datetime="), "{main}");
    assert_eq!(
        decode_qr(&poster),
        "https://mau.example/chien-dich/ngay-phap-luat/"
    );
    assert!(
        poster.contains(
            "<link rel=\"canonical\" href=\"https://mau.example/chien-dich/ngay-phap-luat/\">"
        ),
        "{poster}"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("/chien-dich/ngay-phap-luat/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("ap-phich"), "{sitemap}");
}
