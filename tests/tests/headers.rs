//! The static site's security headers: the CSP committed in Trunk.toml matches the built index.html's inline
//! loader script, forbids inline scripts and eval, and the test server sends every header on every response.
//! (The browser half, "no CSP violation in the console", is in pages.rs.)

use base64::Engine;
use cogfed_e2e::{SpaServer, dist_dir, security_header, security_headers};
use sha2::{Digest, Sha256};

/// The CSP's directives: name -> sources.
fn csp() -> Vec<(String, Vec<String>)> {
    let policy = security_header("Content-Security-Policy")
        .expect("Trunk.toml [serve.headers] has a Content-Security-Policy");
    policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_string).collect()))
        })
        .collect()
}

fn directive(name: &str) -> Vec<String> {
    csp()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("the CSP has no {name}"))
}

/// The contents of every `<script>` without a `src` attribute that the browser runs: not the data blocks
/// (`type="application/json"`, the demo's settings), which are never executed and need no CSP hash.
fn inline_scripts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    // Bounded by the document: every round consumes at least one `<script`.
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else { break };
        let tag = &after[..tag_end];
        let body_and_rest = &after[tag_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") && !tag.contains("type=\"application/json\"") {
            out.push(body_and_rest[..close].to_string());
        }
        rest = &body_and_rest[close..];
    }
    out
}

