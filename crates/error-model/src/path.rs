//! Field paths: the same location written as a dotted path (`leads.0.phone`),
//! a bracketed path (`leads[0].phone`) or a JSON Pointer (`/leads/0/phone`,
//! [RFC 6901](https://www.rfc-editor.org/rfc/rfc6901)).
//!
//! APIs disagree on the form; the canonical [`FieldViolation`](crate::FieldViolation)
//! keeps the field as the client wrote it and its JSON Pointer, and every
//! dialect converts through [`convert`].

/// How a field path is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathStyle {
    /// `leads.0.phone`, the style of Laravel and most validation libraries.
    Dotted,
    /// `leads[0].phone`, the style of JavaScript and many form libraries.
    Bracketed,
    /// `/leads/0/phone`, an RFC 6901 JSON Pointer.
    Pointer,
}

impl PathStyle {
    /// The style `path` is written in: a pointer if it is empty or starts with
    /// `/`, bracketed if it contains `[`, dotted otherwise.
    pub fn detect(path: &str) -> PathStyle {
        if path.is_empty() || path.starts_with('/') {
            PathStyle::Pointer
        } else if path.contains('[') {
            PathStyle::Bracketed
        } else {
            PathStyle::Dotted
        }
    }
}

/// Splits a path in any style into its segments, unescaping pointer tokens.
///
/// Dotted and bracketed forms may be mixed (`a[0].b.1`); a bracketed segment
/// may be quoted (`a["b.c"]`).
pub fn segments(path: &str) -> Vec<String> {
    match PathStyle::detect(path) {
        PathStyle::Pointer if path.is_empty() => Vec::new(),
        PathStyle::Pointer => path[1..].split('/').map(|token| token.replace("~1", "/").replace("~0", "~")).collect(),
        PathStyle::Dotted | PathStyle::Bracketed => split_dotted(path),
    }
}

fn split_dotted(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = path.chars().peekable();
    let mut after_bracket = false;
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !after_bracket || !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                after_bracket = false;
            }
            '[' => {
                if !current.is_empty() || (!after_bracket && !out.is_empty()) {
                    out.push(std::mem::take(&mut current));
                }
                let quote = match chars.peek() {
                    Some(&q @ ('"' | '\'')) => {
                        chars.next();
                        Some(q)
                    }
                    _ => None,
                };
                let mut segment = String::new();
                while let Some(c) = chars.next() {
                    match (quote, c) {
                        (Some(q), c) if c == q && chars.peek() == Some(&']') => {
                            chars.next();
                            break;
                        }
                        (None, ']') => break,
                        (_, c) => segment.push(c),
                    }
                }
                out.push(segment);
                after_bracket = true;
            }
            c => {
                current.push(c);
                after_bracket = false;
            }
        }
    }
    if !after_bracket || !current.is_empty() {
        out.push(current);
    }
    out
}

/// Rewrites `path` in the style `to`.
///
/// # Examples
///
/// ```
/// use error_model::path::{convert, PathStyle};
///
/// assert_eq!(convert("leads.0.phone", PathStyle::Pointer), "/leads/0/phone");
/// assert_eq!(convert("items[0].name", PathStyle::Dotted), "items.0.name");
/// assert_eq!(convert("/leads/0/phone", PathStyle::Bracketed), "leads[0].phone");
/// assert_eq!(convert("a/b", PathStyle::Pointer), "/a~1b");
/// ```
pub fn convert(path: &str, to: PathStyle) -> String {
    join(&segments(path), to)
}

/// Joins segments into a path of the style `to`.
pub fn join<S: AsRef<str>>(segments: &[S], to: PathStyle) -> String {
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        let segment = segment.as_ref();
        match to {
            PathStyle::Pointer => {
                out.push('/');
                out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
            }
            PathStyle::Dotted => {
                if i > 0 {
                    out.push('.');
                }
                out.push_str(segment);
            }
            PathStyle::Bracketed => {
                let is_index = !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit());
                if is_index {
                    out.push('[');
                    out.push_str(segment);
                    out.push(']');
                } else if segment.contains(['.', '[', ']']) {
                    out.push_str("[\"");
                    out.push_str(segment);
                    out.push_str("\"]");
                } else {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push_str(segment);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_convert_into_each_other() {
        let forms = [
            ("leads.0.phone", "leads[0].phone", "/leads/0/phone"),
            ("email", "email", "/email"),
            ("orders.2.city", "orders[2].city", "/orders/2/city"),
            ("0.name", "[0].name", "/0/name"),
            ("matrix.1.2", "matrix[1][2]", "/matrix/1/2"),
        ];
        for (dotted, bracketed, pointer) in forms {
            for input in [dotted, bracketed, pointer] {
                assert_eq!(convert(input, PathStyle::Dotted), dotted, "{input}");
                assert_eq!(convert(input, PathStyle::Bracketed), bracketed, "{input}");
                assert_eq!(convert(input, PathStyle::Pointer), pointer, "{input}");
            }
        }
    }

    #[test]
    fn pointer_escapes_and_quoted_brackets() {
        assert_eq!(segments("/a~1b/c~0d"), ["a/b", "c~d"]);
        assert_eq!(convert("/a~1b/c~0d", PathStyle::Pointer), "/a~1b/c~0d");
        assert_eq!(segments(r#"meta["a.b"].c"#), ["meta", "a.b", "c"]);
        assert_eq!(convert("/meta/a.b", PathStyle::Bracketed), r#"meta["a.b"]"#);
        assert_eq!(segments(""), Vec::<String>::new());
        assert_eq!(convert("", PathStyle::Dotted), "");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for input in ["[", "]", "a[", "a[0", "..", "a..b", "[\"", "/", "//", "a]b", "é[ü]"] {
            for style in [PathStyle::Dotted, PathStyle::Bracketed, PathStyle::Pointer] {
                let _ = convert(input, style);
            }
        }
    }
}
