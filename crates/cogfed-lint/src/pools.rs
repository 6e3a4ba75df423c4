//! One lint per user pool: when the inputs describe several pools (a template that defines two, a folder of
//! templates, one per environment), each pool is linted with the resources that belong to it, so a client of
//! one pool is never judged against another pool's schema, domains or resource servers (issue 12: no false
//! errors on correct real files).
//!
//! A resource belongs to the pool its `user_pool_id` names (by id, or by template reference, see
//! [`UserPool::pool_ref`]); one that names none belongs to the only pool of its own file. What matches no pool
//! is linted apart, without a pool, so rules that need the pool stay silent about it. The SPA settings, relying
//! parties and upstream registrations go with every pool whose client or identity provider they name; when
//! pools of several folders do (`examples/*/terraform/`: a clean and a broken copy of one integration), with
//! those of their own folder; when none does, with the pool of their folder, else the first pool.

use crate::de::{Located, known_str};
use crate::model::{Integration, UserPool};
use crate::source::FileId;
use std::borrow::Cow;

/// The integrations to lint, one per pool (the whole integration when it has at most one pool).
pub fn split_by_pool(integration: &Integration) -> Vec<Cow<'_, Integration>> {
    if integration.other_pools.is_empty() {
        return vec![Cow::Borrowed(integration)];
    }
    let pools: Vec<&Located<UserPool>> = integration
        .user_pool
        .iter()
        .chain(integration.other_pools.iter())
        .collect();
    let mut parts: Vec<Integration> = pools
        .iter()
        .map(|p| Integration {
            user_pool: Some((*p).clone()),
            lint: integration.lint.clone(),
            ..Integration::default()
        })
        .collect();
    // Index `pools.len()`: resources that belong to none of the pools.
    let mut unscoped = Integration {
        lint: integration.lint.clone(),
        ..Integration::default()
    };
    let folder = |file: FileId| {
        integration
            .folders
            .get(file.0 as usize)
            .map_or("", String::as_str)
    };
    let pool_folders: Vec<&str> = pools.iter().map(|p| folder(p.loc.file)).collect();
    let owner = |pool_ref: &Option<String>, user_pool_id: &Option<Located<String>>, file: FileId| {
        owner(&pools, pool_ref.as_deref().or(known_str(user_pool_id)), file)
    };
    for d in &integration.domains {
        let i = d
            .get()
            .and_then(|x| owner(&x.pool_ref, &x.user_pool_id, d.loc.file));
        target(&mut parts, &mut unscoped, i).domains.push(d.clone());
    }
    for c in &integration.clients {
        let i = c
            .get()
            .and_then(|x| owner(&x.pool_ref, &x.user_pool_id, c.loc.file));
        target(&mut parts, &mut unscoped, i).clients.push(c.clone());
    }
    for p in &integration.identity_providers {
        let i = p
            .get()
            .and_then(|x| owner(&x.pool_ref, &x.user_pool_id, p.loc.file));
        target(&mut parts, &mut unscoped, i)
            .identity_providers
            .push(p.clone());
    }
    for r in &integration.resource_servers {
        let i = r
            .get()
            .and_then(|x| owner(&x.pool_ref, &x.user_pool_id, r.loc.file));
        target(&mut parts, &mut unscoped, i)
            .resource_servers
            .push(r.clone());
    }
    // Settings that name a client or a provider go where it is.
    let has_client = |part: &Integration, id: &str| {
        part.clients
            .iter()
            .filter_map(Located::get)
            .any(|c| known_str(&c.client_id) == Some(id) || known_str(&c.client_name) == Some(id))
    };
    let has_provider = |part: &Integration, name: &str| {
        part.identity_providers
            .iter()
            .filter_map(Located::get)
            .any(|p| known_str(&p.provider_name) == Some(name))
    };
    for spa in integration.spa.iter().chain(&integration.other_spas) {
        let id = spa.get().and_then(|s| known_str(&s.client_id));
        let home = folder(spa.loc.file);
        for i in matching(&parts, &pool_folders, home, |part| {
            id.is_some_and(|id| has_client(part, id))
        }) {
            // One SPA per pool: the first that names it.
            if parts[i].spa.is_none() {
                parts[i].spa = Some(spa.clone());
            }
        }
    }
    for rp in &integration.relying_parties {
        let id = rp.get().and_then(|r| known_str(&r.client_id));
        let home = folder(rp.loc.file);
        for i in matching(&parts, &pool_folders, home, |part| {
            id.is_some_and(|id| has_client(part, id))
        }) {
            parts[i].relying_parties.push(rp.clone());
        }
    }
    for up in &integration.upstream_idps {
        let name = up.get().and_then(|u| known_str(&u.provider_name));
        let home = folder(up.loc.file);
        for i in matching(&parts, &pool_folders, home, |part| {
            name.is_some_and(|n| has_provider(part, n))
        }) {
            parts[i].upstream_idps.push(up.clone());
        }
    }
    parts[0].local = integration.local.clone();
    let mut out: Vec<Cow<'_, Integration>> = parts.into_iter().map(Cow::Owned).collect();
    let has_unscoped = !(unscoped.domains.is_empty()
        && unscoped.clients.is_empty()
        && unscoped.identity_providers.is_empty()
        && unscoped.resource_servers.is_empty());
    if has_unscoped {
        out.push(Cow::Owned(unscoped));
    }
    out
}

