//! The last check on links: every `href` and `src` of every page the build
//! writes, resolved against the page, must name a file the build writes or
//! a static file. Links are checked where they are written too (`@/` links,
//! images, menus); this catches every kind that escapes those checks —
//! a Markdown link to a page that does not exist, raw HTML, a theme's own.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use super::Sink;
use crate::model::OutputPath;

/// A [`Sink`] that passes every file on and remembers where each page's
/// internal links lead: each target once, with the first page that links it
/// and the link as written there.
pub struct LinkCheck<'a> {
    inner: &'a dyn Sink,
    /// The site's path on its host ("/portal/"): a link from the site root
    /// (the not-found page's) starts with it.
    base_path: String,
    targets: Mutex<HashMap<String, (String, String)>>,
}

impl<'a> LinkCheck<'a> {
    /// Wraps `inner`, for a site at `base_path` on its host.
    pub fn new(inner: &'a dyn Sink, base_path: &str) -> LinkCheck<'a> {
        LinkCheck {
            inner,
            base_path: base_path.to_string(),
            targets: Mutex::new(HashMap::new()),
        }
    }

    /// Every target no file answers: (target, page that links it, link as
    /// written), in target order. `exists` says whether the build writes a
    /// file at a path.
    pub fn broken(self, exists: impl Fn(&str) -> bool) -> Vec<(String, String, String)> {
        let targets = self.targets.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<(String, String, String)> = targets
            .into_iter()
            .filter(|(target, _)| {
                !(exists(target)
                    || exists(&format!("{target}/index.html"))
                    || target.is_empty() && exists("index.html"))
            })
            .map(|(target, (page, written))| (target, page, written))
            .collect();
        out.sort();
        out
    }
}

impl Sink for LinkCheck<'_> {
    fn put(&self, path: &OutputPath, bytes: &[u8]) {
        self.inner.put(path, bytes);
        if !path.as_str().ends_with(".html") {
            return;
        }
        let page = path.as_str();
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        let depth = if dir.is_empty() {
            0
        } else {
            dir.split('/').count()
        };
        let mut found: Vec<(String, &str)> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for link in attribute_values(bytes).filter(|l| seen.insert(l)) {
            // "/portal/bai-viet/" from the site root is "bai-viet/".
            let link_in_site = match link.strip_prefix(self.base_path.as_str()) {
                Some(rest) if self.base_path.len() > 1 && link.starts_with('/') => rest,
                _ => link,
            };
            let in_site_root = link_in_site.len() != link.len();
            let resolved = if in_site_root {
                resolve("", 0, link_in_site)
            } else {
                resolve(dir, depth, link)
            };
            if let Some(target) = resolved {
                found.push((target, link));
            }
        }
        if found.is_empty() {
            return;
        }
        let Ok(mut targets) = self.targets.lock() else {
            return;
        };
        for (target, link) in found {
            targets
                .entry(target)
                .or_insert_with(|| (page.to_string(), link.to_string()));
        }
    }
}

/// The values of the `href` and `src` attributes in `html`, quoted or not
/// (the minifier drops quotes where it can), in order. Found with two SIMD
/// searches for `href=` and `src=` rather than a look at every `=`.
fn attribute_values(bytes: &[u8]) -> impl Iterator<Item = &str> {
    let mut at: Vec<(usize, usize)> = memchr::memmem::find_iter(bytes, b"href=")
        .map(|i| (i, 4))
        .chain(memchr::memmem::find_iter(bytes, b"src=").map(|i| (i, 3)))
        .collect();
    at.sort_unstable();
    at.into_iter().filter_map(move |(name_start, name_len)| {
        // Only inside a tag: a space before the name, the last bracket
        // before it opening a tag (not escaped text), and not inside another
        // attribute's quoted value ("content=\"… src=x\"").
        if name_start == 0 || !bytes[name_start - 1].is_ascii_whitespace() {
            return None;
        }
        let tag_start = bytes[..name_start]
            .iter()
            .rposition(|b| *b == b'<' || *b == b'>')
            .filter(|&i| bytes[i] == b'<')?;
        let between = &bytes[tag_start..name_start];
        let quotes = |q: u8| between.iter().filter(|b| **b == q).count();
        if quotes(b'"') % 2 == 1 || quotes(b'\'') % 2 == 1 {
            return None;
        }
        let rest = &bytes[name_start + name_len + 1..];
        let value = match rest.first() {
            Some(q @ (b'"' | b'\'')) => {
                let end = memchr::memchr(*q, &rest[1..])?;
                &rest[1..1 + end]
            }
            Some(_) => {
                let end = rest
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || *b == b'>')
                    .unwrap_or(rest.len());
                &rest[..end]
            }
            None => return None,
        };
        // Only the value is checked as UTF-8, not the whole page.
        std::str::from_utf8(value).ok()
    })
}

