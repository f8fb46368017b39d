//! The only browser-facing part of the protocol layer: HTTP through fetch.

use super::auth::Auth;
use super::error::Error;
use super::session::Session;
use gloo_net::http::{Request, RequestBuilder};
use web_sys::RequestCredentials;

fn with_auth(builder: RequestBuilder, auth: &Auth) -> RequestBuilder {
    let builder = builder.credentials(RequestCredentials::SameOrigin);
    match auth.header() {
        Some(h) => builder.header("Authorization", h),
        None => builder,
    }
}

fn transport(e: gloo_net::Error) -> Error {
    Error::Transport(e.to_string())
}

async fn finish(resp: gloo_net::http::Response) -> Result<(String, String), Error> {
    let status = resp.status();
    let url = resp.url();
    let body = resp.text().await.map_err(transport)?;
    if (200..300).contains(&status) {
        Ok((body, url))
    } else {
        Err(Error::from_http(status, &body))
    }
}

/// Fetches and decodes the session, following `/.well-known/jmap` redirects.
pub async fn get_session(url: &str, auth: &Auth) -> Result<Session, Error> {
    let resp = with_auth(Request::get(url), auth)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(transport)?;
    let (body, final_url) = finish(resp).await?;
    Session::parse(&body, &final_url)
}

/// POSTs a JSON body to the API URL and returns the response text.
pub async fn post_json(url: &str, auth: &Auth, body: String) -> Result<String, Error> {
    let req = with_auth(Request::post(url), auth)
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(transport)?;
    let resp = req.send().await.map_err(transport)?;
    finish(resp).await.map(|(b, _)| b)
}

/// POSTs a JSON body that must leave even as the page goes away (fetch's
/// `keepalive`); nobody is left to read the answer.
pub fn post_json_on_leave(url: &str, auth: &Auth, body: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(headers) = web_sys::Headers::new() else {
        return;
    };
    let _ = headers.set("Content-Type", "application/json");
    if let Some(h) = auth.header() {
        let _ = headers.set("Authorization", h);
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    // web-sys has no setter for `keepalive`: set it by name.
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
    init.set_credentials(RequestCredentials::SameOrigin);
    init.set_headers(&headers);
    init.set_body(&wasm_bindgen::JsValue::from_str(body));
    let _ = window.fetch_with_str_and_init(url, &init);
}
