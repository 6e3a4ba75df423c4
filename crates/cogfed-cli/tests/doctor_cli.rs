//! `cogfed doctor` as a process: its help documents the flags and the manners; `--offline` prints the plan and
//! makes no request; flags' findings point at the command line; `--local` checks Local Cognito (served here on
//! free loopback ports) and finds the seed failures, rendered like `cogfed lint` with its exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn cogfed(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cogfed"))
        .args(args)
        .output()
        .expect("cogfed runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_documents_the_flags_and_the_manners() {
    let o = cogfed(&["doctor", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    for part in [
        "--issuer <URL>",
        "--provider-name <NAME>",
        "--user-pool-id <ID>",
        "--region <R>",
        "--domain <D>",
        "--client-id <C>",
        "--redirect-uri <U>",
        "--local",
        "--offline",
        "--format <FORMAT>",
        "--timeout <SECS>",
        "--max-requests <N>",
        "--rate <N>",
        "GET only, and never a secret, a token, a cookie or a session",
        "HTTPS is required except on loopback",
        "redirects are not followed",
        "progress line per host",
        "live-unreachable",
        "Exit codes: 0 no errors; 1 errors",
    ] {
        assert!(help.contains(part), "{part:?} not in the help:\n{help}");
    }
}

#[test]
fn offline_prints_the_plan_and_flags_point_at_the_command_line() {
    let o = cogfed(&[
        "doctor",
        "--offline",
        "--format",
        "json",
        "--user-pool-id",
        "us-east-1_AbC",
        "--domain",
        "myapp",
        "--client-id",
        "abc",
        "--redirect-uri",
        "https://app.example.com/cb",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let requests = doc["requests"].as_array().expect("requests");
    let urls: Vec<&str> = requests.iter().filter_map(|r| r["url"].as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC/.well-known/openid-configuration",
            "<the jwks_uri of that document>",
            "https://myapp.auth.us-east-1.amazoncognito.com/oauth2/authorize?response_type=code&client_id=abc\
             &redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&state=cogfed-doctor\
             &code_challenge=cogfed-doctor-probe-with-no-verifier-at-all&code_challenge_method=S256",
        ]
    );
    // `--user-pool-id us-east-1_AbC --domain myapp --client-id abc --redirect-uri https://...`
    assert_eq!(
        (&requests[0]["file"], &requests[0]["line"], &requests[0]["column"]),
        (
            &serde_json::json!("command line"),
            &serde_json::json!(1),
            &serde_json::json!(16)
        )
    );
    assert_eq!(requests[2]["column"], 76);
}

#[test]
fn plain_http_off_loopback_is_a_finding_at_the_flag_and_nothing_is_fetched() {
    let o = cogfed(&["doctor", "--issuer", "http://idp.example.com", "--color", "never"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains(
            "error[live-fetch-refused]: the discovery document of the IdP of --issuer was not fetched"
        ),
        "{text}"
    );
    assert!(text.contains("--> command line:1:10"), "{text}");
    assert!(text.contains("--issuer http://idp.example.com"), "{text}");
    assert!(text.contains("1 error, 0 warnings, 0 infos in 0 files"), "{text}");
}

#[test]
fn usage_errors_exit_2() {
    let o = cogfed(&["doctor"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nothing to check"), "{}", stderr(&o));
    let o = cogfed(&[
        "doctor",
        "--offline",
        "--format",
        "sarif",
        "--issuer",
        "https://idp",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = cogfed(&["doctor", "--issuer", "https://idp", "--allow", "live-nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown rule or group `live-nope`"),
        "{}",
        stderr(&o)
    );
    let o = cogfed(&["doctor", "--rate", "50", "--issuer", "https://idp"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn live_rules_are_listed_and_explained() {
    let rules = stdout(&cogfed(&["rules"]));
    assert!(
        rules
            .lines()
            .any(|l| l.starts_with("live-redirect-mismatch") && l.contains(" live "))
    );
    let o = cogfed(&["explain", "live-idp-token-auth-method"]);
    assert_eq!(o.status.code(), Some(0));
    let doc = stdout(&o);
    assert!(
        doc.starts_with("live-idp-token-auth-method (live, error by default)"),
        "{doc}"
    );
    assert!(doc.contains("# Source\ncognito-facts §1.6"), "{doc}");
}

/// Local Cognito serving `examples/doctor-seed-failures.toml` on free ports, and that manifest with its ports.
fn serve_seeds(dir: &Path) -> (tokio::runtime::Runtime, cogfed_local::RunningLocal, String) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let template = std::fs::read_to_string(format!(
        "{}/../../examples/doctor-seed-failures.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the example");
    let (local, text) = rt.block_on(async {
        let bound = cogfed_local::bind(cogfed_local::Ports::ephemeral())
            .await
            .expect("bind");
        let (c, u) = (bound.cognito_base(), bound.upstream_base());
        let text = template
            .replace("127.0.0.1:9229", c.trim_start_matches("http://"))
            .replace("127.0.0.1:9230", u.trim_start_matches("http://"))
            .replace(
                "port = 9229",
                &format!("port = {}", c.rsplit(':').next().unwrap_or_default()),
            )
            .replace(
                "port = 9230",
                &format!("port = {}", u.rsplit(':').next().unwrap_or_default()),
            );
        let config = cogfed_local::LocalConfig::load("seeds.toml", text.clone()).expect("loads");
        (bound.serve(config).expect("serve"), text)
    });
    let path = dir.join("seeds.toml");
    std::fs::write(&path, &text).expect("write the manifest");
    (rt, local, path.display().to_string())
}

#[test]
fn local_finds_the_seed_failures_with_lint_exit_codes() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (_rt, _local, path) = serve_seeds(dir.path());
    let o = cogfed(&["doctor", "--local", "--rate", "10", "--format", "json", &path]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let mut got: Vec<(String, u64, u64)> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            assert_eq!(f["file"], path.as_str());
            (
                f["rule"].as_str().unwrap_or_default().to_owned(),
                f["line"].as_u64().unwrap_or_default(),
                f["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    got.sort();
    let want: Vec<(String, u64, u64)> = [
        ("live-idp-issuer-mismatch", 116, 15),
        ("live-idp-required-claim-missing", 88, 31),
        ("live-idp-token-auth-method", 105, 15),
        ("live-idp-userinfo-signed", 83, 15),
        ("live-redirect-mismatch", 159, 16),
        ("live-redirect-mismatch", 164, 16),
        ("live-rp-issuer-mismatch", 150, 10),
    ]
    .iter()
    .map(|(r, l, c)| (r.to_string(), *l, *c))
    .collect();
    assert_eq!(got, want);
    assert_eq!(
        doc["summary"],
        serde_json::json!({"errors": 6, "warnings": 1, "infos": 0, "files": 1, "skipped": 0})
    );

    // Severity flags as in `cogfed lint`: the errors allowed, the warning denied.
    let o = cogfed(&[
        "doctor",
        "--local",
        "--rate",
        "10",
        "--allow",
        "live",
        "--warn",
        "live-idp-userinfo-signed",
        "--deny",
        "warnings",
        &path,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).ends_with("0 errors, 1 warning, 0 infos in 1 file\n"),
        "{}",
        stdout(&o)
    );
}
