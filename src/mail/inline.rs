//! Inline images of HTML mail (`cid:` references to parts of the message):
//! fetched with the session, turned into `data:` URLs and put in place of
//! the references before the HTML goes into its sandboxed frame. Only
//! raster image types, and not too big; SVG never.

use crate::jmap::mail::BodyPart;

/// Largest inline image inlined (bigger ones stay as attachments).
pub const MAX_BYTES: u64 = 2 * 1024 * 1024;

const RASTER: [&str; 4] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/// The parts an HTML body may show inline: (cid, blobId, type).
pub fn inline_parts(parts: &[BodyPart]) -> Vec<(String, String, String)> {
    parts
        .iter()
        .filter(|p| p.size <= MAX_BYTES)
        .filter_map(|p| {
            let kind = p.kind.to_ascii_lowercase();
            if !RASTER.contains(&kind.as_str()) {
                return None;
            }
            let cid = p.cid.as_deref()?.trim();
            let cid = cid.trim_matches(|c| c == '<' || c == '>');
            if cid.is_empty() {
                return None;
            }
            Some((cid.to_string(), p.blob_id.clone()?, kind))
        })
        .collect()
}

pub fn data_url(kind: &str, bytes: &[u8]) -> String {
    format!("data:{kind};base64,{}", crate::jmap::auth::base64(bytes))
}

/// Replaces every `cid:<id>` (any case of « cid: ») by its data URL; the
/// references left (unknown part, unsafe type) become an empty `data:` URL,
/// so the frame never asks for a `cid:` URL the browser cannot load.
pub fn resolve(html: &str, images: &[(String, String)]) -> String {
    let mut out = html.to_string();
    for (cid, url) in images {
        for prefix in ["cid:", "CID:", "Cid:"] {
            out = out.replace(&format!("{prefix}{cid}"), url);
        }
    }
    for prefix in ["\"cid:", "'cid:", "\"CID:", "'CID:", "\"Cid:", "'Cid:"] {
        out = out.replace(prefix, &format!("{}data:,", &prefix[..1]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(cid: Option<&str>, kind: &str, size: u64) -> BodyPart {
        BodyPart {
            blob_id: Some("B".into()),
            cid: cid.map(Into::into),
            kind: kind.into(),
            size,
            ..BodyPart::default()
        }
    }

    #[test]
    fn only_small_raster_images_with_a_cid() {
        let parts = [
            part(Some("<logo@x>"), "image/PNG", 100),
            part(Some("svg@x"), "image/svg+xml", 100),
            part(None, "image/png", 100),
            part(Some("big@x"), "image/jpeg", MAX_BYTES + 1),
        ];
        assert_eq!(
            inline_parts(&parts),
            vec![(
                "logo@x".to_string(),
                "B".to_string(),
                "image/png".to_string()
            )]
        );
    }

    #[test]
    fn references_are_replaced() {
        let url = data_url("image/png", b"\x89PNG");
        assert_eq!(url, "data:image/png;base64,iVBORw==");
        let html = r#"<img src="cid:logo@x"><img src="CID:logo@x"><img src="cid:other">"#;
        assert_eq!(
            resolve(html, &[("logo@x".into(), url.clone())]),
            format!(r#"<img src="{url}"><img src="{url}"><img src="data:,other">"#)
        );
    }
}
