//! A document → an outreach article: front matter (title, date, summary,
//! `draft: true`) and a Markdown body with the document's headings,
//! paragraphs, emphasis, lists, tables (with the "Bảng: …" caption line loa
//! asks for), links, footnotes and pictures (written beside the article,
//! under `static/`). Words are kept as written.

use super::plan::Doubt;
use super::read::{md_escape, Document, Format, Rich};

/// An article made from a document.
#[derive(Debug)]
pub struct ArticleDraft {
    /// The title (the document's first heading, or its first short line).
    pub title: String,
    /// The day: the document's own date, else the day of the import.
    pub date: String,
    /// The first paragraph, as the summary.
    pub summary: Option<String>,
    /// The Markdown file: front matter and body.
    pub text: String,
    /// Pictures to write: site path under `static/` → bytes.
    pub pictures: Vec<(String, Vec<u8>)>,
    /// What to check.
    pub doubts: Vec<Doubt>,
}

/// Builds the article. `pictures_at` is the site path the pictures go to
/// (`anh/<slug>`); `today` the day of the import.
pub fn article_from(
    document: &Document,
    format: Format,
    raw_markdown: Option<&str>,
    pictures_at: &str,
    today: &str,
) -> ArticleDraft {
    let mut doubts = Vec::new();
    let mut blocks: Vec<Rich> = match (format, raw_markdown) {
        (Format::Markdown, Some(md)) => markdown_blocks(md),
        _ if !document.rich.is_empty() => document.rich.clone(),
        _ => document
            .paragraphs
            .iter()
            .map(|p| Rich::Paragraph(md_escape(&p.text)))
            .collect(),
    };

    // The title: the first heading (or a short first paragraph), taken out
    // of the body; the remaining headings move down to start at level 2.
    let title_at = blocks
        .iter()
        .position(|b| matches!(b, Rich::Heading { .. }))
        .filter(|&i| i <= 2)
        .or_else(|| {
            blocks
                .first()
                .filter(|b| matches!(b, Rich::Paragraph(t) if t.chars().count() <= 150))
                .map(|_| 0)
        });
    let title = match title_at {
        Some(i) => plain(&rich_words(&blocks.remove(i))),
        None => {
            doubts.push(Doubt {
                at: None,
                message: "không thấy tiêu đề (dòng đầu văn bản hoặc đề mục đầu tiên): điền `title`"
                    .to_string(),
            });
            String::new()
        }
    };
    let top = blocks
        .iter()
        .filter_map(|b| match b {
            Rich::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    // The first paragraph of words (not a picture, list, table or quote).
    let summary = blocks.iter().find_map(|b| match b {
        Rich::Paragraph(t)
            if !t.starts_with(['!', '-', '*', '|', '>', '<']) && !t.starts_with("1.") =>
        {
            Some(summary_of(&plain(t)))
        }
        _ => None,
    });

    let mut body = String::new();
    let mut previous: Option<&Rich> = None;
    for block in &blocks {
        let gap = match (previous, block) {
            (Some(Rich::Item { .. }), Rich::Item { .. }) => "\n",
            (None, _) => "",
            _ => "\n\n",
        };
        body.push_str(gap);
        match block {
            Rich::Heading { level, text } => {
                let level = (level + 2).saturating_sub(top).clamp(2, 6);
                body.push_str(&format!("{} {text}", "#".repeat(usize::from(level))));
            }
            Rich::Paragraph(text) => body.push_str(text),
            Rich::Item {
                ordered,
                depth,
                text,
            } => {
                let indent = if *ordered { 3 } else { 2 } * usize::from(*depth);
                let mark = if *ordered { "1." } else { "-" };
                body.push_str(&format!("{}{mark} {text}", " ".repeat(indent)));
            }
            Rich::Table(rows) => {
                let captioned = matches!(previous, Some(Rich::Paragraph(t)) if is_caption(t));
                if !captioned {
                    doubts.push(Doubt {
                        at: None,
                        message: format!(
                            "bảng \"{}…\" chưa có dòng tên bảng: thêm một dòng \"Bảng: …\" ngay trên bảng",
                            rows.first()
                                .and_then(|r| r.first())
                                .map(|c| crate::text::truncate_words(&plain(c), 30))
                                .unwrap_or_default()
                        ),
                    });
                }
                body.push_str(&table(rows));
            }
        }
        previous = Some(block);
    }
    for (i, (_, text)) in document.footnotes.iter().enumerate() {
        body.push_str(&format!("\n\n[^{}]: {}", i + 1, md_escape(text)));
    }

    // Pictures: written under static/, each named as in the document.
    let mut pictures = Vec::new();
    for (i, picture) in document.pictures.iter().enumerate() {
        let marker = format!("(picture:{i})");
        let name = safe_name(&picture.name, i);
        let path = format!("{pictures_at}/{name}");
        if picture.bytes.is_empty() {
            doubts.push(Doubt {
                at: None,
                message: format!(
                    "ảnh {} có trong văn bản nhưng không có tệp ảnh: đã bỏ",
                    picture.name
                ),
            });
            body = body.replace(
                &format!(
                    "![{}]{marker}",
                    md_escape(picture.alt.as_deref().unwrap_or(""))
                ),
                "",
            );
            continue;
        }
        if picture.alt.is_none() {
            doubts.push(Doubt {
                at: None,
                message: format!("ảnh {name} chưa có lời mô tả (alt) cho người không nhìn thấy ảnh: viết vào giữa ![ và ] trước khi đăng"),
            });
        }
        body = body.replace(&marker, &format!("(/{path})"));
        pictures.push((path, picture.bytes.clone()));
    }

    let date = document.date.clone().unwrap_or_else(|| today.to_string());
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", quoted(&title)));
    text.push_str(&format!("date: {date}\n"));
    if let Some(s) = &summary {
        text.push_str(&format!("summary: {}\n", quoted(s)));
    }
    text.push_str("draft: true\n---\n\n");
    text.push_str(body.trim());
    text.push('\n');
    ArticleDraft {
        title,
        date,
        summary,
        text,
        pictures,
        doubts,
    }
}

/// A Markdown file's blocks (it is already Markdown): its headings as
/// headings, every other block as written.
fn markdown_blocks(md: &str) -> Vec<Rich> {
    let body = match md.strip_prefix("---\n") {
        Some(rest) => rest.split_once("\n---").map_or(md, |(_, b)| b),
        None => md,
    };
    let mut blocks = Vec::new();
    for chunk in body.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
        let hashes = chunk.len() - chunk.trim_start_matches('#').len();
        let heading =
            (1..=6).contains(&hashes) && chunk[hashes..].starts_with(' ') && !chunk.contains('\n');
        blocks.push(if heading {
            Rich::Heading {
                level: hashes as u8,
                text: chunk[hashes..].trim().to_string(),
            }
        } else {
            Rich::Paragraph(chunk.to_string())
        });
    }
    blocks
}

fn rich_words(block: &Rich) -> String {
    match block {
        Rich::Heading { text, .. } | Rich::Paragraph(text) | Rich::Item { text, .. } => {
            text.clone()
        }
        Rich::Table(_) => String::new(),
    }
}

/// Markdown → the words: escapes, emphasis, footnote marks and link
/// targets removed.
fn plain(md: &str) -> String {
    let chars: Vec<char> = md.chars().collect();
    let mut out = String::with_capacity(md.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                if let Some(next) = chars.get(i + 1) {
                    out.push(*next);
                }
                i += 1;
            }
            '*' | ']' => {}
            '!' if chars.get(i + 1) == Some(&'[') => {}
            '[' if chars.get(i + 1) == Some(&'^') => {
                while i < chars.len() && chars[i] != ']' {
                    i += 1;
                }
            }
            '[' => {}
            '(' if i > 0 && chars[i - 1] == ']' => {
                while i < chars.len() && chars[i] != ')' {
                    i += 1;
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    super::read::clean(&out.replace("  \n", " "))
}

/// The first sentence or ~160 characters of a paragraph.
fn summary_of(text: &str) -> String {
    if text.chars().count() <= 200 {
        return text.to_string();
    }
    match text.find(". ") {
        Some(end) if end < 400 => text[..=end].to_string(),
        _ => format!(
            "{}…",
            crate::text::truncate_words(text, 160).trim_end_matches('…')
        ),
    }
}

fn is_caption(text: &str) -> bool {
    let t = plain(text);
    t.starts_with("Bảng") || t.starts_with("Table")
}

/// Rows as a Markdown table, the first row as its header.
fn table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let line = |cells: &[String]| {
        let mut padded: Vec<String> = cells.iter().map(|c| c.replace('\n', " ")).collect();
        padded.resize(width, String::new());
        format!("| {} |", padded.join(" | "))
    };
    let mut out = Vec::new();
    let empty = Vec::new();
    out.push(line(rows.first().unwrap_or(&empty)));
    out.push(format!("|{}", " --- |".repeat(width)));
    for row in rows.iter().skip(1) {
        out.push(line(row));
    }
    out.join("\n")
}

/// A picture's file name as a URL segment: "Hình 1.PNG" → "hinh-1.png".
fn safe_name(name: &str, index: usize) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "png"));
    let ext = ext.to_ascii_lowercase();
    let ext = if ["png", "jpg", "jpeg", "gif", "webp", "svg"].contains(&ext.as_str()) {
        ext
    } else {
        "png".to_string()
    };
    let stem = crate::text::slugify(stem);
    let stem = if stem.is_empty() {
        format!("anh-{}", index + 1)
    } else {
        stem
    };
    format!("{stem}.{ext}")
}

