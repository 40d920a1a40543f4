//! `brock batch` and `brock async` end to end against the emulator's S3, batch and async
//! routes, plus the emulated S3 driven by the AWS SDK's own S3 client.

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;

use serde_json::{Value, json};

use crate::common::{TestEnv, bare_cmd, stderr_of, stdout_of};

const ROLE: &str = "arn:aws:iam::123456789012:role/BedrockBatch";

fn prompts(n: usize) -> String {
    (0..n).map(|i| format!("prompt number {i}\n")).collect()
}

/// `brock batch …` with polling in milliseconds.
fn batch(env: &TestEnv) -> assert_cmd::Command {
    let mut c = env.cmd();
    c.env("BROCK_POLL_MS", "5").arg("batch");
    c
}

fn submit(env: &TestEnv, model: &str, input: &std::path::Path, name: &str) -> std::process::Output {
    batch(env)
        .args(["submit", "-m", model, "--s3", "s3://batch-bucket/jobs/"])
        .args(["--role-arn", ROLE, "--name", name, "--wait"])
        .arg("--input")
        .arg(input)
        .output()
        .unwrap()
}

fn lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn answer(v: &Value) -> &str {
    v["choices"][0]["message"]["content"].as_str().unwrap_or("")
}

#[test]
fn submit_wait_and_results_join_back_in_input_order_with_errors_kept() {
    let env = TestEnv::new();
    // 119 prompts and, at line 8, a native record whose body Nova refuses.
    let mut input = String::new();
    for i in 0..120 {
        if i == 7 {
            input.push_str(
                &json!({"recordId": "mine", "modelInput": {"prompt": "not nova"}}).to_string(),
            );
            input.push('\n');
        } else {
            input.push_str(&format!("prompt number {i}\n"));
        }
    }
    let path = env.write_file("in.txt", input);
    let out = submit(&env, "nova-lite", &path, "mixed");
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let arn = stdout_of(&out).trim().to_string();
    assert!(arn.contains(":model-invocation-job/"), "{arn}");
    for status in [
        "Submitted",
        "Validating",
        "Scheduled",
        "InProgress",
        "PartiallyCompleted",
    ] {
        assert!(
            err.contains(status),
            "{status} missing from the progress: {err}"
        );
    }

    let out = batch(&env).args(["results", &arn]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let got = lines(&stdout_of(&out));
    assert_eq!(got.len(), 120);
    for (i, v) in got.iter().enumerate() {
        if i == 7 {
            assert_eq!(v["record_id"], "r0000000007", "{v}");
            assert_eq!(v["error"]["code"], 400, "{v}");
            assert!(
                v["error"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("Malformed input request"),
                "{v}"
            );
        } else {
            assert_eq!(v["object"], "chat.completion", "{v}");
            assert!(
                answer(v).ends_with(&format!("You said: prompt number {i}")),
                "line {i}: {v}"
            );
        }
    }
    assert!(
        err.contains("120 records: 119 succeeded, 1 failed;") && err.contains("input tokens"),
        "{err}"
    );

    // Status, in text and JSON, with the service's counts.
    let out = batch(&env).args(["status", &arn]).output().unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("status: PartiallyCompleted"), "{text}");
    assert!(
        text.contains("records: 120 (120 processed, 119 succeeded, 1 failed)"),
        "{text}"
    );
    let out = batch(&env)
        .args(["--output", "json", "list"])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(listed[0]["jobArn"], arn.as_str(), "{listed}");
}

#[test]
fn claude_llama_and_openai_lines_use_each_familys_native_body() {
    let env = TestEnv::new();
    let mut openai = String::new();
    for i in 0..100 {
        openai.push_str(
            &json!({"model": "ignored", "messages": [
                {"role": "system", "content": "be brief"},
                {"role": "user", "content": format!("question {i}")}
            ], "max_tokens": 50})
            .to_string(),
        );
        openai.push('\n');
    }
    let openai = env.write_file("openai.jsonl", openai);
    let plain = env.write_file("plain.txt", prompts(100));
    for (n, (model, input)) in [
        ("us.anthropic.claude-sonnet-4-20250514-v1:0", &openai),
        ("us.meta.llama3-3-70b-instruct-v1:0", &plain),
        ("amazon.nova-micro-v1:0", &openai),
    ]
    .into_iter()
    .enumerate()
    {
        let out = submit(&env, model, input, &format!("fam{n}"));
        assert_eq!(out.status.code(), Some(0), "{model}: {}", stderr_of(&out));
        let arn = stdout_of(&out).trim().to_string();
        let out = batch(&env)
            .args(["results", &arn, "-o"])
            .arg(env.home.path().join("r.jsonl"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{model}: {}", stderr_of(&out));
        assert_eq!(stdout_of(&out), "", "results went to the file");
        let got = lines(&std::fs::read_to_string(env.home.path().join("r.jsonl")).unwrap());
        assert_eq!(got.len(), 100, "{model}");
        let want = if input == &openai {
            "question 42"
        } else {
            "prompt number 42"
        };
        assert!(
            answer(&got[42]).ends_with(&format!("You said: {want}")),
            "{model}: {}",
            got[42]
        );
        assert_eq!(got[42]["model"], model);
    }
}

#[test]
fn embeddings_from_native_records_come_back_as_index_and_embedding() {
    let env = TestEnv::new();
    let input: String = (0..100)
        .map(|i| {
            format!(
                "{}\n",
                json!({"modelInput": {"inputText": format!("text {i}"), "dimensions": 256}})
            )
        })
        .collect();
    let path = env.write_file("emb.jsonl", input);
    let out = submit(&env, "amazon.titan-embed-text-v2:0", &path, "emb");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let arn = stdout_of(&out).trim().to_string();
    let out = batch(&env).args(["results", &arn]).output().unwrap();
    let got = lines(&stdout_of(&out));
    assert_eq!(got.len(), 100);
    assert_eq!(got[5]["index"], 5);
    assert_eq!(got[5]["embedding"].as_array().unwrap().len(), 256);
}

#[test]
fn results_can_be_fetched_from_another_machine() {
    let env = TestEnv::new();
    let path = env.write_file("p.txt", prompts(100));
    let out = submit(&env, "nova-lite", &path, "elsewhere");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let arn = stdout_of(&out).trim().to_string();
    // A fresh HOME: nothing local survives, only what is in S3 and Bedrock.
    let fresh = tempfile::tempdir().unwrap();
    let url = env.url();
    let out = bare_cmd(fresh.path())
        .envs([
            ("AWS_ACCESS_KEY_ID", brock_emulator::DEFAULT_ACCESS_KEY),
            ("AWS_SECRET_ACCESS_KEY", brock_emulator::DEFAULT_SECRET_KEY),
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL_BEDROCK", &url),
            ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", &url),
            ("AWS_ENDPOINT_URL_S3", &url),
        ])
        .args(["batch", "results", &arn])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let got = lines(&stdout_of(&out));
    assert_eq!(got.len(), 100);
    assert!(answer(&got[99]).ends_with("You said: prompt number 99"));
}

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let env = TestEnv::new();
    let few = env.write_file("few.txt", prompts(99));
    let mut bad = prompts(150);
    bad.push_str("{\"neither\": 1}\n");
    let bad = env.write_file("bad.txt", bad);
    let ok = env.write_file("ok.txt", prompts(100));
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--input".into(), few.display().to_string()],
            "the input has 99 records; a Bedrock batch job takes at least 100",
        ),
        (
            vec!["--input".into(), bad.display().to_string()],
            "input line 151: a JSON object that is neither",
        ),
        (
            vec![
                "--input".into(),
                ok.display().to_string(),
                "--service-role".into(),
                "arn:aws:iam::123:user/x".into(),
            ],
            "is not an IAM role ARN",
        ),
        (
            vec![
                "--input".into(),
                ok.display().to_string(),
                "--s3".into(),
                "s3://Bad_Bucket/x/".into(),
            ],
            "is not a usable S3 location",
        ),
        (
            vec![
                "--input".into(),
                ok.display().to_string(),
                "--name".into(),
                "no spaces".into(),
            ],
            "is not a valid job name",
        ),
    ];
    for (extra, want) in cases {
        let mut args: Vec<String> = vec!["submit".into(), "-m".into(), "nova-lite".into()];
        if !extra.contains(&"--s3".to_string()) {
            args.extend(["--s3".into(), "s3://b-bucket/x/".into()]);
        }
        if !extra.contains(&"--service-role".to_string()) {
            args.extend(["--service-role".into(), ROLE.into()]);
        }
        args.extend(extra);
        let out = batch(&env).args(&args).output().unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert_eq!(
            err.lines()
                .filter(|l| l.starts_with("brock: error:"))
                .count(),
            1,
            "{err}"
        );
    }
    assert_eq!(
        env.emulator.requests(),
        0,
        "a refused submit sent something"
    );
}

