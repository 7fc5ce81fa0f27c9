//! Splits a Markdown file into its YAML front matter and its body.

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
}

/// What is wrong with the frame around the front matter.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file is empty or only blank.
    Empty,
    /// The first line is not `---`.
    Missing,
    /// The file uses TOML front matter (`+++`), which loa does not read.
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
                "phần thông tin viết theo TOML (`+++`); loa chỉ đọc YAML giữa hai dòng `---`"
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
        return Err(SplitError::Toml);
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
        assert_eq!(split("+++\ntitle = 'a'\n+++\n"), Err(SplitError::Toml));
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
    fn empty_body_is_fine() {
        let s = split("---\ntitle: A\n---").unwrap();
        assert_eq!(s.body, "");
    }
}
