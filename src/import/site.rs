//! `loa import hugo DIR` and `loa import jekyll DIR`: which files of a Hugo
//! or Jekyll site go where in a loa site, and what is left behind, said in
//! words. Posts go to the articles' folder as they are (loa reads their
//! front matter, names, bundles and shortcodes), pages to `content/trang/`,
//! the files the old site served to `static/`. Each post and page whose
//! address changes gets its old address as an alias (a small page that
//! sends readers on), computed as the old tool did (Hugo's sections and
//! `permalinks`, Jekyll's `permalink` style), so links to the old site keep
//! working. Pure: the caller lists and reads the files and writes.

use crate::model::Slug;

/// The tool the old site was made with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Hugo,
    Jekyll,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Hugo => "Hugo",
            Tool::Jekyll => "Jekyll",
        }
    }
}

/// A file of the old site: its path from the site's folder, and its text
/// when it is a Markdown file or the site's configuration.
#[derive(Clone, Debug)]
pub struct OldFile {
    pub rel: String,
    pub text: Option<String>,
}

/// What to copy where, and what is left.
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    pub copies: Vec<Copy>,
    /// Paths (files or folders) of the old site not copied, and why.
    pub left: Vec<(String, String)>,
    /// What the old site's configuration says, for the summary.
    pub notes: Vec<String>,
}

