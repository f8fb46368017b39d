//! Managing the calendars themselves (Cyrus's
//! `https://cyrusimap.org/ns/jmap/calendars`): rename, recolour, delete,
//! each a Calendar/set sent with the period read again in the same request;
//! and how many events a calendar holds (for the deletion's confirmation).

use super::calendar::{range_calls, WeekCalls};
use super::request::{Call, Request};
use super::response::{QueryResponse, Response};
use super::session::{CORE, CYRUS_CALENDARS};
use super::Error;
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarChange {
    Rename {
        id: String,
        name: String,
    },
    Recolor {
        id: String,
        color: String,
    },
    /// The calendar and every event in it (Cyrus 3.6 removes the
    /// collection whole; it knows no `onDestroyRemoveEvents`).
    Destroy {
        id: String,
    },
}

/// The Calendar/set arguments of a change.
pub fn calendar_set_args(account: &str, change: &CalendarChange) -> serde_json::Value {
    match change {
        CalendarChange::Rename { id, name } => {
            json!({ "accountId": account, "update": { id: { "name": name } } })
        }
        CalendarChange::Recolor { id, color } => {
            json!({ "accountId": account, "update": { id: { "color": color } } })
        }
        CalendarChange::Destroy { id } => json!({ "accountId": account, "destroy": [id] }),
    }
}

/// The change, then the calendars and the period again, in one request.
pub fn calendar_change_request(
    account: &str,
    change: &CalendarChange,
    after: &str,
    before: &str,
) -> (Request, Call, WeekCalls) {
    let mut req = Request::new().using(&[CORE, CYRUS_CALENDARS]);
    let set = req.call("Calendar/set", &calendar_set_args(account, change));
    let week = range_calls(&mut req, account, after, before);
    (req, set, week)
}

/// How many events (series count once) a calendar holds.
pub fn count_request(account: &str, calendar_id: &str) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, CYRUS_CALENDARS]);
    let call = req.call(
        "CalendarEvent/query",
        &json!({ "accountId": account,
                 "filter": { "inCalendars": [calendar_id] },
                 "calculateTotal": true, "limit": 1 }),
    );
    (req, call)
}

pub fn read_count(resp: &Response, call: &Call) -> Result<Option<u64>, Error> {
    let q: QueryResponse = resp.get(call)?;
    Ok(q.total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_is_one_calendar_set_then_the_period() {
        let change = CalendarChange::Rename {
            id: "C1".into(),
            name: "Conseils".into(),
        };
        let (req, set, _) = calendar_change_request("u", &change, "a", "b");
        let body = req.to_json();
        let calls = body["methodCalls"].as_array().unwrap();
        assert_eq!(calls[0][0], "Calendar/set");
        assert_eq!(calls[0][2], set.id.as_str());
        assert_eq!(
            calls[0][1],
            json!({ "accountId": "u", "update": { "C1": { "name": "Conseils" } } })
        );
        assert_eq!(calls[1][0], "Calendar/get");
        assert_eq!(calls[2][0], "CalendarEvent/query");
        assert_eq!(calls[3][0], "CalendarEvent/get");
        assert!(body["using"]
            .as_array()
            .unwrap()
            .contains(&json!(CYRUS_CALENDARS)));
    }

    #[test]
    fn recolour_and_destroy_arguments() {
        let c = CalendarChange::Recolor {
            id: "C1".into(),
            color: "#15803d".into(),
        };
        assert_eq!(
            calendar_set_args("u", &c),
            json!({ "accountId": "u", "update": { "C1": { "color": "#15803d" } } })
        );
        let d = CalendarChange::Destroy { id: "C1".into() };
        assert_eq!(
            calendar_set_args("u", &d),
            json!({ "accountId": "u", "destroy": ["C1"] })
        );
    }

    #[test]
    fn counting_a_calendar() {
        let (req, call) = count_request("u", "C1");
        let body = req.to_json();
        assert_eq!(
            body["methodCalls"][0][1]["filter"]["inCalendars"],
            json!(["C1"])
        );
        let resp = Response::parse(
            r#"{"methodResponses":[["CalendarEvent/query",{"accountId":"u","queryState":"1",
                "canCalculateChanges":false,"position":0,"total":7,"ids":["x"]},"c0"]],
                "sessionState":"s"}"#,
        )
        .unwrap();
        assert_eq!(read_count(&resp, &call).unwrap(), Some(7));
    }

    #[test]
    fn cyrus_calendars_carry_colour_and_rights() {
        // As Cyrus 3.6.1 answered Calendar/get after Calendar/set
        // `color` (a calendar never coloured has no `color`).
        let resp = Response::parse(
            r##"{"methodResponses":[["Calendar/get",{"state":"192","list":[
              {"id":"Default","name":"Agenda personnel","sortOrder":0,"isVisible":true,
               "mayReadItems":true,"mayAddItems":true,"mayModifyItems":true,
               "mayRemoveItems":true,"mayRename":true,"mayDelete":true,"shareWith":null},
              {"id":"q286","name":"Probe2","color":"#c2410c","mayReadItems":true,
               "mayAddItems":false,"mayModifyItems":false,"mayRemoveItems":false}],
              "notFound":[],"accountId":"u"},"c0"]],"sessionState":"s"}"##,
        )
        .unwrap();
        let call = Call {
            id: "c0".into(),
            method: "Calendar/get".into(),
        };
        let cals: crate::jmap::response::GetResponse<crate::jmap::calendar::Calendar> =
            resp.get(&call).unwrap();
        assert_eq!(cals.list[0].color, None);
        assert!(cals.list[0].may_modify_items);
        assert_eq!(cals.list[1].color.as_deref(), Some("#c2410c"));
        assert!(!cals.list[1].may_modify_items);
    }
}
