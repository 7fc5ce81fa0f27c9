//! The page table: every kind of page loa makes. Each family of pages is
//! declared once, in its own file, as a [`Family`]: the template that renders
//! it, which pages it has on a site, their URL, the content file each is made
//! from, its last-modified date, and how its view is built. [`FAMILIES`]
//! lists them all; what a theme must provide is derived from it.
//!
//! To add a kind of page: a file here with its `Family`, one line in
//! [`FAMILIES`], one template in `themes/default/templates/` (and its view
//! type in `render/views/`).

use std::collections::BTreeSet;

use serde::Serialize;

use super::minify;
use super::prepare::MenuTarget;
use super::views::articles::ListData;
use super::views::{self, ArticleCard, Common, Link, PageMeta, Pagination};
use super::{gzip_size, markdown, Bodies, Prepared, RenderOptions};
use crate::diag::Diagnostic;
use crate::model::OutputPath;
use crate::render::theme::Theme;
use crate::resolve::Site;
use crate::urls::{base_path, root_for};

mod article;
mod basis;
mod campaign;
mod document;
mod home;
mod list;
mod not_found;
mod plan;
mod plans;
mod poster;
pub(super) use poster::check_posters;
mod report;
mod search;
mod static_page;
mod terms;
mod unit;
mod year;

/// Every family of pages, in the order their pages are rendered.
pub(super) const FAMILIES: &[&Family] = &[
    &home::HOME,
    &not_found::NOT_FOUND,
    &terms::CATEGORIES,
    &terms::TAGS,
    &article::ARTICLE,
    &static_page::STATIC_PAGE,
    &plans::PLANS,
    &search::SEARCH,
    &campaign::CAMPAIGNS,
    &campaign::CAMPAIGN,
    &poster::POSTER,
    &report::REPORTS,
    &report::REPORT,
    &basis::BASIS,
    &year::YEAR,
    &document::DOCUMENTS,
    &document::DOCUMENT,
    &unit::UNITS,
    &unit::UNIT,
    &plan::PLAN,
    &list::LIST,
    &terms::CATEGORY,
    &terms::TAG,
];

/// Which page of a family: for most, `item` is an index into the site's
/// list of what the family shows (`Site::articles` for articles) and
/// `page` the number of a list page (1-based); each family says what it
/// uses. A family of one page uses neither.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Key {
    /// Which item.
    pub item: usize,
    /// Which page of a paged list.
    pub page: usize,
}

impl Key {
    /// The key of item `item`.
    pub fn item(item: usize) -> Key {
        Key { item, page: 0 }
    }
}

/// A kind of page, and everything loa needs to know to make its pages.
pub(super) struct Family {
    /// The template that renders the pages (the theme must provide it);
    /// without its `.html`, the `page.kind` templates see.
    pub template: &'static str,
    /// What the build summary calls these pages.
    pub label: &'static str,
    /// Whether the sitemap lists these pages.
    pub in_sitemap: bool,
    /// Every page of the family on a site.
    pub keys: fn(&Site) -> Vec<Key>,
    /// The site path of a page: `bai-viet/tro-giup/`.
    pub url: fn(&Site, Key) -> String,
    /// The content file a page is made from, for messages; `None` when it
    /// is made from the whole site (its template is named instead).
    pub source: fn(&Site, Key) -> Option<&str>,
    /// When a page last changed, for the sitemap (`2026-03-01`).
    pub lastmod: fn(&Site, Key) -> Option<String>,
    /// Builds a page's own values for its template, and fills its title,
    /// description and breadcrumbs in the frame.
    pub view: for<'a> fn(&RenderContext<'a>, Key, &mut Frame) -> serde_json::Value,
}

impl Family {
    /// `page.kind` for the templates: the template's name without `.html`.
    pub fn kind(&self) -> &'static str {
        self.template.trim_end_matches(".html")
    }
}

/// The one page of a family that has one.
fn one(_: &Site) -> Vec<Key> {
    vec![Key::default()]
}

/// The one page of a family that has one only when `present`.
fn one_if(present: bool) -> Vec<Key> {
    if present {
        vec![Key::default()]
    } else {
        Vec::new()
    }
}

/// One page per item.
fn each(count: usize) -> Vec<Key> {
    (0..count).map(Key::item).collect()
}

