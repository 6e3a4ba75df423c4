//! Group `hygiene`: works, but worth tidying.

mod callback_urls_unset_variable;
mod idp_details_perpetual_diff;
mod idp_details_unknown_key;
mod placeholder_callback;
mod prevent_user_existence_errors;
mod refresh_auth_with_rotation;
mod updated_issuer_incompatible;

use super::Rule;

/// The rules of this group.
pub static RULES: &[&Rule] = &[
    &updated_issuer_incompatible::RULE,
    &idp_details_unknown_key::RULE,
    &idp_details_perpetual_diff::RULE,
    &callback_urls_unset_variable::RULE,
    &placeholder_callback::RULE,
    &refresh_auth_with_rotation::RULE,
    &prevent_user_existence_errors::RULE,
];
