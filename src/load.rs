//! Stage 1 (IO): reads the site folder into memory. `site.yaml`, every
//! content file (decoded: UTF-8 checked, BOM and CRLF removed, NFC), the
//! theme's templates and strings, and the list of static files to copy.

use std::path::Path;

use anyhow::Context;
use walkdir::WalkDir;

use crate::default_theme;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::SourcePath;
use crate::source::{BundleFile, SourceFile, Sources, StaticFile, ThemeFiles};
use crate::text;

/// Content files larger than this are refused: no article is this long, and
/// reading a huge file by mistake should not exhaust a small machine.
pub const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// The folder below `content/` that holds campaigns.
pub const CAMPAIGNS_DIR: &str = "chien-dich";

/// The folder below `content/` that holds plan files.
pub use crate::source::PLANS_DIR;
/// The unit registry file below `content/`.
pub const UNITS_FILE: &str = "don-vi.yaml";
/// The legal document registry below `content/`.
pub const DOCUMENTS_FILE: &str = "van-ban.yaml";

/// Reads `site.yaml`. A missing file is an environment error: the folder is
/// not a site.
pub fn read_config(root: &Path, diags: &mut Diagnostics) -> anyhow::Result<Option<String>> {
    let path = root.join(crate::config::FILE);
    let bytes = std::fs::read(&path).with_context(|| {
        format!(
            "không đọc được {} (thư mục này có phải là một trang loa không? Tạo trang mới bằng `loa init THƯ_MỤC`)",
            path.display()
        )
    })?;
    Ok(decode(SourcePath::new(crate::config::FILE), &bytes, diags).map(|f| f.text))
}

