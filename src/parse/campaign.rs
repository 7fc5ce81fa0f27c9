//! Campaigns (`content/chien-dich/*.md`): front matter with dates, key
//! messages, events and links to articles and plan tasks → [`Campaign`].

use serde::Deserialize;

use super::date::read_date;
use super::{front_matter, OneOrMany, Text};
use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Body, Campaign, CampaignDates, CampaignEvent, Slug};
use crate::source::SourceFile;
use crate::yaml;

/// Every key a campaign file knows, for typo suggestions.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "start",
    "end",
    "summary",
    "description",
    "audience",
    "messages",
    "events",
    "date",
    "time",
    "place",
    "articles",
    "tasks",
    "image",
    "image_alt",
    "draft",
    "slug",
];

#[derive(Deserialize)]
struct RawCampaign {
    title: Option<Text>,
    start: Option<Text>,
    end: Option<Text>,
    #[serde(alias = "description")]
    summary: Option<Text>,
    #[serde(default)]
    audience: OneOrMany,
    #[serde(default)]
    messages: OneOrMany,
    #[serde(default)]
    events: Vec<RawEvent>,
    #[serde(default)]
    articles: OneOrMany,
    #[serde(default)]
    tasks: OneOrMany,
    image: Option<Text>,
    image_alt: Option<Text>,
    draft: Option<bool>,
    slug: Option<Text>,
}

#[derive(Deserialize)]
struct RawEvent {
    title: Text,
    date: Text,
    time: Option<Text>,
    place: Option<Text>,
    description: Option<Text>,
}

