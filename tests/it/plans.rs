//! Plans: the seed plans on their pages, the plan format's errors, the list.

use crate::support::{portal_copy, Site};

/// The bundled portal copied into a temp folder and built without
/// minification, so that page text is easy to read back.
fn portal() -> std::path::PathBuf {
    let dir = portal_copy();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["build", "--no-minify"])
        .current_dir(&dir)
        .env("SOURCE_DATE_EPOCH", "1795305600") // 2026-11-22: statuses are fixed.
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Text as a reader sees it: tags become spaces, entities are decoded,
/// whitespace (non-breaking too) collapses, "73 /KH" reads "73/KH".
pub(crate) fn page_text(html: &str) -> String {
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
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&apos;", "'");
    normalize(&text)
}

fn normalize(text: &str) -> String {
    text.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" /", "/")
}

/// The seed's sentences: split at paragraph breaks and at `.` and `;`,
/// each with PDF line breaks and hyphenation undone and the Markdown
/// emphasis of one extraction removed. Fragments of fewer than three words
/// ("KẾ HOẠCH", "Số: /KH-UBND") are left out.
fn seed_sentences(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let raw = raw.replace("\r\n", "\n");
    for paragraph in raw.split("\n\n") {
        let text = join_lines(paragraph);
        for sentence in text.split(['.', ';']).map(str::trim) {
            if sentence.split_whitespace().count() >= 3 {
                out.push(sentence.to_string());
            }
        }
    }
    out
}

fn join_lines(raw: &str) -> String {
    let mut joined = String::new();
    for line in raw.lines() {
        let line = line.replace("**", "");
        let line = line.trim_start_matches('#').trim();
        if line.is_empty() {
            continue;
        }
        if joined.ends_with('-') && !joined.ends_with(" -") {
            joined.push_str(line);
        } else {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(line);
        }
    }
    normalize(&joined)
}

#[test]
fn every_sentence_of_the_seed_plans_is_on_its_page() {
    let dir = portal();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    for (seed, slug) in [
        (
            "000-tgpl-thanh-mien-2026.txt",
            "tgpl-ctmtqg-ma-tuy-thanh-mien-2026",
        ),
        (
            "001-cai-nghien-thi-tran-thanh-mien.txt",
            "du-an-cai-nghien-phong-ngua-thi-tran-thanh-mien-2023-2025",
        ),
        (
            "003-tan-chau-2022.txt",
            "chuong-trinh-phong-chong-ma-tuy-tan-chau-2022",
        ),
    ] {
        let sentences = seed_sentences(&std::fs::read_to_string(seeds.join(seed)).unwrap());
        let html = std::fs::read_to_string(dir.join(format!("public/ke-hoach/{slug}/index.html")))
            .unwrap();
        let page = page_text(&html);
        let mut checked = 0;
        for sentence in &sentences {
            assert!(
                page.contains(sentence),
                "{seed}: missing from the page:\n{sentence}"
            );
            checked += 1;
        }
        assert!(checked > 30, "{seed}: only {checked} sentences");
    }
}

