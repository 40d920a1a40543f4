//! `brock serve`'s key store: virtual keys (`brock serve keys …`, the admin API), their models,
//! rate limits and budgets, usage (`brock serve usage`), on SQLite (the default) and on a real
//! Postgres shared by two gateways (see [`crate::pg`]).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{TestEnv, stderr_of, stdout_of};
use crate::pg::Postgres;
use crate::serve::{Gateway, Resp};

const MASTER: &str = "master-key-for-the-admin-api-0123456789";

fn brock_serve(env: &TestEnv, db: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut c = env.cmd();
    c.arg("serve").args(args);
    if let Some(db) = db {
        c.args(["--database", db]);
    }
    c.output().unwrap()
}

fn create_key(env: &TestEnv, db: Option<&str>, args: &[&str]) -> String {
    let mut all = vec!["keys", "create"];
    all.extend_from_slice(args);
    let out = brock_serve(env, db, &all);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let key = stdout_of(&out).trim().to_string();
    assert!(
        key.starts_with("brk-") && key.len() == 47,
        "one key on stdout: {key:?}"
    );
    assert!(
        !stderr_of(&out).contains(&key),
        "the key is printed once, on stdout"
    );
    key
}

fn chat_body(model: &str) -> Value {
    json!({ "model": model, "messages": [{ "role": "user", "content": "hi" }] })
}

fn chat(gw: &Gateway, key: &str, model: &str) -> Resp {
    let auth = format!("Bearer {key}");
    gw.request(
        "POST",
        "/v1/chat/completions",
        &[("Authorization", &auth)],
        chat_body(model).to_string().as_bytes(),
    )
}

/// Polls until `done` holds (at most `within`): a replica sees a change within the key cache's
/// TTL (2 s), and usage is written off the request path.
fn eventually(within: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    done()
}

/// Rate limits count per clock minute: a test counting to a limit starts early in a minute so
/// its requests all fall in one.
fn early_in_a_minute() {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    if secs % 60 > 45 {
        std::thread::sleep(Duration::from_secs(61 - secs % 60));
    }
}

