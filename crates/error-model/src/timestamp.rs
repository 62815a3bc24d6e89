//! RFC 3339 timestamps (`2024-01-16T10:30:00.000Z`), kept exactly as written.
//!
//! Only what an error body needs: validate a received timestamp, keep its text
//! for a lossless round trip, and stamp a new error with the current UTC time.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// An [RFC 3339](https://www.rfc-editor.org/rfc/rfc3339#section-5.6) date-time.
///
/// # Examples
///
/// ```
/// use error_model::Timestamp;
///
/// let ts: Timestamp = "2024-01-16T10:30:00.000Z".parse().unwrap();
/// assert_eq!(ts.as_str(), "2024-01-16T10:30:00.000Z");
/// assert!("16/01/2024".parse::<Timestamp>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp(Box<str>);

/// The error of parsing a string that is not an RFC 3339 date-time.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid rfc 3339 timestamp")]
pub struct InvalidTimestamp(());

impl Timestamp {
    /// The current UTC time, with millisecond precision.
    pub fn now() -> Timestamp {
        let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        Timestamp::from_unix_millis(since.as_millis() as i64)
    }

    /// The earliest time RFC 3339 can write: `0000-01-01T00:00:00.000Z`.
    const MIN_MILLIS: i64 = -62_167_219_200_000;
    /// The latest: `9999-12-31T23:59:59.999Z`.
    const MAX_MILLIS: i64 = 253_402_300_799_999;

    /// The UTC time `millis` milliseconds after the Unix epoch, clamped to
    /// the years RFC 3339 can write (0000 to 9999), so that what it prints
    /// always parses back.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::Timestamp;
    ///
    /// assert_eq!(Timestamp::from_unix_millis(0).as_str(), "1970-01-01T00:00:00.000Z");
    /// assert_eq!(Timestamp::from_unix_millis(i64::MAX).as_str(), "9999-12-31T23:59:59.999Z");
    /// assert!(Timestamp::from_unix_millis(i64::MIN).as_str().parse::<Timestamp>().is_ok());
    /// ```
    pub fn from_unix_millis(millis: i64) -> Timestamp {
        let millis = millis.clamp(Timestamp::MIN_MILLIS, Timestamp::MAX_MILLIS);
        let secs = millis.div_euclid(1000);
        let ms = millis.rem_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Timestamp(
            format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{ms:03}Z", rem / 3600, rem % 3600 / 60, rem % 60)
                .into(),
        )
    }

    /// Parses an owned string, keeping its buffer (a decoder's timestamp is
    /// already a `String`: no copy); the string back if it is not RFC 3339.
    pub(crate) fn parse_owned(s: String) -> Result<Timestamp, String> {
        if is_rfc3339(s.as_bytes()) { Ok(Timestamp(s.into_boxed_str())) } else { Err(s) }
    }

    /// The timestamp exactly as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Timestamp {
    type Err = InvalidTimestamp;

    fn from_str(s: &str) -> Result<Timestamp, InvalidTimestamp> {
        if is_rfc3339(s.as_bytes()) { Ok(Timestamp(s.into())) } else { Err(InvalidTimestamp(())) }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

fn is_rfc3339(b: &[u8]) -> bool {
    // full-date "T" partial-time [fraction] offset
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return false;
    }
    if b[13] != b':' || b[16] != b':' {
        return false;
    }
    let (Some(year), Some(month), Some(day), Some(hour), Some(min), Some(sec)) = (
        digits(&b[0..4]),
        digits(&b[5..7]),
        digits(&b[8..10]),
        digits(&b[11..13]),
        digits(&b[14..16]),
        digits(&b[17..19]),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || day == 0 || day > month_days[month as usize - 1] {
        return false;
    }
    if hour > 23 || min > 59 || sec > 60 {
        return false;
    }
    let mut rest = &b[19..];
    if let Some((b'.', tail)) = rest.split_first() {
        let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &tail[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            matches!((digits(&[*h1, *h2]), digits(&[*m1, *m2])), (Some(h), Some(m)) if h < 24 && m < 60)
        }
        _ => false,
    }
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
#[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "When the error occurred (RFC 3339)."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(Timestamp::from_unix_millis(0).as_str(), "1970-01-01T00:00:00.000Z");
        assert_eq!(Timestamp::from_unix_millis(1_705_401_000_000).as_str(), "2024-01-16T10:30:00.000Z");
        assert_eq!(Timestamp::from_unix_millis(951_782_400_123).as_str(), "2000-02-29T00:00:00.123Z");
        assert_eq!(Timestamp::from_unix_millis(-1).as_str(), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn now_is_valid() {
        let now = Timestamp::now();
        assert!(now.as_str().parse::<Timestamp>().is_ok(), "{now}");
    }

    #[test]
    fn parses_rfc3339_and_rejects_the_rest() {
        for ok in [
            "2024-01-16T10:30:00Z",
            "2024-01-16T10:30:00.000Z",
            "2024-02-29T23:59:60+05:30",
            "2024-01-16t10:30:00.1-00:00",
        ] {
            assert!(ok.parse::<Timestamp>().is_ok(), "{ok}");
        }
        for bad in [
            "",
            "2024-01-16",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-16T24:00:00Z",
            "2024-01-16T10:30:00",
            "2024-01-16T10:30:00.Z",
            "2024-01-16T10:30:00+0530",
            "ééééééééééééééééééééé",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }
}
