//! The API end to end, with an in-memory directory, a fake mailer and a
//! hand-driven clock.

use super::*;
use crate::names::Candidate;
use crate::smtp::Mail;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Clone)]
struct User {
    login: &'static str,
    first: &'static str,
    sn: &'static str,
    birth_name: Option<&'static str>,
    birth: &'static str,
    numen: &'static str,
    agent: Option<&'static str>,
}

struct FakeDir {
    users: Vec<User>,
    passwords: Mutex<HashMap<String, String>>,
    down: bool,
}

fn dn(login: &str) -> String {
    format!("uid={login},ou=people,dc=ac-toulouse,dc=fr")
}

impl FakeDir {
    fn new(down: bool) -> FakeDir {
        let users = vec![
            User {
                login: "fdurand",
                first: "Florent",
                sn: "Durand",
                birth_name: None,
                birth: "19850314",
                numen: "85E1234567FDU",
                agent: None,
            },
            User {
                login: "cmoreau",
                first: "Claire",
                sn: "Moreau",
                birth_name: Some("Lefèvre"),
                birth: "19820921",
                numen: "82E7654321CMO",
                agent: None,
            },
            User {
                login: "pnouveau",
                first: "Paul",
                sn: "Nouveau",
                birth_name: None,
                birth: "19900102",
                numen: "90E2468135PNO",
                agent: None,
            },
            User {
                login: "lpetit",
                first: "Lucie",
                sn: "Petit",
                birth_name: None,
                birth: "19791130",
                numen: "79E1357924LPE",
                agent: Some("T2026-000451"),
            },
        ];
        let mut pw: HashMap<String, String> = users
            .iter()
            .map(|u| (dn(u.login), "autan-demo".to_string()))
            .collect();
        pw.insert(dn("pnouveau"), "90E2468135PNO".into());
        FakeDir {
            users,
            passwords: Mutex::new(pw),
            down,
        }
    }

    fn up(&self) -> Result<(), DirError> {
        if self.down {
            Err(DirError::Unavailable("fake down".into()))
        } else {
            Ok(())
        }
    }
}

impl Directory for Arc<FakeDir> {
    fn people_born_on(&self, yyyymmdd: &str) -> Result<Vec<Candidate>, DirError> {
        self.up()?;
        Ok(self
            .users
            .iter()
            .filter(|u| u.birth == yyyymmdd)
            .map(|u| Candidate {
                login: u.login.into(),
                email: format!("{}@ac-toulouse.fr", u.login),
                display_name: format!("{} {}", u.first, u.sn),
                first_names: vec![u.first.into()],
                usage_names: vec![u.sn.into()],
                birth_names: u
                    .birth_name
                    .map(|b| vec![b.to_string()])
                    .unwrap_or_default(),
            })
            .collect())
    }

    fn lookup(&self, login: &str) -> Result<Option<Person>, DirError> {
        self.up()?;
        Ok(self
            .users
            .iter()
            .find(|u| u.login.eq_ignore_ascii_case(login))
            .map(|u| Person {
                dn: dn(u.login),
                birth_date: Some(u.birth.into()),
                numen: Some(u.numen.into()),
                agent_number: u.agent.map(str::to_string),
            }))
    }

    fn authenticate(&self, dn: &str, password: &str) -> Result<Auth, DirError> {
        self.up()?;
        let ok = lock(&self.passwords).get(dn).is_some_and(|p| p == password);
        Ok(if ok { Auth::Ok } else { Auth::BadCredentials })
    }

    fn change_password(&self, dn: &str, old: &str, new: &str) -> Result<Auth, DirError> {
        if self.authenticate(dn, old)? == Auth::BadCredentials {
            return Ok(Auth::BadCredentials);
        }
        self.reset_password(dn, new).map(|()| Auth::Ok)
    }

    fn reset_password(&self, dn: &str, new: &str) -> Result<(), DirError> {
        self.up()?;
        lock(&self.passwords).insert(dn.into(), new.into());
        Ok(())
    }
}

