//! Dates in Vietnamese (and English, for a site in English), for pages,
//! and in RFC 3339, for feeds. Pure.

use chrono::{Datelike, FixedOffset, NaiveDateTime, TimeZone, Weekday};

/// "ngày 12 tháng 4 năm 2022"
pub fn long(date: NaiveDateTime) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        date.day(),
        date.month(),
        date.year()
    )
}

/// "Thứ Ba, ngày 12 tháng 4 năm 2022"
pub fn with_weekday(date: NaiveDateTime) -> String {
    format!("{}, {}", weekday(date.weekday()), long(date))
}

/// "12 April 2022"
pub fn long_en(date: NaiveDateTime) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "Tuesday, 12 April 2022"
pub fn with_weekday_en(date: NaiveDateTime) -> String {
    date.format("%A, %-d %B %Y").to_string()
}

/// "12/04/2022", for lists and tables.
pub fn short(date: NaiveDateTime) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// "2022-04-12", for `<time datetime>` and the sitemap.
pub fn iso_date(date: NaiveDateTime) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// "2022-04-12T00:00:00+07:00", for feeds and `article:published_time`.
pub fn rfc3339(date: NaiveDateTime, zone: FixedOffset) -> String {
    match zone.from_local_datetime(&date).single() {
        Some(dt) => dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        None => date
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

/// The Vietnamese name of a weekday.
pub fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, day)
            .unwrap()
            .and_hms_opt(8, 5, 0)
            .unwrap()
    }

    #[test]
    fn vietnamese_forms() {
        assert_eq!(long(d(2022, 4, 12)), "ngày 12 tháng 4 năm 2022");
        assert_eq!(long_en(d(2022, 4, 2)), "2 April 2022");
        assert_eq!(with_weekday_en(d(2022, 4, 12)), "Tuesday, 12 April 2022");
        assert_eq!(
            with_weekday(d(2022, 4, 12)),
            "Thứ Ba, ngày 12 tháng 4 năm 2022"
        );
        assert_eq!(
            with_weekday(d(2026, 11, 22)),
            "Chủ nhật, ngày 22 tháng 11 năm 2026"
        );
        assert_eq!(short(d(2026, 1, 5)), "05/01/2026");
    }

    #[test]
    fn feed_dates_carry_the_offset() {
        let vn = FixedOffset::east_opt(7 * 3600).unwrap();
        assert_eq!(rfc3339(d(2026, 6, 26), vn), "2026-06-26T08:05:00+07:00");
        assert_eq!(iso_date(d(2026, 6, 26)), "2026-06-26");
    }
}
