//! `cargo xtask <command>`: see `cargo xtask help`.

use std::process::ExitCode;

use xtask::codegen::{self, Mode};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  codegen   write every generated file (schemas/, docs/, fixtures/<canonical|problem>, contract.lock.json,
            the README's code table, the CHANGELOG's contract section)
  docs      codegen, then build the documentation site with mdBook into target/docs-site
  readme-projects
            write the README's complete service and client into target/readme-projects/ and build them
  check     fail if the contract changed incompatibly, a generated file is stale, an OpenAPI
            document or JSON Schema is one its consumers would reject, or a fixture breaks its schema
  decode    [--status N] [--header 'Name: value']... FILE|-
            print the detected dialect and the canonical error
  convert   --to DIALECT [--status N] [--header 'Name: value']... FILE|-
            print the error in another dialect (status and headers on stderr)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&xtask::project_root(), Mode::Write).map(drop),
        Some("check") => xtask::check(&xtask::project_root()),
        Some("docs") => {
            xtask::site::build(&xtask::project_root()).map(|dir| eprintln!("site built in {}", dir.display()))
        }
        Some("readme-projects") => xtask::readme_projects::run(&xtask::project_root()).map(drop),
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
