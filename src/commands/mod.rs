//! One file per subcommand; `dispatch` is the one flat match.

use crate::cli::{Cli, Command};
use crate::error::{Error, Result};

pub async fn dispatch(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Chat(_) => not_yet("chat"),
        Command::Embed(_) => not_yet("embed"),
        Command::Image(_) => not_yet("image"),
        Command::Rerank(_) => not_yet("rerank"),
        Command::Agent(_) => not_yet("agent"),
        Command::Raw(_) => not_yet("raw"),
        Command::Models(_) => not_yet("models"),
        Command::Config(_) => not_yet("config"),
        Command::Completions(_) => not_yet("completions"),
        Command::Emulator(_) => not_yet("emulator"),
    }
}

fn not_yet(name: &str) -> Result<()> {
    Err(Error::usage(format!("`brock {name}` is not implemented yet")))
}
