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
pub mod terraform;

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
    /// A Terraform configuration file (`.tf`, `.tf.json`) or variable file (`.tfvars`).
    Terraform,
    /// `terraform show -json` output of a plan or a state.
    TerraformPlan,
    /// `terraform output -json` output: the ids Cognito assigned to the configuration's pool and clients.
    TerraformOutput,
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
            Format::Terraform => "Terraform configuration",
            Format::TerraformPlan => "Terraform plan or state (JSON)",
            Format::TerraformOutput => "Terraform outputs (JSON)",
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

/// A file that is not an input cogfed reads (a `package.json` beside the templates): counted and listed, never
/// an error (issue 12).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub file: FileId,
    /// Why it is not an input, e.g. "JSON, but not a format cogfed reads".
    pub reason: String,
}

/// An input cogfed reads that cannot be read: a syntax error, a wrong type, an unreadable file. It becomes an
/// `input-error` finding at `loc`; the other files are still linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// Where: the file, the byte span of the problem, the JSON pointer when known.
    pub loc: Loc,
    /// What is wrong.
    pub message: String,
}

/// The result of loading: the files (for rendering), the merged model, and what could not be used.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Every file given, indexed by [`FileId`] in the order given (skipped ones included).
    pub sources: Sources,
    /// The merged integration.
    pub integration: Integration,
    /// What each input file (or YAML document) was recognised as.
    pub formats: Vec<(FileId, Format)>,
    /// For each recognised file, a name that says what it is ([`suggested_name`]): for text that came
    /// without a meaningful name (pasted into the checker page).
    pub suggested_names: Vec<(FileId, String)>,
    /// Inputs that cannot be read.
    pub malformed: Vec<Malformed>,
    /// Files that are not inputs.
    pub skipped: Vec<Skipped>,
}

impl Loaded {
    /// Whether file `id` is an input (recognised, or malformed), not a skipped file.
    pub fn is_input(&self, id: FileId) -> bool {
        !self.skipped.iter().any(|s| s.file == id) && self.sources.get(id).is_some()
    }

    /// Number of input files.
    pub fn input_count(&self) -> usize {
        self.sources.len() - self.skipped.len()
    }

    /// Records a file the caller could not read as text (too large, not UTF-8, an I/O error): it is kept with
    /// `text` (whatever could be decoded, so the position can be shown) and reported as malformed at byte `at`.
    pub fn add_unreadable(&mut self, file: SourceFile, at: usize, message: impl Into<String>) -> FileId {
        let id = self.sources.add(file);
        self.malformed.push(Malformed {
            loc: Loc::new(id, "", crate::source::Span::point(at)),
            message: message.into(),
        });
        id
    }

    /// Records a file the caller did not hand over as text (a walk found it but could not read it), as skipped.
    pub fn add_skipped(&mut self, name: impl Into<String>, reason: impl Into<String>) -> FileId {
        let id = self.sources.add(SourceFile::new(name, String::new()));
        self.skipped.push(Skipped {
            file: id,
            reason: reason.into(),
        });
        id
    }

    /// The malformed inputs as located [`InputError`]s (file name, line and column).
    pub fn input_errors(&self) -> Vec<InputError> {
        self.malformed
            .iter()
            .map(|m| input_error_at(&self.sources, m.loc.file, m.loc.clone(), m.message.clone()))
            .collect()
    }
}

/// Loads, recognises, imports and merges `files`, keeping every input that can be read: a malformed input is
/// recorded in [`Loaded::malformed`], a file that is not an input in [`Loaded::skipped`], and neither stops
/// the others (issue 12: one bad file never hides the findings of the others).
pub fn load_all(files: Vec<SourceFile>) -> Loaded {
    let mut loaded = Loaded::default();
    let mut terraform_files = Vec::new();
    for file in files {
        let id = loaded.sources.add(file);
        terraform_files.extend(load_one(&mut loaded, id));
    }
    // A directory's Terraform files are one configuration: evaluated once all of them are read.
    if !terraform_files.is_empty() {
        let mut errors = Vec::new();
        let part = terraform::evaluate(&terraform_files, &mut errors);
        merge(&mut loaded.integration, part);
        for e in errors {
            if let Some(loc) = e.at {
                loaded.malformed.push(Malformed {
                    loc,
                    message: e.message,
                });
            }
        }
    }
    loaded.integration.folders = loaded
        .sources
        .iter()
        .map(|(_, f)| folder_of(&f.name).to_string())
        .collect();
    join_template_pool_and_its_id(&mut loaded.integration);
    loaded
}

