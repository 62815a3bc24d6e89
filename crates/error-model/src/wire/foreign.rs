//! The lenient reader of foreign bodies: any JSON error body no dialect
//! fits, and the decode-only shapes it names ([`Foreign`]).
//!
//! The typed fast path reads the [dialects](super::Dialect). A body of
//! another API's shape, or one whose member has an unexpected type, comes
//! here instead: it is read as a `serde_json::Value` (this is the slow path)
//! and the reader takes what it can find where APIs usually put it. A few
//! shapes are recognised by their members and named ([`Foreign`]): they are
//! read, never written. The result says it was read leniently
//! ([`Upstream::lenient`](crate::Upstream::lenient)).
//!
//! What it looks for is one table of member names by role and priority,
//! [`super::vocab`]: codes, message, request id, retry hint, field paths and
//! field messages, at the top level, in the error object one level down
//! (`error`, `fault`, a `data`, `detail` or `status` object that holds
//! error members, an object tagged as the error, a lone member whose name
//! is then the code, or the one object under an unknown name that holds
//! error members), and codes of errors nested one or two levels into its
//! `data`. Before reading, a lone member that only wraps the error object is
//! unwrapped (`{"Response": {"Error": …}}`), so are the items of a list of
//! errors that only wrap one (`[{"error": …}]`), and JSON-LD prefixes are dropped
//! (`hydra:description`); capitalised names match throughout. A body that
//! is a list reads as its first object, or, a list of scalars, as one error
//! given by position (`["error", 10001, "Invalid order"]`).
//!
//! The field errors are found by [`super::foreign_fields`], and read, with
//! the texts, by [`super::free_form`], which
//! Stripe's decoder shares.

use serde_json::{Map, Value};

use super::any::{AnyBody, ErrorMember};
use super::dialect::Dialect;
use super::foreign_fields;
use super::foreign_nested;
use super::free_form::{accepts_item_code, code_like, code_text, item_codes, push, text};
use super::order::DocOrder;
use super::parse::{Context, finish, identify};
use super::vocab;
use crate::{ApiError, Code, Details};

/// AWS JSON protocols' member naming the error's type, whose short name is
/// the code.
const AWS_TYPE: &str = "__type";

/// Where the lenient reader also finds a request id: the
/// [vocabulary's](super::vocab) names at the top level, in the error object
/// and in `meta`, then these paths.
pub(crate) const REQUEST_ID_PATHS: &[&[&str]] = &[
    &["meta", "request_id"],
    &["error", "request_id"],
    &["error", "requestId"],
    &["error", "innerError", "request-id"],
    &["error", "innererror", "request-id"],
    &["error", "innerError", "requestId"],
];

macro_rules! foreign {
    ($($Variant:ident => $name:literal, $doc:literal;)*) => {
        /// An error shape that is read but never written: recognised by its
        /// members, read by the lenient reader.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Foreign {
            $(#[doc = $doc] $Variant,)*
        }

        impl Foreign {
            /// Every decode-only shape.
            pub const ALL: &'static [Foreign] = &[$(Foreign::$Variant),*];

            /// The shape's name.
            pub const fn name(self) -> &'static str {
                match self { $(Foreign::$Variant => $name,)* }
            }
        }
    };
}

foreign! {
    Aws => "aws", "AWS JSON protocols: `__type` (`com.amazonaws…#ResourceNotFoundException`) and `message` or `Message`.";
    OAuth => "oauth", "OAuth 2.0 (RFC 6749, section 5.2) `{error, error_description}`, and Slack's `{ok: false, error}`.";
    FastApi => "fastapi", "FastAPI/pydantic: `detail` is a list of `{loc, msg, type}`.";
    Spring => "spring", "Spring Boot's default error attributes: `timestamp`, `status`, `error` (the status phrase), `path` and `message`.";
    Kubernetes => "kubernetes", "Kubernetes `Status`: `kind: Status`, `reason`, `message`, `details.causes[]` with `field`, and `code` (the HTTP status).";
    ErrorTree => "error-tree", "Nested error trees (zod's format, Discord): objects down to the field, `_errors` lists of messages.";
    Other => "other", "Any other JSON: what the lenient reader could find.";
}

/// Which decode-only shape a body's members say it is, if any: checked
/// before the typed dialects, whose detection these bodies would fool.
pub(crate) fn foreign_shape(root: &Value) -> Option<Foreign> {
    let obj = root.as_object()?;
    let has = |k: &str| obj.contains_key(k);
    let str_member = |k: &str| obj.get(k).and_then(Value::as_str);
    // Each marks its shape as a text: a list under these names is a field's
    // messages (DRF's field named `__type` reads back as one).
    if str_member(AWS_TYPE).is_some() {
        return Some(Foreign::Aws);
    }
    if str_member("kind") == Some("Status") && has("apiVersion") {
        return Some(Foreign::Kubernetes);
    }
    // OAuth's `error` is a code: beside a description, or alone and code-like.
    let error_code = str_member("error").is_some_and(|e| code_like(e) && !vocab::is_status_phrase(e) && !has("code"));
    if str_member("error_description").is_some()
        || (obj.get("ok") == Some(&Value::Bool(false)) && str_member("error").is_some())
    {
        return Some(Foreign::OAuth);
    }
    if error_code && !has("timestamp") {
        return Some(Foreign::OAuth);
    }
    if obj.get("detail").and_then(Value::as_array).is_some_and(|d| d.iter().any(|i| i.get("loc").is_some())) {
        return Some(Foreign::FastApi);
    }
    if has("path") && has("timestamp") && str_member("error").is_some() && obj.get("status").is_some_and(Value::is_u64)
    {
        return Some(Foreign::Spring);
    }
    None
}

