//! A modal dialog on the native `<dialog>` element: focus moves in and is
//! kept inside, Échap closes it, focus returns where it was.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Dialog(
    open: RwSignal<bool>,
    /// Id of the title element, for aria-labelledby.
    id: &'static str,
    #[prop(into)] title: Signal<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let want = open.get();
        let Some(d) = node.get() else {
            return;
        };
        if want && !d.open() {
            let _ = d.show_modal();
        } else if !want && d.open() {
            d.close();
        }
    });
    view! {
        <dialog node_ref=node class="dialog" aria-labelledby=id on:close=move |_| open.set(false)>
            <h2 id=id>{title}</h2>
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}
