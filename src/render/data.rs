//! Open data under `/du-lieu/`: each plan as JSON (the parsed model with
//! derived periods), an index of all plans, and all tasks as CSV (UTF-8
//! with BOM, so spreadsheet programs show Vietnamese). These are published
//! formats, documented in docs/du-lieu.md; they have their own types. Pure.

use serde::{Deserialize, Serialize};

use super::plan::status;
use super::views::plans::Status;
use crate::model::{Block, Period, Plan, Recurrence};
use crate::resolve::Site;

/// Version of the JSON shape; raised when a field changes meaning.
pub const FORMAT_VERSION: u32 = 1;

/// One plan, as published in `du-lieu/ke-hoach/<slug>.json`.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct PlanData {
    /// [`FORMAT_VERSION`].
    pub format: u32,
    /// URL segment of the plan page.
    pub slug: String,
    /// Full URL of the plan page.
    pub url: String,
    /// "73/KH-UBND"; "/KH-UBND" when the number is blank; null when not written.
    pub number: Option<String>,
    /// Issuing body.
    pub issuer: IssuerData,
    /// Place of issue.
    pub place: Option<String>,
    /// Date of issue as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub issued: Option<String>,
    /// Title.
    pub title: String,
    /// Topic slugs.
    pub topics: Vec<String>,
    /// Citizen summary.
    pub summary: Option<String>,
    /// Who the plan helps.
    pub audience: Vec<String>,
    /// The plan's period.
    pub period: Option<PeriodData>,
    /// Its duration as written.
    pub duration: Option<String>,
    /// Basis lines.
    pub basis: Vec<BasisData>,
    /// Paragraphs after the basis.
    pub preamble: Vec<String>,
    /// The numbered body.
    pub body: Vec<BlockData>,
    /// Closing paragraphs.
    pub closing: Vec<String>,
    /// Distribution list.
    pub recipients: Vec<String>,
    /// Signature block.
    pub signature: SignatureData,
    /// The tasks, flattened, with what loa derived.
    pub tasks: Vec<TaskData>,
}

/// The issuing body.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct IssuerData {
    /// Name.
    pub name: String,
    /// Parent body.
    pub parent: Option<String>,
    /// `trung-uong`, `tinh`, `huyen`, `xa` or `co-so`.
    pub level: String,
}

/// A period.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct PeriodData {
    /// Date ranges, `YYYY-MM-DD`, both ends included.
    pub spans: Vec<SpanData>,
    /// Goes on after the last span.
    pub open_ended: bool,
    /// `monthly`, `quarterly`, `yearly`, `continuous` or null.
    pub recurrence: Option<String>,
    /// Starts when a condition is met; no dates.
    pub conditional: bool,
}

/// A date range.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct SpanData {
    /// First day.
    pub start: String,
    /// Last day.
    pub end: String,
}

/// A basis line.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct BasisData {
    /// As written.
    pub text: String,
    /// Documents named in it.
    pub documents: Vec<DocumentData>,
}

/// A referenced document.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct DocumentData {
    /// "Kế hoạch", "Quyết định"…
    pub kind: String,
    /// Number and symbol.
    pub number: Option<String>,
    /// Date, `YYYY[-MM[-DD]]`.
    pub date: Option<String>,
    /// Issuer.
    pub issuer: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Number of the document it implements, if given.
    pub implements: Option<String>,
    /// Slug of its plan on this site, if any.
    pub plan: Option<String>,
}

/// A block of the body.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct BlockData {
    /// Anchor on the plan page.
    pub anchor: String,
    /// Numbering as written.
    pub number: Option<String>,
    /// Heading.
    pub title: Option<String>,
    /// Paragraphs.
    pub text: Vec<String>,
    /// Role (`purposes`, `tasks`…), when given.
    pub role: Option<String>,
    /// Giải pháp thực hiện.
    pub approach: Vec<String>,
    /// Đơn vị chủ trì as written.
    pub lead: Option<String>,
    /// Đơn vị phối hợp as written.
    pub partners: Option<String>,
    /// Thời gian thực hiện as written.
    pub timeframe: Option<String>,
    /// Its derived period.
    pub period: Option<PeriodData>,
    /// Outputs.
    pub outputs: Vec<String>,
    /// Figure of an objective.
    pub indicator: Option<String>,
    /// Children.
    pub items: Vec<BlockData>,
}

/// A task with what loa derived for it.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct TaskData {
    /// Anchor on the plan page.
    pub anchor: String,
    /// Numbering path, "II.1.a)".
    pub path: String,
    /// Heading or start of text.
    pub title: String,
    /// Lead as written (own or inherited).
    pub lead: Option<String>,
    /// Recognised lead unit ids.
    pub lead_units: Vec<String>,
    /// Partners as written (own or inherited).
    pub partners: Option<String>,
    /// Recognised partner unit ids.
    pub partner_units: Vec<String>,
    /// Timeframe as written (own or inherited).
    pub timeframe: Option<String>,
    /// Effective period.
    pub period: Option<PeriodData>,
}

