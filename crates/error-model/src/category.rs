//! Error categories: the small, closed first tier of the code registry.
//!
//! Every [`Code`](crate::Code) belongs to one [`Category`]. A category fixes the
//! canonical HTTP status ([RFC 9110, section 15]) and whether a client may retry,
//! in the spirit of `google.rpc.Code`. Clients that do not know a code can still
//! act on its category, which they can derive from the status alone with
//! [`status::category_of`](crate::status::category_of).
//!
//! [RFC 9110, section 15]: https://www.rfc-editor.org/rfc/rfc9110#section-15

use http::StatusCode;

macro_rules! categories {
    (
        $(
            $Variant:ident {
                description: $description:literal,
                name: $name:literal,
                status: $status:literal,
                retryable: $retryable:literal,
                title: $title:literal,
                spec: $spec:literal $(,)?
            }
        ),* $(,)?
    ) => {
        /// The category of an error: what kind of failure it is, independent of the API.
        ///
        /// The set is closed in the sense that every code belongs to one of these,
        /// but it is `#[non_exhaustive]` so that adding a category is not a breaking
        /// change.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Category {
            $(
                #[doc = concat!($description, "\n\nWire name `", $name, "`, canonical status ", $status, " ([spec](", $spec, ")).")]
                $Variant,
            )*
        }

        impl Category {
            /// Every category, in table order.
            pub const ALL: &'static [Category] = &[$(Category::$Variant),*];

            /// The category's stable snake_case name, as used in schemas and docs.
            pub const fn as_str(self) -> &'static str {
                match self { $(Category::$Variant => $name,)* }
            }

            /// The canonical HTTP status of this category.
            pub const fn status(self) -> StatusCode {
                match self { $(Category::$Variant => status_from_table($status),)* }
            }

            /// Whether errors of this category are transient, so that the same
            /// request may succeed later.
            pub const fn is_retryable(self) -> bool {
                match self { $(Category::$Variant => $retryable,)* }
            }

            /// A one-line description of the category.
            pub const fn description(self) -> &'static str {
                match self { $(Category::$Variant => $description,)* }
            }

            /// A short human title, such as `Not found`.
            pub const fn title(self) -> &'static str {
                match self { $(Category::$Variant => $title,)* }
            }

            /// The link to the section of the specification that defines the canonical status.
            pub const fn spec_url(self) -> &'static str {
                match self { $(Category::$Variant => $spec,)* }
            }

            /// Looks a category up by its snake_case name.
            pub fn from_name(name: &str) -> Option<Category> {
                match name { $($name => Some(Category::$Variant),)* _ => None }
            }
        }
    };
}

categories! {
    InvalidArgument {
        description: "The request is malformed or its data failed validation.",
        name: "invalid_argument",
        status: 400,
        retryable: false,
        title: "Invalid argument",
        spec: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
    },
    Unauthenticated {
        description: "The request carries no valid credentials (missing, invalid or expired).",
        name: "unauthenticated",
        status: 401,
        retryable: false,
        title: "Unauthenticated",
        spec: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
    },
    PermissionDenied {
        description: "The credentials are valid but do not grant access to this resource or action.",
        name: "permission_denied",
        status: 403,
        retryable: false,
        title: "Permission denied",
        spec: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
    },
    NotFound {
        description: "The resource does not exist, or is outside the caller's scope.",
        name: "not_found",
        status: 404,
        retryable: false,
        title: "Not found",
        spec: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
    },
    Conflict {
        description: "The request conflicts with the current state, such as a duplicate.",
        name: "conflict",
        status: 409,
        retryable: false,
        title: "Conflict",
        spec: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
    },
    RateLimited {
        description: "The caller sent too many requests; retry after the hinted delay.",
        name: "rate_limited",
        status: 429,
        retryable: true,
        title: "Rate limited",
        spec: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
    },
    Internal {
        description: "An unexpected failure on the server; nothing the caller did wrong.",
        name: "internal",
        status: 500,
        retryable: true,
        title: "Internal error",
        spec: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    },
    BadGateway {
        description: "An upstream service the server depends on failed or answered badly.",
        name: "bad_gateway",
        status: 502,
        retryable: true,
        title: "Bad gateway",
        spec: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.3",
    },
    Unavailable {
        description: "The service is temporarily unavailable (overload or maintenance).",
        name: "unavailable",
        status: 503,
        retryable: true,
        title: "Service unavailable",
        spec: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
    },
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A table's status literal as a `StatusCode`, at compile time.
#[doc(hidden)]
pub const fn status_from_table(status: u16) -> StatusCode {
    match StatusCode::from_u16(status) {
        Ok(status) => status,
        Err(_) => panic!("invalid HTTP status in a code table"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_statuses_are_errors() {
        for &category in Category::ALL {
            assert_eq!(Category::from_name(category.as_str()), Some(category));
            assert!(category.status().is_client_error() || category.status().is_server_error());
            assert!(category.spec_url().starts_with("https://www.rfc-editor.org/rfc/"));
        }
        assert_eq!(Category::from_name("nope"), None);
    }
}
