//! Generates the lead API's gRPC code from `proto/leads.proto` with protox,
//! a protobuf compiler in Rust: a fresh machine needs nothing but cargo.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto/leads.proto");
    let descriptors = protox::compile(["proto/leads.proto"], ["proto"])?;
    tonic_prost_build::configure().build_client(true).build_server(true).compile_fds(descriptors)?;
    Ok(())
}
