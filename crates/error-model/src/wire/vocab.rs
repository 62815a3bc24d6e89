//! The vocabulary of error members: one table of member names by role and
//! priority, read by the lenient reader, by detection (to tell whether a
//! dialect explains a body) and after a strict decode (to keep what the
//! dialect does not read). Data, not code per API: a name is added here,
//! never as a branch elsewhere.
//!
//! | role | names, in priority order |
//! |---|---|
//! | code | [`CODE`]; then [`CODE_FALLBACK`] when nothing else is one and it names a kind of error, not an occurrence ([`names_a_kind`]); an `error_id` that names a kind ([`error_id_is_code`]); a numeric code repeating the HTTP status is not a code, but a `status_code` that is no HTTP status is ([`status_number_is_code`]), and so is a `status` that is neither an HTTP status nor a flag ([`status_value_is_code`]: `24`, `"5600"`, `-700`), an `error` of 0 or 1 no code, an item's `name` or `error` that is an error's class ([`ITEM_CLASS`], [`is_error_class_name`]: `ValidationError`, `AuthError`), no `type` beside an error object that has a code (the envelope's: `ErrorResponse`), and an item's `title` or `detail` that is an identifier (`"detail": "token_expired"`; [`ITEM_CODE_AS_MESSAGE`]; a JSON:API item's `title` too: `InvalidAttribute`); the type of a tagged union (`{"type", "value"}`) where a `type` would be one; a list under a name of an error's word then `codes` ([`names_code_list`]: `error-codes`); the errors of a map keyed by their own codes ([`keyed_by_own_codes`]); the codes of another object named as an error (`detailedError`) too; nor a status phrase (`Not Found`), nor a null written as a text (`"None"`: [`is_null_text`]), nor a message type's name (`google.rpc.RetryInfo`); `type` only when not a URI nor an envelope tag (`error.list`); `error`, `status`, `type` and `object` never when a tag (`"error"`, `"fail"`), an item's `code` even then; a sub-status or sub-code (`subStatus`: [`SUB_WORDS`]); where nothing else is one, a constant ([`constant_case`]: `INVALID_PARAM_VALUE`) under a name no role claims, then a `result: "error"` flag; a code with an upper-case prefix (`GEO:404`) is no URI ([`is_uri`]) |
//! | message | [`MESSAGE`]; a string, an object with one ([`MESSAGE_IN_OBJECT`]) or a list of them (the first); an identifier (`ValidationError`, `input_validation_failed`) under a message name is a code, an occurrence's hexadecimal id ([`is_hex_id`]) neither; a heading (`User Already Exists`) yields to a later sentence, and a `title` that is the status phrase to a message RFC 9457 does not read (`description`); the errors of the whole request in a map of field errors ([`WHOLE_REQUEST_FIELDS`]: `base`) are the message, no field; the first error item's message under [`FIELD_MESSAGE`] (not an identifier read as its code), else [`MESSAGE`], else a name whose words make it a message (`default_message`), else its [`MESSAGE_LAST`] text, else that identifier; [`MESSAGE_LAST`] (`details`) as a text when nothing else is one; an identifier as the body's `message` is its message too when nothing else says anything and no field errors are found |
//! | request id | [`REQUEST_ID`] (in any case and with any `_`/`-` separators: `requestid`, [`is_request_id`]), then any name ending in one of [`REQUEST_ID_SUFFIXES`](crate::headers::REQUEST_ID_SUFFIXES) (`fbtrace_id`, `x_request_id`, `upstreamRequestId`) or whose last words spell one in any case and with any separators (`opc-request-id`), or whose words are one of [`REQUEST_WORDS`](crate::headers::REQUEST_WORDS) then one of [`ID_WORDS`](crate::headers::ID_WORDS) (`event_id`, `trackingId`, `logRef`); a string, or a whole number under a name with `request` in it; a `request` or `trace` holding a hexadecimal id ([`occurrence_id`]); then one in any object one level down (after a strict decode too, in the objects it keeps and `meta`); last, the error's own `id` (or its first item's) where it is a UUID or stands beside a code under another name, never an `id` beside the error object; then an id the message writes after a label ([`is_text_id_label`]: a request id's name in one or two words, `error id: 521fb2f5…`); in headers, those of [`REQUEST_ID_HEADERS`](crate::headers::REQUEST_ID_HEADERS), then any ending in one of `REQUEST_ID_HEADER_SUFFIXES` (`x-ep-request-uuid`) |
//! | retry hint | [`RETRY`] with its unit, then a name whose words say so ([`retry_by_words`]: `backoff_seconds`, `waitMs`); a string may carry its unit (`"15s"`, `"1500ms"`); at the top, in the error object, in [`RETRY_CONTAINERS`] and the objects in them, in any object one level down, in the items of a list and what they keep aside ([`ITEM_MORE`]); else the `reset` of a rate limit the body says is spent (`remaining: 0`, or any of a 429), at the top or one level down: seconds, or an epoch time counted from the body's own `timestamp` |
//! | field path | [`FIELD_PATH`] in an item of a list of errors or in what it keeps aside ([`ITEM_MORE`]), a `path` or `loc` list where its name stands, or the fields [`FIELD_PATH_LISTS`] lists (`members`), else those of the item's own list of errors, one level down; [`FIELD_PATH_TOP`] and [`FIELD_PATH_ASIDE`] in what the error keeps aside; `body.`/`query.` and the like in front of a path name the request part, not a field; a `path` text beside the item's message ([`items_name_fields`]); a `name` beside a `reason` among a problem's members ([`items_name_and_reason`]), never a `name` that is an error's class ([`is_error_class_name`]); the items of an item's own list under any name whose items each name a field (`data: [{"field", …}]`); of two paths of the same field, the one with its list indices (`postings[0].account.name`); a null written as text (`"null"`, [`is_null_text`]) names none; an item's field under a name the list shapes do not read ([`names_item_field`]: `attribute`, `fieldName`) sends its body to the lenient reader |
//! | field message | [`FIELD_MESSAGE`] in such an item, or in the objects of a field map (`{"messages": […]}` too; an object with a code and a null message gives its code) |
//! | field errors | [`FIELD_ERRORS`] (and [`FIELD_ERRORS_IN_DETAILS`] in a `details` object; [`FIELD_MAPS`] when every value is a field's messages, a message object or a map of nested fields): a map of field to messages or a list of items, at the top, in the error object, in `data`, in hypermedia's `_embedded` or in a `details` object; a `codes` map of field to codes beside them; a `data` map of field to its error object or to its messages; lists of sentences beside the error's own members (`"price": ["The price must be at least 0."]` beside `code` and `message`); the codes of field errors are codes, and those of an item's own list of errors |
//! | by words | a name no row lists takes its role from its last word ([`role`]): [`MESSAGE_WORDS`] (`user_message`, `status_txt`), [`CODE_WORDS`] (`internalCode`, not `httpCode`), [`ERROR_WORDS`] first and [`KIND_WORDS`] last (`error_name`) for a code, [`ERROR_WORDS`] last for an error object (`serviceException`), [`ERROR_LIST_WORDS`] last after one of [`FIELD_WORDS`] for field errors (`field-errors`), or [`ERROR_WORDS`] first and [`ERROR_FIELDS_WORDS`] last (`error_attributes`); a list of items that each name a field ([`items_name_fields`]) holds field errors under any name, and their codes are codes |
//! | error object | [`ERROR_OBJECT`] (then a name whose last word names an error): where the error's own members sit, one level down (a wrapper's own `error` object below it: `data.error`); an `errors` object of one error's own members, a code and a message ([`is_one_error`]); the `value` of a tagged union (`{"type": …, "value": {…}}`); an object tagged as the error (`"sys": {"type": "Error", "id": …}`); a `message` that is an object of such members; beside a list of errors, a wrapper only when it has a code (a `meta` with only a description is the payload's); else a lone top-level member whose value has a code or message, its name then being the code unless the value has one of its own (`ErrorInformation`; an HTTP status is none); last, where the top level has no code, the one object under a name no role claims (`session`, `result`, `content`) that holds a code or message named by their last word (an identifier under `error` too), or a list of errors; an item of a list of errors that only wraps an error object (`[{"error": {…}}]`) is that object; a chain of lone members two or more deep down to the error's members is an envelope (`metadata.responseInfo`) |
//!
//! Names match as written or capitalised (`Message`, `ErrorNumber`: [`get`],
//! [`spelled`]), and the lenient reader takes a JSON-LD prefixed member
//! (`hydra:description`) by its local name. A message that is an HTTP
//! status phrase yields to the message of the first error item that is an
//! object; a numeric code is no code when it is zero, the HTTP status, or a
//! status whose phrase its object gives (`{"code": 403, "message": "Forbidden"}`).

