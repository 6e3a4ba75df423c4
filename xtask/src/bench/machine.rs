//! The machine and every version the numbers depend on: CPU, cores, memory, OS, the Rust and Node
//! toolchains, Chromium, the bundler and the peers, with the date and the commit measured.

use super::peers;
use crate::proc::{Cmd, root};

/// `model name` of /proc/cpuinfo.
fn cpu_model(cpuinfo: &str) -> Option<String> {
    cpuinfo.lines().find_map(|l| {
        let (key, value) = l.split_once(':')?;
        (key.trim() == "model name").then(|| value.trim().to_string())
    })
}

/// `MemTotal` of /proc/meminfo, in GiB.
fn mem_total_gib(meminfo: &str) -> Option<f64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / (1024.0 * 1024.0))
}

/// `PRETTY_NAME` of /etc/os-release.
fn pretty_name(os_release: &str) -> Option<String> {
    os_release.lines().find_map(|l| {
        l.strip_prefix("PRETTY_NAME=")
            .map(|v| v.trim_matches('"').to_string())
    })
}

/// The first line of `output` containing `word`, from `word` on ("Chromium 156.0… built on Debian…").
fn line_with(output: &str, word: &str) -> Option<String> {
    output
        .lines()
        .find_map(|l| l.find(word).map(|i| l[i..].trim().to_string()))
}

/// `program args` first line of output, or "not found".
fn version_of(program: &str, args: &[&str]) -> String {
    match Cmd::new(program).args(args.iter().copied()).output() {
        Ok(out) => out.lines().next().unwrap_or_default().trim().to_string(),
        Err(_) => "not found".into(),
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The 1-, 5- and 15-minute load averages of /proc/loadavg ("0.52 0.61 0.70"), or "?".
fn load_average() -> String {
    let text = read("/proc/loadavg");
    let fields: Vec<&str> = text.split_whitespace().take(3).collect();
    if fields.len() == 3 {
        fields.join(" ")
    } else {
        "?".into()
    }
}

/// The facts of the moment the bench started: the date, the commit and the files changed in the work tree
/// (what the SPA was built from), the load average.
pub struct Start {
    date: String,
    commit: String,
    load: String,
}

impl Start {
    /// Now.
    pub fn now() -> Start {
        let date = version_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]);
        let head = version_of("git", &["rev-parse", "--short", "HEAD"]);
        let changed = Cmd::new("git")
            .args(["status", "--porcelain", "--untracked-files=no"])
            .output()
            .map(|s| changed_files(&s))
            .unwrap_or_default();
        Start {
            date,
            commit: describe_commit(&head, &changed),
            load: load_average(),
        }
    }
}

