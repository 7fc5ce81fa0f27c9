//! Stage 4 (pure): [`Site`] + [`Theme`] → output files. Markdown is rendered
//! once per document, in parallel; then every page is rendered from its
//! template, in parallel; the result is sorted by path.

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
pub mod loudspeaker;
pub mod markdown;
mod minify;
mod pages;
mod prepare;
pub use minify::{minify, template as minify_template};
pub mod plan;
pub mod qr;
pub mod report;
pub mod search;
pub mod theme;
pub mod views;

pub use bodies::{render_article_body, render_bodies, Bodies};
pub use budget::gzip_size;
pub use prepare::{article_card, asset_name, fingerprint, prepare, site_constants, Prepared};

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::OutputPath;
use crate::resolve::Site;
use pages::{Job, RenderContext};
use theme::Theme;

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
    budget::check_budget(site, &list, &page_sources, &prepared.assets, theme, diags);
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
