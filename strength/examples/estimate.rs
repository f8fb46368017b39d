//! Prints the estimate of each argument:
//! `AUTAN_STRENGTH_DATA=… cargo run -p autan-strength --example estimate -- 'Toulouse31!'`
//! Options: `--input VALUE` (repeatable) adds a user input.

fn main() {
    let path =
        std::env::var("AUTAN_STRENGTH_DATA").unwrap_or_else(|_| "target/strength-data.txt".into());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e} (run strength/gen_dict.py first)");
            std::process::exit(2);
        }
    };
    if let Err(e) = autan_strength::init(&text) {
        eprintln!("{e}");
        std::process::exit(2);
    }
    let mut inputs = Vec::new();
    let mut passwords = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--input" {
            inputs.extend(args.next());
        } else {
            passwords.push(a);
        }
    }
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    for pw in &passwords {
        let e = autan_strength::estimate(pw, &inputs);
        println!(
            "{pw:<32} log10={:>6.2} score={} percent={:>3} warning={:?} suggestions={:?}",
            e.guesses_log10, e.score, e.percent, e.warning, e.suggestions
        );
    }
}
