//! `loa check`: everything `build` checks, without writing anything.

use super::Report;
use crate::cli::{CheckArgs, GlobalArgs};
use crate::BuildOptions;

/// Checks the site in `global.root`.
pub fn run(
    global: &GlobalArgs,
    args: &CheckArgs,
    today: chrono::NaiveDate,
) -> anyhow::Result<Report> {
    let opts = BuildOptions {
        today,
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        no_minify: true,
        offline: false,
        progress: None,
        preview: false,
        pictures: crate::PictureVersions::Skip,
    };
    let generated = crate::generate(&global.root, &opts, &crate::render::Discard)?;
    let pages = generated.files.iter().filter(|f| f.kind.is_some()).count();
    let mut diagnostics = generated.diagnostics.into_sorted();
    if args.strict {
        // Before publishing, a placeholder left anywhere is an error.
        for d in diagnostics.iter_mut().filter(|d| d.placeholder) {
            d.severity = crate::diag::Severity::Error;
        }
    }
    let mut report = Report {
        diagnostics,
        ..Report::default()
    };
    report.summary = Some(if report.has_errors() {
        format!("Kiểm tra xong: {}.", report.counts())
    } else {
        format!(
            "Kiểm tra xong: {}; {pages} trang sẵn sàng để dựng.",
            report.counts()
        )
    });
    Ok(report)
}
