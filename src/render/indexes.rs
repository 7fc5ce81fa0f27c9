//! The plan indexes: one page per unit (its tasks across all plans, active
//! first, and its responsibilities), the unit list, one page per year
//! ("what happens in 2026"), and the legal-basis page (which plans
//! implement which higher documents). Pure.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::plan::{self, status};
use super::views::plans::Status;
use super::views::plans::{
    BasisData, DocumentView, PlanTasks, ResponsibilityView, UnitData, UnitEntry, UnitGroup,
    UnitView, UnitsData, YearData,
};
use super::views::{self, Link};
use crate::model::Level;
use crate::resolve::plans::TaskRef;
use crate::resolve::Site;

/// Every year some plan covers, newest first.
pub fn plan_years(site: &Site) -> Vec<i32> {
    site.plan_years.clone()
}

/// Whether task `t` has work in `year`.
fn in_year(t: &TaskRef, year: i32) -> bool {
    let Some(p) = &t.period else { return false };
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return false;
    };
    let last_span = p.spans.len().saturating_sub(1);
    p.spans.iter().enumerate().any(|(i, s)| {
        let open = p.open_ended && i == last_span;
        s.start <= last && (open || s.end >= first)
    })
}

/// Active tasks first, then upcoming, unknown, ended.
fn status_rank(s: Status) -> u8 {
    match s {
        Status::Active => 0,
        Status::Upcoming => 1,
        Status::Unknown => 2,
        Status::Ended => 3,
    }
}

fn plan_link(site: &Site, index: usize, root: &str) -> Link {
    let p = &site.plans[index];
    Link {
        label: p.title.clone(),
        url: views::href(site, root, &site.plan_url(p)),
        current: false,
    }
}

/// Tasks grouped by plan, plans in site order, groups with active work first.
fn group_tasks(site: &Site, tasks: &[&TaskRef], root: &str, today: NaiveDate) -> Vec<PlanTasks> {
    let mut by_plan: BTreeMap<usize, Vec<&TaskRef>> = BTreeMap::new();
    for t in tasks {
        by_plan.entry(t.plan).or_default().push(t);
    }
    let mut groups: Vec<PlanTasks> = by_plan
        .into_iter()
        .map(|(p, mut ts)| {
            ts.sort_by_key(|t| status_rank(super::plan::task_status(site, t, today)));
            let plan_link = plan_link(site, p, root);
            let st = status(site.plans[p].period.as_ref(), today);
            PlanTasks {
                tasks: ts
                    .iter()
                    .map(|t| plan::task_row(site, t, root, today, &plan_link.url))
                    .collect(),
                plan: plan_link,
                status_label: st.label(),
                status: st,
            }
        })
        .collect();
    groups.sort_by_key(|g| status_rank(g.status));
    groups
}

pub fn unit_data(site: &Site, u: usize, root: &str, today: NaiveDate) -> UnitData {
    let unit = &site.units[u];
    let leads: Vec<&TaskRef> = site.tasks.iter().filter(|t| t.lead.contains(&u)).collect();
    let partners: Vec<&TaskRef> = site
        .tasks
        .iter()
        .filter(|t| t.partners.contains(&u) && !t.lead.contains(&u))
        .collect();
    let responsibilities = site
        .responsibilities
        .iter()
        .filter(|r| r.unit == u)
        .map(|r| {
            let plan_link = plan_link(site, r.plan, root);
            let text = find_block(&site.plans[r.plan].body, &r.anchor)
                .map(|b| plan::all_text(b).join(" "))
                .unwrap_or_default();
            ResponsibilityView {
                url: format!("{}#{}", plan_link.url, r.anchor),
                plan: plan_link,
                text: crate::text::truncate_words(&text, 400),
            }
        })
        .collect();
    UnitData {
        unit: UnitView {
            id: unit.id.to_string(),
            name: unit.name.clone(),
            name_en: unit.name_en.clone(),
            aliases: unit.aliases.clone(),
            level: unit.level.label(),
            description: unit.description.clone(),
        },
        leads: group_tasks(site, &leads, root, today),
        partners: group_tasks(site, &partners, root, today),
        responsibilities,
    }
}

