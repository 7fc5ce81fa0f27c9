//! The theme contract: the values templates see. Every `url` here is ready to
//! use as an `href` on the page being rendered (relative to it, or a full
//! external URL), so templates never compute paths.

use serde::Serialize;

pub mod articles;
pub mod campaigns;
pub mod documents;
pub mod plans;

use super::dates;
use crate::model::Image;
use crate::resolve::{Site, Term};

/// Values every template gets.
#[derive(Serialize)]
pub struct Common<'a> {
    /// Site-wide values (when the page's templates read them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<&'a SiteView>,
    /// UI strings (`t.read_more`…).
    pub t: &'a std::collections::BTreeMap<String, String>,
    /// Path back to the site root from this page: `./`, `../`, `../../`.
    pub root: String,
    /// `href` of the home page.
    pub home_url: String,
    /// `href` of the search page.
    pub search_url: String,
    /// `href` of this language's Atom feed.
    pub feed_url: String,
    /// This page in each of the site's languages, this one included (none
    /// when it has no translation): for `<link rel="alternate" hreflang>`
    /// and the language switch.
    pub translations: Vec<TranslationView>,
    /// Theme files by name → their fingerprinted name ("style.css" →
    /// "style.1a2b3c4d.css"), when the page's templates read them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assets: Option<&'a std::collections::BTreeMap<String, String>>,
    /// This page's head values.
    pub page: PageMeta,
    /// Main menu, with `current` set on this page's entry.
    pub menu: Vec<Link>,
    /// Breadcrumbs from the home page to this page's parent.
    pub breadcrumbs: Vec<Link>,
}

/// A page in one of the site's languages.
#[derive(Serialize, Clone, Debug)]
pub struct TranslationView {
    /// Its language's code (`en`), for `hreflang` and `lang`.
    pub lang: String,
    /// Its language's name in itself ("English").
    pub name: String,
    /// `href` from this page.
    pub url: String,
    /// Full address, for `<link rel="alternate">`.
    pub full: String,
    /// Whether it is the page being shown.
    pub current: bool,
    /// Whether it is in the site's default language (`x-default`).
    pub default: bool,
}

/// Site-wide values.
#[derive(Serialize)]
pub struct SiteView {
    /// Portal title.
    pub title: String,
    /// Portal description.
    pub description: String,
    /// Full base URL, ending in `/`.
    pub base_url: String,
    /// `vi`.
    pub language: String,
    /// The language as share previews name it: `vi_VN`, `en_US`.
    pub locale: String,
    /// The issuing body and its contacts.
    pub issuer: IssuerView,
    /// Year of the newest content, for the footer.
    pub year: i32,
    /// What the pages' security policy adds for video players
    /// (`video_embeds`): ` frame-src …;`, or nothing.
    pub csp_frames: &'static str,
}

impl SiteView {
    /// The values of `config`, with `year` for the footer.
    pub fn new(c: &crate::config::SiteConfig, year: i32) -> SiteView {
        let i = &c.issuer;
        SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            base_url: c.base_url.clone(),
            language: c.language.clone(),
            locale: match c.language.as_str() {
                "vi" => "vi_VN".to_string(),
                "en" => "en_US".to_string(),
                other => other.replace('-', "_"),
            },
            csp_frames: if c.video_embeds {
                " frame-src https://www.youtube-nocookie.com https://player.vimeo.com;"
            } else {
                ""
            },
            issuer: IssuerView {
                name: i.name.clone(),
                parent: i.parent.clone(),
                address: i.address.clone(),
                phone: i.phone.clone(),
                email: i.email.clone(),
                hotline: i.hotline.clone(),
                working_hours: i.working_hours.clone(),
                help_contacts: i
                    .help_contacts
                    .iter()
                    .map(|h| HelpContactView {
                        name: h.name.clone(),
                        purpose: h.purpose.clone(),
                        address: h.address.clone(),
                        phone: h.phone.clone(),
                    })
                    .collect(),
            },
            year,
        }
    }
}

