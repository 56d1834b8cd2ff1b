//! Stage 4, emit: [`Catalog`](crate::ir::Catalog) -> generated source, one backend per
//! target language (only Rust so far).

pub mod rust;
