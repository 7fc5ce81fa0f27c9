//! `site.yaml` → [`SiteConfig`]: the raw serde shape, then checks and
//! defaults. Pure; the file is read by `load`.

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::text;
use crate::yaml;

/// The name of the site configuration file in the site root.
pub const FILE: &str = "site.yaml";

/// The text that marks a value the commune still has to fill in.
pub use crate::text::PLACEHOLDER;

/// The checked site configuration.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// Site title, shown in every page's header and title.
    pub title: String,
    /// One or two sentences on what the portal is; the home page's description.
    pub description: String,
    /// Full URL the site is published at, always ending in `/`.
    pub base_url: String,
    /// Content language, `vi`.
    pub language: String,
    /// The language's name in itself, for the language switch ("Tiếng Việt").
    pub language_name: String,
    /// The site's other languages (`languages:`), each an edition of the
    /// site under its own prefix (`/en/`).
    pub languages: Vec<LanguageConfig>,
    /// The prefix of this edition's addresses (`en/`), or nothing for the
    /// default language's. Not written in site.yaml: set by `edition`.
    pub prefix: String,
    /// The site's UTC offset, such as `+07:00`.
    pub timezone: chrono::FixedOffset,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// The body that publishes the portal and how to reach it.
    pub issuer: Issuer,
    /// The main menu, in order.
    pub menu: Vec<MenuItem>,
    /// Articles on each page of a list.
    pub articles_per_page: usize,
    /// Articles on the home page.
    pub home_articles: usize,
    /// Whether HTML is minified.
    pub minify: bool,
    /// Keep raw HTML in Markdown as written (trusted sites only).
    pub allow_raw_html: bool,
    /// Hugo's `youtube` and `vimeo` shortcodes as the videos' players (from
    /// youtube-nocookie.com and player.vimeo.com, allowed by the pages'
    /// security policy) instead of links. Off: no third-party frame.
    pub video_embeds: bool,
    /// Publish the originals of photos beside their smaller versions (for
    /// download; without their location). `false` saves the host's space.
    pub photo_originals: bool,
    /// Largest page, gzipped with its CSS, before a warning, in KB.
    pub page_budget_kb: usize,
    /// The first path segment of each kind of page.
    pub urls: UrlSegments,
    /// Plan topics the site adds to loa's own (`model::KNOWN_TOPICS`):
    /// slug → the name shown ("giam-ngheo" → "Giảm nghèo").
    pub topics: std::collections::BTreeMap<String, String>,
}

/// The issuing body and its contact details.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Issuer {
    /// Official name, e.g. "Ủy ban nhân dân xã Thanh Miện".
    pub name: String,
    /// The body above it, e.g. "Thành phố Hải Phòng".
    pub parent: String,
    /// Postal address of the office.
    pub address: String,
    /// Office phone.
    pub phone: String,
    /// Office email.
    pub email: String,
    /// Hotline for citizens.
    pub hotline: String,
    /// Office hours.
    pub working_hours: String,
    /// Other places citizens can turn to (legal aid centre, health station…).
    pub help_contacts: Vec<HelpContact>,
}

/// Another place a citizen can turn to.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct HelpContact {
    /// Name of the place or service.
    pub name: String,
    /// What it helps with.
    pub purpose: String,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: String,
}

/// Another language of the site (`languages:` in site.yaml).
#[derive(Clone, Debug, Deserialize)]
pub struct LanguageConfig {
    /// Its code (BCP 47: `en`, `tyz`), also its prefix (`/en/`).
    pub code: String,
    /// Its name in itself ("English").
    pub name: String,
    /// The first segment of its addresses (`en` → `/en/`); its code when
    /// not given.
    #[serde(default)]
    pub prefix: Option<String>,
    /// The site's title in it; the default language's when not given.
    #[serde(default)]
    pub title: Option<String>,
    /// The site's description in it.
    #[serde(default)]
    pub description: Option<String>,
    /// Its main menu; none when not given.
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    /// The issuer's name, address, office hours and help contacts (each
    /// with its phone) in it; the office's phone, e-mail and hotline are
    /// the default language's.
    #[serde(default)]
    pub issuer: IssuerText,
}

/// The words of the issuer's details, in another language.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct IssuerText {
    pub name: Option<String>,
    pub parent: Option<String>,
    pub address: Option<String>,
    pub working_hours: Option<String>,
    pub help_contacts: Option<Vec<HelpContact>>,
}

