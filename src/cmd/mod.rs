//! One module per verb: orchestration only. Each returns a [`Report`] that
//! `main` prints and turns into an exit code.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
mod serve_guard;

use crate::diag::{Diagnostic, Severity};

/// What a command has to say.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// A closing line for the terminal (stderr), such as the build summary.
    pub summary: Option<String>,
    /// What a script may capture (stdout), such as the path `loa new` wrote.
    pub output: Option<String>,
}

impl Report {
    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// "2 lỗi, 1 cảnh báo"
    pub fn counts(&self) -> String {
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = self.diagnostics.len() - errors;
        format!("{errors} lỗi, {warnings} cảnh báo")
    }
}

/// Formats a byte count the Vietnamese way: "1,2 MB".
pub fn human_size(bytes: u64) -> String {
    let (value, unit) = if bytes >= 1024 * 1024 {
        (bytes as f64 / (1024.0 * 1024.0), "MB")
    } else if bytes >= 1024 {
        (bytes as f64 / 1024.0, "KB")
    } else {
        return format!("{bytes} byte");
    };
    format!("{value:.1} {unit}").replace('.', ",")
}