fn keys_json(env: &TestEnv, db: Option<&str>) -> Vec<Value> {
    let out = brock_serve(env, db, &["keys", "list", "--output", "json"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_str::<Value>(&stdout_of(&out))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn virtual_keys_on_sqlite_allow_their_models_only_and_revocation_and_rotation_take_effect() {
    let env = TestEnv::new();
    let key = create_key(
        &env,
        None,
        &[
            "--name",
            "alice",
            "--models",
            "us.amazon.nova-*",
            "--metadata",
            "team=search",
        ],
    );
    assert!(
        env.data_dir().join("serve.db").exists(),
        "the default store is <data dir>/serve.db"
    );
    let gw = Gateway::start(&env, &[], &[]);
    // Keys exist, so every request needs one.
    let r = gw.post("/v1/chat/completions", &chat_body("nova-lite"));
    assert_eq!(r.status, 401, "{}", r.text());
    let r = chat(
        &gw,
        "brk-notakeyatallnotakeyatallnotakeyatallnotakey",
        "nova-lite",
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["error"]["message"], "invalid API key");
    // The alias the client sent resolves to an id the glob allows.
    let r = chat(&gw, &key, "nova-lite");
    assert_eq!(r.status, 200, "{}", r.text());
    let r = chat(&gw, &key, "emulator.throttle");
    assert_eq!(r.status, 403, "{}", r.text());
    let e = r.json();
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("'emulator.throttle'"),
        "{e}"
    );
    assert_eq!(e["error"]["code"], "model_not_allowed");
    // The pass-through's model comes from its path; the body is put back for the handler.
    let converse = json!({ "messages": [{ "role": "user", "content": [{ "text": "hi" }] }] });
    let auth = format!("Bearer {key}");
    let r = gw.request(
        "POST",
        "/bedrock/model/us.amazon.nova-lite-v1:0/converse",
        &[("Authorization", &auth)],
        converse.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let r = gw.request(
        "POST",
        "/bedrock/model/amazon.titan-embed-text-v2:0/invoke",
        &[("x-api-key", &key)],
        br#"{"inputText":"hi"}"#,
    );
    assert_eq!(r.status, 403, "{}", r.text());

    // Rotation: the new secret works, the old one is refused (within the cache's TTL).
    // Requests the key made so far (refusals by the model list included) and its answered
    // chats, the pass-through's Converse among them (1 + 9 tokens each for "hi").
    let (mut made, mut chats) = (4, 2);
    let out = brock_serve(&env, None, &["keys", "rotate", "alice"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let rotated = stdout_of(&out).trim().to_string();
    assert_ne!(rotated, key);
    let mut counted = |r: &Resp| {
        if r.status == 200 {
            made += 1;
            chats += 1;
        }
        r.status
    };
    assert!(eventually(Duration::from_secs(10), || counted(&chat(
        &gw,
        &key,
        "nova-lite"
    )) == 401));
    assert_eq!(counted(&chat(&gw, &rotated, "nova-lite")), 200);

    let out = brock_serve(&env, None, &["keys", "revoke", "alice"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(eventually(Duration::from_secs(10), || {
        let r = chat(&gw, &rotated, "nova-lite");
        counted(&r) == 401 && r.text().contains("revoked")
    }));
    let (code, err) = gw.stop();
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !err.contains(&key) && !err.contains(&rotated),
        "keys never reach the log: {err}"
    );

    let keys = keys_json(&env, None);
    assert_eq!(keys.len(), 1);
    let k = &keys[0];
    assert_eq!(k["name"], "alice");
    assert_eq!(k["models"], json!(["us.amazon.nova-*"]));
    assert_eq!(k["metadata"], json!({ "team": "search" }));
    assert!(k["revoked_at"].is_i64(), "{k}");
    assert!(k.get("hash").is_none() && k.get("key").is_none(), "{k}");
    assert_eq!(
        k["requests"], made,
        "every request the key made is recorded, refusals by the model list included: {k}"
    );
    assert_eq!(k["used_tokens"], chats * 10, "{k}");
    assert!(k["prefix"].as_str().unwrap().starts_with("brk-"));
    assert!(rotated.starts_with(k["prefix"].as_str().unwrap()));

    // The table names the key, and no secret appears in it.
    let out = brock_serve(&env, None, &["keys", "list"]);
    let table = stdout_of(&out);
    assert!(
        table.contains("alice") && table.contains("revoked"),
        "{table}"
    );
    assert!(!table.contains(&rotated));
}

/// A stored response belongs to the virtual key that made it: another key can neither read,
/// continue nor delete it (its id shows up in request logs).
#[test]
fn a_stored_response_is_only_its_keys_to_read_continue_or_delete() {
    let env = TestEnv::new();
    let alice = create_key(&env, None, &["--name", "alice"]);
    let bob = create_key(&env, None, &["--name", "bob"]);
    let gw = Gateway::start(&env, &[], &[]);
    let as_ = |key: &str| format!("Bearer {key}");
    let (a, b) = (as_(&alice), as_(&bob));
    let r = gw.request(
        "POST",
        "/v1/responses",
        &[("Authorization", a.as_str())],
        json!({ "model": "nova-lite", "input": "mine" })
            .to_string()
            .as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    let path = format!("/v1/responses/{id}");
    for method in ["GET", "DELETE"] {
        let r = gw.request(method, &path, &[("Authorization", b.as_str())], b"");
        assert_eq!(r.status, 404, "{method} by another key: {}", r.text());
    }
    let r = gw.request(
        "POST",
        "/v1/responses",
        &[("Authorization", b.as_str())],
        json!({ "model": "nova-lite", "input": "go on", "previous_response_id": id })
            .to_string()
            .as_bytes(),
    );
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(r.json()["error"]["param"], "previous_response_id");
    let r = gw.request("GET", &path, &[("Authorization", a.as_str())], b"");
    assert_eq!(r.status, 200, "its own key still reads it: {}", r.text());
    let r = gw.request("DELETE", &path, &[("Authorization", a.as_str())], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    gw.stop();
}

#[test]
fn rpm_tpm_and_the_token_budget_answer_429_saying_which() {
    let env = TestEnv::new();
    let rpm = create_key(&env, None, &["--name", "bob", "--rpm", "3"]);
    let tpm = create_key(&env, None, &["--name", "dave", "--tpm", "20"]);
    let budget = create_key(&env, None, &["--name", "carol", "--max-tokens", "20"]);
    let gw = Gateway::start(&env, &[], &[]);
    early_in_a_minute();
    for _ in 0..3 {
        assert_eq!(chat(&gw, &rpm, "nova-lite").status, 200);
    }
    let r = chat(&gw, &rpm, "nova-lite");
    assert_eq!(r.status, 429, "{}", r.text());
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    let e = r.json();
    assert_eq!(e["error"]["code"], "rate_limit_exceeded");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("3 requests per minute"),
        "{e}"
    );

    // 10 tokens a request: the tokens-per-minute limit trips once the usage is written.
    assert_eq!(chat(&gw, &tpm, "nova-lite").status, 200);
    assert_eq!(chat(&gw, &tpm, "nova-lite").status, 200);
    assert!(eventually(Duration::from_secs(10), || {
        let r = chat(&gw, &tpm, "nova-lite");
        r.status == 429
            && r.text().contains("20 tokens per minute")
            && r.header("retry-after").is_some()
    }));

    // The budget: spent once the key's total reaches it, however long that takes.
    assert_eq!(chat(&gw, &budget, "nova-lite").status, 200);
    assert_eq!(chat(&gw, &budget, "nova-lite").status, 200);
    assert!(eventually(Duration::from_secs(10), || {
        let r = chat(&gw, &budget, "nova-lite");
        r.status == 429
            && r.json()["error"]["code"] == "insufficient_quota"
            && r.text().contains("token budget of 20 tokens is spent")
    }));
    gw.stop();
}

#[test]
fn usage_is_reported_by_key_model_and_day_as_a_table_and_json() {
    let env = TestEnv::new();
    let a = create_key(&env, None, &["--name", "a"]);
    let b = create_key(&env, None, &["--name", "b"]);
    let gw = Gateway::start(&env, &["--max-attempts", "1"], &[]);
    assert_eq!(chat(&gw, &a, "nova-lite").status, 200);
    assert_eq!(chat(&gw, &a, "nova-lite").status, 200);
    assert_eq!(chat(&gw, &b, "nova-lite").status, 200);
    assert_eq!(chat(&gw, &b, "emulator.internal-error").status, 502);
    let (code, err) = gw.stop();
    assert_eq!(code, Some(0), "{err}");

    let json_of = |args: &[&str]| -> Value {
        let mut all = vec!["usage", "--output", "json"];
        all.extend_from_slice(args);
        let out = brock_serve(&env, None, &all);
        assert!(out.status.success(), "{}", stderr_of(&out));
        serde_json::from_str(&stdout_of(&out)).unwrap()
    };
    assert_eq!(
        json_of(&["--by", "key"]),
        json!([
            { "key": "a", "requests": 2, "errors": 0, "input_tokens": 2, "output_tokens": 18,
              "cache_read_tokens": 0, "cache_write_tokens": 0 },
            { "key": "b", "requests": 2, "errors": 1, "input_tokens": 1, "output_tokens": 9,
              "cache_read_tokens": 0, "cache_write_tokens": 0 },
        ])
    );
    let by_model = json_of(&["--by", "model", "--key", "b"]);
    assert_eq!(by_model.as_array().unwrap().len(), 2, "{by_model}");
    assert_eq!(by_model[0]["model"], "emulator.internal-error");
    assert_eq!(by_model[1]["model"], "nova-lite");
    let by_day = json_of(&["--by", "day", "--since", "1d"]);
    assert_eq!(by_day.as_array().unwrap().len(), 1);
    assert_eq!(by_day[0]["requests"], 4);
    assert_eq!(by_day[0]["day"].as_str().unwrap().len(), 10, "{by_day}");

    let out = brock_serve(&env, None, &["usage", "--by", "key"]);
    let table = stdout_of(&out);
    assert!(table.starts_with("KEY"), "{table}");
    assert_eq!(table.lines().count(), 3, "{table}");
}

#[test]
fn the_admin_api_creates_lists_and_revokes_keys_with_the_master_key_only() {
    let env = TestEnv::new();
    let gw = Gateway::start(
        &env,
        &["--master-key-env", "TEST_MASTER"],
        &[("TEST_MASTER", MASTER)],
    );
    let master = format!("Bearer {MASTER}");
    // LiteLLM's /key/generate fields are understood.
    let body = json!({ "key_alias": "svc", "models": ["*nova*"], "rpm_limit": 100, "duration": "30d",
                       "metadata": { "owner": "ops" } });
    let r = gw.request("POST", "/admin/keys", &[], body.to_string().as_bytes());
    assert_eq!(r.status, 401, "{}", r.text());
    let r = gw.request(
        "POST",
        "/admin/keys",
        &[("Authorization", "Bearer wrong-master-key-0123456789")],
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 401);
    let r = gw.request(
        "POST",
        "/admin/keys",
        &[("Authorization", &master)],
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let created = r.json();
    let key = created["key"].as_str().unwrap().to_string();
    assert_eq!(created["name"], "svc");
    assert_eq!(created["rpm"], 100);
    assert!(created["expires_at"].as_i64().unwrap() > created["created_at"].as_i64().unwrap());
    // A virtual key is not a master key.
    let r = gw.request("GET", "/admin/keys", &[("x-api-key", &key)], b"");
    assert_eq!(r.status, 401);
    assert_eq!(chat(&gw, &key, "nova-lite").status, 200);
    let r = gw.request(
        "POST",
        "/admin/keys",
        &[("Authorization", &master)],
        json!({ "name": "svc" }).to_string().as_bytes(),
    );
    assert_eq!(r.status, 400, "a name is unique: {}", r.text());
    let r = gw.request(
        "POST",
        "/admin/keys",
        &[("Authorization", &master)],
        json!({ "name": "x", "rpm": 0 }).to_string().as_bytes(),
    );
    assert_eq!(r.status, 400);

    let r = gw.request("GET", "/admin/keys", &[("Authorization", &master)], b"");
    assert_eq!(r.status, 200);
    let list = r.json();
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    assert_eq!(list["data"][0]["metadata"]["owner"], "ops");
    assert!(!r.text().contains(&key), "listing never shows a key");

    let r = gw.request(
        "POST",
        "/admin/keys/svc/revoke",
        &[("Authorization", &master)],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    // Revoked through this replica: refused here at once.
    assert_eq!(chat(&gw, &key, "nova-lite").status, 401);
    let r = gw.request(
        "POST",
        "/admin/keys/nobody/revoke",
        &[("Authorization", &master)],
        b"",
    );
    assert_eq!(r.status, 404);
    let (code, err) = gw.stop();
    assert_eq!(code, Some(0));
    assert!(!err.contains(MASTER) && !err.contains(&key), "{err}");

    // Without a master key the admin API is off.
    let gw = Gateway::start(&env, &[], &[]);
    let r = gw.request("GET", "/admin/keys", &[("Authorization", &master)], b"");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("--master-key-env"), "{}", r.text());
    drop(gw);

    // The master key from a file named in the config.
    let file = env.write_file("master", format!("{MASTER}\n"));
    env.write_config(&format!(
        "[serve]\nmaster_key_file = {:?}\n",
        file.display().to_string()
    ));
    let gw = Gateway::start(&env, &[], &[]);
    let r = gw.request("GET", "/admin/keys", &[("Authorization", &master)], b"");
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn a_locked_sqlite_store_is_one_clear_line_at_start() {
    crate::common::require_tool("python3", "python3");
    let env = TestEnv::new();
    let db = env.home.path().join("locked.db");
    let db = db.to_str().unwrap();
    let out = brock_serve(&env, Some(db), &["keys", "list"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let mut holder = lock_sqlite(db, "EXCLUSIVE");
    let out = env
        .cmd()
        .args(["serve", "--listen", "127.0.0.1:0", "--database", db])
        .output()
        .unwrap();
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert_eq!(
        err.lines().filter(|l| l.contains("error")).count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("is locked by another process"),
        "one clear line: {err}"
    );
    assert!(stdout_of(&out).is_empty());
}

/// Another process holding a SQLite file's lock (`BEGIN IMMEDIATE` or `EXCLUSIVE`), returned
/// once it holds it; closing its stdin (or killing it) lets go.
fn lock_sqlite(db: &str, how: &str) -> std::process::Child {
    let mut holder = std::process::Command::new("python3")
        .args([
            "-c",
            "import sqlite3,sys\n\
             c=sqlite3.connect(sys.argv[1],isolation_level=None)\n\
             c.execute('BEGIN ' + sys.argv[2])\n\
             print('locked',flush=True)\n\
             sys.stdin.read()",
            db,
            how,
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs (.ci/run installs it)");
    let mut line = [0u8; 6];
    holder
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut line)
        .unwrap();
    assert_eq!(&line, b"locked");
    holder
}

fn admin_create(gw: &Gateway, body: Value) -> String {
    let master = format!("Bearer {MASTER}");
    let r = gw.request(
        "POST",
        "/admin/keys",
        &[("Authorization", &master)],
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["key"].as_str().unwrap().to_string()
}

#[test]
fn two_gateways_on_postgres_share_keys_revocations_and_rate_limits_and_fail_closed() {
    let pg = Postgres::start();
    let url = pg.url();
    let env = TestEnv::new();
    // Both start together: the migrations run once, under Postgres's lock.
    let (a, b) = std::thread::scope(|s| {
        let start = || {
            Gateway::start(
                &env,
                &["--database", &url, "--master-key-env", "TEST_MASTER"],
                &[("TEST_MASTER", MASTER)],
            )
        };
        let a = s.spawn(start);
        let b = s.spawn(start);
        (a.join().unwrap(), b.join().unwrap())
    });

    // Created through A's admin API, used on B.
    let key = admin_create(&a, json!({ "name": "team" }));
    assert_eq!(chat(&b, &key, "nova-lite").status, 200);
    assert_eq!(chat(&a, &key, "nova-lite").status, 200);
    let mut team_chats = 2;

    // One rpm limit for both: the 7th request of the minute is refused, whichever gets it.
    let limited = admin_create(&a, json!({ "name": "shared", "rpm": 6 }));
    early_in_a_minute();
    let statuses: Vec<u16> = (0..8)
        .map(|i| chat(if i % 2 == 0 { &a } else { &b }, &limited, "nova-lite").status)
        .collect();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 200, 429, 429]);

    // Revoked on A, refused by B within the cache's TTL.
    let master = format!("Bearer {MASTER}");
    let r = a.request(
        "POST",
        "/admin/keys/team/revoke",
        &[("Authorization", &master)],
        b"",
    );
    assert_eq!(r.status, 200);
    assert!(eventually(Duration::from_secs(10), || {
        let status = chat(&b, &key, "nova-lite").status;
        team_chats += i64::from(status == 200);
        status == 401
    }));

    // The database goes away: requests fail closed with 503, and pass again once it is back.
    let other = admin_create(&a, json!({ "name": "other" }));
    pg.down();
    assert!(eventually(Duration::from_secs(20), || {
        let r = chat(&b, &other, "nova-lite");
        r.status == 503 && r.json()["error"]["code"] == "key_store_unavailable"
    }));
    assert_eq!(chat(&a, &other, "nova-lite").status, 503);
    pg.up();
    let mut last = String::new();
    assert!(
        eventually(Duration::from_secs(30), || {
            let r = chat(&b, &other, "nova-lite");
            last = format!("{} {}", r.status, r.text());
            r.status == 200
        }),
        "{last}"
    );
    assert!(eventually(Duration::from_secs(30), || chat(
        &a,
        &other,
        "nova-lite"
    )
    .status
        == 200));
    let (code, err) = a.stop();
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = b.stop();
    assert_eq!(code, Some(0), "{err}");

    let out = brock_serve(
        &env,
        Some(&url),
        &["usage", "--by", "key", "--output", "json"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let usage: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let team = usage
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "team")
        .unwrap();
    assert_eq!(team["input_tokens"], team_chats, "{usage}");
    assert_eq!(team["output_tokens"], 9 * team_chats, "{usage}");
}

/// One request over HTTP/1.0; None when the gateway was not there to take it (refused, or
/// closed before answering), so the caller sends it again.
fn try_request(addr: &str, key: &str, body: &Value) -> Option<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let body = body.to_string();
    let head = format!(
        "POST /v1/chat/completions HTTP/1.0\r\nHost: gw\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).ok()?;
    s.write_all(body.as_bytes()).ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw);
    let status: u16 = text.split(' ').nth(1)?.parse().ok()?;
    let at = text.find("\r\n\r\n")? + 4;
    Some((status, raw[at..].to_vec()))
}

/// The tokens a response reported: `usage` of a completion, or of a stream's last chunk.
fn tokens_of(body: &[u8]) -> i64 {
    let text = String::from_utf8_lossy(body);
    let usage = if text.starts_with("data: ") {
        text.split("\n\n")
            .filter_map(|e| e.strip_prefix("data: "))
            .filter_map(|e| serde_json::from_str::<Value>(e).ok())
            .filter_map(|c| c.get("usage").filter(|u| !u.is_null()).cloned())
            .last()
    } else {
        serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v.get("usage").cloned())
    };
    usage.map_or(0, |u| {
        u["prompt_tokens"].as_i64().unwrap_or(0) + u["completion_tokens"].as_i64().unwrap_or(0)
    })
}

fn usage_survives_a_sigterm_after_1000_mixed_requests(db: &str) {
    let env = TestEnv::new();
    let key = create_key(&env, Some(db), &["--name", "load"]);
    let args = ["--database", db, "--max-attempts", "1"];
    let first = Gateway::start(&env, &args, &[]);
    let addr = Arc::new(RwLock::new(first.addr.clone()));
    let next = Arc::new(AtomicUsize::new(0));
    let tokens = Arc::new(AtomicI64::new(0));
    let answered = Arc::new(AtomicI64::new(0));
    let failed = Arc::new(AtomicI64::new(0));
    const TOTAL: usize = 1000;
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (addr, next, tokens, answered, failed, key) = (
                addr.clone(),
                next.clone(),
                tokens.clone(),
                answered.clone(),
                failed.clone(),
                key.clone(),
            );
            std::thread::spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= TOTAL {
                        return;
                    }
                    let body = match i % 6 {
                        0 | 1 => chat_body("nova-lite"),
                        2 => {
                            let mut b = chat_body("nova-lite");
                            b["stream"] = json!(true);
                            b["stream_options"] = json!({ "include_usage": true });
                            b
                        }
                        3 => chat_body("emulator.throttle"),
                        4 => chat_body("emulator.internal-error"),
                        _ => json!({ "model": "nova-lite" }),
                    };
                    let started = Instant::now();
                    loop {
                        let at = addr.read().unwrap().clone();
                        if let Some((status, body)) = try_request(&at, &key, &body) {
                            assert!(status != 401 && status != 503, "{status}");
                            tokens.fetch_add(tokens_of(&body), Ordering::SeqCst);
                            answered.fetch_add(1, Ordering::SeqCst);
                            if status >= 400 {
                                failed.fetch_add(1, Ordering::SeqCst);
                            }
                            break;
                        }
                        assert!(
                            started.elapsed() < Duration::from_secs(120),
                            "no gateway took request {i}"
                        );
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
            })
        })
        .collect();
    while next.load(Ordering::SeqCst) < TOTAL / 2 {
        std::thread::sleep(Duration::from_millis(5));
    }
    // SIGTERM in the middle, requests in flight; a second gateway takes over.
    let (code, err) = first.stop();
    assert_eq!(code, Some(0), "{err}");
    let second = Gateway::start(&env, &args, &[]);
    *addr.write().unwrap() = second.addr.clone();
    for w in workers {
        w.join().unwrap();
    }
    let (code, err) = second.stop();
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(answered.load(Ordering::SeqCst), TOTAL as i64);

    let out = brock_serve(
        &env,
        Some(db),
        &["usage", "--by", "key", "--output", "json"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let usage: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let row = &usage[0];
    assert_eq!(row["key"], "load", "{usage}");
    assert_eq!(
        row["requests"], TOTAL as i64,
        "every request recorded: {usage}"
    );
    let recorded = row["input_tokens"].as_i64().unwrap() + row["output_tokens"].as_i64().unwrap();
    assert!(tokens.load(Ordering::SeqCst) > 0);
    assert_eq!(
        recorded,
        tokens.load(Ordering::SeqCst),
        "usage equals what the emulator reported"
    );
    assert_eq!(
        failed.load(Ordering::SeqCst),
        499,
        "the mix: half of it fails"
    );
    assert_eq!(row["errors"], 499, "{usage}");
    let keys = keys_json(&env, Some(db));
    assert_eq!(keys[0]["used_tokens"].as_i64().unwrap(), recorded);
    // The other groupings add up to the same (the day expression differs per backend).
    for by in ["day", "model"] {
        let out = brock_serve(&env, Some(db), &["usage", "--by", by, "--output", "json"]);
        assert!(out.status.success(), "{}", stderr_of(&out));
        let rows: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
        let sum: i64 = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["requests"].as_i64().unwrap())
            .sum();
        assert_eq!(sum, TOTAL as i64, "{by}: {rows}");
        assert!(rows[0][by].is_string(), "{rows}");
    }
}

#[test]
fn usage_totals_equal_the_emulators_tokens_across_a_sigterm_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("serve.db");
    usage_survives_a_sigterm_after_1000_mixed_requests(db.to_str().unwrap());
}

#[test]
fn usage_totals_equal_the_emulators_tokens_across_a_sigterm_on_postgres() {
    let pg = Postgres::start();
    usage_survives_a_sigterm_after_1000_mixed_requests(&pg.url());
}

#[test]
fn serve_keys_refuses_gateway_flags_and_bad_values_before_touching_anything() {
    let env = TestEnv::new();
    let out = brock_serve(&env, None, &["--listen", "127.0.0.1:0", "keys", "list"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let out = brock_serve(
        &env,
        None,
        &["keys", "create", "--name", "x", "--expires", "3y"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("unknown unit"),
        "{}",
        stderr_of(&out)
    );
    let out = brock_serve(&env, None, &["keys", "create", "--name", "x", "--rpm", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let out = brock_serve(&env, None, &["keys", "revoke", "nobody"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("no key named"),
        "{}",
        stderr_of(&out)
    );
    let out = brock_serve(&env, Some("mysql://localhost/x"), &["keys", "list"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_openai_python_sdk_works_with_a_virtual_key_and_sees_its_limits_as_its_own_errors() {
    let env = TestEnv::new();
    let key = create_key(
        &env,
        None,
        &[
            "--name",
            "sdk",
            "--models",
            "us.amazon.nova-*",
            "--rpm",
            "2",
        ],
    );
    let gw = Gateway::start(&env, &[], &[]);
    early_in_a_minute();
    crate::serve::run_client(
        "openai_virtual_key.py",
        &[("BROCK_GATEWAY", &gw.url), ("BROCK_GATEWAY_KEY", &key)],
    );
    let (_, err) = gw.stop();
    assert!(!err.contains(&key), "{err}");
}

#[test]
fn a_keys_model_list_covers_the_messages_and_responses_routes_too() {
    let env = TestEnv::new();
    let key = create_key(&env, None, &["--name", "n", "--models", "*nova*"]);
    let gw = Gateway::start(&env, &[], &[]);
    let auth = format!("Bearer {key}");
    let send = |path: &str, body: Value| {
        gw.request(
            "POST",
            path,
            &[("Authorization", &auth)],
            body.to_string().as_bytes(),
        )
    };
    let messages = |model: &str| json!({ "model": model, "max_tokens": 50, "messages": [{ "role": "user", "content": "hi" }] });
    let r = send("/v1/messages", messages("nova-lite"));
    assert_eq!(r.status, 200, "{}", r.text());
    let r = send("/v1/messages", messages("claude-sonnet-4-5"));
    assert_eq!(r.status, 403, "{}", r.text());
    let e = r.json();
    assert_eq!(
        e["type"], "error",
        "Anthropic's error shape on /v1/messages: {e}"
    );
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("'claude-sonnet-4-5'"),
        "{e}"
    );
    let r = send(
        "/v1/responses",
        json!({ "model": "nova-lite", "input": "hi" }),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let r = send(
        "/v1/responses",
        json!({ "model": "claude-sonnet-4-5", "input": "hi" }),
    );
    assert_eq!(r.status, 403, "{}", r.text());
    gw.stop();
}

/// The tokens the emulator reported in one pass-through answer, as the client received it:
/// InvokeModel's headers, Converse's `usage`, ConverseStream's `metadata` event and the
/// `amazon-bedrock-invocationMetrics` of InvokeModelWithResponseStream's last chunk.
fn reported_tokens(op: &str, r: &Resp) -> (u64, u64) {
    use base64::Engine as _;
    let n = |v: &Value, k: &str| v[k].as_u64().unwrap_or_else(|| panic!("{k} in {v}"));
    match op {
        "invoke" => {
            let h = |name: &str| r.header(name).unwrap().parse::<u64>().unwrap();
            (
                h("x-amzn-bedrock-input-token-count"),
                h("x-amzn-bedrock-output-token-count"),
            )
        }
        "converse" => {
            let u = &r.json()["usage"];
            (n(u, "inputTokens"), n(u, "outputTokens"))
        }
        _ => {
            let (events, err) = brock_bedrock::decode_event_stream([r.body.as_slice()]);
            assert!(err.is_none(), "{err:?}");
            let mut found = None;
            for ev in events {
                let v: Value = serde_json::from_slice(&ev.payload).unwrap();
                if op == "converse-stream" && ev.event_type == "metadata" {
                    found = Some((
                        n(&v["usage"], "inputTokens"),
                        n(&v["usage"], "outputTokens"),
                    ));
                } else if op == "invoke-with-response-stream" && ev.event_type == "chunk" {
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(v["bytes"].as_str().unwrap())
                        .unwrap();
                    let c: Value = serde_json::from_slice(&bytes).unwrap();
                    let m = &c["amazon-bedrock-invocationMetrics"];
                    if m.is_object() {
                        found = Some((n(m, "inputTokenCount"), n(m, "outputTokenCount")));
                    }
                }
            }
            found.unwrap_or_else(|| panic!("no tokens in the {op} answer"))
        }
    }
}

/// Converse's or ConverseStream's `usage` object as the client received it.
fn converse_usage(r: &Resp) -> Value {
    if r.header("content-type") == Some("application/json") {
        return r.json()["usage"].clone();
    }
    let (events, err) = brock_bedrock::decode_event_stream([r.body.as_slice()]);
    assert!(err.is_none(), "{err:?}");
    let meta = events.iter().find(|e| e.event_type == "metadata").unwrap();
    serde_json::from_slice::<Value>(&meta.payload).unwrap()["usage"].clone()
}

fn native(gw: &Gateway, key: &str, op: &str, text: &str) -> Resp {
    let body = if op.starts_with("converse") {
        json!({ "messages": [{ "role": "user", "content": [{ "text": text }] }] })
    } else {
        // Nova's own InvokeModel body.
        json!({ "messages": [{ "role": "user", "content": [{ "text": text }] }],
                "inferenceConfig": { "max_new_tokens": 200 } })
    };
    let auth = format!("Bearer {key}");
    gw.request(
        "POST",
        &format!("/bedrock/model/amazon.nova-lite-v1:0/{op}"),
        &[("Authorization", &auth)],
        body.to_string().as_bytes(),
    )
}

#[test]
fn the_bedrock_passthrough_records_the_tokens_bedrock_reported_and_spends_budgets() {
    let env = TestEnv::new();
    const OPS: [&str; 4] = [
        "converse",
        "converse-stream",
        "invoke",
        "invoke-with-response-stream",
    ];
    // One key per operation, so usage by key shows each operation's tokens.
    let keys: Vec<String> = OPS
        .iter()
        .map(|op| create_key(&env, None, &["--name", op]))
        .collect();
    let budget = create_key(&env, None, &["--name", "budget", "--max-tokens", "40"]);
    let gw = Gateway::start(&env, &[], &[]);
    let mut want = Vec::new();
    for (op, key) in OPS.iter().zip(&keys) {
        let r = native(&gw, key, op, "count these tokens please");
        assert_eq!(r.status, 200, "{op}: {}", r.text());
        let (i, o) = reported_tokens(op, &r);
        assert!(i > 0 && o > 0, "{op}: {i}/{o}");
        want.push(
            json!({ "key": op, "requests": 1, "errors": 0, "input_tokens": i,
                          "output_tokens": o, "cache_read_tokens": 0,
                          "cache_write_tokens": 0 }),
        );
    }
    // Prompt caching: the first call writes the system prompt's prefix, the second (a stream)
    // reads it; both land in the key's usage.
    let cache = create_key(&env, None, &["--name", "cache"]);
    let auth = format!("Bearer {cache}");
    let system = "You answer questions about the brock command-line tool. ".repeat(40);
    let cached = json!({
        "system": [{ "text": system }, { "cachePoint": { "type": "default" } }],
        "messages": [{ "role": "user", "content": [{ "text": "hi" }] }],
    });
    let (mut read, mut write, mut tokens) = (0, 0, 0);
    for op in ["converse", "converse-stream"] {
        let r = gw.request(
            "POST",
            &format!("/bedrock/model/amazon.nova-lite-v1:0/{op}"),
            &[("Authorization", &auth)],
            cached.to_string().as_bytes(),
        );
        assert_eq!(r.status, 200, "{op}: {}", r.text());
        let u = converse_usage(&r);
        read += u["cacheReadInputTokens"].as_u64().unwrap();
        write += u["cacheWriteInputTokens"].as_u64().unwrap();
        tokens += u["inputTokens"].as_u64().unwrap() + u["outputTokens"].as_u64().unwrap();
    }
    assert!(read > 0 && write > 0, "{read} {write}");

    // The budget is spent by pass-through streams alone, then refused before Bedrock.
    let mut spent = 0;
    let refused = eventually(Duration::from_secs(10), || {
        let r = native(&gw, &budget, "invoke-with-response-stream", "hi");
        if r.status == 200 {
            let (i, o) = reported_tokens("invoke-with-response-stream", &r);
            spent += i + o;
            return false;
        }
        r.status == 429
            && r.json()["error"]["code"] == "insufficient_quota"
            && r.text().contains("token budget of 40 tokens is spent")
    });
    assert!(refused, "spent {spent} tokens without a refusal");
    assert!(spent >= 40, "refused after {spent} tokens only");
    let (code, err) = gw.stop();
    assert_eq!(code, Some(0), "{err}");

    for (op, w) in OPS.iter().zip(&want) {
        let line = format!(
            "POST /bedrock/model/amazon.nova-lite-v1:0/{op} model=amazon.nova-lite-v1:0 status=200 tokens={}/{} ",
            w["input_tokens"], w["output_tokens"]
        );
        assert!(err.lines().any(|l| l.starts_with(&line)), "{line}\n{err}");
    }
    let out = brock_serve(&env, None, &["usage", "--by", "key", "--output", "json"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let usage: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let rows = usage.as_array().unwrap();
    for w in &want {
        assert!(rows.contains(w), "{w} in {usage}");
    }
    let c = rows.iter().find(|r| r["key"] == "cache").unwrap();
    assert_eq!(
        (
            c["cache_read_tokens"].as_u64(),
            c["cache_write_tokens"].as_u64(),
            c["input_tokens"].as_u64().unwrap() + c["output_tokens"].as_u64().unwrap()
        ),
        (Some(read), Some(write), tokens),
        "{c}"
    );
    let b = rows.iter().find(|r| r["key"] == "budget").unwrap();
    assert_eq!(
        b["input_tokens"].as_u64().unwrap() + b["output_tokens"].as_u64().unwrap(),
        spent,
        "{b}"
    );
}

fn minute_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 60
}

/// Runs `attempt` (with its number, for fresh key names) until one run stays inside one clock
/// minute: a limit counts per minute, so a run that saw the minute roll over proves nothing
/// either way and is done again.
fn in_one_minute<T>(mut attempt: impl FnMut(usize) -> T) -> T {
    for i in 0..3 {
        early_in_a_minute();
        let before = minute_now();
        let out = attempt(i);
        if minute_now() == before {
            return out;
        }
    }
    panic!("three attempts in a row crossed a minute boundary");
}

/// `total` chat requests with `key`, `threads` at a time, request i to `gateways[i % len]`;
/// the responses in the order they were sent.
fn concurrently(gateways: &[&Gateway], key: &str, total: usize, threads: usize) -> Vec<Resp> {
    let next = AtomicUsize::new(0);
    let out: Vec<RwLock<Option<Resp>>> = (0..total).map(|_| RwLock::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= total {
                        return;
                    }
                    let r = chat(gateways[i % gateways.len()], key, "nova-lite");
                    *out[i].write().unwrap() = Some(r);
                }
            });
        }
    });
    out.into_iter()
        .map(|r| r.into_inner().unwrap().unwrap())
        .collect()
}

/// How many were admitted; every other one must be the rpm 429 with its Retry-After.
fn admitted(rs: &[Resp], rpm: i64) -> i64 {
    let mut ok = 0;
    for r in rs {
        if r.status == 200 {
            ok += 1;
            continue;
        }
        assert_eq!(r.status, 429, "{}", r.text());
        let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=60).contains(&retry), "{retry}");
        let e = r.json();
        assert_eq!(e["error"]["code"], "rate_limit_exceeded", "{e}");
        assert!(
            e["error"]["message"]
                .as_str()
                .unwrap()
                .contains(&format!("limit of {rpm} requests per minute")),
            "{e}"
        );
    }
    ok
}

#[test]
fn concurrent_requests_on_one_gateway_are_admitted_exactly_up_to_the_rpm_on_sqlite() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    // 20 rpm: slices of one slot, every request counted in the database. 100 rpm: slices of
    // up to 6 slots held in memory; one gateway uses every slot it took before refusing.
    for (rpm, total, threads) in [(20, 40, 40), (100, 160, 16)] {
        let ok = in_one_minute(|i| {
            let key = create_key(
                &env,
                None,
                &[
                    "--name",
                    &format!("rpm{rpm}-{i}"),
                    "--rpm",
                    &rpm.to_string(),
                ],
            );
            admitted(&concurrently(&[&gw], &key, total, threads), rpm)
        });
        assert_eq!(ok, rpm, "rpm {rpm}: {total} requests, {threads} at a time");
    }
    let (code, err) = gw.stop();
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn two_gateways_on_postgres_never_admit_more_than_the_shared_rpm_and_fail_closed_when_it_goes() {
    let pg = Postgres::start();
    let url = pg.url();
    let env = TestEnv::new();
    let a = Gateway::start(&env, &["--database", &url], &[]);
    let b = Gateway::start(&env, &["--database", &url], &[]);
    // 20 rpm: one slot at a time, exact. 64 rpm: slices of up to 4 slots, so each gateway
    // holds at most 6 it has not used yet (see src/serve/rate.rs); slots a gateway still holds
    // when its last request of the minute came are lost, never given twice.
    for (rpm, total, lost) in [(20, 40, 0), (64, 120, 2 * 6)] {
        let ok = in_one_minute(|i| {
            let key = create_key(
                &env,
                Some(&url),
                &[
                    "--name",
                    &format!("rpm{rpm}-{i}"),
                    "--rpm",
                    &rpm.to_string(),
                ],
            );
            admitted(&concurrently(&[&a, &b], &key, total, 8), rpm)
        });
        eprintln!("rpm {rpm} on two gateways: {ok} admitted");
        assert!(
            (rpm - lost..=rpm).contains(&ok),
            "rpm {rpm} on two gateways: {ok} admitted"
        );
    }

    // The database goes away: a gateway admits the slots it had reserved (at most 1.5 slices:
    // 93 at 1000 rpm), then fails closed with 503; once the database is back, requests pass.
    let key = create_key(&env, Some(&url), &["--name", "outage", "--rpm", "1000"]);
    for _ in 0..20 {
        assert_eq!(chat(&a, &key, "nova-lite").status, 200);
    }
    pg.down();
    let mut passed = 0;
    let closed = (0..200).any(|_| match chat(&a, &key, "nova-lite") {
        r if r.status == 200 => {
            passed += 1;
            false
        }
        r => {
            assert_eq!(r.status, 503, "{}", r.text());
            assert_eq!(r.json()["error"]["code"], "key_store_unavailable");
            true
        }
    });
    assert!(
        closed,
        "still admitting after {passed} requests without the database"
    );
    assert!(passed <= 93, "{passed} admitted from reserved slots");
    pg.up();
    assert!(eventually(Duration::from_secs(30), || chat(
        &a,
        &key,
        "nova-lite"
    )
    .status
        == 200));
    for gw in [a, b] {
        let (code, err) = gw.stop();
        assert_eq!(code, Some(0), "{err}");
    }
}

#[test]
fn a_tpm_limit_counts_this_gateways_tokens_before_the_usage_writer_can_write_them() {
    crate::common::require_tool("python3", "python3");
    let env = TestEnv::new();
    let db = env.home.path().join("tpm.db");
    let db = db.to_str().unwrap();
    let gw = Gateway::start(&env, &["--database", db], &[]);
    in_one_minute(|i| {
        // 10 tokens a request (1 in, 9 out).
        let key = create_key(
            &env,
            Some(db),
            &["--name", &format!("tpm-{i}"), "--tpm", "30"],
        );
        assert_eq!(chat(&gw, &key, "nova-lite").status, 200);
        assert_eq!(chat(&gw, &key, "nova-lite").status, 200);
        // Another connection takes the database's write lock: from now on neither the usage
        // writer nor a reservation can write, so what the gateway knows of the third
        // request's tokens it knows from its own count.
        let mut holder = lock_sqlite(db, "IMMEDIATE");
        let third = chat(&gw, &key, "nova-lite");
        let fourth = chat(&gw, &key, "nova-lite");
        drop(holder.stdin.take());
        let _ = holder.wait();
        assert_eq!(third.status, 200, "{}", third.text());
        assert_eq!(fourth.status, 429, "{}", fourth.text());
        assert!(
            fourth.text().contains("limit of 30 tokens per minute"),
            "{}",
            fourth.text()
        );
        assert!(fourth.header("retry-after").is_some());
    });
    let (code, err) = gw.stop();
    assert_eq!(code, Some(0), "{err}");
    // Nothing was lost while the database was locked: the writer wrote it afterwards.
    let out = brock_serve(
        &env,
        Some(db),
        &["usage", "--by", "key", "--output", "json"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let usage: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let last = usage.as_array().unwrap().last().unwrap();
    assert_eq!(last["requests"], 4, "{usage}");
    assert_eq!(last["errors"], 1, "{usage}");
    assert_eq!(
        last["input_tokens"].as_i64().unwrap() + last["output_tokens"].as_i64().unwrap(),
        30,
        "{usage}"
    );
}

#[test]
fn a_tpm_limit_on_two_gateways_counts_the_tokens_the_other_one_used() {
    let pg = Postgres::start();
    let url = pg.url();
    let env = TestEnv::new();
    let a = Gateway::start(&env, &["--database", &url], &[]);
    let b = Gateway::start(&env, &["--database", &url], &[]);
    in_one_minute(|i| {
        let name = format!("shared-tpm-{i}");
        let key = create_key(&env, Some(&url), &["--name", &name, "--tpm", "30"]);
        // 10 tokens a request (1 in, 9 out): 20 on A, written to the key's minute.
        assert_eq!(chat(&a, &key, "nova-lite").status, 200);
        assert_eq!(chat(&a, &key, "nova-lite").status, 200);
        let minute = format!(
            "SELECT COALESCE(SUM(r.tokens), 0) FROM serve_rate r JOIN serve_keys k ON k.id = r.key_id \
             WHERE k.name = '{name}'"
        );
        assert!(eventually(Duration::from_secs(10), || pg.query(&minute) == "20"));
        // B reads those 20 when it reserves its first slot, and adds its own 10 at once.
        assert_eq!(chat(&b, &key, "nova-lite").status, 200);
        let r = chat(&b, &key, "nova-lite");
        assert_eq!(r.status, 429, "{}", r.text());
        assert!(
            r.text().contains("limit of 30 tokens per minute"),
            "{}",
            r.text()
        );
    });
    for gw in [a, b] {
        let (code, err) = gw.stop();
        assert_eq!(code, Some(0), "{err}");
    }
}
