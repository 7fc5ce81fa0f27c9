//! The parts of an official plan (Nghị định 30/2020/NĐ-CP) recognised in its
//! paragraphs: issuer, number, motto, place and date, "KẾ HOẠCH" and the
//! trích yếu, basis lines and the documents they cite, preamble, the
//! numbered body with each task's labelled lines, closing, "Nơi nhận" and
//! the signature. Words are never changed: each sentence lands in one part
//! as written, and whatever the recogniser is unsure of is a [`Doubt`].

use super::read::{split_marker, Origin, Para};

/// A plan as recognised, shaped like the plan file it becomes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanDraft {
    /// Issuing body, as the document names it.
    pub issuer: Option<String>,
    /// The body above the issuer (first line of a two-line issuer block).
    pub parent: Option<String>,
    /// Level of the issuer: `xa`, `huyen`, `tinh`, `trung-uong`.
    pub level: Option<&'static str>,
    /// "73/KH-UBND", or "/KH-UBND" when the number is left blank.
    pub number: Option<String>,
    /// Place of issue.
    pub place: Option<String>,
    /// "2022-04-12", "2026-04" (day left blank) or "2026".
    pub issued: Option<String>,
    /// The trích yếu.
    pub title: String,
    /// Basis lines.
    pub basis: Vec<BasisDraft>,
    /// Paragraphs between the basis and the first section.
    pub preamble: Vec<String>,
    /// The numbered body.
    pub body: Vec<BlockDraft>,
    /// "Trên đây là Kế hoạch…" and what follows it.
    pub closing: Vec<String>,
    /// "Nơi nhận" lines, without their dash.
    pub recipients: Vec<String>,
    /// TM./KT./Q. lines.
    pub authority: Vec<String>,
    /// The signer's title ("PHÓ CHỦ TỊCH").
    pub signer_title: Option<String>,
    /// The signer's name.
    pub signer: Option<String>,
    /// Topics the plan is about, from its words.
    pub topics: Vec<&'static str>,
}

/// A basis line and the documents it cites.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BasisDraft {
    /// The line as written.
    pub text: String,
    /// The documents named in it.
    pub documents: Vec<DocumentDraft>,
}

/// A document cited in a basis line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentDraft {
    /// "Kế hoạch", "Quyết định", …
    pub kind: String,
    /// "1409/KH-STP", as written.
    pub number: String,
    /// "2026-03-30"
    pub date: Option<String>,
    /// "Sở Tư pháp thành phố Hải Phòng"
    pub issuer: Option<String>,
    /// "về triển khai …"
    pub title: Option<String>,
    /// The number of the document this one implements, when the line says so.
    pub implements: Option<String>,
}

/// What a labelled line of a task holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Approach,
    Lead,
    Partners,
    Timeframe,
    Outputs,
    Funding,
}

impl Field {
    /// The key in the plan file.
    pub fn key(self) -> &'static str {
        match self {
            Field::Approach => "approach",
            Field::Lead => "lead",
            Field::Partners => "partners",
            Field::Timeframe => "timeframe",
            Field::Outputs => "outputs",
            Field::Funding => "funding",
        }
    }
}

/// A labelled line: "- Đơn vị chủ trì: Văn phòng HĐND và UBND xã."
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDraft {
    /// Which field.
    pub field: Field,
    /// The label as written, without its colon.
    pub label: String,
    /// The value: one line, or the "+" lines under an empty label.
    pub values: Vec<String>,
}

/// A numbered part of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockDraft {
    /// "I.", "1.", "1.1.", "a)", "-", "+"
    pub number: Option<String>,
    /// The heading line, for a part that has text or items under it.
    pub title: Option<String>,
    /// Paragraphs.
    pub text: Vec<String>,
    /// What part of a plan this is (`tasks`, `purposes`, …).
    pub role: Option<&'static str>,
    /// Labelled lines, in the order written.
    pub fields: Vec<FieldDraft>,
    /// True when the labelled lines come after the items.
    pub fields_after_items: bool,
    /// A lead named only inside the sentence ("Trung tâm … tổ chức …").
    pub lead_in_text: Option<String>,
    /// Parts under this one.
    pub items: Vec<BlockDraft>,
    /// Where it starts.
    pub at: Origin,
    /// Its rank in the numbering (I. < 1. < 1.1. < a) < - < +).
    rank: u8,
    /// Its first line, until we know whether it is a title or text.
    head: Option<String>,
}

/// Something the importer was unsure of, or left as plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doubt {
    /// Where in the source.
    pub at: Option<Origin>,
    /// What, in Vietnamese.
    pub message: String,
}

/// Why a document is not a plan.
#[derive(Debug, PartialEq, Eq)]
pub struct NotAPlan;

