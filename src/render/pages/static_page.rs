//! Static pages (`content/trang/`): about, contact, at `/<slug>/`.

use super::{each, to_value, Family, Frame, Key, RenderContext};
use crate::render::dates;
use crate::render::views;
use crate::render::views::articles::PageData;

pub(in crate::render) const STATIC_PAGE: Family = Family {
    template: "page.html",
    label: "trang tĩnh",
    in_sitemap: true,
    keys: |site| each(site.pages.len()),
    url: |site, key| site.page_url(&site.pages[key.item]),
    source: |site, key| Some(site.pages[key.item].source.as_str()),
    lastmod: |site, key| site.pages[key.item].updated.map(dates::iso_date),
    view,
};

fn view<'a>(ctx: &RenderContext<'a>, key: Key, frame: &mut Frame) -> serde_json::Value {
    let p = &ctx.site.pages[key.item];
    let body = &ctx.bodies.pages[key.item];
    frame.meta.title = p.title.clone();
    frame.meta.description = p
        .summary
        .clone()
        .unwrap_or_else(|| crate::text::truncate_words(&body.first_paragraph, 200));
    to_value(&PageData {
        content: &body.html,
        updated: p
            .updated
            .map(|d| views::DateView::new(d, &ctx.site.config.language)),
        contacts: p.contacts,
    })
}
