//! The built-in code registry: every code this contract publishes.
//!
//! This table is the single source of truth. The [`ErrorCode`] enum, its
//! accessors, the schemas, the markdown reference and the contract lock are all
//! generated from it. It holds the codes of HTTP in general that the lead
//! and messaging API documents name, with the status they document (the
//! codes of those APIs' own domain, such as `LEAD_NOT_FOUND`, live in their
//! own table, the `leads-contract` crate, since contract 0.2.0), and one
//! code for each status they list
//! without naming a code (`MALFORMED_REQUEST`, `TOKEN_EXPIRED`, `CONFLICT`,
//! `UNPROCESSABLE_ENTITY`, `BAD_GATEWAY`), and one code for each status a
//! server framework answers with before a handler runs or when it gives up
//! (`METHOD_NOT_ALLOWED`, `NOT_ACCEPTABLE`, `REQUEST_TIMEOUT`, `GONE`,
//! `PAYLOAD_TOO_LARGE`, `UNSUPPORTED_MEDIA_TYPE`, `NOT_IMPLEMENTED`,
//! `GATEWAY_TIMEOUT`), so that every error a service sends has a code.
//!
//! The table declares no `docs` base: a code that every service shares has
//! no page of its own on the web, and an error must not link to a site the
//! service does not own. A service gives its own base as configuration
//! ([`DocsBase`](crate::code::DocsBase), on the tower `ErrorLayer`'s config
//! or through [`ApiError::with_docs_base`](crate::ApiError::with_docs_base)),
//! and every built-in code's link (RFC 9457 `type`, `docs_url`, `doc_url`,
//! `links.about`, Google's `Help`) is then its page under that base;
//! without one, built-in errors carry no link (problem+json says
//! `about:blank`, with the status phrase as `title`).
//!
//! Adding a row is not a breaking change (the enum is `#[non_exhaustive]`).
//! Removing or renaming a row, or changing its status or category, is; the
//! contract lock checked by `cargo xtask check` refuses it.

