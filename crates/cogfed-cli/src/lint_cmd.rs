//! `cogfed lint`, `rules`, `explain`, `schema` (issue 3; not implemented yet).

use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct LintArgs {
    files: Vec<String>,
}
#[derive(Args)]
pub struct RulesArgs {}
#[derive(Args)]
pub struct ExplainArgs {
    rule: String,
}
#[derive(Args)]
pub struct SchemaArgs {}

fn not_yet() -> ExitCode {
    eprintln!("cogfed: the linter is not implemented yet");
    ExitCode::from(2)
}
pub fn lint(_: LintArgs) -> ExitCode {
    not_yet()
}
pub fn rules(_: RulesArgs) -> ExitCode {
    not_yet()
}
pub fn explain(_: ExplainArgs) -> ExitCode {
    not_yet()
}
pub fn schema(_: SchemaArgs) -> ExitCode {
    not_yet()
}