use serde_json::Value;

/// Codes, in priority order. Within one object they are listed in document
/// order; this order decides only which members are codes.
pub(crate) const CODE: &[&str] = &[
    "code",
    "errorCode",
    "error_code",
    "errcode",
    "errCode",
    "errorType",
    "error_type",
    "errorNumber",
    "error_number",
    "error_tag",
    "errorTag",
    "typeKey",
    "category",
    "errorcode",
    "errno",
    "type",
    "name",
    "reason",
    "status",
    "error",
    "error_summary",
    "subcode",
    "error_subcode",
];

/// Lists of errors besides [`FIELD_ERRORS`] whose items' codes and first
/// message the lenient reader reads (Zuora's `reasons`, Mercado Pago's
/// `cause`, Splunk's `messages`, Eve's `issues`); a map under one of these
/// names whose errors are each keyed by their own code
/// ([`keyed_by_own_codes`]) is read as such a list.
pub(crate) const ERROR_LISTS: &[&str] =
    &["errors", "error", "detail", "details", "reasons", "cause", "causes", "messages", "issues", "issue"];

/// The member of an item of a batch's errors that gives its place in the
/// batch, a path segment of its fields (`creates/0/record_type`).
pub(crate) const ITEM_INDEX: &str = "index";

/// Members of an item that list the fields it is about (`"params": ["beer", "wine"]`).
pub(crate) const FIELD_PATH_LISTS: &[&str] = &["fields", "params", "keys", "members"];

/// The codes of an item of a list of errors, in document order: fewer
/// names than [`CODE`], since an item's `name` or `status` names other things.
/// An item's `keyword` is the validation rule it broke (JSON Schema's, Ajv's);
/// an error's class under `name` is a code too ([`is_error_class_name`]).
pub(crate) const ITEM_CODE: &[&str] = &["code", "errno", "reason", "type", "category", "issue", "keyword"];

/// The members of an item of a list of errors that are its code when they
/// hold an error's class ([`is_error_class_name`]: `ValidationError`): a
/// `name` is otherwise its field, an `error` its message.
pub(crate) const ITEM_CLASS: &[&str] = &["name", "error"];

/// Codes read only when the object has no other code: an `id` names an
/// occurrence as often as a kind of error.
pub(crate) const CODE_FALLBACK: &[&str] = &["id"];

/// Messages, in priority order.
pub(crate) const MESSAGE: &[&str] = &[
    "message",
    "Message",
    "error_description",
    "errorDescription",
    "detail",
    "description",
    "msg",
    "error_message",
    "errorMessage",
    "error_msg",
    "errorMsg",
    "errmsg",
    "errMsg",
    "errordesc",
    "err_msg",
    "err",
    "faultstring",
    "title",
    "reason",
    "status_message",
    "statusMessage",
    "developer_message",
    "developerMessage",
    "error",
    "errors",
    "errorSummary",
    "errorMessages",
    "error_messages",
    "text",
    "messages",
    "info",
    "response",
    // FHIR's OperationOutcome issues say what went wrong in `diagnostics`.
    "diagnostics",
    // A short account of the error (`summary` beside `detail`), what caused
    // it, or a note standing for the error (a throttling notice).
    "summary",
    "cause",
    "note",
];

/// Names that hold the message only as a text, read when no other name
/// gives one: elsewhere they hold a list or an object of details
/// (`"details": "No card found."`).
pub(crate) const MESSAGE_LAST: &[&str] = &["details"];

/// Where an object given as a message keeps its text (OData's `{lang, value}`).
pub(crate) const MESSAGE_IN_OBJECT: &[&str] = &["value", "message", "text"];

/// Members that hold the HTTP status, not a code.
pub(crate) const STATUS: &[&str] = &["status", "statusCode", "status_code", "httpStatus", "http_status", "http_code"];

/// Request ids, in priority order (their home is [`crate::headers`], where
/// the encoders ask which extension names not to write).
pub(crate) use crate::headers::REQUEST_ID_NAMES as REQUEST_ID;

/// Retry hints and their units, in priority order (their home is
/// [`crate::retry`], where the encoders ask which extension names not to
/// write).
pub(crate) use crate::retry::HINT_NAMES as RETRY;

/// The unit of a retry hint named by its words (`backoff_seconds`, `waitMs`),
/// if its words name one: its home is [`crate::retry`], whose test the
/// encoders ask too ([`reads_as_hint`](crate::retry::reads_as_hint)).
pub(crate) use crate::retry::hint_by_words as retry_by_words;

/// The retry hint an object gives, in seconds: under a name of [`RETRY`]
/// (as written or capitalised), else under a name whose words make it one
/// ([`retry_by_words`]: `waitMs`), the first in name order. What both the
/// lenient reader and the strict decoders' kept members are read with.
pub(crate) fn retry_in(o: &serde_json::Map<String, Value>) -> Option<u64> {
    RETRY.iter().find_map(|(name, unit)| retry_seconds(get(o, name)?, *unit)).or_else(|| {
        let mut named: Vec<_> = o.iter().filter_map(|(k, v)| Some((k, v, retry_by_words(k)?))).collect();
        named.sort_unstable_by_key(|(k, _, _)| *k);
        named.into_iter().find_map(|(_, v, unit)| retry_seconds(v, unit))
    })
}

/// Where a retry hint may sit besides the top level and the error object.
pub(crate) const RETRY_CONTAINERS: &[&str] = &["meta", "details", "data", "metadata", "error_extra"];

