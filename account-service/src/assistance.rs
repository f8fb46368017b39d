//! Assistance requests: a reference for the user, a plain-text mail for the
//! assistance team (delivered by smtp.rs).

use crate::smtp::Mail;
use crate::validate::AssistanceRequest;

/// (year, month, day) of a day count since 1970-01-01 (H. Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// `Mon, 30 Nov 2026 06:47:21 +0000` for a Unix time.
pub fn rfc5322_date(unix: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = (unix / 86_400) as i64;
    let secs = unix % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{}, {d:02} {} {y} {:02}:{:02}:{:02} +0000",
        DAYS[(days % 7) as usize],
        MONTHS[(m - 1) as usize],
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// `AST-20261130-4F2A`.
pub fn reference(prefix: &str, unix: u64, random: [u8; 2]) -> String {
    let (y, m, d) = civil_from_days((unix / 86_400) as i64);
    format!(
        "{prefix}-{y:04}{m:02}{d:02}-{:02X}{:02X}",
        random[0], random[1]
    )
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

fn text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

pub struct Envelope<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub client_ip: &'a str,
}

pub fn compose(req: &AssistanceRequest, reference: &str, env: &Envelope<'_>, unix: u64) -> Mail {
    let login = req
        .login
        .as_deref()
        .map(one_line)
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "(non renseigné)".into());
    let phone = req
        .phone
        .as_deref()
        .map(one_line)
        .unwrap_or_else(|| "(non renseigné)".into());
    let body = format!(
        "Demande d'assistance « Mon compte » (MaMamia)\n\n\
         Référence : {reference}\n\
         Sujet : {topic}\n\
         Nom : {name}\n\
         Identifiant : {login}\n\
         Adresse électronique : {email}\n\
         Téléphone : {phone}\n\
         Adresse IP : {ip}\n\n\
         Description :\n{description}\n",
        topic = req.topic.label(),
        name = one_line(&req.name),
        email = req.email,
        ip = env.client_ip,
        description = text(&req.description),
    );
    let domain = env
        .from
        .rsplit_once('@')
        .map(|(_, d)| d)
        .unwrap_or("localhost");
    Mail {
        from: env.from.to_string(),
        to: env.to.to_string(),
        reply_to: Some(req.email.clone()),
        subject: format!(
            "[{reference}] Assistance Mon compte — {}",
            req.topic.label()
        ),
        body,
        date: rfc5322_date(unix),
        message_id: format!("<{reference}.{unix}@{domain}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{parse, AssistanceRequest};

    #[test]
    fn dates_and_references() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        // 2026-11-30 06:47:21 UTC
        let t = 1_796_021_241;
        assert_eq!(rfc5322_date(t), "Mon, 30 Nov 2026 06:47:21 +0000");
        assert_eq!(reference("AST", t, [0x4f, 0x2a]), "AST-20261130-4F2A");
    }

    #[test]
    fn mail_content_is_sanitised() {
        let body = r#"{"login":"jdoe\r\nBcc: x@y.fr","name":"Jean\nDupont","email":"jean@ac-toulouse.fr","topic":"password","description":"Je n'arrive plus\u0007 à me connecter depuis lundi."}"#;
        let req: AssistanceRequest = match parse(body.as_bytes(), false) {
            Ok(r) => r,
            Err(e) => panic!("{e:?}"),
        };
        let env = Envelope {
            from: "mamamia@ac-toulouse.fr",
            to: "assistance@ac-toulouse.fr",
            client_ip: "127.0.0.1",
        };
        let m = compose(&req, "AST-20261130-4F2A", &env, 1_796_021_241);
        assert!(m.body.contains("Identifiant : jdoe  Bcc: x@y.fr\n"));
        assert!(m.body.contains("Nom : Jean Dupont\n"));
        assert!(!m.body.contains('\u{7}'));
        assert_eq!(m.reply_to.as_deref(), Some("jean@ac-toulouse.fr"));
        assert!(m.subject.starts_with("[AST-20261130-4F2A]"));
        assert_eq!(
            m.message_id,
            "<AST-20261130-4F2A.1796021241@ac-toulouse.fr>"
        );
    }
}
