//! TXT lookups: a name -> every TXT value there (each record's chunks joined).
//!
//! Callers query exactly the name they mean (`_atproto.<handle>`, `_lexicon.<authority>`)
//! and never walk up the tree, as the identity and lexicon specs require.

use hickory_resolver::config::{NameServerConfigGroup, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::{Resolver, TokioResolver};

use super::{Config, IdentityError};

/// A DNS client: the configured server, or the system's.
pub(super) struct Dns {
    /// The error is kept for the first lookup: a program that ends up asking nothing
    /// (`lex install` served from local files) must not fail because the system has no
    /// DNS configuration.
    resolver: Result<TokioResolver, String>,
}

impl Dns {
    pub(super) fn new(config: &Config) -> Dns {
        let mut opts = ResolverOpts::default();
        opts.timeout = config.timeout.min(std::time::Duration::from_secs(5));
        opts.attempts = 2;
        // TXT answers decide identity and authority; the specs warn against caching them
        // for long, and the resolver's own cache would outlive a DID document's.
        opts.cache_size = 0;
        let resolver = match config.dns_server {
            Some(addr) => {
                let group = NameServerConfigGroup::from_ips_clear(&[addr.ip()], addr.port(), true);
                Ok(Resolver::builder_with_config(
                    ResolverConfig::from_parts(None, vec![], group),
                    TokioConnectionProvider::default(),
                )
                .with_options(opts)
                .build())
            }
            None => match Resolver::builder_tokio() {
                Ok(builder) => Ok(builder.with_options(opts).build()),
                Err(e) => Err(format!(
                    "cannot read the system DNS configuration ({e}); use --dns-server"
                )),
            },
        };
        Dns { resolver }
    }

    /// Every TXT value at `name` (a fully qualified name, ending in `.`); empty when the
    /// name has none or does not exist.
    pub(super) async fn txt(&self, name: &str) -> Result<Vec<String>, IdentityError> {
        let resolver = self
            .resolver
            .as_ref()
            .map_err(|m| IdentityError::network(m.clone()))?;
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
            Err(e) => Err(IdentityError::network(format!(
                "TXT lookup of {} failed: {e}",
                name.trim_end_matches('.')
            ))),
        }
    }
}
