//! Articles and static pages: front matter (`Raw*` serde shapes, with the
//! keys Hugo and Jekyll use for the same things) → [`Article`] / [`Page`].

use serde::Deserialize;

use super::date::read_date;
use super::front_matter;
use super::shortcodes::SiteShortcodes;
use super::{OneOrMany, Text};
use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Article, Body, Citation, Page, Slug};
use crate::source::SourceFile;
use crate::yaml;

/// Every front matter key loa reads, for typo suggestions.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "lastmod",
    "modified",
    "last_modified_at",
    "summary",
    "description",
    "excerpt",
    "category",
    "categories",
    "tags",
    "audience",
    "image",
    "image_alt",
    "images",
    "cover",
    "thumbnail",
    "featuredImage",
    "featured_image",
    "author",
    "authors",
    "draft",
    "published",
    "slug",
    "sources",
    "weight",
    "contacts",
    "url",
    "permalink",
    "aliases",
    "implements",
    "legal_basis",
    "historical",
    "translation_of",
    "expiryDate",
    "expirydate",
    "expiry_date",
    "expires",
    "publishDate",
    "publishdate",
    "layout",
    "type",
    "toc",
    "comments",
    "showToc",
    "ShowToc",
    "TocOpen",
    "hidemeta",
    "math",
    "mathjax",
    "katex",
];

