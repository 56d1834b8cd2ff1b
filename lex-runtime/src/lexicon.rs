//! Code-first lexicons: [`Lexicon`] (derived with `#[derive(lex_macros::Lexicon)]`) gives
//! a Rust type's lexicon document, and [`Lexicons`] writes the documents of several types
//! into a `lexicons/` folder, so CI can run `lex breaking` on a schema designed in Rust.
//!
//! The derive knows each type's own definition at compile time, but not the ids of the
//! types its fields refer to (a proc-macro sees only tokens), so documents are put
//! together here at run time: each type adds its definition to a [`Defs`], asking it for
//! the reference string of every type it names; a type of the same NSID is pulled into the
//! document, one of another NSID stays a reference. The text is laid out as `lex new`
//! writes and `lex fmt` keeps (two-space indent, every non-empty object expanded, arrays
//! on one line when they fit in 80 columns).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A Rust type with a lexicon definition: derive it with `#[derive(lex_macros::Lexicon)]`.
///
/// ```
/// use lex_runtime::lexicon::{Defs, Json};
/// use lex_runtime::Lexicon;
///
/// // What the derive writes for `#[lexicon(id = "com.example.ping")] struct Ping;`
/// struct Ping;
/// impl Lexicon for Ping {
///     const ID: &'static str = "com.example.ping";
///     fn lexicon_def(_defs: &mut Defs) -> Json {
///         Json::object([("type", Json::from("token"))])
///     }
/// }
/// assert_eq!(
///     Ping::lexicon_json(),
///     "{\n  \"lexicon\": 1,\n  \"id\": \"com.example.ping\",\n  \"defs\": {\n    \"main\": {\n      \"type\": \"token\"\n    }\n  }\n}\n"
/// );
/// ```
pub trait Lexicon {
    /// The definition's id: `com.example.note` for a `main` definition, else
    /// `com.example.note#tag`.
    const ID: &'static str;

    /// The description of the whole document (its top-level `description`), if this type
    /// gives one.
    const DOCUMENT_DESCRIPTION: Option<&'static str> = None;

    /// This definition's schema; types it refers to are named through
    /// [`Defs::reference`].
    fn lexicon_def(defs: &mut Defs) -> Json;

    /// The schema of a field of this type: a `ref` to this definition. Unions and
    /// known-values strings, which are not definitions, give their inline schema instead.
    fn lexicon_field(defs: &mut Defs) -> Json
    where
        Self: Sized,
    {
        Json::object([
            ("type", Json::from("ref")),
            ("ref", Json::Str(defs.reference::<Self>())),
        ])
    }

    /// The complete lexicon document of this type's NSID: this definition and every
    /// definition of the same NSID it refers to, in the fixed layout.
    fn lexicon_json() -> String
    where
        Self: Sized,
    {
        let mut set = Lexicons::new();
        set.add::<Self>();
        set.documents()
            .into_iter()
            .next()
            .map(|(_, text)| text)
            .unwrap_or_default()
    }
}

/// A JSON value with its keys in writing order (the lexicon layout puts `type` first).
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An object from `(key, value)` pairs, in order.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::Str(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::Str(s)
    }
}

/// A field's schema with `members` added: a description goes after `type`, anything
/// else (constraints) at the end.
pub fn field(schema: Json, members: Vec<(String, Json)>) -> Json {
    let Json::Object(mut object) = schema else {
        return schema;
    };
    for (key, value) in members {
        if key == "description" {
            let at = usize::from(object.first().is_some_and(|(k, _)| k == "type"));
            object.insert(at, (key, value));
        } else {
            object.push((key, value));
        }
    }
    Json::Object(object)
}

/// The definitions of one document being put together.
#[derive(Debug, Default)]
pub struct Defs {
    nsid: String,
    description: Option<&'static str>,
    /// Definitions by name; `None` while one is being built (a cycle refers to it).
    defs: BTreeMap<String, Option<Json>>,
}

/// `com.example.note#tag` -> (`com.example.note`, `tag`); no `#` means `main`.
fn split_id(id: &str) -> (&str, &str) {
    id.split_once('#').unwrap_or((id, "main"))
}

impl Defs {
    /// The reference string for `T` (`#tag` in the same NSID, else its full id without
    /// `#main`), adding `T`'s definition to the document when it belongs here.
    pub fn reference<T: Lexicon>(&mut self) -> String {
        let (nsid, name) = split_id(T::ID);
        if nsid != self.nsid {
            return if name == "main" {
                nsid.to_owned()
            } else {
                T::ID.to_owned()
            };
        }
        self.add::<T>();
        format!("#{name}")
    }

    fn add<T: Lexicon>(&mut self) {
        let (_, name) = split_id(T::ID);
        if self.description.is_none() {
            self.description = T::DOCUMENT_DESCRIPTION;
        }
        if self.defs.contains_key(name) {
            return;
        }
        self.defs.insert(name.to_owned(), None);
        let def = T::lexicon_def(self);
        self.defs.insert(name.to_owned(), Some(def));
    }

