//! The linter against cfn-lint (pinned, in a throwaway venv) on the same CloudFormation template, and
//! `cogfed lint` on generated pools of up to 1,000 app clients with 100 callback URLs each (issue 3); the public
//! corpus of crates/cogfed-lint/tests/corpus (issue 12): the whole folder, each file alone, and the Cognito
//! templates beside cfn-lint; Terraform (issue 15, [`terraform`]): generated configurations and the
//! seed integrations' Terraform copies beside checkov.

mod terraform;

use super::{group, median_wall, ms};
use crate::proc::{Cmd, root};
use std::path::PathBuf;
use std::time::Duration;

/// cfn-lint version measured against (linter-anchors.md ran 1.58.0).
pub const CFN_LINT_VERSION: &str = "1.58.0";

/// The section's headline times, for the report's summary.
pub struct LintTimes {
    /// `cogfed lint` on the CloudFormation template (median wall time).
    pub cogfed: Duration,
    /// cfn-lint on the same template.
    pub cfn_lint: Duration,
    /// `cogfed lint` on the generated pool of 1,000 app clients.
    pub thousand_clients: Duration,
    /// The corpus: (files, whole-folder wall time).
    pub corpus: (usize, Duration),
    /// The corpus's Cognito templates: (files, cogfed, cfn-lint), one process each.
    pub corpus_cognito: (usize, Duration, Duration),
    /// Terraform: the generated configurations and the examples beside checkov.
    pub terraform: terraform::TerraformTimes,
}

