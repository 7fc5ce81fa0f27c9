//! Passages in another language inside a Vietnamese text, so that a
//! screen reader reads them with that language's rules (a Tày verse read
//! as Vietnamese is noise). Pandoc's syntax, which other Markdown tools
//! also read:
//!
//! ```markdown
//! ::: {lang=tyz}
//! Đoạn văn bằng tiếng Tày…
//! :::
//!
//! Lời chào [Pá pó mì slương]{lang=tyz} của bà con.
//! ```
//!
//! A block's fences become markers (HTML comments, each on its own line,
//! so every line keeps its number) that `render::markdown` turns into
//! `<div lang="…">` and `</div>`; a span becomes `<span lang="…">`. The
//! code must be a language tag (`en`, `tyz`, `km`, `hmn-VN`); another is an
//! error at its line and column. Code blocks and spans are left alone. Pure.

use crate::diag::{Diagnostic, Diagnostics};

/// The marker a block's opening fence becomes: `<!--loa:lang=tyz-->`.
pub const OPEN_PREFIX: &str = "<!--loa:lang=";
/// The marker a block's closing fence becomes.
pub const CLOSE: &str = "<!--loa:/lang-->";

/// Codes of the languages outreach in Việt Nam most often uses, for help.
const EXAMPLES: &str =
    "`en` (tiếng Anh), `tyz` (Tày), `nut` (Nùng), `hmn` (H'Mông), `km` (Khmer), `rad` (Ê Đê)";

/// `markdown` (starting at line `first_line` of `path`) with its passages
/// marked.
pub fn mark(path: &str, markdown: &str, first_line: u32, diags: &mut Diagnostics) -> String {
    if !markdown.contains(":::") && !markdown.contains("]{") {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len() + 64);
    let mut fence: Option<&str> = None;
    let mut open: Vec<u32> = Vec::new();
    for (n, line) in markdown.split_inclusive('\n').enumerate() {
        let number = first_line + n as u32;
        let trimmed = line.trim();
        match fence {
            Some(f) if line.trim_start().starts_with(f) => {
                fence = None;
                out.push_str(line);
                continue;
            }
            Some(_) => {
                out.push_str(line);
                continue;
            }
            None if line.trim_start().starts_with("```") => fence = Some("```"),
            None if line.trim_start().starts_with("~~~") => fence = Some("~~~"),
            None => {}
        }
        if fence.is_some() {
            out.push_str(line);
            continue;
        }
        let newline = if line.ends_with('\n') { "\n" } else { "" };
        if trimmed == ":::" && !open.is_empty() {
            open.pop();
            out.push_str(CLOSE);
            out.push_str(newline);
            continue;
        }
        if let Some(attributes) = trimmed.strip_prefix(":::") {
            let column = line.len() - line.trim_start().len() + 1;
            if attributes.trim().is_empty() {
                diags.push(
                    Diagnostic::error(path, "dòng `:::` đóng một đoạn văn bằng ngôn ngữ khác chưa được mở")
                        .at(Some(number), Some(column as u32))
                        .with_help("mở đoạn bằng dòng `::: {lang=tyz}` (mã ngôn ngữ của đoạn), hoặc xóa dòng này"),
                );
                out.push_str(newline);
                continue;
            }
            match language(attributes.trim()) {
                Ok(code) => {
                    open.push(number);
                    out.push_str(&format!("{OPEN_PREFIX}{code}-->{newline}"));
                }
                Err(written) => {
                    bad_code(path, &written, (number, column as u32), diags);
                    out.push_str(newline);
                }
            }
            continue;
        }
        out.push_str(&spans(path, line, number, diags));
    }
    for line in open {
        diags.push(
            Diagnostic::error(
                path,
                "đoạn văn bằng ngôn ngữ khác mở bằng `:::` nhưng không có dòng `:::` đóng lại",
            )
            .at(Some(line), Some(1))
            .with_help("thêm một dòng chỉ có `:::` sau đoạn văn đó"),
        );
    }
    out
}

/// `{lang=tyz}`, `{lang="tyz"}` or `{.class lang=tyz}` → `tyz`; `Err` with
/// what is written when it holds no well-formed language tag.
fn language(attributes: &str) -> Result<String, String> {
    let inner = attributes
        .strip_prefix('{')
        .and_then(|a| a.strip_suffix('}'))
        .ok_or_else(|| attributes.to_string())?;
    let code = inner
        .split_whitespace()
        .find_map(|a| a.strip_prefix("lang="))
        .map(|c| c.trim_matches(['"', '\'']))
        .ok_or_else(|| attributes.to_string())?;
    if crate::text::is_language_tag(code) {
        Ok(code.to_string())
    } else {
        Err(code.to_string())
    }
}

