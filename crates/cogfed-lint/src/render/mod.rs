//! Renderers: rustc-style text (feature `text`), JSON (public interface, `version: 1`) and SARIF 2.1.0.

mod json;
mod sarif;
#[cfg(feature = "text")]
mod text;

pub use json::render_json;
pub use sarif::render_sarif;
#[cfg(feature = "text")]
pub use text::{render_finding, render_skipped, render_text};

use crate::de::Loc;
use crate::source::{Position, Sources};

/// Start and end position of a location (end is exclusive; equal to start for an empty span).
pub(crate) fn positions(sources: &Sources, loc: &Loc) -> (Position, Position) {
    (
        sources.position(loc.file, loc.span.start),
        sources.position(loc.file, loc.span.end),
    )
}

/// A file name as a URI reference (SARIF `artifactLocation.uri`): `\` becomes `/`, and characters outside
/// RFC 3986's unreserved/sub-delims set are percent-encoded.
pub(crate) fn path_to_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
