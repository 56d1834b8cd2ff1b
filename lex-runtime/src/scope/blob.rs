//! `blob` scopes: [`BlobScope`] (the MIME types an app may upload).

use std::fmt;

use super::error::{ScopeError, ScopeErrorKind};
use super::syntax::{write_scope, Params};

/// `blob:<accept>`: upload blobs of these MIME types (`*/*`, `type/*` or `type/subtype`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlobScope {
    /// Lower-cased, without values a `type/*` covers, sorted; just `*/*` when present.
    accept: Vec<String>,
}

impl BlobScope {
    /// A scope accepting these patterns; `Err` names the first invalid one.
    pub fn new<S: AsRef<str>>(accept: &[S]) -> Result<BlobScope, &'static str> {
        for a in accept {
            check_accept(a.as_ref())?;
        }
        if accept.is_empty() {
            return Err("no MIME type");
        }
        Ok(BlobScope {
            accept: normalize(accept.iter().map(|a| a.as_ref().to_owned()).collect()),
        })
    }

    /// The accepted patterns, normalized.
    pub fn accept(&self) -> &[String] {
        &self.accept
    }

    /// Whether an upload of type `mime` (a concrete `type/subtype`) is covered. The
    /// comparison is exact, as the reference's is, so `image/PNG` needs `image/*`.
    pub fn allows(&self, mime: &str) -> bool {
        check_accept(mime).is_ok()
            && !mime.contains('*')
            && self.accept.iter().any(|a| accept_matches(a, mime))
    }

    pub(crate) fn from_params(mut p: Params<'_>) -> Result<BlobScope, ScopeError> {
        p.only(&["accept"])?;
        let values = p.required_multi("accept")?;
        for v in &values {
            if let Err(reason) = check_accept(v) {
                if v.contains('*') && v.matches('/').count() == 1 {
                    return Err(p.error(ScopeErrorKind::PartialWildcard {
                        param: "accept",
                        value: v.clone(),
                    }));
                }
                return Err(p.bad_value("accept", v, reason));
            }
        }
        Ok(BlobScope {
            accept: normalize(values),
        })
    }
}

fn accept_matches(accept: &str, mime: &str) -> bool {
    if accept == "*/*" {
        return true;
    }
    match accept.strip_suffix('*') {
        Some(prefix) => mime.starts_with(prefix),
        None => accept == mime,
    }
}

/// The reference's `accept` syntax: one `/` with text on both sides, no space, and `*`
/// only as `*/*` or a trailing `/*`.
fn check_accept(v: &str) -> Result<(), &'static str> {
    if v == "*/*" {
        return Ok(());
    }
    let Some((kind, sub)) = v.split_once('/') else {
        return Err("expected a MIME type `type/subtype`");
    };
    if kind.is_empty() || sub.is_empty() || sub.contains('/') || v.contains(' ') {
        return Err("expected a MIME type `type/subtype`");
    }
    // The reference also takes control and non-ASCII characters (and lower-cases the
    // latter by Unicode rules); no MIME type holds them.
    if !v.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("a MIME type is printable ASCII");
    }
    let type_wildcard = sub == "*" && !kind.contains('*');
    if v.contains('*') && !type_wildcard {
        return Err("`*` may only stand for a whole subtype (`type/*`) or everything (`*/*`)");
    }
    Ok(())
}

fn normalize(values: Vec<String>) -> Vec<String> {
    if values.iter().any(|v| v == "*/*") {
        return vec!["*/*".to_owned()];
    }
    let mut values: Vec<String> = values.into_iter().map(|v| v.to_ascii_lowercase()).collect();
    values.sort_unstable();
    values.dedup();
    let wildcards: Vec<String> = values
        .iter()
        .filter_map(|v| v.strip_suffix("/*").map(str::to_owned))
        .collect();
    values.retain(|v| {
        v.ends_with("/*")
            || !v
                .split_once('/')
                .is_some_and(|(kind, _)| wildcards.iter().any(|w| w == kind))
    });
    values
}

impl fmt::Display for BlobScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let accept: Vec<&str> = self.accept.iter().map(String::as_str).collect();
        write_scope(f, "blob", "accept", &accept, &[])
    }
}
