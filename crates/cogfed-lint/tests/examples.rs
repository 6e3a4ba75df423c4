//! The five integration examples of `examples/` (issue 3), one per guide of `../shared/seeds/`: each has a
//! `clean/` setup that must lint without errors or warnings and a `twin/` with the mistakes people make, whose
//! every finding is pinned in `twin.expected.json` next to it (rule, severity, file, line, column, JSON
//! pointer).
//!
//! Each integration also exists as Terraform (issue 15): `terraform/clean` and `terraform/twin` replace the
//! Cognito side's files with a configuration (and the `terraform output -json` that gives Cognito's ids),
//! keep the other side's files, and must show exactly the mistakes of the twin above, pinned in
//! `terraform/twin.expected.json`. Linted all together (`cogfed lint examples/*/terraform/`), they give the
//! findings of each twin and nothing on any clean copy.
//!
//! `clean/` and `twin/` hold linter input only, so each is linted the way its README says (`cogfed lint *` in
//! the directory): every file, in name order, as a shell glob gives them. A difference from
//! `twin.expected.json` fails with a readable diff; `COGFED_UPDATE_EXAMPLES=1 cargo test -p cogfed-lint --test
//! examples` rewrites the file instead (review the change before committing it).

use cogfed_lint::{LintOptions, Severity, SourceFile, lint, load};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// The integrations, as directories of `examples/`.
const EXAMPLES: &[&str] = &[
    "beyond-identity",
    "idura-verify",
    "fusionauth",
    "pomerium",
    "cloudentity",
];

/// One finding, as pinned in `twin.expected.json`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    file: String,
    line: usize,
    column: usize,
    rule: String,
    severity: String,
    pointer: String,
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<7} {:<34} {}:{}:{} {}",
            self.severity, self.rule, self.file, self.line, self.column, self.pointer
        )
    }
}

impl Row {
    /// The line of `twin.expected.json` for this finding.
    fn to_json_line(&self) -> String {
        let s = |v: &str| serde_json::to_string(v).unwrap_or_default();
        format!(
            "{{\"rule\": {}, \"severity\": {}, \"file\": {}, \"line\": {}, \"column\": {}, \"pointer\": {}}}",
            s(&self.rule),
            s(&self.severity),
            s(&self.file),
            self.line,
            self.column,
            s(&self.pointer)
        )
    }
}

fn example_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

/// The input files of `dir`, by name.
fn input_names(dir: &Path) -> Vec<String> {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "{} has no input files", dir.display());
    names
}

/// Lints every input file of `dir` together; file names in findings are the bare names.
fn lint_dir(dir: &Path) -> Vec<Row> {
    let files: Vec<SourceFile> = input_names(dir)
        .into_iter()
        .map(|n| {
            let text =
                fs::read_to_string(dir.join(&n)).unwrap_or_else(|e| panic!("{}/{n}: {e}", dir.display()));
            SourceFile::new(n, text)
        })
        .collect();
    let count = files.len();
    let loaded = match load(files) {
        Ok(l) => l,
        Err(errors) => panic!(
            "{} does not load:\n{}",
            dir.display(),
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    };
    // Every file was recognised as some format (a file nobody reads would hide its mistakes).
    let recognised: BTreeSet<_> = loaded.formats.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        recognised.len(),
        count,
        "{}: a file was not recognised",
        dir.display()
    );
    let report = lint(&loaded, &LintOptions::default()).expect("no severity settings to reject");
    report
        .findings
        .iter()
        .map(|f| {
            let at = loaded.sources.position(f.loc.file, f.loc.span.start);
            Row {
                file: loaded.sources.name(f.loc.file).to_string(),
                line: at.line,
                column: at.column,
                rule: f.rule.to_string(),
                severity: f.severity.as_str().to_string(),
                pointer: f.loc.pointer.clone(),
            }
        })
        .collect()
}

fn field<'a>(v: &'a Value, key: &str, at: &str) -> &'a Value {
    v.get(key)
        .unwrap_or_else(|| panic!("{at}: finding without `{key}`"))
}

