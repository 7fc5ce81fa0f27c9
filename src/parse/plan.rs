//! Plan files (`content/ke-hoach/*.yaml`) → [`Plan`]: the raw serde shape a
//! clerk types from paper, then checks that name file, line and column.

use serde::Deserialize;

use super::timeframe::read_timeframe;
use super::{OneOrMany, RawLevel, Text};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{
    Basis, Block, DocNumber, DocumentRef, PartialDate, Period, Plan, PlanIssuer, Role, Signature,
    Slug, Span, TaskFields, TaskLabels, TaskLine, Timeframe,
};
use crate::source::SourceFile;
use crate::yaml;

/// Every key a plan file knows, for typo suggestions.
pub const KNOWN_KEYS: &[&str] = &[
    "slug",
    "number",
    "issuer",
    "name",
    "parent",
    "level",
    "place",
    "issued",
    "title",
    "topics",
    "summary",
    "audience",
    "basis",
    "text",
    "documents",
    "kind",
    "date",
    "plan",
    "preamble",
    "body",
    "role",
    "items",
    "approach",
    "lead",
    "partners",
    "timeframe",
    "outputs",
    "indicator",
    "period",
    "from",
    "to",
    "implements",
    "closing",
    "recipients",
    "signature",
    "authority",
    "labels",
    "funding",
    "lead_in_text",
    "partners_in_text",
];

#[derive(Deserialize)]
struct RawPlan {
    slug: Option<String>,
    number: Option<String>,
    issuer: RawIssuer,
    place: Option<String>,
    issued: Option<Text>,
    title: Text,
    #[serde(default)]
    topics: OneOrMany,
    summary: Option<String>,
    #[serde(default)]
    audience: OneOrMany,
    #[serde(default)]
    basis: Vec<RawBasis>,
    #[serde(default)]
    preamble: OneOrMany,
    #[serde(default)]
    body: Vec<RawBlock>,
    #[serde(default)]
    closing: OneOrMany,
    #[serde(default)]
    recipients: OneOrMany,
    #[serde(default)]
    signature: RawSignature,
    #[serde(default)]
    labels: RawLabels,
    period: Option<RawPeriod>,
}

#[derive(Deserialize)]
struct RawIssuer {
    name: String,
    parent: Option<String>,
    level: RawLevel,
}

#[derive(Deserialize)]
struct RawBasis {
    text: String,
    #[serde(default)]
    documents: Vec<RawDocument>,
}

#[derive(Deserialize)]
struct RawDocument {
    kind: String,
    number: Option<String>,
    date: Option<Text>,
    issuer: Option<String>,
    title: Option<String>,
    implements: Option<String>,
    plan: Option<String>,
}

#[derive(Default)]
struct RawBlock {
    number: Option<Text>,
    title: Option<String>,
    text: OneOrMany,
    role: Option<RawRole>,
    approach: OneOrMany,
    lead: Option<String>,
    partners: Option<String>,
    lead_in_text: Option<String>,
    partners_in_text: Option<String>,
    timeframe: Option<String>,
    period: Option<RawPeriod>,
    outputs: OneOrMany,
    funding: OneOrMany,
    indicator: Option<String>,
    labels: Option<RawLabels>,
    items: Vec<RawBlock>,
    /// The labelled lines and `items`, in the order the file writes them:
    /// the page shows them in that order, as the paper does.
    order: Vec<TaskLine>,
}

