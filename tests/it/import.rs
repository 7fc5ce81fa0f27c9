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

/// The words of a page as a reader sees them (the plan tests' reading).
fn page_words(html: &str) -> String {
    crate::plans::page_text(html)
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

fn seed_documents(extension: &str) -> Vec<PathBuf> {
    SEEDS
        .iter()
        .map(|(seed, _)| crate::office::documents().join(format!("{seed}.{extension}")))
        .collect()
}

#[test]
fn the_seed_plans_import_from_word_files() {
    let dir = portal_with_imports(&seed_documents("docx"));
    assert_faithful(&dir, "docx");
}

#[test]
fn the_seed_plans_import_from_opendocument_files() {
    let dir = portal_with_imports(&seed_documents("odt"));
    assert_faithful(&dir, "odt");
}

#[test]
fn the_seed_plans_import_from_pdf_exported_from_word() {
    let dir = portal_with_imports(&seed_documents("pdf"));
    assert_faithful(&dir, "pdf");
}

/// The plan typed with automatic numbering, tables, a footnote and a
/// picture, from each format LibreOffice saves it in.
#[test]
fn automatic_numbering_tables_and_a_footnote_come_through() {
    for extension in ["docx", "odt", "pdf"] {
        let site = crate::support::Site::fixture("basic");
        let doc = crate::office::documents().join(format!("day-du.{extension}"));
        let out = site.loa(&["import", "plan", doc.to_str().unwrap()]);
        assert_eq!(out.code, 0, "{extension}: {}", out.stderr);
        let rel = out.stdout.trim().to_string();
        assert!(
            rel.starts_with("content/ke-hoach/") && rel.contains("2027"),
            "{rel}"
        );
        let check = site.loa(&["check"]);
        assert_eq!(check.code, 0, "{extension}: {}", check.stderr);
        let build = site.loa(&["build"]);
        assert_eq!(build.code, 0, "{extension}: {}", build.stderr);
        let slug = rel
            .trim_start_matches("content/ke-hoach/")
            .trim_end_matches(".yaml");
        let plan = plan_data(&site.dir, slug);
        assert_eq!(
            plan.issuer.name, "Ủy ban nhân dân xã An Bình",
            "{extension}"
        );
        assert_eq!(plan.number.as_deref(), Some("15/KH-UBND"), "{extension}");
        assert_eq!(plan.issued.as_deref(), Some("2027-03-05"), "{extension}");
        assert_eq!(plan.place.as_deref(), Some("An Bình"), "{extension}");
        assert_eq!(
            plan.signature.name.as_deref(),
            Some("Trần Văn An"),
            "{extension}"
        );
        assert_eq!(
            plan.signature.authority,
            ["TM. ỦY BAN NHÂN DÂN"],
            "{extension}"
        );
        let tasks: Vec<(&str, Option<&str>, Option<&str>)> = plan
            .tasks
            .iter()
            .map(|t| (t.anchor.as_str(), t.lead.as_deref(), t.timeframe.as_deref()))
            .collect();
        assert_eq!(
            tasks,
            [
                (
                    "muc-ii-1-a",
                    Some("Công chức Tư pháp - Hộ tịch."),
                    Some("Quý II năm 2027.")
                ),
                (
                    "muc-ii-1-b",
                    Some("Công chức Tư pháp - Hộ tịch."),
                    Some("Tháng 6 năm 2027.")
                ),
            ],
            "{extension}"
        );
        let yaml = site.read(&rel);
        assert!(
            yaml.contains("timeframe: Thời gian"),
            "{extension}: the second task's label as written:\n{yaml}"
        );
        if extension != "pdf" {
            assert!(
                out.stderr.contains("không được đưa vào kế hoạch")
                    && out.stderr.contains("Biểu trưng của xã An Bình"),
                "{extension}: the picture is reported: {}",
                out.stderr
            );
            assert!(
                out.stderr.contains("chú thích cuối trang 1")
                    && out.stderr.contains("Kế hoạch của Sở Tư pháp gửi các xã"),
                "{extension}: the footnote is reported: {}",
                out.stderr
            );
        }
    }
}

/// Files the importer cannot read: each refused with what to do, exit 1,
/// nothing written.
#[test]
fn documents_that_cannot_be_read_are_refused_with_their_reason() {
    let docs = crate::office::documents();
    let site = crate::support::Site::fixture("basic");
    site.write("trong.docx", "");
    site.write(
        "khong-phai.txt",
        "Thông báo lịch tiếp công dân tháng 5.\nSáng thứ Hai hằng tuần.",
    );
    for (file, says) in [
        (docs.join("day-du.doc"), "tệp Word cũ (.doc)"),
        (
            docs.join("ban-chup.pdf"),
            "không có lớp chữ; cần bản Word hoặc bản PDF xuất từ Word",
        ),
        (docs.join("mat-khau/day-du.pdf"), "đặt mật khẩu"),
        (site.dir.join("trong.docx"), "không có nội dung"),
        (
            site.dir.join("khong-phai.txt"),
            "không nhận ra đây là một kế hoạch",
        ),
        (site.dir.join("khong-co.docx"), "không có tệp này"),
    ] {
        let out = site.loa(&["import", "plan", file.to_str().unwrap()]);
        assert_eq!(out.code, 1, "{}: {}", file.display(), out.stderr);
        assert!(
            out.stderr.contains(says),
            "{}: {}",
            file.display(),
            out.stderr
        );
        assert!(
            out.stderr
                .contains(file.file_name().unwrap().to_str().unwrap()),
            "{}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("panicked") && !out.stderr.contains("Error"),
            "{}",
            out.stderr
        );
    }
    assert!(
        !site.dir.join("content/ke-hoach").exists()
            || std::fs::read_dir(site.dir.join("content/ke-hoach"))
                .unwrap()
                .count()
                == count_plans_in_fixture()
    );
}

fn count_plans_in_fixture() -> usize {
    std::fs::read_dir(fixture_path("basic/content/ke-hoach")).map_or(0, |d| d.count())
}

/// A plan is never overwritten without `--force`.
#[test]
fn an_existing_plan_is_kept_unless_forced() {
    let site = crate::support::Site::fixture("basic");
    let seed = fixture_path("seeds/000-tgpl-thanh-mien-2026.txt");
    let seed = seed.to_str().unwrap();
    let first = site.loa(&["import", "plan", seed, "--slug", "tgpl"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    site.write("content/ke-hoach/tgpl.yaml", "# đã sửa tay\n");
    let again = site.loa(&["import", "plan", seed, "--slug", "tgpl"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("đã có") && again.stderr.contains("--force"),
        "{}",
        again.stderr
    );
    assert_eq!(site.read("content/ke-hoach/tgpl.yaml"), "# đã sửa tay\n");
    let forced = site.loa(&["import", "plan", seed, "--slug", "tgpl", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(site
        .read("content/ke-hoach/tgpl.yaml")
        .contains("Ủy ban nhân dân xã Thanh Miện"));
}

/// A provincial plan whose tasks name their lines their own way: a lead
/// label of its own, "Thời gian:", "-" lines before the time, a task's
/// Kinh phí, a lead named only in the sentence, a partners line that is a
/// sentence. Each comes through as written, in the order written.
#[test]
fn labels_order_and_leads_in_the_sentence_come_through() {
    let site = crate::support::Site::fixture("basic");
    let doc = fixture_path("import/ke-hoach-so-tu-phap.txt");
    let out = site.loa(&["import", "plan", doc.to_str().unwrap(), "--slug", "stp"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("lead_in_text") && out.stderr.contains("dòng 36"),
        "{}",
        out.stderr
    );
    let check = site.loa(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(site.loa(&["build", "--no-minify"]).code, 0);
    let plan = plan_data(&site.dir, "stp");
    assert_eq!(plan.issuer.name, "Sở Tư pháp");
    assert_eq!(plan.issuer.parent.as_deref(), Some("UBND tỉnh Lạng Sơn"));
    let leads: Vec<Option<&str>> = plan.tasks.iter().map(|t| t.lead.as_deref()).collect();
    assert_eq!(
        leads,
        [
            Some("Sở Tư pháp."),
            None,
            Some("Trung tâm Trợ giúp pháp lý nhà nước tỉnh")
        ]
    );
    assert_eq!(
        plan.tasks[2].partners.as_deref(),
        Some("Ủy ban nhân dân các xã, phường, thị trấn nơi tổ chức trợ giúp pháp lý lưu động, Hội Liên hiệp Phụ nữ tỉnh và các tổ chức đoàn thể khác có liên quan trên địa bàn tỉnh.")
    );
    let page = page_words(&site.read("public/ke-hoach/stp/index.html"));
    for line in [
        "- Cơ quan chủ trì tham mưu cho UBND tỉnh: Sở Tư pháp.",
        "- Thời gian: Quý III năm 2027.",
        "- Kinh phí: Ngân sách tỉnh giao cho Sở Tư pháp.",
        "- Sản phẩm: + Các đợt trợ giúp pháp lý lưu động được tổ chức; + Báo cáo kết quả gửi Sở Tư pháp.",
    ] {
        assert!(page.contains(line), "missing: {line}");
    }
    // The "-" lines of task 2 come before its time, as on paper.
    let bullets = page
        .find("Tập huấn cho người có uy tín trong cộng đồng.")
        .unwrap();
    let time = page.find("Thời gian thực hiện: Quý II năm 2027.").unwrap();
    assert!(bullets < time);
    // The lead named in the sentence gets no line of its own.
    assert!(!page.contains(": Trung tâm Trợ giúp pháp lý nhà nước tỉnh"));

    // The units the registry lacks are proposed, with the plan's province:
    // uncommented into the registry, they resolve.
    let yaml = site.read("content/ke-hoach/stp.yaml");
    let proposed: String = yaml
        .lines()
        .skip_while(|l| !l.starts_with("# - id:"))
        .take_while(|l| l.starts_with("# - ") || l.starts_with("#   "))
        .map(|l| format!("{}\n", &l[2..]))
        .collect();
    assert!(proposed.contains("- id: so-tu-phap-tinh-lang-son\n  name: Sở Tư pháp tỉnh Lạng Sơn\n  aliases: [Sở Tư pháp]\n  scope: Lạng Sơn\n  level: tinh\n"), "{proposed}");
    site.write("content/don-vi.yaml", &proposed);
    assert_eq!(site.loa(&["build"]).code, 0);
    let plan = plan_data(&site.dir, "stp");
    assert_eq!(plan.tasks[0].lead_units, ["so-tu-phap-tinh-lang-son"]);
}

/// An article from its Word and OpenDocument files: a draft with its
/// title, date and summary, headings, emphasis, lists, the table with its
/// caption, the link, the footnote and the picture beside it, that builds.
#[test]
fn an_article_imports_from_word_and_opendocument() {
    for extension in ["docx", "odt"] {
        let site = crate::support::Site::fixture("basic");
        let doc = crate::office::documents().join(format!("bai-viet.{extension}"));
        let out = site.loa(&["import", "article", doc.to_str().unwrap()]);
        assert_eq!(out.code, 0, "{extension}: {}", out.stderr);
        let rel = out.stdout.trim();
        assert_eq!(
            rel, "content/bai-viet/tro-giup-phap-ly-mien-phi-cho-nguoi-co-cong.md",
            "{extension}"
        );
        let md = site.read(rel);
        assert!(
            md.starts_with("---\ntitle: \"Trợ giúp pháp lý miễn phí cho người có công\"\ndate: "),
            "{extension}:\n{md}"
        );
        assert!(md.contains("\nsummary: \"Người có công với cách mạng được trợ giúp pháp lý miễn phí khi có yêu cầu.\"\ndraft: true\n---\n"), "{extension}:\n{md}");
        for part in [
            "Người có công với cách mạng được **trợ giúp pháp lý miễn phí** khi có yêu cầu[^1].",
            "## Ai được giúp\n\n- Người có công với cách mạng.\n- Người thuộc hộ nghèo.",
            "1. Đến *Trung tâm Trợ giúp pháp lý* hoặc xem [hướng dẫn](<https://example.gov.vn/tro-giup>).",
            "Bảng: Nơi tiếp nhận yêu cầu\n\n| Nơi | Giờ làm việc |\n| --- | --- |\n| Ủy ban nhân dân xã | Sáng thứ Hai đến thứ Sáu |",
            "[^1]: Theo Luật Trợ giúp pháp lý năm 2017.",
        ] {
            assert!(md.contains(part), "{extension}: missing\n{part}\nin\n{md}");
        }
        let picture = md
            .split("![Cán bộ tư pháp tiếp công dân](/")
            .nth(1)
            .and_then(|r| r.split(')').next())
            .unwrap_or_else(|| panic!("{extension}: no picture in\n{md}"))
            .to_string();
        assert!(
            picture.starts_with("anh/tro-giup-phap-ly-mien-phi-cho-nguoi-co-cong/"),
            "{picture}"
        );
        assert!(std::fs::read(site.dir.join("static").join(&picture))
            .unwrap()
            .starts_with(b"\x89PNG"));
        let build = site.loa(&["build", "--drafts"]);
        assert_eq!(build.code, 0, "{extension}: {}", build.stderr);
        let page =
            site.read("public/bai-viet/tro-giup-phap-ly-mien-phi-cho-nguoi-co-cong/index.html");
        assert!(page.contains("<strong>trợ giúp pháp lý miễn phí</strong>"));
        assert!(page.contains("<caption>"), "the table has its caption");
        // Imported again, nothing is overwritten without --force.
        let again = site.loa(&["import", "article", doc.to_str().unwrap()]);
        assert_eq!(again.code, 1);
        assert!(again.stderr.contains("đã có"), "{}", again.stderr);
    }
}
