//! `cargo xtask`: the project's set-up and workflows as code.
//!
//! * `setup`: install what is missing (wasm32 target, Trunk, wasm-bindgen-cli, wasm-opt, Chromium,
//!   the npm pieces); idempotent, prints what it does and how to install a missing piece by hand.
//! * `demo`: set up, then serve the demo (Local Cognito + the SPA) until Ctrl-C.
//! * `test`: set up, build the release SPA and run every test: unit, integration, browser.
//! * `ci`: `test` plus `cargo fmt --check` and `cargo clippy -D warnings`: what `.ci/run` runs.
//! * `bench`: measure against the peers (bundle sizes, sign-in callback latency, linting) and write the
//!   markdown report to `bench/results.md` (see `bench/mod.rs`).

mod bench;
mod proc;
mod setup;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <setup|demo|test|ci|bench> [--help]

  setup   install what is missing (idempotent)
  demo    run Local Cognito and the SPA on http://127.0.0.1:8080 until Ctrl-C
  test    run every test: unit, integration, browser (wasm and end-to-end)
  ci      fmt check, clippy -D warnings, then test
  bench   sizes, callback latency and lint times against the peers -> bench/results.md
          [size|increment|peers|latency|lint]... [--runs N] for a part of it";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let result = match cmd.as_str() {
        "setup" => setup::run(),
        "demo" => setup::run().and_then(|()| proc::demo(rest)),
        "test" => setup::run().and_then(|()| proc::test(rest)),
        "ci" => setup::run().and_then(|()| proc::ci(rest)),
        "bench" => setup::run().and_then(|()| bench::run(rest)),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => {
            eprintln!("unknown command `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask {cmd}: error: {e}");
            ExitCode::FAILURE
        }
    }
}
