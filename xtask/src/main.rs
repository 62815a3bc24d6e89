//! `cargo xtask <command>`: see `cargo xtask help`.

use std::process::ExitCode;

use xtask::codegen::{self, Mode};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  codegen   write every generated file (schemas/, docs/, fixtures/<canonical|problem>, the README's code table)
  check     fail if the contract changed incompatibly, a generated file is stale
            or a fixture breaks its schema
  decode    [--status N] [--header 'Name: value']... FILE|-
            print the detected dialect and the canonical error
  convert   --to DIALECT [--status N] [--header 'Name: value']... FILE|-
            print the error in another dialect (status and headers on stderr)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&xtask::project_root(), Mode::Write),
        Some("check") => xtask::check(&xtask::project_root()),
        Some("decode") => xtask::payload::Args::parse(&args[1..]).and_then(|a| xtask::payload::decode(&a)).map(|out| {
            println!("{out}");
        }),
        Some("convert") => {
            xtask::payload::Args::parse(&args[1..]).and_then(|a| xtask::payload::convert(&a)).map(|(head, body)| {
                eprintln!("{head}");
                println!("{body}");
            })
        }
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