/// The field an item of a list of errors is about, in priority order.
pub(crate) const FIELD_PATH: &[&str] = &[
    "request_pointer",
    "pointer",
    "field",
    "param",
    "parameter",
    "target",
    "propertyPath",
    "property",
    "propertyName",
    "attribute",
    "location",
    "entry",
    "key",
    "param_name",
    "paramName",
    "fieldName",
    "field_name",
    "attr",
    "element",
    "path",
    "name",
];

/// The names of [`FIELD_PATH`] that may name other things in an item of a
/// list shape's (a GraphQL `path`, an Azure `target`, a `name`).
const FIELD_PATH_LOOSE: &[&str] = &["target", "location", "entry", "key", "element", "path", "name"];

/// Whether an item's member `name` surely names the field it is about
/// ([`FIELD_PATH`] but [`FIELD_PATH_LOOSE`]: `attribute`, `fieldName`).
pub(crate) fn names_item_field(name: &str) -> bool {
    FIELD_PATH.contains(&name) && !FIELD_PATH_LOOSE.contains(&name)
}

/// The names of [`FIELD_PATH`] that name a field beside the error's own
/// members, at the top of a body or in its error object (`name`, `key` or
/// `path` there name other things): their home is [`crate::details`],
/// where the encoders ask whether an extension would read back as a field.
pub(crate) use crate::details::FIELD_NAMES_BESIDE as FIELD_PATH_TOP;

/// The names of the field an error is about in what it keeps aside
/// ([`ITEM_MORE`]: Magento's `parameters.fieldName`), after those of
/// [`FIELD_PATH_TOP`].
pub(crate) const FIELD_PATH_ASIDE: &[&str] = &["fieldName", "field_name"];

/// Where an item of a list of errors keeps more of itself, one level down
/// (Clerk's `meta.param_name`, gRPC details' `debug`).
pub(crate) const ITEM_MORE: &[&str] = &["meta", "metadata", "debug", "context", "parameters"];

/// The message of such an item, in priority order.
pub(crate) const FIELD_MESSAGE: &[&str] =
    &["message", "detail", "msg", "description", "title", "issue", "reason", "messages", "text"];

/// Members holding field errors: a map of field to messages, or a list of items.
pub(crate) const FIELD_ERRORS: &[&str] = &[
    "errors",
    "fieldErrors",
    "field_errors",
    "validation_errors",
    "validationErrors",
    "invalid",
    "invalidFields",
    "invalid_fields",
    "invalid_params",
    "invalid-params",
    "invalidParams",
    "violations",
    "errorDetails",
    "error_details",
    // ASP.NET Web API's `ModelState` (matched capitalised, as every name here).
    "modelState",
    "details",
];

/// Members holding field errors inside a `details` object only
/// (`details.fields`, `details.messages`): beside a shape's own members these
/// names are as often the API's own data.
pub(crate) const FIELD_ERRORS_IN_DETAILS: &[&str] = &["fields", "messages"];

/// Members that hold the error object one level down, in priority order.
/// A `message` that is an object of error members holds the error too.
pub(crate) const ERROR_OBJECT: &[&str] =
    &["error", "odata.error", "fault", "data", "detail", "status", "meta", "response", "message"];

/// The last words of a member name the tables above do not list that make
/// it a message (`user_message`, `errorText`, `status_txt`, `longDescription`).
pub(crate) const MESSAGE_WORDS: &[&str] =
    &["message", "msg", "text", "txt", "description", "desc", "explanation", "detail"];

/// The last words of such a name that make it a code (`internalCode`,
/// `app_errno`); not beside a word naming the HTTP status (`httpCode`).
pub(crate) const CODE_WORDS: &[&str] = &["code", "errno", "errcode"];

/// The words that make such a name an error's (`requestError`,
/// `serviceException`, `applicationError`): last, it is an error object;
/// first, before a word of [`KIND_WORDS`], a code (`error_name`, `exceptionKind`).
pub(crate) const ERROR_WORDS: &[&str] = &["error", "err", "exception", "fault", "failure"];

/// The last words that, after one of [`ERROR_WORDS`], name the kind of error
/// (`errorNum`, `ErrorStatus`: an error's number or status name is its code;
/// one that is the HTTP status is dropped as such).
pub(crate) const KIND_WORDS: &[&str] =
    &["name", "type", "kind", "tag", "class", "num", "number", "no", "status", "key"];

/// The words of a name that make it field errors when its last word is one
/// of [`ERROR_LIST_WORDS`] (`field-errors`, `paramErrors`, `inputViolations`).
pub(crate) const FIELD_WORDS: &[&str] = &[
    "field",
    "fields",
    "param",
    "params",
    "parameter",
    "parameters",
    "property",
    "properties",
    "attribute",
    "attributes",
    "input",
    "argument",
    "arguments",
    "validation",
];

/// The last words that make a name of an error's fields when its first is
/// one of [`ERROR_WORDS`] (`error_attributes`, `errorFields`); not
/// `params` or `properties`, which after `error` are as often a message's
/// arguments.
pub(crate) const ERROR_FIELDS_WORDS: &[&str] = &["fields", "attributes"];

/// The last words of a name that make it a list of errors.
pub(crate) const ERROR_LIST_WORDS: &[&str] = &["errors", "violations", "failures", "issues", "problems"];

/// The labels a message writes a request id after, followed by `:` or `=`
/// (`please provide error id: 521fb2f5…`, `rid: @60baeab1-…`), where no
/// member holds one: a request id's name of the tables
/// ([`names_request_id_by_table`](crate::headers::names_request_id_by_table)),
/// one word or two (`request id`, `Trace-ID`; not a name only its words make
/// one, `process id`), or one of [`TEXT_ONLY_ID_LABELS`].
pub(crate) fn is_text_id_label(label: &str) -> bool {
    crate::headers::names_request_id_by_table(label) || crate::names::is_one_of(label, TEXT_ONLY_ID_LABELS)
}

/// Labels of a request id in a message that name no member: WeChat's `rid`.
pub(crate) const TEXT_ONLY_ID_LABELS: &[&str] = &["rid"];

/// Words of a member name that say it carries the sending server's
/// internals: a stack trace, an exception's class, debug output, a query.
/// See [`names_internals`].
pub(crate) const INTERNALS_WORDS: &[&str] =
    &["stack", "stacktrace", "backtrace", "trace", "traceback", "exception", "debug", "sql"];

/// Whether a member a decoder does not read carries the sending server's
/// internals (`stack`, `stackTrace`, `exception`, `debug_info`; not
/// `trace_id`, a request id): a word of its name is one of
/// [`INTERNALS_WORDS`] and no role claims it. Such a member is not kept as
/// an extension, so that converting an upstream's error
/// ([`wire::convert`](super::convert)) never passes them on.
pub(crate) fn names_internals(name: &str) -> bool {
    words(name).any(|w| crate::names::is_one_of(w, INTERNALS_WORDS)) && !has_role(name)
}

