//! The document order of a body's members, for the lenient reader:
//! `serde_json::Map` keeps its keys sorted, not as the body wrote them, yet
//! codes and fields are listed in the order the body gives them.
//!
//! One pass over the body's text records where each string or number first
//! appears (as a member's name or as a value) and where each member first appears
//! with a given scalar value (`"type": "invalid_state"`, `"code": 10100`).
//! Lookups are then hash lookups, so ordering any number of codes or fields
//! costs a pass over the body, never one per item. Strings are compared as
//! written, escapes and all: a text with escapes is found where the body
//! escapes it as serde_json does, and otherwise sorts last.

use std::collections::HashMap;

use foldhash::fast::RandomState;

/// Where strings and members first appear in a body.
pub(crate) struct DocOrder<'a> {
    strings: HashMap<&'a [u8], usize, RandomState>,
    members: HashMap<(&'a [u8], &'a [u8]), usize, RandomState>,
}

impl<'a> DocOrder<'a> {
    /// Indexes `body`, which need not be valid JSON (then positions are
    /// merely less useful).
    pub(crate) fn new(body: &'a [u8]) -> DocOrder<'a> {
        // Seeded per index, like the encoders' field index: no key set a
        // body could choose makes the lookups collide.
        let mut strings = HashMap::with_hasher(RandomState::default());
        let mut members = HashMap::with_hasher(RandomState::default());
        // The last string seen, while it may still turn out to be a name.
        let mut last: Option<(&'a [u8], usize)> = None;
        // A name and its position, waiting for its value.
        let mut name: Option<(&'a [u8], usize)> = None;
        let mut i = 0;
        while i < body.len() {
            match body[i] {
                b'"' => {
                    let start = i + 1;
                    let mut end = start;
                    while end < body.len() && body[end] != b'"' {
                        end += if body[end] == b'\\' { 2 } else { 1 };
                    }
                    let text = &body[start..end.min(body.len())];
                    strings.entry(text).or_insert(i);
                    match name.take() {
                        Some((key, at)) => {
                            members.entry((key, text)).or_insert(at);
                        }
                        None => last = Some((text, i)),
                    }
                    i = end + 1;
                    continue;
                }
                b':' => name = last.take(),
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    while i < body.len() && matches!(body[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                        i += 1;
                    }
                    let number = &body[start..i];
                    strings.entry(number).or_insert(start);
                    if let Some((key, at)) = name.take() {
                        members.entry((key, number)).or_insert(at);
                    }
                    last = None;
                    continue;
                }
                b' ' | b'\t' | b'\n' | b'\r' => {}
                _ => {
                    last = None;
                    name = None;
                }
            }
            i += 1;
        }
        DocOrder { strings, members }
    }

    /// Where `text` first appears as a string (a name or a value) or a
    /// number as written, or `usize::MAX`.
    ///
    /// A text with characters JSON escapes (`"`, `\\`, control characters)
    /// is looked up as written, then as serde_json writes it (what this
    /// crate's encoders send): `a"b` is found where the body has `"a\"b"`.
    pub(crate) fn string(&self, text: &str) -> usize {
        match self.strings.get(text.as_bytes()) {
            Some(at) => *at,
            None if text.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) => {
                let written = serde_json::to_string(text).unwrap_or_default();
                let inner = written.get(1..written.len().saturating_sub(1)).unwrap_or_default();
                self.strings.get(inner.as_bytes()).copied().unwrap_or(usize::MAX)
            }
            None => usize::MAX,
        }
    }

    /// Where member `key` first appears with the value `value` (a string's
    /// text, or a number as written), else where `key` first appears, or
    /// `usize::MAX`.
    pub(crate) fn member(&self, key: &str, value: &str) -> usize {
        self.members.get(&(key.as_bytes(), value.as_bytes())).copied().unwrap_or_else(|| self.string(key))
    }
}

#[cfg(test)]
mod tests {
    use super::DocOrder;

    #[test]
    fn members_and_strings_in_the_order_written() {
        let body = br#"{"error": {"code": 409, "errors": [{"reason": "conflict", "field": "email"}], "type": "invalid_state"}}"#;
        let order = DocOrder::new(body);
        assert!(order.member("reason", "conflict") < order.member("type", "invalid_state"));
        assert!(order.member("code", "409") < order.member("reason", "conflict"));
        assert!(order.string("email") > order.string("errors"));
        assert_eq!(order.string("absent"), usize::MAX);
        // A name not seen with that value: where the name is.
        assert_eq!(order.member("type", "other"), order.string("type"));
    }

    /// Found by fuzzing: DRF writes a field named `["a]b"]` escaped, and the
    /// lenient reader could not place it, so a second trip reordered them.
    #[test]
    fn a_text_with_escapes_is_found_as_serde_json_writes_it() {
        let body = br#"{"z": ["1"], "[\"a]b\"]": ["2"], "tab\there": 3}"#;
        let order = DocOrder::new(body);
        assert!(order.string("z") < order.string(r#"["a]b"]"#));
        assert!(order.string(r#"["a]b"]"#) < order.string("tab\there"));
        assert_ne!(order.string("tab\there"), usize::MAX);
        assert_eq!(order.string("a\"b"), usize::MAX);
    }

    #[test]
    fn escapes_and_broken_text_end_the_scan_safely() {
        let order = DocOrder::new(br#"{"a\"b": "x", "c": "unterminated"#);
        assert_eq!(order.member("c", "unterminated"), order.string("c"));
        let _ = DocOrder::new(b"\"\\");
        let _ = DocOrder::new(b"-");
    }
}
