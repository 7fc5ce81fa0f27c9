//! Domain types shared by every stage. No serde here: the file formats live
//! in `parse/`, the template contract in `render/views.rs`.

use chrono::NaiveDateTime;

use crate::text;

/// A path relative to the site root with `/` separators, as every
/// diagnostic prints it: `content/bai-viet/ai-duoc-tro-giup.md`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourcePath(String);

impl SourcePath {
    /// Wraps a `/`-separated path relative to the site root.
    pub fn new(path: impl Into<String>) -> SourcePath {
        SourcePath(path.into().replace('\\', "/"))
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path below `content/`, which `@/…` links name.
    pub fn content_relative(&self) -> &str {
        self.0.strip_prefix("content/").unwrap_or(&self.0)
    }

    /// The file name without its extension.
    pub fn stem(&self) -> &str {
        let name = self.0.rsplit('/').next().unwrap_or(&self.0);
        name.rsplit_once('.').map_or(name, |(stem, _)| stem)
    }
}

impl std::fmt::Display for SourcePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The plan topics loa knows by name: slug → the name pages show. A site
/// adds its own in site.yaml (`topics:`); a plan may write a topic by its
/// name.
pub const KNOWN_TOPICS: &[(&str, &str)] = &[
    ("tro-giup-phap-ly", "Trợ giúp pháp lý"),
    ("phong-chong-ma-tuy", "Phòng, chống ma túy"),
    ("cai-nghien-ma-tuy", "Cai nghiện ma túy"),
    (
        "pho-bien-giao-duc-phap-luat",
        "Phổ biến, giáo dục pháp luật",
    ),
];

/// ASCII slug: lowercase letters, digits and inner single `-`, never empty.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slug(String);

impl Slug {
    /// Accepts `text` only when it is already a valid slug.
    pub fn parse(text: &str) -> Option<Slug> {
        text::is_slug(text).then(|| Slug(text.to_string()))
    }

    /// The slug of free text, or `None` when nothing of it is ASCII; cut
    /// at a dash to [`text::MAX_SLUG_BYTES`] when longer.
    pub fn from_text(text: &str) -> Option<Slug> {
        let slug = text::slugify(text);
        if slug.len() <= text::MAX_SLUG_BYTES {
            return Slug::parse(&slug);
        }
        // Letters of other scripts take several bytes: cut between two.
        let mut end = text::MAX_SLUG_BYTES + 1;
        while !slug.is_char_boundary(end) {
            end -= 1;
        }
        let mut fallback = text::MAX_SLUG_BYTES;
        while !slug.is_char_boundary(fallback) {
            fallback -= 1;
        }
        let cut = slug[..end].rfind('-').unwrap_or(fallback);
        Slug::parse(slug[..cut].trim_end_matches('-'))
    }

