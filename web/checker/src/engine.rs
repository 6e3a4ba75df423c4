//! Requests in, responses out: `cogfed-lint`'s `load` and `lint` over the request's files, positions resolved.

#[cfg(test)]
use crate::protocol::InputFile;
use crate::protocol::{
    CheckRequest, CheckResponse, FindingView, Place, Pos, ProtocolError, Recognised, Related, RuleDoc,
    Skipped,
};
use cogfed_lint::de::Loc;
use cogfed_lint::rules::{self, Rule};
use cogfed_lint::{Finding, LintOptions, Position, SourceFile, Sources, lint, load_all};

/// Lints the request's files together and documents the rules involved.
pub fn run(request: &CheckRequest) -> CheckResponse {
    let mut response = CheckResponse {
        seq: request.seq,
        ..CheckResponse::default()
    };
    let files: Vec<SourceFile> = request
        .files
        .iter()
        .map(|f| SourceFile::new(f.name.clone(), f.text.clone()))
        .collect();
    if !files.is_empty() {
        // Like `cogfed lint` on a folder: every file is read, what cannot be read is an `input-error` finding,
        // what is not an input is skipped; nothing stops the others.
        let loaded = load_all(files);
        response.recognised = loaded
            .formats
            .iter()
            .map(|(id, format)| Recognised {
                file: id.0,
                format: format.name().to_string(),
                name: loaded
                    .suggested_names
                    .iter()
                    .find(|(f, _)| f == id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default(),
            })
            .collect();
        // No command-line overrides here, so linting cannot fail.
        if let Ok(report) = lint(&loaded, &LintOptions::default()) {
            response.skipped = report
                .skipped
                .iter()
                .map(|s| Skipped {
                    file: s.file.0,
                    reason: s.reason.clone(),
                })
                .collect();
            response.findings = report
                .findings
                .iter()
                .map(|f| finding_view(f, &loaded.sources))
                .collect();
        }
    }
    response.live = request.live.as_ref().map(crate::live::judge);
    let mut documented: Vec<&str> = Vec::new();
    let wanted = response
        .findings
        .iter()
        .map(|f| f.rule.clone())
        .chain(request.explain.iter().cloned());
    for id in wanted.collect::<Vec<_>>() {
        if documented.contains(&id.as_str()) {
            continue;
        }
        match rules::find(&id) {
            Some(rule) => {
                documented.push(rule.id);
                response.rules.push(rule_doc(rule));
            }
            None if !response.unknown_rules.contains(&id) => response.unknown_rules.push(id),
            None => {}
        }
    }
    response
}

/// The worker's message handler: a JSON [`CheckRequest`] in, a JSON [`CheckResponse`] out (or a
/// [`ProtocolError`] when the request is not one).
pub fn handle_message(json: &str) -> String {
    let out = match serde_json::from_str::<CheckRequest>(json) {
        Ok(request) => serde_json::to_string(&run(&request)),
        Err(e) => serde_json::to_string(&ProtocolError {
            protocol_error: format!("bad request: {e}"),
        }),
    };
    // Serialising plain structs of strings and numbers cannot fail; answer something parseable regardless.
    out.unwrap_or_else(|_| r#"{"protocol_error":"could not serialise the response"}"#.to_string())
}

fn pos(p: Position) -> Pos {
    Pos {
        line: saturate(p.line),
        column: saturate(p.column),
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn place(loc: &Loc, sources: &Sources) -> Place {
    Place {
        file: loc.file.0,
        start: pos(sources.position(loc.file, loc.span.start)),
        end: pos(sources.position(loc.file, loc.span.end)),
        pointer: loc.pointer.clone(),
    }
}

fn finding_view(f: &Finding, sources: &Sources) -> FindingView {
    FindingView {
        rule: f.rule.to_string(),
        severity: f.severity.as_str().to_string(),
        message: f.message.clone(),
        at: place(&f.loc, sources),
        help: f.help.clone(),
        notes: f.notes.clone(),
        related: f
            .related
            .iter()
            .map(|(loc, label)| Related {
                at: place(loc, sources),
                label: label.clone(),
            })
            .collect(),
    }
}

fn rule_doc(rule: &Rule) -> RuleDoc {
    RuleDoc {
        id: rule.id.to_string(),
        group: rule.group.as_str().to_string(),
        severity: rule.default_severity.as_str().to_string(),
        summary: rule.summary.to_string(),
        doc: rule.doc(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> InputFile {
        InputFile {
            name: name.into(),
            text: text.into(),
        }
    }

    fn request(files: Vec<InputFile>) -> CheckRequest {
        CheckRequest {
            seq: 7,
            files,
            ..CheckRequest::default()
        }
    }

    #[test]
    fn a_fragment_in_a_callback_url_is_found_at_its_line_and_column_with_its_rule_doc() {
        let toml = "version = 1\n[[clients]]\nclient_name = \"web\"\ncallback_urls = [\"https://app/#cb\"]\n";
        let r = run(&request(vec![file("cogfed.toml", toml)]));
        assert_eq!(r.seq, 7);
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == "uri-has-fragment")
            .expect("uri-has-fragment finding");
        assert_eq!(
            (f.at.file, f.at.start, f.at.pointer.as_str()),
            (0, Pos { line: 4, column: 18 }, "/clients/0/callback_urls/0")
        );
        // The span covers the string: it ends on the same line, further right.
        assert_eq!(f.at.end.line, 4);
        assert!(f.at.end.column > f.at.start.column);
        assert_eq!(f.severity, "error");
        assert_eq!(
            r.recognised,
            vec![Recognised {
                file: 0,
                format: "cogfed manifest".into(),
                name: "cogfed.toml".into()
            }]
        );
        let doc = r
            .rules
            .iter()
            .find(|d| d.id == "uri-has-fragment")
            .expect("its rule doc");
        assert!(doc.doc.contains("# Why it matters"), "{}", doc.doc);
    }

    #[test]
    fn a_syntax_error_is_an_input_error_finding_and_hides_no_other_file() {
        let r = run(&request(vec![
            file(
                "ok.toml",
                "version = 1\n[[clients]]\ncallback_urls = [\"https://app/#cb\"]\n",
            ),
            file("bad.json", "{\n  \"UserPool\": [1,,]\n}"),
            file("package.json", "{\"name\": \"app\", \"version\": \"1.0.0\"}"),
        ]));
        let e = r
            .findings
            .iter()
            .find(|f| f.rule == "input-error")
            .expect("an input error");
        assert_eq!((e.at.file, e.at.start.line), (1, 2));
        assert!(
            r.findings
                .iter()
                .any(|f| f.rule == "uri-has-fragment" && f.at.file == 0)
        );
        assert_eq!(r.skipped.len(), 1);
        assert_eq!(r.skipped[0].file, 2);
        assert!(
            r.skipped[0].reason.contains("not a format cogfed reads"),
            "{:?}",
            r.skipped
        );
    }

    /// Issue 12: text pasted into an unnamed file (or one named for another syntax) is read by its content and
    /// named for what it is.
    #[test]
    fn pasted_text_is_recognised_by_content_and_named() {
        let cfn = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      ClientName: web\n";
        for name in ["", "cogfed.toml"] {
            let r = run(&request(vec![file(name, cfn)]));
            assert_eq!(
                r.recognised,
                vec![Recognised {
                    file: 0,
                    format: "CloudFormation template".into(),
                    name: "template.yaml".into()
                }],
                "named {name:?}"
            );
            assert!(
                r.findings.iter().all(|f| f.rule != "input-error"),
                "{:?}",
                r.findings
            );
        }
        let cli = "{\"UserPoolClient\": {\"ClientName\": \"web\"}}";
        let r = run(&request(vec![file("", cli)]));
        assert_eq!(r.recognised[0].name, "describe-user-pool-client.json");
    }

    #[test]
    fn explain_documents_known_rules_once_and_lists_unknown_ones() {
        let r = run(&CheckRequest {
            seq: 1,
            files: vec![],
            explain: vec![
                "issuer-trailing-slash".into(),
                "issuer-trailing-slash".into(),
                "no-such-rule".into(),
            ],
            live: None,
        });
        assert_eq!(r.rules.len(), 1);
        assert_eq!(
            r.rules.first().map(|d| d.id.as_str()),
            Some("issuer-trailing-slash")
        );
        assert_eq!(r.unknown_rules, vec!["no-such-rule".to_string()]);
    }

    #[test]
    fn handle_message_round_trips_json_and_reports_a_bad_request() {
        let req = serde_json::to_string(&request(vec![file("c.toml", "version = 1\n[user_pool]\n")]))
            .expect("json");
        let resp: CheckResponse = serde_json::from_str(&handle_message(&req)).expect("a response");
        assert_eq!(resp.seq, 7);
        assert!(resp.findings.is_empty());
        let bad: ProtocolError =
            serde_json::from_str(&handle_message("{\"seq\":\"x\"}")).expect("a protocol error");
        assert!(
            bad.protocol_error.starts_with("bad request"),
            "{}",
            bad.protocol_error
        );
    }

    /// The checker page's "Load example" files (web/examples/): each lints clean, and its broken twin shows
    /// the mistakes its comment promises.
    const EXAMPLES: [(&str, &str, &[&str]); 12] = [
        ("cogfed.toml", include_str!("../../examples/cogfed.toml"), &[]),
        (
            "cogfed-broken.toml",
            include_str!("../../examples/cogfed-broken.toml"),
            &[
                "browser-client-has-secret",
                "implicit-flow-on-browser-client",
                "uri-has-fragment",
                "idp-issuer-mismatch",
                "issuer-trailing-slash",
            ],
        ),
        (
            "describe-user-pool-client.json",
            include_str!("../../examples/describe-user-pool-client.json"),
            &[],
        ),
        (
            "describe-user-pool-client-broken.json",
            include_str!("../../examples/describe-user-pool-client-broken.json"),
            &[
                "uri-wildcard",
                "uri-insecure-scheme",
                "uri-not-absolute",
                "scope-requires-openid",
            ],
        ),
        ("template.yaml", include_str!("../../examples/template.yaml"), &[]),
        (
            "template-broken.yaml",
            include_str!("../../examples/template-broken.yaml"),
            &[
                "domain-reserved-word",
                "uri-wildcard",
                "custom-scope-undefined",
                "scope-requires-openid",
            ],
        ),
        ("main.tf", include_str!("../../examples/main.tf"), &[]),
        (
            "main-broken.tf",
            include_str!("../../examples/main-broken.tf"),
            &[
                "domain-reserved-word",
                "uri-wildcard",
                "custom-scope-undefined",
                "scope-requires-openid",
                "idp-details-perpetual-diff",
            ],
        ),
        ("pomerium.yaml", include_str!("../../examples/pomerium.yaml"), &[]),
        (
            "pomerium-broken.yaml",
            include_str!("../../examples/pomerium-broken.yaml"),
            &["issuer-is-hosted-ui-domain", "scope-requires-openid"],
        ),
        (
            "fusionauth-idp.json",
            include_str!("../../examples/fusionauth-idp.json"),
            &[],
        ),
        (
            "fusionauth-idp-broken.json",
            include_str!("../../examples/fusionauth-idp-broken.json"),
            &["issuer-is-hosted-ui-domain", "scope-requires-openid"],
        ),
    ];

    #[test]
    fn every_example_lints_clean_and_its_broken_twin_shows_its_mistakes() {
        for (name, text, expected) in EXAMPLES {
            let r = run(&request(vec![file(name, text)]));
            assert_eq!(
                r.recognised.len(),
                1,
                "{name} is recognised once: {:?}",
                r.recognised
            );
            let rules: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
            if expected.is_empty() {
                assert!(rules.is_empty(), "{name} should lint clean: {rules:?}");
            }
            for rule in expected {
                assert!(rules.contains(rule), "{name} should show {rule}: {rules:?}");
            }
        }
    }

    #[test]
    fn hostile_input_never_panics() {
        for text in [
            "",
            "\u{0}",
            "[[[[[[[[",
            "a: &x [*x, *x]\nb: *x",
            "{\"UserPool\":",
            "version = \"\u{10FFFF}\"",
            "resource \"aws_cognito_user_pool_client\" \"x\" {\n  callback_urls = [for x in local.x : x]\n",
            "locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_cognito_user_pool\" \"p\" {\n  name = local.a\n}\n",
        ] {
            for name in [
                "x.toml",
                "x.json",
                "x.yaml",
                "x.env",
                "x.tf",
                "x.tfvars",
                "x.tf.json",
                "x",
            ] {
                let _ = run(&request(vec![file(name, text)]));
            }
        }
    }
}
