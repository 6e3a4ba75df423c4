//! The real-world corpus (tests/corpus/: public templates, AWS CLI outputs and the files that sit beside them
//! in real repositories; sources and licences in SOURCES.tsv). Issue 12: no panic, no valid file refused, no
//! error finding on the files judged correct, and every listed defect found.
//!
//! Each file is linted alone, then all of them together as `cogfed lint` lints a folder. EXPECTED.tsv lists
//! every file whose outcome is not "a clean input"; run with `--nocapture` for the counts.

use cogfed_lint::{LintOptions, Report, Severity, SourceFile, lint, load_all};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The folders of the corpus this test reads.
const FOLDERS: &[&str] = &["cloudformation", "aws-cli", "terraform", "other"];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// `path -> (outcome, detail)` from EXPECTED.tsv.
fn expected() -> BTreeMap<String, (String, String)> {
    let text = fs::read_to_string(corpus().join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("path\t") && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(cols.len() >= 3, "EXPECTED.tsv: malformed line {l:?}");
            (cols[0].to_string(), (cols[1].to_string(), cols[2].to_string()))
        })
        .collect()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(corpus())
        .expect("under the corpus")
        .display()
        .to_string()
}

fn read(path: &Path) -> SourceFile {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    SourceFile::new(relative(path), text)
}

/// What linting one file alone gives: skipped, or the error findings as `rule@line`.
enum Outcome {
    Skipped,
    Linted(Report, BTreeSet<String>),
}

fn lint_alone(file: SourceFile) -> Outcome {
    let loaded = load_all(vec![file]);
    let report = lint(&loaded, &LintOptions::default()).expect("no command-line overrides");
    if !loaded.skipped.is_empty() {
        return Outcome::Skipped;
    }
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            format!(
                "{}@{}",
                f.rule,
                loaded.sources.position(f.loc.file, f.loc.span.start).line
            )
        })
        .collect();
    Outcome::Linted(report, errors)
}

#[test]
fn the_public_corpus_is_read_and_judged_as_expected() {
    let expected = expected();
    let mut paths = Vec::new();
    for folder in FOLDERS {
        files_under(&corpus().join(folder), &mut paths);
    }
    assert!(paths.len() > 200, "the corpus holds {} files", paths.len());
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    let (mut inputs, mut skipped, mut malformed) = (0, 0, 0);
    let mut by_rule: BTreeMap<(&'static str, Severity), usize> = BTreeMap::new();
    for path in &paths {
        let name = relative(path);
        seen.insert(name.clone());
        let want = expected.get(&name).map(|(o, d)| (o.as_str(), d.as_str()));
        match (lint_alone(read(path)), want) {
            (Outcome::Skipped, want) => {
                skipped += 1;
                let ok =
                    want.is_some_and(|(o, _)| o == "skipped") || name.starts_with("other/") && want.is_none();
                if !ok {
                    problems.push(format!("{name}: skipped (not recognised), expected {want:?}"));
                }
            }
            (Outcome::Linted(report, errors), want) => {
                inputs += 1;
                for f in &report.findings {
                    *by_rule.entry((f.rule, f.severity)).or_default() += 1;
                }
                let input_errors: BTreeSet<String> = errors
                    .iter()
                    .filter(|e| e.starts_with("input-error@"))
                    .cloned()
                    .collect();
                if !input_errors.is_empty() {
                    malformed += 1;
                }
                match want {
                    _ if name.starts_with("other/") => problems.push(format!(
                        "{name}: read as an input, but it is not one ({errors:?})"
                    )),
                    None if !errors.is_empty() => {
                        problems.push(format!("{name}: error findings on a correct file: {errors:?}"))
                    }
                    None => {}
                    Some(("malformed", lines)) => {
                        let want: BTreeSet<String> =
                            lines.split(',').map(|l| format!("input-error@{l}")).collect();
                        if input_errors != want {
                            problems.push(format!(
                                "{name}: input errors {input_errors:?}, expected {want:?}"
                            ));
                        }
                    }
                    Some(("defects", list)) => {
                        let want: BTreeSet<String> = list.split(',').map(str::to_string).collect();
                        if errors != want {
                            problems.push(format!(
                                "{name}: error findings {errors:?}, expected exactly {want:?}"
                            ));
                        }
                    }
                    Some((outcome, _)) => {
                        problems.push(format!("{name}: read as an input, expected {outcome}"))
                    }
                }
            }
        }
    }
    for name in expected.keys() {
        if !seen.contains(name) {
            problems.push(format!("EXPECTED.tsv names {name}, which is not in the corpus"));
        }
    }
    println!(
        "corpus: {} files: {inputs} inputs ({malformed} malformed), {skipped} skipped",
        paths.len()
    );
    for ((rule, severity), n) in &by_rule {
        println!("  {n:>4}  {severity:<7}  {rule}");
    }
    assert!(
        problems.is_empty(),
        "{} corpus problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The whole corpus as one folder, as `cogfed lint .` reads it: every file accounted for, nothing lost, the
/// findings of each file still found (one lint per pool keeps templates apart).
#[test]
fn the_whole_corpus_lints_as_one_folder() {
    let mut paths = Vec::new();
    for folder in FOLDERS {
        files_under(&corpus().join(folder), &mut paths);
    }
    let files: Vec<SourceFile> = paths.iter().map(|p| read(p)).collect();
    let alone: usize = paths
        .iter()
        .map(|p| match lint_alone(read(p)) {
            Outcome::Skipped => 0,
            Outcome::Linted(report, _) => report.count(Severity::Error),
        })
        .sum();
    let loaded = load_all(files);
    let report = lint(&loaded, &LintOptions::default()).expect("no overrides");
    assert_eq!(report.files + report.skipped.len(), paths.len());
    let together = report.count(Severity::Error);
    // Together, cross-file joins may add findings (a client named in one file, defined in another), but the
    // per-file errors are all still there.
    assert!(together >= alone, "{together} errors together, {alone} alone");
    let json = cogfed_lint::render::render_json(&report, &loaded.sources);
    let v: serde_json::Value = serde_json::from_str(&json).expect("one complete JSON document");
    assert_eq!(v["summary"]["files"], report.files);
}

/// Every corpus file has its provenance (repository, path, commit, licence) in SOURCES.tsv.
#[test]
fn every_corpus_file_has_its_source_and_licence() {
    let sources = fs::read_to_string(corpus().join("SOURCES.tsv")).expect("SOURCES.tsv");
    let listed: BTreeMap<&str, Vec<&str>> = sources
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0], cols)
        })
        .collect();
    let mut paths = Vec::new();
    files_under(&corpus(), &mut paths);
    for path in paths {
        let name = relative(&path);
        if ["SOURCES.tsv", "README.md", "EXPECTED.tsv"].contains(&name.as_str()) {
            continue;
        }
        let cols = listed
            .get(name.as_str())
            .unwrap_or_else(|| panic!("{name} has no line in SOURCES.tsv"));
        assert!(cols.len() >= 5, "{name}: {cols:?}");
        assert_eq!(cols[3].len(), 40, "{name}: commit {:?}", cols[3]);
        assert!(!cols[4].is_empty(), "{name}: no licence");
    }
}
