//! The three renderers over a real lint run: the JSON shape is a public interface, the SARIF validates
//! against the OASIS 2.1.0 schema, the text looks like rustc.

use cogfed_lint::render::{render_json, render_sarif, render_text};
use cogfed_lint::{LintOptions, Loaded, Report, SourceFile, lint, load};
use serde_json::Value;

const MANIFEST: &str = r#"version = 1

[user_pool]
id = "us-east-1_ExAmPlE12"

[[clients]]
client_name = "web"
callback_urls = ["https://app.example.com/#/cb", "http://app.example.com/cb"]
allowed_oauth_flows = ["code", "implicit"]

[spa]
client_id = "web"
redirect_uri = "https://app.example.com/cb"
"#;

fn run() -> (Loaded, Report) {
    let loaded = load(vec![SourceFile::new("dir with space/cogfed.toml", MANIFEST)]).unwrap();
    let report = lint(&loaded, &LintOptions::default()).unwrap();
    (loaded, report)
}

#[test]
fn json_has_exactly_the_public_shape() {
    let (loaded, report) = run();
    let v: Value = serde_json::from_str(&render_json(&report, &loaded.sources)).unwrap();
    let mut top: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    top.sort();
    assert_eq!(top, ["findings", "skipped", "summary", "version"]);
    assert_eq!(v["version"], 1);
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "column", "file", "help", "line", "message", "pointer", "rule", "severity"
            ]
        );
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
        assert!(f["help"].is_string() || f["help"].is_null());
    }
    let fragment = findings
        .iter()
        .find(|f| f["rule"] == "uri-has-fragment")
        .expect("uri-has-fragment finding");
    assert_eq!(fragment["file"], "dir with space/cogfed.toml");
    assert_eq!(fragment["line"], 8);
    assert_eq!(fragment["column"], 18);
    assert_eq!(fragment["pointer"], "/clients/0/callback_urls/0");
    let implicit = findings
        .iter()
        .find(|f| f["rule"] == "implicit-flow-on-browser-client")
        .unwrap();
    assert_eq!(implicit["severity"], "warning");
    let summary = &v["summary"];
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(summary["errors"], errors);
    assert_eq!(summary["warnings"], findings.len() - errors);
    assert_eq!(summary["infos"], 0);
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["skipped"], 0);
    assert_eq!(v["skipped"], serde_json::json!([]));
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let (loaded, report) = run();
    let sarif: Value = serde_json::from_str(&render_sarif(&report, &loaded.sources)).unwrap();
    let schema_text = include_str!("data/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(schema_text).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), cogfed_lint::rules::all().len());
    // No placeholder URLs: the rule's whole doc travels in `help` and `fullDescription` instead.
    assert!(!sarif.to_string().contains("example.invalid"));
    assert!(rules.iter().all(|r| {
        r.get("helpUri").is_none()
            && r["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
            && r["help"]["text"].as_str().is_some_and(|t| t.contains("# Fix"))
    }));
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "uri-has-fragment")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 8);
    assert_eq!(region["startColumn"], 18);
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "dir%20with%20space/cogfed.toml"
    );
    let idx = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], "uri-has-fragment");

    // And a deliberately broken log does not validate, so the check has teeth.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::String("fatal".into());
    assert!(!validator.is_valid(&broken));
}

#[test]
fn text_looks_like_rustc() {
    let (loaded, report) = run();
    let text = render_text(&report, &loaded.sources, false);
    let expected = "error[uri-has-fragment]: CallbackURLs entry `https://app.example.com/#/cb` of app client `web` has a fragment (`#/cb`)\n";
    assert!(text.contains(expected), "{text}");
    assert!(text.contains("--> dir with space/cogfed.toml:8:18"), "{text}");
    assert!(
        text.contains("callback_urls = [\"https://app.example.com/#/cb\""),
        "{text}"
    );
    assert!(
        text.contains("^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"),
        "a caret line under the value:\n{text}"
    );
    assert!(
        text.contains(
            "= help: register `https://app.example.com/` and route inside the app after the callback"
        ),
        "{text}"
    );
    assert!(text.contains("= note: at /clients/0/callback_urls/0"), "{text}");
    assert!(text.trim_end().ends_with("in 1 file"), "{text}");
    assert!(!text.contains('\u{1b}'), "plain text has no ANSI escapes");
    assert!(render_text(&report, &loaded.sources, true).contains('\u{1b}'));
}

/// Issue 12: a YAML value followed by a comment is underlined up to its end, not through the comment, in the
/// text output and in SARIF's region (editors and code scanning highlight exactly the value).
#[test]
fn spans_end_with_the_value_not_at_a_trailing_comment() {
    let template = "Resources:\n  Okta:\n    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties:\n      UserPoolId: us-east-1_ExAmPlE12\n      ProviderName: \"My Okta\"   # the display name\n      ProviderType: OIDC\n      ProviderDetails: {client_id: c, client_secret: s, authorize_scopes: openid, attributes_request_method: GET, oidc_issuer: \"https://idp.example.com\"}\n";
    let loaded = load(vec![SourceFile::new("t.yaml", template)]).unwrap();
    let report = lint(&loaded, &LintOptions::default()).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "provider-name-pattern")
        .expect("a space is not allowed in a provider name");
    assert_eq!(&template[f.loc.span.start..f.loc.span.end], "\"My Okta\"");
    let text = render_text(&report, &loaded.sources, false);
    let caret_line = text
        .lines()
        .skip_while(|l| !l.contains("ProviderName: \"My Okta\""))
        .nth(1)
        .expect("the caret line");
    assert_eq!(caret_line.matches('^').count(), "\"My Okta\"".len(), "{text}");
    let sarif: Value = serde_json::from_str(&render_sarif(&report, &loaded.sources)).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "provider-name-pattern")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["endLine"].as_u64()),
        (Some(6), Some(6))
    );
    assert_eq!(region["startColumn"].as_u64(), Some(21));
    assert_eq!(
        region["endColumn"].as_u64(),
        Some(30),
        "one past the closing quote"
    );
}
