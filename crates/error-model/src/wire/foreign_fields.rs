//! Where the lenient reader ([`super::foreign`]) finds field errors in a
//! body of no known dialect: FastAPI's `detail` list, the
//! [vocabulary's](super::vocab) field-error members at the top, in the
//! error object, in `data`, `_embedded` or a `details` object, a `codes` map
//! beside them, JSend's failure data, a `data` map of field to its error,
//! other lists of items that name a field and say what is wrong, Kubernetes'
//! causes, a body that is only a map of field to messages, Joi's
//! `validation.keys`, and the one field an error names (`param`, or in what
//! it keeps aside).

use serde_json::{Map, Value};

use super::free_form::{
    code_text, field_maps, is_message_list, is_message_object, item_field, named_field, push, scalar_text, text, tree,
    violation,
};
use super::vocab;
use crate::FieldViolation;
use crate::path::{self, PathStyle};

/// Field errors wherever the body keeps them (and the codes of tree items).
pub(super) fn fields(
    obj: &Map<String, Value>,
    inner: Option<&Map<String, Value>>,
    out: &mut Vec<FieldViolation>,
    codes: &mut Vec<String>,
) {
    // FastAPI/pydantic: `detail: [{loc, msg}]`.
    if let Some(items) = obj.get("detail").and_then(Value::as_array) {
        for item in items {
            if let Some(loc) = item.get("loc").and_then(Value::as_array) {
                let mut segments: Vec<String> = loc.iter().filter_map(scalar_text).collect();
                if segments.len() > 1 && vocab::REQUEST_PARTS.contains(&segments[0].as_str()) {
                    segments.remove(0);
                }
                let message = text(item.get("msg")).unwrap_or_default();
                out.push(violation(path::join(&segments, PathStyle::Pointer), message));
            }
        }
    }
    let data = obj.get("data").and_then(Value::as_object).filter(|d| !inner.is_some_and(|e| std::ptr::eq(*d, e)));
    // Hypermedia's `_embedded`, and a `details` object that holds field
    // errors under a name of its own (`details.fields`, `details.messages`).
    let embedded = obj.get("_embedded").and_then(Value::as_object);
    let in_details = || vocab::FIELD_ERRORS.iter().filter(|k| **k != "details").chain(vocab::FIELD_ERRORS_IN_DETAILS);
    let holds_field_errors = |d: &&Map<String, Value>| in_details().any(|k| d.contains_key(*k));
    let details =
        [Some(obj), inner].map(|o| o.and_then(|o| vocab::get(o, "details")?.as_object()).filter(holds_field_errors));
    let containers =
        [(Some(obj), false), (inner, false), (data, false), (embedded, false), (details[0], true), (details[1], true)];
    for (container, is_details) in containers {
        let Some(container) = container else { continue };
        let names: Vec<&str> = if is_details { in_details().copied().collect() } else { vocab::FIELD_ERRORS.to_vec() };
        // Then the names whose words make them field errors (`field-errors`), in name order.
        let mut by_words: Vec<&str> = container
            .keys()
            .map(String::as_str)
            .filter(|k| {
                !names.contains(&vocab::spelled(k).as_ref()) && vocab::role(k) == Some(vocab::Role::FieldErrors)
            })
            .collect();
        by_words.sort_unstable();
        for key in names.iter().chain(&by_words) {
            match vocab::get(container, key) {
                // A `details` object is field errors only when it maps fields to lists of them.
                // Nor a map of one error's own members (`{"code", "message"}`).
                Some(Value::Object(map)) if vocab::is_one_error_object(map) => {}
                Some(Value::Object(map))
                    if *key != "details"
                        || (!holds_field_errors(&map)
                            && map.values().all(|v| v.is_array() && is_field_messages(v))) =>
                {
                    tree(&mut Vec::new(), map, out, codes)
                }
                Some(Value::Array(items)) => items.iter().for_each(|item| item_field(item, out)),
                _ => {}
            }
        }
        // A map of field to its codes, beside the map of its messages (`codes: {"email": ["presence"]}`).
        if let Some(map) = container.get("codes").and_then(Value::as_object) {
            for value in map.values() {
                let listed = value.as_array().map_or(std::slice::from_ref(value), Vec::as_slice);
                listed.iter().filter_map(code_text).for_each(|c| push(codes, &c));
            }
        }
    }
    // JSend's failure: `{"status": "fail", "data": {"title": "A title is required"}}`.
    if let Some(data) = data.filter(|d| {
        obj.get("status").and_then(Value::as_str) == Some("fail") && !d.is_empty() && d.values().all(|v| v.is_string())
    }) {
        tree(&mut Vec::new(), data, out, codes);
    }
    // A `data` map of field to its error (`{"email": {"code", "message"}}`)
    // or to its messages (`{"name": ["is required"]}`).
    let lists_messages = |v: &Value| v.as_array().is_some_and(|l| !l.is_empty() && l.iter().all(Value::is_string));
    if let Some(data) = data.filter(|d| {
        !d.is_empty()
            && (d.values().all(|v| v.as_object().is_some_and(is_message_object)) || d.values().all(lists_messages))
    }) {
        tree(&mut Vec::new(), data, out, codes);
    }
    // Any other list of items that name a field and say what is wrong with
    // it (`extra: [{key, message}]`); not a list of links (`[{name, url}]`).
    let says_what = |item: &&Value| {
        item.as_object().is_some_and(|o| {
            let names = vocab::FIELD_MESSAGE.iter().chain(vocab::MESSAGE).chain(vocab::ITEM_CODE).chain(vocab::CODE);
            // `name`, `title` and `status` name a link or a resource as often.
            names
                .filter(|k| !matches!(**k, "name" | "title" | "status"))
                .any(|k| vocab::get(o, k).is_some_and(|v| !v.is_null()))
        })
    };
    for container in [Some(obj), inner].into_iter().flatten() {
        for (key, value) in container {
            if key == "detail" || vocab::names_field_errors(key) {
                continue;
            }
            if let Value::Array(items) = value {
                items.iter().filter(says_what).for_each(|item| item_field(item, out));
            }
        }
    }
    if let Some(Value::Object(details)) = obj.get("details") {
        if let Some(Value::Array(causes)) = details.get("causes") {
            for cause in causes {
                item_field(cause, out);
                if let Some(c) = cause.get("reason").and_then(code_text) {
                    push(codes, &c);
                }
            }
        }
    }
    // A body that is only a map of field to messages (DRF's, with a field
    // named like another shape's member, such as `details` or `errors`).
    // (A lone `errors` or `error` list is a list of messages, Rails' way:
    // a lone member the vocabulary names a message or a list of errors;
    // beside empty members too, which say nothing: `"details": []`. But a
    // lone `details` list of texts is DRF's field of that name, as a lone
    // `detail`, `error` or `message` list of texts is to detection: no API
    // of the corpora sends one, and DRF writes it.)
    // DRF writes its `code` beside the fields when the status does not
    // imply it: no field.
    let drf_code = |k: &str, v: &Value| k == "code" && (v.is_string() || v.is_number());
    let mut said = obj.iter().filter(|(k, v)| !v.as_array().is_some_and(Vec::is_empty) && !drf_code(k, v));
    let drf_details =
        |k: &str, v: &Value| k == "details" && v.as_array().is_some_and(|i| i.iter().all(Value::is_string));
    let lone_container = matches!((said.next(), said.next()), (Some((k, v)), None)
        if (vocab::MESSAGE.contains(&k.as_str()) || vocab::ERROR_LISTS.contains(&k.as_str())) && !drf_details(k, v));
    let fields = || obj.iter().filter(|(k, v)| !drf_code(k, v));
    // Nor is the error object one of its fields (`data: {errors: […]}`).
    let is_inner = |v: &Value| inner.is_some_and(|e| v.as_object().is_some_and(|o| std::ptr::eq(o, e)));
    if out.is_empty()
        && fields().next().is_some()
        && !lone_container
        && fields().all(|(_, v)| is_message_list(v) && !is_inner(v))
    {
        // The map without DRF's code, copied only when there is one.
        let map: std::borrow::Cow<'_, Map<String, Value>> = if fields().count() == obj.len() {
            std::borrow::Cow::Borrowed(obj)
        } else {
            std::borrow::Cow::Owned(fields().map(|(k, v)| (k.clone(), v.clone())).collect())
        };
        tree(&mut Vec::new(), &map, out, codes);
    }
    let sentence = |v: &Value| v.as_str().is_some_and(|s| s.trim().contains(' '));
    // Lists of sentences beside the error's own members (`code`, `message`,
    // `description`), each naming its member: the fields' messages
    // (`"price": ["The price must be at least 0."]`; not `"suggestions":
    // ["Check the card number."]`).
    let names_its_field = |k: &str, v: &Value| {
        v.as_array().is_some_and(|l| {
            !l.is_empty() && l.iter().all(|m| sentence(m) && m.as_str().is_some_and(|s| crate::names::mentions(s, k)))
        })
    };
    let own = |k: &str, v: &Value| !v.is_array() && !v.is_object() && vocab::has_role(k);
    if out.is_empty()
        && obj.iter().any(|(k, v)| own(k, v))
        && obj.iter().any(|(k, v)| names_its_field(k, v))
        && obj.iter().all(|(k, v)| own(k, v) || (names_its_field(k, v) && !vocab::has_role(k)))
    {
        let map: Map<String, Value> =
            obj.iter().filter(|(k, v)| names_its_field(k, v)).map(|(k, v)| (k.clone(), v.clone())).collect();
        tree(&mut Vec::new(), &map, out, codes);
    }
    // Or of field to one sentence each (`{"username": "must be specified"}`),
    // where no name is one the vocabulary gives a role.
    // The error object may be one too (`"error": {"duration": "must be set"}`).
    for o in [Some(obj), inner].into_iter().flatten() {
        if out.is_empty() && !o.is_empty() && o.iter().all(|(k, v)| sentence(v) && !vocab::has_role(k)) {
            tree(&mut Vec::new(), o, out, codes);
        }
    }
    // A map of field to its messages under a name that elsewhere holds
    // messages or data (`fields`, `error_messages`), at the top or in the error.
    if out.is_empty() {
        for o in [Some(obj), inner].into_iter().flatten() {
            field_maps(o, out, codes);
        }
    }
    // Joi's (hapi, celebrate) `validation: {source, keys: ["url"]}`.
    if out.is_empty() {
        let keys = obj.get("validation").and_then(|v| v.get("keys")?.as_array());
        for key in keys.into_iter().flatten().filter_map(Value::as_str) {
            let message = message_of(obj);
            out.push(violation(path::convert(key, PathStyle::Pointer), message));
        }
    }
    // The error names its field in what it keeps aside (`parameters.fieldName`).
    if out.is_empty() {
        let aside = [Some(obj), inner]
            .into_iter()
            .flatten()
            .flat_map(|o| vocab::ITEM_MORE.iter().filter_map(move |k| o.get(*k)?.as_object()));
        for more in aside {
            let named =
                vocab::FIELD_PATH_TOP.iter().chain(vocab::FIELD_PATH_ASIDE).find_map(|k| more.get(*k)?.as_str());
            if let Some(field) = named.filter(|f| !f.is_empty()) {
                let message = message_of(inner.unwrap_or(obj));
                out.push(violation(path::convert(field, PathStyle::Pointer), message));
                break;
            }
        }
    }
    // The error object, or a body without one, names one field: `param`,
    // `field` or `attr`.
    if let Some(e) = inner.or(Some(obj).filter(|_| out.is_empty())) {
        out.extend(named_field(|k| vocab::get(e, k), || message_of(e)));
    }
}

/// A field's errors in a map of them: messages, or objects with one.
fn is_field_messages(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Array(items) => items.iter().all(|i| i.is_string() || i.is_object()),
        Value::Object(m) => is_message_object(m),
        _ => false,
    }
}

/// The message of an error that names one field: the first member the
/// vocabulary reads as one, as written.
fn message_of(o: &Map<String, Value>) -> String {
    vocab::MESSAGE.iter().find_map(|k| text(vocab::get(o, k))).unwrap_or_default()
}
