//! `cogfed lint|rules|explain|schema` as a user runs them: the real binary on real files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("cogfed-lint-cli-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, contents).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn cogfed(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cogfed"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run cogfed")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether the text report holds an `input-error` diagnostic at `at` (`file:line:col`) saying `message`.
fn has_input_error(out: &str, at: &str, message: &str) -> bool {
    out.split("error[input-error]: ")
        .skip(1)
        .any(|d| d.starts_with(message) && d.contains(&format!("--> {at}")))
}

const CLEAN: &str = r#"version = 1

[user_pool]
id = "us-east-1_ExAmPlE12"
domain = "myapp-login"

[[clients]]
client_id = "7lhdbv12q1ud9rgg7g779u8va7"
client_name = "web"
allowed_oauth_flows_user_pool_client = true
allowed_oauth_flows = ["code"]
allowed_oauth_scopes = ["openid", "email"]
callback_urls = ["https://app.example.com/callback", "http://localhost:5173/callback"]
supported_identity_providers = ["COGNITO"]
prevent_user_existence_errors = "ENABLED"
refresh_token_rotation = { feature = "ENABLED", retry_grace_period_seconds = 10 }

[spa]
client_id = "7lhdbv12q1ud9rgg7g779u8va7"
issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE12"
redirect_uri = "http://localhost:5173/callback"
scopes = ["openid", "email"]
"#;

#[test]
fn clean_manifest_exits_0() {
    let dir = TempDir::new();
    dir.file("cogfed.toml", CLEAN);
    let o = cogfed(&["lint", "cogfed.toml"], &dir.0);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("no findings in 1 file"));
}

#[test]
fn errors_exit_1_in_every_format() {
    let dir = TempDir::new();
    dir.file(
        "cogfed.toml",
        CLEAN.replace(
            "redirect_uri = \"http://localhost:5173/callback\"",
            "redirect_uri = \"http://localhost:5173/callback/\"",
        ),
    );
    let text = cogfed(&["lint", "cogfed.toml"], &dir.0);
    assert_eq!(text.status.code(), Some(1));
    let out = stdout(&text);
    assert!(out.contains("error[spa-redirect-uri-not-registered]"), "{out}");
    assert!(out.contains("--> cogfed.toml:21:16"), "{out}");
    assert!(out.contains("differs in a trailing slash"), "{out}");

    let json = cogfed(&["lint", "--format", "json", "cogfed.toml"], &dir.0);
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["findings"][0]["rule"], "spa-redirect-uri-not-registered");
    assert_eq!(v["findings"][0]["line"], 21);
    assert_eq!(v["findings"][0]["column"], 16);
    assert_eq!(v["findings"][0]["pointer"], "/spa/redirect_uri");
    assert_eq!(v["summary"]["errors"], 1);

    let sarif = cogfed(&["lint", "--format", "sarif", "cogfed.toml"], &dir.0);
    assert_eq!(sarif.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(
        v["runs"][0]["results"][0]["ruleId"],
        "spa-redirect-uri-not-registered"
    );
}

