//! Stage 4 (pure): [`Site`] + [`Theme`] → output files, each handed to a
//! [`Sink`] as soon as it is ready. [`render_site`] renders the articles a
//! batch at a time (Markdown, page, loudspeaker text, search words), then
//! every other page and file, in parallel; [`render_all`] renders what a
//! preview edit changes. The pages themselves are declared in `pages/`.

mod bodies;
mod budget;
pub mod calendar;
pub mod campaign;
pub mod data;
pub mod dates;
pub mod documents;
pub mod feed;
mod files;
mod indexes;
pub mod links;
pub mod loudspeaker;
pub mod markdown;
mod math;
mod minify;
mod pages;
pub mod phone;
mod prepare;
pub use minify::{minify, template as minify_template};
pub mod plan;
pub mod qr;
pub mod report;
pub mod search;
pub mod theme;
pub mod timeline;
pub mod views;

pub use bodies::{render_article_body, render_bodies, Bodies, Outline};
pub use budget::gzip_size;
pub use files::search_files;
pub use pages::page_templates;
pub use prepare::{article_card, asset_name, fingerprint, prepare, site_constants, Prepared};

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::OutputPath;
use crate::resolve::Site;
use pages::{ArticleBatch, Job, RenderContext};
use theme::Theme;
use views::Card;

/// Options for rendering.
#[derive(Clone, Copy, Debug)]
pub struct RenderOptions {
    /// Minify HTML with minify-html.
    pub minify: bool,
    /// The day plan statuses are computed for.
    pub today: chrono::NaiveDate,
    /// Keep each article's Markdown once its page is rendered (the preview
    /// renders pages again after edits); otherwise it is released, and a
    /// large site's text is not held to the end of the build.
    pub keep_article_text: bool,
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

/// Which pages and files [`render_all`] makes after an edit.
#[derive(Clone, Debug)]
pub enum Scope {
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
            Scope::Articles(keep) => job.article().is_none_or(|i| keep.contains(&i)),
            Scope::Templates(names) => names.contains(job.template()),
        }
    }

    fn loudspeaker(&self) -> bool {
        matches!(self, Scope::Articles(_))
    }
}

/// Articles are rendered this many at a time: their Markdown, their pages
/// and loudspeaker texts, their words into the search index; then their
/// HTML is dropped. Memory holds one batch of rendered articles, never the
/// whole site's.
pub const ARTICLE_BATCH: usize = 512;

/// What is kept of a page once it is in the sink.
struct PutPage {
    file: OutputFile,
    source: String,
    gzip: usize,
    /// The article's loudspeaker text, put beside its page.
    loudspeaker: Option<OutputFile>,
}

/// The pages put into the sink so far, with what the page budget needs and
/// the problems found.
#[derive(Default)]
struct Rendered {
    list: Vec<OutputFile>,
    page_sources: Vec<(String, String, usize)>,
    failures: Vec<Diagnostic>,
}

impl Rendered {
    fn take(&mut self, results: Vec<Result<PutPage, Diagnostic>>) {
        for result in results {
            match result {
                Ok(page) => {
                    self.page_sources.push((
                        page.file.path.as_str().to_string(),
                        page.source,
                        page.gzip,
                    ));
                    self.list.push(page.file);
                    self.list.extend(page.loudspeaker);
                }
                Err(d) => self.failures.push(d),
            }
        }
    }

    /// Reports the problems (a broken template breaks every page that uses
    /// it: reported once), checks the page budget, and returns the files
    /// sorted by path.
    fn finish(
        mut self,
        site: &Site,
        theme: &Theme,
        prepared: &Prepared,
        diags: &mut Diagnostics,
    ) -> Vec<OutputFile> {
        let mut reported = BTreeSet::new();
        for d in self.failures {
            if d.file.starts_with("content/") || reported.insert((d.file.clone(), d.line, d.column))
            {
                diags.push(d);
            }
        }
        budget::check_budget(
            site,
            &self.list,
            &self.page_sources,
            &prepared.assets,
            theme,
            diags,
        );
        self.list.sort_by(|a, b| a.path.cmp(&b.path));
        self.list
    }
}

/// How many pages are done, told to the watcher every 250.
struct Count<'w> {
    watch: &'w dyn Watch,
    done: std::sync::atomic::AtomicUsize,
    total: usize,
}

impl<'w> Count<'w> {
    /// A count that starts at `done` of `total`.
    fn new(watch: &'w dyn Watch, done: usize, total: usize) -> Self {
        Count {
            watch,
            done: std::sync::atomic::AtomicUsize::new(done),
            total,
        }
    }

    /// How many are done.
    fn done(self) -> usize {
        self.done.into_inner()
    }