/// The first words of a name that, before a last word of [`CODE_WORDS`] or
/// `status`, make it a code: a sub-status or sub-code refines the HTTP
/// status with the API's own number (`subStatus`, `sub_code`).
const SUB_WORDS: &[&str] = &["sub"];

/// Words that name the HTTP status: a code beside one is the status.
const STATUS_WORDS: &[&str] = &["status", "http"];

/// What a member's name says it holds, read from its words when the tables
/// above do not list it ([`role`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Message,
    Code,
    ErrorObject,
    FieldErrors,
    RequestId,
}

pub(crate) use crate::names::words;

/// The role a member name's words give it, for a name that names none in
/// the tables: its last word says what it holds (see [`MESSAGE_WORDS`],
/// [`CODE_WORDS`], [`ERROR_WORDS`], [`FIELD_WORDS`]). Names the tables list
/// have their roles there, and a name of one word only there.
pub(crate) fn role(name: &str) -> Option<Role> {
    let mut all = words(name);
    let first = all.next()?;
    let last = all.clone().last()?;
    let is = crate::names::is_one_of;
    let any_word = |set: &[&str]| std::iter::once(first).chain(all.clone()).any(|w| is(w, set));
    if is(last, MESSAGE_WORDS) {
        Some(Role::Message)
    } else if (is(last, CODE_WORDS) && !any_word(STATUS_WORDS))
        || (is(first, ERROR_WORDS) && is(last, KIND_WORDS))
        || (is(first, SUB_WORDS) && (is(last, CODE_WORDS) || is(last, STATUS_WORDS)))
    {
        Some(Role::Code)
    } else if is(last, ERROR_WORDS) {
        Some(Role::ErrorObject)
    } else if (is(last, ERROR_LIST_WORDS) && any_word(FIELD_WORDS))
        || (is(first, ERROR_WORDS) && is(last, ERROR_FIELDS_WORDS))
    {
        Some(Role::FieldErrors)
    } else if crate::headers::names_request_id_by_words(name) {
        Some(Role::RequestId)
    } else {
        None
    }
}

/// Path names in front of a field that name the part of the request.
pub(crate) const REQUEST_PARTS: &[&str] = &["body", "query", "path", "header", "headers", "cookie", "params"];

/// Values that say that the body is an error, not which, in any case
/// (`error`, `FAIL`, `Failed`, `ERR`); a top-level `"code": "ERR"` is
/// therefore no code, as `"code": "error"` is none.
const TAGS: &[&str] = &["error", "errors", "err", "fail", "failed", "failure"];

/// A member by its vocabulary name, as written or capitalised the way
/// .NET and SOAP APIs write members (`Message`, `ErrorNumber`, `Fault`).
pub(crate) fn get<'a>(o: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a Value> {
    o.get(name).or_else(|| {
        // On the stack: the vocabulary's names are short.
        let mut buf = [0u8; 40];
        let bytes = name.as_bytes();
        if bytes.len() > buf.len() || !bytes.first()?.is_ascii_lowercase() {
            return None;
        }
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[0] = buf[0].to_ascii_uppercase();
        o.get(std::str::from_utf8(&buf[..bytes.len()]).ok()?)
    })
}

/// A member's name as the vocabulary spells it: a capitalised name
/// (`ErrorNumber`) with its first letter lowered, when the rest has
/// lower-case letters (`URL` stays as it is), and without the trailing
/// underscore Python writes after a keyword (`type_`).
pub(crate) fn spelled(name: &str) -> std::borrow::Cow<'_, str> {
    let name = match name.strip_suffix('_') {
        Some(stem) if stem.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) => stem,
        _ => name,
    };
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_uppercase() && chars.as_str().chars().any(|c| c.is_ascii_lowercase()) => {
            std::borrow::Cow::Owned(format!("{}{}", c.to_ascii_lowercase(), chars.as_str()))
        }
        _ => std::borrow::Cow::Borrowed(name),
    }
}

/// Whether `name` holds a request id: one of [`REQUEST_ID`] or ending like
/// one, one of [`REQUEST_ID`] written in another case or with other
/// separators (`requestid`, `Request-Id`, `TRACE_ID`), or a name whose
/// words say so (`trackingId`): the test the encoders ask too
/// ([`crate::headers::names_request_id`]), which write no extension of
/// such a name.
pub(crate) fn is_request_id(name: &str) -> bool {
    crate::headers::names_request_id(name)
}

/// Names that hold the request or its trace, not an id of it, unless their
/// text is an occurrence's id ([`occurrence_id`]).
pub(crate) const OCCURRENCE_ID_NAMES: &[&str] = &["request", "trace"];

/// Whether a member of [`OCCURRENCE_ID_NAMES`] holds an occurrence's id
/// (`"trace": "6897907457496870895"`, a hexadecimal id: [`is_hex_id`]),
/// the request id, not the request itself nor a stack trace.
pub(crate) fn occurrence_id(name: &str, text: &str) -> bool {
    OCCURRENCE_ID_NAMES.contains(&name) && is_hex_id(text)
}

/// Whether a string member holds the request id by its name
/// ([`is_request_id`]) or as an occurrence's id ([`occurrence_id`]).
pub(crate) fn holds_request_id(name: &str, text: &str) -> bool {
    is_request_id(name) || occurrence_id(name, text)
}

/// The request id one object holds as a member: under a name of
/// [`REQUEST_ID`], else under the first name (in name order) that
/// [`is_request_id`], else an occurrence's id under `request` or `trace`
/// (not the request itself nor a stack trace: `"trace":
/// "6897907457496870895"`). An id is a string, or a whole number under a
/// name that says it is the request's (an error's number is its code); an
/// error id that names a kind of error is none ([`error_id_is_code`]), nor
/// is a blank one.
pub(crate) fn request_id_in(o: &serde_json::Map<String, Value>) -> Option<String> {
    let id_of = |name: &str, v: &Value| {
        let request = || words(name).any(|w| w.eq_ignore_ascii_case("request"));
        id_text(v).filter(|id| !error_id_is_code(name, id) && (v.is_string() || request()))
    };
    let named = REQUEST_ID.iter().find_map(|name| id_of(name, get(o, name)?));
    let by_words = || {
        o.iter()
            .filter(|(k, _)| is_request_id(k))
            .filter_map(|(k, v)| Some((k, id_of(k, v)?)))
            .min_by_key(|(k, _)| *k)
            .map(|(_, id)| id)
    };
    let occurrence = || {
        OCCURRENCE_ID_NAMES.iter().find_map(|k| get(o, k)?.as_str().filter(|s| occurrence_id(k, s)).map(str::to_owned))
    };
    named.or_else(by_words).or_else(occurrence).filter(|id| !id.trim().is_empty())
}

/// Whether a value is only a tag saying the body is an error.
pub(crate) fn is_tag(s: &str) -> bool {
    crate::names::is_one_of(s, TAGS)
}

/// Whether a `type` or `object` value is only a tag saying the body is an
/// error or a list of them: a tag, or a tag qualified (`error.list`).
pub(crate) fn is_envelope_tag(s: &str) -> bool {
    is_tag(s) || s.split_once('.').is_some_and(|(head, _)| is_tag(head))
}

