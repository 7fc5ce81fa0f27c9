//! The preview's front door: reads each request's head within bounds before
//! the HTTP server (tiny_http) sees it. tiny_http reads a head whole however
//! long it is (a 300 MB header took 690 MB that stayed taken); here a
//! request line over [`MAX_REQUEST_LINE`] gets 414, a head over [`MAX_HEAD`]
//! gets 431, a head not finished within [`HEAD_TIMEOUT`] is dropped, and no
//! more than one head is held per connection, so memory stays flat. A
//! request that passes goes to tiny_http, which listens on another port of
//! 127.0.0.1, over a connection of its own, one request per connection.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// Longest request line (method, path, version): paths of the site are far
/// shorter; a longer one gets 414.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// Longest request head, all header lines together: a browser sends about
/// 1 KB; a longer one gets 431.
pub const MAX_HEAD: usize = 32 * 1024;
/// How long a client may take to send its head (a slow-loris connection
/// is let go after it).
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts the connections of `listener` for ever, each on a thread of its
/// own, and hands the requests that pass to the server at `inner`.
pub fn start(listener: TcpListener, inner: SocketAddr) {
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            std::thread::spawn(move || handle(client, inner));
        }
    });
}

/// Why a head is not passed on.
enum Refusal {
    LineTooLong,
    HeadTooLarge,
    /// The client went away or took too long.
    Gone,
}

/// The head read, up to its blank line, and what came after it (the start
/// of a body).
struct Head {
    head: Vec<u8>,
    rest: Vec<u8>,
}

fn handle(mut client: TcpStream, inner: SocketAddr) {
    let _ = client.set_read_timeout(Some(HEAD_TIMEOUT));
    let head = match read_head(&mut client) {
        Ok(head) => head,
        Err(Refusal::LineTooLong) => {
            return refuse(client, "414 URI Too Long", "Địa chỉ yêu cầu quá dài.")
        }
        Err(Refusal::HeadTooLarge) => {
            return refuse(
                client,
                "431 Request Header Fields Too Large",
                "Phần đầu của yêu cầu quá lớn.",
            )
        }
        Err(Refusal::Gone) => return,
    };
    let Ok(mut server) = TcpStream::connect(inner) else {
        return;
    };
    if server.write_all(&one_request(&head.head)).is_err() || server.write_all(&head.rest).is_err()
    {
        return;
    }
    let _ = client.set_read_timeout(None);
    // The body, if any, on to the server; the answer back to the client.
    if let (Ok(mut from_client), Ok(mut to_server)) = (client.try_clone(), server.try_clone()) {
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut from_client, &mut to_server);
            let _ = to_server.shutdown(Shutdown::Write);
        });
    }
    let _ = std::io::copy(&mut server, &mut client);
    // The server answered and closed: this connection is done both ways.
    let _ = client.shutdown(Shutdown::Both);
    let _ = server.shutdown(Shutdown::Both);
}

/// Reads until the blank line that ends the head, within the bounds.
fn read_head(client: &mut TcpStream) -> Result<Head, Refusal> {
    let started = Instant::now();
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            let rest = buf.split_off(end + 4);
            return Ok(Head { head: buf, rest });
        }
        let line_end = find(&buf, b"\r\n");
        if line_end.map_or(buf.len(), |e| e) > MAX_REQUEST_LINE {
            return Err(Refusal::LineTooLong);
        }
        if buf.len() > MAX_HEAD {
            return Err(Refusal::HeadTooLarge);
        }
        if started.elapsed() > HEAD_TIMEOUT {
            return Err(Refusal::Gone);
        }
        match client.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(Refusal::Gone),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The head with `Connection: close`, so that the next request comes on a
/// new connection, through this door again.
fn one_request(head: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(head);
    let mut out = String::with_capacity(head.len() + 20);
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        if line
            .split_once(':')
            .is_some_and(|(name, _)| name.trim().eq_ignore_ascii_case("connection"))
        {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("Connection: close\r\n\r\n");
    out.into_bytes()
}

/// Answers `status` and closes, after reading and dropping what the client
/// still sends (for a short while), so that it sees the answer rather than
/// a reset connection; nothing of it is kept.
fn refuse(mut client: TcpStream, status: &str, text: &str) {
    let body = format!("{text}\n");
    let answer = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = client.write_all(answer.as_bytes());
    let _ = client.shutdown(Shutdown::Write);
    let _ = client.set_read_timeout(Some(Duration::from_millis(500)));
    let started = Instant::now();
    let mut sink = [0u8; 16 * 1024];
    while started.elapsed() < Duration::from_secs(2) {
        match client.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passed_request_asks_for_its_own_connection() {
        let head = b"GET /a/ HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nConnection: keep-alive\r\n\r\n";
        assert_eq!(
            String::from_utf8(one_request(head)).unwrap(),
            "GET /a/ HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nConnection: close\r\n\r\n"
        );
    }
}
