//! OpenDocument text (.odt, what LibreOffice saves): `content.xml` in
//! reading order — paragraphs, headings, lists with their numbers as
//! LibreOffice shows them, table cells, sections — and the pictures in it.

use std::collections::HashMap;

use roxmltree::Node;

use super::zipped::Archive;
use super::{clean, Document, Inline, Origin, Para, Picture, ReadError, Rich};

/// Reads an .odt file.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut archive = Archive::open(bytes)?;
    let content = archive
        .xml("content.xml")?
        .ok_or_else(|| ReadError::Damaged("thiếu content.xml".to_string()))?;
    let styles = archive.xml("styles.xml")?;
    let doc = content.parse()?;
    let mut list_styles = HashMap::new();
    collect_list_styles(doc.root_element(), &mut list_styles);
    if let Some(styles) = &styles {
        collect_list_styles(styles.parse()?.root_element(), &mut list_styles);
    }
    if doc
        .root_element()
        .descendants()
        .any(|n| n.tag_name().name() == "encryption-data")
    {
        return Err(ReadError::Encrypted);
    }
    let mut text_styles = HashMap::new();
    collect_text_styles(doc.root_element(), &mut text_styles);
    if let Some(styles) = &styles {
        collect_text_styles(styles.parse()?.root_element(), &mut text_styles);
    }
    let mut reader = Reader {
        list_styles,
        text_styles,
        counters: HashMap::new(),
        document: Document::default(),
        picture_paths: Vec::new(),
    };
    let text = doc
        .root_element()
        .descendants()
        .find(|n| {
            n.tag_name().name() == "text"
                && n.parent().is_some_and(|p| p.tag_name().name() == "body")
        })
        .ok_or_else(|| ReadError::Damaged("content.xml không có phần văn bản".to_string()))?;
    reader.blocks(text, None, 0);
    let mut document = reader.document;
    if let Some(meta) = archive.xml("meta.xml")? {
        let parsed = meta.parse()?;
        let stamp = |name: &str| {
            parsed
                .descendants()
                .find(|n| n.tag_name().name() == name)
                .and_then(|n| n.text())
                .and_then(super::day_of)
        };
        document.date = stamp("creation-date").or_else(|| stamp("date"));
    }
    // Every picture keeps its place (the text refers to it by number).
    for (path, alt) in reader.picture_paths {
        document.pictures.push(Picture {
            name: path.rsplit('/').next().unwrap_or(&path).to_string(),
            bytes: archive.bytes(&path)?.unwrap_or_default(),
            alt,
        });
    }
    Ok(document)
}

/// One level of a list style.
#[derive(Clone, Default)]
struct ListLevel {
    bullet: Option<String>,
    format: String,
    prefix: String,
    suffix: String,
    display: usize,
    start: u32,
}

fn collect_list_styles(root: Node, out: &mut HashMap<String, Vec<ListLevel>>) {
    for style in root
        .descendants()
        .filter(|n| n.tag_name().name() == "list-style")
    {
        let Some(name) = attr(&style, "name") else {
            continue;
        };
        let mut levels = vec![ListLevel::default(); 10];
        for level in style.children().filter(Node::is_element) {
            let Some(i) = attr(&level, "level").and_then(|l| l.parse::<usize>().ok()) else {
                continue;
            };
            if !(1..=10).contains(&i) {
                continue;
            }
            levels[i - 1] = match level.tag_name().name() {
                "list-level-style-bullet" => ListLevel {
                    bullet: Some(attr(&level, "bullet-char").unwrap_or("-").to_string()),
                    ..ListLevel::default()
                },
                "list-level-style-number" => ListLevel {
                    bullet: None,
                    format: attr(&level, "num-format").unwrap_or("").to_string(),
                    prefix: attr(&level, "num-prefix").unwrap_or("").to_string(),
                    suffix: attr(&level, "num-suffix").unwrap_or("").to_string(),
                    display: attr(&level, "display-levels")
                        .and_then(|d| d.parse().ok())
                        .unwrap_or(1),
                    start: attr(&level, "start-value")
                        .and_then(|d| d.parse().ok())
                        .unwrap_or(1),
                },
                _ => continue,
            };
        }
        out.entry(name.to_string()).or_insert(levels);
    }
}

