//! Documents made by a real office suite for the importer's tests:
//! LibreOffice (Debian's `libreoffice-writer-nogui`, installed by .ci/run)
//! writes the Word, OpenDocument, PDF and old .doc files from sources the
//! tests compose — the seed plans laid out as a commune types them, and a
//! plan with Word's automatic numbering, header and signature tables, a
//! footnote and an image.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support::fixture_path;

/// Where the documents are, made once per test run.
pub fn documents() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(make_documents)
}

/// The issuer block each seed's document gets (the seed texts start at
/// "Số:"; a Word file has the block in its header table).
const ISSUERS: [(&str, &str); 3] = [
    ("000-tgpl-thanh-mien-2026", "XÃ THANH MIỆN"),
    ("001-cai-nghien-thi-tran-thanh-mien", "THỊ TRẤN THANH MIỆN"),
    ("003-tan-chau-2022", "HUYỆN TÂN CHÂU"),
];

fn make_documents() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("office-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut sources = Vec::new();
    for (seed, issuer) in ISSUERS {
        let path = dir.join(format!("{seed}.fodt"));
        std::fs::write(&path, seed_document(seed, issuer)).unwrap();
        sources.push(path);
    }
    let rich = dir.join("day-du.fodt");
    std::fs::write(&rich, RICH_PLAN.replace("{png}", &png_base64())).unwrap();
    sources.push(rich.clone());
    let article = dir.join("bai-viet.fodt");
    std::fs::write(&article, ARTICLE.replace("{png}", &png_base64())).unwrap();
    sources.push(article);

    convert(&dir, "docx:MS Word 2007 XML", &sources);
    convert(&dir, "odt", &sources);
    let docx: Vec<PathBuf> = sources.iter().map(|s| s.with_extension("docx")).collect();
    convert(&dir, "pdf", &docx);
    // An old binary Word file, a scan (a picture of text, no text layer)
    // and a PDF sealed with a password.
    convert(&dir, "doc:MS Word 97", std::slice::from_ref(&rich));
    let scan = dir.join("ban-chup.html");
    std::fs::write(
        &scan,
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"></head><body><p><img src=\"data:image/png;base64,{}\" width=\"600\" height=\"800\"></p></body></html>",
            png_base64()
        ),
    )
    .unwrap();
    convert(&dir, "pdf", &[scan]);
    let sealed = dir.join("mat-khau");
    std::fs::create_dir_all(&sealed).unwrap();
    convert(
        &sealed,
        r#"pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"matkhau"}}"#,
        &[rich],
    );
    dir
}

