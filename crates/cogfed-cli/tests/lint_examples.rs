//! `cogfed lint` on the five integration examples of `examples/`, as their READMEs run it (`cogfed lint *` in
//! `clean/` or `twin/`): exit 0 and no errors or warnings for the clean setup, exit 1 for the broken twin whose
//! JSON findings are exactly those pinned in `twin.expected.json` (the library test
//! `crates/cogfed-lint/tests/examples.rs` owns that file and prints the diff).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXAMPLES: &[&str] = &[
    "beyond-identity",
    "idura-verify",
    "fusionauth",
    "pomerium",
    "cloudentity",
];

fn example_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

/// Every file of `dir`, by name (what `*` expands to).
fn glob(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "{} is empty", dir.display());
    names
}

fn cogfed_lint(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cogfed"))
        .arg("lint")
        .args(extra)
        .args(glob(dir))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run cogfed")
}

fn json_of(o: &Output, what: &str) -> Value {
    let out = String::from_utf8_lossy(&o.stdout);
    serde_json::from_str(&out).unwrap_or_else(|e| {
        panic!(
            "{what}: not JSON ({e}):\n{out}\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// (rule, severity, file, line, column, pointer) of each finding.
fn rows(findings: &Value, what: &str) -> Vec<(String, String, String, u64, u64, String)> {
    let s = |f: &Value, k: &str| {
        f[k].as_str()
            .unwrap_or_else(|| panic!("{what}: `{k}`"))
            .to_string()
    };
    let n = |f: &Value, k: &str| f[k].as_u64().unwrap_or_else(|| panic!("{what}: `{k}`"));
    findings
        .as_array()
        .unwrap_or_else(|| panic!("{what}: no findings array"))
        .iter()
        .map(|f| {
            (
                s(f, "rule"),
                s(f, "severity"),
                s(f, "file"),
                n(f, "line"),
                n(f, "column"),
                s(f, "pointer"),
            )
        })
        .collect()
}

#[test]
fn clean_examples_exit_0_without_errors_or_warnings() {
    for name in EXAMPLES {
        let dir = example_dir(name).join("clean");
        let o = cogfed_lint(&dir, &["--format", "json"]);
        let v = json_of(&o, name);
        assert_eq!(o.status.code(), Some(0), "{name}/clean: {v:#}");
        assert_eq!(v["version"], 1);
        assert_eq!(v["summary"]["errors"], 0, "{name}/clean: {v:#}");
        assert_eq!(v["summary"]["warnings"], 0, "{name}/clean: {v:#}");
        assert_eq!(
            v["summary"]["files"].as_u64(),
            Some(glob(&dir).len() as u64),
            "{name}/clean: every file is read"
        );
        // No warnings, so denying them changes nothing.
        let denied = cogfed_lint(&dir, &["--deny", "warnings"]);
        assert_eq!(
            denied.status.code(),
            Some(0),
            "{name}/clean: {}",
            String::from_utf8_lossy(&denied.stdout)
        );
    }
}

#[test]
fn twins_exit_1_with_exactly_their_expected_findings() {
    for name in EXAMPLES {
        let dir = example_dir(name).join("twin");
        let o = cogfed_lint(&dir, &["--format", "json"]);
        let v = json_of(&o, name);
        assert_eq!(o.status.code(), Some(1), "{name}/twin: {v:#}");
        let got = rows(&v["findings"], name);

        let path = example_dir(name).join("twin.expected.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let want = rows(&expected["findings"], &path.display().to_string());
        assert_eq!(got, want, "{name}/twin");

        let count = |sev: &str| want.iter().filter(|r| r.1 == sev).count();
        assert_eq!(v["summary"]["errors"], count("error"), "{name}/twin");
        assert_eq!(v["summary"]["warnings"], count("warning"), "{name}/twin");
        assert!(count("error") > 0, "{name}/twin has errors");

        // The text form reports the same findings, rustc-style, with a caret under each.
        let text = cogfed_lint(&dir, &[]);
        assert_eq!(text.status.code(), Some(1));
        let out = String::from_utf8_lossy(&text.stdout);
        for (rule, sev, file, line, column, _) in &want {
            assert!(
                out.contains(&format!("{sev}[{rule}]")),
                "{name}: {rule} in:\n{out}"
            );
            assert!(
                out.contains(&format!("--> {file}:{line}:{column}")),
                "{name}: {file}:{line}:{column} in:\n{out}"
            );
        }
    }
}

/// Issue 15's "done when": `cogfed lint examples/*/terraform/` walks the ten Terraform folders at once and
/// reports every finding of the five twins (as pinned beside them) and nothing in a clean copy; SARIF says
/// the same.
#[test]
fn all_terraform_examples_at_once_find_the_twins_mistakes_and_nothing_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dirs: Vec<String> = EXAMPLES
        .iter()
        .map(|n| format!("examples/{n}/terraform/"))
        .collect();
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_cogfed"))
            .args(["lint", "--format", format])
            .args(&dirs)
            .current_dir(&root)
            .env("NO_COLOR", "1")
            .output()
            .expect("run cogfed")
    };
    let o = run("json");
    let v = json_of(&o, "examples/*/terraform/");
    assert_eq!(o.status.code(), Some(1), "{v:#}");
    let mut got: Vec<_> = rows(&v["findings"], "examples/*/terraform/");
    let mut want = Vec::new();
    for name in EXAMPLES {
        let path = example_dir(name).join("terraform/twin.expected.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected: Value = serde_json::from_str(&text).expect("JSON");
        for mut r in rows(&expected["findings"], name) {
            r.2 = format!("examples/{name}/terraform/twin/{}", r.2);
            want.push(r);
        }
    }
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // The walk skips each folder's twin.expected.json (JSON, but not an input).
    assert_eq!(
        v["summary"]["skipped"].as_u64(),
        Some(EXAMPLES.len() as u64),
        "{v:#}"
    );
    let sarif = run("sarif");
    let s: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    let results = s["runs"][0]["results"].as_array().expect("results").len();
    assert_eq!(results, want.len());
}
