//! Properties of field-path translation (RFC 6901 pointers, dotted,
//! bracketed and form paths).

use error_model::path::{self, PathStyle};
use proptest::prelude::*;

const STYLES: [PathStyle; 4] = [PathStyle::Dotted, PathStyle::Bracketed, PathStyle::Pointer, PathStyle::Form];

/// Paths of every style, with the characters that need escaping or quoting.
fn any_path() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9_]{1,6}(\\.[a-z0-9_]{1,6}){0,4}",
        "[a-z]{1,4}(\\[[0-9]{1,2}\\]|\\.[a-z]{1,4}){0,4}",
        "(/[a-z0-9~/._\\[\\]]{0,5}){0,4}",
        "[a-z.~/\\[\\]\"']{0,12}",
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn to_pointer_is_convert_to_pointer(p in any_path()) {
        prop_assert_eq!(path::to_pointer(&p), path::convert(&p, PathStyle::Pointer));
    }

    #[test]
    fn to_dotted_is_convert_to_dotted(p in any_path()) {
        prop_assert_eq!(path::to_dotted(&p), path::convert(&p, PathStyle::Dotted));
    }

    #[test]
    fn converting_twice_is_converting_once(p in any_path(), to in 0..4usize) {
        // A segment holding both `"]` and `']` has no bracketed form: only a pointer writes it.
        prop_assume!(STYLES[to] == PathStyle::Pointer
            || !path::segments(&p).iter().any(|s| s.contains("\"]") && s.contains("']")));
        let once = path::convert(&p, STYLES[to]);
        prop_assert_eq!(path::convert(&once, STYLES[to]), once.clone(), "{:?} -> {:?}", p, once);
    }

    #[test]
    fn pointers_escape_per_rfc_6901(segments in prop::collection::vec("[a-z~/]{1,5}", 1..5)) {
        let pointer = path::join(&segments, PathStyle::Pointer);
        for token in pointer[1..].split('/') {
            // `~` only ever starts `~0` or `~1`.
            let bytes = token.as_bytes();
            for (i, b) in bytes.iter().enumerate() {
                if *b == b'~' {
                    prop_assert!(matches!(bytes.get(i + 1), Some(b'0' | b'1')), "{}", pointer);
                }
            }
        }
        prop_assert_eq!(path::segments(&pointer), segments);
    }

    #[test]
    fn render_is_convert(p in any_path(), to in 0..4usize) {
        prop_assert_eq!(path::Render::new(&p, STYLES[to]).to_string(), path::convert(&p, STYLES[to]));
    }
}
