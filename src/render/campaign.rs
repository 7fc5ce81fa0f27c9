//! Campaign pages: dates, key messages, events (with calendar files),
//! linked articles and plan tasks. Pure.

use chrono::NaiveDate;
use serde::Serialize;

use super::plan::Status;
use super::views::{self, DateView, Link};
use crate::model::Campaign;
use crate::resolve::Site;

/// A campaign in a list.
#[derive(Serialize)]
pub struct CampaignCard {
    /// Title.
    pub title: String,
    /// `href`.
    pub url: String,
    /// "Từ 01/06/2027 đến 30/06/2027".
    pub dates: String,
    /// Upcoming, active, ended.
    pub status: Status,
    /// Its label.
    pub status_label: &'static str,
    /// Summary.
    pub summary: Option<String>,
}

/// A campaign page.
#[derive(Serialize)]
pub struct CampaignView {
    /// The card's fields.
    #[serde(flatten)]
    pub card: CampaignCard,
    /// First day.
    pub start: DateView,
    /// Last day.
    pub end: DateView,
    /// Who it speaks to.
    pub audience: Vec<String>,
    /// Key messages.
    pub messages: Vec<String>,
    /// Events.
    pub events: Vec<EventView>,
    /// Linked articles.
    pub articles: Vec<Link>,
    /// Linked plan tasks.
    pub tasks: Vec<Link>,
    /// Body HTML.
    pub content: String,
    /// Lead image.
    pub image: Option<views::ImageView>,
    /// The campaign's calendar file.
    pub calendar_url: String,
    /// Its one-page A4 poster.
    pub poster_url: String,
    /// A QR code of the page's full URL, for posters.
    pub qr: Option<String>,
    /// The page's full URL.
    pub full_url: String,
}

/// One event.
#[derive(Serialize)]
pub struct EventView {
    /// What happens.
    pub title: String,
    /// When.
    pub date: DateView,
    /// "07:30 – 09:00".
    pub time: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// More words.
    pub description: Option<String>,
}

fn status(c: &Campaign, today: NaiveDate) -> Status {
    if today < c.start {
        Status::Upcoming
    } else if today > c.end {
        Status::Ended
    } else {
        Status::Active
    }
}

/// A card for campaign `i`.
pub fn card(site: &Site, i: usize, root: &str, today: NaiveDate) -> CampaignCard {
    let c = &site.campaigns[i];
    let st = status(c, today);
    CampaignCard {
        title: c.title.clone(),
        url: views::href(site, root, &site.campaign_url(c)),
        dates: format!(
            "Từ {} đến {}",
            c.start.format("%d/%m/%Y"),
            c.end.format("%d/%m/%Y")
        ),
        status: st,
        status_label: match st {
            Status::Upcoming => "Sắp diễn ra",
            Status::Active => "Đang diễn ra",
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
            let c = &site.campaigns[i];
            c.start <= soon && c.end >= today
        })
        .collect();
    shown.sort_by_key(|&i| site.campaigns[i].start);
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
        start: DateView::new(c.start.and_time(midnight)),
        end: DateView::new(c.end.and_time(midnight)),
        audience: c.audience.clone(),
        messages: c.messages.clone(),
        events: c
            .events
            .iter()
            .map(|e| EventView {
                title: e.title.clone(),
                date: DateView::new(e.date.and_time(midnight)),
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
