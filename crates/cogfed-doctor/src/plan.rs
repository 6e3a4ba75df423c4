//! What to check and where, from the integration model (the files `cogfed lint` reads) and the command line's
//! [`Overrides`]. Pure: `cogfed doctor --offline` prints a plan without making a request.
//!
//! Targets, in the order a run visits them:
//! - every OIDC identity provider of the pool ([`IdpTarget`]): its discovery document at
//!   `{oidc_issuer}/.well-known/openid-configuration`, then its JWKS (cognito-facts §5.2, §5.3);
//! - the pool ([`PoolTarget`]): its discovery document and JWKS on the issuer host (cognito-facts §1.7, §2.4);
//! - relying parties ([`RpTarget`]), held against the pool's discovery document (no request of their own);
//! - the hosted UI ([`AuthorizeProbe`]): one unauthenticated `GET /oauth2/authorize` per (client, callback URL),
//!   and one per federated IdP with `identity_provider=` (cognito-facts §1.1).

use crate::rules::LiveRule;
use crate::url::{discovery_url, with_query};
use cogfed_lint::Finding;
use cogfed_lint::ctx::Ctx;
use cogfed_lint::de::{Loc, Located, items, known_str};
use cogfed_lint::model::Integration;
use cogfed_lint::rules::support::{details, is_oidc, mapping};

/// A PKCE S256 challenge whose verifier exists nowhere: the authorize probe satisfies servers that require
/// PKCE (Local Cognito does for public clients) and can never be turned into a sign-in. 43 base64url
/// characters, as RFC 7636 §4.2 requires.
pub const PROBE_CODE_CHALLENGE: &str = "cogfed-doctor-probe-with-no-verifier-at-all";
/// The `state` of every probe.
pub const PROBE_STATE: &str = "cogfed-doctor";

/// What the command line adds to or changes in the files. Every value is located in the command line's own
/// source (or in a file, for what `--local` reads from `[local]`), so findings about it point there.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// The pool's issuer is `{issuer_base}/{poolId}` (Local Cognito, a proxy) instead of Cognito's form.
    pub issuer_base: Option<Located<String>>,
    /// The hosted UI: a URL (`http://127.0.0.1:9229`), a custom domain, or a prefix.
    pub domain: Option<Located<String>>,
    /// `--issuer`: an OIDC IdP to check, with `--provider-name` the pool's name for it.
    pub issuer: Option<IssuerFlag>,
    /// `--client-id`.
    pub client_id: Option<Located<String>>,
    /// `--redirect-uri`.
    pub redirect_uris: Vec<Located<String>>,
    /// Where Local Cognito serves an identity provider whose issuer it stands in for: (provider name, the
    /// `oidc_issuer` its pool is configured with).
    pub served_issuers: Vec<(String, String)>,
}

/// `--issuer URL [--provider-name NAME]`.
#[derive(Debug, Clone)]
pub struct IssuerFlag {
    /// The issuer.
    pub issuer: Located<String>,
    /// The identity provider's name in the pool: with the name of a file's identity provider, the flag replaces
    /// its `oidc_issuer`; the hosted UI is then also probed with `identity_provider=` that name.
    pub provider_name: Option<Located<String>>,
}

/// An endpoint configured by hand in `provider_details`.
#[derive(Debug, Clone)]
pub struct ManualEndpoint {
    /// The `provider_details` key (`authorize_url`, `token_url`, `attributes_url`, `jwks_uri`).
    pub key: &'static str,
    /// The discovery member it stands for (`authorization_endpoint`, ...).
    pub discovery_key: &'static str,
    /// The value.
    pub value: Located<String>,
}

/// The manual endpoint keys of an OIDC IdP and the discovery members they replace (cognito-facts §5.2).
pub const MANUAL_ENDPOINTS: [(&str, &str); 4] = [
    ("authorize_url", "authorization_endpoint"),
    ("token_url", "token_endpoint"),
    ("attributes_url", "userinfo_endpoint"),
    ("jwks_uri", "jwks_uri"),
];

/// A claim the attribute mapping reads.
#[derive(Debug, Clone)]
pub struct MappedClaim {
    /// The pool attribute.
    pub attribute: String,
    /// The IdP claim.
    pub claim: String,
    /// Where the mapping is written.
    pub loc: Loc,
    /// Whether the attribute is required (schema `required`, or a username attribute).
    pub required: bool,
}

