//! The workspace's examples: a minimal service (`examples/server.rs`), a
//! retrying client (`examples/client.rs`) and the lead API service
//! (`src/leads.rs`, the `leads` binary).
//!
//! The library itself is empty: it exists so that the workspace README's
//! Rust examples, which use every crate, compile and run as doctests here.

// So that `src/leads.rs` names the generated code the same way as a module
// of this library and as the `leads` binary's root.
extern crate self as error_model_examples;

/// The workspace README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The lead API service (the `leads` binary's source), so that `cargo xtask
/// codegen` can write its OpenAPI document.
#[allow(dead_code)]
#[path = "leads.rs"]
pub mod leads;

pub mod tiny_aide;
pub mod tiny_utoipa;

/// The lead API's gRPC messages, client and server, generated from
/// `proto/leads.proto` by the build script.
#[allow(missing_docs, clippy::all)]
pub mod proto {
    tonic::include_proto!("leads.v1");
}
