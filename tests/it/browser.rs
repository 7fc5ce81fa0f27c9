//! The bundled portal in a real browser: Debian's chromium, headless, driven
//! by tests/browser/run.mjs (playwright-core, axe-core) against the site
//! served on 127.0.0.1, at 390 and 1280 px, at the root and under /portal/;
//! and every page through the Nu Html Checker (vnu-jar). `.ci/run` installs
//! chromium and the npm packages; without them these tests fail and say how
//! to install them.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::portal_copy;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

fn require_tools() {
    let modules = browser_dir().join("node_modules");
    assert!(
        modules.join("playwright-core").is_dir()
            && modules.join("axe-core").is_dir()
            && modules.join("vnu-jar").is_dir(),
        "browser test packages missing: run `npm ci --prefix tests/browser` (what .ci/run does)"
    );
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "Debian's chromium is missing: run `apt-get install chromium` (what .ci/run does)"
    );
}

/// The bundled portal built into a temp folder with `base_url`.
fn built_portal(base_url: &str) -> PathBuf {
    built_portal_with(base_url, &[])
}

fn built_portal_with(base_url: &str, extra: &[&str]) -> PathBuf {
    build_site(&portal_copy(), base_url, extra)
}

/// The site in `dir` built with `base_url` at the tests' fixed date; its
/// output folder.
fn build_site(dir: &Path, base_url: &str, extra: &[&str]) -> PathBuf {
    let out = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["build", "--quiet", "--base-url", base_url])
        .args(extra)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("public")
}

const PAGES: &[&str] = &[
    "",
    "bai-viet/",
    "bai-viet/ai-duoc-tro-giup-phap-ly/",
    "chuyen-muc/tro-giup-phap-ly/",
    "the/",
    "gioi-thieu/",
    "ke-hoach/",
    "ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/",
    "ke-hoach/chuong-trinh-phong-chong-ma-tuy-tan-chau-2022/",
    "ke-hoach/nam/2026/",
    "ke-hoach/can-cu/",
    "ke-hoach/bao-cao/",
    "ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/bao-cao/",
    "don-vi/",
    "don-vi/cong-an-xa-thanh-mien/",
    "tim-kiem/",
    "chien-dich/",
    "chien-dich/thang-hanh-dong-phong-chong-ma-tuy-2027/",
    "chien-dich/thang-hanh-dong-phong-chong-ma-tuy-2027/ap-phich/",
    "van-ban/",
    "van-ban/73-2021-qh14/",
    // The English basic information (NĐ 42/2022).
    "en/",
    "en/gioi-thieu/",
    "en/lien-he/",
    "en/bai-viet/tro-giup-phap-ly-la-gi/",
    "khong-co-trang-nay/",
];

fn run_browser(
    public: &Path,
    prefix: &str,
    artifacts: &str,
    offline: Option<&Path>,
) -> serde_json::Value {
    let screenshots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("browser-artifacts")
        .join(artifacts);
    let config = serde_json::json!({
        "root": public,
        "prefix": prefix,
        "pages": PAGES,
        "widths": [390, 1280],
        "screenshots": screenshots,
        "searches": [
            {"page": "tim-kiem/", "query": "cai nghien"},
            {"page": "tim-kiem/", "query": "duong day nong"},
            {"page": "tim-kiem/", "query": "Tro giup phap ly mien phi"},
            // Decomposed Unicode, as some keyboards type it.
            {"page": "tim-kiem/", "query": "cai nghie\u{0323}\u{0302}n"},
            {"page": "", "query": "cong an xa", "width": 1280},
            {"page": "tim-kiem/", "query": "thang hanh dong"},
            {"page": "tim-kiem/", "query": "tro giup phap ly"},
            // The same, decomposed, with its tone marks.
            {"page": "tim-kiem/", "query": "tro\u{0323} giu\u{0301}p pha\u{0301}p ly\u{0301}"},
        ],
        "noJsPage": "tim-kiem/",
        "printPages": ["bai-viet/ai-duoc-tro-giup-phap-ly/", "ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/"],
        "qrPages": ["bai-viet/ai-duoc-tro-giup-phap-ly/", "chien-dich/thang-hanh-dong-phong-chong-ma-tuy-2027/ap-phich/"],
        "keyboardPages": ["", "bai-viet/ai-duoc-tro-giup-phap-ly/", "ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/"],
        "zoomPages": ["", "bai-viet/cach-yeu-cau-tro-giup-phap-ly/", "ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/", "tim-kiem/"],
        "offline": offline,
    });
    run_browser_with(public, config)
}