#[test]
fn warnings_pass_unless_denied_and_flags_override_severity() {
    let dir = TempDir::new();
    dir.file(
        "cogfed.toml",
        CLEAN.replace(
            "allowed_oauth_flows = [\"code\"]",
            "allowed_oauth_flows = [\"code\", \"implicit\"]",
        ),
    );
    let o = cogfed(&["lint", "cogfed.toml"], &dir.0);
    assert_eq!(o.status.code(), Some(0), "a warning alone passes: {}", stdout(&o));
    assert!(stdout(&o).contains("warning[implicit-flow-on-browser-client]"));
    assert_eq!(
        cogfed(&["lint", "--deny", "warnings", "cogfed.toml"], &dir.0)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        cogfed(
            &["lint", "--deny", "implicit-flow-on-browser-client", "cogfed.toml"],
            &dir.0
        )
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        cogfed(&["lint", "--deny", "security", "cogfed.toml"], &dir.0)
            .status
            .code(),
        Some(1)
    );
    let allowed = cogfed(
        &["lint", "--deny", "warnings", "--allow", "security", "cogfed.toml"],
        &dir.0,
    );
    assert_eq!(allowed.status.code(), Some(0));
    assert!(stdout(&allowed).contains("no findings"));
    // A rule-level flag beats a group-level one.
    let o = cogfed(
        &[
            "lint",
            "--allow",
            "security",
            "--deny",
            "implicit-flow-on-browser-client",
            "cogfed.toml",
        ],
        &dir.0,
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn manifest_severity_overrides_apply_and_bad_ones_are_input_errors() {
    let dir = TempDir::new();
    let with_override = format!(
        "{}\n[lint.severity]\nimplicit-flow-on-browser-client = \"error\"\n",
        CLEAN.replace("[\"code\"]", "[\"code\", \"implicit\"]")
    );
    dir.file("a.toml", &with_override);
    assert_eq!(cogfed(&["lint", "a.toml"], &dir.0).status.code(), Some(1));
    dir.file(
        "b.toml",
        format!("{CLEAN}\n[lint.severity]\nimplicit-flow-on-browser-clnt = \"off\"\n"),
    );
    let o = cogfed(&["lint", "b.toml"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        has_input_error(
            &stdout(&o),
            "b.toml:25:1",
            "unknown rule or group `implicit-flow-on-browser-clnt`; did you mean `implicit-flow-on-browser-client`?"
        ),
        "{}",
        stdout(&o)
    );
    dir.file(
        "c.toml",
        format!("{CLEAN}\n[lint.severity]\nsecurity = \"fatal\"\n"),
    );
    let o = cogfed(&["lint", "c.toml"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        has_input_error(&stdout(&o), "c.toml:25:12", "unknown severity `fatal`"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn input_errors_exit_2_with_file_line_column() {
    let dir = TempDir::new();
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "bad.json",
            b"{\"UserPoolClient\": {\"ClientName\": \"x\",}}".to_vec(),
            "bad.json:1:39",
            "expected a string key",
        ),
        (
            "bad.yaml",
            b"Resources:\n  A:\n    Type: AWS::Cognito::UserPool\n    Properties: [1, 2\n".to_vec(),
            "bad.yaml:5:1",
            "invalid YAML",
        ),
        (
            "bad.toml",
            b"version = 1\n[user_pool\n".to_vec(),
            "bad.toml:2:11",
            "invalid TOML",
        ),
        (
            "types.toml",
            b"version = 1\n[[clients]]\ncallback_urls = \"https://x\"\n".to_vec(),
            "types.toml:3:17",
            "invalid type: string \"https://x\", expected a sequence",
        ),
        (
            "typo.toml",
            b"version = 1\n[[clients]]\nclient_nme = \"web\"\n".to_vec(),
            "typo.toml:3:1",
            "unknown key `client_nme`; did you mean `client_name`?",
        ),
        (
            "version.toml",
            b"version = 2\n[user_pool]\n".to_vec(),
            "version.toml:1:11",
            "unsupported manifest version",
        ),
        (
            "latin1.toml",
            b"version = 1\n# caf\xe9\n".to_vec(),
            "latin1.toml:2:6",
            "not UTF-8 text",
        ),
        (
            "awstypes.json",
            b"{\"UserPoolClient\": {\"CallbackURLs\": {\"a\": 1}}}".to_vec(),
            "awstypes.json:1:37",
            "invalid type: map, expected a sequence",
        ),
    ];
    for (name, contents, at, message) in cases {
        dir.file(name, contents);
        let o = cogfed(&["lint", name], &dir.0);
        assert_eq!(o.status.code(), Some(2), "{name}: {}{}", stdout(&o), stderr(&o));
        assert!(
            has_input_error(&stdout(&o), at, message),
            "{name}: want `{message}` at {at} in:\n{}",
            stdout(&o)
        );
        assert!(!stderr(&o).contains("panicked"), "{name}");
    }
    let o = cogfed(&["lint", "does-not-exist.yaml"], &dir.0);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a path that does not exist is a usage error"
    );
    assert!(
        stderr(&o).contains("does-not-exist.yaml: cannot read"),
        "{}",
        stderr(&o)
    );
}

/// Issue 12: a folder as teams have it. Files that are not inputs are skipped and counted; a malformed input
/// is a finding in every format and does not hide the others' findings; JSON and SARIF stay one complete
/// document; the exit code is decided after everything was linted.
#[test]
fn folders_with_other_files_are_linted_and_bad_files_hide_nothing() {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.0.join("infra/node_modules/x")).unwrap();
    std::fs::create_dir_all(dir.0.join("infra/events")).unwrap();
    std::fs::create_dir_all(dir.0.join(".aws-sam")).unwrap();
    dir.file(
        "infra/cogfed.toml",
        CLEAN.replace("[\"code\"]", "[\"code\", \"implicit\"]"),
    );
    dir.file(
        "infra/package.json",
        r#"{"name": "app", "version": "1.0.0", "scripts": {}}"#,
    );
    dir.file(
        "infra/buildspec.yml",
        "version: 0.2\nphases:\n  build:\n    commands: [make]\n",
    );
    dir.file(
        "infra/docker-compose.yml",
        "version: \"3\"\nservices:\n  web: {image: nginx}\n",
    );
    dir.file("infra/events/event.json", r#"{"httpMethod": "GET", "path": "/"}"#);
    dir.file(
        "infra/broken.yaml",
        "Resources:\n  P:\n    Type: AWS::Cognito::UserPool\n    Properties: {a: [1}\n",
    );
    dir.file("infra/not-ours-broken.yml", "services: [web\n");
    dir.file(
        "infra/node_modules/x/template.yaml",
        "Resources: {C: {Type: AWS::Cognito::UserPoolClient}}\n",
    );
    dir.file(
        ".aws-sam/template.yaml",
        "Resources: {C: {Type: AWS::Cognito::UserPoolClient}}\n",
    );
    dir.file(".gitignore", "node_modules/\n");
    dir.file("README.md", "# not a candidate\n");

    let json = cogfed(&["lint", "--format", "json", "infra"], &dir.0);
    assert_eq!(
        json.status.code(),
        Some(2),
        "a malformed input: {}",
        stderr(&json)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("one complete JSON document");
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"implicit-flow-on-browser-client"), "{rules:?}");
    let input = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "input-error")
        .unwrap();
    assert_eq!(
        (input["file"].as_str(), input["line"].as_u64()),
        (Some("infra/broken.yaml"), Some(4))
    );
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["skipped"], 5, "{}", v["skipped"]);
    let skipped: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        skipped,
        [
            "infra/buildspec.yml",
            "infra/docker-compose.yml",
            "infra/events/event.json",
            "infra/not-ours-broken.yml",
            "infra/package.json"
        ]
    );

    let sarif = cogfed(&["lint", "--format", "sarif", "infra"], &dir.0);
    assert_eq!(sarif.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&sarif)).expect("one complete SARIF log");
    let run = &v["runs"][0];
    assert!(
        run["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ruleId"] == "input-error")
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        run["artifacts"].as_array().unwrap().len(),
        2,
        "only inputs are artifacts"
    );

    // No path: the current directory, .gitignore honoured (node_modules), hidden directories skipped.
    let text = cogfed(&["lint", "--verbose", "--exclude", "broken.yaml"], &dir.0);
    assert_eq!(
        text.status.code(),
        Some(0),
        "the rest has only a warning: {}",
        stdout(&text)
    );
    let out = stdout(&text);
    assert!(out.contains("in 1 file, 5 other files skipped"), "{out}");
    assert!(
        out.contains("skipped: infra/package.json: JSON, but not a format cogfed reads"),
        "{out}"
    );
    assert!(
        !out.contains("node_modules") && !out.contains(".aws-sam"),
        "{out}"
    );
    // Named files are read even when a walk would not consider them; --exclude applies to them too.
    let o = cogfed(&["lint", "--exclude", "*.toml", "infra/cogfed.toml"], &dir.0);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("no input cogfed reads was found"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn huge_and_hostile_inputs_are_rejected_without_a_panic() {
    let dir = TempDir::new();
    let huge = dir.file("huge.json", vec![b' '; 8 * 1024 * 1024 + 1]);
    let o = cogfed(&["lint", huge.to_str().unwrap()], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("the limit is 8388608 bytes (8 MiB)"),
        "{}",
        stdout(&o)
    );
    // Found by a walk, the same file is skipped with that reason instead (a data file in a repository).
    std::fs::create_dir_all(dir.0.join("walk")).unwrap();
    std::fs::rename(&huge, dir.0.join("walk/huge.json")).unwrap();
    let o = cogfed(&["lint", "--format", "json", "walk"], &dir.0);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("the limit is 8388608 bytes"),
        "{}",
        stdout(&o)
    );

    let mut bomb = String::from("Resources:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "  a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bomb.push_str("  C: {Type: AWS::Cognito::UserPoolClient}\n");
    dir.file("bomb.yaml", bomb);
    let o = cogfed(&["lint", "bomb.yaml"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("alias"), "{}", stdout(&o));

    dir.file(
        "deep.json",
        format!("{{\"UserPoolClient\": {}", "[".repeat(100_000)),
    );
    let o = cogfed(&["lint", "deep.json"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        has_input_error(&stdout(&o), "deep.json:1:148", "nesting deeper than 128 levels"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = TempDir::new();
    dir.file("cogfed.toml", CLEAN);
    let o = cogfed(&["lint", "--deny", "uri-wildcrd", "cogfed.toml"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown rule or group `uri-wildcrd`; did you mean `uri-wildcard`?"),
        "{}",
        stderr(&o)
    );
    // No path lints the current directory (here: a clean manifest).
    assert_eq!(cogfed(&["lint"], &dir.0).status.code(), Some(0));
    assert_eq!(
        cogfed(&["lint", "--allow", "input-error", "cogfed.toml"], &dir.0)
            .status
            .code(),
        Some(2),
        "input errors cannot be turned off"
    );
    assert_eq!(
        cogfed(&["lint", "--format", "xml", "cogfed.toml"], &dir.0)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn files_from_several_formats_merge_and_reference_each_other() {
    let dir = TempDir::new();
    dir.file(
        "template.yaml",
        r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: users}
  Corp:
    Type: AWS::Cognito::UserPoolIdentityProvider
    Properties:
      UserPoolId: !Ref Pool
      ProviderName: CorpOIDC
      ProviderType: OIDC
      ProviderDetails: {client_id: abc, client_secret: s, authorize_scopes: openid email, oidc_issuer: "https://idp.example.com"}
      AttributeMapping: {email: sub}
  Web:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: web
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid]
      CallbackURLs: [!Sub "https://${AWS::Region}.example.com/cb", "https://app.example.com/cb"]
      SupportedIdentityProviders: [!Ref Corp]
"#,
    );
    dir.file("spa.toml", "version = 1\n[spa]\nclient_id = \"web\"\nredirect_uri = \"https://app.example.com/cb\"\n\n[[upstream_idps]]\nprovider_name = \"CorpOIDC\"\nissuer = \"https://idp.example.com/\"\n");
    dir.file("pomerium.env", "IDP_PROVIDER=\"oidc\"\nIDP_PROVIDER_URL=\"https://myapp.auth.us-east-1.amazoncognito.com\"\nIDP_CLIENT_ID=\"web\"\nIDP_SCOPES=\"openid,profile,email\"\n");
    let o = cogfed(
        &[
            "lint",
            "--format",
            "json",
            "template.yaml",
            "spa.toml",
            "pomerium.env",
        ],
        &dir.0,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let got: Vec<(String, String, u64, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["file"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    // Every finding, in output order (file, then position). The cross-file ones: the trailing slash compares
    // the template's oidc_issuer with spa.toml's upstream registration; the SPA's `client_id = "web"` (a
    // client *name*) makes the template's client a browser client (no rotation); Pomerium's IDP_CLIENT_ID
    // names the same client, whose AllowedOAuthScopes lack what Pomerium requests.
    let want: Vec<(String, String, u64, u64)> = [
        ("idp-details-missing-key", "template.yaml", 12, 24), // no attributes_request_method
        ("issuer-trailing-slash", "template.yaml", 12, 104),
        ("mapping-email-without-verified", "template.yaml", 13, 26),
        ("mapping-email-from-sub", "template.yaml", 13, 33),
        ("oauth-flows-disabled", "template.yaml", 17, 7), // no AllowedOAuthFlowsUserPoolClient
        ("public-client-no-rotation", "template.yaml", 17, 7),
        ("issuer-is-hosted-ui-domain", "pomerium.env", 2, 18),
        ("scope-not-allowed", "pomerium.env", 4, 20), // profile
        ("scope-not-allowed", "pomerium.env", 4, 28), // email
    ]
    .iter()
    .map(|(r, f, l, c)| (r.to_string(), f.to_string(), *l, *c))
    .collect();
    assert_eq!(got, want, "{}", stdout(&o));
    assert_eq!(v["summary"]["files"], 3);
}

#[test]
fn rules_explain_and_schema() {
    let dir = TempDir::new();
    let o = cogfed(&["rules"], &dir.0);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for id in [
        "api-pattern",
        "spa-redirect-uri-not-registered",
        "browser-client-has-secret",
        "supported-idp-unknown",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(id)),
            "{id} missing from:\n{out}"
        );
    }
    assert!(
        out.lines()
            .any(|l| l.starts_with("implicit-flow-on-browser-client")
                && l.contains("security")
                && l.contains("warning"))
    );

    let o = cogfed(&["explain", "uri-has-fragment"], &dir.0);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("uri-has-fragment (broken, error by default)"));
    for section in [
        "# What it checks",
        "# Why it matters",
        "# Example",
        "# Fix",
        "# Source",
    ] {
        assert!(out.contains(section), "{section}:\n{out}");
    }
    let o = cogfed(&["explain", "uri-has-fragmnt"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `uri-has-fragment`?"));

    let o = cogfed(&["schema"], &dir.0);
    assert_eq!(o.status.code(), Some(0));
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../cogfed-lint/manifest.schema.json"),
    )
    .unwrap();
    assert_eq!(stdout(&o), committed);
}

/// The pre-commit hooks (issue 12): each lints the whole repository (cross-file rules need every file), on the
/// files cogfed may read; the build hook's script exists and is executable; the system hook's entry works.
#[test]
fn pre_commit_hooks_lint_the_whole_repository() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(repo.join(".pre-commit-hooks.yaml")).expect("hooks file");
    let hooks = cogfed_lint::parse::parse_yaml(&text).expect("valid YAML");
    let ids: Vec<&str> = hooks
        .items()
        .iter()
        .filter_map(|h| h.get("id").and_then(|v| v.as_str()))
        .collect();
    assert_eq!(ids, ["cogfed-lint", "cogfed-lint-build"]);
    for hook in hooks.items() {
        assert_eq!(
            hook.get("pass_filenames").map(|v| &v.kind),
            Some(&cogfed_lint::node::NodeKind::Bool(false))
        );
        // `\.(ya?ml|json|...)$`: the alternatives, with `x?` expanded, are the extensions a walk considers.
        let files = hook.get("files").and_then(|v| v.as_str()).expect("files");
        let alternatives = files
            .strip_prefix("\\.(")
            .and_then(|f| f.strip_suffix(")$"))
            .unwrap_or_else(|| panic!("unexpected pattern {files}"));
        let mut extensions = Vec::new();
        for alt in alternatives.split('|') {
            match alt.find('?') {
                Some(q) => {
                    extensions.push(format!("{}{}", &alt[..q], &alt[q + 1..]));
                    extensions.push(format!("{}{}", &alt[..q - 1], &alt[q + 1..]));
                }
                None => extensions.push(alt.to_string()),
            }
        }
        extensions.sort();
        assert_eq!(
            extensions,
            ["env", "json", "template", "tf", "tfvars", "toml", "yaml", "yml"],
            "{files}"
        );
        let entry = hook.get("entry").and_then(|v| v.as_str()).expect("entry");
        if hook.get("language").and_then(|v| v.as_str()) == Some("script") {
            let mode = std::fs::metadata(repo.join(entry))
                .expect("the script")
                .permissions()
                .mode();
            assert!(mode & 0o111 != 0, "{entry} is not executable");
            let script = std::fs::read_to_string(repo.join(entry)).unwrap();
            assert!(script.contains("lint \"$@\""), "{script}");
        } else {
            assert_eq!(entry, "cogfed lint");
        }
    }
    // The system hook's command, as pre-commit runs it: no file names, in the repository.
    let dir = TempDir::new();
    dir.file("cogfed.toml", CLEAN);
    let o = cogfed(&["lint"], &dir.0);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