/// By hand rather than derived, to keep the order of the keys.
impl<'de> Deserialize<'de> for RawBlock {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = RawBlock;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một mục của kế hoạch (number, title, text, items…)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawBlock, A::Error> {
                let mut b = RawBlock::default();
                let mut seen: Vec<String> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if seen.contains(&key) {
                        return Err(serde::de::Error::custom(format!(
                            "khóa `{key}` được ghi hai lần trong cùng một mục"
                        )));
                    }
                    seen.push(key.clone());
                    let mut line = |l: TaskLine| b.order.push(l);
                    match key.as_str() {
                        "number" => b.number = map.next_value()?,
                        "title" => b.title = map.next_value()?,
                        "text" => b.text = map.next_value()?,
                        "role" => b.role = map.next_value()?,
                        "approach" => {
                            line(TaskLine::Approach);
                            b.approach = map.next_value()?
                        }
                        "lead" => {
                            line(TaskLine::Lead);
                            b.lead = map.next_value()?
                        }
                        "partners" => {
                            line(TaskLine::Partners);
                            b.partners = map.next_value()?
                        }
                        "timeframe" => {
                            line(TaskLine::Timeframe);
                            b.timeframe = map.next_value()?
                        }
                        "outputs" => {
                            line(TaskLine::Outputs);
                            b.outputs = map.next_value()?
                        }
                        "funding" => {
                            line(TaskLine::Funding);
                            b.funding = map.next_value()?
                        }
                        "items" => {
                            line(TaskLine::Items);
                            b.items = map.next_value()?
                        }
                        "lead_in_text" => b.lead_in_text = map.next_value()?,
                        "partners_in_text" => b.partners_in_text = map.next_value()?,
                        "period" => b.period = map.next_value()?,
                        "indicator" => b.indicator = map.next_value()?,
                        "labels" => b.labels = map.next_value()?,
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(b)
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum RawRole {
    Purposes,
    Requirements,
    Scope,
    TargetGroups,
    Objectives,
    Tasks,
    Funding,
    Responsibilities,
    Duration,
}

impl From<RawRole> for Role {
    fn from(raw: RawRole) -> Role {
        match raw {
            RawRole::Purposes => Role::Purposes,
            RawRole::Requirements => Role::Requirements,
            RawRole::Scope => Role::Scope,
            RawRole::TargetGroups => Role::TargetGroups,
            RawRole::Objectives => Role::Objectives,
            RawRole::Tasks => Role::Tasks,
            RawRole::Funding => Role::Funding,
            RawRole::Responsibilities => Role::Responsibilities,
            RawRole::Duration => Role::Duration,
        }
    }
}

#[derive(Deserialize, Default)]
struct RawSignature {
    #[serde(default)]
    authority: OneOrMany,
    title: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize, Default)]
struct RawLabels {
    approach: Option<String>,
    lead: Option<String>,
    partners: Option<String>,
    timeframe: Option<String>,
    outputs: Option<String>,
    funding: Option<String>,
}

impl RawLabels {
    /// `base` with the labels given here in place of its own.
    fn over(self, base: &TaskLabels) -> TaskLabels {
        let pick = |own: Option<String>, base: &String| {
            own.map(|l| l.trim().trim_end_matches(':').trim().to_string())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| base.clone())
        };
        TaskLabels {
            approach: pick(self.approach, &base.approach),
            lead: pick(self.lead, &base.lead),
            partners: pick(self.partners, &base.partners),
            timeframe: pick(self.timeframe, &base.timeframe),
            outputs: pick(self.outputs, &base.outputs),
            funding: pick(self.funding, &base.funding),
        }
    }
}

#[derive(Deserialize)]
struct RawPeriod {
    from: Text,
    to: Option<Text>,
}

/// Parses one plan file; `None` (with errors pushed) when it cannot be used.
pub fn parse_plan(file: &SourceFile, diags: &mut Diagnostics) -> Option<Plan> {
    let path = file.path.as_str();
    let text = &file.text;
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error(path, "tệp kế hoạch trống")
                .with_help("chạy `loa new plan \"Tên kế hoạch\"` để có tệp mẫu"),
        );
        return None;
    }
    let raw: RawPlan = yaml::from_str(path, text, KNOWN_KEYS, diags)?;
    let draft = super::unpublished_placeholders(path, text, "kế hoạch", true, diags);
    let before = diags.count(crate::diag::Severity::Error);
    let at = |key: &str| yaml::key_location(text, key);
    let mut locator = Locator::new(text);

    let slug = match &raw.slug {
        Some(s) => Slug::parse(s.trim()).or_else(|| {
            diags.push(Slug::invalid(path, s, at("slug")));
            None
        }),
        None => Slug::from_text(file.path.stem()).or_else(|| {
            diags.push(
                Diagnostic::error(path, "không tạo được đường dẫn (slug) từ tên tệp")
                    .with_help("thêm `slug: ten-ke-hoach`"),
            );
            None
        }),
    };
    let title = raw.title.0.trim().to_string();
    if title.is_empty() {
        diags.push(
            Diagnostic::error(path, "`title` (trích yếu của kế hoạch) không được để trống")
                .located(at("title")),
        );
    }
    if raw.issuer.name.trim().is_empty() {
        diags.push(
            Diagnostic::error(path, "`issuer.name` (cơ quan ban hành) không được để trống")
                .located(at("issuer")),
        );
    }
    let number = raw.number.as_deref().and_then(|n| {
        let parsed = parse_number(n);
        if parsed.is_none() {
            diags.push(
                Diagnostic::error(
                    path,
                    format!("số kế hoạch `{n}` không đúng dạng số/ký hiệu"),
                )
                .located(at("number"))
                .with_help("ví dụ `number: 73/KH-UBND`; khi chưa có số, viết `number: /KH-UBND`"),
            );
        }
        parsed
    });
    let issued = raw
        .issued
        .as_ref()
        .and_then(|t| partial_date("issued", &t.0, diags, path, at("issued")));

    let mut basis = Vec::new();
    for b in raw.basis {
        let mut documents = Vec::new();
        for d in b.documents {
            let date = d.date.as_ref().and_then(|t| {
                let here = locator.find(&t.0);
                partial_date("date", &t.0, diags, path, here)
            });
            let plan_at = d.plan.as_deref().and_then(|p| locator.find(p));
            let plan = d.plan.as_deref().and_then(|p| {
                Slug::parse(p).or_else(|| {
                    diags.push(
                        Diagnostic::error(
                            path,
                            format!("`plan: {p}` không phải là đường dẫn (slug) hợp lệ"),
                        )
                        .located(plan_at),
                    );
                    None
                })
            });
            documents.push(DocumentRef {
                kind: d.kind,
                number: d.number,
                date,
                issuer: d.issuer,
                title: d.title,
                implements: d.implements,
                plan,
                plan_at,
            });
        }
        basis.push(Basis {
            text: b.text.trim().to_string(),
            documents,
        });
    }

    let labels = raw.labels.over(&TaskLabels::default());

    let mut ctx = BlockContext {
        path,
        diags,
        locator: &mut locator,
        anchors: Default::default(),
        bare_numbers: bare_numbers(text),
    };
    let body: Vec<Block> = raw
        .body
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            ctx.block(
                b,
                Position {
                    parent: None,
                    section: None,
                    index: i + 1,
                    role: None,
                    labels: &labels,
                },
            )
        })
        .collect();

    let explicit = raw
        .period
        .as_ref()
        .and_then(|p| period_from(p, path, ctx.diags, ctx.locator));
    let duration = find_role(&body, Role::Duration).map(|b| b.text.join(" "));
    let period = explicit
        .or_else(|| duration.as_deref().and_then(read_timeframe))
        .or_else(|| union_of_tasks(&body));

    if ctx.diags.count(crate::diag::Severity::Error) > before {
        return None;
    }
    if period.is_none() {
        ctx.diags.push(
            Diagnostic::warning(path, "kế hoạch không có thời gian thực hiện nào loa đọc được: trang không xếp được kế hoạch theo năm, không biết kế hoạch đang thực hiện hay đã kết thúc")
                .located(at("title"))
                .with_help("ghi `timeframe` cho các nhiệm vụ, hoặc thời gian của cả kế hoạch: `period: {from: 2026-04, to: 2030}`"),
        );
    }
    // A topic is written as its slug (`giam-ngheo`) or its name (`Giảm
    // nghèo`); a name is kept to be shown as written.
    let mut topics = Vec::new();
    let mut topic_names = Vec::new();
    for t in raw
        .topics
        .0
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        let Some(slug) = Slug::from_text(t) else {
            continue;
        };
        let slug = slug.as_str().to_string();
        if !crate::text::is_slug(t) {
            topic_names.push((slug.clone(), t.to_string()));
        }
        if !topics.contains(&slug) {
            topics.push(slug);
        }
    }
    Some(Plan {
        source: file.path.clone(),
        slug: slug?,
        number,
        issuer: PlanIssuer {
            name: raw.issuer.name.trim().to_string(),
            parent: raw.issuer.parent.filter(|p| !p.trim().is_empty()),
            level: raw.issuer.level.into(),
        },
        place: raw.place.filter(|p| !p.trim().is_empty()),
        issued,
        title,
        topics,
        draft,
        topic_names,
        topics_at: at("topics"),
        summary: raw.summary.filter(|s| !s.trim().is_empty()),
        audience: raw.audience.0,
        basis,
        preamble: paragraphs(raw.preamble),
        body,
        closing: paragraphs(raw.closing),
        recipients: raw.recipients.0,
        signature: Signature {
            authority: raw.signature.authority.0,
            title: raw.signature.title,
            name: raw.signature.name,
        },
        labels,
        period,
        duration,
        mentions: super::documents::document_numbers(&file.text),
    })
}

