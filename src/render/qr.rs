//! QR codes as SVG, made at build time and offline, for printed leaflets
//! and posters: a phone camera opens the page's full URL. Pure.

use qrcode::{Color, EcLevel};

/// An SVG QR code for `url`, one unit per module, with the quiet zone the
/// standard asks for (4 modules), scaled by CSS. `label` is its text
/// alternative.
pub fn svg(url: &str, label: &str) -> Option<String> {
    use crate::text::push_number;
    let (width, colors) = modules(url)?;
    let quiet = 4;
    let size = width + 2 * quiet;
    // One rectangle per run of dark modules in a row.
    let mut path = String::with_capacity(width * width);
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                // "M{x} {y}h{run}v1h-{run}z", without the formatting machinery.
                path.push('M');
                push_number(&mut path, start + quiet, 10);
                path.push(' ');
                push_number(&mut path, y + quiet, 10);
                path.push('h');
                push_number(&mut path, run, 10);
                path.push_str("v1h-");
                push_number(&mut path, run, 10);
                path.push('z');
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        crate::theme::escape_html(label)
    ))
}

/// The modules of the code, row by row. Built as `QrCode` does, but with one
/// fixed mask instead of trying all eight and scoring each: every mask is
/// valid, and the scoring took a tenth of a large build. Readers handle any
/// mask; tests decode the codes back.
fn modules(url: &str) -> Option<(usize, Vec<Color>)> {
    use qrcode::canvas::{Canvas, MaskPattern};
    let bits = qrcode::bits::encode_auto(url.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    let data = bits.into_bytes();
    let (encoded, ec) = qrcode::ec::construct_codewords(&data, version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    canvas.apply_mask(MaskPattern::Checkerboard);
    let width = version.width() as usize;
    Some((width, canvas.into_colors()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With the fixed mask, codes of every size still read back.
    #[test]
    fn codes_of_many_lengths_decode() {
        for n in [1, 10, 30, 60, 90, 140, 200] {
            let url = format!("https://xa.example/bai-viet/{}/", "a".repeat(n));
            let (width, colors) = modules(&url).unwrap();
            let scale = 4;
            let quiet = 4;
            let size = (width + 2 * quiet) * scale;
            let mut image = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
                let (mx, my) = (x / scale, y / scale);
                let dark = mx >= quiet
                    && my >= quiet
                    && mx < width + quiet
                    && my < width + quiet
                    && colors[(my - quiet) * width + mx - quiet] == Color::Dark;
                if dark {
                    0
                } else {
                    255
                }
            });
            let grids = image.detect_grids();
            assert_eq!(grids.len(), 1, "{url}");
            assert_eq!(grids[0].decode().unwrap().1, url);
        }
    }
}
