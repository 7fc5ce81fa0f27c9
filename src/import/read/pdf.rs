//! PDF files with a text layer (exported from Word, often signed): the text
//! of each page, lines rejoined into paragraphs, running headers and page
//! numbers dropped. A scan has no text layer and is refused as such.

use super::lines::{rejoin, Line};
use super::{Document, Origin, ReadError};

/// Reads a PDF's text layer.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    // The PDF library panics on some damaged files: that is a damaged file
    // to the clerk, not a crash of loa.
    let pages = crate::import::quietly(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
        .ok_or_else(|| ReadError::Damaged("không đọc được cấu trúc tệp PDF".to_string()))?
        .map_err(|e| {
            let what = format!("{e:?}");
            if what.contains("Decryption") || what.contains("Encrypt") {
                ReadError::Encrypted
            } else {
                ReadError::Damaged(format!("không đọc được tệp PDF ({e})"))
            }
        })?;
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    if letters < 20 {
        return Err(ReadError::NoText);
    }
    let mut lines = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let page_no = i as u32 + 1;
        for (j, line) in page.lines().enumerate() {
            lines.push(Line {
                text: line.to_string(),
                at: Origin::Page {
                    page: page_no,
                    line: j as u32 + 1,
                },
                page: page_no,
            });
        }
    }
    Ok(Document {
        paragraphs: rejoin(lines),
        ..Document::default()
    })
}
