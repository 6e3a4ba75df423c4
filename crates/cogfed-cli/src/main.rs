//! `cogfed`: the command-line face of cogfed.
//!
//! Subcommands map one-to-one onto the library crates: `lint`, `rules`, `explain` and `schema` onto
//! `cogfed-lint` ([`lint_cmd`]), `token` onto `cogfed-auth` ([`token_cmd`]), `local` onto `cogfed-local`
//! ([`local_cmd`]), `doctor` onto `cogfed-doctor` ([`doctor_cmd`]). Exit codes: 0 success, 1 findings or an invalid token, 2 usage or input errors.

mod doctor_cmd;
mod inputs;
mod lint_cmd;
mod local_cmd;
mod token_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cogfed", version, about = "Cognito <-> OIDC integrations, done right")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint integration files (manifest, AWS CLI JSON, CloudFormation, Pomerium, FusionAuth)
    Lint(lint_cmd::LintArgs),
    /// List the linter's rules
    Rules(lint_cmd::RulesArgs),
    /// Print a rule's documentation
    Explain(lint_cmd::ExplainArgs),
    /// Print the JSON Schema of the cogfed manifest
    Schema(lint_cmd::SchemaArgs),
    /// Decode or verify a JWT
    #[command(subcommand)]
    Token(token_cmd::TokenCommand),
    /// Run Local Cognito: a Cognito-compatible hosted UI and OIDC provider on loopback
    Local(local_cmd::LocalArgs),
    /// Check a live integration from the outside (discovery, JWKS, the hosted UI), without AWS credentials
    Doctor(Box<doctor_cmd::DoctorArgs>),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Lint(args) => lint_cmd::lint(args),
        Command::Rules(args) => lint_cmd::rules(args),
        Command::Explain(args) => lint_cmd::explain(args),
        Command::Schema(args) => lint_cmd::schema(args),
        Command::Token(cmd) => token_cmd::run(cmd),
        Command::Local(args) => local_cmd::run(args),
        Command::Doctor(args) => doctor_cmd::run(*args),
    }
}
