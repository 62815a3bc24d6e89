//! One typed parse for every shape: the members any supported dialect puts
//! at the top level, in its `error` object and in its item lists.
//!
//! Members whose JSON type differs between dialects (`error` is a string in
//! one and an object in others; `details` an object or an array; `errors` a
//! map or an array; `code` a string or an integer) are read by visitors that
//! dispatch on the token type, so nothing is buffered and nothing goes
//! through `serde_json::Value` except members that are free-form by
//! definition (extensions, a rejected value). Lists only one dialect reads
//! (bare's `details.issues`, Stripe's `error.fields`) are read typed too,
//! beside the members every shape reads, and so are the objects of an
//! `errors` item that only one dialect reads (GraphQL's `extensions`,
//! JSON:API's `meta` and `links`): their known members in slots, only
//! unknown extensions as values. A member no known name claims whose value
//! is a list of strings (DRF's field errors) is read as field violations
//! ([`MessageLists`]), and turned into a value only for the readers that
//! want one. Detection then looks at which members came.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::SeqAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::rpc::DEFAULT_DOMAIN;
use crate::{Code, CodeInfo, FieldViolation, HelpLink, ResourceRef};

/// A string or an integer: `code` and `status` are either, depending on the
/// dialect. Any other value (a fraction, a number out of range, a boolean, an
/// object) is [`Scalar::Other`]: the member is unusable, and dropped, but the
/// rest of the body still decodes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    Str(ScalarStr),
    Int(i64),
    Other,
}

/// The text of a string [`Scalar`]: a registered code's exact name (most
/// codes a body of this crate's shapes sends) is its row, nothing copied;
/// any other string is the one read. Reads, and compares, as a `&str`.
#[derive(Clone, Debug)]
pub(crate) enum ScalarStr {
    Owned(String),
    Registered(&'static CodeInfo),
}

impl ScalarStr {
    pub(crate) fn of(v: &str) -> ScalarStr {
        match Code::lookup(v) {
            Some(info) if info.name() == v => ScalarStr::Registered(info),
            _ => ScalarStr::Owned(v.to_owned()),
        }
    }

    pub(crate) fn into_string(self) -> String {
        match self {
            ScalarStr::Owned(s) => s,
            ScalarStr::Registered(info) => info.name().to_owned(),
        }
    }
}

impl PartialEq for ScalarStr {
    fn eq(&self, other: &ScalarStr) -> bool {
        **self == **other
    }
}

impl std::ops::Deref for ScalarStr {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            ScalarStr::Owned(s) => s,
            ScalarStr::Registered(info) => info.name(),
        }
    }
}

impl Scalar {
    #[allow(dead_code)]
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            Scalar::Int(_) | Scalar::Other => None,
        }
    }

    pub(crate) fn as_int(&self) -> Option<i64> {
        match self {
            Scalar::Int(n) => Some(*n),
            Scalar::Str(s) => s.trim().parse().ok(),
            Scalar::Other => None,
        }
    }

    pub(crate) fn into_string(self) -> String {
        match self {
            Scalar::Str(s) => s.into_string(),
            Scalar::Int(n) => n.to_string(),
            Scalar::Other => String::new(),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        Ok(match d.deserialize_any(TypedVisitor::<ScalarKind>::default())? {
            Typed::Ok(scalar) => scalar,
            Typed::Null | Typed::Other(_) => Scalar::Other,
        })
    }
}

/// A member read as its expected JSON type, or what came instead: a body of
/// another shape may use the name for something else (a DRF field named
/// `title` or `code`), so the value is kept for that shape, and the member's
/// typed slot stays empty.
#[derive(Debug)]
pub(crate) enum Typed<T> {
    Ok(T),
    Null,
    Other(Value),
}

impl<T> Typed<T> {
    /// Stores a typed value in `slot`; keeps any other value as the member `key` in `other`.
    #[inline(always)]
    fn store(self, slot: &mut Option<T>, key: std::borrow::Cow<'_, str>, other: &mut Vec<(String, Value)>) {
        match self {
            Typed::Ok(value) => *slot = Some(value),
            Typed::Null => {}
            Typed::Other(value) => other.push((key.into_owned(), value)),
        }
    }
}

/// What a [`Typed`] member expects.
trait Kind {
    type Value;
    const EXPECTING: &'static str;
    fn from_str(_: &str) -> Option<Self::Value> {
        None
    }
    fn from_i64(_: i64) -> Option<Self::Value> {
        None
    }
    fn from_bool(_: bool) -> Option<Self::Value> {
        None
    }
}

/// A string member.
struct StrKind;

impl Kind for StrKind {
    type Value = String;
    const EXPECTING: &'static str = "a string";
    fn from_str(v: &str) -> Option<String> {
        Some(v.to_owned())
    }
}

/// A string or whole-number member.
struct ScalarKind;

impl Kind for ScalarKind {
    type Value = Scalar;
    const EXPECTING: &'static str = "a string or an integer";
    fn from_str(v: &str) -> Option<Scalar> {
        Some(Scalar::Str(ScalarStr::of(v)))
    }
    fn from_i64(v: i64) -> Option<Scalar> {
        Some(Scalar::Int(v))
    }
}

/// A member read only as what came ([`Typed::Other`] or [`Typed::Null`]):
/// the forms a typed list member takes when it is not a list.
struct NoKind;

impl Kind for NoKind {
    type Value = std::convert::Infallible;
    const EXPECTING: &'static str = "any value";
}

/// What came, as it came: a value read by a `TypedVisitor::<NoKind>`.
fn as_value(typed: Typed<std::convert::Infallible>) -> Value {
    match typed {
        Typed::Ok(never) => match never {},
        Typed::Null => Value::Null,
        Typed::Other(value) => value,
    }
}

/// A boolean member.
struct BoolKind;

impl Kind for BoolKind {
    type Value = bool;
    const EXPECTING: &'static str = "a boolean";
    fn from_bool(v: bool) -> Option<bool> {
        Some(v)
    }
}

struct TypedVisitor<K>(std::marker::PhantomData<K>);

impl<K> Default for TypedVisitor<K> {
    fn default() -> Self {
        TypedVisitor(std::marker::PhantomData)
    }
}

impl<'de, K: Kind> Visitor<'de> for TypedVisitor<K> {
    type Value = Typed<K::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(K::EXPECTING)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(K::from_str(v).map_or_else(|| Typed::Other(Value::from(v)), Typed::Ok))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(K::from_i64(v).map_or_else(|| Typed::Other(Value::from(v)), Typed::Ok))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        match i64::try_from(v) {
            Ok(n) => self.visit_i64(n),
            Err(_) => Ok(Typed::Other(Value::from(v))),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Typed::Other(Value::from(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(K::from_bool(v).map_or_else(|| Typed::Other(Value::from(v)), Typed::Ok))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Typed::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Typed::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Typed::Other)
    }
}

macro_rules! typed_deserialize {
    ($($T:ty => $Kind:ty),*) => {$(
        impl<'de> Deserialize<'de> for Typed<$T> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(TypedVisitor::<$Kind>::default())
            }
        }
    )*};
}

typed_deserialize!(String => StrKind, Scalar => ScalarKind, bool => BoolKind);

/// A string member borrowed from the body where it has no escapes: for a
/// member that is mostly compared and dropped (RFC 9457's `title`, most
/// often the code's registered title), not kept.
impl<'de> Deserialize<'de> for Typed<Cow<'de, str>> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        fn owned<'de>(typed: Typed<String>) -> Typed<Cow<'de, str>> {
            match typed {
                Typed::Ok(s) => Typed::Ok(Cow::Owned(s)),
                Typed::Null => Typed::Null,
                Typed::Other(v) => Typed::Other(v),
            }
        }
        impl<'de> Visitor<'de> for V {
            type Value = Typed<Cow<'de, str>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(StrKind::EXPECTING)
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Typed::Ok(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Typed::Ok(Cow::Owned(v.to_owned())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                TypedVisitor::<StrKind>::default().visit_i64(v).map(owned)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                TypedVisitor::<StrKind>::default().visit_u64(v).map(owned)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                TypedVisitor::<StrKind>::default().visit_f64(v).map(owned)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                TypedVisitor::<StrKind>::default().visit_bool(v).map(owned)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Typed::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                TypedVisitor::<StrKind>::default().visit_seq(seq).map(owned)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                TypedVisitor::<StrKind>::default().visit_map(map).map(owned)
            }
        }
        d.deserialize_any(V)
    }
}

/// The top-level object of an error body, whatever its dialect, read from
/// the body `'de`.
#[derive(Debug, Default)]
pub(crate) struct AnyBody<'de> {
    pub success: Option<bool>,
    pub error: Option<ErrorMember>,
    /// The `error` object, read in place when `error` is [`ErrorMember::Object`].
    pub error_object: ErrorObject,
    pub errors: Option<ErrorsMember<'de>>,
    pub code: Option<Scalar>,
    pub message: Option<String>,
    pub details: Option<DetailsMember>,
    pub timestamp: Option<String>,
    pub request_id: Option<String>,
    // RFC 9457
    pub type_: Option<String>,
    /// Borrowed from the body where it can be: most often compared and dropped.
    pub title: Option<Cow<'de, str>>,
    pub status: Option<Scalar>,
    pub detail: Option<String>,
    pub instance: Option<String>,
    // GitHub, GraphQL, JSON:API
    pub documentation_url: Option<String>,
    pub has_data: bool,
    /// Set by the RFC 9457 decoder when the body carried this crate's
    /// `upstream` member: an error this crate wrote, whose extensions are
    /// not read again as codes, field errors or a retry hint.
    pub carries_upstream: bool,
    /// Set by the RFC 9457 decoder when the body has its own list of field
    /// errors, even an empty one: its other members are none.
    pub lists_fields: bool,
    pub meta: Option<Map<String, Value>>,
    /// Every other member, in order (RFC 9457 extensions, DRF field errors),
    /// but those in `lists` until [`AnyBody::lists_as_values`].
    pub other: Vec<(String, Value)>,
    /// The other members whose value is a list of strings (DRF's field
    /// errors), read typed: no `Value` per message, nor a list per member.
    /// Boxed at the first: most bodies have none.
    pub lists: Option<Box<MessageLists>>,
    /// The parse's [`Limits::max_fields`](crate::Limits::max_fields): the
    /// most messages read into `lists` (none before it is set).
    pub max_messages: usize,
}

/// The members of a body no known name claims whose value is a non-empty
/// list of strings, read as field violations in place: one per message, in
/// document order, with the member's name as its field (moved into its last
/// one) and no pointer yet. DRF's decoder takes them as they are; for every
/// other reader, [`AnyBody::lists_as_values`] puts them back among
/// [`AnyBody::other`] as values, where they came.
///
/// At most [`AnyBody::max_messages`] messages are read so: past them, a
/// member is kept as a value (its messages read so far turned back into
/// one), so memory stays that of the values.
///
/// Every member has at least one message: the members are there when
/// `violations` is not empty.
#[derive(Debug, Default)]
pub(crate) struct MessageLists {
    pub violations: Vec<FieldViolation>,
    /// How many members came first, each of one message and before every
    /// member of `other` (most bodies' every member): these are counted, not
    /// listed in `members`.
    ones: usize,
    /// Each later member: its place (how many members of `other` came
    /// before it) and the end of its messages in `violations`.
    members: Vec<(usize, usize)>,
}

impl MessageLists {
    /// Whether there is any member.
    pub(crate) fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// Notes a member whose messages end `violations`, after `at` members of `other`.
    #[inline]
    fn push_member(&mut self, at: usize) {
        let end = self.violations.len();
        if self.members.is_empty() && at == 0 && end == self.ones + 1 {
            self.ones += 1;
            return;
        }
        // A body with one list of messages mostly has more: room for
        // sixteen at once (a small block), not four, eight, sixteen.
        if self.members.capacity() == 0 {
            self.members.reserve_exact(crate::limits::MAX_PREALLOCATED_ITEMS);
        }
        self.members.push((at, end));
    }

    /// The violations, and each member's place and the end of its messages, in order.
    fn into_parts(self) -> (Vec<FieldViolation>, impl Iterator<Item = (usize, usize)>) {
        (self.violations, (1..=self.ones).map(|end| (0, end)).chain(self.members))
    }
}

