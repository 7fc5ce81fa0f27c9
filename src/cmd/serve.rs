//! `loa serve`: builds the site into a preview folder, serves it on
//! 127.0.0.1, watches the sources and rebuilds on every change, and reloads
//! the open pages. A content error is printed and shown over the page; the
//! last good site stays served until the error is fixed.
//!
//! Only files inside the preview folder are ever served: the request path is
//! decoded, any `..`, `.`, backslash, NUL or drive segment is refused, and the
//! file found must still be inside the folder once symbolic links are
//! resolved.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::cli::{GlobalArgs, ServeArgs};
use crate::diag::Diagnostic;
use crate::session::Session;
use crate::BuildOptions;

/// What the open pages learn by polling: a version that changes on every
/// rebuild, and the errors of the last one, if it failed.
#[derive(Default)]
struct Status {
    version: u64,
    error: Option<String>,
    built: bool,
}

type Shared = Arc<(Mutex<Status>, Condvar)>;

/// Prints a line on the terminal; `true` for problems, which `--quiet` keeps.
pub type Log = dyn Fn(&str, bool) + Sync;

/// The live-reload script the server adds to every HTML page.
const RELOAD_JS: &str = include_str!("serve.js");

/// How long a page's poll waits for a change before answering anyway.
const POLL: Duration = Duration::from_secs(20);
/// Events closer together than this are one change (editors that save by
/// writing a temporary file and renaming it fire several).
const QUIET: Duration = Duration::from_millis(40);

enum Msg {
    Changed(Vec<PathBuf>),
    Stop,
}

