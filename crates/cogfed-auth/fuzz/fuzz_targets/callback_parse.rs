//! Fuzzes callback URL parsing and the whole callback validation against a single-use transaction store,
//! plus the strict URL and query decoders and the error catalogue lookup.
#![no_main]

use cogfed_auth::callback::{complete_callback, parse_callback_url, validate_callback};
use cogfed_auth::transaction::{MemoryTransactionStore, PendingTransaction, TransactionStore};
use cogfed_auth::url::{AbsoluteUrl, parse_query};
use cogfed_auth::CodeVerifier;
use libfuzzer_sys::fuzz_target;

fn transaction() -> PendingTransaction {
    PendingTransaction {
        state: "S1".into(),
        nonce: "N1".into(),
        code_verifier: CodeVerifier::from_octets(&[7; 32]),
        redirect_uri: "https://app.example.com/callback".into(),
        return_to: None,
        created_at: 1_000,
        issuer: "https://issuer.example".into(),
        require_iss_parameter: false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = AbsoluteUrl::parse(text).map(|u| u.endpoint_key());
    let _ = parse_query(text);
    if let Ok(params) = parse_callback_url(text) {
        let _ = validate_callback(&params, &transaction(), 1_060);
        if let (Some(e), d) = (&params.error, &params.error_description) {
            let _ = cogfed_auth::explain(e, d.as_deref());
        }
    }
    for candidate in [text.to_owned(), format!("https://app.example.com/callback?{text}")] {
        let mut store = MemoryTransactionStore::new();
        let _ = store.put(transaction());
        let first = complete_callback(&candidate, &mut store, 1_060);
        let second = complete_callback(&candidate, &mut store, 1_060);
        // Single use: a callback can never succeed twice.
        assert!(!(first.is_ok() && second.is_ok()));
    }
});
