//! serde's error messages in the contract's words.
//!
//! serde writes what a type expected in Rust's words: `invalid type: null,
//! expected struct NewLead`, `invalid length 0, expected struct NewLead
//! with 3 elements`, `expected u64`, `variant identifier`. A client should
//! read JSON's words, and no Rust type, struct or variant name may reach
//! it. [`rewrite`] turns every serde data error into `expected <JSON kind>,
//! found <JSON kind>` (the kind found is read off the body when the caller
//! has it), keeps the messages that only name JSON members and values
//! (`missing field `email``; `unknown value `x`, expected one of `a`, `b``
//! for an enum, whose listed values are its wire names), and replaces anything else that could name a Rust type by a
//! generic sentence.

/// The JSON kind of a value, as a message says it (`an object`).
pub(crate) fn kind_of(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What serde's `Unexpected` text names, as a JSON kind.
fn found_kind(unexpected: &str) -> &'static str {
    let word = unexpected.split([' ', '`']).next().unwrap_or_default();
    match word {
        "null" | "unit" => "null",
        "boolean" => "a boolean",
        "integer" => "an integer",
        "floating" => "a number",
        "string" | "char" | "byte" => "a string",
        "sequence" => "an array",
        "map" => "an object",
        _ => "a value of another type",
    }
}

/// Rust's primitive type names, which serde prints as the expectation of a
/// number, a boolean or a string.
const PRIMITIVES: &[(&str, &str)] = &[
    ("u8", "an integer"),
    ("u16", "an integer"),
    ("u32", "an integer"),
    ("u64", "an integer"),
    ("u128", "an integer"),
    ("usize", "an integer"),
    ("i8", "an integer"),
    ("i16", "an integer"),
    ("i32", "an integer"),
    ("i64", "an integer"),
    ("i128", "an integer"),
    ("isize", "an integer"),
    ("f32", "a number"),
    ("f64", "a number"),
    ("bool", "a boolean"),
    ("a boolean", "a boolean"),
    ("char", "a string"),
    ("a character", "a string"),
    ("str", "a string"),
    ("a string", "a string"),
    ("a borrowed string", "a string"),
    ("alloc::string::String", "a string"),
    ("unit", "null"),
    ("a sequence", "an array"),
    ("a map", "an object"),
];

/// The JSON kind an expectation names, or `None` when it is not one serde
/// writes for a type (a hand-written `expecting`, in the author's words).
fn expected_kind(expected: &str) -> Option<&'static str> {
    if let Some(&(_, kind)) = PRIMITIVES.iter().find(|(name, _)| *name == expected) {
        return Some(kind);
    }
    // `struct Lead` (and `struct Lead with 3 elements`, which serde says
    // when an array is given to a struct) and maps are objects; tuples and
    // sequences are arrays; enums are written as strings or objects.
    let first = expected.split(' ').next().unwrap_or_default();
    Some(match first {
        "struct" | "map" => "an object",
        "tuple" | "array" | "sequence" => "an array",
        "enum" | "variant" | "field" => "a string or an object",
        "unit" => "null",
        _ => return None,
    })
}

/// Whether `text` may name a Rust type: a path (`uuid::Uuid`), a generic
/// (`Vec<u8>`), or a word in `UpperCamelCase`.
fn may_name_a_type(text: &str) -> bool {
    text.contains("::")
        || text.contains('<')
        || text.split(|c: char| !c.is_alphanumeric()).any(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.any(char::is_lowercase)
                && w.chars().skip(1).any(char::is_uppercase)
        })
}

/// `text`, a serde data error's message (without its position), in the
/// contract's words; `found` is the kind of the value at the error's path
/// when the caller could read it off the body.
pub(crate) fn rewrite(text: &str, found: Option<&'static str>) -> String {
    let split = |rest: &str| rest.split_once(", expected ").map(|(a, b)| (a.to_owned(), b.to_owned()));
    let (unexpected, expected) = if let Some(rest) = text.strip_prefix("invalid type: ") {
        match split(rest) {
            Some(parts) => parts,
            None => return generic(),
        }
    } else if let Some(rest) = text.strip_prefix("invalid value: ") {
        match split(rest) {
            Some((_, expected)) if expected_kind(&expected).is_none() && !may_name_a_type(&expected) => {
                // A hand-written expectation (`a valid email address`).
                return format!("invalid value, expected {expected}");
            }
            Some(parts) => parts,
            None => return generic(),
        }
    } else if let Some(rest) = text.strip_prefix("invalid length ") {
        match split(rest) {
            // serde's derive reads a struct from an array too; the client sent an array.
            Some((_, expected)) if expected.starts_with("struct ") => ("sequence".to_owned(), expected),
            Some((length, expected)) => {
                let expected = expected.trim_start_matches("a ").trim_start_matches("an ");
                return if may_name_a_type(expected) {
                    generic()
                } else {
                    format!("invalid length {length}, expected {expected}")
                };
            }
            None => return generic(),
        }
    } else if let Some(rest) = text.strip_prefix("unknown variant `") {
        // The values listed are the enum's wire names; "variant" is Rust's word.
        return format!("unknown value `{rest}");
    } else if text.starts_with("missing field `")
        || text.starts_with("unknown field `")
        || text.starts_with("duplicate field `")
    {
        // These name JSON members and values only.
        return text.to_owned();
    } else if may_name_a_type(text) {
        return generic();
    } else {
        // A `Deserialize` impl's own message (`invalid email`), or a
        // parse error of a number in a query string.
        return text.to_owned();
    };
    let found = found.unwrap_or_else(|| found_kind(&unexpected));
    match expected_kind(&expected) {
        Some(kind) => format!("expected {kind}, found {found}"),
        None if !may_name_a_type(&expected) => format!("expected {expected}, found {found}"),
        None => format!("found {found}, which is not a valid value here"),
    }
}

fn generic() -> String {
    "invalid value".to_owned()
}

/// A type name axum gives for a path parameter (`u64`, `uuid::Uuid`), as
/// the JSON kind a client should send, or `None` when it names no kind.
pub(crate) fn expected_of_type_name(type_name: &str) -> Option<&'static str> {
    PRIMITIVES.iter().find(|(name, _)| *name == type_name).map(|&(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_texts_become_json_words() {
        let cases = [
            ("invalid type: null, expected struct NewLead", "expected an object, found null"),
            ("invalid length 0, expected struct NewLead with 3 elements", "expected an object, found an array"),
            ("invalid type: string \"x\", expected u64", "expected an integer, found a string"),
            ("invalid type: map, expected a sequence", "expected an array, found an object"),
            ("invalid type: integer `42`, expected enum Status", "expected a string or an object, found an integer"),
            (
                "invalid value: string \"x\", expected a valid email address",
                "invalid value, expected a valid email address",
            ),
            ("missing field `email`", "missing field `email`"),
            ("unknown variant `x`, expected one of `a`, `b`", "unknown value `x`, expected one of `a`, `b`"),
            ("invalid type: floating point `1.5`, expected i32", "expected an integer, found a number"),
            ("expected value of type my_crate::Thing", "invalid value"),
            ("invalid digit found in string", "invalid digit found in string"),
        ];
        for (serde, ours) in cases {
            assert_eq!(rewrite(serde, None), ours, "{serde}");
        }
    }

    #[test]
    fn the_kind_read_off_the_body_wins() {
        assert_eq!(
            rewrite("invalid type: sequence, expected struct Lead", Some("an array")),
            "expected an object, found an array"
        );
    }
}
