//! The words of a member name (`userMessage`: `user`, `Message`), which
//! the reader's vocabulary ([`crate::wire`]) and the request-id names of
//! [`crate::headers`] read a name's role from.

/// The words of a member name, as written: split at `_`, `-`, `.`, spaces
/// and lower-to-upper case changes (`userMessage`: `user`, `Message`).
pub(crate) fn words(name: &str) -> impl Iterator<Item = &str> + Clone {
    let bytes = name.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i <= bytes.len() {
            let at = i;
            i += 1;
            let sep = at < bytes.len() && matches!(bytes[at], b'_' | b'-' | b'.' | b' ');
            let camel = at > start
                && at < bytes.len()
                && bytes[at].is_ascii_uppercase()
                && (bytes[at - 1].is_ascii_lowercase() || bytes[at - 1].is_ascii_digit());
            if at == bytes.len() || sep || camel {
                let word = &name[start..at];
                start = if sep { at + 1 } else { at };
                if !word.is_empty() {
                    return Some(word);
                }
            }
        }
        None
    })
}

/// Whether a sentence names a member: each of the member's words is a word
/// of the sentence, in any ASCII case (`first_name` in "The first name
/// field is required.").
pub(crate) fn mentions(sentence: &str, name: &str) -> bool {
    let said = |w: &str| sentence.split(|c: char| !c.is_alphanumeric()).any(|s| s.eq_ignore_ascii_case(w));
    let mut named = words(name).peekable();
    named.peek().is_some() && named.all(said)
}

/// Whether a word is one of `set`, in any ASCII case.
pub(crate) fn is_one_of(word: &str, set: &[&str]) -> bool {
    set.iter().any(|s| s.eq_ignore_ascii_case(word))
}