/// The folder part of a display name (`infra/auth` for `infra/auth/main.tf`, empty for `main.tf`).
pub fn folder_of(name: &str) -> &str {
    name.rfind(['/', '\\']).map_or("", |i| &name[..i])
}

/// A template (or Terraform configuration) defines a pool whose id exists only after deployment; a manifest
/// or describe output next to it names a pool by id. When a folder holds exactly one of each, or the inputs
/// as a whole do, they are the same pool (the idura-verify example: `cognito.yaml` defines it, `spa.toml`
/// says its id): the template's pool takes the id, so resources naming either join it. With several of
/// either, which is which cannot be told, and they stay apart.
fn join_template_pool_and_its_id(integration: &mut Integration) {
    let id_of = |p: &Located<crate::model::UserPool>| {
        p.get()
            .and_then(|p| crate::de::known_str(&p.id))
            .map(str::to_string)
    };
    let is_template = |p: &Located<crate::model::UserPool>| {
        p.get().is_some_and(|p| p.pool_ref.is_some()) && id_of(p).is_none()
    };
    let mut pools: Vec<Located<crate::model::UserPool>> = integration
        .user_pool
        .take()
        .into_iter()
        .chain(integration.other_pools.drain(..))
        .collect();
    let folders = std::mem::take(&mut integration.folders);
    let folder =
        |p: &Located<crate::model::UserPool>| folders.get(p.loc.file.0 as usize).cloned().unwrap_or_default();
    // Folder by folder first, then across the inputs with what is left.
    let mut scopes: Vec<Option<String>> = pools.iter().map(|p| Some(folder(p))).collect();
    scopes.sort();
    scopes.dedup();
    scopes.push(None);
    for scope in scopes {
        let in_scope = |p: &Located<crate::model::UserPool>| scope.as_ref().is_none_or(|f| folder(p) == *f);
        let templates: Vec<usize> = (0..pools.len())
            .filter(|&i| is_template(&pools[i]) && in_scope(&pools[i]))
            .collect();
        let with_id: Vec<usize> = (0..pools.len())
            .filter(|&i| {
                id_of(&pools[i]).is_some()
                    && pools[i].get().is_some_and(|p| p.pool_ref.is_none())
                    && in_scope(&pools[i])
            })
            .collect();
        if let ([t], [d]) = (templates.as_slice(), with_id.as_slice()) {
            let described = pools.remove(*d);
            let t = if d < t { t - 1 } else { *t };
            merge_pool(&mut pools[t], described);
        }
    }
    integration.folders = folders;
    let mut rest = pools.into_iter();
    integration.user_pool = rest.next();
    integration.other_pools = rest.collect();
}

/// Loads like [`load_all`], but strictly: any malformed input, and any file that is not an input, is an error
/// (tests and callers that hand over exactly the files that describe an integration).
pub fn load(files: Vec<SourceFile>) -> Result<Loaded, Vec<InputError>> {
    let loaded = load_all(files);
    let mut errors = loaded.input_errors();
    for s in &loaded.skipped {
        errors.push(InputError {
            file: loaded.sources.name(s.file).to_string(),
            position: Some(Position { line: 1, column: 1 }),
            pointer: None,
            message: s.reason.clone(),
        });
    }
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(errors)
    }
}

/// A file name that says what a recognised document is: `template.yaml`, `describe-user-pool-client.json`,
/// `cogfed.toml`, `pomerium.env`, ... (the extension is the syntax the text was read as).
pub fn suggested_name(format: Format, syntax: Syntax, doc: &Node) -> String {
    let ext = match syntax {
        Syntax::Json => "json",
        Syntax::Yaml => "yaml",
        Syntax::Toml => "toml",
        Syntax::Env => "env",
    };
    let stem = match format {
        Format::Manifest => "cogfed",
        Format::CloudFormation => "template",
        Format::Pomerium if syntax == Syntax::Env => "pomerium",
        Format::Pomerium if pomerium::is_config_map(doc) => "pomerium-configmap",
        Format::Pomerium => "pomerium",
        Format::FusionAuth => "fusionauth-idp",
        Format::Terraform => "main.tf",
        Format::TerraformPlan if terraform::plan::is_plan(doc) => "plan",
        Format::TerraformPlan => "state",
        Format::TerraformOutput => "terraform-output",
        Format::AwsCli => {
            let kinds: Vec<&str> = doc
                .entries()
                .iter()
                .filter_map(|(k, _)| match k.text.as_str() {
                    "UserPool" => Some("describe-user-pool"),
                    "UserPoolClient" => Some("describe-user-pool-client"),
                    "IdentityProvider" => Some("describe-identity-provider"),
                    "DomainDescription" => Some("describe-user-pool-domain"),
                    "ResourceServer" => Some("describe-resource-server"),
                    "ResourceServers" => Some("list-resource-servers"),
                    "Providers" => Some("list-identity-providers"),
                    _ => None,
                })
                .collect();
            match kinds.as_slice() {
                [one] => one,
                _ => "aws-cli",
            }
        }
    };
    match format {
        Format::Terraform if syntax == Syntax::Json => "main.tf.json".to_string(),
        Format::Terraform => stem.to_string(),
        _ => format!("{stem}.{ext}"),
    }
}

