//! The workspace's own automation, run as `cargo xtask <command>`.
//!
//! - [`codegen`]: every generated file (schemas, reference pages, the README's code table).
//! - `check`: fails when a generated file is stale (more checks join it as the contract grows).

pub mod codegen;
pub mod payload;

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace root").to_path_buf()
}

/// The result of an xtask command: a one-line reason on failure.
pub type Result<T = ()> = std::result::Result<T, String>;

/// `cargo xtask check`: every check CI runs on the contract.
pub fn check() -> Result {
    codegen::run(codegen::Mode::Check)?;
    eprintln!("generated files are up to date");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::codegen::{self, Mode, short_diff};

    /// `cargo test` alone catches a stale generated file.
    #[test]
    fn generated_files_are_fresh() {
        if let Err(reason) = codegen::run(Mode::Check) {
            panic!("{reason}");
        }
    }

    #[test]
    fn short_diff_shows_only_the_change() {
        let diff = short_diff("a\nb\nc\n", "a\nB\nc\n", 5);
        assert_eq!(diff, "@@ line 2 @@\n- b\n+ B\n");
    }
}
