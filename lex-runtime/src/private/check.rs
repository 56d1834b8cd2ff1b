//! What a generated `validate()` calls: the shared constraint checks of
//! [`crate::constraint`], under the names generated code has always used.

pub use crate::constraint::{Checker, IntRule, Path, StrRule};
