//! Terraform through the public `load_all` + `lint` (issue 15): configurations in both syntaxes, variable
//! files, `terraform show -json` plans and states, `terraform output -json`, and what a user sees: the rule,
//! file:line:column and the JSON pointer of the argument.

use cogfed_lint::de::{items, known_str};
use cogfed_lint::{Format, LintOptions, Loaded, SourceFile, lint, load_all};
use std::path::Path;

fn input(name: &str) -> SourceFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/inputs/terraform")
        .join(name);
    SourceFile::new(name, std::fs::read_to_string(path).unwrap())
}

/// (rule, file, line, column, pointer) of every finding.
fn findings(loaded: &Loaded) -> Vec<(String, String, usize, usize, String)> {
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
                f.loc.pointer.clone(),
            )
        })
        .collect()
}

fn has(f: &[(String, String, usize, usize, String)], rule: &str) -> bool {
    f.iter().any(|x| x.0 == rule)
}

const MAIN: &str = r#"resource "aws_cognito_user_pool" "main" {
  name = "shop"
}

resource "aws_cognito_user_pool_client" "spa" {
  name                                 = "spa"
  user_pool_id                         = aws_cognito_user_pool.main.id
  callback_urls                        = ["${var.origin}/#/callback", var.extra]
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = ["openid"]
}
"#;

#[test]
fn findings_point_at_the_argument_in_the_tf_file() {
    let loaded = load_all(vec![
        SourceFile::new("infra/main.tf", MAIN),
        SourceFile::new(
            "infra/variables.tf",
            "variable \"origin\" {\n  default = \"https://shop.example.com\"\n}\nvariable \"extra\" {}\n",
        ),
    ]);
    assert!(loaded.malformed.is_empty() && loaded.skipped.is_empty());
    assert!(loaded.formats.iter().all(|(_, f)| *f == Format::Terraform));
    let f = findings(&loaded);
    let fragment = f
        .iter()
        .find(|x| x.0 == "uri-has-fragment")
        .expect("the fragment is found");
    assert_eq!(
        (fragment.1.as_str(), fragment.2, fragment.3, fragment.4.as_str()),
        (
            "infra/main.tf",
            8,
            43,
            "/resource/aws_cognito_user_pool_client/spa/callback_urls/0"
        )
    );
    // The second URL comes from a variable nothing sets: said once, as info, where it is used.
    let unset = f
        .iter()
        .find(|x| x.0 == "callback-urls-unset-variable")
        .expect("info");
    assert_eq!((unset.2, unset.3), (8, 42));
    // Every file alone: the variables file is an input too, and main.tf alone still lints.
    let alone = load_all(vec![SourceFile::new("main.tf", MAIN)]);
    assert!(has(&findings(&alone), "callback-urls-unset-variable"));
}

#[test]
fn a_malformed_tf_file_is_an_input_error_and_hides_nothing_else() {
    let loaded = load_all(vec![
        SourceFile::new("a/main.tf", MAIN.replace("#/callback", "callback")),
        SourceFile::new(
            "a/broken.tf",
            "resource \"aws_cognito_user_pool_client\" \"x\" {\n  name = \n}\n",
        ),
        SourceFile::new("b/providers.tf", "provider \"aws\" {\n  region = \n"),
        SourceFile::new("b/other.tf", "variable \"x\" {\n  default = [\n"),
    ]);
    let errors = loaded.input_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "a/broken.tf");
    assert_eq!(errors[0].position.map(|p| p.line), Some(2));
    // A broken .tf that configures nothing of Cognito is skipped, like a broken docker-compose.yml.
    assert_eq!(loaded.skipped.len(), 2);
    assert!(
        loaded.skipped[0].reason.contains("not valid Terraform"),
        "{:?}",
        loaded.skipped
    );
    assert_eq!(loaded.integration.clients.len(), 1);
}

#[test]
fn pasted_hcl_is_recognised_and_named_main_tf() {
    let loaded = load_all(vec![SourceFile::new("", MAIN)]);
    assert_eq!(loaded.formats, [(cogfed_lint::FileId(0), Format::Terraform)]);
    assert_eq!(loaded.suggested_names[0].1, "main.tf");
    let json = load_all(vec![SourceFile::new(
        "pasted",
        r#"{"resource": {"aws_cognito_user_pool_client": {"c": {"name": "c", "callback_urls": ["https://a/#x"]}}}}"#,
    )]);
    assert_eq!(json.formats[0].1, Format::Terraform);
    assert_eq!(json.suggested_names[0].1, "main.tf.json");
    let f = findings(&json);
    let frag = f.iter().find(|x| x.0 == "uri-has-fragment").expect("found");
    assert_eq!(frag.4, "/resource/aws_cognito_user_pool_client/c/callback_urls/0");
}

