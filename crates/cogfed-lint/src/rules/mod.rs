//! The rule catalogue.
//!
//! One file per rule, `rules/<group>/<rule_id_snake>.rs`, holding a [`declare_rule!`] whose doc comment is
//! the rule's manual in fixed sections (`# What it checks`, `# Why it matters`, `# Example`, `# Fix`,
//! `# Source`) and the `check` function. `cogfed explain RULE` prints exactly that doc.
//!
//! Adding a rule: write the file, add `mod x;` and `&x::RULE` to its group's `mod.rs`, and add
//! `tests/fixtures/<rule-id>/{fail,pass}.toml` (see `tests/fixtures.rs`).
//!
//! Group `input` holds `input-error`, which the loader reports for a file it cannot read (`check: Loader`).
//! Group `live` holds the rules of `cogfed doctor` (crate `cogfed-doctor`): they judge what a live integration's
//! public endpoints answer, so they have no static check (`check: Live`) and no fixtures here; the doctor's
//! tests pin each of them against real servers on loopback, and a contract test there keeps its ids and this
//! registry in step.

pub mod broken;
pub mod client_facts;
pub mod hygiene;
pub mod input;
pub mod live;
pub mod security;
pub mod shape;
pub mod support;

pub use crate::ctx::Ctx;
pub use crate::finding::{Finding, Group, Severity};

/// How a rule finds its findings.
#[derive(Clone, Copy)]
pub enum Check {
    /// Over the integration files: the engine runs it in every `cogfed lint`. Findings come back without rule
    /// id and severity; the engine sets both.
    Static(fn(&Ctx) -> Vec<Finding>),
    /// Over what a live integration answers: only `cogfed doctor` reports it, from documents it fetched
    /// (group `live`). The engine never runs it.
    Live,
    /// Over the inputs themselves: the loader reports it for a file it cannot read (`input-error`).
    Loader,
}

/// A rule: identity, default severity, documentation and check.
pub struct Rule {
    /// Kebab-case id (stable; shared with the auth client's error catalogue).
    pub id: &'static str,
    /// Its group.
    pub group: Group,
    /// Severity unless overridden.
    pub default_severity: Severity,
    /// One line for `cogfed rules`.
    pub summary: &'static str,
    /// The raw doc comment (each line keeps the space after `///`); see [`Rule::doc`].
    pub raw_doc: &'static str,
    /// How it finds problems: a static check the engine runs, or live (`cogfed doctor`).
    pub check: Check,
}

impl Rule {
    /// The rule's documentation as written in its doc comment (Markdown).
    pub fn doc(&self) -> String {
        let mut out = String::with_capacity(self.raw_doc.len());
        for line in self.raw_doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string() + "\n"
    }

    /// The text of section `# {title}` of the doc (without the heading).
    pub fn doc_section(&self, title: &str) -> Option<String> {
        let doc = self.doc();
        let heading = format!("# {title}");
        let start = doc.lines().position(|l| l.trim() == heading)?;
        let body: Vec<&str> = doc
            .lines()
            .skip(start + 1)
            .take_while(|l| !l.starts_with("# "))
            .collect();
        Some(body.join("\n").trim().to_string())
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("group", &self.group)
            .finish()
    }
}

/// Declares a rule whose documentation is its doc comment. `check: Live` declares a rule of `cogfed doctor`
/// and `check: Loader` one the loader reports (no static check); any other path names the rule's static check
/// function.
///
/// ```ignore
/// declare_rule! {
///     /// # What it checks
///     /// ...
///     pub static RULE = {
///         id: "uri-has-fragment",
///         group: Broken,
///         severity: Error,
///         summary: "a callback or logout URL has a #fragment",
///         check: check,
///     };
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $name:ident = {
            id: $id:literal,
            group: $group:ident,
            severity: $severity:ident,
            summary: $summary:literal,
            check: $check:ident $(:: $rest:ident)* $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            group: $crate::finding::Group::$group,
            default_severity: $crate::finding::Severity::$severity,
            summary: $summary,
            raw_doc: concat!($($doc, "\n"),*),
            check: $crate::rule_check!($check $(:: $rest)*),
        };
    };
}

/// The [`Check`] of a [`declare_rule!`]: `Live`, or the path of a static check function.
#[doc(hidden)]
#[macro_export]
macro_rules! rule_check {
    (Live) => {
        $crate::rules::Check::Live
    };
    (Loader) => {
        $crate::rules::Check::Loader
    };
    ($($check:tt)+) => {
        $crate::rules::Check::Static($($check)+)
    };
}

/// Every rule, group by group, in catalogue order.
pub fn all() -> Vec<&'static Rule> {
    let mut rules = Vec::new();
    rules.extend_from_slice(broken::RULES);
    rules.extend_from_slice(security::RULES);
    rules.extend_from_slice(hygiene::RULES);
    rules.extend_from_slice(shape::RULES);
    rules.extend_from_slice(input::RULES);
    rules.extend_from_slice(live::RULES);
    rules
}

/// The rule with id `id`.
pub fn find(id: &str) -> Option<&'static Rule> {
    all().into_iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case_and_docs_have_every_section() {
        let mut seen = HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
            assert!(
                rule.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                rule.id
            );
            for section in ["What it checks", "Why it matters", "Example", "Fix", "Source"] {
                let body = rule.doc_section(section).unwrap_or_default();
                assert!(!body.is_empty(), "rule {} has no `# {section}` section", rule.id);
            }
            assert!(!rule.summary.is_empty());
            // Live rules, and only they, have no static check.
            assert_eq!(
                matches!(rule.check, Check::Live),
                rule.group == Group::Live,
                "rule {}: group `live` and `check: Live` go together",
                rule.id
            );
        }
    }
}
