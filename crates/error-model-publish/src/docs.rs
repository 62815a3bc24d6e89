//! Markdown reference pages generated from a code table and the dialect table.
//!
//! Every text comes from the table rows, so the pages cannot drift from the
//! code. Table cells are escaped for CommonMark/GFM (pipes, line breaks), so
//! every row renders as a row. Works for any [`CodeSet`](error_model::CodeSet): a
//! downstream crate renders its own codes with
//! `code_reference("Billing errors", BillingCode::infos())`. The pages link
//! to the pages of the documentation site ([`site`](super::site), at the
//! [`paths`](super::paths) it keeps them at) that sits
//! beside them: each code's, status's and dialect's.

use std::fmt::Write as _;

use error_model::{Category, CodeInfo};

use super::paths::{category_page_path, code_page_path, status_page_path};

/// Escapes text for one GFM table cell: `|` becomes `\|`, line breaks become spaces.
///
/// # Examples
///
/// ```
/// assert_eq!(error_model_publish::docs::escape_cell("a | b\nc"), r"a \| b c");
/// ```
pub fn escape_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes one GFM table: a header row, the delimiter row and one row per entry.
pub fn table<R: AsRef<[String]>>(header: &[&str], rows: &[R]) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(header.iter().map(|h| escape_cell(h)).collect()));
    out.push_str(&line(header.iter().map(|_| "---".to_owned()).collect()));
    for row in rows {
        out.push_str(&line(row.as_ref().iter().map(|c| escape_cell(c)).collect()));
    }
    out
}

/// The categories that `infos` use, in category order.
pub fn categories_of(infos: &[CodeInfo]) -> Vec<Category> {
    Category::ALL.iter().copied().filter(|c| infos.iter().any(|i| i.category() == *c)).collect()
}

/// The error statuses `infos` use, in order.
pub fn statuses_of(infos: &[CodeInfo]) -> Vec<u16> {
    let mut statuses: Vec<u16> = infos.iter().map(|i| i.status().as_u16()).collect();
    statuses.sort_unstable();
    statuses.dedup();
    statuses
}

/// The compact code table: `Code | Status | Category | Retryable | Description`.
pub fn code_table(infos: &[CodeInfo]) -> String {
    let rows: Vec<Vec<String>> = infos
        .iter()
        .map(|i| {
            vec![
                format!("`{}`", i.name()),
                i.status().as_u16().to_string(),
                i.category().as_str().to_owned(),
                if i.is_retryable() { "yes" } else { "no" }.to_owned(),
                i.description().to_owned(),
            ]
        })
        .collect();
    table(&["Code", "Status", "Category", "Retryable", "Description"], &rows)
}

/// The code reference page: one section per category with a
/// `Code | Status | Retryable | Description` table (each code linked to its
/// page, each status to its page), then each code's remediation.
///
/// # Examples
///
/// ```
/// use error_model::{CodeSet, ErrorCode};
///
/// let page = error_model_publish::docs::code_reference("Error codes", ErrorCode::infos());
/// assert!(page.starts_with("# Error codes\n"));
/// assert!(page.contains(
///     "| [`NOT_FOUND`](codes/NOT_FOUND.md) | [404](statuses/404.md) | no | The requested resource does not exist. |"
/// ));
/// ```
pub fn code_reference(title: &str, infos: &[CodeInfo]) -> String {
    let mut out = format!(
        "# {title}\n\nThese codes are the values of OpenTelemetry's \
         [`error.type`](https://opentelemetry.io/docs/specs/semconv/registry/attributes/error/) an error \
         response sets on its span and on the `http.server.errors` counter (`rpc.server.errors` over gRPC), \
         with the `opentelemetry` feature of error-model-tower or error-model-tonic: a short, stable list \
         fit for dashboards and alerts.\n"
    );
    for category in categories_of(infos) {
        let codes: Vec<&CodeInfo> = infos.iter().filter(|i| i.category() == category).collect();
        let _ = write!(
            out,
            "\n## {}\n\n{} Canonical status: [{} {}]({}). [More about this category]({}).\n\n",
            category.title(),
            category.description(),
            category.status().as_u16(),
            category.status().canonical_reason().unwrap_or(""),
            category.spec_url(),
            category_page_path(category),
        );
        let rows: Vec<Vec<String>> = codes
            .iter()
            .map(|i| {
                let status = i.status().as_u16();
                vec![
                    format!("[`{}`]({})", i.name(), code_page_path(i)),
                    format!("[{status}]({})", status_page_path(status)),
                    if i.is_retryable() { "yes" } else { "no" }.to_owned(),
                    i.description().to_owned(),
                ]
            })
            .collect();
        out.push_str(&table(&["Code", "Status", "Retryable", "Description"], &rows));
        out.push('\n');
        for info in codes {
            let _ = writeln!(out, "- **`{}`** ({}): {}", info.name(), info.title(), info.remediation());
        }
    }
    out
}

/// The success and redirect statuses the lead and messaging API documents
/// list, with what they mean there.
pub const SUCCESS_STATUSES: &[(u16, &str)] = &[
    (200, "The request succeeded."),
    (201, "The resource, or resources, were created."),
    (204, "The request succeeded with no response body (for example DELETE)."),
    (302, "A dashboard form submission succeeded and redirects back."),
];

