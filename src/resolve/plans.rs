//! Plans across the site: every task with its units and effective period,
//! every unit's responsibilities, and the matching of unit names as plans
//! write them against the unit registry. Pure.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{Block, Period, Plan, Role, Unit};
use crate::parse::units::name_key;

/// One task of one plan, with what loa derived for it.
#[derive(Clone, Debug)]
pub struct TaskRef {
    /// Index into `Site::plans`.
    pub plan: usize,
    /// The task's anchor on its plan page.
    pub anchor: String,
    /// Its numbering from the top: "II.1.a)".
    pub path: String,
    /// Its heading or its first paragraph.
    pub title: String,
    /// Đơn vị chủ trì as written (own or inherited).
    pub lead_text: Option<String>,
    /// Đơn vị phối hợp as written (own or inherited).
    pub partners_text: Option<String>,
    /// Indexes into `Site::units` recognised in `lead_text`.
    pub lead: Vec<usize>,
    /// Indexes into `Site::units` recognised in `partners_text`.
    pub partners: Vec<usize>,
    /// Thời gian thực hiện as written (own or inherited).
    pub timeframe: Option<String>,
    /// The period used for the timeline and status: the task's own, or its
    /// parent's, or the plan's.
    pub period: Option<Period>,
}

/// What one unit must do under one plan ("Tổ chức thực hiện").
#[derive(Clone, Debug)]
pub struct Responsibility {
    /// Index into `Site::plans`.
    pub plan: usize,
    /// Anchor of the block on the plan page.
    pub anchor: String,
    /// Index into `Site::units`.
    pub unit: usize,
}

/// Recognises unit names in text, longest name first.
pub struct UnitMatcher {
    names: Vec<(String, usize)>,
}

impl UnitMatcher {
    /// Every name and alias of every unit without a `scope`.
    pub fn new(units: &[Unit]) -> UnitMatcher {
        UnitMatcher::for_area(units, "", "")
    }

    /// The names that hold in a plan of `plan`'s place: units without a
    /// scope, and units whose scope the plan's issuer or place names (or,
    /// failing those, its basis). When two units share a name, the one of
    /// the plan's own place wins.
    pub fn for_plan(units: &[Unit], plan: &Plan) -> UnitMatcher {
        let primary = [
            plan.issuer.name.as_str(),
            plan.issuer.parent.as_deref().unwrap_or(""),
            plan.place.as_deref().unwrap_or(""),
        ]
        .join("\n");
        let secondary: String = plan
            .basis
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        UnitMatcher::for_area(units, &primary, &secondary)
    }

