//! Breaking changes: an old and a new catalog in, `lex::breaking::<id>` findings out.
//!
//! Lexicons are matched by NSID and definitions by name; then a pair walker descends
//! both schemas in step (object and params properties by name, array items, record
//! bodies, XRPC parameters, input and output schemas, subscription messages) and hands
//! every pair of nodes at the same JSON pointer to every rule, as buf hands file pairs to
//! its breaking handlers. Each pair knows whether it is *record data* (inside a record,
//! or a definition a record reaches through refs): constraint changes there break stored
//! records (spec §10.1) and are errors, while in API parameters and outputs several are
//! warnings (each rule's doc says why). Where the old catalog comes from (a folder,
//! `git:REV`, a manifest, the network) is [`Baseline`]'s business, not the comparison's.

mod baseline;
#[cfg(feature = "network")]
mod baseline_network;
mod registry;
mod rules;

use lex_runtime::schema::{pointer_push, Body, Schema, SchemaMap};

pub use baseline::{Baseline, BaselineError, BaselineErrorKind, OldVersion, Unpublished};

use crate::check::report::{Emit, Report, Reporter};
use crate::check::rule::{sort_findings, Category, Finding, HasInfo, Level, RuleEntry, RuleInfo};
use crate::check::selection::Selection;
use crate::ir::{Catalog, DefRef};
use crate::syntax::ParsedDocument;

/// Every breaking rule with its default-on flag and categories, in registry order.
pub fn registry() -> &'static [RuleEntry] {
    registry::ENTRIES
}

/// The breaking categories, nested by strictness: `data` ⊂ `codegen`.
pub fn categories() -> &'static [Category] {
    registry::CATEGORIES
}

/// The metadata of breaking rule `id`.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    registry::ENTRIES
        .iter()
        .find(|e| e.info.id == id)
        .map(|e| e.info)
}

/// The outcome of a comparison.
#[derive(Debug, Clone, Default)]
pub struct Breaks {
    /// Findings not covered by an accepted break, by file, position and rule.
    pub findings: Vec<Finding>,
    /// Findings covered by a `[[breaking.accept]]` entry, with its reason.
    pub accepted: Vec<(Finding, String)>,
}

/// A breaking rule: hooks for each old lexicon and for each pair of matching nodes.
pub(crate) trait BreakingRule: HasInfo + Sync {
    /// Compares one old lexicon with its new version (`None` when it is gone).
    fn check_lexicon(
        &self,
        _cx: &mut BreakCx<'_>,
        _old: &ParsedDocument,
        _new: Option<&ParsedDocument>,
    ) {
    }

    /// Compares two schema nodes found at the same place in both versions.
    fn check_pair(&self, _cx: &mut BreakCx<'_>, _pair: &Pair<'_>) {}
}

/// Two schema nodes at the same JSON pointer of the old and the new lexicon.
pub(crate) struct Pair<'a> {
    pub(crate) old: &'a Schema,
    pub(crate) new: &'a Schema,
    pub(crate) pointer: &'a str,
    /// Whether the node describes record data (see the module docs).
    pub(crate) data: bool,
}

/// A part of an XRPC method that a version may add or remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MethodPart {
    /// `parameters` (queries, procedures, subscriptions).
    Parameters,
    /// `input` (procedures).
    Input,
    /// `output` (queries, procedures).
    Output,
}

impl Pair<'_> {
    /// Whether the old and the new method declare `part`: `None` unless both are methods of
    /// one kind that can have it.
    pub(crate) fn declares(&self, part: MethodPart) -> Option<(bool, bool)> {
        let has = |s: &Schema| -> Option<bool> {
            match (s, part) {
                (Schema::Query(q), MethodPart::Parameters) => Some(q.parameters.is_some()),
                (Schema::Query(q), MethodPart::Output) => Some(q.output.is_some()),
                (Schema::Procedure(p), MethodPart::Parameters) => Some(p.parameters.is_some()),
                (Schema::Procedure(p), MethodPart::Input) => Some(p.input.is_some()),
                (Schema::Procedure(p), MethodPart::Output) => Some(p.output.is_some()),
                (Schema::Subscription(s), MethodPart::Parameters) => Some(s.parameters.is_some()),
                _ => None,
            }
        };
        if std::mem::discriminant(self.old) != std::mem::discriminant(self.new) {
            return None;
        }
        Some((has(self.old)?, has(self.new)?))
    }

    /// The level for a constraint change: the rule's level for record data, at most
    /// `warn` in API parameters and outputs.
    pub(crate) fn constraint_level(&self, info: &RuleInfo) -> Level {
        if self.data {
            info.level
        } else {
            info.level.min(Level::Warn)
        }
    }
}

