//! What the article, static page, list, category and tag, search, home
//! and 404 templates get, besides [`super::Common`].

use std::borrow::Cow;

use serde::Serialize;

use super::campaigns::CampaignCard;
use super::documents::Notice;
use super::plans::PlanCard;
use super::{ArticleCard, CitationView, DateView, Link, Pagination, TermView, TocEntry};

#[derive(Serialize)]
pub struct ArticleData<'a> {
    pub article: ArticleView<'a>,
}

#[derive(Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub card: ArticleCard<'a>,
    pub content: Cow<'a, str>,
    pub toc: Vec<TocEntry>,
    pub sources: Vec<CitationView>,
    pub serves: Vec<Link>,
    pub legal_basis: Vec<Link>,
    pub notices: Vec<Notice>,
    pub qr: Option<Cow<'a, str>>,
    pub full_url: String,
    pub newer: Option<Link>,
    pub older: Option<Link>,
}

#[derive(Serialize)]
pub struct HomeData<'a> {
    pub campaigns: Vec<CampaignCard>,
    pub plans: Vec<PlanCard>,
    pub all_plans_url: String,
    pub articles: Vec<ArticleCard<'a>>,
    pub categories: Vec<TermView>,
    pub all_articles_url: String,
}

#[derive(Serialize)]
pub struct PageData<'a> {
    pub content: &'a str,
    pub updated: Option<DateView>,
    pub contacts: bool,
}

/// A list of article cards, one page of it.
#[derive(Serialize)]
pub struct ListData<'a> {
    pub articles: Vec<ArticleCard<'a>>,
    pub pagination: Pagination,
    pub term: Option<TermView>,
    /// The section's text (its `_index.md`) on the first page, as HTML.
    pub intro: Option<String>,
}

#[derive(Serialize)]
pub struct TermsData {
    pub terms: Vec<TermView>,
    pub taxonomy: &'static str,
}

#[derive(Serialize)]
pub struct SearchData {
    pub index_url: String,
    pub kinds: Vec<Link>,
    pub topics: Vec<Link>,
    pub categories_url: String,
    pub plans_url: String,
    pub units_url: String,
    pub has_units: bool,
}

#[derive(Serialize)]
pub struct Empty {}
