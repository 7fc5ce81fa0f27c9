//! A plan's page: its card, who leads, the "who does what, when" table, the
//! timeline, the official document as published, and currency notices.

use super::{each, to_value, undated, Family, Frame, Key, RenderContext};
use crate::model::Role;
use crate::render::views::plans::{PlanData, PlanView};
use crate::render::views::{self, Link};
use crate::render::{documents, plan};

pub(in crate::render) const PLAN: Family = Family {
    template: "plan.html",
    label: "kế hoạch",
    in_sitemap: true,
    keys: |site| each(site.plans.len()),
    url: |site, key| site.plan_url(&site.plans[key.item]),
    source: |site, key| Some(site.plans[key.item].source.as_str()),
    lastmod: undated,
    view,
};

fn view<'a>(ctx: &RenderContext<'a>, key: Key, frame: &mut Frame) -> serde_json::Value {
    let site = ctx.site;
    let i = key.item;
    let root = frame.root.as_str();
    let today = ctx.today;
    let p = &site.plans[i];
    frame.meta.title = p.title.clone();
    let page_href = views::href(site, root, &frame.url);
    let card = plan::card(site, i, root, today);
    let tasks = plan::task_rows(site, i, root, today, &page_href);
    let mut lead_units: Vec<Link> = Vec::new();
    for t in site.tasks.iter().filter(|t| t.plan == i) {
        for &u in &t.lead {
            let unit = &site.units[u];
            if !lead_units.iter().any(|l| l.label == unit.name) {
                lead_units.push(Link {
                    label: unit.name.clone(),
                    url: views::href(site, root, &site.unit_url(unit)),
                    current: false,
                });
            }
        }
    }
    let first_of = |role| {
        plan::find_role(&p.body, role).and_then(|b| {
            plan::all_text(b)
                .into_iter()
                .find(|t| !t.ends_with(':') && t.split_whitespace().count() > 4)
        })
    };
    let summary = p
        .summary
        .clone()
        .or_else(|| first_of(Role::Purposes))
        .or_else(|| first_of(Role::Objectives))
        .unwrap_or_else(|| p.title.clone());
    let audience = if p.audience.is_empty() {
        plan::find_role(&p.body, Role::TargetGroups)
            .map(|b| b.text.clone())
            .unwrap_or_default()
    } else {
        p.audience.clone()
    };
    let plan_href = |slug: &crate::model::Slug| {
        site.plans
            .iter()
            .find(|q| &q.slug == slug)
            .map(|q| views::href(site, root, &site.plan_url(q)))
    };
    let view = PlanView {
        card,
        summary,
        audience,
        lead_units,
        tasks,
        timeline: crate::render::timeline::timeline(site, i, today, root),
        document: plan::official_html(p, &plan_href, &|anchor| {
            plan::published(site, i, anchor, root)
        }),
        report_url: views::href(site, root, &site.report_url(i)),
        notices: documents::notices(site, crate::resolve::documents::Citer::Plan(i), root, today),
        data_url: format!("{root}{}", site.plan_data_url(p)),
    };
    frame.meta.description = view.summary.clone();
    frame.crumb(site, ctx.s("plans"), &site.plans_url());
    to_value(&PlanData { plan: view })
}
