//! Entry points for the fuzz targets in `fuzz/` (and their regression
//! tests): each runs one kind of input through every pure stage it reaches.
//! None may panic, whatever the input.

use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::model::SourcePath;
use crate::source::{SourceFile, Sources};

fn config() -> SiteConfig {
    let mut diags = Diagnostics::default();
    crate::config::parse_config(
        "title: Xã\nbase_url: https://xa.example/\n",
        None,
        &mut diags,
    )
    .expect("the fuzzing site.yaml is valid")
}

/// The site of `sources` (drafts included) with a minimal `site.yaml`.
pub fn articles_site(sources: &Sources, diags: &mut Diagnostics) -> crate::resolve::Site {
    let config = config();
    let parsed = crate::parse::parse_all(sources.clone(), &config, diags);
    crate::resolve::resolve(
        config,
        parsed,
        crate::resolve::ResolveOptions {
            drafts: true,
            index_links: false,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real day"),
        },
        diags,
    )
}

/// Decodes `bytes` as an article, parses it, resolves a one-article site and
/// renders its Markdown.
pub fn article(bytes: &[u8]) {
    let Ok(text) = crate::text::decode(bytes) else {
        return;
    };
    let sources = Sources {
        articles: vec![SourceFile {
            path: SourcePath::new("content/bai-viet/f.md"),
            text,
        }],
        ..Sources::default()
    };
    let mut diags = Diagnostics::default();
    let site = articles_site(&sources, &mut diags);
    for a in &site.articles {
        let _ = crate::render::markdown::render(
            &a.body,
            a.source.as_str(),
            "../../",
            &site,
            &mut diags,
        );
    }
    let _ = diags.into_sorted().iter().map(ToString::to_string).count();
}

/// Decodes `bytes` as a plan file, parses it, resolves it against a small
/// unit registry, and renders its official text, timeline and data.
pub fn plan(bytes: &[u8]) {
    let Ok(text) = crate::text::decode(bytes) else {
        return;
    };
    let config = config();
    let units = "- id: cong-an-xa\n  name: Công an xã\n  aliases: [Công an cấp xã]\n  level: xa\n";
    let sources = Sources {
        plans: vec![SourceFile {
            path: SourcePath::new("content/ke-hoach/f.yaml"),
            text,
        }],
        units: Some(SourceFile {
            path: SourcePath::new("content/don-vi.yaml"),
            text: units.to_string(),
        }),
        ..Sources::default()
    };
    let mut diags = Diagnostics::default();
    let parsed = crate::parse::parse_all(sources, &config, &mut diags);
    let site = crate::resolve::resolve(
        config,
        parsed,
        crate::resolve::ResolveOptions::default(),
        &mut diags,
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real day");
    for (i, p) in site.plans.iter().enumerate() {
        let _ = crate::render::plan::official_html(p, &|_| None, &|_| Vec::new());
        let _ = crate::render::plan::timeline_svg(&site, i, today);
        let _ = crate::render::plan::task_rows(&site, i, "../../", today, "./");
        let _ = serde_json::to_vec(&crate::render::data::plan_data(&site, i));
    }
    let _ = crate::render::data::tasks_csv(&site, today);
}

/// The timeframe reader, and the words for what it read.
pub fn timeframe(text: &str) {
    if let Some(period) = crate::parse::timeframe::read_timeframe(text) {
        let _ = crate::render::plan::period_text(&period);
        let _ = crate::render::plan::status(
            Some(&period),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real day"),
        );
    }
}

#[cfg(test)]
mod tests {
    //! Every seed of the fuzz corpus and every input a fuzzer once crashed
    //! on (`fuzz/regressions/<target>/`) runs through its target here, so
    //! CI keeps them fixed without running a fuzzer.
    use std::path::Path;

    /// The committed seeds (`fuzz/corpus/<target>/seed-*`) and every
    /// regression input (`fuzz/regressions/<target>/*`), in name order.
    fn inputs(target: &str) -> Vec<Vec<u8>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
        let mut out = Vec::new();
        for (dir, seeds_only) in [
            (root.join("corpus").join(target), true),
            (root.join("regressions").join(target), false),
        ] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut paths: Vec<_> = entries.map(|e| e.expect("readable entry").path()).collect();
            paths.sort();
            for path in paths {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if name.starts_with('.') || (seeds_only && !name.starts_with("seed-")) {
                    continue;
                }
                out.push(std::fs::read(&path).expect("readable input"));
            }
        }
        out
    }

    #[test]
    fn article_inputs_do_not_panic() {
        let all = inputs("article");
        assert!(all.len() >= 10, "seed corpus missing");
        for input in all {
            super::article(&input);
        }
        // Hand-picked edge cases.
        for input in [
            &b""[..],
            b"---",
            b"---\n---",
            b"---\ntitle: [\n---",
            b"\xff\xfe\x00",
            b"---\ntitle: a\ndate: 2026-01-01\n---\n[x](@/",
            b"---\ntitle: a\ndate: 2026-01-01\n---\n# \n## \n[^a]\n\n[^a]: b\n<div onclick=x>",
        ] {
            super::article(input);
        }
    }

    #[test]
    fn plan_inputs_do_not_panic() {
        let all = inputs("plan");
        assert!(all.len() >= 3, "seed corpus missing");
        for input in all {
            super::plan(&input);
        }
        for input in [
            &b""[..],
            b"issuer: {name: x, level: xa}\ntitle: t\nbody: [{items: [{items: [{}]}]}]\n",
            b"issuer: {name: x, level: xa}\ntitle: t\nperiod: {from: 2026-13, to: 99999}\n",
        ] {
            super::plan(input);
        }
    }

    #[test]
    fn timeframe_inputs_do_not_panic() {
        let all = inputs("timeframe");
        assert!(all.len() >= 10, "seed corpus missing");
        for input in all {
            super::timeframe(&String::from_utf8_lossy(&input));
        }
        for text in [
            "quý",
            "tháng 0",
            "năm 0000",
            "Từ đến",
            "99/99/9999",
            "Quý IV năm 2200 đến năm 1900",
            "/ / /",
        ] {
            super::timeframe(text);
        }
    }
}
