//! Detection: which dialect a parsed body is in, from the members that came
//! (and `Content-Type: application/problem+json`).
//!
//! The rules, in order: problem+json by media type; an `error` object is
//! Google (integer `code`, string `status` or typed `@type` details), Stripe
//! (`type`, `param`, `doc_url`), Azure (`target`, `innererror`), detail-list
//! (a `details` list), nested (`success`, or no `status`) or canonical; an
//! `error` string is flat; `type`, `title`, or an integer `status` with a
//! `detail` is a problem; an `errors` list is GraphQL, GitHub or JSON:API by
//! its items; an `errors` map is field-map; then GitHub, bare, field-map and
//! DRF by their remaining members.
//!
//! A dialect so named wins only if the body fits it ([`fits`]): its members
//! have the types and formats the shape gives them (RFC 9457's `type` is a
//! URI reference and its `status` a number; Google's integer `error.code`
//! is an HTTP status and its message no identifier; bare's integer `code`
//! is no HTTP status, nor is flat's, and bare has no second code; every
//! item of a GitHub, JSON:API or GraphQL list has a message or a code the
//! shape reads and none under a name it does not, nor names its field under
//! a name it does not read (`property`); a `status` that is a code (a
//! string like `NOT_AUTHORIZED`, or a number that is neither an HTTP status
//! nor a flag, [`vocab::status_value_is_code`]) is not one the shapes reading
//! the HTTP status there drop; an RFC 9457 `title` that is only the status
//! phrase does not stand for a message it would drop; an `errors` map of one
//! error's own members is no field map ([`vocab::is_one_error`]); DRF's
//! members hold no error's own members), and no code or message the shape
//! would miss sits under a name it does not read
//! ([the vocabulary](super::vocab), names read by their words included). A body that fits only partly goes to
//! the lenient reader. The check reads only the typed parse and the few
//! members it kept aside, so a well-formed body of a dialect pays a handful
//! of comparisons for it.

use http::HeaderMap;
use http::header::CONTENT_TYPE;

use super::Dialect;
use serde_json::Value;

use super::any::{AnyBody, DetailsMember, DetailsObject, ErrorMember, ErrorsMember, Scalar, Texts};
use super::free_form::{is_message_list, is_message_object};
use super::parse::TYPED_DETAIL_MEMBERS;
use super::vocab;
use crate::Upstream;
use crate::headers::is_problem_json_media_type;
use crate::status::is_error_number;

/// The dialect of a parsed body, if one explains it. Only DRF's rules read
/// the members of [`AnyBody::lists`] as they were parsed (each a list of
/// messages); for any other claim they are put back among the body's other
/// members as values first ([`AnyBody::lists_as_values`]).
pub(crate) fn detect_any(any: &mut AnyBody, headers: &HeaderMap) -> Option<Dialect> {
    let claimed = claim(any, headers);
    if claimed != Some(Dialect::Drf) {
        any.lists_as_values();
    }
    claimed.filter(|d| fits(*d, any))
}

