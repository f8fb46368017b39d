//! Who the message is from: the JMAP identity, or (Cyrus leaves its
//! identity empty) the From of the last message in Envoyés.
use crate::jmap::mail::EmailAddress;
use crate::jmap::request::{Call, Comparator, GetArgs, Ids, QueryArgs, Request};
use crate::jmap::response::{GetResponse, Response};
use crate::jmap::session::{CORE, MAIL, SUBMISSION};
use serde::Deserialize;
use serde_json::{json, Map};

#[derive(Deserialize)]
struct Identity {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
}

#[derive(Deserialize)]
struct FromOnly {
    #[serde(default)]
    from: Option<Vec<EmailAddress>>,
}

pub struct SenderCalls {
    identity: Call,
    last_sent: Option<Call>,
}

pub fn request(account: &str, sent_mailbox: Option<&str>) -> (Request, SenderCalls) {
    let mut req = Request::new().using(&[CORE, MAIL, SUBMISSION]);
    let identity = req.call("Identity/get", &GetArgs::all(account));
    let last_sent = sent_mailbox.map(|sent| {
        let q = req.call(
            "Email/query",
            &QueryArgs {
                account_id: account.into(),
                filter: Some(json!({ "inMailbox": sent })),
                sort: vec![Comparator {
                    property: "receivedAt".into(),
                    is_ascending: false,
                }],
                position: 0,
                limit: Some(1),
                calculate_total: false,
                extra: Map::new(),
            },
        );
        req.call(
            "Email/get",
            &GetArgs::ids(account, Ids::Ref(q.reference("/ids"))).properties(&["from"]),
        )
    });
    (
        req,
        SenderCalls {
            identity,
            last_sent,
        },
    )
}

pub fn read(resp: &Response, calls: &SenderCalls) -> Option<EmailAddress> {
    let ids: Option<GetResponse<Identity>> = resp.get(&calls.identity).ok();
    if let Some(i) = ids.and_then(|g| g.list.into_iter().find(|i| !i.email.trim().is_empty())) {
        return Some(EmailAddress {
            name: Some(i.name).filter(|n| !n.trim().is_empty()),
            email: Some(i.email),
        });
    }
    let sent: GetResponse<FromOnly> = resp.get(calls.last_sent.as_ref()?).ok()?;
    sent.list
        .into_iter()
        .find_map(|e| e.from.and_then(|f| f.into_iter().next()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_identity_falls_back_to_last_sent() {
        let (_, calls) = request("u", Some("SENT"));
        let resp = Response::parse(
            r#"{"methodResponses":[
              ["Identity/get",{"list":[{"id":"u","name":"","email":""}]},"c0"],
              ["Email/query",{"ids":["e"]},"c1"],
              ["Email/get",{"list":[{"id":"e","from":[{"name":"Marie Dupont","email":"marie.dupont@ac-toulouse.fr"}]}]},"c2"]]}"#,
        )
        .unwrap();
        let got = read(&resp, &calls).unwrap();
        assert_eq!(got.email.as_deref(), Some("marie.dupont@ac-toulouse.fr"));
        let resp = Response::parse(
            r#"{"methodResponses":[["Identity/get",{"list":[{"id":"u","name":"M","email":"m@x.fr"}]},"c0"]]}"#,
        )
        .unwrap();
        assert_eq!(
            read(&resp, &calls).unwrap().email.as_deref(),
            Some("m@x.fr")
        );
        let (_, no_sent) = request("u", None);
        let resp =
            Response::parse(r#"{"methodResponses":[["Identity/get",{"list":[]},"c0"]]}"#).unwrap();
        assert_eq!(read(&resp, &no_sent), None);
    }
}