struct BlockContext<'a, 'd> {
    path: &'a str,
    diags: &'d mut Diagnostics,
    locator: &'d mut Locator<'a>,
    anchors: std::collections::BTreeSet<String>,
    /// Numbers written without quotes that YAML reads as numbers ("2." →
    /// 2, "1.10" → 1.1): as YAML read them → as written.
    bare_numbers: std::collections::BTreeMap<String, String>,
}

/// `number: 2.` and `number: 1.10` written without quotes: YAML reads them
/// as the numbers 2 and 1.1; the page must show "2." and "1.10".
fn bare_numbers(text: &str) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for line in text.lines() {
        let item = line.trim_start().trim_start_matches("- ");
        let Some(value) = item.strip_prefix("number:") else {
            continue;
        };
        let value = value.split(" #").next().unwrap_or(value).trim();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            continue;
        }
        if let Ok(read) = value.parse::<f64>() {
            out.insert(read.to_string(), value.to_string());
        }
    }
    out
}

/// Where a block sits, for its anchor and derived fields.
#[derive(Clone, Copy)]
struct Position<'p> {
    /// Anchor of the parent block, if any.
    parent: Option<&'p str>,
    /// Anchor of the top-level section ("muc-iii"), if any.
    section: Option<&'p str>,
    /// 1-based position among siblings.
    index: usize,
    /// Role inherited from an ancestor.
    role: Option<Role>,
    /// Labels in force where the block is.
    labels: &'p TaskLabels,
}

