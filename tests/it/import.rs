//! `loa import plan`: the three seed plans imported from their text and from
//! Word, OpenDocument and PDF files that LibreOffice makes from them, each
//! compared with the plan typed by hand from the same document.

use std::path::{Path, PathBuf};

use crate::support::{fixture_path, portal_copy, run_loa};
use loa::render::data::PlanData;

/// Seed text → the slug of the plan typed by hand from it.
const SEEDS: [(&str, &str); 3] = [
    (
        "000-tgpl-thanh-mien-2026",
        "tgpl-ctmtqg-ma-tuy-thanh-mien-2026",
    ),
    (
        "001-cai-nghien-thi-tran-thanh-mien",
        "du-an-cai-nghien-phong-ngua-thi-tran-thanh-mien-2023-2025",
    ),
    (
        "003-tan-chau-2022",
        "chuong-trinh-phong-chong-ma-tuy-tan-chau-2022",
    ),
];

/// The bundled portal with the three seeds imported from `documents` (one
/// per seed, in the order of [`SEEDS`]) as `nhap-0`, `nhap-1`, `nhap-2`,
/// checked and built.
fn portal_with_imports(documents: &[PathBuf]) -> PathBuf {
    let dir = portal_copy();
    for (i, doc) in documents.iter().enumerate() {
        let slug = format!("nhap-{i}");
        let out = run_loa(
            &dir,
            &["import", "plan", doc.to_str().unwrap(), "--slug", &slug],
        );
        assert_eq!(out.code, 0, "{}: {}", doc.display(), out.stderr);
        assert_eq!(out.stdout.trim(), format!("content/ke-hoach/{slug}.yaml"));
    }
    let check = run_loa(&dir, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["build", "--no-minify"])
        .current_dir(&dir)
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .output()
        .unwrap();
    assert_eq!(
        build.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    dir
}

/// Words as a reader compares them.
fn words(text: &str) -> Vec<String> {
    text.replace('\u{a0}', " ")
        .replace(" /", "/")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// The seed's runs of six words, within its paragraphs (PDF line breaks
/// undone, Markdown emphasis removed).
fn seed_runs(seed: &str) -> Vec<String> {
    let raw = std::fs::read_to_string(fixture_path(&format!("seeds/{seed}.txt"))).unwrap();
    let mut runs = Vec::new();
    for paragraph in raw.split("\n\n") {
        let mut joined = String::new();
        for line in paragraph.lines() {
            let line = line.replace("**", "");
            let line = line.trim_start_matches('#').trim();
            if joined.ends_with('-') && !joined.ends_with(" -") && !line.is_empty() {
                joined.push_str(line);
            } else {
                joined.push(' ');
                joined.push_str(line);
            }
        }
        let w = words(&joined);
        for run in w.windows(6) {
            runs.push(run.join(" "));
        }
    }
    runs
}

/// The words of a page as a reader sees them.
fn page_words(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    words(&text).join(" ")
}

fn plan_data(dir: &Path, slug: &str) -> PlanData {
    serde_json::from_slice(
        &std::fs::read(dir.join(format!("public/du-lieu/ke-hoach/{slug}.json"))).unwrap(),
    )
    .unwrap()
}

/// Each imported plan against the seed and the hand-typed plan: ≥ 98 % of
/// the seed's six-word runs on the page, and ≥ 90 % of the hand-typed
/// tasks with the same lead, partners and timeframe.
fn assert_faithful(dir: &Path, format: &str) {
    for (i, (seed, hand)) in SEEDS.iter().enumerate() {
        let slug = format!("nhap-{i}");
        let html = std::fs::read_to_string(dir.join(format!("public/ke-hoach/{slug}/index.html")))
            .unwrap();
        let page = page_words(&html);
        let runs = seed_runs(seed);
        let missing: Vec<&String> = runs.iter().filter(|r| !page.contains(r.as_str())).collect();
        let share = 1.0 - missing.len() as f64 / runs.len() as f64;
        assert!(
            share >= 0.98,
            "{format} {seed}: {:.1} % of {} runs on the page; missing e.g. {:#?}",
            share * 100.0,
            runs.len(),
            &missing[..missing.len().min(12)]
        );

        let typed = plan_data(dir, hand);
        let imported = plan_data(dir, &slug);
        let same = typed
            .tasks
            .iter()
            .filter(|t| {
                imported.tasks.iter().any(|m| {
                    m.anchor == t.anchor
                        && m.lead == t.lead
                        && m.partners == t.partners
                        && m.timeframe == t.timeframe
                })
            })
            .count();
        let share = same as f64 / typed.tasks.len().max(1) as f64;
        assert!(
            share >= 0.9,
            "{format} {seed}: {same} of {} tasks agree with the hand-typed plan; typed {:#?} imported {:#?}",
            typed.tasks.len(),
            typed.tasks.iter().map(|t| (&t.anchor, &t.lead, &t.timeframe)).collect::<Vec<_>>(),
            imported.tasks.iter().map(|t| (&t.anchor, &t.lead, &t.timeframe)).collect::<Vec<_>>()
        );
        assert_eq!(imported.issuer.name, typed.issuer.name, "{format} {seed}");
        assert_eq!(imported.number, typed.number, "{format} {seed}");
        assert_eq!(imported.issued, typed.issued, "{format} {seed}");
        assert_eq!(
            imported.signature.name, typed.signature.name,
            "{format} {seed}"
        );
    }
}

#[test]
fn the_seed_plans_import_from_their_text() {
    let docs: Vec<PathBuf> = SEEDS
        .iter()
        .map(|(seed, _)| fixture_path(&format!("seeds/{seed}.txt")))
        .collect();
    let dir = portal_with_imports(&docs);
    assert_faithful(&dir, "txt");
}
