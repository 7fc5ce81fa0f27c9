//! The site's addresses: every URL path loa builds for a page or a file,
//! and the names of the files it writes. Paths are site paths, relative to
//! the site root, ending in `/` for a folder (`bai-viet/tro-giup/`); a
//! page turns them into links with `render::views::href`.
//!
//! The first segments come from `urls:` in site.yaml; the fixed names
//! below are part of loa's URL contract (DESIGN.md), so that published
//! addresses do not change between versions.

use crate::model::{Article, Campaign, LegalDoc, Page, Plan, Unit};
use crate::resolve::{DocRef, Site, Term};

/// The Atom feed of the newest articles.
pub const FEED: &str = "feed.xml";
/// The sitemap.
pub const SITEMAP: &str = "sitemap.xml";
/// Instructions for crawlers.
pub const ROBOTS: &str = "robots.txt";
/// The page served for a missing address.
pub const NOT_FOUND: &str = "404.html";
/// Every campaign's events, for a calendar program (also one per campaign,
/// in its folder).
pub const CALENDAR: &str = "lich.ics";
/// An article's or campaign's text for the commune loudspeaker, in its folder.
pub const LOUDSPEAKER: &str = "loa.txt";
/// A plan's implementation report as a spreadsheet, in its report's folder.
pub const REPORT_CSV: &str = "bao-cao.csv";
/// Every task of every plan as a spreadsheet, in the open-data folder.
pub const TASKS_CSV: &str = "nhiem-vu.csv";
/// The last segment of a campaign's A4 poster.
pub const POSTER: &str = "ap-phich";
/// The last segment of a plan's implementation report.
pub const REPORT: &str = "bao-cao";
/// The segment, below the plans, of the legal-basis page.
pub const BASIS: &str = "can-cu";
/// The segment, below the plans, of the year pages.
pub const YEARS: &str = "nam";

impl Site {
    /// `bai-viet/<slug>/`
    pub fn article_url(&self, article: &Article) -> String {
        format!("{}/{}/", self.config.urls.articles, article.slug)
    }

    /// `<slug>/`
    pub fn page_url(&self, page: &Page) -> String {
        format!("{}{}/", self.config.prefix, page.slug)
    }

    /// `chuyen-muc/<slug>/`
    pub fn category_url(&self, term: &Term) -> String {
        format!("{}/{}/", self.config.urls.categories, term.slug)
    }

    /// `the/<slug>/`
    pub fn tag_url(&self, term: &Term) -> String {
        format!("{}/{}/", self.config.urls.tags, term.slug)
    }

    /// `ke-hoach/<slug>/`
    pub fn plan_url(&self, plan: &Plan) -> String {
        format!("{}/{}/", self.config.urls.plans, plan.slug)
    }

    /// `don-vi/<id>/`
    pub fn unit_url(&self, unit: &Unit) -> String {
        format!("{}/{}/", self.config.urls.units, unit.id)
    }

    /// `chien-dich/<slug>/`
    pub fn campaign_url(&self, campaign: &Campaign) -> String {
        format!("{}/{}/", self.config.urls.campaigns, campaign.slug)
    }

    /// `chien-dich/<slug>/ap-phich/`
    pub fn poster_url(&self, campaign: &Campaign) -> String {
        format!("{}{POSTER}/", self.campaign_url(campaign))
    }

    /// `van-ban/<slug>/`
    pub fn legal_doc_url(&self, doc: &LegalDoc) -> String {
        format!("{}/{}/", self.config.urls.documents, doc.slug)
    }

    /// `ke-hoach/<slug>/bao-cao/`: the report of plan `plan`.
    pub fn report_url(&self, plan: usize) -> String {
        format!("{}{REPORT}/", self.plan_url(&self.plans[plan]))
    }

    /// `ke-hoach/nam/<year>/`
    pub fn year_url(&self, year: i32) -> String {
        format!("{}/{YEARS}/{year}/", self.config.urls.plans)
    }

    /// `ke-hoach/can-cu/`
    pub fn basis_url(&self) -> String {
        format!("{}/{BASIS}/", self.config.urls.plans)
    }

    /// `ke-hoach/bao-cao/`: every plan's report.
    pub fn reports_url(&self) -> String {
        format!("{}/{REPORT}/", self.config.urls.plans)
    }

    /// `bai-viet/`
    /// The page a section's text introduces: its category's (by its title),
    /// or the list of all articles for the top folder's.
    pub fn section_url(&self, section: &crate::model::Section) -> String {
        let term = (!section.folder.is_empty())
            .then(|| {
                let slug = crate::model::Slug::from_text(&section.title)?;
                self.categories.iter().find(|t| t.slug == slug)
            })
            .flatten();
        match term {
            Some(term) => self.category_url(term),
            None => self.articles_url(),
        }
    }

