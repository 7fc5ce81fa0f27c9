//! The bundled portal at the repository root is a site too.

use crate::support::{portal_copy, run_loa};

#[test]
fn bundled_portal_checks_without_errors() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = run_loa(std::path::Path::new(root), &["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("Kiểm tra xong: 0 lỗi"),
        "{}",
        out.stderr
    );
}

#[test]
fn bundled_portal_has_sixteen_articles_each_serving_a_seed_plan_task() {
    let dir = portal_copy();
    let out = run_loa(&dir, &["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Only the "[Cần điền…]" placeholders for the commune's real contacts are
    // left to warn about: no stale law, no broken reference.
    for line in out.stderr.lines().filter(|l| l.contains("cảnh báo")) {
        assert!(line.contains("chỗ trống cần điền"), "{line}");
    }
    let articles: Vec<std::path::PathBuf> = std::fs::read_dir(dir.join("public/bai-viet"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("index.html").is_file() && !p.ends_with("trang"))
        .collect();
    assert!(articles.len() >= 16, "{} articles", articles.len());
    for path in &articles {
        let html = std::fs::read_to_string(path.join("index.html")).unwrap();
        let serves = html
            .split("<h2 id=\"nhiem-vu\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{} serves no plan task", path.display()));
        assert!(
            serves.contains("href=\"../../ke-hoach/"),
            "{}",
            path.display()
        );
        assert!(
            html.contains("<h2 id=\"can-cu\">Căn cứ pháp lý</h2>"),
            "{} cites no document of the registry",
            path.display()
        );
        assert!(!html.contains("stale-notice"), "{}", path.display());
    }
    let campaigns = std::fs::read_dir(dir.join("public/chien-dich"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .count();
    assert!(campaigns >= 2, "{campaigns} campaigns");
    for page in ["gioi-thieu/index.html", "lien-he/index.html"] {
        assert!(dir.join("public").join(page).is_file(), "{page}");
    }
}

/// The facts sheet's rules for what articles may say about the law.
#[test]
fn bundled_articles_follow_the_rules_on_legal_facts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/bai-viet");
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display();
        // Law 73/2021 only as the former law.
        for (i, _) in text.match_indices("73/2021/QH14") {
            let mut start = i.saturating_sub(200);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (i + 200).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let around = &text[start..end];
            assert!(
                around.contains("thay thế") || around.contains("hết hiệu lực"),
                "{name}: Law 73/2021 must be named as replaced: {around}"
            );
        }
        // Durations under Law 120/2025 are unverified.
        for unverified in ["6 tháng đến 12 tháng", "từ 06 tháng", "5 ngày làm việc"] {
            assert!(!text.contains(unverified), "{name}: {unverified}");
        }
        // People who use drugs are not a group of their own.
        let lower = text.to_lowercase();
        for claim in [
            "mọi người sử dụng ma túy đều được trợ giúp",
            "người nghiện ma túy đều được trợ giúp",
        ] {
            assert!(!lower.contains(claim), "{name}: {claim}");
        }
    }
}
