//! A campaign's A4 poster: its messages, the first events, a QR code of the
//! campaign page and a contact number. Not in the sitemap: its canonical
//! page is the campaign's.

use super::{each, to_value, undated, Family, Frame, Key, RenderContext};
use crate::render::views::campaigns::PosterData;
use crate::render::{campaign, views};

pub(in crate::render) const POSTER: Family = Family {
    template: "poster.html",
    label: "áp phích",
    in_sitemap: false,
    keys: |site| each(site.campaigns.len()),
    url: |site, key| site.poster_url(&site.campaigns[key.item]),
    source: |site, key| Some(site.campaigns[key.item].source.as_str()),
    lastmod: undated,
    view,
};

/// Events that fit on one A4 poster; the rest are on the campaign page.
const POSTER_EVENTS: usize = 6;

fn view<'a>(ctx: &RenderContext<'a>, key: Key, frame: &mut Frame) -> serde_json::Value {
    let site = ctx.site;
    let i = key.item;
    let c = &site.campaigns[i];
    frame.meta.title = format!("{}: {}", ctx.s("poster"), c.title);
    frame.meta.description = c.summary.clone().unwrap_or_else(|| c.title.clone());
    // Share and scan the campaign page, not its poster.
    let campaign_url = site.campaign_url(c);
    frame.meta.canonical = format!("{}{campaign_url}", site.config.base_url);
    frame.crumb(site, ctx.s("campaigns"), &site.campaigns_url());
    frame.crumb(site, c.title.clone(), &campaign_url);
    let mut view = campaign::view(
        site,
        i,
        &ctx.bodies.campaigns[i].html,
        &frame.root,
        ctx.today,
    );
    let mut events = std::mem::take(&mut view.events);
    let more_events = events.len() > POSTER_EVENTS;
    events.truncate(POSTER_EVENTS);
    let issuer = &site.config.issuer;
    let contact = [&issuer.hotline, &issuer.phone]
        .into_iter()
        .find(|p| !p.is_empty() && !p.starts_with(crate::config::PLACEHOLDER))
        .map(|phone| format!("{}: {phone}", ctx.s("contact")));
    to_value(&PosterData {
        campaign: view,
        events,
        more_events,
        campaign_url: views::href(site, &frame.root, &campaign_url),
        contact,
    })
}