crate::error_codes! {
    /// The codes of the canonical error contract.
    ///
    /// Statuses follow [RFC 9110, section 15](https://www.rfc-editor.org/rfc/rfc9110#section-15)
    /// and, for 429, [RFC 6585](https://www.rfc-editor.org/rfc/rfc6585#section-4).
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{Category, ErrorCode};
    ///
    /// let code = ErrorCode::from_wire("RATE_LIMIT_EXCEEDED").unwrap();
    /// assert_eq!(code, ErrorCode::RateLimitExceeded);
    /// assert_eq!(code.status().as_u16(), 429);
    /// assert_eq!(code.category(), Category::RateLimited);
    /// assert!(code.is_retryable());
    /// assert_eq!(code.to_string(), "RATE_LIMIT_EXCEEDED");
    /// assert_eq!(ErrorCode::from_wire("NOPE"), None);
    /// ```
    pub enum ErrorCode {
        Unauthorized {
            wire: "UNAUTHORIZED",
            category: Unauthenticated,
            status: 401,
            retryable: false,
            title: "Unauthorized",
            description: "The API key or token is missing or invalid.",
            remediation: "Send a valid key in the Authorization header and check that it is not revoked.",
        },
        TokenExpired {
            wire: "TOKEN_EXPIRED",
            category: Unauthenticated,
            status: 401,
            retryable: false,
            title: "Token expired",
            description: "The access token or API key has expired.",
            remediation: "Refresh the access token (tokens expire after a set lifetime) and send the request again.",
        },
        Forbidden {
            wire: "FORBIDDEN",
            category: PermissionDenied,
            status: 403,
            retryable: false,
            title: "Forbidden",
            description: "The credentials are valid but do not grant access to this resource.",
            remediation: "Check the key's permissions in the dashboard.",
        },
        InsufficientPermissions {
            wire: "INSUFFICIENT_PERMISSIONS",
            category: PermissionDenied,
            status: 403,
            retryable: false,
            title: "Insufficient permissions",
            description: "The API key or token lacks a scope or permission the action requires.",
            remediation: "Grant the missing scope to the key or token, or use one that has it.",
        },
        ValidationError {
            wire: "VALIDATION_ERROR",
            category: InvalidArgument,
            status: 400,
            retryable: false,
            validation: true,
            title: "Validation error",
            description: "The request body failed validation.",
            remediation: "Fix the fields listed in details.fields and send the request again.",
        },
        MissingField {
            wire: "MISSING_FIELD",
            category: InvalidArgument,
            status: 400,
            retryable: false,
            validation: true,
            title: "Missing field",
            description: "A required field was not sent.",
            remediation: "Include the required field named in details.fields.",
        },
        InvalidInput {
            wire: "INVALID_INPUT",
            category: InvalidArgument,
            status: 400,
            retryable: false,
            title: "Invalid input",
            description: "A query parameter or other input is invalid.",
            remediation: "Check the parameter's format against the API reference.",
        },
        MissingQuery {
            wire: "MISSING_QUERY",
            category: InvalidArgument,
            status: 400,
            retryable: false,
            title: "Missing query parameter",
            description: "A required query parameter is missing.",
            remediation: "Add the required query parameter to the URL.",
        },
        MalformedRequest {
            wire: "MALFORMED_REQUEST",
            category: InvalidArgument,
            status: 400,
            retryable: false,
            title: "Malformed request",
            description: "The request could not be parsed, for example invalid JSON or a wrong content type.",
            remediation: "Send a well-formed JSON body with Content-Type: application/json.",
        },
        UnprocessableEntity {
            wire: "UNPROCESSABLE_ENTITY",
            category: InvalidArgument,
            status: 422,
            retryable: false,
            title: "Unprocessable entity",
            description: "The request is well-formed but its content cannot be processed.",
            remediation: "Correct the content listed in details.fields; sending it unchanged will fail again.",
        },
        MethodNotAllowed {
            wire: "METHOD_NOT_ALLOWED",
            category: InvalidArgument,
            status: 405,
            retryable: false,
            title: "Method not allowed",
            description: "The resource does not support the request's HTTP method.",
            remediation: "Use one of the methods listed in the Allow header.",
        },
        NotAcceptable {
            wire: "NOT_ACCEPTABLE",
            category: InvalidArgument,
            status: 406,
            retryable: false,
            title: "Not acceptable",
            description: "No representation of the resource matches the request's Accept header.",
            remediation: "Accept application/json (or application/problem+json for errors).",
        },
        PayloadTooLarge {
            wire: "PAYLOAD_TOO_LARGE",
            category: InvalidArgument,
            status: 413,
            retryable: false,
            title: "Payload too large",
            description: "The request body is larger than the server accepts.",
            remediation: "Send a smaller body, or split a bulk request into several.",
        },
        UnsupportedMediaType {
            wire: "UNSUPPORTED_MEDIA_TYPE",
            category: InvalidArgument,
            status: 415,
            retryable: false,
            title: "Unsupported media type",
            description: "The request body's Content-Type is missing or not one the endpoint accepts.",
            remediation: "Send the body as JSON with Content-Type: application/json.",
        },
        NotFound {
            wire: "NOT_FOUND",
            category: NotFound,
            status: 404,
            retryable: false,
            title: "Not found",
            description: "The requested resource does not exist.",
            remediation: "Verify that the ID is correct and that the resource is in your account.",
        },
        Gone {
            wire: "GONE",
            category: NotFound,
            status: 410,
            retryable: false,
            title: "Gone",
            description: "The resource existed but has been removed for good.",
            remediation: "Stop using this resource or endpoint; the API reference names its replacement.",
        },
        AlreadyExists {
            wire: "ALREADY_EXISTS",
            category: Conflict,
            status: 409,
            retryable: false,
            grpc: AlreadyExists,
            title: "Already exists",
            description: "A resource with the same data already exists.",
            remediation: "Use the update endpoint or send different data.",
        },
        Conflict {
            wire: "CONFLICT",
            category: Conflict,
            status: 409,
            retryable: false,
            title: "Conflict",
            description: "The request conflicts with the current state of the resource.",
            remediation: "Fetch the resource's current state and send the request again based on it.",
        },
        RateLimitExceeded {
            wire: "RATE_LIMIT_EXCEEDED",
            category: RateLimited,
            status: 429,
            retryable: true,
            title: "Rate limit exceeded",
            description: "Too many requests in a short time.",
            remediation: "Wait for the time in Retry-After or details.retry_after (seconds), then retry with backoff.",
        },
        InternalError {
            wire: "INTERNAL_ERROR",
            category: Internal,
            status: 500,
            retryable: true,
            title: "Internal error",
            description: "An unexpected error occurred on the server.",
            remediation: "Retry with exponential backoff; if it persists, contact support with the request ID.",
        },
        NotImplemented {
            wire: "NOT_IMPLEMENTED",
            category: Internal,
            status: 501,
            retryable: false,
            title: "Not implemented",
            description: "The server does not support the functionality the request needs.",
            remediation: "Do not retry; check the API reference for what this server supports.",
        },
        BadGateway {
            wire: "BAD_GATEWAY",
            category: BadGateway,
            status: 502,
            retryable: true,
            title: "Bad gateway",
            description: "An upstream service failed or sent an invalid response.",
            remediation: "Retry with exponential backoff; if it persists, contact support with the request ID.",
        },
        GatewayTimeout {
            wire: "GATEWAY_TIMEOUT",
            category: BadGateway,
            status: 504,
            retryable: true,
            title: "Gateway timeout",
            description: "The server or an upstream service it depends on did not answer in time.",
            remediation: "Retry with exponential backoff; if it persists, contact support with the request ID.",
        },
        ServiceUnavailable {
            wire: "SERVICE_UNAVAILABLE",
            category: Unavailable,
            status: 503,
            retryable: true,
            title: "Service unavailable",
            description: "The service is temporarily unavailable.",
            remediation: "Retry after the time in Retry-After, with exponential backoff.",
        },
        RequestTimeout {
            wire: "REQUEST_TIMEOUT",
            category: Unavailable,
            status: 408,
            retryable: true,
            title: "Request timeout",
            description: "The server did not receive the complete request, or could not finish it, in the time it allows.",
            remediation: "Retry with exponential backoff; send the body without pauses.",
        },
    }
}

