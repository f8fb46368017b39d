//! The runtime `config.json`: one build serves every académie.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    pub academie: Academie,
    #[serde(default)]
    pub jmap: JmapConfig,
    #[serde(default)]
    pub auth: AuthConfig,
    #[serde(default)]
    pub account_api_base: String,
    #[serde(default)]
    pub password_policy: PasswordPolicy,
    #[serde(default)]
    pub portals: Vec<Link>,
    #[serde(default)]
    pub support: Support,
    #[serde(default)]
    pub security: Security,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default = "default_tz")]
    pub time_zone: String,
}

fn default_tz() -> String {
    "Europe/Paris".into()
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Academie {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub logo: Option<String>,
    pub colors: Colors,
    /// Mail domains of the académie (phishing cues use them).
    #[serde(default)]
    pub domains: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Colors {
    pub primary: String,
    pub on_primary: String,
    pub accent: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JmapConfig {
    pub session_url: String,
    pub poll_seconds: u32,
    /// Delay before an opened message counts as read (0: at once).
    #[serde(default)]
    pub mark_read_delay_ms: u32,
    /// How long « Annuler l'envoi » is offered after « Envoyer ».
    #[serde(default = "default_undo_send")]
    pub undo_send_seconds: u32,
}

fn default_undo_send() -> u32 {
    10
}

impl Default for JmapConfig {
    fn default() -> Self {
        JmapConfig {
            session_url: "/.well-known/jmap".into(),
            poll_seconds: 30,
            mark_read_delay_ms: 0,
            undo_send_seconds: default_undo_send(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    /// Cookies set by the académie SSO in front of the server.
    Sso,
    /// A login form; credentials kept in memory only.
    #[default]
    Basic,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AuthConfig {
    #[serde(default)]
    pub mode: AuthMode,
    #[serde(default)]
    pub sso_login_url: String,
    #[serde(default)]
    pub sso_logout_url: String,
    /// Query parameter carrying the return URL (CAS uses `service`).
    #[serde(default = "default_return_param")]
    pub return_param: String,
}

fn default_return_param() -> String {
    "service".into()
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordPolicy {
    pub min_length: u32,
    pub lower: bool,
    pub upper: bool,
    pub digit: bool,
    pub special: bool,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            min_length: 8,
            lower: true,
            upper: true,
            digit: true,
            special: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Support {
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub hours: String,
    /// Closure periods, as the help desk words them.
    #[serde(default)]
    pub closures: Vec<String>,
}

/// Where « Signaler un hameçonnage » sends the message (empty: the action
/// is not offered).
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Security {
    #[serde(default)]
    pub phishing_report: String,
}

impl Config {
    /// Decodes and checks a config; colours must be plain hex so that nothing
    /// but a colour can reach the style sheet.
    pub fn parse(body: &str) -> Result<Config, String> {
        let c: Config = serde_json::from_str(body).map_err(|e| e.to_string())?;
        let colors = &c.academie.colors;
        for color in [&colors.primary, &colors.on_primary, &colors.accent] {
            if !is_hex_color(color) {
                return Err(format!("invalid colour {color:?}"));
            }
        }
        for link in &c.portals {
            if !is_safe_link(&link.url) {
                return Err(format!("invalid portal URL {:?}", link.url));
            }
        }
        Ok(c)
    }
}

pub fn is_hex_color(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else {
        return false;
    };
    matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

fn is_safe_link(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/')
}

/// WCAG relative luminance of a `#rrggbb` / `#rgb` colour.
pub fn luminance(color: &str) -> Option<f64> {
    let hex = color.strip_prefix('#')?;
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    let channel = |i: usize| -> Option<f64> {
        let v = f64::from(u8::from_str_radix(full.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// WCAG contrast ratio between two colours.
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// Where to send the browser when the SSO session is missing: the login URL
/// with the page to come back to.
pub fn sso_login_redirect(auth: &AuthConfig, return_to: &str) -> String {
    let sep = if auth.sso_login_url.contains('?') {
        '&'
    } else {
        '?'
    };
    format!(
        "{}{sep}{}={}",
        auth.sso_login_url,
        auth.return_param,
        crate::jmap::url::encode_component(return_to)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn presets() -> Vec<(&'static str, &'static str)> {
        vec![
            ("config.json", include_str!("../public/config.json")),
            ("toulouse", include_str!("../public/presets/toulouse.json")),
            (
                "montpellier",
                include_str!("../public/presets/montpellier.json"),
            ),
            (
                "orleans-tours",
                include_str!("../public/presets/orleans-tours.json"),
            ),
        ]
    }

    #[test]
    fn shipped_presets_parse_and_are_readable() {
        for (name, body) in presets() {
            let c = Config::parse(body).unwrap_or_else(|e| panic!("{name}: {e}"));
            let colors = &c.academie.colors;
            // Text on the académie colour must meet WCAG AA (4.5:1).
            let ratio = contrast(&colors.primary, &colors.on_primary).unwrap();
            assert!(ratio >= 4.5, "{name}: contrast {ratio:.2}");
            assert_eq!(c.portals.len(), 3, "{name}: Arena, I-Prof, Colibris");
            assert_eq!(c.time_zone, "Europe/Paris");
            assert!(!c.academie.domains.is_empty());
        }
    }

    #[test]
    fn hostile_configs_are_refused() {
        let good = include_str!("../public/presets/toulouse.json");
        assert!(Config::parse(&good.replacen("#", "red;}body{x:", 1)).is_err());
        assert!(Config::parse("{}").is_err());
        assert!(Config::parse("not json").is_err());
        let js = good.replace("https://", "javascript:alert(1)//");
        assert!(Config::parse(&js).is_err());
    }

    #[test]
    fn sso_redirects_carry_the_return_url() {
        let auth = AuthConfig {
            mode: AuthMode::Sso,
            sso_login_url: "https://sso.ac-toulouse.fr/login".into(),
            sso_logout_url: String::new(),
            return_param: "service".into(),
        };
        assert_eq!(
            sso_login_redirect(&auth, "https://mail.ac-toulouse.fr/courrier?x=1"),
            "https://sso.ac-toulouse.fr/login?service=https%3A%2F%2Fmail.ac-toulouse.fr%2Fcourrier%3Fx%3D1"
        );
        let auth = AuthConfig {
            sso_login_url: "https://sso/login?lang=fr".into(),
            ..auth
        };
        assert!(sso_login_redirect(&auth, "/").starts_with("https://sso/login?lang=fr&service="));
    }

    #[test]
    fn colours() {
        assert!(is_hex_color("#fff") && is_hex_color("#A1b2C3"));
        assert!(!is_hex_color("red") && !is_hex_color("#ffff") && !is_hex_color("#ggg"));
        let r = contrast("#000000", "#ffffff").unwrap();
        assert!((r - 21.0).abs() < 0.01);
    }
}
