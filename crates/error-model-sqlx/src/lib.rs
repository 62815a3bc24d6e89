//! [sqlx](https://docs.rs/sqlx/0.8) errors as the contract's errors, for
//! services built on [error-model](https://docs.rs/error-model).
//!
//! `From<sqlx::Error> for ApiError` cannot exist outside both crates, so
//! the conversion is a function, [`from_sqlx`], and an extension trait on
//! `Result<T, sqlx::Error>`, [`OrApi`], for `?` in handlers:
//!
//! | sqlx says | the client gets |
//! | --- | --- |
//! | a unique or primary key violation (PostgreSQL `23505`, SQLite `2067`, `1555`) | `ALREADY_EXISTS` (409), naming the resource the [`Mapping`] gives the constraint |
//! | a foreign key violation (`23503`, SQLite `787`) | `CONFLICT` (409): the row refers to one that does not exist, or is still referred to |
//! | a check violation (`23514`, SQLite `275`) | `INVALID_INPUT` (400): the data breaks a rule of the resource |
//! | [`RowNotFound`](sqlx::Error::RowNotFound) | `NOT_FOUND` (404) |
//! | [`PoolTimedOut`](sqlx::Error::PoolTimedOut) | `SERVICE_UNAVAILABLE` (503) with a retry hint ([`Mapping::retry_after`]) |
//! | [`PoolClosed`](sqlx::Error::PoolClosed) | `SERVICE_UNAVAILABLE` (503), no hint: the service is shutting down |
//! | anything else, not-null violations included (the service built the row) | `INTERNAL_ERROR` (500) |
//!
//! The messages are the registry's, or name the resource kind the service
//! configured; no SQL text, constraint or column name, and no value of a
//! row ever reaches the body. The sqlx error is kept as the
//! [source](std::error::Error::source) of every one of them, for the logs.
//!
//! The conversion reads sqlx's driver-neutral
//! [`DatabaseError`] (its kind, its code, its
//! constraint), so it needs no driver feature and works with PostgreSQL,
//! SQLite and MySQL alike. Supports sqlx 0.8.x.

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

use std::borrow::Cow;

use error_model::{ApiError, ErrorCode, ResourceRef};
use sqlx::error::{DatabaseError, ErrorKind};

/// What a service knows about its schema: which constraint guards which
/// kind of resource (so that a conflict names it), and the retry hint of a
/// pool timeout.
///
/// A constraint is named as the database reports it: PostgreSQL's
/// constraint name (`leads_email_key`; other drivers that report one, the
/// same way), or, for SQLite, which
/// reports no names for unique constraints, the columns its message lists
/// (`leads.email`, or `leads.tenant, leads.email` for a composite key).
/// The names are matched on the server only; the body names the kind.
///
/// # Examples
///
/// ```
/// use error_model_sqlx::Mapping;
///
/// let mapping = Mapping::new()
///     .resource("leads_email_key", "lead")
///     .resource("leads.email", "lead")
///     .retry_after(2);
/// assert_eq!(mapping.resource_of("leads.email"), Some("lead"));
/// assert_eq!(mapping.resource_of("users.email"), None);
/// ```
#[derive(Clone, Debug)]
pub struct Mapping {
    resources: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    retry_after: u64,
}

impl Default for Mapping {
    fn default() -> Mapping {
        Mapping::new()
    }
}

impl Mapping {
    /// The retry hint of a pool timeout unless [`retry_after`](Self::retry_after) says otherwise, in seconds.
    pub const DEFAULT_RETRY_AFTER: u64 = 1;

    /// No constraint known; a pool timeout hints [`DEFAULT_RETRY_AFTER`](Self::DEFAULT_RETRY_AFTER).
    pub const fn new() -> Mapping {
        Mapping { resources: Vec::new(), retry_after: Mapping::DEFAULT_RETRY_AFTER }
    }

