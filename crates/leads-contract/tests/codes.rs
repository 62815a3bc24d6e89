//! Every row of the lead API's table, written out independently of it, and
//! what moving them out of the built-in table means for a decoder.

use error_model::wire::Dialect;
use error_model::{ApiError, Category, Code, ErrorCode};
use leads_contract::LeadCode;

/// The codes the lead and messaging API documents name for their own
/// domain, with the statuses they document.
const DOCUMENTED: &[(&str, u16, Category)] = &[
    ("INVALID_MESSAGE_ID", 400, Category::InvalidArgument),
    ("INVALID_CONTACT_ID", 400, Category::InvalidArgument),
    ("INVALID_BUSINESS_ID", 400, Category::InvalidArgument),
    ("LEAD_NOT_FOUND", 404, Category::NotFound),
    ("DUPLICATE_EMAIL", 409, Category::Conflict),
];

#[test]
fn the_table_is_exactly_the_documented_codes() {
    let names: Vec<&str> = LeadCode::ALL.iter().map(|c| c.as_str()).collect();
    let documented: Vec<&str> = DOCUMENTED.iter().map(|row| row.0).collect();
    assert_eq!(names, documented);
    for &(wire, status, category) in DOCUMENTED {
        let code = LeadCode::from_wire(wire).unwrap();
        assert_eq!(code.status().as_u16(), status, "{wire}");
        assert_eq!(code.category(), category, "{wire}");
        assert!(!code.is_retryable(), "{wire}");
        assert_eq!(serde_json::to_value(code).unwrap(), wire);
        // None of them is a built-in code any more.
        assert_eq!(ErrorCode::from_wire(wire), None, "{wire}");
    }
    assert_eq!(LeadCode::DOCS_BASE, None);
}

#[test]
fn a_client_recognises_them_in_any_dialect() {
    for &code in LeadCode::ALL {
        let sent = ApiError::new(code).with_request_id("req_1");
        for &dialect in Dialect::ALL {
            let res = dialect.encode(&sent);
            let read = dialect.decode(Some(res.status()), res.headers(), res.body()).unwrap();
            assert_eq!(read.code().to_code_set::<LeadCode>(), Some(code), "{dialect} {code}");
            assert_eq!(read.status(), sent.status(), "{dialect} {code}");
            assert_eq!(Code::new_in::<LeadCode>(read.code().as_str()).info(), Some(code.info()));
        }
    }
}
