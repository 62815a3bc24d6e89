//! Field paths: the same location written as a dotted path (`leads.0.phone`),
//! a bracketed path (`leads[0].phone`) or a JSON Pointer (`/leads/0/phone`,
//! [RFC 6901](https://www.rfc-editor.org/rfc/rfc6901)).
//!
//! APIs disagree on the form; the canonical [`FieldViolation`](crate::FieldViolation)
//! keeps the field as the client wrote it and its JSON Pointer, and every
//! dialect converts through [`convert`].

use std::fmt;

/// How a field path is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathStyle {
    /// `leads.0.phone`, the style of Laravel and most validation libraries.
    Dotted,
    /// `leads[0].phone`, the style of JavaScript and many form libraries.
    Bracketed,
    /// `/leads/0/phone`, an RFC 6901 JSON Pointer.
    Pointer,
    /// `leads[0][phone]`, the style of HTML form fields, Rails and Stripe's
    /// `param`. Read back as [`Bracketed`](PathStyle::Bracketed), which it is a case of.
    Form,
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
        PathStyle::Dotted | PathStyle::Bracketed | PathStyle::Form => {
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
    let bytes = path.as_bytes();
    let len = bytes.len();
    if len == 0 {
        return convert(path, PathStyle::Pointer);
    }
    // The common dotted case: every `.` becomes a `/` (an ASCII byte for
    // another: the text stays UTF-8), and any byte that needs the general
    // conversion is noted on the way. Pushed after the leading `/` into a
    // block of the pointer's exact size (no fill first).
    let mut out = Vec::with_capacity(len + 1);
    out.push(b'/');
    let mut special = 0;
    if len >= 8 {
        // Eight bytes at a time; the last word, if the length is no multiple
        // of eight, is the path's last eight bytes, written over the end of
        // the word before: the same bytes converted the same way.
        let mut at = 0;
        while at + 8 <= len {
            out.extend_from_slice(&dots_to_slashes(word_at(bytes, at), &mut special).to_le_bytes());
            at += 8;
        }
        if at < len {
            out.truncate(len + 1 - 8);
            out.extend_from_slice(&dots_to_slashes(word_at(bytes, len - 8), &mut special).to_le_bytes());
        }
    } else {
        // Too short for a word: byte by byte.
        for &b in bytes {
            special |= u64::from(matches!(b, b'[' | b']' | b'~' | b'/'));
            out.push(if b == b'.' { b'/' } else { b });
        }
    }
    if special != 0 {
        return convert(path, PathStyle::Pointer);
    }
    debug_assert!(std::str::from_utf8(&out).is_ok());
    // SAFETY: `out` is `/` followed by the bytes of `path` (a `&str`, so
    // UTF-8) with some `.` bytes turned into `/`: one ASCII byte replaced by
    // another (`dots_to_slashes` changes only bytes whose high bit is clear),
    // which keeps every UTF-8 sequence as it was. Checking again would cost a
    // decoded field problem about 100 instructions (`cargo bench --bench
    // instructions`), for nothing.
    unsafe { String::from_utf8_unchecked(out) }
}

/// The dotted path of a field written in any style: the same as
/// `convert(path, PathStyle::Dotted)`, for the decoders' hot path. A pointer
/// whose tokens need neither unescaping nor quoting (`/items/0/email`) is
/// copied once with each `/` turned into a `.`; any other path takes the
/// general conversion.
///
/// # Examples
///
/// ```
/// use error_model::path::{convert, to_dotted, PathStyle};
///
/// assert_eq!(to_dotted("/items/0/email"), "items.0.email");
/// assert_eq!(to_dotted("/a.b/c"), convert("/a.b/c", PathStyle::Dotted));
/// ```
pub fn to_dotted(path: &str) -> String {
    let bytes = path.as_bytes();
    // A first token that is empty is quoted: the general conversion writes it.
    if bytes.len() < 2 || bytes[0] != b'/' || bytes[1] == b'/' {
        return convert(path, PathStyle::Dotted);
    }
    let rest = &bytes[1..];
    // A byte that makes a token escaped (`~0`, `~1`) or quoted (`["a.b"]`):
    // the general conversion.
    if rest.iter().any(|b| matches!(b, b'.' | b'[' | b']' | b'~' | b'"' | b'\'')) {
        return convert(path, PathStyle::Dotted);
    }
    let mut out = rest.to_vec();
    for b in &mut out {
        if *b == b'/' {
            *b = b'.';
        }
    }
    // SAFETY: the bytes are the path's after its leading `/` (a `&str`, so
    // UTF-8, cut after an ASCII byte), with each `/` replaced by `.`: one
    // ASCII byte for another, which keeps every UTF-8 sequence as it was. A
    // safe build of the string (split and joined) cost a decoded JSON:API
    // field problem about 350 instructions more (`cargo bench --bench
    // instructions`).
    unsafe { String::from_utf8_unchecked(out) }
}