/// Whether the top-level members can only be told apart by reading them as
/// values: the body carries something the typed parse does not look at.
pub(crate) fn needs_value(any: &AnyBody) -> bool {
    // (The cheap test first: a body with a `code` of its own skips the word test.)
    let error_code = any.code.is_none()
        && matches!(&any.error, Some(ErrorMember::Message(e)) if code_like(e) && !vocab::is_status_phrase(e));
    error_code
        || any.any_other_name(|k| matches!(k, AWS_TYPE | "error_description" | "ok" | "path" | "kind"))
        || any.other.iter().any(|(k, v)| k == "detail" && v.is_array())
}

/// Reads `root` as leniently as it can, with the [vocabulary](super::vocab):
/// `body` is its text, which gives the document order of the codes.
pub(crate) fn read(shape: Foreign, root: Value, body: &[u8], ctx: &Context<'_>) -> ApiError {
    let root = match root {
        // A list of errors that each name a field (FluentValidation's
        // `[{propertyName, errorMessage}]`): the field errors of one error.
        Value::Array(items) if vocab::items_name_fields(&items) => serde_json::json!({ "errors": items }),
        // A list of errors: the first object in it; a list of scalars is
        // one error given by position.
        Value::Array(items) if items.iter().any(Value::is_object) => {
            items.into_iter().find(Value::is_object).unwrap_or(Value::Null)
        }
        Value::Array(items) => positional(&items),
        // A lone string is the message.
        Value::String(message) => serde_json::json!({ "message": message }),
        other => other,
    };
    let root = foreign_nested::without_wrapped_items(without_envelope(without_prefixes(root)));
    let empty = Map::new();
    let obj = root.as_object().unwrap_or(&empty);
    // Spring's `error` is the status phrase; Kubernetes' `code` and `status`
    // are the HTTP status and `Failure`.
    let skip: &[&str] = match shape {
        Foreign::Spring => &["error"],
        Foreign::Kubernetes => &["code", "status"],
        _ => &[],
    };
    let (inner, wrapper) = error_object(obj);
    // Whether the error object has codes of its own.
    let mut inner_codes = false;
    let mut statuses: Vec<i64> = ctx.status.map(|s| i64::from(s.as_u16())).into_iter().collect();
    for o in [Some(obj), inner].into_iter().flatten() {
        // Only a number that can be one: `"status": 24` is the API's code.
        statuses.extend(
            vocab::STATUS
                .iter()
                .filter_map(|k| vocab::get(o, k)?.as_i64())
                .filter(|n| crate::status::is_status_number(*n)),
        );
    }
    let order = DocOrder::new(body);
    let reader = Reader { order: &order, statuses: &statuses };
    let found = message(obj, inner, skip, &order);
    let (message, used) = match found {
        Some((text, key, in_inner)) => (Some(text), Some((key, in_inner))),
        None => (None, None),
    };
    let used_in = |is_inner: bool| used.filter(|(_, i)| *i == is_inner).map(|(k, _)| k);
    let mut codes = Vec::new();
    if let Some(e) = inner {
        reader.object_codes(e, &[], used_in(true), &mut codes);
        inner_codes = !codes.is_empty();
        for item in vocab::get(e, "errors").and_then(Value::as_array).into_iter().flatten() {
            if let Some(c) = item.get("reason").and_then(code_text) {
                push(&mut codes, &c);
            }
        }
    }
    if let Some(key) = wrapper {
        push(&mut codes, key);
    }
    if let Some(t) = obj.get(AWS_TYPE).and_then(Value::as_str) {
        let short = t.rsplit('#').next().unwrap_or(t);
        let short = short.split(':').next().unwrap_or(short);
        // A sentence there is no code (`"NotAuthorized username or password."`).
        if vocab::code_like(short) {
            push(&mut codes, short);
        }
    }
    // A `type` beside an error object that has its own code names the
    // envelope (`"type": "ErrorResponse"`), not the error.
    let mut with_type = [""; 3];
    with_type[..skip.len()].copy_from_slice(skip);
    with_type[skip.len()] = "type";
    let skip = if inner_codes { &with_type[..=skip.len()] } else { skip };
    reader.object_codes(obj, skip, used_in(false), &mut codes);
    // A list of codes under a name that says so: Microsoft identity's
    // `error_codes` of numbers, reCAPTCHA's and hCaptcha's `error-codes`.
    for o in [Some(obj), inner].into_iter().flatten() {
        for (_, list) in o.iter().filter(|(k, _)| vocab::names_code_list(k)) {
            let items = list.as_array().into_iter().flatten().take(crate::limits::MAX_UPSTREAM_CODES);
            for c in items.filter_map(code_text) {
                push(&mut codes, &c);
            }
        }
    }
    // Errors nested in the `data` of the error (one or two levels down).
    for o in [inner, Some(obj)].into_iter().flatten() {
        if let Some(data) =
            o.get("data").and_then(Value::as_object).filter(|d| !inner.is_some_and(|e| std::ptr::eq(*d, e)))
        {
            reader.object_codes(data, &[], None, &mut codes);
            let mut children: Vec<_> = data.iter().filter_map(|(k, v)| Some((k, v.as_object()?))).collect();
            children.sort_by_key(|(k, _)| order.string(k));
            for (_, child) in children {
                reader.object_codes(child, &[], None, &mut codes);
            }
        }
    }
    // The codes of the error object's own `detail` (Apigee's `fault.detail.errorcode`).
    for key in ["detail", "details"] {
        if let Some(d) = inner.and_then(|e| vocab::get(e, key)?.as_object()) {
            reader.object_codes(d, &[], None, &mut codes);
        }
        // And of an error a `details` object names (Wix's `details.applicationError`).
        for d in [Some(obj), inner].into_iter().flatten().filter_map(|o| vocab::get(o, key)?.as_object()) {
            let named = d.iter().filter(|(k, _)| vocab::role(k) == Some(vocab::Role::ErrorObject));
            for child in named.filter_map(|(_, v)| v.as_object()) {
                reader.object_codes(child, &[], None, &mut codes);
            }
        }
    }
    // The codes of another object named as an error beside the error object (`detailedError`).
    let named = obj.iter().filter(|(k, _)| vocab::role(k) == Some(vocab::Role::ErrorObject));
    for o in named.filter_map(|(_, v)| v.as_object()).filter(|o| !inner.is_some_and(|e| std::ptr::eq(*o, e))) {
        reader.object_codes(o, &[], None, &mut codes);
    }
    let embedded = obj.get("_embedded").and_then(Value::as_object);
    // The lists of errors, and of field errors: their codes are codes too.
    let list_names =
        || vocab::ERROR_LISTS.iter().chain(vocab::FIELD_ERRORS.iter().filter(|k| !vocab::ERROR_LISTS.contains(k)));
    let lists = [Some(obj), inner]
        .into_iter()
        .flatten()
        .flat_map(|o| list_names().map(move |k| vocab::get(o, k).and_then(Value::as_array)))
        .chain(vocab::ERROR_LISTS.iter().map(|k| vocab::get(embedded?, k).and_then(Value::as_array)))
        // Any other list whose items each name a field (GoDaddy's `fields: [{path, code, message}]`).
        .chain([Some(obj), inner].into_iter().flatten().flat_map(|o| {
            o.values().map(move |v| {
                // Not one of the lists above, as written or capitalised.
                let listed = || list_names().any(|n| vocab::get(o, n).is_some_and(|l| std::ptr::eq(l, v)));
                v.as_array().filter(|items| vocab::items_name_fields(items) && !listed())
            })
        }));
    // And the errors of a map of them each keyed by its own code (`"errors": {"ER920": {…}}`).
    let keyed = [Some(obj), inner]
        .into_iter()
        .flatten()
        .flat_map(|o| vocab::ERROR_LISTS.iter().filter_map(move |k| vocab::get(o, k)?.as_object()))
        .filter(|m| vocab::keyed_by_own_codes(m))
        .flat_map(|m| m.values().filter_map(Value::as_object));
    let items = lists.flatten().flatten().filter_map(Value::as_object).chain(keyed);
    // And the items of a list of errors an item holds, one level down
    // (`errors[].detail[]`: the validation errors of one error).
    let nested = items.clone().flat_map(|item| {
        vocab::ERROR_LISTS.iter().filter_map(|k| vocab::get(item, k)?.as_array()).flatten().filter_map(Value::as_object)
    });
    let nested: Vec<_> = nested.take(crate::limits::MAX_UPSTREAM_CODES).collect();
    for item in items.chain(nested) {
        let before = codes.len();
        item_codes(item, |c| !reader.is_status_text(c), &mut codes);
        // An identifier as an item's title or detail is its name, a code (`"title": "invalid_token"`);
        // under its message it is only the message (`Errors.User.NotFound`).
        // (Accepted as `item_codes` accepts a code.)
        for name in vocab::ITEM_CODE_AS_MESSAGE {
            let code =
                vocab::item_code_as_message(item, name).filter(|c| accepts_item_code(c, |c| !reader.is_status_text(c)));
            if let Some(c) = code {
                push(&mut codes, c);
            }
        }
        if codes.len() == before {
            let id = vocab::CODE_FALLBACK.iter().find_map(|k| item.get(*k)?.as_str());
            if let Some(id) = id.filter(|id| vocab::names_a_kind(id) && !reader.is_status_text(id)) {
                push(&mut codes, id);
            }
        }
    }
    // AWS REST protocols name the error type in a header.
    for name in ["x-amzn-errortype", "x-amazon-errortype"] {
        if let Some(t) = ctx.headers.get(name).and_then(|v| v.to_str().ok()) {
            push(&mut codes, t.split(':').next().unwrap_or(t));
        }
    }
    let mut details = Details::default();
    foreign_fields::fields(obj, inner, &mut details.fields, &mut codes);
    // The errors of the whole request in a map of field errors (`base`) are
    // the error's: its message, when it has none.
    let mut message = message;
    if details.fields.iter().any(|v| vocab::WHOLE_REQUEST_FIELDS.contains(&v.field.as_str())) {
        let (whole, fields) = std::mem::take(&mut details.fields)
            .into_iter()
            .partition::<Vec<_>, _>(|v| vocab::WHOLE_REQUEST_FIELDS.contains(&v.field.as_str()));
        details.fields = fields;
        message = message.or_else(|| whole.into_iter().map(|v| v.message).find(|m| !m.trim().is_empty()));
    }
    // An identifier given as the body's message (`"message": "APIKEY_INVALID"`)
    // is its code, and its message too where it says nothing else: no
    // other text, no field errors (as in the error object, see `message`).
    if message.is_none() && details.fields.is_empty() {
        message =
            vocab::get(obj, "message").and_then(Value::as_str).filter(|s| vocab::is_code_text(s)).map(str::to_owned);
    }
    // In the order the body gives them, when each can be placed: by the
    // field as written (a top-level key is the field, dotted or not:
    // `leads.5.phone`), else by its first name (a nested map's field).
    let found = |text: &str| Some(order.string(text)).filter(|at| *at != usize::MAX);
    let placed: Option<Vec<usize>> =
        details.fields.iter().map(|v| found(&v.field).or_else(|| found(v.field.split(['.', '[']).next()?))).collect();
    if let Some(at) = placed {
        let mut fields: Vec<_> = at.into_iter().zip(std::mem::take(&mut details.fields)).collect();
        fields.sort_by_key(|(at, _)| *at);
        details.fields = fields.into_iter().map(|(_, v)| v).collect();
    }
    details.fields.truncate(ctx.limits.max_fields);
    // Where nothing else is a code: a constant (`INVALID_PARAM_VALUE`) under
    // a name no role claims (`label`), then a `result: "error"` flag.
    if codes.is_empty() {
        if let Some(c) = foreign_nested::constant_code(obj, inner, &order) {
            push(&mut codes, c);
        }
    }
    if codes.is_empty() && obj.get("result").and_then(Value::as_str) == Some("error") {
        push(&mut codes, "error");
    }
    // Codes too: in document order, those the body does not spell (an AWS
    // type's short name, a header's) last.
    codes.sort_by_cached_key(|c| order.string(c));
    let too_many = ctx.status == Some(http::StatusCode::TOO_MANY_REQUESTS);
    details.retry_after = retry_hint(obj, inner).or_else(|| foreign_nested::spent_limit_reset(obj, too_many));
    let body_status = ["status", "statusCode", "status_code", "code"]
        .iter()
        .filter(|k| shape == Foreign::Kubernetes || **k != "code")
        .find_map(|k| vocab::get(obj, k)?.as_i64())
        .or_else(|| inner.and_then(|e| e.get("code")?.as_i64()));
    codes.truncate(ctx.limits.max_fields.max(16));
    let code = codes.iter().find(|c| Code::lookup(c).is_some()).or(codes.first()).map(|c| Code::new(c));
    let shape = if shape == Foreign::Other && looks_like_tree(obj) { Foreign::ErrorTree } else { shape };
    let mut err = finish(Dialect::Canonical, code, body_status, message, details, ctx);
    let upstream = err.upstream_mut();
    upstream.codes = codes;
    upstream.dialect = Some(shape.name().to_owned());
    upstream.lenient = true;
    // Else one the message writes after a label (`error id: 521fb2f5…`).
    let request_id = request_id(obj, inner).or_else(|| foreign_nested::id_in_text(err.message()).map(str::to_owned));
    keep_unread(obj, identify(ctx, err, request_id, None))
}