/// The issuing body and its contacts.
#[derive(Serialize)]
pub struct IssuerView {
    /// Name.
    pub name: String,
    /// Parent body.
    pub parent: String,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// Email.
    pub email: String,
    /// Hotline.
    pub hotline: String,
    /// Office hours.
    pub working_hours: String,
    /// Other places to turn to.
    pub help_contacts: Vec<HelpContactView>,
}

/// Another place to turn to.
#[derive(Serialize)]
pub struct HelpContactView {
    /// Name.
    pub name: String,
    /// What it helps with.
    pub purpose: String,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: String,
}

/// Head values of one page.
#[derive(Serialize, Default)]
pub struct PageMeta {
    /// Kind: home, article, list, category, tag, terms, page, 404.
    pub kind: &'static str,
    /// The page's own title (the `<h1>`); the `<title>` adds the site title.
    pub title: String,
    /// Meta description and share text.
    pub description: String,
    /// Full canonical URL (empty for the 404 page).
    pub canonical: String,
    /// `website` or `article`.
    pub og_type: &'static str,
    /// Full URL of the share image, if any.
    pub og_image: String,
    /// Its text alternative.
    pub og_image_alt: String,
    /// RFC 3339 publication time (articles).
    pub published_time: String,
    /// RFC 3339 modification time (articles).
    pub modified_time: String,
}

/// A link.
#[derive(Serialize, Clone)]
pub struct Link {
    /// Text.
    pub label: String,
    /// `href`.
    pub url: String,
    /// Whether it is the page being shown.
    pub current: bool,
}

/// A date in the forms templates need.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DateView {
    /// `2022-04-12`, for `<time datetime>`.
    pub iso: String,
    /// `ngày 12 tháng 4 năm 2022`.
    pub text: String,
    /// `Thứ Ba, ngày 12 tháng 4 năm 2022`.
    pub full: String,
    /// `12/04/2022`.
    pub short: String,
}

impl DateView {
    /// All forms of one date, in the site's `language` (English for `en`,
    /// else Vietnamese).
    pub fn new(date: chrono::NaiveDateTime, language: &str) -> DateView {
        let english = language == "en" || language.starts_with("en-");
        DateView {
            iso: dates::iso_date(date),
            text: if english {
                dates::long_en(date)
            } else {
                dates::long(date)
            },
            full: if english {
                dates::with_weekday_en(date)
            } else {
                dates::with_weekday(date)
            },
            short: dates::short(date),
        }
    }
}

/// An article in a list: what the article already holds is borrowed.
#[derive(Serialize)]
pub struct ArticleCard<'a> {
    /// Title.
    pub title: &'a str,
    /// `href`.
    pub url: String,
    /// Publication date.
    pub date: &'a DateView,
    /// Update date.
    pub updated: Option<&'a DateView>,
    /// Summary (written, or the start of the text).
    pub summary: &'a str,
    /// Categories.
    pub categories: Vec<Link>,
    /// Tags.
    pub tags: Vec<Link>,
    /// Audience.
    pub audience: &'a [String],
    /// Lead image.
    pub image: Option<ImageView>,
    /// Author.
    pub author: Option<&'a str>,
    /// Minutes to read, at least 1.
    pub reading_minutes: usize,
}

/// An image.
#[derive(Serialize)]
pub struct ImageView {
    /// `src`.
    pub src: String,
    /// Text alternative.
    pub alt: String,
    /// Width in pixels, when the file is in `static/`.
    pub width: Option<u32>,
    /// Height in pixels, when the file is in `static/`.
    pub height: Option<u32>,
    /// Smaller versions for phones, when it is a photo of the site.
    pub picture: Option<PictureView>,
}

/// A photo's smaller versions, for `<picture>`: a `<source>` of WebP
/// versions and the `srcset` of the `<img>` (JPEG or PNG), with the
/// `sizes` the page lays it out at. `src` of the image is the widest
/// fallback version.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct PictureView {
    /// `srcset` of the WebP `<source>`: `a.1a2b3c4d.480.webp 480w, …`.
    pub webp: String,
    /// `srcset` of the `<img>`.
    pub fallback: String,
    /// `sizes` of both.
    pub sizes: &'static str,
    /// `src` of the `<img>`.
    pub src: String,
}

