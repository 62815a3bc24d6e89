//! The documentation site, built and opened in a browser: every generated
//! RFC 9457 example's `type` link, with the registry's docs base mapped to a
//! local server, opens the page of its code in headless Chromium.
//!
//! Needs `mdbook` and `chromium` (or the browser named by `CHROMIUM`), so the
//! test is ignored by default: `cargo test` reports it as ignored, never as
//! passed. Run it with
//!
//! ```sh
//! cargo test --package xtask --test site -- --include-ignored
//! ```
//!
//! as `.ci/run` does. Once asked for, it fails when a tool is missing: a
//! test that could not run its tool never reports `ok`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::{fs, thread};

use xtask::codegen;

fn browser() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_owned())
}

/// Fails, saying what to install, when a tool the test needs is missing.
fn require_tools() {
    let mut missing = Vec::new();
    if !xtask::site::mdbook_available() {
        missing.push(format!("mdbook (install: {})", xtask::site::INSTALL_MDBOOK));
    }
    let chromium = Command::new(browser()).arg("--version").output().is_ok_and(|o| o.status.success());
    if !chromium {
        missing.push(format!("{} (install: apt-get install chromium)", browser()));
    }
    assert!(
        missing.is_empty(),
        "the site test needs {}; it cannot run without them, so it fails instead of passing",
        missing.join(" and ")
    );
}

/// Serves the files under `root` on 127.0.0.1 until the process ends; returns the base URL.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = answer(&root, stream);
        }
    });
    base
}

fn answer(root: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read the headers to the blank line; the request has no body.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let relative = path.trim_start_matches('/');
    let file = if relative.is_empty() || relative.ends_with('/') {
        root.join(relative).join("index.html")
    } else {
        root.join(relative)
    };
    let safe = !relative.split('/').any(|part| part == "..");
    let (status, body) = match fs::read(&file) {
        Ok(body) if safe => ("200 OK", body),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let content_type = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

/// The DOM of `url` after it loaded in headless Chromium.
fn dump_dom(url: &str) -> String {
    let output = Command::new(browser())
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--dump-dom", url])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", browser()));
    assert!(output.status.success(), "{} failed on {url}: {}", browser(), String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "needs mdbook and chromium; run it with --include-ignored (CI does), which fails without them"]
fn every_problem_type_opens_the_page_of_its_code() {
    require_tools();
    // The site as `cargo xtask codegen` generates it, built in a temporary folder.
    let dir = tempfile::tempdir().unwrap();
    let files = codegen::generated_files(&xtask::project_root()).unwrap();
    for file in files.iter().filter(|f| f.path.starts_with("docs")) {
        let path = dir.path().join(&file.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, &file.contents).unwrap();
    }
    let site = xtask::site::build_into(dir.path(), &dir.path().join("site")).unwrap();
    let local = serve(site);
    let docs_base = xtask::codegen::SITE_BASE.as_str();

    let mut examples = 0;
    for file in &files {
        let path = file.path.to_string_lossy().replace('\\', "/");
        if !path.starts_with("fixtures/problem/") || path.ends_with(".meta.json") {
            continue;
        }
        examples += 1;
        let body: serde_json::Value = serde_json::from_str(&file.contents).unwrap();
        let code = body["code"].as_str().unwrap();
        let link = body["type"].as_str().unwrap();
        let page =
            link.strip_prefix(docs_base).unwrap_or_else(|| panic!("{path}: `type` {link} is not under {docs_base}"));
        let url = format!("{local}{page}");
        let dom = dump_dom(&url);
        // mdBook gives the page's heading the code as its text and, lowercased, as its id.
        let heading = format!(
            r##"<h1 id="{}"><a class="header" href="#{}">{code}</a></h1>"##,
            code.to_lowercase(),
            code.to_lowercase()
        );
        assert!(
            dom.contains(&heading),
            "{path}: {link} (served as {url}) does not show {code}:\n{}",
            &dom[..dom.len().min(2000)]
        );
        assert!(dom.contains(&format!("<title>{code} - ")), "{url}: the page title is not the code");
    }
    assert_eq!(examples, xtask::codegen::published_infos().len(), "one problem example per code");
}
