//! The contract between the doctor and the linter's rule registry: every live rule the doctor can emit is a
//! registered rule of group `live` without a static check, and every such registered rule is one the doctor
//! emits; `cogfed explain` can therefore explain every finding of `cogfed doctor`.

use cogfed_doctor::LiveRule;
use cogfed_lint::Group;
use cogfed_lint::rules::{self, Check};
use std::collections::BTreeSet;

#[test]
fn every_live_rule_the_doctor_emits_is_registered_and_documented() {
    let mut ids = BTreeSet::new();
    for rule in LiveRule::ALL {
        assert!(ids.insert(rule.id()), "{} twice in LiveRule::ALL", rule.id());
        let registered =
            rules::find(rule.id()).unwrap_or_else(|| panic!("{} is not in the registry", rule.id()));
        assert_eq!(registered.group, Group::Live, "{}", rule.id());
        assert!(
            matches!(registered.check, Check::Live),
            "{} has a static check",
            rule.id()
        );
        for section in ["What it checks", "Why it matters", "Example", "Fix", "Source"] {
            assert!(
                registered.doc_section(section).is_some_and(|s| !s.is_empty()),
                "{}: no `# {section}`",
                rule.id()
            );
        }
        // Findings made by the doctor carry the registry's default severity.
        let f = rule.at(&Default::default(), "m");
        assert_eq!((f.rule, f.severity), (registered.id, registered.default_severity));
    }
    let registered: BTreeSet<&str> = rules::all()
        .into_iter()
        .filter(|r| r.group == Group::Live)
        .map(|r| r.id)
        .collect();
    assert_eq!(
        registered, ids,
        "registered live rules the doctor never emits, or the reverse"
    );
}

#[test]
fn the_lookup_distinguishes_ids() {
    assert!(rules::find("live-redirect-mismatch").is_some());
    assert!(rules::find("live-redirect-mismatches").is_none());
}
