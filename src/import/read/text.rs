//! Plain text and Markdown: UTF-8 (with or without a byte-order mark) or
//! UTF-16, one paragraph per line or lines broken at the page width.

use super::lines::{rejoin, Line};
use super::{Document, Origin, ReadError};

/// Reads a text file; `markdown` also drops list and emphasis markup that
/// is not part of the words (`**`, `__`, `#` headings, `> ` quotes).
pub fn read(bytes: &[u8], markdown: bool) -> Result<Document, ReadError> {
    let text = decode(bytes)?;
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, raw)| Line {
            text: strip_markup(raw, markdown),
            at: Origin::Line(i as u32 + 1),
            page: 1,
        })
        .collect();
    Ok(Document {
        paragraphs: rejoin(lines),
        ..Document::default()
    })
}

/// UTF-8, or UTF-16 told by its byte-order mark or, without one, by the
/// zero bytes of its ASCII letters (Notepad's "Unicode" is UTF-16 LE).
fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    let utf16 = |little: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if little {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16(&units)
            .map(|s| s.trim_start_matches('\u{feff}').to_string())
            .map_err(|_| ReadError::Damaged("văn bản UTF-16 không hợp lệ".to_string()))
    };
    let text = if bytes.starts_with(&[0xFF, 0xFE]) {
        utf16(true)?
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        utf16(false)?
    } else if bytes.len() >= 4 && zero_share(bytes, 1) > 0.3 {
        utf16(true)?
    } else if bytes.len() >= 4 && zero_share(bytes, 0) > 0.3 {
        utf16(false)?
    } else {
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => {
                return Err(ReadError::LegacyEncoding(
                    "một bảng mã cũ (TCVN3, VNI hoặc Windows-1258)",
                ))
            }
        }
    };
    if text.contains('\0') {
        return Err(ReadError::Unsupported);
    }
    Ok(crate::text::normalize(&text))
}

/// The share of zero bytes at even (`offset` 0) or odd (1) positions.
fn zero_share(bytes: &[u8], offset: usize) -> f64 {
    let sample = &bytes[..bytes.len().min(4096)];
    let slots = sample.iter().skip(offset).step_by(2).count().max(1);
    let zeros = sample
        .iter()
        .skip(offset)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    zeros as f64 / slots as f64
}

/// A line without the markup text converters add around words.
fn strip_markup(raw: &str, markdown: bool) -> String {
    let mut line = raw.trim();
    // Headings ("## **KẾ HOẠCH**") and quotes, from Markdown or a converter.
    let hashes = line.len() - line.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        line = line[hashes..].trim_start();
    }
    if markdown {
        line = line.strip_prefix("> ").unwrap_or(line);
    }
    let mut text = line.replace("**", "").replace("__", "");
    if markdown {
        // A hard line break written as a trailing backslash.
        if text.ends_with('\\') {
            text.pop();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_and_without_a_byte_order_mark() {
        let text = "KẾ HOẠCH\nThực hiện Kế hoạch số 1/KH-UBND.";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap(), text);
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&bare).unwrap(), text);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be).unwrap(), text);
    }

    #[test]
    fn a_legacy_single_byte_file_is_named_as_such() {
        // "Kế hoạch" in TCVN3 bytes: not UTF-8.
        let bytes = [0x4B, 0xD5, 0x20, 0x68, 0x6F, 0xB9, 0x63, 0x68];
        assert!(matches!(decode(&bytes), Err(ReadError::LegacyEncoding(_))));
    }

    #[test]
    fn markup_around_words_is_dropped() {
        assert_eq!(strip_markup("## **KẾ HOẠCH**", false), "KẾ HOẠCH");
        assert_eq!(strip_markup("**CHỦ TỊCH**  ", false), "CHỦ TỊCH");
        assert_eq!(strip_markup("#### **I. MỤC TIÊU**", true), "I. MỤC TIÊU");
        assert_eq!(strip_markup("#hashtag", false), "#hashtag");
    }
}