#[derive(Deserialize, Default)]
struct RawFrontMatter {
    title: Option<Text>,
    date: Option<Text>,
    #[serde(alias = "lastmod", alias = "modified", alias = "last_modified_at")]
    updated: Option<Text>,
    #[serde(alias = "description", alias = "excerpt")]
    summary: Option<Text>,
    #[serde(default)]
    category: OneOrMany,
    #[serde(default)]
    categories: OneOrMany,
    #[serde(default)]
    tags: OneOrMany,
    #[serde(default)]
    audience: OneOrMany,
    /// Hugo themes and Jekyll write the share image under other names;
    /// PaperMod's `cover` is a map with the picture and its alt text.
    #[serde(
        alias = "cover",
        alias = "thumbnail",
        alias = "featuredImage",
        alias = "featured_image"
    )]
    image: Option<RawImage>,
    #[serde(default)]
    images: OneOrMany,
    image_alt: Option<Text>,
    author: Option<Text>,
    #[serde(default)]
    authors: OneOrMany,
    draft: Option<bool>,
    published: Option<bool>,
    slug: Option<Text>,
    #[serde(default)]
    sources: Vec<RawCitation>,
    #[serde(default)]
    implements: OneOrMany,
    #[serde(default)]
    legal_basis: OneOrMany,
    historical: Option<bool>,
    weight: Option<i64>,
    contacts: Option<bool>,
    /// Hugo's `expiryDate`: not published from then on.
    #[serde(
        alias = "expirydate",
        alias = "expiry_date",
        alias = "expires",
        rename = "expiryDate"
    )]
    expiry_date: Option<Text>,
    /// Keys that choose a layout or a feature of a Hugo or Jekyll theme:
    /// loa's theme has its own, so they change nothing and are not
    /// reported as unknown (`loa import` lists them as left behind).
    #[serde(alias = "publishdate", rename = "publishDate")]
    _publish_date: Option<serde::de::IgnoredAny>,
    #[serde(rename = "layout")]
    _layout: Option<serde::de::IgnoredAny>,
    #[serde(rename = "type")]
    _type: Option<serde::de::IgnoredAny>,
    #[serde(rename = "toc")]
    _toc: Option<serde::de::IgnoredAny>,
    #[serde(rename = "comments")]
    _comments: Option<serde::de::IgnoredAny>,
    #[serde(alias = "ShowToc", rename = "showToc")]
    _show_toc: Option<serde::de::IgnoredAny>,
    #[serde(rename = "TocOpen")]
    _toc_open: Option<serde::de::IgnoredAny>,
    #[serde(rename = "hidemeta")]
    _hidemeta: Option<serde::de::IgnoredAny>,
    #[serde(alias = "mathjax", alias = "katex", rename = "math")]
    _math: Option<serde::de::IgnoredAny>,
    /// Hugo's `url` and Jekyll's `permalink`: the page's old address.
    #[serde(alias = "permalink")]
    url: Option<Text>,
    /// Hugo's other old addresses.
    #[serde(default)]
    aliases: OneOrMany,
    /// The article or page this one translates (`bai-viet/x.md`), when its
    /// file is not named as a translation of it (`x.en.md`).
    translation_of: Option<Text>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawImage {
    Path(Text),
    Cover { image: Text, alt: Option<Text> },
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawCitation {
    Plain(Text),
    Full { title: Text, url: Option<Text> },
}

/// Parses one article; `None` (with errors pushed) when it cannot be used.
pub fn parse_article(
    file: &SourceFile,
    config: &SiteConfig,
    shortcodes: &SiteShortcodes,
    diags: &mut Diagnostics,
) -> Option<Article> {
    let (raw, split_yaml, mut body) = read(file, config, shortcodes, diags)?;
    let split_yaml: &str = &split_yaml;
    let path = file.path.as_str();
    let at = |key: &str| yaml::key_location(split_yaml, key);
    let before = diags.count(crate::diag::Severity::Error);

    let title = required_text(path, raw.title.as_ref(), "title", "tiêu đề", diags);
    let date = match &raw.date {
        // Jekyll's posts carry their date in their name: 2017-09-22-ten-bai.md.
        None if FileName::of(&file.path).date.is_some() => FileName::of(&file.path)
            .date
            .and_then(|d| d.and_hms_opt(0, 0, 0)),
        None => {
            diags.push(
                Diagnostic::error(path, "thiếu khóa bắt buộc `date` (ngày đăng)")
                    .at(Some(1), Some(1))
                    .with_help("thêm dòng `date: 2026-04-12` (năm-tháng-ngày) vào phần thông tin"),
            );
            None
        }
        Some(text) => date_value(path, &text.0, "date", at("date"), config, diags),
    };
    let updated = raw.updated.as_ref().and_then(|t| {
        let key = ["updated", "lastmod", "modified", "last_modified_at"]
            .into_iter()
            .find(|k| at(k).is_some())
            .unwrap_or("updated");
        date_value(path, &t.0, key, at(key), config, diags)
    });

    let (image_src, cover_alt) = match raw.image {
        Some(RawImage::Path(t)) => (Some(t.0), None),
        Some(RawImage::Cover { image, alt }) => (Some(image.0), alt.map(|a| a.0)),
        None => (None, None),
    };
    let image_src = image_src
        .or_else(|| raw.images.0.first().cloned())
        .filter(|s| !s.trim().is_empty());
    let image_key = [
        "image",
        "cover",
        "thumbnail",
        "featuredImage",
        "featured_image",
        "images",
    ]
    .into_iter()
    .find_map(&at);
    let expires = raw.expiry_date.as_ref().and_then(|t| {
        let key = ["expiryDate", "expirydate", "expiry_date", "expires"]
            .into_iter()
            .find(|k| at(k).is_some())
            .unwrap_or("expiryDate");
        date_value(path, &t.0, key, at(key), config, diags)
    });
    let slug = slug_for(file, raw.slug.as_ref(), title.as_deref(), at("slug"), diags);
    // A page bundle's files are published in its article's folder; relative
    // paths in it name them.
    body.bundle = slug
        .as_ref()
        .filter(|_| FileName::is_bundle(&file.path))
        .map(|slug| format!("{}/{}/", config.urls.articles, slug));
    let image_src = image_src.map(|src| match &body.bundle {
        Some(folder) if is_relative(&src) => {
            format!("/{folder}{}", src.trim().trim_start_matches("./"))
        }
        _ => src,
    });
    let image = super::lead_image(
        image_src,
        raw.image_alt.map(|t| t.0).or(cover_alt),
        path,
        image_key,
        diags,
    );

    if date.is_some() && date.and(updated).is_some_and(|u| Some(u) < date) {
        diags.push(
            Diagnostic::warning(path, "ngày cập nhật sớm hơn ngày đăng")
                .located(at("updated").or(at("lastmod"))),
        );
    }
    if diags.count(crate::diag::Severity::Error) > before {
        return None;
    }

    let aliases = old_addresses(raw.url.as_ref(), &raw.aliases, split_yaml, path, diags);
    let translation_of = original_of(file, raw.translation_of.as_ref());
    let mut categories = raw.category.0;
    categories.extend(raw.categories.0);
    warn_split_phrases(
        path,
        "categories",
        &categories,
        at("categories").or(at("category")),
        diags,
    );
    warn_split_phrases(path, "tags", &raw.tags.0, at("tags"), diags);
    let author = raw
        .author
        .map(|t| t.0)
        .or_else(|| (!raw.authors.0.is_empty()).then(|| raw.authors.0.join(", ")));
    let unfinished = super::unpublished_placeholders(path, &file.text, "bài viết", false, diags);
    let draft = raw.draft.unwrap_or(false) || raw.published == Some(false) || unfinished;
    Some(Article {
        source: file.path.clone(),
        slug: slug?,
        title: title?,
        date: date?,
        updated,
        summary: non_empty(raw.summary.map(|t| t.0)),
        categories: at_most_terms(
            path,
            "categories",
            clean_list(categories),
            at("categories").or(at("category")),
            diags,
        ),
        tags: at_most_terms(path, "tags", clean_list(raw.tags.0), at("tags"), diags),
        audience: clean_list(raw.audience.0),
        image,
        author: non_empty(author),
        draft,
        translation_of,
        weight: raw.weight.unwrap_or(0),
        expires,
        implements: located(&raw.implements.0, split_yaml),
        legal_basis: located(&raw.legal_basis.0, split_yaml),
        mentions: super::documents::document_numbers(&body.markdown)
            .into_iter()
            .map(|(number, _)| number)
            .collect(),
        historical: raw.historical.unwrap_or(false),
        aliases,
        sources: raw
            .sources
            .into_iter()
            .map(|c| match c {
                RawCitation::Plain(t) => Citation {
                    title: t.0,
                    url: None,
                },
                RawCitation::Full { title, url } => Citation {
                    title: title.0,
                    url: url.map(|u| u.0).filter(|u| {
                        let allowed = crate::text::link_allowed(u);
                        if !allowed {
                            let at = located(std::slice::from_ref(u), split_yaml)[0].1;
                            diags.push(crate::diag::link_refused(path, "sources", u, at));
                        }
                        allowed
                    }),
                },
            })
            .collect(),
        body,
    })
}

/// The page's old addresses (`url`, `permalink`, `aliases`) as output
/// paths, each with where it is written; a wrong one is an error.
fn old_addresses(
    url: Option<&Text>,
    aliases: &OneOrMany,
    split_yaml: &str,
    path: &str,
    diags: &mut Diagnostics,
) -> Vec<(String, Option<crate::diag::Location>)> {
    url.iter()
        .map(|t| t.0.clone())
        .chain(aliases.0.iter().cloned())
        .filter_map(|written| {
            let at = located(std::slice::from_ref(&written), split_yaml)
                .pop()
                .and_then(|(_, at)| at);
            match old_address(&written) {
                Ok(path) => Some((path, at)),
                Err(why) => {
                    diags.push(
                        Diagnostic::error(path, format!("địa chỉ cũ `{}` {why}", written.trim()))
                            .located(at)
                            .with_help("ghi đường dẫn trên trang web cũ, bắt đầu bằng `/`, ví dụ `/2017/09/22/ten-bai/` hoặc `/tin/ten-bai.html`"),
                    );
                    None
                }
            }
        })
        .collect()
}

/// The content path of the article or page `file` translates: written
/// (`translation_of: bai-viet/x.md`), or the file's own name without its
/// language (`bai-viet/x.en.md` → `bai-viet/x.md`); `None` for an original.
fn original_of(file: &SourceFile, written: Option<&Text>) -> Option<String> {
    if let Some(Text(path)) = written {
        let path = path.trim().trim_start_matches('/');
        let path = path.strip_prefix("content/").unwrap_or(path);
        return Some(path.trim_start_matches("@/").to_string());
    }
    let rel = file.path.content_relative();
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let language = crate::source::translation_language(name)?;
    let base = rel.strip_suffix(&format!(".{language}.md"))?;
    Some(format!("{base}.md"))
}

/// Each reference trimmed, with the first place the front matter writes it.
fn located(references: &[String], yaml: &str) -> Vec<(String, Option<crate::diag::Location>)> {
    references
        .iter()
        .map(|r| {
            let r = r.trim().to_string();
            let at = yaml.lines().enumerate().find_map(|(i, l)| {
                let b = l.find(r.as_str())?;
                Some(crate::diag::Location {
                    line: i as u32 + 1,
                    column: l[..b].chars().count() as u32 + 1,
                })
            });
            (r, at)
        })
        .collect()
}

/// Parses one static page. Only `title` is required.
pub fn parse_page(
    file: &SourceFile,
    config: &SiteConfig,
    shortcodes: &SiteShortcodes,
    diags: &mut Diagnostics,
) -> Option<Page> {
    let (raw, split_yaml, body) = read(file, config, shortcodes, diags)?;
    let split_yaml: &str = &split_yaml;
    let path = file.path.as_str();
    let at = |key: &str| yaml::key_location(split_yaml, key);
    let before = diags.count(crate::diag::Severity::Error);
    let title = required_text(path, raw.title.as_ref(), "title", "tiêu đề", diags);
    let updated = raw
        .updated
        .as_ref()
        .and_then(|t| date_value(path, &t.0, "updated", at("updated"), config, diags));
    let slug = slug_for(file, raw.slug.as_ref(), title.as_deref(), at("slug"), diags);
    if diags.count(crate::diag::Severity::Error) > before {
        return None;
    }
    let aliases = old_addresses(raw.url.as_ref(), &raw.aliases, split_yaml, path, diags);
    Some(Page {
        source: file.path.clone(),
        slug: slug?,
        title: title?,
        summary: non_empty(raw.summary.map(|t| t.0)),
        updated,
        weight: raw.weight.unwrap_or(0),
        draft: raw.draft.unwrap_or(false)
            || raw.published == Some(false)
            || super::unpublished_placeholders(path, &file.text, "trang", false, diags),
        contacts: raw.contacts.unwrap_or(false),
        translation_of: original_of(file, raw.translation_of.as_ref()),
        aliases,
        body,
    })
}

/// Parses a section (`_index.md` of a folder of the articles). Only
/// `title` is required.
pub fn parse_section(
    file: &SourceFile,
    config: &SiteConfig,
    shortcodes: &SiteShortcodes,
    diags: &mut Diagnostics,
) -> Option<crate::model::Section> {
    let (raw, _, body) = read(file, config, shortcodes, diags)?;
    let path = file.path.as_str();
    let title = required_text(path, raw.title.as_ref(), "title", "tên mục", diags)?;
    let top = format!("content/{}/", config.urls.articles);
    let folder = path
        .strip_prefix(&top)
        .and_then(|p| p.strip_suffix("_index.md"))
        .unwrap_or("")
        .trim_end_matches('/')
        .to_string();
    Some(crate::model::Section {
        source: file.path.clone(),
        folder,
        title,
        draft: raw.draft.unwrap_or(false) || raw.published == Some(false),
        body,
    })
}

fn read<'a>(
    file: &'a SourceFile,
    config: &SiteConfig,
    shortcodes: &SiteShortcodes,
    diags: &mut Diagnostics,
) -> Option<(RawFrontMatter, std::borrow::Cow<'a, str>, Body)> {
    let path = file.path.as_str();
    let split = match front_matter::split(&file.text) {
        Ok(split) => split,
        Err(err) => {
            let line = match err {
                front_matter::SplitError::Dashes { line } => line,
                _ => 1,
            };
            diags.push(
                Diagnostic::error(path, err.message())
                    .at(Some(line), Some(1))
                    .with_help(err.help()),
            );
            return None;
        }
    };
    // TOML and JSON front matter (Hugo) read as the YAML they amount to.
    let yaml = match front_matter::as_yaml(&split) {
        Ok(yaml) => yaml,
        Err(err) => {
            diags.push(
                Diagnostic::error(path, err.message)
                    .at(Some(err.line), Some(err.column))
                    .with_help("kiểm tra dấu ngoặc kép, dấu `=` (TOML) hoặc dấu `:` và dấu phẩy (JSON) trên dòng này"),
            );
            return None;
        }
    };
    let raw: RawFrontMatter = yaml::from_str(path, &yaml, KNOWN_KEYS, diags)?;
    // `param` and Liquid's `{{ page.x }}`, `{{ site.x }}`.
    let value = |key: &str| match key {
        "site.title" => Some(config.title.clone()),
        "site.description" => Some(config.description.clone()),
        _ => yaml::scalar(&yaml, key),
    };
    let context = super::shortcodes::Context {
        site: shortcodes,
        value: &value,
        video_embeds: config.video_embeds,
    };
    let markdown = super::shortcodes::expand(path, split.body, split.body_line, &context, diags);
    let markdown = super::passages::mark(path, &markdown, split.body_line, diags);
    Some((
        raw,
        yaml,
        Body {
            markdown,
            first_line: split.body_line,
            bundle: None,
        },
    ))
}

