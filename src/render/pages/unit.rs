//! The units plans name: one page per unit (its tasks across all plans and
//! its responsibilities), and the list of units by level.

use super::{each, from_site, one_if, to_value, undated, Family, Frame, Key, RenderContext};
use crate::render::indexes;

pub(in crate::render) const UNIT: Family = Family {
    template: "unit.html",
    label: "đơn vị",
    in_sitemap: true,
    keys: |site| each(site.units.len()),
    url: |site, key| site.unit_url(&site.units[key.item]),
    source: from_site,
    lastmod: undated,
    view: |ctx, key, frame| {
        let site = ctx.site;
        let name = &site.units[key.item].name;
        frame.meta.title = name.clone();
        frame.meta.description = format!("{}: {name}", ctx.s("unit_description"));
        frame.crumb(site, ctx.s("units"), &site.units_url());
        to_value(&indexes::unit_data(site, key.item, &frame.root, ctx.today))
    },
};

pub(in crate::render) const UNITS: Family = Family {
    template: "units.html",
    label: "đơn vị",
    in_sitemap: true,
    keys: |site| one_if(!site.units.is_empty()),
    url: |site, _| site.units_url(),
    source: from_site,
    lastmod: undated,
    view: units_view,
};

fn units_view<'a>(ctx: &RenderContext<'a>, _: Key, frame: &mut Frame) -> serde_json::Value {
    frame.meta.title = ctx.s("units");
    frame.meta.description = format!("{}: {}", ctx.s("units"), ctx.site.config.title);
    to_value(&indexes::units_data(ctx.site, &frame.root))
}
