//! Which rules run: the `[lint]` or `[breaking]` section of `lex.toml` resolved against
//! one registry into a [`Selection`] (levels, ignored files, accepted breaks).
//!
//! Kept apart from the file reader ([`crate::check::lex_toml`]) because it needs the
//! rules' vocabulary ([`crate::check::rule`]) while the reader needs none, and because
//! tests and build scripts build selections without any file ([`Selection::all`]).

use std::collections::BTreeMap;

use toml::Spanned;

use crate::check::glob::{check_glob, glob_segments, match_path, path_segments};
use crate::check::lex_toml::{Accept, CheckConfig, Section};
use crate::check::rule::{Category, Level, RuleEntry, Status};
use crate::diagnostics::Diagnostic;

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
    let mut cx = Resolve {
        config,
        section_name,
        entries,
        categories,
        names: entries
            .iter()
            .map(|e| e.info.id)
            .chain(categories.iter().map(|c| c.name))
            .collect(),
        errors: Vec::new(),
    };
    // Errors come in file order: use, except, levels, ignore, accept.
    let levels = cx.levels(section);
    for glob in &section.ignore {
        cx.check_ignore(glob);
    }
    for a in &section.accept {
        cx.check_accept(a);
    }
    if !cx.errors.is_empty() {
        return Err(cx.errors);
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

/// One section being resolved, with the errors found so far.
struct Resolve<'a> {
    config: &'a CheckConfig,
    section_name: &'a str,
    entries: &'static [RuleEntry],
    categories: &'a [Category],
    /// Rule ids and category names, for "did you mean".
    names: Vec<&'static str>,
    errors: Vec<Diagnostic>,
}

impl Resolve<'_> {
    fn unknown(&mut self, item: &Spanned<String>, what: &str) {
        let help = match did_you_mean(item.get_ref(), &self.names) {
            Some(s) => format!("did you mean `{s}`? (`lex explain --list` lists them)"),
            None => "run `lex explain --list` to see every rule and category".to_owned(),
        };
        let error = self.config.error(
            &item.span(),
            format!(
                "unknown {what} `{}` in [{}]",
                item.get_ref(),
                self.section_name
            ),
            "not a rule or category",
            help,
        );
        self.errors.push(error);
    }

    /// The rules a `use`/`except` item names: a rule, a category, `all` or `default`.
    fn expand(&self, name: &str) -> Option<Vec<&'static RuleEntry>> {
        let entries = self.entries;
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
        self.categories.iter().any(|c| c.name == name).then(|| {
            entries
                .iter()
                .filter(|e| e.categories.contains(&name))
                .collect()
        })
    }

    /// The enabled rules and their levels: `use` (or the defaults), minus `except`, then
    /// `levels`.
    fn levels(&mut self, section: &Section) -> BTreeMap<&'static str, Level> {
        let mut levels: BTreeMap<&'static str, Level> = BTreeMap::new();
        if section.use_.is_empty() {
            for e in self.entries.iter().filter(|e| e.default_on) {
                levels.insert(e.info.id, e.info.level);
            }
        }
        for item in &section.use_ {
            match self.expand(item.get_ref()) {
                Some(found) => {
                    for e in found {
                        levels.insert(e.info.id, e.info.level);
                    }
                }
                None => self.unknown(item, "rule or category"),
            }
        }
        for item in &section.except {
            match self.expand(item.get_ref()) {
                Some(found) => {
                    for e in found {
                        levels.remove(e.info.id);
                    }
                }
                None => self.unknown(item, "rule or category"),
            }
        }
        for (rule, level) in &section.levels {
            self.set_level(&mut levels, rule, level);
        }
        levels
    }

    /// Applies one `rule = "level"` entry of `levels`.
    fn set_level(
        &mut self,
        levels: &mut BTreeMap<&'static str, Level>,
        rule: &Spanned<String>,
        level: &Spanned<String>,
    ) {
        let id = resolve_alias(self.entries, rule.get_ref());
        let Some(entry) = self.entries.iter().find(|e| e.info.id == id) else {
            self.unknown(rule, "rule");
            return;
        };
        match level.get_ref().as_str() {
            "off" => {
                levels.remove(entry.info.id);
            }
            name => match Level::from_name(name) {
                Some(l) => {
                    levels.insert(entry.info.id, l);
                }
                None => self.errors.push(self.config.error(
                    &level.span(),
                    format!("unknown level `{name}` for `{}`", entry.info.id),
                    "not a level",
                    "use one of `error`, `warn`, `info` or `off`".to_owned(),
                )),
            },
        }
    }

    fn check_ignore(&mut self, glob: &Spanned<String>) {
        if let Err(why) = check_glob(glob.get_ref()) {
            self.errors.push(
                self.config.error(
                    &glob.span(),
                    format!(
                        "invalid glob `{}` in `[{}] ignore`: {why}",
                        glob.get_ref(),
                        self.section_name
                    ),
                    "invalid glob",
                    "globs take `*` and `?` within a segment and `**` as a whole segment, \
                 e.g. `lexicons/com/example/legacy/**`"
                        .to_owned(),
                ),
            );
        }
    }

    fn check_accept(&mut self, a: &Accept) {
        let section_name = self.section_name;
        let config = self.config;
        if let Some(nsid) = &a.nsid {
            if nsid.trim_end_matches('*').contains('*') || nsid.is_empty() {
                self.errors.push(config.error(
                    &a.rule.span(),
                    format!("invalid `nsid` pattern `{nsid}` in [[{section_name}.accept]]"),
                    "in this entry",
                    "give an NSID, or a prefix ending in one `*` (`com.example.*`)".to_owned(),
                ));
            }
        }
        if let Some(path) = &a.path {
            if !path.starts_with('/') {
                self.errors.push(config.error(
                    &a.rule.span(),
                    format!("invalid `path` `{path}` in [[{section_name}.accept]]"),
                    "in this entry",
                    "`path` is a JSON pointer into the lexicon, e.g. `/defs/main`".to_owned(),
                ));
            }
        }
        if section_name != "breaking" {
            self.errors.push(config.error(
                &a.rule.span(),
                format!("`accept` belongs in [breaking], not [{section_name}]"),
                "accepted break",
                "move the entry to a `[[breaking.accept]]` table".to_owned(),
            ));
        } else if !self.entries.iter().any(|e| e.info.id == a.rule.get_ref()) {
            self.unknown(&a.rule, "rule");
        }
        if a.reason.get_ref().trim().is_empty() {
            self.errors.push(config.error(
                &a.reason.span(),
                "an accepted break needs a reason".to_owned(),
                "empty reason",
                "say why this change is fine, e.g. \"never published\"".to_owned(),
            ));
        }
    }
}

/// Follows a deprecated rule's `replaced_by`, so old configs keep working.
fn resolve_alias<'a>(entries: &'a [RuleEntry], name: &'a str) -> &'a str {
    entries
        .iter()
        .find(|e| e.info.id == name)
        .and_then(|e| match e.info.status {
            Status::Deprecated {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
