//! The default theme, compiled into the binary so that a site without its
//! own `themes/default/` still builds and `loa init` can write a complete
//! starter.

use crate::model::SourcePath;
use crate::source::{SourceFile, ThemeFiles};

/// The UI strings file inside a theme folder.
pub const STRINGS_FILE: &str = "strings.yaml";

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        /// The default theme's files, compiled into the binary so that a site
        /// without its own `themes/default/` still builds and `loa init` can
        /// write a complete starter.
        pub const DEFAULT_THEME: &[(&str, &str)] = &[
            $(($path, include_str!(concat!("../themes/default/", $path)))),*
        ];
    };
}

embed!(
    "strings.yaml",
    "static/style.css",
    "static/favicon.svg",
    "static/search.js",
    "static/print.js",
    "templates/404.html",
    "templates/article.html",
    "templates/base.html",
    "templates/category.html",
    "templates/home.html",
    "templates/list.html",
    "templates/macros.html",
    "templates/page.html",
    "templates/plan.html",
    "templates/plans.html",
    "templates/unit.html",
    "templates/units.html",
    "templates/year.html",
    "templates/basis.html",
    "templates/search.html",
    "templates/campaign.html",
    "templates/campaigns.html",
    "templates/poster.html",
    "templates/report.html",
    "templates/reports.html",
    "templates/documents.html",
    "templates/document.html",
    "templates/tag.html",
    "templates/terms.html",
);

/// The default theme as if read from `themes/default/`.
pub fn files() -> ThemeFiles {
    let mut templates = Vec::new();
    let mut assets = Vec::new();
    for (path, text) in DEFAULT_THEME {
        if let Some(name) = path.strip_prefix("templates/") {
            templates.push((
                name.to_string(),
                SourcePath::new(format!("themes/default/{path}")),
                text.to_string(),
            ));
        } else if let Some(name) = path.strip_prefix("static/") {
            assets.push((name.to_string(), text.as_bytes().to_vec()));
        }
    }
    ThemeFiles {
        templates,
        strings: strings(),
        assets,
    }
}

/// The default theme's UI strings.
pub fn strings() -> SourceFile {
    SourceFile {
        path: SourcePath::new(format!("themes/default/{STRINGS_FILE}")),
        text: DEFAULT_THEME
            .iter()
            .find(|(p, _)| *p == STRINGS_FILE)
            .map(|(_, t)| t.to_string())
            .unwrap_or_default(),
    }
}