    fn document(&self) -> String {
        let mut defs: Vec<(&str, &Json)> = self
            .defs
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (k.as_str(), v)))
            .collect();
        // `main` first, the rest by name.
        defs.sort_by_key(|(name, _)| (*name != "main", *name));
        let mut out = String::new();
        out.push_str("{\n  \"lexicon\": 1,\n  \"id\": ");
        write_str(&mut out, &self.nsid);
        if let Some(description) = self.description {
            out.push_str(",\n  \"description\": ");
            write_str(&mut out, description);
        }
        out.push_str(",\n  \"defs\": {");
        for (i, (name, def)) in defs.iter().enumerate() {
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            write_str(&mut out, name);
            out.push_str(": ");
            write_value(&mut out, def, 4, 0);
        }
        out.push_str(if defs.is_empty() {
            "}\n}\n"
        } else {
            "\n  }\n}\n"
        });
        out
    }
}

/// The documents of several types, merged by NSID: what a code-first project publishes.
#[derive(Debug, Default)]
pub struct Lexicons {
    docs: BTreeMap<String, Defs>,
}

impl Lexicons {
    /// An empty set.
    pub fn new() -> Lexicons {
        Lexicons::default()
    }

    /// Adds `T`'s definition (and the same-NSID definitions it refers to).
    pub fn add<T: Lexicon>(&mut self) -> &mut Self {
        let (nsid, _) = split_id(T::ID);
        let defs = self.docs.entry(nsid.to_owned()).or_insert_with(|| Defs {
            nsid: nsid.to_owned(),
            description: None,
            defs: BTreeMap::new(),
        });
        defs.add::<T>();
        self
    }

    /// `(NSID, document text)` for each NSID, in NSID order.
    pub fn documents(&self) -> Vec<(String, String)> {
        self.docs
            .iter()
            .map(|(nsid, defs)| (nsid.clone(), defs.document()))
            .collect()
    }

    /// Writes each document to `dir/<nsid segments>.json` (`com/example/note.json`, the
    /// layout `lex install` uses), creating folders; returns the files written.
    pub fn write(&self, dir: impl AsRef<Path>) -> std::io::Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        for (nsid, text) in self.documents() {
            let mut path = dir.as_ref().to_path_buf();
            path.extend(nsid.split('.'));
            path.set_extension("json");
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, text)?;
            written.push(path);
        }
        Ok(written)
    }
}

/// The width prettier lays arrays out in.
const PRINT_WIDTH: usize = 80;

/// Writes `value` at `indent` (the column of its line's start); `tail` is what follows it
/// on the line (`,` inside a container), counted when an array decides whether it fits.
fn write_value(out: &mut String, value: &Json, indent: usize, tail: usize) {
    match value {
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Json::Str(s) => write_str(out, s),
        Json::Object(members) if members.is_empty() => out.push_str("{}"),
        Json::Object(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                push_indent(out, indent + 2);
                write_str(out, k);
                out.push_str(": ");
                let tail = usize::from(i + 1 < members.len());
                write_value(out, v, indent + 2, tail);
            }
            out.push('\n');
            push_indent(out, indent);
            out.push('}');
        }
        Json::Array(items) if items.is_empty() => out.push_str("[]"),
        Json::Array(items) => {
            let flat = flat(items);
            let column = out.len() - out.rfind('\n').map_or(0, |i| i + 1);
            match flat {
                Some(line)
                    if width(&out[out.len() - column..]) + width(&line) + tail <= PRINT_WIDTH =>
                {
                    out.push_str(&line);
                }
                _ => {
                    out.push('[');
                    for (i, v) in items.iter().enumerate() {
                        out.push_str(if i == 0 { "\n" } else { ",\n" });
                        push_indent(out, indent + 2);
                        write_value(out, v, indent + 2, usize::from(i + 1 < items.len()));
                    }
                    out.push('\n');
                    push_indent(out, indent);
                    out.push(']');
                }
            }
        }
    }
}

/// `[a, b]` on one line, when every item is a scalar.
fn flat(items: &[Json]) -> Option<String> {
    let mut line = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            line.push_str(", ");
        }
        match item {
            Json::Array(_) | Json::Object(_) => return None,
            scalar => write_value(&mut line, scalar, 0, 0),
        }
    }
    line.push(']');
    Some(line)
}

/// Display width: characters (lexicon arrays hold NSIDs and ASCII tokens).
fn width(text: &str) -> usize {
    text.chars().count()
}

fn push_indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A JSON string literal, escaped as serde_json escapes.
fn write_str(out: &mut String, s: &str) {
    match serde_json::to_string(s) {
        Ok(quoted) => out.push_str(&quoted),
        Err(_) => out.push_str("\"\""),
    }
}