/// How wide a photo in the text column is shown: the column (46rem less
/// its padding) on a wide screen, the screen less its padding on a phone.
pub const PICTURE_SIZES: &str = "(min-width: 46rem) 44rem, calc(100vw - 2rem)";

/// The versions of `picture` for a page that reaches the original as
/// `original_href` (they are in its folder).
pub fn picture_view(picture: &crate::source::Picture, original_href: &str) -> PictureView {
    let folder = original_href.rsplit_once('/').map_or("", |(f, _)| f);
    let href = |path: &str| {
        let name = path.rsplit('/').next().unwrap_or(path);
        if folder.is_empty() {
            name.to_string()
        } else {
            format!("{folder}/{name}")
        }
    };
    let versions = picture.versions();
    let srcset = |pick: fn(&crate::source::PictureVersion) -> &String| {
        versions
            .iter()
            .map(|v| format!("{} {}w", href(pick(v)), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    PictureView {
        webp: srcset(|v| &v.webp),
        fallback: srcset(|v| &v.fallback),
        sizes: PICTURE_SIZES,
        src: href(&picture.main_version().fallback),
    }
}

/// `<picture>` with `<img>` inside, for Markdown images and the
/// cleaner's allow-list: `attributes` are the `<img>`'s others (alt, size).
pub fn picture_html(view: &PictureView, attributes: &str) -> String {
    let esc = crate::text::escape_html;
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\"><img src=\"{}\" srcset=\"{}\" sizes=\"{}\"{attributes}></picture>",
        esc(&view.webp),
        view.sizes,
        esc(&view.src),
        esc(&view.fallback),
        view.sizes
    )
}

/// A table-of-contents entry.
#[derive(Serialize)]
pub struct TocEntry {
    /// 2–6.
    pub level: u8,
    /// Anchor.
    pub id: String,
    /// Text.
    pub text: String,
}

/// A cited source.
#[derive(Serialize)]
pub struct CitationView {
    /// Name of the document.
    pub title: String,
    /// Where to read it.
    pub url: Option<String>,
}

/// Pagination of a list.
#[derive(Serialize)]
pub struct Pagination {
    /// 1-based current page.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page `href`.
    pub prev: Option<String>,
    /// Next page `href`.
    pub next: Option<String>,
    /// Every page.
    pub pages: Vec<Link>,
}

/// A category or tag in an index.
#[derive(Serialize)]
pub struct TermView {
    /// Name.
    pub name: String,
    /// `href`.
    pub url: String,
    /// Number of articles.
    pub count: usize,
}

/// What pages other than an article's own show of it: the cards of lists,
/// the home, category and tag pages, the links of its neighbours and of
/// plan, campaign, report and document pages, the sitemap's date. Computed
/// in one function, [`crate::render::article_card`], from every field of the
/// article; the preview compares an article's card before and after an edit
/// to know which pages the edit changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// Where it is listed and what it links to.
    pub place: Place,
    /// Title.
    pub title: String,
    /// Summary to show (written, or the start of the text).
    pub summary: String,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// Its date in every form (cards show it on many pages: formatted once).
    pub date: DateView,
    /// Its update date in every form.
    pub updated: Option<DateView>,
    /// Its categories with their slugs, those without one left out.
    pub categories: Vec<(String, String)>,
    /// Its tags with their slugs, those without one left out.
    pub tags: Vec<(String, String)>,
    /// Audience.
    pub audience: Vec<String>,
    /// Lead image.
    pub image: Option<Image>,
    /// Author.
    pub author: Option<String>,
}

/// Where an article is listed and what it links to: when this changes, the
/// pages that list it or link to it are not the same pages any more, and
/// the preview renders the whole site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Its address.
    pub slug: crate::model::Slug,
    /// Its order in lists.
    pub date: chrono::NaiveDateTime,
    /// The lists of its categories and tags.
    pub categories: Vec<String>,
    /// See `categories`.
    pub tags: Vec<String>,
    /// Whether it is published.
    pub draft: bool,
    /// The plan tasks it implements (their pages list it).
    pub implements: Vec<String>,
    /// The documents it cites (their pages list it).
    pub legal_basis: Vec<String>,
    /// Registry documents its text names.
    pub mentions: Vec<String>,
    /// Whether its citations are judged at its date.
    pub historical: bool,
    /// Its old addresses, each a page of its own.
    pub aliases: Vec<String>,
    /// Its weight in lists (Hugo's `weight`).
    pub weight: i64,
    /// When it stops being published.
    pub expires: Option<chrono::NaiveDateTime>,
}

