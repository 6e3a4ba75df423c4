//! Arbitrary bytes as one or two input files of every format: parse, recognise, import, merge, build the
//! model, run every rule and render all three outputs. Any panic is a bug (a panic in wasm kills the page).
//!
//! The first byte picks each file's name (and so its syntax); a 0xFF byte splits the rest into two files.

#![no_main]

use cogfed_lint::render::{render_json, render_sarif, render_text};
use cogfed_lint::{LintOptions, SourceFile, lint, load_all};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["in.json", "in.yaml", "in.toml", "in.env", "in", "template.json", "config.yml", ".env"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let mut files = Vec::new();
    for (i, part) in rest.splitn(2, |b| *b == 0xFF).enumerate() {
        let name = NAMES[(usize::from(selector) >> (3 * i)) % NAMES.len()];
        files.push(SourceFile::new(format!("{i}/{name}"), String::from_utf8_lossy(part).into_owned()));
    }
    // The lenient loader, as `cogfed lint` and the checker run it: malformed inputs become findings, so the
    // rules and renderers also see models built from partly bad files.
    let loaded = load_all(files);
    let Ok(report) = lint(&loaded, &LintOptions::default()) else { return };
    let _ = render_json(&report, &loaded.sources);
    let _ = render_text(&report, &loaded.sources, false);
    // SARIF carries every rule's whole manual (about 100 kB of JSON), which dominates a run under the
    // sanitizers now that every input reaches the renderers: render it for one input in four.
    if selector & 0xC0 == 0 {
        let _ = render_sarif(&report, &loaded.sources);
    }
});
