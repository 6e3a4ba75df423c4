//! `cargo xtask bench [section...] [--runs N]`: measurements printed as markdown tables, and written to
//! `bench/results.md` when every section ran (the default).
//!
//! Sections, in this order:
//! * `size`: the release SPA by load stage, and what cogfed-leptos adds to a minimal Leptos app (with each
//!   opt-in feature, and where the bytes go); `increment` is that second part alone;
//! * `peers`: the same sizes next to the JavaScript clients (oidc-client-ts with and without React), built
//!   with npm + esbuild from `bench/peers/` (peers.md §2's method);
//! * `latency`: the sign-in callback of our SPA and of an oidc-client-ts page in the same headless Chromium
//!   against the same Local Cognito (`cogfed-bench-browser latency`, median of 20 runs each), and a cold first
//!   visit until the sign-in button shows against the React + react-oidc-context app (median of 10);
//! * `lint`: cogfed against cfn-lint, the 1,000-client scale run, and one edit in the browser's config
//!   checker (`cogfed-bench-browser checker`).
//!
//! The report opens with the machine and every tool and peer version, then one summary table of the
//! headline comparisons, then each section's tables.

use crate::proc::{Cmd, build_spa_release, root};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Appends a line to a `String` report (`writeln!` into a String cannot fail). Textually scoped: defined
/// before the submodules that use it.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}
mod attribution;
mod browser;
mod browser_lint;
mod latency;
mod lint;
mod machine;
mod peers;
mod size;

const SECTIONS: [&str; 5] = ["size", "increment", "peers", "latency", "lint"];

/// Runs of the callback-latency comparison per app, and edits in the checker (issue 8: median of 20).
const DEFAULT_RUNS: usize = 20;

/// The summary table's rows: `(comparison, cogfed, peer, ratio)`.
#[derive(Default)]
pub struct Summary(Vec<[String; 4]>);

impl Summary {
    /// A comparison row; `ratio` says how cogfed compares (see [`ratio`]; `None`: nothing to compare with).
    pub fn row(&mut self, what: &str, ours: String, peer: String, ratio: Option<String>) {
        self.0
            .push([what.to_string(), ours, peer, ratio.unwrap_or_else(|| "".into())]);
    }

