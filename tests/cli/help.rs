//! Help texts and messages that name things that exist.

use crate::common::{TestEnv, stderr_of};

#[test]
fn a_misspelt_models_provider_gets_a_suggestion() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["models", "--provider", "antropic"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr_of(&out);
    assert!(
        err.contains("no provider 'antropic'") && err.contains("did you mean 'anthropic'?"),
        "{err}"
    );
    // A provider that exists still filters.
    let out = env
        .cmd()
        .args(["models", "--provider", "Anthropic"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}
