//! Instructions and allocations per operation, for every case of `common`:
//! encode and auto-detecting decode, per dialect and size, hand-written
//! against error-model (and the RFC 9457 peers at 1 and 10 fields).
//!
//! Run with `cargo bench -p error-model --bench instructions` (optionally
//! followed by `-- <filter>...`: only cases whose name, such as
//! `encode/problem/10/error-model`, contains one of the filters). It needs
//! `valgrind` on `PATH`; without it, it prints a line saying so and exits 0.
//!
//! For each (operation, dialect, size, implementation) the binary runs
//! itself again under
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect=*measured_loop*`
//! with the case named in `ERROR_MODEL_INSTRUCTIONS_CASE`. The child builds
//! the case, calls the operation once outside the measured function (a
//! warm-up; on the 10-field error for the 100,000-field cases), then `N`
//! times inside `measured_loop`; the parent reads the `totals:` line of the
//! callgrind output (under `<target>/callgrind/`) and divides by `N`.
//! Instruction counts do not depend on machine load, unlike times.
//!
//! Allocations per operation are counted by the parent itself, natively,
//! with a counting global allocator (calls to `alloc`, `alloc_zeroed` and
//! `realloc`). Encoding writes into a `Vec<u8>` with room for the whole
//! body, cleared before each call.
//!
//! A case whose operation takes more than `MAX_NATIVE_SECS` natively is not
//! run under callgrind (it would take an hour); its row shows the native
//! time instead.
//!
//! Under `cargo test --benches` (no `--bench` argument) it runs each small
//! case once and neither valgrind nor any loop.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use common::{Case, Imp, SIZES};
use error_model::wire::Dialect;

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The environment variable that makes the binary a measured child.
const CASE_ENV: &str = "ERROR_MODEL_INSTRUCTIONS_CASE";

/// Operations slower than this natively are not run under callgrind.
const MAX_NATIVE_SECS: f64 = 1.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Encode,
    Decode,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Encode => "encode",
            Op::Decode => "decode",
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Spec {
    op: Op,
    dialect: Dialect,
    n: usize,
    imp: Imp,
}

impl Spec {
    fn name(&self) -> String {
        format!("{}/{}/{}/{}", self.op.name(), self.dialect, self.n, self.imp.name())
    }

    fn parse(s: &str) -> Spec {
        let parts: Vec<&str> = s.split('/').collect();
        let [op, dialect, n, imp] = parts[..] else { panic!("bad case {s:?}") };
        Spec {
            op: [Op::Encode, Op::Decode].into_iter().find(|o| o.name() == op).expect("operation"),
            dialect: Dialect::from_name(dialect).expect("dialect"),
            n: n.parse().expect("size"),
            imp: Imp::ALL.into_iter().find(|i| i.name() == imp).expect("implementation"),
        }
    }

    /// Calls of the operation inside the measured function.
    fn iterations(&self) -> u64 {
        match self.n {
            0..=1 => 200,
            2..=10 => 50,
            _ => 1,
        }
    }
}

/// Every case, in table order.
fn specs() -> Vec<Spec> {
    let mut out = Vec::new();
    for op in [Op::Encode, Op::Decode] {
        for n in SIZES {
            for &dialect in Dialect::ALL {
                for imp in Imp::ALL {
                    if imp.applies(dialect, n) {
                        out.push(Spec { op, dialect, n, imp });
                    }
                }
            }
        }
    }
    out
}

/// The operation of `spec` on the error with `n` fields, ready to call.
fn operation(spec: Spec, n: usize) -> Box<dyn FnMut()> {
    let Spec { op, dialect, imp, .. } = spec;
    let case = Case::new(dialect, n);
    match op {
        Op::Encode => {
            // Room for the whole body: the same document as the case's body.
            let mut out = Vec::with_capacity(case.body.len());
            Box::new(move || {
                out.clear();
                imp.encode(dialect, black_box(&case.err), &mut out);
                black_box(&out);
            })
        }
        Op::Decode => {
            assert!(imp.decode(dialect, case.status, &case.headers, &case.body), "{}", spec.name());
            Box::new(move || {
                black_box(imp.decode(dialect, case.status, &case.headers, black_box(&case.body)));
            })
        }
    }
}

/// Prepares the operation and calls it once outside the measured function.
fn warmed_operation(spec: Spec) -> Box<dyn FnMut()> {
    if spec.n > 10 {
        // Warm up on a small error: the large operation is the slow part.
        operation(spec, 10)();
        operation(spec, spec.n)
    } else {
        let mut op = operation(spec, spec.n);
        op();
        op
    }
}

/// Calls `op` `iterations` times. Callgrind collects inside this function only.
#[inline(never)]
fn measured_loop(op: &mut dyn FnMut(), iterations: u64) {
    for _ in 0..iterations {
        op();
    }
}

fn child(spec: &str) {
    let spec = Spec::parse(spec);
    let mut op = warmed_operation(spec);
    measured_loop(&mut *op, spec.iterations());
}

/// What was measured of one case.
struct Row {
    spec: Spec,
    allocations: f64,
    native_secs: f64,
    /// Instructions per operation, if it ran under callgrind.
    instructions: Option<f64>,
}

fn native(spec: Spec) -> (f64, f64) {
    let mut op = warmed_operation(spec);
    let iterations = spec.iterations();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let start = Instant::now();
    measured_loop(&mut *op, iterations);
    let secs = start.elapsed().as_secs_f64() / iterations as f64;
    let allocations = (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / iterations as f64;
    (allocations, secs)
}

fn callgrind(spec: Spec, dir: &std::path::Path) -> f64 {
    let file = dir.join(format!("{}.out", spec.name().replace('/', "-")));
    let exe = std::env::current_exe().expect("own path");
    let output = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", file.display()))
        .arg("--collect-atstart=no")
        .arg("--toggle-collect=*measured_loop*")
        .arg(&exe)
        .env(CASE_ENV, spec.name())
        .output()
        .expect("valgrind runs");
    if !output.status.success() {
        panic!("{}: valgrind failed:\n{}", spec.name(), String::from_utf8_lossy(&output.stderr));
    }
    let text = std::fs::read_to_string(&file).expect("callgrind output");
    let total = ["totals:", "summary:"]
        .iter()
        .find_map(|key| text.lines().find_map(|l| l.strip_prefix(key)))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or_else(|| panic!("{}: no totals in {}", spec.name(), file.display()));
    total as f64 / spec.iterations() as f64
}

fn valgrind_available() -> bool {
    Command::new("valgrind").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// `<target>/callgrind`, beside the profile directory of this binary.
fn out_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    // <target>/<profile>/deps/<binary>
    let target = exe.ancestors().nth(3).expect("target directory").to_path_buf();
    target.join("callgrind")
}

fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn allocs(x: f64) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.2}") }
}

fn cell(row: Option<&Row>) -> String {
    match row {
        None => String::from("–"),
        Some(Row { instructions: Some(i), .. }) => thousands(*i),
        Some(Row { native_secs, .. }) => format!("not run ({native_secs:.1} s/op natively)"),
    }
}

fn ratio(row: Option<&Row>, base: Option<&Row>) -> String {
    match (row.and_then(|r| r.instructions), base.and_then(|r| r.instructions)) {
        (Some(a), Some(b)) => format!("{:.2}x", a / b),
        _ => String::from("–"),
    }
}

fn tables(rows: &[Row]) -> String {
    let find = |op: Op, dialect: Dialect, n: usize, imp: Imp| {
        rows.iter().find(|r| r.spec.op == op && r.spec.dialect == dialect && r.spec.n == n && r.spec.imp == imp)
    };
    let mut out = String::new();
    for op in [Op::Encode, Op::Decode] {
        let title = match op {
            Op::Encode => "Encode (into a `Vec<u8>` with room)",
            Op::Decode => "Auto-detecting decode (`wire::decode` vs the known dialect's struct)",
        };
        let _ = writeln!(out, "\n### {title}: instructions per operation\n");
        let _ = writeln!(
            out,
            "| dialect | fields | hand-written | error-model | error-model / hand | allocs/op hand | allocs/op error-model |"
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|");
        for &dialect in Dialect::ALL {
            for n in SIZES {
                let hand = find(op, dialect, n, Imp::Hand);
                let em = find(op, dialect, n, Imp::ErrorModel);
                if hand.is_none() && em.is_none() {
                    continue;
                }
                let _ = writeln!(
                    out,
                    "| {dialect} | {n} | {} | {} | {} | {} | {} |",
                    cell(hand),
                    cell(em),
                    ratio(em, hand),
                    hand.map_or("–".into(), |r| allocs(r.allocations)),
                    em.map_or("–".into(), |r| allocs(r.allocations)),
                );
            }
        }
        let peers = [Imp::Hand, Imp::HttpApiProblem, Imp::ProblemDetails, Imp::ErrorModel];
        let any_peer = common::PEER_SIZES.iter().any(|&n| find(op, Dialect::Problem, n, Imp::HttpApiProblem).is_some());
        if !any_peer {
            continue;
        }
        let _ = writeln!(
            out,
            "\n#### {} RFC 9457 with the peers: instructions per operation (ratio to hand-written)\n",
            op.name()
        );
        let _ = writeln!(
            out,
            "| fields | hand-written | http-api-problem | problem_details | error-model | allocs/op hand / http-api-problem / problem_details / error-model |"
        );
        let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|");
        for n in common::PEER_SIZES {
            let hand = find(op, Dialect::Problem, n, Imp::Hand);
            let cells: Vec<String> = peers
                .iter()
                .map(|&imp| {
                    let row = find(op, Dialect::Problem, n, imp);
                    if imp == Imp::Hand { cell(row) } else { format!("{} ({})", cell(row), ratio(row, hand)) }
                })
                .collect();
            let alloc_cells: Vec<String> = peers
                .iter()
                .map(|&imp| find(op, Dialect::Problem, n, imp).map_or("–".into(), |r| allocs(r.allocations)))
                .collect();
            let _ = writeln!(out, "| {n} | {} | {} |", cells.join(" | "), alloc_cells.join(" / "));
        }
    }
    out
}

fn main() {
    if let Ok(spec) = std::env::var(CASE_ENV) {
        child(&spec);
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo test --benches` runs this without `--bench`: no valgrind, no loops.
    if !args.iter().any(|a| a == "--bench") {
        for spec in specs().into_iter().filter(|s| s.n <= 10) {
            operation(spec, spec.n)();
        }
        println!(
            "instructions: checked that every small case runs; measure with `cargo bench -p error-model --bench instructions`"
        );
        return;
    }
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let selected: Vec<Spec> = specs()
        .into_iter()
        .filter(|s| filters.is_empty() || filters.iter().any(|f| s.name().contains(f.as_str())))
        .collect();
    common::check(&SIZES[..2]);
    if !valgrind_available() {
        println!(
            "instructions: skipped: `valgrind` is not on PATH (install valgrind to measure instructions per operation)"
        );
        return;
    }
    let dir = out_dir();
    std::fs::create_dir_all(&dir).expect("callgrind output directory");
    let mut rows = Vec::new();
    for spec in selected {
        let (allocations, native_secs) = native(spec);
        let instructions = (native_secs <= MAX_NATIVE_SECS).then(|| callgrind(spec, &dir));
        eprintln!(
            "{:<48} {:>16} instructions/op {:>12} allocations/op {:>12.3} ms/op natively",
            spec.name(),
            instructions.map_or("not run".into(), thousands),
            allocs(allocations),
            native_secs * 1e3
        );
        rows.push(Row { spec, allocations, native_secs, instructions });
    }
    let tables = tables(&rows);
    println!("{tables}");
    let file = dir.join("instructions.md");
    std::fs::write(&file, &tables).expect("write the tables");
    eprintln!("tables written to {}", file.display());
}