    /// The error for `slug: <written>` that is not a slug, at `at`: too long
    /// for a file name, or with characters a slug cannot hold; with a
    /// suggestion when one can be made.
    pub fn invalid(
        path: &str,
        written: &str,
        at: Option<crate::diag::Location>,
    ) -> crate::diag::Diagnostic {
        let written = written.trim();
        let message = if written.len() > text::MAX_SLUG_BYTES {
            format!(
                "`slug` dài {} byte, quá {} byte: không đặt được làm tên thư mục của trang",
                written.len(),
                text::MAX_SLUG_BYTES
            )
        } else {
            format!("`slug: {written}` không hợp lệ: chỉ được dùng chữ thường không dấu, số và dấu gạch ngang")
        };
        let d = crate::diag::Diagnostic::error(path, message).located(at);
        match Slug::from_text(written) {
            Some(suggestion) => d.with_help(format!("ví dụ `slug: {suggestion}`")),
            None => d,
        }
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A relative path inside the output folder. It cannot be empty, absolute,
/// hold `..`, `.`, a drive letter, a backslash or NUL, so nothing built from
/// it can point outside the output folder.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutputPath(String);

impl OutputPath {
    /// Checks `path` (`/`-separated, relative).
    pub fn new(path: &str) -> Option<OutputPath> {
        let ok = !path.is_empty()
            && !path.starts_with('/')
            && !path.contains(['\\', '\0', ':'])
            && path
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..");
        ok.then(|| OutputPath(path.to_string()))
    }

    /// `<dir>/index.html` for a page URL path such as `bai-viet/x/`, or the
    /// root `index.html` for the empty path.
    pub fn page(url_path: &str) -> Option<OutputPath> {
        let dir = url_path.trim_end_matches('/');
        if dir.is_empty() {
            OutputPath::new("index.html")
        } else {
            OutputPath::new(&format!("{dir}/index.html"))
        }
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// How many folders deep the file is: `a/b/index.html` → 2.
    pub fn depth(&self) -> usize {
        self.0.matches('/').count()
    }
}

/// Markdown text of a document and where it starts in its file.
#[derive(Clone, Debug)]
pub struct Body {
    /// The Markdown after the front matter.
    pub markdown: String,
    /// 1-based line of the file on which `markdown` begins.
    pub first_line: u32,
    /// The site folder (`bai-viet/x/`) whose files relative paths in the
    /// text (`anh.jpg`) name: a page bundle's, published there.
    pub bundle: Option<String>,
}

/// An outreach article (`content/bai-viet/**/*.md`).
#[derive(Clone, Debug)]
pub struct Article {
    /// Where it came from.
    pub source: SourcePath,
    /// Last URL segment.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Publication time, in the site's time zone.
    pub date: NaiveDateTime,
    /// Last substantive update.
    pub updated: Option<NaiveDateTime>,
    /// One or two sentences; derived from the text when not written.
    pub summary: Option<String>,
    /// Categories (usually one), as written.
    pub categories: Vec<String>,
    /// Tags, as written.
    pub tags: Vec<String>,
    /// Who the article is for ("thanh thiếu niên", "phụ huynh"…).
    pub audience: Vec<String>,
    /// Lead image and its text alternative.
    pub image: Option<Image>,
    /// Author or responsible office.
    pub author: Option<String>,
    /// Not published unless `--drafts`.
    pub draft: bool,
    /// The content path (`bai-viet/x.md`) of the article this translates.
    pub translation_of: Option<String>,
    /// Hugo's `weight`: articles with one (above 0) come first in lists,
    /// lightest first; 0 is none.
    pub weight: i64,
    /// Hugo's `expiryDate`: from then on, not published (unless `--drafts`).
    pub expires: Option<NaiveDateTime>,
    /// The documents the article's facts come from.
    pub sources: Vec<Citation>,
    /// The plan tasks it serves, as `plan-slug#task-anchor`, with where
    /// each is written.
    pub implements: Vec<(String, Option<crate::diag::Location>)>,
    /// The legal documents it applies (`legal_basis`), as numbers of the
    /// registry, with where each is written.
    pub legal_basis: Vec<(String, Option<crate::diag::Location>)>,
    /// Numbers of documents its text names (a former law named as such,
    /// say): listed on those documents' pages, never judged for currency.
    pub mentions: Vec<String>,
    /// Reports a past event (`historical: true`): its legal basis is judged
    /// at its date, not today.
    pub historical: bool,
    /// Its old addresses (Hugo's `aliases` and `url`, Jekyll's `permalink`)
    /// as output paths (`2017/09/ten-bai/index.html`): each a page that
    /// sends the reader on to the article.
    pub aliases: Vec<(String, Option<crate::diag::Location>)>,
    /// The text.
    pub body: Body,
}

/// A static page (`content/trang/*.md`): about, contact.
#[derive(Clone, Debug)]
pub struct Page {
    /// Where it came from.
    pub source: SourcePath,
    /// URL segment: the page lives at `/<slug>/`.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Short description for search engines and share previews.
    pub summary: Option<String>,
    /// Last update, shown at the bottom when given.
    pub updated: Option<NaiveDateTime>,
    /// Order among pages (lower first).
    pub weight: i64,
    /// Not published unless `--drafts`.
    pub draft: bool,
    /// Show the issuer's contacts and the places that help citizens
    /// (site.yaml) on this page, after its text (`contacts: true`).
    pub contacts: bool,
    /// Old addresses (`aliases`, `url`, `permalink`) as output paths, each a
    /// page sending readers here, with where each is written.
    pub aliases: Vec<(String, Option<crate::diag::Location>)>,
    /// The content path (`trang/x.md`) of the page this translates.
    pub translation_of: Option<String>,
    /// The text.
    pub body: Body,
}

/// A section of the articles, as Hugo writes one: `_index.md` in a folder
/// of the articles' folder. Its title is the category of the articles in
/// that folder that name none; its text introduces that category's page
/// (the top folder's: the list of all articles).
#[derive(Clone, Debug)]
pub struct Section {
    /// Where it came from: `content/bai-viet/tin-tuc/_index.md`.
    pub source: SourcePath,
    /// Its folder below the articles' folder (`tin-tuc`), `""` for the top.
    pub folder: String,
    /// Title.
    pub title: String,
    /// Not published unless `--drafts`.
    pub draft: bool,
    /// The text.
    pub body: Body,
}

/// An image and its required text alternative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// Site path (`/images/a.jpg`) or full URL.
    pub src: String,
    /// Text alternative for people who cannot see it.
    pub alt: String,
}

/// A document an article's facts come from.
#[derive(Clone, Debug)]
pub struct Citation {
    /// How it is named, e.g. "Luật Trợ giúp pháp lý số 11/2017/QH14".
    pub title: String,
    /// Where to read it, when public.
    pub url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_path_rejects_escapes() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "C:/x",
            "a\\b",
            "a\0b",
            "./a",
        ] {
            assert!(OutputPath::new(bad).is_none(), "{bad:?} accepted");
        }
        assert_eq!(
            OutputPath::page("bai-viet/a/").unwrap().as_str(),
            "bai-viet/a/index.html"
        );
        assert_eq!(OutputPath::page("").unwrap().as_str(), "index.html");
        assert_eq!(OutputPath::page("bai-viet/a/").unwrap().depth(), 2);
    }

