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
