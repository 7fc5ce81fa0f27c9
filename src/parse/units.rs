//! The unit registry (`content/don-vi.yaml`): every body plans assign work
//! to, with the other names plans call it by.

use serde::Deserialize;

use super::{OneOrMany, RawLevel};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Slug, Unit};
use crate::source::SourceFile;
use crate::yaml;

/// Keys of a registry entry, for typo suggestions.
pub const KNOWN_KEYS: &[&str] = &[
    "id",
    "name",
    "name_en",
    "aliases",
    "level",
    "description",
    "scope",
];

#[derive(Deserialize)]
struct RawUnit {
    id: String,
    name: String,
    name_en: Option<String>,
    #[serde(default)]
    aliases: OneOrMany,
    level: RawLevel,
    description: Option<String>,
    scope: Option<String>,
}

/// Parses the registry. Entries with errors are skipped; an id or a name
/// given to two units is an error on the second.
pub fn parse_units(file: &SourceFile, diags: &mut Diagnostics) -> Vec<Unit> {
    let path = file.path.as_str();
    if file.text.trim().is_empty() {
        return Vec::new();
    }
    let Some(raw): Option<Vec<RawUnit>> = yaml::from_str(path, &file.text, KNOWN_KEYS, diags)
    else {
        return Vec::new();
    };
    // A name still holding "[Cần điền…]" is shown without it (and warned).
    crate::config::warn_placeholders(path, &file.text, diags);
    let strip = crate::text::strip_placeholders;
    let mut units: Vec<Unit> = Vec::new();
    // name key → (unit id, scope): a name may be given to two units of
    // different places, never twice in one place.
    let mut names: std::collections::BTreeMap<(String, Option<String>), String> =
        Default::default();
    // Entries start at "- " lines at the top level: messages about the n-th
    // entry point into it, not at the same words in an earlier entry.
    let starts: Vec<usize> = file
        .text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- ") || l.trim_end() == "-")
        .map(|(i, _)| i)
        .collect();
    // The value `needle` itself (not a longer name that begins with it):
    // what follows it on the line is nothing, a comma, `]` or a comment.
    let find_in = |entry: usize, needle: &str| {
        let from = starts.get(entry).copied().unwrap_or(0);
        let whole = |line: &str, at: usize| {
            line[at + needle.len()..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ',' | ']' | '#' | '"' | '\''))
        };
        let lines = || file.text.lines().enumerate().skip(from);
        lines()
            .find_map(|(i, l)| {
                l.match_indices(needle)
                    .find(|(b, _)| whole(l, *b))
                    .map(|(b, _)| (i, b))
            })
            .or_else(|| lines().find_map(|(i, l)| l.find(needle).map(|b| (i, b))))
            .map(|(i, b)| crate::diag::Location {
                line: i as u32 + 1,
                column: 1 + file
                    .text
                    .lines()
                    .nth(i)
                    .map_or(0, |l| l[..b].chars().count()) as u32,
            })
    };
    for (entry, r) in raw.into_iter().enumerate() {
        let find = |needle: &str| find_in(entry, needle);
        let Some(id) = Slug::parse(r.id.trim()) else {
            let mut d = Diagnostic::error(path, format!("mã đơn vị `id: {}` không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang", r.id))
                .located(find(&r.id));
            if let Some(s) = Slug::from_text(&r.id) {
                d = d.with_help(format!("ví dụ `id: {s}`"));
            }
            diags.push(d);
            continue;
        };
        if units.iter().any(|u| u.id == id) {
            diags.push(
                Diagnostic::error(
                    path,
                    format!("mã đơn vị `{id}` đã được dùng cho một đơn vị khác"),
                )
                .located(find(&format!("id: {id}"))),
            );
            continue;
        }
        let scope = r
            .scope
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let mut ok = true;
        for name in std::iter::once(&r.name).chain(r.aliases.0.iter()) {
            let key = (name_key(name), scope.clone());
            if let Some(other) = names.get(&key) {
                if *other != id.as_str() {
                    let help = match &scope {
                        Some(place) => format!("cả hai đơn vị đều thuộc `scope: {place}`; đổi tên gọi, hoặc bỏ tên này ở một đơn vị"),
                        None => "nếu hai đơn vị thuộc hai địa phương, ghi `scope:` (địa danh) cho mỗi đơn vị".to_string(),
                    };
                    diags.push(
                        Diagnostic::error(path, format!("tên `{name}` đã là tên của đơn vị `{other}`; một tên chỉ được chỉ một đơn vị"))
                            .located(find(name))
                            .with_help(help),
                    );
                    ok = false;
                }
            }
            names.insert(key, id.as_str().to_string());
        }
        if !ok {
            continue;
        }
        units.push(Unit {
            id,
            name: strip(r.name.trim()),
            name_en: r
                .name_en
                .as_deref()
                .map(|n| strip(n.trim()))
                .filter(|n| !n.is_empty()),
            aliases: r
                .aliases
                .0
                .into_iter()
                .map(|a| strip(a.trim()))
                .filter(|a| !a.is_empty())
                .collect(),
            level: r.level.into(),
            description: r
                .description
                .map(|d| strip(&d))
                .filter(|d| !d.trim().is_empty()),
            scope,
        });
    }
    units
}

/// How names are compared: lowercase, single spaces, no final punctuation.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ',', ';', ':'])
        .to_lowercase()
}
