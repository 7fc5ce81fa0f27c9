//! loa turns Markdown articles (and, later, YAML plan files) into a static
//! portal for a Vietnamese commune.
//!
//! The build is one straight pipeline; modules are declared in the order the
//! data flows through them: `load → parse → resolve → render → write`.
//! Start with ARCHITECTURE.md, then [`generate`].
#![warn(clippy::print_stdout, clippy::print_stderr)] // Only main.rs talks to the terminal.

pub mod cli;
pub mod cmd;
pub mod config;
pub mod default_theme;
pub mod diag;
pub mod editions;
pub mod fuzzing;
pub mod images;
pub mod import;
pub mod load;
pub mod model;
pub mod parse;
pub mod render;
pub mod resolve;
pub mod session;
pub mod source;
pub mod starter;
pub mod text;
pub mod urls;
pub mod write;
mod yaml;

use std::path::Path;

use diag::{Diagnostic, Diagnostics};
use render::OutputFile;
use source::StaticFile;

/// What a build may change from the site's own settings.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// "Today" for plan status and current campaigns: from the clock, or
    /// `SOURCE_DATE_EPOCH`, filled in by `main`; fixed in tests.
    pub today: chrono::NaiveDate,
    /// Replaces `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// Publish drafts too.
    pub drafts: bool,
    /// Turn HTML minification off (it is on unless site.yaml says otherwise).
    pub no_minify: bool,
    /// Build a copy that works opened from disk: links name `index.html`.
    pub offline: bool,
    /// Told what the build is doing, for a progress line on a terminal.
    pub progress: Option<Progress>,
    /// The build is kept for the preview's quick updates ([`Kept`]): each
    /// article's Markdown stays in memory. Otherwise it is released once
    /// the article's page is rendered.
    pub preview: bool,
    /// Whether the smaller versions of photos are written (not by `check`).
    pub pictures: PictureVersions,
}

/// Whether a build writes the smaller versions of photos, and where the
/// last build's output is, to take unchanged ones from.
#[derive(Clone, Debug, Default)]
pub enum PictureVersions {
    /// The pages name them; nothing is encoded (`loa check`).
    #[default]
    Skip,
    /// Encoded, or taken from the first of `previous` (output folders of
    /// earlier builds) that has them.
    Make { previous: Vec<std::path::PathBuf> },
}

/// Receives short notes on what a build is doing ("trang 5000/15167").
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(&str) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// The result of stages 1–4: the files to write and every problem found.
#[derive(Debug, Default)]
pub struct Generated {
    /// Rendered files (already in the sink), sorted by path. Empty when
    /// there are errors.
    pub files: Vec<OutputFile>,
    /// Static files to copy.
    pub statics: Vec<StaticFile>,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// How long each phase took, in order, for `LOA_TIMINGS` and the benchmark.
    pub timings: Timings,
    /// How the photos' smaller versions were had.
    pub pictures: images::VersionStats,
}

/// Phase durations of one build, and where progress is reported.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// Each phase and its duration, in order.
    pub laps: Vec<(&'static str, std::time::Duration)>,
    /// Told when each phase ends.
    pub progress: Option<Progress>,
    /// When the current phase started (`None`: when the first lap is
    /// taken, the clock starts then).
    since: Option<std::time::Instant>,
}

impl Timings {
    /// Timings that start now and report to `progress`.
    pub fn start(progress: Option<Progress>) -> Timings {
        Timings {
            laps: Vec::new(),
            progress,
            since: Some(std::time::Instant::now()),
        }
    }

    /// Records the time the phase that ends now took under `phase`.
    pub fn lap(&mut self, phase: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((phase, now - self.since.unwrap_or(now)));
        self.since = Some(now);
        self.report(&format!("xong bước {phase}"));
    }

    /// Passes a note to the progress line, if any.
    pub fn report(&self, note: &str) {
        if let Some(p) = &self.progress {
            (p.0)(note);
        }
    }
}

impl render::Watch for Timings {
    fn phase(&mut self, name: &'static str) {
        self.lap(name);
    }

    fn note(&self, text: &str) {
        self.report(text);
    }
}

/// Runs stages 1–4 on the site in `root`, handing every file to `sink` as
/// soon as it is rendered (nothing is rendered when the content has errors;
/// a sink must still drop what it got if [`Generated::diagnostics`] holds
/// errors found while rendering). `build` stages files, `check` discards them. An `Err` is an environment failure (no site.yaml, an
/// unreadable folder); content problems are in `Generated::diagnostics`.
pub fn generate(
    root: &Path,
    opts: &BuildOptions,
    sink: &dyn render::Sink,
) -> anyhow::Result<Generated> {
    generate_kept(root, opts, sink).map(|(generated, _)| generated)
}