/// The top-level members the reader left unread, kept as extensions, as a
/// strict decoder keeps those its shape does not read: a string, number or
/// boolean under a name no role of the [vocabulary](super::vocab) claims,
/// unless the error was read from it (a code, the message, the request id,
/// a field with an error), it only tags the body as an error, or it carries
/// the sender's internals ([`vocab::names_internals`]: a stack trace, an
/// exception's class). Objects and lists are not kept: the reader looks
/// into them for the error's parts.
fn keep_unread(obj: &Map<String, Value>, mut err: ApiError) -> ApiError {
    use std::collections::HashSet;
    // What the names and types allow first: most bodies have none of these,
    // and then nothing else is built.
    let candidates: Vec<(&String, &Value)> = obj
        .iter()
        .filter(|(k, v)| {
            matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_))
                && *k != AWS_TYPE
                && !vocab::has_role(k)
                && !vocab::names_internals(k)
        })
        .collect();
    if candidates.is_empty() {
        return err;
    }
    // Sets, not scans: a body may have many members, codes and fields.
    let fields: HashSet<&str> =
        err.fields().iter().map(|v| v.field.split(['.', '[']).next().unwrap_or(&v.field)).collect();
    let codes: HashSet<&str> = err.upstream().into_iter().flat_map(|u| u.codes.iter().map(String::as_str)).collect();
    let read_from = |s: &str| {
        let s = s.trim();
        vocab::is_tag(s) || s == err.message().trim() || err.request_id() == Some(s) || codes.contains(s)
    };
    let kept: Vec<(String, Value)> = candidates
        .into_iter()
        .filter(|(k, v)| !fields.contains(k.as_str()) && v.as_str().is_none_or(|s| !read_from(s)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    // Bounded as every extension a decoder keeps (`text::echoed`).
    let extensions = &mut err.details_mut().extensions;
    for (key, value) in kept {
        extensions.entry(key).or_insert_with(|| crate::text::echoed(value));
    }
    err
}

/// The value of a lone top-level member that only wraps the error object
/// and its company (`{"Response": {"Error": {…}, "RequestId": …}}`).
fn without_envelope(root: Value) -> Value {
    // An error object, or a list of errors (`{"response": {"errors": […]}}`).
    let wraps = |v: &Value| {
        v.as_object().is_some_and(|o| {
            vocab::ERROR_OBJECT.iter().filter(|k| **k != "data").any(|k| vocab::get(o, k).is_some_and(Value::is_object))
                || o.iter().any(|(k, v)| v.is_object() && vocab::role(k) == Some(vocab::Role::ErrorObject))
                || (o.len() == 1 && vocab::get(o, "errors").and_then(Value::as_array).is_some_and(|l| !l.is_empty()))
        })
    };
    match root {
        Value::Object(obj) if obj.len() == 1 && obj.values().all(wraps) => {
            obj.into_iter().next().map(|(_, v)| v).unwrap_or(Value::Null)
        }
        other => without_lone_chain(other),
    }
}

/// The object at the end of a chain of lone members two or more deep
/// (`{"metadata": {"responseInfo": {"errorCode": …, "userMessage": …}}}`),
/// when it holds the error's members: the chain is an envelope. (One lone
/// member alone is not: its name may be the error's code, see [`error_object`];
/// nor is a map of field errors, `{"errors": {"id": {"msg": …}}}`.)
fn without_lone_chain(root: Value) -> Value {
    fn lone(v: &Value) -> Option<&Value> {
        let (k, v) = v.as_object().filter(|o| o.len() == 1)?.iter().next()?;
        let k = vocab::spelled(k);
        (v.is_object() && !vocab::names_field_errors(&k) && !vocab::names_message(&k)).then_some(v)
    }
    let (mut end, mut depth) = (&root, 0);
    while let Some(next) = lone(end) {
        (end, depth) = (next, depth + 1);
    }
    if depth < 2 || !end.as_object().is_some_and(has_error_members) {
        return root;
    }
    let mut root = root;
    for _ in 0..depth {
        root = match root {
            Value::Object(obj) => obj.into_iter().next().map_or(Value::Null, |(_, v)| v),
            other => other,
        };
    }
    root
}

/// A code, an identifier under a message's name (which is a code).
fn has_code(o: &Map<String, Value>) -> bool {
    o.iter().any(|(k, v)| {
        let k = vocab::spelled(k);
        vocab::is_code_member(&k, v) || vocab::is_code_as_message(&k, v)
    })
}

/// A code (as [`has_code`]) or a message.
fn has_error_members(o: &Map<String, Value>) -> bool {
    has_code(o) || o.iter().any(|(k, v)| vocab::is_message_member(&vocab::spelled(k), v))
}

/// The root's members with a JSON-LD prefix (`hydra:description`) under
/// their local name, where no member has it already.
fn without_prefixes(root: Value) -> Value {
    let Value::Object(obj) = root else { return root };
    fn prefixed(k: &str) -> Option<(&str, &str)> {
        k.split_once(':')
            .filter(|(p, l)| !p.is_empty() && !l.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
    }
    if !obj.keys().any(|k| prefixed(k).is_some()) {
        return Value::Object(obj);
    }
    let mut out = Map::new();
    for (k, v) in obj {
        let local = prefixed(&k).map(|(_, l)| l.to_owned()).unwrap_or(k);
        out.entry(local).or_insert(v);
    }
    Value::Object(out)
}

/// The object that holds the error's own members, one level down
/// ([`vocab::ERROR_OBJECT`], when it has a code or a message), or the value
/// of a lone top-level member that has them: then that member's name is the
/// error's code (`{"BadRequest": {"message": …}}`).
fn error_object(obj: &Map<String, Value>) -> (Option<&Map<String, Value>>, Option<&str>) {
    let lists_errors = |o: &Map<String, Value>| o.len() == 1 && vocab::lists_errors(o);
    // Beside a list of errors, a wrapper (`meta`, `data`) holds the error
    // only when it has a code: its message alone describes the payload.
    let beside_errors =
        vocab::get(obj, "errors").and_then(Value::as_array).is_some_and(|l| l.iter().any(Value::is_object));
    for (i, key) in vocab::ERROR_OBJECT.iter().enumerate() {
        if let Some(o) = vocab::get(obj, key).and_then(Value::as_object) {
            // `error` and `odata.error` are error objects by name; `data` only
            // by what it holds, and never in JSend's failure, where it maps
            // fields to their messages.
            let jsend_fail = *key == "data" && obj.get("status").and_then(Value::as_str) == Some("fail");
            // A wrapper that holds only a list of errors (`data.errors`) holds the error too.
            let holds = if beside_errors { has_code(o) } else { has_error_members(o) || lists_errors(o) };
            if i < 2 || (holds && !jsend_fail) {
                // A wrapper's own `error` object (`data.error`) holds the error.
                let nested = (i >= 2).then(|| vocab::get(o, "error")?.as_object()).flatten();
                return (Some(nested.filter(|e| has_error_members(e)).unwrap_or(o)), None);
            }
        }
    }
    // A tagged union: a type and its value (`{"type": "…invalid_argument", "value": {…}}`).
    if obj.len() == 2 {
        // The type is the error's code, where it reads as one (no URI nor tag),
        // and the value holds an error's members.
        let tag = ["type", "kind"].iter().find_map(|k| {
            let v = vocab::get(obj, k)?;
            v.as_str().filter(|_| vocab::is_code_member("type", v))
        });
        let value = vocab::get(obj, "value")
            .and_then(Value::as_object)
            .filter(|o| has_error_members(o) || vocab::lists_errors(o));
        if let (Some(o), Some(tag)) = (value, tag) {
            return (Some(o), Some(tag));
        }
    }
    // One error's own members under `errors` (`{"code", "message"}`), not fields'.
    if let Some(o) = vocab::get(obj, "errors").and_then(Value::as_object).filter(|o| vocab::is_one_error_object(o)) {
        return (Some(o), None);
    }
    // An object tagged as the error (`"sys": {"type": "Error", "id": "InvalidQuery"}`).
    let tagged = obj.values().filter_map(Value::as_object).find(|o| {
        ["type", "@type"].iter().any(|k| o.get(*k).and_then(Value::as_str).is_some_and(vocab::is_tag))
            && o.values().any(|v| v.as_str().is_some_and(|s| vocab::code_like(s) && !vocab::is_tag(s)))
    });
    if tagged.is_some() {
        return (tagged, None);
    }
    // A member whose words name an error (`serviceException`,
    // `applicationError`) and which holds error members.
    let named = obj
        .iter()
        .filter_map(|(k, v)| Some((k, v.as_object()?)))
        .filter(|(k, o)| vocab::role(k) == Some(vocab::Role::ErrorObject) && has_error_members(o))
        .min_by_key(|(k, _)| *k);
    if let Some((_, o)) = named {
        return (Some(o), None);
    }
    if obj.len() == 1 {
        let (key, value) = obj.iter().next().expect("one member");
        let known = vocab::names_message(key)
            || vocab::names_field_errors(key)
            || vocab::RETRY_CONTAINERS.contains(&key.as_str());
        if let Some(o) = value.as_object().filter(|o| !known && code_like(key) && has_error_members(o)) {
            // Beside the error's own code, the name is the envelope's
            // (`{"ErrorInformation": {"Code": 2000428, …}}`); an HTTP status
            // there is no code of its own (`{"BadRequest": {"code": 400, …}}`).
            let status = |v: &Value| v.as_i64().is_some_and(crate::status::is_error_number);
            let own_code = o.iter().any(|(k, v)| !status(v) && vocab::is_code_member(&vocab::spelled(k), v));
            return (Some(o), (!own_code).then_some(key.as_str()));
        }
    }
    (foreign_nested::unknown_container(obj).filter(|_| !has_code(obj)), None)
}

/// What the codes of a body are read with: the document order of its
/// members and the HTTP statuses it was sent with or repeats.
struct Reader<'a> {
    order: &'a DocOrder<'a>,
    statuses: &'a [i64],
}

impl Reader<'_> {
    /// Whether a code's text is a number that is the HTTP status.
    fn is_status_text(&self, code: &str) -> bool {
        code.parse::<i64>().is_ok_and(|n| self.is_status(n))
    }

    /// The codes among an object's members, in document order: those named
    /// as codes, and identifiers under a message's name; not the member that
    /// is the message, nor a number that is the HTTP status.
    fn object_codes(&self, o: &Map<String, Value>, skip: &[&str], message: Option<&str>, out: &mut Vec<String>) {
        let mut found: Vec<(usize, String)> = Vec::new();
        // An `id` is a code only when nothing else is, and it reads as one:
        // a word or identifier, not an occurrence's id (see `names_a_kind`).
        let fallback = || {
            vocab::CODE_FALLBACK.iter().find_map(|k| {
                let id = vocab::get(o, k)?.as_str()?;
                // Nor a status phrase (`"id": "Forbidden"`), which no decoder reads as a code.
                (vocab::names_a_kind(id)
                    && !vocab::is_tag(id)
                    && !vocab::is_status_phrase(id)
                    && !self.is_status_text(id))
                .then(|| (self.order.member(k, id), id.to_owned()))
            })
        };
        for (written, value) in o {
            let spelled = vocab::spelled(written);
            let key = spelled.as_ref();
            if skip.contains(&key) || message == Some(key) {
                continue;
            }
            let error_id = value.as_str().filter(|id| vocab::error_id_is_code(key, id));
            let code = if let Some(id) = error_id {
                Some(id.to_owned())
            } else if let Some(n) = value.as_i64().filter(|n| vocab::status_number_is_code(key, *n)) {
                Some(n.to_string())
            } else if vocab::is_code_member(key, value) {
                match value {
                    // Zero says there is no error code.
                    Value::Number(n) => {
                        n.as_i64().filter(|n| *n != 0 && !self.is_status(*n) && !phrased(o, *n)).map(|n| n.to_string())
                    }
                    Value::String(s) if !self.is_status_text(s) => Some(s.clone()),
                    _ => None,
                }
            } else if vocab::names_message(key) {
                // Not an occurrence's id given as the message.
                value.as_str().filter(|s| vocab::is_code_text(s)).map(str::to_owned)
            } else {
                None
            };
            if let Some(c) = code {
                found.push((self.order.member(written, &c), c));
            }
        }
        // Not the `id` of an object that lists errors: it names the result
        // they are about (Vespa's `root: {id: "toplevel", errors: […]}`).
        if found.is_empty() && !vocab::lists_errors(o) {
            found.extend(fallback());
        }
        found.sort_by_key(|(at, _)| *at);
        found.iter().for_each(|(_, c)| push(out, c));
    }

    /// Whether a number is the HTTP status rather than a code: one the
    /// response or the body gives, or any error status when neither does;
    /// never a negative number (bitFlyer's `"status": -700`).
    fn is_status(&self, n: i64) -> bool {
        n >= 0 && if self.statuses.is_empty() { crate::status::is_error_number(n) } else { self.statuses.contains(&n) }
    }
}

