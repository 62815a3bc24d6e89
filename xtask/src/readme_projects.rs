//! `cargo xtask readme-projects`: the complete projects the workspace
//! README gives (a service and a client), written out and built as a user
//! who copies them would.
//!
//! A file of such a project is a fenced block of `README.md` right after a
//! marker line naming it:
//!
//! ```text
//! <!-- file: minimal-service/Cargo.toml -->
//! ```
//!
//! Each project is written into `target/readme-projects/<name>/` as it is in
//! the README, with two changes: the path of this workspace's checkout,
//! which the README gives as [`CHECKOUT`] (a checkout beside the user's
//! project), becomes the workspace's absolute path, computed at run time;
//! and an empty `[workspace]` table keeps the project out of this workspace,
//! inside whose folder it sits. The workspace's `Cargo.lock` is copied in, so
//! that cargo resolves the dependencies to the versions the workspace uses,
//! and the project is built with the workspace's target folder, so that
//! they are not built again.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Result;

/// Where the README's projects say this workspace's checkout is, relative
/// to the project: `path = "../error-contract/crates/<crate>"`.
pub const CHECKOUT: &str = "../error-contract/";

/// The folder the projects are written into, relative to the workspace root.
pub const DIR: &str = "target/readme-projects";

const MARKER_START: &str = "<!-- file: ";
const MARKER_END: &str = " -->";

/// One file of a README project.
#[derive(Debug)]
pub struct ProjectFile {
    /// Its path, its first component being the project's name
    /// (`minimal-service/src/main.rs`).
    pub path: PathBuf,
    /// The fenced block's contents, as written.
    pub contents: String,
    /// The README line of the marker, for messages.
    pub line: usize,
}

/// Every file the README at `readme` marks, in the README's order.
pub fn files(readme: &str) -> Result<Vec<ProjectFile>> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut files = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        i += 1;
        let Some(path) = line.strip_prefix(MARKER_START).and_then(|rest| rest.strip_suffix(MARKER_END)) else {
            continue;
        };
        let marker_line = i;
        let path = path.trim();
        if path.is_empty() || path.starts_with('/') || path.split('/').any(|part| part == ".." || part.is_empty()) {
            return Err(format!("README.md:{marker_line}: `{path}` is not a relative path inside a project"));
        }
        let fence = lines.get(i).map(|l| l.trim_end()).unwrap_or("");
        if !fence.starts_with("```") {
            return Err(format!("README.md:{marker_line}: the marker of {path} is not followed by a fenced block"));
        }
        i += 1;
        let start = i;
        while i < lines.len() && lines[i].trim_end() != "```" {
            i += 1;
        }
        if i == lines.len() {
            return Err(format!("README.md:{marker_line}: the block of {path} is not closed"));
        }
        let mut contents = lines[start..i].join("\n");
        contents.push('\n');
        i += 1;
        files.push(ProjectFile { path: PathBuf::from(path), contents, line: marker_line });
    }
    Ok(files)
}

/// The README's projects: each name with its files, in the README's order.
/// Each has a `Cargo.toml` and a `src/main.rs`.
pub fn projects(readme: &str) -> Result<Vec<(String, Vec<ProjectFile>)>> {
    let mut projects: Vec<(String, Vec<ProjectFile>)> = Vec::new();
    for file in files(readme)? {
        let name = file.path.components().next().expect("a non-empty path").as_os_str().to_string_lossy().into_owned();
        match projects.iter_mut().find(|(n, _)| *n == name) {
            Some((_, files)) => files.push(file),
            None => projects.push((name, vec![file])),
        }
    }
    for (name, files) in &projects {
        for required in ["Cargo.toml", "src/main.rs"] {
            if !files.iter().any(|f| f.path == Path::new(name).join(required)) {
                return Err(format!("the README's project {name} has no {required}"));
            }
        }
    }
    Ok(projects)
}