/// Whether the body fits dialect `d`: see the module docs.
fn fits(d: Dialect, any: &AnyBody) -> bool {
    let unread_code = |members: &[(String, Value)]| members.iter().any(|(k, v)| vocab::is_code_member(k, v));
    let unread_message = |members: &[(String, Value)]| members.iter().any(|(k, v)| vocab::is_message_member(k, v));
    if drops_what_the_vocabulary_reads(d, any) {
        return false;
    }
    // A string `status` that is a code (`NOT_AUTHORIZED`), which the shapes
    // that read a top-level `status` as the HTTP status's would drop.
    // Or a number that is neither a status nor a flag (`"status": "5600"`).
    let status_code = match &any.status {
        Some(Scalar::Str(s)) => {
            (vocab::identifier_like(s) && !vocab::is_tag(s) && s.bytes().any(|b| b.is_ascii_alphabetic()))
                || s.parse::<i64>().is_ok_and(vocab::status_value_is_code)
        }
        Some(Scalar::Int(n)) => vocab::status_value_is_code(*n),
        _ => false,
    };
    match d {
        Dialect::Problem => {
            let type_ok = any.type_.as_deref().is_none_or(vocab::uri_like);
            let status_ok = matches!(any.status, None | Some(Scalar::Int(_))) && !status_code;
            // A title that is only the status's phrase, beside a message the
            // shape does not read (`description`), says less than that message.
            let phrase_only =
                || any.title.as_deref().is_some_and(vocab::is_status_phrase) && unread_message(&any.other);
            let has_message = any.detail.is_some() || (any.title.is_some() && !phrase_only());
            // Field problems the decoder can place: a pointer or a field name.
            let items_ok = match &any.errors {
                Some(ErrorsMember::List(items)) => items.iter().all(|i| i.pointer.is_some() || i.field.is_some()),
                _ => true,
            };
            type_ok
                && status_ok
                && items_ok
                && (has_message || (any.message.is_none() && !unread_message(&any.other)))
                && (any.type_.is_some() || any.code.is_some() || !unread_code(&any.other))
        }
        // Its message is `error` (or `error_description`): a `detail` beside it would be lost.
        // An integer `code` that is an HTTP status repeats the status.
        // Its `id` names the error (Heroku's `{id, error}`), not an occurrence.
        Dialect::Flat => {
            any.message.is_none()
                && !any.other.iter().any(|(k, v)| k == "id" && v.as_str().is_some_and(|id| !vocab::names_a_kind(id)))
                && any.detail.is_none()
                && !matches!(any.code, Some(Scalar::Int(n)) if is_error_number(n))
                && !unread_message(&any.other)
                && (any.code.is_some() || !unread_code(&any.other))
        }
        // An integer `code` that is an HTTP status repeats the status; zero says there is none.
        // Nor a second code it does not read (`"name": "ValidationError"`,
        // `"serviceErrorCode": 65601` beside `code`).
        // Nor an `id` string beside its code: the occurrence's id, which it would drop.
        Dialect::Bare => {
            !status_code
                && !any.other.iter().any(|(k, v)| {
                    (k == "id" && v.is_string())
                        || (vocab::is_code_member(k, v)
                            && (v.is_number() || v.as_str().is_some_and(vocab::identifier_like)))
                })
                && (any.message.is_some() || !unread_message(&any.other))
                && (any.code.is_some() || !unread_code(&any.other))
                && !matches!(any.code, Some(Scalar::Int(n)) if n == 0 || is_error_number(n))
                // An error status's phrase is no code.
                && !matches!(&any.code, Some(Scalar::Str(s)) if vocab::is_error_phrase(s))
        }
        // A numeric `code` beside them is the HTTP status, not the error's code.
        // Nor a map of one error's own members (`{"code", "message"}`) under `errors`.
        Dialect::FieldMap => {
            !status_code
                // (Of texts, not lists of them as a field map's own are; a code and a message.)
                && !matches!(&any.errors, Some(ErrorsMember::FieldMap(v, Texts::All))
                    if vocab::is_one_error(v.len(), v.iter().map(|v| (v.field.as_str(), v.message.as_str()))))
                && (matches!(any.code, Some(Scalar::Str(_))) || !unread_code(&any.other))
                && (any.message.is_some() || !unread_message(&any.other))
        }
        Dialect::GitHub => {
            list_items_fit(any, unread_message)
                && (matches!(any.code, Some(Scalar::Str(_))) || !unread_code(&any.other))
        }
        Dialect::GraphQl => {
            list_items_fit(any, unread_message)
                && match &any.errors {
                    // Items that name themselves by `id` and carry no extensions are another API's.
                    Some(ErrorsMember::List(items)) => !items.iter().any(|i| i.id.is_some() && i.extensions.is_none()),
                    _ => true,
                }
        }
        // DRF's field errors are messages or nested field errors; an item
        // of scalars (`{key, message}`) is another API's error list.
        // Nor is a body with a message, or with members named like
        // hypermedia's (`_links`, `_embedded`), a map of fields.
        // Nor one whose members hold an error's own members (`{"meta": {"code": 400,
        // "errorType": …}}`, `{"response": {"errors": [{"code": …}]}}`), or
        // nothing at all (`"response": {}`).
        // The members of `any.lists` are non-empty lists of strings: none of these.
        // Nor one that says, beside its lists, whether it succeeded or its
        // status (`"success": false`, `"status": "ERR"`): a map of fields has
        // only fields (and DRF's own `code`, which this crate writes where
        // the status does not say it).
        Dialect::Drf => {
            any.message.is_none()
                && any.success.is_none()
                && any.status.is_none()
                && (any.detail.is_some() || any.has_lists() || any.other.iter().any(|(_, v)| !is_empty(v)))
                && !any.other.iter().any(|(_, v)| holds_error_members(v, 0))
                && !any.other.iter().any(|(k, v)| v.is_string() && vocab::is_message_member(k, v))
                // A map of fields under a message's name (`{"message": {"email": […]}}`)
                // is the body's field errors, not a field named so.
                && !any.other.iter().any(|(k, v)| v.is_object() && vocab::FIELD_MAPS.contains(&k.as_str()))
                && !any.any_other_name(|k| matches!(k, "_links" | "_embedded"))
                && !any.other.iter().any(|(_, v)| {
                    v.as_array().is_some_and(|items| {
                        items
                            .iter()
                            .any(|i| i.as_object().is_some_and(|o| o.values().any(|v| !v.is_array() && !v.is_object())))
                    })
                })
        }
        Dialect::JsonApi => list_items_fit(any, unread_message),
        Dialect::Canonical
        | Dialect::Nested
        | Dialect::DetailList
        | Dialect::Azure
        | Dialect::Google
        | Dialect::Stripe => {
            let obj = &any.error_object;
            let more = obj.more.as_deref();
            let type_code =
                more.and_then(|m| m.type_.as_deref()).is_some_and(|t| vocab::code_like(t) && !vocab::uri_like(t));
            // Google's integer code is the HTTP status.
            // Google's string `status` is an enum value (`NOT_FOUND`), not
            // the status phrase (`Not Found`).
            let code_ok = d != Dialect::Google
                || (match obj.code {
                    Some(Scalar::Int(n)) => is_error_number(n),
                    _ => true,
                } && !matches!(&obj.status, Some(Scalar::Str(s)) if !vocab::code_like(s)));
            let has_code = obj.code.is_some() || (d == Dialect::Stripe && type_code);
            // An identifier given as the message of a Google-shaped body without
            // its `status` (Firebase's `INVALID_EMAIL`) is a code.
            let has_message = obj.message.is_some();
            let message_is_code = d == Dialect::Google
                && obj.status.is_none()
                && obj.message.as_deref().is_some_and(vocab::identifier_like);
            // These three keep nothing of the error object but their own
            // members: another code, or the field the error is about, would be lost.
            let drops_other = matches!(d, Dialect::Canonical | Dialect::Nested | Dialect::DetailList);
            let lost = drops_other
                && obj.other.iter().any(|(k, v)| {
                    vocab::is_code_member(k, v) || (vocab::FIELD_PATH.contains(&k.as_str()) && v.is_string())
                });
            code_ok
                && !lost
                && !message_is_code
                && (d == Dialect::Stripe || !type_code)
                && (has_code || (!unread_code(&obj.other) && !unread_code(&any.other)))
                && (has_message || (!unread_message(&obj.other) && !unread_message(&any.other)))
        }
    }
}

/// Whether a list dialect (GitHub, JSON:API, GraphQL) reads every item of
/// the body's `errors` list, and the message beside it: each item has a
/// message (`message`, `detail` or `title`) or a code, and no code or
/// message under another name (`errorCode`, `description`); an item of only
/// another API's members (`{"reason": …}`, `{"msg": …}`) is not theirs, nor
/// is a top-level message under a name they do not read (`description`).
fn list_items_fit(any: &AnyBody, unread_message: impl Fn(&[(String, Value)]) -> bool) -> bool {
    let items_ok = match &any.errors {
        Some(ErrorsMember::List(items)) => items
            .iter()
            .all(|i| (i.message.is_some() || i.detail.is_some() || i.title.is_some() || i.code.is_some()) && !i.unread),
        _ => true,
    };
    items_ok && (any.message.is_some() || !unread_message(&any.other))
}