/// One menu entry. `url` is a site path (`/bai-viet/`), a content file
/// (`@/trang/gioi-thieu.md`) or a full external URL.
#[derive(Clone, Debug, Deserialize)]
pub struct MenuItem {
    /// Text of the entry.
    pub label: String,
    /// Where it leads.
    pub url: String,
    /// Where the entry is written in site.yaml.
    #[serde(skip)]
    pub at: Option<Location>,
}

/// First path segments of the generated pages (DESIGN.md's URL table).
#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct UrlSegments {
    /// Article list and article pages.
    pub articles: String,
    /// Category pages.
    pub categories: String,
    /// Tag pages.
    pub tags: String,
    /// Pagination: `/bai-viet/trang/2/`.
    pub pagination: String,
    /// Plan pages.
    pub plans: String,
    /// Unit pages.
    pub units: String,
    /// Campaign pages.
    pub campaigns: String,
    /// Search page.
    pub search: String,
    /// Open data.
    pub data: String,
    /// The legal document registry.
    pub documents: String,
}

impl Default for UrlSegments {
    fn default() -> Self {
        UrlSegments {
            articles: "bai-viet".into(),
            categories: "chuyen-muc".into(),
            tags: "the".into(),
            pagination: "trang".into(),
            plans: "ke-hoach".into(),
            units: "don-vi".into(),
            campaigns: "chien-dich".into(),
            search: "tim-kiem".into(),
            data: "du-lieu".into(),
            documents: "van-ban".into(),
        }
    }
}

impl UrlSegments {
    pub fn all(&self) -> [(&'static str, &str); 10] {
        [
            ("articles", &self.articles),
            ("categories", &self.categories),
            ("tags", &self.tags),
            ("pagination", &self.pagination),
            ("plans", &self.plans),
            ("units", &self.units),
            ("campaigns", &self.campaigns),
            ("search", &self.search),
            ("data", &self.data),
            ("documents", &self.documents),
        ]
    }
}

#[derive(Deserialize)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    language_name: Option<String>,
    #[serde(default)]
    languages: Vec<LanguageConfig>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    issuer: Issuer,
    #[serde(default)]
    menu: Vec<MenuItem>,
    #[serde(default = "default_per_page")]
    articles_per_page: usize,
    #[serde(default = "default_home_articles")]
    home_articles: usize,
    #[serde(default = "default_true")]
    minify: bool,
    #[serde(default)]
    allow_raw_html: bool,
    #[serde(default = "default_true")]
    photo_originals: bool,
    #[serde(default)]
    video_embeds: bool,
    #[serde(default = "default_budget")]
    page_budget_kb: usize,
    #[serde(default)]
    urls: UrlSegments,
    #[serde(default)]
    topics: std::collections::BTreeMap<String, String>,
}

/// Every key site.yaml knows, at any level, for typo suggestions.
const KNOWN_KEYS: &[&str] = &[
    "topics",
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "theme",
    "issuer",
    "menu",
    "articles_per_page",
    "home_articles",
    "minify",
    "allow_raw_html",
    "photo_originals",
    "video_embeds",
    "page_budget_kb",
    "urls",
    "name",
    "parent",
    "address",
    "phone",
    "email",
    "hotline",
    "working_hours",
    "help_contacts",
    "purpose",
    "label",
    "url",
    "articles",
    "categories",
    "tags",
    "pagination",
    "plans",
    "units",
    "campaigns",
    "search",
    "data",
    "languages",
    "language_name",
    "code",
    "prefix",
];

