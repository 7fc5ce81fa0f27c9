//! Splits a Markdown file into its front matter and its body. The front
//! matter is YAML between `---` lines, or, as Hugo also writes it, TOML
//! between `+++` lines or a JSON object; TOML and JSON are turned into YAML
//! ([`as_yaml`]) with each key on the line it was written on, so every later
//! message points at the file's own lines.

/// The two parts of a content file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML, from the file's first byte (the opening `---` included, a
    /// valid YAML document start) to the closing line, so YAML positions
    /// are the file's own lines.
    pub yaml: &'a str,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// 1-based line on which the body starts.
    pub body_line: u32,
    /// How the front matter is written.
    pub format: Format,
}

/// The languages front matter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines (Hugo).
    Toml,
    /// A JSON object from the first line (Hugo).
    Json,
}

/// What is wrong with the frame around the front matter.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file is empty or only blank.
    Empty,
    /// The first line is not `---`.
    Missing,
    /// The file uses TOML front matter (`+++`) where only YAML is read
    /// (campaigns).
    Toml,
    /// No closing `---` line.
    Unclosed,
    /// A line meant as `---` holds long dashes: a word processor's
    /// AutoCorrect turned "---" into "—".
    Dashes {
        /// 1-based line of the dash line.
        line: u32,
    },
}

impl SplitError {
    /// The message shown to the user.
    pub fn message(&self) -> &'static str {
        match self {
            SplitError::Empty => "tệp trống",
            SplitError::Missing => {
                "tệp không bắt đầu bằng phần thông tin (front matter) giữa hai dòng `---`"
            }
            SplitError::Toml => {
                "phần thông tin viết theo TOML (`+++`) hoặc JSON; ở đây loa chỉ đọc YAML giữa hai dòng `---`"
            }
            SplitError::Unclosed => {
                "phần thông tin (front matter) mở bằng `---` nhưng không có dòng `---` đóng lại"
            }
            SplitError::Dashes { .. } => {
                "dòng này phải là ba dấu gạch ngang `---`, nhưng trình soạn thảo đã đổi thành dấu gạch dài (—)"
            }
        }
    }

    /// A hint on how to fix it.
    pub fn help(&self) -> &'static str {
        match self {
            SplitError::Empty | SplitError::Missing => {
                "tệp phải bắt đầu như sau:\n    ---\n    title: Tiêu đề bài viết\n    date: 2026-04-12\n    ---"
            }
            SplitError::Toml => "đổi `+++` thành `---` và viết `khóa: giá trị` thay cho `khóa = giá trị`",
            SplitError::Unclosed => "thêm một dòng chỉ có `---` sau dòng thông tin cuối cùng",
            SplitError::Dashes { .. } => "gõ lại dòng này thành `---` (ba dấu trừ) bằng trình soạn thảo văn bản thuần (Notepad, VS Code), không dùng Word",
        }
    }
}

/// Splits `text` (already decoded: `\n` line ends, no BOM).
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let first = text.lines().next().unwrap_or("").trim_end();
    if first == "+++" {
        return closed_by(text, "+++", Format::Toml);
    }
    if first.starts_with('{') {
        return closed_by(text, "}", Format::Json);
    }
    if is_long_dashes(first) {
        return Err(SplitError::Dashes { line: 1 });
    }
    if first != "---" {
        return Err(SplitError::Missing);
    }
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut line = 2u32;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let current = text[offset..end].trim_end();
        if current == "---" || current == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[..offset],
                body: &text[body_start..],
                body_line: line + 1,
                format: Format::Yaml,
            });
        }
        offset = end + 1;
        line += 1;
    }
    match text
        .lines()
        .enumerate()
        .skip(1)
        .find(|(_, l)| is_long_dashes(l.trim()))
    {
        Some((i, _)) => Err(SplitError::Dashes { line: i as u32 + 1 }),
        None => Err(SplitError::Unclosed),
    }
}

