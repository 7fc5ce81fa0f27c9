//! TeX math in Markdown (`$\sigma_1^*$`, `$$\frac{a}{b}$$`, as blogs copied
//! in from Hugo and Jekyll write it) as MathML: drawn by every current
//! browser and read by screen readers, with no script from another site.
//! The TeX stays in the page as written (an annotation, copied with the
//! formula). A formula the parser cannot read is shown as written, in code
//! type, with a warning. Pure.

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};

/// The MathML of `tex`, or why it cannot be read.
pub fn to_mathml(tex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let mut events = Vec::new();
    for event in Parser::new(tex, &storage) {
        match event {
            Ok(e) => events.push(Ok::<_, std::io::Error>(e)),
            Err(err) => {
                // The parser's message is English; its first line names what
                // it could not read.
                let what = err.to_string();
                let what = what.lines().next().unwrap_or("").trim();
                return Err(what.trim_start_matches("parsing error: ").to_string());
            }
        }
    }
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(tex),
        ..RenderConfig::default()
    };
    let mut mathml = String::new();
    push_mathml(&mut mathml, events.into_iter(), config).map_err(|e| e.to_string())?;
    // Written again by the HTML cleaner: `<mo><</mo>` becomes `<mo>&lt;</mo>`,
    // and nothing but MathML is kept.
    Ok(cleaner().clean(&mathml).to_string())
}

/// The MathML elements and attributes formulas use: also what the page
/// cleaner keeps when an article has raw HTML.
pub const TAGS: &[&str] = &[
    "math",
    "semantics",
    "annotation",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mfrac",
    "msqrt",
    "mroot",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "mtable",
    "mtr",
    "mtd",
    "mmultiscripts",
    "mprescripts",
    "none",
];

/// Attributes of MathML elements that change what a formula means or how
/// it is laid out.
pub const ATTRIBUTES: &[&str] = &[
    "display",
    "displaystyle",
    "scriptlevel",
    "mathvariant",
    "encoding",
    "stretchy",
    "fence",
    "separator",
    "lspace",
    "rspace",
    "minsize",
    "maxsize",
    "movablelimits",
    "largeop",
    "symmetric",
    "accent",
    "accentunder",
    "linethickness",
    "width",
    "height",
    "depth",
    "columnalign",
    "rowalign",
    "columnspacing",
    "rowspacing",
    "notation",
];

fn cleaner() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(TAGS.iter().copied())
        .add_generic_attributes(ATTRIBUTES.iter().copied());
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_mathml_with_their_tex() {
        let mathml = to_mathml(r"\sigma_1^* < 2", false).unwrap();
        assert!(mathml.starts_with("<math display=\"inline\">"), "{mathml}");
        assert!(mathml.contains("<mi>σ</mi>"), "{mathml}");
        assert!(mathml.contains("<mo>&lt;</mo>"), "{mathml}");
        assert!(
            mathml.contains(
                r#"<annotation encoding="application/x-tex">\sigma_1^* &lt; 2</annotation>"#
            ),
            "{mathml}"
        );
        let block = to_mathml(r"\frac{a}{b}", true).unwrap();
        assert!(
            block.contains("display=\"block\"") && block.contains("<mfrac>"),
            "{block}"
        );
    }

    #[test]
    fn unreadable_formulas_and_markup_in_text() {
        assert!(to_mathml(r"x^{2", false).is_err());
        assert!(to_mathml(r"\khongco{x}", false).is_err());
        let text = to_mathml(r"\text{<script>alert(1)</script>}", false).unwrap();
        assert!(!text.contains("<script"), "{text}");
    }
}
