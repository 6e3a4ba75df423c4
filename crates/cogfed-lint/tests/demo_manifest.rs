//! The demo integration `examples/local-demo.toml` (served by `cogfed local`, linted by the config checker)
//! must lint without errors or warnings: it uses Local Cognito's loopback issuer and a loopback stand-in IdP,
//! which the issuer and IdP endpoint rules accept only because the file has a `[local]` section.

use cogfed_lint::{LintOptions, Severity, SourceFile, lint, load};

#[test]
fn the_demo_manifest_has_no_errors_or_warnings() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/local-demo.toml");
    let text = std::fs::read_to_string(path).expect("examples/local-demo.toml is readable");
    let loaded =
        load(vec![SourceFile::new("examples/local-demo.toml", text.clone())]).expect("the demo loads");
    let report = lint(&loaded, &LintOptions::default()).expect("no severity settings to reject");
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {}: {}", f.rule, f.loc.pointer, f.message))
        .collect();
    assert!(
        errors.is_empty(),
        "errors or warnings in the demo manifest:\n{}",
        errors.join("\n")
    );

    // Without `[local]` the same loopback issuer and IdP are errors: the acceptance above is deliberate.
    let without_local = text.split("\n[local]").next().unwrap_or(&text).to_string();
    let loaded = load(vec![SourceFile::new("no-local.toml", without_local)]).expect("still loads");
    let report = lint(&loaded, &LintOptions::default()).expect("no severity settings to reject");
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"issuer-not-https"), "{rules:?}");
    assert!(rules.contains(&"idp-endpoint-not-https"), "{rules:?}");
}