/// Runs until Ctrl-C.
pub fn run(
    global: &GlobalArgs,
    args: &ServeArgs,
    today: chrono::NaiveDate,
    log: &Log,
) -> anyhow::Result<super::Report> {
    let root = std::path::absolute(&global.root).context("thư mục trang không hợp lệ")?;
    // The base path comes from site.yaml's base_url, so the preview has the
    // same sub-path as the real site.
    let base_path = {
        let mut ignored = crate::diag::Diagnostics::default();
        crate::load::read_config(&root, &mut ignored)?
            .and_then(|text| crate::config::parse_config(&text, None, &mut ignored))
            .map(|c| url_path(&c.base_url))
            .unwrap_or_else(|| "/".to_string())
    };
    // The port the reader uses is the front door's (serve_guard.rs): it
    // reads each request's head within bounds, then hands it to tiny_http
    // on a port of its own.
    let door = std::net::TcpListener::bind(("127.0.0.1", args.port)).map_err(|e| {
        anyhow::anyhow!(
            "không mở được cổng {} trên 127.0.0.1 ({e}); có thể cổng đang được dùng: chọn cổng khác bằng --port",
            args.port
        )
    })?;
    let port = door.local_addr().map(|a| a.port()).unwrap_or(args.port);
    let server = tiny_http::Server::http(("127.0.0.1", 0))
        .map_err(|e| anyhow::anyhow!("không mở được máy chủ xem trước trên 127.0.0.1 ({e})"))?;
    let inner = server
        .server_addr()
        .to_ip()
        .context("máy chủ xem trước không có địa chỉ IP")?;
    super::serve_guard::start(door, inner);
    let (out, temporary) = match &args.out {
        Some(out) => (std::path::absolute(out)?, false),
        None => {
            remove_stale_previews(&std::env::temp_dir());
            (
                std::env::temp_dir().join(format!("{PREVIEW_PREFIX}{}", std::process::id())),
                true,
            )
        }
    };
    super::build::guard_output(&root, &out)?;
    let opts = BuildOptions {
        today,
        base_url: Some(format!("http://127.0.0.1:{port}{base_path}")),
        drafts: args.drafts,
        no_minify: false,
        offline: false,
        progress: None,
        preview: true,
        pictures: crate::PictureVersions::Make {
            // The preview's own folder, then the last `loa build`'s: a
            // preview opened after a build encodes no photo again.
            previous: vec![out.clone(), root.join("public")],
        },
    };
    let mut session = Session::new(&root, &out, opts);
    let shared: Shared = Arc::default();

    let (tx, rx) = mpsc::channel::<Msg>();
    let stop = tx.clone();
    let tx_again = tx.clone();
    // Ctrl-C, SIGTERM and SIGHUP (the terminal closed) alike.
    ctrlc::set_handler(move || {
        let _ = stop.send(Msg::Stop);
    })
    .context("không cài được xử lý Ctrl-C")?;
    let mut watching = watch(&root, &out, tx)?;

    let mut last = Vec::new();
    report(session.rebuild(), &shared, log, &mut last);
    log(&format!(
        "Đang xem trước tại http://127.0.0.1:{port}{base_path} (thư mục {}). Sửa nội dung và lưu: trang tự tải lại. Nhấn Ctrl-C để dừng.",
        out.display()
    ), true);

    let server = Arc::new(server);
    // Only this machine's own names for the preview: a web page the clerk
    // opens cannot reach it through a name of its own (DNS rebinding).
    let hosts: Arc<Vec<String>> = Arc::new(
        ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .map(|h| format!("{h}:{port}"))
            .collect(),
    );
    {
        let server = server.clone();
        let shared = shared.clone();
        let out = out.clone();
        let base_path = base_path.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let shared = shared.clone();
                let out = out.clone();
                let base_path = base_path.clone();
                let hosts = hosts.clone();
                std::thread::spawn(move || respond(request, &out, &base_path, &shared, &hosts));
            }
        });
    }

    loop {
        match rx.recv() {
            Ok(Msg::Changed(mut paths)) => {
                // Gather the burst of events one save makes.
                let deadline = Instant::now() + Duration::from_millis(500);
                loop {
                    match rx.recv_timeout(QUIET) {
                        Ok(Msg::Changed(more)) if Instant::now() < deadline => paths.extend(more),
                        Ok(Msg::Changed(more)) => {
                            paths.extend(more);
                            break;
                        }
                        Ok(Msg::Stop) => return stopped(server, &out, temporary, log),
                        Err(_) => break,
                    }
                }
                let names: Vec<String> = paths
                    .iter()
                    .filter_map(|p| p.strip_prefix(&root).ok())
                    .map(|p| p.display().to_string())
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                log(&format!("Thay đổi: {}", names.join(", ")), false);
                if let Err(err) = watching.follow_sources(&root) {
                    log(&format!("lỗi: {err:#}"), true);
                }
                report(session.update(&paths), &shared, log, &mut last);
                // What a quick update left behind (the search index) is
                // written once the editing pauses.
                match rx.recv_timeout(Duration::from_millis(300)) {
                    Ok(Msg::Changed(more)) => {
                        let _ = tx_again.send(Msg::Changed(more));
                    }
                    Ok(Msg::Stop) => return stopped(server, &out, temporary, log),
                    Err(mpsc::RecvTimeoutError::Timeout) => match session.catch_up() {
                        Ok(Some(r)) => log(
                            &format!(
                                "Đã cập nhật chỉ mục tìm kiếm: ghi {} tệp, {} ms",
                                r.written,
                                r.elapsed.as_millis()
                            ),
                            false,
                        ),
                        Ok(None) => {}
                        Err(err) => log(&format!("lỗi: {err:#}"), true),
                    },
                    Err(mpsc::RecvTimeoutError::Disconnected) => {}
                }
            }
            Ok(Msg::Stop) | Err(_) => return stopped(server, &out, temporary, log),
        }
    }
}

/// The name of a temporary preview folder, followed by its process id.
const PREVIEW_PREFIX: &str = "loa-xem-truoc-";

