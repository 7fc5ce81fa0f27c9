//! Text handling shared by every stage: decoding source bytes (UTF-8 check,
//! BOM, CRLF, NFC), Vietnamese slugs and word counts. Pure; no IO.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Why a source file's bytes are not text loa can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8: most often a legacy Vietnamese encoding (TCVN3, VNI,
    /// Windows-1258) saved by an old editor.
    NotUtf8 {
        /// 1-based line of the first byte that is not UTF-8.
        line: u32,
        /// 1-based column (in characters) of that byte.
        column: u32,
    },
    /// The file holds NUL bytes: it is binary, not text.
    Binary,
}

impl DecodeError {
    /// The message shown to the user.
    pub fn message(&self) -> String {
        match self {
            DecodeError::NotUtf8 { .. } => {
                "tệp không được lưu theo bảng mã UTF-8 (có thể là bảng mã \
                 cũ như TCVN3, VNI hoặc Windows-1258)"
                    .to_string()
            }
            DecodeError::Binary => {
                "tệp chứa dữ liệu nhị phân (ký tự NUL), không phải văn bản".to_string()
            }
        }
    }

    /// A hint on how to fix it.
    pub fn help(&self) -> &'static str {
        match self {
            DecodeError::NotUtf8 { .. } => {
                "mở tệp bằng trình soạn thảo, chuyển sang Unicode (dựng sẵn) bằng công cụ chuyển \
                 mã của Unikey, rồi lưu lại với bảng mã UTF-8"
            }
            DecodeError::Binary => "chỉ đặt tệp văn bản (Markdown, YAML) vào thư mục content/",
        }
    }
}

/// True for a path on someone's computer rather than on the site:
/// `C:\Users\…\anh.jpg`, `D:/anh.jpg`, `\\may-chu\anh.jpg`, or any
/// backslash.
pub fn is_computer_path(path: &str) -> bool {
    let bytes = path.trim().as_bytes();
    path.contains('\\')
        || (bytes.len() >= 3
            && bytes[0].is_ascii_alphabetic()
            && bytes[1] == b':'
            && matches!(bytes[2], b'/' | b'\\'))
}

/// How every placeholder a starter or skeleton writes begins:
/// "[Cần điền: số điện thoại]".
pub const PLACEHOLDER: &str = "[Cần điền";

/// True when `text` still holds a placeholder.
pub fn has_placeholder(text: &str) -> bool {
    text.contains(PLACEHOLDER)
}

/// `text` with every "[Cần điền…]" taken out: "Ủy ban nhân dân xã [Cần
/// điền: tên xã]" → "Ủy ban nhân dân xã"; a value that is only a
/// placeholder becomes empty. What citizens see never holds one.
pub fn strip_placeholders(text: &str) -> String {
    if !has_placeholder(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(PLACEHOLDER) {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find(']') {
            Some(end) => &rest[start + end + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Turns a source file's bytes into the text every later stage sees: UTF-8
/// (UTF-16 is accepted when it starts with a byte-order mark), without a BOM,
/// with `\n` line ends, in Unicode NFC.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        decode_utf16(rest, u16::from_be_bytes)?
    } else if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary);
    } else {
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        // Checked with SIMD: Vietnamese text is mostly bytes beyond ASCII,
        // where the standard check goes one character at a time.
        match simdutf8::compat::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(err) => return Err(not_utf8_at(bytes, err.valid_up_to())),
        }
    };
    Ok(normalize_owned(text))
}

/// Whether `c` is a control character a content file should not hold:
/// C0 (but tab and line feed), DEL and C1.
pub fn is_stray_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{7f}'
}

