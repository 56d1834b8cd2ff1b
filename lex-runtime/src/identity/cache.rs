//! A per-key cache of resolutions that are shared while in flight and expire after a while.
//!
//! Concurrent lookups of one key wait for the same fetch (`lex install` asks for one DID
//! once per lexicon it holds); failures are not kept, so the next caller tries again.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

/// Entries are swept for expiry whenever the map reaches a multiple of this size, so a
/// long-running server that sees many DIDs does not keep every one forever.
const SWEEP_EVERY: usize = 1024;

type Entry<T> = (Instant, Arc<OnceCell<T>>);

pub(super) struct Cache<T> {
    ttl: Duration,
    entries: Mutex<HashMap<String, Entry<T>>>,
}

impl<T: Clone> Cache<T> {
    pub(super) fn new(ttl: Duration) -> Cache<T> {
        Cache {
            ttl,
            entries: Mutex::default(),
        }
    }

    /// The cached value of `key`, or the result of `init` (kept only when it succeeds).
    pub(super) async fn get_or_try<E, F, Fut>(&self, key: &str, init: F) -> Result<T, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let cell = self.cell(key);
        cell.get_or_try_init(init).await.cloned()
    }

    /// Drops the value of `key`, so the next lookup fetches it again.
    pub(super) fn forget(&self, key: &str) {
        let mut entries = match self.entries.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        entries.remove(key);
    }

    fn cell(&self, key: &str) -> Arc<OnceCell<T>> {
        // A poisoned lock only means another task panicked; the map itself is still usable.
        let mut entries = match self.entries.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let now = Instant::now();
        let fresh = |(born, cell): &Entry<T>| !cell.initialized() || now - *born < self.ttl;
        if let Some(entry) = entries.get(key).filter(|e| fresh(e)) {
            return Arc::clone(&entry.1);
        }
        if entries.len() % SWEEP_EVERY == SWEEP_EVERY - 1 {
            entries.retain(|_, e| fresh(e));
        }
        let cell = Arc::new(OnceCell::new());
        entries.insert(key.to_owned(), (now, Arc::clone(&cell)));
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_successes_retries_failures_and_expires() {
        let cache = Cache::new(Duration::from_secs(3600));
        let first: Result<u32, ()> = cache.get_or_try("a", || async { Ok(1) }).await;
        let again: Result<u32, ()> = cache.get_or_try("a", || async { Ok(2) }).await;
        assert_eq!((first, again), (Ok(1), Ok(1)));
        let failed: Result<u32, &str> = cache.get_or_try("b", || async { Err("down") }).await;
        let retried: Result<u32, &str> = cache.get_or_try("b", || async { Ok(3) }).await;
        assert_eq!((failed, retried), (Err("down"), Ok(3)));

        let expiring = Cache::new(Duration::ZERO);
        let _: Result<u32, ()> = expiring.get_or_try("a", || async { Ok(1) }).await;
        let later: Result<u32, ()> = expiring.get_or_try("a", || async { Ok(2) }).await;
        assert_eq!(later, Ok(2));
    }
}
