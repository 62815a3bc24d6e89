//! Where the lenient reader ([`super::foreign`]) finds an error's members
//! by the body's structure where no name of the
//! [vocabulary](super::vocab) says so: the one object under an unknown name
//! that holds them, the items of a list of errors that only wrap an error
//! object, a list of errors an object wraps (XML's way), and a code given
//! as a constant under a name no role claims.
//! Each looks at most one level down, once.

use serde_json::{Map, Value};

use super::order::DocOrder;
use super::vocab;

/// The items of the root's lists of errors that only wrap an error object
/// (`{"errors": [{"error": {"code", "message"}}]}`) as that object, and a
/// list of errors an object wraps under the singular, as bodies converted
/// from XML write `<errors><error>…</error></errors>`
/// (`{"errors": {"error": [{"code", "field"}]}}`) as that list.
pub(super) fn without_wrapped_items(mut root: Value) -> Value {
    let Value::Object(obj) = &mut root else { return root };
    for key in vocab::ERROR_LISTS {
        let Some(Value::Object(wrapper)) = obj.get_mut(*key) else { continue };
        let wraps_list = wrapper.len() == 1
            && wrapper.iter().all(|(k, v)| {
                vocab::ERROR_LISTS.contains(&k.as_str())
                    && v.as_array().is_some_and(|l| !l.is_empty() && l.iter().all(Value::is_object))
            });
        if wraps_list {
            let list = std::mem::take(wrapper).into_iter().next().map_or(Value::Null, |(_, v)| v);
            obj.insert((*key).to_owned(), list);
        }
    }
    for key in vocab::ERROR_LISTS {
        let Some(Value::Array(items)) = obj.get_mut(*key) else { continue };
        for item in items.iter_mut() {
            let Value::Object(o) = item else { continue };
            let wraps = o.len() == 1
                && o.iter().all(|(k, v)| {
                    v.is_object()
                        && (vocab::ERROR_OBJECT[..2].contains(&k.as_str())
                            || vocab::role(k) == Some(vocab::Role::ErrorObject))
                });
            if wraps {
                let inner = std::mem::take(o).into_iter().next().map(|(_, v)| v).unwrap_or(Value::Null);
                *item = inner;
            }
        }
    }
    root
}

/// Last, where the top level has no code: the one object under a name no
/// role of the vocabulary claims (`session`, `result`, `API`) that holds what
/// an error object does: a code under a name ending in one (`code`,
/// `errorCode`) or in an error's (`error`: Tiny Tiny RSS's
/// `{"content": {"error": "NOT_LOGGED_IN"}}`) that is an identifier, a
/// message under a name ending in one (`message`, `userMsg`; not a `title`,
/// which a request's echo has too), or
/// a list of errors (`{"result": {"errors": [...]}}`). Two such objects say
/// nothing.
pub(super) fn unknown_container(obj: &Map<String, Value>) -> Option<&Map<String, Value>> {
    let last_word = |k: &str, set: &[&str]| vocab::words(k).last().is_some_and(|w| crate::names::is_one_of(w, set));
    let code = |k: &str, v: &Value| {
        (last_word(k, vocab::CODE_WORDS) || last_word(k, vocab::ERROR_WORDS))
            && v.as_str().is_some_and(|s| vocab::identifier_like(s) && !vocab::is_tag(s))
    };
    let message = |k: &str, v: &Value| last_word(k, vocab::MESSAGE_WORDS) && vocab::is_message_member(k, v);
    let list = |k: &str, v: &Value| {
        vocab::ERROR_LISTS.contains(&k) && v.as_array().is_some_and(|l| l.iter().any(Value::is_object))
    };
    let holds = |o: &Map<String, Value>| {
        o.iter().any(|(k, v)| {
            let k = vocab::spelled(k);
            code(&k, v) || message(&k, v) || list(&k, v)
        })
    };
    let mut found =
        obj.iter().filter(|(k, _)| !vocab::has_role(k)).filter_map(|(_, v)| v.as_object()).filter(|o| holds(o));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// A constant (`INVALID_PARAM_VALUE`: capitals and digits in words joined
/// by `_`) under a name no role of the vocabulary claims, at the top or in
/// the error object: the first in the document, read as the code where
/// nothing else is one.
pub(super) fn constant_code<'a>(
    obj: &'a Map<String, Value>,
    inner: Option<&'a Map<String, Value>>,
    order: &DocOrder<'_>,
) -> Option<&'a str> {
    [inner, Some(obj)]
        .into_iter()
        .flatten()
        .flat_map(|o| o.iter())
        .filter(|(k, _)| !vocab::has_role(k))
        .filter_map(|(k, v)| Some((k, v.as_str().filter(|s| vocab::constant_case(s))?)))
        .min_by_key(|(k, c)| order.member(k, c))
        .map(|(_, c)| c)
}