/// A member no known name claims, as [`AnyBody::take_other`] hands it over.
pub(crate) enum Unclaimed<'a> {
    /// A member of [`AnyBody::lists`]: its field violations (the member's
    /// name is each one's field).
    Messages(&'a mut dyn Iterator<Item = FieldViolation>),
    /// A member of [`AnyBody::other`], as it came.
    Value(String, Value),
}

impl AnyBody<'_> {
    /// Whether the body has members no known name claims (in `other` or `lists`).
    pub(crate) fn has_other(&self) -> bool {
        !self.other.is_empty() || self.has_lists()
    }

    /// Whether a member is in `lists`.
    pub(crate) fn has_lists(&self) -> bool {
        self.lists.as_ref().is_some_and(|l| !l.is_empty())
    }

    /// Whether a member no known name claims has a name that `f` holds
    /// (those of `lists` asked once per message).
    pub(crate) fn any_other_name(&self, f: impl Fn(&str) -> bool) -> bool {
        self.other.iter().any(|(k, _)| f(k))
            || self.lists.as_ref().is_some_and(|l| l.violations.iter().any(|v| f(&v.field)))
    }

    /// Every member no known name claims, in document order, to `f`.
    pub(crate) fn take_other(&mut self, mut f: impl FnMut(Unclaimed<'_>)) {
        let (violations, members) = self.lists.take().map_or_else(MessageLists::default, |l| *l).into_parts();
        let mut values = std::mem::take(&mut self.other).into_iter();
        let mut violations = violations.into_iter();
        let (mut taken, mut start) = (0, 0);
        for (at, end) in members {
            values.by_ref().take(at - taken).for_each(|(k, v)| f(Unclaimed::Value(k, v)));
            f(Unclaimed::Messages(&mut violations.by_ref().take(end - start)));
            (taken, start) = (at, end);
        }
        values.for_each(|(k, v)| f(Unclaimed::Value(k, v)));
    }

    /// Puts the members of `lists` back among `other` as values, where
    /// they came: what every reader but DRF's decoder reads.
    #[inline]
    pub(crate) fn lists_as_values(&mut self) {
        if self.has_lists() {
            self.put_lists_back();
        }
    }

    #[cold]
    fn put_lists_back(&mut self) {
        let lists = self.lists.as_ref().map_or(0, |l| l.violations.len());
        let mut other = Vec::with_capacity(self.other.len() + lists);
        self.take_other(|member| match member {
            Unclaimed::Messages(messages) => {
                let mut name = String::new();
                let items = messages
                    .map(|v| {
                        name = v.field;
                        Value::String(v.message)
                    })
                    .collect();
                other.push((name, Value::Array(items)));
            }
            Unclaimed::Value(k, v) => other.push((k, v)),
        });
        self.other = other;
    }
}

/// `error`: a message string (flat dialect) or an error object (read into
/// [`AnyBody::error_object`], where it is parsed in place).
#[derive(Debug)]
pub(crate) enum ErrorMember {
    Message(String),
    Object,
}

/// `errors`: a map of field to messages (Laravel) or a list of error items.
#[derive(Debug)]
pub(crate) enum ErrorsMember<'de> {
    /// The map read in place: one violation per message, in order, the
    /// field's name moved into its last one (no list of messages per field).
    FieldMap(Vec<FieldViolation>, Texts),
    List(Vec<ErrorItem<'de>>),
}

/// Whether every value of a map of field errors was a text, not a list of
/// them (as one error's own members are; a field map's own are lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Texts {
    All,
    NotAll,
}

/// `details`: an object (free-form or canonical) or a list of items.
#[derive(Debug)]
pub(crate) enum DetailsMember {
    Object(Box<DetailsObject>),
    List(DetailItems),
}

/// A `details` list (detail-list, Google, Azure), read in place: each
/// item's `field`, `message` and `code` (as its text) straight into a field
/// violation; what an item has besides, by index. Most lists are of field
/// errors: nothing is moved or rebuilt for them.
#[derive(Debug, Default)]
pub(crate) struct DetailItems {
    /// One per item: `field` and `message` (empty when absent), `code` as
    /// the reason (a code of another type than a string or an integer as an
    /// empty one). An item without an entry in [`DetailItems::more`] has its
    /// pointer; one with an entry has none, and the decoder that keeps it
    /// derives it from the field it settles on.
    pub violations: Vec<FieldViolation>,
    /// What the items have besides, by index, in order: only items without
    /// a `field` or a `message` string, or with other members, have an entry.
    pub more: Vec<(usize, MoreDetail)>,
}

/// What an item of [`DetailItems`] has besides its field violation.
#[derive(Debug, Default)]
pub(crate) struct MoreDetail {
    /// Whether `field` and `message` came (as strings, not `null`).
    pub field: bool,
    pub message: bool,
    /// Azure's field.
    pub target: Option<String>,
    /// Whether the item's `code` was the error's own (the `error` object's
    /// string `code`, read before the list): its reason is then not read,
    /// and is `None` until [`DetailItems::settle_reasons`] (or a decoder
    /// that keeps it) gives it the error's code back.
    pub reason_is_code: bool,
    pub rare: Option<Box<RareDetail>>,
}

impl DetailItems {
    /// Gives the items whose `code` was the error's own
    /// ([`MoreDetail::reason_is_code`]) that code, `code`, as their reason.
    pub(crate) fn settle_reasons(&mut self, code: Option<&str>) {
        for (at, more) in &mut self.more {
            if std::mem::take(&mut more.reason_is_code) {
                self.violations[*at].reason = code.map(str::to_owned);
            }
        }
    }
}

impl MoreDetail {
    /// The `@type` of a Google typed detail.
    pub(crate) fn type_url(&self) -> Option<TypeUrl> {
        self.rare.as_ref()?.type_url
    }
}

macro_rules! google_types {
    (@prefix) => {
        "type.googleapis.com/google.rpc."
    };
    ($($Name:ident),* $(,)?) => {
        /// What the `@type` of each [`GoogleType`] starts with.
        const PREFIX: &str = google_types!(@prefix);

        /// A `google.rpc` detail type the Google dialect reads and writes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum GoogleType {
            $($Name,)*
        }

        impl GoogleType {
            /// Its `@type`: `type.googleapis.com/google.rpc.` and its name.
            pub(crate) const fn url(self) -> &'static str {
                match self {
                    $(GoogleType::$Name => concat!(google_types!(@prefix), stringify!($Name)),)*
                }
            }

            /// The type an `@type` names by its last part (after the last
            /// `.`, or all of it), if it is one of these.
            fn named_by(type_url: &str) -> Option<GoogleType> {
                // Most often the prefix the types are written with, then the name (which has no `.`).
                if let Some(named) = type_url.strip_prefix(PREFIX).and_then(GoogleType::named) {
                    return Some(named);
                }
                // Found byte by byte from the end: a `char` search costs more than a name's few bytes.
                GoogleType::named(type_url.bytes().rposition(|b| b == b'.').map_or(type_url, |dot| &type_url[dot + 1..]))
            }

            /// The type of a name.
            fn named(name: &str) -> Option<GoogleType> {
                match name {
                    $(stringify!($Name) => Some(GoogleType::$Name),)*
                    _ => None,
                }
            }
        }
    };
}

google_types!(
    ErrorInfo,
    BadRequest,
    RetryInfo,
    RequestInfo,
    ResourceInfo,
    Help,
    LocalizedMessage,
    QuotaFailure,
    PreconditionFailure,
);

/// A detail's `@type` (a string; any other type is refused, as for a
/// `String`): the [`GoogleType`] it names, if any. Nothing else of it is
/// kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TypeUrl(pub Option<GoogleType>);

