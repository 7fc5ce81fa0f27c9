//! Word files (.docx): the body of `word/document.xml` in reading order —
//! paragraphs, the cells of tables (the issuer and signature blocks are
//! borderless tables), text boxes — with Word's automatic numbering
//! (`w:numPr`, on the paragraph or its style) written as the reader sees it.

use std::collections::HashMap;

use roxmltree::Node;

use super::zipped::Archive;
use super::{clean, Document, Inline, Origin, Para, Picture, ReadError, Rich};

/// Reads a .docx file.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut archive = Archive::open(bytes)?;
    let document = archive
        .xml("word/document.xml")?
        .ok_or_else(|| ReadError::Damaged("thiếu word/document.xml".to_string()))?;
    let styles_xml = archive.xml("word/styles.xml")?;
    let numbering = archive.xml("word/numbering.xml")?;
    let footnotes = archive.xml("word/footnotes.xml")?;
    let relations = archive.xml("word/_rels/document.xml.rels")?;
    let properties = archive.xml("docProps/core.xml")?;
    let date = match &properties {
        Some(xml) => {
            let parsed = xml.parse()?;
            let stamp = |name: &str| {
                parsed
                    .descendants()
                    .find(|n| local(n) == name)
                    .and_then(|n| n.text())
                    .and_then(super::day_of)
            };
            stamp("created").or_else(|| stamp("modified"))
        }
        None => None,
    };

    let numbering = match &numbering {
        Some(xml) => Numbering::new(&xml.parse()?)?,
        None => Numbering::default(),
    };
    let styles = match &styles_xml {
        Some(xml) => style_numbering(&xml.parse()?)?,
        None => HashMap::new(),
    };
    let heading_styles = match &styles_xml {
        Some(xml) => heading_styles(&xml.parse()?),
        None => HashMap::new(),
    };
    let links: HashMap<String, String> = match &relations {
        Some(xml) => xml
            .parse()?
            .root_element()
            .children()
            .filter(|n| local(n) == "Relationship" && attr(n, "TargetMode") == Some("External"))
            .filter_map(|n| Some((attr(&n, "Id")?.to_string(), attr(&n, "Target")?.to_string())))
            .collect(),
        None => HashMap::new(),
    };
    let mut reader = Reader {
        numbering,
        styles,
        heading_styles,
        links,
        paragraphs: Vec::new(),
        rich: Vec::new(),
        footnote_ids: Vec::new(),
        picture_ids: Vec::new(),
    };
    let doc = document.parse()?;
    let body = doc
        .root_element()
        .children()
        .find(|n| {
            n.has_tag_name((
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "body",
            ))
        })
        .or_else(|| doc.root_element().children().find(|n| local(n) == "body"))
        .ok_or_else(|| ReadError::Damaged("word/document.xml không có phần thân".to_string()))?;
    reader.blocks(body);

    let footnotes = match footnotes {
        Some(xml) => {
            let parsed = xml.parse()?;
            let texts: HashMap<String, String> = parsed
                .root_element()
                .children()
                .filter(|n| local(n) == "footnote" && attr(n, "type").is_none())
                .filter_map(|n| Some((attr(&n, "id")?.to_string(), clean(&all_text(n)))))
                .collect();
            reader
                .footnote_ids
                .iter()
                .enumerate()
                .filter_map(|(i, id)| Some(((i + 1).to_string(), texts.get(id)?.clone())))
                .collect()
        }
        None => Vec::new(),
    };
    let mut pictures = Vec::new();
    if let Some(xml) = relations {
        let parsed = xml.parse()?;
        let targets: HashMap<&str, &str> = parsed
            .root_element()
            .children()
            .filter(|n| local(n) == "Relationship" && attr(n, "TargetMode") != Some("External"))
            .filter_map(|n| Some((attr(&n, "Id")?, attr(&n, "Target")?)))
            .collect();
        for (id, alt) in &reader.picture_ids {
            let target = targets.get(id.as_str()).copied().unwrap_or("");
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("word/{target}"),
            };
            // Every picture keeps its place (the text refers to it by
            // number); one whose file is missing has no bytes.
            pictures.push(Picture {
                name: path.rsplit('/').next().unwrap_or(&path).to_string(),
                bytes: archive.bytes(&path)?.unwrap_or_default(),
                alt: alt.clone(),
            });
        }
    }
    Ok(Document {
        paragraphs: reader.paragraphs,
        rich: reader.rich,
        footnotes,
        pictures,
        date,
    })
}