/// Removes the temporary folders of earlier previews in `temp` whose process
/// no longer runs (one killed outright, or a machine that lost power): only
/// folders loa made (with its marker file).
fn remove_stale_previews(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREVIEW_PREFIX))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let path = entry.path();
        if pid != std::process::id()
            && !crate::write::process_alive(pid)
            && path.join(crate::write::MARKER).is_file()
        {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

fn stopped(
    server: Arc<tiny_http::Server>,
    out: &Path,
    temporary: bool,
    log: &Log,
) -> anyhow::Result<super::Report> {
    server.unblock();
    if temporary {
        let _ = std::fs::remove_dir_all(out);
    }
    log("Đã dừng xem trước.", false);
    Ok(super::Report::default())
}

fn report(
    outcome: anyhow::Result<crate::session::Rebuilt>,
    shared: &Shared,
    log: &Log,
    last: &mut Vec<String>,
) {
    let first = !shared.0.lock().map(|s| s.built).unwrap_or(true);
    let (lock, changed) = &**shared;
    let mut status = lock.lock().unwrap_or_else(|e| e.into_inner());
    status.version += 1;
    match outcome {
        Ok(r) => {
            // The same warnings after every save would bury what changed.
            let now: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
            if now != *last {
                for d in &now {
                    log(d, true);
                }
            } else if !now.is_empty() {
                log(&format!("({} cảnh báo như lần trước)", now.len()), false);
            }
            *last = now;
            if r.failed() {
                let text = errors_text(&r.diagnostics);
                log(
                    "Trang chưa được dựng lại vì có lỗi; trang xem trước vẫn là bản dựng thành công gần nhất. Sửa lỗi và lưu tệp để thử lại.",
                    true,
                );
                status.error = Some(text);
            } else {
                let pictures = if r.pictures.encoded + r.pictures.reused > 0 {
                    format!(
                        " (ảnh cho điện thoại: {} tệp mới, {} tệp dùng lại)",
                        r.pictures.encoded, r.pictures.reused
                    )
                } else {
                    String::new()
                };
                log(
                    &format!(
                        "{}: {} trang, ghi {} tệp{pictures}, xóa {} tệp, {} ms",
                        if first {
                            "Đã dựng"
                        } else {
                            "Đã dựng lại"
                        },
                        r.pages,
                        r.written,
                        r.removed,
                        r.elapsed.as_millis()
                    ),
                    false,
                );
                status.error = None;
                status.built = true;
            }
        }
        Err(err) => {
            let text = format!("{err:#}");
            log(&format!("lỗi: {text}"), true);
            status.error = Some(text);
        }
    }
    changed.notify_all();
}

fn errors_text(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Watches the site's sources. The root itself is watched alone (for
/// site.yaml and for source folders created later); each source folder
/// recursively. The output folder, even inside the root, is never watched.
fn watch(root: &Path, out: &Path, tx: mpsc::Sender<Msg>) -> anyhow::Result<Watching> {
    use notify::{RecursiveMode, Watcher};
    let root_for_events = root.to_path_buf();
    let out = out.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        let paths: Vec<PathBuf> = event
            .paths
            .into_iter()
            .filter(|p| relevant(&root_for_events, &out, p))
            .collect();
        if !paths.is_empty() {
            let _ = tx.send(Msg::Changed(paths));
        }
    })
    .context("không theo dõi được thay đổi của tệp")?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("không theo dõi được {}", root.display()))?;
    let mut watching = Watching {
        watcher,
        folders: Vec::new(),
    };
    watching.follow_sources(root)?;
    Ok(watching)
}

/// The watcher and the source folders it follows recursively.
struct Watching {
    watcher: notify::RecommendedWatcher,
    folders: Vec<PathBuf>,
}

impl Watching {
    /// Follows every source folder that exists and is not followed yet: a
    /// folder created while the preview runs (`templates/`…) is followed
    /// from then on.
    fn follow_sources(&mut self, root: &Path) -> anyhow::Result<()> {
        use notify::{RecursiveMode, Watcher};
        for dir in SOURCES {
            let path = root.join(dir);
            if path.is_dir() && !self.folders.contains(&path) {
                self.watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .with_context(|| format!("không theo dõi được {}", path.display()))?;
                self.folders.push(path);
            }
        }
        Ok(())
    }
}

