//! Reading error members out of free-form JSON (`serde_json::Value`): what
//! the lenient reader finds in bodies of no known dialect, and what a typed
//! shape finds among the members it keeps free-form.
//!
//! - field errors: a map of path to messages at any depth ([`tree`]; its
//!   `_errors` lists are the messages of the path above them), the items of
//!   an error list that name a field ([`item_field`]), and both among the
//!   members a shape kept ([`fields_in`]); [`is_message_list`] tells a
//!   field's messages (DRF's), for detection and the lenient reader;
//! - the texts and codes in them: [`text`], [`code_text`], [`code_like`].
//!
//! Of the typed dialects' decoders only Stripe's comes here, for field errors
//! kept among its error object's other members.

use serde_json::{Map, Value};

use super::vocab;
use crate::FieldViolation;
use crate::path::{self, PathStyle};

/// Field errors among members a typed shape kept as extensions, and the
/// codes of a map's items (pydantic's `type`) in `codes`.
pub(crate) fn fields_in(members: &Map<String, Value>, codes: &mut Vec<String>) -> Vec<FieldViolation> {
    let mut out = Vec::new();
    // Not `details`: beside a shape's own members it holds the API's details.
    for key in vocab::FIELD_ERRORS.iter().filter(|k| **k != "details") {
        match vocab::get(members, key) {
            Some(Value::Object(map)) => tree(&mut Vec::new(), map, &mut out, codes),
            Some(Value::Array(items)) => items.iter().for_each(|item| item_field(item, &mut out)),
            _ => {}
        }
    }
    if out.is_empty() {
        field_maps(members, &mut out, codes);
    }
    // Then names whose words make them field errors (`paramErrors`), and any
    // other list of items that each name a field (`params: [{"param": …}]`)
    // or are RFC 9457's example items (`extraDetails: [{"name", "reason"}]`).
    let mut others: Vec<(&String, &Value)> = members
        .iter()
        .filter(|(k, _)| !vocab::FIELD_ERRORS.contains(&vocab::spelled(k).as_ref()))
        .filter(|(k, v)| {
            vocab::role(k) == Some(vocab::Role::FieldErrors)
                || v.as_array().is_some_and(|i| vocab::items_name_fields(i) || vocab::items_name_and_reason(i))
        })
        .collect();
    others.sort_unstable_by_key(|(k, _)| *k);
    for (key, value) in others {
        match value {
            Value::Object(map) if vocab::role(key) == Some(vocab::Role::FieldErrors) => {
                tree(&mut Vec::new(), map, &mut out, codes)
            }
            Value::Array(items) => items.iter().for_each(|item| item_field(item, &mut out)),
            _ => {}
        }
    }
    out
}

/// Field errors as a map of field to its messages under a name that
/// elsewhere holds messages or data ([`vocab::FIELD_ERRORS_IN_DETAILS`] and
/// [`vocab::FIELD_MAPS`]: `fields`, `messages`, `error_messages`), where
/// every value is a field's messages ([`is_field_map`]).
pub(crate) fn field_maps(o: &Map<String, Value>, out: &mut Vec<FieldViolation>, codes: &mut Vec<String>) {
    for key in vocab::FIELD_ERRORS_IN_DETAILS.iter().chain(vocab::FIELD_MAPS) {
        if let Some(map) = vocab::get(o, key).and_then(Value::as_object).filter(|m| is_field_map(m)) {
            tree(&mut Vec::new(), map, out, codes);
        }
    }
}

/// A map of field to its messages: every value a list of them, a message
/// object (a pydantic item), or a map of nested fields to theirs
/// (marshmallow's); no object under a name the vocabulary gives a role
/// (`"error": {"message": …}`: an error, not a field's).
pub(crate) fn is_field_map(map: &Map<String, Value>) -> bool {
    !map.is_empty()
        && !map.iter().any(|(k, v)| v.is_object() && vocab::has_role(k))
        && map.values().all(|v| match v {
            Value::Array(_) => is_message_list(v),
            Value::Object(o) => is_message_object(o) || (!o.is_empty() && is_message_list(v)),
            _ => false,
        })
}

