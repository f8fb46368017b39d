//! The routes of `/api/compte/v1` and their logic, independent of the HTTP
//! library: a `Request` in, a `Reply` out. Directory and mail behind traits,
//! time behind a clock, so all of it runs in unit tests.

use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::assistance;
use crate::captcha::{self, Kind};
use crate::config::Config;
use crate::directory::{Auth, DirError, Directory, Person};
use crate::errors::ApiError;
use crate::limits::{Lockout, RateLimiter};
use crate::names;
use crate::policy::Context;
use crate::rand;
use crate::smtp::Mailer;
use crate::store::ExpiringStore;
use crate::validate::{self, CaptchaKind};

pub struct Request<'a> {
    pub method: &'a str,
    /// Path without the query string.
    pub path: &'a str,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
    pub client_ip: IpAddr,
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Option<Value>,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body: Some(body),
            headers: vec![],
        }
    }

    fn no_content() -> Reply {
        Reply {
            status: 204,
            body: None,
            headers: vec![],
        }
    }

    pub fn error(e: &ApiError) -> Reply {
        let mut headers = vec![];
        if let Some(s) = e.retry_after {
            headers.push(("Retry-After", s.to_string()));
        }
        if let Some(a) = e.allow {
            headers.push(("Allow", a.to_string()));
        }
        Reply {
            status: e.status,
            body: Some(e.body()),
            headers,
        }
    }
}

/// What a successful identity check on reset grants.
#[derive(Debug, Clone)]
struct Grant {
    dn: String,
    numen: Option<String>,
}

pub type Clock = Box<dyn Fn() -> u64 + Send + Sync>;

pub struct App {
    cfg: Config,
    dir: Box<dyn Directory>,
    mailer: Box<dyn Mailer>,
    /// Monotonic seconds.
    clock: Clock,
    captchas: Mutex<ExpiringStore<String>>,
    resets: Mutex<ExpiringStore<Grant>>,
    per_ip: Mutex<RateLimiter>,
    per_account: Mutex<RateLimiter>,
    lockout: Mutex<Lockout>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn dir_error(e: DirError) -> ApiError {
    match e {
        DirError::Unavailable(why) => {
            eprintln!("autan-compte: annuaire indisponible : {why}");
            ApiError::directory_unavailable()
        }
        DirError::Constraint => ApiError::policy_not_met(vec![]),
    }
}

/// Compares without stopping at the first difference.
fn ct_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0
}

/// Identity check of the reset flow (pure): same birth date, and the NUMEN or
/// the temporary agent number.
fn identity_matches(person: &Person, birth_date: &str, numen: &str) -> bool {
    let typed = crate::policy::squash(numen);
    let date_ok = person
        .birth_date
        .as_deref()
        .is_some_and(|d| ct_eq(d.trim(), &birth_date.replace('-', "")));
    let numen_ok = [&person.numen, &person.agent_number]
        .iter()
        .filter_map(|v| v.as_deref())
        .map(crate::policy::squash)
        .filter(|v| !v.is_empty())
        .fold(false, |acc, v| ct_eq(&v, &typed) | acc);
    !typed.is_empty() && date_ok & numen_ok
}

impl App {
    pub fn new(cfg: Config, dir: Box<dyn Directory>, mailer: Box<dyn Mailer>, clock: Clock) -> App {
        App {
            captchas: Mutex::new(ExpiringStore::new(
                cfg.captcha.max_stored,
                cfg.captcha.ttl_seconds,
            )),
            resets: Mutex::new(ExpiringStore::new(
                cfg.reset_token.max_stored,
                cfg.reset_token.ttl_seconds,
            )),
            per_ip: Mutex::new(RateLimiter::new(cfg.rate_limits.per_ip)),
            per_account: Mutex::new(RateLimiter::new(cfg.rate_limits.per_account)),
            lockout: Mutex::new(Lockout::new(cfg.lockout)),
            cfg,
            dir,
            mailer,
            clock,
        }
    }

    /// A clock counting seconds from now, for production.
    pub fn monotonic_clock() -> Clock {
        let start = Instant::now();
        Box::new(move || start.elapsed().as_secs())
    }

    pub fn config(&self) -> &Config {
        &self.cfg
    }

    pub fn handle(&self, req: &Request<'_>) -> Reply {
        match self.route(req) {
            Ok(r) => r,
            Err(e) => Reply::error(&e),
        }
    }