    fn render(&self) -> String {
        let mut s = String::new();
        w!(s, "## Summary\n");
        w!(
            s,
            "| comparison | cogfed | peer | cogfed against the peer |\n|---|---:|---:|---:|"
        );
        for [what, ours, peer, ratio] in &self.0 {
            w!(s, "| {what} | {ours} | {peer} | {ratio} |");
        }
        s
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let (sections, runs) = parse_args(args)?;
    let want = |s: &str| sections.is_empty() || sections.iter().any(|a| a == s);
    let started = Instant::now();
    // What the SPA is built from, and the load (other work on this machine skews the times).
    let start = machine::Start::now();
    let mut out = String::new();
    let mut summary = Summary::default();

    let measured = sections_into(&want, runs, &mut out, &mut summary);
    if let Err(e) = measured {
        if !out.is_empty() {
            eprintln!("\nbench: what was measured before the failure:\n{out}");
        }
        return Err(e);
    }

    let mut report = String::from("# cogfed benchmarks\n\n");
    w!(
        report,
        "Produced by `cargo xtask bench{}` ({}; {runs} runs of each browser measurement) in {:.0} s.\n",
        args.iter().map(|a| format!(" {a}")).collect::<String>(),
        if sections.is_empty() {
            "every section".to_string()
        } else {
            format!("sections: {}", sections.join(", "))
        },
        started.elapsed().as_secs_f64()
    );
    machine::section(&mut report, &start);
    report.push('\n');
    report.push_str(&summary.render());
    report.push_str(&out);
    println!("\n{report}");

    if sections.is_empty() && runs == DEFAULT_RUNS {
        let path = root().join("bench/results.md");
        std::fs::write(&path, &report).map_err(|e| format!("writing {}: {e}", path.display()))?;
        eprintln!("bench: wrote {}", path.display());
    } else {
        eprintln!(
            "bench: bench/results.md is written only by a full run (`cargo xtask bench`, no section, default runs)"
        );
    }
    Ok(())
}

/// Runs the sections `want` selects, in order, into `out` and `summary`.
fn sections_into(
    want: &dyn Fn(&str) -> bool,
    runs: usize,
    out: &mut String,
    summary: &mut Summary,
) -> Result<(), String> {
    // The release SPA is built once, by the first section that needs it.
    let mut spa_built = false;
    if want("size") {
        size::spa(out)?; // builds the SPA
        spa_built = true;
    }
    if want("size") || want("increment") {
        let increment = size::cogfed_leptos_increment(out)?;
        summary.row(
            "The auth client's bytes, brotli: cogfed-leptos increment (default features) against the goal",
            format!("{} B", group(increment.brotli)),
            format!("goal {} B", group(size::INCREMENT_GOAL_BROTLI)),
            Some(if increment.brotli <= size::INCREMENT_GOAL_BROTLI {
                format!(
                    "within (by {} B)",
                    group(size::INCREMENT_GOAL_BROTLI - increment.brotli)
                )
            } else {
                format!(
                    "OVER (by {} B)",
                    group(increment.brotli - size::INCREMENT_GOAL_BROTLI)
                )
            }),
        );
    }
    if want("peers") {
        ensure_spa(&mut spa_built)?;
        peers::section(out, summary, want("size") || want("increment"))?;
    }
    if want("latency") {
        ensure_spa(&mut spa_built)?;
        latency::section(out, summary, runs)?;
        latency::cold_load(out, summary, runs.min(latency::COLD_RUNS))?;
    }
    if want("lint") {
        let times = lint::section(out)?;
        summary.row(
            "Lint one CloudFormation template (median wall time, whole process): cogfed vs cfn-lint",
            ms(times.cogfed),
            format!("{} (cfn-lint {})", ms(times.cfn_lint), lint::CFN_LINT_VERSION),
            Some(ratio(
                times.cogfed.as_secs_f64(),
                times.cfn_lint.as_secs_f64(),
                "faster",
                "slower",
            )),
        );
        summary.row(
            "Lint 1,000 app clients with 100 callback URLs each (no peer does this)",
            ms(times.thousand_clients),
            "".into(),
            None,
        );
        let (n, whole) = times.corpus;
        summary.row(
            &format!("Lint the public corpus as one folder ({n} files, whole process)"),
            format!(
                "{} ({:.0} files/s)",
                ms(whole),
                n as f64 / whole.as_secs_f64().max(1e-9)
            ),
            "".into(),
            None,
        );
        let (n, ours, theirs) = times.corpus_cognito;
        summary.row(
            &format!("Lint the corpus's {n} Cognito templates in one process: cogfed vs cfn-lint"),
            ms(ours),
            format!("{} (cfn-lint {})", ms(theirs), lint::CFN_LINT_VERSION),
            Some(ratio(
                ours.as_secs_f64(),
                theirs.as_secs_f64(),
                "faster",
                "slower",
            )),
        );
        (times.terraform.rows().into_iter()).for_each(|(w, o, p, r)| summary.row(&w, o, p, r));
        ensure_spa(&mut spa_built)?;
        browser_lint::section(out, summary, runs)?;
    }
    Ok(())
}

/// Builds the release SPA unless this run already did.
fn ensure_spa(built: &mut bool) -> Result<(), String> {
    if !*built {
        build_spa_release()?;
        *built = true;
    }
    Ok(())
}

/// The sections asked for (none: all) and `--runs N`.
fn parse_args(args: &[String]) -> Result<(Vec<String>, usize), String> {
    let mut sections = vec![];
    let mut runs = DEFAULT_RUNS;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--runs" {
            let v = it.next().ok_or("--runs needs a number")?;
            runs = v
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| format!("--runs {v:?}: not a positive count"))?;
        } else if SECTIONS.contains(&a.as_str()) {
            sections.push(a.clone());
        } else {
            return Err(format!(
                "unknown bench argument `{a}` (sections: {}; option: --runs N)",
                SECTIONS.join(", ")
            ));
        }
    }
    Ok((sections, runs))
}

/// Median wall time of `runs` runs; the exit status is ignored (findings make linters exit non-zero).
pub fn median_wall(runs: usize, cmd: impl Fn() -> Cmd) -> Result<Duration, String> {
    let mut times = vec![];
    for _ in 0..runs {
        let c = cmd();
        let t = Instant::now();
        c.run_quiet()?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok(times[times.len() / 2])
}

pub fn ms(d: Duration) -> String {
    if d < Duration::from_millis(10) {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.0} ms", d.as_secs_f64() * 1e3)
    }
}