/// The site path a link on a page in `dir` (at `depth`) leads to, or `None`
/// for links that leave the site (a scheme, `//host`), stay on the page
/// (`#id`) or cannot be checked (a template expression). A path that climbs
/// above the site root is kept as written ("../" and all): no file answers
/// it.
fn resolve(dir: &str, depth: usize, link: &str) -> Option<String> {
    let link = link.trim();
    let path = link.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || link.starts_with("//") || path.contains('{') {
        return None;
    }
    if let Some(colon) = path.find(':') {
        if !path[..colon].contains('/') {
            return None;
        }
    }
    let decoded = percent_decode(&path.replace("&amp;", "&"));
    let mut parts: Vec<&str> = if decoded.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/')
            .filter(|p| !p.is_empty())
            .take(depth)
            .collect()
    };
    let trailing = decoded.ends_with('/');
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(format!("../{}", decoded.trim_start_matches("../")));
                }
            }
            s => parts.push(s),
        }
    }
    let mut target = parts.join("/");
    if trailing && !target.is_empty() {
        target.push_str("/index.html");
    } else if trailing {
        target.push_str("index.html");
    }
    Some(target)
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_their_page() {
        let r = |dir: &str, link: &str| {
            let depth = if dir.is_empty() {
                0
            } else {
                dir.split('/').count()
            };
            resolve(dir, depth, link)
        };
        assert_eq!(
            r("bai-viet/a", "../../ke-hoach/").as_deref(),
            Some("ke-hoach/index.html")
        );
        assert_eq!(
            r("bai-viet/a", "../b/").as_deref(),
            Some("bai-viet/b/index.html")
        );
        assert_eq!(
            r("bai-viet/a", "anh.jpg").as_deref(),
            Some("bai-viet/a/anh.jpg")
        );
        assert_eq!(r("bai-viet/a", "/anh/x.png").as_deref(), Some("anh/x.png"));
        assert_eq!(r("", "./").as_deref(), Some("index.html"));
        assert_eq!(r("bai-viet/a", "../../../x/").as_deref(), Some("../x/"));
        assert_eq!(
            r("bai-viet/a", "../../t%C3%A0i-li%E1%BB%87u.pdf").as_deref(),
            Some("tài-liệu.pdf")
        );
        for external in [
            "https://a.vn/",
            "mailto:a@b.vn",
            "tel:0123",
            "#muc-1",
            "//cdn.x/y",
            "data:image/png;base64,AA",
        ] {
            assert_eq!(r("bai-viet/a", external), None, "{external}");
        }
    }

    #[test]
    fn attributes_quoted_or_not() {
        let html = r#"<a href="../x/">a</a><img src=../../anh.png alt=""><a class=b href='y.html'>c</a><p>href=not</p><link rel=stylesheet href=style.css><p>&lt;a href=&quot;z&quot;&gt;</p><meta name=description content="&lt;img src=w&gt;">"#;
        let values: Vec<&str> = attribute_values(html.as_bytes()).collect();
        assert_eq!(values, ["../x/", "../../anh.png", "y.html", "style.css"]);
    }
}
