//! The `cargo xtask decode` and `convert` commands, run as a user runs them.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn xtask(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(xtask::project_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit before reading everything (a body over the limit).
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

#[test]
fn decode_prints_dialect_and_canonical_error() {
    let out = xtask(&["decode", "--status", "409", "fixtures/flat/duplicate-email.json"], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["dialect"], "flat");
    assert_eq!(json["canonical"]["error"]["code"], "DUPLICATE_EMAIL");
    assert_eq!(json["canonical"]["error"]["details"]["resource"]["id"], "lead_existing123");
}

/// An AWS body is read leniently: the shape, the codes as sent, both statuses.
#[test]
fn decode_prints_upstream_codes_and_leniency() {
    let body = br#"{"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "Requested resource not found"}"#;
    let out = xtask(&["decode", "--status", "400", "-"], body);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["dialect"], "aws");
    assert_eq!(json["lenient"], true);
    assert_eq!(json["upstream_codes"][0], "ResourceNotFoundException");
    assert_eq!(json["wire_status"], 400);
    assert_eq!(json["canonical"]["error"]["message"], "Requested resource not found");
}

#[test]
fn decode_reads_stdin_and_headers() {
    let body = br#"{"code": "NOT_FOUND", "message": "Requested resource doesn't exist"}"#;
    let out = xtask(&["decode", "--status", "404", "--header", "X-Request-ID: req_cli", "-"], body);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["dialect"], "bare");
    assert_eq!(json["canonical"]["error"]["request_id"], "req_cli");
}

#[test]
fn convert_prints_the_other_dialect() {
    let out = xtask(&["convert", "--to", "field-map", "fixtures/nested/validation-error.json", "--status", "400"], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"]["email"][0], "Invalid email format");
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("status: 422"));
}

/// Members come out in the order the crate writes them, not sorted:
/// `type` first in RFC 9457, `code` before `status` in the canonical shape.
#[test]
fn convert_and_decode_keep_the_written_member_order() {
    let out = xtask(&["convert", "--to", "problem", "--status", "404", "fixtures/flat/lead-not-found.json"], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("{\n  \"type\": "), "{text}");
    let position = |member: &str| text.find(&format!("\"{member}\":")).unwrap_or_else(|| panic!("{member}: {text}"));
    assert!(position("type") < position("title") && position("title") < position("status"), "{text}");

    let out = xtask(&["decode", "--status", "404", "fixtures/flat/lead-not-found.json"], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("{\n  \"dialect\": \"flat\""), "{text}");
    let canonical = &text[text.find("\"canonical\":").unwrap_or_else(|| panic!("{text}"))..];
    let position =
        |member: &str| canonical.find(&format!("\"{member}\":")).unwrap_or_else(|| panic!("{member}: {text}"));
    assert!(position("code") < position("status") && position("status") < position("message"), "{text}");
}

#[test]
fn undecodable_input_fails_with_one_line() {
    let big = vec![b' '; 2 << 20];
    let cases: &[(&[&str], &[u8], &str)] = &[
        (&["decode", "-"], b"<html><body>Bad Gateway</body></html>", "looks like html"),
        (&["decode", "-"], b"Too Many Requests", "plain text"),
        (&["decode", "-"], b"", "empty body"),
        (&["decode", "-"], b"{\"error\": {\"code\":", "invalid json"),
        (&["decode", "-"], &big, "exceeds the limit"),
        (&["decode", "no/such/file.json"], b"", "cannot read"),
        (&["decode"], b"", "give a FILE"),
        (&["decode", "--status", "abc", "-"], b"{}", "--status takes a number"),
        (&["decode", "--header", "nocolon", "-"], b"{}", "Name: value"),
        (&["convert", "-"], b"{}", "--to"),
        (&["convert", "--to", "xml", "-"], b"{}", "unknown dialect"),
    ];
    for (args, stdin, reason) in cases {
        let out = xtask(args, stdin);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert_eq!(out.status.code(), Some(1), "{args:?}: exit code, not a panic (101)");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
    }
}
