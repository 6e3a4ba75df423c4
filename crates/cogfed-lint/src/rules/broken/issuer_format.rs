use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::support::{
    cognito_issuer_host, dns_suffix, is_known_region, is_local_stand_in, placeholder, pool_id_shape_problem,
};
use crate::rules::{Ctx, Finding};
use crate::uri::Uri;

declare_rule! {
    /// # What it checks
    /// The issuer given to the SPA and to every relying party (Pomerium's `idp_provider_url`, FusionAuth's
    /// `issuer`, Cloudentity's issuer URL) has the shape of a Cognito issuer:
    /// `https://cognito-idp.{region}.amazonaws.com/{userPoolId}` (ORIGINAL) or
    /// `https://issuer-cognito-idp.{region}.amazonaws.com/{userPoolId}` (UPDATED), where
    /// - it is an absolute URL with no port, user or extra path (a discovery URL is not the issuer);
    /// - nothing is left of a guide's placeholders (`<REGION>`, `${USER_POOL_ID}`);
    /// - the host is in lower case and its Region is a Cognito Region equal to the pool id's Region;
    /// - the path is a well-formed pool id and, when the pool is known, its id;
    /// - the host form matches the pool's `issuer_configuration` (ORIGINAL unless UPDATED is set).
    ///
    /// Other rules own the neighbouring facts: the scheme (`issuer-not-https`), a query or fragment
    /// (`issuer-query-or-fragment`), a trailing slash (`issuer-trailing-slash`) and the user pool domain used as
    /// the issuer (`issuer-is-hosted-ui-domain`). Local Cognito's loopback issuer (with `[local]`) is accepted.
    ///
    /// # Why it matters
    /// OIDC clients compare the `iss` claim with the configured issuer as exact strings and fetch discovery from
    /// `{issuer}/.well-known/openid-configuration`. Any other string fails discovery (404) or rejects every
    /// token. A pool whose `IssuerConfiguration` is UPDATED signs tokens with the `issuer-cognito-idp` host, so a
    /// relying party still configured with the original host rejects them, and the other way round.
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    ///
    /// [[relying_parties]]
    /// name = "pomerium"
    /// issuer = "https://cognito-idp.us-west-2.amazonaws.com/us-east-1_ExAmPlE12"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    ///
    /// [[relying_parties]]
    /// name = "pomerium"
    /// issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE12"
    /// ```
    ///
    /// # Source
    /// cognito-facts §2.4 (issuer URL, ORIGINAL and UPDATED), §2.5 (pool id, Regions), §1.7 (discovery on the
    /// issuer host), §9 ("Expected issuer"); linter-anchors A5 (IssuerUrlValidation); the Pomerium and
    /// FusionAuth guides (seeds), which give the issuer with placeholders.
    pub static RULE = {
        id: "issuer-format",
        group: Broken,
        severity: Error,
        summary: "an issuer given to the SPA or a relying party is not a well-formed Cognito issuer for this pool",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(spa) = ctx.spa() {
        out.extend(check_issuer(ctx, &spa.issuer, "the SPA"));
    }
    for (rp, _) in ctx.relying_parties() {
        let who = match known_str(&rp.name) {
            Some(n) => format!("relying party `{n}`"),
            None => "a relying party".to_string(),
        };
        out.extend(check_issuer(ctx, &rp.issuer, &who));
    }
    out
}

/// What the pool says the issuer form is: `Some(true)` UPDATED, `Some(false)` ORIGINAL (also the default when
/// the pool gives no IssuerConfiguration), `None` when it cannot be known.
fn pool_uses_updated(ctx: &Ctx) -> Option<bool> {
    let pool = ctx.pool?;
    match &pool.issuer_configuration {
        None => Some(false),
        Some(ic) => {
            let ic = ic.get()?;
            match &ic.r#type {
                None => Some(false),
                Some(t) => t.as_str().map(|t| t == "UPDATED"),
            }
        }
    }
}

