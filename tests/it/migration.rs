//! Content copied in from Hugo and Jekyll sites (issue 21): what their file
//! names mean is kept.

use crate::support::Site;

#[test]
fn jekyll_names_give_date_and_slug_and_hugo_bundles_their_folder() {
    let site = Site::fixture("basic");
    // Jekyll: the date and the slug in the name; no `date` in front matter.
    site.write(
        "content/bai-viet/2017-09-22-ngay-hoi-phap-luat.md",
        "---\ntitle: Ngày hội pháp luật\nlayout: post\n---\nChữ.\n",
    );
    // A date in front matter wins over the name's, as in Jekyll.
    site.write(
        "content/bai-viet/2018-01-01-tu-van.md",
        "---\ntitle: Tư vấn\ndate: 2018-03-05\n---\nChữ.\n",
    );
    // Hugo page bundles: each `index.md` is its folder.
    site.write(
        "content/bai-viet/cai-nghien/index.md",
        "---\ntitle: Cai nghiện\ndate: 2026-01-02\n---\nChữ.\n",
    );
    site.write(
        "content/bai-viet/sau-cai/index.md",
        "---\ntitle: Sau cai nghiện\ndate: 2026-01-03\n---\nChữ.\n",
    );
    // Translations and section pages: not published, said once.
    site.write(
        "content/bai-viet/cai-nghien/index.en.md",
        "---\ntitle: Drug treatment\ndate: 2026-01-02\n---\nText.\n",
    );
    site.write(
        "content/bai-viet/tu-van.en.md",
        "---\ntitle: Counselling\ndate: 2026-01-02\n---\nText.\n",
    );
    site.write(
        "content/bai-viet/_index.md",
        "---\ntitle: Tin tức\n---\nMục tin.\n",
    );
    let out = site.loa(&["build", "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = site.read("public/bai-viet/ngay-hoi-phap-luat/index.html");
    assert!(page.contains("datetime=\"2017-09-22"), "{page}");
    let page = site.read("public/bai-viet/tu-van/index.html");
    assert!(page.contains("datetime=\"2018-03-05"), "{page}");
    assert!(site
        .read("public/bai-viet/cai-nghien/index.html")
        .contains("Cai nghiện"));
    assert!(site
        .read("public/bai-viet/sau-cai/index.html")
        .contains("Sau cai nghiện"));
    assert!(!site.exists("public/bai-viet/index/index.html"));
    assert!(!site
        .read("public/bai-viet/index.html")
        .contains("Drug treatment"));
    assert_eq!(
        out.stderr
            .matches("chưa được đăng: loa chưa dựng trang nhiều ngôn ngữ")
            .count(),
        1,
        "one warning for all translations: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains("content/bai-viet/cai-nghien/index.en.md: cảnh báo: 2 bản dịch (tệp như `ten-bai.en.md`, ngôn ngữ: en) chưa được đăng"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "content/bai-viet/_index.md: cảnh báo: trang mục `_index.md` của Hugo chưa được dùng"
        ),
        "{}",
        out.stderr
    );
}
