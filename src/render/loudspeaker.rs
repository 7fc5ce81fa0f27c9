//! Texts for the commune loudspeaker (`…/loa.txt`): no markup; dates,
//! percentages and abbreviations written the way they are read aloud; with
//! the estimated reading time. Pure.

use chrono::NaiveDate;

/// Reading pace on the loudspeaker, in syllables per minute: slower than
/// reading to oneself, so that listeners in the street can follow.
pub const SYLLABLES_PER_MINUTE: usize = 140;

/// Abbreviations and how they are read.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("TGPL", "trợ giúp pháp lý"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("CTMTQG", "Chương trình mục tiêu quốc gia"),
    ("LĐTBXH", "Lao động - Thương binh và Xã hội"),
    ("THCS", "trung học cơ sở"),
    ("THPT", "trung học phổ thông"),
    ("PCMT", "phòng, chống ma túy"),
];

/// The text to read: a heading, the parts, the closing line.
pub fn script(title: &str, intro: &[String], blocks: &[Spoken], issuer: &str) -> String {
    let mut parts: Vec<std::borrow::Cow<str>> = Vec::with_capacity(1 + intro.len() + blocks.len());
    let mut syllables = 0;
    for passage in std::iter::once(title).chain(intro.iter().map(String::as_str)) {
        let (text, words) = spoken_counted(passage, None);
        parts.push(text);
        syllables += words;
    }
    for block in blocks {
        let (text, words) = spoken_counted(&block.text, Some(block.words));
        parts.push(text);
        syllables += words;
    }
    let minutes = syllables.div_ceil(SYLLABLES_PER_MINUTE).max(1);
    let head = format!("THỜI LƯỢNG ĐỌC: KHOẢNG {minutes} PHÚT\n\n");
    let tail = format!("\n\n{issuer} thông tin để bà con nhân dân được biết.\n");
    let size = parts.iter().map(|p| p.len() + 2).sum::<usize>();
    let mut out = String::with_capacity(head.len() + size + tail.len());
    out.push_str(&head);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(part);
    }
    out.push_str(&tail);
    out
}

/// A passage of an article to read aloud, as the Markdown gives it: its
/// whitespace already collapsed, and its words counted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spoken {
    /// The text, without markup.
    pub text: String,
    /// Its words, as [`crate::text::word_count`] counts them.
    pub words: usize,
}

impl Spoken {
    /// A passage from any text.
    pub fn new(text: &str) -> Spoken {
        let text = crate::text::collapse_whitespace(text);
        let words = crate::text::word_count(&text);
        Spoken { text, words }
    }
}

/// One passage as it is read: abbreviations spelled out, dates and
/// percentages in words, symbols a reader would not say removed.
pub fn spoken(text: &str) -> String {
    spoken_counted(text, None).0.into_owned()
}

/// [`spoken`] and the number of its words. `words`: those of `text`, when
/// it is known to be collapsed already (a [`Spoken`]); they stand when no
/// step changes the text.
fn spoken_counted(text: &str, words: Option<usize>) -> (std::borrow::Cow<'_, str>, usize) {
    let mut s = std::borrow::Cow::Borrowed(text);
    for (short, long) in ABBREVIATIONS {
        if memchr::memmem::find(s.as_bytes(), short.as_bytes()).is_some() {
            s = replace_word(&s, short, long).into();
        }
    }
    if s.contains('/') {
        let written = dates_in_words(&s);
        if written != *s {
            s = written.into();
        }
    }
    if s.contains('%') {
        s = s.replace('%', " phần trăm").into();
    }
    if s.contains(" –") {
        s = s.replace(" –", ",").into();
    }
    if s.contains('…') {
        s = s.replace("…", ".").into();
    }
    if s.contains(UNSAID) {
        s = s.replace(UNSAID, "").into();
    }
    if let (std::borrow::Cow::Borrowed(_), Some(words)) = (&s, words) {
        return (s, words);
    }
    match crate::text::words_and_collapsed(&s) {
        (words, true) => (s, words),
        (words, false) => (crate::text::collapse_whitespace(&s).into(), words),
    }
}

