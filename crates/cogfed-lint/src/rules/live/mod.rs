//! Group `live`: what `cogfed doctor` finds in a live integration's public endpoints (the IdPs' and the
//! pool's discovery documents and JWKS, the hosted UI's answer to an unauthenticated authorize request). These
//! rules have no static check ([`super::Check::Live`]); `cogfed-doctor` reports them, and its contract test
//! keeps the ids it emits equal to this list.

mod authorize_error;
mod federation_redirect;
mod fetch_refused;
mod http_status;
mod idp_claim_unsupported;
mod idp_endpoint_missing;
mod idp_endpoint_not_https;
mod idp_issuer_mismatch;
mod idp_manual_endpoint_differs;
mod idp_required_claim_missing;
mod idp_response_type;
mod idp_scope_unsupported;
mod idp_signing_alg;
mod idp_token_auth_method;
mod idp_userinfo_signed;
mod jwks_invalid;
mod jwks_kid;
mod jwks_weak_key;
mod not_checked;
mod not_json;
mod pool_discovery_inconsistent;
mod pool_issuer_mismatch;
mod redirect_mismatch;
mod request_budget;
mod rp_endpoint_mismatch;
mod rp_issuer_mismatch;
mod unreachable;

use super::Rule;

/// The rules of this group, in the order of a doctor run: manners and fetches, the upstream IdP, JWKS, the
/// Cognito side, relying parties.
pub static RULES: &[&Rule] = &[
    &fetch_refused::RULE,
    &unreachable::RULE,
    &http_status::RULE,
    &not_json::RULE,
    &request_budget::RULE,
    &not_checked::RULE,
    &idp_issuer_mismatch::RULE,
    &idp_endpoint_missing::RULE,
    &idp_endpoint_not_https::RULE,
    &idp_manual_endpoint_differs::RULE,
    &idp_token_auth_method::RULE,
    &idp_response_type::RULE,
    &idp_scope_unsupported::RULE,
    &idp_claim_unsupported::RULE,
    &idp_required_claim_missing::RULE,
    &idp_signing_alg::RULE,
    &idp_userinfo_signed::RULE,
    &jwks_invalid::RULE,
    &jwks_weak_key::RULE,
    &jwks_kid::RULE,
    &pool_issuer_mismatch::RULE,
    &pool_discovery_inconsistent::RULE,
    &redirect_mismatch::RULE,
    &authorize_error::RULE,
    &federation_redirect::RULE,
    &rp_issuer_mismatch::RULE,
    &rp_endpoint_mismatch::RULE,
];
