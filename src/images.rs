//! Photos for slow networks. Before the pages are made, `survey` reads
//! each JPEG and PNG the site publishes (`static/`, page bundles): its
//! checksum, its size as shown, whether it may be transparent. After, when
//! the build has no error, `versions` makes the smaller versions the pages
//! name (WebP, and JPEG or PNG for browsers without WebP), taking each
//! from the last build's output when it is there (its name carries the
//! original's checksum, so an unchanged photo is not encoded again).
//! `without_location` takes the camera's metadata (where the photo was
//! taken, the camera's serial number) out of an original as it is copied.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageReader};

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::{Picture, PictureVersion, StaticFile};

/// No version for a phone weighs more than this; the WebP quality is
/// lowered until it fits.
pub const PHONE_BUDGET_BYTES: usize = 250 * 1024;

/// WebP qualities tried in turn, and the fallback JPEG's quality. 75 is
/// libwebp's default and looks as the original does at a phone's size.
const WEBP_QUALITIES: [f32; 4] = [75.0, 60.0, 45.0, 30.0];
const JPEG_QUALITY: u8 = 80;

/// Pictures this small (an icon, a logo) are published as they are.
const SMALL_BYTES: u64 = 64 * 1024;

/// Whether a published file is a JPEG or PNG that gets versions.
pub fn is_photo(output: &str) -> bool {
    let lower = output.to_ascii_lowercase();
    lower.ends_with(".jpg") || lower.ends_with(".jpeg") || lower.ends_with(".png")
}

/// Reads what the pages need of each JPEG and PNG in `statics` (in
/// parallel); one that cannot be read is warned about and left as it is.
pub fn survey(statics: &[StaticFile], diags: &mut Diagnostics) -> Vec<Picture> {
    use rayon::prelude::*;
    let found: Vec<Result<Option<Picture>, (String, String)>> = statics
        .par_iter()
        .filter(|f| is_photo(&f.output))
        .map(|f| survey_one(f).map_err(|why| (f.source.as_str().to_string(), why)))
        .collect();
    let mut pictures = Vec::new();
    for result in found {
        match result {
            Ok(Some(picture)) => pictures.push(picture),
            Ok(None) => {}
            Err((source, why)) => diags.push(
                Diagnostic::warning(source, format!("không đọc được ảnh ({why}) nên ảnh được đăng nguyên như tệp gốc, không có bản nhỏ cho điện thoại"))
                    .with_help("mở ảnh bằng một chương trình xem ảnh và lưu lại thành JPEG hoặc PNG"),
            ),
        }
    }
    pictures
}

fn survey_one(file: &StaticFile) -> Result<Option<Picture>, String> {
    let bytes = std::fs::read(&file.from).map_err(|_| "không đọc được tệp".to_string())?;
    let (width, height, png_fallback) = header(&bytes)?;
    if bytes.len() as u64 <= SMALL_BYTES && width <= crate::source::PICTURE_WIDTHS[0] {
        return Ok(None);
    }
    Ok(Some(Picture {
        path: file.output.clone(),
        checksum: crc32fast::hash(&bytes),
        width,
        height,
        png_fallback,
    }))
}

/// Width and height as shown (a photo the camera says to turn has them
/// swapped), and whether it may be transparent, from the file's header.
fn header(bytes: &[u8]) -> Result<(u32, u32, bool), String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| "không đọc được tệp".to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| in_words(&e))?;
    let (width, height) = decoder.dimensions();
    let turned = decoder.orientation().is_ok_and(|o| {
        use image::metadata::Orientation::*;
        matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
    });
    let alpha = decoder.color_type().has_alpha();
    if width == 0 || height == 0 {
        return Err("ảnh rỗng".to_string());
    }
    Ok(if turned {
        (height, width, alpha)
    } else {
        (width, height, alpha)
    })
}

/// How the versions were had: encoded now, or taken from the last build.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VersionStats {
    pub encoded: usize,
    pub reused: usize,
}

