//! QR codes as SVG, made at build time and offline, for printed leaflets
//! and posters: a phone camera opens the page's full URL. Pure.

use qrcode::{Color, EcLevel};

/// An SVG QR code for `url`, one unit per module, with the quiet zone the
/// standard asks for (4 modules), scaled by CSS. `label` is its text
/// alternative.
pub fn svg(url: &str, label: &str) -> Option<String> {
    let (width, colors) = modules(url)?;
    let quiet = 4;
    let size = width + 2 * quiet;
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{}\"/></svg>",
        crate::theme::escape_html(label),
        path(width, &colors, quiet)
    ))
}

/// The path drawing the dark modules, offset by `quiet`: one rectangle per
/// run of dark modules in a row, `M{x} {y}h{run}v1h-{run}z`.
fn path(width: usize, colors: &[Color], quiet: usize) -> String {
    // Numbers are below 1000 (a code is at most 177 modules wide): written
    // without the formatting machinery, thousands of times per build.
    fn push_decimal(out: &mut Vec<u8>, n: usize) {
        let digit = |d: usize| b'0' + (d % 10) as u8;
        if n >= 100 {
            out.push(digit(n / 100));
        }
        if n >= 10 {
            out.push(digit(n / 10));
        }
        out.push(digit(n));
    }
    let mut path = Vec::with_capacity(width * width);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let run = x - start;
            path.push(b'M');
            push_decimal(&mut path, start + quiet);
            path.push(b' ');
            push_decimal(&mut path, y + quiet);
            path.push(b'h');
            push_decimal(&mut path, run);
            path.extend_from_slice(b"v1h-");
            push_decimal(&mut path, run);
            path.push(b'z');
        }
    }
    // Only ASCII digits and letters were pushed.
    String::from_utf8(path).unwrap_or_default()
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

    /// The path covers exactly the dark modules, at every code size (up to
    /// three-digit coordinates).
    #[test]
    fn path_draws_the_dark_modules() {
        for n in [1, 60, 200, 1200] {
            let url = format!("https://xa.example/{}/", "a".repeat(n));
            let (width, colors) = modules(&url).unwrap();
            let quiet = 4;
            let d = path(width, &colors, quiet);
            let mut drawn = vec![Color::Light; width * width];
            for rect in d.split_terminator('z') {
                let (at, rest) = rect[1..].split_once('h').unwrap();
                let (x, y) = at.split_once(' ').unwrap();
                let (run, back) = rest.split_once("v1h-").unwrap();
                assert_eq!(run, back, "{rect}");
                let (x, y, run): (usize, usize, usize) =
                    (x.parse().unwrap(), y.parse().unwrap(), run.parse().unwrap());
                for x in x - quiet..x - quiet + run {
                    let cell = &mut drawn[(y - quiet) * width + x];
                    assert_eq!(*cell, Color::Light, "drawn twice: {rect}");
                    *cell = Color::Dark;
                }
            }
            assert_eq!(drawn, colors, "{url}");
            assert!(
                width + quiet >= 100 || n < 1200,
                "three-digit coordinates: {width}"
            );
        }
    }

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
