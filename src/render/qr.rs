//! QR codes as SVG, made at build time and offline, for printed leaflets
//! and posters: a phone camera opens the page's full URL. Pure.

use qrcode::{Color, EcLevel, QrCode};

/// An SVG QR code for `url`, one unit per module, with the quiet zone the
/// standard asks for (4 modules), scaled by CSS. `label` is its text
/// alternative.
pub fn svg(url: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::with_capacity(width * width * 4);
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        crate::theme::escape_html(label)
    ))
}
