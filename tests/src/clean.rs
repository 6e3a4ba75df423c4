//! What every flow must leave behind (issue 7): no token in localStorage, no authorization response in the
//! address bar, no console error. [`check_clean`] reports every violation; [`assert_clean`] fails on them.
//!
//! Tokens are recognised by shape, since the test never sees the real ones (they live in the app's memory):
//! - a JWT (JWS or JWE: `eyJ…` then at least two more dot-separated base64url parts), anywhere in a key or
//!   a value (security-checklist B2 item 10: never in localStorage);
//! - an opaque token such as a refresh token (Cognito's and Local Cognito's are 32 random bytes, base64url;
//!   oidc-provider's too): a base64url run of 32 characters or more that is not hexadecimal. The only
//!   identifiers cogfed writes to localStorage (the rotation ledger's session ids, lease owners) are hex.
//!
//! sessionStorage legitimately holds the pending transaction (state, nonce, PKCE verifier: opaque-looking),
//! so there only JWT-shaped strings count: under the default memory policy no token may be there either.

use crate::Browser;
use serde_json::Value;

/// Shortest run of base64url characters taken for an opaque token (32 random bytes encode to 43).
pub const OPAQUE_TOKEN_MIN_LEN: usize = 32;

/// Authorization-response parameters that must not stay in the address bar (RFC 9700 §4.2.4).
pub const RESPONSE_PARAMETERS: [&str; 7] = [
    "code",
    "state",
    "iss",
    "error",
    "error_description",
    "error_uri",
    "session_state",
];

fn is_base64url(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// A short, safe excerpt of a token for a failure message: enough to recognise it, not enough to use it.
fn excerpt(token: &str) -> String {
    let head: String = token.chars().take(12).collect();
    format!("{head}… ({} chars)", token.len())
}

/// Runs of base64url characters and dots: the candidates for tokens.
fn runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(is_base64url(c) || c == '.'))
        .filter(|run| !run.is_empty())
}

/// A JWS `h.p.s` or JWE `h.k.iv.c.t`: a JSON header (`eyJ…`) and at least two more parts.
fn is_jwt(run: &str) -> bool {
    let parts: Vec<&str> = run.split('.').collect();
    parts.len() >= 3
        && parts
            .first()
            .is_some_and(|h| h.starts_with("eyJ") && h.len() >= 10)
}

/// JWT-shaped strings in `text`, as excerpts.
pub fn jwts_in(text: &str) -> Vec<String> {
    runs(text).filter(|run| is_jwt(run)).map(excerpt).collect()
}