/// Whether a text names a type of message rather than an error: a URL of
/// one (`type.googleapis.com/google.rpc.RetryInfo`) or a protobuf message's
/// full name (`google.rpc.RetryInfo`: lower-case packages, then a
/// capitalised name).
pub(crate) fn is_type_name(s: &str) -> bool {
    if s.contains('/') {
        return true;
    }
    let Some((packages, name)) = s.rsplit_once('.') else { return false };
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase())
        && !packages.is_empty()
        && packages
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
}

/// An HTTP reason phrase (`Bad Request`, `Unauthorized`): what the status
/// says, never a code nor the error's message.
pub(crate) fn is_status_phrase(s: &str) -> bool {
    phrase_status(s).is_some()
}

/// The reason phrase of an error status (4xx, 5xx, RFC 9110 §15.5–15.6):
/// what an error's status already says, so a typed shape's code member that
/// holds it sends no code. `OK` is a phrase but no error's: a code `OK`
/// built here reads back.
pub(crate) fn is_error_phrase(s: &str) -> bool {
    phrase_status(s).is_some_and(|status| status >= 400)
}

/// The status whose reason phrase `s` is.
fn phrase_status(s: &str) -> Option<u16> {
    // The phrases of the `http` crate, sorted once: a search, not a scan of
    // five hundred statuses, on the detecting path.
    static PHRASES: std::sync::LazyLock<Vec<(&'static str, u16)>> = std::sync::LazyLock::new(|| {
        let mut phrases: Vec<_> =
            (100..600u16).filter_map(|n| Some((http::StatusCode::from_u16(n).ok()?.canonical_reason()?, n))).collect();
        phrases.sort_unstable();
        phrases
    });
    // Every phrase is a few capitalised words: most texts (codes with `_`,
    // sentences with `.`) are told at once.
    let bytes = s.as_bytes();
    let shaped = bytes.len() <= 40
        && bytes.first().is_some_and(u8::is_ascii_uppercase)
        // Codes mostly have an underscore: found at once, word by word.
        && !bytes.contains(&b'_')
        && bytes.iter().all(|b| b.is_ascii_alphabetic() || matches!(b, b' ' | b'-' | b'\''));
    if !shaped {
        return None;
    }
    let at = PHRASES.binary_search_by(|(phrase, _)| phrase.cmp(&s)).ok()?;
    Some(PHRASES[at].1)
}

/// Whether a member a strict shape does not read still says something this
/// vocabulary reads: a request id, a retry hint, field errors, or the field
/// the error is about. Such a body is not explained by that shape.
pub(crate) fn is_unread_extra(name: &str, value: &Value) -> bool {
    let retry = crate::retry::names_retry_hint(name);
    match value {
        Value::String(s) => {
            !s.trim().is_empty() && (holds_request_id(name, s) || FIELD_PATH_TOP.contains(&name) || retry)
        }
        Value::Number(_) => retry,
        Value::Array(items) => (names_field_errors(name) && !items.is_empty()) || items_name_fields(items),
        // HAL's `_embedded` holds the errors of the error (`_embedded.errors`).
        Value::Object(m) if name == "_embedded" => {
            m.iter().any(|(k, v)| names_field_errors(k) && v.as_array().is_some_and(|i| !i.is_empty()))
        }
        // An error object under a name of its own (`detailedError`) beside
        // the shape's: its code or message, as the vocabulary reads them.
        Value::Object(m) if role(name) == Some(Role::ErrorObject) => m.iter().any(|(k, v)| {
            let k = spelled(k);
            is_code_member(&k, v) || is_message_member(&k, v)
        }),
        Value::Object(m) => names_field_errors(name) && !m.is_empty(),
        _ => false,
    }
}

/// Whether a number under a name of [`STATUS`] that says it is a code
/// (`status_code`, `statusCode`) is the API's own code: it is no status an
/// HTTP response gives with a body of an error or a result, that is no
/// 2xx, 4xx or 5xx (`"status_code": 7`, `"statusCode": 190`; SwitchBot's
/// `300`, "hub is busy", sent with a 200). Zero says there is none.
pub(crate) fn status_number_is_code(name: &str, n: i64) -> bool {
    let success =
        u16::try_from(n).ok().and_then(|n| http::StatusCode::from_u16(n).ok()).is_some_and(|s| s.is_success());
    crate::headers::same_name(name, "status_code") && n != 0 && !success && !crate::status::is_error_number(n)
}

/// Whether a number under `status` is the API's own code: neither an HTTP
/// status (100 to 599) nor a flag (0, 1): `"status": 24`, Bithumb's
/// `"status": "5600"`, bitFlyer's `"status": -700`.
pub(crate) fn status_value_is_code(n: i64) -> bool {
    n < 0 || (n > 1 && !crate::status::is_status_number(n))
}

/// Whether a text given under a message's name is a code instead
/// ([`is_code_text`]).
pub(crate) fn is_code_as_message(name: &str, value: &Value) -> bool {
    names_message(name) && value.as_str().is_some_and(is_code_text)
}

/// The members of an item of a list of errors that, holding an identifier
/// (`"title": "invalid_token"`, `"detail": "token_expired"`), give a code
/// and not the item's message; its `message` is its message whatever it holds.
pub(crate) const ITEM_CODE_AS_MESSAGE: &[&str] = &["title", "detail"];

/// The code such a member of `item` gives, if it holds one.
pub(crate) fn item_code_as_message<'a>(item: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a str> {
    let value = get(item, name)?;
    (ITEM_CODE_AS_MESSAGE.contains(&name) && is_code_as_message(name, value)).then(|| value.as_str()).flatten()
}

/// Whether a map holds errors each keyed by its own code
/// (`"errors": {"ER920": {"code": "ER920", "message": …}}`), not fields:
/// every key is code-like and is what its value gives under a name of a
/// code's own ([`names_own_code`]: not `name` or `type`, which a field's
/// error may repeat its field under).
pub(crate) fn keyed_by_own_codes(map: &serde_json::Map<String, Value>) -> bool {
    let own_code = |o: &serde_json::Map<String, Value>, key: &str| {
        CODE.iter().filter(|k| names_own_code(k)).any(|k| match get(o, k) {
            Some(Value::String(c)) => c == key,
            Some(Value::Number(n)) => n.to_string() == key,
            _ => false,
        })
    };
    !map.is_empty()
        && map.iter().all(|(k, v)| {
            (is_code_text(k) || k.parse::<i64>().is_ok()) && v.as_object().is_some_and(|o| own_code(o, k))
        })
}

/// Whether a member holds a list of error codes by its name: an error's
/// word, then `codes` last (`error_codes`, `error-codes`, `errorCodes`; not
/// `allowed_country_codes`).
pub(crate) fn names_code_list(name: &str) -> bool {
    let (mut error_before, mut last) = (false, None::<&str>);
    for w in words(name) {
        error_before |= last.is_some_and(|l| crate::names::is_one_of(l, ERROR_WORDS));
        last = Some(w);
    }
    error_before && last.is_some_and(|w| w.eq_ignore_ascii_case("codes"))
}

