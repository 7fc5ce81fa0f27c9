//! Lines → paragraphs. Text copied from a PDF (or a PDF's own text layer)
//! breaks every paragraph at the page width, puts blank lines where the page
//! had gaps, and repeats headers and page numbers; text pasted from Word has
//! one paragraph per line. Both come out as one paragraph per paragraph.

use super::{clean, Origin, Para};

/// One line of text as extracted.
#[derive(Clone, Debug)]
pub struct Line {
    /// The line, as it reads.
    pub text: String,
    /// Where it is in the source.
    pub at: Origin,
    /// The page it is on (1 for a text file).
    pub page: u32,
}

/// Joins lines into paragraphs.
pub fn rejoin(lines: Vec<Line>) -> Vec<Para> {
    let lines: Vec<Line> = drop_page_furniture(lines)
        .into_iter()
        .map(|l| Line {
            text: clean(&l.text),
            ..l
        })
        .collect();
    let width = typical_width(&lines);
    // Lines of a page-width text are at most ~110 characters; a paragraph
    // per line gives many longer ones.
    let wrapped = width <= 110;
    let mut out: Vec<Para> = Vec::new();
    let mut current: Option<Para> = None;
    let mut last_line = String::new();
    for line in lines {
        if line.text.is_empty() {
            continue;
        }
        match current.as_mut() {
            Some(para) if continues(&last_line, &line.text, wrapped, width) => {
                join(&mut para.text, &line.text);
            }
            _ => {
                out.extend(current.take());
                current = Some(Para {
                    text: line.text.clone(),
                    at: line.at,
                });
            }
        }
        last_line = line.text;
    }
    out.extend(current);
    out
}

/// The length most full lines have: the 90th percentile, in characters.
fn typical_width(lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.text.chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lengths.is_empty() {
        return 0;
    }
    lengths.sort_unstable();
    lengths[(lengths.len() * 9 / 10).min(lengths.len() - 1)]
}

/// Whether `next` goes on the paragraph that `prev` (its last line) is in.
fn continues(prev: &str, next: &str, wrapped: bool, width: usize) -> bool {
    if starts_with_marker(next) || opens_a_part(next) {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    let terminal = ends_a_sentence(prev);
    // A word cut at its hyphen: "116/2021/NĐ-" + "CP".
    if first.is_lowercase() || ends_in_a_hyphenated_word(prev) {
        return true;
    }
    if first.is_ascii_digit() {
        // "2020 của Thủ tướng" carries on; "1 Kế hoạch của Sở…" (a footnote
        // at the foot of the page) starts anew.
        let next_word = next
            .split_whitespace()
            .nth(1)
            .and_then(|w| w.chars().next());
        return !terminal && !next_word.is_some_and(char::is_uppercase);
    }
    if terminal {
        return false;
    }
    if is_upper(prev) != is_upper(next) {
        return false;
    }
    wrapped && prev.chars().count() * 10 >= width * 7
}

fn ends_in_a_hyphenated_word(line: &str) -> bool {
    line.ends_with('-') && line[..line.len() - 1].ends_with(|c: char| c.is_alphanumeric())
}

/// Appends a continuation line: "NĐ-" + "CP" stay one word.
fn join(text: &mut String, next: &str) {
    if !ends_in_a_hyphenated_word(text) || next.starts_with(char::is_lowercase) {
        text.push(' ');
    }
    text.push_str(next);
}

/// True when the line ends a sentence or a label: `.`, `:`, `;`, `!`, `?`,
/// perhaps followed by a closing quote or bracket ("./." too).
pub fn ends_a_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['”', '"', '’', '\'', ')', '»', '/']);
    let trimmed = if line.ends_with("./.") { "." } else { trimmed };
    trimmed.ends_with(['.', ':', ';', '!', '?', '…'])
}

/// True when every letter of the line is upper case (a heading).
pub fn is_upper(line: &str) -> bool {
    let mut letters = line.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| c.is_uppercase())
}

/// Parts of an official document that always start a paragraph.
fn opens_a_part(line: &str) -> bool {
    const OPENERS: &[&str] = &[
        "Nơi nhận",
        "TM.",
        "KT.",
        "Q.",
        "TL.",
        "TUQ.",
        "Số:",
        "Căn cứ",
        "Thực hiện",
        "Trên đây",
    ];
    OPENERS.iter().any(|o| line.starts_with(o))
}

/// True when the line starts with an item number as official documents
/// write them: "I.", "1.", "1.1.", "1.2", "a)", "-", "+", followed by a
/// space and a capital letter, a digit or a quote (so that "- xã hội"
/// carried over from the line above is not a new item).
pub fn starts_with_marker(line: &str) -> bool {
    split_marker(line).is_some()
}

