//! A document as it arrives (Word, OpenDocument, PDF, text) → its paragraphs
//! in reading order, each with where it came from. The recognisers work on
//! these paragraphs alone and never see the file format.

mod docx;
mod lines;
mod odt;
mod pdf;
mod text;
mod zipped;

pub use lines::{ends_a_sentence, is_upper, rejoin, split_marker};

/// Where a paragraph came from, for the import summary and its doubts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Line of a text file (1-based).
    Line(u32),
    /// Paragraph of a Word or OpenDocument file (1-based, in reading order).
    Paragraph(u32),
    /// Page and line of a PDF's text layer (both 1-based).
    Page { page: u32, line: u32 },
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Line(n) => write!(f, "dòng {n}"),
            Origin::Paragraph(n) => write!(f, "đoạn {n}"),
            Origin::Page { page, line } => write!(f, "trang {page}, dòng {line}"),
        }
    }
}

/// One paragraph: its text (NFC, spaces collapsed; an automatic number of
/// Word or OpenDocument written in front as the reader sees it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Para {
    /// The words of the paragraph.
    pub text: String,
    /// Where it starts in the source.
    pub at: Origin,
}

/// An image inside a Word or OpenDocument file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// The file name inside the archive ("image1.png").
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Its description (alt text), if the author gave one.
    pub alt: Option<String>,
}

/// A part of a document as an article shows it. Text is Markdown: words
/// escaped, `**bold**`, `*italic*`, `[text](url)`, `[^1]` for a footnote
/// and `![alt](picture:N)` for the N-th picture (0-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rich {
    /// A heading, level 1 to 6.
    Heading { level: u8, text: String },
    /// A paragraph.
    Paragraph(String),
    /// A list item; `depth` 0 is the outermost list.
    Item {
        ordered: bool,
        depth: u8,
        text: String,
    },
    /// A table: rows of cells.
    Table(Vec<Vec<String>>),
}

/// What a reader found in a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The paragraphs, in reading order (plain text).
    pub paragraphs: Vec<Para>,
    /// The same content with its form (headings, lists, tables, emphasis,
    /// links), for articles; empty for text and PDF files.
    pub rich: Vec<Rich>,
    /// Footnotes, in order of reference ("1" → text).
    pub footnotes: Vec<(String, String)>,
    /// Images, in order of appearance.
    pub pictures: Vec<Picture>,
    /// The day the document was written, from its properties ("2027-03-05").
    pub date: Option<String>,
}

/// "2027-03-05T08:00:00Z" → "2027-03-05", when it is a real day.
pub(super) fn day_of(stamp: &str) -> Option<String> {
    let day = stamp.trim().get(..10)?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .filter(|d| chrono::Datelike::year(d) >= 1990)
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// Why a file cannot be read as a document. Each says what to do instead.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadError {
    /// An old binary Word file (.doc).
    OldWord,
    /// A password-protected file.
    Encrypted,
    /// A PDF with no text layer (a scan).
    NoText,
    /// Nothing in it.
    Empty,
    /// Text in a legacy Vietnamese encoding (TCVN3, VNI).
    LegacyEncoding(&'static str),
    /// A format loa does not read.
    Unsupported,
    /// The file is damaged or not what its name says.
    Damaged(String),
}

impl ReadError {
    /// The message and the way out, in Vietnamese.
    pub fn message(&self) -> (String, String) {
        match self {
            ReadError::OldWord => (
                "đây là tệp Word cũ (.doc), loa không đọc được".to_string(),
                "mở tệp bằng Word hoặc LibreOffice, chọn Lưu thành (Save As) kiểu .docx, rồi nhập tệp .docx".to_string(),
            ),
            ReadError::Encrypted => (
                "tệp được đặt mật khẩu (mã hóa), loa không đọc được nội dung".to_string(),
                "xin cơ quan gửi bản không đặt mật khẩu, hoặc mở tệp bằng mật khẩu rồi lưu lại thành bản không có mật khẩu".to_string(),
            ),
            ReadError::NoText => (
                "tệp PDF không có lớp chữ; cần bản Word hoặc bản PDF xuất từ Word (tệp này là ảnh chụp hoặc bản quét)".to_string(),
                "xin cơ quan ban hành gửi bản Word (.docx), hoặc bản PDF xuất trực tiếp từ Word".to_string(),
            ),
            ReadError::Empty => (
                "tệp không có nội dung".to_string(),
                "kiểm tra lại đã chọn đúng tệp văn bản".to_string(),
            ),
            ReadError::LegacyEncoding(which) => (
                format!("văn bản dùng bảng mã cũ {which}, không phải Unicode"),
                "mở văn bản, chuyển mã sang Unicode bằng công cụ chuyển mã của Unikey (hoặc phông Times New Roman), lưu lại rồi nhập lại".to_string(),
            ),
            ReadError::Unsupported => (
                "loa không đọc được kiểu tệp này".to_string(),
                "loa đọc tệp .docx, .odt, .pdf (có lớp chữ), .txt và .md".to_string(),
            ),
            ReadError::Damaged(what) => (
                format!("tệp bị hỏng hoặc không đúng định dạng: {what}"),
                "mở thử tệp bằng Word hoặc trình đọc PDF; nếu mở được, lưu lại thành bản mới rồi nhập lại".to_string(),
            ),
        }
    }
}

/// The file formats loa reads, told by their first bytes (and the name's
/// extension where the bytes say only "zip" or "text").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Docx,
    Odt,
    Pdf,
    Text,
    Markdown,
}

