//! Hugo shortcodes (`{{< figure … >}}`, `{{% … %}}`) and Jekyll's Liquid
//! (`{% include … %}`, `{{ site.title }}`) in Markdown copied in from those
//! tools, made into Markdown before it is parsed:
//!
//! - Hugo: `figure` (an image with its caption), `youtube`, `vimeo`, `gist`
//!   (a link: no third-party frame), `ref`/`relref` (a link to the article
//!   named, found by its file name), `highlight` (a code block), `param` (a
//!   value of the page's front matter or of the site).
//! - Jekyll: `{% include image.html %}` (an image), `{% link %}` and
//!   `{% post_url %}` (links), `{% highlight %}` (a code block), `{% raw %}`
//!   (kept as written), `{% comment %}` (left out); `{{ page.x }}`,
//!   `{{ site.x }}` and `{{ "/x" | relative_url }}` (values and paths).
//! - The site's own: `templates/shortcodes/NAME.html`, a Tera template, is
//!   `{{< NAME … >}}` (with `{{< /NAME >}}` around a body) and
//!   `{% include NAME.html … %}`.
//!
//! Any other is an error at its line and column and is left out: never text
//! on the page. Code blocks and code spans are left as written. Pure.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::SourcePath;

/// The site's own shortcodes, `templates/shortcodes/NAME.html`, compiled.
#[derive(Clone, Debug, Default)]
pub struct SiteShortcodes {
    tera: tera::Tera,
    names: BTreeSet<String>,
}

/// The folder of a theme or site's `templates/` that holds shortcodes.
pub const FOLDER: &str = "shortcodes/";

impl SiteShortcodes {
    /// Compiles `(template name, source path, text)` for each file of
    /// `templates/shortcodes/`; one with a syntax error is reported and left
    /// out (its uses are then errors of their own).
    pub fn compile(
        templates: Vec<(String, SourcePath, String)>,
        diags: &mut Diagnostics,
    ) -> SiteShortcodes {
        let mut site = SiteShortcodes::default();
        site.tera.autoescape_on(vec![".html"]);
        for (name, path, text) in templates {
            let Some(short) = name
                .strip_prefix(FOLDER)
                .and_then(|n| n.strip_suffix(".html"))
            else {
                continue;
            };
            match site.tera.add_raw_template(&name, &text) {
                Ok(()) => {
                    site.names.insert(short.to_string());
                }
                Err(err) => diags.push(crate::diag::template_error(&path, &err)),
            }
        }
        site
    }

    fn has(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// The template's output: each named argument a variable of its name,
    /// the positional ones `args`, a paired shortcode's inner text `body`.
    fn render(&self, name: &str, args: &[Arg], body: Option<&str>) -> Result<String, String> {
        let mut context = tera::Context::new();
        for (key, value) in args {
            if let Some(key) = key {
                context.insert(key.as_str(), value);
            }
        }
        let positional: Vec<&str> = args
            .iter()
            .filter(|(k, _)| k.is_none())
            .map(|(_, v)| v.as_str())
            .collect();
        context.insert("args", &positional);
        context.insert("body", body.unwrap_or("").trim_matches('\n'));
        self.tera
            .render(&format!("{FOLDER}{name}.html"), &context)
            .map_err(|e| crate::diag::chain(&e))
    }
}

/// What a document's shortcodes may use besides its text.
pub struct Context<'a> {
    /// The site's own shortcodes.
    pub site: &'a SiteShortcodes,
    /// A value by name, for `param` and Liquid: `title` (the page's front
    /// matter), `site.title` (the site's).
    pub value: &'a dyn Fn(&str) -> Option<String>,
    /// Whether the site shows videos in their players (`video_embeds`).
    pub video_embeds: bool,
}

/// Around a video the page shows in its player: `{VIDEO_OPEN}youtube:ID:
/// title{VIDEO_CLOSE}`, text that Markdown and the HTML cleaner leave as it
/// is; `render::markdown` makes it the player's frame.
pub const VIDEO_OPEN: char = '\u{E000}';
pub const VIDEO_CLOSE: char = '\u{E001}';

/// Whether `id` can be a YouTube or Vimeo video's id.
pub fn is_video_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The site path prefix of a link to a document named by its file name
/// (`ref`, `relref`, `link`, `post_url`), resolved when the site is known.
pub const BY_NAME: &str = "@ref/";