/// Splits "1.2. Xây dựng…" into ("1.2.", "Xây dựng…").
pub fn split_marker(line: &str) -> Option<(&str, &str)> {
    let end = marker_end(line)?;
    let (marker, rest) = line.split_at(end);
    let rest = rest.trim_start();
    let first = rest.chars().next()?;
    let starts_well = first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '“' | '"' | '(' | '‘' | '\'');
    starts_well.then_some((marker, rest))
}

/// Byte length of the marker at the start of `line`, if it has one
/// followed by a space.
fn marker_end(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    // A space after the number, or (in a PDF's text, where the number and
    // the text are placed apart instead) a capital letter straight after it.
    let followed_by_space = |i: usize| {
        bytes.get(i).is_some_and(|b| *b == b' ')
            || line
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_uppercase)
    };
    match bytes.first()? {
        b'-' | b'+' => followed_by_space(1).then_some(1),
        _ if line.starts_with('–') || line.starts_with('•') => {
            let n = line.chars().next()?.len_utf8();
            followed_by_space(n).then_some(n)
        }
        b'0'..=b'9' => {
            // 1. | 1.1. | 1.1 | 1.1.1.
            let mut i = 0;
            let mut groups = 0;
            loop {
                let start = i;
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                if i == start || i - start > 2 {
                    return None;
                }
                groups += 1;
                match bytes.get(i) {
                    Some(b'.') => {
                        i += 1;
                        if followed_by_space(i) {
                            return Some(i);
                        }
                    }
                    Some(b' ') if groups > 1 => return Some(i),
                    Some(b')') if groups == 1 => {
                        return followed_by_space(i + 1).then_some(i + 1);
                    }
                    _ => return None,
                }
            }
        }
        b'a'..=b'z' => {
            // a) b) … and đ)
            (bytes.get(1) == Some(&b')') && followed_by_space(2)).then_some(2)
        }
        _ if line.starts_with("đ)") => followed_by_space("đ)".len()).then_some("đ)".len()),
        b'I' | b'V' | b'X' | b'L' => {
            let n = bytes
                .iter()
                .take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))
                .count();
            (n <= 5 && bytes.get(n) == Some(&b'.') && followed_by_space(n + 1)).then_some(n + 1)
        }
        _ => None,
    }
}

/// Drops page numbers ("2", "- 2 -", "Trang 2") and the running headers and
/// footers a PDF repeats at the top or bottom of its pages.
fn drop_page_furniture(lines: Vec<Line>) -> Vec<Line> {
    let pages = lines.iter().map(|l| l.page).max().unwrap_or(1);
    let mut repeated = std::collections::HashMap::<String, u32>::new();
    if pages > 1 {
        for page in 1..=pages {
            let on_page: Vec<&Line> = lines
                .iter()
                .filter(|l| l.page == page && !l.text.trim().is_empty())
                .collect();
            let edges = on_page.iter().take(2).chain(on_page.iter().rev().take(2));
            let mut seen = std::collections::HashSet::new();
            for line in edges {
                let key = shape(&line.text);
                if seen.insert(key.clone()) {
                    *repeated.entry(key).or_default() += 1;
                }
            }
        }
    }
    let enough = (pages / 2).max(2);
    lines
        .into_iter()
        .filter(|l| {
            let text = l.text.trim();
            if is_page_number(text) {
                return false;
            }
            !(pages > 1 && repeated.get(&shape(text)).is_some_and(|&n| n >= enough))
        })
        .collect()
}

