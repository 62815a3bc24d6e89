//! Publishing the contract: the files other tools and people read, all
//! generated from the code table and the wire layer, never the other way.
//!
//! - [`schema`]: the registry as JSON and the JSON Schema of every dialect
//!   (with the `schema` feature), derived from the types the encoders write;
//! - [`openapi`]: OpenAPI 3.1 components for an API's errors (with `schema`);
//! - [`docs`]: markdown reference pages (codes, statuses, one per dialect);
//! - [`site`]: the documentation site those pages belong to, with a page
//!   per code at the URL its errors carry;
//! - [`paths`]: where each page of that site lives, which the pages that
//!   link to one ask;
//! - [`examples`]: the illustrative error of every code those files show;
//! - [`history`]: the versions and deprecations the contract lock records,
//!   which the pages and the OpenAPI document show.
//!
//! Where each schema file lives is decided here once ([`schema_path`]), so
//! the `$id`s, the dialect pages and `cargo xtask codegen` agree.

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub mod docs;
pub mod examples;
pub mod history;
pub mod openapi;
pub mod paths;
pub mod responses;
pub mod schema;
pub mod site;

use serde_json::Value;

use error_model::wire::Dialect;

/// The base URL the published schemas live under; their `$id`s are this
/// followed by [`schema_path`].
pub const SCHEMA_BASE: &str = "https://error-contract.dev/schemas/";

/// The folder of the repository (or site) the schema files are written to.
pub const SCHEMAS_DIR: &str = "schemas";

/// Where the schema of `dialect` lives, relative to [`SCHEMAS_DIR`] and
/// [`SCHEMA_BASE`]: `error.schema.json` for the canonical shape,
/// `dialects/<name>.schema.json` for the others.
///
/// # Examples
///
/// ```
/// use error_model::wire::Dialect;
/// use error_model_publish::schema_path;
///
/// assert_eq!(schema_path(Dialect::Canonical), "error.schema.json");
/// assert_eq!(schema_path(Dialect::FieldMap), "dialects/field-map.schema.json");
/// ```
pub fn schema_path(dialect: Dialect) -> String {
    match dialect {
        Dialect::Canonical => "error.schema.json".to_owned(),
        other => format!("dialects/{}.schema.json", other.name()),
    }
}

/// `value` with every object's keys in sorted order, so that output is the
/// same whatever order the map type keeps.
pub fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// Compact JSON, such as an encoder writes, indented as `serde_json`'s
/// pretty printer does, members in the order they were written (parsing into
/// a `serde_json::Value` would sort them). `json` must be valid JSON.
///
/// # Examples
///
/// ```
/// let pretty = error_model_publish::pretty(br#"{"b":[1,{}],"a":"x, y"}"#);
/// assert_eq!(pretty, "{\n  \"b\": [\n    1,\n    {}\n  ],\n  \"a\": \"x, y\"\n}");
/// ```
pub fn pretty(json: &[u8]) -> String {
    let text = String::from_utf8_lossy(json);
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = text.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}