    #[test]
    fn source_path_parts() {
        let p = SourcePath::new("content/bai-viet/2026/ai-duoc.md");
        assert_eq!(p.content_relative(), "bai-viet/2026/ai-duoc.md");
        assert_eq!(p.stem(), "ai-duoc");
    }
}

/// A date as written on a plan, where the day (or the month) may be blank:
/// "ngày  tháng 4 năm 2026".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year.
    pub year: i32,
    /// Month, when written.
    pub month: Option<u32>,
    /// Day, when written.
    pub day: Option<u32>,
}

/// When work happens, derived from a timeframe as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Period {
    /// Concrete date ranges, in the order written.
    pub spans: Vec<Span>,
    /// Goes on after the last span ("và những năm tiếp theo").
    pub open_ended: bool,
    /// Repeats ("Hằng năm"); without spans it follows the plan's period.
    pub recurrence: Option<Recurrence>,
    /// Starts when something happens ("Sau khi … ban hành …"): no date.
    pub conditional: bool,
}

impl Period {
    /// First day of the first span.
    pub fn start(&self) -> Option<chrono::NaiveDate> {
        self.spans.iter().map(|s| s.start).min()
    }

    /// Last day of the last span.
    pub fn end(&self) -> Option<chrono::NaiveDate> {
        self.spans.iter().map(|s| s.end).max()
    }
}

/// A range of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// First day.
    pub start: chrono::NaiveDate,
    /// Last day.
    pub end: chrono::NaiveDate,
}

