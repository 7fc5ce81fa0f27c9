//! The zip archives that Word and OpenDocument files are, read with limits:
//! a part larger than [`PART_LIMIT`] is refused rather than inflated.

use std::io::Read;

use super::ReadError;

/// The most one part of a document may hold once inflated (a zip bomb
/// declares a small size and inflates to gigabytes).
pub const PART_LIMIT: u64 = 256 * 1024 * 1024;

/// An open archive.
pub struct Archive<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
}

/// The text of one XML part, to be parsed.
pub struct Xml(String);

impl Xml {
    /// The parsed tree (DTDs refused, as roxmltree does by default).
    pub fn parse(&self) -> Result<roxmltree::Document<'_>, ReadError> {
        roxmltree::Document::parse(&self.0)
            .map_err(|e| ReadError::Damaged(format!("XML hỏng ({e})")))
    }
}

impl<'a> Archive<'a> {
    /// Opens the archive in `bytes`.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, ReadError> {
        zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map(|zip| Archive { zip })
            .map_err(|e| ReadError::Damaged(format!("không mở được tệp nén ({e})")))
    }

    /// The bytes of a part, `None` when there is no such part.
    pub fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let mut file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(what)) if what.contains("assword") => {
                return Err(ReadError::Encrypted)
            }
            Err(e) => return Err(ReadError::Damaged(format!("{name}: {e}"))),
        };
        if file.encrypted() {
            return Err(ReadError::Encrypted);
        }
        let mut out = Vec::with_capacity(file.size().min(PART_LIMIT) as usize);
        (&mut file)
            .take(PART_LIMIT + 1)
            .read_to_end(&mut out)
            .map_err(|e| ReadError::Damaged(format!("{name}: {e}")))?;
        if out.len() as u64 > PART_LIMIT {
            return Err(ReadError::Damaged(format!("{name} quá lớn")));
        }
        Ok(Some(out))
    }

    /// A part as XML text, `None` when there is no such part.
    pub fn xml(&mut self, name: &str) -> Result<Option<Xml>, ReadError> {
        match self.bytes(name)? {
            Some(bytes) => String::from_utf8(bytes)
                .map(|s| Some(Xml(s)))
                .map_err(|_| ReadError::Damaged(format!("{name} không phải UTF-8"))),
            None => Ok(None),
        }
    }
}
