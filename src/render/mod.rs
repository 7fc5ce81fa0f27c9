//! Stage 4 (pure): [`Site`] + [`Theme`] → output files. Markdown is rendered
//! once per document, in parallel; then every page is rendered from its
//! template, in parallel; the result is sorted by path.

pub mod calendar;
pub mod campaign;
pub mod data;
pub mod dates;
pub mod documents;
pub mod feed;
mod files;
mod indexes;
pub mod loudspeaker;
pub mod markdown;
mod minify;
mod pages;
pub use minify::{minify, template as minify_template};
pub mod plan;
pub mod qr;
pub mod report;
pub mod search;
pub mod theme;
pub mod views;

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::OutputPath;
use crate::resolve::{DocRef, Site};
use crate::urls::root_for;
use pages::{Job, RenderContext};
use theme::Theme;
use views::{Card, Place, SiteView};

/// Options for rendering.
#[derive(Clone, Copy, Debug)]
pub struct RenderOptions {
    /// Minify HTML with minify-html.
    pub minify: bool,
    /// The day plan statuses are computed for.
    pub today: chrono::NaiveDate,
}

/// One file of the output, once handed to the [`Sink`].
#[derive(Clone, Debug)]
pub struct OutputFile {
    /// Where it goes.
    pub path: OutputPath,
    /// Its size in bytes.
    pub len: u64,
    /// What kind of page it is, for the summary (`None` for non-pages).
    pub kind: Option<&'static str>,
}

/// Where rendered files go as soon as each is ready, so a large site is
/// never held in memory whole: a staging folder (`build`), nowhere
/// (`check`), or the preview's change list (`serve`). Rendering does not
/// know where files go and cannot fail to put them: a sink that cannot keep
/// a file (a full disk) remembers why, and its owner reports it once
/// rendering is over, as an environment error.
pub trait Sink: Sync {
    /// Takes one file.
    fn put(&self, path: &OutputPath, bytes: &[u8]);
}

/// A sink that keeps nothing: `loa check`.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &OutputPath, _: &[u8]) {}
}

