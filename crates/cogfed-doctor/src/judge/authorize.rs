//! The hosted UI's answer to an unauthenticated `GET /oauth2/authorize` (redirects not followed), cognito-facts
//! §1.1: a registered client and `redirect_uri` go to the sign-in page (`/login`) or, with `identity_provider`,
//! straight to the IdP; an unknown client or unregistered `redirect_uri` go to Cognito's own
//! `/error?error=redirect_mismatch`; other problems go back to the app with `?error=` or show an error page.

use crate::http::Response;
use crate::plan::{AuthorizeProbe, IdpTarget};
use crate::rules::LiveRule;
use crate::url::{origin, query_param, resolve, without_query};
use cogfed_lint::Finding;

/// What the hosted UI answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The sign-in page (a redirect to it on the hosted UI, or the page itself): client and redirect URI are
    /// registered.
    SignIn,
    /// A redirect off the hosted UI (an IdP), to this absolute URL.
    Elsewhere(String),
    /// Cognito's error page (`/error?error=...`).
    ErrorPage {
        /// `error`.
        error: String,
    },
    /// A redirect back to the app's `redirect_uri` with `error`.
    AppError {
        /// `error`.
        error: String,
        /// `error_description`.
        description: Option<String>,
    },
    /// "Login option is not available. Please try another one" (cognito-facts §8.A4).
    LoginOptionUnavailable,
    /// Anything else.
    Unexpected {
        /// Status code.
        status: u16,
    },
}

/// Classifies the answer `resp` to the probe made at `probe_url` with `redirect_uri`.
pub fn classify(probe_url: &str, redirect_uri: &str, resp: &Response) -> Answer {
    if (300..400).contains(&resp.status) {
        let Some(location) = resp.location.as_deref() else {
            return Answer::Unexpected { status: resp.status };
        };
        let target = resolve(probe_url, location);
        let to_app = target
            .strip_prefix(redirect_uri)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['?', '#', '&']));
        if to_app {
            return match query_param(&target, "error") {
                Some(error) => Answer::AppError {
                    error,
                    description: query_param(&target, "error_description"),
                },
                None => Answer::SignIn,
            };
        }
        if origin(&target) == origin(probe_url) {
            if without_query(&target).ends_with("/error") {
                return Answer::ErrorPage {
                    error: query_param(&target, "error").unwrap_or_default(),
                };
            }
            return Answer::SignIn;
        }
        return Answer::Elsewhere(target);
    }
    if resp.status == 200 {
        return Answer::SignIn;
    }
    if String::from_utf8_lossy(&resp.body).contains("Login option is not available") {
        return Answer::LoginOptionUnavailable;
    }
    Answer::Unexpected { status: resp.status }
}

/// Judges the answer to probe `p` (made at `url`). A redirect to an IdP is judged by [`judge_federation`].
pub fn judge_answer(p: &AuthorizeProbe, url: &str, answer: &Answer) -> Vec<Finding> {
    let redirect = p.redirect_uri.as_str().unwrap_or_default();
    let client = &p.client_id;
    let at = &p.redirect_uri.loc;
    let via = match &p.identity_provider {
        Some(idp) => format!(" with identity_provider `{idp}`"),
        None => String::new(),
    };
    let note = format!("GET {url} (redirects not followed)");
    let refused = |message: String, help: &str| {
        vec![
            LiveRule::AuthorizeError
                .at(at, message)
                .help(help)
                .note(note.clone()),
        ]
    };
    match answer {
        Answer::SignIn => match (&p.identity_provider, p.idp) {
            (Some(idp), Some(_)) => vec![
                LiveRule::FederationRedirect
                    .at(
                        at,
                        format!("the hosted UI shows its sign-in page for {}'s redirect URI{via} instead of going straight to `{idp}`", p.who),
                    )
                    .help("with identity_provider, Cognito redirects straight to the IdP (cognito-facts §1.1): check the IdP's name and type")
                    .note(note),
            ],
            _ => Vec::new(),
        },
        Answer::Elsewhere(_) => Vec::new(),
        Answer::ErrorPage { error } if error == "redirect_mismatch" => vec![
            LiveRule::RedirectMismatch
                .at(
                    at,
                    format!(
                        "the hosted UI answers redirect_mismatch for {}'s redirect URI `{redirect}` with app client `{client}`: the client does not list it (or the client does not exist)",
                        p.who
                    ),
                )
                .help(format!("add exactly `{redirect}` to the app client's callback URLs, or send one it lists"))
                .note("Cognito compares redirect_uri with CallbackURLs byte for byte and shows its own error page, never the app (cognito-facts §1.1, §8.A1)")
                .note(note),
        ],
        Answer::ErrorPage { error } => refused(
            format!("the hosted UI shows its error page (error=`{error}`) for {}'s redirect URI{via} with app client `{client}`", p.who),
            "enable OAuth on the app client (AllowedOAuthFlowsUserPoolClient) and allow the code flow (cognito-facts §8.A2)",
        ),
        Answer::AppError { error: e, description } => {
            let detail = description
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            refused(
                format!(
                    "the hosted UI sends {}'s authorize request{via} back to the app with error=`{e}`{detail}",
                    p.who
                ),
                "allow the code flow and the scopes the app needs on the app client (cognito-facts §8.A2, §8.A3)",
            )
        }
        Answer::LoginOptionUnavailable => refused(
            format!(
                "the hosted UI answers \"Login option is not available\" for {}'s authorize request{via}: app client `{client}` does not support it",
                p.who
            ),
            "list the identity provider, spelt exactly as in the pool, in the client's SupportedIdentityProviders (cognito-facts §8.A4)",
        ),
        Answer::Unexpected { status } => refused(
            format!(
                "the hosted UI answers {}'s authorize request{via} with HTTP {status}, neither the sign-in page nor an error page",
                p.who
            ),
            "check that the domain is the pool's hosted-UI domain (--domain)",
        ),
    }
}

