//! `loa import plan FILE`: reads the document, recognises the plan, checks
//! that the file it would write reads back as a plan, and writes it into
//! `content/ke-hoach/` (never over an existing plan without `--force`).
//! `loa import article FILE`: the same for an outreach article, written as
//! a draft into the articles folder with its pictures under `static/`.

use anyhow::{bail, Context};

use super::Report;
use crate::cli::{GlobalArgs, ImportArticleArgs, ImportPlanArgs, ImportSiteArgs};
use crate::diag::{Diagnostics, Severity};
use crate::import::plan::{recognise, BlockDraft, Doubt, PlanDraft};
use crate::import::read::{read_document, ReadError};
use crate::model::Slug;
use crate::model::SourcePath;
use crate::source::SourceFile;

/// Imports one plan.
pub fn plan(global: &GlobalArgs, args: &ImportPlanArgs) -> anyhow::Result<Report> {
    let (shown, name, bytes) = read_input(&args.file)?;
    let imported = import_plan_bytes(&name, &bytes, args.slug.as_deref(), &units_of(&global.root))
        .map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;

    let rel = format!("content/{}/{}.yaml", crate::load::PLANS_DIR, imported.slug);
    let path = global.root.join(&rel);
    if path.exists() && !args.force {
        bail!("{rel} đã có; dùng --slug để đặt tên khác, hoặc --force để ghi đè");
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("không tạo được thư mục {}", parent.display()))?;
    }
    std::fs::write(&path, &imported.yaml)
        .with_context(|| format!("không ghi được {}", path.display()))?;
    Ok(Report {
        summary: Some(format!("Đã tạo {rel} từ {shown}.\n{}", imported.summary)),
        output: Some(rel),
        ..Report::default()
    })
}

/// A plan file made from a document, ready to write.
#[derive(Debug)]
pub struct ImportedPlan {
    /// Its slug (the file name without `.yaml`).
    pub slug: Slug,
    /// The file's text.
    pub yaml: String,
    /// What was recognised and what to check, for the clerk.
    pub summary: String,
    /// The doubts, one per line of the summary's list.
    pub doubts: Vec<Doubt>,
}

/// Why a document could not be imported as a plan.
#[derive(Debug)]
pub enum ImportError {
    /// The document cannot be read.
    Read(ReadError),
    /// It reads, but it is not a plan.
    NotAPlan,
    /// The file loa would write does not read back (a bug of loa).
    Unreadable(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Read(e) => {
                let (message, help) = e.message();
                write!(f, "{message}\n  cách sửa: {help}")
            }
            ImportError::NotAPlan => write!(
                f,
                "không nhận ra đây là một kế hoạch: không thấy dòng \"KẾ HOẠCH\" và các mục I., II. hoặc 1., 2.\n  cách sửa: kiểm tra đã chọn đúng tệp; bài viết tuyên truyền thì tạo bằng `loa new article`"
            ),
            ImportError::Unreadable(why) => write!(
                f,
                "loa không tạo được tệp kế hoạch đọc lại được ({why}); đây là lỗi của loa, xin báo cho nhóm phát triển kèm tệp này"
            ),
        }
    }
}

