//! A build that stays in memory between runs, for `loa serve`: each rebuild
//! generates the site again and writes only the files whose bytes changed,
//! each one replaced atomically (written beside, then renamed), and removes
//! the files that are no longer produced. A rebuild with errors writes
//! nothing: the last good site stays on disk.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
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
        }
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Generates the site and brings the output folder up to date.
    pub fn rebuild(&mut self) -> anyhow::Result<Rebuilt> {
        let started = Instant::now();
        let generated = crate::generate(&self.root, &self.opts)?;
        let mut result = Rebuilt {
            diagnostics: generated.diagnostics.into_sorted(),
            pages: generated.files.iter().filter(|f| f.kind.is_some()).count(),
            ..Rebuilt::default()
        };
        if result.failed() {
            result.elapsed = started.elapsed();
            return Ok(result);
        }
        if self.written.is_empty() {
            // The first build: the whole folder, swapped in at once.
            crate::write::write_site(&self.out, &generated.files, &generated.statics)?;
            for f in &generated.files {
                self.written
                    .insert(f.path.as_str().to_string(), hash(&f.bytes));
            }
            for s in &generated.statics {
                self.copied.insert(s.output.clone(), stamp(&s.from));
            }
            result.written = generated.files.len() + generated.statics.len();
        } else {
            let mut now: HashMap<String, u64> = HashMap::with_capacity(generated.files.len());
            for f in &generated.files {
                let h = hash(&f.bytes);
                if self.written.get(f.path.as_str()) != Some(&h) {
                    replace(&self.out, &f.path, &f.bytes)?;
                    result.written += 1;
                }
                now.insert(f.path.as_str().to_string(), h);
            }
            let mut copied = HashMap::with_capacity(generated.statics.len());
            for s in &generated.statics {
                let Some(path) = OutputPath::new(&s.output) else {
                    continue;
                };
                let st = stamp(&s.from);
                if self.copied.get(&s.output) != Some(&st) {
                    let bytes = std::fs::read(&s.from)
                        .with_context(|| format!("không đọc được {}", s.from.display()))?;
                    replace(&self.out, &path, &bytes)?;
                    result.written += 1;
                }
                copied.insert(s.output.clone(), st);
            }
            for gone in self
                .written
                .keys()
                .filter(|p| !now.contains_key(*p) && !copied.contains_key(*p))
                .chain(
                    self.copied
                        .keys()
                        .filter(|p| !copied.contains_key(*p) && !now.contains_key(*p)),
                )
            {
                if let Some(path) = OutputPath::new(gone) {
                    if std::fs::remove_file(self.out.join(path.as_str())).is_ok() {
                        result.removed += 1;
                    }
                }
            }
            self.written = now;
            self.copied = copied;
        }
        result.elapsed = started.elapsed();
        Ok(result)
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

/// Writes one file inside `out` so that a reader sees the old bytes or the
/// new ones, never half: written beside, then renamed over.
fn replace(out: &Path, path: &OutputPath, bytes: &[u8]) -> anyhow::Result<()> {
    let target = out.join(path.as_str());
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("không tạo được {}", dir.display()))?;
    }
    let tmp = target.with_file_name(format!(
        ".{}.loa-new",
        target.file_name().and_then(|n| n.to_str()).unwrap_or("tep")
    ));
    std::fs::write(&tmp, bytes).with_context(|| format!("không ghi được {}", tmp.display()))?;
    std::fs::rename(&tmp, &target)
        .with_context(|| format!("không ghi được {}", target.display()))?;
    Ok(())
}
