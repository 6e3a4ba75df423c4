//! The data-driven rule test: every rule has `tests/fixtures/<rule-id>/` with at least one `fail*` and one
//! `pass*` file (TOML manifests, or any input format the linter reads).
//!
//! A failing fixture declares every expected finding in a comment line `# expect: <rule-id> @ <line>:<column>`
//! (1-based, the start of the offending value); a format without comments (JSON: a Terraform plan) declares them
//! in a file beside it named like the fixture plus `.expect` (`fail.json.expect`). The test asserts exactly those findings for the rule under
//! test and for every other rule the fixture mentions. A passing fixture must produce no finding of the rule
//! under test. The test also fails when a registered rule has no fixtures or a fixture directory names no rule.

use cogfed_lint::rules::Check;
use cogfed_lint::{LintOptions, SourceFile, lint, load_all, rules};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

type Expected = BTreeSet<(String, usize, usize)>;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

fn parse_expectations(text: &str) -> Result<Expected, String> {
    let mut out = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let Some(rest) = line.trim().strip_prefix("# expect:") else {
            continue;
        };
        let parsed = rest.split_once('@').and_then(|(rule, pos)| {
            let (l, c) = pos.trim().split_once(':')?;
            Some((
                rule.trim().to_string(),
                l.trim().parse().ok()?,
                c.trim().parse().ok()?,
            ))
        });
        match parsed {
            Some(e) => {
                out.insert(e);
            }
            None => {
                return Err(format!(
                    "line {}: malformed expectation `{}` (want `# expect: rule-id @ line:col`)",
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    Ok(out)
}

/// (rule, line, column) of every finding, or the input errors.
fn run(path: &Path) -> Result<Vec<(String, usize, usize)>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    // Malformed inputs are findings (`input-error`), like every other rule's; a fixture that is not an input
    // at all is a broken fixture.
    let loaded = load_all(vec![SourceFile::new(name, text)]);
    if let Some(s) = loaded.skipped.first() {
        return Err(format!("not an input: {}", s.reason));
    }
    let report = lint(&loaded, &LintOptions::default())
        .map_err(|errs| errs.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))?;
    Ok(report
        .findings
        .iter()
        .map(|f| {
            let p = loaded.sources.position(f.loc.file, f.loc.span.start);
            (f.rule.to_string(), p.line, p.column)
        })
        .collect())
}

#[test]
fn every_rule_has_failing_and_passing_fixtures_that_behave() {
    let dir = fixtures_dir();
    let rule_ids: BTreeSet<&str> = rules::all()
        .iter()
        .filter(|r| !matches!(r.check, Check::Live))
        .map(|r| r.id)
        .collect();
    let mut failures = Vec::new();
    let mut checked = 0;

    let mut dirs: Vec<String> = fs::read_dir(&dir)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    for d in &dirs {
        if !rule_ids.contains(d.as_str()) {
            failures.push(format!("tests/fixtures/{d}: no registered rule has this id"));
        }
    }
    for id in &rule_ids {
        let rule_dir = dir.join(id);
        let mut files: Vec<PathBuf> = fs::read_dir(&rule_dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        let is = |p: &PathBuf, prefix: &str| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(prefix) && !n.ends_with(".expect")
            })
        };
        let fails: Vec<&PathBuf> = files.iter().filter(|p| is(p, "fail")).collect();
        let passes: Vec<&PathBuf> = files.iter().filter(|p| is(p, "pass")).collect();
        if fails.is_empty() || passes.is_empty() {
            failures.push(format!(
                "rule {id}: needs tests/fixtures/{id}/fail.toml and pass.toml"
            ));
            continue;
        }
        for path in fails {
            checked += 1;
            let mut text = fs::read_to_string(path).unwrap_or_default();
            let sidecar = PathBuf::from(format!("{}.expect", path.display()));
            if let Ok(more) = fs::read_to_string(&sidecar) {
                text.push('\n');
                text.push_str(&more);
            }
            let expected = match parse_expectations(&text) {
                Ok(e) => e,
                Err(e) => {
                    failures.push(format!("{}: {e}", path.display()));
                    continue;
                }
            };
            if !expected.iter().any(|(r, _, _)| r == id) {
                failures.push(format!(
                    "{}: declares no `# expect: {id} @ line:col`",
                    path.display()
                ));
            }
            let mentioned: BTreeSet<&str> =
                expected.iter().map(|(r, _, _)| r.as_str()).chain([*id]).collect();
            match run(path) {
                Ok(actual) => {
                    let actual: Expected = actual
                        .into_iter()
                        .filter(|(r, _, _)| mentioned.contains(r.as_str()))
                        .collect();
                    if actual != expected {
                        let missing: Vec<_> = expected.difference(&actual).collect();
                        let extra: Vec<_> = actual.difference(&expected).collect();
                        failures.push(format!(
                            "{}: missing {missing:?}, unexpected {extra:?}",
                            path.display()
                        ));
                    }
                }
                Err(e) => failures.push(format!("{}: input error:\n{e}", path.display())),
            }
        }
        for path in passes {
            checked += 1;
            match run(path) {
                Ok(actual) => {
                    let hits: Vec<_> = actual.iter().filter(|(r, _, _)| r == id).collect();
                    if !hits.is_empty() {
                        failures.push(format!(
                            "{}: passing fixture has findings {hits:?}",
                            path.display()
                        ));
                    }
                }
                Err(e) => failures.push(format!("{}: input error:\n{e}", path.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        checked >= 2 * rule_ids.len(),
        "checked only {checked} fixtures for {} rules",
        rule_ids.len()
    );
}

#[test]
fn expectation_lines_parse() {
    let e = parse_expectations("# expect: a-b @ 3:14\nx = 1\n  # expect: c @ 1:1\n").unwrap();
    assert_eq!(e.len(), 2);
    assert!(e.contains(&("a-b".to_string(), 3, 14)));
    assert!(parse_expectations("# expect: a-b 3:14\n").is_err());
}
