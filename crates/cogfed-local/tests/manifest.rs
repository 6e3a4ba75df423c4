//! The manifest `cogfed lint` reads configures Local Cognito: the demo is examples/local-demo.toml, a manifest
//! drives a real sign-in, and bad manifests fail naming the field.

mod common;

use cogfed_lint::de::{known, known_str};
use cogfed_lint::model::TokenKind;
use cogfed_local::{DEMO_MANIFEST, LocalConfig, ManifestPorts, Ports, ServedUrls, bind};
use common::*;
use std::path::Path;

/// Issue 15: the demo's Cognito side as Terraform (examples/local-demo-terraform: the configuration, its
/// `terraform output -json`, a `.tfvars` for the upstream secret, and a manifest for what Terraform does not
/// describe) configures the same Local Cognito as the built-in demo.
#[test]
fn the_demo_as_terraform_is_the_built_in_demo() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/local-demo-terraform");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("examples/local-demo-terraform")
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "local.toml",
            "main.tf",
            "terraform-output.json",
            "terraform.tfvars"
        ]
    );
    let read = |names: &[&String]| -> Vec<cogfed_lint::SourceFile> {
        names
            .iter()
            .map(|n| {
                cogfed_lint::SourceFile::new(
                    format!("local-demo-terraform/{n}"),
                    std::fs::read_to_string(dir.join(n)).unwrap(),
                )
            })
            .collect()
    };
    let all: Vec<&String> = names.iter().collect();
    let from_terraform = LocalConfig::load_files(read(&all)).expect("the folder loads");
    let built_in = LocalConfig::demo();
    let urls = ServedUrls {
        cognito_base: "http://127.0.0.1:9229".into(),
        upstream_base: "http://127.0.0.1:9230".into(),
    };
    assert_eq!(from_terraform.ports(), built_in.ports());
    assert_eq!(
        from_terraform.idp_issuers(&urls).expect("served"),
        built_in.idp_issuers(&urls).expect("served")
    );
    assert_eq!(from_terraform.issuer_base(&urls), built_in.issuer_base(&urls));
    let (tf, demo) = (from_terraform.integration(), built_in.integration());
    let pool_id = |i: &cogfed_lint::model::Integration| {
        i.user_pool
            .as_ref()
            .and_then(|p| p.get())
            .and_then(|p| known_str(&p.id))
            .map(str::to_owned)
    };
    assert_eq!(pool_id(tf), pool_id(demo));
    let clients = |i: &cogfed_lint::model::Integration| {
        i.clients
            .iter()
            .filter_map(|c| c.get())
            .map(|c| {
                (
                    known_str(&c.client_id).map(str::to_owned),
                    cogfed_lint::de::known_strs(&c.callback_urls)
                        .map(str::to_owned)
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(clients(tf), clients(demo));
    let secret = tf
        .identity_providers
        .first()
        .and_then(|idp| idp.get())
        .and_then(|idp| known(&idp.provider_details))
        .and_then(|d| d.get("client_secret"))
        .and_then(|v| v.as_str());
    assert_eq!(secret, Some("upstream-client-secret"), "from terraform.tfvars");
    let checked = from_terraform.check(&urls).expect("served");
    assert_eq!(
        checked.broken.len(),
        built_in.check(&urls).expect("served").broken.len()
    );
    // Without the output file, the ids exist only after apply: Local Cognito says which value it lacks.
    let without: Vec<&String> = names.iter().filter(|n| *n != "terraform-output.json").collect();
    let e = LocalConfig::load_files(read(&without))
        .expect("loads")
        .check(&urls)
        .expect_err("no pool id");
    assert!(e.to_string().contains("id"), "{e}");
}

#[test]
fn the_demo_is_examples_local_demo_toml() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/local-demo.toml");
    let text = std::fs::read_to_string(&path).expect("examples/local-demo.toml");
    assert_eq!(
        DEMO_MANIFEST, text,
        "one copy: the demo is the example file, compiled in"
    );
    assert_eq!(
        LocalConfig::demo().ports(),
        ManifestPorts {
            cognito: Some(9229),
            upstream: Some(9230),
            issuer_base: Some("http://127.0.0.1:9229".into())
        }
    );
}

fn manifest(cognito: &str, upstream: &str, extra_upstream: &str) -> String {
    format!(
        r#"version = 1
[user_pool]
id = "eu-west-1_Manifest1"
schema_attributes = [{{ name = "email", required = true }}]

[[clients]]
client_id = "spa"
allowed_oauth_flows_user_pool_client = true
allowed_oauth_flows = ["code"]
allowed_oauth_scopes = ["openid", "email"]
callback_urls = ["{CALLBACK}"]
logout_urls = ["{LOGOUT}"]
supported_identity_providers = ["COGNITO", "Corp"]
access_token_validity = 30
token_validity_units = {{ access_token = "minutes" }}
refresh_token_rotation = {{ feature = "ENABLED", retry_grace_period_seconds = 0 }}

[[identity_providers]]
provider_name = "Corp"
provider_type = "OIDC"
attribute_mapping = {{ email = "email" }}
provider_details = {{ client_id = "cognito", client_secret = "s3cret-value", authorize_scopes = "openid email", oidc_issuer = "{upstream}/corp" }}

[[upstream_idps]]
provider_name = "Corp"
issuer = "{upstream}/corp"
redirect_uris = ["{cognito}/oauth2/idpresponse"]
{extra_upstream}

[[local.users]]
username = "carol"
password = "Carol-Passw0rd!"
attributes = {{ email = "carol@example.com", email_verified = true }}

[[local.upstreams]]
provider_name = "Corp"

[[local.upstreams.users]]
username = "dave"
password = "Dave-Passw0rd!"
attributes = {{ email = "dave@corp.example" }}
"#
    )
}

async fn serve_manifest(extra_upstream: &str) -> (Harness, LocalConfig) {
    let bound = bind(Ports::ephemeral()).await.unwrap();
    let text = manifest(&bound.cognito_base(), &bound.upstream_base(), extra_upstream);
    let config = LocalConfig::load("it.toml", text).expect("loads");
    let clock = std::sync::Arc::new(cogfed_local::AdvanceableClock::new());
    let local = bound
        .serve_with_clock(config.clone(), clock.clone())
        .expect("serves");
    (Harness { local, clock }, config)
}

fn auth_url(h: &Harness, challenge: &str, idp: Option<&str>) -> String {
    let mut pairs = vec![
        ("client_id", "spa"),
        ("redirect_uri", CALLBACK),
        ("response_type", "code"),
        ("scope", "openid email"),
        ("state", "s"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ];
    if let Some(i) = idp {
        pairs.push(("identity_provider", i));
    }
    format!("{}?{}", h.url("/oauth2/authorize"), form(&pairs))
}

async fn code_for(h: &Harness, verifier: &str, code: &str) -> serde_json::Value {
    let page = token_request(
        h,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "spa"),
            ("code", code),
            ("redirect_uri", CALLBACK),
            ("code_verifier", verifier),
        ],
    )
    .await;
    assert_eq!(page.status, reqwest::StatusCode::OK, "{}", page.body);
    page.json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manifest_drives_local_and_federated_sign_in() {
    let (h, config) = serve_manifest("").await;
    let client = config.integration().clients[0].get().unwrap();
    assert_eq!(client.token_lifetime(TokenKind::Access).as_secs(), 1800);
    let rotation = known(&client.refresh_token_rotation).unwrap();
    assert_eq!(known_str(&rotation.feature), Some("ENABLED"));

    let b = Browser::new();
    let (verifier, challenge) = pkce();
    let login = b.navigate(&auth_url(&h, &challenge, None)).await.page();
    let app = b.sign_in(&login, "carol", "Carol-Passw0rd!").await.app();
    let t = code_for(&h, &verifier, &query(&app, "code").unwrap()).await;
    let id = verify(&h, t["id_token"].as_str().unwrap(), Some("spa")).await;
    assert_eq!(
        id["iss"],
        format!("{}/eu-west-1_Manifest1", h.local.cognito_base())
    );
    assert_eq!(
        id["email_verified"], true,
        "the manifest's boolean became Cognito's \"true\""
    );
    assert_eq!(t["expires_in"], 1800);

    let b2 = Browser::new();
    let (v2, c2) = pkce();
    let persona = b2.navigate(&auth_url(&h, &c2, Some("Corp"))).await.page();
    let app = b2.persona_sign_in(&persona, "dave", "Dave-Passw0rd!").await.app();
    let t = code_for(&h, &v2, &query(&app, "code").unwrap()).await;
    let id = peek(t["id_token"].as_str().unwrap());
    assert_eq!(id["cognito:username"], "Corp_dave");
    assert_eq!(id["email"], "dave@corp.example");
    assert_eq!(
        id["email_verified"], false,
        "email_verified not mapped: unverified"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manifest_misbehaviours_reach_the_app() {
    let (h, _) = serve_manifest("userinfo_response_strategy = \"signedJwt\"").await;
    let b = Browser::new();
    let (_, c) = pkce();
    let persona = b.navigate(&auth_url(&h, &c, Some("Corp"))).await.page();
    let app = b.persona_sign_in(&persona, "dave", "Dave-Passw0rd!").await.app();
    assert_eq!(
        query(&app, "error_description").as_deref(),
        Some("invalid token_type in idp oauth response")
    );

    let (h, _) = serve_manifest("token_endpoint_auth_methods = [\"client_secret_basic\"]").await;
    let persona = b.navigate(&auth_url(&h, &c, Some("Corp"))).await.page();
    let app = b.persona_sign_in(&persona, "dave", "Dave-Passw0rd!").await.app();
    assert_eq!(
        query(&app, "error_description").as_deref(),
        Some("Corp Error - 401 error getting token")
    );
}

#[test]
fn bad_manifests_name_the_field() {
    let urls = ServedUrls {
        cognito_base: "http://127.0.0.1:9229".into(),
        upstream_base: "http://127.0.0.1:9230".into(),
    };
    let convert = |text: &str| {
        let errors = LocalConfig::load("bad.toml", text)
            .expect("loads")
            .check(&urls)
            .unwrap_err();
        errors.0[0].clone()
    };

    let e = convert("version = 1\n");
    assert_eq!(e.path, "/user_pool");

    let e = convert("version = 1\n[user_pool]\nid = \"us-east-1_X\"\n[[clients]]\nclient_name = \"web\"\n");
    assert_eq!(e.path, "/clients/0/client_id");

    let e = convert(
        "version = 1\n[user_pool]\nid = \"us-east-1_X\"\n[[clients]]\nclient_id = \"c\"\ngenerate_secret = true\n",
    );
    assert_eq!(e.path, "/clients/0/client_secret");
    assert!(e.message.contains("secret"));

    let e = convert(
        "version = 1\n[user_pool]\nid = \"us-east-1_X\"\n[[clients]]\nclient_id = \"c\"\nallowed_oauth_flows = [\"token\"]\n",
    );
    assert_eq!(e.path, "/clients/0/allowed_oauth_flows/0");

    let e = convert(
        "version = 1\n[user_pool]\nid = \"us-east-1_X\"\n[[local.upstreams]]\nprovider_name = \"Nobody\"\n",
    );
    assert_eq!(e.path, "/local/upstreams/0/provider_name");
    assert!(e.message.contains("Nobody"));

    let e = convert("version = 1\n[user_pool]\nid = \"us-east-1_X\"\n[[local.users]]\nusername = \"u\"\n");
    assert_eq!(e.path, "/local/users/0/password");
}

/// A manifest describing a real integration (AWS domain, a real IdP); Local's personas stand in for the IdP.
fn real_world_manifest(registered_issuer: &str) -> String {
    format!(
        r#"version = 1
[user_pool]
id = "us-east-1_RealPool1"
[[clients]]
client_id = "7lhdbv12q1ud9rgg7g779u8va7"
allowed_oauth_flows_user_pool_client = true
allowed_oauth_flows = ["code"]
allowed_oauth_scopes = ["openid", "email"]
callback_urls = ["{CALLBACK}"]
supported_identity_providers = ["CorpOIDC"]
[[identity_providers]]
provider_name = "CorpOIDC"
provider_type = "OIDC"
attribute_mapping = {{ email = "email" }}
provider_details = {{ client_id = "0oa1exampleclient", client_secret = "EXAMPLE-secret", authorize_scopes = "openid email", oidc_issuer = "https://idp.example.com", token_url = "https://idp.example.com/oauth2/v1/token", authorize_url = "https://idp.example.com/oauth2/v1/authorize", attributes_url = "https://idp.example.com/oauth2/v1/userinfo", jwks_uri = "https://idp.example.com/oauth2/v1/keys" }}
[[upstream_idps]]
provider_name = "CorpOIDC"
issuer = "{registered_issuer}"
client_id = "0oa1exampleclient"
redirect_uris = ["https://myapp.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"]
[[local.upstreams]]
provider_name = "CorpOIDC"
users = [{{ username = "erin", password = "Erin-Passw0rd!", attributes = {{ email = "erin@corp.example" }} }}]
"#
    )
}

async fn serve_text(text: &str) -> Harness {
    serve(LocalConfig::load("real.toml", text).expect("loads")).await
}

fn real_auth_url(h: &Harness, challenge: &str) -> String {
    format!(
        "{}?{}",
        h.url("/oauth2/authorize"),
        form(&[
            ("client_id", "7lhdbv12q1ud9rgg7g779u8va7"),
            ("redirect_uri", CALLBACK),
            ("response_type", "code"),
            ("scope", "openid email"),
            ("state", "s"),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256"),
            ("identity_provider", "CorpOIDC"),
        ])
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personas_stand_in_for_a_real_idp() {
    let h = serve_text(&real_world_manifest("https://idp.example.com")).await;
    let b = Browser::new();
    let (_, c) = pkce();
    let persona = b.navigate(&real_auth_url(&h, &c)).await.page();
    assert!(
        persona
            .url
            .as_str()
            .starts_with(&format!("{}/CorpOIDC/authorize", h.local.upstream_base())),
        "{}",
        persona.url
    );
    let app = b.persona_sign_in(&persona, "erin", "Erin-Passw0rd!").await.app();
    assert!(query(&app, "code").is_some(), "{app}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn standing_in_keeps_a_trailing_slash_mismatch() {
    let h = serve_text(&real_world_manifest("https://idp.example.com/")).await;
    let b = Browser::new();
    let (_, c) = pkce();
    let persona = b.navigate(&real_auth_url(&h, &c)).await.page();
    let app = b.persona_sign_in(&persona, "erin", "Erin-Passw0rd!").await.app();
    assert_eq!(
        query(&app, "error_description"),
        Some(format!(
            "Bad id_token issuer {}/CorpOIDC/",
            h.local.upstream_base()
        ))
    );
}
