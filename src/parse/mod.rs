//! Stage 2 (pure): decoded sources → typed content. Each file is parsed on
//! its own; problems become diagnostics and the file is skipped.

pub mod article;
pub mod date;
pub mod front_matter;
pub mod timeframe;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::load::Sources;
use crate::model::{Article, Page};

/// Everything parsed from `content/`.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Articles, in source path order.
    pub articles: Vec<Article>,
    /// Static pages, in source path order.
    pub pages: Vec<Page>,
}

/// Parses every source file, in parallel; diagnostics are merged in source
/// order so output does not depend on scheduling.
pub fn parse_all(sources: &Sources, config: &SiteConfig, diags: &mut Diagnostics) -> Parsed {
    let articles: Vec<(Option<Article>, Diagnostics)> = sources
        .articles
        .par_iter()
        .map(|file| {
            let mut d = Diagnostics::default();
            (article::parse_article(file, config, &mut d), d)
        })
        .collect();
    let pages: Vec<(Option<Page>, Diagnostics)> = sources
        .pages
        .par_iter()
        .map(|file| {
            let mut d = Diagnostics::default();
            (article::parse_page(file, config, &mut d), d)
        })
        .collect();
    let mut parsed = Parsed::default();
    for (article, d) in articles {
        diags.extend(d);
        parsed.articles.extend(article);
    }
    for (page, d) in pages {
        diags.extend(d);
        parsed.pages.extend(page);
    }
    parsed
}
