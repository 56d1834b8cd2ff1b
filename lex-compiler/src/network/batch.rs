//! Many resolutions at once, for callers without an async runtime (`lex breaking
//! --against manifest|published`): one resolver, so DNS answers and DID documents are
//! shared, and at most `concurrency` fetches in flight.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::{NetworkConfig, ResolveError, Resolved, Resolver, Step};

/// What to look up for one NSID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// The published version: DNS, then the DID's repository.
    Published(String),
    /// The record in a known repository (the DID a manifest pinned), skipping DNS.
    InRepo {
        /// The NSID.
        nsid: String,
        /// The repository DID.
        did: String,
    },
}

impl Lookup {
    fn nsid(&self) -> &str {
        match self {
            Lookup::Published(nsid) | Lookup::InRepo { nsid, .. } => nsid,
        }
    }
}

/// Runs every lookup and returns the outcomes in the order given.
pub fn resolve_all_blocking(
    config: NetworkConfig,
    lookups: Vec<Lookup>,
) -> Vec<Result<Resolved, ResolveError>> {
    let fail_all = |lookups: &[Lookup], message: String| {
        lookups
            .iter()
            .map(|l| {
                Err(ResolveError {
                    nsid: l.nsid().to_owned(),
                    step: Step::Input,
                    message: message.clone(),
                })
            })
            .collect()
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return fail_all(&lookups, format!("cannot start the async runtime: {e}")),
    };
    runtime.block_on(async {
        let concurrency = config.concurrency.max(1);
        let resolver = match Resolver::new(config) {
            Ok(r) => Arc::new(r),
            Err(m) => return fail_all(&lookups, m),
        };
        let permits = Arc::new(Semaphore::new(concurrency));
        let mut tasks = JoinSet::new();
        for (i, lookup) in lookups.iter().cloned().enumerate() {
            let (resolver, permits) = (Arc::clone(&resolver), Arc::clone(&permits));
            tasks.spawn(async move {
                // The semaphore is never closed, so acquiring only waits.
                let _permit = permits.acquire_owned().await;
                let outcome = match &lookup {
                    Lookup::Published(nsid) => resolver.resolve(nsid).await,
                    Lookup::InRepo { nsid, did } => resolver.fetch(nsid, did).await,
                };
                (i, outcome)
            });
        }
        let mut out: Vec<Option<Result<Resolved, ResolveError>>> = vec![None; lookups.len()];
        while let Some(joined) = tasks.join_next().await {
            if let Ok((i, outcome)) = joined {
                if let Some(slot) = out.get_mut(i) {
                    *slot = Some(outcome);
                }
            }
        }
        out.into_iter()
            .zip(&lookups)
            .map(|(outcome, lookup)| {
                outcome.unwrap_or_else(|| {
                    Err(ResolveError {
                        nsid: lookup.nsid().to_owned(),
                        step: Step::Input,
                        message: "the lookup task failed".to_owned(),
                    })
                })
            })
            .collect()
    })
}