/// One file to copy: `to` is relative to the loa site's folder; `text`
/// replaces the file's own (an alias added to its front matter).
#[derive(Clone, Debug)]
pub struct Copy {
    pub from: String,
    pub to: String,
    pub text: Option<String>,
    pub kind: CopyKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyKind {
    Article,
    /// A Hugo section's `_index.md`.
    Section,
    Page,
    Static,
}

/// The old site's settings that decide its addresses.
#[derive(Clone, Debug, Default)]
struct OldConfig {
    title: Option<String>,
    base_url: Option<String>,
    /// Hugo: section → pattern; Jekyll: "" → the site's pattern.
    permalinks: Vec<(String, String)>,
}

/// Plans the import of the old site `files` into a loa site whose articles
/// are in `content/<articles>/`.
pub fn plan(tool: Tool, files: &[OldFile], articles: &str) -> Mapping {
    let config = read_config(tool, files);
    let mut mapping = Mapping::default();
    if let Some(title) = &config.title {
        mapping.notes.push(format!(
            "tên trang cũ: \"{title}\" (site.yaml giữ nguyên; sửa `title` nếu cần)"
        ));
    }
    if let Some(url) = &config.base_url {
        mapping.notes.push(format!(
            "địa chỉ trang cũ: {url} (đặt `base_url` trong site.yaml nếu trang mới ở cùng địa chỉ)"
        ));
    }
    match tool {
        Tool::Hugo => {
            mapping.notes.push("trang thẻ và chuyên mục của Hugo (/tags/…, /categories/…) được loa dựng lại theo `tags` và `categories` của các bài, ở địa chỉ của loa; địa chỉ cũ của các trang đó không được chuyển tiếp".to_string());
            plan_hugo(files, &config, articles, &mut mapping)
        }
        Tool::Jekyll => plan_jekyll(files, &config, articles, &mut mapping),
    }
    mapping.left.sort();
    mapping.left.dedup();
    mapping
}

fn plan_hugo(files: &[OldFile], config: &OldConfig, articles: &str, mapping: &mut Mapping) {
    // Sections: the folders of content/ with Markdown in them.
    let mut sections: Vec<&str> = files
        .iter()
        .filter_map(|f| f.rel.strip_prefix("content/"))
        .filter(|r| is_markdown(r))
        .filter_map(|r| r.split_once('/').map(|(s, _)| s))
        .collect();
    sections.sort_unstable();
    sections.dedup();
    for file in files {
        let rel = file.rel.as_str();
        if let Some(inner) = rel.strip_prefix("content/") {
            if !is_markdown(inner) {
                // An image or file of a page bundle, or of a section.
                match inner.split_once('/') {
                    Some((section, rest)) => mapping.copies.push(Copy {
                        from: rel.to_string(),
                        to: format!(
                            "content/{articles}/{}",
                            in_articles(&sections, section, rest)
                        ),
                        text: None,
                        kind: CopyKind::Static,
                    }),
                    None => mapping.left.push((
                        rel.to_string(),
                        "tệp không phải bài viết ở gốc content/".to_string(),
                    )),
                }
                continue;
            }
            let name = inner.rsplit('/').next().unwrap_or(inner);
            if name.starts_with("_index.") {
                match inner.split_once('/') {
                    // A section: its title names its articles' category.
                    Some((section, rest)) => mapping.copies.push(Copy {
                        from: rel.to_string(),
                        to: format!(
                            "content/{articles}/{}",
                            md_name(&in_articles(&sections, section, rest))
                        ),
                        text: None,
                        kind: CopyKind::Section,
                    }),
                    None => mapping.left.push((
                        rel.to_string(),
                        "phần giới thiệu trang chủ của Hugo: trang chủ của loa lấy từ site.yaml (`description`)".to_string(),
                    )),
                }
                continue;
            }
            let text = file.text.as_deref().unwrap_or("");
            match inner.split_once('/') {
                None => {
                    // A page at the top of content/: /about/ in Hugo and in loa.
                    mapping.copies.push(Copy {
                        from: rel.to_string(),
                        to: format!("content/trang/{}", md_name(name)),
                        text: None,
                        kind: CopyKind::Page,
                    });
                }
                Some((section, rest)) => {
                    let to = format!(
                        "content/{articles}/{}",
                        md_name(&in_articles(&sections, section, rest))
                    );
                    let old = hugo_address(config, section, rest, text);
                    let text = with_alias(text, old.as_deref(), &to, articles, mapping, rel);
                    mapping.copies.push(Copy {
                        from: rel.to_string(),
                        to,
                        text,
                        kind: CopyKind::Article,
                    });
                }
            }
        } else if let Some(inner) = rel.strip_prefix("static/") {
            mapping.copies.push(Copy {
                from: rel.to_string(),
                to: format!("static/{inner}"),
                text: None,
                kind: CopyKind::Static,
            });
        } else if let Some(name) = rel.strip_prefix("layouts/shortcodes/") {
            mapping.left.push((
                rel.to_string(),
                format!(
                    "shortcode riêng của trang cũ (mẫu Go): viết lại thành mẫu Tera templates/shortcodes/{}.html",
                    name.split('.').next().unwrap_or(name)
                ),
            ));
        } else {
            let top = rel.split('/').next().unwrap_or(rel);
            let why = match top {
                "layouts" | "themes" => {
                    "giao diện của Hugo: loa có giao diện riêng (themes/, templates/)"
                }
                "assets" => "tệp dùng qua Hugo Pipes: chép ảnh cần dùng vào static/",
                "data" | "i18n" | "archetypes" | "resources" | "public" => {
                    "tệp riêng của Hugo, loa không dùng"
                }
                _ if is_config(top) => continue,
                _ => "không thuộc content/ hay static/",
            };
            let shown = if top == rel {
                rel.to_string()
            } else {
                format!("{top}/")
            };
            mapping.left.push((shown, why.to_string()));
        }
    }
}

fn plan_jekyll(files: &[OldFile], config: &OldConfig, articles: &str, mapping: &mut Mapping) {
    for file in files {
        let rel = file.rel.as_str();
        let top = rel.split('/').next().unwrap_or(rel);
        let text = file.text.as_deref().unwrap_or("");
        if let Some(inner) = rel.strip_prefix("_posts/") {
            if is_markdown(inner) {
                let to = format!("content/{articles}/{}", md_name(inner));
                let old = jekyll_address(config, inner, text, true);
                let text = with_alias(text, old.as_deref(), &to, articles, mapping, rel);
                mapping.copies.push(Copy {
                    from: rel.to_string(),
                    to,
                    text,
                    kind: CopyKind::Article,
                });
            } else {
                mapping.copies.push(Copy {
                    from: rel.to_string(),
                    to: format!("content/{articles}/{inner}"),
                    text: None,
                    kind: CopyKind::Static,
                });
            }
        } else if top == "_drafts" {
            mapping.left.push((
                "_drafts/".to_string(),
                "bản nháp của Jekyll (không có ngày): chép vào content/bai-viet/ khi muốn đăng, thêm `date` và `draft: true`".to_string(),
            ));
        } else if let Some(name) = rel.strip_prefix("_includes/") {
            mapping.left.push((
                rel.to_string(),
                format!(
                    "tệp `include` của trang cũ (Liquid): viết lại thành mẫu Tera templates/shortcodes/{}",
                    if name.ends_with(".html") { name.to_string() } else { format!("{name}.html") }
                ),
            ));
        } else if top.starts_with('_') || top.starts_with('.') {
            let why = match top {
                "_layouts" | "_sass" => "giao diện của Jekyll: loa có giao diện riêng",
                "_config.yml" | "_config.yaml" => continue,
                _ => "tệp riêng của Jekyll, loa không dùng",
            };
            let shown = if top == rel {
                rel.to_string()
            } else {
                format!("{top}/")
            };
            mapping.left.push((shown, why.to_string()));
        } else if !rel.contains('/') && is_markdown(rel) {
            let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
            if matches!(
                stem.to_ascii_lowercase().as_str(),
                "readme" | "license" | "changelog" | "index" | "404"
            ) {
                mapping.left.push((rel.to_string(), "tệp của kho mã hoặc trang chủ/404 của Jekyll: loa có trang chủ và trang 404 riêng".to_string()));
                continue;
            }
            let to = format!("content/trang/{}", md_name(rel));
            let old = jekyll_address(config, rel, text, false);
            let text = with_alias(text, old.as_deref(), &to, articles, mapping, rel);
            mapping.copies.push(Copy {
                from: rel.to_string(),
                to,
                text,
                kind: CopyKind::Page,
            });
        } else if !rel.contains('/')
            && (rel.ends_with(".html")
                || matches!(
                    rel,
                    "Gemfile" | "Gemfile.lock" | "package.json" | "package-lock.json"
                )
                || rel.ends_with(".gemspec"))
        {
            mapping.left.push((
                rel.to_string(),
                "trang HTML hoặc tệp cấu hình của Jekyll".to_string(),
            ));
        } else {
            // Jekyll serves every other file as it is, at its path.
            mapping.copies.push(Copy {
                from: rel.to_string(),
                to: format!("static/{rel}"),
                text: None,
                kind: CopyKind::Static,
            });
        }
    }
}

/// Where a file of Hugo section `section` goes below the articles' folder:
/// as it is when the site has one section, in a folder of its section's
/// name when it has several (their files may share names).
fn in_articles(sections: &[&str], section: &str, rest: &str) -> String {
    if sections.len() <= 1 {
        rest.to_string()
    } else {
        format!("{section}/{rest}")
    }
}

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

fn is_config(name: &str) -> bool {
    matches!(
        name,
        "hugo.toml"
            | "hugo.yaml"
            | "hugo.yml"
            | "hugo.json"
            | "config.toml"
            | "config.yaml"
            | "config.yml"
            | "config.json"
            | "config"
    )
}

/// `x.markdown` → `x.md`.
fn md_name(path: &str) -> String {
    match path.strip_suffix(".markdown") {
        Some(stem) => format!("{stem}.md"),
        None => path.to_string(),
    }
}

/// The front matter's values loa and the old tool read for addresses.
struct FrontMatter {
    yaml: String,
    toml: bool,
}

fn front_matter(text: &str) -> Option<FrontMatter> {
    let split = crate::parse::front_matter::split(text).ok()?;
    let yaml = crate::parse::front_matter::as_yaml(&split)
        .ok()?
        .into_owned();
    Some(FrontMatter {
        toml: text.starts_with("+++"),
        yaml,
    })
}

fn value(front: &Option<FrontMatter>, key: &str) -> Option<String> {
    front
        .as_ref()
        .and_then(|f| crate::yaml::scalar(&f.yaml, key))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Hugo's address of the page `rest` of `section`: its section's
/// `permalinks` pattern, or `/<section>/<slug or file name>/`.
fn hugo_address(config: &OldConfig, section: &str, rest: &str, text: &str) -> Option<String> {
    let front = front_matter(text);
    if value(&front, "url").is_some() {
        return None; // loa reads `url` itself.
    }
    let file = rest.rsplit('/').next().unwrap_or(rest);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let filename = if stem == "index" {
        rest.rsplit('/').nth(1).unwrap_or(stem)
    } else {
        stem
    };
    let filename = filename.to_lowercase();
    let slug = value(&front, "slug");
    let title = value(&front, "title").map(|t| urlize(&t));
    let date = value(&front, "date").and_then(|d| crate::parse::date::read_date(&d, utc()).ok());
    let pattern = config
        .permalinks
        .iter()
        .find(|(s, _)| s == section)
        .map(|(_, p)| p.as_str());
    let path = match pattern {
        Some(pattern) => expand(pattern, |token| match token {
            "year" => date.map(|d| d.format("%Y").to_string()),
            "month" => date.map(|d| d.format("%m").to_string()),
            "day" => date.map(|d| d.format("%d").to_string()),
            "section" => Some(section.to_string()),
            "slug" | "slugorfilename" => slug.clone().or_else(|| {
                if token == "slug" {
                    title.clone()
                } else {
                    Some(filename.clone())
                }
            }),
            "title" => title.clone(),
            "filename" | "contentbasename" => Some(filename.clone()),
            _ => None,
        })?,
        None => format!("/{section}/{}/", slug.unwrap_or(filename)),
    };
    Some(path)
}

/// Jekyll's address of a post (`post`) or page: its own `permalink` is read
/// by loa; else the site's `permalink` style (`date` when none).
fn jekyll_address(config: &OldConfig, rel: &str, text: &str, post: bool) -> Option<String> {
    let front = front_matter(text);
    if value(&front, "permalink").is_some() {
        return None;
    }
    let file = rel.rsplit('/').next().unwrap_or(rel);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if !post {
        return Some(format!("/{stem}.html"));
    }
    let named = chrono::NaiveDate::parse_from_str(stem.get(..10)?, "%Y-%m-%d").ok();
    let title = stem.get(11..).unwrap_or(stem).to_string();
    let slug = value(&front, "slug").unwrap_or_else(|| title.clone());
    let date = value(&front, "date")
        .and_then(|d| crate::parse::date::read_date(&d, utc()).ok())
        .map(|d| d.date())
        .or(named);
    let categories: Vec<String> = value(&front, "categories")
        .or_else(|| value(&front, "category"))
        .map(|c| c.split_whitespace().map(|w| w.to_lowercase()).collect())
        .unwrap_or_default();
    let style = config
        .permalinks
        .first()
        .map_or("date", |(_, p)| p.as_str());
    let pattern = match style {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    };
    let path = expand(pattern, |token| match token {
        "year" => date.map(|d| d.format("%Y").to_string()),
        "short_year" => date.map(|d| d.format("%y").to_string()),
        "month" => date.map(|d| d.format("%m").to_string()),
        "i_month" => date.map(|d| d.format("%-m").to_string()),
        "day" => date.map(|d| d.format("%d").to_string()),
        "i_day" => date.map(|d| d.format("%-d").to_string()),
        "y_day" => date.map(|d| d.format("%j").to_string()),
        "title" => Some(title.clone()),
        "slug" => Some(slug.clone()),
        "categories" => Some(categories.join("/")),
        "output_ext" => Some(".html".to_string()),
        _ => None,
    })?;
    // `/:categories/` without categories leaves an empty segment.
    let mut clean = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && clean.ends_with('/')) {
            clean.push(c);
        }
    }
    Some(clean)
}

