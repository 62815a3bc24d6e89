//! One module per wire shape. Each holds:
//!
//! - `Body<'a>`: the typed view its encoder writes, borrowed from the
//!   [`ApiError`](crate::ApiError), members in the order the shape's
//!   documentation shows them; its JSON Schema is derived from it;
//! - `body(err)`: that view of an error;
//! - `decode(body, ctx)`: the error read back from the shared parse.
//!
//! They use only the modules every dialect shares (`any`, `dialect`,
//! `parse`, `encode`, `free_form`), never one another; `dispatch.rs` calls
//! them for a [`Dialect`](super::Dialect).

pub(super) mod azure;
pub(super) mod bare;
pub(super) mod canonical;
pub(super) mod detail_list;
pub(super) mod drf;
pub(super) mod field_map;
pub(super) mod flat;
pub(super) mod github;
pub(super) mod google;
pub(super) mod graphql;
pub(super) mod json_api;
pub(super) mod nested;
pub(super) mod problem;
pub(super) mod stripe;
