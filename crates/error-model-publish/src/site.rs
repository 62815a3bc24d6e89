//! The documentation site: every page of an mdBook-ready `docs/` folder,
//! its `SUMMARY.md` and `book.toml`, generated from a code table.
//!
//! Each code has a page at [`CodeInfo::docs_page`] (with `.md` for
//! `.html`), so the site built from these pages and served at the table's
//! docs base answers every error's [documentation link](error_model::ApiError::docs_url).
//! Beside them: the code index, a page per category and per status, the
//! dialect pages and the changelog, all linked to each other with relative
//! links. The pages are plain CommonMark with GFM tables, and carry neither
//! front matter nor HTML, so that mdBook and MDX (Docusaurus) both read them.

use std::fmt::Write as _;

use super::docs::{self, statuses_of, table};
use super::history::History;
use super::paths::{category_page_path, code_page_path, dialect_page_path, status_page_path};
use error_model::code::DocsBase;
use error_model::wire::Dialect;
use error_model::{Category, CodeInfo};

/// One page: where it lives in the site's source folder, its title in the
/// table of contents, and its markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The path relative to the source folder, such as `codes/NOT_FOUND.md`.
    pub path: String,
    /// The title the table of contents shows.
    pub title: String,
    /// How deep the table of contents nests it (0 for a top-level page).
    pub depth: usize,
    /// The page's markdown.
    pub markdown: String,
}

/// Every page of the site for the codes `infos`, served at `base` (each
/// code's page is its link under it, and the examples link there), in
/// table-of-contents order: the introduction (`README.md`), the code index and one page per
/// code, the categories and statuses with a page each, the dialects with a
/// page each, and the changelog (`changelog`, markdown without a title).
pub fn pages(
    title: &str,
    infos: &'static [CodeInfo],
    base: Option<&DocsBase>,
    history: &History,
    changelog: &str,
) -> Vec<Page> {
    let mut pages = vec![page("README.md", title, 0, introduction(title, infos, history))];
    pages.push(page("codes.md", "Error codes", 0, docs::code_reference("Error codes", infos)));
    for info in infos {
        pages.push(page(&code_page_path(info), info.name(), 1, code_page(info, infos, base, history)));
    }
    pages.push(page("categories.md", "Categories", 0, category_index(infos)));
    for category in docs::categories_of(infos) {
        pages.push(page(&category_page_path(category), category.title(), 1, category_page(category, infos, history)));
    }
    pages.push(page("statuses.md", "HTTP statuses", 0, docs::status_reference("HTTP statuses", infos)));
    for status in statuses_of(infos) {
        let heading = format!("{status} {}", reason(status));
        pages.push(page(&status_page_path(status), &heading, 1, status_page(status, infos, history)));
    }
    pages.push(page("dialects.md", "Dialects", 0, dialect_index()));
    let examples: Vec<&'static CodeInfo> = dialect_examples(infos);
    for &dialect in Dialect::ALL {
        pages.push(page(&dialect_page_path(dialect), dialect.name(), 1, docs::dialect_page(dialect, &examples, base)));
    }
    pages.push(page("changelog.md", "Changelog", 0, format!("# Changelog\n\nThe codes added, deprecated, changed and removed in each version of the contract, newest first.\n{changelog}")));
    pages
}

fn page(path: &str, title: &str, depth: usize, markdown: String) -> Page {
    Page { path: path.to_owned(), title: title.to_owned(), depth, markdown }
}

