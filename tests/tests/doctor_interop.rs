//! Issue 16: `cogfed doctor`'s upstream-IdP checks against panva's oidc-provider (`tests/interop/op.mjs`), a
//! certified, standard OpenID provider on a free loopback port: configured as it is, the IdP passes every
//! check; configured with what it does not offer, or with its issuer written with a trailing slash, the doctor
//! says exactly that. No browser: the doctor is plain HTTP.

use cogfed_doctor::http::{Manners, MannersConfig, Silent};
use cogfed_doctor::native::{ReqwestTransport, SystemClock};
use cogfed_doctor::plan::Overrides;
use cogfed_e2e::NodeOp;
use cogfed_lint::{SourceFile, load};
use std::time::Duration;

/// (rule, line, column) of every finding of a doctor run over `manifest`.
fn doctor(manifest: &str) -> Vec<(&'static str, usize, usize, String)> {
    let loaded = load(vec![SourceFile::new("op.toml", manifest)]).expect("a valid manifest");
    let plan = cogfed_doctor::plan(&loaded.integration, &Overrides::default());
    let mut silent = Silent;
    let config = MannersConfig {
        timeout: Duration::from_secs(10),
        min_interval: Duration::from_millis(1),
        ..MannersConfig::default()
    };
    let transport = ReqwestTransport::new().expect("an HTTP client");
    let mut http = Manners::new(transport, SystemClock::default(), config, &mut silent);
    let mut out: Vec<_> = cogfed_doctor::run::run(&plan, &mut http)
        .iter()
        .map(|f| {
            let p = loaded.sources.position(f.loc.file, f.loc.span.start);
            (f.rule, p.line, p.column, f.message.clone())
        })
        .collect();
    out.sort();
    out
}

fn manifest(issuer: &str, scopes: &str, mapping: &str) -> String {
    format!(
        "version = 1\n\
         [[identity_providers]]\n\
         provider_name = \"Op\"\n\
         provider_type = \"OIDC\"\n\
         attribute_mapping = {{ {mapping} }}\n\
         provider_details = {{ client_id = \"cognito\", authorize_scopes = \"{scopes}\", oidc_issuer = \"{issuer}\" }}\n"
    )
}

#[test]
fn oidc_provider_passes_and_what_it_does_not_offer_is_reported() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let op = rt.block_on(NodeOp::start("doctor-interop", "http://127.0.0.1:8080"));
    let issuer = op.issuer.clone();

    // As it is: discovery, endpoints, client_secret_post, code, scopes, claims, RS256, its JWKS.
    let clean = manifest(
        &issuer,
        "openid email profile",
        "email = \"email\", email_verified = \"email_verified\", name = \"name\"",
    );
    assert_eq!(doctor(&clean), vec![]);

    // A scope and a claim it does not list; its issuer with a trailing slash.
    let col = |m: &str, needle: &str| m.lines().nth(5).and_then(|l| l.find(needle)).map(|c| c + 1);
    let wrong = manifest(
        &format!("{issuer}/"),
        "openid email phone",
        "email = \"email\", phone_number = \"phone_number\"",
    );
    let got = doctor(&wrong);
    let places: Vec<(&str, usize, usize)> = got.iter().map(|(r, l, c, _)| (*r, *l, *c)).collect();
    let issuer_col = col(&wrong, "\"http").expect("issuer");
    let scopes_col = col(&wrong, "\"openid").expect("scopes");
    let mapping_col = wrong
        .lines()
        .nth(4)
        .and_then(|l| l.find("\"phone_number\""))
        .expect("mapping")
        + 1;
    assert_eq!(
        places,
        vec![
            ("live-idp-claim-unsupported", 5, mapping_col),
            ("live-idp-issuer-mismatch", 6, issuer_col),
            ("live-idp-scope-unsupported", 6, scopes_col),
        ],
        "{got:#?}"
    );
    assert!(got[0].3.contains("reads claim `phone_number` for `phone_number`"));
    assert!(
        got[1]
            .3
            .contains(&format!("is `{issuer}`, the configured oidc_issuer `{issuer}/`"))
    );
    assert!(got[1].3.contains("differ only by a trailing slash"));
    assert!(got[2].3.contains("does not list `phone` in scopes_supported"));
    drop(op);
}