fn sha256_source(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[test]
fn the_committed_csp_hash_matches_the_built_inline_loader_script() {
    let index = dist_dir().join("index.html");
    let html = std::fs::read_to_string(&index).unwrap_or_else(|e| panic!("{}: {e}", index.display()));
    let scripts = inline_scripts(&html);
    assert!(
        !scripts.is_empty(),
        "{} has no inline script: Trunk's loader is missing",
        index.display()
    );
    let script_src = directive("script-src");
    for script in &scripts {
        let hash = sha256_source(script);
        assert!(
            script_src.contains(&hash),
            "Trunk.toml's Content-Security-Policy does not allow the inline script of {}:\n{script}\n\nIts hash is \
             {hash}; the CSP has script-src {script_src:?}. Trunk's loader changed (a Trunk upgrade, index.html, or \
             `filehash`/`minify` in Trunk.toml): put the new hash in [serve.headers] and in web/SERVING.md.",
            index.display()
        );
    }
}

#[test]
fn the_csp_allows_no_inline_code_or_eval_and_locks_down_the_rest() {
    let policy = security_header("Content-Security-Policy").unwrap_or_default();
    for forbidden in [
        "'unsafe-inline'",
        "'unsafe-eval'",
        "'unsafe-hashes'",
        "'strict-dynamic'",
    ] {
        assert!(
            !policy.contains(forbidden),
            "the CSP contains {forbidden}: {policy}"
        );
    }
    for (name, sources) in csp() {
        assert!(
            !sources.iter().any(|s| s == "*" || s == "http:"),
            "{name} allows any origin: {policy}"
        );
    }
    assert_eq!(directive("default-src"), vec!["'self'"]);
    let script_src = directive("script-src");
    assert!(
        script_src.contains(&"'self'".to_string()) && script_src.contains(&"'wasm-unsafe-eval'".to_string())
    );
    assert!(
        script_src
            .iter()
            .all(|s| s == "'self'" || s == "'wasm-unsafe-eval'" || s.starts_with("'sha256-")),
        "{script_src:?}"
    );
    assert_eq!(directive("style-src"), vec!["'self'"], "no inline styles");
    assert_eq!(directive("object-src"), vec!["'none'"]);
    assert_eq!(directive("base-uri"), vec!["'none'"]);
    assert_eq!(directive("frame-ancestors"), vec!["'none'"]);
    assert_eq!(directive("form-action"), vec!["'self'"]);
    assert_eq!(directive("img-src"), vec!["'self'", "data:"]);
    let connect = directive("connect-src");
    for source in ["'self'", "https:", "http://127.0.0.1:*", "http://localhost:*"] {
        assert!(
            connect.contains(&source.to_string()),
            "connect-src lacks {source}: {connect:?}"
        );
    }
    assert_eq!(security_header("Referrer-Policy").as_deref(), Some("no-referrer"));
    assert_eq!(
        security_header("X-Content-Type-Options").as_deref(),
        Some("nosniff")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_static_server_sends_every_header_on_every_response() {
    let server = SpaServer::start(&dist_dir()).await;
    let http = reqwest::Client::new();
    for path in [
        "/",
        "/callback?code=c&state=s",
        "/checker",
        "/cogfed-web.js",
        "/cogfed-web_bg.wasm",
        "/style.css",
    ] {
        let resp = http
            .get(server.url(path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        assert!(resp.status().is_success(), "GET {path}: {}", resp.status());
        for (name, value) in security_headers() {
            let got = resp.headers().get(name.as_str()).and_then(|v| v.to_str().ok());
            assert_eq!(got, Some(value.as_str()), "GET {path}: header {name}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_can_put_its_own_settings_in_the_page() {
    let json = r#"{"issuer":"http://127.0.0.1:1/p","client_id":"c</script>","redirect_uri":"http://127.0.0.1:2/callback","logout_uri":"http://127.0.0.1:2/","scopes":["openid"]}"#;
    let server = SpaServer::start_with_settings(&dist_dir(), |origin| {
        assert!(origin.starts_with("http://127.0.0.1:"), "{origin}");
        Some(json.to_string())
    })
    .await;
    for path in ["/", "/profile", "/callback?code=c&state=s"] {
        let resp = reqwest::get(server.url(path)).await.expect("GET");
        assert!(resp.headers().get("content-security-policy").is_some());
        let html = resp.text().await.expect("body");
        let block = cogfed_e2e::spa::SETTINGS_BLOCK;
        let start = html.find(block).expect("the settings block") + block.len();
        let end = start + html[start..].find("</script>").expect("its end");
        let served: serde_json::Value = serde_json::from_str(&html[start..end]).expect("JSON");
        let want: serde_json::Value = serde_json::from_str(json).expect("JSON");
        assert_eq!(served, want, "{path}: `</` is escaped and reads back the same");
    }
    // Only data blocks are added: the scripts the CSP must allow are the built page's.
    let built = std::fs::read_to_string(dist_dir().join("index.html")).expect("index.html");
    let served = reqwest::get(server.url("/"))
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    assert_eq!(inline_scripts(&served), inline_scripts(&built));
}

#[test]
fn inline_scripts_are_found_and_external_ones_skipped() {
    let html = "<script type=\"module\">a()</script><script src=\"/x.js\"></script><script>\nb</script>\
        <script type=\"application/json\" id=\"cogfed-settings\">{}</script>";
    assert_eq!(inline_scripts(html), vec!["a()".to_string(), "\nb".to_string()]);
    // RFC 7762 / CSP3 example: sha256 of `alert('Hello, world.');`.
    assert_eq!(
        sha256_source("alert('Hello, world.');"),
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    );
}

#[test]
fn serving_md_shows_the_committed_policy() {
    let doc_path = cogfed_e2e::workspace_root().join("web/SERVING.md");
    let doc = std::fs::read_to_string(&doc_path).unwrap_or_else(|e| panic!("{}: {e}", doc_path.display()));
    let policy = security_header("Content-Security-Policy").expect("a CSP");
    assert!(
        doc.contains(&format!("Content-Security-Policy: {policy}")),
        "{} does not show the CSP of Trunk.toml; copy it from [serve.headers]",
        doc_path.display()
    );
    let hash = directive("script-src")
        .into_iter()
        .find(|s| s.starts_with("'sha256-"))
        .expect("a script hash");
    let stale: Vec<&str> = doc
        .lines()
        .filter(|l| l.contains("'sha256-") && !l.contains("'sha256-…'") && !l.contains(hash.as_str()))
        .collect();
    assert!(
        stale.is_empty(),
        "{} has another script hash than Trunk.toml: {stale:#?}",
        doc_path.display()
    );
}
