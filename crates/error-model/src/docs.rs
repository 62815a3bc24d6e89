//! Markdown reference pages generated from a code table.
//!
//! Every text comes from the table rows, so the pages cannot drift from the
//! code. Table cells are escaped for CommonMark/GFM (pipes, line breaks), so
//! every row renders as a row. Works for any [`CodeSet`](crate::CodeSet): a
//! downstream crate renders its own codes with
//! `code_reference("Billing errors", BillingCode::infos())`.

use std::fmt::Write as _;

use crate::{Category, CodeInfo};

/// Escapes text for one GFM table cell: `|` becomes `\|`, line breaks become spaces.
///
/// # Examples
///
/// ```
/// assert_eq!(error_model::docs::escape_cell("a | b\nc"), r"a \| b c");
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
/// `Code | Status | Description` table, then each code's remediation.
///
/// # Examples
///
/// ```
/// use error_model::{CodeSet, ErrorCode};
///
/// let page = error_model::docs::code_reference("Error codes", ErrorCode::infos());
/// assert!(page.starts_with("# Error codes\n"));
/// assert!(page.contains("| `NOT_FOUND` | 404 | The requested resource does not exist. |"));
/// ```
pub fn code_reference(title: &str, infos: &[CodeInfo]) -> String {
    let mut out = format!("# {title}\n");
    for category in categories_of(infos) {
        let codes: Vec<&CodeInfo> = infos.iter().filter(|i| i.category() == category).collect();
        let _ = write!(
            out,
            "\n## {}\n\n{} Canonical status: [{} {}]({}).\n\n",
            category.title(),
            category.description(),
            category.status().as_u16(),
            category.status().canonical_reason().unwrap_or(""),
            category.spec_url(),
        );
        let rows: Vec<Vec<String>> = codes
            .iter()
            .map(|i| vec![format!("`{}`", i.name()), i.status().as_u16().to_string(), i.description().to_owned()])
            .collect();
        out.push_str(&table(&["Code", "Status", "Description"], &rows));
        out.push('\n');
        for info in codes {
            let retry = if info.is_retryable() { " Retryable." } else { "" };
            let _ = writeln!(out, "- **`{}`** ({}): {}{}", info.name(), info.title(), info.remediation(), retry);
        }
    }
    out
}

/// An illustrative error for a code: its description as message, a fixed
/// request id, timestamp and docs link, and the details its category
/// suggests (a field problem for validation codes, a retry hint for rate
/// limits and outages, the resource for not-found and conflicts). Used for
/// the example fixtures and the dialect pages.
///
/// # Examples
///
/// ```
/// use error_model::{ErrorCode, docs::example_error};
///
/// let err = example_error(ErrorCode::RateLimitExceeded.info());
/// assert_eq!(err.retry_after(), Some(60));
/// ```
pub fn example_error(info: &'static CodeInfo) -> crate::ApiError {
    use crate::{ApiError, Code, ErrorCode, FieldViolation, ResourceRef};
    let mut err = ApiError::new(Code::from_info(info))
        .with_request_id("req_1234567890abcdef")
        .with_timestamp(crate::Timestamp::from_unix_millis(1_705_401_000_000))
        .with_docs_url(format!("https://docs.example.com/errors#{}", info.name()));
    let field = match ErrorCode::from_wire(info.name()) {
        Some(ErrorCode::ValidationError) => Some(
            FieldViolation::new("email", "Must be a valid email address")
                .with_reason("INVALID_FORMAT")
                .with_rejected_value("invalid-email")
                .with_expected("an email address"),
        ),
        Some(ErrorCode::MissingField) => {
            Some(FieldViolation::new("phone", "Required field missing").with_reason("REQUIRED"))
        }
        Some(ErrorCode::UnprocessableEntity) => {
            Some(FieldViolation::new("leads.0.phone", "The phone number is not dialable").with_reason("NOT_DIALABLE"))
        }
        Some(ErrorCode::MissingQuery) => Some(FieldViolation::new("query", "Required query parameter is missing")),
        _ => None,
    };
    if let Some(field) = field {
        err = err.with_field(field);
    }
    match info.category() {
        Category::RateLimited => err.with_retry_after(60),
        Category::Unavailable => err.with_retry_after(30),
        Category::NotFound => err.with_resource(ResourceRef::new("lead", "lead_nonexistent123")),
        Category::Conflict => err.with_resource(ResourceRef::new("lead", "lead_existing123")),
        _ => err,
    }
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
