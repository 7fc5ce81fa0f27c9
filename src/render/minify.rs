//! Minifying pages with minify-html, doing as little of it as possible on a
//! large site:
//! - HTML that loa writes compact itself (an article's body, its QR code)
//!   goes into the template as a *slot* and is put in after the rest is
//!   minified;
//! - parts of a page that templates mark as *reusable* (the site header
//!   and footer, an article's card) are minified once per distinct text and
//!   put in the same way: the same footer on ten thousand pages is
//!   minified once.
//!
//! A reusable part is written between `<!--loa:reuse-->` and
//! `<!--/loa:reuse-->`. It must be whole elements, in a place where
//! whitespace between elements does not show (directly in `head`, `body`,
//! `main`, `header`, `div`, `ul`, … not inside a paragraph or `pre`), and
//! end with an element whose end tag is never left out (not `p` or `li`):
//! it is minified on its own, as if nothing were around it. Without
//! minification the markers are only removed.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

/// Slots for HTML that is put into a page after minification.
pub const BODY_SLOT: &str = "<loa-body></loa-body>";
pub const QR_SLOT: &str = "<loa-qr></loa-qr>";

/// Where a reusable part of a template starts and ends.
pub const REUSE_START: &str = "<!--loa:reuse-->";
pub const REUSE_END: &str = "<!--/loa:reuse-->";

/// A reusable part's text → the part minified.
type Reused = FxHashMap<Box<[u8]>, Arc<[u8]>>;

/// Minifies pages, remembering the reusable parts it has minified.
#[derive(Default)]
pub struct Minifier {
    reused: Mutex<Reused>,
}

impl Minifier {
    /// Minifies `page` and fills its `slots`; `None` unless each slot is in
    /// the page exactly once (a theme escaped or filtered the slot).
    pub fn page(&self, page: &[u8], slots: &[(&str, &str)]) -> Option<Vec<u8>> {
        let slots: Vec<(&str, &[u8])> = slots
            .iter()
            .map(|(slot, html)| (*slot, html.as_bytes()))
            .collect();
        if let Some((rest, parts)) = self.reusable(page, &slots) {
            if let Some(out) = minify_with_slots(&rest, &slots) {
                if let Some(out) = fill_parts(&out, &parts) {
                    return Some(out);
                }
            }
        }
        minify_with_slots(page, &slots)
    }

    /// The page with each reusable part replaced by a stand-in, and the
    /// parts minified. `None` when the page has no such part, or its
    /// markers are unpaired or nested.
    ///
    /// A stand-in is an empty element with the part's first tag name
    /// (`<article data-loa-r0></article>`), so that minifying the page
    /// decides what it decides about the part's neighbours (whether the
    /// paragraph before it needs its end tag) as with the part itself.
    fn reusable(&self, page: &[u8], slots: &[(&str, &[u8])]) -> Option<(Vec<u8>, Vec<Part>)> {
        // Where each part is, all markers checked before anything is minified.
        let mut spans = Vec::new();
        let mut from = 0;
        while let Some(at) = memchr::memmem::find(&page[from..], REUSE_START.as_bytes()) {
            let inner = from + at + REUSE_START.len();
            let len = memchr::memmem::find(&page[inner..], REUSE_END.as_bytes())?;
            if contains(&page[from..from + at], REUSE_END)
                || contains(&page[inner..inner + len], REUSE_START)
            {
                return None;
            }
            spans.push((from + at, inner..inner + len));
            from = inner + len + REUSE_END.len();
        }
        if spans.is_empty() || contains(&page[from..], REUSE_END) {
            return None;
        }
        let mut rest = Vec::with_capacity(page.len());
        let mut parts = Vec::new();
        let mut from = 0;
        for (at, inner) in spans {
            let part = &page[inner.clone()];
            rest.extend_from_slice(&page[from..at]);
            match first_tag(part) {
                // A slot inside is filled with the page.
                Some(tag) if !slots.iter().any(|(slot, _)| contains(part, slot)) => {
                    let n = parts.len();
                    let void = VOID.contains(&tag.as_str());
                    let stand_in = if void {
                        format!("<{tag} data-loa-r{n}>")
                    } else {
                        format!("<{tag} data-loa-r{n}></{tag}>")
                    };
                    rest.extend_from_slice(stand_in.as_bytes());
                    parts.push(Part {
                        tag,
                        void,
                        html: self.minified(part),
                    });
                }
                _ => rest.extend_from_slice(part),
            }
            from = inner.end + REUSE_END.len();
        }
        rest.extend_from_slice(&page[from..]);
        Some((rest, parts))
    }