fn str_field(v: &Value, key: &str, at: &str) -> String {
    field(v, key, at)
        .as_str()
        .unwrap_or_else(|| panic!("{at}: `{key}` is not a string"))
        .to_string()
}

fn num_field(v: &Value, key: &str, at: &str) -> usize {
    field(v, key, at)
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or_else(|| panic!("{at}: `{key}` is not a number"))
}

fn read_expected(path: &Path) -> Vec<Row> {
    let at = path.display().to_string();
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{at}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{at}: {e}"));
    let findings = v["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("{at}: no `findings` array"));
    findings
        .iter()
        .map(|f| Row {
            rule: str_field(f, "rule", &at),
            severity: str_field(f, "severity", &at),
            file: str_field(f, "file", &at),
            line: num_field(f, "line", &at),
            column: num_field(f, "column", &at),
            pointer: str_field(f, "pointer", &at),
        })
        .collect()
}

fn write_expected(path: &Path, rows: &[Row]) {
    let lines: Vec<String> = rows.iter().map(|r| format!("    {}", r.to_json_line())).collect();
    let text = format!("{{\n  \"findings\": [\n{}\n  ]\n}}\n", lines.join(",\n"));
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// `-` lines are expected but missing, `+` lines are reported but not expected; empty when equal.
fn diff(expected: &[Row], actual: &[Row]) -> String {
    let count = |rows: &[Row]| {
        let mut m: BTreeMap<Row, usize> = BTreeMap::new();
        for r in rows {
            *m.entry(r.clone()).or_default() += 1;
        }
        m
    };
    let (want, got) = (count(expected), count(actual));
    let mut out = Vec::new();
    for (row, n) in &want {
        for _ in got.get(row).copied().unwrap_or(0)..*n {
            out.push(format!("- {row}"));
        }
    }
    for (row, n) in &got {
        for _ in want.get(row).copied().unwrap_or(0)..*n {
            out.push(format!("+ {row}"));
        }
    }
    if out.is_empty() && expected != actual {
        out.push("the same findings in a different order; expected:".into());
        out.extend(expected.iter().map(|r| format!("  {r}")));
        out.push("reported:".into());
        out.extend(actual.iter().map(|r| format!("  {r}")));
    }
    out.join("\n")
}

fn check_clean(name: &str) {
    let dir = example_dir(name).join("clean");
    let rows = lint_dir(&dir);
    let loud: Vec<String> = rows
        .iter()
        .filter(|r| r.severity != Severity::Info.as_str())
        .map(ToString::to_string)
        .collect();
    assert!(
        loud.is_empty(),
        "{name}/clean must lint without errors or warnings:\n{}",
        loud.join("\n")
    );
}

fn check_twin(name: &str) {
    let actual = lint_dir(&example_dir(name).join("twin"));
    let path = example_dir(name).join("twin.expected.json");
    if std::env::var_os("COGFED_UPDATE_EXAMPLES").is_some() {
        write_expected(&path, &actual);
        eprintln!("rewrote {}", path.display());
        return;
    }
    let expected = read_expected(&path);
    let d = diff(&expected, &actual);
    assert!(
        d.is_empty(),
        "{name}/twin: findings differ from {} (- expected, + reported):\n{d}\n\
         (if the change is intended: COGFED_UPDATE_EXAMPLES=1 cargo test -p cogfed-lint --test examples)",
        path.display()
    );
}

macro_rules! example_tests {
    ($($clean:ident, $twin:ident => $name:literal;)*) => {$(
        #[test]
        fn $clean() {
            check_clean($name);
        }

        #[test]
        fn $twin() {
            check_twin($name);
        }
    )*};
}

example_tests! {
    beyond_identity_clean_is_clean, beyond_identity_twin_findings_are_exact => "beyond-identity";
    idura_verify_clean_is_clean, idura_verify_twin_findings_are_exact => "idura-verify";
    fusionauth_clean_is_clean, fusionauth_twin_findings_are_exact => "fusionauth";
    pomerium_clean_is_clean, pomerium_twin_findings_are_exact => "pomerium";
    cloudentity_clean_is_clean, cloudentity_twin_findings_are_exact => "cloudentity";
    beyond_identity_terraform_clean_is_clean, beyond_identity_terraform_twin_findings_are_exact => "beyond-identity/terraform";
    idura_verify_terraform_clean_is_clean, idura_verify_terraform_twin_findings_are_exact => "idura-verify/terraform";
    fusionauth_terraform_clean_is_clean, fusionauth_terraform_twin_findings_are_exact => "fusionauth/terraform";
    pomerium_terraform_clean_is_clean, pomerium_terraform_twin_findings_are_exact => "pomerium/terraform";
    cloudentity_terraform_clean_is_clean, cloudentity_terraform_twin_findings_are_exact => "cloudentity/terraform";
}

/// The Terraform copy of each integration is the same integration: the other side's files are the same, and
/// its twin shows exactly the mistakes of the twin it copies (every existing rule applies to Terraform
/// unchanged), with the Cognito side's findings now in the configuration.
#[test]
fn terraform_twins_show_the_same_mistakes() {
    for name in EXAMPLES {
        let tf = format!("{name}/terraform");
        let clean = input_names(&example_dir(&tf).join("clean"));
        assert_eq!(
            clean,
            input_names(&example_dir(&tf).join("twin")),
            "{tf}: clean and twin, file for file"
        );
        assert!(
            clean
                .iter()
                .any(|n| n.ends_with(".tf") || n.ends_with(".tf.json")),
            "{tf}: the Cognito side is a Terraform configuration"
        );
        let rules = |path: PathBuf| -> BTreeSet<(String, String)> {
            read_expected(&path)
                .into_iter()
                .map(|r| (r.rule, r.severity))
                .collect()
        };
        let seed = rules(example_dir(name).join("twin.expected.json"));
        let terraform = rules(example_dir(&tf).join("twin.expected.json"));
        assert_eq!(
            terraform, seed,
            "{tf}: the Terraform twin shows the seed twin's mistakes"
        );
        // The other side is the same files as in the seed example.
        for side in ["clean", "twin"] {
            for n in &clean {
                let seed_file = example_dir(name).join(side).join(n);
                if seed_file.exists() {
                    let a = fs::read_to_string(&seed_file).unwrap();
                    let b = fs::read_to_string(example_dir(&tf).join(side).join(n)).unwrap();
                    assert_eq!(a, b, "{tf}/{side}/{n} differs from {name}/{side}/{n}");
                }
            }
        }
        let readme = fs::read_to_string(example_dir(name).join("README.md")).unwrap();
        assert!(
            readme.contains("terraform/"),
            "{name}/README.md: explains its terraform/ copy"
        );
    }
}

/// `cogfed lint examples/*/terraform/`: every folder at once, as the CLI walks them. Each pool is linted
/// with the settings of its own folder, so the findings are exactly those of the twins, and none is in a
/// clean copy.
#[test]
fn all_terraform_examples_lint_together_as_each_alone() {
    let mut files = Vec::new();
    let mut expected = Vec::new();
    for name in EXAMPLES {
        for side in ["clean", "twin"] {
            let dir = example_dir(name).join("terraform").join(side);
            for n in input_names(&dir) {
                let text = fs::read_to_string(dir.join(&n)).unwrap();
                files.push(SourceFile::new(format!("{name}/terraform/{side}/{n}"), text));
            }
        }
        for mut r in read_expected(&example_dir(name).join("terraform/twin.expected.json")) {
            r.file = format!("{name}/terraform/twin/{}", r.file);
            expected.push(r);
        }
    }
    let loaded = cogfed_lint::load_all(files);
    assert!(loaded.malformed.is_empty() && loaded.skipped.is_empty());
    let report = lint(&loaded, &LintOptions::default()).expect("no severity settings");
    let mut actual: Vec<Row> = report
        .findings
        .iter()
        .map(|f| {
            let at = loaded.sources.position(f.loc.file, f.loc.span.start);
            Row {
                file: loaded.sources.name(f.loc.file).to_string(),
                line: at.line,
                column: at.column,
                rule: f.rule.to_string(),
                severity: f.severity.as_str().to_string(),
                pointer: f.loc.pointer.clone(),
            }
        })
        .collect();
    actual.sort();
    expected.sort();
    let d = diff(&expected, &actual);
    assert!(
        d.is_empty(),
        "examples/*/terraform/ linted together (- expected, + reported):\n{d}"
    );
}

#[test]
fn examples_directory_holds_exactly_these_integrations() {
    let root = example_dir("");
    let dirs: BTreeSet<String> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    // Besides the integrations: the Local Cognito demo as Terraform (crates/cogfed-local/tests/manifest.rs).
    let want: BTreeSet<String> = EXAMPLES
        .iter()
        .map(|s| s.to_string())
        .chain(["local-demo-terraform".to_string()])
        .collect();
    assert_eq!(dirs, want, "every integration directory has a test here");
}

#[test]
fn twins_are_the_same_files_with_different_mistakes() {
    let mut rule_sets: Vec<(&str, BTreeSet<String>)> = Vec::new();
    for name in EXAMPLES {
        let clean = input_names(&example_dir(name).join("clean"));
        let twin = input_names(&example_dir(name).join("twin"));
        assert_eq!(
            clean, twin,
            "{name}: the twin is the same integration, file for file"
        );
        assert!(
            clean.len() >= 2,
            "{name}: both sides of the integration, in their own files"
        );

        let expected = read_expected(&example_dir(name).join("twin.expected.json"));
        assert!(
            (3..=10).contains(&expected.len()),
            "{name}: a twin shows 3-8 mistakes (a mistake may be reported at two places), got {}",
            expected.len()
        );
        assert!(
            expected.iter().any(|r| r.severity == "error"),
            "{name}: the twin is broken, not merely untidy"
        );
        let rules: BTreeSet<String> = expected.iter().map(|r| r.rule.clone()).collect();

        // The README names every mistake the twin contains.
        let readme_path = example_dir(name).join("README.md");
        let readme =
            fs::read_to_string(&readme_path).unwrap_or_else(|e| panic!("{}: {e}", readme_path.display()));
        for rule in &rules {
            assert!(
                readme.contains(&format!("`{rule}`")),
                "{}: does not explain `{rule}`",
                readme_path.display()
            );
        }
        rule_sets.push((name, rules));
    }
    for (i, (a, ra)) in rule_sets.iter().enumerate() {
        for (b, rb) in rule_sets.iter().skip(i + 1) {
            assert_ne!(ra, rb, "{a} and {b} show the same mistakes");
        }
    }
    let all: BTreeSet<&String> = rule_sets.iter().flat_map(|(_, r)| r).collect();
    assert!(
        all.len() >= 20,
        "the twins together cover only {} rules: {all:?}",
        all.len()
    );
}

#[test]
fn the_diff_names_missing_and_unexpected_findings() {
    let row = |rule: &str, line| Row {
        file: "a.toml".into(),
        line,
        column: 1,
        rule: rule.into(),
        severity: "error".into(),
        pointer: "/x".into(),
    };
    let expected = [row("uri-wildcard", 3), row("uri-has-fragment", 4)];
    assert_eq!(diff(&expected, &expected), "");
    let d = diff(&expected, &[row("uri-wildcard", 3), row("uri-has-fragment", 5)]);
    assert!(
        d.contains("- error   uri-has-fragment") && d.contains("a.toml:4:1"),
        "{d}"
    );
    assert!(
        d.contains("+ error   uri-has-fragment") && d.contains("a.toml:5:1"),
        "{d}"
    );
    let d = diff(&expected, &[row("uri-has-fragment", 4), row("uri-wildcard", 3)]);
    assert!(d.contains("different order"), "{d}");
    let d = diff(&expected, &[row("uri-wildcard", 3)]);
    assert_eq!(d.lines().count(), 1, "{d}");
}
