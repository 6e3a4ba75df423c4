//! Group `broken`: sign-in (or the deployment) will fail.

mod custom_scope_undefined;
mod default_redirect_not_in_callbacks;
mod domain_reserved_word;
mod idp_attributes_request_method;
mod idp_details_missing_key;
mod idp_endpoint_not_https;
mod idp_issuer_mismatch;
mod idp_manual_endpoints_incomplete;
mod idp_scopes_missing_openid;
mod idp_scopes_not_space_separated;
mod issuer_format;
mod issuer_is_hosted_ui_domain;
mod issuer_not_https;
mod issuer_query_or_fragment;
mod issuer_trailing_slash;
mod pool_id_format;
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
    &issuer_format::RULE,
    &issuer_not_https::RULE,
    &issuer_query_or_fragment::RULE,
    &pool_id_format::RULE,
    &idp_details_missing_key::RULE,
    &idp_attributes_request_method::RULE,
    &idp_scopes_missing_openid::RULE,
    &idp_scopes_not_space_separated::RULE,
    &idp_endpoint_not_https::RULE,
    &idp_manual_endpoints_incomplete::RULE,
];
