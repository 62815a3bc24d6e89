//! Where a decoded error came from: what the upstream server sent that the
//! canonical error maps away.
//!
//! Decoding keeps the code as sent where the canonical error has one slot
//! (Google's `status` beside ErrorInfo's `reason`, every JSON:API error's
//! code, AWS's full `__type`, Stripe's `type` and `decline_code`), the status
//! on the wire where the canonical one differs (a 422 read as 400), the shape
//! the body came in, and whether no known shape matched and the lenient
//! reader took what it could. The canonical shape writes it as the error's
//! `upstream` member, and the shapes with free-form members carry it too, so
//! that it survives a conversion.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// What the upstream server sent, beside the canonical error.
///
/// # Examples
///
/// ```
/// use error_model::wire;
/// use http::{HeaderMap, StatusCode};
///
/// let body = br#"{"error": {"code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED",
///     "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com"}]}}"#;
/// let (_, err) = wire::decode(Some(StatusCode::TOO_MANY_REQUESTS), &HeaderMap::new(), body).unwrap();
/// assert_eq!(err.code().as_str(), "RATE_LIMIT_EXCEEDED");
/// let upstream = err.upstream().unwrap();
/// assert_eq!(upstream.codes, ["RESOURCE_EXHAUSTED", "RATE_LIMIT_EXCEEDED"]);
/// assert_eq!(upstream.dialect.as_deref(), Some("google"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(description = "What the upstream server sent that the canonical error maps away.")
)]
#[non_exhaustive]
pub struct Upstream {
    /// The machine-readable codes as the upstream server sent them, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// The HTTP status on the wire, where it differs from the canonical status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "u16", range(min = 100, max = 599)))]
    pub status: Option<u16>,
    /// The shape the body came in (a dialect's name, or a shape only read,
    /// such as `aws` or `oauth`), where it was not the canonical one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub dialect: Option<String>,
    /// Whether no known shape matched and the lenient reader took what it could.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lenient: bool,
}

impl Upstream {
    /// Provenance of a body read in `dialect` (a name), with the codes it sent.
    pub fn new(dialect: &str, codes: Vec<String>) -> Upstream {
        Upstream { codes, status: None, dialect: (dialect != "canonical").then(|| dialect.to_owned()), lenient: false }
    }

    /// Whether it says anything the canonical error with `code` does not.
    pub fn says_more_than(&self, code: &str) -> bool {
        self.status.is_some()
            || self.dialect.is_some()
            || self.lenient
            || !(self.codes.is_empty() || (self.codes.len() == 1 && self.codes[0] == code))
    }

    /// The provenance an `upstream` member carries when this crate wrote it:
    /// an object of only the members [`UpstreamView`] writes, at least one
    /// of them, each of its type. Another API's `upstream` member (a
    /// gateway's `{"host": …}`) is none: the body was not written here.
    pub(crate) fn carried(value: &serde_json::Value) -> Option<Upstream> {
        let members = value.as_object()?;
        if members.is_empty() || !members.keys().all(|k| UpstreamView::MEMBERS.contains(&k.as_str())) {
            return None;
        }
        Upstream::deserialize(value).ok()
    }

    /// The view written for an error with `code` into the shape `dialect`:
    /// nothing when it is the shape the error came in (its own members say
    /// it all already), nor when it came in the canonical shape with its code
    /// as sent and no other status; else all of it.
    ///
    /// Into another dialect than the canonical one, the shape alone is not
    /// written: shapes coincide for small bodies (`{"error": {"code",
    /// "message"}}` is nested, detail-list and Azure at once), so it could
    /// name one the body was not written in.
    pub(crate) fn view<'a>(&'a self, code: &str, dialect: &str) -> Option<UpstreamView<'a>> {
        if self.dialect.as_deref().unwrap_or("canonical") == dialect || !self.says_more_than(code) {
            return None;
        }
        let same_codes = self.codes.is_empty() || (self.codes.len() == 1 && self.codes[0] == code);
        if dialect != "canonical" && same_codes && self.status.is_none() && !self.lenient {
            return None;
        }
        let codes = (!self.codes.is_empty()).then_some(self.codes.as_slice());
        let view = UpstreamView { codes, status: self.status, dialect: self.dialect.as_deref(), lenient: self.lenient };
        (view.codes.is_some() || view.status.is_some() || view.dialect.is_some() || view.lenient).then_some(view)
    }
}

/// [`Upstream`] as a shape writes it.
#[derive(Serialize)]
pub(crate) struct UpstreamView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    codes: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dialect: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    lenient: bool,
}

impl UpstreamView<'_> {
    /// The members it is written with (`tests::view_members_are_listed`).
    const MEMBERS: [&'static str; 4] = ["codes", "status", "dialect", "lenient"];
}

schema_as! {
    UpstreamView<'_> => Upstream;
}

/// What an error keeps of where it came from: an [`Upstream`] given whole,
/// or what a decoder found (the shape's name, the code as sent, the status
/// on the wire), made into the [`Upstream`] when it is first asked for. A
/// decode thus allocates neither the shape's name nor the list of codes,
/// which most callers never read.
#[derive(Clone, Debug, Default)]
pub(crate) enum Provenance {
    #[default]
    None,
    Given(Upstream),
    /// A decoder's findings, and the [`Upstream`] made of them on first read
    /// (boxed: the error stays about as large as with an [`Upstream`] inline).
    Decoded(Sent, OnceLock<Box<Upstream>>),
}

