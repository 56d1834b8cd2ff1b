//! [`ScopeSet`]: the space-separated scope list of an OAuth request or token, normalized,
//! and the access check over it.

use std::fmt;

use super::error::ScopeError;
use super::request::{is_chat, Request};
use super::Scope;

/// Scopes, each normalized, deduplicated and sorted by their normalized text (the
/// reference's order), so equal grants compare and display equal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ScopeSet {
    // The text is kept to order and deduplicate without formatting again.
    entries: Vec<(String, Scope)>,
}

impl ScopeSet {
    /// An empty set.
    pub fn new() -> ScopeSet {
        ScopeSet::default()
    }

    /// Parses a space-separated list; fails on the first invalid scope. Empty items (from
    /// doubled, leading or trailing spaces) are skipped.
    pub fn parse(s: &str) -> Result<ScopeSet, ScopeError> {
        let mut scopes = Vec::new();
        for item in s.split(' ').filter(|i| !i.is_empty()) {
            scopes.push(Scope::parse(item)?);
        }
        Ok(scopes.into_iter().collect())
    }

    /// Parses a space-separated list keeping the valid scopes, as the reference's
    /// normalizer does (it drops the invalid ones silently; here they are returned).
    pub fn parse_lenient(s: &str) -> (ScopeSet, Vec<ScopeError>) {
        let mut scopes = Vec::new();
        let mut errors = Vec::new();
        for item in s.split(' ').filter(|i| !i.is_empty()) {
            match Scope::parse(item) {
                Ok(scope) => scopes.push(scope),
                Err(e) => errors.push(e),
            }
        }
        (scopes.into_iter().collect(), errors)
    }

    /// Adds a scope; false when an equal one was already there.
    pub fn insert(&mut self, scope: Scope) -> bool {
        let text = scope.to_string();
        match self
            .entries
            .binary_search_by(|(t, _)| t.as_str().cmp(&text))
        {
            Ok(_) => false,
            Err(at) => {
                self.entries.insert(at, (text, scope));
                true
            }
        }
    }

    /// Whether an equal scope is in the set.
    pub fn contains(&self, scope: &Scope) -> bool {
        self.entries.iter().any(|(_, s)| s == scope)
    }

    /// The scopes in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Scope> + '_ {
        self.entries.iter().map(|(_, s)| s)
    }

    /// The number of scopes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the set holds no scope.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether any scope (or, for `chat.bsky.*` calls, the pair `transition:generic` +
    /// `transition:chat.bsky`) allows `request`.
    pub fn allows(&self, request: &Request<'_>) -> bool {
        self.allowed_by(request).is_some()
    }

    /// The first scope, in the set's order, that allows `request`; for a `chat.bsky.*`
    /// call allowed through the transition scopes, `transition:chat.bsky`.
    pub fn allowed_by(&self, request: &Request<'_>) -> Option<&Scope> {
        let chat_pair = matches!(request, Request::Rpc { lxm, .. } if is_chat(lxm))
            && self.contains(&Scope::TransitionGeneric);
        self.iter()
            .find(|s| s.allows(request) || (chat_pair && matches!(s, Scope::TransitionChatBsky)))
    }
}

impl FromIterator<Scope> for ScopeSet {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> ScopeSet {
        let mut set = ScopeSet::new();
        set.extend(iter);
        set
    }
}

impl Extend<Scope> for ScopeSet {
    fn extend<I: IntoIterator<Item = Scope>>(&mut self, iter: I) {
        // Sorting once keeps a long list linearithmic; inserting one by one is quadratic.
        self.entries
            .extend(iter.into_iter().map(|s| (s.to_string(), s)));
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.entries.dedup_by(|a, b| a.0 == b.0);
    }
}

impl std::str::FromStr for ScopeSet {
    type Err = ScopeError;
    fn from_str(s: &str) -> Result<ScopeSet, ScopeError> {
        ScopeSet::parse(s)
    }
}

/// The normalized list: the scopes' normalized forms joined by single spaces.
impl fmt::Display for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (text, _)) in self.entries.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(text)?;
        }
        Ok(())
    }
}
