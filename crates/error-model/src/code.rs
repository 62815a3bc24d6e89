//! Error codes: static code metadata ([`CodeInfo`]), code tables ([`CodeSet`],
//! declared with [`error_codes!`](crate::error_codes)) and the wire value
//! ([`Code`]) that also carries codes no table knows.
//!
//! The built-in table is [`ErrorCode`](crate::ErrorCode) in [`registry`](crate::registry).
//! A downstream crate declares its own table with the same macro and gets the
//! same status mapping, docs text and schema support; see [`error_codes!`](crate::error_codes).

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};

use http::StatusCode;

use crate::Category;
use crate::category::status_from_table;
use crate::rpc::RpcCode;

pub use crate::limits::MAX_WIRE_NAME_LEN;

/// Static metadata of one registered code: one row of a code table.
///
/// Built only by [`error_codes!`](crate::error_codes), which checks every row
/// at compile time; read it through the accessors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    name: &'static str,
    category: Category,
    status: StatusCode,
    retryable: bool,
    validation: bool,
    title: &'static str,
    description: &'static str,
    remediation: &'static str,
    docs_page: &'static str,
    docs_url: Option<&'static str>,
    rpc: RpcCode,
}

impl CodeInfo {
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __from_table(
        name: &'static str,
        category: Category,
        status: u16,
        retryable: bool,
        validation: bool,
        title: &'static str,
        description: &'static str,
        remediation: &'static str,
        docs_page: &'static str,
        docs_url: Option<&'static str>,
        rpc: Option<RpcCode>,
    ) -> CodeInfo {
        assert!(is_valid_wire_name(name), "wire names are UPPER_SNAKE, at most 63 characters");
        assert!(status >= 400 && status <= 599, "an error code's status is 4xx or 5xx");
        assert!(!title.is_empty() && !description.is_empty() && !remediation.is_empty());
        assert!(
            !validation || status == 400,
            "a validation code's status is 400 (sent as 422 where a dialect says so)"
        );
        assert!(
            docs_page.len() == name.len() + "codes/.html".len() && const_ends_with(docs_page, ".html"),
            "a code's docs page is codes/<WIRE_NAME>.html (built by error_codes!)"
        );
        if let Some(url) = docs_url {
            assert!(const_ends_with(url, docs_page), "a code's docs URL is the docs base followed by its page");
        }
        CodeInfo {
            name,
            category,
            status: status_from_table(status),
            retryable,
            validation,
            title,
            description,
            remediation,
            docs_page,
            docs_url,
            rpc: match rpc {
                Some(rpc) => rpc,
                None => RpcCode::for_status(status),
            },
        }
    }

    /// The row's `google.rpc.Code`: the one its `grpc:` key names, else the
    /// one [its status implies](RpcCode::for_status). The Google dialect and
    /// gRPC integrations send it; see [`rpc`](crate::rpc) for where HTTP
    /// and gRPC cannot agree.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ErrorCode, rpc::RpcCode};
    ///
    /// assert_eq!(ErrorCode::GatewayTimeout.info().rpc_code(), RpcCode::DeadlineExceeded);
    /// assert_eq!(ErrorCode::AlreadyExists.info().rpc_code(), RpcCode::AlreadyExists);
    /// ```
    pub const fn rpc_code(&self) -> RpcCode {
        self.rpc
    }

    /// The stable `UPPER_SNAKE` wire name, such as `NOT_FOUND`.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The category the code belongs to.
    pub const fn category(&self) -> Category {
        self.category
    }

    /// The HTTP status a server answers with.
    pub const fn status(&self) -> StatusCode {
        self.status
    }

    /// Whether a client may retry a request that failed with this code.
    pub const fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// Whether the code reports that the request body failed validation:
    /// the dialects that [answer validation with 422](crate::wire::Dialect::validation_is_422)
    /// send it as 422 instead of 400. A row says so with `validation: true`.
    pub const fn is_validation(&self) -> bool {
        self.validation
    }

