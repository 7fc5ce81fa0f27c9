//! iCalendar files (RFC 5545) for campaign events, so citizens can add them
//! to their phone calendars: one per campaign and one for the whole site.
//! Pure.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

use crate::model::{Campaign, CampaignEvent};
use crate::resolve::Site;

/// The calendar of `campaigns` (one, or all of the site's).
pub fn ics(site: &Site, campaigns: &[&Campaign], name: &str) -> String {
    let zone = site.config.timezone;
    let host = site
        .config
        .base_url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("loa");
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//loa//Lich chien dich//VI");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    line(&mut out, "X-WR-TIMEZONE:Asia/Ho_Chi_Minh");
    for c in campaigns {
        let url = format!("{}{}", site.config.base_url, site.campaign_url(c));
        for (i, e) in c.events.iter().enumerate() {
            line(&mut out, "BEGIN:VEVENT");
            line(&mut out, &format!("UID:{}-{}@{host}", c.slug, i + 1));
            // A stamp from the content, not the clock: the file stays the same from run to run.
            line(
                &mut out,
                &format!(
                    "DTSTAMP:{}",
                    utc(
                        c.dates
                            .map_or(e.date, |d| d.start)
                            .and_time(chrono::NaiveTime::MIN),
                        zone
                    )
                ),
            );
            match e.start {
                Some(start) => {
                    let end = e.end.unwrap_or_else(|| start + chrono::Duration::hours(1));
                    line(
                        &mut out,
                        &format!("DTSTART:{}", utc(e.date.and_time(start), zone)),
                    );
                    line(
                        &mut out,
                        &format!("DTEND:{}", utc(e.date.and_time(end), zone)),
                    );
                }
                None => {
                    line(&mut out, &format!("DTSTART;VALUE=DATE:{}", day(e.date)));
                    line(
                        &mut out,
                        &format!(
                            "DTEND;VALUE=DATE:{}",
                            day(e.date.succ_opt().unwrap_or(e.date))
                        ),
                    );
                }
            }
            line(&mut out, &format!("SUMMARY:{}", text(&e.title)));
            if let Some(place) = &e.place {
                line(&mut out, &format!("LOCATION:{}", text(place)));
            }
            line(
                &mut out,
                &format!("DESCRIPTION:{}", text(&description(c, e))),
            );
            line(&mut out, &format!("URL:{url}"));
            line(&mut out, "END:VEVENT");
        }
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn description(c: &Campaign, e: &CampaignEvent) -> String {
    match &e.description {
        Some(d) => format!("{d}\n{}", c.title),
        None => c.title.clone(),
    }
}

fn utc(local: NaiveDateTime, zone: FixedOffset) -> String {
    let dt = zone
        .from_local_datetime(&local)
        .single()
        .map_or(local, |d| d.naive_utc());
    dt.format("%Y%m%dT%H%M%SZ").to_string()
}

fn day(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value: backslash, `;`, `,` and newlines.
fn text(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Appends a content line, folded at 75 octets (never inside a UTF-8
/// character), with CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        line(
            &mut out,
            &format!("SUMMARY:{}", "Ngày toàn dân phòng, chống ma túy ".repeat(4)),
        );
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.contains(&"Ngày toàn dân phòng, chống ma túy ".repeat(4)));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a, b; c\nd\\"), "a\\, b\\; c\\nd\\\\");
    }

    #[test]
    fn local_times_become_utc() {
        let vn = FixedOffset::east_opt(7 * 3600).unwrap();
        let t = NaiveDate::from_ymd_opt(2027, 6, 26)
            .unwrap()
            .and_hms_opt(7, 30, 0)
            .unwrap();
        assert_eq!(utc(t, vn), "20270626T003000Z");
    }
}
