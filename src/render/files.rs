//! The files that are not pages: the feed, sitemap and robots.txt, open
//! data (plan JSON, task and report CSV), calendars, loudspeaker texts and
//! the search index. Each function returns `(output path, bytes)`; the
//! names are in [`crate::urls`].

use std::collections::BTreeMap;

use super::views::Card;
use super::{calendar, data, dates, feed, loudspeaker, markdown, plan, report, search};
use crate::resolve::Site;
use crate::urls::{CALENDAR, FEED, LOUDSPEAKER, REPORT_CSV, ROBOTS, SITEMAP};

/// The feed, sitemap and robots.txt: `pages` are the site paths of the
/// pages the sitemap lists, with their last-modified dates.
pub(super) fn site_files(
    site: &Site,
    feed: Vec<u8>,
    mut pages: Vec<(String, Option<String>)>,
) -> Vec<(String, Vec<u8>)> {
    if !site.config.prefix.is_empty() {
        // An edition in another language: its feed; the default language's
        // sitemap lists its pages.
        return vec![(site.feed_url(), feed)];
    }
    // The other languages' versions of the pages, listed with them.
    for versions in site.translations.values() {
        for version in versions.iter().filter(|v| !v.default) {
            pages.push((version.url.clone(), None));
        }
    }
    pages.sort();
    pages.dedup();
    vec![
        (FEED.to_string(), feed),
        (
            SITEMAP.to_string(),
            feed::sitemap(site, &pages).into_bytes(),
        ),
        (ROBOTS.to_string(), feed::robots(site).into_bytes()),
    ]
}

/// A page at each article's and page's old address (`aliases`, `url`,
/// `permalink`) that sends the reader on: a `<meta http-equiv="refresh">`,
/// a canonical link and a plain link for browsers that do not follow it.
pub(super) fn alias_files(site: &Site) -> Vec<(String, Vec<u8>)> {
    let articles = site
        .articles
        .iter()
        .map(|a| (&a.aliases, site.article_url(a), &a.title));
    let pages = site
        .pages
        .iter()
        .map(|p| (&p.aliases, site.page_url(p), &p.title));
    let mut files = Vec::new();
    for (aliases, url, title) in articles.chain(pages) {
        for (path, _) in aliases {
            let depth = path.matches('/').count();
            let target = super::views::href(site, &"../".repeat(depth), &url);
            let full = format!("{}{url}", site.config.base_url);
            let title = crate::text::escape_html(title);
            let html = format!(
                "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Trang đã chuyển: {title}</title>\n<link rel=\"canonical\" href=\"{full}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p>Trang này đã chuyển tới: <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n",
                full = crate::text::escape_html(&full),
                target = crate::text::escape_html(&target),
            );
            files.push((path.clone(), html.into_bytes()));
        }
    }
    files
}

/// Open data: every plan as JSON, the list of plans, each plan's report as
/// CSV and every task as CSV. Nothing when the site has no plan.
pub(super) fn plan_files(site: &Site, today: chrono::NaiveDate) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    if site.plans.is_empty() {
        return files;
    }
    for (i, p) in site.plans.iter().enumerate() {
        let json = serde_json::to_vec_pretty(&data::plan_data(site, i)).unwrap_or_default();
        files.push((site.plan_data_url(p), json));
    }
    let index = serde_json::to_vec_pretty(&data::plan_index(site, today)).unwrap_or_default();
    files.push((site.plans_data_url(), index));
    for i in 0..site.plans.len() {
        let path = format!("{}{REPORT_CSV}", site.report_url(i));
        files.push((path, report::report_csv(site, i)));
    }
    files.push((site.tasks_csv_url(), data::tasks_csv(site, today)));
    files
}

/// The name the loudspeaker texts end with: the issuer, or the portal.
fn speaker(site: &Site) -> &str {
    if site.config.issuer.name.is_empty() {
        &site.config.title
    } else {
        &site.config.issuer.name
    }
}

