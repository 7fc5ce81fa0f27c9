//! The page served for a missing address, at any depth: its links start
//! from the site's base path, not from its own place.

use super::{from_site, one, to_value, undated, Family, Frame, Key, RenderContext};
use crate::render::views::articles::Empty;

pub(in crate::render) const NOT_FOUND: Family = Family {
    template: "404.html",
    label: "404",
    in_sitemap: false,
    keys: one,
    url: |_, _| crate::urls::NOT_FOUND.to_string(),
    source: from_site,
    lastmod: undated,
    view,
};

fn view<'a>(ctx: &RenderContext<'a>, _: Key, frame: &mut Frame) -> serde_json::Value {
    frame.meta.title = ctx.s("not_found_title");
    frame.breadcrumbs.clear();
    to_value(&Empty {})
}