    fn route(&self, req: &Request<'_>) -> Result<Reply, ApiError> {
        let rest = req
            .path
            .strip_prefix(self.cfg.base_path.as_str())
            .ok_or_else(ApiError::not_found)?;
        let (allow, post): (&'static str, bool) = match rest {
            "/policy" => ("GET", false),
            "/captcha"
            | "/account/find"
            | "/password/reset"
            | "/password/reset/complete"
            | "/password/change"
            | "/account/status"
            | "/assistance" => ("POST", true),
            #[cfg(feature = "test-hooks")]
            r if r.starts_with("/test/captcha/") => ("GET", false),
            _ => return Err(ApiError::not_found()),
        };
        if req.method != allow {
            return Err(ApiError::method_not_allowed(allow));
        }
        if !post {
            #[cfg(feature = "test-hooks")]
            if let Some(id) = rest.strip_prefix("/test/captcha/") {
                return self.test_captcha(id);
            }
            return Ok(Reply::json(
                200,
                serde_json::to_value(&self.cfg.policy).map_err(|_| ApiError::internal())?,
            ));
        }
        let empty = req.body.iter().all(u8::is_ascii_whitespace);
        let is_json = req.content_type.is_some_and(|ct| {
            ct.split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
        });
        let bare_empty = empty && req.content_type.is_none();
        if !(is_json || bare_empty) {
            return Err(ApiError::unsupported_media_type());
        }
        let now = (self.clock)();
        lock(&self.per_ip)
            .hit(&req.client_ip.to_string(), now)
            .map_err(ApiError::too_many_requests)?;
        let b = req.body;
        match rest {
            "/captcha" => self.captcha(validate::parse(b, true)?),
            "/account/find" => self.find(validate::parse(b, false)?),
            "/password/reset" => self.reset(validate::parse(b, false)?),
            "/password/reset/complete" => self.reset_complete(validate::parse(b, false)?),
            "/password/change" => self.change(validate::parse(b, false)?),
            "/account/status" => self.status(validate::parse(b, false)?),
            "/assistance" => self.assistance(validate::parse(b, false)?, req.client_ip),
            _ => Err(ApiError::not_found()),
        }
    }

    fn captcha(&self, req: validate::CaptchaRequest) -> Result<Reply, ApiError> {
        let kind = match req.kind {
            CaptchaKind::Image => Kind::Image,
            CaptchaKind::Question => Kind::Question,
        };
        let mut rng = rand::Pool::new()?;
        let c = captcha::generate(kind, &mut rng)?;
        let id = rand::hex_id::<16>()?;
        let mut store = lock(&self.captchas);
        store.insert(id.clone(), c.answer, (self.clock)());
        let mut body = json!({ "id": id, "kind": kind.as_str(), "expiresInSeconds": store.ttl() });
        if let Some(image) = c.image {
            body["image"] = json!(image);
        }
        if let Some(q) = c.question {
            body["question"] = json!(q);
        }
        Ok(Reply::json(201, body))
    }

    /// Consumes the captcha whatever the answer.
    fn check_captcha(&self, id: &str, answer: &str) -> Result<(), ApiError> {
        let expected = lock(&self.captchas).take(id, (self.clock)());
        match expected {
            Some(e)
                if ct_eq(
                    &captcha::normalize_answer(&e),
                    &captcha::normalize_answer(answer),
                ) =>
            {
                Ok(())
            }
            _ => Err(ApiError::captcha_invalid()),
        }
    }

    #[cfg(feature = "test-hooks")]
    fn test_captcha(&self, id: &str) -> Result<Reply, ApiError> {
        let store = lock(&self.captchas);
        let answer = store
            .peek(id, (self.clock)())
            .ok_or_else(ApiError::not_found)?;
        Ok(Reply::json(200, json!({ "answer": answer })))
    }

    fn find(&self, req: validate::FindRequest) -> Result<Reply, ApiError> {
        let date = req.birth_date.replace('-', "");
        let people = self.dir.people_born_on(&date).map_err(dir_error)?;
        let (found, by) = names::match_candidates(&people, &req.last_name, &req.first_name)
            .ok_or_else(ApiError::account_not_found)?;
        let accounts: Vec<Value> = found
            .iter()
            .map(|c| json!({ "login": c.login, "email": c.email, "displayName": c.display_name }))
            .collect();
        Ok(Reply::json(
            200,
            json!({ "accounts": accounts, "matchedBy": by }),
        ))
    }

    /// Per-account rate limit and lockout, keyed by the login as typed, lower-cased.
    fn account_gate(&self, login: &str) -> Result<String, ApiError> {
        let key = login.to_lowercase();
        let now = (self.clock)();
        lock(&self.lockout)
            .check(&key, now)
            .map_err(ApiError::account_locked)?;
        lock(&self.per_account)
            .hit(&key, now)
            .map_err(ApiError::too_many_requests)?;
        Ok(key)
    }

    fn failure(&self, key: &str) {
        let _ = lock(&self.lockout).failure(key, (self.clock)());
    }

    /// Makes credential checks last at least the configured time.
    fn pad(&self, started: Instant) {
        let floor = Duration::from_millis(self.cfg.identity_check_min_millis);
        if let Some(rest) = floor.checked_sub(started.elapsed()) {
            std::thread::sleep(rest);
        }
    }

    fn reset(&self, req: validate::ResetRequest) -> Result<Reply, ApiError> {
        // The captcha first: an account's quota cannot be spent without it.
        self.check_captcha(&req.captcha_id, &req.captcha_answer)?;
        let key = self.account_gate(&req.login)?;
        let started = Instant::now();
        let person = self.dir.lookup(&req.login).map_err(dir_error)?;
        let verified = person.filter(|p| identity_matches(p, &req.birth_date, &req.numen));
        self.pad(started);
        let Some(person) = verified else {
            self.failure(&key);
            return Err(ApiError::identity_not_verified());
        };
        lock(&self.lockout).success(&key);
        let token = rand::hex_id::<32>()?;
        let mut store = lock(&self.resets);
        store.insert(
            token.clone(),
            Grant {
                dn: person.dn,
                numen: person.numen,
            },
            (self.clock)(),
        );
        Ok(Reply::json(
            200,
            json!({ "resetToken": token, "expiresInSeconds": store.ttl() }),
        ))
    }