/// A permalink pattern with each `:token` replaced (longest names first);
/// `None` when a token has no value.
fn expand(pattern: &str, value: impl Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        out.push_str(&value(&after[..len])?);
        rest = &after[len..];
    }
    out.push_str(rest);
    Some(out)
}

/// Hugo's `urlize` of a title, close enough for addresses: lower case,
/// spaces as dashes, punctuation left out.
fn urlize(title: &str) -> String {
    let mut out = String::new();
    for c in title.trim().to_lowercase().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if c.is_whitespace() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out
}

fn utc() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(0).expect("zero is a valid offset")
}

/// The file's text with `old` (the old site's address of it) added to its
/// front matter as an alias, when it differs from the address loa gives
/// the copy at `to`; `None` to copy it as it is. An address loa cannot
/// make a page at (letters with diacritics) is listed as left.
fn with_alias(
    text: &str,
    old: Option<&str>,
    to: &str,
    articles: &str,
    mapping: &mut Mapping,
    rel: &str,
) -> Option<String> {
    let old = old?;
    let name = to.rsplit('/').next().unwrap_or(to);
    if crate::source::translation_language(name).is_some() {
        // A translation: its address comes with the languages of the site.
        return None;
    }
    let front = front_matter(text);
    let slug = value(&front, "slug").or_else(|| {
        let path = crate::model::SourcePath::new(to);
        Slug::from_text(crate::parse::article::FileName::of(&path).slug_source)
            .map(|s| s.to_string())
    })?;
    let new = if to.starts_with("content/trang/") {
        format!("/{slug}/")
    } else {
        format!("/{articles}/{slug}/")
    };
    let normal = |p: &str| {
        let p = p.trim_end_matches("index.html");
        p.trim_end_matches('/').to_string()
    };
    if normal(old) == normal(&new) {
        return None;
    }
    if crate::parse::article::old_address(old).is_err() {
        mapping.left.push((
            rel.to_string(),
            format!("địa chỉ cũ {old} có ký tự không dùng được trong tên thư mục: không tạo được trang chuyển tiếp"),
        ));
        return None;
    }
    let toml = front.as_ref().is_some_and(|f| f.toml);
    let open = match &front {
        Some(_) if toml => "+++",
        Some(_) if text.starts_with("---") => "---",
        // JSON: a key of its own on the line after the opening brace.
        Some(_) if text.starts_with("{\n") && !text.contains("\"aliases\"") => {
            return Some(format!("{{\n  \"aliases\": [\"{old}\"],\n{}", &text[2..]));
        }
        _ => {
            mapping.left.push((
                rel.to_string(),
                format!("phần thông tin dạng JSON: thêm địa chỉ cũ {old} vào `aliases` bằng tay"),
            ));
            return None;
        }
    };
    if let Some(merged) = add_to_aliases(text, old, toml) {
        return Some(merged);
    }
    let line = if toml {
        format!("aliases = [\"{old}\"]")
    } else {
        format!("aliases: [\"{old}\"]")
    };
    let after = text.strip_prefix(open)?;
    let after = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))?;
    Some(format!("{open}\n{line}\n{after}"))
}

