use crate::ctx::RESERVED_SCOPES;
use crate::de::items;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use crate::util::suggest;

declare_rule! {
    /// # What it checks
    /// Every entry of a client's `AllowedOAuthScopes` is either a Cognito scope (`openid`, `email`, `phone`,
    /// `profile`, `aws.cognito.signin.user.admin`) or `{identifier}/{scope_name}` of a resource server defined
    /// in the inputs. A custom scope is judged only where that can be decided: its resource server is among
    /// the inputs (which then list all its scopes), or the inputs hold every resource server of the pool (a
    /// template or manifest that defines the pool, or `list-resource-servers` output). AWS CLI
    /// describe-user-pool-client output alone names scopes that exist, since Cognito refuses an undefined scope
    /// when the client is created: without the resource servers nothing is reported.
    ///
    /// # Why it matters
    /// Creating or updating the client fails with `ScopeDoesNotExistException` ("Invalid scope requested"),
    /// and a CloudFormation stack that creates the resource server after the client fails the same way.
    /// `Cognito` (from old docs) is not a scope.
    ///
    /// # Example
    /// ```toml
    /// [[resource_servers]]
    /// identifier = "https://api.example.com"
    /// name = "api"
    /// scopes = [{ scope_name = "read", scope_description = "Read" }]
    ///
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_scopes = ["openid", "https://api.example.com/write"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[resource_servers]]
    /// identifier = "https://api.example.com"
    /// name = "api"
    /// scopes = [{ scope_name = "read", scope_description = "Read" }]
    ///
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_scopes = ["openid", "https://api.example.com/read"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (AllowedOAuthScopes, ScopeDoesNotExistException), §6, §8.A3; linter-anchors A6.
    pub static RULE = {
        id: "custom-scope-undefined",
        group: Broken,
        severity: Error,
        summary: "an allowed scope is neither a Cognito scope nor defined by a resource server",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let known: Vec<&str> = RESERVED_SCOPES
        .iter()
        .copied()
        .chain(ctx.custom_scopes.iter().map(String::as_str))
        .collect();
    for &(index, client, _) in ctx.clients() {
        for scope in items(&client.allowed_oauth_scopes) {
            let Some(s) = scope.as_str() else { continue };
            if RESERVED_SCOPES.contains(&s) || ctx.custom_scopes.contains(s) {
                continue;
            }
            let custom = s
                .rsplit_once('/')
                .filter(|(id, name)| !id.is_empty() && !name.is_empty());
            if let Some((id, _)) = custom {
                // A server we read lists all its scopes; a server we did not read may exist: the scope is
                // undefined only when the inputs hold every resource server of the pool (Cognito refuses an
                // undefined scope when the client is created, so a described client's scopes exist).
                let decidable = ctx.resource_server_ids.contains(id) || ctx.resource_servers_complete;
                if !decidable || ctx.custom_scopes_incomplete {
                    continue;
                }
            }
            let message = match custom {
                Some((id, _)) => format!(
                    "scope `{s}` of {} is not defined: no resource server `{id}` has it",
                    ctx.client_label(index)
                ),
                None => format!(
                    "scope `{s}` of {} is not a Cognito scope and not `{{resource server}}/{{scope}}`",
                    ctx.client_label(index)
                ),
            };
            let mut f = Finding::new(&scope.loc, message);
            // `api.example.com/read` for a resource server `https://api.example.com`: suggest the full form.
            let longer = ctx
                .custom_scopes
                .iter()
                .map(String::as_str)
                .find(|k| k.ends_with(s) && k.len() > s.len());
            f = match longer.or_else(|| suggest(s, known.iter().copied())) {
                Some(k) => f.help(format!("did you mean `{k}`?")),
                None if custom.is_some() => {
                    f.help("define the scope in a resource server (before the client is created)")
                }
                None => f.help(
                    "Cognito scopes are openid, email, phone, profile and aws.cognito.signin.user.admin",
                ),
            };
            out.push(f);
        }
    }
    out
}
