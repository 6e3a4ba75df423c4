//! Terraform (issue 15): `cogfed lint` on generated configurations of up to 1,000 app clients with 100
//! callback URLs each (linear, under a second), and cogfed beside checkov (pinned, in a throwaway venv, like
//! cfn-lint) on the seed integrations' Terraform copies (`examples/*/terraform/{clean,twin}`): wall time, and
//! which of the broken twins' defects each tool finds.
//!
//! A twin's defect is found by checkov when checkov fails a check in the twin, on a line range holding the
//! defect, that it does not fail on the same resource in the clean copy (so the finding is about the
//! mistake, not the setup). Defects in the other side's files (relying-party configs, manifests) are counted
//! apart: checkov does not read those files.

use super::super::{group, median_wall, ms, ratio};
use crate::proc::{Cmd, root};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// checkov version measured against.
pub const CHECKOV_VERSION: &str = "3.3.30";

/// The seed integrations with a Terraform copy.
const EXAMPLES: [&str; 5] = [
    "beyond-identity",
    "idura-verify",
    "fusionauth",
    "pomerium",
    "cloudentity",
];

/// The section's headline numbers.
pub struct TerraformTimes {
    /// `cogfed lint` on the generated configuration of 1,000 clients x 100 callback URLs.
    pub thousand_clients: Duration,
    /// `cogfed lint examples/*/terraform/` (one process) and checkov on the same ten folders (one process).
    pub examples: (Duration, Duration),
    /// Twin defects in Terraform files: (total, found by cogfed, found by checkov).
    pub found: (usize, usize, usize),
}

impl TerraformTimes {
    /// The report summary's rows: (comparison, cogfed, peer, how cogfed compares).
    pub fn rows(&self) -> Vec<(String, String, String, Option<String>)> {
        let (ours, theirs) = self.examples;
        let (total, by_cogfed, by_checkov) = self.found;
        vec![
            (
                "Lint a Terraform configuration of 1,000 app clients with 100 callback URLs each".into(),
                ms(self.thousand_clients),
                "".into(),
                None,
            ),
            (
                "Lint the 5 seed integrations as Terraform (10 folders, one process): cogfed vs checkov"
                    .into(),
                ms(ours),
                format!("{} (checkov {CHECKOV_VERSION})", ms(theirs)),
                Some(ratio(
                    ours.as_secs_f64(),
                    theirs.as_secs_f64(),
                    "faster",
                    "slower",
                )),
            ),
            (
                format!("Of the Terraform twins' {total} defects in .tf files, found: cogfed vs checkov"),
                by_cogfed.to_string(),
                format!("{by_checkov} (checkov {CHECKOV_VERSION})"),
                None,
            ),
        ]
    }
}