/// Which format `bytes` are in.
pub fn sniff(name: &str, bytes: &[u8]) -> Result<Format, ReadError> {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OLE2 compound file: an old .doc, or a .docx sealed with a
        // password, which Word stores as an "EncryptedPackage" stream.
        let sealed: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        return Err(if memchr::memmem::find(bytes, &sealed).is_some() {
            ReadError::Encrypted
        } else {
            ReadError::OldWord
        });
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match extension.as_str() {
            "odt" => Ok(Format::Odt),
            "docx" | "docm" => Ok(Format::Docx),
            _ => Ok(
                if memchr::memmem::find(bytes, b"word/document.xml").is_some() {
                    Format::Docx
                } else if memchr::memmem::find(bytes, b"content.xml").is_some() {
                    Format::Odt
                } else {
                    return Err(ReadError::Unsupported);
                },
            ),
        };
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(ReadError::Unsupported);
    }
    Ok(match extension.as_str() {
        "md" | "markdown" => Format::Markdown,
        _ => Format::Text,
    })
}

/// Reads a document of any supported format into paragraphs.
pub fn read_document(name: &str, bytes: &[u8]) -> Result<Document, ReadError> {
    let document = match sniff(name, bytes)? {
        Format::Docx => docx::read(bytes)?,
        Format::Odt => odt::read(bytes)?,
        Format::Pdf => pdf::read(bytes)?,
        Format::Text => text::read(bytes, false)?,
        Format::Markdown => text::read(bytes, true)?,
    };
    if document.paragraphs.is_empty() {
        return Err(ReadError::Empty);
    }
    if let Some(which) = legacy_encoding(&document.paragraphs) {
        return Err(ReadError::LegacyEncoding(which));
    }
    Ok(document)
}

/// Text typed with a TCVN3 (.VnTime) or VNI font reads, as Unicode, as
/// Latin letters with stray symbols ("KÕ ho¹ch", "Keá hoaïch"): told by
/// many of those symbols and no Vietnamese letter at all.
fn legacy_encoding(paragraphs: &[Para]) -> Option<&'static str> {
    let mut vietnamese = 0usize;
    let mut tcvn3 = 0usize;
    let mut vni = 0usize;
    for c in paragraphs.iter().flat_map(|p| p.text.chars()) {
        match c {
            // Letters outside Latin-1 (which the legacy fonts reuse).
            'ă' | 'đ' | 'ơ' | 'ư' | 'Ă' | 'Đ' | 'Ơ' | 'Ư' => vietnamese += 1,
            '\u{1EA0}'..='\u{1EF9}' => vietnamese += 1,
            // The TCVN3 letters that are symbols or rare Latin-1 letters in Unicode.
            '¸' | 'µ' | '¶' | '·' | '¹' | '¨' | '©' | '®' | 'ª' | '«' | '¬' | '\u{AD}' | '¾'
            | '¤' | '¦' | '§' => tcvn3 += 1,
            // VNI writes tone marks as separate Latin-1 letters after the vowel.
            'ø' | 'û' | 'ï' | 'ñ' | 'ë' | 'ä' | 'ö' | 'ü' | 'ç' | 'å' | 'ß' => vni += 1,
            _ => {}
        }
    }
    if vietnamese > 0 {
        return None;
    }
    if tcvn3 >= 5 && tcvn3 >= vni {
        Some("TCVN3 (ABC, phông .VnTime)")
    } else if vni >= 5 {
        Some("VNI (phông VNI-Times)")
    } else {
        None
    }
}

