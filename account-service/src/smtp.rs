//! A minimal SMTP client over std TcpStream: EHLO, MAIL, RCPT, DATA (with
//! dot-stuffing), QUIT. UTF-8 text bodies: 8bit when the relay offers
//! 8BITMIME, base64 otherwise; RFC 2047 encoded subject.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::base64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub from: String,
    pub to: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub body: String,
    /// RFC 5322 date, e.g. `Mon, 30 Nov 2026 06:47:21 +0000`.
    pub date: String,
    pub message_id: String,
}

pub trait Mailer: Send + Sync {
    fn send(&self, mail: &Mail) -> Result<(), String>;
}

pub struct Smtp {
    pub relay: String,
    pub helo: String,
    pub timeout: Duration,
}

/// RFC 2047 `=?UTF-8?B?…?=` words (each ≤ 75 chars, split on character
/// boundaries); plain ASCII is left as is.
pub fn encode_header(value: &str) -> String {
    if value.chars().all(|c| (' '..='~').contains(&c)) {
        return value.to_string();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in value.chars() {
        // 45 bytes of UTF-8 → 60 base64 chars + 12 of wrapping = 72.
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", base64::encode(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64::encode(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

/// CRLF line endings, and a dot doubled at the start of any line (RFC 5321 §4.5.2).
pub fn dot_stuff(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(normalized.len() + 64);
    for line in normalized.split('\n') {
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out
}

/// The message as sent after DATA (before dot-stuffing).
pub fn format_message(mail: &Mail, eight_bit: bool) -> String {
    let mut m = String::new();
    m.push_str(&format!("From: {}\r\n", mail.from));
    m.push_str(&format!("To: {}\r\n", mail.to));
    if let Some(r) = &mail.reply_to {
        m.push_str(&format!("Reply-To: {r}\r\n"));
    }
    m.push_str(&format!("Subject: {}\r\n", encode_header(&mail.subject)));
    m.push_str(&format!("Date: {}\r\n", mail.date));
    m.push_str(&format!("Message-ID: {}\r\n", mail.message_id));
    m.push_str("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n");
    let body = mail.body.replace("\r\n", "\n");
    // 8bit only when every line fits SMTP's 998 octets (a description typed
    // as one paragraph does not): base64 otherwise.
    if eight_bit && body.lines().all(|l| l.len() <= 998) {
        m.push_str("Content-Transfer-Encoding: 8bit\r\n\r\n");
        m.push_str(&body.replace('\n', "\r\n"));
    } else {
        m.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
        let b = base64::encode(body.as_bytes());
        for line in b.as_bytes().chunks(76) {
            m.push_str(&String::from_utf8_lossy(line));
            m.push_str("\r\n");
        }
    }
    m
}

struct Session {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Session {
    /// Reads one (possibly multi-line) reply: (code, text lines).
    fn reply(&mut self) -> Result<(u16, Vec<String>), String> {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            let n = self
                .reader
                .by_ref()
                .take(1024)
                .read_line(&mut line)
                .map_err(|e| format!("lecture : {e}"))?;
            if n == 0 {
                return Err("connexion fermée par le relais".into());
            }
            let line = line.trim_end().to_string();
            let code = line
                .get(..3)
                .and_then(|c| c.parse::<u16>().ok())
                .ok_or("réponse SMTP illisible")?;
            let last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line.get(4..).unwrap_or("").to_string());
            if last {
                return Ok((code, lines));
            }
            if lines.len() > 100 {
                return Err("réponse SMTP trop longue".into());
            }
        }
    }

    fn command(&mut self, cmd: &str, ok: &[u16]) -> Result<Vec<String>, String> {
        self.writer
            .write_all(cmd.as_bytes())
            .and_then(|()| self.writer.write_all(b"\r\n"))
            .map_err(|e| format!("écriture : {e}"))?;
        let (code, lines) = self.reply()?;
        if !ok.contains(&code) {
            let verb = cmd.split([' ', ':']).next().unwrap_or("");
            return Err(format!("{verb} refusé ({code})"));
        }
        Ok(lines)
    }
}

fn no_crlf(s: &str) -> Result<&str, String> {
    if s.contains(['\r', '\n', '<', '>']) {
        Err("adresse invalide".into())
    } else {
        Ok(s)
    }
}

impl Mailer for Smtp {
    fn send(&self, mail: &Mail) -> Result<(), String> {
        let addr = self
            .relay
            .to_socket_addrs()
            .map_err(|e| format!("relais {} : {e}", self.relay))?
            .next()
            .ok_or("relais sans adresse")?;
        let stream = TcpStream::connect_timeout(&addr, self.timeout)
            .map_err(|e| format!("connexion : {e}"))?;
        stream
            .set_read_timeout(Some(self.timeout))
            .map_err(|e| e.to_string())?;
        stream
            .set_write_timeout(Some(self.timeout))
            .map_err(|e| e.to_string())?;
        let writer = stream.try_clone().map_err(|e| e.to_string())?;
        let mut s = Session {
            reader: BufReader::new(stream),
            writer,
        };
        let (code, _) = s.reply()?;
        if code != 220 {
            return Err(format!("accueil refusé ({code})"));
        }
        let caps = s.command(&format!("EHLO {}", self.helo), &[250])?;
        let eight_bit = caps.iter().any(|c| c.eq_ignore_ascii_case("8BITMIME"));
        let body_param = if eight_bit { " BODY=8BITMIME" } else { "" };
        s.command(
            &format!("MAIL FROM:<{}>{body_param}", no_crlf(&mail.from)?),
            &[250],
        )?;
        s.command(&format!("RCPT TO:<{}>", no_crlf(&mail.to)?), &[250, 251])?;
        s.command("DATA", &[354])?;
        let data = dot_stuff(&format_message(mail, eight_bit));
        s.writer
            .write_all(data.as_bytes())
            .map_err(|e| format!("écriture : {e}"))?;
        s.command(".", &[250])?;
        let _ = s.command("QUIT", &[221]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    fn mail() -> Mail {
        Mail {
            from: "mamamia@ac-toulouse.fr".into(),
            to: "assistance@ac-toulouse.fr".into(),
            reply_to: Some("jean@ac-toulouse.fr".into()),
            subject: "[AST-20261130-4F2A] Demande d'assistance — Mot de passe".into(),
            body: "Bonjour,\n.ligne qui commence par un point\nÉté\n.".into(),
            date: "Mon, 30 Nov 2026 06:47:21 +0000".into(),
            message_id: "<AST-20261130-4F2A@ac-toulouse.fr>".into(),
        }
    }

    #[test]
    fn stuffing_and_headers() {
        assert_eq!(dot_stuff(".a\nb\r\n..c"), "..a\r\nb\r\n...c\r\n");
        let h = encode_header("Demande d'assistance — Mot de passe oublié, très long sujet à découper en plusieurs mots");
        for word in h.split("\r\n ") {
            assert!(
                word.starts_with("=?UTF-8?B?") && word.ends_with("?=") && word.len() <= 75,
                "{word}"
            );
        }
        assert_eq!(encode_header("ASCII only"), "ASCII only");
        let m = format_message(&mail(), true);
        assert!(m.contains("Subject: =?UTF-8?B?"));
        assert!(m.contains("\r\n\r\nBonjour,\r\n.ligne"));
    }

    /// A scripted relay: checks the dialogue and returns what DATA carried.
    fn fake_relay(eight_bit: bool, fail_rcpt: bool) -> (String, std::thread::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        let h = std::thread::spawn(move || {
            let Ok((stream, _)) = listener.accept() else {
                return String::new();
            };
            let mut w = stream.try_clone().unwrap_or_else(|e| panic!("{e}"));
            let mut r = BufReader::new(stream);
            let mut say = |s: &str| {
                let _ = w.write_all(s.as_bytes());
            };
            say("220 sink ESMTP\r\n");
            let mut data = String::new();
            let mut in_data = false;
            let mut line = String::new();
            while r.read_line(&mut line).unwrap_or(0) > 0 {
                if in_data {
                    if line == ".\r\n" {
                        in_data = false;
                        say("250 OK\r\n");
                    } else {
                        data.push_str(&line);
                    }
                } else if line.starts_with("EHLO") {
                    say(if eight_bit {
                        "250-sink\r\n250-SIZE 1000000\r\n250 8BITMIME\r\n"
                    } else {
                        "250 sink\r\n"
                    });
                } else if line.starts_with("MAIL FROM:<mamamia@ac-toulouse.fr>") {
                    assert_eq!(line.contains("BODY=8BITMIME"), eight_bit);
                    say("250 OK\r\n");
                } else if line.starts_with("RCPT TO:<assistance@ac-toulouse.fr>") {
                    say(if fail_rcpt {
                        "550 no\r\n"
                    } else {
                        "250 OK\r\n"
                    });
                } else if line == "DATA\r\n" {
                    in_data = true;
                    say("354 go\r\n");
                } else if line == "QUIT\r\n" {
                    say("221 bye\r\n");
                    break;
                } else {
                    say("500 what\r\n");
                }
                line.clear();
            }
            data
        });
        (addr, h)
    }

    #[test]
    fn dialogue_8bit_and_base64() {
        for eight_bit in [true, false] {
            let (addr, h) = fake_relay(eight_bit, false);
            let smtp = Smtp {
                relay: addr,
                helo: "localhost".into(),
                timeout: Duration::from_secs(5),
            };
            assert_eq!(smtp.send(&mail()), Ok(()));
            let data = h.join().unwrap_or_default();
            if eight_bit {
                assert!(
                    data.contains("\r\n..ligne qui commence par un point\r\nÉté\r\n..\r\n"),
                    "{data}"
                );
            } else {
                assert!(data.contains("Content-Transfer-Encoding: base64"));
                assert!(data.is_ascii());
            }
        }
    }

    #[test]
    fn refusal_is_an_error() {
        let (addr, h) = fake_relay(true, true);
        let smtp = Smtp {
            relay: addr,
            helo: "localhost".into(),
            timeout: Duration::from_secs(5),
        };
        assert!(smtp.send(&mail()).is_err());
        drop(smtp);
        let _ = h.join();
        let closed = Smtp {
            relay: "127.0.0.1:1".into(),
            helo: "x".into(),
            timeout: Duration::from_secs(1),
        };
        assert!(closed.send(&mail()).is_err());
    }
}
