//! The lenient reader's rules, each on a body made up for it (of the shapes
//! the corpora under `fixtures/` show).

use http::HeaderMap;

use super::super::{Dialect, Shape};
use crate::ApiError;

fn shape(body: &str) -> (Shape, ApiError) {
    super::super::decode(None, &HeaderMap::new(), body.as_bytes()).unwrap()
}

fn codes(err: &ApiError) -> Vec<String> {
    err.upstream().map(|u| u.codes.clone()).unwrap_or_default()
}

fn pointers(err: &ApiError) -> Vec<&str> {
    err.fields().iter().map(|v| v.pointer.as_str()).collect()
}

#[test]
fn message_names_and_headings() {
    // `cause`, `note` and `summary` name a message; a lone one is no field.
    let (_, err) = shape(r#"{"success": false, "cause": "Quota used up"}"#);
    assert_eq!(err.message(), "Quota used up");
    let (_, err) = shape(r#"{"Note": "Call frequency is limited to 5 calls per minute."}"#);
    assert_eq!(err.message(), "Call frequency is limited to 5 calls per minute.");
    assert!(err.fields().is_empty());
    // Not DRF's map of fields: `summary` is the error's own.
    let (s, err) = shape(r#"{"summary": "Quota reached", "detail": "You have used every request this month."}"#);
    assert!(s.is_lenient());
    assert_eq!(err.message(), "You have used every request this month.");
    assert!(err.fields().is_empty());
    // A heading yields to a sentence under a later name.
    let (_, err) = shape(r#"{"error": "Account Locked", "text": "Your account was locked after many attempts."}"#);
    assert_eq!(err.message(), "Your account was locked after many attempts.");
}

#[test]
fn code_names_and_numbers() {
    let (_, err) = shape(r#"{"error": true, "errorMessage": "collection not found", "code": 404, "errorNum": 1203}"#);
    assert_eq!(codes(&err), ["1203"]);
    let (_, err) = shape(r#"{"ErrorCode": 12, "ErrorStatus": "ServiceDown", "Message": "Try again later."}"#);
    assert_eq!(codes(&err), ["12", "ServiceDown"]);
    // A `status_code` that is no HTTP status is the API's code.
    let (_, err) = shape(r#"{"status_code": 34, "status_message": "The resource could not be found."}"#);
    assert_eq!(codes(&err), ["34"]);
    // An identifier under `meta.msg` is the code of an error object under `meta`.
    let (_, err) = shape(r#"{"meta": {"rc": "error", "msg": "api.err.LoginRequired"}, "data": []}"#);
    assert_eq!(codes(&err), ["api.err.LoginRequired"]);
    // A list of scalars is one error by position; one of numbers is none.
    let (_, err) = shape(r#"["error", 20060, "Service is under maintenance"]"#);
    assert_eq!(codes(&err), ["20060"]);
    assert_eq!(err.message(), "Service is under maintenance");
    let (_, err) = shape("[1, 2, 3]");
    assert!(codes(&err).is_empty());
}

#[test]
fn request_ids() {
    // A whole number under a request id's name.
    let (_, err) = shape(r#"{"error": {"requestId": 42, "message": "Something went wrong here"}}"#);
    assert_eq!(err.request_id(), Some("42"));
    // The error's own id beside a code under another name names the occurrence.
    let (_, err) = shape(r#"{"name": "bad_request", "id": "Xy12abCd", "message": "invalid input"}"#);
    assert_eq!(err.request_id(), Some("Xy12abCd"));
    assert_eq!(codes(&err), ["bad_request"]);
    // A number as the id numbers a kind of error.
    let (_, err) = shape(r#"{"error": {"id": "404.2", "name": "not_found", "detail": "No such plan."}}"#);
    assert_eq!(err.request_id(), None);
    // An id beside the error object is the resource's.
    let (_, err) = shape(
        r#"{"id": "550e8400-e29b-41d4-a716-446655440000", "error": {"code": "DECLINED", "message": "Declined"}}"#,
    );
    assert_eq!(err.request_id(), None);
    // A `request` member holding an occurrence's id; a message that is an error object.
    let (_, err) = shape(
        r#"{"code": "Denied", "message": {"error": 1102, "message": "The key is invalid.", "request": "34ca2b32-9fce-9c8d-8601-749605e9aab9"}}"#,
    );
    assert_eq!(err.request_id(), Some("34ca2b32-9fce-9c8d-8601-749605e9aab9"));
    assert_eq!(codes(&err), ["Denied", "1102"]);
    assert_eq!(err.message(), "The key is invalid.");
}

#[test]
fn field_errors() {
    // An item's `members` list; the codes of a list of field errors.
    let (_, err) = shape(
        r#"{"error": {"code": "E1", "message": "Invalid request.", "validationErrors": [{"message": "too short", "members": ["userName"]}]}}"#,
    );
    assert_eq!(pointers(&err), ["/userName"]);
    let (_, err) = shape(
        r#"{"code": 100, "reason": "Validation Failed", "validationErrors": [{"field": "a", "code": 1001, "reason": "a must be set"}]}"#,
    );
    assert_eq!(codes(&err), ["100", "1001"]);
    // A `detail` map of field to messages.
    let (_, err) =
        shape(r#"{"type": "param_error", "message": "Email is invalid.", "detail": {"email": ["is invalid"]}}"#);
    assert_eq!(pointers(&err), ["/email"]);
    // An item's own list of validation errors; a `meta` with only a message
    // beside a list of errors describes the payload.
    let (_, err) = shape(
        r#"{"meta": {"description": "Sent with every payload"}, "errors": [{"code": "E_FORBIDDEN", "title": "Validation failed", "detail": [{"message": "a is required", "path": "a", "type": "any.required"}]}]}"#,
    );
    assert_eq!(err.message(), "Validation failed");
    assert_eq!(codes(&err), ["E_FORBIDDEN", "any.required"]);
    assert_eq!(pointers(&err), ["/a"]);
    // A message and a `details` list is no field-map body.
    let (s, err) = shape(
        r#"{"message": "The request body has 1 error(s)", "details": [{"message": "May not be empty", "property": "items[0].text"}]}"#,
    );
    assert!(s.is_lenient());
    assert_eq!(pointers(&err), ["/items/0/text"]);
}

#[test]
fn strict_dialects_keep_what_they_parsed() {
    // Azure: the codes of the details, and the error object's own request id.
    let (s, err) = shape(
        r#"{"error": {"code": "E_MAIL", "details": [{"code": "E_EMPTY", "message": "Field found empty", "target": "subject"}], "message": "Mandatory field missing", "request_id": "2d6f.3dd3c3f4"}}"#,
    );
    assert_eq!(s, Dialect::Azure);
    assert_eq!(codes(&err), ["E_MAIL", "E_EMPTY"]);
    assert_eq!(err.request_id(), Some("2d6f.3dd3c3f4"));
    // Stripe: an empty code is none.
    let (s, err) = shape(r#"{"error": {"code": "", "type": "invalid_request", "message": "Token missing."}}"#);
    assert_eq!(s, Dialect::Stripe);
    assert_eq!(codes(&err), ["invalid_request"]);
}

#[test]
fn round_ten_second_rules() {
    // `statuscode` that is no HTTP status; an `errordesc`.
    let (_, err) = shape(r#"{"ocs": {"meta": {"status": "failure", "statuscode": 912, "message": "Not logged in"}}}"#);
    assert_eq!(codes(&err), ["912"]);
    let (_, err) = shape(r#"{"response": {"error": {"errorcode": 3, "errordesc": "Invalid parameter"}}}"#);
    assert_eq!(err.message(), "Invalid parameter");
    // The codes of another object named as an error; an item's title that is an identifier.
    let (_, err) = shape(
        r#"{"error": {"description": "Bad value."}, "detailedError": {"message": "Bad value.", "code": "BAD_INPUT"}}"#,
    );
    assert_eq!(codes(&err), ["BAD_INPUT"]);
    let (_, err) = shape(
        r#"{"error": {"code": "401", "message": "Bad token.", "errors": [{"title": "invalid_token", "detail": "The token is malformed."}]}}"#,
    );
    assert_eq!(codes(&err), ["invalid_token"]);
    // The errors of the whole request (`base`) are the error's message, no field.
    let (_, err) = shape(
        r#"{"error_code": "too_many", "error_messages": {"base": [{"code": "too_many", "message": "Too many requests."}]}}"#,
    );
    assert_eq!(err.message(), "Too many requests.");
    assert!(err.fields().is_empty());
}

#[test]
fn problem_message_identifier_is_a_code() {
    let (s, err) = shape(
        r#"{"type": "about:blank/problem-with-message", "title": "Bad Request", "status": 400, "detail": "Validation failure", "message": "error.validation"}"#,
    );
    assert_eq!(s, Dialect::Problem);
    assert_eq!(codes(&err), ["error.validation"]);
}

#[test]
fn bare_leaves_an_id_beside_its_code_to_the_lenient_reader() {
    // Bare would drop the occurrence's id; the lenient reader keeps it.
    let (s, err) =
        shape(r#"{"status": 403, "id": "QX7PA-LMNO2-RSTU4", "code": "forbidden", "message": "Not for you."}"#);
    assert!(s.is_lenient());
    assert_eq!(err.request_id(), Some("QX7PA-LMNO2-RSTU4"));
    assert_eq!(codes(&err), ["forbidden"]);
    // Without an id it stays bare.
    let (s, _) = shape(r#"{"code": "forbidden", "message": "Not for you."}"#);
    assert_eq!(s, Dialect::Bare);
}

#[test]
fn known_roles_one_level_down_in_an_unknown_container() {
    // A message, a code, or a list of errors under a name the vocabulary
    // does not know, where the top level has no code.
    let (_, err) = shape(r#"{"login": {"valid": false, "message": "wrong password"}, "took": 0.2}"#);
    assert_eq!(err.message(), "wrong password");
    let (_, err) = shape(r#"{"ok": 0, "Gateway": {"code": "IP_BLOCKED"}, "message": "Your address is blocked."}"#);
    assert_eq!(codes(&err), ["IP_BLOCKED"]);
    assert_eq!(err.message(), "Your address is blocked.");
    let (_, err) = shape(
        r#"{"code": "Bad Request", "description": "request refused", "outcome": {"errors": [{"message": "x is not a string", "type": "bad_value"}]}}"#,
    );
    assert_eq!(codes(&err), ["bad_value"]);
    assert_eq!(err.message(), "request refused");
    // Two such objects, or a top-level code, say which is the error's.
    let (_, err) = shape(r#"{"a": {"message": "first thing"}, "b": {"message": "second thing"}}"#);
    assert_eq!(err.message(), "");
    let (_, err) = shape(r#"{"error_code": "E1", "message": "Failed.", "user": {"code": "USER_X"}}"#);
    assert_eq!(codes(&err), ["E1"]);
    // A `title` is no message there: an echo of the request has one too.
    let (_, err) =
        shape(r#"{"detail": [{"loc": ["body", "size"], "msg": "not an integer"}], "body": {"title": "towel"}}"#);
    assert_eq!(err.message(), "not an integer");
}

#[test]
fn messages_as_texts_of_other_names_and_identifiers() {
    // A `details` text is the message where nothing else is one.
    let (_, err) = shape(r#"{"object": "error", "code": "not_found", "status": 404, "details": "No such card."}"#);
    assert_eq!(err.message(), "No such card.");
    let (_, err) = shape(r#"{"message": "Card missing.", "details": "See the docs."}"#);
    assert_eq!(err.message(), "Card missing.");
    // An identifier as the body's message is its code, and its message when
    // nothing else says anything; not beside field errors.
    let (_, err) = shape(r#"{"success": false, "message": "KEY_REVOKED", "result": null}"#);
    assert_eq!(codes(&err), ["KEY_REVOKED"]);
    assert_eq!(err.message(), "KEY_REVOKED");
    let (_, err) = shape(r#"{"message": "ValidationError", "data": {"errors": {"email": ["is taken"]}}}"#);
    assert_eq!(err.message(), "");
    // The first item's message under another of the vocabulary's names.
    let (_, err) = shape(r#"{"errors": [{"attribute": "", "error": "Either a or b must be given."}]}"#);
    assert_eq!(err.message(), "Either a or b must be given.");
}

#[test]
fn codes_of_constants_sub_statuses_and_wrapped_items() {
    // A constant under a name no role claims, where nothing else is a code.
    let (_, err) = shape(r#"{"label": "INVALID_RANGE", "message": "Range too long ago."}"#);
    assert_eq!(codes(&err), ["INVALID_RANGE"]);
    let (_, err) = shape(r#"{"code": "E_RANGE", "region": "EU_WEST", "message": "Range too long ago."}"#);
    assert_eq!(codes(&err), ["E_RANGE"]);
    // A sub-status is the API's own number beside the HTTP status.
    let (_, err) = shape(r#"{"status": 401, "subStatus": 6001, "userMessage": "Session expired"}"#);
    assert_eq!(codes(&err), ["6001"]);
    // A `result: "error"` flag only where nothing else is a code.
    let (_, err) = shape(r#"{"result": "error", "reason": "BadNonce", "message": "Nonce reused."}"#);
    assert_eq!(codes(&err), ["BadNonce"]);
    let (_, err) = shape(r#"{"result": "error", "msg": "Rate limit hit, try again soon."}"#);
    assert_eq!(codes(&err), ["error"]);
    // Items that wrap an error object; a code with an upper-case prefix is no URI.
    let (_, err) =
        shape(r#"{"errors": [{"error": {"code": "GEO-SERVICE:404", "message": "The place could not be found."}}]}"#);
    assert_eq!(codes(&err), ["GEO-SERVICE:404"]);
    assert_eq!(err.message(), "The place could not be found.");
    // An item's `code` that reads as a tag is still its code.
    let (_, err) = shape(r#"{"errors": [{"code": "ERROR", "message": "Category not found"}]}"#);
    assert_eq!(codes(&err), ["ERROR"]);
}

#[test]
fn request_ids_and_fields_by_structure() {
    // A request id's name in another case or without separators.
    let (s, err) = shape(r#"{"code": "InvalidToken", "requestid": "7F3A-11BC", "message": "Bad token."}"#);
    assert!(s.is_lenient());
    assert_eq!(err.request_id(), Some("7F3A-11BC"));
    let (_, err) = shape(r#"{"code": "InvalidToken", "Trace-ID": "t-42", "message": "Bad token."}"#);
    assert_eq!(err.request_id(), Some("t-42"));
    // A list of items naming their field by a `path` text, in an error object.
    let (s, err) = shape(
        r#"{"error": {"code": 400, "message": "Constraints violated.", "ruleViolations": [{"path": "selector", "message": "Not applicable"}]}}"#,
    );
    assert!(s.is_lenient());
    assert_eq!(pointers(&err), ["/selector"]);
    // A null written as a text names no field.
    let (_, err) = shape(
        r#"{"errors": [{"code": "A", "message": "m", "path": "null"}, {"code": "B", "message": "n", "path": "offer.name"}]}"#,
    );
    assert_eq!(pointers(&err), ["/offer/name"]);
}

#[test]
fn codes_of_nested_validation_errors_beside_a_problem() {
    let (s, err) = shape(
        r#"{"title": "Bad Request", "status": 400, "detail": "Validation failed", "validation-errors": [{"index": 0, "errors": [{"code": "NotAChoice", "path": "items.0.value", "detail": "Not a choice."}]}]}"#,
    );
    assert_eq!(s, Dialect::Problem);
    assert_eq!(codes(&err), ["NotAChoice"]);
    assert_eq!(pointers(&err), ["/items/0/value"]);
}

#[test]
fn aws_type_is_a_code_unless_it_is_a_sentence() {
    let (_, err) =
        shape(r#"{"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException", "message": "Rate exceeded"}"#);
    assert_eq!(codes(&err), ["ThrottlingException"]);
    let (_, err) = shape(r#"{"__type": "Throttling:http://internal.amazon.com/coral/", "message": "Rate exceeded"}"#);
    assert_eq!(codes(&err), ["Throttling"]);
    // Words are no code (found by fuzzing: DRF could not write it back as one).
    let (_, err) = shape(r#"{"__type": "NotAuthorized username or password."}"#);
    assert!(codes(&err).is_empty(), "{:?}", codes(&err));
}

#[test]
fn request_id_written_in_the_message() {
    // Where no member holds one, an id the message writes after a label.
    let (_, err) =
        shape(r#"{"summary": "Sync failed", "detail": "Contact support with error id: 0af3c9d2e4b5a6f7 please"}"#);
    assert_eq!(err.request_id(), Some("0af3c9d2e4b5a6f7"));
    let (_, err) = shape(r#"{"errcode": 40999, "errmsg": "bad token rid: @7d1e2f3a-4b5c6d7e"}"#);
    assert_eq!(err.request_id(), Some("7d1e2f3a-4b5c6d7e"));
    // A member's id comes first; a label inside a word, or words after it, are none.
    let (_, err) = shape(r#"{"message": "Failed (request id: 11112222333344445)", "request_id": "abc-123456789"}"#);
    assert_eq!(err.request_id(), Some("abc-123456789"));
    let (_, err) = shape(r#"{"errmsg": "invalid grid: 12345678 and 9", "errcode": 12}"#);
    assert_eq!(err.request_id(), None);
    let (_, err) = shape(r#"{"message": "The request id: missing from the header", "code": "E1"}"#);
    assert_eq!(err.request_id(), None);
    // The labels are the request id's names, in any case and spelling, one word or two.
    for label in ["Request ID", "Trace-ID", "x_request_id", "debug id", "correlationId", "RID"] {
        let body = format!(r#"{{"errmsg": "Failed, {label} = 5f0c2a9e-77d1 (retry later)", "errcode": 12}}"#);
        assert_eq!(shape(&body).1.request_id(), Some("5f0c2a9e-77d1"), "{label}");
    }
    for label in ["id", "valid", "paid id", "order id", "request"] {
        let body = format!(r#"{{"errmsg": "Failed, {label}: 5f0c2a9e-77d1", "errcode": 12}}"#);
        assert_eq!(shape(&body).1.request_id(), None, "{label}");
    }
}

#[test]
fn the_reset_of_a_spent_rate_limit_is_the_retry_hint() {
    // A limit the body says is spent: its reset in seconds…
    let (_, err) = shape(r#"{"message": "Slow down.", "quota": {"limit": 60, "remaining": 0, "reset": 42}}"#);
    assert_eq!(err.retry_after(), Some(42));
    // …or a time since the epoch, counted from the body's own timestamp.
    let (_, err) = shape(
        r#"{"status": {"message": "over quota"}, "rate": {"limit": 5, "remaining": 0, "reset": 1700003600}, "timestamp": {"unix": 1700000000}}"#,
    );
    assert_eq!(err.retry_after(), Some(3600));
    // Not from the reader's clock; not a limit with requests left.
    let (_, err) = shape(r#"{"message": "over quota", "limit": {"remaining": 0, "reset": 1700003600}}"#);
    assert_eq!(err.retry_after(), None);
    let (_, err) = shape(r#"{"message": "Not found.", "rate": {"limit": 60, "remaining": 12, "reset": 42}}"#);
    assert_eq!(err.retry_after(), None);
    // Any reset of a 429.
    let body = r#"{"message": "Too many requests, wait a second.", "limit": 10, "current": 11, "reset": 1}"#;
    let err = super::super::decode_or_status(http::StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), body.as_bytes()).0;
    assert_eq!(err.retry_after(), Some(1));
}

#[test]
fn a_lone_list_of_errors_beside_empty_members_is_messages() {
    // As alone (Rails' way): the messages, no field named `errors`.
    for body in [r#"{"errors": ["login"]}"#, r#"{"errors": ["login"], "details": []}"#] {
        let (_, err) = shape(body);
        assert_eq!(err.message(), "login", "{body}");
        assert!(err.fields().is_empty(), "{body}");
    }
    // Beside another field's messages it is a field too (DRF's map).
    let (_, err) = shape(r#"{"errors": ["login"], "name": ["required"]}"#);
    assert_eq!(err.fields().len(), 2);
}

#[test]
fn a_capitalised_list_of_field_errors_is_read_once() {
    // Names match as written or capitalised: `Errors` was read as a list of
    // field errors and again as a list of items that name a field; an RFC
    // 9457 body's `Violations` not at all.
    let (_, err) = shape(r#"{"Errors": [{"field": "a", "message": "m1"}], "msg": "x"}"#);
    assert_eq!(err.fields().len(), 1, "{:?}", err.fields());
    let (_, err) = shape(r#"{"title": "T", "Violations": [{"propertyPath": "a", "message": "m1"}]}"#);
    assert_eq!(err.fields().iter().map(|v| v.pointer.as_str()).collect::<Vec<_>>(), ["/a"]);
}

#[test]
fn a_data_map_of_field_to_messages_is_field_errors() {
    let (_, err) = shape(
        r#"{"data": {"name": ["value '' fails validation of type `required`"]}, "message": "validation errors", "status": 400}"#,
    );
    assert_eq!(pointers(&err), ["/name"]);
    assert_eq!(err.message(), "validation errors");
    // Not a map holding anything else, nor an empty list.
    for body in [
        r#"{"data": {"name": ["required"], "count": 3}, "message": "Invalid"}"#,
        r#"{"data": {"tags": []}, "message": "Invalid"}"#,
    ] {
        let (_, err) = shape(body);
        assert!(err.fields().is_empty(), "{body}");
    }
}

#[test]
fn a_list_of_errors_wrapped_as_xml_writes_it_is_the_list() {
    let (_, err) = shape(
        r#"{"errors": {"error": [{"code": "INVALID_REQUEST_CONTENT", "field": "methodCode", "description": "Method code is not supported"}]}}"#,
    );
    assert_eq!(codes(&err), ["INVALID_REQUEST_CONTENT"]);
    assert_eq!(err.message(), "Method code is not supported");
    assert_eq!(pointers(&err), ["/methodCode"]);
    // A map of field to errors with a field named `error` stays one.
    let (_, err) = shape(r#"{"errors": {"error": [{"message": "is required"}], "name": [{"message": "is taken"}]}}"#);
    assert_eq!(pointers(&err), ["/error", "/name"]);
}

#[test]
fn asp_net_model_state_is_field_errors() {
    let (_, err) = shape(
        r#"{"Message": "The request is invalid.", "ModelState": {"apiOrders.orderNumber": ["Cannot deserialize."], "order.email": ["Required."]}}"#,
    );
    assert_eq!(err.message(), "The request is invalid.");
    assert_eq!(pointers(&err), ["/apiOrders/orderNumber", "/order/email"]);
}

/// Found by fuzzing: a map of field to messages with a field named like a
/// member (`details`) is the lenient reader's, which read its dotted keys
/// in name order, so DRF wrote them back in another order than it read.
#[test]
fn a_map_of_dotted_fields_reads_in_document_order() {
    let (_, err) = shape(r#"{"details": ["a"], "leads.5.phone": ["b"], "corporate_state": ["c"], "code": "x"}"#);
    let fields: Vec<&str> = err.fields().iter().map(|v| v.field.as_str()).collect();
    assert_eq!(fields, ["details", "leads.5.phone", "corporate_state"]);
}

#[test]
fn unread_top_level_members_are_kept_but_internals() {
    // Spring's default body: `timestamp` and a flag are not read, so they are
    // kept; the code, the message and the status are read, and the stack
    // trace and the exception's class are the server's internals.
    let body = r#"{"timestamp": "2020-05-15T11:00:34Z", "status": 400, "error": "Bad Request",
        "message": "Validation failed", "path": "/api/users", "retryable": false, "limit": 10,
        "exception": "org.example.ValidationException", "trace": "org.example.ValidationException\n\tat Main.java:1",
        "stackTrace": "at Main.java:1", "debug_info": "SELECT * FROM users"}"#;
    let (s, err) = shape(body);
    assert!(s.is_lenient());
    let ext = &err.details().extensions;
    assert_eq!(ext.get("timestamp").and_then(|v| v.as_str()), Some("2020-05-15T11:00:34Z"));
    assert_eq!(ext.get("retryable"), Some(&serde_json::json!(false)));
    assert_eq!(ext.get("limit"), Some(&serde_json::json!(10)));
    for read_or_internal in ["status", "error", "message", "path", "exception", "trace", "stackTrace", "debug_info"] {
        assert!(!ext.contains_key(read_or_internal), "{read_or_internal} kept: {ext:?}");
    }
    // A constant under a name no role claims is the code, not an extension;
    // a top-level field's message is the field's; objects and lists are
    // looked into, not kept.
    let (_, err) = shape(r#"{"label": "INVALID_PARAM_VALUE", "description": "Bad value", "hint": "Try again"}"#);
    assert_eq!(codes(&err), ["INVALID_PARAM_VALUE"]);
    assert!(!err.details().extensions.contains_key("label"));
    assert_eq!(err.details().extensions.get("hint").and_then(|v| v.as_str()), Some("Try again"));
}

#[test]
fn a_strict_decode_keeps_no_internals_either() {
    let (s, err) =
        shape(r#"{"error": {"code": "NOT_FOUND", "message": "No such user"}, "stack": "at x.js:1", "ok": false}"#);
    assert!(!s.is_lenient());
    assert!(!err.details().extensions.contains_key("stack"));
    assert_eq!(err.details().extensions.get("ok"), Some(&serde_json::json!(false)));
}

#[test]
fn status_numbers_that_are_no_http_status_are_codes() {
    // Negative: no HTTP status; a small `status` stays a flag.
    let (_, err) = shape(r#"{"status": -700, "error_message": "Account not authenticated", "data": null}"#);
    assert_eq!(codes(&err), ["-700"]);
    let (_, err) = shape(r#"{"seq": 0, "status": 1, "content": {"error": "LOGIN_ERROR"}}"#);
    assert_eq!(codes(&err), ["LOGIN_ERROR"]);
    // A `statusCode` outside 2xx, 4xx and 5xx is the API's own.
    for (n, code) in [(190, Some("190")), (300, Some("300")), (404, None), (200, None)] {
        let (_, err) = shape(&format!(r#"{{"statusCode": {n}, "body": {{}}, "message": "Hub is busy"}}"#));
        assert_eq!(codes(&err).first().map(String::as_str), code, "{n}");
    }
}

#[test]
fn an_error_key_and_the_codes_of_a_list_naming_fields() {
    let (_, err) = shape(r#"{"error_key": "unauthorized", "error_message": "Unauthorized"}"#);
    assert_eq!(codes(&err), ["unauthorized"]);
    let (_, err) = shape(
        r#"{"code": "INVALID_BODY", "fields": [{"code": "UNEXPECTED_TYPE", "message": "is not a array", "path": "records"}],
            "message": "Request body doesn't fulfill schema"}"#,
    );
    assert_eq!(codes(&err), ["INVALID_BODY", "UNEXPECTED_TYPE"]);
    assert_eq!(pointers(&err), ["/records"]);
}

#[test]
fn a_field_map_whose_numeric_code_is_the_status() {
    let body = r#"{"code": 422, "message": "The given data was invalid.", "errors": {"order_id": ["taken"]}}"#;
    let (s, err) = shape(body);
    assert_eq!(s, Shape::Dialect(Dialect::FieldMap));
    assert!(codes(&err).is_empty());
    assert_eq!(err.code(), &crate::ErrorCode::ValidationError);
    // A number that is no error status stays the API's code.
    let (_, err) = shape(r#"{"code": 7, "message": "Invalid.", "errors": {"order_id": ["taken"]}}"#);
    assert_eq!(codes(&err), ["7"]);
}

#[test]
fn a_trace_id_and_a_capitalised_own_id() {
    let (_, err) =
        shape(r#"{"title": "Bad Request", "message": "Validation failed.", "trace": "6897907457496870895"}"#);
    assert_eq!(err.request_id(), Some("6897907457496870895"));
    // A stack trace is none.
    let (_, err) = shape(r#"{"message": "Failed.", "code": "E1", "trace": "java.lang.Error\n\tat Main.java:1"}"#);
    assert_eq!(err.request_id(), None);
    let (_, err) = shape(
        r#"{"Code": "bad_request.consent_status", "Id": "d3628722-749f-4fe9-76f9-f59844ad3714", "Message": "Invalid consent status"}"#,
    );
    assert_eq!(err.request_id(), Some("d3628722-749f-4fe9-76f9-f59844ad3714"));
}

#[test]
fn an_items_details_text_and_a_request_id_in_any_object() {
    let body = r#"{"Errors": [{"Type": "InternalError", "Details": "An internal error occurred", "Code": "2000"}],
        "ResponseContext": {"RequestId": "7c0d8260-0fe2-4acd-af4a-31dc2245eaf8"}}"#;
    let (_, err) = shape(body);
    assert_eq!(err.message(), "An internal error occurred");
    assert_eq!(err.request_id(), Some("7c0d8260-0fe2-4acd-af4a-31dc2245eaf8"));
}

#[test]
fn a_list_of_errors_that_each_name_a_field() {
    // FluentValidation's failures, as .NET APIs return them: one error, its fields.
    let body = r#"[{"propertyName": "Path", "errorMessage": "Invalid Path", "errorCode": "PathValidator"},
        {"propertyName": "RootFolderPath", "errorMessage": "Invalid Path", "errorCode": "PathValidator"}]"#;
    let (s, err) = shape(body);
    assert!(s.is_lenient());
    assert_eq!(err.message(), "Invalid Path");
    assert_eq!(pointers(&err), ["/Path", "/RootFolderPath"]);
    assert_eq!(codes(&err), ["PathValidator"]);
    // A list of errors naming no field is still read as its first error.
    let (_, err) = shape(r#"[{"code": "E1", "message": "First."}, {"code": "E2", "message": "Second."}]"#);
    assert_eq!(codes(&err), ["E1"]);
    assert!(err.fields().is_empty());
}

#[test]
fn tags_in_any_case_and_a_heading_under_message() {
    let body = r#"{"status": "FAIL", "message": "Validation Error",
        "description": "Input validation failed.", "error_code": "VAL-422", "data": null}"#;
    let (_, err) = shape(body);
    assert_eq!(codes(&err), ["VAL-422"]);
    // `message` names the message itself, heading or not.
    assert_eq!(err.message(), "Validation Error");
    // A heading under another name still yields to a sentence.
    let (_, err) = shape(r#"{"error": "Account Locked", "text": "Your account was locked after many attempts."}"#);
    assert_eq!(err.message(), "Your account was locked after many attempts.");
}

#[test]
fn a_request_id_named_by_its_words_beside_a_strict_shape() {
    let body = r#"{"code": "SERVICE_UNAVAILABLE", "message": "Try again.", "trackingId": "fc342644-e48f-4fd9-96e3-a6860607d405"}"#;
    let (_, err) = shape(body);
    assert_eq!(err.request_id(), Some("fc342644-e48f-4fd9-96e3-a6860607d405"));
    // And by the strict decoder of a shape named by the caller.
    let err = Dialect::Bare.decode(None, &HeaderMap::new(), body.as_bytes()).unwrap();
    assert_eq!(err.request_id(), Some("fc342644-e48f-4fd9-96e3-a6860607d405"));
    // What reads back as the request id is not written as an extension.
    let err = ApiError::new(crate::ErrorCode::NotFound).with_extension("trackingId", "abc");
    let body = Dialect::Canonical.encode(&err).into_body();
    assert!(!String::from_utf8_lossy(&body).contains("trackingId"));
}

#[test]
fn a_retry_hint_named_by_its_words_beside_a_strict_shape() {
    let body = r#"{"code": "RATE_LIMITED", "message": "Slow down.", "waitMs": 1500}"#;
    let (_, err) = shape(body);
    assert_eq!(err.retry_after(), Some(2));
    // What reads back as the retry hint is not written as an extension;
    // a member of such a name that holds no number of its unit is.
    let err = ApiError::new(crate::ErrorCode::NotFound)
        .with_extension("waitMs", 500)
        .with_extension("delay_reason", "network")
        .with_extension("retryCount", 3)
        .with_extension("Backoff", 5);
    let body = String::from_utf8(Dialect::Canonical.encode(&err).into_body()).unwrap();
    assert!(!body.contains("waitMs") && body.contains("delay_reason") && body.contains("retryCount"), "{body}");
    // A name of the table capitalised reads as one, so is not written either.
    assert!(!body.contains("Backoff"), "{body}");
    // A count of retries read back is no hint.
    let (_, err) = shape(&body);
    assert_eq!(err.retry_after(), None);
}

#[test]
fn a_wrapper_holding_only_a_list_of_errors() {
    let body = r#"{"code": 401, "data": {"errors": [{"code": -18010002, "message": "Access token is invalid."}]}}"#;
    let (_, err) = shape(body);
    assert_eq!(codes(&err), ["-18010002"]);
    assert_eq!(err.message(), "Access token is invalid.");
    // The wrapper is the error object, not a field of a map of them.
    assert!(err.fields().is_empty());
}

#[test]
fn the_id_of_an_object_that_lists_errors_is_no_code() {
    let body = r#"{"root": {"id": "toplevel", "relevance": 1.0, "fields": {"totalCount": 0},
        "errors": [{"code": 4, "summary": "Invalid query parameter", "message": "Must be a tensor."}]}}"#;
    let (_, err) = shape(body);
    assert_eq!(codes(&err), ["4"]);
    assert_eq!(err.message(), "Must be a tensor.");
    // An error's own `id` naming its kind stays its code.
    let (_, err) = shape(r#"{"error": {"id": "not_found", "message": "No such thing."}}"#);
    assert_eq!(codes(&err), ["not_found"]);
}

#[test]
fn a_fields_messages_under_a_message_list_name() {
    // `{"messages": […]}` is the field's messages, not a level of the tree.
    let body = r#"{"code": "VA01", "message": "Invalid input.", "errors": {"items.0.sku": {"messages": ["Required.", "Too short."]}}}"#;
    let (_, err) = shape(body);
    assert_eq!(pointers(&err), ["/items/0/sku", "/items/0/sku"]);
    assert_eq!(err.fields()[1].message, "Too short.");
}

#[test]
fn field_maps_a_problem_keeps_aside() {
    // Nested fields (marshmallow's), and a pydantic item per field, whose
    // `type` is a code and whose request part (`body.`) is no field.
    let body = r#"{"title": "Bad Request", "status": 400, "detail": "Invalid.",
        "fields": {"settings": {"timeout": ["Not a number."]}}}"#;
    let (s, err) = shape(body);
    assert_eq!(s, Dialect::Problem);
    assert_eq!(pointers(&err), ["/settings/timeout"]);
    let body = r#"{"title": "Bad Request", "status": 400, "detail": "Invalid.",
        "fields": {"body.name": {"type": "missing", "loc": ["body", "name"], "msg": "Field required", "input": {"id": 4}}}}"#;
    let (_, err) = shape(body);
    assert_eq!(pointers(&err), ["/name"]);
    assert_eq!(err.fields()[0].message, "Field required");
    assert_eq!(codes(&err), ["missing"]);
}

#[test]
fn a_map_of_fields_under_a_message_name() {
    let (s, err) = shape(r#"{"message": {"username": ["Already taken."]}}"#);
    assert!(s.is_lenient(), "not DRF's field `message`");
    assert_eq!(pointers(&err), ["/username"]);
    assert_eq!(err.fields()[0].message, "Already taken.");
}

#[test]
fn items_of_a_name_and_a_reason_under_any_name() {
    // RFC 9457's own example item, under a list name of the API's own.
    let body = r#"{"type": "https://example.com/probs/invalid", "title": "Bad Request", "status": 400,
        "detail": "See the list.", "moreDetails": [{"name": "amount", "reason": "Must be positive."}]}"#;
    let (_, err) = shape(body);
    assert_eq!(pointers(&err), ["/amount"]);
    assert_eq!(err.fields()[0].message, "Must be positive.");
}

#[test]
fn an_identifier_as_an_items_title_or_detail_is_a_code() {
    let (_, err) =
        shape(r#"{"errors": [{"type": "auth_error", "title": "Authorization Error", "detail": "session_expired"}]}"#);
    assert_eq!(codes(&err), ["auth_error", "session_expired"]);
    assert_eq!(err.message(), "Authorization Error");
    // Where nothing else says anything, the identifier is the message too,
    // as an identifier given as the body's message is.
    let (_, err) = shape(r#"{"errors": [{"type": "access_denied", "title": "error.token.refresh_too_early"}]}"#);
    assert_eq!(codes(&err), ["access_denied", "error.token.refresh_too_early"]);
    assert_eq!(err.message(), "error.token.refresh_too_early");
}

#[test]
fn a_field_named_twice_is_where_the_request_places_it() {
    let body = r#"{"status": 422, "code": 18000, "message": "Validation failed.",
        "validationMessages": [{"field": "lines.account.name", "message": "Required.", "path": "lines[2].account.name"}]}"#;
    let (_, err) = shape(body);
    assert_eq!(pointers(&err), ["/lines/2/account/name"]);
    // A second name of another field changes nothing.
    let (_, err) = shape(r#"{"errors": [{"field": "email", "message": "Taken.", "path": "users[0].login"}]}"#);
    assert_eq!(pointers(&err), ["/email"]);
}

#[test]
fn a_retry_hint_in_a_json_api_items_meta() {
    let body = r#"{"errors": [{"code": "04501", "title": "Analysis under way", "detail": "Takes up to two days.",
        "meta": {"provider": "X", "retry_in": 172800}}]}"#;
    let (s, err) = shape(body);
    assert_eq!(s, Dialect::JsonApi);
    assert_eq!(err.retry_after(), Some(172800));
    // A field error's item gives one too; a count of retries is none.
    let body =
        r#"{"errors": [{"code": "busy", "detail": "Busy.", "source": {"pointer": "/a"}, "meta": {"waitMs": 1500}}]}"#;
    assert_eq!(shape(body).1.retry_after(), Some(2));
    let body = r#"{"errors": [{"code": "busy", "detail": "Busy.", "meta": {"retryCount": 3}}]}"#;
    assert_eq!(shape(body).1.retry_after(), None);
}

#[test]
fn a_map_of_errors_keyed_by_their_own_codes() {
    let body = r#"{"errors": {"E42": {"code": "E42", "message": "Too many requests.", "solution": "Wait."}}}"#;
    let (_, err) = shape(body);
    assert_eq!(codes(&err), ["E42"]);
    assert_eq!(err.message(), "Too many requests.");
    assert!(err.fields().is_empty());
    // A map keyed by field stays one, its errors' codes codes.
    let (_, err) = shape(r#"{"errors": {"email": {"code": "taken", "message": "Already taken."}}}"#);
    assert_eq!(pointers(&err), ["/email"]);
}

#[test]
fn a_chain_of_lone_members_is_an_envelope() {
    let body =
        r#"{"metadata": {"responseInfo": {"status": 400, "developerMessage": "Invalid key.", "errorCode": "85"}}}"#;
    let (_, err) = shape(body);
    assert_eq!(codes(&err), ["85"]);
    assert_eq!(err.message(), "Invalid key.");
    // A map of field errors is none.
    let (_, err) = shape(r#"{"errors": {"id": {"msg": "Should be a valid id", "param": "id"}}}"#);
    assert_eq!(pointers(&err), ["/id"]);
}

#[test]
fn a_map_of_fields_has_only_fields() {
    // A `success` flag or a tag status beside the lists: no DRF body.
    let (s, err) = shape(r#"{"status": "ERR", "issues": ["value 'x' for field 'name' not unique"]}"#);
    assert!(s.is_lenient());
    assert_eq!(err.message(), "value 'x' for field 'name' not unique");
    assert!(err.fields().is_empty());
    // A list of codes under a name that says so.
    let (s, err) = shape(r#"{"success": false, "error-codes": ["invalid-input-secret", "timeout-or-duplicate"]}"#);
    assert!(s.is_lenient());
    assert_eq!(codes(&err), ["invalid-input-secret", "timeout-or-duplicate"]);
    assert!(err.fields().is_empty());
    // A map of fields alone still is DRF's.
    let (s, _) = shape(r#"{"email": ["Enter a valid email address."]}"#);
    assert_eq!(s, Dialect::Drf);
}

#[test]
fn the_fifteenth_rounds_rules_keep_to_their_classes() {
    // Lists of messages under two message names are a level of the tree.
    let (_, err) = shape(r#"{"errors": {"json": {"title": ["Missing data."], "name": ["Missing data."]}}}"#);
    assert_eq!(pointers(&err), ["/json/name", "/json/title"]);
    // A field's error repeating its field under `name` is no error keyed by its code.
    let (_, err) = shape(r#"{"errors": {"email": {"name": "email", "message": "is invalid"}}}"#);
    assert_eq!(pointers(&err), ["/email"]);
    // Only `body.` in front of a map's key is the request part.
    let (_, err) = shape(r#"{"message": "Invalid.", "errors": {"query.filter": ["Unknown operator."]}}"#);
    assert_eq!(pointers(&err), ["/query/filter"]);
    // A list of codes by its name is one of an error's.
    let (_, err) = shape(r#"{"message": "Not allowed here.", "allowed_country_codes": ["DE", "FR"]}"#);
    assert!(codes(&err).is_empty(), "{:?}", codes(&err));
    // An item's field repeated as a path is no code.
    let (_, err) = shape(r#"{"errors": [{"code": "invalid", "detail": "/data/attributes/email"}]}"#);
    assert_eq!(codes(&err), ["invalid"]);
}

#[test]
fn one_errors_own_members_under_errors() {
    // `errors` holding one error's code and message is that error, not a map of fields.
    let (s, err) =
        shape(r#"{"errors": {"code": "resource_not_found", "message": "Resource not found", "parameter": "id"}}"#);
    assert!(s.is_lenient());
    assert_eq!(codes(&err), ["resource_not_found"]);
    assert_eq!(err.message(), "Resource not found");
    assert_eq!(pointers(&err), ["/id"]);
    let (_, err) = shape(r#"{"errors": {"error_type": "RESOURCE_NOT_FOUND", "error_message": "Lead not found."}}"#);
    assert_eq!(codes(&err), ["RESOURCE_NOT_FOUND"]);
    assert!(err.fields().is_empty());
    // A form's fields named `code` and `message` have sentences for messages: fields.
    let (s, err) =
        shape(r#"{"message": "Invalid.", "errors": {"code": "The code is required.", "message": "Too short."}}"#);
    assert_eq!(s, Shape::Dialect(Dialect::FieldMap));
    assert_eq!(pointers(&err), ["/code", "/message"]);
}

#[test]
fn a_request_id_one_level_down_beside_a_strict_shape() {
    // A problem's `trace` object, a nested shape's `meta`: kept, and their request id read.
    let (s, err) = shape(
        r#"{"type": "https://httpproblems.com/http-status/429", "title": "Too Many Requests", "status": 429,
            "trace": {"timestamp": "2025-08-26T21:50:40.220Z", "requestId": "4c62d425", "buildId": "f49c"}}"#,
    );
    assert_eq!(s, Shape::Dialect(Dialect::Problem));
    assert_eq!(err.request_id(), Some("4c62d425"));
    let (s, err) = shape(
        r#"{"success": false, "error": {"code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"},
            "meta": {"timestamp": "2024-01-15T10:30:00Z", "requestId": "req_xyz789"}}"#,
    );
    assert_eq!(s, Shape::Dialect(Dialect::Nested));
    assert_eq!(err.request_id(), Some("req_xyz789"));
}

#[test]
fn an_envelopes_type_beside_an_error_with_a_code() {
    let (_, err) = shape(
        r#"{"type": "ErrorResponse", "error": {"id": "x", "status": 429, "detail": "Rate limit exceeded", "code": "RATE_LIMITED"}}"#,
    );
    assert_eq!(codes(&err), ["RATE_LIMITED"]);
    // Without a code in the error object, the `type` still names the error.
    let (_, err) = shape(r#"{"type": "quota_exceeded", "error": {"message": "Quota exceeded"}}"#);
    assert_eq!(codes(&err), ["quota_exceeded"]);
}

#[test]
fn an_error_class_under_an_items_name() {
    // `name: "ValidationError"` is the item's code, no field; its fields are in a list of its own.
    let (_, err) = shape(
        r#"{"errors": [{"name": "ValidationError", "data": [{"field": "email", "message": "Taken."}],
            "message": "The following field is invalid: email"}]}"#,
    );
    assert_eq!(codes(&err), ["ValidationError"]);
    assert_eq!(pointers(&err), ["/email"]);
    // A field's name is still one.
    let (_, err) = shape(r#"{"errors": [{"name": "email", "message": "Taken."}]}"#);
    assert_eq!(pointers(&err), ["/email"]);
    assert!(super::vocab::is_error_class_name("NotFoundException"));
    assert!(!super::vocab::is_error_class_name("Error") && !super::vocab::is_error_class_name("userError_id"));
}

#[test]
fn a_title_that_is_the_status_phrase_yields_to_a_description() {
    let (s, err) =
        shape(r#"{"title": "Not Found", "description": "No account for the given key", "code": "QIT000099"}"#);
    assert!(s.is_lenient());
    assert_eq!(err.message(), "No account for the given key");
    assert_eq!(codes(&err), ["QIT000099"]);
    // A title of its own stays RFC 9457's.
    let (s, _) = shape(r#"{"title": "Account missing", "description": "No account", "code": "QIT000099"}"#);
    assert_eq!(s, Shape::Dialect(Dialect::Problem));
}

#[test]
fn a_status_that_is_neither_an_http_status_nor_a_flag_is_a_code() {
    let (_, err) = shape(r#"{"status": "5600", "message": "Check the input."}"#);
    assert_eq!(codes(&err), ["5600"]);
    let (_, err) = shape(r#"{"error": 1, "status": 24, "msg": "Access denied!"}"#);
    assert_eq!(codes(&err), ["24"]);
    // A flag, or the HTTP status, is none.
    for body in [r#"{"status": 1, "msg": "Access denied!"}"#, r#"{"status": "0", "message": "NOTOK"}"#] {
        assert!(codes(&shape(body).1).is_empty(), "{body}");
    }
}

#[test]
fn an_items_field_under_a_name_the_list_shapes_do_not_read() {
    // `property` is no member of GitHub's items: the lenient reader's, which reads it.
    let (s, err) = shape(
        r#"{"code": 422, "message": "Validation failed.", "errors": [{"property": "sets", "message": "Must be unique."}]}"#,
    );
    assert!(s.is_lenient());
    assert_eq!(pointers(&err), ["/sets"]);
    assert!(codes(&err).is_empty());
    // `attribute` and `fieldName` name the field: not GraphQL's, whose items would drop them.
    for name in ["attribute", "fieldName"] {
        let body = format!(
            r#"{{"errors": [{{"code": "presence_error", "{name}": "email", "message": "Email is required"}}, {{"code": "length_error", "{name}": "name", "message": "Name is too long"}}]}}"#
        );
        let (s, err) = shape(&body);
        assert!(s.is_lenient(), "{name}");
        assert_eq!(pointers(&err), ["/email", "/name"], "{name}");
        assert_eq!(codes(&err), ["presence_error", "length_error"], "{name}");
    }
}

#[test]
fn lists_of_sentences_beside_the_errors_own_members() {
    let (_, err) = shape(
        r#"{"code": 422, "message": "Unprocessable Entity", "description": "Validation error",
            "price": ["The price must be at least 0."], "stock": ["The stock must be an integer."]}"#,
    );
    assert_eq!(pointers(&err), ["/price", "/stock"]);
    assert_eq!(err.message(), "Validation error");
    // Words are no sentences: a list of tags is no field.
    let (_, err) = shape(r#"{"code": "E1", "message": "Failed.", "tags": ["billing", "retry"]}"#);
    assert!(err.fields().is_empty());
}

#[test]
fn a_fields_error_with_a_code_and_no_message_names_the_field() {
    let (_, err) = shape(
        r#"{"errors": {"name": [{"code": "length", "message": "Too short"}], "email": [{"code": "email", "message": null}]}}"#,
    );
    assert_eq!(pointers(&err), ["/name", "/email"]);
    assert_eq!(err.fields()[1].message, "email");
}

#[test]
fn a_json_api_title_that_is_an_identifier_is_a_code() {
    let (s, err) = shape(
        r#"{"errors": [{"status": "400", "code": "invalid_pagination", "title": "InvalidPagination", "detail": "Bad page.", "source": {"parameter": "page"}}]}"#,
    );
    assert_eq!(s, Shape::Dialect(Dialect::JsonApi));
    assert_eq!(codes(&err), ["invalid_pagination", "InvalidPagination"]);
    // A title of words, or a status phrase, is none.
    for title in ["Invalid pagination", "Conflict", "Not Found"] {
        let body = format!(r#"{{"errors": [{{"status": "400", "code": "invalid_pagination", "title": "{title}"}}]}}"#);
        let (_, err) = shape(&body);
        assert_eq!(codes(&err), ["invalid_pagination"], "{title}");
    }
}

#[test]
fn a_tagged_union_of_a_type_and_its_value() {
    let (_, err) = shape(
        r#"{"type": "com.example.errors.unexpected_input", "value": {"messages": [{"args": [], "default_message": "Found unexpected fields.", "id": "data.field.unexpected"}]}}"#,
    );
    assert_eq!(codes(&err), ["com.example.errors.unexpected_input", "data.field.unexpected"]);
    assert_eq!(err.message(), "Found unexpected fields.");
}

#[test]
fn the_sixteenth_rounds_rules_keep_to_their_classes() {
    // A form's fields named `name`, `type`, `title` or `description` are fields, not one error.
    for body in [
        r#"{"errors": {"name": "too_long", "description": "blank"}}"#,
        r#"{"errors": {"type": "invalid_choice", "title": "can't be blank"}}"#,
    ] {
        assert!(!shape(body).1.fields().is_empty(), "{body}");
    }
    // This crate's own field map of fields named `code` and `message` (lists) stays one.
    let (s, err) = shape(r#"{"message": "Invalid.", "errors": {"code": ["INVALID"], "message": ["Too long."]}}"#);
    assert_eq!(s, Shape::Dialect(Dialect::FieldMap));
    assert_eq!(pointers(&err), ["/code", "/message"]);
    // A tagged union's type is a code only where it reads as one, and its value holds an error.
    let (_, err) = shape(r#"{"type": "error", "value": {"message": "Quota exceeded"}}"#);
    assert!(codes(&err).is_empty());
    let (_, err) = shape(r#"{"type": "https://example.com/probs/quota", "value": {"message": "Quota exceeded"}}"#);
    assert!(codes(&err).iter().all(|c| !c.starts_with("https")));
    // Advice beside the error's members names no field.
    let (_, err) = shape(
        r#"{"status": "error", "message": "Payment failed", "suggestions": ["Check the card number and try again."]}"#,
    );
    assert!(err.fields().is_empty());
    // A field's error object with a code and a null message names the field, not `email.code`.
    let (_, err) = shape(r#"{"errors": {"email": {"code": "invalid", "message": null}}}"#);
    assert_eq!(pointers(&err), ["/email"]);
    // Rails' error details beside the messages add no second violation.
    let (_, err) =
        shape(r#"{"errors": {"email": ["can't be blank"]}, "error_details": {"email": [{"error": "blank"}]}}"#);
    assert_eq!(pointers(&err), ["/email"]);
    // A problem's `status` that is no HTTP status is a code; the body is the lenient reader's.
    let (s, err) = shape(r#"{"status": 24, "detail": "Access denied"}"#);
    assert!(s.is_lenient());
    assert_eq!(codes(&err), ["24"]);
}

#[test]
fn a_request_id_is_not_read_from_an_errors_free_form_details() {
    // Nested and canonical keep `details` as this crate writes it: no request id from there.
    let (s, err) = shape(
        r#"{"success": false, "error": {"code": "DUPLICATE", "message": "Taken.", "details": {"order": {"reference_id": "ORD-1"}}}}"#,
    );
    assert_eq!(s, Shape::Dialect(Dialect::Nested));
    assert_eq!(err.request_id(), None);
    let own = crate::ApiError::new(crate::ErrorCode::NotFound)
        .with_extension("event", serde_json::json!({"event_id": "evt_1"}));
    for &d in Dialect::ALL {
        let res = d.encode(&own);
        let (_, back) = super::super::decode(Some(res.status()), res.headers(), res.body()).unwrap();
        assert_eq!(back.request_id(), None, "{d}");
    }
}

#[test]
fn a_details_objects_repeated_name_counts_last() {
    let (_, err) = shape(r#"{"error": {"code": "X", "message": "m", "details": {"reason": "a", "reason": 5}}}"#);
    assert_eq!(err.details().extensions.get("reason"), Some(&serde_json::json!(5)));
    let (_, err) = shape(r#"{"error": {"code": "X", "message": "m", "details": {"reason": 5, "reason": "a"}}}"#);
    assert_eq!(err.details().extensions.get("reason"), Some(&serde_json::json!("a")));
}

#[test]
fn a_null_written_as_a_text_names_no_code_type_or_field() {
    // OpenAI-compatible servers in Python write `str(None)`.
    let (s, err) = shape(
        r#"{"error": {"message": "No deployments available.", "type": "None", "param": "None", "code": "None"}}"#,
    );
    assert_eq!(s, Shape::Dialect(Dialect::Stripe));
    assert!(codes(&err).is_empty());
    assert!(err.fields().is_empty());
    assert_eq!(err.message(), "No deployments available.");
    // A type that is a word still is one.
    let (_, err) = shape(r#"{"error": {"message": "m", "type": "rate_limit_error", "param": null, "code": null}}"#);
    assert_eq!(codes(&err), ["rate_limit_error"]);
    // Nor does Stripe's encoder write one as the type: the body reads back as it was written.
    let own = crate::ApiError::new(crate::ErrorCode::NotFound).with_extension("type", serde_json::json!("None"));
    let first = Dialect::Stripe.encode(&own);
    let (_, back) = super::super::decode(Some(first.status()), first.headers(), first.body()).unwrap();
    assert_eq!(Dialect::Stripe.encode(&back).body(), first.body());
}

#[test]
fn a_lone_members_name_is_no_code_beside_the_errors_own() {
    let (_, err) =
        shape(r#"{"ErrorInformation": {"Error": 1, "Message": "Kan inte hitta artikeln.", "Code": 2000428}}"#);
    assert_eq!(codes(&err), ["2000428"]);
    assert_eq!(err.message(), "Kan inte hitta artikeln.");
    // An HTTP status there is none of its own: the name stays the code.
    let (_, err) = shape(r#"{"BadRequest": {"message": "Malformed.", "code": 400}}"#);
    assert_eq!(codes(&err), ["BadRequest"]);
}

#[test]
fn an_items_error_class_under_error_is_its_code() {
    let (_, err) = shape(
        r#"{"errors": [{"error": "AuthError", "message": "Invalid token: service not found"}], "status_code": 403}"#,
    );
    assert_eq!(codes(&err), ["AuthError"]);
    assert_eq!(err.message(), "Invalid token: service not found");
    // A sentence there is no code.
    let (_, err) = shape(r#"{"errors": [{"error": "Token expired", "message": "Log in again"}], "status_code": 401}"#);
    assert!(codes(&err).is_empty());
}

#[test]
fn a_problems_field_beside_its_members_is_read_and_our_own_extension_is_not() {
    let (s, err) = shape(
        r#"{"type": "about:blank", "title": "ReferenceId is duplicated.", "status": 400, "detail": "There is a payment already.", "code": "PAYMENT_DUPLICATED", "parameter": "ReferenceId"}"#,
    );
    assert_eq!(s, Shape::Dialect(Dialect::Problem));
    assert_eq!(pointers(&err), ["/ReferenceId"]);
    assert_eq!(err.fields()[0].message, "There is a payment already.");
    // This crate's own `param` extension, on an error without field problems,
    // is written beside an empty list of them and reads back as it was.
    let own = crate::ApiError::new(crate::ErrorCode::NotFound).with_extension("param", serde_json::json!("INVALID"));
    let res = Dialect::Problem.encode(&own);
    let (_, back) = super::super::decode(Some(res.status()), res.headers(), res.body()).unwrap();
    assert!(back.fields().is_empty(), "{}", String::from_utf8_lossy(res.body()));
    assert_eq!(back.details().extensions.get("param"), Some(&serde_json::json!("INVALID")));
}

#[test]
fn a_request_id_header_ending_in_rid() {
    let mut headers = HeaderMap::new();
    headers.insert("x-pinterest-rid", "1337919202421304".parse().unwrap());
    let body = br#"{"code": 2, "message": "Authentication failed.", "status": "failure"}"#;
    let (_, err) = super::super::decode(Some(http::StatusCode::UNAUTHORIZED), &headers, body).unwrap();
    assert_eq!(err.request_id(), Some("1337919202421304"));
    // And one ending in `-reqid` or `-correlator`.
    for name in ["x-reqid", "fiware-correlator"] {
        let mut headers = HeaderMap::new();
        headers.insert(name, "ThYAAGCGip0DE80W".parse().unwrap());
        let (_, err) = super::super::decode(Some(http::StatusCode::UNAUTHORIZED), &headers, body).unwrap();
        assert_eq!(err.request_id(), Some("ThYAAGCGip0DE80W"), "{name}");
    }
}

#[test]
fn a_pointer_member_holding_a_dotted_path_gives_its_pointer() {
    let (s, err) = shape(
        r#"{"errors": [{"code": "parameter_format_invalid", "detail": "details.card_number format is invalid.", "source": {"pointer": "details.card_number"}}]}"#,
    );
    assert_eq!(s, Shape::Dialect(Dialect::JsonApi));
    assert_eq!(pointers(&err), ["/details/card_number"]);
    // A pointer stays as it was.
    let (_, err) = shape(
        r#"{"errors": [{"code": "blank", "detail": "Name is blank.", "source": {"pointer": "/data/attributes/name"}}]}"#,
    );
    assert_eq!(pointers(&err), ["/data/attributes/name"]);
}

#[test]
fn a_field_map_beside_a_flat_message_is_its_fields() {
    let (s, err) = shape(
        r#"{"error": "Invalid resource. Please fix errors and try again.", "errors": {"name": ["can't be blank"], "price": ["can't be blank"]}}"#,
    );
    assert_eq!(s, Shape::Dialect(Dialect::Flat));
    assert_eq!(err.message(), "Invalid resource. Please fix errors and try again.");
    assert_eq!(pointers(&err), ["/name", "/price"]);
    assert_eq!(err.fields()[1].message, "can't be blank");
}

#[test]
fn graphql_codes_under_other_extension_names_in_document_order() {
    let (s, err) = shape(
        r#"{"errors": [{"message": "Signature of the JWT has expired.", "path": ["account"], "extensions": {"errorType": "APPLICATION", "errorCode": "KT-CT-1124", "errorDescription": ""}}], "data": {"account": null}}"#,
    );
    assert_eq!(s, Shape::Dialect(Dialect::GraphQl));
    assert_eq!(codes(&err), ["APPLICATION", "KT-CT-1124"]);
    assert_eq!(err.code().as_str(), "APPLICATION");
    let (_, err) = shape(r#"{"errors": [{"extensions": {"error_code": "BAD_API_KEY"}, "message": "Bad API Key"}]}"#);
    assert_eq!(codes(&err), ["BAD_API_KEY"]);
    // `code` still wins, and a sentence under a code's name is none.
    let (_, err) = shape(
        r#"{"errors": [{"message": "m", "extensions": {"errorCode": "OTHER", "code": "FORBIDDEN"}}, {"message": "n", "extensions": {"errorType": "Not a code at all"}}]}"#,
    );
    assert_eq!(codes(&err), ["FORBIDDEN"]);
}

#[test]
fn fhir_operation_outcome_issues() {
    // HL7 FHIR's OperationOutcome (https://hl7.org/fhir/operationoutcome.html):
    // a list of `issue`s, each with a code and its `diagnostics`.
    let (_, err) = shape(
        r#"{"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "forbidden", "diagnostics": "Invalid token"}]}"#,
    );
    assert_eq!(codes(&err), ["forbidden"]);
    assert_eq!(err.message(), "Invalid token");
}

#[test]
fn an_errors_fields_or_attributes_are_field_errors() {
    let (_, err) = shape(
        r#"{"error": "record_invalid", "error_description": "Invalid parameters", "error_attributes": {"api_key": ["is too short"], "name": ["is too short"]}}"#,
    );
    assert_eq!(pointers(&err), ["/api_key", "/name"]);
    assert_eq!(err.message(), "Invalid parameters");
    // A message's arguments after `error` are no fields.
    let (_, err) = shape(r#"{"errorCode": "TOO_LONG", "errorMessage": "Too long", "errorParams": {"max": 10}}"#);
    assert!(err.fields().is_empty());
}