/// No file of its own: the page is made from the whole site.
fn from_site(_: &Site, _: Key) -> Option<&str> {
    None
}

/// No last-modified date.
fn undated(_: &Site, _: Key) -> Option<String> {
    None
}

/// How many list pages `count` articles fill (at least one).
fn pages_for(site: &Site, count: usize) -> usize {
    count.div_ceil(site.config.articles_per_page).max(1)
}

/// One page to render: a family and which of its pages.
#[derive(Clone, Copy)]
pub(super) struct Job {
    /// Its family.
    pub family: &'static Family,
    /// Which page.
    pub key: Key,
}

impl Job {
    /// Its site path.
    pub fn url(&self, site: &Site) -> String {
        (self.family.url)(site, self.key)
    }

    /// Its template.
    pub fn template(&self) -> &'static str {
        self.family.template
    }

    /// Its last-modified date.
    pub fn lastmod(&self, site: &Site) -> Option<String> {
        (self.family.lastmod)(site, self.key)
    }

    /// The page of article `i`.
    pub fn of_article(i: usize) -> Job {
        Job {
            family: &article::ARTICLE,
            key: Key::item(i),
        }
    }

    /// Whether it is an article's page, and which.
    pub fn article(&self) -> Option<usize> {
        std::ptr::eq(self.family, &article::ARTICLE).then_some(self.key.item)
    }

    /// Whether it is the 404 page, which has no place of its own.
    fn is_not_found(&self) -> bool {
        std::ptr::eq(self.family, &not_found::NOT_FOUND)
    }

    /// The file messages about it name: its content file, or its template.
    fn source<'a>(&self, site: &'a Site, theme: &'a Theme) -> &'a str {
        (self.family.source)(site, self.key).unwrap_or_else(|| {
            theme
                .sources
                .get(self.family.template)
                .map_or("themes", |p| p.as_str())
        })
    }
}

/// Every page of the site, in [`FAMILIES`] order.
/// The pages an edition in another language has (`SiteConfig::prefix`):
/// its articles and pages, their lists, and search. Plans, units,
/// campaigns and documents stay the default language's.
const EDITION_TEMPLATES: &[&str] = &[
    "home.html",
    "article.html",
    "page.html",
    "list.html",
    "terms.html",
    "category.html",
    "tag.html",
    "search.html",
];

pub(super) fn jobs(site: &Site) -> Vec<Job> {
    let edition = !site.config.prefix.is_empty();
    FAMILIES
        .iter()
        .filter(|family| !edition || EDITION_TEMPLATES.contains(&family.template))
        .flat_map(|family| {
            (family.keys)(site)
                .into_iter()
                .map(move |key| Job { family, key })
        })
        .collect()
}

/// The templates that render pages by themselves (the others, such as
/// base.html and macros.html, are used by every page).
pub fn page_templates() -> BTreeSet<&'static str> {
    FAMILIES.iter().map(|f| f.template).collect()
}

/// A page's surroundings, which its family's view fills in: the values of
/// `<head>` and the breadcrumbs.
pub(super) struct Frame {
    /// The page's site path.
    pub url: String,
    /// Path back to the site root.
    pub root: String,
    /// Head values; title and description set by the view.
    pub meta: PageMeta,
    /// From the home page to the page's parent.
    pub breadcrumbs: Vec<Link>,
}

impl Frame {
    /// Adds a breadcrumb to `site_path`.
    pub fn crumb(&mut self, site: &Site, label: String, site_path: &str) {
        let url = views::href(site, &self.root, site_path);
        self.breadcrumbs.push(Link {
            label,
            url,
            current: false,
        });
    }
}

/// What every page needs, borrowed from the build.
pub(super) struct RenderContext<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub today: chrono::NaiveDate,
    pub prepared: &'a Prepared,
    /// Every article's card (those rendered so far, during the first
    /// pass over the articles).
    pub cards: &'a [views::Card],
    pub bodies: &'a Bodies,
    /// The articles whose pages are being rendered, with their Markdown.
    pub batch: ArticleBatch<'a>,
}

/// Articles whose pages are being rendered, with their rendered Markdown:
/// `bodies[k]` is article `indexes[k]`'s; `indexes` ascend.
#[derive(Clone, Copy, Default)]
pub(super) struct ArticleBatch<'a> {
    pub indexes: &'a [usize],
    pub bodies: &'a [markdown::Rendered],
}