fn default_language() -> String {
    "vi".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_per_page() -> usize {
    10
}
fn default_home_articles() -> usize {
    6
}
fn default_budget() -> usize {
    30
}
fn default_true() -> bool {
    true
}

/// Parses and checks `site.yaml`. `base_url` from the command line, when
/// given, replaces the file's.
impl SiteConfig {
    /// The configuration of the edition in `language`: its language, title
    /// and description, its menu, and every address of its pages under
    /// `<code>/` (plans, units, campaigns and documents stay the default
    /// language's, shared).
    pub fn edition(&self, language: &LanguageConfig) -> SiteConfig {
        let prefix = format!("{}/", language.prefix.as_deref().unwrap_or(&language.code));
        let mut urls = self.urls.clone();
        for segment in [
            &mut urls.articles,
            &mut urls.categories,
            &mut urls.tags,
            &mut urls.search,
        ] {
            *segment = format!("{prefix}{segment}");
        }
        let mut issuer = self.issuer.clone();
        let words = &language.issuer;
        for (field, value) in [
            (&mut issuer.name, &words.name),
            (&mut issuer.parent, &words.parent),
            (&mut issuer.address, &words.address),
            (&mut issuer.working_hours, &words.working_hours),
        ] {
            if let Some(value) = value {
                *field = value.clone();
            }
        }
        if let Some(help) = &words.help_contacts {
            issuer.help_contacts = help.clone();
        }
        SiteConfig {
            issuer,
            title: language.title.clone().unwrap_or_else(|| self.title.clone()),
            description: language
                .description
                .clone()
                .unwrap_or_else(|| self.description.clone()),
            language: language.code.clone(),
            language_name: language.name.clone(),
            menu: language.menu.clone(),
            prefix,
            urls,
            ..self.clone()
        }
    }
}

/// The other languages, each checked: a language tag, not the default
/// language, once, with a name.
fn languages(raw: &RawConfig, text: &str, diags: &mut Diagnostics) -> Vec<LanguageConfig> {
    let mut seen = vec![raw.language.clone()];
    let mut out = Vec::new();
    for language in &raw.languages {
        let code = language.code.trim().to_string();
        let at = yaml::key_location(text, "languages");
        if !crate::text::is_language_tag(&code) || seen.contains(&code) {
            diags.push(
                Diagnostic::error(FILE, format!("`languages`: `{code}` không phải mã một ngôn ngữ khác của trang"))
                    .located(at)
                    .with_help("ghi mã ngôn ngữ theo ISO 639 (`en`, `tyz`, `km`), mỗi ngôn ngữ một lần, khác `language` của trang"),
            );
            continue;
        }
        let prefix = language.prefix.as_deref().unwrap_or(&code);
        if raw.urls.all().iter().any(|(_, segment)| *segment == prefix) {
            diags.push(
                Diagnostic::error(FILE, format!("`languages`: đường dẫn `/{prefix}/` của ngôn ngữ `{code}` trùng với một mục của trang"))
                    .located(at)
                    .with_help("ghi `prefix:` khác cho ngôn ngữ này, ví dụ `prefix: en`"),
            );
            continue;
        }
        if let Some(prefix) = &language.prefix {
            if !crate::text::is_slug(prefix) {
                diags.push(
                    Diagnostic::error(FILE, format!("`languages`: `prefix: {prefix}` của ngôn ngữ `{code}` không dùng được làm đường dẫn"))
                        .located(at)
                        .with_help("ghi chữ thường không dấu, số và dấu gạch ngang, ví dụ `prefix: en`"),
                );
                continue;
            }
        }
        if language.name.trim().is_empty() {
            diags.push(
                Diagnostic::error(FILE, format!("`languages`: ngôn ngữ `{code}` thiếu `name` (tên của ngôn ngữ bằng chính nó, như `English`)"))
                    .located(at),
            );
            continue;
        }
        seen.push(code.clone());
        // What still holds "[Cần điền…]" is left out (warned about with the
        // rest of site.yaml).
        let strip = |s: &Option<String>| {
            s.as_deref()
                .map(|v| crate::text::strip_placeholders(v.trim()))
                .filter(|v| !v.is_empty())
        };
        let words = &language.issuer;
        out.push(LanguageConfig {
            code,
            title: strip(&language.title),
            description: strip(&language.description),
            issuer: IssuerText {
                name: strip(&words.name),
                parent: strip(&words.parent),
                address: strip(&words.address),
                working_hours: strip(&words.working_hours),
                help_contacts: words.help_contacts.as_ref().map(|list| {
                    list.iter()
                        .map(|h| HelpContact {
                            name: crate::text::strip_placeholders(&h.name),
                            purpose: crate::text::strip_placeholders(&h.purpose),
                            address: crate::text::strip_placeholders(&h.address),
                            phone: crate::text::strip_placeholders(&h.phone),
                        })
                        .filter(|h| !h.name.is_empty())
                        .collect()
                }),
            },
            ..language.clone()
        });
    }
    out
}

pub fn parse_config(
    text: &str,
    base_url_override: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<SiteConfig> {
    let raw: RawConfig = yaml::from_str(FILE, text, KNOWN_KEYS, diags)?;
    let before = diags.count(crate::diag::Severity::Error);
    let at = |key: &str| yaml::key_location(text, key);
    let other_languages = languages(&raw, text, diags);

    let base_url = base_url_override
        .unwrap_or(&raw.base_url)
        .trim()
        .to_string();
    if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
        let d = Diagnostic::error(
            FILE,
            format!("`base_url` phải là địa chỉ đầy đủ bắt đầu bằng https:// hoặc http://, không phải `{base_url}`"),
        )
        .located(at("base_url"))
        .with_help("ví dụ: `base_url: https://thanhmien.haiphong.gov.vn/`");
        diags.push(d);
    }
    let base_url = if base_url.ends_with('/') {
        base_url
    } else {
        format!("{base_url}/")
    };

    let timezone = match raw.timezone.as_deref() {
        None => chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset"),
        Some(tz) => match parse_offset(tz) {
            Some(offset) => offset,
            None => {
                diags.push(
                    Diagnostic::error(
                        FILE,
                        format!("`timezone` phải có dạng +07:00, không phải `{tz}`"),
                    )
                    .located(at("timezone")),
                );
                chrono::FixedOffset::east_opt(0).expect("0 is a valid offset")
            }
        },
    };

    for (key, segment) in raw.urls.all() {
        if !text::is_slug(segment) {
            diags.push(
                Diagnostic::error(
                    FILE,
                    format!("`urls.{key}` phải là một đoạn đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang, không phải `{segment}`"),
                )
                .located(at(key)),
            );
        }
    }
    if !text::is_slug(&raw.theme) {
        diags.push(
            Diagnostic::error(FILE, format!("tên giao diện `{}` không hợp lệ", raw.theme))
                .located(at("theme")),
        );
    }
    if raw.articles_per_page == 0 {
        diags.push(
            Diagnostic::error(FILE, "`articles_per_page` phải lớn hơn 0")
                .located(at("articles_per_page")),
        );
    }
    if raw.title.trim().is_empty() {
        diags.push(Diagnostic::error(FILE, "`title` không được để trống").located(at("title")));
    }
    warn_placeholders(FILE, text, diags);

    if diags.count(crate::diag::Severity::Error) > before {
        return None;
    }
    let mut menu = raw.menu;
    for item in &mut menu {
        item.at = text.lines().enumerate().find_map(|(i, line)| {
            let byte = line.find(item.url.as_str())?;
            line.trim_start().contains("url").then(|| Location {
                line: i as u32 + 1,
                column: line[..byte].chars().count() as u32 + 1,
            })
        });
        if !crate::text::link_allowed(&item.url) {
            diags.push(crate::diag::link_refused(FILE, "menu", &item.url, item.at));
        }
    }
    if diags.count(crate::diag::Severity::Error) > before {
        return None;
    }
    // What citizens see never holds a placeholder: a value that is one is
    // left out (the templates then show nothing, or a sentence instead).
    let strip = crate::text::strip_placeholders;
    let mut issuer = raw.issuer;
    for field in [
        &mut issuer.name,
        &mut issuer.parent,
        &mut issuer.address,
        &mut issuer.phone,
        &mut issuer.email,
        &mut issuer.hotline,
        &mut issuer.working_hours,
    ] {
        *field = strip(field);
    }
    issuer.help_contacts = issuer
        .help_contacts
        .into_iter()
        .map(|h| HelpContact {
            name: strip(&h.name),
            purpose: strip(&h.purpose),
            address: strip(&h.address),
            phone: strip(&h.phone),
        })
        .filter(|h| !h.name.is_empty())
        .collect();
    Some(SiteConfig {
        title: strip(raw.title.trim()),
        description: strip(raw.description.trim()),
        base_url,
        language_name: raw.language_name.clone().unwrap_or_else(|| {
            match raw.language.as_str() {
                "vi" => "Tiếng Việt",
                "en" => "English",
                other => other,
            }
            .to_string()
        }),
        languages: other_languages,
        prefix: String::new(),
        language: raw.language,
        timezone,
        theme: raw.theme,
        issuer,
        menu,
        articles_per_page: raw.articles_per_page.max(1),
        home_articles: raw.home_articles,
        minify: raw.minify,
        allow_raw_html: raw.allow_raw_html,
        photo_originals: raw.photo_originals,
        video_embeds: raw.video_embeds,
        page_budget_kb: raw.page_budget_kb,
        urls: raw.urls,
        topics: raw
            .topics
            .into_iter()
            .map(|(slug, name)| (crate::text::slugify(&slug), name.trim().to_string()))
            .filter(|(slug, name)| !slug.is_empty() && !name.is_empty())
            .collect(),
    })
}

/// A warning for each value still holding a "[Cần điền…]" placeholder, so the
/// commune sees what it has not filled in before publishing.
pub(crate) fn warn_placeholders(file: &str, text: &str, diags: &mut Diagnostics) {
    let mut first = true;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let Some(byte) = line.find(PLACEHOLDER) else {
            continue;
        };
        let column = line[..byte].chars().count() + 1;
        let key = placeholder_key(text, i, &line[..byte]);
        let mut warning = Diagnostic::warning(
            file,
            format!("`{key}` vẫn là chỗ trống cần điền; trang web không hiện giá trị này cho đến khi được điền"),
        )
        .at(Some(i as u32 + 1), Some(column as u32))
        .placeholder();
        if first {
            // One hint is enough: the same words under every line would bury the list.
            warning = warning.with_help(
                "thay các chỗ \"[Cần điền…]\" bằng thông tin thật của đơn vị; trước khi đăng, chạy `loa check --strict`",
            );
            first = false;
        }
        diags.push(warning);
    }
}

