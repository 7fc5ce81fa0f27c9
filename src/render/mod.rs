//! Stage 4 (pure): [`Site`] + [`Theme`] → output files. Markdown is rendered
//! once per document, in parallel; then every page is rendered from its
//! template, in parallel; the result is sorted by path.

pub mod calendar;
pub mod campaign;
pub mod data;
pub mod dates;
pub mod documents;
pub mod feed;
mod indexes;
pub mod loudspeaker;
pub mod markdown;
mod minify;
pub use minify::{minify, template as minify_template};
use minify::{BODY_SLOT, QR_SLOT};
pub mod plan;
pub mod qr;
pub mod report;
pub mod search;
pub mod views;

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::OutputPath;
use crate::resolve::{DocRef, Site, Term};
use crate::theme::Theme;
use indexes::{plan_years, year_url};
use views::{
    ArticleCard, ArticleExtras, CitationView, Common, Link, PageMeta, Pagination, SiteView,
    TocEntry,
};

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
/// (`check`), or the preview's change list (`serve`).
pub trait Sink: Sync {
    /// Takes one file.
    fn put(&self, path: &OutputPath, bytes: &[u8]) -> anyhow::Result<()>;
}

/// A sink that keeps nothing: `loa check`.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &OutputPath, _: &[u8]) -> anyhow::Result<()> {
        Ok(())
    }
}

/// A rendered page, with what the page budget needs.
struct RenderedPage {
    file: OutputFile,
    bytes: Vec<u8>,
    source: String,
    gzip: usize,
}

/// What is kept of a page once it is on disk.
struct WrittenPage {
    file: OutputFile,
    source: String,
    gzip: usize,
    /// The article's loudspeaker text, written beside its page.
    loudspeaker: Option<OutputFile>,
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
    extras: Vec<ArticleExtras>,
    site_view: SiteView,
    menu: Vec<(String, MenuTarget)>,
    search_kinds: Vec<&'static str>,
    search_topics: std::collections::BTreeMap<String, String>,
    assets: std::collections::BTreeMap<String, String>,
    surely_light: usize,
}