    /// As [`UnitMatcher::for_plan`], from the text that names the plan's
    /// place (`primary`: issuer, place) and its basis (`secondary`).
    pub fn for_area(units: &[Unit], primary: &str, secondary: &str) -> UnitMatcher {
        let primary = primary.to_lowercase();
        let secondary = secondary.to_lowercase();
        // 0: of the plan's own place, 1: of a place its basis names,
        // 2: of every place; a unit of another place is left out.
        let rank = |u: &Unit| match u.scope.as_deref().map(str::to_lowercase) {
            None => Some(2),
            Some(place) if primary.contains(&place) => Some(0),
            Some(place) if secondary.contains(&place) => Some(1),
            Some(_) => None,
        };
        let mut names: Vec<(String, usize, u8)> = units
            .iter()
            .enumerate()
            .filter_map(|(i, u)| rank(u).map(|r| (i, u, r)))
            .flat_map(|(i, u, r)| {
                std::iter::once(&u.name)
                    .chain(&u.aliases)
                    .map(move |n| (name_key(n), i, r))
            })
            .filter(|(n, _, _)| !n.is_empty())
            .collect();
        names.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(&b.0))
                .then(a.2.cmp(&b.2))
        });
        names.dedup_by(|later, first| later.0 == first.0);
        UnitMatcher {
            names: names.into_iter().map(|(n, i, _)| (n, i)).collect(),
        }
    }

    /// The units named in `text` (in order of appearance, once each), and
    /// the parts of the text that look like a unit but match none.
    pub fn find(&self, text: &str) -> (Vec<usize>, Vec<String>) {
        let lower = text.to_lowercase();
        let mut covered = vec![false; lower.len()];
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (name, unit) in &self.names {
            let mut from = 0;
            while let Some(i) = lower[from..].find(name.as_str()).map(|i| i + from) {
                let end = i + name.len();
                let boundary_before = lower[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let boundary_after = lower[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                if boundary_before && boundary_after && !covered[i..end].iter().any(|c| *c) {
                    covered[i..end].iter_mut().for_each(|c| *c = true);
                    found.push((i, *unit));
                }
                from = end;
            }
        }
        found.sort();
        let mut units = Vec::new();
        for (_, u) in found {
            if !units.contains(&u) {
                units.push(u);
            }
        }
        // What is left, split into the names a clerk would have listed.
        // Lowercasing keeps byte lengths for Vietnamese; if some letter did
        // not, read the rest from the lowercased text instead.
        let source = if lower.len() == text.len() {
            text
        } else {
            lower.as_str()
        };
        let mut rest = String::with_capacity(text.len());
        for (i, c) in source.char_indices() {
            rest.push(if covered[i] { ',' } else { c });
        }
        // Once a clause turns generic ("các cơ quan, tổ chức có liên quan đến
        // công tác phòng, chống ma túy, …"), the rest of it is description.
        let mut unknown = Vec::new();
        for clause in rest.replace(['(', ')'], ";").split(';') {
            for segment in clause.replace(" và ", ",").split(',') {
                let segment = segment.trim().trim_end_matches(['.', ':']).trim();
                if !segment.chars().any(char::is_alphabetic) {
                    continue;
                }
                if is_generic(segment) {
                    break;
                }
                // A partners line may be a sentence ("Ủy ban nhân dân các xã,
                // phường, thị trấn nơi tổ chức …"): only what reads as the
                // name of a body is taken for an unknown unit.
                if names_a_unit(segment) {
                    unknown.push(segment.to_string());
                }
            }
        }
        (units, unknown)
    }

    /// The registry name nearest to `name`, when it is close enough.
    pub fn nearest<'u>(&self, name: &str, units: &'u [Unit]) -> Option<&'u str> {
        let key = name_key(name);
        self.names
            .iter()
            .map(|(n, u)| (strsim::normalized_damerau_levenshtein(&key, n), *u))
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, u)| units[u].name.as_str())
    }
}

/// True when `segment` reads as the name of a body: it opens with the word
/// for one ("Sở", "Phòng", "Trung tâm", "Công an", "Hội", …) and is short.
pub fn names_a_unit(segment: &str) -> bool {
    const BODIES: &[&str] = &[
        "sở ",
        "phòng ",
        "trung tâm ",
        "ủy ban ",
        "uỷ ban ",
        "ubnd ",
        "hđnd ",
        "công an ",
        "hội ",
        "đoàn ",
        "ban ",
        "văn phòng ",
        "trạm ",
        "công chức ",
        "đài ",
        "bộ ",
        "cơ sở ",
        "trường ",
        "bệnh viện ",
        "chi hội ",
        "viện kiểm sát ",
        "tòa án ",
        "toà án ",
        "mặt trận ",
        "cục ",
        "chi cục ",
        "trại ",
        "đồn ",
        "liên đoàn ",
        "thanh tra ",
        "kho bạc ",
        "bảo hiểm ",
        "ngân hàng ",
        "quỹ ",
        "tổ ",
        "nhà ",
        "cơ quan ",
    ];
    let lower = segment.to_lowercase();
    lower.split_whitespace().count() <= 10
        && BODIES
            .iter()
            .any(|b| lower.starts_with(b) || lower == b.trim_end())
}

/// Words that name no particular unit: "các cơ quan, tổ chức có liên quan".
fn is_generic(segment: &str) -> bool {
    let s = segment.to_lowercase();
    let words = s.split_whitespace().count();
    words <= 1
        || s.starts_with("các ")
        || s.starts_with("những ")
        || s.starts_with("và ")
        || s.contains("có liên quan")
        || s.contains("liên quan đến")
        || s.starts_with("tổ chức")
        || s.starts_with("cá nhân")
        || s.starts_with("cơ quan, tổ chức")
}

