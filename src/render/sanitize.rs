//! Neutralise control characters before model (or tool) output reaches a terminal.
//!
//! A model can be made to emit escape sequences (prompt injection through a document or a tool
//! result): OSC 52 writes the clipboard, OSC 0 retitles the window, CSI sequences move the
//! cursor or clear the screen, and a bare CR can overwrite what the user already read. On a
//! terminal every such character is shown in caret notation instead; to a pipe, output stays
//! byte-exact (callers only sanitise when the destination is a terminal).

use std::borrow::Cow;

/// Replace control characters except newline and tab with visible caret notation (`^[`, `^G`),
/// C1 controls with `<U+009B>`-style text, and a CR that is not part of CRLF with `^M`.
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

fn needs_escape(c: char) -> bool {
    let code = c as u32;
    (code < 0x20 && c != '\n' && c != '\t') || code == 0x7f || (0x80..0xa0).contains(&code)
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

    #[test]
    fn ordinary_text_is_untouched() {
        let s = "línea 1\r\n\tcode → ok 🚀\n";
        assert_eq!(for_terminal(s), "línea 1\n\tcode → ok 🚀\n");
        assert!(matches!(for_terminal("plain"), Cow::Borrowed(_)));
    }
}
