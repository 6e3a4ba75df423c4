//! `cargo xtask bench [section...]`: measurements printed as markdown tables.
//!
//! Sections (all by default):
//! * `size`: the release SPA bundle, raw, gzip -9 and brotli 11.
//! * `lint`: `cogfed lint` against cfn-lint (pinned, in a throwaway venv) on the same CloudFormation template,
//!   and `cogfed lint` on generated pools of up to 1,000 app clients with 100 callback URLs each.

use crate::proc::{Cmd, build_spa_release, root};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// cfn-lint version measured against (linter-anchors.md ran 1.58.0).
const CFN_LINT_VERSION: &str = "1.58.0";

pub fn run(args: &[String]) -> Result<(), String> {
    let all = args.is_empty();
    let want = |s: &str| all || args.iter().any(|a| a == s);
    if let Some(unknown) = args.iter().find(|a| !["size", "lint"].contains(&a.as_str())) {
        return Err(format!("unknown bench section `{unknown}` (sections: size, lint)"));
    }
    let mut out = String::new();
    if want("size") {
        out.push_str(&size_section()?);
    }
    if want("lint") {
        out.push_str(&lint_section()?);
    }
    println!("\n{out}");
    Ok(())
}

fn size_section() -> Result<String, String> {
    build_spa_release()?;
    let dist = root().join("dist");
    let mut rows = vec![];
    for entry in std::fs::read_dir(&dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "wasm",
            Some("js") => "JS",
            Some("html") => "HTML",
            Some("css") => "CSS",
            _ => continue,
        };
        rows.push((kind, path.file_name().unwrap_or_default().to_string_lossy().into_owned(), sizes(&path)?));
    }
    rows.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    let mut s = String::from("## Release bundle (dist/)\n\n| kind | file | raw | gzip -9 | brotli 11 |\n|---|---|---:|---:|---:|\n");
    let mut total = Sizes::default();
    for (kind, name, sz) in &rows {
        s.push_str(&format!("| {kind} | `{name}` | {} | {} | {} |\n", group(sz.raw), group(sz.gzip), group(sz.brotli)));
        total.raw += sz.raw;
        total.gzip += sz.gzip;
        total.brotli += sz.brotli;
    }
    s.push_str(&format!(
        "| **total** | | **{}** | **{}** | **{}** |\n\n",
        group(total.raw),
        group(total.gzip),
        group(total.brotli)
    ));
    Ok(s)
}

fn lint_section() -> Result<String, String> {
    let cogfed = build_cogfed_release()?;
    let template = root().join("xtask/bench-inputs/cognito-spa.cfn.yaml");
    let cfn_lint = cfn_lint_venv()?;

    // Same template, same machine, median of several runs each; cfn-lint's Python start-up is part of what a
    // CI job pays, so whole-process wall time is the fair measure for both.
    let ours = median_wall(7, || Cmd::new(&cogfed.display().to_string()).arg("lint").arg(template.display().to_string()))?;
    let theirs = median_wall(5, || Cmd::new(&cfn_lint.display().to_string()).arg(template.display().to_string()))?;
    let mut s = String::from("## Linting one CloudFormation template\n\n");
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
    for clients in [10usize, 100, 1_000] {
        let path = dir.join(format!("pool-{clients}-clients.toml"));
        let text = generated_pool(clients, 100);
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        let t = median_wall(3, || {
            Cmd::new(&cogfed.display().to_string()).args(["lint", "--format", "json"]).arg(path.display().to_string())
        })?;
        s.push_str(&format!(
            "| {} | {} | {} | {} | {:.1} µs |\n",
            group(clients),
            group(clients * 100),
            group(text.len()),
            ms(t),
            t.as_secs_f64() * 1e6 / clients as f64
        ));
    }
    s.push('\n');
    Ok(s)
}

fn build_cogfed_release() -> Result<PathBuf, String> {
    Cmd::new("cargo").args(["build", "--release", "--bin", "cogfed"]).status()?;
    Ok(root().join("target/release/cogfed"))
}

/// cfn-lint in a throwaway virtualenv under target/ (created once, reused while the version matches).
fn cfn_lint_venv() -> Result<PathBuf, String> {
    let venv = root().join("target/bench/cfn-lint-venv");
    let bin = venv.join("bin/cfn-lint");
    let current = Cmd::new(&bin.display().to_string()).arg("--version").output().unwrap_or_default();
    if !current.contains(CFN_LINT_VERSION) {
        Cmd::new("python3").args(["-m", "venv"]).arg(venv.display().to_string()).status()?;
        Cmd::new(&venv.join("bin/pip").display().to_string())
            .args(["install", "--quiet", &format!("cfn-lint=={CFN_LINT_VERSION}")])
            .status()?;
    }
    Ok(bin)
}

/// Median wall time of `runs` runs; the exit status is ignored (findings make linters exit non-zero).
fn median_wall(runs: usize, cmd: impl Fn() -> Cmd) -> Result<Duration, String> {
    let mut times = vec![];
    for _ in 0..runs {
        let c = cmd();
        let t = Instant::now();
        c.run_quiet()?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok(times[times.len() / 2])
}

/// A manifest with `clients` public SPA clients of `callbacks` callback URLs each, all valid.
pub fn generated_pool(clients: usize, callbacks: usize) -> String {
    let mut s = String::from("version = 1\n\n[user_pool]\nid = \"us-east-1_BenchPool1\"\n\n[[domains]]\ndomain = \"bench-pool\"\n");
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

fn ms(d: Duration) -> String {
    if d < Duration::from_millis(10) {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.0} ms", d.as_secs_f64() * 1e3)
    }
}

#[derive(Default, Clone, Copy)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn sizes(path: &Path) -> Result<Sizes, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(sizes_of(&bytes))
}

pub fn sizes_of(bytes: &[u8]) -> Sizes {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("writing to memory");
    let gzip = gz.finish().expect("writing to memory").len();
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        w.write_all(bytes).expect("writing to memory");
    }
    Sizes { raw: bytes.len(), gzip, brotli: br.len() }
}

/// 123456 -> "123 456", the way the reference tables print sizes.
pub fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
