//! Plan pages: the citizen summary, the who-does-what-when table, and the
//! full official document laid out as Nghị định 30/2020/NĐ-CP prescribes
//! (the timeline is `timeline.rs`). Pure.

use chrono::NaiveDate;

use super::feed::esc;
use super::views::plans::{PlanCard, Status, TaskRow};
use super::views::{self, Link};
use crate::model::{Block, Level, PartialDate, Period, Plan, Recurrence, Role, TaskLine};
use crate::resolve::plans::TaskRef;
use crate::resolve::Site;

/// The status of work with `period` on `today`.
pub fn status(period: Option<&Period>, today: NaiveDate) -> Status {
    let Some(p) = period else {
        return Status::Unknown;
    };
    let (Some(start), Some(end)) = (p.start(), p.end()) else {
        return Status::Unknown;
    };
    if today < start {
        Status::Upcoming
    } else if today > end && !p.open_ended {
        Status::Ended
    } else {
        Status::Active
    }
}

/// The status of a task: its own, except that work with no end of its own
/// ("thường xuyên", "và những năm tiếp theo") ends with its plan. A task
/// whose dates run past the plan's end keeps its own status.
pub fn task_status(site: &Site, t: &TaskRef, today: NaiveDate) -> Status {
    let own = status(t.period.as_ref(), today);
    let plan = site.plans[t.plan].period.as_ref();
    if own != Status::Active || status(plan, today) != Status::Ended {
        return own;
    }
    let runs_past = match (t.period.as_ref(), plan.and_then(Period::end)) {
        (Some(p), Some(plan_end)) => !p.open_ended && p.end().is_some_and(|e| e > plan_end),
        _ => false,
    };
    if runs_past {
        own
    } else {
        Status::Ended
    }
}

