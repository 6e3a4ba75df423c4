//! The runtime index Local Cognito builds at start from the integration model (`cogfed_lint::model`): the pool,
//! clients by id, identity providers with the URLs Cognito reaches them at, resource servers, users, and the
//! upstream personas with the URLs they are served under. Each entry holds the model's own values (a
//! [`model::AppClient`], a [`model::UpstreamIdp`], ...) and adds only server state: where things are served.
//!
//! Only checks a server needs are made here, each naming the manifest position: a value it must know (a
//! client id, a password) is missing or statically unknown (a CloudFormation reference), two clients share an
//! id, two personas share an issuer path. What AWS itself refuses (the linter's `shape` group) and what breaks
//! sign-in (`broken`) are the linter's findings ([`crate::LocalConfig`] runs it).
//!
//! Addresses: a manifest names Local's loopback URLs with the ports of its `[local]` section (9229, 9230 by
//! default). When Local is bound elsewhere (`--port 0`, tests), every URL Local reads from the model on those
//! ports follows the bound port, so tokens never name an issuer that is not served.

use crate::{DEFAULT_COGNITO_PORT, DEFAULT_UPSTREAM_PORT};
use cogfed_lint::ctx::RESERVED_SCOPES;
use cogfed_lint::de::{Loc, Located, items, known, known_str, known_strs};
use cogfed_lint::model::{self, Integration, OAuthFlow, TokenKind};
use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

/// The addresses an integration is served under: personas' defaults and Cognito's idpresponse URL depend on
/// them.
#[derive(Debug, Clone)]
pub struct ServedUrls {
    /// Cognito side base URL, e.g. `http://127.0.0.1:9229`.
    pub cognito_base: String,
    /// Upstream side base URL, e.g. `http://127.0.0.1:9230`.
    pub upstream_base: String,
}

/// Ports and issuer base the manifest's `[local]` section asks for (`None` where it is silent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestPorts {
    /// `[local].port`.
    pub cognito: Option<u16>,
    /// The `port` shared by every `[[local.upstreams]]`, when they name one.
    pub upstream: Option<u16>,
    /// `[local].issuer_base`.
    pub issuer_base: Option<String>,
}

impl ManifestPorts {
    /// Reads `[local]`.
    pub fn from_integration(i: &Integration) -> Self {
        let Some(local) = i.local.as_ref().and_then(Located::get) else {
            return ManifestPorts::default();
        };
        let ports = upstream_ports(local);
        let upstream = ports
            .first()
            .copied()
            .filter(|first| ports.iter().all(|p| p == first));
        ManifestPorts {
            cognito: known(&local.port).copied(),
            upstream,
            issuer_base: known_str(&local.issuer_base).map(str::to_owned),
        }
    }
}

/// The base of the pool issuer (`{base}/{poolId}`) when `i` is served under `urls`: `[local].issuer_base`, else
/// the Cognito side's own base. The manifest's own loopback origin follows the bound port like every loopback
/// URL it names, so tokens, discovery and JWKS never name an address that is not served; another base (a
/// proxy's) is kept as written.
pub(crate) fn issuer_base(i: &Integration, urls: &ServedUrls) -> String {
    let configured = i
        .local
        .as_ref()
        .and_then(Located::get)
        .and_then(|l| known_str(&l.issuer_base));
    match configured {
        Some(base) => Rebase::new(i, urls, None).url(base),
        None => urls.cognito_base.clone(),
    }
    .trim_end_matches('/')
    .to_owned()
}

fn upstream_ports(local: &model::LocalSettings) -> Vec<u16> {
    local
        .upstreams
        .iter()
        .filter_map(|u| u.get().and_then(|u| known(&u.port)).copied())
        .collect()
}

/// Something Local Cognito needs and the configuration does not give (the linter's findings are separate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// Where.
    pub loc: Loc,
    /// What.
    pub message: String,
}

fn problem(loc: &Loc, message: impl Into<String>) -> Problem {
    Problem {
        loc: loc.clone(),
        message: message.into(),
    }
}