/// `text` without stray control characters (ESC, NUL from UTF-16, DEL, C1),
/// with the line and column of the first one removed and how many were:
/// text pasted from a terminal or an old program carries them invisibly.
pub fn strip_controls(text: String) -> (String, Option<(u32, u32, usize)>) {
    // Most files have none: one pass over the bytes to know.
    let c1 = |w: &[u8]| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]);
    let bytes = text.as_bytes();
    let any = bytes
        .iter()
        .any(|&b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f)
        || bytes.windows(2).any(c1);
    if !any {
        return (text, None);
    }
    let mut first = None;
    let mut count = 0;
    let (mut line, mut column) = (1u32, 1u32);
    let mut kept = String::with_capacity(text.len());
    for c in text.chars() {
        if is_stray_control(c) {
            first.get_or_insert((line, column));
            count += 1;
            continue;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
        kept.push(c);
    }
    (kept, first.map(|(l, c)| (l, c, count)))
}

/// `\r\n` and lone `\r` become `\n`; the text is put in NFC.
pub fn normalize(text: &str) -> String {
    normalize_owned(text.to_string())
}

fn normalize_owned(text: String) -> String {
    let unified = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if surely_nfc(&unified)
        || unicode_normalization::is_nfc_quick(unified.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        unified
    } else {
        unified.nfc().collect()
    }
}

/// Whether every character of `text` is one that NFC leaves as it is
/// whatever surrounds it: below U+0300 (ASCII, Latin-1, Latin Extended) or
/// a precomposed letter of U+1E00–U+1EFF, where Vietnamese letters with
/// tone marks are. Most text is, and this is cheaper to learn than the
/// general check.
fn surely_nfc(text: &str) -> bool {
    // Judged by the bytes: U+0080–U+02FF start with C2–CB, U+1E00–U+1EFF
    // with E1 B8–BB; the bytes that continue them are skipped. Eight bytes
    // at a time where none is CC or above (most of a Vietnamese text).
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const FROM_CC: u64 = 0x3434_3434_3434_3434;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0xFF; 8]));
            // The high bit of each byte that is CC or above.
            let high = ((x & LOW) + FROM_CC) & x & HIGH;
            if high == 0 {
                i += 8;
                continue;
            }
            i += (high.trailing_zeros() / 8) as usize;
        }
        match b[i] {
            0x00..=0xCB => i += 1,
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => i += 3,
            _ => return false,
        }
    }
    true
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    let units = bytes
        .chunks(2)
        .map(|c| unit([c[0], *c.get(1).unwrap_or(&0)]));
    let text = String::from_utf16(&units.collect::<Vec<_>>())
        .map_err(|_| DecodeError::NotUtf8 { line: 1, column: 1 })?;
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok(text)
}

fn not_utf8_at(bytes: &[u8], valid_up_to: usize) -> DecodeError {
    // The prefix is valid UTF-8 by definition of `valid_up_to`.
    let before = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    DecodeError::NotUtf8 {
        line: line as u32,
        column: column as u32,
    }
}

/// A slug from text: Latin letters (Vietnamese, Tày, Nùng, English…) with
/// their diacritics removed, `đ` → `d`, lowercase; letters of other scripts
/// (Khmer, Thai…) kept as they are ([`kept_in_slugs`]); words joined by
/// `-`. Returns an empty string when the text has no letter or digit.
///
/// `"Phòng, chống ma túy"` → `"phong-chong-ma-tuy"`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    let mut letter = |c: char, slug: &mut String| {
        if c.is_ascii_alphanumeric() || kept_in_slugs(c) {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    };
    let table = folded_table();
    let mut folded = String::new();
    for c in text.chars() {
        if c.is_ascii() || kept_in_slugs(c) {
            letter(c, &mut slug);
            continue;
        }
        // Folded as search folds: decomposed, marks dropped, `đ` → `d`,
        // lowercase (what is not ASCII then separates words, as before).
        match table.get(c as usize - 0x80) {
            Some(&Folded::Char(f)) => letter(f, &mut slug),
            Some(Folded::Nothing) => {}
            _ => {
                folded.clear();
                fold_char(c, &mut folded);
                for f in folded.chars() {
                    letter(f, &mut slug);
                }
            }
        }
    }
    slug
}

/// Appends `c` folded. Folding a text in NFC (as loa reads every file)
/// char by char gives what folding it whole gives: its marks are already in
/// canonical order; Latin diacritics are dropped, other marks kept.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match folded_table().get(c as usize - 0x80) {
        Some(&Folded::Char(f)) => out.push(f),
        Some(Folded::Nothing) => {}
        _ => fold_slow(c, out),
    }
}

