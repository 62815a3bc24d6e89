//! The error codes of the lead and messaging API: a code table declared with
//! [`error_model::error_codes!`], the way a downstream team declares its
//! domain codes beside the built-in [`ErrorCode`](error_model::ErrorCode)s.
//!
//! The lead API's documentation names `LEAD_NOT_FOUND` and `DUPLICATE_EMAIL`
//! (its lead resource), and the messaging API's `INVALID_MESSAGE_ID`,
//! `INVALID_CONTACT_ID` and `INVALID_BUSINESS_ID`; each keeps the status and
//! text it had when it was one of the built-in codes (contract 0.1.0).
//!
//! The table declares no documentation base: a service passes its own as
//! configuration ([`DocsBase`](error_model::code::DocsBase) on the tower
//! `ErrorLayer`'s config), and each code's link is then its page under it.
//!
//! Removing a code, or changing its status or category, is an incompatible
//! change of this contract: its lock (`contract.lock.json` in this crate's
//! folder), checked by `cargo xtask check`, refuses it unless recorded.
//!
//! # Examples
//!
//! ```
//! use error_model::{ApiError, Category};
//! use leads_contract::LeadCode;
//!
//! let err = ApiError::new(LeadCode::DuplicateEmail);
//! assert_eq!(err.status().as_u16(), 409);
//! assert_eq!(LeadCode::DuplicateEmail.category(), Category::Conflict);
//! assert_eq!(LeadCode::from_wire("INVALID_CONTACT_ID"), Some(LeadCode::InvalidContactId));
//! ```

#![warn(missing_docs)]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

error_model::error_codes! {
    /// The codes of the lead and messaging API.
    pub enum LeadCode {
        InvalidMessageId {
            wire: "INVALID_MESSAGE_ID",
            category: InvalidArgument,
            status: 400,
            retryable: false,
            title: "Invalid message ID",
            description: "The message ID is not in a valid format.",
            remediation: "Use a message ID exactly as the API returned it.",
        },
        InvalidContactId {
            wire: "INVALID_CONTACT_ID",
            category: InvalidArgument,
            status: 400,
            retryable: false,
            title: "Invalid contact ID",
            description: "The contact ID is not in a valid format.",
            remediation: "Use a contact ID exactly as the API returned it.",
        },
        InvalidBusinessId {
            wire: "INVALID_BUSINESS_ID",
            category: InvalidArgument,
            status: 400,
            retryable: false,
            title: "Invalid business ID",
            description: "The business ID is not in a valid format.",
            remediation: "Use a business ID exactly as the API returned it.",
        },
        LeadNotFound {
            wire: "LEAD_NOT_FOUND",
            category: NotFound,
            status: 404,
            retryable: false,
            title: "Lead not found",
            description: "No lead with this ID exists in the workspace.",
            remediation: "Verify that the lead ID exists in your workspace.",
        },
        DuplicateEmail {
            wire: "DUPLICATE_EMAIL",
            category: Conflict,
            status: 409,
            retryable: false,
            grpc: AlreadyExists,
            title: "Duplicate email",
            description: "A resource with this email address already exists.",
            remediation: "Update the existing resource named in details.resource, or use another email.",
        },
    }
}
