//! A build that stays in memory between runs, for `loa serve`: each rebuild
//! generates the site again and writes only the files whose bytes changed,
//! each one replaced atomically (written beside, then renamed), and removes
//! the files that are no longer produced. A rebuild with errors writes
//! nothing: the last good site stays on disk.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;

use crate::diag::Diagnostic;
use crate::model::OutputPath;
use crate::BuildOptions;

/// The site being previewed and what is on disk for it.
pub struct Session {
    root: PathBuf,
    out: PathBuf,
    opts: BuildOptions,
    /// Output path → hash of the bytes on disk; empty before the first build.
    written: HashMap<String, u64>,
    /// Static output path → (source, size, modified) when it was copied.
    copied: HashMap<String, (PathBuf, u64, Option<SystemTime>)>,
    /// What the last successful full build computed, for quick updates.
    kept: Option<crate::Kept>,
    /// The warnings of the last full build, repeated after quick updates.
    warnings: Vec<Diagnostic>,
    /// A quick update left the search index behind: [`Session::catch_up`].
    search_stale: bool,
}

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Rebuilt {
    /// Every problem found; with an error, nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages generated.
    pub pages: usize,
    /// Files written because they are new or changed.
    pub written: usize,
    /// Files removed because they are no longer generated.
    pub removed: usize,
    /// Time taken.
    pub elapsed: Duration,
    /// How the photos' smaller versions were had.
    pub pictures: crate::images::VersionStats,
}