/// A rendered page, with what the page budget needs.
pub(super) struct RenderedPage {
    pub path: OutputPath,
    pub bytes: Vec<u8>,
    pub source: String,
    pub gzip: usize,
}

impl<'a> RenderContext<'a> {
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        bodies: &'a Bodies,
        prepared: &'a Prepared,
        cards: &'a [views::Card],
        batch: ArticleBatch<'a>,
        today: chrono::NaiveDate,
    ) -> Self {
        RenderContext {
            site,
            theme,
            today,
            prepared,
            cards,
            bodies,
            batch,
        }
    }

    /// For pages other than articles' (no article batch).
    pub fn for_pages(
        site: &'a Site,
        theme: &'a Theme,
        bodies: &'a Bodies,
        prepared: &'a Prepared,
        today: chrono::NaiveDate,
    ) -> Self {
        Self::new(
            site,
            theme,
            bodies,
            prepared,
            &prepared.cards,
            ArticleBatch::default(),
            today,
        )
    }

    /// A UI string of the theme (its key when the theme lacks it).
    pub fn s(&self, key: &str) -> String {
        self.theme
            .strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// Renders one page.
    pub fn render(&self, job: &Job, opts: RenderOptions) -> Result<RenderedPage, Diagnostic> {
        let site = self.site;
        let template = job.template();
        let url = job.url(site);
        let path = if job.is_not_found() {
            OutputPath::new(crate::urls::NOT_FOUND)
        } else {
            OutputPath::page(&url)
        };
        let path = path.ok_or_else(|| {
            Diagnostic::error(
                job.source(site, self.theme),
                format!("đường dẫn đầu ra không hợp lệ: `{url}`"),
            )
        })?;
        let (root, canonical) = if job.is_not_found() {
            (base_path(&site.config.base_url), String::new())
        } else {
            (
                root_for(path.depth()),
                format!("{}{url}", site.config.base_url),
            )
        };
        let home = Link {
            label: self.s("home"),
            url: views::href(site, &root, &site.config.prefix),
            current: false,
        };
        let mut frame = Frame {
            url,
            root,
            meta: PageMeta {
                canonical,
                og_type: "website",
                description: site.config.description.clone(),
                kind: job.family.kind(),
                ..PageMeta::default()
            },
            breadcrumbs: vec![home],
        };
        let data = (job.family.view)(self, job.key, &mut frame);
        let Frame {
            url,
            root,
            meta,
            breadcrumbs,
        } = frame;
        let t = &self.theme.strings;
        let common = Common {
            site: Some(&self.prepared.site_view)
                .filter(|_| self.theme.reads_site.contains(template)),
            t: self.theme.page_strings.get(template).unwrap_or(t),
            home_url: views::href(site, &root, &site.config.prefix),
            search_url: views::href(site, &root, &site.search_url()),
            feed_url: views::href(site, &root, &site.feed_url()),
            translations: site
                .translations
                .get(&url)
                .map(|all| {
                    all.iter()
                        .map(|t| views::TranslationView {
                            lang: t.language.clone(),
                            name: t.name.clone(),
                            url: views::href(site, &root, &t.url),
                            full: crate::urls::ascii_url(&format!(
                                "{}{}",
                                site.config.base_url, t.url
                            ))
                            .into_owned(),
                            current: t.language == site.config.language,
                            default: t.default,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            assets: Some(&self.prepared.assets)
                .filter(|_| self.theme.reads_assets.contains(template)),
            page: meta,
            menu: self.menu(&url, &root),
            breadcrumbs,
            root,
        };
        let source = job.source(site, self.theme);
        let context_error = |err: tera::Error| {
            Diagnostic::error(
                source,
                format!(
                    "không tạo được dữ liệu cho khuôn mẫu: {}",
                    crate::diag::chain(&err)
                ),
            )
        };
        // The page's own values are already a JSON object: moved into the
        // context, not serialized a second time.
        let mut context = tera::Context::from_serialize(&common).map_err(context_error)?;
        context.extend(tera::Context::from_value(data).map_err(context_error)?);
        let mut html = Vec::with_capacity(32 * 1024);
        let minified = self.theme.minified.contains(template);
        let tera = match &self.theme.ahead {
            Some(ahead) if minified => ahead,
            _ => &self.theme.tera,
        };
        tera.render_to(template, &context, &mut html).map_err(|err| {
            let chain = crate::diag::chain(&err);
            match self.theme.locate_variable_error(template, &chain) {
                // The template is at fault: point at the line that uses the variable.
                Some((path, at, variable)) => Diagnostic::error(
                    path.as_str(),
                    format!("khuôn mẫu dùng biến `{variable}` nhưng dữ liệu của trang không có biến này (gặp khi dựng trang từ {source})"),
                )
                .located(Some(at))
                .with_help("kiểm tra chính tả tên biến; các biến khuôn mẫu nhận được liệt kê trong README, mục Theming"),
                None => {
                    let template_path = self.theme.sources.get(template).map_or(template, |p| p.as_str());
                    Diagnostic::error(source, format!("không dựng được trang bằng khuôn mẫu {template_path}: {chain}"))
                }
            }
        })?;
        let bytes = if opts.minify && !minified {
            minify::minify(&html)
        } else {
            // Left as written, or minified with its templates.
            html
        };
        let gzip = if bytes.len() <= self.prepared.surely_light {
            bytes.len()
        } else {
            gzip_size(&bytes)
        };
        Ok(RenderedPage {
            path,
            bytes,
            source: source.to_string(),
            gzip,
        })
    }

    /// The card of article `i`, with links relative to `root`.
    pub fn card(&self, i: usize, root: &str) -> ArticleCard<'a> {
        views::card(self.site, &self.cards[i], root)
    }

    /// Page `n` of a list of articles whose first page is at `base`.
    pub fn list(
        &self,
        items: &[usize],
        base: &str,
        n: usize,
        root: &str,
        term: Option<views::TermView>,
    ) -> ListData<'a> {
        let per = self.site.config.articles_per_page;
        let total = items.len().div_ceil(per).max(1);
        let shown = items.iter().skip((n - 1) * per).take(per);
        let link = |k: usize| views::href(self.site, root, &self.site.paged_url(base, k));
        // Only a window of page links: a list page costs what it shows.
        let mut numbers: BTreeSet<usize> = [1, total].into_iter().collect();
        numbers.extend(n.saturating_sub(2).max(1)..=(n + 2).min(total));
        ListData {
            articles: shown.map(|&i| self.card(i, root)).collect(),
            pagination: Pagination {
                current: n,
                total,
                prev: (n > 1).then(|| link(n - 1)),
                next: (n < total).then(|| link(n + 1)),
                pages: numbers
                    .into_iter()
                    .map(|k| Link {
                        label: k.to_string(),
                        url: link(k),
                        current: k == n,
                    })
                    .collect(),
            },
            term,
            intro: None,
        }
    }

    /// The text of the section whose page is at `url` (a category's, the
    /// list of all articles), on its first page.
    pub fn intro(&self, url: &str, page: usize) -> Option<String> {
        if page > 1 {
            return None;
        }
        let i = self
            .site
            .sections
            .iter()
            .position(|s| self.site.section_url(s) == url)?;
        self.bodies.sections.get(i).map(|b| b.html.clone())
    }

    /// The main menu on the page at `url`.
    fn menu(&self, url: &str, root: &str) -> Vec<Link> {
        self.prepared
            .menu
            .iter()
            .map(|(label, target)| match target {
                MenuTarget::Site(path) => Link {
                    label: label.clone(),
                    url: views::href(self.site, root, path),
                    current: if path.is_empty() {
                        url.is_empty()
                    } else {
                        url.starts_with(path.as_str())
                    },
                },
                MenuTarget::External(full) => Link {
                    label: label.clone(),
                    url: full.clone(),
                    current: false,
                },
            })
            .collect()
    }

    /// The rendered Markdown of article `i`. Only the pages of the batch's
    /// articles are rendered, so it is there.
    pub fn article_body(&self, i: usize) -> &'a markdown::Rendered {
        let k = self.batch.indexes.binary_search(&i).unwrap_or_default();
        &self.batch.bodies[k]
    }
}

/// Serializes a page's own values for its template.
pub(super) fn to_value<T: Serialize>(data: &T) -> serde_json::Value {
    serde_json::to_value(data).unwrap_or(serde_json::Value::Null)
}
