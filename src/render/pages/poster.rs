//! A campaign's A4 poster: its messages, the first events, a QR code of the
//! campaign page and a contact number. Not in the sitemap: its canonical
//! page is the campaign's.

use super::{each, to_value, undated, Family, Frame, Key, RenderContext};
use crate::render::views::campaigns::{CampaignView, EventView, PosterCall, PosterData};
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

/// Events a poster lists at most; the rest are on the campaign page.
const POSTER_EVENTS: usize = 6;

/// Type sizes of the printed poster, in hundredths of the page's height
/// (`vh`), as style.css sets them for each `poster-<density>` class.
struct Sizes {
    density: &'static str,
    title: f32,
    messages: f32,
    events: f32,
}

const SIZES: [Sizes; 3] = [
    Sizes {
        density: "roomy",
        title: 5.6,
        messages: 3.3,
        events: 1.9,
    },
    Sizes {
        density: "normal",
        title: 4.6,
        messages: 2.7,
        events: 1.65,
    },
    Sizes {
        density: "dense",
        title: 3.8,
        messages: 2.1,
        events: 1.45,
    },
];

/// The text's width on the printed poster, in `vh`, times the characters
/// of bold serif type per `vh` of size (0.61 em per character, measured on
/// the bundled posters).
const LINE_WIDTH: f32 = 62.0;
const EM_PER_CHAR: f32 = 0.61;
/// Height left for the title, dates, messages and events once the border,
/// padding, gaps, issuer line and QR code block (21.7) are placed, in `vh`,
/// with 3 for the estimate's error (within 2 on the bundled posters).
const ROOM: f32 = 100.0 - 2.0 * (0.8 + 2.2) - 3.0 * 1.2 - 2.2 - 21.7 - 3.0;

/// Lines `text` takes at `size`.
fn lines(text: &str, size: f32) -> f32 {
    let per_line = (LINE_WIDTH / (size * EM_PER_CHAR)).floor().max(1.0);
    (text.chars().count() as f32 / per_line).ceil().max(1.0)
}

/// How tall the poster's variable text is at `sizes`, in `vh`.
fn height(campaign: &CampaignView, events: &[EventView], sizes: &Sizes) -> f32 {
    let title = lines(&campaign.card.title, sizes.title) * sizes.title * 1.2 + 1.2;
    let dates = lines(&campaign.card.dates, 2.1) * 2.1 * 1.3;
    let messages: f32 = if campaign.messages.is_empty() {
        campaign
            .card
            .summary
            .as_deref()
            .map_or(0.0, |s| lines(s, sizes.messages) * sizes.messages * 1.3)
    } else {
        campaign
            .messages
            .iter()
            .map(|m| lines(m, sizes.messages) * sizes.messages * 1.3 + 1.8)
            .sum()
    };
    let events: f32 = if events.is_empty() {
        0.0
    } else {
        // The heading, each event and the line sending to the campaign page.
        2.2 * 1.3
            + 0.6
            + sizes.events * 1.3
            + events
                .iter()
                .map(|e| {
                    let text = format!(
                        "{} {} {}",
                        e.date.full,
                        e.title,
                        e.place.as_deref().unwrap_or("")
                    );
                    lines(&text, sizes.events * 0.9) * sizes.events * 1.3
                })
                .sum::<f32>()
    };
    title + dates + messages + events
}

/// The largest type at which the poster's text fits its sheet, and how
/// many of `events` fit with it: all at the largest size that holds them,
/// else fewer at the smallest. `None` when even the title and messages
/// alone do not fit.
fn fit(campaign: &CampaignView, events: &[EventView]) -> Option<(&'static str, usize)> {
    for sizes in &SIZES {
        if height(campaign, events, sizes) <= ROOM {
            return Some((sizes.density, events.len()));
        }
    }
    let smallest = &SIZES[SIZES.len() - 1];
    (0..events.len())
        .rev()
        .find(|&n| height(campaign, &events[..n], smallest) <= ROOM)
        .map(|n| (smallest.density, n))
}

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
    let total = events.len();
    events.truncate(POSTER_EVENTS);
    // Too much text for one sheet: the smallest type, and what is cut
    // off is the clerk's to shorten (`loa check` says so: check_posters).
    let (density, shown) = fit(&view, &events).unwrap_or((SIZES[SIZES.len() - 1].density, 0));
    events.truncate(shown);
    let issuer = &site.config.issuer;
    let call = [(&issuer.hotline, "hotline"), (&issuer.phone, "phone")]
        .into_iter()
        .find(|(number, _)| !number.is_empty() && !crate::text::has_placeholder(number))
        .map(|(number, label)| PosterCall {
            label: ctx.s(label).to_string(),
            number: number.clone(),
        });
    to_value(&PosterData {
        campaign: view,
        more_events: events.len() < total,
        events,
        campaign_url: views::href(site, &frame.root, &campaign_url),
        call,
        density,
    })
}

/// Warns about each poster whose text does not fit one sheet: events left
/// off beyond the first six are expected (the page lists them), but a
/// poster that cannot show its messages, or drops events to fit them, is
/// the clerk's to shorten.
pub(in crate::render) fn check_posters(
    site: &crate::resolve::Site,
    today: chrono::NaiveDate,
    diags: &mut crate::diag::Diagnostics,
) {
    for (i, c) in site.campaigns.iter().enumerate() {
        let view = campaign::view(site, i, "", "", today);
        let events = &view.events[..view.events.len().min(POSTER_EVENTS)];
        let message = match fit(&view, events) {
            Some((_, shown)) if shown == events.len() => continue,
            Some((_, shown)) => format!(
                "áp phích của chiến dịch chỉ in được {shown} trong {} hoạt động đầu vì thông điệp dài",
                events.len()
            ),
            None => "tên và thông điệp của chiến dịch quá dài để in trên một tờ áp phích A4; phần cuối sẽ bị cắt".to_string(),
        };
        diags.push(
            crate::diag::Diagnostic::warning(c.source.as_str(), message)
                .at(Some(1), Some(1))
                .with_help("rút gọn tên chiến dịch và các thông điệp (`messages`): mỗi thông điệp một câu ngắn, tốt nhất không quá 4 thông điệp"),
        );
    }
}