#[test]
fn s3_errors_are_one_clear_line_each() {
    let env = TestEnv::new();
    let ok = env.write_file("ok.txt", prompts(100));
    for (bucket, want, code) in [
        ("missing-bucket", "the bucket does not exist", 1),
        ("denied-bucket", "access denied", 3),
    ] {
        let out = batch(&env)
            .args(["submit", "-m", "nova-lite", "--service-role", ROLE])
            .args(["--s3", &format!("s3://{bucket}/x/"), "--input"])
            .arg(&ok)
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{bucket}: {err}");
        assert!(
            err.contains(want) && err.contains(&format!("s3://{bucket}/x/")),
            "{bucket}: {err}"
        );
        assert_eq!(
            err.lines()
                .filter(|l| l.starts_with("brock: error:"))
                .count(),
            1,
            "{err}"
        );
        assert!(
            !err.contains("SdkError") && !err.contains("panicked"),
            "{err}"
        );
    }
}

#[test]
fn a_job_whose_every_record_fails_ends_failed_with_exit_1() {
    let env = TestEnv::new();
    let input: String = (0..100)
        .map(|i| format!("{}\n", json!({"modelInput": {"bogus": i}})))
        .collect();
    let path = env.write_file("bad.jsonl", input);
    let out = submit(&env, "nova-lite", &path, "allbad");
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("ended Failed"), "{err}");
    let arn = stdout_of(&out).trim().to_string();
    // The per-record errors are still there to read.
    let out = batch(&env).args(["results", &arn]).output().unwrap();
    let got = lines(&stdout_of(&out));
    assert_eq!(got.len(), 100);
    assert!(got.iter().all(|v| v["error"]["code"] == 400));
    assert!(stderr_of(&out).contains("100 records: 0 succeeded, 100 failed"));
}