/// The whole import without the file system: document bytes in, plan file
/// out. `units` is the site's unit registry, to tell known units.
pub fn import_plan_bytes(
    name: &str,
    bytes: &[u8],
    slug: Option<&str>,
    units: &[crate::model::Unit],
) -> Result<ImportedPlan, ImportError> {
    let document = read_document(name, bytes).map_err(ImportError::Read)?;
    let (draft, mut doubts) = recognise(&document.paragraphs).map_err(|_| ImportError::NotAPlan)?;
    for picture in &document.pictures {
        doubts.push(Doubt {
            at: None,
            message: format!(
                "ảnh {}{} không được đưa vào kế hoạch (trang kế hoạch chỉ có chữ)",
                picture.name,
                picture
                    .alt
                    .as_deref()
                    .map(|a| format!(" (\"{a}\")"))
                    .unwrap_or_default()
            ),
        });
    }
    if !document.footnotes.is_empty() {
        for (mark, text) in &document.footnotes {
            doubts.push(Doubt {
                at: None,
                message: format!(
                    "chú thích cuối trang {mark} không được đưa vào kế hoạch: \"{text}\""
                ),
            });
        }
    }
    let slug = match slug {
        Some(s) => Slug::parse(s)
            .ok_or_else(|| ImportError::Unreadable(format!("slug `{s}` không hợp lệ")))?,
        None => slug_for(&draft),
    };
    let (known, unknown) = unit_names(&draft, units);
    let proposals =
        crate::import::units::propose(&unknown, &crate::import::units::places_of(&draft));
    let notes = crate::import::units::as_comments(&proposals);
    let yaml = crate::import::write_yaml::plan_yaml(&draft, name, &notes);

    // The file must read back as a plan, as `loa check` would read it. What
    // the document lacks (its issuer, its trích yếu) is left empty for the
    // clerk and listed as a doubt; the rest is checked with those filled.
    let mut complete = draft.clone();
    if complete.issuer.is_none() {
        complete.issuer = Some("Cơ quan".to_string());
    }
    if complete.title.is_empty() {
        complete.title = "Kế hoạch".to_string();
    }
    let checked = if complete == draft {
        yaml.clone()
    } else {
        crate::import::write_yaml::plan_yaml(&complete, name, &notes)
    };
    let file = SourceFile {
        path: SourcePath::new(format!("content/{}/{slug}.yaml", crate::load::PLANS_DIR)),
        text: checked,
    };
    let mut diags = Diagnostics::default();
    if crate::parse::plan::parse_plan(&file, &mut diags).is_none()
        || diags.count(Severity::Error) > 0
    {
        let first = diags
            .into_sorted()
            .into_iter()
            .find(|d| d.severity == Severity::Error)
            .map(|d| d.to_string())
            .unwrap_or_default();
        return Err(ImportError::Unreadable(first));
    }
    for d in diags.into_sorted() {
        doubts.push(Doubt {
            at: None,
            message: d.message.clone(),
        });
    }
    let summary = summarise(&draft, &doubts, known.len(), unknown.len());
    Ok(ImportedPlan {
        slug,
        yaml,
        summary,
        doubts,
    })
}

/// The input file as the messages show it, its name, and its bytes (or
/// why they cannot be read, in Vietnamese).
fn read_input(path: &std::path::Path) -> anyhow::Result<(String, String, Vec<u8>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    match std::fs::read(path) {
        Ok(bytes) => Ok((path.display().to_string(), name, bytes)),
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "không có tệp này".to_string(),
                std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp".to_string(),
                std::io::ErrorKind::IsADirectory => {
                    "đây là một thư mục, không phải tệp".to_string()
                }
                _ if path.is_dir() => "đây là một thư mục, không phải tệp".to_string(),
                _ => format!("không đọc được tệp ({})", e.kind()),
            };
            bail!("{}: {why}", path.display())
        }
    }
}

/// The site's unit registry, if it has one that reads.
fn units_of(root: &std::path::Path) -> Vec<crate::model::Unit> {
    let path = root.join("content").join(crate::load::UNITS_FILE);
    let Ok(bytes) = std::fs::read(&path) else {
        return Vec::new();
    };
    let Ok(text) = crate::text::decode(&bytes) else {
        return Vec::new();
    };
    let file = SourceFile {
        path: SourcePath::new(format!("content/{}", crate::load::UNITS_FILE)),
        text,
    };
    crate::parse::units::parse_units(&file, &mut Diagnostics::default())
}

/// The unit names in the plan's lead and partner lines: those the registry
/// knows and those it does not (as written, once each).
fn unit_names(draft: &PlanDraft, units: &[crate::model::Unit]) -> (Vec<String>, Vec<String>) {
    let primary = [
        draft.issuer.as_deref().unwrap_or(""),
        draft.parent.as_deref().unwrap_or(""),
        draft.place.as_deref().unwrap_or(""),
    ]
    .join("\n");
    let secondary: Vec<&str> = draft.basis.iter().map(|b| b.text.as_str()).collect();
    let matcher =
        crate::resolve::plans::UnitMatcher::for_area(units, &primary, &secondary.join("\n"));
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    fn walk(blocks: &[BlockDraft], texts: &mut Vec<String>) {
        for b in blocks {
            for f in &b.fields {
                if matches!(
                    f.field,
                    crate::import::plan::Field::Lead | crate::import::plan::Field::Partners
                ) {
                    texts.extend(f.values.iter().cloned());
                }
            }
            walk(&b.items, texts);
        }
    }
    let mut texts = Vec::new();
    walk(&draft.body, &mut texts);
    for text in texts {
        let (found, rest) = matcher.find(&text);
        for u in found {
            let name = units[u].name.clone();
            if !known.contains(&name) {
                known.push(name);
            }
        }
        for r in rest {
            if !unknown.contains(&r) {
                unknown.push(r);
            }
        }
    }
    (known, unknown)
}

