//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough,
//! heading ids from Vietnamese slugs, `@/…` links to other content resolved
//! to relative URLs, and site paths (`/anh/a.jpg`) made relative so the site
//! works under a sub-path and from disk. Pure.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::loudspeaker::Spoken;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Body;
use crate::resolve::Site;
use crate::text;

/// A heading, for the table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// Anchor id.
    pub id: String,
    /// Plain text.
    pub text: String,
}

/// A link to another document (or a place in one), checked after every
/// document is rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnchorLink {
    /// Content path below `content/` of the target.
    pub target: String,
    /// The `#fragment`.
    pub anchor: String,
    /// Line of the link in the source file.
    pub line: u32,
    /// Column of the link.
    pub column: u32,
}

/// The result of rendering one document's Markdown.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Every id an anchor can point at (headings and footnotes).
    pub ids: BTreeSet<String>,
    /// Words, for the reading time.
    pub words: usize,
    /// Plain text of the first paragraph, for a summary.
    pub first_paragraph: String,
    /// The whole text without markup, for search.
    pub plain: String,
    /// The text block by block (paragraphs, headings, list items, table
    /// rows), without markup, for reading aloud.
    pub blocks: Vec<Spoken>,
    /// Links with a fragment, to check.
    pub anchors: Vec<AnchorLink>,
    /// Whether the Markdown holds raw HTML.
    pub raw_html: bool,
}

/// The words of a spoken block as its texts are added, counted from each
/// text's own count: a word cut by markup (`**Ủy**ban`) is in two texts
/// but one word of the block.
#[derive(Default)]
struct SpokenWords {
    count: usize,
    /// Whether the block ends inside a word that has a letter or digit.
    last_counted: bool,
}

impl SpokenWords {
    /// Counts `text`, of `words` words, added to the block `block`.
    fn add(&mut self, block: &str, text: &str, words: usize) {
        if text.is_empty() {
            return;
        }
        let joins =
            !block.is_empty() && !block.ends_with(' ') && !text.starts_with(char::is_whitespace);
        let first = text.split(char::is_whitespace).next().unwrap_or("");
        let first_counted = first.chars().any(text::is_alphanumeric);
        self.count += words;
        if joins && self.last_counted && first_counted {
            self.count -= 1;
        }
        self.last_counted = if text.ends_with(char::is_whitespace) {
            false
        } else if first.len() == text.len() {
            (joins && self.last_counted) || first_counted
        } else {
            let last = text.rsplit(char::is_whitespace).next().unwrap_or("");
            last.chars().any(text::is_alphanumeric)
        };
    }
}

/// A heading whose text is still being read: where its start event goes,
/// and the parts of the tag to rebuild with the id.
type OpenHeading<'a> = (
    usize,
    HeadingLevel,
    Option<CowStr<'a>>,
    Vec<CowStr<'a>>,
    Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
);