/// The name of every plan topic: loa's own, then site.yaml's, then the
/// names plans write. A topic no list knows is warned about, with the
/// nearest known one: a slip ("phong-chong-ma-tuyy") shows, and a new
/// topic is declared once in site.yaml.
pub fn topic_names(
    config: &crate::config::SiteConfig,
    plans: &[Plan],
    diags: &mut Diagnostics,
) -> std::collections::BTreeMap<String, String> {
    let mut names: std::collections::BTreeMap<String, String> = crate::model::KNOWN_TOPICS
        .iter()
        .map(|(slug, name)| (slug.to_string(), name.to_string()))
        .collect();
    for (slug, name) in &config.topics {
        names.insert(slug.clone(), name.clone());
    }
    let declared = names.clone();
    for plan in plans {
        for (slug, name) in &plan.topic_names {
            names.entry(slug.clone()).or_insert_with(|| name.clone());
        }
    }
    for plan in plans {
        for slug in &plan.topics {
            if declared.contains_key(slug) {
                continue;
            }
            let written = plan
                .topic_names
                .iter()
                .find(|(s, _)| s == slug)
                .map_or(slug.as_str(), |(_, n)| n.as_str());
            let nearest = declared
                .iter()
                .map(|(s, n)| (strsim::normalized_levenshtein(s, slug), s, n))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let mut d = Diagnostic::warning(
                plan.source.as_str(),
                format!("chủ đề `{written}` chưa có trong danh sách chủ đề"),
            )
            .located(plan.topics_at);
            // A topic written as its name suggests that name; a bare slug
            // asks for one.
            let name = names.get(slug).map_or("Tên chủ đề", String::as_str);
            let declare = format!(
                "nếu đúng là chủ đề mới, khai báo trong site.yaml: `topics: {{{slug}: {name}}}`"
            );
            d = match nearest {
                Some((score, s, n)) if score >= 0.5 => {
                    d.with_help(format!("chủ đề có sẵn gần nhất: `{s}` ({n}); {declare}"))
                }
                _ => d.with_help(declare),
            };
            diags.push(d);
        }
    }
    names
}

/// Every year a plan or one of its tasks covers, latest first; work with
/// no end ("và những năm tiếp theo") covers the years up to `today`'s.
pub fn plan_years(plans: &[Plan], tasks: &[TaskRef], today: chrono::NaiveDate) -> Vec<i32> {
    use chrono::Datelike;
    let mut years = Vec::new();
    let periods = plans
        .iter()
        .filter_map(|p| p.period.as_ref())
        .chain(tasks.iter().filter_map(|t| t.period.as_ref()));
    for period in periods {
        for (i, span) in period.spans.iter().enumerate() {
            let mut last = span.end.year();
            if period.open_ended && i + 1 == period.spans.len() {
                last = last.max(today.year());
            }
            years.extend(span.start.year()..=last);
        }
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}

/// Collects the tasks and responsibilities of every plan, warning about unit
/// names the registry does not know.
pub fn resolve_plans(
    plans: &[Plan],
    units: &[Unit],
    diags: &mut Diagnostics,
) -> (Vec<TaskRef>, Vec<Responsibility>) {
    let mut tasks = Vec::new();
    let mut responsibilities = Vec::new();
    for (p, plan) in plans.iter().enumerate() {
        let matcher = UnitMatcher::for_plan(units, plan);
        let mut walker = Walker {
            plan: p,
            source: plan,
            matcher: &matcher,
            units,
            tasks: &mut tasks,
            diags,
        };
        walker.walk(&plan.body, &Inherited::default(), &mut Vec::new(), None);
        for block in responsibility_blocks(&plan.body) {
            let text = block
                .title
                .clone()
                .unwrap_or_else(|| block.text.first().cloned().unwrap_or_default());
            // A responsibility names its unit first; only the first sentence counts.
            let head = text.split(['.', ':']).next().unwrap_or("");
            let (found, _) = matcher.find(head);
            for unit in found {
                responsibilities.push(Responsibility {
                    plan: p,
                    anchor: block.anchor.clone(),
                    unit,
                });
            }
        }
    }
    (tasks, responsibilities)
}

#[derive(Clone, Default)]
struct Inherited {
    lead: Option<String>,
    partners: Option<String>,
    timeframe: Option<String>,
    period: Option<Period>,
    /// The timeframe in force is one loa could not read: no dates, rather
    /// than the plan's (the timeline then leaves the task out).
    unreadable: bool,
}

struct Walker<'a> {
    plan: usize,
    source: &'a Plan,
    matcher: &'a UnitMatcher,
    units: &'a [Unit],
    tasks: &'a mut Vec<TaskRef>,
    diags: &'a mut Diagnostics,
}

