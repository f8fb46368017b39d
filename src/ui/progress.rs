//! The progress of an import: a `<progress>` bar named by `label` (a
//! catalogue key) and « {done} sur {total} » written out, shown while
//! `progress` holds (done, total).

use crate::i18n::{tr, use_i18n};
use leptos::prelude::*;

#[component]
pub fn ImportProgress(
    progress: RwSignal<Option<(usize, usize)>>,
    label: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        progress.get().map(|(done, total)| {
            view! {
                <progress max=total.to_string() value=done.to_string() aria-label=tr(label)></progress>
                <span>{i18n.tf("import.progress", &[("done", &done.to_string()), ("total", &total.to_string())])}</span>
            }
        })
    }
}