/// Renders `body` of the file `source` for a page whose path back to the
/// site root is `root` (`"../../"`).
pub fn render(
    body: &Body,
    source: &str,
    root: &str,
    site: &Site,
    diags: &mut Diagnostics,
) -> Rendered {
    let markdown = &body.markdown;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    // Links are met in order: the column of the last one is kept, and the
    // next on the same line counted on from it, so 100,000 links on one
    // line take linear time (counting each from the line's start did not).
    let last = std::cell::Cell::new((usize::MAX, 0usize, 0usize));
    let line_of = |offset: usize| -> (u32, u32) {
        let index = line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let (last_index, last_offset, last_column) = last.get();
        let (from, column) = if last_index == index && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (line_starts[index], 0)
        };
        let column = column + markdown.get(from..offset).map_or(0, |s| s.chars().count());
        last.set((index, offset, column));
        (body.first_line + index as u32, column as u32 + 1)
    };
    let own_path = source
        .strip_prefix("content/")
        .unwrap_or(source)
        .to_string();

    let mut out = Rendered::default();
    // An event per 30–60 bytes of Markdown (text, markup, breaks):
    // sized once rather than grown by doubling.
    let mut events: Vec<Event> = Vec::with_capacity(markdown.len() / 32 + 16);
    let mut heading: Option<OpenHeading> = None;
    // Where each image is written and the site path it names, in order.
    let mut images: Vec<((u32, u32), Option<String>, String)> = Vec::new();
    let mut in_image = 0usize;
    // The block being collected for `blocks`, and its words.
    let mut spoken = String::new();
    let mut spoken_words = SpokenWords::default();
    // Where each table starts, in order.
    let mut tables: Vec<(u32, u32)> = Vec::new();
    let mut heading_text = String::new();
    let mut suffixes: FxHashMap<String, u32> = FxHashMap::default();
    let mut raw_depth = RawDepth::default();
    let mut too_deep = None;
    let mut table_cells = 0usize;
    let mut too_big = None;
    let mut paragraph_depth = 0usize;
    let mut first_done = false;

    // The parser lays out a whole table before giving its first cell: too
    // many cells are caught from the text first, so it is never asked to.
    let parsed = if let Some(at) = oversized_table(markdown) {
        too_big = Some(line_of(at));
        ""
    } else {
        markdown.as_str()
    };
    for (event, range) in Parser::new_ext(parsed, options).into_offset_iter() {
        if matches!(event, Event::Start(Tag::TableCell)) {
            table_cells += 1;
            if table_cells > MAX_TABLE_CELLS {
                // Each cell costs some hundred bytes as it goes through
                // rendering: a bound on memory, reported, not rendered.
                too_big = Some(line_of(range.start));
                break;
            }
        }
        let display_math = matches!(event, Event::DisplayMath(_));
        if matches!(event, Event::End(_)) {
            // Block ends separate words in the plain text.
            text::push_space(&mut out.plain);
        }
        if matches!(
            event,
            Event::End(
                TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableRow
                    | TagEnd::TableHead
            )
        ) {
            // Kept collapsed as it is built: but for a last space.
            let block = spoken.trim_end_matches(' ');
            if !block.is_empty() {
                out.blocks.push(Spoken {
                    text: block.to_string(),
                    words: spoken_words.count,
                });
            }
            spoken.clear();
            spoken_words = SpokenWords::default();
        }
        // Each text is looked at once: its words, and whether it is already
        // as collapsing whitespace leaves it (nearly always), so that the
        // plain text and the spoken block only copy it.
        let (words, collapsed) = match &event {
            Event::Text(t) | Event::Code(t) => text::words_and_collapsed(t),
            _ => (0, true),
        };
        let push = |out: &mut String, t: &str| {
            if collapsed {
                out.push_str(t);
            } else {
                text::push_collapsed(out, t);
            }
        };
        match &event {
            Event::Text(t) | Event::Code(t) if in_image == 0 => {
                let t = video_titles(t);
                spoken_words.add(&spoken, &t, words);
                push(&mut spoken, &t);
            }
            Event::SoftBreak | Event::HardBreak => {
                spoken_words.last_counted = false;
                text::push_space(&mut spoken);
            }
            Event::End(TagEnd::TableCell) => {
                // A comma adds no word; the space ends the one before.
                spoken_words.last_counted = false;
                text::push_collapsed(&mut spoken, ", ");
            }
            _ => {}
        }
        if matches!(event, Event::End(TagEnd::Image)) {
            in_image = in_image.saturating_sub(1);
        }
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some((events.len(), level, id, classes, attrs));
                heading_text.clear();
                // Its place, filled at its end once its id is known
                // (inserting there would move every event after it).
                Event::Text(CowStr::Borrowed(""))
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, _, id, classes, attrs)) = heading.take() {
                    let text = heading_text.trim().to_string();
                    let wanted = id.map(|i| i.to_string()).unwrap_or_else(|| {
                        let slug = text::slugify(&text);
                        if slug.is_empty() {
                            "muc".to_string()
                        } else {
                            slug
                        }
                    });
                    let id = unique(&wanted, &out.ids, &mut suffixes);
                    out.ids.insert(id.clone());
                    out.headings.push(Heading {
                        level: level as u8,
                        id: id.clone(),
                        text,
                    });
                    events[start] = Event::Start(Tag::Heading {
                        level,
                        id: Some(id.into()),
                        classes,
                        attrs,
                    });
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                Event::Start(Tag::Paragraph)
            }
            Event::Start(Tag::Table(alignments)) => {
                tables.push(line_of(range.start));
                Event::Start(Tag::Table(alignments))
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                if !out.first_paragraph.is_empty() {
                    first_done = true;
                }
                Event::End(TagEnd::Paragraph)
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = in_bundle(body, dest_url);
                let dest = rewrite_url(
                    &dest_url,
                    &own_path,
                    root,
                    site,
                    line_of(range.start),
                    source,
                    &mut out,
                    diags,
                );
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let at = line_of(range.start);
                let written = dest_url.to_string();
                let dest_url = in_bundle(body, dest_url);
                let site_path = dest_url
                    .strip_prefix('/')
                    .filter(|p| !p.starts_with('/'))
                    .map(|p| p.split(['?', '#']).next().unwrap_or(p).to_string());
                if let Some(path) = &site_path {
                    let missing =
                        !site.image_sizes.contains_key(path) && !site.static_files.contains(path);
                    if missing && *written != *dest_url {
                        let folder = source.rsplit_once('/').map_or("", |(f, _)| f);
                        diags.push(
                            Diagnostic::error(
                                source,
                                format!("ảnh `{written}` không có trong thư mục của bài ({folder}/)"),
                            )
                            .at(Some(at.0), Some(at.1))
                            .with_help("đặt tệp ảnh cạnh tệp index.md của bài, hoặc sửa tên tệp (chữ hoa, chữ thường khác nhau)"),
                        );
                    } else if missing {
                        diags.push(
                            Diagnostic::error(
                                source,
                                format!("ảnh `{dest_url}` không có trong thư mục static/"),
                            )
                            .at(Some(at.0), Some(at.1))
                            .with_help(format!(
                                "đặt tệp ảnh vào static/{path}, hoặc sửa đường dẫn"
                            )),
                        );
                    }
                }
                images.push((at, site_path, dest_url.to_string()));
                in_image += 1;
                let dest = rewrite_url(
                    &dest_url,
                    &own_path,
                    root,
                    site,
                    line_of(range.start),
                    source,
                    &mut out,
                    diags,
                );
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                })
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                out.ids.insert(name.to_string());
                Event::Start(Tag::FootnoteDefinition(name))
            }
            Event::Text(t) => {
                out.words += words;
                // A video's player reads, in plain text, as its title.
                let shown = video_titles(&t);
                push(&mut out.plain, &shown);
                if heading.is_some() {
                    heading_text.push_str(&shown);
                } else if paragraph_depth > 0 && !first_done && in_image == 0 {
                    out.first_paragraph.push_str(&shown);
                }
                Event::Text(t)
            }
            Event::Code(t) => {
                out.words += words;
                push(&mut out.plain, &t);
                if heading.is_some() {
                    heading_text.push_str(&t);
                } else if paragraph_depth > 0 && !first_done && in_image == 0 {
                    out.first_paragraph.push_str(&t);
                }
                Event::Code(t)
            }
            Event::SoftBreak | Event::HardBreak => {
                text::push_space(&mut out.plain);
                if paragraph_depth > 0 && !first_done && heading.is_none() {
                    out.first_paragraph.push(' ');
                }
                event
            }
            Event::InlineMath(tex) | Event::DisplayMath(tex) => {
                let display = display_math;
                out.words += words;
                push(&mut out.plain, &tex);
                if paragraph_depth > 0 && !first_done && heading.is_none() {
                    out.first_paragraph.push_str(&tex);
                }
                match super::math::to_mathml(&tex, display) {
                    Ok(mathml) => Event::InlineHtml(mathml.into()),
                    Err(why) => {
                        let at = line_of(range.start);
                        diags.push(
                            Diagnostic::warning(source, format!("công thức `{}` không đọc được ({why}) nên được hiện nguyên văn", text::truncate_words(&tex, 60)))
                                .at(Some(at.0), Some(at.1))
                                .with_help("kiểm tra dấu ngoặc `{}` và tên lệnh TeX; số tiền viết `\\$` hoặc trong `code` để không thành công thức"),
                        );
                        let class = if display { "math math-display" } else { "math" };
                        Event::InlineHtml(
                            format!("<code class=\"{class}\">{}</code>", text::escape_html(&tex))
                                .into(),
                        )
                    }
                }
            }
            // A passage in another language (parse::passages): its element.
            Event::Html(raw) if raw.starts_with(crate::parse::passages::OPEN_PREFIX) => {
                let code = raw
                    .trim()
                    .trim_start_matches(crate::parse::passages::OPEN_PREFIX)
                    .trim_end_matches("-->");
                Event::Html(format!("<div lang=\"{}\">\n", text::escape_html(code)).into())
            }
            Event::Html(raw) if raw.trim() == crate::parse::passages::CLOSE => {
                Event::Html("</div>\n".into())
            }
            // Hugo's summary divider: the text before it is the summary.
            Event::Html(raw) | Event::InlineHtml(raw) if raw.trim() == "<!--more-->" => {
                out.first_paragraph = out.plain.trim_end().to_string();
                first_done = true;
                Event::Html(CowStr::Borrowed(""))
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let at = line_of(range.start);
                check_raw_html(&raw, source, at, site.config.allow_raw_html, diags);
                if raw_depth.open(&raw) > MAX_RAW_HTML_DEPTH && too_deep.is_none() {
                    too_deep = Some(at);
                }
                out.raw_html = true;
                Event::Html(raw)
            }
            other => other,
        };
        events.push(event);
    }
    if let Some((line, column)) = too_big {
        diags.push(
            Diagnostic::error(source, format!("bảng quá lớn: bài có hơn {MAX_TABLE_CELLS} ô bảng; một trang web không đọc được trên điện thoại với bảng như vậy"))
                .at(Some(line), Some(column))
                .with_help("chia bảng thành nhiều bảng nhỏ theo chủ đề, hoặc đăng bảng đầy đủ thành tệp CSV/Excel trong static/ và liên kết tới tệp đó"),
        );
        events.clear();
        out.blocks.clear();
    }
    let events = finish_images(events, &mut images.into_iter(), site, source, diags);
    let events = finish_tables(events, &tables, source, diags);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let html = align_by_class(html);
    out.html = if let Some((line, column)) = too_deep {
        // The HTML cleaner takes quadratic time on deep nesting: not run.
        diags.push(
            Diagnostic::error(source, format!("mã HTML lồng nhau quá sâu (hơn {MAX_RAW_HTML_DEPTH} tầng thẻ mở chưa đóng)"))
                .at(Some(line), Some(column))
                .with_help("kiểm tra các thẻ đóng (`</div>`…) bị thiếu, hoặc bỏ bớt mã HTML và viết bằng Markdown"),
        );
        String::new()
    } else if out.raw_html && !site.config.allow_raw_html {
        sanitize(&html)
    } else {
        html
    };
    if site.config.video_embeds && out.html.contains(crate::parse::shortcodes::VIDEO_OPEN) {
        out.html = video_players(&out.html);
    }
    // Kept collapsed as it grew: only a space at the end can be left.
    if out.plain.ends_with(' ') {
        out.plain.pop();
    }
    // Kept for the whole build (search borrows it): copied to a block of its
    // size when much larger (shrinking in place may keep the block).
    if out.plain.capacity() > out.plain.len() + out.plain.len() / 8 {
        out.plain = out.plain.as_str().to_owned();
    }
    out.first_paragraph = text::collapse_whitespace(&out.first_paragraph);
    out
}

