//! Arbitrary bytes as a Terraform configuration of one to three files (`.tf`, `.tfvars`, `.tf.json`, a plan
//! or output JSON): parse with hcl-edit, evaluate (variables, locals, references, count/for_each, dynamic
//! blocks, local modules), import, lint and render. Any panic is a bug (a panic in wasm kills the page).
//!
//! The first byte picks each file's name; 0xFF bytes split the rest into files. Files share a folder, as a
//! folder of `.tf` files is one configuration; the third file, when present, sits in `modules/m/` so that a
//! `module` block with `source = "./modules/m"` reaches it.

#![no_main]

use cogfed_lint::render::{render_json, render_text};
use cogfed_lint::{LintOptions, SourceFile, lint, load_all};
use libfuzzer_sys::fuzz_target;

// The third file's name comes from the selector's top two bits: the first four names only.
const NAMES: &[&str] = &[
    "main.tf",
    "variables.tf",
    "terraform.tfvars",
    "terraform-output.json",
    "main.tf.json",
    "prod.auto.tfvars",
    "plan.json",
    "outputs.tf",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let mut files = Vec::new();
    for (i, part) in rest.splitn(3, |b| *b == 0xFF).enumerate() {
        let name = NAMES[(usize::from(selector) >> (3 * i)) % NAMES.len()];
        let dir = if i == 2 { "cfg/modules/m" } else { "cfg" };
        files.push(SourceFile::new(format!("{dir}/{i}-{name}"), String::from_utf8_lossy(part).into_owned()));
    }
    let loaded = load_all(files);
    let Ok(report) = lint(&loaded, &LintOptions::default()) else { return };
    let _ = render_json(&report, &loaded.sources);
    let _ = render_text(&report, &loaded.sources, false);
});
