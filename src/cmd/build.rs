//! `loa build`: generate, then write into the output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::bail;

use super::{human_size, Report};
use crate::cli::{BuildArgs, GlobalArgs};
use crate::BuildOptions;

/// Builds the site in `global.root`.
pub fn run(
    global: &GlobalArgs,
    args: &BuildArgs,
    today: chrono::NaiveDate,
    progress: Option<crate::Progress>,
) -> anyhow::Result<Report> {
    let started = Instant::now();
    let root = &global.root;
    let out = args.out.clone().unwrap_or_else(|| root.join("public"));
    guard_output(root, &out)?;
    let opts = BuildOptions {
        today,
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        no_minify: args.no_minify,
        offline: args.offline,
        progress,
        preview: false,
        pictures: crate::PictureVersions::Make {
            previous: vec![out.clone()],
        },
    };
    let staging = crate::write::Staging::begin(&out)?;
    let generated = match crate::generate_kept(root, &opts, &staging) {
        Ok((generated, kept)) => {
            // The process ends after the build: what it computed is left
            // to the operating system rather than freed piece by piece.
            std::mem::forget(kept);
            generated
        }
        Err(err) => {
            staging.abandon();
            return Err(err);
        }
    };
    let mut report = Report {
        diagnostics: generated.diagnostics.into_sorted(),
        ..Report::default()
    };
    if report.has_errors() {
        staging.abandon();
        report.summary = Some(format!(
            "Không dựng trang: {}. Thư mục {} vẫn giữ nguyên bản trước.",
            report.counts(),
            out.display()
        ));
        return Ok(report);
    }
    let mut timings = generated.timings.clone();
    let stats = staging.finish(&generated.files, &generated.statics)?;
    timings.lap("ghi");
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for file in &generated.files {
        if let Some(kind) = file.kind {
            *kinds.entry(kind).or_default() += 1;
        }
    }
    let pages: usize = kinds.values().sum();
    let by_kind: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    report.summary = Some(format!(
        "Đã dựng {pages} trang ({}) và {} tệp khác vào {} · {} · {} giây",
        by_kind.join(", "),
        stats.files - pages,
        out.display(),
        human_size(stats.bytes),
        format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",")
    ));
    let pictures = generated.pictures;
    if pictures.encoded + pictures.reused > 0 {
        if let Some(summary) = &mut report.summary {
            summary.push_str(&format!(
                "\nẢnh cho điện thoại: {} tệp mới, {} tệp dùng lại từ lần dựng trước",
                pictures.encoded, pictures.reused
            ));
        }
    }
    if std::env::var_os("LOA_TIMINGS").is_some() {
        let phases: Vec<String> = timings
            .laps
            .iter()
            .map(|(phase, d)| format!("{phase} {} ms", d.as_millis()))
            .collect();
        if let Some(summary) = &mut report.summary {
            summary.push_str(&format!("\nThời gian từng bước: {}", phases.join(" · ")));
        }
    }
    Ok(report)
}

/// Refuses output folders whose replacement would destroy the site itself:
/// the site root, a folder above it, or one of its source folders.
pub fn guard_output(root: &Path, out: &Path) -> anyhow::Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        std::fs::canonicalize(&p).unwrap_or(p)
    };
    let root = abs(root);
    let out = abs(out);
    if root.starts_with(&out) {
        bail!(
            "thư mục đầu ra {} chứa cả thư mục trang; loa sẽ không thay thế nó",
            out.display()
        );
    }
    for source in ["content", "themes", "templates", "static"] {
        if out.starts_with(root.join(source)) {
            bail!(
                "thư mục đầu ra {} nằm trong {source}/ của trang; hãy chọn thư mục khác (mặc định là public/)",
                out.display()
            );
        }
    }
    Ok(())
}
