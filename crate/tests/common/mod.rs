//! What the property-test files share: a fixed seed in `make test` so CI
//! is repeatable, and by hand `GRADIENTS_RANDOM=1` for fresh seeds and
//! `PROPTEST_CASES=n` for longer runs.

use proptest::test_runner::{Config, RngSeed};

pub fn config(default_cases: u32, seed: u64) -> Config {
    let random = std::env::var("GRADIENTS_RANDOM").is_ok();
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(default_cases),
        failure_persistence: None,
        rng_seed: if random {
            RngSeed::Random
        } else {
            RngSeed::Fixed(seed)
        },
        ..Config::default()
    }
}
