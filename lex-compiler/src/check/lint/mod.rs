//! Lint: a loaded catalog in, `lex::lint::<id>` findings out.
//!
//! Two kinds of rules share one registry (`registry.rs`): rules that walk every document
//! (every def, nested object, params, bodies, messages; the schema stage's walker), and
//! rules that *claim* findings of the parse, schema and resolve stages, so that
//! `schema-json-parse`, `invalid-nsid` or `lexicon-schema` are the same checks `lex check`
//! runs, filed under the lint ids users configure. Levels, enabled rules and ignored files
//! come from a [`Selection`] (see [`crate::check::selection`]); what a rule and a finding
//! are is [`crate::check::rule`].

mod registry;
mod rules;
mod util;

use std::collections::{BTreeMap, BTreeSet};

use lex_runtime::schema::Document;

use crate::check::report::{Emit, Report, Reporter};
use crate::check::rule::{sort_findings, Category, Finding, HasInfo, Level, RuleEntry, RuleInfo};
use crate::check::selection::Selection;
use crate::diagnostics::Diagnostic;
use crate::ir::DefRef;
use crate::load::{Loaded, INPUT_ERRORS};
use crate::syntax::walk::{walk_document, Node};
use crate::syntax::ParsedDocument;

/// Every lint rule with its default-on flag and categories, in registry order.
pub fn registry() -> &'static [RuleEntry] {
    registry::ENTRIES
}

/// The lint categories (`use = ["style"]`), besides `all` and `default`.
pub fn categories() -> &'static [Category] {
    registry::CATEGORIES
}

/// The metadata of lint rule `id`.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    registry::ENTRIES
        .iter()
        .find(|e| e.info.id == id)
        .map(|e| e.info)
}

/// A lint rule: hooks for each document and each schema node, and optionally a claim on
/// findings of earlier stages.
pub(crate) trait LintRule: HasInfo + Sync {
    /// Checks document-level facts.
    fn check_document(&self, _cx: &mut LintCx<'_>, _doc: &Document) {}

    /// Checks one schema node (every node of every definition, parents first).
    fn check_node(&self, _cx: &mut LintCx<'_>, _node: &Node<'_>) {}

    /// Whether this rule files the parse/schema/resolve finding `d` under its id.
    fn claims(&self, _d: &Diagnostic) -> bool {
        false
    }
}

/// The rules' view of one document: what to report to, and where things are.
pub(crate) struct LintCx<'a> {
    doc: &'a ParsedDocument,
    selection: &'a Selection,
    out: &'a mut Vec<Finding>,
    /// Definitions whose data is stored in records (records and what they reach).
    record_data: &'a BTreeSet<DefRef>,
}

impl LintCx<'_> {
    /// The document NSID as written.
    pub(crate) fn nsid(&self) -> &str {
        &self.doc.document.id
    }

    /// Whether `pointer` lies in record data: inside a record, or inside a definition a
    /// record reaches through refs and unions (as opposed to API parameters, bodies and
    /// view objects, which are never stored in repositories).
    pub(crate) fn in_record_data(&self, pointer: &str) -> bool {
        let Some(rest) = pointer.strip_prefix("/defs/") else {
            return false;
        };
        let name = rest.split('/').next().unwrap_or(rest);
        let name = name.replace("~1", "/").replace("~0", "~");
        self.record_data
            .contains(&DefRef::new(self.doc.document.id.clone(), name))
    }

    /// Whether the source has a value at `pointer`.
    pub(crate) fn has_value(&self, pointer: &str) -> bool {
        self.doc.spans.get(pointer).is_some()
    }

    /// Starts a report of `rule` at `pointer` (see [`crate::check::report`]); a level
    /// the rule gives with `.level(..)` (e.g. lower outside record data) yields to one
    /// set in lex.toml.
    pub(crate) fn report<'c, 'a>(
        &'c mut self,
        rule: &'static RuleInfo,
        pointer: &'a str,
        message: impl Into<String>,
    ) -> Reporter<'c, 'a, Self> {
        Reporter::new(self, rule, pointer, message)
    }
}

impl Emit for LintCx<'_> {
    type Info = RuleInfo;

    fn emit(&mut self, rule: &'static RuleInfo, report: Report<'_>) {
        let nsid = &self.doc.document.id;
        if let Some(finding) = report.finding(rule, self.selection, self.doc, nsid) {
            self.out.push(finding);
        }
    }
}

/// Lints every document of `loaded` with the rules `selection` enables; also files the
/// parse, schema and resolve findings of `loaded` under their lint ids. Findings come
/// sorted by file, position and rule.
pub fn lint(loaded: &Loaded, selection: &Selection) -> Vec<Finding> {
    let enabled: Vec<&dyn LintRule> = registry::RULES
        .iter()
        .copied()
        .filter(|r| selection.is_enabled(r.info().id))
        .collect();
    let mut out = Vec::new();
    let record_data = loaded.catalog.record_data();
    let nsid_of: BTreeMap<&str, &str> = loaded
        .catalog
        .documents()
        .map(|d| (d.source.name(), d.document.id.as_str()))
        .collect();
    for d in &loaded.diagnostics {
        if INPUT_ERRORS.contains(&d.code_str()) {
            continue;
        }
        let fallback: &dyn LintRule = &rules::lexicon_schema::LexiconSchema;
        let claimer = registry::RULES
            .iter()
            .filter(|r| r.info().id != fallback.info().id)
            .find(|r| r.claims(d))
            .copied()
            .unwrap_or(fallback);
        let info = claimer.info();
        let Some(mut level) = selection.level(info.id) else {
            continue;
        };
        // A stage warning (e.g. an unsupported future type) stays a warning unless the
        // user set the rule's level explicitly.
        if level == info.level && !d.is_error() && level == Level::Error {
            level = Level::Warn;
        }
        let nsid = d
            .source_name()
            .and_then(|n| nsid_of.get(n))
            .map(|s| (*s).to_owned());
        out.push(Finding {
            rule: info.id,
            level,
            nsid,
            diagnostic: d.clone().recode(info.code, level.severity()),
        });
    }
    for doc in loaded.catalog.documents() {
        let mut cx = LintCx {
            doc,
            selection,
            out: &mut out,
            record_data: &record_data,
        };
        for rule in &enabled {
            rule.check_document(&mut cx, &doc.document);
        }
        walk_document(&doc.document, &mut |node| {
            for rule in &enabled {
                rule.check_node(&mut cx, node);
            }
        });
    }
    out.retain(|f| {
        f.diagnostic
            .source_name()
            .is_none_or(|file| !selection.is_ignored(file))
    });
    sort_findings(&mut out);
    out
}