/// What a successful build computed, kept by `loa serve` so that a change to
/// one article's text re-renders only what shows that text. Without
/// [`BuildOptions::preview`], the articles' Markdown was released while
/// their pages were rendered: such a `Kept` cannot render them again.
pub struct Kept {
    /// The resolved site.
    pub site: resolve::Site,
    /// The compiled theme.
    pub theme: render::theme::Theme,
    /// What is kept of every document's rendered Markdown.
    pub bodies: render::Bodies,
    /// What every page needs.
    pub prepared: render::Prepared,
    /// How pages were rendered.
    pub render_opts: render::RenderOptions,
}

impl Kept {
    /// Renders the pages and files of `scope` into `sink`.
    pub fn render(
        &self,
        scope: &render::Scope,
        sink: &dyn render::Sink,
        watch: &mut dyn render::Watch,
        diags: &mut Diagnostics,
    ) -> Vec<OutputFile> {
        render::render_all(
            &self.site,
            &self.theme,
            &self.bodies,
            &self.prepared,
            self.render_opts,
            scope,
            sink,
            watch,
            diags,
        )
    }
}

/// [`generate`], also returning what it computed when the build succeeded.
pub fn generate_kept(
    root: &Path,
    opts: &BuildOptions,
    sink: &dyn render::Sink,
) -> anyhow::Result<(Generated, Option<Kept>)> {
    let mut diags = Diagnostics::default();
    let mut timings = Timings::start(opts.progress.clone());
    let Some(config_text) = load::read_config(root, &mut diags)? else {
        return Ok((
            Generated {
                diagnostics: diags,
                ..Generated::default()
            },
            None,
        ));
    };
    let Some(config) = config::parse_config(&config_text, opts.base_url.as_deref(), &mut diags)
    else {
        return Ok((
            Generated {
                diagnostics: diags,
                ..Generated::default()
            },
            None,
        ));
    };
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let mut sources = load::read_sources(root, &config.urls.articles, &codes, &mut diags)?;
    let translations = std::mem::take(&mut sources.translations);
    let bundle_files = std::mem::take(&mut sources.bundle_files);
    let mut theme_files = load::read_theme(root, &config.theme, &config.language, &mut diags)?;
    // The site's shortcodes are read with the content, not rendered as pages.
    let (shortcodes, templates) = std::mem::take(&mut theme_files.templates)
        .into_iter()
        .partition(|(name, _, _)| name.starts_with(parse::shortcodes::FOLDER));
    theme_files.templates = templates;
    let shortcode_texts = shortcodes.clone();
    sources.shortcodes = shortcodes;
    let mut statics = load::read_static(root, &mut diags);
    timings.lap("đọc tệp");
    let minify = config.minify && !opts.no_minify;
    // The theme is compiled while the content is parsed.
    let ((theme, theme_diags), parsed) = rayon::join(
        || {
            let mut theme_diags = Diagnostics::default();
            let site = render::site_constants(&config);
            let theme = render::theme::compile(theme_files, minify, &site, &mut theme_diags);
            (theme, theme_diags)
        },
        || parse::parse_all(sources, &config, &mut diags),
    );
    diags.extend(theme_diags);
    timings.lap("phân tích");
    let resolve_opts = resolve::ResolveOptions {
        drafts: opts.drafts,
        index_links: opts.offline,
        today: opts.today,
    };
    let mut site = resolve::resolve(config, parsed, resolve_opts, &mut diags);
    statics.extend(bundle_statics(&site, bundle_files));
    site.pictures = images::survey(&statics, &mut diags)
        .into_iter()
        .map(|p| (p.path.clone(), p))
        .collect();
    site.image_sizes = statics
        .iter()
        .filter_map(|f| Some((f.output.clone(), f.size?)))
        .collect();
    site.static_files = statics.iter().map(|f| f.output.clone()).collect();
    let mut editions = editions::build(
        root,
        &site,
        translations,
        &shortcode_texts,
        minify,
        resolve_opts,
        &mut diags,
    )?;
    editions::link(&mut site, &mut editions, &mut diags);
    timings.lap("liên kết");
    let Some(theme) = theme else {
        return Ok((
            Generated {
                diagnostics: diags,
                ..Generated::default()
            },
            None,
        ));
    };
    if diags.has_errors() {
        // Nothing is rendered from broken input; every error found is reported.
        return Ok((
            Generated {
                diagnostics: diags,
                ..Generated::default()
            },
            None,
        ));
    }
    let render_opts = render::RenderOptions {
        minify,
        today: opts.today,
        keep_article_text: opts.preview,
    };
    let mut bodies = render::render_bodies(&site, &mut diags);
    let mut prepared = render::prepare(&site, &theme, &mut diags);
    timings.lap("chuẩn bị");
    let checked = render::links::LinkCheck::new(sink, &urls::base_path(&site.config.base_url));
    let files = render::render_site(
        &mut site,
        &theme,
        &mut bodies,
        &mut prepared,
        render_opts,
        &checked,
        &mut timings,
        &mut diags,
    );
    let mut files = files;
    for edition in &mut editions {
        let Some(theme) = &edition.theme else {
            continue;
        };
        let mut bodies = render::render_bodies(&edition.site, &mut diags);
        let mut prepared = render::prepare(&edition.site, theme, &mut diags);
        files.extend(render::render_site(
            &mut edition.site,
            theme,
            &mut bodies,
            &mut prepared,
            render_opts,
            &checked,
            &mut timings,
            &mut diags,
        ));
    }
    files.sort_by(|a, b| a.path.as_str().cmp(b.path.as_str()));
    let mut picture_stats = images::VersionStats::default();
    if let (PictureVersions::Make { previous }, false) = (&opts.pictures, diags.has_errors()) {
        let pictures: Vec<source::Picture> = site.pictures.values().cloned().collect();
        let made = std::sync::Mutex::new(Vec::new());
        let put = |path: &str, bytes: &[u8]| {
            if let Some(output) = model::OutputPath::new(path) {
                sink.put(&output, bytes);
                if let Ok(mut made) = made.lock() {
                    made.push(render::OutputFile {
                        path: output,
                        len: bytes.len() as u64,
                        kind: None,
                    });
                }
            }
        };
        picture_stats = images::versions(&pictures, &statics, previous, &put, &mut diags);
        files.extend(made.into_inner().unwrap_or_default());
        files.sort_by(|a, b| a.path.as_str().cmp(b.path.as_str()));
        timings.lap("ảnh cho điện thoại");
    }
    if !site.config.photo_originals {
        // Pages show the versions; the originals stay on the clerk's computer.
        statics.retain(|f| !site.pictures.contains_key(&f.output));
    }
    check_links(
        root, &site, &editions, checked, &files, &statics, &mut diags,
    );
    let kept = Kept {
        site,
        theme,
        bodies,
        prepared,
        render_opts,
    };
    check_collisions(&files, &statics, &mut diags);
    if diags.has_errors() {
        return Ok((
            Generated {
                diagnostics: diags,
                ..Generated::default()
            },
            None,
        ));
    }
    Ok((
        Generated {
            files,
            statics,
            diagnostics: diags,
            timings,
            pictures: picture_stats,
        },
        Some(kept),
    ))
}

