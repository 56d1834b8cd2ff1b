//! `permission-set-narrowed`: a permission set grants less than before.

use lex_runtime::schema::pointer_push;

use super::permission_grants::{grants, list, set_of, Grants};
use crate::check::breaking::{BreakCx, BreakingRule};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;
use crate::syntax::ParsedDocument;

declare_breaking_rule! {
    /// ## What it does
    /// Compares what a permission set grants before and after, through the same
    /// `include:` expansion an authorization server runs (with and without an audience),
    /// and reports each grant that is gone: a collection, an action, a method, the
    /// audience inheritance of a method, or the whole set (removed, or no longer a
    /// `permission-set`). The finding names the lost scope and points at the old
    /// permission that granted it.
    /// ## Why is this bad?
    /// Apps request a set by name and get whatever it grants when the user authorizes
    /// them ("Revising Permission Sets" in the guides): an app that relied on a grant
    /// starts failing for every new session, with no change on its side.
    /// ## Example
    /// `"action": ["create", "update", "delete"]` -> `"action": ["create"]`; instead keep
    /// the grant, and publish a narrower set under a new NSID for new apps.
    pub PermissionSetNarrowed {
        id: "permission-set-narrowed",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for PermissionSetNarrowed {
    fn check_lexicon(
        &self,
        cx: &mut BreakCx<'_>,
        old: &ParsedDocument,
        new: Option<&ParsedDocument>,
    ) {
        let Some((nsid, old_set)) = set_of(old) else {
            return;
        };
        let before = grants(&nsid, &old_set);
        let after = match new.and_then(set_of) {
            Some((nsid, new_set)) => grants(&nsid, &new_set),
            None => {
                let gone = if new.is_some() {
                    "is no longer a permission set"
                } else {
                    "was removed"
                };
                cx.report(
                    &Self::INFO,
                    "/defs/main",
                    format!(
                        "`{nsid}` {gone}: apps requesting `include:{nsid}` lose {}",
                        list(before.keys())
                    ),
                )
                .key()
                .label("the set")
                .help("keep the permission set; publish a replacement under a new NSID")
                .in_old();
                return;
            }
        };
        // One finding per old permission that lost something, naming what it lost.
        let mut by_permission: std::collections::BTreeMap<usize, Grants> = Default::default();
        for (grant, index) in &before {
            if !after.contains_key(grant) {
                by_permission
                    .entry(*index)
                    .or_default()
                    .insert(grant.clone(), *index);
            }
        }
        for (index, lost) in by_permission {
            let pointer = pointer_push("/defs/main/permissions", &index.to_string());
            cx.report(
                &Self::INFO,
                &pointer,
                format!("`include:{nsid}` no longer grants {}", list(lost.keys())),
            )
            .label("granted before")
            .help(
                "keep granting it: apps that request this set rely on it; publish a narrower \
                 set under a new NSID instead",
            )
            .in_old();
        }
    }
}
