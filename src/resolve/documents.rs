//! Who cites which legal document, and whether it was in force when it
//! mattered: at a plan's date of issue, and today for articles that describe
//! current rights (at its date for an article marked `historical`).

use chrono::NaiveDate;

use super::Site;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{number_key, LegalDoc, PartialDate};

/// What cites a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Citer {
    /// `Site::plans[i]`, in its basis lines or its text.
    Plan(usize),
    /// `Site::articles[i]`, in its `legal_basis`.
    Article(usize),
}

/// One citation of a registry document.
#[derive(Clone, Debug)]
pub struct Citation {
    /// Index into `Site::legal_docs`.
    pub doc: usize,
    /// Who cites it.
    pub by: Citer,
    /// The day its currency is judged at.
    pub judged_on: NaiveDate,
    /// It had ended by then: the citer relies on a document no longer in force.
    pub stale: bool,
    /// Only named in an article's text, not its legal basis.
    pub mentioned: bool,
}

/// The index of the registry document with this number.
pub fn find(docs: &[LegalDoc], number: &str) -> Option<usize> {
    let key = number_key(number);
    docs.iter().position(|d| number_key(&d.number) == key)
}

/// The first day a partial date can mean.
fn first_day(date: PartialDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year, date.month.unwrap_or(1), date.day.unwrap_or(1))
}

/// Links every plan and article to the documents it cites; unknown
/// `legal_basis` numbers are errors, stale citations warnings.
pub fn link(site: &Site, today: NaiveDate, diags: &mut Diagnostics) -> Vec<Citation> {
    let docs = &site.legal_docs;
    let mut citations = Vec::new();
    for (i, plan) in site.plans.iter().enumerate() {
        let own = plan.number.as_ref().and_then(|n| {
            n.no.as_ref()
                .map(|no| number_key(&format!("{no}/{}", n.symbol)))
        });
        let judged_on = plan.issued.and_then(first_day).unwrap_or(today);
        let mut seen = Vec::new();
        for (number, at) in &plan.mentions {
            let Some(doc) = find(docs, number) else {
                continue;
            };
            if own.as_deref() == Some(number_key(number).as_str()) || seen.contains(&doc) {
                continue;
            }
            seen.push(doc);
            let stale = docs[doc].ended_by(judged_on);
            if stale {
                diags.push(stale_warning(
                    plan.source.as_str(),
                    &docs[doc],
                    *at,
                    "kế hoạch",
                    "ngày ban hành kế hoạch",
                    docs,
                ));
            }
            citations.push(Citation {
                doc,
                by: Citer::Plan(i),
                judged_on,
                stale,
                mentioned: false,
            });
        }
    }
    for (i, article) in site.articles.iter().enumerate() {
        let judged_on = if article.historical {
            article.date.date()
        } else {
            today.max(article.date.date())
        };
        let mut seen = Vec::new();
        for (number, at) in &article.legal_basis {
            let Some(doc) = find(docs, number) else {
                let numbers: Vec<&str> = docs.iter().map(|d| d.number.as_str()).collect();
                let mut d = Diagnostic::error(
                    article.source.as_str(),
                    format!("`legal_basis` ghi văn bản `{number}` nhưng danh mục văn bản (content/van-ban.yaml) không có văn bản này"),
                )
                .located(*at)
                .with_help("thêm văn bản vào content/van-ban.yaml (số hiệu, loại, tên, ngày có hiệu lực), hoặc sửa số hiệu cho đúng");
                if let Some(near) = crate::diag::nearest(number, &numbers) {
                    d = d.with_help(format!("có phải ý bạn là `{near}`?"));
                }
                diags.push(d);
                continue;
            };
            if seen.contains(&doc) {
                continue;
            }
            seen.push(doc);
            let stale = docs[doc].ended_by(judged_on);
            if stale {
                let when = if article.historical {
                    "ngày đăng bài (bài ghi `historical: true`)"
                } else {
                    "hôm nay (bài viết nói về quyền hiện hành)"
                };
                diags.push(stale_warning(
                    article.source.as_str(),
                    &docs[doc],
                    *at,
                    "bài viết",
                    when,
                    docs,
                ));
            }
            citations.push(Citation {
                doc,
                by: Citer::Article(i),
                judged_on,
                stale,
                mentioned: false,
            });
        }
        // Documents the text names (a former law, as the former law): on
        // their pages, without a currency warning.
        for number in &article.mentions {
            let Some(doc) = find(docs, number) else {
                continue;
            };
            if seen.contains(&doc) {
                continue;
            }
            seen.push(doc);
            citations.push(Citation {
                doc,
                by: Citer::Article(i),
                judged_on,
                stale: false,
                mentioned: true,
            });
        }
    }
    // Ordered by who cites (already so: plans, then articles, in order),
    // so that each page finds its own without reading them all.
    citations.sort_by_key(|c| c.by);
    citations
}

impl Site {
    /// The citations made by `by`, in the order it makes them: a binary
    /// search, since every article page asks for its own.
    pub fn citations_by(&self, by: Citer) -> &[Citation] {
        let start = self.citations.partition_point(|c| c.by < by);
        let end = self.citations.partition_point(|c| c.by <= by);
        &self.citations[start..end]
    }
}

fn stale_warning(
    source: &str,
    doc: &LegalDoc,
    at: Option<Location>,
    what: &str,
    when: &str,
    docs: &[LegalDoc],
) -> Diagnostic {
    let ended = doc
        .in_force_until
        .and_then(|d| d.succ_opt())
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default();
    let mut d = Diagnostic::warning(
        source,
        format!(
            "{what} căn cứ {}, văn bản đã hết hiệu lực từ ngày {ended} (tính tại {when})",
            doc.display_name()
        ),
    )
    .located(at);
    if let Some(by) = doc.replaced_by.as_deref().and_then(|n| find(docs, n)) {
        d = d.with_help(format!(
            "văn bản thay thế: {}; hãy cập nhật nội dung theo văn bản này",
            docs[by].display_name()
        ));
    }
    d
}
