//! Built-in aliases resolve to an id the catalog serves from the configured region: the
//! region's geography profile, else the global one, else a clear refusal naming where the model
//! is offered. `models`, `models show ALIAS` and chat agree.

use brock_emulator::EmulatorOptions;

use crate::common::{TestEnv, stderr_of, stdout_of};

/// An emulator serving `region` (it refuses credentials scoped to any other, as AWS does).
fn env_in(region: &str) -> TestEnv {
    TestEnv::with_options(EmulatorOptions {
        region: region.into(),
        ..Default::default()
    })
}

fn in_region(env: &TestEnv, region: &str, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("AWS_REGION", region)
        .args(args)
        .output()
        .unwrap()
}

/// What chat sends for an alias: the emulator's reply names the model id it was called with.
fn chat_model(env: &TestEnv, region: &str, alias: &str) -> String {
    let out = in_region(env, region, &["chat", "-m", alias, "hi"]);
    assert!(
        out.status.success(),
        "{alias} in {region}: {}",
        stderr_of(&out)
    );
    let text = stdout_of(&out);
    let start = text.find('(').expect("model id in reply") + 1;
    let end = start + text[start..].find(')').unwrap();
    text[start..end].to_string()
}

#[test]
fn aliases_follow_the_region_geography() {
    for (region, geo) in [
        ("us-east-1", "us"),
        ("eu-west-1", "eu"),
        ("ap-northeast-1", "apac"),
    ] {
        let env = env_in(region);
        for (alias, model) in [
            ("opus", "anthropic.claude-opus-4-6-v1"),
            ("sonnet", "anthropic.claude-sonnet-4-6"),
            ("haiku", "anthropic.claude-haiku-4-5-20251001-v1:0"),
            ("nova", "amazon.nova-2-lite-v1:0"),
            ("nova-lite", "amazon.nova-lite-v1:0"),
        ] {
            let want = format!("{geo}.{model}");
            assert_eq!(chat_model(&env, region, alias), want, "{alias} in {region}");

            let out = in_region(&env, region, &["--output", "json", "models", "show", alias]);
            assert!(out.status.success(), "{}", stderr_of(&out));
            assert!(
                stdout_of(&out).contains(&format!("\"{want}\"")),
                "models show {alias} in {region}: {}",
                stdout_of(&out)
            );

            let out = in_region(&env, region, &["--output", "json", "models"]);
            let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(doc["aliases"][alias], want.as_str(), "models in {region}");
        }
    }
}

#[test]
fn a_region_outside_every_geography_uses_the_global_profile() {
    let env = env_in("sa-east-1");
    assert_eq!(
        chat_model(&env, "sa-east-1", "sonnet"),
        "global.anthropic.claude-sonnet-4-6"
    );
    // Nova v1 has no global profile but is served on demand.
    assert_eq!(
        chat_model(&env, "sa-east-1", "nova-lite"),
        "amazon.nova-lite-v1:0"
    );
}

#[test]
fn an_alias_not_offered_in_the_region_is_refused_with_where_it_is() {
    let env = env_in("eu-west-1");
    for args in [
        &["chat", "-m", "llama", "hi"][..],
        &["models", "show", "llama"][..],
    ] {
        let out = in_region(&env, "eu-west-1", args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr_of(&out);
        assert!(
            err.contains("'llama'")
                && err.contains("us.meta.llama4-maverick-17b-instruct-v1:0")
                && err.contains("eu-west-1")
                && err.contains("--region us-east-1"),
            "{err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    // Not offered here, so not listed as something to type.
    let out = in_region(&env, "eu-west-1", &["--output", "json", "models"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["aliases"].get("llama").is_none(), "{}", doc["aliases"]);
    assert_eq!(
        chat_model(&env_in("us-west-2"), "us-west-2", "llama"),
        "us.meta.llama4-maverick-17b-instruct-v1:0"
    );
}

/// Built-in aliases (`brock_core::model`) name catalog models with exactly the catalog's
/// geographies, so every id an alias resolves to in any region is one the catalog serves.
#[test]
fn builtin_aliases_match_the_catalog() {
    use brock_core::model::{BUILTIN_ALIASES, CLAUDE_API_NAMES};
    let catalog: Vec<_> = brock_emulator::catalog().collect();
    for a in BUILTIN_ALIASES.iter().chain(CLAUDE_API_NAMES) {
        let m = catalog
            .iter()
            .find(|m| m.id == a.model)
            .unwrap_or_else(|| panic!("{}: {} not in catalog", a.alias, a.model));
        if a.geos.is_empty() {
            assert!(m.on_demand, "{}", a.alias);
        } else {
            assert_eq!(a.geos, m.geos, "{}", a.alias);
        }
        assert_eq!(a.on_demand, m.on_demand, "{}", a.alias);
        for region in [
            "us-east-1",
            "eu-west-1",
            "ap-northeast-1",
            "sa-east-1",
            "us-gov-west-1",
        ] {
            if let Ok(id) = a.resolve(region) {
                assert!(brock_emulator::serves(&id), "{} in {region}: {id}", a.alias);
            }
        }
    }
}

/// Each line's alias names the newest model of that line in the catalog (listed last).
#[test]
fn line_aliases_name_the_newest_model() {
    let catalog: Vec<_> = brock_emulator::catalog().collect();
    for (alias, word) in [
        ("sonnet", "Sonnet"),
        ("opus", "Opus"),
        ("haiku", "Haiku"),
        ("llama", "Llama"),
    ] {
        let newest = catalog.iter().rfind(|m| m.name.contains(word)).unwrap();
        let a = brock_core::model::BuiltinAlias::find(alias).unwrap();
        assert_eq!(a.model, newest.id, "{alias}");
    }
}
