//! Rules whose two sides come from different files (the fixture harness reads one file at a time): a Pomerium
//! env file or a FusionAuth identity provider against the manifest that defines their app client, and
//! CloudFormation clients (whose ids Cognito assigns at deploy time) against the SPA settings.

use cogfed_lint::{LintOptions, SourceFile, lint, load};

/// (rule, file, line, column) of every finding of the rules in `rules`.
fn findings(files: &[(&str, &str)], rules: &[&str]) -> Vec<(String, String, usize, usize)> {
    let loaded = load(files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect())
        .unwrap_or_else(|e| panic!("{e:?}"));
    let report = lint(&loaded, &LintOptions::default()).unwrap_or_else(|e| panic!("{e:?}"));
    report
        .findings
        .iter()
        .filter(|f| rules.contains(&f.rule))
        .map(|f| {
            let p = loaded.sources.position(f.loc.file, f.loc.span.start);
            (
                f.rule.to_string(),
                loaded.sources.name(f.loc.file).to_string(),
                p.line,
                p.column,
            )
        })
        .collect()
}

fn at(rule: &str, file: &str, line: usize, column: usize) -> (String, String, usize, usize) {
    (rule.to_string(), file.to_string(), line, column)
}

const POMERIUM_CLIENT: &str = r#"version = 1

[[clients]]
client_id = "pomerium"
client_name = "pomerium"
generate_secret = true
allowed_oauth_flows_user_pool_client = true
allowed_oauth_flows = ["code"]
allowed_oauth_scopes = ["openid", "email"]
callback_urls = ["https://authenticate.corp.io/oauth2/callback/"]
"#;

#[test]
fn pomerium_env_against_its_client() {
    // No IDP_CLIENT_SECRET, a scope the client does not allow, and a callback that differs by a slash.
    let env = "IDP_PROVIDER=\"oidc\"\nIDP_PROVIDER_URL=\"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE12\"\n\
               IDP_CLIENT_ID=\"pomerium\"\nIDP_SCOPES=\"openid,email,profile\"\n\
               AUTHENTICATE_SERVICE_URL=\"https://authenticate.corp.io\"\n";
    let rules = [
        "rp-client-auth-mismatch",
        "scope-not-allowed",
        "rp-callback-not-registered",
        "spa-client-unknown",
    ];
    let got = findings(&[("cogfed.toml", POMERIUM_CLIENT), ("pomerium.env", env)], &rules);
    assert_eq!(
        got,
        [
            at("rp-client-auth-mismatch", "pomerium.env", 1, 1),
            at("scope-not-allowed", "pomerium.env", 4, 26),
            at("rp-callback-not-registered", "pomerium.env", 5, 26),
        ]
    );

    // The same Pomerium with its secret, the scope allowed and the exact callback: nothing to report.
    let fixed_client = POMERIUM_CLIENT
        .replace("[\"openid\", \"email\"]", "[\"openid\", \"email\", \"profile\"]")
        .replace("/oauth2/callback/", "/oauth2/callback");
    let fixed_env = format!("{env}IDP_CLIENT_SECRET=\"s3cret\"\n");
    assert_eq!(
        findings(
            &[("cogfed.toml", &fixed_client), ("pomerium.env", &fixed_env)],
            &rules
        ),
        []
    );
}

#[test]
fn fusionauth_basic_auth_against_a_public_client() {
    let manifest = "version = 1\n[[clients]]\nclient_id = \"fusionauth\"\nallowed_oauth_flows = [\"code\"]\n\
                    callback_urls = [\"https://login.corp.io/oauth2/callback\"]\n";
    let idp = r#"{"identityProvider": {"type": "OpenIDConnect", "name": "Cognito",
  "oauth2": {"client_id": "fusionauth", "client_secret": "secret",
             "clientAuthenticationMethod": "client_secret_basic",
             "issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE12",
             "scope": "openid email"}}}"#;
    assert_eq!(
        findings(
            &[("cogfed.toml", manifest), ("fusionauth.json", idp)],
            &["rp-client-auth-mismatch"]
        ),
        [at("rp-client-auth-mismatch", "fusionauth.json", 3, 44)]
    );
}

const TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_ExAmPlE12
      ClientName: web-app
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      CallbackURLs: [https://app.corp.io/callback]
"#;

#[test]
fn spa_client_ids_against_a_template() {
    // CloudFormation clients have no id before deployment: a real-looking id cannot be judged ...
    let by_id = "version = 1\n[spa]\nclient_id = \"7lhdbv12q1ud9rgg7g779u8va7\"\n";
    assert_eq!(
        findings(
            &[("template.yaml", TEMPLATE), ("spa.toml", by_id)],
            &["spa-client-unknown"]
        ),
        []
    );
    // ... but a near miss of a client name is a typo.
    let typo = "version = 1\n[spa]\nclient_id = \"web-ap\"\n";
    assert_eq!(
        findings(
            &[("template.yaml", TEMPLATE), ("spa.toml", typo)],
            &["spa-client-unknown"]
        ),
        [at("spa-client-unknown", "spa.toml", 3, 13)]
    );
    // Naming the template's client by its name links the SPA to it, so its checks run.
    let by_name = "version = 1\n[spa]\nclient_id = \"web-app\"\nscopes = [\"openid\"]\n";
    assert_eq!(
        findings(
            &[("template.yaml", TEMPLATE), ("spa.toml", by_name)],
            &["spa-client-unknown", "scope-not-allowed"]
        ),
        [at("scope-not-allowed", "spa.toml", 4, 11)]
    );
}