/// Whether `c` is a diacritic of the Latin script (and of Greek and
/// Cyrillic, which share them): what folding drops. The vowel signs and
/// other marks of scripts such as Khmer or Thai are part of their letters
/// and stay.
pub fn is_latin_diacritic(c: char) -> bool {
    is_combining_mark(c)
        && matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The folding of `c` from its decomposition.
fn fold_slow(c: char, out: &mut String) {
    for d in std::iter::once(c).nfd() {
        if is_latin_diacritic(d) {
            continue;
        }
        let d = if d == 'đ' || d == 'Đ' { 'd' } else { d };
        out.extend(d.to_lowercase());
    }
}

/// How a character below [`TABLE_END`] folds, looked up instead of
/// decomposed: Vietnamese letters are all in that range.
#[derive(Clone, Copy)]
pub(crate) enum Folded {
    Char(char),
    Nothing,
    Slow,
}

const TABLE_END: u32 = 0x1F00;
static FOLDED: std::sync::OnceLock<Vec<Folded>> = std::sync::OnceLock::new();

/// How each character from U+0080 to [`TABLE_END`] folds, by its code
/// point minus 0x80.
pub(crate) fn folded_table() -> &'static [Folded] {
    FOLDED.get_or_init(fold_table)
}

fn fold_table() -> Vec<Folded> {
    (0x80..TABLE_END)
        .map(|n| {
            let Some(c) = char::from_u32(n) else {
                return Folded::Slow;
            };
            let mut s = String::new();
            fold_slow(c, &mut s);
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (None, _) => Folded::Nothing,
                (Some(f), None) => Folded::Char(f),
                _ => Folded::Slow,
            }
        })
        .collect()
}

/// Whether `c` is a letter, digit or mark of a script that is not Latin
/// (Khmer, Thai, Greek, Cyrillic…): slugs keep it as it is, since no
/// folding writes it in ASCII (a browser shows it, and sends it
/// percent-encoded). Latin letters and their diacritics fold to ASCII.
pub fn kept_in_slugs(c: char) -> bool {
    let n = c as u32;
    let latin = n < 0x0370
        || (0x1AB0..=0x1AFF).contains(&n)
        || (0x1D00..=0x1EFF).contains(&n)
        || (0x2000..=0x2BFF).contains(&n)
        || (0x2C60..=0x2C7F).contains(&n)
        || (0x2E00..=0x2E7F).contains(&n)
        || (0x3000..=0x303F).contains(&n)
        || (0xA720..=0xA7FF).contains(&n)
        || (0xAB30..=0xAB6F).contains(&n)
        || (0xFB00..=0xFB06).contains(&n)
        || (0xFE00..=0xFE2F).contains(&n)
        || (0xFF00..=0xFFEF).contains(&n);
    !latin && (c.is_alphanumeric() || is_combining_mark(c))
}

/// A language tag as BCP 47 writes one: a code of 2–3 letters (ISO 639),
/// then subtags of 2–8 letters or digits (`hmn-VN`, `sr-Latn`).
pub fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Longest slug, in bytes: a slug names a folder of the output (and
/// `<slug>.json` files), and file systems hold names up to 255 bytes.
pub const MAX_SLUG_BYTES: usize = 200;

/// True when `text` is already a slug: non-empty lowercase ASCII letters,
/// digits, letters of scripts that are not Latin, and single inner dashes,
/// at most [`MAX_SLUG_BYTES`].
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_SLUG_BYTES
        && text.chars().all(|c| {
            c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || c == '-'
                || (kept_in_slugs(c) && c.to_lowercase().eq(std::iter::once(c)))
        })
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
}