    /// A violation of `constraint` is about a resource of `kind`, such as
    /// `lead`: the error's `details.resource.type` and message name it.
    pub fn resource(mut self, constraint: impl Into<Cow<'static, str>>, kind: impl Into<Cow<'static, str>>) -> Mapping {
        self.resources.push((constraint.into(), kind.into()));
        self
    }

    /// A pool timeout tells the client to retry after `secs` seconds.
    pub fn retry_after(mut self, secs: u64) -> Mapping {
        self.retry_after = secs;
        self
    }

    /// The resource kind of `constraint`, if the mapping names it.
    pub fn resource_of(&self, constraint: &str) -> Option<&str> {
        self.resources.iter().find(|(name, _)| name == constraint).map(|(_, kind)| kind.as_ref())
    }
}

/// A constraint violation, whichever driver reported it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Violation {
    Unique,
    ForeignKey,
    Check,
    NotNull,
}

/// The violation `err` reports: sqlx's kind, or else the code (PostgreSQL's
/// SQLSTATE, SQLite's extended result code), for a driver that maps none.
fn violation(err: &dyn DatabaseError) -> Option<Violation> {
    match err.kind() {
        ErrorKind::UniqueViolation => return Some(Violation::Unique),
        ErrorKind::ForeignKeyViolation => return Some(Violation::ForeignKey),
        ErrorKind::CheckViolation => return Some(Violation::Check),
        ErrorKind::NotNullViolation => return Some(Violation::NotNull),
        _ => {}
    }
    match err.code()?.as_ref() {
        "23505" | "2067" | "1555" => Some(Violation::Unique),
        "23503" | "787" => Some(Violation::ForeignKey),
        "23514" | "275" => Some(Violation::Check),
        "23502" | "1299" => Some(Violation::NotNull),
        _ => None,
    }
}

/// The name of the violated constraint: the driver's, or what SQLite's
/// message lists after `constraint failed: ` (its columns, or the name of
/// a named CHECK constraint).
fn constraint_name(err: &dyn DatabaseError) -> Option<&str> {
    if let Some(name) = err.constraint() {
        return Some(name);
    }
    let (_, named) = err.message().split_once("constraint failed: ")?;
    Some(named.trim())
}

/// A reference to a resource of `kind`, without an id (an id would be a
/// value of the row).
fn kind_only(kind: &str) -> ResourceRef {
    let mut resource = ResourceRef::default();
    resource.kind = Some(kind.to_owned());
    resource
}

/// `err` as the contract's error, as the [crate documentation](crate)
/// tabulates; `err` becomes its source, for the logs only.
///
/// # Examples
///
/// ```
/// use error_model_sqlx::{Mapping, from_sqlx};
///
/// let err = from_sqlx(sqlx::Error::RowNotFound, &Mapping::new());
/// assert_eq!(err.code().as_str(), "NOT_FOUND");
///
/// let err = from_sqlx(sqlx::Error::PoolTimedOut, &Mapping::new().retry_after(3));
/// assert_eq!((err.status().as_u16(), err.retry_after()), (503, Some(3)));
///
/// let err = from_sqlx(sqlx::Error::Protocol("bad packet from 10.0.0.7".into()), &Mapping::new());
/// assert_eq!(err.code().as_str(), "INTERNAL_ERROR");
/// assert!(!serde_json::to_string(&err.envelope()).unwrap().contains("10.0.0.7"));
/// ```
pub fn from_sqlx(err: sqlx::Error, mapping: &Mapping) -> ApiError {
    let converted = match &err {
        sqlx::Error::RowNotFound => ApiError::new(ErrorCode::NotFound),
        sqlx::Error::PoolTimedOut => ApiError::unavailable(Some(mapping.retry_after)),
        sqlx::Error::PoolClosed => ApiError::unavailable(None),
        sqlx::Error::Database(db) => match violation(db.as_ref()) {
            Some(violation) => {
                from_violation(violation, constraint_name(db.as_ref()).and_then(|c| mapping.resource_of(c)))
            }
            None => return ApiError::internal(err),
        },
        _ => return ApiError::internal(err),
    };
    converted.with_source(err)
}

