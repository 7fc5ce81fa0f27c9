//! The only module that knows serde_yaml exists. It deserializes a YAML text
//! into a `Raw*` shape, turns serde_yaml's errors into located diagnostics in
//! plain Vietnamese, and warns about keys nobody reads. Pure; no IO.

use serde::de::DeserializeOwned;

use crate::diag::{nearest, Diagnostic, Diagnostics, Location};

/// Deserializes `text` (the file's own text, or its front matter starting at
/// the file's first byte, so that lines match) into `T`.
///
/// Keys that `T` does not know are warned about, each with the nearest key of
/// `known` as a suggestion. Returns `None` after pushing an error when the
/// text is not valid YAML or does not have the expected shape.
pub(crate) fn from_str<T: DeserializeOwned>(
    file: &str,
    text: &str,
    known: &[&str],
    diags: &mut Diagnostics,
) -> Option<T> {
    let mut ignored = Vec::new();
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let result = serde_ignored::deserialize(deserializer, |path| ignored.push(path.to_string()));
    match result {
        Ok(value) => {
            for path in ignored {
                // A key the shape reads and deliberately ignores (a Hugo
                // theme's `layout`): known, not a mistake.
                if path
                    .strip_suffix(".?")
                    .is_some_and(|head| known.contains(&head))
                {
                    continue;
                }
                let key = path.rsplit('.').next().unwrap_or(&path);
                let mut warning = Diagnostic::warning(
                    file,
                    format!("khóa `{path}` không được dùng đến (loa không biết khóa này)"),
                )
                .located(key_location(text, key));
                if let Some(near) = nearest(key, known) {
                    warning = warning.with_help(format!("có phải ý bạn là `{near}`?"));
                }
                diags.push(warning);
            }
            Some(value)
        }
        Err(err) => {
            let raw = err.to_string();
            let duplicate = raw
                .split("duplicate field `")
                .nth(1)
                .and_then(|rest| rest.split('`').next());
            let at = match duplicate {
                // serde points at the start of the mapping; the second
                // occurrence of the key is what the user must remove.
                Some(key) => key_locations(text, key).nth(1),
                None => None,
            }
            .or_else(|| {
                err.location().map(|l| Location {
                    line: l.line() as u32,
                    column: l.column() as u32,
                })
            });
            // An unclosed quote or bracket is found where the file ends;
            // the clerk must look where it opens.
            let unclosed = raw.contains("found unexpected end of stream")
                || raw.contains("while scanning a quoted scalar")
                || raw.contains("did not find expected ',' or ']'");
            let at = match (unclosed, at) {
                (true, Some(end)) => opening_of_unclosed(text, end).or(Some(end)),
                _ => at,
            };
            let (at, (message, help)) = match bad_indentation(text, at) {
                Some((line_at, message, help)) => {
                    (Some(line_at), (message.to_string(), Some(help.to_string())))
                }
                None => (at, plain_message(&raw, text, at)),
            };
            let mut d = Diagnostic::error(file, message).located(at);
            if let Some(help) = help {
                d = d.with_help(help);
            }
            diags.push(d);
            None
        }
    }
}

/// The last quote or `[` before `end` that is not closed on its line: where
/// an unclosed value opens.
fn opening_of_unclosed(text: &str, end: Location) -> Option<Location> {
    let lines: Vec<&str> = text.lines().take(end.line as usize).collect();
    for (i, line) in lines.iter().enumerate().rev() {
        let content = line.trim_start();
        if content.starts_with('#') {
            continue;
        }
        let mut open_quote: Option<usize> = None;
        let mut brackets: Vec<usize> = Vec::new();
        let mut escaped = false;
        for (column, c) in line.chars().enumerate() {
            match c {
                '\\' if open_quote.is_some() && !escaped => {
                    escaped = true;
                    continue;
                }
                '"' if !escaped => {
                    open_quote = match open_quote {
                        Some(_) => None,
                        None => Some(column),
                    }
                }
                '[' if open_quote.is_none() => brackets.push(column),
                ']' if open_quote.is_none() => {
                    brackets.pop();
                }
                _ => {}
            }
            escaped = false;
        }
        if let Some(column) = open_quote.or(brackets.last().copied()) {
            return Some(Location {
                line: i as u32 + 1,
                column: column as u32 + 1,
            });
        }
    }
    None
}

