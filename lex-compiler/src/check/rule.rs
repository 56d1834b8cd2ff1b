//! What a lint or breaking rule is: metadata as data (id, level, status, documentation),
//! a registry entry (default-on, categories), and the finding a rule produces.
//!
//! This is the vocabulary `lint`, `breaking`, the `lex.toml` reader and the CLI share, so
//! none of them has to import another for it. Categories and default-on are the
//! registries' call, not the rule's. The schema-validity rules (`check::schema`) keep
//! their own, smaller `RuleInfo`: they are the spec, always on and not configurable, so
//! they have a fixed severity instead of a level, no status and no categories; what they
//! share with these rules is the `check::report` builder.

use std::fmt;

use miette::Severity;

use crate::diagnostics::Diagnostic;

/// How serious a finding is; `--fail-on` compares against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Worth knowing; never fails a run unless `--fail-on info`.
    Info,
    /// Likely a mistake or against the style guide.
    Warn,
    /// Against the spec, or a change that breaks existing data.
    Error,
}

impl Level {
    /// Parses `error`, `warn` (or `warning`) and `info`.
    pub fn from_name(name: &str) -> Option<Level> {
        match name {
            "error" => Some(Level::Error),
            "warn" | "warning" => Some(Level::Warn),
            "info" => Some(Level::Info),
            _ => None,
        }
    }

    /// `error`, `warn` or `info`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Info => "info",
        }
    }

    /// The miette severity a finding of this level renders with.
    pub fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warn => Severity::Warning,
            Level::Info => Severity::Advice,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether a rule is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Behaviour is stable since the given version.
    Stable {
        /// The first version with this behaviour.
        since: &'static str,
    },
    /// Still being tuned; may change or go away.
    Preview,
    /// Retired; configs naming it keep working and point at the replacement.
    Deprecated {
        /// The rule that took over, if any.
        replaced_by: Option<&'static str>,
    },
}

/// A rule's metadata: what `lex explain` prints and the registries list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Kebab-case id, e.g. `unlimited-string`.
    pub id: &'static str,
    /// Diagnostic code, `lex::lint::<id>` or `lex::breaking::<id>`.
    pub code: &'static str,
    /// Default level.
    pub level: Level,
    /// Stable, preview or deprecated.
    pub status: Status,
    /// The rule's doc comment: "What it does / Why is this bad? / Example".
    pub doc: &'static str,
}

impl RuleInfo {
    /// The documentation with the one-space indent of doc comments removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first sentence under "What it does" (a one-line summary for listings).
    pub fn summary(&self) -> String {
        let text = self.documentation();
        let mut lines = text
            .lines()
            .skip_while(|l| l.starts_with('#') || l.trim().is_empty());
        let mut summary = String::new();
        for line in lines.by_ref() {
            if line.trim().is_empty() || line.starts_with('#') {
                break;
            }
            if !summary.is_empty() {
                summary.push(' ');
            }
            summary.push_str(line.trim());
        }
        // The first sentence is enough for a listing.
        match summary.find(". ") {
            Some(end) => summary.get(..=end).map(str::to_owned).unwrap_or(summary),
            None => summary,
        }
    }
}

/// A registered rule as the registries list it.
#[derive(Debug, Clone, Copy)]
pub struct RuleEntry {
    /// The rule's metadata.
    pub info: &'static RuleInfo,
    /// Whether it runs without configuration.
    pub default_on: bool,
    /// Categories it belongs to (besides `all`, and `default` when default-on).
    pub categories: &'static [&'static str],
}

/// A named group of rules.
#[derive(Debug, Clone, Copy)]
pub struct Category {
    /// The name used in `use` / `except`.
    pub name: &'static str,
    /// What the rules in it have in common.
    pub summary: &'static str,
}

/// One finding of a lint or breaking rule: the rendered diagnostic plus the facts the
/// machine-readable output formats need.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule id.
    pub rule: &'static str,
    /// The level after configuration.
    pub level: Level,
    /// The NSID of the lexicon concerned, when known.
    pub nsid: Option<String>,
    /// The diagnostic (code `lex::lint::<id>` / `lex::breaking::<id>`, labels, help, pointer).
    pub diagnostic: Diagnostic,
}

/// Sorts findings by file, source position and rule id (a stable, readable order).
pub fn sort_findings(findings: &mut [Finding]) {
    // Borrowed keys: no allocation per comparison.
    fn key(f: &Finding) -> (Option<&str>, usize, &'static str) {
        (
            f.diagnostic.source_name(),
            f.diagnostic.primary_span().map_or(0, |s| s.offset()),
            f.rule,
        )
    }
    findings.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// Access to a rule's metadata (implemented by `declare_rule!`).
pub(crate) trait HasInfo {
    /// The rule's metadata.
    fn info(&self) -> &'static RuleInfo;
}

/// Declares a rule struct whose doc comment becomes `DOC` and whose metadata is `INFO`.
macro_rules! declare_rule {
    (
        $stage:literal;
        $(#[doc = $doc:literal])*
        pub $name:ident {
            id: $id:literal,
            level: $level:ident,
            status: $status:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub(crate) struct $name;

        impl $crate::check::rule::HasInfo for $name {
            fn info(&self) -> &'static $crate::check::rule::RuleInfo {
                &Self::INFO
            }
        }

        impl $name {
            /// The rule's documentation, as `lex explain` prints it.
            pub(crate) const DOC: &'static str = concat!($($doc, "\n"),*);
            /// The rule's metadata.
            pub(crate) const INFO: $crate::check::rule::RuleInfo = $crate::check::rule::RuleInfo {
                id: $id,
                code: concat!($stage, $id),
                level: $crate::check::rule::Level::$level,
                status: $status,
                doc: Self::DOC,
            };
        }
    };
}
pub(crate) use declare_rule;

/// `declare_rule!` for lint rules: code `lex::lint::<id>`.
macro_rules! declare_lint_rule {
    ($($body:tt)*) => { $crate::check::rule::declare_rule!("lex::lint::"; $($body)*); };
}
pub(crate) use declare_lint_rule;

/// `declare_rule!` for breaking rules: code `lex::breaking::<id>`.
macro_rules! declare_breaking_rule {
    ($($body:tt)*) => { $crate::check::rule::declare_rule!("lex::breaking::"; $($body)*); };
}
pub(crate) use declare_breaking_rule;