/// TOML front matter up to its closing `+++` line, or a JSON object up to
/// the first line that is only `}`; the front matter includes the opening
/// line (and, for JSON, the closing one: it is part of the object).
fn closed_by<'a>(text: &'a str, close: &str, format: Format) -> Result<Split<'a>, SplitError> {
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    if format == Format::Json && text[..offset].trim_end().ends_with('}') {
        // `{ … }` on one line.
        return Ok(Split {
            yaml: &text[..offset],
            body: &text[offset..],
            body_line: 2,
            format,
        });
    }
    let mut line = 2u32;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if text[offset..end].trim_end() == close {
            let body_start = (end + 1).min(text.len());
            let front = if format == Format::Json {
                body_start
            } else {
                offset
            };
            return Ok(Split {
                yaml: &text[..front],
                body: &text[body_start..],
                body_line: line + 1,
                format,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err(SplitError::Unclosed)
}

/// TOML or JSON front matter that does not parse: where, and a message.
#[derive(Debug, PartialEq, Eq)]
pub struct FormatError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

/// The front matter as YAML: as written for YAML; for TOML and JSON, each
/// top-level key on the line it is written on, its value as JSON (which
/// YAML reads), so that positions and key lookups stay the file's own.
pub fn as_yaml<'a>(split: &Split<'a>) -> Result<std::borrow::Cow<'a, str>, FormatError> {
    let (table, lines): (serde_json::Map<String, serde_json::Value>, usize) = match split.format {
        Format::Yaml => return Ok(std::borrow::Cow::Borrowed(split.yaml)),
        Format::Toml => {
            let inner = split.yaml.split_once('\n').map_or("", |(_, rest)| rest);
            let table: toml::Table = inner.parse().map_err(|err: toml::de::Error| {
                let at = err.span().map_or(0, |s| s.start);
                let (line, column) = position(inner, at);
                FormatError {
                    message: "phần thông tin TOML không hợp lệ ở đây".to_string(),
                    // After the `+++` line, 1-based.
                    line: line + 2,
                    column,
                }
            })?;
            let map = table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect();
            (map, split.yaml.lines().count())
        }
        Format::Json => {
            let map = serde_json::from_str(split.yaml).map_err(|err| FormatError {
                message: "phần thông tin JSON không hợp lệ ở đây".to_string(),
                line: err.line() as u32,
                column: err.column() as u32,
            })?;
            (map, split.yaml.lines().count())
        }
    };
    let mut out: Vec<String> = vec![String::new(); lines.max(1)];
    out[0] = "---".to_string();
    let mut next_free = 1;
    for (key, value) in table {
        let written = key_line(split.yaml, &key, split.format).unwrap_or(next_free);
        // A line already taken (two keys on one line): the next free one.
        let mut at = written.max(1);
        while at < out.len() && !out[at].is_empty() {
            at += 1;
        }
        if at >= out.len() {
            out.push(String::new());
        }
        let simple = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        let name = if simple {
            key.clone()
        } else {
            serde_json::to_string(&key).unwrap_or_default()
        };
        out[at] = format!(
            "{name}: {}",
            serde_json::to_string(&value).unwrap_or_default()
        );
        next_free = at + 1;
    }
    let mut yaml = out.join("\n");
    yaml.push('\n');
    Ok(std::borrow::Cow::Owned(yaml))
}

/// The 0-based line of `text` where top-level `key` is written.
fn key_line(text: &str, key: &str, format: Format) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    text.lines().position(|line| {
        let t = line.trim_start();
        let after = t
            .strip_prefix(&quoted)
            .or_else(|| t.strip_prefix(key))
            .map(str::trim_start);
        match format {
            Format::Toml => {
                after.is_some_and(|a| a.starts_with('='))
                    || t.strip_prefix('[')
                        .map(|h| h.trim_start_matches('['))
                        .is_some_and(|h| {
                            h.starts_with(key) && h[key.len()..].starts_with([']', '.'])
                        })
            }
            _ => t.starts_with(&quoted) && after.is_some_and(|a| a.starts_with(':')),
        }
    })
}

/// 0-based line and 1-based column of byte `at` in `text`.
fn position(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() as u32;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, column)
}

fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// "—", "–-", "———": a `---` line after AutoCorrect.
fn is_long_dashes(line: &str) -> bool {
    !line.is_empty()
        && line.chars().all(|c| matches!(c, '-' | '—' | '–' | '−'))
        && line.contains(['—', '–', '−'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body_keeping_lines() {
        let s = split("---\ntitle: A\n---\n# Hi\n").unwrap();
        assert_eq!(s.yaml, "---\ntitle: A\n");
        assert_eq!(s.body, "# Hi\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn reports_each_frame_problem() {
        assert_eq!(split(" \n"), Err(SplitError::Empty));
        assert_eq!(split("# Hi\n"), Err(SplitError::Missing));
        assert_eq!(split("+++\ntitle = 'a'\n"), Err(SplitError::Unclosed));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::Unclosed));
        assert_eq!(
            split("—\ntitle: A\n—\n"),
            Err(SplitError::Dashes { line: 1 })
        );
        assert_eq!(
            split("---\ntitle: A\n–-\nx\n"),
            Err(SplitError::Dashes { line: 3 })
        );
    }

    #[test]
    fn toml_and_json_become_yaml_on_their_own_lines() {
        let text = "+++\ntitle = \"Trợ giúp\"\ndate = 2017-09-22T10:00:00+07:00\ntags = [\"a\", \"b\"]\n\n[cover]\nimage = \"/a.png\"\n+++\nChữ\n";
        let s = split(text).unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.body, "Chữ\n");
        assert_eq!(s.body_line, 9);
        let yaml = as_yaml(&s).unwrap();
        let lines: Vec<&str> = yaml.lines().collect();
        assert_eq!(lines[1], "title: \"Trợ giúp\"");
        assert_eq!(lines[2], "date: \"2017-09-22T10:00:00+07:00\"");
        assert_eq!(lines[3], "tags: [\"a\",\"b\"]");
        assert_eq!(lines[5], "cover: {\"image\":\"/a.png\"}");
        let text = "{\n  \"title\": \"A\",\n  \"tags\": [\"x\"]\n}\nChữ\n";
        let s = split(text).unwrap();
        assert_eq!((s.format, s.body, s.body_line), (Format::Json, "Chữ\n", 5));
        let yaml = as_yaml(&s).unwrap();
        assert_eq!(yaml.lines().nth(1), Some("title: \"A\""));
        assert_eq!(yaml.lines().nth(2), Some("tags: [\"x\"]"));
        let bad = split("+++\ntitle = \"A\"\ndate = \n+++\n").unwrap();
        let err = as_yaml(&bad).unwrap_err();
        assert_eq!(err.line, 3, "{err:?}");
    }

    #[test]
    fn empty_body_is_fine() {
        let s = split("---\ntitle: A\n---").unwrap();
        assert_eq!(s.body, "");
    }
}
