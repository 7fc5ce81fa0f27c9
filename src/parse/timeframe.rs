//! The timeframe reader: a task's "Thời gian thực hiện" as written on paper
//! → a [`Period`] loa can place on a timeline and compare with today.
//!
//! It reads quarters (Roman or Arabic), months, half-years, years, dates,
//! ranges ("Từ Quý II năm 2026 đến năm 2030"), lists ("Quý IV năm 2017 và
//! quý I năm 2018"), recurring work ("Hằng năm", "Hằng tháng, quý và năm"),
//! open-ended work ("Năm 2018 và những năm tiếp theo", "thường xuyên từ năm
//! 2018") and conditional starts ("Sau khi … ban hành …"), which have no date.
//! Pure.

use chrono::{Datelike, NaiveDate};

use crate::model::{Period, Recurrence, Span};

/// Reads a timeframe. `None` when the text names no time loa understands;
/// `check` lists those, and the YAML can give the period explicitly.
pub fn read_timeframe(text: &str) -> Option<Period> {
    let folded = fold(text);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let has = |phrase: &str| contains_phrase(&words, phrase);

    let mut period = Period::default();
    if words.first() == Some(&"sau") && words.get(1) == Some(&"khi")
        || has("khi co")
        || has("sau khi")
    {
        period.conditional = true;
    }
    if words.contains(&"hang") || has("dinh ky") {
        period.recurrence = Some(if has("thang") {
            Recurrence::Monthly
        } else if has("quy") {
            Recurrence::Quarterly
        } else {
            Recurrence::Yearly
        });
    }
    if has("thuong xuyen") || has("lien tuc") {
        period.recurrence.get_or_insert(Recurrence::Continuous);
    }
    if period.conditional {
        // A condition is not a date, even when it names a year in passing.
        return Some(period);
    }

    // A quarter or month that cannot exist ("Quý V") makes the whole text unreadable.
    let points = points(&words)?;
    let mut i = 0;
    while i < points.len() {
        let p = &points[i];
        let Some((start, end)) = p.bounds() else {
            i += 1;
            continue;
        };
        if let Some(next) = points.get(i + 1).filter(|n| n.after_until) {
            if let Some((_, next_end)) = next.bounds() {
                period.spans.push(Span {
                    start,
                    end: next_end,
                });
                i += 2;
                continue;
            }
        }
        period.spans.push(Span { start, end });
        i += 1;
    }
    let from_without_until =
        points.first().is_some_and(|p| p.after_from) && !points.iter().any(|p| p.after_until);
    if has("tiep theo") || has("tro di") || from_without_until {
        period.open_ended = true;
    }
    if period.spans.is_empty() && period.recurrence.is_none() {
        return None;
    }
    Some(period)
}

/// One point in time as written: a quarter, month, half-year, day or year.
#[derive(Clone, Debug, Default)]
struct Point {
    unit: PointUnit,
    year: Option<i32>,
    /// Preceded by "từ".
    after_from: bool,
    /// Preceded by "đến" / "tới": the end of a range.
    after_until: bool,
}

#[derive(Clone, Copy, Debug, Default)]
enum PointUnit {
    #[default]
    Year,
    Quarter(u32),
    Month(u32),
    Half(u32),
    Day(u32, u32),
}

impl Point {
    fn bounds(&self) -> Option<(NaiveDate, NaiveDate)> {
        let y = self.year?;
        let first = |m: u32| NaiveDate::from_ymd_opt(y, m, 1);
        let last = |m: u32| {
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            };
            next.and_then(|d| d.pred_opt())
        };
        Some(match self.unit {
            PointUnit::Year => (first(1)?, last(12)?),
            PointUnit::Quarter(q) => (first(3 * q - 2)?, last(3 * q)?),
            PointUnit::Month(m) => (first(m)?, last(m)?),
            PointUnit::Half(h) => (first(6 * h - 5)?, last(6 * h)?),
            PointUnit::Day(d, m) => {
                let day = NaiveDate::from_ymd_opt(y, m, d)?;
                (day, day)
            }
        })
    }
}

