//! Blob upload with progress (fetch cannot report upload progress; XHR can).

use super::auth::Auth;
use super::error::Error;
use futures::channel::oneshot;
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Uploaded {
    pub blob_id: String,
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub size: u64,
}

fn js_err(_: wasm_bindgen::JsValue) -> Error {
    Error::Transport("upload".into())
}

/// POSTs `file` to the upload URL, calling `progress` with 0.0–1.0.
pub async fn upload_file(
    url: &str,
    auth: &Auth,
    file: &web_sys::File,
    progress: impl Fn(f64) + 'static,
) -> Result<Uploaded, Error> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(js_err)?;
    xhr.open("POST", url).map_err(js_err)?;
    if let Some(h) = auth.header() {
        xhr.set_request_header("Authorization", h).map_err(js_err)?;
    }
    let kind = file.type_();
    let kind = if kind.is_empty() {
        "application/octet-stream".to_string()
    } else {
        kind
    };
    xhr.set_request_header("Content-Type", &kind)
        .map_err(js_err)?;

    let (tx, rx) = oneshot::channel::<bool>();
    let tx = Rc::new(RefCell::new(Some(tx)));
    let done = |ok: bool| {
        let tx = tx.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(t) = tx.borrow_mut().take() {
                let _ = t.send(ok);
            }
        })
    };
    let on_load = done(true);
    let on_error = done(false);
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                progress(e.loaded() / e.total());
            }
        });
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    xhr.set_onabort(Some(on_error.as_ref().unchecked_ref()));
    if let Ok(up) = xhr.upload() {
        up.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    xhr.send_with_opt_blob(Some(file)).map_err(js_err)?;
    let ok = rx.await.unwrap_or(false);
    if !ok {
        return Err(Error::Transport("upload failed".into()));
    }
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    if !(200..300).contains(&status) {
        return Err(Error::from_http(status, &body));
    }
    serde_json::from_str(&body).map_err(|e| Error::Decode(format!("upload: {e}")))
}