/// The folders of a site that hold its sources.
const SOURCES: [&str; 4] = ["content", "themes", "templates", "static"];

/// Whether a changed path can change the site: site.yaml or a file in a
/// source folder, not an editor's swap or backup file.
fn relevant(root: &Path, out: &Path, path: &Path) -> bool {
    if path.starts_with(out) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let first = parts
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .unwrap_or("");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let editor_file = name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
        || name.ends_with(".tmp");
    if editor_file {
        return false;
    }
    matches!(
        first,
        "site.yaml" | "content" | "themes" | "templates" | "static"
    )
}

/// The path part of a URL: `https://a.vn/portal/` → `/portal/`.
fn url_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

fn respond(request: tiny_http::Request, out: &Path, base: &str, shared: &Shared, hosts: &[String]) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase());
    let response = match host {
        Some(host) if hosts.contains(&host) => answer(&request, out, base, shared),
        _ => text(
            403,
            "Bản xem trước chỉ nhận yêu cầu tới 127.0.0.1 hoặc localhost.",
        ),
    };
    let _ = request.respond(response);
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    let mut r = tiny_http::Response::from_data(body).with_status_code(status);
    for (k, v) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ] {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            r.add_header(h);
        }
    }
    r
}

fn text(status: u16, message: &str) -> Response {
    reply(
        status,
        "text/plain; charset=utf-8",
        message.as_bytes().to_vec(),
    )
}

fn answer(request: &tiny_http::Request, out: &Path, base: &str, shared: &Shared) -> Response {
    if !matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        return text(405, "Chỉ hỗ trợ GET và HEAD.");
    }
    let raw = request.url();
    let (raw_path, query) = raw.split_once('?').unwrap_or((raw, ""));
    // "//host/…" would make a redirect leave the preview.
    if !raw_path.starts_with('/') || raw_path.contains("//") {
        return text(400, "Yêu cầu không hợp lệ.");
    }
    let Some(path) = percent_decode(raw_path) else {
        return text(400, "Đường dẫn không hợp lệ.");
    };
    if path == "/" && base != "/" {
        let mut r = text(302, base);
        if let Ok(h) = tiny_http::Header::from_bytes(&b"Location"[..], base.as_bytes()) {
            r.add_header(h);
        }
        return r;
    }
    let Some(rest) = path.strip_prefix(base) else {
        return not_found(out, base);
    };
    match rest {
        "__loa/reload.js" => {
            return reply(
                200,
                "text/javascript; charset=utf-8",
                RELOAD_JS.replace("__BASE__", base).into_bytes(),
            )
        }
        "__loa/wait" => return wait(query, shared),
        _ => {}
    }
    let built = shared.0.lock().map(|s| s.built).unwrap_or(false);
    if !built {
        return reply(
            503,
            "text/html; charset=utf-8",
            waiting_page(base).into_bytes(),
        );
    }
    let Some(file) = resolve(out, rest) else {
        return not_found(out, base);
    };
    if !rest.is_empty()
        && !rest.ends_with('/')
        && !rest.ends_with("index.html")
        && file.ends_with("index.html")
    {
        // A folder asked without its slash: its relative links need one.
        let to = format!("{base}{rest}/");
        let mut r = text(301, &to);
        if let Ok(h) = tiny_http::Header::from_bytes(&b"Location"[..], to.as_bytes()) {
            r.add_header(h);
        }
        return r;
    }
    match std::fs::read(&file) {
        Ok(bytes) => serve_bytes(200, &file, bytes, base),
        Err(_) => not_found(out, base),
    }
}

fn serve_bytes(status: u16, file: &Path, bytes: Vec<u8>, base: &str) -> Response {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let kind = content_type(&ext);
    let body = if ext == "html" {
        inject(bytes, base)
    } else {
        bytes
    };
    reply(status, kind, body)
}