/// A path relative to a page bundle's article (`anh.jpg`, `./hinh/a.png`,
/// `../ten-bai-khac/b.jpg`) as the site path of the file published there;
/// anything else as written.
fn in_bundle<'a>(body: &Body, dest: CowStr<'a>) -> CowStr<'a> {
    let Some(folder) = body.bundle.as_deref() else {
        return dest;
    };
    if !crate::parse::article::is_relative(&dest) {
        return dest;
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in dest.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    let mut path = format!("/{}", parts.join("/"));
    if dest.ends_with('/') {
        path.push('/');
    }
    path.into()
}

#[allow(clippy::too_many_arguments)]
fn rewrite_url(
    dest: &str,
    own_path: &str,
    root: &str,
    site: &Site,
    (line, column): (u32, u32),
    source: &str,
    out: &mut Rendered,
    diags: &mut Diagnostics,
) -> String {
    // Only the web, e-mail, telephone and the site's own paths become links
    // (an image may also be written inline as data:image/…).
    let inline_image = dest
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("data:image/");
    if !crate::text::link_allowed(dest) && !inline_image {
        diags.push(
            Diagnostic::error(source, format!("liên kết `{}` không phải địa chỉ web, thư điện tử hay số điện thoại; loại liên kết này có thể chạy mã độc hoặc mở tệp trên máy người đọc", crate::text::truncate_words(dest, 60)))
                .at(Some(line), Some(column))
                .with_help("chỉ dùng liên kết http://, https://, mailto:, tel: hoặc liên kết tới nội dung của trang (`@/bai-viet/ten-bai.md`, `/anh/ten-anh.jpg`)"),
        );
        return "#".to_string();
    }
    if crate::text::is_computer_path(dest) {
        diags.push(
            Diagnostic::error(source, format!("`{dest}` là đường dẫn trên máy tính, trang web không có tệp này"))
                .at(Some(line), Some(column))
                .with_help("chép tệp vào thư mục static/ của trang (ví dụ static/anh/ten-anh.jpg) rồi viết `/anh/ten-anh.jpg`; liên kết tới bài khác viết `@/bai-viet/ten-bai.md`"),
        );
        return "#".to_string();
    }
    // Hugo's `ref` and Jekyll's `link`: a document named by its file name.
    let by_name;
    let dest = match dest.strip_prefix(crate::parse::shortcodes::BY_NAME) {
        Some(rest) => {
            let (name, anchor) = rest
                .split_once('#')
                .map_or((rest, None), |(n, a)| (n, Some(a)));
            match site.find_document(name) {
                Ok(path) => {
                    by_name = match anchor {
                        Some(a) => format!("@/{path}#{a}"),
                        None => format!("@/{path}"),
                    };
                    by_name.as_str()
                }
                Err(candidates) => {
                    let help = if candidates.is_empty() {
                        "kiểm tra tên tệp của bài được nhắc tới (bài đó đã được chép vào content/ chưa?), hoặc viết liên kết `@/bai-viet/ten-bai.md`".to_string()
                    } else {
                        format!(
                            "nhiều tệp cùng tên: {}; viết rõ liên kết `@/{}`",
                            candidates.join(", "),
                            candidates[0]
                        )
                    };
                    diags.push(
                        Diagnostic::error(source, format!("liên kết tới `{name}` (thẻ `ref`, `link` hoặc `post_url`) không tìm thấy đúng một bài hay trang có tên đó"))
                            .at(Some(line), Some(column))
                            .with_help(help),
                    );
                    return "#".to_string();
                }
            }
        }
        None => dest,
    };
    if let Some(rest) = dest.strip_prefix("@/") {
        let (path, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (rest, None),
        };
        let Some(url) = site.document_url(path) else {
            // A file that exists but did not parse has its own error.
            if site.unparsed.contains(path) {
                return "#".to_string();
            }
            diags.push(
                Diagnostic::error(source, format!("liên kết `{dest}` trỏ tới tệp không có hoặc chưa được đăng"))
                    .at(Some(line), Some(column))
                    .with_help("liên kết `@/` ghi đường dẫn tệp tính từ thư mục content/, ví dụ `@/bai-viet/tro-giup-phap-ly-la-gi.md`"),
            );
            return "#".to_string();
        };
        if let Some(anchor) = anchor {
            out.anchors.push(AnchorLink {
                target: path.to_string(),
                anchor: anchor.to_string(),
                line,
                column,
            });
            return format!("{}#{anchor}", super::views::href(site, root, &url));
        }
        return super::views::href(site, root, &url);
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        if !anchor.is_empty() {
            out.anchors.push(AnchorLink {
                target: own_path.to_string(),
                anchor: anchor.to_string(),
                line,
                column,
            });
        }
        return dest.to_string();
    }
    if let Some(path) = dest.strip_prefix('/') {
        if !path.starts_with('/') {
            return super::views::href(site, root, path);
        }
    }
    dest.to_string()
}

