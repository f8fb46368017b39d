//! « Date de naissance » typed the French way (jj/mm/aaaa), whatever the
//! browser's language: a native date input shows mm/dd/yyyy in an English
//! browser. The service gets ISO 8601 (YYYY-MM-DD).

use crate::i18n::tr;
use chrono::NaiveDate;
use leptos::prelude::*;

/// « 14/03/1985 », « 14-03-1985 », « 14.03.1985 », « 14 03 1985 » or
/// « 14031985 » → « 1985-03-14 »; None for anything else or a date that does
/// not exist.
pub fn parse(text: &str) -> Option<String> {
    let parts: Vec<&str> = text
        .trim()
        .split(['/', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let (d, m, y) = match parts.as_slice() {
        [d, m, y] => (*d, *m, *y),
        [all] if all.len() == 8 && all.is_ascii() => (&all[..2], &all[2..4], &all[4..]),
        _ => return None,
    };
    let all_digits = [d, m, y]
        .iter()
        .all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits || y.len() != 4 || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    // checked by chrono (31/02 does not exist), written by hand: chrono's
    // formatter would weigh on the .wasm
    NaiveDate::from_ymd_opt(y, m, d)?;
    (1900..=2100)
        .contains(&y)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[component]
pub fn BirthDateField(
    id: &'static str,
    value: RwSignal<String>,
    #[prop(into)] invalid: Signal<bool>,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let hint = format!("{id}-hint");
    view! {
        <p class="field">
            <label for=id>{tr("account.field.birth_date")} " *"</label>
            <input
                id=id
                type="text"
                inputmode="numeric"
                autocomplete="bday"
                placeholder=move || i18n.t("account.field.birth_date_placeholder")
                required
                aria-describedby=hint.clone()
                aria-invalid=move || invalid.get().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <span class="hint" id=hint>{tr("account.field.birth_date_hint")}</span>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn french_dates_in_every_usual_spelling() {
        for s in [
            "14/03/1985",
            "14-03-1985",
            "14.03.1985",
            " 14 03 1985 ",
            "14031985",
            "14/3/1985",
        ] {
            assert_eq!(parse(s).as_deref(), Some("1985-03-14"), "{s}");
        }
        for s in [
            "",
            "31/02/1985",
            "1985-03-14",
            "14/03/85",
            "aa/bb/cccc",
            "14/03/1985/1",
            "١٤٠٣١٩٨٥",
            "01/01/1899",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