/// Recognises a plan in `paragraphs`.
pub fn recognise(paragraphs: &[Para]) -> Result<(PlanDraft, Vec<Doubt>), NotAPlan> {
    let mut draft = PlanDraft::default();
    let mut doubts = Vec::new();
    let heading = paragraphs.iter().position(|p| is_plan_heading(&p.text));
    let first_section = paragraphs
        .iter()
        .position(|p| split_marker(&p.text).is_some_and(|(m, _)| m == "I."));
    let body_start = match (heading, first_section) {
        (_, Some(s)) => s,
        (Some(_), None) => paragraphs
            .iter()
            .position(|p| starts_body(&p.text))
            .ok_or(NotAPlan)?,
        (None, None) => return Err(NotAPlan),
    };
    let heading = heading.filter(|&h| h < body_start);

    // The header: everything before "KẾ HOẠCH" (or before the first basis line).
    let header_end = heading.unwrap_or_else(|| {
        paragraphs[..body_start]
            .iter()
            .position(|p| is_basis(&p.text))
            .unwrap_or(0)
    });
    read_header(
        &paragraphs[..header_end],
        paragraphs,
        &mut draft,
        &mut doubts,
    );

    // Trích yếu, basis, preamble.
    let mut i = heading.map_or(header_end, |h| h + 1);
    let mut title: Vec<&str> = Vec::new();
    while i < body_start {
        let text = paragraphs[i].text.as_str();
        if is_rule(text) {
            i += 1;
            continue;
        }
        let continues_title = match title.last() {
            None => heading.is_some() && !is_basis(text),
            Some(last) => {
                text.starts_with(char::is_lowercase)
                    || (!super::read::ends_a_sentence(last)
                        && !is_basis(text)
                        && text.chars().count() < 100
                        && !text.starts_with("Ủy ban")
                        && !text.starts_with("UBND"))
            }
        };
        if !continues_title {
            break;
        }
        title.push(text);
        i += 1;
    }
    draft.title = title.join(" ");
    if draft.title.is_empty() {
        doubts.push(Doubt {
            at: paragraphs.get(i).map(|p| p.at),
            message: "không thấy trích yếu (dòng tên kế hoạch dưới chữ \"KẾ HOẠCH\"): điền `title`"
                .to_string(),
        });
    }
    while i < body_start {
        let para = &paragraphs[i];
        if is_rule(&para.text) {
        } else if is_basis(&para.text) && draft.preamble.is_empty() {
            draft.basis.push(BasisDraft {
                text: para.text.clone(),
                documents: cited_documents(&para.text),
            });
        } else {
            draft.preamble.push(para.text.clone());
        }
        i += 1;
    }

    // The body, then the closing, recipients and signature.
    let end = paragraphs[body_start..]
        .iter()
        .position(|p| is_closing(&p.text) || is_recipients(&p.text) || is_authority(&p.text))
        .map_or(paragraphs.len(), |n| body_start + n);
    draft.body = read_body(&paragraphs[body_start..end], &mut doubts);
    mark_leads_in_text(&mut draft.body, false, &mut doubts);
    read_ending(&paragraphs[end..], &mut draft, &mut doubts);

    if draft.issuer.is_none() {
        find_issuer_in_text(&mut draft, paragraphs, &mut doubts);
    }
    draft.level = draft.issuer.as_deref().and_then(level_of);
    if draft.issuer.is_some() && draft.level.is_none() {
        doubts.push(Doubt {
            at: None,
            message: "không rõ cấp của cơ quan ban hành: kiểm tra `issuer.level` (xa, huyen, tinh, trung-uong)".to_string(),
        });
    }
    draft.topics = topics_of(paragraphs);
    if !draft.topics.is_empty() {
        doubts.push(Doubt {
            at: None,
            message: format!(
                "chủ đề (`topics`) chọn theo từ ngữ của văn bản: {}; kiểm tra",
                draft.topics.join(", ")
            ),
        });
    }
    Ok((draft, doubts))
}

/// "KẾ HOẠCH" on a line of its own.
fn is_plan_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    t == "KẾ HOẠCH" || t == "KẾ HOẠCH HÀNH ĐỘNG" || t == "KẾ HOẠCH LIÊN TỊCH"
}

/// A first body line when there is no "I." section: "1. …" at the top.
fn starts_body(text: &str) -> bool {
    split_marker(text).is_some_and(|(m, _)| m == "1.")
}

/// "Căn cứ …", "Thực hiện …": a basis line.
fn is_basis(text: &str) -> bool {
    [
        "Căn cứ ",
        "Thực hiện ",
        "Triển khai thực hiện Kế hoạch",
        "Thực hiện Kế hoạch",
    ]
    .iter()
    .any(|o| text.starts_with(o))
        && cites_a_document(text)
}

/// True when the text names a numbered document ("số 1409/KH-STP") or a law.
fn cites_a_document(text: &str) -> bool {
    text.contains(" số ")
        || text.contains("Luật ")
        || text.contains("Chỉ thị")
        || text.contains("Nghị quyết")
}

/// A line drawn under the title: "-----", "___".
fn is_rule(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| matches!(c, '-' | '_' | '–' | '—' | '=' | '*' | '.' | ' '))
}

fn is_closing(text: &str) -> bool {
    text.starts_with("Trên đây là") || text.starts_with("Trên đây, ")
}

fn is_recipients(text: &str) -> bool {
    text.starts_with("Nơi nhận")
}

fn is_authority(text: &str) -> bool {
    ["TM. ", "KT. ", "Q. ", "TL. ", "TUQ. "]
        .iter()
        .any(|p| text.starts_with(p) && super::read::is_upper(text))
}

// --- Header -----------------------------------------------------------------

/// The national motto, in its spellings; matched without regard to spaces,
/// dashes and line breaks, which PDFs and narrow table cells scatter.
const MOTTO: &[&str] = &[
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
];

