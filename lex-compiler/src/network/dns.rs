//! `_lexicon.<authority>` TXT lookup -> the authority's DID.
//!
//! Per the lexicon spec: query exactly that name (never walk the tree), join the chunks of
//! each TXT record, keep the values starting with `did=`, and require exactly one.

use hickory_resolver::config::{NameServerConfigGroup, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::{Resolver, TokioResolver};

use super::NetworkConfig;

/// A DNS client: the configured server, or the system's.
pub(super) struct Dns {
    /// The error is kept for the first lookup: an install served entirely from local files
    /// must not fail because the system has no DNS configuration.
    resolver: Result<TokioResolver, String>,
}

impl Dns {
    pub(super) fn new(config: &NetworkConfig) -> Result<Dns, String> {
        let mut opts = ResolverOpts::default();
        opts.timeout = config.timeout.min(std::time::Duration::from_secs(5));
        opts.attempts = 2;
        // TXT answers decide authority; a short-lived process gains nothing from caching
        // them, and the spec warns against caching them for long.
        opts.cache_size = 0;
        let resolver = match config.dns_server {
            Some(addr) => {
                let group = NameServerConfigGroup::from_ips_clear(&[addr.ip()], addr.port(), true);
                Resolver::builder_with_config(
                    ResolverConfig::from_parts(None, vec![], group),
                    TokioConnectionProvider::default(),
                )
                .with_options(opts)
                .build()
            }
            None => match Resolver::builder_tokio() {
                Ok(builder) => builder.with_options(opts).build(),
                Err(e) => {
                    return Ok(Dns {
                        resolver: Err(format!(
                            "cannot read the system DNS configuration ({e}); use --dns-server"
                        )),
                    })
                }
            },
        };
        Ok(Dns {
            resolver: Ok(resolver),
        })
    }

    /// Every TXT value at `name` (each record's chunks joined); empty when the name has
    /// none. Publishing reports what DNS answers today, not only the one `did=` value.
    pub(super) async fn txt(&self, name: &str) -> Result<Vec<String>, String> {
        let resolver = self.resolver.as_ref().map_err(Clone::clone)?;
        match resolver.txt_lookup(name).await {
            Ok(lookup) => Ok(lookup
                .iter()
                .map(|txt| {
                    let joined: Vec<u8> = txt
                        .txt_data()
                        .iter()
                        .flat_map(|c| c.iter().copied())
                        .collect();
                    String::from_utf8_lossy(&joined).into_owned()
                })
                .collect()),
            Err(e) if e.is_no_records_found() || e.is_nx_domain() => Ok(Vec::new()),
            Err(e) => Err(format!(
                "TXT lookup of {} failed: {e}",
                name.trim_end_matches('.')
            )),
        }
    }

    /// Returns (the `did=` TXT value, the DID).
    pub(super) async fn lexicon_did(&self, authority: &str) -> Result<(String, String), String> {
        let name = format!("_lexicon.{authority}.");
        let resolver = self.resolver.as_ref().map_err(Clone::clone)?;
        let lookup = match resolver.txt_lookup(name.as_str()).await {
            Ok(l) => l,
            Err(e) if e.is_no_records_found() || e.is_nx_domain() => {
                return Err(format!(
                    "no TXT record at {} (publish `did=<DID>` there)",
                    name.trim_end_matches('.')
                ))
            }
            Err(e) => {
                return Err(format!(
                    "TXT lookup of {} failed: {e}",
                    name.trim_end_matches('.')
                ))
            }
        };
        let values: Vec<String> = lookup
            .iter()
            .map(|txt| {
                let joined: Vec<u8> = txt
                    .txt_data()
                    .iter()
                    .flat_map(|c| c.iter().copied())
                    .collect();
                String::from_utf8_lossy(&joined).into_owned()
            })
            .filter(|v| v.starts_with("did="))
            .collect();
        match values.as_slice() {
            [one] => {
                let did = one.get(4..).unwrap_or_default();
                lex_runtime::Did::new(did).map_err(|e| {
                    format!(
                        "{}: `{one}` is not a valid DID: {e}",
                        name.trim_end_matches('.')
                    )
                })?;
                Ok((one.clone(), did.to_owned()))
            }
            [] => Err(format!(
                "no `did=` TXT record at {}",
                name.trim_end_matches('.')
            )),
            many => Err(format!(
                "{} has {} `did=` TXT records ({}); exactly one is required",
                name.trim_end_matches('.'),
                many.len(),
                many.join(", ")
            )),
        }
    }
}
