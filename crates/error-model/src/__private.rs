//! What the code that error-model-derive's `#[derive(IntoApiError)]`
//! generates calls: hidden, not for direct use. The derive is a crate of
//! its own, so these functions keep their signatures within a major version
//! of this crate.

use std::fmt::Display;

use serde::Serialize;

use crate::{Code, CodeSet};

/// The code of a variant: a variant of an `error_codes!` table, and nothing
/// else (a string or another type does not compile).
pub fn code<C: CodeSet>(code: C) -> Code {
    Code::from_info(code.info())
}

/// The text of a value, for a message or a resource id.
pub fn display<T: Display + ?Sized>(value: &T) -> String {
    value.to_string()
}

/// A field as a details member; `null` for a value JSON cannot hold (a map
/// with keys that are not strings).
pub fn detail<T: Serialize + ?Sized>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