/// Reads every content file. Problems with single files (not UTF-8, binary,
/// too large, unreadable) become diagnostics; the rest is read.
pub fn read_sources(
    root: &Path,
    articles_segment: &str,
    languages: &[String],
    diags: &mut Diagnostics,
) -> anyhow::Result<Sources> {
    let content = root.join("content");
    let mut sources = Sources::default();
    if !content.is_dir() {
        return Ok(sources);
    }
    // Listed in order first, then read and decoded in parallel.
    let mut found: Vec<(Kind, String, std::path::PathBuf)> = Vec::new();
    // Hugo's translations (`x.en.md`): listed once, not read.
    let mut translations: Vec<(String, String)> = Vec::new();
    let mut bundles = BundleFolders::default();
    for entry in walk(root, &content, diags) {
        let rel = relative(root, entry.path());
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && is_ignored(&name) {
            continue;
        }
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let below = rel.strip_prefix("content/").unwrap_or(&rel);
        let (kind, rest) = below.split_once('/').unwrap_or(("", below));
        let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        let translated = (kind == articles_segment || (kind == "trang" && !rest.contains('/')))
            && name.ends_with(".md");
        if let Some(language) = translated
            .then(|| crate::source::translation_language(&name))
            .flatten()
        {
            if languages.contains(&language) {
                found.push((
                    Kind::Translation {
                        language,
                        article: kind == articles_segment,
                    },
                    rel,
                    entry.into_path(),
                ));
            } else {
                translations.push((rel, language));
            }
            continue;
        }
        let target = if kind == articles_segment && name.ends_with(".md") {
            if name == "_index.md" {
                Kind::Section
            } else {
                Kind::Article
            }
        } else if kind == "trang" && name.ends_with(".md") && !rest.contains('/') {
            Kind::Page
        } else if kind == PLANS_DIR && yaml && !rest.contains('/') {
            Kind::Plan
        } else if below == UNITS_FILE {
            Kind::Units
        } else if below == DOCUMENTS_FILE {
            Kind::Documents
        } else if kind == CAMPAIGNS_DIR && name.ends_with(".md") && !rest.contains('/') {
            Kind::Campaign
        } else if let Some(article) = (kind == articles_segment && !name.ends_with(".md"))
            .then(|| bundles.article_of(root, &rel, articles_segment))
            .flatten()
        {
            // An image or file of a page bundle: published beside its article.
            let folder = article.rsplit_once('/').map_or("", |(f, _)| f).len() + 1;
            sources.bundle_files.push(BundleFile {
                name: rel[folder..].to_string(),
                article: SourcePath::new(article),
                from: entry.into_path(),
                source: SourcePath::new(rel),
            });
            continue;
        } else {
            let lower = name.to_lowercase();
            if lower.ends_with(".docx") || lower.ends_with(".doc") || lower.ends_with(".odt") {
                diags.push(
                    Diagnostic::warning(&rel, "tệp Word không được đọc; loa chỉ đọc tệp văn bản thuần (.md)")
                        .with_help("mở tệp trong Word, chép nội dung sang một tệp .md (xem `loa new article`), rồi xóa tệp Word khỏi content/"),
                );
            } else if lower.ends_with(".md.txt")
                || (lower.ends_with(".txt") && kind == articles_segment)
            {
                diags.push(
                    Diagnostic::warning(&rel, "tệp có đuôi .txt nên không được đọc như bài viết")
                        .with_help("đổi đuôi tệp thành .md (trên Windows, bật \"Hiện phần mở rộng tên tệp\" để thấy đuôi thật)"),
                );
            } else {
                diags.push(
                    Diagnostic::warning(&rel, "tệp này không được dùng đến")
                        .with_help(format!("bài viết đặt trong content/{articles_segment}/ (đuôi .md), trang tĩnh trong content/trang/, kế hoạch trong content/{PLANS_DIR}/ (đuôi .yaml); ảnh và tệp tải về đặt trong static/")),
                );
            }
            continue;
        };
        found.push((target, rel, entry.into_path()));
    }
    if let Some((first, _)) = translations.first() {
        let mut languages: Vec<&str> = translations.iter().map(|(_, l)| l.as_str()).collect();
        languages.sort_unstable();
        languages.dedup();
        diags.push(
            Diagnostic::warning(
                first.as_str(),
                format!(
                    "{} bản dịch (tệp như `ten-bai.{}.md`, ngôn ngữ: {}) chưa được đăng: trang chưa có ngôn ngữ đó",
                    translations.len(),
                    languages[0],
                    languages.join(", ")
                ),
            )
            .with_help("thêm ngôn ngữ vào `languages` trong site.yaml (mã, tên) để đăng các bản dịch; bài tiếng Việt cùng tên vẫn được đăng"),
        );
    }
    use rayon::prelude::*;
    let read: Vec<(Kind, Option<SourceFile>, Diagnostics)> = found
        .into_par_iter()
        .map(|(kind, rel, path)| {
            let mut file_diags = Diagnostics::default();
            let file = match read_limited(&path) {
                Ok(bytes) => decode(SourcePath::new(&rel), &bytes, &mut file_diags),
                Err(message) => {
                    file_diags.push(Diagnostic::error(rel, message));
                    None
                }
            };
            (kind, file, file_diags)
        })
        .collect();
    for (kind, file, file_diags) in read {
        diags.extend(file_diags);
        let Some(file) = file else { continue };
        match kind {
            Kind::Article => sources.articles.push(file),
            Kind::Page => sources.pages.push(file),
            Kind::Plan => sources.plans.push(file),
            Kind::Units => sources.units = Some(file),
            Kind::Documents => sources.documents = Some(file),
            Kind::Campaign => sources.campaigns.push(file),
            Kind::Section => sources.sections.push(file),
            Kind::Translation { language, article } => {
                sources.translations.push(crate::source::Translation {
                    language,
                    article,
                    file,
                })
            }
        }
    }
    Ok(sources)
}

/// Which folders below the articles' folder are page bundles (hold an
/// `index.md`), looked up once each.
#[derive(Default)]
struct BundleFolders(std::collections::HashMap<String, bool>);

impl BundleFolders {
    /// The `index.md` of the nearest bundle holding `rel` (a file below
    /// `content/<articles>/`), if any.
    fn article_of(&mut self, root: &Path, rel: &str, articles_segment: &str) -> Option<String> {
        let top = format!("content/{articles_segment}/");
        let mut folder = rel;
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if parent.len() + 1 < top.len() {
                return None;
            }
            let index = format!("{parent}/index.md");
            let is_bundle = *self
                .0
                .entry(index.clone())
                .or_insert_with(|| root.join(&index).is_file());
            if is_bundle {
                return Some(index);
            }
            // A section's own files are beside its `_index.md` (Hugo's
            // branch bundle); files further down belong to its articles.
            let section = format!("{parent}/_index.md");
            let is_section = *self
                .0
                .entry(section.clone())
                .or_insert_with(|| root.join(&section).is_file());
            if is_section && folder.len() == rel.len() {
                return Some(section);
            }
            folder = parent;
        }
        None
    }
}

enum Kind {
    Article,
    Section,
    Translation { language: String, article: bool },
    Page,
    Plan,
    Units,
    Documents,
    Campaign,
}

