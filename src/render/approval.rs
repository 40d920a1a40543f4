//! Tool calls shown to the user and the approval prompt a terminal front end hands to the
//! engine (`engine::Tools::ask`); the engine itself asks no one.

use serde_json::Value;

use super::Printer;
use super::sanitize::for_terminal;
use crate::tools::Decision;

/// How a call is shown before approval: `tool NAME {"arg": …}` on one line, made safe for the
/// terminal (the model wrote the arguments).
pub fn describe_call(name: &str, input: &Value) -> String {
    let args = input.to_string();
    let args = if args.len() > 500 {
        format!("{}…", &args[..args.floor_char_boundary(500)])
    } else {
        args
    };
    for_terminal(&format!("tool call: {name} {args}")).into_owned()
}

/// Reads y / n / a(lways) from the terminal with a line editor (so Ctrl-C means no).
pub fn ask_on_terminal(name: &str, input: &Value) -> Decision {
    Printer::current().err_text(&format!("{}\n", describe_call(name, input)));
    let Ok(mut rl) = rustyline::DefaultEditor::new() else {
        return Decision::No;
    };
    loop {
        let line = tokio::task::block_in_place(|| {
            rl.readline(&format!(
                "run {name}? [y]es / [n]o / [a]lways for this tool: "
            ))
        });
        match line.as_deref().map(|l| l.trim().to_ascii_lowercase()) {
            Ok(a) if a == "y" || a == "yes" => return Decision::Yes,
            Ok(a) if a == "a" || a == "always" => return Decision::Always,
            Ok(a) if a == "n" || a == "no" || a.is_empty() => return Decision::No,
            Ok(_) => continue,
            Err(_) => return Decision::No,
        }
    }
}
