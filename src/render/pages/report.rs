//! Implementation reports: one per plan (what was published for each
//! task), and the summary of all plans.

use super::{each, from_site, one_if, to_value, undated, Family};
use crate::render::report;

pub(in crate::render) const REPORT: Family = Family {
    template: "report.html",
    label: "báo cáo",
    in_sitemap: true,
    keys: |site| each(site.plans.len()),
    url: |site, key| site.report_url(key.item),
    source: |site, key| Some(site.plans[key.item].source.as_str()),
    lastmod: undated,
    view: |ctx, key, frame| {
        let site = ctx.site;
        let p = &site.plans[key.item];
        frame.meta.title = format!("{}: {}", ctx.s("report_title"), p.title);
        frame.meta.description = frame.meta.title.clone();
        frame.crumb(site, ctx.s("plans"), &site.plans_url());
        frame.crumb(site, p.title.clone(), &site.plan_url(p));
        to_value(&report::report(site, key.item, &frame.root))
    },
};

pub(in crate::render) const REPORTS: Family = Family {
    template: "reports.html",
    label: "báo cáo",
    in_sitemap: true,
    keys: |site| one_if(!site.plans.is_empty()),
    url: |site, _| site.reports_url(),
    source: from_site,
    lastmod: undated,
    view: |ctx, _, frame| {
        let site = ctx.site;
        frame.meta.title = ctx.s("reports_title");
        frame.meta.description = frame.meta.title.clone();
        frame.crumb(site, ctx.s("plans"), &site.plans_url());
        to_value(&report::summary(site, &frame.root))
    },
};
