//! The implementation report: per plan, what was published for each task in
//! each year (page and CSV for the periodic report upward), and a site-wide
//! summary of all plans. Pure.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::views::plans::{
    PlanSummary, Published, ReportData, ReportsData, TaskReport, YearReport,
};
use super::views::{self, Link};
use crate::resolve::Site;

/// What was published for task `anchor` of `plan`: its articles and the
/// campaigns that name it, oldest first.
fn publications(site: &Site, plan: usize, anchor: &str, root: &str) -> Vec<Published> {
    let mut out = Vec::new();
    for &a in site
        .task_articles
        .get(&(plan, anchor.to_string()))
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let article = &site.articles[a];
        let path = site.article_url(article);
        out.push(Published {
            kind: "Bài viết",
            title: article.title.clone(),
            url: views::href(site, root, &path),
            path,
            date: article.date.format("%d/%m/%Y").to_string(),
            year: article.date.year(),
            day: article.date.date(),
        });
    }
    let reference = format!("{}#{anchor}", site.plans[plan].slug);
    for c in &site.campaigns {
        if !c.tasks.iter().any(|(r, _)| *r == reference) {
            continue;
        }
        // A campaign that runs all year round counts from its first event;
        // one with neither dates nor events has no day to be reported on
        // (`loa check` says so where it names the task).
        let Some(day) = c
            .dates
            .map(|d| d.start)
            .or_else(|| c.events.first().map(|e| e.date))
        else {
            continue;
        };
        let path = site.campaign_url(c);
        out.push(Published {
            kind: "Chiến dịch",
            title: c.title.clone(),
            url: views::href(site, root, &path),
            path,
            date: day.format("%d/%m/%Y").to_string(),
            year: day.year(),
            day,
        });
    }
    out.sort_by(|a, b| (a.day, &a.title).cmp(&(b.day, &b.title)));
    out
}

/// The report of plan `plan`.
pub fn report(site: &Site, plan: usize, root: &str) -> ReportData {
    let p = &site.plans[plan];
    let plan_href = views::href(site, root, &site.plan_url(p));
    let tasks: Vec<TaskReport> = site
        .tasks
        .iter()
        .filter(|t| t.plan == plan)
        .map(|t| {
            let items = publications(site, plan, &t.anchor, root);
            let mut by_year: BTreeMap<i32, Vec<Published>> = BTreeMap::new();
            for item in &items {
                by_year.entry(item.year).or_default().push(item.clone());
            }
            TaskReport {
                path: t.path.clone(),
                title: crate::text::truncate_words(&t.title, 160),
                url: format!("{plan_href}#{}", t.anchor),
                lead: t.lead_text.clone().unwrap_or_default(),
                count: items.len(),
                years: by_year
                    .into_iter()
                    .rev()
                    .map(|(year, items)| YearReport {
                        year,
                        count: items.len(),
                        items,
                    })
                    .collect(),
            }
        })
        .collect();
    ReportData {
        empty: tasks.iter().filter(|t| t.count == 0).count(),
        plan: Link {
            label: p.title.clone(),
            url: plan_href,
            current: false,
        },
        tasks,
        csv_url: crate::urls::REPORT_CSV.to_string(),
    }
}

/// The report as CSV (UTF-8 with BOM, CRLF): one row per task and
/// publication; a task with nothing published has one row with count 0.
pub fn report_csv(site: &Site, plan: usize) -> Vec<u8> {
    let mut out = String::from("\u{feff}nhiem_vu,noi_dung,don_vi_chu_tri,nam,loai,tieu_de,ngay,lien_ket,so_bai_cua_nhiem_vu\r\n");
    let cell = super::data::csv_cell;
    for t in site.tasks.iter().filter(|t| t.plan == plan) {
        let items = publications(site, plan, &t.anchor, "");
        let head = [
            cell(&t.path),
            cell(&t.title),
            cell(t.lead_text.as_deref().unwrap_or("")),
        ];
        if items.is_empty() {
            out.push_str(&format!("{},,,,,,0\r\n", head.join(",")));
        }
        for item in &items {
            out.push_str(&format!(
                "{},{},{},{},{},{}{},{}\r\n",
                head.join(","),
                item.year,
                item.kind,
                cell(&item.title),
                item.date,
                site.config.base_url,
                item.path,
                items.len()
            ));
        }
    }
    out.into_bytes()
}

/// Every plan at a glance.
pub fn summary(site: &Site, root: &str) -> ReportsData {
    ReportsData {
        plans: (0..site.plans.len())
            .map(|i| {
                let p = &site.plans[i];
                let tasks: Vec<&crate::resolve::plans::TaskRef> =
                    site.tasks.iter().filter(|t| t.plan == i).collect();
                let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
                let mut done = 0;
                for t in &tasks {
                    let items = publications(site, i, &t.anchor, root);
                    if !items.is_empty() {
                        done += 1;
                    }
                    for item in items {
                        *per_year.entry(item.year).or_default() += 1;
                    }
                }
                PlanSummary {
                    plan: Link {
                        label: p.title.clone(),
                        url: views::href(site, root, &site.plan_url(p)),
                        current: false,
                    },
                    report_url: views::href(site, root, &site.report_url(i)),
                    tasks: tasks.len(),
                    done,
                    per_year: per_year.into_iter().collect(),
                }
            })
            .collect(),
    }
}
