//! Writes photo-like pictures for the image benchmark (`bench/images.sh`):
//! smooth light with camera grain, which compresses as photos do (a
//! picture of flat colour would make encoding look cheaper than it is).
//!
//!   cargo run --release --example photos -- DIR COUNT
//!
//! Half are 4000 × 3000 JPEG (a phone camera's, quality 92), half
//! 3000 × 2000 PNG (a screenshot or an edited photo saved as PNG).

use std::io::Cursor;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("DIR")?);
    let count: u32 = args.next().ok_or("COUNT")?.parse()?;
    std::fs::create_dir_all(&dir)?;
    for i in 0..count {
        let jpeg = i % 2 == 0;
        let (width, height) = if jpeg { (4000, 3000) } else { (3000, 2000) };
        let picture = photo(width, height, i);
        let mut bytes = Vec::new();
        if jpeg {
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
                .encode_image(&picture)?;
        } else {
            picture.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)?;
        }
        let name = format!("anh-{i:03}.{}", if jpeg { "jpg" } else { "png" });
        std::fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}

fn photo(width: u32, height: u32, n: u32) -> image::RgbImage {
    let mut seed = 0x2545_f491_u32 ^ n.wrapping_mul(0x9e37_79b9);
    image::RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let grain = (seed % 16) as i32 - 8;
        let wave = (((x / 7 + y / 11 + n * 13) % 97) as i32) - 48;
        let base = |v: u32, max: u32| (v * 180 / max) as i32 + 30;
        let c = |v: i32| v.clamp(0, 255) as u8;
        image::Rgb([
            c(base(x, width) + grain + wave / 3),
            c(base(y, height) + grain),
            c(base(x + y, width + height) + 30 + grain - wave / 4),
        ])
    })
}
