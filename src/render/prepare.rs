//! What every page needs besides its own document, computed once before
//! pages are rendered: each article's card, the site-wide values, the menu,
//! the search filters and the theme's asset names.

use serde::Serialize;

use super::budget::gzip_size;
use super::theme::Theme;
use super::views::{self, Card, Place, SiteView};
use super::{files, markdown};
use crate::diag::{Diagnostic, Diagnostics};
use crate::resolve::Site;

/// Reading speed used for the reading time, in words (syllables) per minute.
const WORDS_PER_MINUTE: usize = 200;

/// What every page needs besides its own document, computed once.
pub struct Prepared {
    /// Per article, once its Markdown was rendered.
    pub(super) cards: Vec<Card>,
    /// Every article's index, in order: the items of the article list.
    pub(super) all_articles: Vec<usize>,
    pub(super) site_view: SiteView,
    pub(super) menu: Vec<(String, MenuTarget)>,
    pub(super) search_kinds: Vec<&'static str>,
    pub(super) search_topics: std::collections::BTreeMap<String, String>,
    pub(super) assets: std::collections::BTreeMap<String, String>,
    pub(super) surely_light: usize,
}

/// What other pages show of `article` ([`Card`]). Every field of the
/// article is named here: a new one must be placed on the card or said to
/// be shown only on the article's own page, or this does not compile.
pub fn article_card(
    article: &crate::model::Article,
    body: &markdown::Rendered,
    language: &str,
) -> Card {
    let crate::model::Article {
        slug,
        title,
        date,
        updated,
        summary,
        categories,
        tags,
        audience,
        image,
        author,
        draft,
        implements,
        legal_basis,
        mentions,
        historical,
        aliases,
        weight,
        expires,
        // Which page it translates: its head's alternates, made whole-site.
        translation_of: _,
        // Shown only on its own page (the search index and the feed are
        // made again after every edit).
        source: _,
        sources: _,
        body: _,
    } = article;
    let refs = |list: &[(String, Option<crate::diag::Location>)]| {
        list.iter().map(|(r, _)| r.clone()).collect()
    };
    Card {
        place: Place {
            slug: slug.clone(),
            date: *date,
            categories: categories.clone(),
            tags: tags.clone(),
            draft: *draft,
            implements: refs(implements),
            legal_basis: refs(legal_basis),
            mentions: mentions.clone(),
            historical: *historical,
            aliases: refs(aliases),
            weight: *weight,
            expires: *expires,
        },
        title: title.clone(),
        summary: summary
            .clone()
            .unwrap_or_else(|| crate::text::truncate_words(&body.first_paragraph, 200)),
        reading_minutes: body.words.div_ceil(WORDS_PER_MINUTE).max(1),
        date: views::DateView::new(*date, language),
        updated: updated.map(|d| views::DateView::new(d, language)),
        categories: with_slugs(categories),
        tags: with_slugs(tags),
        audience: audience.clone(),
        image: image.clone(),
        author: author.clone(),
    }
}

/// Names with their slugs, leaving out those that have none.
fn with_slugs(names: &[String]) -> Vec<(String, String)> {
    names
        .iter()
        .filter_map(|n| Some((n.clone(), crate::model::Slug::from_text(n)?.to_string())))
        .collect()
}

/// Computes what [`Prepared`] holds, but for the articles' cards, which
/// come with their Markdown (`render_site`).
pub fn prepare(site: &Site, theme: &Theme, diags: &mut Diagnostics) -> Prepared {
    let (search_kinds, search_topics) = files::search_facets(site);
    let assets: std::collections::BTreeMap<String, String> = theme
        .assets
        .iter()
        .map(|(name, bytes)| (name.clone(), asset_name(name, bytes)))
        .collect();
    Prepared {
        cards: Vec::new(),
        all_articles: (0..site.articles.len()).collect(),
        site_view: site_view(site),
        menu: menu_targets(site, diags),
        search_kinds,
        search_topics,
        assets,
        surely_light: (site.config.page_budget_kb * 1024).saturating_sub(
            theme
                .assets
                .iter()
                .filter(|(name, _)| name.ends_with(".css"))
                .map(|(_, bytes)| gzip_size(bytes))
                .sum(),
        ),
    }
}