/// `name=value` or a positional value.
type Arg = (Option<String>, String);

/// `markdown` (the body of `path`, starting at line `first_line`) with its
/// shortcodes and Liquid replaced.
pub fn expand(
    path: &str,
    markdown: &str,
    first_line: u32,
    cx: &Context,
    diags: &mut Diagnostics,
) -> String {
    if !markdown.contains("{{") && !markdown.contains("{%") {
        return markdown.to_string();
    }
    let mut ex = Expander {
        path,
        cx,
        diags,
        out: String::with_capacity(markdown.len()),
        open: None,
        paired: closing_names(markdown),
        failed: BTreeSet::new(),
    };
    let mut fence: Option<&str> = None;
    for (n, line) in markdown.split_inclusive('\n').enumerate() {
        let number = first_line + n as u32;
        if ex.open.is_none() {
            let trimmed = line.trim_start();
            match fence {
                Some(f) if trimmed.starts_with(f) => fence = None,
                Some(_) => {}
                None if trimmed.starts_with("```") => fence = Some("```"),
                None if trimmed.starts_with("~~~") => fence = Some("~~~"),
                None => {
                    ex.line(line, number);
                    continue;
                }
            }
            ex.out.push_str(line);
            continue;
        }
        ex.line(line, number);
    }
    ex.unclosed();
    ex.out
}

/// A construct over several lines, open until its closing tag.
enum Open {
    /// `{{< highlight >}}`, `{% highlight %}`: code, copied as written.
    Code { hugo: bool, at: (u32, u32) },
    /// `{% raw %}`: text copied as written, Liquid not read.
    Raw { at: (u32, u32) },
    /// `{% comment %}`: left out (its lines kept empty).
    Comment { at: (u32, u32) },
    /// A site shortcode with a body, `{{< note >}}…{{< /note >}}`.
    Paired {
        name: String,
        args: Vec<Arg>,
        markdown: bool,
        at: (u32, u32),
        body: String,
        lines: usize,
    },
}

struct Expander<'a, 'd> {
    path: &'a str,
    cx: &'a Context<'a>,
    diags: &'d mut Diagnostics,
    out: String,
    open: Option<Open>,
    /// Names closed somewhere in the text (`{{< /note >}}`): those shortcodes
    /// have a body.
    paired: BTreeSet<String>,
    /// Paired shortcodes already reported: their closing tag is left out
    /// without a second message.
    failed: BTreeSet<String>,
}

impl Expander<'_, '_> {
    /// One line (with its `\n`), outside a Markdown code block.
    fn line(&mut self, line: &str, number: u32) {
        let mut rest = line;
        let mut column = 1u32;
        loop {
            if let Some(open) = &self.open {
                let close = match open {
                    Open::Code { hugo: true, .. } => find_closing(rest, true, "/highlight"),
                    Open::Code { hugo: false, .. } => find_closing(rest, false, "endhighlight"),
                    Open::Raw { .. } => find_closing(rest, false, "endraw"),
                    Open::Comment { .. } => find_closing(rest, false, "endcomment"),
                    Open::Paired { name, .. } => find_closing(rest, true, &format!("/{name}")),
                };
                let Some((start, end)) = close else {
                    self.feed(rest);
                    return;
                };
                self.close(&rest[..start]);
                column += rest[..end].chars().count() as u32;
                rest = &rest[end..];
                continue;
            }
            let next = ["{{<", "{{%", "{%", "{{", "`"]
                .iter()
                .enumerate()
                .filter_map(|(order, open)| rest.find(open).map(|at| (at, order, *open)))
                .min();
            let Some((at, _, open)) = next else {
                self.out.push_str(rest);
                return;
            };
            self.out.push_str(&rest[..at]);
            column += rest[..at].chars().count() as u32;
            let from = &rest[at..];
            if open == "`" {
                // A code span: copied through its closing backticks.
                let ticks = from.len() - from.trim_start_matches('`').len();
                let closing = &from[..ticks];
                let end = from[ticks..]
                    .find(closing)
                    .map_or(from.len(), |e| ticks + e + ticks);
                self.out.push_str(&from[..end]);
                column += from[..end].chars().count() as u32;
                rest = &from[end..];
                continue;
            }
            let close = match open {
                "{{<" => ">}}",
                "{{%" => "%}}",
                "{%" => "%}",
                _ => "}}",
            };
            let end = from.find(close).map(|e| e + close.len());
            let liquid_output = open == "{{" && is_liquid_output(&from[2..]);
            let Some(end) = end.filter(|_| open != "{{" || liquid_output) else {
                // Not a tag: the braces are text.
                self.out.push_str(&from[..open.len()]);
                column += open.len() as u32;
                rest = &from[open.len()..];
                continue;
            };
            let inner = from[open.len()..end - close.len()].trim();
            let after = &from[end..];
            let place = (number, column);
            if liquid_output {
                self.liquid_output(inner, place);
            } else if open == "{%" {
                self.liquid_tag(inner.trim_matches('-').trim(), place, after);
            } else {
                self.hugo(inner, open == "{{%", place, after);
            }
            column += from[..end].chars().count() as u32;
            rest = after;
        }
    }