impl ErrorCode {
    /// The code a server uses for an error of `category` when it has no
    /// more specific one.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{Category, ErrorCode};
    ///
    /// assert_eq!(ErrorCode::for_category(Category::Conflict), ErrorCode::Conflict);
    /// assert_eq!(ErrorCode::for_category(Category::InvalidArgument), ErrorCode::ValidationError);
    /// ```
    pub const fn for_category(category: crate::Category) -> ErrorCode {
        use crate::Category::*;
        match category {
            InvalidArgument => ErrorCode::ValidationError,
            Unauthenticated => ErrorCode::Unauthorized,
            PermissionDenied => ErrorCode::Forbidden,
            NotFound => ErrorCode::NotFound,
            Conflict => ErrorCode::Conflict,
            RateLimited => ErrorCode::RateLimitExceeded,
            Internal => ErrorCode::InternalError,
            BadGateway => ErrorCode::BadGateway,
            Unavailable => ErrorCode::ServiceUnavailable,
        }
    }
}

/// Codes read by name resolve against the built-in table: what a decoder
/// reads from the wire, and what `Code`'s `Deserialize` gives.
impl crate::Code {
    /// A code from its wire name: registered if the built-in registry knows
    /// it, otherwise kept as an unknown code with the name unchanged.
    pub fn new(name: &str) -> crate::Code {
        crate::Code::of::<ErrorCode>(name)
    }

    /// Like [`Code::new`](crate::Code::new), taking an owned name (no copy when it is unknown).
    pub fn from_string(name: String) -> crate::Code {
        crate::Code::of_string::<ErrorCode>(name)
    }

    /// Like [`Code::new`](crate::Code::new), but resolves names of the table `S` first, then the
    /// built-in registry.
    pub fn new_in<S: crate::CodeSet>(name: &str) -> crate::Code {
        match S::from_wire(name) {
            Some(code) => crate::Code::from_info(code.info()),
            None => crate::Code::new(name),
        }
    }

    /// Looks a wire name up in the built-in registry, without allocating.
    pub fn lookup(name: &str) -> Option<&'static crate::CodeInfo> {
        ErrorCode::from_wire(name).map(ErrorCode::info)
    }
}

impl<'de> serde::Deserialize<'de> for crate::Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<crate::Code, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = crate::Code;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an error code string")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<crate::Code, E> {
                Ok(crate::Code::new(v))
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}
