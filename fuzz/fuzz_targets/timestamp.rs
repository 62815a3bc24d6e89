//! Any text and any instant: parsing never panics, keeps the text, and
//! what `from_unix_millis` prints parses back.
#![no_main]

use error_model::Timestamp;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, i64)| {
    let (text, millis) = input;
    if let Ok(ts) = text.parse::<Timestamp>() {
        assert_eq!(ts.as_str(), text);
    }
    let printed = Timestamp::from_unix_millis(millis);
    assert_eq!(printed.as_str().parse::<Timestamp>().as_ref(), Ok(&printed));
});
