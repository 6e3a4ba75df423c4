//! Rules about the inputs themselves: reported by the loader, not by a check over the model.

mod input_error;

use super::Rule;

/// The input rules.
pub static RULES: &[&Rule] = &[&input_error::RULE];

/// The id of the finding for an input that cannot be read.
pub const INPUT_ERROR: &str = input_error::RULE.id;