fn not_found(out: &Path, base: &str) -> Response {
    match std::fs::read(out.join("404.html")) {
        Ok(bytes) => serve_bytes(404, Path::new("404.html"), bytes, base),
        Err(_) => text(404, "Không có trang này."),
    }
}

/// The page shown before the first successful build.
fn waiting_page(base: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>loa: chưa dựng được trang</title></head><body><h1>Trang chưa dựng được</h1><p>Nội dung có lỗi; xem danh sách lỗi trên màn hình này hoặc trong cửa sổ dòng lệnh. Sửa lỗi và lưu tệp: trang sẽ tự tải lại.</p><script src=\"{base}__loa/reload.js\"></script></body></html>"
    )
}

/// Adds the live-reload script to an HTML page (at the end when the
/// minifier left out `</body>`).
fn inject(bytes: Vec<u8>, base: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{base}__loa/reload.js\" defer></script>");
    let mut html = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    match html.rfind("</body>") {
        Some(i) => html.insert_str(i, &tag),
        None => html.push_str(&tag),
    }
    html.into_bytes()
}

/// Long poll: answers at once when the page's version is unknown or old,
/// otherwise when the next rebuild finishes (or after [`POLL`]).
fn wait(query: &str, shared: &Shared) -> Response {
    let seen: Option<u64> = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("v="))
        .and_then(|v| v.parse().ok());
    let (lock, changed) = &**shared;
    let mut status = lock.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(seen) = seen {
        let deadline = Instant::now() + POLL;
        while status.version == seen {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            status = changed
                .wait_timeout(status, left)
                .map(|(s, _)| s)
                .unwrap_or_else(|e| e.into_inner().0);
        }
    }
    let body = serde_json::json!({ "version": status.version, "error": status.error });
    reply(200, "application/json", body.to_string().into_bytes())
}

/// The file a decoded site path names inside `out`, or `None` when the path
/// is not a plain relative path or leads outside `out`.
fn resolve(out: &Path, rest: &str) -> Option<PathBuf> {
    let mut path = out.to_path_buf();
    for segment in rest.split('/') {
        if segment.is_empty() {
            continue;
        }
        if segment == ".."
            || segment == "."
            || segment.contains(['\\', '\0', ':'])
            || segment.starts_with('~')
        {
            return None;
        }
        path.push(segment);
    }
    if path.is_dir() {
        // Folders are pages: served with their index.html.
        path.push("index.html");
    }
    let real = std::fs::canonicalize(&path).ok()?;
    let root = std::fs::canonicalize(out).ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are not
/// UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_refuses_escapes() {
        assert_eq!(
            percent_decode("/bai-viet/%C3%A1/").as_deref(),
            Some("/bai-viet/á/")
        );
        assert_eq!(percent_decode("/%2e%2e/").as_deref(), Some("/../"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%ff"), None);
        assert_eq!(percent_decode("/%"), None);
    }

    #[test]
    fn base_path_of_a_url() {
        assert_eq!(url_path("https://thanhmien.vn/"), "/");
        assert_eq!(url_path("https://a.vn/portal"), "/portal/");
        assert_eq!(url_path("https://a.vn"), "/");
    }

    #[test]
    fn only_files_inside_the_output_resolve() {
        let dir = std::env::temp_dir().join(format!("loa-serve-test-{}", std::process::id()));
        let out = dir.join("out");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "a").unwrap();
        std::fs::write(dir.join("secret.txt"), "s").unwrap();
        assert!(resolve(&out, "a/").is_some());
        assert!(resolve(&out, "a").is_some());
        assert!(resolve(&out, "../secret.txt").is_none());
        assert!(resolve(&out, "a/../../secret.txt").is_none());
        assert!(resolve(&out, "C:/secret.txt").is_none());
        assert!(resolve(&out, "a\\..\\..\\secret.txt").is_none());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("secret.txt"), out.join("link.txt")).unwrap();
            assert!(resolve(&out, "link.txt").is_none());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