/// The files of the page bundles whose article is published, as files to
/// copy into the article's folder (`bai-viet/<slug>/anh.jpg`).
fn bundle_statics(site: &resolve::Site, files: Vec<source::BundleFile>) -> Vec<StaticFile> {
    let folders: std::collections::HashMap<&str, String> = site
        .articles
        .iter()
        .map(|a| (a.source.as_str(), site.article_url(a)))
        .chain(
            site.sections
                .iter()
                .map(|s| (s.source.as_str(), site.section_url(s))),
        )
        .collect();
    files
        .into_iter()
        .filter_map(|file| {
            let folder = folders.get(file.article.as_str())?;
            let size = load::image_size(&file.from, &file.name);
            Some(StaticFile {
                output: format!("{folder}{}", file.name),
                from: file.from,
                source: file.source,
                size,
            })
        })
        .collect()
}

/// Every internal link of every page written leads to a file the build
/// writes: an error for each that does not, at the page's source file (the
/// line and column where the link is written, when it is found there), with
/// the nearest file that exists.
#[allow(clippy::too_many_arguments)]
fn check_links(
    root: &Path,
    site: &resolve::Site,
    editions: &[editions::Edition],
    checked: render::links::LinkCheck,
    files: &[OutputFile],
    statics: &[StaticFile],
    diags: &mut Diagnostics,
) {
    let produced: std::collections::HashSet<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(statics.iter().map(|f| f.output.as_str()))
        .collect();
    // The photos' versions, which `check` names but does not make.
    let versions: Vec<String> = site
        .pictures
        .values()
        .flat_map(|p| p.versions())
        .flat_map(|v| [v.webp, v.fallback])
        .collect();
    let produced: std::collections::HashSet<&str> = produced
        .into_iter()
        .chain(versions.iter().map(String::as_str))
        .collect();
    let broken = checked.broken(|path| produced.contains(path));
    if broken.is_empty() {
        return;
    }
    // The source file of each page with content of its own.
    let mut sources: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    let page = |url: String| format!("{url}index.html");
    for a in &site.articles {
        sources.insert(page(site.article_url(a)), a.source.as_str());
    }
    for p in &site.pages {
        sources.insert(page(site.page_url(p)), p.source.as_str());
    }
    for c in &site.campaigns {
        sources.insert(page(site.campaign_url(c)), c.source.as_str());
    }
    for s in &site.sections {
        sources.insert(page(site.section_url(s)), s.source.as_str());
    }
    for e in editions.iter().map(|e| &e.site) {
        for a in &e.articles {
            sources.insert(page(e.article_url(a)), a.source.as_str());
        }
        for p in &e.pages {
            sources.insert(page(e.page_url(p)), p.source.as_str());
        }
    }
    for p in &site.plans {
        sources.insert(page(site.plan_url(p)), p.source.as_str());
    }
    let candidates: Vec<&str> = produced.iter().copied().collect();
    for (target, page, written) in broken {
        let source = sources.get(&page).copied();
        let file = source.unwrap_or(config::FILE);
        let at = source.and_then(|s| locate_link(root, s, &target, &written));
        let shown = target.trim_end_matches("index.html");
        if target.starts_with("../") {
            // Climbs above the site root: no page of the site is there.
            diags.push(
                Diagnostic::error(
                    file,
                    format!("liên kết `{written}` (trên trang `{page}`) ra ngoài thư mục của trang web"),
                )
                .located(at)
                .with_help("liên kết tới nội dung của trang viết bằng đường dẫn tệp (`@/bai-viet/ten-bai.md`) hoặc từ gốc trang (`/anh/ten-anh.jpg`); liên kết ra trang web khác viết đủ `https://…`"),
            );
            continue;
        }
        let mut d = Diagnostic::error(
            file,
            format!("liên kết tới `/{shown}` (trên trang `{page}`) không dẫn tới trang hay tệp nào của trang web"),
        )
        .located(at);
        d = match diag::nearest(&target, &candidates) {
            Some(near) => d.with_help(format!(
                "có phải ý bạn là `/{}`? Liên kết tới nội dung khác nên viết bằng đường dẫn tệp: `@/bai-viet/ten-bai.md`; ảnh, tệp đặt trong static/",
                near.trim_end_matches("index.html")
            )),
            None => d.with_help("liên kết tới nội dung khác nên viết bằng đường dẫn tệp: `@/bai-viet/ten-bai.md`; ảnh, tệp đặt trong static/ và viết `/ten-tep`"),
        };
        diags.push(d);
    }
}

