//! Batching: requests issued in the same tick travel in one POST, within the
//! server's `maxCallsInRequest`. Call ids are prefixed per request so that each
//! caller reads back its own answers; result references are rewritten to match.
//! Creation ids (`#k1` inside `/set` arguments) are not rewritten: callers must
//! use unique ones.

use super::error::Error;
use super::request::Request;
use super::response::Response;
use serde_json::Value;

/// Groups requests (given by their call counts) into POSTs of at most `max`
/// calls, in order; a request is never split because its references would break.
pub fn plan(sizes: &[usize], max: usize) -> Vec<Vec<usize>> {
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    let mut used = 0;
    for (i, &n) in sizes.iter().enumerate() {
        match chunks.last_mut() {
            Some(chunk) if used + n <= max => {
                chunk.push(i);
                used += n;
            }
            _ => {
                chunks.push(vec![i]);
                used = n;
            }
        }
    }
    chunks
}

fn prefixed(i: usize, id: &str) -> String {
    format!("r{i}.{id}")
}

/// Merges requests into one, prefixing ids with the request's index.
pub fn merge(requests: &[(usize, &Request)]) -> Request {
    let mut merged = Request::new();
    for (i, req) in requests {
        merged.using.extend(req.using.iter().cloned());
        for call in &req.calls {
            let mut call = call.clone();
            call.id = prefixed(*i, &call.id);
            for (key, value) in call.args.iter_mut() {
                if key.starts_with('#') {
                    if let Some(Value::String(of)) = value.get_mut("resultOf") {
                        *of = prefixed(*i, of);
                    }
                }
            }
            merged.calls.push(call);
        }
    }
    merged
}

/// The part of a merged response that belongs to request `i`, ids restored.
pub fn split(response: &Response, i: usize) -> Response {
    let prefix = format!("r{i}.");
    let method_responses = response
        .method_responses
        .iter()
        .filter_map(|(name, args, id)| {
            id.strip_prefix(&prefix)
                .map(|orig| (name.clone(), args.clone(), orig.to_string()))
        })
        .collect();
    Response {
        method_responses,
        session_state: response.session_state.clone(),
    }
}

/// Checks before sending that a lone request fits the server's limit.
pub fn check_size(req: &Request, max: usize) -> Result<(), Error> {
    if req.len() > max {
        return Err(Error::Decode(format!(
            "request has {} calls, server accepts {max}",
            req.len()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jmap::request::{GetArgs, Ids};
    use serde_json::json;

    #[test]
    fn plans_within_limit_in_order() {
        assert_eq!(plan(&[1, 2, 3], 50), vec![vec![0, 1, 2]]);
        assert_eq!(plan(&[30, 30, 10], 50), vec![vec![0], vec![1, 2]]);
        assert_eq!(plan(&[60, 1], 50), vec![vec![0], vec![1]]);
        assert!(plan(&[], 50).is_empty());
    }

    #[test]
    fn merge_and_split_round_trip() {
        let mut a = Request::new().using(&["urn:ietf:params:jmap:mail"]);
        let q = a.call("Email/query", &json!({"accountId": "x"}));
        let g = a.call(
            "Email/get",
            &GetArgs::ids("x", Ids::Ref(q.reference("/ids"))),
        );
        let mut b = Request::new().using(&["urn:ietf:params:jmap:core"]);
        let m = b.call("Mailbox/get", &GetArgs::all("x"));
        let merged = merge(&[(0, &a), (1, &b)]);
        let body = merged.to_json();
        assert_eq!(
            body["methodCalls"][1][1]["#ids"]["resultOf"],
            json!("r0.c0")
        );
        assert_eq!(body["methodCalls"][2][2], json!("r1.c0"));
        assert_eq!(merged.using.len(), 2);

        let response = Response::parse(
            r#"{"sessionState":"s","methodResponses":[
              ["Email/query",{"ids":["e1"]},"r0.c0"],
              ["Email/get",{"list":[{"id":"e1"}]},"r0.c1"],
              ["Mailbox/get",{"list":[]},"r1.c0"]]}"#,
        )
        .unwrap();
        let ra = split(&response, 0);
        let rb = split(&response, 1);
        assert_eq!(ra.method_responses.len(), 2);
        assert_eq!(ra.method_responses[1].2, g.id);
        assert_eq!(rb.method_responses[0].2, m.id);
        assert_eq!(rb.session_state, "s");
    }

    #[test]
    fn oversize_request_is_refused_before_sending() {
        let mut r = Request::new();
        for _ in 0..3 {
            r.call("Core/echo", &json!({}));
        }
        assert!(check_size(&r, 2).is_err());
        assert!(check_size(&r, 3).is_ok());
    }
}