/// The codes of the items of error lists among members a typed shape kept
/// as extensions (`violations: [{"propertyPath", "code"}]`), read as the
/// lenient reader reads an item's ([`item_codes`]).
/// Under the names whose words make them field errors too
/// (`validation-errors`), and in an item's own list of errors, one level
/// down (`[{"errors": [{"code", "path"}]}]`), as [`fields_in`] finds their fields.
pub(crate) fn item_codes_in(members: &Map<String, Value>, codes: &mut Vec<String>) {
    let mut by_words: Vec<&str> = members
        .keys()
        .map(String::as_str)
        .filter(|k| !vocab::FIELD_ERRORS.contains(k) && vocab::role(k) == Some(vocab::Role::FieldErrors))
        .collect();
    by_words.sort_unstable();
    let names = vocab::FIELD_ERRORS.iter().filter(|k| **k != "details").chain(&by_words);
    for key in names {
        for item in members.get(*key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object) {
            item_codes(item, |_| true, codes);
            let own = vocab::ERROR_LISTS.iter().filter_map(|k| vocab::get(item, k)?.as_array()).flatten();
            for nested in own.filter_map(Value::as_object).take(crate::limits::MAX_UPSTREAM_CODES) {
                item_codes(nested, |_| true, codes);
            }
        }
    }
}

/// The codes of one item of a list of errors: under its code names
/// ([`vocab::ITEM_CODE`]), then under names whose words make them codes
/// (`errorCode`, in name order); no message type's name, tag or URI, and
/// only those `keep` keeps (the lenient reader drops the HTTP status).
pub(crate) fn item_codes(item: &Map<String, Value>, keep: impl Fn(&str) -> bool, codes: &mut Vec<String>) {
    let mut by_words: Vec<&str> =
        item.keys().map(String::as_str).filter(|k| vocab::role(k) == Some(vocab::Role::Code)).collect();
    by_words.sort_unstable();
    // An error's class under `name` or `error` (`ValidationError`, `AuthError`).
    let class = vocab::ITEM_CLASS
        .iter()
        .filter(|k| vocab::get(item, k).and_then(Value::as_str).is_some_and(vocab::is_error_class_name));
    for name in vocab::ITEM_CODE.iter().chain(class).chain(&by_words) {
        // An item is an error already: its `code` names which even when it
        // reads as a tag (`"code": "ERROR"`); other names' tags say nothing.
        let tag = |c: &str| vocab::is_tag(c) && *name != "code";
        let code = vocab::get(item, name).and_then(code_text).filter(|c| !tag(c) && accepts_item_code(c, &keep));
        if let Some(c) = code {
            push(codes, &c);
        }
    }
}

/// Whether a text an item of a list of errors gives as its code is one:
/// no message type's name nor URI, and one `keep` keeps (the lenient
/// reader drops the HTTP status).
pub(crate) fn accepts_item_code(c: &str, keep: impl Fn(&str) -> bool) -> bool {
    !vocab::is_type_name(c) && !vocab::is_uri(c) && keep(c)
}

/// Whether an item's `title` text is a code ([`vocab::item_code_as_message`]
/// and [`accepts_item_code`], as the lenient reader reads one), for the
/// typed shapes that read a title as a text.
pub(crate) fn item_title_is_code(title: &str) -> bool {
    vocab::is_code_text(title) && accepts_item_code(title, |_| true)
}

/// The one field an error names beside its own members (`"param": "email"`,
/// [`vocab::FIELD_PATH_TOP`]), with `message` as its message: the lenient
/// reader's, and after a strict decode among the members the shape kept.
/// `get` looks a name up (the lenient reader also as capitalised; the kept
/// members as written, the names this crate's encoders say no field beside);
/// an empty text or a null written as one names none.
pub(crate) fn named_field<'a>(
    get: impl Fn(&str) -> Option<&'a Value>,
    message: impl FnOnce() -> String,
) -> Option<FieldViolation> {
    let field = vocab::FIELD_PATH_TOP.iter().find_map(|k| get(k)?.as_str())?;
    (!field.is_empty() && !vocab::is_null_text(field))
        .then(|| violation(path::convert(field, PathStyle::Pointer), message()))
}

/// One item of an error list that names a field.
pub(crate) fn item_field(item: &Value, out: &mut Vec<FieldViolation>) {
    item_field_at(item, out, true);
}