    fn minified(&self, part: &[u8]) -> Arc<[u8]> {
        let known = self.reused.lock().ok().and_then(|m| m.get(part).cloned());
        if let Some(html) = known {
            return html;
        }
        let html: Arc<[u8]> = minify(part).into();
        if let Ok(mut m) = self.reused.lock() {
            m.insert(part.into(), html.clone());
        }
        html
    }
}

/// A reusable part of a page, minified.
struct Part {
    /// Its first element's tag name, lowercase.
    tag: String,
    void: bool,
    html: Arc<[u8]>,
}

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The name of the element `part` starts with, lowercase; `None` if it
/// starts with text or a comment.
fn first_tag(part: &[u8]) -> Option<String> {
    let start = part.iter().position(|b| !b.is_ascii_whitespace())?;
    let name: Vec<u8> = part[start..]
        .strip_prefix(b"<")?
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .map(u8::to_ascii_lowercase)
        .collect();
    (name.first()?.is_ascii_alphabetic())
        .then(|| String::from_utf8(name).ok())
        .flatten()
}

/// Puts the minified parts in place of their stand-ins in the minified
/// page; `None` unless each stand-in is found once, as minifying leaves it.
fn fill_parts(page: &[u8], parts: &[Part]) -> Option<Vec<u8>> {
    if memchr::memmem::find_iter(page, b" data-loa-r").count() != parts.len() {
        return None;
    }
    let extra: usize = parts.iter().map(|p| p.html.len()).sum();
    let mut out = Vec::with_capacity(page.len() + extra);
    let mut from = 0;
    for (n, part) in parts.iter().enumerate() {
        let stand_in = format!("<{} data-loa-r{n}>", part.tag);
        let at = from + memchr::memmem::find(&page[from..], stand_in.as_bytes())?;
        let mut end = at + stand_in.len();
        if !part.void {
            let close = format!("</{}>", part.tag);
            if page[end..].starts_with(close.as_bytes()) {
                end += close.len();
            }
        }
        out.extend_from_slice(&page[from..at]);
        out.extend_from_slice(&part.html);
        from = end;
    }
    out.extend_from_slice(&page[from..]);
    Some(out)
}

fn contains(bytes: &[u8], what: &str) -> bool {
    memchr::memmem::find(bytes, what.as_bytes()).is_some()
}

