//! The site's files as loa holds them between reading and parsing: the
//! types `load` fills and `parse` and the theme compiler read. No IO here.

/// The folder of `content/` that holds the plans.
pub const PLANS_DIR: &str = "ke-hoach";

use std::path::PathBuf;

use crate::model::SourcePath;

/// The language of a translation named as Hugo names them, `x.en.md` or
/// `index.en.md`: a code of two or three lowercase letters (with a region,
/// `x.pt-br.md`) before `.md`.
pub fn translation_language(name: &str) -> Option<String> {
    let stem = name.strip_suffix(".md")?;
    let (_, code) = stem.rsplit_once('.')?;
    let (language, region) = code.split_once('-').unwrap_or((code, ""));
    let letters = |s: &str, range: std::ops::RangeInclusive<usize>| {
        range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
    };
    (letters(language, 2..=3) && (region.is_empty() || letters(region, 2..=2)))
        .then(|| code.to_string())
}

/// A decoded text file of the site.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the site root.
    pub path: SourcePath,
    /// Its text, normalized by [`crate::text::decode`].
    pub text: String,
}

/// Everything under `content/` that loa reads.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// Articles: `content/<articles>/**/*.md`.
    pub articles: Vec<SourceFile>,
    /// Static pages: `content/trang/*.md`.
    pub pages: Vec<SourceFile>,
    /// Plans: `content/ke-hoach/*.yaml`.
    pub plans: Vec<SourceFile>,
    /// The unit registry: `content/don-vi.yaml`.
    pub units: Option<SourceFile>,
    /// Campaigns: `content/chien-dich/*.md`.
    pub campaigns: Vec<SourceFile>,
    /// Sections of the articles (Hugo's `_index.md`).
    pub sections: Vec<SourceFile>,
    /// Translations into the site's other languages (`x.en.md`).
    pub translations: Vec<Translation>,
    /// The legal document registry: `content/van-ban.yaml`.
    pub documents: Option<SourceFile>,
    /// Images and files inside Hugo page bundles (`bai-viet/x/anh.jpg`
    /// beside `bai-viet/x/index.md`): published beside their article.
    pub bundle_files: Vec<BundleFile>,
    /// The site's own shortcodes, `templates/shortcodes/NAME.html`:
    /// `(template name, source path, text)`.
    pub shortcodes: Vec<(String, SourcePath, String)>,
}

/// A translation of an article or page into another language of the site.
#[derive(Clone, Debug)]
pub struct Translation {
    /// Its language's code (`en`).
    pub language: String,
    /// An article (else a static page).
    pub article: bool,
    pub file: SourceFile,
}

/// A file of a page bundle, published in its article's folder.
#[derive(Clone, Debug)]
pub struct BundleFile {
    /// The bundle's article (`content/bai-viet/x/index.md`) or section
    /// (`content/bai-viet/tin-tuc/_index.md`).
    pub article: SourcePath,
    /// Its path inside the bundle, `/`-separated: `anh.jpg`, `hinh/a.png`.
    pub name: String,
    /// Where to copy it from.
    pub from: PathBuf,
    /// Path relative to the site root, for messages.
    pub source: SourcePath,
}

/// A file copied unchanged into the output.
#[derive(Clone, Debug)]
pub struct StaticFile {
    /// Path inside the output folder, `/`-separated.
    pub output: String,
    /// Where to copy it from.
    pub from: PathBuf,
    /// Path relative to the site root, for messages.
    pub source: SourcePath,
    /// Width and height, for images whose header could be read.
    pub size: Option<(u32, u32)>,
}

/// A theme as read from disk (or the built-in default theme).
#[derive(Clone, Debug)]
pub struct ThemeFiles {
    /// `(template name, source path, text)`, site overrides applied.
    pub templates: Vec<(String, SourcePath, String)>,
    /// The UI strings file.
    pub strings: SourceFile,
    /// The site's own UI strings (`strings.yaml`, `strings.en.yaml` in the
    /// site folder), each replacing the theme's of the same key.
    pub site_strings: Option<SourceFile>,
    /// The theme's static files (CSS…), embedded ones carry their bytes.
    pub assets: Vec<(String, Vec<u8>)>,
}

/// A photo or picture of the site (JPEG or PNG, in `static/` or a page
/// bundle) as pages offer it to phones: smaller versions in WebP, with a
/// JPEG (or PNG, for pictures that may be transparent) for browsers
/// without WebP. Known before the pages are made; the versions are
/// written after (`images.rs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// The original's site path, `anh/a.jpg`.
    pub path: String,
    /// Its content's checksum, in the versions' names: a changed photo
    /// gets new names, an unchanged one the names of the last build.
    pub checksum: u32,
    /// Its width and height as shown (turned as the camera says).
    pub width: u32,
    pub height: u32,
    /// Whether the fallback is a PNG (the picture may be transparent).
    pub png_fallback: bool,
}

/// One smaller version of a [`Picture`], in both formats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureVersion {
    pub width: u32,
    pub height: u32,
    /// Site path of the WebP file.
    pub webp: String,
    /// Site path of the JPEG or PNG file.
    pub fallback: String,
}

/// The widths of the versions: a phone's column (480), its column at twice
/// the pixels (800), at three times and a computer's (1200). A 390-px phone
/// at 3× takes the 1200.
pub const PICTURE_WIDTHS: [u32; 3] = [480, 800, 1200];

impl Picture {
    /// The versions, narrowest first: each width below the original's, and
    /// the original's own when it is narrower than the widest.
    pub fn versions(&self) -> Vec<PictureVersion> {
        let mut widths: Vec<u32> = PICTURE_WIDTHS
            .iter()
            .copied()
            .filter(|w| *w < self.width)
            .collect();
        if self.width <= PICTURE_WIDTHS[PICTURE_WIDTHS.len() - 1] {
            widths.push(self.width);
        }
        let (folder, name) = match self.path.rsplit_once('/') {
            Some((folder, name)) => (format!("{folder}/"), name),
            None => (String::new(), self.path.as_str()),
        };
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let fallback = if self.png_fallback { "png" } else { "jpg" };
        widths
            .into_iter()
            .map(|width| {
                let height = ((u64::from(self.height) * u64::from(width)
                    + u64::from(self.width) / 2)
                    / u64::from(self.width.max(1))) as u32;
                let base = format!("{folder}{stem}.{:08x}.{width}", self.checksum);
                PictureVersion {
                    width,
                    height: height.max(1),
                    webp: format!("{base}.webp"),
                    fallback: format!("{base}.{fallback}"),
                }
            })
            .collect()
    }

    /// The version a browser without `srcset` shows, and share previews use:
    /// the widest.
    pub fn main_version(&self) -> PictureVersion {
        self.versions()
            .pop()
            .expect("every picture has at least its own width")
    }
}
