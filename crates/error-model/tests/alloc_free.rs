//! Looking a code up by wire name, and reading its status or text, allocates nothing.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use error_model::{Code, ErrorCode};

struct Counting;

thread_local! {
    // Per thread, so that the test harness's own threads do not count.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn lookups_do_not_allocate() {
    let names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).chain(["NOPE", "card_declined"]).collect();
    let before = ALLOCATIONS.with(Cell::get);
    let mut checksum = 0usize;
    for name in &names {
        if let Some(code) = ErrorCode::from_wire(name) {
            checksum += usize::from(code.status().as_u16());
            checksum += code.info().description().len() + code.info().remediation().len();
            checksum += code.category().as_str().len();
        }
        if let Some(info) = Code::lookup(name) {
            checksum += info.title().len();
        }
        // A registered Code is a pointer to its row: building one allocates nothing either.
        let code = Code::new(name);
        checksum += usize::from(code.is_known());
        if code.is_known() {
            std::mem::forget(code);
        } else {
            drop(code);
        }
    }
    let after = ALLOCATIONS.with(Cell::get);
    // Only the two unknown names allocate, to keep their raw text.
    assert_eq!(after - before, 2, "checksum {checksum}");
}
