//! Phone numbers a phone can call: each number in a text becomes a `tel:`
//! link whose address is the number without spaces or dots, while the text
//! keeps the number as the commune wrote it ("0220 3 123 456"). Used by
//! the templates as the `tel` filter. Pure.

use std::collections::HashMap;

use crate::text::escape_html;

/// Where numbers are looked for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Field {
    /// A field that holds phone numbers (`phone`, `hotline`): any run of
    /// three or more digits is a number ("113" is the police).
    Phone,
    /// Free text (an event's place or description): only what can only be
    /// a phone number, at least eight digits starting with 0, +, 1800 or
    /// 1900, so years, dates and times stay text.
    Text,
}

/// `text`, HTML-escaped, with each phone number in it a `tel:` link.
pub fn links(text: &str, field: Field) -> String {
    let mut out = String::with_capacity(text.len() + 48);
    let mut done = 0;
    for (start, end) in numbers(text, field) {
        out.push_str(&escape_html(&text[done..start]));
        let shown = &text[start..end];
        out.push_str("<a href=\"tel:");
        out.push_str(&dialled(shown));
        out.push_str("\">");
        out.push_str(&escape_html(shown));
        out.push_str("</a>");
        done = end;
    }
    out.push_str(&escape_html(&text[done..]));
    out
}

/// What a phone dials for `shown`: its digits, with a leading `+` kept.
pub fn dialled(shown: &str) -> String {
    let plus = shown.trim_start().starts_with('+');
    let digits = shown.chars().filter(char::is_ascii_digit);
    (plus.then_some('+')).into_iter().chain(digits).collect()
}

/// Byte ranges of the phone numbers in `text`: groups of digits joined by
/// one space, dot or hyphen, or written `(0220) 3…`; a `+` may lead.
fn numbers(text: &str, field: Field) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            || (matches!(bytes[i], b'+' | b'(')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        // Not the tail of a longer word or number ("A12345678").
        let after_word = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] >= 0x80);
        if !starts || after_word {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        let mut digits = usize::from(bytes[i].is_ascii_digit());
        while j < bytes.len() {
            let b = bytes[j];
            if b.is_ascii_digit() {
                digits += 1;
                j += 1;
                end = j;
            } else if matches!(b, b' ' | b'.' | b'-' | b')')
                && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
            {
                j += 1;
            } else if b == b')' && bytes.get(j + 1) == Some(&b' ') {
                j += 2;
            } else {
                break;
            }
        }
        let run = &text[start..end];
        let ends_in_word = bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
        let balanced = run.contains('(') == run.contains(')');
        let wanted = match field {
            Field::Phone => digits >= 3,
            Field::Text => {
                let lead = dialled(run);
                digits >= 8
                    && (lead.starts_with('0')
                        || lead.starts_with('+')
                        || lead.starts_with("1800")
                        || lead.starts_with("1900"))
            }
        };
        if wanted && balanced && !ends_in_word {
            found.push((start, end));
        }
        i = end.max(i + 1);
    }
    found
}

/// The `tel` template filter: `{{ site.issuer.hotline | tel | safe }}`;
/// `tel(in_text=true)` for free text.
pub fn filter(
    value: &tera::Value,
    args: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = match value {
        tera::Value::String(s) => s.as_str(),
        tera::Value::Null => "",
        other => {
            return Err(tera::Error::msg(format!(
                "`tel` cần một chuỗi, không phải {other}"
            )))
        }
    };
    let field = match args.get("in_text") {
        Some(tera::Value::Bool(true)) => Field::Text,
        _ => Field::Phone,
    };
    Ok(tera::Value::String(links(text, field)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_number_is_a_link_and_keeps_its_spaces() {
        assert_eq!(
            links("0220 3 123 456", Field::Phone),
            "<a href=\"tel:02203123456\">0220 3 123 456</a>"
        );
        assert_eq!(
            links("0220.3123.456 hoặc 0912-345-678 (giờ hành chính)", Field::Phone),
            "<a href=\"tel:02203123456\">0220.3123.456</a> hoặc <a href=\"tel:0912345678\">0912-345-678</a> (giờ hành chính)"
        );
        assert_eq!(
            links("+84 220 3 123 456", Field::Phone),
            "<a href=\"tel:+842203123456\">+84 220 3 123 456</a>"
        );
        assert_eq!(
            links("(0220) 3 123 456", Field::Phone),
            "<a href=\"tel:02203123456\">(0220) 3 123 456</a>"
        );
        assert_eq!(links("113", Field::Phone), "<a href=\"tel:113\">113</a>");
        // Two numbers joined by " - " stay two.
        assert_eq!(
            links("0912 345 678 - 0220 3 123 456", Field::Phone)
                .matches("<a ")
                .count(),
            2
        );
    }

    #[test]
    fn free_text_links_only_what_can_only_be_a_phone_number() {
        let text =
            "Từ 19:00 ngày 01.7.2025, năm 2026-2030, thôn 3; gọi 0912 345 678 hoặc 1900 6179";
        let html = links(text, Field::Text);
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
        assert!(html.contains("<a href=\"tel:0912345678\">0912 345 678</a>"));
        assert!(html.contains("<a href=\"tel:19006179\">1900 6179</a>"));
        assert!(html.contains("2026-2030"));
    }

    #[test]
    fn the_rest_is_escaped() {
        assert_eq!(
            links("<b>0912345678</b>", Field::Phone),
            "&lt;b&gt;<a href=\"tel:0912345678\">0912345678</a>&lt;/b&gt;"
        );
        assert_eq!(links("Phòng 12A", Field::Phone), "Phòng 12A");
    }
}