/// A line with its digits blurred, so "Trang 2" and "Trang 3" match.
fn shape(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

fn is_page_number(text: &str) -> bool {
    let core = text
        .trim_start_matches("Trang")
        .trim()
        .trim_matches(['-', '–', ' ']);
    !core.is_empty()
        && core.len() <= 3
        && core.bytes().all(|b| b.is_ascii_digit())
        && !text.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                text: t.to_string(),
                at: Origin::Line(i as u32 + 1),
                page: 1,
            })
            .collect()
    }

    fn texts(paras: &[Para]) -> Vec<&str> {
        paras.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn markers_need_a_capital_after_them() {
        assert_eq!(split_marker("1.2. Xây dựng"), Some(("1.2.", "Xây dựng")));
        assert_eq!(split_marker("1.2 Xây dựng"), Some(("1.2", "Xây dựng")));
        assert_eq!(split_marker("II. MỤC TIÊU"), Some(("II.", "MỤC TIÊU")));
        assert_eq!(split_marker("a) Tổ chức"), Some(("a)", "Tổ chức")));
        assert_eq!(split_marker("đ) Tổ chức"), Some(("đ)", "Tổ chức")));
        assert_eq!(split_marker("- Đơn vị"), Some(("-", "Đơn vị")));
        assert_eq!(split_marker("+ 100% cán bộ"), Some(("+", "100% cán bộ")));
        assert_eq!(split_marker("- xã hội."), None);
        assert_eq!(split_marker("2020 của Thủ tướng"), None);
        assert_eq!(split_marker("1393/QĐ-LĐTBXH"), None);
        assert_eq!(split_marker("Inhập"), None);
        // A PDF's text layer puts no space between a list number and its text.
        assert_eq!(split_marker("I.MỤC ĐÍCH"), Some(("I.", "MỤC ĐÍCH")));
        assert_eq!(split_marker("a)Phát tin"), Some(("a)", "Phát tin")));
        assert_eq!(split_marker("-Đơn vị"), Some(("-", "Đơn vị")));
        assert_eq!(split_marker("1.1.Tham gia"), Some(("1.1.", "Tham gia")));
    }

    #[test]
    fn page_width_lines_become_paragraphs() {
        let text = "Thực hiện Kế hoạch số 4399/KH-UBND ngày 29/12/2023 của Ủy ban nhân dân huyện \n\nThanh Miện, Ủy ban nhân dân thị trấn Thanh Miện xây dựng Kế hoạch như sau:\n\nI. PHẠM VI, ĐỐI TƯỢNG\n1. Phạm vi:\nCác hoạt động nâng cao nhận thức, kỹ năng liên quan đến cai nghiện ma \n\ntúy trên địa bàn thị trấn Thanh Miện.\n\n6. Các Nhà trường\n\nChỉ đạo, tổ chức lồng ghép công tác tuyên truyền, phổ biến giáo dục về phòng \n- xã hội.\n- Phối hợp với Nghị định số 116/2021/NĐ-\nCP ngày 21/12/2021.\n\n2";
        let paras = rejoin(lines(text));
        assert_eq!(
            texts(&paras),
            [
                "Thực hiện Kế hoạch số 4399/KH-UBND ngày 29/12/2023 của Ủy ban nhân dân huyện Thanh Miện, Ủy ban nhân dân thị trấn Thanh Miện xây dựng Kế hoạch như sau:",
                "I. PHẠM VI, ĐỐI TƯỢNG",
                "1. Phạm vi:",
                "Các hoạt động nâng cao nhận thức, kỹ năng liên quan đến cai nghiện ma túy trên địa bàn thị trấn Thanh Miện.",
                "6. Các Nhà trường",
                "Chỉ đạo, tổ chức lồng ghép công tác tuyên truyền, phổ biến giáo dục về phòng - xã hội.",
                "- Phối hợp với Nghị định số 116/2021/NĐ-CP ngày 21/12/2021.",
            ]
        );
        assert_eq!(paras[2].at, Origin::Line(6));
    }

    #[test]
    fn a_paragraph_per_line_keeps_its_lines_and_mends_page_breaks() {
        let long = "Tham mưu cấp ủy lãnh đạo, chỉ đạo triển khai thực hiện hiệu quả, đảm bảo đúng mục tiêu, yêu cầu, nội dung Chỉ thị số 36-CT/TW ngày 16 tháng 8 năm 2019 của Bộ Chính trị; Quyết định số 291/QĐ-TTg ngày 21 tháng 02 năm";
        let text = format!("{long}\n\n\n\n2020 của Thủ tướng Chính phủ.\n\n- Đơn vị chủ trì: Phòng Lao động - Thương binh và Xã hội.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Anh Tuấn");
        let paras = rejoin(lines(&text));
        assert_eq!(paras.len(), 6, "{:#?}", texts(&paras));
        assert!(paras[0].text.ends_with("năm 2020 của Thủ tướng Chính phủ."));
        assert_eq!(paras[3].text, "KT. CHỦ TỊCH");
        assert_eq!(paras[5].text, "Lê Anh Tuấn");
    }

    #[test]
    fn running_headers_and_page_numbers_go() {
        let mut all = Vec::new();
        for page in 1..=4u32 {
            for (i, t) in [
                "UBND XÃ THANH MIỆN - KẾ HOẠCH TGPL".to_string(),
                format!(
                    "- Nội dung {}.",
                    ["một", "hai", "ba", "bốn"][page as usize - 1]
                ),
                format!("{page}"),
            ]
            .into_iter()
            .enumerate()
            {
                all.push(Line {
                    text: t,
                    at: Origin::Page {
                        page,
                        line: i as u32 + 1,
                    },
                    page,
                });
            }
        }
        let paras = rejoin(all);
        assert_eq!(paras.len(), 4, "{:#?}", texts(&paras));
        assert!(paras.iter().all(|p| p.text.starts_with("- Nội dung")));
    }
}