struct FakeMailer {
    sent: Arc<Mutex<Vec<Mail>>>,
    fail: bool,
}

impl Mailer for FakeMailer {
    fn send(&self, mail: &Mail) -> Result<(), String> {
        if self.fail {
            return Err("relay down".into());
        }
        lock(&self.sent).push(mail.clone());
        Ok(())
    }
}

struct Harness {
    app: App,
    dir: Arc<FakeDir>,
    time: Arc<AtomicU64>,
    sent: Arc<Mutex<Vec<Mail>>>,
}

fn harness_with(cfg_json: &str, down: bool, mail_fails: bool) -> Harness {
    let mut cfg = Config::from_json(cfg_json).unwrap_or_else(|e| panic!("{e}"));
    cfg.identity_check_min_millis = 0;
    cfg.policy = crate::policy::Policy::default();
    let dir = Arc::new(FakeDir::new(down));
    let time = Arc::new(AtomicU64::new(1000));
    let t = time.clone();
    let sent = Arc::new(Mutex::new(vec![]));
    let mailer = FakeMailer {
        sent: sent.clone(),
        fail: mail_fails,
    };
    let app = App::new(
        cfg,
        Box::new(dir.clone()),
        Box::new(mailer),
        Box::new(move || t.load(Ordering::SeqCst)),
    );
    Harness {
        app,
        dir,
        time,
        sent,
    }
}

fn harness() -> Harness {
    harness_with("{}", false, false)
}

const IP: [u8; 4] = [192, 0, 2, 1];

impl Harness {
    fn call(&self, method: &str, path: &str, body: Value) -> Reply {
        let text = if body.is_null() {
            String::new()
        } else {
            body.to_string()
        };
        self.raw(method, path, Some("application/json"), text.as_bytes())
    }

    fn raw(&self, method: &str, path: &str, ct: Option<&str>, body: &[u8]) -> Reply {
        let full = format!("/api/compte/v1{path}");
        self.app.handle(&Request {
            method,
            path: &full,
            content_type: ct,
            body,
            client_ip: IpAddr::from(IP),
        })
    }

    fn post(&self, path: &str, body: Value) -> Reply {
        self.call("POST", path, body)
    }

    /// A fresh captcha and its answer (read from the store).
    fn captcha(&self) -> (String, String) {
        let r = self.post("/captcha", json!({}));
        assert_eq!(r.status, 201);
        let id = r
            .body
            .as_ref()
            .and_then(|b| b["id"].as_str())
            .unwrap_or_default()
            .to_string();
        let answer = lock(&self.app.captchas)
            .peek(&id, self.time.load(Ordering::SeqCst))
            .cloned()
            .unwrap_or_default();
        (id, answer)
    }

    fn reset(&self, login: &str, numen: &str, date: &str) -> Reply {
        let (id, answer) = self.captcha();
        self.post(
            "/password/reset",
            json!({"login": login, "numen": numen, "birthDate": date, "captchaId": id, "captchaAnswer": answer.to_lowercase()}),
        )
    }

    fn password(&self, login: &str) -> String {
        lock(&self.dir.passwords)
            .get(&dn(login))
            .cloned()
            .unwrap_or_default()
    }
}

fn code(r: &Reply) -> &str {
    r.body
        .as_ref()
        .and_then(|b| b["code"].as_str())
        .unwrap_or("")
}

