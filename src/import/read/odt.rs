//! OpenDocument text (.odt, what LibreOffice saves): `content.xml` in
//! reading order — paragraphs, headings, lists with their numbers as
//! LibreOffice shows them, table cells, sections — and the pictures in it.

use std::collections::HashMap;

use roxmltree::Node;

use super::zipped::Archive;
use super::{clean, Document, Origin, Para, Picture, ReadError};

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
    let mut reader = Reader {
        list_styles,
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
    for (path, alt) in reader.picture_paths {
        if let Some(bytes) = archive.bytes(&path)? {
            document.pictures.push(Picture {
                name: path.rsplit('/').next().unwrap_or(&path).to_string(),
                bytes,
                alt,
            });
        }
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

struct Reader {
    list_styles: HashMap<String, Vec<ListLevel>>,
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
                "p" | "h" => self.paragraph(child, None),
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
                "table" | "table-row" | "table-cell" | "table-rows" | "table-header-rows"
                | "section" | "index-body" | "table-of-content" => self.blocks(child, list, depth),
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
                    "p" | "h" => self.paragraph(inner, first.take()),
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

    fn paragraph(&mut self, p: Node, number: Option<String>) {
        let mut text = String::new();
        if let Some(n) = number {
            text.push_str(&n);
            text.push(' ');
        }
        self.inline(p, &mut text);
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
    }

    fn inline(&mut self, node: Node, text: &mut String) {
        for child in node.children() {
            if child.is_text() {
                text.push_str(child.text().unwrap_or_default());
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
                    text.push_str(&" ".repeat(n.min(100)));
                }
                "tab" => text.push(' '),
                "line-break" => text.push('\n'),
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