/// How often recurring work repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Recurrence {
    /// "Hằng tháng".
    Monthly,
    /// "Hằng quý".
    Quarterly,
    /// "Hằng năm".
    Yearly,
    /// "Thường xuyên".
    Continuous,
}

/// A timeframe: always kept as written, with the period loa derived from it
/// (or that the YAML gave explicitly).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeframe {
    /// As written: "Từ Quý II năm 2026 đến năm 2030."
    pub text: String,
    /// `None` when loa could not read it and the YAML gave none.
    pub period: Option<Period>,
}

/// An implementation plan (*Kế hoạch*), `content/ke-hoach/*.yaml`.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Where it came from.
    pub source: SourcePath,
    /// URL segment.
    pub slug: Slug,
    /// "73/KH-UBND"; `None` when not written at all.
    pub number: Option<DocNumber>,
    /// The issuing body.
    pub issuer: PlanIssuer,
    /// Place of issue ("Thanh Miện").
    pub place: Option<String>,
    /// Date of issue; the day or month may be blank.
    pub issued: Option<PartialDate>,
    /// The title line after "KẾ HOẠCH".
    pub title: String,
    /// Topic slugs (`tro-giup-phap-ly`, `phong-chong-ma-tuy`).
    pub topics: Vec<String>,
    /// Still holds a "[Cần điền…]" placeholder (a skeleton not filled in):
    /// built only with `--drafts`.
    pub draft: bool,
    /// Topics written by their name (`topics: [Giảm nghèo]`): slug → name.
    pub topic_names: Vec<(String, String)>,
    /// Where `topics` is written, for messages.
    pub topics_at: Option<crate::diag::Location>,
    /// A plain-words summary for citizens; optional.
    pub summary: Option<String>,
    /// Who the plan helps, in plain words; optional.
    pub audience: Vec<String>,
    /// The "Thực hiện …" / "Căn cứ …" lines.
    pub basis: Vec<Basis>,
    /// Paragraphs after the basis lines ("Ủy ban nhân dân xã … như sau:").
    pub preamble: Vec<String>,
    /// The numbered body.
    pub body: Vec<Block>,
    /// The closing paragraph ("Trên đây là Kế hoạch …").
    pub closing: Vec<String>,
    /// "Nơi nhận".
    pub recipients: Vec<String>,
    /// The signature block.
    pub signature: Signature,
    /// How the task fields are labelled on paper.
    pub labels: TaskLabels,
    /// The plan's period: explicit, or read from its duration block, or the
    /// union of its tasks' periods.
    pub period: Option<Period>,
    /// The explicit or written duration, as text, when there is one.
    pub duration: Option<String>,
    /// Every document number written anywhere in the file ("116/2021/NĐ-CP"),
    /// with where, in order: matched against the legal document registry.
    pub mentions: Vec<(String, Option<crate::diag::Location>)>,
}

/// A document number: "73/KH-UBND", where the number may be left blank
/// ("/KH-UBND") in a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocNumber {
    /// "73", or `None` when blank.
    pub no: Option<String>,
    /// "KH-UBND".
    pub symbol: String,
}

/// The body that issued a plan.
#[derive(Clone, Debug)]
pub struct PlanIssuer {
    /// "Ủy ban nhân dân xã Thanh Miện".
    pub name: String,
    /// The body above it, shown above the issuer in the header.
    pub parent: Option<String>,
    /// Administrative level.
    pub level: Level,
}

/// Administrative level of a body or unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Ministries and central bodies.
    Central,
    /// Province or centrally-run city.
    Province,
    /// District (no longer exists since 01/07/2025).
    District,
    /// Commune, ward, township, special zone.
    Commune,
    /// A village, residential area, school or other body below the commune.
    Local,
}