/// Whether an object gives the reason phrase of status `n` as a text
/// (`{"code": 403, "message": "Forbidden"}`): then `n` is that status.
fn phrased(o: &Map<String, Value>, n: i64) -> bool {
    let reason = u16::try_from(n).ok().and_then(|n| http::StatusCode::from_u16(n).ok()?.canonical_reason());
    reason.is_some_and(|r| o.values().any(|v| v.as_str() == Some(r)))
}

/// The message: the first member named as one (the error object's first),
/// with the name it was found under and whether it was in the error object.
/// An HTTP status phrase (`Bad Request`) is the message only when nothing
/// else is: not even the message of the first item of a list of errors, nor
/// an identifier under `message` (which is also a code).
fn message<'a>(
    obj: &'a Map<String, Value>,
    inner: Option<&'a Map<String, Value>>,
    skip: &[&str],
    order: &DocOrder<'_>,
) -> Option<(String, &'a str, bool)> {
    let mut phrase = None;
    for (o, is_inner) in [(inner, true), (Some(obj), false)] {
        let Some(o) = o else { continue };
        // A heading (`"error": "User Already Exists"`) yields to a sentence
        // under a later name of the table in the same object; not one
        // under `message`, which names the message itself.
        let mut heading = None;
        for key in vocab::MESSAGE {
            if !is_inner && skip.contains(key) {
                continue;
            }
            if let Some(m) = vocab::get(o, key).and_then(|v| message_text(key, v)) {
                if vocab::is_status_phrase(&m) {
                    phrase.get_or_insert((m, *key, is_inner));
                } else if heading.is_none() && is_heading(&m) && !key.eq_ignore_ascii_case("message") {
                    heading = Some((m, *key, is_inner));
                } else if heading.is_none() || is_sentence(&m) {
                    return Some((m, key, is_inner));
                }
            }
        }
        if heading.is_some() {
            return heading;
        }
        // Then a name the table does not list whose words make it a
        // message (`user_message`), the first in the document.
        // A status phrase there (`exception_message: "Unauthorized"`) is
        // the message only when nothing else is, as above.
        let by_words = || {
            o.iter()
                .filter(|(k, _)| vocab::role(k) == Some(vocab::Role::Message))
                .filter_map(|(k, v)| Some((order.member(k, v.as_str().unwrap_or_default()), k, message_text(k, v)?)))
        };
        let not_phrase = by_words().filter(|(_, _, m)| !vocab::is_status_phrase(m));
        if let Some((_, key, m)) = not_phrase.min_by_key(|(at, k, _)| (*at, *k)) {
            return Some((m, key.as_str(), is_inner));
        }
        if let Some((_, key, m)) = by_words().min_by_key(|(at, k, _)| (*at, *k)) {
            phrase.get_or_insert((m, key.as_str(), is_inner));
        }
    }
    // The first item of a list of errors: a message, or an object with one.
    let embedded = obj.get("_embedded").and_then(Value::as_object);
    let lists = vocab::ERROR_LISTS.iter().filter(|k| **k != "details");
    let first =
        lists.flat_map(|k| [Some(obj), inner, embedded].map(|o| (o, k))).find_map(|(o, k)| match vocab::get(o?, k)? {
            Value::Array(items) => items.first(),
            // A map of errors each keyed by its own code: its first.
            Value::Object(map) if vocab::keyed_by_own_codes(map) => {
                map.iter().min_by_key(|(k, _)| order.string(k)).map(|(_, v)| v)
            }
            _ => None,
        });
    // A status phrase yields to an item that is an error of its own (an
    // object), not to a list of texts detailing it.
    let from_item = first.and_then(|first| match first {
        // Its field message, else a message under another of the
        // vocabulary's names (`{"attribute": "", "error": "Must be set."}`).
        // Last, a text under a name that elsewhere holds a list or an
        // object, as at the top (Outscale's `{"Details": "…", "Code": "2000"}`).
        // Not a title or detail read as a code above, unless nothing else.
        Value::Object(o) => vocab::FIELD_MESSAGE
            .iter()
            .filter(|k| vocab::item_code_as_message(o, k).is_none())
            .find_map(|k| text(vocab::get(o, k)))
            .or_else(|| vocab::MESSAGE.iter().find_map(|k| message_text(k, vocab::get(o, k)?)))
            // Then a name whose words make it a message (`default_message`).
            .or_else(|| {
                o.iter()
                    .filter(|(k, _)| vocab::role(k) == Some(vocab::Role::Message))
                    .find_map(|(k, v)| message_text(k, v))
            })
            .or_else(|| {
                vocab::MESSAGE_LAST.iter().find_map(|k| message_text(k, vocab::get(o, k).filter(|v| v.is_string())?))
            })
            // Last, the identifier read as a code, where nothing else says
            // anything (as an identifier as the body's message is).
            .or_else(|| {
                vocab::ITEM_CODE_AS_MESSAGE.iter().find_map(|k| vocab::item_code_as_message(o, k)).map(str::to_owned)
            })
            .map(|m| (m, true)),
        other => text(Some(other)).map(|m| (m, false)),
    });
    match from_item {
        Some((m, is_object)) if is_object || phrase.is_none() => return Some((m, "", false)),
        _ => {}
    }
    // A message given only as a text under a name that elsewhere holds a
    // list or an object (`"details": "No card found."`).
    let last = [inner, Some(obj)].into_iter().flatten().find_map(|o| {
        vocab::MESSAGE_LAST.iter().find_map(|k| {
            let v = vocab::get(o, k).filter(|v| v.is_string())?;
            Some((message_text(k, v)?, *k))
        })
    });
    if let Some((m, key)) = last {
        return Some((m, key, false));
    }
    // An identifier given as the error object's message is a code, and the
    // only message there is.
    let id = inner
        .and_then(|o| vocab::get(o, "message")?.as_str().filter(|s| vocab::identifier_like(s) && !vocab::is_tag(s)));
    id.map(|m| (m.to_owned(), "", false)).or(phrase)
}