/// A double-quoted YAML string.
fn quoted(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::{Origin, Para, Picture};

    #[test]
    fn a_word_documents_parts_become_markdown() {
        let document = Document {
            rich: vec![
                Rich::Heading {
                    level: 1,
                    text: "Trợ giúp pháp lý **miễn phí**".into(),
                },
                Rich::Paragraph("Người nghèo được trợ giúp pháp lý miễn phí[^1].".into()),
                Rich::Heading {
                    level: 2,
                    text: "Ai được giúp".into(),
                },
                Rich::Item {
                    ordered: false,
                    depth: 0,
                    text: "Người có công".into(),
                },
                Rich::Item {
                    ordered: false,
                    depth: 1,
                    text: "Thân nhân liệt sĩ".into(),
                },
                Rich::Paragraph("Bảng: Nơi liên hệ".into()),
                Rich::Table(vec![
                    vec!["Nơi".into(), "Điện thoại".into()],
                    vec!["Trung tâm".into(), "0123".into()],
                ]),
                Rich::Paragraph("![](picture:0)".into()),
            ],
            footnotes: vec![("1".into(), "Luật Trợ giúp pháp lý 2017.".into())],
            pictures: vec![Picture {
                name: "image1.PNG".into(),
                bytes: vec![1, 2],
                alt: None,
            }],
            paragraphs: vec![Para {
                text: "x".into(),
                at: Origin::Paragraph(1),
            }],
            date: Some("2027-03-05".into()),
        };
        let a = article_from(&document, Format::Docx, None, "anh/tgpl", "2026-12-06");
        assert_eq!(a.title, "Trợ giúp pháp lý miễn phí");
        assert_eq!(a.date, "2027-03-05");
        assert!(a.text.starts_with("---\ntitle: \"Trợ giúp pháp lý miễn phí\"\ndate: 2027-03-05\nsummary: \"Người nghèo được trợ giúp pháp lý miễn phí.\"\ndraft: true\n---\n"), "{}", a.text);
        assert!(a.text.contains("\n## Ai được giúp\n\n- Người có công\n  - Thân nhân liệt sĩ\n\nBảng: Nơi liên hệ\n\n| Nơi | Điện thoại |\n| --- | --- |\n| Trung tâm | 0123 |"), "{}", a.text);
        assert!(a.text.contains("![](/anh/tgpl/image1.png)"));
        assert!(a.text.contains("[^1]: Luật Trợ giúp pháp lý 2017."));
        assert_eq!(
            a.pictures,
            [("anh/tgpl/image1.png".to_string(), vec![1, 2])]
        );
        assert!(a.doubts.iter().any(|d| d.message.contains("lời mô tả")));
    }

    #[test]
    fn text_and_markdown_files_become_articles() {
        let text = Document {
            paragraphs: vec![
                Para {
                    text: "Phòng, chống ma túy".into(),
                    at: Origin::Line(1),
                },
                Para {
                    text: "Ma túy gây hại cho sức khỏe *và* gia đình.".into(),
                    at: Origin::Line(3),
                },
            ],
            ..Document::default()
        };
        let a = article_from(&text, Format::Text, None, "anh/x", "2026-12-06");
        assert_eq!(a.title, "Phòng, chống ma túy");
        assert_eq!(a.date, "2026-12-06");
        assert!(
            a.text
                .ends_with("---\n\nMa túy gây hại cho sức khỏe \\*và\\* gia đình.\n"),
            "{}",
            a.text
        );

        let md = "---\ntitle: cũ\n---\n# Ma túy là gì\n\nMa túy gây **nghiện**.\n\n### Tác hại\n\n- Một\n- Hai\n";
        let a = article_from(
            &Document::default(),
            Format::Markdown,
            Some(md),
            "anh/x",
            "2026-12-06",
        );
        assert_eq!(a.title, "Ma túy là gì");
        assert_eq!(a.summary.as_deref(), Some("Ma túy gây nghiện."));
        assert!(
            a.text
                .contains("Ma túy gây **nghiện**.\n\n## Tác hại\n\n- Một\n- Hai\n"),
            "{}",
            a.text
        );
    }
}