/// The key a placeholder is the value of: `phone` in `phone: "[Cần điền]"`;
/// for an item of a list (`  - "[Cần điền]"`), the list's key.
fn placeholder_key<'a>(text: &'a str, line_index: usize, before: &'a str) -> &'a str {
    let own = before.trim_start().trim_start_matches("- ");
    if let Some((key, _)) = own.split_once(':') {
        if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return key;
        }
    }
    let indent = before.len() - before.trim_start().len();
    let lines: Vec<&str> = text.lines().take(line_index).collect();
    lines
        .iter()
        .rev()
        .find(|l| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#') && l.len() - t.len() < indent
        })
        .and_then(|l| l.trim_start().trim_start_matches("- ").split(':').next())
        .map(str::trim)
        .unwrap_or("")
}

fn parse_offset(text: &str) -> Option<chrono::FixedOffset> {
    let text = text.trim();
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=14).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    chrono::FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<SiteConfig>, Vec<String>) {
        let mut diags = Diagnostics::default();
        let config = parse_config(text, None, &mut diags);
        (
            config,
            diags.into_sorted().iter().map(|d| d.to_string()).collect(),
        )
    }

    #[test]
    fn defaults_fill_what_is_not_written() {
        let (config, diags) = parse("title: Xã A\nbase_url: https://a.example\n");
        let config = config.unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(config.base_url, "https://a.example/");
        assert_eq!(config.urls.articles, "bai-viet");
        assert_eq!(config.articles_per_page, 10);
        assert_eq!(config.timezone.local_minus_utc(), 7 * 3600);
    }

    #[test]
    fn unknown_key_warns_with_nearest() {
        let (config, diags) =
            parse("title: Xã A\nbase_url: https://a.example\narticles_per_pag: 5\n");
        assert!(config.is_some());
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].starts_with("site.yaml:3:19: cảnh báo"),
            "{diags:?}"
        );
        assert!(diags[0].contains("`articles_per_page`"), "{diags:?}");
    }

    #[test]
    fn bad_base_url_and_segment_are_errors() {
        let (config, diags) = parse("title: Xã A\nbase_url: thanhmien.vn\nurls:\n  tags: Thẻ\n");
        assert!(config.is_none());
        assert!(
            diags[0].starts_with("site.yaml:2:11: lỗi: `base_url`"),
            "{diags:?}"
        );
        assert!(
            diags[1].starts_with("site.yaml:4:9: lỗi: `urls.tags`"),
            "{diags:?}"
        );
    }

    #[test]
    fn placeholders_are_warned() {
        let (_, diags) = parse(
            "title: Xã A\nbase_url: https://a.example\nissuer:\n  phone: \"[Cần điền: số điện thoại]\"\n",
        );
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].starts_with("site.yaml:4:11: cảnh báo: `phone`"),
            "{diags:?}"
        );
    }
}
