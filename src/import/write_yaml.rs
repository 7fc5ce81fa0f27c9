//! A recognised plan → the plan file a clerk would have typed
//! (docs/ke-hoach.md): block scalars for long text, quotes only where YAML
//! needs them, the doubts as comments where they apply.

use super::plan::{BlockDraft, Field, FieldDraft, PlanDraft};

/// The default label of each field (as `TaskLabels::default`).
fn default_label(field: Field) -> &'static str {
    match field {
        Field::Approach => "Giải pháp thực hiện",
        Field::Lead => "Đơn vị chủ trì",
        Field::Partners => "Đơn vị phối hợp",
        Field::Timeframe => "Thời gian thực hiện",
        Field::Outputs => "Kết quả đầu ra",
        Field::Funding => "Kinh phí",
    }
}

const FIELDS: [Field; 6] = [
    Field::Approach,
    Field::Lead,
    Field::Partners,
    Field::Timeframe,
    Field::Outputs,
    Field::Funding,
];

/// Writes the plan file. `source` names the document it came from; `notes`
/// are comment lines for the top of the file (doubts, proposed units).
pub fn plan_yaml(draft: &PlanDraft, source: &str, notes: &[String]) -> String {
    let mut w = Writer::default();
    w.comment(
        0,
        &format!(
            "Nhập từ \"{source}\" bằng `loa import plan`: bản nháp để đối chiếu với văn bản gốc."
        ),
    );
    w.comment(
        0,
        "Mỗi câu được chép nguyên văn; xem lại các chỗ ghi KIỂM TRA, rồi chạy `loa check`.",
    );
    for note in notes {
        // Lines of a YAML block keep their indentation; prose is wrapped.
        if note.starts_with("- ") || note.starts_with("  ") {
            w.raw(0, &format!("# {note}"));
        } else {
            w.comment(0, note);
        }
    }
    if let Some(number) = &draft.number {
        w.scalar(0, "number", number);
    }
    w.key(0, "issuer");
    w.scalar(2, "name", draft.issuer.as_deref().unwrap_or(""));
    if let Some(parent) = &draft.parent {
        w.scalar(2, "parent", parent);
    }
    match draft.level {
        Some(level) => w.raw(2, &format!("level: {level}")),
        None => w.raw(
            2,
            "level: xa  # KIỂM TRA: cấp của cơ quan ban hành (xa, huyen, tinh, trung-uong)",
        ),
    }
    if let Some(place) = &draft.place {
        w.scalar(0, "place", place);
    }
    if let Some(issued) = &draft.issued {
        w.raw(0, &format!("issued: {issued}"));
    }
    w.scalar(0, "title", &draft.title);
    if !draft.topics.is_empty() {
        w.raw(0, &format!("topics: [{}]", draft.topics.join(", ")));
    }
    if !draft.basis.is_empty() {
        w.key(0, "basis");
        for basis in &draft.basis {
            w.item_scalar(2, "text", &basis.text);
            if !basis.documents.is_empty() {
                w.key(4, "documents");
                for d in &basis.documents {
                    w.item_scalar(6, "kind", &d.kind);
                    w.scalar(8, "number", &d.number);
                    if let Some(date) = &d.date {
                        w.raw(8, &format!("date: {date}"));
                    }
                    if let Some(issuer) = &d.issuer {
                        w.scalar(8, "issuer", issuer);
                    }
                    if let Some(title) = &d.title {
                        w.scalar(8, "title", title);
                    }
                    if let Some(implements) = &d.implements {
                        w.scalar(8, "implements", implements);
                    }
                }
            }
        }
    }
    w.paragraphs(0, "preamble", &draft.preamble);

    let plan_labels = common_labels(&draft.body);
    let differing: Vec<(Field, &String)> = FIELDS
        .iter()
        .filter_map(|f| {
            let label = plan_labels.get(f)?;
            (label != default_label(*f)).then_some((*f, label))
        })
        .collect();
    if !differing.is_empty() {
        w.key(0, "labels");
        for (field, label) in differing {
            w.scalar(2, field.key(), label);
        }
    }
    w.key(0, "body");
    for block in &draft.body {
        block_yaml(&mut w, block, 2, &plan_labels);
    }
    w.paragraphs(0, "closing", &draft.closing);
    if !draft.recipients.is_empty() {
        w.key(0, "recipients");
        for r in &draft.recipients {
            w.list_scalar(2, r);
        }
    }
    if !draft.authority.is_empty() || draft.signer_title.is_some() || draft.signer.is_some() {
        w.key(0, "signature");
        if !draft.authority.is_empty() {
            w.key(2, "authority");
            for a in &draft.authority {
                w.list_scalar(4, a);
            }
        }
        if let Some(t) = &draft.signer_title {
            w.scalar(2, "title", t);
        }
        if let Some(n) = &draft.signer {
            w.scalar(2, "name", n);
        }
    }
    w.out
}

/// The label each field has most often in the plan (first seen wins a tie).
fn common_labels(body: &[BlockDraft]) -> std::collections::HashMap<Field, String> {
    let mut counts: Vec<(Field, String, usize)> = Vec::new();
    fn walk(blocks: &[BlockDraft], counts: &mut Vec<(Field, String, usize)>) {
        for b in blocks {
            for f in &b.fields {
                match counts
                    .iter_mut()
                    .find(|(field, label, _)| *field == f.field && *label == f.label)
                {
                    Some(entry) => entry.2 += 1,
                    None => counts.push((f.field, f.label.clone(), 1)),
                }
            }
            walk(&b.items, counts);
        }
    }
    walk(body, &mut counts);
    let mut best: std::collections::HashMap<Field, (String, usize)> =
        std::collections::HashMap::new();
    for (field, label, n) in counts {
        let entry = best.entry(field).or_insert((label.clone(), 0));
        if n > entry.1 {
            *entry = (label, n);
        }
    }
    best.into_iter().map(|(f, (label, _))| (f, label)).collect()
}

