//! Every user-visible string comes from `locales/{fr,en}.txt`; French first.

pub mod catalogue;
pub mod dates;

pub use catalogue::Lang;

use leptos::prelude::*;

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// Reactive lookup: views that call it re-render on language change.
    pub fn t(&self, key: &'static str) -> &'static str {
        catalogue::text(self.lang.get(), key)
    }

    pub fn tf(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        catalogue::format(self.lang.get(), key, args)
    }
}

pub fn provide_i18n(initial: Lang) -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(initial),
    };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n {
        lang: RwSignal::new(Lang::Fr),
    })
}

/// A reactive translated text for views. Every call site shares this one
/// closure type, so the view code for it is generated once, not per string
/// (a measurable part of the .wasm size).
pub fn tr(key: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}
