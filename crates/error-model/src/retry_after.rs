//! Reading `Retry-After` ([RFC 9110, section 10.2.3](https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3)).

use std::time::SystemTime;

/// Seconds to wait from a `Retry-After` value: delta-seconds, or an
/// HTTP-date counted from `now` (a date in the past means 0).
pub(crate) fn seconds_at(value: &str, now: SystemTime) -> Option<u64> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(secs);
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).map_or(0, |d| d.as_secs() + u64::from(d.subsec_nanos() > 0)))
}

/// [`seconds_at`] the current time.
pub(crate) fn parse_seconds(value: &str) -> Option<u64> {
    seconds_at(value, SystemTime::now())
}
