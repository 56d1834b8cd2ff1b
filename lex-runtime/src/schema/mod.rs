//! The lexicon schema model and its loader: JSON text -> [`Document`].
//!
//! The runtime owns the model so a service can validate records against schemas loaded at
//! run time without the compiler. [`Document::from_json_str`] and the compiler's parser
//! share one converter ([`convert_document`], generic over [`JsonTree`]), so there is one
//! lexicon parser in the codebase. Loading checks structure only (JSON types, required
//! fields); the spec's validity rules (placement, constraints, identifier syntax) live in
//! `lex-compiler`'s check stage.
//!
//! ```
//! use lex_runtime::schema::{Document, Schema};
//!
//! let doc = Document::from_json_str(r#"{"lexicon": 1, "id": "com.example.flag",
//!     "defs": {"main": {"type": "boolean", "default": true}}}"#)?;
//! assert!(matches!(doc.defs.get("main"), Some(Schema::Boolean(_))));
//! # Ok::<(), lex_runtime::schema::SchemaError>(())
//! ```

mod convert;
mod map;
mod model;
mod problem;
mod tree;

pub use convert::{convert_document, convert_schema, Converted, MISSING_FIELD, WRONG_JSON_TYPE};
pub use map::{SchemaMap, SchemaMapIter};
pub use model::*;
pub use problem::{pointer_push, Problem, SchemaError};
pub use tree::{JsonNumber, JsonTree, JsonView};

/// Problem id: the text is not JSON.
pub const INVALID_JSON: &str = "invalid-json";

impl Document {
    /// Parses lexicon JSON text; any structural problem makes the whole document an error.
    pub fn from_json_str(text: &str) -> Result<Document, SchemaError> {
        // serde_json caps nesting at 128 levels, which bounds the converter's recursion.
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| SchemaError {
            problems: vec![Problem {
                pointer: String::new(),
                id: INVALID_JSON,
                message: format!("not valid JSON: {e}"),
            }],
        })?;
        Document::from_json_value(&value)
    }

    /// Builds a document from an already parsed JSON value.
    pub fn from_json_value(value: &serde_json::Value) -> Result<Document, SchemaError> {
        let Converted { document, problems } = convert_document(value);
        match document {
            Some(document) if problems.is_empty() => Ok(document),
            _ => Err(SchemaError { problems }),
        }
    }

    /// The definition named `name`, if any.
    pub fn def(&self, name: &str) -> Option<&Schema> {
        self.defs.get(name)
    }
}

#[cfg(test)]
mod tests;