#[test]
fn a_stopped_job_ends_stopped() {
    let env = TestEnv::new();
    let path = env.write_file("p.txt", prompts(100));
    let out = batch(&env)
        .args(["submit", "-m", "nova-lite", "--s3", "s3://b-bucket/jobs/"])
        .args(["--service-role", ROLE, "--name", "tostop", "--input"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let arn = stdout_of(&out).trim().to_string();
    let out = batch(&env).args(["stop", &arn]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("stop requested"));
    let out = batch(&env)
        .args(["status", &arn, "--wait"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("status: Stopped"),
        "{}",
        stdout_of(&out)
    );
    // Stopping it again is the service's refusal, verbatim.
    let out = batch(&env).args(["stop", &arn]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("ValidationException"),
        "{}",
        stderr_of(&out)
    );
    // Results of a job that never ran say so.
    let out = batch(&env).args(["results", &arn]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("has no output files"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn ctrl_c_during_wait_leaves_the_job_running_and_says_how_to_resume() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let env = TestEnv::new();
    let path = env.write_file("p.txt", prompts(100));
    let mut child = env
        .std_cmd()
        .env("BROCK_POLL_MS", "600000")
        .args([
            "batch",
            "submit",
            "-m",
            "nova-lite",
            "--s3",
            "s3://b-bucket/j/",
        ])
        .args([
            "--service-role",
            ROLE,
            "--name",
            "interrupted",
            "--wait",
            "--input",
        ])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    // The first poll has answered: brock is now sleeping until the next one.
    while !seen.contains("Submitted") {
        let mut line = String::new();
        assert!(
            err.read_line(&mut line).unwrap() > 0,
            "stderr ended: {seen}"
        );
        seen.push_str(&line);
    }
    kill(Pid::from_raw(child.id() as i32), Signal::SIGINT).unwrap();
    let status = child.wait().unwrap();
    err.read_to_string(&mut seen).unwrap();
    let mut arn = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut arn)
        .unwrap();
    assert_eq!(status.code(), Some(130), "{seen}");
    let arn = arn.trim();
    assert!(
        seen.contains("the job keeps running")
            && seen.contains(&format!("brock batch status {arn} --wait")),
        "{seen}"
    );
    // It did keep running.
    let out = batch(&env)
        .args(["status", arn, "--wait"])
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).contains("status: Completed"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn a_large_input_goes_up_in_parts() {
    let env = TestEnv::new();
    // 120 records of about 75 kB: more than one 8 MiB part.
    let word = "abcdefghi ".repeat(7_500);
    let input: String = (0..120).map(|i| format!("{i} {word}\n")).collect();
    assert!(input.len() > 9_000_000);
    let path = env.write_file("big.txt", input);
    let out = submit(&env, "nova-lite", &path, "big");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let arn = stdout_of(&out).trim().to_string();
    let out = batch(&env).args(["results", &arn]).output().unwrap();
    let got = lines(&stdout_of(&out));
    assert_eq!(got.len(), 120);
    assert!(
        answer(&got[119]).contains("You said: 119 abcdefghi"),
        "{}",
        &answer(&got[119])[..80]
    );
    // The emulator tags a multipart object's ETag with its part count, as S3 does.
    let url = env.url();
    let etag = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async move {
            sdk_client(&url, brock_emulator::DEFAULT_SECRET_KEY)
                .head_object()
                .bucket("batch-bucket")
                .key("jobs/big/input/part-00001.jsonl")
                .send()
                .await
                .unwrap()
                .e_tag()
                .unwrap()
                .to_string()
        });
    assert!(etag.ends_with("-2\""), "{etag}");
}

fn sdk_client(url: &str, secret: &str) -> aws_sdk_s3::Client {
    use aws_sdk_s3::config::{BehaviorVersion, Credentials, Region};
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new(
                brock_emulator::DEFAULT_ACCESS_KEY,
                secret,
                None,
                None,
                "test",
            ))
            .endpoint_url(url)
            .force_path_style(true)
            .build(),
    )
}

#[test]
fn async_start_wait_and_fetch_a_video() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("BROCK_POLL_MS", "5")
        .args([
            "async",
            "start",
            "-m",
            "amazon.nova-reel-v1:0",
            "--s3",
            "s3://videos/out/",
        ])
        .args(["a lighthouse at dusk", "--wait"])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let arn = stdout_of(&out).trim().to_string();
    assert!(arn.contains(":async-invoke/"), "{arn}");
    assert!(
        err.contains("InProgress") && err.contains("Completed"),
        "{err}"
    );
    let dir = env.home.path().join("clips");
    let out = env
        .cmd()
        .args(["async", "fetch", &arn, "-o"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let mp4 = std::fs::read(dir.join("output.mp4")).unwrap();
    assert_eq!(&mp4[4..8], b"ftyp");
    assert!(stdout_of(&out).trim().ends_with("output.mp4"));
    let out = env.cmd().args(["async", "status", &arn]).output().unwrap();
    assert!(
        stdout_of(&out).contains("status: Completed"),
        "{}",
        stdout_of(&out)
    );
    let out = env
        .cmd()
        .args(["--output", "json", "async", "list", "--status", "Completed"])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(listed[0]["invocationArn"], arn.as_str());
}

#[test]
fn async_failures_and_bad_input() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("BROCK_POLL_MS", "5")
        .args([
            "async",
            "start",
            "-m",
            "amazon.nova-reel-v1:0",
            "--s3",
            "s3://videos/out/",
        ])
        .args(["[[blocked]] something", "--wait"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("ended Failed: The generated video has been blocked"),
        "{}",
        stderr_of(&out)
    );
    let out = env
        .cmd()
        .args([
            "async",
            "start",
            "-m",
            "amazon.nova-reel-v1:0",
            "--s3",
            "s3://videos/out/",
        ])
        .args(["--duration", "7", "a cat"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("--duration 7"));
    // The service's own check: Nova Reel 1.0 makes 6-second videos only.
    let out = env
        .cmd()
        .args([
            "async",
            "start",
            "-m",
            "amazon.nova-reel-v1:0",
            "--s3",
            "s3://videos/out/",
        ])
        .args(["--duration", "12", "a cat"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("ValidationException: Malformed input request"),
        "{}",
        stderr_of(&out)
    );
}

/// The emulated S3 as the AWS SDK's S3 client sees it: path-style, checksums on, multipart.
#[test]
fn the_aws_sdk_s3_client_round_trips_through_the_emulator() {
    use aws_sdk_s3::primitives::ByteStream;
    use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
    let env = TestEnv::new();
    let url = env.url();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let s3 = sdk_client(&url, brock_emulator::DEFAULT_SECRET_KEY);
        s3.put_object()
            .bucket("sdk-bucket")
            .key("dir/a b.txt")
            .body(ByteStream::from_static(b"hello"))
            .send()
            .await
            .unwrap();
        let got = s3
            .get_object()
            .bucket("sdk-bucket")
            .key("dir/a b.txt")
            .send()
            .await
            .unwrap();
        assert_eq!(
            got.body.collect().await.unwrap().into_bytes().as_ref(),
            b"hello"
        );
        let head = s3
            .head_object()
            .bucket("sdk-bucket")
            .key("dir/a b.txt")
            .send()
            .await
            .unwrap();
        assert_eq!(head.content_length(), Some(5));

        // Multipart: a 5 MiB part and a short last one.
        let up = s3
            .create_multipart_upload()
            .bucket("sdk-bucket")
            .key("big")
            .send()
            .await
            .unwrap();
        let id = up.upload_id().unwrap().to_string();
        let mut parts = Vec::new();
        for (n, data) in [(1, vec![b'a'; 5 * 1024 * 1024]), (2, b"tail".to_vec())] {
            let p = s3
                .upload_part()
                .bucket("sdk-bucket")
                .key("big")
                .upload_id(&id)
                .part_number(n)
                .body(ByteStream::from(data))
                .send()
                .await
                .unwrap();
            parts.push(
                CompletedPart::builder()
                    .part_number(n)
                    .set_e_tag(p.e_tag().map(Into::into))
                    .build(),
            );
        }
        s3.complete_multipart_upload()
            .bucket("sdk-bucket")
            .key("big")
            .upload_id(&id)
            .multipart_upload(
                CompletedMultipartUpload::builder()
                    .set_parts(Some(parts))
                    .build(),
            )
            .send()
            .await
            .unwrap();
        let got = s3
            .get_object()
            .bucket("sdk-bucket")
            .key("big")
            .send()
            .await
            .unwrap();
        let bytes = got.body.collect().await.unwrap().into_bytes();
        assert_eq!(bytes.len(), 5 * 1024 * 1024 + 4);
        assert!(bytes.ends_with(b"atail"));

        // A short first part is refused when completing, as S3 does.
        let up = s3
            .create_multipart_upload()
            .bucket("sdk-bucket")
            .key("small")
            .send()
            .await
            .unwrap();
        let id = up.upload_id().unwrap().to_string();
        let mut parts = Vec::new();
        for n in [1, 2] {
            let p = s3
                .upload_part()
                .bucket("sdk-bucket")
                .key("small")
                .upload_id(&id)
                .part_number(n)
                .body(ByteStream::from_static(b"x"))
                .send()
                .await
                .unwrap();
            parts.push(
                CompletedPart::builder()
                    .part_number(n)
                    .set_e_tag(p.e_tag().map(Into::into))
                    .build(),
            );
        }
        let e = s3
            .complete_multipart_upload()
            .bucket("sdk-bucket")
            .key("small")
            .upload_id(&id)
            .multipart_upload(
                CompletedMultipartUpload::builder()
                    .set_parts(Some(parts))
                    .build(),
            )
            .send()
            .await
            .unwrap_err();
        assert_eq!(e.into_service_error().meta().code(), Some("EntityTooSmall"));

        let listed = s3
            .list_objects_v2()
            .bucket("sdk-bucket")
            .prefix("dir/")
            .send()
            .await
            .unwrap();
        let keys: Vec<&str> = listed.contents().iter().filter_map(|o| o.key()).collect();
        assert_eq!(keys, ["dir/a b.txt"]);
        let paged = s3
            .list_objects_v2()
            .bucket("sdk-bucket")
            .max_keys(1)
            .send()
            .await
            .unwrap();
        assert_eq!(paged.is_truncated(), Some(true));
        let next = s3
            .list_objects_v2()
            .bucket("sdk-bucket")
            .max_keys(1)
            .continuation_token(paged.next_continuation_token().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(next.contents()[0].key(), Some("dir/a b.txt"));

        use aws_sdk_s3::error::ProvideErrorMetadata;
        let e = s3
            .get_object()
            .bucket("sdk-bucket")
            .key("nope")
            .send()
            .await
            .unwrap_err();
        assert_eq!(e.into_service_error().code(), Some("NoSuchKey"));
        let e = s3
            .get_object()
            .bucket("never-written")
            .key("k")
            .send()
            .await
            .unwrap_err();
        assert_eq!(e.into_service_error().code(), Some("NoSuchBucket"));
        let e = s3
            .put_object()
            .bucket("denied-x")
            .key("k")
            .body(ByteStream::from_static(b"x"))
            .send()
            .await
            .unwrap_err();
        assert_eq!(e.into_service_error().code(), Some("AccessDenied"));
        let bad = sdk_client(&url, "wrong-secret");
        let e = bad
            .get_object()
            .bucket("sdk-bucket")
            .key("big")
            .send()
            .await
            .unwrap_err();
        assert_eq!(e.into_service_error().code(), Some("SignatureDoesNotMatch"));
    });
}

/// boto3 (what most Python users drive S3 with) against the same S3.
#[test]
fn boto3_round_trips_through_the_emulated_s3() {
    crate::common::require_tool("python3", "python3");
    let env = TestEnv::new();
    let script = r#"
import sys, boto3, botocore
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
    aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3],
    config=Config(s3={"addressing_style": "path"}))
s3.put_object(Bucket="py-bucket", Key="k/one.jsonl", Body=b'{"a":1}\n')
assert s3.get_object(Bucket="py-bucket", Key="k/one.jsonl")["Body"].read() == b'{"a":1}\n'
keys = [o["Key"] for o in s3.list_objects_v2(Bucket="py-bucket", Prefix="k/")["Contents"]]
assert keys == ["k/one.jsonl"], keys
try:
    s3.head_bucket(Bucket="missing-py")
    raise SystemExit("no error")
except botocore.exceptions.ClientError as e:
    assert e.response["Error"]["Code"] == "404", e.response
print("ok")
"#;
    let probe = std::process::Command::new("python3")
        .args(["-c", "import boto3"])
        .output()
        .unwrap();
    assert!(
        probe.status.success(),
        "this test needs boto3 (pip install boto3)"
    );
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            script,
            &env.url(),
            brock_emulator::DEFAULT_ACCESS_KEY,
            brock_emulator::DEFAULT_SECRET_KEY,
        ])
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        stdout_of(&out),
        stderr_of(&out)
    );
    assert_eq!(stdout_of(&out).trim(), "ok");
}

