//! Group `shape`: AWS API constraints (linter-anchors A4), table-driven over [`catalogue`].

pub mod catalogue;
pub mod patterns;

mod api_count;
mod api_enum;
mod api_length;
mod api_pattern;
mod api_range;

use super::Rule;

/// The rules of this group.
pub static RULES: &[&Rule] = &[
    &api_pattern::RULE,
    &api_length::RULE,
    &api_enum::RULE,
    &api_count::RULE,
    &api_range::RULE,
];