/// Each campaign's loudspeaker text and calendar, and the calendar of all
/// campaigns.
pub(super) fn campaign_files(
    site: &Site,
    campaign_bodies: &[markdown::Rendered],
) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (c, body) in site.campaigns.iter().zip(campaign_bodies.iter()) {
        let mut intro = vec![match c.dates {
            Some(d) => format!(
                "Chiến dịch diễn ra từ {} đến {}.",
                dates::long(d.start.and_time(chrono::NaiveTime::MIN)),
                dates::long(d.end.and_time(chrono::NaiveTime::MIN))
            ),
            None => "Chiến dịch diễn ra thường xuyên trong năm.".to_string(),
        }];
        if !c.messages.is_empty() {
            intro.push(format!("Thông điệp chính: {}", c.messages.join(" ")));
        }
        let mut blocks = body.blocks.clone();
        for e in &c.events {
            let mut line = format!(
                "{}, {}",
                e.title,
                dates::with_weekday(e.date.and_time(chrono::NaiveTime::MIN))
            );
            if let Some(start) = e.start {
                line.push_str(&format!(
                    ", lúc {} giờ {}",
                    start.format("%-H"),
                    start.format("%M")
                ));
            }
            if let Some(place) = e
                .place
                .as_ref()
                .filter(|p| !p.starts_with(crate::config::PLACEHOLDER))
            {
                line.push_str(&format!(", tại {place}"));
            }
            line.push('.');
            blocks.push(loudspeaker::Spoken::new(&line));
        }
        let text = loudspeaker::script(&c.title, &intro, &blocks, speaker(site));
        files.push((
            format!("{}{LOUDSPEAKER}", site.campaign_url(c)),
            plain_text(&text),
        ));
    }
    if !site.campaigns.is_empty() {
        for c in &site.campaigns {
            let ics = calendar::ics(site, &[c], &c.title);
            files.push((
                format!("{}{CALENDAR}", site.campaign_url(c)),
                ics.into_bytes(),
            ));
        }
        let all: Vec<&crate::model::Campaign> = site.campaigns.iter().collect();
        let ics = calendar::ics(site, &all, &site.config.title);
        files.push((CALENDAR.to_string(), ics.into_bytes()));
    }
    files
}

/// The search index files, as `(output path, bytes)`, every article's
/// Markdown rendered again a batch at a time (the preview's catch-up after
/// edits; a full build adds the articles as it renders their pages).
pub fn search_files(site: &Site, topics: &BTreeMap<String, String>) -> Vec<(String, Vec<u8>)> {
    let mut index = search::Index::new(topics, &site.config.language);
    let mut files = Vec::new();
    let all: Vec<usize> = (0..site.articles.len()).collect();
    for batch in all.chunks(super::ARTICLE_BATCH) {
        let mut ignored = crate::diag::Diagnostics::default();
        let bodies = super::bodies::render_articles(site, batch, &mut ignored);
        files.extend(index.add(&article_search_docs(site, batch, &bodies)));
    }
    files.extend(index.add(&other_search_docs(site)));
    files.extend(index.finish());
    search_paths(site, files)
}

/// Search index files at their place in the output: under the search page's
/// folder, and as scripts in an offline copy.
pub(super) fn search_paths(site: &Site, files: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    files
        .into_iter()
        .map(|(path, bytes)| {
            let (path, bytes) = if site.index_links {
                // Opened from disk, browsers refuse fetch() but run scripts: the
                // offline copy carries the index as scripts that hand it over.
                let mut script = format!("window.__loaSearch({path:?},").into_bytes();
                script.extend(bytes);
                script.extend(b");\n");
                (path.replace(".json", ".js"), script)
            } else {
                (path, bytes)
            };
            (format!("{}{path}", site.search_url()), bytes)
        })
        .collect()
}

/// Article `i`'s text for the loudspeaker: `(output path, bytes)`.
pub(super) fn article_loudspeaker(
    site: &Site,
    i: usize,
    body: &markdown::Rendered,
) -> (String, Vec<u8>) {
    let a = &site.articles[i];
    let intro = vec![format!("Bài đăng {}.", dates::long(a.date))];
    let text = loudspeaker::script(&a.title, &intro, &body.blocks, speaker(site));
    (
        format!("{}{LOUDSPEAKER}", site.article_url(a)),
        plain_text(&text),
    )
}

