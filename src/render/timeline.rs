//! A plan's timeline, drawn as SVG at build time in two layouts: wide (a
//! column of task numbers beside the bars) and narrow, for phones (each
//! task's number and title above its bar, text 14 units in a 360-unit
//! drawing, so never under 11 px down to a 320-px screen). The stylesheet
//! shows one. Tasks that run the plan's whole span are one "Cả kế hoạch"
//! row, named in a sentence beside the drawing, instead of one more
//! full-width bar each; open-ended work ends at the axis with an arrow
//! instead of stretching it; "hôm nay" is written under the rows, clear of
//! the years. Pure.

use chrono::{Datelike, NaiveDate};

use super::feed::esc;
use super::plan::{period_text, task_status};
use super::views::plans::{Status, TimelineView, WholeSpan};
use super::views::Link;
use crate::model::{Period, Span};
use crate::resolve::plans::TaskRef;
use crate::resolve::Site;

/// How a timeline is laid out, in SVG units.
struct Layout {
    /// Tells the two drawings' ids apart.
    name: &'static str,
    width: f64,
    /// The task-number column (wide), or none: the label above the bar.
    label_w: f64,
    row_h: f64,
    /// Where the bar starts within its row.
    bar_y: f64,
    font: f64,
    /// The label holds the task's title too, cut to this many characters.
    title_chars: usize,
}

const WIDE: Layout = Layout {
    name: "rong",
    width: 744.0,
    label_w: 100.0,
    row_h: 26.0,
    bar_y: 6.0,
    font: 14.0,
    title_chars: 0,
};

const NARROW: Layout = Layout {
    name: "hep",
    width: 360.0,
    label_w: 0.0,
    row_h: 44.0,
    bar_y: 22.0,
    font: 14.0,
    title_chars: 42,
};

/// Height of a bar, and of the band of years above the rows.
const BAR_H: f64 = 14.0;
const TOP: f64 = 30.0;

/// One row of the drawing.
struct Row<'a> {
    label: String,
    title: &'a str,
    period: Option<&'a Period>,
    class: &'static str,
}

/// The days the axis runs over: from the first start to the last end of
/// closed work (open-ended work counts by its start, so it does not
/// stretch the axis).
fn axis(rows: &[Row]) -> Option<(NaiveDate, NaiveDate)> {
    let spans = || {
        rows.iter()
            .filter_map(|r| r.period)
            .filter(|p| !p.conditional)
            .flat_map(|p| p.spans.iter())
    };
    let first = spans().map(|s| s.start).min()?;
    let last = rows
        .iter()
        .filter_map(|r| r.period)
        .filter(|p| !p.conditional)
        .flat_map(|p| {
            let last = p.spans.len().saturating_sub(1);
            p.spans.iter().enumerate().map(move |(i, s)| {
                if p.open_ended && i == last {
                    s.start
                } else {
                    s.end
                }
            })
        })
        .max()?;
    Some((first, last.max(first)))
}

/// The timeline of plan `index`, or `None` when no task has dates.
pub fn timeline(site: &Site, index: usize, today: NaiveDate, root: &str) -> Option<TimelineView> {
    let tasks: Vec<&TaskRef> = site.tasks.iter().filter(|t| t.plan == index).collect();
    if !tasks
        .iter()
        .any(|t| t.period.as_ref().is_some_and(|p| !p.spans.is_empty()))
    {
        return None;
    }
    let plan_period = site.plans[index].period.as_ref();
    let plan_span = plan_period
        .filter(|p| !p.open_ended && p.recurrence.is_none() && !p.conditional)
        .and_then(|p| {
            Some(Span {
                start: p.start()?,
                end: p.end()?,
            })
        });
    let runs_whole_plan = |t: &TaskRef| {
        let Some(p) = &t.period else { return false };
        plan_span.is_some_and(|whole| {
            p.spans == [whole] && !p.open_ended && p.recurrence.is_none() && !p.conditional
        })
    };
    let whole: Vec<&TaskRef> = tasks
        .iter()
        .copied()
        .filter(|t| runs_whole_plan(t))
        .collect();
    let mut rows = Vec::new();
    if !whole.is_empty() {
        rows.push(Row {
            label: "Cả kế hoạch".to_string(),
            title: "Cả thời gian của kế hoạch",
            period: plan_period,
            class: class(plan_period, super::plan::status(plan_period, today)),
        });
    }
    for t in tasks.iter().filter(|t| !runs_whole_plan(t)) {
        rows.push(Row {
            label: t.path.clone(),
            title: &t.title,
            period: t.period.as_ref(),
            class: class(t.period.as_ref(), task_status(site, t, today)),
        });
    }
    let (first, last) = axis(&rows)?;
    let whole = (!whole.is_empty()).then(|| WholeSpan {
        text: format!(
            "{} nhiệm vụ thực hiện suốt thời gian của kế hoạch ({}):",
            whole.len(),
            plan_period
                .map(period_text)
                .unwrap_or_default()
                .to_lowercase()
        ),
        tasks: whole
            .iter()
            .map(|t| Link {
                label: t.path.clone(),
                url: format!("{root}{}#{}", site.plan_url(&site.plans[index]), t.anchor),
                current: false,
            })
            .collect(),
    });
    Some(TimelineView {
        wide: draw(&WIDE, &rows, first, last, today),
        narrow: draw(&NARROW, &rows, first, last, today),
        whole,
    })
}

