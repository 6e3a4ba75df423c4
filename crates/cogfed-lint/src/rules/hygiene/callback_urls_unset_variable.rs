use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An app client in a Terraform configuration whose `callback_urls` come from a variable that nothing
    /// among the inputs sets: no `default`, no value in a `.tfvars` file beside the configuration (or the
    /// variable is not declared in the files linted). cogfed then cannot check the callback URLs, nor
    /// anything that depends on them (a redirect URI the SPA sends, a fragment, plain http, a wildcard,
    /// `default_redirect_uri`), and says so instead of staying silent.
    ///
    /// # Why it matters
    /// The callback URLs are where most sign-in failures hide (`redirect_mismatch`, cognito-facts §8.A). A
    /// lint that passes only because the values were invisible gives false confidence. The values exist
    /// somewhere: a `-var-file`, a `TF_VAR_` variable in CI, a Terraform Cloud workspace.
    ///
    /// # Example
    /// ```hcl
    /// variable "callback_urls" {
    ///   type = list(string)
    /// }
    ///
    /// resource "aws_cognito_user_pool_client" "spa" {
    ///   name          = "spa"
    ///   user_pool_id  = aws_cognito_user_pool.main.id
    ///   callback_urls = var.callback_urls
    /// }
    /// ```
    ///
    /// # Fix
    /// Lint the values too: put the `.tfvars` file the configuration is applied with beside it
    /// (`terraform.tfvars`: `callback_urls = ["https://app.example.com/callback"]`), give the variable a
    /// default, or lint the plan (`terraform show -json plan.out > plan.json`), which holds the values.
    /// ```hcl
    /// variable "callback_urls" {
    ///   type    = list(string)
    ///   default = ["https://app.example.com/callback"]
    /// }
    ///
    /// resource "aws_cognito_user_pool_client" "spa" {
    ///   name          = "spa"
    ///   user_pool_id  = aws_cognito_user_pool.main.id
    ///   callback_urls = var.callback_urls
    /// }
    /// ```
    ///
    /// # Source
    /// Terraform language: input variables without a default must be set by a variable file, `-var` or
    /// `TF_VAR_*`; cognito-facts §4 (`CallbackURLs` rules), §8.A (redirect mismatches).
    pub static RULE = {
        id: "callback-urls-unset-variable",
        group: Hygiene,
        severity: Info,
        summary: "a Terraform client's callback_urls come from a variable nothing sets: they cannot be checked",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let Some(tf) = &client.terraform else { continue };
        for (attr, var, loc) in &tf.unset_variables {
            if attr != "callback_urls" {
                continue;
            }
            out.push(
                Finding::new(
                    loc,
                    format!(
                        "the callback URLs of {} come from `var.{var}`, which nothing here sets: they cannot be checked",
                        ctx.client_label(index)
                    ),
                )
                .help(format!(
                    "lint the .tfvars file that sets `{var}` with the configuration, give `var.{var}` a default, or lint the plan (`terraform show -json`)"
                )),
            );
        }
    }
    out
}