/// The header's paragraphs without the motto (which the plan page prints
/// by itself).
fn without_motto(paragraphs: &[Para]) -> Vec<(Origin, String)> {
    let mut joined = paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let ignored = |c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—');
    for motto in MOTTO {
        let wanted: Vec<char> = motto.chars().filter(|c| !ignored(*c)).collect();
        loop {
            // The text's significant characters with their byte offsets.
            let kept: Vec<(usize, char)> = joined
                .char_indices()
                .filter(|(_, c)| !ignored(*c))
                .collect();
            let Some(start) = kept
                .windows(wanted.len())
                .position(|w| w.iter().map(|(_, c)| *c).eq(wanted.iter().copied()))
            else {
                break;
            };
            let from = kept[start].0;
            let last = kept[start + wanted.len() - 1];
            let to = last.0 + last.1.len_utf8();
            let blanked: String = joined[from..to]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' })
                .collect();
            joined.replace_range(from..to, &blanked);
        }
    }
    joined
        .split('\n')
        .zip(paragraphs)
        .map(|(text, p)| (p.at, text.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect()
}

fn read_header(
    paragraphs: &[Para],
    document: &[Para],
    draft: &mut PlanDraft,
    doubts: &mut Vec<Doubt>,
) {
    let mut issuer_lines: Vec<String> = Vec::new();
    for (origin, text) in without_motto(paragraphs) {
        let mut rest = text.trim().to_string();
        if let Some(at) = rest.find("Số:").or_else(|| rest.find("Số :")) {
            let before = rest[..at].trim().to_string();
            let after = rest[at..]
                .split_once(':')
                .map_or("", |x| x.1)
                .trim()
                .to_string();
            let (number, after_number) = take_number(&after);
            draft.number = number;
            rest = format!("{before} {after_number}").trim().to_string();
        }
        if let Some(at) = rest.find(", ngày") {
            let (left, date) = rest.split_at(at);
            let date = &date[", ".len()..];
            // The place is the words before the comma that are not upper
            // case (the issuer block may share the line in a PDF).
            let words: Vec<&str> = left.split_whitespace().collect();
            let first_place = words
                .iter()
                .rposition(|w| super::read::is_upper(w) && w.chars().count() > 1)
                .map_or(0, |i| i + 1);
            let place = words[first_place..].join(" ");
            let before = words[..first_place].join(" ");
            if !place.is_empty() {
                draft.place = Some(place);
            }
            draft.issued = issue_date(date);
            if draft.issued.is_none() {
                doubts.push(Doubt {
                    at: Some(origin),
                    message: format!(
                        "không đọc được ngày ban hành trong \"{date}\": điền `issued`"
                    ),
                });
            }
            rest = before;
        }
        let rest = rest.trim();
        if !rest.is_empty() {
            if super::read::is_upper(rest) {
                issuer_lines.push(rest.to_string());
            } else {
                doubts.push(Doubt {
                    at: Some(origin),
                    message: format!(
                        "dòng ở phần đầu văn bản không được đưa vào kế hoạch: \"{rest}\""
                    ),
                });
            }
        }
    }
    let lines: Vec<String> = issuer_lines
        .iter()
        .flat_map(|l| split_issuer_lines(l))
        .collect();
    match lines.as_slice() {
        [] => {}
        [one] => draft.issuer = Some(one.clone()),
        [.., parent, name] if is_generic_committee(parent) => {
            draft.issuer = Some(format!("{parent} {name}"))
        }
        [.., parent, name] => {
            draft.parent = Some(parent.clone());
            draft.issuer = Some(name.clone());
        }
    }
    // The block is in capitals; the document usually names the body again
    // in normal case, which is how the plan file writes it.
    for (name, key) in [
        (&mut draft.issuer, "issuer.name"),
        (&mut draft.parent, "issuer.parent"),
    ] {
        let Some(upper) = name.clone() else { continue };
        *name = Some(match as_written_elsewhere(&upper, document) {
            Some(found) => found,
            None => {
                let guessed = sentence_case(&upper);
                if guessed != upper {
                    doubts.push(Doubt {
                        at: paragraphs.first().map(|p| p.at),
                        message: format!("\"{upper}\" viết hoa toàn bộ; loa viết lại thành \"{guessed}\": kiểm tra chữ hoa trong `{key}`"),
                    });
                }
                guessed
            }
        });
    }
}

/// The issuer block is several upper-case lines; a PDF may run them together.
fn split_issuer_lines(line: &str) -> Vec<String> {
    vec![line.split_whitespace().collect::<Vec<_>>().join(" ")]
}

fn is_generic_committee(line: &str) -> bool {
    matches!(line, "ỦY BAN NHÂN DÂN" | "UỶ BAN NHÂN DÂN" | "UBND")
}

/// "73 /KH-UBND rest" → ("73/KH-UBND", "rest"); "…/KH-UBND" → "/KH-UBND".
fn take_number(text: &str) -> (Option<String>, String) {
    let squeezed = text.replace(" /", "/").replace("/ ", "/");
    let mut parts = squeezed.splitn(2, char::is_whitespace);
    let token = parts.next().unwrap_or("");
    let rest = parts.next().unwrap_or("").to_string();
    if !token.contains('/') {
        return (None, text.to_string());
    }
    let (no, symbol) = token.split_once('/').unwrap_or(("", token));
    let no = no.trim_matches(|c: char| c == '.' || c == '…' || c == '_' || c.is_whitespace());
    (Some(format!("{no}/{symbol}")), rest)
}

/// "ngày 12 tháng 4 năm 2022" → "2022-04-12"; "ngày tháng 4 năm 2026" →
/// "2026-04"; "ngày 12/4/2022" → "2022-04-12".
pub fn issue_date(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/'))
        .collect();
    let after = |key: &str| -> Option<u32> {
        let i = words.iter().position(|w| *w == key)?;
        words.get(i + 1)?.parse().ok()
    };
    if let (Some(year), month) = (after("năm"), after("tháng")) {
        if !(1000..=9999).contains(&year) {
            return None;
        }
        let day = after("ngày");
        return match (day, month) {
            (Some(d), Some(m)) => chrono::NaiveDate::from_ymd_opt(year as i32, m, d)
                .map(|date| date.format("%Y-%m-%d").to_string()),
            (None, Some(m)) if (1..=12).contains(&m) => Some(format!("{year}-{m:02}")),
            (None, None) => Some(year.to_string()),
            _ => None,
        };
    }
    let slashed = words.iter().find(|w| w.matches('/').count() == 2)?;
    let parts: Vec<u32> = slashed.split('/').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [d, m, y] if *y >= 1000 => chrono::NaiveDate::from_ymd_opt(*y as i32, *m, *d)
            .map(|date| date.format("%Y-%m-%d").to_string()),
        _ => None,
    }
}

/// An upper-case name as the document writes it elsewhere in normal case
/// ("ỦY BAN NHÂN DÂN XÃ THANH MIỆN" → "Ủy ban nhân dân xã Thanh Miện").
fn as_written_elsewhere(name: &str, paragraphs: &[Para]) -> Option<String> {
    let wanted: Vec<String> = name.split_whitespace().map(|w| w.to_lowercase()).collect();
    for para in paragraphs {
        let words: Vec<&str> = para.text.split_whitespace().collect();
        'start: for start in 0..words.len() {
            if start + wanted.len() > words.len() {
                break;
            }
            for (k, w) in wanted.iter().enumerate() {
                let candidate = words[start + k].trim_end_matches([',', '.', ';', ':']);
                if candidate.to_lowercase().replace("uỷ", "ủy") != w.replace("uỷ", "ủy") {
                    continue 'start;
                }
            }
            let found: Vec<&str> = words[start..start + wanted.len()]
                .iter()
                .map(|w| w.trim_end_matches([',', '.', ';', ':']))
                .collect();
            let found = found.join(" ");
            if !super::read::is_upper(&found) {
                return Some(found);
            }
        }
    }
    None
}