/// A slug from the trích yếu's first words and the year of issue.
fn slug_for(draft: &PlanDraft) -> Slug {
    let mut words: Vec<String> = Vec::new();
    for word in crate::text::slugify(&draft.title).split('-') {
        if words.iter().map(|w| w.len() + 1).sum::<usize>() + word.len() > 60 {
            break;
        }
        words.push(word.to_string());
    }
    let mut text = words.join("-");
    if let Some(year) = draft.issued.as_deref().map(|d| &d[..4]) {
        if !text.contains(year) {
            text = format!("{text}-{year}");
        }
    }
    Slug::from_text(&text)
        .or_else(|| Slug::from_text("ke-hoach-moi"))
        .expect("a fixed slug is valid")
}

/// The summary printed after an import.
fn summarise(draft: &PlanDraft, doubts: &[Doubt], known: usize, unknown: usize) -> String {
    fn count(blocks: &[BlockDraft], in_tasks: bool, tasks: &mut usize) {
        for b in blocks {
            let tasks_here = in_tasks || b.role == Some("tasks");
            let numbered_children = b
                .items
                .iter()
                .any(|i| !matches!(i.number.as_deref(), Some("-" | "+") | None));
            if tasks_here
                && !numbered_children
                && !matches!(b.number.as_deref(), Some("-" | "+") | None)
                && b.role != Some("tasks")
            {
                *tasks += 1;
            }
            count(&b.items, tasks_here, tasks);
        }
    }
    let sections = draft.body.len();
    let mut tasks = 0;
    count(&draft.body, false, &mut tasks);
    let mut out = format!(
        "Nhận ra: {} mục lớn, {} nhiệm vụ, {} dòng căn cứ, {} nơi nhận; đơn vị: {} có trong danh mục, {} chưa có.",
        sections,
        tasks,
        draft.basis.len(),
        draft.recipients.len(),
        known,
        unknown
    );
    if doubts.is_empty() {
        out.push_str("\nKhông có chỗ nào cần kiểm tra thêm. Chạy `loa check` rồi xem trang bằng `loa serve`.");
    } else {
        out.push_str(&format!("\nCần kiểm tra ({}):", doubts.len()));
        for d in doubts {
            match d.at {
                Some(at) => out.push_str(&format!("\n  - {at}: {}", d.message)),
                None => out.push_str(&format!("\n  - {}", d.message)),
            }
        }
        out.push_str("\nSửa trong tệp vừa tạo, rồi chạy `loa check`.");
    }
    out
}

