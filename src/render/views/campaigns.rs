//! What the campaign, campaign list and poster templates get, besides
//! [`super::Common`].

use serde::Serialize;

use super::plans::Status;
use super::{DateView, ImageView, Link};

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
    /// First day; none for a campaign that runs all year round.
    pub start: Option<DateView>,
    /// Last day.
    pub end: Option<DateView>,
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
    pub image: Option<ImageView>,
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

#[derive(Serialize)]
pub struct CampaignData {
    pub campaign: CampaignView,
}

#[derive(Serialize)]
pub struct CampaignsData {
    pub campaigns: Vec<CampaignCard>,
    pub calendar_url: String,
}

#[derive(Serialize)]
pub struct PosterData {
    pub campaign: CampaignView,
    pub events: Vec<EventView>,
    pub more_events: bool,
    pub campaign_url: String,
    /// The number to call, shown large beside the QR code: the hotline,
    /// else the office phone.
    pub call: Option<PosterCall>,
    /// How much text the poster carries, for its type sizes: "roomy",
    /// "normal" or "dense".
    pub density: &'static str,
}

/// The number a poster asks people to call.
#[derive(Serialize)]
pub struct PosterCall {
    /// "Đường dây nóng" or "Điện thoại".
    pub label: String,
    /// The number as the site writes it.
    pub number: String,
}