fn points(words: &[&str]) -> Option<Vec<Point>> {
    let mut out: Vec<Point> = Vec::new();
    let mut after_from = false;
    let mut after_until = false;
    let mut i = 0;
    let push = |out: &mut Vec<Point>,
                unit: PointUnit,
                year: Option<i32>,
                from: &mut bool,
                until: &mut bool| {
        out.push(Point {
            unit,
            year,
            after_from: *from,
            after_until: *until,
        });
        *from = false;
        *until = false;
    };
    while i < words.len() {
        let w = words[i];
        match w {
            "tu" => after_from = true,
            "den" | "toi" => after_until = true,
            "quy" => {
                let next = words.get(i + 1).copied().unwrap_or("");
                if let Some(q) = quarter_number(next) {
                    i += 1;
                    let year = slash_year(words, &mut i);
                    push(
                        &mut out,
                        PointUnit::Quarter(q),
                        year,
                        &mut after_from,
                        &mut after_until,
                    );
                } else if next
                    .chars()
                    .all(|c| c.is_ascii_digit() || "ivxl".contains(c))
                    && !next.is_empty()
                {
                    return None;
                }
            }
            "thang" => {
                let next = words.get(i + 1).copied().unwrap_or("");
                if let Ok(m) = next.parse::<u32>() {
                    if !(1..=12).contains(&m) {
                        return None;
                    }
                    i += 1;
                    let year = slash_year(words, &mut i);
                    push(
                        &mut out,
                        PointUnit::Month(m),
                        year,
                        &mut after_from,
                        &mut after_until,
                    );
                }
            }
            "6" if words.get(i + 1) == Some(&"thang") => {
                let half = match words.get(i + 2) {
                    Some(&"dau") => Some(1),
                    Some(&"cuoi") => Some(2),
                    _ => None,
                };
                if let Some(h) = half {
                    i += 2;
                    push(
                        &mut out,
                        PointUnit::Half(h),
                        None,
                        &mut after_from,
                        &mut after_until,
                    );
                }
            }
            "nam" => {
                if let Some(y) = words.get(i + 1).and_then(|n| year_number(n)) {
                    i += 1;
                    assign_year(&mut out, y, &mut after_from, &mut after_until);
                }
            }
            _ => {
                if let Some(y) = year_number(w) {
                    assign_year(&mut out, y, &mut after_from, &mut after_until);
                } else if let Some((d, m, y)) = full_date(words, i) {
                    i += 4;
                    push(
                        &mut out,
                        PointUnit::Day(d, m),
                        Some(y),
                        &mut after_from,
                        &mut after_until,
                    );
                }
            }
        }
        i += 1;
    }
    Some(out)
}

/// A year written after a quarter, month or half-year belongs to every
/// point still waiting for one ("quý III và quý IV năm 2026"); otherwise it
/// is a point of its own ("đến năm 2030").
fn assign_year(out: &mut Vec<Point>, year: i32, from: &mut bool, until: &mut bool) {
    let waiting: Vec<usize> = out
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, p)| p.year.is_none())
        .map(|(i, _)| i)
        .collect();
    if waiting.is_empty() {
        out.push(Point {
            unit: PointUnit::Year,
            year: Some(year),
            after_from: *from,
            after_until: *until,
        });
        *from = false;
        *until = false;
    } else {
        for i in waiting {
            out[i].year = Some(year);
        }
    }
}

fn slash_year(words: &[&str], i: &mut usize) -> Option<i32> {
    if words.get(*i + 1) == Some(&"/") {
        if let Some(y) = words.get(*i + 2).and_then(|n| year_number(n)) {
            *i += 2;
            return Some(y);
        }
    }
    None
}

fn full_date(words: &[&str], i: usize) -> Option<(u32, u32, i32)> {
    let d: u32 = words.get(i)?.parse().ok()?;
    if words.get(i + 1) != Some(&"/") || words.get(i + 3) != Some(&"/") {
        return None;
    }
    let m: u32 = words.get(i + 2)?.parse().ok()?;
    let y = year_number(words.get(i + 4)?)?;
    NaiveDate::from_ymd_opt(y, m, d)?;
    Some((d, m, y))
}

fn quarter_number(word: &str) -> Option<u32> {
    match word {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

fn year_number(word: &str) -> Option<i32> {
    let y: i32 = word.parse().ok()?;
    (word.len() == 4 && (1900..=2200).contains(&y)).then_some(y)
}

/// Lowercase ASCII words: diacritics removed, `đ` → `d`, punctuation
/// dropped except `/` (kept as its own word, for "quý 2/2026").
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        for part in word.split_inclusive('/') {
            let (core, slash) = match part.strip_suffix('/') {
                Some(core) => (core, true),
                None => (part, false),
            };
            let slug = crate::text::slugify(core).replace('-', " ");
            if !slug.is_empty() {
                out.push_str(&slug);
                out.push(' ');
            }
            if slash {
                out.push_str("/ ");
            }
        }
    }
    out
}

