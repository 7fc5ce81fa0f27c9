//! Stage 5 (IO): writes the output files into a fresh staging folder beside
//! the output folder, then swaps it in. A failed or interrupted build leaves
//! the previous output complete; leftovers of an interrupted build are
//! removed by the next one.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{bail, Context};

use crate::render::OutputFile;
use crate::source::StaticFile;

/// Marks a folder as loa's output, so loa only ever replaces its own folders.
pub const MARKER: &str = ".loa-output";

const MARKER_TEXT: &str =
    "Thư mục này do loa tạo ra. Mỗi lần `loa build`, toàn bộ nội dung được thay mới.\n";

/// What was written.
#[derive(Clone, Copy, Debug, Default)]
pub struct WriteStats {
    /// Files written.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// A fresh folder beside the output that receives the files as they are
/// rendered; [`Staging::finish`] swaps it in, [`Staging::abandon`] removes
/// it (a build with errors leaves the previous output as it was).
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    dir: PathBuf,
    /// Folders already created, so each is created once.
    made: Mutex<HashSet<PathBuf>>,
    /// Why a file could not be written (a full disk…): the first failure.
    /// Nothing more is written after it; [`Staging::finish`] reports it.
    failure: Mutex<Option<anyhow::Error>>,
}

impl Staging {
    /// Checks that `out` may be replaced (absent, empty or loa's own) and
    /// creates the staging folder.
    pub fn begin(out: &Path) -> anyhow::Result<Staging> {
        let out = std::path::absolute(out)
            .with_context(|| format!("đường dẫn không hợp lệ: {}", out.display()))?;
        let name = out
            .file_name()
            .and_then(|n| n.to_str())
            .context("thư mục đầu ra phải có tên (không được là thư mục gốc của ổ đĩa)")?
            .to_string();
        let parent = out
            .parent()
            .context("thư mục đầu ra phải nằm trong một thư mục khác")?
            .to_path_buf();
        if out.exists() {
            if !out.is_dir() {
                bail!("{} đã có và không phải là thư mục", out.display());
            }
            let empty = std::fs::read_dir(&out)
                .with_context(|| format!("không đọc được {}", out.display()))?
                .next()
                .is_none();
            if !empty && !out.join(MARKER).exists() {
                bail!(
                    "thư mục {} đã có nội dung không do loa tạo; loa không ghi đè lên nó. Hãy chọn thư mục khác bằng --out hoặc xóa thư mục này",
                    out.display()
                );
            }
        }
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("không tạo được {}", parent.display()))?;
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.loa-tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("không xóa được {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("không tạo được {}", dir.display()))?;
        Ok(Staging {
            out,
            parent,
            name,
            dir,
            made: Mutex::default(),
            failure: Mutex::default(),
        })
    }

    /// Copies the static files, marks the folder as loa's, and swaps it in;
    /// or, when a rendered file could not be written, removes the staging
    /// folder and says why.
    pub fn finish(
        self,
        files: &[OutputFile],
        statics: &[StaticFile],
    ) -> anyhow::Result<WriteStats> {
        use rayon::prelude::*;
        let result = (|| -> anyhow::Result<WriteStats> {
            if let Some(err) = self.failure.lock().ok().and_then(|mut f| f.take()) {
                return Err(err);
            }
            let copied: u64 = statics
                .par_iter()
                .filter_map(|f| Some((f, crate::model::OutputPath::new(&f.output)?)))
                .map(|(file, rel)| {
                    let path = self.dir.join(rel.as_str());
                    self.make_parent(&path)?;
                    copy_static(file, &path)
                })
                .sum::<anyhow::Result<u64>>()?;
            let marker = self.dir.join(MARKER);
            std::fs::write(&marker, MARKER_TEXT).map_err(|err| write_error(&marker, &err))?;
            Ok(WriteStats {
                files: files.len() + statics.len(),
                bytes: files.iter().map(|f| f.len).sum::<u64>() + copied,
            })
        })();
        match result {
            Ok(stats) => {
                swap(&self.dir, &self.out, &self.parent, &self.name)?;
                Ok(stats)
            }
            Err(err) => {
                self.abandon();
                Err(err)
            }
        }
    }