/// Lists the site's `static/` files to copy into the output.
pub fn read_static(root: &Path, diags: &mut Diagnostics) -> Vec<StaticFile> {
    let dir = root.join("static");
    let mut files = Vec::new();
    if !dir.is_dir() {
        return files;
    }
    for entry in walk(root, &dir, diags) {
        if entry.depth() == 0
            || entry.path().is_dir()
            || is_ignored(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = relative(root, entry.path());
        let output = rel.strip_prefix("static/").unwrap_or(&rel).to_string();
        let size = image_size(entry.path(), &output);
        files.push(StaticFile {
            output,
            from: entry.path().to_path_buf(),
            source: SourcePath::new(rel),
            size,
        });
    }
    files
}

/// Width and height of an image file, when its header can be read.
pub fn image_size(path: &Path, name: &str) -> Option<(u32, u32)> {
    let lower = name.to_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"]
        .iter()
        .any(|e| lower.ends_with(e))
        .then(|| imagesize::size(path).ok())
        .flatten()
        .map(|s| (s.width as u32, s.height as u32))
}

/// Reads the theme named in `site.yaml`: `themes/<name>/` when the site has
/// it, else the built-in default theme. Templates in the site's own
/// `templates/` replace the theme's of the same name.
pub fn read_theme(
    root: &Path,
    name: &str,
    language: &str,
    diags: &mut Diagnostics,
) -> anyhow::Result<ThemeFiles> {
    let dir = root.join("themes").join(name);
    let mut theme = if dir.is_dir() {
        let base = format!("themes/{name}");
        let templates = read_templates(root, &dir.join("templates"), diags)?;
        let read_strings = |file: &str, diags: &mut Diagnostics| match std::fs::read(dir.join(file))
        {
            Ok(bytes) => decode(SourcePath::new(format!("{base}/{file}")), &bytes, diags),
            Err(_) => None,
        };
        let strings = read_strings(&default_theme::strings_file(language), diags)
            .or_else(|| {
                (name == "default")
                    .then(|| default_theme::strings_for(language))
                    .flatten()
            })
            .or_else(|| {
                (language != "vi").then(|| untranslated(name, language, diags));
                read_strings(default_theme::STRINGS_FILE, diags)
            })
            .unwrap_or_else(default_theme::strings);
        let mut assets = Vec::new();
        let static_dir = dir.join("static");
        if static_dir.is_dir() {
            for entry in walk(root, &static_dir, diags) {
                if entry.file_type().is_file() {
                    let rel = entry
                        .path()
                        .strip_prefix(&static_dir)
                        .expect("walked below static_dir");
                    let bytes = std::fs::read(entry.path())
                        .with_context(|| format!("không đọc được {}", entry.path().display()))?;
                    assets.push((rel.to_string_lossy().replace('\\', "/"), bytes));
                }
            }
        }
        ThemeFiles {
            templates,
            strings,
            assets,
            site_strings: None,
        }
    } else if name == "default" {
        let mut files = default_theme::files();
        if let Some(strings) = default_theme::strings_for(language) {
            files.strings = strings;
        } else if language != "vi" {
            untranslated(name, language, diags);
        }
        files
    } else {
        anyhow::bail!(
            "không tìm thấy giao diện `{name}`: thư mục {} không tồn tại",
            dir.display()
        );
    };
    for (name, path, text) in read_templates(root, &root.join("templates"), diags)? {
        theme.templates.retain(|(n, _, _)| *n != name);
        theme.templates.push((name, path, text));
    }
    theme.templates.sort_by(|a, b| a.0.cmp(&b.0));
    // The site's own words for the interface, key by key over the theme's.
    let own = default_theme::strings_file(language);
    if let Ok(bytes) = std::fs::read(root.join(&own)) {
        theme.site_strings = decode(SourcePath::new(own), &bytes, diags);
    }
    Ok(theme)
}

/// The warning for a site in a language its theme has no text for.
fn untranslated(theme: &str, language: &str, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::warning(
            crate::config::FILE,
            format!(
                "giao diện `{theme}` chưa có chữ giao diện cho ngôn ngữ `{language}` (tệp {}); các trang dùng chữ giao diện tiếng Việt",
                default_theme::strings_file(language)
            ),
        )
        .with_help(format!(
            "chép themes/{theme}/strings.yaml thành themes/{theme}/{} rồi dịch từng dòng",
            default_theme::strings_file(language)
        )),
    );
}

