//! Arbitrary text through the YAML parser alone (libyaml-safer underneath): the parser is third-party code
//! ported from C, and a panic in it would abort `cogfed lint` (release builds abort on panic) or kill the
//! checker page. Faster than `parse_and_load`, so it reaches deeper into the scanner.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(docs) = cogfed_lint::parse::parse_yaml_documents(&text) {
        for doc in docs {
            assert!(doc.span.end <= text.len() + 1, "span past the end");
        }
    }
});