impl Walker<'_> {
    fn walk(
        &mut self,
        blocks: &[Block],
        inherited: &Inherited,
        numbers: &mut Vec<String>,
        role: Option<Role>,
    ) {
        for block in blocks {
            let role = block.role.or(role);
            let mut here = inherited.clone();
            let t = &block.task;
            if let Some(lead) = &t.lead {
                here.lead = Some(lead.clone());
                self.check_units(
                    lead,
                    t.lead_at
                        .or(block.line.map(|line| Location { line, column: 1 })),
                );
            }
            if let Some(partners) = &t.partners {
                here.partners = Some(partners.clone());
                self.check_units(
                    partners,
                    t.partners_at
                        .or(block.line.map(|line| Location { line, column: 1 })),
                );
            }
            if let Some(tf) = &t.timeframe {
                here.timeframe = Some(tf.text.clone());
                here.period = tf.period.clone();
                here.unreadable = tf.period.is_none();
            }
            let numbered = block.number.as_deref().is_some_and(is_numbering);
            if numbered {
                numbers.push(block.number.clone().unwrap_or_default());
            }
            let has_numbered_children = block
                .items
                .iter()
                .any(|b| b.number.as_deref().is_some_and(is_numbering));
            let is_task = role == Some(Role::Tasks)
                && block.role != Some(Role::Tasks)
                && (!t.is_empty() || (numbered && !has_numbered_children));
            if is_task {
                let period = if here.unreadable {
                    None
                } else {
                    effective_period(here.period.as_ref(), self.source.period.as_ref())
                };
                let (lead, _) = here
                    .lead
                    .as_deref()
                    .map(|l| self.matcher.find(l))
                    .unwrap_or_default();
                let (partners, _) = here
                    .partners
                    .as_deref()
                    .map(|l| self.matcher.find(l))
                    .unwrap_or_default();
                self.tasks.push(TaskRef {
                    plan: self.plan,
                    anchor: block.anchor.clone(),
                    path: numbering_path(numbers),
                    title: block_title(block),
                    lead_text: here.lead.clone(),
                    partners_text: here.partners.clone(),
                    lead,
                    partners,
                    timeframe: here.timeframe.clone(),
                    period,
                });
            }
            self.walk(&block.items, &here, numbers, role);
            if numbered {
                numbers.pop();
            }
        }
    }

    /// Warns about each name in `text` (written at `at`) that is no unit.
    fn check_units(&mut self, text: &str, at: Option<Location>) {
        let (_, unknown) = self.matcher.find(text);
        for name in unknown {
            // Point at the name itself when it is on the value's first line.
            let column_offset = text
                .find(name.as_str())
                .map(|b| text[..b].chars().count() as u32);
            let here = at.map(|at| Location {
                line: at.line,
                column: at.column + column_offset.unwrap_or(0),
            });
            let mut d = Diagnostic::warning(
                self.source.source.as_str(),
                format!(
                    "không nhận ra đơn vị `{name}` trong danh mục đơn vị (content/don-vi.yaml)"
                ),
            )
            .located(here);
            d = match self.matcher.nearest(&name, self.units) {
                Some(near) => d.with_help(format!("đơn vị gần giống nhất: `{near}`; nếu đúng là đơn vị này, thêm `{name}` vào `aliases` của nó")),
                None => d.with_help("thêm đơn vị này (hoặc tên gọi này) vào content/don-vi.yaml"),
            };
            self.diags.push(d);
        }
    }
}