/// What a member meant to hold a JSON Pointer (JSON:API's `source.pointer`,
/// a problem item's `pointer`) locates: the pointer itself, or, where the
/// text is no pointer (neither empty nor starting with `/`), the pointer of
/// the path written in another style (`details.card_number` is
/// `/details/card_number`).
pub(crate) fn given_pointer(text: String) -> String {
    if PathStyle::detect(&text) == PathStyle::Pointer { text } else { to_pointer(&text) }
}

/// The eight bytes of `bytes` from `at`, as a little-endian word.
#[inline(always)]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let mut eight = [0; 8];
    eight.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(eight)
}

/// Eight bytes of a path with each `.` turned into a `/`; the bytes that
/// [`to_pointer`] leaves to the general conversion (`[`, `]`, `~`, `/`)
/// are marked in `special` (the high bit of each such byte).
#[inline(always)]
fn dots_to_slashes(word: u64, special: &mut u64) -> u64 {
    // Exact per byte (no carry crosses from one byte to the next), with the
    // parts the five comparisons share computed once: a byte equals `b`
    // when its own high bit is clear (`b` is ASCII) and its low seven bits,
    // xor `b`, carry nothing into the high bit when seven ones are added.
    let low = word & LOW_SEVEN;
    let differs = |b: u8| (low ^ (u64::from(b) * ONES)).wrapping_add(LOW_SEVEN);
    let ascii = !word & !LOW_SEVEN;
    *special |= ascii & !(differs(b'[') & differs(b']') & differs(b'~') & differs(b'/'));
    // `.` is 0x2E and `/` 0x2F: one bit apart.
    word ^ ((ascii & !differs(b'.')) >> 7)
}

/// Seven ones in each byte.
const LOW_SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
/// A one in each byte.
const ONES: u64 = 0x0101_0101_0101_0101;

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
    // Room for the path as given (about its length in any style), so that
    // the rendering is written into one block, not grown segment by segment.
    let mut out = String::with_capacity(path.len() + 1);
    // Writing into a String cannot fail.
    let _ = fmt::Write::write_fmt(&mut out, format_args!("{}", Render::new(path, to)));
    out
}

/// `path` (any style) rewritten in the style `to` as it is formatted, without
/// allocating: `Render::new(p, to).to_string() == convert(p, to)`.
///
/// # Examples
///
/// ```
/// use error_model::path::{PathStyle, Render};
///
/// assert_eq!(Render::new("card.number", PathStyle::Bracketed).to_string(), "card.number");
/// assert_eq!(format!("{}", Render::new("/items/0/price", PathStyle::Bracketed)), "items[0].price");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Render<'a> {
    path: &'a str,
    to: PathStyle,
}

impl<'a> Render<'a> {
    /// `path` to be written in the style `to`.
    pub fn new(path: &'a str, to: PathStyle) -> Render<'a> {
        Render { path, to }
    }
}

impl fmt::Display for Render<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut index = 0;
        let mut result = Ok(());
        let mut write = |segment: &str, escaped: bool| {
            if result.is_ok() {
                result = write_segment(f, segment, escaped, index, self.to);
            }
            index += 1;
        };
        match PathStyle::detect(self.path) {
            PathStyle::Pointer if self.path.is_empty() => {}
            PathStyle::Pointer => self.path[1..].split('/').for_each(|token| write(token, true)),
            PathStyle::Dotted | PathStyle::Bracketed | PathStyle::Form => {
                each_dotted_segment(self.path, |s| write(s, false))
            }
        }
        result
    }
}

/// Writes segment number `index` in the style `to`; `escaped` says it is a
/// pointer token (`~1` for `/`, `~0` for `~`).
fn write_segment(f: &mut impl fmt::Write, raw: &str, escaped: bool, index: usize, to: PathStyle) -> fmt::Result {
    // Escapes yield only `/` and `~`, so these hold for the unescaped segment too.
    let is_index = !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit());
    // A segment the dotted and bracketed forms cannot write bare: it holds a
    // separator, or, first, it would read as a pointer.
    let starts_with_slash = if escaped { raw.starts_with("~1") } else { raw.starts_with('/') };
    // An empty first segment is quoted: a bracket could follow it (a quoted
    // segment in the dotted style too: `[""]["a]b"]`, not `["a]b"]`).
    let empty_first = index == 0 && raw.is_empty() && to != PathStyle::Pointer;
    let needs_quotes = raw.contains(['.', '[', ']'])
        || raw.starts_with(['"', '\''])
        || (index == 0 && starts_with_slash)
        || empty_first;
    let plain = |f: &mut _| for_each_piece(raw, escaped, |piece| fmt::Write::write_str(f, piece));
    match to {
        PathStyle::Pointer => {
            f.write_char('/')?;
            for_each_piece(raw, escaped, |piece| {
                for c in piece.chars() {
                    match c {
                        '~' => f.write_str("~0")?,
                        '/' => f.write_str("~1")?,
                        c => f.write_char(c)?,
                    }
                }
                Ok(())
            })
        }
        _ if needs_quotes => {
            // `["a.b"]`, or `['a"]b']` when the segment holds `"]` (a segment
            // holding both `"]` and `']` has no dotted or bracketed form).
            let quote = if raw.contains("\"]") { '\'' } else { '"' };
            f.write_char('[')?;
            f.write_char(quote)?;
            plain(f)?;
            f.write_char(quote)?;
            f.write_char(']')
        }
        PathStyle::Bracketed | PathStyle::Form if is_index => {
            f.write_char('[')?;
            f.write_str(raw)?;
            f.write_char(']')
        }
        PathStyle::Form if index > 0 => {
            f.write_char('[')?;
            plain(f)?;
            f.write_char(']')
        }
        PathStyle::Dotted | PathStyle::Bracketed | PathStyle::Form => {
            if index > 0 {
                f.write_char('.')?;
            }
            plain(f)
        }
    }
}

