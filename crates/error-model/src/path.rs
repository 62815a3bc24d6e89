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
        PathStyle::Dotted | PathStyle::Bracketed => {
            let mut out = Vec::new();
            each_dotted_segment(path, |s| out.push(s.to_owned()));
            out
        }
    }
}

/// Calls `f` with each segment of a dotted or bracketed path, as slices of it.
fn each_dotted_segment<'a>(path: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = path.as_bytes();
    let mut i = 0;
    let mut start = 0;
    let mut after_bracket = false;
    let mut emitted = false;
    while i < bytes.len() {
        match bytes[i] {
            b'.' => {
                if !after_bracket || start < i {
                    f(&path[start..i]);
                    emitted = true;
                }
                after_bracket = false;
                i += 1;
                start = i;
            }
            b'[' => {
                if start < i || (!after_bracket && emitted) {
                    f(&path[start..i]);
                }
                i += 1;
                let quote = match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        i += 1;
                        Some(q)
                    }
                    _ => None,
                };
                let seg_start = i;
                let mut seg_end = bytes.len();
                while i < bytes.len() {
                    match quote {
                        Some(q) if bytes[i] == q && bytes.get(i + 1) == Some(&b']') => {
                            seg_end = i;
                            i += 2;
                            break;
                        }
                        None if bytes[i] == b']' => {
                            seg_end = i;
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
                f(&path[seg_start..seg_end]);
                emitted = true;
                after_bracket = true;
                start = i;
            }
            _ => {
                after_bracket = false;
                i += 1;
            }
        }
    }
    if !after_bracket || start < bytes.len() {
        f(&path[start..]);
    }
}

/// The JSON Pointer of a field written in any style, built in one allocation:
/// the same as `convert(path, PathStyle::Pointer)`, for the decoders' hot path.
pub fn to_pointer(path: &str) -> String {
    if path.is_empty() || path.starts_with('/') {
        return path.to_owned();
    }
    let mut out = String::with_capacity(path.len() + 2);
    if !path.bytes().any(|b| matches!(b, b'[' | b']' | b'~' | b'/')) {
        // The common dotted case: every `.` becomes a `/`.
        for segment in path.split('.') {
            out.push('/');
            out.push_str(segment);
        }
        return out;
    }
    each_dotted_segment(path, |segment| {
        out.push('/');
        if segment.contains(['~', '/']) {
            out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
        } else {
            out.push_str(segment);
        }
    });
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
    fn fast_pointer_matches_convert() {
        let inputs = [
            "leads.0.phone",
            "items[0].name",
            "[0].name",
            "matrix[1][2]",
            "a..b",
            "..",
            "a.",
            ".a",
            "a[",
            "a[0",
            "[",
            "]",
            "a]b",
            r#"meta["a.b"].c"#,
            "meta['x']",
            "a/b.c~d",
            "é[ü].ß",
            "",
            "/already/pointer",
            "a[0]b",
            "a[0].",
            r#"a["b"#,
            "a[\"b\"x]",
        ];
        for input in inputs {
            assert_eq!(to_pointer(input), convert(input, PathStyle::Pointer), "{input:?}");
        }
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
