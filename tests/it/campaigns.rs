//! Campaigns: landing pages, calendars, links to articles and plan tasks.

use crate::support::Site;

fn built() -> Site {
    let site = Site::fixture("basic");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["build", "--no-minify"])
        .current_dir(&site.dir)
        .env("SOURCE_DATE_EPOCH", "1762646400") // 2025-11-09
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    site
}

#[test]
fn campaign_page_shows_messages_events_and_links() {
    let site = built();
    let html = site.read("public/chien-dich/ngay-phap-luat/index.html");
    assert!(html.contains("<h1>Ngày Pháp luật 2026</h1>"), "{html}");
    assert!(html.contains("Trợ giúp pháp lý là miễn phí"));
    assert!(
        html.contains("Thứ Hai, ngày 9 tháng 11 năm 2026</time>, 07:30 – 09:00"),
        "{html}"
    );
    assert!(html.contains("Hội trường UBND xã, thôn Đông"));
    assert!(
        html.contains("href=\"../../bai-viet/tro-giup-phap-ly/\">Trợ giúp pháp lý miễn phí</a>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"../../chien-dich/ngay-phap-luat/lich.ics\""),
        "{html}"
    );
    assert!(site
        .read("public/chien-dich/index.html")
        .contains("Ngày Pháp luật 2026"));
    // Upcoming within 60 days on 9/11/2025? No: it starts a year later.
    assert!(!site
        .read("public/index.html")
        .contains("Ngày Pháp luật 2026"));
}

#[test]
fn calendars_parse_back_with_the_events() {
    let site = built();
    for path in [
        "public/chien-dich/ngay-phap-luat/lich.ics",
        "public/lich.ics",
    ] {
        let text = site.read(path);
        assert!(
            text.lines().all(|l| l.len() <= 75),
            "{path}: a line longer than 75 octets"
        );
        assert!(text.contains("\r\n"), "{path}: CRLF line ends");
        let mut calendars = ical::IcalParser::new(text.as_bytes());
        let calendar = calendars
            .next()
            .expect("one calendar")
            .expect("a valid calendar");
        assert!(calendars.next().is_none());
        assert_eq!(calendar.events.len(), 2, "{path}");
        let prop = |i: usize, name: &str| {
            calendar.events[i]
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            prop(0, "SUMMARY"),
            "Mít tinh\\, tư vấn pháp luật\\; giải đáp"
        );
        assert_eq!(prop(0, "DTSTART"), "20261109T003000Z");
        assert_eq!(prop(0, "DTEND"), "20261109T020000Z");
        assert_eq!(prop(0, "LOCATION"), "Hội trường UBND xã\\, thôn Đông");
        assert_eq!(
            prop(0, "URL"),
            "https://mau.example/chien-dich/ngay-phap-luat/"
        );
        assert_eq!(prop(1, "DTSTART"), "20261110");
        assert_eq!(prop(1, "DTEND"), "20261111");
        assert!(prop(0, "UID").starts_with("ngay-phap-luat-1@"));
    }
}

#[test]
fn campaigns_are_searchable() {
    let site = built();
    let docs = std::fs::read_dir(site.dir.join("public/tim-kiem/d")).unwrap();
    let found = docs
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .any(|d| d.contains("\"k\":\"chien-dich\"") && d.contains("Ngày Pháp luật 2026"));
    assert!(found);
}

#[test]
fn unknown_articles_and_tasks_are_errors() {
    let site = Site::fixture("basic");
    site.write(
        "content/chien-dich/sai.md",
        "---\ntitle: Sai\nstart: 2026-06-01\nend: 2026-06-30\narticles: [\"@/bai-viet/khong-co.md\"]\ntasks: [ke-hoach-khong-co#muc-ii-1]\n---\n",
    );
    site.write(
        "content/chien-dich/ngay-sai.md",
        "---\ntitle: Ngày sai\nstart: 2026-06-01\nend: 2026-05-01\nevents:\n  - title: A\n    date: 2026-13-01\n---\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn a_campaign_without_dates_runs_all_year_and_still_has_a_poster() {
    let site = Site::fixture("basic");
    site.write(
        "content/chien-dich/thuong-xuyen.md",
        "---\ntitle: Không kỳ thị người sau cai nghiện\n---\nChiến dịch diễn ra thường xuyên.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/chien-dich/thuong-xuyen/index.html");
    assert!(page.contains("Diễn ra thường xuyên trong năm"), "{page}");
    assert!(page.contains("Thường xuyên</span>"), "{page}");
    let poster = site.read("public/chien-dich/thuong-xuyen/ap-phich/index.html");
    assert!(
        poster.contains("Diễn ra thường xuyên trong năm"),
        "{poster}"
    );
    assert!(
        poster.contains("<svg class=\"qr\""),
        "the poster has its QR code"
    );
    // Under way, so on the home page; no date in its loudspeaker text.
    assert!(site
        .read("public/index.html")
        .contains("Không kỳ thị người sau cai nghiện"));
    let spoken = site.read("public/chien-dich/thuong-xuyen/loa.txt");
    assert!(
        spoken.contains("diễn ra thường xuyên trong năm"),
        "{spoken}"
    );
}

#[test]
fn a_campaign_with_one_date_of_two_is_an_error_that_says_what_to_add() {
    let site = Site::fixture("basic");
    site.write(
        "content/chien-dich/mot-ngay.md",
        "---\ntitle: Một ngày\nstart: 2026-06-01\n---\n",
    );
    let out = site.loa(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/chien-dich/mot-ngay.md:3:8: lỗi: có `start` nhưng thiếu `end`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("thêm dòng `end: 2027-06-30`"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_poster_with_too_much_text_for_one_sheet_is_a_warning() {
    let site = Site::fixture("basic");
    let long = "Ma túy hủy hoại sức khỏe, hạnh phúc gia đình và tương lai của thế hệ trẻ; mỗi người dân hãy nói không với ma túy và giúp người thân tránh xa ma túy.";
    let messages: String = (0..6).map(|_| format!("  - {long}\n")).collect();
    site.write(
        "content/chien-dich/dai.md",
        format!("---\ntitle: Chiến dịch dài\nstart: 2026-06-01\nend: 2026-06-30\nmessages:\n{messages}---\n"),
    );
    let out = site.loa(&["check"]);
    assert!(
        out.stderr.contains("content/chien-dich/dai.md:1:1: cảnh báo: tên và thông điệp của chiến dịch quá dài để in trên một tờ áp phích A4"),
        "{}",
        out.stderr
    );
    // The bundled fixture's campaign fits: no such warning for it.
    assert!(
        !out.stderr.contains("ngay-phap-luat.md:1:1"),
        "{}",
        out.stderr
    );
}

#[test]
fn phone_numbers_in_events_are_links_and_dates_are_not() {
    let site = Site::fixture("basic");
    site.write(
        "content/chien-dich/goi.md",
        "---\ntitle: Tư vấn qua điện thoại\nstart: 2026-06-01\nend: 2026-06-30\nevents:\n  - title: Tư vấn\n    date: 2026-06-05\n    place: Nhà văn hóa thôn 3\n    description: Từ 19:00 ngày 05.6.2026, gọi 0912 345 678 hoặc 1900 6179 để được tư vấn.\n---\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/chien-dich/goi/index.html");
    assert!(
        page.contains("Từ 19:00 ngày 05.6.2026, gọi <a href=\"tel:0912345678\">0912 345 678</a> hoặc <a href=\"tel:19006179\">1900 6179</a> để được tư vấn."),
        "{page}"
    );
    assert!(page.contains("Nhà văn hóa thôn 3</p>"), "{page}");
}
