//! From a run's findings to the linter's [`Report`]: severities from the rule registry, `[lint.severity]` and
//! `--deny/--warn/--allow`, the same order as `cogfed lint`, so the same renderers and exit codes apply.

use cogfed_lint::engine::{SeverityConfig, apply_severities};
use cogfed_lint::{Finding, Report};

/// The report of a run over `files` input files.
pub fn report(findings: Vec<Finding>, config: &SeverityConfig, files: usize) -> Report {
    Report {
        findings: apply_severities(findings, config),
        files,
        skipped: Vec::new(),
    }
}
