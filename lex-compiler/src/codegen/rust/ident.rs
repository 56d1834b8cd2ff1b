//! All identifier mangling of the Rust backend: lexicon names (NSID segments, def names,
//! property names, `knownValues`, error names) -> Rust identifiers. Every generated name
//! goes through [`ident`] and, within one namespace, through a [`Names`] allocator that
//! resolves collisions, so the same input always gets the same names.
//!
//! Rules: split into words (camelCase humps, `-`, `_`, `.`, any non-identifier character),
//! case the words (`snake_case`, `UpperCamel`, `SCREAMING_SNAKE`), prefix a leading digit
//! with `_` (snake) or `V` (camel), replace an empty result with a placeholder, and make
//! keywords usable: raw identifiers (`r#type`) where Rust allows them, a trailing `_` for
//! `self`, `Self`, `super`, `crate` and `_`, which cannot be raw.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// The case an identifier is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: modules and fields.
    Snake,
    /// `UpperCamelCase`: types and variants.
    Camel,
    /// `SCREAMING_SNAKE_CASE`: constants.
    Shouty,
}

/// Strict and reserved keywords of Rust 2021 (raw-able ones).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The Rust spelling of `name` in `case` (a valid identifier, keyword-safe), as text.
/// Raw identifiers come back as `r#type`.
pub fn ident_text(name: &str, case: Case) -> String {
    // Non-identifier characters separate words, so `cid-link` reads like `cidLink`.
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut out = match case {
        Case::Snake => cleaned.to_snake_case(),
        Case::Camel => cleaned.to_upper_camel_case(),
        Case::Shouty => cleaned.to_shouty_snake_case(),
    };
    if out.is_empty() {
        out = match case {
            Case::Snake => "value".to_owned(),
            Case::Camel => "Value".to_owned(),
            Case::Shouty => "VALUE".to_owned(),
        };
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, if case == Case::Camel { "V" } else { "_" });
    }
    if NOT_RAW.contains(&out.as_str()) {
        out.push('_');
    } else if KEYWORDS.contains(&out.as_str()) {
        out.insert_str(0, "r#");
    }
    out
}

/// Names a module cannot have although they are identifiers: `mod` (the module `r#mod`
/// lives in `mod.rs`, the file of its parent namespace) and the names Windows reserves for
/// devices (`con.rs` cannot be created there).
const NOT_A_MODULE: &[&str] = &[
    "mod", "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The Rust spelling of an NSID segment as a module name: [`ident_text`] in snake case,
/// with a trailing `_` where the name would also be an unusable file name (`mod_`, `con_`).
/// Snake case is all lower case, so two module names never differ only by case, and a
/// name's file (`<name>.rs` or `<name>/mod.rs`) never collides with `mod.rs`.
pub fn module_text(segment: &str) -> String {
    let text = ident_text(segment, Case::Snake);
    let bare = text.trim_start_matches("r#");
    if NOT_A_MODULE.contains(&bare) {
        return format!("{bare}_");
    }
    text
}

/// [`ident_text`] as a token.
pub fn ident(name: &str, case: Case) -> Ident {
    make(&ident_text(name, case))
}

/// A token for text that [`ident_text`] produced (or a fixed, known-good name).
pub fn make(text: &str) -> Ident {
    match text.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(text, Span::call_site()),
    }
}

/// One namespace of names (a module's items, a struct's fields, an enum's variants):
/// the first claim of a name wins, later ones get `2`, `3`, ... appended.
#[derive(Debug, Default, Clone)]
pub struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// An empty namespace.
    pub fn new() -> Names {
        Names::default()
    }

    /// Marks a name as taken without allocating it (fixed names such as `extra`).
    pub fn reserve(&mut self, text: &str) {
        self.taken.insert(text.trim_start_matches("r#").to_owned());
    }

    /// A unique identifier for `name` in `case`.
    pub fn claim(&mut self, name: &str, case: Case) -> String {
        self.claim_text(ident_text(name, case), false)
    }

    /// A unique module name for NSID segment `segment` (see [`module_text`]).
    pub fn claim_module(&mut self, segment: &str) -> String {
        self.claim_text(module_text(segment), true)
    }

    /// `base` if free, else `base` without trailing `_` plus the first free number (for a
    /// module, one that is not a device name: `com` twice must not become `com2`... `com9`).
    fn claim_text(&mut self, base: String, module: bool) -> String {
        let bare = base.trim_start_matches("r#").to_owned();
        if self.taken.insert(bare.clone()) {
            return base;
        }
        let stem = bare.trim_end_matches('_');
        let stem = if stem.is_empty() { bare.as_str() } else { stem };
        let mut n = 2u32;
        loop {
            let candidate = format!("{stem}{n}");
            if module && NOT_A_MODULE.contains(&candidate.as_str()) {
                n += 1;
                continue;
            }
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangling() {
        assert_eq!(ident_text("type", Case::Snake), "r#type");
        assert_eq!(ident_text("self", Case::Snake), "self_");
        assert_eq!(ident_text("self", Case::Camel), "Self_");
        assert_eq!(ident_text("cid-link", Case::Snake), "cid_link");
        assert_eq!(ident_text("createdAt", Case::Snake), "created_at");
        assert_eq!(ident_text("postView", Case::Camel), "PostView");
        assert_eq!(
            ident_text("!no-unauthenticated", Case::Camel),
            "NoUnauthenticated"
        );
        assert_eq!(ident_text("3d", Case::Camel), "V3d");
        assert_eq!(ident_text("3d", Case::Snake), "_3d");
        assert_eq!(ident_text("", Case::Snake), "value");
        assert_eq!(ident_text("modlist", Case::Shouty), "MODLIST");
        let mut names = Names::new();
        names.reserve("extra");
        assert_eq!(names.claim("extra", Case::Snake), "extra2");
        assert_eq!(names.claim("fooBar", Case::Snake), "foo_bar");
        assert_eq!(names.claim("foo_bar", Case::Snake), "foo_bar2");
        assert_eq!(names.claim("type", Case::Snake), "r#type");
        assert_eq!(names.claim("type", Case::Snake), "type2");
    }
}
