//! The JSON report, a public interface (issue 3):
//! `{"version":1,"findings":[{"rule","severity","message","file","line","column","pointer","help"}],
//! "summary":{"errors","warnings","infos","files","skipped"},"skipped":[{"file","reason"}]}`.
//! `files` counts the inputs (malformed ones too, as `input-error` findings); `skipped` the files that are not
//! inputs cogfed reads. The document is always complete, whatever the inputs.

use crate::engine::Report;
use crate::finding::Severity;
use crate::source::Sources;
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
    skipped: Vec<JsonSkipped<'a>>,
}

#[derive(Serialize)]
struct JsonSkipped<'a> {
    file: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    pointer: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
    skipped: usize,
}

/// Renders `report` as the JSON document (pretty-printed, one trailing newline).
pub fn render_json(report: &Report, sources: &Sources) -> String {
    let findings = report
        .findings
        .iter()
        .map(|f| {
            let p = sources.position(f.loc.file, f.loc.span.start);
            JsonFinding {
                rule: f.rule,
                severity: f.severity.as_str(),
                message: &f.message,
                file: sources.name(f.loc.file),
                line: p.line,
                column: p.column,
                pointer: &f.loc.pointer,
                help: f.help.as_deref(),
            }
        })
        .collect();
    let doc = JsonReport {
        version: 1,
        findings,
        summary: Summary {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            files: report.files,
            skipped: report.skipped.len(),
        },
        skipped: report
            .skipped
            .iter()
            .map(|s| JsonSkipped {
                file: sources.name(s.file),
                reason: &s.reason,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
