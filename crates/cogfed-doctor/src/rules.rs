//! The live rules the doctor emits. Their documentation, group and default severity live in `cogfed-lint`'s
//! registry (`crates/cogfed-lint/src/rules/live/`, one file per rule), like every other rule; this enum is the
//! doctor's side of that contract, and `tests/rule_registry.rs` keeps the two equal.

use cogfed_lint::de::Loc;
use cogfed_lint::{Finding, Severity};

/// A rule of group `live`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LiveRule {
    /// A URL the manners refuse (plain http off loopback, credentials or secrets in it, not http(s)).
    FetchRefused,
    /// DNS, connection, TLS, timeout or size failure.
    Unreachable,
    /// A document answered with a status other than 200.
    HttpStatus,
    /// A document that is not a JSON object.
    NotJson,
    /// The run's request cap was reached.
    RequestBudget,
    /// Something could not be checked (unknown value, missing field).
    NotChecked,
    /// IdP discovery `issuer` differs from the configured `oidc_issuer`.
    IdpIssuerMismatch,
    /// IdP discovery lacks an endpoint Cognito needs.
    IdpEndpointMissing,
    /// An IdP endpoint is not HTTPS.
    IdpEndpointNotHttps,
    /// A manual endpoint differs from discovery.
    IdpManualEndpointDiffers,
    /// No `client_secret_post`.
    IdpTokenAuthMethod,
    /// No `code` response type.
    IdpResponseType,
    /// A requested scope is not supported.
    IdpScopeUnsupported,
    /// A mapped claim is not supported.
    IdpClaimUnsupported,
    /// A required attribute's claim is not supported.
    IdpRequiredClaimMissing,
    /// No ID token signing algorithm Cognito accepts.
    IdpSigningAlg,
    /// Signed or encrypted userinfo advertised.
    IdpUserinfoSigned,
    /// A JWKS without a usable key set.
    JwksInvalid,
    /// An RSA key under 2048 bits.
    JwksWeakKey,
    /// A key without `kid`, or a duplicate `kid`.
    JwksKid,
    /// The pool's discovery issuer is not the expected one.
    PoolIssuerMismatch,
    /// The pool's discovery disagrees with its issuer or domains.
    PoolDiscoveryInconsistent,
    /// The hosted UI answers `redirect_mismatch`.
    RedirectMismatch,
    /// The hosted UI refuses the authorize request otherwise.
    AuthorizeError,
    /// The redirect to the IdP does not match.
    FederationRedirect,
    /// A relying party's issuer differs from the pool's discovery.
    RpIssuerMismatch,
    /// A relying party's endpoint differs from the pool's discovery.
    RpEndpointMismatch,
}

impl LiveRule {
    /// Every live rule.
    pub const ALL: [LiveRule; 27] = [
        LiveRule::FetchRefused,
        LiveRule::Unreachable,
        LiveRule::HttpStatus,
        LiveRule::NotJson,
        LiveRule::RequestBudget,
        LiveRule::NotChecked,
        LiveRule::IdpIssuerMismatch,
        LiveRule::IdpEndpointMissing,
        LiveRule::IdpEndpointNotHttps,
        LiveRule::IdpManualEndpointDiffers,
        LiveRule::IdpTokenAuthMethod,
        LiveRule::IdpResponseType,
        LiveRule::IdpScopeUnsupported,
        LiveRule::IdpClaimUnsupported,
        LiveRule::IdpRequiredClaimMissing,
        LiveRule::IdpSigningAlg,
        LiveRule::IdpUserinfoSigned,
        LiveRule::JwksInvalid,
        LiveRule::JwksWeakKey,
        LiveRule::JwksKid,
        LiveRule::PoolIssuerMismatch,
        LiveRule::PoolDiscoveryInconsistent,
        LiveRule::RedirectMismatch,
        LiveRule::AuthorizeError,
        LiveRule::FederationRedirect,
        LiveRule::RpIssuerMismatch,
        LiveRule::RpEndpointMismatch,
    ];

    /// The rule id in `cogfed-lint`'s registry.
    pub fn id(self) -> &'static str {
        match self {
            LiveRule::FetchRefused => "live-fetch-refused",
            LiveRule::Unreachable => "live-unreachable",
            LiveRule::HttpStatus => "live-http-status",
            LiveRule::NotJson => "live-not-json",
            LiveRule::RequestBudget => "live-request-budget",
            LiveRule::NotChecked => "live-not-checked",
            LiveRule::IdpIssuerMismatch => "live-idp-issuer-mismatch",
            LiveRule::IdpEndpointMissing => "live-idp-endpoint-missing",
            LiveRule::IdpEndpointNotHttps => "live-idp-endpoint-not-https",
            LiveRule::IdpManualEndpointDiffers => "live-idp-manual-endpoint-differs",
            LiveRule::IdpTokenAuthMethod => "live-idp-token-auth-method",
            LiveRule::IdpResponseType => "live-idp-response-type",
            LiveRule::IdpScopeUnsupported => "live-idp-scope-unsupported",
            LiveRule::IdpClaimUnsupported => "live-idp-claim-unsupported",
            LiveRule::IdpRequiredClaimMissing => "live-idp-required-claim-missing",
            LiveRule::IdpSigningAlg => "live-idp-signing-alg",
            LiveRule::IdpUserinfoSigned => "live-idp-userinfo-signed",
            LiveRule::JwksInvalid => "live-jwks-invalid",
            LiveRule::JwksWeakKey => "live-jwks-weak-key",
            LiveRule::JwksKid => "live-jwks-kid",
            LiveRule::PoolIssuerMismatch => "live-pool-issuer-mismatch",
            LiveRule::PoolDiscoveryInconsistent => "live-pool-discovery-inconsistent",
            LiveRule::RedirectMismatch => "live-redirect-mismatch",
            LiveRule::AuthorizeError => "live-authorize-error",
            LiveRule::FederationRedirect => "live-federation-redirect",
            LiveRule::RpIssuerMismatch => "live-rp-issuer-mismatch",
            LiveRule::RpEndpointMismatch => "live-rp-endpoint-mismatch",
        }
    }

    /// A finding of this rule at `loc`, with the rule's default severity from the registry (the report step
    /// applies overrides).
    pub fn at(self, loc: &Loc, message: impl Into<String>) -> Finding {
        let mut f = Finding::new(loc, message);
        f.rule = self.id();
        f.severity = cogfed_lint::rules::find(self.id()).map_or(Severity::Error, |r| r.default_severity);
        f
    }
}