fn required_text(
    path: &str,
    value: Option<&Text>,
    key: &str,
    meaning: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    match value.map(|t| t.0.trim()) {
        Some(text) if !text.is_empty() => Some(text.to_string()),
        _ => {
            diags.push(
                Diagnostic::error(path, format!("thiếu khóa bắt buộc `{key}` ({meaning})"))
                    .at(Some(1), Some(1))
                    .with_help(format!(
                        "thêm dòng `{key}: …` vào phần thông tin giữa hai dòng `---`"
                    )),
            );
            None
        }
    }
}

fn date_value(
    path: &str,
    text: &str,
    key: &str,
    at: Option<crate::diag::Location>,
    config: &SiteConfig,
    diags: &mut Diagnostics,
) -> Option<chrono::NaiveDateTime> {
    match read_date(text, config.timezone) {
        Ok(date) => Some(date),
        Err(problem) => {
            let (message, help) = problem.message(key, text);
            diags.push(Diagnostic::error(path, message).located(at).with_help(help));
            None
        }
    }
}

/// What a content file's name says, as Hugo and Jekyll write them: the
/// text its slug comes from (a page bundle's folder for `x/index.md`; the
/// rest of a Jekyll post's `YYYY-MM-DD-x.md`), and the date a Jekyll name
/// carries.
pub struct FileName<'a> {
    pub slug_source: &'a str,
    pub date: Option<chrono::NaiveDate>,
}