fn check_issuer(ctx: &Ctx, issuer: &Option<Located<String>>, who: &str) -> Option<Finding> {
    let located = issuer.as_ref()?;
    let value = located.as_str()?;
    if is_local_stand_in(ctx, value) {
        return None;
    }
    let expected = ctx.expected_issuer.as_deref();
    let fix = |f: Finding| match expected {
        Some(e) => f.help(format!("use exactly `{e}`")),
        None => f.help("use `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`"),
    };
    let finding = |msg: String| Some(fix(Finding::new(&located.loc, msg)));
    if let Some(p) = placeholder(value) {
        return finding(format!(
            "{who} has issuer `{value}`, which still contains the placeholder `{p}`"
        ));
    }
    let uri = Uri::parse(value);
    let (Some(host), Some(_)) = (uri.host.filter(|h| !h.is_empty()), uri.scheme) else {
        return finding(format!(
            "{who} has issuer `{value}`, which is not an absolute URL (it needs `https://`)"
        ));
    };
    let host_lower = host.to_ascii_lowercase();
    if ctx.is_hosted_ui_host(&host_lower) {
        return None; // issuer-is-hosted-ui-domain
    }
    let Some(parsed) = cognito_issuer_host(&host_lower) else {
        return finding(format!(
            "{who} has issuer `{value}`, whose host `{host}` is not Cognito's issuer host `cognito-idp.{{region}}.amazonaws.com`"
        ));
    };
    if host != host_lower {
        return finding(format!(
            "{who} has issuer `{value}` with capital letters in the host; `iss` is compared as an exact string"
        ));
    }
    if uri.port.is_some() || uri.userinfo.is_some() {
        return finding(format!(
            "{who} has issuer `{value}` with a port or user part, which Cognito's issuer never has"
        ));
    }
    if !is_known_region(parsed.region) {
        return finding(format!(
            "{who} has issuer `{value}`, which names Region `{}`, where Cognito user pools do not exist",
            parsed.region
        ));
    }
    if parsed.suffix != dns_suffix(parsed.region) {
        return finding(format!(
            "{who} has issuer `{value}`, but hosts in {} end in `{}`",
            parsed.region,
            dns_suffix(parsed.region)
        ));
    }
    let path = uri.path.trim_end_matches('/');
    let pool_id = path.strip_prefix('/').unwrap_or(path);
    if pool_id.is_empty() || pool_id.contains('/') {
        let mut msg =
            format!("{who} has issuer `{value}`; the path of Cognito's issuer is the user pool id alone");
        if pool_id.contains("/.well-known") {
            msg.push_str(" (this is the discovery URL, not the issuer)");
        }
        return finding(msg);
    }
    if let Some(why) = pool_id_shape_problem(pool_id) {
        return finding(format!(
            "{who} has issuer `{value}`, whose path `{pool_id}` is not a user pool id: {why}"
        ));
    }
    let id_region = pool_id.split_once('_').map(|(r, _)| r).unwrap_or_default();
    if id_region != parsed.region {
        return finding(format!(
            "{who} has issuer `{value}`: the host names Region `{}` but the pool id belongs to `{id_region}`",
            parsed.region
        ));
    }
    if let Some(actual) = ctx.pool_id
        && actual != pool_id
    {
        let f = Finding::new(
            &located.loc,
            format!("{who} has issuer `{value}` for pool `{pool_id}`, but the user pool is `{actual}`"),
        );
        let f = match ctx.pool_loc {
            Some(loc) => f.related(loc, "the user pool"),
            None => f,
        };
        return Some(fix(f));
    }
    let updated = pool_uses_updated(ctx)?;
    if updated != parsed.updated && ctx.pool_id.is_some() {
        let (form, other) = if updated {
            (
                "UPDATED",
                "`https://issuer-cognito-idp.{region}.amazonaws.com/{userPoolId}`",
            )
        } else {
            (
                "ORIGINAL",
                "`https://cognito-idp.{region}.amazonaws.com/{userPoolId}`",
            )
        };
        let mut f = Finding::new(
            &located.loc,
            format!(
                "{who} has issuer `{value}`, but the pool's issuer type is {form}, whose tokens carry {other}"
            ),
        );
        if let Some(ic) = ctx.pool.and_then(|p| p.issuer_configuration.as_ref()) {
            f = f.related(&ic.loc, "the pool's issuer configuration");
        } else if !updated {
            f = f.note("the pool sets no issuer_configuration, so it uses the ORIGINAL issuer");
        }
        return Some(fix(f));
    }
    // What may still differ from the expected issuer is the scheme, a query, a fragment or a trailing slash,
    // each reported by its own rule.
    None
}
