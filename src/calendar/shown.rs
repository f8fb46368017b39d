//! Which calendars the views show, their colours and their rights: pure
//! functions (the hidden set is kept per account on this device, like the
//! preferences of `settings`, and survives logout).

use crate::jmap::calendar::{Calendar, Event};

/// localStorage key prefix of the hidden calendars (see `auth::KEPT_KEYS`).
pub const HIDDEN_PREFIX: &str = "autan.hidden_calendars.";

/// The colours offered: (catalogue key of the name, CSS colour). Each is
/// at least 4.5:1 against white, so a stripe or swatch stays visible.
pub const PALETTE: &[(&str, &str)] = &[
    ("agenda.color_blue", "#1d4ed8"),
    ("agenda.color_green", "#15803d"),
    ("agenda.color_orange", "#c2410c"),
    ("agenda.color_red", "#b91c1c"),
    ("agenda.color_purple", "#7e22ce"),
    ("agenda.color_teal", "#0f766e"),
    ("agenda.color_grey", "#4b5563"),
];

/// Drawn when a calendar has no colour (or one that is not a plain
/// `#rgb`/`#rrggbb`: the value comes from the server and goes into CSS).
pub const DEFAULT_COLOR: &str = "#0b4f9c";

/// The colour to draw for a calendar.
pub fn color_of(c: &Calendar) -> &str {
    match c.color.as_deref() {
        Some(s) if is_hex_color(s) => s,
        _ => DEFAULT_COLOR,
    }
}

pub fn is_hex_color(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else {
        return false;
    };
    matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The catalogue key naming a colour of the palette (case-insensitive).
pub fn color_name(color: &str) -> Option<&'static str> {
    PALETTE
        .iter()
        .find(|(_, hex)| hex.eq_ignore_ascii_case(color))
        .map(|(key, _)| *key)
}

/// The hidden calendar ids as stored (one per line).
pub fn parse_hidden(stored: &str) -> Vec<String> {
    let mut ids: Vec<String> = stored
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

pub fn write_hidden(ids: &[String]) -> String {
    ids.join("\n")
}

/// The hidden set after the « Afficher » box of `id` is set to `shown`.
pub fn toggle(hidden: &[String], id: &str, shown: bool) -> Vec<String> {
    let mut out: Vec<String> = hidden.iter().filter(|h| *h != id).cloned().collect();
    if !shown {
        out.push(id.to_string());
        out.sort();
    }
    out
}

/// The events of the calendars shown.
pub fn visible(events: &[Event], hidden: &[String]) -> Vec<Event> {
    events
        .iter()
        .filter(|e| !hidden.contains(&e.calendar_id))
        .cloned()
        .collect()
}

/// May the user change the events of `calendar_id`? An unknown calendar
/// is taken as read-only: nothing is offered that the server would refuse.
pub fn writable(calendars: &[Calendar], calendar_id: &str) -> bool {
    calendars
        .iter()
        .any(|c| c.id == calendar_id && c.may_modify_items)
}

/// The calendar new events and imports fill: the current one while it is
/// writable, else the first writable one (None when all are read-only).
pub fn default_target(calendars: &[Calendar], current: &str) -> Option<String> {
    if writable(calendars, current) {
        return Some(current.to_string());
    }
    calendars
        .iter()
        .find(|c| c.may_modify_items)
        .map(|c| c.id.clone())
}

/// The name and colour of an event's calendar.
pub fn calendar_of<'a>(calendars: &'a [Calendar], id: &str) -> Option<&'a Calendar> {
    calendars.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(id: &str, write: bool, color: Option<&str>) -> Calendar {
        Calendar {
            id: id.into(),
            name: id.to_uppercase(),
            may_modify_items: write,
            color: color.map(str::to_string),
        }
    }

    fn ev(id: &str, calendar: &str) -> Event {
        Event {
            id: id.into(),
            uid: id.into(),
            recurrence_id: None,
            title: id.into(),
            start: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            time_zone: "Europe/Paris".into(),
            minutes: 60,
            all_day: false,
            location: String::new(),
            calendar_id: calendar.into(),
            description: String::new(),
            alert: None,
        }
    }

    #[test]
    fn hidden_calendars_round_trip_and_toggle() {
        assert!(parse_hidden("").is_empty());
        let h = parse_hidden("b\n a \n\nb\n");
        assert_eq!(h, ["a", "b"]);
        assert_eq!(parse_hidden(&write_hidden(&h)), h);
        assert_eq!(toggle(&h, "a", true), ["b"]);
        assert_eq!(toggle(&h, "c", false), ["a", "b", "c"]);
        assert_eq!(toggle(&h, "a", false), ["a", "b"]);
    }

    #[test]
    fn hidden_calendars_hide_their_events_only() {
        let events = [ev("1", "perso"), ev("2", "classe"), ev("3", "perso")];
        let shown = visible(&events, &["perso".to_string()]);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].id, "2");
        assert_eq!(visible(&events, &[]).len(), 3);
    }

    #[test]
    fn colours_come_from_the_palette_or_fall_back() {
        assert_eq!(color_of(&cal("a", true, Some("#15803d"))), "#15803d");
        assert_eq!(color_of(&cal("a", true, None)), DEFAULT_COLOR);
        // Server text never reaches CSS unless it is a plain hex colour.
        assert_eq!(
            color_of(&cal("a", true, Some("red;x:url(y)"))),
            DEFAULT_COLOR
        );
        assert_eq!(color_of(&cal("a", true, Some("#12345"))), DEFAULT_COLOR);
        assert!(is_hex_color("#abc"));
        assert_eq!(color_name("#15803D"), Some("agenda.color_green"));
        assert_eq!(color_name("#000000"), None);
        // Every colour has a distinct name.
        let mut keys: Vec<_> = PALETTE.iter().map(|(k, _)| *k).collect();
        keys.dedup();
        assert_eq!(keys.len(), PALETTE.len());
    }

    #[test]
    fn read_only_calendars_are_never_targets_nor_editable() {
        let cals = [cal("shared", false, None), cal("perso", true, None)];
        assert!(!writable(&cals, "shared"));
        assert!(writable(&cals, "perso"));
        assert!(!writable(&cals, "unknown"));
        assert_eq!(default_target(&cals, ""), Some("perso".into()));
        assert_eq!(default_target(&cals, "shared"), Some("perso".into()));
        assert_eq!(default_target(&cals, "perso"), Some("perso".into()));
        assert_eq!(default_target(&[cal("shared", false, None)], ""), None);
        assert_eq!(
            calendar_of(&cals, "perso").map(|c| c.name.as_str()),
            Some("PERSO")
        );
    }
}