/// The page without the markers of reusable parts, for output that is not
/// minified.
pub fn without_markers(page: Vec<u8>) -> Vec<u8> {
    if !contains(&page, REUSE_START) && !contains(&page, REUSE_END) {
        return page;
    }
    let mut out = Vec::with_capacity(page.len());
    let mut rest = &page[..];
    while let Some((i, marker)) = [REUSE_START, REUSE_END]
        .iter()
        .filter_map(|m| memchr::memmem::find(rest, m.as_bytes()).map(|i| (i, m)))
        .min()
    {
        out.extend_from_slice(&rest[..i]);
        rest = &rest[i + marker.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// Minifies `page` and fills its slots; `None` unless each slot is in the
/// page exactly once. A slot that minification moved or changed is filled
/// before minifying instead, so the result is always a minified page.
fn minify_with_slots(page: &[u8], slots: &[(&str, &[u8])]) -> Option<Vec<u8>> {
    if slots.is_empty() {
        return Some(minify(page));
    }
    let once =
        |bytes: &[u8], slot: &str| memchr::memmem::find_iter(bytes, slot.as_bytes()).count() == 1;
    if !slots.iter().all(|(slot, _)| once(page, slot)) {
        return None;
    }
    let fill = |bytes: &[u8]| {
        let mut at: Vec<(usize, &str, &[u8])> = slots
            .iter()
            .filter_map(|(slot, html)| {
                memchr::memmem::find(bytes, slot.as_bytes()).map(|i| (i, *slot, *html))
            })
            .collect();
        at.sort_unstable_by_key(|(i, _, _)| *i);
        let extra: usize = slots.iter().map(|(_, html)| html.len()).sum();
        let mut out = Vec::with_capacity(bytes.len() + extra);
        let mut from = 0;
        for (i, slot, html) in at {
            out.extend_from_slice(&bytes[from..i]);
            out.extend_from_slice(html);
            from = i + slot.len();
        }
        out.extend_from_slice(&bytes[from..]);
        out
    };
    let minified = minify(page);
    if slots.iter().all(|(slot, _)| once(&minified, slot)) {
        Some(fill(&minified))
    } else {
        Some(minify(&fill(page)))
    }
}

/// Minifies one HTML page. Output stays valid HTML: minify-html's
/// standards-compliant mode is used.
pub fn minify(html: &[u8]) -> Vec<u8> {
    minify_html::minify(html, &page_cfg())
}

/// How pages are minified.
fn page_cfg() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg
}

/// A template minified once, when the theme is compiled, so that the pages
/// rendered from it need no minification: `None` when that cannot surely
/// give a page that minifies to what the page minified whole would.
///
/// Tera's tags are put aside while minify-html reads the template: a
/// `{{ … }}` becomes text (written so that an attribute value holding it
/// stays quoted), a `{% … %}` between elements a comment (kept, and taken
/// into account where whitespace and end tags are decided), a start tag
/// with a tag between its attributes an empty stand-in element with the
/// same name, restored as written; `{# … #}` and HTML comments go. End
/// tags are all kept, as what a `{% … %}` adds around them is unknown.
/// Refused: `raw` blocks, tags inside comments, `script` or `style`, a tag
/// name written with a tag, and any result that does not give back every
/// tag once and the `{% … %}` in their order.
pub fn template(text: &str) -> Option<String> {
    if text.contains(['\u{E000}', '\u{E001}', '\u{E002}', KEPT_SPACE]) {
        return None;
    }
    let (html, saved) = set_aside(text)?;
    let html = keep_spaces_by_blocks(&html);
    let mut cfg = page_cfg();
    cfg.keep_closing_tags = true;
    cfg.keep_comments = true;
    let minified = String::from_utf8(minify_html::minify(html.as_bytes(), &cfg))
        .ok()?
        .replace(KEPT_SPACE, " ");
    put_back(&minified, &saved, text)
}

/// What [`template`] puts aside: each stand-in and the text it stands for.
type Saved<'a> = Vec<(String, &'a str)>;

/// The template as HTML that minify-html can read, Tera's tags and the start
/// tags holding them replaced by stand-ins; `None` for what cannot be.
fn set_aside(text: &str) -> Option<(String, Saved<'_>)> {
    let mut html = String::with_capacity(text.len());
    // (stand-in, original) for each thing put aside, in order.
    let mut saved: Vec<(String, &str)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if let Some(len) = tera_tag_len(rest) {
            let tag = &rest[..len];
            i += len;
            let n = saved.len();
            if tag.starts_with("{#") {
                continue;
            } else if tag.starts_with("{{") {
                let stand_in = format!("\u{E000}{n} \u{E001}");
                html.push_str(&stand_in);
                saved.push((stand_in, tag));
            } else {
                let inside =
                    tag[2..tag.len() - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
                if inside == "raw" {
                    return None;
                }
                let stand_in = format!("<!--\u{E002}{n}-->");
                html.push_str(&stand_in);
                saved.push((stand_in, tag));
            }
        } else if rest.starts_with("<!--") {
            let len = rest.find("-->").map(|e| e + 3)?;
            if has_tera(&rest[..len]) {
                return None;
            }
            i += len;
        } else if rest.starts_with('<') && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            let name: String = rest[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
                .to_ascii_lowercase();
            if rest[1 + name.len()..].starts_with('{') {
                return None;
            }
            let (len, outside) = start_tag_len(rest)?;
            let tag = &rest[..len];
            i += len;
            if outside {
                let n = saved.len();
                let stand_in = format!("<{name} data-loa-t{n}>");
                html.push_str(&stand_in);
                saved.push((stand_in, tag));
            } else {
                // Tags only inside quoted values: each becomes quoted text.
                let mut from = 0;
                while let Some(at) = tag[from..].find('{').map(|a| a + from) {
                    html.push_str(&tag[from..at]);
                    match tera_tag_len(&tag[at..]) {
                        Some(len) => {
                            let n = saved.len();
                            let stand_in = format!("\u{E000}{n} \u{E001}");
                            html.push_str(&stand_in);
                            saved.push((stand_in, &tag[at..at + len]));
                            from = at + len;
                        }
                        None => {
                            html.push('{');
                            from = at + 1;
                        }
                    }
                }
                html.push_str(&tag[from..]);
            }
            if name == "script" || name == "style" {
                let close = format!("</{name}");
                let end = rest[len..].to_ascii_lowercase().find(&close)?;
                let content = &rest[len..len + end];
                if has_tera(content) {
                    return None;
                }
                html.push_str(content);
                i += end;
            }
        } else if rest.starts_with("</") {
            let len = rest.find('>')? + 1;
            if has_tera(&rest[..len]) {
                return None;
            }
            html.push_str(&rest[..len]);
            i += len;
        } else {
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let next = rest[first..]
                .find(['{', '<'])
                .map_or(rest.len(), |n| n + first);
            html.push_str(&rest[..next]);
            i += next;
        }
    }
    Some((html, saved))
}

/// `minified` with everything put aside given back, where minify-html left
/// it; `None` unless each stand-in is there once and the `{% … %}` of
/// `text` come back in their order.
fn put_back(minified: &str, saved: &Saved, text: &str) -> Option<String> {
    let mut found: Vec<(usize, usize)> = Vec::with_capacity(saved.len());
    for (n, (stand_in, _)) in saved.iter().enumerate() {
        let mut at = minified.match_indices(stand_in.as_str());
        let (first, _) = at.next()?;
        if at.next().is_some() {
            return None;
        }
        found.push((first, n));
    }
    found.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, n) in found {
        let (stand_in, original) = &saved[n];
        out.push_str(&minified[from..at]);
        out.push_str(original);
        from = at + stand_in.len();
    }
    out.push_str(&minified[from..]);
    let blocks = |t: &str| -> Vec<String> {
        let mut tags = Vec::new();
        let mut rest = t;
        while let Some(at) = rest.find("{%") {
            let len = tera_tag_len(&rest[at..]).unwrap_or(2);
            tags.push(rest[at..at + len].to_string());
            rest = &rest[at + len..];
        }
        tags
    };
    if out.contains(['\u{E000}', '\u{E001}', '\u{E002}'])
        || out.contains("data-loa-t")
        || blocks(&out) != blocks(text)
    {
        return None;
    }
    Some(out)
}