/// Abbreviations that stay in capitals.
const ABBREVIATIONS: &[&str] = &[
    "UBND", "HĐND", "MTTQ", "MTTQVN", "TP.", "TP", "BCĐ", "VP", "TW",
];

/// "SỞ TƯ PHÁP" → "Sở tư pháp": a last resort, reported as a doubt by the caller.
fn sentence_case(text: &str) -> String {
    if !super::read::is_upper(text) {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    // Place names after an administrative word keep capitals.
    let mut out = Vec::new();
    let mut capitalise = true;
    for (word, original) in lower.split_whitespace().zip(text.split_whitespace()) {
        if ABBREVIATIONS.contains(&original) {
            out.push(original.to_string());
            capitalise = false;
            continue;
        }
        if capitalise {
            let mut chars = word.chars();
            let first: String = chars
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            out.push(format!("{first}{}", chars.as_str()));
        } else {
            out.push(word.to_string());
        }
        capitalise = matches!(
            word,
            "xã" | "huyện" | "tỉnh" | "phường" | "quận" | "trấn" | "phố"
        ) || (capitalise && out.len() > 1 && !out.is_empty() && place_continues(&out));
    }
    out.join(" ")
}

fn place_continues(words: &[String]) -> bool {
    words.len() >= 2
        && matches!(
            words[words.len() - 2].as_str(),
            "xã" | "huyện" | "tỉnh" | "phường" | "quận" | "trấn" | "phố"
        )
        || words.len() >= 3
            && matches!(
                words[words.len() - 3].as_str(),
                "xã" | "huyện" | "tỉnh" | "phường" | "quận" | "trấn" | "phố"
            )
}

/// Without an issuer block, the preamble names the issuer: "Ủy ban nhân
/// dân xã Thanh Miện ban hành Kế hoạch…".
fn find_issuer_in_text(draft: &mut PlanDraft, paragraphs: &[Para], doubts: &mut Vec<Doubt>) {
    const VERBS: &[&str] = &[
        " ban hành Kế hoạch",
        " xây dựng Kế hoạch",
        " ban hành kế hoạch",
        " xây dựng kế hoạch",
        " xây dựng Kế",
    ];
    let texts = draft
        .preamble
        .iter()
        .chain(draft.basis.iter().map(|b| &b.text));
    for text in texts {
        let Some(verb) = VERBS.iter().filter_map(|v| text.find(v)).min() else {
            continue;
        };
        let before = &text[..verb];
        let start = [
            "Ủy ban nhân dân",
            "Uỷ ban nhân dân",
            "UBND",
            "Sở ",
            "Phòng ",
        ]
        .iter()
        .filter_map(|s| before.rfind(s))
        .max();
        if let Some(start) = start {
            let name = before[start..].trim().to_string();
            let at = paragraphs
                .iter()
                .find(|p| p.text.contains(&name))
                .map(|p| p.at);
            doubts.push(Doubt {
                at,
                message: format!("văn bản không có phần tên cơ quan ban hành; lấy \"{name}\" từ câu mở đầu: kiểm tra `issuer`"),
            });
            draft.issuer = Some(name);
            return;
        }
    }
    doubts.push(Doubt {
        at: None,
        message: "không thấy cơ quan ban hành: điền `issuer.name`".to_string(),
    });
}

/// The level of an issuer from its name.
fn level_of(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let has = |w: &str| {
        lower
            .split_whitespace()
            .collect::<Vec<_>>()
            .windows(w.split(' ').count())
            .any(|win| win.join(" ") == w)
    };
    if has("thị xã") || has("huyện") || has("quận") {
        Some("huyen")
    } else if has("xã") || has("phường") || has("thị trấn") || has("đặc khu") {
        Some("xa")
    } else if has("tỉnh") || lower.starts_with("sở ") || has("thành phố") {
        Some("tinh")
    } else if lower.starts_with("bộ ") || has("chính phủ") || has("thủ tướng") {
        Some("trung-uong")
    } else {
        None
    }
}

// --- Basis ------------------------------------------------------------------

const KINDS: &[&str] = &[
    "Kế hoạch",
    "Quyết định",
    "Chỉ thị",
    "Nghị định",
    "Nghị quyết",
    "Thông tư liên tịch",
    "Thông tư",
    "Công văn",
    "Hướng dẫn",
    "Chương trình",
    "Đề án",
    "Luật",
    "Thông báo",
];

/// The numbered documents a basis line cites, in order.
pub fn cited_documents(text: &str) -> Vec<DocumentDraft> {
    let mut out: Vec<DocumentDraft> = Vec::new();
    let mut search = 0;
    while let Some(found) = text[search..].find(" số ").map(|i| search + i) {
        let after = found + " số ".len();
        let number: String = text[after..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ';')
            .collect();
        let number = number.trim_end_matches(['.', ')']).to_string();
        search = after;
        if !number.contains('/') && !number.contains('-') {
            continue;
        }
        let kind = KINDS
            .iter()
            .find(|k| text[..found].ends_with(*k))
            .map(|k| k.to_string());
        let Some(kind) = kind else { continue };
        let mut rest = &text[after + number.len()..];
        let mut doc = DocumentDraft {
            kind,
            number: number.clone(),
            ..DocumentDraft::default()
        };
        if let Some(r) = rest.strip_prefix(" ngày ") {
            let end = r
                .find(" của ")
                .or_else(|| r.find(" về "))
                .unwrap_or(r.len());
            doc.date = issue_date(&format!("ngày {}", &r[..end]));
            rest = &r[end..];
        }
        if let Some(r) = rest.strip_prefix(" của ") {
            let stops = [
                " về ",
                " triển khai",
                " thực hiện",
                " ban hành",
                ",",
                ";",
                " và Kế hoạch",
                " và Quyết định",
            ];
            let end = stops
                .iter()
                .filter_map(|s| r.find(s))
                .min()
                .unwrap_or(r.len());
            let issuer = r[..end].trim().trim_end_matches('.');
            if !issuer.is_empty() {
                doc.issuer = Some(issuer.to_string());
            }
            rest = &r[end..];
        }
        if rest.starts_with(" về ") {
            let title = until_clause_end(&rest[1..]);
            doc.title = Some(title.trim_end_matches('.').to_string());
        }
        if let Some(previous) = out.last_mut() {
            let between = &text[..found];
            if previous.implements.is_none()
                && (between.ends_with(&format!("triển khai thực hiện {}", doc.kind))
                    || between.ends_with(&format!("triển khai {}", doc.kind))
                    || between.ends_with(&format!("thực hiện {}", doc.kind)))
                && between.contains(&previous.number)
                && between[between.find(&previous.number).unwrap_or(0)..]
                    .matches(" số ")
                    .count()
                    == 0
            {
                previous.implements = Some(doc.number.clone());
            }
        }
        out.push(doc);
    }
    out
}

/// The text up to the first `,` or `;` outside quotes, or the end.
fn until_clause_end(text: &str) -> &str {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '“' | '«' => quoted = true,
            '”' | '»' => quoted = false,
            '"' => quoted = !quoted,
            ',' | ';' if !quoted => return &text[..i],
            _ => {}
        }
    }
    text
}

