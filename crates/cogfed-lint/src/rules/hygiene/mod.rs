//! Group `hygiene`: works, but worth tidying.

use super::Rule;

/// The rules of this group.
pub static RULES: &[&Rule] = &[];
