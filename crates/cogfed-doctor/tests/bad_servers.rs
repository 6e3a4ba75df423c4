//! What Local Cognito never answers, from canned loopback servers: a broken IdP discovery document and JWKS, a
//! pool whose discovery disagrees with it, documents that are missing or not JSON, and the network failing
//! (refused, silent, not TLS, too large). Plus the manners: a plain-http URL off loopback is refused without a
//! request, and the cap per run holds. Every finding pinned.

mod common;

use cogfed_doctor::http::{Failure, Manners, MannersConfig, Response, Silent, Transport};
use cogfed_doctor::native::SystemClock;
use cogfed_doctor::plan::{IssuerFlag, Overrides, plan};
use cogfed_lint::de::{Loc, Located};
use common::{Canned, Row, canned, doctor, find, loaded, places, quick};
use serde_json::json;
use std::time::Duration;

/// A base64url RSA modulus of `bits` bits.
fn modulus(bits: usize) -> String {
    let mut bytes = vec![0xc5u8; bits / 8];
    bytes[0] = 0xff;
    cogfed_auth::base64url::encode(&bytes)
}

fn rsa(kid: Option<&str>, bits: usize) -> serde_json::Value {
    let mut k = json!({"kty": "RSA", "n": modulus(bits), "e": "AQAB", "use": "sig"});
    if let Some(kid) = kid {
        k["kid"] = json!(kid);
    }
    k
}

/// An IdP manifest around issuer `issuer`, with a manual authorize_url.
fn idp_manifest(issuer: &str) -> String {
    format!(
        r#"version = 1

[[identity_providers]]
provider_name = "Broken"
provider_type = "OIDC"
attribute_mapping = {{ email = "email", name = "full_name" }}

[identity_providers.provider_details]
client_id = "cognito"
authorize_scopes = "openid email profile"
authorize_url = "{issuer}/oauth/authorize"
oidc_issuer = "{issuer}"
"#
    )
}

#[test]
fn a_broken_idp_discovery_and_jwks_are_each_reported() {
    let (_rt, base) = canned(|base| {
        vec![
            (
                "/.well-known/openid-configuration",
                Canned::json(json!({
                    "issuer": format!("{base}/tenant"),
                    "authorization_endpoint": format!("{base}/authorize"),
                    "token_endpoint": "http://idp.example.com/token",
                    "jwks_uri": format!("{base}/jwks"),
                    "response_types_supported": ["id_token", "id_token token"],
                    "scopes_supported": ["openid", "email"],
                    "claims_supported": ["sub", "email", "name"],
                    "id_token_signing_alg_values_supported": ["EdDSA"],
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                    "userinfo_encryption_alg_values_supported": ["RSA-OAEP"],
                })),
            ),
            (
                "/jwks",
                Canned::json(json!({"keys": [
                    rsa(Some("a"), 2048),
                    rsa(Some("a"), 2048),
                    rsa(None, 2048),
                    rsa(Some("small"), 1024),
                    {"kty": "RSA", "kid": "broken", "e": "AQAB"},
                ]})),
            ),
        ]
    });
    let m = idp_manifest(&base);
    let rows = doctor(&loaded("idp.toml", &m), &Overrides::default(), quick());
    let issuer = find(&m, &format!("\"{base}\""));
    let mut want = vec![
        ("live-idp-issuer-mismatch", issuer),
        ("live-idp-endpoint-missing", issuer),
        ("live-idp-endpoint-not-https", issuer),
        (
            "live-idp-manual-endpoint-differs",
            find(&m, &format!("\"{base}/oauth/authorize\"")),
        ),
        ("live-idp-response-type", issuer),
        ("live-idp-scope-unsupported", find(&m, "\"openid email profile\"")),
        ("live-idp-claim-unsupported", find(&m, "\"full_name\"")),
        ("live-idp-signing-alg", issuer),
        ("live-idp-userinfo-signed", issuer),
        ("live-jwks-kid", issuer),
        ("live-jwks-kid", issuer),
        ("live-jwks-weak-key", issuer),
        ("live-jwks-invalid", issuer),
    ]
    .into_iter()
    .map(|(r, (l, c))| (r, l, c))
    .collect::<Vec<_>>();
    want.sort();
    assert_eq!(places(&rows), want, "{rows:#?}");
    let all: String = rows.iter().map(|r| format!("{}\n", r.message)).collect();
    for part in [
        &format!("is `{base}/tenant`, not the configured oidc_issuer `{base}`"),
        "has no `userinfo_endpoint`",
        "`token_endpoint` of identity provider `Broken` is not HTTPS: `http://idp.example.com/token`",
        &format!("authorize_url `{base}/oauth/authorize` of identity provider `Broken` differs"),
        "supports response types `id_token` and `id_token token` but not `code`",
        "does not list `profile` in scopes_supported",
        "reads claim `full_name` for `name`",
        "signs ID tokens with `EdDSA` only",
        "advertises `userinfo_encryption_alg_values_supported`",
        "has 2 keys with kid `a`",
        "has a key without `kid` (key #3)",
        "has an RSA key `small` of 1024 bits, under 2048",
        "has an RSA key `broken` without `n` or `e`",
    ] {
        assert!(all.contains(part), "{part:?} not in\n{all}");
    }
}

