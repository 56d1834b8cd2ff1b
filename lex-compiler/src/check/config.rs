//! `lex.toml`: which lint and breaking rules run, at what level, on which files, and
//! which breaking changes were accepted on purpose.
//!
//! ```toml
//! [lint]
//! use = ["default", "style"]          # rules or categories; empty means the default set
//! except = ["closed-string-enum"]     # removed after `use`
//! ignore = ["lexicons/com/example/legacy/**"]
//! [lint.levels]
//! unlimited-string = "error"          # error | warn | info | off
//!
//! [breaking]
//! use = ["data"]
//! [[breaking.accept]]
//! rule = "def-removed"
//! nsid = "com.example.blog.*"         # optional; `*` at the end matches a prefix
//! path = "/defs/draft"                # optional JSON pointer prefix
//! reason = "drafts were never published"
//! ```
//!
//! Unknown keys, rule ids and categories are errors with a "did you mean". Sections owned
//! by other commands (`[build]`, `[install]`, `[codegen]`) are skipped here.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use miette::NamedSource;
use serde::Deserialize;
use toml::Spanned;

use crate::check::lint::{Level, RuleInfo};
use crate::diagnostics::Diagnostic;

/// The file name looked up in the current directory.
pub const CONFIG_FILE: &str = "lex.toml";

/// The `[lint]` and `[breaking]` sections of `lex.toml`, not yet checked against rules.
#[derive(Debug, Clone, Default)]
pub struct CheckConfig {
    /// `[lint]`.
    pub lint: Section,
    /// `[breaking]`.
    pub breaking: Section,
    source: Option<NamedSource<Arc<str>>>,
}

/// One section: rule selection, levels, ignored files and accepted breaks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Rules or categories to run; empty means the default set.
    #[serde(default, rename = "use")]
    pub use_: Vec<Spanned<String>>,
    /// Rules or categories removed after `use`.
    #[serde(default)]
    pub except: Vec<Spanned<String>>,
    /// File globs (`*`, `?`, `**`) whose findings are dropped.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Per-rule levels (`error`, `warn`, `info`, `off`).
    #[serde(default)]
    pub levels: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Accepted breaking changes (`[breaking]` only).
    #[serde(default)]
    pub accept: Vec<Accept>,
}

/// A breaking change accepted on purpose.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accept {
    /// The breaking rule id.
    pub rule: Spanned<String>,
    /// The NSID (a trailing `*` matches a prefix); absent means every lexicon.
    #[serde(default)]
    pub nsid: Option<String>,
    /// A JSON pointer prefix inside the lexicon; absent means anywhere.
    #[serde(default)]
    pub path: Option<String>,
    /// Why the break is fine (required, so the decision is written down).
    pub reason: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    lint: Option<Section>,
    #[serde(default)]
    breaking: Option<Section>,
    // Sections of other commands: read by them, tolerated here.
    #[serde(default)]
    #[allow(dead_code)]
    build: Option<toml::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    install: Option<toml::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    codegen: Option<toml::Value>,
}

impl CheckConfig {
    /// Parses `lex.toml` text named `name`; a syntax error or unknown key is a diagnostic.
    pub fn parse(name: &str, text: &str) -> Result<CheckConfig, Box<Diagnostic>> {
        let source = NamedSource::new(name, Arc::<str>::from(text));
        match toml::from_str::<File>(text) {
            Ok(file) => Ok(CheckConfig {
                lint: file.lint.unwrap_or_default(),
                breaking: file.breaking.unwrap_or_default(),
                source: Some(source),
            }),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim().to_owned();
                let help = if message.starts_with("unknown field") {
                    "see `lex explain --list` for rules and the lex.toml reference in the docs"
                } else {
                    "lex.toml is TOML; check the syntax at this place"
                };
                Err(Box::new(
                    Diagnostic::error("lex::config::invalid", format!("invalid {name}: {message}"))
                        .label(to_span(&span), "here")
                        .help(help)
                        .source(source),
                ))
            }
        }
    }

    /// Reads `path`; `Ok(None)` when `optional` and the file does not exist.
    pub fn load(path: &Path, optional: bool) -> Result<Option<CheckConfig>, Box<Diagnostic>> {
        match std::fs::read_to_string(path) {
            Ok(text) => CheckConfig::parse(&path.display().to_string(), &text).map(Some),
            Err(e) if optional && e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Box::new(Diagnostic::error(
                "lex::config::unreadable",
                format!("cannot read {}: {e}", path.display()),
            ))),
        }
    }

    /// A diagnostic about `span` of this config file.
    fn error(&self, span: &Range<usize>, message: String, label: &str, help: String) -> Diagnostic {
        let d = Diagnostic::error("lex::config::invalid", message)
            .label(to_span(span), label)
            .help(help);
        match &self.source {
            Some(s) => d.source(s.clone()),
            None => d,
        }
    }
}