/// cogfed against cfn-lint on one template, and cogfed on generated pools.
pub fn section(out: &mut String) -> Result<LintTimes, String> {
    let cogfed = build_cogfed_release()?;
    let template = root().join("xtask/bench-inputs/cognito-spa.cfn.yaml");
    let cfn_lint = cfn_lint_venv()?;

    // Same template, same machine, median of several runs each; cfn-lint's Python start-up is part of what a
    // CI job pays, so whole-process wall time is the fair measure for both.
    let ours = median_wall(7, || {
        Cmd::new(&cogfed.display().to_string())
            .arg("lint")
            .arg(template.display().to_string())
    })?;
    let theirs = median_wall(5, || {
        Cmd::new(&cfn_lint.display().to_string()).arg(template.display().to_string())
    })?;
    let s = out;
    s.push_str("## Linting one CloudFormation template\n\n");
    s.push_str(&format!(
        "Template: `xtask/bench-inputs/cognito-spa.cfn.yaml` (pool, domain, OIDC IdP, resource server, SPA client). \
         Median wall time of whole-process runs.\n\n| tool | wall time | ratio |\n|---|---:|---:|\n\
         | cogfed lint (release) | {} | 1× |\n| cfn-lint {CFN_LINT_VERSION} | {} | {:.0}× slower |\n\n",
        ms(ours),
        ms(theirs),
        theirs.as_secs_f64() / ours.as_secs_f64().max(1e-9)
    ));

    s.push_str("## Linting generated pools (100 callback URLs per client)\n\n| app clients | callback URLs | file size | wall time | per client |\n|---:|---:|---:|---:|---:|\n");
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut thousand_clients = Duration::ZERO;
    for clients in [10usize, 100, 1_000] {
        let path = dir.join(format!("pool-{clients}-clients.toml"));
        let text = generated_pool(clients, 100);
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        let t = median_wall(3, || {
            Cmd::new(&cogfed.display().to_string())
                .args(["lint", "--format", "json"])
                .arg(path.display().to_string())
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
    let (corpus, corpus_cognito) = corpus_section(s, &cogfed, &cfn_lint)?;
    let terraform = terraform::section(s, &cogfed)?;
    Ok(LintTimes {
        cogfed: ours,
        cfn_lint: theirs,
        thousand_clients,
        corpus,
        corpus_cognito,
        terraform,
    })
}

fn files_under(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// (files, whole folder) and (Cognito templates, cogfed, cfn-lint).
type CorpusTimes = ((usize, Duration), (usize, Duration, Duration));

/// The public corpus: the folder in one run, each file in its own run (median, max), and its valid Cognito
/// templates in one run of each tool.
fn corpus_section(
    s: &mut String,
    cogfed: &std::path::Path,
    cfn_lint: &std::path::Path,
) -> Result<CorpusTimes, String> {
    let corpus = root().join("crates/cogfed-lint/tests/corpus");
    let folders = ["cloudformation", "aws-cli", "terraform", "other"];
    let mut files = Vec::new();
    for f in folders {
        files_under(&corpus.join(f), &mut files)?;
    }
    let cogfed = cogfed.display().to_string();
    let whole = median_wall(5, || {
        Cmd::new(&cogfed)
            .args(["lint", "--format", "json"])
            .args(folders.iter().map(|f| corpus.join(f).display().to_string()))
    })?;
    let mut each = Vec::new();
    for file in &files {
        let t = std::time::Instant::now();
        Cmd::new(&cogfed)
            .args(["lint", "--format", "json"])
            .arg(file.display().to_string())
            .run_quiet()?;
        each.push(t.elapsed().as_secs_f64() * 1e3);
    }
    each.sort_by(f64::total_cmp);
    let (median, max) = (each[each.len() / 2], each[each.len() - 1]);
    // The CloudFormation templates with Cognito resources that parse (the malformed ones listed in
    // EXPECTED.tsv would make cfn-lint stop early, which is not a fair timing).
    let expected = std::fs::read_to_string(corpus.join("EXPECTED.tsv")).map_err(|e| e.to_string())?;
    let malformed: Vec<&str> = expected
        .lines()
        .filter(|l| l.split('\t').nth(1) == Some("malformed"))
        .filter_map(|l| l.split('\t').next())
        .collect();
    let cognito: Vec<String> = files
        .iter()
        .filter(|p| p.starts_with(corpus.join("cloudformation")))
        .filter(|p| {
            let rel = p
                .strip_prefix(&corpus)
                .map(|r| r.display().to_string())
                .unwrap_or_default();
            !malformed.contains(&rel.as_str())
                && std::fs::read_to_string(p).is_ok_and(|t| t.contains("AWS::Cognito::"))
        })
        .map(|p| p.display().to_string())
        .collect();
    let ours = median_wall(5, || {
        Cmd::new(&cogfed)
            .args(["lint", "--format", "json"])
            .args(cognito.clone())
    })?;
    let theirs = median_wall(3, || {
        Cmd::new(&cfn_lint.display().to_string())
            .args(["--format", "json"])
            .args(cognito.clone())
    })?;
    let per_s = |n: usize, d: Duration| n as f64 / d.as_secs_f64().max(1e-9);
    s.push_str(
        "## Linting the public corpus (issue 12)

",
    );
    s.push_str(&format!(
        "`crates/cogfed-lint/tests/corpus`: {} public files (CloudFormation templates, AWS CLI outputs and the files \
         that sit beside them in real repositories; sources and licences in its SOURCES.tsv). Whole-process wall \
         time of the release binary; per file: one process per file.\n\n\
         | run | files | wall time | files/s |\n|---|---:|---:|---:|\n\
         | cogfed lint, the whole corpus as one folder (median of 5) | {} | {} | {:.0} |\n\
         | cogfed lint, each file alone: median | 1 | {median:.2} ms | |\n\
         | cogfed lint, each file alone: max | 1 | {max:.2} ms | |\n\n",
        files.len(),
        files.len(),
        ms(whole),
        per_s(files.len(), whole)
    ));
    s.push_str(&format!(
        "Its {} CloudFormation templates with Cognito resources that parse, in one process of each tool:\n\n\
         | tool | wall time | files/s | ratio |\n|---|---:|---:|---:|\n\
         | cogfed lint (median of 5) | {} | {:.0} | 1× |\n| cfn-lint {CFN_LINT_VERSION} (median of 3) | {} | {:.1} | {:.0}× slower |\n\n",
        cognito.len(),
        ms(ours),
        per_s(cognito.len(), ours),
        ms(theirs),
        per_s(cognito.len(), theirs),
        theirs.as_secs_f64() / ours.as_secs_f64().max(1e-9)
    ));
    Ok(((files.len(), whole), (cognito.len(), ours, theirs)))
}

fn build_cogfed_release() -> Result<PathBuf, String> {
    Cmd::new("cargo")
        .args(["build", "--release", "--bin", "cogfed"])
        .status()?;
    Ok(root().join("target/release/cogfed"))
}

/// cfn-lint in a throwaway virtualenv under target/ (created once, reused while the version matches).
fn cfn_lint_venv() -> Result<PathBuf, String> {
    pip_tool("cfn-lint", CFN_LINT_VERSION)
}

/// `package==version` from PyPI in a throwaway virtualenv `target/bench/{package}-venv` (created once, reused
/// while `{package} --version` names the version); the path of its command.
pub(super) fn pip_tool(package: &str, version: &str) -> Result<PathBuf, String> {
    let venv = root().join(format!("target/bench/{package}-venv"));
    let bin = venv.join("bin").join(package);
    let current = Cmd::new(&bin.display().to_string())
        .arg("--version")
        .output()
        .unwrap_or_default();
    if !current.contains(version) {
        Cmd::new("python3")
            .args(["-m", "venv"])
            .arg(venv.display().to_string())
            .status()?;
        Cmd::new(&venv.join("bin/pip").display().to_string())
            .args(["install", "--quiet", &format!("{package}=={version}")])
            .status()?;
    }
    Ok(bin)
}

/// A manifest with `clients` public SPA clients of `callbacks` callback URLs each, all valid.
pub fn generated_pool(clients: usize, callbacks: usize) -> String {
    let mut s = String::from(
        "version = 1\n\n[user_pool]\nid = \"us-east-1_BenchPool1\"\n\n[[domains]]\ndomain = \"bench-pool\"\n",
    );
    for c in 0..clients {
        s.push_str(&format!(
            "\n[[clients]]\nclient_id = \"benchclient{c:015}\"\nclient_name = \"app {c}\"\ngenerate_secret = false\n\
             allowed_oauth_flows_user_pool_client = true\nallowed_oauth_flows = [\"code\"]\n\
             allowed_oauth_scopes = [\"openid\", \"email\"]\nsupported_identity_providers = [\"COGNITO\"]\ncallback_urls = [\n"
        ));
        for u in 0..callbacks {
            s.push_str(&format!("  \"https://app{c}.example.com/callback/{u}\",\n"));
        }
        s.push_str("]\n");
    }
    s
}