/// Told what rendering is doing, so that its caller can time the phases and
/// draw a progress line; rendering itself never reads the clock.
pub trait Watch: Sync {
    /// A phase of rendering is over.
    fn phase(&mut self, name: &'static str);
    /// A short note on the work in progress ("trang 5000/15167").
    fn note(&self, text: &str);
}

/// A watcher that is told nothing.
pub struct Unwatched;

impl Watch for Unwatched {
    fn phase(&mut self, _: &'static str) {}
    fn note(&self, _: &str) {}
}

/// Warns about every page that, gzipped with its CSS, weighs more than the
/// site's page budget: readers on cheap phones and slow networks pay for it.
fn check_budget(
    site: &Site,
    files: &[OutputFile],
    pages: &[(String, String, usize)],
    assets: &std::collections::BTreeMap<String, String>,
    theme: &Theme,
    diags: &mut Diagnostics,
) {
    let budget = site.config.page_budget_kb * 1024;
    let css: usize = theme
        .assets
        .iter()
        .filter(|(name, _)| name.ends_with(".css"))
        .filter(|(name, _)| {
            files
                .iter()
                .any(|f| f.path.as_str() == assets[name.as_str()])
        })
        .map(|(_, bytes)| gzip_size(bytes))
        .sum();
    for (path, source, gzip) in pages {
        let total = gzip + css;
        if total > budget {
            diags.push(
                Diagnostic::warning(
                    source.as_str(),
                    format!(
                        "trang {path} nặng {} KB khi nén (kể cả CSS), vượt ngân sách {} KB của một trang",
                        total.div_ceil(1024),
                        site.config.page_budget_kb
                    ),
                )
                .with_help("chia nội dung thành nhiều bài, giảm bảng lớn hoặc ảnh nhúng; ngân sách đặt bằng `page_budget_kb` trong site.yaml"),
            );
        }
    }
}

/// Gzipped size of `bytes`, as a reader on a slow network pays for it.
pub fn gzip_size(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(bytes.len(), |v| v.len())
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
pub(crate) fn asset_name(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if ext == "css" || ext == "js" => {
            format!("{stem}.{}.{ext}", fingerprint(bytes))
        }
        _ => name.to_string(),
    }
}

/// Reading speed used for the reading time, in words (syllables) per minute.
const WORDS_PER_MINUTE: usize = 200;

/// Every document's Markdown, rendered once.
#[derive(Clone, Debug, Default)]
pub struct Bodies {
    /// Per `Site::articles`.
    pub articles: Vec<markdown::Rendered>,
    /// Per `Site::pages`.
    pub pages: Vec<markdown::Rendered>,
    /// Per `Site::campaigns`.
    pub campaigns: Vec<markdown::Rendered>,
}

/// Renders the Markdown of every article, page and campaign, in parallel,
/// and checks links to headings between them.
pub fn render_bodies(site: &Site, diags: &mut Diagnostics) -> Bodies {
    let article_root = root_for(2);
    let articles: Vec<_> = site
        .articles
        .iter()
        .map(|a| (&a.body, a.source.as_str()))
        .collect();
    let pages: Vec<_> = site
        .pages
        .iter()
        .map(|p| (&p.body, p.source.as_str()))
        .collect();
    let campaigns: Vec<_> = site
        .campaigns
        .iter()
        .map(|c| (&c.body, c.source.as_str()))
        .collect();
    let articles = render_many(site, &articles, &article_root, diags);
    let pages = render_many(site, &pages, &root_for(1), diags);
    let campaigns = render_many(site, &campaigns, &article_root, diags);
    check_anchors(site, &articles, &pages, &campaigns, diags);
    Bodies {
        articles,
        pages,
        campaigns,
    }
}

/// Renders the Markdown of documents in parallel, `root` leading from their
/// pages to the site root; problems are added in document order.
fn render_many(
    site: &Site,
    docs: &[(&crate::model::Body, &str)],
    root: &str,
    diags: &mut Diagnostics,
) -> Vec<markdown::Rendered> {
    let rendered: Vec<(markdown::Rendered, Diagnostics)> = docs
        .par_iter()
        .map(|(body, source)| {
            let mut d = Diagnostics::default();
            (markdown::render(body, source, root, site, &mut d), d)
        })
        .collect();
    rendered
        .into_iter()
        .map(|(r, d)| {
            diags.extend(d);
            r
        })
        .collect()
}

/// Renders one article's Markdown again, as [`render_bodies`] does.
pub fn render_article_body(site: &Site, i: usize, diags: &mut Diagnostics) -> markdown::Rendered {
    let a = &site.articles[i];
    markdown::render(&a.body, a.source.as_str(), &root_for(2), site, diags)
}

/// What every page needs besides its own document, computed once.
pub struct Prepared {
    cards: Vec<Card>,
    site_view: SiteView,
    menu: Vec<(String, MenuTarget)>,
    search_kinds: Vec<&'static str>,
    search_topics: std::collections::BTreeMap<String, String>,
    assets: std::collections::BTreeMap<String, String>,
    surely_light: usize,
}

/// What other pages show of `article` ([`Card`]). Every field of the
/// article is named here: a new one must be placed on the card or said to
/// be shown only on the article's own page, or this does not compile.
pub fn article_card(article: &crate::model::Article, body: &markdown::Rendered) -> Card {
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
        historical,
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
            historical: *historical,
        },
        title: title.clone(),
        summary: summary
            .clone()
            .unwrap_or_else(|| crate::text::truncate_words(&body.first_paragraph, 200)),
        reading_minutes: body.words.div_ceil(WORDS_PER_MINUTE).max(1),
        date: views::DateView::new(*date),
        updated: updated.map(views::DateView::new),
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
        .map(|n| (n.clone(), crate::text::slugify(n)))
        .filter(|(_, slug)| !slug.is_empty())
        .collect()
}

/// Computes what [`Prepared`] holds.
pub fn prepare(site: &Site, theme: &Theme, bodies: &Bodies, diags: &mut Diagnostics) -> Prepared {
    let cards: Vec<Card> = site
        .articles
        .iter()
        .zip(&bodies.articles)
        .map(|(a, body)| article_card(a, body))
        .collect();
    let (search_kinds, search_topics) = files::search_facets(site);
    let assets: std::collections::BTreeMap<String, String> = theme
        .assets
        .iter()
        .map(|(name, bytes)| (name.clone(), asset_name(name, bytes)))
        .collect();
    Prepared {
        cards,
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

    /// Sets the card of article `i` after it was edited.
    pub fn set_card(&mut self, i: usize, card: Card) {
        self.cards[i] = card;
    }

    /// The names of the topics search filters offer.
    pub fn search_topics(&self) -> &std::collections::BTreeMap<String, String> {
        &self.search_topics
    }
}

/// Which pages and files [`render_all`] makes.
#[derive(Clone, Debug, Default)]
pub enum Scope {
    /// Everything.
    #[default]
    All,
    /// After the title, summary or other shown details of some articles
    /// changed (not their place in lists): every page except the pages of
    /// articles not named here, and no loudspeaker texts or search index
    /// for the others ([`search_files`] follows).
    Articles(BTreeSet<usize>),
    /// After these templates changed: the pages they render, nothing else.
    Templates(BTreeSet<String>),
}

impl Scope {
    fn job(&self, job: &Job) -> bool {
        match self {
            Scope::All => true,
            Scope::Articles(keep) => job.article().is_none_or(|i| keep.contains(&i)),
            Scope::Templates(names) => names.contains(job.template()),
        }
    }

    fn article(&self, i: usize) -> bool {
        match self {
            Scope::All => true,
            Scope::Articles(keep) => keep.contains(&i),
            Scope::Templates(_) => false,
        }
    }
}

pub use files::search_files;
pub use pages::page_templates;

/// What is kept of a page once it is in the sink.
struct PutPage {
    file: OutputFile,
    source: String,
    gzip: usize,
    /// The article's loudspeaker text, put beside its page.
    loudspeaker: Option<OutputFile>,
}

/// Renders every page and file of the site (or those of `scope`) into
/// `sink`; returns what it put there, sorted by path.
#[allow(clippy::too_many_arguments)]
pub fn render_all(
    site: &Site,
    theme: &Theme,
    bodies: &Bodies,
    prepared: &Prepared,
    opts: RenderOptions,
    scope: &Scope,
    sink: &dyn Sink,
    watch: &mut dyn Watch,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let ctx = RenderContext::new(site, theme, bodies, prepared, opts.today);
    watch.phase("chuẩn bị");
    let all_jobs = pages::jobs(site);
    let jobs: Vec<Job> = all_jobs.iter().filter(|j| scope.job(j)).copied().collect();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let watching: &dyn Watch = watch;
    let render_pages = || -> Vec<Result<PutPage, Diagnostic>> {
        jobs.par_iter()
            .map(|job| {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if n % 250 == 0 {
                    watching.note(&format!("trang {n}/{}", jobs.len()));
                }
                let page = ctx.render(job, opts)?;
                sink.put(&page.path, &page.bytes);
                // The loudspeaker text goes into the folder just made.
                let loudspeaker = job.article().filter(|&i| scope.article(i)).and_then(|i| {
                    put(
                        sink,
                        files::article_loudspeaker(site, i, &bodies.articles[i]),
                    )
                });
                Ok(PutPage {
                    file: OutputFile {
                        len: page.bytes.len() as u64,
                        path: page.path,
                        kind: Some(job.family.label),
                    },
                    source: page.source,
                    gzip: page.gzip,
                    loudspeaker,
                })
            })
            .collect()
    };
    // The search index is computed and put while pages are.
    let (results, search) = if matches!(scope, Scope::All) {
        let (results, search) = rayon::join(render_pages, || {
            put_all(
                sink,
                files::search_files(site, &bodies.articles, &prepared.search_topics),
            )
        });
        (results, search)
    } else {
        (render_pages(), Vec::new())
    };
    watch.phase("trang");
    let mut list: Vec<OutputFile> = Vec::with_capacity(results.len() + 8);
    let mut page_sources: Vec<(String, String, usize)> = Vec::with_capacity(results.len());
    // A broken template breaks every page that uses it: report it once.
    let mut reported = BTreeSet::new();
    for result in results {
        match result {
            Ok(page) => {
                page_sources.push((page.file.path.as_str().to_string(), page.source, page.gzip));
                list.push(page.file);
                list.extend(page.loudspeaker);
            }
            Err(d) => {
                if d.file.starts_with("content/")
                    || reported.insert((d.file.clone(), d.line, d.column))
                {
                    diags.push(d);
                }
            }
        }
    }
    let sitemap_pages = all_jobs
        .iter()
        .filter(|j| j.family.in_sitemap)
        .map(|j| (j.url(site), j.lastmod(site)))
        .collect();
    let other = files::site_files(site, &bodies.articles, &prepared.cards, sitemap_pages)
        .into_iter()
        .chain(files::plan_files(site, opts.today))
        .chain(files::campaign_files(site, &bodies.campaigns));
    list.extend(other.filter_map(|file| put(sink, file)));
    watch.phase("dữ liệu, loa, lịch");
    list.extend(search);
    for (name, bytes) in &theme.assets {
        list.extend(put(sink, (prepared.assets[name].clone(), bytes.clone())));
    }
    watch.phase("chỉ mục tìm kiếm");
    check_budget(site, &list, &page_sources, &prepared.assets, theme, diags);
    list.sort_by(|a, b| a.path.cmp(&b.path));
    watch.phase("sắp xếp");
    list
}

/// After only the text of article `i` changed (not its title, date, summary
/// or anything else other pages show): its page, its loudspeaker text and
/// the feed, which carries the newest articles' text. The search index is
/// left to [`search_files`].
pub fn render_article_change(
    site: &Site,
    theme: &Theme,
    bodies: &Bodies,
    prepared: &Prepared,
    opts: RenderOptions,
    i: usize,
    sink: &dyn Sink,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let ctx = RenderContext::new(site, theme, bodies, prepared, opts.today);
    let job = Job::of_article(i);
    let page = ctx.render(&job, opts)?;
    sink.put(&page.path, &page.bytes);
    let mut list = vec![OutputFile {
        len: page.bytes.len() as u64,
        path: page.path,
        kind: Some(job.family.label),
    }];
    list.extend(put(
        sink,
        files::article_loudspeaker(site, i, &bodies.articles[i]),
    ));
    if i < feed::FEED_ENTRIES {
        let feed = files::atom_feed(site, &bodies.articles, &prepared.cards);
        list.extend(put(sink, (crate::urls::FEED.to_string(), feed)));
    }
    Ok(list)
}

/// Hands one file to the sink; `None` when its path could leave the output
/// folder (never for paths loa builds).
fn put(sink: &dyn Sink, (path, bytes): (String, Vec<u8>)) -> Option<OutputFile> {
    let path = OutputPath::new(&path)?;
    sink.put(&path, &bytes);
    Some(OutputFile {
        path,
        len: bytes.len() as u64,
        kind: None,
    })
}

/// Hands many files to the sink in parallel.
fn put_all(sink: &dyn Sink, many: Vec<(String, Vec<u8>)>) -> Vec<OutputFile> {
    many.into_par_iter()
        .filter_map(|file| put(sink, file))
        .collect()
}

enum MenuTarget {
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

fn check_anchors(
    site: &Site,
    article_bodies: &[markdown::Rendered],
    page_bodies: &[markdown::Rendered],
    campaign_bodies: &[markdown::Rendered],
    diags: &mut Diagnostics,
) {
    let ids = |doc: &DocRef| match *doc {
        DocRef::Article(i) => &article_bodies[i].ids,
        DocRef::Page(i) => &page_bodies[i].ids,
        DocRef::Campaign(i) => &campaign_bodies[i].ids,
    };
    let sources = site
        .articles
        .iter()
        .map(|a| a.source.as_str())
        .zip(article_bodies)
        .chain(
            site.pages
                .iter()
                .map(|p| p.source.as_str())
                .zip(page_bodies),
        )
        .chain(
            site.campaigns
                .iter()
                .map(|c| c.source.as_str())
                .zip(campaign_bodies),
        );
    for (source, body) in sources {
        for link in &body.anchors {
            let Some(doc) = site.documents.get(&link.target) else {
                continue;
            };
            if !ids(doc).contains(&link.anchor) {
                let mut known: Vec<&str> = ids(doc).iter().map(String::as_str).collect();
                known.sort();
                let mut d = Diagnostic::error(
                    source,
                    format!(
                        "liên kết tới mục `#{}` của {} nhưng không có mục (tiêu đề) nào như vậy",
                        link.anchor, link.target
                    ),
                )
                .at(Some(link.line), Some(link.column));
                if let Some(near) = crate::diag::nearest(&link.anchor, &known) {
                    d = d.with_help(format!("có phải ý bạn là `#{near}`?"));
                }
                diags.push(d);
            }
        }
    }
}
