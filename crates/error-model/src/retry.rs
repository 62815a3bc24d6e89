//! The retry policy: when a failed call may be sent again, and after how long.
//!
//! - 429 is retried after its `Retry-After` (delta-seconds or HTTP-date,
//!   [RFC 9110, section 10.2.3]) or the body's retry hint, else after the
//!   reset of the quota its `RateLimit` or `X-RateLimit-*` headers tell
//!   ([`ratelimit::retry_wait`](crate::ratelimit::retry_wait), which the
//!   [client](crate::client::ClientError) applies), but never sooner than
//!   `base_delay` (a zero or past hint), else with backoff;
//! - 408, 500, 502, 503, 504 and network failures are retried with
//!   exponential backoff and jitter (a 503's `Retry-After` is honoured when
//!   longer): the statuses whose registry code is retryable
//!   ([`status::is_retryable`](crate::status::is_retryable));
//! - no other status is ever retried, nor any status that is not an error;
//! - a request that is not idempotent ([RFC 9110, section 9.2.2]: a `POST`
//!   or `PATCH` without an `Idempotency-Key`, see [`Replay`]) is retried
//!   only when the outcome proves the server did not process it: a 429, a
//!   503 with `Retry-After`, or a connection that was never made
//!   ([`Outcome::NotSent`]);
//! - both the number of attempts and the total delay are capped.
//!
//! [`RetryPolicy::decide`] is a pure function of its inputs: the randomness
//! for the jitter is an argument, so any client or runtime can use it and a
//! seeded [`SplitMix64`] makes it deterministic.
//!
//! [RFC 9110, section 10.2.3]: https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
//! [RFC 9110, section 9.2.2]: https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2

use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method, StatusCode};

/// The unit of a retry hint a body member gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HintUnit {
    Seconds,
    Millis,
}

/// The body members a reader takes a retry hint from, with their units, in
/// priority order (the retry row of the reader's vocabulary, `wire::vocab`).
/// No encoder writes an extension of these names, nor of a name whose
/// words make it a hint ([`reads_as_hint`]): it would read back as the
/// retry hint.
pub(crate) const HINT_NAMES: &[(&str, HintUnit)] = &[
    ("retry_after", HintUnit::Seconds),
    ("retryAfter", HintUnit::Seconds),
    ("retry_after_ms", HintUnit::Millis),
    ("retryAfterMs", HintUnit::Millis),
    ("retry_in_ms", HintUnit::Millis),
    ("retryInMs", HintUnit::Millis),
    ("retry_after_seconds", HintUnit::Seconds),
    ("retryAfterSeconds", HintUnit::Seconds),
    ("retry_in", HintUnit::Seconds),
    ("retryIn", HintUnit::Seconds),
    ("retryDelay", HintUnit::Seconds),
    ("retry_delay", HintUnit::Seconds),
    ("retry_after_secs", HintUnit::Seconds),
    ("retryAfterSecs", HintUnit::Seconds),
    ("backoff", HintUnit::Seconds),
    ("estimated_time", HintUnit::Seconds),
];

/// The words of a name the [`HINT_NAMES`] table does not list that make it
/// a retry hint (`backoff_seconds`, `waitMs`, `retryDelaySecs`), the last
/// words that may end one, besides those (a unit or the hint's own:
/// `after`, `in`), and those of them that give its unit in milliseconds.
const HINT_WORDS: &[&str] = &["retry", "backoff", "wait", "delay", "cooldown"];
const HINT_LAST_WORDS: &[&str] = &["after", "in", "seconds", "secs", "sec", "ms", "millis", "milliseconds"];
const MILLIS_WORDS: &[&str] = &["ms", "millis", "milliseconds"];

