//! Requests in, responses out: `cogfed-lint`'s `load` and `lint` over the request's files, positions resolved.

use crate::protocol::{
    CheckRequest, CheckResponse, FindingView, InputErrorView, InputFile, Place, Pos, ProtocolError,
    Recognised, Related, RuleDoc,
};
use cogfed_lint::de::Loc;
use cogfed_lint::rules::{self, Rule};
use cogfed_lint::{Finding, InputError, LintOptions, Position, SourceFile, Sources, lint, load};

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
        match load(files) {
            Ok(loaded) => {
                response.recognised = loaded
                    .formats
                    .iter()
                    .map(|(id, format)| Recognised {
                        file: id.0,
                        format: format.name().to_string(),
                    })
                    .collect();
                match lint(&loaded, &LintOptions::default()) {
                    Ok(report) => {
                        response.findings = report
                            .findings
                            .iter()
                            .map(|f| finding_view(f, &loaded.sources))
                            .collect();
                    }
                    Err(errors) => response.input_errors = input_errors(&errors, &request.files),
                }
            }
            Err(errors) => response.input_errors = input_errors(&errors, &request.files),
        }
    }
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

fn input_errors(errors: &[InputError], files: &[InputFile]) -> Vec<InputErrorView> {
    errors
        .iter()
        .map(|e| InputErrorView {
            file: files
                .iter()
                .position(|f| f.name == e.file)
                .and_then(|i| u32::try_from(i).ok()),
            file_name: e.file.clone(),
            at: e.position.map(pos),
            pointer: e.pointer.clone().filter(|p| !p.is_empty()),
            message: e.message.clone(),
        })
        .collect()
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
            explain: vec![],
        }
    }

    #[test]
    fn a_fragment_in_a_callback_url_is_found_at_its_line_and_column_with_its_rule_doc() {
        let toml = "version = 1\n[[clients]]\nclient_name = \"web\"\ncallback_urls = [\"https://app/#cb\"]\n";
        let r = run(&request(vec![file("cogfed.toml", toml)]));
        assert_eq!(r.seq, 7);
        assert!(r.input_errors.is_empty(), "{:?}", r.input_errors);
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
                format: "cogfed manifest".into()
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
    fn a_syntax_error_is_an_input_error_naming_the_file_and_line() {
        let r = run(&request(vec![
            file("ok.toml", "version = 1\n"),
            file("bad.json", "{\n  \"UserPool\": [1,,]\n}"),
        ]));
        assert!(r.findings.is_empty());
        let e = r.input_errors.first().expect("an input error");
        assert_eq!((e.file, e.file_name.as_str()), (Some(1), "bad.json"));
        assert_eq!(e.at.map(|p| p.line), Some(2));
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
        let req = serde_json::to_string(&request(vec![file("c.toml", "version = 1\n")])).expect("json");
        let resp: CheckResponse = serde_json::from_str(&handle_message(&req)).expect("a response");
        assert_eq!(resp.seq, 7);
        assert!(resp.findings.is_empty() && resp.input_errors.is_empty());
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
    const EXAMPLES: [(&str, &str, &[&str]); 10] = [
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
            assert!(r.input_errors.is_empty(), "{name}: {:?}", r.input_errors);
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
        ] {
            for name in ["x.toml", "x.json", "x.yaml", "x.env", "x"] {
                let _ = run(&request(vec![file(name, text)]));
            }
        }
    }
}