/// A paragraph just before or after a table that starts with "Bảng:" (or
/// "Bảng 2:", "Table:") becomes the table's `<caption>`, so screen-reader
/// users hear what the table is about. A table without one is warned about.
fn finish_tables<'e>(
    events: Vec<Event<'e>>,
    tables: &[(u32, u32)],
    source: &str,
    diags: &mut Diagnostics,
) -> Vec<Event<'e>> {
    if tables.is_empty() {
        return events;
    }
    // Paragraph spans [start, end] and their text.
    let mut paragraphs: Vec<(usize, usize, String)> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::Paragraph) => open = Some((i, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = &mut open {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((start, text)) = open.take() {
                    paragraphs.push((start, i, text));
                }
            }
            _ => {}
        }
    }
    let caption_of = |text: &str| -> Option<String> {
        let t = text.trim();
        let lower = t.to_lowercase();
        let head = lower.split(':').next()?;
        let is_caption = t.contains(':')
            && (head == "bảng"
                || head == "table"
                || head
                    .strip_prefix("bảng ")
                    .is_some_and(|n| n.trim().chars().all(|c| c.is_ascii_digit() || c == '.')));
        is_caption.then(|| {
            if head == "bảng" || head == "table" {
                t.split_once(':')
                    .map_or(t, |(_, rest)| rest)
                    .trim()
                    .to_string()
            } else {
                t.to_string()
            }
        })
    };
    let mut captions: Vec<(usize, String)> = Vec::new(); // (table start index, caption)
    let mut drop: Vec<(usize, usize)> = Vec::new();
    let mut table_number = 0;
    for (i, e) in events.iter().enumerate() {
        if !matches!(e, Event::Start(Tag::Table(_))) {
            continue;
        }
        let end = events[i..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Table)))
            .map_or(i, |p| i + p);
        let before = paragraphs.iter().find(|(_, pe, _)| *pe + 1 == i);
        let after = paragraphs.iter().find(|(ps, _, _)| *ps == end + 1);
        let found = [before, after]
            .into_iter()
            .flatten()
            .find_map(|(ps, pe, text)| caption_of(text).map(|c| (*ps, *pe, c)));
        match found {
            Some((ps, pe, caption)) => {
                captions.push((i, caption));
                drop.push((ps, pe));
            }
            None => {
                let (line, column) = tables.get(table_number).copied().unwrap_or((0, 0));
                diags.push(
                    Diagnostic::warning(source, "bảng không có chú thích; người dùng trình đọc màn hình sẽ không biết bảng nói về gì")
                        .at(Some(line), Some(column))
                        .with_help("thêm một dòng ngay trên bảng, ví dụ `Bảng: Các giấy tờ cần nộp`"),
                );
            }
        }
        table_number += 1;
    }
    let mut out = Vec::with_capacity(events.len());
    for (i, e) in events.into_iter().enumerate() {
        if drop.iter().any(|(s, e)| (*s..=*e).contains(&i)) {
            continue;
        }
        let caption = captions
            .iter()
            .find(|(t, _)| *t == i)
            .map(|(_, c)| c.clone());
        out.push(e);
        if let Some(c) = caption {
            out.push(Event::InlineHtml(
                format!("<caption>{}</caption>", crate::text::escape_html(&c)).into(),
            ));
        }
    }
    out
}

