//! `lex.toml`: which lint and breaking rules run, at what level, on which files, and
//! which breaking changes were accepted on purpose.
//!
//! ```toml
//! max-lexicon-size = "8 MiB"          # lexicon files larger than this are refused (4 MiB)
//!
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
//! Unknown keys, rule ids and categories are errors with a "did you mean"; so are globs
//! this matcher cannot honour (`[a-z]`, `{a,b}`, `**` inside a segment). Sections owned
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
    /// The top-level `max-lexicon-size`, in bytes.
    pub max_lexicon_size: Option<u64>,
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
#[serde(rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    max_lexicon_size: Option<Spanned<toml::Value>>,
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
            Ok(file) => {
                let max_lexicon_size = match &file.max_lexicon_size {
                    None => None,
                    Some(value) => {
                        let parsed = match value.get_ref() {
                            toml::Value::Integer(n) => u64::try_from(*n)
                                .map_err(|_| "a size cannot be negative".to_owned()),
                            toml::Value::String(s) => parse_size(s),
                            _ => Err("expected a number of bytes or a string such as \"8 MiB\""
                                .to_owned()),
                        };
                        match parsed {
                            Ok(n) => Some(n),
                            Err(message) => {
                                return Err(Box::new(
                                    Diagnostic::error(
                                        "lex::config::invalid",
                                        format!("invalid `max-lexicon-size` in {name}: {message}"),
                                    )
                                    .label(to_span(&value.span()), "not a size")
                                    .help("write bytes (`8388608`) or a size with a unit (`\"8 MiB\"`)")
                                    .source(source),
                                ));
                            }
                        }
                    }
                };
                Ok(CheckConfig {
                    lint: file.lint.unwrap_or_default(),
                    breaking: file.breaking.unwrap_or_default(),
                    max_lexicon_size,
                    source: Some(source),
                })
            }
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
    /// `ignore` globs, split into segments once.
    ignore: Vec<Vec<String>>,
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
        if self.ignore.is_empty() {
            return false;
        }
        let path = file.replace('\\', "/");
        let path: Vec<&str> = path_segments(&path);
        self.ignore.iter().any(|g| match_path(g, &path))
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
    for glob in &section.ignore {
        if let Err(why) = check_glob(glob.get_ref()) {
            errors.push(
                config.error(
                    &glob.span(),
                    format!(
                        "invalid glob `{}` in `[{section_name}] ignore`: {why}",
                        glob.get_ref()
                    ),
                    "invalid glob",
                    "globs take `*` and `?` within a segment and `**` as a whole segment, \
                 e.g. `lexicons/com/example/legacy/**`"
                        .to_owned(),
                ),
            );
        }
    }
    for a in &section.accept {
        if let Some(nsid) = &a.nsid {
            if nsid.trim_end_matches('*').contains('*') || nsid.is_empty() {
                errors.push(config.error(
                    &a.rule.span(),
                    format!("invalid `nsid` pattern `{nsid}` in [[{section_name}.accept]]"),
                    "in this entry",
                    "give an NSID, or a prefix ending in one `*` (`com.example.*`)".to_owned(),
                ));
            }
        }
        if let Some(path) = &a.path {
            if !path.starts_with('/') {
                errors.push(config.error(
                    &a.rule.span(),
                    format!("invalid `path` `{path}` in [[{section_name}.accept]]"),
                    "in this entry",
                    "`path` is a JSON pointer into the lexicon, e.g. `/defs/main`".to_owned(),
                ));
            }
        }
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
        ignore: section
            .ignore
            .iter()
            .map(|g| glob_segments(g.get_ref()))
            .collect(),
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

/// Why `glob` is not one this matcher honours, if it is not.
fn check_glob(glob: &str) -> Result<(), &'static str> {
    if glob.trim().is_empty() {
        return Err("it is empty");
    }
    if glob.contains(['[', ']', '{', '}']) {
        return Err("`[...]` classes and `{a,b}` alternatives are not supported");
    }
    if glob_segments(glob)
        .iter()
        .any(|s| s.contains("**") && s != "**")
    {
        return Err("`**` must be a whole path segment (`a/**/b`, not `a**`)");
    }
    Ok(())
}

/// The segments of a glob, without a leading `./`.
fn glob_segments(glob: &str) -> Vec<String> {
    path_segments(glob.strip_prefix("./").unwrap_or(glob))
        .into_iter()
        .map(str::to_owned)
        .collect()
}

