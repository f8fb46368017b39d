//! JavaScript bindings for the worker (worker.js). JSON is written by hand and
//! user inputs arrive newline-joined, so no serde in the .wasm.

use wasm_bindgen::prelude::*;

/// Parses the data file fetched by the worker; errors come back as a string.
#[wasm_bindgen]
pub fn init_data(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    crate::init(text).map_err(|e| e.to_string())
}

#[wasm_bindgen]
pub fn set_reference_year(year: i32) {
    crate::set_reference_year(year);
}

/// `user_inputs`: the inputs joined by "\n". Returns
/// {"guessesLog10":…,"score":…,"percent":…,"warning":…|null,"suggestions":[…]}.
#[wasm_bindgen]
pub fn estimate_json(password: &str, user_inputs: &str) -> String {
    let inputs: Vec<&str> = user_inputs.split('\n').filter(|s| !s.is_empty()).collect();
    let e = crate::estimate(password, &inputs);
    // Keys are plain ASCII identifiers: no escaping needed.
    let warning = e
        .warning
        .map_or_else(|| "null".to_string(), |w| format!("\"{w}\""));
    let suggestions: Vec<String> = e.suggestions.iter().map(|s| format!("\"{s}\"")).collect();
    let g = if e.guesses_log10.is_finite() {
        e.guesses_log10
    } else {
        0.0
    };
    format!(
        "{{\"guessesLog10\":{:.2},\"score\":{},\"percent\":{},\"warning\":{},\"suggestions\":[{}]}}",
        g,
        e.score,
        e.percent,
        warning,
        suggestions.join(",")
    )
}