/// An article's summary and reading time, from its front matter or its text.
pub fn article_extras(article: &crate::model::Article, body: &markdown::Rendered) -> ArticleExtras {
    ArticleExtras {
        summary: article
            .summary
            .clone()
            .unwrap_or_else(|| crate::text::truncate_words(&body.first_paragraph, 200)),
        reading_minutes: body.words.div_ceil(WORDS_PER_MINUTE).max(1),
        date: views::DateView::new(article.date),
        updated: article.updated.map(views::DateView::new),
        categories: with_slugs(&article.categories),
        tags: with_slugs(&article.tags),
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
    let extras: Vec<ArticleExtras> = site
        .articles
        .iter()
        .zip(&bodies.articles)
        .map(|(a, body)| article_extras(a, body))
        .collect();
    let (search_kinds, search_topics) = search_facets(site);
    let assets: std::collections::BTreeMap<String, String> = theme
        .assets
        .iter()
        .map(|(name, bytes)| (name.clone(), asset_name(name, bytes)))
        .collect();
    Prepared {
        extras,
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
    /// The extras of article `i`, as currently prepared.
    pub fn extras(&self, i: usize) -> &ArticleExtras {
        &self.extras[i]
    }

    /// Sets the extras of article `i` after its text changed.
    pub fn set_extras(&mut self, i: usize, extras: ArticleExtras) {
        self.extras[i] = extras;
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
        match (self, job) {
            (Scope::All, _) => true,
            (Scope::Articles(keep), Job::Article(i)) => keep.contains(i),
            (Scope::Articles(_), _) => true,
            (Scope::Templates(names), job) => names.contains(job.template()),
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

/// The templates that render pages by themselves (the others, such as
/// base.html and macros.html, are used by every page).
pub fn page_templates() -> BTreeSet<&'static str> {
    [
        Job::Home,
        Job::Article(0),
        Job::Page(0),
        Job::List(0),
        Job::Category(0, 0),
        Job::Tag(0, 0),
        Job::Categories,
        Job::Plan(0),
        Job::Plans,
        Job::Unit(0),
        Job::Units,
        Job::Year(0),
        Job::Basis,
        Job::Search,
        Job::Campaign(0),
        Job::Poster(0),
        Job::Campaigns,
        Job::Report(0),
        Job::Reports,
        Job::Documents,
        Job::Document(0),
        Job::NotFound,
    ]
    .iter()
    .map(Job::template)
    .collect()
}

/// Renders every page and file of the site (or those of `scope`).
#[allow(clippy::too_many_arguments)]
pub fn render_all(
    site: &Site,
    theme: &Theme,
    bodies: &Bodies,
    prepared: &Prepared,
    opts: RenderOptions,
    scope: &Scope,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
    timings: &mut crate::Timings,
) -> Vec<OutputFile> {
    let mut clock = std::time::Instant::now();
    let ctx = RenderContext::new(site, theme, bodies, prepared);
    let article_bodies = &bodies.articles;
    let campaign_bodies = &bodies.campaigns;
    let extras = &prepared.extras;
    let assets = &prepared.assets;
    let search_topics = &prepared.search_topics;
    timings.lap("chuẩn bị", &mut clock);
    let all_jobs = jobs(site);
    let jobs: Vec<Job> = all_jobs.iter().filter(|j| scope.job(j)).copied().collect();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let render_pages = || -> Vec<Result<WrittenPage, Diagnostic>> {
        jobs.par_iter()
            .map(|job| {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if n % 250 == 0 {
                    timings.report(&format!("trang {n}/{}", jobs.len()));
                }
                let page = ctx.render_job(job, opts)?;
                let put = |path: &OutputPath, bytes: &[u8]| {
                    sink.put(path, bytes).map_err(|err| {
                        Diagnostic::error(
                            page.source.as_str(),
                            format!("không ghi được {}: {err:#}", path.as_str()),
                        )
                    })
                };
                put(&page.file.path, &page.bytes)?;
                // The loudspeaker text goes into the folder just made.
                let loudspeaker = match *job {
                    Job::Article(i) if scope.article(i) => {
                        let (path, bytes) = loudspeaker_file(site, i, &article_bodies[i]);
                        match OutputPath::new(&path) {
                            Some(path) => {
                                put(&path, &bytes)?;
                                Some(OutputFile {
                                    path,
                                    len: bytes.len() as u64,
                                    kind: None,
                                })
                            }
                            None => None,
                        }
                    }
                    _ => None,
                };
                Ok(WrittenPage {
                    file: page.file,
                    source: page.source,
                    gzip: page.gzip,
                    loudspeaker,
                })
            })
            .collect()
    };
    // The search index is computed and written while pages are.
    let (results, search) = if matches!(scope, Scope::All) {
        let (results, search) = rayon::join(render_pages, || {
            put_all(sink, search_files(site, article_bodies, search_topics))
        });
        (results, Some(search))
    } else {
        (render_pages(), None)
    };
    timings.lap("trang", &mut clock);
    let mut files = Files {
        list: Vec::with_capacity(results.len() + 8),
        sink,
        failures: Vec::new(),
    };
    let mut page_sources: Vec<(String, String, usize)> = Vec::with_capacity(results.len());
    // A broken template breaks every page that uses it: report it once.
    let mut reported = BTreeSet::new();
    for result in results {
        match result {
            Ok(page) => {
                page_sources.push((page.file.path.as_str().to_string(), page.source, page.gzip));
                files.list.push(page.file);
                files.list.extend(page.loudspeaker);
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

    files.push("feed.xml", feed_file(site, article_bodies, extras));
    let mut sitemap_pages: Vec<(String, Option<String>)> = all_jobs
        .iter()
        // The poster's canonical page is its campaign.
        .filter(|j| !matches!(j, Job::NotFound | Job::Poster(_)))
        .map(|j| (j.url(site), j.lastmod(site)))
        .collect();
    sitemap_pages.sort();
    files.push(
        "sitemap.xml",
        feed::sitemap(site, &sitemap_pages).into_bytes(),
    );
    files.push("robots.txt", feed::robots(site).into_bytes());
    if !site.plans.is_empty() {
        let data_dir = format!("{}/{}", site.config.urls.data, site.config.urls.plans);
        for (i, p) in site.plans.iter().enumerate() {
            let json = serde_json::to_vec_pretty(&data::plan_data(site, i)).unwrap_or_default();
            files.push(&data::plan_json_path(site, p), json);
        }
        let index =
            serde_json::to_vec_pretty(&data::plan_index(site, opts.today)).unwrap_or_default();
        files.push(&format!("{data_dir}.json"), index);
        for i in 0..site.plans.len() {
            let path = format!("{}bao-cao.csv", report::report_url(site, i));
            files.push(&path, report::report_csv(site, i));
        }
        let csv = data::tasks_csv(site, opts.today);
        files.push(&format!("{}/nhiem-vu.csv", site.config.urls.data), csv);
    }
    let issuer = if site.config.issuer.name.is_empty() {
        site.config.title.clone()
    } else {
        site.config.issuer.name.clone()
    };
    for (c, body) in site.campaigns.iter().zip(campaign_bodies.iter()) {
        let mut intro = vec![format!(
            "Chiến dịch diễn ra từ {} đến {}.",
            dates::long(c.start.and_time(chrono::NaiveTime::MIN)),
            dates::long(c.end.and_time(chrono::NaiveTime::MIN))
        )];
        if !c.messages.is_empty() {
            intro.push(format!("Thông điệp chính: {}", c.messages.join(" ")));
        }
        let mut blocks = body.blocks.clone();
        for e in &c.events {
            let mut line = format!(
                "{}, {}",
                e.title,
                dates::with_weekday(e.date.and_time(chrono::NaiveTime::MIN))
            );
            if let Some(start) = e.start {
                line.push_str(&format!(
                    ", lúc {} giờ {}",
                    start.format("%-H"),
                    start.format("%M")
                ));
            }
            if let Some(place) = e
                .place
                .as_ref()
                .filter(|p| !p.starts_with(crate::config::PLACEHOLDER))
            {
                line.push_str(&format!(", tại {place}"));
            }
            line.push('.');
            blocks.push(loudspeaker::Spoken::new(&line));
        }
        let text = loudspeaker::script(&c.title, &intro, &blocks, &issuer);
        files.push(
            &format!("{}loa.txt", site.campaign_url(c)),
            text.into_bytes(),
        );
    }
    if !site.campaigns.is_empty() {
        for c in &site.campaigns {
            let ics = calendar::ics(site, &[c], &c.title);
            files.push(
                &format!("{}lich.ics", site.campaign_url(c)),
                ics.into_bytes(),
            );
        }
        let all: Vec<&crate::model::Campaign> = site.campaigns.iter().collect();
        let ics = calendar::ics(site, &all, &site.config.title);
        files.push("lich.ics", ics.into_bytes());
    }
    timings.lap("dữ liệu, loa, lịch", &mut clock);
    if let Some(search) = search {
        files.extend(search);
    }
    for (name, bytes) in &theme.assets {
        files.push(&assets[name], bytes.clone());
    }
    timings.lap("chỉ mục tìm kiếm", &mut clock);
    diags.extend_from(files.failures);
    let mut files = files.list;
    check_budget(site, &files, &page_sources, assets, theme, diags);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    timings.lap("sắp xếp", &mut clock);
    files
}

/// The search index files, as `(output path, bytes)`.
pub fn search_files(
    site: &Site,
    article_bodies: &[markdown::Rendered],
    topics: &std::collections::BTreeMap<String, String>,
) -> Vec<(String, Vec<u8>)> {
    let searchable = search_docs(site, article_bodies);
    search::build(&searchable, topics)
        .into_iter()
        .map(|(path, bytes)| {
            let (path, bytes) = if site.index_links {
                // Opened from disk, browsers refuse fetch() but run scripts: the
                // offline copy carries the index as scripts that hand it over.
                let mut script = format!("window.__loaSearch({path:?},").into_bytes();
                script.extend(bytes);
                script.extend(b");\n");
                (path.replace(".json", ".js"), script)
            } else {
                (path, bytes)
            };
            (format!("{}/{path}", site.config.urls.search), bytes)
        })
        .collect()
}

/// Article `i`'s text for the loudspeaker: `(output path, bytes)`.
fn loudspeaker_file(site: &Site, i: usize, body: &markdown::Rendered) -> (String, Vec<u8>) {
    let a = &site.articles[i];
    let issuer = if site.config.issuer.name.is_empty() {
        &site.config.title
    } else {
        &site.config.issuer.name
    };
    let intro = vec![format!("Bài đăng {}.", dates::long(a.date))];
    let text = loudspeaker::script(&a.title, &intro, &body.blocks, issuer);
    (format!("{}loa.txt", site.article_url(a)), text.into_bytes())
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
    let ctx = RenderContext::new(site, theme, bodies, prepared);
    let page = ctx.render_job(&Job::Article(i), opts)?;
    let fail = |path: &OutputPath, err: anyhow::Error| {
        Diagnostic::error(
            site.articles[i].source.as_str(),
            format!("không ghi được {}: {err:#}", path.as_str()),
        )
    };
    sink.put(&page.file.path, &page.bytes)
        .map_err(|e| fail(&page.file.path, e))?;
    let mut files = Files {
        list: vec![page.file],
        sink,
        failures: Vec::new(),
    };
    let (path, text) = loudspeaker_file(site, i, &bodies.articles[i]);
    files.push(&path, text);
    if i < feed::FEED_ENTRIES {
        files.push(
            "feed.xml",
            feed_file(site, &bodies.articles, &prepared.extras),
        );
    }
    match files.failures.into_iter().next() {
        Some(d) => Err(d),
        None => Ok(files.list),
    }
}

/// The Atom feed of the newest articles, with their text.
fn feed_file(site: &Site, bodies: &[markdown::Rendered], extras: &[ArticleExtras]) -> Vec<u8> {
    let items: Vec<feed::FeedItem> = (0..site.articles.len().min(feed::FEED_ENTRIES))
        .map(|i| feed::FeedItem {
            article: i,
            html: &bodies[i].html,
            summary: &extras[i].summary,
        })
        .collect();
    feed::atom(site, &items).into_bytes()
}

/// Hands many files to the sink in parallel: what was written, and what
/// could not be.
fn put_all(sink: &dyn Sink, many: Vec<(String, Vec<u8>)>) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let results: Vec<(OutputFile, Option<Diagnostic>)> = many
        .into_par_iter()
        .filter_map(|(path, bytes)| {
            let path = OutputPath::new(&path)?;
            let failure = sink.put(&path, &bytes).err().map(|err| {
                Diagnostic::error(
                    "public",
                    format!("không ghi được {}: {err:#}", path.as_str()),
                )
            });
            let len = bytes.len() as u64;
            Some((
                OutputFile {
                    path,
                    len,
                    kind: None,
                },
                failure,
            ))
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut failures = Vec::new();
    for (file, failure) in results {
        files.push(file);
        failures.extend(failure);
    }
    (files, failures)
}

/// Hands the files that are not pages to the sink.
struct Files<'a> {
    list: Vec<OutputFile>,
    sink: &'a dyn Sink,
    failures: Vec<Diagnostic>,
}

impl Files<'_> {
    fn extend(&mut self, (files, failures): (Vec<OutputFile>, Vec<Diagnostic>)) {
        self.list.extend(files);
        self.failures.extend(failures);
    }

    fn push(&mut self, path: &str, bytes: Vec<u8>) {
        let Some(path) = OutputPath::new(path) else {
            return;
        };
        if let Err(err) = self.sink.put(&path, &bytes) {
            self.failures.push(Diagnostic::error(
                "public",
                format!("không ghi được {}: {err:#}", path.as_str()),
            ));
        }
        self.list.push(OutputFile {
            path,
            len: bytes.len() as u64,
            kind: None,
        });
    }
}

/// The kinds of documents search covers on this site, and the names of the
/// topics its filters offer (article categories, plan topics).
fn search_facets(
    site: &Site,
) -> (
    Vec<&'static str>,
    std::collections::BTreeMap<String, String>,
) {
    let mut topics = std::collections::BTreeMap::new();
    for a in &site.articles {
        for (slug, name) in category_slugs(a).into_iter().zip(&a.categories) {
            topics.entry(slug).or_insert_with(|| name.clone());
        }
    }
    for p in &site.plans {
        for t in &p.topics {
            topics
                .entry(t.clone())
                .or_insert_with(|| plan::topic_name(t));
        }
    }
    let kinds = [
        ("bai-viet", !site.articles.is_empty()),
        ("ke-hoach", !site.plans.is_empty()),
        ("nhiem-vu", !site.tasks.is_empty()),
        ("chien-dich", !site.campaigns.is_empty()),
        ("don-vi", !site.units.is_empty()),
    ]
    .into_iter()
    .filter_map(|(kind, present)| present.then_some(kind))
    .collect();
    (kinds, topics)
}

/// An article's category slugs, as its search document lists them.
fn category_slugs(a: &crate::model::Article) -> Vec<String> {
    a.categories
        .iter()
        .map(|c| crate::text::slugify(c))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Everything search covers.
fn search_docs<'a>(
    site: &'a Site,
    article_bodies: &'a [markdown::Rendered],
) -> Vec<search::SearchDoc<'a>> {
    let mut docs = Vec::new();
    for (a, body) in site.articles.iter().zip(article_bodies) {
        let slugs = category_slugs(a);
        docs.push(search::SearchDoc {
            kind: "bai-viet",
            title: a.title.clone(),
            url: site.article_url(a),
            topics: slugs,
            text: vec![
                a.summary.as_deref().unwrap_or("").into(),
                a.tags.join(" ").into(),
                body.plain.as_str().into(),
            ],
        });
    }
    for (i, p) in site.plans.iter().enumerate() {
        let mut text: Vec<String> =
            vec![p.summary.clone().unwrap_or_default(), p.issuer.name.clone()];
        text.extend(p.basis.iter().map(|b| b.text.clone()));
        text.extend(p.body.iter().flat_map(plan::all_text));
        docs.push(search::SearchDoc {
            kind: "ke-hoach",
            title: p.title.clone(),
            url: site.plan_url(p),
            topics: p.topics.clone(),
            text: vec![text.join(" ").into()],
        });
        for t in site.tasks.iter().filter(|t| t.plan == i) {
            docs.push(search::SearchDoc {
                kind: "nhiem-vu",
                title: format!("{} {}", t.path, crate::text::truncate_words(&t.title, 140)),
                url: format!("{}#{}", site.plan_url(p), t.anchor),
                topics: p.topics.clone(),
                text: [
                    Some(&t.title),
                    t.lead_text.as_ref(),
                    t.partners_text.as_ref(),
                    t.timeframe.as_ref(),
                    Some(&p.title),
                ]
                .into_iter()
                .flatten()
                .map(|s| s.as_str().into())
                .collect(),
            });
        }
    }
    for c in &site.campaigns {
        let events: Vec<String> = c
            .events
            .iter()
            .map(|e| {
                format!(
                    "{} {} {}",
                    e.title,
                    e.place.as_deref().unwrap_or(""),
                    e.description.as_deref().unwrap_or("")
                )
            })
            .collect();
        docs.push(search::SearchDoc {
            kind: "chien-dich",
            title: c.title.clone(),
            url: site.campaign_url(c),
            topics: Vec::new(),
            text: vec![
                c.summary.as_deref().unwrap_or("").into(),
                c.messages.join(" ").into(),
                events.join(" ").into(),
                c.audience.join(" ").into(),
            ],
        });
    }
    for u in &site.units {
        docs.push(search::SearchDoc {
            kind: "don-vi",
            title: u.name.clone(),
            url: site.unit_url(u),
            topics: Vec::new(),
            text: vec![
                u.aliases.join(" ").into(),
                u.level.label().into(),
                u.description.as_deref().unwrap_or("").into(),
            ],
        });
    }
    docs
}

/// `./` at the site root, `../` one folder down, and so on.
pub fn root_for(depth: usize) -> String {
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// One page to render.
#[derive(Clone, Copy, Debug)]
enum Job {
    Home,
    Article(usize),
    Page(usize),
    List(usize),
    Category(usize, usize),
    Tag(usize, usize),
    Categories,
    Tags,
    Plan(usize),
    Plans,
    Unit(usize),
    Units,
    Year(i32),
    Basis,
    Search,
    Campaign(usize),
    Poster(usize),
    Campaigns,
    Report(usize),
    Reports,
    Documents,
    Document(usize),
    NotFound,
}

impl Job {
    fn url(&self, site: &Site) -> String {
        let c = &site.config.urls;
        match *self {
            Job::Home => String::new(),
            Job::Article(i) => site.article_url(&site.articles[i]),
            Job::Page(i) => site.page_url(&site.pages[i]),
            Job::List(n) => site.paged_url(&format!("{}/", c.articles), n),
            Job::Category(t, n) => site.paged_url(&site.category_url(&site.categories[t]), n),
            Job::Tag(t, n) => site.paged_url(&site.tag_url(&site.tags[t]), n),
            Job::Categories => format!("{}/", c.categories),
            Job::Tags => format!("{}/", c.tags),
            Job::Plan(i) => site.plan_url(&site.plans[i]),
            Job::Plans => format!("{}/", c.plans),
            Job::Unit(i) => site.unit_url(&site.units[i]),
            Job::Units => format!("{}/", c.units),
            Job::Year(y) => year_url(site, y),
            Job::Basis => format!("{}/can-cu/", c.plans),
            Job::Search => format!("{}/", c.search),
            Job::Campaign(i) => site.campaign_url(&site.campaigns[i]),
            Job::Poster(i) => format!("{}{POSTER}/", site.campaign_url(&site.campaigns[i])),
            Job::Campaigns => format!("{}/", c.campaigns),
            Job::Report(i) => report::report_url(site, i),
            Job::Reports => format!("{}/bao-cao/", c.plans),
            Job::Documents => format!("{}/", c.documents),
            Job::Document(i) => site.legal_doc_url(&site.legal_docs[i]),
            Job::NotFound => "404.html".to_string(),
        }
    }

    /// The template that renders it.
    fn template(&self) -> &'static str {
        match self {
            Job::Home => "home.html",
            Job::Article(_) => "article.html",
            Job::Page(_) => "page.html",
            Job::List(_) => "list.html",
            Job::Category(..) => "category.html",
            Job::Tag(..) => "tag.html",
            Job::Categories | Job::Tags => "terms.html",
            Job::Plan(_) => "plan.html",
            Job::Plans => "plans.html",
            Job::Unit(_) => "unit.html",
            Job::Units => "units.html",
            Job::Year(_) => "year.html",
            Job::Basis => "basis.html",
            Job::Search => "search.html",
            Job::Campaign(_) => "campaign.html",
            Job::Poster(_) => "poster.html",
            Job::Campaigns => "campaigns.html",
            Job::Report(_) => "report.html",
            Job::Reports => "reports.html",
            Job::Documents => "documents.html",
            Job::Document(_) => "document.html",
            Job::NotFound => "404.html",
        }
    }

    fn lastmod(&self, site: &Site) -> Option<String> {
        match *self {
            Job::Article(i) => {
                let a = &site.articles[i];
                Some(dates::iso_date(a.updated.unwrap_or(a.date).max(a.date)))
            }
            Job::Page(i) => site.pages[i].updated.map(dates::iso_date),
            _ => None,
        }
    }

    fn source<'a>(&self, site: &'a Site, theme: &'a Theme, template: &str) -> &'a str {
        match *self {
            Job::Article(i) => site.articles[i].source.as_str(),
            Job::Page(i) => site.pages[i].source.as_str(),
            Job::Plan(i) => site.plans[i].source.as_str(),
            Job::Campaign(i) | Job::Poster(i) => site.campaigns[i].source.as_str(),
            Job::Report(i) => site.plans[i].source.as_str(),
            Job::Document(_) => "content/van-ban.yaml",
            _ => theme.sources.get(template).map_or("themes", |p| p.as_str()),
        }
    }
}

fn jobs(site: &Site) -> Vec<Job> {
    let per = site.config.articles_per_page;
    let pages_of = |count: usize| count.div_ceil(per).max(1);
    let mut jobs = vec![Job::Home, Job::NotFound, Job::Categories, Job::Tags];
    jobs.extend((0..site.articles.len()).map(Job::Article));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.push(Job::Plans);
    jobs.push(Job::Search);
    if !site.campaigns.is_empty() {
        jobs.push(Job::Campaigns);
        jobs.extend((0..site.campaigns.len()).map(Job::Campaign));
        jobs.extend((0..site.campaigns.len()).map(Job::Poster));
    }
    if !site.plans.is_empty() {
        jobs.push(Job::Reports);
        jobs.extend((0..site.plans.len()).map(Job::Report));
        jobs.push(Job::Basis);
        jobs.extend(plan_years(site).into_iter().map(Job::Year));
    }
    if !site.legal_docs.is_empty() {
        jobs.push(Job::Documents);
        jobs.extend((0..site.legal_docs.len()).map(Job::Document));
    }
    if !site.units.is_empty() {
        jobs.push(Job::Units);
        jobs.extend((0..site.units.len()).map(Job::Unit));
    }
    jobs.extend((0..site.plans.len()).map(Job::Plan));
    jobs.extend((1..=pages_of(site.articles.len())).map(Job::List));
    for (t, term) in site.categories.iter().enumerate() {
        jobs.extend((1..=pages_of(term.articles.len())).map(|n| Job::Category(t, n)));
    }
    for (t, term) in site.tags.iter().enumerate() {
        jobs.extend((1..=pages_of(term.articles.len())).map(|n| Job::Tag(t, n)));
    }
    jobs
}

struct RenderContext<'a> {
    site: &'a Site,
    theme: &'a Theme,
    site_view: &'a SiteView,
    extras: &'a [ArticleExtras],
    article_bodies: &'a [markdown::Rendered],
    page_bodies: &'a [markdown::Rendered],
    menu: &'a [(String, MenuTarget)],
    campaign_bodies: &'a [markdown::Rendered],
    search_kinds: &'a [&'static str],
    search_topics: &'a std::collections::BTreeMap<String, String>,
    assets: &'a std::collections::BTreeMap<String, String>,
    /// Pages this small cannot exceed the budget even uncompressed: their
    /// gzip size is not worth computing.
    surely_light: usize,
    minifier: minify::Minifier,
    /// Every article's index, in order: the items of the article list.
    all_articles: Vec<usize>,
}

impl<'a> RenderContext<'a> {
    fn new(site: &'a Site, theme: &'a Theme, bodies: &'a Bodies, prepared: &'a Prepared) -> Self {
        RenderContext {
            site,
            theme,
            site_view: &prepared.site_view,
            extras: &prepared.extras,
            article_bodies: &bodies.articles,
            page_bodies: &bodies.pages,
            menu: &prepared.menu,
            campaign_bodies: &bodies.campaigns,
            search_kinds: &prepared.search_kinds,
            search_topics: &prepared.search_topics,
            assets: &prepared.assets,
            surely_light: prepared.surely_light,
            minifier: minify::Minifier::default(),
            all_articles: (0..site.articles.len()).collect(),
        }
    }
}

enum MenuTarget {
    Site(String),
    External(String),
}

#[derive(Serialize)]
struct HomeData<'a> {
    campaigns: Vec<campaign::CampaignCard>,
    plans: Vec<plan::PlanCard>,
    all_plans_url: String,
    articles: Vec<ArticleCard<'a>>,
    categories: Vec<views::TermView>,
    all_articles_url: String,
}

#[derive(Serialize)]
struct ArticleData<'a> {
    article: ArticleView<'a>,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    #[serde(flatten)]
    card: ArticleCard<'a>,
    content: &'a str,
    toc: Vec<TocEntry>,
    sources: Vec<CitationView>,
    serves: Vec<Link>,
    legal_basis: Vec<Link>,
    notices: Vec<documents::Notice>,
    qr: Option<String>,
    full_url: String,
    newer: Option<Link>,
    older: Option<Link>,
}

#[derive(Serialize)]
struct PageData<'a> {
    content: &'a str,
    updated: Option<views::DateView>,
}