/// An upstream OIDC IdP to check.
#[derive(Debug, Clone)]
pub struct IdpTarget {
    /// The pool's name for it, when known.
    pub provider_name: Option<String>,
    /// `identity provider `X`` or `the IdP of --issuer`.
    pub label: String,
    /// The configured `oidc_issuer`.
    pub issuer: Located<String>,
    /// The issuer the pool really uses: the configured one, or Local Cognito's stand-in for it.
    pub effective_issuer: String,
    /// Manual endpoints (none when Local Cognito stands in: it drops them).
    pub manual: Vec<ManualEndpoint>,
    /// `authorize_scopes`, when configured.
    pub scopes: Option<Located<String>>,
    /// Claims the attribute mapping reads.
    pub claims: Vec<MappedClaim>,
    /// The IdP's client id for Cognito (`provider_details.client_id`).
    pub client_id: Option<Located<String>>,
}

impl IdpTarget {
    /// A target for an issuer alone (no pool configuration: scopes `openid`, no mapping, no manual endpoints),
    /// located nowhere; for judging a discovery document outside a run (the demo).
    pub fn for_issuer(issuer: &str) -> IdpTarget {
        IdpTarget {
            provider_name: None,
            label: format!("the OpenID provider `{issuer}`"),
            issuer: Located::known(Loc::default(), issuer.to_owned()),
            effective_issuer: issuer.to_owned(),
            manual: Vec::new(),
            scopes: None,
            claims: Vec::new(),
            client_id: None,
        }
    }

    /// The discovery URL.
    pub fn discovery_url(&self) -> String {
        discovery_url(&self.effective_issuer)
    }

    /// The manual endpoint configured for discovery member `discovery_key`.
    pub fn manual(&self, discovery_key: &str) -> Option<&ManualEndpoint> {
        self.manual.iter().find(|m| m.discovery_key == discovery_key)
    }

    /// The scopes Cognito sends: `authorize_scopes` split on spaces (Cognito sends `openid` when none are set).
    pub fn scope_list(&self) -> Vec<String> {
        match self.scopes.as_ref().and_then(Located::as_str) {
            Some(s) => s
                .split(' ')
                .filter(|x| !x.is_empty())
                .map(str::to_owned)
                .collect(),
            None => vec!["openid".to_owned()],
        }
    }
}

/// The user pool's issuer side.
#[derive(Debug, Clone)]
pub struct PoolTarget {
    /// The issuer the integration expects.
    pub expected_issuer: String,
    /// Where the pool id is written.
    pub loc: Loc,
    /// Hosts of the pool's domains known from the files and flags (the discovery's endpoints should be on one).
    pub domain_hosts: Vec<String>,
}

impl PoolTarget {
    /// The discovery URL.
    pub fn discovery_url(&self) -> String {
        discovery_url(&self.expected_issuer)
    }
}

/// A relying party of the pool (or the SPA), held against the pool's discovery document.
#[derive(Debug, Clone)]
pub struct RpTarget {
    /// `relying party `FusionAuth``, `the SPA`.
    pub label: String,
    /// The issuer it is configured with.
    pub issuer: Option<Located<String>>,
    /// Endpoints configured by hand: (discovery member, value).
    pub endpoints: Vec<(&'static str, Located<String>)>,
}

/// One unauthenticated `GET /oauth2/authorize` on the hosted UI.
#[derive(Debug, Clone)]
pub struct AuthorizeProbe {
    /// The hosted UI's origin (`https://myapp.auth.us-east-1.amazoncognito.com`).
    pub base: String,
    /// The app client id sent.
    pub client_id: String,
    /// Whose redirect URI it is, for messages.
    pub who: String,
    /// The `redirect_uri` sent, where it is written.
    pub redirect_uri: Located<String>,
    /// The `identity_provider` sent, if any.
    pub identity_provider: Option<String>,
    /// The index in [`Plan::idps`] of that identity provider, when it is a checked OIDC IdP.
    pub idp: Option<usize>,
}

impl AuthorizeProbe {
    /// The URL: `response_type=code`, the client, the redirect URI, a fixed state, a PKCE challenge without a
    /// verifier, and `identity_provider` when set. Never a secret, a token or a session.
    pub fn url(&self) -> String {
        let mut pairs = vec![
            ("response_type", "code"),
            ("client_id", self.client_id.as_str()),
            ("redirect_uri", self.redirect_uri.as_str().unwrap_or_default()),
            ("state", PROBE_STATE),
            ("code_challenge", PROBE_CODE_CHALLENGE),
            ("code_challenge_method", "S256"),
        ];
        if let Some(idp) = &self.identity_provider {
            pairs.push(("identity_provider", idp));
        }
        with_query(&format!("{}/oauth2/authorize", self.base), &pairs)
    }
}

/// Everything a run will check.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Upstream OIDC IdPs.
    pub idps: Vec<IdpTarget>,
    /// The pool, when its id (and Region, or an issuer base) is known.
    pub pool: Option<PoolTarget>,
    /// Relying parties and the SPA.
    pub rps: Vec<RpTarget>,
    /// Hosted-UI probes.
    pub probes: Vec<AuthorizeProbe>,
    /// What cannot be checked (`live-not-checked`), decided while planning.
    pub not_checked: Vec<Finding>,
}

