//! Linting in the browser: one config edit in the demo's config checker, from the input event to the
//! rendered findings (`cogfed-bench-browser checker`, tests/src/bin/bench_browser.rs), split into the page's
//! own work until the config is posted to its linter worker, and the lint round trip + render. Goal (issue 12):
//! median under 16 ms, one frame at 60 Hz.

use super::browser;
use super::{Stats, Summary, stats};

fn row(what: &str, s: Option<Stats>) -> String {
    match s {
        Some(s) => format!(
            "| {what} | {:.1} | {:.1} | {:.1} | {:.1} |",
            s.median, s.p90, s.min, s.max
        ),
        None => format!("| {what} | – | – | – | – |"),
    }
}

/// Runs `edits` measured edits (after three that warm the worker up) and writes the table.
pub fn section(out: &mut String, summary: &mut Summary, edits: usize) -> Result<(), String> {
    let m = browser::run("checker", &["--edits".into(), edits.to_string()])?;
    let total = stats(m.samples("checker/edit"))
        .filter(|s| s.n == edits)
        .ok_or_else(|| {
            format!(
                "checker: expected {edits} edits, got {}",
                m.samples("checker/edit").len()
            )
        })?;
    let page = stats(m.samples("checker/sent-to-worker"));
    let lint = stats(m.samples("checker/lint-and-render"));

    w!(
        out,
        "\n## Linting in the browser: one edit in the config checker\n"
    );
    w!(
        out,
        "`/checker` of the release SPA in headless Chromium (versions above): `web/examples/cogfed.toml` and the same file with `https` → \
         `http` in its callback URL (2 findings: uri-insecure-scheme, spa-redirect-uri-not-registered), put \
         into the editor in turn by an input event (what a keystroke or paste fires). Timed with \
         `performance.now()` from just before the event until a MutationObserver sees the findings list \
         with the new result; the hand-over to the linter worker is seen by a probe on \
         `Worker.prototype.postMessage`. {edits} edits after 3 warm-up edits, in ms.\n",
    );
    w!(
        out,
        "| step | median | p90 | min | max |\n|---|---:|---:|---:|---:|"
    );
    w!(out, "{}", row("**input event → findings rendered**", Some(total)));
    w!(
        out,
        "{}",
        row(
            "of which: the page (input event → config posted to the linter worker)",
            page
        )
    );
    w!(
        out,
        "{}",
        row(
            "of which: lint in the worker (wasm) + message back + render",
            lint
        )
    );
    w!(
        out,
        "\nThe checker lints on every edit, with no typing debounce (edits made while a check runs coalesce into \
         one); the lint, in a Web Worker running cogfed-lint compiled to wasm, and the re-render take the rest. \
         Goal: median under 16 ms (one frame at 60 Hz)."
    );
    summary.row(
        "Config checker in the browser: one edit to rendered findings, median (goal < 16 ms)",
        format!(
            "{:.1} ms ({:.1} ms lint + render)",
            total.median,
            lint.map(|s| s.median).unwrap_or(f64::NAN)
        ),
        "".into(),
        None,
    );
    Ok(())
}
