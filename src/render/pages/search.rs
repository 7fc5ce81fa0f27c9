//! The search page: the form, its filters (kinds and topics), and the
//! address of the search index.

use super::{from_site, one, to_value, undated, Family, Frame, Key, RenderContext};
use crate::render::search;
use crate::render::views::articles::SearchData;
use crate::render::views::{self, Link};

pub(in crate::render) const SEARCH: Family = Family {
    template: "search.html",
    label: "tìm kiếm",
    in_sitemap: true,
    keys: one,
    url: |site, _| site.search_url(),
    source: from_site,
    lastmod: undated,
    view,
};

fn view<'a>(ctx: &RenderContext<'a>, _: Key, frame: &mut Frame) -> serde_json::Value {
    let site = ctx.site;
    let root = frame.root.as_str();
    frame.meta.title = ctx.s("search");
    frame.meta.description = ctx.s("search_description");
    to_value(&SearchData {
        index_url: format!("{root}{}", site.search_url()),
        kinds: search::KINDS
            .iter()
            .filter(|(k, _)| ctx.prepared.search_kinds.contains(k))
            .map(|(k, name)| Link {
                label: name.to_string(),
                url: k.to_string(),
                current: false,
            })
            .collect(),
        topics: ctx
            .prepared
            .search_topics
            .iter()
            .map(|(k, name)| Link {
                label: name.clone(),
                url: k.clone(),
                current: false,
            })
            .collect(),
        categories_url: views::href(site, root, &site.categories_url()),
        plans_url: views::href(site, root, &site.plans_url()),
        units_url: views::href(site, root, &site.units_url()),
        has_units: !site.units.is_empty(),
    })
}
