//! Each rule's doc is its manual: the `# Example` must trigger the rule and the `# Fix` must not, so `cogfed
//! explain` never shows an example that lies. Examples are manifests (```toml), or for Terraform rules a
//! configuration (```hcl, linted as `main.tf`) or `terraform show -json` output (```json). Rules of group `live` judge live answers, not
//! manifests: `cogfed-doctor`'s tests pin them.

use cogfed_lint::rules::Check;
use cogfed_lint::{LintOptions, SourceFile, lint, load_all, rules};

/// The first code block of a section: (file extension, text).
fn code_block(section: &str) -> Option<(&'static str, String)> {
    let (fence, ext) = [("```toml", "toml"), ("```hcl", "tf"), ("```json", "json")]
        .into_iter()
        .filter_map(|(f, e)| section.find(f).map(|at| (at, f, e)))
        .min()
        .map(|(_, f, e)| (f, e))?;
    let start = section.find(fence)? + fence.len();
    let end = section[start..].find("```")? + start;
    Some((ext, section[start..end].trim_start_matches('\n').to_string()))
}

fn findings_of(rule: &str, (ext, manifest): (&str, String)) -> Result<usize, String> {
    let text = if ext != "toml" || manifest.contains("version") {
        manifest
    } else {
        format!("version = 1\n{manifest}")
    };
    // Malformed examples are `input-error` findings (that rule's example is one); any other rule's example
    // must be a valid manifest.
    let loaded = load_all(vec![SourceFile::new(format!("{rule}.{ext}"), text)]);
    if let Some(s) = loaded.skipped.first() {
        return Err(s.reason.clone());
    }
    if rule != "input-error" && !loaded.malformed.is_empty() {
        return Err(format!("{:?}", loaded.input_errors()));
    }
    let report = lint(&loaded, &LintOptions::default()).map_err(|e| format!("{e:?}"))?;
    Ok(report.findings.iter().filter(|f| f.rule == rule).count())
}

#[test]
fn examples_trigger_and_fixes_do_not() {
    let mut problems = Vec::new();
    for rule in rules::all()
        .into_iter()
        .filter(|r| !matches!(r.check, Check::Live))
    {
        let example = rule.doc_section("Example").and_then(|s| code_block(&s));
        let fix = rule.doc_section("Fix").and_then(|s| code_block(&s));
        match example.map(|e| findings_of(rule.id, e)) {
            Some(Ok(0)) => problems.push(format!("{}: the Example does not trigger the rule", rule.id)),
            Some(Ok(_)) => {}
            Some(Err(e)) => problems.push(format!("{}: the Example is not a valid manifest: {e}", rule.id)),
            None => problems.push(format!(
                "{}: no ```toml, ```hcl or ```json block under # Example",
                rule.id
            )),
        }
        match fix.map(|e| findings_of(rule.id, e)) {
            Some(Ok(0)) => {}
            Some(Ok(n)) => problems.push(format!(
                "{}: the Fix still triggers the rule ({n} findings)",
                rule.id
            )),
            Some(Err(e)) => problems.push(format!("{}: the Fix is not a valid manifest: {e}", rule.id)),
            None => problems.push(format!(
                "{}: no ```toml, ```hcl or ```json block under # Fix",
                rule.id
            )),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
