//! The legal document registry: pages, who cites what, and warnings and
//! notices when content relies on a document no longer in force.

use crate::support::{main_of, Site};

const REGISTRY: &str = "- number: 120/2025/QH15\n  kind: Luật\n  title: Luật Phòng, chống ma túy\n  issuer: Quốc hội\n  date: 2025-12-10\n  in_force_from: 2026-07-01\n- number: 73/2021/QH14\n  kind: Luật\n  title: Luật Phòng, chống ma túy\n  issuer: Quốc hội\n  in_force_from: 2022-01-01\n  in_force_until: 2026-06-30\n  replaced_by: 120/2025/QH15\n";

fn plan(issued: &str) -> String {
    format!("issuer: {{name: UBND xã Mẫu, level: xa}}\nissued: {issued}\ntitle: Kế hoạch cai nghiện\nbasis:\n  - text: Căn cứ Luật Phòng, chống ma túy số 73/2021/QH14.\n    documents:\n      - kind: Luật\n        number: 73/2021/QH14\nbody:\n  - number: I.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n      - number: \"1.\"\n        text: Tuyên truyền theo Nghị định số 116/2021/NĐ-CP.\n        timeframe: Năm 2026\n")
}

fn site_with_registry() -> Site {
    let site = Site::fixture("basic");
    site.write("content/van-ban.yaml", REGISTRY);
    site
}

