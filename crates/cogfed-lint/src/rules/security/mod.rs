//! Group `security`: sign-in works, but the setup is unsafe.

mod browser_client_has_secret;
mod domain_tls_policy;
mod implicit_flow_on_browser_client;
mod mapping_email_from_sub;
mod mapping_email_without_verified;
mod password_flow_on_browser_client;
mod public_client_no_rotation;
mod public_client_without_pkce;
mod revocation_disabled;
mod uri_insecure_scheme;

use super::Rule;

/// The rules of this group.
pub static RULES: &[&Rule] = &[
    &uri_insecure_scheme::RULE,
    &browser_client_has_secret::RULE,
    &implicit_flow_on_browser_client::RULE,
    &mapping_email_from_sub::RULE,
    &mapping_email_without_verified::RULE,
    &domain_tls_policy::RULE,
    &public_client_without_pkce::RULE,
    &password_flow_on_browser_client::RULE,
    &public_client_no_rotation::RULE,
    &revocation_disabled::RULE,
];
