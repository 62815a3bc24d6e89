//! Text that reaches logs or a body: bounded in length, control characters
//! escaped.
//!
//! A message, code or decode error may carry what an untrusted server sent.
//! Written through these helpers it stays one line of bounded length, so it
//! cannot flood a log or forge a log line.

use std::fmt;

/// `text` cut to at most `max` bytes at a character boundary (with `…`
/// when cut), its control characters escaped (`\n`, `\u{1b}`).
pub fn bounded(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max) + 4);
    for c in text.chars() {
        let before = out.len();
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
        if out.len() > max {
            out.truncate(before);
            out.push('…');
            break;
        }
    }
    out
}

/// Displays text with its control characters escaped, so that it stays on
/// one line.
pub struct OneLine<'a>(pub &'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        for c in self.0.chars() {
            if c.is_control() {
                for e in c.escape_default() {
                    f.write_char(e)?;
                }
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
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
}