impl Prepared {
    /// The card of article `i`, as currently prepared.
    pub fn card(&self, i: usize) -> &Card {
        &self.cards[i]
    }

    /// Takes every article's card away.
    pub fn take_cards(&mut self) -> Vec<Card> {
        std::mem::take(&mut self.cards)
    }

    /// Sets every article's card.
    pub fn set_cards(&mut self, cards: Vec<Card>) {
        self.cards = cards;
    }

    /// Sets the card of article `i` after it was edited.
    pub fn set_card(&mut self, i: usize, card: Card) {
        self.cards[i] = card;
    }

    /// The names of the topics search filters offer.
    pub fn search_topics(&self) -> &std::collections::BTreeMap<String, String> {
        &self.search_topics
    }
}

/// A short, stable fingerprint of a file's bytes (FNV-1a, 64 bits), for
/// names that can be cached for a long time.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// The output name of a theme asset: CSS and JS get their fingerprint
/// ("style.1a2b3c4d.css"); other files keep their name.
pub fn asset_name(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if ext == "css" || ext == "js" => {
            format!("{stem}.{}.{ext}", fingerprint(bytes))
        }
        _ => name.to_string(),
    }
}

pub(super) enum MenuTarget {
    Site(String),
    External(String),
}

fn to_value<T: Serialize>(data: &T) -> serde_json::Value {
    serde_json::to_value(data).unwrap_or(serde_json::Value::Null)
}

fn site_view(site: &Site) -> SiteView {
    let year = site
        .articles
        .iter()
        .map(|a| chrono::Datelike::year(&a.date))
        .max()
        .unwrap_or(1970);
    SiteView::new(&site.config, year)
}

/// The site-wide text every page shows the same (`site.title`,
/// `site.issuer.phone`…), by path below `site`: the theme writes it into
/// its templates.
pub fn site_constants(
    config: &crate::config::SiteConfig,
) -> std::collections::BTreeMap<String, String> {
    fn walk(
        prefix: &str,
        value: &serde_json::Value,
        out: &mut std::collections::BTreeMap<String, String>,
    ) {
        match value {
            serde_json::Value::String(s) => {
                out.insert(prefix.to_string(), s.clone());
            }
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, value, out);
                }
            }
            _ => {}
        }
    }
    let mut out = std::collections::BTreeMap::new();
    // The year depends on the content: not a string, so not taken.
    walk("", &to_value(&SiteView::new(config, 0)), &mut out);
    out
}

fn menu_targets(site: &Site, diags: &mut Diagnostics) -> Vec<(String, MenuTarget)> {
    let mut out = Vec::new();
    for item in &site.config.menu {
        let target = if let Some(path) = item.url.strip_prefix("@/") {
            match site.document_url(path) {
                Some(url) => MenuTarget::Site(url),
                // A page that did not parse has its own error.
                None if site.unparsed.contains(path) => continue,
                None => {
                    diags.push(
                        Diagnostic::error(
                            crate::config::FILE,
                            format!(
                                "mục menu `{}` trỏ tới `{}`, tệp này không có hoặc chưa được đăng",
                                item.label, item.url
                            ),
                        )
                        .located(item.at),
                    );
                    continue;
                }
            }
        } else if item.url.contains("://")
            || item.url.starts_with("mailto:")
            || item.url.starts_with("tel:")
        {
            MenuTarget::External(item.url.clone())
        } else {
            MenuTarget::Site(item.url.trim_start_matches('/').to_string())
        };
        out.push((item.label.clone(), target));
    }
    out
}