/// Every version of `pictures`, each put into `put` (site path, bytes): read
/// from the first of `previous` (earlier builds' output folders) that has it,
/// else encoded from the original in `statics`. In parallel.
pub fn versions(
    pictures: &[Picture],
    statics: &[StaticFile],
    previous: &[std::path::PathBuf],
    put: &(dyn Fn(&str, &[u8]) + Sync),
    diags: &mut Diagnostics,
) -> VersionStats {
    use rayon::prelude::*;
    let originals: std::collections::HashMap<&str, &StaticFile> =
        statics.iter().map(|f| (f.output.as_str(), f)).collect();
    let results: Vec<Result<VersionStats, (String, String)>> = pictures
        .par_iter()
        .map(|picture| {
            let versions = picture.versions();
            if let Some(old) = previous.iter().find_map(|dir| reuse(dir, &versions)) {
                for (path, bytes) in &old {
                    put(path, bytes);
                }
                return Ok(VersionStats {
                    encoded: 0,
                    reused: old.len(),
                });
            }
            let Some(original) = originals.get(picture.path.as_str()) else {
                return Ok(VersionStats::default());
            };
            let made = encode(original, picture, &versions)
                .map_err(|why| (original.source.as_str().to_string(), why))?;
            for (path, bytes) in &made {
                put(path, bytes);
            }
            Ok(VersionStats {
                encoded: made.len(),
                reused: 0,
            })
        })
        .collect();
    let mut stats = VersionStats::default();
    for result in results {
        match result {
            Ok(s) => {
                stats.encoded += s.encoded;
                stats.reused += s.reused;
            }
            Err((source, why)) => diags.push(
                Diagnostic::error(source, format!("không tạo được bản nhỏ của ảnh: {why}"))
                    .with_help(
                        "mở ảnh bằng một chương trình xem ảnh và lưu lại thành JPEG hoặc PNG",
                    ),
            ),
        }
    }
    stats
}

/// Every version, read from the last build's output; `None` when one is
/// missing.
fn reuse(previous: &Path, versions: &[PictureVersion]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut found = Vec::with_capacity(versions.len() * 2);
    for version in versions {
        for path in [&version.webp, &version.fallback] {
            let bytes = std::fs::read(previous.join(path)).ok()?;
            found.push((path.clone(), bytes));
        }
    }
    Some(found)
}

/// Decodes the original once, turns it as the camera says, and writes each
/// version: WebP within [`PHONE_BUDGET_BYTES`], and the fallback.
fn encode(
    original: &StaticFile,
    picture: &Picture,
    versions: &[PictureVersion],
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let bytes = std::fs::read(&original.from).map_err(|_| "không đọc được tệp".to_string())?;
    let reader = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|_| "không đọc được tệp".to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| in_words(&e))?;
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| in_words(&e))?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    let mut out = Vec::with_capacity(versions.len() * 2);
    for version in versions {
        let small = if version.width == image.width() {
            image.clone()
        } else {
            // Area averaging: sharp and quick for the large reductions
            // photos get (4000 → 1200 px).
            image.thumbnail(version.width, u32::MAX)
        };
        out.push((version.webp.clone(), webp(&small)));
        out.push((
            version.fallback.clone(),
            fallback(&small, picture.png_fallback)?,
        ));
    }
    Ok(out)
}

/// What went wrong with a picture, in words for the clerk (the decoder's
/// own messages are English).
fn in_words(err: &image::ImageError) -> String {
    use image::ImageError::*;
    match err {
        Limits(_) => {
            "ảnh quá lớn để mở (cần hơn 512 MB bộ nhớ); thu nhỏ ảnh trước khi đăng".to_string()
        }
        Decoding(_) => "tệp ảnh hỏng hoặc không đúng định dạng JPEG, PNG".to_string(),
        Unsupported(_) => "kiểu ảnh này chưa được hỗ trợ".to_string(),
        IoError(_) => "không đọc được tệp".to_string(),
        Encoding(_) | Parameter(_) => "không ghi được bản nhỏ của ảnh".to_string(),
    }
}

fn webp(image: &DynamicImage) -> Vec<u8> {
    let (width, height) = (image.width(), image.height());
    let rgba;
    let rgb;
    let encoder = if image.color().has_alpha() {
        rgba = image.to_rgba8();
        webp::Encoder::from_rgba(rgba.as_raw(), width, height)
    } else {
        rgb = image.to_rgb8();
        webp::Encoder::from_rgb(rgb.as_raw(), width, height)
    };
    let mut best = Vec::new();
    for quality in WEBP_QUALITIES {
        best = encoder.encode(quality).to_vec();
        if best.len() <= PHONE_BUDGET_BYTES {
            break;
        }
    }
    best
}

