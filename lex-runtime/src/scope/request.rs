//! [`Request`]: an action an app attempts, checked with [`super::ScopeSet::allows`].

use super::account::{AccountAction, AccountAttr};
use super::identity::IdentityAttr;
use super::repo::RepoAction;
use super::Scope;

/// Something an app wants to do with an access token, in the five kinds scopes govern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Request<'a> {
    /// Write a record.
    Repo {
        /// The collection NSID.
        collection: &'a str,
        /// Create, update or delete.
        action: RepoAction,
    },
    /// Call a method on a service (proxied or with a service-auth token).
    Rpc {
        /// The method NSID; `*` for a service-auth token not bound to a method.
        lxm: &'a str,
        /// The service, a decoded DID service reference (`did:web:api.bsky.app#bsky_appview`).
        aud: &'a str,
    },
    /// Upload a blob.
    Blob {
        /// Its MIME type (`type/subtype`).
        mime: &'a str,
    },
    /// Read or change an account setting.
    Account {
        /// The setting.
        attr: AccountAttr,
        /// Read or manage.
        action: AccountAction,
    },
    /// Change the handle or the DID document.
    Identity {
        /// The handle, or everything (`*`).
        attr: IdentityAttr,
    },
}

impl<'a> Request<'a> {
    /// A record write.
    pub fn repo(collection: &'a str, action: RepoAction) -> Request<'a> {
        Request::Repo { collection, action }
    }

    /// A method call on `aud`.
    pub fn rpc(lxm: &'a str, aud: &'a str) -> Request<'a> {
        Request::Rpc { lxm, aud }
    }

    /// A blob upload.
    pub fn blob(mime: &'a str) -> Request<'a> {
        Request::Blob { mime }
    }

    /// An account setting access.
    pub fn account(attr: AccountAttr, action: AccountAction) -> Request<'a> {
        Request::Account { attr, action }
    }

    /// An identity change.
    pub fn identity(attr: IdentityAttr) -> Request<'a> {
        Request::Identity { attr }
    }
}

impl Scope {
    /// Whether this scope, on its own, allows `request`.
    ///
    /// `transition:chat.bsky` allows nothing alone: the spec makes it depend on
    /// `transition:generic`, and [`super::ScopeSet::allows`] checks the pair. `atproto`
    /// and `include:` (expand it first) allow nothing.
    pub fn allows(&self, request: &Request<'_>) -> bool {
        match (self, request) {
            (Scope::Repo(s), Request::Repo { collection, action }) => s.allows(collection, *action),
            (Scope::Rpc(s), Request::Rpc { lxm, aud }) => s.allows(lxm, aud),
            (Scope::Blob(s), Request::Blob { mime }) => s.allows(mime),
            (Scope::Account(s), Request::Account { attr, action }) => s.allows(*attr, *action),
            (Scope::Identity(s), Request::Identity { attr }) => s.allows(*attr),
            // Section 8: App Password level, minus account management and DMs.
            (Scope::TransitionGeneric, Request::Repo { .. } | Request::Blob { .. }) => true,
            (Scope::TransitionGeneric, Request::Rpc { lxm, .. }) => !is_chat(lxm),
            (
                Scope::TransitionEmail,
                Request::Account {
                    attr: AccountAttr::Email,
                    action: AccountAction::Read,
                },
            ) => true,
            _ => false,
        }
    }
}

/// Whether `lxm` is a Bluesky chat method (`*` is not: it stands for "no method").
pub(crate) fn is_chat(lxm: &str) -> bool {
    lxm.starts_with("chat.bsky.")
}
