//! The page budget: the gzipped weight of a page with its CSS, which a
//! reader on a cheap phone and a slow network pays for.

use super::theme::Theme;
use super::OutputFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::resolve::Site;

/// Warns about every page that, gzipped with its CSS, weighs more than the
/// site's page budget: readers on cheap phones and slow networks pay for it.
pub(super) fn check_budget(
    site: &Site,
    files: &[OutputFile],
    pages: &[(String, String, usize)],
    assets: &std::collections::BTreeMap<String, String>,
    theme: &Theme,
    diags: &mut Diagnostics,
) {
    let budget = site.config.page_budget_kb * 1024;
    let css: usize = theme
        .assets
        .iter()
        .filter(|(name, _)| name.ends_with(".css"))
        .filter(|(name, _)| {
            files
                .iter()
                .any(|f| f.path.as_str() == assets[name.as_str()])
        })
        .map(|(_, bytes)| gzip_size(bytes))
        .sum();
    for (path, source, gzip) in pages {
        let total = gzip + css;
        if total > budget {
            diags.push(
                Diagnostic::warning(
                    source.as_str(),
                    format!(
                        "trang {path} nặng {} KB khi nén (kể cả CSS), vượt ngân sách {} KB của một trang",
                        total.div_ceil(1024),
                        site.config.page_budget_kb
                    ),
                )
                .with_help("chia nội dung thành nhiều bài, giảm bảng lớn hoặc ảnh nhúng; ngân sách đặt bằng `page_budget_kb` trong site.yaml"),
            );
        }
    }
}

/// Gzipped size of `bytes`, as a reader on a slow network pays for it.
pub fn gzip_size(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(bytes.len(), |v| v.len())
}