    /// Removes the staging folder: nothing of this build is kept.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    fn make_parent(&self, path: &Path) -> anyhow::Result<()> {
        let Some(dir) = path.parent() else {
            return Ok(());
        };
        let known = self
            .made
            .lock()
            .map(|made| made.contains(dir))
            .unwrap_or(false);
        if !known {
            std::fs::create_dir_all(dir).map_err(|err| write_error(dir, &err))?;
            if let Ok(mut made) = self.made.lock() {
                made.insert(dir.to_path_buf());
            }
        }
        Ok(())
    }
}

impl Staging {
    fn write(&self, path: &crate::model::OutputPath, bytes: &[u8]) -> anyhow::Result<()> {
        let target = self.dir.join(path.as_str());
        self.make_parent(&target)?;
        std::fs::write(&target, bytes).map_err(|err| write_error(&target, &err))
    }
}

/// The one message for a file that could not be written, in the words the
/// clerk needs: a full disk says so and what to do, whatever file it was.
pub fn write_error(path: &Path, err: &std::io::Error) -> anyhow::Error {
    // ENOSPC and EDQUOT: no room left, or none left in the user's quota.
    let full = err.kind() == std::io::ErrorKind::StorageFull
        || matches!(err.raw_os_error(), Some(28 | 122));
    if full {
        anyhow::anyhow!(
            "đĩa đầy khi ghi {}: hãy giải phóng chỗ trống trên ổ đĩa rồi dựng lại",
            path.display()
        )
    } else if err.kind() == std::io::ErrorKind::PermissionDenied {
        anyhow::anyhow!(
            "không có quyền ghi {}: hãy chọn thư mục đầu ra khác (`--out`) hoặc sửa quyền của thư mục",
            path.display()
        )
    } else {
        // The system's own words are English: its error number instead.
        let why = match err.raw_os_error() {
            Some(20) => "một tệp nằm ở chỗ cần có thư mục".to_string(),
            Some(30) => "ổ đĩa chỉ cho đọc".to_string(),
            Some(5) => "lỗi đọc ghi của ổ đĩa".to_string(),
            Some(code) => format!("lỗi hệ thống số {code}"),
            None => "lỗi không rõ".to_string(),
        };
        anyhow::anyhow!("không ghi được {}: {why}", path.display())
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, path: &crate::model::OutputPath, bytes: &[u8]) {
        if self.failure.lock().map_or(true, |f| f.is_some()) {
            return;
        }
        if let Err(err) = self.write(path, bytes) {
            if let Ok(mut failure) = self.failure.lock() {
                failure.get_or_insert(err);
            }
        }
    }
}

fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> anyhow::Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out).with_context(|| {
            format!(
                "không đổi tên {} thành {}",
                staging.display(),
                out.display()
            )
        });
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        // One atomic exchange: at every instant `out` is either the previous
        // output or the new one, even if the process is killed right here.
        if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // The previous output now sits in the staging folder's place.
            let _ = std::fs::remove_dir_all(staging);
            return Ok(());
        }
    }
    // Elsewhere (or on a file system without exchange): two renames. A kill
    // between them leaves the previous output in `old`, which the next run
    // puts back (see `remove_leftovers`).
    let old = parent.join(format!(".{name}.loa-old-{}", std::process::id()));
    std::fs::rename(out, &old).with_context(|| {
        format!(
            "không dời được {} (có chương trình nào đang mở nó không?)",
            out.display()
        )
    })?;
    if let Err(err) = std::fs::rename(staging, out) {
        // Put the previous output back: nothing is lost.
        let _ = std::fs::rename(&old, out);
        return Err(err).with_context(|| {
            format!(
                "không đổi tên {} thành {}",
                staging.display(),
                out.display()
            )
        });
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Removes staging and old folders left by builds that were interrupted.
/// A folder whose process is still running is left alone.
fn remove_leftovers(parent: &Path, name: &str) {
    let out = parent.join(name);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.loa-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest.rsplit('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| pid != std::process::id() && process_alive(pid)) {
            continue;
        }
        if rest.starts_with("old-") && !out.exists() {
            // A build was stopped between its two renames: restore the
            // previous output rather than delete it.
            if std::fs::rename(entry.path(), &out).is_ok() {
                continue;
            }
        }
        let _ = std::fs::remove_dir_all(entry.path());
    }
}

