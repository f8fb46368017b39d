//! Attachments of a message being written: file picker and drag-and-drop,
//! a progress bar per file, the server's size limit enforced up front.

use super::model::Attached;
use crate::auth::use_auth;
use crate::i18n::{tr, use_i18n};
use crate::jmap::upload::upload_file;
use crate::mail::text::format_size;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub key: u32,
    pub name: String,
    pub size: u64,
    pub progress: f64,
    pub uploaded: Option<Attached>,
    pub error: Option<String>,
}

impl Item {
    /// Files already on the server (a kept draft, a forward, a template):
    /// nothing to upload. `first_key` keeps keys apart from uploads'.
    pub fn already_uploaded(list: Vec<Attached>, first_key: u32) -> Vec<Item> {
        list.into_iter()
            .enumerate()
            .map(|(i, a)| Item {
                key: first_key + i as u32,
                name: a.name.clone(),
                size: a.size,
                progress: 1.0,
                uploaded: Some(a),
                error: None,
            })
            .collect()
    }
}

#[component]
pub fn AttachmentField(items: RwSignal<Vec<Item>>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let next_key = StoredValue::new(0u32);
    let dragging = RwSignal::new(false);

    let add_files = move |files: web_sys::FileList| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return;
        };
        let max = client.session().max_size_upload();
        for i in 0..files.length() {
            let Some(file) = files.get(i) else { continue };
            next_key.update_value(|k| *k += 1);
            let key = next_key.get_value();
            let name = file.name();
            let size = file.size() as u64;
            let too_big = size > max;
            items.update(|l| {
                l.push(Item {
                    key,
                    name: name.clone(),
                    size,
                    progress: 0.0,
                    uploaded: None,
                    error: too_big.then(|| {
                        i18n.tf(
                            "compose.too_big",
                            &[
                                ("name", &name),
                                ("max", &format_size(max, i18n.lang.get_untracked())),
                            ],
                        )
                    }),
                })
            });
            if too_big {
                continue;
            }
            let url = client.upload_url(&account);
            let auth_value = client.auth().clone();
            let kind = file.type_();
            spawn_local(async move {
                let progress = move |p: f64| {
                    items.update(|l| {
                        l.iter_mut()
                            .filter(|x| x.key == key)
                            .for_each(|x| x.progress = p)
                    })
                };
                let result = upload_file(&url, &auth_value, &file, progress).await;
                items.update(|l| {
                    if let Some(x) = l.iter_mut().find(|x| x.key == key) {
                        match result {
                            Ok(up) => {
                                x.progress = 1.0;
                                x.uploaded = Some(Attached {
                                    blob_id: up.blob_id,
                                    name: x.name.clone(),
                                    kind: if kind.is_empty() { up.kind } else { kind },
                                    size: up.size,
                                });
                            }
                            Err(_) => {
                                x.error =
                                    Some(i18n.tf("compose.upload_failed", &[("name", &x.name)]))
                            }
                        }
                    }
                });
            });
        }
    };

    view! {
        <div
            class="field attachments-field"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                    add_files(files);
                }
            }
        >
            <label for="compose-files">{tr("compose.attach")}</label>
            <input
                id="compose-files"
                type="file"
                multiple
                on:change=move |ev| {
                    let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
                    if let Some(input) = input {
                        if let Some(files) = input.files() {
                            add_files(files);
                        }
                        input.set_value("");
                    }
                }
            />
            <span class="hint">{tr("compose.drop")}</span>
            <ul class="upload-list">
                <For each=move || items.get() key=|x| (x.key, (x.progress * 100.0) as u32, x.error.is_some(), x.uploaded.is_some()) let:item>
                    {
                        let key = item.key;
                        let name = item.name.clone();
                        let remove_label = name.clone();
                        let percent = (item.progress * 100.0).round() as u32;
                        view! {
                            <li class="upload" class:failed=item.error.is_some()>
                                <span class="upload-name">{name.clone()}</span>
                                <span class="upload-size">{format_size(item.size, i18n.lang.get_untracked())}</span>
                                {match item.error.clone() {
                                    Some(e) => view! { <span class="form-error" role="alert">{e}</span> }.into_any(),
                                    None => view! {
                                        <progress
                                            max="100"
                                            value=percent.to_string()
                                            aria-label=i18n.tf("compose.uploading", &[("name", &name), ("percent", &percent.to_string())])
                                        ></progress>
                                    }
                                        .into_any(),
                                }}
                                <button
                                    type="button"
                                    aria-label=move || i18n.tf("compose.remove", &[("name", &remove_label)])
                                    on:click=move |_| items.update(|l| l.retain(|x| x.key != key))
                                >
                                    "×"
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </div>
    }
}
