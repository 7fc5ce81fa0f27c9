//! The legal-basis page: which plans implement which higher documents.

use super::{from_site, one_if, to_value, undated, Family};
use crate::render::indexes;

pub(in crate::render) const BASIS: Family = Family {
    template: "basis.html",
    label: "danh sách kế hoạch",
    in_sitemap: true,
    keys: |site| one_if(!site.plans.is_empty()),
    url: |site, _| site.basis_url(),
    source: from_site,
    lastmod: undated,
    view: |ctx, _, frame| {
        let site = ctx.site;
        frame.meta.title = ctx.s("basis_title");
        frame.meta.description = ctx.s("basis_description");
        frame.crumb(site, ctx.s("plans"), &site.plans_url());
        to_value(&indexes::basis_data(site, &frame.root))
    },
};