/// Runs tests/browser/run.mjs with `config` (its `root` and `prefix` set
/// here) on the site in `public`.
fn run_browser_with(public: &Path, mut config: serde_json::Value) -> serde_json::Value {
    require_tools();
    config["root"] = serde_json::json!(public);
    if config.get("prefix").is_none() {
        config["prefix"] = serde_json::json!("/");
    }
    let out = Command::new("node")
        .arg(browser_dir().join("run.mjs"))
        .arg(config.to_string())
        .current_dir(browser_dir())
        .output()
        .expect("node should start");
    assert!(
        out.status.success(),
        "run.mjs failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("run.mjs prints a JSON report")
}

/// The titles found for `query`.
fn search_titles(report: &serde_json::Value, query: &str) -> Vec<String> {
    let search = report["searches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["query"] == query)
        .expect("search was run");
    assert!(
        search["consoleErrors"].as_array().unwrap().is_empty(),
        "{search}"
    );
    assert!(
        search["external"].as_array().unwrap().is_empty(),
        "{search}"
    );
    search["titles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

fn assert_search_works(report: &serde_json::Value) {
    let found = search_titles(report, "cai nghien");
    assert!(found.iter().any(|t| t == "Nơi hỗ trợ cai nghiện ma túy và hỗ trợ sau cai nghiện tại xã Thanh Miện"), "{found:?}");
    let found = search_titles(report, "duong day nong");
    assert!(
        found
            .first()
            .is_some_and(|t| t.contains("Xây dựng đường dây nóng")),
        "{found:?}"
    );
    // Typed without tone marks, the best matches hold the whole phrase.
    let found = search_titles(report, "Tro giup phap ly mien phi");
    assert!(found.len() >= 3, "{found:?}");
    for title in found.iter().take(3) {
        assert!(title.contains("trợ giúp pháp lý miễn phí"), "{found:?}");
    }
    assert!(
        found
            .iter()
            .any(|t| t == "Trợ giúp pháp lý là gì? Người dân có phải trả tiền không?"),
        "{found:?}"
    );
    let nfd = search_titles(report, "cai nghie\u{0323}\u{0302}n");
    assert_eq!(nfd, search_titles(report, "cai nghien"));
    // The header's search box on the home page leads to the results.
    let found = search_titles(report, "cong an xa");
    assert!(
        found.iter().any(|t| t == "Công an xã Thanh Miện"),
        "{found:?}"
    );
    let found = search_titles(report, "thang hanh dong");
    assert!(
        found
            .iter()
            .any(|t| t == "Tháng hành động phòng, chống ma túy năm 2027"),
        "campaigns are searchable: {found:?}"
    );
    // A title that holds the query as a phrase ranks above pages that only
    // mention it, typed without tone marks or in decomposed Unicode.
    for query in [
        "tro giup phap ly",
        "tro\u{0323} giu\u{0301}p pha\u{0301}p ly\u{0301}",
    ] {
        let found = search_titles(report, query);
        assert!(
            found
                .iter()
                .take(3)
                .any(|t| t == "Trợ giúp pháp lý là gì? Người dân có phải trả tiền không?"),
            "{query}: {found:?}"
        );
    }
    // On a phone, the first result shows without scrolling.
    for search in report["searches"].as_array().unwrap() {
        if search["width"] == 390 {
            let bottom = search["firstBottom"].as_f64().expect("a first result");
            let screen = search["screen"].as_f64().unwrap();
            assert!(
                bottom <= screen,
                "the first result is below the screen: {search}"
            );
        }
    }
    let no_js = report["noJsText"].as_str().unwrap();
    assert!(no_js.contains("đang tắt JavaScript"), "{no_js}");
    assert!(
        no_js.contains("Chuyên mục") && no_js.contains("Đơn vị"),
        "{no_js}"
    );
}

/// Each QR code, as the browser draws it, reads back as the page's URL (a
/// poster's is its campaign's).
fn assert_qr_codes_read(report: &serde_json::Value) {
    let codes = report["qr"].as_array().unwrap();
    assert!(!codes.is_empty());
    for code in codes {
        let size = code["size"].as_u64().unwrap() as usize;
        let bits = code["bits"].as_str().unwrap().as_bytes();
        assert_eq!(bits.len(), size * size, "{code}");
        let scale = 4;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(size * scale, size * scale, |x, y| {
                if bits[(y / scale) * size + x / scale] == b'1' {
                    0
                } else {
                    255
                }
            });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code: {code}");
        let text = grids[0].decode().expect("a readable QR code").1;
        assert_eq!(text, code["canonical"].as_str().unwrap(), "{code}");
    }
}

fn assert_print_works(report: &serde_json::Value) {
    let print = report["print"].as_array().expect("print checks ran");
    assert_eq!(print.len(), 2);
    for p in print {
        assert_eq!(p["printed"], 1, "the button prints with JavaScript: {p}");
        assert_eq!(
            p["hash"], "#cach-in",
            "without JavaScript it leads to the instructions: {p}"
        );
        assert_eq!(p["help"], true, "{p}");
    }
}

fn assert_clean(report: &serde_json::Value) {
    let mut problems = Vec::new();
    for page in report["pages"].as_array().unwrap() {
        let at = format!("{} @ {} px", page["path"], page["width"]);
        let expected = if page["path"] == "khong-co-trang-nay/" {
            404
        } else {
            200
        };
        if page["status"] != expected {
            problems.push(format!("{at}: HTTP {}", page["status"]));
        }
        for key in [
            "consoleErrors",
            "external",
            "failedRequests",
            "axe",
            "headingJumps",
        ] {
            if !page[key].as_array().unwrap().is_empty() {
                problems.push(format!("{at}: {key}: {}", page[key]));
            }
        }
        if page["h1"] != 1 {
            problems.push(format!("{at}: {} h1 elements", page["h1"]));
        }
        if page["overflow"] == true {
            problems.push(format!("{at}: the page scrolls sideways"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Whether every phone's fonts draw `c`: the scripts and signs of
/// Vietnamese text (Latin with its extensions and combining marks, general
/// punctuation, the đồng sign, simple arrows), and a glyph in Debian's
/// default fonts (fonts-dejavu-core), as fontconfig reports.
fn drawn_by_phone_fonts(c: char) -> bool {
    let common = matches!(u32::from(c),
        0x00A0..=0x024F | 0x0300..=0x036F | 0x1E00..=0x1EFF | 0x2000..=0x206F
            | 0x20AB | 0x2190..=0x2193);
    let out = Command::new("fc-list")
        .arg(format!(":charset={:x}", u32::from(c)))
        .arg("family")
        .output()
        .expect("fc-list should run (apt-get install fontconfig, what .ci/run does)");
    let families = String::from_utf8_lossy(&out.stdout);
    common
        && ["DejaVu Sans", "DejaVu Serif"]
            .iter()
            .any(|f| families.lines().any(|l| l.split(',').any(|n| n == *f)))
}

/// No page draws a character common phone fonts lack (an empty box).
fn assert_no_tofu(report: &serde_json::Value) {
    let mut seen = std::collections::BTreeSet::new();
    for page in report["pages"].as_array().unwrap() {
        seen.extend(page["glyphs"].as_str().unwrap().chars());
    }
    assert!(
        seen.contains(&'ệ'),
        "the pages' characters were collected: {seen:?}"
    );
    let missing: Vec<String> = seen
        .iter()
        .filter(|c| !drawn_by_phone_fonts(**c))
        .map(|c| format!("U+{:04X} {c}", u32::from(*c)))
        .collect();
    assert!(
        missing.is_empty(),
        "characters phone fonts may not draw: {missing:?}"
    );
}

#[test]
fn portal_at_the_root_is_clean_in_a_real_browser() {
    let public = built_portal("http://127.0.0.1/");
    let offline = built_portal_with("https://thanhmien.example/", &["--offline"]);
    let report = run_browser(&public, "/", "root", Some(&offline));
    assert_eq!(report["pages"].as_array().unwrap().len(), PAGES.len() * 2);
    assert_clean(&report);
    assert_search_works(&report);
    assert_print_works(&report);
    assert_qr_codes_read(&report);
    assert_no_tofu(&report);
    for k in report["keyboard"].as_array().unwrap() {
        assert_eq!(
            k["first"]["text"], "Chuyển đến nội dung chính",
            "the first Tab reaches the skip link: {k}"
        );
        assert_eq!(
            k["first"]["visible"], true,
            "the skip link shows when focused: {k}"
        );
        assert_ne!(k["first"]["outline"], "none", "focus is visible: {k}");
        assert_eq!(
            k["afterSkip"], "noi-dung",
            "the skip link moves focus to the main content: {k}"
        );
        assert_eq!(
            k["next"]["inMain"], true,
            "the next Tab stays in the main content: {k}"
        );
        assert_ne!(k["next"]["outline"], "none", "focus is visible: {k}");
    }
    for zoom in report["zoom"].as_array().unwrap() {
        assert_eq!(
            zoom["overflow"], false,
            "text at 200 % makes the page scroll sideways: {zoom}"
        );
    }
    let offline = &report["offline"];
    assert!(
        offline["articleUrl"]
            .as_str()
            .unwrap()
            .ends_with("/index.html"),
        "{offline}"
    );
    assert!(
        !offline["articleH1"].as_str().unwrap().is_empty(),
        "{offline}"
    );
    assert_eq!(
        offline["css"], "rgb(139, 26, 26)",
        "the stylesheet loads from disk: {offline}"
    );
    assert!(
        offline["errors"].as_array().unwrap().is_empty(),
        "{offline}"
    );
    // Browsers refuse fetch() from disk; the offline copy's index comes as scripts.
    assert!(
        offline["results"].as_u64().unwrap() > 0,
        "offline search finds nothing: {offline}"
    );
    assert!(
        offline["resultH1"].as_str().is_some_and(|h| !h.is_empty()),
        "a result opens from disk: {offline}"
    );
}

#[test]
fn portal_under_a_sub_path_is_clean_in_a_real_browser() {
    let public = built_portal("https://thanhmien.example/portal/");
    let report = run_browser(&public, "/portal/", "portal", None);
    assert_clean(&report);
    assert_search_works(&report);
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    require_tools();
    let public = built_portal("https://thanhmien.example/");
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() > 40, "{} pages", pages.len());
    assert_nu_clean(&pages);
}

/// Asserts that the Nu Html Checker finds no error in `pages`.
fn assert_nu_clean(pages: &[PathBuf]) {
    let jar = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .args(["-Xss8m", "-jar"])
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(pages)
        .output()
        .expect("java should start (install a JRE: apt-get install default-jre-headless)");
    let messages =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && messages.trim().is_empty(),
        "vnu found errors:\n{messages}"
    );
}

/// The bundled portal as a commune would publish it once its numbers are
/// filled in (fictitious numbers, for the test only), with a campaign that
/// runs all year round and has no messages or events.
fn portal_with_numbers() -> PathBuf {
    let dir = portal_copy();
    let config = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    let config = config
        .replace(
            "\"[Cần điền: đường dây nóng của xã]\"",
            "\"0220 3 999 113\"",
        )
        .replace(
            "\"[Cần điền: số điện thoại trực ban]\"",
            "\"0220.3999.114 hoặc 113\"",
        );
    assert!(config.contains("0220 3 999 113") && config.contains("113"));
    std::fs::write(dir.join("site.yaml"), config).unwrap();
    // An article as content moved in from a blog holds it: a long line of
    // code, an aligned table.
    std::fs::write(
        dir.join("content/bai-viet/ma-nguon.md"),
        format!(
            "---\ntitle: Tệp dữ liệu mẫu\ndate: 2026-05-01\ncategory: Trợ giúp pháp lý\n---\nDòng lệnh:\n\n```\n{}\n```\n\nBảng: Số liệu\n\n| Thôn | Số buổi |\n|:--|--:|\n| Thôn 1 | 12 |\n",
            "loa build --base-url https://thanhmien.example/ --out /duong/dan/rat/dai/toi/thu/muc/dau/ra/cua/cong/thong/tin"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("content/chien-dich/thuong-xuyen.md"),
        "---\ntitle: Không kỳ thị người sau cai nghiện\n---\nChiến dịch diễn ra thường xuyên trong năm.\n",
    )
    .unwrap();
    build_site(&dir, "https://thanhmien.example/", &[])
}

/// The posters printed: (name, campaign page).
const POSTERS: &[(&str, &str)] = &[
    (
        "thang-hanh-dong-2027",
        "chien-dich/thang-hanh-dong-phong-chong-ma-tuy-2027/",
    ),
    (
        "ngay-phap-luat-2026",
        "chien-dich/ngay-phap-luat-viet-nam-2026/",
    ),
    ("thuong-xuyen", "chien-dich/thuong-xuyen/"),
];

/// Sheets in a PDF, by its page objects.
fn sheets(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .chain(text.match_indices("/Type/Page"))
        .filter(|(at, m)| !text[at + m.len()..].starts_with('s'))
        .count()
}

/// The PDF's first page at 150 dots per inch, grey, as `pdftoppm` draws
/// it (poppler-utils, installed by .ci/run): (width, height, pixels).
fn rasterise(pdf: &Path) -> (usize, usize, Vec<u8>) {
    let out = Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-singlefile", "-f", "1"])
        .arg(pdf)
        .output()
        .expect("pdftoppm should run (apt-get install poppler-utils, what .ci/run does)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A binary PGM: "P5\n<width> <height>\n255\n" then one byte a pixel.
    let data = out.stdout;
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while data[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = data[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height);
    (width, height, pixels)
}

#[test]
fn posters_print_on_one_sheet_with_a_qr_code_that_scans() {
    let public = portal_with_numbers();
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-artifacts/paper");
    let posters: Vec<serde_json::Value> = POSTERS
        .iter()
        .map(|(name, page)| serde_json::json!({"name": name, "path": format!("{page}ap-phich/")}))
        .collect();
    let report = run_browser_with(
        &public,
        serde_json::json!({
            "pages": [], "widths": [], "screenshots": artifacts, "posters": posters,
        }),
    );
    let printed = report["posters"].as_array().unwrap();
    assert_eq!(printed.len(), POSTERS.len());
    for (poster, (name, page)) in printed.iter().zip(POSTERS) {
        assert_eq!(
            poster["overflow"], 0,
            "{name}: text cut off at the bottom: {poster}"
        );
        assert_eq!(
            poster["call"], "tel:02203999113",
            "{name}: the hotline to call: {poster}"
        );
        for format in ["A4", "A3"] {
            let file = PathBuf::from(poster["files"][format].as_str().unwrap());
            assert_eq!(
                sheets(&std::fs::read(&file).unwrap()),
                1,
                "{name} on {format}: one sheet"
            );
            let (width, height, pixels) = rasterise(&file);
            let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
                pixels[y * width + x]
            });
            let grids = image.detect_grids();
            assert_eq!(
                grids.len(),
                1,
                "{name} on {format}: one QR code found at 150 dpi"
            );
            let (_, text) = grids[0].decode().expect("the QR code decodes");
            assert_eq!(
                text,
                format!("https://thanhmien.example/{page}"),
                "{name} on {format}"
            );
            // Its side, at 150 dots per inch, without the quiet zone.
            let b = grids[0].bounds;
            let side = f64::from(b[1].x - b[0].x).hypot(f64::from(b[1].y - b[0].y));
            let cm = side / 150.0 * 2.54;
            assert!(
                cm >= 4.0,
                "{name} on {format}: the QR code is {cm:.1} cm wide"
            );
        }
    }
    // The bundled posters list their events; the year-round one has none.
    assert!(
        printed[0]["events"].as_u64().unwrap() >= 2,
        "{}",
        printed[0]
    );
    assert_eq!(printed[2]["events"], 0);
}

/// One printed page as `pdftotext -bbox` reads it: its height and its lines
/// (words on the same baseline joined), top to bottom, with their bottoms.
struct PrintedPage {
    height: f64,
    lines: Vec<(f64, String)>,
}

fn printed_pages(pdf: &Path) -> Vec<PrintedPage> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext should run (apt-get install poppler-utils, what .ci/run does)");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let number = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<page ")
        .skip(1)
        .map(|page| {
            let height = number(page, "height");
            let mut words: Vec<(f64, f64, f64, String)> = page
                .split("<word ")
                .skip(1)
                .map(|w| {
                    let text = w.split('>').nth(1).unwrap().split('<').next().unwrap();
                    (
                        number(w, "yMin"),
                        number(w, "yMax"),
                        number(w, "xMin"),
                        text.to_string(),
                    )
                })
                .collect();
            words.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.total_cmp(&b.2)));
            let mut lines: Vec<(f64, f64, String)> = Vec::new();
            for (top, bottom, _, text) in words {
                match lines.last_mut() {
                    Some(line) if (top - line.0).abs() < 3.0 => {
                        line.1 = line.1.max(bottom);
                        line.2 = format!("{} {text}", line.2);
                    }
                    _ => lines.push((top, bottom, text)),
                }
            }
            PrintedPage {
                height,
                lines: lines
                    .into_iter()
                    .map(|(_, bottom, text)| (bottom, text))
                    .collect(),
            }
        })
        .collect()
}

const LEAFLETS: &[&str] = &[
    "bai-viet/ai-duoc-tro-giup-phap-ly/",
    "bai-viet/cach-yeu-cau-tro-giup-phap-ly/",
    "bai-viet/tro-giup-phap-ly-la-gi/",
    "bai-viet/noi-ho-tro-cai-nghien-ma-tuy/",
    "bai-viet/luat-phong-chong-ma-tuy-2025/",
    "chien-dich/thang-hanh-dong-phong-chong-ma-tuy-2027/",
    "ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/",
];

#[test]
fn leaflets_and_plans_print_on_full_numbered_pages() {
    let public = portal_with_numbers();
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-artifacts/paper");
    let report = run_browser_with(
        &public,
        serde_json::json!({"pages": [], "widths": [], "screenshots": artifacts, "leaflets": LEAFLETS}),
    );
    let leaflets = report["leaflets"].as_array().unwrap();
    assert_eq!(leaflets.len(), LEAFLETS.len());
    for leaflet in leaflets {
        let path = leaflet["path"].as_str().unwrap();
        let pages = printed_pages(Path::new(leaflet["file"].as_str().unwrap()));
        let headings: Vec<String> = leaflet["headings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                h.as_str()
                    .unwrap()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert!(!pages.is_empty(), "{path}");
        for (n, page) in pages.iter().enumerate() {
            let last = n + 1 == pages.len();
            let (bottom, text) = page.lines.last().unwrap();
            // No page but the last left half empty: the text reaches at
            // least three quarters down the sheet (the bottom margin is 20 mm).
            if !last {
                assert!(
                    bottom / page.height >= 0.75,
                    "{path}: page {} of {} ends at {:.0} % of the sheet with {text:?}",
                    n + 1,
                    pages.len(),
                    bottom / page.height * 100.0
                );
                assert!(
                    !headings.iter().any(|h| h.ends_with(text.as_str())),
                    "{path}: page {} ends with the heading {text:?}",
                    n + 1
                );
            }
            // Numbered at the top from page 2, as Nghị định 30/2020 sets.
            let first = &page.lines[0].1;
            if n == 0 {
                assert_ne!(first, "1", "{path}: page 1 carries no number");
            } else {
                assert_eq!(
                    first,
                    &(n + 1).to_string(),
                    "{path}: page {} is numbered",
                    n + 1
                );
            }
        }
        // Articles and campaigns end with the QR code and the page's address.
        if !path.starts_with("ke-hoach/") {
            let last = pages.last().unwrap();
            let text: String = last
                .lines
                .iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            // The address may break across lines at a hyphen.
            let joined = text.replace(' ', "");
            assert!(
                text.contains("Quét mã bằng camera điện thoại")
                    && joined.contains(&format!("https://thanhmien.example/{path}")),
                "{path}: the QR code's lines are on the last page: {text}"
            );
        }
        assert!(
            leaflet["headingMin"].as_f64().unwrap() >= leaflet["bodyMax"].as_f64().unwrap(),
            "{path}: a heading is smaller than the text in print: {leaflet}"
        );
    }
    // The 2-page articles of the bundled portal: as few sheets as the text needs.
    let sheets = |path: &str| {
        let leaflet = leaflets.iter().find(|l| l["path"] == path).unwrap();
        printed_pages(Path::new(leaflet["file"].as_str().unwrap())).len()
    };
    assert_eq!(sheets("bai-viet/ai-duoc-tro-giup-phap-ly/"), 2);
    assert_eq!(sheets("bai-viet/tro-giup-phap-ly-la-gi/"), 2);
}

const PLAN_PAGES: &[&str] = &[
    "ke-hoach/tgpl-ctmtqg-ma-tuy-thanh-mien-2026/",
    "ke-hoach/chuong-trinh-phong-chong-ma-tuy-tan-chau-2022/",
    "ke-hoach/du-an-cai-nghien-phong-ngua-thi-tran-thanh-mien-2023-2025/",
];

#[test]
fn plans_and_phone_numbers_work_on_a_phone() {
    let public = portal_with_numbers();
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-artifacts/phone");
    let phone_pages = [PLAN_PAGES, &["bai-viet/ma-nguon/"]].concat();
    let report = run_browser_with(
        &public,
        serde_json::json!({"pages": [], "widths": [], "screenshots": artifacts,
            "phonePages": phone_pages, "phoneWidths": [390, 320], "callPage": "",
            "plainTexts": ["bai-viet/ai-duoc-tro-giup-phap-ly/loa.txt", "chien-dich/thang-hanh-dong-phong-chong-ma-tuy-2027/loa.txt"]}),
    );
    let phone = report["phone"].as_array().unwrap();
    assert_eq!(phone.len(), (PLAN_PAGES.len() + 1) * 2);
    for page in phone {
        let at = format!("{} @ {} px", page["path"], page["width"]);
        assert!(
            page["small"].as_array().unwrap().is_empty(),
            "{at}: text under 11 px: {}",
            page["small"]
        );
        assert_eq!(
            page["scrollWidth"], page["innerWidth"],
            "{at}: the page is wider than the screen"
        );
        if !page["path"].as_str().unwrap().starts_with("ke-hoach/") {
            continue; // the article: its code scrolls within itself
        }
        assert_eq!(
            page["taskRows"], "block",
            "{at}: the tasks are a list, one block per task"
        );
        assert_eq!(page["narrowTimeline"], true, "{at}");
        assert_eq!(page["wideTimeline"], false, "{at}");
        let jump = page["jump"].as_array().unwrap();
        assert!(
            jump.iter().any(|j| j == "#toan-van"),
            "{at}: a way to the full text: {jump:?}"
        );
        assert_eq!(page["back"], "#tom-tat", "{at}: and back");
    }
    // loa.txt reads right from a server that names no charset (a spreadsheet
    // reads the CSV files by their byte-order mark: plans.rs).
    for plain in report["plain"].as_array().unwrap() {
        let path = plain["path"].as_str().unwrap();
        let file = std::fs::read_to_string(public.join(path)).unwrap();
        let first_line = file.trim_start_matches('\u{feff}').lines().next().unwrap();
        let shown = plain["shown"].as_str().unwrap();
        assert!(
            shown.starts_with(first_line.trim()),
            "{path} without a charset shows {:?}, not {first_line:?}",
            shown.chars().take(80).collect::<String>()
        );
    }
    // The hotline on the home page, on a phone: a link a phone can call, in view.
    let call = &report["call"];
    assert_eq!(call["href"], "tel:02203999113", "{call}");
    assert_eq!(call["text"], "0220 3 999 113", "{call}");
    assert!(
        call["bottom"].as_f64().unwrap() <= call["screen"].as_f64().unwrap(),
        "{call}"
    );
    // Every number shown is a link that dials its digits; the text keeps its spaces.
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(
        home.contains(
            "<a href=\"tel:02203999114\">0220.3999.114</a> hoặc <a href=\"tel:113\">113</a>"
        ),
        "help contacts: {home}"
    );
    for entry in walkdir::WalkDir::new(&public) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(&path).unwrap();
        for (at, _) in html.match_indices("href=\"tel:") {
            let number: String = html[at + 10..].chars().take_while(|c| *c != '"').collect();
            assert!(
                !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '+'),
                "{}: tel:{number}",
                path.display()
            );
        }
        assert!(
            !html.contains(">0220 3 999 113<") || html.contains("tel:02203999113"),
            "{}",
            path.display()
        );
    }
}

/// Photos on a phone (issue 21, point 4): at 390 px and 3 device pixels to
/// a CSS pixel, every image the article's page downloads is a WebP version
/// under 250 KB (the originals are several MB), each is shown, and the
/// page does not move as they load (their size is in the page). The page
/// passes the Nu checker.
#[test]
fn photos_on_a_phone_are_small_and_do_not_move_the_page() {
    require_tools();
    let dir = crate::support::fresh_dir();
    crate::support::copy_dir(&crate::support::fixture_path("basic"), &dir);
    let mut originals = 0;
    for (name, width, height, format) in [
        ("hoi-nghi.png", 3000, 2000, image::ImageFormat::Png),
        ("tu-van.jpg", 4000, 3000, image::ImageFormat::Jpeg),
    ] {
        let bytes = crate::support::photo_bytes(width, height, format);
        originals = originals.max(bytes.len());
        std::fs::create_dir_all(dir.join("static/anh")).unwrap();
        std::fs::write(dir.join("static/anh").join(name), bytes).unwrap();
    }
    assert!(originals > 2_000_000, "several MB: {originals}");
    std::fs::write(
        dir.join("content/bai-viet/anh-hoat-dong.md"),
        "---\ntitle: Ảnh hoạt động\ndate: 2026-01-02\nimage: /anh/tu-van.jpg\nimage_alt: Buổi tư vấn\n---\nĐoạn mở đầu.\n\n![Hội nghị triển khai](/anh/hoi-nghi.png)\n\nĐoạn giữa.\n\n![Buổi tư vấn tại thôn](/anh/tu-van.jpg)\n\nĐoạn cuối.\n",
    )
    .unwrap();
    let public = build_site(&dir, "https://mau.example/", &[]);
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-artifacts/photos");
    let report = run_browser_with(
        &public,
        serde_json::json!({"pages": [], "widths": [], "screenshots": artifacts,
            "photoPages": ["bai-viet/anh-hoat-dong/"]}),
    );
    let photos = &report["photos"][0];
    let images: Vec<&serde_json::Value> = photos["images"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["url"].as_str().unwrap().contains("/anh/"))
        .collect();
    assert!(images.len() >= 2, "{photos}");
    for image in &images {
        let url = image["url"].as_str().unwrap();
        assert_eq!(image["type"], "image/webp", "{url}");
        assert!(
            url.ends_with(".1200.webp"),
            "3× of 358 px takes the 1200: {url}"
        );
        let bytes = image["bytes"].as_u64().unwrap();
        assert!(bytes > 0 && bytes <= 250 * 1024, "{url}: {bytes} bytes");
    }
    for shown in photos["shown"].as_array().unwrap() {
        assert_eq!(shown["complete"], true, "{shown}");
        assert!(
            shown["src"].as_str().unwrap().ends_with(".1200.webp"),
            "{shown}"
        );
        assert!(shown["width"].as_u64().unwrap() > 0, "drawn: {shown}");
    }
    assert_eq!(
        photos["shift"].as_f64().unwrap(),
        0.0,
        "the page moved as the photos loaded"
    );
    assert_nu_clean(&[public.join("bai-viet/anh-hoat-dong/index.html")]);
}

/// Search in a script that is not Latin keeps its characters (issue 22,
/// point 2): a Khmer word is found whole, with its vowel signs, and the
/// same consonants without them find nothing; Vietnamese still folds.
#[test]
fn search_keeps_the_characters_of_other_scripts() {
    require_tools();
    let dir = crate::support::fresh_dir();
    crate::support::copy_dir(&crate::support::fixture_path("basic"), &dir);
    std::fs::write(
        dir.join("content/bai-viet/tro-giup-km.md"),
        "---\ntitle: ជំនួយផ្លូវច្បាប់ ឥតគិតថ្លៃ\ndate: 2026-01-02\n---\n::: {lang=km}\nជំនួយផ្លូវច្បាប់ ឥតគិតថ្លៃ សម្រាប់ប្រជាជន។\n:::\n",
    )
    .unwrap();
    let public = build_site(&dir, "https://mau.example/", &[]);
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-artifacts/khmer");
    let report = run_browser_with(
        &public,
        serde_json::json!({"pages": [], "widths": [], "screenshots": artifacts,
        "searches": [
            {"page": "tim-kiem/", "query": "ឥតគិតថ្លៃ"},
            {"page": "tim-kiem/", "query": "ឥតគតថល"},
            {"page": "tim-kiem/", "query": "tro giup"},
        ]}),
    );
    let title = "ជំនួយផ្លូវច្បាប់ ឥតគិតថ្លៃ";
    assert!(
        search_titles(&report, "ឥតគិតថ្លៃ").iter().any(|t| t == title),
        "{report}"
    );
    assert!(
        !search_titles(&report, "ឥតគតថល").iter().any(|t| t == title),
        "{report}"
    );
    assert!(!search_titles(&report, "tro giup").is_empty(), "{report}");
}

/// The English pages of a site in Vietnamese and English (issue 22): clean
/// in Chromium at 390 and 1280 px (axe, no console error, no request
/// elsewhere, one h1, nothing wider than the screen), the language switch
/// leads to the Vietnamese page, and the Nu checker finds no error.
#[test]
fn english_pages_are_clean_in_a_real_browser() {
    require_tools();
    let dir = crate::support::fresh_dir();
    crate::support::copy_dir(&crate::support::fixture_path("basic"), &dir);
    let config = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    std::fs::write(
        dir.join("site.yaml"),
        format!("{config}languages:\n  - code: en\n    name: English\n    title: Mau Commune portal\n    description: Information of the People's Committee of Mau Commune.\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("content/bai-viet/tro-giup-phap-ly.en.md"),
        "---\ntitle: Free legal aid\ndate: 2026-04-12\ncategories: [Legal aid]\ntags: [rights]\n---\nLegal aid is free for the people the law names.\n\n## Who is eligible\n\nPeople in poor households, among others.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("content/trang/gioi-thieu.en.md"),
        "---\ntitle: About the commune\n---\nThe People's Committee of Mau Commune.\n",
    )
    .unwrap();
    let public = build_site(&dir, "https://mau.example/", &[]);
    let pages = [
        "en/",
        "en/bai-viet/",
        "en/bai-viet/tro-giup-phap-ly/",
        "en/gioi-thieu/",
        "en/chuyen-muc/",
        "en/the/rights/",
        "en/tim-kiem/",
    ];
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-artifacts/english");
    let report = run_browser_with(
        &public,
        serde_json::json!({"pages": pages, "widths": [390, 1280], "screenshots": artifacts,
            "searches": [{"page": "en/tim-kiem/", "query": "legal aid"}]}),
    );
    assert_clean(&report);
    assert_eq!(
        search_titles(&report, "legal aid")
            .first()
            .map(String::as_str),
        Some("Free legal aid"),
        "{report}"
    );
    let html: Vec<PathBuf> = pages
        .iter()
        .map(|p| public.join(p).join("index.html"))
        .collect();
    assert_nu_clean(&html);
}