impl<'a> FileName<'a> {
    /// Whether `path` is a page bundle's text (`x/index.md`, or its
    /// translation `x/index.en.md`).
    pub fn is_bundle(path: &crate::model::SourcePath) -> bool {
        let stem = path.stem();
        let name = path.as_str().rsplit('/').next().unwrap_or("");
        stem == "index"
            || (crate::source::translation_language(name).is_some()
                && stem
                    .rsplit_once('.')
                    .is_some_and(|(base, _)| base == "index"))
    }

    pub fn of(path: &'a crate::model::SourcePath) -> FileName<'a> {
        let mut stem = path.stem();
        // A translation (`x.en.md`, `index.en.md`) is named as its original.
        let name = path.as_str().rsplit('/').next().unwrap_or("");
        if crate::source::translation_language(name).is_some() {
            stem = stem.rsplit_once('.').map_or(stem, |(base, _)| base);
        }
        let stem = if stem == "index" {
            // A page bundle: the folder is the page.
            let mut parts = path.as_str().rsplit('/');
            parts.next();
            parts.next().unwrap_or(stem)
        } else {
            stem
        };
        let dated = stem
            .get(..10)
            .filter(|_| stem.as_bytes().get(10) == Some(&b'-'))
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        match dated {
            Some(date) if stem.len() > 11 => FileName {
                slug_source: &stem[11..],
                date: Some(date),
            },
            _ => FileName {
                slug_source: stem,
                date: None,
            },
        }
    }
}

/// The output path of an old address (`/2017/09/ten-bai/`,
/// `/tin/ten-bai.html`, `https://blog.example/ten-bai/` of the old site):
/// a folder's `index.html`, or the file named; or why it cannot be one.
pub fn old_address(written: &str) -> Result<String, &'static str> {
    let mut path = written.trim();
    if let Some((_, rest)) = path.split_once("://") {
        // The old site's full address: its path is what readers have.
        path = rest.find('/').map_or("/", |i| &rest[i..]);
    }
    if path.contains(':') {
        return Err(
            "là mẫu đường dẫn của Jekyll (như `:year`, `:title`), không phải một địa chỉ cụ thể",
        );
    }
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_start_matches('/');
    // A browser shows `/ngày-hội/` and copies `/ng%C3%A0y-h%E1%BB%99i/`; the
    // server looks for the folder by its letters.
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8();
    let path: &str = match &decoded {
        Ok(text) => text,
        Err(_) => return Err("có mã phần trăm (%) không phải chữ UTF-8"),
    };
    if path.is_empty() {
        return Err("là trang chủ, không thể chuyển trang chủ tới một bài");
    }
    let segments: Vec<&str> = path.split('/').collect();
    let safe = |s: &&str| {
        s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
    };
    if segments.iter().any(|s| *s == ".." || *s == ".") || !segments.iter().all(safe) {
        return Err("có ký tự hoặc đoạn `..` không dùng được trong đường dẫn");
    }
    let lower = path.to_ascii_lowercase();
    Ok(if path.ends_with('/') {
        format!("{path}index.html")
    } else if lower.ends_with(".html") || lower.ends_with(".htm") {
        path.to_string()
    } else {
        format!("{path}/index.html")
    })
}

