//! Reading what the user hands us (stdin, files named by flags) with a ceiling, so that
//! `--config /dev/zero` or `yes | brock raw POST …` ends with one clear error instead of eating
//! all memory.
//!
//! Whole inputs (stdin, request bodies, `--input-file`, `--tools`, images) stop at
//! [`input_cap`]: 64 MiB unless `BROCK_MAX_INPUT_MB` says otherwise. Line-by-line inputs (`embed`
//! texts, `agent` turns from a pipe) keep streaming, with a ceiling per line instead.

use std::io::{BufRead, Read};
use std::path::Path;

use crate::error::{Error, Result};

pub const MIB: u64 = 1024 * 1024;
/// The environment variable that raises (or lowers) [`input_cap`], in MiB.
pub const MAX_INPUT_ENV: &str = "BROCK_MAX_INPUT_MB";
const DEFAULT_INPUT_CAP_MIB: u64 = 64;
/// Longest line of a line-by-line input. The longest text any embedding model takes is Cohere
/// Embed v4's 128k tokens (~512k characters, at most 2 MiB of UTF-8), so a longer line is not
/// a text but a file without newlines.
pub const MAX_LINE: u64 = 4 * MIB;
/// A brock config file is a few dozen lines; 1 MiB is far past any real one.
pub const MAX_CONFIG: u64 = MIB;

/// The ceiling for one whole input, from `BROCK_MAX_INPUT_MB` (default 64 MiB).
pub fn input_cap() -> Result<u64> {
    match std::env::var(MAX_INPUT_ENV) {
        Err(_) => Ok(DEFAULT_INPUT_CAP_MIB * MIB),
        Ok(v) => match v.trim().parse::<u64>() {
            Ok(n) if (1..=1024 * 1024).contains(&n) => Ok(n * MIB),
            _ => Err(Error::config(format!(
                "{MAX_INPUT_ENV}={v:?}: expected a whole number of MiB from 1 to 1048576"
            ))),
        },
    }
}

fn size(n: u64) -> String {
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

fn too_large(what: &str, cap: u64, hint: &str) -> Error {
    Error::usage(format!("{what} is larger than {}{hint}", size(cap)))
}

/// The hint for inputs bounded by [`input_cap`].
pub fn raise_hint() -> String {
    format!("; set {MAX_INPUT_ENV} to a larger number of MiB to accept it")
}

/// Reads at most `cap` bytes; one byte more is an error naming `what` and the cap (`hint` is
/// appended: how to pass a larger input, when there is a way).
pub fn read_capped(r: impl Read, cap: u64, what: &str, hint: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    r.take(cap.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error::usage(format!("cannot read {what}: {e}")))?;
    if buf.len() as u64 > cap {
        return Err(too_large(what, cap, hint));
    }
    Ok(buf)
}

/// Reads a file with a ceiling. A regular file's size is checked before anything is read;
/// devices and pipes (`/dev/zero`, `<(…)`) have no size and stop at the cap.
pub fn read_file_capped(path: &Path, cap: u64, what: &str, hint: &str) -> Result<Vec<u8>> {
    let file =
        std::fs::File::open(path).map_err(|e| Error::usage(format!("cannot read {what}: {e}")))?;
    if let Ok(meta) = file.metadata()
        && meta.is_file()
        && meta.len() > cap
    {
        return Err(too_large(what, cap, hint));
    }
    read_capped(file, cap, what, hint)
}

/// Reads all of stdin up to [`input_cap`].
pub fn read_stdin(what: &str) -> Result<Vec<u8>> {
    read_capped(std::io::stdin().lock(), input_cap()?, what, &raise_hint())
}

/// Reads a file named by a flag up to [`input_cap`].
pub fn read_file(path: &Path, what: &str) -> Result<Vec<u8>> {
    read_file_capped(path, input_cap()?, what, &raise_hint())
}

/// One line (without its `\n`) of at most `cap` bytes; `None` at the end of input.
pub fn read_line_capped(r: &mut impl BufRead, cap: u64, what: &str) -> Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let n = r
        .take(cap.saturating_add(1))
        .read_until(b'\n', &mut line)
        .map_err(|e| Error::usage(format!("cannot read {what}: {e}")))?;
    if n == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
    } else if line.len() as u64 > cap {
        return Err(Error::usage(format!(
            "{what} is longer than {} (is it text, one item per line?)",
            size(cap)
        )));
    }
    Ok(Some(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_are_exact() {
        assert_eq!(read_capped(&b"abcd"[..], 4, "x", "").unwrap(), b"abcd");
        let e = read_capped(&b"abcde"[..], 4, "stdin", "; hint").unwrap_err();
        assert_eq!(e.to_string(), "stdin is larger than 4 bytes; hint");
        let e = read_capped(std::io::repeat(0), 2 * MIB, "/dev/zero", "").unwrap_err();
        assert_eq!(e.to_string(), "/dev/zero is larger than 2 MiB");
    }

    #[test]
    fn lines_are_capped_one_by_one() {
        let mut r = std::io::Cursor::new(b"ab\ncdef\n\nxyz".to_vec());
        assert_eq!(read_line_capped(&mut r, 4, "l").unwrap().unwrap(), b"ab");
        assert_eq!(read_line_capped(&mut r, 4, "l").unwrap().unwrap(), b"cdef");
        assert_eq!(read_line_capped(&mut r, 4, "l").unwrap().unwrap(), b"");
        assert_eq!(read_line_capped(&mut r, 4, "l").unwrap().unwrap(), b"xyz");
        assert!(read_line_capped(&mut r, 4, "l").unwrap().is_none());
        let mut r = std::io::BufReader::new(std::io::repeat(b'a'));
        assert!(read_line_capped(&mut r, 16, "line 1").is_err());
    }
}
