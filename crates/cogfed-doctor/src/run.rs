//! Runs a [`Plan`]: every request through [`Manners`], every answer through a judge. A request that could not
//! be made or answered is a finding with its URL (`live-fetch-refused`, `live-unreachable`,
//! `live-http-status`, `live-not-json`, `live-request-budget`), never an error of the run.

use crate::http::{Clock, FetchError, Manners, Response, Transport};
use crate::judge::authorize::{Answer, classify, judge_answer, judge_federation};
use crate::judge::{Document, idp, jwks, parse_document, pool, rp};
use crate::plan::Plan;
use crate::rules::LiveRule;
use cogfed_lint::Finding;
use cogfed_lint::de::Loc;

/// Every finding of a run, unordered (the report orders them).
pub fn run<T: Transport, C: Clock>(plan: &Plan, http: &mut Manners<'_, T, C>) -> Vec<Finding> {
    let mut out = plan.not_checked.clone();

    // Upstream IdPs: discovery, then JWKS.
    let mut authorize_endpoints: Vec<Option<String>> = Vec::with_capacity(plan.idps.len());
    for t in &plan.idps {
        let url = t.discovery_url();
        let what = format!("the discovery document of {}", t.label);
        let Some(doc) = fetch_document(http, &url, &what, &t.issuer.loc, &mut out) else {
            authorize_endpoints.push(None);
            continue;
        };
        let (findings, found) = idp::judge_discovery(t, &url, &doc);
        out.extend(findings);
        authorize_endpoints.push(found.authorization_endpoint);
        if let Some(jwks_uri) = found.jwks_uri {
            let what = format!("the JWKS of {}", t.label);
            if let Some(body) = fetch_text(http, &jwks_uri, &what, &t.issuer.loc, &mut out) {
                out.extend(jwks::judge_jwks(&body, &jwks_uri, &t.label, &t.issuer.loc));
            }
        }
    }

    // The pool, then the relying parties against its discovery.
    let mut pool_doc: Option<(String, Document)> = None;
    if let Some(t) = &plan.pool {
        let url = t.discovery_url();
        if let Some(doc) = fetch_document(http, &url, "the user pool's discovery document", &t.loc, &mut out)
        {
            let (findings, jwks_uri) = pool::judge_discovery(t, &url, &doc);
            out.extend(findings);
            if let Some(body) = fetch_text(http, &jwks_uri, "the user pool's JWKS", &t.loc, &mut out) {
                out.extend(jwks::judge_jwks(&body, &jwks_uri, "the user pool", &t.loc));
            }
            pool_doc = Some((url, doc));
        }
    }
    for r in &plan.rps {
        if let Some((url, doc)) = &pool_doc {
            out.extend(rp::judge_rp(r, url, doc));
        }
    }

    // The hosted UI.
    for p in &plan.probes {
        let url = p.url();
        let what = format!("the hosted UI's authorize endpoint (for {})", p.who);
        let resp = match http.get(&url) {
            Ok(r) => r,
            Err(e) => {
                out.push(fetch_error(e, &url, &what, &p.redirect_uri.loc));
                continue;
            }
        };
        let answer = classify(&url, p.redirect_uri.as_str().unwrap_or_default(), &resp);
        out.extend(judge_answer(p, &url, &answer));
        if let (Answer::Elsewhere(location), Some(i)) = (&answer, p.idp)
            && let Some(t) = plan.idps.get(i)
        {
            let discovered = authorize_endpoints.get(i).cloned().flatten();
            out.extend(judge_federation(p, t, discovered.as_deref(), location));
        }
    }
    out
}

/// The finding for a request that was refused, over budget or failed on the network.
fn fetch_error(e: FetchError, url: &str, what: &str, at: &Loc) -> Finding {
    match e {
        FetchError::Refused(why) => LiveRule::FetchRefused
            .at(at, format!("{what} was not fetched from `{url}`: {why}"))
            .help("use an https:// URL (plain http is allowed on loopback only)")
            .note("cognito-facts §5.3: Cognito talks to an IdP over HTTPS only"),
        FetchError::Budget { made } => LiveRule::RequestBudget
            .at(at, format!("{what} was not fetched from `{url}`: the run made its {made} requests"))
            .help("raise --max-requests, or check fewer files or redirect URIs at once"),
        FetchError::Network(f) => LiveRule::Unreachable
            .at(at, format!("{what} could not be fetched from `{url}`: {} error: {}", f.kind.as_str(), f.detail))
            .help("check that the URL is right and reachable from the internet with a valid certificate")
            .note("Cognito fails with \"Timeout occurred in calling IdP token endpoint\", \"Connection reset\"... when it cannot reach the IdP (cognito-facts §8.D26)"),
    }
}

/// GETs `url` and expects 200; records a finding and returns `None` otherwise.
fn fetch_ok<T: Transport, C: Clock>(
    http: &mut Manners<'_, T, C>,
    url: &str,
    what: &str,
    at: &Loc,
    out: &mut Vec<Finding>,
) -> Option<Response> {
    match http.get(url) {
        Err(e) => {
            out.push(fetch_error(e, url, what, at));
            None
        }
        Ok(r) if r.status == 200 => Some(r),
        Ok(r) => {
            let location = r
                .location
                .as_deref()
                .map(|l| format!(" (Location: {l}; redirects are not followed)"))
                .unwrap_or_default();
            out.push(
                LiveRule::HttpStatus
                    .at(at, format!("{what} at `{url}` answers HTTP {}{location}", r.status))
                    .help("the document must be served with 200 at exactly this URL: check the issuer (path, trailing slash)"),
            );
            None
        }
    }
}

fn fetch_text<T: Transport, C: Clock>(
    http: &mut Manners<'_, T, C>,
    url: &str,
    what: &str,
    at: &Loc,
    out: &mut Vec<Finding>,
) -> Option<String> {
    let r = fetch_ok(http, url, what, at, out)?;
    match String::from_utf8(r.body) {
        Ok(s) => Some(s),
        Err(_) => {
            out.push(LiveRule::NotJson.at(at, format!("{what} at `{url}` is not UTF-8 text")));
            None
        }
    }
}

fn fetch_document<T: Transport, C: Clock>(
    http: &mut Manners<'_, T, C>,
    url: &str,
    what: &str,
    at: &Loc,
    out: &mut Vec<Finding>,
) -> Option<Document> {
    let r = fetch_ok(http, url, what, at, out)?;
    match parse_document(&r.body) {
        Ok(doc) => Some(doc),
        Err(why) => {
            let ct = r
                .content_type
                .map(|c| format!(" (Content-Type {c})"))
                .unwrap_or_default();
            out.push(
                LiveRule::NotJson
                    .at(at, format!("{what} at `{url}` is {why}{ct}"))
                    .help("point the issuer at the OpenID provider itself, not at a web page or a proxy"),
            );
            None
        }
    }
}
