//! The unit registry (`content/don-vi.yaml`): every body plans assign work
//! to, with the other names plans call it by.

use serde::Deserialize;

use super::{OneOrMany, RawLevel};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Slug, Unit};
use crate::source::SourceFile;
use crate::yaml;

/// Keys of a registry entry, for typo suggestions.
pub const KNOWN_KEYS: &[&str] = &["id", "name", "aliases", "level", "description"];

#[derive(Deserialize)]
struct RawUnit {
    id: String,
    name: String,
    #[serde(default)]
    aliases: OneOrMany,
    level: RawLevel,
    description: Option<String>,
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
    let mut units: Vec<Unit> = Vec::new();
    let mut names: std::collections::BTreeMap<String, String> = Default::default();
    let find = |needle: &str| {
        file.text
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| crate::diag::Location {
                line: i as u32 + 1,
                column: 1 + file
                    .text
                    .lines()
                    .nth(i)
                    .and_then(|l| l.find(needle))
                    .map_or(0, |b| {
                        file.text.lines().nth(i).unwrap_or("")[..b].chars().count()
                    }) as u32,
            })
    };
    for r in raw {
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
        let mut ok = true;
        for name in std::iter::once(&r.name).chain(r.aliases.0.iter()) {
            let key = name_key(name);
            if let Some(other) = names.get(&key) {
                if *other != id.as_str() {
                    diags.push(
                        Diagnostic::error(path, format!("tên `{name}` đã là tên của đơn vị `{other}`; một tên chỉ được chỉ một đơn vị"))
                            .located(find(name)),
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
            name: r.name.trim().to_string(),
            aliases: r
                .aliases
                .0
                .into_iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            level: r.level.into(),
            description: r.description.filter(|d| !d.trim().is_empty()),
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
