//! Steps the flows share: signing in at Local Cognito's hosted UI or at the upstream persona, and what a
//! verified profile and an explained failure look like on the SPA (web/README.md's test hooks).

use crate::Browser;
use cogfed_local::{DEMO_LOCAL_USER, DEMO_UPSTREAM_USER};
use serde_json::{Value, json};

/// At Local Cognito's hosted UI sign-in form: signs in as the demo's local user (alice).
pub async fn submit_hosted_ui_form(browser: &mut Browser) {
    browser.wait_path("/login").await;
    browser.fill("#signInFormUsername", DEMO_LOCAL_USER.0).await;
    browser.fill("#signInFormPassword", DEMO_LOCAL_USER.1).await;
    browser.click("#signInSubmitButton").await;
}

/// At the upstream persona's sign-in form: signs in as the demo's upstream user (bob).
pub async fn submit_persona_form(browser: &mut Browser) {
    browser.fill("#persona-username", DEMO_UPSTREAM_USER.0).await;
    browser.fill("#persona-password", DEMO_UPSTREAM_USER.1).await;
    browser.click("#persona-submit").await;
}

/// The number of `css` matches, and how many of them have `attribute` equal to `value`.
pub async fn count_with(browser: &Browser, css: &str, attribute: &str, value: &str) -> (u64, u64) {
    let script = format!(
        "const all = [...document.querySelectorAll({css})]; \
         return [all.length, all.filter(e => e.getAttribute({attribute}) === {value}).length];",
        css = json!(css),
        attribute = json!(attribute),
        value = json!(value),
    );
    let counts = browser.js(&script).await;
    let n = |i: usize| counts.get(i).and_then(Value::as_u64).unwrap_or_default();
    (n(0), n(1))
}

/// The SPA went on to the profile, and shows the session as validated: `#validation-report[data-all-passed
/// =true]` and every check row passed.
pub async fn assert_validated_profile(browser: &mut Browser) {
    browser.wait_path("/profile").await;
    browser
        .wait_for("#validation-report[data-all-passed='true']", crate::WAIT)
        .await;
    let (rows, passed) = count_with(
        browser,
        "#validation-report tr[data-check]",
        "data-passed",
        "true",
    )
    .await;
    assert!(rows >= 5, "the report lists the checks: {rows} rows");
    assert_eq!(passed, rows, "every check row passed");
}

/// The value shown for claim `claim` in the claims table `table` (`#id-token-claims`, `#access-token-claims`,
/// `#userinfo-claims`): the first line of the cell (a second line is the page's note, e.g. a date).
pub async fn claim(browser: &mut Browser, table: &str, claim: &str) -> String {
    let text = browser
        .text_of(&format!("{table} tr[data-claim='{claim}'] td"))
        .await;
    text.lines().next().unwrap_or_default().trim().to_string()
}

/// What the SPA shows for an explained failure.
#[derive(Debug)]
pub struct ShownFailure {
    /// `data-operation`.
    pub operation: String,
    /// `data-rule` (empty when no lint rule finds the cause).
    pub rule: String,
    /// `#auth-error-summary`.
    pub summary: String,
    /// `#auth-error-detail`.
    pub detail: String,
    /// `#auth-error-fix`.
    pub fix: String,
    /// `#auth-error-provider`, when the provider reported the error.
    pub provider: Option<String>,
    /// `#auth-error-technical`.
    pub technical: String,
}

/// Waits for `#auth-error` with an explanation (`data-explained=true`: summary, detail and fix) and reads it.
/// When a rule is named, the rule link must lead to the checker's manual for it.
pub async fn shown_failure(browser: &mut Browser) -> ShownFailure {
    browser
        .wait_for("#auth-error[data-explained='true']", crate::WAIT)
        .await;
    let operation = browser
        .attr_of("#auth-error", "data-operation")
        .await
        .unwrap_or_default();
    let rule = browser
        .attr_of("#auth-error", "data-rule")
        .await
        .unwrap_or_default();
    let provider = match browser
        .js("return document.querySelector('#auth-error-provider')?.textContent ?? null;")
        .await
    {
        Value::String(s) => Some(s),
        _ => None,
    };
    if !rule.is_empty() {
        let href = browser.attr_of("#auth-error-rule", "href").await;
        assert_eq!(
            href,
            Some(format!("/checker#rule={rule}")),
            "the rule links to its manual"
        );
    }
    ShownFailure {
        operation,
        rule,
        summary: browser.text_of("#auth-error-summary").await,
        detail: browser.text_of("#auth-error-detail").await,
        fix: browser.text_of("#auth-error-fix").await,
        provider,
        technical: browser.text_of("#auth-error-technical").await,
    }
}