/// `text` with runs of whitespace made one space and none at either end.
pub fn collapse_whitespace(text: &str) -> String {
    if is_collapsed(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `text` has no whitespace but single spaces between words, as
/// [`collapse_whitespace`] leaves it: most text already is, and learning
/// it byte by byte is cheaper than collapsing.
fn is_collapsed(text: &str) -> bool {
    words_and_collapsed(text).1
}

/// Whether `bytes` start with whitespace beyond ASCII, from its bytes.
fn space_beyond_ascii(bytes: &[u8]) -> bool {
    let next = |n: usize| bytes.get(n).copied().unwrap_or(0);
    match next(0) {
        // U+0085, U+00A0
        0xC2 => matches!(next(1), 0x85 | 0xA0),
        // U+1680
        0xE1 => next(1) == 0x9A && next(2) == 0x80,
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
        0xE2 => matches!(
            (next(1), next(2)),
            (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)
        ),
        // U+3000
        0xE3 => next(1) == 0x80 && next(2) == 0x80,
        _ => false,
    }
}

/// Appends `text` to `out` so that `out` stays as [`collapse_whitespace`]
/// would make it of everything appended, but for one space it may end with
/// (see [`push_space`]).
pub fn push_collapsed(out: &mut String, text: &str) {
    if is_collapsed(text) {
        out.push_str(text);
        return;
    }
    if text.starts_with(char::is_whitespace) {
        push_space(out);
    }
    let mut words = text.split_whitespace();
    if let Some(first) = words.next() {
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
        if text.ends_with(char::is_whitespace) {
            out.push(' ');
        }
    }
}

/// Appends a space to text kept by [`push_collapsed`], unless it is empty
/// or ends with one.
pub fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Words in a text, counting each Vietnamese syllable as a word, which is
/// how reading speed is measured for Vietnamese.
pub fn word_count(text: &str) -> usize {
    words_and_collapsed(text).0
}

/// [`word_count`] and whether the text is as [`collapse_whitespace`] leaves
/// it, in one pass: whitespace-separated words that have a letter or digit.
/// A character is decoded only where its bytes cannot tell: a word's first
/// letter beyond ASCII, and the four lead bytes whitespace beyond ASCII
/// starts with. Once a word is counted, the rest of it is skipped eight
/// bytes at a time.
///
/// Speed seam: every Markdown text and spoken block goes through here. A
/// plain pass char by char (the tests' reference) makes the 10,000-article
/// build of bench/run.sh's corpus take 10 % more wall time (13 % more CPU),
/// measured in alternating builds on tmpfs.
pub fn words_and_collapsed(text: &str) -> (usize, bool) {
    let b = text.as_bytes();
    let n = b.len();
    let mut count = 0;
    let mut collapsed = b.first() != Some(&b' ') && b.last() != Some(&b' ');
    let mut after_space = false;
    let mut i = 0;
    while i < n {
        // Between words, or in one without a letter or digit yet.
        let c = b[i];
        if c < 0x80 {
            match c {
                b' ' => {
                    collapsed &= !after_space;
                    after_space = true;
                    i += 1;
                    continue;
                }
                b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => {
                    collapsed = false;
                    i += 1;
                    continue;
                }
                _ => {
                    after_space = false;
                    i += 1;
                    if !c.is_ascii_alphanumeric() {
                        continue;
                    }
                }
            }
        } else {
            after_space = false;
            if matches!(c, 0xC2 | 0xE1..=0xE3) && space_beyond_ascii(&b[i..]) {
                collapsed = false;
                i += if c == 0xC2 { 2 } else { 3 };
                continue;
            }
            let ch = text[i..].chars().next().unwrap_or(' ');
            i += ch.len_utf8();
            if !is_alphanumeric(ch) {
                continue;
            }
        }
        // A word with a letter or digit: counted, the rest skipped to the
        // next byte whitespace may start with.
        count += 1;
        loop {
            while let Some(chunk) = b.get(i..i + 8) {
                let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                let at = first_maybe_space(chunk);
                i += at;
                if at < 8 {
                    break;
                }
            }
            while i < n && !maybe_space(b[i]) {
                i += 1;
            }
            let Some(&c) = b.get(i) else {
                break;
            };
            // One space, then a word starting with an ASCII letter or digit
            // (most words): counted without leaving this loop.
            if c == b' ' && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
                count += 1;
                i += 2;
                continue;
            }
            if matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
                || (c >= 0x80 && space_beyond_ascii(&b[i..]))
            {
                break;
            }
            i += 1;
        }
    }
    (count, collapsed)
}

/// Whether whitespace may start with byte `b` (or it is a control
/// character): those below U+0021, and the lead bytes of U+0085, U+00A0
/// and U+0800–U+3FFF.
fn maybe_space(b: u8) -> bool {
    matches!(b, 0..=0x20 | 0xC2 | 0xE0..=0xE3)
}

/// The index of the first byte of `chunk` (eight bytes, little-endian) for
/// which [`maybe_space`] holds, or 8. Each test is exact up to the first
/// byte it finds, which is all that is read.
fn first_maybe_space(chunk: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Bytes below 0x21.
    let below = chunk.wrapping_sub(ONES * 0x21) & !chunk;
    // Bytes equal to 0xC2, and to 0xE0–0xE3: zero after the XOR.
    let c2 = chunk ^ (ONES * 0xC2);
    let c2 = c2.wrapping_sub(ONES) & !c2;
    let e = (chunk & (ONES * 0xFC)) ^ (ONES * 0xE0);
    let e = e.wrapping_sub(ONES) & !e;
    ((below | c2 | e) & HIGHS).trailing_zeros() as usize / 8
}

/// [`char::is_alphanumeric`], answered without the Unicode tables for the
/// letters Vietnamese is written with (Latin-1, Latin Extended-A and -B, and
/// Latin Extended Additional, where the letters with tone marks are).
pub fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// Cuts `text` to at most `max` characters at a word boundary, adding `…`.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = out.trim_end_matches([',', ';', ':', '.', '-']).to_string();
    format!("{out}…")
}

