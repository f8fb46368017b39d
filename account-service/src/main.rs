//! autan-compte: the REST account service of « Mon compte (MaMamia) ».
//! Usage: `autan-compte --config PATH`.

// A panic kills the whole app (or worker, or request): outside tests, data
// from the network or the user is never unwrapped (clippy enforces it).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod api;
mod assistance;
mod base64;
mod captcha;
mod config;
mod directory;
mod errors;
mod font;
mod http;
mod limits;
mod names;
mod png;
mod policy;
mod rand;
mod smtp;
mod store;
mod validate;

use std::sync::Arc;
use std::time::Duration;

fn usage() -> ! {
    eprintln!("usage : autan-compte --config CHEMIN [--check]");
    std::process::exit(2)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut check_only = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--config" => path = Some(args.next().unwrap_or_else(|| usage())),
            "--check" => check_only = true,
            _ => usage(),
        }
    }
    let Some(path) = path else { usage() };
    let cfg = match config::Config::load(&path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("autan-compte: {e}");
            std::process::exit(1)
        }
    };
    if check_only {
        println!("autan-compte: configuration valide ({path})");
        return;
    }
    let server = match tiny_http::Server::http(cfg.listen.as_str()) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("autan-compte: écoute sur {} impossible : {e}", cfg.listen);
            std::process::exit(1)
        }
    };
    let dir = directory::Ldap::new(cfg.ldap.clone(), cfg.attributes.clone());
    let mailer = smtp::Smtp {
        relay: cfg.smtp.relay.clone(),
        helo: cfg.smtp.helo_name.clone(),
        timeout: Duration::from_secs(cfg.smtp.timeout_seconds.max(1)),
    };
    let workers = cfg.workers;
    eprintln!(
        "autan-compte: http://{}{} (annuaire {}, {} workers{})",
        cfg.listen,
        cfg.base_path,
        cfg.ldap.url,
        workers,
        if cfg!(feature = "test-hooks") {
            ", test-hooks ACTIVÉS"
        } else {
            ""
        }
    );
    let app = Arc::new(api::App::new(
        cfg,
        Box::new(dir),
        Box::new(mailer),
        api::App::monotonic_clock(),
    ));
    http::run(app, server, workers);
}
