//! Hugo shortcodes (`{{< figure … >}}`, `{{% … %}}`) and Jekyll's Liquid
//! tags (`{% include … %}`) in Markdown copied in from those tools. Those
//! loa knows become Markdown: `figure` an image with its caption,
//! `youtube`, `vimeo` and `gist` a link (no third-party frame); any other is
//! an error at its line and column and is left out: never text on the page.
//! Code blocks and code spans are left as written. Pure.

use crate::diag::{Diagnostic, Diagnostics};

/// `markdown` (the body of `path`, starting at line `first_line`) with its
/// shortcodes and Liquid tags replaced.
pub fn expand(path: &str, markdown: &str, first_line: u32, diags: &mut Diagnostics) -> String {
    if !markdown.contains("{{<") && !markdown.contains("{{%") && !markdown.contains("{%") {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len());
    let mut fence: Option<&str> = None;
    for (n, line) in markdown.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        match fence {
            Some(f) if trimmed.starts_with(f) => fence = None,
            Some(_) => {}
            None if trimmed.starts_with("```") => fence = Some("```"),
            None if trimmed.starts_with("~~~") => fence = Some("~~~"),
            None => {
                out.push_str(&expand_line(path, line, first_line + n as u32, diags));
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// One line outside code blocks; code spans kept.
fn expand_line(path: &str, line: &str, number: u32, diags: &mut Diagnostics) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut column = 1u32;
    loop {
        let next = ["{{<", "{{%", "{%", "`"]
            .iter()
            .filter_map(|open| rest.find(open).map(|at| (at, *open)))
            .min_by_key(|(at, _)| *at);
        let Some((at, open)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        column += rest[..at].chars().count() as u32;
        let from = &rest[at..];
        if open == "`" {
            // A code span: copied through its closing backticks.
            let ticks = from.len() - from.trim_start_matches('`').len();
            let closing = &from[..ticks];
            let end = from[ticks..]
                .find(closing)
                .map_or(from.len(), |e| ticks + e + ticks);
            out.push_str(&from[..end]);
            column += from[..end].chars().count() as u32;
            rest = &from[end..];
            continue;
        }
        let close = match open {
            "{{<" => ">}}",
            "{{%" => "%}}",
            _ => "%}",
        };
        let Some(end) = from.find(close).map(|e| e + close.len()) else {
            out.push_str(from);
            return out;
        };
        let inside = from[open.len()..end - close.len()].trim();
        out.push_str(&replace(path, open, inside, (number, column), diags));
        column += from[..end].chars().count() as u32;
        rest = &from[end..];
    }
}

/// The Markdown for one shortcode or tag, or nothing (with an error).
fn replace(
    path: &str,
    open: &str,
    inside: &str,
    (line, column): (u32, u32),
    diags: &mut Diagnostics,
) -> String {
    let (name, args) = inside
        .split_once(char::is_whitespace)
        .unwrap_or((inside, ""));
    let args = arguments(args);
    let get = |key: &str| {
        args.iter()
            .find(|(k, _)| k.as_deref() == Some(key))
            .map(|(_, v)| v.as_str())
    };
    let first = args
        .iter()
        .find(|(k, _)| k.is_none())
        .map(|(_, v)| v.as_str());
    let hugo = open != "{%";
    match (hugo, name) {
        (true, "figure") => {
            if let Some(src) = get("src") {
                let alt = get("alt").or(get("caption")).or(get("title")).unwrap_or("");
                let mut md = format!("![{}]({})", alt.replace(['[', ']'], ""), src);
                // The caption on the same line: the lines after keep their
                // numbers for every later message.
                if let Some(caption) = get("caption").or(get("title")) {
                    md.push_str(&format!(" *{}*", caption.trim()));
                }
                return md;
            }
        }
        (true, "youtube") => {
            if let Some(id) = get("id").or(first) {
                let title = get("title").unwrap_or("Xem video trên YouTube");
                return format!("[{title}](https://www.youtube.com/watch?v={id})");
            }
        }
        (true, "vimeo") => {
            if let Some(id) = get("id").or(first) {
                let title = get("title").unwrap_or("Xem video trên Vimeo");
                return format!("[{title}](https://vimeo.com/{id})");
            }
        }
        (true, "gist") => {
            let values: Vec<&str> = args
                .iter()
                .filter(|(k, _)| k.is_none())
                .map(|(_, v)| v.as_str())
                .collect();
            if let [user, id, ..] = values[..] {
                return format!("[Mã nguồn trên GitHub Gist](https://gist.github.com/{user}/{id})");
            }
        }
        _ => {}
    }
    let (what, help) = if hugo {
        (
            format!("shortcode `{name}` của Hugo"),
            "loa hiểu `figure`, `youtube`, `vimeo` và `gist`; thay shortcode khác bằng Markdown (ảnh: `![mô tả](/anh/ten-anh.jpg)`, liên kết: `[chữ](địa chỉ)`)",
        )
    } else {
        (
            format!("thẻ Liquid `{name}` của Jekyll"),
            "thay bằng Markdown: ảnh `![mô tả](/anh/ten-anh.jpg)`, liên kết tới bài khác `[chữ](@/bai-viet/ten-bai.md)`",
        )
    };
    diags.push(
        Diagnostic::error(
            path,
            format!("{what} chưa được loa hỗ trợ nên không được đưa lên trang"),
        )
        .at(Some(line), Some(column))
        .with_help(help),
    );
    String::new()
}

/// `src="a.png" alt='Ảnh' 42 "x y"` → named and positional values.
fn arguments(text: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (key, after) = match rest.find(['=', ' ', '"', '\'']) {
            Some(i) if rest.as_bytes()[i] == b'=' => (
                Some(rest[..i].trim().to_string()),
                rest[i + 1..].trim_start(),
            ),
            _ => (None, rest),
        };
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                (body[..end].to_string(), body.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (after[..end].to_string(), &after[end..])
            }
        };
        out.push((key, value));
        rest = next.trim_start();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Vec<String>) {
        let mut diags = Diagnostics::default();
        let out = expand("a.md", text, 5, &mut diags);
        (
            out,
            diags.into_sorted().iter().map(|d| d.to_string()).collect(),
        )
    }

    #[test]
    fn known_shortcodes_become_markdown() {
        let (out, errors) =
            run("{{< figure src=\"/anh/a.jpg\" alt=\"Cán bộ\" caption=\"Buổi tư vấn\" >}}\n");
        assert_eq!(out, "![Cán bộ](/anh/a.jpg) *Buổi tư vấn*\n");
        assert!(errors.is_empty());
        let (out, _) = run("Xem {{< youtube w7Ft2ymGmfc >}} và {{< gist spf13 7896402 >}}.\n");
        assert_eq!(
            out,
            "Xem [Xem video trên YouTube](https://www.youtube.com/watch?v=w7Ft2ymGmfc) và [Mã nguồn trên GitHub Gist](https://gist.github.com/spf13/7896402).\n"
        );
    }

    #[test]
    fn others_are_errors_at_their_place_and_code_is_left_alone() {
        let (out, errors) = run("Chữ {{< tweet 123 >}} và {% include note.html %}\n```\n{{< figure src=x >}}\n```\n`{% raw %}`\n");
        assert_eq!(
            out,
            "Chữ  và \n```\n{{< figure src=x >}}\n```\n`{% raw %}`\n"
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("a.md:5:5: lỗi: shortcode `tweet` của Hugo chưa được loa hỗ trợ"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("a.md:5:26: lỗi: thẻ Liquid `include` của Jekyll"),
            "{errors:?}"
        );
    }
}