/// Calls `g` with the pieces of a segment, unescaped if it is a pointer token.
fn for_each_piece(raw: &str, escaped: bool, mut g: impl FnMut(&str) -> fmt::Result) -> fmt::Result {
    if !escaped {
        return g(raw);
    }
    let mut rest = raw;
    while let Some(at) = rest.find('~') {
        g(&rest[..at])?;
        match rest.as_bytes().get(at + 1) {
            Some(b'1') => {
                g("/")?;
                rest = &rest[at + 2..];
            }
            Some(b'0') => {
                g("~")?;
                rest = &rest[at + 2..];
            }
            _ => {
                g("~")?;
                rest = &rest[at + 1..];
            }
        }
    }
    g(rest)
}

/// Joins segments into a path of the style `to`.
pub fn join<S: AsRef<str>>(segments: &[S], to: PathStyle) -> String {
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        // Writing into a String cannot fail.
        let _ = write_segment(&mut out, segment.as_ref(), false, i, to);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rendering on the fly writes what splitting and joining builds.
    #[test]
    fn render_is_join_of_segments() {
        let paths = [
            "",
            "/",
            "a",
            "a.b",
            "a[0].b",
            "a[\"b.c\"]",
            "a['x']",
            "/a~1b/~0c",
            "/~",
            "/~2/~01",
            "[0]",
            "a..b",
            "a[",
            "a]",
            "/a/0",
            "x.y[1][2].z",
            "caf\u{e9}.n\u{f8}",
            "a/b",
            "~.~1",
        ];
        for path in paths {
            for style in [PathStyle::Dotted, PathStyle::Bracketed, PathStyle::Pointer] {
                assert_eq!(Render::new(path, style).to_string(), join(&segments(path), style), "{path:?} {style:?}");
            }
        }
    }

    /// Found by fuzzing: a pointer whose first segment is empty lost it in
    /// the dotted style when a quoted segment followed (`["a]b"]`).
    #[test]
    fn an_empty_first_segment_survives_every_style() {
        for pointer in ["//non_~0f]*", "//x", "//0"] {
            let segs = segments(pointer);
            for style in [PathStyle::Dotted, PathStyle::Bracketed, PathStyle::Form] {
                let written = convert(pointer, style);
                assert_eq!(segments(&written), segs, "{pointer:?} as {style:?}: {written:?}");
            }
        }
    }

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
            // Eight bytes at a time: special bytes and dots in either word,
            // at the edges, and paths of whole words.
            "abcdefgh",
            "abcdefg.",
            "abcdefgh.ijklmnop",
            "abcdefgh.ijklmno~",
            "abcdefg/",
            "abcdefghijklmnop[0]",
            "longer.path.with.many.segments.0.x",
            "日本.語.ab[0]",
            "日本語.日本語.日本語",
        ];
        for input in inputs {
            assert_eq!(to_pointer(input), convert(input, PathStyle::Pointer), "{input:?}");
        }
        // Every length up to three words, each byte from an alphabet of
        // plain, dotted, special and multi-byte text (the last word overlaps
        // the one before where the length is no multiple of eight).
        let alphabet = ["a", ".", "/", "[", "]", "~", "0", "é", "_"];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for len in 0..=24 {
            for _ in 0..200 {
                let mut input = String::new();
                while input.len() < len {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    // Mostly plain bytes and dots, as fields are.
                    let pick = (seed % 24) as usize;
                    input.push_str(if pick < alphabet.len() {
                        alphabet[pick]
                    } else if pick % 3 == 0 {
                        "."
                    } else {
                        "b"
                    });
                }
                assert_eq!(to_pointer(&input), convert(&input, PathStyle::Pointer), "{input:?}");
            }
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
