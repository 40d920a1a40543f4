//! The `brock` binary: parse, run, map the outcome to an exit code.
//! Everything else lives in the library so integration tests can reach the emulator in-process.

fn main() -> std::process::ExitCode {
    brock::main_entry()
}
