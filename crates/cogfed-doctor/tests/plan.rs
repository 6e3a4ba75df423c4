//! Planning, offline: what a run would request for the files of a real seed integration (a CloudFormation
//! template whose client id exists only after deployment), with and without `--client-id`; what a probe URL may
//! carry; and Local Cognito's stand-ins.

mod common;

use cogfed_doctor::http::refusal;
use cogfed_doctor::plan::{Overrides, PROBE_CODE_CHALLENGE, plan};
use cogfed_doctor::url::query_pairs;
use cogfed_lint::de::{Loc, Located};
use cogfed_lint::{SourceFile, load};

fn idura_twin() -> cogfed_lint::Loaded {
    let dir = format!("{}/../../examples/idura-verify/twin", env!("CARGO_MANIFEST_DIR"));
    let files = ["cognito.yaml", "idura-application.toml", "spa.toml"]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(format!("{dir}/{f}")).expect("the example");
            SourceFile::new(*f, text)
        })
        .collect();
    load(files).expect("the example loads")
}

#[test]
fn a_cloudformation_client_before_deployment_is_listed_as_not_checked() {
    let l = idura_twin();
    let p = plan(&l.integration, &Overrides::default());
    let urls: Vec<String> = p.requests().into_iter().map(|r| r.url).collect();
    assert_eq!(
        urls,
        [
            "https://acme-corp.idura.broker/.well-known/openid-configuration",
            "<the jwks_uri of that document>",
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_IdUr4SmPl/.well-known/openid-configuration",
            "<the jwks_uri of that document>",
        ]
    );
    let rows = common::rows(&l, &p.not_checked);
    let got: Vec<(&str, usize, usize, &str)> = rows
        .iter()
        .map(|r| (r.rule, r.line, r.column, r.message.as_str()))
        .collect();
    // spa.toml names the client `acme-web` (its ClientName); cognito.yaml's client has no id before deployment.
    assert_eq!(
        got.iter().map(|g| (g.0, g.1, g.2)).collect::<Vec<_>>(),
        [("live-not-checked", 12, 16), ("live-not-checked", 62, 11)]
    );
    assert!(got.iter().all(|g| g.3.contains("its app client id is not known")));
    assert_eq!(l.sources.name(p.not_checked[1].loc.file), "cognito.yaml");
}

#[test]
fn client_id_fills_in_the_deployed_client() {
    let l = idura_twin();
    let overrides = Overrides {
        client_id: Some(Located::known(
            Loc::default(),
            "7lhdbv12q1ud9rgg7g779u8va7".into(),
        )),
        ..Overrides::default()
    };
    let p = plan(&l.integration, &overrides);
    assert!(p.not_checked.is_empty(), "{:?}", p.not_checked);
    let probes: Vec<(String, Option<String>, &str)> = p
        .probes
        .iter()
        .map(|pr| {
            (
                pr.redirect_uri.as_str().unwrap_or_default().to_owned(),
                pr.identity_provider.clone(),
                pr.base.as_str(),
            )
        })
        .collect();
    let base = "https://idura-samples.auth.us-east-1.amazoncognito.com";
    assert_eq!(
        probes,
        [
            // The SPA, with the identity_provider it sends (mis-cased: the hosted UI will say so).
            (
                "https://app.acme-corp.com/callback".into(),
                Some("idura".into()),
                base
            ),
            // The template's client: `!Sub "${AppOrigin}/callback"` resolved, and its IdP.
            ("https://app.acme-corp.com/callback".into(), None, base),
            (
                "https://app.acme-corp.com/callback".into(),
                Some("Idura Verify".into()),
                base
            ),
        ]
    );
    assert!(
        p.probes
            .iter()
            .all(|pr| pr.client_id == "7lhdbv12q1ud9rgg7g779u8va7")
    );
    assert_eq!(
        p.probes[2].idp,
        Some(0),
        "the federated probe is judged against the IdP's discovery"
    );
}

#[test]
fn a_probe_carries_no_secret_token_or_session() {
    let l = idura_twin();
    let overrides = Overrides {
        client_id: Some(Located::known(Loc::default(), "abc".into())),
        ..Overrides::default()
    };
    let allowed = [
        "response_type",
        "client_id",
        "redirect_uri",
        "state",
        "code_challenge",
        "code_challenge_method",
        "identity_provider",
    ];
    for r in plan(&l.integration, &overrides).requests() {
        if r.url.starts_with('<') {
            continue;
        }
        assert_eq!(refusal(&r.url), None, "{}", r.url);
        for (k, _) in query_pairs(&r.url) {
            assert!(allowed.contains(&k.as_str()), "{k} in {}", r.url);
        }
    }
    // RFC 7636 §4.2: 43 characters of the base64url alphabet, and no verifier hashes to it (it is not a hash).
    assert_eq!(PROBE_CODE_CHALLENGE.len(), 43);
    assert!(
        PROBE_CODE_CHALLENGE
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
}

#[test]
fn local_cognito_stand_ins_replace_the_issuer_and_drop_manual_endpoints() {
    let m = "version = 1\n[[identity_providers]]\nprovider_name = \"Corp\"\nprovider_details = { oidc_issuer = \"https://idp.example.com/\", token_url = \"https://idp.example.com/t\" }\n";
    let l = common::loaded("corp.toml", m);
    let overrides = Overrides {
        served_issuers: vec![("Corp".into(), "http://127.0.0.1:9230/Corp/".into())],
        ..Overrides::default()
    };
    let p = plan(&l.integration, &overrides);
    assert_eq!(
        p.idps[0].discovery_url(),
        "http://127.0.0.1:9230/Corp/.well-known/openid-configuration"
    );
    assert!(p.idps[0].manual.is_empty());
    assert_eq!(
        p.idps[0].issuer.as_str(),
        Some("https://idp.example.com/"),
        "findings still point at the file"
    );
    let without = plan(&l.integration, &Overrides::default());
    assert_eq!(without.idps[0].manual.len(), 1);
}
