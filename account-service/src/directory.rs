//! The LDAP directory (ldap3, sync). One short connection per operation:
//! searches and reads as the service account, password checks and changes as
//! the user, resets with the Password Modify extended operation (RFC 3062).

use std::collections::HashMap;
use std::time::Duration;

use ldap3::exop::PasswordModify;
use ldap3::{
    ldap_escape, LdapConn, LdapConnSettings, LdapResult, Scope, SearchEntry, SearchOptions,
};

use crate::config::{Attributes, LdapConfig};
use crate::names::Candidate;

/// LDAP result codes used here.
const RC_SUCCESS: u32 = 0;
const RC_SIZE_LIMIT: u32 = 4;
const RC_CONSTRAINT: u32 = 19;
const RC_INVALID_CREDENTIALS: u32 = 49;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirError {
    /// Unreachable, timed out, refused the service account, or answered oddly.
    Unavailable(String),
    /// The server refused the new password (its own policy).
    Constraint,
}

/// An account as the reset and change flows need it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub dn: String,
    pub birth_date: Option<String>,
    pub numen: Option<String>,
    pub agent_number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    Ok,
    BadCredentials,
}

pub trait Directory: Send + Sync {
    /// Everybody born on `yyyymmdd` (as stored).
    fn people_born_on(&self, yyyymmdd: &str) -> Result<Vec<Candidate>, DirError>;
    /// The account whose login is `login` (case-insensitive, as LDAP compares uid).
    fn lookup(&self, login: &str) -> Result<Option<Person>, DirError>;
    /// Binds as `dn` with `password`.
    fn authenticate(&self, dn: &str, password: &str) -> Result<Auth, DirError>;
    /// Binds as the user, then Password Modify as that user (old + new).
    fn change_password(&self, dn: &str, old: &str, new: &str) -> Result<Auth, DirError>;
    /// Password Modify as the service account for `dn` (no old password).
    fn reset_password(&self, dn: &str, new: &str) -> Result<(), DirError>;
}

pub struct Ldap {
    cfg: LdapConfig,
    attrs: Attributes,
}

fn unavailable(e: impl std::fmt::Display) -> DirError {
    DirError::Unavailable(e.to_string())
}

fn first(map: &HashMap<String, Vec<String>>, name: &str) -> Option<String> {
    all(map, name).into_iter().next()
}

