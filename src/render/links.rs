//! Markdown links for the terminal: termimad shows `[text](url)` literally, which hides nothing
//! but reads badly. We show the text followed by the URL, so the destination is always visible
//! (a link's text can claim to be somewhere it is not) and can be copied or clicked by the
//! terminal's own URL detection. No OSC 8 hyperlinks: this is model-controlled text, and the
//! sanitiser's promise is that model bytes never carry terminal sequences.

/// `[text](url)` becomes `text (url)` (`url` alone when the text is the URL), with the URL set
/// as inline code so underscores or asterisks in it are not read as emphasis. Inline code
/// spans are left as they are.
pub fn inline_urls(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(i) = rest.find(['[', '`']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('`') {
            // Copy an inline code span untouched.
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            match rest[ticks..].find(fence) {
                Some(end) => {
                    let n = ticks + end + ticks;
                    out.push_str(&rest[..n]);
                    rest = &rest[n..];
                }
                None => {
                    out.push_str(fence);
                    rest = &rest[ticks..];
                }
            }
            continue;
        }
        match parse_link(rest) {
            Some((text, url, n)) => {
                if out.ends_with('!') {
                    out.pop();
                }
                let url_shown = if url.contains('`') {
                    url.to_string()
                } else {
                    format!("`{url}`")
                };
                if text == url || text.is_empty() {
                    out.push_str(&url_shown);
                } else {
                    out.push_str(&format!("{text} ({url_shown})"));
                }
                rest = &rest[n..];
            }
            None => {
                out.push('[');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `[text](url)` at the start of `s`: its text, URL and length in bytes.
fn parse_link(s: &str) -> Option<(&str, &str, usize)> {
    let close = s.find(']')?;
    let text = &s[1..close];
    if text.contains('\n') || text.contains('[') {
        return None;
    }
    let after = s[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    let target = after[..end].trim();
    // `[url "title"]`: the title is dropped.
    let url = target.split_whitespace().next()?;
    if url.contains('\n') {
        return None;
    }
    let url = url.trim_start_matches('<').trim_end_matches('>');
    Some((text, url, close + 2 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_show_their_target() {
        assert_eq!(
            inline_urls("See [the guide](https://x.example/a_b) now."),
            "See the guide (`https://x.example/a_b`) now."
        );
        assert_eq!(
            inline_urls("[https://x.example](https://x.example)"),
            "`https://x.example`"
        );
        assert_eq!(inline_urls("![logo](img.png \"Logo\")"), "logo (`img.png`)");
        assert_eq!(inline_urls("`[a](b)` and [c]"), "`[a](b)` and [c]");
        assert_eq!(inline_urls("a[1] b [x](y"), "a[1] b [x](y");
    }
}
