//! The site's files as loa holds them between reading and parsing: the
//! types `load` fills and `parse` and the theme compiler read. No IO here.

/// The folder of `content/` that holds the plans.
pub const PLANS_DIR: &str = "ke-hoach";

use std::path::PathBuf;

use crate::model::SourcePath;

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
    /// The legal document registry: `content/van-ban.yaml`.
    pub documents: Option<SourceFile>,
    /// Images and files inside Hugo page bundles (`bai-viet/x/anh.jpg`
    /// beside `bai-viet/x/index.md`): published beside their article.
    pub bundle_files: Vec<BundleFile>,
    /// The site's own shortcodes, `templates/shortcodes/NAME.html`:
    /// `(template name, source path, text)`.
    pub shortcodes: Vec<(String, SourcePath, String)>,
}

/// A file of a page bundle, published in its article's folder.
#[derive(Clone, Debug)]
pub struct BundleFile {
    /// The bundle's article: `content/bai-viet/x/index.md`.
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
    /// The theme's static files (CSS…), embedded ones carry their bytes.
    pub assets: Vec<(String, Vec<u8>)>,
}
