//! Every document's Markdown, rendered once, in parallel, before any page:
//! articles, static pages and campaigns; and the links between them to
//! headings, checked once all are rendered.

use rayon::prelude::*;

use super::markdown;
use crate::diag::{Diagnostic, Diagnostics};
use crate::resolve::{DocRef, Site};
use crate::urls::root_for;

/// Every document's Markdown, rendered once.
#[derive(Clone, Debug, Default)]
pub struct Bodies {
    /// Per `Site::articles`.
    pub articles: Vec<markdown::Rendered>,
    /// Per `Site::pages`.
    pub pages: Vec<markdown::Rendered>,
    /// Per `Site::campaigns`.
    pub campaigns: Vec<markdown::Rendered>,
}

/// Renders the Markdown of every article, page and campaign, in parallel,
/// and checks links to headings between them.
pub fn render_bodies(site: &Site, diags: &mut Diagnostics) -> Bodies {
    let article_root = root_for(2);
    let articles: Vec<_> = site
        .articles
        .iter()
        .map(|a| (&a.body, a.source.as_str()))
        .collect();
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
    let articles = render_many(site, &articles, &article_root, diags);
    let pages = render_many(site, &pages, &root_for(1), diags);
    let campaigns = render_many(site, &campaigns, &article_root, diags);
    check_anchors(site, &articles, &pages, &campaigns, diags);
    Bodies {
        articles,
        pages,
        campaigns,
    }
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

/// Renders one article's Markdown again, as [`render_bodies`] does.
pub fn render_article_body(site: &Site, i: usize, diags: &mut Diagnostics) -> markdown::Rendered {
    let a = &site.articles[i];
    markdown::render(&a.body, a.source.as_str(), &root_for(2), site, diags)
}

/// Every link to a heading of another document names a heading it has.
fn check_anchors(
    site: &Site,
    article_bodies: &[markdown::Rendered],
    page_bodies: &[markdown::Rendered],
    campaign_bodies: &[markdown::Rendered],
    diags: &mut Diagnostics,
) {
    let ids = |doc: &DocRef| match *doc {
        DocRef::Article(i) => &article_bodies[i].ids,
        DocRef::Page(i) => &page_bodies[i].ids,
        DocRef::Campaign(i) => &campaign_bodies[i].ids,
    };
    let sources = site
        .articles
        .iter()
        .map(|a| a.source.as_str())
        .zip(article_bodies)
        .chain(
            site.pages
                .iter()
                .map(|p| p.source.as_str())
                .zip(page_bodies),
        )
        .chain(
            site.campaigns
                .iter()
                .map(|c| c.source.as_str())
                .zip(campaign_bodies),
        );
    for (source, body) in sources {
        for link in &body.anchors {
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
