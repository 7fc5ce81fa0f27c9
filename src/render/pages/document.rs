//! The legal document registry (`content/van-ban.yaml`): the list of
//! documents with whether each is in force, and one page per document
//! (who cites it).

use super::{each, from_site, one_if, to_value, undated, Family};
use crate::render::documents;

pub(in crate::render) const DOCUMENT: Family = Family {
    template: "document.html",
    label: "văn bản",
    in_sitemap: true,
    keys: |site| each(site.legal_docs.len()),
    url: |site, key| site.legal_doc_url(&site.legal_docs[key.item]),
    source: |_, _| Some("content/van-ban.yaml"),
    lastmod: undated,
    view: |ctx, key, frame| {
        let site = ctx.site;
        frame.meta.title = site.legal_docs[key.item].display_name();
        frame.meta.description = format!("{}: {}", ctx.s("document_description"), frame.meta.title);
        frame.crumb(site, ctx.s("documents_title"), &site.legal_docs_url());
        to_value(&documents::page(site, key.item, &frame.root, ctx.today))
    },
};

pub(in crate::render) const DOCUMENTS: Family = Family {
    template: "documents.html",
    label: "văn bản",
    in_sitemap: true,
    keys: |site| one_if(!site.legal_docs.is_empty()),
    url: |site, _| site.legal_docs_url(),
    source: from_site,
    lastmod: undated,
    view: |ctx, _, frame| {
        frame.meta.title = ctx.s("documents_title");
        frame.meta.description = ctx.s("documents_description");
        to_value(&documents::index(ctx.site, &frame.root, ctx.today))
    },
};