/// A heading: two to six capitalised words, no punctuation (`User Already Exists`).
fn is_heading(s: &str) -> bool {
    let n = s.split_whitespace().count();
    (2..=6).contains(&n)
        && s.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && !s.contains(|c: char| c.is_ascii_punctuation())
}

/// A sentence: words that end with a full stop (or `!`, `?`).
fn is_sentence(s: &str) -> bool {
    let s = s.trim_end();
    s.contains(char::is_whitespace) && s.ends_with(['.', '!', '?'])
}

/// One error given by position in a list of scalars
/// (`["error", 10001, "Invalid order: …"]`): its first whole number or
/// identifier is the code, its first sentence the message; tags aside. A
/// list with neither a tag nor a sentence (`[1, 2, 3]`) says nothing.
fn positional(items: &[Value]) -> Value {
    let says = |i: &Value| i.as_str().is_some_and(|s| vocab::is_tag(s) || s.trim().contains(char::is_whitespace));
    if !items.iter().take(crate::limits::MAX_UPSTREAM_CODES).any(says) {
        return Value::Null;
    }
    let mut out = Map::new();
    for item in items.iter().take(crate::limits::MAX_UPSTREAM_CODES) {
        let (key, keep) = match item {
            Value::Number(n) if n.is_i64() => ("code", item.clone()),
            Value::String(s) if vocab::is_tag(s) => continue,
            Value::String(s) if vocab::identifier_like(s) => ("code", item.clone()),
            Value::String(s) if s.trim().contains(char::is_whitespace) => ("message", item.clone()),
            _ => continue,
        };
        out.entry(key).or_insert(keep);
    }
    Value::Object(out)
}

