//! Exit codes, usage errors, `init` and `new`.

use crate::support::{fresh_dir, run_loa, Site};

#[test]
fn wrong_usage_exits_2() {
    let dir = fresh_dir();
    let out = run_loa(&dir, &["biuld"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = run_loa(&dir, &["build", "--no-such-flag"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = run_loa(&dir, &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

/// Wrong usage is said in Vietnamese, never in clap's English.
#[test]
fn wrong_usage_is_said_in_vietnamese() {
    let dir = fresh_dir();
    for (args, expected) in [
        (&["biuld"][..], "loa: lỗi: không có lệnh `biuld`; có phải ý bạn là `build`?"),
        (&["build", "--no-such-flag"][..], "loa: lỗi: không có tùy chọn `--no-such-flag`"),
        (
            &["new", "campaign", "Thử", "--start", "01/06/27"][..],
            "loa: lỗi: `--start`: `01/06/27` ghi năm bằng hai chữ số; ghi năm đủ bốn chữ số, ví dụ `01/06/2027`",
        ),
        (&["serve", "--port", "x"][..], "loa: lỗi: giá trị `x` của --port"),
    ] {
        let out = run_loa(&dir, args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{args:?}: {}", out.stderr);
        for english in ["error:", "invalid", "Usage", "For more information"] {
            assert!(!out.stderr.contains(english), "{args:?}: {}", out.stderr);
        }
    }
}

/// `--start` reads dates as front matter does.
#[test]
fn new_campaign_reads_a_vietnamese_start_date() {
    let site = Site::fixture("basic");
    let out = site.loa(&[
        "new",
        "campaign",
        "Tháng hành động",
        "--start",
        "01/06/2027",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = site.read("content/chien-dich/thang-hanh-dong.md");
    assert!(text.contains("start: 2027-06-01"), "{text}");
}

#[test]
fn help_exits_0_and_lists_verbs() {
    let out = run_loa(&fresh_dir(), &["--help"]);
    assert_eq!(out.code, 0);
    for verb in ["build", "check", "init", "new", "serve"] {
        assert!(out.stdout.contains(verb), "{verb} missing: {}", out.stdout);
    }
}

#[test]
fn folder_without_site_yaml_is_a_clear_error() {
    let out = run_loa(&fresh_dir(), &["build"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.starts_with("loa: lỗi: không đọc được"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("loa init"), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn build_prints_a_summary_unless_quiet() {
    let site = Site::fixture("basic");
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("Đã dựng 20 trang (1 404, 3 bài viết, 2 chiến dịch, 3 chuyên mục, 2 danh sách, 1 danh sách kế hoạch, 4 thẻ, 1 trang chủ, 1 trang tĩnh, 1 tìm kiếm, 1 áp phích) và "), "{}", out.stderr);
    assert!(out.stderr.contains(" KB · "), "{}", out.stderr);
    let out = site.loa(&["build", "--quiet"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "");
}

#[test]
fn root_flag_builds_another_folder() {
    let site = Site::fixture("basic");
    let elsewhere = fresh_dir();
    let out = run_loa(&elsewhere, &["build", "--root", site.dir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(site.exists("public/index.html"));
}

#[test]
fn check_writes_nothing() {
    let site = Site::fixture("basic");
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("Kiểm tra xong: 0 lỗi, 0 cảnh báo"),
        "{}",
        out.stderr
    );
    assert!(!site.exists("public"));
}

#[test]
fn init_makes_a_site_that_builds() {
    let dir = fresh_dir();
    let out = run_loa(&dir, &["init", "xa-moi"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "xa-moi");
    let site = dir.join("xa-moi");
    assert!(site.join("themes/default/templates/base.html").is_file());
    // Every guide a starter file or skeleton points at is there.
    let mut texts: Vec<String> = walkdir::WalkDir::new(&site)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "md"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.push(
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("starter/ke-hoach-mau.yaml"),
        )
        .unwrap(),
    );
    let mut named = 0;
    for text in &texts {
        for (i, _) in text.match_indices("docs/") {
            let name: String = text[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | '_'))
                .collect();
            let name = name.trim_end_matches('.');
            if name.ends_with(".md") {
                assert!(site.join(name).is_file(), "{name} is named but not written");
                named += 1;
            }
        }
    }
    assert!(named >= 2, "{named}");
    let out = run_loa(&site, &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(site.join("public/bai-viet/chao-mung/index.html").is_file());
    // The placeholders are pointed out.
    assert!(out.stderr.contains("chỗ trống cần điền"), "{}", out.stderr);
    // A second init into the same folder is refused.
    let out = run_loa(&dir, &["init", "xa-moi"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("đã có nội dung"), "{}", out.stderr);
}

#[test]
fn new_article_writes_a_draft_with_todays_date() {
    let site = Site::fixture("basic");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["new", "article", "Ngày Pháp luật Việt Nam"])
        .current_dir(&site.dir)
        .env("SOURCE_DATE_EPOCH", "1762646400") // 2025-11-09 00:00 UTC
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let path = String::from_utf8(out.stdout).unwrap();
    assert_eq!(path.trim(), "content/bai-viet/ngay-phap-luat-viet-nam.md");
    let text = site.read(path.trim());
    assert!(
        text.contains("title: \"Ngày Pháp luật Việt Nam\"\ndate: 2025-11-09\n"),
        "{text}"
    );
    assert!(text.contains("draft: true"));
    // The new file is valid content.
    let check = site.loa(&["check", "--drafts"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // Never overwrites.
    let again = site.loa(&["new", "article", "Ngày Pháp luật Việt Nam"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("đã có"), "{}", again.stderr);
}

#[test]
fn new_campaign_writes_a_draft_of_one_month_with_its_placeholders_warned() {
    let site = Site::fixture("basic");
    let out = site.loa(&[
        "new",
        "campaign",
        "Tháng hành động phòng, chống ma túy năm 2027",
        "--start",
        "2027-06-01",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = out.stdout.trim().to_string();
    assert_eq!(
        path,
        "content/chien-dich/thang-hanh-dong-phong-chong-ma-tuy-nam-2027.md"
    );
    let text = site.read(&path);
    assert!(
        text.contains("start: 2027-06-01\nend: 2027-06-30\n"),
        "{text}"
    );
    assert!(text.contains("draft: true"), "{text}");
    // A draft is not published…
    let build = site.loa(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        !site.exists("public/chien-dich/thang-hanh-dong-phong-chong-ma-tuy-nam-2027/index.html")
    );
    // …but it is valid, and each blank to fill in is named by its key.
    let check = site.loa(&["check", "--drafts"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    for (line, key) in [(8, "messages"), (10, "title"), (13, "place")] {
        let expected = format!("{path}:{line}:");
        assert!(
            check
                .stderr
                .lines()
                .any(|l| l.starts_with(&expected)
                    && l.contains(&format!("`{key}` vẫn là chỗ trống"))),
            "{key}: {}",
            check.stderr
        );
    }
    let again = site.loa(&[
        "new",
        "campaign",
        "Tháng hành động phòng, chống ma túy năm 2027",
    ]);
    assert_eq!(again.code, 1);
}

/// Runs `loa build` in a pseudo-terminal (util-linux `script`), as a person
/// at a terminal would, and returns everything it printed.
fn build_in_terminal(site: &Site, extra_env: &[(&str, &str)], args: &str) -> String {
    let mut cmd = std::process::Command::new("script");
    cmd.args([
        "-qec",
        &format!("{} build {args}", env!("CARGO_BIN_EXE_loa")),
        "/dev/null",
    ])
    .current_dir(&site.dir)
    .env_remove("CI")
    .env("NO_COLOR", "1");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("`script` (util-linux) runs");
    assert!(out.status.success(), "{:?}", out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_long_build_shows_progress_on_a_terminal_only() {
    let site = Site::fixture("basic");
    // Long enough that pages are still being rendered when the line first
    // shows (after 0.3 s), even as builds get faster.
    let body = "Nội dung của bài viết, đủ dài để dựng trang mất thời gian.\n\n".repeat(40);
    for i in 0..1000 {
        site.write(
            &format!("content/bai-viet/nhieu/bai-{i}.md"),
            format!("---\ntitle: Bài số {i}\ndate: 2026-01-01\ntags: [thẻ {}]\n---\n\nNội dung bài số {i}.\n\n{body}", i % 20),
        );
    }
    let shown = build_in_terminal(&site, &[], "");
    assert!(shown.contains("Đang dựng trang ("), "{shown}");
    let counted = shown.split("): trang ").skip(1).any(|rest| {
        let (done, total) = rest.split_once('/').unwrap_or_default();
        done.parse::<usize>().is_ok() && total.starts_with(|c: char| c.is_ascii_digit())
    });
    assert!(counted, "pages counted as they are rendered: {shown}");
    // The line is cleared before the summary.
    let summary_at = shown.find("Đã dựng ").expect("summary");
    assert!(shown[..summary_at].ends_with("\r\u{1b}[2K"), "{shown:?}");
    // Quiet in CI and with --quiet; never in a pipe (every other test).
    let ci = build_in_terminal(&site, &[("CI", "true")], "");
    assert!(!ci.contains("Đang dựng trang ("), "{ci}");
    assert!(ci.contains("Đã dựng "), "{ci}");
    let quiet = build_in_terminal(&site, &[], "--quiet");
    assert!(!quiet.contains("Đang dựng"), "{quiet}");
    let piped = site.loa(&["build"]);
    assert!(!piped.stderr.contains('\r'), "{}", piped.stderr);
}