/// A project's `Cargo.toml` as it is built here: the checkout path made the
/// workspace's, and an empty `[workspace]` table appended.
pub fn manifest_for_build(manifest: &str, root: &Path) -> Result<String> {
    let root = root.to_str().ok_or("the workspace's path is not UTF-8")?;
    let mut out = String::new();
    for line in manifest.lines() {
        let local = line.replace(&format!("\"{CHECKOUT}"), &format!("\"{}/", root.trim_end_matches('/')));
        if local.contains("path =") && local == line {
            return Err(format!(
                "a path dependency that is not in the checkout ({CHECKOUT}...) a user has: `{}`",
                line.trim()
            ));
        }
        out.push_str(&local);
        out.push('\n');
    }
    out.push_str(
        "\n# Added by `cargo xtask readme-projects`: not a member of the error-contract workspace.\n[workspace]\n",
    );
    Ok(out)
}

/// The dependencies of a `Cargo.toml`'s `[dependencies]` table and their
/// version requirements (`axum` and `0.8`), as written on one line each.
pub fn dependencies(manifest: &str) -> Vec<(String, Option<String>)> {
    let mut deps = Vec::new();
    let mut in_deps = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if !in_deps || line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else { continue };
        let value = value.trim();
        let version = if value.starts_with('"') {
            Some(value)
        } else {
            value.split_once("version").and_then(|(_, rest)| rest.trim_start().strip_prefix('=')).map(str::trim_start)
        };
        let version = version.and_then(|v| v.strip_prefix('"')).and_then(|v| v.split('"').next()).map(str::to_owned);
        deps.push((name.trim().to_owned(), version));
    }
    deps
}

/// The versions of `name` in a `Cargo.lock`.
pub fn locked_versions(lock: &str, name: &str) -> Vec<String> {
    let mut versions = Vec::new();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{name}\"") {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                versions.push(version.trim_end_matches('"').to_owned());
            }
        }
    }
    versions
}

/// Whether a caret requirement as the README writes them (`0.8`, `1`,
/// `0.1`) accepts `version`: same major, and same minor for 0.x.
pub fn requirement_matches(requirement: &str, version: &str) -> bool {
    let req: Vec<&str> = requirement.split('.').collect();
    let ver: Vec<&str> = version.split('.').collect();
    let significant = if req[0] == "0" { 2 } else { 1 };
    req.len() >= significant && ver.len() >= significant && req[..significant] == ver[..significant]
}

/// Checks that every dependency of the README's projects names a version
/// the workspace's `Cargo.lock` has (the crates' own API takes these
/// crates' types: another major version does not fit).
pub fn check_versions(root: &Path) -> Result {
    let readme = fs::read_to_string(root.join("README.md")).map_err(|e| format!("cannot read README.md: {e}"))?;
    let lock = fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut wrong = Vec::new();
    for (name, files) in projects(&readme)? {
        let manifest = files.iter().find(|f| f.path == Path::new(&name).join("Cargo.toml")).expect("checked");
        for (dep, requirement) in dependencies(&manifest.contents) {
            let locked = locked_versions(&lock, &dep);
            match requirement {
                None => wrong.push(format!("{name}: {dep} has no version")),
                Some(req) if !locked.iter().any(|v| requirement_matches(&req, v)) => {
                    wrong.push(format!("{name}: {dep} \"{req}\", but the workspace uses {}", locked.join(", ")))
                }
                Some(_) => {}
            }
        }
    }
    if wrong.is_empty() { Ok(()) } else { Err(format!("README projects' dependencies:\n{}", wrong.join("\n"))) }
}