impl<'de> Deserialize<'de> for TypeUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TypeUrl, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TypeUrl;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(StrKind::EXPECTING)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TypeUrl, E> {
                Ok(TypeUrl(GoogleType::named_by(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// The nested `error` object of the canonical, nested, detail-list, Google,
/// Azure and Stripe dialects.
#[derive(Debug, Default)]
pub(crate) struct ErrorObject {
    pub code: Option<Scalar>,
    pub status: Option<Scalar>,
    pub message: Option<String>,
    pub details: Option<DetailsMember>,
    pub request_id: Option<String>,
    pub timestamp: Option<String>,
    pub docs_url: Option<String>,
    /// Stripe's and Azure's own members, boxed: most bodies have none.
    pub more: Option<Box<MoreError>>,
    pub other: Vec<(String, Value)>,
}

/// The less common members of an [`ErrorObject`].
#[derive(Debug, Default)]
pub(crate) struct MoreError {
    pub type_: Option<String>,
    pub param: Option<String>,
    pub target: Option<String>,
    /// Azure's `innererror` (or `innerError`), of any type.
    pub innererror: Option<InnerMember>,
    /// Stripe's `fields`, when it is a list (any other form stays in [`ErrorObject::other`]).
    pub fields: Option<Bounded<MaybeViolation>>,
}

impl ErrorObject {
    fn more(&mut self) -> &mut MoreError {
        self.more.get_or_insert_with(Box::default)
    }

    /// Takes the less common members out, empty if there were none.
    pub(crate) fn take_more(&mut self) -> MoreError {
        self.more.take().map(|m| *m).unwrap_or_default()
    }
}

/// Azure's `innererror`: an object, read as [`InnerError`], or a value of
/// another type (read as a value and dropped).
#[derive(Debug)]
pub(crate) enum InnerMember {
    Object(InnerError),
    Other,
}

/// An `innererror` object, as a map of its members would have it (the last
/// of a repeated name counts): the retry hint and the timestamp typed where
/// they are of the type the decoder reads them as (a whole number of
/// seconds, a string), and every other member, of these names too where
/// they are of another type, by name.
#[derive(Debug, Default)]
pub(crate) struct InnerError {
    pub retry_after: Option<u64>,
    pub timestamp: Option<String>,
    pub other: Map<String, Value>,
}

impl<'de> Deserialize<'de> for InnerMember {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<InnerMember, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = InnerMember;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InnerMember, A::Error> {
                let mut out = InnerError::default();
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match &*key {
                        "timestamp" => match map.next_value::<Typed<String>>()? {
                            Typed::Ok(timestamp) => {
                                out.timestamp = Some(timestamp);
                                out.other.remove("timestamp");
                            }
                            Typed::Null => {
                                out.timestamp = None;
                                out.other.insert(key.into_owned(), Value::Null);
                            }
                            Typed::Other(value) => {
                                out.timestamp = None;
                                out.other.insert(key.into_owned(), value);
                            }
                        },
                        "retry_after" => match map.next_value::<Value>()? {
                            value if value.is_u64() => {
                                out.retry_after = value.as_u64();
                                out.other.remove("retry_after");
                            }
                            value => {
                                out.retry_after = None;
                                out.other.insert(key.into_owned(), value);
                            }
                        },
                        _ => {
                            out.other.insert(key.into_owned(), map.next_value()?);
                        }
                    }
                }
                Ok(InnerMember::Object(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<InnerMember, A::Error> {
                Value::deserialize(SeqAccessDeserializer::new(seq)).map(|_| InnerMember::Other)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<InnerMember, E> {
                Ok(InnerMember::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<InnerMember, E> {
                Ok(InnerMember::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<InnerMember, E> {
                Ok(InnerMember::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<InnerMember, E> {
                Ok(InnerMember::Other)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<InnerMember, E> {
                Ok(InnerMember::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// A `details` object: canonical members typed, the rest kept in order.
#[derive(Debug, Default)]
pub(crate) struct DetailsObject {
    pub fields: Option<Bounded<FieldViolation>>,
    pub retry_after: Option<Scalar>,
    pub resource: Option<ResourceRef>,
    /// Bare's `issues`, when it is a list (the last such member; earlier
    /// ones, and any other form, stay in `other`). The shapes that keep it
    /// as an extension take it back with [`Issues::to_value`].
    pub issues: Option<Issues>,
    /// One field problem as the nested and flat shapes write it (`field`,
    /// `reason`, `message`), when texts: read typed, so that no member is
    /// built for them; [`DetailsObject::untyped`] puts back among `other`
    /// those a shape does not take.
    pub field: Option<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub other: Vec<(String, Value)>,
}

impl DetailsObject {
    /// Puts the typed members of one field problem a shape did not take
    /// back among the other members.
    pub(crate) fn untyped(&mut self) {
        for (name, slot) in [("field", &mut self.field), ("reason", &mut self.reason), ("message", &mut self.message)] {
            if let Some(text) = slot.take() {
                self.other.push((name.to_owned(), Value::String(text)));
            }
        }
    }

    /// Whether it holds a typed member of one field problem.
    pub(crate) fn has_single(&self) -> bool {
        self.field.is_some() || self.reason.is_some() || self.message.is_some()
    }
}

/// Bare's `details.issues` list, read typed and without loss: each item as
/// the field violation bare reads from it, and what an item that is not a
/// plain issue object has besides, so that the list can become again the
/// value it was ([`Issues::to_value`]).
#[derive(Debug, Default)]
pub(crate) struct Issues {
    /// Each item as bare reads it: `field`, `message`, `code` as the reason,
    /// `value` as the rejected value, `expected` (a placeholder for an item
    /// that is no object).
    pub violations: Vec<FieldViolation>,
    /// By index, what else the items are that are not objects of a
    /// `field` and a `message` string (and at most a string `code`, a
    /// `value` and an `expected` string).
    pub unlike: Vec<(usize, Unlike)>,
}

/// What an item of [`Issues`] is besides its field violation.
#[derive(Debug)]
pub(crate) enum Unlike {
    /// No object: the item as it came.
    NotObject(Value),
    /// An object without `field` or `message` strings, with an integer
    /// `code`, or with other members (or these of other types), kept as
    /// they came.
    Object { field: bool, message: bool, int_code: Option<i64>, other: Vec<(String, Value)> },
}

impl Issues {
    /// Whether every item is an object of bare's own members, each of the
    /// type bare gives it: then [`Issues::violations`] is all there is to read.
    pub(crate) fn are_bare(&self) -> bool {
        self.unlike.iter().all(|(_, u)| matches!(u, Unlike::Object { other, .. } if other.is_empty()))
    }

    /// The list as it came.
    pub(crate) fn to_value(&self) -> Value {
        let mut unlike = self.unlike.iter().peekable();
        let items = self.violations.iter().enumerate().map(|(at, v)| {
            let this = unlike.next_if(|(i, _)| *i == at).map(|(_, u)| u);
            let (field, message, int_code, other) = match this {
                Some(Unlike::NotObject(value)) => return value.clone(),
                Some(Unlike::Object { field, message, int_code, other }) => (*field, *message, *int_code, &other[..]),
                None => (true, true, None, &[][..]),
            };
            let mut out = Map::new();
            if field {
                out.insert("field".to_owned(), Value::String(v.field.clone()));
            }
            if message {
                out.insert("message".to_owned(), Value::String(v.message.clone()));
            }
            match (int_code, &v.reason) {
                (Some(n), _) => out.insert("code".to_owned(), Value::from(n)),
                (None, Some(code)) => out.insert("code".to_owned(), Value::String(code.clone())),
                (None, None) => None,
            };
            if let Some(value) = &v.rejected_value {
                out.insert("value".to_owned(), value.clone());
            }
            if let Some(expected) = &v.expected {
                out.insert("expected".to_owned(), Value::String(expected.clone()));
            }
            for (key, value) in other {
                out.insert(key.clone(), value.clone());
            }
            Value::Object(out)
        });
        Value::Array(items.collect())
    }
}

/// Which of bare's members an issue object had with the types it gives them
/// (`field`, `message`, `expected` strings, `code` a string or an integer,
/// `value` anything), read straight into its field violation by
/// [`Issues::read_object`]; every other member, and any of these of another
/// type, kept as it came in `other`. A member is in one of the two places
/// only (the last of a repeated name counts).
#[derive(Default)]
struct IssueMembers {
    field: bool,
    message: bool,
    code: bool,
    expected: bool,
    value: bool,
    /// The `code`, when it came as an integer.
    int_code: Option<i64>,
    other: Vec<(String, Value)>,
}

impl IssueMembers {
    /// A member read as `typed`: its value, or `None` with the member kept as
    /// it came in `other`.
    #[inline(always)]
    fn kept<T>(&mut self, typed: Typed<T>, key: Cow<'_, str>) -> Option<T> {
        match typed {
            // An earlier member of the name kept in `other` is dropped once,
            // in `finish`: dropping it here would cost a pass per repeat.
            Typed::Ok(value) => Some(value),
            Typed::Null => {
                self.other.push((key.into_owned(), Value::Null));
                None
            }
            Typed::Other(value) => {
                self.other.push((key.into_owned(), value));
                None
            }
        }
    }

    /// What else the issue is besides its field violation, if anything.
    #[inline]
    fn finish(mut self) -> Option<Unlike> {
        // The last of a repeated name counts: where it was typed, the
        // earlier ones kept as they came go (one pass, whatever the repeats).
        if !self.other.is_empty() {
            let typed = [
                ("field", self.field),
                ("message", self.message),
                ("code", self.code),
                ("expected", self.expected),
                ("value", self.value),
            ];
            self.other.retain(|(k, _)| !typed.iter().any(|(name, kept)| *kept && k == name));
        }
        let unlike = !self.field || !self.message || self.int_code.is_some() || !self.other.is_empty();
        if !unlike {
            return None;
        }
        Some(Unlike::Object { field: self.field, message: self.message, int_code: self.int_code, other: self.other })
    }
}

/// An item of Stripe's `error.fields`: the field violation it is, or `None`
/// where `FieldViolation`'s own `Deserialize` would refuse it (the decoder
/// then drops the list, as a whole).
#[derive(Debug)]
pub(crate) struct MaybeViolation(pub Option<FieldViolation>);

/// Takes the member `key` out of a list of members, if it is there.
pub(crate) fn take_member(members: &mut Vec<(String, Value)>, key: &str) -> Option<Value> {
    let at = members.iter().position(|(k, _)| k == key)?;
    Some(members.remove(at).1)
}

/// Takes the string member `key` out; a member of another type stays.
pub(crate) fn take_string_member(members: &mut Vec<(String, Value)>, key: &str) -> Option<String> {
    let at = members.iter().position(|(k, v)| k == key && v.is_string())?;
    match members.remove(at).1 {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// An item of an `issues` list of another form than bare's own, read from
/// its value (a `details` list is read in place, as [`DetailItems`]; its
/// items accept and refuse what these do).
///
/// Kept small: the members only Google's typed details and path-style
/// issues use live behind one box that most bodies never allocate.
#[derive(Debug, Default)]
pub(crate) struct DetailItem {
    pub field: Option<String>,
    pub message: Option<String>,
    pub code: Option<Scalar>,
    pub rare: Option<Box<RareDetail>>,
}

/// The less common members of a [`DetailItem`].
#[derive(Debug, Default)]
pub(crate) struct RareDetail {
    pub reason: Option<String>,
    pub description: Option<String>,
    pub type_url: Option<TypeUrl>,
    pub path: Option<Vec<Scalar>>,
    /// ErrorInfo's `domain`, unless it is the default one ([`DEFAULT_DOMAIN`]).
    pub domain: Option<String>,
    pub metadata: Option<Map<String, Value>>,
    pub field_violations: Option<GoogleViolations>,
    pub retry_delay: Option<String>,
    pub request_id: Option<String>,
    pub resource_type: Option<String>,
    pub resource_name: Option<String>,
    /// Help's `links`, where they are links ([`HelpLinks`]).
    pub links: Option<Vec<HelpLink>>,
    /// QuotaFailure's and PreconditionFailure's `violations`.
    pub violations: Option<Value>,
    pub locale: Option<String>,
}

/// Reads the member `key` of a details item into its rarer members (`rare`,
/// boxed on first use) if it is one of them; `false` if it is not.
fn read_rare_member<'de, A: MapAccess<'de>>(
    key: &str,
    map: &mut A,
    rare: &mut Option<Box<RareDetail>>,
) -> Result<bool, A::Error> {
    fn boxed(rare: &mut Option<Box<RareDetail>>) -> &mut RareDetail {
        rare.get_or_insert_with(Box::default)
    }
    match key {
        "reason" => boxed(rare).reason = map.next_value()?,
        "description" => boxed(rare).description = map.next_value()?,
        "@type" => boxed(rare).type_url = map.next_value()?,
        "path" => boxed(rare).path = map.next_value()?,
        "domain" => {
            // Compared where it is borrowed: the default domain is not kept.
            let domain = map.next_value::<Option<Text<'de>>>()?.map(|d| d.0);
            boxed(rare).domain = domain.filter(|d| d != DEFAULT_DOMAIN).map(Cow::into_owned);
        }
        "metadata" => boxed(rare).metadata = map.next_value()?,
        "fieldViolations" => boxed(rare).field_violations = map.next_value()?,
        "retryDelay" => boxed(rare).retry_delay = map.next_value()?,
        "requestId" => boxed(rare).request_id = map.next_value()?,
        "resourceType" => boxed(rare).resource_type = map.next_value()?,
        "resourceName" => boxed(rare).resource_name = map.next_value()?,
        "links" => boxed(rare).links = map.next_value::<HelpLinks>()?.0,
        "violations" => boxed(rare).violations = map.next_value()?,
        "locale" => boxed(rare).locale = map.next_value()?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// `google.rpc.BadRequest.FieldViolation`, as its derived `Deserialize`
/// reads it: what [`GoogleViolations`] accepts and refuses of an item (and
/// how it reads an item given as a list).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(crate) struct GoogleFieldViolation {
    pub field: String,
    pub description: String,
    pub reason: Option<String>,
}

/// The members of a [`GoogleFieldViolation`].
const GOOGLE_FIELD_VIOLATION_MEMBERS: &[&str] = &["field", "description", "reason"];

/// `BadRequest.fieldViolations` (a list, within the [`FieldBudget`]), each
/// item read in place as the field violation it is: `field`, `description`
/// as the message, `reason`, and the pointer. An item accepts and refuses
/// what [`GoogleFieldViolation`] does: an object of these members (others
/// skipped, one of them repeated refused), or a list of them in that order.
#[derive(Debug, Default)]
pub(crate) struct GoogleViolations(pub Vec<FieldViolation>);

impl<'de> Deserialize<'de> for GoogleViolations {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<GoogleViolations, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = GoogleViolations;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<GoogleViolations, A::Error> {
                // As `bounded_seq`, each item read in place at the end of the list.
                let mut out = Vec::new();
                loop {
                    if FieldBudget::left() {
                        if seq.next_element_seed(GoogleViolationSeed(&mut out))?.is_none() {
                            return Ok(GoogleViolations(out));
                        }
                        FieldBudget::spend();
                    } else if seq.next_element::<IgnoredAny>()?.is_none() {
                        return Ok(GoogleViolations(out));
                    }
                }
            }
        }
        d.deserialize_seq(V)
    }
}

/// Reads an item of [`GoogleViolations`] onto the end of its list, in place.
struct GoogleViolationSeed<'a>(&'a mut Vec<FieldViolation>);

impl<'de> serde::de::DeserializeSeed<'de> for GoogleViolationSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        struct V<'a>(&'a mut Vec<FieldViolation>);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("struct GoogleFieldViolation")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                let v = push_in_place(self.0, FieldViolation::blank);
                let mut seen = [false; 3];
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    let Some(at) = GOOGLE_FIELD_VIOLATION_MEMBERS.iter().position(|m| *m == key) else {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    };
                    if std::mem::replace(&mut seen[at], true) {
                        return Err(de::Error::duplicate_field(GOOGLE_FIELD_VIOLATION_MEMBERS[at]));
                    }
                    match at {
                        0 => v.field = map.next_value()?,
                        1 => v.message = map.next_value()?,
                        _ => v.reason = map.next_value()?,
                    }
                }
                v.pointer = crate::path::to_pointer(&v.field);
                Ok(())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
                let GoogleFieldViolation { field, description, reason } =
                    GoogleFieldViolation::deserialize(SeqAccessDeserializer::new(seq))?;
                room_for_one(self.0);
                let mut v = FieldViolation::new(field, description);
                v.reason = reason;
                self.0.push(v);
                Ok(())
            }
        }
        d.deserialize_struct("GoogleFieldViolation", GOOGLE_FIELD_VIOLATION_MEMBERS, V(self.0))
    }
}

/// Help's `links`: the links where the member is a list of what
/// [`HelpLink`]'s derived `Deserialize` reads from a value (each an object
/// whose `description` and `url`, where they come, are strings, or a list
/// of at most these two strings), else `None`, which leaves the error
/// without links. Whatever is not read as a link is read as a value (and
/// dropped): a body is refused where a value in its place would be.
pub(crate) struct HelpLinks(pub Option<Vec<HelpLink>>);

impl<'de> Deserialize<'de> for HelpLinks {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<HelpLinks, D::Error> {
        match d.deserialize_any(ListVisitor::<HelpLinks>(std::marker::PhantomData))? {
            Typed::Ok(links) => Ok(HelpLinks(links)),
            Typed::Null | Typed::Other(_) => Ok(HelpLinks(None)),
        }
    }
}

impl<'de> ReadList<'de> for HelpLinks {
    type Out = Option<Vec<HelpLink>>;
    fn read<A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Vec<HelpLink>>, A::Error> {
        let mut links = Some(Vec::new());
        // Every item is read, a link or not: the rest of the body follows.
        while let Some(LinkItem(link)) = seq.next_element()? {
            match (&mut links, link) {
                (Some(list), Some(link)) => list.push(link),
                _ => links = None,
            }
        }
        Ok(links)
    }
}

/// An item of [`HelpLinks`]: the link, or `None` where it is none.
struct LinkItem(Option<HelpLink>);

impl<'de> Deserialize<'de> for LinkItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<LinkItem, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LinkItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LinkItem, A::Error> {
                // As in a map of values, the last of a repeated name counts.
                let (mut description, mut url) = (Some(String::new()), Some(String::new()));
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match &*key {
                        "description" => description = string(map.next_value()?),
                        "url" => url = string(map.next_value()?),
                        _ => {
                            map.next_value::<Value>()?;
                        }
                    }
                }
                Ok(LinkItem(description.zip(url).map(|(description, url)| HelpLink::new(description, url))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LinkItem, A::Error> {
                let mut parts = [Some(String::new()), Some(String::new())];
                let mut count = 0;
                while let Some(part) = seq.next_element::<Typed<String>>()? {
                    if let Some(slot) = parts.get_mut(count) {
                        *slot = string(part);
                    }
                    count += 1;
                }
                let [description, url] = parts;
                let link = description.zip(url).filter(|_| count <= 2);
                Ok(LinkItem(link.map(|(description, url)| HelpLink::new(description, url))))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<LinkItem, E> {
                Ok(LinkItem(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<LinkItem, E> {
                Ok(LinkItem(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<LinkItem, E> {
                Ok(LinkItem(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<LinkItem, E> {
                Ok(LinkItem(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<LinkItem, E> {
                Ok(LinkItem(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<LinkItem, E> {
                Ok(LinkItem(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// An item of an `errors` list: JSON:API, GraphQL and GitHub, read from
/// the body `'a`.
///
/// The members a decoder mostly compares or drops (`id`, `status`, `code`,
/// `title`, `links.about`) are borrowed from the body where they have no
/// escapes; GraphQL's `extensions` and JSON:API's `meta` are read typed
/// ([`Extensions`], [`ItemMeta`], [`Links`]). Each member accepts and
/// refuses what an owned string or a free-form value or map in its place
/// would: the same bodies are refused (a repeated member, `title` a
/// number, `extensions` a string), and go to the lenient reader.
///
/// An object item is read in place by [`ErrorItem::fill`], which reads the
/// members `error_item_members!` lists as the derived `Deserialize` would
/// (a member added here is listed there too); the derived one reads an
/// item given as a list.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(crate) struct ErrorItem<'a> {
    #[serde(borrow)]
    pub id: Option<CowScalar<'a>>,
    #[serde(borrow)]
    pub status: Option<CowScalar<'a>>,
    #[serde(borrow)]
    pub code: Option<CowScalar<'a>>,
    #[serde(borrow)]
    pub title: Option<Text<'a>>,
    pub detail: Option<String>,
    pub source: Option<JsonApiSource>,
    /// JSON:API `links` (`about`).
    #[serde(borrow)]
    pub links: Option<Links<'a>>,
    pub meta: Option<ItemMeta>,
    pub message: Option<String>,
    pub locations: Option<IgnoredAny>,
    pub path: Option<Vec<Scalar>>,
    #[serde(borrow)]
    pub extensions: Option<Extensions<'a>>,
    pub resource: Option<String>,
    pub category: Option<String>,
    pub field: Option<String>,
    pub pointer: Option<String>,
    pub reason: Option<String>,
    pub rejected_value: Option<Value>,
    pub expected: Option<String>,
    /// A member none of the above, named as the vocabulary names a code or
    /// a message (`errorCode`, `description`): a shape that reads only these
    /// would drop it.
    #[serde(skip)]
    pub unread: bool,
}

/// Declares how [`ErrorItem::fill`] reads each member: the derived
/// `Deserialize` does (each member read as its field's type, a repeated one
/// refused, an unknown one skipped), into an item already in its list.
macro_rules! error_item_members {
    ($($at:literal $name:literal => $field:ident,)*) => {
        /// The members of an [`ErrorItem`], in order.
        const ERROR_ITEM_MEMBERS: &[&str] = &[$($name),*];

        impl<'de> ErrorItem<'de> {
            /// Reads the members of an item's object into `out`, in place.
            fn fill<A: MapAccess<'de>>(out: &mut ErrorItem<'de>, mut map: A) -> Result<(), A::Error> {
                // The members seen, one bit each, by their place above.
                let mut seen = 0u32;
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match &*key {
                        $($name => {
                            if seen & (1 << $at) != 0 {
                                return Err(de::Error::duplicate_field($name));
                            }
                            seen |= 1 << $at;
                            out.$field = map.next_value()?;
                        })*
                        other => {
                            out.unread |= unread_item_member(other);
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(())
            }
        }
    };
}

/// Whether an item's member no list shape reads is one the vocabulary
/// reads: a code or a message under another name (`errorCode`,
/// `description`), or the field it is about (`property`, `attribute`).
/// Out of line: the items of the shapes' own bodies have none.
#[cold]
#[inline(never)]
fn unread_item_member(name: &str) -> bool {
    super::vocab::names_code(name) || super::vocab::names_message(name) || super::vocab::names_item_field(name)
}

error_item_members! {
    0 "id" => id,
    1 "status" => status,
    2 "code" => code,
    3 "title" => title,
    4 "detail" => detail,
    5 "source" => source,
    6 "links" => links,
    7 "meta" => meta,
    8 "message" => message,
    9 "locations" => locations,
    10 "path" => path,
    11 "extensions" => extensions,
    12 "resource" => resource,
    13 "category" => category,
    14 "field" => field,
    15 "pointer" => pointer,
    16 "reason" => reason,
    17 "rejected_value" => rejected_value,
    18 "expected" => expected,
}

/// Reads an item of an `errors` list onto the end of the list, in place:
/// an item is large, and moving it from parse to list costs more than
/// reading most of its members. An object is read by [`ErrorItem::fill`];
/// any other form as the derived `Deserialize` reads it (a list, its
/// members in order).
struct ItemSeed<'a, 'de>(&'a mut Vec<ErrorItem<'de>>);

impl<'de> serde::de::DeserializeSeed<'de> for ItemSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        struct V<'a, 'de>(&'a mut Vec<ErrorItem<'de>>);
        impl<'de> Visitor<'de> for V<'_, 'de> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("struct ErrorItem")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
                ErrorItem::fill(push_in_place(self.0, ErrorItem::default), map)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
                self.0.push(ErrorItem::deserialize(SeqAccessDeserializer::new(seq))?);
                Ok(())
            }
        }
        d.deserialize_struct("ErrorItem", ERROR_ITEM_MEMBERS, V(self.0))
    }
}

/// A [`Scalar`] borrowed from the body where it has no escapes: an item's
/// `id`, `status` and `code`, of which a decoder keeps the first (and
/// compares the codes).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CowScalar<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Other,
}

impl CowScalar<'_> {
    /// The owned [`Scalar`].
    pub(crate) fn into_scalar(self) -> Scalar {
        match self {
            CowScalar::Str(s) => Scalar::Str(ScalarStr::Owned(s.into_owned())),
            CowScalar::Int(n) => Scalar::Int(n),
            CowScalar::Other => Scalar::Other,
        }
    }

    /// As [`Scalar::as_int`].
    pub(crate) fn as_int(&self) -> Option<i64> {
        match self {
            CowScalar::Int(n) => Some(*n),
            CowScalar::Str(s) => s.trim().parse().ok(),
            CowScalar::Other => None,
        }
    }
}

/// As [`Scalar`]'s: any value but a string or an integer is [`CowScalar::Other`].
impl<'de: 'a, 'a> Deserialize<'de> for CowScalar<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CowScalar<'a>, D::Error> {
        struct V;
        fn other<'a>(typed: Typed<Scalar>) -> CowScalar<'a> {
            match typed {
                Typed::Ok(scalar) => scalar.into(),
                Typed::Null | Typed::Other(_) => CowScalar::Other,
            }
        }
        impl<'de> Visitor<'de> for V {
            type Value = CowScalar<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(ScalarKind::EXPECTING)
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(CowScalar::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CowScalar::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                TypedVisitor::<ScalarKind>::default().visit_i64(v).map(other)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                TypedVisitor::<ScalarKind>::default().visit_u64(v).map(other)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                TypedVisitor::<ScalarKind>::default().visit_f64(v).map(other)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                TypedVisitor::<ScalarKind>::default().visit_bool(v).map(other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(CowScalar::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                TypedVisitor::<ScalarKind>::default().visit_seq(seq).map(other)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                TypedVisitor::<ScalarKind>::default().visit_map(map).map(other)
            }
        }
        d.deserialize_any(V)
    }
}

impl From<Scalar> for CowScalar<'_> {
    fn from(scalar: Scalar) -> Self {
        match scalar {
            Scalar::Str(s) => CowScalar::Str(match s {
                ScalarStr::Owned(s) => Cow::Owned(s),
                ScalarStr::Registered(info) => Cow::Borrowed(info.name()),
            }),
            Scalar::Int(n) => CowScalar::Int(n),
            Scalar::Other => CowScalar::Other,
        }
    }
}

/// A string member borrowed from the body where it has no escapes; any
/// other type is refused, as for a `String`.
#[derive(Debug)]
pub(crate) struct Text<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(StrKind::EXPECTING)
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// JSON:API `links`, of any type: what a decoder reads of it, the `about`
/// link (a string, or an object's `href` string; the last of a repeated
/// name counts, as in a map). Every other member is read as a value and
/// dropped.
#[derive(Debug, Default)]
pub(crate) struct Links<'a> {
    pub about: Option<Cow<'a, str>>,
}

/// A link: a string, or the `href` string of a link object.
struct Link<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Link<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Link<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Link<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a link")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Link<'de>, E> {
                Ok(Link(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Link<'de>, E> {
                Ok(Link(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Link<'de>, A::Error> {
                let mut href = None;
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match &*key {
                        "href" => {
                            href = match map.next_value::<Typed<Cow<'de, str>>>()? {
                                Typed::Ok(s) => Some(s),
                                Typed::Null | Typed::Other(_) => None,
                            }
                        }
                        _ => {
                            map.next_value::<Value>()?;
                        }
                    }
                }
                Ok(Link(href))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Link<'de>, E> {
                Ok(Link(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Link<'de>, E> {
                Ok(Link(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Link<'de>, E> {
                Ok(Link(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Link<'de>, E> {
                Ok(Link(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Link<'de>, E> {
                Ok(Link(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Link<'de>, A::Error> {
                Value::deserialize(SeqAccessDeserializer::new(seq)).map(|_| Link(None))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Links<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Links<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Links<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Links<'de>, A::Error> {
                let mut about = None;
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match &*key {
                        "about" => about = map.next_value::<Link<'de>>()?.0,
                        _ => {
                            map.next_value::<Value>()?;
                        }
                    }
                }
                Ok(Links { about })
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Links<'de>, E> {
                Ok(Links::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Links<'de>, E> {
                Ok(Links::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Links<'de>, E> {
                Ok(Links::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Links<'de>, E> {
                Ok(Links::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Links<'de>, E> {
                Ok(Links::default())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Links<'de>, E> {
                Ok(Links::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Links<'de>, A::Error> {
                Value::deserialize(SeqAccessDeserializer::new(seq)).map(|_| Links::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// A JSON:API item's `meta` (an object): what a decoder reads of it, the
/// field's `reason`, `expected` and the `request_id` where they are strings
/// and its `rejected_value` as it came (`null` included); the last of a repeated
/// name counts, as in a map. A member that reads as a retry hint
/// ([`reads_as_hint`](crate::retry::reads_as_hint): `retry_in`, `waitMs`)
/// is kept for the decoder to read; every other member is read as a value
/// and dropped.
#[derive(Debug, Default)]
pub(crate) struct ItemMeta {
    pub reason: Option<String>,
    pub expected: Option<String>,
    /// The request the item's error came from (`request_id`, `requestId`).
    pub request_id: Option<String>,
    /// The rarer members, in one box (most items have none of them).
    pub rare: Option<Box<RareItemMeta>>,
}

/// The members of an [`ItemMeta`] most items do not have.
#[derive(Debug, Default)]
pub(crate) struct RareItemMeta {
    pub rejected_value: Option<Value>,
    /// The members that read as a retry hint.
    pub retry_hints: serde_json::Map<String, Value>,
}

impl ItemMeta {
    fn rare(&mut self) -> &mut RareItemMeta {
        self.rare.get_or_insert_with(Box::default)
    }

    /// The rejected value, if the item gave one (`null` included).
    pub(crate) fn take_rejected_value(&mut self) -> Option<Value> {
        self.rare.as_mut()?.rejected_value.take()
    }

    /// The members that read as a retry hint, if any.
    pub(crate) fn retry_hints(&self) -> Option<&serde_json::Map<String, Value>> {
        self.rare.as_ref().map(|r| &r.retry_hints)
    }
}

/// A string member's value, or `None` where it came as another type.
fn string(typed: Typed<String>) -> Option<String> {
    match typed {
        Typed::Ok(s) => Some(s),
        Typed::Null | Typed::Other(_) => None,
    }
}

impl<'de> Deserialize<'de> for ItemMeta {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ItemMeta, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ItemMeta;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ItemMeta, A::Error> {
                let mut out = ItemMeta::default();
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match &*key {
                        "reason" => out.reason = string(map.next_value()?),
                        "rejected_value" => out.rare().rejected_value = Some(map.next_value()?),
                        "expected" => out.expected = string(map.next_value()?),
                        "request_id" | "requestId" => out.request_id = string(map.next_value()?),
                        other => {
                            let value = map.next_value::<Value>()?;
                            if crate::retry::reads_as_hint(other, &value) {
                                out.rare().retry_hints.insert(other.to_owned(), value);
                            }
                        }
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

/// A GraphQL item's `extensions` (an object), read as a map of them would
/// be and then asked for its members: the members a decoder reads as
/// strings (`code`, `field`, `reason`, and in [`MoreExtensions`]
/// `classification`, `request_id`, `timestamp`, `expected`) are in their
/// slots where the last of the name is a string, else as they came in
/// [`MoreExtensions::rest`]; `status` and `rejected_value` are kept as
/// they came (`null` included); every other member is in `rest`. A name is
/// in one place only.
///
/// Kept small: what a field item has besides its code, field and reason
/// lives behind one box that most items never allocate.
#[derive(Debug, Default)]
pub(crate) struct Extensions<'a> {
    pub code: Option<Cow<'a, str>>,
    pub field: Option<String>,
    pub reason: Option<String>,
    pub more: Option<Box<MoreExtensions<'a>>>,
}

/// The less common members of [`Extensions`].
#[derive(Debug, Default)]
pub(crate) struct MoreExtensions<'a> {
    pub classification: Option<Cow<'a, str>>,
    pub request_id: Option<String>,
    pub timestamp: Option<String>,
    pub expected: Option<String>,
    pub status: Option<Value>,
    pub rejected_value: Option<Value>,
    /// Every other member, and those read as strings that came as another type.
    pub rest: Map<String, Value>,
    /// The names in `rest` that name a code (`errorType`, `errorCode`), in
    /// document order, which `rest` does not keep.
    pub code_names: Vec<String>,
}

impl<'a> Extensions<'a> {
    fn more(&mut self) -> &mut MoreExtensions<'a> {
        self.more.get_or_insert_with(Box::default)
    }

    /// Takes the less common members out, empty if there were none.
    pub(crate) fn take_more(&mut self) -> MoreExtensions<'a> {
        self.more.take().map(|m| *m).unwrap_or_default()
    }

    /// Keeps a string member read as `typed`: in its slot, or as it came in
    /// `rest` (where an earlier member of the name goes, in one lookup).
    fn keep<T>(
        typed: Typed<T>,
        slot: impl for<'e> FnOnce(&'e mut Extensions<'a>) -> &'e mut Option<T>,
        key: Cow<'_, str>,
        out: &mut Extensions<'a>,
    ) {
        match typed {
            Typed::Ok(value) => {
                *slot(out) = Some(value);
                if let Some(more) = out.more.as_mut().filter(|m| !m.rest.is_empty()) {
                    more.rest.remove(&*key);
                }
            }
            Typed::Null => {
                *slot(out) = None;
                out.more().rest.insert(key.into_owned(), Value::Null);
            }
            Typed::Other(value) => {
                *slot(out) = None;
                out.more().rest.insert(key.into_owned(), value);
            }
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Extensions<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Extensions<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Extensions<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extensions<'de>, A::Error> {
                let mut out = Extensions::default();
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    let o = &mut out;
                    match &*key {
                        "code" => Extensions::keep(map.next_value::<Typed<Cow<'de, str>>>()?, |e| &mut e.code, key, o),
                        "field" => Extensions::keep(map.next_value()?, |e| &mut e.field, key, o),
                        "reason" => Extensions::keep(map.next_value()?, |e| &mut e.reason, key, o),
                        "classification" => Extensions::keep(
                            map.next_value::<Typed<Cow<'de, str>>>()?,
                            |e| &mut e.more().classification,
                            key,
                            o,
                        ),
                        "request_id" => Extensions::keep(map.next_value()?, |e| &mut e.more().request_id, key, o),
                        "timestamp" => Extensions::keep(map.next_value()?, |e| &mut e.more().timestamp, key, o),
                        "expected" => Extensions::keep(map.next_value()?, |e| &mut e.more().expected, key, o),
                        "status" => o.more().status = Some(map.next_value()?),
                        "rejected_value" => o.more().rejected_value = Some(map.next_value()?),
                        _ => {
                            let value = map.next_value()?;
                            let more = o.more();
                            if extension_names_code(&key) {
                                more.code_names.push(key.to_string());
                            }
                            more.rest.insert(key.into_owned(), value);
                        }
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

/// Whether a GraphQL extension no member above reads names a code under
/// another name (`errorCode`). Out of line: this crate's own extensions
/// have their code under `code`.
#[cold]
#[inline(never)]
fn extension_names_code(name: &str) -> bool {
    super::vocab::names_code(name)
}

/// JSON:API `source`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(crate) struct JsonApiSource {
    pub pointer: Option<String>,
    pub parameter: Option<String>,
    pub header: Option<String>,
}

/// A map key, borrowed from the body unless it had escapes: the typed
/// members are matched without allocating.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

macro_rules! map_visitor {
    ($Ty:ident, $expecting:literal, |$map:ident, $out:ident, $key:ident| $body:block) => {
        impl $Ty {
            /// Reads the members of a JSON object into `out`, in place.
            fn fill<'de, A: MapAccess<'de>>($out: &mut $Ty, mut $map: A) -> Result<(), A::Error> {
                while let Some(Key($key)) = $map.next_key::<Key<'de>>()? {
                    $body
                }
                Ok(())
            }
        }

        impl<'de> Deserialize<'de> for $Ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$Ty, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $Ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$Ty, A::Error> {
                        let mut out = $Ty::default();
                        $Ty::fill(&mut out, map)?;
                        Ok(out)
                    }
                }
                d.deserialize_map(V)
            }
        }
    };
}

impl<'de> AnyBody<'de> {
    /// Reads the members of the body's object into `out`, in place.
    fn fill<A: MapAccess<'de>>(out: &mut AnyBody<'de>, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let other = &mut out.other;
            match &*key {
                "success" => map.next_value::<Typed<bool>>()?.store(&mut out.success, key, other),
                "error" => match map.next_value_seed(ErrorSeed(&mut out.error_object))? {
                    ErrorValue::Member(member) => out.error = member,
                    ErrorValue::List(list) => other.push((key.into_owned(), list)),
                },
                "errors" => out.errors = map.next_value()?,
                "code" => map.next_value::<Typed<Scalar>>()?.store(&mut out.code, key, other),
                "message" => map.next_value::<Typed<String>>()?.store(&mut out.message, key, other),
                "details" => out.details = map.next_value()?,
                "timestamp" => map.next_value::<Typed<String>>()?.store(&mut out.timestamp, key, other),
                "requestId" | "request_id" => map.next_value::<Typed<String>>()?.store(&mut out.request_id, key, other),
                "type" => map.next_value::<Typed<String>>()?.store(&mut out.type_, key, other),
                "title" => map.next_value::<Typed<Cow<'de, str>>>()?.store(&mut out.title, key, other),
                "status" => map.next_value::<Typed<Scalar>>()?.store(&mut out.status, key, other),
                "detail" => map.next_value::<Typed<String>>()?.store(&mut out.detail, key, other),
                "instance" => map.next_value::<Typed<String>>()?.store(&mut out.instance, key, other),
                "documentation_url" => map.next_value::<Typed<String>>()?.store(&mut out.documentation_url, key, other),
                // GraphQL's (partial) result, or another API's error data; a
                // list is a field's messages (DRF's field named `data`).
                "data" => match map.next_value::<Value>()? {
                    list @ Value::Array(_) => other.push((key.into_owned(), list)),
                    _ => out.has_data = true,
                },
                // JSON:API's meta object; any other value is a member no
                // name claims (a list is DRF's field named `meta`).
                "meta" => match map.next_value::<Value>()? {
                    Value::Object(meta) => out.meta = Some(meta),
                    Value::Null => {}
                    other_value => other.push((key.into_owned(), other_value)),
                },
                _ => map.next_value_seed(OtherMember { key, other, lists: &mut out.lists, max: out.max_messages })?,
            }
        }
        Ok(())
    }
}

/// A member no known name claims: a non-empty list of strings into
/// [`MessageLists`], any other value into `other`.
struct OtherMember<'a, 'de> {
    key: Cow<'de, str>,
    other: &'a mut Vec<(String, Value)>,
    lists: &'a mut Option<Box<MessageLists>>,
    max: usize,
}

impl OtherMember<'_, '_> {
    fn keep(self, typed: Typed<std::convert::Infallible>) {
        self.other.push((self.key.into_owned(), as_value(typed)));
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for OtherMember<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for OtherMember<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(NoKind::EXPECTING)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        TypedVisitor::<NoKind>::default().visit_str(v).map(|t| self.keep(t))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        TypedVisitor::<NoKind>::default().visit_i64(v).map(|t| self.keep(t))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        TypedVisitor::<NoKind>::default().visit_u64(v).map(|t| self.keep(t))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        TypedVisitor::<NoKind>::default().visit_f64(v).map(|t| self.keep(t))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        TypedVisitor::<NoKind>::default().visit_bool(v).map(|t| self.keep(t))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        TypedVisitor::<NoKind>::default().visit_unit().map(|t| self.keep(t))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        TypedVisitor::<NoKind>::default().visit_map(map).map(|t| self.keep(t))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let OtherMember { key, other, lists, max } = self;
        let lists = lists.get_or_insert_with(Box::default);
        let violations = &mut lists.violations;
        let start = violations.len();
        // The first item that is no string (or the first message past the
        // limit), if one came: the member is then kept as a value.
        let first_other = loop {
            if violations.len() == max {
                match seq.next_element::<Value>()? {
                    Some(value) => break Some(value),
                    None => break None,
                }
            }
            match seq.next_element::<Typed<String>>()? {
                Some(Typed::Ok(message)) => {
                    room_for_one(violations);
                    violations.push(FieldViolation { message, ..FieldViolation::blank() });
                }
                Some(Typed::Null) => break Some(Value::Null),
                Some(Typed::Other(value)) => break Some(value),
                None => break None,
            }
        };
        let end = violations.len();
        match first_other {
            None if end > start => {
                let (last, earlier) = violations[start..].split_last_mut().expect("a message");
                for v in earlier {
                    v.field = key.to_string();
                }
                last.field = key.into_owned();
                lists.push_member(other.len());
            }
            first_other => {
                let mut items: Vec<Value> =
                    violations.drain(start..).map(|v| Value::String(v.message)).chain(first_other).collect();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                other.push((key.into_owned(), Value::Array(items)));
            }
        }
        Ok(())
    }
}

map_visitor!(ErrorObject, "an error object", |map, out, key| {
    match &*key {
        "code" => {
            let code = map.next_value()?;
            // A details list read before took the code it replaces for its items' own.
            if let Some(DetailsMember::List(items)) = &mut out.details {
                items.settle_reasons(code_str(&out.code));
            }
            out.code = code;
        }
        "status" => out.status = map.next_value()?,
        "message" => out.message = map.next_value()?,
        // Yelp's message; `message` wins where both come.
        "description" if out.message.is_none() => out.message = map.next_value()?,
        "details" => out.details = map.next_value_seed(DetailsSeed(code_str(&out.code)))?,
        "request_id" | "requestId" => out.request_id = map.next_value()?,
        "timestamp" => out.timestamp = map.next_value()?,
        "docs_url" => out.docs_url = map.next_value()?,
        "type" => out.more().type_ = map.next_value()?,
        "param" => out.more().param = map.next_value()?,
        "target" => out.more().target = map.next_value()?,
        "innererror" | "innerError" => out.more().innererror = map.next_value()?,
        "fields" => match map.next_value::<Typed<Bounded<MaybeViolation>>>()? {
            Typed::Ok(list) => out.more().fields = Some(list),
            Typed::Null => out.other.push((key.into_owned(), Value::Null)),
            Typed::Other(value) => out.other.push((key.into_owned(), value)),
        },
        _ => out.other.push((key.into_owned(), map.next_value()?)),
    }
});

map_visitor!(DetailItem, "a detail item", |map, out, key| {
    match &*key {
        "field" => out.field = map.next_value()?,
        "message" => out.message = map.next_value()?,
        "code" => out.code = map.next_value()?,
        // Azure's; read as a string (a member of another type is refused,
        // as in a details list) and dropped.
        "target" => {
            map.next_value::<Option<String>>()?;
        }
        _ => {
            if !read_rare_member(&key, &mut map, &mut out.rare)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
});

map_visitor!(DetailsObject, "a details object", |map, out, key| {
    match &*key {
        "fields" => out.fields = map.next_value()?,
        "retry_after" => out.retry_after = map.next_value()?,
        "resource" => out.resource = map.next_value()?,
        // A text typed; anything else (`null` too) kept as it came.
        "field" | "reason" | "message" => {
            let slot = match &*key {
                "field" => &mut out.field,
                "reason" => &mut out.reason,
                _ => &mut out.message,
            };
            // The last of a repeated name counts: a later value of
            // another type clears the text (a later text, kept after the
            // others by `untyped`, wins over them).
            match map.next_value::<Typed<String>>()? {
                Typed::Ok(text) => *slot = Some(text),
                Typed::Null => {
                    *slot = None;
                    out.other.push((key.into_owned(), Value::Null));
                }
                Typed::Other(value) => {
                    *slot = None;
                    out.other.push((key.into_owned(), value));
                }
            }
        }
        "issues" => {
            // An earlier `issues` list stays, as it came, where a later one follows.
            if let Some(earlier) = out.issues.take() {
                out.other.push((key.clone().into_owned(), earlier.to_value()));
            }
            match map.next_value::<Typed<Issues>>()? {
                Typed::Ok(issues) => out.issues = Some(issues),
                Typed::Null => out.other.push((key.into_owned(), Value::Null)),
                Typed::Other(value) => out.other.push((key.into_owned(), value)),
            }
        }
        _ => out.other.push((key.into_owned(), map.next_value()?)),
    }
});

/// An error object's `code`, where it is a string.
fn code_str(code: &Option<Scalar>) -> Option<&str> {
    match code {
        Some(Scalar::Str(code)) => Some(code),
        _ => None,
    }
}

/// Reads an item of a `details` list onto the end of a [`DetailItems`], in
/// place; its members are read as [`DetailItem`]'s `Deserialize` reads
/// them (an item that is no object, or a member of another type, is
/// refused). The second member is the error's code, if known: an item's
/// `code` that repeats it is not read as its reason
/// ([`MoreDetail::reason_is_code`]).
struct DetailItemSeed<'a, 'c>(&'a mut DetailItems, Option<&'c str>);

impl<'de> serde::de::DeserializeSeed<'de> for DetailItemSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        struct V<'a, 'c>(&'a mut DetailItems, Option<&'c str>);
        impl<'de> Visitor<'de> for V<'_, '_> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a detail item")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                let list = self.0;
                let at = list.violations.len();
                let v = push_in_place(&mut list.violations, FieldViolation::blank);
                let mut more = MoreDetail::default();
                // Whether the item has anything besides a `field`, a `message` and a `code`.
                let mut besides = false;
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match &*key {
                        "field" => {
                            let field: Option<String> = map.next_value()?;
                            more.field = field.is_some();
                            v.field = field.unwrap_or_default();
                        }
                        "message" => {
                            let message: Option<String> = map.next_value()?;
                            more.message = message.is_some();
                            v.message = message.unwrap_or_default();
                        }
                        "code" => {
                            // Compared where it is borrowed: the error's own code is not copied.
                            let code = map.next_value::<Option<CowScalar<'de>>>()?;
                            more.reason_is_code =
                                matches!((&code, self.1), (Some(CowScalar::Str(sent)), Some(own)) if sent == own);
                            v.reason = match code {
                                Some(_) if more.reason_is_code => None,
                                code => code.map(|c| c.into_scalar().into_string()),
                            };
                        }
                        "target" => {
                            more.target = map.next_value()?;
                            besides = true;
                        }
                        _ => {
                            if read_rare_member(&key, &mut map, &mut more.rare)? {
                                besides = true;
                            } else {
                                map.next_value::<IgnoredAny>()?;
                            }
                        }
                    }
                }
                if besides || !more.field || !more.message || more.reason_is_code {
                    room_for_one(&mut list.more);
                    list.more.push((at, more));
                } else {
                    v.pointer = crate::path::to_pointer(&v.field);
                }
                Ok(())
            }
        }
        d.deserialize_map(V(self.0, self.1))
    }
}

/// Reads an item of an `issues` list onto the end of an [`Issues`], in place.
struct IssueSeed<'a>(&'a mut Issues);

impl Issues {
    /// Reads an issue object onto the end of the list, in place: bare's
    /// members straight into the field violation it reads from them.
    fn read_object<'de, A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
        let at = self.violations.len();
        let v = push_in_place(&mut self.violations, FieldViolation::blank);
        let mut members = IssueMembers::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            match &*key {
                "field" => {
                    let field = members.kept(map.next_value()?, key);
                    members.field = field.is_some();
                    v.field = field.unwrap_or_default();
                }
                "message" => {
                    let message = members.kept(map.next_value()?, key);
                    members.message = message.is_some();
                    v.message = message.unwrap_or_default();
                }
                "code" => {
                    let code = members.kept::<Scalar>(map.next_value()?, key);
                    members.code = code.is_some();
                    members.int_code = match code {
                        Some(Scalar::Int(n)) => Some(n),
                        _ => None,
                    };
                    v.reason = code.map(Scalar::into_string);
                }
                "expected" => {
                    v.expected = members.kept(map.next_value()?, key);
                    members.expected = v.expected.is_some();
                }
                "value" => {
                    v.rejected_value = Some(map.next_value()?);
                    members.value = true;
                }
                _ => members.other.push((key.into_owned(), map.next_value()?)),
            }
        }
        v.pointer = crate::path::to_pointer(&v.field);
        if let Some(unlike) = members.finish() {
            self.unlike.push((at, unlike));
        }
        Ok(())
    }

    /// Adds an item that is no object.
    fn push_other(&mut self, typed: Typed<std::convert::Infallible>) {
        self.unlike.push((self.violations.len(), Unlike::NotObject(as_value(typed))));
        push_in_place(&mut self.violations, FieldViolation::blank);
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for IssueSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        struct V<'a>(&'a mut Issues);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an issue")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
                self.0.read_object(map)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
                TypedVisitor::<NoKind>::default().visit_str(v).map(|t| self.0.push_other(t))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
                TypedVisitor::<NoKind>::default().visit_i64(v).map(|t| self.0.push_other(t))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
                TypedVisitor::<NoKind>::default().visit_u64(v).map(|t| self.0.push_other(t))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
                TypedVisitor::<NoKind>::default().visit_f64(v).map(|t| self.0.push_other(t))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
                TypedVisitor::<NoKind>::default().visit_bool(v).map(|t| self.0.push_other(t))
            }
            fn visit_unit<E: de::Error>(self) -> Result<(), E> {
                TypedVisitor::<NoKind>::default().visit_unit().map(|t| self.0.push_other(t))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
                TypedVisitor::<NoKind>::default().visit_seq(seq).map(|t| self.0.push_other(t))
            }
        }
        d.deserialize_any(V(self.0))
    }
}

/// An `issues` list, within the [`FieldBudget`].
impl<'de> ReadList<'de> for Issues {
    type Out = Issues;
    fn read<A: SeqAccess<'de>>(mut seq: A) -> Result<Issues, A::Error> {
        let mut out = Issues::default();
        loop {
            if FieldBudget::left() {
                if seq.next_element_seed(IssueSeed(&mut out))?.is_none() {
                    return Ok(out);
                }
                FieldBudget::spend();
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(out);
            }
        }
    }
}

impl<'de> Deserialize<'de> for Typed<Issues> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Typed<Issues>, D::Error> {
        d.deserialize_any(ListVisitor::<Issues>(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for MaybeViolation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<MaybeViolation, D::Error> {
        struct V;
        /// A string member `FieldViolation` defaults when absent: `None` if it came as another type.
        fn defaulted(member: Option<Typed<String>>) -> Option<String> {
            match member {
                None => Some(String::new()),
                Some(Typed::Ok(s)) => Some(s),
                Some(Typed::Null | Typed::Other(_)) => None,
            }
        }
        /// An optional string member: `Err` if it came as another type than a string or null.
        fn optional(member: Option<Typed<String>>) -> Result<Option<String>, ()> {
            match member {
                None | Some(Typed::Null) => Ok(None),
                Some(Typed::Ok(s)) => Ok(Some(s)),
                Some(Typed::Other(_)) => Err(()),
            }
        }
        impl<'de> Visitor<'de> for V {
            type Value = MaybeViolation;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field violation")
            }
            // As `FieldViolation`'s derived `Deserialize` reads an object
            // (the last of a repeated member counts, as in a `Value`).
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MaybeViolation, A::Error> {
                let (mut field, mut pointer, mut reason, mut message, mut expected) = (None, None, None, None, None);
                let mut rejected_value: Option<Value> = None;
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match &*key {
                        "field" => field = Some(map.next_value::<Typed<String>>()?),
                        "pointer" => pointer = Some(map.next_value::<Typed<String>>()?),
                        "reason" => reason = Some(map.next_value::<Typed<String>>()?),
                        "message" => message = Some(map.next_value::<Typed<String>>()?),
                        "rejected_value" => rejected_value = Some(map.next_value()?),
                        "expected" => expected = Some(map.next_value::<Typed<String>>()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                let violation = (|| {
                    Some(FieldViolation {
                        field: match field? {
                            Typed::Ok(s) => s,
                            Typed::Null | Typed::Other(_) => return None,
                        },
                        pointer: defaulted(pointer)?,
                        reason: optional(reason).ok()?,
                        message: defaulted(message)?,
                        rejected_value: rejected_value.filter(|v| !v.is_null()),
                        expected: optional(expected).ok()?,
                    })
                })();
                Ok(MaybeViolation(violation))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<MaybeViolation, A::Error> {
                let value = Value::deserialize(SeqAccessDeserializer::new(seq))?;
                Ok(MaybeViolation(FieldViolation::deserialize(&value).ok()))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<MaybeViolation, E> {
                Ok(MaybeViolation(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<MaybeViolation, E> {
                Ok(MaybeViolation(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<MaybeViolation, E> {
                Ok(MaybeViolation(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<MaybeViolation, E> {
                Ok(MaybeViolation(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<MaybeViolation, E> {
                Ok(MaybeViolation(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<MaybeViolation, E> {
                Ok(MaybeViolation(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads a whole body into an [`AnyBody`] in place.
pub(crate) struct Fill<'a, 'de>(pub &'a mut AnyBody<'de>);

impl<'de> Visitor<'de> for Fill<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error body object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        AnyBody::fill(self.0, map)
    }
}

/// Reads `error` (a message or an object) with the object filled in place.
struct ErrorSeed<'a>(&'a mut ErrorObject);

/// What [`ErrorSeed`] read.
enum ErrorValue {
    /// A message, an object (read in place) or `null`.
    Member(Option<ErrorMember>),
    /// A list: no message nor error object, but another member's value (DRF's
    /// messages of a field named `error`), kept as a member of another
    /// type is kept.
    List(Value),
}

impl<'de> serde::de::DeserializeSeed<'de> for ErrorSeed<'_> {
    type Value = ErrorValue;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<ErrorValue, D::Error> {
        struct V<'a>(&'a mut ErrorObject);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = ErrorValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error message or an error object")
            }
            fn visit_unit<E: de::Error>(self) -> Result<ErrorValue, E> {
                Ok(ErrorValue::Member(None))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ErrorValue, E> {
                Ok(ErrorValue::Member(Some(ErrorMember::Message(v.to_owned()))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ErrorValue, A::Error> {
                Value::deserialize(SeqAccessDeserializer::new(seq)).map(ErrorValue::List)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ErrorValue, A::Error> {
                ErrorObject::fill(self.0, map)?;
                Ok(ErrorValue::Member(Some(ErrorMember::Object)))
            }
        }
        d.deserialize_any(V(self.0))
    }
}

impl<'de> Deserialize<'de> for ErrorsMember<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ErrorsMember<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ErrorsMember<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of field errors or a list of errors")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorsMember<'de>, A::Error> {
                let mut out = Vec::new();
                let mut texts = Texts::All;
                while let Some(field) = map.next_key::<String>()? {
                    if FieldBudget::left() {
                        map.next_value_seed(FieldMessages { field, out: &mut out, texts: &mut texts })?;
                    } else {
                        texts = Texts::NotAll;
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(ErrorsMember::FieldMap(out, texts))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ErrorsMember<'de>, A::Error> {
                // Room for one item, as `bounded_seq` makes for large items.
                let mut out = Vec::with_capacity(1);
                loop {
                    if FieldBudget::left() {
                        if seq.next_element_seed(ItemSeed(&mut out))?.is_none() {
                            return Ok(ErrorsMember::List(out));
                        }
                        FieldBudget::spend();
                    } else if seq.next_element::<IgnoredAny>()?.is_none() {
                        return Ok(ErrorsMember::List(out));
                    }
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A field's messages (a list, or a single message: some servers send a
/// bare string), each pushed as a violation of the field as it is read,
/// within the [`FieldBudget`]: a message is pushed once the next one (or the
/// end) shows whether it is the last, which takes the field's name.
struct FieldMessages<'a> {
    field: String,
    out: &'a mut Vec<FieldViolation>,
    /// Set to [`Texts::NotAll`] by a list.
    texts: &'a mut Texts,
}

impl<'de> serde::de::DeserializeSeed<'de> for FieldMessages<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FieldMessages<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message or a list of messages")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        FieldBudget::spend();
        self.out.push(FieldViolation::new(self.field, v));
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let FieldMessages { field, out, texts } = self;
        *texts = Texts::NotAll;
        let mut pending: Option<String> = None;
        loop {
            if FieldBudget::left() {
                match seq.next_element::<String>()? {
                    Some(message) => {
                        FieldBudget::spend();
                        if let Some(earlier) = pending.replace(message) {
                            out.push(FieldViolation::new(field.clone(), earlier));
                        }
                    }
                    None => break,
                }
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                break;
            }
        }
        if let Some(last) = pending {
            out.push(FieldViolation::new(field, last));
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for DetailsMember {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DetailsMember, D::Error> {
        d.deserialize_any(DetailsVisitor(None))
    }
}

/// An error object's `details` (or `null`), read with the error's code as
/// known so far ([`DetailItemSeed`]).
struct DetailsSeed<'c>(Option<&'c str>);

impl<'de> serde::de::DeserializeSeed<'de> for DetailsSeed<'_> {
    type Value = Option<DetailsMember>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<DetailsMember>, D::Error> {
        struct V<'c>(Option<&'c str>);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = Option<DetailsMember>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("option")
            }
            fn visit_none<E: de::Error>(self) -> Result<Option<DetailsMember>, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Option<DetailsMember>, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<DetailsMember>, D::Error> {
                d.deserialize_any(DetailsVisitor(self.0)).map(Some)
            }
        }
        d.deserialize_option(V(self.0))
    }
}

/// Reads `details`, an object or a list, with the error's code if known.
struct DetailsVisitor<'c>(Option<&'c str>);

impl<'de> Visitor<'de> for DetailsVisitor<'_> {
    type Value = DetailsMember;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a details object or a list of details")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DetailsMember, A::Error> {
        let mut obj = Box::<DetailsObject>::default();
        DetailsObject::fill(&mut obj, map)?;
        Ok(DetailsMember::Object(obj))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<DetailsMember, A::Error> {
        // As `bounded_seq`, each item read in place at the end of the list.
        let mut out = DetailItems::default();
        loop {
            if FieldBudget::left() {
                if seq.next_element_seed(DetailItemSeed(&mut out, self.0))?.is_none() {
                    return Ok(DetailsMember::List(out));
                }
                FieldBudget::spend();
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(DetailsMember::List(out));
            }
        }
    }
}

thread_local! {
    /// How many more list items the parse under way may build (see [`FieldBudget`]).
    static BUDGET: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
}

/// The number of field errors (and other list items: error items, detail
/// items, messages) one parse may build, [`Limits::max_fields`](crate::Limits::max_fields):
/// past it, items are skipped unparsed, so a body of a million empty field
/// errors costs no more memory than its bytes.
///
/// The messages of [`MessageLists`] are counted apart, against the same
/// limit ([`AnyBody::max_messages`]): a member read so would otherwise cut a
/// later list of the body short where it was read as a value before.
pub(crate) struct FieldBudget(usize);

impl FieldBudget {
    /// Sets the budget for the parse that holds the returned guard.
    pub(crate) fn scope(max: usize) -> FieldBudget {
        FieldBudget(BUDGET.with(|b| b.replace(max)))
    }

    /// Whether another item may be built.
    fn left() -> bool {
        BUDGET.with(|b| b.get() > 0)
    }

    /// Counts one built item.
    fn spend() {
        BUDGET.with(|b| b.set(b.get().saturating_sub(1)));
    }
}

impl Drop for FieldBudget {
    fn drop(&mut self) {
        BUDGET.with(|b| b.set(self.0));
    }
}

/// Makes room in a list of large items (field violations, error items) for
/// one more, read in place: a full list of four grows to
/// [`MAX_PREALLOCATED_ITEMS`](crate::limits::MAX_PREALLOCATED_ITEMS) at
/// once, where a `Vec` would double each time. Past four, the items are a
/// block beyond the allocator's caches of small blocks: a list of ten grows
/// once there, not twice, with one move fewer. A full list of one (a list of
/// error items starts with room for one, most bodies' count) grows to four
/// where its items are small enough for four to stay within those caches
/// (256 bytes each), else straight to sixteen: four error items (over 600
/// bytes each) are such a block already, and a second item is most often
/// not the last.
fn room_for_one<T>(list: &mut Vec<T>) {
    let len = list.len();
    if (len == 1 || len == 4) && list.capacity() == len {
        let to = if len == 1 && std::mem::size_of::<T>() <= 256 { 4 } else { crate::limits::MAX_PREALLOCATED_ITEMS };
        list.reserve_exact(to - len);
    }
}

/// A new item at the end of `list`, made by `make` where it lies, with
/// room made as [`room_for_one`] makes it: a `push` would make the item
/// beside the list and copy it in (an [`ErrorItem`] is over 600 bytes).
fn push_in_place<T>(list: &mut Vec<T>, make: fn() -> T) -> &mut T {
    room_for_one(list);
    let at = list.len();
    list.resize_with(at + 1, make);
    &mut list[at]
}

/// The items of a list, within the [`FieldBudget`]; the rest are skipped.
fn bounded_seq<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(mut seq: A) -> Result<Vec<T>, A::Error> {
    // A list of large items ([`ErrorItem`]) starts with room for one, not
    // the four a `Vec` makes room for at its first push: most error bodies
    // have one, and four would be a block past the allocator's caches of
    // small blocks (about 1 KiB).
    let first = if std::mem::size_of::<T>() > 256 { 1 } else { 0 };
    let hint = seq.size_hint().unwrap_or(first);
    let mut out = Vec::with_capacity(hint.min(crate::limits::MAX_PREALLOCATED_ITEMS));
    loop {
        if FieldBudget::left() {
            match seq.next_element::<T>()? {
                Some(item) => {
                    FieldBudget::spend();
                    out.push(item);
                }
                None => return Ok(out),
            }
        } else if seq.next_element::<IgnoredAny>()?.is_none() {
            return Ok(out);
        }
    }
}

/// A list read within the [`FieldBudget`].
#[derive(Debug)]
pub(crate) struct Bounded<T>(pub Vec<T>);

impl<T> Default for Bounded<T> {
    fn default() -> Bounded<T> {
        Bounded(Vec::new())
    }
}

/// A list member read within the [`FieldBudget`], or what came instead.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Typed<Bounded<T>> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Typed<Bounded<T>>, D::Error> {
        d.deserialize_any(ListVisitor::<Bounded<T>>(std::marker::PhantomData))
    }
}

impl<'de, T: Deserialize<'de>> ReadList<'de> for Bounded<T> {
    type Out = Bounded<T>;
    fn read<A: SeqAccess<'de>>(seq: A) -> Result<Bounded<T>, A::Error> {
        bounded_seq(seq).map(Bounded)
    }
}

/// How a list member of type `Out` is read from its items.
trait ReadList<'de> {
    type Out;
    fn read<A: SeqAccess<'de>>(seq: A) -> Result<Self::Out, A::Error>;
}

/// Reads a list with `R` into [`Typed::Ok`], and any other form as it came.
struct ListVisitor<R>(std::marker::PhantomData<R>);

impl<'de, R: ReadList<'de>> Visitor<'de> for ListVisitor<R> {
    type Value = Typed<R::Out>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        R::read(seq).map(Typed::Ok)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        TypedVisitor::<NoKind>::default().visit_str(v).map(Typed::other)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        TypedVisitor::<NoKind>::default().visit_i64(v).map(Typed::other)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        TypedVisitor::<NoKind>::default().visit_u64(v).map(Typed::other)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        TypedVisitor::<NoKind>::default().visit_f64(v).map(Typed::other)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        TypedVisitor::<NoKind>::default().visit_bool(v).map(Typed::other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Typed::Null)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        TypedVisitor::<NoKind>::default().visit_map(map).map(Typed::other)
    }
}

impl<T> Typed<T> {
    /// What came instead of a `T`, read by a `TypedVisitor::<NoKind>`.
    fn other(typed: Typed<std::convert::Infallible>) -> Typed<T> {
        match typed {
            Typed::Ok(never) => match never {},
            Typed::Null => Typed::Null,
            Typed::Other(value) => Typed::Other(value),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Bounded<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Bounded<T>, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Bounded<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Bounded<T>, A::Error> {
                bounded_seq(seq).map(Bounded)
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Lists of issues of every form: plain, without bare's members, with
    /// members of other types or names, repeated names, items no objects.
    pub(crate) const ISSUES: &[&str] = &[
        r#"[]"#,
        r#"[{"field": "a.0.b", "message": "m"}]"#,
        r#"[{"field": "a", "message": "m", "code": "C", "value": null, "expected": "e"}]"#,
        r#"[{"field": "a", "message": "m", "value": {"x": [1, 2.5]}}]"#,
        r#"[{"message": "m"}, {"field": "a"}, {}]"#,
        r#"[{"field": null, "message": "m", "code": null, "expected": null}]"#,
        r#"[{"field": "a", "message": "m", "code": 7}, {"field": "b", "message": "m", "code": -3}]"#,
        r#"[{"field": "a", "message": "m", "code": 1.5}, {"field": "b", "message": "m", "code": 18446744073709551615}]"#,
        r#"[{"field": "a", "message": "m", "code": true}, {"field": 3, "message": ["m"], "expected": 1}]"#,
        r#"[{"path": ["a", 0, "b"], "message": "m"}, {"field": "a", "description": "d", "reason": "R"}]"#,
        r#"[{"field": 1, "field": "a", "message": "m"}, {"field": "a", "field": 1, "message": "m"}]"#,
        r#"[{"x": 1, "x": 2, "field": "a", "message": "m"}]"#,
        r#"["text", 1, null, [1], {"field": "a", "message": "m"}]"#,
    ];

    /// Bodies of members no known name claims, of every form: lists of
    /// strings among other values, empty lists, lists with other items
    /// (first, last, after messages), repeated names, escapes.
    pub(crate) const UNCLAIMED: &[&str] = &[
        r#"{}"#,
        r#"{"a": ["m"]}"#,
        r#"{"a": ["m"], "b": ["n"], "c": ["o", "p"], "d": ["q"]}"#,
        r#"{"a": ["m"], "b": 1, "c": ["n"], "d": ["o"]}"#,
        r#"{"a": ["m", "n"], "b": "s", "c": ["o"], "d": {"e": ["p"]}, "f": [], "g": ["q"]}"#,
        r#"{"a": 1, "b": ["m", 2], "c": [null, "n"], "d": ["o", "p", {"q": ["r"]}], "e": ["s"]}"#,
        r#"{"a": ["m"], "a": ["n", "o"], "b": [["p"]], "c\u0041": ["\u00e9", "t"], "d": true, "e": null}"#,
        r#"{"detail": ["m"], "errors": {"a": ["n"]}, "x": ["o", "p", "q"], "data": ["r"], "y": ["s"]}"#,
    ];

    /// The members of a body in order, as values.
    struct Members(Vec<(String, Value)>);

    impl<'de> Deserialize<'de> for Members {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Members, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Members;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                    let mut out = Vec::new();
                    while let Some(member) = map.next_entry()? {
                        out.push(member);
                    }
                    Ok(Members(out))
                }
            }
            d.deserialize_map(V)
        }
    }

    /// The members of a body no known name claims, in order, as values
    /// (of [`UNCLAIMED`], whose only known member `errors` is a map).
    pub(crate) fn members(text: &str) -> Vec<(String, Value)> {
        serde_json::from_str::<Members>(text).unwrap().0.into_iter().filter(|(k, _)| k != "errors").collect()
    }

    #[test]
    fn lists_of_messages_read_back_as_values_where_they_came() {
        for text in UNCLAIMED {
            let expected = members(text);
            // Within the limit, and past it: a member is then kept as a value.
            for max_fields in [usize::MAX, 3, 0] {
                let limits = crate::Limits { max_fields, ..crate::Limits::default() };
                let mut any = AnyBody::default();
                super::super::parse::parse(text.as_bytes(), &limits, &mut any).unwrap();
                assert!(any.lists.as_ref().is_none_or(|l| l.violations.len() <= max_fields), "{text}");
                assert!(expected.iter().all(|(k, _)| any.any_other_name(|name| name == k)), "{text}");
                any.lists_as_values();
                assert!(!any.has_lists());
                assert_eq!(any.other, expected, "{text} within {max_fields}");
            }
        }
    }

    #[test]
    fn issues_read_back_as_they_came() {
        for text in ISSUES {
            let value: Value = serde_json::from_str(text).unwrap();
            match serde_json::from_str::<Typed<Issues>>(text).unwrap() {
                Typed::Ok(issues) => assert_eq!(issues.to_value(), value, "{text}"),
                _ => panic!("{text}: not read as a list"),
            }
        }
        for text in [r#""issues""#, "3", "null", r#"{"field": "a"}"#] {
            assert!(!matches!(serde_json::from_str::<Typed<Issues>>(text).unwrap(), Typed::Ok(_)), "{text}");
        }
    }

    #[test]
    fn error_items_read_in_place_as_derived() {
        let every = r#"{"id": "i", "status": "400", "code": 7, "title": "t", "detail": "d",
            "source": {"pointer": "/a"}, "links": {"about": "https://d.example"}, "meta": {"reason": "R", "rejected_value": 1, "expected": "e", "request_id": "q"},
            "message": "m", "locations": [{"line": 1}], "path": ["a", 0],
            "extensions": {"code": "C", "field": "f", "reason": "R"},
            "resource": "r", "category": "c", "field": "f", "pointer": "/f", "reason": "R",
            "rejected_value": {"x": 1}, "expected": "e", "other": [1]}"#;
        let items = [
            every,
            r#"{}"#,
            r#"{"message": "m", "message": "n"}"#,
            r#"{"extensions": {}, "extensions": {}}"#,
            r#"{"title": 3}"#,
            r#"{"extensions": "x"}"#,
            r#"{"meta": [1]}"#,
            r#"{"unknown": 1e400}"#,
            r#"{"mess\u0061ge": "m", "message": "n"}"#,
            r#"["i", "400", "C", "t", "d"]"#,
            r#"["i"]"#,
            r#"[]"#,
            r#""text""#,
            "3",
            "null",
        ];
        for text in items {
            let derived = serde_json::from_str::<ErrorItem>(text).map(|i| format!("{i:?}")).map_err(|e| e.to_string());
            let mut list = Vec::new();
            let mut de = serde_json::Deserializer::from_str(text);
            let in_place = serde::de::DeserializeSeed::deserialize(ItemSeed(&mut list), &mut de)
                .and_then(|()| de.end())
                .map(|()| format!("{:?}", list[0]))
                .map_err(|e| e.to_string());
            assert_eq!(in_place, derived, "{text}");
        }
        // Every member is read (in place as derived, so in both).
        let every = format!("{:?}", serde_json::from_str::<ErrorItem>(every).unwrap());
        for member in ERROR_ITEM_MEMBERS {
            assert!(!every.contains(&format!("{member}: None")), "{member} unread: {every}");
        }
    }

    #[test]
    fn google_violations_read_in_place_as_derived() {
        let lists = [
            r#"[]"#,
            r#"[{"field": "a.0.b", "description": "d"}, {"field": "c", "description": "e", "reason": "R"}]"#,
            r#"[{}, {"field": "a"}, {"description": "d"}, {"reason": null}, {"other": [1, {"x": 1e400}]}]"#,
            r#"[{"field": "a", "field": "b"}]"#,
            r#"[{"description": "a", "descr\u0069ption": "b"}]"#,
            r#"[{"reason": "a", "reason": null}]"#,
            r#"[{"field": null}]"#,
            r#"[{"field": 1}]"#,
            r#"[{"description": []}]"#,
            r#"[{"reason": 3}]"#,
            r#"[["a", "d", "R"], ["a"], []]"#,
            r#"[["a", "d", "R", "x"]]"#,
            r#"[["a", 1]]"#,
            r#"["a"]"#,
            r#"[1]"#,
            r#"[null]"#,
            r#"{"field": "a"}"#,
            r#""a""#,
        ];
        for text in lists {
            let derived = serde_json::from_str::<Bounded<GoogleFieldViolation>>(text)
                .map(|list| {
                    let each = list.0.into_iter().map(|fv| FieldViolation {
                        reason: fv.reason,
                        ..FieldViolation::new(fv.field, fv.description)
                    });
                    each.collect::<Vec<_>>()
                })
                .map_err(|e| e.to_string());
            let in_place = serde_json::from_str::<GoogleViolations>(text).map(|l| l.0).map_err(|e| e.to_string());
            assert_eq!(in_place, derived, "{text}");
        }
    }

    #[test]
    fn help_links_read_as_from_a_value() {
        let members = [
            r#"[{"description": "d", "url": "https://d.example"}]"#,
            r#"[{"description": "d"}, {"url": "u"}, {}, {"other": {"x": [1]}}]"#,
            r#"[{"description": "d", "description": 1}]"#,
            r#"[{"description": 1, "description": "d"}]"#,
            r#"[{"url": null}]"#,
            r#"[{"description": "d", "url": "u"}, {"url": 3}, {"description": "e"}]"#,
            r#"[["d", "u"], ["d"], []]"#,
            r#"[["d", "u", "x"]]"#,
            r#"[["d", null]]"#,
            r#"[[1, "u"]]"#,
            r#"["d"]"#,
            r#"[1]"#,
            r#"[null]"#,
            r#"[[[]]]"#,
            r#"[]"#,
            r#"{"description": "d", "url": "u"}"#,
            r#""https://d.example""#,
            "3",
            "true",
            "null",
            r#"[{"other": 1e400}]"#,
            r#"[{"url": "u"}, 1e400]"#,
        ];
        for text in members {
            let from_value = serde_json::from_str::<Option<Value>>(text)
                .map(|v| v.and_then(|v| serde_json::from_value::<Vec<HelpLink>>(v).ok()))
                .map_err(|e| e.to_string());
            let typed = serde_json::from_str::<HelpLinks>(text).map(|l| l.0).map_err(|e| e.to_string());
            assert_eq!(typed, from_value, "{text}");
        }
        // As deep as a value may be, and no deeper.
        for depth in [100, 200] {
            let text = format!("[{}{}]", "[".repeat(depth), "]".repeat(depth));
            let from_value = serde_json::from_str::<Value>(&text).map(|_| ()).map_err(|e| e.to_string());
            let typed = serde_json::from_str::<HelpLinks>(&text).map(|_| ()).map_err(|e| e.to_string());
            assert_eq!(typed, from_value, "{depth}");
        }
    }

    #[test]
    fn type_urls_name_their_last_part() {
        for (text, named) in [
            (r#""type.googleapis.com/google.rpc.ErrorInfo""#, Some(GoogleType::ErrorInfo)),
            (r#""BadRequest""#, Some(GoogleType::BadRequest)),
            (r#""x.y.Help""#, Some(GoogleType::Help)),
            (r#""type.googleapis.com/google.rpc.DebugInfo""#, None),
            (r#""Help.""#, None),
            (r#""""#, None),
        ] {
            assert_eq!(serde_json::from_str::<TypeUrl>(text).unwrap(), TypeUrl(named), "{text}");
        }
        for kind in [GoogleType::ErrorInfo, GoogleType::PreconditionFailure] {
            assert_eq!(GoogleType::named_by(kind.url()), Some(kind));
        }
        assert!(serde_json::from_str::<TypeUrl>("1").is_err());
        assert_eq!(serde_json::from_str::<Option<TypeUrl>>("null").unwrap(), None);
    }

    #[test]
    fn stripe_fields_read_as_field_violations_do() {
        let items = [
            r#"{"field": "a.0", "pointer": "/a/0", "reason": "R", "message": "m"}"#,
            r#"{"field": "a", "rejected_value": null, "expected": null, "reason": null}"#,
            r#"{"field": "a", "rejected_value": {"x": 1}, "expected": "e", "other": [1]}"#,
            r#"{"field": "a", "field": 1}"#,
            r#"{"field": 1, "field": "a"}"#,
            r#"{"pointer": "/a", "message": "m"}"#,
            r#"{"field": null}"#,
            r#"{"field": "a", "pointer": null}"#,
            r#"{"field": "a", "message": 3}"#,
            r#"{"field": "a", "reason": 3}"#,
            r#"{"field": "a", "expected": []}"#,
            r#"["a", "/a", "R", "m"]"#,
            r#"["a"]"#,
            r#"[]"#,
            r#""a""#,
            "1",
            "null",
        ];
        for text in items {
            let value: Value = serde_json::from_str(text).unwrap();
            let typed = serde_json::from_str::<MaybeViolation>(text).unwrap().0;
            assert!(typed == FieldViolation::deserialize(&value).ok(), "{text}");
        }
    }
}