fn contains_phrase(words: &[&str], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

/// The first day of `date`'s quarter, for timeline columns.
pub fn quarter_start(date: NaiveDate) -> NaiveDate {
    let month = (date.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(date.year(), month, 1).expect("the first of a quarter month exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Checks one expression: the spans as `start..end`, and the flags.
    #[track_caller]
    fn check(
        text: &str,
        spans: &[&str],
        open: bool,
        recurrence: Option<Recurrence>,
        conditional: bool,
    ) {
        let p = read_timeframe(text).unwrap_or_else(|| panic!("{text:?} not read"));
        let got: Vec<String> = p
            .spans
            .iter()
            .map(|s| format!("{}..{}", s.start, s.end))
            .collect();
        assert_eq!(got, spans, "spans of {text:?}");
        assert_eq!(p.open_ended, open, "open-ended of {text:?}");
        assert_eq!(p.recurrence, recurrence, "recurrence of {text:?}");
        assert_eq!(p.conditional, conditional, "conditional of {text:?}");
    }

    #[test]
    fn every_timeframe_of_the_seed_plans() {
        check(
            "Từ Quý II năm 2026 đến năm 2030.",
            &["2026-04-01..2030-12-31"],
            false,
            None,
            false,
        );
        check("Năm 2022", &["2022-01-01..2022-12-31"], false, None, false);
        check("Năm 2022.", &["2022-01-01..2022-12-31"], false, None, false);
        check(
            "Hằng tháng, quý và năm.",
            &[],
            false,
            Some(Recurrence::Monthly),
            false,
        );
        check(
            "Sau khi Bộ Lao động - Thương binh và Xã hội ban hành Quyết định phê duyệt dự án.",
            &[],
            false,
            None,
            true,
        );
        check(
            "Từ năm 2023 đến năm 2025.",
            &["2023-01-01..2025-12-31"],
            false,
            None,
            false,
        );
    }

    #[test]
    fn quarters_months_and_lists() {
        check(
            "Tháng 11 năm 2017",
            &["2017-11-01..2017-11-30"],
            false,
            None,
            false,
        );
        check(
            "Quý IV năm 2017 và quý I năm 2018",
            &["2017-10-01..2017-12-31", "2018-01-01..2018-03-31"],
            false,
            None,
            false,
        );
        check(
            "Quý III và quý IV năm 2026",
            &["2026-07-01..2026-09-30", "2026-10-01..2026-12-31"],
            false,
            None,
            false,
        );
        check(
            "Quý 2/2026",
            &["2026-04-01..2026-06-30"],
            false,
            None,
            false,
        );
        check(
            "quý 3 năm 2026",
            &["2026-07-01..2026-09-30"],
            false,
            None,
            false,
        );
        check(
            "Từ tháng 3 đến tháng 6 năm 2026",
            &["2026-03-01..2026-06-30"],
            false,
            None,
            false,
        );
        check(
            "6 tháng đầu năm 2026",
            &["2026-01-01..2026-06-30"],
            false,
            None,
            false,
        );
        check(
            "Trước ngày 26/6/2026",
            &["2026-06-26..2026-06-26"],
            false,
            None,
            false,
        );
        check(
            "Tháng 2/2024",
            &["2024-02-01..2024-02-29"],
            false,
            None,
            false,
        );
    }

    #[test]
    fn recurring_and_open_ended() {
        check("Hằng năm", &[], false, Some(Recurrence::Yearly), false);
        check("Hàng quý", &[], false, Some(Recurrence::Quarterly), false);
        check(
            "Năm 2018 và những năm tiếp theo",
            &["2018-01-01..2018-12-31"],
            true,
            None,
            false,
        );
        check(
            "thường xuyên từ năm 2018",
            &["2018-01-01..2018-12-31"],
            true,
            Some(Recurrence::Continuous),
            false,
        );
        check(
            "Thường xuyên",
            &[],
            false,
            Some(Recurrence::Continuous),
            false,
        );
        check(
            "Hằng năm, từ năm 2026 đến năm 2030",
            &["2026-01-01..2030-12-31"],
            false,
            Some(Recurrence::Yearly),
            false,
        );
    }

    #[test]
    fn text_without_time_is_not_read() {
        assert!(read_timeframe("Theo kế hoạch của cấp trên").is_none());
        assert!(read_timeframe("").is_none());
        assert!(read_timeframe("Quý V năm 2026").is_none());
    }

    #[test]
    fn quarter_start_of_a_date() {
        assert_eq!(quarter_start(d("2026-05-17")), d("2026-04-01"));
    }
}