/// [`item_field`], reading the item's own list of errors when `nested`.
fn item_field_at(item: &Value, out: &mut Vec<FieldViolation>, nested: bool) {
    let Some(o) = item.as_object() else { return };
    let pointer = o
        .get("source")
        .and_then(|s| s.get("pointer").or_else(|| s.get("parameter")))
        .and_then(Value::as_str)
        .map(|p| path::convert(p, PathStyle::Pointer))
        .or_else(|| {
            // The item's own members, then what it keeps aside (`meta.param_name`).
            let more = vocab::ITEM_MORE.iter().filter_map(|k| o.get(*k)?.as_object());
            // A `path` or `loc` list of segments counts where its name stands.
            std::iter::once(o).chain(more).find_map(|o| {
                vocab::FIELD_PATH.iter().chain(["loc"].iter()).find_map(|k| match vocab::get(o, k)? {
                    // An error's class (`"name": "ValidationError"`) is its code, no field.
                    Value::String(p) if vocab::ITEM_CLASS.contains(k) && vocab::is_error_class_name(p) => None,
                    Value::String(p) => path_text(p),
                    Value::Array(segments) if matches!(*k, "path" | "loc") => {
                        let segments: Vec<String> = segments.iter().filter_map(scalar_text).collect();
                        Some(path::join(&segments, PathStyle::Pointer))
                    }
                    _ => None,
                })
            })
        });
    let message = || vocab::FIELD_MESSAGE.iter().find_map(|k| messages_text(vocab::get(o, k))).unwrap_or_default();
    if let Some(pointer) = pointer.map(|p| with_indices(o, p)) {
        out.push(violation(pointer, message()));
        return;
    }
    // An item about several fields (`"params": ["beer", "wine"]`): one violation each.
    let listed = vocab::FIELD_PATH_LISTS.iter().find_map(|k| vocab::get(o, k)?.as_array());
    let before = out.len();
    for field in listed.into_iter().flatten().filter_map(Value::as_str).take(crate::limits::MAX_UPSTREAM_CODES) {
        out.push(violation(path::convert(field, PathStyle::Pointer), message()));
    }
    // An item that holds a list of the fields' own errors (`errors[].detail[]`,
    // the validation errors of one error): theirs, one level down only.
    if nested && out.len() == before {
        // Under a name of its own, a list whose items each name a field (`data: [{"field", …}]`).
        let own = vocab::ERROR_LISTS.iter().filter_map(|k| vocab::get(o, k)?.as_array());
        let naming = o
            .iter()
            .filter(|(k, _)| !vocab::ERROR_LISTS.contains(&vocab::spelled(k).as_ref()))
            .filter_map(|(_, v)| v.as_array())
            .filter(|l| vocab::items_name_fields(l));
        for item in own.chain(naming).flatten().take(crate::limits::MAX_UPSTREAM_CODES) {
            item_field_at(item, out, false);
        }
    }
}

/// The path of an item that names its field twice, once as the field
/// (`"field": "postings.account.name"`) and once placed in the request,
/// with the indices of its lists (`"path": "postings[0].account.name"`):
/// the placed one.
fn with_indices(item: &Map<String, Value>, pointer: String) -> String {
    let placed = vocab::FIELD_PATH
        .iter()
        .filter_map(|k| path_text(vocab::get(item, k)?.as_str()?))
        .find(|p| p.len() > pointer.len() && without_indices(p).eq(without_indices(&pointer)));
    placed.unwrap_or(pointer)
}

/// A pointer's segments but its list indices.
fn without_indices(pointer: &str) -> impl Iterator<Item = &str> {
    pointer.split('/').filter(|s| s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()))
}

/// The pointer a field path given as a text names: `"location": "body"`
/// names the part of the request, not the field; a null written as a text
/// (`"path": "null"`) names none; `$.` and the request part in front of a
/// path are no part of it.
fn path_text(p: &str) -> Option<String> {
    if vocab::REQUEST_PARTS.contains(&p) || vocab::is_null_text(p) {
        return None;
    }
    Some(path::convert(without_request_part(p.trim_start_matches("$.")), PathStyle::Pointer))
}

