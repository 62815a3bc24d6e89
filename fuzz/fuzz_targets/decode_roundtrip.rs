//! Any body, with any status: auto-detecting decode never panics; what it
//! decodes, every dialect writes, reads back with the same code and status,
//! and writes again byte for byte (a second trip changes nothing).
#![no_main]

use error_model::wire::{self, Dialect};
use http::{HeaderMap, StatusCode};
use libfuzzer_sys::fuzz_target;

const STATUSES: [Option<u16>; 8] = [None, Some(400), Some(404), Some(422), Some(429), Some(500), Some(503), Some(200)];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else { return };
    let status = STATUSES[usize::from(pick) % STATUSES.len()].and_then(|s| StatusCode::from_u16(s).ok());
    let _ = wire::decode_or_status(status.unwrap_or(StatusCode::BAD_GATEWAY), &HeaderMap::new(), body);
    let Ok((_, err)) = wire::decode(status, &HeaderMap::new(), body) else { return };
    for &to in Dialect::ALL {
        let res = to.encode(&err);
        let (_, back) = wire::decode(Some(res.status()), res.headers(), res.body())
            .unwrap_or_else(|e| panic!("{to} cannot read what it wrote: {e}"));
        let code_field = to == Dialect::Drf && err.fields().iter().any(|v| v.field == "code");
        if !code_field {
            assert_eq!(back.code(), err.code(), "{to}");
        }
        assert_eq!(back.status(), err.status(), "{to}");
        let again = to.encode(&back);
        assert_eq!(again.status(), res.status(), "{to}");
        assert_eq!(again.body(), res.body(), "{to}: a second trip changed the body");
    }
});
