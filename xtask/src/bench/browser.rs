//! The browser-driven measurements: `cogfed-bench-browser` (tests/src/bin/bench_browser.rs, on the end-to-end
//! harness) is built in the dev profile it shares with `cargo test -p cogfed-e2e`, run against the release
//! SPA in `dist/`, and its raw samples read back.

use crate::proc::{Cmd, root};
use std::collections::BTreeMap;

/// What one run of `cogfed-bench-browser` measured.
#[derive(Debug, Default, PartialEq)]
pub struct Measured {
    /// `info` lines: `(key, value)` in order (the user agent, the counts asked for); kept in the raw file
    /// for whoever reads it, not in the report.
    pub info: Vec<(String, String)>,
    /// `sample` lines: milliseconds by series, in the order measured.
    pub series: BTreeMap<String, Vec<f64>>,
}

impl Measured {
    /// The samples of `series` (empty when it was not measured).
    pub fn samples(&self, series: &str) -> &[f64] {
        self.series.get(series).map(Vec::as_slice).unwrap_or_default()
    }
}

/// Parses the tab-separated report (`sample\t{series}\t{ms}`, `info\t{key}\t{value}`); an error names the line.
pub fn parse(text: &str) -> Result<Measured, String> {
    let mut m = Measured::default();
    for (i, line) in text.lines().enumerate() {
        let at = || format!("line {}: `{line}`", i + 1);
        let mut fields = line.splitn(3, '\t');
        match (fields.next(), fields.next(), fields.next()) {
            (Some("sample"), Some(series), Some(ms)) => {
                let ms: f64 = ms
                    .trim()
                    .parse()
                    .map_err(|e| format!("{}: not a number of milliseconds ({e})", at()))?;
                if !ms.is_finite() || ms < 0.0 {
                    return Err(format!("{}: not a duration", at()));
                }
                m.series.entry(series.to_string()).or_default().push(ms);
            }
            (Some("info"), Some(key), Some(value)) => m.info.push((key.into(), value.into())),
            (Some(""), None, None) => {}
            _ => return Err(format!("{}: expected `sample` or `info` and two fields", at())),
        }
    }
    Ok(m)
}

/// Builds and runs `cogfed-bench-browser {command} {args} --out target/bench/{command}.tsv` against `dist/`
/// (its progress goes to the terminal) and reads what it measured.
pub fn run(command: &str, args: &[String]) -> Result<Measured, String> {
    Cmd::new("cargo")
        .args([
            "build",
            "-p",
            "cogfed-e2e",
            "--features",
            "bench",
            "--bin",
            "cogfed-bench-browser",
        ])
        .status()?;
    let out = root().join(format!("target/bench/{command}.tsv"));
    let _ = std::fs::remove_file(&out);
    Cmd::new(
        &root()
            .join("target/debug/cogfed-bench-browser")
            .display()
            .to_string(),
    )
    .arg(command)
    .args(args.iter().cloned())
    .arg("--out")
    .arg(out.display().to_string())
    .env("COGFED_DIST", root().join("dist").display().to_string())
    .status()?;
    let text = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", out.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_and_info_are_read_back() {
        let m = parse(
            "info\tuser-agent\tHeadlessChrome/156\nsample\ta/x\t1.5\nsample\ta/x\t2\nsample\tb\t0.25\n",
        )
        .unwrap();
        assert_eq!(m.samples("a/x"), &[1.5, 2.0]);
        assert_eq!(m.samples("b"), &[0.25]);
        assert!(m.samples("c").is_empty());
        assert_eq!(
            m.info,
            [("user-agent".to_string(), "HeadlessChrome/156".to_string())]
        );
    }

    #[test]
    fn a_bad_line_is_named() {
        let e = parse("sample\ta\t1\nsample\ta\tfast\n").unwrap_err();
        assert!(e.starts_with("line 2: `sample\ta\tfast`"), "{e}");
        assert!(parse("sample\ta\t-1\n").unwrap_err().contains("not a duration"));
        assert!(parse("sample\ta\tinf\n").is_err());
        assert!(
            parse("hello\n")
                .unwrap_err()
                .contains("expected `sample` or `info`")
        );
        assert!(parse("\n").unwrap().series.is_empty());
    }
}
