//! `loa serve` run for real: a preview server on 127.0.0.1 that rebuilds on
//! every save, reports errors, never serves a file outside its folder, and
//! leaves the same files a clean build writes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{fresh_dir, tree, Site};

/// A running `loa serve`, stopped with Ctrl-C (SIGINT) when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// The base path served (`/` or `/portal/`).
    pub base: String,
    /// Lines printed so far.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(site: &Path, extra: &[&str]) -> Server {
        Server::start_with(site, extra, &[])
    }

    /// [`Server::start`] with environment variables.
    pub fn start_with(site: &Path, extra: &[&str], env: &[(&str, &Path)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .current_dir(site)
            .env("NO_COLOR", "1")
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("loa serve starts");
        let stderr = child.stderr.take().unwrap();
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if let Some(at) = line.find("http://127.0.0.1:") {
                        let url = line[at + 7..].split(' ').next().unwrap().to_string();
                        let _ = tx.send(url);
                    }
                    log.lock().unwrap().push(line);
                }
            });
        }
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("serve did not start: {:?}", log.lock().unwrap()));
        let (addr, base) = url.split_at(url.find('/').unwrap());
        Server {
            child,
            addr: addr.to_string(),
            base: base.to_string(),
            log,
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Waits until the terminal shows `needle`.
    pub fn wait_for_log(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.log().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "no {needle:?} in: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the terminal shows `needle` `n` times.
    pub fn wait_for_log_count(&self, needle: &str, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.log().matches(needle).count() < n {
            assert!(
                Instant::now() < deadline,
                "not {n} times {needle:?} in: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the terminal shows `n` rebuild summaries: the page's
    /// poll can answer before the reader thread has read the line.
    pub fn wait_for_rebuilds(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self
            .log()
            .lines()
            .filter(|l| l.starts_with("Đã dựng lại:"))
            .count()
            < n
        {
            assert!(Instant::now() < deadline, "no rebuild line: {}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a raw request and returns (status, body).
    pub fn raw(&self, request: &[u8]) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.write_all(request).unwrap();
        // The request ends here, even a cut-short one.
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        self.raw(
            format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.addr
            )
            .as_bytes(),
        )
    }

    /// Waits for the rebuild after `version`: (new version, error text).
    pub fn wait_after(&self, version: u64) -> (u64, Option<String>) {
        let (status, body) = self.get(&format!("{}__loa/wait?v={version}", self.base));
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        (
            v["version"].as_u64().unwrap(),
            v["error"].as_str().map(str::to_string),
        )
    }

    pub fn version(&self) -> u64 {
        let (_, body) = self.get(&format!("{}__loa/wait", self.base));
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["version"].as_u64().unwrap()
    }

    /// Ctrl-C, and how the process ended.
    pub fn interrupt(self) -> std::process::ExitStatus {
        self.signal("INT")
    }

    /// Sends `signal` (`INT`, `TERM`, `HUP`), and how the process ended.
    pub fn signal(mut self, signal: &str) -> std::process::ExitStatus {
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "serve did not stop on {signal}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Writes a file the way editors that save by rename do: a temporary file
/// beside it, then renamed over it.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn h1(html: &str) -> String {
    html.split("<h1>")
        .nth(1)
        .and_then(|s| s.split("</h1>").next())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_saved_change_is_served_and_errors_are_reported_then_cleared() {
    let site = Site::fixture("basic");
    let server = Server::start(&site.dir, &[]);
    let (status, page) = server.get("/bai-viet/tro-giup-phap-ly/");
    assert_eq!(status, 200);
    assert!(page.contains("__loa/reload.js"), "live reload is added");
    let v = server.version();

    let article = site.dir.join("content/bai-viet/tro-giup-phap-ly.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let changed = text.replacen("title:", "title: Đã sửa –", 1);
    save_by_rename(&article, &changed);
    let (v2, error) = server.wait_after(v);
    assert!(v2 > v);
    assert_eq!(error, None);
    let (_, page) = server.get("/bai-viet/tro-giup-phap-ly/");
    assert!(h1(&page).starts_with("Đã sửa –"), "{}", h1(&page));
    // So does the feed, which lists it.
    let (_, feed) = server.get("/feed.xml");
    assert!(feed.contains("Đã sửa –"), "{feed}");

    // A broken date: the error is reported with file, line and column, and
    // the last good page is still served.
    let broken = changed.replacen("date: ", "date: 2026-02-30\nx: ", 1);
    std::fs::write(&article, &broken).unwrap();
    let (v3, error) = server.wait_after(v2);
    let error = error.expect("the error is reported to the page");
    assert!(
        error.contains("content/bai-viet/tro-giup-phap-ly.md:") && error.contains("2026-02-30"),
        "{error}"
    );
    let (status, page) = server.get("/bai-viet/tro-giup-phap-ly/");
    assert_eq!(status, 200);
    assert!(h1(&page).starts_with("Đã sửa –"));
    server.wait_for_log("2026-02-30");

    // Fixed: recovers by itself.
    std::fs::write(&article, &text).unwrap();
    let (_, error) = server.wait_after(v3);
    assert_eq!(error, None);
    let (_, page) = server.get("/bai-viet/tro-giup-phap-ly/");
    assert!(!h1(&page).starts_with("Đã sửa –"));

    let status = server.interrupt();
    assert!(status.success(), "Ctrl-C stops cleanly: {status:?}");
}

/// A link to a file outside the site folder, added while the preview
/// runs, is reported and its target never served (issue 20, point 1).
#[cfg(unix)]
#[test]
fn a_link_out_of_the_site_is_reported_and_not_served() {
    let site = Site::fixture("basic");
    let outside = crate::support::fresh_dir();
    std::fs::write(outside.join("id_rsa"), "KHÓA BÍ MẬT").unwrap();
    let server = Server::start(&site.dir, &[]);
    let v = server.version();
    std::os::unix::fs::symlink(outside.join("id_rsa"), site.dir.join("static/s.txt")).unwrap();
    let (_, error) = server.wait_after(v);
    let error = error.expect("the error is reported to the page");
    assert!(
        error.contains("static/s.txt") && error.contains("trỏ ra ngoài thư mục trang web"),
        "{error}"
    );
    let (status, body) = server.get("/s.txt");
    assert_eq!(status, 404, "{body}");
    assert!(!body.contains("BÍ MẬT"));
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
}

/// A full disk while the preview rebuilds (the feed's new copy written to
/// /dev/full, where the kernel answers "no space left"): one clear message,
/// the last good site whole (no page new, none left half-written, no
/// `.loa-new` file), and everything caught up at the next save once there
/// is room (issue 20, point 6).
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_keeps_the_last_good_preview_whole_and_it_catches_up() {
    let site = Site::fixture("basic");
    let server = Server::start(&site.dir, &["--out", "xem-truoc"]);
    let public = site.dir.join("xem-truoc");
    let before = tree(&public);
    let v = server.version();
    std::os::unix::fs::symlink("/dev/full", public.join(".feed.xml.loa-new")).unwrap();
    let article = site.dir.join("content/bai-viet/tro-giup-phap-ly.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let changed = text.replacen("title:", "title: Đã sửa –", 1);
    save_by_rename(&article, &changed);
    let (v2, error) = server.wait_after(v);
    let error = error.expect("the failure is reported");
    assert!(
        error.contains("đĩa đầy khi ghi")
            && error.contains("feed.xml")
            && error.contains("bản xem thử vẫn là bản dựng đúng gần nhất"),
        "{error}"
    );
    assert_eq!(error.matches("đĩa đầy").count(), 1, "one message: {error}");
    assert_eq!(tree(&public), before, "the last good site, whole");
    let leftovers: Vec<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".loa-new"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Room again (the file on /dev/full is gone): the next save catches up.
    save_by_rename(&article, &changed.replacen("Đã sửa –", "Đã sửa lại –", 1));
    let (_, error) = server.wait_after(v2);
    assert_eq!(error, None);
    let (_, page) = server.get("/bai-viet/tro-giup-phap-ly/");
    assert!(h1(&page).starts_with("Đã sửa lại –"), "{}", h1(&page));
    assert!(std::fs::read_to_string(public.join("feed.xml"))
        .unwrap()
        .contains("Đã sửa lại –"));
    assert!(std::fs::read_to_string(public.join("index.html"))
        .unwrap()
        .contains("Đã sửa lại –"));
    // What the preview holds is what a clean build makes.
    same_as_clean_build(&site, &server, &public);
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
}

/// Oversized requests: a request line too long gets 414, a head too large
/// 431, and the preview's memory stays flat after a 64 MB header; normal
/// requests go on being answered (issue 20, point 4).
#[cfg(target_os = "linux")]
#[test]
fn oversized_requests_are_refused_and_memory_stays_flat() {
    let site = Site::fixture("basic");
    let server = Server::start(&site.dir, &[]);
    let host = format!("Host: {}\r\n", server.addr);
    let rss = |pid: u32| -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    let pid = server.child.id();
    let long_path = format!("GET /{} HTTP/1.1\r\n{host}\r\n", "a".repeat(20_000));
    assert_eq!(server.raw(long_path.as_bytes()).0, 414);
    let big_header = format!(
        "GET / HTTP/1.1\r\n{host}X-Lon: {}\r\n\r\n",
        "b".repeat(100_000)
    );
    assert_eq!(server.raw(big_header.as_bytes()).0, 431);
    let before = rss(pid);
    // 64 MB of header, sent as a careless or hostile client would.
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let _ = stream.write_all(format!("GET / HTTP/1.1\r\n{host}X-Lon: ").as_bytes());
    let block = vec![b'c'; 1 << 20];
    for _ in 0..64 {
        if stream.write_all(&block).is_err() {
            break; // refused and closed: what we want
        }
    }
    drop(stream);
    std::thread::sleep(Duration::from_millis(300));
    let after = rss(pid);
    assert!(
        after < before + 20 * 1024,
        "memory grew from {before} kB to {after} kB"
    );
    let (status, page) = server.get("/bai-viet/tro-giup-phap-ly/");
    assert_eq!(status, 200, "{page}");
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
}

/// The preview answers only to this machine's names (no DNS rebinding) and
/// never redirects to another host.
#[test]
fn the_preview_answers_only_to_this_machine() {
    let site = Site::fixture("basic");
    let server = Server::start(&site.dir, &["--out", "public"]);
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    for host in [
        "evil.example",
        "evil.example:80",
        "127.0.0.1.evil.example",
        "",
    ] {
        let (status, body) = server
            .raw(format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes());
        assert_eq!(status, 403, "{host}: {body}");
    }
    let (status, _) = server.raw(b"GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 403, "no Host at all");
    for host in [
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        server.addr.clone(),
    ] {
        let (status, _) = server
            .raw(format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes());
        assert_eq!(status, 200, "{host}");
    }
    // "//evil.example" is no folder of the site: not redirected there.
    let response = {
        use std::io::{Read, Write};
        let mut stream = TcpStream::connect(&server.addr).unwrap();
        stream
            .write_all(
                format!(
                    "GET //evil.example HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                    server.addr
                )
                .as_bytes(),
            )
            .unwrap();
        let mut text = String::new();
        let _ = stream.read_to_string(&mut text);
        text
    };
    assert!(
        !response.to_ascii_lowercase().contains("location: //"),
        "{response}"
    );
    assert!(response.starts_with("HTTP/1.1 400"), "{response}");
}

#[test]
fn nothing_outside_the_preview_folder_is_served() {
    let site = Site::fixture("basic");
    // A secret beside the site and one inside its sources.
    std::fs::write(site.dir.join("site.yaml.bak"), "bí mật").unwrap();
    let server = Server::start(&site.dir, &["--out", "public"]);
    let secret_paths = [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/bai-viet/..%2f..%2fsite.yaml",
        "/bai-viet/%2e%2e/%2e%2e/site.yaml",
        "/..\\site.yaml",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/%00/etc/passwd",
        "/.loa-output/../../site.yaml",
    ];
    for path in secret_paths {
        let (status, body) = server.get(path);
        assert!(status == 404 || status == 400, "{path}: {status} {body}");
        assert!(
            !body.contains("base_url") && !body.contains("root:"),
            "{path}: {body}"
        );
    }
    // An absolute URL in the request line, garbage, and a request cut short:
    // answered or dropped, and the server lives on.
    for raw in [
        &b"GET http://evil.example/../../site.yaml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"[..],
        b"\x00\x01\x02 garbage\r\n\r\n",
        b"GET /",
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
    ] {
        let (status, body) = server.raw(raw);
        assert!(!body.contains("base_url"), "{body}");
        assert_ne!(status, 200, "{:?}", String::from_utf8_lossy(raw));
    }
    let (status, _) = server.get("/");
    assert_eq!(status, 200, "still serving");
    let (status, _) = server.get("/khong-co/");
    assert_eq!(status, 404);
    // A folder without its slash is sent to it, so relative links work.
    let (status, _) = server.get("/bai-viet");
    assert_eq!(status, 301);
}

#[test]
fn serve_leaves_the_same_files_as_a_clean_build() {
    let site = Site::fixture("basic");
    let server = Server::start(&site.dir, &["--out", "xem-truoc"]);
    let v = server.version();
    // Change, add and remove content.
    let article = site.dir.join("content/bai-viet/tro-giup-phap-ly.md");
    let text = std::fs::read_to_string(&article).unwrap();
    save_by_rename(&article, &text.replace("miễn phí", "không mất tiền"));
    let v = server.wait_after(v).0;
    site.write(
        "content/bai-viet/moi.md",
        "---\ntitle: Bài mới\ndate: 2026-09-01\ntags: [thẻ mới]\n---\nNội dung.\n",
    );
    let v = server.wait_after(v).0;
    let removed: Vec<PathBuf> = std::fs::read_dir(site.dir.join("content/bai-viet"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name().unwrap() != "moi.md" && p.file_name().unwrap() != "tro-giup-phap-ly.md"
        })
        .take(1)
        .collect();
    // Nothing links to it? Removing may break a link: then the build fails
    // and keeps the old files, which is not what this test is about.
    let target = &removed[0];
    let backup = std::fs::read(target).unwrap();
    std::fs::remove_file(target).unwrap();
    let (v2, error) = server.wait_after(v);
    if error.is_some() {
        std::fs::write(target, backup).unwrap();
        server.wait_after(v2);
    }
    same_as_clean_build(&site, &server, &site.dir.join("xem-truoc"));
    server.interrupt();
}

#[test]
fn a_site_under_a_sub_path_is_previewed_under_it() {
    let site = Site::fixture("basic");
    let config = site.read("site.yaml");
    let base = config
        .lines()
        .find(|l| l.starts_with("base_url:"))
        .unwrap()
        .to_string();
    site.write(
        "site.yaml",
        config.replace(&base, "base_url: https://cong.example/xa-mau/"),
    );
    let server = Server::start(&site.dir, &[]);
    assert_eq!(server.base, "/xa-mau/");
    let (status, page) = server.get("/xa-mau/bai-viet/tro-giup-phap-ly/");
    assert_eq!(status, 200);
    assert!(
        page.contains("<script src=\"/xa-mau/__loa/reload.js\""),
        "{page}"
    );
    let (status, _) = server.get("/");
    assert_eq!(status, 302);
    let (status, _) = server.get("/bai-viet/tro-giup-phap-ly/");
    assert_eq!(status, 404);
}

#[test]
fn the_open_page_reloads_and_shows_errors_in_a_real_browser() {
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        modules.join("node_modules/playwright-core").is_dir() && Path::new("/usr/bin/chromium").exists(),
        "browser test tools missing: run `npm ci --prefix tests/browser` and install chromium (what .ci/run does)"
    );
    let site = Site::fixture("basic");
    let server = Server::start(&site.dir, &[]);
    let file = site.dir.join("content/bai-viet/tro-giup-phap-ly.md");
    let good = std::fs::read_to_string(&file).unwrap();
    let changed = good.replacen("title:", "title: Đã sửa –", 1);
    let broken = changed.replacen("date: ", "date: 2026-02-30\nx: ", 1);
    let config = serde_json::json!({
        "url": format!("http://{}/bai-viet/tro-giup-phap-ly/", server.addr),
        "file": file,
        "good": good,
        "changed": changed,
        "broken": broken,
    });
    let out = Command::new("node")
        .arg(modules.join("serve.mjs"))
        .arg(config.to_string())
        .current_dir(&modules)
        .output()
        .expect("node starts");
    assert!(
        out.status.success(),
        "serve.mjs failed:\n{}\nserver:\n{}",
        String::from_utf8_lossy(&out.stderr),
        server.log()
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let before = report["before"].as_str().unwrap();
    assert!(!before.starts_with("Đã sửa"), "{report}");
    assert!(
        report["afterChange"]
            .as_str()
            .unwrap()
            .starts_with("Đã sửa –"),
        "{report}"
    );
    let overlay = report["overlay"].as_str().unwrap();
    assert!(
        overlay.contains("content/bai-viet/tro-giup-phap-ly.md:") && overlay.contains("2026-02-30"),
        "{report}"
    );
    assert!(
        report["underOverlay"]
            .as_str()
            .unwrap()
            .starts_with("Đã sửa –"),
        "the last good page stays: {report}"
    );
    assert_eq!(report["overlayAfterFix"], 0, "{report}");
    assert_eq!(report["afterFix"].as_str().unwrap(), before, "{report}");
    assert_eq!(
        report["consoleErrors"].as_array().unwrap().len(),
        0,
        "{report}"
    );
    server.interrupt();
}

#[test]
fn a_text_only_change_is_quick_and_ends_as_a_clean_build() {
    let site = Site::fixture("basic");
    let server = Server::start(&site.dir, &["--out", "xem-truoc"]);
    let v = server.version();
    let article = site.dir.join("content/bai-viet/tro-giup-phap-ly.md");
    let text = std::fs::read_to_string(&article).unwrap();
    // Only the text: the title, date and summary other pages show stay.
    save_by_rename(
        &article,
        &format!("{text}\nMột đoạn mới về trợ giúp pháp lý.\n"),
    );
    server.wait_after(v);
    server.wait_for_log("Đã cập nhật chỉ mục tìm kiếm");
    assert!(
        server.log().contains("Đã dựng lại: 1 trang"),
        "the quick path re-rendered one page: {}",
        server.log()
    );
    let (_, page) = server.get("/bai-viet/tro-giup-phap-ly/");
    assert!(page.contains("Một đoạn mới về trợ giúp pháp lý."));
    same_as_clean_build(&site, &server, &site.dir.join("xem-truoc"));
    server.interrupt();
}

#[test]
fn a_site_with_errors_from_the_start_waits_then_recovers() {
    let site = Site::fixture("basic");
    site.write(
        "content/bai-viet/hong.md",
        "---\ntitle: Hỏng\ndate: 2026-13-01\n---\nNội dung.\n",
    );
    let server = Server::start(&site.dir, &[]);
    let (status, page) = server.get("/");
    assert_eq!(status, 503, "{page}");
    assert!(
        page.contains("__loa/reload.js"),
        "the waiting page reloads itself"
    );
    let (v, error) = server.wait_after(u64::MAX);
    let error = error.expect("the first build's error is reported");
    assert!(error.contains("content/bai-viet/hong.md:3:"), "{error}");
    std::fs::remove_file(site.dir.join("content/bai-viet/hong.md")).unwrap();
    let (_, error) = server.wait_after(v);
    assert_eq!(error, None);
    let (status, _) = server.get("/");
    assert_eq!(status, 200);
}

#[test]
fn a_new_title_updates_every_page_that_shows_it_like_a_clean_build() {
    let site = Site::fixture("basic");
    let server = Server::start(&site.dir, &["--out", "xem-truoc"]);
    let v = server.version();
    let article = site.dir.join("content/bai-viet/tro-giup-phap-ly.md");
    let text = std::fs::read_to_string(&article).unwrap();
    save_by_rename(
        &article,
        &text.replacen("title:", "title: Tiêu đề mới –", 1),
    );
    server.wait_after(v);
    server.wait_for_log("Đã cập nhật chỉ mục tìm kiếm");
    // Not a full build: the other articles' pages were not rendered.
    let (rendered, first) = rendered_counts(&server.log());
    assert!(rendered < first, "{rendered} / {first}: {}", server.log());
    same_as_clean_build(&site, &server, &site.dir.join("xem-truoc"));
    server.interrupt();
}

/// The number of pages the last rebuild rendered, and the first build's.
fn rendered_counts(log: &str) -> (usize, usize) {
    let count = |line: &str, prefix: &str| -> usize {
        line.trim_start_matches(prefix)
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let last = log
        .lines()
        .rev()
        .find(|l| l.starts_with("Đã dựng lại:"))
        .map(|l| count(l, "Đã dựng lại: "))
        .unwrap_or(0);
    let first = log
        .lines()
        .find(|l| l.starts_with("Đã dựng:"))
        .map(|l| count(l, "Đã dựng: "))
        .unwrap();
    (last, first)
}

/// The preview folder holds exactly what a clean build with the preview's
/// base URL writes.
fn same_as_clean_build(site: &Site, server: &Server, served: &Path) {
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    let clean = fresh_dir();
    let out = crate::support::run_loa(
        &site.dir,
        &[
            "build",
            "--out",
            clean.join("public").to_str().unwrap(),
            "--base-url",
            &format!("http://127.0.0.1:{port}/"),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let a = tree(served);
    let b = tree(&clean.join("public"));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs between serve and a clean build");
    }
}

#[test]
fn a_template_change_renders_the_pages_that_use_it() {
    let site = Site::fixture("basic");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let article = std::fs::read_to_string(theme.join("templates/article.html")).unwrap();
    site.write("templates/article.html", &article);
    let server = Server::start(&site.dir, &["--out", "xem-truoc"]);
    let (_, first) = rendered_counts(&server.log());

    // A page template: only the pages it renders.
    let v = server.version();
    site.write(
        "templates/article.html",
        article.replace(
            "<article class=\"article\">",
            "<article class=\"article\" data-mau=\"moi\">",
        ),
    );
    let (v, error) = server.wait_after(v);
    assert_eq!(error, None);
    server.wait_for_rebuilds(1);
    let (last, _) = rendered_counts(&server.log());
    let (_, page) = server.get("/bai-viet/tro-giup-phap-ly/");
    assert!(
        page.contains("data-mau=moi") || page.contains("data-mau=\"moi\""),
        "{page}"
    );
    assert_eq!(last, 3, "the fixture's three articles: {}", server.log());
    same_as_clean_build(&site, &server, &site.dir.join("xem-truoc"));

    // A template every page uses: every page, and the same as a clean build.
    let base = std::fs::read_to_string(theme.join("templates/base.html")).unwrap();
    site.write(
        "templates/base.html",
        base.replace("<body", "<body data-nen=\"moi\""),
    );
    let (_, error) = server.wait_after(v);
    assert_eq!(error, None);
    server.wait_for_rebuilds(2);
    let (last, _) = rendered_counts(&server.log());
    assert_eq!(last, first, "{}", server.log());
    let (_, home) = server.get("/");
    assert!(home.contains("data-nen"), "{home}");
    same_as_clean_build(&site, &server, &site.dir.join("xem-truoc"));
    server.interrupt();
}

/// Every kind of edit to an article, saved one after another in a running
/// preview: each shown field of its card (title, summary, audience, author,
/// image, update date, reading time), its sources (its own page only) and
/// its place (a tag: the whole site). After each, the preview folder holds
/// what a clean build writes; edits that do not move it render fewer pages
/// than a full build.
#[test]
fn every_kind_of_article_edit_ends_as_a_clean_build() {
    let site = Site::fixture("basic");
    let server = Server::start(&site.dir, &["--out", "xem-truoc"]);
    let article = site.dir.join("content/bai-viet/tro-giup-phap-ly.md");
    let long_text = "Người dân được trợ giúp pháp lý miễn phí. ".repeat(400);
    let edits: [(&str, &str, String, bool); 8] = [
        ("title", "title:", "title: Tiêu đề khác –".into(), true),
        ("summary", "summary:", "summary: Tóm tắt mới.".into(), true),
        (
            "audience",
            "audience: Mọi người dân",
            "audience: Người cao tuổi".into(),
            true,
        ),
        (
            "author",
            "audience:",
            "author: Phòng Tư pháp\naudience:".into(),
            true,
        ),
        (
            "image",
            "image_alt: Người dân nhận tư vấn pháp luật",
            "image_alt: Cán bộ tư pháp tư vấn".into(),
            true,
        ),
        (
            "updated",
            "updated: 2026-05-01",
            "updated: 2026-06-02".into(),
            true,
        ),
        (
            "reading time",
            "## Đối tượng\n",
            format!("## Đối tượng\n\n{long_text}\n"),
            true,
        ),
        (
            "tags",
            "tags: [TGPL, Quyền]",
            "tags: [TGPL, Quyền, Mới]".into(),
            false,
        ),
    ];
    let search_updated = "Đã cập nhật chỉ mục tìm kiếm";
    for (what, from, to, quick) in edits {
        let v = server.version();
        let searches = server.log().matches(search_updated).count();
        let text = std::fs::read_to_string(&article).unwrap();
        assert!(text.contains(from), "{what}: {from}");
        save_by_rename(&article, &text.replacen(from, &to, 1));
        server.wait_after(v);
        if quick {
            server.wait_for_log_count(search_updated, searches + 1);
            let (rendered, first) = rendered_counts(&server.log());
            assert!(rendered < first, "{what}: {rendered} / {first}");
        }
        same_as_clean_build(&site, &server, &site.dir.join("xem-truoc"));
    }
    server.interrupt();
}

/// The preview's temporary folder goes when it is stopped by Ctrl-C, by
/// SIGTERM or by SIGHUP (its terminal closed); the folder of a preview that
/// no longer runs is removed when the next one starts, and a folder that is
/// not loa's is left alone.
#[test]
fn the_preview_cleans_up_after_every_stop_signal_and_after_killed_ones() {
    let site = Site::fixture("basic");
    let temp = fresh_dir();
    // A process that has ended: its id is free.
    let mut gone = Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    let stale = temp.join(format!("loa-xem-truoc-{}", gone.id()));
    std::fs::create_dir_all(stale.join("bai-viet")).unwrap();
    std::fs::write(stale.join(".loa-output"), "").unwrap();
    let not_ours = temp.join("loa-xem-truoc-1");
    std::fs::create_dir_all(&not_ours).unwrap();
    for signal in ["INT", "TERM", "HUP"] {
        let server = Server::start_with(&site.dir, &[], &[("TMPDIR", &temp)]);
        let folder = temp.join(format!("loa-xem-truoc-{}", server.child.id()));
        assert!(folder.join("index.html").is_file(), "{signal}");
        assert!(!stale.exists(), "the stale preview folder is removed");
        let status = server.signal(signal);
        assert!(status.success(), "{signal}: {status:?}");
        assert!(!folder.exists(), "{signal} left {}", folder.display());
    }
    assert!(not_ours.exists());
}

/// A preview opened after `loa build` takes the photos' smaller versions
/// from `public/` instead of encoding them again (issue 21, point 4), and
/// serves them.
#[test]
fn the_preview_reuses_the_last_builds_photo_versions() {
    let site = Site::fixture("basic");
    let png = crate::support::photo_bytes(1600, 1000, image::ImageFormat::Png);
    site.write("static/anh/hoi-nghi.png", &png);
    site.write(
        "content/bai-viet/anh.md",
        "---\ntitle: Ảnh\ndate: 2026-01-02\n---\n![Hội nghị](/anh/hoi-nghi.png)\n",
    );
    let out = site.loa(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let server = Server::start(&site.dir, &[]);
    server.wait_for_log("Đã dựng:");
    let log = server.log();
    assert!(
        log.contains("(ảnh cho điện thoại: 0 tệp mới, 6 tệp dùng lại)"),
        "{log}"
    );
    let checksum = format!("{:08x}", crc32fast::hash(&png));
    let (status, _) = server.get(&format!("/anh/hoi-nghi.{checksum}.800.webp"));
    assert_eq!(status, 200);
}
