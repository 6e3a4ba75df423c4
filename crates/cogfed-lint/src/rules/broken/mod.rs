//! Group `broken`: sign-in (or the deployment) will fail.

mod auth_flows_legacy_mixed;
mod callback_urls_empty;
mod client_credentials_mixed;
mod client_credentials_without_secret;
mod client_replaced;
mod code_flow_not_allowed;
mod custom_scope_undefined;
mod default_redirect_not_in_callbacks;
mod domain_certificate_region;
mod domain_fqdn_needs_custom_config;
mod domain_prefix_pattern;
mod domain_reserved_word;
mod generate_secret_with_client_secret;
mod idp_attributes_request_method;
mod idp_client_id_mismatch;
mod idp_details_missing_key;
mod idp_endpoint_not_https;
mod idp_identifier_duplicate;
mod idp_issuer_mismatch;
mod idp_manual_endpoints_incomplete;
mod idp_redirect_uri_mismatch;
mod idp_scopes_missing_openid;
mod idp_scopes_not_space_separated;
mod idp_token_auth_method;
mod idp_upstream_client_public;
mod idp_upstream_grant_missing;
mod idp_upstream_pkce_required;
mod idp_userinfo_not_plain_json;
mod issuer_format;
mod issuer_is_hosted_ui_domain;
mod issuer_not_https;
mod issuer_query_or_fragment;
mod issuer_trailing_slash;
mod mapping_claim_not_provided;
mod mapping_custom_prefix;
mod mapping_direction;
mod mapping_missing_required;
mod mapping_not_writable;
mod mapping_target_immutable;
mod mapping_target_unknown;
mod oauth_flows_disabled;
mod pool_id_format;
mod propagate_context_without_secret;
mod provider_name_pattern;
mod provider_name_reserved;
mod read_attributes_missing_verified;
mod rp_callback_not_registered;
mod rp_client_auth_mismatch;
mod scope_not_allowed;
mod scope_requires_openid;
mod scope_syntax;
mod spa_client_unknown;
mod spa_domain_unknown;
mod spa_idp_not_supported;
mod spa_logout_uri_not_registered;
mod spa_redirect_uri_not_registered;
mod supported_idp_unknown;
mod token_validity_range;
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
    &callback_urls_empty::RULE,
    &spa_logout_uri_not_registered::RULE,
    &rp_callback_not_registered::RULE,
    &scope_requires_openid::RULE,
    &custom_scope_undefined::RULE,
    &issuer_is_hosted_ui_domain::RULE,
    &issuer_trailing_slash::RULE,
    &idp_issuer_mismatch::RULE,
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
    &idp_token_auth_method::RULE,
    &idp_userinfo_not_plain_json::RULE,
    &idp_client_id_mismatch::RULE,
    &idp_upstream_client_public::RULE,
    &idp_upstream_grant_missing::RULE,
    &idp_upstream_pkce_required::RULE,
    &idp_redirect_uri_mismatch::RULE,
    &mapping_direction::RULE,
    &mapping_missing_required::RULE,
    &mapping_target_immutable::RULE,
    &mapping_target_unknown::RULE,
    &mapping_custom_prefix::RULE,
    &mapping_not_writable::RULE,
    &mapping_claim_not_provided::RULE,
    &domain_reserved_word::RULE,
    &domain_prefix_pattern::RULE,
    &domain_fqdn_needs_custom_config::RULE,
    &domain_certificate_region::RULE,
    &supported_idp_unknown::RULE,
    &client_credentials_mixed::RULE,
    &client_credentials_without_secret::RULE,
    &oauth_flows_disabled::RULE,
    &code_flow_not_allowed::RULE,
    &rp_client_auth_mismatch::RULE,
    &generate_secret_with_client_secret::RULE,
    &client_replaced::RULE,
    &propagate_context_without_secret::RULE,
    &scope_syntax::RULE,
    &scope_not_allowed::RULE,
    &read_attributes_missing_verified::RULE,
    &provider_name_pattern::RULE,
    &provider_name_reserved::RULE,
    &spa_idp_not_supported::RULE,
    &idp_identifier_duplicate::RULE,
    &auth_flows_legacy_mixed::RULE,
    &token_validity_range::RULE,
    &spa_client_unknown::RULE,
    &spa_domain_unknown::RULE,
];
