//! Where identity resolution asks (DNS server, PLC directory) and how patiently.

use std::net::SocketAddr;
use std::time::Duration;

/// The public PLC directory.
pub const DEFAULT_PLC_URL: &str = "https://plc.directory";

/// Largest response read from any server: 1 MiB + 10 KiB, as the TypeScript resolver.
pub const MAX_RESPONSE_SIZE: usize = (1 << 20) + 10 * 1024;

/// Settings of a [`Resolver`](super::Resolver).
#[derive(Debug, Clone)]
pub struct Config {
    /// A DNS server to ask instead of the system's.
    pub dns_server: Option<SocketAddr>,
    /// The PLC directory; `None` means [`DEFAULT_PLC_URL`].
    pub plc_url: Option<String>,
    /// Allow http and loopback endpoints found on the network (local test networks only;
    /// see [`policy`](super::policy)).
    pub allow_insecure_loopback: bool,
    /// Timeout of each request.
    pub timeout: Duration,
    /// How long a resolved DID document is reused: keys rotate, so a long-running server
    /// must look again now and then.
    pub cache_for: Duration,
    /// The `User-Agent` of every request.
    pub user_agent: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            dns_server: None,
            plc_url: None,
            allow_insecure_loopback: false,
            timeout: Duration::from_secs(30),
            cache_for: Duration::from_secs(600),
            user_agent: concat!("lex/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

impl Config {
    /// The PLC directory URL in use.
    pub fn plc_url(&self) -> &str {
        self.plc_url.as_deref().unwrap_or(DEFAULT_PLC_URL)
    }
}