fn to_span(r: &Range<usize>) -> miette::SourceSpan {
    (r.start, r.end.saturating_sub(r.start)).into()
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

/// The enabled rules with their levels, the ignored files and accepted breaks.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    levels: BTreeMap<&'static str, Level>,
    ignore: Vec<String>,
    accept: Vec<Accept>,
}

impl Selection {
    /// Every rule of `entries` at its default level (what tests and benchmarks use).
    pub fn all(entries: &[RuleEntry]) -> Selection {
        Selection {
            levels: entries.iter().map(|e| (e.info.id, e.info.level)).collect(),
            ..Selection::default()
        }
    }

    /// Only the rule `id` at its default level.
    pub fn only(entries: &[RuleEntry], id: &str) -> Selection {
        Selection {
            levels: entries
                .iter()
                .filter(|e| e.info.id == id)
                .map(|e| (e.info.id, e.info.level))
                .collect(),
            ..Selection::default()
        }
    }

    /// The level of rule `id`, or `None` when it is off.
    pub fn level(&self, id: &str) -> Option<Level> {
        self.levels.get(id).copied()
    }

    /// Whether rule `id` runs.
    pub fn is_enabled(&self, id: &str) -> bool {
        self.levels.contains_key(id)
    }

    /// The enabled rule ids.
    pub fn enabled(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.levels.keys().copied()
    }

    /// Whether findings in `file` are dropped by an `ignore` glob.
    pub fn is_ignored(&self, file: &str) -> bool {
        self.ignore.iter().any(|g| glob_matches_path(g, file))
    }

    /// The accepted break covering a finding of `rule` in `nsid` at `pointer`, if any.
    pub fn accepted(&self, rule: &str, nsid: Option<&str>, pointer: &str) -> Option<&Accept> {
        self.accept.iter().find(|a| {
            a.rule.get_ref() == rule
                && a.nsid.as_deref().is_none_or(|want| {
                    nsid.is_some_and(|n| match want.strip_suffix('*') {
                        Some(prefix) => n.starts_with(prefix),
                        None => n == want,
                    })
                })
                && a.path.as_deref().is_none_or(|p| {
                    pointer == p
                        || pointer
                            .strip_prefix(p)
                            .is_some_and(|rest| rest.starts_with('/'))
                })
        })
    }
}

