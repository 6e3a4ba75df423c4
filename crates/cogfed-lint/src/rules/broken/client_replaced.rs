use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A Terraform plan (`terraform show -json plan.out`) that replaces an app client: destroys it and
    /// creates a new one because an argument that cannot change in place changed, `generate_secret` (a
    /// public client becoming confidential or back) or `user_pool_id`.
    ///
    /// # Why it matters
    /// Cognito cannot add or remove a client's secret: `generate_secret` is fixed at creation
    /// (CloudFormation: replacement; Terraform: ForceNew). Terraform therefore deletes the client and creates
    /// another, with a **new client id** (and a new secret, or none). Every application configured with the
    /// old id (the SPA's `client_id`, a relying party's settings, a mobile build) fails to sign in with
    /// `invalid_client` from the moment of the apply until each is reconfigured, and refresh tokens issued to
    /// the old client stop working.
    ///
    /// # Example
    /// A plan (`terraform show -json plan.out`, shortened) whose client changes `generate_secret`:
    /// ```json
    /// {"format_version": "1.2",
    ///  "planned_values": {"root_module": {"resources": [
    ///    {"address": "aws_cognito_user_pool_client.spa", "mode": "managed", "type": "aws_cognito_user_pool_client",
    ///     "name": "spa", "values": {"name": "spa", "generate_secret": true}}]}},
    ///  "resource_changes": [
    ///    {"address": "aws_cognito_user_pool_client.spa", "mode": "managed", "type": "aws_cognito_user_pool_client",
    ///     "name": "spa", "change": {"actions": ["delete", "create"], "before": {"generate_secret": false},
    ///     "after": {"generate_secret": true}, "replace_paths": [["generate_secret"]]}}]}
    /// ```
    ///
    /// # Fix
    /// The same plan with `generate_secret` as the client was created: an update in place.
    /// ```json
    /// {"format_version": "1.2",
    ///  "planned_values": {"root_module": {"resources": [
    ///    {"address": "aws_cognito_user_pool_client.spa", "mode": "managed", "type": "aws_cognito_user_pool_client",
    ///     "name": "spa", "values": {"name": "spa", "generate_secret": false}}]}},
    ///  "resource_changes": [
    ///    {"address": "aws_cognito_user_pool_client.spa", "mode": "managed", "type": "aws_cognito_user_pool_client",
    ///     "name": "spa", "change": {"actions": ["update"], "before": {"generate_secret": false},
    ///     "after": {"generate_secret": false}}}]}
    /// ```
    /// Keep `generate_secret` as it was created. For a confidential client, create a second client beside
    /// the first, move the applications to it, then remove the old one. If the replacement is intended,
    /// deploy the new client id to every application with the same change (and expect signed-in users to
    /// sign in again).
    ///
    /// # Source
    /// cognito-facts §4 (`GenerateSecret`: "Immutable after creation (CFN: Replacement; TF: ForceNew)"),
    /// §7.6 (create-only `GenerateSecret`, `UserPoolId`), §7.7 (`user_pool_id` and `generate_secret` ForceNew).
    pub static RULE = {
        id: "client-replaced",
        group: Broken,
        severity: Warning,
        summary: "a Terraform plan replaces an app client (generate_secret or user_pool_id changed): its client id changes",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let Some(tf) = &client.terraform else { continue };
        let Some((attr, loc)) = tf
            .replaced_by
            .iter()
            .find(|(a, _)| crate::import::terraform::plan::CLIENT_FORCE_NEW.contains(&a.as_str()))
        else {
            continue;
        };
        out.push(
            Finding::new(
                loc,
                format!(
                    "the plan replaces {} ({}) because `{attr}` changes: the new client gets a new client id",
                    ctx.client_label(index),
                    tf.address
                ),
            )
            .help("keep the argument as it was created, or deploy the new client id to every application with this change")
            .note(format!("`{attr}` cannot change in place (cognito-facts §4, §7.7: ForceNew)")),
        );
    }
    out
}