    /// A line's text inside an open construct.
    fn feed(&mut self, text: &str) {
        match &mut self.open {
            Some(Open::Code { .. } | Open::Raw { .. }) => self.out.push_str(text),
            Some(Open::Comment { .. }) => {
                let lines = text.matches('\n').count();
                self.out.push_str(&"\n".repeat(lines));
            }
            Some(Open::Paired { body, lines, .. }) => {
                body.push_str(text);
                *lines += text.matches('\n').count();
            }
            None => {}
        }
    }

    /// The closing tag met, `before` it on its line.
    fn close(&mut self, before: &str) {
        let Some(open) = self.open.take() else { return };
        match open {
            Open::Code { .. } => {
                if !before.trim().is_empty() {
                    self.out.push_str(before);
                    self.out.push('\n');
                } else if !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
                self.out.push_str("```");
            }
            Open::Raw { .. } => self.out.push_str(before),
            Open::Comment { .. } => {}
            Open::Paired {
                name,
                args,
                markdown,
                at,
                mut body,
                lines,
            } => {
                body.push_str(before);
                if let Some(html) = self.site_shortcode(&name, &args, Some(&body), markdown, at) {
                    let written = html.matches('\n').count();
                    self.out.push_str(&html);
                    // The lines after keep their numbers for every later message.
                    self.out
                        .push_str(&"\n".repeat(lines.saturating_sub(written)));
                }
            }
        }
    }

    /// An open construct left open at the end of the text.
    fn unclosed(&mut self) {
        let Some(open) = self.open.take() else { return };
        let (what, closing, at) = match &open {
            Open::Code { hugo: true, at } => ("{{< highlight >}}", "{{< /highlight >}}", *at),
            Open::Code { hugo: false, at } => ("{% highlight %}", "{% endhighlight %}", *at),
            Open::Raw { at } => ("{% raw %}", "{% endraw %}", *at),
            Open::Comment { at } => ("{% comment %}", "{% endcomment %}", *at),
            Open::Paired { name, at, .. } => {
                let (what, closing) = (
                    format!("{{{{< {name} >}}}}"),
                    format!("{{{{< /{name} >}}}}"),
                );
                self.error(
                    format!("thẻ `{what}` không có thẻ đóng `{closing}`"),
                    format!("thêm `{closing}` sau phần nội dung của thẻ"),
                    *at,
                );
                return;
            }
        };
        self.error(
            format!("thẻ `{what}` không có thẻ đóng `{closing}`"),
            format!("thêm `{closing}` sau phần nội dung của thẻ"),
            at,
        );
        if matches!(open, Open::Code { .. }) {
            self.out.push_str("\n```\n");
        }
    }

