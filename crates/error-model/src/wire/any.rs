//! One typed parse for every shape: the members any supported dialect puts
//! at the top level, in its `error` object and in its item lists.
//!
//! Members whose JSON type differs between dialects (`error` is a string in
//! one and an object in others; `details` an object or an array; `errors` a
//! map or an array; `code` a string or an integer) are read by visitors that
//! dispatch on the token type, so nothing is buffered and nothing goes
//! through `serde_json::Value` except members that are free-form by
//! definition (extensions). Detection then looks at which members came.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::SeqAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::{FieldViolation, ResourceRef};

/// A string or an integer: `code` and `status` are either, depending on the
/// dialect. Any other value (a fraction, a number out of range, a boolean, an
/// object) is [`Scalar::Other`]: the member is unusable, and dropped, but the
/// rest of the body still decodes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    Str(String),
    Int(i64),
    Other,
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
            Scalar::Str(s) => s,
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
        Some(Scalar::Str(v.to_owned()))
    }
    fn from_i64(v: i64) -> Option<Scalar> {
        Some(Scalar::Int(v))
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
    pub errors: Option<ErrorsMember>,
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
    pub meta: Option<Map<String, Value>>,
    /// Every other member, in order (RFC 9457 extensions, DRF field errors).
    pub other: Vec<(String, Value)>,
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
pub(crate) enum ErrorsMember {
    FieldMap(Vec<(String, Vec<String>)>),
    List(Vec<ErrorItem>),
}

/// `details`: an object (free-form or canonical) or a list of items.
#[derive(Debug)]
pub(crate) enum DetailsMember {
    Object(Box<DetailsObject>),
    List(Vec<DetailItem>),
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
    pub innererror: Option<Value>,
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

/// A `details` object: canonical members typed, the rest kept in order.
#[derive(Debug, Default)]
pub(crate) struct DetailsObject {
    pub fields: Option<Bounded<FieldViolation>>,
    pub retry_after: Option<Scalar>,
    pub resource: Option<ResourceRef>,
    pub other: Vec<(String, Value)>,
}

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

/// An item of a `details` list (detail-list, Google, Azure) or of `issues`.
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
    pub target: Option<String>,
    pub reason: Option<String>,
    pub description: Option<String>,
    pub type_url: Option<String>,
    pub path: Option<Vec<Scalar>>,
    pub domain: Option<String>,
    pub metadata: Option<Map<String, Value>>,
    pub field_violations: Option<Bounded<GoogleFieldViolation>>,
    pub retry_delay: Option<String>,
    pub request_id: Option<String>,
    pub resource_type: Option<String>,
    pub resource_name: Option<String>,
    /// Help's `links`, QuotaFailure's and PreconditionFailure's `violations`.
    pub links: Option<Value>,
    pub violations: Option<Value>,
    pub locale: Option<String>,
}

impl DetailItem {
    fn rare(&mut self) -> &mut RareDetail {
        self.rare.get_or_insert_with(Box::default)
    }

    /// Takes the less common members out, empty if there were none.
    pub(crate) fn take_rare(&mut self) -> RareDetail {
        self.rare.take().map(|r| *r).unwrap_or_default()
    }

    /// The `@type` of a Google typed detail.
    pub(crate) fn type_url(&self) -> Option<&str> {
        self.rare.as_ref()?.type_url.as_deref()
    }
}

/// `google.rpc.BadRequest.FieldViolation`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(crate) struct GoogleFieldViolation {
    pub field: String,
    pub description: String,
    pub reason: Option<String>,
}

/// An item of an `errors` list: JSON:API, GraphQL and GitHub.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(crate) struct ErrorItem {
    pub id: Option<Scalar>,
    pub status: Option<Scalar>,
    pub code: Option<Scalar>,
    pub title: Option<String>,
    pub detail: Option<String>,
    pub source: Option<JsonApiSource>,
    /// JSON:API `links` (`about`).
    pub links: Option<Value>,
    pub meta: Option<Map<String, Value>>,
    pub message: Option<String>,
    pub locations: Option<IgnoredAny>,
    pub path: Option<Vec<Scalar>>,
    pub extensions: Option<Map<String, Value>>,
    pub resource: Option<String>,
    pub category: Option<String>,
    pub field: Option<String>,
    pub pointer: Option<String>,
    pub reason: Option<String>,
    pub rejected_value: Option<Value>,
    pub expected: Option<String>,
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
                "error" => out.error = map.next_value_seed(ErrorSeed(&mut out.error_object))?,
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
                "meta" => out.meta = map.next_value()?,
                _ => other.push((key.into_owned(), map.next_value()?)),
            }
        }
        Ok(())
    }
}