fn class(period: Option<&Period>, status: Status) -> &'static str {
    match (status, period.is_some_and(|p| p.recurrence.is_some())) {
        (_, true) => "tl-bar tl-recurring",
        (Status::Ended, _) => "tl-bar tl-ended",
        (Status::Upcoming, _) => "tl-bar tl-upcoming",
        _ => "tl-bar",
    }
}

/// `text` cut to `max` characters, with "…" when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

fn draw(
    layout: &Layout,
    rows: &[Row],
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
) -> String {
    let (first_year, last_year) = (first.year(), last.year());
    let years = f64::from(last_year - first_year + 1);
    let chart_x = layout.label_w + 4.0;
    let chart_w = layout.width - chart_x - 8.0;
    let rows_end = TOP + layout.row_h * rows.len() as f64;
    let height = rows_end + 26.0;
    let x_of = |d: NaiveDate| -> f64 {
        let year_start = NaiveDate::from_ymd_opt(d.year(), 1, 1).expect("1 January exists");
        let days_in_year = if NaiveDate::from_ymd_opt(d.year(), 2, 29).is_some() {
            366.0
        } else {
            365.0
        };
        let frac = (d - year_start).num_days() as f64 / days_in_year;
        chart_x + (f64::from(d.year() - first_year) + frac) / years * chart_w
    };
    let end_x = chart_x + chart_w;
    let id = |what: &str| format!("tl-{what}-{}", layout.name);
    let mut s = String::with_capacity(4096);
    s.push_str(&format!(
        "<svg class=\"timeline timeline-{}\" viewBox=\"0 0 {:.0} {height:.0}\" font-size=\"{}\" role=\"img\" aria-labelledby=\"{} {}\" xmlns=\"http://www.w3.org/2000/svg\">",
        layout.name, layout.width, layout.font, id("title"), id("desc")
    ));
    s.push_str(&format!(
        "<title id=\"{}\">Tiến độ các nhiệm vụ của kế hoạch</title>",
        id("title")
    ));
    let desc: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} {}: {}",
                r.label,
                r.title,
                r.period
                    .map(period_text)
                    .unwrap_or_else(|| "không rõ thời gian".into())
            )
        })
        .collect();
    s.push_str(&format!(
        "<desc id=\"{}\">{}</desc>",
        id("desc"),
        esc(&desc.join("; "))
    ));
    // Year columns, every other one shaded; a label on as many as fit.
    let column = chart_w / years;
    let every = (44.0 / column).ceil().max(1.0) as i32;
    for (i, year) in (first_year..=last_year).enumerate() {
        let x = chart_x + i as f64 * column;
        if i % 2 == 0 {
            s.push_str(&format!(
                "<rect class=\"tl-year\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{column:.1}\" height=\"{:.1}\"/>",
                TOP - 4.0,
                rows_end - TOP + 4.0
            ));
        }
        if (year - first_year) % every == 0 {
            s.push_str(&format!(
                "<text class=\"tl-label\" x=\"{:.1}\" y=\"18\" text-anchor=\"middle\">{year}</text>",
                x + column / 2.0
            ));
        }
        if column >= 60.0 {
            for q in 1..4 {
                let qx = x + column * f64::from(q) / 4.0;
                s.push_str(&format!(
                    "<line class=\"tl-tick\" x1=\"{qx:.1}\" y1=\"{:.1}\" x2=\"{qx:.1}\" y2=\"{:.1}\"/>",
                    TOP - 6.0,
                    TOP - 2.0
                ));
            }
        }
    }
    // Today first, so that the labels are drawn over its line.
    let today_x = x_of(today);
    if today_x >= chart_x && today_x <= end_x {
        let anchor = if today_x > chart_x + chart_w * 0.8 {
            "end"
        } else if today_x < chart_x + chart_w * 0.2 {
            "start"
        } else {
            "middle"
        };
        s.push_str(&format!(
            "<line class=\"tl-today\" x1=\"{today_x:.1}\" y1=\"{:.1}\" x2=\"{today_x:.1}\" y2=\"{:.1}\"/><text class=\"tl-label tl-today-label\" x=\"{today_x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">hôm nay</text>",
            TOP - 6.0,
            rows_end + 4.0,
            rows_end + 20.0
        ));
    }
    for (n, row) in rows.iter().enumerate() {
        let y = TOP + n as f64 * layout.row_h;
        let label = if layout.title_chars > 0 && row.label != "Cả kế hoạch" {
            cut(&format!("{} {}", row.label, row.title), layout.title_chars)
        } else {
            row.label.clone()
        };
        let (label_x, label_y) = if layout.label_w > 0.0 {
            (4.0, y + layout.bar_y + BAR_H - 2.0)
        } else {
            (chart_x, y + layout.font + 2.0)
        };
        s.push_str(&format!(
            "<text class=\"tl-task\" x=\"{label_x:.1}\" y=\"{label_y:.1}\">{}</text>",
            esc(&label)
        ));
        let bar_top = y + layout.bar_y;
        let note = |s: &mut String, text: &str| {
            s.push_str(&format!(
                "<text class=\"tl-note\" x=\"{:.1}\" y=\"{:.1}\">{text}</text>",
                chart_x + 4.0,
                bar_top + BAR_H - 2.0
            ));
        };
        let Some(p) = row.period else {
            note(&mut s, "chưa rõ thời gian");
            continue;
        };
        if p.conditional || p.spans.is_empty() {
            note(&mut s, "khi có điều kiện");
            continue;
        }
        let last_span = p.spans.len() - 1;
        for (i, span) in p.spans.iter().enumerate() {
            let open = p.open_ended && i == last_span;
            let x1 = x_of(span.start).max(chart_x);
            let x2 = if open {
                end_x - 10.0
            } else {
                x_of(span.end.succ_opt().unwrap_or(span.end))
            };
            s.push_str(&format!(
                "<rect class=\"{}\" x=\"{x1:.1}\" y=\"{bar_top:.1}\" width=\"{:.1}\" height=\"{BAR_H}\" rx=\"3\"><title>{}: {}</title></rect>",
                row.class,
                (x2 - x1).max(3.0),
                esc(row.title),
                esc(&period_text(p))
            ));
            if open {
                // Goes on: an arrow to the axis's end.
                s.push_str(&format!(
                    "<path class=\"{}\" d=\"M{:.1} {:.1}l10 {:.1}l-10 {:.1}z\"/>",
                    row.class,
                    end_x - 10.0,
                    bar_top - 2.0,
                    BAR_H / 2.0 + 2.0,
                    BAR_H / 2.0 + 2.0
                ));
            }
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn period(start: &str, end: &str, open_ended: bool) -> Period {
        Period {
            spans: vec![Span {
                start: day(start),
                end: day(end),
            }],
            open_ended,
            ..Period::default()
        }
    }

    #[test]
    fn open_ended_work_does_not_stretch_the_axis() {
        let closed = period("2023-01-01", "2025-12-31", false);
        let open = period("2018-06-01", "2018-12-31", true);
        let row = |p| Row {
            label: String::new(),
            title: "",
            period: Some(p),
            class: "tl-bar",
        };
        assert_eq!(
            axis(&[row(&closed), row(&open)]),
            Some((day("2018-06-01"), day("2025-12-31")))
        );
        // Alone, open-ended work spans its first year, not up to today.
        assert_eq!(
            axis(&[row(&open)]),
            Some((day("2018-06-01"), day("2018-06-01")))
        );
        let svg = draw(
            &NARROW,
            &[row(&open)],
            day("2018-06-01"),
            day("2018-06-01"),
            day("2026-12-06"),
        );
        assert!(!svg.contains("2019") && !svg.contains("hôm nay"), "{svg}");
        assert!(
            svg.contains("<path class=\"tl-bar\""),
            "an arrow: it goes on: {svg}"
        );
    }

    #[test]
    fn a_long_label_is_cut_with_an_ellipsis() {
        assert_eq!(cut("II.1. Tổ chức", 42), "II.1. Tổ chức");
        assert_eq!(cut("II.1. Tổ chức các đợt", 10), "II.1. Tổ…");
    }
}
