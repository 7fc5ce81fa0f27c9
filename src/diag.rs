//! Diagnostics: the content problems found in one run, each naming the file,
//! line and column it comes from. Pure; no IO.
//!
//! Every stage pushes into one [`Diagnostics`] collector and keeps going, so a
//! single run reports every problem. Messages are written for the commune
//! officer who edits the files, in Vietnamese, once per kind of problem.

use std::fmt;

/// How bad a problem is. Errors fail the build (exit 1); warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site builds, but something is probably wrong.
    Warning,
    /// The site cannot be built until this is fixed.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "cảnh báo",
            Severity::Error => "lỗi",
        })
    }
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// The file, relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line in the file as the user sees it.
    pub line: Option<u32>,
    /// 1-based column (in characters).
    pub column: Option<u32>,
    /// What is wrong and what was expected, in plain words.
    pub message: String,
    /// A hint, such as the nearest known key.
    pub help: Option<String>,
    /// A value still holding a "[Cần điền…]" placeholder: a warning that
    /// `loa check --strict` makes an error.
    pub placeholder: bool,
}

impl Diagnostic {
    /// An error in `file`.
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, file, message)
    }

    /// A warning in `file`.
    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, file, message)
    }

    fn new(severity: Severity, file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        // A message may quote the site's text: never a control character
        // that the terminal would obey (ESC sequences).
        let mut message: String = message.into();
        if message.chars().any(crate::text::is_stray_control) {
            message.retain(|c| !crate::text::is_stray_control(c));
        }
        Diagnostic {
            severity,
            file: file.into(),
            line: None,
            column: None,
            message,
            help: None,
            placeholder: false,
        }
    }

    /// Marks the problem as a placeholder left in a value.
    pub fn placeholder(mut self) -> Diagnostic {
        self.placeholder = true;
        self
    }

    /// Places the problem at a line and column.
    pub fn at(mut self, line: Option<u32>, column: Option<u32>) -> Diagnostic {
        self.line = line;
        self.column = if line.is_some() { column } else { None };
        self
    }

    /// Places the problem at a [`Location`], when one is known.
    pub fn located(self, at: Option<Location>) -> Diagnostic {
        match at {
            Some(at) => self.at(Some(at.line), Some(at.column)),
            None => self,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    fn sort_key(&self) -> (&str, u32, u32, Severity, &str) {
        (
            &self.file,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}: {}", self.severity, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  = gợi ý: {help}")?;
        }
        Ok(())
    }
}

/// A 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// The collector every stage pushes into.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Moves every problem of `other` into this collector.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Adds every problem of a list.
    pub fn extend_from(&mut self, list: Vec<Diagnostic>) {
        for d in list {
            self.push(d);
        }
    }

    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of problems of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// The problems sorted by file, line and column, duplicates removed,
    /// so that output does not depend on the order work was done in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    /// The problems as they were pushed.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// The known name nearest to `unknown`, when it is close enough to be a typo.
pub fn nearest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let unknown = unknown.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&unknown, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min()
        .map(|(_, k)| k)
}

/// An error with its whole cause chain on one line (`a: b: c`).
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

/// A Tera template's error (a theme's or a site shortcode's), at the line
/// and column Tera gives, in Vietnamese.
pub fn template_error(path: &crate::model::SourcePath, err: &tera::Error) -> Diagnostic {
    let full = crate::diag::chain(err);
    // Tera's parser reports positions as ` --> line:column`.
    let at = full.split(" --> ").nth(1).and_then(|rest| {
        let pos = rest.split_whitespace().next()?;
        let (line, column) = pos.split_once(':')?;
        Some(Location {
            line: line.parse().ok()?,
            column: column.parse().ok()?,
        })
    });
    let detail = full
        .lines()
        .filter_map(|l| l.trim().strip_prefix("= "))
        .next()
        .unwrap_or("cú pháp không hợp lệ")
        .to_string();
    Diagnostic::error(
        path.as_str(),
        format!("lỗi cú pháp khuôn mẫu Tera: {detail}"),
    )
    .located(at)
}

/// The error for a URL loa will not make a link of
/// ([`crate::text::link_allowed`]): `javascript:` and the like run code in
/// the reader's browser, `file:` opens their own files.
pub fn link_refused(file: &str, key: &str, url: &str, at: Option<Location>) -> Diagnostic {
    Diagnostic::error(
        file,
        format!("`{key}`: `{url}` không được làm liên kết"),
    )
    .located(at)
    .with_help("chỉ dùng liên kết http://, https://, mailto:, tel: hoặc đường dẫn trong trang (bắt đầu bằng /)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_file_line_column_severity_message() {
        let d = Diagnostic::error("content/bai-viet/a.md", "thiếu tiêu đề")
            .at(Some(3), Some(7))
            .with_help("thêm dòng `title: …`");
        assert_eq!(
            d.to_string(),
            "content/bai-viet/a.md:3:7: lỗi: thiếu tiêu đề\n  = gợi ý: thêm dòng `title: …`"
        );
    }

    #[test]
    fn diagnostics_sort_by_file_then_line() {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::error("b.md", "x").at(Some(1), Some(1)));
        all.push(Diagnostic::warning("a.md", "y").at(Some(9), Some(1)));
        all.push(Diagnostic::error("a.md", "z").at(Some(2), Some(1)));
        let files: Vec<_> = all
            .into_sorted()
            .into_iter()
            .map(|d| format!("{}:{}", d.file, d.line.unwrap()))
            .collect();
        assert_eq!(files, ["a.md:2", "a.md:9", "b.md:1"]);
    }

    #[test]
    fn nearest_suggests_typos_only() {
        let known = ["title", "summary", "date", "tags"];
        assert_eq!(nearest("titel", &known), Some("title"));
        assert_eq!(nearest("sumary", &known), Some("summary"));
        assert_eq!(nearest("colour", &known), None);
    }
}