/// The paths of `git status --porcelain` lines.
fn changed_files(porcelain: &str) -> Vec<String> {
    porcelain
        .lines()
        .filter_map(|l| l.get(3..))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// "`abc1234`", or "`abc1234` with uncommitted changes to `a`, `b`".
fn describe_commit(head: &str, changed: &[String]) -> String {
    if changed.is_empty() {
        format!("`{head}`")
    } else {
        let files: Vec<String> = changed.iter().map(|f| format!("`{f}`")).collect();
        format!("`{head}` with uncommitted changes to {}", files.join(", "))
    }
}

/// The machine-and-versions table; `start` was taken when the bench started.
pub fn section(out: &mut String, start: &Start) {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get().to_string())
        .unwrap_or_else(|_| "?".into());
    let cpu = cpu_model(&read("/proc/cpuinfo")).unwrap_or_else(|| "?".into());
    let memory = mem_total_gib(&read("/proc/meminfo"))
        .map(|g| format!("{g:.1} GiB"))
        .unwrap_or_else(|| "?".into());
    let os = pretty_name(&read("/etc/os-release")).unwrap_or_else(|| "?".into());
    let kernel = read("/proc/sys/kernel/osrelease").trim().to_string();
    // Debian's chromium wrapper script prints a shell warning before the version on some machines.
    let chromium = Cmd::new("/usr/bin/chromium")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| line_with(&o, "Chromium "))
        .unwrap_or_else(|| "not found".into());
    let chromedriver = Cmd::new("/usr/bin/chromedriver")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| line_with(&o, "ChromeDriver "))
        .and_then(|l| l.split(" (").next().map(str::to_owned))
        .unwrap_or_else(|| "not found".into());
    let npm = |package: &str| peers::version(package).unwrap_or_else(|e| format!("? ({e})"));

    w!(out, "## Machine and versions\n");
    w!(out, "| | |\n|---|---|");
    w!(
        out,
        "| date, commit (at the start) | {}, {} |",
        start.date,
        start.commit
    );
    w!(out, "| CPU | {cpu}, {cores} cores (`nproc`) |");
    w!(out, "| memory | {memory} |");
    w!(
        out,
        "| load average (1, 5, 15 min) | {} at the start, {} at the end (a shared machine: builds \
         running meanwhile slow the measurements; the latency runs alternate between the apps so both see the \
         same load) |",
        start.load,
        load_average()
    );
    w!(out, "| OS | {os}, Linux {kernel} |");
    w!(out, "| Rust | {} |", version_of("rustc", &["--version"]));
    w!(
        out,
        "| SPA build | {}, {}, {} |",
        version_of("trunk", &["--version"]),
        version_of("wasm-bindgen", &["--version"]),
        version_of("wasm-opt", &["--version"])
    );
    w!(
        out,
        "| Node, npm | {}, npm {} |",
        version_of("node", &["--version"]),
        version_of("npm", &["--version"])
    );
    w!(out, "| browser | {chromium}; {chromedriver} (headless) |");
    w!(out, "| bundler | esbuild {} |", peers::esbuild_version());
    w!(
        out,
        "| peers (npm, pinned in `tools/package.json`) | oidc-client-ts {} (jwt-decode {}), oauth4webapi {}, \
         react-oidc-context {}, react {}, react-dom {} |",
        npm("oidc-client-ts"),
        npm("jwt-decode"),
        npm("oauth4webapi"),
        npm("react-oidc-context"),
        npm("react"),
        npm("react-dom")
    );
    w!(
        out,
        "| Rust peer (crates.io, `bench/peers/leptos-keycloak-auth/Cargo.lock`) | leptos-keycloak-auth {} |",
        super::peers::keycloak_version()
    );
    w!(
        out,
        "| linter peer | cfn-lint {} (pip, in a venv under `target/bench/`) |",
        super::lint::CFN_LINT_VERSION
    );
    w!(out, "| workspace | `{}` |", root().display());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_facts_are_read_from_their_files() {
        let cpuinfo =
            "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nprocessor\t: 1\n";
        assert_eq!(cpu_model(cpuinfo).as_deref(), Some("AMD EPYC 7B13"));
        assert_eq!(cpu_model("processor : 0\n"), None);
        let gib = mem_total_gib("MemTotal:       25165824 kB\nMemFree: 1 kB\n").unwrap();
        assert!((gib - 24.0).abs() < 1e-9, "{gib}");
        assert_eq!(
            pretty_name("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
                .as_deref(),
            Some("Debian GNU/Linux 12 (bookworm)")
        );
        let porcelain = " M web/src/lib.rs\nM  xtask/src/bench/mod.rs\n";
        let changed = changed_files(porcelain);
        assert_eq!(changed, ["web/src/lib.rs", "xtask/src/bench/mod.rs"]);
        assert_eq!(
            describe_commit("abc1234", &changed),
            "`abc1234` with uncommitted changes to `web/src/lib.rs`, `xtask/src/bench/mod.rs`"
        );
        assert_eq!(describe_commit("abc1234", &[]), "`abc1234`");
        let chromium = "/usr/bin/chromium: 9: [: 25276518400: unexpected operator\n\
                        Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)\n";
        assert_eq!(
            line_with(chromium, "Chromium ").as_deref(),
            Some("Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)")
        );
    }
}