/// The codes the dialect pages show as examples: the first validation code
/// and the first retryable 4xx code of the table, when it has them.
fn dialect_examples(infos: &'static [CodeInfo]) -> Vec<&'static CodeInfo> {
    let validation = infos.iter().find(|i| i.is_validation());
    let retryable = infos.iter().find(|i| i.is_retryable() && i.status().is_client_error());
    validation.into_iter().chain(retryable).collect()
}

/// mdBook's `SUMMARY.md` for `pages`: the introduction as a prefix
/// chapter, every other page nested by its depth.
pub fn summary(pages: &[Page]) -> String {
    let mut out = String::from("# Summary\n\n");
    for (i, page) in pages.iter().enumerate() {
        let title = page.title.replace('[', "\\[").replace(']', "\\]");
        if i == 0 {
            let _ = writeln!(out, "[{title}]({})\n", page.path);
        } else {
            let _ = writeln!(out, "{}- [{title}]({})", "  ".repeat(page.depth), page.path);
        }
    }
    out
}

/// mdBook's `book.toml` for a site whose source folder is the folder of the
/// file, built into `build_dir` (relative to that folder), served at `base`
/// (the docs base the site's pages are published under; its path is the
/// site's `site-url`).
pub fn book_toml(title: &str, base: Option<&str>, build_dir: &str) -> String {
    let site_url = base.and_then(|b| b.split("://").nth(1)).and_then(|rest| rest.find('/').map(|i| &rest[i..]));
    let mut out = format!(
        "[book]\ntitle = {}\nlanguage = \"en\"\nsrc = \".\"\n\n[build]\nbuild-dir = {}\ncreate-missing = false\n",
        toml_string(title),
        toml_string(build_dir)
    );
    if let Some(site_url) = site_url {
        let _ = write!(out, "\n[output.html]\nsite-url = {}\n", toml_string(site_url));
    }
    out
}

fn toml_string(text: &str) -> String {
    // A JSON string is a valid TOML basic string for the characters used here.
    serde_json::Value::from(text).to_string()
}

fn introduction(title: &str, infos: &[CodeInfo], history: &History) -> String {
    let mut out = format!("# {title}\n\n");
    if let Some(version) = &history.version {
        let _ = write!(out, "Contract version {version}. ");
    }
    let _ = write!(
        out,
        "Every error an API built on this contract returns carries a stable code; each of the {} codes has a page \
         here, and the error's documentation link (RFC 9457 `type`, `docs_url`, `doc_url`, `links.about`, Google's \
         `Help`) points to it.\n\n",
        infos.len()
    );
    out.push_str(
        "- [Error codes](codes.md): every code by category, with what to do about it.\n\
         - [Categories](categories.md) and [HTTP statuses](statuses.md): which codes each one carries.\n\
         - [Dialects](dialects.md): the error shapes the contract speaks, with examples and JSON Schemas.\n\
         - [Changelog](changelog.md): the codes added, deprecated and changed in each version.\n",
    );
    out
}

/// The page of one code in the site served at `base`: its status,
/// category, retry rule, description, remediation, history, its URL, and
/// an example body in every dialect.
pub fn code_page(info: &'static CodeInfo, infos: &[CodeInfo], base: Option<&DocsBase>, history: &History) -> String {
    let status = info.status().as_u16();
    let category = info.category();
    let lifecycle = history.of(info.name());
    let mut out = format!("# {}\n\n**{}.** {}\n\n", info.name(), info.title(), info.description());
    if let Some(d) = &lifecycle.deprecated {
        let _ = writeln!(out, "**Deprecated**{}.\n", deprecation_text(d, infos, "../codes/"));
    }
    let mut rows = vec![
        vec!["Status".to_owned(), format!("[{status} {}](../{})", reason(status), status_page_path(status))],
        vec![
            "Category".to_owned(),
            format!("[{}](../{}) (`{}`)", category.title(), category_page_path(category), category.as_str()),
        ],
        vec!["Retryable".to_owned(), yes_no(info.is_retryable()).to_owned()],
        vec!["gRPC code".to_owned(), format!("`{}` ([AIP-193](https://google.aip.dev/193))", info.rpc_code())],
    ];
    if info.is_validation() {
        let dialects: Vec<String> = Dialect::validation_422_dialects()
            .map(|d| format!("[{}](../{})", d.name(), dialect_page_path(d)))
            .collect();
        rows.push(vec!["Sent as 422 by".to_owned(), dialects.join(", ")]);
    }
    rows.push(vec!["Added in".to_owned(), lifecycle.since.clone().unwrap_or_else(|| "not recorded".to_owned())]);
    rows.push(vec![
        "Deprecated".to_owned(),
        match &lifecycle.deprecated {
            Some(d) => format!("yes{}", deprecation_text(d, infos, "")),
            None => "no".to_owned(),
        },
    ]);
    if let Some(url) = info.docs_url_under(base) {
        rows.push(vec!["This page".to_owned(), format!("`{url}`")]);
    }
    out.push_str(&table(&["Property", "Value"], &rows));
    let _ = write!(out, "\n## What to do\n\n{}\n\n## Examples\n", info.remediation());
    out.push_str(
        "\nThe same error, with a request id, a timestamp and the details its category suggests, in every dialect.\n",
    );
    for &dialect in Dialect::ALL {
        let _ = write!(
            out,
            "\n### {}\n\n[The `{}` dialect](../{}).\n\n",
            dialect.name(),
            dialect.name(),
            dialect_page_path(dialect)
        );
        out.push_str(&docs::example_block(dialect, info, base));
    }
    out
}

/// `, since 0.2.0: the note; use [`X`](X.md) instead`.
fn deprecation_text(d: &super::history::Deprecation, infos: &[CodeInfo], prefix: &str) -> String {
    let mut out = String::new();
    if let Some(since) = &d.since {
        let _ = write!(out, " since {since}");
    }
    if let Some(note) = &d.note {
        let _ = write!(out, ": {}", note.trim_end_matches('.'));
    }
    if let Some(replacement) = &d.replacement {
        match infos.iter().find(|i| i.name() == replacement) {
            Some(r) => {
                let page = code_page_path(r);
                let file = page.strip_prefix("codes/").unwrap_or(&page);
                let _ = write!(out, "; use [`{replacement}`]({prefix}{file}) instead");
            }
            None => {
                let _ = write!(out, "; use `{replacement}` instead");
            }
        }
    }
    out
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// The codes of `codes` as table rows linked from a page one folder deep.
fn code_rows(codes: &[&CodeInfo], history: &History, with_category: bool) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let mut header = vec!["Code", "Status"];
    if with_category {
        header.push("Category");
    }
    header.extend(["Retryable", "Description"]);
    let rows = codes
        .iter()
        .map(|i| {
            let status = i.status().as_u16();
            let mut row = vec![
                format!("[`{}`](../{})", i.name(), code_page_path(i)),
                format!("[{status}](../{})", status_page_path(status)),
            ];
            if with_category {
                row.push(format!("[{}](../{})", i.category().title(), category_page_path(i.category())));
            }
            row.push(yes_no(i.is_retryable()).to_owned());
            let deprecated = if history.of(i.name()).deprecated.is_some() { "Deprecated. " } else { "" };
            row.push(format!("{deprecated}{}", i.description()));
            row
        })
        .collect();
    (header, rows)
}

fn category_index(infos: &[CodeInfo]) -> String {
    let rows: Vec<Vec<String>> = docs::categories_of(infos)
        .into_iter()
        .map(|c| {
            let status = c.status().as_u16();
            vec![
                format!("[{}]({})", c.title(), category_page_path(c)),
                format!("`{}`", c.as_str()),
                status.to_string(),
                yes_no(c.is_retryable()).to_owned(),
                c.description().to_owned(),
            ]
        })
        .collect();
    format!(
        "# Categories\n\nEvery code belongs to one category; a client that does not know a code can act on the \
         category its status implies.\n\n{}",
        table(&["Category", "Name", "Canonical status", "Retryable", "Description"], &rows)
    )
}

/// The page of one category: what it means and its codes.
pub fn category_page(category: Category, infos: &[CodeInfo], history: &History) -> String {
    let status = category.status().as_u16();
    let codes: Vec<&CodeInfo> = infos.iter().filter(|i| i.category() == category).collect();
    let (header, rows) = code_rows(&codes, history, false);
    format!(
        "# {}\n\n{} Name on the wire: `{}`. Canonical status: [{status} {}]({}); see [{status}](../{}). \
         Retryable by default: {}.\n\n## Codes\n\n{}",
        category.title(),
        category.description(),
        category.as_str(),
        reason(status),
        category.spec_url(),
        status_page_path(status),
        yes_no(category.is_retryable()),
        table(&header, &rows)
    )
}

/// The page of one HTTP status: when it occurs and the codes it carries.
pub fn status_page(status: u16, infos: &[CodeInfo], history: &History) -> String {
    let codes: Vec<&CodeInfo> = infos.iter().filter(|i| i.status().as_u16() == status).collect();
    let (header, rows) = code_rows(&codes, history, true);
    let mut out = format!("# {status} {}\n\n{}\n", reason(status), docs::status_meaning(status, infos));
    if error_model::status::carries_retry_after(http::StatusCode::from_u16(status).unwrap_or_default()) {
        out.push_str("\nResponses with this status carry `Retry-After` when the error has a retry hint.\n");
    }
    if codes.iter().any(|i| i.is_validation()) {
        let dialects: Vec<String> = Dialect::validation_422_dialects()
            .map(|d| format!("[{}](../{})", d.name(), dialect_page_path(d)))
            .collect();
        let _ = write!(out, "\nThe validation codes below are sent as 422 by the {} dialects.\n", dialects.join(", "));
    }
    let _ = write!(out, "\n## Codes\n\n{}", table(&header, &rows));
    out
}

fn dialect_index() -> String {
    let rows: Vec<Vec<String>> = Dialect::ALL
        .iter()
        .map(|&d| {
            vec![
                format!("[{}]({})", d.name(), dialect_page_path(d)),
                format!("`{}`", d.content_type()),
                if d.validation_is_422() { "422" } else { "400" }.to_owned(),
                d.description().to_owned(),
            ]
        })
        .collect();
    format!(
        "# Dialects\n\nThe error shapes the contract reads and writes; any error converts into any of them.\n\n{}",
        table(&["Dialect", "Media type", "Validation status", "Shape"], &rows)
    )
}

fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("")
}