fn fallback(image: &DynamicImage, png: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if png {
        image
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .map_err(|e| in_words(&e))?;
    } else {
        let rgb = image.to_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .encode_image(&rgb)
            .map_err(|e| in_words(&e))?;
    }
    Ok(out)
}

/// An original JPEG or PNG as it is published: without its EXIF and XMP
/// metadata (where it was taken, the camera, its owner), but with the
/// direction to turn it, so it still shows upright. `None` when there is
/// nothing to take out (the file is copied as it is).
pub fn without_location(output: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    use img_parts::{Bytes, ImageEXIF};
    let lower = output.to_ascii_lowercase();
    if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(Bytes::copy_from_slice(bytes)).ok()?;
        let xmp = |s: &img_parts::jpeg::JpegSegment| {
            s.marker() == img_parts::jpeg::markers::APP1
                && s.contents().starts_with(b"http://ns.adobe.com/xap/1.0/")
        };
        let exif = jpeg.exif();
        if exif.is_none() && !jpeg.segments().iter().any(xmp) {
            return None;
        }
        let turn = exif.as_deref().and_then(orientation_of);
        jpeg.segments_mut().retain(|s| !xmp(s));
        jpeg.set_exif(turn.map(|t| Bytes::from(orientation_only(t))));
        Some(jpeg.encoder().bytes().to_vec())
    } else if lower.ends_with(".png") {
        let mut png = img_parts::png::Png::from_bytes(Bytes::copy_from_slice(bytes)).ok()?;
        let xmp = |c: &img_parts::png::PngChunk| {
            &c.kind() == b"iTXt" && c.contents().starts_with(b"XML:com.adobe.xmp")
        };
        if png.exif().is_none() && !png.chunks().iter().any(xmp) {
            return None;
        }
        png.set_exif(None);
        png.chunks_mut().retain(|c| !xmp(c));
        Some(png.encoder().bytes().to_vec())
    } else {
        None
    }
}

/// The orientation (EXIF tag 0x0112, 1–8) in an EXIF block (a TIFF
/// structure: byte order, then the first directory's entries).
fn orientation_of(exif: &[u8]) -> Option<u16> {
    let big = match exif.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b = exif.get(at..at + 2)?;
        Some(if big {
            u16::from_be_bytes([b[0], b[1]])
        } else {
            u16::from_le_bytes([b[0], b[1]])
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b = exif.get(at..at + 4)?;
        Some(if big {
            u32::from_be_bytes([b[0], b[1], b[2], b[3]])
        } else {
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        })
    };
    let directory = u32_at(4)? as usize;
    let count = u16_at(directory)? as usize;
    (0..count.min(512)).find_map(|i| {
        let entry = directory + 2 + i * 12;
        (u16_at(entry)? == 0x0112)
            .then(|| u16_at(entry + 8))
            .flatten()
            .filter(|o| (1..=8).contains(o))
    })
}

/// An EXIF block holding only the orientation `turn`.
fn orientation_only(turn: u16) -> Vec<u8> {
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"MM\0\x2a"); // big-endian TIFF
    tiff.extend_from_slice(&8u32.to_be_bytes()); // first directory
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // one value
    tiff.extend_from_slice(&turn.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next directory
    tiff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_orientation_block_reads_back() {
        for turn in 1..=8 {
            assert_eq!(orientation_of(&orientation_only(turn)), Some(turn));
        }
        assert_eq!(orientation_of(b"xx"), None);
    }

    #[test]
    fn versions_are_named_by_width_and_content() {
        let picture = Picture {
            path: "anh/tu-van.png".to_string(),
            checksum: 0xdead_beef,
            width: 4000,
            height: 3000,
            png_fallback: false,
        };
        let versions = picture.versions();
        assert_eq!(
            versions
                .iter()
                .map(|v| (v.width, v.height))
                .collect::<Vec<_>>(),
            [(480, 360), (800, 600), (1200, 900)]
        );
        assert_eq!(versions[0].webp, "anh/tu-van.deadbeef.480.webp");
        assert_eq!(versions[0].fallback, "anh/tu-van.deadbeef.480.jpg");
        let narrow = Picture {
            width: 600,
            height: 400,
            png_fallback: true,
            ..picture
        };
        let versions = narrow.versions();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[1].width, 600);
        assert_eq!(versions[1].fallback, "anh/tu-van.deadbeef.600.png");
    }
}
