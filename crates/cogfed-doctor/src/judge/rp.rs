//! Relying parties of the pool (FusionAuth, Pomerium, Cloudentity, a generic RP, the SPA) against the pool's
//! live discovery document: the issuer byte for byte, and endpoints configured by hand (cognito-facts §1.7,
//! §2.4; the FusionAuth guide's trailing slash).

use super::{Document, string};
use crate::plan::RpTarget;
use crate::rules::LiveRule;
use cogfed_lint::Finding;

/// Judges relying party `rp` against the pool's discovery document `doc` (fetched from `url`).
pub fn judge_rp(rp: &RpTarget, url: &str, doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    let label = &rp.label;
    if let Some(configured) = &rp.issuer
        && let Some(written) = configured.as_str()
        && let Some(issuer) = string(doc, "issuer")
        && written != issuer
    {
        let slash = if written.trim_end_matches('/') == issuer.trim_end_matches('/') {
            ": they differ only by a trailing slash"
        } else {
            ""
        };
        out.push(
            LiveRule::RpIssuerMismatch
                .at(
                    &configured.loc,
                    format!("{label} is configured with issuer `{written}`, the user pool's is `{issuer}`{slash}"),
                )
                .help(format!("set the issuer to exactly `{issuer}`"))
                .note("relying parties compare the token's `iss` with their issuer exactly (cognito-facts §2.4)")
                .note(format!("from {url}")),
        );
    }
    for (key, configured) in &rp.endpoints {
        let Some(written) = configured.as_str() else {
            continue;
        };
        match string(doc, key) {
            Some(live) if live == written => {}
            Some(live) => out.push(
                LiveRule::RpEndpointMismatch
                    .at(
                        &configured.loc,
                        format!("{label} is configured with {key} `{written}`, the user pool's is `{live}`"),
                    )
                    .help(format!(
                        "set it to `{live}`, or let {label} discover the endpoints"
                    ))
                    .note(format!("from {url}")),
            ),
            None => {}
        }
    }
    out
}
