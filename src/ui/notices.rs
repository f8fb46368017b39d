//! User-facing notices: the « serveur injoignable » bar, server errors, and
//! short confirmations. Errors from the protocol layer become notices here.

use crate::i18n::{tr, use_i18n};
use crate::jmap::Error;
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub key: &'static str,
    pub detail: String,
}

impl From<&Error> for Notice {
    fn from(e: &Error) -> Notice {
        let (key, detail) = match e {
            e if e.is_unreachable() => ("notice.unreachable", String::new()),
            Error::Decode(_) | Error::MissingResponse(_) => ("notice.malformed", String::new()),
            Error::Http { status } => ("notice.server_error", format!("HTTP {status}")),
            Error::Problem(p) => (
                "notice.server_error",
                p.title.clone().unwrap_or_else(|| p.kind.clone()),
            ),
            Error::Method(m) => ("notice.server_error", m.kind.clone()),
            Error::Set { error, .. } => ("notice.server_error", error.kind.clone()),
            _ => ("notice.server_error", e.to_string()),
        };
        Notice { key, detail }
    }
}

#[derive(Clone, Copy)]
pub struct Notices {
    /// The server cannot be reached; sync keeps retrying.
    pub unreachable: RwSignal<bool>,
    pub error: RwSignal<Option<Notice>>,
    /// A polite confirmation (e.g. connection restored).
    pub info: RwSignal<Option<&'static str>>,
    /// Bumped by « Réessayer maintenant »; sync loops watch it.
    pub retry: RwSignal<u32>,
}

pub fn provide_notices() -> Notices {
    let n = Notices {
        unreachable: RwSignal::new(false),
        error: RwSignal::new(None),
        info: RwSignal::new(None),
        retry: RwSignal::new(0),
    };
    provide_context(n);
    n
}

pub fn use_notices() -> Notices {
    expect_context::<Notices>()
}

impl Notices {
    /// Shows what went wrong. 401 is not handled here: callers send it to the
    /// login flow.
    pub fn report(&self, e: &Error) {
        if e.is_unreachable() {
            self.unreachable.set(true);
            self.info.set(None);
        } else {
            self.error.set(Some(Notice::from(e)));
        }
    }

    /// A request went through: clear the unreachable state, say so once.
    pub fn reachable(&self) {
        if self.unreachable.get_untracked() {
            self.unreachable.set(false);
            self.info.set(Some("notice.recovered"));
        }
    }

    pub fn clear(&self) {
        self.unreachable.set(false);
        self.error.set(None);
        self.info.set(None);
    }
}

/// The notice area: an alert for problems, a polite status for confirmations.
#[component]
pub fn NoticeArea() -> impl IntoView {
    let i18n = use_i18n();
    let n = use_notices();
    view! {
        <div class="notices" role="region" aria-label=tr("notice.region")>
            <div role="alert" class="notice-slot">
                <Show when=move || n.unreachable.get()>
                    <div class="notice notice-error">
                        <span class="notice-icon" aria-hidden="true">"⚠"</span>
                        <span>{tr("notice.unreachable")}</span>
                        <button type="button" on:click=move |_| n.retry.update(|r| *r += 1)>
                            {tr("notice.retry_now")}
                        </button>
                    </div>
                </Show>
                {move || {
                    n.error
                        .get()
                        .map(|notice| {
                            view! {
                                <div class="notice notice-error">
                                    <span class="notice-icon" aria-hidden="true">"⚠"</span>
                                    <span>{i18n.tf(notice.key, &[("detail", &notice.detail)])}</span>
                                    <button type="button" on:click=move |_| n.error.set(None)>
                                        {tr("notice.dismiss")}
                                    </button>
                                </div>
                            }
                        })
                }}
            </div>
            <div role="status" class="notice-slot">
                {move || {
                    n.info
                        .get()
                        .map(|key| {
                            view! {
                                <div class="notice notice-info">
                                    <span class="notice-icon" aria-hidden="true">"✓"</span>
                                    <span>{i18n.t(key)}</span>
                                    <button type="button" on:click=move |_| n.info.set(None)>
                                        {tr("notice.dismiss")}
                                    </button>
                                </div>
                            }
                        })
                }}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jmap::error::MethodError;

    #[test]
    fn errors_become_notices() {
        assert_eq!(
            Notice::from(&Error::Transport("x".into())).key,
            "notice.unreachable"
        );
        assert_eq!(
            Notice::from(&Error::Http { status: 503 }).key,
            "notice.unreachable"
        );
        assert_eq!(
            Notice::from(&Error::Decode("x".into())).key,
            "notice.malformed"
        );
        let n = Notice::from(&Error::Http { status: 500 });
        assert_eq!(
            (n.key, n.detail.as_str()),
            ("notice.server_error", "HTTP 500")
        );
        let m = Notice::from(&Error::Method(MethodError {
            kind: "serverFail".into(),
            description: None,
        }));
        assert_eq!(m.detail, "serverFail");
    }
}
