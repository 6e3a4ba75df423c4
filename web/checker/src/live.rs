//! The live discovery check of the checker page (issue 16, item 7): `cogfed doctor`'s own judges
//! ([`cogfed_doctor::judge`]) on an OpenID provider's discovery document and JWKS that the page fetched, so the
//! page says what `cogfed doctor --issuer` would, for the documents a browser is allowed to read.

use crate::protocol::{Fetched, LiveDocuments, LiveFinding, LiveReport};
use cogfed_doctor::LiveRule;
use cogfed_doctor::judge::{idp::judge_discovery, jwks::judge_jwks, parse_document};
use cogfed_doctor::plan::IdpTarget;
use cogfed_lint::Finding;
use cogfed_lint::de::Loc;

/// Judges what the page fetched from `docs.issuer`.
pub fn judge(docs: &LiveDocuments) -> LiveReport {
    let target = IdpTarget::for_issuer(&docs.issuer);
    let at = target.issuer.loc.clone();
    let mut report = LiveReport {
        issuer: docs.issuer.clone(),
        ..LiveReport::default()
    };
    let mut findings = Vec::new();
    if let Some((url, body)) = readable(
        &docs.discovery,
        "the discovery document",
        &at,
        &mut findings,
        &mut report,
    ) {
        match parse_document(body.as_bytes()) {
            Ok(doc) => findings.extend(judge_discovery(&target, url, &doc).0),
            Err(why) => findings.push(
                LiveRule::NotJson
                    .at(&at, format!("the discovery document at `{url}` is {why}"))
                    .help("point the issuer at the OpenID provider itself, not at a web page or a proxy"),
            ),
        }
    }
    if let Some(jwks) = &docs.jwks
        && let Some((url, body)) = readable(jwks, "the JWKS", &at, &mut findings, &mut report)
    {
        findings.extend(judge_jwks(body, url, &target.label, &at));
    }
    report.findings = findings.iter().map(view).collect();
    report
}

/// The URL and body of an answer the page read with 200; a finding (other status) or the blocked notice
/// otherwise.
fn readable<'a>(
    fetched: &'a Fetched,
    what: &str,
    at: &Loc,
    findings: &mut Vec<Finding>,
    report: &mut LiveReport,
) -> Option<(&'a str, &'a str)> {
    match fetched {
        Fetched::Answer {
            url,
            status: 200,
            body,
        } => {
            report.read.push(url.clone());
            Some((url, body))
        }
        Fetched::Answer { url, status, .. } => {
            report.read.push(url.clone());
            findings.push(
                LiveRule::HttpStatus
                    .at(at, format!("{what} at `{url}` answers HTTP {status}"))
                    .help("the document must be served with 200 at exactly this URL: check the issuer (path, trailing slash)"),
            );
            None
        }
        Fetched::Blocked { url, why } => {
            // A page cannot tell a server without CORS headers from one that is down: say both, and what can
            // tell (the doctor fetches from outside a browser).
            report.blocked.get_or_insert_with(|| {
                format!(
                    "The browser could not read {what} at {url} ({why}): the server does not let this page read it \
                     (no CORS headers), or it cannot be reached from here. Check it from a terminal: \
                     cogfed doctor --issuer {}",
                    report.issuer
                )
            });
            None
        }
    }
}

fn view(f: &Finding) -> LiveFinding {
    LiveFinding {
        rule: f.rule.to_string(),
        severity: f.severity.as_str().to_string(),
        message: f.message.clone(),
        help: f.help.clone(),
        notes: f.notes.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUER: &str = "https://idp.example.com/tenant";

    fn discovery(issuer: &str, auth_methods: &str) -> String {
        format!(
            r#"{{"issuer": "{issuer}", "authorization_endpoint": "https://idp.example.com/tenant/authorize",
            "token_endpoint": "https://idp.example.com/tenant/token", "userinfo_endpoint": "https://idp.example.com/tenant/userinfo",
            "jwks_uri": "https://idp.example.com/tenant/jwks", "response_types_supported": ["code"],
            "token_endpoint_auth_methods_supported": [{auth_methods}], "id_token_signing_alg_values_supported": ["RS256"],
            "subject_types_supported": ["public"]}}"#
        )
    }

    fn answer(url: &str, body: &str) -> Fetched {
        Fetched::Answer {
            url: url.into(),
            status: 200,
            body: body.into(),
        }
    }

    fn rules(r: &LiveReport) -> Vec<&str> {
        r.findings.iter().map(|f| f.rule.as_str()).collect()
    }

    #[test]
    fn a_slash_issuer_and_basic_only_auth_are_found_as_the_doctor_finds_them() {
        let r = judge(&LiveDocuments {
            issuer: ISSUER.into(),
            discovery: answer(
                "https://idp.example.com/tenant/.well-known/openid-configuration",
                &discovery("https://idp.example.com/tenant/", r#""client_secret_basic""#),
            ),
            jwks: None,
        });
        assert_eq!(
            rules(&r),
            ["live-idp-issuer-mismatch", "live-idp-token-auth-method"],
            "{r:#?}"
        );
        assert!(r.findings[0].message.contains("trailing slash"), "{r:#?}");
        assert!(r.blocked.is_none());
    }

    #[test]
    fn a_correct_provider_has_no_finding_and_its_jwks_is_judged() {
        let good = discovery(ISSUER, r#""client_secret_post""#);
        let r = judge(&LiveDocuments {
            issuer: ISSUER.into(),
            discovery: answer(
                "https://idp.example.com/tenant/.well-known/openid-configuration",
                &good,
            ),
            jwks: Some(answer("https://idp.example.com/tenant/jwks", r#"{"keys": []}"#)),
        });
        assert_eq!(rules(&r), ["live-jwks-invalid"], "{r:#?}");
        assert_eq!(r.read.len(), 2);
    }

    #[test]
    fn a_blocked_fetch_says_what_to_run_and_is_no_finding() {
        let r = judge(&LiveDocuments {
            issuer: ISSUER.into(),
            discovery: Fetched::Blocked {
                url: "https://idp.example.com/tenant/.well-known/openid-configuration".into(),
                why: "TypeError: Failed to fetch".into(),
            },
            jwks: None,
        });
        assert!(r.findings.is_empty());
        let blocked = r.blocked.expect("a notice");
        assert!(
            blocked.contains("cogfed doctor --issuer https://idp.example.com/tenant"),
            "{blocked}"
        );
        assert!(blocked.contains("CORS"), "{blocked}");
    }

    #[test]
    fn a_page_instead_of_a_document_and_an_error_status_are_findings() {
        let r = judge(&LiveDocuments {
            issuer: ISSUER.into(),
            discovery: answer("https://idp.example.com/x", "<html>sign in</html>"),
            jwks: None,
        });
        assert_eq!(rules(&r), ["live-not-json"]);
        let r = judge(&LiveDocuments {
            issuer: ISSUER.into(),
            discovery: Fetched::Answer {
                url: "https://idp.example.com/x".into(),
                status: 404,
                body: String::new(),
            },
            jwks: None,
        });
        assert_eq!(rules(&r), ["live-http-status"]);
    }
}