    /// A short title, such as `Not found`; used as RFC 9457 `title`.
    pub const fn title(&self) -> &'static str {
        self.title
    }

    /// A one-line description of when the code occurs; the default message.
    pub const fn description(&self) -> &'static str {
        self.description
    }

    /// What the caller should do about it (the lead API documentation's "Solution").
    pub const fn remediation(&self) -> &'static str {
        self.remediation
    }

    /// Where the code's documentation page lives, relative to its table's
    /// documentation base: `codes/<WIRE_NAME>.html`, such as
    /// `codes/NOT_FOUND.html`. The docs generator writes the page there.
    pub const fn docs_page(&self) -> &'static str {
        self.docs_page
    }

    /// The URL of the code's documentation page: the table's documentation
    /// base (`#![docs = "..."]` in [`error_codes!`](crate::error_codes)) followed by
    /// [`docs_page`](CodeInfo::docs_page), or `None` when the table
    /// declares no base. Errors with this code carry it as their
    /// [documentation link](crate::ApiError::docs_url) unless the handler
    /// sets another.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::ErrorCode;
    ///
    /// // The built-in table declares no base: its codes link to a service's
    /// // pages only when the service gives its base (see `DocsBase`).
    /// assert_eq!(ErrorCode::NotFound.info().docs_url(), None);
    /// ```
    pub const fn docs_url(&self) -> Option<&'static str> {
        self.docs_url
    }

    /// The code's link when its pages are published under `base`: its
    /// table's own ([`docs_url`](CodeInfo::docs_url)) if the table declares
    /// a base, else its page under `base`, else `None`. The link an error
    /// with this code carries when [`ApiError::with_docs_base`](crate::ApiError::with_docs_base)
    /// is given `base`.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::code::DocsBase;
    /// use error_model::ErrorCode;
    ///
    /// let base = DocsBase::from_static("https://docs.example.com/");
    /// let info = ErrorCode::Gone.info();
    /// assert_eq!(info.docs_url_under(Some(&base)).as_deref(), Some("https://docs.example.com/codes/GONE.html"));
    /// assert_eq!(info.docs_url_under(None), None);
    /// ```
    pub fn docs_url_under(&self, base: Option<&DocsBase>) -> Option<std::borrow::Cow<'static, str>> {
        match (self.docs_url, base) {
            (Some(own), _) => Some(std::borrow::Cow::Borrowed(own)),
            (None, Some(base)) => Some(std::borrow::Cow::Owned(base.url_of(self))),
            (None, None) => None,
        }
    }
}

/// Whether `name` is a valid wire name for a code table: `UPPER_SNAKE`
/// (`A-Z`, `0-9`, `_`, starting with a letter, no trailing or double
/// underscore) and at most [`MAX_WIRE_NAME_LEN`] bytes.
///
/// Decoded codes need not be valid wire names: [`Code`] keeps whatever a server sent.
pub const fn is_valid_wire_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_WIRE_NAME_LEN || !bytes[0].is_ascii_uppercase() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let ok =
            b.is_ascii_uppercase() || b.is_ascii_digit() || (b == b'_' && i + 1 < bytes.len() && bytes[i + 1] != b'_');
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