/// The pool (index into `pools`) a resource with pool name `key` (a pool reference or id) in `file` belongs
/// to: the pool with that reference or id; without a key, the only pool of the same file.
fn owner(pools: &[&Located<UserPool>], key: Option<&str>, file: FileId) -> Option<usize> {
    match key {
        Some(key) => pools.iter().position(|p| {
            p.get()
                .is_some_and(|p| p.pool_ref.as_deref() == Some(key) || known_str(&p.id) == Some(key))
        }),
        None => {
            let mut same_file = pools
                .iter()
                .enumerate()
                .filter(|(_, p)| p.loc.file == file)
                .map(|(i, _)| i);
            match (same_file.next(), same_file.next()) {
                (Some(i), None) => Some(i),
                _ => None,
            }
        }
    }
}

fn target<'a>(
    parts: &'a mut [Integration],
    unscoped: &'a mut Integration,
    i: Option<usize>,
) -> &'a mut Integration {
    match i.and_then(|i| parts.get_mut(i)) {
        Some(part) => part,
        None => unscoped,
    }
}

/// The parts `wanted` accepts (only those whose pool is in folder `home` when some are), or when it accepts
/// none, the first part in `home`, else the first part.
fn matching(
    parts: &[Integration],
    pool_folders: &[&str],
    home: &str,
    wanted: impl Fn(&Integration) -> bool,
) -> Vec<usize> {
    let at_home = |i: &usize| pool_folders.get(*i) == Some(&home);
    let found: Vec<usize> = (0..parts.len()).filter(|&i| wanted(&parts[i])).collect();
    if found.is_empty() {
        return vec![(0..parts.len()).find(at_home).unwrap_or(0)];
    }
    let home_found: Vec<usize> = found.iter().copied().filter(at_home).collect();
    if home_found.is_empty() { found } else { home_found }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::load;
    use crate::source::SourceFile;

    const TWO_POOLS: &str = "Resources:\n  A:\n    Type: AWS::Cognito::UserPool\n  B:\n    Type: AWS::Cognito::UserPool\n\
        \x20\x20AClient:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {UserPoolId: !Ref A, ClientName: a}\n\
        \x20\x20BClient:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {UserPoolId: !GetAtt B.UserPoolId, ClientName: b}\n\
        \x20\x20Elsewhere:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {UserPoolId: !ImportValue pool, ClientName: c}\n";

    fn names(i: &Integration) -> Vec<&str> {
        i.clients
            .iter()
            .filter_map(|c| c.get().and_then(|c| known_str(&c.client_name)))
            .collect()
    }

    #[test]
    fn each_pool_gets_its_resources_and_the_rest_is_linted_apart() {
        let loaded = load(vec![
            SourceFile::new("t.yaml", TWO_POOLS),
            SourceFile::new("spa.toml", "version = 1\n[spa]\nclient_id = \"b\"\n"),
        ])
        .unwrap();
        let parts = split_by_pool(&loaded.integration);
        let got: Vec<Vec<&str>> = parts.iter().map(|p| names(p)).collect();
        assert_eq!(got, [vec!["a"], vec!["b"], vec!["c"]]);
        assert!(
            parts[1].spa.is_some() && parts[0].spa.is_none(),
            "the SPA goes with its client"
        );
        assert!(parts[2].user_pool.is_none());
    }

    /// The template defines the pool, a manifest says its deployed id: one pool, whose resources are linted
    /// together whether they name it by reference or by id.
    #[test]
    fn a_template_pool_and_the_id_given_to_it_are_one_pool() {
        let loaded = load(vec![
            SourceFile::new("t.yaml", "Resources:\n  P:\n    Type: AWS::Cognito::UserPool\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {UserPoolId: !Ref P, ClientName: a}\n"),
            SourceFile::new("m.toml", "version = 1\n[user_pool]\nid = \"us-east-1_A\"\n"),
            SourceFile::new("c.json", "{\"UserPoolClient\": {\"UserPoolId\": \"us-east-1_A\", \"ClientName\": \"b\"}}"),
        ])
        .unwrap();
        assert!(loaded.integration.other_pools.is_empty());
        let pool = loaded
            .integration
            .user_pool
            .as_ref()
            .and_then(Located::get)
            .unwrap();
        assert_eq!(known_str(&pool.id), Some("us-east-1_A"));
        let parts = split_by_pool(&loaded.integration);
        assert_eq!(parts.len(), 1);
        assert_eq!(names(&parts[0]), ["a", "b"]);
    }

    #[test]
    fn one_pool_is_not_split_and_describe_outputs_join_by_id() {
        let loaded = load(vec![
            SourceFile::new("pool.json", "{\"UserPool\": {\"Id\": \"us-east-1_A\"}}"),
            SourceFile::new("other.json", "{\"UserPool\": {\"Id\": \"us-east-1_B\"}}"),
            SourceFile::new(
                "c.json",
                "{\"UserPoolClient\": {\"UserPoolId\": \"us-east-1_B\", \"ClientName\": \"x\"}}",
            ),
        ])
        .unwrap();
        let parts = split_by_pool(&loaded.integration);
        assert_eq!(parts.len(), 2);
        assert_eq!(names(&parts[1]), ["x"]);
        let single = load(vec![SourceFile::new(
            "t.yaml",
            "Resources:\n  A:\n    Type: AWS::Cognito::UserPool\n",
        )])
        .unwrap();
        assert!(matches!(split_by_pool(&single.integration)[0], Cow::Borrowed(_)));
    }
}