/// A message member's text: a sentence, an object's text, or the first of a
/// list of them. An identifier is a code; an `error` or `status` that is a
/// code or the HTTP status phrase is not a message.
fn message_text(key: &str, v: &Value) -> Option<String> {
    match v {
        // As written: only the checks ignore the spaces around it.
        Value::String(written) => {
            let s = written.trim();
            let not_message = s.is_empty()
                || vocab::identifier_like(s)
                || vocab::is_hex_id(s)
                || (matches!(key, "error" | "status") && (code_like(s) || vocab::is_status_phrase(s)));
            (!not_message).then(|| written.clone())
        }
        Value::Object(m) => vocab::MESSAGE_IN_OBJECT.iter().find_map(|k| text(vocab::get(m, k))),
        Value::Array(items) if key != "errors" => {
            items.iter().find_map(|i| i.as_str().filter(|s| !s.trim().is_empty())).map(str::to_owned)
        }
        _ => None,
    }
}

/// The request id: by the vocabulary's names, then by a name's words
/// (`event_id`), at the top, in the error object, in `meta` and the other
/// containers of hints, then in the first item of a list of errors and
/// what it keeps aside; then at the paths of [`REQUEST_ID_PATHS`].
fn request_id(obj: &Map<String, Value>, inner: Option<&Map<String, Value>>) -> Option<String> {
    let meta = obj.get("meta").and_then(Value::as_object);
    let tops = [Some(obj), inner].into_iter().flatten();
    let containers =
        tops.clone().flat_map(|o| vocab::RETRY_CONTAINERS.iter().filter_map(move |k| o.get(*k)?.as_object()));
    let first_item = tops
        .clone()
        .flat_map(|o| vocab::ERROR_LISTS.iter().filter_map(move |k| vocab::get(o, k)?.as_array()?.first()?.as_object()))
        .next();
    let item_more =
        first_item.into_iter().flat_map(|i| vocab::ITEM_MORE.iter().filter_map(move |k| i.get(*k)?.as_object()));
    // Last, any other object one level down (Outscale's `ResponseContext`).
    let any_object = tops.clone().flat_map(|o| o.values().filter_map(Value::as_object));
    let places = tops.chain(meta).chain(containers).chain(first_item).chain(item_more).chain(any_object);
    let by_name = places.take(crate::limits::MAX_UPSTREAM_CODES).find_map(vocab::request_id_in);
    by_name
        .or_else(|| {
            REQUEST_ID_PATHS.iter().find_map(|path| {
                let mut v = obj.get(path[0])?;
                for key in &path[1..] {
                    v = v.get(*key)?;
                }
                v.as_str().map(str::to_owned)
            })
        })
        .or_else(|| own_id(inner.unwrap_or(obj), first_item))
        .filter(|id| !id.trim().is_empty())
}