impl BlockContext<'_, '_> {
    fn block(&mut self, raw: RawBlock, pos: Position) -> Block {
        let number = raw
            .number
            .map(|t| t.0.trim().to_string())
            .filter(|n| !n.is_empty())
            .map(|n| self.bare_numbers.get(&n).cloned().unwrap_or(n));
        let title = raw
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let text = paragraphs(raw.text);
        // Find the block's line: its first written value, searched from the
        // previous block onward, since blocks come in file order.
        let probe = title
            .clone()
            .or_else(|| text.first().cloned())
            .or_else(|| number.clone());
        let here = probe
            .as_deref()
            .and_then(|p| self.locator.find(first_words(p)));
        let anchor = self.anchor(number.as_deref(), pos);
        let role = raw.role.map(Role::from);
        let inherited = role.or(pos.role);
        let labels = match raw.labels {
            Some(own) => own.over(pos.labels),
            None => pos.labels.clone(),
        };

        for (key, value) in [("lead", &raw.lead), ("partners", &raw.partners)] {
            if let Some(v) = value {
                if !v.trim().is_empty() && v.chars().all(|c| !c.is_alphabetic()) {
                    self.diags.push(
                        Diagnostic::error(self.path, format!("`{key}: {v}` phải là tên đơn vị, không phải một con số"))
                            .located(self.locator.find_key(key))
                            .with_help("viết tên đơn vị như trên văn bản, ví dụ `lead: Văn phòng HĐND và UBND xã.`"),
                    );
                }
            }
        }
        let timeframe = raw.timeframe.map(|t| {
            let text = t.trim().to_string();
            let explicit = raw.period.as_ref().and_then(|p| period_from(p, self.path, self.diags, self.locator));
            let period = explicit.or_else(|| read_timeframe(&text));
            if period.is_none() {
                self.diags.push(
                    Diagnostic::warning(self.path, format!("không đọc được thời gian thực hiện `{text}`; mục này không có trên biểu đồ tiến độ"))
                        .located(self.locator.find(first_words(&text)))
                        .with_help("nếu cần, ghi rõ thêm `period: {from: 2026-04, to: 2030}` ngay dưới dòng `timeframe`"),
                );
            }
            Timeframe { text, period }
        });
        // A unit named inside the sentence: it must be there, word for word.
        let (lead_written, lead_in_text) =
            self.named_in_text("lead", raw.lead, raw.lead_in_text, &title, &text);
        let (partners_written, partners_in_text) = self.named_in_text(
            "partners",
            raw.partners,
            raw.partners_in_text,
            &title,
            &text,
        );
        let raw_lead = lead_written.clone().or(lead_in_text.clone());
        let raw_partners = partners_written.clone().or(partners_in_text.clone());
        let lead_at = raw_lead.as_ref().and_then(|_| {
            self.locator.find_key(if lead_written.is_some() {
                "lead"
            } else {
                "lead_in_text"
            })
        });
        let partners_at = raw_partners.as_ref().and_then(|_| {
            self.locator.find_key(if partners_written.is_some() {
                "partners"
            } else {
                "partners_in_text"
            })
        });
        let task = TaskFields {
            lead_at,
            partners_at,
            approach: paragraphs(raw.approach),
            lead: raw_lead
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            partners: raw_partners
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            lead_in_text: lead_in_text.is_some(),
            partners_in_text: partners_in_text.is_some(),
            timeframe,
            outputs: paragraphs(raw.outputs),
            funding: paragraphs(raw.funding),
            order: raw.order,
        };
        let section = if pos.parent.is_none() {
            Some(anchor.as_str())
        } else {
            pos.section
        };
        let items: Vec<Block> = raw
            .items
            .into_iter()
            .enumerate()
            .map(|(i, b)| {
                self.block(
                    b,
                    Position {
                        parent: Some(&anchor),
                        section,
                        index: i + 1,
                        role: inherited,
                        labels: &labels,
                    },
                )
            })
            .collect();
        if title.is_none() && text.is_empty() && items.is_empty() && task.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    self.path,
                    format!(
                        "mục {} không có nội dung: cần ít nhất `title`, `text` hoặc `items`",
                        number.as_deref().unwrap_or("(không số)")
                    ),
                )
                .located(here)
                .with_help("chép nguyên văn nội dung của mục này từ văn bản giấy vào `text: …`"),
            );
        }
        let indicator = raw.indicator.or_else(|| {
            (inherited == Some(Role::Objectives))
                .then(|| text.first().and_then(|t| derive_indicator(t)))
                .flatten()
        });
        Block {
            number,
            title,
            text,
            role,
            task,
            indicator,
            items,
            anchor,
            labels,
            line: here.map(|l| l.line),
        }
    }

    /// `lead` and `lead_in_text` (or the partners' pair): at most one of
    /// them, and the one "in text" must be in the block's title or text as
    /// written. Returns (written on its own line, named in the text).
    fn named_in_text(
        &mut self,
        key: &str,
        written: Option<String>,
        in_text: Option<String>,
        title: &Option<String>,
        text: &[String],
    ) -> (Option<String>, Option<String>) {
        let in_text = in_text
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let Some(name) = in_text else {
            return (written, None);
        };
        let where_key = format!("{key}_in_text");
        if written.is_some() {
            self.diags.push(
                Diagnostic::error(self.path, format!("mục có cả `{key}` và `{where_key}`; chỉ giữ một"))
                    .located(self.locator.find_key(&where_key))
                    .with_help(format!("`{key}` khi văn bản có dòng riêng, `{where_key}` khi tên đơn vị chỉ nằm trong câu")),
            );
            return (written, None);
        }
        let found = title.iter().chain(text).any(|t| t.contains(&name));
        if !found {
            self.diags.push(
                Diagnostic::error(
                    self.path,
                    format!("`{where_key}: {name}` không có trong câu của mục này"),
                )
                .located(self.locator.find_key(&where_key))
                .with_help("chép đúng tên đơn vị như trong câu (cả chữ hoa, chữ thường)"),
            );
            return (None, None);
        }
        (None, Some(name))
    }

    /// A stable anchor from the numbering: "III." → `muc-iii`, "1." below it
    /// → `muc-iii-1`, "1.1." (which carries its parent's number) →
    /// `muc-iii-1-1`, "a)" → `muc-iii-1-1-a`, a "-" bullet → `…-g2`.
    fn anchor(&mut self, number: Option<&str>, pos: Position) -> String {
        let segment = number.map(crate::text::slugify).unwrap_or_default();
        let dotted = number.is_some_and(|n| n.trim_end_matches('.').contains('.'));
        let wanted = match (pos.parent, segment.is_empty()) {
            (None, false) => format!("muc-{segment}"),
            (None, true) => format!("muc-{}", pos.index),
            (Some(parent), true) => format!("{parent}-g{}", pos.index),
            (Some(_), false) if dotted => format!("{}-{segment}", pos.section.unwrap_or("muc")),
            (Some(parent), false) => format!("{parent}-{segment}"),
        };
        let mut anchor = wanted.clone();
        let mut n = 2;
        while !self.anchors.insert(anchor.clone()) {
            anchor = format!("{wanted}-{n}");
            n += 1;
        }
        anchor
    }
}

