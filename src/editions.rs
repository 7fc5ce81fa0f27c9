//! The site in its other languages (`languages:` in site.yaml). Each is an
//! edition: the translations of articles and pages (`x.en.md`, or
//! `translation_of:`) parsed and resolved as a site of their own, whose
//! addresses are under the language's prefix (`en/bai-viet/x/`), rendered
//! with the theme's strings in that language into the same output. Plans,
//! units, campaigns and documents stay the default language's (official
//! documents); an edition links to them. Every page that exists in several
//! languages knows its versions (`Site::translations`): the head's
//! `hreflang` links, the language switch and the sitemap read them.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::render::theme::Theme;
use crate::resolve::{Site, Translated};
use crate::source::{Sources, Translation};
use crate::{load, parse, render, resolve};

/// One edition, ready to render.
pub struct Edition {
    pub site: Site,
    pub theme: Option<Theme>,
}

/// The editions of `site` in its other languages, from `translations`.
#[allow(clippy::too_many_arguments)]
pub fn build(
    root: &Path,
    site: &Site,
    translations: Vec<Translation>,
    shortcodes: &[(String, crate::model::SourcePath, String)],
    minify: bool,
    opts: resolve::ResolveOptions,
    diags: &mut Diagnostics,
) -> anyhow::Result<Vec<Edition>> {
    let mut editions = Vec::new();
    for language in &site.config.languages {
        let config = site.config.edition(language);
        let mut sources = Sources {
            shortcodes: shortcodes.to_vec(),
            ..Sources::default()
        };
        for t in translations.iter().filter(|t| t.language == language.code) {
            if t.article {
                sources.articles.push(t.file.clone());
            } else {
                sources.pages.push(t.file.clone());
            }
        }
        let mut theme_files = load::read_theme(root, &config.theme, &config.language, diags)?;
        theme_files
            .templates
            .retain(|(name, _, _)| !name.starts_with(parse::shortcodes::FOLDER));
        let theme =
            render::theme::compile(theme_files, minify, &render::site_constants(&config), diags);
        let parsed = parse::parse_all(sources, &config, diags);
        let mut edition = resolve::resolve(config, parsed, opts, diags);
        share_bundles(site, &mut edition);
        edition.image_sizes = site.image_sizes.clone();
        edition.static_files = site.static_files.clone();
        edition.pictures = site.pictures.clone();
        editions.push(Edition {
            site: edition,
            theme,
        });
    }
    Ok(editions)
}

/// A translation in a page bundle (`x/index.en.md`) shows the original's
/// pictures and files, published beside the original: its relative paths
/// (text and share image) lead there.
fn share_bundles(site: &Site, edition: &mut Site) {
    for i in 0..edition.articles.len() {
        let translated = &edition.articles[i];
        let (Some(own), Some(original)) = (&translated.body.bundle, &translated.translation_of)
        else {
            continue;
        };
        let Some(original) = site
            .articles
            .iter()
            .find(|a| a.source.content_relative() == original)
        else {
            continue;
        };
        let folder = site.article_url(original);
        let own = own.clone();
        let article = &mut edition.articles[i];
        if let Some(image) = &mut article.image {
            if let Some(rest) = image.src.strip_prefix(&format!("/{own}")) {
                image.src = format!("/{folder}{rest}");
            }
        }
        article.body.bundle = Some(folder);
    }
}

/// Links every page to its versions in the other languages, in `site` and
/// each edition: an article or page and its translations; the home pages,
/// the lists of articles and the search pages of all languages. A
/// translation of nothing published is warned about.
pub fn link(site: &mut Site, editions: &mut [Edition], diags: &mut Diagnostics) {
    if editions.is_empty() {
        return;
    }
    // Original's content path → its versions.
    let mut groups: BTreeMap<String, Vec<Translated>> = BTreeMap::new();
    let version = |s: &Site, url: String, default: bool| Translated {
        language: s.config.language.clone(),
        name: s.config.language_name.clone(),
        url,
        default,
    };
    for a in &site.articles {
        groups
            .entry(a.source.content_relative().to_string())
            .or_default()
            .push(version(site, site.article_url(a), true));
    }
    for p in &site.pages {
        groups
            .entry(p.source.content_relative().to_string())
            .or_default()
            .push(version(site, site.page_url(p), true));
    }
    let mut shared: Vec<Vec<Translated>> = vec![
        vec![version(site, String::new(), true)],
        vec![version(site, site.articles_url(), true)],
        vec![version(site, site.search_url(), true)],
    ];
    for edition in editions.iter() {
        let e = &edition.site;
        let mut add = |original: &Option<String>, source: &str, url: String| {
            match original {
            Some(original) if groups.contains_key(original) => {
                if let Some(group) = groups.get_mut(original) {
                    group.push(version(e, url, false));
                }
            }
            _ => diags.push(
                Diagnostic::warning(
                    source,
                    format!(
                        "bản dịch ({}) không có bài gốc đã đăng{}; trang vẫn được đăng nhưng không nối với bản tiếng Việt",
                        e.config.language_name,
                        original
                            .as_deref()
                            .map(|o| format!(" `{o}`"))
                            .unwrap_or_default()
                    ),
                )
                .with_help("đặt tên tệp như bài gốc thêm mã ngôn ngữ (`ten-bai.en.md` cạnh `ten-bai.md`), hoặc ghi `translation_of: bai-viet/ten-bai.md`"),
            ),
        }
        };
        for a in &e.articles {
            add(&a.translation_of, a.source.as_str(), e.article_url(a));
        }
        for p in &e.pages {
            add(&p.translation_of, p.source.as_str(), e.page_url(p));
        }
        shared[0].push(version(e, e.config.prefix.clone(), false));
        shared[1].push(version(e, e.articles_url(), false));
        shared[2].push(version(e, e.search_url(), false));
    }
    let mut by_url: BTreeMap<String, Vec<Translated>> = BTreeMap::new();
    for group in groups.into_values().chain(shared) {
        if group.len() < 2 {
            continue;
        }
        for v in &group {
            by_url.insert(v.url.clone(), group.clone());
        }
    }
    for edition in editions.iter_mut() {
        edition.site.translations = by_url.clone();
    }
    site.translations = by_url;
}
