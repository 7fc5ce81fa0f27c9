//! Dates as people write them in front matter.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// Reads a date or date-time: `2026-04-12`, `2026-04-12 08:30`,
/// `2026-04-12T08:30:00+07:00` (converted to the site's time zone) or the
/// Vietnamese way, `12/04/2026`. `None` when it is not one of these or the
/// day does not exist (`2026-02-30`).
pub fn parse_date(text: &str, zone: FixedOffset) -> Option<NaiveDateTime> {
    let text = text.trim();
    if let Ok(with_zone) = DateTime::parse_from_rfc3339(text) {
        return Some(with_zone.with_timezone(&zone).naive_local());
    }
    if let Ok(with_zone) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z") {
        return Some(with_zone.with_timezone(&zone).naive_local());
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            return Some(dt);
        }
    }
    for format in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(text, format) {
            return Some(d.and_time(NaiveTime::MIN));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vn() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    #[track_caller]
    fn check(text: &str, expected: Option<&str>) {
        let got = parse_date(text, vn()).map(|d| d.format("%Y-%m-%d %H:%M").to_string());
        assert_eq!(got.as_deref(), expected, "{text:?}");
    }

    #[test]
    fn reads_common_forms() {
        check("2026-04-12", Some("2026-04-12 00:00"));
        check("12/04/2026", Some("2026-04-12 00:00"));
        check("2026-04-12 08:30", Some("2026-04-12 08:30"));
        check("2026-04-12T01:30:00Z", Some("2026-04-12 08:30"));
        check("2026-04-12T08:30:00+07:00", Some("2026-04-12 08:30"));
    }

    #[test]
    fn rejects_impossible_dates() {
        check("2026-02-30", None);
        check("31/04/2026", None);
        check("hôm qua", None);
        check("2026-13-01", None);
    }
}
