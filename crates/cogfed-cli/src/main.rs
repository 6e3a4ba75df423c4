//! `cogfed`: the command-line face of cogfed.
//!
//! Subcommands map one-to-one onto the library crates: `lint`, `rules` and `explain` onto `cogfed-lint`,
//! `token` onto `cogfed-auth`, `local` onto `cogfed-local`.

use clap::Parser;

#[derive(Parser)]
#[command(name = "cogfed", version, about = "Cognito <-> OIDC integrations, done right")]
struct Cli {}

fn main() {
    let _ = Cli::parse();
}