/// Escapes what HTML needs escaped in text and quoted attributes. Unlike
/// Tera's default it leaves `/` alone, so relative links stay readable.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut rest = input;
    // Copies the runs between special characters whole, found byte by byte.
    // Control characters (ESC, a YAML "\x00"…) are dropped: a page never
    // shows them, and they must not reach a terminal or a parser.
    let special = |b: &u8| {
        matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0x7f)
            || (*b < 0x20 && *b != b'\n' && *b != b'\t')
    };
    while let Some(at) = rest.as_bytes().iter().position(special) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => "",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

/// The link schemes loa makes links of: the web, e-mail and telephone.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Whether `url` may become a link: one of [`LINK_SCHEMES`], or a path on
/// the site (`/bai-viet/`, `@/…`, `#muc`, `anh.png`). Tabs, line breaks and
/// other control characters are ignored as browsers ignore them, so
/// `java\tscript:` is a scheme too.
pub fn link_allowed(url: &str) -> bool {
    let cleaned: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_control() && *c != ' ')
        .collect();
    match cleaned.find(':') {
        Some(colon) if !cleaned[..colon].contains(['/', '?', '#']) => {
            let scheme = cleaned[..colon].to_ascii_lowercase();
            LINK_SCHEMES.contains(&scheme.as_str())
        }
        _ => true,
    }
}

#[cfg(test)]
mod placeholder_tests {
    use super::*;

    /// Tày and Nùng are written in Vietnamese letters: their slugs fold as
    /// Vietnamese does. Scripts that are not Latin keep their letters and
    /// marks (issue 22, point 5).
    #[test]
    fn slugs_in_other_languages() {
        assert_eq!(slugify("Pá pó mì slương"), "pa-po-mi-sluong");
        assert_eq!(slugify("Khửn mà đảy"), "khun-ma-day");
        assert_eq!(
            slugify("Slấc slư Nùng: Hàng rườn"),
            "slac-slu-nung-hang-ruon"
        );
        // Khmer: consonants, vowel signs and the coeng sign stay; its full
        // stop and spaces separate.
        assert_eq!(slugify("ជំនួយផ្លូវច្បាប់។ ឥតគិតថ្លៃ"), "ជំនួយផ្លូវច្បាប់-ឥតគិតថ្លៃ");
        assert_eq!(slugify("Trợ giúp ជំនួយ 2026"), "tro-giup-ជំនួយ-2026");
        assert_eq!(slugify("Ελληνικά Кириллица"), "ελληνικά-кириллица");
        assert!(is_slug("ជំនួយ-ផ្លូវច្បាប់") && is_slug("tro-giup"));
        assert!(!is_slug("trợ-giúp") && !is_slug("Кириллица") && !is_slug("ជំនួយ--x"));
    }

