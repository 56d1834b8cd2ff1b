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
//! This module reads the file: unknown keys are errors, sections owned by other commands
//! (`[build]`, `[install]`, `[codegen]`) are skipped. What the `[lint]` and `[breaking]`
//! sections select is decided against the registries in [`crate::check::selection`],
//! where unknown rule ids and categories get a "did you mean".

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use miette::NamedSource;
use serde::Deserialize;
use toml::Spanned;

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
    pub(crate) fn error(
        &self,
        span: &Range<usize>,
        message: String,
        label: &str,
        help: String,
    ) -> Diagnostic {
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
    fn unknown_keys_are_errors() {
        assert!(CheckConfig::parse("lex.toml", "[lint]\nuse = []\nbogus = 1\n").is_err());
        assert!(CheckConfig::parse("lex.toml", "[lnt]\n").is_err());
        assert!(CheckConfig::parse("lex.toml", "[build]\nx = 1\n[lint]\n").is_ok());
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