/// Stands for a space minify-html must keep.
const KEPT_SPACE: char = '\u{E003}';

/// The template text with the whitespace between text and a `{% … %}`
/// stand-in made a kept space: minify-html would see it at the end or the
/// start of an element's text (`, {% endif %}{% endfor %}</p>`) and drop it,
/// where the rendered page has more text after it.
fn keep_spaces_by_blocks(html: &str) -> String {
    const BLOCK: &str = "<!--\u{E002}";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Whether what came just before `rest` is a `{% … %}` stand-in.
    let mut after_block = false;
    // Inside `pre` or `textarea`, where minify-html keeps whitespace as it is.
    let mut kept_as_written = 0usize;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let len = if rest.starts_with("<!--") {
                rest.find("-->").map_or(rest.len(), |e| e + 3)
            } else {
                rest.find('>').map_or(rest.len(), |e| e + 1)
            };
            let tag = rest[..len].to_ascii_lowercase();
            let names = |prefix: &str| {
                ["pre", "textarea"].iter().any(|name| {
                    tag.strip_prefix(prefix)
                        .and_then(|t| t.strip_prefix(name))
                        .is_some_and(|t| {
                            t.starts_with(|c: char| c == '>' || c.is_ascii_whitespace())
                        })
                })
            };
            if names("</") {
                kept_as_written = kept_as_written.saturating_sub(1);
            } else if names("<") {
                kept_as_written += 1;
            }
            after_block = rest.starts_with(BLOCK);
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        let len = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..len];
        rest = &rest[len..];
        let words = text.trim_matches(|c: char| c.is_ascii_whitespace());
        if words.is_empty() || kept_as_written > 0 {
            out.push_str(text);
            continue;
        }
        let lead = text.len()
            - text
                .trim_start_matches(|c: char| c.is_ascii_whitespace())
                .len();
        let trail = text.len()
            - text
                .trim_end_matches(|c: char| c.is_ascii_whitespace())
                .len();
        if lead > 0 {
            if after_block {
                out.push(KEPT_SPACE);
            } else {
                out.push_str(&text[..lead]);
            }
        }
        out.push_str(words);
        if trail > 0 {
            if rest.starts_with(BLOCK) {
                out.push(KEPT_SPACE);
            } else {
                out.push_str(&text[text.len() - trail..]);
            }
        }
        after_block = false;
    }
    out
}