/// Imports one article, as a draft.
pub fn article(
    global: &GlobalArgs,
    args: &ImportArticleArgs,
    today: chrono::NaiveDate,
) -> anyhow::Result<Report> {
    let (shown, name, bytes) = read_input(&args.file)?;
    let root = &global.root;
    let mut ignored = Diagnostics::default();
    let segment = crate::load::read_config(root, &mut ignored)?
        .and_then(|text| crate::config::parse_config(&text, None, &mut ignored))
        .map(|c| c.urls.articles)
        .unwrap_or_else(|| "bai-viet".to_string());
    let fail = |e: ReadError| {
        let (message, help) = e.message();
        anyhow::anyhow!("{shown}: {message}\n  cách sửa: {help}")
    };
    let format = crate::import::read::sniff(&name, &bytes).map_err(fail)?;
    let document = read_document(&name, &bytes).map_err(fail)?;
    let raw = (format == crate::import::read::Format::Markdown)
        .then(|| crate::text::decode(&bytes).ok())
        .flatten();
    // The slug comes from the title, known once the document is read.
    let first = crate::import::article::article_from(
        &document,
        format,
        raw.as_deref(),
        "anh",
        &today.format("%Y-%m-%d").to_string(),
    );
    let slug = match &args.slug {
        Some(s) => Slug::parse(s).ok_or_else(|| {
            anyhow::anyhow!(
                "slug `{s}` không hợp lệ: chỉ được dùng chữ thường không dấu, số và dấu gạch ngang"
            )
        })?,
        None => Slug::from_text(&first.title)
            .map(|s| Slug::parse(&shorten(s.as_str(), 70)).unwrap_or(s))
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "{shown}: không tạo được đường dẫn từ tiêu đề; thêm --slug ten-bai-viet"
                )
            })?,
    };
    let draft = crate::import::article::article_from(
        &document,
        format,
        raw.as_deref(),
        &format!("anh/{slug}"),
        &today.format("%Y-%m-%d").to_string(),
    );
    let rel = format!("content/{segment}/{slug}.md");
    let mut targets = vec![(rel.clone(), draft.text.as_bytes().to_vec())];
    for (path, bytes) in &draft.pictures {
        targets.push((format!("static/{path}"), bytes.clone()));
    }
    if !args.force {
        if let Some((existing, _)) = targets.iter().find(|(p, _)| root.join(p).exists()) {
            bail!("{existing} đã có; dùng --slug để đặt tên khác, hoặc --force để ghi đè");
        }
    }
    for (path, bytes) in &targets {
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("không tạo được thư mục {}", parent.display()))?;
        }
        std::fs::write(&full, bytes)
            .with_context(|| format!("không ghi được {}", full.display()))?;
    }
    let mut summary = format!(
        "Đã tạo {rel} từ {shown} (bài nháp: `draft: true`){}.",
        if draft.pictures.is_empty() {
            String::new()
        } else {
            format!(", {} ảnh trong static/anh/{slug}/", draft.pictures.len())
        }
    );
    if draft.doubts.is_empty() {
        summary.push_str("\nĐọc lại bài, đổi `draft: true` thành `draft: false` khi muốn đăng, rồi chạy `loa check`.");
    } else {
        summary.push_str(&format!("\nCần kiểm tra ({}):", draft.doubts.len()));
        for d in &draft.doubts {
            summary.push_str(&format!("\n  - {}", d.message));
        }
        summary.push_str("\nSửa trong tệp vừa tạo, đổi `draft: true` thành `draft: false` khi muốn đăng, rồi chạy `loa check --drafts`.");
    }
    Ok(Report {
        summary: Some(summary),
        output: Some(rel),
        ..Report::default()
    })
}

