//! Group `hygiene`: works, but worth tidying.

mod idp_details_unknown_key;
mod updated_issuer_incompatible;

use super::Rule;

/// The rules of this group.
pub static RULES: &[&Rule] = &[&updated_issuer_incompatible::RULE, &idp_details_unknown_key::RULE];
