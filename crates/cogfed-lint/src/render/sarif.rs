//! SARIF 2.1.0 output (OASIS), for GitHub code scanning and other SARIF viewers.

use super::{path_to_uri, positions};
use crate::engine::Report;
use crate::finding::Severity;
use crate::rules::{self, Rule};
use crate::source::Sources;
use serde_json::{Value, json};
use std::collections::HashMap;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule's descriptor. There is no `helpUri` (nor a tool `informationUri`): the project has no public URL
/// yet, and the whole doc `cogfed explain` prints is already in `help` and `fullDescription`.
fn descriptor(rule: &Rule) -> Value {
    let what = rule.doc_section("What it checks").unwrap_or_default();
    json!({
        "id": rule.id,
        "name": rule.id,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": what },
        "help": { "text": rule.doc(), "markdown": rule.doc() },
        "defaultConfiguration": { "level": level(rule.default_severity) },
        "properties": { "tags": [rule.group.as_str()] }
    })
}

/// Renders `report` as a SARIF 2.1.0 log with one run.
pub fn render_sarif(report: &Report, sources: &Sources) -> String {
    let all = rules::all();
    let index: HashMap<&str, usize> = all.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let location = |loc: &crate::de::Loc, message: Option<&str>| {
        let (start, end) = positions(sources, loc);
        let mut region = json!({ "startLine": start.line, "startColumn": start.column });
        if end > start {
            region["endLine"] = json!(end.line);
            region["endColumn"] = json!(end.column);
        }
        let mut l = json!({
            "physicalLocation": {
                "artifactLocation": { "uri": path_to_uri(sources.name(loc.file)) },
                "region": region
            },
            "logicalLocations": [{ "fullyQualifiedName": loc.pointer, "kind": "member" }]
        });
        if let Some(m) = message {
            l["message"] = json!({ "text": m });
        }
        l
    };
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut text = f.message.clone();
            if let Some(h) = &f.help {
                text.push_str("\nhelp: ");
                text.push_str(h);
            }
            let mut r = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [location(&f.loc, None)],
                "properties": { "pointer": f.loc.pointer, "notes": f.notes }
            });
            if let Some(i) = index.get(f.rule) {
                r["ruleIndex"] = json!(i);
            }
            if !f.related.is_empty() {
                r["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, (loc, label))| {
                            let mut l = location(loc, Some(label));
                            l["id"] = json!(i);
                            l
                        })
                        .collect(),
                );
            }
            r
        })
        .collect();
    let artifacts: Vec<Value> = sources
        .iter()
        .filter(|(id, _)| !report.skipped.iter().any(|s| s.file == *id))
        .map(|(_, f)| json!({ "location": { "uri": path_to_uri(&f.name) } }))
        .collect();
    // Skipped files are not results: they are said as notes of the run, so a viewer can show what was not read.
    let notifications: Vec<Value> = report
        .skipped
        .iter()
        .map(|s| {
            json!({
                "level": "note",
                "message": { "text": format!("skipped: {}", s.reason) },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": path_to_uri(sources.name(s.file)) }
                } }]
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "cogfed",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": all.iter().map(|r| descriptor(r)).collect::<Vec<_>>()
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": !report.has_input_errors(),
                "toolExecutionNotifications": notifications
            }],
            "artifacts": artifacts,
            "results": results
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