/// The unit of a retry hint named by its words, if its words name one: two
/// words or more, one of them of [`HINT_WORDS`], the last one of them or of
/// [`HINT_LAST_WORDS`] (not `retryCount`, `max_retry_attempts`,
/// `backoff_multiplier`, nor `wait_minutes`, whose unit is not read);
/// milliseconds when the last is one of [`MILLIS_WORDS`].
pub(crate) fn hint_by_words(name: &str) -> Option<HintUnit> {
    use crate::names::is_one_of;
    let words = crate::names::words(name);
    if !words.clone().any(|w| is_one_of(w, HINT_WORDS)) || words.clone().count() < 2 {
        return None;
    }
    let last = words.last()?;
    if !is_one_of(last, HINT_WORDS) && !is_one_of(last, HINT_LAST_WORDS) {
        return None;
    }
    Some(if is_one_of(last, MILLIS_WORDS) { HintUnit::Millis } else { HintUnit::Seconds })
}

/// Whether a body member `name` is one of [`HINT_NAMES`], as written or
/// capitalised (`RetryAfter`, as the readers look them up), the readers
/// also reading a name whose words make it a hint ([`hint_by_words`]).
pub(crate) fn names_retry_hint(name: &str) -> bool {
    let capitalised = |n: &str| {
        n.len() == name.len() && n.is_char_boundary(1) && name.is_char_boundary(1) && {
            let ((a, rest_a), (b, rest_b)) = (n.split_at(1), name.split_at(1));
            rest_a == rest_b && a.eq_ignore_ascii_case(b)
        }
    };
    HINT_NAMES.iter().any(|(n, _)| *n == name || capitalised(n))
}

/// Whether a member would read back as a retry hint: one of [`HINT_NAMES`],
/// or a name whose words say so ([`hint_by_words`]) holding a number of its
/// unit (`"waitMs": 500`; not `"delay_reason": "network"`). No encoder
/// writes such an extension.
pub(crate) fn reads_as_hint(name: &str, value: &serde_json::Value) -> bool {
    names_retry_hint(name) || hint_by_words(name).is_some_and(|unit| hint_seconds(value, unit).is_some())
}

/// A retry hint in seconds, rounded up, from a number in `unit` or a string
/// that may carry its own unit (`"15"`, `"15s"`, `"1500ms"`, `"2m"`).
pub(crate) fn hint_seconds(value: &serde_json::Value, unit: HintUnit) -> Option<u64> {
    let (n, unit) = match value {
        serde_json::Value::Number(n) => (n.as_f64()?, unit),
        serde_json::Value::String(s) => {
            let s = s.trim();
            let (digits, unit) = if let Some(d) = s.strip_suffix("ms") {
                (d, HintUnit::Millis)
            } else if let Some(d) = s.strip_suffix('s') {
                (d, HintUnit::Seconds)
            } else if let Some(d) = s.strip_suffix('m') {
                return d
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite() && *f >= 0.0)
                    .map(|f| (f * 60.0).ceil() as u64);
            } else {
                (s, unit)
            };
            (digits.trim().parse::<f64>().ok()?, unit)
        }
        _ => return None,
    };
    if !n.is_finite() || !(0.0..=1e12).contains(&n) {
        return None;
    }
    let secs = match unit {
        HintUnit::Seconds => n,
        HintUnit::Millis => n / 1000.0,
    };
    Some(secs.ceil() as u64)
}

/// Whether a request may be sent again when it is not known whether the
/// server processed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replay {
    /// Sending it twice has the effect of sending it once: an idempotent
    /// method (`GET`, `HEAD`, `OPTIONS`, `TRACE`, `PUT`, `DELETE`), or a
    /// request with an `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header),
    /// which the server uses to recognise a repeat.
    Idempotent,
    /// Sending it twice may act twice (`POST`, `PATCH` without a key):
    /// retried only when the outcome proves it was not processed.
    NotIdempotent,
}

impl Replay {
    /// The replay safety of a request with `method` and `headers`.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::retry::Replay;
    /// use http::{HeaderMap, HeaderValue, Method};
    ///
    /// assert_eq!(Replay::of(&Method::PUT, &HeaderMap::new()), Replay::Idempotent);
    /// assert_eq!(Replay::of(&Method::POST, &HeaderMap::new()), Replay::NotIdempotent);
    ///
    /// let mut keyed = HeaderMap::new();
    /// keyed.insert("idempotency-key", HeaderValue::from_static("\"8e03978e\""));
    /// assert_eq!(Replay::of(&Method::POST, &keyed), Replay::Idempotent);
    /// ```
    pub fn of(method: &Method, headers: &HeaderMap) -> Replay {
        let idempotent_method =
            [Method::GET, Method::HEAD, Method::OPTIONS, Method::TRACE, Method::PUT, Method::DELETE].contains(method);
        if idempotent_method || headers.contains_key(crate::headers::IDEMPOTENCY_KEY) {
            Replay::Idempotent
        } else {
            Replay::NotIdempotent
        }
    }
}