/// A request id a text writes after a label and a `:` or `=` (`provide
/// error id: 521fb2f5b730`, `Request-Id = 7f3a…`, `rid:  @60baeab1-5b56bca1`):
/// a run of letters, digits, `-` and `_`, at least eight long with a digit
/// in it. The label is the one or two words before the `:`, a name the
/// readers take a request id from ([`vocab::is_text_id_label`]). A label
/// inside a word (`grid:`) is none. One pass over the text: each `:` looks
/// back at most [`LABEL_BYTES`].
pub(super) fn id_in_text(text: &str) -> Option<&str> {
    /// Longer than any label, two words and the spaces between them.
    const LABEL_BYTES: usize = 48;
    let bytes = text.as_bytes();
    let word_byte = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-');
    let labelled = |colon: usize| -> bool {
        let window = &bytes[colon.saturating_sub(LABEL_BYTES)..colon];
        // The words before the `:`, the last first; spaces between them.
        // Words are ASCII, so their bounds are `str` boundaries.
        let trim = |w: &[u8]| w.len() - w.iter().rev().take_while(|b| **b == b' ').count();
        let word_at = |end: usize| end - window[..end].iter().rev().take_while(|b| word_byte(b)).count();
        // A word, whole: not empty, nor cut by the window's start.
        let word = |start: usize, end: usize| {
            let cut = start == 0 && colon > LABEL_BYTES;
            std::str::from_utf8(&window[start..end]).ok().filter(|w| !w.is_empty() && !cut)
        };
        let end = trim(window);
        let start = word_at(end);
        let Some(last) = word(start, end) else { return false };
        if vocab::is_text_id_label(last) {
            return true;
        }
        // Two words (`error id`), a space between them.
        let first_end = trim(&window[..start]);
        if first_end == start || !last.eq_ignore_ascii_case("id") {
            return false;
        }
        word(word_at(first_end), first_end).is_some_and(|first| vocab::is_text_id_label(&format!("{first}_{last}")))
    };
    let colons = bytes.iter().enumerate().filter(|(_, b)| matches!(b, b':' | b'='));
    colons.filter(|(at, _)| labelled(*at)).find_map(|(at, _)| {
        let mut i = at + 1;
        while i < bytes.len() && matches!(bytes[i], b' ' | b'@' | b'#') {
            i += 1;
        }
        let end = bytes[i..].iter().position(|b| !word_byte(b)).map_or(bytes.len(), |n| i + n);
        let id = &text[i..end];
        (id.len() >= 8 && id.bytes().any(|b| b.is_ascii_digit())).then_some(id)
    })
}

/// Where the body gives no retry hint: the reset of a rate limit it says is
/// spent (`{"limit": 10, "remaining": 0, "reset": 30}`, or any `reset` of a
/// 429), at the top or in an object one level down (`rate`). A small number
/// is the seconds left; a time since the epoch counts from the time the body
/// says it was written (a number in its `timestamp`, at most a month
/// before), never from the reader's clock.
pub(super) fn spent_limit_reset(obj: &Map<String, Value>, too_many: bool) -> Option<u64> {
    /// Larger than any wait in seconds: a time since the epoch (2001 on).
    const EPOCH: f64 = 1e9;
    const MONTH: f64 = 31.0 * 24.0 * 3600.0;
    let mut objects = std::iter::once(obj).chain(obj.values().filter_map(Value::as_object));
    let reset = objects.find_map(|o| {
        let reset = vocab::get(o, "reset")?.as_f64().filter(|n| n.is_finite() && *n >= 0.0)?;
        let spent = vocab::get(o, "remaining").and_then(Value::as_f64) == Some(0.0);
        (too_many || spent).then_some(reset)
    })?;
    if reset < EPOCH {
        return Some(reset.ceil() as u64);
    }
    let written = match obj.get("timestamp")? {
        Value::Object(t) => t.values().filter_map(Value::as_f64).find(|t| (0.0..=MONTH).contains(&(reset - t))),
        v => v.as_f64().filter(|t| (0.0..=MONTH).contains(&(reset - t))),
    }?;
    Some((reset - written).ceil() as u64)
}