/// Markup characters a reader would not say, removed from spoken text.
const UNSAID: [char; 5] = ['*', '#', '`', '|', '_'];

/// Replaces `word` where it stands as a whole word.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(word) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        out.push_str(&rest[..i]);
        if boundary(before) && boundary(after) {
            out.push_str(with);
        } else {
            out.push_str(word);
        }
        rest = &rest[i + word.len()..];
    }
    out.push_str(rest);
    out
}

/// "26/6" → "ngày 26 tháng 6", "01/7/2026" → "ngày 1 tháng 7 năm 2026";
/// numbers that are no date ("11/2017/QH14", "1409/KH-STP") stay.
fn dates_in_words(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '/'));
        if starts_number {
            if let Some((written, consumed)) = read_date(&chars[i..]) {
                let already = out.trim_end().to_lowercase().ends_with("ngày");
                if !already {
                    out.push_str("ngày ");
                }
                out.push_str(&written);
                i += consumed;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn read_date(chars: &[char]) -> Option<(String, usize)> {
    let number = |from: usize| -> Option<(u32, usize)> {
        let digits: String = chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        (!digits.is_empty()).then(|| (digits.parse().unwrap_or(0), digits.len()))
    };
    let (day, d_len) = number(0)?;
    if chars.get(d_len) != Some(&'/') || d_len > 2 {
        return None;
    }
    let (month, m_len) = number(d_len + 1)?;
    if m_len > 2 {
        return None;
    }
    let mut consumed = d_len + 1 + m_len;
    let mut year = None;
    if chars.get(consumed) == Some(&'/') {
        let (y, y_len) = number(consumed + 1)?;
        if y_len != 4 {
            return None;
        }
        year = Some(y as i32);
        consumed += 1 + y_len;
    }
    // What follows must not continue a document number ("1/2026/NĐ-CP").
    if chars
        .get(consumed)
        .is_some_and(|c| c.is_alphanumeric() || *c == '/')
    {
        return None;
    }
    NaiveDate::from_ymd_opt(year.unwrap_or(2024), month, day)?;
    Some(match year {
        Some(y) => (format!("{day} tháng {month} năm {y}"), consumed),
        None => (format!("{day} tháng {month}"), consumed),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_aloud_forms() {
        assert_eq!(spoken("Ngày 26/6 hằng năm"), "Ngày 26 tháng 6 hằng năm");
        assert_eq!(
            spoken("từ 01/7/2026, TGPL miễn phí"),
            "từ ngày 1 tháng 7 năm 2026, trợ giúp pháp lý miễn phí"
        );
        assert_eq!(spoken("Trên 80% số người"), "Trên 80 phần trăm số người");
        assert_eq!(
            spoken("Luật số 11/2017/QH14 và Kế hoạch 1409/KH-STP"),
            "Luật số 11/2017/QH14 và Kế hoạch 1409/KH-STP"
        );
        assert_eq!(spoken("UBNDX và UBND xã"), "UBNDX và Ủy ban nhân dân xã");
        assert_eq!(
            spoken("Nghị định 116/2021/NĐ-CP ngày 21/12/2021"),
            "Nghị định 116/2021/NĐ-CP ngày 21 tháng 12 năm 2021"
        );
    }

    #[test]
    fn script_has_reading_time_and_no_markup() {
        let s = script(
            "Tiêu đề",
            &[],
            &[Spoken::new("Đoạn **một** về TGPL.")],
            "Ủy ban nhân dân xã",
        );
        assert!(
            s.starts_with(
                "THỜI LƯỢNG ĐỌC: KHOẢNG 1 PHÚT\n\nTiêu đề\n\nĐoạn một về trợ giúp pháp lý."
            ),
            "{s}"
        );
        assert!(s.ends_with("Ủy ban nhân dân xã thông tin để bà con nhân dân được biết.\n"));
    }
}