    /// A Hugo shortcode; `markdown` for the `{{% … %}}` form.
    fn hugo(&mut self, inner: &str, markdown: bool, at: (u32, u32), after: &str) {
        if let Some(escaped) = inner.strip_prefix("/*").and_then(|i| i.strip_suffix("*/")) {
            // `{{</* figure */>}}`: a shortcode shown as written.
            let (open, close) = if markdown {
                ("{{%", "%}}")
            } else {
                ("{{<", ">}}")
            };
            self.out
                .push_str(&format!("{open} {} {close}", escaped.trim()));
            return;
        }
        let (name, args) = name_and_args(inner);
        if let Some(closed) = name.strip_prefix('/') {
            if !self.failed.contains(closed) {
                self.error(
                    format!("thẻ đóng `{{{{< /{closed} >}}}}` không có thẻ mở"),
                    "xóa thẻ đóng, hoặc thêm thẻ mở tương ứng phía trên".to_string(),
                    at,
                );
            }
            return;
        }
        let get = |key: &str| named(&args, key);
        let first = positional(&args, 0);
        let md = match name {
            "figure" => get("src").map(|src| {
                let alt = get("alt").or(get("caption")).or(get("title")).unwrap_or("");
                image(src, alt, get("caption").or(get("title")))
            }),
            "youtube" | "vimeo" => get("id").or(first).filter(|id| is_video_id(id)).map(|id| {
                let (site, link) = if name == "youtube" {
                    ("YouTube", format!("https://www.youtube.com/watch?v={id}"))
                } else {
                    ("Vimeo", format!("https://vimeo.com/{id}"))
                };
                let title = get("title")
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("Xem video trên {site}"));
                if self.cx.video_embeds {
                    let title = title.replace([VIDEO_OPEN, VIDEO_CLOSE, ':'], " ");
                    format!("{VIDEO_OPEN}{name}:{id}:{title}{VIDEO_CLOSE}")
                } else {
                    format!("[{title}]({link})")
                }
            }),
            "gist" => match (first, positional(&args, 1)) {
                (Some(user), Some(id)) => Some(format!(
                    "[Mã nguồn trên GitHub Gist](https://gist.github.com/{user}/{id})"
                )),
                _ => None,
            },
            "ref" | "relref" => get("path").or(first).map(|p| format!("{BY_NAME}{p}")),
            "param" => {
                let Some(key) = get("name").or(first) else {
                    self.unknown(name, true, at);
                    return;
                };
                let value = (self.cx.value)(key)
                    .or_else(|| (self.cx.value)(&format!("params.{key}")))
                    .or_else(|| (self.cx.value)(&format!("site.{key}")));
                match value {
                    Some(v) => Some(v),
                    None => {
                        self.error(
                            format!("`{{{{< param \"{key}\" >}}}}`: phần thông tin của bài và site.yaml không có khóa `{key}`"),
                            format!("thêm `{key}: …` vào phần thông tin của bài, hoặc thay thẻ bằng chữ"),
                            at,
                        );
                        return;
                    }
                }
            }
            "highlight" => {
                self.open_code(first.unwrap_or(""), true, at, after);
                return;
            }
            _ if self.cx.site.has(name) => {
                if self.paired.contains(name) {
                    self.open = Some(Open::Paired {
                        name: name.to_string(),
                        args,
                        markdown,
                        at,
                        body: String::new(),
                        lines: 0,
                    });
                } else if let Some(html) = self.site_shortcode(name, &args, None, markdown, at) {
                    self.out.push_str(&html);
                }
                return;
            }
            _ => None,
        };
        match md {
            Some(md) => self.out.push_str(&md),
            None => self.unknown(name, true, at),
        }
    }

    /// A Liquid tag, `{% name … %}`.
    fn liquid_tag(&mut self, inner: &str, at: (u32, u32), after: &str) {
        let (name, args) = name_and_args(inner);
        let first = positional(&args, 0);
        match name {
            "raw" => self.open = Some(Open::Raw { at }),
            "comment" => self.open = Some(Open::Comment { at }),
            "highlight" => self.open_code(first.unwrap_or(""), false, at, after),
            "link" | "post_url" => match first {
                Some(target) => self.out.push_str(&format!("{BY_NAME}{target}")),
                None => self.unknown(name, false, at),
            },
            "include" => {
                let file = first.unwrap_or("");
                let stem = file.strip_suffix(".html").unwrap_or(file);
                let get = |key: &str| named(&args, key);
                if self.cx.site.has(stem) {
                    let rest: Vec<Arg> = args.iter().skip(1).cloned().collect();
                    if let Some(html) = self.site_shortcode(stem, &rest, None, false, at) {
                        self.out.push_str(&html);
                    }
                } else if let (true, Some(src)) = (
                    matches!(stem, "image" | "figure" | "img"),
                    ["url", "src", "file", "image", "path"]
                        .into_iter()
                        .find_map(get),
                ) {
                    let caption = get("caption").or(get("description"));
                    let alt = get("alt").or(caption).or(get("title")).unwrap_or("");
                    self.out.push_str(&image(src, alt, caption));
                } else {
                    self.error(
                        format!("thẻ Liquid `{{% include {file} %}}` của Jekyll chưa được loa hỗ trợ nên không được đưa lên trang"),
                        format!("viết một mẫu Tera templates/shortcodes/{stem}.html (các tham số là biến cùng tên), hoặc thay thẻ bằng Markdown"),
                        at,
                    );
                }
            }
            _ => self.unknown(name, false, at),
        }
    }

    /// A Liquid output, `{{ page.title }}`, `{{ "/anh/a.jpg" | relative_url }}`.
    fn liquid_output(&mut self, inner: &str, at: (u32, u32)) {
        let inner = inner.trim_matches('-').trim();
        let mut parts = inner.split('|').map(str::trim);
        let base = parts.next().unwrap_or("");
        let value = if let Some(quoted) = base
            .strip_prefix(['"', '\''])
            .and_then(|b| b.strip_suffix(['"', '\'']))
        {
            Some(quoted.to_string())
        } else if matches!(base, "site.baseurl" | "site.url" | "site.base_url") {
            // The site's paths are made relative to each page.
            Some(String::new())
        } else if let Some(key) = base.strip_prefix("page.") {
            (self.cx.value)(key)
        } else {
            (self.cx.value)(base)
        };
        let Some(mut value) = value else {
            self.error(
                format!("`{{{{ {inner} }}}}` của Jekyll: không có giá trị `{base}` trong phần thông tin của bài hay site.yaml"),
                "thay bằng chữ, hoặc thêm khóa đó vào phần thông tin của bài".to_string(),
                at,
            );
            return;
        };
        for filter in parts {
            match filter {
                "relative_url" | "absolute_url"
                    if !value.starts_with('/') && !value.contains("://") =>
                {
                    value.insert(0, '/');
                }
                "relative_url" | "absolute_url" | "escape" | "xml_escape" | "strip" => {}
                other => {
                    self.error(
                        format!("bộ lọc Liquid `{other}` trong `{{{{ {inner} }}}}` chưa được loa hỗ trợ"),
                        "thay cả thẻ bằng chữ hoặc đường dẫn".to_string(),
                        at,
                    );
                    return;
                }
            }
        }
        self.out.push_str(&value);
    }

    fn open_code(&mut self, language: &str, hugo: bool, at: (u32, u32), after: &str) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str("```");
        self.out.push_str(language.trim());
        if !after.trim().is_empty() {
            self.out.push('\n');
        }
        self.open = Some(Open::Code { hugo, at });
    }

    /// A site shortcode's output: HTML on one line (`{{< >}}`), so that the
    /// Markdown around it stays as it was; Markdown as written (`{{% %}}`).
    fn site_shortcode(
        &mut self,
        name: &str,
        args: &[Arg],
        body: Option<&str>,
        markdown: bool,
        at: (u32, u32),
    ) -> Option<String> {
        match self.cx.site.render(name, args, body) {
            Ok(text) if markdown => Some(text),
            Ok(html) => Some(
                html.split('\n')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Err(why) => {
                self.error(
                    format!("shortcode `{name}` (templates/shortcodes/{name}.html) không dựng được: {why}"),
                    "kiểm tra tên các tham số của thẻ và các biến trong mẫu".to_string(),
                    at,
                );
                None
            }
        }
    }

    fn unknown(&mut self, name: &str, hugo: bool, at: (u32, u32)) {
        if self.paired.contains(name) {
            self.failed.insert(name.to_string());
        }
        let (what, help) = if hugo {
            (
                format!("shortcode `{name}` của Hugo"),
                "loa hiểu `figure`, `youtube`, `vimeo`, `gist`, `ref`, `relref`, `highlight`, `param` và các mẫu của trang trong templates/shortcodes/; thay shortcode khác bằng Markdown (ảnh: `![mô tả](/anh/ten-anh.jpg)`, liên kết: `[chữ](địa chỉ)`) hoặc viết mẫu templates/shortcodes/TÊN.html",
            )
        } else {
            (
                format!("thẻ Liquid `{name}` của Jekyll"),
                "loa hiểu `include`, `link`, `post_url`, `highlight`, `raw` và `comment`; thay thẻ khác bằng Markdown: ảnh `![mô tả](/anh/ten-anh.jpg)`, liên kết tới bài khác `[chữ](@/bai-viet/ten-bai.md)`",
            )
        };
        self.error(
            format!("{what} chưa được loa hỗ trợ nên không được đưa lên trang"),
            help.to_string(),
            at,
        );
    }

    fn error(&mut self, message: String, help: String, (line, column): (u32, u32)) {
        self.diags.push(
            Diagnostic::error(self.path, message)
                .at(Some(line), Some(column))
                .with_help(help),
        );
    }
}

