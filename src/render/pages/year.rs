//! One page per year some plan covers: what happens in that year.

use super::{from_site, to_value, undated, Family, Key};
use crate::render::indexes;

pub(in crate::render) const YEAR: Family = Family {
    template: "year.html",
    label: "danh sách kế hoạch",
    in_sitemap: true,
    // `item` is the year itself.
    keys: |site| {
        indexes::plan_years(site)
            .into_iter()
            .filter_map(|year| usize::try_from(year).ok().map(Key::item))
            .collect()
    },
    url: |site, key| site.year_url(year(key)),
    source: from_site,
    lastmod: undated,
    view: |ctx, key, frame| {
        let site = ctx.site;
        frame.meta.title = format!("{} {}", ctx.s("year_title"), year(key));
        frame.meta.description = frame.meta.title.clone();
        frame.crumb(site, ctx.s("plans"), &site.plans_url());
        to_value(&indexes::year_data(site, year(key), &frame.root, ctx.today))
    },
};

/// The year of a year page's key.
fn year(key: Key) -> i32 {
    i32::try_from(key.item).unwrap_or(i32::MAX)
}
