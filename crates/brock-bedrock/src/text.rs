use std::borrow::Cow;

/// At most `max` characters of `s`, saying how many were left out: an error that echoes a
/// 100 KB argument or a hostile endpoint's megabyte message is one nobody can read.
pub fn clip(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((at, _)) => {
            let rest = s[at..].chars().count();
            Cow::Owned(format!("{}… ({rest} more characters)", &s[..at]))
        }
    }
}