const UNKNOWN: &str = "is not known statically (an unresolved reference); Local Cognito needs a value";

/// The value of a located item, or a problem when it is statically unknown.
fn value<'a, T>(l: &'a Located<T>, problems: &mut Vec<Problem>) -> Option<&'a T> {
    let v = l.get();
    if v.is_none() {
        problems.push(problem(&l.loc, UNKNOWN));
    }
    v
}

/// A string Local Cognito cannot do without.
fn required(
    field: &Option<Located<String>>,
    parent: &Loc,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    match field {
        Some(l) => value(l, problems).cloned(),
        None => {
            problems.push(problem(&parent.child(name), "is required by Local Cognito"));
            None
        }
    }
}

/// Moves the manifest's loopback origins to where they are really served, host kept:
/// `http://127.0.0.1:9229/x` -> `http://127.0.0.1:{bound}/x`, and the SPA origin when it moved.
#[derive(Debug, Clone, Default)]
struct Rebase(Vec<(String, String)>);

fn port_of(base: &str) -> Option<u16> {
    base.trim_end_matches('/').rsplit(':').next()?.parse().ok()
}

impl Rebase {
    fn new(i: &Integration, urls: &ServedUrls, spa: Option<&(String, String)>) -> Self {
        let mut pairs = vec![];
        let mut moved = |from: u16, to: Option<u16>| {
            if let Some(to) = to.filter(|to| *to != from) {
                for host in ["127.0.0.1", "localhost"] {
                    pairs.push((format!("http://{host}:{from}"), format!("http://{host}:{to}")));
                }
            }
        };
        let local = i.local.as_ref().and_then(Located::get);
        let cognito = local.and_then(|l| known(&l.port)).copied();
        moved(
            cognito.unwrap_or(DEFAULT_COGNITO_PORT),
            port_of(&urls.cognito_base),
        );
        let mut upstreams = local.map(upstream_ports).unwrap_or_default();
        if upstreams.is_empty() {
            upstreams.push(DEFAULT_UPSTREAM_PORT);
        }
        upstreams.dedup();
        for p in upstreams {
            moved(p, port_of(&urls.upstream_base));
        }
        if let Some((from, to)) = spa.filter(|(from, to)| from != to) {
            pairs.push((
                from.trim_end_matches('/').to_owned(),
                to.trim_end_matches('/').to_owned(),
            ));
        }
        Rebase(pairs)
    }

    fn url(&self, url: &str) -> String {
        for (from, to) in &self.0 {
            if let Some(rest) = url.strip_prefix(from.as_str())
                && (rest.is_empty() || rest.starts_with(['/', '?', '#']))
            {
                return format!("{to}{rest}");
            }
        }
        url.to_owned()
    }

    fn urls(&self, list: &model::List<String>) -> Vec<String> {
        known_strs(list).map(|u| self.url(u)).collect()
    }
}

/// The user pool.
#[derive(Debug, Clone)]
pub struct Pool {
    /// Pool ID, `{region}_{suffix}`: also the issuer path.
    pub id: String,
    /// The model's pool.
    pub model: model::UserPool,
}

impl Pool {
    /// `username_attributes` (`email`, `phone_number`): sign-in names, and attributes a federated sign-in must
    /// map (cognito-facts §5.4).
    pub fn username_attributes(&self) -> impl Iterator<Item = &str> {
        known_strs(&self.model.username_attributes)
    }

    /// The schema attributes every user must have.
    pub fn required_attributes(&self) -> impl Iterator<Item = &str> {
        items(&self.model.schema_attributes)
            .iter()
            .filter_map(Located::get)
            .filter(|a| known(&a.required) == Some(&true))
            .filter_map(|a| known_str(&a.name))
    }

    /// Whether the schema declares `name` immutable (`mutable` defaults to true).
    pub fn is_immutable(&self, name: &str) -> bool {
        items(&self.model.schema_attributes)
            .iter()
            .filter_map(Located::get)
            .any(|a| known_str(&a.name) == Some(name) && known(&a.mutable) == Some(&false))
    }
}

