//! Callback latency: our SPA and the oidc-client-ts page in the same headless Chromium against the same
//! in-process Local Cognito (`cogfed-bench-browser latency`, tests/src/bin/bench_browser.rs), from the
//! navigation to the captured callback URL until the app is signed in with the claims in the document.

use super::browser::{self, Measured};
use super::peers::{OIDC_CLIENT_TS, REACT_OIDC_CONTEXT};
use super::{Stats, Summary, ratio, stats};

/// One row of the table: what it is, and the series of each app.
struct Step {
    what: &'static str,
    cogfed: &'static str,
    peer: &'static str,
}

/// The steps of a callback, in the order they happen. Times are Performance API `startTime`s of the
/// callback document: milliseconds since that navigation started.
const STEPS: [Step; 8] = [
    Step {
        what: "app code received (the last JS or wasm response; from the HTTP cache after the first visit)",
        cogfed: "cogfed/code-fetched",
        peer: "oidc-client-ts/code-fetched",
    },
    Step {
        what: "DOMContentLoaded (page and its scripts loaded)",
        cogfed: "cogfed/dom-content-loaded",
        peer: "oidc-client-ts/dom-content-loaded",
    },
    Step {
        what: "discovery request starts (`/.well-known/openid-configuration`; cogfed derives Cognito's endpoints)",
        cogfed: "cogfed/discovery-request-start",
        peer: "oidc-client-ts/discovery-request-start",
    },
    Step {
        what: "JWKS request starts (`/.well-known/jwks.json`; the peer verifies no signature)",
        cogfed: "cogfed/jwks-request-start",
        peer: "oidc-client-ts/jwks-request-start",
    },
    Step {
        what: "code exchange starts (`POST /oauth2/token`)",
        cogfed: "cogfed/token-request-start",
        peer: "oidc-client-ts/token-request-start",
    },
    Step {
        what: "token response received",
        cogfed: "cogfed/token-response-end",
        peer: "oidc-client-ts/token-response-end",
    },
    Step {
        what: "signed in (cogfed: the session badge, after verification; oidc-client-ts: its own mark after \
               `signinCallback()` resolved and the claims were rendered)",
        cogfed: "cogfed/cogfed:signed-in",
        peer: "oidc-client-ts/peer:signed-in",
    },
    Step {
        what: "claims in the document (the harness's MutationObserver, same on both pages)",
        cogfed: "cogfed/cogfed:claims-shown",
        peer: "oidc-client-ts/observed:claims-shown",
    },
];

/// The headline: signed in with the claims shown.
const DONE: (&str, &str) = ("cogfed/cogfed:claims-shown", "oidc-client-ts/peer:signed-in");

fn cell(s: Option<Stats>) -> String {
    match s {
        Some(s) => format!("{:.0} / {:.0}", s.median, s.p90),
        None => "–".into(),
    }
}

/// Stats of `series`, or an error naming it (every run measures every series; a gap is a bench bug).
fn required(m: &Measured, series: &str, runs: usize) -> Result<Stats, String> {
    let samples = m.samples(series);
    if samples.len() != runs {
        return Err(format!(
            "latency: {} samples of {series}, expected {runs}",
            samples.len()
        ));
    }
    stats(samples).ok_or_else(|| format!("latency: no samples of {series}"))
}

/// Runs the comparison (`runs` counted runs per app after one warm-up round) and writes its table.
pub fn section(out: &mut String, summary: &mut Summary, runs: usize) -> Result<(), String> {
    let peer_label = OIDC_CLIENT_TS.label()?;
    let peer_dir = OIDC_CLIENT_TS.build()?;
    let m = browser::run(
        "latency",
        &[
            "--runs".into(),
            runs.to_string(),
            "--warmup".into(),
            "1".into(),
            "--peer".into(),
            peer_dir.display().to_string(),
        ],
    )?;
    let ours = required(&m, DONE.0, runs)?;
    let theirs = required(&m, DONE.1, runs)?;

    w!(out, "\n## Sign-in callback latency\n");
    w!(
        out,
        "From the navigation to the callback URL (`/callback?code=…&state=…`) until the app is signed in with \
         the claims shown, in the same headless Chromium (versions above); median / p90 of {runs} runs each, \
         in ms. Both apps against the same in-process Local Cognito.\n"
    );
    w!(
        out,
        "| step (ms since the navigation started: median / p90) | cogfed demo SPA | {peer_label} page |\n|---|---:|---:|"
    );
    for step in &STEPS {
        w!(
            out,
            "| {} | {} | {} |",
            step.what,
            cell(stats(m.samples(step.cogfed))),
            cell(stats(m.samples(step.peer)))
        );
    }
    let r = ratio(ours.median, theirs.median, "faster", "slower");
    w!(
        out,
        "| **signed in, claims shown** | **{:.0} / {:.0}** | **{:.0} / {:.0}** |\n",
        ours.median,
        ours.p90,
        theirs.median,
        theirs.p90
    );
    w!(
        out,
        "Medians compared: cogfed is **{r}** than oidc-client-ts; fastest and slowest runs: cogfed {:.0}–{:.0} ms, \
         oidc-client-ts {:.0}–{:.0} ms.\n",
        ours.min,
        ours.max,
        theirs.min,
        theirs.max
    );
    w!(
        out,
        "**Not the same work.** At the callback our SPA starts its wasm app with the settings in the page, \
         derives Cognito's endpoints (no discovery request), redeems the code with the PKCE verifier **while it \
         fetches the JWKS**, **verifies the RS256 signatures of the ID token and of Cognito's access token with \
         WebCrypto**, checks their claims (iss, sub, aud, azp, exp, nbf, iat, auth_time, nonce, at_hash, token_use; \
         client_id and scope for the access token), then renders the profile with the validation report (its \
         module fetched and compiled meanwhile). oidc-client-ts fetches the discovery document, redeems the code \
         with PKCE and decodes the ID token **without verifying its signature** (no JWKS fetch; by design, \
         peers.md §1a), then the page prints the claims.\n"
    );
    w!(
        out,
        "Method: each run starts a fresh Chromium profile, opens the app, signs in as alice at Local \
         Cognito's hosted UI, and lets the bench's static server answer the redirect with a placeholder page \
         so the code stays unspent; the browser goes to `about:blank`, then to the captured callback URL (the \
         tab keeps the transaction in its storage; the app's files are in the HTTP cache from the first visit, \
         as for a real user). Ours is timed by a MutationObserver the harness installs before any page \
         script (CDP `Page.addScriptToEvaluateOnNewDocument`), which makes the Performance API marks; the \
         oidc-client-ts page marks itself. The apps alternate run by run after one warm-up round; both are \
         served by the same static server with the same headers (Trunk.toml's CSP), and Local Cognito runs \
         in the bench process (dev profile, optimised dependencies)."
    );
    summary.row(
        "Sign-in callback, median (navigation to claims shown): demo SPA vs oidc-client-ts page \
         (we verify signatures, it does not)",
        format!("{:.0} ms", ours.median),
        format!("{:.0} ms", theirs.median),
        Some(r),
    );
    Ok(())
}