/// `![alt](src) *caption*`, on one line: the lines after keep their numbers.
fn image(src: &str, alt: &str, caption: Option<&str>) -> String {
    let mut md = format!("![{}]({})", alt.replace(['[', ']'], ""), src.trim());
    if let Some(caption) = caption.map(str::trim).filter(|c| !c.is_empty()) {
        md.push_str(&format!(" *{caption}*"));
    }
    md
}

/// Liquid's `{{ … }}` holds a value loa reads: `page.x`, `site.x`,
/// `include.x` or a quoted string with filters. Other `{{` is text.
fn is_liquid_output(after_braces: &str) -> bool {
    let t = after_braces.trim_start_matches('-').trim_start();
    ["site.", "page.", "include.", "\"", "'"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// Where the closing tag `{{< name >}}` (`hugo`) or `{% name %}` is in
/// `text`: its start and end.
fn find_closing(text: &str, hugo: bool, name: &str) -> Option<(usize, usize)> {
    let opens: &[(&str, &str)] = if hugo {
        &[("{{<", ">}}"), ("{{%", "%}}")]
    } else {
        &[("{%", "%}")]
    };
    let mut best: Option<(usize, usize)> = None;
    for (open, close) in opens {
        let mut from = 0;
        while let Some(at) = text[from..].find(open).map(|a| a + from) {
            let Some(end) = text[at..].find(close).map(|e| at + e + close.len()) else {
                break;
            };
            let inner = text[at + open.len()..end - close.len()]
                .trim()
                .trim_matches('-')
                .trim();
            if inner == name || inner.replace(' ', "") == name {
                if best.is_none_or(|(b, _)| at < b) {
                    best = Some((at, end));
                }
                break;
            }
            from = at + open.len();
        }
    }
    best
}

/// The names closed somewhere in `text` (`{{< /note >}}`, `{{% /note %}}`).
fn closing_names(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for open in ["{{<", "{{%"] {
        for (at, _) in text.match_indices(open) {
            let rest = text[at + open.len()..].trim_start();
            if let Some(name) = rest.strip_prefix('/') {
                let name: String = name
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                    .collect();
                if !name.is_empty() && !name.starts_with('*') {
                    names.insert(name);
                }
            }
        }
    }
    names
}

fn name_and_args(inner: &str) -> (&str, Vec<Arg>) {
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    (name, arguments(args))
}

fn named<'a>(args: &'a [Arg], key: &str) -> Option<&'a str> {
    args.iter()
        .find(|(k, _)| k.as_deref() == Some(key))
        .map(|(_, v)| v.as_str())
}

