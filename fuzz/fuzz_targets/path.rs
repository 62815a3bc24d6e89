//! Any path: translation never panics, agrees with itself and is idempotent.
#![no_main]

use error_model::path::{self, PathStyle, Render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|path: &str| {
    assert_eq!(path::to_pointer(path), path::convert(path, PathStyle::Pointer));
    for style in [PathStyle::Dotted, PathStyle::Bracketed, PathStyle::Pointer, PathStyle::Form] {
        let once = path::convert(path, style);
        assert_eq!(Render::new(path, style).to_string(), once);
        // A segment holding both `"]` and `']` has no bracketed form: only a pointer writes it.
        let unquotable = path::segments(path).iter().any(|s| s.contains("\"]") && s.contains("']"));
        if style == PathStyle::Pointer || !unquotable {
            assert_eq!(path::convert(&once, style), once, "{path:?} in {style:?}");
        }
    }
});
