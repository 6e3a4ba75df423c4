//! `state` and `nonce` values: 256 bits from the CSPRNG, base64url (security-checklist B2 items 2 and 6;
//! the brief asks for at least 128 bits).

use crate::b64;
use crate::io::{Randomness, RandomnessError};

/// Random bytes behind each `state` and `nonce` (256 bits, twice the 128-bit minimum).
pub const RANDOM_VALUE_BYTES: usize = 32;

/// A fresh random value: [`RANDOM_VALUE_BYTES`] CSPRNG bytes as base64url (43 characters).
pub fn random_value(rng: &impl Randomness) -> Result<String, RandomnessError> {
    let mut bytes = [0u8; RANDOM_VALUE_BYTES];
    rng.fill(&mut bytes)?;
    Ok(b64::encode(&bytes))
}

/// A fresh `state` for one authorization request (single-use CSRF token, RFC 9700 §4.7).
pub fn new_state(rng: &impl Randomness) -> Result<String, RandomnessError> {
    random_value(rng)
}

/// A fresh `nonce` for one authorization request (OIDC Core §3.1.2.1, replay protection of the ID token).
pub fn new_nonce(rng: &impl Randomness) -> Result<String, RandomnessError> {
    random_value(rng)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::OsRandomness;

    #[test]
    fn values_carry_256_bits_and_differ() {
        let a = new_state(&OsRandomness).unwrap();
        let b = new_nonce(&OsRandomness).unwrap();
        assert_eq!(a.len(), 43);
        assert_eq!(b64::decode(&a).unwrap().len(), 32);
        assert_ne!(a, b);
    }

    struct BrokenRng;
    impl Randomness for BrokenRng {
        fn fill(&self, _: &mut [u8]) -> Result<(), RandomnessError> {
            Err(RandomnessError("no entropy".into()))
        }
    }

    #[test]
    fn a_failing_csprng_is_an_error_not_a_weak_value() {
        assert_eq!(new_state(&BrokenRng), Err(RandomnessError("no entropy".into())));
    }
}
