//! QR codes as SVG, made at build time and offline, for printed leaflets
//! and posters: a phone camera opens the page's full URL. Pure.

use qrcode::{Color, EcLevel};

/// An SVG QR code for `url`, one unit per module, with the quiet zone the
/// standard asks for (4 modules), scaled by CSS. `label` is its text
/// alternative.
pub fn svg(url: &str, label: &str) -> Option<String> {
    // A phone's camera reads an address of ASCII most surely.
    let (width, colors) = modules(&crate::urls::ascii_url(url))?;
    let quiet = 4;
    let size = width + 2 * quiet;
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"none\" stroke=\"#000\" d=\"{}\"/></svg>",
        crate::text::escape_html(label),
        path(width, &colors, quiet)
    ))
}

/// The path drawing the dark modules, offset by `quiet`: each row a line
/// one module thick (the stroke's default width) through the middle of the
/// row, `M{x} {y}.5h{run}` for its first run of dark modules and
/// `m{gap} 0h{run}` for each next one: about half the bytes of a rectangle
/// per run, in every article page.
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
    let mut path = Vec::with_capacity(width * width / 2);
    for (y, row) in colors.chunks(width).enumerate() {
        // Where the last run of this row ended.
        let mut pen: Option<usize> = None;
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
            match pen {
                None => {
                    path.push(b'M');
                    push_decimal(&mut path, start + quiet);
                    path.push(b' ');
                    push_decimal(&mut path, y + quiet);
                    path.extend_from_slice(b".5h");
                }
                Some(end) => {
                    path.push(b'm');
                    push_decimal(&mut path, start - end);
                    path.extend_from_slice(b" 0h");
                }
            }
            push_decimal(&mut path, x - start);
            pen = Some(x);
        }
    }
    // Only ASCII digits, letters, spaces and dots were pushed.
    String::from_utf8(path).unwrap_or_default()
}

/// Reads back the `d` of a QR code's path (as [`svg`] writes it) on a
/// `size` × `size` grid: which modules it draws dark, row by row. `None`
/// for a path of another form, or one that draws a module twice or off a
/// module's row. For tests, and for tools that check a printed code.
pub fn drawn(d: &str, size: usize) -> Option<Vec<bool>> {
    let mut commands: Vec<(char, String)> = Vec::new();
    for c in d.chars() {
        match commands.last_mut() {
            Some((_, args)) if !c.is_ascii_alphabetic() => args.push(c),
            _ => commands.push((c, String::new())),
        }
    }
    let mut dark = vec![false; size * size];
    let (mut x, mut y) = (0.0f64, 0.0f64);
    for (command, args) in commands {
        let n: Vec<f64> = args
            .split(' ')
            .map(|a| a.parse().ok())
            .collect::<Option<_>>()?;
        match (command, n.as_slice()) {
            ('M', &[to_x, to_y]) => (x, y) = (to_x, to_y),
            ('m', &[dx, dy]) => (x, y) = (x + dx, y + dy),
            ('h', &[run])
                if x >= 0.0 && y > 0.0 && y.fract() == 0.5 && x.fract() == 0.0 && run >= 1.0 =>
            {
                for at in x as usize..(x + run) as usize {
                    if at >= size {
                        return None;
                    }
                    let module = dark.get_mut(y as usize * size + at)?;
                    if *module {
                        return None;
                    }
                    *module = true;
                }
                x += run;
            }
            _ => return None,
        }
    }
    Some(dark)
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
            let size = width + 2 * quiet;
            let dark = drawn(&path(width, &colors, quiet), size).unwrap();
            for y in 0..size {
                for x in 0..size {
                    let inside =
                        (quiet..quiet + width).contains(&x) && (quiet..quiet + width).contains(&y);
                    let expected = inside && colors[(y - quiet) * width + x - quiet] == Color::Dark;
                    assert_eq!(dark[y * size + x], expected, "{url}: {x} {y}");
                }
            }
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
