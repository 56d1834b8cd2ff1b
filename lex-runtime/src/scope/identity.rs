//! `identity` scopes: [`IdentityScope`] (the handle, or the whole DID document).

use std::fmt;

use super::error::ScopeError;
use super::syntax::{write_scope, Params};

/// What an `identity` scope controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdentityAttr {
    /// `handle`: update the handle.
    Handle,
    /// `*`: full control of the DID document and handle.
    All,
}

impl IdentityAttr {
    /// The attribute as written in scopes.
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityAttr::Handle => "handle",
            IdentityAttr::All => "*",
        }
    }

    /// Parses `handle` or `*`.
    pub fn parse(s: &str) -> Option<IdentityAttr> {
        match s {
            "handle" => Some(IdentityAttr::Handle),
            "*" => Some(IdentityAttr::All),
            _ => None,
        }
    }
}

/// `identity:<attr>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdentityScope {
    /// The attribute.
    pub attr: IdentityAttr,
}

impl IdentityScope {
    /// Whether the scope covers `attr` (`*` covers everything).
    pub fn allows(&self, attr: IdentityAttr) -> bool {
        self.attr == IdentityAttr::All || self.attr == attr
    }

    pub(crate) fn from_params(mut p: Params<'_>) -> Result<IdentityScope, ScopeError> {
        p.only(&["attr"])?;
        let attr = p.required_single("attr")?;
        let attr = IdentityAttr::parse(&attr)
            .ok_or_else(|| p.bad_value("attr", &attr, "expected `handle` or `*`"))?;
        Ok(IdentityScope { attr })
    }
}

impl fmt::Display for IdentityScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_scope(f, "identity", "attr", &[self.attr.as_str()], &[])
    }
}
