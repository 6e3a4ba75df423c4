//! # cogfed-lint: the integration linter core
//!
//! Reads both sides of a Cognito <-> OIDC integration (our manifest, AWS CLI JSON, CloudFormation,
//! relying-party configs such as Pomerium and FusionAuth) into one [`model`], runs the rule catalogue
//! over it and renders findings as text, JSON or SARIF.
//!
//! The crate performs no I/O of its own: callers hand it file names and contents, so the same code runs
//! in the `cogfed` CLI and in the browser's config-checker page (wasm32-unknown-unknown).

pub mod ctx;
pub mod de;
pub mod engine;
pub mod finding;
pub mod import;
pub mod model;
pub mod node;
pub mod parse;
pub mod rules;
pub mod source;
pub mod uri;
pub mod util;

pub use de::{Loc, Located, Resolved};
pub use engine::{LintOptions, Report, lint};
pub use finding::{Finding, Group, Level, Severity};
pub use import::{Format, InputError, Loaded, load};
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
