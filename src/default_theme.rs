//! The default theme, compiled into the binary so that a site without its
//! own `themes/default/` still builds and `loa init` can write a complete
//! starter.

use crate::model::SourcePath;
use crate::source::{SourceFile, ThemeFiles};

/// The UI strings file inside a theme folder (Vietnamese).
pub const STRINGS_FILE: &str = "strings.yaml";

/// The UI strings file of `language` inside a theme folder: `strings.yaml`
/// for Vietnamese, `strings.en.yaml` for English.
pub fn strings_file(language: &str) -> String {
    if language == "vi" {
        STRINGS_FILE.to_string()
    } else {
        format!("strings.{language}.yaml")
    }
}

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
    "strings.en.yaml",
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
        site_strings: None,
    }
}

/// The default theme's UI strings (Vietnamese).
pub fn strings() -> SourceFile {
    strings_in(STRINGS_FILE).unwrap_or(SourceFile {
        path: SourcePath::new(format!("themes/default/{STRINGS_FILE}")),
        text: String::new(),
    })
}

/// The default theme's UI strings in `language`, when it has them.
pub fn strings_for(language: &str) -> Option<SourceFile> {
    strings_in(&strings_file(language))
}

fn strings_in(file: &str) -> Option<SourceFile> {
    DEFAULT_THEME
        .iter()
        .find(|(p, _)| *p == file)
        .map(|(p, t)| SourceFile {
            path: SourcePath::new(format!("themes/default/{p}")),
            text: t.to_string(),
        })
}

#[cfg(test)]
mod tests {
    /// The keys of a strings file, in order.
    fn keys(text: &str) -> Vec<&str> {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
            .filter_map(|l| l.split_once(':').map(|(k, _)| k))
            .collect()
    }

    /// English interface text is shipped for every Vietnamese string
    /// (issue 22, point 1).
    #[test]
    fn english_strings_have_every_key() {
        let vi = super::strings();
        let en = super::strings_for("en").expect("shipped");
        assert_eq!(keys(&vi.text), keys(&en.text));
        assert!(keys(&vi.text).len() > 150);
        assert!(super::strings_for("tyz").is_none());
    }
}
