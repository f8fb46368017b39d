//! Request bodies: strict JSON (an object, no unknown fields, no nulls, the
//! right types), then lengths and formats as openapi.yaml states them.
//! Anything wrong is a 400 `invalid_request` with a French message.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::errors::ApiError;

/// Parses a body into `T`. `empty_ok`: an empty body stands for `{}`.
pub fn parse<T: DeserializeOwned + Check>(body: &[u8], empty_ok: bool) -> Result<T, ApiError> {
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        if !empty_ok {
            return Err(ApiError::invalid_request(
                "Le corps de la requête est vide : un objet JSON est attendu.",
            ));
        }
        Value::Object(Default::default())
    } else {
        serde_json::from_slice(body).map_err(|_| {
            ApiError::invalid_request("Le corps de la requête n'est pas un JSON valide.")
        })?
    };
    let Value::Object(map) = &value else {
        return Err(ApiError::invalid_request(
            "Le corps de la requête doit être un objet JSON.",
        ));
    };
    if let Some((k, _)) = map.iter().find(|(_, v)| v.is_null()) {
        return Err(ApiError::invalid_request(format!(
            "Le champ « {} » ne peut pas être null.",
            clip(k)
        )));
    }
    let parsed: T = serde_json::from_value(value)
        .map_err(|e| ApiError::invalid_request(describe(&e.to_string())))?;
    parsed.check()?;
    Ok(parsed)
}

/// Turns serde's English into a French message naming the field.
fn describe(err: &str) -> String {
    let quoted = err.split('`').nth(1).map(clip);
    if err.starts_with("unknown field") {
        format!("Champ inconnu : « {} ».", quoted.unwrap_or_default())
    } else if err.starts_with("missing field") {
        format!(
            "Champ obligatoire manquant : « {} ».",
            quoted.unwrap_or_default()
        )
    } else if err.starts_with("unknown variant") {
        "Valeur non reconnue pour un champ à valeurs énumérées.".to_string()
    } else {
        "Un champ n'a pas le type attendu (une chaîne de caractères).".to_string()
    }
}

fn clip(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(40).collect()
}

pub trait Check {
    fn check(&self) -> Result<(), ApiError>;
}

fn len_between(field: &str, v: &str, min: usize, max: usize) -> Result<(), ApiError> {
    let n = v.chars().count();
    if n < min || n > max {
        return Err(ApiError::invalid_request(format!(
            "Le champ « {field} » doit contenir entre {min} et {max} caractères."
        )));
    }
    Ok(())
}

fn login_ok(field: &str, v: &str) -> Result<(), ApiError> {
    len_between(field, v, 1, 64)?;
    let mut chars = v.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return Err(ApiError::invalid_request(format!(
            "Le champ « {field} » n'est pas un identifiant valide (lettres, chiffres, « . », « _ », « - »)."
        )));
    }
    Ok(())
}

/// `YYYY-MM-DD`, a real calendar date (year 0001–9999).
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1 && (1..=days).contains(&d)).then_some((y, m, d))
}

fn date_ok(field: &str, v: &str) -> Result<(), ApiError> {
    parse_date(v).map(|_| ()).ok_or_else(|| {
        ApiError::invalid_request(format!(
            "Le champ « {field} » doit être une date AAAA-MM-JJ valide."
        ))
    })
}