    fn one_more(&self) {
        let n = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if n % 250 == 0 {
            self.watch.note(&format!("trang {n}/{}", self.total));
        }
    }
}

/// Renders the pages of `jobs` in parallel into the sink, with each
/// article's loudspeaker text when `loudspeaker`.
fn put_pages(
    ctx: &RenderContext,
    jobs: &[Job],
    opts: RenderOptions,
    loudspeaker: bool,
    sink: &dyn Sink,
    count: &Count,
) -> Vec<Result<PutPage, Diagnostic>> {
    jobs.par_iter()
        .map(|job| {
            count.one_more();
            let page = ctx.render(job, opts)?;
            sink.put(&page.path, &page.bytes);
            // The loudspeaker text goes into the folder just made.
            let loudspeaker = job.article().filter(|_| loudspeaker).and_then(|i| {
                put(
                    sink,
                    files::article_loudspeaker(ctx.site, i, ctx.article_body(i)),
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
}

/// Renders the whole site into `sink`: first the articles, a batch at a
/// time (their Markdown, cards, pages, loudspeaker texts and search words;
/// this fills `bodies.articles` and the cards of `prepared`, and releases
/// each article's Markdown unless `opts.keep_article_text`), then every
/// other page and file. Returns what it put there, sorted by path.
#[allow(clippy::too_many_arguments)]
pub fn render_site(
    site: &mut Site,
    theme: &Theme,
    bodies: &mut Bodies,
    prepared: &mut Prepared,
    opts: RenderOptions,
    sink: &dyn Sink,
    watch: &mut dyn Watch,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let all_jobs = pages::jobs(site);
    let mut done = 0;
    let mut rendered = Rendered::default();
    let mut cards: Vec<Card> = Vec::with_capacity(site.articles.len());
    let mut outlines = Vec::with_capacity(site.articles.len());
    // Owned: `prepared` takes the cards before the index is finished.
    let topics = prepared.search_topics.clone();
    let mut search = search::Index::new(&topics, &site.config.language);
    let mut feed_html: Vec<String> = Vec::new();
    let all: Vec<usize> = (0..site.articles.len()).collect();
    for batch in all.chunks(ARTICLE_BATCH) {
        // Read only while the batch renders; its text released after.
        {
            let site: &Site = site;
            let batch_bodies = bodies::render_articles(site, batch, diags);
            cards.extend(
                batch
                    .iter()
                    .zip(&batch_bodies)
                    .map(|(&i, body)| article_card(&site.articles[i], body, &site.config.language)),
            );
            let ctx = RenderContext::new(
                site,
                theme,
                bodies,
                prepared,
                &cards,
                ArticleBatch {
                    indexes: batch,
                    bodies: &batch_bodies,
                },
                opts.today,
            );
            let jobs: Vec<Job> = batch.iter().map(|&i| Job::of_article(i)).collect();
            // The search index takes the batch's words while its pages render.
            let count = Count::new(watch, done, all_jobs.len());
            let (results, words) = rayon::join(
                || put_pages(&ctx, &jobs, opts, true, sink, &count),
                || search.add(&files::article_search_docs(site, batch, &batch_bodies)),
            );
            done = count.done();
            rendered.take(results);
            rendered
                .list
                .extend(put_all(sink, files::search_paths(site, words)));
            for (&i, body) in batch.iter().zip(&batch_bodies) {
                if i < feed::FEED_ENTRIES {
                    feed_html.push(body.html.clone());
                }
            }
            outlines.extend(batch_bodies.into_iter().map(bodies::Outline::of));
        }
        if !opts.keep_article_text {
            for &i in batch {
                site.articles[i].body.markdown = String::new();
            }
        }
    }
    let site: &Site = site;
    bodies.articles = outlines;
    prepared.cards = cards;
    bodies::check_anchors(site, bodies, diags);
    watch.phase("bài viết");
    let ctx = RenderContext::for_pages(site, theme, bodies, prepared, opts.today);
    let jobs: Vec<Job> = all_jobs
        .iter()
        .filter(|j| j.article().is_none())
        .copied()
        .collect();
    let count = Count::new(watch, done, all_jobs.len());
    let (results, search_files) = rayon::join(
        || put_pages(&ctx, &jobs, opts, false, sink, &count),
        || {
            let mut files = search.add(&files::other_search_docs(site));
            files.extend(search.finish());
            files
        },
    );
    rendered.take(results);
    watch.phase("trang");
    rendered.list.extend(put_site_files(
        site, theme, bodies, prepared, &all_jobs, &feed_html, opts, sink,
    ));
    watch.phase("dữ liệu, loa, lịch");
    rendered
        .list
        .extend(put_all(sink, files::search_paths(site, search_files)));
    watch.phase("chỉ mục tìm kiếm");
    let list = rendered.finish(site, theme, prepared, diags);
    pages::check_posters(site, opts.today, diags);
    watch.phase("sắp xếp");
    list
}

/// After an edit, in the preview: renders the pages of `scope` (each
/// article's Markdown again, a batch at a time) and the site's files but
/// the search index ([`search_files`] follows) into `sink`. Returns what it
/// put there, sorted by path.
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
    let all_jobs = pages::jobs(site);
    let jobs: Vec<Job> = all_jobs.iter().filter(|j| scope.job(j)).copied().collect();
    let count = Count::new(watch, 0, jobs.len());
    let mut rendered = Rendered::default();
    let articles: Vec<usize> = jobs.iter().filter_map(Job::article).collect();
    for batch in articles.chunks(ARTICLE_BATCH) {
        let mut ignored = Diagnostics::default();
        let batch_bodies = bodies::render_articles(site, batch, &mut ignored);
        let ctx = RenderContext::new(
            site,
            theme,
            bodies,
            prepared,
            &prepared.cards,
            ArticleBatch {
                indexes: batch,
                bodies: &batch_bodies,
            },
            opts.today,
        );
        let jobs: Vec<Job> = batch.iter().map(|&i| Job::of_article(i)).collect();
        rendered.take(put_pages(
            &ctx,
            &jobs,
            opts,
            scope.loudspeaker(),
            sink,
            &count,
        ));
    }
    let ctx = RenderContext::for_pages(site, theme, bodies, prepared, opts.today);
    let others: Vec<Job> = jobs.into_iter().filter(|j| j.article().is_none()).collect();
    rendered.take(put_pages(&ctx, &others, opts, false, sink, &count));
    watch.phase("trang");
    let feed_html = files::feed_html(site);
    rendered.list.extend(put_site_files(
        site, theme, bodies, prepared, &all_jobs, &feed_html, opts, sink,
    ));
    rendered.finish(site, theme, prepared, diags)
}

/// After only the text of article `i` changed (not what other pages show
/// of it), its Markdown being `body`: its page, its loudspeaker text and
/// the feed, which carries the newest articles' text. The search index is
/// left to [`search_files`].
#[allow(clippy::too_many_arguments)]
pub fn render_article_change(
    site: &Site,
    theme: &Theme,
    bodies: &Bodies,
    prepared: &Prepared,
    opts: RenderOptions,
    i: usize,
    body: &markdown::Rendered,
    sink: &dyn Sink,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let ctx = RenderContext::new(
        site,
        theme,
        bodies,
        prepared,
        &prepared.cards,
        ArticleBatch {
            indexes: std::slice::from_ref(&i),
            bodies: std::slice::from_ref(body),
        },
        opts.today,
    );
    let count = Count::new(&Unwatched, 0, 1);
    let mut list = Vec::with_capacity(3);
    for page in put_pages(&ctx, &[Job::of_article(i)], opts, true, sink, &count) {
        let page = page?;
        list.push(page.file);
        list.extend(page.loudspeaker);
    }
    if i < feed::FEED_ENTRIES {
        let feed = files::atom_feed(site, &prepared.cards, &files::feed_html(site));
        list.extend(put(sink, (crate::urls::FEED.to_string(), feed)));
    }
    Ok(list)
}

/// Puts the files that are neither pages nor search (feed, sitemap,
/// robots.txt, open data, calendars, campaigns' loudspeaker texts) and the
/// theme's assets into the sink; `feed_html` is the HTML of the feed's
/// articles.
#[allow(clippy::too_many_arguments)]
fn put_site_files(
    site: &Site,
    theme: &Theme,
    bodies: &Bodies,
    prepared: &Prepared,
    all_jobs: &[Job],
    feed_html: &[String],
    opts: RenderOptions,
    sink: &dyn Sink,
) -> Vec<OutputFile> {
    let sitemap_pages = all_jobs
        .iter()
        .filter(|j| j.family.in_sitemap)
        .map(|j| (j.url(site), j.lastmod(site)))
        .collect();
    let feed = files::atom_feed(site, &prepared.cards, feed_html);
    let assets = theme
        .assets
        .iter()
        .map(|(name, bytes)| (prepared.assets[name].clone(), bytes.clone()));
    // An edition in another language uses the default language's assets.
    let assets = assets.filter(|_| site.config.prefix.is_empty());
    files::site_files(site, feed, sitemap_pages)
        .into_iter()
        .chain(files::plan_files(site, opts.today))
        .chain(files::campaign_files(site, &bodies.campaigns))
        .chain(files::alias_files(site))
        .chain(assets)
        .filter_map(|file| put(sink, file))
        .collect()
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
