//! Safety of displayed mail: the HTML sanitiser (browser parser, allow-lists)
//! and the phishing cues. The pure rules (URLs, CSS, domains) are natively
//! tested; `sanitize` walks the browser's inert DOM with them.

pub mod css;
pub mod parser;
pub mod phishing;
pub mod punycode;
pub mod sanitize;
pub mod urls;