/// One line of `--offline`: a request the run will make, or a follow-up it will make from a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRequest {
    /// The URL, or a description of a URL read from a document (`<jwks_uri of that document>`).
    pub url: String,
    /// What it checks.
    pub why: String,
    /// What in the integration it comes from.
    pub from: Loc,
}

impl Plan {
    /// The requests a run makes, in order (follow-ups named by the document that gives their URL).
    pub fn requests(&self) -> Vec<PlannedRequest> {
        let mut out = Vec::new();
        for idp in &self.idps {
            out.push(PlannedRequest {
                url: idp.discovery_url(),
                why: format!("discovery document of {}", idp.label),
                from: idp.issuer.loc.clone(),
            });
            let jwks = match idp.manual("jwks_uri") {
                Some(m) => m.value.as_str().unwrap_or_default().to_owned(),
                None => "<the jwks_uri of that document>".to_owned(),
            };
            out.push(PlannedRequest {
                url: jwks,
                why: format!("JWKS of {}", idp.label),
                from: idp.issuer.loc.clone(),
            });
        }
        if let Some(pool) = &self.pool {
            out.push(PlannedRequest {
                url: pool.discovery_url(),
                why: "discovery document of the user pool".into(),
                from: pool.loc.clone(),
            });
            out.push(PlannedRequest {
                url: "<the jwks_uri of that document>".into(),
                why: "JWKS of the user pool".into(),
                from: pool.loc.clone(),
            });
        }
        for p in &self.probes {
            let why = match &p.identity_provider {
                Some(idp) => format!(
                    "hosted UI: {}'s redirect URI, straight to `{idp}` (not followed)",
                    p.who
                ),
                None => format!("hosted UI: is {}'s redirect URI registered (not followed)", p.who),
            };
            out.push(PlannedRequest {
                url: p.url(),
                why,
                from: p.redirect_uri.loc.clone(),
            });
        }
        out
    }
}

/// Builds the plan for `integration` (files, with `--user-pool-id`/`--region` already merged into its pool)
/// and `overrides` (the rest of the command line).
pub fn plan(integration: &Integration, overrides: &Overrides) -> Plan {
    let ctx = Ctx::new(integration);
    let mut plan = Plan::default();
    plan_idps(&ctx, overrides, &mut plan);
    plan_pool(&ctx, overrides, &mut plan);
    plan_rps(&ctx, &mut plan);
    plan_probes(&ctx, overrides, &mut plan);
    plan
}

fn not_checked(loc: &Loc, message: String, help: &str) -> Finding {
    LiveRule::NotChecked.at(loc, message).help(help)
}