/// The figure of an objective: "Trên 80%", "100%", "dưới 1%".
pub fn derive_indicator(text: &str) -> Option<String> {
    let percent = text.find('%')?;
    let before = &text[..percent];
    let digits_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ',' || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let figure = &text[digits_start..=percent];
    let words: Vec<&str> = before[..digits_start].split_whitespace().collect();
    let qualifier = words.last().filter(|w| {
        ["trên", "dưới", "đạt", "tối", "thiểu", "ít", "nhất"].contains(&w.to_lowercase().as_str())
    });
    Some(match qualifier {
        Some(q) => format!("{q} {figure}"),
        None => figure.to_string(),
    })
}

/// Finds lines in the YAML text, moving forward as blocks are read in order.
struct Locator<'a> {
    lines: Vec<&'a str>,
    cursor: usize,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Locator<'a> {
        Locator {
            lines: text.lines().collect(),
            cursor: 0,
        }
    }

    /// The next line (from the cursor) holding `needle`; moves the cursor there.
    fn find(&mut self, needle: &str) -> Option<Location> {
        if needle.is_empty() {
            return None;
        }
        let found = (self.cursor..self.lines.len())
            .chain(0..self.cursor)
            .find(|&i| self.lines[i].contains(needle))?;
        self.cursor = found;
        let column = self.lines[found]
            .find(needle)
            .map_or(1, |b| self.lines[found][..b].chars().count() + 1);
        Some(Location {
            line: found as u32 + 1,
            column: column as u32,
        })
    }

    /// The next `key:` line from the cursor, pointing at its value.
    fn find_key(&mut self, key: &str) -> Option<Location> {
        let rest: String = self.lines[self.cursor.min(self.lines.len())..].join("\n");
        let at = yaml::key_location(&rest, key)?;
        Some(Location {
            line: at.line + self.cursor as u32,
            column: at.column,
        })
    }
}