// --- Body -------------------------------------------------------------------

/// Reads the numbered body into a tree.
fn read_body(paragraphs: &[Para], doubts: &mut Vec<Doubt>) -> Vec<BlockDraft> {
    let mut top: Vec<BlockDraft> = Vec::new();
    let mut open: Vec<BlockDraft> = Vec::new();
    // Whether the last thing read was a labelled line with no value, whose
    // "+" lines follow.
    let mut list_field = false;
    for para in paragraphs {
        let text = para.text.as_str();
        let in_role = open.iter().rev().find_map(|b| b.role);
        let marker = split_marker(text);
        if let Some((field, label, value)) = labelled(text, in_role) {
            // A labelled line belongs to the task: close bullets above it.
            while open.last().is_some_and(|b| b.rank >= BULLET) && open.len() > 1 {
                close(&mut open, &mut top);
            }
            // The same kind of line twice in one task ("Kết quả:" and
            // "Sản phẩm:"): the second stays a line of text, as written.
            let repeated = open
                .last()
                .is_some_and(|t| t.fields.iter().any(|f| f.field == field));
            if repeated {
                doubts.push(Doubt {
                    at: Some(para.at),
                    message: format!("nhiệm vụ có hai dòng \"{label}\" cùng loại; dòng thứ hai được giữ như một dòng \"-\" của nhiệm vụ"),
                });
            }
            if let Some(task) = open.last_mut().filter(|_| !repeated) {
                if !task.items.is_empty() && task.fields.is_empty() {
                    task.fields_after_items = true;
                }
                list_field = value.is_empty();
                task.fields.push(FieldDraft {
                    field,
                    label,
                    values: if value.is_empty() {
                        Vec::new()
                    } else {
                        vec![value]
                    },
                });
                continue;
            }
        }
        if list_field && marker.is_some_and(|(m, _)| m == "+") {
            if let Some(f) = open.last_mut().and_then(|t| t.fields.last_mut()) {
                f.values
                    .push(marker.map(|(_, rest)| rest).unwrap_or(text).to_string());
                continue;
            }
        }
        list_field = false;
        match marker {
            Some((number, rest)) => {
                let rank = rank_of(number);
                while open.last().is_some_and(|b| b.rank >= rank) {
                    close(&mut open, &mut top);
                }
                let parent_role = open.last().and_then(|b| b.role.or(inherited(&open)));
                let role = if parent_role.is_none() && rank <= 1 {
                    role_of(rest)
                } else {
                    None
                };
                let (head, text) = split_role_label(rest, role);
                open.push(BlockDraft {
                    number: Some(number.to_string()),
                    title: None,
                    text: text.into_iter().collect(),
                    role,
                    fields: Vec::new(),
                    fields_after_items: false,
                    lead_in_text: None,
                    items: Vec::new(),
                    at: para.at,
                    rank,
                    head: Some(head),
                });
            }
            None => {
                while open.last().is_some_and(|b| b.rank >= BULLET) && open.len() > 1 {
                    close(&mut open, &mut top);
                }
                match open.last_mut() {
                    Some(block) => {
                        // After a task's labelled lines, a paragraph without a
                        // number may be a line the importer did not know.
                        if !block.fields.is_empty() {
                            doubts.push(Doubt {
                                at: Some(para.at),
                                message: format!(
                                    "đoạn sau các dòng của nhiệm vụ {} được giữ như đoạn văn của nhiệm vụ: \"{}\"",
                                    block.number.as_deref().unwrap_or(""),
                                    crate::text::truncate_words(text, 60)
                                ),
                            });
                        }
                        block.text.push(text.to_string())
                    }
                    None => {
                        doubts.push(Doubt {
                            at: Some(para.at),
                            message: "đoạn không số thứ tự trước mục đầu tiên: đưa vào thân văn bản như một mục không số".to_string(),
                        });
                        top.push(BlockDraft {
                            number: None,
                            title: None,
                            text: vec![text.to_string()],
                            role: None,
                            fields: Vec::new(),
                            fields_after_items: false,
                            lead_in_text: None,
                            items: Vec::new(),
                            at: para.at,
                            rank: 0,
                            head: None,
                        });
                    }
                }
            }
        }
    }
    while !open.is_empty() {
        close(&mut open, &mut top);
    }
    top
}

