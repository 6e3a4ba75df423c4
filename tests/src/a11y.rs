//! Accessibility checks with axe-core (npm, pinned in `tools/package.json`, installed by `cargo xtask setup`):
//! the page is checked as it is in the browser, every rule axe runs by default, and serious or critical
//! violations fail the test with each rule, its help text and the elements it found.
//!
//! axe is put into the page through WebDriver (a script WebDriver runs is not page script, so the CSP, which
//! allows no inline script, does not stop it; the page's own code is not changed to be checked).

use crate::Browser;
use serde_json::Value;
use std::sync::OnceLock;

/// `axe.min.js` from `tools/node_modules/axe-core`.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = crate::workspace_root().join("tools/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (install it with `cargo xtask setup`)", path.display()))
    })
}

/// One violation of an axe rule.
#[derive(Debug, Clone)]
pub struct Violation {
    /// The rule (`color-contrast`, `label`, …).
    pub rule: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// What the rule wants.
    pub help: String,
    /// CSS selectors of the elements, with axe's summary of each.
    pub nodes: Vec<String>,
}

/// Every axe violation on the current page.
pub async fn violations(browser: &Browser) -> Vec<Violation> {
    browser.js(&format!("{}\n;return null;", axe_source())).await;
    let found = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { resultTypes: ['violations'] }).then( \
               (r) => done(r.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, \
                 nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) }))), \
               (e) => done({ error: String(e) }));",
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("running axe: {e}"));
    if let Some(error) = found.get("error") {
        panic!("axe failed: {error}");
    }
    let text = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    found
        .as_array()
        .map(|all| {
            all.iter()
                .map(|v| Violation {
                    rule: text(v, "rule"),
                    impact: text(v, "impact"),
                    help: text(v, "help"),
                    nodes: v["nodes"]
                        .as_array()
                        .map(|n| n.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The serious and critical violations of `all`.
pub fn serious(all: &[Violation]) -> Vec<&Violation> {
    all.iter()
        .filter(|v| v.impact == "serious" || v.impact == "critical")
        .collect()
}

/// Fails when the current page (`what`, for the message) has a serious or critical axe violation.
pub async fn assert_accessible(browser: &Browser, what: &str) {
    let all = violations(browser).await;
    let bad = serious(&all);
    assert!(
        bad.is_empty(),
        "{what}: {} serious or critical accessibility violation(s) (axe-core):\n{}",
        bad.len(),
        bad.iter()
            .map(|v| format!(
                "- {} ({}): {}\n    {}",
                v.rule,
                v.impact,
                v.help,
                v.nodes.join("\n    ")
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
