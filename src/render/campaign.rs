//! Campaign pages: dates, key messages, events (with calendar files),
//! linked articles and plan tasks. Pure.

use chrono::NaiveDate;

use super::views::campaigns::{CampaignCard, CampaignView, EventView};
use super::views::plans::Status;
use super::views::{self, DateView, Link};
use crate::model::Campaign;
use crate::resolve::Site;

/// Where the campaign stands; one without dates runs all year round.
fn status(c: &Campaign, today: NaiveDate) -> Status {
    match c.dates {
        Some(d) if today < d.start => Status::Upcoming,
        Some(d) if today > d.end => Status::Ended,
        _ => Status::Active,
    }
}

/// What a campaign without dates says instead of them.
pub const ALL_YEAR: &str = "Diễn ra thường xuyên trong năm";

/// A card for campaign `i`.
pub fn card(site: &Site, i: usize, root: &str, today: NaiveDate) -> CampaignCard {
    let c = &site.campaigns[i];
    let st = status(c, today);
    CampaignCard {
        title: c.title.clone(),
        url: views::href(site, root, &site.campaign_url(c)),
        dates: match c.dates {
            Some(d) => format!(
                "Từ {} đến {}",
                d.start.format("%d/%m/%Y"),
                d.end.format("%d/%m/%Y")
            ),
            None => ALL_YEAR.to_string(),
        },
        status: st,
        status_label: match (st, c.dates) {
            (_, None) => "Thường xuyên",
            (Status::Upcoming, _) => "Sắp diễn ra",
            (Status::Active, _) => "Đang diễn ra",
            _ => "Đã kết thúc",
        },
        summary: c.summary.clone(),
    }
}

/// Campaigns under way, then those starting within the next 60 days.
pub fn on_home(site: &Site, root: &str, today: NaiveDate) -> Vec<CampaignCard> {
    let soon = today + chrono::Duration::days(60);
    let mut shown: Vec<usize> = (0..site.campaigns.len())
        .filter(|&i| {
            site.campaigns[i]
                .dates
                .is_none_or(|d| d.start <= soon && d.end >= today)
        })
        .collect();
    shown.sort_by_key(|&i| site.campaigns[i].dates.map(|d| d.start));
    shown
        .into_iter()
        .map(|i| card(site, i, root, today))
        .collect()
}

/// The page view of campaign `i`.
pub fn view(site: &Site, i: usize, content: &str, root: &str, today: NaiveDate) -> CampaignView {
    let c = &site.campaigns[i];
    let midnight = chrono::NaiveTime::MIN;
    CampaignView {
        card: card(site, i, root, today),
        start: c
            .dates
            .map(|d| DateView::new(d.start.and_time(midnight), &site.config.language)),
        end: c
            .dates
            .map(|d| DateView::new(d.end.and_time(midnight), &site.config.language)),
        audience: c.audience.clone(),
        messages: c.messages.clone(),
        events: c
            .events
            .iter()
            .map(|e| EventView {
                title: e.title.clone(),
                date: DateView::new(e.date.and_time(midnight), &site.config.language),
                time: e.start.map(|s| match e.end {
                    Some(end) => format!("{} – {}", s.format("%H:%M"), end.format("%H:%M")),
                    None => s.format("%H:%M").to_string(),
                }),
                place: e.place.clone(),
                description: e.description.clone(),
            })
            .collect(),
        articles: c
            .articles
            .iter()
            .filter_map(|(path, _)| {
                let url = site.document_url(path)?;
                let title = match site.documents.get(path)? {
                    crate::resolve::DocRef::Article(a) => site.articles[*a].title.clone(),
                    crate::resolve::DocRef::Page(p) => site.pages[*p].title.clone(),
                    crate::resolve::DocRef::Campaign(c) => site.campaigns[*c].title.clone(),
                };
                Some(Link {
                    label: title,
                    url: views::href(site, root, &url),
                    current: false,
                })
            })
            .collect(),
        tasks: c
            .tasks
            .iter()
            .filter_map(|(reference, _)| super::plan::task_link(site, reference, root))
            .collect(),
        content: content.to_string(),
        image: c
            .image
            .as_ref()
            .map(|img| views::image_view(site, root, img)),
        calendar_url: format!("{root}{}{}", site.campaign_url(c), crate::urls::CALENDAR),
        poster_url: views::href(site, root, &site.poster_url(c)),
        qr: super::qr::svg(
            &format!("{}{}", site.config.base_url, site.campaign_url(c)),
            &format!("Mã QR mở trang chiến dịch {}", c.title),
        ),
        full_url: format!("{}{}", site.config.base_url, site.campaign_url(c)),
    }
}
