//! How answers look on a terminal (driven through a pseudo-terminal with expectrl, as in
//! repl.rs): prose wrapped at word boundaries while it streams, fenced code highlighted with
//! colour and plain without, links with their URL, and the exact model bytes to a pipe. The
//! emulator answers a prompt containing `[[markdown]]` with the markdown below.

use std::collections::HashSet;
use std::time::Duration;

use expectrl::session::OsSession;
use expectrl::{ControlCode, Eof, Expect, Session};
use unicode_width::UnicodeWidthStr;

use crate::common::{TestEnv, stdout_of};

const NOVA: &str = "us.amazon.nova-lite-v1:0";
/// The REPL prompt names the model, shortened to what follows the region and provider.
const PROMPT: &str = "nova-lite-v1:0 brock> ";
/// Short enough to stay on the prompt's row at 40 columns.
const ASK: &str = "[[markdown]] go";

/// The emulator's answer to a `[[markdown]]` prompt (src/emulator/generate.rs).
const MARKDOWN: &str = "# Release notes

The brock emulator answers this prompt with markdown so that terminals can show headings, lists, quotes, links and highlighted code. Every word in this paragraph is an ordinary word, and a renderer must never break one of them across two lines, whatever the width of the terminal happens to be.

- first item with **bold** text
- second item with `inline code`

> A quoted line.

