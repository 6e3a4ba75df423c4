//! # cogfed-lint: the integration linter core
//!
//! Reads both sides of a Cognito <-> OIDC integration (our manifest, AWS CLI JSON, CloudFormation,
//! relying-party configs such as Pomerium and FusionAuth) into one [`model`], runs the rule catalogue
//! over it and renders findings as text, JSON or SARIF.
//!
//! The crate performs no I/O of its own: callers hand it file names and contents, so the same code runs
//! in the `cogfed` CLI and in the browser's config-checker page (wasm32-unknown-unknown).

//!
//! ```
//! use cogfed_lint::{LintOptions, SourceFile, load, lint, render::render_json};
//!
//! let manifest = "version = 1\n[[clients]]\nclient_name = \"web\"\ncallback_urls = [\"https://app/#cb\"]\n";
//! let loaded = load(vec![SourceFile::new("cogfed.toml", manifest)]).expect("valid input");
//! let report = lint(&loaded, &LintOptions::default()).expect("valid severity settings");
//! let f = report.findings.iter().find(|f| f.rule == "uri-has-fragment").expect("the fragment is reported");
//! let at = loaded.sources.position(f.loc.file, f.loc.span.start);
//! assert_eq!((f.rule, at.line, at.column, f.loc.pointer.as_str()), ("uri-has-fragment", 4, 18, "/clients/0/callback_urls/0"));
//! assert!(render_json(&report, &loaded.sources).contains("\"rule\": \"uri-has-fragment\""));
//! ```
//!
//! Layers: [`parse`] (text -> spanned [`node::Node`]), [`de`] (nodes -> [`model`] types with [`Located`]
//! values), [`import`] (format detection, CloudFormation resolution, merging), [`ctx`] (derived facts),
//! [`rules`] (one file per rule), [`engine`] (severities, [`Report`]), [`render`] (text, JSON, SARIF).

#![warn(missing_docs)]

pub mod ctx;
pub mod de;
pub mod engine;
pub mod finding;
pub mod import;
pub mod model;
pub mod node;
pub mod parse;
pub mod pools;
pub mod rules;
pub mod source;
pub mod uri;
pub mod util;

pub use de::{Loc, Located, Resolved};
pub use engine::{LintOptions, Report, lint};
pub use finding::{Finding, Group, Level, Severity};
pub use import::{Format, InputError, Loaded, Malformed, Skipped, load, load_all};
pub use source::{FileId, Position, SourceFile, Sources};
pub mod render;

/// The JSON Schema of the manifest ([`model::Manifest`]), pretty-printed; `cogfed schema` prints it and
/// `manifest.schema.json` is a committed copy (a test keeps them equal).
#[cfg(feature = "schema")]
pub fn manifest_schema() -> String {
    let schema = schemars::schema_for!(model::Manifest);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