fn plan_idps(ctx: &Ctx, overrides: &Overrides, plan: &mut Plan) {
    let required: Vec<&str> = ctx.required_attributes().into_iter().map(|(n, _)| n).collect();
    let flag_name = overrides
        .issuer
        .as_ref()
        .and_then(|f| f.provider_name.as_ref())
        .and_then(Located::as_str);
    let mut flag_used = false;
    for (idp, idp_loc) in ctx.identity_providers() {
        if !is_oidc(idp) {
            continue;
        }
        let name = known_str(&idp.provider_name).map(str::to_owned);
        let label = match &name {
            Some(n) => format!("identity provider `{n}`"),
            None => "an identity provider".to_owned(),
        };
        let d = details(idp);
        let detail = |key: &str| d.and_then(|d| d.get(key)).cloned();
        let from_flag = flag_name.is_some() && flag_name == name.as_deref();
        let issuer = match (from_flag, detail("oidc_issuer")) {
            (true, _) => {
                flag_used = true;
                overrides.issuer.as_ref().map(|f| f.issuer.clone())
            }
            (false, Some(i)) if i.as_str().is_some() => Some(i),
            (false, Some(i)) => {
                plan.not_checked.push(not_checked(
                    &i.loc,
                    format!("{label} was not checked live: its oidc_issuer is not known statically"),
                    "pass --issuer URL --provider-name NAME",
                ));
                None
            }
            (false, None) => {
                plan.not_checked.push(not_checked(
                    idp_loc,
                    format!("{label} was not checked live: it has no oidc_issuer"),
                    "set provider_details.oidc_issuer, or pass --issuer URL --provider-name NAME",
                ));
                None
            }
        };
        let Some(issuer) = issuer else { continue };
        let served = name
            .as_deref()
            .and_then(|n| overrides.served_issuers.iter().find(|(s, _)| s == n))
            .map(|(_, url)| url.clone());
        let manual = if served.is_some() {
            Vec::new()
        } else {
            MANUAL_ENDPOINTS
                .iter()
                .filter_map(|(key, discovery_key)| {
                    detail(key)
                        .filter(|v| v.as_str().is_some())
                        .map(|value| ManualEndpoint {
                            key,
                            discovery_key,
                            value,
                        })
                })
                .collect()
        };
        let claims = mapping(idp)
            .map(|m| {
                m.iter()
                    .filter_map(|(attr, claim)| {
                        let attribute = attr.as_str()?.to_owned();
                        Some(MappedClaim {
                            required: required.contains(&attribute.as_str()),
                            attribute,
                            claim: claim.as_str()?.to_owned(),
                            loc: claim.loc.clone(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        plan.idps.push(IdpTarget {
            effective_issuer: served.unwrap_or_else(|| issuer.as_str().unwrap_or_default().to_owned()),
            provider_name: name,
            label,
            issuer,
            manual,
            scopes: detail("authorize_scopes"),
            claims,
            client_id: detail("client_id").filter(|c| c.as_str().is_some()),
        });
    }
    if let Some(flag) = &overrides.issuer
        && !flag_used
        && let Some(url) = flag.issuer.as_str()
    {
        let name = flag_name.map(str::to_owned);
        plan.idps.push(IdpTarget {
            label: match &name {
                Some(n) => format!("identity provider `{n}`"),
                None => "the IdP of --issuer".to_owned(),
            },
            provider_name: name,
            effective_issuer: url.to_owned(),
            issuer: flag.issuer.clone(),
            manual: Vec::new(),
            scopes: None,
            claims: Vec::new(),
            client_id: None,
        });
    }
}

fn plan_pool(ctx: &Ctx, overrides: &Overrides, plan: &mut Plan) {
    let pool_id = ctx
        .pool
        .and_then(|p| p.id.as_ref())
        .filter(|id| id.as_str().is_some());
    let Some(pool_id) = pool_id else {
        let wants_pool = !ctx.integration.relying_parties.is_empty()
            || ctx.integration.spa.is_some()
            || ctx.pool.is_some();
        if wants_pool {
            let loc = ctx.pool_loc.cloned().unwrap_or_default();
            plan.not_checked.push(not_checked(
                &loc,
                "the user pool's discovery and JWKS were not checked: its id is not known".into(),
                "pass --user-pool-id ID --region R",
            ));
        }
        return;
    };
    let id = pool_id.as_str().unwrap_or_default();
    let expected_issuer = match overrides.issuer_base.as_ref().and_then(Located::as_str) {
        Some(base) => format!("{}/{id}", base.trim_end_matches('/')),
        None => match &ctx.expected_issuer {
            Some(i) => i.clone(),
            None => {
                plan.not_checked.push(not_checked(
                    &pool_id.loc,
                    "the user pool's discovery and JWKS were not checked: its Region is not known".into(),
                    "pass --region R",
                ));
                return;
            }
        },
    };
    let mut domain_hosts: Vec<String> = ctx.domains.iter().map(|d| d.host.clone()).collect();
    if let Some((base, _)) = hosted_ui_base(ctx, overrides)
        && let Some(h) = crate::url::host_port(&base)
    {
        domain_hosts.push(h);
    }
    if ctx.domains_incomplete {
        // A domain we cannot name: "not on a known domain" cannot be decided.
        domain_hosts.clear();
    }
    plan.pool = Some(PoolTarget {
        expected_issuer,
        loc: pool_id.loc.clone(),
        domain_hosts,
    });
}

fn plan_rps(ctx: &Ctx, plan: &mut Plan) {
    for (rp, _) in ctx.relying_parties() {
        let label = match known_str(&rp.name) {
            Some(n) => format!("relying party `{n}`"),
            None => "a relying party".to_owned(),
        };
        let endpoints = [
            ("authorization_endpoint", &rp.authorization_endpoint),
            ("token_endpoint", &rp.token_endpoint),
            ("userinfo_endpoint", &rp.userinfo_endpoint),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().filter(|v| v.as_str().is_some()).map(|v| (k, v)))
        .collect();
        plan.rps.push(RpTarget {
            label,
            issuer: rp.issuer.clone().filter(|i| i.as_str().is_some()),
            endpoints,
        });
    }
    if let Some(spa) = ctx.spa()
        && let Some(issuer) = spa.issuer.clone().filter(|i| i.as_str().is_some())
    {
        plan.rps.push(RpTarget {
            label: "the SPA".into(),
            issuer: Some(issuer),
            endpoints: Vec::new(),
        });
    }
}

/// The hosted UI's origin: `--domain` (or `--local`), else the SPA's domain, else the pool's custom domain,
/// else its prefix domain. With where it comes from.
fn hosted_ui_base(ctx: &Ctx, overrides: &Overrides) -> Option<(String, Loc)> {
    let as_base = |v: &str| -> Option<String> {
        if v.contains("://") {
            return crate::url::origin(v);
        }
        if v.contains('.') {
            return Some(format!(
                "https://{}",
                v.trim_end_matches('/').to_ascii_lowercase()
            ));
        }
        // A prefix domain (cognito-facts §2.1).
        let region = ctx.region.as_ref()?;
        Some(format!(
            "https://{}.auth.{region}.amazoncognito.com",
            v.to_ascii_lowercase()
        ))
    };
    if let Some(d) = &overrides.domain {
        return as_base(d.as_str()?).map(|b| (b, d.loc.clone()));
    }
    if let Some(d) = ctx.spa().and_then(|s| s.domain.as_ref())
        && let Some(b) = d.as_str().and_then(as_base)
    {
        return Some((b, d.loc.clone()));
    }
    let d = ctx
        .domains
        .iter()
        .find(|d| d.custom)
        .or_else(|| ctx.domains.first())?;
    Some((format!("https://{}", d.host), d.loc.clone()))
}

fn plan_probes(ctx: &Ctx, overrides: &Overrides, plan: &mut Plan) {
    let base = hosted_ui_base(ctx, overrides).map(|(b, _)| b);
    let mut wanted: Vec<(String, String, Located<String>, Option<String>)> = Vec::new();
    let flag_client = overrides.client_id.as_ref().and_then(Located::as_str);
    let unknown_client = |plan: &mut Plan, loc: &Loc, who: &str| {
        plan.not_checked.push(not_checked(
            loc,
            format!("the hosted UI was not probed for {who}: its app client id is not known"),
            "pass --client-id ID",
        ));
    };
    // A client named by id or name: its id when the files give it (else --client-id), or the value itself when
    // the files describe no such client (the value is then an id of a client they do not show).
    let client_id_of = |id_or_name: &str| -> Option<String> {
        match ctx.client_by_id_or_name(id_or_name) {
            Some(i) => ctx
                .client(i)
                .and_then(|c| known_str(&c.client_id))
                .or(flag_client)
                .map(str::to_owned),
            None => Some(id_or_name.to_owned()),
        }
    };

    // The command line first.
    if !overrides.redirect_uris.is_empty() {
        match overrides.client_id.as_ref().and_then(Located::as_str) {
            Some(id) => {
                for u in &overrides.redirect_uris {
                    wanted.push((id.to_owned(), "the command line".into(), u.clone(), None));
                    if let Some(name) = overrides
                        .issuer
                        .as_ref()
                        .and_then(|f| f.provider_name.as_ref())
                        .and_then(Located::as_str)
                        && u.loc == overrides.redirect_uris[0].loc
                    {
                        wanted.push((
                            id.to_owned(),
                            "the command line".into(),
                            u.clone(),
                            Some(name.to_owned()),
                        ));
                    }
                }
            }
            None => {
                let loc = overrides.redirect_uris[0].loc.clone();
                unknown_client(plan, &loc, "the redirect URIs of the command line");
            }
        }
    }
    // The SPA: what it really sends.
    if let Some(spa) = ctx.spa()
        && let Some(redirect) = spa.redirect_uri.clone().filter(|r| r.as_str().is_some())
    {
        let id = match (spa.client_id.as_ref().and_then(Located::as_str), ctx.spa_client) {
            (Some(v), _) => client_id_of(v),
            (None, Some(i)) => ctx
                .client(i)
                .and_then(|c| known_str(&c.client_id))
                .map(str::to_owned),
            (None, None) => None,
        };
        match id {
            Some(id) => {
                let idp = known_str(&spa.identity_provider).map(str::to_owned);
                wanted.push((id, "the SPA".into(), redirect, idp));
            }
            None => unknown_client(plan, &redirect.loc, "the SPA"),
        }
    }
    // Relying parties: their callback at Cognito.
    for (rp, _) in ctx.relying_parties() {
        let who = match known_str(&rp.name) {
            Some(n) => format!("relying party `{n}`"),
            None => "a relying party".to_owned(),
        };
        let Some(cb) = rp.callback_url.clone().filter(|c| c.as_str().is_some()) else {
            continue;
        };
        match known_str(&rp.client_id).and_then(client_id_of) {
            Some(id) => wanted.push((id, who, cb, None)),
            None => unknown_client(plan, &cb.loc, &who),
        }
    }
    // Every app client: each callback URL, and each OIDC IdP it supports (with its first callback URL).
    for &(i, client, _) in ctx.clients() {
        let who = ctx.client_label(i);
        let callbacks = items(&client.callback_urls);
        // A client whose id the files do not know takes --client-id when it is the only client.
        let only = ctx.clients().len() == 1;
        let Some(id) = known_str(&client.client_id).or(flag_client.filter(|_| only)) else {
            if let Some(first) = callbacks.first() {
                unknown_client(plan, &first.loc, &who);
            }
            continue;
        };
        for cb in callbacks.iter().filter(|c| c.as_str().is_some()) {
            wanted.push((id.to_owned(), who.clone(), cb.clone(), None));
        }
        if let Some(first) = callbacks.iter().find(|c| c.as_str().is_some()) {
            for name in cogfed_lint::de::known_strs(&client.supported_identity_providers) {
                if plan.idps.iter().any(|t| t.provider_name.as_deref() == Some(name)) {
                    wanted.push((id.to_owned(), who.clone(), first.clone(), Some(name.to_owned())));
                }
            }
        }
    }
    if wanted.is_empty() {
        return;
    }
    let Some(base) = base else {
        let loc = wanted[0].2.loc.clone();
        plan.not_checked.push(not_checked(
            &loc,
            "the hosted UI was not probed: no domain of the user pool is known".into(),
            "pass --domain (a prefix, a custom domain or a URL)",
        ));
        return;
    };
    for (client_id, who, redirect_uri, identity_provider) in wanted {
        let duplicate = plan.probes.iter().any(|p| {
            p.client_id == client_id
                && p.redirect_uri.value == redirect_uri.value
                && p.identity_provider == identity_provider
        });
        if duplicate {
            continue;
        }
        let idp = identity_provider.as_deref().and_then(|n| {
            plan.idps
                .iter()
                .position(|t| t.provider_name.as_deref() == Some(n))
        });
        plan.probes.push(AuthorizeProbe {
            base: base.clone(),
            client_id,
            who,
            redirect_uri,
            identity_provider,
            idp,
        });
    }
}