#[test]
fn a_slower_emulator_pace_shows_each_status_once_in_a_pipe() {
    let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        job_polls_per_status: 3,
        ..Default::default()
    });
    let path = env.write_file("p.txt", prompts(100));
    let out = submit(&env, "nova-lite", &path, "paced");
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    for status in ["Submitted", "Validating", "Scheduled", "InProgress"] {
        let n = err
            .lines()
            .filter(|l| l.contains(&format!("paced {status} ")))
            .count();
        assert_eq!(n, 1, "{status} shown {n} times: {err}");
    }
    assert!(err.contains("paced Completed · "), "{err}");
    // Status, polled once more, still says Completed.
    let arn = stdout_of(&out).trim().to_string();
    let out = batch(&env).args(["status", &arn]).output().unwrap();
    assert!(
        stdout_of(&out).contains("status: Completed"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn video_makes_a_clip_in_one_command() {
    let env = TestEnv::new();
    let clip = env.home.path().join("clip.mp4");
    let out = env
        .cmd()
        .env("BROCK_POLL_MS", "5")
        .args([
            "video",
            "a lighthouse at dusk",
            "--duration",
            "12",
            "--s3",
            "s3://videos/v/",
            "-o",
        ])
        .arg(&clip)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(stdout_of(&out), format!("{}\n", clip.display()));
    assert!(
        err.contains("started arn:aws:bedrock:us-east-1:123456789012:async-invoke/"),
        "{err}"
    );
    let mp4 = std::fs::read(&clip).unwrap();
    assert_eq!(&mp4[4..8], b"ftyp");
    // The movie header carries the 12 seconds asked for (timescale 1000).
    let at = mp4.windows(4).position(|w| w == b"mvhd").unwrap();
    let duration = u32::from_be_bytes(mp4[at + 20..at + 24].try_into().unwrap());
    assert_eq!(duration, 12_000);
}

/// The keys under a prefix of the emulated S3, through the AWS SDK's own client.
fn s3_keys(env: &TestEnv, bucket: &str, prefix: &str) -> Vec<String> {
    let url = env.url();
    let (bucket, prefix) = (bucket.to_string(), prefix.to_string());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async move {
            sdk_client(&url, brock_emulator::DEFAULT_SECRET_KEY)
                .list_objects_v2()
                .bucket(bucket)
                .prefix(prefix)
                .send()
                .await
                .unwrap()
                .contents()
                .iter()
                .filter_map(|o| o.key().map(str::to_string))
                .collect()
        })
}

fn job_doc(env: &TestEnv, arn: &str) -> Value {
    let out = batch(env)
        .args(["--output", "json", "status", arn])
        .output()
        .unwrap();
    serde_json::from_str(&stdout_of(&out)).unwrap_or_else(|e| panic!("{e}: {out:?}"))
}

#[test]
fn role_arn_names_the_jobs_service_role_not_a_role_for_brock() {
    let env = TestEnv::new();
    let path = env.write_file("p.txt", prompts(100));
    // -vv shows the signed control-plane request: the base key, no assumed-role session.
    let out = batch(&env)
        .args([
            "submit",
            "-m",
            "nova-lite",
            "--s3",
            "s3://batch-bucket/jobs/",
        ])
        .args(["--role-arn", ROLE, "--name", "roles", "--input"])
        .arg(&path)
        .arg("-vv")
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("Credential=AKID"), "{err}");
    assert!(
        !err.contains("Credential=ASIA"),
        "brock assumed a role: {err}"
    );
    let arn = stdout_of(&out).trim().to_string();
    assert_eq!(job_doc(&env, &arn)["roleArn"], ROLE);

    // brock's own role still comes from BROCK_ROLE_ARN; --service-role is the old spelling.
    let out = batch(&env)
        .env(
            "BROCK_ROLE_ARN",
            "arn:aws:iam::123456789012:role/brock-user",
        )
        .args([
            "submit",
            "-m",
            "nova-lite",
            "--s3",
            "s3://batch-bucket/jobs/",
        ])
        .args(["--service-role", ROLE, "--name", "roles2", "--input"])
        .arg(&path)
        .arg("-vv")
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("Credential=ASIA"), "{err}");
    let arn = stdout_of(&out).trim().to_string();
    assert_eq!(job_doc(&env, &arn)["roleArn"], ROLE);

    // The service role is required, under its documented name.
    let out = batch(&env)
        .args([
            "submit",
            "-m",
            "nova-lite",
            "--s3",
            "s3://batch-bucket/jobs/",
            "--input",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("--role-arn <ARN>"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn quotas_are_checked_line_by_line_before_anything_is_sent() {
    let env = TestEnv::new();
    let mut long = prompts(100);
    long.push_str(&format!("{}\n", "word ".repeat(400)));
    long.push_str(&prompts(10));
    type Case<'a> = (String, Vec<(&'a str, &'a str)>, Vec<&'a str>, &'a str);
    let cases: Vec<Case> = vec![
        (
            prompts(101),
            vec![],
            vec!["--records-per-job", "100"],
            "input line 101: record 101 is over the 100 records a Bedrock batch job takes (quota \"Records per batch inference job\")",
        ),
        (
            long,
            vec![("BROCK_BATCH_FILE_BYTES", "1000")],
            vec![],
            "input line 101: the record is",
        ),
        (
            prompts(150),
            vec![("BROCK_BATCH_JOB_BYTES", "20000")],
            vec![],
            "over Bedrock's 20000 bytes per batch job (quota \"Batch inference job size\")",
        ),
    ];
    for (input, envs, extra, want) in cases {
        let path = env.write_file("q.txt", input);
        let out = batch(&env)
            .envs(envs.clone())
            .args(["submit", "-m", "nova-lite", "--s3", "s3://batch-bucket/q/"])
            .args(["--role-arn", ROLE, "--input"])
            .arg(&path)
            .args(&extra)
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{envs:?} {extra:?}: {err}");
        assert!(err.contains(want), "{envs:?} {extra:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // Below the minimum quota is no quota at all.
    let out = batch(&env)
        .args(["submit", "-m", "nova-lite", "--s3", "s3://batch-bucket/q/"])
        .args([
            "--role-arn",
            ROLE,
            "--records-per-job",
            "99",
            "--input",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("--records-per-job"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(
        env.emulator.requests(),
        0,
        "a refused submit sent something"
    );
}

#[test]
fn records_are_split_into_files_by_count_and_by_size_and_join_back_in_order() {
    let env = TestEnv::new();
    let path = env.write_file("p.txt", prompts(130));
    // 50 records per file, and files of at most ~ 40 records' bytes.
    let out = batch(&env)
        .env("BROCK_BATCH_RECORDS_PER_FILE", "50")
        .env("BROCK_BATCH_FILE_BYTES", "5000")
        .args([
            "submit",
            "-m",
            "nova-lite",
            "--s3",
            "s3://batch-bucket/split/",
        ])
        .args(["--role-arn", ROLE, "--name", "split", "--wait", "--input"])
        .arg(&path)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let inputs: Vec<String> = s3_keys(&env, "batch-bucket", "split/split/input/");
    assert!(inputs.len() >= 4, "{inputs:?}");
    assert!(err.contains(&format!("{} files)", inputs.len())), "{err}");
    let arn = stdout_of(&out).trim().to_string();
    let out = batch(&env).args(["results", &arn]).output().unwrap();
    let got = lines(&stdout_of(&out));
    assert_eq!(got.len(), 130);
    for (i, v) in got.iter().enumerate() {
        assert!(
            answer(v).ends_with(&format!("You said: prompt number {i}")),
            "line {i}: {v}"
        );
    }
}

#[test]
fn the_emulator_fails_a_job_over_the_records_quota_as_bedrock_does() {
    let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        batch_records_per_job: 120,
        ..Default::default()
    });
    let path = env.write_file("p.txt", prompts(150));
    let out = batch(&env)
        .args([
            "submit",
            "-m",
            "nova-lite",
            "--s3",
            "s3://batch-bucket/jobs/",
        ])
        .args(["--role-arn", ROLE, "--name", "toomany", "--wait"])
        .args(["--records-per-job", "1000", "--input"])
        .arg(&path)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("ended Failed: The number of records in the input (150) is more than the maximum of 120 records per batch inference job."),
        "{err}"
    );
}

#[test]
fn a_job_that_cannot_be_created_leaves_no_upload_behind_unless_kept() {
    let env = TestEnv::new();
    // Native records for a model the service has no batch inference for.
    let input: String = (0..100)
        .map(|i| format!("{}\n", json!({"modelInput": {"prompt": format!("p {i}")}})))
        .collect();
    let path = env.write_file("n.jsonl", input);
    let create = |name: &str, keep: bool| {
        let mut c = batch(&env);
        c.args(["submit", "-m", "stability.sd3-5-large-v1:0"])
            .args(["--s3", "s3://batch-bucket/fail/", "--role-arn", ROLE])
            .args(["--name", name, "--input"])
            .arg(&path);
        if keep {
            c.arg("--keep-input");
        }
        c.output().unwrap()
    };
    let out = create("gone", false);
    let err = stderr_of(&out);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("does not support batch inference"), "{err}");
    assert!(
        err.contains("the job was not created: deleted what brock uploaded (1 input file and brock-batch.json) from s3://batch-bucket/fail/gone/input/"),
        "{err}"
    );
    assert_eq!(stdout_of(&out), "");
    assert_eq!(
        s3_keys(&env, "batch-bucket", "fail/gone/"),
        Vec::<String>::new()
    );

    let out = create("kept", true);
    let err = stderr_of(&out);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("its input stays in s3://batch-bucket/fail/kept/ (--keep-input)"),
        "{err}"
    );
    assert_eq!(
        s3_keys(&env, "batch-bucket", "fail/kept/"),
        vec![
            "fail/kept/brock-batch.json",
            "fail/kept/input/part-00001.jsonl"
        ]
    );

    // A name whose input is already there is refused before anything is overwritten.
    let before = env.emulator.requests();
    let out = create("kept", false);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "s3://batch-bucket/fail/kept/ already holds the input of a batch job named kept"
        ),
        "{err}"
    );
    assert_eq!(
        env.emulator.requests(),
        before + 1,
        "only the HEAD of the mapping"
    );
    assert_eq!(s3_keys(&env, "batch-bucket", "fail/kept/").len(), 2);
}

#[test]
fn converse_records_run_as_a_converse_job() {
    let env = TestEnv::new();
    let mut input = prompts(99);
    input.push_str(
        &json!({"messages": [{"role": "user", "content": "an openai line"}], "max_tokens": 20})
            .to_string(),
    );
    input.push('\n');
    let path = env.write_file("c.txt", input);
    let claude = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    let out = batch(&env)
        .args(["submit", "-m", claude, "--s3", "s3://batch-bucket/jobs/"])
        .args(["--role-arn", ROLE, "--name", "conv", "--converse", "--wait"])
        .args(["--max-tokens", "64", "--input"])
        .arg(&path)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let arn = stdout_of(&out).trim().to_string();
    assert_eq!(job_doc(&env, &arn)["modelInvocationType"], "Converse");
    // The uploaded records are Converse request bodies, not Anthropic InvokeModel ones.
    let first = s3_keys(&env, "batch-bucket", "jobs/conv/input/");
    assert_eq!(first, vec!["jobs/conv/input/part-00001.jsonl"]);
    let url = env.url();
    let data = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async move {
            let o = sdk_client(&url, brock_emulator::DEFAULT_SECRET_KEY)
                .get_object()
                .bucket("batch-bucket")
                .key("jobs/conv/input/part-00001.jsonl")
                .send()
                .await
                .unwrap();
            o.body.collect().await.unwrap().into_bytes().to_vec()
        });
    let records = lines(&String::from_utf8(data).unwrap());
    let input = &records[3]["modelInput"];
    assert_eq!(
        input["messages"][0]["content"][0]["text"], "prompt number 3",
        "{input}"
    );
    assert_eq!(input["inferenceConfig"]["maxTokens"], 64, "{input}");
    assert!(input.get("anthropic_version").is_none(), "{input}");
    let out = batch(&env).args(["results", &arn]).output().unwrap();
    let got = lines(&stdout_of(&out));
    assert_eq!(got.len(), 100);
    assert!(
        answer(&got[3]).ends_with("You said: prompt number 3"),
        "{}",
        got[3]
    );
    assert!(
        answer(&got[99]).ends_with("You said: an openai line"),
        "{}",
        got[99]
    );
    assert_eq!(got[3]["object"], "chat.completion");
}