/// `text` with `old` added to the `aliases` its front matter already has
/// (`aliases: [..]`, a list below `aliases:`, one address, or TOML's
/// `aliases = [..]`); `None` when it has none.
fn add_to_aliases(text: &str, old: &str, toml: bool) -> Option<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let end = lines.iter().skip(1).position(|l| {
        let l = l.trim_end();
        l == "---" || l == "+++"
    })? + 1;
    let at = (1..end).find(|&i| {
        let l = &lines[i];
        let rest = l.strip_prefix("aliases").map(str::trim_start);
        rest.is_some_and(|r| r.starts_with(if toml { '=' } else { ':' }))
    })?;
    let value = lines[at]["aliases".len()..].trim_start()[1..]
        .trim()
        .to_string();
    let quoted = format!("\"{old}\"");
    if let Some(inner) = value.strip_prefix('[') {
        let inner = inner.trim_start();
        let sep = if inner.starts_with(']') { "" } else { ", " };
        let key = if toml { "aliases = [" } else { "aliases: [" };
        lines[at] = format!("{key}{quoted}{sep}{inner}");
    } else if value.is_empty() && !toml {
        let indent: String = lines
            .get(at + 1)
            .map(|l| l.chars().take_while(|c| *c == ' ').collect())
            .unwrap_or_else(|| "  ".to_string());
        lines.insert(at + 1, format!("{indent}- {quoted}"));
    } else if !toml {
        lines[at] = format!("aliases: [{quoted}, {value}]");
    } else {
        return None;
    }
    Some(lines.join("\n"))
}