map_visitor!(ErrorObject, "an error object", |map, out, key| {
    match &*key {
        "code" => out.code = map.next_value()?,
        "status" => out.status = map.next_value()?,
        "message" => out.message = map.next_value()?,
        // Yelp's message; `message` wins where both come.
        "description" if out.message.is_none() => out.message = map.next_value()?,
        "details" => out.details = map.next_value()?,
        "request_id" | "requestId" => out.request_id = map.next_value()?,
        "timestamp" => out.timestamp = map.next_value()?,
        "docs_url" => out.docs_url = map.next_value()?,
        "type" => out.more().type_ = map.next_value()?,
        "param" => out.more().param = map.next_value()?,
        "target" => out.more().target = map.next_value()?,
        "innererror" | "innerError" => out.more().innererror = map.next_value()?,
        _ => out.other.push((key.into_owned(), map.next_value()?)),
    }
});

map_visitor!(DetailItem, "a detail item", |map, out, key| {
    match &*key {
        "field" => out.field = map.next_value()?,
        "message" => out.message = map.next_value()?,
        "code" => out.code = map.next_value()?,
        "target" => out.rare().target = map.next_value()?,
        "reason" => out.rare().reason = map.next_value()?,
        "description" => out.rare().description = map.next_value()?,
        "@type" => out.rare().type_url = map.next_value()?,
        "path" => out.rare().path = map.next_value()?,
        "domain" => out.rare().domain = map.next_value()?,
        "metadata" => out.rare().metadata = map.next_value()?,
        "fieldViolations" => out.rare().field_violations = map.next_value()?,
        "retryDelay" => out.rare().retry_delay = map.next_value()?,
        "requestId" => out.rare().request_id = map.next_value()?,
        "resourceType" => out.rare().resource_type = map.next_value()?,
        "resourceName" => out.rare().resource_name = map.next_value()?,
        "links" => out.rare().links = map.next_value()?,
        "violations" => out.rare().violations = map.next_value()?,
        "locale" => out.rare().locale = map.next_value()?,
        _ => {
            map.next_value::<IgnoredAny>()?;
        }
    }
});

map_visitor!(DetailsObject, "a details object", |map, out, key| {
    match &*key {
        "fields" => out.fields = map.next_value()?,
        "retry_after" => out.retry_after = map.next_value()?,
        "resource" => out.resource = map.next_value()?,
        _ => out.other.push((key.into_owned(), map.next_value()?)),
    }
});

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

impl<'de> serde::de::DeserializeSeed<'de> for ErrorSeed<'_> {
    type Value = Option<ErrorMember>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<ErrorMember>, D::Error> {
        struct V<'a>(&'a mut ErrorObject);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = Option<ErrorMember>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error message or an error object")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Option<ErrorMember>, E> {
                Ok(None)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<ErrorMember>, E> {
                Ok(Some(ErrorMember::Message(v.to_owned())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<ErrorMember>, A::Error> {
                ErrorObject::fill(self.0, map)?;
                Ok(Some(ErrorMember::Object))
            }
        }
        d.deserialize_any(V(self.0))
    }
}

impl<'de> Deserialize<'de> for ErrorsMember {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ErrorsMember, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ErrorsMember;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of field errors or a list of errors")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorsMember, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if FieldBudget::left() {
                        out.push((key, map.next_value::<OneOrMany>()?.0));
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(ErrorsMember::FieldMap(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ErrorsMember, A::Error> {
                bounded_seq(seq).map(ErrorsMember::List)
            }
        }
        d.deserialize_any(V)
    }
}

/// A message list, or a single message (some servers send a bare string).
struct OneOrMany(Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<OneOrMany, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a message or a list of messages")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                FieldBudget::spend();
                Ok(OneOrMany(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<OneOrMany, A::Error> {
                bounded_seq(seq).map(OneOrMany)
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for DetailsMember {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DetailsMember, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DetailsMember;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a details object or a list of details")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DetailsMember, A::Error> {
                let mut obj = Box::<DetailsObject>::default();
                DetailsObject::fill(&mut obj, map)?;
                Ok(DetailsMember::Object(obj))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<DetailsMember, A::Error> {
                bounded_seq(seq).map(DetailsMember::List)
            }
        }
        d.deserialize_any(V)
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