/// An app client as served.
#[derive(Debug, Clone)]
pub struct Client {
    /// `client_id`.
    pub id: String,
    /// The model's client.
    pub model: model::AppClient,
    /// `callback_urls` where they are served (the SPA may have moved), compared exactly.
    pub callback_urls: Vec<String>,
    /// `logout_urls` where they are served.
    pub logout_urls: Vec<String>,
}

impl Client {
    /// The client secret; `None` for a public client (SPA).
    pub fn secret(&self) -> Option<&str> {
        known_str(&self.model.client_secret)
    }

    /// Whether the client authenticates with a secret at the token endpoint.
    pub fn is_confidential(&self) -> bool {
        self.secret().is_some()
    }

    /// Whether the client may use `flow`.
    pub fn allows(&self, flow: OAuthFlow) -> bool {
        self.model.allows(flow)
    }

    /// `allowed_oauth_flows_user_pool_client`: without it the hosted UI refuses the client. False unless set
    /// (cognito-facts §4, the CLI/SDK default).
    pub fn hosted_ui_enabled(&self) -> bool {
        known(&self.model.allowed_oauth_flows_user_pool_client) == Some(&true)
    }

    /// `allowed_oauth_scopes`.
    pub fn scopes(&self) -> impl Iterator<Item = &str> {
        known_strs(&self.model.allowed_oauth_scopes)
    }

    /// Whether `scope` is allowed.
    pub fn allows_scope(&self, scope: &str) -> bool {
        self.scopes().any(|s| s == scope)
    }

    /// The allowed scopes that are not reserved ones: resource server scopes.
    pub fn custom_scopes(&self) -> impl Iterator<Item = &str> {
        self.scopes().filter(|s| !RESERVED_SCOPES.contains(s))
    }

    /// Whether `supported_identity_providers` lists `name` (`COGNITO` or an IdP).
    pub fn supports(&self, name: &str) -> bool {
        known_strs(&self.model.supported_identity_providers).any(|s| s == name)
    }

    /// The lifetime of `kind` tokens, Cognito's defaults applied (the model owns them).
    pub fn lifetime(&self, kind: TokenKind) -> Duration {
        self.model.token_lifetime(kind)
    }

    /// `enable_token_revocation` (default true, cognito-facts §4).
    pub fn revocation_enabled(&self) -> bool {
        known(&self.model.enable_token_revocation) != Some(&false)
    }

    /// Refresh token rotation: `Some(retry grace period in seconds)` when `feature = "ENABLED"`
    /// (cognito-facts §3.4).
    pub fn rotation(&self) -> Option<u64> {
        let r = known(&self.model.refresh_token_rotation)?;
        (known_str(&r.feature) == Some("ENABLED")).then(|| {
            known(&r.retry_grace_period_seconds)
                .and_then(|g| u64::try_from(*g).ok())
                .unwrap_or(0)
        })
    }

    /// `read_attributes`; `None` = every attribute (cognito-facts §4).
    pub fn read_attributes(&self) -> Option<Vec<&str>> {
        self.model
            .read_attributes
            .as_ref()
            .map(|_| known_strs(&self.model.read_attributes).collect())
    }

    /// `write_attributes`; `None` = every attribute.
    pub fn write_attributes(&self) -> Option<Vec<&str>> {
        self.model
            .write_attributes
            .as_ref()
            .map(|_| known_strs(&self.model.write_attributes).collect())
    }
}

/// `ProviderDetails` keys that are URLs: read where they are served.
const URL_DETAILS: [&str; 5] = [
    "oidc_issuer",
    "authorize_url",
    "token_url",
    "attributes_url",
    "jwks_uri",
];

/// An identity provider of the pool as Cognito reaches it.
#[derive(Debug, Clone)]
pub struct Idp {
    /// `provider_name`.
    pub name: String,
    /// The model's identity provider.
    pub model: model::IdentityProvider,
    /// The URL details as served: rebased, and pointed at the persona when one stands in for the IdP.
    urls: BTreeMap<&'static str, String>,
}