/// The text of a scalar value at `dotted` (`title`, `params.author`) in a
/// YAML document, or `None` when there is none or it is not a scalar.
pub(crate) fn scalar(text: &str, dotted: &str) -> Option<String> {
    let mut value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    for key in dotted.split('.') {
        value = value.get(key)?.clone();
    }
    match value {
        serde_yaml::Value::String(s) => Some(s),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Where the value of `key` is written: the first line that reads
/// `key:` (possibly indented, possibly as a list item), and the column of
/// its value, or of the key when the value is on later lines.
pub(crate) fn key_location(text: &str, key: &str) -> Option<Location> {
    key_locations(text, key).next()
}

/// Every place `key:` is written, in order (see [`key_location`]).
fn key_locations<'a>(text: &'a str, key: &'a str) -> impl Iterator<Item = Location> + 'a {
    text.lines().enumerate().filter_map(move |(i, line)| {
        let trimmed = line.trim_start();
        let indent = line.chars().count() - trimmed.chars().count();
        let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        let offset = indent + (trimmed.chars().count() - item.chars().count());
        let unquoted = item
            .strip_prefix('"')
            .and_then(|s| s.strip_prefix(key))
            .and_then(|s| s.strip_prefix('"'))
            .or_else(|| item.strip_prefix(key));
        let value = unquoted?.trim_start().strip_prefix(':')?;
        if !(value.is_empty() || value.starts_with([' ', '\t'])) {
            return None;
        }
        let value_trimmed = value.trim_start();
        let column = if value_trimmed.is_empty() {
            offset + 1
        } else {
            line.chars().count() - value_trimmed.chars().count() + 1
        };
        Some(Location {
            line: i as u32 + 1,
            column: column as u32,
        })
    })
}

/// A Tab or a non-breaking space in the indentation of a line up to the
/// error: the usual cause of a YAML error in a file typed by hand or pasted
/// from the web or Word. The first such line is the one to fix.
fn bad_indentation(
    text: &str,
    at: Option<Location>,
) -> Option<(Location, &'static str, &'static str)> {
    let last = at.map_or(usize::MAX, |at| at.line as usize);
    text.lines().take(last).enumerate().find_map(|(i, line)| {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        let column = indent.chars().position(|c| c == '\t' || c == '\u{a0}')? as u32 + 1;
        let here = Location { line: i as u32 + 1, column };
        Some(if indent.contains('\t') {
            (here, "dòng này thụt lề bằng phím Tab; YAML chỉ cho phép thụt lề bằng dấu cách", "thay mỗi Tab bằng hai dấu cách")
        } else {
            (
                here,
                "dòng này thụt lề bằng dấu cách không ngắt (thường do chép từ trang web hoặc Word); YAML chỉ chấp nhận dấu cách thường",
                "xóa các khoảng trắng đầu dòng và gõ lại bằng phím cách",
            )
        })
    })
}

/// serde_yaml's message, minus its own position suffix, in words a clerk
/// understands, with a hint where one helps.
fn plain_message(raw: &str, text: &str, at: Option<Location>) -> (String, Option<String>) {
    let raw = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    let (field, detail) = match raw.split_once(": ") {
        Some((field, detail)) if !field.contains(' ') => (Some(field), detail),
        _ => (None, raw),
    };
    let prefix = field.map(|f| format!("khóa `{f}`: ")).unwrap_or_default();
    let tab_in_line = at
        .and_then(|at| text.lines().nth(at.line.saturating_sub(1) as usize))
        .is_some_and(|line| line.contains('\t'));
    if tab_in_line || detail.contains("found character that cannot start any token") {
        if tab_in_line {
            return (
                "dòng này thụt lề bằng phím Tab; YAML chỉ cho phép thụt lề bằng dấu cách".into(),
                Some("thay mỗi Tab bằng hai dấu cách".into()),
            );
        }
        return (
            format!("{prefix}có ký tự không được phép đứng đầu một giá trị YAML"),
            Some(
                "nếu giá trị bắt đầu bằng @, `, % hoặc dấu ngoặc, hãy đặt nó trong dấu ngoặc kép"
                    .into(),
            ),
        );
    }
    if let Some(name) = detail.strip_prefix("missing field ") {
        return (format!("{prefix}thiếu khóa bắt buộc {name}"), None);
    }
    if let Some(name) = detail.strip_prefix("duplicate field ") {
        return (
            format!("{prefix}khóa {name} được khai báo hai lần"),
            Some("mỗi khóa chỉ được viết một lần; nếu viết cả tên kiểu Hugo/Jekyll (như `description` cho `summary`), hãy giữ một".into()),
        );
    }
    if detail.starts_with("duplicate entry") {
        return (format!("{prefix}một khóa được khai báo hai lần"), None);
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return (
            format!(
                "{prefix}giá trị có kiểu sai: đã gặp {}, cần {}",
                type_name(found),
                type_name(expected)
            ),
            None,
        );
    }
    if let Some(rest) = detail.strip_prefix("unknown variant ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return (
            format!("{prefix}giá trị {found} không hợp lệ; các giá trị được phép: {expected}"),
            None,
        );
    }
    if detail.contains("did not find expected key")
        || detail.contains("mapping values are not allowed")
        || detail.contains("did not find expected '-' indicator")
    {
        return (
            format!("{prefix}thụt lề không đúng hoặc thiếu dấu hai chấm"),
            Some("các khóa cùng cấp phải thẳng cột; sau tên khóa là dấu `:` và một dấu cách; giá trị có dấu `:` nên đặt trong dấu ngoặc kép".into()),
        );
    }
    if detail.contains("found unexpected end of stream")
        || detail.contains("did not find expected")
        || detail.contains("while scanning a quoted scalar")
    {
        return (
            format!("{prefix}thiếu dấu đóng (dấu ngoặc kép hoặc ngoặc vuông chưa được đóng)"),
            Some(
                "kiểm tra dấu ngoặc kép \" và ngoặc vuông [ ] trên dòng này và các dòng trước"
                    .into(),
            ),
        );
    }
    if detail.contains("repetition limit exceeded") || detail.contains("recursion limit exceeded") {
        return (
            "tệp dùng bí danh YAML (`&tên`, `*tên`) lặp lại hoặc lồng nhau quá nhiều; loa không đọc tệp có thể làm treo máy".into(),
            Some("bỏ các `&tên` và `*tên`, viết các giá trị ra đầy đủ".into()),
        );
    }
    if detail.contains("did not match any variant of untagged enum") {
        return (
            format!("{prefix}giá trị không đúng dạng nào được phép ở khóa này"),
            Some("xem các ví dụ trong README và thư mục docs/ (kế hoạch: docs/ke-hoach.md)".into()),
        );
    }
    if let Some(rest) = detail.strip_prefix("unknown field ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches("one of ");
        return (
            format!("{prefix}khóa {found} không được dùng ở đây"),
            (!expected.is_empty()).then(|| format!("các khóa được phép: {expected}")),
        );
    }
    if detail.starts_with("invalid length ") || detail.starts_with("invalid value: ") {
        return (format!("{prefix}giá trị không hợp lệ ở khóa này"), None);
    }
    if detail.contains("more than one document") || detail.contains("document indicator") {
        return (
            "tệp có nhiều phần YAML (một dòng `---` ở giữa tệp); mỗi tệp chỉ được một phần".into(),
            Some("xóa dòng `---` thừa, hoặc tách thành hai tệp".into()),
        );
    }
    if detail.contains("unknown anchor") {
        return (
            format!("{prefix}bí danh `*…` chưa được khai báo bằng `&…` ở trước"),
            Some("viết giá trị ra đầy đủ thay cho bí danh".into()),
        );
    }
    if detail.contains("tag") && (detail.contains("undefined") || detail.contains("unknown")) {
        return (
            format!("{prefix}thẻ kiểu YAML (`!tên`) không được hỗ trợ"),
            Some("bỏ phần `!tên`; nếu giá trị bắt đầu bằng `!`, đặt nó trong dấu ngoặc kép".into()),
        );
    }
    if detail.contains("escape") {
        return (
            format!("{prefix}chuỗi trong dấu ngoặc kép có dấu `\\` không hợp lệ"),
            Some(
                "viết `\\\\` cho một dấu gạch chéo ngược, hoặc đặt giá trị trong dấu ngoặc đơn ' '"
                    .into(),
            ),
        );
    }
    if detail.contains("control characters") || detail.contains("UTF-8") {
        return (
            format!("{prefix}có ký tự không đọc được hoặc ký tự điều khiển"),
            None,
        );
    }
    if detail.contains("not allowed in this context")
        || detail.contains("could not find expected ':'")
    {
        return (
            format!("{prefix}thụt lề không đúng hoặc thiếu dấu hai chấm"),
            Some("các khóa cùng cấp phải thẳng cột; sau tên khóa là dấu `:` và một dấu cách; mỗi mục danh sách bắt đầu bằng `- `".into()),
        );
    }
    // Whatever else the parser says is English: not shown, the place is.
    (
        format!("{prefix}YAML không hợp lệ ở đây"),
        Some("kiểm tra thụt lề, dấu hai chấm sau tên khóa và các dấu ngoặc kép trên dòng này và dòng trước".into()),
    )
}

fn type_name(serde_words: &str) -> String {
    let w = serde_words.trim();
    let (kind, value) = match w.split_once(' ') {
        Some((k, v)) => (k, Some(v.trim_matches('`'))),
        None => (w, None),
    };
    let name = match kind {
        "string" | "a" if w.contains("string") => "một chuỗi chữ",
        "string" => "một chuỗi chữ",
        "integer" | "u32" | "u64" | "i32" | "usize" => "một số nguyên",
        "floating" => "một số thập phân",
        "boolean" | "bool" => "giá trị đúng/sai (true/false)",
        "sequence" => "một danh sách",
        "map" => "một nhóm khóa: giá trị",
        "unit" => "giá trị rỗng",
        _ if w.contains("sequence") => "một danh sách",
        _ if w.contains("map") || w.contains("struct") => "một nhóm khóa: giá trị",
        _ if w.contains("string") => "một chuỗi chữ",
        _ if w.contains("identifier") => "tên một khóa",
        // Serde's own words for what it wanted: not shown.
        _ => "một giá trị đúng dạng của khóa này",
    };
    match value {
        Some(v)
            if kind != "a"
                && !v.is_empty()
                && !w.starts_with("struct")
                && !w.contains("identifier") =>
        {
            format!("{name} `{v}`")
        }
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Shape {
        title: String,
        #[serde(default)]
        count: u32,
    }

    fn errors(text: &str) -> Vec<String> {
        let mut diags = Diagnostics::default();
        let _: Option<Shape> = from_str("f.yaml", text, &["title", "count"], &mut diags);
        diags.into_sorted().iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn unknown_key_is_a_warning_with_line_and_suggestion() {
        let out = errors("title: a\ncuont: 2\n");
        assert_eq!(
            out,
            ["f.yaml:2:8: cảnh báo: khóa `cuont` không được dùng đến (loa không biết khóa này)\n  = gợi ý: có phải ý bạn là `count`?"]
        );
    }

    #[derive(Deserialize, Debug)]
    #[serde(untagged)]
    #[allow(dead_code)]
    enum Either {
        Text(String),
        Pair { a: u32, b: u32 },
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Tagged {
        title: String,
        value: Option<Either>,
    }

    /// Every error the YAML reader can give comes out in Vietnamese: the
    /// English of the parser never reaches the clerk.
    #[test]
    fn every_yaml_error_is_vietnamese() {
        let laughs = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\ntitle: a\nvalue: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
        let deep = format!("title: {}{}\n", "[".repeat(200), "]".repeat(200));
        let inputs: Vec<String> = vec![
            laughs.into(),
            deep,
            "title: a\nvalue: {a: 1}\n".into(),
            "title: a\nvalue: [1, 2]\n".into(),
            "title: a\n---\ntitle: b\n".into(),
            "title: *nowhere\n".into(),
            "title: \"a\\qb\"\n".into(),
            "value:\n  - a\n b: c\n".into(),
            "title: a\nvalue:\n  a: 1\n   b: 2\n".into(),
            "title: [a, b\n".into(),
            "title: {a\n".into(),
            "title: a\n? [b]\n: c\n".into(),
            "- a\n- b\n".into(),
            "title: 'a\n".into(),
            "title: a: b: c\n".into(),
            "%YAML 1.2\n%YAML 1.2\n---\ntitle: a\n".into(),
        ];
        let english = [
            "limit",
            "exceeded",
            "untagged",
            "variant",
            "expected",
            "found",
            "invalid",
            "document",
            "anchor",
            "while",
            "scanning",
            "mapping",
            "sequence",
            "unknown",
            "tag",
            "character",
            "line ",
            "column",
            "field",
            "identifier",
            "struct",
        ];
        for input in &inputs {
            let mut diags = Diagnostics::default();
            let _: Option<Tagged> = from_str("f.yaml", input, &["title", "value"], &mut diags);
            let all: Vec<String> = diags.into_sorted().iter().map(|d| d.to_string()).collect();
            assert!(!all.is_empty(), "{input:?} gives an error");
            for message in &all {
                // The part after "lỗi:" (file names and keys may be anything).
                let said = message
                    .split_once(": lỗi: ")
                    .map_or(message.as_str(), |(_, m)| m);
                let said = said.to_lowercase();
                for word in english {
                    assert!(
                        !said.contains(word),
                        "{input:?}: English {word:?} in {message}"
                    );
                }
            }
        }
    }

    #[test]
    fn tab_indentation_is_named() {
        let out = errors("title: a\n\tcount: 2\n");
        assert!(out[0].starts_with("f.yaml:2:"), "{out:?}");
        assert!(out[0].contains("phím Tab"), "{out:?}");
    }

    #[test]
    fn wrong_type_is_explained() {
        let out = errors("title: a\ncount: nhiều\n");
        assert!(
            out[0].contains("khóa `count`: giá trị có kiểu sai"),
            "{out:?}"
        );
        assert!(out[0].contains("một số nguyên"), "{out:?}");
        assert!(out[0].starts_with("f.yaml:2:8"), "{out:?}");
    }

    #[test]
    fn missing_field_is_named() {
        let out = errors("count: 2\n");
        assert!(out[0].contains("thiếu khóa bắt buộc `title`"), "{out:?}");
    }

    #[test]
    fn unclosed_quote_is_explained() {
        let out = errors("title: \"a\ncount: 2\n");
        assert!(out[0].contains("chưa được đóng"), "{out:?}");
    }

    #[test]
    fn duplicate_key_is_explained() {
        let out = errors("title: a\ntitle: b\n");
        assert!(out[0].contains("hai lần"), "{out:?}");
        assert!(out[0].starts_with("f.yaml:2"), "{out:?}");
    }

    #[test]
    fn key_location_finds_nested_and_list_keys() {
        let text = "a: 1\nmenu:\n  - label: X\n    url: /\n";
        assert_eq!(
            key_location(text, "url"),
            Some(Location {
                line: 4,
                column: 10
            })
        );
        assert_eq!(
            key_location(text, "label"),
            Some(Location {
                line: 3,
                column: 12
            })
        );
        assert_eq!(
            key_location(text, "menu"),
            Some(Location { line: 2, column: 1 })
        );
    }
}