#[doc(hidden)]
pub const fn all_names_unique(infos: &[CodeInfo]) -> bool {
    let mut i = 0;
    while i < infos.len() {
        let mut j = i + 1;
        while j < infos.len() {
            if const_str_eq(infos[i].name, infos[j].name) {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

#[doc(hidden)]
pub const fn is_valid_docs_base(base: Option<&str>) -> bool {
    match base {
        None => true,
        Some(base) => {
            (const_starts_with(base, "https://") || const_starts_with(base, "http://")) && const_ends_with(base, "/")
        }
    }
}

/// Where a documentation site is served: the base URL under which each
/// code has its page ([`CodeInfo::docs_page`]), such as
/// `https://docs.example.com/errors/`.
///
/// The same rule as a table's `#![docs = "..."]` (checked by
/// [`error_codes!`](crate::error_codes)): an `http://` or `https://` URL
/// ending in `/`. A code table may declare its base; a service passes one
/// as configuration (the tower `ErrorLayer`'s config, or
/// [`ApiError::with_docs_base`](crate::ApiError::with_docs_base)) so that
/// codes whose table declares none, the built-in [`ErrorCode`](crate::ErrorCode)s
/// among them, link to the service's own pages. There is no default: an
/// error whose code has no page under any base carries no link.
///
/// # Examples
///
/// ```
/// use error_model::code::DocsBase;
/// use error_model::{ApiError, ErrorCode};
///
/// const DOCS: DocsBase = DocsBase::from_static("https://docs.example.com/errors/");
/// assert_eq!(DOCS.url_of(ErrorCode::NotFound.info()), "https://docs.example.com/errors/codes/NOT_FOUND.html");
///
/// // The built-in codes have no page of their own: no link, until a service gives its base.
/// let err = ApiError::new(ErrorCode::NotFound);
/// assert_eq!(err.docs_url(), None);
/// let err = err.with_docs_base(&DOCS);
/// assert_eq!(err.docs_url(), Some("https://docs.example.com/errors/codes/NOT_FOUND.html"));
///
/// assert!(DocsBase::new("https://docs.example.com/errors").is_err()); // no trailing slash
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DocsBase(DocsBaseRepr);

#[derive(Clone, Debug)]
enum DocsBaseRepr {
    Static(&'static str),
    Shared(std::sync::Arc<str>),
}

impl DocsBaseRepr {
    fn as_str(&self) -> &str {
        match self {
            DocsBaseRepr::Static(url) => url,
            DocsBaseRepr::Shared(url) => url,
        }
    }
}

impl PartialEq for DocsBaseRepr {
    fn eq(&self, other: &DocsBaseRepr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for DocsBaseRepr {}

impl Hash for DocsBaseRepr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl DocsBase {
    /// A base known at compile time; an invalid one fails to compile in a
    /// `const`, and panics otherwise.
    pub const fn from_static(url: &'static str) -> DocsBase {
        assert!(is_valid_docs_base(Some(url)), "a docs base is an http(s) URL ending in /");
        DocsBase(DocsBaseRepr::Static(url))
    }

    /// A base read at run time (from a service's configuration, say).
    ///
    /// # Errors
    ///
    /// [`InvalidDocsBase`] when `url` is not an `http://` or `https://` URL ending in `/`.
    pub fn new(url: impl Into<String>) -> Result<DocsBase, InvalidDocsBase> {
        let url = url.into();
        if is_valid_docs_base(Some(&url)) {
            Ok(DocsBase(DocsBaseRepr::Shared(url.into())))
        } else {
            Err(InvalidDocsBase { _private: () })
        }
    }

    /// The base the table `S` declares (`#![docs = "..."]`), if any: a
    /// team that declares its base on its table hands the same value to its
    /// layer, and so sets it once.
    pub fn of<S: CodeSet>() -> Option<DocsBase> {
        S::DOCS_BASE.map(DocsBase::from_static)
    }

    /// The base URL, ending in `/`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The URL of the page of `info` under this base: the base followed by
    /// [`CodeInfo::docs_page`], as a table's own base gives
    /// [`CodeInfo::docs_url`].
    pub fn url_of(&self, info: &CodeInfo) -> String {
        let mut url = String::with_capacity(self.as_str().len() + info.docs_page().len());
        url.push_str(self.as_str());
        url.push_str(info.docs_page());
        url
    }
}

impl fmt::Display for DocsBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of [`DocsBase::new`]: the URL is not `http://` or `https://`, or
/// does not end in `/`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a docs base is an http:// or https:// URL ending in /")]
pub struct InvalidDocsBase {
    _private: (),
}

/// Whether `text` holds `part` at byte offset `at`.
const fn const_has_at(text: &str, part: &str, at: usize) -> bool {
    let (text, part) = (text.as_bytes(), part.as_bytes());
    if at > text.len() || part.len() > text.len() - at {
        return false;
    }
    let mut i = 0;
    while i < part.len() {
        if text[at + i] != part[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn const_starts_with(text: &str, prefix: &str) -> bool {
    const_has_at(text, prefix, 0)
}

const fn const_ends_with(text: &str, suffix: &str) -> bool {
    suffix.len() <= text.len() && const_has_at(text, suffix, text.len() - suffix.len())
}

const fn const_str_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && const_has_at(a, b, 0)
}

/// A table of codes declared with [`error_codes!`](crate::error_codes).
///
/// Implemented by [`ErrorCode`](crate::ErrorCode) and by every table a
/// downstream crate declares. Generators (schemas, docs) take a `CodeSet`'s
/// [`infos`](CodeSet::infos), so a downstream table gets the same outputs.
pub trait CodeSet: Copy + Eq + fmt::Debug + 'static {
    /// Every code of the table, in table order.
    const ALL: &'static [Self];

    /// The URL the table's documentation site is served at, if the table
    /// declares one (`#![docs = "..."]` in [`error_codes!`](crate::error_codes)).
    const DOCS_BASE: Option<&'static str>;

    /// The metadata row of this code.
    fn info(self) -> &'static CodeInfo;

    /// Looks a code up by its wire name, without allocating.
    fn from_wire(name: &str) -> Option<Self>;

    /// Every metadata row of the table, in table order.
    fn infos() -> &'static [CodeInfo];
}

/// Declares a table of error codes: the single source of truth for their wire
/// names, categories, statuses, retry rules and docs text.
///
/// It generates a `#[non_exhaustive]` enum with one variant per row (its doc
/// line derived from the row), `const fn` accessors (`as_str`, `status`,
/// `category`, `is_retryable`, `info`), `ALL`, `from_wire`, `Display`,
/// `FromStr`, serde support, the [`CodeSet`](crate::CodeSet) impl and
/// `From<Enum> for` [`Code`](crate::Code). Every row is checked at compile time:
/// the wire name is `UPPER_SNAKE` and at most 63 characters, unique within the
/// table, the status is 4xx or 5xx, and no text is empty.
///
/// A table may start with `#![docs = "<base URL>"]`: the URL its documentation
/// site is served at, ending in `/`. Each code's page is then
/// `<base>codes/<WIRE_NAME>.html` ([`CodeInfo::docs_url`]), and every error
/// with the code carries that link (RFC 9457 `type`, the canonical
/// `docs_url`, Stripe's `doc_url`, JSON:API's `links.about`, Google's
/// `Help`) unless its handler sets another. A table without `docs` (the
/// built-in [`ErrorCode`](crate::ErrorCode) is one) has no such links of its
/// own: its errors link to `<base>codes/<WIRE_NAME>.html` under the
/// [`DocsBase`](crate::code::DocsBase) a service passes as configuration,
/// and carry no link without one. The base is checked at compile time:
/// `http://` or `https://`, ending in `/`.
///
/// A row may say `validation: true` after `retryable` when the code reports
/// that the request body failed validation ([`CodeInfo::is_validation`]): its
/// status must then be 400, and the dialects that answer validation with 422
/// send it as 422.
///
/// A row may then say `grpc: <RpcCode variant>` (such as `grpc: AlreadyExists`)
/// to name its `google.rpc.Code` ([`CodeInfo::rpc_code`]); without it, the
/// row's status implies one ([`RpcCode::for_status`]). A 409 that reports a
/// duplicate says `grpc: AlreadyExists`, since a bare 409 is `ABORTED`.
///
/// # Examples
///
/// A downstream crate declares its own domain codes:
///
/// ```
/// use error_model::{error_codes, ApiError, Category, Code, CodeSet};
///
/// error_codes! {
///     #![docs = "https://billing.example.com/errors/"]
///     /// Codes of the billing service.
///     pub enum BillingCode {
///         CardDeclined {
///             wire: "CARD_DECLINED",
///             category: InvalidArgument,
///             status: 402,
///             retryable: false,
///             title: "Card declined",
///             description: "The card issuer declined the payment.",
///             remediation: "Ask the customer for another payment method.",
///         },
///         LedgerBusy {
///             wire: "LEDGER_BUSY",
///             category: Unavailable,
///             status: 503,
///             retryable: true,
///             title: "Ledger busy",
///             description: "The ledger is rebalancing and accepts no writes.",
///             remediation: "Retry after the delay in Retry-After.",
///         },
///     }
/// }
///
/// assert_eq!(BillingCode::CardDeclined.as_str(), "CARD_DECLINED");
/// assert_eq!(BillingCode::CardDeclined.status().as_u16(), 402);
/// assert_eq!(BillingCode::LedgerBusy.category(), Category::Unavailable);
/// assert_eq!(BillingCode::from_wire("LEDGER_BUSY"), Some(BillingCode::LedgerBusy));
/// assert_eq!(BillingCode::infos().len(), 2);
/// assert_eq!(
///     BillingCode::CardDeclined.info().docs_url(),
///     Some("https://billing.example.com/errors/codes/CARD_DECLINED.html"),
/// );
///
/// // The same server-side error type carries it, with its status and text.
/// let err = ApiError::new(BillingCode::CardDeclined);
/// assert_eq!(err.status().as_u16(), 402);
/// assert_eq!(err.message(), "The card issuer declined the payment.");
/// assert_eq!(err.code(), &Code::from(BillingCode::CardDeclined));
/// ```
///
/// A row that breaks the rules does not compile:
///
/// ```compile_fail
/// error_model::error_codes! {
///     pub enum Bad {
///         Lower {
///             wire: "card_declined",
///             category: InvalidArgument,
///             status: 400,
///             retryable: false,
///             title: "t",
///             description: "d",
///             remediation: "r",
///         },
///     }
/// }
/// let _ = Bad::Lower.info();
/// ```
///
/// ```compile_fail
/// error_model::error_codes! {
///     #![docs = "docs.example.com/errors"]
///     pub enum NoScheme {
///         A { wire: "A", category: NotFound, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
///     }
/// }
/// let _ = NoScheme::A.info();
/// ```
///
/// ```compile_fail
/// error_model::error_codes! {
///     pub enum Twice {
///         A { wire: "SAME", category: NotFound, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
///         B { wire: "SAME", category: NotFound, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
///     }
/// }
/// let _ = Twice::A.info();
/// ```
#[macro_export]
macro_rules! error_codes {
    (
        @table $docs:tt
        $(#[$meta:meta])*
        $vis:vis enum $Name:ident {
            $(
                $Variant:ident {
                    wire: $wire:literal,
                    category: $category:ident,
                    status: $status:literal,
                    retryable: $retryable:literal,
                    $(validation: $validation:literal,)?
                    $(grpc: $grpc:ident,)?
                    title: $title:literal,
                    description: $description:literal,
                    remediation: $remediation:literal $(,)?
                }
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $Name {
            $(
                #[doc = concat!(
                    "`", $wire, "` (", $status, ", ", stringify!($category), "): ", $description
                )]
                $Variant,
            )*
        }

        impl $Name {
            /// Every code of the table, in table order.
            pub const ALL: &'static [$Name] = &[$($Name::$Variant),*];

            /// The URL the table's documentation site is served at
            /// (`#![docs = "..."]` in the table), under which each code's page is
            /// [`CodeInfo::docs_page`]($crate::CodeInfo::docs_page).
            pub const DOCS_BASE: ::core::option::Option<&'static str> = $crate::__docs_base!($docs);

            const INFOS: &'static [$crate::CodeInfo] = &[
                $(
                    $crate::CodeInfo::__from_table(
                        $wire,
                        $crate::Category::$category,
                        $status,
                        $retryable,
                        false $(|| $validation)?,
                        $title,
                        $description,
                        $remediation,
                        $crate::__docs_page!($wire),
                        $crate::__docs_url!($docs; $wire),
                        $crate::__rpc_code!($($grpc)?),
                    ),
                )*
            ];

            const _UNIQUE: () = assert!(
                $crate::code::all_names_unique(Self::INFOS),
                "wire names in a code table must be unique"
            );

            const _DOCS_BASE: () = assert!(
                $crate::code::is_valid_docs_base(Self::DOCS_BASE),
                "a table's docs base is an http(s) URL ending in /"
            );

            /// The metadata row of this code.
            pub const fn info(self) -> &'static $crate::CodeInfo {
                let () = Self::_UNIQUE;
                let () = Self::_DOCS_BASE;
                &Self::INFOS[self as usize]
            }

            /// The stable wire name, such as `NOT_FOUND`.
            pub const fn as_str(self) -> &'static str {
                self.info().name()
            }

            /// The HTTP status a server answers with.
            pub const fn status(self) -> $crate::http::StatusCode {
                self.info().status()
            }

            /// The category the code belongs to.
            pub const fn category(self) -> $crate::Category {
                self.info().category()
            }

            /// Whether a client may retry a request that failed with this code.
            pub const fn is_retryable(self) -> bool {
                self.info().is_retryable()
            }

            /// Looks a code up by its wire name, without allocating.
            ///
            /// Returns `None` for a name this table does not know; decode such
            /// names into a [`Code`]($crate::Code), which keeps them unchanged.
            pub fn from_wire(name: &str) -> ::core::option::Option<$Name> {
                match name {
                    $($wire => ::core::option::Option::Some($Name::$Variant),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl $crate::CodeSet for $Name {
            const ALL: &'static [$Name] = $Name::ALL;
            const DOCS_BASE: ::core::option::Option<&'static str> = $Name::DOCS_BASE;

            fn info(self) -> &'static $crate::CodeInfo {
                $Name::info(self)
            }

            fn from_wire(name: &str) -> ::core::option::Option<$Name> {
                $Name::from_wire(name)
            }

            fn infos() -> &'static [$crate::CodeInfo] {
                $Name::INFOS
            }
        }

        impl ::core::fmt::Display for $Name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $Name {
            type Err = $crate::UnknownCode;

            fn from_str(s: &str) -> ::core::result::Result<$Name, $crate::UnknownCode> {
                $Name::from_wire(s).ok_or_else(|| $crate::UnknownCode::new(s))
            }
        }

        impl ::core::convert::From<$Name> for $crate::Code {
            fn from(code: $Name) -> $crate::Code {
                $crate::Code::from_info(code.info())
            }
        }

        impl ::core::cmp::PartialEq<$Name> for $crate::Code {
            fn eq(&self, other: &$Name) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl $crate::serde::Serialize for $Name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $Name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<$Name, D::Error> {
                let code = <$crate::Code as $crate::serde::Deserialize>::deserialize(deserializer)?;
                $Name::from_wire(code.as_str()).ok_or_else(|| {
                    <D::Error as $crate::serde::de::Error>::custom($crate::UnknownCode::new(code.as_str()))
                })
            }
        }
    };
    (
        @table $($table:tt)*
    ) => {
        ::core::compile_error!(
            "error_codes! expects an optional #![docs = \"<base URL>\"] first, then the enum with its rows"
        );
    };
    (
        #![docs = $docs:literal]
        $($table:tt)*
    ) => {
        $crate::error_codes! { @table [$docs] $($table)* }
    };
    (
        $($table:tt)*
    ) => {
        $crate::error_codes! { @table [] $($table)* }
    };
}

/// The page of a code in its table's documentation site: the one place
/// that says where it is (see [`CodeInfo::docs_page`]).
/// A row's `grpc:` key as [`CodeInfo::__from_table`] takes it.
#[doc(hidden)]
#[macro_export]
macro_rules! __rpc_code {
    () => {
        ::core::option::Option::None
    };
    ($grpc:ident) => {
        ::core::option::Option::Some($crate::rpc::RpcCode::$grpc)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __docs_page {
    ($wire:literal) => {
        concat!("codes/", $wire, ".html")
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __docs_url {
    ([]; $wire:literal) => {
        ::core::option::Option::None
    };
    ([$docs:literal]; $wire:literal) => {
        ::core::option::Option::Some(concat!($docs, $crate::__docs_page!($wire)))
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __docs_base {
    ([]) => {
        ::core::option::Option::None
    };
    ([$docs:literal]) => {
        ::core::option::Option::Some($docs)
    };
}

/// The error of parsing a wire name that a code table does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown error code `{name}`")]
pub struct UnknownCode {
    name: Box<str>,
}

impl UnknownCode {
    #[doc(hidden)]
    pub fn new(name: &str) -> UnknownCode {
        // Bound what an error message can echo back from untrusted input.
        let end = name.char_indices().nth(MAX_WIRE_NAME_LEN).map_or(name.len(), |(i, _)| i);
        UnknownCode { name: name[..end].into() }
    }

    /// The name that was not found (cut to 63 characters).
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// An error code as it travels on the wire.
///
/// A `Code` is either a registered code (it then knows its [`CodeInfo`]) or a
/// code no table here knows, such as one a newer server or another API sent:
/// that one keeps its raw wire name unchanged, so decoding and re-encoding
/// never loses it. Two codes are equal when their wire names are.
///
/// # Examples
///
/// ```
/// use error_model::{Code, ErrorCode};
///
/// let known = Code::new("NOT_FOUND");
/// assert_eq!(known, ErrorCode::NotFound);
/// assert_eq!(known.status().map(|s| s.as_u16()), Some(404));
///
/// let unknown = Code::new("card_declined");
/// assert!(!unknown.is_known());
/// assert_eq!(unknown.as_str(), "card_declined");
/// assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""card_declined""#);
/// ```
#[derive(Clone)]
pub struct Code(Repr);

#[derive(Clone)]
enum Repr {
    Known(&'static CodeInfo),
    Unknown(Box<str>),
}

impl Code {
    /// A code from its wire name: registered if the table `S` knows it,
    /// otherwise kept as an unknown code with the name unchanged. The
    /// built-in table's [`Code::new`] is this with `S` = [`ErrorCode`](crate::ErrorCode).
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{Code, ErrorCode};
    ///
    /// assert!(Code::of::<ErrorCode>("NOT_FOUND").is_known());
    /// assert!(!Code::of::<ErrorCode>("CARD_DECLINED").is_known());
    /// ```
    pub fn of<S: CodeSet>(name: &str) -> Code {
        match S::from_wire(name) {
            Some(code) => Code(Repr::Known(code.info())),
            None => Code(Repr::Unknown(name.into())),
        }
    }

    /// Like [`Code::of`], taking an owned name (no copy when it is unknown).
    pub fn of_string<S: CodeSet>(name: String) -> Code {
        match S::from_wire(&name) {
            Some(code) => Code(Repr::Known(code.info())),
            None => Code(Repr::Unknown(name.into_boxed_str())),
        }
    }

    /// A registered code from its metadata row.
    pub const fn from_info(info: &'static CodeInfo) -> Code {
        Code(Repr::Known(info))
    }

    /// The wire name, exactly as registered or as received.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Known(info) => info.name(),
            Repr::Unknown(name) => name,
        }
    }

    /// How a link to the code's documentation page is described (the one
    /// `google.rpc.Help` link the Google dialect and the gRPC integration
    /// write, and read back as the docs link): the code's title, or its
    /// wire name when no table knows it.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{Code, ErrorCode};
    ///
    /// assert_eq!(Code::from(ErrorCode::NotFound).docs_description(), "Not found");
    /// assert_eq!(Code::from_string("CARD_DECLINED".to_owned()).docs_description(), "CARD_DECLINED");
    /// ```
    pub fn docs_description(&self) -> &str {
        match self.info() {
            Some(info) => info.title(),
            None => self.as_str(),
        }
    }

    /// The metadata row, if the code is registered.
    pub fn info(&self) -> Option<&'static CodeInfo> {
        match self.0 {
            Repr::Known(info) => Some(info),
            Repr::Unknown(_) => None,
        }
    }

    /// Whether the code is registered (built in, or declared by a table this
    /// value was created from).
    pub fn is_known(&self) -> bool {
        matches!(self.0, Repr::Known(_))
    }

    /// The registered status, or `None` for an unknown code.
    pub fn status(&self) -> Option<StatusCode> {
        self.info().map(CodeInfo::status)
    }

    /// The registered category, or `None` for an unknown code (derive one
    /// from the response status with [`status::category_of`](crate::status::category_of)).
    pub fn category(&self) -> Option<Category> {
        self.info().map(CodeInfo::category)
    }

    /// This code as a member of the table `S`, if `S` has it.
    pub fn to_code_set<S: CodeSet>(&self) -> Option<S> {
        S::from_wire(self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.is_known() { "Code" } else { "Code::Unknown" };
        f.debug_tuple(kind).field(&self.as_str()).finish()
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Code {}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Hash for Code {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Borrow<str> for Code {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&CodeInfo> for Code {
    fn from(info: &CodeInfo) -> Code {
        Code::new(info.name())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "minLength": 1,
            "description": "A stable machine-readable error code. Registered codes are UPPER_SNAKE; clients must accept codes they do not know.",
            "examples": ["VALIDATION_ERROR", "NOT_FOUND"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_text_helpers() {
        assert!(const_str_eq("NOT_FOUND", "NOT_FOUND") && !const_str_eq("NOT_FOUND", "NOT_FOUN"));
        assert!(!const_str_eq("A", "B") && const_str_eq("", ""));
        assert!(const_starts_with("https://x/", "https://") && !const_starts_with("http", "https://"));
        assert!(const_ends_with("codes/A.html", ".html") && !const_ends_with("html", ".html"));
        assert!(const_has_at("abc", "", 3) && !const_has_at("abc", "c", 3) && !const_has_at("abc", "", 4));
        assert!(is_valid_docs_base(Some("https://docs.example.com/")) && is_valid_docs_base(None));
        assert!(!is_valid_docs_base(Some("https://docs.example.com")) && !is_valid_docs_base(Some("ftp://x/")));
    }

    #[test]
    fn wire_name_rules() {
        for ok in ["A", "NOT_FOUND", "E2E_FAILED", &"A".repeat(63)] {
            assert!(is_valid_wire_name(ok), "{ok}");
        }
        for bad in ["", "not_found", "_A", "A_", "A__B", "1A", "A-B", "Ä", &"A".repeat(64)] {
            assert!(!is_valid_wire_name(bad), "{bad}");
        }
    }

    #[test]
    fn unknown_code_error_is_bounded() {
        let long = "x".repeat(10_000);
        assert_eq!(UnknownCode::new(&long).name().len(), MAX_WIRE_NAME_LEN);
        assert_eq!(UnknownCode::new("NOPE").to_string(), "unknown error code `NOPE`");
    }
}