/// Runs LibreOffice headless: `sources` → `format` in `out`.
fn convert(out: &Path, format: &str, sources: &[PathBuf]) {
    let profile = out.join(format!("profile-{}", format.len()));
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(out)
        .args(sources)
        .output()
        .expect("LibreOffice (soffice) is installed by .ci/run");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    for s in sources {
        let ext = format.split(':').next().unwrap();
        let made = out.join(s.file_stem().unwrap()).with_extension(ext);
        assert!(
            made.exists(),
            "LibreOffice did not write {}",
            made.display()
        );
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A seed as a commune's Word file: the issuer block and motto in a
/// borderless two-column table, "KẾ HOẠCH", the trích yếu and the body as
/// typed (numbers typed by hand, as many communes do), "Nơi nhận" and the
/// signature side by side in a table.
fn seed_document(seed: &str, issuer: &str) -> String {
    let raw = std::fs::read(fixture_path(&format!("seeds/{seed}.txt"))).unwrap();
    // Paragraphs as the seed's own text has them (its PDF line breaks
    // rejoined by the same reader a text import uses).
    let paragraphs: Vec<String> = loa::import::read::read_document("seed.txt", &raw)
        .unwrap()
        .paragraphs
        .into_iter()
        .map(|p| p.text)
        .collect();
    let heading = paragraphs.iter().position(|p| p == "KẾ HOẠCH").unwrap_or(0);
    let recipients = paragraphs
        .iter()
        .position(|p| p.starts_with("Nơi nhận"))
        .unwrap();
    let signature = paragraphs[recipients..]
        .iter()
        .position(|p| !p.starts_with('-') && !p.starts_with("Nơi nhận"))
        .map(|n| recipients + n)
        .unwrap();
    let (number, date) =
        paragraphs[..heading]
            .iter()
            .fold((String::new(), String::new()), |(n, d), p| {
                if p.starts_with("Số") {
                    (p.clone(), d)
                } else {
                    (n, p.clone())
                }
            });
    let p = |text: &str| format!("<text:p>{}</text:p>", escape(text));
    let mut body = String::new();
    body.push_str("<table:table table:name=\"DauVanBan\"><table:table-column table:number-columns-repeated=\"2\"/><table:table-row><table:table-cell>");
    body.push_str(&p("ỦY BAN NHÂN DÂN"));
    body.push_str(&p(issuer));
    body.push_str(&p(&number));
    body.push_str("</table:table-cell><table:table-cell>");
    body.push_str(&p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    body.push_str(&p("Độc lập - Tự do - Hạnh phúc"));
    body.push_str(&p(&date));
    body.push_str("</table:table-cell></table:table-row></table:table>");
    for text in &paragraphs[heading..recipients] {
        body.push_str(&p(text));
    }
    body.push_str("<table:table table:name=\"ChuKy\"><table:table-column table:number-columns-repeated=\"2\"/><table:table-row><table:table-cell>");
    for text in &paragraphs[recipients..signature] {
        body.push_str(&p(text));
    }
    body.push_str("</table:table-cell><table:table-cell>");
    for text in &paragraphs[signature..] {
        body.push_str(&p(text));
    }
    body.push_str("</table:table-cell></table:table-row></table:table>");
    RICH_PLAN
        .split_once("<office:text>")
        .map(|(head, _)| {
            format!("{head}<office:text>{body}</office:text></office:body></office:document>")
        })
        .unwrap()
}

/// A 40×20 grey PNG, base64.
fn png_base64() -> String {
    use std::io::Write;
    let (w, h) = (40u32, 20u32);
    let mut raw = Vec::new();
    for _ in 0..h {
        raw.push(0u8);
        raw.extend(std::iter::repeat_n(0x80u8, (w * 3) as usize));
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).unwrap();
    let idat = z.finish().unwrap();
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        c.extend_from_slice(&crc.sum().to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &idat));
    png.extend(chunk(b"IEND", &[]));
    base64(&png)
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A plan typed in a word processor with automatic numbering (I., 1., a),
/// bullets), the header and signature blocks as tables, a footnote and a
/// picture: the source LibreOffice turns into .docx, .odt and .pdf.
const RICH_PLAN: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <text:list-style style:name="Muc">
   <text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix="."/>
   <text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="."/>
   <text:list-level-style-number text:level="3" style:num-format="a" style:num-suffix=")"/>
   <text:list-level-style-bullet text:level="4" text:bullet-char="-"/>
  </text:list-style>
 </office:automatic-styles>
 <office:body>
  <office:text>
   <table:table table:name="DauVanBan">
    <table:table-column table:number-columns-repeated="2"/>
    <table:table-row>
     <table:table-cell><text:p>ỦY BAN NHÂN DÂN</text:p><text:p>XÃ AN BÌNH</text:p><text:p>Số: 15/KH-UBND</text:p></table:table-cell>
     <table:table-cell><text:p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text:p><text:p>Độc lập - Tự do - Hạnh phúc</text:p><text:p>An Bình, ngày 05 tháng 3 năm 2027</text:p></table:table-cell>
    </table:table-row>
   </table:table>
   <text:p>KẾ HOẠCH</text:p>
   <text:p>Tuyên truyền pháp luật về trợ giúp pháp lý năm 2027 trên địa bàn xã An Bình</text:p>
   <text:p>Thực hiện Kế hoạch số 20/KH-STP ngày 10 tháng 01 năm 2027 của Sở Tư pháp tỉnh Bình Thuận về tuyên truyền pháp luật về trợ giúp pháp lý năm 2027<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Kế hoạch của Sở Tư pháp gửi các xã ngày 12/01/2027.</text:p></text:note-body></text:note>, Ủy ban nhân dân xã An Bình ban hành Kế hoạch như sau:</text:p>
   <text:list text:style-name="Muc">
    <text:list-item><text:p>MỤC ĐÍCH, YÊU CẦU</text:p>
     <text:list>
      <text:list-item><text:p>Mục đích</text:p>
       <text:list><text:list-item><text:list><text:list-item><text:p>Người dân biết quyền được trợ giúp pháp lý miễn phí.</text:p></text:list-item></text:list></text:list-item></text:list>
      </text:list-item>
      <text:list-item><text:p>Yêu cầu</text:p>
       <text:list><text:list-item><text:list><text:list-item><text:p>Tuyên truyền đúng đối tượng, thiết thực.</text:p></text:list-item></text:list></text:list-item></text:list>
      </text:list-item>
     </text:list>
    </text:list-item>
    <text:list-item><text:p>NỘI DUNG</text:p>
     <text:list>
      <text:list-item><text:p>Tuyên truyền trên hệ thống truyền thanh xã</text:p>
       <text:list>
        <text:list-item><text:p>Phát tin về trợ giúp pháp lý mỗi tuần một lần.</text:p>
         <text:list>
          <text:list-item><text:p>Đơn vị chủ trì: Công chức Tư pháp - Hộ tịch.</text:p></text:list-item>
          <text:list-item><text:p>Đơn vị phối hợp: Đài truyền thanh xã.</text:p></text:list-item>
          <text:list-item><text:p>Thời gian thực hiện: Quý II năm 2027.</text:p></text:list-item>
         </text:list>
        </text:list-item>
        <text:list-item><text:p>In và phát tờ rơi tại các thôn.</text:p>
         <text:list>
          <text:list-item><text:p>Đơn vị chủ trì: Công chức Tư pháp - Hộ tịch.</text:p></text:list-item>
          <text:list-item><text:p>Thời gian: Tháng 6 năm 2027.</text:p></text:list-item>
         </text:list>
        </text:list-item>
       </text:list>
      </text:list-item>
     </text:list>
    </text:list-item>
    <text:list-item><text:p>TỔ CHỨC THỰC HIỆN</text:p></text:list-item>
   </text:list>
   <text:p>Công chức Tư pháp - Hộ tịch chủ trì, báo cáo kết quả về Ủy ban nhân dân xã.</text:p>
   <text:p><draw:frame draw:name="Logo" svg:width="2cm" svg:height="1cm" text:anchor-type="as-char"><draw:image><office:binary-data>{png}</office:binary-data></draw:image><svg:desc>Biểu trưng của xã An Bình</svg:desc></draw:frame></text:p>
   <text:p>Trên đây là Kế hoạch tuyên truyền pháp luật về trợ giúp pháp lý năm 2027 của Ủy ban nhân dân xã An Bình./.</text:p>
   <table:table table:name="ChuKy">
    <table:table-column table:number-columns-repeated="2"/>
    <table:table-row>
     <table:table-cell><text:p>Nơi nhận:</text:p><text:p>- Sở Tư pháp tỉnh;</text:p><text:p>- Lưu: VT.</text:p></table:table-cell>
     <table:table-cell><text:p>TM. ỦY BAN NHÂN DÂN</text:p><text:p>CHỦ TỊCH</text:p><text:p>Trần Văn An</text:p></table:table-cell>
    </table:table-row>
   </table:table>
  </office:text>
 </office:body>
</office:document>
"##;

/// An outreach article typed in a word processor: a title, headings, bold
/// and italic words, a bulleted and a numbered list, a table with its
/// caption line, a link, a footnote and a picture with its description.
const ARTICLE: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="Dam" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="Nghieng" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <text:list-style style:name="Cham"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
  <text:list-style style:name="So"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/></text:list-style>
 </office:automatic-styles>
 <office:body>
  <office:text>
   <text:h text:outline-level="1">Trợ giúp pháp lý miễn phí cho người có công</text:h>
   <text:p>Người có công với cách mạng được <text:span text:style-name="Dam">trợ giúp pháp lý miễn phí</text:span> khi có yêu cầu<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Theo Luật Trợ giúp pháp lý năm 2017.</text:p></text:note-body></text:note>.</text:p>
   <text:h text:outline-level="2">Ai được giúp</text:h>
   <text:list text:style-name="Cham">
    <text:list-item><text:p>Người có công với cách mạng.</text:p></text:list-item>
    <text:list-item><text:p>Người thuộc hộ nghèo.</text:p></text:list-item>
   </text:list>
   <text:h text:outline-level="2">Cách yêu cầu</text:h>
   <text:list text:style-name="So">
    <text:list-item><text:p>Chuẩn bị giấy tờ.</text:p></text:list-item>
    <text:list-item><text:p>Đến <text:span text:style-name="Nghieng">Trung tâm Trợ giúp pháp lý</text:span> hoặc xem <text:a xlink:type="simple" xlink:href="https://example.gov.vn/tro-giup">hướng dẫn</text:a>.</text:p></text:list-item>
   </text:list>
   <text:p>Bảng: Nơi tiếp nhận yêu cầu</text:p>
   <table:table table:name="NoiTiepNhan">
    <table:table-column table:number-columns-repeated="2"/>
    <table:table-row><table:table-cell><text:p>Nơi</text:p></table:table-cell><table:table-cell><text:p>Giờ làm việc</text:p></table:table-cell></table:table-row>
    <table:table-row><table:table-cell><text:p>Ủy ban nhân dân xã</text:p></table:table-cell><table:table-cell><text:p>Sáng thứ Hai đến thứ Sáu</text:p></table:table-cell></table:table-row>
   </table:table>
   <text:p><draw:frame draw:name="Anh1" svg:width="4cm" svg:height="2cm" text:anchor-type="as-char"><draw:image><office:binary-data>{png}</office:binary-data></draw:image><svg:desc>Cán bộ tư pháp tiếp công dân</svg:desc></draw:frame></text:p>
  </office:text>
 </office:body>
</office:document>
"##;