/// The signature block.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct SignatureData {
    /// "TM. ỦY BAN NHÂN DÂN"…
    pub authority: Vec<String>,
    /// "PHÓ CHỦ TỊCH".
    pub title: Option<String>,
    /// Signer.
    pub name: Option<String>,
}

/// One entry of `du-lieu/ke-hoach.json`.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct PlanIndexEntry {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Number.
    pub number: Option<String>,
    /// Issuer name.
    pub issuer: String,
    /// Issuer level.
    pub level: String,
    /// Date of issue.
    pub issued: Option<String>,
    /// Period.
    pub period: Option<PeriodData>,
    /// `upcoming`, `active`, `ended` or `unknown` on the build day.
    pub status: Status,
    /// Number of tasks.
    pub tasks: usize,
    /// Plan page.
    pub url: String,
    /// Its JSON.
    pub data: String,
}

/// The index file.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct PlanIndex {
    /// [`FORMAT_VERSION`].
    pub format: u32,
    /// Build day, `YYYY-MM-DD`: the day statuses were computed for.
    pub as_of: String,
    /// The plans.
    pub plans: Vec<PlanIndexEntry>,
}

fn period_data(p: &Period) -> PeriodData {
    PeriodData {
        spans: p
            .spans
            .iter()
            .map(|s| SpanData {
                start: s.start.to_string(),
                end: s.end.to_string(),
            })
            .collect(),
        open_ended: p.open_ended,
        recurrence: p.recurrence.map(|r| {
            match r {
                Recurrence::Monthly => "monthly",
                Recurrence::Quarterly => "quarterly",
                Recurrence::Yearly => "yearly",
                Recurrence::Continuous => "continuous",
            }
            .to_string()
        }),
        conditional: p.conditional,
    }
}

fn partial(d: crate::model::PartialDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{:04}-{m:02}-{day:02}", d.year),
        (Some(m), None) => format!("{:04}-{m:02}", d.year),
        _ => format!("{:04}", d.year),
    }
}

fn block_data(b: &Block) -> BlockData {
    BlockData {
        anchor: b.anchor.clone(),
        number: b.number.clone(),
        title: b.title.clone(),
        text: b.text.clone(),
        role: b.role.map(|r| r.key().to_string()),
        approach: b.task.approach.clone(),
        lead: b.task.lead.clone(),
        partners: b.task.partners.clone(),
        timeframe: b.task.timeframe.as_ref().map(|t| t.text.clone()),
        period: b
            .task
            .timeframe
            .as_ref()
            .and_then(|t| t.period.as_ref())
            .map(period_data),
        outputs: b.task.outputs.clone(),
        indicator: b.indicator.clone(),
        items: b.items.iter().map(block_data).collect(),
    }
}

fn number(plan: &Plan) -> Option<String> {
    plan.number
        .as_ref()
        .map(|n| format!("{}/{}", n.no.as_deref().unwrap_or(""), n.symbol))
}

/// The JSON data of plan `index`.
pub fn plan_data(site: &Site, index: usize) -> PlanData {
    let plan = &site.plans[index];
    PlanData {
        format: FORMAT_VERSION,
        slug: plan.slug.to_string(),
        url: format!("{}{}", site.config.base_url, site.plan_url(plan)),
        number: number(plan),
        issuer: IssuerData {
            name: plan.issuer.name.clone(),
            parent: plan.issuer.parent.clone(),
            level: plan.issuer.level.key().to_string(),
        },
        place: plan.place.clone(),
        issued: plan.issued.map(partial),
        title: plan.title.clone(),
        topics: plan.topics.clone(),
        summary: plan.summary.clone(),
        audience: plan.audience.clone(),
        period: plan.period.as_ref().map(period_data),
        duration: plan.duration.clone(),
        basis: plan
            .basis
            .iter()
            .map(|b| BasisData {
                text: b.text.clone(),
                documents: b
                    .documents
                    .iter()
                    .map(|d| DocumentData {
                        kind: d.kind.clone(),
                        number: d.number.clone(),
                        date: d.date.map(partial),
                        issuer: d.issuer.clone(),
                        title: d.title.clone(),
                        implements: d.implements.clone(),
                        plan: d.plan.as_ref().map(|s| s.to_string()),
                    })
                    .collect(),
            })
            .collect(),
        preamble: plan.preamble.clone(),
        body: plan.body.iter().map(block_data).collect(),
        closing: plan.closing.clone(),
        recipients: plan.recipients.clone(),
        signature: SignatureData {
            authority: plan.signature.authority.clone(),
            title: plan.signature.title.clone(),
            name: plan.signature.name.clone(),
        },
        tasks: site
            .tasks
            .iter()
            .filter(|t| t.plan == index)
            .map(|t| TaskData {
                anchor: t.anchor.clone(),
                path: t.path.clone(),
                title: t.title.clone(),
                lead: t.lead_text.clone(),
                lead_units: t
                    .lead
                    .iter()
                    .map(|&u| site.units[u].id.to_string())
                    .collect(),
                partners: t.partners_text.clone(),
                partner_units: t
                    .partners
                    .iter()
                    .map(|&u| site.units[u].id.to_string())
                    .collect(),
                timeframe: t.timeframe.clone(),
                period: t.period.as_ref().map(period_data),
            })
            .collect(),
    }
}

