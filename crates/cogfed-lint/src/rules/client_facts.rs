//! Facts about app clients and their users (the SPA, relying parties) that the URI, flow, scope, token and
//! cross-reference rules share: whether a client has a secret and who uses it. Where a missing member would be
//! written is `support::missing`.

use crate::ctx::Ctx;
use crate::de::{Loc, Located, items, known, known_str};
use crate::model::{AppClient, List, RelyingParty};

/// Whether an app client has a client secret (cognito-facts §4 GenerateSecret, ClientSecret).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretState<'a> {
    /// `generate_secret = true` or a `client_secret`; the location of whichever says so.
    Yes(&'a Loc),
    /// Neither: a public client.
    No,
    /// `generate_secret` is a CloudFormation expression: cannot tell.
    Unknown,
}

/// Whether `client` has a secret. Describe output shows `ClientSecret` and no `GenerateSecret`; templates and
/// manifests show `GenerateSecret`; both count.
pub fn secret_state(client: &AppClient) -> SecretState<'_> {
    if let Some(g) = &client.generate_secret {
        match g.get() {
            Some(true) => return SecretState::Yes(&g.loc),
            Some(false) => {}
            None => return SecretState::Unknown,
        }
    }
    match &client.client_secret {
        Some(s) => SecretState::Yes(&s.loc),
        None => SecretState::No,
    }
}

/// Whether a secret is a placeholder that documented or committed output carries instead of the real one, so
/// its length and characters say nothing (issue 12: `"ClientSecret": "CLIENT_SECRET"` in the AWS CLI's own
/// describe-user-pool-client example). Recognised: masks (`****`, `xxxxxxxx`, `••••`), names in capitals
/// (`CLIENT_SECRET`), templating (`${SECRET}`, `{{secret}}`, `<client-secret>`), and text saying what it is
/// (`REDACTED`, `placeholder`, `example`, `your client secret`). Cognito's real secrets are random `[\w+]` text
/// that never spells these.
pub fn is_redacted_secret(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return false;
    }
    let masked = v.chars().count() >= 3 && v.chars().all(|c| matches!(c, '*' | '•' | 'x' | 'X' | '.'));
    let capitals = v.contains('_')
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    let templated = v.starts_with("${")
        || v.starts_with("{{")
        || v.starts_with('<') && v.ends_with('>')
        || v.starts_with('[') && v.ends_with(']');
    let lower = v.to_ascii_lowercase();
    let says = [
        "redacted",
        "placeholder",
        "example",
        "secret",
        "changeme",
        "replace",
    ]
    .iter()
    .any(|w| lower.contains(w));
    masked || capitals || templated || says
}

/// Whether a located list is known and every item in it is known, so "X is not in the list" can be decided.
pub fn list_complete<T>(list: &List<T>) -> bool {
    match list {
        Some(l) => l.get().is_some_and(|v| v.iter().all(|i| !i.is_unknown())),
        None => true,
    }
}

/// Whether the known items of `list` contain `value`.
pub fn list_has(list: &List<String>, value: &str) -> bool {
    items(list).iter().any(|i| i.as_str() == Some(value))
}

/// A relying party's name for messages: `relying party `pomerium``.
pub fn rp_label(rp: &RelyingParty) -> String {
    match known_str(&rp.name) {
        Some(n) => format!("relying party `{n}`"),
        None => "a relying party".to_string(),
    }
}

/// The app client (index into `integration.clients`) a relying party names, when it resolves.
pub fn rp_client(ctx: &Ctx, rp: &RelyingParty) -> Option<usize> {
    known_str(&rp.client_id).and_then(|id| ctx.client_by_id_or_name(id))
}

/// Who signs in through a client: the SPA and relying parties, by client index, each with a label and the
/// location of the setting that names the client (or the SPA/relying party itself).
pub struct ClientUser<'a> {
    /// Index into `integration.clients`.
    pub client: usize,
    /// `the SPA` or `relying party `x``.
    pub label: String,
    /// The requested scopes (empty when none are set).
    pub scopes: &'a List<String>,
    /// Where the user names the client (its `client_id`), else where the user is configured.
    pub loc: &'a Loc,
}

