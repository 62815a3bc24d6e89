//! A nested validator struct with list items, through every dialect: the
//! paths, pointers, reasons and messages each shape carries survive a trip
//! through its encoder and `wire::decode`, each with the status its
//! dialect documents, and no secret reaches any body.

use error_model::limits::MAX_FIELD_VIOLATIONS;
use error_model::redact::SensitiveNames;
use error_model::wire::{self, Dialect};
use error_model::{ApiError, ErrorCode, OMITTED_FIELDS};
use validator::Validate;

#[derive(Validate)]
struct Signup {
    #[validate(length(min = 8))]
    password: String,
    #[validate(must_match(other = "password"))]
    password_confirmation: String,
    #[validate(nested)]
    company: Company,
    #[validate(length(max = 2))]
    tags: Vec<String>,
    #[validate(nested)]
    leads: Vec<Lead>,
}

#[derive(Validate)]
struct Company {
    #[validate(length(min = 1, max = 40))]
    name: String,
    #[validate(contains(pattern = "-"))]
    tax_id: String,
}

#[derive(Validate, serde::Serialize)]
struct Lead {
    #[validate(email(code = "INVALID_FORMAT", message = "Must be a valid email address"))]
    email: String,
    #[validate(range(min = 18, max = 120))]
    age: u32,
}

fn lead(email: &str, age: u32) -> Lead {
    Lead { email: email.into(), age }
}

/// Every rule broken once, with secrets in the sensitive fields.
fn signup() -> Signup {
    Signup {
        password: "S3CR3T1".into(),
        tags: vec!["a".into(), "b".into(), "c".into()],
        password_confirmation: "S3CR3T-other".into(),
        company: Company { name: String::new(), tax_id: "TAX12345".into() },
        leads: vec![lead("a@example.com", 30), lead("nope", 12), lead("b@example.com", 40), lead("c", 50)],
    }
}