/// `root` + a site path, as an `href`. For an offline copy, links to
/// folders name their `index.html`, since browsers do not open it by
/// themselves from disk.
pub fn href(site: &Site, root: &str, site_path: &str) -> String {
    joined_href(site, root, &[site_path])
}

/// [`href`] of the folder `<base>/<slug>/`: cards have several such links,
/// and there are many cards.
fn folder_href(site: &Site, root: &str, base: &str, slug: &str) -> String {
    joined_href(site, root, &[base, "/", slug, "/"])
}

/// [`href`] of the site path written in `parts`, joined by concatenation
/// rather than the formatting machinery (a build writes hundreds of
/// thousands of links).
fn joined_href(site: &Site, root: &str, parts: &[&str]) -> String {
    let size: usize = parts.iter().map(|p| p.len()).sum();
    let mut url = String::with_capacity(root.len() + size + "index.html".len());
    url.push_str(root);
    for part in parts {
        url.push_str(part);
    }
    if site.index_links && (size == 0 || url.ends_with('/')) {
        url.push_str("index.html");
    }
    url
}

/// An image `src`: site paths made relative, full URLs kept.
pub fn image_src(root: &str, src: &str) -> String {
    if src.contains("://") || src.starts_with("data:") {
        src.to_string()
    } else {
        format!("{root}{}", src.trim_start_matches('/'))
    }
}

/// A lead image as a page shows it, with its size when the file is in `static/`.
pub fn image_view(site: &Site, root: &str, image: &Image) -> ImageView {
    let path = image.src.trim_start_matches('/');
    let src = image_src(root, &image.src);
    let picture = site.pictures.get(path).map(|p| picture_view(p, &src));
    let size = match site.pictures.get(path) {
        // Turned as the camera says.
        Some(p) => Some((p.width, p.height)),
        None => site.image_sizes.get(path).copied(),
    };
    ImageView {
        src: picture.as_ref().map_or(src, |p| p.src.clone()),
        alt: image.alt.clone(),
        width: size.map(|s| s.0),
        height: size.map(|s| s.1),
        picture,
    }
}

/// An image's full URL, for share previews.
pub fn image_full_url(site: &Site, image: &Image) -> String {
    let path = image.src.trim_start_matches('/');
    if image.src.contains("://") {
        image.src.clone()
    } else if let Some(picture) = site.pictures.get(path) {
        // The widest version: a share preview needs no more.
        format!(
            "{}{}",
            site.config.base_url,
            picture.main_version().fallback
        )
    } else {
        format!("{}{path}", site.config.base_url)
    }
}

/// The card of an article, with links relative to `root`.
pub fn card<'a>(site: &Site, card: &'a Card, root: &str) -> ArticleCard<'a> {
    let term_links = |terms: &[(String, String)], base: &str| -> Vec<Link> {
        terms
            .iter()
            .map(|(name, slug)| Link {
                label: name.clone(),
                url: folder_href(site, root, base, slug),
                current: false,
            })
            .collect()
    };
    ArticleCard {
        title: &card.title,
        url: folder_href(
            site,
            root,
            &site.config.urls.articles,
            card.place.slug.as_str(),
        ),
        date: &card.date,
        updated: card.updated.as_ref(),
        summary: &card.summary,
        categories: term_links(&card.categories, &site.config.urls.categories),
        tags: term_links(&card.tags, &site.config.urls.tags),
        audience: &card.audience,
        image: card.image.as_ref().map(|i| image_view(site, root, i)),
        author: card.author.as_deref(),
        reading_minutes: card.reading_minutes,
    }
}

/// A category or tag in an index.
pub fn term_view(term: &Term, url: String) -> TermView {
    TermView {
        name: term.name.clone(),
        url,
        count: term.articles.len(),
    }
}