/// A dotted path without the request part in front of it: `body.title` is
/// the field `title` of the body.
fn without_request_part(p: &str) -> &str {
    // As a JSON Pointer (`/body/session_type`), its `/` kept.
    if let Some((part, rest)) = p.strip_prefix('/').and_then(|q| q.split_once('/')) {
        if !rest.is_empty() && vocab::REQUEST_PARTS.contains(&part) {
            return &p[part.len() + 1..];
        }
    }
    match p.split_once('.') {
        Some((part, rest)) if !rest.is_empty() && vocab::REQUEST_PARTS.contains(&part) => rest,
        _ => p,
    }
}

/// A map of path to messages, at any depth.
pub(crate) fn tree(
    at: &mut Vec<String>,
    map: &Map<String, Value>,
    out: &mut Vec<FieldViolation>,
    codes: &mut Vec<String>,
) {
    // Errors each keyed by its own code name no field.
    if at.is_empty() && vocab::keyed_by_own_codes(map) {
        return;
    }
    for (key, value) in map {
        if key == "_errors" {
            for item in value.as_array().into_iter().flatten() {
                if let Some(c) = item.get("code").and_then(code_text) {
                    push(codes, &c);
                }
            }
            // At the root they blame the whole request, not a field.
            if !at.is_empty() {
                for m in messages(value) {
                    out.push(violation(path::join(at, PathStyle::Pointer), m));
                }
            }
            continue;
        }
        let top = at.is_empty();
        // At the top, `body.title` is the field `title` of the body (only
        // `body`: a search API's `query.filter` may be a field of its own).
        let key = if top { key.strip_prefix("body.").filter(|rest| !rest.is_empty()).unwrap_or(key) } else { key };
        let segments = key_segments(key);
        let n = segments.len();
        at.extend(segments);
        match value {
            Value::Object(inner) if !is_message_object(inner) && !coded_without_message(inner) => {
                tree(at, inner, out, codes)
            }
            // A batch's errors: per item, its index and its own field errors
            // (`"creates": [{"index": 0, "errors": {"record_type": […]}}]`).
            Value::Array(items) if items.iter().any(|i| item_errors(i).is_some()) => {
                for (n, item) in items.iter().enumerate() {
                    let Some(inner) = item_errors(item) else { continue };
                    let index = vocab::get(item.as_object().expect("has errors"), vocab::ITEM_INDEX)
                        .and_then(Value::as_u64)
                        .map_or_else(|| n.to_string(), |i| i.to_string());
                    at.push(index);
                    tree(at, inner, out, codes);
                    at.pop();
                }
            }
            _ => {
                // The codes of a field's errors (`{"error": "ERR_BLANK", …}`).
                let objects = match value {
                    Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
                    Value::Object(o) => vec![o],
                    _ => Vec::new(),
                };
                let mut first_code = None;
                for o in objects {
                    // A pydantic item (`loc`, `msg`, `type`) read as the item of
                    // a list of errors is, its `type` a code; else a code under
                    // any code name (`{"error": "ERR_BLANK"}`).
                    if o.contains_key("loc") {
                        item_codes(o, |_| true, codes);
                        continue;
                    }
                    let code = vocab::CODE.iter().find_map(|k| {
                        let v = o.get(*k)?;
                        let text = code_text(v)?;
                        (vocab::is_code_member(k, v) || (vocab::identifier_like(&text) && !vocab::is_tag(&text)))
                            .then_some(text)
                    });
                    if let Some(c) = code {
                        push(codes, &c);
                        if coded_without_message(o) {
                            first_code.get_or_insert(c);
                        }
                    }
                }
                // An error of the field with a code and a null message
                // (`"message": null`) still names it: its code stands for
                // the message. (Not Rails' `{"error": "blank"}` beside the
                // field's messages, which has no message member.)
                let mut found = messages(value);
                if found.is_empty() {
                    found.extend(first_code);
                }
                for m in found {
                    let mut v = violation(path::join(at, PathStyle::Pointer), m);
                    // A top-level key is the field as the server wrote it.
                    if top {
                        v.field = key.to_owned();
                    }
                    out.push(v);
                }
            }
        }
        at.truncate(at.len() - n);
    }
}

