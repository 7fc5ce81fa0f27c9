//! Helpers: copy a fixture into a fresh folder, run `loa` there, read back.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh, empty folder under the target's temp dir.
pub fn fresh_dir() -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("it-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The path of `tests/fixtures/<name>`.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The bundled portal at the repository root (its site.yaml, content,
/// themes and static files) copied into a fresh folder.
pub fn portal_copy() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = fresh_dir();
    for part in ["site.yaml", "content", "themes", "static"] {
        let from = root.join(part);
        if from.is_dir() {
            copy_dir(&from, &dir.join(part));
        } else if from.is_file() {
            std::fs::copy(&from, dir.join(part)).unwrap();
        }
    }
    dir
}

/// A site in a temp folder, copied from a fixture.
pub struct Site {
    pub dir: PathBuf,
}

impl Site {
    pub fn fixture(name: &str) -> Site {
        let dir = fresh_dir();
        copy_dir(&fixture_path(name), &dir);
        Site { dir }
    }

    /// Writes (or replaces) a file in the site.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Site {
        let path = self.dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn loa(&self, args: &[&str]) -> Outcome {
        run_loa(&self.dir, args)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.dir.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.dir.join(rel).exists()
    }
}

/// What a run of loa did.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the loa binary in `dir`, without colour.
pub fn run_loa(dir: &Path, args: &[&str]) -> Outcome {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the loa binary should start");
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file under `dir`, relative, `/`-separated, sorted, with its bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The values of every `href` and `src` attribute in an HTML text, quoted
/// or not (minified output drops quotes where it can).
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=", " src="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest.split([' ', '>']).next().unwrap_or(""),
            };
            out.push(value.replace("&amp;", "&"));
        }
    }
    out
}

/// The text between `<main` and `</main>`.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>");
    &html[start..end]
}

/// What interrupted builds left beside the output folder in `dir`.
pub fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".loa-"))
        .collect()
}

/// [`photo`] encoded as `format`.
pub fn photo_bytes(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    photo(width, height)
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// A photo-like picture: smooth light with grain, `width` × `height`.
pub fn photo(width: u32, height: u32) -> image::RgbImage {
    let mut seed = 0x2545_f491_u32;
    image::RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let grain = (seed % 24) as i32 - 12;
        let base = |v: u32, max: u32| (v * 200 / max) as i32 + 20;
        let c = |v: i32| v.clamp(0, 255) as u8;
        image::Rgb([
            c(base(x, width) + grain),
            c(base(y, height) + grain),
            c(base(x + y, width + height) + 40 + grain),
        ])
    })
}
