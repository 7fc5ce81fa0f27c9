//! An article's page: its text, table of contents, sources, the plan tasks
//! it serves, its legal basis, currency notices, a QR code of its address
//! and links to the articles before and after it.

use super::{each, to_value, Family, Frame, Key, RenderContext};
use crate::render::views::articles::{ArticleData, ArticleView};
use crate::render::views::{self, CitationView, Link, TocEntry};
use crate::render::{dates, documents, plan, qr};

pub(in crate::render) const ARTICLE: Family = Family {
    template: "article.html",
    label: "bài viết",
    in_sitemap: true,
    keys: |site| each(site.articles.len()),
    url: |site, key| site.article_url(&site.articles[key.item]),
    source: |site, key| Some(site.articles[key.item].source.as_str()),
    lastmod: |site, key| {
        let a = &site.articles[key.item];
        Some(dates::iso_date(a.updated.unwrap_or(a.date).max(a.date)))
    },
    view,
};

/// A table of contents from three second-level headings on.
const TOC_FROM: usize = 3;

fn view<'a>(ctx: &RenderContext<'a>, key: Key, frame: &mut Frame) -> serde_json::Value {
    let site = ctx.site;
    let i = key.item;
    let a = &site.articles[i];
    let body = ctx.article_body(i);
    let meta = &mut frame.meta;
    meta.title = a.title.clone();
    meta.og_type = "article";
    meta.description = ctx.cards[i].summary.clone();
    meta.published_time = dates::rfc3339(a.date, site.config.timezone);
    meta.modified_time = dates::rfc3339(
        a.updated.unwrap_or(a.date).max(a.date),
        site.config.timezone,
    );
    if let Some(image) = &a.image {
        meta.og_image = views::image_full_url(site, image);
        meta.og_image_alt = image.alt.clone();
    }
    let full_url = meta.canonical.clone();
    frame.crumb(site, ctx.s("articles"), &site.articles_url());
    if let Some(cat) = a.categories.first() {
        if let Some(slug) = crate::model::Slug::from_text(cat) {
            frame.crumb(
                site,
                cat.clone(),
                &format!("{}{slug}/", site.categories_url()),
            );
        }
    }
    let toc = if body.headings.iter().filter(|h| h.level == 2).count() >= TOC_FROM {
        body.headings
            .iter()
            .filter(|h| h.level <= 3)
            .map(|h| TocEntry {
                level: h.level,
                id: h.id.clone(),
                text: h.text.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let root = frame.root.clone();
    let neighbour = |j: usize| Link {
        label: site.articles[j].title.clone(),
        url: views::href(site, &root, &site.article_url(&site.articles[j])),
        current: false,
    };
    let content = body.html.as_str().into();
    let qr = qr::svg(&full_url, &format!("Mã QR mở bài {}", a.title)).map(Into::into);
    let data = ArticleData {
        article: ArticleView {
            card: ctx.card(i, &root),
            content,
            toc,
            qr,
            full_url,
            serves: a
                .implements
                .iter()
                .filter_map(|(reference, _)| plan::task_link(site, reference, &root))
                .collect(),
            legal_basis: documents::legal_basis(site, i, &root),
            notices: documents::notices(
                site,
                crate::resolve::documents::Citer::Article(i),
                &root,
                ctx.today,
            ),
            sources: a
                .sources
                .iter()
                .map(|c| CitationView {
                    title: c.title.clone(),
                    url: c.url.clone(),
                })
                .collect(),
            newer: i.checked_sub(1).map(neighbour),
            older: (i + 1 < site.articles.len()).then(|| neighbour(i + 1)),
        },
    };
    to_value(&data)
}