/// Runs the section into `s` with the release `cogfed`.
pub fn section(s: &mut String, cogfed: &Path) -> Result<TerraformTimes, String> {
    let cogfed = cogfed.display().to_string();
    s.push_str(
        "## Linting generated Terraform configurations (100 callback URLs per client)\n\n\
         One `main.tf` with a pool, its domain and N `aws_cognito_user_pool_client` resources; whole-process \
         wall time of `cogfed lint --format json`, median of 3.\n\n\
         | app clients | callback URLs | file size | wall time | per client |\n|---:|---:|---:|---:|---:|\n",
    );
    let dir = root().join("target/bench");
    let mut thousand_clients = Duration::ZERO;
    for clients in [10usize, 100, 1_000] {
        let folder = dir.join(format!("terraform-{clients}-clients"));
        std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        let text = generated_configuration(clients, 100);
        let path = folder.join("main.tf");
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        let t = median_wall(3, || {
            Cmd::new(&cogfed)
                .args(["lint", "--format", "json"])
                .arg(folder.display().to_string())
        })?;
        s.push_str(&format!(
            "| {} | {} | {} | {} | {:.1} µs |\n",
            group(clients),
            group(clients * 100),
            group(text.len()),
            ms(t),
            t.as_secs_f64() * 1e6 / clients as f64
        ));
        thousand_clients = t;
    }
    s.push('\n');

    let checkov = checkov_venv()?;
    let examples = root().join("examples");
    let folders: Vec<PathBuf> = EXAMPLES
        .iter()
        .flat_map(|e| ["clean", "twin"].map(|side| examples.join(e).join("terraform").join(side)))
        .collect();
    let ours = median_wall(5, || {
        Cmd::new(&cogfed).args(["lint", "--format", "json"]).args(
            EXAMPLES
                .iter()
                .map(|e| examples.join(e).join("terraform").display().to_string()),
        )
    })?;
    let theirs = median_wall(3, || {
        let mut c = Cmd::new(&checkov.display().to_string());
        for f in &folders {
            c = c.arg("-d").arg(f.display().to_string());
        }
        c.args([
            "--framework",
            "terraform",
            "-o",
            "json",
            "--quiet",
            "--skip-download",
        ])
    })?;

    s.push_str(&format!(
        "## Terraform: cogfed beside checkov {CHECKOV_VERSION} on the seed integrations\n\n\
         The five seed integrations as Terraform (`examples/*/terraform/`, a clean copy and a broken twin each: \
         ten folders). Wall time, whole process, every folder in one run: cogfed {} (median of 5), checkov {} \
         (median of 3, `--framework terraform --skip-download`; the sandbox has no route to checkov's \
         platform, and its start-up is part of what CI pays).\n\n\
         | integration | twin defects in .tf | cogfed finds | checkov finds | checkov failed checks, clean / twin | defects in the other side's files (cogfed finds) |\n\
         |---|---:|---:|---:|---:|---:|\n",
        ms(ours),
        ms(theirs)
    ));
    let (mut total, mut by_cogfed, mut by_checkov) = (0, 0, 0);
    for e in EXAMPLES {
        let tf = examples.join(e).join("terraform");
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(tf.join("twin.expected.json")).map_err(|err| err.to_string())?,
        )
        .map_err(|err| err.to_string())?;
        let defects = finding_rows(&expected);
        let in_tf = |file: &str| file.ends_with(".tf") || file.ends_with(".tf.json");
        let ours_found = cogfed_rows(&cogfed, &tf.join("twin"))?;
        let clean_fails = checkov_failed(&checkov, &tf.join("clean"))?;
        let twin_fails = checkov_failed(&checkov, &tf.join("twin"))?;
        let new_fails: Vec<&Failed> = twin_fails
            .iter()
            .filter(|t| !clean_fails.iter().any(|c| c.0 == t.0 && c.2 == t.2))
            .collect();
        let (mut n, mut ours_n, mut theirs_n, mut other, mut other_ours) = (0, 0, 0, 0, 0);
        for (file, line, rule) in &defects {
            let found_by_us = ours_found
                .iter()
                .any(|(f, l, r)| f == file && l == line && r == rule);
            if !in_tf(file) {
                other += 1;
                other_ours += usize::from(found_by_us);
                continue;
            }
            n += 1;
            ours_n += usize::from(found_by_us);
            theirs_n += usize::from(
                new_fails
                    .iter()
                    .any(|(_, f, _, a, b)| f.ends_with(file.as_str()) && (*a..=*b).contains(line)),
            );
        }
        total += n;
        by_cogfed += ours_n;
        by_checkov += theirs_n;
        s.push_str(&format!(
            "| {e} | {n} | {ours_n} | {theirs_n} | {} / {} | {other} ({other_ours}) |\n",
            clean_fails.len(),
            twin_fails.len()
        ));
    }
    s.push_str(&format!(
        "| **all** | **{total}** | **{by_cogfed}** | **{by_checkov}** | | |\n\n\
         checkov {CHECKOV_VERSION} has one Cognito check, for identity pools (`aws_cognito_identity_pool`), and none \
         for user pools, app clients, identity providers or domains, so it reports nothing on these \
         configurations; it does not join a client to its pool, identity provider or relying party either.\n\n"
    ));
    Ok(TerraformTimes {
        thousand_clients,
        examples: (ours, theirs),
        found: (total, by_cogfed, by_checkov),
    })
}

