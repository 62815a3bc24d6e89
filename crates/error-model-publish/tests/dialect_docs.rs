//! Each dialect module's docs show an example body; it is what the
//! dialect's encoder writes for the same error, byte for byte (indented).

use error_model::code::DocsBase;
use error_model::wire::Dialect;
use error_model::{ApiError, ErrorCode, FieldViolation};
use error_model_publish::pretty;

/// The error every dialect module's example shows, from a service that
/// gives its docs base (the built-in codes have no link without one).
fn example() -> ApiError {
    ApiError::new(ErrorCode::ValidationError)
        .with_docs_base(&DocsBase::from_static("https://docs.example.com/errors/"))
        .with_message("Invalid request data")
        .with_field(FieldViolation::new("email", "Must be a valid email address").with_reason("INVALID_FORMAT"))
        .with_request_id("req_123")
}

/// The first ```json block after `//! # Example` in a module's docs.
fn documented_example(source: &str) -> Option<String> {
    let docs: Vec<&str> =
        source.lines().take_while(|l| l.starts_with("//!")).map(|l| l.trim_start_matches("//!")).collect();
    let start = docs.iter().position(|l| l.trim() == "# Example")?;
    let open = start + docs[start..].iter().position(|l| l.trim() == "```json")?;
    let close = open + 1 + docs[open + 1..].iter().position(|l| l.trim() == "```")?;
    Some(docs[open + 1..close].iter().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n"))
}

macro_rules! sources {
    ($($dialect:ident => $file:literal,)*) => {
        [$((Dialect::$dialect, include_str!(concat!("../../error-model/src/wire/dialects/", $file))),)*]
    };
}

#[test]
fn module_docs_show_what_the_encoder_writes() {
    let sources = sources! {
        Canonical => "canonical.rs", Nested => "nested.rs", Flat => "flat.rs", Bare => "bare.rs",
        FieldMap => "field_map.rs", DetailList => "detail_list.rs", Problem => "problem.rs", Google => "google.rs",
        JsonApi => "json_api.rs", Azure => "azure.rs", Stripe => "stripe.rs", GitHub => "github.rs", Drf => "drf.rs",
        GraphQl => "graphql.rs",
    };
    assert_eq!(sources.len(), Dialect::ALL.len(), "every dialect has a module");
    let err = example();
    let mut wrong = Vec::new();
    for (dialect, source) in sources {
        let written = pretty(&dialect.body(&err));
        if documented_example(source).as_deref() != Some(written.as_str()) {
            let doc: String = written.lines().map(|l| format!("//! {l}\n").replace("//! \n", "//!\n")).collect();
            wrong.push(format!(
                "{dialect}: its module docs should show\n//! # Example\n//!\n//! ```json\n{doc}//! ```\n"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
