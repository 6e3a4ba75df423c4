//! Runs the rules: severity configuration (defaults, manifest `[lint.severity]`, command-line flags) and the
//! [`Report`].

use crate::ctx::Ctx;
use crate::de::Loc;
use crate::finding::{Finding, Group, Level, Severity};
use crate::import::{InputError, Loaded, Skipped};
use crate::model::Integration;
use crate::rules::input::INPUT_ERROR;
use crate::rules::{self, Check, Rule};
use crate::util::suggest;

/// Command-line severity overrides, in the order given: (rule id or group, level).
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// `--deny X` is `(X, Error)`, `--warn X` is `(X, Warning)`, `--allow X` is `(X, Off)`.
    pub overrides: Vec<(String, Level)>,
}

/// What a severity override applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// One rule.
    Rule(&'static str),
    /// A group.
    Group(Group),
}

/// Resolves a rule id or group name, or says what was meant.
pub fn parse_target(name: &str) -> Result<Target, String> {
    if name == INPUT_ERROR || name == Group::Input.as_str() {
        return Err(format!(
            "`{name}` cannot be changed: a file that cannot be read is always an error (exit code 2)"
        ));
    }
    if let Some(g) = Group::parse(name) {
        return Ok(Target::Group(g));
    }
    if let Some(r) = rules::find(name) {
        return Ok(Target::Rule(r.id));
    }
    let all = rules::all();
    let candidates = all
        .iter()
        .map(|r| r.id)
        .chain(Group::ALL.iter().map(|g| g.as_str()));
    Err(match suggest(name, candidates) {
        Some(s) => format!("unknown rule or group `{name}`; did you mean `{s}`?"),
        None => format!(
            "unknown rule or group `{name}` (`cogfed rules` lists them; groups: broken, security, hygiene, shape)"
        ),
    })
}

/// Effective levels: group overrides apply before rule overrides; manifest before command line.
#[derive(Debug, Clone, Default)]
pub struct SeverityConfig {
    layers: Vec<Vec<(Target, Level)>>,
}

impl SeverityConfig {
    /// From layers of overrides, least to most important.
    pub fn new(manifest: Vec<(Target, Level)>, cli: Vec<(Target, Level)>) -> Self {
        SeverityConfig {
            layers: vec![manifest, cli],
        }
    }

    /// The level of `rule`.
    pub fn level(&self, rule: &Rule) -> Level {
        let mut level = Level::Report(rule.default_severity);
        for layer in &self.layers {
            for (t, l) in layer {
                if *t == Target::Group(rule.group) {
                    level = *l;
                }
            }
            for (t, l) in layer {
                if *t == Target::Rule(rule.id) {
                    level = *l;
                }
            }
        }
        level
    }
}

/// The findings of one run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Findings sorted by file, position and rule; `input-error` findings for inputs that cannot be read.
    pub findings: Vec<Finding>,
    /// Number of input files (recognised or malformed; skipped files not counted).
    pub files: usize,
    /// Files that are not inputs cogfed reads, with why.
    pub skipped: Vec<Skipped>,
}

impl Report {
    /// How many findings have severity `s`.
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// Whether some input could not be read (the CLI then exits with 2).
    pub fn has_input_errors(&self) -> bool {
        self.findings.iter().any(|f| f.rule == INPUT_ERROR)
    }

    /// The process exit code the CLI uses: 2 when an input could not be read, else 1 when there are errors
    /// (or warnings and `deny_warnings`), else 0. Decided after every file was linted.
    pub fn exit_code(&self, deny_warnings: bool) -> u8 {
        if self.has_input_errors() {
            2
        } else if self.count(Severity::Error) > 0 || (deny_warnings && self.count(Severity::Warning) > 0) {
            1
        } else {
            0
        }
    }
}

/// Reads `[lint.severity]` from the merged manifests; errors point at the bad key or value.
/// Severity overrides read from manifests, and the bad entries (where, what is wrong).
type ManifestOverrides = (Vec<(Target, Level)>, Vec<(Loc, String)>);

