//! The legal document registry's pages (`/van-ban/`, `/van-ban/<slug>/`) and
//! the notices plans and articles show when they cite a document that is no
//! longer in force.

use chrono::NaiveDate;

use super::views::documents::{CiterView, DocData, DocRow, DocsData, Notice, Status};
use super::views::{self, Link};
use crate::model::LegalDoc;
use crate::resolve::documents::{find, Citer};
use crate::resolve::Site;

fn status(doc: &LegalDoc, today: NaiveDate) -> Status {
    if doc.ended_by(today) {
        Status::Ended
    } else if doc.in_force_from.is_some_and(|f| today < f) {
        Status::NotYet
    } else if doc.in_force_from.is_none() && doc.in_force_until.is_none() {
        Status::Unknown
    } else {
        Status::InForce
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn doc_link(site: &Site, doc: &LegalDoc, root: &str) -> Link {
    Link {
        label: doc.display_name(),
        url: views::href(site, root, &site.legal_doc_url(doc)),
        current: false,
    }
}

fn replaced_by(site: &Site, doc: &LegalDoc, root: &str) -> Option<Link> {
    let by = find(&site.legal_docs, doc.replaced_by.as_deref()?)?;
    Some(doc_link(site, &site.legal_docs[by], root))
}

fn row(site: &Site, i: usize, root: &str, today: NaiveDate) -> DocRow {
    let doc = &site.legal_docs[i];
    DocRow {
        name: doc.display_name(),
        number: doc.number.clone(),
        kind: doc.kind.clone(),
        issuer: doc.issuer.clone(),
        date: doc.date.map(day),
        from: doc.in_force_from.map(day),
        until: doc.in_force_until.map(day),
        ended_from: doc.in_force_until.and_then(|d| d.succ_opt()).map(day),
        status: status(doc, today),
        url: views::href(site, root, &site.legal_doc_url(doc)),
        replaced_by: replaced_by(site, doc, root),
        cited: site.citations.iter().filter(|c| c.doc == i).count(),
    }
}

/// The registry, in force first, then by kind and number as written.
pub fn index(site: &Site, root: &str, today: NaiveDate) -> DocsData {
    let mut order: Vec<usize> = (0..site.legal_docs.len()).collect();
    order.sort_by_key(|&i| site.legal_docs[i].ended_by(today));
    DocsData {
        documents: order
            .into_iter()
            .map(|i| row(site, i, root, today))
            .collect(),
    }
}

/// One document and everything on the site that cites it.
pub fn page(site: &Site, i: usize, root: &str, today: NaiveDate) -> DocData {
    let doc = &site.legal_docs[i];
    let key = crate::model::number_key(&doc.number);
    let replaces = site
        .legal_docs
        .iter()
        .filter(|d| {
            d.replaced_by
                .as_deref()
                .is_some_and(|n| crate::model::number_key(n) == key)
        })
        .map(|d| doc_link(site, d, root))
        .collect();
    let mut plans = Vec::new();
    let mut articles = Vec::new();
    for c in site.citations.iter().filter(|c| c.doc == i) {
        match c.by {
            Citer::Plan(p) => {
                let plan = &site.plans[p];
                let label = match &plan.number {
                    Some(n) => format!(
                        "Kế hoạch số {}/{}: {}",
                        n.no.as_deref().unwrap_or(""),
                        n.symbol,
                        plan.title
                    ),
                    None if plan.title.starts_with("Kế hoạch") => plan.title.clone(),
                    None => format!("Kế hoạch: {}", plan.title),
                };
                plans.push(CiterView {
                    link: Link {
                        label,
                        url: views::href(site, root, &site.plan_url(plan)),
                        current: false,
                    },
                    date: plan.issued.map(super::plan::plain_date).unwrap_or_default(),
                    stale: c.stale,
                    mentioned: false,
                });
            }
            Citer::Article(a) => {
                let article = &site.articles[a];
                articles.push(CiterView {
                    link: Link {
                        label: article.title.clone(),
                        url: views::href(site, root, &site.article_url(article)),
                        current: false,
                    },
                    date: day(article.date.date()),
                    stale: c.stale,
                    mentioned: c.mentioned,
                });
            }
        }
    }
    DocData {
        document: row(site, i, root, today),
        title: doc.title.clone(),
        source_url: doc.url.clone(),
        note: doc.note.clone(),
        replaces,
        plans,
        articles,
    }
}

/// Notices for a plan or article: each cited document no longer in force
/// today (articles: when the citation was judged stale, which for an article
/// marked historical is at its date).
pub fn notices(site: &Site, by: Citer, root: &str, today: NaiveDate) -> Vec<Notice> {
    site.citations_by(by)
        .iter()
        .filter(|c| match by {
            Citer::Plan(_) => site.legal_docs[c.doc].ended_by(today),
            Citer::Article(_) => c.stale,
        })
        .map(|c| {
            let doc = &site.legal_docs[c.doc];
            Notice {
                document: doc_link(site, doc, root),
                ended_from: doc
                    .in_force_until
                    .and_then(|d| d.succ_opt())
                    .map(day)
                    .unwrap_or_default(),
                replaced_by: replaced_by(site, doc, root),
                at_issue: c.stale,
            }
        })
        .collect()
}

/// The registry documents an article applies, as links.
pub fn legal_basis(site: &Site, article: usize, root: &str) -> Vec<Link> {
    site.citations_by(Citer::Article(article))
        .iter()
        .filter(|c| !c.mentioned)
        .map(|c| doc_link(site, &site.legal_docs[c.doc], root))
        .collect()
}