/// Text styles that make words bold or italic: name → (bold, italic).
fn collect_text_styles(root: Node, out: &mut HashMap<String, (bool, bool)>) {
    for style in root
        .descendants()
        .filter(|n| n.tag_name().name() == "style")
    {
        let Some(name) = attr(&style, "name") else {
            continue;
        };
        let Some(props) = style
            .children()
            .find(|n| n.tag_name().name() == "text-properties")
        else {
            continue;
        };
        let bold = attr(&props, "font-weight")
            .is_some_and(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
        let italic = attr(&props, "font-style") == Some("italic");
        if bold || italic {
            out.entry(name.to_string()).or_insert((bold, italic));
        }
    }
}

struct Reader {
    list_styles: HashMap<String, Vec<ListLevel>>,
    text_styles: HashMap<String, (bool, bool)>,
    /// list style → counters per level
    counters: HashMap<String, [Option<u32>; 10]>,
    document: Document,
    picture_paths: Vec<(String, Option<String>)>,
}

impl Reader {
    /// Block content of `node`; `list` is the style of the list it is in
    /// and `depth` its level (0 outside lists).
    fn blocks(&mut self, node: Node, list: Option<&str>, depth: usize) {
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "p" | "h" => self.paragraph(child, None, None),
                "table" => {
                    let mut rows = Vec::new();
                    // Its own rows (directly or in a header or row group),
                    // not those of a table inside a cell.
                    let rows_of = |n: Node<'_, '_>| n.tag_name().name() == "table-row";
                    let own_rows = child.children().filter(Node::is_element).flat_map(|c| {
                        if rows_of(c) {
                            vec![c]
                        } else if matches!(c.tag_name().name(), "table-header-rows" | "table-rows")
                        {
                            c.children().filter(|r| rows_of(*r)).collect()
                        } else {
                            Vec::new()
                        }
                    });
                    for row in own_rows {
                        let mut cells = Vec::new();
                        for cell in row
                            .children()
                            .filter(|n| n.tag_name().name() == "table-cell")
                        {
                            let from = self.document.rich.len();
                            self.blocks(cell, list, depth);
                            let parts: Vec<String> = self
                                .document
                                .rich
                                .drain(from..)
                                .map(|r| super::rich_text(&r))
                                .collect();
                            cells.push(parts.join(" "));
                        }
                        rows.push(cells);
                    }
                    self.document.rich.push(Rich::Table(rows));
                }
                "list" => {
                    let style = attr(&child, "style-name").or(list);
                    let continues = attr(&child, "continue-numbering") == Some("true")
                        || attr(&child, "continue-list").is_some();
                    if depth == 0 && !continues {
                        if let Some(s) = style {
                            self.counters.remove(s);
                        }
                    }
                    self.list(child, style, depth);
                }
                "section" | "index-body" | "table-of-content" => self.blocks(child, list, depth),
                _ => {}
            }
        }
    }

    /// The items of a list at `depth`; a list inside an item is one deeper.
    fn list(&mut self, node: Node, style: Option<&str>, depth: usize) {
        let style = attr(&node, "style-name").or(style);
        for item in node.children().filter(Node::is_element) {
            let numbered = item.tag_name().name() == "list-item";
            let start = attr(&item, "start-value").and_then(|v| v.parse::<u32>().ok());
            // An item that opens with a nested list shows no number and
            // does not count.
            let shows_number = item
                .children()
                .find(Node::is_element)
                .is_some_and(|c| matches!(c.tag_name().name(), "p" | "h"));
            let mut first = match (style, numbered && shows_number) {
                (Some(s), true) => self.next(s, depth, start),
                _ => None,
            };
            for inner in item.children().filter(Node::is_element) {
                match inner.tag_name().name() {
                    "p" | "h" => self.paragraph(inner, first.take(), Some(depth)),
                    "list" => self.list(inner, style, depth + 1),
                    _ => self.blocks(inner, style, depth + 1),
                }
            }
        }
    }

    /// The next number of list `style` at `depth`.
    fn next(&mut self, style: &str, depth: usize, start: Option<u32>) -> Option<String> {
        let levels = self.list_styles.get(style)?.clone();
        let depth = depth.min(9);
        let counters = self.counters.entry(style.to_string()).or_insert([None; 10]);
        let level = &levels[depth];
        if let Some(bullet) = &level.bullet {
            return Some(if bullet.trim() == "+" { "+" } else { "-" }.to_string());
        }
        if level.format.is_empty() {
            return None;
        }
        counters[depth] = Some(match (start, counters[depth]) {
            (Some(s), _) => s,
            (None, Some(n)) => n + 1,
            (None, None) => level.start,
        });
        for deeper in counters.iter_mut().skip(depth + 1) {
            *deeper = None;
        }
        let first = (depth + 1).saturating_sub(level.display.max(1));
        let parts: Vec<String> = (first..=depth)
            .map(|l| {
                let value = counters[l].unwrap_or(levels[l].start.max(1));
                format_number(value, &levels[l].format)
            })
            .collect();
        Some(format!(
            "{}{}{}",
            level.prefix,
            parts.join("."),
            level.suffix
        ))
    }

    /// A paragraph or heading; `number` is its list number, `depth` its
    /// list level when it is in a list.
    fn paragraph(&mut self, p: Node, number: Option<String>, depth: Option<usize>) {
        let mut inline = Inline::default();
        self.inline(p, &mut inline);
        let mut text = String::new();
        if let Some(n) = &number {
            text.push_str(n);
            text.push(' ');
        }
        text.push_str(&inline.plain);
        for line in text.split('\n') {
            let line = clean(line);
            if !line.is_empty() {
                let n = self.document.paragraphs.len() as u32 + 1;
                self.document.paragraphs.push(Para {
                    text: line,
                    at: Origin::Paragraph(n),
                });
            }
        }
        let md = inline.md_lines();
        if md.is_empty() {
            return;
        }
        let heading = (p.tag_name().name() == "h").then(|| {
            attr(&p, "outline-level")
                .and_then(|l| l.parse::<u8>().ok())
                .unwrap_or(1)
                .clamp(1, 6)
        });
        let bullet = number.as_deref().is_none_or(|n| matches!(n, "-" | "+"));
        self.document.rich.push(match (heading, depth) {
            (Some(level), _) => Rich::Heading {
                level,
                text: match &number {
                    Some(n) => format!("{} {md}", super::md_escape(n)),
                    None => md,
                },
            },
            (None, Some(depth)) => Rich::Item {
                ordered: !bullet,
                depth: depth.min(9) as u8,
                text: md,
            },
            (None, None) => Rich::Paragraph(md),
        });
    }

    fn inline(&mut self, node: Node, text: &mut Inline) {
        for child in node.children() {
            if child.is_text() {
                text.push(child.text().unwrap_or_default());
                continue;
            }
            if !child.is_element() {
                continue;
            }
            match child.tag_name().name() {
                "s" => {
                    let n = attr(&child, "c")
                        .and_then(|c| c.parse().ok())
                        .unwrap_or(1usize);
                    text.push(&" ".repeat(n.min(100)));
                }
                "tab" => text.push(" "),
                "line-break" => text.push("\n"),
                "span" => {
                    let mut inner = Inline::default();
                    self.inline(child, &mut inner);
                    let (bold, italic) = attr(&child, "style-name")
                        .and_then(|s| self.text_styles.get(s).copied())
                        .unwrap_or_default();
                    text.plain.push_str(&inner.plain);
                    text.md.push_str(&super::emphasise(&inner.md, bold, italic));
                }
                "a" => {
                    let mut inner = Inline::default();
                    self.inline(child, &mut inner);
                    text.plain.push_str(&inner.plain);
                    match attr(&child, "href") {
                        Some(url) if !inner.md.trim().is_empty() && !url.starts_with('#') => {
                            text.md.push_str(&format!("[{}](<{url}>)", inner.md.trim()))
                        }
                        _ => text.md.push_str(&inner.md),
                    }
                }
                "note" => {
                    let mark = child
                        .children()
                        .find(|n| n.tag_name().name() == "note-citation")
                        .and_then(|n| n.text())
                        .unwrap_or_default()
                        .to_string();
                    let body = child
                        .children()
                        .find(|n| n.tag_name().name() == "note-body")
                        .map(|b| {
                            let mut s = String::new();
                            for p in b.descendants().filter(|d| d.is_text()) {
                                s.push_str(p.text().unwrap_or_default());
                            }
                            clean(&s)
                        })
                        .unwrap_or_default();
                    self.document.footnotes.push((mark, body));
                    text.md
                        .push_str(&format!("[^{}]", self.document.footnotes.len()));
                }
                "frame" => {
                    let alt = child
                        .children()
                        .find(|n| matches!(n.tag_name().name(), "desc" | "title"))
                        .and_then(|n| n.text())
                        .map(clean)
                        .filter(|a| !a.is_empty());
                    if let Some(href) = child
                        .descendants()
                        .find(|n| n.tag_name().name() == "image")
                        .and_then(|n| attr(&n, "href"))
                    {
                        if !href.contains("://") {
                            text.md.push_str(&format!(
                                "![{}](picture:{})",
                                super::md_escape(alt.as_deref().unwrap_or("")),
                                self.picture_paths.len()
                            ));
                            self.picture_paths.push((href.to_string(), alt));
                        }
                    }
                }
                "annotation" | "bookmark" | "bookmark-start" | "bookmark-end"
                | "soft-page-break" => {}
                _ => self.inline(child, text),
            }
        }
    }
}

fn format_number(value: u32, format: &str) -> String {
    match format {
        "I" => super::docx::roman(value),
        "i" => super::docx::roman(value).to_lowercase(),
        "a" => super::docx::letter(value),
        "A" => super::docx::letter(value).to_uppercase(),
        _ => value.to_string(),
    }
}

fn attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}