impl Level {
    /// The YAML word and URL segment.
    pub fn key(self) -> &'static str {
        match self {
            Level::Central => "trung-uong",
            Level::Province => "tinh",
            Level::District => "huyen",
            Level::Commune => "xa",
            Level::Local => "co-so",
        }
    }

    /// Vietnamese name.
    pub fn label(self) -> &'static str {
        match self {
            Level::Central => "Trung ương",
            Level::Province => "Cấp tỉnh",
            Level::District => "Cấp huyện (trước 01/7/2025)",
            Level::Commune => "Cấp xã",
            Level::Local => "Thôn, khu dân cư, cơ sở",
        }
    }

    /// Every level, from the top.
    pub const ALL: [Level; 5] = [
        Level::Central,
        Level::Province,
        Level::District,
        Level::Commune,
        Level::Local,
    ];
}

/// A basis line and the documents it names.
#[derive(Clone, Debug)]
pub struct Basis {
    /// As written.
    pub text: String,
    /// The documents named in it.
    pub documents: Vec<DocumentRef>,
}

/// A higher-level document a plan implements.
#[derive(Clone, Debug)]
pub struct DocumentRef {
    /// "Kế hoạch", "Quyết định"…
    pub kind: String,
    /// "1409/KH-STP".
    pub number: Option<String>,
    /// Date of issue.
    pub date: Option<PartialDate>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Number of the higher document it implements, when the basis line
    /// says so: the chain province → district → commune.
    pub implements: Option<String>,
    /// Slug of its plan page on this site, when the site has it.
    pub plan: Option<Slug>,
    /// Where `plan` is written, for messages.
    pub plan_at: Option<crate::diag::Location>,
}

/// One numbered part of a plan's body: a section, a task, an objective, a
/// bullet. Blocks nest as on paper.
#[derive(Clone, Debug, Default)]
pub struct Block {
    /// Numbering as written: "I.", "1.", "1.1.", "a)", "-", "+".
    pub number: Option<String>,
    /// Heading text.
    pub title: Option<String>,
    /// Paragraphs.
    pub text: Vec<String>,
    /// What the block is, for loa.
    pub role: Option<Role>,
    /// Task fields, when the block is a task.
    pub task: TaskFields,
    /// A figure such as "Trên 80%" (objectives).
    pub indicator: Option<String>,
    /// Children.
    pub items: Vec<Block>,
    /// Stable anchor: "nv-1-1-a".
    pub anchor: String,
    /// The words before this block's labelled lines: the plan's `labels`,
    /// then those of its parent blocks, then its own.
    pub labels: TaskLabels,
    /// 1-based line in the YAML, for messages.
    pub line: Option<u32>,
}

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Mục đích.
    Purposes,
    /// Yêu cầu.
    Requirements,
    /// Phạm vi.
    Scope,
    /// Đối tượng.
    TargetGroups,
    /// Mục tiêu (chung or cụ thể, or both).
    Objectives,
    /// Nội dung, nhiệm vụ, hoạt động: the task tree.
    Tasks,
    /// Kinh phí.
    Funding,
    /// Tổ chức thực hiện.
    Responsibilities,
    /// Thời gian thực hiện of the whole plan.
    Duration,
}

impl Role {
    /// The YAML word.
    pub fn key(self) -> &'static str {
        match self {
            Role::Purposes => "purposes",
            Role::Requirements => "requirements",
            Role::Scope => "scope",
            Role::TargetGroups => "target_groups",
            Role::Objectives => "objectives",
            Role::Tasks => "tasks",
            Role::Funding => "funding",
            Role::Responsibilities => "responsibilities",
            Role::Duration => "duration",
        }
    }
}