fn read_templates(
    root: &Path,
    dir: &Path,
    diags: &mut Diagnostics,
) -> anyhow::Result<Vec<(String, SourcePath, String)>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walk(root, dir, diags) {
        let path = entry.path();
        if !entry.file_type().is_file() || is_ignored(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let name = path
            .strip_prefix(dir)
            .expect("walked below dir")
            .to_string_lossy()
            .replace('\\', "/");
        let bytes =
            std::fs::read(path).with_context(|| format!("không đọc được {}", path.display()))?;
        if let Some(file) = decode(SourcePath::new(relative(root, path)), &bytes, diags) {
            out.push((name, file.path, file.text));
        }
    }
    Ok(out)
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("không đọc được tệp: {e}"))?;
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(format!(
            "tệp quá lớn ({} MB); loa chỉ đọc tệp nội dung đến {} MB",
            meta.len() / (1024 * 1024),
            MAX_SOURCE_BYTES / (1024 * 1024)
        ));
    }
    std::fs::read(path).map_err(|e| format!("không đọc được tệp: {e}"))
}

pub(crate) fn decode(
    path: SourcePath,
    bytes: &[u8],
    diags: &mut Diagnostics,
) -> Option<SourceFile> {
    match text::decode(bytes) {
        Ok(text) => {
            let (text, removed) = text::strip_controls(text);
            if let Some((line, column, count)) = removed {
                diags.push(
                    Diagnostic::warning(
                        path.as_str(),
                        format!("tệp có {count} ký tự điều khiển vô hình (như ESC, NUL); loa đã bỏ chúng"),
                    )
                    .at(Some(line), Some(column))
                    .with_help("thường do chép từ cửa sổ lệnh hoặc phần mềm cũ; gõ lại đoạn chữ đó hoặc lưu lại tệp để bỏ hẳn"),
                );
            }
            Some(SourceFile { path, text })
        }
        Err(err) => {
            let (line, column) = match err {
                text::DecodeError::NotUtf8 { line, column } => (Some(line), Some(column)),
                text::DecodeError::Binary => (None, None),
            };
            diags.push(
                Diagnostic::error(path.as_str(), err.message())
                    .at(line, column)
                    .with_help(err.help()),
            );
            None
        }
    }
}

/// Hidden files and editor leftovers are never content.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.starts_with('#')
}

/// The entries below `dir` (itself included), in name order. Symbolic
/// links are followed, to a file or a folder, while what they lead to is
/// inside the site folder `root`; a link that leads outside it, is broken or
/// loops is an error naming it and is left out, so a site folder received
/// from someone else (git keeps links) cannot publish the builder's own
/// files (`ln -s ~/.ssh/id_rsa static/a.txt`).
fn walk(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<walkdir::DirEntry> {
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut entries = Vec::new();
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(|p| relative(root, p)).unwrap_or_default();
                let message = if err.loop_ancestor().is_some() {
                    "liên kết tượng trưng này trỏ ngược về thư mục chứa nó (vòng lặp) nên bị bỏ qua"
                        .to_string()
                } else if err.path().is_some_and(|p| p.is_symlink()) {
                    "liên kết tượng trưng này hỏng: trỏ tới tệp không tồn tại hoặc vòng về chính nó"
                        .to_string()
                } else {
                    format!(
                        "không đọc được thư mục hoặc tệp: {}",
                        crate::diag::chain(&err)
                    )
                };
                diags.push(
                    Diagnostic::error(path, message)
                        .with_help("xóa liên kết, hoặc chép tệp thật vào chỗ của nó"),
                );
                continue;
            }
        };
        if entry.path_is_symlink() {
            let target = entry.path().canonicalize();
            if !target.as_ref().is_ok_and(|t| t.starts_with(&site)) {
                let to = target.map_or_else(|_| "?".to_string(), |t| t.display().to_string());
                diags.push(
                    Diagnostic::error(
                        relative(root, entry.path()),
                        format!("liên kết tượng trưng này trỏ ra ngoài thư mục trang web (tới {to}); loa không đăng tệp nằm ngoài thư mục trang"),
                    )
                    .with_help("chép tệp hoặc thư mục cần đăng vào trong thư mục trang (ví dụ vào static/) rồi xóa liên kết"),
                );
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        entries.push(entry);
    }
    entries
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {

    #[test]
    fn translations_are_named_as_hugo_names_them() {
        assert_eq!(
            crate::source::translation_language("ten-bai.en.md").as_deref(),
            Some("en")
        );
        assert_eq!(
            crate::source::translation_language("index.pt-br.md").as_deref(),
            Some("pt-br")
        );
        for name in [
            "ten-bai.md",
            "luat-11.2017.md",
            "bao-cao.v2.md",
            "a.english.md",
        ] {
            assert_eq!(crate::source::translation_language(name), None, "{name}");
        }
    }
}