/// A field's error with a code and a null message (`{"code": "email",
/// "message": null}`): it names its field, its code standing for the message.
fn coded_without_message(o: &Map<String, Value>) -> bool {
    let null_message = vocab::FIELD_MESSAGE.iter().any(|k| matches!(o.get(*k), Some(Value::Null)));
    null_message
        && !vocab::FIELD_MESSAGE.iter().any(|k| o.get(*k).is_some_and(|v| !v.is_null()))
        && vocab::CODE.iter().any(|k| o.get(*k).and_then(code_text).is_some())
}

/// The field errors an item of a batch holds (a map under an
/// [`vocab::FIELD_ERRORS`] name), if it holds some.
fn item_errors(item: &Value) -> Option<&Map<String, Value>> {
    let o = item.as_object()?;
    vocab::FIELD_ERRORS.iter().find_map(|k| vocab::get(o, k)?.as_object())
}

/// A DRF field's errors: a list of messages (or of nested errors), or an
/// object of fields whose values are such lists.
pub(crate) fn is_message_list(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.iter().all(|i| i.is_string() || i.is_object()),
        Value::Object(map) => map.values().all(|v| !v.is_string() && is_message_list(v)),
        _ => false,
    }
}

/// The path segments a map key names: `leads.0.phone`, `$.dateOfBirth`,
/// `items[0]`; the empty key is the whole document.
fn key_segments(key: &str) -> Vec<String> {
    let key = key.strip_prefix("$.").unwrap_or(key);
    if key.is_empty() || key == "$" { Vec::new() } else { path::segments(key) }
}

/// `{"code": …, "message": …}` or `{"messages": […]}`: a message, not a
/// level of the tree. No other member of it is an object, but those that
/// echo the request or the rule ([`ECHO`]: a pydantic item's `input` and `ctx`);
/// a list of texts is a message only under `messages`, and only where no
/// other member is a list (then the object is a level: `{"title": […], "name": […]}`).
pub(crate) fn is_message_object(map: &Map<String, Value>) -> bool {
    message_member(map).is_some() && !map.iter().any(|(k, v)| v.is_object() && !ECHO.contains(&k.as_str()))
}

/// The members of an error item that echo the request or the rule it
/// broke, not fields of their own (pydantic's `input` and `ctx`).
const ECHO: &[&str] = &["input", "ctx"];

/// The member of an object that gives its message(s), the first of
/// [`vocab::FIELD_MESSAGE`]: a text, or a list of texts under `messages`
/// where it is the only list (kintone's `{"messages": ["必須です。", …]}`).
fn message_member(map: &Map<String, Value>) -> Option<&Value> {
    let lists = || map.values().filter(|v| v.is_array()).count();
    vocab::FIELD_MESSAGE.iter().find_map(|k| match map.get(*k)? {
        v @ Value::String(_) => Some(v),
        v @ Value::Array(items) if *k == "messages" && !items.is_empty() && items.iter().all(Value::is_string) => {
            (lists() == 1).then_some(v)
        }
        _ => None,
    })
}

fn messages(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(messages).collect(),
        Value::Object(m) => match message_member(m) {
            Some(Value::Array(items)) => items.iter().filter_map(|i| text(Some(i))).collect(),
            found => text(found).into_iter().collect(),
        },
        _ => Vec::new(),
    }
}

pub(crate) fn violation(pointer: String, message: String) -> FieldViolation {
    let mut v = FieldViolation::new(path::to_dotted(&pointer), message);
    v.pointer = pointer;
    v
}

/// A field message member's text: a sentence, or the first of a list of them (`messages`).
fn messages_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Array(items) => items.iter().find_map(|i| text(Some(i))),
        v => text(Some(v)),
    }
}

/// A member's text when it is a sentence (or any text, for members that are
/// always messages).
pub(crate) fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        // OData: `"message": {"lang": "en", "value": "…"}`.
        Value::Object(m) => text(m.get("value")),
        _ => None,
    }
}

pub(crate) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A code member's text: a string, or a whole number written as text.
pub(crate) fn code_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if code_like(s) => Some(s.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) use super::vocab::code_like;

/// Adds a code not yet gathered, up to [`MAX_CODES_GATHERED`](crate::limits::MAX_CODES_GATHERED).
pub(crate) fn push(codes: &mut Vec<String>, code: &str) {
    if codes.len() < crate::limits::MAX_CODES_GATHERED && !code.is_empty() && !codes.iter().any(|c| c == code) {
        codes.push(code.to_owned());
    }
}
