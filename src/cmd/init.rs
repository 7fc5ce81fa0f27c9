//! `loa init DIR`: a new site from the built-in starter.

use anyhow::{bail, Context};

use super::Report;
use crate::cli::InitArgs;

/// Writes the starter site into `args.dir`, which must be new or empty.
pub fn run(args: &InitArgs) -> anyhow::Result<Report> {
    let dir = &args.dir;
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("không đọc được {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "thư mục {} đã có nội dung; hãy chọn một thư mục mới hoặc trống",
                dir.display()
            );
        }
    }
    let files = crate::starter::files();
    for (path, text) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("không tạo được {}", parent.display()))?;
        }
        std::fs::write(&target, text)
            .with_context(|| format!("không ghi được {}", target.display()))?;
    }
    Ok(Report {
        summary: Some(format!(
            "Đã tạo trang mới trong {} ({} tệp). Tiếp theo: sửa site.yaml, rồi chạy `loa build --root {}`.",
            dir.display(),
            files.len(),
            dir.display()
        )),
        output: Some(dir.display().to_string()),
        ..Report::default()
    })
}
