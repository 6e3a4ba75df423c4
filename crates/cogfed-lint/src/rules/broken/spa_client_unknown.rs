use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::client_facts::rp_label;
use crate::rules::{Ctx, Finding};
use crate::util::suggest;

declare_rule! {
    /// # What it checks
    /// The app client that the SPA settings (`[spa] client_id`) and each relying party name, by client id or
    /// client name, is defined in one of the inputs. The rule runs when the inputs define app clients. When
    /// some client has no known client id (a CloudFormation template, where Cognito assigns it at deploy time),
    /// only a reference that nearly matches a known id or name is reported, as a likely typo.
    ///
    /// # Why it matters
    /// Cognito answers an unknown `client_id` with its own error page (`/error?error=redirect_mismatch`,
    /// "An error was encountered with the requested page") or `invalid_client` at the token endpoint. For the
    /// linter it also means that none of the client-side checks (redirect URI, scopes, flows) can run for the
    /// SPA or product.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_id = "7lhdbv12q1ud9rgg7g779u8va7"
    /// client_name = "web"
    ///
    /// [spa]
    /// client_id = "7lhdbv12q1ud9rgg7g779u8va8"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_id = "7lhdbv12q1ud9rgg7g779u8va7"
    /// client_name = "web"
    ///
    /// [spa]
    /// client_id = "7lhdbv12q1ud9rgg7g779u8va7"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 (`client_id`: "an app client of this pool"), §1.2 (`invalid_client`), §2.5 (client
    /// id format), §8.A1.
    pub static RULE = {
        id: "spa-client-unknown",
        group: Broken,
        severity: Error,
        summary: "the SPA settings or a relying party name a client that no input defines",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let clients = &ctx.integration.clients;
    if clients.is_empty() || clients.iter().any(Located::is_unknown) {
        return out;
    }
    let ids_complete = ctx
        .clients()
        .iter()
        .all(|(_, c, _)| known_str(&c.client_id).is_some());
    let known_refs: Vec<&str> = ctx
        .clients()
        .iter()
        .flat_map(|(_, c, _)| [known_str(&c.client_id), known_str(&c.client_name)])
        .flatten()
        .collect();
    let mut check_ref = |who: String, reference: &Located<String>| {
        let Some(r) = reference.as_str() else { return };
        if ctx.client_by_id_or_name(r).is_some() {
            return;
        }
        let near = suggest(r, known_refs.iter().copied());
        if !ids_complete && near.is_none() {
            return; // it may be the id Cognito assigned to a client defined without one.
        }
        let ambiguous = ctx
            .clients()
            .iter()
            .filter(|(_, c, _)| known_str(&c.client_name) == Some(r))
            .count()
            > 1;
        let (message, help) = if ambiguous {
            (
                format!("{who} names client `{r}`, but several app clients have that name"),
                "name the client by its client_id".to_string(),
            )
        } else {
            let help = match near {
                Some(n) => format!("did you mean `{n}`?"),
                None => {
                    format!("define the app client `{r}` in an input, or use the id or name of one that is")
                }
            };
            (format!("{who} names client `{r}`, which no input defines"), help)
        };
        out.push(
            Finding::new(&reference.loc, message)
                .help(help)
                .note("Cognito shows its error page for an unknown client_id (cognito-facts §8.A1); no client check ran for it"),
        );
    };
    if let Some(r) = ctx.spa().and_then(|s| s.client_id.as_ref()) {
        check_ref("the SPA".to_string(), r);
    }
    for (rp, _) in ctx.relying_parties() {
        if let Some(r) = &rp.client_id {
            check_ref(rp_label(rp), r);
        }
    }
    out
}
