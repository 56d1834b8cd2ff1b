//! Which endpoints resolution may contact (server-side request forgery protection).
//!
//! The rule:
//! * Endpoints the user configured (the PLC URL, the DNS server) are used as given.
//! * Endpoints found on the network (a DID document's PDS, a did:web host) must be `https`
//!   on a public address. Loopback, private, link-local, CGNAT, multicast and unspecified
//!   addresses are refused, both as IP literals and as what a host name resolves to (see
//!   `PublicResolver`), so a published DID document cannot point `lex` at an internal
//!   service.
//! * Exception, for local test networks: when the configured PLC URL is plain `http` on a
//!   loopback address, or [`Config::allow_insecure_loopback`] is set (`lex` sets it for
//!   `--allow-insecure-loopback` / `LEX_ALLOW_INSECURE_LOOPBACK=1`), discovered endpoints
//!   may also be `http` on loopback addresses (still never private or public plain http).

use std::net::{IpAddr, SocketAddr};

use super::Config;

/// The decision procedure for endpoints.
#[derive(Debug, Clone)]
pub struct Policy {
    allow_loopback: bool,
}

impl Policy {
    /// The policy for `config`; errors when the configured PLC URL is not http(s).
    pub fn new(config: &Config) -> Result<Policy, String> {
        let plc = reqwest::Url::parse(config.plc_url())
            .map_err(|e| format!("invalid PLC URL `{}`: {e}", config.plc_url()))?;
        if !matches!(plc.scheme(), "http" | "https") {
            return Err(format!("PLC URL `{plc}` must be http or https"));
        }
        let plc_is_loopback_http = config.plc_url.is_some()
            && plc.scheme() == "http"
            && host_of(&plc).is_some_and(|h| host_is_loopback(&h));
        Ok(Policy {
            allow_loopback: config.allow_insecure_loopback || plc_is_loopback_http,
        })
    }

    /// Whether http/loopback endpoints found on the network are allowed.
    pub fn allows_loopback(&self) -> bool {
        self.allow_loopback
    }

    /// Checks an endpoint found on the network (PDS URL, did:web document URL).
    pub fn check_discovered(&self, url: &str) -> Result<(), String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("`{url}` is not a URL: {e}"))?;
        let Some(host) = host_of(&parsed) else {
            return Err(format!("`{url}` has no host"));
        };
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(format!("`{url}` carries credentials"));
        }
        let loopback = host_is_loopback(&host);
        match parsed.scheme() {
            "https" => {}
            "http" if loopback && self.allow_loopback => {}
            "http" => {
                return Err(format!(
                    "`{url}` is plain http (allowed only for loopback test endpoints configured with an http loopback --plc-url or --allow-insecure-loopback)"
                ))
            }
            other => return Err(format!("`{url}` uses unsupported scheme `{other}`")),
        }
        if loopback {
            if self.allow_loopback {
                return Ok(());
            }
            return Err(format!(
                "`{url}` points at a loopback address (refused unless loopback endpoints were configured explicitly)"
            ));
        }
        if let Host::Ip(ip) = host {
            if !is_public(ip) {
                return Err(format!("`{url}` points at a non-public address"));
            }
        }
        Ok(())
    }

    /// Whether a resolved address may be connected to.
    pub fn address_allowed(&self, ip: IpAddr) -> bool {
        is_public(ip) || (self.allow_loopback && ip.is_loopback())
    }
}

/// A URL host: an IP literal or a name.
enum Host {
    Ip(IpAddr),
    Domain(String),
}

fn host_of(url: &reqwest::Url) -> Option<Host> {
    let raw = url.host_str()?;
    let bare = raw.trim_start_matches('[').trim_end_matches(']');
    Some(match bare.parse::<IpAddr>() {
        Ok(ip) => Host::Ip(ip),
        Err(_) => Host::Domain(raw.trim_end_matches('.').to_ascii_lowercase()),
    })
}

fn host_is_loopback(host: &Host) -> bool {
    match host {
        Host::Domain(d) => d == "localhost" || d.ends_with(".localhost"),
        Host::Ip(ip) => ip.is_loopback(),
    }
}

/// True for globally routable unicast addresses.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// reqwest's DNS hook: resolves host names with the system resolver and drops every
/// address the policy refuses, so a public name cannot smuggle in a private address.
/// Give it to every client that contacts endpoints found on the network.
#[derive(Debug, Clone)]
pub struct PublicResolver {
    policy: Policy,
}

impl PublicResolver {
    /// A DNS hook that keeps only the addresses `policy` allows.
    pub fn new(policy: Policy) -> PublicResolver {
        PublicResolver { policy }
    }
}

impl reqwest::dns::Resolve for PublicResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy.clone();
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| policy.address_allowed(a.ip()))
                .collect();
            if addrs.is_empty() {
                let e: Box<dyn std::error::Error + Send + Sync> =
                    format!("`{host}` resolves to no public address").into();
                return Err(e);
            }
            let iter: reqwest::dns::Addrs = Box::new(addrs.into_iter());
            Ok(iter)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(plc: Option<&str>, flag: bool) -> Policy {
        Policy::new(&Config {
            plc_url: plc.map(str::to_owned),
            allow_insecure_loopback: flag,
            ..Config::default()
        })
        .unwrap()
    }

    #[test]
    fn default_policy_refuses_loopback_private_and_http() {
        let p = policy(None, false);
        assert!(p.check_discovered("https://pds.example.com").is_ok());
        for bad in [
            "http://pds.example.com",
            "https://127.0.0.1:8080",
            "http://127.0.0.1:8080",
            "https://localhost",
            "https://10.0.0.1",
            "https://192.168.1.1",
            "https://169.254.169.254",
            "https://[::1]",
            "https://[fd00::1]",
            "https://user:pw@pds.example.com",
            "ftp://pds.example.com",
        ] {
            assert!(p.check_discovered(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn explicit_loopback_plc_allows_loopback_http_only() {
        for p in [
            policy(Some("http://127.0.0.1:2582"), false),
            policy(None, true),
        ] {
            assert!(p.check_discovered("http://127.0.0.1:2583").is_ok());
            assert!(p.check_discovered("http://localhost:2583").is_ok());
            assert!(p.check_discovered("http://10.0.0.1").is_err());
            assert!(p.check_discovered("http://pds.example.com").is_err());
        }
        // An https or non-loopback PLC URL is not a test network.
        assert!(policy(Some("https://plc.example.com"), false)
            .check_discovered("http://127.0.0.1:1")
            .is_err());
    }
}