/// Last, the error's own `id` (of its error object, or of the body's first
/// error item) where it names this occurrence: a UUID, or any id beside a
/// code under another name (then the id is not the code, see
/// [`vocab::CODE_FALLBACK`]): Goa's `{name, id, message}`, an item's
/// `{type, id}`. An `id` beside an error object is the resource's.
fn own_id(own: &Map<String, Value>, first_item: Option<&Map<String, Value>>) -> Option<String> {
    [Some(own), first_item].into_iter().flatten().find_map(|o| {
        let id = vocab::get(o, "id")?.as_str().filter(|id| code_like(id) && !vocab::is_tag(id))?;
        // Beside another code, an id with letters in it: a number (`404.2`)
        // numbers a kind of error.
        let other_code = || {
            id.bytes().any(|b| b.is_ascii_alphabetic())
                && o.iter().any(|(k, v)| {
                    let k = vocab::spelled(k);
                    k != "id" && vocab::is_code_member(&k, v) && !v.is_number()
                })
        };
        ((id.len() >= 16 && !vocab::names_a_kind(id)) || other_code()).then(|| id.to_owned())
    })
}

/// The retry hint, in seconds: at the top, in the error object, or in their
/// `meta`, `details` or `data`, in the unit its name or value gives.
fn retry_hint(obj: &Map<String, Value>, inner: Option<&Map<String, Value>>) -> Option<u64> {
    let tops = [Some(obj), inner].into_iter().flatten();
    // The containers of hints, and the objects in them (`data.rate`).
    let named = tops.clone().flat_map(|o| vocab::RETRY_CONTAINERS.iter().filter_map(move |k| o.get(*k)?.as_object()));
    let named = named.clone().chain(named.flat_map(|c| c.values().filter_map(Value::as_object)));
    // Then any object one level down (Telegram's `parameters`), and the
    // items of a list of details and what they keep aside (`debug`).
    let any_object = tops.clone().flat_map(|o| o.values().filter_map(Value::as_object));
    let items = tops
        .clone()
        .flat_map(|o| o.values().filter_map(Value::as_array))
        .flat_map(|items| items.iter().take(crate::limits::MAX_UPSTREAM_CODES).filter_map(Value::as_object));
    let item_more = items.clone().flat_map(|i| vocab::ITEM_MORE.iter().filter_map(move |k| i.get(*k)?.as_object()));
    tops.chain(named).chain(any_object).chain(items).chain(item_more).find_map(vocab::retry_in)
}

fn looks_like_tree(obj: &Map<String, Value>) -> bool {
    fn has_errors(v: &Value, depth: usize) -> bool {
        depth < crate::limits::MAX_ERROR_TREE_DEPTH
            && match v {
                Value::Object(m) => m.contains_key("_errors") || m.values().any(|v| has_errors(v, depth + 1)),
                _ => false,
            }
    }
    obj.values().any(|v| has_errors(v, 0))
}

#[cfg(test)]
#[path = "foreign_tests.rs"]
mod tests;
