//! Syntax highlighting of fenced code on a terminal, with syntect's built-in grammars.
//!
//! No built-in theme reads well on both dark and light backgrounds, so by default (`theme =
//! "ansi"`) the theme's colours are mapped to the terminal's own six ANSI hues (the user's
//! palette picks the exact shades) and its greys to the default foreground or dim: the same
//! code looks right whatever the background. A theme named with `theme` / BROCK_THEME is shown
//! in its own 24-bit colours instead, for users who picked it to match their terminal. Only
//! SGR colour codes are added; the characters are the ones given, so code copied from the
//! screen is the code the model wrote.

use std::sync::OnceLock;

use syntect::easy::HighlightLines;
use syntect::highlighting::{Color, FontStyle, Theme, ThemeSet};
use syntect::parsing::SyntaxSet;

pub type Highlighter = HighlightLines<'static>;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The default: a theme's colours mapped to the terminal's own palette (see the module doc).
pub const ANSI_THEME: &str = "ansi";

/// The theme chosen with `theme` / BROCK_THEME, set once before anything is rendered.
static CHOSEN: OnceLock<String> = OnceLock::new();

/// The theme names `theme` accepts: `ansi`, then syntect's built-in themes.
pub fn theme_names() -> Vec<String> {
    let mut names: Vec<String> = ThemeSet::load_defaults().themes.into_keys().collect();
    names.sort();
    names.insert(0, ANSI_THEME.to_string());
    names
}

/// `name` if it is a theme, else a message listing the ones there are.
pub fn check_theme(name: &str) -> std::result::Result<String, String> {
    let names = theme_names();
    if names.iter().any(|n| n == name) {
        Ok(name.to_string())
    } else {
        Err(format!(
            "unknown theme {name:?}: choose one of {}",
            names
                .iter()
                .map(|n| format!("{n:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

/// Chooses the theme for this process (a name `check_theme` accepted); the first call wins.
pub fn set_theme(name: &str) {
    let _ = CHOSEN.set(name.to_string());
}

/// The chosen syntect theme, or `None` for the ANSI mapping.
fn true_colour_theme() -> Option<&'static Theme> {
    static THEME: OnceLock<Option<Theme>> = OnceLock::new();
    THEME
        .get_or_init(|| {
            let name = CHOSEN.get().filter(|n| *n != ANSI_THEME)?;
            ThemeSet::load_defaults().themes.remove(name)
        })
        .as_ref()
}

fn theme() -> &'static Theme {
    if let Some(t) = true_colour_theme() {
        return t;
    }
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| {
        let mut set = ThemeSet::load_defaults();
        set.themes.remove("base16-ocean.dark").unwrap_or_default()
    })
}

/// A highlighter for a fence's info string (`rust`, `py`, `sh`, …); `None` when the language is
/// not named or not known (the code is then shown plain).
pub fn for_language(info: &str) -> Option<Highlighter> {
    let token = info.split([' ', ',', '{']).next().unwrap_or("").trim();
    if token.is_empty() {
        return None;
    }
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(token)
        .or_else(|| set.find_syntax_by_token(&token.to_ascii_lowercase()))?;
    Some(HighlightLines::new(syntax, theme()))
}

/// One line of code (without its newline) with ANSI colours; the text itself is unchanged.
pub fn line(h: &mut Highlighter, text: &str) -> String {
    let with_nl = format!("{text}\n");
    let Ok(ranges) = h.highlight_line(&with_nl, syntaxes()) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() * 2);
    // The SGR in force ("" for the terminal's default), so runs of one colour share one code.
    let mut current = String::new();
    for (style, piece) in ranges {
        let piece = piece.strip_suffix('\n').unwrap_or(piece);
        if piece.is_empty() {
            continue;
        }
        let mut sgr = if true_colour_theme().is_some() {
            // A named theme is shown in its own colours (24-bit), as the user chose it.
            let c = style.foreground;
            format!("38;2;{};{};{}", c.r, c.g, c.b)
        } else {
            match ansi_for(style.foreground) {
                "39" => String::new(),
                code => code.to_string(),
            }
        };
        if style.font_style.contains(FontStyle::BOLD) {
            sgr.push_str(if sgr.is_empty() { "1" } else { ";1" });
        }
        if sgr != current {
            if !current.is_empty() {
                out.push_str("\x1b[0m");
            }
            if !sgr.is_empty() {
                out.push_str(&format!("\x1b[{sgr}m"));
            }
            current = sgr;
        }
        out.push_str(piece);
    }
    if !current.is_empty() {
        out.push_str("\x1b[0m");
    }
    out
}

/// The nearest of the terminal's own colours: greys become the default foreground (light
/// ones) or dim (dark ones: comments), anything saturated its ANSI hue.
fn ansi_for(c: Color) -> &'static str {
    let (r, g, b) = (c.r as i32, c.g as i32, c.b as i32);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    // The theme's colours are muted: saturation is judged relative to brightness.
    if max < 140 {
        return "2";
    }
    if (max - min) * 100 / max < 12 {
        return "39";
    }
    let d = (max - min) as f32;
    let hue = if max == r {
        60.0 * (((g - b) as f32 / d).rem_euclid(6.0))
    } else if max == g {
        60.0 * ((b - r) as f32 / d + 2.0)
    } else {
        60.0 * ((r - g) as f32 / d + 4.0)
    };
    match hue as u32 {
        0..=19 | 330..=360 => "31",
        20..=74 => "33",
        75..=149 => "32",
        150..=209 => "36",
        210..=269 => "34",
        _ => "35",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_is_coloured_and_text_is_unchanged() {
        let mut h = for_language("rust").expect("rust grammar built in");
        let shown = line(&mut h, "fn main() { let x = 42; }");
        // Keywords magenta, the function name blue, numbers red; the rest the default colour.
        assert!(
            shown.starts_with("\x1b[35mfn\x1b[0m \x1b[34mmain"),
            "{shown:?}"
        );
        assert!(shown.contains("\x1b[31m42\x1b[0m"), "{shown:?}");
        let plain: String = strip_sgr(&shown);
        assert_eq!(plain, "fn main() { let x = 42; }");
        assert!(for_language("").is_none());
        assert!(for_language("no-such-language").is_none());
    }

    fn strip_sgr(s: &str) -> String {
        let mut out = String::new();
        let mut it = s.chars();
        while let Some(c) = it.next() {
            if c == '\x1b' {
                for c in it.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
