//! Attachment downloads. With cookie auth a plain link would do; with the
//! in-memory Basic credentials the browser cannot authenticate a link, so the
//! blob is fetched with them and saved through an object URL. Either way the
//! file is saved, never rendered in the app's origin.

use crate::jmap::client::Client;
use crate::jmap::Error;
use wasm_bindgen::JsCast;

/// A blob's bytes, fetched with the session's credentials.
pub async fn fetch_bytes(
    client: &Client,
    account: &str,
    blob_id: &str,
    name: &str,
) -> Result<Vec<u8>, Error> {
    // Ask for a neutral type so that the server never labels it as HTML.
    let url = client.download_url(account, blob_id, name, "application/octet-stream");
    let mut req = gloo_net::http::Request::get(&url);
    if let Some(h) = client.auth().header() {
        req = req.header("Authorization", h);
    }
    let resp = req
        .send()
        .await
        .map_err(|e| Error::Transport(e.to_string()))?;
    if !resp.ok() {
        return Err(Error::from_http(resp.status(), ""));
    }
    resp.binary()
        .await
        .map_err(|e| Error::Transport(e.to_string()))
}

/// Saves an attachment. Always as a neutral type: a message's file is never
/// a document of the app's origin (no HTML or SVG blob to open), whatever
/// type its sender gave it.
pub async fn save(client: &Client, account: &str, blob_id: &str, name: &str) -> Result<(), Error> {
    let bytes = fetch_bytes(client, account, blob_id, name).await?;
    save_bytes(&bytes, name, "application/octet-stream")
}

/// Offers bytes made here (an export) as a file to save.
pub fn save_bytes(bytes: &[u8], name: &str, kind: &str) -> Result<(), Error> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(if kind.is_empty() {
        "application/octet-stream"
    } else {
        kind
    });
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| Error::Decode("blob".into()))?;
    let object_url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| Error::Decode("blob url".into()))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| Error::Decode("no document".into()))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| Error::Decode("anchor".into()))?
        .unchecked_into();
    anchor.set_href(&object_url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&object_url);
    Ok(())
}