fn block_yaml(
    w: &mut Writer,
    block: &BlockDraft,
    indent: usize,
    plan_labels: &std::collections::HashMap<Field, String>,
) {
    let inner = indent + 2;
    match &block.number {
        Some(number) => w.item_scalar(indent, "number", number),
        None => w.raw(indent, "- number: \"\""),
    }
    if let Some(title) = &block.title {
        w.scalar(inner, "title", title);
    }
    if let Some(role) = block.role {
        w.raw(inner, &format!("role: {role}"));
    }
    w.paragraphs(inner, "text", &block.text);
    let own_labels: Vec<&FieldDraft> = block
        .fields
        .iter()
        .filter(|f| plan_labels.get(&f.field).is_some_and(|l| *l != f.label))
        .collect();
    if !own_labels.is_empty() {
        w.key(inner, "labels");
        for f in own_labels {
            w.scalar(inner + 2, f.field.key(), &f.label);
        }
    }
    let items = |w: &mut Writer| {
        if !block.items.is_empty() {
            w.key(inner, "items");
            for item in &block.items {
                block_yaml(w, item, inner + 2, plan_labels);
            }
        }
    };
    if let Some(lead) = &block.lead_in_text {
        w.scalar(inner, "lead_in_text", lead);
    }
    if block.fields_after_items {
        items(w);
    }
    for f in &block.fields {
        match f.values.as_slice() {
            [] => w.raw(inner, &format!("{}: \"\"", f.field.key())),
            [one] => w.scalar(inner, f.field.key(), one),
            many => {
                w.key(inner, f.field.key());
                for v in many {
                    w.list_scalar(inner + 2, v);
                }
            }
        }
    }
    if !block.fields_after_items {
        items(w);
    }
}

/// Accumulates YAML lines.
#[derive(Default)]
struct Writer {
    out: String,
}

/// Lines of a folded block are cut near this width.
const WIDTH: usize = 100;

impl Writer {
    fn raw(&mut self, indent: usize, line: &str) {
        self.out.push_str(&" ".repeat(indent));
        self.out.push_str(line);
        self.out.push('\n');
    }

    fn comment(&mut self, indent: usize, text: &str) {
        for line in wrap(text, WIDTH - indent - 2) {
            self.raw(indent, &format!("# {line}"));
        }
    }

    fn key(&mut self, indent: usize, key: &str) {
        self.raw(indent, &format!("{key}:"));
    }

    /// `key: value`, plain, quoted or folded as the value needs.
    fn scalar(&mut self, indent: usize, key: &str, value: &str) {
        self.value(indent, &format!("{key}: "), value);
    }

    /// `- key: value`: the first key of a list item.
    fn item_scalar(&mut self, indent: usize, key: &str, value: &str) {
        self.value(indent, &format!("- {key}: "), value);
    }

    /// `- value`
    fn list_scalar(&mut self, indent: usize, value: &str) {
        self.value(indent, "- ", value);
    }

    fn value(&mut self, indent: usize, lead: &str, value: &str) {
        let width = indent + lead.chars().count() + value.chars().count();
        if width <= WIDTH && plain_safe(value) {
            self.raw(indent, &format!("{lead}{value}"));
        } else if width <= WIDTH || value.is_empty() {
            self.raw(indent, &format!("{lead}{}", quoted(value)));
        } else {
            self.raw(indent, &format!("{lead}>-"));
            // More indented than the key the value belongs to.
            let body_indent = match lead {
                "- " => indent + 2,
                l if l.starts_with("- ") => indent + 4,
                _ => indent + 2,
            };
            for line in wrap(value, WIDTH.saturating_sub(body_indent).max(40)) {
                self.raw(body_indent, &line);
            }
        }
    }

    /// One paragraph as a scalar, several as a list.
    fn paragraphs(&mut self, indent: usize, key: &str, paragraphs: &[String]) {
        match paragraphs {
            [] => {}
            [one] => self.scalar(indent, key, one),
            many => {
                self.key(indent, key);
                for p in many {
                    self.list_scalar(indent + 2, p);
                }
            }
        }
    }
}

/// Words into lines of at most `width` characters (a longer word stays whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// True when `value` reads back as the same string without quotes.
fn plain_safe(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_ascii_digit() || first == '.' {
        return false;
    }
    if value.ends_with(':') || value.ends_with(' ') || value.contains(": ") || value.contains(" #")
    {
        return false;
    }
    if value.chars().any(|c| c.is_control()) {
        return false;
    }
    !matches!(
        value.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
    )
}

/// A double-quoted YAML string.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_yaml_would_misread_are_quoted() {
        assert!(plain_safe("Văn phòng HĐND và UBND xã."));
        assert!(!plain_safe("1."));
        assert!(!plain_safe("Lưu: VT, VP."));
        assert!(!plain_safe("- xã hội"));
        assert!(!plain_safe("yes"));
        assert!(!plain_safe("Phạm vi:"));
        assert_eq!(quoted("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let text = "một hai ba bốn năm sáu bảy tám chín mười";
        let lines = wrap(text, 12);
        assert!(lines.iter().all(|l| l.chars().count() <= 12));
        assert_eq!(lines.join(" "), text);
    }
}