fn all(map: &HashMap<String, Vec<String>>, name: &str) -> Vec<String> {
    map.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

impl Ldap {
    pub fn new(cfg: LdapConfig, attrs: Attributes) -> Self {
        Ldap { cfg, attrs }
    }

    fn timeout(&self) -> Duration {
        Duration::from_secs(self.cfg.timeout_seconds.max(1))
    }

    fn connect(&self) -> Result<LdapConn, DirError> {
        let settings = LdapConnSettings::new().set_conn_timeout(self.timeout());
        LdapConn::with_settings(settings, &self.cfg.url).map_err(unavailable)
    }

    fn bind(&self, conn: &mut LdapConn, dn: &str, password: &str) -> Result<Auth, DirError> {
        // An empty password would be an unauthenticated bind, which "succeeds".
        if password.is_empty() || dn.is_empty() {
            return Ok(Auth::BadCredentials);
        }
        let res = conn
            .with_timeout(self.timeout())
            .simple_bind(dn, password)
            .map_err(unavailable)?;
        match res.rc {
            RC_SUCCESS => Ok(Auth::Ok),
            RC_INVALID_CREDENTIALS => Ok(Auth::BadCredentials),
            rc => Err(DirError::Unavailable(format!("bind: code {rc}"))),
        }
    }

    fn service(&self) -> Result<LdapConn, DirError> {
        let secret = std::fs::read_to_string(&self.cfg.service_password_file).map_err(|e| {
            DirError::Unavailable(format!("secret du compte de service illisible : {e}"))
        })?;
        let secret = secret.trim_end_matches(['\n', '\r']);
        let mut conn = self.connect()?;
        match self.bind(&mut conn, &self.cfg.service_bind_dn, secret)? {
            Auth::Ok => Ok(conn),
            Auth::BadCredentials => Err(DirError::Unavailable("compte de service refusé".into())),
        }
    }

    fn search(
        &self,
        conn: &mut LdapConn,
        filter: &str,
        attrs: &[&str],
    ) -> Result<Vec<SearchEntry>, DirError> {
        let limit = self.cfg.max_candidates.max(1);
        let full = format!("(&{}{})", self.cfg.people_filter, filter);
        let res = conn
            .with_search_options(SearchOptions::new().sizelimit(limit))
            .with_timeout(self.timeout())
            .search(&self.cfg.people_base, Scope::Subtree, &full, attrs.to_vec())
            .map_err(unavailable)?;
        let ldap3::SearchResult(entries, result) = res;
        if result.rc != RC_SUCCESS && result.rc != RC_SIZE_LIMIT {
            return Err(DirError::Unavailable(format!("search: code {}", result.rc)));
        }
        Ok(entries.into_iter().map(SearchEntry::construct).collect())
    }

    fn exop(&self, conn: &mut LdapConn, pm: PasswordModify<'_>) -> Result<(), DirError> {
        let res = conn
            .with_timeout(self.timeout())
            .extended(pm)
            .map_err(unavailable)?;
        let LdapResult { rc, .. } = res.1;
        match rc {
            RC_SUCCESS => Ok(()),
            RC_CONSTRAINT => Err(DirError::Constraint),
            rc => Err(DirError::Unavailable(format!("password modify: code {rc}"))),
        }
    }
}

impl Directory for Ldap {
    fn people_born_on(&self, yyyymmdd: &str) -> Result<Vec<Candidate>, DirError> {
        let a = &self.attrs;
        let mut conn = self.service()?;
        let filter = format!("({}={})", a.birth_date, ldap_escape(yyyymmdd));
        let wanted = [
            &a.login,
            &a.email,
            &a.display_name,
            &a.first_name,
            &a.usage_name,
            &a.birth_name,
            &a.birth_date,
        ];
        let wanted: Vec<&str> = wanted.iter().map(|s| s.as_str()).collect();
        let entries = self.search(&mut conn, &filter, &wanted)?;
        let _ = conn.unbind();
        Ok(entries
            .into_iter()
            .filter_map(|e| {
                let login = first(&e.attrs, &a.login)?;
                let first_names = all(&e.attrs, &a.first_name);
                let usage_names = all(&e.attrs, &a.usage_name);
                let display_name = first(&e.attrs, &a.display_name).unwrap_or_else(|| {
                    format!(
                        "{} {}",
                        first_names.first().cloned().unwrap_or_default(),
                        usage_names.first().cloned().unwrap_or_default()
                    )
                    .trim()
                    .to_string()
                });
                Some(Candidate {
                    email: first(&e.attrs, &a.email).unwrap_or_default(),
                    display_name,
                    birth_names: all(&e.attrs, &a.birth_name),
                    first_names,
                    usage_names,
                    login,
                })
            })
            .collect())
    }

    fn lookup(&self, login: &str) -> Result<Option<Person>, DirError> {
        let a = &self.attrs;
        let mut conn = self.service()?;
        let filter = format!("({}={})", a.login, ldap_escape(login));
        let wanted = [
            a.birth_date.as_str(),
            a.numen.as_str(),
            a.agent_number.as_str(),
        ];
        let entries = self.search(&mut conn, &filter, &wanted)?;
        let _ = conn.unbind();
        // Ambiguous logins are treated as unknown.
        if entries.len() != 1 {
            return Ok(None);
        }
        Ok(entries.into_iter().next().map(|e| Person {
            birth_date: first(&e.attrs, &a.birth_date),
            numen: first(&e.attrs, &a.numen),
            agent_number: first(&e.attrs, &a.agent_number),
            dn: e.dn,
        }))
    }

    fn authenticate(&self, dn: &str, password: &str) -> Result<Auth, DirError> {
        let mut conn = self.connect()?;
        let r = self.bind(&mut conn, dn, password);
        let _ = conn.unbind();
        r
    }

    fn change_password(&self, dn: &str, old: &str, new: &str) -> Result<Auth, DirError> {
        let mut conn = self.connect()?;
        if self.bind(&mut conn, dn, old)? == Auth::BadCredentials {
            let _ = conn.unbind();
            return Ok(Auth::BadCredentials);
        }
        let r = self.exop(
            &mut conn,
            PasswordModify {
                user_id: Some(dn),
                old_pass: Some(old),
                new_pass: Some(new),
            },
        );
        let _ = conn.unbind();
        r.map(|()| Auth::Ok)
    }

    fn reset_password(&self, dn: &str, new: &str) -> Result<(), DirError> {
        let mut conn = self.service()?;
        let r = self.exop(
            &mut conn,
            PasswordModify {
                user_id: Some(dn),
                old_pass: None,
                new_pass: Some(new),
            },
        );
        let _ = conn.unbind();
        r
    }
}
