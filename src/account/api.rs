//! The account service (MaMamia) over its contract,
//! `account-service/openapi.yaml`: typed bodies, error decoding and one POST
//! helper. Decoding is pure and natively tested; only `post` touches fetch.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FindRequest<'a> {
    pub last_name: &'a str,
    pub first_name: &'a str,
    pub birth_date: &'a str,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FoundAccount {
    pub login: String,
    pub email: String,
    #[serde(default)]
    pub display_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MatchedBy {
    UsageName,
    BirthName,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FindResponse {
    pub accounts: Vec<FoundAccount>,
    pub matched_by: MatchedBy,
}

#[derive(Serialize)]
pub struct CaptchaRequest<'a> {
    pub kind: &'a str,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Captcha {
    pub id: String,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub question: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResetRequest<'a> {
    pub login: &'a str,
    pub numen: &'a str,
    pub birth_date: &'a str,
    pub captcha_id: &'a str,
    pub captcha_answer: &'a str,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResetResponse {
    pub reset_token: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompleteRequest<'a> {
    pub reset_token: &'a str,
    pub new_password: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRequest<'a> {
    pub login: &'a str,
    pub current_password: &'a str,
    pub new_password: &'a str,
    pub captcha_id: &'a str,
    pub captcha_answer: &'a str,
}

#[derive(Serialize)]
pub struct StatusRequest<'a> {
    pub login: &'a str,
    pub password: &'a str,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusResponse {
    pub must_change_password: bool,
}

#[derive(Serialize)]
pub struct AssistanceRequest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login: Option<&'a str>,
    pub name: &'a str,
    pub email: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<&'a str>,
    pub topic: &'a str,
    pub description: &'a str,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AssistanceResponse {
    pub reference: String,
}

/// Nothing to read: the 204 answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoContent;

/// Why a call failed, as the pages need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountError {
    /// No answer at all (network down, service stopped).
    Unreachable,
    /// An answer that is not the contract's (HTML error page, broken JSON).
    Malformed { status: u16 },
    /// The contract's error body.
    Refused {
        status: u16,
        code: String,
        retry_after: Option<u64>,
        unmet: Vec<String>,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    code: String,
    #[serde(default)]
    retry_after_seconds: Option<u64>,
    #[serde(default)]
    unmet: Vec<String>,
}

impl AccountError {
    pub fn code(&self) -> &str {
        match self {
            AccountError::Refused { code, .. } => code,
            AccountError::Unreachable => "unreachable",
            AccountError::Malformed { .. } => "malformed",
        }
    }

    /// The catalogue key of the message to show. The service's own French
    /// message is not shown: the app speaks the user's language.
    pub fn message_key(&self) -> &'static str {
        match self.code() {
            "unreachable" => "account.error.unreachable",
            "captcha_invalid" => "account.error.captcha",
            "identity_not_verified" => "account.error.identity",
            "invalid_credentials" => "account.error.credentials",
            "reset_token_invalid" => "account.error.reset_expired",
            "policy_not_met" => "account.error.policy",
            "too_many_requests" | "account_locked" => "account.error.locked",
            "account_not_found" => "account.error.not_found",
            "invalid_request" => "account.error.invalid",
            _ => "account.error.unavailable",
        }
    }

    /// Minutes to wait, rounded up, for the « locked » message.
    pub fn retry_minutes(&self) -> Option<u64> {
        match self {
            AccountError::Refused {
                retry_after: Some(s),
                ..
            } => Some(s.div_ceil(60).max(1)),
            _ => None,
        }
    }
}

/// Reads an answer of the service: 2xx as `R`, anything else as an error.
pub fn decode<R: DeserializeOwned>(status: u16, body: &str) -> Result<R, AccountError> {
    if (200..300).contains(&status) {
        return serde_json::from_str(body).map_err(|_| AccountError::Malformed { status });
    }
    Err(decode_error(status, body))
}