/// `cargo xtask readme-projects`: writes every README project into
/// [`DIR`] and builds it; returns the projects' folders.
pub fn run(root: &Path) -> Result<Vec<PathBuf>> {
    check_versions(root)?;
    let readme = fs::read_to_string(root.join("README.md")).map_err(|e| format!("cannot read README.md: {e}"))?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut dirs = Vec::new();
    for (name, files) in projects(&readme)? {
        let dir = root.join(DIR).join(&name);
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
        }
        for file in &files {
            let path = root.join(DIR).join(&file.path);
            let contents = if file.path == Path::new(&name).join("Cargo.toml") {
                manifest_for_build(&file.contents, root)
                    .map_err(|e| format!("README.md:{}: {}: {e}", file.line, file.path.display()))?
            } else {
                file.contents.clone()
            };
            fs::create_dir_all(path.parent().expect("a file in a folder"))
                .and_then(|()| fs::write(&path, contents))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
            .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
        eprintln!("readme-projects: building {name} (README.md) in {}", dir.display());
        let status = Command::new(&cargo)
            .arg("build")
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target_dir)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err(format!("the README's project {name} does not build as written ({})", dir.display()));
        }
        dirs.push(dir);
    }
    if dirs.is_empty() {
        return Err("README.md marks no project (`<!-- file: <project>/Cargo.toml -->`)".into());
    }
    let names: Vec<String> = dirs.iter().map(|d| d.file_name().unwrap().to_string_lossy().into_owned()).collect();
    eprintln!("readme-projects: {} built as written", names.join(" and "));
    Ok(dirs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_marked_blocks() {
        let readme = "text\n<!-- file: demo/Cargo.toml -->\n```toml\n[package]\nname = \"demo\"\n```\n\n\
                      <!-- file: demo/src/main.rs -->\n```rust,no_run\nfn main() {}\n```\n";
        let projects = projects(readme).unwrap();
        assert_eq!(projects.len(), 1);
        let (name, files) = &projects[0];
        assert_eq!(name, "demo");
        assert_eq!(files[0].contents, "[package]\nname = \"demo\"\n");
        assert_eq!(files[1].path, Path::new("demo/src/main.rs"));
        assert_eq!(files[1].contents, "fn main() {}\n");
    }

    #[test]
    fn refuses_a_project_without_main_or_a_path_outside_the_checkout() {
        let readme = "<!-- file: demo/Cargo.toml -->\n```toml\n[package]\n```\n";
        assert_eq!(projects(readme).unwrap_err(), "the README's project demo has no src/main.rs");
        assert!(files("<!-- file: ../x -->\n```\n```\n").is_err());
        let manifest = "[dependencies]\nx = { path = \"../elsewhere/x\" }\n";
        assert!(manifest_for_build(manifest, Path::new("/w")).is_err());
        let manifest =
            "[dependencies]\nerror-model = { version = \"0.1\", path = \"../error-contract/crates/error-model\" }\n";
        let built = manifest_for_build(manifest, Path::new("/w")).unwrap();
        assert!(built.contains("path = \"/w/crates/error-model\""), "{built}");
        assert!(built.ends_with("[workspace]\n"), "{built}");
    }

    #[test]
    fn reads_dependency_versions() {
        let manifest = "[package]\nversion = \"0.1.0\"\n\n[dependencies]\n# a comment\naxum = \"0.8\"\n\
                        tokio = { version = \"1\", features = [\"macros\"] }\nlocal = { path = \"x\" }\n";
        assert_eq!(
            dependencies(manifest),
            [("axum".into(), Some("0.8".into())), ("tokio".into(), Some("1".into())), ("local".into(), None)]
        );
        assert!(requirement_matches("0.8", "0.8.9"));
        assert!(!requirement_matches("0.12", "0.13.5"));
        assert!(requirement_matches("1", "1.54.1"));
        assert!(!requirement_matches("1", "2.0.0"));
    }

    /// The README's projects name the versions the workspace uses (a
    /// reqwest 0.12 beside error-model-reqwest's 0.13 does not compile).
    #[test]
    fn readme_projects_use_the_workspace_versions() {
        let root = crate::project_root();
        let readme = fs::read_to_string(root.join("README.md")).unwrap();
        let names: Vec<String> = projects(&readme).unwrap().into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["minimal-service", "minimal-client"]);
        check_versions(&root).unwrap();
    }
}
