//! Minifying pages with minify-html. A theme's templates are minified once,
//! when the theme is compiled ([`template`], Tera's tags set aside), and a
//! page rendered only from such templates is written as Tera renders it;
//! other pages are minified whole, one by one ([`minify`]).

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
