//! The one error type of the API: an HTTP status and a JSON body
//! `{code, message}` (+ `retryAfterSeconds` for 429, + `unmet` for 422),
//! messages in French.

use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    pub retry_after: Option<u64>,
    pub unmet: Option<Vec<&'static str>>,
    /// Methods allowed on the path (405 only), sent as `Allow`.
    pub allow: Option<&'static str>,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after: None,
            unmet: None,
            allow: None,
        }
    }

    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(400, "invalid_request", message)
    }

    pub fn not_found() -> Self {
        Self::new(404, "not_found", "Ressource introuvable.")
    }

    pub fn method_not_allowed(allow: &'static str) -> Self {
        let mut e = Self::new(
            405,
            "method_not_allowed",
            format!("Méthode non autorisée ici (autorisée : {allow})."),
        );
        e.allow = Some(allow);
        e
    }

    pub fn payload_too_large(limit: usize) -> Self {
        Self::new(
            413,
            "payload_too_large",
            format!("Corps de requête trop volumineux (au plus {limit} octets)."),
        )
    }

    pub fn unsupported_media_type() -> Self {
        Self::new(
            415,
            "unsupported_media_type",
            "Le corps de la requête doit être du JSON (Content-Type: application/json).",
        )
    }

    pub fn too_many_requests(retry_after: u64) -> Self {
        let mut e = Self::new(
            429,
            "too_many_requests",
            format!(
                "Trop de demandes. Réessayez dans {}.",
                human_delay(retry_after)
            ),
        );
        e.retry_after = Some(retry_after.max(1));
        e
    }

    pub fn account_locked(retry_after: u64) -> Self {
        let mut e = Self::new(
            429,
            "account_locked",
            format!(
                "Trop de tentatives infructueuses : ce compte est temporairement bloqué. Réessayez dans {}.",
                human_delay(retry_after)
            ),
        );
        e.retry_after = Some(retry_after.max(1));
        e
    }

    pub fn directory_unavailable() -> Self {
        Self::new(
            503,
            "directory_unavailable",
            "L'annuaire est momentanément indisponible. Réessayez dans quelques minutes.",
        )
    }

    pub fn assistance_unavailable() -> Self {
        Self::new(
            503,
            "assistance_unavailable",
            "Votre demande n'a pas pu être transmise à l'assistance pour le moment. Réessayez plus tard.",
        )
    }

    pub fn captcha_invalid() -> Self {
        Self::new(
            400,
            "captcha_invalid",
            "Le code de vérification est incorrect ou a expiré. Un nouveau code vous est proposé.",
        )
    }

    pub fn identity_not_verified() -> Self {
        Self::new(
            400,
            "identity_not_verified",
            "Les informations saisies ne permettent pas de vérifier votre identité. Vérifiez-les et réessayez.",
        )
    }

    pub fn invalid_credentials() -> Self {
        Self::new(
            401,
            "invalid_credentials",
            "Identifiant ou mot de passe actuel incorrect.",
        )
    }

    pub fn reset_token_invalid() -> Self {
        Self::new(
            400,
            "reset_token_invalid",
            "Ce lien de réinitialisation n'est plus valable (inconnu, expiré ou déjà utilisé). Recommencez la démarche.",
        )
    }

    pub fn policy_not_met(unmet: Vec<&'static str>) -> Self {
        let mut e = Self::new(
            422,
            "policy_not_met",
            "Le nouveau mot de passe ne respecte pas les règles de sécurité.",
        );
        e.unmet = Some(unmet);
        e
    }

    pub fn account_not_found() -> Self {
        Self::new(
            404,
            "account_not_found",
            "Aucun compte ne correspond à ces informations.",
        )
    }

    pub fn internal() -> Self {
        Self::new(
            500,
            "internal_error",
            "Erreur interne du service. Réessayez plus tard.",
        )
    }

    pub fn body(&self) -> Value {
        let mut v = json!({ "code": self.code, "message": self.message });
        if let Some(s) = self.retry_after {
            v["retryAfterSeconds"] = json!(s);
        }
        if let Some(u) = &self.unmet {
            v["unmet"] = json!(u);
        }
        v
    }
}

/// « 15 minutes », « 1 minute », « 40 secondes ».
pub fn human_delay(seconds: u64) -> String {
    if seconds >= 90 {
        let m = seconds.div_ceil(60);
        format!("{m} minutes")
    } else if seconds >= 60 {
        "1 minute".to_string()
    } else if seconds > 1 {
        format!("{seconds} secondes")
    } else {
        "1 seconde".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let e = ApiError::invalid_request("Champ « login » manquant.");
        assert_eq!(e.status, 400);
        assert_eq!(
            e.body(),
            json!({"code": "invalid_request", "message": "Champ « login » manquant."})
        );

        let e = ApiError::account_locked(900);
        assert_eq!(e.status, 429);
        let b = e.body();
        assert_eq!(b["code"], "account_locked");
        assert_eq!(b["retryAfterSeconds"], 900);
        assert!(b["message"]
            .as_str()
            .is_some_and(|m| m.contains("15 minutes")));
        assert_eq!(b.as_object().map(|o| o.len()), Some(3));

        let e = ApiError::policy_not_met(vec!["min_length", "digit"]);
        assert_eq!(e.status, 422);
        assert_eq!(e.body()["unmet"], json!(["min_length", "digit"]));
        assert!(e.body().get("retryAfterSeconds").is_none());

        assert_eq!(
            ApiError::invalid_credentials().message,
            "Identifiant ou mot de passe actuel incorrect."
        );
        assert_eq!(ApiError::directory_unavailable().status, 503);
        assert_eq!(ApiError::too_many_requests(0).retry_after, Some(1));
    }

    #[test]
    fn delays() {
        assert_eq!(human_delay(900), "15 minutes");
        assert_eq!(human_delay(61), "1 minute");
        assert_eq!(human_delay(30), "30 secondes");
        assert_eq!(human_delay(1), "1 seconde");
    }
}
