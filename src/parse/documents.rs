//! The legal document registry (`content/van-ban.yaml`): the laws, decrees
//! and decisions that plans and articles cite, with when each is in force
//! and what replaced it. Also finds document numbers written in any text.

use serde::Deserialize;

use super::Text;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{number_key, LegalDoc, Slug};
use crate::source::SourceFile;
use crate::yaml;

/// Keys of a registry entry, for typo suggestions.
pub const KNOWN_KEYS: &[&str] = &[
    "number",
    "kind",
    "title",
    "issuer",
    "date",
    "in_force_from",
    "in_force_until",
    "replaced_by",
    "url",
    "note",
    "slug",
];

#[derive(Deserialize)]
struct RawDoc {
    number: Text,
    kind: Text,
    title: Option<Text>,
    issuer: Option<Text>,
    date: Option<Text>,
    in_force_from: Option<Text>,
    in_force_until: Option<Text>,
    replaced_by: Option<Text>,
    url: Option<Text>,
    note: Option<Text>,
    slug: Option<Text>,
}

/// Parses the registry. Entries with errors are skipped; a number given
/// twice is an error on the second; `replaced_by` must name an entry.
pub fn parse_documents(file: &SourceFile, diags: &mut Diagnostics) -> Vec<LegalDoc> {
    let path = file.path.as_str();
    if file.text.trim().is_empty() {
        return Vec::new();
    }
    let Some(raw): Option<Vec<RawDoc>> = yaml::from_str(path, &file.text, KNOWN_KEYS, diags) else {
        return Vec::new();
    };
    // Entries start at "- " lines at the top level; the n-th entry is the
    // n-th such line, so messages point into the right entry.
    let starts: Vec<usize> = file
        .text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- ") || l.trim_end() == "-")
        .map(|(i, _)| i)
        .collect();
    let mut docs: Vec<LegalDoc> = Vec::new();
    for (n, r) in raw.into_iter().enumerate() {
        let first = starts.get(n).copied().unwrap_or(0);
        let last = starts.get(n + 1).copied().unwrap_or(usize::MAX);
        let find = |needle: &str| find_in(&file.text, needle, first, last);
        let number = r.number.0.trim().to_string();
        let at = find(&number);
        if number.is_empty() || !number.contains('/') {
            diags.push(
                Diagnostic::error(path, format!("số hiệu văn bản `{number}` không hợp lệ"))
                    .located(at)
                    .with_help("ghi số và ký hiệu như trên văn bản, ví dụ `number: 120/2025/QH15`"),
            );
            continue;
        }
        let mut ok = true;
        let mut date = |t: &Option<Text>, key: &str| -> Option<chrono::NaiveDate> {
            let t = t.as_ref()?;
            match super::date::read_date(&t.0, chrono::Offset::fix(&chrono::Utc)) {
                Ok(date) => Some(date.date()),
                Err(problem) => {
                    ok = false;
                    let (message, help) = problem.message(key, &t.0);
                    diags.push(
                        Diagnostic::error(path, message)
                            .located(find(&t.0).or(at))
                            .with_help(help),
                    );
                    None
                }
            }
        };
        let doc_date = date(&r.date, "date");
        let from = date(&r.in_force_from, "in_force_from");
        let until = date(&r.in_force_until, "in_force_until");
        if let (Some(f), Some(u)) = (from, until) {
            if u < f {
                diags.push(
                    Diagnostic::error(
                        path,
                        format!("văn bản {number} hết hiệu lực trước ngày có hiệu lực"),
                    )
                    .located(find("in_force_until").or(at)),
                );
                ok = false;
            }
        }
        let slug = match &r.slug {
            Some(s) => Slug::parse(s.0.trim()),
            None => Slug::from_text(&number),
        };
        let Some(slug) = slug else {
            diags.push(
                Diagnostic::error(
                    path,
                    format!("không tạo được đường dẫn cho văn bản {number}"),
                )
                .located(at)
                .with_help("thêm `slug: …` gồm chữ thường không dấu, số và dấu gạch ngang"),
            );
            continue;
        };
        if let Some(other) = docs
            .iter()
            .find(|d| number_key(&d.number) == number_key(&number) || d.slug == slug)
        {
            diags.push(
                Diagnostic::error(
                    path,
                    format!(
                        "văn bản {number} đã có trong danh mục (trùng với {})",
                        other.number
                    ),
                )
                .located(at),
            );
            continue;
        }
        if !ok {
            continue;
        }
        let text = |t: Option<Text>| t.map(|t| t.0.trim().to_string()).filter(|t| !t.is_empty());
        // A refused address is reported; the document stays in the
        // registry, without its link, so that citing it is no second error.
        let url = text(r.url).filter(|u| {
            let allowed = crate::text::link_allowed(u);
            if !allowed {
                diags.push(crate::diag::link_refused(path, "url", u, find(u).or(at)));
            }
            allowed
        });
        docs.push(LegalDoc {
            slug,
            number,
            kind: r.kind.0.trim().to_string(),
            title: text(r.title),
            issuer: text(r.issuer),
            date: doc_date,
            in_force_from: from,
            in_force_until: until,
            replaced_by: text(r.replaced_by),
            url,
            note: text(r.note),
            at,
        });
    }
    for d in &docs {
        let Some(by) = &d.replaced_by else { continue };
        if !docs.iter().any(|o| number_key(&o.number) == number_key(by)) {
            let numbers: Vec<&str> = docs.iter().map(|o| o.number.as_str()).collect();
            let mut diag = Diagnostic::error(
                path,
                format!("văn bản {} được ghi là thay thế bởi `{by}` nhưng danh mục không có văn bản này", d.number),
            )
            .located(find_in(&file.text, by, 0, usize::MAX))
            .with_help("thêm văn bản thay thế vào danh mục, hoặc sửa số hiệu cho đúng");
            if let Some(near) = crate::diag::nearest(by, &numbers) {
                diag = diag.with_help(format!("có phải ý bạn là `{near}`?"));
            }
            diags.push(diag);
        }
        if d.in_force_until.is_none() {
            diags.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "văn bản {} có `replaced_by` nhưng chưa ghi ngày hết hiệu lực `in_force_until`",
                        d.number
                    ),
                )
                .located(d.at),
            );
        }
    }
    docs
}

