//! `permission-set-widened`: a permission set grants more than before.

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
    /// and reports each new grant at the permission that grants it.
    /// ## Why is this bad?
    /// It is not: apps keep working. But every app requesting the set silently gains the
    /// new access at the user's next authorization, so a reviewer should see it (info).
    /// ## Example
    /// `"collection": ["com.example.post"]` -> `"collection": ["com.example.post",
    /// "com.example.like"]`: apps requesting the set may now write likes.
    pub PermissionSetWidened {
        id: "permission-set-widened",
        level: Info,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for PermissionSetWidened {
    fn check_lexicon(
        &self,
        cx: &mut BreakCx<'_>,
        old: &ParsedDocument,
        new: Option<&ParsedDocument>,
    ) {
        let (Some((nsid, old_set)), Some((new_nsid, new_set))) =
            (set_of(old), new.and_then(set_of))
        else {
            return;
        };
        let before = grants(&nsid, &old_set);
        let after = grants(&new_nsid, &new_set);
        let mut by_permission: std::collections::BTreeMap<usize, Grants> = Default::default();
        for (grant, index) in &after {
            if !before.contains_key(grant) {
                by_permission
                    .entry(*index)
                    .or_default()
                    .insert(grant.clone(), *index);
            }
        }
        for (index, gained) in by_permission {
            let pointer = pointer_push("/defs/main/permissions", &index.to_string());
            cx.report(
                &Self::INFO,
                &pointer,
                format!("`include:{nsid}` now also grants {}", list(gained.keys())),
            )
            .label("grants more")
            .help("apps requesting this set gain this access at the next authorization");
        }
    }
}
