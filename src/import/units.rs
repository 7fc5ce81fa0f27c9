//! Units a plan names that the registry does not know, proposed as
//! registry entries for the clerk to review: an id, the full name with the
//! place the plan is of, the place as `scope` and the level. Never merged
//! into a unit of the registry.

use super::plan::PlanDraft;

/// A proposed registry entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// `so-tu-phap-lang-son`
    pub id: String,
    /// "Sở Tư pháp tỉnh Lạng Sơn"
    pub name: String,
    /// The name as the plan writes it, when it differs.
    pub alias: Option<String>,
    /// The place its name belongs to.
    pub scope: Option<String>,
    /// `tinh`, `huyen`, `xa`, `trung-uong`; `None` when the name does not
    /// tell.
    pub level: Option<&'static str>,
}

/// The places a plan is of: its commune (or district) and its province.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Places {
    /// "Thanh Miện" of "xã Thanh Miện".
    pub commune: Option<String>,
    /// "Lạng Sơn" of "tỉnh Lạng Sơn", with the word before it.
    pub province: Option<(String, String)>,
}

/// Where a plan is: from its issuer, parent, place and basis.
pub fn places_of(draft: &PlanDraft) -> Places {
    let own = [draft.issuer.as_deref(), draft.parent.as_deref()];
    let basis = draft.basis.iter().map(|b| Some(b.text.as_str()));
    let texts: Vec<&str> = own.into_iter().chain(basis).flatten().collect();
    let commune = texts
        .iter()
        .take(2)
        .find_map(|t| place_after(t, &["xã", "phường", "thị trấn", "đặc khu"]))
        .map(|(_, name)| name);
    let province = texts
        .iter()
        .find_map(|t| place_after(t, &["tỉnh", "thành phố"]));
    Places { commune, province }
}

/// The capitalised words after one of `words`: "… tỉnh Lạng Sơn về …" →
/// ("tỉnh", "Lạng Sơn").
fn place_after(text: &str, words: &[&str]) -> Option<(String, String)> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for (i, _) in tokens.iter().enumerate() {
        for w in words {
            let n = w.split(' ').count();
            if i + n > tokens.len() || tokens[i..i + n].join(" ").to_lowercase() != *w {
                continue;
            }
            let name: Vec<&str> = tokens[i + n..]
                .iter()
                .map(|t| t.trim_end_matches([',', '.', ';', ':', ')']))
                .take_while(|t| t.chars().next().is_some_and(char::is_uppercase))
                .take(4)
                .collect();
            if !name.is_empty() {
                return Some((w.to_string(), name.join(" ")));
            }
        }
    }
    None
}

/// A proposal for each unknown unit name.
pub fn propose(names: &[String], places: &Places) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    for name in names {
        let name = name.trim().trim_end_matches(['.', ';', ',']);
        let lower = name.to_lowercase();
        let level = if lower.starts_with("sở ")
            || lower.ends_with(" tỉnh")
            || lower.ends_with(" thành phố")
            || lower.contains(" tỉnh ")
        {
            Some("tinh")
        } else if lower.starts_with("phòng ") || lower.contains(" huyện") || lower.contains(" quận")
        {
            Some("huyen")
        } else if lower.starts_with("bộ ") || lower.contains("trung ương") {
            Some("trung-uong")
        } else if ["xã", "phường", "thị trấn", "thôn"]
            .iter()
            .any(|w| lower.contains(w))
        {
            Some("xa")
        } else {
            None
        };
        let (full, scope) = match level {
            Some("tinh") => match &places.province {
                Some((word, place)) if !name.contains(place.as_str()) => {
                    let ends_with_word = lower.ends_with(&format!(" {word}"));
                    let full = if ends_with_word {
                        format!("{name} {place}")
                    } else {
                        format!("{name} {word} {place}")
                    };
                    (full, Some(place.clone()))
                }
                _ => (name.to_string(), None),
            },
            Some("xa") => match &places.commune {
                Some(place)
                    if !name.contains(place.as_str())
                        && ["xã", "phường", "thị trấn"]
                            .iter()
                            .any(|w| lower.ends_with(w)) =>
                {
                    (format!("{name} {place}"), Some(place.clone()))
                }
                _ => (name.to_string(), None),
            },
            _ => (name.to_string(), None),
        };
        let Some(id) = crate::model::Slug::from_text(&full) else {
            continue;
        };
        if out.iter().any(|p| p.id == id.as_str()) {
            continue;
        }
        out.push(Proposal {
            id: id.as_str().to_string(),
            alias: (full != name).then(|| name.to_string()),
            name: full,
            scope,
            level,
        });
    }
    out
}

/// The proposals as comment lines for the top of the plan file.
pub fn as_comments(proposals: &[Proposal]) -> Vec<String> {
    if proposals.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        "KIỂM TRA: các đơn vị dưới đây chưa có trong danh mục content/don-vi.yaml. Đơn vị nào cần theo dõi thì chép khối của nó vào danh mục (bỏ dấu # đầu dòng), sửa tên đầy đủ, địa danh (scope) và cấp (level) cho đúng; đơn vị đã có trong danh mục dưới tên khác thì thêm tên này vào `aliases` của đơn vị đó."
            .to_string(),
    ];
    for p in proposals {
        lines.push(format!("- id: {}", p.id));
        lines.push(format!("  name: {}", p.name));
        if let Some(alias) = &p.alias {
            lines.push(format!("  aliases: [{alias}]"));
        }
        if let Some(scope) = &p.scope {
            lines.push(format!("  scope: {scope}"));
        }
        lines.push(match p.level {
            Some(level) => format!("  level: {level}"),
            None => "  level: xa  # KIỂM TRA: cấp chưa rõ (trung-uong, tinh, huyen, xa, co-so)"
                .to_string(),
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_get_the_place_of_the_plan() {
        let places = Places {
            commune: Some("Thanh Miện".to_string()),
            province: Some(("tỉnh".to_string(), "Lạng Sơn".to_string())),
        };
        let p = propose(
            &[
                "Sở Tư pháp".to_string(),
                "Công an xã".to_string(),
                "Hội Liên hiệp Phụ nữ tỉnh".to_string(),
            ],
            &places,
        );
        assert_eq!(p[0].name, "Sở Tư pháp tỉnh Lạng Sơn");
        assert_eq!(p[0].id, "so-tu-phap-tinh-lang-son");
        assert_eq!(p[0].scope.as_deref(), Some("Lạng Sơn"));
        assert_eq!(p[0].level, Some("tinh"));
        assert_eq!(p[1].name, "Công an xã Thanh Miện");
        assert_eq!(p[1].level, Some("xa"));
        assert_eq!(p[2].name, "Hội Liên hiệp Phụ nữ tỉnh Lạng Sơn");
    }

    #[test]
    fn places_from_issuer_and_basis() {
        let draft = PlanDraft {
            issuer: Some("Ủy ban nhân dân xã Thanh Miện".to_string()),
            basis: vec![super::super::plan::BasisDraft {
                text: "Thực hiện Kế hoạch số 1409/KH-STP của Sở Tư pháp thành phố Hải Phòng về …"
                    .to_string(),
                documents: Vec::new(),
            }],
            ..PlanDraft::default()
        };
        let places = places_of(&draft);
        assert_eq!(places.commune.as_deref(), Some("Thanh Miện"));
        assert_eq!(
            places.province,
            Some(("thành phố".to_string(), "Hải Phòng".to_string()))
        );
    }
}
