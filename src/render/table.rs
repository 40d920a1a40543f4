//! Plain aligned tables for listings. No box drawing: output stays greppable and copyable.

use std::io::Write;

use super::Printer;

pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(headers: I) -> Self {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, cells: I) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Write with columns padded to their widest cell; the header is bold when styled. Tables
    /// go to stdout, and their cells come from the service: on a terminal every cell passes the
    /// sanitiser (a model name holding OSC 52 must not reach it); to a pipe they stay exact.
    pub fn write(&self, out: &mut dyn Write, styled: bool) -> std::io::Result<()> {
        self.write_for(out, styled, Printer::current().stdout_tty)
    }

    fn write_for(&self, out: &mut dyn Write, styled: bool, terminal: bool) -> std::io::Result<()> {
        if terminal {
            let clean = |cells: &[String]| -> Vec<String> {
                cells
                    .iter()
                    .map(|c| super::sanitize::for_terminal(c).into_owned())
                    .collect()
            };
            let t = Table {
                headers: clean(&self.headers),
                rows: self.rows.iter().map(|r| clean(r)).collect(),
            };
            return t.write_for(out, styled, false);
        }
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(n) {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
        let line = |cells: &[String]| -> String {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate().take(n) {
                if i + 1 == n {
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    s.extend(std::iter::repeat_n(' ', widths[i] - c.chars().count() + 2));
                }
            }
            s.trim_end().to_string()
        };
        let head = line(&self.headers);
        if styled {
            writeln!(out, "\x1b[1m{head}\x1b[0m")?;
        } else {
            writeln!(out, "{head}")?;
        }
        for r in &self.rows {
            writeln!(out, "{}", line(r))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_sanitised_for_a_terminal_only() {
        let mut t = Table::new(["ID"]);
        t.row(["a\x1b]52;c;eA==\x07b"]);
        let mut term = Vec::new();
        t.write_for(&mut term, false, true).unwrap();
        assert_eq!(String::from_utf8(term).unwrap(), "ID\na^[]52;c;eA==^Gb\n");
        let mut pipe = Vec::new();
        t.write_for(&mut pipe, false, false).unwrap();
        assert_eq!(pipe, b"ID\na\x1b]52;c;eA==\x07b\n");
    }
}