    #[test]
    fn placeholders_are_taken_out() {
        assert_eq!(
            strip_placeholders("Ủy ban nhân dân xã [Cần điền: tên xã]"),
            "Ủy ban nhân dân xã"
        );
        assert_eq!(strip_placeholders("[Cần điền: số điện thoại]"), "");
        assert_eq!(
            strip_placeholders("Gọi [Cần điền: số] hoặc [Cần điền: số khác] nhé"),
            "Gọi hoặc nhé"
        );
        assert_eq!(strip_placeholders("không có"), "không có");
        assert_eq!(strip_placeholders("a [Cần điền không đóng"), "a");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_phone_and_site_links_are_allowed() {
        for ok in [
            "https://moj.gov.vn/",
            "http://a.example/x?y=1#z",
            "mailto:tuphap@example.vn",
            "tel:+84912345678",
            "/bai-viet/",
            "@/bai-viet/a.md",
            "#muc-1",
            "anh/a.png",
            "tim-kiem/?q=a:b",
        ] {
            assert!(link_allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "ftp://a.example/",
        ] {
            assert!(!link_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("Trợ giúp pháp lý"), "Trợ giúp pháp lý");
        assert_eq!(
            escape_html("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape_html("đ&"), "đ&amp;");
    }

    #[test]
    fn text_taken_as_collapsed_is_what_collapsing_gives() {
        let spaces: Vec<char> = (0..0x10000)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert!(spaces.len() > 20);
        for c in spaces {
            let inner = (c != ' ').then(|| format!("a{c}b"));
            for text in [format!("{c}a"), format!("a{c}"), format!("a {c}b")]
                .into_iter()
                .chain(inner)
            {
                assert!(!is_collapsed(&text), "U+{:04X} in {text:?}", c as u32);
                assert_ne!(collapse_whitespace(&text), text);
            }
        }
        for text in [
            "",
            "a",
            "Cai nghiện ma túy – tự nguyện…",
            "a b c",
            "ả\u{1EA0}\u{2010}",
        ] {
            assert!(is_collapsed(text), "{text:?}");
            assert_eq!(collapse_whitespace(text), text);
        }
        for text in ["a  b", " a", "a ", "a\u{a0}b", "Việt\u{3000}Nam"] {
            assert!(!is_collapsed(text), "{text:?}");
        }
    }

    #[test]
    fn text_appended_collapsed_is_the_whole_collapsed() {
        let pieces = [
            "Trợ giúp",
            " ",
            "pháp lý",
            "  miễn\tphí ",
            "",
            "\u{a0}",
            "cho",
            "người",
            " ",
            " dân.",
            "\n\n",
            "Gọi",
            "1900",
        ];
        for n in 0..=pieces.len() {
            for start in 0..n {
                let mut out = String::new();
                for p in &pieces[start..n] {
                    push_collapsed(&mut out, p);
                    if p.is_empty() {
                        push_space(&mut out);
                    }
                }
                let joined: String = pieces[start..n]
                    .iter()
                    .map(|p| if p.is_empty() { " " } else { p })
                    .collect();
                assert_eq!(out.trim_end_matches(' '), collapse_whitespace(&joined));
            }
        }
    }

    #[test]
    fn characters_taken_as_surely_nfc_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        let surely: Vec<char> = (0..0x2000)
            .filter_map(char::from_u32)
            .filter(|c| surely_nfc(&c.to_string()))
            .collect();
        assert!(surely.len() > 0x300);
        // Exactly the characters below U+0300 and in U+1E00–U+1EFF, alone
        // or among others.
        for c in (0..0x11000).filter_map(char::from_u32) {
            let n = c as u32;
            let expected = n < 0x300 || (0x1E00..0x1F00).contains(&n);
            assert_eq!(surely_nfc(&c.to_string()), expected, "U+{n:04X}");
            assert_eq!(surely_nfc(&format!("aệ{c}ế")), expected, "U+{n:04X}");
            // Read eight bytes at a time: at every place in a longer text.
            for before in ["", "a", "ab", "abc", "Ủy", "nhân", "ệ ờ", "dân xã"] {
                let text = format!("{before}{c} Ủy ban nhân dân xã");
                assert_eq!(surely_nfc(&text), expected, "U+{n:04X} after {before:?}");
            }
        }
        for c in surely {
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
        }
        // Decomposed Vietnamese is not taken as NFC, and is composed.
        let nfd: String = "Việt Nam".nfd().collect();
        assert!(!surely_nfc(&nfd));
        assert_eq!(normalize(&nfd), "Việt Nam");
    }

    #[test]
    fn words_are_counted_when_they_have_a_letter_or_digit() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  Trợ giúp\tpháp\u{a0}lý  "), 4);
        assert_eq!(word_count("a – b … 26/6 *"), 3);
        // The same as counting character by character, on every kind of text.
        let slow = |t: &str| {
            t.split(char::is_whitespace)
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        for t in [
            "Cai nghiện\u{3000}ma túy\u{85}tự\u{b}nguyện – 100% (TGPL) “đúng” ½ ٣",
            "\u{2028}x\u{2029}y\u{202f}z\u{205f}",
        ] {
            assert_eq!(word_count(t), slow(t), "{t:?}");
        }
        // Around every character up to U+3100, alone, doubled or after a
        // space: the count and whether the text is collapsed, as judged
        // character by character.
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            for t in [
                format!("a{c}b"),
                format!("{c}"),
                format!("x {c}{c} y"),
                format!("x {c} y"),
                format!("ệ{c}ệ"),
            ] {
                let (count, collapsed) = words_and_collapsed(&t);
                assert_eq!(count, slow(&t), "{t:?}");
                assert_eq!(collapsed, collapse_whitespace(&t) == t, "{t:?}");
            }
        }
        assert_eq!(collapse_whitespace("  a \n\n b\u{a0}c "), "a b c");
        assert_eq!(collapse_whitespace(" \n "), "");
        let every: String = (0..0x3100u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'a', c, c, 'ệ'])
            .collect();
        let reference = every.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(collapse_whitespace(&every), reference);
    }

    #[test]
    fn long_words_are_counted_as_character_by_character() {
        // Words of every length up to 20 bytes made of pieces that are or
        // may look like whitespace, at every offset of the eight-byte steps.
        let slow = |t: &str| {
            t.split(char::is_whitespace)
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        let pieces = [
            "a", "ệ", "đ", "–", "\u{3000}", "\u{a0}", "\u{85}", "\u{2028}", " ", "  ", "\n",
            "\u{1}", "\u{e01}", "\u{2010}", "\u{1680}", "\u{180e}", "9", ".", "ầ", "Ư",
        ];
        let mut seed: u32 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as usize % n
        };
        for _ in 0..20_000 {
            let mut t = "x".repeat(next(9));
            for _ in 0..next(12) {
                let word: String = (0..next(7))
                    .map(|_| ["a", "ệ", "b", "ầ"][next(4)])
                    .collect();
                t.push_str(&word);
                t.push_str(pieces[next(pieces.len())]);
            }
            let (count, collapsed) = words_and_collapsed(&t);
            assert_eq!(count, slow(&t), "{t:?}");
            assert_eq!(collapsed, collapse_whitespace(&t) == t, "{t:?}");
        }
    }

    #[test]
    fn slugs_are_what_decomposing_the_text_gives() {
        // Letters of scripts that are not Latin are kept whole; the rest
        // is decomposed, its marks dropped, `đ` made `d`, and lowercased.
        let reference = |text: &str| -> String {
            let mut slug = String::new();
            let mut dash = false;
            let mut push = |c: char, slug: &mut String| {
                if c.is_ascii_alphanumeric() || kept_in_slugs(c) {
                    if dash && !slug.is_empty() {
                        slug.push('-');
                    }
                    dash = false;
                    slug.extend(c.to_lowercase());
                } else {
                    dash = true;
                }
            };
            for ch in text.chars() {
                if kept_in_slugs(ch) {
                    push(ch, &mut slug);
                    continue;
                }
                for c in std::iter::once(ch).nfd() {
                    match c {
                        'đ' | 'Đ' => push('d', &mut slug),
                        c if is_latin_diacritic(c) => {}
                        c => {
                            for l in c.to_lowercase() {
                                push(l, &mut slug);
                            }
                        }
                    }
                }
            }
            slug
        };
        for c in (0x20..0x11000u32).filter_map(char::from_u32) {
            for t in [format!("a{c}b"), format!("{c}"), format!("Ệ {c}{c}x")] {
                assert_eq!(slugify(&t), reference(&t), "{t:?}");
                let nfd: String = t.nfd().collect();
                assert_eq!(slugify(&nfd), reference(&nfd), "{nfd:?}");
            }
        }
    }

    #[test]
    fn letters_are_told_as_the_unicode_tables_tell_them() {
        for c in (0..0x11000).filter_map(char::from_u32) {
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[track_caller]
    fn check_slug(text: &str, expected: &str) {
        assert_eq!(slugify(text), expected, "slug of {text:?}");
    }

    #[test]
    fn slugs_drop_diacritics_and_map_d_with_stroke() {
        check_slug("Phòng, chống ma túy", "phong-chong-ma-tuy");
        check_slug("Đường dây nóng", "duong-day-nong");
        check_slug("ĐỒNG HỒ Đỏ", "dong-ho-do");
        check_slug("Trợ giúp pháp lý miễn phí", "tro-giup-phap-ly-mien-phi");
        check_slug("Ưu tiên ở Hải Phòng", "uu-tien-o-hai-phong");
        check_slug("  Kế hoạch số 73/KH-UBND  ", "ke-hoach-so-73-kh-ubnd");
        check_slug("--", "");
    }

    #[test]
    fn slugs_are_the_same_for_decomposed_input() {
        let nfd: String = "Cai nghiện ma túy".nfd().collect();
        assert_ne!(nfd, "Cai nghiện ma túy");
        check_slug(&nfd, "cai-nghien-ma-tuy");
    }

    #[test]
    fn decode_strips_bom_and_crlf_and_composes() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        let nfd: String = "ma túy\r\nđúng".nfd().collect();
        bytes.extend(nfd.as_bytes());
        assert_eq!(decode(&bytes).unwrap(), "ma túy\nđúng");
    }

    #[test]
    fn decode_accepts_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Xã Thanh Miện".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), "Xã Thanh Miện");
    }

    #[test]
    fn decode_rejects_legacy_encoding_with_position() {
        // "Thanh Miện" in TCVN3 (ABC): "MiÖn" with 0xD6 for "ệ".
        let bytes = b"title: x\nThanh Mi\xD6n\n";
        assert_eq!(
            decode(bytes),
            Err(DecodeError::NotUtf8 { line: 2, column: 9 })
        );
    }

    #[test]
    fn decode_rejects_binary() {
        assert_eq!(decode(b"abc\0def"), Err(DecodeError::Binary));
    }

    #[test]
    fn is_slug_accepts_only_clean_slugs() {
        assert!(is_slug("tro-giup-phap-ly"));
        assert!(!is_slug("../etc"));
        assert!(!is_slug("Hoa"));
        assert!(!is_slug(""));
        assert!(!is_slug("a--b"));
    }

    #[test]
    fn truncate_cuts_at_word_boundary() {
        assert_eq!(truncate_words("một hai ba bốn", 8), "một hai…");
        assert_eq!(truncate_words("ngắn", 8), "ngắn");
    }
}