/// The rules' view of one lexicon pair: where to report, and how references resolve.
pub(crate) struct BreakCx<'a> {
    old: &'a ParsedDocument,
    new: Option<&'a ParsedDocument>,
    selection: &'a Selection,
    out: &'a mut Vec<Finding>,
}

impl BreakCx<'_> {
    /// Starts a report of `rule` about `pointer` (see [`crate::check::report`]), labelled
    /// in the new file when the pointer exists there, else (or with `.in_old()`) in the
    /// old one. The level defaults to the rule's; constraint rules pass
    /// [`Pair::constraint_level`].
    pub(crate) fn report<'c, 'a>(
        &'c mut self,
        rule: &'static RuleInfo,
        pointer: &'a str,
        message: impl Into<String>,
    ) -> Reporter<'c, 'a, Self> {
        Reporter::new(self, rule, pointer, message)
    }

    /// A reference string of the old document, fully qualified.
    pub(crate) fn old_ref(&self, reference: &str) -> Option<DefRef> {
        DefRef::parse(&self.old.document.id, reference)
    }

    /// A reference string of the new document, fully qualified.
    pub(crate) fn new_ref(&self, reference: &str) -> Option<DefRef> {
        let base = self.new.map_or(&self.old.document.id, |n| &n.document.id);
        DefRef::parse(base, reference)
    }
}

impl Emit for BreakCx<'_> {
    type Info = RuleInfo;

    fn emit(&mut self, rule: &'static RuleInfo, report: Report<'_>) {
        let doc = match self.new {
            Some(new) if !report.in_old && new.spans.get(report.pointer).is_some() => new,
            _ => self.old,
        };
        let nsid = &self.old.document.id;
        if let Some(finding) = report.finding(rule, self.selection, doc, nsid) {
            self.out.push(finding);
        }
    }
}

/// Compares `old` with `new` using the rules `selection` enables.
pub fn breaking(old: &Catalog, new: &Catalog, selection: &Selection) -> Breaks {
    let enabled: Vec<&dyn BreakingRule> = registry::RULES
        .iter()
        .copied()
        .filter(|r| selection.is_enabled(r.info().id))
        .collect();
    let data = old.record_data();
    let mut out = Vec::new();
    for old_doc in old.documents() {
        let new_doc = new.document(&old_doc.document.id);
        let mut cx = BreakCx {
            old: old_doc,
            new: new_doc,
            selection,
            out: &mut out,
        };
        for rule in &enabled {
            rule.check_lexicon(&mut cx, old_doc, new_doc);
        }
        let Some(new_doc) = new_doc else { continue };
        for (name, old_def) in &old_doc.document.defs {
            let Some(new_def) = new_doc.document.defs.get(name) else {
                continue;
            };
            let is_data = data.contains(&DefRef::new(old_doc.document.id.clone(), name.clone()));
            let pointer = pointer_push("/defs", name);
            walk_pair(&mut cx, &enabled, old_def, new_def, &pointer, is_data);
        }
    }
    let mut breaks = Breaks::default();
    for f in out {
        if f.diagnostic
            .source_name()
            .is_some_and(|file| selection.is_ignored(file))
        {
            continue;
        }
        let pointer = f.diagnostic.json_pointer().unwrap_or("");
        match selection.accepted(f.rule, f.nsid.as_deref(), pointer) {
            Some(a) => {
                let reason = a.reason.get_ref().clone();
                breaks.accepted.push((f, reason));
            }
            None => breaks.findings.push(f),
        }
    }
    sort_findings(&mut breaks.findings);
    breaks
}