/// A plain-text file's bytes: UTF-8 with a byte-order mark, which browsers
/// and editors read as UTF-8 even when a server sends `text/plain` without a
/// charset (without it, Vietnamese shows as mojibake).
fn plain_text(text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    bytes.extend_from_slice("\u{feff}".as_bytes());
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// The HTML of the articles the feed carries, their Markdown rendered again
/// (only a few).
pub(super) fn feed_html(site: &Site) -> Vec<String> {
    let newest: Vec<usize> = (0..site.articles.len().min(feed::FEED_ENTRIES)).collect();
    let mut ignored = crate::diag::Diagnostics::default();
    super::bodies::render_articles(site, &newest, &mut ignored)
        .into_iter()
        .map(|body| body.html)
        .collect()
}

/// The Atom feed of the newest articles, with their text: `html` holds
/// the HTML of the first of them.
pub(super) fn atom_feed(site: &Site, cards: &[Card], html: &[String]) -> Vec<u8> {
    let items: Vec<feed::FeedItem> = html
        .iter()
        .enumerate()
        .map(|(i, html)| feed::FeedItem {
            article: i,
            html,
            summary: &cards[i].summary,
        })
        .collect();
    feed::atom(site, &items).into_bytes()
}

/// The kinds of documents search covers on this site, and the names of the
/// topics its filters offer (article categories, plan topics).
pub(super) fn search_facets(site: &Site) -> (Vec<&'static str>, BTreeMap<String, String>) {
    let mut topics = BTreeMap::new();
    for a in &site.articles {
        for (slug, name) in category_slugs(a).into_iter().zip(&a.categories) {
            topics.entry(slug).or_insert_with(|| name.clone());
        }
    }
    for p in &site.plans {
        for t in &p.topics {
            topics
                .entry(t.clone())
                .or_insert_with(|| site.topic_name(t));
        }
    }
    let kinds = [
        ("bai-viet", !site.articles.is_empty()),
        ("ke-hoach", !site.plans.is_empty()),
        ("nhiem-vu", !site.tasks.is_empty()),
        ("chien-dich", !site.campaigns.is_empty()),
        ("don-vi", !site.units.is_empty()),
    ]
    .into_iter()
    .filter_map(|(kind, present)| present.then_some(kind))
    .collect();
    (kinds, topics)
}

/// An article's category slugs, as its search document lists them.
fn category_slugs(a: &crate::model::Article) -> Vec<String> {
    a.categories
        .iter()
        .filter_map(|c| crate::model::Slug::from_text(c).map(|s| s.to_string()))
        .collect()
}

/// The search documents of the articles `indexes`, whose Markdown is
/// `bodies`.
pub(super) fn article_search_docs<'a>(
    site: &'a Site,
    indexes: &[usize],
    bodies: &'a [markdown::Rendered],
) -> Vec<search::SearchDoc<'a>> {
    indexes
        .iter()
        .zip(bodies)
        .map(|(&i, body)| {
            let a = &site.articles[i];
            search::SearchDoc {
                kind: "bai-viet",
                title: a.title.clone(),
                url: site.article_url(a),
                topics: category_slugs(a),
                text: vec![
                    a.summary.as_deref().unwrap_or("").into(),
                    a.tags.join(" ").into(),
                    body.plain.as_str().into(),
                ],
            }
        })
        .collect()
}

/// The search documents of everything but articles: plans, their tasks,
/// campaigns and units.
pub(super) fn other_search_docs(site: &Site) -> Vec<search::SearchDoc<'_>> {
    let mut docs = Vec::new();
    for (i, p) in site.plans.iter().enumerate() {
        let mut text: Vec<String> =
            vec![p.summary.clone().unwrap_or_default(), p.issuer.name.clone()];
        text.extend(p.basis.iter().map(|b| b.text.clone()));
        text.extend(p.body.iter().flat_map(plan::all_text));
        docs.push(search::SearchDoc {
            kind: "ke-hoach",
            title: p.title.clone(),
            url: site.plan_url(p),
            topics: p.topics.clone(),
            text: vec![text.join(" ").into()],
        });
        for t in site.tasks.iter().filter(|t| t.plan == i) {
            docs.push(search::SearchDoc {
                kind: "nhiem-vu",
                title: format!("{} {}", t.path, crate::text::truncate_words(&t.title, 140)),
                url: format!("{}#{}", site.plan_url(p), t.anchor),
                topics: p.topics.clone(),
                text: [
                    Some(&t.title),
                    t.lead_text.as_ref(),
                    t.partners_text.as_ref(),
                    t.timeframe.as_ref(),
                    Some(&p.title),
                ]
                .into_iter()
                .flatten()
                .map(|s| s.as_str().into())
                .collect(),
            });
        }
    }
    for c in &site.campaigns {
        let events: Vec<String> = c
            .events
            .iter()
            .map(|e| {
                format!(
                    "{} {} {}",
                    e.title,
                    e.place.as_deref().unwrap_or(""),
                    e.description.as_deref().unwrap_or("")
                )
            })
            .collect();
        docs.push(search::SearchDoc {
            kind: "chien-dich",
            title: c.title.clone(),
            url: site.campaign_url(c),
            topics: Vec::new(),
            text: vec![
                c.summary.as_deref().unwrap_or("").into(),
                c.messages.join(" ").into(),
                events.join(" ").into(),
                c.audience.join(" ").into(),
            ],
        });
    }
    for u in &site.units {
        docs.push(search::SearchDoc {
            kind: "don-vi",
            title: u.name.clone(),
            url: site.unit_url(u),
            topics: Vec::new(),
            text: vec![
                u.aliases.join(" ").into(),
                u.level.label().into(),
                u.description.as_deref().unwrap_or("").into(),
            ],
        });
    }
    docs
}