/// The error for `violation` of a constraint guarding a resource of `kind`.
fn from_violation(violation: Violation, kind: Option<&str>) -> ApiError {
    let (code, message) = match (violation, kind) {
        (Violation::Unique, Some(kind)) => {
            (ErrorCode::AlreadyExists, Some(format!("A {kind} with the same data already exists.")))
        }
        (Violation::Unique, None) => (ErrorCode::AlreadyExists, None),
        (Violation::ForeignKey, kind) => (
            ErrorCode::Conflict,
            Some(match kind {
                Some(kind) => format!("The {kind} refers to a resource that does not exist, or is still referred to."),
                None => "The request refers to a resource that does not exist, or is still referred to.".to_owned(),
            }),
        ),
        (Violation::Check, kind) => (
            ErrorCode::InvalidInput,
            Some(match kind {
                Some(kind) => format!("The data breaks a rule of the {kind}."),
                None => "The data breaks a rule of the resource.".to_owned(),
            }),
        ),
        // The service builds its rows: a missing value is its bug.
        (Violation::NotNull, _) => (ErrorCode::InternalError, None),
    };
    let mut err = ApiError::new(code);
    if let Some(message) = message {
        err = err.with_message(message);
    }
    match kind {
        Some(kind) if code != ErrorCode::InternalError => err.with_resource(kind_only(kind)),
        _ => err,
    }
}

/// `?` on a sqlx result in a handler: the error converted by [`from_sqlx`].
///
/// # Examples
///
/// ```
/// use error_model::ResourceRef;
/// use error_model_sqlx::OrApi;
///
/// fn find(id: &str) -> error_model::Result<u32> {
///     let row: Result<u32, sqlx::Error> = Err(sqlx::Error::RowNotFound);
///     row.or_not_found(ResourceRef::new("lead", id))
/// }
/// let err = find("lead_42").unwrap_err();
/// assert_eq!(err.code().as_str(), "NOT_FOUND");
/// assert_eq!(err.details().resource.as_ref().unwrap().id.as_deref(), Some("lead_42"));
/// ```
pub trait OrApi<T> {
    /// The error converted with no constraint known.
    fn or_api(self) -> error_model::Result<T>;

    /// The error converted with what `mapping` knows.
    fn or_api_with(self, mapping: &Mapping) -> error_model::Result<T>;

    /// As [`or_api`](Self::or_api), with a missing row as `NOT_FOUND`
    /// naming `resource` (the one the request asked for).
    fn or_not_found(self, resource: ResourceRef) -> error_model::Result<T>;
}

impl<T> OrApi<T> for Result<T, sqlx::Error> {
    fn or_api(self) -> error_model::Result<T> {
        self.or_api_with(&Mapping::new())
    }

    fn or_api_with(self, mapping: &Mapping) -> error_model::Result<T> {
        self.map_err(|err| from_sqlx(err, mapping))
    }

    fn or_not_found(self, resource: ResourceRef) -> error_model::Result<T> {
        self.map_err(|err| match err {
            sqlx::Error::RowNotFound => from_sqlx(err, &Mapping::new()).with_resource(resource),
            other => from_sqlx(other, &Mapping::new()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_violation_has_its_code_and_status() {
        let cases = [
            (Violation::Unique, "ALREADY_EXISTS", 409),
            (Violation::ForeignKey, "CONFLICT", 409),
            (Violation::Check, "INVALID_INPUT", 400),
            (Violation::NotNull, "INTERNAL_ERROR", 500),
        ];
        for (violation, code, status) in cases {
            for kind in [None, Some("lead")] {
                let err = from_violation(violation, kind);
                assert_eq!((err.code().as_str(), err.status().as_u16()), (code, status), "{violation:?}");
                let named = err.details().resource.as_ref().and_then(|r| r.kind.as_deref());
                let expected = if violation == Violation::NotNull { None } else { kind };
                assert_eq!(named, expected, "{violation:?}");
            }
        }
    }
}