impl Idp {
    /// A `provider_details` value, `None` when absent or empty. URL keys give the served URL.
    pub fn detail(&self, key: &str) -> Option<&str> {
        if URL_DETAILS.contains(&key) {
            return self.urls.get(key).map(String::as_str).filter(|v| !v.is_empty());
        }
        let details = known(&self.model.provider_details)?;
        details.get(key)?.as_str().filter(|v| !v.is_empty())
    }

    /// `provider_type` (`OIDC`, `SAML`, ...).
    pub fn provider_type(&self) -> &str {
        known_str(&self.model.provider_type).unwrap_or_default()
    }

    /// Whether Local Cognito federates to it: only OIDC providers are served.
    pub fn is_oidc(&self) -> bool {
        self.provider_type() == "OIDC"
    }

    /// `attribute_mapping`: (pool attribute, IdP claim).
    pub fn attribute_mapping(&self) -> impl Iterator<Item = (&str, &str)> {
        known(&self.model.attribute_mapping)
            .into_iter()
            .flat_map(|m| m.iter())
            .filter_map(|(k, v)| Some((k.as_str()?, v.as_str()?)))
    }

    /// `idp_identifiers`.
    pub fn identifiers(&self) -> impl Iterator<Item = &str> {
        known_strs(&self.model.idp_identifiers)
    }
}

/// An upstream OIDC IdP played by Local Cognito: the model's `[[local.upstreams]]` entry and the IdP's
/// registration of Cognito (`[[upstream_idps]]`), served under `issuer`. What it does wrong on purpose is read
/// from those two by `persona.rs`.
#[derive(Debug, Clone)]
pub struct Persona {
    /// The pool IdP it plays.
    pub provider_name: String,
    /// Its `[[local.upstreams]]` entry: users, `omit_claims`.
    pub upstream: model::LocalUpstream,
    /// The IdP's registration of Cognito, when the manifest has one.
    pub registration: Option<model::UpstreamIdp>,
    /// The issuer exactly as it appears in `iss` and discovery (a trailing slash is kept on purpose,
    /// cognito-facts §5.3). Always on the upstream port.
    pub issuer: String,
    /// Path prefix on the upstream port (`""` or `/idura`), without trailing slash.
    pub path_prefix: String,
    /// The issuer without its trailing slash: the base of its endpoint URLs.
    pub base: String,
    /// Registered redirect URIs (Cognito's `/oauth2/idpresponse`), compared exactly.
    pub redirect_uris: Vec<String>,
    /// The client id Cognito must use.
    pub client_id: String,
    /// The secret Cognito presents: the pool IdP's `client_secret`.
    pub idp_client_secret: String,
}

/// Everything Local Cognito serves, indexed.
#[derive(Debug, Clone)]
pub struct Served {
    /// The pool.
    pub pool: Pool,
    /// App clients.
    pub clients: Vec<Client>,
    /// Identity providers (`COGNITO` is built in and not listed).
    pub idps: Vec<Idp>,
    /// Resource servers.
    pub resource_servers: Vec<model::ResourceServer>,
    /// Local users, each with a known username and password.
    pub users: Vec<model::LocalUser>,
    /// Upstream personas.
    pub personas: Vec<Persona>,
}

