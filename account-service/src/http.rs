//! tiny_http glue: a pool of worker threads, body size limit, client address
//! (trusted proxies), JSON responses, and the access log (method, path,
//! status, duration — never bodies).

use std::io::Read;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use tiny_http::{Header, Response, Server};

use crate::api::{App, Reply, Request};
use crate::errors::ApiError;

/// The client address: the peer, or, when the peer is a trusted proxy, the
/// nearest `X-Forwarded-For` hop that is not one of ours. Read from the right:
/// a proxy that appends (nginx `$proxy_add_x_forwarded_for`) leaves whatever
/// the client sent on the left, where it could pick its own address.
pub fn client_ip(peer: Option<IpAddr>, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
    if !trusted.contains(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    for hop in header.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => continue,
            Ok(ip) => return ip,
            // an unreadable hop: nothing left of it can be trusted
            Err(_) => return peer,
        }
    }
    peer
}

fn header<'a>(req: &'a tiny_http::Request, name: &'static str) -> Option<&'a str> {
    req.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

fn loggable(path: &str) -> String {
    path.chars()
        .take(120)
        .map(|c| if c.is_control() || c == ' ' { '?' } else { c })
        .collect()
}

fn respond(req: tiny_http::Request, reply: Reply, close: bool) {
    let mut headers = vec![
        ("Cache-Control", "no-store".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
    ];
    headers.extend(reply.headers);
    if close {
        headers.push(("Connection", "close".to_string()));
    }
    let body = reply.body.map(|b| b.to_string().into_bytes());
    let has_body = body.is_some();
    let mut resp = Response::from_data(body.unwrap_or_default()).with_status_code(reply.status);
    if has_body {
        headers.push(("Content-Type", "application/json".to_string()));
    }
    for (k, v) in headers {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            resp.add_header(h);
        }
    }
    let _ = req.respond(resp);
}

fn serve_one(app: &App, mut req: tiny_http::Request) {
    let started = Instant::now();
    let method = req.method().as_str().to_string();
    let path = req.url().split('?').next().unwrap_or("").to_string();
    let limit = app.config().max_body_bytes;
    let declared = header(&req, "Content-Length").map(|v| v.trim().parse::<u64>());
    let (reply, close) = if matches!(declared, Some(Ok(n)) if n > limit as u64) {
        (Reply::error(&ApiError::payload_too_large(limit)), true)
    } else if matches!(declared, Some(Err(_))) {
        (
            Reply::error(&ApiError::invalid_request(
                "En-tête Content-Length invalide.",
            )),
            true,
        )
    } else {
        let mut body = Vec::new();
        let read = req
            .as_reader()
            .take(limit as u64 + 1)
            .read_to_end(&mut body);
        if read.is_err() {
            (
                Reply::error(&ApiError::invalid_request("Corps de requête illisible.")),
                true,
            )
        } else if body.len() > limit {
            (Reply::error(&ApiError::payload_too_large(limit)), true)
        } else {
            let peer = req.remote_addr().map(|a| a.ip());
            let ip = client_ip(
                peer,
                header(&req, "X-Forwarded-For"),
                &app.config().trusted_proxies,
            );
            let content_type = header(&req, "Content-Type").map(str::to_string);
            let api_req = Request {
                method: &method,
                path: &path,
                content_type: content_type.as_deref(),
                body: &body,
                client_ip: ip,
            };
            let reply =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| app.handle(&api_req)))
                    .unwrap_or_else(|_| Reply::error(&ApiError::internal()));
            (reply, false)
        }
    };
    let status = reply.status;
    respond(req, reply, close);
    eprintln!(
        "{} {} {} {}ms",
        loggable(&method),
        loggable(&path),
        status,
        started.elapsed().as_millis()
    );
}

/// Serves until the process ends.
pub fn run(app: Arc<App>, server: Arc<Server>, workers: usize) {
    let handles: Vec<_> = (0..workers.max(1))
        .map(|_| {
            let (app, server) = (app.clone(), server.clone());
            std::thread::spawn(move || loop {
                match server.recv() {
                    Ok(req) => serve_one(&app, req),
                    Err(e) => eprintln!("autan-compte: erreur de réception : {e}"),
                }
            })
        })
        .collect();
    for h in handles {
        let _ = h.join();
    }
}

#[cfg(test)]
mod tests {
    use super::client_ip;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::from([255, 255, 255, 255]))
    }

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let trusted = [ip("127.0.0.1")];
        assert_eq!(
            client_ip(
                Some(ip("127.0.0.1")),
                Some("203.0.113.7, 10.0.0.1"),
                &trusted
            ),
            ip("10.0.0.1"),
            "the hop our proxy saw, not what the client wrote on the left"
        );
        let two = [ip("127.0.0.1"), ip("10.1.1.1")];
        assert_eq!(
            client_ip(
                Some(ip("127.0.0.1")),
                Some("6.6.6.6, 203.0.113.7, 10.1.1.1"),
                &two
            ),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_ip(Some(ip("127.0.0.1")), Some("junk, 10.1.1.1"), &two),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_ip(Some(ip("198.51.100.2")), Some("203.0.113.7"), &trusted),
            ip("198.51.100.2")
        );
        assert_eq!(
            client_ip(Some(ip("127.0.0.1")), Some("garbage"), &trusted),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_ip(Some(ip("127.0.0.1")), None, &trusted),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_ip(Some(ip("127.0.0.1")), Some(" ::1 "), &trusted),
            ip("::1")
        );
    }
}
