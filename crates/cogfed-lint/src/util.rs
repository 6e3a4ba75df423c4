//! Small helpers shared across the crate.

/// Levenshtein distance between two strings, by characters (two-row dynamic programme).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `word` when it is close enough to be a plausible typo.
pub fn suggest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Whether two names are equal once `_` is removed and ASCII letters are lowercased
/// (`CallbackURLs` == `callback_urls`).
pub fn eq_normalized(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(|c| *c != '_').map(|c| c.to_ascii_lowercase())
    }
    norm(a).eq(norm(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_suggestions() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(
            suggest("calback_urls", ["callback_urls", "logout_urls"]),
            Some("callback_urls")
        );
        assert_eq!(suggest("zzz", ["callback_urls"]), None);
        assert!(eq_normalized("CallbackURLs", "callback_urls"));
        assert!(eq_normalized(
            "AllowedOAuthFlowsUserPoolClient",
            "allowed_oauth_flows_user_pool_client"
        ));
        assert!(!eq_normalized("CallbackURL", "callback_urls"));
    }
}
