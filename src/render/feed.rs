//! The Atom feed (`feed.xml`), the sitemap and robots.txt. Pure.

use super::dates;
use crate::resolve::Site;

/// Articles in the feed.
pub const FEED_ENTRIES: usize = 20;

/// One feed entry's content, already rendered.
pub struct FeedItem<'a> {
    /// Index into `site.articles`.
    pub article: usize,
    /// The article's HTML (links relative to the article page).
    pub html: &'a str,
    /// Summary text.
    pub summary: &'a str,
}

/// The site-wide Atom feed of the newest articles.
pub fn atom(site: &Site, items: &[FeedItem]) -> String {
    let c = &site.config;
    let zone = c.timezone;
    let base = &c.base_url;
    let updated = site
        .articles
        .iter()
        .map(|a| a.updated.unwrap_or(a.date).max(a.date))
        .max()
        .map(|d| dates::rfc3339(d, zone))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut out = String::with_capacity(4096 + items.len() * 4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        esc(&c.language)
    ));
    out.push_str(&format!("<title>{}</title>\n", esc(&c.title)));
    if !c.description.is_empty() {
        out.push_str(&format!("<subtitle>{}</subtitle>\n", esc(&c.description)));
    }
    // The edition's own home and feed (`en/`), the site's for the default
    // language.
    let home = format!("{base}{}", c.prefix);
    out.push_str(&format!(
        "<link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        esc(&format!("{base}{}", site.feed_url()))
    ));
    out.push_str(&format!(
        "<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
        esc(&home)
    ));
    out.push_str(&format!(
        "<id>{}</id>\n<updated>{updated}</updated>\n",
        esc(&home)
    ));
    let author = if c.issuer.name.is_empty() {
        &c.title
    } else {
        &c.issuer.name
    };
    out.push_str(&format!("<author><name>{}</name></author>\n", esc(author)));
    out.push_str("<generator>loa</generator>\n");
    for item in items {
        let a = &site.articles[item.article];
        let url = format!("{base}{}", site.article_url(a));
        out.push_str("<entry>\n");
        out.push_str(&format!("<title>{}</title>\n", esc(&a.title)));
        out.push_str(&format!(
            "<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
            esc(&url)
        ));
        out.push_str(&format!("<id>{}</id>\n", esc(&url)));
        out.push_str(&format!(
            "<published>{}</published>\n",
            dates::rfc3339(a.date, zone)
        ));
        out.push_str(&format!(
            "<updated>{}</updated>\n",
            dates::rfc3339(a.updated.unwrap_or(a.date).max(a.date), zone)
        ));
        if let Some(author) = &a.author {
            out.push_str(&format!("<author><name>{}</name></author>\n", esc(author)));
        }
        for name in &a.categories {
            out.push_str(&format!(
                "<category term=\"{}\" label=\"{}\"/>\n",
                esc(crate::model::Slug::from_text(name)
                    .as_ref()
                    .map_or("", |s| s.as_str())),
                esc(name)
            ));
        }
        out.push_str(&format!("<summary>{}</summary>\n", esc(item.summary)));
        out.push_str(&format!(
            "<content type=\"html\" xml:base=\"{}\">{}</content>\n",
            esc(&url),
            esc(item.html)
        ));
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// A sitemap of the given `(site path, lastmod date)` pairs.
pub fn sitemap(site: &Site, pages: &[(String, Option<String>)]) -> String {
    // The XHTML namespace only when pages have versions in other languages.
    let xhtml = if site.translations.is_empty() {
        ""
    } else {
        " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{xhtml}>\n",
    );
    for (path, lastmod) in pages {
        out.push_str(&format!(
            "<url><loc>{}{}</loc>",
            esc(&site.config.base_url),
            esc(&crate::urls::ascii_url(path))
        ));
        if let Some(lastmod) = lastmod {
            out.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
        }
        // The page in every language, itself included, and the default.
        if let Some(versions) = site.translations.get(path) {
            for v in versions {
                let full = format!("{}{}", site.config.base_url, crate::urls::ascii_url(&v.url));
                out.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    esc(&v.language),
                    esc(&full)
                ));
                if v.default {
                    out.push_str(&format!(
                        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        esc(&full)
                    ));
                }
            }
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// robots.txt, pointing crawlers at the sitemap.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    )
}

/// Escapes text for XML content and attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
