//! The JMAP client used by the stores: one session, one set of credentials, and
//! automatic batching of the requests issued in the same tick into one POST.

use super::auth::Auth;
use super::batch;
use super::error::Error;
use super::request::Request;
use super::response::Response;
use super::session::Session;
use super::transport;
use super::url::expand;
use futures::channel::oneshot;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

type Pending = (Request, oneshot::Sender<Result<Response, Error>>);

struct Inner {
    session: Session,
    auth: Auth,
    queue: RefCell<Vec<Pending>>,
    flush_scheduled: Cell<bool>,
}

#[derive(Clone)]
pub struct Client {
    inner: Rc<Inner>,
}

impl PartialEq for Client {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Client {
    pub async fn connect(session_url: &str, auth: Auth) -> Result<Client, Error> {
        let session = transport::get_session(session_url, &auth).await?;
        Ok(Client::restore(session, auth))
    }

    /// A client over a session known already (kept across a page reload).
    pub fn restore(session: Session, auth: Auth) -> Client {
        Client {
            inner: Rc::new(Inner {
                session,
                auth,
                queue: RefCell::new(Vec::new()),
                flush_scheduled: Cell::new(false),
            }),
        }
    }

    pub fn session(&self) -> &Session {
        &self.inner.session
    }

    pub fn auth(&self) -> &Auth {
        &self.inner.auth
    }

    /// Queues `req`; everything queued before the next microtask goes in one POST.
    pub async fn send(&self, req: Request) -> Result<Response, Error> {
        batch::check_size(&req, self.inner.session.max_calls_in_request())?;
        let (tx, rx) = oneshot::channel();
        self.inner.queue.borrow_mut().push((req, tx));
        if !self.inner.flush_scheduled.replace(true) {
            let me = self.clone();
            wasm_bindgen_futures::spawn_local(async move { me.flush().await });
        }
        rx.await
            .unwrap_or_else(|_| Err(Error::Transport("request dropped".into())))
    }

    async fn flush(&self) {
        self.inner.flush_scheduled.set(false);
        let pending: Vec<Pending> = self.inner.queue.borrow_mut().drain(..).collect();
        let sizes: Vec<usize> = pending.iter().map(|(r, _)| r.len()).collect();
        let mut senders: Vec<Option<oneshot::Sender<_>>> = Vec::new();
        let mut requests = Vec::new();
        for (r, tx) in pending {
            requests.push(r);
            senders.push(Some(tx));
        }
        for chunk in batch::plan(&sizes, self.inner.session.max_calls_in_request()) {
            let parts: Vec<(usize, &Request)> = chunk.iter().map(|&i| (i, &requests[i])).collect();
            let merged = batch::merge(&parts);
            let result = transport::post_json(
                &self.inner.session.api_url,
                &self.inner.auth,
                merged.to_json().to_string(),
            )
            .await
            .and_then(|body| Response::parse(&body));
            for &i in &chunk {
                let answer = match &result {
                    Ok(resp) => Ok(batch::split(resp, i)),
                    Err(e) => Err(e.clone()),
                };
                if let Some(tx) = senders[i].take() {
                    let _ = tx.send(answer);
                }
            }
        }
    }

    /// Sends `req` as the page goes away (pagehide): alone, not batched,
    /// unanswered.
    pub fn send_on_leave(&self, req: &Request) {
        transport::post_json_on_leave(
            &self.inner.session.api_url,
            &self.inner.auth,
            &req.to_json().to_string(),
        );
    }

    pub fn download_url(
        &self,
        account_id: &str,
        blob_id: &str,
        name: &str,
        content_type: &str,
    ) -> String {
        expand(
            &self.inner.session.download_url,
            &[
                ("accountId", account_id),
                ("blobId", blob_id),
                ("name", name),
                ("type", content_type),
            ],
        )
    }

    pub fn upload_url(&self, account_id: &str) -> String {
        expand(&self.inner.session.upload_url, &[("accountId", account_id)])
    }
}