/// Runs of the cold-load comparison per app (issue 13: median of 10).
pub const COLD_RUNS: usize = 10;

/// The cold-load comparison: a first visit in a fresh profile until the sign-in button is in the document,
/// our SPA against the React + react-oidc-context peer app, alternating.
pub fn cold_load(out: &mut String, summary: &mut Summary, runs: usize) -> Result<(), String> {
    let peer_label = REACT_OIDC_CONTEXT.label()?;
    let peer_dir = REACT_OIDC_CONTEXT.build()?;
    let m = browser::run(
        "coldload",
        &[
            "--runs".into(),
            runs.to_string(),
            "--peer".into(),
            peer_dir.display().to_string(),
        ],
    )?;
    let ours = required(&m, "cogfed/button-visible", runs)?;
    let theirs = required(&m, "react-oidc-context/button-visible", runs)?;
    w!(
        out,
        "\n## Cold load: first visit until the sign-in button shows\n"
    );
    w!(
        out,
        "A first visit in a fresh Chromium profile (empty HTTP cache) to `/`, until the first sign-in button is \
         in the document (a MutationObserver the harness installs before any page script marks it, on both \
         pages); median / p90 of {runs} runs each, alternating, in ms. Both sites are served by the bench's \
         static server on loopback with the same headers.\n"
    );
    w!(
        out,
        "| step (ms since the navigation started: median / p90) | cogfed demo SPA | {peer_label} page |\n|---|---:|---:|"
    );
    for (what, series) in [
        ("app code received (the last JS or wasm response)", "code-fetched"),
        ("DOMContentLoaded", "dom-content-loaded"),
    ] {
        w!(
            out,
            "| {what} | {} | {} |",
            cell(stats(m.samples(&format!("cogfed/{series}")))),
            cell(stats(m.samples(&format!("react-oidc-context/{series}"))))
        );
    }
    w!(
        out,
        "| **sign-in button in the document** | **{:.0} / {:.0}** | **{:.0} / {:.0}** |\n",
        ours.median,
        ours.p90,
        theirs.median,
        theirs.p90
    );
    let r = ratio(ours.median, theirs.median, "faster", "slower");
    w!(out, "Medians compared: cogfed is **{r}** than the React peer.");
    summary.row(
        "Cold load, median (first visit, fresh profile, until the sign-in button shows): demo SPA vs React + \
         react-oidc-context app",
        format!("{:.0} ms", ours.median),
        format!("{:.0} ms", theirs.median),
        Some(r),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_names_both_apps_series() {
        for step in &STEPS {
            assert!(step.cogfed.starts_with("cogfed/"), "{}", step.cogfed);
            assert!(step.peer.starts_with("oidc-client-ts/"), "{}", step.peer);
        }
        assert!(STEPS.iter().any(|s| s.cogfed == DONE.0));
        assert!(STEPS.iter().any(|s| s.peer == DONE.1));
    }

    #[test]
    fn a_missing_run_is_an_error() {
        let m = browser::parse("sample\tcogfed/x\t1\nsample\tcogfed/x\t2\n").unwrap();
        assert_eq!(required(&m, "cogfed/x", 2).unwrap().median, 1.5);
        assert!(required(&m, "cogfed/x", 3).unwrap_err().contains("2 samples"));
        assert!(required(&m, "cogfed/y", 1).is_err());
        assert_eq!(cell(None), "–");
        assert_eq!(cell(stats(&[10.0, 20.0, 30.0])), "20 / 30");
    }
}
