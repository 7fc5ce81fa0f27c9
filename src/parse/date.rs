//! Dates as people write them: in front matter, plans, campaigns and on the
//! command line alike.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// Why a text is not read as a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// A day and month with a two-digit year (`31/12/26`): the year it
    /// most likely means, written in full, in the same form (`31/12/2026`).
    TwoDigitYear { meant: String },
    /// A well-formed date of a day that does not exist (`2026-02-30`):
    /// why (`tháng 2 năm 2026 chỉ có 28 ngày`).
    Impossible { why: String },
    /// Not a date in any form loa reads.
    Unknown,
}

/// The forms loa reads, as the help of a message lists them.
pub const FORMS: &str = "`2026-12-31`, `31/12/2026`, `31-12-2026`, `31.12.2026` hoặc `ngày 31 tháng 12 năm 2026` (có thể thêm giờ: `2026-12-31 08:30`)";

/// The forms of a date that may leave out its day or month (plans).
pub const PARTIAL_FORMS: &str = "một ngày (`2026-04-12`, `12/4/2026`, `ngày 12 tháng 4 năm 2026`), một tháng khi văn bản chưa ghi ngày (`2026-04`, `4/2026`, `tháng 4 năm 2026`) hoặc một năm (`2026`)";

impl DateProblem {
    /// The message for `key` written as `text`, and its help.
    pub fn message(&self, key: &str, text: &str) -> (String, String) {
        match self {
            DateProblem::TwoDigitYear { meant } => (
                format!("`{key}`: `{text}` ghi năm bằng hai chữ số"),
                format!("ghi năm đủ bốn chữ số, ví dụ `{meant}`"),
            ),
            DateProblem::Impossible { why } => (
                format!("`{key}`: `{text}` không phải là một ngày có thật: {why}"),
                "kiểm tra lại ngày và tháng".to_string(),
            ),
            DateProblem::Unknown => (
                format!("`{key}`: không đọc được `{text}` là một ngày"),
                format!("viết ngày theo một trong các dạng {FORMS}"),
            ),
        }
    }
}

/// Reads a date or date-time: `2026-04-12`, `2026-04-12 08:30`,
/// `2026-04-12T08:30:00+07:00` (converted to the site's time zone), or the
/// Vietnamese ways, `12/04/2026`, `12-04-2026`, `12.04.2026` and `ngày 12
/// tháng 4 năm 2026`. The year is written with four digits.
pub fn read_date(text: &str, zone: FixedOffset) -> Result<NaiveDateTime, DateProblem> {
    let text = text.trim();
    let zoned = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z"));
    if let Ok(with_zone) = zoned {
        let local = with_zone.with_timezone(&zone).naive_local();
        // A year every feed, sitemap and calendar can write.
        return if (1000..=9999).contains(&local.year()) {
            Ok(local)
        } else {
            Err(DateProblem::Impossible {
                why: format!(
                    "theo múi giờ của trang đó là năm {}, ngoài khoảng 1000–9999",
                    local.year()
                ),
            })
        };
    }
    // A date, then maybe a time.
    let (day_part, time) = match text.split_once([' ', 'T']) {
        Some((d, t)) if !text.starts_with("ngày") && looks_like_time(t) => (d, Some(t)),
        _ => (text, None),
    };
    let time = match time {
        None => NaiveTime::MIN,
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
            .map_err(|_| DateProblem::Unknown)?,
    };
    let (year, month, day, form) = parts(day_part).ok_or(DateProblem::Unknown)?;
    if year.len() == 2 {
        let full = format!("20{year}");
        return Err(DateProblem::TwoDigitYear {
            meant: form.write(day, month, &full),
        });
    }
    if year.len() != 4 || year.starts_with('0') {
        return Err(DateProblem::Unknown);
    }
    let (y, m, d) = (
        year.parse::<i32>().map_err(|_| DateProblem::Unknown)?,
        month.parse::<u32>().map_err(|_| DateProblem::Unknown)?,
        day.parse::<u32>().map_err(|_| DateProblem::Unknown)?,
    );
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => Ok(date.and_time(time)),
        None => Err(DateProblem::Impossible {
            why: impossible(y, m, d),
        }),
    }
}