/// What happened on one attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered with an error status; `retry_after` is the
    /// server's hint (header or body), if it gave one.
    Status {
        /// The response status.
        status: StatusCode,
        /// How long the server asked the client to wait.
        retry_after: Option<Duration>,
    },
    /// The request never got an answer (connection reset, timeout): the
    /// server may have processed it.
    Network,
    /// The request was never sent: the connection could not be made
    /// (refused, no route, DNS failure), so nothing reached the server.
    NotSent,
}

impl Outcome {
    /// Whether the outcome proves the server did not process the request,
    /// so that even a request that is not idempotent may be sent again: a
    /// 429 (the server refused it), a 503 with `Retry-After` (the server
    /// asked for it later), or a request never sent.
    pub fn proves_not_processed(self) -> bool {
        match self {
            Outcome::NotSent => true,
            Outcome::Network => false,
            Outcome::Status { status, retry_after } => {
                status == StatusCode::TOO_MANY_REQUESTS
                    || (status == StatusCode::SERVICE_UNAVAILABLE && retry_after.is_some())
            }
        }
    }
}

/// What to do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Send the request again after this delay.
    RetryAfter(Duration),
    /// Give up, for this reason.
    Stop(StopReason),
}

/// Why a policy gives up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The status is not one that a retry can fix (any but 408, 429, 500, 502, 503 and 504).
    NotRetryable,
    /// The attempts are used up.
    MaxAttempts,
    /// The next delay would exceed the total delay budget.
    MaxTotalDelay,
    /// The request is not idempotent and the outcome does not prove it was
    /// not processed: sending it again might act twice.
    NotIdempotent,
}

/// How much randomness the backoff delay gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jitter {
    /// Exactly the exponential delay.
    None,
    /// Anywhere from zero to the exponential delay ("full jitter").
    Full,
    /// Half the exponential delay plus up to the other half ("equal jitter").
    Equal,
}

/// A retry policy. The defaults: 4 attempts, backoff from 500 ms doubling up
/// to 8 s with equal jitter, at most 30 s of waiting in all.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use error_model::retry::{Decision, Outcome, RetryPolicy, SplitMix64};
/// use http::StatusCode;
///
/// let policy = RetryPolicy::default();
/// let mut rng = SplitMix64::new(7);
///
/// let limited = Outcome::Status { status: StatusCode::TOO_MANY_REQUESTS, retry_after: Some(Duration::from_secs(1)) };
/// assert_eq!(policy.decide(1, limited, Duration::ZERO, rng.next_u64()), Decision::RetryAfter(Duration::from_secs(1)));
///
/// let missing = Outcome::Status { status: StatusCode::NOT_FOUND, retry_after: None };
/// assert!(matches!(policy.decide(1, missing, Duration::ZERO, rng.next_u64()), Decision::Stop(_)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The most attempts in all, the first included.
    pub max_attempts: u32,
    /// The backoff delay after the first failed attempt.
    pub base_delay: Duration,
    /// The longest single backoff delay.
    pub max_delay: Duration,
    /// The most time spent waiting across all retries.
    pub max_total_delay: Duration,
    /// The jitter applied to backoff delays (not to a server's `Retry-After`).
    pub jitter: Jitter,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_total_delay: Duration::from_secs(30),
            jitter: Jitter::Equal,
        }
    }
}

impl RetryPolicy {
    /// Whether an outcome may be retried at all.
    pub fn is_retryable(outcome: Outcome) -> bool {
        match outcome {
            Outcome::Network | Outcome::NotSent => true,
            Outcome::Status { status, .. } => crate::status::is_retryable(status),
        }
    }