/// A task without a lead line whose sentence opens with a unit and a verb
/// ("Trung tâm Trợ giúp pháp lý nhà nước tỉnh tổ chức …") names its lead
/// there: marked, the words unchanged, and listed as a doubt.
fn mark_leads_in_text(blocks: &mut [BlockDraft], in_tasks: bool, doubts: &mut Vec<Doubt>) {
    const BODIES: &[&str] = &[
        "Sở ",
        "Phòng ",
        "Trung tâm ",
        "Ủy ban ",
        "Uỷ ban ",
        "UBND ",
        "Công an ",
        "Hội ",
        "Đoàn ",
        "Ban ",
        "Văn phòng ",
        "Trạm ",
        "Công chức ",
        "Đài ",
        "Bộ ",
        "Cơ sở ",
        "Trường ",
        "Bệnh viện ",
    ];
    const VERBS: &[&str] = &[
        " chủ trì",
        " tổ chức",
        " phối hợp",
        " thực hiện",
        " triển khai",
        " tham mưu",
        " xây dựng",
        " hướng dẫn",
        " rà soát",
        " có trách nhiệm",
        " theo dõi",
    ];
    for b in blocks.iter_mut() {
        let tasks_here = in_tasks || b.role == Some("tasks");
        let numbered_children = b
            .items
            .iter()
            .any(|i| !matches!(i.number.as_deref(), Some("-" | "+") | None));
        let is_task = tasks_here
            && !numbered_children
            && !matches!(b.number.as_deref(), Some("-" | "+") | None)
            && b.role != Some("tasks");
        if is_task && !b.fields.iter().any(|f| f.field == Field::Lead) {
            let sentence = b
                .title
                .as_deref()
                .or(b.text.first().map(String::as_str))
                .unwrap_or("");
            if BODIES.iter().any(|o| sentence.starts_with(o)) {
                let verb = VERBS.iter().filter_map(|v| sentence.find(v)).min();
                if let Some(end) = verb {
                    let name = sentence[..end].trim();
                    if (2..=14).contains(&name.split_whitespace().count()) {
                        doubts.push(Doubt {
                            at: Some(b.at),
                            message: format!("nhiệm vụ {} không có dòng đơn vị chủ trì; lấy \"{name}\" nêu trong câu (`lead_in_text`): kiểm tra", b.number.as_deref().unwrap_or("")),
                        });
                        b.lead_in_text = Some(name.to_string());
                    }
                }
            }
        }
        mark_leads_in_text(&mut b.items, tasks_here, doubts);
    }
}

/// Rank of the bullets: "-" and "+".
const BULLET: u8 = 6;

/// I. = 0, 1. = 1, 1.1. = 2, 1.1.1. = 3, 1) = 4, a) = 5, - = 6, + = 7.
fn rank_of(marker: &str) -> u8 {
    match marker {
        "-" | "–" | "•" => BULLET,
        "+" => BULLET + 1,
        m if m.ends_with(')') && m.starts_with(|c: char| c.is_ascii_digit()) => 4,
        m if m.ends_with(')') => 5,
        m if m.starts_with(|c: char| c.is_ascii_digit()) => {
            m.trim_end_matches('.').split('.').count().min(3) as u8
        }
        _ => 0,
    }
}

/// The role inherited from open ancestors.
fn inherited(open: &[BlockDraft]) -> Option<&'static str> {
    open.iter().rev().find_map(|b| b.role)
}