/// The HTTP status page: `Status | Meaning | When it occurs`, from 200 to
/// 5xx. Success statuses come from [`SUCCESS_STATUSES`]; every error
/// status from [`status_meaning`], linked to its page.
///
/// # Examples
///
/// ```
/// use error_model::{CodeSet, ErrorCode};
///
/// let page = error_model_publish::docs::status_reference("HTTP statuses", ErrorCode::infos());
/// assert!(page.contains("| 204 | No Content |"));
/// assert!(page.contains("| [429](statuses/429.md) | Too Many Requests | The caller sent too many requests; retry after the hinted delay. Codes: `RATE_LIMIT_EXCEEDED`. |"));
/// ```
pub fn status_reference(title: &str, infos: &[CodeInfo]) -> String {
    let statuses = statuses_of(infos);
    let mut rows: Vec<Vec<String>> = SUCCESS_STATUSES
        .iter()
        .map(|(status, when)| vec![status.to_string(), reason(*status), (*when).to_owned()])
        .collect();
    for status in statuses {
        let page = status_page_path(status);
        rows.push(vec![format!("[{status}]({page})"), reason(status), status_meaning(status, infos)]);
    }
    let dialects_422: Vec<String> =
        error_model::wire::Dialect::validation_422_dialects().map(|d| format!("`{}`", d.name())).collect();
    format!(
        "# {title}\n\nStatuses follow [RFC 9110, section 15](https://www.rfc-editor.org/rfc/rfc9110#section-15). \
         Validation errors are 400 in the canonical shape; the {} dialects send them as 422.\n\n{}",
        join_and(&dialects_422),
        table(&["Status", "Meaning", "When it occurs"], &rows)
    )
}

/// When an error status occurs: the description of each category whose
/// canonical status it is, else (a status a category uses only for some
/// codes, such as 422) the descriptions of its codes; then its codes.
///
/// # Examples
///
/// ```
/// use error_model::{CodeSet, ErrorCode};
/// use error_model_publish::docs::status_meaning;
///
/// assert_eq!(
///     status_meaning(422, ErrorCode::infos()),
///     "The request is well-formed but its content cannot be processed. Codes: `UNPROCESSABLE_ENTITY`."
/// );
/// ```
pub fn status_meaning(status: u16, infos: &[CodeInfo]) -> String {
    let codes: Vec<&CodeInfo> = infos.iter().filter(|i| i.status().as_u16() == status).collect();
    let mut sentences: Vec<&str> = Vec::new();
    for info in &codes {
        let category = info.category();
        let sentence = if category.status().as_u16() == status { category.description() } else { info.description() };
        if !sentences.contains(&sentence) {
            sentences.push(sentence);
        }
    }
    let names: Vec<String> = codes.iter().map(|i| format!("`{}`", i.name())).collect();
    format!("{} Codes: {}.", sentences.join(" "), names.join(", "))
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn reason(status: u16) -> String {
    http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("").to_owned()
}

/// One page per dialect: its shape, what it carries, a link to its JSON
/// Schema and an example of each of the given codes (status, headers and
/// body), each code linked to its page.
pub fn dialect_page(
    dialect: error_model::wire::Dialect,
    examples: &[&'static CodeInfo],
    base: Option<&error_model::code::DocsBase>,
) -> String {
    let path = super::schema_path(dialect);
    let mut out = format!(
        "# The `{}` dialect\n\n{}\n\n- Media type: `{}`\n- Validation errors: {}\n- JSON Schema: [{}/{}]({}{})\n",
        dialect.name(),
        dialect.description(),
        dialect.content_type(),
        if dialect.validation_is_422() { "422" } else { "400" },
        super::SCHEMAS_DIR,
        path,
        super::SCHEMA_BASE,
        path,
    );
    for info in examples {
        let _ = write!(
            out,
            "\n## Example: `{}`\n\n[What `{}` means](../{}).\n\n",
            info.name(),
            info.name(),
            code_page_path(info)
        );
        out.push_str(&example_block(dialect, info, base));
    }
    out
}

/// The example error of `info` ([`example_error`](super::examples::example_error))
/// as `dialect` sends it, its link under `base`: a fenced `http` block with the status line, the
/// headers and the indented body.
pub fn example_block(
    dialect: error_model::wire::Dialect,
    info: &'static CodeInfo,
    base: Option<&error_model::code::DocsBase>,
) -> String {
    let err = super::examples::example_error(info, base);
    let res = dialect.encode(&err);
    let mut out = format!("```http\nHTTP/1.1 {}\n", res.status());
    for (name, value) in res.headers() {
        let _ = writeln!(out, "{}: {}", name, value.to_str().unwrap_or(""));
    }
    let _ = write!(out, "\n{}\n```\n", super::pretty(res.body()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_escapes_cells() {
        let t = table(&["A", "B"], &[vec!["x|y".to_owned(), "1\n2".to_owned()]]);
        assert_eq!(t, "| A | B |\n| --- | --- |\n| x\\|y | 1 2 |\n");
    }
}