/// The fields a task may carry, each as written.
#[derive(Clone, Debug, Default)]
pub struct TaskFields {
    /// Giải pháp thực hiện.
    pub approach: Vec<String>,
    /// Đơn vị chủ trì.
    pub lead: Option<String>,
    /// Đơn vị phối hợp.
    pub partners: Option<String>,
    /// Thời gian thực hiện.
    pub timeframe: Option<Timeframe>,
    /// Kết quả đầu ra / Sản phẩm (one line, or a list shown as "+" items).
    pub outputs: Vec<String>,
    /// Kinh phí of this task (one line, or a list shown as "+" items).
    pub funding: Vec<String>,
    /// True when `lead` is named inside the task's sentence rather than on
    /// a labelled line of its own (`lead_in_text`): the page prints no line
    /// for it, the table and the unit pages use it.
    pub lead_in_text: bool,
    /// The same for `partners` (`partners_in_text`).
    pub partners_in_text: bool,
    /// The labelled lines and the sub-items in the order the plan writes
    /// them (the order of the keys in the file).
    pub order: Vec<TaskLine>,
    /// Where `lead` is written, for messages.
    pub lead_at: Option<crate::diag::Location>,
    /// Where `partners` is written, for messages.
    pub partners_at: Option<crate::diag::Location>,
}

impl TaskFields {
    /// Whether any field is set.
    pub fn is_empty(&self) -> bool {
        self.approach.is_empty()
            && self.lead.is_none()
            && self.partners.is_none()
            && self.timeframe.is_none()
            && self.outputs.is_empty()
            && self.funding.is_empty()
    }
}

/// One of a task's labelled lines, or its sub-items, in written order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskLine {
    /// Giải pháp thực hiện.
    Approach,
    /// Đơn vị chủ trì.
    Lead,
    /// Đơn vị phối hợp.
    Partners,
    /// Thời gian thực hiện.
    Timeframe,
    /// Kết quả đầu ra.
    Outputs,
    /// Kinh phí.
    Funding,
    /// The block's sub-items.
    Items,
}

/// The words before each task field, as the paper has them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskLabels {
    /// "Giải pháp thực hiện".
    pub approach: String,
    /// "Đơn vị chủ trì".
    pub lead: String,
    /// "Đơn vị phối hợp".
    pub partners: String,
    /// "Thời gian thực hiện".
    pub timeframe: String,
    /// "Kết quả đầu ra" or "Sản phẩm".
    pub outputs: String,
    /// "Kinh phí".
    pub funding: String,
}

impl Default for TaskLabels {
    fn default() -> Self {
        TaskLabels {
            approach: "Giải pháp thực hiện".into(),
            lead: "Đơn vị chủ trì".into(),
            partners: "Đơn vị phối hợp".into(),
            timeframe: "Thời gian thực hiện".into(),
            outputs: "Kết quả đầu ra".into(),
            funding: "Kinh phí".into(),
        }
    }
}

/// The signature block, bottom right.
#[derive(Clone, Debug, Default)]
pub struct Signature {
    /// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH".
    pub authority: Vec<String>,
    /// "PHÓ CHỦ TỊCH".
    pub title: Option<String>,
    /// The signer.
    pub name: Option<String>,
}

/// A unit of the registry (`content/don-vi.yaml`).
#[derive(Clone, Debug)]
pub struct Unit {
    /// Stable id, also its URL segment.
    pub id: Slug,
    /// Official name.
    pub name: String,
    /// Its English name (NĐ 42/2022 asks a portal for its bodies' names in
    /// English), shown on its page.
    pub name_en: Option<String>,
    /// Other names plans use for it.
    pub aliases: Vec<String>,
    /// Level.
    pub level: Level,
    /// What it does, for its page.
    pub description: Option<String>,
    /// The place its names belong to ("Lạng Sơn"): its names and aliases
    /// match only in plans of that place (issuer, place or basis), so that
    /// "Sở Tư pháp" in a Lạng Sơn plan is Lạng Sơn's. `None`: everywhere.
    pub scope: Option<String>,
}

