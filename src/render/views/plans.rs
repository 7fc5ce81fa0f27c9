//! What the plan, plan list, unit, unit list, year, legal-basis and report
//! templates get, besides [`super::Common`].

use serde::Serialize;

use super::documents::Notice;
use super::Link;

/// Where a plan stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Starts later.
    Upcoming,
    /// Under way.
    Active,
    /// Over.
    Ended,
    /// No date known.
    Unknown,
}

impl Status {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Status::Upcoming => "Sắp triển khai",
            Status::Active => "Đang thực hiện",
            Status::Ended => "Đã kết thúc",
            Status::Unknown => "Chưa rõ thời gian",
        }
    }
}

/// A plan in a list.
#[derive(Serialize)]
pub struct PlanCard {
    /// Title.
    pub title: String,
    /// `href`.
    pub url: String,
    /// "Số: 73/KH-UBND".
    pub number: Option<String>,
    /// Issuing body.
    pub issuer: String,
    /// Level label.
    pub level: &'static str,
    /// "tháng 4 năm 2026".
    pub issued: Option<String>,
    /// Status key.
    pub status: Status,
    /// Status label.
    pub status_label: &'static str,
    /// The period in words.
    pub period: String,
    /// Topics.
    pub topics: Vec<String>,
    /// Number of tasks.
    pub task_count: usize,
}

/// A row of the who-does-what-when table.
#[derive(Serialize)]
pub struct TaskRow {
    /// "II.1.a)".
    pub path: String,
    /// Heading or start of text.
    pub title: String,
    /// Link to the task in the official text.
    pub url: String,
    /// Anchor id.
    pub anchor: String,
    /// Lead as written.
    pub lead: String,
    /// Recognised lead units.
    pub lead_units: Vec<Link>,
    /// Partners as written.
    pub partners: String,
    /// Timeframe as written.
    pub timeframe: String,
    /// The period in words.
    pub period: String,
    /// Status label.
    pub status_label: &'static str,
    /// Status key.
    pub status: Status,
    /// Articles published for the task.
    pub articles: Vec<Link>,
}

#[derive(Serialize)]
pub struct PlanData {
    pub plan: PlanView,
}

#[derive(Serialize)]
pub struct PlanView {
    #[serde(flatten)]
    pub card: PlanCard,
    pub summary: String,
    pub audience: Vec<String>,
    pub lead_units: Vec<Link>,
    pub tasks: Vec<TaskRow>,
    pub timeline: Option<TimelineView>,
    pub document: String,
    pub data_url: String,
    pub report_url: String,
    pub notices: Vec<Notice>,
}

/// A plan's timeline: the same drawing laid out for wide screens and for
/// phones (SVG), and the tasks that run the plan's whole span.
#[derive(Serialize)]
pub struct TimelineView {
    pub wide: String,
    pub narrow: String,
    pub whole: Option<WholeSpan>,
}

/// The tasks drawn as one "Cả kế hoạch" row.
#[derive(Serialize)]
pub struct WholeSpan {
    /// "8 nhiệm vụ thực hiện suốt thời gian của kế hoạch (từ … đến …):".
    pub text: String,
    /// Each task's number, linking to it.
    pub tasks: Vec<Link>,
}

#[derive(Serialize)]
pub struct PlansData {
    pub basis_url: String,
    pub units_url: Option<String>,
    pub reports_url: String,
    pub documents_url: Option<String>,
    pub plans: Vec<PlanCard>,
    pub by_topic: Vec<PlanGroup>,
    pub by_year: Vec<PlanGroup>,
    pub by_level: Vec<PlanGroup>,
}

#[derive(Serialize)]
pub struct PlanGroup {
    pub name: String,
    pub id: String,
    pub url: Option<String>,
    pub plans: Vec<PlanCard>,
}

#[derive(Serialize)]
pub struct UnitData {
    pub unit: UnitView,
    pub leads: Vec<PlanTasks>,
    pub partners: Vec<PlanTasks>,
    pub responsibilities: Vec<ResponsibilityView>,
}

#[derive(Serialize)]
pub struct UnitView {
    pub id: String,
    pub name: String,
    pub name_en: Option<String>,
    pub aliases: Vec<String>,
    pub level: &'static str,
    pub description: Option<String>,
}

#[derive(Serialize)]
pub struct PlanTasks {
    pub plan: Link,
    pub status_label: &'static str,
    pub status: Status,
    pub tasks: Vec<TaskRow>,
}

#[derive(Serialize)]
pub struct ResponsibilityView {
    pub plan: Link,
    pub url: String,
    pub text: String,
}

#[derive(Serialize)]
pub struct UnitsData {
    pub levels: Vec<UnitGroup>,
}

#[derive(Serialize)]
pub struct UnitGroup {
    pub name: &'static str,
    pub units: Vec<UnitEntry>,
}

#[derive(Serialize)]
pub struct UnitEntry {
    pub name: String,
    pub url: String,
    pub tasks: usize,
}

#[derive(Serialize)]
pub struct YearData {
    pub year: i32,
    pub plans: Vec<PlanTasks>,
    pub years: Vec<Link>,
}

#[derive(Serialize)]
pub struct BasisData {
    pub documents: Vec<DocumentView>,
}

#[derive(Serialize)]
pub struct DocumentView {
    pub id: String,
    pub kind: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    /// The plan page of this document, when the site has it.
    pub page: Option<String>,
    /// The document this one implements.
    pub implements: Option<Link>,
    /// Documents that implement this one.
    pub implemented_by: Vec<Link>,
    /// Plans on this site that cite it.
    pub plans: Vec<Link>,
    /// Its page in the legal document registry, when it is there.
    pub registry: Option<String>,
}

/// One plan's report.
#[derive(Serialize)]
pub struct ReportData {
    /// The plan.
    pub plan: Link,
    /// Its tasks.
    pub tasks: Vec<TaskReport>,
    /// Tasks with nothing published yet.
    pub empty: usize,
    /// The CSV file.
    pub csv_url: String,
}

/// One task in the report.
#[derive(Serialize)]
pub struct TaskReport {
    /// "II.1.a)".
    pub path: String,
    /// Its text.
    pub title: String,
    /// Link to the task on the plan page.
    pub url: String,
    /// Lead as written.
    pub lead: String,
    /// Publications by year, newest year first.
    pub years: Vec<YearReport>,
    /// Total publications.
    pub count: usize,
}

/// Publications of one year.
#[derive(Serialize)]
pub struct YearReport {
    /// The year.
    pub year: i32,
    /// How many.
    pub count: usize,
    /// Which.
    pub items: Vec<Published>,
}

/// One publication.
#[derive(Serialize, Clone)]
pub struct Published {
    /// "Bài viết" or "Chiến dịch".
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// `href`.
    pub url: String,
    /// Site path, for the CSV's full URL.
    #[serde(skip)]
    pub path: String,
    /// "12/04/2026".
    pub date: String,
    #[serde(skip)]
    pub year: i32,
    #[serde(skip)]
    pub day: chrono::NaiveDate,
}

/// All plans at a glance.
#[derive(Serialize)]
pub struct ReportsData {
    /// One row per plan.
    pub plans: Vec<PlanSummary>,
}

/// One plan at a glance.
#[derive(Serialize)]
pub struct PlanSummary {
    /// The plan page.
    pub plan: Link,
    /// Its report page.
    pub report_url: String,
    /// Tasks.
    pub tasks: usize,
    /// Tasks with at least one publication.
    pub done: usize,
    /// Publications per year, oldest first: "2026: 5".
    pub per_year: Vec<(i32, usize)>,
}
