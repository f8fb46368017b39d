//! Read receipts asked for by a sender (RFC 8098): sent with MDN/send (RFC
//! 9007) or declined; either way the message gets `$mdnsent` so that the
//! question is asked once.

use crate::jmap::error::SetError;
use crate::jmap::request::{Call, Request};
use crate::jmap::response::{Response, SetResponse};
use crate::jmap::session::{CORE, MAIL};
use crate::jmap::Error;
use serde_json::json;
use std::collections::BTreeMap;

/// The answer to either request: MDN/send reports refusals as `notSent`,
/// Email/set as `notUpdated`.
pub fn read_answer(resp: &Response, call: &Call) -> Result<(), Error> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct NotSent {
        #[serde(default)]
        not_sent: Option<BTreeMap<String, SetError>>,
    }
    let refused: NotSent = resp.get(call)?;
    if let Some((id, error)) = refused.not_sent.into_iter().flatten().next() {
        return Err(Error::Set { id, error });
    }
    let set: SetResponse = resp.get(call)?;
    set.first_error().map_or(Ok(()), Err)
}

pub const MDN: &str = "urn:ietf:params:jmap:mdn";

/// « Envoyer l'accusé »: a `displayed` notification, sent by the user's
/// choice, and `$mdnsent` on success, in one request. `cyrus`: Cyrus 3.6
/// implements an earlier draft that refuses `identityId` and
/// `onSuccessUpdateEmail` and sets the keyword itself.
pub fn send_receipt_request(
    account: &str,
    identity: &str,
    email_id: &str,
    cyrus: bool,
) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, MAIL, MDN]);
    // RFC 8098 tokens are case-insensitive; Cyrus compares them as spelled
    // in RFC 8098, RFC 9007 writes them in lower case.
    let sending = if cyrus {
        "MDN-sent-manually"
    } else {
        "mdn-sent-manually"
    };
    let mut args = json!({
        "accountId": account,
        "send": { "r": {
            "forEmailId": email_id,
            "disposition": {
                "actionMode": "manual-action",
                "sendingMode": sending,
                "type": "displayed"
            }
        }},
    });
    if !cyrus {
        args["identityId"] = json!(identity);
        args["onSuccessUpdateEmail"] = json!({ "#r": { "keywords/$mdnsent": true } });
    }
    let call = req.call("MDN/send", &args);
    (req, call)
}

/// « Ignorer »: nothing is sent; the question is not asked again.
pub fn decline_receipt_request(account: &str, email_id: &str) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let call = req.call(
        "Email/set",
        &json!({ "accountId": account, "update": { email_id: { "keywords/$mdnsent": true } } }),
    );
    (req, call)
}

/// Whether to ask: a receipt is wanted, not already answered, and the
/// message is not one's own.
pub fn wanted(
    receipt_to: &Option<Vec<crate::jmap::mail::EmailAddress>>,
    mdn_sent: bool,
    own: bool,
) -> bool {
    !mdn_sent
        && !own
        && receipt_to
            .as_ref()
            .is_some_and(|r| r.iter().any(|a| a.email.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jmap::mail::EmailAddress;

    #[test]
    fn receipts_are_one_request_each() {
        let (cyrus, _) = send_receipt_request("u", "u", "E1", true);
        let args = &cyrus.to_json()["methodCalls"][0][1];
        assert!(args.get("identityId").is_none() && args.get("onSuccessUpdateEmail").is_none());
        let (req, call) = send_receipt_request("u", "u", "E1", false);
        let body = req.to_json();
        assert_eq!(body["methodCalls"][0][1]["identityId"], "u");
        assert_eq!(call.method, "MDN/send");
        assert!(body["using"].as_array().unwrap().iter().any(|u| u == MDN));
        let args = &body["methodCalls"][0][1];
        assert_eq!(args["send"]["r"]["forEmailId"], "E1");
        assert_eq!(args["send"]["r"]["disposition"]["type"], "displayed");
        assert_eq!(
            args["onSuccessUpdateEmail"]["#r"]["keywords/$mdnsent"],
            true
        );
        let (req, _) = decline_receipt_request("u", "E1");
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["update"]["E1"]["keywords/$mdnsent"],
            true
        );
    }

    #[test]
    fn refusals_are_errors() {
        let (_, call) = send_receipt_request("u", "u", "E1", false);
        let ok = Response::parse(r#"{"methodResponses":[["MDN/send",{"sent":{"r":{}}},"c0"]]}"#)
            .unwrap();
        assert_eq!(read_answer(&ok, &call), Ok(()));
        let refused = Response::parse(
            r#"{"methodResponses":[["MDN/send",{"notSent":{"r":{"type":"mdnAlreadySent"}}},"c0"]]}"#,
        )
        .unwrap();
        assert!(matches!(
            read_answer(&refused, &call),
            Err(Error::Set { .. })
        ));
    }

    #[test]
    fn asked_once_and_not_for_ones_own() {
        let to = Some(vec![EmailAddress {
            name: None,
            email: Some("a@b.fr".into()),
        }]);
        assert!(wanted(&to, false, false));
        assert!(!wanted(&to, true, false));
        assert!(!wanted(&to, false, true));
        assert!(!wanted(&None, false, false));
        assert!(!wanted(&Some(vec![]), false, false));
    }
}
