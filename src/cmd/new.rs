//! `loa new article|plan|campaign TITLE`: a new content file from a template.

use anyhow::{bail, Context};

use super::Report;
use crate::cli::{GlobalArgs, NewArticleArgs, NewCampaignArgs, NewPlanArgs};
use crate::diag::Diagnostics;
use crate::model::Slug;

/// Writes `content/<articles>/<slug>.md` with today's date. `today` comes
/// from the caller (the clock, or `SOURCE_DATE_EPOCH`).
pub fn article(
    global: &GlobalArgs,
    args: &NewArticleArgs,
    today: chrono::NaiveDate,
) -> anyhow::Result<Report> {
    let root = &global.root;
    let mut ignored = Diagnostics::default();
    let segment = crate::load::read_config(root, &mut ignored)?
        .and_then(|text| crate::config::parse_config(&text, None, &mut ignored))
        .map(|c| c.urls.articles)
        .unwrap_or_else(|| "bai-viet".to_string());
    let slug = slug_for(args.slug.as_deref(), &args.title, "ten-bai-viet")?;
    let rel = format!("content/{segment}/{slug}.md");
    let title = quoted(&args.title);
    let text = format!(
        "---\ntitle: \"{title}\"\ndate: {today}\nsummary: \"\"\ncategory: \"\"\ntags: []\naudience: []\nsources: []\ndraft: true\n---\n\nViết nội dung bài ở đây.\n",
        today = today.format("%Y-%m-%d")
    );
    create(
        root,
        rel,
        "tiêu đề",
        &text,
        " (bài nháp: đổi `draft: true` thành `draft: false` khi muốn đăng).",
    )
}

/// The slug given with `--slug`, or the one made from the title.
fn slug_for(explicit: Option<&str>, title: &str, example: &str) -> anyhow::Result<Slug> {
    match explicit {
        Some(s) => Slug::parse(s).with_context(|| {
            format!(
                "slug `{s}` không hợp lệ: chỉ được dùng chữ thường không dấu, số và dấu gạch ngang"
            )
        }),
        None => Slug::from_text(title)
            .with_context(|| format!("không tạo được đường dẫn từ tên; hãy thêm --slug {example}")),
    }
}

/// The plan skeleton `loa new plan` writes.
const PLAN_SKELETON: &str = include_str!("../../starter/ke-hoach-mau.yaml");

/// Writes `content/ke-hoach/<slug>.yaml`: a skeleton with every part of a
/// plan, to be filled in from the paper.
pub fn plan(
    global: &GlobalArgs,
    args: &NewPlanArgs,
    today: chrono::NaiveDate,
) -> anyhow::Result<Report> {
    let slug = slug_for(args.slug.as_deref(), &args.title, "ten-ke-hoach")?;
    let rel = format!("content/{}/{slug}.yaml", crate::load::PLANS_DIR);
    let title = quoted(&args.title);
    let text = PLAN_SKELETON
        .replace("{title}", &title)
        .replace("{year}", &today.format("%Y").to_string())
        .replace("{month}", &today.format("%m").to_string());
    create(
        &global.root,
        rel,
        "tên",
        &text,
        ". Chép nội dung văn bản vào các chỗ \"[Cần điền…]\" (kế hoạch chưa được đăng cho đến khi điền xong), rồi chạy `loa check`. Có bản Word hoặc PDF thì dùng `loa import plan` thay cho việc gõ lại.",
    )
}

/// Writes `content/chien-dich/<slug>.md`: a draft campaign of one month from
/// `--start` (or today), with one event and the keys a landing page uses.
pub fn campaign(
    global: &GlobalArgs,
    args: &NewCampaignArgs,
    today: chrono::NaiveDate,
) -> anyhow::Result<Report> {
    let slug = slug_for(args.slug.as_deref(), &args.title, "ten-chien-dich")?;
    let rel = format!("content/{}/{slug}.md", crate::load::CAMPAIGNS_DIR);
    let start = args.start.unwrap_or(today);
    let end = start
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start);
    let title = quoted(&args.title);
    let text = format!(
        "---\ntitle: \"{title}\"\nstart: {start}\nend: {end}\nsummary: \"\"\naudience: [Mọi người dân]\nmessages:\n  - \"[Cần điền: thông điệp chính]\"\nevents:\n  - title: \"[Cần điền: tên hoạt động]\"\n    date: {start}\n    time: \"[Cần điền: giờ, ví dụ 07:30-09:00]\"\n    place: \"[Cần điền: địa điểm]\"\n    description: \"[Cần điền: nội dung]\"\narticles: []\ntasks: []\ndraft: true\n---\n\nViết lời giới thiệu chiến dịch ở đây.\n",
        start = start.format("%Y-%m-%d"),
        end = end.format("%Y-%m-%d"),
    );
    create(
        &global.root,
        rel,
        "tên",
        &text,
        " (bản nháp: điền các chỗ \"[Cần điền…]\", rồi đổi `draft: true` thành `draft: false`).",
    )
}

/// A title as a double-quoted YAML string.
fn quoted(title: &str) -> String {
    crate::text::normalize(title).replace('"', "\\\"")
}

/// Writes `text` to `root/rel`, never over an existing file, and reports it:
/// "Đã tạo <rel><then>". `what` names what to change to get another file
/// name ("tiêu đề", "tên").
fn create(
    root: &std::path::Path,
    rel: String,
    what: &str,
    text: &str,
    then: &str,
) -> anyhow::Result<Report> {
    let path = root.join(&rel);
    if path.exists() {
        bail!("{rel} đã có; hãy chọn {what} khác hoặc --slug khác");
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("không tạo được {}", parent.display()))?;
    }
    std::fs::write(&path, text).with_context(|| format!("không ghi được {}", path.display()))?;
    Ok(Report {
        summary: Some(format!("Đã tạo {rel}{then}")),
        output: Some(rel),
        ..Report::default()
    })
}