impl Served {
    /// The app client with this id.
    pub fn client(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// The identity provider with this name (exact, case-sensitive like Cognito, cognito-facts §8 A4).
    pub fn idp(&self, name: &str) -> Option<&Idp> {
        self.idps.iter().find(|p| p.name == name)
    }

    /// Whether `identifier` is a resource server's.
    pub fn is_resource_server(&self, identifier: &str) -> bool {
        self.resource_servers
            .iter()
            .any(|r| known_str(&r.identifier) == Some(identifier))
    }

    /// Indexes `i` as served under `urls` (and the SPA at `spa.1` instead of `spa.0`).
    pub(crate) fn build(
        i: &Integration,
        urls: &ServedUrls,
        spa: Option<&(String, String)>,
    ) -> Result<Served, Vec<Problem>> {
        let rebase = Rebase::new(i, urls, spa);
        let mut problems = vec![];
        let p = &mut problems;
        let pool = match &i.user_pool {
            None => {
                p.push(problem(
                    &Loc::default().child("user_pool"),
                    "is required by Local Cognito",
                ));
                None
            }
            Some(l) => value(l, p).and_then(|m| {
                let id = required(&m.id, &l.loc, "id", p)?;
                Some(Pool { id, model: m.clone() })
            }),
        };
        if let Some(other) = i.other_pools.first() {
            p.push(problem(
                &other.loc,
                "a second user pool: Local Cognito serves one pool (the first one read)",
            ));
        }
        let clients = clients(i, &rebase, p);
        let mut idps: Vec<Idp> = i
            .identity_providers
            .iter()
            .filter_map(|l| {
                let m = value(l, p)?;
                let name = required(&m.provider_name, &l.loc, "provider_name", p)?;
                let details = known(&m.provider_details);
                let urls = URL_DETAILS
                    .iter()
                    .filter_map(|k| Some((*k, rebase.url(details?.get(k)?.as_str()?))))
                    .collect();
                Some(Idp {
                    name,
                    model: m.clone(),
                    urls,
                })
            })
            .collect();
        let resource_servers = i
            .resource_servers
            .iter()
            .filter_map(|l| {
                let m = value(l, p)?;
                required(&m.identifier, &l.loc, "identifier", p)?;
                Some(m.clone())
            })
            .collect();
        let local = i.local.as_ref().and_then(|l| value(l, p));
        let users = local.map(|l| users(&l.users, p)).unwrap_or_default();
        let mut personas = vec![];
        for l in local.map(|l| l.upstreams.as_slice()).unwrap_or_default() {
            if let Some(persona) = persona(l, i, &mut idps, urls, &rebase, p) {
                if personas
                    .iter()
                    .any(|o: &Persona| o.path_prefix == persona.path_prefix)
                {
                    p.push(problem(
                        &l.loc,
                        format!(
                            "{:?} is served at the issuer path of another persona ({})",
                            persona.provider_name, persona.issuer
                        ),
                    ));
                }
                personas.push(persona);
            }
        }
        match pool {
            Some(pool) if problems.is_empty() => Ok(Served {
                pool,
                clients,
                idps,
                resource_servers,
                users,
                personas,
            }),
            _ => Err(problems),
        }
    }
}

fn clients(i: &Integration, rebase: &Rebase, p: &mut Vec<Problem>) -> Vec<Client> {
    let mut out: Vec<Client> = vec![];
    for l in &i.clients {
        let Some(m) = value(l, p) else { continue };
        let Some(id) = required(&m.client_id, &l.loc, "client_id", p) else {
            continue;
        };
        if m.client_secret.is_none() && known(&m.generate_secret) == Some(&true) {
            p.push(problem(
                &l.loc.child("client_secret"),
                "generate_secret is true: Local Cognito needs the secret's value here",
            ));
            continue;
        }
        if out.iter().any(|c| c.id == id) {
            p.push(problem(
                &l.loc.child("client_id"),
                format!("{id:?} is the id of another client"),
            ));
            continue;
        }
        out.push(Client {
            id,
            callback_urls: rebase.urls(&m.callback_urls),
            logout_urls: rebase.urls(&m.logout_urls),
            model: m.clone(),
        });
    }
    out
}

/// Users with a known username and password; usernames are unique without regard to case (a pool's default).
fn users(list: &[Located<model::LocalUser>], p: &mut Vec<Problem>) -> Vec<model::LocalUser> {
    let mut seen = HashSet::new();
    let mut out = vec![];
    for l in list {
        let Some(u) = value(l, p) else { continue };
        let name = required(&u.username, &l.loc, "username", p);
        let password = required(&u.password, &l.loc, "password", p);
        if let (Some(name), Some(_)) = (name, password) {
            if seen.insert(name.to_lowercase()) {
                out.push(u.clone());
            } else {
                p.push(problem(
                    &l.loc.child("username"),
                    format!("{name:?} appears twice"),
                ));
            }
        }
    }
    out
}

/// The persona playing `[[local.upstreams]]` entry `l`. Its issuer: the registration's (byte for byte), else
/// the one the pool expects, else the upstream base. When that is not on the upstream port (the manifest
/// describes the real IdP), the persona stands in for it under `{upstream}/{ProviderName}`: the pool IdP's
/// `oidc_issuer` is pointed there (manual endpoint URLs dropped), a trailing-slash difference between the two
/// issuers is kept, and the registered `…/oauth2/idpresponse` becomes Local's.
fn persona(
    l: &Located<model::LocalUpstream>,
    i: &Integration,
    idps: &mut [Idp],
    urls: &ServedUrls,
    rebase: &Rebase,
    p: &mut Vec<Problem>,
) -> Option<Persona> {
    let u = value(l, p)?;
    let provider_name = required(&u.provider_name, &l.loc, "provider_name", p)?;
    let Some(idp) = idps.iter_mut().find(|d| d.name == provider_name) else {
        p.push(problem(
            &l.loc.child("provider_name"),
            format!("{provider_name:?} is not one of the pool's identity_providers"),
        ));
        return None;
    };
    let registration = i
        .upstream_idps
        .iter()
        .filter_map(Located::get)
        .find(|r| known_str(&r.provider_name) == Some(provider_name.as_str()))
        .cloned();
    let reg_str = |f: fn(&model::UpstreamIdp) -> &Option<Located<String>>| {
        registration
            .as_ref()
            .and_then(|r| known_str(f(r)))
            .map(str::to_owned)
    };
    let upstream = urls.upstream_base.trim_end_matches('/');
    let configured = idp.detail("oidc_issuer").map(str::to_owned);
    let mut issuer = reg_str(|r| &r.issuer)
        .map(|s| rebase.url(&s))
        .or_else(|| configured.clone())
        .unwrap_or_else(|| upstream.to_owned());
    let served_here = |s: &str| {
        s.strip_prefix(upstream)
            .is_some_and(|r| r.is_empty() || r.starts_with('/'))
    };
    let stand_in = !served_here(&issuer);
    if stand_in {
        let local = format!("{upstream}/{provider_name}");
        let slash = |s: &str| if s.ends_with('/') { "/" } else { "" };
        let pool_side = format!("{local}{}", slash(configured.as_deref().unwrap_or(&issuer)));
        issuer = format!("{local}{}", slash(&issuer));
        idp.urls.clear();
        idp.urls.insert("oidc_issuer", pool_side);
    }
    let idpresponse = format!("{}/oauth2/idpresponse", urls.cognito_base.trim_end_matches('/'));
    let redirect_uris = match registration.as_ref().map(|r| &r.redirect_uris) {
        // Standing in, the registered Cognito callback (`https://{domain}/oauth2/idpresponse`) becomes Local's;
        // other URIs stay, so a registration that lacks idpresponse still fails.
        Some(list @ Some(_)) => rebase
            .urls(list)
            .into_iter()
            .map(|u| {
                if stand_in && u.ends_with("/oauth2/idpresponse") {
                    idpresponse.clone()
                } else {
                    u
                }
            })
            .collect(),
        _ => vec![idpresponse],
    };
    let client_id = reg_str(|r| &r.client_id)
        .or_else(|| idp.detail("client_id").map(str::to_owned))
        .unwrap_or_default();
    let mut subs = HashSet::new();
    for lu in &u.users {
        let Some(user) = value(lu, p) else { continue };
        let name = required(&user.username, &lu.loc, "username", p);
        required(&user.password, &lu.loc, "password", p);
        if name.is_some() && !subs.insert(crate::persona::subject(user)) {
            p.push(problem(&lu.loc, "two users of this persona have the same sub"));
        }
    }
    let path_prefix = issuer
        .strip_prefix(upstream)
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_owned();
    Some(Persona {
        idp_client_secret: idp.detail("client_secret").unwrap_or_default().to_owned(),
        base: issuer.trim_end_matches('/').to_owned(),
        provider_name,
        upstream: u.clone(),
        registration,
        issuer,
        path_prefix,
        redirect_uris,
        client_id,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The demo with `patch` merged in, checked and indexed as served on the default ports.
    pub(crate) fn demo(patch: &str) -> Served {
        let urls = ServedUrls {
            cognito_base: "http://127.0.0.1:9229".into(),
            upstream_base: "http://127.0.0.1:9230".into(),
        };
        crate::LocalConfig::demo()
            .patched(patch)
            .expect("a TOML patch")
            .check(&urls)
            .expect("servable")
            .served
    }

    /// The index of a manifest, served on the default ports (not linted).
    pub(crate) fn served(manifest: &str) -> Served {
        let loaded =
            cogfed_lint::load(vec![cogfed_lint::SourceFile::new("t.toml", manifest)]).expect("loads");
        let urls = ServedUrls {
            cognito_base: "http://127.0.0.1:9229".into(),
            upstream_base: "http://127.0.0.1:9230".into(),
        };
        Served::build(&loaded.integration, &urls, None).expect("servable")
    }

    #[test]
    fn loopback_urls_follow_the_bound_ports_and_others_stay() {
        let loaded = crate::LocalConfig::demo();
        let urls = ServedUrls {
            cognito_base: "http://127.0.0.1:40001".into(),
            upstream_base: "http://127.0.0.1:40002".into(),
        };
        let spa = (
            "http://127.0.0.1:8080".to_owned(),
            "http://127.0.0.1:5555".to_owned(),
        );
        let s = Served::build(loaded.integration(), &urls, Some(&spa)).unwrap();
        assert_eq!(s.personas[0].issuer, "http://127.0.0.1:40002");
        assert_eq!(
            s.personas[0].redirect_uris,
            ["http://127.0.0.1:40001/oauth2/idpresponse"]
        );
        assert_eq!(s.idps[0].detail("oidc_issuer"), Some("http://127.0.0.1:40002"));
        assert_eq!(s.clients[0].callback_urls, ["http://127.0.0.1:5555/callback"]);
        let r = Rebase::new(loaded.integration(), &urls, None);
        assert_eq!(r.url("http://localhost:9229/x?y"), "http://localhost:40001/x?y");
        assert_eq!(r.url("http://127.0.0.1:92290/x"), "http://127.0.0.1:92290/x");
        assert_eq!(r.url("https://idp.example.com"), "https://idp.example.com");
    }

    #[test]
    fn the_issuer_base_follows_the_bound_port_unless_it_is_a_proxys() {
        let urls = ServedUrls {
            cognito_base: "http://127.0.0.1:40001".into(),
            upstream_base: "http://127.0.0.1:40002".into(),
        };
        let demo = crate::LocalConfig::demo();
        assert_eq!(
            demo.ports().issuer_base.as_deref(),
            Some("http://127.0.0.1:9229"),
            "what the demo says"
        );
        assert_eq!(issuer_base(demo.integration(), &urls), "http://127.0.0.1:40001");
        let proxied = demo
            .patched(r#"local = { issuer_base = "https://auth.example.test/" }"#)
            .unwrap();
        assert_eq!(
            issuer_base(proxied.integration(), &urls),
            "https://auth.example.test"
        );
        let loaded = cogfed_lint::load(vec![cogfed_lint::SourceFile::new(
            "t.toml",
            "version = 1\n[user_pool]\nid = \"us-east-1_X\"\n",
        )])
        .unwrap();
        assert_eq!(issuer_base(&loaded.integration, &urls), "http://127.0.0.1:40001");
    }

    #[test]
    fn client_values_keep_cognitos_defaults() {
        let s = served("version = 1\n[user_pool]\nid = \"us-east-1_X\"\n[[clients]]\nclient_id = \"c\"\n");
        let c = s.client("c").unwrap();
        assert!(!c.hosted_ui_enabled() && c.revocation_enabled() && c.rotation().is_none());
        assert_eq!(c.read_attributes(), None);
        assert_eq!(c.lifetime(TokenKind::Refresh), Duration::from_secs(30 * 86_400));
    }
}