/// How `ours` compares with `theirs`, as a factor of at least 1 with the word for its direction: "2.4×
/// slower", "768× faster" (`less` when ours is the smaller number, `more` otherwise).
pub fn ratio(ours: f64, theirs: f64, less: &str, more: &str) -> String {
    if ours <= 0.0 || theirs <= 0.0 || !ours.is_finite() || !theirs.is_finite() {
        return "n/a".into();
    }
    let (factor, word) = if ours < theirs {
        (theirs / ours, less)
    } else {
        (ours / theirs, more)
    };
    let digits = if factor < 10.0 { 2 } else { 0 };
    format!("{factor:.digits$}× {word}")
}

/// Median, 90th percentile (nearest rank), minimum and maximum of a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub n: usize,
    pub median: f64,
    pub p90: f64,
    pub min: f64,
    pub max: f64,
}

/// [`Stats`] of `samples`; `None` when there are none (or a NaN slipped in).
pub fn stats(samples: &[f64]) -> Option<Stats> {
    if samples.is_empty() || samples.iter().any(|v| v.is_nan()) {
        return None;
    }
    let mut v = samples.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    // Nearest rank: the smallest value with at least 90 % of the samples at or below it.
    let rank = (n * 9).div_ceil(10).max(1);
    Some(Stats {
        n,
        median,
        p90: v[rank - 1],
        min: v[0],
        max: v[n - 1],
    })
}

pub fn signed(a: usize, b: usize) -> String {
    if a >= b {
        format!("+{}", group(a - b))
    } else {
        format!("-{}", group(b - a))
    }
}

#[derive(Default, Clone, Copy)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl Sizes {
    pub fn add(&mut self, other: Sizes) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

pub fn sizes(path: &Path) -> Result<Sizes, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(sizes_of(&bytes))
}

pub fn sizes_of(bytes: &[u8]) -> Sizes {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("writing to memory");
    let gzip = gz.finish().expect("writing to memory").len();
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        w.write_all(bytes).expect("writing to memory");
    }
    Sizes {
        raw: bytes.len(),
        gzip,
        brotli: br.len(),
    }
}

/// 123456 -> "123 456", the way the reference tables print sizes.
pub fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_take_the_middle_and_the_nearest_rank() {
        let s = stats(&[5.0, 1.0, 4.0, 2.0, 3.0]).unwrap();
        assert_eq!((s.n, s.median, s.p90, s.min, s.max), (5, 3.0, 5.0, 1.0, 5.0));
        // Even count: the mean of the two middle values.
        assert_eq!(stats(&[4.0, 1.0, 3.0, 2.0]).unwrap().median, 2.5);
        // 20 samples 1..=20: p90 is the 18th.
        let twenty: Vec<f64> = (1..=20).map(f64::from).collect();
        let s = stats(&twenty).unwrap();
        assert_eq!((s.median, s.p90), (10.5, 18.0));
        assert_eq!(stats(&[7.0]).unwrap().p90, 7.0);
        assert!(stats(&[]).is_none());
        assert!(stats(&[1.0, f64::NAN]).is_none());
    }

    #[test]
    fn ratios_say_which_way() {
        assert_eq!(ratio(1.0, 4.0, "smaller", "larger"), "4.00× smaller");
        assert_eq!(ratio(2.1, 1609.0, "faster", "slower"), "766× faster");
        assert_eq!(ratio(158.0, 68.0, "faster", "slower"), "2.32× slower");
        assert_eq!(ratio(5.0, 5.0, "faster", "slower"), "1.00× slower");
        assert_eq!(ratio(1.0, 0.0, "a", "b"), "n/a");
        assert_eq!(ratio(0.0, 1.0, "a", "b"), "n/a");
    }

    #[test]
    fn arguments_are_sections_and_runs() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_args(&[]).unwrap(), (vec![], DEFAULT_RUNS));
        assert_eq!(
            parse_args(&args(&["latency", "--runs", "3"])).unwrap(),
            (args(&["latency"]), 3)
        );
        assert!(parse_args(&args(&["--runs", "0"])).is_err());
        assert!(parse_args(&args(&["--runs"])).is_err());
        assert!(
            parse_args(&args(&["sizes"]))
                .unwrap_err()
                .contains("unknown bench argument `sizes`")
        );
    }
}