#[test]
fn documents_that_are_missing_not_json_or_silent_about_auth_methods() {
    let (_rt, base) = canned(|base| {
        let html = Canned {
            status: 200,
            content_type: "text/html",
            body: "<!doctype html><title>Sign in</title>".into(),
        };
        vec![
            ("/html/.well-known/openid-configuration", html),
            (
                "/quiet/.well-known/openid-configuration",
                Canned::json(json!({
                    "issuer": format!("{base}/quiet"),
                    "authorization_endpoint": format!("{base}/quiet/authorize"),
                    "token_endpoint": format!("{base}/quiet/token"),
                    "userinfo_endpoint": format!("{base}/quiet/userinfo"),
                    "jwks_uri": format!("{base}/quiet/jwks"),
                    "response_types_supported": ["code"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                })),
            ),
            (
                "/quiet/jwks",
                Canned {
                    status: 200,
                    content_type: "application/json",
                    body: "{\"keys\": [".into(),
                },
            ),
        ]
    });
    let m = format!(
        "version = 1\n\n[[identity_providers]]\nprovider_name = \"Missing\"\nprovider_details = {{ oidc_issuer = \"{base}/missing\" }}\n\n\
         [[identity_providers]]\nprovider_name = \"Html\"\nprovider_details = {{ oidc_issuer = \"{base}/html\" }}\n\n\
         [[identity_providers]]\nprovider_name = \"Quiet\"\nprovider_details = {{ oidc_issuer = \"{base}/quiet\" }}\n"
    );
    let rows = doctor(&loaded("docs.toml", &m), &Overrides::default(), quick());
    let at = |path: &str| find(&m, &format!("\"{base}/{path}\""));
    let mut want = vec![
        ("live-http-status", at("missing")),
        ("live-not-json", at("html")),
        ("live-not-checked", at("quiet")),
        ("live-jwks-invalid", at("quiet")),
    ]
    .into_iter()
    .map(|(r, (l, c))| (r, l, c))
    .collect::<Vec<_>>();
    want.sort();
    assert_eq!(places(&rows), want, "{rows:#?}");
    let all: String = rows.iter().map(|r| format!("{}\n", r.message)).collect();
    assert!(all.contains("answers HTTP 404"), "{all}");
    assert!(
        all.contains("is not JSON") && all.contains("(Content-Type text/html)"),
        "{all}"
    );
    assert!(
        all.contains("has no token_endpoint_auth_methods_supported"),
        "{all}"
    );
    assert!(
        all.contains("the JWKS of identity provider `Quiet` is not a usable key set"),
        "{all}"
    );
}

#[test]
fn a_pool_whose_discovery_disagrees_with_its_id_and_domain() {
    // The pool at a canned issuer base: its document names another issuer, a JWKS elsewhere, and a hosted UI on
    // a domain the files do not name.
    let (_rt, base) = canned(|base| {
        vec![
            (
                "/us-east-1_PooL1/.well-known/openid-configuration",
                Canned::json(json!({
                    "issuer": "https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_PooL1",
                    "jwks_uri": format!("{base}/keys.json"),
                    "authorization_endpoint": "https://auth.example.com/oauth2/authorize",
                })),
            ),
            (
                "/keys.json",
                Canned::json(json!({"keys": [rsa(Some("id"), 2048), rsa(Some("access"), 2048)]})),
            ),
        ]
    });
    let m = "version = 1\n[user_pool]\nid = \"us-east-1_PooL1\"\n\n[spa]\ndomain = \"myapp.auth.us-east-1.amazoncognito.com\"\n";
    let overrides = Overrides {
        issuer_base: Some(Located::known(Loc::default(), base.clone())),
        ..Overrides::default()
    };
    let rows = doctor(&loaded("pool.toml", m), &overrides, quick());
    let id = find(m, "\"us-east-1_PooL1\"");
    assert_eq!(
        places(&rows),
        vec![
            ("live-pool-discovery-inconsistent", id.0, id.1),
            ("live-pool-discovery-inconsistent", id.0, id.1),
            ("live-pool-issuer-mismatch", id.0, id.1),
        ],
        "{rows:#?}"
    );
    let all: String = rows.iter().map(|r| format!("{}\n", r.message)).collect();
    assert!(all.contains(&format!(
        "names the JWKS `{base}/keys.json`, not `{base}/us-east-1_PooL1/.well-known/jwks.json`"
    )));
    assert!(
        all.contains("sends users to `https://auth.example.com/oauth2/authorize`, on none of the domains")
    );
    assert!(all.contains(&format!("issuer is `https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_PooL1`, not `{base}/us-east-1_PooL1`")));
}

/// `--issuer URL` alone, the way `cogfed doctor --issuer URL` runs.
fn issuer_flag(url: &str) -> Overrides {
    Overrides {
        issuer: Some(IssuerFlag {
            issuer: Located::known(Loc::default(), url.to_owned()),
            provider_name: None,
        }),
        ..Overrides::default()
    }
}

fn one(rows: &[Row]) -> &Row {
    assert_eq!(rows.len(), 1, "{rows:#?}");
    &rows[0]
}

#[test]
fn network_failures_are_findings_with_the_url() {
    let empty = cogfed_lint::Loaded::default();
    // Refused: a port nobody listens on any more.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let r = doctor(&empty, &issuer_flag(&format!("http://127.0.0.1:{port}")), quick());
    assert_eq!(one(&r).rule, "live-unreachable");
    assert!(
        r[0].message.contains(&format!(
            "`http://127.0.0.1:{port}/.well-known/openid-configuration`: connection error"
        )),
        "{r:#?}"
    );

    // Silent: accepts, never answers; the timeout ends it.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", silent.local_addr().expect("addr"));
    let config = MannersConfig {
        timeout: Duration::from_millis(300),
        ..quick()
    };
    let r = doctor(&empty, &issuer_flag(&url), config);
    assert!(one(&r).message.contains(": timeout error:"), "{r:#?}");
    drop(silent);

    // Not TLS: https to a plain-HTTP server.
    let (_rt, base) = canned(|_| {
        vec![(
            "/big/.well-known/openid-configuration",
            Canned {
                status: 200,
                content_type: "application/json",
                body: format!("{{\"pad\": \"{}\"}}", "x".repeat(2048)),
            },
        )]
    });
    let tls = base.replace("http://", "https://");
    let r = doctor(&empty, &issuer_flag(&tls), quick());
    assert_eq!(one(&r).rule, "live-unreachable");
    assert!(r[0].message.contains(": TLS error:"), "{r:#?}");

    // Too large for the cap.
    let config = MannersConfig {
        max_body: 1024,
        ..quick()
    };
    let r = doctor(&empty, &issuer_flag(&format!("{base}/big")), config);
    assert!(
        one(&r)
            .message
            .contains(": too large error: the body is larger than 1024 bytes"),
        "{r:#?}"
    );
}

/// A transport that fails the test if anything is requested.
struct NoNetwork;

impl Transport for NoNetwork {
    fn get(&mut self, url: &str, _: Duration, _: usize) -> Result<Response, Failure> {
        panic!("the manners let {url} through");
    }
}

#[test]
fn plain_http_off_loopback_is_refused_without_a_request() {
    let m = "version = 1\n[[identity_providers]]\nprovider_name = \"Corp\"\nprovider_details = { oidc_issuer = \"http://idp.example.com\" }\n";
    let l = loaded("http.toml", m);
    let p = plan(&l.integration, &issuer_flag("http://login.example.org/tenant"));
    let mut silent = Silent;
    let mut http = Manners::new(NoNetwork, SystemClock::default(), quick(), &mut silent);
    let findings = cogfed_doctor::run::run(&p, &mut http);
    let rows = common::rows(&l, &findings);
    let at = find(m, "\"http://idp.example.com\"");
    assert_eq!(
        places(&rows),
        vec![("live-fetch-refused", 1, 1), ("live-fetch-refused", at.0, at.1)],
        "{rows:#?}"
    );
    assert!(rows.iter().all(|r| r.message.contains("HTTPS is required")));
    assert_eq!(http.made(), 0);
}

#[test]
fn the_cap_per_run_holds() {
    let (_rt, base) = canned(|_| vec![]);
    let m = format!(
        "version = 1\n[[identity_providers]]\nprovider_name = \"A\"\nprovider_details = {{ oidc_issuer = \"{base}/a\" }}\n\
         [[identity_providers]]\nprovider_name = \"B\"\nprovider_details = {{ oidc_issuer = \"{base}/b\" }}\n"
    );
    let config = MannersConfig {
        max_requests: 1,
        ..quick()
    };
    let rows = doctor(&loaded("cap.toml", &m), &Overrides::default(), config);
    let rules: Vec<&str> = rows.iter().map(|r| r.rule).collect();
    assert_eq!(rules, ["live-http-status", "live-request-budget"], "{rows:#?}");
    assert!(rows[1].message.contains("the run made its 1 requests"));
}