/// A paragraph's text as it reads and as Markdown.
#[derive(Default)]
pub(super) struct Inline {
    pub(super) plain: String,
    pub(super) md: String,
}

impl Inline {
    pub(super) fn push(&mut self, text: &str) {
        self.plain.push_str(text);
        self.md.push_str(&md_escape(text));
    }

    /// The Markdown lines, cleaned, joined with hard line breaks.
    pub(super) fn md_lines(&self) -> String {
        self.md
            .split('\n')
            .map(clean)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("  \n")
    }
}

/// Markdown emphasis around a run's text, spaces kept outside the marks.
pub(super) fn emphasise(md: &str, bold: bool, italic: bool) -> String {
    let core = md.trim();
    if core.is_empty() || (!bold && !italic) {
        return md.to_string();
    }
    let lead = &md[..md.len() - md.trim_start().len()];
    let trail = &md[md.trim_end().len()..];
    let mark = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        _ => "*",
    };
    format!("{lead}{mark}{core}{mark}{trail}")
}

/// The text of a rich block, for a table cell.
pub(super) fn rich_text(r: &Rich) -> String {
    match r {
        Rich::Heading { text, .. } | Rich::Paragraph(text) | Rich::Item { text, .. } => {
            text.replace("  \n", " ")
        }
        Rich::Table(rows) => rows
            .iter()
            .map(|r| r.join(" "))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Words as Markdown shows them: characters that mean markup escaped.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Paragraph text as the recognisers want it: NFC, no control characters,
/// spaces (non-breaking and tabs too) collapsed.
pub fn clean(text: &str) -> String {
    let nfc = crate::text::normalize(text);
    let mut out = String::with_capacity(nfc.len());
    for word in nfc
        .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(sniff("a.pdf", b"%PDF-1.7 ..."), Ok(Format::Pdf));
        assert_eq!(sniff("a.txt", "Kế hoạch".as_bytes()), Ok(Format::Text));
        assert_eq!(sniff("a.md", b"# x"), Ok(Format::Markdown));
        assert_eq!(sniff("a.txt", b"  \n "), Err(ReadError::Empty));
        let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        doc.extend_from_slice(&[0; 64]);
        assert_eq!(sniff("a.doc", &doc), Err(ReadError::OldWord));
        doc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff("a.docx", &doc), Err(ReadError::Encrypted));
        assert_eq!(sniff("a.rtf", b"{\\rtf1 x}"), Err(ReadError::Unsupported));
    }

    #[test]
    fn legacy_fonts_are_told_apart_from_unicode() {
        let para = |t: &str| Para {
            text: t.to_string(),
            at: Origin::Line(1),
        };
        // "Kế hoạch thực hiện chương trình" typed with .VnTime, read as Unicode.
        let tcvn3 = para("KÕ ho¹ch thùc hiÖn ch\u{AD}¬ng tr×nh phßng, chèng ma tóy n¨m 2022 trªn ®Þa bµn huyÖn, ¸p dông, tæ chøc");
        assert!(legacy_encoding(&[tcvn3]).is_some_and(|w| w.starts_with("TCVN3")));
        let unicode = para("Kế hoạch thực hiện chương trình phòng, chống ma túy năm 2022");
        assert_eq!(legacy_encoding(&[unicode]), None);
    }
}