fn slug_for(
    file: &SourceFile,
    explicit: Option<&Text>,
    title: Option<&str>,
    at: Option<crate::diag::Location>,
    diags: &mut Diagnostics,
) -> Option<Slug> {
    let path = file.path.as_str();
    if let Some(Text(slug)) = explicit {
        let parsed = Slug::parse(slug.trim());
        if parsed.is_none() {
            diags.push(Slug::invalid(path, slug, at));
        }
        return parsed;
    }
    let slug = Slug::from_text(FileName::of(&file.path).slug_source)
        .or_else(|| title.and_then(Slug::from_text));
    if slug.is_none() && title.is_some() {
        diags.push(
            Diagnostic::error(
                path,
                "không tạo được đường dẫn (slug) từ tên tệp hoặc tiêu đề",
            )
            .with_help("thêm `slug: ten-bai-viet` vào phần thông tin"),
        );
    }
    slug
}

/// A path written relative to the page (`anh.jpg`, `./hinh/a.png`), not a
/// site path, a full address or an in-page link.
pub fn is_relative(written: &str) -> bool {
    let written = written.trim();
    !written.is_empty() && !written.starts_with(['/', '#', '?', '@']) && !written.contains(':')
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Warns where a list cut an official phrase at its comma: YAML reads
/// `tags: [phòng, chống ma túy]` as two tags, "phòng" and "chống ma túy".
fn warn_split_phrases(
    path: &str,
    key: &str,
    values: &[String],
    at: Option<crate::diag::Location>,
    diags: &mut Diagnostics,
) {
    for pair in values.windows(2) {
        let (first, second) = (pair[0].trim(), pair[1].trim());
        if first.to_lowercase() == "phòng" && second.to_lowercase().starts_with("chống ") {
            let phrase = format!("{first}, {second}");
            diags.push(
                Diagnostic::warning(
                    path,
                    format!("`{key}`: cụm từ `{phrase}` bị dấu phẩy tách thành hai mục `{first}` và `{second}`"),
                )
                .located(at)
                .with_help(format!("đặt cụm từ trong dấu ngoặc kép: `\"{phrase}\"`")),
            );
        }
    }
}

fn clean_list(values: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::with_capacity(values.len());
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let v = v.trim().to_string();
        if !v.is_empty() && seen.insert(v.clone()) {
            out.push(v);
        }
    }
    out
}

