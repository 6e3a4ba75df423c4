//! Every input format through the public `load` + `lint`: the AWS CLI describe outputs of cognito-facts §7,
//! CloudFormation JSON with long-form intrinsics, a Pomerium config.yaml and a FusionAuth identity provider.

use cogfed_lint::de::{items, known, known_str};
use cogfed_lint::{Format, LintOptions, Loaded, SourceFile, lint, load};
use std::path::Path;

fn read(names: &[&str]) -> Loaded {
    let files = names
        .iter()
        .map(|n| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/inputs").join(n);
            SourceFile::new(*n, std::fs::read_to_string(path).unwrap())
        })
        .collect();
    load(files).unwrap_or_else(|e| panic!("{e:?}"))
}

fn findings(loaded: &Loaded) -> Vec<(String, String, usize, usize)> {
    let report = lint(loaded, &LintOptions::default()).unwrap();
    report
        .findings
        .iter()
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

#[test]
fn aws_cli_describe_outputs_merge_into_one_pool() {
    let loaded = read(&[
        "describe-user-pool.json",
        "describe-user-pool-client.json",
        "describe-identity-provider.json",
        "describe-user-pool-domain.json",
        "describe-resource-server.json",
    ]);
    assert!(loaded.formats.iter().all(|(_, f)| *f == Format::AwsCli));
    let i = &loaded.integration;
    let pool = i.user_pool.as_ref().unwrap().get().unwrap();
    assert_eq!(known_str(&pool.id), Some("us-east-1_ExAmPlE12"));
    assert_eq!(items(&pool.schema_attributes).len(), 4);
    let client = i.clients[0].get().unwrap();
    assert_eq!(known(&client.allowed_oauth_flows_user_pool_client), Some(&true));
    assert_eq!(known(&client.auth_session_validity), Some(&3));
    assert_eq!(
        known_str(&known(&client.refresh_token_rotation).unwrap().feature),
        Some("DISABLED")
    );
    let idp = i.identity_providers[0].get().unwrap();
    assert_eq!(
        known(&idp.provider_details)
            .unwrap()
            .get("oidc_issuer")
            .unwrap()
            .as_str(),
        Some("https://idp.example.com")
    );
    let domain = i.domains[0].get().unwrap();
    assert_eq!(
        known_str(&known(&domain.custom_domain_config).unwrap().security_policy),
        Some("TLS_V1_2_2021")
    );
    // The reference's client example allows `api.example.com/read`, but the one resource server described is
    // `https://api.example.com`. Describe outputs do not list every resource server of the pool, and Cognito
    // refuses an undefined scope when the client is created, so a server `api.example.com` may well exist:
    // nothing is reported (issue 12). The client is a public web client with refresh token rotation DISABLED.
    assert_eq!(
        findings(&loaded),
        [(
            "public-client-no-rotation".to_string(),
            "describe-user-pool-client.json".to_string(),
            23,
            41
        )]
    );
    // With `list-resource-servers` output the list is complete: the scope is undefined, and the near miss is
    // suggested.
    let mut files: Vec<SourceFile> = loaded.sources.iter().map(|(_, f)| f.clone()).collect();
    files.push(SourceFile::new(
        "list-resource-servers.json",
        r#"{"ResourceServers": [{"UserPoolId": "us-east-1_ExAmPlE12", "Identifier": "https://api.example.com", "Name": "Example API", "Scopes": [{"ScopeName": "read", "ScopeDescription": "Read"}]}]}"#,
    ));
    let listed = load(files).unwrap();
    let report = lint(&listed, &LintOptions::default()).unwrap();
    let undefined = report
        .findings
        .iter()
        .find(|f| f.rule == "custom-scope-undefined")
        .expect("decidable with the whole list");
    assert_eq!(
        listed
            .sources
            .position(undefined.loc.file, undefined.loc.span.start)
            .line,
        17
    );
    assert_eq!(
        undefined.help.as_deref(),
        Some("did you mean `https://api.example.com/read`?")
    );
}

#[test]
fn cloudformation_json_long_form_intrinsics() {
    let loaded = read(&["template.json"]);
    assert_eq!(loaded.formats[0].1, Format::CloudFormation);
    let client = loaded.integration.clients[0].get().unwrap();
    assert_eq!(known_str(&client.client_name), Some("web-prod"));
    let scopes: Vec<Option<&str>> = items(&client.allowed_oauth_scopes)
        .iter()
        .map(|s| s.as_str())
        .collect();
    assert_eq!(scopes, [Some("openid"), Some("api/read"), Some("api/write")]);
    assert!(
        client.default_redirect_uri.as_ref().unwrap().is_unknown(),
        "Fn::If stays unknown"
    );
    // The client (no secret, code + implicit, a web callback) is a browser client that raw CloudFormation left
    // without AllowedOAuthFlowsUserPoolClient, PreventUserExistenceErrors and rotation.
    let client_at = |rule: &str| (rule.to_string(), "template.json".to_string(), 10, 30);
    assert_eq!(
        findings(&loaded),
        [
            client_at("oauth-flows-disabled"),
            client_at("prevent-user-existence-errors"),
            client_at("public-client-no-rotation"),
            (
                "implicit-flow-on-browser-client".to_string(),
                "template.json".to_string(),
                12,
                61
            ),
            (
                "custom-scope-undefined".to_string(),
                "template.json".to_string(),
                13,
                92
            ),
        ]
    );
}

#[test]
fn relying_parties_from_pomerium_and_fusionauth() {
    let loaded = read(&[
        "describe-user-pool.json",
        "pomerium-config.yaml",
        "fusionauth-idp.json",
    ]);
    let kinds: Vec<Format> = loaded.formats.iter().map(|(_, f)| *f).collect();
    assert_eq!(kinds, [Format::AwsCli, Format::Pomerium, Format::FusionAuth]);
    let pomerium = loaded.integration.relying_parties[0].get().unwrap();
    assert_eq!(
        known_str(&pomerium.callback_url),
        Some("https://authenticate.example.com/oauth2/callback")
    );
    assert_eq!(items(&pomerium.scopes).len(), 3);
    assert_eq!(
        findings(&loaded),
        [
            (
                "issuer-is-hosted-ui-domain".to_string(),
                "fusionauth-idp.json".to_string(),
                10,
                15
            ),
            (
                "scope-requires-openid".to_string(),
                "fusionauth-idp.json".to_string(),
                11,
                15
            ),
        ]
    );
}

#[test]
fn manifest_documentation_example_is_valid_and_clean() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("MANIFEST.md")).unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let loaded = load(vec![SourceFile::new("MANIFEST.md example", &doc[start..end])])
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(findings(&loaded), []);
    assert!(loaded.integration.local.is_some() && loaded.integration.spa.is_some());
    assert_eq!(loaded.integration.upstream_idps.len(), 1);
}

