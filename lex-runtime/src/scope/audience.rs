//! [`ServiceRef`] and [`Audience`]: who an `rpc` or `include` scope lets the app talk to.

use std::fmt;

/// An atproto DID service reference such as `did:web:api.bsky.app#bsky_appview`: a
/// `did:plc` or `did:web` DID (no path, no port except on `localhost`) and a non-empty
/// fragment naming a service in its DID document.
///
/// Stored decoded (a real `#`); scope strings write the `#` as `%23`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServiceRef(String);

impl ServiceRef {
    /// Checks `s` (decoded, with a literal `#`); the error says what is wrong.
    pub fn parse(s: &str) -> Result<ServiceRef, &'static str> {
        check(s)?;
        Ok(ServiceRef(s.to_owned()))
    }

    /// The reference as text, e.g. `did:web:api.bsky.app#bsky_appview`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The DID before the `#`.
    pub fn did(&self) -> &str {
        self.0.split_once('#').map_or("", |(did, _)| did)
    }

    /// The service id after the `#`.
    pub fn fragment(&self) -> &str {
        self.0.split_once('#').map_or("", |(_, frag)| frag)
    }
}

impl fmt::Display for ServiceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The `aud` of an `rpc` scope: any service, or one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Audience {
    /// `*`.
    Any,
    /// One service.
    Service(ServiceRef),
}

impl Audience {
    /// `*` or a [`ServiceRef`].
    pub fn parse(s: &str) -> Result<Audience, &'static str> {
        if s == "*" {
            return Ok(Audience::Any);
        }
        ServiceRef::parse(s).map(Audience::Service)
    }

    /// `*` or the service reference, decoded.
    pub fn as_str(&self) -> &str {
        match self {
            Audience::Any => "*",
            Audience::Service(s) => s.as_str(),
        }
    }

    /// Whether a request to `aud` (a decoded service reference) is covered; exact match.
    pub fn allows(&self, aud: &str) -> bool {
        match self {
            Audience::Any => true,
            Audience::Service(s) => s.as_str() == aud,
        }
    }
}

fn check(s: &str) -> Result<(), &'static str> {
    let Some((did, fragment)) = s.split_once('#') else {
        return Err("a DID service reference needs a `#service` fragment");
    };
    if fragment.is_empty() {
        return Err("the `#` fragment is empty");
    }
    if !is_fragment(fragment.as_bytes()) {
        return Err("the fragment holds a character a URI fragment may not (or a second `#`)");
    }
    if let Some(id) = did.strip_prefix("did:plc:") {
        let base32 = |b: &u8| b.is_ascii_lowercase() || (b'2'..=b'7').contains(b);
        if id.len() == 24 && id.bytes().all(|b| base32(&b)) {
            return Ok(());
        }
        return Err("a did:plc identifier is 24 characters of base32 (a-z, 2-7)");
    }
    if let Some(host) = did.strip_prefix("did:web:") {
        return check_web_host(host);
    }
    Err("the DID must be did:plc or did:web")
}

fn check_web_host(host: &str) -> Result<(), &'static str> {
    if host.contains(':') {
        return Err("a did:web with a path is not an atproto DID");
    }
    // Only `localhost` may name a port (written `%3A`); the reference refuses others.
    let (name, port) = match host.split_once("%3A") {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    };
    if name.is_empty() {
        return Err("the did:web host is empty");
    }
    let host_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_');
    if !name.bytes().all(host_char) {
        return Err("the did:web host may only hold letters, digits and `.-_`");
    }
    if let Some(port) = port {
        if name != "localhost" {
            return Err("only a did:web on localhost may name a port");
        }
        let digits =
            !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
        if !digits || port.parse::<u32>().map_or(true, |p| p > 65535) {
            return Err("the did:web port is not a number from 0 to 65535");
        }
    }
    Ok(())
}

/// RFC 3986 `fragment`: pchar, `/` and `?`, with `%` only in `%XX` escapes.
fn is_fragment(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
                    | b'/'
                    | b'?'
            );
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}