#[test]
fn variable_files_apply_as_terraform_loads_them() {
    let main = MAIN.replace("[\"${var.origin}/#/callback\", var.extra]", "var.origin");
    let vars = "variable \"origin\" {\n  type = string\n}\n";
    // One non-automatic .tfvars: the one the configuration is applied with.
    let one = load_all(vec![
        SourceFile::new("main.tf", main.clone()),
        SourceFile::new("variables.tf", vars),
        SourceFile::new("prod.tfvars", "origin = [\"http://shop.example.com/cb\"]\n"),
    ]);
    assert!(has(&findings(&one), "uri-insecure-scheme"));
    // Several environments that differ: unknown, so no finding and no guess.
    let two = load_all(vec![
        SourceFile::new("main.tf", main.clone()),
        SourceFile::new("variables.tf", vars),
        SourceFile::new("dev.tfvars", "origin = [\"http://localhost:3000/cb\"]\n"),
        SourceFile::new("prod.tfvars", "origin = [\"http://shop.example.com/cb\"]\n"),
    ]);
    let f = findings(&two);
    assert!(
        !has(&f, "uri-insecure-scheme") && !has(&f, "callback-urls-unset-variable"),
        "{f:?}"
    );
    // terraform.tfvars wins over the default and is loaded automatically.
    let auto = load_all(vec![
        SourceFile::new("main.tf", main),
        SourceFile::new(
            "variables.tf",
            "variable \"origin\" {\n  default = [\"https://ok.example.com/cb\"]\n}\n",
        ),
        SourceFile::new("terraform.tfvars", "origin = [\"https://x.example.com/#/cb\"]\n"),
    ]);
    assert!(has(&findings(&auto), "uri-has-fragment"));
}

#[test]
fn a_plan_with_modules_and_values_known_after_apply() {
    let loaded = load_all(vec![input("plan.json")]);
    assert!(loaded.malformed.is_empty(), "{:?}", loaded.input_errors());
    assert_eq!(loaded.formats[0].1, Format::TerraformPlan);
    assert_eq!(loaded.suggested_names[0].1, "plan.json");
    let i = &loaded.integration;
    let c = i.clients[0].get().unwrap();
    let pool = i.user_pool.as_ref().unwrap().get().unwrap();
    assert_eq!(
        c.pool_ref, pool.pool_ref,
        "joined through the configuration's references"
    );
    assert!(
        c.client_id.as_ref().unwrap().is_unknown(),
        "after_unknown: known after apply"
    );
    assert!(
        c.read_attributes.as_ref().unwrap().is_unknown(),
        "not absent: unknown"
    );
    assert_eq!(
        known_str(&items(&pool.schema_attributes)[0].get().unwrap().name),
        Some("custom:tenant")
    );
    let f = findings(&loaded);
    let frag = f
        .iter()
        .find(|x| x.0 == "uri-has-fragment")
        .expect("found in the plan");
    assert_eq!(
        frag.4,
        "/planned_values/root_module/child_modules/0/resources/2/values/callback_urls/1"
    );
    assert!(has(&f, "idp-details-perpetual-diff"), "{f:?}");
    assert!(
        !has(&f, "read-attributes-missing-verified"),
        "unknown read_attributes are not judged"
    );
}

#[test]
fn a_state_is_what_cognito_returned() {
    let loaded = load_all(vec![input("state.json")]);
    assert!(loaded.malformed.is_empty(), "{:?}", loaded.input_errors());
    assert_eq!(loaded.suggested_names[0].1, "state.json");
    let i = &loaded.integration;
    assert_eq!(i.other_pools.len(), 1, "the data source is another pool");
    let c = i.clients[0].get().unwrap();
    assert_eq!(known_str(&c.client_id), Some("4example5client6id7abcdefgh"));
    assert!(
        c.client_secret.is_none(),
        "the state's computed secret is not a custom one"
    );
    let f = findings(&loaded);
    // The keys Cognito added are in a state, as in Describe: neither read-only nor a diff.
    assert!(
        !has(&f, "idp-details-unknown-key") && !has(&f, "idp-details-perpetual-diff"),
        "{f:?}"
    );
    assert!(!f.iter().any(|x| x.0 != "info" && x.0 == "input-error"));
}

#[test]
fn terraform_output_gives_the_ids_cognito_assigned() {
    let known = MAIN.replace(
        "[\"${var.origin}/#/callback\", var.extra]",
        "[\"https://shop.example.com/callback\"]",
    );
    let main = format!(
        "{known}\noutput \"client_id\" {{\n  value = aws_cognito_user_pool_client.spa.id\n}}\noutput \"pool\" {{\n  value = aws_cognito_user_pool.main.id\n}}\n"
    );
    let outputs = r#"{"client_id": {"sensitive": false, "type": "string", "value": "1abc2def3ghi4jkl5mno6pqr7s"},
 "pool": {"sensitive": false, "type": "string", "value": "us-east-1_AbC123456"}}"#;
    let loaded = load_all(vec![
        SourceFile::new("main.tf", main),
        SourceFile::new("terraform-output.json", outputs),
        SourceFile::new(
            "spa.toml",
            "version = 1\n[spa]\nclient_id = \"1abc2def3ghi4jkl5mno6pqr7s\"\nredirect_uri = \"https://nope.example.com/cb\"\n",
        ),
    ]);
    assert_eq!(loaded.formats[1].1, Format::TerraformOutput);
    let c = loaded.integration.clients[0].get().unwrap();
    assert_eq!(known_str(&c.client_id), Some("1abc2def3ghi4jkl5mno6pqr7s"));
    assert_eq!(c.client_id.as_ref().unwrap().loc.pointer, "/client_id/value");
    let pool = loaded.integration.user_pool.as_ref().unwrap().get().unwrap();
    assert_eq!(known_str(&pool.id), Some("us-east-1_AbC123456"));
    // The SPA names the client by the id Cognito assigned: its redirect URI is held against the .tf.
    assert!(has(&findings(&loaded), "spa-redirect-uri-not-registered"));
}