/// Ends the innermost open block: decides title or text, and hands it to
/// its parent (or the top).
fn close(open: &mut Vec<BlockDraft>, top: &mut Vec<BlockDraft>) {
    let Some(mut block) = open.pop() else { return };
    if let Some(head) = block.head.take() {
        let heading = block.rank == 0 || !block.items.is_empty() || !block.text.is_empty();
        if heading {
            block.title = Some(head);
        } else {
            block.text.insert(0, head);
        }
    }
    match open.last_mut() {
        Some(parent) => parent.items.push(block),
        None => top.push(block),
    }
}

/// What part of a plan a heading names.
fn role_of(title: &str) -> Option<&'static str> {
    let t = title.to_lowercase();
    let has = |w: &str| t.contains(w);
    if has("tổ chức thực hiện") {
        Some("responsibilities")
    } else if has("kinh phí") {
        Some("funding")
    } else if has("mục tiêu") {
        Some("objectives")
    } else if has("mục đích") && has("yêu cầu") || has("phạm vi") && has("đối tượng")
    {
        None
    } else if has("mục đích") {
        Some("purposes")
    } else if has("yêu cầu") {
        Some("requirements")
    } else if has("phạm vi") {
        Some("scope")
    } else if has("đối tượng") {
        Some("target_groups")
    } else if has("nội dung") || has("nhiệm vụ") || has("hoạt động") || has("giải pháp")
    {
        Some("tasks")
    } else if has("thời gian") {
        Some("duration")
    } else {
        None
    }
}

/// "Thời gian thực hiện: Từ năm 2023 đến năm 2025." under a role → the
/// heading "Thời gian thực hiện:" and the text after it.
fn split_role_label(rest: &str, role: Option<&'static str>) -> (String, Option<String>) {
    if role.is_some() {
        if let Some(colon) = rest.find(": ") {
            let (head, text) = rest.split_at(colon + 1);
            if head.split_whitespace().count() <= 5 && !text.trim().is_empty() {
                return (head.to_string(), Some(text.trim().to_string()));
            }
        }
    }
    (rest.to_string(), None)
}

/// A task's labelled line: the field, the label as written and the value.
fn labelled(text: &str, role: Option<&str>) -> Option<(Field, String, String)> {
    if matches!(
        role,
        Some("purposes" | "requirements" | "objectives" | "scope" | "target_groups")
    ) {
        return None;
    }
    let body = match split_marker(text) {
        Some(("-" | "+" | "–" | "•", rest)) => rest,
        Some(_) => return None,
        None => text,
    };
    let colon = body.find(':')?;
    let label = body[..colon].trim();
    if label.split_whitespace().count() > 9 || label.is_empty() {
        return None;
    }
    let lower = label.to_lowercase();
    const STEMS: &[(&str, Field)] = &[
        ("cơ quan, đơn vị chủ trì", Field::Lead),
        ("đơn vị chủ trì", Field::Lead),
        ("cơ quan chủ trì", Field::Lead),
        ("chủ trì", Field::Lead),
        ("đơn vị thực hiện", Field::Lead),
        ("cơ quan thực hiện", Field::Lead),
        ("cơ quan, đơn vị phối hợp", Field::Partners),
        ("đơn vị phối hợp", Field::Partners),
        ("cơ quan phối hợp", Field::Partners),
        ("phối hợp", Field::Partners),
        ("thời gian thực hiện", Field::Timeframe),
        ("thời gian hoàn thành", Field::Timeframe),
        ("thời gian", Field::Timeframe),
        ("thời hạn", Field::Timeframe),
        ("kết quả đầu ra", Field::Outputs),
        ("kết quả/sản phẩm", Field::Outputs),
        ("sản phẩm đầu ra", Field::Outputs),
        ("sản phẩm", Field::Outputs),
        ("kết quả", Field::Outputs),
        ("giải pháp thực hiện", Field::Approach),
        ("giải pháp", Field::Approach),
        ("cách thức thực hiện", Field::Approach),
        ("kinh phí thực hiện", Field::Funding),
        ("nguồn kinh phí", Field::Funding),
        ("kinh phí", Field::Funding),
    ];
    let field = STEMS.iter().find_map(|(stem, field)| {
        let matches = lower == *stem
            || lower.strip_prefix(stem).is_some_and(|after| {
                after.starts_with(' ') && after.split_whitespace().count() <= 6
            });
        matches.then_some(*field)
    })?;
    // "Phối hợp với … :" is a sentence, not a label: a label's extra words
    // qualify it ("tham mưu cho UBND tỉnh"), they do not start with "với".
    if lower.starts_with("phối hợp với") || lower.starts_with("chủ trì,") {
        return None;
    }
    Some((
        field,
        label.to_string(),
        body[colon + 1..].trim().to_string(),
    ))
}

// --- Ending -----------------------------------------------------------------