/// Judges the redirect to the IdP (`location`, absolute) that probe `p` with `identity_provider` got, against
/// the IdP's discovered `authorization_endpoint` and the identity provider's configuration.
pub fn judge_federation(
    p: &AuthorizeProbe,
    idp: &IdpTarget,
    discovered_authorize: Option<&str>,
    location: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let label = &idp.label;
    // Each mismatch points at the setting it contradicts; the probe is in the notes.
    let mismatch = |at: &cogfed_lint::de::Loc, what: String, help: String| {
        LiveRule::FederationRedirect
            .at(at, format!("the hosted UI's redirect to {label} {what}"))
            .help(help)
            .note(format!(
                "probed with {}'s redirect URI and identity_provider `{}`; Location: {location}",
                p.who,
                p.identity_provider.as_deref().unwrap_or_default()
            ))
    };
    let endpoint = without_query(location);
    if let Some(d) = discovered_authorize
        && endpoint != d
    {
        let at = idp
            .manual("authorization_endpoint")
            .map_or(&idp.issuer.loc, |m| &m.value.loc);
        out.push(mismatch(
            at,
            format!("goes to `{endpoint}`, not the IdP's authorization_endpoint `{d}`"),
            "make the pool use the IdP's discovered endpoints (drop or fix provider_details.authorize_url)"
                .into(),
        ));
    }
    let expected_callback = format!("{}/oauth2/idpresponse", p.base);
    match query_param(location, "redirect_uri") {
        Some(r) if r == expected_callback => {}
        got => out.push(mismatch(
            &idp.issuer.loc,
            format!(
                "has redirect_uri {}, not `{expected_callback}`",
                got.map_or("missing".to_owned(), |r| format!("`{r}`"))
            ),
            format!("register `{expected_callback}` at the IdP (cognito-facts §1.6) and check the domain"),
        )),
    }
    if let Some(want) = &idp.client_id
        && let Some(want_id) = want.as_str()
    {
        match query_param(location, "client_id") {
            Some(c) if c == want_id => {}
            got => out.push(mismatch(
                &want.loc,
                format!(
                    "sends client_id {}, while the files configure `{want_id}`",
                    got.map_or("none".to_owned(), |c| format!("`{c}`"))
                ),
                "update the identity provider in the pool, or the files, so both name the IdP's client id"
                    .into(),
            )),
        }
    }
    if query_param(location, "response_type").as_deref() != Some("code") {
        out.push(mismatch(
            &idp.issuer.loc,
            "does not ask for response_type=code".into(),
            "Cognito federates with the code flow (cognito-facts §1.6)".into(),
        ));
    }
    if let Some(scopes) = &idp.scopes {
        let mut want = idp.scope_list();
        let mut got: Vec<String> = query_param(location, "scope")
            .unwrap_or_default()
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        want.sort();
        got.sort();
        if want != got {
            out.push(mismatch(
                &scopes.loc,
                format!(
                    "requests scope `{}`, not authorize_scopes `{}`",
                    got.join(" "),
                    want.join(" ")
                ),
                "update authorize_scopes in the pool, or the files, so both say the same".into(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, location: Option<&str>, body: &str) -> Response {
        Response {
            status,
            location: location.map(str::to_owned),
            content_type: None,
            body: body.as_bytes().to_vec(),
        }
    }

    const PROBE: &str =
        "https://auth.example.com/oauth2/authorize?client_id=c&redirect_uri=https%3A%2F%2Fapp%2Fcb";
    const APP: &str = "https://app/cb";

    #[test]
    fn answers_are_classified_as_cognito_gives_them() {
        assert_eq!(
            classify(PROBE, APP, &resp(302, Some("/login?client_id=c"), "")),
            Answer::SignIn
        );
        assert_eq!(
            classify(
                PROBE,
                APP,
                &resp(302, Some("https://auth.example.com/login?x"), "")
            ),
            Answer::SignIn
        );
        assert_eq!(classify(PROBE, APP, &resp(200, None, "<form>")), Answer::SignIn);
        assert_eq!(
            classify(
                PROBE,
                APP,
                &resp(302, Some("/error?error=redirect_mismatch&client_id=c"), "")
            ),
            Answer::ErrorPage {
                error: "redirect_mismatch".into()
            }
        );
        assert_eq!(
            classify(
                PROBE,
                APP,
                &resp(
                    302,
                    Some("https://app/cb?error_description=invalid_scope&state=s&error=invalid_request"),
                    ""
                )
            ),
            Answer::AppError {
                error: "invalid_request".into(),
                description: Some("invalid_scope".into())
            }
        );
        assert_eq!(
            classify(
                PROBE,
                APP,
                &resp(302, Some("https://idp.example.com/authorize?x=1"), "")
            ),
            Answer::Elsewhere("https://idp.example.com/authorize?x=1".into())
        );
        // An app URL that merely starts like the redirect URI is not the app.
        assert_eq!(
            classify(PROBE, APP, &resp(302, Some("https://app/cb2?error=x"), "")),
            Answer::Elsewhere("https://app/cb2?error=x".into())
        );
        assert_eq!(
            classify(
                PROBE,
                APP,
                &resp(400, None, "Login option is not available. Please try another one")
            ),
            Answer::LoginOptionUnavailable
        );
        assert_eq!(
            classify(PROBE, APP, &resp(302, None, "")),
            Answer::Unexpected { status: 302 }
        );
        assert_eq!(
            classify(PROBE, APP, &resp(500, None, "oops")),
            Answer::Unexpected { status: 500 }
        );
    }

    fn probe(idp: Option<(&str, Option<usize>)>) -> AuthorizeProbe {
        AuthorizeProbe {
            base: "https://auth.example.com".into(),
            client_id: "c".into(),
            who: "the SPA".into(),
            redirect_uri: cogfed_lint::de::Located::known(Default::default(), APP.to_owned()),
            identity_provider: idp.map(|(n, _)| n.to_owned()),
            idp: idp.and_then(|(_, i)| i),
        }
    }

    fn rules_of(p: &AuthorizeProbe, a: Answer) -> Vec<&'static str> {
        judge_answer(p, PROBE, &a).iter().map(|f| f.rule).collect()
    }

    #[test]
    fn each_answer_has_its_rule() {
        let plain = probe(None);
        assert!(rules_of(&plain, Answer::SignIn).is_empty());
        assert!(rules_of(&plain, Answer::Elsewhere("https://idp/a".into())).is_empty());
        let mismatch = Answer::ErrorPage {
            error: "redirect_mismatch".into(),
        };
        assert_eq!(rules_of(&plain, mismatch), ["live-redirect-mismatch"]);
        let other = Answer::ErrorPage {
            error: "unauthorized_client".into(),
        };
        assert_eq!(rules_of(&plain, other), ["live-authorize-error"]);
        let app = Answer::AppError {
            error: "invalid_request".into(),
            description: Some("invalid_scope".into()),
        };
        assert_eq!(rules_of(&plain, app), ["live-authorize-error"]);
        assert_eq!(
            rules_of(&plain, Answer::LoginOptionUnavailable),
            ["live-authorize-error"]
        );
        assert_eq!(
            rules_of(&plain, Answer::Unexpected { status: 500 }),
            ["live-authorize-error"]
        );
        // With identity_provider of a checked OIDC IdP, the sign-in page is not where Cognito should go.
        assert_eq!(
            rules_of(&probe(Some(("Corp", Some(0)))), Answer::SignIn),
            ["live-federation-redirect"]
        );
        assert!(rules_of(&probe(Some(("COGNITO", None))), Answer::SignIn).is_empty());
    }
}
