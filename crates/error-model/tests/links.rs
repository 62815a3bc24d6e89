//! A service owns its links: the built-in codes carry no link to a site the
//! service does not own, and one docs base, given as a value, links every
//! built-in error to the service's own pages in every shape that has a link.

use error_model::code::DocsBase;
use error_model::wire::Dialect;
use error_model::{ApiError, Code, CodeSet, ErrorCode, FieldViolation, ResourceRef};

/// An error of `code` with everything a dialect may write beside the link.
fn full_error(code: ErrorCode) -> ApiError {
    let mut err = ApiError::new(code)
        .with_request_id("req_1")
        .with_resource(ResourceRef::new("lead", "lead_1"))
        .with_extension("note", "kept");
    if code.info().is_validation() {
        err = err.with_field(FieldViolation::new("email", "Must be a valid email address"));
    }
    err
}

/// The dialects with a member for the documentation link, and that member.
const LINKED: &[(Dialect, &str)] = &[
    (Dialect::Canonical, "docs_url"),
    (Dialect::Problem, "type"),
    (Dialect::Google, "url"),
    (Dialect::JsonApi, "about"),
    (Dialect::Stripe, "doc_url"),
    (Dialect::GitHub, "documentation_url"),
];

#[test]
fn the_built_in_table_declares_no_docs_base() {
    assert_eq!(ErrorCode::DOCS_BASE, None);
    assert_eq!(DocsBase::of::<ErrorCode>(), None);
    for info in ErrorCode::infos() {
        assert_eq!(info.docs_url(), None, "{}", info.name());
    }
}

#[test]
fn without_a_base_no_output_links_anywhere() {
    for &code in ErrorCode::ALL {
        let err = full_error(code);
        assert_eq!(err.docs_url(), None);
        for &dialect in Dialect::ALL {
            let body = String::from_utf8(dialect.body(&err)).unwrap();
            assert!(!body.contains("error-contract.dev"), "{dialect} {code}: {body}");
            assert!(!body.contains(".html"), "{dialect} {code}: {body}");
            for (_, member) in LINKED.iter().filter(|(_, m)| *m != "type") {
                assert!(!body.contains(&format!("\"{member}\":")), "{dialect} {code}: {body}");
            }
        }
    }
}

#[test]
fn problem_json_without_a_base_is_about_blank_with_the_status_phrase() {
    for &code in ErrorCode::ALL {
        let err = full_error(code);
        let body: serde_json::Value = serde_json::from_slice(&Dialect::Problem.body(&err)).unwrap();
        let status = Dialect::Problem.wire_status(&err);
        assert_eq!(body["type"], "about:blank", "{code}");
        assert_eq!(body["title"], status.canonical_reason().unwrap(), "{code}");
        assert_eq!(body["status"], status.as_u16(), "{code}");
        // Read back, it is the same error: about:blank is no link.
        let back =
            Dialect::Problem.decode(Some(status), &http::HeaderMap::new(), &Dialect::Problem.body(&err)).unwrap();
        assert_eq!(back.docs_url(), None, "{code}");
        assert_eq!(
            back.details().extensions.get("title"),
            None,
            "{code}: the phrase is not kept as a title of its own"
        );
    }
}

#[test]
fn one_base_links_every_built_in_code_in_every_dialect_that_carries_links() {
    let base = DocsBase::new(String::from("https://leads.example.com/docs/")).unwrap();
    for &code in ErrorCode::ALL {
        let err = full_error(code).with_docs_base(&base);
        let url = format!("https://leads.example.com/docs/codes/{}.html", code.as_str());
        assert_eq!(err.docs_url(), Some(url.as_str()));
        let mut linked = Vec::new();
        for &dialect in Dialect::ALL {
            let body = String::from_utf8(dialect.body(&err)).unwrap();
            assert!(!body.contains("error-contract.dev"), "{dialect} {code}: {body}");
            if body.contains(&url) {
                linked.push(dialect);
                let member = LINKED.iter().find(|(d, _)| *d == dialect).map(|(_, m)| *m);
                let member = member.unwrap_or_else(|| panic!("{dialect} carries a link it is not known to: {body}"));
                assert!(body.contains(&format!("\"{member}\":\"{url}\"")), "{dialect} {code}: {body}");
            }
        }
        let expected: Vec<Dialect> = LINKED.iter().map(|(d, _)| *d).collect();
        let mut linked_sorted = linked.clone();
        linked_sorted.sort_by_key(|d| expected.iter().position(|e| e == d));
        assert_eq!(linked_sorted, expected, "{code}: the dialects that carry the link");
        // problem+json: the code's own title with a link.
        let body: serde_json::Value = serde_json::from_slice(&Dialect::Problem.body(&err)).unwrap();
        assert_eq!(body["title"], code.info().title(), "{code}");
    }
}

error_model::error_codes! {
    #![docs = "https://billing.example.com/errors/"]
    /// A downstream table that declares its base.
    enum Billing {
        CardDeclined { wire: "CARD_DECLINED", category: InvalidArgument, status: 402, retryable: false, title: "Card declined", description: "d", remediation: "r" },
    }
}

error_model::error_codes! {
    /// A downstream table that declares none.
    enum Plain {
        Busy { wire: "LEDGER_BUSY", category: Unavailable, status: 503, retryable: true, title: "Busy", description: "d", remediation: "r" },
    }
}

#[test]
fn a_table_that_declares_its_base_keeps_it_and_a_handler_link_wins() {
    let base = DocsBase::from_static("https://leads.example.com/docs/");
    // A team that declares its base on its table passes the same value to the layer.
    assert_eq!(DocsBase::of::<Billing>().unwrap().as_str(), "https://billing.example.com/errors/");
    let own = ApiError::new(Billing::CardDeclined).with_docs_base(&base);
    assert_eq!(own.docs_url(), Some("https://billing.example.com/errors/codes/CARD_DECLINED.html"));
    let plain = ApiError::new(Plain::Busy).with_docs_base(&base);
    assert_eq!(plain.docs_url(), Some("https://leads.example.com/docs/codes/LEDGER_BUSY.html"));
    let set = ApiError::new(ErrorCode::Conflict).with_docs_url("https://x.example/conflict").with_docs_base(&base);
    assert_eq!(set.docs_url(), Some("https://x.example/conflict"));
    // An unknown code has no page: no link.
    let unknown = ApiError::new(Code::new("CARD_EXPIRED")).with_docs_base(&base);
    assert_eq!(unknown.docs_url(), None);
}

#[test]
fn a_docs_base_is_an_http_url_ending_in_a_slash() {
    for bad in ["https://docs.example.com", "docs.example.com/", "ftp://docs.example.com/", ""] {
        assert!(DocsBase::new(bad).is_err(), "{bad}");
    }
    let ok = DocsBase::new("http://localhost:3000/docs/").unwrap();
    assert_eq!(ok.to_string(), "http://localhost:3000/docs/");
    assert_eq!(ok, DocsBase::from_static("http://localhost:3000/docs/"));
}