/// The SPA and every relying party whose client resolves, in input order.
pub fn client_users<'a>(ctx: &Ctx<'a>) -> Vec<ClientUser<'a>> {
    let mut out = Vec::new();
    if let (Some(spa), Some(index), Some(spa_loc)) = (ctx.spa(), ctx.spa_client, ctx.integration.spa.as_ref())
    {
        out.push(ClientUser {
            client: index,
            label: "the SPA".to_string(),
            scopes: &spa.scopes,
            loc: spa.client_id.as_ref().map_or(&spa_loc.loc, |c| &c.loc),
        });
    }
    for (rp, rp_loc) in ctx.relying_parties() {
        if let Some(index) = rp_client(ctx, rp) {
            out.push(ClientUser {
                client: index,
                label: rp_label(rp),
                scopes: &rp.scopes,
                loc: rp.client_id.as_ref().map_or(rp_loc, |c| &c.loc),
            });
        }
    }
    out
}

/// Whether the client allows the OAuth flow `flow` (`code`, `implicit`, `client_credentials`).
pub fn allows_flow(client: &AppClient, flow: &str) -> bool {
    list_has(&client.allowed_oauth_flows, flow)
}

/// `ENABLED`/`DISABLED` of the client's refresh token rotation, when set and known.
pub fn rotation_feature(client: &AppClient) -> Option<&Located<String>> {
    known(&client.refresh_token_rotation).and_then(|r| r.feature.as_ref())
}

/// The scopes of one requested-scope entry. Clients join their scope list with spaces into the `scope`
/// parameter, so an entry `"openid email"` requests two scopes (cognito-facts §1.1: space-separated).
pub fn requested_scopes(entry: &str) -> impl Iterator<Item = &str> {
    entry.split_ascii_whitespace()
}

/// Why one requested scope is not a scope Cognito can parse (ScopeType `[\x21\x23-\x5B\x5D-\x7E]+`, at most
/// 256 characters, linter-anchors A4), or `None` when it is well formed.
pub fn scope_problem(scope: &str) -> Option<String> {
    if scope.contains(',') {
        return Some(format!(
            "`{scope}` is a comma-separated list; Cognito reads it as one scope named `{scope}`"
        ));
    }
    if let Some(c) = scope
        .chars()
        .find(|c| !matches!(c, '\x21' | '\x23'..='\x5B' | '\x5D'..='\x7E'))
    {
        return Some(format!(
            "`{scope}` contains {c:?}, which no scope may contain (printable ASCII without `\"` and `\\`)"
        ));
    }
    if scope.len() > 256 {
        return Some(format!("`{scope}` is longer than 256 characters"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::load;
    use crate::source::SourceFile;

    fn clients(toml: &str) -> Vec<AppClient> {
        let loaded = load(vec![SourceFile::new("m.toml", toml)]).expect("valid manifest");
        loaded
            .integration
            .clients
            .into_iter()
            .filter_map(|c| c.get().cloned())
            .collect()
    }

    #[test]
    fn secrets_are_read_from_either_field() {
        let c = clients(
            "version = 1\n[[clients]]\ngenerate_secret = true\n[[clients]]\nclient_secret = \"abcdefghijklmnopqrstuvwxyz\"\n\
             [[clients]]\ngenerate_secret = false\n[[clients]]\nclient_name = \"x\"\n",
        );
        assert!(matches!(secret_state(&c[0]), SecretState::Yes(_)));
        assert!(matches!(secret_state(&c[1]), SecretState::Yes(_)));
        assert_eq!(secret_state(&c[2]), SecretState::No);
        assert_eq!(secret_state(&c[3]), SecretState::No);
    }

    #[test]
    fn redacted_secrets_are_recognised_and_real_ones_are_not() {
        for v in [
            "CLIENT_SECRET",
            "****",
            "xxxxxxxxxxxx",
            "${COGNITO_SECRET}",
            "<client-secret>",
            "REDACTED",
            "EXAMPLE-secret",
            "your client_secret",
            "{{ secret }}",
        ] {
            assert!(is_redacted_secret(v), "{v}");
        }
        for v in [
            "1ikvjjtajrjcdjs3lq4ub7gj8oa2j4o5dvb1u6a6tsttu3bls0",
            "tooshort",
            "",
            "ABC",
        ] {
            assert!(!is_redacted_secret(v), "{v}");
        }
    }

    #[test]
    fn scope_problems() {
        assert_eq!(
            requested_scopes(" openid  email ").collect::<Vec<_>>(),
            ["openid", "email"]
        );
        assert!(scope_problem("openid").is_none());
        assert!(scope_problem("https://api.example.com/read").is_none());
        assert!(scope_problem("openid,email").is_some_and(|m| m.contains("comma")));
        assert!(scope_problem("api/\"read\"").is_some());
        assert!(scope_problem("café").is_some());
        assert!(scope_problem(&"a".repeat(257)).is_some());
    }
}