/// `[chữ]{lang=tyz}` in one line as `<span lang="tyz">chữ</span>`; code
/// spans kept.
fn spans(path: &str, line: &str, number: u32, diags: &mut Diagnostics) -> String {
    if !line.contains("]{") {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 32);
    let mut rest = line;
    let mut column = 1u32;
    loop {
        let next = ["[", "`"]
            .iter()
            .filter_map(|open| rest.find(open).map(|at| (at, *open)))
            .min();
        let Some((at, open)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        column += rest[..at].chars().count() as u32;
        let from = &rest[at..];
        let end = if open == "`" {
            let ticks = from.len() - from.trim_start_matches('`').len();
            let closing = &from[..ticks];
            from[ticks..]
                .find(closing)
                .map_or(from.len(), |e| ticks + e + ticks)
        } else {
            match span_at(from) {
                Some((text, attributes, end)) => match language(attributes) {
                    Ok(code) => {
                        out.push_str(&format!("<span lang=\"{code}\">{text}</span>"));
                        column += from[..end].chars().count() as u32;
                        rest = &from[end..];
                        continue;
                    }
                    Err(written) if attributes.contains("lang=") => {
                        bad_code(path, &written, (number, column), diags);
                        out.push_str(text);
                        column += from[..end].chars().count() as u32;
                        rest = &from[end..];
                        continue;
                    }
                    Err(_) => 1,
                },
                None => 1,
            }
        };
        out.push_str(&from[..end]);
        column += from[..end].chars().count() as u32;
        rest = &from[end..];
    }
}

/// `[text]{attributes}` at the start of `from`: the text, the attributes
/// with their braces, and where it ends.
fn span_at(from: &str) -> Option<(&str, &str, usize)> {
    let close = from.find(']')?;
    let text = &from[1..close];
    if text.contains('[') {
        return None;
    }
    let after = &from[close + 1..];
    if !after.starts_with('{') {
        return None;
    }
    let brace = after.find('}')?;
    Some((text, &after[..=brace], close + 1 + brace + 1))
}

fn bad_code(path: &str, written: &str, (line, column): (u32, u32), diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::error(
            path,
            format!("`{written}` không phải mã ngôn ngữ (như `lang=tyz`)"),
        )
        .at(Some(line), Some(column))
        .with_help(format!("ghi mã ngôn ngữ theo ISO 639, ví dụ {EXAMPLES}")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Vec<String>) {
        let mut diags = Diagnostics::default();
        let out = mark("a.md", text, 5, &mut diags);
        (
            out,
            diags.into_sorted().iter().map(|d| d.to_string()).collect(),
        )
    }

    #[test]
    fn blocks_and_spans_are_marked_on_their_lines() {
        let (out, errors) = run(
            "Mở đầu.\n::: {lang=tyz}\nPá pó mì slương.\n:::\nLời chào [Khửn mà]{lang=\"tyz\"} và `[x]{lang=en}`.\n```\n::: {lang=en}\n```\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            out,
            "Mở đầu.\n<!--loa:lang=tyz-->\nPá pó mì slương.\n<!--loa:/lang-->\nLời chào <span lang=\"tyz\">Khửn mà</span> và `[x]{lang=en}`.\n```\n::: {lang=en}\n```\n"
        );
    }

    #[test]
    fn wrong_codes_and_open_blocks_are_errors() {
        let (out, errors) = run("::: {lang=tiếng tày}\nChữ [a]{lang=1} [b]{.x}\n::: {lang=km}\n");
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].starts_with("a.md:5:1: lỗi: `tiếng` không phải mã ngôn ngữ"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("a.md:6:5: lỗi: `1` không phải mã ngôn ngữ"),
            "{errors:?}"
        );
        assert!(
            errors[2].starts_with("a.md:7:1: lỗi: đoạn văn bằng ngôn ngữ khác mở bằng `:::`"),
            "{errors:?}"
        );
        assert!(out.contains("Chữ a [b]{.x}"), "{out}");
        assert!(
            crate::text::is_language_tag("hmn-VN")
                && crate::text::is_language_tag("en")
                && !crate::text::is_language_tag("e")
                && !crate::text::is_language_tag("tiếng")
        );
    }
}
