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

/// Whether `b` is an RFC 3339 `date-time`: `full-date "T" partial-time`,
/// an optional fraction, then `Z` or an offset; every date and time checked
/// for range (February 29th only in leap years, a leap second allowed).
///
/// Every decoded body with a timestamp asks it, so the fixed part (the
/// first 19 bytes) is checked position by position, without slicing or
/// folding: 14 digits at known places, 5 separators. The proptest below
/// holds it to the field-by-field reading it replaced.
fn is_rfc3339(b: &[u8]) -> bool {
    let Some((head, rest)) = b.split_first_chunk::<19>() else {
        return false;
    };
    if head[4] != b'-'
        || head[7] != b'-'
        || !matches!(head[10], b'T' | b't' | b' ')
        || head[13] != b':'
        || head[16] != b':'
    {
        return false;
    }
    let d = |i: usize| u32::from(head[i].wrapping_sub(b'0'));
    let mut not_digit = false;
    for i in [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18] {
        not_digit |= d(i) > 9;
    }
    if not_digit {
        return false;
    }
    let year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
    let (month, day) = (d(5) * 10 + d(6), d(8) * 10 + d(9));
    let (hour, min, sec) = (d(11) * 10 + d(12), d(14) * 10 + d(15), d(17) * 10 + d(18));
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days_in_month || hour > 23 || min > 59 || sec > 60 {
        return false;
    }
    let mut rest = rest;
    if let Some((b'.', tail)) = rest.split_first() {
        let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &tail[n..];
    }
    match *rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1 @ b'0'..=b'9', h2 @ b'0'..=b'9', b':', b'0'..=b'5', b'0'..=b'9'] => {
            (h1 - b'0') * 10 + (h2 - b'0') < 24
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

    /// The reading `is_rfc3339` replaced (each field sliced and folded):
    /// the oracle of the proptest.
    fn is_rfc3339_by_fields(b: &[u8]) -> bool {
        fn digits(b: &[u8]) -> Option<u32> {
            if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
                return None;
            }
            Some(b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
        }
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

    proptest::proptest! {
        /// Near-timestamps (each byte of a valid one, or one of the bytes a
        /// timestamp is made of, dropped or repeated) read the same both ways.
        #[test]
        fn is_rfc3339_is_the_field_by_field_reading(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "0", "1", "2", "3", "4", "5", "6", "9", "00", "12", "29", "30", "31", "59", "60",
                    ]),
                    proptest::sample::select(vec!["-", ":", "T", "t", " ", ".", "Z", "z", "+", "x", "/", "é"]),
                ],
                0..24,
            ),
            base in proptest::sample::select(vec![
                "2024-02-29T23:59:60.5+05:30", "1900-02-28T00:00:00Z", "2000-02-29T12:00:00-23:59",
                "2023-04-30T10:30:00.000z",
            ]),
            cut in 0usize..28,
        ) {
            let mut s: String = base.chars().take(cut).collect();
            s.extend(parts);
            proptest::prop_assert_eq!(is_rfc3339(s.as_bytes()), is_rfc3339_by_fields(s.as_bytes()), "{}", s);
            proptest::prop_assert_eq!(is_rfc3339(base.as_bytes()), is_rfc3339_by_fields(base.as_bytes()));
        }

    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// Every field at and around its bounds (2,048 cases: each bound
        /// is met with the other fields valid).
        #[test]
        fn is_rfc3339_agrees_at_the_bounds(
            year in proptest::sample::select(vec![0u32, 1900, 2000, 2023, 2024, 9999]),
            month in proptest::sample::select(vec![0u32, 1, 2, 4, 12, 13]),
            day in proptest::sample::select(vec![0u32, 1, 28, 29, 30, 31, 32]),
            hour in proptest::sample::select(vec![0u32, 23, 24]),
            min in proptest::sample::select(vec![0u32, 59, 60]),
            sec in proptest::sample::select(vec![0u32, 59, 60, 61]),
            sep in proptest::sample::select(vec!['T', 't', ' ']),
            tail in proptest::sample::select(vec!["Z", ".5+05:30", "-24:00"]),
        ) {
            let s = format!("{year:04}-{month:02}-{day:02}{sep}{hour:02}:{min:02}:{sec:02}{tail}");
            proptest::prop_assert_eq!(is_rfc3339(s.as_bytes()), is_rfc3339_by_fields(s.as_bytes()), "{}", s);
        }
    }

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
            "2000-02-29T00:00:00Z",
            "2024-01-16t10:30:00.1-00:00",
        ] {
            assert!(ok.parse::<Timestamp>().is_ok(), "{ok}");
        }
        for bad in [
            "",
            "2024-01-16",
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
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