impl Rebuilt {
    /// True when the content has errors and the previous site was kept.
    pub fn failed(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

impl Session {
    /// A session for the site in `root`, writing into `out`.
    pub fn new(root: &Path, out: &Path, opts: BuildOptions) -> Session {
        Session {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            opts,
            written: HashMap::new(),
            copied: HashMap::new(),
            kept: None,
            warnings: Vec::new(),
            search_stale: false,
        }
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Generates the site and brings the output folder up to date.
    pub fn rebuild(&mut self) -> anyhow::Result<Rebuilt> {
        let started = Instant::now();
        let first = self.written.is_empty();
        let staging = if first {
            Some(crate::write::Staging::begin(&self.out)?)
        } else {
            None
        };
        let sink = Changes::new(&self.written, staging.as_ref());
        let (generated, kept) = match crate::generate_kept(&self.root, &self.opts, &sink) {
            Ok(result) => result,
            Err(err) => {
                if let Some(staging) = staging {
                    staging.abandon();
                }
                return Err(err);
            }
        };
        let mut result = Rebuilt {
            diagnostics: generated.diagnostics.into_sorted(),
            pages: generated.files.iter().filter(|f| f.kind.is_some()).count(),
            pictures: generated.pictures,
            ..Rebuilt::default()
        };
        if result.failed() {
            if let Some(staging) = staging {
                staging.abandon();
            }
            result.elapsed = started.elapsed();
            return Ok(result);
        }
        let (hashes, mut changed) = sink.into_parts();
        if let Some(staging) = staging {
            // The first build: the whole folder, swapped in at once.
            staging.finish(&generated.files, &generated.statics)?;
            for s in &generated.statics {
                self.copied.insert(s.output.clone(), stamp(&s.from));
            }
            result.written = generated.files.len() + generated.statics.len();
        } else {
            let mut copied = HashMap::with_capacity(generated.statics.len());
            for s in &generated.statics {
                let Some(path) = OutputPath::new(&s.output) else {
                    continue;
                };
                let st = stamp(&s.from);
                if self.copied.get(&s.output) != Some(&st) {
                    let bytes = match crate::write::static_bytes_if_changed(s)? {
                        Some(bytes) => bytes,
                        None => std::fs::read(&s.from)
                            .with_context(|| format!("không đọc được {}", s.from.display()))?,
                    };
                    changed.push((path, bytes));
                }
                copied.insert(s.output.clone(), st);
            }
            // Pages and static files together: the old site or the new one.
            commit(&self.out, &changed)?;
            result.written = changed.len();
            for gone in self
                .written
                .keys()
                .filter(|p| !hashes.contains_key(*p) && !copied.contains_key(*p))
                .chain(
                    self.copied
                        .keys()
                        .filter(|p| !copied.contains_key(*p) && !hashes.contains_key(*p)),
                )
            {
                if let Some(path) = OutputPath::new(gone) {
                    if std::fs::remove_file(self.out.join(path.as_str())).is_ok() {
                        result.removed += 1;
                    }
                }
            }
            self.copied = copied;
        }
        self.written = hashes;
        self.kept = kept;
        self.search_stale = false;
        self.warnings = result.diagnostics.clone();
        result.elapsed = started.elapsed();
        Ok(result)
    }

    /// Brings the output up to date after `paths` changed. A change to one
    /// article that does not move it in lists renders only what shows it
    /// (see `quick`); the search index follows in [`Session::catch_up`].
    /// Anything else is a full [`Session::rebuild`].
    pub fn update(&mut self, paths: &[PathBuf]) -> anyhow::Result<Rebuilt> {
        if let Some(result) = self.quick(paths)? {
            return Ok(result);
        }
        if let Some(result) = self.templates(paths)? {
            return Ok(result);
        }
        self.rebuild()
    }

    /// When only templates changed: the theme compiled again and the pages
    /// those templates render; every page when a template all pages use
    /// (base.html, macros.html), the strings or the theme's CSS changed.
    /// `None` when something else changed or the theme has problems (the
    /// full build reports them).
    fn templates(&mut self, paths: &[PathBuf]) -> anyhow::Result<Option<Rebuilt>> {
        let started = Instant::now();
        let Some(kept) = &mut self.kept else {
            return Ok(None);
        };
        let theme_dir = PathBuf::from("themes").join(&kept.site.config.theme);
        for path in paths {
            let Ok(rel) = path.strip_prefix(&self.root) else {
                return Ok(None);
            };
            if !rel.starts_with(&theme_dir) && !rel.starts_with("templates") {
                return Ok(None);
            }
        }
        let mut diags = crate::diag::Diagnostics::default();
        let files = crate::load::read_theme(
            &self.root,
            &kept.site.config.theme,
            &kept.site.config.language,
            &mut diags,
        )?;
        let site = crate::render::site_constants(&kept.site.config);
        let Some(theme) =
            crate::render::theme::compile(files, kept.render_opts.minify, &site, &mut diags)
        else {
            return Ok(None);
        };
        if diags.iter().next().is_some() || theme.texts.keys().ne(kept.theme.texts.keys()) {
            return Ok(None);
        }
        let changed: std::collections::BTreeSet<String> = theme
            .texts
            .iter()
            .filter(|(name, text)| kept.theme.texts.get(*name) != Some(*text))
            .map(|(name, _)| name.clone())
            .collect();
        let pages = crate::render::page_templates();
        let everything = theme.strings != kept.theme.strings
            || theme.assets != kept.theme.assets
            || changed.iter().any(|name| !pages.contains(name.as_str()));
        kept.theme = theme;
        let scope = if everything {
            // The cards stay: they come from the content, not the theme.
            let cards = kept.prepared.take_cards();
            kept.prepared = crate::render::prepare(&kept.site, &kept.theme, &mut diags);
            kept.prepared.set_cards(cards);
            crate::render::Scope::Articles((0..kept.site.articles.len()).collect())
        } else {
            crate::render::Scope::Templates(changed)
        };
        let sink = Changes::new(&self.written, None);
        let files = kept.render(&scope, &sink, &mut crate::render::Unwatched, &mut diags);
        if diags.has_errors() {
            // A template that fails while rendering: the full build reports
            // it with everything else and keeps the last good site.
            self.kept = None;
            return Ok(None);
        }
        let (hashes, written) = match sink.write(&self.out) {
            Ok(done) => done,
            Err(err) => {
                // What is kept in memory is ahead of the disk now: the next
                // change rebuilds everything, so the output catches up whole.
                self.kept = None;
                return Err(err);
            }
        };
        // New asset names (fingerprints) replace the old files.
        let mut removed = 0;
        if everything {
            // Everything but the search index was produced again: what is
            // missing is gone.
            let search = kept.site.search_url();
            let stale: Vec<String> = self
                .written
                .keys()
                .filter(|p| !hashes.contains_key(*p) && !self.copied.contains_key(*p))
                .filter(|p| !p.starts_with(&search))
                .cloned()
                .collect();
            for p in stale {
                if let Some(path) = OutputPath::new(&p) {
                    if std::fs::remove_file(self.out.join(path.as_str())).is_ok() {
                        removed += 1;
                    }
                }
                self.written.remove(&p);
            }
        }
        self.written.extend(hashes);
        Ok(Some(Rebuilt {
            diagnostics: self.warnings.clone(),
            pages: files.iter().filter(|f| f.kind.is_some()).count(),
            written,
            removed,
            elapsed: started.elapsed(),
            pictures: Default::default(),
        }))
    }

    /// Writes what quick updates left behind (the search index).
    pub fn catch_up(&mut self) -> anyhow::Result<Option<Rebuilt>> {
        let (true, Some(kept)) = (self.search_stale, &self.kept) else {
            return Ok(None);
        };
        let started = Instant::now();
        let files = crate::render::search_files(&kept.site, kept.prepared.search_topics());
        let mut result = Rebuilt::default();
        let mut changed = Vec::new();
        for (path, bytes) in files {
            let Some(path) = OutputPath::new(&path) else {
                continue;
            };
            if self.written.get(path.as_str()) != Some(&hash(&bytes)) {
                changed.push((path, bytes));
            }
        }
        commit(&self.out, &changed)?;
        for (path, bytes) in &changed {
            self.written.insert(path.as_str().to_string(), hash(bytes));
        }
        result.written = changed.len();
        self.search_stale = false;
        result.elapsed = started.elapsed();
        Ok(Some(result))
    }

    /// The quick path, or `None` when the change needs a full rebuild: one
    /// article file, already on the site, whose place did not change (its
    /// slug, date, categories, tags, links to plans and documents). When
    /// only its text changed, its page, loudspeaker text and the feed are
    /// rendered; when lists show something new of it (its title, summary),
    /// every page except the other articles' pages.
    fn quick(&mut self, paths: &[PathBuf]) -> anyhow::Result<Option<Rebuilt>> {
        let started = Instant::now();
        let Some(kept) = &mut self.kept else {
            return Ok(None);
        };
        let mut rels: Vec<String> = Vec::new();
        for path in paths {
            if !path.exists() && path.extension().is_none() {
                // An editor's temporary file, already renamed over its target.
                continue;
            }
            let Ok(rel) = path.strip_prefix(&self.root) else {
                return Ok(None);
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rels.contains(&rel) {
                rels.push(rel);
            }
        }
        let [rel] = rels.as_slice() else {
            return Ok(None);
        };
        let Some(i) = kept
            .site
            .articles
            .iter()
            .position(|a| a.source.as_str() == rel)
        else {
            return Ok(None);
        };
        let Ok(bytes) = std::fs::read(self.root.join(rel)) else {
            return Ok(None);
        };
        // Problems in the new text are reported by the full build, with
        // everything else: the quick path only takes clean changes.
        let mut diags = crate::diag::Diagnostics::default();
        let Some(file) =
            crate::load::decode(crate::model::SourcePath::new(rel), &bytes, &mut diags)
        else {
            return Ok(None);
        };
        let Some(article) = crate::parse::article::parse_article(
            &file,
            &kept.site.config,
            &kept.site.shortcodes,
            &mut diags,
        ) else {
            return Ok(None);
        };
        if diags.iter().next().is_some() {
            return Ok(None);
        }
        let old_article = std::mem::replace(&mut kept.site.articles[i], article);
        let body = crate::render::render_article_body(&kept.site, i, &mut diags);
        let old_body = &kept.bodies.articles[i];
        // The headings other documents may link to, and the headings of
        // other documents it links to (where in the text does not matter:
        // each was checked when the site was built).
        let targets = |anchors: &[crate::render::markdown::AnchorLink]| {
            anchors
                .iter()
                .map(|l| (l.target.clone(), l.anchor.clone()))
                .collect::<Vec<_>>()
        };
        let same_ids =
            body.ids == old_body.ids && targets(&body.anchors) == targets(&old_body.anchors);
        let card =
            crate::render::article_card(&kept.site.articles[i], &body, &kept.site.config.language);
        let old_card = kept.prepared.card(i).clone();
        if diags.iter().next().is_some() || !same_ids || card.place != old_card.place {
            // Moved in lists, links changed, or problems: the full build.
            kept.site.articles[i] = old_article;
            return Ok(None);
        }
        // Only the text changed, or also what other pages show of it (its
        // title, summary…) but not where it is listed.
        let text_only = card == old_card;
        let outline = crate::render::Outline {
            ids: body.ids.clone(),
            anchors: body.anchors.clone(),
        };
        let old_outline = std::mem::replace(&mut kept.bodies.articles[i], outline);
        kept.prepared.set_card(i, card);
        let sink = Changes::new(&self.written, None);
        let (ok, pages) = if text_only {
            let r = crate::render::render_article_change(
                &kept.site,
                &kept.theme,
                &kept.bodies,
                &kept.prepared,
                kept.render_opts,
                i,
                &body,
                &sink,
            );
            (r.is_ok(), 1)
        } else {
            // Its page, its neighbours' (they name it), and every list,
            // index, plan, campaign and document page that may show it.
            let keep: std::collections::BTreeSet<usize> = [i.checked_sub(1), Some(i), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter(|&j| j < kept.site.articles.len())
                .collect();
            let mut d = crate::diag::Diagnostics::default();
            let scope = crate::render::Scope::Articles(keep);
            let files = kept.render(&scope, &sink, &mut crate::render::Unwatched, &mut d);
            let pages = files.iter().filter(|f| f.kind.is_some()).count();
            (!d.has_errors(), pages)
        };
        if !ok {
            kept.site.articles[i] = old_article;
            kept.bodies.articles[i] = old_outline;
            kept.prepared.set_card(i, old_card);
            return Ok(None);
        }
        let (hashes, written) = match sink.write(&self.out) {
            Ok(done) => done,
            Err(err) => {
                // What is kept in memory is ahead of the disk now: the next
                // change rebuilds everything, so the output catches up whole.
                self.kept = None;
                return Err(err);
            }
        };
        self.written.extend(hashes);
        self.search_stale = true;
        Ok(Some(Rebuilt {
            diagnostics: self.warnings.clone(),
            pages,
            written,
            removed: 0,
            elapsed: started.elapsed(),
            pictures: Default::default(),
        }))
    }
}

/// A file to write into the output: where, and its bytes.
type NewFile = (OutputPath, Vec<u8>);

/// Receives the rendered files: on the first build, into the staging
/// folder; afterwards, keeps only the files whose bytes differ from what is
/// on disk, to write once the whole rebuild has succeeded.
struct Changes<'a> {
    old: &'a HashMap<String, u64>,
    staging: Option<&'a crate::write::Staging>,
    hashes: Mutex<HashMap<String, u64>>,
    changed: Mutex<Vec<NewFile>>,
}

impl<'a> Changes<'a> {
    fn new(old: &'a HashMap<String, u64>, staging: Option<&'a crate::write::Staging>) -> Self {
        Changes {
            old,
            staging,
            hashes: Mutex::default(),
            changed: Mutex::default(),
        }
    }

    /// Writes the changed files into `out`, all or none; returns the hash
    /// of every file received and how many were written.
    fn write(self, out: &Path) -> anyhow::Result<(HashMap<String, u64>, usize)> {
        let (hashes, changed) = self.into_parts();
        commit(out, &changed)?;
        Ok((hashes, changed.len()))
    }

    /// The hash of every file received, and the changed files, unwritten.
    fn into_parts(self) -> (HashMap<String, u64>, Vec<NewFile>) {
        (
            self.hashes.into_inner().unwrap_or_default(),
            self.changed.into_inner().unwrap_or_default(),
        )
    }
}

impl crate::render::Sink for Changes<'_> {
    fn put(&self, path: &OutputPath, bytes: &[u8]) {
        let h = hash(bytes);
        if let Some(staging) = self.staging {
            staging.put(path, bytes);
        } else if self.old.get(path.as_str()) != Some(&h) {
            if let Ok(mut changed) = self.changed.lock() {
                changed.push((path.clone(), bytes.to_vec()));
            }
        }
        if let Ok(mut hashes) = self.hashes.lock() {
            hashes.insert(path.as_str().to_string(), h);
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn stamp(path: &Path) -> (PathBuf, u64, Option<SystemTime>) {
    let meta = std::fs::metadata(path).ok();
    (
        path.to_path_buf(),
        meta.as_ref().map_or(0, |m| m.len()),
        meta.and_then(|m| m.modified().ok()),
    )
}

/// Writes files inside `out` so that a reader sees the old site or the new
/// one, never a mix: each file is first written beside its place
/// (`.name.loa-new`), and only when all are written are they renamed over
/// the old ones. When one cannot be written (a full disk), those written
/// beside are removed and the output is the last good site, whole; the
/// caller keeps its record of what is on disk, so the next rebuild writes
/// everything again.
fn commit(out: &Path, files: &[NewFile]) -> anyhow::Result<()> {
    let beside = |target: &Path| {
        target.with_file_name(format!(
            ".{}.loa-new",
            target.file_name().and_then(|n| n.to_str()).unwrap_or("tep")
        ))
    };
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(files.len());
    let mut failure = None;
    for (path, bytes) in files {
        let target = out.join(path.as_str());
        let tmp = beside(&target);
        let result = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&tmp, bytes));
        if let Err(err) = result {
            let _ = std::fs::remove_file(&tmp);
            failure = Some(crate::write::write_error(&target, &err));
            break;
        }
        written.push((tmp, target));
    }
    if let Some(err) = failure {
        for (tmp, _) in &written {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(anyhow::anyhow!(
            "{err:#}; bản xem thử vẫn là bản dựng đúng gần nhất, đầy đủ, và sẽ dựng lại khi tệp được lưu lần sau"
        ));
    }
    for (tmp, target) in &written {
        std::fs::rename(tmp, target).map_err(|err| crate::write::write_error(target, &err))?;
    }
    Ok(())
}
