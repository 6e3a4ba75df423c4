//! Importers: each input file (or YAML document) is recognised by its content and turned into a partial
//! [`Integration`]; the partial models of all files merge into one.
//!
//! Recognised formats ([`Format`]): our manifest, AWS CLI `describe-*` JSON, CloudFormation templates (JSON or
//! YAML, short-form intrinsics), Pomerium configs (YAML, env file, or inside a Kubernetes ConfigMap) and
//! FusionAuth OpenID Connect identity providers (API JSON). Cross-file references (SPA settings naming a
//! client, an upstream registration naming a provider) resolve later, in [`crate::ctx::Ctx`], by id or name.

mod aws_cli;
mod cfn;
mod fusionauth;
mod manifest;
mod pomerium;

use crate::de::{DeError, Loc, Located, StrMap};
use crate::model::Integration;
use crate::node::Node;
use crate::parse::{self, ParseError, Syntax};
use crate::source::{FileId, Position, SourceFile, Sources};
use std::fmt;

/// What kind of file an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A cogfed manifest (`version = 1`).
    Manifest,
    /// AWS CLI `describe-user-pool*` / `describe-identity-provider` / `describe-resource-server` output.
    AwsCli,
    /// A CloudFormation template.
    CloudFormation,
    /// A Pomerium configuration.
    Pomerium,
    /// A FusionAuth OpenID Connect identity provider.
    FusionAuth,
}

impl Format {
    /// A human name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Manifest => "cogfed manifest",
            Format::AwsCli => "AWS CLI JSON",
            Format::CloudFormation => "CloudFormation template",
            Format::Pomerium => "Pomerium config",
            Format::FusionAuth => "FusionAuth identity provider",
        }
    }
}