/// Whether a text is a code: an identifier (`api.err.Invalid`), not a tag
/// (`error`) nor an occurrence's hexadecimal id.
pub(crate) fn is_code_text(s: &str) -> bool {
    identifier_like(s) && !is_tag(s) && !is_hex_id(s)
}

/// The text of an id member: a string, or a whole number (`"requestId": 5`).
pub(crate) fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// Whether `name` holds a code: one of [`CODE`], or by its words ([`role`]).
pub(crate) fn names_code(name: &str) -> bool {
    CODE.contains(&name) || (!STATUS.contains(&name) && role(name) == Some(Role::Code))
}

/// Whether `name` holds a message: one of [`MESSAGE`], or by its words.
pub(crate) fn names_message(name: &str) -> bool {
    MESSAGE.contains(&name) || role(name) == Some(Role::Message)
}

/// Whether `name` holds field errors: one of [`FIELD_ERRORS`], as written or
/// capitalised ([`spelled`]: `Errors`), or by its words.
pub(crate) fn names_field_errors(name: &str) -> bool {
    FIELD_ERRORS.contains(&spelled(name).as_ref()) || role(name) == Some(Role::FieldErrors)
}

/// Whether a list is of items that each name the field they are about
/// (`[{"param": "year", "message": …}]`): field errors under any name.
/// A `path` given as a text beside the item's message names its field too
/// (`[{"path": "entitySelector", "message": …}]`; GraphQL's `path` is a list).
pub(crate) fn items_name_fields(items: &[Value]) -> bool {
    let path_and_message = |o: &serde_json::Map<String, Value>| {
        get(o, "path").is_some_and(Value::is_string)
            && FIELD_MESSAGE.iter().any(|k| get(o, k).is_some_and(Value::is_string))
    };
    !items.is_empty()
        && items.iter().all(|i| {
            i.as_object().is_some_and(|o| {
                FIELD_PATH_TOP.iter().any(|k| get(o, k).is_some_and(Value::is_string)) || path_and_message(o)
            })
        })
}

/// A null value written as a text, as serialisers of several languages do
/// (Python's `str(None)`, JavaScript's `String(undefined)`).
const NULL_TEXTS: &[&str] = &["null", "undefined", "None", "nil"];

/// The length of the longest of [`NULL_TEXTS`], derived from the table.
const NULL_TEXT_MAX: usize = {
    let (mut max, mut i) = (0, 0);
    while i < NULL_TEXTS.len() {
        if NULL_TEXTS[i].len() > max {
            max = NULL_TEXTS[i].len();
        }
        i += 1;
    }
    max
};

/// Whether a text is a null written as a text ([`NULL_TEXTS`]): it names no
/// field, code or type (`"param": "None"`).
pub(crate) fn is_null_text(s: &str) -> bool {
    // The length first: most texts asked are longer than any of them.
    s.len() <= NULL_TEXT_MAX && NULL_TEXTS.contains(&s)
}

/// Whether a text is the name of an error's class (`ValidationError`,
/// `NotFoundException`, as JavaScript and Java errors serialise their
/// `name`): capitalised words of one identifier, the last an error's word.
/// Under an item's `name` it is the item's code, not its field.
pub(crate) fn is_error_class_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.bytes().all(|b| b.is_ascii_alphanumeric())
        && words(s).nth(1).is_some()
        && words(s).last().is_some_and(|w| crate::names::is_one_of(w, ERROR_WORDS))
}

/// Whether a list is of RFC 9457's own example items, each a `name` and a
/// `reason` (`"invalid-params": [{"name": "age", "reason": …}]`): field
/// errors under any name beside a problem's members, where the example
/// puts them (not elsewhere: `"checks": [{"name": "db", "reason": …}]`).
pub(crate) fn items_name_and_reason(items: &[Value]) -> bool {
    !items.is_empty()
        && items.iter().all(|i| {
            i.as_object().is_some_and(|o| ["name", "reason"].iter().all(|k| get(o, k).is_some_and(Value::is_string)))
        })
}

/// Whether an object holds a list of errors: a list of [`ERROR_LISTS`] (as
/// written or capitalised) with an object in it.
pub(crate) fn lists_errors(o: &serde_json::Map<String, Value>) -> bool {
    ERROR_LISTS.iter().any(|k| get(o, k).and_then(Value::as_array).is_some_and(|l| l.iter().any(Value::is_object)))
}

/// Whether any role of this vocabulary reads a member of this name (as
/// written or capitalised): a body of only such members is no map of fields.
pub(crate) fn has_role(name: &str) -> bool {
    let name = spelled(name);
    let name = name.as_ref();
    [CODE, MESSAGE, FIELD_ERRORS, STATUS, ERROR_OBJECT, FIELD_PATH, ERROR_LISTS, CODE_FALLBACK]
        .iter()
        .any(|set| set.contains(&name))
        || is_request_id(name)
        || crate::retry::names_retry_hint(name)
        || role(name).is_some()
}

/// Whether the members of a map of texts are one error's own, not fields'
/// messages: a code (an identifier under a code's own name,
/// [`names_own_code`]: not `name` or `type`, which a form's fields are
/// called too) and a message (under a message's own name: `message`,
/// `error_msg`, not `title` or `description`), `len` members in all and at
/// most [`ONE_ERRORS_MEMBERS`] (`"errors": {"code":
/// "resource_not_found", "message": "Resource not found", "parameter":
/// "id"}`). A form's field named `code` has a sentence for its message, not
/// an identifier.
pub(crate) fn is_one_error<'a>(len: usize, members: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> bool {
    let own_message = |k: &str| MESSAGE.contains(&k) && (has_word_bytes(k, b"message") || has_word_bytes(k, b"msg"));
    (2..=ONE_ERRORS_MEMBERS).contains(&len)
        && members.clone().any(|(k, v)| names_own_code(k) && identifier_like(v) && is_code_text_member(k, v))
        && members.into_iter().any(|(k, v)| own_message(k) && is_message_text(v))
}

/// Whether a name of [`CODE`] is a code's own (`code`, `errorCode`,
/// `errno`, `error_type`), not one a field or another thing is called too
/// (`name`, `type`, `status`, `error`).
fn names_own_code(name: &str) -> bool {
    CODE.contains(&name) && name != "error" && (has_word_bytes(name, b"code") || has_word_bytes(name, b"err"))
}

/// Whether a name holds `word` in any case (`errorCode`, `error_msg`).
fn has_word_bytes(name: &str, word: &[u8]) -> bool {
    name.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word))
}

/// [`is_one_error`] of an object's text members.
pub(crate) fn is_one_error_object(o: &serde_json::Map<String, Value>) -> bool {
    is_one_error(o.len(), o.iter().filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))))
}

/// The most members [`is_one_error`] takes for one error's own (a code
/// and a message are two at least).
const ONE_ERRORS_MEMBERS: usize = 8;