pub fn units_data(site: &Site, root: &str) -> UnitsData {
    let levels = Level::ALL
        .into_iter()
        .filter_map(|level| {
            let mut units: Vec<UnitEntry> = site
                .units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.level == level)
                .map(|(i, u)| UnitEntry {
                    name: u.name.clone(),
                    url: views::href(site, root, &site.unit_url(u)),
                    tasks: site
                        .tasks
                        .iter()
                        .filter(|t| t.lead.contains(&i) || t.partners.contains(&i))
                        .count(),
                })
                .collect();
            units.sort_by(|a, b| a.name.cmp(&b.name));
            (!units.is_empty()).then_some(UnitGroup {
                name: level.label(),
                units,
            })
        })
        .collect();
    UnitsData { levels }
}

pub fn year_data(site: &Site, year: i32, root: &str, today: NaiveDate) -> YearData {
    let tasks: Vec<&TaskRef> = site.tasks.iter().filter(|t| in_year(t, year)).collect();
    YearData {
        year,
        plans: group_tasks(site, &tasks, root, today),
        years: plan_years(site)
            .into_iter()
            .map(|y| Link {
                label: y.to_string(),
                url: views::href(site, root, &site.year_url(y)),
                current: y == year,
            })
            .collect(),
    }
}

pub fn basis_data(site: &Site, root: &str) -> BasisData {
    let key = |kind: &str, number: &Option<String>| {
        format!("{}-{}", kind, number.as_deref().unwrap_or(""))
    };
    let mut docs: BTreeMap<String, DocumentView> = BTreeMap::new();
    for (i, plan) in site.plans.iter().enumerate() {
        for basis in &plan.basis {
            for d in &basis.documents {
                let k = key(&d.kind, &d.number);
                let entry = docs.entry(k.clone()).or_insert_with(|| DocumentView {
                    id: format!("vb-{}", crate::text::slugify(&k)),
                    kind: d.kind.clone(),
                    number: d.number.clone(),
                    date: d.date.map(plan::plain_date),
                    issuer: d.issuer.clone(),
                    title: d.title.clone(),
                    page: d.plan.as_ref().and_then(|slug| {
                        site.plans
                            .iter()
                            .find(|p| &p.slug == slug)
                            .map(|p| views::href(site, root, &site.plan_url(p)))
                    }),
                    implements: None,
                    implemented_by: Vec::new(),
                    plans: Vec::new(),
                    registry: d
                        .number
                        .as_deref()
                        .and_then(|n| crate::resolve::documents::find(&site.legal_docs, n))
                        .map(|j| views::href(site, root, &site.legal_doc_url(&site.legal_docs[j]))),
                });
                let link = plan_link(site, i, root);
                if !entry.plans.iter().any(|l| l.url == link.url) {
                    entry.plans.push(link);
                }
                if let Some(higher) = &d.implements {
                    entry.implements = Some(Link {
                        label: higher.clone(),
                        url: String::new(),
                        current: false,
                    });
                }
            }
        }
    }
    // Link each "implements" to its document on this page, both ways.
    let by_number: BTreeMap<String, (String, String)> = docs
        .values()
        .filter_map(|d| {
            d.number.clone().map(|n| {
                (
                    n,
                    (
                        d.id.clone(),
                        format!("{} số {}", d.kind, d.number.as_deref().unwrap_or("")),
                    ),
                )
            })
        })
        .collect();
    let mut implemented: Vec<(String, Link)> = Vec::new();
    for d in docs.values_mut() {
        if let Some(link) = &mut d.implements {
            if let Some((id, _)) = by_number.get(&link.label) {
                link.url = format!("#{id}");
                let number = d.number.clone().unwrap_or_default();
                implemented.push((
                    link.label.clone(),
                    Link {
                        label: format!("{} số {number}", d.kind),
                        url: format!("#{}", d.id),
                        current: false,
                    },
                ));
            }
        }
    }
    for (higher, link) in implemented {
        if let Some(d) = docs
            .values_mut()
            .find(|d| d.number.as_deref() == Some(higher.as_str()))
        {
            d.implemented_by.push(link);
        }
    }
    let mut documents: Vec<DocumentView> = docs.into_values().collect();
    // Higher documents (those nothing here implements) first, then by number.
    documents.sort_by(|a, b| {
        a.implements
            .is_some()
            .cmp(&b.implements.is_some())
            .then(a.id.cmp(&b.id))
    });
    BasisData { documents }
}

fn find_block<'b>(
    blocks: &'b [crate::model::Block],
    anchor: &str,
) -> Option<&'b crate::model::Block> {
    blocks.iter().find_map(|b| {
        if b.anchor == anchor {
            Some(b)
        } else {
            find_block(&b.items, anchor)
        }
    })
}
