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
        let _ = crate::render::timeline::timeline(&site, i, today, "");
        let _ = crate::render::plan::task_rows(&site, i, "../../", today, "./");
        let _ = serde_json::to_vec(&crate::render::data::plan_data(&site, i));
    }
    let _ = crate::render::data::tasks_csv(&site, today);
}

/// A document as `loa import plan` gets it, under each name a clerk might
/// give it: read, recognised, written as a plan file. The importer may
/// refuse it, but a plan file it writes must read back as a plan.
pub fn import(bytes: &[u8]) {
    import_as(bytes, &["f.txt", "f.md", "f.docx", "f.odt", "f.pdf"]);
}

/// [`import`] under the given file names only.
pub fn import_as(bytes: &[u8], names: &[&str]) {
    for name in names {
        if let Err(crate::cmd::import::ImportError::Unreadable(why)) =
            crate::cmd::import::import_plan_bytes(name, bytes, None, &[])
        {
            panic!("{name}: the importer wrote a plan file that does not read back: {why}");
        }
    }
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
    fn import_inputs_do_not_panic() {
        let all = inputs("import");
        assert!(all.len() >= 4, "seed corpus missing");
        for input in &all {
            super::import(input);
        }
        for input in [
            &b""[..],
            b"K\xe1\xba\xbe HO\xe1\xba\xa0CH",
            b"PK\x03\x04",
            b"%PDF-1.4\n%%EOF",
            "KẾ HOẠCH\nI. \n1.\n- Đơn vị chủ trì:\n+ \nNơi nhận:\nTM.".as_bytes(),
            "KẾ HOẠCH\n\"\n- Sản phẩm:\n+ #\n+ : \nI. A\n1.1 B\na) C\n- Thời gian: Năm 2027\n"
                .as_bytes(),
        ] {
            super::import(input);
        }
    }

    /// The seeds cut, shuffled and mangled a few thousand ways (a fixed
    /// random sequence, so a failure repeats): the text importer never
    /// panics and never writes a plan file that does not read back.
    #[test]
    fn mangled_plans_import_or_are_refused() {
        let seeds = inputs("import");
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..600 {
            let seed = String::from_utf8_lossy(&seeds[round % seeds.len()]).into_owned();
            let mut lines: Vec<String> = seed.lines().map(str::to_string).collect();
            for _ in 0..(1 + next() % 6) {
                if lines.is_empty() {
                    break;
                }
                let i = (next() as usize) % lines.len();
                let j = (next() as usize) % lines.len();
                match next() % 7 {
                    0 => lines.swap(i, j),
                    1 => {
                        lines.remove(i);
                    }
                    2 => {
                        let copy = lines[j].clone();
                        lines.insert(i, copy);
                    }
                    3 => {
                        let cut = lines[i]
                            .char_indices()
                            .map(|(b, _)| b)
                            .nth((next() % 40) as usize);
                        if let Some(cut) = cut {
                            lines[i].truncate(cut);
                        }
                    }
                    4 => {
                        lines[i] = format!(
                            "{} {}",
                            [
                                "-",
                                "+",
                                "a)",
                                "1.1",
                                "I.",
                                "Nơi nhận:",
                                "KT.",
                                "\"",
                                "#",
                                "Thời gian:"
                            ][(next() % 10) as usize],
                            lines[i]
                        )
                    }
                    5 => lines[i] = lines[i].to_uppercase(),
                    _ => lines[i] = lines[i].replace(' ', "\u{a0}"),
                }
            }
            // Text bytes read as text whatever the file is called.
            super::import_as(lines.join("\n").as_bytes(), &["f.txt", "f.md"]);
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