    /// The backoff delay before retry number `attempt` (1 after the first
    /// failure), before jitter: `base_delay * 2^(attempt-1)`, at most `max_delay`.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }

    fn jittered(&self, delay: Duration, random: u64) -> Duration {
        // A uniform fraction in [0, 1) from the top 53 bits.
        let fraction = (random >> 11) as f64 / (1u64 << 53) as f64;
        match self.jitter {
            Jitter::None => delay,
            Jitter::Full => delay.mul_f64(fraction),
            Jitter::Equal => delay / 2 + (delay / 2).mul_f64(fraction),
        }
    }

    /// Decides what to do after attempt number `attempt` (1 for the first)
    /// of an [idempotent](Replay::Idempotent) request ended in `outcome`,
    /// having already waited `waited` in all; `random` is any uniformly
    /// random `u64` (the jitter's only input). [`RetryPolicy::decide_for`]
    /// decides for any request.
    pub fn decide(&self, attempt: u32, outcome: Outcome, waited: Duration, random: u64) -> Decision {
        self.decide_for(Replay::Idempotent, attempt, outcome, waited, random)
    }

    /// [`RetryPolicy::decide`] for a request of the given [`Replay`]
    /// safety: one that is not idempotent stops
    /// ([`StopReason::NotIdempotent`]) unless the outcome
    /// [proves it was not processed](Outcome::proves_not_processed).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_model::retry::{Decision, Outcome, Replay, RetryPolicy, StopReason};
    /// use http::StatusCode;
    ///
    /// let policy = RetryPolicy::default();
    /// let failed = Outcome::Status { status: StatusCode::INTERNAL_SERVER_ERROR, retry_after: None };
    /// assert_eq!(policy.decide_for(Replay::NotIdempotent, 1, failed, Duration::ZERO, 0), Decision::Stop(StopReason::NotIdempotent));
    /// assert!(matches!(policy.decide_for(Replay::NotIdempotent, 1, Outcome::NotSent, Duration::ZERO, 0), Decision::RetryAfter(_)));
    /// ```
    pub fn decide_for(
        &self,
        replay: Replay,
        attempt: u32,
        outcome: Outcome,
        waited: Duration,
        random: u64,
    ) -> Decision {
        if !RetryPolicy::is_retryable(outcome) {
            return Decision::Stop(StopReason::NotRetryable);
        }
        if replay == Replay::NotIdempotent && !outcome.proves_not_processed() {
            return Decision::Stop(StopReason::NotIdempotent);
        }
        if attempt >= self.max_attempts {
            return Decision::Stop(StopReason::MaxAttempts);
        }
        let backoff = self.jittered(self.backoff(attempt), random);
        let delay = match outcome {
            // A zero or past hint still waits the first backoff step.
            Outcome::Status { status, retry_after: Some(hint) } if status == StatusCode::TOO_MANY_REQUESTS => {
                hint.max(self.base_delay)
            }
            Outcome::Status { retry_after: Some(hint), .. } => hint.max(backoff),
            _ => backoff,
        };
        if waited.saturating_add(delay) > self.max_total_delay {
            return Decision::Stop(StopReason::MaxTotalDelay);
        }
        Decision::RetryAfter(delay)
    }
}

/// Reads a `Retry-After` value: delta-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`) counted from `now`; a date in the past
/// means no wait. Anything else is `None`.
///
/// # Examples
///
/// ```
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// use error_model::retry::parse_retry_after;
///
/// let now = UNIX_EPOCH + Duration::from_secs(1_445_412_470); // 07:27:50 GMT
/// assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
/// assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(Duration::from_secs(10)));
/// assert_eq!(parse_retry_after("soon", now), None);
/// ```
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    crate::status::retry_after_seconds(value, now).map(Duration::from_secs)
}

/// A small seeded random number generator (SplitMix64), enough for jitter
/// and deterministic in tests. Not for anything that needs secrecy.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator with this seed.
    pub const fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// A generator seeded from the clock and a process-wide counter.
    pub fn from_entropy() -> SplitMix64 {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
        SplitMix64(nanos ^ COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed).rotate_left(17))
    }

    /// The next random `u64`.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}