/// Parses one campaign; `None` (with errors pushed) when it cannot be used.
pub fn parse_campaign(
    file: &SourceFile,
    config: &SiteConfig,
    diags: &mut Diagnostics,
) -> Option<Campaign> {
    let path = file.path.as_str();
    let split = match front_matter::split(&file.text) {
        Ok(split) if split.format == front_matter::Format::Yaml => split,
        Ok(_) => {
            let err = front_matter::SplitError::Toml;
            diags.push(
                Diagnostic::error(path, err.message())
                    .at(Some(1), Some(1))
                    .with_help(err.help()),
            );
            return None;
        }
        Err(err) => {
            diags.push(
                Diagnostic::error(path, err.message())
                    .at(Some(1), Some(1))
                    .with_help(err.help()),
            );
            return None;
        }
    };
    let raw: RawCampaign = yaml::from_str(path, split.yaml, KNOWN_KEYS, diags)?;
    let text = split.yaml;
    let at = |key: &str| yaml::key_location(text, key);
    let find = |needle: &str| {
        text.lines().enumerate().find_map(|(i, l)| {
            let b = l.find(needle)?;
            Some(crate::diag::Location {
                line: i as u32 + 1,
                column: l[..b].chars().count() as u32 + 1,
            })
        })
    };
    let before = diags.count(crate::diag::Severity::Error);
    crate::config::warn_placeholders(path, text, diags);
    let title = raw
        .title
        .as_ref()
        .map(|t| t.0.trim().to_string())
        .filter(|t| !t.is_empty());
    if title.is_none() {
        diags.push(
            Diagnostic::error(path, "thiếu khóa bắt buộc `title` (tên chiến dịch)")
                .at(Some(1), Some(1)),
        );
    }
    let mut day = |key: &str, value: &Text| -> Option<chrono::NaiveDate> {
        match read_date(&value.0, config.timezone) {
            Ok(date) => Some(date.date()),
            Err(problem) => {
                let (message, help) = problem.message(key, &value.0);
                diags.push(
                    Diagnostic::error(path, message)
                        .located(at(key))
                        .with_help(help),
                );
                None
            }
        }
    };
    // Both days, or neither for a campaign that runs all year round.
    let dates = match (&raw.start, &raw.end) {
        (None, None) => Ok(None),
        (Some(start), Some(end)) => match (day("start", start), day("end", end)) {
            (Some(start), Some(end)) if end < start => {
                diags.push(
                    Diagnostic::error(path, "ngày kết thúc (`end`) sớm hơn ngày bắt đầu (`start`)")
                        .located(at("end")),
                );
                Err(())
            }
            (Some(start), Some(end)) => Ok(Some(CampaignDates { start, end })),
            _ => Err(()),
        },
        (Some(_), None) | (None, Some(_)) => {
            let (has, missing, example) = if raw.start.is_some() {
                ("start", "end", "end: 2027-06-30")
            } else {
                ("end", "start", "start: 2027-06-01")
            };
            diags.push(
                Diagnostic::error(
                    path,
                    format!("có `{has}` nhưng thiếu `{missing}`: chiến dịch cần cả ngày bắt đầu và ngày kết thúc"),
                )
                .located(at(has))
                .with_help(format!(
                    "thêm dòng `{example}`; chiến dịch diễn ra thường xuyên thì bỏ cả `start` và `end`"
                )),
            );
            Err(())
        }
    };
    let strip = crate::text::strip_placeholders;
    let mut events = Vec::new();
    for e in raw.events {
        let date = match read_date(&e.date.0, config.timezone) {
            Ok(date) => date.date(),
            Err(problem) => {
                let (message, help) = problem.message("date", &e.date.0);
                diags.push(
                    Diagnostic::error(path, format!("sự kiện `{}`: {message}", e.title.0))
                        .located(find(&e.date.0))
                        .with_help(help),
                );
                continue;
            }
        };
        let time = e
            .time
            .as_ref()
            .filter(|t| !t.0.trim_start().starts_with(crate::config::PLACEHOLDER));
        let (start_time, end_time) = match time.map(|t| parse_time_range(&t.0)) {
            None => (None, None),
            Some(Some(range)) => range,
            Some(None) => {
                let t = e.time.as_ref().map(|t| t.0.clone()).unwrap_or_default();
                diags.push(
                    Diagnostic::error(path, format!("giờ `{t}` không hợp lệ"))
                        .located(find(&t))
                        .with_help("viết `time: \"07:30\"` hoặc `time: \"07:30-09:00\"`"),
                );
                (None, None)
            }
        };
        if let (Some(from), Some(to)) = (start_time, end_time) {
            if to <= from {
                let t = e.time.as_ref().map(|t| t.0.clone()).unwrap_or_default();
                diags.push(
                    Diagnostic::error(
                        path,
                        format!(
                            "sự kiện `{}`: giờ kết thúc không sau giờ bắt đầu (`{t}`)",
                            e.title.0
                        ),
                    )
                    .located(find(&t))
                    .with_help("ghi giờ bắt đầu trước, ví dụ `19:00-20:00`"),
                );
            }
        }
        if let Ok(Some(CampaignDates { start, end })) = dates {
            if date < start || date > end {
                diags.push(
                    Diagnostic::warning(
                        path,
                        format!(
                            "sự kiện `{}` ngày {date} nằm ngoài thời gian của chiến dịch",
                            e.title.0
                        ),
                    )
                    .located(find(&e.date.0)),
                );
            }
        }
        // An event still named "[Cần điền…]" is not shown; its other
        // placeholders are left out.
        let title = strip(e.title.0.trim());
        if title.is_empty() {
            continue;
        }
        events.push(CampaignEvent {
            title,
            date,
            start: start_time,
            end: end_time,
            place: e.place.map(|p| strip(p.0.trim())).filter(|p| !p.is_empty()),
            description: e
                .description
                .map(|d| strip(d.0.trim()))
                .filter(|d| !d.is_empty()),
        });
    }
    events.sort_by_key(|e| (e.date, e.start));
    let image = super::lead_image(
        raw.image.map(|t| t.0),
        raw.image_alt.map(|t| t.0),
        path,
        at("image"),
        diags,
    );
    let slug = match raw.slug {
        Some(Text(s)) => Slug::parse(s.trim()).or_else(|| {
            diags.push(Slug::invalid(path, &s, at("slug")));
            None
        }),
        None => {
            Slug::from_text(file.path.stem()).or_else(|| title.as_deref().and_then(Slug::from_text))
        }
    };
    let articles = raw
        .articles
        .0
        .into_iter()
        .map(|a| {
            let loc = find(&a);
            (a.trim().trim_start_matches("@/").to_string(), loc)
        })
        .collect();
    let tasks = raw
        .tasks
        .0
        .into_iter()
        .map(|t| {
            let loc = find(&t);
            (t.trim().to_string(), loc)
        })
        .collect();
    if diags.count(crate::diag::Severity::Error) > before {
        return None;
    }
    Some(Campaign {
        source: file.path.clone(),
        slug: slug?,
        title: title?,
        dates: dates.ok()?,
        summary: raw
            .summary
            .map(|s| strip(s.0.trim()))
            .filter(|s| !s.is_empty()),
        audience: raw
            .audience
            .0
            .iter()
            .map(|a| strip(a))
            .filter(|a| !a.is_empty())
            .collect(),
        messages: raw
            .messages
            .0
            .iter()
            .map(|m| strip(m))
            .filter(|m| !m.is_empty())
            .collect(),
        events,
        articles,
        tasks,
        image,
        draft: raw.draft.unwrap_or(false),
        body: Body {
            markdown: split.body.to_string(),
            first_line: split.body_line,
            bundle: None,
        },
    })
}

/// "07:30", "7h30", "07:30-09:00", "7:30 – 9:00".
fn parse_time_range(text: &str) -> Option<(Option<chrono::NaiveTime>, Option<chrono::NaiveTime>)> {
    let one = |t: &str| -> Option<chrono::NaiveTime> {
        let t = t.trim().replace(['h', 'g'], ":");
        let t = t.trim_end_matches(':');
        let (h, m) = t.split_once(':').unwrap_or((t, "0"));
        let m = if m.is_empty() { "0" } else { m };
        chrono::NaiveTime::from_hms_opt(h.trim().parse().ok()?, m.trim().parse().ok()?, 0)
    };
    match text.split_once(['-', '–']) {
        Some((a, b)) => Some((Some(one(a)?), Some(one(b)?))),
        None => Some((Some(one(text)?), None)),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_time_range;

    #[test]
    fn times_as_people_write_them() {
        let t = |s: &str| {
            parse_time_range(s).map(|(a, b)| (a.map(|x| x.to_string()), b.map(|x| x.to_string())))
        };
        assert_eq!(t("07:30"), Some((Some("07:30:00".into()), None)));
        assert_eq!(
            t("7h30 – 9h"),
            Some((Some("07:30:00".into()), Some("09:00:00".into())))
        );
        assert_eq!(t("25:00"), None);
        assert_eq!(t("sáng"), None);
    }
}