fn path_segments(path: &str) -> Vec<&str> {
    let path = path.strip_prefix("./").unwrap_or(path);
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// Whether `glob` matches `path` or one of its trailing sub-paths (so `com/example/**`
/// matches `lexicons/com/example/x.json`). `*` and `?` stay within a path segment; `**`
/// spans any number of segments.
pub fn glob_matches_path(glob: &str, path: &str) -> bool {
    let path = path.replace('\\', "/");
    match_path(&glob_segments(glob), &path_segments(&path))
}

/// Matching a trailing sub-path is matching `**/glob`.
fn match_path(glob: &[String], path: &[&str]) -> bool {
    let unanchored: Vec<&str> = std::iter::once("**")
        .chain(glob.iter().map(String::as_str))
        .collect();
    wildcard(
        &unanchored,
        path,
        |g| *g == "**",
        |g, p| match_segment(g.as_bytes(), p.as_bytes()),
    )
}

fn match_segment(glob: &[u8], text: &[u8]) -> bool {
    wildcard(glob, text, |g| *g == b'*', |g, t| *g == b'?' || g == t)
}

/// Wildcard matching where `is_star` items match any run of items: the greedy scan that
/// backs up only to the last star, so it takes O(pattern x text) steps where the naive
/// recursion was exponential in the number of stars (`*a*a*a*a*b`).
fn wildcard<P, T>(
    pattern: &[P],
    text: &[T],
    is_star: impl Fn(&P) -> bool,
    eq: impl Fn(&P, &T) -> bool,
) -> bool {
    let (mut p, mut t) = (0, 0);
    // The last star seen and the text position it currently stops at.
    let mut resume: Option<(usize, usize)> = None;
    while let Some(item) = text.get(t) {
        match pattern.get(p) {
            Some(g) if is_star(g) => {
                resume = Some((p, t));
                p += 1;
            }
            Some(g) if eq(g, item) => {
                p += 1;
                t += 1;
            }
            _ => match resume {
                Some((star, at)) => {
                    resume = Some((star, at + 1));
                    p = star + 1;
                    t = at + 1;
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(is_star))
}

/// Parses a size: bytes (`8388608`) or a number with a unit, binary (`KiB`, `MiB`, `GiB`)
/// or decimal (`KB`, `MB`, `GB`); `B` is bytes. Case and spaces do not matter.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(compact.len());
    let (number, unit) = compact.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` does not start with a number of bytes"))?;
    let factor: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "unknown unit `{unit}` (use B, KiB, MiB, GiB, KB, MB or GB)"
            ))
        }
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("`{text}` is too large"))
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

    #[test]
    fn many_stars_match_in_polynomial_steps() {
        // The old recursion took 2^n steps on these; the scan takes n * m.
        let name = "a".repeat(200);
        assert!(!glob_matches_path(
            &"*a".repeat(40).replace("*a*a", "*a*b"),
            &name
        ));
        let deep = vec!["x"; 200].join("/");
        assert!(!glob_matches_path(
            &format!("{}y", "**/x/".repeat(30)),
            &deep
        ));
        assert!(glob_matches_path("**/x/**/x/**", &deep));
        assert!(glob_matches_path("a?c*", "dir/abcdef"));
        assert!(!glob_matches_path("a?c", "dir/ac"));
    }

    #[test]
    fn invalid_globs_are_config_errors() {
        for glob in ["", "com/[ab]/**", "{a,b}/**", "lexicons/**.json"] {
            let text = format!("[lint]\nignore = [\"{glob}\"]\n");
            let errors = lint_selection(&text).err().unwrap_or_default();
            assert_eq!(errors.len(), 1, "{glob}");
            let message = errors.first().map(Diagnostic::message).unwrap_or_default();
            assert!(message.contains("[lint] ignore"), "{message}");
        }
        assert!(lint_selection("[lint]\nignore = [\"lexicons/**/legacy/*.json\"]\n").is_ok());
        let bad_accept =
            "[[breaking.accept]]\nrule = \"def-removed\"\nnsid = \"com.*.x\"\nreason = \"r\"\n";
        let config = CheckConfig::parse("lex.toml", bad_accept).map_err(|_| ());
        let errors = config.map(|c| {
            select(
                &c,
                &c.breaking,
                "breaking",
                crate::check::breaking::registry(),
                crate::check::breaking::categories(),
            )
            .err()
            .unwrap_or_default()
            .len()
        });
        assert_eq!(errors, Ok(1));
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("8388608"), Ok(8 << 20));
        assert_eq!(parse_size("8 MiB"), Ok(8 << 20));
        assert_eq!(parse_size("5mb"), Ok(5_000_000));
        assert!(parse_size("8 furlongs").is_err());
        assert!(parse_size("99999999999999 GiB").is_err());
        let c = CheckConfig::parse("lex.toml", "max-lexicon-size = \"16 MiB\"\n").ok();
        assert_eq!(c.and_then(|c| c.max_lexicon_size), Some(16 << 20));
        assert!(CheckConfig::parse("lex.toml", "max-lexicon-size = -1\n").is_err());
        assert!(CheckConfig::parse("lex.toml", "max-lexicon-size = \"big\"\n").is_err());
    }
}
