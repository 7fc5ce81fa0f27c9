//! Documents' Markdown. Static pages and campaigns are few: theirs is
//! rendered once, before any page, and kept. Articles are many: each one's
//! Markdown is rendered when its page is, a batch at a time, and only its
//! [`Outline`] is kept (the HTML of a whole site is never in memory at
//! once). The links between documents' headings are checked once every
//! document was rendered.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::markdown;
use crate::diag::{Diagnostic, Diagnostics};
use crate::resolve::{DocRef, Site};
use crate::urls::root_for;

/// What is kept of documents' rendered Markdown for the whole build.
#[derive(Clone, Debug, Default)]
pub struct Bodies {
    /// Per `Site::articles`, once their pages were rendered.
    pub articles: Vec<Outline>,
    /// Per `Site::pages`.
    pub pages: Vec<markdown::Rendered>,
    /// Per `Site::campaigns`.
    pub campaigns: Vec<markdown::Rendered>,
    /// Per `Site::sections`.
    pub sections: Vec<markdown::Rendered>,
}

/// What other documents need of an article's Markdown: the headings they
/// may link to, and the links it makes to theirs.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    /// Its heading ids.
    pub ids: BTreeSet<String>,
    /// Its links to other documents' headings.
    pub anchors: Vec<markdown::AnchorLink>,
}

impl Outline {
    /// The outline of a rendered article.
    pub fn of(body: markdown::Rendered) -> Outline {
        Outline {
            ids: body.ids,
            anchors: body.anchors,
        }
    }
}

/// Renders the Markdown of every static page and campaign, in parallel.
pub fn render_bodies(site: &Site, diags: &mut Diagnostics) -> Bodies {
    let pages: Vec<_> = site
        .pages
        .iter()
        .map(|p| (&p.body, p.source.as_str()))
        .collect();
    let campaigns: Vec<_> = site
        .campaigns
        .iter()
        .map(|c| (&c.body, c.source.as_str()))
        .collect();
    // Each section's text is on the page it introduces, at that page's depth.
    let sections = site
        .sections
        .iter()
        .flat_map(|s| {
            let depth = site.section_url(s).matches('/').count();
            render_many(
                site,
                &[(&s.body, s.source.as_str())],
                &root_for(depth),
                diags,
            )
        })
        .collect();
    Bodies {
        articles: Vec::new(),
        pages: render_many(site, &pages, &root_for(1 + edition_depth(site)), diags),
        campaigns: render_many(site, &campaigns, &root_for(2), diags),
        sections,
    }
}

/// How many folders deeper an edition's pages are (`en/`: one).
fn edition_depth(site: &Site) -> usize {
    site.config.prefix.matches('/').count()
}

/// Renders the Markdown of the articles `indexes`, in parallel; problems
/// are added in article order.
pub fn render_articles(
    site: &Site,
    indexes: &[usize],
    diags: &mut Diagnostics,
) -> Vec<markdown::Rendered> {
    let docs: Vec<_> = indexes
        .iter()
        .map(|&i| (&site.articles[i].body, site.articles[i].source.as_str()))
        .collect();
    render_many(site, &docs, &root_for(2 + edition_depth(site)), diags)
}

/// Renders the Markdown of documents in parallel, `root` leading from their
/// pages to the site root; problems are added in document order.
fn render_many(
    site: &Site,
    docs: &[(&crate::model::Body, &str)],
    root: &str,
    diags: &mut Diagnostics,
) -> Vec<markdown::Rendered> {
    let rendered: Vec<(markdown::Rendered, Diagnostics)> = docs
        .par_iter()
        .map(|(body, source)| {
            let mut d = Diagnostics::default();
            (markdown::render(body, source, root, site, &mut d), d)
        })
        .collect();
    rendered
        .into_iter()
        .map(|(r, d)| {
            diags.extend(d);
            r
        })
        .collect()
}

/// Renders one article's Markdown, as [`render_articles`] does.
pub fn render_article_body(site: &Site, i: usize, diags: &mut Diagnostics) -> markdown::Rendered {
    let a = &site.articles[i];
    markdown::render(
        &a.body,
        a.source.as_str(),
        &root_for(2 + edition_depth(site)),
        site,
        diags,
    )
}

/// Every link to a heading of another document names a heading it has.
pub fn check_anchors(site: &Site, bodies: &Bodies, diags: &mut Diagnostics) {
    let ids = |doc: &DocRef| match *doc {
        DocRef::Article(i) => &bodies.articles[i].ids,
        DocRef::Page(i) => &bodies.pages[i].ids,
        DocRef::Campaign(i) => &bodies.campaigns[i].ids,
    };
    let sources = site
        .articles
        .iter()
        .map(|a| a.source.as_str())
        .zip(bodies.articles.iter().map(|o| &o.anchors))
        .chain(
            site.pages
                .iter()
                .map(|p| p.source.as_str())
                .zip(bodies.pages.iter().map(|b| &b.anchors)),
        )
        .chain(
            site.campaigns
                .iter()
                .map(|c| c.source.as_str())
                .zip(bodies.campaigns.iter().map(|b| &b.anchors)),
        );
    for (source, anchors) in sources {
        for link in anchors {
            let Some(doc) = site.documents.get(&link.target) else {
                continue;
            };
            if !ids(doc).contains(&link.anchor) {
                let mut known: Vec<&str> = ids(doc).iter().map(String::as_str).collect();
                known.sort();
                let mut d = Diagnostic::error(
                    source,
                    format!(
                        "liên kết tới mục `#{}` của {} nhưng không có mục (tiêu đề) nào như vậy",
                        link.anchor, link.target
                    ),
                )
                .at(Some(link.line), Some(link.column));
                if let Some(near) = crate::diag::nearest(&link.anchor, &known) {
                    d = d.with_help(format!("có phải ý bạn là `#{near}`?"));
                }
                diags.push(d);
            }
        }
    }
}