/// Opaque-token-shaped strings in `text` (see the module documentation), as excerpts. Parts of a JWT are
/// [`jwts_in`]'s, not counted again here.
pub fn opaque_tokens_in(text: &str) -> Vec<String> {
    runs(text)
        .filter(|run| !is_jwt(run))
        .flat_map(|run| run.split('.'))
        .filter(|part| part.len() >= OPAQUE_TOKEN_MIN_LEN)
        .filter(|part| !part.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
        .map(excerpt)
        .collect()
}

/// Every token-shaped string in localStorage entries `(key, value)`, each named by its key.
pub fn tokens_in_local_storage(entries: &[(String, String)]) -> Vec<String> {
    let mut found = vec![];
    for (key, value) in entries {
        for (part, text) in [("key", key), ("value", value)] {
            for t in jwts_in(text) {
                found.push(format!("localStorage[{key:?}] {part} holds a JWT {t}"));
            }
            for t in opaque_tokens_in(text) {
                found.push(format!("localStorage[{key:?}] {part} holds an opaque token {t}"));
            }
        }
    }
    found
}

/// JWT-shaped strings in sessionStorage entries `(key, value)`, each named by its key.
pub fn tokens_in_session_storage(entries: &[(String, String)]) -> Vec<String> {
    entries
        .iter()
        .flat_map(|(key, value)| {
            jwts_in(key)
                .into_iter()
                .chain(jwts_in(value))
                .map(move |t| format!("sessionStorage[{key:?}] holds a JWT {t}"))
        })
        .collect()
}

/// Authorization-response parameters left in `url`'s query or fragment.
pub fn response_left_in_url(url: &url::Url) -> Vec<String> {
    let mut found = vec![];
    let fragment_pairs = url
        .fragment()
        .map(|f| {
            url::form_urlencoded::parse(f.as_bytes())
                .into_owned()
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    for (place, pairs) in [
        ("query", url.query_pairs().into_owned().collect::<Vec<_>>()),
        ("fragment", fragment_pairs),
    ] {
        for (name, _) in pairs {
            if RESPONSE_PARAMETERS.contains(&name.as_str()) {
                found.push(format!(
                    "the URL's {place} still holds `{name}`: {}",
                    redacted(url)
                ));
            }
        }
    }
    found
}

/// `url` without its query and fragment values (a failure message must not print a code).
fn redacted(url: &url::Url) -> String {
    let mut shown = url.clone();
    shown.set_query(url.query().map(|_| "…"));
    shown.set_fragment(url.fragment().map(|_| "…"));
    shown.to_string()
}

async fn storage_entries(browser: &Browser, storage: &str) -> Vec<(String, String)> {
    let script = format!(
        "const s = window.{storage}; const out = []; \
         for (let i = 0; i < s.length; i++) {{ const k = s.key(i); out.push([k, s.getItem(k)]); }} return out;"
    );
    match browser.js(&script).await {
        Value::Array(rows) => rows
            .iter()
            .map(|row| {
                let text = |i: usize| row.get(i).and_then(Value::as_str).unwrap_or_default().to_string();
                (text(0), text(1))
            })
            .collect(),
        other => panic!("reading {storage}: {other}"),
    }
}

/// Every violation on the current page: tokens in localStorage (and JWTs in sessionStorage), response
/// parameters in the URL, console errors (SEVERE, CSP violations included) of the whole session.
pub async fn check_clean(browser: &mut Browser) -> Result<(), Vec<String>> {
    let mut problems = tokens_in_local_storage(&storage_entries(browser, "localStorage").await);
    problems.extend(tokens_in_session_storage(
        &storage_entries(browser, "sessionStorage").await,
    ));
    problems.extend(response_left_in_url(&browser.url().await));
    for e in browser.console_errors().await {
        problems.push(format!("console {}: {}", e.level, e.message));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Fails the test, listing them, if [`check_clean`] finds anything.
pub async fn assert_clean(browser: &mut Browser) {
    if let Err(problems) = check_clean(browser).await {
        panic!("the flow left traces behind:\n  {}", problems.join("\n  "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWS: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz";
    const JWE: &str = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.a2V5.aXY.Y2lwaGVy.dGFn";
    const REFRESH: &str = "Zm9vYmFyLXJlZnJlc2gtdG9rZW4tcmFuZG9tLWJ5dGVzLTEy";

    #[test]
    fn jwts_are_found_anywhere_in_a_text() {
        assert_eq!(jwts_in(JWS).len(), 1);
        assert_eq!(jwts_in(JWE).len(), 1, "a Cognito refresh token is a JWE");
        assert_eq!(jwts_in(&format!("{{\"id_token\":\"{JWS}\"}}")).len(), 1);
        assert!(jwts_in("cogfed.ledger.0123abcd 3 1700000000").is_empty());
        assert!(jwts_in("eyJ.not.a.token").is_empty(), "too short to be a header");
    }

    #[test]
    fn opaque_tokens_are_long_non_hex_base64url_runs() {
        assert_eq!(opaque_tokens_in(REFRESH).len(), 1);
        assert_eq!(opaque_tokens_in(&format!("rt={REFRESH};")).len(), 1);
        let session_id = "0123456789abcdef0123456789abcdef";
        assert!(opaque_tokens_in(&format!("cogfed.ledger.{session_id}")).is_empty());
        assert!(
            opaque_tokens_in("550e8400-e29b-41d4-a716-446655440000").is_empty(),
            "a UUID"
        );
        assert!(opaque_tokens_in("short-Value_1").is_empty());
    }

    #[test]
    fn local_storage_findings_name_the_key_and_never_print_the_token() {
        let entries = vec![
            (
                "cogfed.ledger.0123456789abcdef0123456789abcdef".to_string(),
                "2 1700000000".to_string(),
            ),
            ("innocent".to_string(), JWS.to_string()),
            (REFRESH.to_string(), "1".to_string()),
        ];
        let found = tokens_in_local_storage(&entries);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].contains("\"innocent\"") && found[0].contains("JWT"),
            "{found:#?}"
        );
        assert!(found[1].contains("key holds an opaque token"), "{found:#?}");
        assert!(
            found.iter().all(|f| !f.contains(&JWS[20..])),
            "a finding prints the token: {found:#?}"
        );
    }

    #[test]
    fn session_storage_may_hold_the_transaction_but_no_jwt() {
        let tx = format!("{{\"state\":\"{REFRESH}\",\"code_verifier\":\"{REFRESH}\"}}");
        assert!(tokens_in_session_storage(&[("cogfed.tx.s".into(), tx)]).is_empty());
        assert_eq!(tokens_in_session_storage(&[("t".into(), JWS.into())]).len(), 1);
    }

    #[test]
    fn response_parameters_in_query_or_fragment_are_found() {
        let url = |s: &str| url::Url::parse(s).expect("url");
        assert!(response_left_in_url(&url("http://127.0.0.1:1/profile")).is_empty());
        assert!(response_left_in_url(&url("http://127.0.0.1:1/checker#cfg=zabc")).is_empty());
        let found = response_left_in_url(&url("http://127.0.0.1:1/callback?code=secret-code&state=s"));
        assert_eq!(found.len(), 2);
        assert!(!found[0].contains("secret-code"), "{found:#?}");
        assert_eq!(
            response_left_in_url(&url("http://127.0.0.1:1/cb#error=x&iss=y")).len(),
            2
        );
    }
}
