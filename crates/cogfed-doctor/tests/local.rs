//! The doctor against Local Cognito on loopback (issue 16 item 6): the seed failures served by
//! `examples/doctor-seed-failures.toml` are each found, at the file's line and column, before anyone signs
//! in; a correct integration (`examples/local-demo.toml`) has no finding; and files that drifted from what the
//! pool really serves are caught by the hosted UI's answers.

mod common;

use common::{Row, Served, doctor, example, find, loaded, places, quick};

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

/// Where the seed integration's IdP and relying-party failures are written in `m`.
fn idp_and_rp_seeds(served: &Served, m: &str) -> Vec<(&'static str, (usize, usize))> {
    let (up, cog) = (&served.upstream, &served.cognito);
    let at = |needle: String| find(m, &needle);
    vec![
        ("live-idp-userinfo-signed", at(quoted(&format!("{up}/idura")))),
        ("live-idp-required-claim-missing", at("\"email\", name = ".into())),
        (
            "live-idp-token-auth-method",
            at(quoted(&format!("{up}/beyond-identity"))),
        ),
        ("live-idp-issuer-mismatch", at(quoted(&format!("{up}/auth0")))),
        (
            "live-rp-issuer-mismatch",
            at(quoted(&format!("{cog}/us-east-1_DocTor5eed/"))),
        ),
        (
            "live-redirect-mismatch",
            at(quoted("https://k8s-auth-prod.example.com/oauth2/callback")),
        ),
    ]
}

fn sorted(rows: Vec<(&'static str, (usize, usize))>) -> Vec<(&'static str, usize, usize)> {
    let mut out: Vec<_> = rows
        .into_iter()
        .map(|(rule, (line, column))| (rule, line, column))
        .collect();
    out.sort();
    out
}

#[test]
fn every_seed_failure_is_found_before_anyone_signs_in() {
    let served = Served::start(&example("doctor-seed-failures.toml"));
    let m = &served.manifest;
    let rows = doctor(&loaded("seeds.toml", m), &served.overrides(), quick());
    let mut want = idp_and_rp_seeds(&served, m);
    want.push((
        "live-redirect-mismatch",
        find(m, &quoted("http://127.0.0.1:8080/callback/")),
    ));
    let want = sorted(want);
    assert_eq!(places(&rows), want, "{rows:#?}");

    let message = |rule: &str| -> Vec<&str> {
        rows.iter()
            .filter(|r| r.rule == rule)
            .map(|r| r.message.as_str())
            .collect()
    };
    assert!(message("live-idp-issuer-mismatch")[0].contains("differ only by a trailing slash"));
    assert!(message("live-idp-token-auth-method")[0].contains("accepts `client_secret_basic`"));
    assert!(message("live-idp-userinfo-signed")[0].contains("`userinfo_signing_alg_values_supported`"));
    assert!(message("live-idp-required-claim-missing")[0].contains("attributes required: [email]"));
    assert!(message("live-rp-issuer-mismatch")[0].contains("relying party `FusionAuth`"));
    let mismatches = message("live-redirect-mismatch");
    assert!(mismatches.iter().any(|m| m.contains("relying party `Pomerium`")));
    assert!(
        mismatches
            .iter()
            .any(|m| m.contains("the SPA's redirect URI `http://127.0.0.1:8080/callback/`"))
    );
}

#[test]
fn a_correct_integration_has_no_finding() {
    let served = Served::start(&example("local-demo.toml"));
    let rows = doctor(
        &loaded("local-demo.toml", &served.manifest),
        &served.overrides(),
        quick(),
    );
    assert_eq!(rows, Vec::<Row>::new());
}

#[test]
fn files_that_drifted_from_the_live_pool_are_caught_by_its_answers() {
    // Local Cognito serves the seed integration; the doctor reads files that say something else about it.
    let served = Served::start(&example("doctor-seed-failures.toml"));
    let cog = served.cognito.clone();
    let drifted = served
        .manifest
        // The SPA's redirect fixed, and its IdP named with another case (cognito-facts §8.A4).
        .replace(
            "redirect_uri = \"http://127.0.0.1:8080/callback/\"",
            "redirect_uri = \"http://127.0.0.1:8080/callback\"\nidentity_provider = \"upstream\"",
        )
        // The files' Upstream IdP: another client id and fewer scopes than the pool really uses.
        .replace(
            "client_id = \"cognito-upstream\"\n",
            "client_id = \"cognito-upstream-old\"\n",
        )
        .replace(
            "authorize_scopes = \"openid email profile\"",
            "authorize_scopes = \"openid email\"",
        )
        + &format!(
            "\n[[relying_parties]]\nname = \"Grafana\"\nkind = \"generic\"\nissuer = \"{cog}/us-east-1_DocTor5eed\"\n\
             client_id = \"doctor_spa\"\ntoken_endpoint = \"{cog}/oauth2/token\"\nuserinfo_endpoint = \"{cog}/oauth2/userinfo\"\n"
        );
    let rows = doctor(&loaded("drifted.toml", &drifted), &served.overrides(), quick());
    let at = |needle: String| find(&drifted, &needle);
    let mut want = idp_and_rp_seeds(&served, &drifted);
    want.extend([
        // New: the SPA's mis-cased identity_provider, the drifted client id and scopes, the RP's userinfo.
        ("live-authorize-error", {
            let (line, column) = at("redirect_uri = \"http://127.0.0.1:8080/callback\"".into());
            (line, column + "redirect_uri = ".len())
        }),
        ("live-federation-redirect", at(quoted("cognito-upstream-old"))),
        ("live-federation-redirect", at(quoted("openid email"))),
        (
            "live-rp-endpoint-mismatch",
            at(quoted(&format!("{cog}/oauth2/userinfo"))),
        ),
    ]);
    let want = sorted(want);
    assert_eq!(places(&rows), want, "{rows:#?}");
    let text = |rule: &str| {
        rows.iter()
            .filter(|r| r.rule == rule)
            .map(|r| r.message.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(text("live-authorize-error").contains("\"Login option is not available\""));
    assert!(text("live-federation-redirect").contains("sends client_id `cognito-upstream`"));
    assert!(text("live-federation-redirect").contains("requests scope `email openid profile`"));
    assert!(text("live-rp-endpoint-mismatch").contains(&format!("`{cog}/oauth2/userInfo`")));
}
