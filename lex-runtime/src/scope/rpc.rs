//! `rpc` scopes: [`RpcScope`] (methods and the service they may be called on).

use std::fmt;

use super::audience::Audience;
use super::error::{ScopeError, ScopeErrorKind};
use super::nsid_list::NsidList;
use super::syntax::{write_scope, Params};

/// `rpc:<lxm>?aud=<service>`: call these methods (through the PDS proxy or with a
/// service-auth token) on this service.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RpcScope {
    lxm: NsidList,
    aud: Audience,
}

impl RpcScope {
    /// A scope for these methods on `aud`; `None` when both are `*` (the spec forbids it).
    pub fn new(lxm: NsidList, aud: Audience) -> Option<RpcScope> {
        let both = lxm == NsidList::All && aud == Audience::Any;
        (!both).then_some(RpcScope { lxm, aud })
    }

    /// The methods (`lxm`).
    pub fn lxm(&self) -> &NsidList {
        &self.lxm
    }

    /// The service (`aud`).
    pub fn aud(&self) -> &Audience {
        &self.aud
    }

    /// Whether the scope lets the app call `lxm` on `aud` (a decoded service reference).
    pub fn allows(&self, lxm: &str, aud: &str) -> bool {
        self.aud.allows(aud) && self.lxm.contains(lxm)
    }

    pub(crate) fn from_params(mut p: Params<'_>) -> Result<RpcScope, ScopeError> {
        p.only(&["lxm", "aud"])?;
        let lxm = p.required_multi("lxm")?;
        let lxm = NsidList::parse(&p, "lxm", lxm)?;
        let aud = p.required_single("aud")?;
        let aud = Audience::parse(&aud).map_err(|reason| p.bad_value("aud", &aud, reason))?;
        RpcScope::new(lxm, aud).ok_or_else(|| p.error(ScopeErrorKind::BothWildcards))
    }
}

impl fmt::Display for RpcScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let aud = [("aud", self.aud.as_str())];
        write_scope(f, "rpc", "lxm", &self.lxm.values(), &aud)
    }
}