/// "Từ 01/04/2026 đến 31/12/2030", "Từ 01/01/2018, không thời hạn", with
/// "hằng năm" and the like added.
pub fn period_text(p: &Period) -> String {
    if p.conditional {
        return "Khi có điều kiện nêu trong kế hoạch".to_string();
    }
    let fmt = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let mut parts: Vec<String> = p
        .spans
        .iter()
        .map(|s| {
            if s.start == s.end {
                fmt(s.start)
            } else {
                format!("{} – {}", fmt(s.start), fmt(s.end))
            }
        })
        .collect();
    if p.open_ended {
        parts.push("và những năm tiếp theo".to_string());
    }
    let recurrence = p.recurrence.map(|r| match r {
        Recurrence::Monthly => "hằng tháng",
        Recurrence::Quarterly => "hằng quý",
        Recurrence::Yearly => "hằng năm",
        Recurrence::Continuous => "thường xuyên",
    });
    match (parts.is_empty(), recurrence) {
        (true, Some(r)) => capitalize(r),
        (true, None) => String::new(),
        (false, Some(r)) => format!("{} ({r})", parts.join(", ")),
        (false, None) => parts.join(", "),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "Số: 73/KH-UBND", or "Số:      /KH-UBND" when the number is blank.
pub fn number_text(plan: &Plan) -> Option<String> {
    plan.number.as_ref().map(|n| match &n.no {
        Some(no) => format!("Số: {no}/{}", n.symbol),
        None => format!("Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/{}", n.symbol),
    })
}

/// "Tân Châu, ngày 12 tháng 4 năm 2022" as NĐ 30/2020 writes it: days below
/// 10 and months 1–2 take a leading zero; a blank day or month stays blank.
pub fn place_date(plan: &Plan) -> Option<String> {
    let date = plan.issued.map(official_date)?;
    Some(match &plan.place {
        Some(place) => format!("{place}, {date}"),
        None => date,
    })
}

/// "ngày 05 tháng 01 năm 2026"; blanks kept blank.
pub fn official_date(d: PartialDate) -> String {
    let blank = "\u{a0}\u{a0}\u{a0}\u{a0}";
    let day = d.day.map_or(blank.to_string(), |day| format!("{day:02}"));
    let month = d.month.map_or(blank.to_string(), |m| {
        if m <= 2 {
            format!("{m:02}")
        } else {
            m.to_string()
        }
    });
    format!("ngày {day} tháng {month} năm {}", d.year)
}

/// "tháng 4 năm 2026", for plain text.
pub fn plain_date(d: PartialDate) -> String {
    match (d.day, d.month) {
        (Some(day), Some(m)) => format!("ngày {day} tháng {m} năm {}", d.year),
        (None, Some(m)) => format!("tháng {m} năm {}", d.year),
        _ => format!("năm {}", d.year),
    }
}

/// A card for `plan`, with links relative to `root`.
pub fn card(site: &Site, index: usize, root: &str, today: NaiveDate) -> PlanCard {
    let plan = &site.plans[index];
    let st = status(plan.period.as_ref(), today);
    PlanCard {
        title: plan.title.clone(),
        url: views::href(site, root, &site.plan_url(plan)),
        number: number_text(plan),
        issuer: plan.issuer.name.clone(),
        level: plan.issuer.level.label(),
        issued: plan.issued.map(plain_date),
        status: st,
        status_label: st.label(),
        period: plan_period_text(plan),
        topics: plan.topics.iter().map(|t| site.topic_name(t)).collect(),
        task_count: site.tasks.iter().filter(|t| t.plan == index).count(),
    }
}

/// The plan's duration as written, or its period in words.
pub fn plan_period_text(plan: &Plan) -> String {
    plan.duration
        .clone()
        .or_else(|| plan.period.as_ref().map(period_text))
        .unwrap_or_else(|| "Chưa rõ".to_string())
        .trim_end_matches('.')
        .to_string()
}

/// The rows for the tasks of plan `index`.
pub fn task_rows(
    site: &Site,
    index: usize,
    root: &str,
    today: NaiveDate,
    page_url: &str,
) -> Vec<TaskRow> {
    site.tasks
        .iter()
        .filter(|t| t.plan == index)
        .map(|t| task_row(site, t, root, today, page_url))
        .collect()
}

/// One task as a row; `page_url` is the plan page's `href` from `root`.
pub fn task_row(site: &Site, t: &TaskRef, root: &str, today: NaiveDate, page_url: &str) -> TaskRow {
    let st = task_status(site, t, today);
    TaskRow {
        path: t.path.clone(),
        title: crate::text::truncate_words(&t.title, 160),
        url: format!("{page_url}#{}", t.anchor),
        anchor: t.anchor.clone(),
        lead: t
            .lead_text
            .clone()
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_string(),
        lead_units: t
            .lead
            .iter()
            .map(|&u| Link {
                label: site.units[u].name.clone(),
                url: views::href(site, root, &site.unit_url(&site.units[u])),
                current: false,
            })
            .collect(),
        partners: t
            .partners_text
            .clone()
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_string(),
        timeframe: t
            .timeframe
            .clone()
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_string(),
        period: t.period.as_ref().map(period_text).unwrap_or_default(),
        status_label: st.label(),
        status: st,
        articles: published(site, t.plan, &t.anchor, root),
    }
}

/// A link to the task named `plan-slug#anchor` on its plan page, labelled
/// "II.1.a) Task text – Plan title".
pub fn task_link(site: &Site, reference: &str, root: &str) -> Option<Link> {
    let t = site.find_task(reference)?;
    let plan = &site.plans[t.plan];
    Some(Link {
        label: format!(
            "{} {} – {}",
            t.path,
            crate::text::truncate_words(&t.title, 100),
            plan.title
        ),
        url: format!(
            "{}#{}",
            views::href(site, root, &site.plan_url(plan)),
            t.anchor
        ),
        current: false,
    })
}

/// Links to the articles that implement task `anchor` of plan `plan`.
pub fn published(site: &Site, plan: usize, anchor: &str, root: &str) -> Vec<Link> {
    site.task_articles
        .get(&(plan, anchor.to_string()))
        .map(|articles| {
            articles
                .iter()
                .map(|&a| Link {
                    label: site.articles[a].title.clone(),
                    url: views::href(site, root, &site.article_url(&site.articles[a])),
                    current: false,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The first block with `role`, depth first.
pub fn find_role(blocks: &[Block], role: Role) -> Option<&Block> {
    blocks.iter().find_map(|b| {
        if b.role == Some(role) {
            Some(b)
        } else {
            find_role(&b.items, role)
        }
    })
}

/// Every paragraph of a block and its descendants, in order; a heading
/// without final punctuation is followed by a colon, as it reads.
pub fn all_text(block: &Block) -> Vec<String> {
    let mut out: Vec<String> = block
        .title
        .iter()
        .map(|t| {
            if t.ends_with(['.', ':', ';']) || (block.text.is_empty() && block.items.is_empty()) {
                t.clone()
            } else {
                format!("{t}:")
            }
        })
        .collect();
    out.extend(block.text.iter().cloned());
    for item in &block.items {
        out.extend(all_text(item));
    }
    out
}

/// The level label of a plan's issuer.
pub fn level_label(level: Level) -> &'static str {
    level.label()
}

// --- The official document --------------------------------------------------

/// The whole plan as the paper lays it out. `plan_href` makes basis links to
/// other plans on this site; `published` gives the articles published for a
/// task (by anchor), shown under it (on screen only).
pub fn official_html(
    plan: &Plan,
    plan_href: &dyn Fn(&crate::model::Slug) -> Option<String>,
    published: &dyn Fn(&str) -> Vec<Link>,
) -> String {
    let mut h = String::with_capacity(16 * 1024);
    h.push_str("<div class=\"doc-header\"><div class=\"doc-issuer\">");
    if let Some(parent) = &plan.issuer.parent {
        h.push_str(&format!(
            "<p class=\"doc-parent\">{}</p>",
            esc(&parent.to_uppercase())
        ));
    }
    h.push_str(&format!(
        "<p class=\"doc-body\">{}</p>",
        esc(&plan.issuer.name.to_uppercase())
    ));
    if let Some(n) = number_text(plan) {
        h.push_str(&format!("<p class=\"doc-number\">{}</p>", esc(&n)));
    }
    h.push_str("</div><div class=\"doc-motto\"><p class=\"doc-nation\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p class=\"doc-independence\">Độc lập - Tự do - Hạnh phúc</p>");
    if let Some(pd) = place_date(plan) {
        h.push_str(&format!("<p class=\"doc-date\">{}</p>", esc(&pd)));
    }
    h.push_str("</div></div>");
    h.push_str("<p class=\"doc-kind\">KẾ HOẠCH</p>");
    h.push_str(&format!("<p class=\"doc-title\">{}</p>", esc(&plan.title)));
    for basis in &plan.basis {
        let mut line = esc(&basis.text);
        for doc in &basis.documents {
            if let (Some(slug), Some(number)) = (&doc.plan, &doc.number) {
                if let Some(url) = plan_href(slug) {
                    let escaped = esc(number);
                    if let Some(i) = line.find(&escaped) {
                        line.replace_range(
                            i..i + escaped.len(),
                            &format!("<a href=\"{}\">{escaped}</a>", esc(&url)),
                        );
                    }
                }
            }
        }
        h.push_str(&format!("<p class=\"doc-basis\">{line}</p>"));
    }
    for p in &plan.preamble {
        h.push_str(&format!("<p class=\"doc-preamble\">{}</p>", esc(p)));
    }
    for block in &plan.body {
        block_html(&mut h, block, 0, published);
    }
    for p in &plan.closing {
        h.push_str(&format!("<p class=\"doc-closing\">{}</p>", esc(p)));
    }
    h.push_str("<div class=\"doc-footer\"><div class=\"doc-recipients\">");
    if !plan.recipients.is_empty() {
        h.push_str("<p class=\"doc-recipients-title\">Nơi nhận:</p><ul>");
        for r in &plan.recipients {
            h.push_str(&format!("<li>- {}</li>", esc(r)));
        }
        h.push_str("</ul>");
    }
    h.push_str("</div><div class=\"doc-signature\">");
    for a in &plan.signature.authority {
        h.push_str(&format!("<p class=\"doc-authority\">{}</p>", esc(a)));
    }
    if let Some(t) = &plan.signature.title {
        h.push_str(&format!("<p class=\"doc-signer-title\">{}</p>", esc(t)));
    }
    if let Some(n) = &plan.signature.name {
        h.push_str(&format!("<p class=\"doc-signer\">{}</p>", esc(n)));
    }
    h.push_str("</div></div>");
    h
}

fn block_html(h: &mut String, b: &Block, depth: usize, published: &dyn Fn(&str) -> Vec<Link>) {
    let number = b
        .number
        .as_deref()
        .map(|n| format!("<span class=\"num\">{}</span> ", esc(n)))
        .unwrap_or_default();
    let bullet = b.number.as_deref().is_some_and(|n| matches!(n, "-" | "+"));
    let id = esc(&b.anchor);
    match (&b.title, depth) {
        (Some(title), 0) => h.push_str(&format!(
            "<h3 class=\"doc-section\" id=\"{id}\">{number}{}</h3>",
            esc(title)
        )),
        (Some(title), 1) => h.push_str(&format!(
            "<h4 class=\"doc-heading\" id=\"{id}\">{number}{}</h4>",
            esc(title)
        )),
        (Some(title), 2) if !bullet => h.push_str(&format!(
            "<h5 class=\"doc-heading\" id=\"{id}\">{number}{}</h5>",
            esc(title)
        )),
        (Some(title), _) => h.push_str(&format!(
            "<p class=\"doc-item doc-strong\" id=\"{id}\">{number}{}</p>",
            esc(title)
        )),
        (None, _) => {}
    }
    let mut paragraphs = b.text.iter();
    if b.title.is_none() {
        let first = paragraphs.next().map(|t| esc(t)).unwrap_or_default();
        let class = if bullet {
            "doc-item doc-bullet"
        } else {
            "doc-item"
        };
        h.push_str(&format!(
            "<p class=\"{class}\" id=\"{id}\">{number}{first}</p>"
        ));
    }
    for p in paragraphs {
        h.push_str(&format!("<p class=\"doc-text\">{}</p>", esc(p)));
    }
    // The labelled lines and the sub-items, in the order the plan writes
    // them; sub-items not placed among the lines come last.
    let t = &b.task;
    let labels = &b.labels;
    let mut items_shown = false;
    for line in &t.order {
        match line {
            TaskLine::Approach if !t.approach.is_empty() => {
                field(h, &labels.approach, &t.approach.join(" "))
            }
            TaskLine::Lead if !t.lead_in_text => {
                if let Some(lead) = &t.lead {
                    field(h, &labels.lead, lead);
                }
            }
            TaskLine::Partners if !t.partners_in_text => {
                if let Some(partners) = &t.partners {
                    field(h, &labels.partners, partners);
                }
            }
            TaskLine::Timeframe => {
                if let Some(tf) = &t.timeframe {
                    field(h, &labels.timeframe, &tf.text);
                }
            }
            TaskLine::Outputs => field_lines(h, &labels.outputs, &t.outputs),
            TaskLine::Funding => field_lines(h, &labels.funding, &t.funding),
            TaskLine::Items if !items_shown => {
                published_html(h, b, published);
                for item in &b.items {
                    block_html(h, item, depth + 1, published);
                }
                items_shown = true;
            }
            _ => {}
        }
    }
    if !items_shown {
        published_html(h, b, published);
        for item in &b.items {
            block_html(h, item, depth + 1, published);
        }
    }
}

/// Not part of the paper: what the commune has published for this task.
fn published_html(h: &mut String, b: &Block, published: &dyn Fn(&str) -> Vec<Link>) {
    let articles = published(&b.anchor);
    if !articles.is_empty() {
        h.push_str("<p class=\"doc-published\">Bài viết thực hiện nhiệm vụ này: ");
        let links: Vec<String> = articles
            .iter()
            .map(|l| format!("<a href=\"{}\">{}</a>", esc(&l.url), esc(&l.label)))
            .collect();
        h.push_str(&links.join("; "));
        h.push_str("</p>");
    }
}

/// A labelled line with one value, or the label and its values as "+" lines.
fn field_lines(h: &mut String, label: &str, values: &[String]) {
    match values {
        [] => {}
        [one] => field(h, label, one),
        many => {
            h.push_str(&format!(
                "<p class=\"doc-field\">- <span class=\"label\">{}:</span></p>",
                esc(label)
            ));
            for o in many {
                h.push_str(&format!("<p class=\"doc-field doc-sub\">+ {}</p>", esc(o)));
            }
        }
    }
}

fn field(h: &mut String, label: &str, value: &str) {
    h.push_str(&format!(
        "<p class=\"doc-field\">- <span class=\"label\">{}:</span> {}</p>",
        esc(label),
        esc(value)
    ));
}

// --- The timeline -----------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn period(a: &str, b: &str) -> Period {
        Period {
            spans: vec![Span {
                start: d(a),
                end: d(b),
            }],
            ..Period::default()
        }
    }

    #[test]
    fn status_follows_today() {
        let p = period("2026-04-01", "2030-12-31");
        assert_eq!(status(Some(&p), d("2026-03-31")), Status::Upcoming);
        assert_eq!(status(Some(&p), d("2026-11-22")), Status::Active);
        assert_eq!(status(Some(&p), d("2031-01-01")), Status::Ended);
        let open = Period {
            open_ended: true,
            ..period("2018-01-01", "2018-12-31")
        };
        assert_eq!(status(Some(&open), d("2026-11-22")), Status::Active);
        assert_eq!(status(None, d("2026-11-22")), Status::Unknown);
    }

    #[test]
    fn official_dates_take_leading_zeros_and_blanks() {
        let date = |y, m, day| PartialDate {
            year: y,
            month: m,
            day,
        };
        assert_eq!(
            official_date(date(2022, Some(4), Some(12))),
            "ngày 12 tháng 4 năm 2022"
        );
        assert_eq!(
            official_date(date(2026, Some(1), Some(5))),
            "ngày 05 tháng 01 năm 2026"
        );
        assert_eq!(
            official_date(date(2026, Some(4), None)),
            "ngày \u{a0}\u{a0}\u{a0}\u{a0} tháng 4 năm 2026"
        );
    }

    #[test]
    fn period_in_words() {
        assert_eq!(
            period_text(&period("2026-04-01", "2030-12-31")),
            "01/04/2026 – 31/12/2030"
        );
        let yearly = Period {
            recurrence: Some(Recurrence::Yearly),
            ..period("2026-01-01", "2026-12-31")
        };
        assert_eq!(period_text(&yearly), "01/01/2026 – 31/12/2026 (hằng năm)");
        let cond = Period {
            conditional: true,
            ..Period::default()
        };
        assert_eq!(period_text(&cond), "Khi có điều kiện nêu trong kế hoạch");
    }
}