/// What [`Provenance`] keeps of a decode.
#[derive(Clone, Debug)]
pub(crate) struct Sent {
    dialect: &'static str,
    codes: SentCodes,
    status: Option<u16>,
}

/// The codes as sent: most decoders find one at most (kept without a list);
/// GitHub's, Google's and the list-shaped decoders find them all.
#[derive(Clone, Debug)]
enum SentCodes {
    /// A registered code sent as its own name is not copied until read.
    One(Option<Cow<'static, str>>),
    All(Vec<String>),
}

impl SentCodes {
    fn iter(&self) -> impl Iterator<Item = &str> {
        let (one, all) = match self {
            SentCodes::One(code) => (code.as_deref(), &[][..]),
            SentCodes::All(codes) => (None, codes.as_slice()),
        };
        one.into_iter().chain(all.iter().map(String::as_str))
    }

    fn into_vec(self) -> Vec<String> {
        match self {
            SentCodes::One(code) => code.into_iter().map(Cow::into_owned).collect(),
            SentCodes::All(codes) => codes,
        }
    }
}

impl Sent {
    fn upstream(&self) -> Upstream {
        Sent { codes: self.codes.clone(), ..*self }.into_upstream()
    }

    fn into_upstream(self) -> Upstream {
        Upstream { status: self.status, ..Upstream::new(self.dialect, self.codes.into_vec()) }
    }
}

impl Provenance {
    /// A decode in `dialect` (a name), with the code as sent and the status
    /// on the wire where it differs: `Upstream::new(dialect, code)` with its
    /// `status`, once read.
    pub(crate) fn decoded(dialect: &'static str, code: Option<Cow<'static, str>>, status: Option<u16>) -> Provenance {
        Provenance::Decoded(Sent { dialect, codes: SentCodes::One(code), status }, OnceLock::new())
    }

    /// A decode in `dialect` that kept every code as sent: `Upstream::new(dialect, codes)`
    /// with its `status`, once read.
    pub(crate) fn decoded_all(dialect: &'static str, codes: Vec<String>, status: Option<u16>) -> Provenance {
        Provenance::Decoded(Sent { dialect, codes: SentCodes::All(codes), status }, OnceLock::new())
    }

    pub(crate) fn get(&self) -> Option<&Upstream> {
        match self {
            Provenance::None => None,
            Provenance::Given(given) => Some(given),
            Provenance::Decoded(sent, made) => Some(made.get_or_init(|| Box::new(sent.upstream()))),
        }
    }

    /// Whether there are more than `count` upstream codes, or one longer
    /// than `bytes`, without making the [`Upstream`].
    pub(crate) fn codes_exceed(&self, count: usize, bytes: usize) -> bool {
        // Generic, not `dyn`: the check runs on every decode.
        fn exceed<'a>(codes: impl Iterator<Item = &'a str>, count: usize, bytes: usize) -> bool {
            codes.enumerate().any(|(i, c)| i >= count || c.len() > bytes)
        }
        match self {
            Provenance::None => false,
            Provenance::Given(given) => exceed(given.codes.iter().map(String::as_str), count, bytes),
            Provenance::Decoded(sent, _) => exceed(sent.codes.iter(), count, bytes),
        }
    }

    /// The [`Upstream`], mutably, created empty if there was nothing.
    pub(crate) fn get_mut(&mut self) -> &mut Upstream {
        let upstream = match std::mem::take(self) {
            Provenance::None => Upstream::default(),
            Provenance::Given(given) => given,
            Provenance::Decoded(sent, made) => made.into_inner().map_or_else(|| sent.into_upstream(), |made| *made),
        };
        *self = Provenance::Given(upstream);
        match self {
            Provenance::Given(given) => given,
            Provenance::None | Provenance::Decoded(..) => unreachable!("set just above"),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Upstream, UpstreamView};

    #[test]
    fn view_members_are_listed() {
        let codes = vec!["A".to_owned()];
        let view = UpstreamView { codes: Some(&codes), status: Some(422), dialect: Some("stripe"), lenient: true };
        let written = serde_json::to_value(&view).unwrap();
        let keys: Vec<&str> = written.as_object().unwrap().keys().map(String::as_str).collect();
        let mut listed = UpstreamView::MEMBERS.to_vec();
        listed.sort_unstable();
        assert_eq!(keys, listed);
    }

    #[test]
    fn carried_is_only_what_this_crate_writes() {
        let ours = json!({"codes": ["A"], "status": 422, "dialect": "stripe", "lenient": true});
        assert_eq!(Upstream::carried(&ours).unwrap().codes, ["A"]);
        assert!(Upstream::carried(&json!({"dialect": "problem"})).is_some());
        for other in [json!({}), json!({"host": "10.0.0.1"}), json!({"dialect": 7}), json!(["A"]), json!("x")] {
            assert!(Upstream::carried(&other).is_none(), "{other}");
        }
    }
}
