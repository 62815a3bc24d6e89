//! Encoding time and allocations per dialect and size: error-model (through
//! the `encode_into` shim in `common`) against the hand-written view of each
//! dialect and, for RFC 9457, the `http-api-problem` and `problem_details`
//! crates. Every implementation writes into one reused `Vec<u8>`, cleared
//! before each call.
//!
//! Run with `cargo bench -p error-model --bench encode`. Under
//! `cargo test --benches` (no `--bench` argument) only the like-for-like
//! checks run, and each benchmark once.

#[macro_use]
mod common;

use std::sync::LazyLock;

use common::{Imp, PEER_SIZES, SIZES};
use divan::{AllocProfiler, Bencher, black_box};
use error_model::ApiError;
use error_model::wire::Dialect;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

/// The case errors, one per size, built once.
static ERRORS: LazyLock<Vec<ApiError>> = LazyLock::new(|| SIZES.iter().map(|&n| common::error(n)).collect());

fn err(n: usize) -> &'static ApiError {
    &ERRORS[SIZES.iter().position(|&s| s == n).unwrap()]
}

fn encode_n(bencher: Bencher, imp: Imp, dialect: Dialect, n: usize) {
    encode(bencher, imp, dialect, err(n));
}

fn encode(bencher: Bencher, imp: Imp, dialect: Dialect, err: &ApiError) {
    let mut out = Vec::new();
    imp.encode(dialect, err, &mut out);
    bencher.bench_local(|| {
        out.clear();
        imp.encode(dialect, black_box(err), &mut out);
    });
}

size_groups!(encode_n);

/// RFC 9457 only: the peers beside error-model's problem encoder.
mod rfc9457 {
    use super::*;

    #[divan::bench(args = PEER_SIZES)]
    fn hand_written(bencher: Bencher, n: usize) {
        encode_n(bencher, Imp::Hand, Dialect::Problem, n);
    }

    #[divan::bench(args = PEER_SIZES)]
    fn http_api_problem(bencher: Bencher, n: usize) {
        encode_n(bencher, Imp::HttpApiProblem, Dialect::Problem, n);
    }

    #[divan::bench(args = PEER_SIZES)]
    fn problem_details(bencher: Bencher, n: usize) {
        encode_n(bencher, Imp::ProblemDetails, Dialect::Problem, n);
    }

    #[divan::bench(args = PEER_SIZES)]
    fn error_model(bencher: Bencher, n: usize) {
        encode_n(bencher, Imp::ErrorModel, Dialect::Problem, n);
    }
}

/// Linear to 1,000,000 fields: error-model alone, every dialect, at
/// 100,000 and 1,000,000 field problems, with distinct fields
/// (`items.{i}.email`) and with one field repeated (one long group). Ten
/// times the fields should take about ten times the time.
#[divan::bench_group(sample_count = 3, sample_size = 1)]
mod linear {
    use super::*;

    fn case(n: usize, distinct: bool) -> &'static ApiError {
        static CASES: LazyLock<Vec<ApiError>> = LazyLock::new(|| {
            let build = |n: usize, distinct: bool| {
                let field = |i: usize| if distinct { format!("items.{i}.email") } else { "email".to_owned() };
                // As details: `with_field` keeps at most `MAX_FIELD_VIOLATIONS`.
                let mut details = error_model::Details::default();
                details.fields = (0..n)
                    .map(|i| error_model::FieldViolation::new(field(i), "Must be a valid email address"))
                    .collect();
                ApiError::new(error_model::ErrorCode::ValidationError).with_details(details)
            };
            vec![build(100_000, true), build(100_000, false), build(1_000_000, true), build(1_000_000, false)]
        });
        &CASES[usize::from(n == 1_000_000) * 2 + usize::from(!distinct)]
    }

    #[divan::bench(args = Dialect::ALL, consts = [100_000, 1_000_000])]
    fn distinct_fields<const N: usize>(bencher: Bencher, dialect: Dialect) {
        encode(bencher, Imp::ErrorModel, dialect, case(N, true));
    }

    #[divan::bench(args = Dialect::ALL, consts = [100_000, 1_000_000])]
    fn one_field<const N: usize>(bencher: Bencher, dialect: Dialect) {
        encode(bencher, Imp::ErrorModel, dialect, case(N, false));
    }
}

fn main() {
    // `cargo test --benches` runs this without `--bench`: check the small
    // cases only (the 100,000-field ones are checked by `cargo bench`).
    let full = std::env::args().any(|a| a == "--bench");
    common::check(if full { &SIZES } else { &SIZES[..2] });
    let divan = divan::Divan::from_args();
    if full {
        divan.main();
    } else {
        // `cargo test --benches`: each benchmark runs once, in a debug build;
        // leave out the 100,000-field and 1,000,000-field ones.
        divan.skip_regex("fields_100000|linear").main();
    }
}
