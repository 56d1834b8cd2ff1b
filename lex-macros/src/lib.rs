//! Proc-macros for atproto Lexicon, thin over `lex-compiler`:
//!
//! - [`macro@lexicon`] (schema-first): `#[lexicon(path = "lexicons")] pub mod x {}` fills
//!   the module with the same items `lex build` writes, with no build step.
//!
//! Expanded code refers to `::lex_runtime`: add `lex-runtime` beside `lex-macros` in your
//! `Cargo.toml`. `lex-runtime` does not re-export these macros (as `serde` does with its
//! `derive` feature): `lex-macros` depends on `lex-compiler`, which depends on
//! `lex-runtime`, and Cargo refuses that cycle even for an optional dependency. The
//! project chose features over splitting a crate out of `lex-runtime`, so the two stay
//! separate dependencies.
#![deny(missing_docs)]

use proc_macro::TokenStream;

mod derive;
mod schema;

/// Generates Rust for lexicons: the module's body becomes the tree `lex build` writes for
/// the same input (types, validators, records, XRPC methods), from the same code in
/// `lex-compiler`.
///
/// ```
/// #[lex_macros::lexicon(json = r#"{
///   "lexicon": 1,
///   "id": "com.example.ping",
///   "defs": {
///     "main": {
///       "type": "record",
///       "key": "tid",
///       "record": {
///         "type": "object",
///         "required": ["text"],
///         "properties": { "text": { "type": "string", "maxLength": 64 } }
///       }
///     }
///   }
/// }"#)]
/// pub mod lexicons {}
///
/// use lexicons::com::example::ping::Ping;
/// let ping: Ping = serde_json::from_str(r#"{"$type": "com.example.ping", "text": "hi"}"#)?;
/// assert_eq!(ping.text, "hi");
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// Arguments:
///
/// - `path = "lexicons"`: a folder (walked recursively for `*.json`) or a file, relative
///   to the crate's `CARGO_MANIFEST_DIR`; repeatable.
/// - `json = r#"{...}"#`: an inline lexicon document, repeatable; not together with `path`.
/// - `include = ["app.bsky.feed.*"]`, `exclude = [...]`: NSID patterns, as
///   `lex build --include/--exclude` (referenced lexicons are always generated).
/// - `crate = "::my::lex_runtime"`: the path of the runtime crate if you renamed it.
///
/// Items you write inside the module are kept after the generated ones.
///
/// Errors: every error `lex check` reports becomes a `compile_error!` with the lexicon
/// file, line, column, code (`lex::resolve::unknown-ref`, ...) and help line, spanned on
/// the `path` literal holding the file (for `json`, on the literal, with the position
/// inside it). Warnings are not shown: run `lex check` or `lex lint` for them.
///
/// Rebuilds: every lexicon file read is tracked with `include_bytes!`, so editing one
/// re-expands the macro. A file added to or removed from a folder is not tracked (stable
/// proc-macros cannot watch folders): touch the source file holding the attribute.
#[proc_macro_attribute]
pub fn lexicon(args: TokenStream, item: TokenStream) -> TokenStream {
    schema::expand(args.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives `lex_runtime::Lexicon` (the type's lexicon document) and what generated types
/// implement: serde in the atproto JSON form, `Validate`, and `Record` for records.
///
/// ```
/// use lex_runtime::{Datetime, Lexicon, Map, Validate};
///
/// /// A short note kept in the author's repository.
/// #[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
/// #[lexicon(id = "com.example.note", record, key = "tid")]
/// pub struct Note {
///     /// The text of the note.
///     #[lexicon(max_length = 3000, max_graphemes = 300)]
///     pub text: String,
///     pub created_at: Datetime,
///     #[lexicon(max_length = 8, items(max_length = 64))]
///     pub tags: Option<Vec<String>>,
///     /// Fields this version does not declare, kept so data round-trips.
///     pub extra: Map,
/// }
///
/// let note: Note = serde_json::from_str(
///     r#"{"$type": "com.example.note", "text": "hi", "createdAt": "2026-12-05T12:00:00.000Z"}"#,
/// )?;
/// assert!(note.validate().is_ok());
/// assert!(Note::lexicon_json().contains(r#""maxGraphemes": 300"#));
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// On the type: `id = "nsid"` (or `"nsid#name"` for a non-`main` definition), then
/// `record` (with `key = "tid"`, the default, or `"any"`, `"nsid"`, `"literal:self"`),
/// `object` (the default), or `query`/`procedure`/`subscription` on a parameters struct
/// (with `output = Type`, `input = Type`, `input_encoding`/`output_encoding`, `message =
/// Union`, `errors = ["Name"]`). The doc comment is the description. On a field:
/// `max_length`, `min_length`, `max_graphemes`, `min_graphemes`, `minimum`, `maximum`,
/// `format`, `known_values = [...]`, `enum = [...]`, `const`,
/// `default`, `accept = [...]`, `max_size`, `nullable`, `rename = "wireName"` and
/// `items(...)` for the items of a `Vec`. The type gives the lexicon type and, for the
/// runtime's string types (`Datetime`, `Did`, `AtUri`, `Cid`, `Language`, ...), the
/// format; `Option` makes a field optional; any other type is a `ref` to its own
/// `Lexicon` definition (pulled into the document when it has the same NSID). A
/// constraint the field's type cannot carry is a compile error at the constraint.
///
/// A record or object with an `extra: lex_runtime::Map` field keeps unknown fields there
/// and writes them back, as generated types do; without one, unknown fields are read and
/// dropped. A unit struct is a token. Enums: `#[lexicon(union)]` (variants `Link(Box<Link>)`,
/// each member's `$type` its type's id, plus `Unknown(Map)`; `closed` without it) and
/// `#[lexicon(known_values)]` (unit variants, `#[lexicon(value = "...")]` or the variant
/// name in lowerCamelCase, plus `Other(String)`; `closed` makes an `enum` string). A field
/// of a known-values enum may carry string lengths. A query or procedure derived on its
/// parameters struct implements `Method` and `Query`/`Procedure` (`Input`/`Output` are the
/// `input`/`output` types, `()` when absent; declared errors become a `<Type>Error` enum
/// beside it; `output_object = T` / `input_object = T` write `T`'s object inline instead
/// of a `ref`). A subscription derived the same way implements `Method` and
/// `Subscription`: `message = T` names a `#[lexicon(union)]` enum of the message types,
/// whose members' ids are the frame types it reads and writes. `document_description =
/// "..."` sets the document's own description. A body that is not JSON is an encoding
/// alone (`input_encoding = "*/*"`, `output_encoding = "application/vnd.ipld.car"`): its
/// type is `lex_runtime::xrpc::RawBody`. An error may carry its description: `errors =
/// ["NotFound", ("Forbidden", "Only the owner may do this")]`.
#[proc_macro_derive(Lexicon, attributes(lexicon))]
pub fn derive_lexicon(input: TokenStream) -> TokenStream {
    derive::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
