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