fn header<'a>(r: &'a Reply, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn routing_and_common_errors() {
    let h = harness();
    let r = h.call("GET", "/policy", Value::Null);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.body,
        Some(
            json!({"minLength": 12, "lower": true, "upper": true, "digit": true, "special": true})
        )
    );

    assert_eq!(h.call("GET", "/nope", Value::Null).status, 404);
    assert_eq!(h.call("GET", "/policy/", Value::Null).status, 404);
    let outside = h.app.handle(&Request {
        method: "GET",
        path: "/policy",
        content_type: None,
        body: b"",
        client_ip: IpAddr::from(IP),
    });
    assert_eq!(outside.status, 404);
    assert_eq!(code(&outside), "not_found");
    #[cfg(not(feature = "test-hooks"))]
    assert_eq!(h.call("GET", "/test/captcha/abc", Value::Null).status, 404);

    let r = h.call("GET", "/captcha", Value::Null);
    assert_eq!(
        (r.status, code(&r), header(&r, "Allow")),
        (405, "method_not_allowed", Some("POST"))
    );
    let r = h.call("POST", "/policy", Value::Null);
    assert_eq!((r.status, header(&r, "Allow")), (405, Some("GET")));

    let r = h.raw("POST", "/account/find", Some("text/plain"), b"{}");
    assert_eq!((r.status, code(&r)), (415, "unsupported_media_type"));
    let r = h.raw("POST", "/account/find", None, b"{}");
    assert_eq!(r.status, 415);
    let r = h.raw("POST", "/captcha", None, b"");
    assert_eq!(
        r.status, 201,
        "empty captcha request without a type is fine"
    );
    let r = h.raw(
        "POST",
        "/account/find",
        Some("application/json; charset=utf-8"),
        b"",
    );
    assert_eq!((r.status, code(&r)), (400, "invalid_request"));
    let r = h.raw(
        "POST",
        "/account/find",
        Some("application/json"),
        br#"{"lastName":"a","firstName":"b","birthDate":"1985-03-14","x":1}"#,
    );
    assert_eq!((r.status, code(&r)), (400, "invalid_request"));
    let r = h.raw(
        "POST",
        "/account/status",
        Some("application/json"),
        br#"{"login":["x"],"password":"y"}"#,
    );
    assert_eq!(r.status, 400);
    // Every error body is exactly {code, message}.
    let keys: Vec<String> = r
        .body
        .as_ref()
        .and_then(Value::as_object)
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    assert_eq!(keys, vec!["code", "message"]);
}

#[test]
fn captcha_kinds_and_single_use() {
    let h = harness();
    let r = h.post("/captcha", json!({"kind": "question"}));
    assert_eq!(r.status, 201);
    let b = r.body.unwrap_or_default();
    assert_eq!(b["kind"], "question");
    assert!(b["question"]
        .as_str()
        .is_some_and(|q| q.starts_with("Combien font")));
    assert!(b.get("image").is_none());
    assert_eq!(b["expiresInSeconds"], 600);
    let r = h.post("/captcha", json!({"kind": "image"}));
    let b = r.body.unwrap_or_default();
    assert!(b["image"]
        .as_str()
        .is_some_and(|i| i.starts_with("data:image/png;base64,iVBORw0KGgo")));
    assert_eq!(h.post("/captcha", json!({"kind": "audio"})).status, 400);

    // Wrong answer consumes it: the right one afterwards is refused too.
    let (id, answer) = h.captcha();
    let body = |a: &str| json!({"login": "fdurand", "numen": "85E1234567FDU", "birthDate": "1985-03-14", "captchaId": id, "captchaAnswer": a});
    let r = h.post("/password/reset", body("ZZZZZ"));
    assert_eq!((r.status, code(&r)), (400, "captcha_invalid"));
    let r = h.post("/password/reset", body(&answer));
    assert_eq!((r.status, code(&r)), (400, "captcha_invalid"));

    // Expired.
    let (id, answer) = h.captcha();
    h.time.fetch_add(601, Ordering::SeqCst);
    let r = h.post("/password/reset", json!({"login": "fdurand", "numen": "85E1234567FDU", "birthDate": "1985-03-14", "captchaId": id, "captchaAnswer": answer}));
    assert_eq!(code(&r), "captcha_invalid");
}

