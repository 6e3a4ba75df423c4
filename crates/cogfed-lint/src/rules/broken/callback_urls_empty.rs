use crate::de::items;
use crate::declare_rule;
use crate::rules::support::missing;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An app client that allows the `code` or `implicit` flow has at least one `CallbackURLs` entry.
    ///
    /// # Why it matters
    /// Both flows end with a redirect to a registered callback URL, so Cognito refuses the client itself:
    /// `InvalidOAuthFlowException: CallbackUrls can not be empty when code flow or implicit flow is selected`.
    /// The deployment (CloudFormation, Terraform, the CLI) fails before anyone can sign in.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows_user_pool_client = true
    /// allowed_oauth_flows = ["code"]
    /// callback_urls = []
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows_user_pool_client = true
    /// allowed_oauth_flows = ["code"]
    /// callback_urls = ["https://app.example.com/callback"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (CallbackURLs), §8.E36; linter-anchors A3 (CDK checks the same at synth time).
    pub static RULE = {
        id: "callback-urls-empty",
        group: Broken,
        severity: Error,
        summary: "code or implicit is allowed but CallbackURLs is empty",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, client_loc) in ctx.clients() {
        let Some(flow) = items(&client.allowed_oauth_flows)
            .iter()
            .find(|f| matches!(f.as_str(), Some("code" | "implicit")))
        else {
            continue;
        };
        // An unknown list (a CloudFormation parameter) may well hold URLs.
        let (empty_at, what) = match &client.callback_urls {
            None => (
                missing(client_loc, "callback_urls", "CallbackURLs"),
                "has no CallbackURLs",
            ),
            Some(list) if list.get().is_some_and(Vec::is_empty) => {
                (list.loc.clone(), "has an empty CallbackURLs list")
            }
            Some(_) => continue,
        };
        let f = flow.as_str().unwrap_or("code");
        out.push(
            Finding::new(
                &empty_at,
                format!("{} allows the `{f}` flow but {what}", ctx.client_label(index)),
            )
            .related(&flow.loc, format!("`{f}` is allowed here"))
            .help("register the exact redirect URI(s) of the app, or remove `code`/`implicit` if the client only uses SDK sign-in")
            .note("Cognito refuses the client: \"InvalidOAuthFlowException: CallbackUrls can not be empty when code flow or implicit flow is selected\" (cognito-facts §8.E36)"),
        );
    }
    out
}