/// What cogfed reads, for messages about files it does not.
pub const WHAT_COGFED_READS: &str = "cogfed reads a cogfed manifest (`version = 1` and sections such as \
     `[user_pool]`, `[[clients]]`, `[spa]`), AWS CLI describe-* JSON (`UserPool`, `UserPoolClient`, \
     `IdentityProvider`, `DomainDescription`, `ResourceServer`), CloudFormation templates (`Resources` of \
     `AWS::*` types), Terraform (`.tf`, `.tf.json`, `.tfvars`, `terraform show -json` and `terraform output -json` output), Pomerium configs (`idp_provider_url`, IDP_* variables or a ConfigMap) and FusionAuth \
     OpenID Connect identity providers (`identityProvider.type`)";

/// Words that only files of a format cogfed reads contain: a file that does not parse is a malformed input
/// when it shows one of them, and a skipped file otherwise (a broken `docker-compose.yml` is not ours).
const INPUT_MARKERS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "aws_cognito_",
    "AWS::",
    "UserPool",
    "IdentityProvider",
    "DomainDescription",
    "ResourceServer",
    "user_pool",
    "upstream_idps",
    "relying_parties",
    "identity_providers",
    "idp_provider",
    "idp_client_id",
    "IDP_PROVIDER",
    "IDP_CLIENT_ID",
    "identityProvider",
];

fn shows_input_marker(text: &str) -> bool {
    INPUT_MARKERS.iter().any(|m| text.contains(m))
}

/// Parses a file in the syntax its name says, falling back to the syntax its content suggests when that one
/// parses and holds a recognised document (a CloudFormation template pasted into a file named `.toml`).
fn parse_documents(name: &str, text: &str) -> Result<(Syntax, Vec<Node>), ParseError> {
    let by_name = Syntax::detect(name, text);
    let first = parse_as(by_name, text);
    let first_recognised = first
        .as_ref()
        .is_ok_and(|docs| docs.iter().any(|d| detect(d, by_name).is_some()));
    if first_recognised {
        return first.map(|d| (by_name, d));
    }
    let by_content = Syntax::sniff_content(text);
    if by_content != by_name
        && let Ok(docs) = parse_as(by_content, text)
        && docs.iter().any(|d| detect(d, by_content).is_some())
    {
        return Ok((by_content, docs));
    }
    first.map(|d| (by_name, d))
}

fn parse_as(syntax: Syntax, text: &str) -> Result<Vec<Node>, ParseError> {
    match syntax {
        Syntax::Yaml => parse::parse_yaml_documents(text),
        other => parse::parse(other, text).map(|n| vec![n]),
    }
}

