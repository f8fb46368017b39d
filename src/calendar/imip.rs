//! Invitations received by mail (iMIP, RFC 6047): the event of a
//! `METHOD:REQUEST` (or `CANCEL`) calendar part, who organises and who is
//! invited.

use super::ics::{event, split, unfold, Property};
use crate::jmap::calendar_set::NewEvent;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
    /// PARTSTAT as written (NEEDS-ACTION, ACCEPTED…).
    pub status: String,
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub method: String,
    pub uid: String,
    pub sequence: u32,
    pub event: NewEvent,
    pub organizer: Person,
    pub attendees: Vec<Person>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accepted,
    Tentative,
    Declined,
}

impl Answer {
    /// JSCalendar `participationStatus`.
    pub fn status(self) -> &'static str {
        match self {
            Answer::Accepted => "accepted",
            Answer::Tentative => "tentative",
            Answer::Declined => "declined",
        }
    }

    pub fn word_key(self) -> &'static str {
        match self {
            Answer::Accepted => "invite.word_accepted",
            Answer::Tentative => "invite.word_tentative",
            Answer::Declined => "invite.word_declined",
        }
    }
}

fn person(p: &Property) -> Person {
    let (_, params, value) = p;
    let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let email = value
        .trim()
        .strip_prefix("mailto:")
        .or_else(|| value.trim().strip_prefix("MAILTO:"))
        .unwrap_or(value.trim())
        .to_string();
    Person {
        name: param("CN").unwrap_or_default(),
        email,
        status: param("PARTSTAT").unwrap_or_else(|| "NEEDS-ACTION".into()),
        optional: param("ROLE").as_deref() == Some("OPT-PARTICIPANT"),
    }
}

/// The first event of a calendar part, with its method.
pub fn parse(text: &str, default_tz: &str) -> Option<Invitation> {
    let unfolded = unfold(text);
    let mut method = String::new();
    let mut props: Vec<Property> = Vec::new();
    let mut depth_event = false;
    for line in unfolded.lines() {
        let line = line.trim_end_matches('\r');
        match line.to_ascii_uppercase().as_str() {
            "BEGIN:VEVENT" if props.is_empty() => depth_event = true,
            "END:VEVENT" if depth_event => break,
            _ => {
                let Some(p) = split(line) else { continue };
                if depth_event {
                    props.push(p);
                } else if p.0 == "METHOD" {
                    method = p.2.trim().to_ascii_uppercase();
                }
            }
        }
    }
    let get = |n: &str| props.iter().find(|p| p.0 == n);
    let uid = get("UID")?.2.trim().to_string();
    let event = event(&props, "", default_tz)?;
    Some(Invitation {
        method,
        uid,
        sequence: get("SEQUENCE")
            .and_then(|p| p.2.trim().parse().ok())
            .unwrap_or(0),
        event,
        organizer: get("ORGANIZER").map(person)?,
        attendees: props
            .iter()
            .filter(|p| p.0 == "ATTENDEE")
            .map(person)
            .collect(),
    })
}

impl Invitation {
    /// The attendee among the given addresses (the message's recipients).
    pub fn me<'a>(&'a self, mine: &[String]) -> Option<&'a Person> {
        self.attendees
            .iter()
            .find(|a| mine.iter().any(|m| m.eq_ignore_ascii_case(&a.email)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUEST: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:conseil@ac-toulouse.fr\r\nDTSTART;TZID=Europe/Paris:20261210T170000\r\nDTEND;TZID=Europe/Paris:20261210T190000\r\nSUMMARY:Conseil pédagogique\r\nLOCATION:Salle du conseil\\, Collège\r\nORGANIZER;CN=Hélène Garnier:mailto:helene.garnier@ac-toulouse.fr\r\nATTENDEE;CN=Marie Dupont;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:marie.dupont@ac-toulouse.fr\r\nATTENDEE;CN=Paul Roux;ROLE=OPT-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:paul.roux@ac-toulouse.fr\r\nSEQUENCE:2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn reads_the_invitation_and_finds_me() {
        let inv = parse(REQUEST, "Europe/Paris").unwrap();
        assert_eq!(
            (inv.method.as_str(), inv.uid.as_str(), inv.sequence),
            ("REQUEST", "conseil@ac-toulouse.fr", 2)
        );
        assert_eq!(
            (inv.event.title.as_str(), inv.event.minutes),
            ("Conseil pédagogique", 120)
        );
        assert_eq!(inv.event.location, "Salle du conseil, Collège");
        assert_eq!(inv.organizer.email, "helene.garnier@ac-toulouse.fr");
        assert_eq!(inv.attendees.len(), 2);
        assert!(inv.attendees[1].optional);
        let me = inv
            .me(&["Marie.Dupont@ac-toulouse.fr".into()])
            .unwrap()
            .clone();
        assert_eq!(me.status, "NEEDS-ACTION");
        assert!(inv.me(&["x@y.fr".into()]).is_none());
        assert!(parse("BEGIN:VCALENDAR\r\nEND:VCALENDAR", "Europe/Paris").is_none());
    }
}