/// A date that may leave out its day or month, as plans do ("ngày   tháng
/// 4 năm 2026"): a full date in any form [`read_date`] reads, or a month
/// (`2026-04`, `4/2026`, `04-2026`, `4.2026`, `tháng 4 năm 2026`), or a year
/// (`2026`, `năm 2026`). Two-digit years and impossible dates are said so.
pub fn read_partial_date(text: &str) -> Result<crate::model::PartialDate, DateProblem> {
    use crate::model::PartialDate;
    let text = text.trim();
    let utc = chrono::Offset::fix(&chrono::Utc);
    match read_date(text, utc) {
        Ok(full) => {
            return Ok(PartialDate {
                year: full.year(),
                month: Some(full.month()),
                day: Some(full.day()),
            })
        }
        Err(DateProblem::Unknown) => {}
        Err(problem) => return Err(problem),
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let words: String = text
        .strip_prefix("năm ")
        .map(|y| y.to_string())
        .or_else(|| {
            let rest = text.strip_prefix("tháng ")?;
            let (m, y) = rest.split_once(" năm ")?;
            Some(format!("{}/{}", m.trim(), y.trim()))
        })
        .unwrap_or_else(|| text.to_string());
    let (month, year, sep) = match words.split_once(['-', '/', '.']) {
        // 2026-04 (ISO: the year first)
        Some((y, m)) if y.len() == 4 && digits(y) && digits(m) => (Some(m), y, '-'),
        Some((m, y)) if digits(m) && digits(y) => (
            Some(m),
            y,
            words
                .chars()
                .find(|c| matches!(c, '-' | '/' | '.'))
                .unwrap_or('/'),
        ),
        None if digits(&words) => (None, words.as_str(), '/'),
        _ => return Err(DateProblem::Unknown),
    };
    if year.len() == 2 {
        let full = format!("20{year}");
        return Err(DateProblem::TwoDigitYear {
            meant: match month {
                Some(m) => format!("{m}{sep}{full}"),
                None => full,
            },
        });
    }
    if year.len() != 4 || year.starts_with('0') {
        return Err(DateProblem::Unknown);
    }
    let year: i32 = year.parse().map_err(|_| DateProblem::Unknown)?;
    let month = match month {
        Some(m) => {
            let m: u32 = m.parse().map_err(|_| DateProblem::Unknown)?;
            if !(1..=12).contains(&m) {
                return Err(DateProblem::Impossible {
                    why: format!("không có tháng {m}"),
                });
            }
            Some(m)
        }
        None => None,
    };
    Ok(PartialDate {
        year,
        month,
        day: None,
    })
}

/// [`read_date`], without saying why not.
pub fn parse_date(text: &str, zone: FixedOffset) -> Option<NaiveDateTime> {
    read_date(text, zone).ok()
}

/// How a date was written, to suggest the same form back.
#[derive(Clone, Copy)]
enum Form {
    Iso,
    Separated(char),
    Words,
}

impl Form {
    fn write(self, day: &str, month: &str, year: &str) -> String {
        match self {
            Form::Iso => format!("{year}-{month}-{day}"),
            Form::Separated(sep) => format!("{day}{sep}{month}{sep}{year}"),
            Form::Words => format!("ngày {day} tháng {month} năm {year}"),
        }
    }
}

/// Year, month, day (as digits) and the form, of a date written in one of
/// the forms loa reads.
fn parts(text: &str) -> Option<(&str, &str, &str, Form)> {
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = text.strip_prefix("ngày ") {
        let (day, rest) = rest.split_once(" tháng ")?;
        let (month, year) = rest.split_once(" năm ")?;
        let (day, month, year) = (day.trim(), month.trim(), year.trim());
        return (digits(day) && digits(month) && digits(year)).then_some((
            year,
            month,
            day,
            Form::Words,
        ));
    }
    for sep in ['/', '-', '.'] {
        let pieces: Vec<&str> = text.split(sep).collect();
        if let [a, b, c] = pieces[..] {
            if !(digits(a) && digits(b) && digits(c)) {
                return None;
            }
            return Some(if sep == '-' && a.len() == 4 {
                (a, b, c, Form::Iso)
            } else {
                (c, b, a, Form::Separated(sep))
            });
        }
    }
    None
}

/// Whether `text` after a date is a time of day (`08:30`, `08:30:00`).
fn looks_like_time(text: &str) -> bool {
    text.contains(':') && text.bytes().all(|b| b.is_ascii_digit() || b == b':')
}

/// Why year `y`, month `m`, day `d` is not a day, in words.
fn impossible(y: i32, m: u32, d: u32) -> String {
    if !(1..=12).contains(&m) {
        return format!("không có tháng {m}");
    }
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    let days = next
        .and_then(|n| n.pred_opt())
        .map_or(31, |last| last.day());
    if d == 0 {
        "không có ngày 0".to_string()
    } else {
        format!("tháng {m} năm {y} chỉ có {days} ngày")
    }
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
        check("2026-04-12T08:30", Some("2026-04-12 08:30"));
        check("2026-04-12 08:30:15", Some("2026-04-12 08:30"));
        check("2026-04-12T01:30:00Z", Some("2026-04-12 08:30"));
        check("2026-04-12T08:30:00+07:00", Some("2026-04-12 08:30"));
    }

    #[test]
    fn reads_dates_as_people_write_them() {
        for text in [
            "31/12/2026",
            "31-12-2026",
            "31.12.2026",
            "ngày 31 tháng 12 năm 2026",
            " 31/12/2026 ",
        ] {
            check(text, Some("2026-12-31 00:00"));
        }
        check("1/6/2027", Some("2027-06-01 00:00"));
        check("ngày 1 tháng 6 năm 2027", Some("2027-06-01 00:00"));
        check("01/06/2027 07:30", Some("2027-06-01 07:30"));
    }

    #[test]
    fn a_two_digit_year_is_refused_with_the_four_digit_one() {
        let problem = |t| read_date(t, vn()).unwrap_err();
        assert_eq!(
            problem("31/12/26"),
            DateProblem::TwoDigitYear {
                meant: "31/12/2026".into()
            }
        );
        assert_eq!(
            problem("31.12.26"),
            DateProblem::TwoDigitYear {
                meant: "31.12.2026".into()
            }
        );
        assert_eq!(
            problem("ngày 31 tháng 12 năm 26"),
            DateProblem::TwoDigitYear {
                meant: "ngày 31 tháng 12 năm 2026".into()
            }
        );
        let (message, help) = problem("31/12/26").message("date", "31/12/26");
        assert!(message.contains("hai chữ số"), "{message}");
        assert!(help.contains("`31/12/2026`"), "{help}");
    }

    #[test]
    fn an_impossible_day_says_why() {
        let why = |t| match read_date(t, vn()) {
            Err(DateProblem::Impossible { why }) => why,
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(why("2026-02-30"), "tháng 2 năm 2026 chỉ có 28 ngày");
        assert_eq!(why("31/04/2026"), "tháng 4 năm 2026 chỉ có 30 ngày");
        assert_eq!(why("2026-13-01"), "không có tháng 13");
        check("29/02/2028", Some("2028-02-29 00:00"));
    }

    #[test]
    fn other_texts_are_not_dates_and_the_help_lists_the_forms() {
        for text in [
            "hôm qua",
            "2026",
            "12/2026",
            "2026/12",
            "0026-12-31",
            "31/12/202",
            "-0001-01-01",
            "9999-12-31T23:59:59-12:00",
        ] {
            assert!(read_date(text, vn()).is_err(), "{text}");
        }
        let (message, help) = DateProblem::Unknown.message("date", "hôm qua");
        assert!(message.contains("không đọc được"), "{message}");
        assert!(
            help.contains("31.12.2026") && help.contains("ngày 31 tháng 12"),
            "{help}"
        );
    }

    #[test]
    fn plan_dates_may_leave_out_day_or_month() {
        let d = |t: &str| read_partial_date(t).map(|p| (p.year, p.month, p.day));
        assert_eq!(d("2026-04-12"), Ok((2026, Some(4), Some(12))));
        assert_eq!(d("12/4/2026"), Ok((2026, Some(4), Some(12))));
        assert_eq!(d("ngày 12 tháng 4 năm 2026"), Ok((2026, Some(4), Some(12))));
        assert_eq!(d("2026-04"), Ok((2026, Some(4), None)));
        assert_eq!(d("4/2026"), Ok((2026, Some(4), None)));
        assert_eq!(d("04.2026"), Ok((2026, Some(4), None)));
        assert_eq!(d("tháng 4 năm 2026"), Ok((2026, Some(4), None)));
        assert_eq!(d("năm 2026"), Ok((2026, None, None)));
        assert_eq!(d("2026"), Ok((2026, None, None)));
        assert_eq!(
            d("4/26"),
            Err(DateProblem::TwoDigitYear {
                meant: "4/2026".into()
            })
        );
        assert!(matches!(d("13/2026"), Err(DateProblem::Impossible { .. })));
        assert!(matches!(
            d("31/2/2026"),
            Err(DateProblem::Impossible { .. })
        ));
        assert_eq!(d("sau Tết"), Err(DateProblem::Unknown));
    }
}