#[test]
fn every_task_shows_its_lead_partners_and_timeframe() {
    let dir = portal();
    let html = std::fs::read_to_string(
        dir.join("public/ke-hoach/chuong-trinh-phong-chong-ma-tuy-tan-chau-2022/index.html"),
    )
    .unwrap();
    let table_start = html.find("<table class=\"tasks\">").expect("task table");
    let table = &html[table_start..html[table_start..].find("</table>").unwrap() + table_start];
    assert_eq!(table.matches("<tr>").count(), 9, "header + 8 tasks");
    for expected in [
        "Phòng Lao động - Thương binh và Xã hội huyện Tân Châu",
        "Cơ sở cai nghiện ma túy (huyện Tân Châu)",
        "Phòng Tư Pháp, Công an huyện, Phòng Giáo dục và đào tạo, Ủy ban nhân dân các xã, thị trấn",
        "Hằng tháng, quý và năm",
        "Sau khi Bộ Lao động - Thương binh và Xã hội ban hành Quyết định phê duyệt dự án",
    ] {
        assert!(
            page_text(table).contains(expected),
            "{expected} not in the table"
        );
    }
    // Each task has a stable anchor in the official text that the table links to.
    assert!(
        html.contains("href=\"#muc-ii-7\""),
        "table links to task II.7"
    );
    assert!(html.contains("id=\"muc-ii-7\""), "task II.7 has its anchor");
    // The timeline is an SVG with a text alternative, in a wide and a narrow
    // layout; the conditional task has no bar; the six tasks that run the
    // whole year are one row, named in a sentence.
    assert!(html.contains("<svg class=\"timeline timeline-rong\""));
    assert!(html.contains("<svg class=\"timeline timeline-hep\""));
    assert!(html.contains("<desc id=\"tl-desc-rong\">"));
    assert!(html.contains("<desc id=\"tl-desc-hep\">"));
    assert!(html.contains("khi có điều kiện"));
    let whole = &html[html
        .find("<p class=\"tl-whole\">")
        .expect("the whole-span sentence")..];
    let whole = page_text(&whole[..whole.find("</p>").unwrap()]);
    assert!(
        whole.starts_with(
            "6 nhiệm vụ thực hiện suốt thời gian của kế hoạch (01/01/2022 – 31/12/2022):"
        ),
        "{whole}"
    );
    for task in ["II.1.", "II.3.", "II.4.", "II.5.", "II.6.", "II.8."] {
        assert!(whole.contains(task), "{task} in {whole}");
    }
    assert!(
        !whole.contains("II.2.") && !whole.contains("II.7."),
        "{whole}"
    );
    let wide = &html[html.find("timeline-rong").unwrap()..];
    let wide = &wide[..wide.find("</svg>").unwrap()];
    assert_eq!(
        wide.matches("class=\"tl-task\"").count(),
        3,
        "Cả kế hoạch, II.2., II.7.: {wide}"
    );
}

#[test]
fn plan_page_has_the_official_layout() {
    let dir = portal();
    let html = std::fs::read_to_string(
        dir.join("public/ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/index.html"),
    )
    .unwrap();
    let doc = &html[html.find("<div class=\"document\">").unwrap()..];
    let order = [
        "<p class=\"doc-body\">ỦY BAN NHÂN DÂN XÃ THANH MIỆN</p>",
        "<p class=\"doc-number\">Số:",
        "<p class=\"doc-nation\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>",
        "<p class=\"doc-independence\">Độc lập - Tự do - Hạnh phúc</p>",
        "<p class=\"doc-date\">Thanh Miện, ngày",
        "<p class=\"doc-kind\">KẾ HOẠCH</p>",
        "<p class=\"doc-title\">Triển khai thực hiện chính sách",
        "<p class=\"doc-basis\">Thực hiện Kế hoạch số 1409/KH-STP",
        "<h3 class=\"doc-section\" id=\"muc-i\"><span class=\"num\">I.</span> MỤC ĐÍCH, YÊU CẦU</h3>",
        "<p class=\"doc-recipients-title\">Nơi nhận:</p>",
        "<p class=\"doc-authority\">TM. ỦY BAN NHÂN DÂN</p>",
        "<p class=\"doc-signer\">Lê Anh Tuấn</p>",
    ];
    let mut at = 0;
    for part in order {
        let found = doc[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} missing or out of order"));
        at += found + part.len();
    }
    // The blank day stays blank, as on the draft.
    assert!(doc.contains("Thanh Miện, ngày \u{a0}\u{a0}\u{a0}\u{a0} tháng 4 năm 2026"));
    assert!(doc.contains("Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/KH-UBND"));
}