/// The index of all plans.
pub fn plan_index(site: &Site, today: chrono::NaiveDate) -> PlanIndex {
    let base = &site.config.base_url;
    PlanIndex {
        format: FORMAT_VERSION,
        as_of: today.to_string(),
        plans: site
            .plans
            .iter()
            .enumerate()
            .map(|(i, p)| PlanIndexEntry {
                slug: p.slug.to_string(),
                title: p.title.clone(),
                number: number(p),
                issuer: p.issuer.name.clone(),
                level: p.issuer.level.key().to_string(),
                issued: p.issued.map(partial),
                period: p.period.as_ref().map(period_data),
                status: status(p.period.as_ref(), today),
                tasks: site.tasks.iter().filter(|t| t.plan == i).count(),
                url: format!("{base}{}", site.plan_url(p)),
                data: format!("{base}{}", site.plan_data_url(p)),
            })
            .collect(),
    }
}

/// Every task of every plan as CSV: UTF-8 with a byte-order mark, CRLF line
/// ends, fields quoted when needed (RFC 4180).
pub fn tasks_csv(site: &Site, today: chrono::NaiveDate) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header = [
        "ke_hoach",
        "so_ky_hieu",
        "co_quan_ban_hanh",
        "nhiem_vu",
        "noi_dung",
        "don_vi_chu_tri",
        "ma_don_vi_chu_tri",
        "don_vi_phoi_hop",
        "ma_don_vi_phoi_hop",
        "thoi_gian_thuc_hien",
        "bat_dau",
        "ket_thuc",
        "dinh_ky",
        "tinh_trang",
        "lien_ket",
    ];
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for t in &site.tasks {
        let plan = &site.plans[t.plan];
        let ids = |units: &[usize]| {
            units
                .iter()
                .map(|&u| site.units[u].id.to_string())
                .collect::<Vec<_>>()
                .join(";")
        };
        let p = t.period.as_ref();
        let recurrence = p.and_then(|p| p.recurrence).map(|r| match r {
            Recurrence::Monthly => "hằng tháng",
            Recurrence::Quarterly => "hằng quý",
            Recurrence::Yearly => "hằng năm",
            Recurrence::Continuous => "thường xuyên",
        });
        let row = [
            plan.title.clone(),
            number(plan).unwrap_or_default(),
            plan.issuer.name.clone(),
            t.path.clone(),
            t.title.clone(),
            t.lead_text.clone().unwrap_or_default(),
            ids(&t.lead),
            t.partners_text.clone().unwrap_or_default(),
            ids(&t.partners),
            t.timeframe.clone().unwrap_or_default(),
            p.and_then(Period::start)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            p.and_then(|p| if p.open_ended { None } else { p.end() })
                .map(|d| d.to_string())
                .unwrap_or_default(),
            recurrence.unwrap_or_default().to_string(),
            super::plan::task_status(site, t, today).label().to_string(),
            format!(
                "{}{}#{}",
                site.config.base_url,
                site.plan_url(plan),
                t.anchor
            ),
        ];
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// One CSV field (RFC 4180): quoted when it holds a separator, a quote or
/// a line break. A text a spreadsheet would take for a formula (starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`
/// and quotes, as OWASP recommends: Excel and LibreOffice then show it as
/// text (the `'` hidden) instead of running it.
pub fn csv_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("\"'{}\"", value.replace('"', "\"\""))
    } else if value.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_when_needed() {
        assert_eq!(csv_cell("Công an xã"), "Công an xã");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("nói \"có\""), "\"nói \"\"có\"\"\"");
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_neutralised() {
        for (text, cell) in [
            (
                "=HYPERLINK(\"http://evil.example\",\"bấm\")",
                "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"bấm\"\")\"",
            ),
            ("+cmd|calc", "\"'+cmd|calc\""),
            ("-1+1", "\"'-1+1\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\t=1", "\"'\t=1\""),
            ("\r=1", "\"'\r=1\""),
            ("=1+1/KH-UBND", "\"'=1+1/KH-UBND\""),
        ] {
            assert_eq!(csv_cell(text), cell, "{text:?}");
        }
        // In the middle of a text they are harmless and left alone.
        assert_eq!(csv_cell("a=b"), "a=b");
        assert_eq!(csv_cell("Số 12/KH-UBND"), "Số 12/KH-UBND");
    }
}