/// An awareness campaign (`content/chien-dich/*.md`).
#[derive(Clone, Debug)]
pub struct Campaign {
    /// Where it came from.
    pub source: SourcePath,
    /// URL segment.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Its first and last day; `None` for a campaign that runs all year
    /// round (its file has neither `start` nor `end`).
    pub dates: Option<CampaignDates>,
    /// One or two sentences.
    pub summary: Option<String>,
    /// Who it speaks to.
    pub audience: Vec<String>,
    /// Its key messages.
    pub messages: Vec<String>,
    /// Its events.
    pub events: Vec<CampaignEvent>,
    /// Linked articles, as `@/` content paths below `content/`.
    pub articles: Vec<(String, Option<crate::diag::Location>)>,
    /// Linked plan tasks, as `plan-slug#anchor`.
    pub tasks: Vec<(String, Option<crate::diag::Location>)>,
    /// Lead image.
    pub image: Option<Image>,
    /// Not published unless `--drafts`.
    pub draft: bool,
    /// The text.
    pub body: Body,
}

/// A campaign's first and last day (the last never before the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CampaignDates {
    /// First day.
    pub start: chrono::NaiveDate,
    /// Last day.
    pub end: chrono::NaiveDate,
}

/// One event of a campaign.
#[derive(Clone, Debug)]
pub struct CampaignEvent {
    /// What happens.
    pub title: String,
    /// The day.
    pub date: chrono::NaiveDate,
    /// Start time, when given.
    pub start: Option<chrono::NaiveTime>,
    /// End time, when given.
    pub end: Option<chrono::NaiveTime>,
    /// Where.
    pub place: Option<String>,
    /// More words.
    pub description: Option<String>,
}

/// A legal document of the registry (`content/van-ban.yaml`): what plans and
/// articles cite, and whether it is in force.
#[derive(Clone, Debug)]
pub struct LegalDoc {
    /// URL segment, from the number unless given.
    pub slug: Slug,
    /// "120/2025/QH15".
    pub number: String,
    /// "Luật", "Nghị định", "Quyết định"…
    pub kind: String,
    /// "Luật Phòng, chống ma túy"; may be unknown.
    pub title: Option<String>,
    /// "Quốc hội".
    pub issuer: Option<String>,
    /// Date passed or signed.
    pub date: Option<chrono::NaiveDate>,
    /// First day in force.
    pub in_force_from: Option<chrono::NaiveDate>,
    /// Last day in force, when it has ended.
    pub in_force_until: Option<chrono::NaiveDate>,
    /// Number of the document that replaced it.
    pub replaced_by: Option<String>,
    /// Where its text or an official summary can be read.
    pub url: Option<String>,
    /// A note for readers (amendments, what is still to be checked).
    pub note: Option<String>,
    /// Where its entry starts in the registry, for messages.
    pub at: Option<crate::diag::Location>,
}

impl LegalDoc {
    /// Whether it is in force on `day`: started (when known) and not ended.
    pub fn in_force_on(&self, day: chrono::NaiveDate) -> bool {
        self.in_force_from.is_none_or(|from| from <= day)
            && self.in_force_until.is_none_or(|until| day <= until)
    }

    /// Whether it has ended by `day`.
    pub fn ended_by(&self, day: chrono::NaiveDate) -> bool {
        self.in_force_until.is_some_and(|until| until < day)
    }

    /// "Luật Phòng, chống ma túy số 120/2025/QH15"; "Quyết định số 3199/QĐ-BTP"
    /// when the title is unknown.
    pub fn display_name(&self) -> String {
        match &self.title {
            Some(t) if t.starts_with(&self.kind) => format!("{t} số {}", self.number),
            Some(t) => format!("{} số {} {t}", self.kind, self.number),
            None => format!("{} số {}", self.kind, self.number),
        }
    }
}

/// How document numbers are compared: no spaces or dashes, upper case, so
/// "1393/QĐLĐTBXH" (as one plan prints it) is "1393/QĐ-LĐTBXH".
pub fn number_key(number: &str) -> String {
    number
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2013}' | '\u{2011}'))
        .flat_map(char::to_uppercase)
        .collect()
}
