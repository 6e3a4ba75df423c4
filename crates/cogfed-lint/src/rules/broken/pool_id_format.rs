use crate::de::Located;
use crate::declare_rule;
use crate::rules::shape::patterns::Pattern;
use crate::rules::support::{is_known_region, pool_id_shape_problem};
use crate::rules::{Ctx, Finding};
use crate::util::suggest;

declare_rule! {
    /// # What it checks
    /// Every user pool id (the pool's `id` and the `user_pool_id` of clients, domains, identity providers and
    /// resource servers) has the shape `{region}_{suffix}`, `^[a-z]{2,4}(-[a-z]+)+-\d_[0-9A-Za-z]+$`, and its
    /// Region part is a Region where Cognito user pools exist. The pool's `region` and the Region in its `arn`
    /// agree with the id.
    ///
    /// Ids that break the API pattern itself (`[\w-]+_[0-9a-zA-Z]+`) are reported by `api-pattern` instead.
    ///
    /// # Why it matters
    /// The issuer, the JWKS URL and every endpoint are derived from the Region in the pool id
    /// (`https://cognito-idp.{region}.amazonaws.com/{poolId}`). An id such as `us-east-7_AbC` or `useast1_AbC`
    /// passes the API's loose pattern but names no pool anyone can reach, so token validation and discovery
    /// fail; a `region` that disagrees with the id sends clients to the wrong Region.
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-7_ExAmPlE12"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// ```
    ///
    /// # Source
    /// cognito-facts §2.5 (pool id format, Regions), §9 ("`UserPool.Id` matches ... and the Region part is one
    /// of the Regions"); linter-anchors A4 (UserPoolIdType).
    pub static RULE = {
        id: "pool-id-format",
        group: Broken,
        severity: Error,
        summary: "a user pool id is not {region}_{suffix} with a real Region, or disagrees with the pool's Region",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let i = ctx.integration;
    let mut ids: Vec<&Located<String>> = Vec::new();
    if let Some(pool) = ctx.pool {
        ids.extend(pool.id.iter());
    }
    ids.extend(i.domains.iter().filter_map(|d| d.get()?.user_pool_id.as_ref()));
    ids.extend(
        ctx.clients()
            .iter()
            .filter_map(|(_, c, _)| c.user_pool_id.as_ref()),
    );
    ids.extend(
        i.identity_providers
            .iter()
            .filter_map(|p| p.get()?.user_pool_id.as_ref()),
    );
    ids.extend(
        i.resource_servers
            .iter()
            .filter_map(|r| r.get()?.user_pool_id.as_ref()),
    );
    for id in ids {
        out.extend(check_id(id));
    }
    out.extend(check_region_and_arn(ctx));
    out
}

fn check_id(id: &Located<String>) -> Option<Finding> {
    let v = id.as_str()?;
    if v.is_empty() || Pattern::UserPoolId.check(v).is_err() {
        return None; // api-length / api-pattern
    }
    if let Some(why) = pool_id_shape_problem(v) {
        return Some(
            Finding::new(&id.loc, format!("user pool id `{v}` is not of the form `{{region}}_{{suffix}}`: {why}"))
                .help("copy the pool id from the console or `aws cognito-idp list-user-pools`, e.g. `us-east-1_ExAmPlE12`"),
        );
    }
    let region = v.split_once('_').map(|(r, _)| r)?;
    if is_known_region(region) {
        return None;
    }
    let mut f = Finding::new(
        &id.loc,
        format!("user pool id `{v}` names `{region}`, which is not a Region where Cognito user pools exist"),
    );
    if let Some(s) = suggest(region, crate::rules::support::REGIONS.iter().copied()) {
        f = f.help(format!("did you mean `{s}`?"));
    }
    Some(f.note("the Region part of the pool id is what the issuer and every endpoint are built from"))
}

/// The pool's `region` and the Region and id inside its `arn` agree with its `id`.
fn check_region_and_arn(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(pool) = ctx.pool else { return out };
    let Some(id) = pool
        .id
        .as_ref()
        .filter(|id| id.as_str().is_some_and(|v| pool_id_shape_problem(v).is_none()))
    else {
        return out;
    };
    let id_value = id.as_str().unwrap_or_default();
    let id_region = id_value.split_once('_').map(|(r, _)| r).unwrap_or_default();
    if let Some(region) = pool.region.as_ref()
        && let Some(r) = region.as_str()
        && r != id_region
    {
        out.push(
            Finding::new(
                &region.loc,
                format!(
                    "the pool's region `{r}` differs from `{id_region}`, the Region in its id `{id_value}`"
                ),
            )
            .related(&id.loc, "the pool id")
            .help(format!(
                "set region to `{id_region}` or remove it (it is derived from the id)"
            )),
        );
    }
    if let Some(arn) = pool.arn.as_ref()
        && let Some(a) = arn.as_str()
    {
        // arn:{partition}:cognito-idp:{region}:{account}:userpool/{id}
        let parts: Vec<&str> = a.splitn(6, ':').collect();
        if let [_, _, "cognito-idp", region, _, resource] = parts.as_slice() {
            let arn_id = resource.strip_prefix("userpool/");
            let mut problems = Vec::new();
            if *region != id_region {
                problems.push(format!("names Region `{region}`"));
            }
            if let Some(arn_id) = arn_id
                && arn_id != id_value
            {
                problems.push(format!("names pool `{arn_id}`"));
            }
            if !problems.is_empty() {
                out.push(
                    Finding::new(
                        &arn.loc,
                        format!(
                            "the pool's arn `{a}` {}, but the pool id is `{id_value}`",
                            problems.join(" and ")
                        ),
                    )
                    .related(&id.loc, "the pool id"),
                );
            }
        }
    }
    out
}
