//! `cogfed local` (issue 5; not implemented yet).

use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct LocalArgs {
    #[arg(long)]
    config: Option<String>,
}

pub fn run(_: LocalArgs) -> ExitCode {
    eprintln!("cogfed: Local Cognito is not implemented yet");
    ExitCode::from(2)
}
