//! `cogfed token decode|verify`: inspect a JWT, or verify it the way the SPA does (cogfed-auth's pipeline:
//! strict parsing, RS256 decided by the key, exact issuer, audience/client_id, time claims, nonce, at_hash).
//!
//! Exit codes (a public interface): 0 valid / decoded, 1 invalid or undecodable token (the reason is
//! printed), 2 usage or input errors (bad flags, unreadable JWKS file, unreachable JWKS URL, stdin).

use clap::{Args, Subcommand, ValueEnum};
use cogfed_auth::jwks::{JwkSet, fetch_jwks};
use cogfed_auth::jwt::{Inspection, inspect};
use cogfed_auth::url::AbsoluteUrl;
use cogfed_auth::validate::{AccessTokenExpectations, CheckResult, IdTokenExpectations, NonceCheck};
use cogfed_auth::{BlockingHttpClient, Clock, JsonwebtokenVerifier, SystemClock, Verified, VerifyFailure};
use serde_json::{Map, Value, json};
use std::io::Read;
use std::process::ExitCode;

/// `cogfed token` subcommands.
#[derive(Subcommand)]
pub enum TokenCommand {
    /// Decode a JWT without verifying it (prints header and claims)
    Decode {
        /// The token, or `-` to read it from stdin
        token: String,
    },
    /// Verify a JWT: signature against a JWKS, then every claim check (exit 0 valid, 1 invalid, 2 usage)
    Verify(VerifyArgs),
}

/// Which kind of token `verify` expects.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenUse {
    /// An ID token (`aud` = client id, `token_use` = id)
    Id,
    /// A Cognito access token (`client_id` claim, `token_use` = access)
    Access,
}

/// Output format of `verify`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable, one line per check
    Text,
    /// JSON with every check
    Json,
}

/// Flags of `cogfed token verify`.
#[derive(Args)]
pub struct VerifyArgs {
    /// JWKS as a file path or an https URL (http only on localhost/127.0.0.1/[::1])
    #[arg(long, value_name = "FILE|URL")]
    jwks: String,
    /// Expected issuer, compared byte for byte (e.g. https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X)
    #[arg(long, value_name = "ISS")]
    issuer: String,
    /// The app client id (ID token `aud`, access token `client_id`)
    #[arg(long = "client-id", value_name = "ID")]
    client_id: String,
    /// Which kind of token this is
    #[arg(long = "token-use", value_enum, value_name = "id|access")]
    token_use: TokenUse,
    /// Expected nonce of an ID token (without it the nonce is not checked)
    #[arg(long, value_name = "N")]
    nonce: Option<String>,
    /// The access token issued with an ID token, to check at_hash
    #[arg(long = "access-token", value_name = "AT")]
    access_token: Option<String>,
    /// Verify as of this Unix time instead of now
    #[arg(long, value_name = "UNIX")]
    now: Option<u64>,
    /// Clock-skew leeway in seconds for exp/nbf/iat/auth_time
    #[arg(long, value_name = "SECS", default_value_t = cogfed_auth::validate::DEFAULT_LEEWAY_SECS)]
    leeway: u64,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The token, or `-` to read it from stdin
    token: String,
}

const USAGE: u8 = 2;
const INVALID: u8 = 1;

/// Runs a `cogfed token` subcommand.
pub fn run(command: TokenCommand) -> ExitCode {
    match command {
        TokenCommand::Decode { token } => decode(&token),
        TokenCommand::Verify(args) => verify(&args),
    }
}

/// The token text from the argument or stdin; surrounding whitespace (a trailing newline) is removed, any
/// inside is left for the parser to reject.
fn read_token(arg: &str) -> Result<String, String> {
    let raw = if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .take(1 << 20)
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the token from stdin: {e}"))?;
        text
    } else {
        arg.to_owned()
    };
    Ok(raw.trim_matches(|c: char| c.is_ascii_whitespace()).to_owned())
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("cogfed token: {message}");
    ExitCode::from(USAGE)
}

fn decode(arg: &str) -> ExitCode {
    let token = match read_token(arg) {
        Ok(t) => t,
        Err(e) => return usage_error(&e),
    };
    let inspection = match inspect(&token) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("cogfed token decode: not a decodable JWT: {e}");
            return ExitCode::from(INVALID);
        }
    };
    eprintln!("WARNING: decoded only. Nothing was verified: not the signature, issuer, audience or expiry.");
    eprintln!("         Use `cogfed token verify` before trusting any of this.");
    print_inspection(&inspection);
    ExitCode::SUCCESS
}

fn pretty(map: &Map<String, Value>) -> String {
    serde_json::to_string_pretty(map).unwrap_or_else(|_| format!("{map:?}"))
}

/// A JSON object text cogfed-auth validated (strict, no duplicate members) as a tree for printing.
fn tree(json: &str) -> Map<String, Value> {
    serde_json::from_str(json).unwrap_or_default()
}

