//! The user pool's discovery document: its issuer is the one the pool's id and Region give (cognito-facts
//! §2.4), its JWKS lives under that issuer and its endpoints on one of the pool's domains (§1.7).

use super::{Document, string};
use crate::plan::PoolTarget;
use crate::rules::LiveRule;
use crate::url::host_port;
use cogfed_lint::Finding;

/// Judges the pool's discovery document `doc`, fetched from `url`. Returns the findings and the `jwks_uri` to
/// fetch next (the document's, else the one under the expected issuer).
pub fn judge_discovery(t: &PoolTarget, url: &str, doc: &Document) -> (Vec<Finding>, String) {
    let mut out = Vec::new();
    let expected = &t.expected_issuer;
    match string(doc, "issuer") {
        Some(issuer) if issuer == expected => {}
        Some(issuer) => out.push(
            LiveRule::PoolIssuerMismatch
                .at(&t.loc, format!("the user pool's discovery issuer is `{issuer}`, not `{expected}`"))
                .help("configure every relying party with the issuer the pool publishes; check the Region and issuer_configuration")
                .note(format!("from {url} (cognito-facts §2.4)")),
        ),
        None => out.push(
            LiveRule::PoolIssuerMismatch
                .at(&t.loc, format!("the user pool's discovery document has no `issuer` (at {url})"))
                .help("check that the pool id and Region (or --issuer-base) name a user pool"),
        ),
    }
    let under_issuer = format!("{expected}/.well-known/jwks.json");
    let jwks_uri = string(doc, "jwks_uri").map(str::to_owned);
    match &jwks_uri {
        Some(j) if *j == under_issuer => {}
        Some(j) => out.push(
            LiveRule::PoolDiscoveryInconsistent
                .at(&t.loc, format!("the user pool's discovery names the JWKS `{j}`, not `{under_issuer}`"))
                .help("Cognito serves the JWKS under the issuer: check for a proxy or a stale mock in front of it")
                .note("cognito-facts §1.7"),
        ),
        None => out.push(
            LiveRule::PoolDiscoveryInconsistent
                .at(&t.loc, format!("the user pool's discovery document has no `jwks_uri` (at {url})"))
                .help("Cognito's document always has one: check what answers at this URL"),
        ),
    }
    if !t.domain_hosts.is_empty()
        && let Some(endpoint) = string(doc, "authorization_endpoint")
        && let Some(host) = host_port(endpoint)
        && !t.domain_hosts.contains(&host)
    {
        let known: Vec<&str> = t.domain_hosts.iter().map(String::as_str).collect();
        out.push(
            LiveRule::PoolDiscoveryInconsistent
                .at(
                    &t.loc,
                    format!(
                        "the user pool's discovery sends users to `{endpoint}`, on none of the domains the integration names ({})",
                        super::list(&known)
                    ),
                )
                .help("use the domain discovery advertises (with a custom domain, Cognito advertises only that one)")
                .note("cognito-facts §1.7"),
        );
    }
    (out, jwks_uri.unwrap_or(under_issuer))
}