fn read_ending(paragraphs: &[Para], draft: &mut PlanDraft, doubts: &mut Vec<Doubt>) {
    let mut i = 0;
    while i < paragraphs.len()
        && !is_recipients(&paragraphs[i].text)
        && !is_authority(&paragraphs[i].text)
    {
        draft.closing.push(paragraphs[i].text.clone());
        i += 1;
    }
    let mut signature: Vec<&Para> = Vec::new();
    while i < paragraphs.len() {
        let para = &paragraphs[i];
        let text = para.text.as_str();
        if is_recipients(text) {
            let after = text
                .trim_start_matches("Nơi nhận")
                .trim_start()
                .trim_start_matches(':')
                .trim();
            for item in after.split(" - ").map(|s| s.trim_start_matches('-').trim()) {
                if !item.is_empty() {
                    draft.recipients.push(item.to_string());
                }
            }
        } else if let Some(("-" | "–" | "+" | "•", rest)) =
            split_marker(text).or_else(|| text.strip_prefix('-').map(|r| ("-", r.trim())))
        {
            if signature.is_empty() || draft.recipients.is_empty() {
                draft.recipients.push(rest.to_string());
            } else {
                signature.push(para);
            }
        } else {
            signature.push(para);
        }
        i += 1;
    }
    let mut upper: Vec<String> = Vec::new();
    for para in signature {
        let text = para.text.as_str();
        let note = text.starts_with('(') && text.ends_with(')');
        if note || text == "Đã ký" {
            doubts.push(Doubt {
                at: Some(para.at),
                message: format!("\"{text}\" trong khối chữ ký không được đưa vào kế hoạch"),
            });
        } else if super::read::is_upper(text) {
            upper.push(text.to_string());
        } else if draft.signer.is_none() && looks_like_a_name(text) {
            draft.signer = Some(text.to_string());
        } else {
            doubts.push(Doubt {
                at: Some(para.at),
                message: format!("dòng sau phần nơi nhận không được đưa vào kế hoạch: \"{text}\""),
            });
        }
    }
    if let Some(title) = upper.pop() {
        draft.signer_title = Some(title);
    }
    draft.authority = upper;
}

fn looks_like_a_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

// --- Topics -----------------------------------------------------------------

/// Topics named in the plan's words (the bundled taxonomy).
fn topics_of(paragraphs: &[Para]) -> Vec<&'static str> {
    let mut topics = Vec::new();
    let all = |needle: &str| {
        paragraphs
            .iter()
            .filter(|p| p.text.to_lowercase().contains(needle))
            .count()
    };
    if all("trợ giúp pháp lý") + all("tgpl") >= 2 {
        topics.push("tro-giup-phap-ly");
    }
    if all("ma túy") + all("ma tuý") >= 2 {
        topics.push("phong-chong-ma-tuy");
    }
    if all("cai nghiện") >= 3 {
        topics.push("cai-nghien-ma-tuy");
    }
    topics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_issue() {
        assert_eq!(
            issue_date("ngày 12 tháng 4 năm 2022").as_deref(),
            Some("2022-04-12")
        );
        assert_eq!(
            issue_date("ngày   tháng 4 năm 2026").as_deref(),
            Some("2026-04")
        );
        assert_eq!(issue_date("ngày 12/4/2022").as_deref(), Some("2022-04-12"));
        assert_eq!(issue_date("ngày 31 tháng 2 năm 2022"), None);
    }

    #[test]
    fn numbers_blank_or_spaced() {
        assert_eq!(take_number("73 /KH-UBND").0.as_deref(), Some("73/KH-UBND"));
        assert_eq!(take_number("/KH-UBND").0.as_deref(), Some("/KH-UBND"));
        assert_eq!(
            take_number("......./KH-UBND Thanh Miện").0.as_deref(),
            Some("/KH-UBND")
        );
    }

    #[test]
    fn labelled_lines_and_sentences_that_look_like_them() {
        let (f, label, value) = labelled(
            "- Cơ quan chủ trì tham mưu cho UBND tỉnh: Sở Tư pháp.",
            None,
        )
        .unwrap();
        assert_eq!(
            (f, label.as_str(), value.as_str()),
            (
                Field::Lead,
                "Cơ quan chủ trì tham mưu cho UBND tỉnh",
                "Sở Tư pháp."
            )
        );
        assert_eq!(
            labelled("- Thời gian: Năm 2022", None).unwrap().0,
            Field::Timeframe
        );
        assert_eq!(labelled("- Sản phẩm:", None).unwrap().2, "");
        assert_eq!(
            labelled("- Phối hợp với các ban, ngành như sau: abc", None),
            None
        );
        assert_eq!(
            labelled("- Thời gian thực hiện: Năm 2022", Some("objectives")),
            None
        );
    }

    #[test]
    fn documents_in_a_basis_line() {
        let docs = cited_documents("Thực hiện Kế hoạch số 4399/KH-UBND ngày 29/12/2023 của Ủy ban nhân dân huyện Thanh Miện triển khai thực hiện Quyết định số 1393/QĐLĐTBXH ngày 30/12/2022 của Bộ Lao động – Thương binh và Xã hội về việc phê duyệt Dự án “Nâng cao, phòng ngừa”, Ủy ban nhân dân thị trấn Thanh Miện xây dựng Kế hoạch");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].kind, "Kế hoạch");
        assert_eq!(docs[0].date.as_deref(), Some("2023-12-29"));
        assert_eq!(
            docs[0].issuer.as_deref(),
            Some("Ủy ban nhân dân huyện Thanh Miện")
        );
        assert_eq!(docs[0].implements.as_deref(), Some("1393/QĐLĐTBXH"));
        assert_eq!(
            docs[1].issuer.as_deref(),
            Some("Bộ Lao động – Thương binh và Xã hội")
        );
        assert_eq!(
            docs[1].title.as_deref(),
            Some("về việc phê duyệt Dự án “Nâng cao, phòng ngừa”")
        );
    }

    #[test]
    fn levels_from_names() {
        assert_eq!(level_of("Ủy ban nhân dân xã Thanh Miện"), Some("xa"));
        assert_eq!(level_of("Ủy ban nhân dân thị xã Sơn Tây"), Some("huyen"));
        assert_eq!(level_of("Sở Tư pháp"), Some("tinh"));
        assert_eq!(level_of("Ủy ban nhân dân thị trấn Thanh Miện"), Some("xa"));
    }
}
