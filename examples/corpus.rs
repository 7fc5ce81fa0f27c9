//! Writes a realistic generated site for benchmarks: Vietnamese articles with
//! front matter, tags and categories, links between them and tables, plus
//! plans and a unit registry.
//!
//!     cargo run --release --example corpus -- DIR [ARTICLES] [PLANS]
//!
//! The same arguments always give the same files.

use std::fmt::Write as _;
use std::path::Path;

/// Syllables of the bundled articles, to make text that reads like Vietnamese.
const WORDS: &str = "trợ giúp pháp lý miễn phí người dân được quyền hỗ trợ ma túy cai nghiện \
    gia đình cộng đồng công an xã trạm y tế ủy ban nhân dân kế hoạch nhiệm vụ thời gian thực hiện \
    đơn vị chủ trì phối hợp tuyên truyền phổ biến giáo dục pháp luật phòng chống tác hại sức khỏe \
    thanh thiếu niên kỹ năng từ chối đường dây nóng tư vấn điều trị methadone sau cai hòa nhập \
    việc làm học nghề vay vốn hội liên hiệp phụ nữ đoàn thanh niên cựu chiến binh hồ sơ đơn yêu cầu \
    giấy tờ chứng minh hộ nghèo trẻ em người khuyết tật người cao tuổi nạn nhân bạo lực";

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Rng, words: &[&str], len: usize) -> String {
    let mut s: Vec<&str> = (0..len).map(|_| words[rng.below(words.len())]).collect();
    let first = s[0].to_string();
    let mut c = first.chars();
    let capital: String = c
        .next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default();
    s[0] = &capital;
    format!("{}.", s.join(" "))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(args.first().map(String::as_str).unwrap_or("corpus"));
    let articles: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let plans: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10);
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut rng = Rng(42);
    let write = |rel: &str, text: &str| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
        std::fs::write(path, text).expect("write file");
    };
    write(
        "site.yaml",
        "title: Cổng thông tin điện tử xã Mẫu\ndescription: Trang thử hiệu năng.\nbase_url: https://xa-mau.example/\nissuer:\n  name: Ủy ban nhân dân xã Mẫu\nmenu:\n  - label: Trang chủ\n    url: /\n  - label: Bài viết\n    url: /bai-viet/\n  - label: Kế hoạch\n    url: /ke-hoach/\narticles_per_page: 10\n",
    );
    let categories = [
        "Trợ giúp pháp lý",
        "Phòng, chống ma túy",
        "Cai nghiện",
        "Gia đình",
        "Thanh niên",
        "Tin hoạt động",
    ];
    for i in 0..articles {
        let mut text = String::new();
        let tags: Vec<String> = (0..3)
            .map(|_| format!("chủ đề {}", rng.below(40)))
            .collect();
        let _ = write!(
            text,
            "---\ntitle: \"{} số {i}\"\ndate: {}-{:02}-{:02}\ncategory: {}\ntags: [{}]\nsummary: \"{}\"\n---\n\n",
            sentence(&mut rng, &words, 6).trim_end_matches('.'),
            2020 + i % 7,
            i % 12 + 1,
            i % 28 + 1,
            categories[rng.below(categories.len())],
            tags.join(", "),
            sentence(&mut rng, &words, 18)
        );
        for section in 0..4 {
            let _ = writeln!(
                text,
                "## Phần {section}: {}\n",
                sentence(&mut rng, &words, 5).trim_end_matches('.')
            );
            for _ in 0..3 {
                let paragraph: Vec<String> =
                    (0..4).map(|_| sentence(&mut rng, &words, 14)).collect();
                let _ = writeln!(text, "{}\n", paragraph.join(" "));
            }
        }
        if i > 0 {
            let _ = writeln!(
                text,
                "Xem thêm [bài số {}](@/bai-viet/{:03}/bai-{:05}.md).\n",
                i - 1,
                (i - 1) / 1000,
                i - 1
            );
        }
        let _ = writeln!(
            text,
            "Bảng: Lịch thực hiện\n\n| Nội dung | Thời gian |\n|---|---|\n| {} | Quý {} năm 2026 |",
            sentence(&mut rng, &words, 6),
            i % 4 + 1
        );
        write(
            &format!("content/bai-viet/{:03}/bai-{i:05}.md", i / 1000),
            &text,
        );
    }
    write(
        "content/don-vi.yaml",
        "- id: van-phong\n  name: Văn phòng HĐND và UBND xã\n  level: xa\n- id: cong-an-xa\n  name: Công an xã\n  aliases: [Công an cấp xã]\n  level: xa\n- id: tram-y-te\n  name: Trạm Y tế xã\n  level: xa\n",
    );
    for p in 0..plans {
        let mut text = format!(
            "number: {}/KH-UBND\nissuer: {{name: Ủy ban nhân dân xã Mẫu, level: xa}}\nplace: Mẫu\nissued: 2026-0{}-1{}\ntitle: \"Kế hoạch {} số {p}\"\ntopics: [phong-chong-ma-tuy]\nbody:\n  - number: I.\n    title: MỤC ĐÍCH\n    role: purposes\n    text: \"{}\"\n  - number: II.\n    title: NHIỆM VỤ\n    role: tasks\n    items:\n",
            p + 1,
            p % 9 + 1,
            p % 10,
            sentence(&mut rng, &words, 5).trim_end_matches('.'),
            sentence(&mut rng, &words, 20)
        );
        for t in 0..8 {
            let _ = write!(
                text,
                "      - number: \"{}.\"\n        text: \"{}\"\n        lead: Văn phòng HĐND và UBND xã.\n        partners: Công an xã; Trạm Y tế xã.\n        timeframe: Từ Quý {} năm 2026 đến năm 2030.\n        outputs: \"{}\"\n",
                t + 1,
                sentence(&mut rng, &words, 16),
                ["I", "II", "III", "IV"][t % 4],
                sentence(&mut rng, &words, 8)
            );
        }
        write(&format!("content/ke-hoach/ke-hoach-{p:03}.yaml"), &text);
    }
    eprintln!(
        "{articles} bài viết và {plans} kế hoạch trong {}",
        dir.display()
    );
}
