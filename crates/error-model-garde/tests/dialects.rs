//! A nested garde struct with list items, through every dialect: the paths,
//! pointers, reasons and messages each shape carries survive a trip through
//! its encoder and `wire::decode`, each with the status its dialect
//! documents, and no secret reaches any body.

use error_model::limits::MAX_FIELD_VIOLATIONS;
use error_model::wire::{self, Dialect};
use error_model::{ErrorCode, OMITTED_FIELDS};
use garde::Validate;

#[derive(Validate)]
struct Signup {
    #[garde(length(min = 8))]
    password: String,
    #[garde(dive)]
    company: Company,
    #[garde(length(max = 3), dive)]
    leads: Vec<Lead>,
    #[garde(length(min = 1))]
    display_name: String,
}

#[derive(Validate)]
struct Company {
    #[garde(length(min = 1))]
    name: String,
    #[garde(skip)]
    #[allow(dead_code)]
    tax_id: String,
}

#[derive(Validate)]
struct Lead {
    #[garde(email)]
    email: String,
    #[garde(range(min = 18, max = 120))]
    age: u32,
    #[garde(inner(length(min = 1)))]
    phone: Option<String>,
}

fn lead(email: &str, age: u32, phone: Option<&str>) -> Lead {
    Lead { email: email.into(), age, phone: phone.map(Into::into) }
}

fn signup() -> Signup {
    Signup {
        password: "S3CR3T1".into(),
        company: Company { name: String::new(), tax_id: "S3CR3T-tax".into() },
        leads: vec![
            lead("a@example.com", 30, None),
            lead("nope", 12, Some("")),
            lead("b@example.com", 40, Some("+14155550100")),
            lead("c@", 50, None),
        ],
        display_name: String::new(),
    }
}

/// (field, pointer, message), by path.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("company.name", "/company/name", "length is lower than 1"),
    ("display_name", "/display_name", "length is lower than 1"),
    ("leads", "/leads", "length is greater than 3"),
    ("leads.1.age", "/leads/1/age", "lower than 18"),
    ("leads.1.email", "/leads/1/email", "not a valid email: value is missing `@`"),
    ("leads.1.phone", "/leads/1/phone", "length is lower than 1"),
    ("leads.3.email", "/leads/3/email", "not a valid email: domain contains unexpected characters"),
    ("password", "/password", "length is lower than 8"),
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

#[test]
fn the_report_becomes_one_error_with_every_violation() {
    let err = error_model_garde::validate(&signup()).unwrap_err();
    assert_eq!(err.code(), &ErrorCode::ValidationError);
    assert_eq!(err.status(), 400);
    let got: Vec<_> = err.fields().iter().map(|v| (v.field.as_str(), v.pointer.as_str(), v.message.as_str())).collect();
    assert_eq!(got, EXPECTED);
    assert!(err.fields().iter().all(|v| v.reason.as_deref() == Some(error_model_garde::REASON)));
    assert!(err.fields().iter().all(|v| v.rejected_value.is_none() && v.expected.is_none()));
}

#[test]
fn every_dialect_carries_the_paths_with_its_documented_status() {
    let err = error_model_garde::validate(&signup()).unwrap_err();
    assert_eq!(STATUS.len(), Dialect::ALL.len());
    for &dialect in Dialect::ALL {
        let res = dialect.encode(&err);
        let body = String::from_utf8_lossy(res.body()).into_owned();
        assert!(!body.contains("S3CR3T"), "{dialect}: {body}");
        let (_, status) = STATUS.iter().find(|(name, _)| *name == dialect.name()).unwrap();
        assert_eq!(res.status(), *status, "{dialect}");
        let (shape, back) = wire::decode(Some(res.status()), res.headers(), res.body())
            .unwrap_or_else(|e| panic!("{dialect}: {e}: {body}"));
        assert_eq!(shape, dialect, "{body}");
        assert_eq!(back.code(), &ErrorCode::ValidationError, "{dialect}: {body}");
        let got: Vec<_> =
            back.fields().iter().map(|v| (v.field.as_str(), v.pointer.as_str(), v.message.as_str())).collect();
        assert_eq!(got, EXPECTED, "{dialect}: {body}");
        let want = if NO_REASON.contains(&dialect.name()) { None } else { Some(error_model_garde::REASON) };
        assert!(back.fields().iter().all(|v| v.reason.as_deref() == want), "{dialect}: {body}");
    }
}

#[test]
fn past_the_cap_violations_are_counted() {
    #[derive(Validate)]
    struct Many {
        #[garde(dive)]
        leads: Vec<Lead>,
    }
    let many = Many { leads: (0..MAX_FIELD_VIOLATIONS + 5).map(|_| lead("x", 30, None)).collect() };
    let err = error_model_garde::validate(&many).unwrap_err();
    assert_eq!(err.fields().len(), MAX_FIELD_VIOLATIONS);
    assert_eq!(err.details().extensions[OMITTED_FIELDS], 5);
    assert_eq!(err.fields()[10].pointer, "/leads/10/email");
}
