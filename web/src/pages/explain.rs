//! How a failed sign-in (or refresh, userInfo, sign-out) is shown: the catalogue's explanation (summary,
//! detail, fix), the `cogfed lint` rule that finds the cause with a link to its manual in the checker, what
//! the provider said, and for a rejected token the check that failed. Both the main module and the profile
//! module show failures, from the same [`FailureData`]: the main module through [`LazyFailureView`], which
//! hands the failure to the profile module, so the catalogue's text and these views load only on a failure.

use crate::lazy::{LazyRoot, Tool};
use crate::profile_data::{CheckRow, FailureData};
use leptos::prelude::*;

/// A failure of the main module, shown by the profile module's [`FailureView`] (`#lazy-root` with
/// `data-page="failure"`), which explains it from the catalogue.
#[component]
pub fn LazyFailureView(
    /// What failed, not yet explained ([`FailureData::of`]).
    failure: FailureData,
) -> impl IntoView {
    let feed = Signal::stored(failure.to_json());
    view! { <LazyRoot tool=Tool::Failure feed=Some(feed) /> }
}

/// A failure, explained.
#[component]
pub fn FailureView(
    /// What failed and why.
    failure: FailureData,
) -> impl IntoView {
    let FailureData {
        operation,
        summary,
        explanation,
        rule,
        provider,
        technical,
        report,
        key: _,
    } = failure;
    let heading = format!("The {operation} failed");
    let explained = explanation.is_some().to_string();
    let rule_attr = rule.clone().unwrap_or_default();
    let (why, source) = match explanation {
        Some(e) => (
            Some(view! {
                <dt>"Why"</dt><dd id="auth-error-detail">{e.detail}</dd>
                <dt>"Fix"</dt><dd id="auth-error-fix">{e.fix}</dd>
            }),
            Some(view! { <dt>"Source"</dt><dd class="muted">{e.source}</dd> }),
        ),
        None => (None, None),
    };
    view! {
        <section class="card explain" id="auth-error" role="alert" data-operation=operation
            data-rule=rule_attr data-explained=explained>
            <h2>{heading}</h2>
            <p class="summary" id="auth-error-summary">{summary}</p>
            <dl>
                {why}
                {rule.map(|r| view! {
                    <dt>"Lint rule"</dt>
                    <dd>
                        <a id="auth-error-rule" href=format!("/checker#rule={r}")>{r.clone()}</a>
                        " finds this in your configuration: paste it into the checker, or run "
                        <code>{format!("cogfed explain {r}")}</code> "."
                    </dd>
                })}
                {provider.map(|p| view! { <dt>"Provider said"</dt><dd><code id="auth-error-provider">{p}</code></dd> })}
                <dt>"Details"</dt><dd id="auth-error-technical">{technical}</dd>
                {source}
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
    report: Vec<CheckRow>,
) -> impl IntoView {
    let rows = report
        .into_iter()
        .map(|c| {
            let (badge, label) = if c.passed {
                ("badge pass", "pass")
            } else {
                ("badge fail", "fail")
            };
            let name = c.check.clone();
            view! {
                <tr data-check=name data-passed=c.passed.to_string()>
                    <th scope="row">{c.check}</th>
                    <td><span class=badge>{label}</span></td>
                    <td>{c.detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <div class="table-wrap"><table class="kv checks"><tbody>{rows}</tbody></table></div> }
}
