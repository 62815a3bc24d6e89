//! The gRPC side of the contract: `google.rpc.Code` ([`RpcCode`]) and the one
//! rule from an error's code and status to it.
//!
//! Each row of a code table carries its `google.rpc.Code`
//! ([`CodeInfo::rpc_code`](crate::CodeInfo::rpc_code)): the row's `grpc:`
//! key in [`error_codes!`](crate::error_codes) when it names one, else the
//! code [`RpcCode::for_status`] gives its HTTP status. A code no table knows
//! takes the code of its response status ([`status::rpc_code`](crate::status::rpc_code));
//! an answer that names no code of its own takes the built-in code of its
//! gRPC code ([`status::code_for_rpc`](crate::status::code_for_rpc)). The Google dialect writes this
//! code as `error.status`; a gRPC integration sends it as the status code.
//!
//! The rows follow [AIP-193](https://google.aip.dev/193) and the comments
//! of [`google/rpc/code.proto`](https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto),
//! which give each gRPC code its HTTP status.
//!
//! # Where HTTP and gRPC cannot agree
//!
//! - **409 is two gRPC codes.** `code.proto` maps both `ALREADY_EXISTS`
//!   (a resource a client tried to create exists) and `ABORTED` (a
//!   concurrency conflict) to 409. A bare 409 and the built-in `CONFLICT`
//!   are `ABORTED`; the built-in `ALREADY_EXISTS` and any row declared with
//!   `grpc: AlreadyExists` are `ALREADY_EXISTS`.
//! - **400 is three gRPC codes.** `INVALID_ARGUMENT`, `FAILED_PRECONDITION`
//!   and `OUT_OF_RANGE` are all 400; a bare 400 is `INVALID_ARGUMENT`, and a
//!   row names the other two with its `grpc:` key.
//! - **500 is three gRPC codes.** `INTERNAL`, `UNKNOWN` and `DATA_LOSS` are
//!   all 500; a bare 500 is `INTERNAL`.
//! - **Statuses gRPC has no code for** take the nearest one: 405 (a method
//!   the resource does not support) is `UNIMPLEMENTED`; 408 and 504 are
//!   `DEADLINE_EXCEEDED`; 410 is `NOT_FOUND`; 412 is `FAILED_PRECONDITION`;
//!   416 is `OUT_OF_RANGE`; 502 is `UNAVAILABLE` (as gRPC's own HTTP mapping
//!   does: the upstream may answer a retry); any other 4xx is
//!   `FAILED_PRECONDITION` and any other 5xx `INTERNAL`.
//! - **Back from gRPC**, the status is the one `code.proto` gives the code
//!   ([`RpcCode::http_status`]); `CANCELLED` is 499, a status of nginx's,
//!   not of RFC 9110.

use http::StatusCode;

/// `google.rpc.ErrorInfo.domain` when an error names none (an extension
/// `domain`) and the service sets none.
pub const DEFAULT_DOMAIN: &str = "error-contract";

/// The extension names `ErrorInfo.metadata` leaves out: `domain` is a member
/// of its own.
pub const METADATA_RESERVED: &[&str] = &["domain"];

macro_rules! rpc_codes {
    ($(
        $(#[$doc:meta])*
        $Variant:ident = $number:literal, $name:literal, $status:literal;
    )*) => {
        /// A `google.rpc.Code`: the canonical error codes of gRPC and of
        /// Google's APIs, with their numbers and names as
        /// [`code.proto`](https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto)
        /// defines them.
        ///
        /// # Examples
        ///
        /// ```
        /// use error_model::rpc::RpcCode;
        /// use error_model::{ErrorCode, http::StatusCode};
        ///
        /// assert_eq!(ErrorCode::Conflict.info().rpc_code(), RpcCode::Aborted);
        /// assert_eq!(ErrorCode::AlreadyExists.info().rpc_code(), RpcCode::AlreadyExists);
        /// assert_eq!(RpcCode::DeadlineExceeded.as_str(), "DEADLINE_EXCEEDED");
        /// assert_eq!(RpcCode::from_i32(4), Some(RpcCode::DeadlineExceeded));
        /// assert_eq!(RpcCode::Unimplemented.http_status(), StatusCode::NOT_IMPLEMENTED);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(i32)]
        pub enum RpcCode {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\n`", $name, "` (", $number, "), HTTP ", $status, ".")]
                $Variant = $number,
            )*
        }

        impl RpcCode {
            /// Every code, in number order (`OK` first).
            pub const ALL: &'static [RpcCode] = &[$(RpcCode::$Variant),*];

            /// The code's name, such as `NOT_FOUND`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RpcCode::$Variant => $name,)*
                }
            }

            /// The HTTP status `code.proto` gives the code.
            pub const fn http_status(self) -> StatusCode {
                match self {
                    $(RpcCode::$Variant => match StatusCode::from_u16($status) {
                        Ok(status) => status,
                        Err(_) => panic!("a status of the table"),
                    },)*
                }
            }

            /// The code with this number, `None` for a number `code.proto`
            /// does not define.
            pub const fn from_i32(number: i32) -> Option<RpcCode> {
                match number {
                    $($number => Some(RpcCode::$Variant),)*
                    _ => None,
                }
            }

            /// The code with this name (`NOT_FOUND`), `None` for another name.
            pub fn from_name(name: &str) -> Option<RpcCode> {
                match name {
                    $($name => Some(RpcCode::$Variant),)*
                    _ => None,
                }
            }
        }
    };
}

