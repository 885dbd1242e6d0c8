//! Peak heap of the macro's own work for a set of synthetic pages: analysis
//! and tokens, measured with a counting allocator around exactly what
//! `models!` calls. The compiler's memory for the emitted code is measured
//! separately (see BENCHMARKS.md).
//!
//! `cargo run --release -p pivot-codegen --example peak_memory -- [pages]`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIB: f64 = 1024.0 * 1024.0;

fn main() {
    let count = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(500);
    let pages = pivot_synthetic::pages(6, count);
    let input: usize = pages.iter().map(|p| p.text.len()).sum();
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);

    let generated = pivot_codegen::generate(&pages);
    let tokens = generated.tokens();

    let peak = PEAK.load(Ordering::Relaxed) - before;
    let tokens_text = tokens.to_string().len();
    println!(
        "{count} pages, {:.2} MiB of pages: peak heap of generate + tokens {:.1} MiB ({:.1}x the input); {:.2} MiB of tokens as text",
        input as f64 / MIB,
        peak as f64 / MIB,
        peak as f64 / input as f64,
        tokens_text as f64 / MIB
    );
}
