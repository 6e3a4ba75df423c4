//! Findings, severities and rule groups.

use crate::de::Loc;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Sign-in will fail or the setup is unsafe: exit code 1.
    Error,
    /// Likely a problem: exit code 1 only under `--deny warnings`.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A severity override: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Report at this severity.
    Report(Severity),
    /// Do not run the rule.
    Off,
}

impl Level {
    /// Parses `error`, `warning` (or `warn`), `info`, `off` (or `allow`).
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "error" | "deny" => Some(Level::Report(Severity::Error)),
            "warning" | "warn" => Some(Level::Report(Severity::Warning)),
            "info" => Some(Level::Report(Severity::Info)),
            "off" | "allow" => Some(Level::Off),
            _ => None,
        }
    }
}

/// Rule groups (clippy-style), usable in severity overrides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Sign-in will fail.
    Broken,
    /// Works, but unsafe.
    Security,
    /// Works, but worth tidying.
    Hygiene,
    /// AWS API constraints (patterns, lengths, enums, counts, ranges).
    Shape,
    /// An input cannot be read (reported by the loader; cannot be turned off).
    Input,
    /// Found by `cogfed doctor` in a live integration's public endpoints (discovery, JWKS, the hosted UI's
    /// authorize answer); these rules have no static check ([`crate::rules::Check::Live`]).
    Live,
}

impl Group {
    /// Every group.
    pub const ALL: [Group; 6] = [
        Group::Broken,
        Group::Security,
        Group::Hygiene,
        Group::Shape,
        Group::Input,
        Group::Live,
    ];

    /// `broken`, `security`, `hygiene`, `shape`, `input` or `live`.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Broken => "broken",
            Group::Security => "security",
            Group::Hygiene => "hygiene",
            Group::Shape => "shape",
            Group::Input => "input",
            Group::Live => "live",
        }
    }

    /// The group named `s`.
    pub fn parse(s: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found by a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule id (set by the engine).
    pub rule: &'static str,
    /// Effective severity (set by the engine from defaults and overrides).
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The offending value, or its nearest parent when the value is missing.
    pub loc: Loc,
    /// How to fix it.
    pub help: Option<String>,
    /// Why it matters, sources.
    pub notes: Vec<String>,
    /// Other places involved (e.g. the client's CallbackURLs for an unregistered redirect).
    pub related: Vec<(Loc, String)>,
}

impl Finding {
    /// A finding at `loc`; the engine fills in rule and severity.
    pub fn new(loc: &Loc, message: impl Into<String>) -> Self {
        Finding {
            rule: "",
            severity: Severity::Error,
            message: message.into(),
            loc: loc.clone(),
            help: None,
            notes: Vec::new(),
            related: Vec::new(),
        }
    }

    /// With a help text.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// With a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// With a related location.
    pub fn related(mut self, loc: &Loc, label: impl Into<String>) -> Self {
        self.related.push((loc.clone(), label.into()));
        self
    }
}
