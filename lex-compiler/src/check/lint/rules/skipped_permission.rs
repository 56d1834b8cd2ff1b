//! `skipped-permission`: a permission that `include:` expansion skips, for a reason no
//! other permission rule reports.

use lex_runtime::schema::{pointer_push, Document, Schema};
use lex_runtime::scope::{expand_explained, Permission, Skip};
use lex_runtime::Nsid;

use crate::check::lint::{LintCx, LintRule};
use crate::check::report::At;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::ir::permission_set;

declare_lint_rule! {
    /// ## What it does
    /// Expands the permission set as an authorization server would (the runtime's
    /// `include:` expansion, with an audience) and reports each permission it skips for a
    /// reason the other permission rules do not already report: a parameter that is not
    /// one of the resource's (`lxm` on `repo`, an unknown key), a list parameter of the
    /// wrong shape that no other rule checks, or an empty `action` list. The message
    /// says why, in the expansion's words.
    /// ## Why is this bad?
    /// A permission that is not fully understood grants nothing (permissions.md §3, §7):
    /// the set silently does less than it reads.
    /// ## Example
    /// `{"type": "permission", "resource": "repo", "collection": ["com.example.post"],
    /// "lxm": ["com.example.get"]}`; instead split it into a `repo` and an `rpc`
    /// permission.
    pub SkippedPermission {
        id: "skipped-permission",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

/// Any valid service reference: expansion needs one for `inheritAud` permissions.
const SOME_AUD: &str = "did:web:service.invalid#lint";

impl LintRule for SkippedPermission {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        let Some(Schema::PermissionSet(def)) = doc.def("main") else {
            return;
        };
        let Ok(nsid) = Nsid::new(&doc.id) else { return };
        let set = permission_set::from_schema(def);
        for outcome in expand_explained(&set, &nsid, Some(SOME_AUD)) {
            let Err(skip) = &outcome.granted else {
                continue;
            };
            let Some(p) = set.permissions.get(outcome.index) else {
                continue;
            };
            if reported_elsewhere(skip, p) {
                continue;
            }
            let pointer = pointer_push("/defs/main/permissions", &outcome.index.to_string());
            let (pointer, at, label, help) = match skip {
                Skip::UnknownParameter(k) | Skip::ForeignParameter(k) => (
                    pointer_push(&pointer, k),
                    At::Key,
                    "not a parameter of this resource",
                    format!(
                        "remove `{k}`, or move it to a permission of the resource it belongs to"
                    ),
                ),
                Skip::Malformed(k) => (
                    pointer_push(&pointer, k),
                    At::Value,
                    "wrong JSON type",
                    "`collection`, `action` and `lxm` are lists of strings, `aud` a string, \
                     `inheritAud` a boolean"
                        .to_owned(),
                ),
                _ => (
                    pointer,
                    At::Value,
                    "grants nothing",
                    "fix the permission or remove it".to_owned(),
                ),
            };
            cx.report(
                &Self::INFO,
                &pointer,
                format!("permission is skipped when the set is expanded: {skip}"),
            )
            .at(at)
            .label(label)
            .help(help);
        }
    }
}

/// Whether a schema-stage permission rule already reports why `p` is skipped, so this
/// rule stays quiet (one finding per problem).
fn reported_elsewhere(skip: &Skip, p: &Permission) -> bool {
    let own: &[&str] = match p.resource.as_ref() {
        "repo" => &["collection", "action"],
        "rpc" => &["lxm", "aud", "inheritAud"],
        _ => &[],
    };
    match skip {
        // unsupported-permission-resource (an empty resource: the parse stage).
        Skip::UnsupportedResource(_) => true,
        // permission-collection, -action, -lxm, -aud check their own keys' shapes; the
        // parse stage checks `type`, `resource` and `description`.
        Skip::Malformed(k) => {
            own.contains(&k.as_str()) || matches!(k.as_str(), "type" | "resource" | "description")
        }
        // permission-collection and permission-lxm report empty lists; nothing reports
        // an empty `action`.
        Skip::Empty(k) => *k != "action",
        // permission-aud.
        Skip::FixedAudience(_) | Skip::InheritAudWithAud => true,
        // permission-collection, -lxm, -action and -aud (invalid NSIDs, wildcards,
        // missing values); permission-outside-namespace (case-sensitive there, so it
        // reports at least what expansion skips).
        Skip::Invalid(_) | Skip::OutsideNamespace(_) => true,
        // Never with an audience given; unknown and foreign parameters are this rule's.
        _ => false,
    }
}