See [the Bedrock guide](https://docs.aws.amazon.com/bedrock/) for more.

```rust
fn main() {
    let answer = 42;
    println!(\"{answer}\");
}
```
";

/// What a REPL session showed: the answer region (after the typed line, before the next
/// prompt) and what came after Ctrl-D.
struct Shown {
    answer: String,
    after_exit: String,
}

/// `brock chat` in a `cols`-column pty, one `[[markdown]]` message, then Ctrl-D.
fn repl_session(cols: u16, no_color: bool) -> Shown {
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.args(["chat", "-m", NOVA])
        .env("TERM", "xterm")
        .env("COLUMNS", cols.to_string())
        .env("LINES", "60");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    p.get_process_mut().set_window_size(cols, 60).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    let mut seen = Vec::new();
    // Raw mode on, then the prompt: the line editor reads (see repl.rs).
    wait(&mut p, "\x1b[?2004h", &mut seen);
    wait(&mut p, PROMPT, &mut seen);
    p.send(format!("{ASK}\r")).unwrap();
    wait(&mut p, ASK, &mut seen);
    let start = seen.len();
    wait(&mut p, "\x1b[?2004h", &mut seen);
    wait(&mut p, PROMPT, &mut seen);
    let end = seen.len() - PROMPT.len();
    let answer = String::from_utf8_lossy(&seen[start..end]).into_owned();
    p.send(ControlCode::EndOfTransmission).unwrap();
    let rest = p
        .expect(Eof)
        .unwrap_or_else(|e| panic!("brock exits on Ctrl-D: {e}"));
    let after_exit = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    Shown { answer, after_exit }
}

/// Wait for `what`, keeping everything shown up to and including it in `seen`.
fn wait(p: &mut OsSession, what: &str, seen: &mut Vec<u8>) {
    let found = p
        .expect(what)
        .unwrap_or_else(|e| panic!("waiting for {what:?}: {e}\n{}", show(seen)));
    seen.extend_from_slice(found.as_bytes());
}

fn show(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

/// The text a terminal would show, without escape sequences (CSI, OSC, two-byte escapes).
fn strip_escapes(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('[') => {
                for c in it.by_ref() {
                    if ('\x40'..='\x7e').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                while let Some(c) = it.next() {
                    if c == '\x07' || (c == '\x1b' && it.next_if_eq(&'\\').is_some()) {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Every row written fits the width (so the terminal never wraps by itself), and every word on
/// screen is a whole word of the answer (so nothing was broken inside a word by us either),
/// unless that word is wider than the terminal: only such a word may be broken.
fn assert_wrapped_at_words(answer: &str, cols: usize) {
    let too_wide: Vec<&str> = MARKDOWN
        .split_whitespace()
        .filter(|w| w.width() >= cols)
        .collect();
    let words: HashSet<&str> = MARKDOWN
        .split(|c: char| !c.is_ascii_alphanumeric())
        .chain(["waiting", "for", "the", "model"]) // the spinner, on stderr, same pty
        .collect();
    let text = strip_escapes(answer);
    // The answer ends with its closing fence; the usage line after it is stderr's.
    let text = &text[..text.rfind("```").expect("the answer's closing fence") + 3];
    for row in text.split(['\r', '\n']) {
        assert!(
            row.width() <= cols,
            "a row wider than {cols} columns wraps by itself: {row:?}\n{text}"
        );
        for token in row.split(|c: char| !c.is_ascii_alphanumeric()) {
            assert!(
                token.is_empty()
                    || words.contains(token)
                    || too_wide.iter().any(|w| w.contains(token)),
                "{token:?} is a broken word at {cols} columns, in row {row:?}\n{text}"
            );
        }
    }
    // The long paragraph is all there.
    for w in ["terminals", "ordinary", "renderer", "whatever", "happens"] {
        assert!(text.contains(w), "{w} missing at {cols} columns:\n{text}");
    }
}

/// The lines between the opening ```rust fence and the closing one, as the terminal got them.
fn code_region(answer: &str) -> &str {
    let open = answer.find("```rust").expect("opening fence shown") + "```rust".len();
    let close = answer[open..].find("```").expect("closing fence shown");
    &answer[open..open + close]
}

#[test]
fn long_paragraph_never_breaks_inside_a_word_at_40_and_120_columns() {
    for cols in [40, 120] {
        let shown = repl_session(cols, false);
        assert_wrapped_at_words(&shown.answer, cols as usize);
        let shown = repl_session(cols, true);
        assert_wrapped_at_words(&shown.answer, cols as usize);
    }
}

#[test]
fn code_is_highlighted_on_a_terminal_and_plain_with_no_color() {
    let coloured = repl_session(120, false);
    let code = code_region(&coloured.answer);
    assert!(
        code.contains("\x1b[35mfn"),
        "no colour in the code: {code:?}"
    );
    // Only colour was added: the characters are the model's (copyable).
    assert_eq!(
        strip_escapes(code).replace("\r\n", "\n"),
        "\nfn main() {\n    let answer = 42;\n    println!(\"{answer}\");\n}\n"
    );
    // Headings and emphasis are styled too (the finished blocks are re-drawn).
    assert!(
        coloured.answer.contains("\x1b[1mbold\x1b[0m"),
        "{:?}",
        coloured.answer
    );

    let plain = repl_session(120, true);
    let code = code_region(&plain.answer);
    assert_eq!(
        code,
        "\r\nfn main() {\r\n    let answer = 42;\r\n    println!(\"{answer}\");\r\n}\r\n"
    );
    assert!(
        !plain.answer.contains("\x1b[1m") && !plain.answer.contains("\x1b[3"),
        "styling with NO_COLOR: {:?}",
        plain.answer
    );
}

#[test]
fn links_show_their_url_on_a_terminal() {
    let shown = repl_session(120, false);
    let text = strip_escapes(&shown.answer);
    assert!(
        text.contains("the Bedrock guide (https://docs.aws.amazon.com/bedrock/)"),
        "{text}"
    );
}

#[test]
fn ctrl_d_says_where_the_conversation_is_kept_and_how_to_continue_it() {
    let shown = repl_session(120, true);
    let text = strip_escapes(&shown.after_exit);
    assert!(text.contains("conversation kept in "), "{text:?}");
    assert!(text.contains("/sessions/"), "{text:?}");
    assert!(
        text.contains("continue it with: brock chat --session "),
        "{text:?}"
    );
}

#[test]
fn a_pipe_gets_the_exact_model_bytes() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat", "-m", NOVA, ASK])
        .env("TERM", "xterm")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stdout = stdout_of(&out);
    assert!(!stdout.contains('\x1b'), "{stdout:?}");
    assert_eq!(stdout, MARKDOWN);
}