    fn reset_complete(&self, req: validate::ResetCompleteRequest) -> Result<Reply, ApiError> {
        let now = (self.clock)();
        let (grant, expires) = {
            let mut store = lock(&self.resets);
            let expires = store.expires_at(&req.reset_token).unwrap_or(0);
            (
                store
                    .take(&req.reset_token, now)
                    .ok_or_else(ApiError::reset_token_invalid)?,
                expires,
            )
        };
        let give_back = |grant: Grant| {
            lock(&self.resets).restore(req.reset_token.clone(), grant, expires, (self.clock)())
        };
        let unmet = self.cfg.policy.check(
            &req.new_password,
            Context {
                numen: grant.numen.as_deref(),
                current: None,
            },
        );
        if !unmet.is_empty() {
            give_back(grant);
            return Err(ApiError::policy_not_met(unmet));
        }
        match self.dir.reset_password(&grant.dn, &req.new_password) {
            Ok(()) => Ok(Reply::no_content()),
            Err(e) => {
                give_back(grant);
                Err(dir_error(e))
            }
        }
    }

    fn change(&self, req: validate::ChangeRequest) -> Result<Reply, ApiError> {
        // Rules that need no directory are checked first: the captcha is kept.
        let unmet = self.cfg.policy.check(
            &req.new_password,
            Context {
                numen: None,
                current: Some(&req.current_password),
            },
        );
        if !unmet.is_empty() {
            return Err(ApiError::policy_not_met(unmet));
        }
        self.check_captcha(&req.captcha_id, &req.captcha_answer)?;
        let key = self.account_gate(&req.login)?;
        let started = Instant::now();
        let person = self.authenticated(&req.login, &req.current_password);
        self.pad(started);
        let Some(person) = person? else {
            self.failure(&key);
            return Err(ApiError::invalid_credentials());
        };
        lock(&self.lockout).success(&key);
        let ctx = Context {
            numen: person.numen.as_deref(),
            current: Some(&req.current_password),
        };
        let unmet = self.cfg.policy.check(&req.new_password, ctx);
        if !unmet.is_empty() {
            return Err(ApiError::policy_not_met(unmet));
        }
        match self
            .dir
            .change_password(&person.dn, &req.current_password, &req.new_password)
            .map_err(dir_error)?
        {
            Auth::Ok => Ok(Reply::no_content()),
            Auth::BadCredentials => Err(ApiError::invalid_credentials()),
        }
    }

    /// The account when `password` is its password.
    fn authenticated(&self, login: &str, password: &str) -> Result<Option<Person>, ApiError> {
        let Some(person) = self.dir.lookup(login).map_err(dir_error)? else {
            return Ok(None);
        };
        match self
            .dir
            .authenticate(&person.dn, password)
            .map_err(dir_error)?
        {
            Auth::Ok => Ok(Some(person)),
            Auth::BadCredentials => Ok(None),
        }
    }

    /// Asked by the webmail's login form side by side with the JMAP login,
    /// typos included: it neither counts towards nor waits for the reset and
    /// change lockout (a few mistyped logins must not lock a reset), and it
    /// answers no more than the mail server's own login does (the per-IP
    /// limit applies).
    fn status(&self, req: validate::StatusRequest) -> Result<Reply, ApiError> {
        let Some(person) = self.authenticated(&req.login, &req.password)? else {
            return Err(ApiError::invalid_credentials());
        };
        let initial = person
            .numen
            .as_deref()
            .map(|n| n.trim().to_uppercase())
            .filter(|n| !n.is_empty());
        let must_change = initial.is_some_and(|n| ct_eq(&n, &req.password));
        Ok(Reply::json(
            200,
            json!({ "mustChangePassword": must_change }),
        ))
    }

    fn assistance(
        &self,
        req: validate::AssistanceRequest,
        client_ip: IpAddr,
    ) -> Result<Reply, ApiError> {
        let unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let reference = assistance::reference(
            &self.cfg.assistance.reference_prefix,
            unix,
            rand::bytes::<2>()?,
        );
        let ip = client_ip.to_string();
        let env = assistance::Envelope {
            from: &self.cfg.smtp.from,
            to: &self.cfg.assistance.to,
            client_ip: &ip,
        };
        let mail = assistance::compose(&req, &reference, &env, unix);
        if let Err(e) = self.mailer.send(&mail) {
            eprintln!("autan-compte: assistance {reference} non transmise : {e}");
            return Err(ApiError::assistance_unavailable());
        }
        Ok(Reply::json(201, json!({ "reference": reference })))
    }
}

#[cfg(test)]
#[path = "api_tests.rs"]
mod tests;
