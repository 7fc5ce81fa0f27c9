//! Categories and tags: the index of each (every term with its count) and,
//! for each term, the list of its articles in pages.

use super::{from_site, one, pages_for, to_value, undated, Family, Frame, Key, RenderContext};
use crate::render::views;
use crate::render::views::articles::TermsData;
use crate::resolve::{Site, Term};

/// The two taxonomies, which differ only in names.
#[derive(Clone, Copy)]
enum Taxonomy {
    Category,
    Tag,
}

impl Taxonomy {
    fn terms(self, site: &Site) -> &[Term] {
        match self {
            Taxonomy::Category => &site.categories,
            Taxonomy::Tag => &site.tags,
        }
    }

    fn term_url(self, site: &Site, term: &Term) -> String {
        match self {
            Taxonomy::Category => site.category_url(term),
            Taxonomy::Tag => site.tag_url(term),
        }
    }

    fn index_url(self, site: &Site) -> String {
        match self {
            Taxonomy::Category => site.categories_url(),
            Taxonomy::Tag => site.tags_url(),
        }
    }

    /// Its key in the UI strings and its `taxonomy` in templates.
    fn key(self) -> &'static str {
        match self {
            Taxonomy::Category => "category",
            Taxonomy::Tag => "tag",
        }
    }

    /// The UI string key of its index.
    fn plural(self) -> &'static str {
        match self {
            Taxonomy::Category => "categories",
            Taxonomy::Tag => "tags",
        }
    }

    /// Every list page of every term: `item` the term, `page` the page.
    fn keys(self, site: &Site) -> Vec<Key> {
        self.terms(site)
            .iter()
            .enumerate()
            .flat_map(|(item, term)| {
                (1..=pages_for(site, term.articles.len())).map(move |page| Key { item, page })
            })
            .collect()
    }

    fn term_page_url(self, site: &Site, key: Key) -> String {
        site.paged_url(&self.term_url(site, &self.terms(site)[key.item]), key.page)
    }
}

pub(in crate::render) const CATEGORIES: Family = Family {
    template: "terms.html",
    label: "chuyên mục",
    in_sitemap: true,
    keys: one,
    url: |site, _| Taxonomy::Category.index_url(site),
    source: from_site,
    lastmod: undated,
    view: |ctx, _, frame| index_view(Taxonomy::Category, ctx, frame),
};

pub(in crate::render) const TAGS: Family = Family {
    template: "terms.html",
    label: "thẻ",
    in_sitemap: true,
    keys: one,
    url: |site, _| Taxonomy::Tag.index_url(site),
    source: from_site,
    lastmod: undated,
    view: |ctx, _, frame| index_view(Taxonomy::Tag, ctx, frame),
};

pub(in crate::render) const CATEGORY: Family = Family {
    template: "category.html",
    label: "chuyên mục",
    in_sitemap: true,
    keys: |site| Taxonomy::Category.keys(site),
    url: |site, key| Taxonomy::Category.term_page_url(site, key),
    source: from_site,
    lastmod: undated,
    view: |ctx, key, frame| term_view(Taxonomy::Category, ctx, key, frame),
};

pub(in crate::render) const TAG: Family = Family {
    template: "tag.html",
    label: "thẻ",
    in_sitemap: true,
    keys: |site| Taxonomy::Tag.keys(site),
    url: |site, key| Taxonomy::Tag.term_page_url(site, key),
    source: from_site,
    lastmod: undated,
    view: |ctx, key, frame| term_view(Taxonomy::Tag, ctx, key, frame),
};

fn index_view(taxonomy: Taxonomy, ctx: &RenderContext<'_>, frame: &mut Frame) -> serde_json::Value {
    let site = ctx.site;
    frame.meta.title = ctx.s(taxonomy.plural());
    let data = TermsData {
        terms: taxonomy
            .terms(site)
            .iter()
            .map(|t| {
                let url = views::href(site, &frame.root, &taxonomy.term_url(site, t));
                views::term_view(t, url)
            })
            .collect(),
        taxonomy: taxonomy.key(),
    };
    to_value(&data)
}

fn term_view<'a>(
    taxonomy: Taxonomy,
    ctx: &RenderContext<'a>,
    key: Key,
    frame: &mut Frame,
) -> serde_json::Value {
    let site = ctx.site;
    let term = &taxonomy.terms(site)[key.item];
    let base = taxonomy.term_url(site, term);
    frame.meta.title = term.name.clone();
    frame.meta.description = format!(
        "{} {}: {}",
        ctx.s(taxonomy.key()),
        term.name,
        site.config.title
    );
    frame.crumb(site, ctx.s(taxonomy.plural()), &taxonomy.index_url(site));
    if key.page > 1 {
        frame.crumb(site, term.name.clone(), &base);
    }
    let tv = views::term_view(term, views::href(site, &frame.root, &base));
    let mut data = ctx.list(&term.articles, &base, key.page, &frame.root, Some(tv));
    if matches!(taxonomy, Taxonomy::Category) {
        data.intro = ctx.intro(&base, key.page);
    }
    to_value(&data)
}