/// A task's own period when it has dates; recurring or missing periods
/// follow the plan; a conditional start has no dates at all.
fn effective_period(own: Option<&Period>, plan: Option<&Period>) -> Option<Period> {
    match own {
        Some(p) if p.conditional => Some(p.clone()),
        Some(p) if !p.spans.is_empty() => Some(p.clone()),
        Some(p) => plan.map(|plan| Period {
            recurrence: p.recurrence,
            ..plan.clone()
        }),
        None => plan.cloned(),
    }
}

/// "III." + "1." + "1.4." + "b)" → "III.1.4.b)": a dotted number already
/// carries the numbers of its parents.
fn numbering_path(numbers: &[String]) -> String {
    let mut out = String::new();
    for (i, n) in numbers.iter().enumerate() {
        let covered = numbers.get(i + 1).is_some_and(|next| {
            let stem = n.trim_end_matches('.');
            next.trim_end_matches('.').starts_with(&format!("{stem}."))
        });
        if !covered {
            out.push_str(n);
        }
    }
    out
}

/// "-" and "+" are bullets, not numbering.
fn is_numbering(number: &str) -> bool {
    !matches!(number.trim(), "-" | "+" | "–" | "•")
}

/// A task's name: its heading, or its first paragraph, whole.
pub fn block_title(block: &Block) -> String {
    block
        .title
        .clone()
        .or_else(|| block.text.first().cloned())
        .unwrap_or_default()
}

fn responsibility_blocks(blocks: &[Block]) -> Vec<&Block> {
    let mut out = Vec::new();
    for b in blocks {
        if b.role == Some(Role::Responsibilities) {
            out.extend(b.items.iter());
        } else {
            out.extend(responsibility_blocks(&b.items));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, Slug};

    fn unit(id: &str, name: &str, aliases: &[&str]) -> Unit {
        Unit {
            id: Slug::parse(id).unwrap(),
            name: name.into(),
            name_en: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            level: Level::Commune,
            description: None,
            scope: None,
        }
    }

    #[test]
    fn the_same_police_under_three_names() {
        let units = vec![
            unit(
                "cong-an-xa",
                "Công an xã Thanh Miện",
                &["Công an xã", "Công an cấp xã", "Công an thị trấn"],
            ),
            unit(
                "ttdvc",
                "Trung tâm Dịch vụ sự nghiệp công xã",
                &["Trung tâm Dịch vụ sự nghiệp công"],
            ),
        ];
        let m = UnitMatcher::new(&units);
        for text in [
            "Công an xã",
            "Công an cấp xã và các cơ quan có liên quan.",
            "Công an thị trấn",
        ] {
            assert_eq!(m.find(text).0, vec![0], "{text}");
        }
        let (found, unknown) = m.find(
            "Công an xã; Trung tâm Dịch vụ sự nghiệp công xã, các cơ quan, tổ chức có liên quan.",
        );
        assert_eq!(found, vec![0, 1]);
        assert!(unknown.is_empty(), "{unknown:?}");
    }

    #[test]
    fn unknown_names_are_returned_with_a_suggestion() {
        let units = vec![unit("tram-y-te", "Trạm Y tế xã", &[])];
        let m = UnitMatcher::new(&units);
        let (found, unknown) = m.find("Trạm y tế xa, Hội Nông dân xã.");
        assert!(found.is_empty());
        assert_eq!(unknown, ["Trạm y tế xa", "Hội Nông dân xã"]);
        assert_eq!(m.nearest("Trạm y tế xa", &units), Some("Trạm Y tế xã"));
        assert_eq!(m.nearest("Hội Nông dân xã", &units), None);
    }

    #[test]
    fn numbering_paths_do_not_repeat_parents() {
        let path = |parts: &[&str]| {
            numbering_path(&parts.iter().map(|p| p.to_string()).collect::<Vec<_>>())
        };
        assert_eq!(path(&["III.", "1.", "1.4.", "b)"]), "III.1.4.b)");
        assert_eq!(path(&["II.", "1.", "a)"]), "II.1.a)");
        assert_eq!(path(&["II.", "7."]), "II.7.");
    }

    #[test]
    fn a_name_inside_a_longer_word_is_not_a_match() {
        let units = vec![unit("xa", "Công an xã", &[])];
        let m = UnitMatcher::new(&units);
        assert!(m.find("Công an xãa").0.is_empty());
    }
}