/// A plain `local@domain.tld` address (no quoted local parts, no IP literals).
pub fn is_email(s: &str) -> bool {
    if s.len() > 254 {
        return false;
    }
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|t| t.chars().any(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum CaptchaKind {
    #[default]
    Image,
    Question,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptchaRequest {
    #[serde(default)]
    pub kind: CaptchaKind,
}

impl Check for CaptchaRequest {
    fn check(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FindRequest {
    pub last_name: String,
    pub first_name: String,
    pub birth_date: String,
}

impl Check for FindRequest {
    fn check(&self) -> Result<(), ApiError> {
        len_between("lastName", &self.last_name, 1, 100)?;
        len_between("firstName", &self.first_name, 1, 100)?;
        date_ok("birthDate", &self.birth_date)
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResetRequest {
    pub login: String,
    pub numen: String,
    pub birth_date: String,
    pub captcha_id: String,
    pub captcha_answer: String,
}

impl Check for ResetRequest {
    fn check(&self) -> Result<(), ApiError> {
        login_ok("login", &self.login)?;
        len_between("numen", &self.numen, 1, 32)?;
        date_ok("birthDate", &self.birth_date)?;
        len_between("captchaId", &self.captcha_id, 1, 64)?;
        len_between("captchaAnswer", &self.captcha_answer, 1, 32)
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResetCompleteRequest {
    pub reset_token: String,
    pub new_password: String,
}

impl Check for ResetCompleteRequest {
    fn check(&self) -> Result<(), ApiError> {
        len_between("resetToken", &self.reset_token, 1, 128)?;
        len_between("newPassword", &self.new_password, 1, 1024)
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangeRequest {
    pub login: String,
    pub current_password: String,
    pub new_password: String,
    pub captcha_id: String,
    pub captcha_answer: String,
}

impl Check for ChangeRequest {
    fn check(&self) -> Result<(), ApiError> {
        login_ok("login", &self.login)?;
        len_between("currentPassword", &self.current_password, 1, 1024)?;
        len_between("newPassword", &self.new_password, 1, 1024)?;
        len_between("captchaId", &self.captcha_id, 1, 64)?;
        len_between("captchaAnswer", &self.captcha_answer, 1, 32)
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusRequest {
    pub login: String,
    pub password: String,
}

impl Check for StatusRequest {
    fn check(&self) -> Result<(), ApiError> {
        login_ok("login", &self.login)?;
        len_between("password", &self.password, 1, 1024)
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Topic {
    Login,
    Password,
    Mail,
    Other,
}

impl Topic {
    pub fn label(self) -> &'static str {
        match self {
            Topic::Login => "Identifiant oublié ou inconnu",
            Topic::Password => "Mot de passe",
            Topic::Mail => "Messagerie",
            Topic::Other => "Autre demande",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssistanceRequest {
    pub login: Option<String>,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub topic: Topic,
    pub description: String,
}

impl Check for AssistanceRequest {
    fn check(&self) -> Result<(), ApiError> {
        if let Some(login) = &self.login {
            len_between("login", login, 1, 64)?;
        }
        len_between("name", &self.name, 1, 100)?;
        if !is_email(&self.email) {
            return Err(ApiError::invalid_request(
                "Le champ « email » doit être une adresse électronique valide.",
            ));
        }
        if let Some(phone) = &self.phone {
            let mut chars = phone.chars();
            let ok = chars
                .next()
                .is_some_and(|c| c == '+' || c == '(' || c.is_ascii_digit())
                && chars.all(|c| c.is_ascii_digit() || " .()-".contains(c))
                && (6..=25).contains(&phone.chars().count());
            if !ok {
                return Err(ApiError::invalid_request(
                    "Le champ « phone » doit être un numéro de téléphone (6 à 25 caractères).",
                ));
            }
        }
        len_between("description", &self.description, 20, 4000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err<T: DeserializeOwned + Check + std::fmt::Debug>(body: &str) -> ApiError {
        match parse::<T>(body.as_bytes(), false) {
            Ok(v) => panic!("accepted {body}: {v:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn strict_json() {
        for body in [
            "",
            "not json",
            "[]",
            r#"["a","b","2000-01-01"]"#,
            r#"{"lastName":"Durand","firstName":"Florent"}"#,
            r#"{"lastName":"Durand","firstName":"Florent","birthDate":"1985-03-14","extra":1}"#,
            r#"{"lastName":1,"firstName":"Florent","birthDate":"1985-03-14"}"#,
            r#"{"lastName":null,"firstName":"Florent","birthDate":"1985-03-14"}"#,
            r#"{"lastName":"","firstName":"Florent","birthDate":"1985-03-14"}"#,
            r#"{"lastName":"Durand","firstName":"Florent","birthDate":"14/03/1985"}"#,
            r#"{"lastName":"Durand","firstName":"Florent","birthDate":"1985-02-30"}"#,
        ] {
            let e = err::<FindRequest>(body);
            assert_eq!((e.status, e.code), (400, "invalid_request"), "{body}");
            assert!(!e.message.is_empty());
        }
        let e = err::<FindRequest>(
            r#"{"lastName":"Durand","firstName":"Florent","birthDate":"1985-03-14","x":1}"#,
        );
        assert_eq!(e.message, "Champ inconnu : « x ».");
        let e = err::<FindRequest>(r#"{"lastName":"Durand","birthDate":"1985-03-14"}"#);
        assert_eq!(e.message, "Champ obligatoire manquant : « firstName ».");
        let ok = parse::<FindRequest>(
            br#"{"lastName":"Durand","firstName":"Florent","birthDate":"1985-03-14"}"#,
            false,
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn captcha_body() {
        assert_eq!(
            parse::<CaptchaRequest>(b"", true).map(|r| r.kind),
            Ok(CaptchaKind::Image)
        );
        assert_eq!(
            parse::<CaptchaRequest>(br#"{"kind":"question"}"#, true).map(|r| r.kind),
            Ok(CaptchaKind::Question)
        );
        assert!(parse::<CaptchaRequest>(br#"{"kind":"audio"}"#, true).is_err());
        assert!(parse::<CaptchaRequest>(br#"{"kind":null}"#, true).is_err());
        assert!(parse::<CaptchaRequest>(br#"{"kind":"image","x":true}"#, true).is_err());
    }

    #[test]
    fn logins_and_lengths() {
        let base =
            |login: &str| format!(r#"{{"login":{},"password":"x"}}"#, serde_json::json!(login));
        assert!(parse::<StatusRequest>(base("mdupont").as_bytes(), false).is_ok());
        assert!(parse::<StatusRequest>(base("m.dupont-2").as_bytes(), false).is_ok());
        for bad in ["", "-x", "a b", "a*", "a)(uid=*", &"a".repeat(65)] {
            assert_eq!(err::<StatusRequest>(&base(bad)).status, 400, "{bad}");
        }
        let pw = "p".repeat(1025);
        assert_eq!(
            err::<StatusRequest>(&format!(r#"{{"login":"a","password":"{pw}"}}"#)).status,
            400
        );
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("1900-02-29"), None);
        assert_eq!(parse_date("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_date("0000-01-01"), None);
        assert_eq!(parse_date("1985-3-14"), None);
        assert_eq!(parse_date("1985-03-14 "), None);
        assert_eq!(parse_date("+985-03-14"), None);
        assert_eq!(parse_date("1985-13-01"), None);
    }

    #[test]
    fn emails() {
        for ok in [
            "a@b.fr",
            "jean.dupont@ac-toulouse.fr",
            "x+y@sub.example.com",
            "o'neil@x.org",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "a@b",
            "@b.fr",
            "a@.fr",
            "a b@c.fr",
            "a@b..fr",
            ".a@b.fr",
            "a@b.fr\r\nBcc: x@y.fr",
            "a@-b.fr",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn assistance() {
        let ok = r#"{"name":"Jean Dupont","email":"jean@ac-toulouse.fr","topic":"mail","description":"Je ne reçois plus de courriels depuis hier."}"#;
        assert!(parse::<AssistanceRequest>(ok.as_bytes(), false).is_ok());
        let short = ok.replace("Je ne reçois plus de courriels depuis hier.", "Trop court");
        assert_eq!(err::<AssistanceRequest>(&short).status, 400);
        let topic = ok.replace("\"mail\"", "\"spam\"");
        assert_eq!(err::<AssistanceRequest>(&topic).status, 400);
        let phone = ok.replace("\"topic\"", "\"phone\":\"05 61 00 00 00\",\"topic\"");
        assert!(parse::<AssistanceRequest>(phone.as_bytes(), false).is_ok());
        let phone = ok.replace("\"topic\"", "\"phone\":\"abc\",\"topic\"");
        assert_eq!(err::<AssistanceRequest>(&phone).status, 400);
    }
}
