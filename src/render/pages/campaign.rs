//! Awareness campaigns: one page per campaign (its text, messages, events
//! and calendar), and the list of campaigns.

use super::{each, from_site, one_if, to_value, undated, Family, Frame, Key, RenderContext};
use crate::render::views::campaigns::{CampaignData, CampaignsData};
use crate::render::{campaign, views};

pub(in crate::render) const CAMPAIGN: Family = Family {
    template: "campaign.html",
    label: "chiến dịch",
    in_sitemap: true,
    keys: |site| each(site.campaigns.len()),
    url: |site, key| site.campaign_url(&site.campaigns[key.item]),
    source: |site, key| Some(site.campaigns[key.item].source.as_str()),
    lastmod: undated,
    view: campaign_view,
};

pub(in crate::render) const CAMPAIGNS: Family = Family {
    template: "campaigns.html",
    label: "chiến dịch",
    in_sitemap: true,
    keys: |site| one_if(!site.campaigns.is_empty()),
    url: |site, _| site.campaigns_url(),
    source: from_site,
    lastmod: undated,
    view: campaigns_view,
};

fn campaign_view<'a>(ctx: &RenderContext<'a>, key: Key, frame: &mut Frame) -> serde_json::Value {
    let site = ctx.site;
    let i = key.item;
    let c = &site.campaigns[i];
    let body = &ctx.bodies.campaigns[i];
    frame.meta.title = c.title.clone();
    frame.meta.description = c
        .summary
        .clone()
        .unwrap_or_else(|| crate::text::truncate_words(&body.first_paragraph, 200));
    if let Some(image) = &c.image {
        frame.meta.og_image = views::image_full_url(site, image);
        frame.meta.og_image_alt = image.alt.clone();
    }
    frame.crumb(site, ctx.s("campaigns"), &site.campaigns_url());
    let view = campaign::view(site, i, &body.html, &frame.root, ctx.today);
    to_value(&CampaignData { campaign: view })
}

fn campaigns_view<'a>(ctx: &RenderContext<'a>, _: Key, frame: &mut Frame) -> serde_json::Value {
    let site = ctx.site;
    frame.meta.title = ctx.s("campaigns");
    frame.meta.description = format!("{}: {}", ctx.s("campaigns"), site.config.title);
    to_value(&CampaignsData {
        campaigns: (0..site.campaigns.len())
            .map(|i| campaign::card(site, i, &frame.root, ctx.today))
            .collect(),
        calendar_url: format!("{}{}", frame.root, crate::urls::CALENDAR),
    })
}
