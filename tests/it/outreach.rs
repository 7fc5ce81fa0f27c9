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
    assert!(plan.contains("<td><ul class=\"compact\"><li><a href=\"../../bai-viet/tin/\">Tin về trợ giúp pháp lý</a></li></ul></td>"), "{plan}");
    assert!(
        plan.contains("<td>Chưa có bài</td>"),
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
        "---\ntitle: Tháng hành động\ndate: 2026-06-01\n---\n\n## Ngày **26/6**\n\nNgười thuộc diện [TGPL](@/bai-viet/tro-giup-phap-ly.md) được giúp *miễn phí*; trên 80% người dân biết.\n\n| Việc | Ngày |\n|---|---|\n| Mít tinh | 26/6/2026 |\n\n![Ảnh lễ mít tinh](/anh/tgpl.png)\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = site.read("public/bai-viet/loa/loa.txt");
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
    let page = site.read("public/bai-viet/loa/index.html");
    assert!(
        page.contains("href=loa.txt"),
        "the article links its loudspeaker text"
    );
    // Campaigns have one too, with their events.
    let campaign = site.read("public/chien-dich/ngay-phap-luat/loa.txt");
    assert!(campaign.contains("Mít tinh, tư vấn pháp luật; giải đáp, Thứ Hai, ngày 9 tháng 11 năm 2026, lúc 7 giờ 30, tại Hội trường UBND xã, thôn Đông.") || campaign.contains("lúc 7 giờ 30, tại Hội trường Ủy ban nhân dân xã, thôn Đông."), "{campaign}");
}