/// Whether process `pid` still runs.
pub fn process_alive(pid: u32) -> bool {
    let proc = PathBuf::from("/proc");
    if proc.is_dir() {
        proc.join(pid.to_string()).exists()
    } else {
        // Without /proc, assume a build of the last hour may still be running.
        false
    }
}

/// Copies a static file to `to`; a photo without the metadata that says
/// where it was taken ([`crate::images::without_location`]). Its size.
fn copy_static(file: &StaticFile, to: &Path) -> anyhow::Result<u64> {
    if let Some(bytes) = static_bytes_if_changed(file)? {
        std::fs::write(to, &bytes).map_err(|err| write_error(to, &err))?;
        return Ok(bytes.len() as u64);
    }
    std::fs::copy(&file.from, to).map_err(|err| write_error(to, &err))
}

/// The bytes a static file is published with when they differ from the
/// file's own (a photo's location taken out); `None` when it is copied
/// as it is.
pub fn static_bytes_if_changed(file: &StaticFile) -> anyhow::Result<Option<Vec<u8>>> {
    if !crate::images::is_photo(&file.output) {
        return Ok(None);
    }
    let bytes = std::fs::read(&file.from).map_err(|err| {
        anyhow::anyhow!(
            "không đọc được {}: {}",
            file.from.display(),
            crate::diag::chain(&err)
        )
    })?;
    Ok(crate::images::without_location(&file.output, &bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Sink;

    /// A file the staging folder cannot take (here its folder is in the
    /// way of a file) is an environment error when the build finishes, not
    /// a problem of the content; nothing is swapped in.
    #[test]
    fn a_write_failure_is_reported_when_finishing_and_the_output_is_kept() {
        let base = std::env::temp_dir().join(format!("loa-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let out = base.join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(out.join("cu.html"), "bản trước").unwrap();
        let staging = Staging::begin(&out).unwrap();
        // A file where a folder must go: every page below it fails.
        std::fs::write(staging.dir.join("bai-viet"), "").unwrap();
        let page = crate::model::OutputPath::new("bai-viet/a/index.html").unwrap();
        staging.put(&page, b"<p>a</p>");
        let other = crate::model::OutputPath::new("index.html").unwrap();
        staging.put(&other, b"<p>b</p>");
        let file = OutputFile {
            path: page,
            len: 8,
            kind: None,
        };
        let err = staging.finish(&[file], &[]).unwrap_err();
        assert!(
            format!("{err:#}").contains("không ghi được")
                && format!("{err:#}").contains("một tệp nằm ở chỗ cần có thư mục"),
            "{err:#}"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("cu.html")).unwrap(),
            "bản trước"
        );
        assert!(!out.join("index.html").exists());
        let left: Vec<_> = std::fs::read_dir(&base).unwrap().collect();
        assert_eq!(left.len(), 1, "the staging folder is removed");
        let _ = std::fs::remove_dir_all(&base);
    }

    /// A full disk, as the kernel reports it (writing to /dev/full gives
    /// ENOSPC): one message that says so, the first failure only, and the
    /// previous output kept.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_one_clear_message() {
        let base = std::env::temp_dir().join(format!("loa-full-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let out = base.join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(out.join("index.html"), "bản trước").unwrap();
        let staging = Staging::begin(&out).unwrap();
        std::os::unix::fs::symlink("/dev/full", staging.dir.join("index.html")).unwrap();
        let pages: Vec<OutputFile> = ["index.html", "a/index.html", "b/index.html"]
            .iter()
            .map(|p| {
                let path = crate::model::OutputPath::new(p).unwrap();
                crate::render::Sink::put(&staging, &path, b"<p>trang</p>");
                OutputFile {
                    path,
                    len: 12,
                    kind: None,
                }
            })
            .collect();
        let err = format!("{:#}", staging.finish(&pages, &[]).unwrap_err());
        assert!(err.starts_with("đĩa đầy khi ghi "), "{err}");
        assert!(
            err.contains("index.html: hãy giải phóng chỗ trống"),
            "{err}"
        );
        assert_eq!(err.matches("đĩa đầy").count(), 1, "{err}");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "bản trước"
        );
        let _ = std::fs::remove_dir_all(&base);
    }
}
