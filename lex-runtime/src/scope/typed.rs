//! Granular scopes for generated types: [`repo_scope`] for a [`Record`], [`rpc_scope`]
//! for a [`Method`], so generated modules need no scope code of their own.

use super::audience::Audience;
use super::error::ScopeErrorKind;
use super::nsid_list::NsidList;
use super::repo::{RepoActions, RepoScope};
use super::rpc::RpcScope;
use super::{Scope, ScopeError};
use crate::record::Record;
use crate::xrpc::Method;
use crate::Nsid;

/// `repo:<R::NSID>` for `actions` (`RepoActions::ALL` omits the `action` parameter).
///
/// Fails only if `R::NSID` is not an NSID, which generated code rules out.
pub fn repo_scope<R: Record>(actions: RepoActions) -> Result<Scope, ScopeError> {
    let nsid = nsid(R::NSID, "collection")?;
    Ok(Scope::Repo(RepoScope::new(
        NsidList::Only(vec![nsid]),
        actions,
    )))
}

/// `rpc:<M::NSID>?aud=<aud>`; `aud` is `*` or a decoded DID service reference
/// (`did:web:api.bsky.app#bsky_appview`).
pub fn rpc_scope<M: Method>(aud: &str) -> Result<Scope, ScopeError> {
    let lxm = nsid(M::NSID, "lxm")?;
    let bad = |reason| {
        ScopeError::new(
            aud,
            ScopeErrorKind::BadValue {
                param: "aud",
                value: aud.to_owned(),
                reason,
            },
        )
    };
    let aud = Audience::parse(aud).map_err(bad)?;
    let scope = RpcScope::new(NsidList::Only(vec![lxm]), aud);
    // One named method is never `*`, so `new` cannot refuse; the error keeps it total.
    scope
        .map(Scope::Rpc)
        .ok_or_else(|| ScopeError::new(M::NSID, ScopeErrorKind::BothWildcards))
}

fn nsid(s: &str, param: &'static str) -> Result<Nsid, ScopeError> {
    Nsid::new(s).map_err(|e| {
        ScopeError::new(
            s,
            ScopeErrorKind::BadValue {
                param,
                value: s.to_owned(),
                reason: e.reason(),
            },
        )
    })
}