#[test]
fn embed_batch_writes_embeds_own_lines_in_input_order() {
    let env = TestEnv::new();
    let texts: String = (0..100).map(|i| format!("text number {i}\n")).collect();
    let path = env.write_file("t.txt", &texts);
    let out_file = env.home.path().join("vectors.jsonl");
    let out = env
        .cmd()
        .env("BROCK_POLL_MS", "5")
        .args(["embed", "--batch", "--dimensions", "256", "-f"])
        .arg(&path)
        .args([
            "--s3",
            "s3://batch-bucket/emb/",
            "--role-arn",
            ROLE,
            "--wait",
            "-o",
        ])
        .arg(&out_file)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(stdout_of(&out), "", "the vectors went to the file");
    assert!(
        err.contains("100 records: 100 succeeded, 0 failed"),
        "{err}"
    );
    let text = std::fs::read_to_string(&out_file).unwrap();
    let got = lines(&text);
    assert_eq!(got.len(), 100);
    assert!(
        text.lines()
            .nth(42)
            .unwrap()
            .starts_with("{\"index\":42,\"embedding\":["),
        "{text}"
    );
    // The same vector, in the same line shape, as a direct `brock embed` of that text.
    let direct = env
        .cmd()
        .args(["embed", "--dimensions", "256", "text number 42"])
        .output()
        .unwrap();
    let direct = lines(&stdout_of(&direct));
    assert_eq!(got[42]["embedding"], direct[0]["embedding"]);
    assert_eq!(got[42]["index"], 42);
    assert_eq!(got[42].as_object().unwrap().len(), 2, "{}", got[42]);

    // Without --wait: the job ARN, and `brock batch results` writes the same shapes later
    // (here Cohere's base64 vectors, from stdin).
    let out = env
        .cmd()
        .args(["embed", "--batch", "-m", "cohere.embed-english-v3"])
        .args(["--input-type", "search_document", "--format", "base64"])
        .args([
            "--s3",
            "s3://batch-bucket/emb/",
            "--role-arn",
            ROLE,
            "--name",
            "coh",
        ])
        .write_stdin(texts.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let arn = stdout_of(&out).trim().to_string();
    assert!(arn.contains(":model-invocation-job/"), "{arn}");
    let out = batch(&env)
        .args(["status", &arn, "--wait"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let out = batch(&env).args(["results", &arn]).output().unwrap();
    let got = lines(&stdout_of(&out));
    assert_eq!(got.len(), 100);
    assert_eq!(got[7]["index"], 7);
    assert!(got[7]["embedding"].is_string(), "{}", got[7]);

    // Bad lines are refused before anything is sent, naming the line.
    let before = env.emulator.requests();
    let mut bad = texts.clone();
    bad.insert(texts.find("text number 3\n").unwrap(), '\n');
    let out = env
        .cmd()
        .args(["embed", "--batch", "-f", "-"])
        .args(["--s3", "s3://batch-bucket/emb/", "--role-arn", ROLE])
        .write_stdin(bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("stdin: line 4: empty text"),
        "{}",
        stderr_of(&out)
    );
    let out = env
        .cmd()
        .args(["embed", "--batch", "-f"])
        .arg(&path)
        .args(["--role-arn", ROLE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("--s3"), "{}", stderr_of(&out));
    assert_eq!(
        env.emulator.requests(),
        before,
        "a refused embed sent something"
    );
}

#[test]
fn the_emulator_command_sets_the_job_pace_and_the_records_quota() {
    let env = TestEnv::new();
    let mut child = env
        .std_cmd()
        .args([
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--job-polls-per-status",
            "3",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let url = url.trim().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let path = env.write_file("p.txt", prompts(100));
    let out = batch(&env)
        .env("AWS_ENDPOINT_URL_BEDROCK", &url)
        .env("AWS_ENDPOINT_URL_S3", &url)
        .args([
            "submit",
            "-m",
            "nova-lite",
            "--s3",
            "s3://batch-bucket/jobs/",
        ])
        .args(["--role-arn", ROLE, "--name", "paced", "--wait", "--input"])
        .arg(&path)
        .output()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    for status in ["Submitted", "Validating", "Scheduled", "InProgress"] {
        let n = err
            .lines()
            .filter(|l| l.contains(&format!("paced {status} ")))
            .count();
        assert_eq!(n, 1, "{status} shown {n} times: {err}");
    }
    assert!(err.contains("paced Completed · "), "{err}");
    // Polls per status is at least 1.
    let out = env
        .cmd()
        .args(["emulator", "--job-polls-per-status", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
}

#[test]
fn without_batch_embeds_role_arn_is_still_the_role_brock_assumes() {
    let env = TestEnv::new();
    for args in [
        [
            "embed",
            "hello",
            "--role-arn",
            "arn:aws:iam::123456789012:role/brock-user",
        ],
        [
            "--role-arn",
            "arn:aws:iam::123456789012:role/brock-user",
            "embed",
            "hello",
        ],
    ] {
        let out = env.cmd().arg("-vv").args(args).output().unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.contains("Credential=ASIA"), "{args:?}: {err}");
        assert_eq!(lines(&stdout_of(&out)).len(), 1);
    }
}