#[test]
fn find_account() {
    let h = harness();
    let r = h.post(
        "/account/find",
        json!({"lastName": "DURAND", "firstName": "florent", "birthDate": "1985-03-14"}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.body,
        Some(
            json!({"accounts": [{"login": "fdurand", "email": "fdurand@ac-toulouse.fr", "displayName": "Florent Durand"}], "matchedBy": "usageName"})
        )
    );
    let r = h.post(
        "/account/find",
        json!({"lastName": "Le Fevre", "firstName": "Claire", "birthDate": "1982-09-21"}),
    );
    assert_eq!(
        r.body.as_ref().map(|b| b["matchedBy"].clone()),
        Some(json!("birthName"))
    );
    let r = h.post(
        "/account/find",
        json!({"lastName": "Durand", "firstName": "Florent", "birthDate": "1985-03-15"}),
    );
    assert_eq!((r.status, code(&r)), (404, "account_not_found"));
    let r = h.post(
        "/account/find",
        json!({"lastName": "Durand", "firstName": "Florent", "birthDate": "1985-02-30"}),
    );
    assert_eq!(r.status, 400);
}

#[test]
fn reset_is_uniform_and_tokens_single_use() {
    let h = harness();
    let wrong = [
        h.reset("inconnu", "85E1234567FDU", "1985-03-14"),
        h.reset("fdurand", "85E1234567FDX", "1985-03-14"),
        h.reset("fdurand", "85E1234567FDU", "1985-03-15"),
        h.reset("lpetit", "T2026-000452", "1979-11-30"),
    ];
    for r in &wrong {
        assert_eq!(r.status, 400);
        assert_eq!(r.body, wrong[0].body, "same answer whatever is wrong");
        assert_eq!(code(r), "identity_not_verified");
    }
    // Agent number, lower case and spaces.
    let r = h.reset("lpetit", "t2026 000451", "1979-11-30");
    assert_eq!(r.status, 200);
    let r = h.reset("FDurand", "85e 1234567 fdu", "1985-03-14");
    assert_eq!(r.status, 200);
    let b = r.body.unwrap_or_default();
    assert_eq!(b["expiresInSeconds"], 600);
    let token = b["resetToken"].as_str().unwrap_or_default().to_string();
    assert_eq!(token.len(), 64);

    let r = h.post(
        "/password/reset/complete",
        json!({"resetToken": token, "newPassword": "court"}),
    );
    assert_eq!((r.status, code(&r)), (422, "policy_not_met"));
    assert_eq!(
        r.body.as_ref().map(|b| b["unmet"].clone()),
        Some(json!(["min_length", "upper", "digit", "special"]))
    );
    let r = h.post(
        "/password/reset/complete",
        json!({"resetToken": token, "newPassword": "85e1234567fdU"}),
    );
    assert!(r.body.as_ref().is_some_and(|b| b["unmet"]
        .as_array()
        .is_some_and(|u| u.contains(&json!("same_as_numen")))));
    let r = h.post(
        "/password/reset/complete",
        json!({"resetToken": token, "newPassword": "Nouveau-mot2passe"}),
    );
    assert_eq!(r.status, 204);
    assert!(r.body.is_none());
    assert_eq!(h.password("fdurand"), "Nouveau-mot2passe");
    let r = h.post(
        "/password/reset/complete",
        json!({"resetToken": token, "newPassword": "Encore-un2autre"}),
    );
    assert_eq!((r.status, code(&r)), (400, "reset_token_invalid"));

    // Expired token.
    let r = h.reset("fdurand", "85E1234567FDU", "1985-03-14");
    let token = r.body.unwrap_or_default()["resetToken"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    h.time.fetch_add(601, Ordering::SeqCst);
    let r = h.post(
        "/password/reset/complete",
        json!({"resetToken": token, "newPassword": "Nouveau-mot2passe"}),
    );
    assert_eq!(code(&r), "reset_token_invalid");
}

#[test]
fn lockout_known_and_unknown_alike() {
    let h = harness_with(
        r#"{"lockout": {"maxFailures": 3, "windowSeconds": 900, "lockSeconds": 900}}"#,
        false,
        false,
    );
    for login in ["fdurand", "inconnu"] {
        for _ in 0..3 {
            assert_eq!(
                code(&h.reset(login, "00E0000000XXX", "1985-03-14")),
                "identity_not_verified"
            );
        }
        let r = h.reset(login, "85E1234567FDU", "1985-03-14");
        assert_eq!((r.status, code(&r)), (429, "account_locked"), "{login}");
        assert_eq!(header(&r, "Retry-After"), Some("900"));
        assert_eq!(
            r.body.as_ref().map(|b| b["retryAfterSeconds"].clone()),
            Some(json!(900))
        );
        // Locked by the login as typed, lower-cased.
        let r = h.reset(&login.to_uppercase(), "85E1234567FDU", "1985-03-14");
        assert_eq!(code(&r), "account_locked");
        // The login form's status check stays outside the lockout: a few
        // typos there never lock a reset, and a lock never blocks a login.
        let r = h.post(
            "/account/status",
            json!({"login": login, "password": "autan-demo"}),
        );
        assert_ne!(code(&r), "account_locked");
    }
    h.time.fetch_add(900, Ordering::SeqCst);
    assert_eq!(
        h.reset("fdurand", "85E1234567FDU", "1985-03-14").status,
        200
    );
}

#[test]
fn rate_limits() {
    let h = harness_with(
        r#"{"rateLimits": {"perIp": {"max": 3, "windowSeconds": 60}, "perAccount": {"max": 100, "windowSeconds": 60}}}"#,
        false,
        false,
    );
    for _ in 0..3 {
        assert_eq!(h.post("/captcha", json!({})).status, 201);
    }
    let r = h.post("/captcha", json!({}));
    assert_eq!(
        (r.status, code(&r), header(&r, "Retry-After")),
        (429, "too_many_requests", Some("60"))
    );
    assert_eq!(
        h.call("GET", "/policy", Value::Null).status,
        200,
        "GET /policy is not limited"
    );
    h.time.fetch_add(60, Ordering::SeqCst);
    assert_eq!(h.post("/captcha", json!({})).status, 201);

    let h = harness_with(
        r#"{"rateLimits": {"perIp": {"max": 100, "windowSeconds": 60}, "perAccount": {"max": 2, "windowSeconds": 60}}}"#,
        false,
        false,
    );
    assert_eq!(
        h.reset("fdurand", "85E1234567FDU", "1985-03-14").status,
        200
    );
    assert_eq!(
        h.reset("FDURAND", "85E1234567FDU", "1985-03-14").status,
        200
    );
    let r = h.reset("fdurand", "85E1234567FDU", "1985-03-14");
    assert_eq!(code(&r), "too_many_requests");
    // a wrong captcha is refused before the account's quota is touched
    let r = h.post(
        "/password/reset",
        json!({"login": "lpetit", "numen": "x", "birthDate": "1979-11-30", "captchaId": "nope", "captchaAnswer": "x"}),
    );
    assert_eq!(code(&r), "captcha_invalid");
}

#[test]
fn change_password() {
    let h = harness();
    let body = |cur: &str, new: &str, id: &str, a: &str| json!({"login": "fdurand", "currentPassword": cur, "newPassword": new, "captchaId": id, "captchaAnswer": a});
    // Policy first: the captcha is not consumed.
    let (id, answer) = h.captcha();
    let r = h.post(
        "/password/change",
        body("autan-demo", "faible", &id, &answer),
    );
    assert_eq!((r.status, code(&r)), (422, "policy_not_met"));
    let r = h.post(
        "/password/change",
        body("Valide-mot2passe", "Valide-mot2passe", &id, &answer),
    );
    assert_eq!(
        r.body.as_ref().map(|b| b["unmet"].clone()),
        Some(json!(["same_as_current"]))
    );
    let r = h.post(
        "/password/change",
        body("mauvais", "Valide-mot2passe", &id, &answer),
    );
    assert_eq!((r.status, code(&r)), (401, "invalid_credentials"));
    assert_eq!(
        r.body.as_ref().map(|b| b["message"].clone()),
        Some(json!("Identifiant ou mot de passe actuel incorrect."))
    );
    let (id, answer) = h.captcha();
    let r = h.post(
        "/password/change",
        body("autan-demo", "85E1234567FDU", &id, &answer),
    );
    assert_eq!(r.status, 422, "NUMEN-like password fails on lower at least");
    let r = h.post(
        "/password/change",
        body("autan-demo", "Valide-mot2passe", &id, &answer),
    );
    assert_eq!(r.status, 204);
    assert_eq!(h.password("fdurand"), "Valide-mot2passe");
    let r = h.post(
        "/password/change",
        body("Valide-mot2passe", "Autre-mot2passe", &id, &answer),
    );
    assert_eq!(code(&r), "captcha_invalid", "single use");
}

#[test]
fn account_status() {
    let h = harness();
    let r = h.post(
        "/account/status",
        json!({"login": "pnouveau", "password": "90E2468135PNO"}),
    );
    assert_eq!(r.body, Some(json!({"mustChangePassword": true})));
    let r = h.post(
        "/account/status",
        json!({"login": "fdurand", "password": "autan-demo"}),
    );
    assert_eq!(r.body, Some(json!({"mustChangePassword": false})));
    let r = h.post(
        "/account/status",
        json!({"login": "fdurand", "password": "non"}),
    );
    assert_eq!((r.status, code(&r)), (401, "invalid_credentials"));
    let r = h.post(
        "/account/status",
        json!({"login": "personne", "password": "non"}),
    );
    assert_eq!((r.status, code(&r)), (401, "invalid_credentials"));
}

#[test]
fn directory_down_is_503() {
    let h = harness_with("{}", true, false);
    let r = h.post(
        "/account/find",
        json!({"lastName": "Durand", "firstName": "Florent", "birthDate": "1985-03-14"}),
    );
    assert_eq!((r.status, code(&r)), (503, "directory_unavailable"));
    let r = h.post(
        "/account/status",
        json!({"login": "fdurand", "password": "x"}),
    );
    assert_eq!(r.status, 503);
    let r = h.reset("fdurand", "85E1234567FDU", "1985-03-14");
    assert_eq!(r.status, 503);
}

#[test]
fn assistance_requests() {
    let h = harness();
    let body = json!({"name": "Jean Dupont", "email": "jean.dupont@ac-toulouse.fr", "topic": "password", "description": "Je n'arrive plus à me connecter depuis lundi."});
    let r = h.post("/assistance", body.clone());
    assert_eq!(r.status, 201);
    let reference = r.body.unwrap_or_default()["reference"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        reference.starts_with("AST-") && reference.len() == "AST-20261130-4F2A".len(),
        "{reference}"
    );
    let sent = lock(&h.sent).clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "assistance@ac-toulouse.fr");
    assert!(sent[0].body.contains(&reference));

    let h = harness_with("{}", false, true);
    let r = h.post("/assistance", body);
    assert_eq!((r.status, code(&r)), (503, "assistance_unavailable"));
}

#[test]
fn identity_rule() {
    let p = Person {
        dn: dn("x"),
        birth_date: Some("19850314".into()),
        numen: Some("85E1234567FDU".into()),
        agent_number: None,
    };
    assert!(identity_matches(&p, "1985-03-14", "85e1234567fdu"));
    assert!(!identity_matches(&p, "1985-03-14", ""));
    assert!(!identity_matches(&p, "1985-03-14", "85E1234567FD"));
    let empty = Person {
        numen: Some(String::new()),
        ..p.clone()
    };
    assert!(!identity_matches(&empty, "1985-03-14", " "));
}