/// (file name, line, rule) of `cogfed lint --format json` on `dir`, file names relative to `dir`.
fn cogfed_rows(cogfed: &str, dir: &Path) -> Result<Vec<(String, u64, String)>, String> {
    let out = std::process::Command::new(cogfed)
        .args(["lint", "--format", "json", "."])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run cogfed: {e}"))?;
    let v: Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("cogfed JSON: {e}"))?;
    Ok(finding_rows(&v))
}

/// (file, line, rule) of each finding of a `cogfed lint --format json` document (a twin's expected.json has
/// the same shape).
fn finding_rows(report: &Value) -> Vec<(String, u64, String)> {
    report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["file"].as_str().unwrap_or("").to_string(),
                        f["line"].as_u64().unwrap_or(0),
                        f["rule"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One failed check of checkov: (check id, file, resource, first line, last line).
type Failed = (String, String, String, u64, u64);

/// checkov's failed checks on `dir`.
fn checkov_failed(checkov: &Path, dir: &Path) -> Result<Vec<Failed>, String> {
    let out = std::process::Command::new(checkov)
        .arg("-d")
        .arg(dir)
        .args([
            "--framework",
            "terraform",
            "-o",
            "json",
            "--quiet",
            "--skip-download",
        ])
        .output()
        .map_err(|e| format!("cannot run checkov: {e}"))?;
    let v: Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("checkov JSON on {}: {e}", dir.display()))?;
    let reports = match v {
        Value::Array(a) => a,
        other => vec![other],
    };
    let mut failed = Vec::new();
    for r in reports {
        for c in r["results"]["failed_checks"].as_array().into_iter().flatten() {
            let range = c["file_line_range"].as_array();
            let at = |i: usize| range.and_then(|r| r.get(i)).and_then(Value::as_u64).unwrap_or(0);
            failed.push((
                c["check_id"].as_str().unwrap_or("").to_string(),
                c["file_path"].as_str().unwrap_or("").to_string(),
                c["resource"].as_str().unwrap_or("").to_string(),
                at(0),
                at(1),
            ));
        }
    }
    Ok(failed)
}

/// checkov in a throwaway virtualenv under target/ (created once, reused while the version matches).
fn checkov_venv() -> Result<PathBuf, String> {
    super::pip_tool("checkov", CHECKOV_VERSION)
}

/// A Terraform configuration: one pool with a domain and `clients` public SPA clients of `callbacks` callback
/// URLs each, all valid.
pub fn generated_configuration(clients: usize, callbacks: usize) -> String {
    let mut s = String::from(
        "resource \"aws_cognito_user_pool\" \"bench\" {\n  name = \"bench-pool\"\n}\n\n\
         resource \"aws_cognito_user_pool_domain\" \"bench\" {\n  domain       = \"bench-pool\"\n  \
         user_pool_id = aws_cognito_user_pool.bench.id\n}\n",
    );
    for c in 0..clients {
        s.push_str(&format!(
            "\nresource \"aws_cognito_user_pool_client\" \"app_{c}\" {{\n  name                                 = \"app {c}\"\n  \
             user_pool_id                         = aws_cognito_user_pool.bench.id\n  \
             generate_secret                      = false\n  \
             allowed_oauth_flows_user_pool_client = true\n  \
             allowed_oauth_flows                  = [\"code\"]\n  \
             allowed_oauth_scopes                 = [\"openid\", \"email\"]\n  \
             supported_identity_providers         = [\"COGNITO\"]\n  \
             prevent_user_existence_errors        = \"ENABLED\"\n  \
             refresh_token_rotation {{\n    feature                    = \"ENABLED\"\n    retry_grace_period_seconds = 10\n  }}\n  \
             callback_urls = [\n"
        ));
        for u in 0..callbacks {
            s.push_str(&format!("    \"https://app{c}.example.com/callback/{u}\",\n"));
        }
        s.push_str("  ]\n}\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_configuration_has_every_client_and_url() {
        let t = generated_configuration(3, 4);
        assert_eq!(t.matches("resource \"aws_cognito_user_pool_client\"").count(), 3);
        assert_eq!(t.matches("/callback/").count(), 12);
    }
}