#[test]
fn plan_list_groups_by_topic_year_and_level() {
    let dir = portal();
    let html = std::fs::read_to_string(dir.join("public/ke-hoach/index.html")).unwrap();
    let text = page_text(&html);
    for expected in [
        "Theo chủ đề",
        "Trợ giúp pháp lý",
        "Theo năm",
        "Năm 2022",
        "Năm 2030",
        "Theo cấp ban hành",
        "Cấp xã",
        "Cấp huyện (trước 01/7/2025)",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    assert!(html.contains("href=\"../ke-hoach/chuong-trinh-phong-chong-ma-tuy-tan-chau-2022/\""));
}

#[test]
fn bad_plan_files_are_reported_with_line_and_column() {
    let site = Site::fixture("basic");
    site.write(
        "content/ke-hoach/hong.yaml",
        "issuer:\n  name: UBND xã\n  level: xa\ntitle: Kế hoạch thử\nbody:\n  - number: I.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n      - number: \"1.\"\n      - number: \"2.\"\n        text: Làm việc A.\n        lead: 5\n        timeframe: Quý V năm 2026\n",
    );
    site.write("content/ke-hoach/tab.yaml", "issuer:\n\tname: X\n");
    site.write(
        "content/ke-hoach/thieu.yaml",
        "issuer:\n  name: X\n  level: xa\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn plan_json_round_trips_and_matches_the_yaml() {
    use loa::render::data::{PlanData, PlanIndex};
    let dir = portal();
    let path =
        dir.join("public/du-lieu/ke-hoach/chuong-trinh-phong-chong-ma-tuy-tan-chau-2022.json");
    let bytes = std::fs::read(&path).unwrap();
    let plan: PlanData =
        serde_json::from_slice(&bytes).expect("the JSON matches the documented shape");
    assert_eq!(
        serde_json::to_vec_pretty(&plan).unwrap(),
        bytes,
        "JSON → data → JSON changed it"
    );
    assert_eq!(plan.number.as_deref(), Some("73/KH-UBND"));
    assert_eq!(plan.issued.as_deref(), Some("2022-04-12"));
    assert_eq!(plan.issuer.level, "huyen");
    assert_eq!(plan.tasks.len(), 8);
    let seventh = &plan.tasks[6];
    assert_eq!(seventh.path, "II.7.");
    assert!(seventh.period.as_ref().unwrap().conditional);
    assert_eq!(
        plan.tasks[1].period.as_ref().unwrap().recurrence.as_deref(),
        Some("monthly")
    );
    assert_eq!(plan.tasks[0].lead_units, ["phong-ldtbxh-huyen-tan-chau"]);
    let objectives = &plan.body[0];
    assert_eq!(objectives.role.as_deref(), Some("objectives"));
    assert_eq!(objectives.items[0].indicator.as_deref(), Some("dưới 1%"));
    assert_eq!(objectives.items[2].indicator.as_deref(), Some("trên 60%"));

    let index: PlanIndex =
        serde_json::from_slice(&std::fs::read(dir.join("public/du-lieu/ke-hoach.json")).unwrap())
            .unwrap();
    assert_eq!(index.as_of, "2026-11-22");
    let status = |slug: &str| {
        index
            .plans
            .iter()
            .find(|p| p.slug == slug)
            .map(|p| p.status)
            .unwrap()
    };
    use loa::render::views::plans::Status;
    assert_eq!(status("tgpl-ctmtqg-ma-tuy-thanh-mien-2026"), Status::Active);
    assert_eq!(
        status("chuong-trinh-phong-chong-ma-tuy-tan-chau-2022"),
        Status::Ended
    );
    assert_eq!(
        status("du-an-cai-nghien-phong-ngua-thi-tran-thanh-mien-2023-2025"),
        Status::Ended
    );
}

#[test]
fn tasks_csv_has_a_bom_and_one_row_per_task() {
    let dir = portal();
    let bytes = std::fs::read(dir.join("public/du-lieu/nhiem-vu.csv")).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let rows = parse_csv(&text);
    assert_eq!(rows[0][0], "ke_hoach");
    assert!(
        rows.iter().all(|r| r.len() == rows[0].len()),
        "every row has every column"
    );
    let tan_chau: Vec<&Vec<String>> = rows.iter().filter(|r| r[1] == "73/KH-UBND").collect();
    assert_eq!(tan_chau.len(), 8);
    assert_eq!(tan_chau[1][9], "Hằng tháng, quý và năm.");
    assert_eq!(tan_chau[1][12], "hằng tháng");
    assert!(tan_chau[0][14]
        .ends_with("/ke-hoach/chuong-trinh-phong-chong-ma-tuy-tan-chau-2022/#muc-ii-1"));
}

/// RFC 4180 fields: quoted fields may hold commas, quotes ("") and newlines.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn unit_page_gathers_tasks_across_plans() {
    let dir = portal();
    let html = std::fs::read_to_string(dir.join("public/don-vi/cong-an-xa-thanh-mien/index.html"))
        .unwrap();
    let text = page_text(&html);
    // "Công an xã", "Công an cấp xã" (2026) and "Công an thị trấn" (2023) are one unit.
    assert!(text.contains("Công an xã; Công an cấp xã; Công an thị trấn"));
    assert!(
        html.contains("href=\"../../ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/#muc-ii-1-a\""),
        "partner in II.1.a"
    );
    assert!(
        html.contains("href=\"../../ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/#muc-ii-4-b\""),
        "partner in II.4.b as Công an cấp xã"
    );
    assert!(
        text.contains("Công an thị trấn: Đẩy mạnh công tác điều tra"),
        "responsibility of 2023"
    );
    let lead = std::fs::read_to_string(
        dir.join("public/don-vi/van-phong-hdnd-ubnd-xa-thanh-mien/index.html"),
    )
    .unwrap();
    let lead_text = page_text(&lead);
    let leads = &lead_text
        [lead_text.find("Nhiệm vụ chủ trì").unwrap()..lead_text.find("Nhiệm vụ phối hợp").unwrap()];
    assert_eq!(
        leads.matches("Từ Quý II năm 2026 đến năm 2030").count(),
        6,
        "{leads}"
    );
    assert!(
        page_text(&std::fs::read_to_string(dir.join("public/don-vi/index.html")).unwrap())
            .contains("Cấp huyện (trước 01/7/2025)")
    );
}

#[test]
fn year_page_lists_the_work_of_that_year() {
    let dir = portal();
    let y2022 = page_text(
        &std::fs::read_to_string(dir.join("public/ke-hoach/nam/2022/index.html")).unwrap(),
    );
    assert!(y2022.contains("Thực hiện Chương trình phòng, chống ma túy năm 2022"));
    assert!(!y2022.contains("đến năm 2030 trên địa bàn xã Thanh Miện"));
    let y2026 = page_text(
        &std::fs::read_to_string(dir.join("public/ke-hoach/nam/2026/index.html")).unwrap(),
    );
    assert!(y2026.contains("đến năm 2030 trên địa bàn xã Thanh Miện"));
    assert!(!y2026.contains("năm 2022 trên địa bàn huyện Tân Châu"));
    assert!(y2026.contains("II.1.a)"));
}

#[test]
fn legal_basis_page_shows_the_chain() {
    let dir = portal();
    let html = std::fs::read_to_string(dir.join("public/ke-hoach/can-cu/index.html")).unwrap();
    let text = page_text(&html);
    assert!(text.contains("Quyết định số 1393/QĐ-LĐTBXH, ngày 30 tháng 12 năm 2022"));
    assert!(text.contains("Được triển khai bằng: Kế hoạch số 4399/KH-UBND"));
    assert!(text.contains("Thực hiện: 1393/QĐ-LĐTBXH"));
    assert!(html.contains("href=\"../../ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/\""));
}

#[test]
fn new_plan_writes_a_skeleton_that_checks() {
    let site = Site::fixture("basic");
    let out = site.loa(&["new", "plan", "Tuyên truyền Ngày Pháp luật năm 2026"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout.trim(),
        "content/ke-hoach/tuyen-truyen-ngay-phap-luat-nam-2026.yaml"
    );
    let check = site.loa(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("kế hoạch còn chỗ trống cần điền"),
        "{}",
        check.stderr
    );
    // A skeleton is a draft until its placeholders are filled.
    assert_eq!(site.loa(&["check", "--strict"]).code, 1);
    assert!(site.loa(&["build"]).code == 0);
    assert!(!site
        .dir
        .join("public/ke-hoach/tuyen-truyen-ngay-phap-luat-nam-2026")
        .exists());
    assert!(site.loa(&["build", "--drafts"]).code == 0);
    let html = site.read("public/ke-hoach/tuyen-truyen-ngay-phap-luat-nam-2026/index.html");
    assert!(html.contains("Tuyên truyền Ngày Pháp luật năm 2026"));
    let again = site.loa(&["new", "plan", "Tuyên truyền Ngày Pháp luật năm 2026"]);
    assert_eq!(again.code, 1);
}

#[test]
fn plan_cross_references_are_checked() {
    let site = Site::fixture("basic");
    site.write(
        "content/ke-hoach/a.yaml",
        "issuer: {name: UBND xã, level: xa}\ntitle: Kế hoạch A\nbasis:\n  - text: Thực hiện Kế hoạch số 1/KH-UBND.\n    documents:\n      - kind: Kế hoạch\n        number: 1/KH-UBND\n        plan: khong-co\nbody:\n  - number: I.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n      - number: \"1.\"\n        text: Việc một.\n        lead: Phòng Văn hóa xã, Công an xa.\n        timeframe: Năm 2026.\n",
    );
    site.write(
        "content/don-vi.yaml",
        "- id: cong-an-xa\n  name: Công an xã\n  level: xa\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn every_task_of_every_seed_plan_is_on_its_page_with_lead_partners_and_time() {
    use loa::render::data::PlanData;
    let dir = portal();
    let mut tasks = 0;
    for entry in std::fs::read_dir(dir.join("public/du-lieu/ke-hoach")).unwrap() {
        let plan: PlanData =
            serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap();
        let html =
            std::fs::read_to_string(dir.join(format!("public/ke-hoach/{}/index.html", plan.slug)))
                .unwrap();
        let text = page_text(&html);
        for t in &plan.tasks {
            assert!(
                html.contains(&format!("id=\"{}\"", t.anchor)),
                "{}: no anchor {}",
                plan.slug,
                t.anchor
            );
            assert!(
                html.contains(&format!("href=\"#{}\"", t.anchor)),
                "{}: table misses {}",
                plan.slug,
                t.anchor
            );
            for value in [&t.lead, &t.partners, &t.timeframe].into_iter().flatten() {
                assert!(
                    text.contains(&normalize(value.trim_end_matches('.'))),
                    "{}: {value} missing",
                    plan.slug
                );
            }
            tasks += 1;
        }
    }
    assert!(tasks >= 30, "only {tasks} tasks");
}

#[test]
fn basis_links_to_a_plan_on_the_site() {
    let site = Site::fixture("basic");
    site.write(
        "content/ke-hoach/tinh.yaml",
        "number: 5/KH-UBND\nissuer: {name: UBND tỉnh, level: tinh}\ntitle: Kế hoạch của tỉnh\nbody:\n  - number: I.\n    title: MỤC ĐÍCH\n    text: Mục đích.\n",
    );
    site.write(
        "content/ke-hoach/xa.yaml",
        "issuer: {name: UBND xã, level: xa}\ntitle: Kế hoạch của xã\nbasis:\n  - text: Thực hiện Kế hoạch số 5/KH-UBND của tỉnh.\n    documents:\n      - kind: Kế hoạch\n        number: 5/KH-UBND\n        plan: tinh\nbody:\n  - number: I.\n    title: MỤC ĐÍCH\n    text: Mục đích.\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = site.read("public/ke-hoach/xa/index.html");
    assert!(
        html.contains(
            "Thực hiện Kế hoạch số <a href=\"../../ke-hoach/tinh/\">5/KH-UBND</a> của tỉnh."
        ),
        "{html}"
    );
}

#[test]
fn a_lead_in_the_sentence_must_be_there_and_alone() {
    let site = Site::fixture("basic");
    site.write(
        "content/ke-hoach/mot.yaml",
        "issuer: {name: Ủy ban nhân dân xã A, level: xa}\ntitle: Kế hoạch thử\nbody:\n  - number: I.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n      - number: \"1.\"\n        text: Công an xã tổ chức tuyên truyền.\n        lead_in_text: Công an huyện\n      - number: \"2.\"\n        text: Công an xã tổ chức tập huấn.\n        lead: Công an xã.\n        lead_in_text: Công an xã\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/ke-hoach/mot.yaml:10:23: lỗi: `lead_in_text: Công an huyện` không có trong câu của mục này"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("mot.yaml:14:23:")
            && out.stderr.contains("mục có cả `lead` và `lead_in_text`"),
        "{}",
        out.stderr
    );
}

/// "Sở Tư pháp" is Lạng Sơn's in a Lạng Sơn plan and Hải Phòng's in a plan
/// whose basis is Hải Phòng's; in a plan of neither it is no unit at all.
#[test]
fn unit_names_resolve_to_the_unit_of_the_plans_place() {
    let site = Site::fixture("basic");
    site.write(
        "content/don-vi.yaml",
        "- id: so-tu-phap-lang-son\n  name: Sở Tư pháp tỉnh Lạng Sơn\n  aliases: [Sở Tư pháp]\n  scope: Lạng Sơn\n  level: tinh\n\
         - id: so-tu-phap-hai-phong\n  name: Sở Tư pháp thành phố Hải Phòng\n  aliases:\n    - Sở Tư pháp\n    - Sở Tư pháp thành phố\n  scope: Hải Phòng\n  level: tinh\n\
         - id: ubnd-cac-xa\n  name: Ủy ban nhân dân các xã, phường, thị trấn\n  aliases:\n    - UBND các xã, phường, thị trấn\n  level: xa\n",
    );
    let plan = |issuer: &str, parent: &str, basis: &str| {
        format!(
            "issuer: {{name: {issuer}, {parent} level: tinh}}\ntitle: Kế hoạch thử\n{basis}body:\n  - number: I.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n      - number: \"1.\"\n        text: Tập huấn trợ giúp pháp lý.\n        lead: Sở Tư pháp.\n        partners: UBND các xã, phường, thị trấn nơi tổ chức tập huấn và các đơn vị có liên quan.\n        timeframe: Năm 2027.\n"
        )
    };
    site.write(
        "content/ke-hoach/lang-son.yaml",
        plan("Sở Tư pháp", "parent: UBND tỉnh Lạng Sơn,", ""),
    );
    site.write(
        "content/ke-hoach/thanh-mien.yaml",
        plan(
            "Ủy ban nhân dân xã Thanh Miện",
            "",
            "basis:\n  - text: Thực hiện Kế hoạch số 1409/KH-STP ngày 30/3/2026 của Sở Tư pháp thành phố Hải Phòng.\n",
        ),
    );
    site.write(
        "content/ke-hoach/noi-khac.yaml",
        plan("Ủy ban nhân dân xã An Bình", "", ""),
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lead = |slug: &str| {
        let data: loa::render::data::PlanData =
            serde_json::from_str(&site.read(&format!("public/du-lieu/ke-hoach/{slug}.json")))
                .unwrap();
        (
            data.tasks[0].lead_units.clone(),
            data.tasks[0].partner_units.clone(),
        )
    };
    assert_eq!(lead("lang-son").0, ["so-tu-phap-lang-son"]);
    assert_eq!(lead("thanh-mien").0, ["so-tu-phap-hai-phong"]);
    assert!(lead("noi-khac").0.is_empty());
    // An alias with commas is one name; the rest of a partners sentence is
    // no unit to warn about.
    assert_eq!(lead("lang-son").1, ["ubnd-cac-xa"]);
    assert!(
        out.stderr.contains("noi-khac.yaml")
            && out.stderr.contains("không nhận ra đơn vị `Sở Tư pháp`"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("nơi tổ chức tập huấn"),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.matches("không nhận ra đơn vị").count(),
        1,
        "{}",
        out.stderr
    );
}

/// A name given twice in the registry is reported at the second entry, not
/// at the first place the words appear.
#[test]
fn registry_errors_point_at_their_own_entry() {
    let site = Site::fixture("basic");
    site.write(
        "content/don-vi.yaml",
        "- id: cong-an-xa\n  name: Công an xã An Bình\n  aliases: [Công an xã]\n  level: xa\n\
         - id: tram-y-te\n  name: Trạm Y tế xã An Bình\n  level: xa\n\
         - id: cong-an-xa-2\n  name: Công an xã Bình An\n  aliases: [Công an xã]\n  level: xa\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "content/don-vi.yaml:10:13: lỗi: tên `Công an xã` đã là tên của đơn vị `cong-an-xa`"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("scope:"), "{}", out.stderr);
}

/// Topics show by their names; a topic no list knows is warned about with
/// the nearest known one, until site.yaml declares it.
#[test]
fn topics_have_names_and_unknown_ones_are_warned() {
    let site = Site::fixture("basic");
    let plan = |topics: &str| {
        format!("issuer: {{name: Ủy ban nhân dân xã A, level: xa}}\ntitle: Kế hoạch thử\ntopics: {topics}\nperiod: {{from: 2027, to: 2027}}\nbody:\n  - number: I.\n    title: NỘI DUNG\n    text: Tuyên truyền.\n")
    };
    site.write(
        "content/ke-hoach/mot.yaml",
        plan("[Giảm nghèo, phong-chong-ma-tuyy]"),
    );
    site.write("content/ke-hoach/hai.yaml", plan("[giam-ngheo]"));
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/ke-hoach/mot.yaml:3:9: cảnh báo: chủ đề `phong-chong-ma-tuyy` chưa có trong danh sách chủ đề")
            && out.stderr.contains("chủ đề có sẵn gần nhất: `phong-chong-ma-tuy` (Phòng, chống ma túy)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("chủ đề `Giảm nghèo` chưa có"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("`topics: {giam-ngheo: Giảm nghèo}`"),
        "{}",
        out.stderr
    );
    let list = site.read("public/ke-hoach/index.html");
    assert!(
        list.contains(">Giảm nghèo<"),
        "the group is named as written"
    );
    assert!(!list.contains("Giam ngheo"));

    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        format!("{config}\ntopics:\n  giam-ngheo: Giảm nghèo\n"),
    );
    let out = site.loa(&["check"]);
    assert!(
        !out.stderr.contains("Giảm nghèo"),
        "declared: {}",
        out.stderr
    );
    assert!(out.stderr.contains("phong-chong-ma-tuyy"), "{}", out.stderr);
}

/// A plan that has ended has no task still "Đang thực hiện" unless the task
/// runs past it; every year a plan or task covers has its year page (open
/// ended: up to the year of the build); a plan without any readable time is
/// warned about.
#[test]
fn statuses_and_years_agree_with_the_plan() {
    let site = Site::fixture("basic");
    site.write(
        "content/ke-hoach/da-xong.yaml",
        "issuer: {name: Ủy ban nhân dân xã A, level: xa}\ntitle: Kế hoạch năm 2022\nperiod: {from: 2022, to: 2022}\nbody:\n  - number: I.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n      - number: \"1.\"\n        text: Rà soát người nghiện.\n        timeframe: Thường xuyên từ năm 2020.\n      - number: \"2.\"\n        text: Xây dựng mô hình.\n        timeframe: Từ năm 2022 đến năm 2027.\n      - number: \"3.\"\n        text: Tổng kết.\n        timeframe: Năm 2022.\n",
    );
    site.write(
        "content/ke-hoach/mo.yaml",
        "issuer: {name: Ủy ban nhân dân xã A, level: xa}\ntitle: Kế hoạch lâu dài\nbody:\n  - number: I.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n      - number: \"1.\"\n        text: Tuyên truyền.\n        timeframe: Năm 2024 và những năm tiếp theo.\n",
    );
    site.write(
        "content/ke-hoach/khong-ro.yaml",
        "issuer: {name: Ủy ban nhân dân xã A, level: xa}\ntitle: Kế hoạch chưa rõ thời gian\nbody:\n  - number: I.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n      - number: \"1.\"\n        text: Tuyên truyền.\n",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["build", "--no-minify"])
        .current_dir(&site.dir)
        .env("SOURCE_DATE_EPOCH", "1795305600") // 2026-11-22
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("content/ke-hoach/khong-ro.yaml:2:8: cảnh báo: kế hoạch không có thời gian thực hiện nào loa đọc được"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("da-xong.yaml") && !stderr.contains("mo.yaml"),
        "{stderr}"
    );
    let rows = parse_csv(&site.read("public/du-lieu/nhiem-vu.csv"));
    let status = |link_end: &str| {
        rows.iter()
            .find(|r| r.last().is_some_and(|l| l.ends_with(link_end)))
            .map(|r| r[13].clone())
            .unwrap_or_else(|| panic!("no row for {link_end}"))
    };
    assert_eq!(
        status("da-xong/#muc-i-1"),
        "Đã kết thúc",
        "open-ended work ends with its plan"
    );
    assert_eq!(
        status("da-xong/#muc-i-2"),
        "Đang thực hiện",
        "runs past the plan by its own dates"
    );
    assert_eq!(status("da-xong/#muc-i-3"), "Đã kết thúc");
    assert_eq!(status("mo/#muc-i-1"), "Đang thực hiện");
    for year in 2020..=2027 {
        assert!(
            site.dir
                .join(format!("public/ke-hoach/nam/{year}/index.html"))
                .is_file(),
            "no page for {year}"
        );
    }
}

/// One mistake, one error: a broken article is reported once, not again on
/// what links to it; a missing quote is reported where it opens; `number:
/// 2.` keeps its dot; a timeframe loa cannot read is not drawn.
#[test]
fn one_mistake_one_error() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/hong.md",
        "---\ntitle: \"Bài hỏng\ndate: 2026-01-01\nsummary: abc\n---\n\nNội dung.\n",
    );
    site.write(
        "content/bai-viet/lien-ket.md",
        "---\ntitle: Bài liên kết\ndate: 2026-02-01\n---\n\nXem [bài kia](@/bai-viet/hong.md).\n",
    );
    site.write(
        "content/chien-dich/cd.md",
        "---\ntitle: Chiến dịch thử\nstart: 2027-06-01\nend: 2027-06-30\narticles: [\"@/bai-viet/hong.md\"]\n---\n\nGiới thiệu.\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/bai-viet/hong.md:2:8: lỗi: thiếu dấu đóng"),
        "the quote that opens: {}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("lỗi:").count(), 1, "{}", out.stderr);

    let site = Site::fixture("basic");
    site.write(
        "content/ke-hoach/so.yaml",
        "issuer: {name: Ủy ban nhân dân xã A, level: xa}\ntitle: Kế hoạch thử\nperiod: {from: 2027, to: 2027}\nbody:\n  - number: I.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n      - number: 2.\n        text: Tuyên truyền.\n        timeframe: Khi nào thuận tiện.\n      - number: 1.10\n        text: Tập huấn.\n        timeframe: Năm 2027.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = site.read("public/ke-hoach/so/index.html");
    assert!(
        html.contains("<span class=\"num\">2.</span>"),
        "the dot is kept"
    );
    assert!(html.contains("<span class=\"num\">1.10</span>"));
    let data: loa::render::data::PlanData =
        serde_json::from_str(&site.read("public/du-lieu/ke-hoach/so.json")).unwrap();
    assert!(
        data.tasks[0].period.is_none(),
        "an unreadable time has no dates"
    );
    assert!(data.tasks[1].period.is_some());
}

/// Plan dates are read as people write them, day or month left out too.
#[test]
fn plan_dates_as_people_write_them() {
    let site = Site::fixture("basic");
    let plan = |issued: &str| {
        format!("issuer: {{name: Ủy ban nhân dân xã A, level: xa}}\nissued: {issued}\ntitle: Kế hoạch thử\nperiod: {{from: tháng 4 năm 2026, to: 31.12.2030}}\nbody:\n  - number: I.\n    title: NỘI DUNG\n    text: Tuyên truyền.\n")
    };
    site.write(
        "content/ke-hoach/mot.yaml",
        plan("ngày 12 tháng 4 năm 2026"),
    );
    site.write("content/ke-hoach/hai.yaml", plan("4/2026"));
    site.write("content/ke-hoach/ba.yaml", plan("12/4/26"));
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "content/ke-hoach/ba.yaml:2:9: lỗi: `issued`: `12/4/26` ghi năm bằng hai chữ số"
        ) && out.stderr.contains("ví dụ `12/4/2026`"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("lỗi:").count(), 1, "{}", out.stderr);
    site.write("content/ke-hoach/ba.yaml", plan("12/4/2026"));
    assert_eq!(site.loa(&["build"]).code, 0);
    let data: loa::render::data::PlanData =
        serde_json::from_str(&site.read("public/du-lieu/ke-hoach/hai.json")).unwrap();
    assert_eq!(data.issued.as_deref(), Some("2026-04"));
}

#[test]
fn a_task_named_twice_by_an_article_is_listed_once_with_a_warning() {
    let dir = crate::support::portal_copy();
    let path = dir.join("content/bai-viet/tro-giup-phap-ly-la-gi.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let twice = text.replacen(
        "implements:\n",
        "implements:\n  - tgpl-ctmtqg-ma-tuy-thanh-mien-2026#muc-ii-1-a\n  - tgpl-ctmtqg-ma-tuy-thanh-mien-2026#muc-ii-1-a\n",
        1,
    );
    assert_ne!(twice, text, "the article names the tasks it serves");
    std::fs::write(&path, twice).unwrap();
    let out = crate::support::run_loa(&dir, &["build", "--quiet"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/bai-viet/tro-giup-phap-ly-la-gi.md:")
            && out.stderr.contains("cảnh báo: nhiệm vụ `tgpl-ctmtqg-ma-tuy-thanh-mien-2026#muc-ii-1-a` được ghi hai lần trong `implements`"),
        "{}",
        out.stderr
    );
    let html = std::fs::read_to_string(
        dir.join("public/ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/index.html"),
    )
    .unwrap();
    // The table's first row is task II.1.a.
    let body = &html[html.find("<tbody>").unwrap()..];
    let first_row = &body[..body.find("</tr>").unwrap()];
    assert!(first_row.contains("#muc-ii-1-a"), "{first_row}");
    assert_eq!(
        first_row
            .matches(">Trợ giúp pháp lý là gì? Người dân có phải trả tiền không?<")
            .count(),
        1,
        "{first_row}"
    );
}