/// An input problem (unreadable, unknown format, syntax error, wrong type): the lint cannot run on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file's display name.
    pub file: String,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// JSON pointer of the offending value, when known.
    pub pointer: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{}:{}: {}", self.file, p.line, p.column, self.message)?,
            None => write!(f, "{}: {}", self.file, self.message)?,
        }
        match &self.pointer {
            Some(p) if !p.is_empty() => write!(f, " (at {p})"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for InputError {}

/// The result of loading: the files (for rendering) and the merged model.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Every input file, indexed by [`FileId`].
    pub sources: Sources,
    /// The merged integration.
    pub integration: Integration,
    /// What each file (or YAML document) was recognised as.
    pub formats: Vec<(FileId, Format)>,
}

/// Loads, recognises, imports and merges `files`. All input errors are returned (one per bad file), so the
/// user can fix them in one go.
pub fn load(files: Vec<SourceFile>) -> Result<Loaded, Vec<InputError>> {
    let mut loaded = Loaded::default();
    let mut errors = Vec::new();
    for file in files {
        let id = loaded.sources.add(file);
        if let Err(e) = load_one(&mut loaded, id) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(errors)
    }
}

fn load_one(loaded: &mut Loaded, id: FileId) -> Result<(), InputError> {
    let Some(file) = loaded.sources.get(id) else {
        return Err(InputError {
            file: "<unknown>".into(),
            position: None,
            pointer: None,
            message: "no such file id".into(),
        });
    };
    let name = file.name.clone();
    let text = file.text.as_str();
    let parse_err = |e: ParseError| input_error_at(&loaded.sources, id, Loc::new(id, "", e.span), e.message);
    if text.len() > parse::MAX_INPUT_BYTES {
        return Err(InputError {
            file: name,
            position: None,
            pointer: None,
            message: format!(
                "file is {} bytes; the limit is {} bytes (8 MiB)",
                text.len(),
                parse::MAX_INPUT_BYTES
            ),
        });
    }
    let syntax = Syntax::detect(&name, text);
    let docs = match syntax {
        Syntax::Yaml => parse::parse_yaml_documents(text).map_err(parse_err)?,
        other => vec![parse::parse(other, text).map_err(parse_err)?],
    };
    let mut recognised = 0;
    for doc in &docs {
        let Some(format) = detect(doc, syntax) else {
            continue;
        };
        recognised += 1;
        let part = import(format, id, text, doc).map_err(|e| de_error(&loaded.sources, id, e))?;
        loaded.formats.push((id, format));
        merge(&mut loaded.integration, part);
    }
    if recognised == 0 {
        return Err(InputError {
            file: name,
            position: Some(Position { line: 1, column: 1 }),
            pointer: None,
            message: format!(
                "unknown format ({} parsed fine): expected a cogfed manifest (`version = 1`), AWS CLI describe-* JSON \
                 (`UserPool`, `UserPoolClient`, `IdentityProvider`, `DomainDescription`, `ResourceServer`), a \
                 CloudFormation template with AWS::Cognito::* resources, a Pomerium config (`idp_provider_url` or \
                 IDP_* variables) or a FusionAuth OpenID Connect identity provider (`identityProvider.type`)",
                syntax.name()
            ),
        });
    }
    Ok(())
}

fn input_error_at(sources: &Sources, id: FileId, loc: Loc, message: String) -> InputError {
    InputError {
        file: sources.name(id).to_string(),
        position: Some(sources.position(id, loc.span.start)),
        pointer: if loc.pointer.is_empty() {
            None
        } else {
            Some(loc.pointer)
        },
        message,
    }
}

fn de_error(sources: &Sources, id: FileId, e: DeError) -> InputError {
    let loc =
        e.at.unwrap_or_else(|| Loc::new(id, "", crate::source::Span::point(0)));
    let file = loc.file;
    let mut err = input_error_at(sources, file, loc, e.message);
    if err.pointer.is_none() {
        err.pointer = Some(String::new());
    }
    err
}

const AWS_CLI_KEYS: &[&str] = &[
    "UserPool",
    "UserPoolClient",
    "IdentityProvider",
    "DomainDescription",
    "ResourceServer",
    "ResourceServers",
];
const POMERIUM_KEYS: &[&str] = &[
    "idp_provider",
    "idp_provider_url",
    "idp_client_id",
    "idp_client_secret",
    "idp_scopes",
];

/// Recognises one document.
pub fn detect(node: &Node, syntax: Syntax) -> Option<Format> {
    if !node.is_map() {
        return None;
    }
    if syntax == Syntax::Env {
        return node
            .entries()
            .iter()
            .any(|(k, _)| k.text.starts_with("IDP_"))
            .then_some(Format::Pomerium);
    }
    if node.get("AWSTemplateFormatVersion").is_some() || cfn::looks_like_template(node) {
        return Some(Format::CloudFormation);
    }
    if node
        .entries()
        .iter()
        .any(|(k, _)| AWS_CLI_KEYS.contains(&k.text.as_str()))
    {
        return Some(Format::AwsCli);
    }
    if syntax == Syntax::Toml || node.get("version").is_some() {
        return Some(Format::Manifest);
    }
    if node
        .entries()
        .iter()
        .any(|(k, _)| POMERIUM_KEYS.contains(&k.text.as_str()))
        || pomerium::is_config_map(node)
    {
        return Some(Format::Pomerium);
    }
    if fusionauth::is_fusionauth(node) {
        return Some(Format::FusionAuth);
    }
    None
}

fn import(format: Format, file: FileId, text: &str, node: &Node) -> Result<Integration, DeError> {
    match format {
        Format::Manifest => manifest::import(file, node),
        Format::AwsCli => aws_cli::import(file, node),
        Format::CloudFormation => cfn::import(file, node),
        Format::Pomerium => pomerium::import(file, text, node),
        Format::FusionAuth => fusionauth::import(file, text, node),
    }
}

/// Merges `part` into `into`: lists concatenate; the first user pool, SPA and local settings win (later ones
/// fill only fields the first left empty for the pool); severity overrides concatenate (later files win).
pub fn merge(into: &mut Integration, part: Integration) {
    match (&mut into.user_pool, part.user_pool) {
        (None, p) => into.user_pool = p,
        (Some(a), Some(b)) => merge_pool(a, b),
        _ => {}
    }
    into.domains.extend(part.domains);
    into.clients.extend(part.clients);
    into.identity_providers.extend(part.identity_providers);
    into.resource_servers.extend(part.resource_servers);
    into.upstream_idps.extend(part.upstream_idps);
    into.relying_parties.extend(part.relying_parties);
    if into.spa.is_none() {
        into.spa = part.spa;
    }
    if into.local.is_none() {
        into.local = part.local;
    }
    match (&mut into.lint.severity, part.lint.severity) {
        (None, s) => into.lint.severity = s,
        (Some(a), Some(b)) => {
            if let (Some(StrMap(x)), crate::de::Resolved::Known(StrMap(y))) = (known_map_mut(a), b.value) {
                x.extend(y);
            }
        }
        _ => {}
    }
}

fn known_map_mut<V>(l: &mut Located<StrMap<V>>) -> Option<&mut StrMap<V>> {
    match &mut l.value {
        crate::de::Resolved::Known(m) => Some(m),
        crate::de::Resolved::Unknown(_) => None,
    }
}

/// Two descriptions of the same pool (e.g. describe-user-pool JSON and a manifest): fill gaps of the first.
fn merge_pool(a: &mut Located<crate::model::UserPool>, b: Located<crate::model::UserPool>) {
    let (crate::de::Resolved::Known(a), crate::de::Resolved::Known(b)) = (&mut a.value, b.value) else {
        return;
    };
    macro_rules! fill {
        ($($f:ident)*) => {$( if a.$f.is_none() { a.$f = b.$f; } )*};
    }
    fill!(id name region arn schema_attributes username_attributes alias_attributes auto_verified_attributes domain
        custom_domain issuer_configuration user_pool_tier mfa_configuration admin_create_user_config);
}

/// Helpers for importers that build model values by hand (Pomerium, FusionAuth).
pub(crate) mod build {
    use crate::de::{Loc, Located};
    use crate::node::{Node, NodeKind, join_pointer};
    use crate::source::{FileId, Span};

    /// The located string at `node` (non-strings are rendered; intrinsics become unknown).
    pub fn string(file: FileId, pointer: &str, node: &Node) -> Located<String> {
        let loc = Loc::new(file, pointer, node.span);
        match &node.kind {
            NodeKind::String(s) => Located::known(loc, s.clone()),
            NodeKind::Number(n) => Located::known(loc, n.clone()),
            NodeKind::Bool(b) => Located::known(loc, b.to_string()),
            _ => Located::unknown(loc, node.describe()),
        }
    }

    /// The located string under `key` of map `node` (at `pointer`).
    pub fn field(file: FileId, pointer: &str, node: &Node, key: &str) -> Option<Located<String>> {
        node.get(key)
            .map(|v| string(file, &join_pointer(pointer, key), v))
    }

    /// Splits a string value on `sep` (and whitespace), giving each part its own span when the source text
    /// shows the string verbatim (plain or simply quoted), otherwise the span of the whole value.
    pub fn split(file: FileId, text: &str, pointer: &str, node: &Node, sep: char) -> Vec<Located<String>> {
        let Some(s) = node.as_str() else {
            return vec![string(file, pointer, node)];
        };
        let raw = text.get(node.span.start..node.span.end).unwrap_or("");
        let offset = if raw == s {
            Some(node.span.start)
        } else if raw.len() == s.len() + 2 && raw.get(1..raw.len() - 1) == Some(s) {
            Some(node.span.start + 1)
        } else {
            None
        };
        let mut out = Vec::new();
        let mut start = 0;
        for part in s.split(sep) {
            let trimmed = part.trim();
            if !trimmed.is_empty() {
                let lead = part.len() - part.trim_start().len();
                let span = match offset {
                    Some(o) => Span::new(o + start + lead, o + start + lead + trimmed.len()),
                    None => node.span,
                };
                out.push(Located::known(Loc::new(file, pointer, span), trimmed.to_string()));
            }
            start += part.len() + sep.len_utf8();
        }
        out
    }
}