/// Whether decoding the body as `d` would drop a member the vocabulary
/// reads: a request id, a retry hint, field errors or the field an error is
/// about beside the members the shape reads ([`vocab::is_unread_extra`]), a
/// `details` object mapping fields to their errors, or a `data` member
/// beside an error (GraphQL's own aside). RFC 9457 keeps every other member
/// as an extension and reads these from there; DRF's other members are its
/// field errors. Bodies of the shapes themselves have none of these.
fn drops_what_the_vocabulary_reads(dialect: Dialect, any: &AnyBody) -> bool {
    let d = dialect;
    if matches!(d, Dialect::Problem | Dialect::Drf) {
        return false;
    }
    let extra = |members: &[(String, Value)]| members.iter().any(|(k, v)| vocab::is_unread_extra(k, v));
    // Stripe's decoder keeps its error object's other members and reads
    // these from them; Google's reads its legacy `errors` list there.
    let extra_in_error = d != Dialect::Stripe
        && any
            .error_object
            .other
            .iter()
            .any(|(k, v)| !(d == Dialect::Google && k == "errors") && vocab::is_unread_extra(k, v));
    // Not when the object has its own list of field problems (the typed
    // `fields`, bare's `issues`), even an empty one: then its other members
    // are extensions the shape's decoder keeps, as this crate's encoders
    // write them (`details::says_no_fields`).
    let own_list = |o: &DetailsObject| o.fields.is_some() || (d == Dialect::Bare && o.issues.is_some());
    let field_map_details = [any.details.as_ref(), any.error_object.details.as_ref()].into_iter().flatten().any(|d| {
        // Bare's own `issues` sit there.
        matches!(d, DetailsMember::Object(o) if !own_list(o) && !o.has_single() && (!o.other.is_empty() || o.issues.is_some())
        && o.other.iter().all(|(k, v)| {
            reads_as_field_errors(v)
                && !TYPED_DETAIL_MEMBERS.contains(&k.as_str())
                && !(dialect == Dialect::Bare && k == "issues")
        })
        && o.issues.as_ref().is_none_or(|i| dialect != Dialect::Bare && is_field_error_list(&i.to_value())))
    });
    // An error a `details` object names (`details.applicationError`).
    let error_in_details = [any.details.as_ref(), any.error_object.details.as_ref()].into_iter().flatten().any(|d| {
        matches!(d, DetailsMember::Object(o) if !own_list(o)
            && o.other.iter().any(|(k, v)| v.is_object() && vocab::role(k) == Some(vocab::Role::ErrorObject)))
    });
    let drops = extra(&any.other)
        || extra_in_error
        || field_map_details
        || error_in_details
        || (any.has_data && d != Dialect::GraphQl);
    // A body this crate wrote (its `upstream` provenance) keeps what its
    // shape does not read as extensions, which read back as they were.
    // (Asked last: most bodies drop nothing.)
    drops && !(carries_provenance(&any.other) || carries_provenance(&any.error_object.other))
}

/// Whether members carry this crate's `upstream` member ([`Upstream::carried`]).
fn carries_provenance(members: &[(String, Value)]) -> bool {
    members.iter().any(|(k, v)| k == "upstream" && Upstream::carried(v).is_some())
}

/// Whether a `details` member holds field errors: a list of message
/// objects, or (the lenient reader's test, which the problem decoder applies
/// to the member once it is written at the top level) of items that name a
/// field. Out of line: most bodies never ask it.
#[inline(never)]
fn reads_as_field_errors(v: &Value) -> bool {
    is_field_error_list(v) || v.as_array().is_some_and(|i| vocab::items_name_fields(i))
}

/// Whether a value is an empty object or list.
fn is_empty(v: &Value) -> bool {
    v.as_object().is_some_and(|o| o.is_empty()) || v.as_array().is_some_and(|a| a.is_empty())
}

/// Whether a value holds, a few levels down, an object with a scalar code
/// or message: an error's own members, not a field's messages.
fn holds_error_members(v: &Value, depth: usize) -> bool {
    depth < 4
        && match v {
            Value::Object(o) => {
                o.iter()
                    .any(|(k, v)| (v.is_string() || v.is_number()) && (vocab::names_code(k) || vocab::names_message(k)))
                    || o.values().any(|v| holds_error_members(v, depth + 1))
            }
            Value::Array(items) => items.iter().any(|i| holds_error_members(i, depth + 1)),
            _ => false,
        }
}

/// A field's errors as objects: `[{"error": "ERR_BLANK", "description": "can't be blank"}]`.
fn is_field_error_list(v: &Value) -> bool {
    v.as_array()
        .is_some_and(|items| !items.is_empty() && items.iter().all(|i| i.as_object().is_some_and(is_message_object)))
}

/// The dialect a body's members name, before checking that it fits.
fn claim(any: &AnyBody, headers: &HeaderMap) -> Option<Dialect> {
    // (An empty map is not searched: a lookup hashes the name first.)
    let content_type = if headers.is_empty() { None } else { headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) };
    if content_type.is_some_and(is_problem_json_media_type) {
        return Some(Dialect::Problem);
    }
    if let Some(ErrorMember::Object) = &any.error {
        let obj = &any.error_object;
        let int_code = matches!(obj.code, Some(Scalar::Int(_)));
        let str_status = matches!(obj.status, Some(Scalar::Str(_)));
        let list = match &obj.details {
            Some(DetailsMember::List(items)) => Some(items),
            _ => None,
        };
        return Some(
            if int_code || str_status || list.is_some_and(|l| l.more.iter().any(|(_, m)| m.type_url().is_some())) {
                Dialect::Google
            } else if obj.more.as_ref().is_some_and(|m| m.type_.is_some() || m.param.is_some())
                || obj.other.iter().any(|(k, _)| k == "doc_url")
            {
                Dialect::Stripe
            } else if obj.more.as_ref().is_some_and(|m| m.target.is_some() || m.innererror.is_some())
                || list.is_some_and(|l| l.more.iter().any(|(_, m)| m.target.is_some()))
            {
                Dialect::Azure
            } else if list.is_some() {
                Dialect::DetailList
            } else if any.success.is_some() || obj.status.is_none() {
                Dialect::Nested
            } else {
                Dialect::Canonical
            },
        );
    }
    if let Some(ErrorMember::Message(_)) = &any.error {
        return Some(Dialect::Flat);
    }
    // An integer `status` alone is no evidence: many shapes repeat the status.
    if any.type_.is_some()
        || any.title.is_some()
        || (matches!(any.status, Some(Scalar::Int(_))) && any.detail.is_some())
    {
        return Some(Dialect::Problem);
    }
    match &any.errors {
        Some(ErrorsMember::List(items)) => {
            return Some(if any.has_data || items.iter().any(|i| i.extensions.is_some() || i.locations.is_some()) {
                Dialect::GraphQl
            } else if any.documentation_url.is_some() || items.iter().any(|i| i.resource.is_some() || i.field.is_some())
            {
                Dialect::GitHub
            } else if items.iter().any(|i| i.message.is_some()) && any.message.is_none() {
                Dialect::GraphQl
            } else if any.message.is_some() {
                Dialect::GitHub
            } else {
                Dialect::JsonApi
            });
        }
        Some(ErrorsMember::FieldMap(..)) => return Some(Dialect::FieldMap),
        None => {}
    }
    if any.documentation_url.is_some() && any.message.is_some() {
        return Some(Dialect::GitHub);
    }
    if any.code.is_some() && (any.message.is_some() || any.details.is_some()) {
        return Some(Dialect::Bare);
    }
    // A lone message is the field-map dialect's 401 or 403; with members no shape
    // here knows, or a `details` list it does not read, it is another API's
    // body (the lenient reader's).
    if any.message.is_some() && !any.has_other() && any.details.is_none() {
        return Some(Dialect::FieldMap);
    }
    // DRF's field errors are lists of messages (or objects of them); a body
    // of bare strings is some other API's. The members of `any.lists` are
    // lists of messages.
    if any.detail.is_some() || (any.has_other() && any.other.iter().all(|(_, v)| is_message_list(v))) {
        return Some(Dialect::Drf);
    }
    None
}