/// Where in `source` a broken link is written: the link as the page has it,
/// or its last path segment.
fn locate_link(root: &Path, source: &str, target: &str, written: &str) -> Option<diag::Location> {
    let text = std::fs::read_to_string(root.join(source)).ok()?;
    let site_path = target.trim_end_matches("index.html").trim_end_matches('/');
    let tail = site_path.rsplit('/').next().unwrap_or("");
    let rooted = format!("/{site_path}");
    let needles = [written, rooted.as_str(), site_path, tail];
    for needle in needles.iter().filter(|n| n.len() > 1) {
        for (i, line) in text.lines().enumerate() {
            if let Some(byte) = line.find(needle) {
                return Some(diag::Location {
                    line: i as u32 + 1,
                    column: line[..byte].chars().count() as u32 + 1,
                });
            }
        }
    }
    None
}

fn check_collisions(files: &[OutputFile], statics: &[StaticFile], diags: &mut Diagnostics) {
    let mut generated: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for file in files {
        if !generated.insert(file.path.as_str()) {
            diags.push(
                Diagnostic::error("content", format!("hai trang cùng được ghi vào `{}`", file.path.as_str()))
                    .with_help("đổi `slug` của một trong hai nội dung: đường dẫn này trùng với một trang loa tự tạo hoặc với nội dung khác"),
            );
        }
    }
    for file in statics {
        if crate::model::OutputPath::new(&file.output).is_none() {
            diags.push(Diagnostic::error(
                file.source.as_str(),
                "tên tệp tĩnh không hợp lệ",
            ));
        } else if generated.contains(file.output.as_str()) || file.output == write::MARKER {
            diags.push(
                Diagnostic::error(
                    file.source.as_str(),
                    format!("tệp tĩnh trùng với trang loa tạo ra: `{}`", file.output),
                )
                .with_help("đổi tên hoặc dời tệp này trong thư mục static/"),
            );
        }
    }
}