/// The first place `needle` is written between lines `first` and `last`.
fn find_in(text: &str, needle: &str, first: usize, last: usize) -> Option<Location> {
    text.lines()
        .enumerate()
        .skip(first)
        .take(last.saturating_sub(first))
        .find_map(|(i, l)| {
            let b = l.find(needle)?;
            Some(Location {
                line: i as u32 + 1,
                column: l[..b].chars().count() as u32 + 1,
            })
        })
}

/// Every document number in `text` ("116/2021/NĐ-CP", "1409/KH-STP"), with
/// where it is, in order: a token that starts with a digit, holds a `/`, and
/// has a letter after it (so dates like 21/12/2021 are not numbers).
pub fn document_numbers(text: &str) -> Vec<(String, Option<Location>)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut column = 0u32;
        let mut token = String::new();
        let mut token_column = 0u32;
        for c in line.chars().chain(std::iter::once(' ')) {
            column += 1;
            if c.is_alphanumeric() || c == '/' || c == '-' || c == '\u{2013}' {
                if token.is_empty() {
                    token_column = column;
                }
                token.push(c);
                continue;
            }
            if !token.is_empty() {
                let t = token.trim_end_matches(['-', '/', '\u{2013}']);
                let starts_with_digit = t.chars().next().is_some_and(|c| c.is_ascii_digit());
                let lettered = t
                    .split_once('/')
                    .is_some_and(|(_, rest)| rest.chars().any(char::is_alphabetic));
                if starts_with_digit && lettered {
                    found.push((
                        t.to_string(),
                        Some(Location {
                            line: i as u32 + 1,
                            column: token_column,
                        }),
                    ));
                }
                token.clear();
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourcePath;

    fn parse(text: &str) -> (Vec<LegalDoc>, Vec<String>) {
        let file = SourceFile {
            path: SourcePath::new("content/van-ban.yaml"),
            text: text.to_string(),
        };
        let mut diags = Diagnostics::default();
        let docs = parse_documents(&file, &mut diags);
        (docs, diags.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn reads_entries_and_currency() {
        let (docs, diags) = parse(
            "- number: 73/2021/QH14\n  kind: Luật\n  title: Luật Phòng, chống ma túy\n  in_force_from: 2022-01-01\n  in_force_until: 2026-06-30\n  replaced_by: 120/2025/QH15\n- number: 120/2025/QH15\n  kind: Luật\n  title: Luật Phòng, chống ma túy\n  date: 2025-12-10\n  in_force_from: 2026-07-01\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].slug.as_str(), "73-2021-qh14");
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(docs[0].in_force_on(day("2026-06-30")));
        assert!(!docs[0].in_force_on(day("2026-07-01")));
        assert!(docs[0].ended_by(day("2026-07-01")));
        assert!(!docs[1].in_force_on(day("2026-06-30")));
        assert_eq!(
            docs[1].display_name(),
            "Luật Phòng, chống ma túy số 120/2025/QH15"
        );
    }

    #[test]
    fn bad_entries_are_located() {
        let (docs, diags) = parse(
            "- number: 1/2020/QH14\n  kind: Luật\n- number: 2/2020/QH14\n  kind: Luật\n  in_force_from: 2020-02-30\n- number: 3/2020/QH14\n  kind: Luật\n  in_force_until: 2021-01-01\n  replaced_by: 9/2020/QH14\n- number: 1/2020/qh14\n  kind: Luật\n",
        );
        assert_eq!(docs.len(), 2, "{diags:?}");
        let has = |prefix: &str| diags.iter().any(|d| d.starts_with(prefix));
        assert!(
            has("content/van-ban.yaml:5:18: lỗi: `in_force_from`: `2020-02-30` không phải là một ngày có thật: tháng 2 năm 2020 chỉ có 29 ngày"),
            "{diags:?}"
        );
        assert!(
            has("content/van-ban.yaml:10:11: lỗi: văn bản 1/2020/qh14 đã có"),
            "{diags:?}"
        );
        assert!(has("content/van-ban.yaml:9:16: lỗi: văn bản 3/2020/QH14 được ghi là thay thế bởi `9/2020/QH14`"), "{diags:?}");
    }

    #[test]
    fn finds_document_numbers_not_dates() {
        let found: Vec<String> = document_numbers(
            "Nghị định số 116/2021/NĐ-CP ngày 21/12/2021; Quyết định số 1393/QĐLĐTBXH, Kế hoạch 1409/KH-STP.",
        )
        .into_iter()
        .map(|(n, _)| n)
        .collect();
        assert_eq!(found, ["116/2021/NĐ-CP", "1393/QĐLĐTBXH", "1409/KH-STP"]);
        assert_eq!(number_key("1393/QĐLĐTBXH"), number_key("1393/QĐ-LĐTBXH"));
    }
}