fn positional(args: &[Arg], n: usize) -> Option<&str> {
    args.iter()
        .filter(|(k, _)| k.is_none())
        .nth(n)
        .map(|(_, v)| v.as_str())
}

/// `src="a.png" alt='Ảnh' 42 "x y"` → named and positional values.
fn arguments(text: &str) -> Vec<Arg> {
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

    fn run_with(text: &str, site: &SiteShortcodes) -> (String, Vec<String>) {
        let mut diags = Diagnostics::default();
        let value = |key: &str| match key {
            "author" => Some("Tổ tư vấn".to_string()),
            "site.title" => Some("Xã Mẫu".to_string()),
            _ => None,
        };
        let cx = Context {
            site,
            value: &value,
            video_embeds: false,
        };
        let out = expand("a.md", text, 5, &cx, &mut diags);
        (
            out,
            diags.into_sorted().iter().map(|d| d.to_string()).collect(),
        )
    }

    fn run(text: &str) -> (String, Vec<String>) {
        run_with(text, &SiteShortcodes::default())
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
        let (out, errors) = run(
            "[Bài trước]({{< ref \"tu-van.md#dieu-kien\" >}}), {{% relref \"/posts/cai-nghien\" %}}.\nNgười viết: {{< param author >}}.\n",
        );
        assert_eq!(
            out,
            "[Bài trước](@ref/tu-van.md#dieu-kien), @ref//posts/cai-nghien.\nNgười viết: Tổ tư vấn.\n"
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn highlight_raw_and_comments_keep_their_lines() {
        let (out, errors) = run(
            "Mã:\n{{< highlight go \"linenos=table\" >}}\nfmt.Println(\"{{ x }}\")\n{{< /highlight >}}\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n{% raw %}{{ page.x }}{% endraw %} {% comment %}\nghi chú\n{% endcomment %}cuối\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            out,
            "Mã:\n```go\nfmt.Println(\"{{ x }}\")\n```\n```ruby\nputs 1\n```\n{{ page.x }} \n\ncuối\n"
        );
        let (_, errors) = run("{{< highlight go >}}\nx\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("a.md:5:1: lỗi: thẻ `{{< highlight >}}` không có thẻ đóng"));
    }

    #[test]
    fn jekyll_includes_links_and_values() {
        let (out, errors) = run(
            "{% include image.html url=\"/anh/a.jpg\" description=\"Buổi tư vấn\" %}\n[Bài]({% post_url 2017-09-22-tu-van %}) [Trang]({% link _pages/gioi-thieu.md %})\n![Ảnh]({{ site.baseurl }}/anh/b.jpg) ![Ảnh]({{ \"anh/c.jpg\" | relative_url }}) {{ site.title }}, {{ page.author }}. {{ không phải Liquid }}\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            out,
            "![Buổi tư vấn](/anh/a.jpg) *Buổi tư vấn*\n[Bài](@ref/2017-09-22-tu-van) [Trang](@ref/_pages/gioi-thieu.md)\n![Ảnh](/anh/b.jpg) ![Ảnh](/anh/c.jpg) Xã Mẫu, Tổ tư vấn. {{ không phải Liquid }}\n"
        );
        let (_, errors) = run("{{ page.missing }} {{ \"x\" | date: \"%Y\" }}\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("a.md:5:1: lỗi: `{{ page.missing }}`"),
            "{errors:?}"
        );
    }

    #[test]
    fn site_shortcodes_are_tera_templates() {
        let mut diags = Diagnostics::default();
        let site = SiteShortcodes::compile(
            vec![
                (
                    "shortcodes/note.html".to_string(),
                    SourcePath::new("templates/shortcodes/note.html"),
                    "<aside class=\"note\">\n<strong>{{ title }}</strong>\n{{ body }}\n</aside>\n"
                        .to_string(),
                ),
                (
                    "shortcodes/hotline.html".to_string(),
                    SourcePath::new("templates/shortcodes/hotline.html"),
                    "<a href=\"tel:{{ args.0 }}\">{{ args.0 }}</a>".to_string(),
                ),
            ],
            &mut diags,
        );
        assert!(diags.into_sorted().is_empty());
        let (out, errors) = run_with(
            "{{< note title=\"Lưu ý <b>\" >}}\nMiễn phí.\n{{< /note >}}\nGọi {{< hotline 1900 >}}, {% include hotline.html 1800 %}.\nSau.\n",
            &site,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            out,
            "<aside class=\"note\"> <strong>Lưu ý &lt;b&gt;</strong> Miễn phí. </aside>\n\n\nGọi <a href=\"tel:1900\">1900</a>, <a href=\"tel:1800\">1800</a>.\nSau.\n"
        );
    }

    #[test]
    fn others_are_errors_at_their_place_and_code_is_left_alone() {
        let (out, errors) = run("Chữ {{< tweet 123 >}} và {% include note.html %}\n```\n{{< figure src=x >}}\n```\n`{% raw %}`\n{{< details >}}\nGiữ.\n{{< /details >}}\n");
        assert_eq!(
            out,
            "Chữ  và \n```\n{{< figure src=x >}}\n```\n`{% raw %}`\n\nGiữ.\n\n"
        );
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].starts_with("a.md:5:5: lỗi: shortcode `tweet` của Hugo chưa được loa hỗ trợ"),
            "{errors:?}"
        );
        assert!(
            errors[1]
                .starts_with("a.md:5:26: lỗi: thẻ Liquid `{% include note.html %}` của Jekyll"),
            "{errors:?}"
        );
        assert!(
            errors[2].starts_with("a.md:10:1: lỗi: shortcode `details`"),
            "{errors:?}"
        );
    }
}