/// Whether an error id (`error_id`, `errorId`) names a kind of error, and
/// so is a code, not the request's id: an identifier in one case
/// (`"error_id": "invalid_request"`; not `oaej1XXQlk6SbCEFIkBzAge-A`).
pub(crate) fn error_id_is_code(name: &str, value: &str) -> bool {
    let one_case = !(value.bytes().any(|b| b.is_ascii_uppercase()) && value.bytes().any(|b| b.is_ascii_lowercase()));
    matches!(name, "error_id" | "errorId")
        && identifier_like(value)
        && names_a_kind(value)
        && one_case
        && value.bytes().any(|b| b.is_ascii_alphabetic())
}

/// The names a map of field errors gives the errors of the whole request,
/// not of a field (Rails' `base`, Django's `non_field_errors` and `__all__`):
/// the lenient reader takes them as the error's message.
pub(crate) const WHOLE_REQUEST_FIELDS: &[&str] = &["base", "non_field_errors", "__all__"];

/// Members that hold a map of field to messages where every value is a
/// field's messages (a list of them, a message object, or a map of nested fields to theirs), besides [`FIELD_ERRORS`] and after
/// [`FIELD_ERRORS_IN_DETAILS`] (`fields`, `messages`), which count there
/// too: names that elsewhere hold a message or the API's own data.
/// A `detail` or a `message` that maps fields to their messages is one too.
pub(crate) const FIELD_MAPS: &[&str] = &["error_messages", "errorMessages", "detail", "message"];

/// Whether an `id` names a kind of error rather than one occurrence of it:
/// code-like, its letters outnumbering its digits three to one, and not
/// hexadecimal, or a number of at most five digits (`not_found`,
/// `QUERY-Dfbg2`, `1050`; not `ec76efd0-b8c0-484a`, `CBCFED6580B4E076`
/// nor `req_8fa3b2c1`).
pub(crate) fn names_a_kind(id: &str) -> bool {
    let digits = id.bytes().filter(u8::is_ascii_digit).count();
    let hex = id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    // A short number (`1050`) numbers a kind of error, as error codes do.
    let short_number = (1..=5).contains(&id.len()) && digits == id.len();
    code_like(id) && ((digits * 4 < id.len() && !(hex && digits > 0)) || short_number)
}

/// Whether a text is only an occurrence's id, hexadecimal with at least
/// sixteen digits (`9c103022-b3ce-41f7-b45c-de9ee51b72a1`,
/// `CBCFED6580B4E076`): never a message, nor a kind of error.
pub(crate) fn is_hex_id(s: &str) -> bool {
    let hex = s.bytes().filter(u8::is_ascii_hexdigit).count();
    hex >= 16 && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') && s.bytes().any(|b| b.is_ascii_digit())
}

/// A text that reads as a machine code: no spaces, not too long.
pub(crate) fn code_like(s: &str) -> bool {
    !s.is_empty() && s.len() <= crate::limits::Limits::DEFAULT_MAX_CODE_BYTES && !has_whitespace(s)
}

/// `s.contains(char::is_whitespace)`, byte by byte where the text is ASCII
/// (most codes): a `char` search costs several times as much.
fn has_whitespace(s: &str) -> bool {
    if s.is_ascii() {
        // The ASCII `White_Space` characters: tab, line feed, vertical tab,
        // form feed, carriage return, space.
        s.bytes().any(|b| matches!(b, b'\t'..=b'\r' | b' '))
    } else {
        s.contains(char::is_whitespace)
    }
}

/// A text that can only be an identifier, not words: `ValidationError`,
/// `input_validation_failed`, `M_FORBIDDEN`, `type_error.integer`; not
/// `deleted` or `Forbidden`.
pub(crate) fn identifier_like(s: &str) -> bool {
    // Only these bytes (so no whitespace, and ASCII: what follows reads bytes).
    let bytes = s.as_bytes();
    if s.is_empty()
        || s.len() > crate::limits::Limits::DEFAULT_MAX_CODE_BYTES
        || !bytes.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b':' | b'/'))
    {
        return false;
    }
    let trimmed = s.trim_end_matches('.').as_bytes();
    // One pass over the text without its trailing dots.
    let (mut upper, mut inner_upper, mut lower, mut separator, mut hyphen) = (false, false, false, false, false);
    // A slug (`request-validation`): words joined by hyphens, letters in each.
    let (mut letters_in_each, mut letter_in_word) = (true, false);
    for (i, &b) in trimmed.iter().enumerate() {
        upper |= b.is_ascii_uppercase();
        inner_upper |= i > 0 && b.is_ascii_uppercase();
        lower |= b.is_ascii_lowercase();
        letter_in_word |= b.is_ascii_alphabetic();
        separator |= matches!(b, b'_' | b'.' | b':' | b'/');
        if b == b'-' {
            hyphen = true;
            letters_in_each &= letter_in_word;
            letter_in_word = false;
        }
    }
    let slug = hyphen && letters_in_each && letter_in_word;
    let all_upper = trimmed.len() > 1 && !lower && upper;
    separator || (inner_upper && lower) || all_upper || slug
}

/// Whether a text is a URI reference as RFC 9457's `type` is: it has a
/// scheme, a path or a fragment, never a bare word. (The check detection
/// makes on every body; [`is_uri`] is the stricter one for codes.)
pub(crate) fn uri_like(s: &str) -> bool {
    s.contains([':', '/', '#'])
}

/// Whether a text is a URI as far as a code is concerned: [`uri_like`], with
/// a path or a fragment, or a scheme written as schemes are, in lower case
/// (`urn:`, `about:`); `LOCATION-SERVICES:404` is a code with a prefix.
pub(crate) fn is_uri(s: &str) -> bool {
    uri_like(s)
        && (s.contains(['/', '#'])
            || s.split_once(':').is_some_and(|(scheme, _)| {
                scheme.starts_with(|c: char| c.is_ascii_lowercase())
                    && scheme
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
            }))
}

/// Whether a text is written as a constant: capitals and digits in two or
/// more words joined by `_`, a letter first (`INVALID_PARAM_VALUE`).
pub(crate) fn constant_case(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() <= crate::limits::Limits::DEFAULT_MAX_CODE_BYTES
        && bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes.contains(&b'_')
        && !bytes.ends_with(b"_")
        && !s.contains("__")
        && bytes.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
}

/// Whether a member `name` of this value would be read as a code.
pub(crate) fn is_code_member(name: &str, value: &Value) -> bool {
    if !names_code(name) {
        return false;
    }
    match value {
        Value::String(s) => is_code_text_member(name, s),
        // A `status` number is the HTTP status, or a flag (`"status": 1`),
        // unless it is neither ([`status_value_is_code`]); an `error` of 0 or 1 is a flag.
        Value::Number(n) => n.as_i64().is_some_and(|n| match name {
            "status" => status_value_is_code(n),
            "error" => !(0..=1).contains(&n),
            _ => true,
        }),
        _ => false,
    }
}