fn print_inspection(i: &Inspection) {
    let claims = tree(&i.claims_json);
    println!("Header:\n{}", pretty(&tree(&i.header_json)));
    println!("Claims:\n{}", pretty(&claims));
    let times: Vec<String> = ["iat", "nbf", "auth_time", "exp"]
        .iter()
        .filter_map(|name| {
            claims
                .get(*name)
                .and_then(Value::as_u64)
                .map(|t| format!("  {name:<9} {t} = {}", utc(t)))
        })
        .collect();
    if !times.is_empty() {
        println!("Times (UTC):\n{}", times.join("\n"));
    }
    println!("Signature: {} bytes (not verified)", i.signature_len);
    if let Err(e) = &i.header {
        println!("note: header {e}");
    }
    if let Err(e) = &i.claims {
        println!("note: claim {e}");
    }
    if let Ok(h) = &i.header
        && !h.ignored.is_empty()
    {
        println!(
            "note: key-bearing headers present ({}); verification ignores them",
            h.ignored.join(", ")
        );
    }
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian; Howard Hinnant's civil-from-days).
fn utc(secs: u64) -> String {
    let t = cogfed_auth::time::utc_time(secs);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

fn load_jwks(source: &str) -> Result<JwkSet, String> {
    if source.starts_with("http://") || source.starts_with("https://") {
        let url = AbsoluteUrl::parse(source).map_err(|e| format!("--jwks {source}: {e}"))?;
        if !url.is_secure_or_loopback() {
            return Err(format!(
                "--jwks {source}: refusing plain http to a non-loopback host; use https"
            ));
        }
        let http =
            BlockingHttpClient::new().map_err(|e| format!("--jwks: cannot create an HTTP client: {e}"))?;
        futures::executor::block_on(fetch_jwks(&http, source)).map_err(|e| format!("--jwks {source}: {e}"))
    } else {
        let text = std::fs::read_to_string(source)
            .map_err(|e| format!("--jwks {source}: cannot read the file: {e}"))?;
        JwkSet::parse(&text).map_err(|e| format!("--jwks {source}: {e}"))
    }
}

fn verify(args: &VerifyArgs) -> ExitCode {
    if args.token_use == TokenUse::Access && (args.nonce.is_some() || args.access_token.is_some()) {
        return usage_error("--nonce and --access-token apply to ID tokens only (--token-use id)");
    }
    let token = match read_token(&args.token) {
        Ok(t) => t,
        Err(e) => return usage_error(&e),
    };
    let mut keys = match load_jwks(&args.jwks) {
        Ok(keys) => keys,
        Err(e) => return usage_error(&e),
    };
    let now = args.now.unwrap_or_else(|| SystemClock.now_unix());
    let outcome = match args.token_use {
        TokenUse::Id => {
            let mut e = IdTokenExpectations::for_sign_in(&args.issuer, &args.client_id, "", now);
            e.nonce = args
                .nonce
                .clone()
                .map_or(NonceCheck::NotChecked, NonceCheck::Expect);
            e.access_token = args.access_token.clone();
            e.leeway_secs = args.leeway;
            futures::executor::block_on(cogfed_auth::verify_id_token(
                &token,
                &mut keys,
                &JsonwebtokenVerifier,
                &e,
            ))
        }
        TokenUse::Access => {
            let mut e = AccessTokenExpectations::new(&args.issuer, &args.client_id, now);
            e.leeway_secs = args.leeway;
            futures::executor::block_on(cogfed_auth::verify_access_token(
                &token,
                &mut keys,
                &JsonwebtokenVerifier,
                &e,
            ))
        }
    };
    let kind = if args.token_use == TokenUse::Id {
        "id"
    } else {
        "access"
    };
    match args.format {
        Format::Text => print_text(&outcome, kind, args),
        Format::Json => print_json(&outcome, kind, now),
    }
    if outcome.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(INVALID)
    }
}

fn report_of(outcome: &Result<Verified, VerifyFailure>) -> &[CheckResult] {
    match outcome {
        Ok(v) => &v.report,
        Err(f) => &f.report,
    }
}

fn print_text(outcome: &Result<Verified, VerifyFailure>, kind: &str, args: &VerifyArgs) {
    match outcome {
        Ok(_) => println!("VALID {kind} token"),
        Err(f) => println!(
            "INVALID {kind} token: {} check failed: {}",
            f.error.check(),
            f.error
        ),
    }
    for line in report_of(outcome) {
        println!(
            "  {} {:<10} {}",
            if line.passed { "ok  " } else { "FAIL" },
            line.check.as_str(),
            line.detail()
        );
    }
    if args.token_use == TokenUse::Id && args.nonce.is_none() {
        println!("note: no --nonce given, so the nonce was not checked; an SPA always checks it");
    }
    if let Ok(v) = outcome {
        println!("Claims:\n{}", pretty(&tree(v.jwt.claims.json_text())));
    }
}

fn print_json(outcome: &Result<Verified, VerifyFailure>, kind: &str, now: u64) {
    let checks: Vec<Value> = report_of(outcome)
        .iter()
        .map(|c| json!({ "check": c.check.as_str(), "passed": c.passed, "detail": c.detail() }))
        .collect();
    let body = match outcome {
        Ok(v) => json!({
            "valid": true, "token_use": kind, "now": now, "error": null, "checks": checks,
            "header": tree(v.jwt.header_json()), "claims": tree(v.jwt.claims.json_text()),
        }),
        Err(f) => json!({
            "valid": false, "token_use": kind, "now": now,
            "error": { "check": f.error.check().as_str(), "message": f.error.to_string() },
            "checks": checks,
        }),
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&body).unwrap_or_else(|_| body.to_string())
    );
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn utc_formats_known_instants() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(1_300_819_380), "2011-03-22T18:43:00Z");
        assert_eq!(utc(1_767_225_600), "2026-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
    }
}