/// Turns each image into an `<img>` with its text alternative (required: a
/// missing one is an error), `loading="lazy"`, and its width and height when
/// the file is in `static/`, so the page does not jump while it loads.
fn finish_images<'e>(
    events: Vec<Event<'e>>,
    images: &mut impl Iterator<Item = ((u32, u32), Option<String>, String)>,
    site: &Site,
    source: &str,
    diags: &mut Diagnostics,
) -> Vec<Event<'e>> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = event
        else {
            out.push(event);
            continue;
        };
        let mut alt = String::new();
        let mut depth = 1;
        for inner in iter.by_ref() {
            match inner {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                // "Cán bộ⏎tư pháp" is "Cán bộ tư pháp", not "Cán bộtư pháp".
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        let ((line, column), site_path, written) =
            images.next().unwrap_or(((0, 0), None, String::new()));
        let alt = alt.trim();
        if alt.is_empty() {
            diags.push(
                Diagnostic::error(source, format!("ảnh `{written}` không có lời mô tả (alt) cho người không nhìn thấy ảnh"))
                    .at(Some(line), Some(column))
                    .with_help("viết lời mô tả trong ngoặc vuông: ![Cán bộ tư pháp tư vấn cho người dân](/anh/tu-van.jpg)"),
            );
        }
        let esc = crate::text::escape_html;
        let mut tag = format!("<img src=\"{}\" alt=\"{}\"", esc(&dest_url), esc(alt));
        if !title.is_empty() {
            tag.push_str(&format!(" title=\"{}\"", esc(&title)));
        }
        let picture = site_path.as_ref().and_then(|p| site.pictures.get(p));
        let size = match picture {
            Some(p) => Some((p.width, p.height)),
            None => site_path
                .as_ref()
                .and_then(|p| site.image_sizes.get(p))
                .copied(),
        };
        if let Some(picture) = picture {
            // Phones take a small WebP version, never the original.
            let view = super::views::picture_view(picture, &dest_url);
            let mut attributes = format!(" alt=\"{}\"", esc(alt));
            if !title.is_empty() {
                attributes.push_str(&format!(" title=\"{}\"", esc(&title)));
            }
            attributes.push_str(&format!(
                " width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\"",
                picture.width, picture.height
            ));
            out.push(Event::InlineHtml(
                super::views::picture_html(&view, &attributes).into(),
            ));
            continue;
        }
        if let Some((w, h)) = size {
            tag.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        tag.push_str(" loading=\"lazy\" decoding=\"async\">");
        out.push(Event::InlineHtml(tag.into()));
    }
    out
}

/// `text` with each video mark as the video's title.
fn video_titles(text: &str) -> std::borrow::Cow<'_, str> {
    use crate::parse::shortcodes::{VIDEO_CLOSE, VIDEO_OPEN};
    if !text.contains(VIDEO_OPEN) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(VIDEO_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + VIDEO_OPEN.len_utf8()..];
        let end = after.find(VIDEO_CLOSE).unwrap_or(after.len());
        out.push_str(after[..end].splitn(3, ':').nth(2).unwrap_or(""));
        rest = after.get(end + VIDEO_CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out.into()
}

/// The players of the videos `parse::shortcodes` marked, in their frames
/// (YouTube's without cookies, Vimeo's without tracking); a mark that is
/// not a video's is left out.
fn video_players(html: &str) -> String {
    use crate::parse::shortcodes::{is_video_id, VIDEO_CLOSE, VIDEO_OPEN};
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = rest.find(VIDEO_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + VIDEO_OPEN.len_utf8()..];
        let Some(end) = after.find(VIDEO_CLOSE) else {
            rest = after;
            continue;
        };
        let mut parts = after[..end].splitn(3, ':');
        let (kind, id, title) = (parts.next(), parts.next(), parts.next());
        let src = match (kind, id) {
            (Some("youtube"), Some(id)) if is_video_id(id) => {
                Some(format!("https://www.youtube-nocookie.com/embed/{id}"))
            }
            (Some("vimeo"), Some(id)) if is_video_id(id) => {
                Some(format!("https://player.vimeo.com/video/{id}?dnt=1"))
            }
            _ => None,
        };
        if let Some(src) = src {
            // The title is text the Markdown renderer already escaped.
            out.push_str(&format!(
                "<iframe class=\"video\" src=\"{src}\" title=\"{}\" loading=\"lazy\" allow=\"fullscreen; picture-in-picture\" referrerpolicy=\"strict-origin-when-cross-origin\"></iframe>",
                title.unwrap_or("Video").replace('"', "&quot;").replace('\'', "&#39;")
            ));
        }
        rest = &after[end + VIDEO_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Table columns aligned by class (`text-center`…) instead of the
/// `style="text-align: …"` pulldown-cmark writes: the pages' security policy
/// refuses inline styles, and the HTML cleaner removes them, so the
/// alignment was lost on every page.
fn align_by_class(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    let mut html = html;
    for cell in ["th", "td"] {
        for side in ["left", "center", "right"] {
            html = html.replace(
                &format!("<{cell} style=\"text-align: {side}\">"),
                &format!("<{cell} class=\"text-{side}\">"),
            );
        }
    }
    html
}

/// Most table cells an article may have: the bundled articles have under
/// 100, a list of a commune's hamlets with five columns about 1,000. Each
/// cell costs some hundred bytes while rendering (a table of 20,000 columns
/// in an 8 MB article took 1.6 GB).
pub const MAX_TABLE_CELLS: usize = 20_000;

/// Where the table that takes an article's table cells past
/// [`MAX_TABLE_CELLS`] starts (its first row), counted from the text: each
/// table's columns by its delimiter row (`|---|:--:|`), times its rows (the
/// lines up to a blank one). An estimate that may count a little more than
/// Markdown would, never less; linear in the text.
fn oversized_table(markdown: &str) -> Option<usize> {
    // Most articles have no table: one fast search, no line walk.
    if !markdown.contains('|') {
        return None;
    }
    let is_delimiter = |line: &str| {
        let t = line.trim();
        t.contains('-')
            && t.contains(['|', ':'])
            && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    };
    let mut cells = 0usize;
    let mut previous: Option<(usize, &str)> = None;
    let mut lines = markdown.split_inclusive('\n').scan(0usize, |offset, line| {
        let at = *offset;
        *offset += line.len();
        Some((at, line))
    });
    while let Some((at, line)) = lines.next() {
        if is_delimiter(line) {
            if let Some((head_at, head)) = previous.filter(|(_, h)| h.contains('|')) {
                let columns = line
                    .trim()
                    .trim_matches('|')
                    .split('|')
                    .count()
                    .max(head.matches('|').count());
                let mut rows = 1;
                for (_, row) in lines.by_ref() {
                    if row.trim().is_empty() {
                        break;
                    }
                    rows += 1;
                    if cells + columns * rows > MAX_TABLE_CELLS {
                        return Some(head_at);
                    }
                }
                cells += columns * rows;
                if cells > MAX_TABLE_CELLS {
                    return Some(head_at);
                }
                previous = None;
                continue;
            }
        }
        previous = Some((at, line));
    }
    None
}

/// Deepest nesting of raw HTML elements an article may have. The bundled
/// articles use at most 2; tables copied from a web page about 6; the
/// cleaner takes seconds from a few thousand (26 s for 100,000).
pub const MAX_RAW_HTML_DEPTH: usize = 100;

/// How deep the raw HTML of an article has opened elements so far, read
/// fragment by fragment in order: each `<tag` opens one (but void elements,
/// `<br/>`-style and `<!…>`), each `</tag` closes one.
#[derive(Default)]
struct RawDepth {
    depth: usize,
}

impl RawDepth {
    /// Reads `raw`; returns the deepest nesting reached in it.
    fn open(&mut self, raw: &str) -> usize {
        const VOID: &[&str] = &[
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr",
        ];
        let mut deepest = self.depth;
        let bytes = raw.as_bytes();
        for (at, _) in raw.match_indices('<') {
            let rest = &raw[at + 1..];
            if let Some(closing) = rest.strip_prefix('/') {
                if closing.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    self.depth = self.depth.saturating_sub(1);
                }
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let end = rest.find('>').map_or(bytes.len(), |e| at + 1 + e);
            let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
            if VOID.contains(&name.as_str()) || self_closing {
                continue;
            }
            self.depth += 1;
            deepest = deepest.max(self.depth);
        }
        deepest
    }
}

/// Cleans HTML that came from raw HTML in Markdown: scripts, event-handler
/// attributes, `javascript:` URLs, forms, iframes, objects and styles go;
/// what Markdown itself produces (heading ids, footnotes, tables, task
/// lists) stays.
pub fn sanitize(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// The HTML cleaner's settings: what [`sanitize`] keeps, and what
/// [`check_raw_html`] reports as removed.
fn cleaner() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("img", ["loading", "decoding", "srcset", "sizes"])
        .add_tags(["picture", "source"])
        .add_tag_attributes("source", ["type", "srcset", "sizes"])
        .add_tags(super::math::TAGS.iter().copied())
        .add_generic_attributes(super::math::ATTRIBUTES.iter().copied())
        .link_rel(None);
    builder
}

/// What the cleaner allows, read once: tags, each tag's attributes and the
/// attributes every tag may have.
struct Allowed {
    tags: std::collections::HashSet<&'static str>,
    tag_attributes:
        std::collections::HashMap<&'static str, std::collections::HashSet<&'static str>>,
    generic: std::collections::HashSet<&'static str>,
}

fn allowed() -> &'static Allowed {
    static ALLOWED: std::sync::OnceLock<Allowed> = std::sync::OnceLock::new();
    ALLOWED.get_or_init(|| {
        let builder = cleaner();
        Allowed {
            tags: builder.clone_tags(),
            tag_attributes: builder.clone_tag_attributes(),
            generic: builder.clone_generic_attributes(),
        }
    })
}

/// What the cleaner will remove from `raw`, in the order met, each once:
/// "thẻ <video>", "thuộc tính style", "liên kết javascript:".
fn removed_by_cleaner(raw: &str) -> Vec<String> {
    let allowed = allowed();
    let mut found: Vec<String> = Vec::new();
    let mut note = |what: String| {
        if !found.contains(&what) {
            found.push(what);
        }
    };
    let lower = raw.to_ascii_lowercase();
    if lower.contains("javascript:") || lower.contains("vbscript:") {
        note("liên kết javascript:".to_string());
    }
    for (at, _) in lower.match_indices('<') {
        let rest = &lower[at + 1..];
        let name: &str = &rest[..rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len())];
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        if !allowed.tags.contains(name) {
            note(format!("thẻ <{name}>"));
            continue;
        }
        // Its attributes, up to the end of the tag.
        let inside = &rest[name.len()..rest.find('>').unwrap_or(rest.len())];
        let mut chars = inside.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '"' || c == '\'' {
                // A quoted value: skipped whole.
                for (_, d) in chars.by_ref() {
                    if d == c {
                        break;
                    }
                }
                continue;
            }
            if !(c.is_ascii_alphabetic() || c == '_' || c == ':') {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_alphanumeric() || matches!(d, '-' | '_' | ':' | '.') {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let attribute = &inside[i..end];
            let kept = allowed.generic.contains(attribute)
                || allowed
                    .tag_attributes
                    .get(name)
                    .is_some_and(|a| a.contains(attribute));
            if !kept {
                note(if attribute.starts_with("on") {
                    "thuộc tính sự kiện (onclick, onload…)".to_string()
                } else {
                    format!("thuộc tính {attribute} của <{name}>")
                });
            }
            // Skip an unquoted value.
            if chars.peek().is_some_and(|&(_, d)| d == '=') {
                chars.next();
                while chars.peek().is_some_and(|&(_, d)| d == ' ') {
                    chars.next();
                }
                if chars.peek().is_some_and(|&(_, d)| d != '"' && d != '\'') {
                    while chars.peek().is_some_and(|&(_, d)| !d.is_whitespace()) {
                        chars.next();
                    }
                }
            }
        }
    }
    found
}

/// Warns about raw HTML that will be removed (or, on trusted sites, kept):
/// every tag and attribute the cleaner does not keep, at its line.
fn check_raw_html(
    raw: &str,
    source: &str,
    (line, column): (u32, u32),
    allowed: bool,
    diags: &mut Diagnostics,
) {
    if allowed {
        return;
    }
    let found = removed_by_cleaner(raw);
    if found.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::warning(source, format!("mã HTML có {} đã bị loại bỏ để bảo vệ người đọc", found.join(", ")))
            .at(Some(line), Some(column))
            .with_help("nếu trang là của đơn vị tin cậy và cần mã HTML này, đặt `allow_raw_html: true` trong site.yaml; video, bản đồ nhúng: đặt một liên kết tới trang có chúng"),
    );
}

/// `wanted`, or `wanted-1`, `wanted-2`… the first not `taken`. `next`
/// remembers where each id's numbering got to, so that 100,000 headings of
/// one name take linear time, not quadratic.
fn unique(wanted: &str, taken: &BTreeSet<String>, next: &mut FxHashMap<String, u32>) -> String {
    if !taken.contains(wanted) {
        return wanted.to_string();
    }
    let n = next.entry(wanted.to_string()).or_insert(1);
    loop {
        let id = format!("{wanted}-{n}");
        *n += 1;
        if !taken.contains(&id) {
            return id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourcePath;
    use crate::source::{SourceFile, Sources};

    #[test]
    fn tables_are_counted_from_the_text_before_parsing() {
        let small = "Bảng: Nhỏ\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\nChữ | không phải bảng\n";
        assert_eq!(oversized_table(small), None);
        let row = format!("|{}|\n", vec!["ô"; 300].join("|"));
        let rule = format!("|{}|\n", vec!["---"; 300].join("|"));
        let big = format!("Đầu.\n\n{row}{rule}{}", row.repeat(100));
        assert_eq!(oversized_table(&big), Some("Đầu.\n\n".len()));
        // Many small tables add up.
        let table = format!("{row}{rule}{row}\n");
        assert_eq!(oversized_table(&table.repeat(20)), None);
        assert!(oversized_table(&table.repeat(40)).is_some());
    }

    /// The Markdown of each text, rendered as the body of an article.
    fn rendered(texts: &[String]) -> Vec<Rendered> {
        let articles = texts
            .iter()
            .enumerate()
            .map(|(i, text)| SourceFile {
                path: SourcePath::new(format!("content/bai-viet/b{i}.md")),
                text: format!("---\ntitle: Bài {i}\ndate: 2026-01-01\n---\n{text}\n"),
            })
            .collect();
        let sources = Sources {
            articles,
            ..Sources::default()
        };
        let mut diags = Diagnostics::default();
        let site = crate::fuzzing::articles_site(&sources, &mut diags);
        site.articles
            .iter()
            .map(|a| render(&a.body, a.source.as_str(), "../../", &site, &mut diags))
            .collect()
    }

    #[test]
    fn spoken_blocks_are_collapsed_and_counted_as_their_text() {
        // Words cut by markup, code, breaks, tables, images, punctuation
        // alone, whitespace beyond ASCII, in every order.
        let parts = [
            "**Ủy**ban",
            "nhân *dân*",
            " – ",
            "`mã`số",
            "a\u{a0}b",
            "x\u{3000} y",
            "(*)",
            "đ**ư**ờng",
            "![ảnh đẹp](https://a.example/a.png)",
            "dòng  \nmới",
            "dòng\nmềm",
            "100%",
            "…",
            "*",
            "_a_",
        ];
        let mut texts = Vec::new();
        for (i, a) in parts.iter().enumerate() {
            for (j, b) in parts.iter().enumerate() {
                let c = parts[(i * 7 + j * 3) % parts.len()];
                texts.push(format!("{a}{b}{c} {b}{a}"));
                texts.push(format!("- {a}{b}\n- {c}"));
                texts.push(format!("| {a} | {b}{c} |\n|---|---|\n| {c}{a} | {b} |"));
                texts.push(format!("# {a}{c}\n\n> {b} {a}"));
            }
        }
        let mut blocks = 0;
        for body in rendered(&texts) {
            for block in &body.blocks {
                assert_eq!(block.text, text::collapse_whitespace(&block.text));
                assert_eq!(
                    block.words,
                    text::word_count(&block.text),
                    "{:?}",
                    block.text
                );
                blocks += 1;
            }
        }
        assert!(blocks > 4 * parts.len() * parts.len(), "{blocks}");
    }
}