#[derive(Serialize)]
struct ListData<'a> {
    articles: Vec<ArticleCard<'a>>,
    pagination: Pagination,
    term: Option<views::TermView>,
}

#[derive(Serialize)]
struct TermsData {
    terms: Vec<views::TermView>,
    taxonomy: &'static str,
}

#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
struct CampaignData {
    campaign: campaign::CampaignView,
}

/// The last URL segment of a campaign's A4 poster.
pub const POSTER: &str = "ap-phich";

/// Events that fit on one A4 poster; the rest are on the campaign page.
const POSTER_EVENTS: usize = 6;

#[derive(Serialize)]
struct PosterData {
    campaign: campaign::CampaignView,
    events: Vec<campaign::EventView>,
    more_events: bool,
    campaign_url: String,
    contact: Option<String>,
}

#[derive(Serialize)]
struct CampaignsData {
    campaigns: Vec<campaign::CampaignCard>,
    calendar_url: String,
}

#[derive(Serialize)]
struct SearchData {
    index_url: String,
    kinds: Vec<Link>,
    topics: Vec<Link>,
    categories_url: String,
    plans_url: String,
    units_url: String,
    has_units: bool,
}

#[derive(Serialize)]
struct PlanData {
    plan: PlanView,
}

#[derive(Serialize)]
struct PlanView {
    #[serde(flatten)]
    card: plan::PlanCard,
    summary: String,
    audience: Vec<String>,
    lead_units: Vec<Link>,
    tasks: Vec<plan::TaskRow>,
    timeline: Option<String>,
    document: String,
    data_url: String,
    report_url: String,
    notices: Vec<documents::Notice>,
}