pub fn decode_empty(status: u16, body: &str) -> Result<NoContent, AccountError> {
    if (200..300).contains(&status) {
        return Ok(NoContent);
    }
    Err(decode_error(status, body))
}

fn decode_error(status: u16, body: &str) -> AccountError {
    match serde_json::from_str::<ErrorBody>(body) {
        Ok(e) => AccountError::Refused {
            status,
            code: e.code,
            retry_after: e.retry_after_seconds,
            unmet: e.unmet,
        },
        Err(_) => AccountError::Malformed { status },
    }
}

async fn post_raw(url: &str, body: String) -> Result<(u16, String), AccountError> {
    let request = gloo_net::http::Request::post(url)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .body(body)
        .map_err(|_| AccountError::Unreachable)?;
    let resp = request
        .send()
        .await
        .map_err(|_| AccountError::Unreachable)?;
    let status = resp.status();
    let text = resp.text().await.unwrap_or_default();
    Ok((status, text))
}

fn url(base: &str, path: &str) -> String {
    format!("{}{}", base.trim_end_matches('/'), path)
}

/// POSTs `body` as JSON to `base` + `path` and reads the answer as `R`.
pub async fn post<B: Serialize, R: DeserializeOwned>(
    base: &str,
    path: &str,
    body: &B,
) -> Result<R, AccountError> {
    let json = serde_json::to_string(body).map_err(|_| AccountError::Malformed { status: 0 })?;
    let (status, text) = post_raw(&url(base, path), json).await?;
    decode(status, &text)
}

/// The same for the calls that answer 204.
pub async fn post_no_content<B: Serialize>(
    base: &str,
    path: &str,
    body: &B,
) -> Result<NoContent, AccountError> {
    let json = serde_json::to_string(body).map_err(|_| AccountError::Malformed { status: 0 })?;
    let (status, text) = post_raw(&url(base, path), json).await?;
    decode_empty(status, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_contract_answers() {
        let found: FindResponse = decode(
            200,
            r#"{"accounts":[{"login":"cmoreau","email":"claire.moreau@ac-toulouse.fr","displayName":"Claire Moreau"}],"matchedBy":"birthName"}"#,
        )
        .unwrap();
        assert_eq!(found.matched_by, MatchedBy::BirthName);
        assert_eq!(found.accounts[0].login, "cmoreau");
        let c: Captcha = decode(
            201,
            r#"{"id":"c1","kind":"question","question":"Combien font sept plus cinq ?","expiresInSeconds":600}"#,
        )
        .unwrap();
        assert_eq!(c.image, None);
        assert_eq!(decode_empty(204, ""), Ok(NoContent));
    }

    #[test]
    fn errors_become_messages_never_panics() {
        let e = decode::<StatusResponse>(
            429,
            r#"{"code":"account_locked","message":"Compte bloqué","retryAfterSeconds":61}"#,
        )
        .unwrap_err();
        assert_eq!(e.message_key(), "account.error.locked");
        assert_eq!(e.retry_minutes(), Some(2));
        let e = decode::<StatusResponse>(
            422,
            r#"{"code":"policy_not_met","message":"…","unmet":["upper","digit"]}"#,
        )
        .unwrap_err();
        assert!(matches!(&e, AccountError::Refused { unmet, .. } if unmet.len() == 2));
        // an HTML error page, an empty 502, broken JSON in a 200, an unknown code
        assert_eq!(
            decode::<StatusResponse>(502, "<html>Bad gateway</html>").unwrap_err(),
            AccountError::Malformed { status: 502 }
        );
        assert_eq!(
            decode::<StatusResponse>(200, "{\"mustChange").unwrap_err(),
            AccountError::Malformed { status: 200 }
        );
        let odd = decode::<StatusResponse>(418, r#"{"code":"teapot","message":"x"}"#).unwrap_err();
        assert_eq!(odd.message_key(), "account.error.unavailable");
        assert_eq!(
            AccountError::Unreachable.message_key(),
            "account.error.unreachable"
        );
    }
}