fn first_words(text: &str) -> &str {
    // Long paragraphs are folded by YAML; the first few words are on the first line.
    let end = text.char_indices().nth(40).map_or(text.len(), |(i, _)| i);
    let cut = &text[..end];
    match cut.rfind(' ') {
        Some(i) if end < text.len() => &cut[..i],
        _ => cut,
    }
}

fn paragraphs(values: OneOrMany) -> Vec<String> {
    values
        .0
        .into_iter()
        .flat_map(|v| {
            v.split("\n\n")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn period_from(
    raw: &RawPeriod,
    path: &str,
    diags: &mut Diagnostics,
    locator: &mut Locator,
) -> Option<Period> {
    let here = locator.find(&raw.from.0);
    let start = partial_date("period.from", &raw.from.0, diags, path, here)?;
    let (open_ended, end) = match &raw.to {
        None => (true, start),
        Some(to) => {
            let here = locator.find(&to.0);
            (false, partial_date("period.to", &to.0, diags, path, here)?)
        }
    };
    let span = Span {
        start: first_day(start)?,
        end: last_day(end)?,
    };
    Some(Period {
        spans: vec![span],
        open_ended,
        recurrence: None,
        conditional: false,
    })
}

/// The plan's period from its tasks': first start to last end, without end
/// when some task has none ("và những năm tiếp theo").
fn union_of_tasks(blocks: &[Block]) -> Option<Period> {
    let mut spans = Vec::new();
    let mut open_ended = false;
    fn walk(blocks: &[Block], spans: &mut Vec<Span>, open_ended: &mut bool) {
        for b in blocks {
            if let Some(p) = b.task.timeframe.as_ref().and_then(|t| t.period.as_ref()) {
                spans.extend(p.spans.iter().copied());
                *open_ended |= p.open_ended && !p.spans.is_empty();
            }
            walk(&b.items, spans, open_ended);
        }
    }
    walk(blocks, &mut spans, &mut open_ended);
    let start = spans.iter().map(|s| s.start).min()?;
    let end = spans.iter().map(|s| s.end).max()?;
    Some(Period {
        spans: vec![Span { start, end }],
        open_ended,
        ..Period::default()
    })
}

fn find_role(blocks: &[Block], role: Role) -> Option<&Block> {
    for b in blocks {
        if b.role == Some(role) {
            return Some(b);
        }
        if let Some(found) = find_role(&b.items, role) {
            return Some(found);
        }
    }
    None
}

/// "73/KH-UBND" → 73 + KH-UBND; "/KH-UBND" or " /KH-UBND" → blank number.
pub fn parse_number(text: &str) -> Option<DocNumber> {
    let (no, symbol) = text.split_once('/')?;
    let no = no.trim();
    let symbol = symbol.trim();
    if symbol.is_empty() || no.contains(char::is_whitespace) {
        return None;
    }
    Some(DocNumber {
        no: (!no.is_empty()).then(|| no.to_string()),
        symbol: symbol.to_string(),
    })
}

/// A plan's date that may leave out its day or month, or an error that
/// says why not (two-digit year, impossible day, unknown form).
fn partial_date(
    key: &str,
    text: &str,
    diags: &mut Diagnostics,
    path: &str,
    at: Option<Location>,
) -> Option<PartialDate> {
    match super::date::read_partial_date(text) {
        Ok(date) => Some(date),
        Err(problem) => {
            let (message, help) = problem.message(key, text);
            let help = match problem {
                super::date::DateProblem::Unknown => {
                    format!("viết {}", super::date::PARTIAL_FORMS)
                }
                _ => help,
            };
            diags.push(Diagnostic::error(path, message).located(at).with_help(help));
            None
        }
    }
}

/// "2026-04-12", "12/4/2026", "2026-04", "4/2026", "2026", "tháng 4 năm
/// 2026": [`super::date::read_partial_date`] without saying why not.
pub fn parse_partial_date(text: &str) -> Option<PartialDate> {
    super::date::read_partial_date(text).ok()
}

fn first_day(d: PartialDate) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

fn last_day(d: PartialDate) -> Option<chrono::NaiveDate> {
    if let Some(day) = d.day {
        return chrono::NaiveDate::from_ymd_opt(d.year, d.month?, day);
    }
    let m = d.month.unwrap_or(12);
    let next = if m == 12 {
        chrono::NaiveDate::from_ymd_opt(d.year + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(d.year, m + 1, 1)
    };
    next?.pred_opt()
}