#[test]
fn manifests_in_yaml_and_json_read_like_toml() {
    let toml = "version = 1\n[[clients]]\nclient_name = \"web\"\ncallback_urls = [\"https://app/#cb\"]\n";
    let yaml = "version: 1\nclients:\n  - client_name: web\n    callback_urls: [\"https://app/#cb\"]\n";
    let json = "{\"version\": 1, \"clients\": [{\"client_name\": \"web\", \"callback_urls\": [\"https://app/#cb\"]}]}";
    for (name, text, line, column) in [
        ("m.toml", toml, 4, 18),
        ("m.yaml", yaml, 4, 21),
        ("m.json", json, 1, 69),
    ] {
        let loaded = load(vec![SourceFile::new(name, text)]).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(loaded.formats[0].1, Format::Manifest);
        // Only the fragment's position is at stake here (the bare client also lacks OAuth settings).
        let fragment: Vec<_> = findings(&loaded)
            .into_iter()
            .filter(|f| f.0 == "uri-has-fragment")
            .collect();
        assert_eq!(
            fragment,
            [("uri-has-fragment".to_string(), name.to_string(), line, column)],
            "{name}"
        );
    }
    // In YAML and JSON the manifest keeps its exact-key typo protection.
    let err = load(vec![SourceFile::new(
        "m.yaml",
        "version: 1\nclients:\n  - client_nam: web\n",
    )])
    .unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "m.yaml:3:5: unknown key `client_nam`; did you mean `client_name`? (at /clients/0/client_nam)"
    );
}

#[test]
fn kubernetes_multi_document_file_with_a_pomerium_config_map() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: pomerium}\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  config.yaml: |\n    idp_provider: oidc\n    idp_provider_url: https://myapp.auth.eu-west-1.amazoncognito.com\n    idp_client_id: abc\n";
    let loaded = load(vec![SourceFile::new("k8s.yaml", text)]).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.formats.len(), 1);
    assert_eq!(
        findings(&loaded),
        [(
            "issuer-is-hosted-ui-domain".to_string(),
            "k8s.yaml".to_string(),
            10,
            23
        )]
    );
}

/// Issue 12: a value outside its enum, or of the wrong type, is an input error where it is written, and the
/// findings of its siblings (and of the rest of the file) still appear.
#[test]
fn a_bad_value_hides_nothing_else() {
    let manifest = r#"version = 1
[[clients]]
client_name = "web"
callback_urls = ["https://app.example.com/#/cb"]
access_token_validity = "one hour"

[[upstream_idps]]
provider_name = "Corp"
userinfo_response_strategy = "signed"
token_endpoint_auth_methods = ["client_secret_basic"]
"#;
    let loaded = cogfed_lint::load_all(vec![SourceFile::new("m.toml", manifest)]);
    let report = lint(&loaded, &LintOptions::default()).unwrap();
    let got: Vec<(&str, usize)> = report
        .findings
        .iter()
        .map(|f| (f.rule, loaded.sources.position(f.loc.file, f.loc.span.start).line))
        .collect();
    assert!(got.contains(&("uri-has-fragment", 4)), "{got:?}");
    assert!(got.contains(&("input-error", 5)), "{got:?}");
    assert!(got.contains(&("input-error", 9)), "{got:?}");
    assert!(report.has_input_errors());
    assert_eq!(report.exit_code(false), 2);
}
