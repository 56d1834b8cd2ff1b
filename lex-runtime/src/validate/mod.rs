//! Dynamic validation: data-model values (or JSON text, or DAG-CBOR bytes) checked against
//! lexicon schemas loaded at run time (spec `lexicon.md` §6 and §8).
//!
//! * [`SchemaSet`] compiles [`crate::schema::Document`]s once: references resolved to
//!   indices, unresolved ones reported at load ([`SchemaSet::from_documents`]) or, in a
//!   lenient load, when data reaches them.
//! * [`Validator`] (from [`SchemaSet::validator`]) validates records, objects and any other
//!   definition, XRPC parameters, bodies and subscription messages, under [`Options`]
//!   (strict by default).
//! * Errors: [`ValidationErrors`], every [`ValidationError`] found, each with a path
//!   (`$.embed.images[0].alt`) and a message.
//!
//! Valid data costs no allocation: paths live on the stack and are rendered only for an
//! error, and the walk follows compiled indices, never reference strings.
//!
//! ```
//! use lex_runtime::schema::Document;
//! use lex_runtime::validate::{Options, SchemaSet};
//!
//! let doc = Document::from_json_str(r#"{"lexicon": 1, "id": "com.example.event",
//!   "defs": {"main": {"type": "record", "key": "tid", "record": {"type": "object",
//!     "required": ["at"], "properties": {"at": {"type": "string", "format": "datetime"}}}}}}"#)?;
//! let set = SchemaSet::from_documents([doc])?;
//! let text = r#"{"$type": "com.example.event", "at": "2024-01-02 03:04:05Z"}"#;
//! assert!(set.validator().validate_json("com.example.event", text).is_err());
//! let lenient = set.validator().options(Options::default().lenient_datetimes(true));
//! assert!(lenient.validate_json("com.example.event", text).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod blob;
mod node;
mod object;
mod options;
mod scalar;
mod schema_set;
mod string;
mod union;
mod validator;
mod walk;
mod xrpc;

pub use crate::constraint::{ValidationError, ValidationErrors};
pub use options::Options;
pub use schema_set::{DefId, LoadError, LoadProblem, SchemaSet};
pub use validator::{DefSelector, Validator};

#[cfg(test)]
mod tests;
