//! The list of every article, newest first, in pages.

use super::{from_site, pages_for, to_value, undated, Family, Frame, Key, RenderContext};

pub(in crate::render) const LIST: Family = Family {
    template: "list.html",
    label: "danh sách",
    in_sitemap: true,
    keys: |site| {
        (1..=pages_for(site, site.articles.len()))
            .map(|page| Key { item: 0, page })
            .collect()
    },
    url: |site, key| site.paged_url(&site.articles_url(), key.page),
    source: from_site,
    lastmod: undated,
    view,
};

fn view<'a>(ctx: &RenderContext<'a>, key: Key, frame: &mut Frame) -> serde_json::Value {
    let site = ctx.site;
    let n = key.page;
    frame.meta.title = ctx.s("articles");
    let articles_url = site.articles_url();
    let mut data = ctx.list(
        &ctx.prepared.all_articles,
        &articles_url,
        n,
        &frame.root,
        None,
    );
    data.intro = ctx.intro(&articles_url, n);
    // The top section's title names the list (Hugo's `content/posts/_index.md`).
    if let Some(top) = site.sections.iter().find(|s| s.folder.is_empty()) {
        frame.meta.title = top.title.clone();
    }
    if n > 1 {
        frame.crumb(site, ctx.s("articles"), &articles_url);
    }
    to_value(&data)
}
