//! Work spread over the cores: an ordered map over a slice, for the stages where each item
//! is independent (reading and parsing lexicon files, emitting modules, staging files).
//!
//! A hand-written loop over scoped threads rather than a thread-pool crate: the items are
//! a few hundred, the runs are one-shot, and workers need their own state (codegen's token
//! streams are not `Send`), which a pull counter over the slice gives for a dozen lines.
//! Results come back in item order whatever the thread count, so output never depends on
//! the machine.

use std::sync::atomic::{AtomicUsize, Ordering};

/// More threads than this gain little (the work is a few hundred items) and cost memory.
const MAX_THREADS: usize = 4;

/// A worker thread panicked (a bug); the results of the others are dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WorkerPanicked;

/// `f` applied to every item, in item order. Each worker builds its state with `init`
/// once and reuses it for the items it takes.
pub(crate) fn map_with<T, S, R>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Result<Vec<R>, WorkerPanicked>
where
    T: Sync,
    R: Send,
{
    let threads = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .clamp(1, MAX_THREADS)
        .min(items.len());
    let next = AtomicUsize::new(0);
    let work = || {
        let mut state = init();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(&mut state, item)));
        }
    };
    let parts: Vec<Vec<(usize, R)>> = if threads <= 1 {
        // Caught here too, so one core and many report a panic the same way.
        vec![std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
            .map_err(|_| WorkerPanicked)?]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
            handles
                .into_iter()
                .map(|h| h.join().map_err(|_| WorkerPanicked))
                .collect::<Result<_, _>>()
        })?
    };
    let mut all: Vec<(usize, R)> = parts.into_iter().flatten().collect();
    all.sort_unstable_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, r)| r).collect())
}

/// [`map_with`] without per-worker state.
pub(crate) fn map<T, R>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Result<Vec<R>, WorkerPanicked>
where
    T: Sync,
    R: Send,
{
    map_with(items, || (), |(), item| f(item))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_item_order() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled = map(&items, |n| n * 2).expect("no panic");
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_items_no_threads() {
        let items: Vec<u32> = Vec::new();
        assert_eq!(map(&items, |n| *n), Ok(Vec::new()));
    }

    #[test]
    fn state_is_per_worker() {
        let items: Vec<u32> = (0..100).collect();
        let seen = map_with(&items, Vec::new, |seen: &mut Vec<u32>, n| {
            seen.push(*n);
            seen.len()
        })
        .expect("no panic");
        // A count of 1 is a worker's first item: state is built once per worker, not per
        // item.
        let workers = seen.iter().filter(|&&c| c == 1).count();
        assert!((1..=MAX_THREADS).contains(&workers), "{workers} workers");
    }

    #[test]
    fn a_panicking_worker_is_an_error() {
        let items: Vec<u32> = (0..10).collect();
        assert_eq!(
            map(&items, |n| assert!(*n != 7, "boom")),
            Err(WorkerPanicked)
        );
    }
}
