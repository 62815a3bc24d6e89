//! `cargo xtask <command>`: see `cargo xtask help`.

use std::process::ExitCode;

use xtask::codegen::{self, Mode};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  codegen   write every generated file (schemas/, docs/, the README's code table)
  check     fail if a generated file is stale";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(Mode::Write),
        Some("check") => xtask::check(),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown command\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("error: {reason}");
            ExitCode::FAILURE
        }
    }
}
