//! The auth client's error catalogue (`cogfed_auth::errors`) names the `cogfed lint` rule that would have
//! caught each error's cause. The linter's registry owns the ids; this test is where both crates are reachable,
//! so a renamed or dropped rule cannot leave the catalogue pointing at nothing.

use std::collections::BTreeSet;

#[test]
fn every_rule_id_of_the_error_catalogue_is_a_linter_rule() {
    let referenced: BTreeSet<&str> = cogfed_auth::errors::catalogue()
        .filter_map(|e| e.rule_id)
        .collect();
    // Not vacuous: the catalogue links most of cognito-facts §8 A-D to rules.
    assert!(
        referenced.len() >= 10,
        "only {} rule ids referenced: {referenced:?}",
        referenced.len()
    );
    let unknown: Vec<String> = cogfed_auth::errors::catalogue()
        .filter_map(|e| e.rule_id.map(|r| (e.id, r)))
        .filter(|(_, rule)| cogfed_lint::rules::find(rule).is_none())
        .map(|(entry, rule)| format!("catalogue entry `{entry}` -> `{rule}`"))
        .collect();
    assert!(
        unknown.is_empty(),
        "rule ids the linter does not define:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn an_unknown_id_would_be_caught() {
    // The lookup the test above relies on really distinguishes ids.
    assert!(cogfed_lint::rules::find("spa-redirect-uri-not-registered").is_some());
    assert!(cogfed_lint::rules::find("spa-redirect-uri-not-registred").is_none());
}