/// Resolves `section` of `config` against the rules of one registry.
pub fn select(
    config: &CheckConfig,
    section: &Section,
    section_name: &str,
    entries: &'static [RuleEntry],
    categories: &[Category],
) -> Result<Selection, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let names: Vec<&str> = entries
        .iter()
        .map(|e| e.info.id)
        .chain(categories.iter().map(|c| c.name))
        .collect();
    let unknown = |item: &Spanned<String>, what: &str, errors: &mut Vec<Diagnostic>| {
        let help = match did_you_mean(item.get_ref(), &names) {
            Some(s) => format!("did you mean `{s}`? (`lex explain --list` lists them)"),
            None => "run `lex explain --list` to see every rule and category".to_owned(),
        };
        errors.push(config.error(
            &item.span(),
            format!("unknown {what} `{}` in [{section_name}]", item.get_ref()),
            "not a rule or category",
            help,
        ));
    };
    let expand = |name: &str| -> Option<Vec<&'static RuleEntry>> {
        let name = resolve_alias(entries, name);
        if name == "all" {
            return Some(entries.iter().collect());
        }
        if name == "default" {
            return Some(entries.iter().filter(|e| e.default_on).collect());
        }
        if let Some(e) = entries.iter().find(|e| e.info.id == name) {
            return Some(vec![e]);
        }
        categories.iter().any(|c| c.name == name).then(|| {
            entries
                .iter()
                .filter(|e| e.categories.contains(&name))
                .collect()
        })
    };
    let mut levels: BTreeMap<&'static str, Level> = BTreeMap::new();
    if section.use_.is_empty() {
        for e in entries.iter().filter(|e| e.default_on) {
            levels.insert(e.info.id, e.info.level);
        }
    }
    for item in &section.use_ {
        match expand(item.get_ref()) {
            Some(found) => {
                for e in found {
                    levels.insert(e.info.id, e.info.level);
                }
            }
            None => unknown(item, "rule or category", &mut errors),
        }
    }
    for item in &section.except {
        match expand(item.get_ref()) {
            Some(found) => {
                for e in found {
                    levels.remove(e.info.id);
                }
            }
            None => unknown(item, "rule or category", &mut errors),
        }
    }
    for (rule, level) in &section.levels {
        let id = resolve_alias(entries, rule.get_ref());
        let Some(entry) = entries.iter().find(|e| e.info.id == id) else {
            unknown(rule, "rule", &mut errors);
            continue;
        };
        match level.get_ref().as_str() {
            "off" => {
                levels.remove(entry.info.id);
            }
            name => match Level::from_name(name) {
                Some(l) => {
                    levels.insert(entry.info.id, l);
                }
                None => errors.push(config.error(
                    &level.span(),
                    format!("unknown level `{name}` for `{}`", entry.info.id),
                    "not a level",
                    "use one of `error`, `warn`, `info` or `off`".to_owned(),
                )),
            },
        }
    }
    for a in &section.accept {
        if section_name != "breaking" {
            errors.push(config.error(
                &a.rule.span(),
                format!("`accept` belongs in [breaking], not [{section_name}]"),
                "accepted break",
                "move the entry to a `[[breaking.accept]]` table".to_owned(),
            ));
        } else if !entries.iter().any(|e| e.info.id == a.rule.get_ref()) {
            unknown(&a.rule, "rule", &mut errors);
        }
        if a.reason.get_ref().trim().is_empty() {
            errors.push(config.error(
                &a.reason.span(),
                "an accepted break needs a reason".to_owned(),
                "empty reason",
                "say why this change is fine, e.g. \"never published\"".to_owned(),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Selection {
        levels,
        ignore: section.ignore.iter().map(|g| g.get_ref().clone()).collect(),
        accept: section.accept.clone(),
    })
}

/// Follows a deprecated rule's `replaced_by`, so old configs keep working.
fn resolve_alias<'a>(entries: &'a [RuleEntry], name: &'a str) -> &'a str {
    entries
        .iter()
        .find(|e| e.info.id == name)
        .and_then(|e| match e.info.status {
            crate::check::lint::Status::Deprecated {
                replaced_by: Some(to),
            } => Some(to),
            _ => None,
        })
        .unwrap_or(name)
}

/// The closest name to `name` among `names`, if any is close enough to be a typo.
pub fn did_you_mean<'a>(name: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .map(|n| (strsim::jaro_winkler(name, n), *n))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// Whether `glob` matches `path` or one of its trailing sub-paths (so `com/example/**`
/// matches `lexicons/com/example/x.json`). `*` and `?` stay within a path segment; `**`
/// spans any number of segments.
pub fn glob_matches_path(glob: &str, path: &str) -> bool {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let glob: Vec<&str> = glob
        .strip_prefix("./")
        .unwrap_or(glob)
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    (0..segments.len()).any(|start| {
        segments
            .get(start..)
            .is_some_and(|tail| match_segments(&glob, tail))
    })
}

fn match_segments(glob: &[&str], path: &[&str]) -> bool {
    match glob.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => {
            (0..=path.len()).any(|i| path.get(i..).is_some_and(|p| match_segments(rest, p)))
        }
        Some((g, rest)) => match path.split_first() {
            Some((p, tail)) => {
                match_segment(g.as_bytes(), p.as_bytes()) && match_segments(rest, tail)
            }
            None => false,
        },
    }
}

fn match_segment(glob: &[u8], text: &[u8]) -> bool {
    match glob.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => {
            (0..=text.len()).any(|i| text.get(i..).is_some_and(|t| match_segment(rest, t)))
        }
        Some((b'?', rest)) => text
            .split_first()
            .is_some_and(|(_, t)| match_segment(rest, t)),
        Some((c, rest)) => text
            .split_first()
            .is_some_and(|(t, tail)| t == c && match_segment(rest, tail)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_matches_path("lexicons/**", "lexicons/com/a.json"));
        assert!(glob_matches_path(
            "com/example/**",
            "lexicons/com/example/a.json"
        ));
        assert!(glob_matches_path("*.json", "x/y.json"));
        assert!(glob_matches_path("com/*/a.json", "./lexicons/com/b/a.json"));
        assert!(!glob_matches_path(
            "com/*/a.json",
            "lexicons/com/b/c/a.json"
        ));
        assert!(glob_matches_path(
            "com/**/a.json",
            "lexicons/com/b/c/a.json"
        ));
        assert!(!glob_matches_path("org/**", "lexicons/com/a.json"));
    }

    fn lint_selection(text: &str) -> Result<Selection, Vec<Diagnostic>> {
        let config = CheckConfig::parse("lex.toml", text).map_err(|d| vec![*d])?;
        select(
            &config,
            &config.lint,
            "lint",
            crate::check::lint::registry(),
            crate::check::lint::categories(),
        )
    }

    #[test]
    fn use_except_and_levels() {
        let all = lint_selection("").map_err(|_| ()).unwrap_or_default();
        assert!(all.is_enabled("unlimited-string") && all.is_enabled("closed-union"));
        let s = lint_selection("[lint]\nuse = [\"limits\"]\nexcept = [\"large-bytes\"]\n")
            .map_err(|_| ())
            .unwrap_or_default();
        assert!(s.is_enabled("large-string") && !s.is_enabled("large-bytes"));
        assert!(!s.is_enabled("closed-union"));
        let s =
            lint_selection("[lint.levels]\nunlimited-string = \"error\"\nclosed-union = \"off\"\n")
                .map_err(|_| ())
                .unwrap_or_default();
        assert_eq!(s.level("unlimited-string"), Some(Level::Error));
        assert!(!s.is_enabled("closed-union"));
    }

    #[test]
    fn unknown_rules_get_a_suggestion() {
        let errors = lint_selection("[lint]\nuse = [\"unlimted-string\"]\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        let help = errors
            .first()
            .and_then(|d| miette::Diagnostic::help(d).map(|h| h.to_string()))
            .unwrap_or_default();
        assert!(help.contains("did you mean `unlimited-string`?"), "{help}");
        assert!(lint_selection("[lint.levels]\nunlimited-string = \"loud\"\n").is_err());
        assert!(lint_selection("[[lint.accept]]\nrule = \"x\"\nreason = \"y\"\n").is_err());
    }

    #[test]
    fn unknown_keys_are_errors() {
        assert!(CheckConfig::parse("lex.toml", "[lint]\nuse = []\nbogus = 1\n").is_err());
        assert!(CheckConfig::parse("lex.toml", "[lnt]\n").is_err());
        assert!(CheckConfig::parse("lex.toml", "[build]\nx = 1\n[lint]\n").is_ok());
    }
}