/// Most categories or tags an article keeps: articles have two to ten;
/// every list and term page that shows the article carries them, so a
/// pasted list of thousands would make the build quadratic.
pub const MAX_TERMS: usize = 30;

/// `values` cut to [`MAX_TERMS`], with a warning when it was longer.
fn at_most_terms(
    path: &str,
    key: &str,
    mut values: Vec<String>,
    at: Option<crate::diag::Location>,
    diags: &mut Diagnostics,
) -> Vec<String> {
    if values.len() > MAX_TERMS {
        diags.push(
            Diagnostic::warning(
                path,
                format!(
                    "`{key}` có {} mục; loa chỉ dùng {MAX_TERMS} mục đầu",
                    values.len()
                ),
            )
            .located(at)
            .with_help("mỗi bài nên có vài chuyên mục, thẻ chính; bỏ bớt những mục ít dùng"),
        );
        values.truncate(MAX_TERMS);
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_split_at_its_comma_is_warned_about() {
        let mut d = Diagnostics::default();
        let file = SourceFile {
            path: crate::model::SourcePath::new("content/bai-viet/a.md"),
            text:
                "---\ntitle: A\ndate: 2026-01-01\ntags: [phòng, chống ma túy, thanh niên]\n---\nx\n"
                    .to_string(),
        };
        let a = parse_article(&file, &config(), &SiteShortcodes::default(), &mut d).unwrap();
        assert_eq!(a.tags, ["phòng", "chống ma túy", "thanh niên"]);
        let all: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        assert!(
            all.iter().any(|m| m.contains("content/bai-viet/a.md:4:7: cảnh báo: `tags`: cụm từ `phòng, chống ma túy` bị dấu phẩy tách")
                && m.contains("`\"phòng, chống ma túy\"`")),
            "{all:#?}"
        );
        let mut d = Diagnostics::default();
        let file = SourceFile {
            path: crate::model::SourcePath::new("content/bai-viet/b.md"),
            text: "---\ntitle: B\ndate: 2026-01-01\ntags: [\"phòng, chống ma túy\", phòng bệnh]\n---\nx\n"
                .to_string(),
        };
        parse_article(&file, &config(), &SiteShortcodes::default(), &mut d).unwrap();
        assert_eq!(d.iter().count(), 0);
    }
    use crate::model::SourcePath;

    fn config() -> SiteConfig {
        let mut d = Diagnostics::default();
        crate::config::parse_config("title: T\nbase_url: https://a.example/\n", None, &mut d)
            .unwrap()
    }

    fn parse(text: &str) -> (Option<Article>, Vec<String>) {
        let file = SourceFile {
            path: SourcePath::new("content/bai-viet/bai-mau.md"),
            text: text.to_string(),
        };
        let mut d = Diagnostics::default();
        let a = parse_article(&file, &config(), &SiteShortcodes::default(), &mut d);
        (a, d.into_sorted().iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn hugo_and_jekyll_keys_are_accepted() {
        let (a, d) = parse(
            "---\ntitle: Trợ giúp pháp lý\ndate: 2026-04-12\nlastmod: 2026-05-01\ndescription: Tóm tắt\ncategories: [Pháp luật]\ntags: tgpl\nauthors: [A, B]\npublished: false\n---\nNội dung\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let a = a.unwrap();
        assert_eq!(a.summary.as_deref(), Some("Tóm tắt"));
        assert_eq!(a.categories, ["Pháp luật"]);
        assert_eq!(a.tags, ["tgpl"]);
        assert_eq!(a.author.as_deref(), Some("A, B"));
        assert!(a.draft);
        assert_eq!(a.updated.unwrap().date().to_string(), "2026-05-01");
        assert_eq!(a.slug.as_str(), "bai-mau");
        assert_eq!(a.body.first_line, 11);
    }

    #[test]
    fn missing_title_and_impossible_date_are_both_reported() {
        let (a, d) = parse("---\nsummary: x\ndate: 2026-02-30\n---\n");
        assert!(a.is_none());
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(
            d[0].starts_with("content/bai-viet/bai-mau.md:1:1: lỗi: thiếu khóa bắt buộc `title`"),
            "{d:?}"
        );
        assert!(
            d[1].starts_with(
                "content/bai-viet/bai-mau.md:3:7: lỗi: `date`: `2026-02-30` không phải"
            ),
            "{d:?}"
        );
    }

    #[test]
    fn image_needs_alt() {
        let (a, d) = parse("---\ntitle: A\ndate: 2026-01-01\nimage: /anh/a.jpg\n---\n");
        assert!(a.is_none());
        assert!(d[0].contains(":4:8: lỗi: ảnh đại diện"), "{d:?}");
    }

    #[test]
    fn slug_that_leaves_the_folder_is_refused() {
        let (a, d) = parse("---\ntitle: A\ndate: 2026-01-01\nslug: ../../etc\n---\n");
        assert!(a.is_none());
        assert!(
            d[0].contains(":4:7: lỗi: `slug: ../../etc` không hợp lệ"),
            "{d:?}"
        );
    }

    #[test]
    fn numeric_title_and_citations() {
        let (a, d) = parse(
            "---\ntitle: 2026\ndate: 2026-01-01\nsources:\n  - Luật Trợ giúp pháp lý số 11/2017/QH14\n  - title: FACTS\n    url: https://x.example/\n---\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let a = a.unwrap();
        assert_eq!(a.title, "2026");
        assert_eq!(a.sources.len(), 2);
        assert_eq!(a.sources[1].url.as_deref(), Some("https://x.example/"));
    }

    #[test]
    fn old_addresses_with_letters_are_their_folders() {
        assert_eq!(
            old_address("/2021/05/ng%C3%A0y-h%E1%BB%99i/").unwrap(),
            "2021/05/ngày-hội/index.html"
        );
        assert_eq!(
            old_address("https://blog.example/2021/05/ngày-hội/").unwrap(),
            "2021/05/ngày-hội/index.html"
        );
        assert_eq!(old_address("/tin/a.html").unwrap(), "tin/a.html");
        assert!(old_address("/%2e%2e/etc/").is_err());
        assert!(old_address("/a/%FF/").is_err());
        assert!(old_address("/:year/:title/").is_err());
    }
}
