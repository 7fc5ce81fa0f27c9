//! The invariants ARCHITECTURE.md states, checked on the source itself, so
//! that a change that breaks one fails here rather than in a reader's head.

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir` (or `dir` itself when it is a file), with
/// its path relative to `src/` and its text up to its unit tests.
fn code_of(rel: &str) -> Vec<(String, String)> {
    let root = src();
    let path = root.join(rel);
    let files: Vec<PathBuf> = if path.is_dir() {
        walkdir::WalkDir::new(&path)
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect()
    } else {
        vec![path]
    };
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let code = match text.find("#[cfg(test)]") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            let name = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, code)
        })
        .collect()
}

/// The stages and the modules they use that never touch the file system or
/// the clock.
const PURE: &[&str] = &[
    "parse",
    "resolve",
    "render",
    "model.rs",
    "text.rs",
    "diag.rs",
    "config.rs",
    "yaml.rs",
    "urls.rs",
    "source.rs",
    "default_theme.rs",
    "import",
];

#[test]
fn pure_modules_never_touch_the_file_system_or_the_clock() {
    let banned = [
        "std::fs",
        "std::time",
        "Instant",
        "SystemTime",
        "std::env",
        "std::process",
        "std::net",
        "Local::now",
        "Utc::now",
        "walkdir",
        "File::",
    ];
    let mut found = Vec::new();
    for module in PURE {
        for (file, code) in code_of(module) {
            for word in banned {
                if code.contains(word) {
                    found.push(format!("{file}: {word}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "IO or clock in a pure module: {found:#?}");
}

#[test]
fn stages_use_only_the_stages_before_them() {
    // (module, what it must not use)
    let rules: &[(&str, &[&str])] = &[
        (
            "load.rs",
            &["parse", "resolve", "render", "write", "session", "cmd"],
        ),
        (
            "parse",
            &["load", "resolve", "render", "write", "session", "cmd"],
        ),
        ("resolve", &["load", "render", "write", "session", "cmd"]),
        ("render", &["load", "write", "session", "cmd"]),
        ("write.rs", &["parse", "resolve", "session", "cmd"]),
    ];
    let mut found = Vec::new();
    for (module, banned) in rules {
        for (file, code) in code_of(module) {
            for stage in *banned {
                if code.contains(&format!("crate::{stage}::"))
                    || code.contains(&format!("crate::{stage};"))
                {
                    found.push(format!("{file} uses {stage}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn only_yaml_rs_names_serde_yaml_and_model_types_derive_no_serde() {
    for (file, code) in code_of("") {
        if file != "yaml.rs" {
            assert!(!code.contains("serde_yaml"), "{file} names serde_yaml");
        }
    }
    for (file, code) in code_of("model.rs") {
        assert!(
            !code.contains("Serialize") && !code.contains("Deserialize"),
            "{file}: model types derive no serde traits"
        );
    }
}

/// The fields of every type in `render/views/` that templates see, by type.
fn view_fields() -> Vec<(String, Vec<String>)> {
    let mut types = Vec::new();
    for (file, code) in code_of("render/views") {
        let mut rest = code.as_str();
        while let Some(i) = rest.find("#[derive(") {
            rest = &rest[i..];
            let header_end = rest.find('{').unwrap_or(rest.len());
            let header = &rest[..header_end];
            let serialized = header.lines().next().unwrap_or("").contains("Serialize");
            let Some(name) = header
                .split("pub struct ")
                .nth(1)
                .map(|n| n.split(['<', ' ', '{']).next().unwrap_or("").to_string())
            else {
                rest = &rest[9..];
                continue;
            };
            let body_end = rest.find("\n}").unwrap_or(rest.len());
            let body = &rest[header_end..body_end];
            let mut fields = Vec::new();
            let mut skipped = false;
            for line in body.lines() {
                let line = line.trim();
                if line.starts_with("#[serde(skip") && !line.contains("skip_serializing_if") {
                    skipped = true;
                } else if let Some(field) = line.strip_prefix("pub ") {
                    let field = field.split(':').next().unwrap_or("").to_string();
                    if !skipped && !line.contains("#[serde(flatten)]") {
                        fields.push(field);
                    }
                    skipped = false;
                }
            }
            if serialized {
                types.push((format!("{file}: {name}"), fields));
            }
            rest = &rest[body_end..];
        }
    }
    types
}

#[test]
fn the_theme_contract_is_in_render_views_and_documented_field_by_field() {
    // Outside views/, only the published formats derive Serialize.
    for (file, code) in code_of("render") {
        if file.starts_with("render/views/")
            || file == "render/data.rs"
            || file == "render/search.rs"
        {
            continue;
        }
        assert!(
            !code.contains("Serialize)") && !code.contains("Serialize,"),
            "{file}: a type templates see belongs in render/views/"
        );
    }
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/theme.md"))
        .unwrap();
    let types = view_fields();
    assert!(types.len() > 30, "{} view types found", types.len());
    let mut missing = Vec::new();
    for (name, fields) in &types {
        for field in fields {
            // `card` is flattened into its page's values.
            if field != "card" && !doc.contains(&format!("`{field}`")) {
                missing.push(format!("{name}.{field}"));
            }
        }
    }
    assert!(missing.is_empty(), "not in docs/theme.md: {missing:#?}");
    for template in loa::render::theme::required_templates() {
        assert!(doc.contains(&format!("`{template}`")), "{template}");
    }
}
