//! The home page: current campaigns, active plans, the newest articles and
//! the categories.

use super::{from_site, one, to_value, undated, Family, Frame, Key, RenderContext};
use crate::render::views::articles::HomeData;
use crate::render::views::{self};
use crate::render::{campaign, plan};

pub(in crate::render) const HOME: Family = Family {
    template: "home.html",
    label: "trang chủ",
    in_sitemap: true,
    keys: one,
    url: |site, _| site.config.prefix.clone(),
    source: from_site,
    lastmod: undated,
    view,
};

fn view<'a>(ctx: &RenderContext<'a>, _: Key, frame: &mut Frame) -> serde_json::Value {
    let site = ctx.site;
    let root = &frame.root;
    frame.meta.title = site.config.title.clone();
    frame.breadcrumbs.clear();
    let data = HomeData {
        articles: (0..site.articles.len().min(site.config.home_articles))
            .map(|i| ctx.card(i, root))
            .collect(),
        categories: site
            .categories
            .iter()
            .map(|c| views::term_view(c, views::href(site, root, &site.category_url(c))))
            .collect(),
        all_articles_url: views::href(site, root, &site.articles_url()),
        campaigns: campaign::on_home(site, root, ctx.today),
        plans: (0..site.plans.len())
            .map(|i| plan::card(site, i, root, ctx.today))
            .filter(|c| c.status == crate::render::views::plans::Status::Active)
            .collect(),
        all_plans_url: views::href(site, root, &site.plans_url()),
    };
    to_value(&data)
}