/// (field, pointer, reason, message, expected), in the crate's order.
type Row = (&'static str, &'static str, &'static str, &'static str, Option<&'static str>);

const EXPECTED: &[Row] = &[
    ("company.name", "/company/name", "length", "has an invalid length", Some("a length of at least 1 and at most 40")),
    (
        "company.tax_id",
        "/company/tax_id",
        "contains",
        "does not contain the required text",
        Some("a value containing \"-\""),
    ),
    ("leads.1.age", "/leads/1/age", "range", "is out of range", Some("a value of at least 18 and at most 120")),
    ("leads.1.email", "/leads/1/email", "INVALID_FORMAT", "Must be a valid email address", None),
    ("leads.3.email", "/leads/3/email", "INVALID_FORMAT", "Must be a valid email address", None),
    ("password", "/password", "length", "has an invalid length", Some("a length of at least 8")),
    ("password_confirmation", "/password_confirmation", "must_match", "does not match", None),
    ("tags", "/tags", "length", "has an invalid length", Some("a length of at most 2")),
];

/// The status each dialect answers validation with, as its docs say.
const STATUS: &[(&str, u16)] = &[
    ("canonical", 400),
    ("nested", 400),
    ("flat", 400),
    ("bare", 400),
    ("field-map", 422),
    ("detail-list", 422),
    ("problem", 400),
    ("google", 400),
    ("json-api", 400),
    ("azure", 400),
    ("stripe", 400),
    ("github", 422),
    ("drf", 400),
    ("graphql", 400),
];

/// The shapes whose field problems have no member for a reason.
const NO_REASON: &[&str] = &["field-map", "drf"];

fn error() -> ApiError {
    error_model_validator::validate(&signup()).unwrap_err()
}

#[test]
fn the_tree_becomes_one_error_with_every_violation() {
    let err = error();
    assert_eq!(err.code(), &ErrorCode::ValidationError);
    assert_eq!(err.status(), 400);
    let got: Vec<Row> = err
        .fields()
        .iter()
        .map(|v| {
            let leak = |s: &str| -> &'static str { Box::leak(s.to_owned().into_boxed_str()) };
            (
                leak(&v.field),
                leak(&v.pointer),
                leak(v.reason.as_deref().unwrap_or_default()),
                leak(&v.message),
                v.expected.as_deref().map(leak),
            )
        })
        .collect();
    assert_eq!(got, EXPECTED);
    let rejected = |field: &str| err.fields().iter().find(|v| v.field == field).unwrap().rejected_value.clone();
    assert_eq!(rejected("leads.1.email"), Some("nope".into()));
    assert_eq!(rejected("leads.1.age"), Some(12.into()));
    // Kept for the logs; the encoders redact it (below).
    assert_eq!(rejected("password"), Some("S3CR3T1".into()));
}

#[test]
fn every_dialect_carries_the_paths_with_its_documented_status() {
    let err = error();
    assert_eq!(STATUS.len(), Dialect::ALL.len());
    for &dialect in Dialect::ALL {
        let res = dialect.encode(&err);
        let body = String::from_utf8_lossy(res.body()).into_owned();
        let (_, status) = STATUS.iter().find(|(name, _)| *name == dialect.name()).unwrap();
        assert_eq!(res.status(), *status, "{dialect}");
        assert_eq!(dialect.validation_is_422(), *status == 422, "{dialect}");
        let (shape, back) = wire::decode(Some(res.status()), res.headers(), res.body())
            .unwrap_or_else(|e| panic!("{dialect}: {e}: {body}"));
        assert_eq!(shape, dialect, "{body}");
        assert_eq!(back.code(), &ErrorCode::ValidationError, "{dialect}: {body}");
        let fields: Vec<_> = back.fields().iter().map(|v| (v.field.as_str(), v.pointer.as_str())).collect();
        let want: Vec<_> = EXPECTED.iter().map(|r| (r.0, r.1)).collect();
        assert_eq!(fields, want, "{dialect}: {body}");
        let messages: Vec<_> = back.fields().iter().map(|v| v.message.as_str()).collect();
        assert_eq!(messages, EXPECTED.iter().map(|r| r.3).collect::<Vec<_>>(), "{dialect}");
        let reasons: Vec<_> = back.fields().iter().map(|v| v.reason.as_deref()).collect();
        if NO_REASON.contains(&dialect.name()) {
            assert!(reasons.iter().all(Option::is_none), "{dialect}: {body}");
        } else {
            assert_eq!(reasons, EXPECTED.iter().map(|r| Some(r.2)).collect::<Vec<_>>(), "{dialect}: {body}");
        }
    }
}

#[test]
fn no_secret_reaches_any_body() {
    let names = SensitiveNames::default().with_names(["tax_id"]);
    let errors = signup().validate().unwrap_err();
    let err = error_model_validator::api_error_with(&errors, &names);
    // A field sensitive to the service's names says nothing of its rule's text either.
    assert_eq!(err.fields().iter().find(|v| v.field == "company.tax_id").unwrap().expected, None);
    for &dialect in Dialect::ALL {
        let body = String::from_utf8_lossy(dialect.encode_with(&err, &names).body()).into_owned();
        assert!(!body.contains("S3CR3T") && !body.contains("TAX12345"), "{dialect}: {body}");
        // By the built-in names the passwords are still redacted; the tax id is not sensitive there.
        let body = String::from_utf8_lossy(dialect.encode(&error()).body()).into_owned();
        assert!(!body.contains("S3CR3T"), "{dialect}: {body}");
    }
    let canonical = String::from_utf8_lossy(Dialect::Canonical.encode(&error()).body()).into_owned();
    assert!(canonical.contains("TAX12345"), "{canonical}");
}

#[test]
fn past_the_cap_violations_are_counted() {
    #[derive(Validate)]
    struct Many {
        #[validate(nested)]
        leads: Vec<Lead>,
    }
    let many = Many { leads: (0..MAX_FIELD_VIOLATIONS + 20).map(|_| lead("x", 30)).collect() };
    let err = error_model_validator::validate(&many).unwrap_err();
    assert_eq!(err.fields().len(), MAX_FIELD_VIOLATIONS);
    assert_eq!(err.details().extensions[OMITTED_FIELDS], 20);
    // Items in index order, not as strings: 2 before 10.
    assert_eq!(err.fields()[2].field, "leads.2.email");
    assert_eq!(err.fields()[10].field, "leads.10.email");
}
