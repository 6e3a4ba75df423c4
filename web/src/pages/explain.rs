//! How a failed sign-in (or refresh, userInfo, sign-out) is shown: the catalogue's explanation (summary,
//! detail, fix), the `cogfed lint` rule that finds the cause with a link to its manual in the checker, what
//! the provider said, and for a rejected token the check that failed.

use cogfed_leptos::{AuthFailure, CheckResult};
use leptos::prelude::*;

/// A failure, explained.
#[component]
pub fn FailureView(
    /// What failed and why.
    failure: AuthFailure,
) -> impl IntoView {
    let rule = failure.rule_id();
    let explanation = failure.explanation;
    let provider = failure
        .error
        .provider_error()
        .map(|(code, description)| match description {
            Some(d) => format!("error={code}, error_description={d}"),
            None => format!("error={code}"),
        });
    let report: Vec<CheckResult> = failure.error.report().to_vec();
    let heading = format!("The {} failed", failure.operation.as_str());
    view! {
        <section class="card explain" id="auth-error" role="alert" data-operation=failure.operation.as_str()
            data-rule=rule.unwrap_or_default() data-explained=explanation.is_some().to_string()>
            <h2>{heading}</h2>
            <p class="summary" id="auth-error-summary">{failure.summary()}</p>
            <dl>
                {explanation.map(|e| view! {
                    <dt>"Why"</dt><dd id="auth-error-detail">{e.detail}</dd>
                    <dt>"Fix"</dt><dd id="auth-error-fix">{e.fix}</dd>
                })}
                {rule.map(|r| view! {
                    <dt>"Lint rule"</dt>
                    <dd>
                        <a id="auth-error-rule" href=format!("/checker#rule={r}")>{r}</a>
                        " finds this in your configuration: paste it into the checker, or run "
                        <code>{format!("cogfed explain {r}")}</code> "."
                    </dd>
                })}
                {provider.map(|p| view! { <dt>"Provider said"</dt><dd><code id="auth-error-provider">{p}</code></dd> })}
                <dt>"Details"</dt><dd id="auth-error-technical">{failure.error.to_string()}</dd>
                {explanation.map(|e| view! { <dt>"Source"</dt><dd class="muted">{e.source}</dd> })}
            </dl>
            {(!report.is_empty()).then(|| view! { <h3>"Token checks"</h3><CheckTable report /> })}
            <div class="row">
                <a class="button primary" href="/" id="auth-error-home">"Back to sign-in"</a>
                <a class="button secondary" href="/settings">"Settings"</a>
            </div>
        </section>
    }
}

/// A verification report, check by check.
#[component]
pub fn CheckTable(
    /// The checks, in the order they ran.
    report: Vec<CheckResult>,
) -> impl IntoView {
    let rows = report
        .into_iter()
        .map(|c| {
            let (badge, label) = if c.passed {
                ("badge pass", "pass")
            } else {
                ("badge fail", "fail")
            };
            view! {
                <tr data-check=c.check.as_str() data-passed=c.passed.to_string()>
                    <th scope="row">{c.check.as_str()}</th>
                    <td><span class=badge>{label}</span></td>
                    <td>{c.detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <div class="table-wrap"><table class="kv checks"><tbody>{rows}</tbody></table></div> }
}
