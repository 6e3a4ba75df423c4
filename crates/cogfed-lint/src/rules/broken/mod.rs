//! Group `broken`: sign-in (or the deployment) will fail.

mod custom_scope_undefined;
mod default_redirect_not_in_callbacks;
mod domain_reserved_word;
mod idp_issuer_mismatch;
mod issuer_is_hosted_ui_domain;
mod issuer_trailing_slash;
mod scope_requires_openid;
mod spa_redirect_uri_not_registered;
mod supported_idp_unknown;
mod uri_has_fragment;
mod uri_not_absolute;
mod uri_wildcard;

use super::Rule;

/// The rules of this group.
pub static RULES: &[&Rule] = &[
    &uri_not_absolute::RULE,
    &uri_has_fragment::RULE,
    &uri_wildcard::RULE,
    &default_redirect_not_in_callbacks::RULE,
    &spa_redirect_uri_not_registered::RULE,
    &scope_requires_openid::RULE,
    &custom_scope_undefined::RULE,
    &issuer_is_hosted_ui_domain::RULE,
    &issuer_trailing_slash::RULE,
    &idp_issuer_mismatch::RULE,
    &domain_reserved_word::RULE,
    &supported_idp_unknown::RULE,
];