    /// `feed.xml`, `en/feed.xml`: this language's Atom feed.
    pub fn feed_url(&self) -> String {
        format!("{}{FEED}", self.config.prefix)
    }

    pub fn articles_url(&self) -> String {
        format!("{}/", self.config.urls.articles)
    }

    /// `chuyen-muc/`
    pub fn categories_url(&self) -> String {
        format!("{}/", self.config.urls.categories)
    }

    /// `the/`
    pub fn tags_url(&self) -> String {
        format!("{}/", self.config.urls.tags)
    }

    /// `ke-hoach/`
    pub fn plans_url(&self) -> String {
        format!("{}/", self.config.urls.plans)
    }

    /// `don-vi/`
    pub fn units_url(&self) -> String {
        format!("{}/", self.config.urls.units)
    }

    /// `chien-dich/`
    pub fn campaigns_url(&self) -> String {
        format!("{}/", self.config.urls.campaigns)
    }

    /// `van-ban/`
    pub fn legal_docs_url(&self) -> String {
        format!("{}/", self.config.urls.documents)
    }

    /// `tim-kiem/`: the search page, and the folder of its index files.
    pub fn search_url(&self) -> String {
        format!("{}/", self.config.urls.search)
    }

    /// `du-lieu/ke-hoach/<slug>.json`: a plan as open data.
    pub fn plan_data_url(&self, plan: &Plan) -> String {
        format!(
            "{}/{}/{}.json",
            self.config.urls.data, self.config.urls.plans, plan.slug
        )
    }

    /// `du-lieu/ke-hoach.json`: the list of plans as open data.
    pub fn plans_data_url(&self) -> String {
        format!("{}/{}.json", self.config.urls.data, self.config.urls.plans)
    }

    /// `du-lieu/nhiem-vu.csv`
    pub fn tasks_csv_url(&self) -> String {
        format!("{}/{TASKS_CSV}", self.config.urls.data)
    }

    /// The URL path of page `n` (1-based) of a list whose first page is `base`.
    pub fn paged_url(&self, base: &str, n: usize) -> String {
        if n <= 1 {
            base.to_string()
        } else {
            format!("{base}{}/{n}/", self.config.urls.pagination)
        }
    }

    /// The URL path of a document named by its path below `content/`.
    /// The content path of the document Hugo's `ref`/`relref` or Jekyll's
    /// `link`/`post_url` names (`tu-van.md`, `/posts/tu-van`,
    /// `_posts/2017-09-22-tu-van.md`, a bundle's folder): the one whose file
    /// name (or bundle folder) is the name's last part; when several are,
    /// the one whose path ends as written. `Err` with the candidates when
    /// none or several are.
    pub fn find_document(&self, written: &str) -> Result<&str, Vec<&str>> {
        let key = |path: &str| -> String {
            let path = path.trim_matches('/');
            let path = path.strip_suffix(".md").unwrap_or(path);
            let path = path
                .strip_suffix("/index")
                .or_else(|| path.strip_suffix("/_index"))
                .unwrap_or(path);
            path.to_string()
        };
        let wanted = key(written);
        let name = wanted.rsplit('/').next().unwrap_or(&wanted);
        let found: Vec<&str> = self
            .documents
            .keys()
            .map(String::as_str)
            .filter(|p| key(p).rsplit('/').next() == Some(name))
            .collect();
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(found),
            _ => {
                let exact: Vec<&str> = found
                    .iter()
                    .copied()
                    .filter(|p| key(p).ends_with(&wanted))
                    .collect();
                match exact.as_slice() {
                    [one] => Ok(one),
                    _ => Err(found),
                }
            }
        }
    }

    pub fn document_url(&self, content_path: &str) -> Option<String> {
        Some(match self.documents.get(content_path)? {
            DocRef::Article(i) => self.article_url(&self.articles[*i]),
            DocRef::Page(i) => self.page_url(&self.pages[*i]),
            DocRef::Campaign(i) => self.campaign_url(&self.campaigns[*i]),
        })
    }
}

/// `url` with its letters that are not ASCII percent-encoded (`/bai-viet/ជំនួយ/`
/// → `/bai-viet/%E1%9E%87…/`), as sitemaps and QR codes need; ASCII, `%`
/// escapes already written and the rest are kept.
pub fn ascii_url(url: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::utf8_percent_encode(url, percent_encoding::CONTROLS).into()
}

/// `./` at the site root, `../` one folder down, and so on.
pub fn root_for(depth: usize) -> String {
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// The path part of `base_url` (`/` or `/portal/`), for the 404 page, which
/// is served at any depth and so cannot use relative links.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}