#[cfg(test)]
mod tests {
    use http::{HeaderMap, HeaderValue};
    use serde_json::json;

    use super::super::{Dialect, Shape};
    use crate::wire;

    fn shape(body: &str) -> (Shape, crate::ApiError) {
        super::super::decode(None, &HeaderMap::new(), body.as_bytes()).unwrap()
    }

    /// A canonical body this crate wrote keeps its extensions: a `details`
    /// member that looks like another API's map of field errors is read back
    /// as the extension it was, because the body carries its `upstream`
    /// (found by fuzzing). Without that member the same body is another
    /// API's, and its field errors are read.
    #[test]
    fn a_body_with_our_provenance_keeps_its_extensions() {
        let ours = r#"{"error": {"code": "UNPROCESSABLE_ENTITY", "status": 422, "message": "Invalid",
            "details": {"ns": [{"code": "c1", "message": "Must not be blank."}]},
            "upstream": {"dialect": "problem"}}}"#;
        let (s, err) = shape(ours);
        assert_eq!(s, Shape::Dialect(Dialect::Canonical));
        assert!(err.fields().is_empty());
        assert!(err.details().extensions.contains_key("ns"));
        let foreign = ours.replace(r#""upstream": {"dialect": "problem"}"#, r#""upstream": {"host": "10.0.0.1"}"#);
        let (s, err) = shape(&foreign);
        assert!(s.is_lenient(), "{s:?}");
        assert_eq!(err.fields()[0].field, "ns");
        // A problem body with another API's `upstream` member still has its
        // kept codes read, and keeps that member.
        let (s, err) = shape(
            r#"{"type": "https://example.com/e", "title": "T", "status": 400, "errorCode": "E1", "upstream": {"host": "h"}}"#,
        );
        assert_eq!(s, Shape::Dialect(Dialect::Problem));
        assert!(err.upstream().unwrap().codes.contains(&"E1".to_owned()), "{:?}", err.upstream());
        assert!(err.details().extensions.contains_key("upstream"));
    }

    #[test]
    fn a_problem_type_must_be_a_uri() {
        let (s, err) = shape(
            r#"{"type": "invalid_request", "status": 400, "code": "index_not_found", "message": "Index not found."}"#,
        );
        assert!(s.is_lenient());
        assert_eq!(err.message(), "Index not found.");
        // In document order.
        assert_eq!(err.upstream().unwrap().codes, ["invalid_request", "index_not_found"]);
        let (s, _) = shape(
            r#"{"type": "https://example.com/probs/out-of-credit", "title": "You do not have enough credit.", "status": 403}"#,
        );
        assert_eq!(s, Dialect::Problem);
    }

    #[test]
    fn names_are_read_by_their_words() {
        let (_, err) = shape(r#"{"status": {"code": 401, "developer_message": "", "user_message": "Token expired."}}"#);
        assert_eq!(err.message(), "Token expired.");
        let (_, err) = shape(r#"{"result": {"status_txt": "INVALID_ARG"}, "status_txt": "INVALID_URI"}"#);
        assert_eq!(err.upstream().unwrap().codes, ["INVALID_URI"]);
        // An error object two wrappers down, its message under `text`, its field errors by words.
        let (_, err) = shape(
            r#"{"requestError": {"serviceException": {"text": "Bad request", "paramErrors": {"to": ["must not be empty"]}}}}"#,
        );
        assert_eq!(err.message(), "Bad request");
        assert_eq!(err.fields()[0].pointer, "/to");
        // An error a `details` object names is not dropped by the field map shape.
        let (s, err) = shape(r#"{"message": "Payment failed", "details": {"applicationError": {"code": "NO_FUNDS"}}}"#);
        assert!(s.is_lenient());
        assert_eq!(err.upstream().unwrap().codes, ["NO_FUNDS"]);
        // A request id by its words, in a container of hints.
        let (_, err) = shape(
            r#"{"error": "Invalid token", "error_tag": "AUTH_INVALID", "error_extra": {"event_id": "5395d5e6"}}"#,
        );
        assert_eq!(err.request_id(), Some("5395d5e6"));
    }

    #[test]
    fn round_six_rules() {
        // An error object under `meta`.
        let (_, err) = shape(r#"{"meta": {"code": 4004, "message": "Tracking does not exist."}, "data": {}}"#);
        assert_eq!(err.message(), "Tracking does not exist.");
        assert_eq!(err.upstream().unwrap().codes, ["4004"]);
        // A list shape does not claim items with a code under a name it does not read.
        let (s, err) = shape(r#"{"errors": [{"errorCode": "MSG-427", "message": "The thread is not assigned."}]}"#);
        assert!(s.is_lenient());
        assert_eq!(err.upstream().unwrap().codes, ["MSG-427"]);
        // A string `status` that is a code is not the field-map shape's.
        let (s, err) = shape(r#"{"status": "NOT_AUTHORIZED", "message": "Upgrade your plan."}"#);
        assert!(s.is_lenient());
        assert_eq!(err.upstream().unwrap().codes, ["NOT_AUTHORIZED"]);
        // DRF's standardized errors name the field `attr`; a short number is an error's id.
        let (_, err) =
            shape(r#"{"type": "validation_error", "code": "required", "detail": "Required.", "attr": "key"}"#);
        assert_eq!(err.fields()[0].pointer, "/key");
        let (_, err) = shape(r#"{"error": {"message": "Oh no.", "id": "1050", "name": "Internal Server Error"}}"#);
        assert_eq!(err.upstream().unwrap().codes, ["1050"]);
        let (_, err) = shape(
            r#"{"logRef": "cb73aad3#12", "message": "Invalid", "_embedded": {"errors": [{"path": "country", "message": "empty"}]}}"#,
        );
        assert_eq!(err.request_id(), Some("cb73aad3#12"));
    }

    #[test]
    fn round_seven_rules() {
        // A slug is a code under `type`; an error id that names a kind is a code, not the request's.
        let (_, err) = shape(r#"{"type": "request-validation", "description": "Your request could not be accepted"}"#);
        assert_eq!(err.upstream().unwrap().codes, ["request-validation"]);
        let (_, err) = shape(r#"{"error_id": "invalid_request", "error_description": "Invalid parameters."}"#);
        assert_eq!(
            (err.upstream().unwrap().codes.as_slice(), err.request_id()),
            (&["invalid_request".to_owned()][..], None)
        );
        // The error's own UUID names this occurrence.
        let (_, err) = shape(
            r#"{"status_code": "412", "status_message": "Cannot update.", "id": "19eda9e4-37c9-4bfd-abb2-c60bb3a91084"}"#,
        );
        assert_eq!(err.request_id(), Some("19eda9e4-37c9-4bfd-abb2-c60bb3a91084"));
        // `location: body` names the part of the request; a pointer's request part is dropped.
        let (_, err) = shape(
            r#"{"message": "Invalid", "errors": [{"location": "body", "name": "zone_uuid", "description": "not a UUID"}]}"#,
        );
        assert_eq!(err.fields()[0].pointer, "/zone_uuid");
        let (_, err) = shape(
            r#"{"error_code": "API_VALIDATION_ERROR", "message": "Invalid", "errors": [{"message": "required", "path": "/body/session_type"}]}"#,
        );
        assert_eq!(err.fields()[0].pointer, "/session_type");
        // A `detail` beside a flat `error` is not dropped; a message string is no DRF field.
        let (s, err) = shape(r#"{"error": "Payment failed", "detail": "Try again in a little bit."}"#);
        assert!(s.is_lenient());
        assert_eq!(err.message(), "Try again in a little bit.");
        let (s, err) = shape(r#"{"msg": "Invalid name", "detail": "Name must start with a letter"}"#);
        assert!(s.is_lenient() && err.fields().is_empty());
        // A map of field to messages under `fields` or `messages`.
        let (_, err) = shape(
            r#"{"fields": {"volumes.5.id": ["not a UUID"]}, "message": "Validation Error", "type": "invalid_request_error"}"#,
        );
        assert_eq!(err.fields()[0].pointer, "/volumes/5/id");
        // Bare does not claim a body with a second code it would drop.
        let (s, err) =
            shape(r#"{"status": "error", "code": -1, "name": "ValidationError", "message": "Invalid template"}"#);
        assert!(s.is_lenient());
        assert_eq!(err.upstream().unwrap().codes, ["-1", "ValidationError"]);
    }

    #[test]
    fn problem_extension_items_give_codes_as_the_lenient_reader_reads_them() {
        let body = r#"{"type": "https://example.com/v", "title": "Invalid", "status": 422,
            "violations": [{"propertyPath": "age", "title": "Too small", "type": "too_small"}]}"#;
        let (s, err) = shape(body);
        assert_eq!(s, Dialect::Problem);
        assert_eq!(err.upstream().unwrap().codes, ["too_small"]);
        assert_eq!(err.fields()[0].pointer, "/age");
    }

    #[test]
    fn round_eight_rules() {
        // DRF does not claim an envelope holding an error's own members.
        for body in [
            r#"{"meta": {"code": 400, "errorType": "invalid_auth", "errorDetail": "Missing credentials."}, "response": {}}"#,
            r#"{"response": {"errors": [{"code": "10429", "message": "Too Many Requests"}]}}"#,
        ] {
            let (s, err) = shape(body);
            assert!(s.is_lenient(), "{body}");
            assert!(err.fields().is_empty(), "{body}");
        }
        let (_, err) =
            shape(r#"{"meta": {"code": 400, "errorType": "invalid_auth", "errorDetail": "Missing credentials."}}"#);
        assert_eq!(err.message(), "Missing credentials.");
        // Flat's integer code that is a status; bare's second, numeric code.
        let (s, err) = shape(r#"{"code": 429, "error": "Too many requests"}"#);
        assert!(s.is_lenient() && err.upstream().unwrap().codes.is_empty());
        let (s, err) = shape(r#"{"serviceErrorCode": 65601, "code": "REVOKED_ACCESS_TOKEN", "message": "Revoked."}"#);
        assert!(s.is_lenient());
        assert_eq!(err.upstream().unwrap().codes, ["65601", "REVOKED_ACCESS_TOKEN"]);
        // A retry hint by its words, two levels down.
        let (_, err) =
            shape(r#"{"code": -32005, "data": {"rate": {"backoff_seconds": 30}}, "message": "rate limited"}"#);
        assert_eq!(err.retry_after(), Some(30));
    }

    #[test]
    fn round_nine_rules() {
        let codes = |body: &str| shape(body).1.upstream().map(|u| u.codes.clone()).unwrap_or_default();
        // An occurrence's id is no message, nor a code; a status phrase is no code.
        let (s, err) =
            shape(r#"{"message": "0f8fad5b-d9cb-469f-a165-70867728950e", "statusCode": 401, "code": "Unauthorized"}"#);
        assert!(s.is_lenient());
        assert_ne!(err.message(), "0f8fad5b-d9cb-469f-a165-70867728950e");
        assert!(err.upstream().unwrap().codes.is_empty());
        // Python's keyword-escaping underscore; .NET's `typeKey`.
        assert_eq!(codes(r#"{"message": "Input invalid", "type_": "invalid_request"}"#), ["invalid_request"]);
        assert_eq!(
            codes(r#"{"typeKey": "InvalidOperationException", "typeName": "System.X, mscorlib", "message": "Boom"}"#),
            ["InvalidOperationException"]
        );
        // `response` is a message as a text and an envelope as an object.
        let (_, err) = shape(r#"{"code": 7, "response": "Invalid key"}"#);
        assert_eq!((err.message(), err.upstream().unwrap().codes.clone()), ("Invalid key", vec!["7".to_owned()]));
        assert_eq!(
            codes(r#"{"response": {"code": "NOT_FOUND", "errors": [{"message": "No such file"}]}}"#),
            ["NOT_FOUND"]
        );
        // `info`, a list of `messages`, and a status phrase under a name whose words make it a message.
        for (body, message) in [
            (
                r#"{"success": false, "error": {"code": 104, "type": "usage_limit", "info": "Limit reached."}}"#,
                "Limit reached.",
            ),
            (r#"{"error": {"type": "invalid_parameters", "messages": ["Name is required"]}}"#, "Name is required"),
            (r#"{"exception_message": "Forbidden"}"#, "Forbidden"),
        ] {
            assert_eq!(shape(body).1.message(), message, "{body}");
        }
        // A job's id and state are not the error's code.
        let body =
            r#"{"id": "job-5f2a9c1e-7b3d-4e8f-9a6b-1c2d3e4f5a6b", "status": "FAILED", "error": "width must be even"}"#;
        assert!(codes(body).is_empty());
        // A request id in the lead API's error object is kept.
        let (s, err) =
            shape(r#"{"success": false, "error": {"code": "LOCKED", "message": "Locked", "requestId": "req_9"}}"#);
        assert_eq!(s, Dialect::Nested);
        assert_eq!(err.request_id(), Some("req_9"));
    }

    #[test]
    fn field_errors_under_any_name_and_in_batches() {
        // A list of items that each name a field, kept by Stripe's shape.
        let (s, err) = shape(
            r#"{"error": {"type": "validation", "message": "Invalid", "params": [{"param": "year", "message": "too small"}]}}"#,
        );
        assert_eq!(s, Dialect::Stripe);
        assert_eq!(err.fields()[0].pointer, "/year");
        // A batch's errors carry their item's index.
        let (_, err) = shape(
            r#"{"message": "Invalid", "errors": {"creates": [{"index": 2, "errors": {"ttl": ["too low"]}}, {"errors": {"name": ["blank"]}}]}}"#,
        );
        let pointers: Vec<_> = err.fields().iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(pointers, ["/creates/2/ttl", "/creates/1/name"]);
        // A map of field to one sentence each.
        let (_, err) = shape(r#"{"custom_id": "One of these must be set", "username": "One of these must be set"}"#);
        let pointers: Vec<_> = err.fields().iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(pointers, ["/custom_id", "/username"]);
        assert_eq!(err.message(), "");
    }

    #[test]
    fn a_google_code_is_an_http_status() {
        let (s, err) = shape(r#"{"error": {"code": 2003, "message": "Forbidden"}}"#);
        assert!(s.is_lenient());
        assert_eq!(err.upstream().unwrap().codes, ["2003"]);
        let (s, _) = shape(r#"{"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}}"#);
        assert_eq!(s, Dialect::Google);
    }

    #[test]
    fn a_message_beside_a_flat_error_is_not_dropped() {
        let (s, err) = shape(r#"{"statusCode": 400, "error": "Bad Request", "message": ["email must be an email"]}"#);
        assert!(s.is_lenient());
        assert_eq!(err.message(), "email must be an email");
    }

    #[test]
    fn problem_extensions_the_vocabulary_knows_still_reach_the_error() {
        let body = r#"{"type": "https://example.com/errors/validation", "title": "Invalid", "status": 422,
            "detail": "Invalid data", "errorCode": "30_102", "invalidFields": [{"name": "type", "message": "missing"}]}"#;
        let (s, err) = shape(body);
        assert_eq!(s, Dialect::Problem);
        assert_eq!(err.upstream().unwrap().codes, ["30_102"]);
        assert_eq!(err.fields()[0].pointer, "/type");
    }

    #[test]
    fn what_a_shape_would_drop_sends_the_body_to_the_lenient_reader() {
        // A request id beside a Stripe-shaped error object is read, and wins over the header's.
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("from-header"));
        let body =
            br#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}"#;
        let (_, err) = wire::decode(None, &headers, body).unwrap();
        assert_eq!(err.request_id(), Some("req_1"));
        // Field errors in a `details` map, beside a flat `error` message.
        let (s, err) = shape(
            r#"{"error": "Validation failed", "details": {"username": [{"error": "ERR_INVALID", "description": "bad"}],
                "password": [{"error": "ERR_BLANK", "description": "can't be blank"}]}}"#,
        );
        assert!(s.is_lenient());
        let fields: Vec<_> = err.fields().iter().map(|v| v.pointer.as_str()).collect();
        assert_eq!(fields, ["/username", "/password"], "in document order");
        assert_eq!(err.upstream().unwrap().codes, ["ERR_INVALID", "ERR_BLANK"]);
        // A trace id under a name ending like one, beside a list of errors.
        let (s, err) = shape(r#"{"errors": [{"code": "form_param_missing", "message": "m"}], "acme_trace_id": "t-1"}"#);
        assert!(s.is_lenient());
        assert_eq!(err.request_id(), Some("t-1"));
        // `data` mapping fields to their error, beside a numeric status as `code`.
        let (err, _) = wire::decode_or_status(
            http::StatusCode::BAD_REQUEST,
            &HeaderMap::new(),
            br#"{"code": 400, "message": "Failed.", "data": {"email": {"code": "validation_is_email", "message": "Bad."}}}"#,
        );
        assert_eq!(err.upstream().unwrap().codes, ["validation_is_email"]);
        assert_eq!(err.fields()[0].pointer, "/email");
    }

    #[test]
    fn the_lenient_reader_lists_codes_in_document_order_and_knows_what_is_no_code() {
        let (_, err) = shape(
            r#"{"error": {"code": 409, "errors": [{"reason": "idempotent_creation_conflict"}], "type": "invalid_state"}}"#,
        );
        assert_eq!(err.upstream().unwrap().codes, ["idempotent_creation_conflict", "invalid_state"]);
        // An `id` that reads as a code, when nothing else is one; not an occurrence's id.
        let (_, err) = shape(r#"{"id": "forbidden", "message": "Not for your tier."}"#);
        assert_eq!(err.upstream().unwrap().codes, ["forbidden"]);
        let (_, err) = shape(r#"{"id": "b50a7fd0-500a", "message": "Something failed."}"#);
        assert!(err.upstream().unwrap().codes.is_empty());
        // Status phrases, envelope tags and detail type names are no codes.
        let (_, err) = shape(r#"{"error": {"code": 404, "status": "Not Found", "message": "No rule matched."}}"#);
        assert!(err.upstream().unwrap().codes.is_empty(), "{:?}", err.upstream());
        let (_, err) =
            shape(r#"{"type": "error.list", "errors": [{"code": "token_suspended", "message": "Suspended"}]}"#);
        assert_eq!(err.upstream().unwrap().codes, ["token_suspended"]);
        let (_, err) = shape(
            r#"{"code": "unavailable", "message": "back off", "details": [{"type": "google.rpc.RetryInfo", "debug": {"retryDelay": "30s"}}]}"#,
        );
        assert_eq!(err.upstream().unwrap().codes, ["unavailable"]);
        assert_eq!(err.retry_after(), Some(30), "a retry hint in a detail's debug rendering");
        let (_, err) = shape(r#"{"ok": false, "description": "Too Many Requests", "parameters": {"retry_after": 41}}"#);
        assert_eq!(err.retry_after(), Some(41), "a retry hint one level down");
    }

    #[test]
    fn a_shape_is_claimed_only_by_members_it_reads() {
        // An integer `status` alone is no RFC 9457 body; `err` is a message.
        let (s, err) = shape(r#"{"status": 403, "err": "Invalid token"}"#);
        assert!(s.is_lenient());
        assert_eq!(err.message(), "Invalid token");
        // Items of another API's members (`reason`, `msg`) are not GitHub's nor JSON:API's.
        let (s, err) = shape(r#"{"errors": [{"reason": "Linode is not active", "field": "linode_id"}]}"#);
        assert!(s.is_lenient());
        assert_eq!(err.message(), "Linode is not active");
        assert_eq!(err.fields()[0].pointer, "/linode_id");
        let (s, err) = shape(r#"{"errors": [{"msg": "An error has occurred"}]}"#);
        assert!(s.is_lenient());
        assert_eq!(err.message(), "An error has occurred");
        // A top-level message under a name the list dialects do not read.
        let (s, err) = shape(
            r#"{"description": "Validation failed", "errors": [{"field": "status", "message": "bad", "code": "datatype_mismatch"}]}"#,
        );
        assert!(s.is_lenient());
        assert_eq!(err.message(), "Validation failed");
        assert_eq!(err.upstream().unwrap().codes, ["datatype_mismatch"]);
        // A message under a name a field map does not read (Jira's).
        let (s, err) = shape(r#"{"errorMessages": ["Issue does not exist"], "errors": {}}"#);
        assert!(s.is_lenient());
        assert_eq!(err.message(), "Issue does not exist");
        // A bare `code` that is the HTTP status, or zero, is none.
        let (s, err) = shape(r#"{"code": 422, "message": "No records matched"}"#);
        assert!(s.is_lenient());
        assert!(err.upstream().unwrap().codes.is_empty());
        let (_, err) = shape(r#"{"name": "Not Found Exception", "message": "Gone.", "code": 0, "status": 404}"#);
        assert!(err.upstream().unwrap().codes.is_empty());
        // A Google-shaped body whose message is an identifier: a code too.
        let (s, err) = shape(
            r#"{"error": {"code": 400, "message": "INVALID_EMAIL", "errors": [{"message": "INVALID_EMAIL", "domain": "global", "reason": "invalid"}]}}"#,
        );
        assert!(s.is_lenient());
        assert_eq!(err.upstream().unwrap().codes, ["INVALID_EMAIL", "invalid"]);
        assert_eq!(err.message(), "INVALID_EMAIL");
    }

    #[test]
    fn the_lenient_reader_finds_errors_where_apis_keep_them() {
        // A status phrase yields to an item's own message; hypermedia's `_embedded`.
        let (_, err) = shape(
            r#"{"message": "Bad Request", "_links": {"self": {"href": "/x"}}, "_embedded": {"errors": [{"message": "Required argument [Integer id] not specified", "path": "/id"}]}}"#,
        );
        assert_eq!(err.message(), "Required argument [Integer id] not specified");
        assert_eq!(err.fields()[0].pointer, "/id");
        // Field errors in a `details` object, as `fields` or as maps of messages and codes.
        let (_, err) = shape(
            r#"{"error": {"code": "invalid_input", "message": "m", "details": {"fields": [{"name": "broken_field", "messages": ["is too long"]}]}}}"#,
        );
        assert_eq!(err.upstream().unwrap().codes, ["invalid_input"]);
        assert_eq!(
            (err.fields()[0].pointer.as_str(), err.fields()[0].message.as_str()),
            ("/broken_field", "is too long")
        );
        let (_, err) = shape(
            r#"{"name": "ValidationError", "status": 422, "message": "Not valid.", "details": {"codes": {"password": ["presence"], "email": ["uniqueness"]}, "messages": {"password": ["can't be blank"], "email": ["taken"]}}}"#,
        );
        assert_eq!(err.upstream().unwrap().codes, ["ValidationError", "presence", "uniqueness"]);
        let fields: Vec<_> = err.fields().iter().map(|v| v.pointer.as_str()).collect();
        assert_eq!(fields, ["/password", "/email"]);
        // The field in what the error keeps aside; capitalised and prefixed names.
        let (_, err) =
            shape(r#"{"message": "%fieldName is a required field.", "parameters": {"fieldName": "attribute_set_id"}}"#);
        assert_eq!(err.fields()[0].pointer, "/attribute_set_id");
        let (_, err) = shape(
            r#"{"ErrorNumber": 10, "Type": "ValidationException", "Message": "A validation exception occurred"}"#,
        );
        assert_eq!(err.upstream().unwrap().codes, ["10", "ValidationException"]);
        assert_eq!(err.message(), "A validation exception occurred");
        let (_, err) =
            shape(r#"{"@type": "Error", "hydra:title": "An error occurred", "hydra:description": "No such product."}"#);
        assert_eq!(err.message(), "No such product.");
        // An object tagged as the error; a wrapper's own error object, whose number is its status.
        let (_, err) = shape(r#"{"sys": {"type": "Error", "id": "RateLimitExceeded"}, "message": "Slow down."}"#);
        assert_eq!(err.upstream().unwrap().codes, ["RateLimitExceeded"]);
        let (_, err) = shape(
            r#"{"data": {"error": {"code": 403, "message": "Forbidden", "type": "ImgurException"}, "method": "POST"}, "success": false, "status": 400}"#,
        );
        assert_eq!(err.upstream().unwrap().codes, ["ImgurException"]);
        // Joi's list of keys; a wait estimate is a retry hint.
        let (_, err) = shape(
            r#"{"statusCode": 400, "error": "Bad Request", "message": "url must be a uri", "validation": {"source": "payload", "keys": ["url"]}}"#,
        );
        assert_eq!(err.fields()[0].pointer, "/url");
        let (s, err) = shape(r#"{"error": "Model is currently loading", "estimated_time": 20.0}"#);
        assert!(s.is_lenient());
        assert_eq!(err.retry_after(), Some(20));
        // An envelope around the error object; Apigee's fault; JSend's failure.
        let (_, err) = shape(
            r#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "Bad signature."}, "RequestId": "r-1"}}"#,
        );
        assert_eq!(err.upstream().unwrap().codes, ["AuthFailure.SignatureFailure"]);
        assert_eq!((err.message(), err.request_id()), ("Bad signature.", Some("r-1")));
        let (_, err) =
            shape(r#"{"fault": {"faultstring": "Invalid ApiKey", "detail": {"errorcode": "oauth.v2.InvalidApiKey"}}}"#);
        assert_eq!(err.upstream().unwrap().codes, ["oauth.v2.InvalidApiKey"]);
        assert_eq!(err.message(), "Invalid ApiKey");
        let (_, err) = shape(r#"{"status": "fail", "data": {"title": "A title is required"}}"#);
        assert_eq!(err.fields()[0].pointer, "/title");
        // Messages under more names and in more places, as written.
        let (_, err) = shape(r#"{"status": 400, "status_message": "No route found "}"#);
        assert_eq!(err.message(), "No route found ");
        let (_, err) = shape(r#"{"status": {"error": "Wrong input: expected dim 768"}, "time": 0.0002}"#);
        assert_eq!(err.message(), "Wrong input: expected dim 768");
        let (_, err) = shape(r#"{"detail": {"status": "quota_exceeded", "message": "Over quota."}}"#);
        assert_eq!(
            (err.upstream().unwrap().codes.as_slice(), err.message()),
            (&["quota_exceeded".to_owned()][..], "Over quota.")
        );
        let (_, err) =
            shape(r#"{"success": false, "reasons": [{"code": 53100320, "message": "'termType' is invalid"}]}"#);
        assert_eq!(
            (err.upstream().unwrap().codes.as_slice(), err.message()),
            (&["53100320".to_owned()][..], "'termType' is invalid")
        );
        let (_, err) = shape(
            r#"{"message": "invalid parameters", "error": "bad_request", "status": 400, "cause": [{"code": "130", "description": "Invalid customer"}]}"#,
        );
        assert_eq!(err.upstream().unwrap().codes, ["bad_request", "130"]);
        let (_, err) = shape(r#"{"messages": [{"type": "ERROR", "text": "alerts need throttling"}]}"#);
        assert_eq!(err.message(), "alerts need throttling");
        assert!(err.upstream().unwrap().codes.is_empty() && err.fields().is_empty());
        // Apollo Server 2's code in `extensions.exception`.
        let (_, err) = shape(
            r#"{"errors": [{"message": "Denied", "path": ["staff"], "extensions": {"exception": {"code": "PermissionDenied"}}}], "data": null}"#,
        );
        assert_eq!(err.upstream().unwrap().codes, ["PermissionDenied"]);
        // A list of links beside the violations names no field.
        let (_, err) = shape(
            r#"{"errorCode": "E400", "description": "Cannot be processed.", "violations": [{"property": "to", "violation": "must be set"}], "resources": [{"name": "API docs", "url": "https://example.com/docs"}]}"#,
        );
        let fields: Vec<_> = err.fields().iter().map(|v| v.pointer.as_str()).collect();
        assert_eq!(fields, ["/to"]);
        // A plain word under `type` is a kind, not a code.
        let (_, err) = shape(r#"{"Type": "User", "Message": "Function not found"}"#);
        assert!(err.upstream().unwrap().codes.is_empty());
    }

    #[test]
    fn a_request_id_header_by_its_name() {
        // The API's own header before a CDN's, named or named like one.
        let mut headers = HeaderMap::new();
        headers.insert("cf-request-id", HeaderValue::from_static("cdn"));
        headers.insert("cf-ray", HeaderValue::from_static("ray"));
        headers.insert("sib-request-id", HeaderValue::from_static("api"));
        let (_, err) = wire::decode(None, &headers, br#"{"code": "unauthorized", "message": "No key."}"#).unwrap();
        assert_eq!(err.request_id(), Some("api"));
        headers.remove("sib-request-id");
        let (_, err) = wire::decode(None, &headers, br#"{"code": "unauthorized", "message": "No key."}"#).unwrap();
        assert_eq!(err.request_id(), Some("ray"));
        let mut headers = HeaderMap::new();
        headers.insert("x-ep-request-uuid", HeaderValue::from_static("4a48"));
        let (_, err) =
            wire::decode(None, &headers, br#"{"error": {"code": "NOT_FOUND", "message": "Gone."}}"#).unwrap();
        assert_eq!(err.request_id(), Some("4a48"));
    }

    /// A body DRF's shape fits by its members reads as a problem when the
    /// media type says so, however the media type is spelled.
    #[test]
    fn problem_json_is_detected_whatever_its_case_and_parameters() {
        let body = br#"{"detail": "Lead not found."}"#;
        assert_eq!(wire::detect(&HeaderMap::new(), body).unwrap(), Dialect::Drf);
        for content_type in [
            "application/problem+json",
            "Application/Problem+JSON; charset=utf-8",
            "APPLICATION/PROBLEM+JSON;charset=UTF-8",
            " application/problem+json ",
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            assert_eq!(wire::detect(&headers, body).unwrap(), Dialect::Problem, "{content_type}");
            let (shape, err) = wire::decode(Some(http::StatusCode::NOT_FOUND), &headers, body).unwrap();
            assert_eq!(shape, Dialect::Problem, "{content_type}");
            assert_eq!(err.message(), "Lead not found.");
        }
        let mut headers = HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static("application/problem+xml"));
        assert_eq!(wire::detect(&headers, body).unwrap(), Dialect::Drf);
    }

    /// What a details object's writers rely on (`details::says_no_fields`):
    /// only a non-empty list is read as field errors.
    #[test]
    fn only_non_empty_lists_read_as_field_errors() {
        assert!(super::reads_as_field_errors(&json!([{"message": "m"}])));
        assert!(super::reads_as_field_errors(&json!([{"field": "a"}])));
        for v in [json!([]), json!({}), json!({"a": [{"message": "m"}]}), json!("m"), json!(null), json!(1)] {
            assert!(!super::reads_as_field_errors(&v), "{v}");
        }
    }

    /// A strict shape does not claim a body whose error object under a name
    /// of its own (`detailedError`) it would drop: the lenient reader reads
    /// its code. An object under such a name without a code or message is
    /// no error object.
    #[test]
    fn an_error_object_under_another_name_is_not_dropped() {
        let (s, err) = shape(
            r#"{"error": "Invalid request: position is missing", "httpStatusCode": 400,
                "detailedError": {"code": "BadRequest", "message": "Invalid request: position is missing"}}"#,
        );
        assert!(s.is_lenient(), "{s:?}");
        assert_eq!(err.upstream().unwrap().codes, ["BadRequest"]);
        assert_eq!(err.message(), "Invalid request: position is missing");
        let (s, _) = shape(r#"{"error": "Invalid request", "lastError": {"at": "2024-01-01"}}"#);
        assert_eq!(s, Dialect::Flat);
    }
}
