//! Stage 2 (pure): decoded sources → typed content. Each file is parsed on
//! its own; problems become diagnostics and the file is skipped.

pub mod article;
pub mod campaign;
pub mod date;
pub mod documents;
pub mod front_matter;
pub mod passages;
pub mod plan;
pub mod shortcodes;
pub mod timeframe;
pub mod units;

use rayon::prelude::*;
use serde::{Deserialize, Deserializer};

use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::model::{Article, Campaign, LegalDoc, Level, Page, Plan, Unit};
use crate::source::Sources;

/// Everything parsed from `content/`.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Articles, in source path order.
    pub articles: Vec<Article>,
    /// Static pages, in source path order.
    pub pages: Vec<Page>,
    /// Plans, in source path order.
    pub plans: Vec<Plan>,
    /// The unit registry, in file order.
    pub units: Vec<Unit>,
    /// Campaigns, in source path order.
    pub campaigns: Vec<Campaign>,
    /// The legal document registry, in file order.
    pub documents: Vec<LegalDoc>,
    /// Content files that exist but did not parse (paths from `content/`):
    /// links to them are not reported a second time, their own error is.
    pub unparsed: std::collections::BTreeSet<String>,
    /// The site's own shortcodes, compiled.
    pub shortcodes: shortcodes::SiteShortcodes,
    /// Sections of the articles, in source path order.
    pub sections: Vec<crate::model::Section>,
}

/// Parses every source file, in parallel; diagnostics are merged in source
/// order so output does not depend on scheduling.
pub fn parse_all(sources: Sources, config: &SiteConfig, diags: &mut Diagnostics) -> Parsed {
    // Each article file is dropped once parsed: a large site's text is
    // held once, not twice.
    type Outcome<T> = (Option<T>, Diagnostics, Option<String>);
    // The path of a file that did not parse (kept only then).
    let failed = |parsed: bool, file: &crate::source::SourceFile| {
        (!parsed).then(|| file.path.content_relative().to_string())
    };
    let shortcodes = shortcodes::SiteShortcodes::compile(sources.shortcodes, diags);
    let articles: Vec<Outcome<Article>> = sources
        .articles
        .into_par_iter()
        .map(|file| {
            let mut d = Diagnostics::default();
            let article = article::parse_article(&file, config, &shortcodes, &mut d);
            let path = failed(article.is_some(), &file);
            (article, d, path)
        })
        .collect();
    let pages: Vec<Outcome<Page>> = sources
        .pages
        .par_iter()
        .map(|file| {
            let mut d = Diagnostics::default();
            let page = article::parse_page(file, config, &shortcodes, &mut d);
            let path = failed(page.is_some(), file);
            (page, d, path)
        })
        .collect();
    let plans: Vec<Outcome<Plan>> = sources
        .plans
        .par_iter()
        .map(|file| {
            let mut d = Diagnostics::default();
            let plan = plan::parse_plan(file, &mut d);
            let path = failed(plan.is_some(), file);
            (plan, d, path)
        })
        .collect();
    let mut parsed = Parsed {
        shortcodes,
        ..Parsed::default()
    };
    for (plan, d, path) in plans {
        diags.extend(d);
        parsed.plans.extend(plan);
        parsed.unparsed.extend(path);
    }
    for file in &sources.sections {
        let section = article::parse_section(file, config, &parsed.shortcodes, diags);
        parsed.unparsed.extend(failed(section.is_some(), file));
        parsed.sections.extend(section);
    }
    for file in &sources.campaigns {
        let campaign = campaign::parse_campaign(file, config, diags);
        parsed.unparsed.extend(failed(campaign.is_some(), file));
        parsed.campaigns.extend(campaign);
    }
    if let Some(file) = &sources.units {
        parsed.units = units::parse_units(file, diags);
    }
    if let Some(file) = &sources.documents {
        parsed.documents = documents::parse_documents(file, diags);
    }
    for (article, d, path) in articles {
        diags.extend(d);
        parsed.articles.extend(article);
        parsed.unparsed.extend(path);
    }
    for (page, d, path) in pages {
        diags.extend(d);
        parsed.pages.extend(page);
        parsed.unparsed.extend(path);
    }
    parsed
}

