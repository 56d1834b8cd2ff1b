//! The constraint checks of Lexicon, written once: string lengths in UTF-8 bytes and in
//! extended grapheme clusters, `const` and `enum`, integer ranges, array and `bytes`
//! lengths, blob `accept` and `maxSize`, `unknown` being a map.
//!
//! Both validators call these: a generated type's [`crate::Validate`] impl and the dynamic
//! validator that walks [`crate::Value`]s against schemas loaded at run time, so the two
//! accept and reject the same data with the same messages. A [`Checker`] collects the
//! [`ValidationError`]s of one validation, each at its [`Path`]; the rule types
//! ([`StrRule`], [`IntRule`]) hold the limits a schema sets.
//!
//! ```
//! use lex_runtime::constraint::{Checker, Path, StrRule};
//!
//! let mut checker = Checker::new();
//! let rule = StrRule { max_len: Some(3000), max_graphemes: Some(3), ..StrRule::ANY };
//! checker.string("e\u{301}té", &Path::Root.key("text"), &rule); // 3 graphemes, 6 bytes
//! assert!(checker.is_ok());
//! checker.string("four", &Path::Root.key("text"), &rule);
//! let errors = checker.finish().unwrap_err();
//! assert_eq!(errors.to_string(), "$.text: string has more than 3 graphemes (the maximum)");
//! ```

mod blob;
mod checker;
mod error;
mod graphemes;
mod length;
mod number;
mod path;
mod string;

#[cfg(feature = "schema")]
pub(crate) use checker::article;
pub use checker::Checker;
pub use error::{ValidationError, ValidationErrors};
pub use number::IntRule;
pub use path::Path;
pub use string::StrRule;