/// Loads one file; a Terraform file is returned parsed, to be evaluated with the rest of its directory.
fn load_one(loaded: &mut Loaded, id: FileId) -> Option<terraform::TfFile> {
    let file = loaded.sources.get(id)?;
    let name = file.name.clone();
    let text = file.text.clone();
    let malformed = |loaded: &mut Loaded, loc: Loc, message: String| {
        loaded.malformed.push(Malformed { loc, message });
    };
    if text.len() > parse::MAX_INPUT_BYTES {
        let message = format!(
            "file is {} bytes; the limit is {} bytes (8 MiB)",
            text.len(),
            parse::MAX_INPUT_BYTES
        );
        malformed(loaded, Loc::new(id, "", crate::source::Span::point(0)), message);
        return None;
    }
    // Terraform by name, or HCL that opens Terraform blocks (pasted into the checker page).
    let by_name = terraform::terraform_name(&name);
    if by_name.is_some() || terraform::looks_like_hcl_config(&text) {
        let (json, vars) = by_name.unwrap_or((false, false));
        match terraform::parse(id, &name, &text, json, vars) {
            Ok(tf) => {
                loaded.formats.push((id, Format::Terraform));
                let suggested = if vars {
                    "terraform.tfvars"
                } else if json {
                    "main.tf.json"
                } else {
                    "main.tf"
                };
                loaded.suggested_names.push((id, suggested.to_string()));
                return Some(tf);
            }
            Err(e) if by_name.is_some() => {
                if shows_input_marker(&text) {
                    malformed(loaded, Loc::new(id, "", e.span), e.message);
                } else {
                    loaded.skipped.push(Skipped {
                        file: id,
                        reason: format!(
                            "not valid Terraform ({}), and nothing in it configures Cognito",
                            e.message.trim_start_matches("invalid HCL: ")
                        ),
                    });
                }
                return None;
            }
            // Not HCL after all: read it as what its name or content says.
            Err(_) => {}
        }
    }
    let (syntax, docs) = match parse_documents(&name, &text) {
        Ok(parsed) => parsed,
        Err(e) => {
            if shows_input_marker(&text) {
                malformed(loaded, Loc::new(id, "", e.span), e.message);
            } else {
                let syntax = Syntax::detect(&name, &text);
                loaded.skipped.push(Skipped {
                    file: id,
                    reason: format!(
                        "not valid {} ({}), and nothing in it is of a format cogfed reads",
                        syntax.name(),
                        e.message.trim_start_matches("invalid YAML: ")
                    ),
                });
            }
            return None;
        }
    };
    // A configuration in JSON syntax under another name.
    if syntax == Syntax::Json
        && let [doc] = docs.as_slice()
        && terraform::looks_like_tf_json(doc)
    {
        loaded.formats.push((id, Format::Terraform));
        loaded.suggested_names.push((id, "main.tf.json".to_string()));
        let (dir, base) = terraform::split_name(&name);
        return Some(terraform::TfFile {
            id,
            dir,
            base,
            vars: false,
            body: terraform::ast::json_body(doc),
            outputs: None,
        });
    }
    // `terraform output -json`: the ids Cognito assigned, joined with the configuration beside it.
    if syntax == Syntax::Json
        && let [doc] = docs.as_slice()
        && terraform::looks_like_outputs(doc)
    {
        loaded.formats.push((id, Format::TerraformOutput));
        loaded
            .suggested_names
            .push((id, "terraform-output.json".to_string()));
        return Some(terraform::outputs_file(id, &name, doc));
    }
    let mut recognised = 0;
    for doc in &docs {
        let Some(format) = detect(doc, syntax) else {
            continue;
        };
        recognised += 1;
        loaded.formats.push((id, format));
        if recognised == 1 {
            loaded
                .suggested_names
                .push((id, suggested_name(format, syntax, doc)));
        }
        // Values that cannot be read are reported and left unknown; the rest of the document is linted.
        let mut errors = Vec::new();
        match import(format, id, &text, doc, &mut errors) {
            Ok(part) => merge(&mut loaded.integration, part),
            Err(e) => errors.push(e),
        }
        for e in errors {
            let loc =
                e.at.unwrap_or_else(|| Loc::new(id, "", crate::source::Span::point(0)));
            malformed(loaded, loc, e.message);
        }
    }
    if recognised == 0 {
        loaded.skipped.push(Skipped {
            file: id,
            reason: format!("{}, but not a format cogfed reads", syntax.name()),
        });
    }
    None
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

const AWS_CLI_KEYS: &[&str] = &[
    "UserPool",
    "UserPoolClient",
    "IdentityProvider",
    "DomainDescription",
    "ResourceServer",
    "ResourceServers",
    "Providers",
];
const POMERIUM_KEYS: &[&str] = &[
    "idp_provider",
    "idp_provider_url",
    "idp_client_id",
    "idp_client_secret",
    "idp_scopes",
];

/// The manifest's sections (its top-level keys but `version`, see [`crate::model::Manifest`]).
const MANIFEST_SECTIONS: &[&str] = &[
    "user_pool",
    "domains",
    "clients",
    "identity_providers",
    "resource_servers",
    "upstream_idps",
    "relying_parties",
    "spa",
    "local",
    "lint",
];

/// A manifest has manifest sections, and at least as many of them as other keys (besides `version`): a
/// top-level `version` beside other keys says nothing (`package.json`, `docker-compose.yml` have one), while a
/// manifest with a misspelt section is still recognised, so the typo is reported with a suggestion. A
/// document that is only `version = 1` is an empty manifest.
fn looks_like_manifest(node: &Node) -> bool {
    let mut sections = 0;
    let mut others = 0;
    for (k, _) in node.entries() {
        if MANIFEST_SECTIONS.contains(&k.text.as_str()) {
            sections += 1;
        } else if k.text != "version" {
            others += 1;
        }
    }
    let only_version_1 = node.entries().len() == 1
        && node
            .get("version")
            .is_some_and(|v| v.kind == crate::node::NodeKind::Number("1".into()));
    sections > 0 && sections >= others || only_version_1
}

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
    if syntax == Syntax::Json && terraform::plan::is_plan_or_state(node) {
        return Some(Format::TerraformPlan);
    }
    if syntax == Syntax::Json && terraform::looks_like_tf_json(node) {
        return Some(Format::Terraform);
    }
    if syntax == Syntax::Json && terraform::looks_like_outputs(node) {
        return Some(Format::TerraformOutput);
    }
    if node
        .entries()
        .iter()
        .any(|(k, _)| AWS_CLI_KEYS.contains(&k.text.as_str()))
    {
        return Some(Format::AwsCli);
    }
    if looks_like_manifest(node) {
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

fn import(
    format: Format,
    file: FileId,
    text: &str,
    node: &Node,
    errors: &mut Vec<DeError>,
) -> Result<Integration, DeError> {
    match format {
        Format::Manifest => manifest::import(file, node, errors),
        Format::AwsCli => aws_cli::import(file, node, errors),
        Format::CloudFormation => cfn::import(file, node, errors),
        Format::Pomerium => pomerium::import(file, text, node),
        Format::FusionAuth => fusionauth::import(file, text, node),
        Format::TerraformPlan => terraform::plan::import(file, node, errors),
        // Configurations are evaluated per directory (`load_all`), never here.
        Format::Terraform | Format::TerraformOutput => Ok(Integration::default()),
    }
}

/// Merges `part` into `into`: lists concatenate; descriptions of the same pool (same id, or same template
/// resource) merge, the first filling only its gaps from later ones, and other pools are kept beside it; the
/// first SPA and local settings win; severity overrides concatenate (later files win).
pub fn merge(into: &mut Integration, part: Integration) {
    for pool in part.user_pool.into_iter().chain(part.other_pools) {
        if into.user_pool.is_none() {
            into.user_pool = Some(pool);
            continue;
        }
        let same = into
            .user_pool
            .iter_mut()
            .chain(into.other_pools.iter_mut())
            .find(|p| same_pool(p, &pool));
        match same {
            Some(existing) => merge_pool(existing, pool),
            None => into.other_pools.push(pool),
        }
    }
    into.listed = into.listed.or(part.listed);
    into.domains.extend(part.domains);
    into.clients.extend(part.clients);
    into.identity_providers.extend(part.identity_providers);
    into.resource_servers.extend(part.resource_servers);
    into.upstream_idps.extend(part.upstream_idps);
    into.relying_parties.extend(part.relying_parties);
    match (&into.spa, part.spa) {
        (None, spa) => into.spa = spa,
        (Some(_), Some(spa)) => into.other_spas.push(spa),
        (Some(_), None) => {}
    }
    into.other_spas.extend(part.other_spas);
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

/// Whether two pool descriptions are of one pool: the same template resource, or else the same known id. A pool
/// known by neither (a manifest's `[user_pool]` with only a domain) is the same as a pool of unknown identity.
fn same_pool(a: &Located<crate::model::UserPool>, b: &Located<crate::model::UserPool>) -> bool {
    let (Some(a), Some(b)) = (a.get(), b.get()) else {
        return false;
    };
    // Two resources that each define a pool are two pools, whatever id they were given (a clean and a
    // broken copy of one Terraform configuration, each with its `terraform output`).
    if let (Some(x), Some(y)) = (&a.pool_ref, &b.pool_ref) {
        return x == y;
    }
    let id = |p: &crate::model::UserPool| crate::de::known_str(&p.id).map(str::to_string);
    match (
        id(a).or_else(|| a.pool_ref.clone()),
        id(b).or_else(|| b.pool_ref.clone()),
    ) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Two descriptions of the same pool (e.g. describe-user-pool JSON and a manifest): fill gaps of the first.
fn merge_pool(a: &mut Located<crate::model::UserPool>, b: Located<crate::model::UserPool>) {
    let (crate::de::Resolved::Known(a), crate::de::Resolved::Known(b)) = (&mut a.value, b.value) else {
        return;
    };
    a.listed = a.listed.or(b.listed);
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