struct Reader {
    numbering: Numbering,
    styles: HashMap<String, (String, u8)>,
    /// Paragraph style id → heading level.
    heading_styles: HashMap<String, u8>,
    /// Relationship id → URL of an external link.
    links: HashMap<String, String>,
    paragraphs: Vec<Para>,
    rich: Vec<Rich>,
    footnote_ids: Vec<String>,
    picture_ids: Vec<(String, Option<String>)>,
}

impl Reader {
    /// The block-level children of `node`, in order.
    fn blocks(&mut self, node: Node) {
        for child in node.children().filter(Node::is_element) {
            match local(&child) {
                "p" => self.paragraph(child),
                "tbl" => {
                    let mut rows = Vec::new();
                    for row in child.children().filter(|n| local(n) == "tr") {
                        let mut cells = Vec::new();
                        for cell in row.children().filter(|n| local(n) == "tc") {
                            let from = self.rich.len();
                            self.blocks(cell);
                            let parts: Vec<String> = self
                                .rich
                                .drain(from..)
                                .map(|r| super::rich_text(&r))
                                .collect();
                            cells.push(parts.join(" "));
                        }
                        rows.push(cells);
                    }
                    self.rich.push(Rich::Table(rows));
                }
                "sdt" | "sdtContent" | "customXml" | "txbxContent" | "smartTag" => {
                    self.blocks(child)
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: Node) {
        let number = self.number_of(p);
        let mut inline = Inline::default();
        let mut boxes = Vec::new();
        self.runs(p, &mut inline, &mut boxes);
        // Text boxes anchored in this paragraph read before it.
        for b in boxes {
            self.blocks(b);
        }
        let mut text = String::new();
        if let Some((n, _, _)) = &number {
            text.push_str(n);
            text.push(' ');
        }
        text.push_str(&inline.plain);
        // A line break (Shift+Enter) separates lines such as "KT. CHỦ TỊCH"
        // and "PHÓ CHỦ TỊCH": each becomes a paragraph of its own.
        for line in text.split('\n') {
            let line = clean(line);
            if !line.is_empty() {
                let n = self.paragraphs.len() as u32 + 1;
                self.paragraphs.push(Para {
                    text: line,
                    at: Origin::Paragraph(n),
                });
            }
        }
        let md = inline.md_lines();
        if md.is_empty() {
            return;
        }
        let heading = self.heading_level(p);
        self.rich.push(match (heading, number) {
            (Some(level), Some((n, _, _))) => Rich::Heading {
                level,
                text: format!("{} {md}", super::md_escape(&n)),
            },
            (Some(level), None) => Rich::Heading { level, text: md },
            (None, Some((_, bullet, depth))) => Rich::Item {
                ordered: !bullet,
                depth,
                text: md,
            },
            (None, None) => Rich::Paragraph(md),
        });
    }

    /// The heading level of a paragraph: its outline level, or its style's.
    fn heading_level(&self, p: Node) -> Option<u8> {
        let properties = p.children().find(|n| local(n) == "pPr")?;
        let outline = properties
            .children()
            .find(|n| local(n) == "outlineLvl")
            .and_then(|n| attr(&n, "val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 6)
            .map(|l| l + 1);
        outline.or_else(|| {
            properties
                .children()
                .find(|n| local(n) == "pStyle")
                .and_then(|n| attr(&n, "val"))
                .and_then(|s| self.heading_styles.get(s).copied())
        })
    }

    /// The text inside a paragraph, in order, skipping deleted text, field
    /// codes and the fallback copies of drawings.
    fn runs<'a>(&mut self, node: Node<'a, 'a>, text: &mut Inline, boxes: &mut Vec<Node<'a, 'a>>) {
        for child in node.children().filter(Node::is_element) {
            match local(&child) {
                "t" => text.push(child.text().unwrap_or_default()),
                "tab" | "ptab" => text.push(" "),
                "br" | "cr" => text.push("\n"),
                "noBreakHyphen" => text.push("-"),
                "del" | "delText" | "instrText" | "Fallback" | "rPr" | "pPr" => {}
                "r" => {
                    let mut run = Inline::default();
                    self.runs(child, &mut run, boxes);
                    let props = child.children().find(|n| local(n) == "rPr");
                    let on = |name: &str| {
                        props
                            .and_then(|pr| pr.children().find(|n| local(n) == name))
                            .is_some_and(|n| {
                                !matches!(attr(&n, "val"), Some("0" | "false" | "none"))
                            })
                    };
                    text.plain.push_str(&run.plain);
                    text.md
                        .push_str(&super::emphasise(&run.md, on("b"), on("i")));
                }
                "hyperlink" => {
                    let mut inner = Inline::default();
                    self.runs(child, &mut inner, boxes);
                    text.plain.push_str(&inner.plain);
                    let url = attr(&child, "id").and_then(|id| self.links.get(id));
                    match url {
                        Some(url) if !inner.md.trim().is_empty() => {
                            text.md.push_str(&format!("[{}](<{url}>)", inner.md.trim()))
                        }
                        _ => text.md.push_str(&inner.md),
                    }
                }
                "footnoteReference" => {
                    if let Some(id) = attr(&child, "id") {
                        self.footnote_ids.push(id.to_string());
                        text.md.push_str(&format!("[^{}]", self.footnote_ids.len()));
                    }
                }
                "txbxContent" => boxes.push(child),
                "drawing" | "pict" => {
                    let alt = child
                        .descendants()
                        .find(|n| local(n) == "docPr")
                        .and_then(|n| attr(&n, "descr").or_else(|| attr(&n, "title")))
                        .map(clean)
                        .filter(|a| !a.is_empty());
                    if let Some(id) = child
                        .descendants()
                        .find(|n| local(n) == "blip")
                        .and_then(|n| attr(&n, "embed"))
                    {
                        text.md.push_str(&format!(
                            "![{}](picture:{})",
                            super::md_escape(alt.as_deref().unwrap_or("")),
                            self.picture_ids.len()
                        ));
                        self.picture_ids.push((id.to_string(), alt));
                    }
                    self.runs(child, text, boxes);
                }
                _ => self.runs(child, text, boxes),
            }
        }
    }

    /// The automatic number of a paragraph, from its own `w:numPr` or its
    /// style's.
    fn number_of(&mut self, p: Node) -> Option<(String, bool, u8)> {
        let properties = p.children().find(|n| local(n) == "pPr");
        let direct = properties.and_then(num_pr);
        let style = properties
            .and_then(|pr| pr.children().find(|n| local(n) == "pStyle"))
            .and_then(|n| attr(&n, "val"))
            .and_then(|s| self.styles.get(s))
            .cloned();
        let (id, level) = match (direct, style) {
            (Some((Some(id), level)), style) => (id, level.or(style.map(|s| s.1)).unwrap_or(0)),
            (Some((None, level)), Some((id, style_level))) => (id, level.unwrap_or(style_level)),
            (None, Some((id, level))) => (id, level),
            _ => return None,
        };
        let number = self.numbering.next(&id, level)?;
        let bullet = matches!(number.as_str(), "-" | "+");
        Some((number, bullet, level))
    }
}

/// Paragraph styles that are headings: style id → level (1–6), from the
/// style's outline level or its name ("heading 2", "Title").
fn heading_styles(doc: &roxmltree::Document) -> HashMap<String, u8> {
    let mut out = HashMap::new();
    for style in doc
        .root_element()
        .children()
        .filter(|n| local(n) == "style")
    {
        let Some(id) = attr(&style, "styleId") else {
            continue;
        };
        let name = style
            .children()
            .find(|n| local(n) == "name")
            .and_then(|n| attr(&n, "val"))
            .unwrap_or("")
            .to_lowercase();
        let outline = style
            .children()
            .find(|n| local(n) == "pPr")
            .and_then(|pr| pr.children().find(|n| local(n) == "outlineLvl"))
            .and_then(|n| attr(&n, "val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 6)
            .map(|l| l + 1);
        let named = if name == "title" {
            Some(1)
        } else {
            name.strip_prefix("heading ")
                .and_then(|n| n.trim().parse::<u8>().ok())
                .filter(|l| (1..=6).contains(l))
        };
        if let Some(level) = outline.or(named) {
            out.insert(id.to_string(), level);
        }
    }
    out
}

/// The `w:numPr` of paragraph properties: its list (`numId`) and level
/// (`ilvl`), each as far as it is given.
fn num_pr(properties: Node) -> Option<(Option<String>, Option<u8>)> {
    let num = properties.children().find(|n| local(n) == "numPr")?;
    let value = |name: &str| {
        num.children()
            .find(|n| local(n) == name)
            .and_then(|n| attr(&n, "val"))
    };
    Some((
        value("numId").map(str::to_string),
        value("ilvl").and_then(|v| v.parse::<u8>().ok()),
    ))
}

/// Paragraph styles that carry a numbering: style id → (numId, level).
fn style_numbering(doc: &roxmltree::Document) -> Result<HashMap<String, (String, u8)>, ReadError> {
    /// Style id → (the style it is based on, its own numbering).
    type StyleNumbering = (Option<String>, Option<(String, u8)>);
    let mut own: HashMap<String, StyleNumbering> = HashMap::new();
    for style in doc
        .root_element()
        .children()
        .filter(|n| local(n) == "style")
    {
        let Some(id) = attr(&style, "styleId") else {
            continue;
        };
        let based = style
            .children()
            .find(|n| local(n) == "basedOn")
            .and_then(|n| attr(&n, "val"))
            .map(str::to_string);
        let num = style
            .children()
            .find(|n| local(n) == "pPr")
            .and_then(num_pr)
            .and_then(|(id, level)| Some((id?, level.unwrap_or(0))));
        own.insert(id.to_string(), (based, num));
    }
    let mut resolved = HashMap::new();
    for id in own.keys() {
        let mut at = Some(id.clone());
        for _ in 0..8 {
            let Some((based, num)) = at.as_ref().and_then(|a| own.get(a)) else {
                break;
            };
            if let Some(num) = num {
                resolved.insert(id.clone(), num.clone());
                break;
            }
            at = based.clone();
        }
    }
    Ok(resolved)
}

/// Word's list definitions and the counters of the lists read so far.
#[derive(Default)]
struct Numbering {
    /// numId → (abstractNumId, level → start override)
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    /// abstractNumId → its nine levels
    levels: HashMap<String, Vec<Level>>,
    /// abstractNumId → current value per level
    counters: HashMap<String, [Option<u32>; 9]>,
    /// numIds whose start overrides have been applied
    started: std::collections::HashSet<String>,
}

#[derive(Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

impl Numbering {
    fn new(doc: &roxmltree::Document) -> Result<Numbering, ReadError> {
        let mut numbering = Numbering::default();
        for node in doc.root_element().children().filter(Node::is_element) {
            match local(&node) {
                "abstractNum" => {
                    let Some(id) = attr(&node, "abstractNumId") else {
                        continue;
                    };
                    let mut levels = vec![Level::default(); 9];
                    for lvl in node.children().filter(|n| local(n) == "lvl") {
                        let Some(i) = attr(&lvl, "ilvl").and_then(|v| v.parse::<usize>().ok())
                        else {
                            continue;
                        };
                        if i >= 9 {
                            continue;
                        }
                        let value = |name: &str| {
                            lvl.children()
                                .find(|n| local(n) == name)
                                .and_then(|n| attr(&n, "val"))
                                .map(str::to_string)
                        };
                        levels[i] = Level {
                            start: value("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                            format: value("numFmt").unwrap_or_else(|| "decimal".to_string()),
                            text: value("lvlText").unwrap_or_default(),
                        };
                    }
                    numbering.levels.insert(id.to_string(), levels);
                }
                "num" => {
                    let Some(id) = attr(&node, "numId") else {
                        continue;
                    };
                    let Some(abstract_id) = node
                        .children()
                        .find(|n| local(n) == "abstractNumId")
                        .and_then(|n| attr(&n, "val"))
                    else {
                        continue;
                    };
                    let overrides = node
                        .children()
                        .filter(|n| local(n) == "lvlOverride")
                        .filter_map(|o| {
                            let level = attr(&o, "ilvl")?.parse().ok()?;
                            let start = o
                                .children()
                                .find(|n| local(n) == "startOverride")
                                .and_then(|n| attr(&n, "val"))?
                                .parse()
                                .ok()?;
                            Some((level, start))
                        })
                        .collect();
                    numbering
                        .nums
                        .insert(id.to_string(), (abstract_id.to_string(), overrides));
                }
                _ => {}
            }
        }
        Ok(numbering)
    }

    /// Counts one more paragraph of list `id` at `level` and returns the
    /// number as written ("II.", "1.2.", "a)", "-").
    fn next(&mut self, id: &str, level: u8) -> Option<String> {
        let (abstract_id, overrides) = self.nums.get(id)?.clone();
        let levels = self.levels.get(&abstract_id)?.clone();
        let level = usize::from(level.min(8));
        let counters = self.counters.entry(abstract_id).or_insert([None; 9]);
        if !overrides.is_empty() && self.started.insert(id.to_string()) {
            for (&l, &start) in &overrides {
                if let Some(c) = counters.get_mut(usize::from(l)) {
                    *c = Some(start.saturating_sub(1));
                }
            }
        }
        counters[level] = Some(match counters[level] {
            Some(n) => n + 1,
            None => levels[level].start,
        });
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let this = &levels[level];
        match this.format.as_str() {
            "bullet" => {
                let symbol = this.text.trim();
                return Some(match symbol {
                    "+" => "+".to_string(),
                    _ => "-".to_string(),
                });
            }
            "none" => return None,
            _ => {}
        }
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1).min(8);
                    let value = counters[l].unwrap_or(levels[l].start);
                    out.push_str(&format_number(value, &levels[l].format));
                    continue;
                }
            }
            out.push(c);
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

/// A counter in one of Word's number formats.
fn format_number(value: u32, format: &str) -> String {
    match format {
        "upperRoman" => roman(value),
        "lowerRoman" => roman(value).to_lowercase(),
        "upperLetter" => letter(value).to_uppercase(),
        "lowerLetter" => letter(value),
        "decimalZero" => format!("{value:02}"),
        _ => value.to_string(),
    }
}

/// 1 → "I", 4 → "IV", 14 → "XIV".
pub fn roman(mut value: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(n, s) in TABLE {
        while value >= n {
            out.push_str(s);
            value -= n;
        }
    }
    out
}

/// 1 → "a", 26 → "z", 27 → "aa" (as Word counts letters).
pub fn letter(value: u32) -> String {
    if value == 0 {
        return String::new();
    }
    let c = char::from(b'a' + ((value - 1) % 26) as u8);
    c.to_string().repeat(((value - 1) / 26 + 1) as usize)
}

fn local<'a>(node: &Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

fn attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

fn all_text(node: Node) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match local(&d) {
            "t" if d.is_element() => out.push_str(d.text().unwrap_or_default()),
            "p" if d.is_element() && !out.is_empty() => out.push(' '),
            "tab" if d.is_element() => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words_formats() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(letter(1), "a");
        assert_eq!(letter(28), "bb");
        assert_eq!(format_number(3, "lowerRoman"), "iii");
    }

    #[test]
    fn nested_lists_count_as_word_does() {
        let xml = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
            <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
            <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
        </w:numbering>"#;
        let doc = roxmltree::Document::parse(xml).unwrap();
        let mut n = Numbering::new(&doc).unwrap();
        let seq: Vec<String> = [0, 1, 2, 2, 3, 4, 1, 0, 1]
            .iter()
            .map(|&level| n.next("1", level).unwrap())
            .collect();
        assert_eq!(
            seq,
            ["I.", "1.", "1.1.", "1.2.", "a)", "-", "2.", "II.", "1."]
        );
        assert_eq!(n.next("2", 1).unwrap(), "5.");
    }
}