fn manifest_overrides(integration: &Integration) -> ManifestOverrides {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let Some(map) = integration.lint.severity.as_ref().and_then(|m| m.get()) else {
        return (out, errors);
    };
    for (key, value) in map.iter() {
        let (Some(name), Some(level)) = (key.as_str(), value.as_str()) else {
            continue;
        };
        let target = match parse_target(name) {
            Ok(t) => t,
            Err(msg) => {
                errors.push((key.loc.clone(), msg));
                continue;
            }
        };
        match Level::parse(level) {
            Some(l) => out.push((target, l)),
            None => errors.push((
                value.loc.clone(),
                format!("unknown severity `{level}`: use error, warning, info or off"),
            )),
        }
    }
    (out, errors)
}

fn input_error_finding(loc: &Loc, message: &str) -> Finding {
    let mut f = Finding::new(loc, message);
    f.rule = INPUT_ERROR;
    f.severity = Severity::Error;
    f
}

/// The severity settings of a run: `[lint.severity]` of the manifests, then the command line's overrides.
/// Errors are usage errors in the command-line overrides; a bad manifest entry is left out here and reported
/// by [`input_findings`].
pub fn severity_config(loaded: &Loaded, options: &LintOptions) -> Result<SeverityConfig, Vec<InputError>> {
    let (manifest, _) = manifest_overrides(&loaded.integration);
    let mut cli = Vec::new();
    let mut errors = Vec::new();
    for (name, level) in &options.overrides {
        match parse_target(name) {
            Ok(t) => cli.push((t, *level)),
            Err(message) => errors.push(InputError {
                file: "command line".into(),
                position: None,
                pointer: None,
                message,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(SeverityConfig::new(manifest, cli))
}

/// The `input-error` findings of a load: each input that could not be read, and each bad `[lint.severity]`
/// entry of a manifest.
pub fn input_findings(loaded: &Loaded) -> Vec<Finding> {
    let (_, manifest_errors) = manifest_overrides(&loaded.integration);
    loaded
        .malformed
        .iter()
        .map(|m| input_error_finding(&m.loc, &m.message))
        .chain(manifest_errors.iter().map(|(loc, m)| input_error_finding(loc, m)))
        .collect()
}

/// Lints a loaded integration: every rule over the model of the inputs that could be read, plus an
/// `input-error` finding for each input that could not ([`input_findings`]). Errors are usage errors in the
/// command-line severity overrides.
pub fn lint(loaded: &Loaded, options: &LintOptions) -> Result<Report, Vec<InputError>> {
    let config = severity_config(loaded, options)?;
    let mut findings = run_rules(&loaded.integration, &config);
    findings.extend(input_findings(loaded));
    sort_and_dedup(&mut findings);
    Ok(Report {
        findings,
        files: loaded.input_count(),
        skipped: loaded.skipped.clone(),
    })
}

/// Runs every static rule that is not off over `integration`, once per user pool ([`crate::pools`]).
pub fn run_rules(integration: &Integration, config: &SeverityConfig) -> Vec<Finding> {
    let mut findings = Vec::new();
    for part in crate::pools::split_by_pool(integration) {
        let ctx = Ctx::new(&part);
        for rule in rules::all() {
            let Check::Static(check) = rule.check else {
                continue;
            };
            let Level::Report(severity) = config.level(rule) else {
                continue;
            };
            for mut f in check(&ctx) {
                f.rule = rule.id;
                f.severity = severity;
                findings.push(f);
            }
        }
    }
    sort_and_dedup(&mut findings);
    findings
}

/// Findings made outside the engine (`cogfed doctor`'s live rules), each with its `rule` set: gives each the
/// severity `config` says, drops those whose rule is off, and orders them like [`run_rules`] does. A finding
/// whose rule is not in the catalogue keeps its severity (the doctor's contract test keeps that from happening).
pub fn apply_severities(findings: Vec<Finding>, config: &SeverityConfig) -> Vec<Finding> {
    let mut out: Vec<Finding> = findings
        .into_iter()
        .filter_map(|mut f| {
            if let Some(rule) = rules::find(f.rule) {
                match config.level(rule) {
                    Level::Report(severity) => f.severity = severity,
                    Level::Off => return None,
                }
            }
            Some(f)
        })
        .collect();
    sort_and_dedup(&mut out);
    out
}

fn sort_and_dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (a.loc.file, a.loc.span.start, a.rule, &a.message).cmp(&(
            b.loc.file,
            b.loc.span.start,
            b.rule,
            &b.message,
        ))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.loc == b.loc && a.message == b.message);
}