fn read_config(tool: Tool, files: &[OldFile]) -> OldConfig {
    let names: &[&str] = match tool {
        Tool::Hugo => &[
            "hugo.toml",
            "config.toml",
            "hugo.yaml",
            "hugo.yml",
            "config.yaml",
            "config.yml",
        ],
        Tool::Jekyll => &["_config.yml", "_config.yaml"],
    };
    let Some(file) = names
        .iter()
        .find_map(|n| files.iter().find(|f| f.rel == *n))
    else {
        return OldConfig::default();
    };
    let text = file.text.as_deref().unwrap_or("");
    let mut config = OldConfig::default();
    if file.rel.ends_with(".toml") {
        let Ok(table) = text.parse::<toml::Table>() else {
            return config;
        };
        let string = |key: &str| table.get(key).and_then(|v| v.as_str()).map(str::to_string);
        config.title = string("title");
        config.base_url = string("baseURL").or_else(|| string("baseurl"));
        if let Some(links) = table.get("permalinks").and_then(|v| v.as_table()) {
            for (section, pattern) in links {
                if let Some(p) = pattern.as_str() {
                    config.permalinks.push((section.clone(), p.to_string()));
                }
            }
        }
    } else {
        let yaml = format!("---\n{text}");
        let get = |key: &str| crate::yaml::scalar(&yaml, key);
        config.title = get("title");
        match tool {
            Tool::Hugo => {
                config.base_url = get("baseURL").or_else(|| get("baseurl"));
                for section in ["posts", "post", "blog", "news", "tin-tuc", "bai-viet"] {
                    if let Some(p) = get(&format!("permalinks.{section}")) {
                        config.permalinks.push((section.to_string(), p));
                    }
                }
            }
            Tool::Jekyll => {
                let url = get("url").unwrap_or_default();
                let base = get("baseurl").unwrap_or_default();
                config.base_url = Some(format!("{url}{base}")).filter(|u| !u.is_empty());
                if let Some(p) = get("permalink") {
                    config.permalinks.push((String::new(), p));
                }
            }
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, text: Option<&str>) -> OldFile {
        OldFile {
            rel: rel.to_string(),
            text: text.map(str::to_string),
        }
    }

    #[test]
    fn hugo_posts_keep_their_old_addresses() {
        let files = [
            file("hugo.toml", Some("title = \"Blog\"\nbaseURL = \"https://blog.example/\"\n[permalinks]\nposts = \"/:year/:month/:slug/\"\n")),
            file("content/posts/tu-van.md", Some("+++\ntitle = \"Tư vấn\"\ndate = 2020-03-04\nslug = \"tu-van\"\n+++\nChữ.\n")),
            file("content/posts/ngay-hoi/index.md", Some("---\ntitle: Ngày hội\ndate: 2021-05-06\n---\nChữ.\n")),
            file("content/posts/ngay-hoi/anh.jpg", None),
            file("content/posts/_index.md", Some("---\ntitle: Tin\n---\n")),
            file("content/about.md", Some("---\ntitle: Giới thiệu\n---\n")),
            file("static/anh/logo.png", None),
            file("layouts/shortcodes/note.html", None),
            file("themes/ananke/theme.toml", None),
        ];
        let m = plan(Tool::Hugo, &files, "bai-viet");
        let find = |from: &str| m.copies.iter().find(|c| c.from == from).unwrap();
        let c = find("content/posts/tu-van.md");
        assert_eq!(c.to, "content/bai-viet/tu-van.md");
        assert_eq!(
            c.text.as_deref().unwrap(),
            "+++\naliases = [\"/2020/03/tu-van/\"]\ntitle = \"Tư vấn\"\ndate = 2020-03-04\nslug = \"tu-van\"\n+++\nChữ.\n"
        );
        let c = find("content/posts/ngay-hoi/index.md");
        assert_eq!(c.to, "content/bai-viet/ngay-hoi/index.md");
        // Hugo's `:slug` is the title when no slug is written, with its letters.
        assert!(
            c.text
                .as_deref()
                .unwrap()
                .starts_with("---\naliases: [\"/2021/05/ngày-hội/\"]\n"),
            "{c:?}"
        );
        assert_eq!(
            find("content/posts/ngay-hoi/anh.jpg").to,
            "content/bai-viet/ngay-hoi/anh.jpg"
        );
        assert_eq!(find("content/about.md").to, "content/trang/about.md");
        assert!(find("content/about.md").text.is_none());
        assert_eq!(find("static/anh/logo.png").to, "static/anh/logo.png");
        let left: Vec<&str> = m.left.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(left, ["layouts/shortcodes/note.html", "themes/"]);
        let c = find("content/posts/_index.md");
        assert_eq!(
            (c.to.as_str(), c.kind),
            ("content/bai-viet/_index.md", CopyKind::Section)
        );
        assert!(m.notes[0].contains("\"Blog\""), "{:?}", m.notes);
    }

    #[test]
    fn jekyll_posts_and_pages_keep_their_old_addresses() {
        let files = [
            file(
                "_config.yml",
                Some("title: Blog\nurl: https://blog.example\npermalink: pretty\n"),
            ),
            file(
                "_posts/2017-09-22-ngay-hoi.markdown",
                Some("---\ntitle: Ngày hội\n---\nChữ.\n"),
            ),
            file(
                "_posts/2018-01-02-tu-van.md",
                Some("---\ntitle: Tư vấn\npermalink: /tu-van/\n---\n"),
            ),
            file("about.md", Some("---\ntitle: Giới thiệu\n---\n")),
            file("assets/img/a.jpg", None),
            file("_includes/image.html", None),
            file("_layouts/post.html", None),
            file("Gemfile", None),
            file("index.md", Some("---\nlayout: home\n---\n")),
        ];
        let m = plan(Tool::Jekyll, &files, "bai-viet");
        let find = |from: &str| m.copies.iter().find(|c| c.from == from).unwrap();
        let c = find("_posts/2017-09-22-ngay-hoi.markdown");
        assert_eq!(c.to, "content/bai-viet/2017-09-22-ngay-hoi.md");
        assert!(c
            .text
            .as_deref()
            .unwrap()
            .starts_with("---\naliases: [\"/2017/09/22/ngay-hoi/\"]\n"));
        assert!(find("_posts/2018-01-02-tu-van.md").text.is_none());
        let c = find("about.md");
        assert_eq!(c.to, "content/trang/about.md");
        assert!(c
            .text
            .as_deref()
            .unwrap()
            .starts_with("---\naliases: [\"/about.html\"]\n"));
        assert_eq!(find("assets/img/a.jpg").to, "static/assets/img/a.jpg");
        let left: Vec<&str> = m.left.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            left,
            ["Gemfile", "_includes/image.html", "_layouts/", "index.md"]
        );
    }

    #[test]
    fn old_addresses_join_the_aliases_written() {
        assert_eq!(
            add_to_aliases(
                "---\ntitle: X\naliases:\n  - /a/\n---\nChữ.\n",
                "/b/",
                false
            )
            .unwrap(),
            "---\ntitle: X\naliases:\n  - \"/b/\"\n  - /a/\n---\nChữ.\n"
        );
        assert_eq!(
            add_to_aliases("---\naliases: [/a/]\n---\n", "/b/", false).unwrap(),
            "---\naliases: [\"/b/\", /a/]\n---\n"
        );
        assert_eq!(
            add_to_aliases("---\naliases: /a/\n---\n", "/b/", false).unwrap(),
            "---\naliases: [\"/b/\", /a/]\n---\n"
        );
        assert_eq!(
            add_to_aliases("+++\naliases = [\"/a/\"]\n+++\n", "/b/", true).unwrap(),
            "+++\naliases = [\"/b/\", \"/a/\"]\n+++\n"
        );
        assert!(add_to_aliases("---\ntitle: X\n---\n", "/b/", false).is_none());
        let mut m = Mapping::default();
        let json = "{\n  \"title\": \"X\",\n  \"date\": \"2024-11-09\"\n}\nChữ.\n";
        assert_eq!(
            with_alias(json, Some("/2024/11/x/"), "content/bai-viet/x.md", "bai-viet", &mut m, "x.md").unwrap(),
            "{\n  \"aliases\": [\"/2024/11/x/\"],\n  \"title\": \"X\",\n  \"date\": \"2024-11-09\"\n}\nChữ.\n"
        );
    }

    #[test]
    fn permalink_patterns_expand() {
        let config = OldConfig::default();
        assert_eq!(
            jekyll_address(
                &config,
                "2017-09-22-ngay-hoi.md",
                "---\ncategories: tin tuc\n---\n",
                true
            )
            .unwrap(),
            "/tin/tuc/2017/09/22/ngay-hoi.html"
        );
        assert_eq!(
            hugo_address(&config, "post", "x.md", "---\ntitle: X\n---\n").unwrap(),
            "/post/x/"
        );
        assert_eq!(
            urlize("Trợ giúp pháp lý: miễn phí!"),
            "trợ-giúp-pháp-lý-miễn-phí"
        );
    }
}
