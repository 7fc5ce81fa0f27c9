//! The list of plans: all of them, and grouped by topic, year and level.

use chrono::Datelike;

use super::{from_site, one, to_value, undated, Family, Frame, Key, RenderContext};
use crate::render::plan;
use crate::render::views;
use crate::render::views::plans::{PlanCard, PlanGroup, PlansData};

pub(in crate::render) const PLANS: Family = Family {
    template: "plans.html",
    label: "danh sách kế hoạch",
    in_sitemap: true,
    keys: one,
    url: |site, _| site.plans_url(),
    source: from_site,
    lastmod: undated,
    view,
};

fn view<'a>(ctx: &RenderContext<'a>, _: Key, frame: &mut Frame) -> serde_json::Value {
    let site = ctx.site;
    let today = ctx.today;
    let root = frame.root.as_str();
    frame.meta.title = ctx.s("plans");
    frame.meta.description = format!("{}: {}", ctx.s("plans"), site.config.title);
    let cards = |filter: &dyn Fn(usize) -> bool| -> Vec<PlanCard> {
        (0..site.plans.len())
            .filter(|&i| filter(i))
            .map(|i| plan::card(site, i, root, today))
            .collect()
    };
    let mut topics: Vec<String> = site
        .plans
        .iter()
        .flat_map(|p| p.topics.iter().cloned())
        .collect();
    topics.sort();
    topics.dedup();
    let by_topic = topics
        .into_iter()
        .map(|t| PlanGroup {
            name: site.topic_name(&t),
            plans: cards(&|i| site.plans[i].topics.contains(&t)),
            id: format!("chu-de-{t}"),
            url: None,
        })
        .collect();
    let years_of = |i: usize| -> Vec<i32> {
        let p = &site.plans[i];
        let Some(period) = &p.period else {
            return Vec::new();
        };
        let (Some(a), Some(b)) = (period.start(), period.end()) else {
            return Vec::new();
        };
        let last = if period.open_ended {
            b.year().max(today.year())
        } else {
            b.year()
        };
        (a.year()..=last).collect()
    };
    let mut years: Vec<i32> = (0..site.plans.len()).flat_map(years_of).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let by_year = years
        .into_iter()
        .map(|y| PlanGroup {
            name: format!("Năm {y}"),
            plans: cards(&|i| years_of(i).contains(&y)),
            id: format!("nam-{y}"),
            url: Some(views::href(site, root, &site.year_url(y))),
        })
        .collect();
    let by_level = crate::model::Level::ALL
        .into_iter()
        .filter(|l| site.plans.iter().any(|p| p.issuer.level == *l))
        .map(|l| PlanGroup {
            name: l.label().to_string(),
            plans: cards(&|i| site.plans[i].issuer.level == l),
            id: format!("cap-{}", l.key()),
            url: None,
        })
        .collect();
    to_value(&PlansData {
        basis_url: views::href(site, root, &site.basis_url()),
        units_url: (!site.units.is_empty()).then(|| views::href(site, root, &site.units_url())),
        reports_url: views::href(site, root, &site.reports_url()),
        documents_url: (!site.legal_docs.is_empty())
            .then(|| views::href(site, root, &site.legal_docs_url())),
        plans: cards(&|_| true),
        by_topic,
        by_year,
        by_level,
    })
}