/// A slug cut at a word boundary to at most `max` characters.
fn shorten(slug: &str, max: usize) -> String {
    let mut out = String::new();
    for word in slug.split('-') {
        if !out.is_empty() && out.len() + 1 + word.len() > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

/// Folders of an old site that hold what its tool made or fetched, never
/// content: not read.
const NOT_CONTENT: &[&str] = &[
    ".git",
    "node_modules",
    "public",
    "resources",
    "_site",
    ".jekyll-cache",
    ".sass-cache",
    "vendor",
];

/// `loa import hugo DIR` / `loa import jekyll DIR`: copies the old site's
/// posts, pages and files into this site (never over a file without
/// `--force`), adds each moved post's old address as an alias, and says
/// what was copied, what was left and why, and what `loa check` finds.
pub fn site(
    global: &GlobalArgs,
    args: &ImportSiteArgs,
    tool: crate::import::site::Tool,
    today: chrono::NaiveDate,
) -> anyhow::Result<Report> {
    use crate::import::site::{CopyKind, OldFile};
    let root = &global.root;
    let mut ignored = Diagnostics::default();
    let Some(config) = crate::load::read_config(root, &mut ignored)?
        .and_then(|text| crate::config::parse_config(&text, None, &mut ignored))
    else {
        bail!(
            "site.yaml của trang loa có lỗi; chạy `loa check` và sửa trước khi chép trang cũ vào"
        );
    };
    let old = &args.dir;
    if !old.is_dir() {
        bail!(
            "không thấy thư mục {} (thư mục của trang {} cũ)",
            old.display(),
            tool.name()
        );
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(old)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !NOT_CONTENT.contains(&e.file_name().to_string_lossy().as_ref())
        });
    for entry in walker {
        let entry = entry.with_context(|| format!("không đọc được thư mục {}", old.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(old)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let name = rel.rsplit('/').next().unwrap_or(&rel).to_ascii_lowercase();
        if name.starts_with('.') {
            continue;
        }
        let wanted = name.ends_with(".md")
            || name.ends_with(".markdown")
            || (!rel.contains('/') && [".toml", ".yaml", ".yml"].iter().any(|e| name.ends_with(e)));
        let text = if wanted {
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("không đọc được {}", entry.path().display()))?;
            Some(crate::text::decode(&bytes).map_err(|_| {
                anyhow::anyhow!(
                    "{}: tệp không phải chữ UTF-8; mở bằng trình soạn thảo và lưu lại dạng UTF-8",
                    entry.path().display()
                )
            })?)
        } else {
            None
        };
        files.push(OldFile { rel, text });
    }
    let mapping = crate::import::site::plan(tool, &files, &config.urls.articles);
    if mapping.copies.is_empty() {
        bail!(
            "không thấy bài viết hay trang nào của {} trong {} (Hugo: content/; Jekyll: _posts/)",
            tool.name(),
            old.display()
        );
    }
    let (mut articles, mut sections, mut pages, mut statics, mut aliases) = (0, 0, 0, 0, 0);
    let mut kept = Vec::new();
    for copy in &mapping.copies {
        let target = root.join(&copy.to);
        if target.exists() && !args.force {
            kept.push(copy.to.clone());
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("không tạo được thư mục {}", parent.display()))?;
        }
        match &copy.text {
            Some(text) => {
                std::fs::write(&target, text)
                    .with_context(|| format!("không ghi được {}", target.display()))?;
                aliases += 1;
            }
            None => {
                std::fs::copy(old.join(&copy.from), &target).with_context(|| {
                    format!("không chép được {} vào {}", copy.from, target.display())
                })?;
            }
        }
        match copy.kind {
            CopyKind::Article => articles += 1,
            CopyKind::Section => sections += 1,
            CopyKind::Page => pages += 1,
            CopyKind::Static => statics += 1,
        }
    }
    let mut summary = format!(
        "Đã chép từ trang {} {}: {articles} bài viết{} vào content/{}/, {pages} trang vào content/trang/, {statics} ảnh và tệp; {aliases} bài được thêm địa chỉ cũ (`aliases`) để liên kết cũ vẫn dẫn tới bài.",
        tool.name(),
        old.display(),
        if sections > 0 {
            format!(" và {sections} mục (`_index.md`: tên mục là chuyên mục của các bài trong mục)")
        } else {
            String::new()
        },
        config.urls.articles
    );
    for note in &mapping.notes {
        summary.push_str(&format!("\n- {note}"));
    }
    if !kept.is_empty() {
        summary.push_str(&format!(
            "\nGiữ nguyên {} tệp đã có (chép đè bằng --force): {}",
            kept.len(),
            kept.iter().take(10).cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    if !mapping.left.is_empty() {
        summary.push_str(&format!("\nKhông chép {} mục:", mapping.left.len()));
        for (path, why) in &mapping.left {
            summary.push_str(&format!("\n- {path}: {why}"));
        }
    }
    // What the copied content still needs, as `loa check` says it.
    let opts = crate::BuildOptions {
        today,
        ..crate::BuildOptions::default()
    };
    let checked = crate::generate(root, &opts, &crate::render::Discard)?;
    let diagnostics = checked.diagnostics.into_sorted();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    summary.push_str(&if errors == 0 {
        format!("\n`loa check`: không có lỗi, {warnings} cảnh báo; dựng trang bằng `loa build`.")
    } else {
        format!("\n`loa check`: {errors} lỗi, {warnings} cảnh báo (in ở trên); sửa các lỗi rồi dựng trang bằng `loa build`.")
    });
    Ok(Report {
        diagnostics,
        summary: Some(summary),
        output: None,
    })
}