#[test]
fn an_article_citing_a_replaced_law_is_warned_and_shows_a_notice() {
    let site = site_with_registry();
    site.write(
        "content/bai-viet/cai-nghien.md",
        "---\ntitle: Các hình thức cai nghiện\ndate: 2026-08-01\nlegal_basis:\n  - 73/2021/QH14\n---\nNội dung.\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/bai-viet/cai-nghien.md:5:5: cảnh báo: bài viết căn cứ Luật Phòng, chống ma túy số 73/2021/QH14, văn bản đã hết hiệu lực từ ngày 01/07/2026"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("văn bản thay thế: Luật Phòng, chống ma túy số 120/2025/QH15"),
        "{}",
        out.stderr
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = site.read("public/bai-viet/cai-nghien/index.html");
    let main = main_of(&html);
    assert!(main.contains("class=\"notice stale-notice\""), "{main}");
    assert!(
        main.contains("Bài viết này căn cứ <a href=\"../../van-ban/73-2021-qh14/\">Luật Phòng, chống ma túy số 73/2021/QH14</a>, văn bản đã hết hiệu lực từ ngày 01/07/2026. Văn bản thay thế là <a href=\"../../van-ban/120-2025-qh15/\">Luật Phòng, chống ma túy số 120/2025/QH15</a>."),
        "{main}"
    );
    // The notice comes before the text, where a reader sees it first.
    assert!(main.find("stale-notice") < main.find("class=\"prose\""));
    let doc = site.read("public/van-ban/73-2021-qh14/index.html");
    assert!(
        doc.contains("Văn bản này đã hết hiệu lực từ ngày 01/07/2026"),
        "{doc}"
    );
    assert!(
        doc.contains("<a href=\"../../bai-viet/cai-nghien/\">Các hình thức cai nghiện</a> (01/08/2026) – <strong>bài viết cần cập nhật theo văn bản mới</strong>"),
        "{doc}"
    );
    let new = site.read("public/van-ban/120-2025-qh15/index.html");
    assert!(
        new.contains("<dt>Thay thế</dt><dd><a href=\"../../van-ban/73-2021-qh14/\">Luật Phòng, chống ma túy số 73/2021/QH14</a></dd>"),
        "{new}"
    );
}

#[test]
fn citing_the_law_in_force_or_a_past_event_gives_no_notice() {
    let site = site_with_registry();
    site.write(
        "content/bai-viet/luat-moi.md",
        "---\ntitle: Luật mới\ndate: 2026-08-01\nlegal_basis: [120/2025/QH15]\n---\nNội dung.\n",
    );
    site.write(
        "content/bai-viet/hoi-nghi-2025.md",
        "---\ntitle: Hội nghị tuyên truyền năm 2025\ndate: 2025-05-10\nhistorical: true\nlegal_basis: [73/2021/QH14]\n---\nNội dung.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("hết hiệu lực"), "{}", out.stderr);
    for page in ["luat-moi", "hoi-nghi-2025"] {
        let html = site.read(&format!("public/bai-viet/{page}/index.html"));
        assert!(!html.contains("stale-notice"), "{page}: {html}");
        assert!(
            html.contains("<h2 id=\"can-cu\">Căn cứ pháp lý</h2>"),
            "{page}"
        );
    }
    let index = site.read("public/van-ban/index.html");
    assert!(
        index.contains("Đang có hiệu lực</span> từ ngày 01/07/2026"),
        "{index}"
    );
    assert!(
        index.contains("Hết hiệu lực</span> từ ngày 01/07/2026"),
        "{index}"
    );
}

#[test]
fn an_unknown_legal_basis_is_an_error_with_line_and_suggestion() {
    let site = site_with_registry();
    site.write(
        "content/bai-viet/sai.md",
        "---\ntitle: Sai số hiệu\ndate: 2026-08-01\nlegal_basis:\n  - 120/2025/QH14\n---\nNội dung.\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/bai-viet/sai.md:5:5: lỗi: `legal_basis` ghi văn bản `120/2025/QH14` nhưng danh mục văn bản (content/van-ban.yaml) không có văn bản này"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("có phải ý bạn là `120/2025/QH15`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn plans_are_judged_at_their_date_of_issue() {
    let site = site_with_registry();
    // Issued while Law 73/2021 was in force: no warning, but today's readers
    // are told it has been replaced.
    site.write("content/ke-hoach/cu.yaml", plan("2026-03-01"));
    // Issued after it ended: the plan relies on a dead law.
    site.write("content/ke-hoach/moi.yaml", plan("2026-09-01"));
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("hết hiệu lực"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", out.stderr);
    assert!(
        warnings[0].starts_with("content/ke-hoach/moi.yaml:5:46: cảnh báo: kế hoạch căn cứ Luật Phòng, chống ma túy số 73/2021/QH14"),
        "{}",
        out.stderr
    );
    for slug in ["cu", "moi"] {
        let html = site.read(&format!("public/ke-hoach/{slug}/index.html"));
        assert!(
            html.contains("Kế hoạch này trích dẫn <a href=\"../../van-ban/73-2021-qh14/\">"),
            "{slug}: {html}"
        );
    }
    let doc = site.read("public/van-ban/73-2021-qh14/index.html");
    assert!(doc.contains("(ngày 1 tháng 3 năm 2026)</li>"), "{doc}");
    assert!(
        doc.contains("(ngày 1 tháng 9 năm 2026) – <strong>văn bản đã hết hiệu lực khi kế hoạch được ban hành</strong>"),
        "{doc}"
    );
    // The basis page links each registered document to its registry page.
    let basis = site.read("public/ke-hoach/can-cu/index.html");
    assert!(
        basis.contains("href=\"../../van-ban/73-2021-qh14/\""),
        "{basis}"
    );
}

#[test]
fn a_registry_error_is_located_and_nothing_is_written() {
    let site = site_with_registry();
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let before = site.read("public/van-ban/index.html");
    site.write(
        "content/van-ban.yaml",
        format!("{REGISTRY}- number: 1/2026/QH15\n  kind: Luật\n  in_force_from: 2026-02-30\n"),
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "content/van-ban.yaml:16:18: lỗi: `in_force_from`: `2026-02-30` không phải là một ngày có thật: tháng 2 năm 2026 chỉ có 28 ngày"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(site.read("public/van-ban/index.html"), before);
}

#[test]
fn the_bundled_registry_covers_what_the_portal_cites() {
    let site = Site {
        dir: crate::support::portal_copy(),
    };
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("hết hiệu lực"), "{}", out.stderr);
    let old = site.read("public/van-ban/73-2021-qh14/index.html");
    assert!(
        old.contains("Luật Phòng, chống ma túy số 120/2025/QH15"),
        "{old}"
    );
    let new = site.read("public/van-ban/120-2025-qh15/index.html");
    assert!(
        new.contains("../../bai-viet/luat-phong-chong-ma-tuy-2025/"),
        "{new}"
    );
    let tgpl = site.read("public/van-ban/11-2017-qh14/index.html");
    assert!(
        tgpl.contains("../../bai-viet/ai-duoc-tro-giup-phap-ly/"),
        "{tgpl}"
    );
}
