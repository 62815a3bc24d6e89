//! Content negotiation for error responses: which [dialect](error_model::wire::Dialect)
//! a request's `Accept` header asks for.
//!
//! A service answers errors in its configured dialect. A client that prefers
//! `application/problem+json` ([RFC 9457, section 3]) over the configured
//! dialect's media type gets the [RFC 9457 shape](error_model::wire::Dialect::Problem)
//! instead, by the rules of [RFC 9110, section 12.5.1]: each media type gets
//! the quality of the most specific range that matches it (`type/subtype`,
//! then `type/*`, then `*/*`), and the problem shape wins only with a strictly
//! higher quality. A request without `Accept`, or one that accepts both
//! equally (`*/*`, or both listed), keeps the configured dialect; so does a
//! request that accepts neither, since an error is better sent than replaced
//! by a 406. A response whose dialect was negotiated carries `Vary: Accept`.
//!
//! [RFC 9457, section 3]: https://www.rfc-editor.org/rfc/rfc9457#section-3
//! [RFC 9110, section 12.5.1]: https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1

use error_model::wire::Dialect;

pub use error_model::limits::MAX_MEDIA_RANGES;

/// The dialect to answer a request with, given its `Accept` header value
/// (if any) and the service's configured dialect.
///
/// # Examples
///
/// ```
/// use error_model_tower::negotiate::negotiate;
/// use error_model::wire::Dialect;
///
/// let configured = Dialect::Canonical;
/// assert_eq!(negotiate(Some("application/problem+json"), configured), Dialect::Problem);
/// assert_eq!(
///     negotiate(Some("application/json;q=0.5, application/problem+json"), configured),
///     Dialect::Problem
/// );
/// assert_eq!(negotiate(Some("application/json, application/problem+json"), configured), configured);
/// assert_eq!(negotiate(Some("*/*"), configured), configured);
/// assert_eq!(negotiate(None, configured), configured);
/// ```
pub fn negotiate(accept: Option<&str>, configured: Dialect) -> Dialect {
    let Some(accept) = accept else { return configured };
    if configured == Dialect::Problem {
        return configured;
    }
    let problem = quality(accept, Dialect::Problem.content_type());
    let own = quality(accept, configured.content_type());
    if problem > own { Dialect::Problem } else { configured }
}

/// The quality (0 to 1000) `accept` gives the media type `media`, by the most
/// specific matching range; 0 when no range matches.
fn quality(accept: &str, media: &str) -> u16 {
    let (kind, _) = media.split_once('/').unwrap_or((media, ""));
    // (specificity, quality) of the best match so far.
    let mut best: Option<(u8, u16)> = None;
    for range in accept.split(',').take(MAX_MEDIA_RANGES) {
        let mut parts = range.split(';');
        let name = parts.next().unwrap_or("").trim();
        let specificity = if name.eq_ignore_ascii_case(media) {
            3
        } else if name.len() == kind.len() + 2 && name.ends_with("/*") && name[..kind.len()].eq_ignore_ascii_case(kind)
        {
            2
        } else if name == "*/*" {
            1
        } else {
            continue;
        };
        let q = parts
            .filter_map(|param| param.split_once('='))
            .find(|(key, _)| key.trim().eq_ignore_ascii_case("q"))
            .map_or(Some(1000), |(_, value)| parse_qvalue(value.trim()));
        // A range with an invalid quality is ignored.
        let Some(q) = q else { continue };
        if best.is_none_or(|(s, _)| specificity > s) {
            best = Some((specificity, q));
        }
    }
    best.map_or(0, |(_, q)| q)
}

/// A `qvalue` ([RFC 9110, section 12.4.2](https://www.rfc-editor.org/rfc/rfc9110#section-12.4.2))
/// in thousandths: `0`, `0.5`, `1.000`; anything else is `None`.
fn parse_qvalue(value: &str) -> Option<u16> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths =
        frac.bytes().chain(std::iter::repeat(b'0')).take(3).fold(0u16, |n, b| n * 10 + u16::from(b - b'0'));
    match int {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualities() {
        assert_eq!(quality("application/json", "application/json"), 1000);
        assert_eq!(quality("application/*;q=0.3", "application/json"), 300);
        assert_eq!(quality("*/*;q=0.1, application/*;q=0.2, application/json;q=0.7", "application/json"), 700);
        assert_eq!(quality("APPLICATION/JSON", "application/json"), 1000);
        assert_eq!(quality("text/html", "application/json"), 0);
        assert_eq!(quality("application/json;q=2", "application/json"), 0);
        assert_eq!(quality("application/json; charset=utf-8; Q=0.25", "application/json"), 250);
        assert_eq!(quality("", "application/json"), 0);
    }

    #[test]
    fn qvalues() {
        for (text, q) in [("0", Some(0)), ("0.5", Some(500)), ("0.125", Some(125)), ("1", Some(1000))] {
            assert_eq!(parse_qvalue(text), q, "{text}");
        }
        assert_eq!(parse_qvalue("1.000"), Some(1000));
        for bad in ["1.5", "0.1234", "2", "-1", "x", "0.a", ""] {
            assert_eq!(parse_qvalue(bad), None, "{bad}");
        }
    }

    #[test]
    fn problem_wins_only_when_preferred() {
        let c = Dialect::Canonical;
        assert_eq!(negotiate(Some("application/problem+json, application/json;q=0.9"), c), Dialect::Problem);
        assert_eq!(negotiate(Some("application/json, application/problem+json;q=0.9"), c), c);
        assert_eq!(negotiate(Some("text/html"), c), c);
        assert_eq!(negotiate(Some("application/*, application/problem+json"), c), c);
        assert_eq!(negotiate(Some("application/problem+json"), Dialect::JsonApi), Dialect::Problem);
        assert_eq!(negotiate(Some("application/json"), Dialect::Problem), Dialect::Problem);
        // Past the bound, ranges are ignored.
        let many = format!("{}application/problem+json", "text/plain, ".repeat(MAX_MEDIA_RANGES));
        assert_eq!(negotiate(Some(&many), c), c);
    }
}
