//! `cogfed token decode|verify` (issue 4; not implemented yet).

use clap::Subcommand;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Decode a JWT without verifying it
    Decode { token: String },
}

pub fn run(_: TokenCommand) -> ExitCode {
    eprintln!("cogfed: token commands are not implemented yet");
    ExitCode::from(2)
}