rpc_codes! {
    /// Not an error.
    Ok = 0, "OK", 200;
    /// The operation was cancelled, typically by the caller.
    Cancelled = 1, "CANCELLED", 499;
    /// An error that fits no other code, or one raised by an API that did
    /// not say enough.
    Unknown = 2, "UNKNOWN", 500;
    /// The client sent an invalid argument, whatever the system's state.
    InvalidArgument = 3, "INVALID_ARGUMENT", 400;
    /// The deadline expired before the operation could complete.
    DeadlineExceeded = 4, "DEADLINE_EXCEEDED", 504;
    /// A requested entity was not found.
    NotFound = 5, "NOT_FOUND", 404;
    /// The entity a client tried to create already exists.
    AlreadyExists = 6, "ALREADY_EXISTS", 409;
    /// The caller may not run the operation.
    PermissionDenied = 7, "PERMISSION_DENIED", 403;
    /// A resource is exhausted: a per-user quota, or a rate limit.
    ResourceExhausted = 8, "RESOURCE_EXHAUSTED", 429;
    /// The system is not in a state the operation requires.
    FailedPrecondition = 9, "FAILED_PRECONDITION", 400;
    /// The operation was aborted, typically by a concurrency conflict.
    Aborted = 10, "ABORTED", 409;
    /// The operation was attempted past the valid range.
    OutOfRange = 11, "OUT_OF_RANGE", 400;
    /// The operation is not implemented or not supported.
    Unimplemented = 12, "UNIMPLEMENTED", 501;
    /// An invariant of the system is broken.
    Internal = 13, "INTERNAL", 500;
    /// The service is unavailable for now; retrying may succeed.
    Unavailable = 14, "UNAVAILABLE", 503;
    /// Unrecoverable data loss or corruption.
    DataLoss = 15, "DATA_LOSS", 500;
    /// The request has no valid credentials for the operation.
    Unauthenticated = 16, "UNAUTHENTICATED", 401;
}

impl RpcCode {
    /// The gRPC code of an HTTP `status`, for an error whose code does not
    /// name one: the code whose `code.proto` status it is (409 is
    /// `ABORTED`, 400 `INVALID_ARGUMENT`, 500 `INTERNAL`), else the
    /// nearest code (see the [module docs](self)). A `const fn`, so that
    /// [`error_codes!`](crate::error_codes) fills every row's column at
    /// compile time.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::rpc::RpcCode;
    ///
    /// assert_eq!(RpcCode::for_status(504), RpcCode::DeadlineExceeded);
    /// assert_eq!(RpcCode::for_status(501), RpcCode::Unimplemented);
    /// assert_eq!(RpcCode::for_status(409), RpcCode::Aborted);
    /// assert_eq!(RpcCode::for_status(402), RpcCode::FailedPrecondition);
    /// ```
    pub const fn for_status(status: u16) -> RpcCode {
        match status {
            200..=299 => RpcCode::Ok,
            400 | 406 | 411 | 413 | 414 | 415 | 422 | 431 => RpcCode::InvalidArgument,
            401 => RpcCode::Unauthenticated,
            403 => RpcCode::PermissionDenied,
            404 | 410 => RpcCode::NotFound,
            405 => RpcCode::Unimplemented,
            408 | 504 => RpcCode::DeadlineExceeded,
            409 => RpcCode::Aborted,
            416 => RpcCode::OutOfRange,
            429 => RpcCode::ResourceExhausted,
            499 => RpcCode::Cancelled,
            501 => RpcCode::Unimplemented,
            502 | 503 => RpcCode::Unavailable,
            400..=499 => RpcCode::FailedPrecondition,
            _ => RpcCode::Internal,
        }
    }
}

impl std::fmt::Display for RpcCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::RpcCode;

    #[test]
    fn every_code_round_trips_its_number_and_name() {
        assert_eq!(RpcCode::ALL.len(), 17);
        for &code in RpcCode::ALL {
            assert_eq!(RpcCode::from_i32(code as i32), Some(code));
            assert_eq!(RpcCode::from_name(code.as_str()), Some(code));
            // code.proto's own mapping is a fixed point of the status rule,
            // except where one status is several codes.
            let back = RpcCode::for_status(code.http_status().as_u16());
            assert!(back == code || back.http_status() == code.http_status(), "{code}");
        }
        assert_eq!(RpcCode::from_i32(17), None);
        assert_eq!(RpcCode::from_name("not_found"), None);
    }
}