/// A scalar read as text: YAML `2026` or `true` is as good a title as "2026".
#[derive(Clone, Debug, Default)]
pub(crate) struct Text(pub(crate) String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `tags: a` or `tags: [a, b]`.
#[derive(Default)]
pub(crate) struct OneOrMany(pub(crate) Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            One(Text),
            Many(Vec<Text>),
            Nothing(()),
        }
        Ok(OneOrMany(match Shape::deserialize(d)? {
            Shape::One(t) => vec![t.0],
            Shape::Many(v) => v.into_iter().map(|t| t.0).collect(),
            Shape::Nothing(()) => Vec::new(),
        }))
    }
}

/// An administrative level as plan and unit files write it.
#[derive(Deserialize, Clone, Copy)]
pub(crate) enum RawLevel {
    #[serde(rename = "trung-uong")]
    Central,
    #[serde(rename = "tinh")]
    Province,
    #[serde(rename = "huyen")]
    District,
    #[serde(rename = "xa")]
    Commune,
    #[serde(rename = "co-so")]
    Local,
}

impl From<RawLevel> for Level {
    fn from(raw: RawLevel) -> Level {
        match raw {
            RawLevel::Central => Level::Central,
            RawLevel::Province => Level::Province,
            RawLevel::District => Level::District,
            RawLevel::Commune => Level::Commune,
            RawLevel::Local => Level::Local,
        }
    }
}

/// The lead image of an article or campaign: an image needs its text
/// alternative, or it is an error at `at`.
pub(crate) fn lead_image(
    src: Option<String>,
    alt: Option<String>,
    path: &str,
    at: Option<crate::diag::Location>,
    diags: &mut Diagnostics,
) -> Option<crate::model::Image> {
    if let Some(written) = src.as_deref().filter(|s| crate::text::is_computer_path(s)) {
        diags.push(
            crate::diag::Diagnostic::error(
                path,
                format!("ảnh đại diện `{written}` là đường dẫn trên máy tính, trang web không có tệp này"),
            )
            .located(at)
            .with_help("chép ảnh vào thư mục static/ của trang (ví dụ static/anh/ten-anh.jpg) rồi viết `image: /anh/ten-anh.jpg`"),
        );
        return None;
    }
    match (src, alt) {
        (Some(src), Some(alt)) if !alt.trim().is_empty() => Some(crate::model::Image {
            src: src.trim().to_string(),
            alt: alt.trim().to_string(),
        }),
        (Some(_), _) => {
            diags.push(
                crate::diag::Diagnostic::error(
                    path,
                    "ảnh đại diện (`image`) thiếu lời mô tả `image_alt`",
                )
                .located(at)
                .with_help("thêm `image_alt: …` mô tả nội dung ảnh cho người không nhìn thấy ảnh"),
            );
            None
        }
        (None, _) => None,
    }
}

/// A warning for each line of `text` (a whole source file) that still
/// holds a "[Cần điền…]" placeholder, saying the `what` stays unpublished;
/// true when there is one. In a YAML file (`yaml`), comment lines are not
/// content.
pub(crate) fn unpublished_placeholders(
    path: &str,
    text: &str,
    what: &str,
    yaml: bool,
    diags: &mut crate::diag::Diagnostics,
) -> bool {
    let mut found = false;
    // In Markdown, what an HTML comment holds (a note to the clerk) is not
    // shown either.
    let mut in_comment = false;
    for (i, line) in text.lines().enumerate() {
        let mut visible = String::new();
        let mut rest = line;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else if let (false, Some(start)) = (yaml, rest.find("<!--")) {
                visible.push_str(&rest[..start]);
                rest = &rest[start + 4..];
                in_comment = true;
            } else {
                visible.push_str(rest);
                break;
            }
        }
        if !visible.contains(crate::text::PLACEHOLDER) {
            continue;
        }
        let Some(byte) = line.find(crate::text::PLACEHOLDER) else {
            continue;
        };
        if yaml && line.trim_start().starts_with('#') {
            continue;
        }
        let mut d = crate::diag::Diagnostic::warning(
            path,
            format!("{what} còn chỗ trống cần điền; {what} chưa được đăng cho đến khi điền xong"),
        )
        .at(
            Some(i as u32 + 1),
            Some(line[..byte].chars().count() as u32 + 1),
        )
        .placeholder();
        if !found {
            d = d.with_help("thay các chỗ \"[Cần điền…]\" bằng nội dung thật; xem trước bản nháp bằng `loa serve --drafts`");
        }
        diags.push(d);
        found = true;
    }
    found
}
