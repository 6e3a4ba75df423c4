//! The messages between the checker page (main thread) and the checker worker, as JSON strings.
//!
//! The page sends a [`CheckRequest`] each time the user stops typing; the worker answers with a
//! [`CheckResponse`] carrying the same `seq`, so the page can drop answers to older requests. Positions are
//! computed in the worker (the linter's [`Sources`](cogfed_lint::Sources) knows the line starts), so the page
//! renders without a second parse. The worker first posts [`READY`] so the page knows when its `onmessage`
//! is installed (messages posted earlier would be lost).

use serde::{Deserialize, Serialize};

/// The first message the worker posts: it is listening.
pub const READY: &str = "ready";

/// One pasted or dropped file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFile {
    /// The display name; its extension picks the syntax, as for `cogfed lint` (`.toml`, `.json`, `.yaml`,
    /// `.env`); without one (pasted text), or when the text is of another syntax that cogfed reads, the
    /// content decides.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// Page -> worker: lint these files, and document these rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CheckRequest {
    /// Increases with every request; echoed in the response.
    pub seq: u32,
    /// The files, linted together (cross-file references resolve, as on the command line).
    pub files: Vec<InputFile>,
    /// Rule ids whose documentation to return even without a finding (the page's `#rule=` view).
    pub explain: Vec<String>,
    /// An OpenID provider's documents the page fetched, to judge as `cogfed doctor` does.
    #[serde(default)]
    pub live: Option<LiveDocuments>,
}

/// What the page fetched from an issuer (GET, no credentials, nothing sent): the discovery document, then the
/// JWKS it names. The worker has no network code; the page fetches, the worker judges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveDocuments {
    /// The issuer as typed.
    pub issuer: String,
    /// `{issuer}/.well-known/openid-configuration`.
    pub discovery: Fetched,
    /// The discovery document's `jwks_uri`, when it has one and the discovery document was read.
    pub jwks: Option<Fetched>,
}

/// One GET from the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fetched {
    /// An HTTP answer the page could read.
    Answer {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The body as text.
        body: String,
    },
    /// The browser gave no answer to read: the server does not allow this origin (CORS), or it is unreachable;
    /// a page cannot tell which.
    Blocked {
        /// The URL.
        url: String,
        /// What the browser said.
        why: String,
    },
}

/// A finding of the live check (no place in a file: it is about the issuer's documents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveFinding {
    /// Rule id, e.g. `live-idp-issuer-mismatch` (`cogfed explain` documents it).
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Why it matters, and where the document came from.
    pub notes: Vec<String>,
}

/// The worker's judgement of [`LiveDocuments`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LiveReport {
    /// The issuer judged.
    pub issuer: String,
    /// The URLs read, in order.
    pub read: Vec<String>,
    /// Findings, as `cogfed doctor --issuer` reports them for these documents.
    pub findings: Vec<LiveFinding>,
    /// A document the browser could not read, and what to run instead.
    pub blocked: Option<String>,
}

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// A place in one of the request's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Place {
    /// Index of the file in [`CheckRequest::files`].
    pub file: u32,
    /// First character.
    pub start: Pos,
    /// One past the last character (equal to `start` for an empty span).
    pub end: Pos,
    /// RFC 6901 pointer into the file's document.
    pub pointer: String,
}

/// Another place involved in a finding, with what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// Where.
    pub at: Place,
    /// What it is, e.g. "the client's CallbackURLs".
    pub label: String,
}

/// One finding, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingView {
    /// Rule id, e.g. `uri-has-fragment`.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// Where.
    pub at: Place,
    /// How to fix it.
    pub help: Option<String>,
    /// Why it matters.
    pub notes: Vec<String>,
    /// Other places involved.
    pub related: Vec<Related>,
}

/// What a file was recognised as, by its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recognised {
    /// Index of the file in the request.
    pub file: u32,
    /// The format's human name, e.g. "CloudFormation template".
    pub format: String,
    /// A file name that says what it is (`template.yaml`), for files pasted without a name.
    pub name: String,
}

/// A file that is not an input cogfed reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// Index of the file in the request.
    pub file: u32,
    /// Why, e.g. "YAML, but not a format cogfed reads".
    pub reason: String,
}

/// A rule's documentation from the linter's registry (`cogfed explain RULE` prints the same text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleDoc {
    /// Rule id.
    pub id: String,
    /// `broken`, `security`, `hygiene` or `shape`.
    pub group: String,
    /// Default severity.
    pub severity: String,
    /// One line.
    pub summary: String,
    /// The manual, Markdown with `# What it checks`, `# Why it matters`, `# Example`, `# Fix`, `# Source`.
    pub doc: String,
}

/// Worker -> page: the result of one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CheckResponse {
    /// The request's `seq`.
    pub seq: u32,
    /// What each file (or YAML document) was recognised as.
    pub recognised: Vec<Recognised>,
    /// Files that are not inputs cogfed reads.
    pub skipped: Vec<Skipped>,
    /// Findings, sorted by file and position; a file that cannot be read is an `input-error` finding.
    pub findings: Vec<FindingView>,
    /// Documentation of every rule with a finding, then of every rule asked for in `explain`.
    pub rules: Vec<RuleDoc>,
    /// Rule ids asked for in `explain` that do not exist.
    pub unknown_rules: Vec<String>,
    /// The judgement of the request's [`LiveDocuments`], when it had some.
    #[serde(default)]
    pub live: Option<LiveReport>,
}

/// The worker could not even read the request (a bug in the page, not in the user's input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolError {
    /// What went wrong.
    pub protocol_error: String,
}