/// The length of the Tera tag `text` starts with (`{{ … }}`, `{% … %}`,
/// `{# … #}`), strings inside it skipped; `None` when it starts with none.
fn tera_tag_len(text: &str) -> Option<usize> {
    let close = match text.as_bytes() {
        [b'{', b'{', ..] => b'}',
        [b'{', b'%', ..] => b'%',
        [b'{', b'#', ..] => b'#',
        _ => return None,
    };
    let bytes = text.as_bytes();
    let mut i = 2;
    let mut quote = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if close != b'#' && matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if b == close && bytes.get(i + 1) == Some(&b'}') => return Some(i + 2),
            None => {}
        }
        i += 1;
    }
    None
}

fn has_tera(text: &str) -> bool {
    text.contains("{{") || text.contains("{%") || text.contains("{#")
}

/// The length of the start tag `text` starts with, and whether a Tera tag
/// stands outside its quoted attribute values.
fn start_tag_len(text: &str) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = 1;
    let mut quote = None;
    let mut outside = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'{' {
            if let Some(len) = tera_tag_len(&text[i..]) {
                outside |= quote.is_none();
                i += len;
                continue;
            }
        }
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'') => quote = Some(b),
            None if b == b'>' => return Some((i + 1, outside)),
            None => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str, slots: &[(&str, &str)]) -> Option<String> {
        Minifier::default()
            .page(html.as_bytes(), slots)
            .map(|b| String::from_utf8(b).unwrap())
    }

    #[test]
    fn slots_are_filled_after_minifying_the_rest() {
        let html = format!("<!DOCTYPE html><html><head><title>x</title></head><body><div class=\"prose\">\n{BODY_SLOT}\n  </div></body></html>");
        let out = page(
            &html,
            &[(BODY_SLOT, "<p class=\"a\">Một</p>\n<pre>  b\n</pre>\n")],
        )
        .unwrap();
        // The template's part is minified, the slot's HTML is put in as it is.
        assert!(
            out.contains("<div class=prose><p class=\"a\">Một</p>\n<pre>  b\n</pre>\n</div>"),
            "{out}"
        );
        assert!(!out.contains("loa-body"));
    }

    #[test]
    fn a_slot_the_theme_escaped_or_repeated_is_refused() {
        let escaped = "<body><p>&lt;loa-body&gt;&lt;/loa-body&gt;</p></body>";
        assert!(page(escaped, &[(BODY_SLOT, "<p>x</p>")]).is_none());
        let twice = format!("<body>{BODY_SLOT}{BODY_SLOT}</body>");
        assert!(page(&twice, &[(BODY_SLOT, "<p>x</p>")]).is_none());
    }

    const FOOTER: &str =
        "<footer class=\"f\">\n  <p class=\"x\">Ủy ban nhân dân</p>\n  <p>Địa chỉ</p>\n</footer>";

    #[test]
    fn reusable_parts_give_what_minifying_the_whole_page_gives() {
        let html = format!(
            "<!DOCTYPE html><html lang=\"vi\"><head><title>x</title></head><body>\n<a class=\"skip\" href=\"#m\">Bỏ qua</a>\n{REUSE_START}<header class=\"h\">\n  <p class=\"brand\"><a href=\"../\">Xã</a></p>\n</header>{REUSE_END}\n<main id=\"m\">\n<ul>\n{REUSE_START}<li><a href=\"a/\">A</a></li>{REUSE_END}\n{REUSE_START}<li><a href=\"b/\">B</a></li>{REUSE_END}\n</ul>\n<p>Đoạn   văn</p>\n</main>\n{REUSE_START}{FOOTER}{REUSE_END}\n</body></html>"
        );
        let whole = String::from_utf8(minify(html.as_bytes())).unwrap();
        assert!(!whole.contains("loa:reuse"), "{whole}");
        let minifier = Minifier::default();
        let out = String::from_utf8(minifier.page(html.as_bytes(), &[]).unwrap()).unwrap();
        assert_eq!(out, whole);
        // Each distinct part was minified once and is remembered.
        assert_eq!(minifier.reused.lock().unwrap().len(), 4);
        let again = String::from_utf8(minifier.page(html.as_bytes(), &[]).unwrap()).unwrap();
        assert_eq!(again, whole);
        assert_eq!(minifier.reused.lock().unwrap().len(), 4);
    }

    #[test]
    fn unpaired_or_nested_markers_are_minified_as_a_whole() {
        for html in [
            format!("<body>{REUSE_START}<p>a</p></body>"),
            format!("<body><p>a</p>{REUSE_END}</body>"),
            format!(
                "<body>{REUSE_START}<div>{REUSE_START}<p>a</p>{REUSE_END}</div>{REUSE_END}</body>"
            ),
            format!("<body>{REUSE_START}<p>a</p>{REUSE_END}<p>b</p>{REUSE_END}</body>"),
        ] {
            let minifier = Minifier::default();
            let out = String::from_utf8(minifier.page(html.as_bytes(), &[]).unwrap()).unwrap();
            assert_eq!(out, String::from_utf8(minify(html.as_bytes())).unwrap());
            assert!(!out.contains("loa"), "{out}");
            assert!(minifier.reused.lock().unwrap().is_empty());
        }
    }

    #[test]
    fn a_slot_inside_a_reusable_part_is_filled_with_the_page() {
        let html =
            format!("<body>{REUSE_START}<div class=\"a\">{BODY_SLOT}</div>{REUSE_END}</body>");
        let out = page(&html, &[(BODY_SLOT, "<p>Một  hai</p>")]).unwrap();
        assert!(out.contains("<div class=a><p>Một  hai</p></div>"), "{out}");
    }

    #[test]
    fn markers_are_removed_from_pages_left_unminified() {
        let html = format!("<body>\n{REUSE_START}{FOOTER}{REUSE_END}\n</body>");
        let out = String::from_utf8(without_markers(html.into_bytes())).unwrap();
        assert_eq!(out, format!("<body>\n{FOOTER}\n</body>"));
        let plain = b"<body><p>x</p></body>".to_vec();
        assert_eq!(without_markers(plain.clone()), plain);
    }

    /// Renders `template` as written and as minified ahead with each of
    /// `contexts`: the page from the minified template must be what
    /// minifying the page whole gives (both minified again keeping end
    /// tags, which the minified template keeps).
    fn renders_the_same(template: &str, contexts: &[serde_json::Value]) -> String {
        let minified = super::template(template).expect("minified ahead");
        let mut cfg = minify_html::Cfg::new();
        cfg.minify_css = true;
        cfg.minify_js = true;
        cfg.keep_closing_tags = true;
        cfg.keep_html_and_head_opening_tags = true;
        let again =
            |html: &str| String::from_utf8(minify_html::minify(html.as_bytes(), &cfg)).unwrap();
        for context in contexts {
            let context = tera::Context::from_value(context.clone()).unwrap();
            let render = |text: &str| {
                let mut tera = tera::Tera::default();
                tera.autoescape_on(vec![".html"]);
                tera.add_raw_template("t.html", text).unwrap();
                tera.render("t.html", &context).unwrap()
            };
            let (whole, ahead) = (render(template), render(&minified));
            assert_eq!(
                again(&ahead),
                again(&whole),
                "\n{minified}\n{whole}\n{ahead}"
            );
            assert!(ahead.len() <= whole.len(), "{ahead}");
        }
        minified
    }

    #[test]
    fn a_template_minified_ahead_renders_what_minifying_the_page_gives() {
        let template = r#"<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
  <meta charset="utf-8">
  {# a Tera comment #}
  <!-- an HTML comment -->
  <title>{{ title }} – Xã Mẫu</title>
</head>
<body class="kind-{{ kind }}">
  <ul class="menu">
    {% for item in menu %}<li><a href="{{ item.url }}"{% if item.current %} aria-current="page"{% endif %}>{{ item.label }}</a></li>{% endfor %}
  </ul>
  <article>
    <header>
      <h1>{{ title }}</h1>
      <p class="meta">
        Đăng {{ date }}
        {% if author %} · Tác giả: {{ author }}{% endif %}
        · Đọc {{ minutes }} phút
      </p>
    </header>
    {% if lead %}<p class="lead">{{ lead }}</p>{% endif %}
    <p>Thẻ: {% for t in tags %}<a href="{{ t }}/">{{ t }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</p>
    <pre>  giữ   nguyên
  {{ title }}</pre>
    {{ body | safe }}
  </article>
  <p>{% if a %}một{% endif %} {% if b %}hai{% endif %}</p>
  {%- if footer %}
  <footer>{{ footer }}</footer>
  {%- endif %}
</body>
</html>
"#;
        let full = serde_json::json!({
            "lang": "vi", "title": "Trợ giúp \"pháp lý\" <miễn phí>", "kind": "article",
            "menu": [{"url": "../", "label": "Trang chủ", "current": false},
                     {"url": "../bai-viet/", "label": "Bài viết", "current": true}],
            "date": "24/8/2022", "author": "Tư pháp", "minutes": 4, "lead": "Dẫn",
            "tags": ["a", "b b", "c"], "body": "<p>Thân\nbài</p>\n<ul>\n<li>x</li>\n</ul>",
            "a": true, "b": true, "footer": "UBND xã",
        });
        let bare = serde_json::json!({
            "lang": "vi", "title": "T", "kind": "page", "menu": [], "date": "1/1/2026",
            "author": "", "minutes": 1, "lead": "", "tags": ["x"], "body": "",
            "a": false, "b": true, "footer": "",
        });
        let minified = renders_the_same(template, &[full, bare]);
        assert!(!minified.contains("HTML comment") && !minified.contains("Tera comment"));
        // A value in an attribute stays quoted, whatever it holds.
        assert!(minified.contains(r#"href="{{ item.url }}""#), "{minified}");
        // The start tag with a block among its attributes is kept as written.
        assert!(minified.contains(
            r#"<a href="{{ item.url }}"{% if item.current %} aria-current="page"{% endif %}>"#
        ));
        assert!(
            minified.contains("<pre>  giữ   nguyên\n  {{ title }}</pre>"),
            "{minified}"
        );
    }

    #[test]
    fn the_space_before_a_block_that_ends_the_text_is_kept() {
        let template = "<p>Thẻ: {% for t in tags %}<a>{{ t }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</p>";
        let minified = renders_the_same(template, &[serde_json::json!({"tags": ["a", "b"]})]);
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t", &minified).unwrap();
        let context = tera::Context::from_value(serde_json::json!({"tags": ["a", "b"]})).unwrap();
        assert_eq!(
            tera.render("t", &context).unwrap(),
            "<p>Thẻ: <a>a</a>, <a>b</a></p>"
        );
    }

    #[test]
    fn whitespace_in_pre_and_textarea_stays_as_written() {
        let template = "<pre>{% for l in lines %}{{ l }}\n  {% endfor %}</pre>\n<textarea>{% if a %} x\n{% endif %}</textarea>";
        let context = serde_json::json!({"lines": ["a", "b"], "a": true});
        let minified = renders_the_same(template, &[context]);
        assert!(minified.contains("{{ l }}\n  {% endfor %}"), "{minified}");
        // A style attribute, minified as CSS, and an unquoted value.
        let template = "<div style=\"width: {{ w }}%; color: red\"><a href={{ u }}>x</a></div>";
        let context = serde_json::json!({"w": 50, "u": "../a/"});
        renders_the_same(template, &[context]);
        assert!(minified.contains("{% if a %} x\n{% endif %}"), "{minified}");
    }

    #[test]
    fn templates_minify_html_cannot_read_around_tera_are_left_alone() {
        for template in [
            "<p>{% raw %}{{ x }}{% endraw %}</p>",
            "<script>var x = {{ x | json_encode }};</script>",
            "<style>p { color: {{ c }} }</style>",
            "<!-- {{ x }} --><p>y</p>",
            "<h{{ level }}>x</h{{ level }}>",
            "<p>x</p{{ y }}>",
            "<p>\u{E000}</p>",
            "<p class=\"x\"",
        ] {
            assert_eq!(super::template(template), None, "{template}");
        }
    }
}
