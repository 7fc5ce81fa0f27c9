//! The starter site `loa init` writes: a minimal site.yaml, one article, the
//! about and contact pages, the unit and legal document registries, the
//! default theme and the format guides (`docs/`).

/// `(path, text)` of every starter file.
pub fn files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = STARTER
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    for (path, text) in crate::default_theme::DEFAULT_THEME {
        files.push((format!("themes/default/{path}"), text.to_string()));
    }
    files
}

const STARTER: &[(&str, &str)] = &[
    ("site.yaml", include_str!("../starter/site.yaml")),
    (".gitignore", "public/\n"),
    (
        "content/bai-viet/chao-mung.md",
        include_str!("../starter/content/bai-viet/chao-mung.md"),
    ),
    (
        "content/trang/gioi-thieu.md",
        include_str!("../starter/content/trang/gioi-thieu.md"),
    ),
    (
        "content/trang/lien-he.md",
        include_str!("../starter/content/trang/lien-he.md"),
    ),
    (
        "content/don-vi.yaml",
        include_str!("../starter/don-vi.yaml"),
    ),
    // The laws in force and the ones they replaced: the same registry as the
    // bundled portal, so a new site starts with currency checks.
    (
        "content/van-ban.yaml",
        include_str!("../content/van-ban.yaml"),
    ),
    ("static/.gitkeep", ""),
    // The format guides the skeletons point at.
    ("docs/ke-hoach.md", include_str!("../docs/ke-hoach.md")),
    (
        "docs/nhap-van-ban.md",
        include_str!("../docs/nhap-van-ban.md"),
    ),
    ("docs/van-ban.md", include_str!("../docs/van-ban.md")),
    ("docs/du-lieu.md", include_str!("../docs/du-lieu.md")),
    ("docs/search.md", include_str!("../docs/search.md")),
    ("docs/theme.md", include_str!("../docs/theme.md")),
    (
        "docs/chuyen-trang.md",
        include_str!("../docs/chuyen-trang.md"),
    ),
];
