//! Configuration, read from the JSON file given by `--config PATH`.
//! Every field has a default except none: an empty `{}` gives a loopback dev setup.

use std::net::IpAddr;

use serde::Deserialize;

use crate::limits::{LockoutConfig, RateConfig};
use crate::policy::Policy;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Config {
    /// Address to listen on, e.g. `127.0.0.1:8930`.
    pub listen: String,
    /// Worker threads serving requests.
    pub workers: usize,
    /// Path prefix of every route.
    pub base_path: String,
    /// Largest request body accepted (bytes); larger ones get 413 unread.
    pub max_body_bytes: usize,
    pub ldap: LdapConfig,
    pub attributes: Attributes,
    pub policy: Policy,
    pub captcha: CaptchaConfig,
    pub reset_token: ResetTokenConfig,
    pub rate_limits: RateLimits,
    pub lockout: LockoutConfig,
    /// Peers whose `X-Forwarded-For` (first hop) is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// Floor duration (ms) of every identity check on reset, so that an unknown
    /// login, a wrong NUMEN and a success take about as long.
    pub identity_check_min_millis: u64,
    pub smtp: SmtpConfig,
    pub assistance: AssistanceConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct LdapConfig {
    pub url: String,
    /// Where people live (searched with scope subtree).
    pub people_base: String,
    /// Extra filter ANDed to every people search.
    pub people_filter: String,
    pub service_bind_dn: String,
    /// File holding the service account's password (read at each connection; trailing newline ignored).
    pub service_password_file: String,
    pub timeout_seconds: u64,
    /// At most this many people born on one date are examined.
    pub max_candidates: i32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Attributes {
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub first_name: String,
    pub usage_name: String,
    pub birth_name: String,
    /// Stored as `YYYYMMDD`.
    pub birth_date: String,
    pub numen: String,
    pub agent_number: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct CaptchaConfig {
    pub ttl_seconds: u64,
    pub max_stored: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ResetTokenConfig {
    pub ttl_seconds: u64,
    pub max_stored: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RateLimits {
    /// Every POST, per client IP.
    pub per_ip: RateConfig,
    /// Reset, change and status, per login as typed (lower-cased).
    pub per_account: RateConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct SmtpConfig {
    /// `host:port` of the relay.
    pub relay: String,
    pub helo_name: String,
    /// Envelope and header sender.
    pub from: String,
    pub timeout_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AssistanceConfig {
    /// Where assistance requests are sent.
    pub to: String,
    /// References look like `AST-20261130-4F2A`.
    pub reference_prefix: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8930".into(),
            workers: 4,
            base_path: "/api/compte/v1".into(),
            max_body_bytes: 16 * 1024,
            ldap: LdapConfig::default(),
            attributes: Attributes::default(),
            policy: Policy::default(),
            captcha: CaptchaConfig::default(),
            reset_token: ResetTokenConfig::default(),
            rate_limits: RateLimits::default(),
            lockout: LockoutConfig {
                max_failures: 5,
                window_seconds: 900,
                lock_seconds: 900,
            },
            trusted_proxies: vec![],
            identity_check_min_millis: 300,
            smtp: SmtpConfig::default(),
            assistance: AssistanceConfig::default(),
        }
    }
}

impl Default for LdapConfig {
    fn default() -> Self {
        LdapConfig {
            url: "ldap://127.0.0.1:3389".into(),
            people_base: "ou=people,dc=ac-toulouse,dc=fr".into(),
            people_filter: "(objectClass=inetOrgPerson)".into(),
            service_bind_dn: "cn=compte,ou=services,dc=ac-toulouse,dc=fr".into(),
            service_password_file: "/tmp/autan-stack/ldap/compte.secret".into(),
            timeout_seconds: 5,
            max_candidates: 200,
        }
    }
}

impl Default for Attributes {
    fn default() -> Self {
        Attributes {
            login: "uid".into(),
            email: "mail".into(),
            display_name: "cn".into(),
            first_name: "givenName".into(),
            usage_name: "sn".into(),
            birth_name: "autanBirthName".into(),
            birth_date: "autanBirthDate".into(),
            numen: "autanNumen".into(),
            agent_number: "autanAgentNumber".into(),
        }
    }
}

impl Default for CaptchaConfig {
    fn default() -> Self {
        CaptchaConfig {
            ttl_seconds: 600,
            max_stored: 10_000,
        }
    }
}

impl Default for ResetTokenConfig {
    fn default() -> Self {
        ResetTokenConfig {
            ttl_seconds: 600,
            max_stored: 10_000,
        }
    }
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            per_ip: RateConfig {
                max: 60,
                window_seconds: 600,
            },
            per_account: RateConfig {
                max: 10,
                window_seconds: 900,
            },
        }
    }
}

impl Default for SmtpConfig {
    fn default() -> Self {
        SmtpConfig {
            relay: "127.0.0.1:25".into(),
            helo_name: "localhost".into(),
            from: "mamamia@ac-toulouse.fr".into(),
            timeout_seconds: 10,
        }
    }
}

impl Default for AssistanceConfig {
    fn default() -> Self {
        AssistanceConfig {
            to: "assistance@ac-toulouse.fr".into(),
            reference_prefix: "AST".into(),
        }
    }
}

impl Config {
    pub fn from_json(text: &str) -> Result<Config, String> {
        let cfg: Config =
            serde_json::from_str(text).map_err(|e| format!("configuration invalide : {e}"))?;
        cfg.check()?;
        Ok(cfg)
    }

    pub fn load(path: &str) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("lecture de {path} impossible : {e}"))?;
        Self::from_json(&text)
    }

    fn check(&self) -> Result<(), String> {
        if self.workers == 0 || self.workers > 64 {
            return Err("workers doit être entre 1 et 64".into());
        }
        if !self.base_path.starts_with('/') || self.base_path.ends_with('/') {
            return Err("basePath doit commencer par « / » et ne pas finir par « / »".into());
        }
        if self.max_body_bytes == 0 {
            return Err("maxBodyBytes doit être positif".into());
        }
        for (name, v) in [
            ("smtp.from", &self.smtp.from),
            ("assistance.to", &self.assistance.to),
        ] {
            if !crate::validate::is_email(v) {
                return Err(format!("{name} n'est pas une adresse valide"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_dev_file() {
        let c = Config::from_json("{}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.listen, "127.0.0.1:8930");
        let dev = include_str!("../config.dev.json");
        let c = Config::from_json(dev).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.base_path, "/api/compte/v1");
        assert!(
            Config::from_json(r#"{"nope": 1}"#).is_err(),
            "unknown keys refused"
        );
        assert!(Config::from_json(r#"{"workers": 0}"#).is_err());
    }
}
