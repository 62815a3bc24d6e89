//! Text that reaches logs or a body: bounded in length, every character
//! that can change how a line reads escaped.
//!
//! A message, code or decode error may carry what an untrusted server sent.
//! Written through these helpers it stays one line of bounded length, so it
//! cannot flood a log, forge a log line, or make a line read differently
//! from what it holds ("Trojan Source", CVE-2021-42574).

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

/// Characters escaped besides `char::is_control()` (Unicode category
/// `Cc`): every format character (category `Cf`: bidi embeddings,
/// overrides and isolates, zero-width spaces and joiners, the byte order
/// mark, invisible operators, tag characters) and the line and paragraph
/// separators (`Zl`, `Zp`), as inclusive ranges of Unicode 15.1.
const INVISIBLE: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{0600}', '\u{0605}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{2028}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
    ('\u{13430}', '\u{1343F}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0001}', '\u{E0001}'),
    ('\u{E0020}', '\u{E007F}'),
];

/// Whether `c` is written escaped (`\u{202e}`): a control character, a
/// format character or a line or paragraph separator (see [`bounded`]).
pub fn is_escaped(c: char) -> bool {
    c.is_control() || (c > '\u{7f}' && INVISIBLE.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)))
}

/// Writes `c` as it is, or escaped (`\n`, `\u{1b}`, `\u{202e}`).
fn write_char(out: &mut impl fmt::Write, c: char) -> fmt::Result {
    if is_escaped(c) {
        for e in c.escape_default() {
            out.write_char(e)?;
        }
        Ok(())
    } else {
        out.write_char(c)
    }
}

/// `text` cut to at most `max` bytes at a character boundary (with `…`
/// when cut), every character that can change how the line reads escaped
/// (see [`is_escaped`]).
///
/// # Examples
///
/// ```
/// use error_model::text::bounded;
///
/// assert_eq!(bounded("a\nb", 10), "a\\nb");
/// assert_eq!(bounded("evil\u{202e}txt", 20), "evil\\u{202e}txt");
/// assert_eq!(bounded("abcdef", 3), "abc…");
/// ```
pub fn bounded(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max) + 4);
    for c in text.chars() {
        let before = out.len();
        let _ = write_char(&mut out, c);
        if out.len() > max {
            out.truncate(before);
            out.push('…');
            break;
        }
    }
    out
}

/// `text` cut to at most `max` bytes at a character boundary, with `…`
/// when cut; borrowed when it fits. Unlike [`bounded`], nothing is
/// escaped: for values a JSON encoder writes (which escapes them itself).
///
/// # Examples
///
/// ```
/// use error_model::text::cut;
///
/// assert_eq!(cut("lead_1", 10), "lead_1");
/// assert_eq!(cut("ééé", 3), "é…");
/// ```
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &text[..end]))
}

/// A value to echo back in an error body, within
/// [`MAX_ECHO_BYTES`](crate::limits::MAX_ECHO_BYTES): kept whole when its
/// JSON text fits; else a string [`cut`] to it, and any other value
/// replaced by its JSON text, cut (so the cut shows).
///
/// # Examples
///
/// ```
/// use error_model::text::echoed;
/// use serde_json::json;
///
/// assert_eq!(echoed(json!({"a": 1})), json!({"a": 1}));
/// let long = echoed(json!("x".repeat(10_000)));
/// assert!(long.as_str().unwrap().ends_with('…') && long.as_str().unwrap().len() < 300);
/// let big = echoed(json!(vec![1; 1000]));
/// assert!(big.as_str().unwrap().starts_with("[1,1,"));
/// ```
pub fn echoed(value: Value) -> Value {
    use crate::limits::MAX_ECHO_BYTES;
    match value {
        Value::String(s) if s.len() > MAX_ECHO_BYTES => Value::String(cut(&s, MAX_ECHO_BYTES).into_owned()),
        Value::Array(_) | Value::Object(_) => {
            // Cheap test first: a small value is written in full.
            let text = serde_json::to_string(&value).unwrap_or_default();
            if text.len() <= MAX_ECHO_BYTES { value } else { Value::String(cut(&text, MAX_ECHO_BYTES).into_owned()) }
        }
        other => other,
    }
}

/// Displays text with every character [`is_escaped`] names escaped, so
/// that it stays on one line and reads as what it holds.
pub struct OneLine<'a>(pub &'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.chars().try_for_each(|c| write_char(f, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_cuts_at_a_boundary_and_escapes() {
        assert_eq!(bounded("abc", 10), "abc");
        assert_eq!(bounded("a\nb\x1b", 10), "a\\nb\\u{1b}");
        assert_eq!(bounded(&"é".repeat(300), 201).len(), 200 + '…'.len_utf8());
        assert!(bounded(&"x".repeat(1_000_000), 200).len() <= 200 + '…'.len_utf8());
    }

    #[test]
    fn one_line_escapes_line_breaks() {
        assert_eq!(OneLine("a\r\nFAKE LOG LINE").to_string(), "a\\r\\nFAKE LOG LINE");
    }

    /// Every character that can break a line, reorder it or hide text.
    const LINE_CHANGERS: &[char] = &[
        '\n',
        '\r',
        '\t',
        '\x0b',
        '\x0c',
        '\x1b',
        '\x7f',
        '\u{85}', // controls, NEL
        '\u{2028}',
        '\u{2029}', // line and paragraph separators
        '\u{061c}',
        '\u{200e}',
        '\u{200f}', // ALM, LRM, RLM
        '\u{202a}',
        '\u{202b}',
        '\u{202c}',
        '\u{202d}',
        '\u{202e}', // embeddings, overrides, PDF
        '\u{2066}',
        '\u{2067}',
        '\u{2068}',
        '\u{2069}', // isolates
        '\u{200b}',
        '\u{200c}',
        '\u{200d}',
        '\u{2060}',
        '\u{feff}',
        '\u{180e}',
        '\u{ad}', // zero-width, BOM, soft hyphen
        '\u{e0041}',
        '\u{e007f}', // tag characters
    ];

    #[test]
    fn every_line_changer_is_escaped() {
        for &c in LINE_CHANGERS {
            let text = format!("a{c}b");
            for written in [bounded(&text, 100), OneLine(&text).to_string()] {
                assert!(!written.contains(c), "{:?} passed as {written:?}", c);
                assert_eq!(written, format!("a{}b", c.escape_default()));
            }
        }
    }

    #[test]
    fn ordinary_text_passes() {
        for text in ["plain", "Ünïcødé", "日本語", "emoji 🎉", "עברית", "a\u{301}"] {
            assert_eq!(bounded(text, 100), text);
            assert_eq!(OneLine(text).to_string(), text);
        }
    }
}