#[derive(Serialize)]
struct PlansData {
    basis_url: String,
    units_url: String,
    reports_url: String,
    documents_url: Option<String>,
    plans: Vec<plan::PlanCard>,
    by_topic: Vec<PlanGroup>,
    by_year: Vec<PlanGroup>,
    by_level: Vec<PlanGroup>,
}

#[derive(Serialize)]
struct PlanGroup {
    name: String,
    id: String,
    url: Option<String>,
    plans: Vec<plan::PlanCard>,
}

impl<'a> RenderContext<'a> {
    fn render_job(&self, job: &Job, opts: RenderOptions) -> Result<RenderedPage, Diagnostic> {
        self.render_job_with(job, opts, opts.minify)
    }

    /// Renders a page; with `use_slots`, HTML that loa writes compact itself
    /// (an article's body, its QR code) goes into the template as a slot
    /// and is put in after minify-html has run, which then reads only what
    /// the template added.
    fn render_job_with(
        &self,
        job: &Job,
        opts: RenderOptions,
        use_slots: bool,
    ) -> Result<RenderedPage, Diagnostic> {
        let site = self.site;
        let mut slots: Vec<(&'static str, std::borrow::Cow<str>)> = Vec::new();
        let t = &self.theme.strings;
        let s = |key: &str| t.get(key).cloned().unwrap_or_else(|| key.to_string());
        let url = job.url(site);
        let path = if matches!(job, Job::NotFound) {
            OutputPath::new("404.html")
        } else {
            OutputPath::page(&url)
        };
        let path = path.ok_or_else(|| {
            Diagnostic::error(
                job.source(site, self.theme, ""),
                format!("đường dẫn đầu ra không hợp lệ: `{url}`"),
            )
        })?;
        let root = if matches!(job, Job::NotFound) {
            base_path(&site.config.base_url)
        } else {
            root_for(path.depth())
        };
        let canonical = if matches!(job, Job::NotFound) {
            String::new()
        } else {
            format!("{}{url}", site.config.base_url)
        };
        let articles_url = format!("{}/", site.config.urls.articles);
        let home = Link {
            label: s("home"),
            url: views::href(site, &root, ""),
            current: false,
        };
        let crumb = |label: String, site_path: &str| Link {
            label,
            url: views::href(site, &root, site_path),
            current: false,
        };
        let mut meta = PageMeta {
            canonical,
            og_type: "website",
            description: site.config.description.clone(),
            ..PageMeta::default()
        };
        let mut breadcrumbs = vec![home];
        let (template, data): (&str, serde_json::Value) = match *job {
            Job::Home => {
                meta.kind = "home";
                meta.title = site.config.title.clone();
                breadcrumbs.clear();
                let data = HomeData {
                    articles: (0..site.articles.len().min(site.config.home_articles))
                        .map(|i| self.card(i, &root))
                        .collect(),
                    categories: site
                        .categories
                        .iter()
                        .map(|c| {
                            views::term_view(c, views::href(site, &root, &site.category_url(c)))
                        })
                        .collect(),
                    all_articles_url: views::href(site, &root, &articles_url),
                    campaigns: campaign::on_home(site, &root, opts.today),
                    plans: (0..site.plans.len())
                        .map(|i| plan::card(site, i, &root, opts.today))
                        .filter(|c| c.status == plan::Status::Active)
                        .collect(),
                    all_plans_url: views::href(
                        site,
                        &root,
                        &format!("{}/", site.config.urls.plans),
                    ),
                };
                ("home.html", to_value(&data))
            }
            Job::Article(i) => {
                let a = &site.articles[i];
                let body = &self.article_bodies[i];
                meta.kind = "article";
                meta.title = a.title.clone();
                meta.og_type = "article";
                meta.description = self.extras[i].summary.clone();
                meta.published_time = dates::rfc3339(a.date, site.config.timezone);
                meta.modified_time = dates::rfc3339(
                    a.updated.unwrap_or(a.date).max(a.date),
                    site.config.timezone,
                );
                if let Some(image) = &a.image {
                    meta.og_image = views::image_full_url(&site.config, image);
                    meta.og_image_alt = image.alt.clone();
                }
                breadcrumbs.push(crumb(s("articles"), &articles_url));
                if let Some(cat) = a.categories.first() {
                    let slug = crate::text::slugify(cat);
                    if !slug.is_empty() {
                        breadcrumbs.push(crumb(
                            cat.clone(),
                            &format!("{}/{slug}/", site.config.urls.categories),
                        ));
                    }
                }
                let toc = if body.headings.iter().filter(|h| h.level == 2).count() >= 3 {
                    body.headings
                        .iter()
                        .filter(|h| h.level <= 3)
                        .map(|h| TocEntry {
                            level: h.level,
                            id: h.id.clone(),
                            text: h.text.clone(),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let neighbour = |j: usize| Link {
                    label: site.articles[j].title.clone(),
                    url: views::href(site, &root, &site.article_url(&site.articles[j])),
                    current: false,
                };
                let mut content: &str = &body.html;
                let mut qr = qr::svg(&meta.canonical, &format!("Mã QR mở bài {}", a.title));
                if use_slots && !self.theme.minified.contains("article.html") {
                    slots.push((BODY_SLOT, content.into()));
                    content = BODY_SLOT;
                    if let Some(svg) = qr.replace(QR_SLOT.to_string()) {
                        slots.push((QR_SLOT, svg.into()));
                    }
                }
                let data = ArticleData {
                    article: ArticleView {
                        card: self.card(i, &root),
                        content,
                        toc,
                        qr,
                        full_url: meta.canonical.clone(),
                        serves: a
                            .implements
                            .iter()
                            .filter_map(|(reference, _)| plan::task_link(site, reference, &root))
                            .collect(),
                        legal_basis: documents::legal_basis(site, i, &root),
                        notices: documents::notices(
                            site,
                            crate::resolve::documents::Citer::Article(i),
                            &root,
                            opts.today,
                        ),
                        sources: a
                            .sources
                            .iter()
                            .map(|c| CitationView {
                                title: c.title.clone(),
                                url: c.url.clone(),
                            })
                            .collect(),
                        newer: i.checked_sub(1).map(neighbour),
                        older: (i + 1 < site.articles.len()).then(|| neighbour(i + 1)),
                    },
                };
                ("article.html", to_value(&data))
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                meta.kind = "page";
                meta.title = p.title.clone();
                meta.description = p.summary.clone().unwrap_or_else(|| {
                    crate::text::truncate_words(&self.page_bodies[i].first_paragraph, 200)
                });
                let data = PageData {
                    content: &self.page_bodies[i].html,
                    updated: p.updated.map(views::DateView::new),
                };
                ("page.html", to_value(&data))
            }
            Job::List(n) => {
                meta.kind = "list";
                meta.title = s("articles");
                let data = self.list(&self.all_articles, &articles_url, n, &root, None);
                if n > 1 {
                    breadcrumbs.push(crumb(s("articles"), &articles_url));
                }
                ("list.html", to_value(&data))
            }
            Job::Category(ti, n) | Job::Tag(ti, n) => {
                let is_cat = matches!(job, Job::Category(..));
                let term: &Term = if is_cat {
                    &site.categories[ti]
                } else {
                    &site.tags[ti]
                };
                let base = if is_cat {
                    site.category_url(term)
                } else {
                    site.tag_url(term)
                };
                meta.kind = if is_cat { "category" } else { "tag" };
                meta.title = term.name.clone();
                meta.description = format!(
                    "{} {}: {}",
                    s(if is_cat { "category" } else { "tag" }),
                    term.name,
                    site.config.title
                );
                let index = if is_cat {
                    &site.config.urls.categories
                } else {
                    &site.config.urls.tags
                };
                breadcrumbs.push(crumb(
                    s(if is_cat { "categories" } else { "tags" }),
                    &format!("{index}/"),
                ));
                if n > 1 {
                    breadcrumbs.push(crumb(term.name.clone(), &base));
                }
                let tv = views::term_view(term, views::href(site, &root, &base));
                let data = self.list(&term.articles, &base, n, &root, Some(tv));
                (
                    if is_cat { "category.html" } else { "tag.html" },
                    to_value(&data),
                )
            }
            Job::Plan(i) => {
                let p = &site.plans[i];
                meta.kind = "plan";
                meta.title = p.title.clone();
                let page_href = views::href(site, &root, &url);
                let view = self.plan_view(i, &root, opts.today, &page_href);
                meta.description = view.summary.clone();
                breadcrumbs.push(crumb(s("plans"), &format!("{}/", site.config.urls.plans)));
                ("plan.html", to_value(&PlanData { plan: view }))
            }
            Job::Unit(u) => {
                meta.kind = "unit";
                meta.title = site.units[u].name.clone();
                meta.description = format!("{}: {}", s("unit_description"), site.units[u].name);
                breadcrumbs.push(crumb(s("units"), &format!("{}/", site.config.urls.units)));
                ("unit.html", to_value(&self.unit_data(u, &root, opts.today)))
            }
            Job::Units => {
                meta.kind = "units";
                meta.title = s("units");
                meta.description = format!("{}: {}", s("units"), site.config.title);
                ("units.html", to_value(&self.units_data(&root)))
            }
            Job::Year(y) => {
                meta.kind = "year";
                meta.title = format!("{} {y}", s("year_title"));
                meta.description = meta.title.clone();
                breadcrumbs.push(crumb(s("plans"), &format!("{}/", site.config.urls.plans)));
                ("year.html", to_value(&self.year_data(y, &root, opts.today)))
            }
            Job::Basis => {
                meta.kind = "basis";
                meta.title = s("basis_title");
                meta.description = s("basis_description");
                breadcrumbs.push(crumb(s("plans"), &format!("{}/", site.config.urls.plans)));
                ("basis.html", to_value(&self.basis_data(&root)))
            }
            Job::Campaign(i) => {
                let c = &site.campaigns[i];
                meta.kind = "campaign";
                meta.title = c.title.clone();
                meta.description = c.summary.clone().unwrap_or_else(|| {
                    crate::text::truncate_words(&self.campaign_bodies[i].first_paragraph, 200)
                });
                if let Some(image) = &c.image {
                    meta.og_image = views::image_full_url(&site.config, image);
                    meta.og_image_alt = image.alt.clone();
                }
                breadcrumbs.push(crumb(
                    s("campaigns"),
                    &format!("{}/", site.config.urls.campaigns),
                ));
                let view =
                    campaign::view(site, i, &self.campaign_bodies[i].html, &root, opts.today);
                ("campaign.html", to_value(&CampaignData { campaign: view }))
            }
            Job::Report(i) => {
                meta.kind = "report";
                meta.title = format!("{}: {}", s("report_title"), site.plans[i].title);
                meta.description = meta.title.clone();
                breadcrumbs.push(crumb(s("plans"), &format!("{}/", site.config.urls.plans)));
                breadcrumbs.push(crumb(
                    site.plans[i].title.clone(),
                    &site.plan_url(&site.plans[i]),
                ));
                ("report.html", to_value(&report::report(site, i, &root)))
            }
            Job::Reports => {
                meta.kind = "reports";
                meta.title = s("reports_title");
                meta.description = meta.title.clone();
                breadcrumbs.push(crumb(s("plans"), &format!("{}/", site.config.urls.plans)));
                ("reports.html", to_value(&report::summary(site, &root)))
            }
            Job::Documents => {
                meta.kind = "documents";
                meta.title = s("documents_title");
                meta.description = s("documents_description");
                (
                    "documents.html",
                    to_value(&documents::index(site, &root, opts.today)),
                )
            }
            Job::Document(i) => {
                let doc = &site.legal_docs[i];
                meta.kind = "document";
                meta.title = doc.display_name();
                meta.description = format!("{}: {}", s("document_description"), meta.title);
                breadcrumbs.push(crumb(
                    s("documents_title"),
                    &format!("{}/", site.config.urls.documents),
                ));
                (
                    "document.html",
                    to_value(&documents::page(site, i, &root, opts.today)),
                )
            }
            Job::Poster(i) => {
                let c = &site.campaigns[i];
                meta.kind = "poster";
                meta.title = format!("{}: {}", s("poster"), c.title);
                meta.description = c.summary.clone().unwrap_or_else(|| c.title.clone());
                // Share and scan the campaign page, not its poster.
                meta.canonical = format!("{}{}", site.config.base_url, site.campaign_url(c));
                let campaign_url = site.campaign_url(c);
                breadcrumbs.push(crumb(
                    s("campaigns"),
                    &format!("{}/", site.config.urls.campaigns),
                ));
                breadcrumbs.push(crumb(c.title.clone(), &campaign_url));
                let mut view =
                    campaign::view(site, i, &self.campaign_bodies[i].html, &root, opts.today);
                let mut events = std::mem::take(&mut view.events);
                let more_events = events.len() > POSTER_EVENTS;
                events.truncate(POSTER_EVENTS);
                let issuer = &site.config.issuer;
                let contact = [&issuer.hotline, &issuer.phone]
                    .into_iter()
                    .find(|p| !p.is_empty() && !p.starts_with(crate::config::PLACEHOLDER))
                    .map(|phone| format!("{}: {phone}", s("contact")));
                (
                    "poster.html",
                    to_value(&PosterData {
                        campaign: view,
                        events,
                        more_events,
                        campaign_url: views::href(site, &root, &campaign_url),
                        contact,
                    }),
                )
            }
            Job::Campaigns => {
                meta.kind = "campaigns";
                meta.title = s("campaigns");
                meta.description = format!("{}: {}", s("campaigns"), site.config.title);
                let all: Vec<campaign::CampaignCard> = (0..site.campaigns.len())
                    .map(|i| campaign::card(site, i, &root, opts.today))
                    .collect();
                (
                    "campaigns.html",
                    to_value(&CampaignsData {
                        campaigns: all,
                        calendar_url: format!("{root}lich.ics"),
                    }),
                )
            }
            Job::Search => {
                meta.kind = "search";
                meta.title = s("search");
                meta.description = s("search_description");
                ("search.html", to_value(&self.search_data(&root)))
            }
            Job::Plans => {
                meta.kind = "plans";
                meta.title = s("plans");
                meta.description = format!("{}: {}", s("plans"), site.config.title);
                ("plans.html", to_value(&self.plans_data(&root, opts.today)))
            }
            Job::Categories | Job::Tags => {
                let is_cat = matches!(job, Job::Categories);
                meta.kind = "terms";
                meta.title = s(if is_cat { "categories" } else { "tags" });
                let terms = if is_cat { &site.categories } else { &site.tags };
                let data = TermsData {
                    terms: terms
                        .iter()
                        .map(|t| {
                            let u = if is_cat {
                                site.category_url(t)
                            } else {
                                site.tag_url(t)
                            };
                            views::term_view(t, views::href(site, &root, &u))
                        })
                        .collect(),
                    taxonomy: if is_cat { "category" } else { "tag" },
                };
                ("terms.html", to_value(&data))
            }
            Job::NotFound => {
                meta.kind = "404";
                meta.title = s("not_found_title");
                breadcrumbs.clear();
                ("404.html", to_value(&Empty {}))
            }
        };
        debug_assert_eq!(template, job.template(), "{job:?}");
        let common = Common {
            site: Some(self.site_view).filter(|_| self.theme.reads_site.contains(template)),
            t: self.theme.page_strings.get(template).unwrap_or(t),
            root: root.clone(),
            home_url: views::href(site, &root, ""),
            search_url: views::href(site, &root, &format!("{}/", site.config.urls.search)),
            assets: Some(self.assets).filter(|_| self.theme.reads_assets.contains(template)),
            page: meta,
            menu: self.menu(&url, &root),
            breadcrumbs,
        };
        let source = job.source(site, self.theme, template);
        let context_error = |err: tera::Error| {
            Diagnostic::error(
                source,
                format!(
                    "không tạo được dữ liệu cho khuôn mẫu: {}",
                    crate::theme::chain(&err)
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
            let chain = crate::theme::chain(&err);
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
        let bytes = if !opts.minify {
            minify::without_markers(html)
        } else if minified {
            // Minified with its templates.
            html
        } else {
            let slots: Vec<(&str, &str)> = slots.iter().map(|(s, h)| (*s, h.as_ref())).collect();
            match self.minifier.page(&html, &slots) {
                Some(bytes) => bytes,
                // The theme did not put a slot in once and as it is (it
                // escaped or filtered the HTML): render with the HTML itself.
                None => return self.render_job_with(job, opts, false),
            }
        };
        let gzip = if bytes.len() <= self.surely_light {
            bytes.len()
        } else {
            gzip_size(&bytes)
        };
        Ok(RenderedPage {
            file: OutputFile {
                path,
                len: bytes.len() as u64,
                kind: Some(job_kind(job)),
            },
            bytes,
            source: source.to_string(),
            gzip,
        })
    }

    fn plan_view(
        &self,
        i: usize,
        root: &str,
        today: chrono::NaiveDate,
        page_href: &str,
    ) -> PlanView {
        let site = self.site;
        let p = &site.plans[i];
        let card = plan::card(site, i, root, today);
        let tasks = plan::task_rows(site, i, root, today, page_href);
        let mut lead_units: Vec<Link> = Vec::new();
        for t in site.tasks.iter().filter(|t| t.plan == i) {
            for &u in &t.lead {
                let unit = &site.units[u];
                if !lead_units.iter().any(|l| l.label == unit.name) {
                    lead_units.push(Link {
                        label: unit.name.clone(),
                        url: views::href(site, root, &site.unit_url(unit)),
                        current: false,
                    });
                }
            }
        }
        let first_of = |role| {
            plan::find_role(&p.body, role).and_then(|b| {
                plan::all_text(b)
                    .into_iter()
                    .find(|t| !t.ends_with(':') && t.split_whitespace().count() > 4)
            })
        };
        let summary = p
            .summary
            .clone()
            .or_else(|| first_of(crate::model::Role::Purposes))
            .or_else(|| first_of(crate::model::Role::Objectives))
            .unwrap_or_else(|| p.title.clone());
        let audience = if p.audience.is_empty() {
            plan::find_role(&p.body, crate::model::Role::TargetGroups)
                .map(|b| b.text.clone())
                .unwrap_or_default()
        } else {
            p.audience.clone()
        };
        let plan_href = |slug: &crate::model::Slug| {
            site.plans
                .iter()
                .find(|q| &q.slug == slug)
                .map(|q| views::href(site, root, &site.plan_url(q)))
        };
        PlanView {
            card,
            summary,
            audience,
            lead_units,
            tasks,
            timeline: plan::timeline_svg(site, i, today),
            document: plan::official_html(p, &plan_href, &|anchor| {
                plan::published(site, i, anchor, root)
            }),
            report_url: views::href(site, root, &report::report_url(site, i)),
            notices: documents::notices(
                site,
                crate::resolve::documents::Citer::Plan(i),
                root,
                today,
            ),
            data_url: format!(
                "{root}{}/{}/{}.json",
                site.config.urls.data, site.config.urls.plans, p.slug
            ),
        }
    }

    fn plans_data(&self, root: &str, today: chrono::NaiveDate) -> PlansData {
        let site = self.site;
        let cards = |filter: &dyn Fn(usize) -> bool| -> Vec<plan::PlanCard> {
            (0..site.plans.len())
                .filter(|&i| filter(i))
                .map(|i| plan::card(site, i, root, today))
                .collect()
        };
        let mut topics: Vec<String> = site
            .plans
            .iter()
            .flat_map(|p| p.topics.iter().cloned())
            .collect();
        topics.sort();
        topics.dedup();
        let by_topic = topics
            .into_iter()
            .map(|t| PlanGroup {
                name: plan::topic_name(&t),
                plans: cards(&|i| site.plans[i].topics.contains(&t)),
                id: format!("chu-de-{t}"),
                url: None,
            })
            .collect();
        let years_of = |i: usize| -> Vec<i32> {
            let p = &site.plans[i];
            let Some(period) = &p.period else {
                return Vec::new();
            };
            let (Some(a), Some(b)) = (period.start(), period.end()) else {
                return Vec::new();
            };
            let last = if period.open_ended {
                b.year().max(chrono::Datelike::year(&today))
            } else {
                b.year()
            };
            (a.year()..=last).collect()
        };
        use chrono::Datelike;
        let mut years: Vec<i32> = (0..site.plans.len()).flat_map(years_of).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let by_year = years
            .into_iter()
            .map(|y| PlanGroup {
                name: format!("Năm {y}"),
                plans: cards(&|i| years_of(i).contains(&y)),
                id: format!("nam-{y}"),
                url: Some(views::href(site, root, &year_url(site, y))),
            })
            .collect();
        let by_level = crate::model::Level::ALL
            .into_iter()
            .filter(|l| site.plans.iter().any(|p| p.issuer.level == *l))
            .map(|l| PlanGroup {
                name: l.label().to_string(),
                plans: cards(&|i| site.plans[i].issuer.level == l),
                id: format!("cap-{}", l.key()),
                url: None,
            })
            .collect();
        PlansData {
            basis_url: views::href(site, root, &format!("{}/can-cu/", site.config.urls.plans)),
            units_url: views::href(site, root, &format!("{}/", site.config.urls.units)),
            reports_url: views::href(site, root, &format!("{}/bao-cao/", site.config.urls.plans)),
            documents_url: (!site.legal_docs.is_empty())
                .then(|| views::href(site, root, &format!("{}/", site.config.urls.documents))),
            plans: cards(&|_| true),
            by_topic,
            by_year,
            by_level,
        }
    }

    fn search_data(&self, root: &str) -> SearchData {
        let site = self.site;
        SearchData {
            index_url: format!("{root}{}/", site.config.urls.search),
            kinds: search::KINDS
                .iter()
                .filter(|(k, _)| self.search_kinds.contains(k))
                .map(|(k, name)| Link {
                    label: name.to_string(),
                    url: k.to_string(),
                    current: false,
                })
                .collect(),
            topics: self
                .search_topics
                .iter()
                .map(|(k, name)| Link {
                    label: name.clone(),
                    url: k.clone(),
                    current: false,
                })
                .collect(),
            categories_url: views::href(site, root, &format!("{}/", site.config.urls.categories)),
            plans_url: views::href(site, root, &format!("{}/", site.config.urls.plans)),
            units_url: views::href(site, root, &format!("{}/", site.config.urls.units)),
            has_units: !site.units.is_empty(),
        }
    }

    fn card(&self, i: usize, root: &str) -> ArticleCard<'a> {
        views::card(self.site, &self.site.articles[i], &self.extras[i], root)
    }

    fn list(
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
        }
    }

    fn menu(&self, url: &str, root: &str) -> Vec<Link> {
        self.menu
            .iter()
            .map(|(label, target)| match target {
                MenuTarget::Site(path) => Link {
                    label: label.clone(),
                    url: if path.is_empty() {
                        views::href(self.site, root, "")
                    } else {
                        views::href(self.site, root, path)
                    },
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
}

fn job_kind(job: &Job) -> &'static str {
    match job {
        Job::Home => "trang chủ",
        Job::Article(_) => "bài viết",
        Job::Page(_) => "trang tĩnh",
        Job::List(_) => "danh sách",
        Job::Category(..) | Job::Categories => "chuyên mục",
        Job::Tag(..) | Job::Tags => "thẻ",
        Job::Plan(_) => "kế hoạch",
        Job::Plans | Job::Year(_) | Job::Basis => "danh sách kế hoạch",
        Job::Unit(_) | Job::Units => "đơn vị",
        Job::Search => "tìm kiếm",
        Job::Campaign(_) | Job::Campaigns => "chiến dịch",
        Job::Poster(_) => "áp phích",
        Job::Report(_) | Job::Reports => "báo cáo",
        Job::Documents | Job::Document(_) => "văn bản",
        Job::NotFound => "404",
    }
}

fn to_value<T: Serialize>(data: &T) -> serde_json::Value {
    serde_json::to_value(data).unwrap_or(serde_json::Value::Null)
}

/// The path part of `base_url` (`/` or `/portal/`), for the 404 page, which
/// is served at any depth and so cannot use relative links.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
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
