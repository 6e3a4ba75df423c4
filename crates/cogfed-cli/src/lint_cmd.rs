//! `cogfed lint`, `rules`, `explain` and `schema`: the command-line face of `cogfed-lint` (issue 3).
//!
//! Exit codes, decided after every file is linted: 0 no errors; 1 errors, or warnings under
//! `--deny warnings`; 2 an input that cannot be read (an `input-error` finding: malformed JSON/YAML/TOML, wrong
//! types, an unreadable or huge named file) or a usage error (unknown rule names, a path that does not
//! exist). Files that are not inputs cogfed reads are skipped and counted, never an error.

use crate::inputs;
use clap::{Args, ValueEnum};
use cogfed_lint::engine::parse_target;
use cogfed_lint::render::{render_json, render_sarif, render_skipped, render_text};
use cogfed_lint::{InputError, Level, LintOptions, Loaded, Position, Report, Severity, Sources, rules};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats of `cogfed lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with the source line and a caret.
    Text,
    /// `{"version":1,"findings":[...],"summary":{...}}`.
    Json,
    /// SARIF 2.1.0.
    Sarif,
}

/// When to color text output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How findings are reported: format, severity overrides, color. Shared by `cogfed lint` and `cogfed doctor`.
#[derive(Args)]
pub struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Make a rule or group an error; `--deny warnings` makes any warning fail the run (exit 1).
    #[arg(long = "deny", value_name = "RULE|GROUP|warnings")]
    pub deny: Vec<String>,
    /// Make a rule or group a warning.
    #[arg(long = "warn", value_name = "RULE|GROUP")]
    pub warn: Vec<String>,
    /// Turn a rule or group off.
    #[arg(long = "allow", value_name = "RULE|GROUP")]
    pub allow: Vec<String>,
    /// Color for text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `cogfed lint`.
#[derive(Args)]
pub struct LintArgs {
    #[command(flatten)]
    report: ReportArgs,
    /// Leave out paths matching this glob (gitignore syntax, e.g. `cdk.out`, `**/test/**`, `*.tmp.json`),
    /// in directory walks and among the files named.
    #[arg(long = "exclude", value_name = "GLOB")]
    exclude: Vec<String>,
    /// List the files that were skipped because they are not inputs cogfed reads.
    #[arg(long, short = 'v')]
    verbose: bool,
    /// Files and directories to lint (default: `.`). Directories are walked honouring .gitignore,
    /// .ignore and .cogfedignore, skipping hidden entries; files that are not inputs cogfed reads (a
    /// package.json, a buildspec.yml) are skipped and counted. `-` reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// `cogfed rules`.
#[derive(Args)]
pub struct RulesArgs {}

/// `cogfed explain RULE`.
#[derive(Args)]
pub struct ExplainArgs {
    /// A rule id, e.g. `spa-redirect-uri-not-registered`.
    rule: String,
}

/// `cogfed schema`.
#[derive(Args)]
pub struct SchemaArgs {}

/// Prints input or usage errors, one per line, and returns exit code 2.
pub fn print_input_errors(errors: &[InputError]) -> ExitCode {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "error: {e}");
    }
    ExitCode::from(2)
}

fn input_error(file: &str, position: Option<Position>, message: String) -> InputError {
    InputError {
        file: file.to_string(),
        position,
        pointer: None,
        message,
    }
}

/// Whether text output is colored.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// `--deny/--warn/--allow` as severity overrides (rule or group, level), in the order given.
pub type Overrides = Vec<(String, Level)>;

/// The `--deny/--warn/--allow` flags as severity overrides, and whether `--deny warnings` was given; unknown
/// rule or group names are usage errors. Shared by `cogfed lint` and `cogfed doctor`.
pub fn severity_overrides(args: &ReportArgs) -> Result<(Overrides, bool), Vec<InputError>> {
    let (deny, warn, allow) = (&args.deny, &args.warn, &args.allow);
    let mut deny_warnings = false;
    let mut overrides = Vec::new();
    let mut usage = Vec::new();
    // Same rule named twice: --allow beats --warn beats --deny; a rule beats its group (see SeverityConfig).
    for (names, level) in [
        (deny, Level::Report(Severity::Error)),
        (warn, Level::Report(Severity::Warning)),
        (allow, Level::Off),
    ] {
        for name in names {
            if name == "warnings" && level == Level::Report(Severity::Error) {
                deny_warnings = true;
                continue;
            }
            match parse_target(name) {
                Ok(_) => overrides.push((name.clone(), level)),
                Err(message) => usage.push(input_error("command line", None, message)),
            }
        }
    }
    if usage.is_empty() {
        Ok((overrides, deny_warnings))
    } else {
        Err(usage)
    }
}

/// Collects and loads the inputs of `paths` (`.` when empty; directories walked, see [`inputs`]): the one
/// place `cogfed lint` and `cogfed doctor` take their files from. Errors are usage errors (a path that does
/// not exist, a bad `--exclude` glob); unreadable and malformed inputs are in the result, as findings to be.
pub fn load_inputs(paths: &[PathBuf], excludes: &[String]) -> Result<Loaded, Vec<InputError>> {
    inputs::collect(paths, excludes).map(inputs::Collected::load)
}

/// Prints `report` in `format` (the skipped files too with `verbose`) and returns the exit code: 2 when an
/// input could not be read or stdout cannot be written, 1 with errors (or warnings under `--deny warnings`),
/// else 0. Shared by `cogfed lint` and `cogfed doctor`.
pub fn write_report(
    report: &Report,
    sources: &Sources,
    args: &ReportArgs,
    deny_warnings: bool,
    verbose: bool,
) -> ExitCode {
    let out = match args.format {
        OutputFormat::Text => {
            let mut out = render_text(report, sources, use_color(args.color));
            if verbose {
                out.push_str(&render_skipped(report, sources));
            }
            out
        }
        OutputFormat::Json => render_json(report, sources),
        OutputFormat::Sarif => render_sarif(report, sources),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    ExitCode::from(report.exit_code(deny_warnings))
}

/// Runs `cogfed lint`.
pub fn lint(args: LintArgs) -> ExitCode {
    let (overrides, deny_warnings) = match severity_overrides(&args.report) {
        Ok(o) => o,
        Err(usage) => return print_input_errors(&usage),
    };
    let loaded = match load_inputs(&args.paths, &args.exclude) {
        Ok(l) => l,
        Err(errors) => return print_input_errors(&errors),
    };
    let report = match cogfed_lint::lint(&loaded, &LintOptions { overrides }) {
        Ok(r) => r,
        Err(errors) => return print_input_errors(&errors),
    };
    let code = write_report(
        &report,
        &loaded.sources,
        &args.report,
        deny_warnings,
        args.verbose,
    );
    if report.files == 0 {
        // Nothing to lint is not an error (a repository without Cognito configuration), but it is said.
        eprintln!(
            "warning: no input cogfed reads was found ({} {} skipped); {}",
            report.skipped.len(),
            if report.skipped.len() == 1 {
                "file"
            } else {
                "files"
            },
            cogfed_lint::import::WHAT_COGFED_READS
        );
    }
    code
}

/// Runs `cogfed rules`: id, group, default severity and summary of every rule.
pub fn rules(_: RulesArgs) -> ExitCode {
    let all = rules::all();
    let width = all.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in all {
        out.push_str(&format!(
            "{:<width$}  {:<8}  {:<7}  {}\n",
            r.id,
            r.group.as_str(),
            r.default_severity.as_str(),
            r.summary
        ));
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

/// Runs `cogfed explain RULE`: prints the rule's documentation; exit 2 for an unknown rule.
pub fn explain(args: ExplainArgs) -> ExitCode {
    match rules::find(&args.rule) {
        Some(rule) => {
            let header = format!(
                "{} ({}, {} by default)\n\n",
                rule.id,
                rule.group.as_str(),
                rule.default_severity.as_str()
            );
            let _ = std::io::stdout()
                .lock()
                .write_all((header + &rule.doc()).as_bytes());
            ExitCode::SUCCESS
        }
        None => {
            let ids: Vec<&str> = rules::all().iter().map(|r| r.id).collect();
            match cogfed_lint::util::suggest(&args.rule, ids.iter().copied()) {
                Some(s) => eprintln!("error: unknown rule `{}`; did you mean `{s}`?", args.rule),
                None => eprintln!("error: unknown rule `{}`; `cogfed rules` lists them", args.rule),
            }
            ExitCode::from(2)
        }
    }
}

/// Runs `cogfed schema`: prints the manifest's JSON Schema.
pub fn schema(_: SchemaArgs) -> ExitCode {
    let _ = std::io::stdout()
        .lock()
        .write_all(cogfed_lint::manifest_schema().as_bytes());
    ExitCode::SUCCESS
}