/// Hands the pair to every rule, then descends into matching children.
fn walk_pair(
    cx: &mut BreakCx<'_>,
    rules: &[&dyn BreakingRule],
    old: &Schema,
    new: &Schema,
    pointer: &str,
    data: bool,
) {
    let pair = Pair {
        old,
        new,
        pointer,
        data,
    };
    for rule in rules {
        rule.check_pair(cx, &pair);
    }
    let child = |key: &str| pointer_push(pointer, key);
    match (old, new) {
        (Schema::Array(o), Schema::Array(n)) => {
            walk_pair(cx, rules, &o.items, &n.items, &child("items"), data);
        }
        (Schema::Object(o), Schema::Object(n)) => {
            let props = child("properties");
            props_pair(cx, rules, &o.properties, &n.properties, &props, data);
        }
        (Schema::Params(o), Schema::Params(n)) => {
            let props = child("properties");
            props_pair(cx, rules, &o.properties, &n.properties, &props, data);
        }
        (Schema::Record(o), Schema::Record(n)) => {
            walk_pair(cx, rules, &o.record, &n.record, &child("record"), true);
        }
        (Schema::Query(o), Schema::Query(n)) => {
            let (op, np) = (o.parameters.as_deref(), n.parameters.as_deref());
            maybe_pair(cx, rules, op, np, &child("parameters"), false);
            let (oo, no) = (o.output.as_ref(), n.output.as_ref());
            body_pair(cx, rules, oo, no, &child("output"));
        }
        (Schema::Procedure(o), Schema::Procedure(n)) => {
            let (op, np) = (o.parameters.as_deref(), n.parameters.as_deref());
            maybe_pair(cx, rules, op, np, &child("parameters"), false);
            let (oi, ni) = (o.input.as_ref(), n.input.as_ref());
            body_pair(cx, rules, oi, ni, &child("input"));
            let (oo, no) = (o.output.as_ref(), n.output.as_ref());
            body_pair(cx, rules, oo, no, &child("output"));
        }
        (Schema::Subscription(o), Schema::Subscription(n)) => {
            let (op, np) = (o.parameters.as_deref(), n.parameters.as_deref());
            maybe_pair(cx, rules, op, np, &child("parameters"), false);
            let o = o.message.as_ref().and_then(|m| m.schema.as_deref());
            let n = n.message.as_ref().and_then(|m| m.schema.as_deref());
            let at = pointer_push(&child("message"), "schema");
            maybe_pair(cx, rules, o, n, &at, false);
        }
        _ => {}
    }
}

/// Walks a child present in both versions; one added or removed is the rules' business.
fn maybe_pair(
    cx: &mut BreakCx<'_>,
    rules: &[&dyn BreakingRule],
    old: Option<&Schema>,
    new: Option<&Schema>,
    pointer: &str,
    data: bool,
) {
    if let (Some(o), Some(n)) = (old, new) {
        walk_pair(cx, rules, o, n, pointer, data);
    }
}

/// Walks the properties of an object or params node that both versions have.
fn props_pair(
    cx: &mut BreakCx<'_>,
    rules: &[&dyn BreakingRule],
    old: &SchemaMap,
    new: &SchemaMap,
    pointer: &str,
    data: bool,
) {
    for (name, op) in old {
        let at = pointer_push(pointer, name);
        maybe_pair(cx, rules, Some(op), new.get(name), &at, data);
    }
}

fn body_pair(
    cx: &mut BreakCx<'_>,
    rules: &[&dyn BreakingRule],
    old: Option<&Body>,
    new: Option<&Body>,
    pointer: &str,
) {
    let o = old.and_then(|b| b.schema.as_deref());
    let n = new.and_then(|b| b.schema.as_deref());
    if let (Some(o), Some(n)) = (o, n) {
        walk_pair(cx, rules, o, n, &pointer_push(pointer, "schema"), false);
    }
}
