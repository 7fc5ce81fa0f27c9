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

/// Every article, and every article that says it carries out a plan task
/// shows it; an article counts toward a task only when it is what the task
/// asks for (a drug-prevention article is no legal-aid outreach), so some
/// serve none.
#[test]
fn bundled_portal_has_sixteen_articles_most_serving_a_seed_plan_task() {
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
    let mut serving = 0;
    for path in &articles {
        let html = std::fs::read_to_string(path.join("index.html")).unwrap();
        let source = dir
            .join("content/bai-viet")
            .join(path.file_name().unwrap())
            .with_extension("md");
        let claims = std::fs::read_to_string(&source)
            .unwrap()
            .contains("\nimplements:");
        match html.split("<h2 id=\"nhiem-vu\">").nth(1) {
            Some(serves) => {
                assert!(claims, "{} shows a task it does not claim", path.display());
                assert!(
                    serves.contains("href=\"../../ke-hoach/"),
                    "{}",
                    path.display()
                );
                serving += 1;
            }
            None => assert!(!claims, "{} claims a task it does not show", path.display()),
        }
        assert!(
            html.contains("<h2 id=\"can-cu\">Căn cứ pháp lý</h2>"),
            "{} cites no document of the registry",
            path.display()
        );
        assert!(!html.contains("stale-notice"), "{}", path.display());
    }
    assert!(serving >= 12, "{serving} articles serve a task");
    let campaigns = std::fs::read_dir(dir.join("public/chien-dich"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .count();
    assert!(campaigns >= 2, "{campaigns} campaigns");
    for page in ["gioi-thieu/index.html", "lien-he/index.html"] {
        assert!(dir.join("public").join(page).is_file(), "{page}");
    }
    // The contact page carries the contacts that articles send readers to.
    let contact = std::fs::read_to_string(dir.join("public/lien-he/index.html")).unwrap();
    for place in [
        "Văn phòng HĐND và UBND xã",
        "Công an xã Thanh Miện",
        "Trạm Y tế xã Thanh Miện",
        "Trung tâm trợ giúp pháp lý nhà nước thành phố Hải Phòng (thuộc Sở Tư pháp)",
    ] {
        assert!(
            contact.contains(&format!("<strong>{place}</strong>")),
            "{place}"
        );
    }
    assert!(contact.contains("id=\"lien-he-co-quan\""));
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
        // A child is under 16: "người dưới 18 tuổi" is no group of its own,
        // only the minors who go with a trafficking victim.
        let flat = lower.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, _) in flat.match_indices("người dưới 18 tuổi") {
            let after = &flat[i + "người dưới 18 tuổi".len()..];
            let lower = &flat;
            assert!(
                after.starts_with(" đi cùng"),
                "{name}: «{}»",
                &lower[i..(i + 60).min(lower.len())]
            );
        }
        // Reporting to the police is a duty of people under management, as
        // the passed law says, not of everyone who ever used drugs.
        assert!(
            !flat.contains("phải trình báo với công an"),
            "{name}: reporting duty stated too broadly"
        );
        // A 16–17-year-old victim is not told financial difficulty is needed.
        assert!(
            !text.contains("| Người từ đủ 16 tuổi đến dưới 18 tuổi là bị hại trong vụ án hình sự | Có khó khăn về tài chính |"),
            "{name}"
        );
        // Plans that have ended are not offered as current help.
        if text.contains("Kế hoạch giai đoạn 2023–2025") {
            assert!(
                text.contains("đã kết thúc"),
                "{name}: the 2023–2025 plan as if current"
            );
        }
    }
}

/// No placeholder reaches a citizen: the bundled portal still holds
/// "[Cần điền…]" for the commune's real contacts, and none of it is in any
/// file the build writes (pages, print, posters, loudspeaker text, feed,
/// open data, search); `loa check` warns, `loa check --strict` fails.
#[test]
fn no_placeholder_reaches_a_citizen() {
    let dir = portal_copy();
    let out = run_loa(&dir, &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("trang web không hiện giá trị này"),
        "{}",
        out.stderr
    );
    for entry in walkdir::WalkDir::new(dir.join("public")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Cần điền"), "{}", entry.path().display());
    }
    // The footer says where to ask instead of leaving a hole.
    let home = std::fs::read_to_string(dir.join("public/index.html")).unwrap();
    assert!(home.contains("đang được cập nhật"));
    let check = run_loa(&dir, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let strict = run_loa(&dir, &["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict
            .stderr
            .contains("site.yaml:15:13: lỗi: `address` vẫn là chỗ trống cần điền"),
        "{}",
        strict.stderr
    );
}

/// An article that still holds a placeholder is not published.
#[test]
fn an_unfinished_article_stays_a_draft() {
    let site = crate::support::Site::fixture("basic");
    site.write(
        "content/bai-viet/chua-xong.md",
        "---\ntitle: Bài chưa xong\ndate: 2026-11-01\n---\n\nGọi số [Cần điền: số điện thoại] để được giúp.\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "content/bai-viet/chua-xong.md:6:8: cảnh báo: bài viết còn chỗ trống cần điền"
        ),
        "{}",
        out.stderr
    );
    assert!(!site.dir.join("public/bai-viet/chua-xong").exists());
    assert_eq!(site.loa(&["check", "--strict"]).code, 1);
}