/// Whether a text under a code's name `name` is a code ([`is_code_member`]'s texts).
fn is_code_text_member(name: &str, s: &str) -> bool {
    // A status's number that is no code (`"status": "404"`, `"0"`).
    let status_number = name == "status" && s.parse::<i64>().is_ok_and(|n| !status_value_is_code(n));
    code_like(s)
        && !status_number
        && !is_tag(s)
        && !is_status_phrase(s)
        && !(name == "type" && (uri_like(s) || is_envelope_tag(s) || !identifier_like(s)))
}

/// Whether a text under a message's name is a message ([`is_message_member`]'s texts).
fn is_message_text(s: &str) -> bool {
    !s.trim().is_empty() && !identifier_like(s) && !is_hex_id(s)
}

/// Whether a member `name` of this value would be read as a message.
pub(crate) fn is_message_member(name: &str, value: &Value) -> bool {
    names_message(name)
        && match value {
            Value::String(s) => is_message_text(s),
            Value::Array(items) => items.first().is_some_and(Value::is_string),
            Value::Object(m) => MESSAGE_IN_OBJECT.iter().any(|k| get(m, k).is_some_and(Value::is_string)),
            _ => false,
        }
}

/// A retry hint in seconds from a number in a unit or a string that may
/// carry its own: its home is [`crate::retry`].
pub(crate) use crate::retry::hint_seconds as retry_seconds;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::HintUnit as Unit;
    use serde_json::json;

    #[test]
    fn identifiers_are_told_from_words() {
        for id in ["ValidationError", "input_validation_failed", "M_FORBIDDEN", "type_error.integer", "OK"] {
            assert!(identifier_like(id), "{id}");
        }
        assert!(identifier_like("request-validation") && !identifier_like("2021-01-01"));
        for word in ["deleted", "Forbidden", "Not Found", "bad request", ""] {
            assert!(!identifier_like(word), "{word}");
        }
    }

    #[test]
    fn retry_hints_in_any_unit() {
        assert_eq!(retry_seconds(&json!("15s"), Unit::Seconds), Some(15));
        assert_eq!(retry_seconds(&json!(1500), Unit::Millis), Some(2));
        assert_eq!(retry_seconds(&json!("1500ms"), Unit::Seconds), Some(2));
        assert_eq!(retry_seconds(&json!(2.5), Unit::Seconds), Some(3));
        assert_eq!(retry_seconds(&json!("soon"), Unit::Seconds), None);
        assert_eq!(retry_seconds(&json!(-1), Unit::Seconds), None);
    }

    #[test]
    fn names_split_into_words() {
        let split = |n| words(n).collect::<Vec<_>>();
        assert_eq!(split("userMessage"), ["user", "Message"]);
        assert_eq!(split("field-errors"), ["field", "errors"]);
        assert_eq!(split("status_txt"), ["status", "txt"]);
        assert_eq!(split("error2Code"), ["error2", "Code"]);
        assert_eq!(split("__type"), ["type"]);
        assert_eq!(split("URL"), ["URL"]);
        assert!(split("").is_empty());
    }

    #[test]
    fn roles_by_words_for_unlisted_names() {
        for (name, role_) in [
            ("user_message", Some(Role::Message)),
            ("errorText", Some(Role::Message)),
            ("status_txt", Some(Role::Message)),
            ("internalCode", Some(Role::Code)),
            ("error_name", Some(Role::Code)),
            ("exceptionType", Some(Role::Code)),
            ("requestError", Some(Role::ErrorObject)),
            ("serviceException", Some(Role::ErrorObject)),
            ("field-errors", Some(Role::FieldErrors)),
            ("paramValidationErrors", Some(Role::FieldErrors)),
            // The HTTP status, one word, and names of other things.
            ("httpCode", None),
            ("status_code", None),
            ("message", None),
            ("country", None),
            ("errors_count", None),
            ("dataErrors", None),
            ("event_id", Some(Role::RequestId)),
            ("processId", Some(Role::RequestId)),
            ("user_id", None),
        ] {
            assert_eq!(role(name), role_, "{name}");
        }
        assert!(names_code("internalCode") && !names_code("statusCode"));
        assert!(names_message("user_message") && names_message("text"));
        assert!(names_field_errors("field_errors") && names_field_errors("inputErrors"));
    }

    #[test]
    fn a_kind_of_error_is_told_from_an_occurrence() {
        for kind in ["not_found", "QUERY-Dfbg2", "COMMAND-Df4b3", "InvalidQuery", "1050"] {
            assert!(names_a_kind(kind), "{kind}");
        }
        for occurrence in ["ec76efd0-b8c0-484a-ad5f-725c5bbee869", "CBCFED6580B4E076", "req_8fa3b2c1", "123456789", ""]
        {
            assert!(!names_a_kind(occurrence), "{occurrence}");
        }
    }

    #[test]
    fn lists_of_items_naming_fields() {
        assert!(items_name_fields(
            json!([{"param": "year"}, {"field": "number", "message": "is required"}]).as_array().unwrap()
        ));
        assert!(!items_name_fields(json!([{"param": "year"}, {"name": "x"}]).as_array().unwrap()));
        assert!(!items_name_fields(&[]));
        assert!(has_role("Message") && has_role("retry_after") && has_role("user_message"));
        assert!(!has_role("username") && !has_role("custom_id"));
    }

    #[test]
    fn retry_hints_by_words() {
        assert_eq!(retry_by_words("backoff_seconds"), Some(Unit::Seconds));
        assert_eq!(retry_by_words("waitMs"), Some(Unit::Millis));
        assert_eq!(retry_by_words("retry"), None);
        assert_eq!(retry_by_words("eps_threshold"), None);
        // A count, a factor or a unit not read is no hint.
        for name in ["retryCount", "max_retry_attempts", "backoff_multiplier", "wait_minutes"] {
            assert_eq!(retry_by_words(name), None, "{name}");
        }
        assert_eq!(retry_by_words("retryDelaySecs"), Some(Unit::Seconds));
    }

    #[test]
    fn request_ids_by_name() {
        assert!(is_request_id("fbtrace_id"));
        assert!(is_request_id("correlationId"));
        assert!(!is_request_id("trace_id_"));
        // A request's word, then an id's (`trackingId`, `event_id`, `logRef`).
        for name in ["trackingId", "tracking_id", "event_id", "logRef", "supportUUID"] {
            assert!(is_request_id(name), "{name}");
        }
        // The id of something else the request's word only qualifies.
        for name in ["log_group_id", "event_subscription_id", "reference_document_id", "response_schema_ref"] {
            assert!(!is_request_id(name), "{name}");
        }
        // A message's label (its words joined by `_`) is a name of the
        // tables, not one by its words.
        assert!(is_text_id_label("request_id") && !is_text_id_label("process_id"));
        assert!(!is_request_id("id"));
        // A header's name written into the body, in any case: the ending's
        // words after a word of their own.
        for name in ["opc-request-id", "X-Request-ID", "x-amzn-RequestId", "upstreamRequestID", "X-Correlation-Id"] {
            assert!(is_request_id(name), "{name}");
        }
        for name in ["subrequestid", "request-id-", "guest-id", "contract_id"] {
            assert!(!is_request_id(name), "{name}");
        }
    }
}
